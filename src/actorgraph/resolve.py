"""Resolution across articles: one node per actor in the combined graph.

Within an article the extractor already links surnames, titles, possessives, case errors,
acronyms and metonyms to one canonical entity. Across articles, nodes meet by id (the slug
of the canonical name); this module also merges what only another article can tell apart:
a bare surname ("Paz") with the one full name that ends in it, and a name that is another
node's alias or acronym ("IDB" -> Inter-American Development Bank). Then, in order
(``PASSES``): a person written with a nickname, an origin before the name, a middle name or
a slightly different spelling in another article ("Luis Andrés Caputo", "Argentine Carlos
Melconian", "Luis Caputto" -> Luis Caputo; similarity by rapidfuzz); an election named
without its kind ("2025 Argentine elections") with the one election of a kind of that year and
country; and an agreement of which one article names fewer sides with the one agreement of
that kind that has them all ("Argentina currency swap" -> United States–Argentina currency swap).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .extract.entities import AGREEMENT_KINDS, merge_elections
from .extract.lexicon import fold, knowledge
from .model import Edge, Graph, Node
from .ontology import Ontology


def merge_node(graph: Graph, source_id: str, target_id: str, ontology: Ontology) -> None:
    """Fold node ``source_id`` into ``target_id``: aliases, edges and article mentions move."""
    if source_id == target_id or source_id not in graph.nodes or target_id not in graph.nodes:
        return
    source = graph.nodes.pop(source_id)
    target = graph.nodes[target_id]
    target.add_aliases([source.name, *source.aliases])
    for key in list(graph.edges):
        edge = graph.edges[key]
        if source_id not in (edge.source, edge.target):
            continue
        del graph.edges[key]
        new_source = target_id if edge.source == source_id else edge.source
        new_target = target_id if edge.target == source_id else edge.target
        if new_source == new_target:
            continue
        spec = ontology.relations[edge.type]
        if not spec.allows(graph.nodes[new_source].label, graph.nodes[new_target].label):
            continue
        graph.add_edge(Edge(new_source, new_target, edge.type, list(edge.evidence), dict(edge.props)),
                       symmetric=spec.symmetric)
    for article in graph.articles.values():
        if source_id in article.mentions:
            article.mentions = sorted((set(article.mentions) - {source_id}) | {target_id})


def resolve_across(graph: Graph, ontology: Ontology) -> list[str]:
    """Merge nodes that name the same actor in different articles; returns a log line per merge."""
    log: list[str] = []
    by_label: dict[str, list[Node]] = {}
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        by_label.setdefault(node.label, []).append(node)
    merges: list[tuple[str, str]] = []
    for label, nodes in by_label.items():
        names = {fold(n.name): n.id for n in nodes}
        alias_owner: dict[str, set[str]] = {}
        for n in nodes:
            for alias in n.aliases:
                alias_owner.setdefault(fold(alias), set()).add(n.id)
        for n in nodes:
            owners = alias_owner.get(fold(n.name), set()) - {n.id}
            # a node whose name is another node's alias, when that is unambiguous
            if len(owners) == 1:
                owner = next(iter(owners))
                if len(graph.nodes[owner].name) > len(n.name):
                    merges.append((n.id, owner))
                    continue
            if label == "Person" and " " not in n.name:
                full = [m for m in nodes if m.id != n.id and " " in m.name
                        and fold(m.name.split()[-1]) == fold(n.name)]
                if len(full) == 1:
                    merges.append((n.id, full[0].id))
        del names
    _apply(graph, merges, ontology, log)
    for find in PASSES:
        _apply(graph, find(graph), ontology, log)
    return log


def _apply(graph: Graph, merges: list[tuple[str, str]], ontology: Ontology, log: list[str]) -> None:
    for source, target in merges:
        if source in graph.nodes and target in graph.nodes and source != target:
            log.append(f"resolved {graph.nodes[source].name!r} as {graph.nodes[target].name!r}")
            merge_node(graph, source, target, ontology)


QUOTED_RE = re.compile(r"\s+[“\"‘'][^“”\"‘’']+[”\"’']\s+")
SAME_SPELLING = 92  # rapidfuzz ratio of two folded names above which they are one spelling


def _person_key(name: str) -> list[str]:
    """Folded name words without a nickname or an origin in front: 'Argentine Luis "Toto" Caputo'
    -> ['luis', 'caputo']."""
    kb = knowledge()
    words = QUOTED_RE.sub(" ", name).split()
    while len(words) > 2 and (kb.is_demonym(words[0]) or "-" in words[0] and all(
            kb.is_demonym(p) or p.lower() in ("born", "based", "raised") for p in words[0].split("-"))):
        words = words[1:]
    return [fold(w) for w in words]


def _mentions(graph: Graph) -> dict[str, int]:
    counts: dict[str, int] = {}
    for article in graph.articles.values():
        for node_id in article.mentions:
            counts[node_id] = counts.get(node_id, 0) + 1
    return counts


def same_people(graph: Graph) -> list[tuple[str, str]]:
    """Pairs (merge, into) of person nodes that name one person in different forms.

    Compared within blocks of the same folded first name, so the cost stays near linear; a name
    joins another when, without nickname and origin, the two are equal, differ only by middle
    names, or are spelt alike (rapidfuzz ratio >= SAME_SPELLING with the same number of words).
    Names are taken from the most mentioned (then longest) down; each joins the one kept name it
    matches, and one that matches two kept names is ambiguous and stays apart.
    """
    counts = _mentions(graph)
    people = sorted((n for n in graph.nodes.values() if n.label == "Person" and " " in n.name),
                    key=lambda n: (-counts.get(n.id, 0), -len(n.name), n.id))
    blocks: dict[str, list[tuple[Node, list[str]]]] = {}
    for n in people:
        key = _person_key(n.name)
        if len(key) >= 2:
            blocks.setdefault(key[0], []).append((n, key))
    merges: list[tuple[str, str]] = []
    for block in blocks.values():
        kept: list[tuple[Node, list[str]]] = []
        for n, a in block:
            matches = [m for m, b in kept if _same_person(a, b)]
            if len(matches) == 1:
                merges.append((n.id, matches[0].id))
            else:
                kept.append((n, a))
    return merges


def _same_person(a: list[str], b: list[str]) -> bool:
    if a == b or (a[-1] == b[-1] and (set(a) < set(b) or set(b) < set(a))):
        return True
    return len(a) == len(b) and a[-1][:1] == b[-1][:1] and fuzz.ratio(" ".join(a), " ".join(b)) >= SAME_SPELLING


def _chains(merges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each source merged into the end of its chain, and no node both merged and merged into."""
    into = dict(merges)
    out = []
    for source in into:
        target, seen = into[source], {source}
        while target in into and target not in seen:
            seen.add(target)
            target = into[target]
        if target != source:
            out.append((source, target))
    return out


