"""`policypack check` on the example pack (the repository itself): clean apart from the review
findings its real dates deserve; breaking a reference, deleting a role's contact or moving a
review date into the past is reported at the right file and line."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from builder.cli.main import main

from tests.support import ROOT as REPO
TODAY = "2026-11-21"
REVIEW_CODES = {"W-REVIEW-OVERDUE", "W-REVIEW-CYCLES", "W-REVIEW-MISMATCH", "N-REVIEW-DUE"}

pytestmark = pytest.mark.skipif(not (REPO / "trust.yml").is_file(), reason="no example pack")


@pytest.fixture
def example(tmp_path) -> Path:
    dest = tmp_path / "example"
    dest.mkdir()
    shutil.copy(REPO / "trust.yml", dest / "trust.yml")
    for folder in ("content", "schools", "forms"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder)
    return dest


def check(root, *args, capsys):
    rc = main(["--project", str(root), "check", "--today", TODAY, "--format", "json", *args])
    return rc, json.loads(capsys.readouterr().out)


def line_of(path: Path, pattern: str, start: int = 0) -> int:
    rx = re.compile(pattern)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if n > start and rx.search(line):
            return n
    raise AssertionError(f"{pattern!r} not in {path}")


def test_example_pack_is_clean_but_for_review_dates_and_required_policies(example, capsys):
    rc, diags = check(example, capsys=capsys)
    assert rc == 0
    required = [d for d in diags if d["code"] == "W-REQUIRED-MISSING"]
    others = [d for d in diags if d["code"] != "W-REQUIRED-MISSING"]
    assert {d["code"] for d in others} <= REVIEW_CODES, [d for d in others if d["code"] not in REVIEW_CODES]
    # Vine Tree's policy was due for review in June 2024: it stays published, with a warning
    assert any(d["code"] == "W-REVIEW-OVERDUE" and d["school"] == "vine-tree" for d in diags)
    # the required policies the pack neither holds nor links: each once per school, at its file
    for sid in {d["school"] for d in required}:
        mine = [d for d in required if d["school"] == sid]
        assert all(d["path"] == f"schools/{sid}.yml" for d in mine)
        named = [re.search(r"\('([a-z-]+)'\)", d["message"])[1] for d in mine]
        assert len(named) == len(set(named))
    assert {d["school"] for d in required} == {p.stem for p in (example / "schools").glob("*.yml")}
    # what the trust links in external_policies is not reported (its child protection policy)
    assert not any("'safeguarding'" in d["message"] or "'complaints'" in d["message"] for d in required)


def test_breaking_a_reference(example, capsys):
    # the first reference to a section of the same or another policy in the master text
    for md in sorted((example / "content").glob("*/*.md")):
        text = md.read_text(encoding="utf-8")
        m = re.search(r'ref\("([a-z0-9-]+(?:#[a-z0-9-]+)?)"\)', text)
        if m:
            break
    else:
        pytest.skip("the example pack has no section references")
    line = text.count("\n", 0, m.start()) + 1
    md.write_text(text[:m.start(1)] + "no-such-section" + text[m.end(1):], encoding="utf-8")
    rc, diags = check(example, capsys=capsys)
    found = [d for d in diags if d["code"] in ("E-REF-SECTION", "E-REF-POLICY")]
    assert rc == 1
    shown = md.relative_to(example).as_posix()
    assert found and {(d["path"], d["line"]) for d in found} == {(shown, line)}
    assert {d["school"] for d in found} == {p.stem for p in (example / "schools").glob("*.yml")}


def test_deleting_a_roles_contact(example, capsys):
    school = example / "schools" / "vine-tree.yml"
    text = school.read_text(encoding="utf-8")
    role_line = line_of(school, r"^  dsl:")
    lines = text.splitlines(keepends=True)
    # drop the role's email and phone (the lines after "  dsl:" until the next role)
    end = next((i for i in range(role_line, len(lines)) if re.match(r"^  \S", lines[i])), len(lines))
    kept = [ln for i, ln in enumerate(lines)
            if not (role_line <= i < end and re.match(r"^\s+(email|phone):", ln))]
    assert len(kept) < len(lines)
    school.write_text("".join(kept), encoding="utf-8")
    rc, diags = check(example, capsys=capsys)
    found = [d for d in diags if d["code"] == "E-ROLE-CONTACT"]
    assert rc == 1
    assert [(d["path"], d["line"], d["school"]) for d in found] == [
        ("schools/vine-tree.yml", role_line, "vine-tree")]


def test_review_date_in_the_past(example, capsys):
    school = example / "schools" / "chestnuts.yml"
    text = school.read_text(encoding="utf-8")
    m = re.search(r"(?m)^\s+approved: (\d{4})", text)
    assert m
    school.write_text(text[:m.start(1)] + "2020" + text[m.end(1):], encoding="utf-8")
    line = text.count("\n", 0, m.start(1)) + 1
    rc, diags = check(example, capsys=capsys)
    found = [d for d in diags if d["code"] == "W-REVIEW-OVERDUE" and d["school"] == "chestnuts"]
    assert rc == 0
    assert [(d["path"], d["line"]) for d in found][:1] == [("schools/chestnuts.yml", line)]
    rc, diags = check(example, "--strict", capsys=capsys)
    assert rc == 1
