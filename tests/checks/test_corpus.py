"""A corpus of the mistakes policy authors make, each as a small pack (the checks pack with one
edit) with the exact diagnostics expected (code, file, line, school), and of legitimate sentences
(statutes, year groups, key stages, dates, times, rooms, phones, versions) that must raise
nothing. Each class is tried in many wordings, and with generated ones (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from tests.support import DATA

from builder.project import Project
from builder.checks.doubled import MEANT, doubled
from builder.checks.review_prose import stated_cycles, stated_reviews
from builder.checks.typed_refs import heading_numbers, typed_refs
from builder.checks.placeholders import gaps as placeholder_gaps, phrase_pattern
from builder.source.schema.files import DEFAULT_PLACEHOLDERS
from builder.common.diagnostics import PackError
from builder.source.load import load_pack

BASE = DATA / "checks-pack"
TODAY = dt.date(2026, 11, 21)
DATA_MD = "content/online-safety/data.md"      # policy online-safety: every 2 years
RULES_MD = "content/acceptable-use/rules.md"   # policy acceptable-use: annually
ASH_MD = "schools/ash/online-safety/intent.md"
ASH, ELM, FORM = "schools/ash.yml", "schools/elm.yml", "forms/photo-consent.yml"
TITLES = [("online-safety", "Online Safety Policy"), ("acceptable-use", "Acceptable Use Policy")]


def diagnose(root: Path) -> set[tuple]:
    """(code, file, line, school) of everything check reports; a pack that cannot be read gives
    its load errors."""
    try:
        found = Project(root, TODAY).check()
    except PackError as exc:
        found = exc.diagnostics
    return {(d.code, d.path, d.line, d.school) for d in found}


def line_of(root: Path, rel: str, needle: str) -> int:
    for n, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(f"{needle!r} not in {rel}")


def sub(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


@pytest.fixture
def pack(tmp_path) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(BASE, dest)
    return dest


def test_the_checks_pack_is_clean(pack):
    assert diagnose(pack) == set()


# ------------------------------------------------------------------ the mistakes, as packs
# id -> (edit the pack, the diagnostics expected: a function of the edited pack)

def _trust(code, rel, needle):
    return lambda p: {(code, rel, line_of(p, rel, needle), None)}


def _shared(text, code, needle):
    """A case: ``text`` written into the trust's shared section, ``code`` found at ``needle``'s line."""
    return lambda p: add(p, DATA_MD, text), _trust(code, DATA_MD, needle)


def _edit(rel, old, new):
    """A case's edit: ``old`` replaced by ``new`` once in the file ``rel``."""
    return lambda p: sub(p, rel, old, new)


def _led_by(words):
    """A case's edit: ``words`` typed into Ash's own section, after "led by"."""
    return _edit(ASH_MD, "led by", f"led by {words} and")


def _elm_page(address, typed):
    """A case's edit: Elm's file lists the web page ``address``; Ash's own section types ``typed``."""
    return lambda p: (sub(p, ELM, "phone: 01632 960100", f"phone: 01632 960100\nlists:\n  pages: [{address}]"),
                      sub(p, ASH_MD, "led by", f"led by {typed} and"))


def _found(*diagnostics):
    """A case's expected findings, (code, file, line, school) each, whatever the pack."""
    return lambda p: set(diagnostics)


def _both(code, rel, needle):
    return lambda p: {(code, rel, line_of(p, rel, needle), s) for s in ("ash", "elm")}


