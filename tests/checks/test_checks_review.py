"""Review status and the review rows every output shows it in."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace

import pytest

from tests.support import DATA

from builder.source.load import load_pack
from builder.resolve.school import resolve_all
from builder.resolve.status import ReviewRow, review_rows, review_status
from builder.source.values import PackDate

BASE = DATA / "checks-pack"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    root = tmp_path_factory.mktemp("review") / "pack"
    shutil.copytree(BASE, root)
    # Elm: online safety overdue (due September 2026); Ash: its name needs escaping
    for old, new in (("next_review: 2027-09", "next_review: 2026-09"),
                     ("approved: 2025-09-10", "approved: 2024-09-10")):
        path = root / "schools" / "elm.yml"
        path.write_text(path.read_text().replace(old, new), encoding="utf-8")
    path = root / "schools" / "ash.yml"
    path.write_text(path.read_text().replace("name: Ash Academy", 'name: "Ash <Academy> & Sixth"'),
                    encoding="utf-8")
    pack = load_pack(root)
    return pack, resolve_all(pack)


@pytest.mark.parametrize("date, status", [
    (None, "missing"), (PackDate(2026, 11, 20), "overdue"), (PackDate(2026, 11), "due-soon"),
    (PackDate(2027, 1, 20), "due-soon"), (PackDate(2027, 1, 21), "current"),
    (PackDate(2026, 10), "overdue")])
def test_review_status(date, status):
    assert review_status(date, TODAY, 60) == status


def rows_of(resolved):
    return [r for sid in sorted(resolved) for r in review_rows(resolved[sid], TODAY, 60)]


def test_rows(loaded):
    pack, resolved = loaded
    rows = rows_of(resolved)
    assert [(r.school, r.policy, r.status) for r in rows] == [
        ("ash", "acceptable-use", "current"), ("ash", "online-safety", "current"),
        ("elm", "acceptable-use", "current"), ("elm", "online-safety", "overdue")]
    elm = rows[3]
    assert elm.label == "Review overdue" and elm.school_name == "Elm Primary School"
    assert str(elm.approved) == "2024-09-10" and str(elm.next_review) == "2026-09"
    assert elm.due == dt.date(2026, 9, 30) and elm.days(TODAY) == -52
    assert elm.version == "2.0"
    assert rows[0].due == dt.date(2027, 1, 31)   # approved 2026-01, annually: end of January
    assert rows[1].school_name == "Ash <Academy> & Sixth"


def test_rows_show_what_the_approval_facts_show(loaded):
    """The site, the PDFs and the index show a row's version and dates as approval_facts does."""
    from builder.resolve.approval import approval_facts
    pack, resolved = loaded
    for r in rows_of(resolved):
        rs = resolved[r.school]
        facts = approval_facts(rs, rs.policies[r.policy])
        assert (r.version_text, r.approved_text, r.next_review_text, r.approved_iso,
                r.next_review_iso) == (facts.version, facts.approved, facts.next_review,
                                       facts.approved_iso, facts.next_review_iso)


def test_rows_come_back_from_a_build_manifest(loaded):
    """A row kept in the manifest reads back as it was (the trust index of a merged build is
    drawn from read rows), and the JSON is the manifest's summary row."""
    import json
    pack, resolved = loaded
    rows = rows_of(resolved)
    for r in rows:
        data = json.loads(json.dumps(r.to_json()))
        assert set(data) == {"policy", "title", "version", "approved", "approved_iso",
                             "next_review", "next_review_iso", "status", "status_label", "owner"}
        assert ReviewRow.from_json(r.school, r.school_name, data) == r
    missing = replace(rows[0], version=None, approved=None, next_review=None, status="missing")
    data = missing.to_json()
    assert data["version"] == data["approved"] == data["next_review"] == "Not recorded"
    assert ReviewRow.from_json(missing.school, missing.school_name, data) == missing
    with pytest.raises(ValueError):
        ReviewRow.from_json("ash", "Ash", {"policy": "x", "status": "lost"})
