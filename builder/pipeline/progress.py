"""Progress on long builds: a bar with counts on a terminal, plain lines in CI or when piped."""

from __future__ import annotations

import os
import sys
import time


class Progress:
    def __init__(self, stream=None, bar: bool = False, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.bar = bar
        self.quiet = quiet
        self.total = 0
        self.count = 0
        self.t0 = time.monotonic()

    @classmethod
    def auto(cls, quiet: bool = False) -> Progress:
        tty = sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        return cls(bar=tty, quiet=quiet)

    def start(self, total: int) -> None:
        self.total, self.count = total, 0
        self.t0 = time.monotonic()
        if not self.quiet and total and not self.bar:
            print(f"rendering {total} output(s)", file=self.stream, flush=True)

    def more(self, count: int) -> None:
        """More outputs to render: a build plans school by school while it renders, so the
        total grows until the last school is planned."""
        self.total += count

    def step(self, label: str) -> None:
        self.count += 1
        if self.quiet:
            return
        if self.bar:
            width = 30
            filled = int(width * self.count / max(self.total, 1))
            line = f"\r[{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total} {label[:50]:<50}"
            print(line, end="", file=self.stream, flush=True)
        else:
            print(f"[{self.count}/{self.total}] {label}", file=self.stream, flush=True)

    def done(self, rendered: int, kept: int) -> None:
        if self.quiet:
            return
        if self.bar and self.total:
            print(file=self.stream)
        secs = time.monotonic() - self.t0
        print(f"built: {rendered} rendered, {kept} unchanged, in {secs:.1f}s", file=self.stream,
              flush=True)
