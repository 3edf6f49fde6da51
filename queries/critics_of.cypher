// title: Who criticizes an actor
// description: Every actor with a CRITICIZES relation pointing at the given one (critic ->
//   target), with how much evidence and when; most evidence first.
// param: actor actor — id, name or alias of the actor criticized
// backends: falkordb, neo4j
MATCH (critic:Entity)-[r:CRITICIZES]->(target:Entity {id: $actor})
RETURN critic, r AS criticizes, target, r.weight AS evidence, r.first_seen AS first_seen,
       r.last_seen AS last_seen
ORDER BY evidence DESC, critic.name
