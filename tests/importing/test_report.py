"""report.json and report.html from inputs made here: the JSON's keys, the page's structure,
hostile imported text kept inert, and the same bytes from the same input."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import namedtuple
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.importing.align import MasterSection, align
from builder.importing.document import ImportedDocument, Paragraph, Section
from builder.importing.report import build_report, report_html, report_json
from builder.common.diagnostics import Diagnostic, printable

Found = namedtuple("Found", "key value line source")

MASTER = [
    MasterSection("aims", 1, "Aims", ["We keep pupils safe online.", "We teach them to protect themselves."]),
    MasterSection("review", 2, "Review", ["The headteacher reviews this policy every two years."]),
    MasterSection("training", 3, "Training", ["Staff are trained in online safety every September."]),
]

HOSTILE = [
    '<script>alert("x")</script>',
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    '<a href="javascript:alert(1)">link</a>',
    "[link](javascript:alert(2))",
    "<img src=x onerror=alert(3)>",
    "<svg onload=alert(4)></svg>",
    "--!><!-- <style>body{display:none}</style>",
    "\u202eevil\u202c \x1b[31m",
    '"><script>alert(5)</script>',
    "&lt;script&gt;",
]


def document(extra_title="Our own section", extra_text="Pupils may bring phones on trips."):
    secs = [
        Section("Aims", 3, 1, "1.0", [Paragraph(4, "We keep pupils safe online."),
                                      Paragraph(5, "We teach them to look after themselves.", "item", 1)]),
        Section("Review", 7, 1, "2.", [Paragraph(8, "The headteacher reviews this policy every two years.")]),
        Section(extra_title, 10, 1, None, [Paragraph(11, extra_text)]),
    ]
    paras = [p for s in secs for p in s.paragraphs]
    return ImportedDocument(Path("copy.txt"), "copy.txt", "text", ["x"] * 12, paras, "Policy", [], secs, [])


def report_of(doc, today=None):
    rows = align(doc.sections, MASTER)
    drafts = {k: {"id": "own", "title": r.imported.title, "after": r.after,
                  "file": "schools/oak/p/own.md"} for k, r in enumerate(rows) if r.status == "school-only"}
    found = [Found("name", "Oak Primary", 1, "Oak Primary"),
             Found("policies.p.approval.next_review", "2024-06", 8, "Next review: June 2024")]
    diags = [Diagnostic("copy.txt", 3, "warning", "W-IMPORT-LOST", "typed number '1.0'", "oak"),
             Diagnostic("copy.txt", 8, "error", "E-IMPORT", "review was due June 2024", "oak")]
    report = build_report(doc=doc, policy_id="p", policy_title="Online Policy", school_id="oak",
                          school_name="Oak Primary", school_in_pack=False, rows=rows, drafts=drafts,
                          found=found, diagnostics=diags, today=today, outputs=["report.json"])
    return report, rows


def test_json_keys_and_rows():
    report, _ = report_of(document())
    data = json.loads(report_json(report))
    assert set(data) >= {"sections", "values", "diagnostics", "summary", "document", "policy", "school"}
    for s in data["sections"]:
        assert set(s) >= {"imported_title", "imported_line", "master_section", "status", "similarity"}
    rows = [(s["imported_title"], s["imported_line"], s["master_section"], s["status"])
            for s in data["sections"]]
    assert rows == [("Aims", 3, "aims", "reworded"), ("Review", 7, "review", "same"),
                    (None, None, "training", "missing"), ("Our own section", 10, None, "school-only")]
    assert data["sections"][1]["similarity"] == 1.0
    assert 0 < data["sections"][0]["similarity"] < 1
    assert data["sections"][0]["imported_number"] == "1.0"
    assert {"op": "insert", "text": "look after"} in data["sections"][0]["redline"]
    assert data["sections"][3]["draft"]["after"] == "review"
    assert data["values"][1] == {"key": "policies.p.approval.next_review", "value": "2024-06",
                                 "line": 8, "source": "Next review: June 2024"}
    assert data["diagnostics"][0] == {"path": "copy.txt", "line": 8, "severity": "error",
                                      "code": "E-IMPORT", "message": "review was due June 2024",
                                      "school": "oak"}   # as check --format json writes them (sorted)
    assert data["summary"]["same"] == 1 and data["summary"]["missing"] == 1
    assert data["summary"]["errors"] == 1 and data["summary"]["warnings"] == 1
    assert data["today"] is None


def test_same_input_same_bytes_and_no_clock():
    a, rows_a = report_of(document())
    b, rows_b = report_of(document())
    assert report_json(a) == report_json(b)
    assert report_html(a, rows_a) == report_html(b, rows_b)
    page = report_html(a, rows_a)
    assert str(dt.date.today().year) not in page.split("<body>")[1].replace("2024", "")
    assert "&#34;" not in page.split("</style>")[0]        # the CSS is written as it is
    dated, rows = report_of(document(), today=dt.date(2026, 11, 21))
    assert json.loads(report_json(dated))["today"] == "2026-11-21"
    assert "2026-11-21" in report_html(dated, rows)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    return p


def test_page_is_accessible_and_self_contained():
    report, rows = report_of(document())
    page = report_html(report, rows)
    p = parsed(page)
    assert '<html lang="en">' in page and "<title>" in page
    assert p.tags.count("h1") == 1 and "h2" in p.tags and "h3" in p.tags
    assert "th" in p.tags and 'scope="col"' in page and "<caption>" in page
    assert "ins" in p.tags and "del" in p.tags            # the redline, marked not by colour alone
    assert "[inserted: " in page and "[deleted: " in page
    assert ".sr {" in page and "text-decoration: line-through" in page   # diff's marks, inline
    assert "script" not in p.tags and "link" not in p.tags and "img" not in p.tags
    assert not re.search(r"(?:src|href)=\"?(?:https?:|//)", page)
    text = " ".join(p.text)
    for words in ("Reworded", "Same as the master", "Missing from the school", "The school's own section",
                  "Oak Primary", "E-IMPORT", "policies.p.approval.next_review"):
        assert words in text


def assert_inert(page: str, hostile: str):
    p = parsed(page)
    assert "script" not in p.tags and "svg" not in p.tags and "img" not in p.tags
    assert "a" not in p.tags, "no link at all: the report writes none"
    assert not any(k.startswith("on") for k, _ in p.attrs)
    assert "javascript:" not in " ".join(v or "" for _, v in p.attrs)
    shown = unicodedata.normalize("NFKC", hostile)                 # the report shows text NFKC'd
    # {{ 7*7 }} is never worked out (an escaped control character's hex, "\x94" then "9", is no 49)
    text = re.sub(r"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})", " ", " ".join(p.text))
    assert "49" not in text or "49" in shown
    assert "\u202e" not in page and "\x1b" not in page


@settings(max_examples=40, deadline=None)
@given(title=st.sampled_from(HOSTILE), text=st.sampled_from(HOSTILE), plain=st.text(max_size=30))
def test_hostile_text_comes_out_inert(title, text, plain):
    doc = document(extra_title=title + plain, extra_text=text + " " + plain)
    doc.sections[0].paragraphs.append(Paragraph(6, text + plain))      # in a redline too
    report, rows = report_of(doc)
    page = report_html(report, rows)
    assert_inert(page, title + text + plain)
    (row,) = [s for s in json.loads(report_json(report))["sections"] if s["imported_line"] == 10]
    assert row["imported_title"] == printable(title + plain)


def test_the_import_codes_are_declared():
    """Every code the import's modules write is declared in builder/common/codes.py, which the
    docs' diagnostics tables are written from (as a code of its own, or as the check's code it
    reuses); the docs have a page on importing, and the command in the commands reference."""
    from builder.common.codes import CODES
    from tests.support.codes import codes_named
    root = Path(__file__).resolve().parents[2]
    written, _ = codes_named(tuple(sorted((root / "builder" / "importing").rglob("*.py"))))
    assert {"E-IMPORT", "W-IMPORT-LOST", "N-IMPORT-NEW-SCHOOL", "E-HAND-REF"} <= set(written)
    assert sorted(set(written) - set(CODES)) == []
    assert (root / "docs" / "trust-staff" / "importing.md").read_text(encoding="utf-8").startswith(
        "# Importing a school's Word copy\n")
    assert "policypack import FILE..." in (root / "docs" / "reference" / "commands.md").read_text(encoding="utf-8")


def test_a_value_to_check_carries_its_note_and_conflict():
    from builder.importing.report import value_entry
    from builder.importing.values.find import FoundValue
    cycle = FoundValue("policies.p.approval.review_cycle", "annually", 51, "reviewed annually",
                       note="the copy also says every two years", conflict=True)
    assert value_entry(cycle) == {"key": "policies.p.approval.review_cycle", "value": "annually",
                                  "line": 51, "source": "reviewed annually",
                                  "note": "the copy also says every two years", "conflict": True}
    plain_one = FoundValue("name", "Oak Primary", 1, "Oak Primary")
    assert set(value_entry(plain_one)) == {"key", "value", "line", "source"}
    report, rows = report_of(document())
    report["values"].append(value_entry(cycle))
    page = report_html(report, rows)
    assert "The copy gives another value too." in page and "also says every two years" in page
