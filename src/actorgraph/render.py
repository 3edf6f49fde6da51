"""Self-contained HTML views of a graph: one file that opens offline, anywhere.

The page inlines everything it needs: vis-network (the copy shipped inside the installed pyvis
package), our stylesheet and script, and the graph data as JSON. Nothing is fetched.

Why not pyvis's own ``Network.from_nx`` + ``write_html``: its template loads Bootstrap (and in
some modes vis-network) from CDNs, so the file breaks offline (pyvis #159, #228, #229), and its
``add_edge`` scans the edge list, so 20,000 nodes take minutes. We keep what pyvis does well —
a Jinja template around vis-network, and the vis-network build itself — and feed vis-network
compact arrays directly.

Large graphs (above PHYSICS_LIMIT nodes) get positions computed here with a vectorised
force-directed layout and the page turns physics off; vis-network's physics does not settle
on a few thousand nodes.

Text from articles never becomes HTML: the data block escapes every ``<``, ``>`` and ``&``,
and the page script builds the details panel with ``textContent`` only.
"""

from __future__ import annotations

import importlib.util
import json
import math
from collections import Counter
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from .errors import ActorGraphError, GraphDataError, InputError
from .model import Evidence, Graph, write_text_atomic
from .ontology import Ontology
from .select import article_span, on_timeline

PHYSICS_LIMIT = 300  # above this many nodes, positions are computed before writing
EDGE_LABEL_LIMIT = 1500  # above this many edges, edge labels are left to the details panel
EVIDENCE_LIMIT = 25  # quotes kept per edge in the page (the count says how many there are)
UNKNOWN_COLOR = "#999999"
GRAVITY = 1.5  # pull towards the centre in the large-graph layout (keeps small components near)
DIFF_COLORS = {"added": "#2ca02c", "removed": "#d62728", "changed": "#ff7f0e"}
NODE_DETAILS = ("role", "country", "community", "degree", "betweenness", "description")
TEMPLATES = Path(__file__).parent / "templates"


def render_html(graph: Graph, ontology: Ontology, path: Path, *, title: str, scope: str,
                generated_at: str | None = None) -> Path:
    """Write `graph` as one offline HTML view at `path` (atomically) and return the path.

    `scope` is a one-line description of what the view shows ("The whole graph", "Network of
    Javier Milei, depth 2"); the header adds when and from which articles it was generated.
    Raises InputError when the file cannot be written.
    """
    path = Path(path)
    if generated_at is None:
        generated_at = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    data = view_data(graph, ontology)
    html = _template().render(
        title=title, scope=scope, generated_at=generated_at,
        node_count=len(graph.nodes), edge_count=len(graph.edges), articles=data["articles"],
        vis_js=_vis_asset("vis-network.min.js"), vis_css=_vis_asset("vis-network.css"),
        view_js=(TEMPLATES / "view.js").read_text(encoding="utf-8"),
        view_css=(TEMPLATES / "view.css").read_text(encoding="utf-8"),
        data_json=script_json(data),
    )
    try:
        write_text_atomic(path, html)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the HTML view ({exc.strerror or exc})") from None
    return path


