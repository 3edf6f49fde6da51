// title: Who criticizes an actor
// description: Every actor with a CRITICIZES relation pointing at the given one (critic ->
//   target), with how much evidence and when; most evidence first.
// param: actor actor — id, name or alias of the actor criticized
// backends: falkordb, neo4j
MATCH (c:Entity)-[r:CRITICIZES]->(t:Entity {id: $actor})
RETURN c.name AS critic, type(r) AS criticizes, t.name AS target, r.weight AS evidence,
       r.first_seen AS first_seen, r.last_seen AS last_seen, c.id AS critic_id, t.id AS target_id,
       r.key AS key
ORDER BY evidence DESC, critic, key
