// title: Relations of one type
// description: Every relation of a given type (MET_WITH, FUNDS, IMPOSES, ...) with its
//   role or detail and how much evidence backs it.
// param: type relation — a relation type from graph/ontology.yaml, e.g. FUNDS
// backends: falkordb, neo4j
MATCH (a:Entity)-[r]->(b:Entity)
WHERE type(r) = $type
RETURN a AS source, r AS relation, b AS target,
       coalesce(r.role, r.detail, '') AS detail, r.weight AS evidence
ORDER BY a.name, b.name, detail
