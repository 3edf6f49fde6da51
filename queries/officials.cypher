// title: Officials and their roles, by country
// description: People who lead a country or hold an office in it (direct LEADS and
//   HOLDS_ROLE relations), with the role as the articles word it; leaders first.
// param: country actor = "" — id, name or alias of a country; empty for every country
// backends: falkordb, neo4j
MATCH (p:Person)-[r:LEADS|HOLDS_ROLE]->(c:Country)
WHERE $country = '' OR c.id = $country
RETURN c.name AS country, p.name AS person, type(r) AS relation,
       coalesce(r.role, '') AS role, r.weight AS evidence
ORDER BY country, relation DESC, person, role
