// title: Brokers (betweenness)
// description: Actors that sit on the most shortest paths between others, by the normalised
//   betweenness centrality `actorgraph build` computes over the undirected tie graph.
// param: limit int 1.. = 10 — how many actors to list
// backends: falkordb, neo4j
MATCH (a:Entity)
WHERE a.betweenness > 0
RETURN a.name AS actor, a.label AS label, round(a.betweenness * 10000) / 10000.0 AS betweenness,
       a.degree AS degree, a.community AS community
ORDER BY betweenness DESC, actor
LIMIT $limit