CASES = {
    # shapes
    "list-written-as-text": (
        lambda p: add(p, ELM, "lists:\n  blocked_sites: TikTok, Snapchat"),
        lambda p: {("E-TYPE", ELM, line_of(p, ELM, "blocked_sites"), "elm")}),
    "colour-lost-to-a-comment": (
        lambda p: add(p, ELM, "colour: #6a1b4d"),
        lambda p: {("E-TYPE", ELM, line_of(p, ELM, "colour"), "elm")}),
    "hashtag-lost-to-a-comment": (
        lambda p: add(p, ELM, "extra:\n  hashtag: #SaferInternetDay\n  note:   # an author's note"),
        lambda p: {("E-TYPE", ELM, line_of(p, ELM, "hashtag"), "elm")}),
    "option-written-yes": (
        lambda p: add(p, ASH, "options:\n  parent_portal: yes please"),
        lambda p: {("E-TYPE", ASH, line_of(p, ASH, "parent_portal"), "ash")}),
    "date-written-as-no-date": (
        lambda p: sub(p, ELM, "approved: 2025-09-10", "approved: the tenth of Septembre"),
        lambda p: {("E-DATE", ELM, line_of(p, ELM, "approved:"), "elm")}),
    "mapping-printed": (
        lambda p: add(p, RULES_MD, "Contact {{ roles.dsl }} for help."),
        _both("E-PRINT", RULES_MD, "roles.dsl")),
    "school-printed": (
        lambda p: add(p, RULES_MD, "Welcome to {{ school }}."),
        _both("E-PRINT", RULES_MD, "{{ school }}")),
    "list-printed": (
        lambda p: (add(p, ELM, "lists:\n  sites: [TikTok]"), add(p, ASH, "lists:\n  sites: [X]"),
                   add(p, "content/online-safety/reporting.md", "Blocked: {{ lists.sites }}.")),
        _both("E-PRINT", "content/online-safety/reporting.md", "Blocked")),
    # another school's details
    "short-name-copied": (_edit(ASH, "short_name: Ash", "short_name: Elm"), _found(("E-OTHER-SCHOOL", ASH, 2, "ash"))),
    "office-email-copied": (_edit(ASH, "email: office@ash-school.org.uk", "email: office@elm-school.org.uk"),
                            _found(("E-OTHER-SCHOOL", ASH, 4, "ash"))),
    # the same number in both files: which is the copy cannot be told, so both are named
    "phone-copied-with-other-spacing": (_edit(ASH, "phone: 01632 960200", "phone: 01632960100"),
                                        _found(("E-OTHER-SCHOOL", ASH, 3, "ash"), ("E-OTHER-SCHOOL", ELM, 3, "elm"))),
    "person-in-own-section": (_led_by("Ruth Adeyemi"), _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    "phone-written-internationally": (_led_by("(call +44 (0)1632 960100)"),
                                      _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    "person-without-their-title": (
        lambda p: (sub(p, ELM, "name: Ruth Adeyemi", "name: Mrs Ruth Adeyemi"),
                   sub(p, ASH_MD, "led by", "led by Ruth Adeyemi and")),
        _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    "school-name-in-trust-text": (
        lambda p: add(p, RULES_MD, "Pupils at Elm Primary School sign the rules."),
        lambda p: {("E-OTHER-SCHOOL", RULES_MD, line_of(p, RULES_MD, "Elm Primary"), "ash")}),
    "other-website-in-extra": (
        lambda p: (sub(p, ELM, "phone: 01632 960100", "phone: 01632 960100\nwebsite: https://www.elm-school.org.uk"),
                   add(p, ASH, "extra:\n  portal: https://www.elm-school.org.uk/parents")),
        lambda p: {("E-OTHER-SCHOOL", ASH, line_of(p, ASH, "portal"), "ash")}),
    "person-listed-surname-first": (_led_by("ADEYEMI, Ruth"), _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    "initials-spaced-without-full-stops-are-not-its": (_led_by("the E P S office"), _found()),
    "initials-with-full-stops": (_led_by("the E.P.S. office"), _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    # a first name in its other form, or with the surname's initial (Sam Okoro is Elm's headteacher)
    "person-by-the-long-form-of-the-first-name": (_led_by("Mr Samuel Okoro"),
                                                  _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    "person-by-first-name-and-initial": (_led_by("Sam O."), _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    # ("Myra" is a nickname of Samantha, not a form of Sam)
    "a-nickname-of-another-long-form-is-somebody-else": (_led_by("Myra Okoro"), _found()),
    "a-first-name-and-a-capital-is-not-an-initial": (_led_by("Sam O and Lee"), _found()),
    "person-listed-surname-first-with-an-initial": (_led_by("OKORO, S. (Mr)"),
                                                    _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    "name-initials-with-school-added": (
        lambda p: (sub(p, ELM, "name: Elm Primary School", "name: Elm Park Primary"),
                   sub(p, ASH_MD, "led by", "led by EPPS governors and")),
        lambda p: {("E-OTHER-SCHOOL", ASH_MD, 1, "ash")}),
    "other-web-address-by-another-host-name": (_elm_page("https://www.facebook.com/elmprimary", "fb.com/ElmPrimary"),
                                               _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    "other-web-address-on-a-phones-host": (_elm_page("https://twitter.com/elmprimary", "m.x.com/ElmPrimary"),
                                           _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    "short-name-shortened-before-the-kind-of-school": (
        lambda p: (sub(p, ELM, "name: Elm Primary School", "name: Elm Park Primary School"),
                   sub(p, ELM, "short_name: Elm", "short_name: Elm Park"),
                   sub(p, ASH_MD, "led by", "led by the E.P. Primary office, Park Primary's staff and")),
        lambda p: {("E-OTHER-SCHOOL", ASH_MD, 1, "ash")}),
    "other-web-address-with-a-trailing-slash": (_elm_page("https://www.instagram.com/elmprimary",
                                                          "www.instagram.com/elmprimary/"),
                                                _found(("E-OTHER-SCHOOL", ASH_MD, 1, "ash"))),
    # values of the wrong shape
    "phone-read-as-a-number": (_edit(ASH, "phone: 01632 960200", "phone: 441632960200"),
                               _found(("E-VALUE-SHAPE", ASH, 3, "ash"))),
    "surname-alone": (_edit(ELM, "name: Sam Okoro", "name: Okoro"), _found(("E-VALUE-SHAPE", ELM, 7, "elm"))),
    "name-in-small-letters": (_edit(ELM, "name: Sam Okoro", "name: mr sam okoro"),
                              _found(("E-VALUE-SHAPE", ELM, 7, "elm"))),
    "job-typed-into-the-name": (_edit(ELM, "name: Sam Okoro", "name: Sam Okoro Headteacher"),
                                _found(("E-VALUE-SHAPE", ELM, 7, "elm"))),
    "phone-typed-into-the-name": (_edit(ELM, "name: Sam Okoro", "name: Sam Okoro 01632 960100"),
                                  _found(("E-VALUE-SHAPE", ELM, 7, "elm"))),
    "website-its-admin-page": (
        _edit(ASH, "phone: 01632 960200", "phone: 01632 960200\nwebsite: https://www.ash-school.org.uk/wp-admin/"),
        _found(("E-VALUE-SHAPE", ASH, 4, "ash"))),
    "website-a-document-being-edited": (
        _edit(ASH, "phone: 01632 960200", "phone: 01632 960200\nwebsite: https://docs.google.com/document/d/1Ab/edit"),
        _found(("E-VALUE-SHAPE", ASH, 4, "ash"))),
    "website-a-search": (
        _edit(ASH, "phone: 01632 960200", "phone: 01632 960200\nwebsite: https://www.bing.com/search?q=ash+academy"),
        _found(("E-VALUE-SHAPE", ASH, 4, "ash"))),
    # review cycles in prose
    "annual-in-a-two-year-policy": (
        lambda p: add(p, DATA_MD, "This policy will be reviewed annually by the governors."),
        _both("W-REVIEW-PROSE", DATA_MD, "reviewed annually")),
    "two-years-in-an-annual-policy": (
        lambda p: add(p, RULES_MD, "The governing body reviews the policy every two years."),
        _both("W-REVIEW-PROSE", RULES_MD, "every two years")),
    "school-cycle-differs": (
        lambda p: (sub(p, ASH, "review_cycle: 2 years", "review_cycle: 3 years"),
                   add(p, DATA_MD, "We review this policy every 2 years.")),
        lambda p: {("W-REVIEW-PROSE", DATA_MD, line_of(p, DATA_MD, "every 2 years"), "ash"),
                   ("W-REVIEW-CYCLES", ASH, line_of(p, ASH, "review_cycle"), "ash")}),
    # typed references
    "number-in-words": _shared("As described in Section Four, staff report concerns.", "E-HAND-REF", "Section Four"),
    "bare-clause": _shared("Devices are handled as set out in 4.2 above.", "E-HAND-REF", "4.2 above"),
    "appendix-by-number": _shared("Parents complete the form (see Appendix 2).", "E-HAND-REF", "Appendix 2"),
    "section-of-another-policy":
        _shared("Read section 3 of the Acceptable Use Policy first.",
                "E-HAND-REF", "section 3 of"),
    "section-of-a-policy-the-pack-does-not-hold":
        _shared("Pupils with special needs are treated fairly (see section 3 of the Equal Opportunities Policy).",
                "E-HAND-REF", "Equal"),
    "a-mailbox-masked-with-asterisks": _shared("Email ****@elm-school.org.uk for help.", "E-PLACEHOLDER", "****@"),
    # (only the mask: "XXXX XXXX" is no word said twice)
    "a-masked-phone-is-no-doubled-word": _shared("Call 020 XXXX XXXX for help.", "E-PLACEHOLDER", "XXXX"),
    "field-names-where-the-value-goes": _shared("Policy written by: Name, role", "E-PLACEHOLDER", "Policy written by"),
    "a-date-mask-left-on-the-approval-line": _shared("Date approved: __/__/____", "E-PLACEHOLDER", "Date approved"),
    "a-part-of-a-policy-named-by-its-initials":
        _shared("Support is set out in section 4 of the SEND Policy.",
                "E-HAND-REF", "SEND Policy"),
    "a-part-of-the-trusts-own-policy":
        _shared("See section 6 of the Trust's Data Protection Policy.",
                "E-HAND-REF", "Trust's Data"),
    "a-policys-title-before-its-section":
        _shared("The Lettings Policy, section 9, sets out what hirers may post.",
                "E-HAND-REF", "Lettings Policy"),
    "typed-ref-in-a-form-label": (
        lambda p: sub(p, FORM, "label: Photographs on the school website",
                      "label: Photographs on the school website (see section 5)"),
        lambda p: {("E-HAND-REF", FORM, line_of(p, FORM, "see section 5"), None)}),
    "typed-ref-in-a-form-block": (
        lambda p: sub(p, FORM, "  {{ contact(\"dpo\") }}.", "  {{ contact(\"dpo\") }}.\n  Paragraph 6.2 explains why."),
        lambda p: {("E-HAND-REF", FORM, line_of(p, FORM, "Paragraph 6.2"), None)}),
    "heading-with-its-number": (
        lambda p: add(p, DATA_MD, "## 5.4 Passwords\n\nKeep them secret."),
        lambda p: {("E-HEADING-NUMBER", DATA_MD, line_of(p, DATA_MD, "5.4 Passwords"), None)}),
    "heading-section-n": (
        lambda p: add(p, ASH_MD, "### Section 2: Aims\n\nOur aims."),
        lambda p: {("E-HEADING-NUMBER", ASH_MD, line_of(p, ASH_MD, "Section 2"), "ash")}),
    "title-with-its-number": (
        lambda p: sub(p, "content/online-safety/policy.yml", "title: Reporting concerns",
                      "title: 3) Reporting concerns"),
        lambda p: {("E-HEADING-NUMBER", "content/online-safety/policy.yml", 13, None)}),
    # notices and suggestions
    "doubled-words": (
        lambda p: add(p, DATA_MD, "The school uses my child my child's personal data."),
        lambda p: {("N-DOUBLED-WORDS", DATA_MD, line_of(p, DATA_MD, "my child my"), None)}),
    "doubled-across-a-line-break": (
        lambda p: add(p, RULES_MD, "Pupils tell the\nthe teacher."),
        lambda p: {("N-DOUBLED-WORDS", RULES_MD, line_of(p, RULES_MD, "the teacher"), None)}),
    "placeholder-in-a-block-scalar": (
        lambda p: add(p, ELM, "extra:\n  note: |\n    Our parents' evening is on\n    the date TBC."),
        lambda p: {("E-PLACEHOLDER", ELM, line_of(p, ELM, "the date TBC"), "elm")}),
    "approved-in-the-future": (
        lambda p: sub(p, ELM, "approved: 2025-09-10\n      version: \"2.0\"\n      next_review: 2027-09",
                      "approved: 2027-01-10\n      version: \"2.0\"\n      next_review: 2029-01"),
        lambda p: {("W-APPROVED-FUTURE", ELM, line_of(p, ELM, "approved: 2027"), "elm")}),
    "signatory-role-unknown": (
        lambda p: sub(p, ELM, "      version: \"2.0\"\n      next_review",
                      "      version: \"2.0\"\n      signatories:\n        - {role: chiar, name: Ann Lee, "
                      "title: Chair}\n      next_review"),
        lambda p: {("E-SIGNATORY-ROLE", ELM, line_of(p, ELM, "chiar"), "elm")}),
    "approval-without-version": (
        lambda p: sub(p, ASH, "      version: \"1.0\"\n", ""),
        lambda p: {("E-APPROVAL-VERSION", ASH, line_of(p, ASH, "approved: 2026-01") - 1, "ash")}),
    "missing-file-and-unknown-section-in-one-run": (
        lambda p: sub(p, ASH, "      - {id: intent, title: Our aims}",
                      "      - {id: intent, title: Our aims}\n    add_sections:\n      - {id: phones, "
                      "title: Phones}\n    omit_sections: [reportng]"),
        lambda p: {("E-MISSING-FILE", ASH, line_of(p, ASH, "id: phones"), "ash"),
                   ("E-REF-SECTION", ASH, line_of(p, ASH, "online-safety:"), "ash")}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_reported_exactly(case, pack):
    edit, expected = CASES[case]
    edit(pack)
    assert diagnose(pack) == expected(pack)


def test_messages_say_what_to_write(pack):
    add(pack, ELM, "lists:\n  blocked_sites: TikTok, Snapchat\ncolour: #6a1b4d")
    add(pack, ASH, "colour: #1b4d6a   # a deep teal")
    sub(pack, ASH, "short_name: Ash", "short_name: Elm")
    add(pack, DATA_MD, "This policy will be reviewed annually.\n\nSee {{ ref(\"dta\") }}.")
    try:
        load_pack(pack)
    except PackError as exc:
        text = "\n".join(d.message for d in exc.diagnostics)
    assert "write it as a list: `blocked_sites: [TikTok, Snapchat]`" in text
    assert "quote the value: `colour: \"#6a1b4d\"`" in text
    assert "quote the value: `colour: \"#1b4d6a\"   # a deep teal`" in text   # (its own comment kept apart)
    (pack / ELM).write_text((BASE / ELM).read_text(encoding="utf-8"), encoding="utf-8")
    sub(pack, ASH, "colour: #1b4d6a   # a deep teal", "")
    msgs = {d.code: d.message for d in Project(pack, TODAY).check()}
    assert "Elm Primary School's short name (schools/elm.yml:2)" in msgs["E-OTHER-SCHOOL"]
    assert "Ash Academy" in msgs["E-OTHER-SCHOOL"]
    assert "{{ policy.review_cycle }}" in msgs["W-REVIEW-PROSE"]
    assert "did you mean 'data'?" in msgs["E-REF-SECTION"]


def test_a_part_of_a_policy_the_pack_does_not_hold_says_how_to_link_it(pack):
    add(pack, DATA_MD, "Read section 3 of the Equal Opportunities Policy first.")
    [d] = [d for d in Project(pack, TODAY).check() if d.code == "E-HAND-REF"]
    assert "'section 3 of the Equal Opportunities Policy'" in d.message
    assert "the pack does not hold the policy" in d.message and "external_policies" in d.message


# ------------------------------------------------------------------ legitimate text: nothing

LEGITIMATE = [
    "The following paragraph sets out the rules.",
    "Charges follow paragraph 4 of the Council's Charging Policy.",   # (an organisation's policy)
    "Child's date of birth: ___/___/______",        # (a reader's form line, a date's blanks and all)
    "Child's name: ____ Class: ____ Date of birth: __/__/____",
    "Parent's signature: ____ Date: __/__/____",
    "The school will insert a link to the form on its website.",   # (what the school does, no instruction)
    "You are on page 1of 24",      # (a page counter run together, as a PDF's text gives it)
    "Parent's name: Name",         # (a reader's field on a form, its own label repeated)
    "The academy follows section 2 of its funding agreement.",
    "Staff follow paragraph 4 of your contract of employment.",
    "See the ICO's guide, section 2.", "The LGfL guide, page 4, explains filtering.",
    "Parents may read page 4 of their guide.", "The NSPCC's learning guide, chapter 2, helps parents.",
    "This policy is reviewed every two years by governors and published.\n\nSchedule 1, Part 7 of the Education "
    "(Independent School Standards) Regulations 2014 applies to complaints.",
    "Sections 1 and 2 of the Protection from Harassment Act 1997 make harassment an offence.",
    "Sending such a message is an offence under sections 127 and 128 of the Communications Act 2003.",
    "It is an offence under s.127 of the Communications Act 2003.",
    "Part 5 of the Education Act 2002 sets out the duty.",
    "Section 4 of the Education Act 2002 applies.",
    "Under section 175 of the Education Act 2002, governors safeguard pupils.",
    "The Communications Act 2003: Section 127 covers grossly offensive messages.",
    "Keeping Children Safe in Education, paragraph 137, explains filtering.",
    "KCSIE 2024 paragraph 137 describes filtering and monitoring.",
    "See paragraph 137 of Keeping Children Safe in Education.",
    "Annex A of KCSIE lists the further information.",
    "The Equality Act 2010, sections 26 and 27, defines harassment and victimisation.",
    "sections 2 to 4 of the Computer Misuse Act 1990 cover unauthorised access.",
    "Article 8 of the Human Rights Act protects private life.",
    "Schedule 1 of the Data Protection Act 2018 lists the conditions.",
    "Section 1 of the Malicious Communications Act 1988 also applies.",
    "Data Protection Act 2018, section 170, makes it an offence.",
    "Pupils in Year 7 and Years 5 and 6 use the portal.",
    "Children in Key Stage 2 and KS1 are taught e-safety.",
    "Meet in Room 4.2 at 10.30 on Monday.",
    "Lessons end at 3.15 pm.",
    "Call the office on 01632 960999 or 01632 960 214.",
    "Version 2.0 was approved on 1.9.2025.",
    "The meeting takes 2.5 hours.",
    "The trip costs £4.50.",
    "This section explains how staff use social media.",
    "Training is refreshed annually.",
    "Consent is renewed each year.",
    "Staff review their privacy settings every year.",
    "The DSL reviews the filtering logs every month.",
    "This policy is reviewed every 2 years.",
    "Governors review this policy {{ policy.review_cycle }}.",
    "He had had enough of the messages.",
    "She said that that was fine.", "He said that that rule stands.",
    "Yes, yes: every parent is asked.",
    "the appendix lists the contacts.",
    "In 2024, 30 pupils joined the club.",
    "Pupils aged 13 or over may join.",
    "Section 3 of the Code of Practice for Schools explains it.",
    "See section 2 of the Guidance for Safer Working Practice.",
    "Section 4 of Keeping Children Safe in Education applies.",
    "The filtering list is kept by the IT team. It is reviewed termly.",
    "Pupils have an annual review of their plan.",
    "Attendance is reviewed termly.",
    "## Cyberbullying\nCyberbullying is never acceptable.",
    "The meeting starts at 10.30 on Monday.", "29 July 2020", "Lunchtime is covered at 12.15 by midday supervisors.",
    "Cones are set out at 1.2 m intervals.", "The list at 8.45 goes to the office.",
    "Our oldest pupils (Year 6) act as digital leaders.", "Dates should be written as DD/MM/YYYY.",
    "Please give your child's date of birth (DD/MM/YYYY).", "Enter dates in the format dd/mm/yyyy.",
    "KCSIE is published each September; all staff must read Part 1 and Annex B.",
    "Item 6 on the governors' agenda is the policy review.", "The newsletter (page 3) reminds parents.",
    "Our Year 6 class reader, chapter 4, shows how to stay safe.", "What it is is a safeguarding matter.",
    "Name / Role / Contact Details\n\nMrs A Patel / DSL / 01632 960999",
    "Date reviewed by the\n\nGoverning Body\n\nFGB 22.11.2022",
    "There is no requirement for the majority of our policies to be reviewed annually.",
    "The governors want EHC plans to be reviewed annually.",
    "(schools will know this as the Accessibility Plan)",
    "If you have any questions about your home insurance policy please contact the office.",
    "Title | Charging Policy\nPolicy owner | Headteacher",
    "I have read and understood the safeguarding policy.\n\nName: ______________\n\nSigned: ______________\n\n"
    "Date: ______________",
    "| Name of school/setting | Oak Hill Primary School |", "Headteacher:\n\nThe headteacher is responsible for it.",
    "Teachers should adapt their teaching to the needs of pupils.", "Chair of Governors:\n\nMrs Jane Smith",
    "Staff must not post using the school name without the headteacher's permission.",
    "Title of document Supporting Pupils with Medical Conditions Policy\nPolicy Reviewed: 1st September 2023",
    "Schools should keep the use of branded items to a minimum.",
    "The rest of this article summarises section 3 of this latest attendance guidance.",
    "The STPCD sets the pay framework. Para 19.2 says how pay progression is decided.",
    "The DfE's filtering and monitoring standards were published in March 2023 and are due to be reviewed in 2025.",
    "| Version | Date | Change |\n|---|---|---|\n| 2.0 | 14/01/2025 | Policy reviewed and approved by governors |",
    "The Computer Misuse Act 1990 makes these offences:\n\n1. Unauthorised access to computer material.\n\n"
    "2. Making or supplying articles for use in an offence under section 1 or 3.",
    "An explanatory note to the School Governance (Procedures) (England) Regulations 2003 sets out the rules.",
    "H. Cooke, Headteacher", "M. Neal (Chair of Governors)",
]


def test_legitimate_sentences_raise_nothing(pack):
    add(pack, DATA_MD, "\n\n".join(LEGITIMATE))
    assert diagnose(pack) == set()


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_sentence_alone(text):
    assert typed_refs(text, TITLES) == []
    assert [m for _, _, m in stated_cycles(text) if m != 24] == []
    assert doubled(text) == []


# ------------------------------------------------------------------ many wordings per class

TYPED = [
    "Full details are given in the next paragraph.",
    "see section 4", "in paragraph 6.2", "section 4 of this policy", "Clause 3.1 applies",
    "as set out in sections 2 and 3", "Section 5 of the policy", "paragraphs 3 to 5 apply",
    "As described in Section Four,", "see section two of this document", "Paragraph Six explains",
    "see Appendix 2", "complete Appendix B.", "the forms in Appendices 1 and 2", "Annex 3 has it",
    "as set out in 4.2 above", "see 6.1.", "refer to 3.2 and 3.3", "(see 5.4)",
    "as explained in 2.1 below", "described in 7.3.", "in line with 8.1,",
    "See section 4 of the Acceptable Use Policy", "in section 2 of the Online Safety Policy",
    "sections 1 and 2 of our Acceptable Use Policy", "para 4 says", "clauses 2, 3 and 4",
    "see section 3 of the Acceptable Use policy", "section 2 of the Online Safety policy",
    "see § 4", "§§ 4 and 5 of this policy", "section 4(b) of this policy",
    "as set out in paragraphs 4–6", "read section 6 of the Online Safety Policy first",
    "The conditions in sub-paragraph (c) above apply.", "Cl. 8.1 applies.",
    "This is explained in more detail at 5.3 and 5.4 of this policy.",
    "Sanctions are explained in the Anti-Bullying Guidance 2024 Page 12",
    "Procedures agreed by the governors are detailed in Section B.",
    "b) permanently (see Section B2).", "The rules in the paragraph above apply to governors.",
    "The platforms this policy covers are those listed at (a) to (d) above.", "as in (iii) below",
    "The exceptions at 7.2(a)–(c) do not apply to governors.", "The ages in the table at 6.2 are the apps' own.",
    "This is repeated at 5.6.", "See section 4 of the report below.",
    "See paragraph 2.2 of the school's annual report.",
    "This policy has regard to the Education Act 2002. Section 4 below sets out the roles of staff.",
    "Staff follow KCSIE. See 8.3 below for the steps.",
    "3 Responsibilities\n\n3.1 Each academy keeps its records.",
    "5. In seeking consent we will ensure that parents know why we post a pupil's image.",
    "All education in school hours is free except music tuition (see 4 below).",
]


@pytest.mark.parametrize("text", TYPED)
def test_typed_reference_wordings(text):
    assert typed_refs(text, TITLES)


CYCLES = [
    ("This policy will be reviewed annually.", 12),
    ("There is a regular 3-year review cycle for this policy.", 36), ("This policy is reviewed tri-annually.", 36),
    ("Governors will monitor the effectiveness of this policy and review it annually.", 12),
    ("Reviewing this policy on an annual basis.", 12),
    ("The governing body reviews the policy every two years.", 24),
    ("This policy is reviewed biennially by governors.", 24),
    ("The policy is reviewed yearly.", 12),
    ("This code will be reviewed every 3 years.", 36),
    ("Review cycle: every twelve months.", 12),
    ("This policy and its procedures will be reviewed each year.", 12),
    ("The policy will be revisited every three years.", 36),
    ("This policy is reviewed termly.", 4),
    ("We review this policy once a year.", 12),
    ("The trust board will review this Social Media Policy every 2 years.", 24),
    ("This policy is reviewed every other year.", 24),
    ("The governing body reviews the policy every fourth year.", 48),
    ("The headteacher reviews this document every six months.", 6),
    ("This policy will be updated every year.", 12),
    ("This policy is reviewed on a three-year cycle.", 36),
    ("This policy is reviewed on a biennial basis.", 24),
    ("The policy is subject to annual review.", 12),
    ("This policy applies to all staff. It will be reviewed annually.", 12),
    ("It will be reviewed every 4 years by the Local Governing Body.", 48),   # "It": the text itself
    ("## Monitoring and review\n\nIt is reviewed every two years.", 24),
    ("## Monitoring and Review:\n\nIt is reviewed every two years.", 24),
    ("Policy review: every three years.", 36),
    ("The governors revisit this policy every 24 months.", 24),
    ("Staff get a yearly safeguarding update; this policy is reviewed every three years.", 36),
    ("The governors look at this policy again every two years.", 24),
    ("The committee will review and monitor the impact of the policy annually.", 12),
    ("The Standards Committee reconsiders this policy every year.", 12),
    ("This policy will be reviewed at intervals of no less than three years.", 36),
    ("To be reviewed every 3 yrs", 36),
    ("This policy is reviewed every 18 mths.", 18),
    ("This policy will be revisited by governors twelve months from the date of approval.", 12),
    ("This policy has a lifespan of three years.", 36),
    ("This policy is valid for one year from the date of approval.", 12),
    ("Review cycle: 3 yrs", 36), ("Review frequency: 18 mths", 18),
    ("This policy is reviewed on a 2-yr cycle.", 24),
    ("(Approved 3 March 2024, to be updated every March)", 12),
    ("Adopted by the governors in June 2023; to be renewed annually", 12),
    ("Review: 12 months", 12), ("Review: 3 years", 36),     # a review label's value, a length alone
]


@pytest.mark.parametrize("text", ["Staff consider the needs of each pupil every term.",
                                  "Staff training\n\nIt is reviewed every 3 years.", "Reviewed: 12 months ago",
                                  "## Review of individual healthcare plans\n\nIt will be reviewed annually.",
                                  "## Filtering and monitoring review\n\nIt will be reviewed annually by the DSL.",
                                  "Review: 6 months after reintegration", "Review: 3 years of data",
                                  "Pupils look at the class blog every day.",
                                  "The EHCP will be reviewed annually.", "Medication expiry date: June 2025",
                                  "The risk assessment review is due in September 2025.",
                                  "The next time we review our uniform, in 2026, we will ask parents.",
                                  "The next annual review of each pupil's EHC plan will take place in May 2026.",
                                  "The next update of the app is due in May.",
                                  "Parental consent is valid for one year.",
                                  "The DBS certificate is valid for three years.",
                                  "15.09.16 1.1 Policy Reviewed Governing Board",
                                  "04/12/2019 | 1.6 | Policy reviewed – no significant changes",
                                  "1.1 | 15/09/2016 | Policy reviewed", "15/09/2016 - Policy reviewed",
                                  "Risk assessments are to be reviewed every September.",
                                  "Photo consent is valid until the end of Year 6.",
                                  "The DBS check expires in March 2026.",
                                  "Staff passwords are to be updated every term.",
                                  "The designated safeguarding lead's training is to be updated every two years.",
                                  "DBS checks to be renewed every three years.",
                                  "The risk assessment is to be updated each term.",
                                  # many documents' cycle, the sentence's subject plural
                                  "These policies run on a 4-year review cycle mainly because they need little "
                                  "change.",
                                  "All trust policies follow a three-year review cycle."])
def test_another_documents_review_is_not_this_policys(text):
    assert stated_reviews(text) == []


def test_a_past_reviews_academic_year_beside_the_next_is_not_a_next_review():
    text = "Equality Policy | Committee: Human Resources | Last review: 2015/2016 Next Review: 2016/2017"
    assert [s.phrase for s in stated_reviews(text, ["Social Media Policy"], "Social Media Policy")] == ["2016/2017"]


@pytest.mark.parametrize("text", ["The child protection policy should describe procedures in line with government "
                                  "guidance. It should be updated annually (as a minimum).",
                                  "Our Child Protection Policy sets out how we respond. It is reviewed every year.",
                                  "The governors approved the child protection policy in May. It will be reviewed "
                                  "annually."])
def test_it_after_a_sentence_about_another_policy_is_that_policy(text):
    assert list(stated_reviews(text, ["Social Media Policy"], "Social Media Policy")) == []


@pytest.mark.parametrize("text", [
    # "the policy" after another named in the sentence is that one
    "Governors must review the Pay Policy annually and, where they see fit, revise the policy.",
    # a guidance's date in its citation, in a sentence about this policy's review
    "This policy has been reviewed in line with the DfE’s ‘School attendance’ (October 2014) and ‘Parental "
    "responsibility measures’ (January 2015).",
    "This policy was rewritten to follow the new guidance (DfE, September 2026)."])
def test_another_documents_words_and_dates_in_a_sentence_about_this_policys_review_are_not_its_review(text):
    assert list(stated_reviews(text, ["Social Media Policy"], "Social Media Policy")) == []


@pytest.mark.parametrize("text", [
    "The governing body has agreed this social media and online conduct policy. It will be reviewed annually and "
    "will be no more lenient than the trust's.",
    "Governors ratified the policy at their spring meeting. It is to be updated annually."])
def test_it_after_a_sentence_that_adopted_this_policy_is_this_policy(text):
    assert [s.months for s in stated_reviews(text, ["Social Media Policy"], "Social Media Policy")] == [12]


@pytest.mark.parametrize("text", [
    "| Behaviour Policy | Annually | This policy is reviewed annually |", "| Accessibility Plan | Every 3 years |",
    "This policy is reviewed every two years and shared as part of the annual training programme."])
def test_a_schedules_row_another_documents_title_leads_is_that_documents(text):
    # (its own title, "| Social Media Policy | Every 3 years |", or none, "The Policy will be reviewed
    # annually", is this policy's; "annual" before another thing is no cycle)
    assert [s.months for s in stated_reviews(text, ["Social Media Policy"], "Social Media Policy")] in ([], [24])
    assert stated_reviews("| Social Media Policy | Every 3 years |", ["Social Media Policy"], "Social Media Policy")
    for own in ("The Policy will be reviewed annually.", "This Safeguarding Policy will be reviewed annually.",
                "Date of Policy: July 2025 Review: July 2028", "Next Review of Policy September 2026"):
        assert stated_reviews(own, ["Social Media Policy"], "Social Media Policy"), own


@pytest.mark.parametrize("text, months", [
    ("Our Social Media Policy has been written by the school, building on the LGfL exemplar policy. It has been "
     "agreed by the senior leadership team and approved by governors. It will be reviewed annually.", [12]),
    ("The child protection policy is on the website. It is read by all staff. It is updated annually.", []),
])
def test_it_two_sentences_after_the_one_a_policy_led_is_that_policy(text, months):
    # (a run of sentences "It" leads keeps the subject of the sentence before them)
    assert [s.months for s in stated_reviews(text, ["Social Media Policy"], "Social Media Policy")] == months


@pytest.mark.parametrize("text", ["This policy should be read with the Acceptable Use of IT Policy, which is reviewed "
                                  "every year.", "Staff read this policy alongside the Acceptable Use of IT Policy, "
                                  "which is reviewed every year."])
def test_a_clause_about_another_policy_named_before_it_is_that_policys(text):
    assert list(stated_reviews(text, ["Social Media Policy"], "Social Media Policy")) == []


def test_a_date_before_a_review_label_with_its_own_date_is_not_the_review():
    assert [(s.year, s.month) for s in stated_reviews("Spring 2025 Review: Spring 2027")] == [(2027, 1)]


@pytest.mark.parametrize("text", ["After subsection (3) insert—",
                                  "In section 444ZA, in subsection (1D), in paragraph (a), for “section 52” substitute "
                                  "“section 51A”.",
                                  "This includes learning about different types of families (DfE, page 20).",
                                  "The ICO's surveillance camera code of practice, section 2, explains the signs.",
                                  "Ofsted's 'Briefing for section 5 inspectors' gave advice.",
                                  "Ofsted's inspection framework, paragraph 28, says this.",
                                  "Page 116, line 14, leave out “is” and insert “and”.",
                                  "Act applied by 1993 c. 35, ss. 238, 239, Sch. 13 para.7(2)(a); S.I. 1993/3106, "
                                  "art. 4",
                                  "Act explained by 1994 c. 30, s. 19(4).",
                                  # (an aside in brackets between the part and whose it is)
                                  "For more, see Annex E (pages 172 to 174) of Keeping Children Safe in Education.",
                                  "Read Part 2 (the duties) of the Working Together guidance.",
                                  # ("the code" of a longer name is that document: a code of practice)
                                  "This is called SEN support (paragraphs 6.44 to 6.56 of the code of practice).",
                                  "See paragraph 12 of the guidance on filtering and monitoring."])
def test_an_amendment_a_citation_and_an_organisations_document_point_elsewhere(text):
    assert typed_refs(text, TITLES) == []


@pytest.mark.parametrize("text", ["Staff should insert the date in the log kept under section 3.",
                                  "The school's code of conduct, section 2, explains.",
                                  "Follow the DSL's guidance in section 5.", "Complete the Appendix 3 audit.",
                                  "Pupils should not leave out “optional” tasks in section 4.",
                                  "In 2024 c. 30 pupils joined; see section 4.",
                                  "We met in 2019. 30 pupils came. See section 4.",
                                  "Our rules (see page 4) apply.",
                                  # (another document put into one of this one's parts)
                                  "Governors follow the Governance Handbook Code of Conduct, attached at Appendix 1.",
                                  "The NSPCC guidance is reproduced in Annex B."])
def test_our_own_parts_near_those_words_are_still_flagged(text):
    assert typed_refs(text, TITLES)


@pytest.mark.parametrize("text", ["Pupils who take part in trips are covered later in this policy.",
                                  "When you use these groups, we ask you to agree to the points below.",
                                  "Children take part in PE; the kit list is set out later in this policy."])
def test_taking_part_is_no_part_of_the_document(text):
    assert typed_refs(text, TITLES) == []


@pytest.mark.parametrize("text,year,month", [("Policy expiry date: 31/08/2027", 2027, 8),
                                             ("The next review is due by March 2026.", 2026, 3),
                                             ("REVIEW DATE: October2025", 2025, 10),
                                             ("Next scheduled review – Spring 2026", 2026, 1),
                                             ("Date for renewal: Jan-26", 2026, 1),
                                             ("Adopted by governors: 14 January 2025 Next update: October 2026",
                                              2026, 10),
                                             ("Revision Date: February 2028", 2028, 2),
                                             ("Next update due October 2026", 2026, 10),
                                             ("This policy was last reviewed: Spr 2025 This policy will be reviewed "
                                              "again: Spr 2026", 2026, 1),
                                             ("Date of next school review | September 2025", 2025, 9),
                                             ("The governing body adopted this policy on 14 January 2025. It will "
                                              "review it in January 2028.", 2028, 1),
                                             ("This code covers the period from March 2024 to July 2026.", 2026, 7),
                                             ("This policy remains in force until December 2027.", 2027, 12),
                                             ("The policy expires on 31 August 2026.", 2026, 8),
                                             ("Date of next ratification | May 2027", 2027, 5),
                                             ("Dyddiad adolygu / Review date: Ionawr 2028", 2028, 1),
                                             ("Adolygiad nesaf / Next review: Medi-27", 2027, 9),
                                             ("Review date: January 2025\nDate of next review: January 2027",
                                              2027, 1),
                                             # (a label over its value in the next paragraph, a cover
                                             # table's cells read a paragraph each)
                                             ("To be reviewed:\n\nAutumn Term 2027", 2027, 9),
                                             ("Due for review:\n\nFebruary 2028", 2028, 2),
                                             ("Approved: June 2025\n\nNext review date:\n\nJune 2027", 2027, 6),
                                             # (a month cut short with a full stop: the sentence goes on)
                                             ("Next review: Sept. 2027", 2027, 9),
                                             ("Next review date: 21-JUN-27", 2027, 6),
                                             ("This policy will be reviewed in Jan. 2028 by governors.", 2028, 1)])
def test_review_dates_in_other_words(text, year, month):
    assert [(s.year, s.month) for s in stated_reviews(text)] == [(year, month)]


@pytest.mark.parametrize("text", ["Last reviewed:\n\nJanuary 2025", "Date of last review:\n\nMarch 2024",
                                  "Reviewed by:\n\nThe full governing body"])
def test_a_past_review_over_its_value_in_the_next_paragraph_is_no_review_due(text):
    assert stated_reviews(text) == []


@pytest.mark.parametrize("text,months", CYCLES)
def test_review_cycle_wordings(text, months):
    assert [m for _, _, m in stated_cycles(text)] == [months]


DOUBLED = ["uses my child my child's data", "the the school", "to the to the office",
           "a a pupil", "in in school", "Tell the\nthe teacher", "report it report it now",
           "the school the school's rules", "is a is a rule",
           "Pupils learn about passwords, privacy settings, privacy settings and blocking.",
           "Parents must not share photos of other children. Parents must not share photos of other children.",
           "This policy applies to all staff, governors, volunteers, volunteers and visitors.",
           "Accidents involving pupilpupils and visitors are recorded.",
           "The school uses Facebook Facebook and Instagram.", "St Anne's Catholic Primary Primary School",
           "Staff did did not report it.", "Report it to Childline Childline.",
           "Staff must discussmust discuss any concern with their line manager.",
           "Posts are read twice, so so that slips are caught.",
           "Staff must discuss itmust discuss it with the DSL.", "Pupils report to a childreport to a child.",
           "Staff respect pupils' privacy, dignity and privacy.", "The rules apply from 31st January 2025 2025.",
           "Report it to the school the school office.", "The school the school must publish it.",
           "Staff must record it. The DSL the DSL must record every concern.",
           "Staff check what is posted by • pupils / pupils and parents.",
           "It says how phones are to be used by pupils, phones are to be used by pupils, staff and visitors.",
           "The governing body is responsible for ensuring that that the rules in this policy are met.",
           "Social Media & Online Safety Policy Social Media & Online Safety Policy",
           "On Thursday, Year 6 Year 6 treated us all to a performance.", "Key Stage 2 Key Stage 2 pupils",
           "KS2 KS2 pupils", "Year\u00a06 Year\u00a06 went",
           "Staff think about whether what they post is is appropriate.",
           "Staff must remember that that comments can be screenshotted.",
           "Parents should know that that apps such as TikTok have age limits.",
           "Read it with the Acceptable Use Policy Policy.", "Our lead is Mrs Nadia Campbell Campbell.",
           "The Headteacher Headteacher has overall responsibility.", "Social Media Media Policy"]


@pytest.mark.parametrize("text", DOUBLED)
def test_doubled_word_wordings(text):
    assert doubled(text)


@pytest.mark.parametrize("text", ["What it was was a misunderstanding.",
                                  "Concerns about the school, the school site or its staff go to the office.",
                                  "Say no. Say no. Then tell an adult.",
                                  "I will be safe online. I will be safe online. I will be safe online.",
                                  "We hope every child may have life, life in all its fullness.",
                                  "Lap belts, belts and harnesses are checked before each journey.",
                                  "Trust grows both ways (us in them, them in us, them in each other).",
                                  "A murmur of agreement and a bonbon for everyone.",
                                  "Protecting the School's School ICT facilities is a team effort.",
                                  "Staff/Volunteer Pupil Pupil/Parent Technician Visitor",
                                  "The first attempt was only so so, and the second was better.",
                                  "Staff who need to do so so that pupils cannot hear use the office.",
                                  "Staff do so so far as is reasonably practicable.",
                                  "| 2025 | 2025 | Reviewed |", "Growth, development and development plans are shared.",
                                  "Year 6, Year 6 and Year 5 pupils", "Room 12 Room 120", "Year 6 | Year 6",
                                  "Monday\tYear 6\tYear 6\tYear 5", "Year 6 Year 6a Year 6b",
                                  "I know that that is true.",
                                  "It applies to a staff member, volunteer or member of the Governing Body.",
                                  "A child whose health or development, or whose health and development, is at risk.",
                                  "Unless it is withdrawn at the school the school must comply with a request.",
                                  "We will listen to the child, listen to the child's parents and act.",
                                  "Talk to the class teacher, talk to the class teacher's assistant.",
                                  "He/she must tell the DSL; he/she must not investigate.",
                                  "Cyngor Sir Powys/Powys County Council", "I do / do not give permission.",
                                  "In B o urne mo uth, D o rs e t a nd P o o le",
                                  "What the school's X account is is a quick way to tell parents about closures.",
                                  # titles, songs and sounds say it again on purpose; a particle after its object
                                  "Year 4 sang Twinkle Twinkle Little Star and then Chitty Chitty Bang Bang.",
                                  "Heads, shoulders, knees and toes, knees and toes.",
                                  "Please and thankyou, please and thankyou, is what we sing.",
                                  "Saying a a a a a. As in ant.", "Down Maisie up Maisie, mountain, mountain",
                                  "Please hand the signed form in in person at the office.",
                                  # (words of other alphabets are whole words: Irish "ó na Naíonáin")
                                  "Múinfear Gaeilge do dhaltaí ó na Naíonáin Shóisearacha ar aghaidh.",
                                  # (a place's name after the word that opens the sentence)
                                  "All Walla Walla Public Schools pupils have the same rights.",
                                  # (a mask of one letter is a gap, the placeholder check's)
                                  "Governor Lead: xxxxxxxxxxxx"])
def test_repeats_meant_or_in_new_clauses(text):
    assert doubled(text) == []


def test_in_a_copy_a_heading_in_capitals_run_into_the_next_is_no_repeat():
    text = "MOSSCROFT PRIMARY SCHOOL Social networking POLICY Policy Ethos Statement"
    assert doubled(text, run_in=True) == [] and doubled(text)
    assert doubled("THE The policy applies to staff.", run_in=True)


HEADINGS = [("# 5.4 Passwords", True), ("## 3) Scope", True), ("### Section 2: Aims", True),
            ("## 3. Scope", True), ("#### Section Two - Aims", True), ("## Part 4 Rules", True),
            ("## Year 7 trips", False), ("## 2024 update", False), ("## Key Stage 2", False),
            ("## Our aims", False), ("## 10 top tips", False)]


@pytest.mark.parametrize("text,flagged", HEADINGS)
def test_heading_numbers(text, flagged):
    assert bool(list(heading_numbers(text))) is flagged


# ------------------------------------------------------------------ generated wordings

ACTS = st.sampled_from(["Education Act 2002", "Communications Act 2003", "Children Act 1989",
                        "Protection from Harassment Act 1997", "Data Protection Act 2018",
                        "Computer Misuse Act 1990", "Equality Act 2010",
                        "Malicious Communications Act 1988", "Keeping Children Safe in Education",
                        "Education (Independent School Standards) Regulations 2014"])
WORD = st.sampled_from(["section", "sections", "Section", "Sections", "paragraph", "paragraphs"])
NUMS = st.lists(st.integers(1, 250), min_size=1, max_size=3)
JOIN = st.sampled_from([" and ", ", ", " to ", " or "])


@settings(max_examples=300, deadline=None)
@given(WORD, NUMS, JOIN, ACTS, st.sampled_from(["of the ", "of ", "under the ", "in the "]))
def test_statute_references_are_never_flagged(word, nums, join, act, link):
    text = f"This is covered by {word} {join.join(map(str, nums))} {link}{act}."
    assert typed_refs(text, TITLES) == []


@settings(max_examples=300, deadline=None)
@given(WORD, NUMS, JOIN, st.sampled_from(["see ", "as set out in ", "under ", "", "read "]),
       st.sampled_from([".", " of this policy.", " above.", " below.", ", then", " of the policy."]))
def test_our_own_numbers_are_always_flagged(word, nums, join, before, after):
    text = f"Staff act {before}{word} {join.join(map(str, nums))}{after}"
    assert typed_refs(text, TITLES)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["This policy", "The policy", "This code", "Our policy"]),
       st.sampled_from(["will be reviewed", "is reviewed", "is revisited", "will be updated"]),
       st.integers(1, 6), st.sampled_from(["years", "months"]))
def test_stated_cycles_are_read(subject, verb, n, unit):
    text = f"{subject} {verb} every {n} {unit}."
    assert [m for _, _, m in stated_cycles(text)] == [n * 12 if unit == "years" else n]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Training", "Consent", "The filtering list", "Staff passwords", "The log"]),
       st.sampled_from(["is refreshed", "is renewed", "is checked", "changes", "is updated"]),
       st.sampled_from(["annually", "every two years", "each year", "termly", "every 3 years"]))
def test_other_frequencies_are_not_cycles(subject, verb, freq):
    assert list(stated_cycles(f"{subject} {verb} {freq}.")) == []


_WORDS = st.sampled_from(["child", "school", "pupil", "the", "data", "staff", "report", "online",
                          "parent", "my", "to", "phone"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=3), st.lists(_WORDS, max_size=3),
       st.sampled_from([" ", "\n", "  "]))
def test_a_repeated_run_of_words_is_found(run, tail, gap):
    seq = run + run + tail
    if len(run) == 1 and run[0] in MEANT or tail[:len(run)] == run or \
            any(seq[k] == seq[k + 1] == seq[k + 2] for k in range(len(seq) - 2)):
        return      # (a word meant twice; three copies or more are said on purpose)
    text = "We said " + " ".join(run) + gap + " ".join(run + tail) + "."
    assert doubled(text)


def test_every_new_code_is_declared():
    """Declared in builder/common/codes.py with an example and a fix of its own: a row of the
    docs' diagnostics tables, which are written from there."""
    from builder.common.codes import CODES
    for code in ("E-PRINT", "E-OTHER-SCHOOL", "W-REVIEW-PROSE", "E-HEADING-NUMBER", "E-HAND-REF",
                 "E-SIGNATORY-ROLE", "E-APPROVAL-VERSION", "W-APPROVED-FUTURE", "N-DOUBLED-WORDS"):
        assert code in CODES and CODES[code].example, code


def test_a_school_file_copied_from_another(tmp_path):
    """The source documents' mistake: a new school's file started from vine-tree.yml, with only
    its name changed. The copy is told every leftover; the school it came from is not."""
    from tests.support import copy_pack
    root = copy_pack(tmp_path / "pack")
    text = (root / "schools/vine-tree.yml").read_text(encoding="utf-8")
    (root / "schools/oakfield.yml").write_text(
        text.replace("name: Vine Tree Primary", "name: Oakfield Primary", 1), encoding="utf-8")
    shutil.copytree(root / "schools/vine-tree", root / "schools/oakfield")
    # its logo still names the other school's file: a school's files lie in its own folder
    with pytest.raises(PackError) as refused:
        Project(root, TODAY).check()
    assert [(d.code, d.school) for d in refused.value.diagnostics] == [("E-PATH", "oakfield")]
    (root / "schools/oakfield.yml").write_text((root / "schools/oakfield.yml").read_text(encoding="utf-8").replace(
        "logo: schools/vine-tree/", "logo: schools/oakfield/"), encoding="utf-8")
    found = [d for d in Project(root, TODAY).check() if d.code == "E-OTHER-SCHOOL"]
    assert {d.school for d in found} == {"oakfield"}
    lines = {d.line for d in found if d.path == "schools/oakfield.yml"}
    for needle in ("short_name: Vine Tree", "email: office@", "website:", "phone: 01632 960 214",
                   "name: Mrs Amelia Hart", "name: Mike Bywaters", "@VineTreePrimary"):
        assert line_of(root, "schools/oakfield.yml", needle) in lines, needle
    assert all("Vine Tree Primary's" in d.message and "Oakfield Primary's text" in d.message
               for d in found)


_ITEM = st.text(alphabet="abcXYZ019 #:&-'\"@!*", min_size=1, max_size=12).map(str.strip).filter(
    lambda t: t and "," not in t and " and " not in f" {t} " and ";" not in t)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ITEM, min_size=1, max_size=4))
def test_the_corrected_list_reads_back_as_the_items(items):
    """The example a list written as text is given is YAML that reads as those items."""
    import re as _re

    import yaml

    from builder.source.examples import fix
    hint = fix("blocked_sites", "a list", ", ".join(items))
    example = _re.search(r"`(blocked_sites: \[.*\])`$", hint).group(1)
    assert yaml.safe_load(example) == {"blocked_sites": [str(i) for i in items]}


# template text as real templates leave it (written here in our own words)
GAPS = ["[Say here why the policy is needed and what it should achieve.]", "Email: xxxx@xxxx.sch.uk",
        # text still to come; a template telling the schools that take it up to adapt it; a choice
        # left in angle brackets
        "Content to follow", "Garden rota: details to follow.",
        # (a signature's blanks, "Dated" run into its own: no value written on the line)
        "Chair of governors signature \u2026\u2026\u2026 Dated\u2026\u2026\u2026\u2026\u2026\u2026.",
        "The policy may be adapted and expanded to suit the requirements of individual schools.",
        "This template can be used by schools to construct their own agreements.",
        "Tools are kept in <lockable storage cabinets in a lockable storage area>.",
        # a stand-in person or school; the template speaking to its adopter; an order in capitals; stars
        "The pupil, Joe Bloggs, is in Year 5.", "Everyone at XYZ Primary School feels safe.",
        "You might want to include your garden's history here.",
        "These rules should not be adopted as they stand.", "The rota is here: ADD LINK TO THE ROTA",
        "Year 6 Garden Camp 201*", "Pupils leave on ************ and return on Friday.",
        # labels left empty: a date's, whatever it dates; a review's due date; a sentence left at "on:"
        "Date shared with staff:", "Review due:",
        "The school may wish to add a disclaimer.",
        # (dots where a name was to go, after a word that needs one; words to choose between in brackets)
        "At………………. C of E Junior School we welcome every family to the garden.",
        "At .......... Primary School we ask parents to sign the visitors' book.",
        "Pupils learn the [statutory/non-statutory] parts of the garden curriculum.",
        "Online safety training is provided by [provider].", "Visit www.XXXX.sch.uk for details.",
        "Follow us on Twitter @XXXXX.", "Schools should add their own local procedures here.",
        "| Review Cycle | Three Years |\n|---|---|\n| Revision Ref | |\n| Author/Owner | Headteacher |",
        "Schools may wish to add a list of the apps they use.",
        "This section should be personalised by each school.", "To be completed by the school.",
        "You should include your approach to online safety in your statutory child protection policy.",
        "Leaders and DSLs should adapt the content to include specific local information.",
        "It is a framework document that can be adapted by schools to suit their individual circumstances.",
        "Italic text should be deleted before publication.",
        "Anything in italics is procedural advice and should be removed from the document.",
        "DESIGNATED SAFEGUARDING GOVERNOR:\n\nKEY CONTACTS WITHIN THE LOCAL AUTHORITY",
        "Chair of Governors:\n\n## Key contacts in the local authority",
        # words of a sentence between two blanks are no value typed over a line
        "Our Designated Safeguarding Lead is ________ and can be contacted on ________.",
        "The school day starts at ______ am and ends at ______ pm.", "Chair ______ Vice Chair ______",
        # a field in a quotation is still a field
        'Staff sign to say: "I, [full name], agree to follow this code."',
        "Letter template: “Dear [parent or carer], we are writing about [child’s name].”",
        "This legislation may be viewed at", "A copy of the policy is available at",
        "Email: office@xxxx.org",
        "The trust handles every matter except those [to do with admissions, exclusions or SEN].",
        "[Stage 2]",
        "Agreed by the governors insert date here",
        "Parents can read more in the name of schoolBehaviour Policy.",
        "Authorised by: (Chair of Governors)",
        "Approved by: Signature (Headteacher)",
        "Last Amended",
        "Date Adopted by Governors",
        "Version :",
        "This wording can be changed to fit the needs of your school and its pupils.",
        "Every school should tailor the second part to its own arrangements.",
        "Schools may need to choose and then delete one of the two paragraphs below.",
        "Words in blue show where the school picks its own wording.",
        "This agreement covers staff working at [ ] Academy.",
        "############ Primary School",
        "COUNTERSIGNED BY: /",
        "Staff should know where your behaviour policy is kept.",
        "Guidance in italics does not form part of the policy.",
        "Remove this page from the final version of the policy.",
        "The template covers most settings.",
        "Explain how the school records its decisions.",
        "Staff report any concern to the HEADTEACHER NAME on the same day.",
        "Name of Academy\n\nThis policy applies to every member of staff.",
        "Name of School\n\nOnline Safety Policy\n\n1. Introduction",
        "Review date:\n\nTable of Contents",
        "Online Safety Policy\nLast Update:\nContents",
        "Mill Lane, Oakham LE15 6XX Tel Fax Website Headteacher Mrs J Brown",
        "Online Safety Policy for OAK HILL SCHOOL Next review date: Statement of Intent",
        "This policy will need to be amended to take account of school-specific details.",
        "The guidance boxes should be deleted prior to publication of the policy.",
        "You must amend the visit procedures in Section B to match how your leaders run trips.",
        "Notes in the margins are for the attention of schools only.",
        "The school's online safety lead is ____________.",
        "Our Instagram account is https://www.instagram.com/XXXXXXX.",
        "Concerns go to the DSL, who can be contacted at",
        "For any queries contact the school office on",
        "Academy Logo",
        "###### Academy is committed to working with every family to keep children safe online.",
        "Version | 2.1 | Review Cycle |", "Signed ………………………………. Head teacher",
        "Address Address Address Town County Postcode",
        "Telephone: 0xxxxxxxxxx", "Admissions for 20xx-xx",
        "The school's account[s] on Instagram [is/are] run by the office.",
        "It is designed to act as a template and should be adapted to reflect your specific school.",
        "Staff must use approved apps such as [App name] for homework.",
        "As headteacher I will review this policy annually/every two years (delete as appropriate).",
        "REVIEW DATE: Statement of Intent",
        "The DSL can be contacted on:\n\nStaff report concerns the same day.",
        # the kind of school left to choose, a template naming itself, a contact's value gone, a bare handle
        "Images show parents how well your school / educational setting is doing.",
        "The School/College is committed to openness and accountability.",
        "This is an exemplar policy based on national guidance.",
        "The policy should be adapted, where necessary, to fit with other school policies and practice.",
        "Email your concern to as soon as possible.",
        "For advice contact the helpline at or telephone the duty team.",
        "Follow us on X: @", "Number of staff with posting rights", "Total PPG received",
        "Risk Assessment Number: Insert", "The school may post up to (number to be agreed by the governors) photos.",
        "The following is a sample social media procedure for schools to be adapted as required.",
        "It can be amended to include specific reference to the aims and ethos of the particular school.",
        # what is still to be done to the document, with no value; a record's one-word row left empty
        "To be reviewed:", "To be ratified by:", "Version |", "Approved |",
        "Governor responsible:", "Link governor for online safety:", "Mobile:",
        # a sentence or an empty cell in a table's row, a label whose next cell is another label
        "Policy | Online Safety | Approved by the governors on", "Signed | | | Dated",
        "Name of DSL | Contact number |", "To be re-approved:", "To be reviewed no later than:",
        "To be reviewed:\nNext review date:", "Ratified by the governors on 3 May 20__.",
        "Signed on behalf of the board on 1 March 19..", "The staff agreed this code in October 20…",
        "Agreed by the and Finance Committee in May.", "The /Deputy Headteacher signs each post off.", "Tel. No:",
        "Agreed by the\nand Finance Committee.", "Remove this section before you publish the policy.",
        # how the template marks what to change; a line of hyphens to sign on; a contact gone
        "Throughout this document any yellow highlighted sections require action or confirmation by the school.",
        "Grey text indicates where you need to fill in the times the office answers messages.",
        "Advisory note: this box can be deleted after you have finished writing the policy.",
        "This model policy should be adapted – not adopted.", "Signed: ------------------ Date: ------------------",
        "Copies are available directly upon request from .",
        "Signed Headteacher:\n\nThere is a regular review of all our policies."]
NOT_GAPS = ["School Contact Details\n\nPrincipal: Mel Thornton\n\nSchool Phone Number: 021 4375616",
            "School name: Oak Hill Primary School", "Write to max@maxxx.com about it.", "This is __bold__ text.",
            # (a part of a statute's own title in square brackets)
            "The Education [Provision of Full-time Education for Excluded Pupils] (England) Regulations 2007 apply.",
            "The Education [Pupil Information] Regulations set out what parents are told.",
            "Please tick: Yes __ No __", "Signed Mrs J Smith______", "Signed Siobhan O'Neill______",
            "Signed Sarah McDonald______", "Signed Anil Sarna-Jones______", "Chair of Governors______Claire Brand",
            "Display name:\n\nStaff must use their full name as their display name on Microsoft Teams.",
            "Visitor name: ______\n\nSigned: ______\n\nDate: ______", "Name: ___\n\nDate: ___\n\nGovernors",
            "Copies are available on request.", "The full policy can be found on the school website.",
            "Captions should say ‘they [the pupils] enjoyed the trip’ rather than naming children.",
            "Numbers on roll rose between 2019 and 2020... and then fell.",
            "Parents said it was ... a lot to read.", "Learners aged 16-20... may join the course.",
            "Governors must have regard to … guidance issued by the Secretary of State.",
            "Class sizes of up to 20... pupils", "Chapters 1–20… of the guidance", "The and/or rule applies.",
            "Visit the /contact page.", "Remove any content that breaches this policy.",
            "Please include this policy in the staff induction pack.",
            "Adjust your privacy settings as described in this document.",
            "have read the {{ ref('policy:staff-code') }} and will follow it",
            "The consent form is in Annex A and the log in Annex B.", "Choose option a or b.",
            "Photographs on the website: Yes (tick): No (tick):",
            "School Name | Oak Hill Primary School",
            "[F2(3)A person guilty of an offence under this section is liable on summary conviction.]",
            "Pupils in Years 5 and 6 [aged 9 to 11] learn about age limits on apps.",
            "[from Working together to safeguard children, 2023]",
            "Approved by: Governors",
            "Approved by: Mrs A Khan (Chair of Governors)",
            "Last reviewed by the governing body in June 2024.",
            "Please tick: [ ] Yes, I agree   [ ] No, I do not agree",
            "Words in bold are explained in the glossary.",
            "Schools must publish their admission arrangements on their website.",
            "### Who this policy covers",
            "Staff keep their private lives apart from their work with pupils at all times. ASHCOMBE PRIMARY "
            "SCHOOL Staff Code",
            "Give your own details (name and year group) when you post on the class blog.",
            "Sent to: Parents Staff Governors Other (specify):",
            "Name of Academy\n\nLarchfield Community Academy\n",
            "Staff guidance\n\n#### What staff do\n\nStaff report concerns.",
            "Please tell us if your circumstances change.",
            "Never share your school password; change it if you think someone knows it.",
            "Each school should adopt the policy and publish it on its website.",
            "Report it to the DSL (you may also contact the LADO directly).",
            "Pupils learn what is/is not acceptable to post.",
            "An accident report form is to be completed by the school and sent to the trust.",
            "Photographs: Yes [ ] No [ ]",
            "Pupils use the template to plan their story.",
            "Describe what happened, when and who was there.",
            "Parents can read about this in your child's class policy.",
            "Read it with the Bring Your Own Device Policy.",
            "Review date:\nSeptember 2026",
            "Date adopted:\nSummer term 2025",
            "Please update:\nthe office with any change of address.",
            "1 OAK HILL JUNIOR & INFANT SCHOOL Social Media Policy Written: Reviewed Autumn Term 2015",
            "Name of child:", "Date of birth:", "Parent/Carer Name:", "Signature(s): Date:",
            "Child’s Name ……………………………………", "Name and phone number of GP…………………….",
            "Review date: As required", "Tel: 01632 960100 Email: office@oak.sch.uk",
            "This policy will be amended in line with new guidance.",
            "Any photos must be deleted before the images are published.",
            "Follow us at https://web.facebook.com/OakHillPrimary for news.",
            "Dose to be given ……………………………………",
            "#### School trips",
            "Name | Role |",
            "Contact us on 01632 960100 or at office@oak.sch.uk",
            "Our logo was designed by pupils in 2019.",
            "Role | Name | Signature | Date |", "Contact Details",
            "Provider Form…………… For providers without the Quality Badge",
            # ordinary rules and forms that only look like template text
            "When you leave the school you must delete the school documents stored on your own devices.",
            "You must not edit the documents of other staff without permission.",
            "Timings may need to be adjusted to suit local arrangements at each site.",
            "This policy is for the attention of schools in the trust and their governing boards.",
            "Medicines my child is taking: ____________", "Name of adult who will collect: ____________",
            "| Training | Last updated |", "| 1.2 | 3 May 2024 | JS | Updated |",
            "Name\tRole\tTelephone\tEmail", "Review date: Two years",
            "What has been updated:\n- the contacts", "Approved and adopted:\nBy the Local Governing Body.",
            "#### School trips are planned carefully and every trip has a risk assessment.",
            "Child’s name: ……………………………. Signed: ……………………………. (parent/carer)",
            "I do / do not (delete as appropriate) give permission for my child's photograph to be used.",
            "Pupils read the rules aloud, for example [I will tell a grown-up].",
            "Support for Schools/Colleges that buy the county's service is set out in the annex.",
            "Each Academy/School sets its own admission number.",
            "Contact the office on or before 1 May.", "Pupils walk to and from school with an adult.",
            "Tickets cost @ £5 each.", "They contacted the school on, or around, 1 May.",
            "Pupils know who they can contact and talk to.",
            "Any email or phone call will be responded to as soon as possible.",
            "Staff must not contact pupils on or off site.", "Parents are contacted by the method they have agreed on.",
            "Teachers use exemplar text in lessons.", "This policy is based on the county's exemplar policy.",
            "Concerns are reported to the Trust/Academy Data Protection Officer.",
            "Children in the school/nursery play outside.", "Type the at sign (@) before the name.",
            "Follow our news @\nChestnutsPS", "The number of pupils has grown.",
            "Number of pupils\n\nWe have 210 pupils on roll.", "Governors review each term:\n\nNumber of exclusions",
            "To log in, press: Enter", "Sports Day (to be confirmed if wet) is on 4 July.", "Status: Complete",
            "Keyboard shortcut: Enter", "Work should be adapted to suit the needs of each pupil.",
            "Uniform lists may be amended to reflect each school's colours.",
            "The model answers for schools to be adapted are in the appendix.",
            # a label's value in the next cell; a table's heading row ending in who approved each change
            "Name of school | Larchfield Community Academy",
            "Amendment Number | Date | Detail | Amended By | Approved By",
            "To be reviewed: every two years", "To be read with the following:", "Version | 2.1",
            "Version | Date | Details |",
            # a label over what follows it, its main word no value's
            "Setting work:", "Star of the Week:", "Version control:", "Adopted from -",
            # a title cell with its value in the row below; "To be reviewed:" over its value
            "| Version |\n|---|\n| 1.0 |", "| Owner |\n| Mrs A Lee, DSL |", "To be reviewed:\nTermly",
            "To be reviewed:\nFull Governing Body", "Review date:\nHalf-termly",
            # a citation in square brackets: a document, then its part's number
            "[Keeping children safe in education 2024, paragraph 138]", "Staff follow [KCSIE, para 40].",
            # colours and boxes that are no template's marks; a table's rule; a pupil's own login
            "Highlighted words in the glossary show which terms pupils must learn.",
            "Pupils need the coloured boxes, which require batteries.",
            "| Name | Role |\n|------|------|\n| Sam | DSL |",
            "Enter your school email address and password to log in to the learning platform.",
            # a pair typed twice is a doubled word's, not a word taken out
            "Please speak to the to the class teacher.",
            # things to follow that are rules, not text still to come; a trust's own practice, not a
            # template's note; an address in angle brackets
            "These are the rules to follow.", "More information will follow in the spring term.",
            "Support is tailored to meet the needs of each school in the trust.",
            "Resources used by schools to create their own lessons are on the portal.",
            "Email <office@oak.sch.uk> for help.",
            # an acronym or a sentence in capitals; a rating in stars; bold; a pupil's own choice
            "Pupils with ADD AND ADHD get support.", "THE SCHOOL WILL INCLUDE ALL PUPILS.",
            "A ***** rating from parents.", "**Bold** text and *italics* here.",
            "You may wish to add a photo to your profile.", "Staff log in to ABC Mouse each day.",
            "The school may wish to add more clubs next year.",
            # a Markdown link whose address wrapped onto the next line
            "Concerns are logged (see our [Garden Policy]\n(/policies/garden.html))."]


@pytest.mark.parametrize("text", GAPS)
def test_template_gaps_are_found(text):
    assert placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))


@pytest.mark.parametrize("text, gap", [("Print Name Julia Mann Date:", "Date:"),
                                       ("Name: Mrs J Smith Signed:", "Signed:"),
                                       ("Print Name Date:", "Print Name Date:")])
def test_a_field_filled_in_before_an_empty_one_leaves_only_that_one_a_gap(text, gap):
    assert [found for _, found in placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))] == [gap]


@pytest.mark.parametrize("text", [
    "The governing body will appoint the chair at its first meeting. OR The committee will elect a chair.",
    "This policy was developed (-- state briefly the process for developing the policy and who was consulted).",
    "Our DSL (name the DSL here) keeps the records."])
def test_a_models_alternatives_and_an_order_in_brackets_to_whoever_writes_it_are_template_text(text):
    assert placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))


@pytest.mark.parametrize("text", ["Acute: [such as an allergic reaction].", "Pupils may bring a phone OR a tablet.",
                                  "Staff should (where possible) describe the incident."])
def test_examples_in_brackets_and_an_or_for_emphasis_are_no_template_text(text):
    assert placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS)) == ()


