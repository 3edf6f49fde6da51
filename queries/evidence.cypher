// title: Evidence for the relations between two actors
// description: Every typed relation between two actors (either direction) with each quote
//   that supports it, the article it comes from and its date.
// param: source actor — id, name or alias of one actor
// param: target actor — id, name or alias of the other actor
// backends: falkordb, neo4j
MATCH (a:Entity {id: $source})-[r]-(b:Entity {id: $target})
UNWIND range(0, size(r.quotes) - 1) AS i
RETURN startNode(r).name AS source, type(r) AS relation, endNode(r).name AS target,
       r.articles[i] AS article, r.dates[i] AS date, r.quotes[i] AS quote
ORDER BY source, relation, target, article, quote
