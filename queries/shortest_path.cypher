// title: Shortest path between two actors
// description: The shortest chain of typed relations (in either direction, up to 6 steps)
//   linking two actors; among equally short chains, the first by the names along it.
// param: source string — id, name or alias of the first actor
// param: target string — id, name or alias of the second actor
// backends: falkordb, neo4j
MATCH (a:Entity), (b:Entity)
WHERE (a.id = $source OR toLower(a.name) = toLower($source)
       OR any(alias IN a.aliases WHERE toLower(alias) = toLower($source)))
  AND (b.id = $target OR toLower(b.name) = toLower($target)
       OR any(alias IN b.aliases WHERE toLower(alias) = toLower($target)))
  AND a <> b
MATCH path = allShortestPaths((a)-[:MET_WITH|HOLDS_ROLE|LEADS|MEMBER_OF|SUPPORTS|CRITICIZES|ALLIED_WITH|NEGOTIATES|PARTY_TO|FUNDS|IMPOSES*..6]-(b))
RETURN path, length(path) AS hops, [n IN nodes(path) | n.name] AS names
ORDER BY hops, names
LIMIT 1
