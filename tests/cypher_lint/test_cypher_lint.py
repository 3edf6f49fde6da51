"""Every Cypher statement actorgraph sends to Neo4j passes Neo4j 5's own parser and linter.

Runs tests/cypher_lint/lint.mjs (Neo4j's @neo4j-cypher/language-support from npm) over the
library queries as Neo4j receives them and every loader statement of actorgraph.cypher.
Needs `npm ci --prefix tests/cypher_lint` (see __init__.py for when it is skipped).
"""

from __future__ import annotations

import re

from actorgraph import cypher, queries

from . import run_lint

PARAM = re.compile(r"\$([A-Za-z_]\w*)")


def neo4j_statements(ontology) -> list[dict]:
    """What the Neo4j backend can send: library queries (Neo4j text) and loader statements."""
    statements = []
    for query in queries.load_library().values():
        if "neo4j" in query.backends:
            statements.append({"name": f"queries/{query.name}", "text": query.text_for("neo4j"),
                               "params": [p.name for p in query.params]})
    loader = [(f"cypher.MERGE_ENTITIES[{label}]", cypher.fill(cypher.MERGE_ENTITIES, label=label))
              for label in ontology.labels]
    loader += [(f"cypher.MERGE_RELATIONS[{t}]", cypher.fill(cypher.MERGE_RELATIONS, type=t))
               for t in ontology.relations]
    loader += [(f"cypher.all_statements[{i}]", text) for i, text in enumerate(cypher.all_statements())]
    # What only the Neo4j store sends: its batched delete and the index fallback.
    loader += [(f"cypher.{name}", getattr(cypher, name)) for name in dir(cypher)
               if name.startswith("NEO4J_") and isinstance(getattr(cypher, name), str)]
    loader += [(f"cypher.FALKOR_SCHEMA[{i}]", text) for i, text in enumerate(cypher.FALKOR_SCHEMA)]
    statements += [{"name": name, "text": text, "params": sorted(set(PARAM.findall(text)))}
                   for name, text in loader]
    return statements


def test_every_statement_sent_to_neo4j_passes_neo4j_5_grammar(ontology, tmp_path):
    statements = neo4j_statements(ontology)
    assert len(statements) >= 12 + len(ontology.labels) + len(ontology.relations)
    code, summary, output = run_lint(statements, tmp_path)
    assert summary["problems"] == [], output
    assert code == 0
    assert summary["statements"] == len(statements)


def test_the_linter_rejects_what_neo4j_would_reject(tmp_path):
    """The check can fail: a typo, an undefined variable, an undeclared parameter and a
    FalkorDB-only procedure (the FalkorDB shortest_path variant) are all reported."""
    falkor_variant = queries.load_library()["shortest_path"].text_for("falkordb")
    statements = [
        {"name": "typo", "text": "MATCH (n:Entity) RETRUN n", "params": []},
        {"name": "undefined", "text": "MATCH (n:Entity) RETURN m", "params": []},
        {"name": "param", "text": "MATCH (n:Entity {id: $who}) RETURN n", "params": []},
        {"name": "falkordb-only", "text": falkor_variant, "params": ["source", "target"]},
        {"name": "fine", "text": "MATCH (n:Entity {id: $id}) RETURN n.name", "params": ["id"]},
    ]
    code, summary, output = run_lint(statements, tmp_path)
    assert code == 1
    flagged = {p["name"] for p in summary["problems"]}
    assert flagged == {"typo", "undefined", "param", "falkordb-only"}, output
    assert "algo.SPpaths" in output
