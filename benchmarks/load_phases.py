"""`actorgraph load …` with the wall time of its phases noted, for bench_scale.

    python -m benchmarks.load_phases PHASES_JSON STARTED actorgraph-arguments...

Runs the command as `python -m actorgraph` does (same imports, same code), with a few
library functions wrapped to note when they begin and end, in seconds since STARTED (the
launcher's time.time() before it started this process); the notes go to PHASES_JSON when
the command ends. The wrappers cost microseconds: the command's own time is unchanged.
"""

from __future__ import annotations

import functools
import json
import sys
import time

PHASES: dict[str, list[float]] = {}


def _noted(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        begun = time.time()
        try:
            return function(*args, **kwargs)
        finally:
            PHASES.setdefault(name, []).append([round(begun - STARTED, 3), round(time.time() - STARTED, 3)])
    return wrapper


def main() -> None:
    global STARTED
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
    late = falkor._LateValues.rows
    falkor._LateValues.rows = lambda self: (PHASES.__setitem__("nodes sent before the analytics", len(self.sent_without)),
                                            late(self))[1]
    try:
        cli(args, prog_name="actorgraph", standalone_mode=False)
    finally:
        PHASES["end"] = [[round(time.time() - STARTED, 3)] * 2]
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(PHASES, handle)


if __name__ == "__main__":
    main()