def view_data(graph: Graph, ontology: Ontology) -> dict:
    """The page's data: legend entries, articles, dates, and compact node and edge rows.

    node row: [id, name, label index, size value, x, y (None: physics places it),
               first date index (-1: undated), diff, aliases, details {role, country, ...}]
    edge row: [source row, target row, type index, short label, first date index,
               last date index, weight, diff, role or detail,
               [[article index, quote, date, date source, why]]]

    `dates` are the time slider's steps. They run over the articles' publication dates: a date
    the text gives outside them (a year mentioned in passing) sits at the nearest end
    (`select.on_timeline`); each quote keeps its own date, and its source says whether that
    date is from the text ("text"), the article's publication date ("article") or not recorded ("").
    """
    nodes = sorted(graph.nodes.values(), key=lambda n: n.id)
    edges = sorted(graph.edges.values(), key=lambda e: e.key)
    node_index = {node.id: i for i, node in enumerate(nodes)}
    label_names = _names(ontology.labels, (n.label for n in nodes))
    type_names = _names(ontology.relations, (e.type for e in edges))
    label_index = {name: i for i, name in enumerate(label_names)}
    type_index = {name: i for i, name in enumerate(type_names)}
    articles = sorted(graph.articles.values(), key=lambda a: (a.published or "", a.title, a.id))
    article_index = {a.id: i for i, a in enumerate(articles)}
    published = {a.id: a.published for a in articles}
    span = article_span(graph)

    def dated(evidence: list[Evidence]) -> list[tuple[Evidence, str | None, str]]:
        # (quote, its date, where the date comes from): a quote without its own date is dated by its article
        rows = []
        for q in evidence:
            if q.date:
                rows.append((q, q.date, q.date_source or ""))
            else:
                rows.append((q, published.get(q.article), "article" if published.get(q.article) else ""))
        return sorted(rows, key=lambda row: (row[1] or "", row[0].article, row[0].start or 0))

    edge_evidence = [dated(edge.evidence) for edge in edges]
    on_slider = {d: on_timeline(d, span) for evidence in edge_evidence for _, d, _ in evidence if d}
    dates = sorted(set(on_slider.values()))
    date_index = {d: i for i, d in enumerate(dates)}

    degree = [0] * len(nodes)
    first_date = [-1] * len(nodes)
    edge_rows = []
    for edge, evidence in zip(edges, edge_evidence):
        for end in (edge.source, edge.target):
            if end not in node_index:
                raise GraphDataError(f"relation {edge.key} points at {end!r}, which is not an actor in the graph")
        s, t = node_index[edge.source], node_index[edge.target]
        degree[s] += 1
        degree[t] += t != s
        seen = [date_index[on_slider[d]] for _, d, _ in evidence if d]
        first, last = (min(seen), max(seen)) if seen else (-1, -1)
        for end in (s, t):
            if first >= 0 and (first_date[end] < 0 or first < first_date[end]):
                first_date[end] = first
        note = edge.props.get("role") or edge.props.get("detail") or ""
        edge_rows.append([s, t, type_index[edge.type], short_label(edge.type, edge.props.get("role")),
                          first, last, edge.weight, edge.props.get("diff") or "", str(note),
                          [[article_index.get(q.article, -1), q.quote, d, source, q.why or ""]
                           for q, d, source in evidence[:EVIDENCE_LIMIT]]])

    size_by, sizes = _sizes(nodes, degree)
    positions = None
    if len(nodes) > PHYSICS_LIMIT:
        communities = [n.props.get("community") for n in nodes]
        positions = layout_positions(len(nodes), [r[0] for r in edge_rows], [r[1] for r in edge_rows],
                                     communities if None not in communities else None).round().astype(int).tolist()
    node_rows = []
    for i, node in enumerate(nodes):
        x, y = positions[i] if positions else (None, None)
        details = {k: node.props[k] for k in NODE_DETAILS if node.props.get(k) not in (None, "", [])}
        node_rows.append([node.id, node.name, label_index[node.label], sizes[i], x, y, first_date[i],
                          node.props.get("diff") or "", sorted(node.aliases), details])

    label_counts = Counter(n.label for n in nodes)
    type_counts = Counter(e.type for e in edges)
    return {
        "labels": [_label_entry(ontology, name, label_counts[name]) for name in label_names],
        "relations": [_type_entry(ontology, name, type_counts[name]) for name in type_names],
        "articles": [_article_entry(a) for a in articles],
        "dates": dates,
        "size_by": size_by,
        "layout": "fixed" if positions else "physics",
        "edge_labels": len(edges) <= EDGE_LABEL_LIMIT,
        "diff_colors": DIFF_COLORS,
        "nodes": node_rows,
        "edges": edge_rows,
    }


def _article_entry(article) -> dict:
    """Title, date, outlet and URL (the URL only when it is a web address, so it can be a link)."""
    entry = {"id": article.id, "title": article.title or article.id, "published": article.published or "",
             "outlet": str(article.props.get("outlet") or "")}
    url = str(article.props.get("url") or "")
    if url.lower().startswith(("https://", "http://")):
        entry["url"] = url
    return entry


def _names(declared: dict, used) -> list[str]:
    """The ontology's names in its order, then any others the graph uses (drawn in grey)."""
    return list(declared) + sorted(set(used) - set(declared))


def _label_entry(ontology: Ontology, name: str, count: int) -> dict:
    spec = ontology.labels.get(name)
    return {"name": name, "color": spec.color if spec else UNKNOWN_COLOR, "shape": spec.shape if spec else "dot",
            "description": spec.description if spec else "", "count": count}


def _type_entry(ontology: Ontology, name: str, count: int) -> dict:
    spec = ontology.relations.get(name)
    return {"name": name, "short": short_label(name), "color": spec.color if spec else UNKNOWN_COLOR,
            "family": spec.family if spec else "other", "symmetric": bool(spec and spec.symmetric),
            "meaning": spec.meaning if spec else "", "count": count}


def short_label(rel_type: str, role: str | None = None) -> str:
    """A few words for an edge: 'supports', 'met with', or the role for HOLDS_ROLE."""
    if rel_type == "HOLDS_ROLE" and role and len(role) <= 28:
        return role
    return rel_type.lower().replace("_", " ")


