// title: Actors whose name or alias contains a text
// description: Actors whose name or one of whose aliases contains the text, in any case,
//   with their aliases and number of relations; for finding the id or spelling to use.
// param: text string — part of a name or alias, e.g. "milei"
// param: limit int 1.. = 50 — how many actors to list
// backends: falkordb, neo4j
MATCH (a:Entity)
WHERE toLower(a.name) CONTAINS toLower($text)
   OR any(alias IN a.aliases WHERE toLower(alias) CONTAINS toLower($text))
OPTIONAL MATCH (a)-[r]-(:Entity)
WITH a, count(DISTINCT r) AS relations
RETURN a.id AS id, a.name AS name, a.label AS label, a.aliases AS aliases, relations
ORDER BY relations DESC, name, id
LIMIT $limit
