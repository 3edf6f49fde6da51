// title: Actor neighbourhood
// description: Every typed relation within `hops` steps (1 or 2) of one actor: who the
//   actor deals with directly and, at 2 hops, who those actors deal with. Articles are
//   not stepped through.
// param: actor actor — the actor's id, name or one of its aliases (any case), e.g. "Javier Milei"
// param: hops int 1..2 = 1 — how far to go: 1 or 2
// backends: falkordb, neo4j
MATCH (a:Entity {id: $actor})
MATCH p = (a)-[*1..2]-(:Entity)
WHERE length(p) <= $hops AND all(n IN nodes(p) WHERE n:Entity)
UNWIND relationships(p) AS r
WITH DISTINCT r
WITH startNode(r) AS source, r, endNode(r) AS target
RETURN source, r AS relation, target, r.weight AS evidence
ORDER BY source.name, type(r), target.name, r.key
