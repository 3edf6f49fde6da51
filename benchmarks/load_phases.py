"""`actorgraph load …` with the wall time of its phases noted, for bench_scale.

    python -m benchmarks.load_phases PHASES_JSON STARTED actorgraph-arguments...

Runs the command as `python -m actorgraph` does (same imports, same code), with a few
library functions wrapped to note when they begin and end, in seconds since STARTED (the
launcher's time.time() before it started this process); the notes go to PHASES_JSON when
the command ends. The wrappers cost microseconds: the command's own time is unchanged.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
import time

PHASES: dict[str, list[float]] = {}
analytics = None  # actorgraph.analytics, imported by main()


def _noted(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        begun = time.time()
        try:
            return function(*args, **kwargs)
        finally:
            PHASES.setdefault(name, []).append([round(begun - STARTED, 3), round(time.time() - STARTED, 3)])
    return wrapper


def _in_child(path: str):
    """Note in ``path`` when the forked analytics child began and when its values were computed
    (before it sends them: the pipe holds a few kB, so the send ends only when this process
    reads the answer). Its own PHASES die with it."""
    begun: list[float] = []

    def answer(*args, _answer=analytics._answer, **kwargs):
        begun.append(round(time.time() - STARTED, 3))
        return _answer(*args, **kwargs)

    def communities(*args, _communities=analytics._compiled_communities, **kwargs):
        try:
            return _communities(*args, **kwargs)
        finally:
            if begun:  # in the child
                with open(path, "w", encoding="utf-8") as handle:
                    json.dump([begun[0], round(time.time() - STARTED, 3)], handle)

    analytics._answer, analytics._compiled_communities = answer, communities


def main() -> None:
    global STARTED, analytics
    out, STARTED, args = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    from actorgraph import analytics, model
    from actorgraph.cli import build as build_commands
    from actorgraph.cli import main as cli
    from actorgraph.store import falkor

    PHASES["imports"] = [[0.0, round(time.time() - STARTED, 3)]]
    model._parse_checked = _noted("parse", model._parse_checked)
    model.Graph.from_dict = classmethod(_noted("graph objects", model.Graph.from_dict.__func__))
    build_commands.read_graph_annotating = _noted("read", build_commands.read_graph_annotating)
    falkor.FalkorStore.load = _noted("store step", falkor.FalkorStore.load)
    falkor.FalkorStore._send_all = _noted("send", falkor.FalkorStore._send_all)
    falkor.FalkorStore._save = _noted("save", falkor.FalkorStore._save)
    analytics.Computing.result = _noted("analytics answer taken", analytics.Computing.result)
    _in_child(out + ".child")
    batches = _noted("late values", falkor._LateValues.batches)
    falkor._LateValues.batches = lambda self: (
        self.done or PHASES.__setitem__("nodes sent before the analytics", len(self.sent_without)), batches(self))[1]
    try:
        cli(args, prog_name="actorgraph", standalone_mode=False)
    finally:
        PHASES["end"] = [[round(time.time() - STARTED, 3)] * 2]
        with contextlib.suppress(OSError, ValueError):
            with open(out + ".child", encoding="utf-8") as handle:
                PHASES["analytics child"] = [json.load(handle)]
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(PHASES, handle)


if __name__ == "__main__":
    main()
