// title: Shortest path between two actors
// description: The shortest chain of typed relations (in either direction, up to 6 steps)
//   linking two actors; among equally short chains, the first by the names along it.
// param: source actor — id, name or alias of the first actor
// param: target actor — id, name or alias of the second actor
// backends: falkordb, neo4j
MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
WHERE a <> b
MATCH path = allShortestPaths((a)-[:MET_WITH|HOLDS_ROLE|LEADS|MEMBER_OF|SUPPORTS|CRITICIZES|ALLIED_WITH|NEGOTIATES|PARTY_TO|FUNDS|IMPOSES*..6]-(b))
RETURN path, length(path) AS hops, [n IN nodes(path) | n.name] AS names
ORDER BY hops, names
LIMIT 1
