"""Review status, the dashboard rows and the dashboard HTML fragment."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support import DATA

from builder.source.load import load_pack
from builder.resolve.school import resolve_all
from builder.checks.status import pack_review_rows, review_dashboard_html, review_status
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


def test_rows(loaded):
    pack, resolved = loaded
    rows = pack_review_rows(pack, resolved, TODAY)
    assert [(r["school"], r["policy"], r["status"]) for r in rows] == [
        ("ash", "acceptable-use", "current"), ("ash", "online-safety", "current"),
        ("elm", "acceptable-use", "current"), ("elm", "online-safety", "overdue")]
    elm = rows[3]
    assert elm["label"] == "Review overdue"
    assert str(elm["approved"]) == "2024-09-10" and str(elm["next_review"]) == "2026-09"
    assert elm["due"] == dt.date(2026, 9, 30) and elm["days"] == -52
    assert elm["version"] == "2.0" and elm["body"] == "Local governing body"
    assert rows[0]["due"] == dt.date(2027, 1, 31)   # approved 2026-01, annually: end of January


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "img", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def test_trust_dashboard(loaded):
    pack, resolved = loaded
    rows = pack_review_rows(pack, resolved, TODAY)
    html = review_dashboard_html(rows, TODAY, href=lambda r: f"{r['school']}/policies/{r['policy']}.html")
    parser = _Text()
    parser.feed(html)
    assert parser.errors == [] and parser.stack == []          # well nested
    assert "Ash &lt;Academy&gt; &amp; Sixth" in html and "<Academy>" not in html
    assert "Every school, every policy" in html                 # the grid, for many schools
    # grouped worst first: the overdue table comes before the current one
    assert html.index("pp-group-overdue") < html.index("pp-group-current")
    # colour and text: each status badge carries its words
    assert '<span class="pp-status pp-status-overdue"><span aria-hidden="true">' in html
    assert "Review overdue" in html and "52 days overdue" in html
    assert 'href="elm/policies/online-safety.html"' in html
    # the timeline: overdue first, then months in order, within the next 12 months
    timeline = html[html.index("Upcoming reviews"):]
    months = re.findall(r"<h3>([^<]+)</h3>", timeline)
    assert months == ["Overdue", "January 2027", "March 2027"]
    assert "July 2028" not in timeline                          # Ash online safety, 2 years on


def test_school_dashboard_has_no_grid(loaded):
    pack, resolved = loaded
    rows = [r for r in pack_review_rows(pack, resolved, TODAY) if r["school"] == "elm"]
    html = review_dashboard_html(rows, TODAY, heading_level=3)
    assert "Every school, every policy" not in html
    assert "<h3>Reviews by status</h3>" in html and "<h4>Overdue</h4>" in html
    assert "Elm Primary School" not in html      # one school: no school column
    assert html == review_dashboard_html(rows, TODAY, heading_level=3)   # reproducible


def test_rows_from_a_build_manifest(loaded):
    from builder.checks.status import rows_from_manifest
    pack, resolved = loaded
    rows = pack_review_rows(pack, resolved, TODAY)
    manifest = {sid: {"name": resolved[sid].name, "summary": {"name": resolved[sid].name, "policies": [
        {"policy": r["policy"], "title": r["title"], "version": r["version"],
         "approved_iso": str(r["approved"]) if r["approved"] else "",
         "next_review_iso": str(r["next_review"]) if r["next_review"] else ""}
        for r in rows if r["school"] == sid]}} for sid in resolved}
    again = rows_from_manifest(manifest, TODAY, 60)
    keys = ("school", "school_name", "policy", "title", "version", "approved", "next_review",
            "due", "days", "status", "label")
    assert [{k: r[k] for k in keys} for r in again] == [{k: r[k] for k in keys} for r in rows]
