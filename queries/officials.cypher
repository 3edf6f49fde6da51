// title: Officials and their roles, by country
// description: People who lead a country or hold an office in it (direct LEADS and
//   HOLDS_ROLE relations), with the role as the articles word it and its status: former
//   ("former foreign minister", "ex-", "then"), future ("incoming", "designated",
//   "future", "-elect") or current. Sitting officials first, leaders first among them.
// param: country actor = "" — id, name or alias of a country; empty for every country
// backends: falkordb, neo4j
MATCH (p:Person)-[r:LEADS|HOLDS_ROLE]->(c:Country)
WHERE $country = '' OR c.id = $country
WITH p, r, c, toLower(coalesce(r.role, '')) AS role
WITH p, r, c,
     CASE WHEN any(w IN ['former ', 'ex-', 'ex ', 'then ', 'previous ', 'late '] WHERE role STARTS WITH w)
          THEN 'former'
          WHEN any(w IN ['future ', 'incoming ', 'designated ', 'designate ', 'nominated ', 'next ']
                   WHERE role STARTS WITH w) OR role CONTAINS '-elect' OR role ENDS WITH ' elect'
          THEN 'future'
          ELSE 'current' END AS status
RETURN c.name AS country, p.name AS person, type(r) AS relation,
       coalesce(r.role, '') AS role, status, r.weight AS evidence
ORDER BY country, CASE status WHEN 'current' THEN 0 WHEN 'future' THEN 1 ELSE 2 END,
         relation DESC, person, role
