// title: Most connected actors
// description: Actors with the most distinct counterparts over typed relations, with the
//   number of relations and of pieces of evidence behind them.
// param: limit int 1.. = 10 — how many actors to list
// backends: falkordb, neo4j
MATCH (a:Entity)-[r]-(b:Entity)
WITH a, count(DISTINCT b) AS counterparts, count(DISTINCT r) AS relations,
     toInteger(sum(r.weight)) AS evidence
RETURN a.name AS actor, a.label AS label, counterparts, relations, evidence
ORDER BY counterparts DESC, relations DESC, actor
LIMIT $limit
