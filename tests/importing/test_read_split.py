"""Which lines act as headings, and the sections they open (builder/importing/read/split.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.importing.values.people import names_a_person
from builder.importing.document import Paragraph
from builder.importing.read.markdown import escape_text, section_markdown
from builder.importing.read.split import mark_headings, split_sections
from builder.importing.read.text import read_text

BODY = "Every member of staff reads this part of the policy when they join the school."


def paras(text: str) -> list[Paragraph]:
    return read_text(text.encode(), "f")[1]


def headings(text: str, known=()) -> list[str]:
    marked, _ = mark_headings(paras(text), known)
    return [p.text for p in marked if p.kind == "heading"]


# --- heading shapes: each found, whatever the words -----------------------------------------

SHAPES = [
    ("3.0 Keeping Pupils Safe", "Keeping Pupils Safe"), ("4. Training", "Training"),
    ("7) Monitoring and review", "Monitoring and review"), ("12.0\tBlocked content", "Blocked content"),
    ("Appendix 2: Consent form", "Appendix 2: Consent form"), ("Annex B \u2013 Contacts", "Annex B \u2013 Contacts"),
    ("Section D \u2013 Staff Social Networking", "Staff Social Networking"),
    ("C) DEFINITIONS", "DEFINITIONS"), ("ROLES AND RESPONSIBILITIES", "ROLES AND RESPONSIBILITIES"),
    ("[bookmark: _Toc9]Legal framework", "Legal framework"), ("Online Safety Concerns", "Online Safety Concerns"),
    ("Roles and responsibilities", "Roles and responsibilities"), ("What is cyberbullying?", "What is cyberbullying?"),
    ("IV. Complaints", "Complaints"), ("Part 3 - Pupils", "Pupils"),
    ("2. Purpose, Scope and Principles:", "Purpose, Scope and Principles:"), ("1Introduction", "Introduction"),
    ("Development / Monitoring / Review of this Policy", "Development / Monitoring / Review of this Policy"),
    ("Safety for All", "Safety for All"),
]


@pytest.mark.parametrize("line, title", SHAPES)
def test_heading_shapes(line, title):
    assert headings(f"{line}\n{BODY}\n") == [title]


NOT_HEADINGS = [
    "The headteacher is responsible for:", "Staff must not:", "We are committed to:",
    "This policy applies to all staff.", "Parents should contact the school office, who will help.",
    "the school may also seek advice", "Approved: 1 September 2022", "Signed: G Bishop",
    "office@school.example.org", "01234 567890", "www.example.org/safety",
    "MK41 7NH", "Yes", "No", "Pupils, staff and parents;", "3. The headteacher will make sure that staff:",
    "Page 1", "Social Media Policy Page 2 of 8", "Page 14 - Staff Code of Conduct",
    "CCTV Policy 2016 GAD/mac/so (Judicium) Page 1",
    # a sentence carried onto the next line, a row of cells parted by slashes
    "So that we may all", "Impero is used across the network in order to",
    "Version / 2.0 / Status / Final",
    # short sentences with their full stops
    "Mobile phones are not allowed.", "Thank you for your support.", "We keep pupils safe.",
    "Pupils, parents and staff.", "Pupils love using tablets.", "Phones stay in lockers.", "Bullying happens.",
]


@pytest.mark.parametrize("line", NOT_HEADINGS)
def test_lines_that_are_not_headings(line):
    assert headings(f"Intro\n{BODY}\n{line}\n{BODY}\n") in (["Intro"], [])


def test_a_numbered_list_of_short_lines_is_not_headings():
    text = "Our rules\nThese are the rules we ask every pupil to follow.\n1. Be Kind\n2. Be Honest\n3. Ask First\n"
    assert headings(text) == ["Our rules"]


def test_a_numbered_list_of_sentences_with_no_stop_is_not_headings():
    # (its last entry, with nothing numbered after it, is an entry too, and the headings after the
    # list stay sections: "Aim" is not a part of "2) The inappropriate use...")
    text = ("Our reasons for this policy are the risks of:\n"
            "1) Staff being distracted from their work with the children in their care\n"
            "2) The inappropriate use of mobile phone cameras around the children\n\n"
            f"Aim\n{BODY}\n\nMOBILE PHONES\n{BODY}\n")
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["Aim", "MOBILE PHONES"]


def test_a_contents_list_without_page_numbers_is_not_headings_even_with_the_masters_titles():
    known = ["General approach", "Cyberbullying"]
    # (no "Contents" line over it: its entries are known only by their numbers, one after the other)
    # (an entry may be a question, or keep its dotted leader with its page lost)
    text = ("Author: Fiona Farry\n  1. General Approach\n  2. Content Filtering\n  3. Cyberbullying\n"
            "  4. What happens if the code changes?\n  5. Who does this code apply to?......\n"
            f"  6. Permission Form\nDocument #1552\nGeneral Approach\n{BODY}\n\nCyberbullying\n{BODY}\n")
    _, sections = split_sections(paras(text), known)
    assert [s.title for s in sections] == ["General Approach", "Cyberbullying"]


def test_a_numbered_heading_over_its_numbered_first_paragraph_is_still_a_heading():
    text = f"1. Purpose\n2. {BODY}\n3. Training\n4. {BODY}\n"
    assert headings(text) == ["Purpose", "Training"]


def test_a_heading_that_starts_with_schedule_is_no_appendix_over_the_next_heading():
    # ("Schedule for ..." is a heading of words, as "Scope of the Policy" after it; "Schedule 2" would
    # be an appendix)
    text = (f"Schedule for Development / Monitoring / Review\n{BODY}\n\nScope of the Policy\n{BODY}\n\n"
            f"Schedule 2\n{BODY}\n")
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["Schedule for Development / Monitoring / Review",
                                           "Scope of the Policy", "Schedule 2"]


def test_numbers_on_lines_of_their_own_head_the_titles_under_them_even_with_no_text_between():
    # (a copy that lost the lists under its headings: "5." over "World Wide Web:", then "6." ...)
    text = (f"1.\n\nIntroduction\n\n{BODY}\n\n2.\n\nWorld Wide Web:\n\n3.\n\nEmail and Chat Rooms:\n\n"
            f"4.\n\nLegislation\n\n{BODY}\n")
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["Introduction", "World Wide Web:", "Email and Chat Rooms:", "Legislation"]


@pytest.mark.parametrize("line", ["Introduction:", "Aim of Policy:", "For Parents:", "Dress code:",
                                  "Why the garden and its tools are important to us:"])
def test_a_few_title_words_and_a_colon_over_prose_are_a_heading(line):
    text = f"Garden Policy\n{line}\n{BODY}\nRoles\n{BODY}\n"
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == [line, "Roles"]


def test_a_note_in_brackets_with_a_colon_leaves_a_heading_a_heading():
    text = (f"Garden Policy\n\nUse of Tools\n\n{BODY}\n\nUnkind postings (Source: NAHT Social Networking "
            f"Guidance document)\n\n{BODY}\n\nRoles\n\n{BODY}\n")
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections if s.title] == [
        "Use of Tools", "Unkind postings (Source: NAHT Social Networking Guidance document)", "Roles"]


@pytest.mark.parametrize("line", ["Signature of Co-Chair of Governors:", "Date of next review:", "Name of School:",
                                  "Signed:", "Print Name:"])
def test_a_forms_field_and_a_colon_over_prose_is_no_heading(line):
    text = f"Garden Policy\n\n{line}\n\n{BODY}\n\nRoles\n\n{BODY}\n"
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections if s.title] == ["Roles"]


def test_a_colon_heading_over_a_list_in_a_copy_that_sets_its_headings_so():
    # (two such lines over prose make the copy's third, over its bullets, a heading too)
    text = (f"Garden Policy\n\nUse of Tools:\n\n{BODY}\n\nUse of Water:\n\n{BODY}\n\nSharing the Harvest:\n\n"
            "\u2022 Each class takes a basket home in turn.\n\u2022 Spare produce goes to the food bank.\n")
    assert headings(text)[-3:] == ["Use of Tools:", "Use of Water:", "Sharing the Harvest:"]
    # (one alone over a list leads into it)
    alone = f"Garden Policy\n\nTools\n\n{BODY}\n\nSharing the Harvest:\n\n\u2022 Each class takes a basket home.\n"
    assert "Sharing the Harvest:" not in headings(alone)


def test_three_colon_headings_each_over_its_own_list_are_headings():
    # (none over prose: the copy sets every heading so, each over its bullets)
    items = "\u2022 Each class takes a basket home in turn.\n\u2022 Spare produce goes to the food bank.\n"
    text = (f"Garden Policy\n\nOur school garden is for every class.\n\nAims of the Garden:\n\n{items}\n"
            f"Understanding Plants:\n\n{items}\nSharing the Harvest:\n\n{items}")
    assert headings(text)[-3:] == ["Aims of the Garden:", "Understanding Plants:", "Sharing the Harvest:"]
    # (two lead into their lists)
    two = text.split("Sharing the Harvest:")[0]
    assert "Understanding Plants:" not in headings(two)


@pytest.mark.parametrize("line", ["You must:", "The headteacher will:", "Staff should not:",
                                  "When using the garden, pupils will:", "What the gardeners need to:"])
def test_a_colon_that_leads_into_what_follows_is_no_heading(line):
    text = f"Roles\n{BODY}\n{line}\nKeep every gate closed when the children are in the garden.\n"
    assert headings(text) == ["Roles"]


def test_a_heading_over_a_list_a_dash_leads_into():
    # ("We will not –" leads into its list as a colon does)
    text = "Privacy\nWe will not –\n• publish photographs of children without consent\n• name a child\n"
    assert headings(text) == ["Privacy"]


def test_a_short_line_followed_by_a_heading_is_not_one():
    # a sign-off or stray name between sections stays text
    text = f"Statement of intent\n{BODY}\nJo Bloggs\nLegal framework\n{BODY}\n"
    assert headings(text) == ["Statement of intent", "Legal framework"]


WORDS = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24f),
                min_size=2, max_size=10)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 20), words=st.lists(WORDS, min_size=1, max_size=6),
       form=st.sampled_from(["{n}.0 {t}", "{n}. {t}", "{n}.0\t{t}", "{n}) {t}", "{n}.\t{t}"]))
def test_numbered_headings_are_found_whatever_the_title_words(n, words, form):
    title = " ".join(words)
    line = form.format(n=n, t=title)
    marked, _ = mark_headings(paras(f"{line}\n{BODY}\n"))
    assert marked[0].kind == "heading" and marked[0].number in (str(n), f"{n}.0")
    assert marked[0].text == title and marked[0].level == 1


SENTENCE = st.lists(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"),
                                                   max_codepoint=0x24f), min_size=1, max_size=9),
                    min_size=15, max_size=30)


@settings(max_examples=200, deadline=None)
@given(words=SENTENCE, stop=st.sampled_from([".", ".", ";", ":", "!"]), number=st.booleans())
def test_long_body_text_ending_with_a_stop_never_becomes_a_heading(words, stop, number):
    sentence = " ".join(words).capitalize() + stop
    if number:
        sentence = "4.2 " + sentence
    marked, _ = mark_headings(paras(f"{sentence}\n{BODY}\n{sentence}\n"))
    assert all(p.kind != "heading" for p in marked)


# --- known titles: the master's sections as a hint ------------------------------------------

@pytest.mark.parametrize("line", ["Roles & Responsibilities", "roles, responsibilities",
                                  "Roles and Responsibilities:", "roles and responsibilities"])
def test_a_line_equal_to_a_known_title_is_a_heading(line):
    text = f"Some introduction to the policy.\n{line}\nshort words here\n"
    assert headings(text) == []
    found = headings(text, known=["Roles and responsibilities"])
    assert found == [line]


@pytest.mark.parametrize("line", ["ROLES AND RESPONSIBILITIES", "4.0 Roles and Responsibilities",
                                  "Section B \u2013 Roles & Responsibilities"])
def test_known_titles_keep_the_other_signs(line):
    text = f"Some introduction to the policy.\n{line}\nshort words here\n"
    assert len(headings(text)) == 1 and headings(text) == headings(text, ["Roles and responsibilities"])


# --- levels, title, sections ----------------------------------------------------------------

def test_levels_from_numbers_and_sub_headings_stay_inside():
    text = (f"Hollybank Online Conduct Policy\n1.0 Aims\n{BODY}\nOur Promise\n{BODY}\n"
            f"2.0 Roles\n{BODY}\n2.1 Governors\n{BODY}\n2.2 Staff\n{BODY}\n3.0 Review\n{BODY}\n")
    pre, sections = split_sections(paras(text))
    assert pre == []
    assert [(s.title, s.level, s.number, s.line) for s in sections] == \
        [("Aims", 1, "1.0", 2), ("Roles", 1, "2.0", 6), ("Review", 1, "3.0", 12)]
    inner = [(p.text, p.level) for p in sections[1].paragraphs if p.kind == "heading"]
    assert inner == [("Governors", 2), ("Staff", 2)]
    assert [(p.text, p.level) for p in sections[0].paragraphs if p.kind == "heading"] == [("Our Promise", 2)]


def test_only_sub_numbered_headings_make_the_sections():
    # a staff code that is section 5 of a bigger document: 5.1, 5.2 ... are its sections
    text = f"5.1 Introduction\n{BODY}\n5.2 Scope\n{BODY}\n5.3 Standards\n{BODY}\n"
    _, sections = split_sections(paras(text))
    assert [(s.title, s.number) for s in sections] == [("Introduction", "5.1"), ("Scope", "5.2"),
                                                       ("Standards", "5.3")]


def test_the_title_is_not_a_section_and_the_preamble_keeps_what_comes_before():
    text = (f"Hollybank Primary School\nSocial Media Policy\nApproved: June 2024\n\n"
            f"Statement of intent\n{BODY}\nTraining\n{BODY}\n")
    marked, title = mark_headings(paras(text))
    assert marked[title].text == "Social Media Policy"
    pre, sections = split_sections(paras(text))
    assert [p.text for p in pre] == ["Hollybank Primary School", "Approved: June 2024"]
    assert [s.title for s in sections] == ["Statement of intent", "Training"]


@pytest.mark.parametrize("cover", [
    # (the school's name in capitals after the title, over the cover's dates)
    "Code of Conduct for Staff\n\nHOLLYBANK PRIMARY SCHOOL\n\nDate: September 2016\n\nReview:\n",
    # (the school's name over the title and a page's mark)
    "Model policy for schools\n\nReviewed August 2016\nHollybank School\nSocial Media Policy\nPage 1\n"])
def test_a_heading_on_the_cover_over_its_labels_is_no_section(cover):
    pre, sections = split_sections(paras(f"{cover}\n1. Introduction\n{BODY}\n\n2. Training\n{BODY}\n"))
    assert [s.title for s in sections] == ["Introduction", "Training"]
    assert any(p.text.lower().startswith("hollybank") for p in pre)


@pytest.mark.parametrize("first", [
    "1. Key people\n\nDesignated Safeguarding Lead: Mrs A Patel\n\nOnline safety lead: Mr T Ward\n",   # (its people)
    "1. Introduction\n\n1.1 Scope\n",     # (a heading right over its own sub-heading)
    "1. Scope\n\nThis policy applies to the following people:\nGovernors\nPupils\n"])   # (a list it leads into)
def test_a_first_heading_over_people_or_over_its_sub_heading_stays_a_section(first):
    _, sections = split_sections(paras(f"Social Media Policy\n\n{first}\n\n2. Training\n{BODY}\n"))
    assert [s.title for s in sections] == [first.split("\n")[0][3:], "Training"]


def test_a_motto_above_the_title_leaves_it_the_title():
    text = (f"‘Learning and growing together to achieve our best’\n\nE-Safety and Acceptable Use Policy\n\n"
            f"Statement of intent\n{BODY}\nTraining\n{BODY}\n")
    marked, title = mark_headings(paras(text))
    assert marked[title].text == "E-Safety and Acceptable Use Policy"


def test_text_above_the_first_heading_is_a_section_with_no_title_when_it_is_prose():
    opening = ("Our school uses social media to share news with families, and every member of staff "
               "follows this policy whenever they post for the school or about it.")
    _, sections = split_sections(paras(f"Social Media Policy\nReview date: June 2025\n\n{opening}\n\n"
                                       f"Training\n{BODY}\n"))
    assert [(s.title, s.text().splitlines()[-1]) for s in sections[:1]] == [("", opening)]
    pre, sections = split_sections(paras(f"Social Media Policy\nApproved: June 2024\n\nTraining\n{BODY}\n"))
    assert [s.title for s in sections] == ["Training"] and [p.text for p in pre] == ["Approved: June 2024"]


def test_the_title_repeated_on_each_page_is_no_section():
    text = (f"Online Conduct Policy\nStatement of intent\n{BODY}\nONLINE CONDUCT POLICY\n{BODY}\n"
            f"Training\n{BODY}\nOnline Conduct Policy\n{BODY}\nReview\n{BODY}\n")
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["Statement of intent", "Training", "Review"]


def test_a_bare_appendix_line_takes_the_next_heading_as_its_title():
    text = f"1. Aims\n{BODY}\nAppendix 1\nSTAFF CODE OF CONDUCT\n{BODY}\n"
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["Aims", "Appendix 1"]
    assert sections[1].paragraphs[0].kind == "heading" and sections[1].paragraphs[0].level == 2


def test_splitting_again_with_known_titles_keeps_the_first_split():
    text = f"Aims\n{BODY}\nroles and responsibilities\nshort line\n"
    once, _ = mark_headings(paras(text))
    _, sections = split_sections(once, known_titles=["Roles and Responsibilities"])
    assert [s.title for s in sections] == ["Aims", "roles and responsibilities"]


# --- a section's Markdown: nothing in it can run ---------------------------------------------

def test_section_markdown_lists_rows_and_sub_headings():
    text = f"1. Aims\n{BODY}\n\u2022 one\n\to two\nOur Promise\n{BODY}\n"
    _, (s,) = split_sections(paras(text))
    md = section_markdown(s)
    assert md == f"{BODY}\n\n- one\n  - two\n\n### Our Promise\n\n{BODY}\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}%#<>&*_[]`|\\-+ab 1.!'\"")), max_size=40))
def test_escaped_text_renders_as_typed_and_runs_nothing(text):
    from jinja2.sandbox import SandboxedEnvironment
    env = SandboxedEnvironment(autoescape=False, keep_trailing_newline=True)
    out = env.from_string(escape_text(text)).render()
    # what the template printed is the escaped text with each printed "{" resolved to itself
    expected = escape_text(text).replace("{{ '{' }}", "{")
    assert out == expected
    # and the Jinja marks of the text come out as typed
    assert [c for c in out if c in "{}%#"] == [c for c in text if c in "{}%#"]


@pytest.mark.parametrize("hostile", ["{{ config }}", "{% for x in range(10**9) %}x{% endfor %}",
                                     "{# comment #}", "<script>alert(1)</script>", "&amp; &#60;",
                                     "{{ ''.__class__.__mro__ }}", "# not a heading", "- not a list"])
def test_hostile_school_text_is_inert_markdown(hostile):
    from jinja2.sandbox import SandboxedEnvironment
    env = SandboxedEnvironment(autoescape=False)
    out = env.from_string(escape_text(hostile)).render()
    assert "<script" not in out and "&amp; &#60;" not in out
    assert not out.startswith(("#", "-"))
    assert out.replace("\\", "") == hostile.replace("&", "&amp;").replace("\\", "") or "<" in hostile


# --- reading again decides the same -------------------------------------------------------------

LINE_SHAPES = ["3.0 Roles and responsibilities", "3.1 The headteacher", "4. Training", "5. Review",
               "Our Promise", "Appendix 2", "CONSENT FORM", "The headteacher is responsible for:",
               "\u00b7 Keep passwords safe.", "o Change them each term.", "(a) the office keeps it;",
               BODY, "Short line", "Jo Bloggs", "5.6 Access to Social Media at Work, for Personal Use",
               "1. Be Kind", "2. Be Honest", "Approved: June 2024", ""]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(LINE_SHAPES), min_size=1, max_size=14))
def test_marking_headings_twice_changes_nothing(lines):
    text = "\n".join(lines) + "\n"
    once, title = mark_headings(paras(text))
    twice, title2 = mark_headings(once)
    assert [(p.line, p.kind, p.level, p.number, p.text) for p in twice] == \
        [(p.line, p.kind, p.level, p.number, p.text) for p in once]
    assert title == title2


def _read_or_code(read, path, display):
    from builder.common.diagnostics import PackError
    try:
        return read(path, display)
    except PackError as exc:
        return exc.diagnostics[0].code


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(LINE_SHAPES), min_size=1, max_size=12))
def test_the_docx_of_any_mix_splits_as_the_text(tmp_path_factory, lines):
    from builder.importing.read import read_document
    from tests.support.docx import docx_from_text
    text = "\n".join(lines) + "\n"
    folder = tmp_path_factory.mktemp("mix")
    (folder / "t.txt").write_text(text, encoding="utf-8")
    a, b = (_read_or_code(read_document, f, "t")
            for f in (folder / "t.txt", docx_from_text(text, folder / "t.docx")))
    if isinstance(a, str) or isinstance(b, str):   # a copy of blank lines: one error, both ways
        assert a == b == "E-IMPORT"
        return
    def shape(d):
        return (d.title, [(s.line, s.title, s.number, [(p.line, p.kind, p.level, p.text)
                                                       for p in s.paragraphs]) for s in d.sections])
    assert shape(a) == shape(b)


# --- the sections' level is the document's, not one line's ------------------------------------

def test_a_strapline_in_capitals_does_not_swallow_the_headings_under_it():
    text = ("LEARN. ENJOY. SUCCEED.\n\n" + "".join(f"{t}\n{BODY}\n\n" for t in
            ["Statement of Intent", "Legal Framework", "Roles and Responsibilities", "Training"]))
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["Statement of Intent", "Legal Framework",
                                           "Roles and Responsibilities", "Training"]


def test_parts_over_the_masters_sections_give_way_to_them():
    known = ["Legal framework", "Roles and responsibilities", "Definitions", "Training"]
    text = ("PART A\n" + BODY + "\n\n1.1 Legal framework\n" + BODY + "\n\n1.2 Roles and responsibilities\n"
            + BODY + "\n\nPART B\n" + BODY + "\n\n2.1 Definitions\n" + BODY + "\n\n2.2 Training\n" + BODY + "\n")
    _, sections = split_sections(paras(text), known)
    assert [s.title for s in sections] == ["Legal framework", "Roles and responsibilities", "Definitions",
                                           "Training"]
    assert any("PART B" in p.text for p in sections[1].paragraphs)


def test_the_one_heading_over_the_sections_keeps_its_own_text():
    # a copy cut short: "Section 1: Introduction" and its paragraph over "1.1 Objectives", "1.2 Scope"
    text = ("Section 1: Introduction\n" + BODY + "\n\n1.1 Objectives\n" + BODY + "\n\n1.2 Scope\n" + BODY + "\n")
    preamble, sections = split_sections(paras(text), ["Training"])
    assert [s.title for s in sections] == ["Introduction", "Objectives", "Scope"]
    assert [p.text for p in sections[0].paragraphs] == [BODY] and preamble == []


def test_a_subtitle_under_the_one_heading_over_the_sections_is_no_text_of_its_own():
    text = ("Rowan Hill Primary School\nStaff Handbook – Section 5: Social Media Code for Staff\n\n5.1 Why we have "
            "this code\n" + BODY + "\n\n5.2 Our standards\n" + BODY + "\n")
    _, sections = split_sections(paras(text), ["Training"])
    assert [s.title for s in sections][-2:] == ["Why we have this code", "Our standards"]
    assert "Rowan Hill Primary School" not in [s.title for s in sections]


def test_parts_with_no_master_titles_under_them_stay_the_sections():
    text = ("PART A\n" + BODY + "\n\n1.1 Walking to school\n" + BODY + "\n\nPART B\n" + BODY +
            "\n\n2.1 Cycling\n" + BODY + "\n")
    _, sections = split_sections(paras(text), ["Training"])
    assert [s.title for s in sections] == ["PART A", "PART B"]


def test_a_copy_with_only_sentence_case_headings_is_read_by_them():
    text = ("GARDEN POLICY\n\nThe garden is a shared space and these rules keep it safe for everyone who uses it.\n\n"
            "The use of the garden by pupils at lunchtime\n\nPupils may use the garden at lunchtime when an "
            "adult is there to watch them.\n\nUse of the garden by staff after school\n\nStaff may use the "
            "garden after school for clubs and lessons.\n\nLooking after the tools and the shed\n\nTools go "
            "back in the locked shed at the end of every day.\n")
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["The use of the garden by pupils at lunchtime",
                                           "Use of the garden by staff after school",
                                           "Looking after the tools and the shed"]


def test_a_line_cut_in_the_middle_of_a_sentence_is_no_heading():
    text = ("GARDEN POLICY\n\nThe garden is a shared space and these rules keep it safe for everyone who uses it.\n\n"
            "Pupils may use the garden at lunchtime when an adult\n\nis there to watch them and the gate is shut.\n\n"
            "Use of the garden by staff after school\n\nStaff may use the garden after school for clubs and "
            "lessons.\n\nLooking after the tools and the shed\n\nTools go back in the locked shed every day.\n\n"
            "Watering in the holidays\n\nFamilies take a week each to water the beds in the summer.\n")
    _, sections = split_sections(paras(text))
    assert "Pupils may use the garden at lunchtime when an adult" not in [s.title for s in sections]


def test_a_title_the_cover_wrapped_is_no_heading():
    """A cover sets a long title over three lines, each cut on a small word: the last is the title's
    end, not the first section; the headings under the text are still read."""
    text = ("Code of Conduct and Guidelines for\n\nSafe Working Practices for the\n\nProtection of Children "
            "and Staff\n\n(This Policy is to be read in conjunction with the Safeguarding Policy.)\n\n"
            "Adopted on: September 2016\n\nIntroduction\n\n" + BODY + "\n\nDress and appearance\n\n"
            + BODY + "\n")
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["Introduction", "Dress and appearance"]
    # (a motto or a label cut short over the first heading leaves it the first heading)
    for cover in ("Together we will succeed", "Policy owner: Head of", "Where we can all shine"):
        text = f"Oak School\n\n{cover}\n\nIntroduction\n\n{BODY}\n\nScope\n\n{BODY}\n"
        assert [s.title for s in split_sections(paras(text))[1]] == ["Introduction", "Scope"]


def test_a_number_alone_on_its_line_is_the_next_lines():
    """A copy made from a PDF sets each number on a line of its own: "1" over "Introduction"."""
    text = (f"Staff Online Code\n1\nIntroduction\n1.1\n{BODY}\n1.2\n{BODY}\n2\nKey Principles\n2.1\n{BODY}\n"
            f"Page footer\n3\n")
    _, sections = split_sections(paras(text))
    assert [(s.number, s.title) for s in sections] == [("1", "Introduction"), ("2", "Key Principles")]
    assert sections[0].paragraphs[0].text == BODY


def test_a_page_number_set_far_right_is_no_sections_number():
    """A copy of a PDF keeps each page's number alone on its line at the right margin: the line
    after it is not numbered by it (a number at the left margin still numbers its heading)."""
    pad = " " * 60
    text = (f"Oak Hill N.S.\n\n{pad}1\nThis document gives the main policies of the school to parents.\n\n"
            f"{pad}2\nSocial Media Policy\n\n3\nIntroduction\n{BODY}\n")
    numbers = {p.text: p.number for p in paras(text)}
    assert numbers["Social Media Policy"] is None and numbers[
        "This document gives the main policies of the school to parents."] is None
    assert numbers["Introduction"] == "3"


def test_a_question_over_its_answer_is_a_heading():
    text = (f"Twitter at Oak Hill\nWhat is the account for?\n{BODY}\nWho posts on it and when?\n{BODY}\n")
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["What is the account for?", "Who posts on it and when?"]


@pytest.mark.parametrize("first", ["1.0 Policy statement", "1. Policy Statement", "1 Aims of this code",
                                   "1. Policy", "1 Procedures", "1. Guidance"])
def test_a_first_line_typed_with_a_section_number_is_a_section_not_the_title(first):
    text = f"{first}\n{BODY}\n2.0 Scope and purpose\n{BODY}\n3.0 Overarching principles\n{BODY}\n"
    _, sections = split_sections(paras(text))
    assert sections[0].title == first.split(" ", 1)[1]
    assert len(sections) == 3


@pytest.mark.parametrize("first", ["Policy Statement", "Statement of Policy", "Policy aims"])
def test_a_first_heading_naming_the_policys_own_part_is_a_section_not_the_title(first):
    # (under a numbered line for the whole document, as a handbook's chapter sets it)
    text = f"1.6 Mobile Phone Use\n{first}\n{BODY}\nStaff Phones\n{BODY}\nCameras\n{BODY}\n"
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == [first, "Staff Phones", "Cameras"]


def test_a_page_number_before_the_title_keeps_it_the_title():
    text = f"1\n\nOak Hill Primary School Social Media Policy\n{BODY}\nTraining\n{BODY}\nReview\n{BODY}\n"
    marked, title = mark_headings(paras(text))
    assert marked[title].text == "Oak Hill Primary School Social Media Policy"


def test_a_three_letter_title_over_its_text_is_a_heading():
    text = f"Cameras and mobile phones policy\n\nAim\n{BODY}\n\nMobile Phones\n{BODY}\n"
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["Aim", "Mobile Phones"]


def test_bullets_in_capitals_over_the_bullets_they_head_are_headings():
    text = (f"Staff Code\n\n  • RATIONALE\n    • {BODY}\n\n  • SCOPE\n    • {BODY}\n    • {BODY}\n\n"
            f"  • EXPECTATIONS\n    • {BODY}\n")
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections] == ["RATIONALE", "SCOPE", "EXPECTATIONS"]
    # a list of short rules in capitals, one under another, stays a list
    rules = "  • BE KIND ONLINE\n  • ASK BEFORE POSTING\n  • TELL AN ADULT\n"
    _, sections = split_sections(paras(f"Rules\n{BODY}\n{rules}"))
    assert [s.title for s in sections] == ["Rules"]
    # a rule or a term in capitals over a sentence that explains it stays in its list
    listed = f"  • NEVER SHARE PASSWORDS\n  • {BODY}\n  • UK GDPR\n  • {BODY}\n"
    _, sections = split_sections(paras(f"Rules\n{BODY}\n{listed}"))
    assert [s.title for s in sections] == ["Rules"]


COVER_AND_BODY = st.sampled_from([
    "HOLLYBANK PRIMARY SCHOOL", "Date: September 2016", "Review:", "Version: 2", "DSL: Mrs A Patel",
    "1. Introduction", "1.1 Scope", "2. Training", "Key people", "Social Media Policy",
    "This policy applies to the following people:", "Governors", "- every member of staff", BODY, ""])


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(COVER_AND_BODY, min_size=1, max_size=16))
def test_splitting_keeps_every_paragraph_once(lines):
    # (whatever a cover, headings and text stand in what order: each paragraph is the title, the
    # preamble's, a section's heading or a section's text, once, in the copy's order)
    paragraphs = paras("\n".join(lines) + "\n")
    marked, title = mark_headings(paragraphs)
    preamble, sections = split_sections(paragraphs)
    kept = [p.line for p in preamble] + [ln for s in sections for ln in ([s.line] if s.title else []) +
                                         [p.line for p in s.paragraphs]]
    want = [p.line for i, p in enumerate(marked) if i != title]
    assert sorted(kept) == want


def test_a_web_address_in_capitals_is_no_heading():
    text = f"Www.oakhillprimary.co.uk\n\n{BODY}\n\nRoles\n\n{BODY}\n"
    _, sections = split_sections(paras(text))
    assert [s.title for s in sections if s.title] == ["Roles"]


@pytest.mark.parametrize("line", ["Andrew Wilkinson (Head Teacher)", "Wendy Ainscough", "Mrs J Smith"])
def test_a_line_that_is_one_person_is_no_heading(line):
    text = f"Garden Policy\n\n{line}\n\n{BODY}\n\nRoles\n\n{BODY}\n"
    _, sections = split_sections(paras(text), a_person=names_a_person)
    assert [s.title for s in sections if s.title] == ["Roles"]


@pytest.mark.parametrize("line", ["Social Media", "Heavenly Father", "Blocked Content", "Safer Recruitment"])
def test_a_title_of_two_capitalised_words_stays_a_heading_beside_the_person_test(line):
    text = f"Garden Policy\n\n{line}\n\n{BODY}\n\nRoles\n\n{BODY}\n"
    _, sections = split_sections(paras(text), a_person=names_a_person)
    assert [s.title for s in sections if s.title] == [line, "Roles"]


def test_capitals_and_a_colon_over_a_list_are_a_heading_and_a_numbered_item_with_a_sentence_is_not():
    items = "\u2022 It can take place anywhere.\n\u2022 Anybody can be targeted.\n"
    text = (f"Anti-Bullying Policy\n\nOur school aims to keep children safe.\n\nUNDERSTANDING CYBER-BULLYING:\n{items}"
            "WHAT IS CYBER-BULLYING?\nThere are many types of cyber-bullying. The more common types are:\n"
            "1. Text messages – can be threatening or cause discomfort. Also included here is\n"
            "Bluejacking, the sending of anonymous text messages.\n2. Picture and video clips sent to others.\n")
    got = headings(text)
    assert "UNDERSTANDING CYBER-BULLYING:" in got and "WHAT IS CYBER-BULLYING?" in got
    assert not [h for h in got if h.startswith("Text messages")]
    # (a form's field and a lead into a list, in capitals, are no headings)
    for line in ("NAME OF CHILD:", "PUPILS WILL:"):
        assert line not in headings(f"Consent Form\n\nPlease read this form.\n\n{line}\n{items}")


def test_a_bullet_alone_over_a_paragraph_of_prose_is_a_heading():
    # (a web page that sets its headings with a bullet; not a list's last item before the prose after it)
    prose = "This policy applies to students, staff and visitors who use the college's computers and network."
    text = f"Topic outline\n\n\u2022 General\n\n{prose}\n\n\u2022 SCOPE\n\n{prose}\n"
    assert headings(text)[-2:] == ["General", "SCOPE"]
    listed = f"Rules\n\n{prose}\n\n\u2022 Be kind online\n\u2022 Tell an adult\n\n{prose}\n"
    assert "Tell an adult" not in headings(listed)


def test_a_numbered_heading_with_an_abbreviation_a_do_not_and_a_one_item_list():
    prose = "Every member of staff reads this policy when they join the school and each September."
    text = (f"Safeguarding Statement\n\n1. Introduction\n\n{prose}\n\n2. Child Safeguarding Statement of St. "
            f"Patrick's National School, Lisnagry\n\n{prose}\n")
    assert "Child Safeguarding Statement of St. Patrick's National School, Lisnagry" in headings(text)
    items = "\u2022 Share passwords.\n\u2022 Post photographs of pupils.\n"
    assert "DO NOT:" not in headings(f"Staff Code\n\n{prose}\n\nDO NOT:\n{items}\nDO NOT EVER:\n{items}")
    one = (f"Homework\n\n{prose}\n\nThe following platform is approved for homework:\n\n\u2022 Google Classroom"
           f"\n\n{prose}\n")
    assert "Google Classroom" not in headings(one)


def test_the_schools_name_in_capitals_above_the_title_heads_nothing():
    # (a copy with no blank lines: the name over the title is the cover's, the title-case lines under it
    # the copy's headings; it would else head the whole copy and sink them)
    text = ("HAZELMERE NATIONAL SCHOOL\nMobile Phone Policy\nIntroductory Statement\n"
            "This policy was written after a rise in the number of phones pupils bring to school.\n"
            "Relationship to School Ethos\nPhones distract pupils from learning and from one another.\n"
            "Roles and Responsibilities\nEvery member of staff shares in carrying out this policy.\n")
    preamble, sections = split_sections(paras(text), ("Roles and responsibilities",))
    assert [s.title for s in sections] == ["Introductory Statement", "Relationship to School Ethos",
                                           "Roles and Responsibilities"]
    assert [p.text for p in preamble] == ["HAZELMERE NATIONAL SCHOOL"]


def test_a_parts_label_alone_over_its_title_numbers_that_heading():
    text = ("Child Protection Policy\nSECTION 1\nRATIONALE\nChildren cannot learn well unless they feel secure and "
            "cared for.\nSection 2\nSchool Ethos\nThe mission of our school is a broad education for every pupil.\n")
    _, sections = split_sections(paras(text))
    assert [(s.title, s.number) for s in sections] == [("RATIONALE", "1"), ("School Ethos", "2")]
    assert not any(p.text.upper().startswith("SECTION") for s in sections for p in s.paragraphs)



@pytest.mark.parametrize("trail", ["Policies >", "You are here: Home / Parents / Parent Council / Facebook Rules",
                                   "Home » About us » Policies", "Home / Parents / Policies"])
def test_a_web_pages_trail_of_links_is_no_title_and_no_heading(trail):
    text = f"{trail}\n\nSocial Media Policy\n\nIntroduction\n{BODY}\nOur rules\n{BODY}\n"
    marked, title = mark_headings(paras(text))
    assert title is None or marked[title].text != trail
    assert trail not in [p.text for p in marked if p.kind == "heading"]
    assert headings(text)[-2:] == ["Introduction", "Our rules"]


def test_a_title_with_home_and_a_slash_is_no_trail_of_links():
    text = f"Home / School Communication Policy\n\nIntroduction\n{BODY}\nHome / School Links\n{BODY}\n"
    marked, title = mark_headings(paras(text))
    assert title is not None and marked[title].text == "Home / School Communication Policy"
    assert "Home / School Links" in headings(text)
