"""extract and evaluate: articles -> graph JSON, and scores against gold annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..extract import EXTRACTORS
from ..model import dumps_graph, write_text_atomic
from .app import App


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path, dir_okay=False,
              allow_dash=True), help="Graph JSON to write ('-' for stdout).")
@click.option("--per-article", type=click.Path(path_type=Path, file_okay=False),
              help="Also write one graph JSON per article into DIR, named after the article file.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes to extract with.")
@click.option("--extractor", type=click.Choice(EXTRACTORS), default="rules", show_default=True,
              help="rules (no model) or spacy (needs the [nlp] extra and a spaCy model).")
@click.option("--strict", is_flag=True, help="Fail if any file cannot be read.")
@click.pass_obj
def extract(app: App, paths, output, per_article, jobs, extractor, strict):
    """Extract an actor graph from article files or folders (.txt .md .html .jsonl).

    Files that cannot be read are reported on stderr, one line each; the command fails
    only when nothing could be read, or with --strict.
    """
    from ..pipeline import extract_paths

    result = extract_paths(list(paths), app.ontology, curation_path=app.curation_path, jobs=jobs,
                           extractor=extractor, strict=strict, progress=True)
    for problem in result.problems:
        click.echo(problem, err=True)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    text = dumps_graph(result.graph)
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        write_text_atomic(output, text)
    if per_article:
        for stem, graph in sorted(result.per_article.items()):
            write_text_atomic(Path(per_article) / f"{stem}.json", dumps_graph(graph))
    g = result.graph
    click.echo(f"{len(g.articles)} articles -> {len(g.nodes)} entities, {len(g.edges)} relations "
               f"({result.extractor})" + (f"; wrote {output}" if str(output) != "-" else ""), err=True)


@click.command()
@click.argument("gold_dir", type=click.Path(path_type=Path, file_okay=False))
@click.argument("articles_dir", type=click.Path(path_type=Path))
@click.option("--show-errors", is_flag=True, help="List missed and extra entities and relations per article.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--extractor", type=click.Choice(EXTRACTORS), default="rules", show_default=True)
@click.pass_obj
def evaluate(app: App, gold_dir, articles_dir, show_errors, as_json, extractor):
    """Extract from ARTICLES_DIR and score against GOLD_DIR/<stem>.gold.json files.

    Prints precision, recall and F1 for entities, typed relations (strict, and lenient with
    LEADS = HOLDS_ROLE) and linked pairs, computed as the project's score.py does.
    """
    from ..extract.scoring import format_scores, load_gold, score
    from ..pipeline import extract_paths

    gold = load_gold(gold_dir)
    result = extract_paths([articles_dir], app.ontology, extractor=extractor)
    for problem in result.problems:
        click.echo(problem, err=True)
    predictions = {stem: graph.to_dict() for stem, graph in result.per_article.items()}
    scores, report = score(gold, predictions)
    if show_errors:
        for stem, errors in report:
            click.echo(stem)
            click.echo("\n".join(errors) or "  (no errors)")
    click.echo(json.dumps(scores, indent=2) if as_json else format_scores(scores))


COMMANDS = [extract, evaluate]
