// title: Stance changes
// description: Actors who both support and criticize the same target (supporter/critic ->
//   target), with the dates of each side's evidence ('' where the text gives none), so a
//   change of stance, or a split one, shows.
// param: actor actor = "" — id, name or alias of an actor on either side; empty for all
// backends: falkordb, neo4j
MATCH (a:Entity)-[s:SUPPORTS]->(t:Entity)<-[c:CRITICIZES]-(a)
WHERE $actor = '' OR a.id = $actor OR t.id = $actor
RETURN a.name AS actor, t.name AS target,
       s.first_seen AS supports_first, s.last_seen AS supports_last, s.dates AS supports_dates,
       c.first_seen AS criticizes_first, c.last_seen AS criticizes_last, c.dates AS criticizes_dates
ORDER BY actor, target
