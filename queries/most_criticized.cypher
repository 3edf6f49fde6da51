// title: Most criticized actors
// description: Actors that the most distinct others criticize (CRITICIZES pointing at them),
//   with the pieces of evidence and the critics by name.
// param: limit int 1.. = 10 — how many actors to list
// backends: falkordb, neo4j
MATCH (critic:Entity)-[r:CRITICIZES]->(a:Entity)
WITH a, critic, r ORDER BY critic.name
WITH a, count(DISTINCT critic) AS critics, toInteger(sum(r.weight)) AS evidence,
     collect(DISTINCT critic.name) AS by
RETURN a.name AS actor, a.label AS label, critics, evidence, by
ORDER BY critics DESC, evidence DESC, actor
LIMIT $limit
