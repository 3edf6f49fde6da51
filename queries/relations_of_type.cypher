// title: Relations of one type
// description: Every relation of a given type (MET_WITH, FUNDS, IMPOSES, ...) with its
//   role or detail and how much evidence backs it; ids and key to draw it by.
// param: type relation — a relation type from graph/ontology.yaml, e.g. FUNDS
// backends: falkordb, neo4j
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) = $type
RETURN a.name AS source, type(r) AS relation, b.name AS target,
       coalesce(r.role, r.detail, '') AS detail, r.weight AS evidence,
       a.id AS source_id, b.id AS target_id, r.key AS key
ORDER BY source, target, detail, key
