// title: Articles that mention an actor
// description: Every article that mentions the actor, by date, with how many of the actor's
//   typed relations that article gives evidence for.
// param: actor actor — id, name or alias of the actor
// backends: falkordb, neo4j
MATCH (art:Article)-[:MENTIONS]->(a:Entity {id: $actor})
OPTIONAL MATCH (a)-[r]-(:Entity)
WHERE art.id IN r.articles
WITH art, count(DISTINCT r) AS relations
RETURN art.published AS published, art.title AS title, art.file AS file, art.id AS article, relations
ORDER BY published, article
