// title: Timeline of relations
// description: Every piece of evidence for a typed relation, in date order. date_source says
//   where its date comes from: 'text' (the article's text gives it), 'article' (the article's
//   publication date, as the text gives none), 'undated' (neither; these come last) or
//   'unknown' (a graph written before the source was recorded).
//   Optionally only the relations of one actor.
// param: actor actor = "" — id, name or alias of an actor; empty for all relations
// backends: falkordb, neo4j
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $actor = '' OR a.id = $actor OR b.id = $actor  // $actor: an id (names resolve first)
UNWIND range(0, size(r.quotes) - 1) AS i
OPTIONAL MATCH (art:Article {id: r.articles[i]})
WITH a, r, b, i, coalesce(r.dates[i], '') AS own, coalesce(r.date_sources[i], '') AS given,
     coalesce(art.published, '') AS published
WITH a, r, b, i,
     CASE WHEN own <> '' THEN own WHEN published <> '' THEN published END AS date,
     CASE WHEN own <> '' AND given <> '' THEN given
          WHEN own <> '' THEN 'unknown'
          WHEN published <> '' THEN 'article'
          ELSE 'undated' END AS date_source
RETURN date, date_source, a.name AS source, type(r) AS relation, b.name AS target,
       r.articles[i] AS article, r.quotes[i] AS quote
ORDER BY date IS NULL, date, source, relation, target, article, quote
