// title: Actors mentioned in an article
// description: Every actor an article mentions, with how many typed relations the graph
//   holds for it from that article's evidence.
// param: article string — the article's id, file name (e.g. "002_af176d26679ac254.txt") or title
// backends: falkordb, neo4j
MATCH (art:Article)-[:MENTIONS]->(a:Entity)
WHERE art.id = $article OR art.file = $article OR toLower(art.title) = toLower($article)
OPTIONAL MATCH (a)-[r]-(:Entity)
WHERE art.id IN r.articles
WITH art, a, count(DISTINCT r) AS relations
RETURN art.id AS article, a.name AS actor, a.label AS label, relations
ORDER BY label, actor
