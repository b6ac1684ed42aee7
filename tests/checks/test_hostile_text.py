"""The checks' text readers on hostile text: long runs of the very shapes they look for (dots,
labels, brackets, pipes, a heading repeated) are read in one pass. Each of these inputs took
minutes when a pattern could split a run of dots two ways and tried every split; the bound is a
guard against a check that never ends, not a speed target (benchmarks/hostile.py times them)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.hostile import HOSTILE, READERS


@pytest.mark.timeout(120)   # each reader takes well under a second; a pattern that tries every split takes hours
@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_each_reader_refuses_a_long_hostile_run_in_one_pass(shape):
    text = HOSTILE[shape]
    for read in READERS.values():
        read(text)


# The other-school check's address reader on text shaped to make a backtracking pattern slow (a word of
# thousands of letters, runs of dots, '@' and '+'), read in a subprocess that must finish well within
# a minute (it took minutes when the pattern was tried at every letter of a long run).
ADDRESS_RUNS = [
    "'A' * 300_000",
    "'.' * 100_000 + 'A' * 100_000",
    "'a.+' * 100_000",
    "('a.+' * 100 + ' ') * 3_000",
    "('a' * 300 + '@') * 1_000",
    "('.' * 300 + ' ') * 1_000",
    "(('a.' * 150) + ' ') * 1_000",
    "'a@' * 150_000",
]


@pytest.mark.parametrize("shape", ADDRESS_RUNS)
def test_text_shaped_against_the_pattern_is_read_in_one_pass(shape):
    code = f"from builder.checks.other_school import _addresses; list(_addresses({shape}))"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
