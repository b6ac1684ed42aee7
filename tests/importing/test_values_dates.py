"""Dates, review cycles and the approval record an imported copy states, and which have passed."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from builder.importing.read import read_document
from builder.importing.values.find import find_values
from builder.importing.values.dates import stale_dates
from builder.source.review_text import cycles_in, dates_in
from tests.importing.test_values_support import text_document

POLICY = "online-code"


def values(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in find_values(text_document(text), None, POLICY, None):
        out.setdefault(f.key, []).append(f)
    return out


def first(text: str, key: str):
    got = values(text).get(f"policies.{POLICY}.approval.{key}")
    return got[0].value if got else None


# ---------------------------------------------------------------- date forms

DATE_FORMS = [
    ("June 2024", "2024-06"), ("1 Sept 2022", "2022-09-01"), ("01/09/2022", "2022-09-01"),
    ("1st September 2022", "2022-09-01"), ("Sept. 2024", "2024-09"), ("2022-09-01", "2022-09-01"),
    ("September 2024", "2024-09"), ("Monday 1 September 2022", "2022-09-01"),
    ("September 1st, 2022", "2022-09-01"), ("1.9.22", "2022-09-01"), ("3rd of March 2023", "2023-03-03"),
    ("Nov 2025", "2025-11"), ("22nd Feb 2021", "2021-02-22"), ("12-07-2023", "2023-07-12"),
    ("2024-06", "2024-06"), ("06/2024", "2024-06"), ("Tues 4 March 2025", "2025-03-04"),
    ("30 June, 2026", "2026-06-30"), ("October, 2025", "2025-10"), ("2nd  December  2024", "2024-12-02"),
    ("31/12/25", "2025-12-31"), ("Jan. 2027", "2027-01"), ("01.2028", "2028-01"),
    # Welsh: a bilingual school's copy ("Medi" is September, "Ionawr" January)
    ("1 Medi 2025", "2025-09-01"), ("Ionawr 2026", "2026-01"), ("Gorffennaf 2024", "2024-07"),
    # month first, as a US template writes it, where no month is the first number ("30" is no month)
    ("08/30/2018", "2018-08-30"), ("12/13/2019", "2019-12-13"),
    ("2025/01/14", "2025-01-14"), ("2025.01.14", "2025-01-14"),     # (the year first, as ISO has it)
]


@pytest.mark.parametrize("text, want", DATE_FORMS)
def test_date_forms(text, want):
    got = dates_in(f"Approved: {text}")
    assert [g[2] for g in got] == [want]


@pytest.mark.parametrize("text", [
    "2018", "in 2018", "Version 2.0", "13/13/2022", "31/02/2024", "02/30/2024", "section 4.2",
    "page 11", "01234 567890", "June", "the 1st of the month", "Sept", "1899-01-01", "32 May 2024",
    "3.2.1", "tel 2022 1234", "2024/25 academic year", "section 1.2024", "13.2025",
    "section 10.2019", "paragraph 12.2024", "Version 10.2024", "£10.2025", "s. 10/2019",
])
def test_not_dates(text):
    assert dates_in(text) == []


@pytest.mark.parametrize("term, mismatch", [("Spring 2027", False), ("Autumn 2027", True), ("Summer 2027", True)])
def test_a_next_review_written_as_a_term_holds_its_months(term, mismatch):
    text = f"Date approved: March 2025\nNext review: {term}\n\nThis policy will be reviewed every two years.\n"
    got = [d.code for d in stale(text, dt.date(2025, 4, 1))]
    assert ("W-REVIEW-MISMATCH" in got) == mismatch, got


@pytest.mark.parametrize("text, want", [
    ("Autumn 2024", "2024-09"), ("Spring Term 2025", "2025-01"), ("summer 2023", "2023-04"),
    ("Autumn Term 1 2024", "2024-09"), ("Winter 2024", "2024-12"),
])
def test_terms_are_read_as_their_first_month_with_a_note(text, want):
    (_, _, value, note), = dates_in(text)
    assert value == want and "check it" in note


MONTH_SPELLINGS = st.sampled_from(["full", "abbr", "abbr."])


@settings(max_examples=150, deadline=None)
@given(day=st.integers(1, 28), month=st.integers(1, 12), year=st.integers(1995, 2095),
       spelling=MONTH_SPELLINGS, with_day=st.booleans(), ordinal=st.booleans(),
       shape=st.sampled_from(["dmy", "mdy", "num", "iso"]))
def test_generated_dates_read_back(day, month, year, spelling, with_day, ordinal, shape):
    name = {"full": calendar.month_name[month], "abbr": calendar.month_abbr[month],
            "abbr.": calendar.month_abbr[month] + "."}[spelling]
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th") if ordinal else ""
    if shape == "num":
        text, want = f"{day:02d}/{month:02d}/{year}", f"{year:04d}-{month:02d}-{day:02d}"
    elif shape == "iso":
        text = f"{year}-{month:02d}" + (f"-{day:02d}" if with_day else "")
        want = text
    elif not with_day:
        text, want = f"{name} {year}", f"{year:04d}-{month:02d}"
    elif shape == "dmy":
        text, want = f"{day}{suffix} {name} {year}", f"{year:04d}-{month:02d}-{day:02d}"
    else:
        text, want = f"{name} {day}{suffix}, {year}", f"{year:04d}-{month:02d}-{day:02d}"
    got = dates_in(f"The next review date is {text}.")
    assert [g[2] for g in got] == [want], text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_text_gives_only_real_dates(text):
    for _, _, value, _ in dates_in(text):
        parts = [int(p) for p in value.split("-")]
        dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


def test_a_missing_day_is_never_filled_from_today():
    assert [g[2] for g in dates_in("Review date: " + dt.date.today().strftime("%B %Y"))] == \
        [dt.date.today().strftime("%Y-%m")]


# ---------------------------------------------------------------- what a date is

APPROVED_LINES = [
    "Online Safety Policy Date: {d}", "Date Policy updated | {d}",
    "Approved: {d}", "Date approved: {d}", "Approved by governors on {d}", "Adopted: {d}",
    "Ratified by the governing body {d}", "Date of approval:\t{d}", "Agreed by the trust board {d}",
    "Signed off {d}", "This policy was adopted in {d}.", "Date ratified - {d}",
    "Policy approved {d}", "Approval date | {d}", "Last reviewed: {d}", "Date of issue: {d}",
    "Effective from {d}", "This policy was reviewed on {d}.", "Date reviewed by the governing body | {d}",
    "Issue date: {d}", "Reviewed by governors {d}", "Date of policy | {d}",
    "Drafted in 2004 and amended and updated by Tom Reid (Principal) on {d}.",
    "OAK HILL SCHOOL Online Safety Policy Written: Reviewed {d}",
    "This policy was approved by the Management Committee: | {d}The headteacher monitors it.",
    "Date of last review: {d}", "Date Accepted by Governors: {d}",
    "Originally released: {d}", "Endorsed by Governing Body {d}", "Date of Commencement: {d}",
    "SGallichan Headteacher Date: {d}", "Chair of Governors | Date: {d}",
    "Sanctioned by the Board of Management: {d}", "Date approved -{d}",
]
NEXT_LINES = [
    "The governing body adopted this policy and will review it in {d}.",
    "Next review: {d}", "Review date: {d}", "Review Date:\t{d}", "Date of next review: {d}",
    "The next scheduled review date for this policy is {d}.", "To be reviewed by {d}",
    "Due for review {d}", "Renewal date: {d}", "This policy will be reviewed in {d}.",
    "Next review due {d}", "Review due: {d}", "Review by {d}", "Expires {d}",
    "Date for review | {d}", "The policy is due for renewal in {d}", "It will next be reviewed in {d}.",
    "Review date{d}",      # (a label run into its date, as a copy's table flattened it)
    "  \u2022 Next review date -{d}",
    "Review {d}",     # (the one word as a cover's label: "Review September 2016")
]


def test_two_labels_run_together_date_the_last_one():
    # (a cover's cells read onto one line: the date under "Date adopted", not "Date reviewed")
    text = "Code of Conduct\n\nDate reviewed Date adopted by School Governing Body November 2020\n"
    assert (first(text, "approved"), first(text, "next_review")) == ("2020-11", None)


def test_a_days_ordinal_split_onto_the_next_line_is_read_with_it():
    # (a superscript "st" that a copy set on a line of its own, with the rest of the date)
    text = "Social Media Policy\n\nPolicy Reviewed: 1\nst September 2023\nNext review: 2\nnd September 2025\n"
    assert (first(text, "approved"), first(text, "next_review")) == ("2023-09-01", "2025-09-02")


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_column_of_labels_over_a_column_of_values_dates_each_by_its_place(gap):
    # (a cover's table a copy read column by column: the labels one under another, then their values)
    rows = ["IT Acceptable Use Policy", "Date Approved", "Approved By", "Review date", "February 2022",
            "Finance and Strategy Committee", "March 2023", "Director of IT", "Purpose & Scope"]
    text = gap.join(rows) + "\n"
    assert (first(text, "approved"), first(text, "next_review")) == ("2022-02", "2023-03")


@pytest.mark.parametrize("line", APPROVED_LINES)
def test_approval_dates_in_many_wordings(line):
    assert first(line.format(d="14 March 2023"), "approved") == "2023-03-14"
    assert first(line.format(d="14 March 2023"), "next_review") is None


@pytest.mark.parametrize("text", ["Date Produced: June 2014\nAgreed by Governors: July 2014",
                                  "Written: June 2014\nApproved: July 2014",
                                  "Date created - 18/06/2014\nRatified: July 2014"])
def test_a_drafts_date_is_not_its_approval(text):
    assert first(f"Social Media Policy\n\n{text}\n", "approved") == "2014-07"


@pytest.mark.parametrize("line", NEXT_LINES)
def test_next_review_dates_in_many_wordings(line):
    assert first(line.format(d="Sept 2025"), "next_review") == "2025-09"
    assert first(line.format(d="Sept 2025"), "approved") is None


@pytest.mark.parametrize("head, row, approved, due", [
    ("Version | Date | Comments | Review Date |", "1 | Spring 2018 | First draft, approved | Spring 2020 |",
     "2018-01", "2020-01"),
    ("Review Date | Approved | Version", "July 2026 | 3 July 2024 | 2.1", "2024-07-03", "2026-07"),
])
def test_a_table_row_is_read_by_its_column_headings(head, row, approved, due):
    text = f"Social Media Policy\n\n{head}\n\n{row}\n"
    assert first(text, "approved") == approved and first(text, "next_review") == due


def _copy_dates(tmp_path, text: str) -> tuple:
    """(approved, next review) of a text copy, read as the import reads a copy."""
    copy = tmp_path / "copy.txt"
    copy.write_text(text, encoding="utf-8")
    got = {f.key.rsplit(".", 1)[-1]: f.value for f in find_values(read_document(copy, "copy.txt"), None, POLICY, None)}
    return got.get("approved"), got.get("next_review")


def test_a_table_word_saved_as_text_is_read_by_its_column_headings(tmp_path):
    # (its cells parted by tabs, its rows on lines of their own)
    assert _copy_dates(tmp_path, "Social Media Policy\r\nRevision History\r\nVersion\tDate\tComments\tReview Date\r\n"
                                 "1\tSpring 2018\tFirst Draft, approved\tSpring 2020\r\nStatement of Intent\r\n"
                       ) == ("2018-01", "2020-01")


@pytest.mark.parametrize("approved, want", [("1 February 2021", "2021-02-01"), ("24 th September 2015", "2015-09-24")])
def test_a_dates_day_alone_or_spaced_from_its_ending_is_its_day(tmp_path, approved, want):
    # (a day at a line's start is no list's number; "24 th" as a copy spaced it)
    assert _copy_dates(tmp_path, f"Anti-Bullying Policy\n\nApproved by Governors:\n{approved}\nDue for review:\n"
                                 "February 2027\n\nWe keep pupils safe.\n")[0] == want


@pytest.mark.parametrize("line, approved, due", [
    ("Social Media Policy Date Reviewed Date of Next Review September 2015 September 2018", "2015-09", "2018-09"),
    ("Date Approved Next Review Date 12/03/2024 12/03/2026", "2024-03-12", "2026-03"),
    ("Date of next review Date approved June 2027 June 2025", "2025-06", "2027-06"),
])
def test_a_heading_row_run_into_its_row_of_dates_pairs_them_in_order(line, approved, due):
    # (a copy made from a PDF puts a table's two rows on one line)
    assert first(line, "approved") == approved and str(first(line, "next_review")).startswith(due)


@pytest.mark.parametrize("value, want", [("Annual", "annually"), ("2 years", "2 years"),
                                         ("The governors decide.", None)])
def test_a_cycles_label_over_its_value_on_the_next_line(value, want):
    assert first(f"Social Media Policy\n\nReview Cycle:\n{value}\n\nStaff read the policy every year.\n",
                 "review_cycle") == want


def test_a_cycle_under_a_review_heading_is_the_cycle():
    text = "Review/Approve | By Whom | Date | Review Date\nApproved | Trust board | 27.11.2019 | 3 years\n"
    assert first(text, "review_cycle") == "3 years" and first(text, "approved") == "2019-11-27"


def test_a_bare_date_in_the_signature_block_is_the_approval():
    text = "Signed: Mrs P Okoro   Chair of Governors\n\nDate:____March 2023______\n"
    assert first(text, "approved") == "2023-03"


def test_a_bare_date_under_who_reviewed_it_is_the_approval():
    text = "Reviewed by: Governors' Curriculum Committee\nDate: 23/06/2022\nNext Review: June 2025\n"
    assert first(text, "approved") == "2022-06-23" and first(text, "next_review") == "2025-06"


@pytest.mark.parametrize("text", ["Date: September 2024   Review: September 2026\n",
                                  "Date:\tSeptember 2024\nNext review:\tSeptember 2026\n",
                                  "Dated 1/9/2024 | Review date 1/9/2026\n"])
def test_a_bare_date_beside_the_next_review_is_the_approval(text):
    assert first(text, "approved")[:7] == "2024-09" and first(text, "next_review")[:7] == "2026-09"


def test_a_bare_date_elsewhere_is_not_an_approval():
    text = "Title\n\nThe trip leaves on 3 June 2024 from the front gate.\n"
    assert values(text) == {} or first(text, "approved") is None


@pytest.mark.parametrize("text", [
    "Oak Hill Primary School\n\nOAK HILL\n\nPRIMARY\n\nSCHOOL\n\neSafety Policy\n\nJune 2015\n\n1. What is eSafety?\n",
    "Oak Hill Primary School Acceptable Use Policy\n\nStaff/Volunteer Pupil Pupil/Parent Visitor\n\nJune 2015\n",
    "Oak Hill Primary School\n\neSafety Policy June 2015\n", "Oak Hill Primary School\n\ne-Safety Policy June 2015\n",
    "Oak Hill Primary School\n\nICT Acceptable Use Policy\n\n(June 2015)\n"])
def test_a_date_alone_on_the_cover_is_the_copys_date(text):
    # (a date on a line of its own before the text begins, under a line that is no label)
    assert first(text, "approved") == "2015-06" and first(text, "next_review") is None


@pytest.mark.parametrize("label", ["Valid until:", "Date for renewal", "Next Ofsted inspection due",
                                   "Supersedes version dated:", "| Previous version |", "Replaces policy of",
                                   "Staff training date", "Date of Governors meeting:", "Draft for consultation until"])
def test_a_date_alone_on_the_cover_under_a_label_of_its_own_is_no_approval(label):
    text = f"Oak Hill Primary School\n\nOnline Safety Policy\n\n{label}\n\nJune 2026\n\n{BODY_LINE}\n"
    assert first(text, "approved") is None


BODY_LINE = "Staff and pupils at the school use the internet safely and report anything that worries them."


def test_label_on_the_line_before():
    assert first("Approved:\n12 May 2024\n", "approved") == "2024-05-12"


# ---------------------------------------------------------------- review cycles

CYCLES = [
    ("This policy will be reviewed every two years.", "2 years"),
    ("This policy is reviewed annually.", "annually"),
    ("The policy is reviewed biennially by the governors.", "2 years"),
    ("This policy will be reviewed every 3 years.", "3 years"),
    ("Renewal: two-yearly", "2 years"), ("Renewal:\tEvery two years", "2 years"),
    ("The headteacher reviews this policy on an annual basis.", "annually"),
    ("Review cycle: 1 year", "annually"), ("Review frequency: every 18 months", "18 months"),
    ("This policy will be reviewed every other year.", "2 years"),
    ("The policy is reviewed on a two-year cycle.", "2 years"),
    ("This policy is reviewed yearly by the board.", "annually"),
    ("This document is reviewed triennially.", "3 years"),
    ("The governors review this policy each year.", "annually"),
    ("This policy will be reviewed every six months.", "6 months"),
    ("Reviewed: annually", "annually"), ("This policy is reviewed termly.", "4 months"),
    ("Review cycle\tAnnual", "annually"), ("Review cycle Annual", "annually"),
    ("Policy review frequency 2 years", "2 years"),
    ("Next Review: June 2025 (every three years)", "3 years"),
    ("The code is reviewed every 2 years.", "2 years"),
    ("Review requirements: 1 year", "annually"), ("Review schedule: 2 years", "2 years"),
]


def test_a_sentence_about_reviewing_the_policy_over_its_cycle_on_the_next_line():
    text = ("E-safety Policy\n\nMonitoring will take place:\n\nAnnually during Term 6\n\n"
            "This policy will be reviewed:\n\nEvery two years during Term 1\n")
    assert first(text, "review_cycle") == "2 years"
    # (a line about something else over a cycle is not the policy's)
    assert first("E-safety Policy\n\nMonitoring will take place:\n\nAnnually during Term 6\n", "review_cycle") is None


@pytest.mark.parametrize("text, want", CYCLES)
def test_review_cycles_in_many_wordings(text, want):
    assert first(text, "review_cycle") == want


@pytest.mark.parametrize("text", [
    "Consent forms are renewed every year.", "Training is refreshed annually for all staff.",
    "The record of consent is reviewed annually.", "Parents sign the agreement every year.",
    "Passwords are changed every six months.", "Every effort will be made to seek yearly renewal of consent.",
])
def test_cycles_that_are_not_the_policys(text):
    assert first(text, "review_cycle") is None


def test_biannually_is_read_as_twice_a_year_with_a_note():
    (_, value, note), = cycles_in("reviewed biannually")
    assert value == "6 months" and "2 years" in note


def test_two_cycles_are_a_conflict_and_the_review_section_wins():
    text = ("Roles and responsibilities\n\nThe headteacher is responsible for:\n"
            "· Reviewing this policy on an annual basis.\n\nMonitoring and review\n\n"
            "This policy will be reviewed every two years by the headteacher.\n")
    got = values(text)[f"policies.{POLICY}.approval.review_cycle"]
    assert [f.value for f in got] == ["2 years", "annually"]
    assert all(f.conflict for f in got) and "line 4" in got[0].note and "line 8" in got[0].note


def test_a_labelled_cycle_beats_a_sentence():
    text = "Renewal: Every two years\n\nThe policy is reviewed annually.\n"
    assert [f.value for f in values(text)[f"policies.{POLICY}.approval.review_cycle"]] == \
        ["2 years", "annually"]


# ---------------------------------------------------------------- approval body and signatories

@pytest.mark.parametrize("text, want", [
    ("Approved by the governing body on 3 May 2024.", "Local governing body"),
    ("Ratified by governors", "Local governing body"),
    ("It will then be sent to Governors for ratification.", "Local governing body"),
    ("Approved by the Trust Board", "Trust board"), ("Adopted by the trustees", "Trust board"),
    ("Approving body: Local Governing Body", "Local governing body"),
    ("Agreed by the full governing body", "Local governing body"),
    ("approved by the board of directors", "Trust board"),
    ("Sanctioned by the Board of Management: February 2013", "Board of Management"),
    ("Adopted by the Board of Governors in May 2024", "Local governing body"),
    ("Approving Body: | Ashford Board of Governors", "Local governing body"),
    # a label's colon or dash for "by"; a body by its initials; an academy's council
    ("Approved: Trustees July 2017", "Trust board"), ("Reviewed and approved by FGB: 02.05.19", "Local governing body"),
    ("Approved By - Local Academy Council", "Local governing body"), ("Policy agreed by GB on 4 May 2024",
                                                                      "Local governing body"),
    ("Agreed: governors will meet each term.", None),
    ("Approved by: Full Governing Body", "Local governing body"),
    ("Approved by\tTrust Board", "Trust board"),
    ("Date Accepted by Governors: 12 March 2024", "Local governing body"),
    ("Approved by:Finance & Premises Committee", "Finance & Premises Committee"),
    ("For approval by F&R Committee: 1st December 2020", "F&R Committee"),
    ("Approved by the Resources Committee of the Governing Body", "Resources Committee of the Governing Body"),
    ("Ratified by Standards Committee, 4 May 2023", "Standards Committee"),
    ("Reviewed by: Full Governing Board", "Local governing body"), ("Reviewed By | PP&C Committee", "PP&C Committee"),
    # the school's name before its body; a trust's person is no trust board
    ("Approved by: Woodside Academy LGB", "Local governing body"),
    ("Ratified by Oak Hill Primary School Governing Body on 3 May 2024", "Local governing body"),
    ("This policy was reviewed by the Trust Safeguarding Trustee in May 2024.", None),
    # the body first, then what it did
    ("The Governing Body of Elm on Trent CE Primary School adopted this code of conduct on 19th November 2014.",
     "Local governing body"),
    ("The Trust Board has approved this policy.", "Trust board"),
    ("Governors have formally ratified the policy in March 2024.", "Local governing body"),
    ("The governing body will review this policy each year.", None),
])
def test_approving_body(text, want):
    assert first(text, "body") == want


@pytest.mark.parametrize("text", ["Dateoflastreview:September2016Dateofnextreview:September2017",
                                  "Dateoflastreview: September 2016\nDateofnextreview: September 2017"])
def test_a_record_whose_spaces_a_pdf_lost_is_read(text):
    assert (first(text, "approved"), first(text, "next_review")) == ("2016-09", "2017-09")


@pytest.mark.parametrize("text, key, want", [
    ("To be reviewed by the Board of Directors\nby 31st August 2024\n", "next_review", "2024-08-31"),
    ("Review Date: 31st May\n2028\n", "next_review", "2028-05-31"),
    ("Date approved: June\n2025\n", "approved", "2025-06")])
def test_a_date_a_copys_wrap_split_over_two_lines(text, key, want):
    assert first(text, key) == want


def test_an_approval_label_left_empty_names_no_approving_body():
    text = "AGREED BY GOVERNORS:\nREVIEW DATE: January 2023\n"
    assert first(text, "body") is None
    assert first(text, "next_review") == "2023-01"


def test_signatories_with_the_approval_date():
    text = ("Signed:__Mr T Varga______    Chair of Governors\n\nSigned:___J Osei____  Headteacher\n\n"
            "Date:____April 2024_____\n")
    assert first(text, "signatories") == [
        {"name": "Mr T Varga", "role": "chair", "title": "Chair of Governors", "signed": "2024-04"},
        {"name": "J Osei", "role": "headteacher", "title": "Headteacher", "signed": "2024-04"}]
    assert first(text, "body") == "Local governing body"


def test_signed_then_the_signatory_on_the_next_line():
    text = "Signed:\t\nChair of Trust Board:\tDana Whitlock\nApproved:\t1 September 2022\n"
    assert first(text, "signatories") == [{"name": "Dana Whitlock", "role": "chair",
                                           "title": "Chair of Trust Board", "signed": "2022-09-01"}]
    assert first(text, "body") == "Trust board"


def test_version():
    assert first("Policy title\nVersion: 2.1\n", "version") == "2.1"


# ---------------------------------------------------------------- stale dates

def stale(text, today):
    doc = text_document(text, "copies/oak.txt")
    return stale_dates(find_values(doc, None, POLICY, "oak"), doc, today, "oak")


@pytest.mark.parametrize("today, codes", [
    (dt.date(2024, 7, 1), ["W-REVIEW-OVERDUE"]), (dt.date(2024, 6, 30), ["N-REVIEW-DUE"]),
    (dt.date(2024, 5, 10), ["N-REVIEW-DUE"]), (dt.date(2024, 1, 1), []),
    (dt.date(2030, 1, 1), ["W-REVIEW-OVERDUE"]),
])
def test_next_review_against_today(today, codes):
    got = stale("Title\n\nThe next review date for this policy is June 2024.\n", today)
    assert [d.code for d in got] == codes
    for d in got:
        assert (d.path, d.line, d.school) == ("copies/oak.txt", 3, "oak")
    if codes == ["W-REVIEW-OVERDUE"]:
        assert got[0].message.startswith("the review of policy 'online-code' was due June 2024 (")
        assert got[0].severity == "warning"


def test_approval_older_than_its_cycle():
    text = "Approved: 4 March 2021\n\nThis policy will be reviewed every two years.\n"
    got = stale(text, dt.date(2026, 11, 21))
    assert [(d.code, d.line) for d in got] == [("W-REVIEW-OVERDUE", 1)]
    assert "was due 4 March 2023" in got[0].message
    assert stale(text, dt.date(2022, 1, 1)) == []


def test_next_review_not_the_approval_plus_the_cycle():
    text = ("Date approved: November 2022\nReview date: November 2025\n\n"
            "This policy will be reviewed annually.\n")
    got = stale(text, dt.date(2022, 12, 1))
    assert [(d.code, d.line) for d in got] == [("W-REVIEW-MISMATCH", 2)]
    assert "which gives November 2023" in got[0].message


@pytest.mark.parametrize("text, want", [
    ("This policy is reviewed bi-ennially.", "2 years"), ("This policy is reviewed tri-ennially.", "3 years"),
    ("This policy is reviewed bi-annually.", "6 months"),
])
def test_hyphenated_cycle_words(text, want):
    assert first(text, "review_cycle") == want


@settings(max_examples=100, deadline=None)
@given(line=st.sampled_from(APPROVED_LINES + NEXT_LINES), form=st.sampled_from(DATE_FORMS))
def test_generated_labelled_dates(line, form):
    text, want = form
    kind = "approved" if line in APPROVED_LINES else "next_review"
    other = "next_review" if kind == "approved" else "approved"
    full = line.format(d=text)
    assert first(full, kind) == want, full
    assert first(full, other) is None, full


def test_a_long_lines_source_shows_the_words_the_value_came_from():
    text = ("The governors, the headteacher and the staff of the school have all read this policy "
            "carefully, and this policy will be reviewed every two years by the governing body.\n")
    (got,) = values(text)[f"policies.{POLICY}.approval.review_cycle"]
    assert got.source.startswith("…") and "every two years" in got.source and len(got.source) <= 80


@pytest.mark.parametrize("record, approved", [
    # (the approval's own month outranks another date's day in it)
    ("Effective from: 1 September 2022\n\nApproval date: September 2022", "2022-09"),
    # (a day and its month said as surely are one date: the day)
    ("Approved: March 2023\n\nDate approved by governors: 14.03.2023", "2023-03-14")])
def test_a_month_and_a_day_in_it_are_one_date_only_when_as_sure(record, approved):
    assert first(f"Elm Primary School\n\nSafeguarding Policy\n\n{record}\n\nPupils are kept safe.\n",
                 "approved") == approved


def test_a_bilingual_copys_welsh_labels_date_its_approval_and_review():
    text = ("Ysgol Gynradd Sant Illtyd\n\nPolisi E-Ddiogelwch\n\nDyddiad Cymeradwyo\n\n01/09/2024\n\n"
            "Dyddiad Adolygu\n\n01/09/2028\n\nCymeradwywyd Gan\n\nAdele Matthews (Pennaeth Dros Dro)\n")
    assert first(text, "approved") == "2024-09-01" and first(text, "next_review") == "2028-09-01"


@pytest.mark.parametrize("head, row", [
    ("| Date Created | Date 1st Review Due | Date Reviewed | Version | Next Review Due |",
     "| December 2025 | December 2026 | |||"),
    ("Date Created | Date 1st Review Due | Date Reviewed | Version | Next Review Due",
     "December 2025 | December 2026")])
def test_a_row_of_dates_shorter_than_its_heading_row_is_read_under_its_first_headings(head, row):
    # (its last cells empty: the first date is when it was made, the second the review due)
    got = values(f"{head}\n{row}\n")
    assert [f.value for f in got.get("policies.online-code.approval.next_review", [])] == ["2026-12"]
