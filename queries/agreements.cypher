// title: Agreements, their parties, negotiators and funders
// description: For each agreement (or the one named): who is party to it, who negotiates
//   it, who supports and criticizes it, and who funds through it (FUNDS relations whose
//   detail starts with the agreement's name).
// param: agreement actor = "" — id, name or alias of one agreement; empty for all
// backends: falkordb, neo4j
MATCH (g:Agreement)
WHERE $agreement = '' OR g.id = $agreement
OPTIONAL MATCH (x:Entity)-[r:PARTY_TO|NEGOTIATES|SUPPORTS|CRITICIZES]->(g)
WITH g, x, r ORDER BY x.name
WITH g,
     [i IN collect({name: x.name, type: type(r)}) WHERE i.type = 'PARTY_TO' | i.name] AS parties,
     [i IN collect({name: x.name, type: type(r)}) WHERE i.type = 'NEGOTIATES' | i.name] AS negotiators,
     [i IN collect({name: x.name, type: type(r)}) WHERE i.type = 'SUPPORTS' | i.name] AS supporters,
     [i IN collect({name: x.name, type: type(r)}) WHERE i.type = 'CRITICIZES' | i.name] AS critics
OPTIONAL MATCH (f:Entity)-[m:FUNDS]->(:Entity)
WHERE toLower(m.detail) STARTS WITH toLower(g.name)
WITH g, parties, negotiators, supporters, critics, f ORDER BY f.name
RETURN g.name AS agreement, parties, negotiators, supporters, critics,
       collect(DISTINCT f.name) AS funders
ORDER BY agreement
