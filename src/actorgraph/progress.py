"""The package's one progress bar (tqdm): extraction and store loads draw it the same way."""

from __future__ import annotations

import shutil
import sys
from typing import TextIO


class Progress:
    """A (done, total) callback drawing a bar on stderr, only when stderr is a terminal.

    Use it as a context manager: a command that fails mid-way ends the bar's line first, so
    its one-line error starts on a line of its own. ``enabled=False`` keeps it silent even on
    a terminal (a caller that did not ask for progress).
    """

    def __init__(self, label: str, *, unit: str = "items", stream: TextIO | None = None,
                 enabled: bool = True):
        self.label = label
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = enabled and bool(isatty and isatty())
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        if self.bar is None:
            from tqdm import tqdm

            # a terminal that reports no size (a bare pty) would make tqdm hide the bar
            size = shutil.get_terminal_size((80, 24))
            self.bar = tqdm(total=total, desc=self.label, unit=f" {self.unit}", file=self.stream,
                            ncols=min(size.columns or 80, 100), nrows=max(size.lines, 2), leave=True,
                            mininterval=0, miniters=1)
            # every step drawn, as click's bar did: steps are articles or load batches, few per
            # second, and a watcher (a test, a log) sees each percentage
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
