// FalkorDB variant of shortest_path.cypher: FalkorDB allows shortestPath only in WITH or
// RETURN and only directed, so this uses its algo.SPpaths procedure over both directions.
MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
WHERE a <> b
CALL algo.SPpaths({sourceNode: a, targetNode: b, relDirection: 'both', maxLen: 6, pathCount: 0,
                   relTypes: ['MET_WITH', 'HOLDS_ROLE', 'LEADS', 'MEMBER_OF', 'SUPPORTS', 'CRITICIZES',
                              'ALLIED_WITH', 'NEGOTIATES', 'PARTY_TO', 'FUNDS', 'IMPOSES']})
YIELD path
RETURN path, length(path) AS hops, [n IN nodes(path) | n.name] AS names
ORDER BY hops, names
LIMIT 1
