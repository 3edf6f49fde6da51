"""The exported Cypher script passes Neo4j 5's own parser and linter, parameter-free.

Neo4j cannot run here, so its grammar stands in: tests/cypher_lint/lint.mjs
(@neo4j-cypher/language-support from npm) checks every statement with no parameters
declared, so a `$param` would be reported. FalkorDB runs the same script for real in
test_export.py. Needs `npm ci --prefix tests/cypher_lint` (see tests/cypher_lint/__init__.py).
"""

from __future__ import annotations

from pathlib import Path


from actorgraph import export as exporting

from .cypher_lint import run_lint
from .test_export_graphs import tricky_graph

LINT_DIR = Path(__file__).parent / "cypher_lint"


def lint(statements: list[str], tmp_path: Path) -> dict:
    _, summary, _ = run_lint([{"name": f"line{i}", "text": s, "params": []}
                              for i, s in enumerate(statements)], tmp_path)
    return summary


def script_statements(graph, ontology) -> list[str]:
    script = exporting.render(graph, ontology, "cypher")[""]
    return [line for line in script.split("\n") if line and not line.startswith("//")]


def test_script_of_awkward_names_passes_neo4j_grammar(ontology, tmp_path):
    """Every statement shape (entity, article, relation, mention) and every statement with awkward text.

    The linter takes ~0.4 s a statement, so the plain statements of the same shapes are left out.
    """
    statements = script_statements(tricky_graph(ontology), ontology)
    shapes = {"MERGE (n:", "MERGE (a:", "MATCH (a:Entity", "MATCH (a:Article"}
    chosen = [s for s in statements if "pat-o-brien" in s or "swap-line" in s]
    chosen += [next(s for s in statements if s.startswith(shape)) for shape in sorted(shapes)]
    assert any("\\'" in s for s in chosen) and any("\\n" in s for s in chosen) and any("習近平" in s for s in chosen)
    summary = lint(chosen, tmp_path)
    assert summary["problems"] == []
    assert summary["statements"] == len(chosen)


def test_the_check_can_fail(tmp_path):
    """An unescaped quote and a parameter are what a careless exporter would write."""
    summary = lint(["MERGE (n:Entity {id: 'o'brien'});", "MERGE (n:Entity {id: $id});"], tmp_path)
    assert sorted({p["name"] for p in summary["problems"]}) == ["line0", "line1"]


def test_escaped_line_breaks_pass_neo4j_grammar(ontology, tmp_path):
    """The \\uXXXX escapes for \\v, \\x1c-\\x1e, U+0085, U+2028, U+2029 are Neo4j string escapes."""
    graph = tricky_graph(ontology)
    graph.nodes["pat-o-brien"].name = "a\vb\x1cc\x1dd\x1ee\x85f\u2028g\u2029MATCH (m) DETACH DELETE m //"
    chosen = [s for s in script_statements(graph, ontology) if s.startswith("MERGE (n:") and "pat-o-brien" in s]
    assert len(chosen) == 1 and "\\u2028g\\u2029MATCH" in chosen[0]
    summary = lint(chosen, tmp_path)
    assert summary["problems"] == []


def test_after_import_script_passes_neo4j_grammar(ontology, tmp_path):
    """after-import.cypher of the csv export (run by cypher-shell after neo4j-admin import)."""
    graph = tricky_graph(ontology)
    graph.nodes["mercosur"].aliases = []
    script = exporting.render(graph, ontology, "csv")["after-import.cypher"]
    statements = [line for line in script.split("\n") if line and not line.startswith("//")]
    shapes = ["CREATE CONSTRAINT", "CREATE INDEX entity_name", "CREATE INDEX holds_role_key", "CALL db.awaitIndexes",
              "UNWIND ['mercosur']", "UNWIND ['luis-caputo|HOLDS_ROLE"]
    chosen = [next(s for s in statements if s.startswith(shape)) for shape in shapes]
    summary = lint(chosen, tmp_path)
    assert summary["problems"] == []
    assert summary["statements"] == len(chosen)
