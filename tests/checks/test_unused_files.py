"""Files in the school folders that nothing reads are named (W-UNUSED-FILE), never ignored
in silence; the example pack has none."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.project import Project
from tests.support.bad_inputs import copy_small_pack, write

CASES = {
    "a school file saved as .yaml": ("schools/elm.yaml", "name: Elm Primary School\n",
                                     ["schools/elm.yaml", "rename it 'elm.yml'"]),
    "a misspelt school folder": ("schools/oka/online-code/rules.md", "Our rules.\n",
                                 ["schools/oka", "belongs to no school", "'oak'"]),
    "a section file the school file does not use": ("schools/oak/online-code/extra.md", "Our words.\n",
                                                    ["schools/oak/online-code/extra.md", "is not read"]),
    "a folder for a policy the school does not have": ("schools/oak/online-cod/extra.md", "Our words.\n",
                                                       ["schools/oak/online-cod", "for no policy", "'online-code'"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_nothing_reads_is_named(case, tmp_path):
    rel, text, words = CASES[case]
    pack = copy_small_pack(tmp_path / "pack")
    write(pack, rel, text)
    found = [d for d in Project(pack, dt.date(2026, 11, 21)).check() if d.code == "W-UNUSED-FILE"]
    assert len(found) == 1 and found[0].severity == "warning"
    for w in words:
        assert w in found[0].format(), found[0].format()


def test_the_example_pack_reads_every_file_it_holds():
    from tests.support import ROOT
    found = [d for d in Project(ROOT, dt.date(2026, 11, 21)).check() if d.code == "W-UNUSED-FILE"]
    assert found == []