@pytest.mark.parametrize("text", NOT_GAPS)
def test_filled_labels_and_asides_are_not_gaps(text):
    assert placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS)) == ()


@pytest.mark.parametrize("text", ["1.2Published admission number", "2.Policy Statement", "3How to apply",
                                  "4: Monitoring and Evaluation"])
def test_a_number_run_into_its_heading_is_a_typed_number(text):
    assert typed_refs(text, TITLES)


@pytest.mark.parametrize("text", ["B.Rankin, January 2006", "1Local Government Act 1972 (c. 70)", "3D Printing",
                                  "10:15 Break time", "XXXX. Name of school", "IIIII. Notes",
                                  "II. Staff check that every post, photo and comment follows this "
                                  "policy, that no pupil is named, and that comments are moderated."])
def test_an_initial_an_acts_heading_or_a_product_is_not(text):
    assert typed_refs(text, TITLES) == []


@pytest.mark.parametrize("text", ["Aims....................p2", "Roles and responsibilities …………… 6",
                                  "Sections A-F deal with informal complaints.", "4 / RELEVANT ASSOCIATED POLICIES",
                                  "Introduction... 4", "KEY CONTACTS Page 2", "Key Legislation | 3",
                                  "11.0LETTINGS POLICY",
                                  "B.2. Exclusions | 6", "In 4.2 ‘Visitors to the school’ we set out who signs in.",
                                  "III. Monitoring the accounts", "XII) Complaints",
                                  "Page 4: Roles and responsibilities are set out there.",
                                  # a list's numbered items by the list's own word, pointed at; a dotted
                                  # number placed above
                                  "Places go first to children under criterion 3 above.",
                                  "Use of the garden is subject to Condition 10 below.",
                                  "If the tie-breaker at 8.2 above is not enough, places go by lot."])
