// title: Evidence for the relations between two actors
// description: Every typed relation between two actors (either direction) with each quote
//   that supports it, the article it comes from and its date.
// param: source string — id, name or alias of one actor
// param: target string — id, name or alias of the other actor
// backends: falkordb, neo4j
MATCH (a:Entity)-[r]-(b:Entity)
WHERE (a.id = $source OR toLower(a.name) = toLower($source)
       OR any(alias IN a.aliases WHERE toLower(alias) = toLower($source)))
  AND (b.id = $target OR toLower(b.name) = toLower($target)
       OR any(alias IN b.aliases WHERE toLower(alias) = toLower($target)))
UNWIND range(0, size(r.quotes) - 1) AS i
RETURN startNode(r).name AS source, type(r) AS relation, endNode(r).name AS target,
       r.articles[i] AS article, r.dates[i] AS date, r.quotes[i] AS quote
ORDER BY source, relation, target, article, quote
