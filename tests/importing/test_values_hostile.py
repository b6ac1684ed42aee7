"""find_values on any text: it never fails, every value is at a real line and in the type the
school file takes, and the draft of whatever it finds reads back."""

from __future__ import annotations

import re
import yaml
from hypothesis import given, settings, strategies as st

from builder.importing.values import find as values_module
from builder.importing.draft import draft_school
from builder.importing.values.find import find_values
from builder.source.values import DATE_RE, Where, parse_cycle
from tests.importing.test_values_support import text_document

FRAGMENTS = [
    "[bookmark: _Toc1234]", "· ", "• ", "o ", "\uf0b7 ", "1.0\t", "4.2 ", "(a) ", "Key:\t", "\u00a0",
    "\u2018quoted\u2019", "“smart”", "   ", "\t", "____", "Designated Safeguarding Lead (DSL): ",
    "Our DSL is ", "Mrs A Kowalski", "Mr B O'Neill", "Headteacher", "Chair of Governors:\t",
    "Signed:", "Approved: ", "Review date: ", "June 2024", "1 Sept 2022", "01/09/2022", "Autumn 2024",
    "every two years", "reviewed annually", "office@elm-school.org.uk", "kpatel@elm-school.org.uk",
    "01234 567890", "+44 1234 567890", "Orchard Road", "LS6 2AB", "www.elm-school.org.uk", "@ElmPrimary",
    "Twitter", "https://facebook.com/Elm", "The following sites are blocked:", "Elm Primary School",
    "understands that", "Attendance Officer: ", "is supporting", "in this role", ".", ",", ":", "|",
    "\u202e", "\x1b[31m", "#", "yes", "null", "日本", "🎓", "\r",
]
LINES = st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join)
DOCS = st.lists(LINES, max_size=25).map("\n".join)


def check(found, doc):
    n = len(doc.lines)
    for f in found:
        assert 1 <= f.line <= n
        assert "\n" not in f.source
        if f.key.endswith((".approved", ".next_review")):
            assert DATE_RE.match(f.value)
        if f.key.endswith(".review_cycle"):
            assert parse_cycle(f.value, Where("x")) > 0
        if f.key.startswith("roles."):
            assert re.fullmatch(r"roles\.[a-z0-9]+(?:_[a-z0-9]+)*\.(?:name|title|email|phone)", f.key)


@settings(max_examples=120, deadline=None)
@given(DOCS)
def test_any_document(text):
    doc = text_document(text)
    found = find_values(doc, None, "online-code", None)
    check(found, doc)
    draft = draft_school(found, "elm", None)
    data = yaml.safe_load(draft)
    for f in found:
        node = data
        for part in f.key.split("."):
            node = node[part]
        assert node == next(g.value for g in found if g.key == f.key)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_characters(text):
    doc = text_document(text)
    check(find_values(doc, None, "online-code", None), doc)


def test_many_values_for_one_key_keep_a_short_note():
    text = "\n".join(f"DSL: Mrs Ann Smith{chr(65 + i % 26)}{i}" for i in range(50))
    got = [f for f in find_values(text_document(text), None, "online-code", None)
           if f.key == "roles.dsl.name"]
    assert len(got) == 50 and all(f.conflict for f in got)
    assert "and 46 more" in got[0].note and len(got[0].note) < 600


def test_another_list_the_policy_uses(monkeypatch):
    monkeypatch.setattr(values_module, "policy_lists", lambda pack, pid: ["approved_apps"])
    text = "The following approved apps may be used in class:\n· Seesaw\n· Purple Mash\n\nEnd.\n"
    got = [f for f in find_values(text_document(text), None, "online-code", None)
           if f.key.startswith("lists.")]
    assert [(f.key, f.value, f.line) for f in got] == [("lists.approved_apps", ["Seesaw", "Purple Mash"], 1)]


# ---------------------------------------------------------------- Word's debris around a value

BASE = [
    ("Designated Safeguarding Lead (DSL): Mrs Ada Kowalski", "roles.dsl.name", "Mrs Ada Kowalski"),
    ("Our Data Protection Officer is Mr Ivo Petrov.", "roles.dpo.name", "Mr Ivo Petrov"),
    ("Next review date: 1st September 2025", "policies.online-code.approval.next_review", "2025-09-01"),
    ("This policy will be reviewed every two years.", "policies.online-code.approval.review_cycle", "2 years"),
    ("Approved by governors: June 2024", "policies.online-code.approval.approved", "2024-06"),
    ("Telephone: 01632 960 123", "phone", "01632 960 123"),
    ("Email us at office@elm-school.org.uk", "email", "office@elm-school.org.uk"),
]
PREFIX = st.sampled_from(["", "[bookmark: _Toc98765]", "[bookmark: _Hlk1][bookmark: _GoBack]", "· ", "• ",
                          "\uf0b7 ", "- ", "4.2 ", "1.0\t", "(a) ", "  "])
SUFFIX = st.sampled_from(["", " ", "   ", "\u00a0", "\t"])


@settings(max_examples=150, deadline=None)
@given(base=st.sampled_from(BASE), prefix=PREFIX, suffix=SUFFIX, nbsp=st.booleans(), smart=st.booleans())
def test_debris_around_a_value_does_not_change_it(base, prefix, suffix, nbsp, smart):
    line, key, want = base
    if nbsp:
        line = line.replace(" ", "\u00a0", 2)
    if smart:
        line = line.replace("'", "\u2019")
    text = f"Elm Primary School\n\n{prefix}{line}{suffix}\n"
    got = [f for f in find_values(text_document(text), None, "online-code", None) if f.key == key]
    assert [(f.value, f.line) for f in got] == [(want, 3)]