def test_a_contents_entry_or_a_part_named_by_number_is_typed(text):
    assert typed_refs(text, TITLES)


@pytest.mark.parametrize("text", ["Note 1: visitors sign in at the office.", "A category 2 incident is logged.",
                                  "Priority goes to siblings (see Note 5 below).",
                                  "Places go first under criterion 1 of the School Admissions Code.",
                                  "Conditions 1 to 3 of the licence apply.",
                                  "Scores at 2.5 above the mean are reported.",
                                  "The temperature rose to 37.5 above normal."])
def test_a_lists_word_not_pointed_at_or_a_comparison_is_no_reference(text):
    assert typed_refs(text, TITLES) == []


@pytest.mark.parametrize("text", ["CCTV Policy 2016 GAD/mac/so (Judicium) Page 1",
                                  "Social Media Policy 2025 NC/lr Page 3", "ONLINE SAFETY POLICY 2023 PAGE 4", "P. 14",
                                  "Page 1: COLLEGE CODE OF CONDUCT FOR CORPORATION MEMBERS …",
                                  "Version 1.1 of this policy introduced the parent portal.",
                                  # (a page's label alone, or a document viewer's, with the page's address)
                                  "Page 3:", "Page 2: Garden Procedure - oakhill.sch.uk/wp-content/uploads/garden.pdf"])
