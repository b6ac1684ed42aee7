"""A table of bad packs: each gives one clear compiler-style message (file, line, school, code),
exit status 2, no traceback, and leaves the previously built output exactly as it was.

The small pack in tests/data/small-pack is built once; each case of the table (``CASES`` in
tests/support/bad_inputs.py, which the check-agreement test reads too) copies it and that
output, breaks one thing and builds again into the copy.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.support.bad_inputs import built_small_pack, CASES, TODAY, copy_small_pack, leftovers, snapshot

from builder.cli.main import main

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def golden(tmp_path_factory):
    return built_small_pack(tmp_path_factory.mktemp('golden'))[1]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case, golden, tmp_path, capsys):
    mutate, expected = CASES[case]
    pack = copy_small_pack(tmp_path / "pack")
    out = tmp_path / "site"
    shutil.copytree(golden, out)
    before = snapshot(out)
    mutate(pack, tmp_path)
    capsys.readouterr()
    status = main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1", "-q"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    # nothing a pack holds reaches the terminal raw: control characters are printed escaped
    assert not CONTROL.search(err), repr(err)
    for fragment in expected:
        assert fragment in err, f"{fragment!r} not in:\n{err}"
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_table_is_big_enough():
    assert len(CASES) >= 80
