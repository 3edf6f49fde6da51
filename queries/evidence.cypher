// title: Evidence for the relations between two actors
// description: Every typed relation between two actors (either direction) with each quote
//   that supports it, the article it comes from, its date and where the date comes from
//   (date_source: 'text' or 'article'), and what found it (why: the rule or model).
// param: source actor — id, name or alias of one actor
// param: target actor — id, name or alias of the other actor
// backends: falkordb, neo4j
MATCH (a:Entity {id: $source})-[r]-(b:Entity {id: $target})
UNWIND range(0, size(r.quotes) - 1) AS i
RETURN startNode(r).name AS source, type(r) AS relation, endNode(r).name AS target,
       r.articles[i] AS article, r.dates[i] AS date, coalesce(r.date_sources[i], '') AS date_source,
       r.quotes[i] AS quote, coalesce(r.whys[i], '') AS why
ORDER BY source, relation, target, article, quote