def test_a_pages_footer_is_no_reference(text):
    assert typed_refs(text, TITLES) == []


@pytest.mark.parametrize("text", ["Total number of pupils | 210", "Current document | 1",
                                  "The staff meet........ 3 times a year",
                                  "Grades A-C are passes.", "Pupils take A-Level exams."])
def test_a_count_in_a_table_is_no_contents_entry(text):
    assert typed_refs(text, TITLES) == []


@pytest.mark.parametrize("text,flagged", [("Signed: Chair of Governors", True),
                                          ("Signed: Mrs J Smith, Chair of Governors", False),
                                          ("Chair of Committee------(Signature)", True),
                                          ("This draft policy has been written for schools to adapt.", True),
                                          ("It may be adopted and/or adapted by individual schools.", True),
                                          ("Amend the sections you need and delete others as appropriate.", True),
                                          ("The headteacher will amend the plan as necessary.", False),
                                          ("Before you adopt this, check each part suits your setting.", True),
                                          ("Use this as a first draft and adapt it to match your own school.", True),
                                          ("Tell us if your child's details change.", False),
                                          ("You should change your password every term.", False),
                                          # an order to edit the text itself, read by its grammar: who
                                          # edits, a verb of editing, the text as its object
                                          ("Settings might also want to add a paragraph here on how class "
                                           "apps are moderated.", True),
                                          ("Please tailor the highlighted wording before this goes on the "
                                           "website.", True),
                                          ("Academies should replace this section with their own "
                                           "arrangements.", True),
                                          ("If the school has a Seesaw account, insert a statement here on "
                                           "who runs it.", True),
                                          ("Schools may choose to also include the following sentence: "
                                           "'Comments are switched off.'", True),
                                          ("Governors will amend this policy when the law changes.", False),
                                          ("Parents should not add comments to this post.", False),
                                          ("Staff must not delete the school's posts without the "
                                           "headteacher's agreement.", False),
                                          ("Pupils may include this document in their portfolio.", False),
                                          ("You can remove the app from your phone at any time.", False)])
