// title: Mentioned together, never related
// description: Pairs of actors that appear in the same articles but have no typed relation
//   between them: candidates for a missed relation, or for curation.
// param: min_articles int 1.. = 2 — how many articles the pair must share
// param: limit int 1.. = 25 — how many pairs to list
// backends: falkordb, neo4j
MATCH (art:Article)-[:MENTIONS]->(a:Entity), (art)-[:MENTIONS]->(b:Entity)
WHERE a.id < b.id AND NOT (a)--(b)
WITH a, b, art ORDER BY art.id
WITH a, b, collect(DISTINCT art.id) AS articles
WHERE size(articles) >= $min_articles
RETURN a.name AS actor, b.name AS other, size(articles) AS together, articles
ORDER BY together DESC, actor, other
LIMIT $limit
