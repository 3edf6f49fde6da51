// title: Timeline of relations
// description: Every piece of evidence for a typed relation, in date order: the date the
//   article gives for it, else the article's publication date (date_from says which).
//   Optionally only the relations of one actor.
// param: actor actor = "" — id, name or alias of an actor; empty for all relations
// backends: falkordb, neo4j
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $actor = ''
   OR a.id = $actor OR toLower(a.name) = toLower($actor)
   OR any(alias IN a.aliases WHERE toLower(alias) = toLower($actor))
   OR b.id = $actor OR toLower(b.name) = toLower($actor)
   OR any(alias IN b.aliases WHERE toLower(alias) = toLower($actor))
UNWIND range(0, size(r.quotes) - 1) AS i
OPTIONAL MATCH (art:Article {id: r.articles[i]})
WITH a, r, b, i, art,
     CASE WHEN r.dates[i] <> '' THEN r.dates[i] ELSE art.published END AS date,
     CASE WHEN r.dates[i] <> '' THEN 'evidence' ELSE 'article' END AS date_from
WHERE date IS NOT NULL
RETURN date, date_from, a.name AS source, type(r) AS relation, b.name AS target,
       r.articles[i] AS article, r.quotes[i] AS quote
ORDER BY date, source, relation, target, article, quote