def test_unsigned_lines_and_notes_to_adopters(text, flagged):
    assert bool(placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))) == flagged


@pytest.mark.parametrize("text,flagged", [("Signed By: _____________________________", True),
                                          ("Parent/carer signature: ____________________   Date: ____________", False),
                                          ("as described in section 175 of the Education Act 2002 [or section 157 of "
                                           "the Education Act 2002 for independent schools]", True)])
def test_an_unsigned_approval_and_a_choice_left_in(text, flagged):
    assert bool(placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))) == flagged


@pytest.mark.parametrize("text,flagged", [("AGREED BY GOVERNORS:\nREVIEW DATE: January 2027", True),
                                          ("Chair of governors Date:\nNext review date: November 2027", True),
                                          ("Signed by:\nA Khan Headteacher Date: 22.11.24", False),
                                          ("Setting an example:\nStaff model the behaviour they expect.", False),
                                          ("Legal reference:\nReview date: January 2027", True),
                                          ("Policy reference:\nSee the trust's safeguarding policy.", False)])
def test_a_label_is_empty_when_the_next_line_is_another_label(text, flagged):
    assert bool(placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))) == flagged


def test_a_contents_list_whose_pages_went_to_the_next_lines_leaves_its_dots_no_gaps():
    text = "Context\u2026\u2026\u2026\u2026\u2026\n2\n\u2018Unsuitability\u2019\u2026\u2026\u2026\u2026\u2026\n3\n" \
           "Duty of Care \u2026\u2026\u2026\u2026\u2026\n4\n"
    assert placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS)) == ()


def test_a_line_each_reader_signs_is_a_forms_not_a_gap():
    assert placeholder_gaps("Signed:- ______________________   Name:- ______________________",
                            phrase_pattern(DEFAULT_PLACEHOLDERS)) == ()


@pytest.mark.parametrize("text,months", [
    ("Online Safety Policy 2024 – reviewed every year by the Standards Committee", 12),
    ("ONLINE SAFETY POLICY: to be reviewed each autumn", 12),
    ("Anti-Bullying & Online Safety Policy (2024) - reviewed annually", 12),
    ("Behaviour Policy – reviewed every year", None),
    ("Online Safety Policy: staff should review their privacy settings every six months.", None),
    ("Online Safety Policy – the headteacher reviews the school's accounts each term.", None),
    ("Online Safety Policy 2024 – written by the computing lead", None),
    # a schedule's row: the title's cell, then its cycle's
    ("Online Safety Policy | Every 3 years | Delegated to the headteacher", 36),
    ("Online Safety Policy - annually", 12), ("Behaviour Policy | Every 3 years", None),
    ("Online Safety Policy: every pupil signs the agreement every 3 years.", None),
    ("Online Safety Policy: every year all staff complete online safety training.", None),
    ("Online Safety Policy | Every 3 years\nBehaviour Policy | Annually", 36),
    ("Online Safety Policy | Every 3 years | Behaviour Policy | Annually", 36),
    ("| Online Safety Policy | Every 3 years |\n| Behaviour Policy | Annually |", 36),   # a Markdown table's row
    ("| Behaviour Policy | Every 3 years |", None)])
def test_a_line_led_by_the_policys_own_title_states_its_review(text, months):
    titles = ["Online Safety Policy", "Behaviour Policy", "Anti-Bullying & Online Safety Policy"]
    title = titles[2] if text.startswith("Anti") else titles[0]
    got = [s.months for s in stated_reviews(text, titles, title)]
    assert got == ([months] if months else [])


@pytest.mark.parametrize("text", ["2.0 | 2014 | Review | M Storey | August 2014",
                                  "APPENDIX: EHCP and Annual Review summary"])
def test_review_alone_as_a_word_of_a_row_or_a_title_is_no_review_date(text):
    assert list(stated_reviews(text, ["Social Media Policy"], "Social Media Policy")) == []


@pytest.mark.parametrize("name,wrong", [("Pryce, Owen", True), ("Owen", True), ("Ms Jane Smith, MBE", False),
                                        ("Dr A Lee, Headteacher", False), ("Mrs Pryce", False),
                                        ("Amy Lee – a.lee@oakhill.org.uk", True),
                                        ("Mr Kai Ito www.oakhill.org.uk", True),
                                        ("Mrs Siân O'Neill-Jones", False)])
def test_a_role_holders_name_as_parents_read_it(name, wrong):
    from builder.checks.values import name_problem
    assert bool(name_problem(name, "Headteacher")) == wrong


# ------------------------------------------------------------------ a school's section, read whole
# (the lines of one section, each read among its neighbours: a contents list, a cover's labels)

def _lines_typed(text: str) -> list[int]:
    return sorted({text.count("\n", 0, r.offset) + 1 for r in typed_refs(text, TITLES)})


def _lines_gapped(text: str) -> list[int]:
    return sorted({text.count("\n", 0, off) + 1 for off, _ in
                   placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))})


@pytest.mark.parametrize("text,lines", [
    # a run of numbered titles is a contents list or headings typed with their numbers
    ("Contents\n\n1. Introduction\n\n2. Aims (including scope)\n\n3. Roles", [3, 5, 7]),
    ("1.1 Purpose\n1.2 Scope\n1.3 Definitions", [1, 2, 3]),
    # a numbered list of sentences, or a list a line ends its lead into with a colon, is a list
    ("Computer Rules\n\n1. I will only use the computers for school work.\n\n2. I will be polite online.", []),
    ("Our accounts:\n\n1. Facebook\n\n2. Instagram\n\n3. YouTube", []),
    ("## Our online safety rules\n\n1. Be kind\n2. Be honest\n3. Tell an adult", []),
    ("We have three rules.\n\n1. Be kind\n\n2. Be honest\n\n3. Be safe", []),
    # a contents list without leaders: titles ending in their pages, the pages never going back
    ("Summary 4\n\nAbout this guidance 4\n\nInsurance 34-35\n\nStatutory requirements 65", [1, 3, 5, 7]),
    ("Year 1\nYear 2\nYear 3", []),
    # numbered entries among unnumbered ones, a title ending in a year, a group's heading with no page
    ("Contents\n\nIntroduction   3\n\n1. Scope   3\n\n2. Planning   6", [3, 5, 7]),
    ("Definitions 35\nAnnex 2: equalities legislation 39\nThe Equality Act 2010 39\nHuman rights 40", [1, 2, 3, 4]),
    ("Introduction 3\nWORKING ARRANGEMENTS\nCareer breaks 5\nHybrid working 8", [1, 3, 4]),
    # entries ending in 'Page N' are a contents list's, not pages' footers; a numbered one alone too
    ("KEY CONTACTS Page 2\n\nPROCEDURES Page 7\n\nPOLICY REVIEW Page 11", [1, 3, 5]),
    ("16. POLICY REVIEW | Page 10", [1]),
    # not a list's plain sub-heading joining two short lists, a table of each year's figures, a footer
    ("Breakfast club 4\nAfter-school club 12\nHoliday provision\nFull day 25", []),
    ("Exclusions\n\nFixed-term exclusions 2022 4\n\nFixed-term exclusions 2023 6\n\nFixed-term exclusions 2024 9", []),
    ("Children Act 1989 7\nEducation Act 2002 9\nEquality Act 2010 12", [1, 2, 3]),   # Acts a contents list names
    ("Staff must report concerns.\n\n3 Online Safety Policy Page 3\n\nPupils will be taught.", []),
    ("Pupils respond to feedback before they write the next paragraph of their story.", []),
    ("Online Safety Policy 2024 Page 1\n\nWe keep pupils safe online.\n\nOnline Safety Policy 2024 Page 2", []),
    # lines that end in a number but are no contents list: a list a line leads, one word counting
    ("Who to talk to in school:\n\nThe DSL is Mrs Smith, Room 12\nThe deputy is Mr Jones, Room 14\n"
     "The SENCo is Ms Patel, Room 21", []),
    ("Verbal warning: Level 1\n\nDetention: Level 2\n\nSuspension: Level 3", []),
    ("Reception: 15\nYear 1: 20\nYear 2: 30", []), ("Office: ext 201\nHeadteacher: ext 202\nSENCo: ext 210", []),
    ("Last ratified: January 2018\nAgreed: October 2018\nReviewed - September 2025", []),
    ("Pupils in Year 3\nPupils in Year 4\nA trip for Year 6", []),
    # a number on the line after a structural noun's paragraph is not that noun's
    ("Section | Content | Page\n\n1 | Scope | 3", [3]),
    ("Please read section\n4.2 of this policy before posting.", [1]),
    ("It is set out in section\n4 of this policy.", [1]), ("Please see section\n7. Staff must read it.", [1]),
    # a title given twice in a contents list is no numbered series; a clause's number in its own cell is typed
    ("Route safety 15\nAccompaniment 16\nRoute safety 34\nLicensing 34", [1, 2, 3, 4]),
    ("Version | Summary of changes\n1.1 | Updated the section on mobile phones for staff and visitors", []),
    # a contents table's rows with their pages, a range of them; what a word processor leaves of its own
    # references ("PAGEREF _Toc...", "Error! Bookmark not defined.")
    ("1 | Years 1 and 2 | 5-7", []), ("16A | Science Lab | 30", []),
    ("Roles and Responsibilities PAGEREF _Toc472776202 \\h 6", [1]),
    ("The forms are in Error! Reference source not found. below.", [1]), ("See Error!Bookmark not\ndefined.", [1]),
    ("ERROR! NO BOOKMARK NAME GIVEN.", [1]), ("As REF _Ref472776200 \\h says", [1]),
    ("8.45 | Pupils arrive and go straight to their classrooms with staff", []),
    ("1.4 | 15th May 2024 | 15th May 2024 | Full Governing Body | Procedural Update |", []),
    # a policy's title ending the paragraph before is not the Act's section's owner
    ("Guidance on the Online Safety Policy\n\nSection 175 of the Education Act 2002 places a duty on schools.", []),
])
def test_a_sections_lines_are_read_among_their_neighbours(text, lines):
    assert _lines_typed(text) == lines


