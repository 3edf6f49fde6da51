"""extract and evaluate: articles -> graph JSON, and scores against gold annotations."""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from ..display import escape_controls
from ..extract import EXTRACTORS
from ..model import dumps_graph
from ..output import write_files
from ..settings import SETTINGS, cache_dir
from .app import App, Folder, OutputName, setting_option


def extractor_options(command):
    """--extractor and the --llm-* settings; the command gets ``extractor`` and ``llm``.

    ``llm`` is the LLMConfig for --extractor llm (None otherwise). The API key is read
    from the environment only, here, when the command runs.
    """
    @functools.wraps(command)
    def wrapper(*args, extractor, llm_url, llm_model, llm_cache, llm_timeout, llm_retries,
                llm_chunk_chars, **kwargs):
        llm = None
        if extractor == "llm":
            from ..extract.llm import LLMConfig

            app = click.get_current_context().find_object(App)
            llm = LLMConfig(model=llm_model, url=llm_url,
                            api_key=os.environ.get(SETTINGS["llm_api_key"].envvar) or None,
                            cache_dir=Path(llm_cache) if llm_cache else Path(app.data_dir) / "llm-cache",
                            timeout=llm_timeout, retries=llm_retries, chunk_chars=llm_chunk_chars)
        return command(*args, extractor=extractor, llm=llm, **kwargs)

    options = [
        click.option("--extractor", type=click.Choice(EXTRACTORS), default="rules", show_default=True,
                     help="rules (no model), spacy (the [nlp] extra and a spaCy model) or llm "
                          "(a model on an OpenAI-compatible server; see --llm-url)."),
        setting_option("llm_url", "--llm-url", metavar="URL", show_default=True),
        setting_option("llm_model", "--llm-model", metavar="NAME"),
        setting_option("llm_cache", "--llm-cache", metavar="DIR",
                       type=click.Path(path_type=Path, file_okay=False)),
        setting_option("llm_timeout", "--llm-timeout", metavar="SECONDS",
                       type=click.FloatRange(min=0.1), show_default=True),
        setting_option("llm_retries", "--llm-retries", metavar="N", type=click.IntRange(0, 20),
                       show_default=True),
        setting_option("llm_chunk_chars", "--llm-chunk-chars", metavar="N",
                       type=click.IntRange(min=200), show_default=True),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _pipeline(extractor: str):
    """``extract_paths`` and ``per_article_files``, imported with the rule modules they run, whose
    patterns' compiled code is kept between runs (extract/pattern_cache.py): about half of the
    command's start-up is compiling them."""
    from ..extract.pattern_cache import kept

    with kept(cache_dir()):
        from ..pipeline import extract_paths, per_article_files

        if extractor != "llm":
            from ..extract import rules  # noqa: F401 - imported here for its patterns; get_extractor uses it
            from ..extract.lexicon import knowledge

            knowledge()  # loaded here, as the rules would at their first article, to be kept too
    return extract_paths, per_article_files


def _warn(line: str) -> None:
    click.echo(escape_controls(line), err=True)


def _print_llm_schema(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from ..extract.llm.schema import describe

    click.echo(describe(ctx.find_object(App).ontology), nl=False)
    ctx.exit()


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", required=True, type=OutputName(path=True), help="Graph JSON to write ('-' for stdout).")
@click.option("--per-article", type=Folder(),
              help="Also write one graph JSON per article into DIR, named after the article file "
                   "(or its JSON Lines id, made a safe file name).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes to extract with (with --extractor llm: requests at once).")
@extractor_options
@click.option("--strict", is_flag=True, help="Fail if any file cannot be read or any article cannot be extracted.")
@click.option("--print-llm-schema", is_flag=True, is_eager=True, expose_value=False,
              callback=_print_llm_schema,
              help="Print the prompt and JSON schema --extractor llm sends (made from the ontology), and exit.")
@click.pass_obj
def extract(app: App, paths, output, per_article, jobs, extractor, llm, strict):
    """Extract an actor graph from article files or folders (.txt .md .html .jsonl, RSS/Atom feeds).

    Files that cannot be read are reported on stderr, one line each; the command fails
    only when nothing could be read, or with --strict. With --extractor llm an article
    the model's server fails on gets one line too; the command fails when no article
    could be extracted, or with --strict.
    """
    extract_paths, per_article_files = _pipeline(extractor)
    result = extract_paths(list(paths), app.ontology, curation_path=app.curation_path, jobs=jobs,
                           extractor=extractor, strict=strict, progress=True, llm=llm, warn=_warn)
    for problem in result.problems:
        click.echo(escape_controls(problem), err=True)
    for note in result.notes:
        click.echo(escape_controls(f"note: {note}"), err=True)
    text = dumps_graph(result.graph)
    files = per_article_files(result.per_article, Path(per_article)) if per_article else {}
    if str(output) != "-":
        files[Path(output)] = text
    write_files(files)  # all or none, and only now that everything has succeeded
    if str(output) == "-":
        sys.stdout.write(text)
    g = result.graph
    click.echo(f"{len(g.articles)} article{'' if len(g.articles) == 1 else 's'} -> {len(g.nodes)} entities, {len(g.edges)} relations "
               f"({result.extractor})" + (f"; wrote {output}" if str(output) != "-" else ""), err=True)
    for line in result.summary:
        click.echo(escape_controls(line), err=True)


@click.command()
@click.argument("gold_dir", type=click.Path(path_type=Path, file_okay=False))
@click.argument("articles_dir", type=click.Path(path_type=Path))
@click.option("--show-errors", is_flag=True, help="List missed and extra entities and relations per article.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes to extract with (with --extractor llm: requests at once).")
@extractor_options
@click.pass_obj
def evaluate(app: App, gold_dir, articles_dir, show_errors, as_json, jobs, extractor, llm):
    """Extract from ARTICLES_DIR and score against GOLD_DIR/<stem>.gold.json files.

    Prints precision, recall and F1 for entities, typed relations (strict, and lenient with
    LEADS = HOLDS_ROLE) and linked pairs, computed as the project's score.py does.
    """
    from ..extract.scoring import format_scores, load_gold, score

    extract_paths, _ = _pipeline(extractor)
    gold = load_gold(gold_dir)
    result = extract_paths([articles_dir], app.ontology, extractor=extractor, llm=llm,
                           jobs=jobs, progress=extractor == "llm", warn=_warn)
    for problem in result.problems:
        click.echo(escape_controls(problem), err=True)
    for line in result.summary:
        click.echo(escape_controls(line), err=True)
    predictions = {stem: graph.to_dict() for stem, graph in result.per_article.items()}
    scores, report = score(gold, predictions)
    if show_errors:
        for stem, errors in report:
            click.echo(stem)
            click.echo("\n".join(errors) or "  (no errors)")
    click.echo(json.dumps(scores, indent=2) if as_json else format_scores(scores))


COMMANDS = [extract, evaluate]
