// title: What is new since a date
// description: Relations first seen on or after a date (the earliest date of their evidence:
//   the date the text gives, else the article's), newest first, with the article that first
//   shows each. Dates compare as text (2025-10 comes before 2025-10-01).
// param: since date — first day to include: YYYY, YYYY-MM or YYYY-MM-DD
// param: actor actor = "" — id, name or alias of an actor to limit it to; empty for all
// backends: falkordb, neo4j
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $actor = '' OR a.id = $actor OR b.id = $actor
UNWIND range(0, size(r.quotes) - 1) AS i
OPTIONAL MATCH (art:Article {id: r.articles[i]})
WITH a, r, b, i, CASE WHEN r.dates[i] <> '' THEN r.dates[i] ELSE art.published END AS date
WHERE date IS NOT NULL
WITH a, r, b, date, r.articles[i] AS article ORDER BY date, article
WITH a, r, b, collect(date)[0] AS first_seen, collect(article)[0] AS first_article
WHERE first_seen >= $since
RETURN first_seen, a.name AS source, type(r) AS relation, b.name AS target, first_article,
       r.weight AS evidence, a.id AS source_id, b.id AS target_id, r.key AS key
ORDER BY first_seen DESC, source, relation, target, key