@pytest.mark.parametrize("text,lines", [
    # a cover's labels with nothing after them, one over another
    ("Date Ratified by Trust\n\nSignature of CEO\n\nSignature of Chair of Trust", [1, 3, 5]),
    ("Last Amended\nLast Review\nContents:", [1, 2]),
    # a label over what cannot be its value: another field, a title, words where a number goes
    ("Signed:\n\nPosition: Head of Governors", [1]),
    ("Email:\n\nADMISSIONS POLICY", [1]),
    ("CONTACT NUMBER:\nDEPUTY DSL NAME: Mr C Paugh", [1]),
    # and not: a label over its value, or a list its lead line introduces
    ("Email:\n\noffice@chestnuts.sch.uk", []),
    ("Telephone:\n020 7946 0731", []),
    ("Governors review each term:\n\nNumber of exclusions\n\nTotal PP budget", []),
    ("Setting work:\nPupils: will be set work online.", []),
    ("Telephone:\nOffice: 01234 567890\nHeadteacher: 01234 567891", []), ("Email:\nvia the school office", []),
    ("Website:\nSee our Facebook page", []), ("Next review\nDate: September 2026", []),
    # the cover's last label, over the heading or the next field that follows the cover
    ("Signature of Chair of Trust\n\nContents", [1]),
    ("Signature of Chair\n\nDate | June 2019", [1]), ("Last Reviewed\n\nReview Cycle | Three Years", [1]),
    ("Date of Review BFP\n\n1. Introduction", [1]),
    ("Email Address:\n\nIf there is a planned absence, parents should tell the office at once.", [1]),
    ("Approved by:\nFull Governing Body", []), ("Last reviewed\nJune 2022", []),
    # a label after another field's value on its line: that row's, whatever the next line says
    ("Reviewed by: Trust Board Date:\nApproved by: Trust Board Date: September 2020", [1]),
    ("Review date:\n1. Introduction", [1]), ("Approved by:\n1. Purpose", [1]),
    # and not a label over its value on the next line: a date, a term, a person, a list of its values
    ("Next Review\nAutumn Term", []), ("Date of Review\n12 March 2024", []), ("Last reviewed\n1 September 2025", []),
    ("Signed by Chair of Governors\nMrs J Smith", []), ("Signature of Headteacher\nJ Smith | 12/09/2024", []),
    ("Signed:\nSarah Jones", []), ("Signed by:\nMr A Patel", []), ("Headteacher Signature:\nJ. Smith", []),
    ("Designated Safeguarding Lead: Mrs J Smith   Deputy DSL:\nMr A Khan", []),
    ("Headteacher: Mrs J Smith | Telephone:\n01632 960123", []), ("Reviewed by: Trust Board Date:\n12 March 2024", []),
    # nor a count's label over its table, nor a form's field for each reader
    ("Number of Pupils on Roll\n\nYear | Pupils", []), ("Total PPG received\nPupil Premium | £45,000", []),
    ("Date of Birth\nParent Details", []),
    ("Signed and Approved by:\nChair of Committee------(Signature)", [2]),
    # a signature block's blanks, its lines read together: one line or a caption makes it the approval's
    ("Signed By: ________\n\nPosition: ________\n\nDate: ________", [1]),
    ("Signed By: ________ (Chair of Governors)\n\nPosition: ________\n\nDate: ________", [1, 3, 5]),
    ("Signature ............ Date ........\nHead Teacher\nSignature ............ Date ........\nChair of Governors",
     [1, 3]),
    ("Signature ............ Date ........\n\n(Chair of Governors) (Headteacher)", [1]),
    ("Signature ............ Date ........", []),
    # unless a line asks for the reader's own details: then even its 'Signed' is the reader's
    ("Name of child: ______\nRelationship to child: ______\nSigned: ______\nDate: ______", []),
    ("Signed: ______\n\nWe will reply within ten days.", [1]),
    # a record table's row whose value cell the copy left empty, between two rows with theirs; not a
    # contents table's plain entry, nor a table's own heading
    ("Review Cycle | Three Years\nRevision Ref\nAuthor/Owner | Teaching and Learning Committee", [2]),
    ("Approval Date | January 2016\n\nPrevious document\n\nReview Plan | January 2017", [3]),
    ("Supporting vulnerable children | 11\nOperation Encompass\nComplaints | 11", []),
    ("Date of next Review | Autumn 2027\nDetails of the policy\nAuthor | Mrs J Smith", []),
    # a role's label over a sentence may head a paragraph on that role
    ("Headteacher:\n\nThe headteacher will make sure that all staff follow this policy.", []),
    # a name written on the line is its value; a name printed after a blank is not
    ("School Data Processing Lead Sheryl Cooper______________", []), ("Signed Anil Sarna________", []),
    ("School Data Protection Lead______Claire Brand______", []),
    ("Signed: ............ Elizabeth Webb, Chairman of Governors", [1]),
    # a value typed over the line, blanks both sides, fills it; a label or an order between blanks does not
    ("Signed:__G Bishop________     Chair of Governors\n\nDate:____November 2022________", []),
    ("Review date:___November 2025____", []),
    ("Reviewed by: ________, Local Governing Body ________", [1]),
    ("as the agreement states ……insert quotation from the agreement………", [1]),
    ("Signed: Ms Grace Adeyemi, Chair of Governors   Date: ________", [1]),
    # a word taken out where the sentence still needs it
    ("Cyberbullying can be committed, as per The , by:", [1]),
    ("The school will address the risks of online harm (including ).", [1]),
    ("The school will address the risks of online harm (see below).", []),
])
def test_a_covers_labels_are_read_among_their_neighbours(text, lines):
    assert _lines_gapped(text) == lines


def test_a_version_tables_rows_under_its_heading_are_past_reviews():
    text = ("Document Revision History Document Author / Reviewer\n\n15.09.16 1.1 Policy Reviewed Governing Board"
            "\n\n17/02/2017 1.2 Policy Reviewed – No significant changes")
    assert stated_reviews(text) == []


# ------------------------------------------------------------------ runs of lines, as a class

_TITLE_WORD = st.sampled_from(["Aims", "Scope", "Roles", "Training", "Complaints", "Consent", "Definitions",
                               "Review", "Monitoring", "Data", "Images", "Accounts", "Parents", "Pupils"])
_ITEM_WORDS = st.sampled_from(["Be kind", "Tell an adult", "Keep passwords safe", "Ask before posting",
                               "Log off after use", "Report worries", "Use polite words"])


@settings(max_examples=150, deadline=None)
@given(titles=st.lists(st.lists(_TITLE_WORD, min_size=1, max_size=3, unique=True).map(" and ".join),
                       min_size=3, max_size=8, unique=True),
       steps=st.lists(st.integers(0, 4), min_size=8, max_size=8), blank=st.booleans(),
       lead=st.sampled_from(["", "Contents\n", "CONTENTS\n", "Table of contents\n"]))
def test_any_contents_list_whose_pages_never_go_back_is_typed(titles, steps, blank, lead):
    pages = [3 + sum(steps[:k + 1]) for k in range(len(titles))]
    sep = "\n\n" if blank else "\n"
    text = lead + sep.join(f"{t} {p}" for t, p in zip(titles, pages))
    first = lead.count("\n") + 1
    assert _lines_typed(text) == [first + k * (2 if blank else 1) for k in range(len(titles))]


@settings(max_examples=150, deadline=None)
@given(items=st.lists(_ITEM_WORDS, min_size=2, max_size=6, unique=True), blank=st.booleans(),
       lead=st.sampled_from(["Our rules:", "We have a few simple rules.", "## Our online safety rules",
                             "Pupils agree to the following:", "# Be SMART online"]))
def test_any_numbered_list_a_line_leads_is_a_list(items, blank, lead):
    sep = "\n\n" if blank else "\n"
    text = lead + "\n\n" + sep.join(f"{n}. {item}" for n, item in enumerate(items, 1))
    assert _lines_typed(text) == []


_DATED_LABELS = ["Review date:", "Next review", "Date approved:", "Last reviewed", "Date of review",
                 "Date ratified by governors"]
_SIGNED_LABELS = ["Signed:", "Signed by:", "Headteacher signature:", "Signature of Chair of Governors"]


@settings(max_examples=150, deadline=None)
@given(pair=st.one_of(
           st.tuples(st.sampled_from(_DATED_LABELS),
                     st.sampled_from(["Autumn Term 2026", "September 2025", "12/03/2024", "1 September 2025",
                                      "Annually", "Spring 2027", "Every two years"])),
           st.tuples(st.sampled_from(_SIGNED_LABELS),
                     st.sampled_from(["Mrs J Smith", "Mr A Khan", "Dr S Okoro", "J. Smith", "Ms R Patel"]))),
       blank=st.booleans())
def test_a_label_over_its_value_on_the_next_line_is_never_empty(pair, blank):
    label, value = pair
    text = f"{label}{chr(10) * (2 if blank else 1)}{value}\n\nThis policy explains how we use social media."
    assert _lines_gapped(text) == []


# ------------------------------------------------------------------ lines to write on, as a class

_LABEL = st.sampled_from(["Signed", "Date", "Review date", "Approved by", "Chair of Governors", "Headteacher"])
_BLANK = st.sampled_from(["__", "____", "__________", "....", "........", "……"])
_TYPED = st.one_of(st.sampled_from(["G Bishop", "Mrs J Smith", "Sarah McDonald", "Anil Sarna-Jones"]),
                   st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(1, 28),
                         st.sampled_from(["January", "March", "June", "November"]), st.integers(2015, 2030)),
                   st.builds(lambda m, y: f"{m} {y}", st.sampled_from(["September", "July"]), st.integers(2015, 2030)))
_PROSE = st.sampled_from(["and can be contacted on", "and the deputy is", "am and ends at", "to Year", "by",
                          "per", "and must be"])


@settings(max_examples=150, deadline=None)
@given(label=_LABEL, left=_BLANK, right=_BLANK, value=_TYPED)
def test_any_value_typed_over_its_line_fills_it(label, left, right, value):
    assert _lines_gapped(f"{label}:{left}{value}{right}") == []


@settings(max_examples=150, deadline=None)
@given(label=_LABEL, left=_BLANK, right=_BLANK, words=_PROSE)
def test_words_of_a_sentence_between_two_blanks_leave_both_gaps(label, left, right, words):
    left, right = left + "__", right + "__"    # (blanks a reader cannot mistake for a leader's dots)
    text = f"The {label.lower()} is {left} {words} {right}."
    assert len(placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))) == 2


@pytest.mark.parametrize("text", ["The Code sets out the standards we expect and is not exhaustive.(See Section 6 for "
                                  "further details)", "The Code applies to every adult. See section 4 for visitors."])
def test_the_code_is_this_pack_s_own_where_a_policy_of_it_is_a_code(text):
    assert typed_refs(text, [("staff-code", "Staff Code of Conduct")])
    assert typed_refs(text, TITLES) == []      # (a pack with no code: the Code is somebody else's)


# ------------------------------------------------------------------ the eighteenth round's shapes

SMP = (["Social Media Policy", "Behaviour Policy"], "Social Media Policy")


def test_a_part_of_the_latest_version_of_a_named_document_is_that_documents():
    assert _lines_typed("Staff read Part One of the latest version of Keeping Children Safe in Education.") == []
    assert _lines_typed("Staff read Part One of this policy.") == [1]


def test_a_heading_with_a_colon_over_a_sentence_about_it_is_no_empty_label():
    assert _lines_gapped("Email:\n\nPupils will use approved email accounts under supervision.") == []
    # (over another field, or over a sentence of something else, the label is still empty)
    assert _lines_gapped("Email:\n\nTel: 01234 567890") == [1]
    assert _lines_gapped("Date:\n\nThe date of the next meeting will be set by the governors.") == [1]


@pytest.mark.parametrize("text, lines", [
    # parts of an Act that the sentence amends or says how it was amended, and a part's own title quoted
    ("Section 12a was inserted by section 194 of the Apprenticeships, Skills, Children and Learning Act 2009.", []),
    ("Chapter 2 of Part 10 of EA 1996 is amended as set out in subsections (2) to (5).", []),
    ("This is set out in Chapter 2: ‘Multi-agency safeguarding arrangements’ in ‘Working Together to Safeguard "
     "Children’.", []),
    # ... this policy's own, its title quoted
    ("Staff follow Section 4: ‘Reporting concerns’ of this policy.", [1]),
])
def test_an_acts_parts_amended_or_titled_are_the_acts(text, lines):
    assert _lines_typed(text) == lines


def test_a_compounds_last_word_typed_again():
    assert [phrase for _, phrase in doubled("Staff attend a three-day day First Aid course.")] == ["three-day day"]
    assert doubled("Staff give one-to-one support every day.") == []


def test_a_phrasal_nouns_particle_before_the_same_word_is_no_slip():
    assert doubled("Staff complete a hand-over over the summer holidays.") == []


# ------------------------------------------------------------------ ... and those read as tables of cases

@pytest.mark.parametrize("text, said", [
    # -- a table's review column, read under its heading row
    # a heading row over its rows, as paragraphs or as a Markdown table
    ("Date | Review Date | Coordinator | Nominated Governor\n\n10/5/14 | 10/5/15 | Mrs K Towns | Mrs H Gange",
     ["10/5/15"]),
    ("| Written by | Date to be reviewed: |\n|---|---|\n| Headteacher | July 2023 |", ["July 2023"]),
    ("Policy created by: | Date of Adoption: | Date to be Reviewed:\n\nDeputy Head | July 2021 | July 2023",
     ["July 2023"]),
    # a row shorter than its heading: its last cell under the last heading
    ("Created | First Review Due | Reviewed | Version | Next Review Due\n\nSeptember 2023 | 2 | September 2024",
     ["September 2024"]),
    # a past review's column, and a schedule's row naming another document, are not this policy's
    ("| Last reviewed | Approved by |\n|---|---|\n| March 2024 | Governors |", []),
    ("Policy | Review Date\n\nBehaviour | April 2027\n\nAdmissions | May 2027", []),
    ("Policy | Review Date\n\nBehaviour | April 2027\n\nSocial Media | May 2027", ["May 2027"]),
    # a label alone over its value in the next paragraph, with or without its colon
    ("Next review due by:\n\nSeptember 2027", ["September 2027"]),
    ("Next review date\n\nJune 2024", ["June 2024"]),
    ("Last reviewed\n\nJune 2022", []),
    # -- a cited document's dates are not this policy's review
    # another document's date, as its citation gives it, and a note in brackets after it
    ("Non-statutory guidance is in the DfE's Behaviour and Discipline in Schools: advice for school staff "
     "(February 2014) [to be reviewed in January 2016]", []),
    ("This policy was revised in January 2013 in line with Safer Recruitment in Education (Jan 2007).", []),
    # a past event with an ellipsis before its date
    ("This policy was updated on …4th September 2018", []),
    # this policy's own, in brackets after its own date or after a body
    ("This policy (March 2025) [to be reviewed in March 2026]", ["March 2026"]),
    ("This policy will be reviewed by the Governing Body (September 2026).", ["September 2026"]),
    # -- only this policy's record gives its review
    # a table's "Review Date" column that is another record's: a version history's, a risk assessment's, a
    # training log's, another policy's short row in a schedule
    ("Version | Review Date | Reviewed by | Changes\n\n1.0 | September 2021 | Governors | New\n\n"
     "1.1 | September 2022 | Governors | Updated", []),
    ("Hazard | Risk | Control measures | Review Date\n\nSlips | Low | Mats | September 2025", []),
    ("Name | Training | Date | Next Review Due\n\nJ Smith | DSL | Sept 2024 | September 2026", []),
    ("Policy | Approved | Review Date\n\nAdmissions | May 2027", []),
    # this policy's own, after a body of three words or its own title and date
    ("This policy will be reviewed by the Full Governing Body (September 2026).", ["September 2026"]),
    ("Social Media Policy (September 2024) (to be reviewed September 2025)", ["September 2025"]),
    ("Adopted by Governors (September 2024) [to be reviewed in September 2025]", ["September 2025"]),
    # -- a review labelled in Welsh
    ("Dyddiad Adolygu: Medi 2028", ["Medi 2028"]),
    ("Adolygiad nesaf: Ionawr 2027", ["Ionawr 2027"]),
])
def test_review_statements_read_as_this_policys_or_left_alone(text, said):
    assert [s.phrase for s in stated_reviews(text, *SMP)] == said


