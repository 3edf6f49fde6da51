"""Every Cypher statement the loaders send, in one place, always parameterised.

Labels and relation types cannot be query parameters in Cypher, so statements that
need them are templates filled only with names validated against the ontology
(see ``label_statement``); every value travels as a parameter.
"""

from __future__ import annotations

import re

_NAME = re.compile(r"^[A-Z][A-Za-z0-9_]*$")
_PROPERTY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# Nodes: one batch per label. {label} is an ontology label, checked by fill().
MERGE_ENTITIES = """
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:{label}
SET n += row.props
"""

MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props
"""

# Relations: one batch per type. Identity is the edge key, so re-loading is idempotent.
MERGE_RELATIONS = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
MERGE (a)-[r:{type} {key: row.key}]->(b)
SET r += row.props
"""

MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article}), (n:Entity {id: row.node})
MERGE (a)-[m:MENTIONS]->(n)
SET m.count = row.count
"""

# The same four into a fresh staging graph, which holds nothing yet: CREATE, at the
# engine's own rate (MERGE looks every row up first). Only for a graph known to be empty
# and rows known to be unique (a Graph's node ids and edge keys are).
CREATE_ENTITIES = """
UNWIND $rows AS row
CREATE (n:Entity:{label})
SET n = row.props, n.id = row.id
"""

CREATE_ARTICLES = """
UNWIND $rows AS row
CREATE (a:Article)
SET a = row.props, a.id = row.id
"""

CREATE_RELATIONS = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
CREATE (a)-[r:{type}]->(b)
SET r = row.props, r.key = row.key
"""

CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article}), (n:Entity {id: row.node})
CREATE (a)-[m:MENTIONS]->(n)
SET m.count = row.count
"""

SET_NODE_PROPERTIES = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.props
"""

# The same, each row [id, value, ...] in the order of the names set_node_values() fills in:
# the server reads a list of scalars for a third of the time it takes over a map of the same
# values, and the client builds and encodes it for a tenth (the late analytics values of a load).
SET_NODE_VALUES = """
UNWIND $rows AS row
MATCH (n:Entity {id: row[0]})
SET {assignments}
"""


def set_node_values(names: list[str]) -> str:
    """SET_NODE_VALUES for these property names (letters, digits and '_', not first a digit)."""
    for name in names:
        if not _PROPERTY.match(name):
            raise ValueError(f"not a property name: {name!r}")
    return SET_NODE_VALUES.replace(
        "{assignments}", ", ".join(f"n.`{name}` = row[{i}]" for i, name in enumerate(names, 1)))


# The same into a fresh staging graph, by the number FalkorDB gives each node (0, 1, 2, ...
# in the order they were created): $ids holds the node ids in that order and $v0, $v1, ...
# the values in the order of the names set_values_by_position() fills in. One scan, no index
# look-up per node (half the server's time of SET_NODE_VALUES at 50,000 nodes); a node whose
# id is not the one at its number is left alone, and the count says how many were set.
SET_VALUES_BY_POSITION = """
MATCH (n:Entity)
WITH n, id(n) AS i
WHERE i < size($ids) AND $ids[i] = n.id
SET {assignments}
RETURN count(n) AS n
"""


def set_values_by_position(names: list[str]) -> str:
    """SET_VALUES_BY_POSITION for these property names (as set_node_values)."""
    for name in names:
        if not _PROPERTY.match(name):
            raise ValueError(f"not a property name: {name!r}")
    return SET_VALUES_BY_POSITION.replace(
        "{assignments}", ", ".join(f"n.`{name}` = $v{i}[i]" for i, name in enumerate(names)))


COUNT_NODES = "MATCH (n:Entity) RETURN labels(n) AS labels, count(n) AS n"
COUNT_RELATIONS = "MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS type, count(r) AS n"
COUNT_ARTICLES = "MATCH (a:Article) RETURN count(a) AS n"

EXPORT_NODES = "MATCH (n:Entity) RETURN n ORDER BY n.id"
EXPORT_RELATIONS = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS source, type(r) AS type, b.id AS target, r AS rel
ORDER BY r.key
"""
EXPORT_ARTICLES = """
MATCH (a:Article)
OPTIONAL MATCH (a)-[:MENTIONS]->(n:Entity)
RETURN a AS article, collect(n.id) AS mentions
ORDER BY a.id
"""

DELETE_ALL = "MATCH (n) DETACH DELETE n"

# Actor parameters of named queries: the actors one lookup key (keys.lookup_key) names, and,
# when none does, every actor's names for the suggestion.
FIND_ACTORS = """
MATCH (n:Entity)
WHERE $key IN n.keys
RETURN n.id AS id, n.name AS name, n.aliases AS aliases
"""
ACTOR_NAMES = "MATCH (n:Entity) RETURN n.id AS id, n.name AS name, n.aliases AS aliases"

# Neo4j 5 schema statements (FalkorDB creates its own indexes, see store/falkor.py).
NEO4J_SCHEMA = [
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
]  # no index on n.keys: Neo4j 5's indexes do not answer list membership (FIND_ACTORS scans)

FALKOR_SCHEMA = [
    "CREATE INDEX FOR (n:Entity) ON (n.id)",
    "CREATE INDEX FOR (a:Article) ON (a.id)",
    "CREATE INDEX FOR (n:Entity) ON (n.name)",
    "CREATE INDEX FOR (n:Entity) ON (n.keys)",  # a list: the index answers $key IN n.keys
]


def fill(template: str, **names: str) -> str:
    """Put ontology names (labels, relation types) into a template, refusing anything else."""
    for value in names.values():
        if not _NAME.match(value):
            raise ValueError(f"not a label or relation type name: {value!r}")
    return template.replace("{label}", names.get("label", "{label}")).replace(
        "{type}", names.get("type", "{type}")
    )


def all_statements() -> list[str]:
    """Every loader statement, filled with a sample name, for grammar checks in CI."""
    return [
        fill(MERGE_ENTITIES, label="Person"), MERGE_ARTICLES,
        fill(MERGE_RELATIONS, type="MET_WITH"), MERGE_MENTIONS, fill(CREATE_ENTITIES, label="Person"),
        CREATE_ARTICLES, fill(CREATE_RELATIONS, type="MET_WITH"), CREATE_MENTIONS, SET_NODE_PROPERTIES,
        set_node_values(["degree", "betweenness"]), set_values_by_position(["degree", "betweenness"]),
        COUNT_NODES, COUNT_RELATIONS, COUNT_ARTICLES, EXPORT_NODES, EXPORT_RELATIONS,
        EXPORT_ARTICLES, DELETE_ALL, FIND_ACTORS, ACTOR_NAMES, *NEO4J_SCHEMA,
    ]

# Neo4j: empty actorgraph's part of the database in batches (one huge transaction can
# exhaust a laptop-sized heap), leaving any other data in the database alone.
NEO4J_DELETE_BATCH = """
MATCH (n)
WHERE n:Entity OR n:Article
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""
