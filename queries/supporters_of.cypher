// title: Who supports an actor
// description: Every actor with a SUPPORTS relation pointing at the given one (supporter ->
//   target), with how much evidence and when; most evidence first. ALLIED_WITH, which has no
//   direction, is left to signed_ties.
// param: actor actor — id, name or alias of the actor supported
// backends: falkordb, neo4j
MATCH (s:Entity)-[r:SUPPORTS]->(t:Entity {id: $actor})
RETURN s.name AS supporter, type(r) AS supports, t.name AS target, r.weight AS evidence,
       r.first_seen AS first_seen, r.last_seen AS last_seen, s.id AS supporter_id, t.id AS target_id,
       r.key AS key
ORDER BY evidence DESC, supporter, key
