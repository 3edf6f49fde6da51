// title: Who supports an actor
// description: Every actor with a SUPPORTS relation pointing at the given one (supporter ->
//   target), with how much evidence and when; most evidence first. ALLIED_WITH, which has no
//   direction, is left to signed_ties.
// param: actor actor — id, name or alias of the actor supported
// backends: falkordb, neo4j
MATCH (supporter:Entity)-[r:SUPPORTS]->(target:Entity {id: $actor})
RETURN supporter, r AS supports, target, r.weight AS evidence, r.first_seen AS first_seen,
       r.last_seen AS last_seen
ORDER BY evidence DESC, supporter.name
