// title: Actor neighbourhood
// description: Every typed relation within `hops` steps (1 or 2) of one actor: who the
//   actor deals with directly and, at 2 hops, who those actors deal with. Articles are
//   not stepped through. One row per relation: names, type, evidence count, and the ids
//   and key that --render and render/export --query draw it by (quotes: see `evidence`).
// param: actor actor — the actor's id, name or one of its aliases (any case), e.g. "Javier Milei"
// param: hops int 1..2 = 1 — how far to go: 1 or 2
// backends: falkordb, neo4j
MATCH (a:Entity {id: $actor})-[r1]-(b:Entity)
OPTIONAL MATCH (b)-[r2]-(:Entity) WHERE $hops = 2
WITH collect(DISTINCT r1) + collect(DISTINCT r2) AS ties
UNWIND ties AS r
WITH DISTINCT r
WITH startNode(r) AS s, r, endNode(r) AS t
RETURN s.name AS source, type(r) AS relation, t.name AS target, r.weight AS evidence,
       s.id AS source_id, t.id AS target_id, r.key AS key
ORDER BY source, relation, target, key
