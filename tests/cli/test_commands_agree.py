"""A sample of the broken-pack table, end to end through each command: ``check`` prints the
Project's findings (exit 1 on the text, 2 when the pack cannot be read), ``build`` stops on
exactly their errors with exit 2 and leaves the last good output as it was, and the preview
shows them over the last good pages. The whole table runs through the Project once
(tests/project/test_broken_packs.py); what the theme breaks only rendering finds, so those
cases run here in full.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil

import pytest

from tests.support.bad_inputs import (RENDERING, TABLE, TODAY, broken_pack, built_small_pack,
                                      copy_small_pack, leftovers, snapshot)

from builder.cli.main import main
from builder.common.diagnostics import PackError
from builder.project import Project

# one of each kind: unreadable YAML, a link out of the pack, a limit, hostile text, a template
# error in the text, form text broken for one school of three, several at once
SAMPLE = ["yaml-malformed", "section-symlink-outside", "limit-yaml-alias-bomb-school",
          "control-chars-in-key", "undefined-variable", "form-introduction-one-school",
          "form-several-form-errors", "several-errors"]
DIAG = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<severity>error|warning|notice) "
                  r"(?P<code>[EWN]-[A-Z0-9-]+): ")
SCHOOL_AT_END = re.compile(r" \[(?P<school>[a-z0-9]+(?:-[a-z0-9]+)*)\]$")


def project_errors(pack) -> tuple[set[tuple], bool]:
    """(code, path, line, school) of every error the Project finds, and whether it could read the pack."""
    try:
        found = Project(pack, dt.date.fromisoformat(TODAY)).check()
        readable = True
    except PackError as exc:
        found, readable = exc.diagnostics, False
    return {(d.code, d.path, d.line, d.school) for d in found if d.severity == "error"}, readable


def parse_text(text: str) -> set[tuple]:
    """(code, path, line, school) of every error in compiler-style output (a message may run
    over several lines: the school is at the end of its last)."""
    found, current = [], None
    for line in text.splitlines():
        m = DIAG.match(line)
        if m:
            current = [m, line]
            found.append(current)
        elif current is not None and not re.match(r"^\d+ error\(s\)", line):
            current[1] += "\n" + line
    errors = set()
    for m, whole in found:
        if m["severity"] == "error":
            s = SCHOOL_AT_END.search(whole)
            errors.add((m["code"], m["path"], int(m["line"]) if m["line"] else None, s["school"] if s else None))
    return errors


@pytest.fixture(scope="module")
def golden(tmp_path_factory):
    return built_small_pack(tmp_path_factory.mktemp("golden"))[1]


@pytest.mark.parametrize("case", SAMPLE)
def test_check_prints_the_projects_findings(case, tmp_path, capsys):
    pack = broken_pack(case, tmp_path)
    expected, readable = project_errors(pack)
    capsys.readouterr()
    status = main(["--project", str(pack), "check", "--format", "json", "--today", TODAY])
    shown = {(d["code"], d["path"], d["line"], d["school"])
             for d in json.loads(capsys.readouterr().out) if d["severity"] == "error"}
    assert (status, shown) == (1 if readable else 2, expected)


@pytest.mark.parametrize("case", SAMPLE + sorted(RENDERING))
def test_build_stops_on_the_projects_errors_and_keeps_the_last_output(case, golden, tmp_path, capsys):
    pack = broken_pack(case, tmp_path)
    out = tmp_path / "site"
    shutil.copytree(golden, out)
    before = snapshot(out)
    capsys.readouterr()
    status = main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1", "-q"])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    for words in TABLE[case].expected:
        assert words in err, f"{words!r} not in:\n{err}"
    if case not in RENDERING:
        assert parse_text(err) == project_errors(pack)[0], err
    assert snapshot(out) == before
    assert leftovers(out) == []


@pytest.mark.parametrize("case", ["yaml-malformed", "form-introduction-one-school", "theme-template-error"])
def test_the_preview_shows_the_projects_errors_over_the_last_good_pages(case, tmp_path):
    from builder.serve.preview import Preview
    pack = copy_small_pack(tmp_path / "pack")
    out = tmp_path / "served"
    school = (TABLE[case].schools or ("oak",))[0]
    if TABLE[case].three_schools:
        from tests.support.bad_inputs import three_schools
        three_schools(pack)
    p = Preview(pack, school, out, today=dt.date.fromisoformat(TODAY), pdfs=False, log=io.StringIO())
    try:
        assert p.refresh() and p.state.errors == []
        before = snapshot(out)
        TABLE[case].mutate(pack, tmp_path)
        p.refresh()
        shown = {(d.code, d.path, d.line, d.school) for d in p.state.errors}
        assert shown, "the broken pack showed no error"
        if case not in RENDERING:
            assert shown == {e for e in project_errors(pack)[0] if e[3] in (school, None)}
        for words in TABLE[case].expected:
            assert any(words in d.format() for d in p.state.errors), words
        assert snapshot(out) == before, "the last good pages were not kept"
    finally:
        p.stop()