def script_json(data: dict) -> str:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' survives as such."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _sizes(nodes, computed_degree: list[int]) -> tuple[str, list[float]]:
    """Size each node by betweenness when build computed it, else by degree."""
    if nodes and any(isinstance(n.props.get("betweenness"), (int, float)) and n.props["betweenness"] > 0
                     for n in nodes):
        return "betweenness centrality", [round(float(n.props.get("betweenness") or 0), 6) for n in nodes]
    if nodes and all(isinstance(n.props.get("degree"), (int, float)) for n in nodes):
        return "number of relations", [n.props["degree"] for n in nodes]
    return "number of relations", list(computed_degree)


def layout_positions(n: int, sources: list[int], targets: list[int],
                     communities: list | None = None, seed: int = 7, iterations: int = 60):
    """Positions in pixels (an n x 2 array) for a large graph, computed before writing.

    Connected actors get a force-directed layout (`_force_layout`); actors without any
    relation stay at the origin, as the page does not draw them (it lists them on request).
    """
    import numpy as np

    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    src = np.asarray(sources, dtype=np.int64)
    dst = np.asarray(targets, dtype=np.int64)
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    linked = np.flatnonzero(degree > 0)
    if len(linked):
        renumber = np.full(n, -1, dtype=np.int64)
        renumber[linked] = np.arange(len(linked))
        groups = [communities[i] for i in linked] if communities is not None else None
        pos[linked] = _force_layout(len(linked), renumber[src], renumber[dst], groups,
                                    np.random.default_rng(seed), iterations)
    return pos * 60.0


def _force_layout(n: int, src, dst, communities, rng, iterations: int):
    """Fruchterman-Reingold, vectorised with numpy (ideal edge length 1).

    Repulsion is estimated from a random sample of nodes each round, which makes a round
    O(n * sample + edges) instead of O(n^2): good enough for an overview of a large graph.
    Communities, when given, seed the start so that each begins in its own region.
    """
    import numpy as np

    side = math.sqrt(n)
    if communities is not None:
        pos = _community_start(communities, rng)
    else:
        pos = rng.uniform(-side / 2, side / 2, (n, 2))
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    sample = min(n - 1, 32)
    temperature = side / 8
    cooling = 0.02 ** (1 / iterations)
    for _ in range(iterations):
        fx = -x * GRAVITY
        fy = -y * GRAVITY
        if sample > 0:
            picked = rng.choice(n, sample, replace=False)
            dx = x[:, None] - x[picked][None, :]
            dy = y[:, None] - y[picked][None, :]
            inverse = 1.0 / (dx * dx + dy * dy + 0.01)
            scale = (n - 1) / sample
            fx += (dx * inverse).sum(axis=1) * scale
            fy += (dy * inverse).sum(axis=1) * scale
        if len(src):
            ex, ey = x[dst] - x[src], y[dst] - y[src]
            length = np.sqrt(ex * ex + ey * ey)
            px, py = ex * length, ey * length
            fx += np.bincount(src, px, n) - np.bincount(dst, px, n)
            fy += np.bincount(src, py, n) - np.bincount(dst, py, n)
        step = np.sqrt(fx * fx + fy * fy) + 1e-9
        factor = np.minimum(step, temperature) / step
        x += (fx * factor).astype(np.float32)
        y += (fy * factor).astype(np.float32)
        temperature *= cooling
    return np.stack([x - x.mean(), y - y.mean()], axis=1)


def _community_start(communities: list, rng):
    """Start positions: each community a blob around its own centre."""
    import numpy as np

    groups: dict = {}
    for i, c in enumerate(communities):
        groups.setdefault(str(c), []).append(i)
    pos = np.zeros((len(communities), 2))
    ordered = sorted(groups.values(), key=len, reverse=True)
    total = len(communities)
    golden = math.pi * (3 - math.sqrt(5))
    for rank, members in enumerate(ordered):
        # sunflower spiral of community centres, biggest in the middle, filling a disc of
        # about the radius the force layout settles to
        radius = 0.9 * math.sqrt(total * rank / len(ordered))
        centre = (radius * math.cos(rank * golden), radius * math.sin(rank * golden))
        spread = math.sqrt(len(members)) * 0.5
        pos[members] = rng.normal(centre, spread, (len(members), 2))
    return pos


@lru_cache(maxsize=None)
def _vis_dir() -> Path:
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ActorGraphError('HTML views need the pyvis package: pip install "pyvis>=0.3.2"')
    lib = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib"
    versions = sorted(lib.glob("vis-*/vis-network.min.js"),
                      key=lambda p: tuple(int(x) for x in p.parent.name[4:].split(".") if x.isdigit()))
    if not versions:
        raise ActorGraphError(f"no vis-network copy found under {lib}; reinstall pyvis (pip install --force-reinstall pyvis)")
    return versions[-1].parent


@lru_cache(maxsize=None)
def _vis_asset(name: str) -> str:
    text = (_vis_dir() / name).read_text(encoding="utf-8")
    # an inlined script must not contain its own end tag
    return text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


@lru_cache(maxsize=None)
def _template():
    import jinja2  # a dependency of pyvis

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("view.html")
