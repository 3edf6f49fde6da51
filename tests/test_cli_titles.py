"""The stakeholder-facing words of the CLI: page titles on every HTML-writing command, help text
without raw markup."""

from __future__ import annotations

import html as htmllib
import re

import click
from click.testing import CliRunner

from actorgraph.cli import main
from actorgraph.model import write_graph

from .test_export_graphs import tricky_graph

TITLE = "Milei & Trump: <the alliance>"


def run(*args, data_dir=None):
    prefix = ["--data-dir", str(data_dir)] if data_dir else []
    return CliRunner().invoke(main, [*prefix, *(str(a) for a in args)])


def page_title(path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    tab = re.search(r"<title>(.*?)</title>", text, re.S).group(1)
    heading = re.search(r"<h1>(.*?)</h1>", text, re.S).group(1)
    return htmllib.unescape(tab), htmllib.unescape(heading)


def test_build_render_and_html_export_take_a_title(ontology, data_dir, tmp_path):
    graph_file = tmp_path / "graph.json"
    write_graph(tricky_graph(ontology), graph_file)
    for args, out in [(["build", "--title", TITLE, "--out"], tmp_path / "build.html"),
                      (["render", "--graph", graph_file, "--title", TITLE, "-o"], tmp_path / "render.html"),
                      (["export", "--graph", graph_file, "-f", "html", "--title", TITLE, "-o"], tmp_path / "e.html")]:
        result = run(*args, out, data_dir=data_dir)
        assert result.exit_code == 0, result.output
        assert page_title(out) == (TITLE, TITLE), args[0]


def test_build_keeps_its_default_title(data_dir, tmp_path):
    out = tmp_path / "index.html"
    assert run("build", "--out", out, data_dir=data_dir).exit_code == 0
    assert page_title(out) == ("actorgraph: the whole graph",) * 2


def test_no_help_text_shows_raw_backticks():
    def walk(command, path):
        text = command.get_help(click.Context(command, info_name=" ".join(path)))
        yield " ".join(path), text
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, path + [name])

    pages = dict(walk(main, ["actorgraph"]))
    assert len(pages) > 10 and "actorgraph store start" in pages and "actorgraph build" in pages
    assert "--title" in pages["actorgraph build"]
    assert {name: [line for line in text.splitlines() if "`" in line]
            for name, text in pages.items() if "`" in text} == {}
