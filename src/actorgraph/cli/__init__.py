"""The `actorgraph` command: global options, then one module of commands per topic.

Commands parse flags, call one library function and format its result; every
ActorGraphError becomes a one-line "Error: ..." (exit 1) unless --debug is given, and every
usage error (a flag or value click refuses) a one-line "Error: ..." (exit 2) that names the
command's --help.
"""

from __future__ import annotations

import errno
import importlib
import sys
from pathlib import Path

import click

from .. import __version__
from ..display import error_line
from ..errors import ActorGraphError
from .app import App, Folder, setting_option


# The module of each command, imported only when that command runs (or help lists them):
# `actorgraph query` need not import extraction, analytics, rendering or export code.
COMMAND_MODULES = {"init": "init", "build": "build", "load": "build", "snapshot": "build", "store": "build",
                   "extract": "extract", "evaluate": "extract", "query": "query", "queries": "query",
                   "render": "export", "export": "export", "diff": "export"}


class ActorGraphGroup(click.Group):
    """Translates errors once, at the edge: no traceback for anything a user can cause.

    Commands are loaded lazily, from COMMAND_MODULES.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMAND_MODULES) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in COMMAND_MODULES:
            module = importlib.import_module(f"{__name__}.{COMMAND_MODULES[name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(name)

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:
            args = _debug_first(args)
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:  # a global option click refuses
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # an unknown command, or a command's flag or value refused
            raise _one_line(exc) from None
        except ActorGraphError as exc:
            if _debug(ctx):
                raise
            raise click.ClickException(error_line(str(exc))) from None
        except BrokenPipeError:
            # A closed pipe (`actorgraph query ... | head`) ends quietly.
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:
            if _debug(ctx) or exc.errno not in _USER_ERRNOS:
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror}") from None


_USER_ERRNOS = {errno.EACCES, errno.EPERM, errno.ENOENT, errno.EROFS, errno.ENOSPC,
                errno.EISDIR, errno.ENOTDIR, errno.EEXIST, errno.ENAMETOOLONG}


def _debug_first(args: list[str]) -> list[str]:
    """``--debug`` may be written anywhere before ``--`` (``actorgraph query NAME --debug``):
    it is the group's flag, so it is moved in front of the command's name."""
    args = list(args)
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return args
    return ["--debug"] + [arg for i, arg in enumerate(args) if not (i < end and arg == "--debug")]


def _one_line(exc: click.UsageError) -> click.UsageError:
    """click's usage error as one line: its message, then where help is, instead of the
    command's usage synopsis above it ("Usage: ...", "Try ... for help.", "", "Error: ...")."""
    if exc.ctx is None:
        return exc
    one = click.UsageError(f"{error_line(exc.format_message())} (see '{exc.ctx.command_path} --help')")
    one.exit_code = exc.exit_code
    return one


def _debug(ctx: click.Context) -> bool:
    app = ctx.find_object(App)
    return bool(app and app.debug) or "--debug" in sys.argv


_option = setting_option


@click.group(cls=ActorGraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@_option("backend", "--backend", type=click.Choice(["falkordb", "neo4j"]), show_default=True)
@_option("data_dir", "--data-dir", type=Folder(), show_default=True)
@_option("graph_dir", "--graph-dir", type=Folder())
@_option("queries_dir", "--queries-dir", type=Folder())
@_option("graph_name", "--graph-name", show_default=True)
@_option("neo4j_uri", "--neo4j-uri", show_default=True)
@_option("neo4j_user", "--neo4j-user", show_default=True)
@_option("neo4j_password", "--neo4j-password")
@_option("neo4j_database", "--neo4j-database", show_default=True)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(__version__, prog_name="actorgraph")
@click.pass_context
def main(ctx: click.Context, backend, data_dir, graph_dir, queries_dir, graph_name, neo4j_uri,
         neo4j_user, neo4j_password, neo4j_database, debug):
    """Turn news articles into an actor-relationship graph you can query and look at.

    Start with 'actorgraph build' (load the committed graph, write out/index.html),
    or 'actorgraph build ARTICLES...' to extract from your own articles first.
    """
    app = App(backend=backend, data_dir=data_dir, graph_dir=graph_dir, queries_dir=queries_dir,
              graph_name=graph_name,
              neo4j={"uri": neo4j_uri, "user": neo4j_user, "password": neo4j_password,
                     "database": neo4j_database}, debug=debug)
    ctx.obj = app
    ctx.call_on_close(app.close)
