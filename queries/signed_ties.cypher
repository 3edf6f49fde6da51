// title: Who supports and who criticizes whom
// description: Signed ties between actors: SUPPORTS and ALLIED_WITH count +1, CRITICIZES -1;
//   optionally only the ties one actor takes part in (either end).
// param: actor actor = "" — id, name or alias of an actor; empty for every tie
// backends: falkordb, neo4j
MATCH (a:Entity)-[r:SUPPORTS|CRITICIZES|ALLIED_WITH]->(b:Entity)
WHERE $actor = '' OR a.id = $actor OR b.id = $actor
RETURN a.name AS source, type(r) AS relation, b.name AS target,
       CASE type(r) WHEN 'CRITICIZES' THEN -1 ELSE 1 END AS sign, r.weight AS evidence,
       a.id AS source_id, b.id AS target_id, r.key AS key
ORDER BY source, relation, target, key
