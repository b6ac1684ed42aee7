"""Dates read from returned forms (``type: date`` items and signature dates) as YYYY-MM-DD or
flagged; who has not returned a complete form (``forms collect --expect``), matched by name the
way prefill writes names; field parsing linear in the number of fields."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tests.forms.pdfs as P
from tests.support import ROOT

from builder.cli.main import main
from builder.forms.collect import collect_file, columns_of
from builder.forms.rows import Row, build_row, parse_date_text
from builder.forms.expect import Person, expected_returns, read_people
from builder.forms.prefill import name_key, safe_name
from builder.forms.reader import Reader, read_pdf_fields
from builder.forms.verify import Catalogue

SCHOOL = "vine-tree"

# ---------------------------------------------------------------- dates

GOOD_DATES = {
    "01/09/2026": "2026-09-01", "1/9/2026": "2026-09-01", "01/09/26": "2026-09-01",
    "1.9.2026": "2026-09-01", "01-09-2026": "2026-09-01", "2026-09-01": "2026-09-01",
    "1 September 2026": "2026-09-01", "1st September 2026": "2026-09-01", "1 Sept 2026": "2026-09-01",
    "1 Sep 2026": "2026-09-01", "September 1, 2026": "2026-09-01", "Tuesday 1 September 2026": "2026-09-01",
    "  01 / 09 / 2026 ": None, "3rd March 2027": "2027-03-03", "29/02/2028": "2028-02-29",
    "31/12/2026": "2026-12-31", "22nd  November 2026": "2026-11-22", "1 september 2026": "2026-09-01",
    "01.09.26": "2026-09-01", "Sept 1st 2026": "2026-09-01",
}
BAD_DATES = ["Adam Smith", "Zoë O'Brien-Łukasz", "yesterday", "September", "September 2026", "2026",
             "31/02/2026", "29/02/2027", "32/01/2026", "00/01/2026", "01/13/2026", "2026-13-01",
             "2026-02-30", "1/9", "12", "01/09/0026", "01/09/9999", "N/A", "-", "=TODAY()",
             "01/09/2026 10:30", "x" * 200, "1" * 40, "\x1b[31m01/09/2026"]


@pytest.mark.parametrize("text", sorted(GOOD_DATES))
def test_dates_are_read_day_first(text):
    want = GOOD_DATES[text]
    if want is None:                     # spaced-out slashes: either read right or refused
        assert parse_date_text(text) in (None, "2026-09-01")
    else:
        assert parse_date_text(text) == want, text


@pytest.mark.parametrize("text", BAD_DATES)
def test_what_is_not_a_whole_date_is_refused(text):
    assert parse_date_text(text) is None, (text, parse_date_text(text))


FORMATS = ["%d/%m/%Y", "%-d/%-m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y",
           "%B %d, %Y", "%A %d %B %Y", "%d-%m-%Y"]


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(day=st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)), fmt=st.sampled_from(FORMATS))
def test_property_every_date_written_in_a_uk_way_reads_back(day, fmt):
    assert parse_date_text(day.strftime(fmt)) == day.isoformat()
    if 2000 <= day.year <= 2068:         # two-digit years: 00-68 are this century (as strptime)
        assert parse_date_text(day.strftime("%d/%m/%y")) == day.isoformat()


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=("Nd",)), max_size=30))
def test_property_text_without_digits_is_never_a_date(text):
    assert parse_date_text(text) is None


@pytest.fixture(scope="module")
def blocked(example_resolved):
    from builder.common.colour import school_accent
    from builder.render.form.pdf import render_form_pdf
    rs = example_resolved[SCHOOL]
    f = rs.resolved_forms["blocked-content-request"]
    return f, render_form_pdf(f, school_accent(rs.values))


@pytest.fixture(scope="module")
def reader():
    with Reader(time_limit=30) as r:
        yield r


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.from_pack(ROOT)


@pytest.mark.parametrize("typed, want, flagged", [
    ("01/09/2026", "2026-09-01", False), ("1st September 2026", "2026-09-01", False),
    ("Adam Smith", "Adam Smith", True), ("31/02/2026", "31/02/2026", True), ("next week", "next week", True),
])
def test_a_date_field_in_a_real_form(typed, want, flagged, blocked, reader, catalogue, tmp_path):
    form, blank = blocked
    p = tmp_path / "r.pdf"
    p.write_bytes(P.filled(form, blank, request_date=typed, signed_date=typed))
    row = collect_file(p, reader, catalogue)
    assert row.answers["request_date"] == want and row.date_signed == want
    said = "; ".join(row.follow_up)
    assert (f"request_date: '{typed}' is not a date" in said) == flagged, row.follow_up
    assert (f"signed: '{typed}' is not a date" in said) == flagged
    assert row.status == ("follow-up" if flagged else "complete"), row.follow_up


def test_which_fields_are_dates_comes_from_the_file(blocked):
    """A text item holding a date is left as typed; the item list says which items are dates."""
    form, blank = blocked
    result = read_pdf_fields(P.filled(form, blank, staff_name="01/09/2026", request_date="02/09/2026"))
    row = build_row(Row(file="x.pdf"), result)
    assert row.answers["staff_name"] == "01/09/2026" and row.answers["request_date"] == "2026-09-02"


# ---------------------------------------------------------------- names, one normalisation

SAME = [("Zoë O'Brien-Łukasz", "zoe obrien lukasz"), ("Zoë O'Brien-Łukasz", "ZOE O’BRIEN LUKASZ"),
        ("Zoë O'Brien-Łukasz", "  zoë   o'brien - łukasz "), ("Mary-Jane Smith", "Mary Jane Smith"),
        ("Mary-Jane Smith", "maryjane smith"), ("José Núñez", "Jose Nunez"), ("Søren Ærø", "Soren Aero"),
        ("Ffion  Jones", "ffion jones."), ("Amélie", "AMELIE"), ("Ngozi Okonjo-Iweala", "ngozi okonjo iweala")]
DIFFERENT = [("Adam Smith", "Adam Smyth"), ("Ann Lee", "Anna Lee"), ("Jo Bloggs", "Joe Bloggs")]


@pytest.mark.parametrize("a, b", SAME)
def test_names_that_are_one_person(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_names_that_are_two_people(a, b):
    assert name_key(a) != name_key(b)


def test_prefill_file_names_use_the_same_normalisation():
    for a, b in SAME:
        assert safe_name(a).replace("-", "") == name_key(b)


# ---------------------------------------------------------------- --expect

CLASS = ["Zoë O'Brien-Łukasz", "Adam Smith", "Priya Patel", "Mary-Jane Jones", "Tom Brown",
         "Aisha Khan", "José Núñez", "Li Wei", "Ffion Evans", "Oliver Twist"]


def row_for(name, status="complete", form="social-media-consent", subject="pupil"):
    return Row(file=f"{safe_name(name)}.pdf", status=status, school=SCHOOL, form=form, form_version="1.0",
               pupil=name if subject == "pupil" else "", signature_name=name, subject=subject)


def people(names):
    return [Person(n + 2, name) for n, name in enumerate(names)]


def test_a_class_of_ten_with_three_returns_lists_seven():
    rows = [row_for("ZOE O'BRIEN LUKASZ"), row_for("adam  smith"), row_for("Jose Nunez")]
    [rep] = expected_returns(rows, people(CLASS))
    assert [p.name for p in rep.missing] == [n for n in CLASS if n not in
                                            ("Zoë O'Brien-Łukasz", "Adam Smith", "José Núñez")]
    assert len(rep.missing) == 7 and not rep.ambiguous and not rep.unmatched


def test_a_return_that_needs_follow_up_is_not_a_return():
    rows = [row_for("Adam Smith", status="follow-up"), row_for("Tom Brown")]
    [rep] = expected_returns(rows, people(CLASS))
    assert "Adam Smith" in [p.name for p in rep.missing] and "Tom Brown" not in [p.name for p in rep.missing]


def test_ambiguous_and_unmatched_are_listed():
    names = CLASS + ["adam smith", "Mary Jane Jones"]
    rows = [row_for("Adam Smith"), row_for("Oliver Twisst")]
    [rep] = expected_returns(rows, people(names))
    amb = sorted(sorted(p.name for p in ps) for ps in rep.ambiguous)
    assert amb == [["Adam Smith", "adam smith"], ["Mary Jane Jones", "Mary-Jane Jones"]]
    missing = [p.name for p in rep.missing]
    assert "Adam Smith" not in missing and "Mary-Jane Jones" not in missing and "Oliver Twist" in missing
    assert rep.unmatched == ["oliver-twisst.pdf"]


def test_each_form_is_listed_apart_and_staff_lists_meet_staff_forms():
    rows = [row_for("Adam Smith"), row_for("Priya Patel", form="staff-code-acknowledgement", subject="signature")]
    reps = expected_returns(rows, people(CLASS))
    assert [(r.form, len(r.missing)) for r in reps] == [("social-media-consent", 9), ("staff-code-acknowledgement", 9)]
    audiences = {"social-media-consent": "parents", "staff-code-acknowledgement": "staff"}
    assert [r.form for r in expected_returns(rows, people(CLASS), "staff", audiences)] == ["staff-code-acknowledgement"]
    assert [r.form for r in expected_returns(rows, people(CLASS), "pupils", audiences)] == ["social-media-consent"]


@pytest.mark.parametrize("header", ["name", "Name", "pupil", "Pupil name", "child", "staff", "Staff name"])
def test_people_lists_accept_the_usual_headers(header, tmp_path):
    p = tmp_path / "people.csv"
    p.write_text(f"{header},Year group\nAdam Smith,Year 4\n\nPriya Patel,Year 4\n", encoding="utf-8-sig")
    got, kind = read_people(p)
    assert [x.name for x in got] == ["Adam Smith", "Priya Patel"] and kind == "pupils"


@pytest.mark.parametrize("text, said", [("Surname,Class\nSmith,4\n", "no name column"), ("", "empty"),
                                        ("name\n", "no names"), ("name,role\n,Teacher\n", "row has no name")])
def test_a_bad_people_list_is_exit_2(text, said, tmp_path, capsys):
    p = tmp_path / "people.csv"
    p.write_text(text, encoding="utf-8")
    (tmp_path / "r.pdf").write_bytes(b"%PDF-1.4\n")
    assert main(["--project", str(ROOT), "forms", "collect", str(tmp_path / "r.pdf"), "--out",
                 str(tmp_path / "register.csv"), "--expect", str(p)]) == 2
    err = capsys.readouterr().err
    assert said in err and "E-CSV" in err and "Traceback" not in err
    assert not (tmp_path / "register.csv").exists()


def test_expect_end_to_end(example_resolved, tmp_path, capsys):
    """Ten pupils, three real returns (names typed with other case, accents and spacing): the
    summary and register-missing.csv list the seven others."""
    from builder.common.colour import school_accent
    from builder.render.form.pdf import render_form_pdf
    rs = example_resolved[SCHOOL]
    form = rs.resolved_forms["social-media-consent"]
    blank = render_form_pdf(form, school_accent(rs.values))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for typed in ("zoe obrien-lukasz", "ADAM SMITH", "  José  Núñez "):
        (inbox / f"{safe_name(typed)}.pdf").write_bytes(P.filled(form, blank, pupil_name=typed))
    plist = tmp_path / "year4.csv"
    plist.write_text("Name,Year group\n" + "".join(f"\"{n}\",Year 4\n" for n in CLASS), encoding="utf-8")
    out = tmp_path / "register.csv"
    assert main(["--project", str(ROOT), "forms", "collect", str(inbox), "--out", str(out),
                 "--expect", str(plist)]) == 0
    printed = capsys.readouterr().out
    assert "3 file(s) read: 3 complete" in printed
    assert "social-media-consent (vine-tree): 7 of 10 without a complete return" in printed
    rows = list(csv.DictReader(io.StringIO((tmp_path / "register-missing.csv").read_text("utf-8-sig"))))
    assert sorted(r["name"] for r in rows) == sorted(set(CLASS) - {"Zoë O'Brien-Łukasz", "Adam Smith", "José Núñez"})
    assert {r["status"] for r in rows} == {"missing"} and {r["year_group"] for r in rows} == {"Year 4"}


# ---------------------------------------------------------------- linear parsing

@pytest.mark.timeout(120)   # a quadratic reading of 30,000 fields takes many minutes
def test_many_fields_are_read_in_linear_time_in_the_reader(tmp_path, reader):
    """30,000 fields: read (in the reader process) and made a row well inside the reader's time
    limit; the register's columns are gathered in linear time (the list it was made with
    took seconds for 30,000 answers)."""
    p = tmp_path / "many.pdf"
    p.write_bytes(P.many_fields(30_000))
    row = collect_file(p, reader)     # (over the reader's time limit, the row would say so)
    assert row.status in ("complete", "follow-up") and len(row.answers) == 30_000, row.follow_up[:3]
    rows = [Row(file=f"{n}.pdf", answers={f"f{n}_{i}": "" for i in range(20_000)}) for n in range(3)]
    assert len(columns_of(rows)) == 60_000 + 12
