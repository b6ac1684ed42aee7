"""The table of broken packs, run once through the Project: each is reported as its case says,
with the file, line and school, and nothing a pack holds reaches the terminal raw.

What a Project reports is what every command reports, by construction: ``check`` prints
``Project.check``, the build stops on the errors of ``Project.findings`` and the preview overlays
them. tests/cli/test_commands_agree.py runs a sample of the table through each command, end to
end, to show the commands do use it.
"""

from __future__ import annotations

import re

import pytest

from tests.support.bad_inputs import TABLE, TODAY, broken_pack

from builder.common.diagnostics import Diagnostic, PackError, format_text
from builder.project import Project

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def report(pack) -> tuple[list[Diagnostic], bool]:
    """(the findings, whether the pack could be read): as ``policypack check`` would give them."""
    import datetime as dt
    try:
        project = Project(pack, dt.date.fromisoformat(TODAY))
    except PackError as exc:
        return exc.diagnostics, False
    return project.check(), True


@pytest.mark.parametrize("case", sorted(c for c in TABLE if not TABLE[c].rendering))
def test_a_broken_pack_is_reported_as_its_case_says(case, tmp_path):
    broken = TABLE[case]
    found, _ = report(broken_pack(case, tmp_path))
    errors = [d for d in found if d.severity == "error"]
    text = format_text(found)
    assert errors, f"nothing reported:\n{text}"
    if broken.exact:
        assert sorted(d.format() for d in errors) == sorted(broken.expected)
    for words in broken.expected:
        assert words in text, f"{words!r} not in:\n{text}"
    if broken.schools is not None:
        assert {d.school for d in errors} == set(broken.schools), text
    # nothing a pack holds reaches the terminal raw: control characters are printed escaped
    assert not CONTROL.search(text.replace("\n", " ")), repr(text)


def test_the_table_is_big_enough_and_its_packs_are_clean_unbroken(tmp_path):
    assert len(TABLE) >= 100
    from tests.support.bad_inputs import copy_small_pack, three_schools
    pack = copy_small_pack(tmp_path / "pack")
    assert [d for d in report(pack)[0] if d.severity == "error"] == []
    three_schools(pack)
    assert [d for d in report(pack)[0] if d.severity == "error"] == []
