// title: Common neighbours of two actors
// description: Actors tied to both of two actors (by any typed relation, either direction),
//   with the relation types on each side.
// param: actor actor — id, name or alias of one actor
// param: other actor — id, name or alias of the other actor
// backends: falkordb, neo4j
MATCH (a:Entity {id: $actor})-[r1]-(n:Entity)-[r2]-(b:Entity {id: $other})
WHERE n <> a AND n <> b
WITH a, b, n, type(r1) AS t1, type(r2) AS t2 ORDER BY t1, t2
WITH a, b, n, collect(DISTINCT t1) AS with_actor, collect(DISTINCT t2) AS with_other
RETURN n.name AS neighbour, n.label AS label, a.name AS actor, with_actor, b.name AS other, with_other
ORDER BY neighbour
