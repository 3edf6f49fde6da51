// title: An actor's roles over time
// description: The offices an actor leads or holds (LEADS, HOLDS_ROLE), with the role as the
//   articles word it, whether they call it former, future or current, and the first and last
//   dates of its evidence, earliest first.
// param: actor actor — id, name or alias of the actor
// backends: falkordb, neo4j
MATCH (p:Entity {id: $actor})-[r:LEADS|HOLDS_ROLE]->(o:Entity)
WITH p, r, o, toLower(coalesce(r.role, '')) AS role
RETURN p.name AS actor, type(r) AS relation, coalesce(r.role, '') AS role, o.name AS of,
       CASE WHEN any(w IN ['former ', 'ex-', 'ex ', 'then ', 'previous ', 'late '] WHERE role STARTS WITH w)
            THEN 'former'
            WHEN any(w IN ['future ', 'incoming ', 'designated ', 'designate ', 'nominated ', 'next ']
                     WHERE role STARTS WITH w) OR role CONTAINS '-elect' OR role ENDS WITH ' elect'
            THEN 'future'
            ELSE 'current' END AS status,
       r.first_seen AS first_seen, r.last_seen AS last_seen, r.weight AS evidence
ORDER BY first_seen, last_seen, relation, role, of
