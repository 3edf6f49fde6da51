"""The offline HTML view, drawn by actorgraph.render (imported only when asked for)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..model import Graph
from ..ontology import Ontology


def export(graph: Graph, ontology: Ontology, options) -> dict[str, str]:
    from ..render import render_html

    with tempfile.TemporaryDirectory(prefix="actorgraph-html-") as folder:
        path = render_html(graph, ontology, Path(folder) / "view.html", title=options.title,
                           scope=options.scope)
        return {"": Path(path).read_text(encoding="utf-8")}
