"""Progress: a bar with counts on a terminal (checked through a pseudo-terminal), plain lines in
CI or when piped, nothing with --quiet."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys

from builder.pipeline.progress import Progress
from tests.support import ROOT

SCRIPT = ("from builder.pipeline.progress import Progress\n"
          "p = Progress.auto()\n"
          "p.start(3)\n"
          "for i in range(3): p.step(f'school-{i}/pdf/x.pdf')\n"
          "p.done(3, 5)\n")


def run_script(env_extra: dict, terminal: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TERM")}
    env.update({"PYTHONPATH": str(ROOT), "TERM": "xterm"}, **env_extra)
    if not terminal:
        proc = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                              timeout=60)
        return proc.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], env=env, stdin=slave, stdout=slave,
                            stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:   # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_bar_on_a_terminal():
    text = run_script({}, terminal=True)
    assert "\r[" in text and "] 3/3 " in text and "] 1/3 " in text
    assert "[1/3] school-0" not in text          # no plain lines on a terminal
    assert "built: 3 rendered, 5 unchanged" in text


def test_plain_lines_in_ci_even_on_a_terminal():
    text = run_script({"CI": "true"}, terminal=True)
    assert "\r[" not in text
    assert "[1/3] school-0/pdf/x.pdf" in text and "[3/3] school-2/pdf/x.pdf" in text


def test_plain_lines_when_piped():
    text = run_script({}, terminal=False)
    assert text.splitlines() == ["rendering 3 output(s)", "[1/3] school-0/pdf/x.pdf",
                                 "[2/3] school-1/pdf/x.pdf", "[3/3] school-2/pdf/x.pdf",
                                 text.splitlines()[-1]]
    assert text.splitlines()[-1].startswith("built: 3 rendered, 5 unchanged, in ")


def test_bar_counts_and_quiet():
    out = io.StringIO()
    p = Progress(stream=out, bar=True)
    p.start(4)
    p.step("a")
    p.step("b")
    assert out.getvalue().endswith("] 2/4 b" + " " * 49)   # spaces wipe a longer label before it
    assert "[" + "#" * 15 + "." * 15 + "]" in out.getvalue()
    quiet = io.StringIO()
    q = Progress(stream=quiet, quiet=True)
    q.start(2)
    q.step("a")
    q.done(1, 1)
    assert quiet.getvalue() == ""