@pytest.mark.parametrize("text, lines", [
    # -- a template named in a title, and a contents entry's dots
    ("Child Safeguarding Statement Template", [1]),
    ("Template 2:", [1]),
    ("Mandatory Template 1: Child Safeguarding Risk Assessment Template", [1]),
    ("Parents / Carers Acceptable Use Agreement Template – older children", [1]),
    # an appendix that gives the reader a template; the word in a sentence
    ("Appendix 2 – Action Plan Template", []),
    ("Staff use the letter template saved in the shared drive.", []),
    # a contents entry's dots to its page are no gap
    ("1. Aims ……… 2", []),
    ("Stage 1 - Informal Stage .............. 18", []),
    ("Year: ........ 6", [1]),
    # -- a template's notes, and its brackets filled or left empty
    # a template's note to whoever adopts it, in its own words
    ("You can modify this sample to fit your schools needs and environment.", [1]),
    ("Settings will need to adapt these templates in line with their own technology use.", [1]),
    ("Schools may find it helpful to add appendices to their policy.", [1]),
    ("Teachers adapt these activities to suit their class.", []),
    # the brackets a template left, filled with the school's people, or left empty after a label
    ("Online-safety lead: [Mr Fox, Mr Rawson and Miss Ganderton]", []),
    ("Designated Safeguarding Lead: [Mrs Worthington]", []),
    ("Online-safety coordinator: []", [1]),
    ("Governor with lead responsibility: [ ]", [1]),
    ("- [ ] Staff have read the code", []),
    ("Please tick one box: [ ] I give consent   [ ] I do not give consent", []),
    ("Designated Safeguarding Lead: [Mr X]", [1]),
    # -- a statute's bracketed title, and an X for the school's name
    ("The Education (School Day and School Year) (England) Regulations 1999 apply to every school.", []),
    ("Bereavement policy for X School", [1]),
    ("X is used by the school to share news with parents.", []),
    # -- a role's label and a review date's label left empty
    # a role's label with nothing under it but another label, and a review's date label over a heading
    ("School Data Controller:\n\nSchool Designated Safeguarding Lead (DSL):", [1, 3]),
    ("Date to be reviewed:\n\nUseful School Contacts", [1]),
    # ... over their values
    ("Date to be reviewed:\n\nSeptember 2026", []),
    ("To be reviewed:\n\nTermly", []),
    ("School Data Controller:\n\nMrs Ann Lee", []),
    # -- a template's names in brackets, a form it offers, and the platform X
    ("Designated Safeguarding Lead: [Mrs Name]", [1]),
    ("Deputy DSLs: [Mrs Name, Mr Name and Miss Name]", [1]),
    ("Appendix 3\n\nIncident Report Template\n\nDate of incident: 3 May 2025", []),
    ("Pupils must not use X School accounts.", []),
    # -- an order to fill a label in as its whole value, in any case or in Welsh; dots in runs a space apart
    ("POLICY TITLE: ADD TITLE", [1]), ("Dyddiad: (mewnosodwch y dyddiad gweithredu)", [1]),
    ("Enw'r ysgol yw ... ... ... ...", [1]), ("Parents can add details to the form at any time.", []),
    ("We went on... and on... and on.", []), ("3. In the box marked Date: enter the date", []),
    ("Mewnosodir y dyddiad gan y clerc.", []), ("Approved by Full Governing Body: Pending Approval", [1]),
    ("Applications are processed pending approval of funding by the council.", []),
    # -- a parent's own field, its label in brackets before the line or after it
    ("(child's full name) ______", []), ("______ (parent's signature)", []), ("______ (Headteacher)", [1]),
    # -- a statute's title an editor put in square brackets
    ("Interest is charged under the [Late Payment of Commercial Debts (Interest) Act 1998].", []),
])
def test_template_shapes_flagged_or_left_alone(text, lines):
    assert _lines_gapped(text) == lines


# (not "Version": a version history's plain "Review Date" is each version's)
_RECORD_COLUMNS = st.sampled_from(["Approved by", "Policy Owner", "Coordinator", "Nominated Governor", "Author",
                                   "Committee", "Status"])
_MONTHS = st.sampled_from(["January", "March", "June", "September", "November"])


@settings(max_examples=150, deadline=None)
@given(others=st.lists(_RECORD_COLUMNS, min_size=1, max_size=4, unique=True), at=st.integers(0, 4),
       label=st.sampled_from(["Review Date", "Next Review Due", "Date to be Reviewed:", "Date for next Review"]),
       month=_MONTHS, year=st.integers(2020, 2035), markdown=st.booleans())
def test_any_policy_records_review_column_gives_the_date_under_it(others, at, label, month, year, markdown):
    heading = list(others)
    heading.insert(min(at, len(heading)), label)
    row = [f"{month} {year}" if h == label else "Governors" for h in heading]
    if markdown:
        text = "| " + " | ".join(heading) + " |\n|" + "---|" * len(heading) + "\n| " + " | ".join(row) + " |"
    else:
        text = " | ".join(heading) + "\n\n" + " | ".join(row)
    assert [s.phrase for s in stated_reviews(text, *SMP)][-1:] == [f"{month} {year}"]


@pytest.mark.parametrize("text,months", [("Review Schedule 6 monthly", 6), ("Review schedule: annually", 12),
                                         ("This policy is reviewed on a six-monthly basis.", 6),
                                         ("This policy will be reviewed six-monthly.", 6),
                                         ("Review cycle: 2\u00a0years", 24)])
def test_a_review_schedule_and_a_monthly_rate_are_cycles(text, months):
    assert [s.months for s in stated_reviews(text)] == [months]


@pytest.mark.parametrize("text", ["The school keeps letters in appendix 3 of its attendance policy.",
                                  "See appendix 2 of their behaviour policy.",
                                  # (a document by its abbreviation in mixed case; by the name it goes by)
                                  "This follows the guidance (CoP 2001, chapter 9, 9:32).",
                                  "The school did not meet part 1 of what is known as the ‘twofold test’.",
                                  "They can be found in section 14 of this law.",
                                  "The figures are in paragraph 5.8 of the minutes of the last meeting."])
def test_a_part_of_anothers_policy_of_a_kind_is_theirs(text):
    assert typed_refs(text, TITLES) == []


def test_a_part_of_their_own_policy_is_still_this_ones():
    assert typed_refs("Schools set out their rules in section 4 of their own policy.", TITLES)


def test_a_number_that_counts_a_schedules_rate_is_no_part():
    assert typed_refs("Review Schedule 6 monthly", TITLES) == []


@pytest.mark.parametrize("text", ["Teachers complete Appendix 4 weekly.",
                                  "Staff keep Appendix 3 in their copy of the policy."])
def test_this_policys_part_done_at_a_rate_or_kept_in_a_copy_is_still_this_ones(text):
    assert typed_refs(text, TITLES)


@pytest.mark.parametrize("text,months", [
    ("This policy will be reviewed annually, and the DSL will provide 6 monthly reports to governors.", [12]),
    ("This policy is reviewed every two years. 6 monthly updates go to governors.", [24]),
    ("This policy is reviewed every two years. termly monitoring reports go to governors.", [24]),
    ("The review schedule 2025 to 2028 is kept by the clerk.", [])])
def test_other_things_done_at_a_rate_beside_this_policys_review_are_not_its_cycle(text, months):
    assert [s.months for s in stated_reviews(text) if s.months] == months


@pytest.mark.parametrize("text,again", [("Posts are checked by by the communications officer.", "by by"),
                                        ("The school was judged outstanding by by Ofsted.", "by by"),
                                        ("The trip was stopped by by the head.", "by by"),
                                        ("Tá an fáilte fáilte roimh gach duine.", "fáilte fáilte")])
def test_a_word_typed_twice_after_a_verb_it_is_no_particle_of_or_with_accents(text, again):
    assert [w for _, w in doubled(text)] == [again]


def test_another_events_date_in_a_sentence_about_updating_this_policy_is_no_review():
    text = ("This policy has been updated to take into account the provisions of the Education and Inspections "
            "Act 2006, which came into force on 1 April 2007.")
    assert stated_reviews(text) == []


@pytest.mark.parametrize("text, blanks", [
    # the approval record's signature lines, under its dates: every blank is the template's
    ("Review Date: July 2021\n\nSigned By: ______________\n\nPosition: ______________\n\nDate: ______________", 3),
    # a date's blank in its parts, with nothing saying whose it is
    ("Date: __/__/____", 1),
    # the same lines on a reader's slip are theirs
    ("I have read the policy.\n\nSigned: ______________\n\nPosition: ______________\n\nDate: __/__/____", 0),
    ("Parent signature: ______________ Date: __/__/____", 0)])
def test_blanks_under_the_approval_record_are_its_and_a_readers_slip_keeps_its_own(text, blanks):
    gaps = placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))
    assert len(gaps) == blanks, gaps


@pytest.mark.parametrize("text, months", [
    ("This policy is available on request. It is subject to annual review.", [12]),
    ("The behaviour policy is on our website. It is subject to annual review.", []),
    ("This policy sets out how we use social media. It is subject to the annual review.", [12])])
def test_it_subject_to_review_after_this_policy_is_its_cycle(text, months):
    assert [s.months for s in stated_reviews(text, (), "Online Safety Policy")] == months


# template text and what is not, in wordings real copies use (a record's empty reference, a label in
# capitals with its value, a parent's slip, a template's notes to the school that adopts it, rules for
# staff, a trust's plan, a reader's own dates)
GAP_WORDINGS = [
    ("Policy Code:", True), ("URN:", True), ("Policy Ref No:", True), ("Document Code:\nDate: May 2024", True),
    ("Dress Code:", False), ("Speak to (or email) the DSL.", False),
    ("SCHOOL NAME: Stanway Fiveways Primary School", False), ("Our school is SCHOOL NAME and we are proud.", True),
    ("I give permission for my child ………………………… to go to the farm on Thursday.\nMy child needs a packed lunch "
     "Yes No\nSigned ……………………… Date ………………", False),
    ("As headteacher I will review this policy.\n\nSigned ……………… Date ……………", True),
    ("This risk assessment must be adapted to include any further hazards appropriate to each school's context.",
     True),
    ("Visit leaders add the venue's details. Delete elements that are not relevant.", True),
    ("Each school/setting must consider their own situation and adapt the assessment where appropriate.", True),
    ("Each school must publish its plan and adapt it each year.", False),
    ("Delete emails that are no longer needed.", False),
    ("Moderators check the page daily. Remove any comments that are not appropriate and report them.", False),
    ("Delete any emails that are not relevant to your work.", False),
    ("Each academy will work closely with the trust to adapt the plan for its pupils.", False),
    ("I give permission for ________ School to publish photographs of my child.", True),
    ("Expiry date: __/__/____", False), ("Date of accident: __/__/____", False),
    ("My child currently attends ________ Nursery.", False),
    ("I give permission for ________ Infant School to publish photographs of my child.", True),
    ("Each school should consider the risks carefully and adapt the assessment to its context.", True),
    # (a clause of its own: the staff remove, not the school edits the text)
    ("Each school should ensure that staff remove posts that are offensive.", False),
]


@pytest.mark.parametrize("text, gap", GAP_WORDINGS)
def test_template_text_in_real_wordings(text, gap):
    assert bool(placeholder_gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS))) is gap


# this document's parts and what is not, in wordings real copies use (a sub-part, a bare number placed
# above, a plural part's list after its colon, a point by its name, a sentence that ends in a number)
REF_WORDINGS = [
    ("The details in sub-clauses 2.1 to 2.6 below are terms of this agreement.", True),
    ("Sub-rule 4 applies to visitors.", True),
    ("There are no groups listed in 5 above.", True),
    ("Matches stop at 5 below zero.", False),
    ("Sub-paragraph (3) of paragraph 2 of Schedule 10 to the Equality Act 2010 applies.", False),
    ("Appendices: A, B, C, D & E", True), ("(see 5. below)", True),
    ("Sections: 2 and 3 apply to visitors.", True),
    ("Meet at Assembly Point 24, behind the nursery.", False),
    ("See Point 4 of this policy.", True),
    ("Section: Introduction", False),
    ("Lunch is served at 12. Above all, be kind.", False),
    ("Read the notes under 2. Below is the table.", False),
    ("\u2022 See Rule 3 above.", True), ("- See Point 4 for details.", True),
    ("\u2022 Assembly Point 2 is on the top playground.", False), ("| Assembly Point 2 | Field |", False),
]


@pytest.mark.parametrize("text, flagged", REF_WORDINGS)
def test_typed_references_in_real_wordings(text, flagged):
    assert bool(typed_refs(text, TITLES)) is flagged


# a review's date by its label and column, and dates that are not it, in wordings real copies use
REVIEW_WORDINGS = [
    ("Date to Revise April 2023", [(2023, 4)]),
    ("Completed By: Jane Barker\nDate Completed: 23/09/2021, Amended 08/01/2022\nReview Due Date: Dependent on "
     "updated Government guidance / October 2022", [(2022, 10)]),
    # (a date after its own label is that label's, though the review's label has none)
    ("Assessed by: J Cole Date of completion: 10/7/20 Date to be reviewed by: Assessment no:", []),
    ("Next review Due: Date: September 2021", [(2021, 9)]),
    # (a schedule of other policies: each row's dates are that policy's; this one's row is its own)
    ("| Policy | Approval level | Last Updated | Next Update |\n| --- | --- | --- | --- |\n"
     "| Data protection | Governing body | 31/05/2024 | 31/05/2025 |\n"
     "| Health and safety | Employer | 31/05/2024 | 31/05/2025 |", []),
    ("| Policy | Last Updated | Next Update |\n| --- | --- | --- |\n| Online Safety | 05/2024 | 31/05/2026 |",
     [(2026, 5)]),
    # a term's name between a review's label and its date is no label of its own
    ("Next review: Summer Term – June 2026", [(2026, 6)]), ("Review date: Spring Term: March 2026", [(2026, 3)]),
    ("To be reviewed by: Full Governing Body - July 2026", [(2026, 7)]),
    # "a date to review" something in a sentence is no label
    ("The SENCo will agree a date to review the plan with parents, usually in September 2025.", []),
    ("It is subject to the Data Protection Act and we review our records each year.", []),
    # a date after a done thing's label is that label's, whatever parts it from its date
    ("Review: annually\nDate of completion – 23/09/2021", [(None, None)]),
    ("Review: annually\nAgreed by governors: 23/09/2021", [(None, None)]),
]


@pytest.mark.parametrize("text, want", REVIEW_WORDINGS)
def test_review_dates_in_real_wordings(text, want):
    assert [(s.year, s.month) for s in stated_reviews(text, (), "Online Safety Policy")] == want
