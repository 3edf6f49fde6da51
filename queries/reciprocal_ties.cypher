// title: Reciprocal ties
// description: Pairs of actors tied in both directions by directed relations (A -> B and
//   B -> A, e.g. each supports the other, or one supports and the other criticizes), with the
//   types each way. MET_WITH and ALLIED_WITH have no direction and are left out.
// param: actor actor = "" — id, name or alias of an actor in the pair; empty for all
// backends: falkordb, neo4j
MATCH (a:Entity)-[r]->(b:Entity)-[q]->(a)
WHERE a.id < b.id AND NOT type(r) IN ['MET_WITH', 'ALLIED_WITH'] AND NOT type(q) IN ['MET_WITH', 'ALLIED_WITH']
  AND ($actor = '' OR a.id = $actor OR b.id = $actor)
WITH a, b, type(r) AS forward, type(q) AS backward ORDER BY forward, backward
RETURN a.name AS actor, collect(DISTINCT forward) AS actor_to_other, b.name AS other,
       collect(DISTINCT backward) AS other_to_actor
ORDER BY actor, other
