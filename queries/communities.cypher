// title: Communities
// description: Groups of actors more tied to each other than to the rest (Louvain
//   communities, or Leiden above 1,000 actors, computed at build), largest first,
//   members by name.
// param: min_size int 1.. = 2 — leave out communities smaller than this
// backends: falkordb, neo4j
MATCH (a:Entity)
WHERE a.community IS NOT NULL AND a.community >= 0
WITH a ORDER BY a.name
WITH a.community AS community, collect(a.name) AS members
WHERE size(members) >= $min_size
RETURN community, size(members) AS size, members
ORDER BY size DESC, community
