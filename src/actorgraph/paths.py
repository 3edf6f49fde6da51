"""Shortest paths by a bidirectional breadth-first search, for stores whose engine has none.

FalkorDB can only find undirected shortest paths with ``algo.SPpaths``, which enumerates
paths and gave no answer within 30 s at a million relationships. This search asks the
store for one ring of neighbours at a time, always on the smaller side, and stops at the
first ring where the two sides meet; it answers what ``queries/shortest_path.cypher``
answers: among the shortest chains (up to ``max_hops``), the first by the names along it.
"""

from __future__ import annotations

from .store.base import GPath, Result

# The actor a parameter names: run_named has already resolved names and aliases to an id.
FIND_ACTORS = "MATCH (a:Entity {id: $actor}) RETURN id(a) AS node"
# One ring: every typed relation of the frontier's nodes, in either direction.
NEIGHBOURS = """
UNWIND $frontier AS node
MATCH (n:Entity)-[r]-(m:Entity)
WHERE id(n) = node
RETURN node, id(m) AS neighbour
"""
# Names of the nodes on shortest chains, which order them.
NAMES = """
UNWIND $nodes AS node
MATCH (n:Entity)
WHERE id(n) = node
RETURN node, n.name AS name
"""
# The chosen chain, hop by hop, with the first relation (by type, then key) of each hop.
# The ends are named by plain variables: FalkorDB seeks a node by `id(x) = a`, but scans
# every node for `id(x) = $chain[step]` (0.2-0.3 s a path at a million relationships).
CHAIN = """
UNWIND range(0, size($chain) - 2) AS step
WITH step, $chain[step] AS a, $chain[step + 1] AS b
MATCH (x:Entity)-[r]-(y:Entity)
WHERE id(x) = a AND id(y) = b
WITH step, x, r, y
ORDER BY step, type(r), r.key
WITH step, collect([x, r, y])[0] AS hop
RETURN step, hop[0] AS x, hop[1] AS r, hop[2] AS y
ORDER BY step
"""
COLUMNS = ["path", "hops", "names"]


def shortest_path(store, source: str, target: str, max_hops: int = 6) -> Result:
    """The named query ``shortest_path`` answered by search: columns path, hops, names.

    ``source`` and ``target`` are actor ids (``queries.run_named`` resolves names first).
    """
    starts = {row[0] for row in store.read(FIND_ACTORS, {"actor": source}).rows}
    ends = {row[0] for row in store.read(FIND_ACTORS, {"actor": target}).rows}
    both = starts & ends  # a chain joins two different actors: start an actor both name
    if ends - both:
        ends -= both
    else:
        starts -= both
    chain = _search(store, starts, ends, max_hops) if starts and ends else None
    if chain is None:
        return Result(list(COLUMNS), [])
    path = _fetch(store, chain)
    return Result(list(COLUMNS), [[path, len(chain) - 1, [n.properties.get("name") for n in path.nodes]]])


def _search(store, starts: set[int], ends: set[int], max_hops: int) -> list[int] | None:
    """Node ids of the first shortest chain by names, or None when none is short enough."""
    # depth[side][node]: rings from that side; parents[side][node]: the nodes one ring nearer
    # (a list: a ring through a country of 5,000 people finds some 40,000 nodes at once).
    depth: list[dict[int, int]] = [dict.fromkeys(starts, 0), dict.fromkeys(ends, 0)]
    parents: list[dict[int, list[int]]] = [{n: [] for n in starts}, {n: [] for n in ends}]
    frontier = [sorted(starts), sorted(ends)]
    rings = [0, 0]
    while rings[0] + rings[1] < max_hops and all(frontier):
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        rings[side] += 1
        ring, seen, nearer = rings[side], depth[side], parents[side]
        found: list[int] = []
        for node, neighbour in store.read(NEIGHBOURS, {"frontier": frontier[side]}).rows:
            was = seen.get(neighbour)
            if was is None:
                seen[neighbour] = ring
                nearer[neighbour] = [node]
                found.append(neighbour)
            elif was == ring:
                nearer[neighbour].append(node)
        frontier[side] = sorted(found)
        reached = [n for n in found if n in depth[1 - side]]
        if reached:  # the rings meet: the shortest chains pass through the nearest of these
            nearest = min(depth[1 - side][n] for n in reached)
            return _first_by_names(store, parents, depth,
                                   {n for n in reached if depth[1 - side][n] == nearest})
    return None


def _first_by_names(store, parents, depth, meeting: set[int]) -> list[int]:
    """Among the shortest chains through the meeting nodes, the first by the names along it."""
    # after[n]: the nodes that follow n on some shortest chain: toward the meeting nodes
    # (side 0's parents reversed), then from them on to the ends (side 1's parents).
    after: dict[int, set[int]] = {}
    on_chains: set[int] = set()
    for side in (0, 1):
        stack, seen = list(meeting), set(meeting)
        while stack:
            node = stack.pop()
            for parent in parents[side][node]:
                if side == 0:
                    after.setdefault(parent, set()).add(node)
                else:
                    after.setdefault(node, set()).add(parent)
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        if side == 0:
            starts = [n for n in seen if depth[0].get(n) == 0]
        on_chains |= seen
    names = {node: name or "" for node, name in store.read(NAMES, {"nodes": sorted(on_chains)}).rows}

    def first(candidates) -> int:
        return min(candidates, key=lambda n: (names.get(n, ""), n))

    chain = [first(starts)]
    while after.get(chain[-1]):
        chain.append(first(after[chain[-1]]))
    return chain


def _fetch(store, chain: list[int]) -> GPath:
    rows = store.read(CHAIN, {"chain": chain}).rows
    nodes = [rows[0][1]] + [row[3] for row in rows]
    return GPath(tuple(nodes), tuple(row[2] for row in rows))