def same_elections(graph: Graph) -> list[tuple[str, str]]:
    """'2025 Argentine elections' into '2025 Argentine legislative election' when that is the
    only election of a kind of that year and country."""
    by_name = {n.name: n.id for n in graph.nodes.values() if n.label == "Event"}
    return [(by_name[a], by_name[b]) for a, b in merge_elections(sorted(by_name)).items()]


def agreement_kind(name: str) -> str | None:
    return next((k for k in AGREEMENT_KINDS if name.endswith(" " + k)), None)


def same_agreements(graph: Graph) -> list[tuple[str, str]]:
    """An agreement whose named sides are a part of those of exactly one agreement of the same
    kind is that agreement ('Argentina currency swap' -> 'United States–Argentina currency swap')."""
    agreements = sorted((n for n in graph.nodes.values() if n.label == "Agreement" and n.props.get("parties")),
                        key=lambda n: n.id)
    by_kind: dict[str, list[Node]] = {}
    for n in agreements:
        kind = agreement_kind(n.name)
        if kind:
            by_kind.setdefault(kind, []).append(n)
    merges = []
    for group in by_kind.values():
        for n in group:
            wider = [m for m in group if set(n.props["parties"]) < set(m.props["parties"])]
            if len(wider) == 1:
                merges.append((n.id, wider[0].id))
    return _chains(merges)


# Money, deals and the agreements they name: one agreement or event under other wordings.
KIND_WORDS = re.compile(r"\s+(?:agreement|agreements|programme|program|deal|accord|initiative|framework|pact|"
                        r"memorandum|treaty)$")
LENDER_WORDS = re.compile(r"\b(?:Fund|Bank|IMF|IDB|CAF)\b")


def _wording_key(name: str) -> str:
    """'FIRST programme' and 'FIRST agreement' -> 'first'; dashes and possessives evened out."""
    key = fold(name).replace("’", "'").replace("'s ", " ")
    key = re.sub(r"\s*[–—-]\s*", "-", key)
    return KIND_WORDS.sub("", key).strip()


def same_wordings(graph: Graph) -> list[tuple[str, str]]:
    """One agreement or event under different wordings across articles.

    Names equal but for the kind word ('FIRST programme' / 'FIRST agreement') or a few letters
    (rapidfuzz ratio >= 95 on names of a dozen letters or more) are one node; a partyless event
    whose words all lie in exactly one other event's name ('G20 summit' in '2024 G20 Rio de
    Janeiro summit') is that event; a country's financing program ('Argentina financing program')
    is the one agreement of that country with a lender ('Argentina–IMF agreement')."""
    merges: list[tuple[str, str]] = []
    for label in ("Agreement", "Event"):
        nodes = sorted((n for n in graph.nodes.values() if n.label == label),
                       key=lambda n: (not n.props.get("parties"), not n.name.endswith(" agreement"), n.id))
        kept: list[Node] = []
        for n in nodes:
            key = _wording_key(n.name)
            same = next((k for k in kept if _wording_key(k.name) == key or (
                len(key) >= 12 and fuzz.ratio(key, _wording_key(k.name)) >= 95 and
                set(re.findall(r"\d+", key)) == set(re.findall(r"\d+", _wording_key(k.name))))), None)
            if same is not None and sorted(same.props.get("parties") or []) in (
                    [], sorted(n.props.get("parties") or [])):
                merges.append((n.id, same.id))
            else:
                kept.append(n)
        if label == "Event":
            for n in kept:
                words = set(_wording_key(n.name).split())
                if len(words) < 2 or any(w.isdigit() for w in words):
                    continue
                wider = [k for k in kept if k is not n and words < set(_wording_key(k.name).split())]
                if len(wider) == 1:
                    merges.append((n.id, wider[0].id))
    agreements = [n for n in graph.nodes.values() if n.label == "Agreement"]
    for n in agreements:
        parties = n.props.get("parties") or []
        if not n.name.endswith(" financing program") or len(parties) != 1:
            continue
        lent = [k for k in agreements if k is not n and k.name.endswith(" agreement") and parties[0] in (
            k.props.get("parties") or []) and len(k.props.get("parties") or []) == 2 and any(
            LENDER_WORDS.search(p) for p in k.props["parties"] if p != parties[0])]
        if len(lent) == 1:
            merges.append((n.id, lent[0].id))
    return _chains(merges)


PASSES = [same_people, same_elections, same_agreements, same_wordings]
