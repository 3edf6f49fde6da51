// Checks Cypher statements against Neo4j 5's grammar and semantic analysis, using Neo4j's
// own language-support package (the parser and linter behind Neo4j's editors and tools).
//
//   node lint.mjs --json statements.json   [{"name", "text", "params": [names] | null}, ...]
//   node lint.mjs queries/*.cypher          files as they are (parameters not checked)
//
// Prints one line per problem ("name:line:column: message") and a JSON summary on the last
// line; exits 1 if any statement has an error (warnings, e.g. unknown labels, are ignored).
// Functions and procedures are checked against the Neo4j 5 catalogue the package ships
// (testData.mockSchema), so a FalkorDB-only procedure such as algo.SPpaths is an error.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const ERROR = 1; // vscode DiagnosticSeverity.Error

function statementsFrom(argv) {
  if (argv[0] === '--json') {
    return JSON.parse(readFileSync(argv[1] === '-' ? 0 : argv[1], 'utf8'));
  }
  return argv.map((path) => ({ name: basename(path), text: readFileSync(path, 'utf8'), params: null }));
}

function lint(statement) {
  const catalogue = testData.mockSchema;
  const schema = {
    functions: catalogue.functions,
    procedures: catalogue.procedures,
    defaultLanguage: 'CYPHER 5',
    parameters: Object.fromEntries((statement.params ?? []).map((name) => [name, null])),
  };
  const { diagnostics } = lintCypherQuery(statement.text, schema);
  return diagnostics
    .filter((d) => d.severity === ERROR)
    .filter((d) => statement.params !== null || !/^Parameter \$.* is not defined\.$/.test(d.message))
    .map((d) => ({
      name: statement.name,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      message: d.message,
    }));
}

const statements = statementsFrom(process.argv.slice(2));
const problems = statements.flatMap(lint);
for (const p of problems) {
  console.log(`${p.name}:${p.line}:${p.column}: ${p.message}`);
}
console.log(JSON.stringify({ statements: statements.length, problems }));
process.exit(problems.length ? 1 : 0);
