"""The checks' text readers on hostile text: long runs of the very shapes they look for (dots,
labels, brackets, pipes, a heading repeated) are read in one pass. Each of these inputs took
minutes when a pattern could split a run of dots two ways and tried every split; the bound is a
guard against a check that never ends, not a speed target (benchmarks/hostile.py times them)."""

from __future__ import annotations

import pytest

from tests.support.hostile import HOSTILE, READERS


@pytest.mark.timeout(120)   # each reader takes well under a second; a pattern that tries every split takes hours
@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_each_reader_refuses_a_long_hostile_run_in_one_pass(shape):
    text = HOSTILE[shape]
    for read in READERS.values():
        read(text)
