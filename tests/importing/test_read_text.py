"""Reading text exported from Word: encodings, lines, export debris, bullets, typed numbers and
tables of contents (builder/importing/read/text.py), and read_document's refusals and limits."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.importing.read import read_document
from builder.importing.read.text import clean, decode, read_text, split_lines, take_number
from builder.common import limits
from builder.common.diagnostics import PackError

# A school's copy as Word's "Save as plain text" leaves it: a title block with tabbed values,
# a contents table with page numbers, bookmark markers, four kinds of bullet, typed numbers,
# non-breaking spaces, smart quotes and trailing spaces. Written for these tests.
HOLLY = (
    "\n"
    "Hollybank Primary School\n"                                              # 2
    "Online Conduct Policy\n"                                                 # 3
    "\n"
    "Agreed by:\tFull governing board\n"                                      # 5
    "Date agreed:\t14 March 2023\n"                                           # 6
    "Next review:\tMarch 2025\n"                                              # 7
    "\n"
    "Contents\n"                                                              # 9
    "1.0\tWhy we have this policy\t2\n"                                       # 10
    "2.0\tWho does what.......\t2\n"                                          # 11
    "3.0\tOur pupils online\t3\n"                                             # 12
    "4.0\tLooking after the school\u2019s accounts\t4\n"                     # 13
    "\n"
    "[bookmark: _Toc4411]1.0 Why we have this policy \n"                      # 15
    "Hollybank Primary School knows that pupils spend more of their lives online every year, "
    "and that the school\u2019s job is to help them do so safely.\n"          # 16
    "We promise to:\n"                                                        # 17
    "\u00b7 Teach pupils how to keep their details private. \n"               # 18
    "\u00b7 Tell parents about the risks we see.\n"                           # 19
    "o\tBy letter each term.\n"                                               # 20
    "o\tAt the autumn open evening.\n"                                        # 21
    "\u00b7 Review the rules with the pupils\u2019 council.\n"                # 22
    "\n"
    "[bookmark: _Toc4412][bookmark: who]2.0\tWho does what\n"                 # 24
    "The headteacher is responsible for:\n"                                   # 25
    "\u2022 Making sure every adult in school has read this policy.\n"        # 26
    "\u2022 Dealing with breaches, as set out in section 4.\n"                # 27
    "The\u00a0online safety lead, Mr\u00a0Osei, is responsible for:\n"       # 28
    "\uf0b7\tChecking the filtering reports weekly.\n"                        # 29
    "\uf0b7\tLeading staff training.\n"                                       # 30
    "2.1 Governors\n"                                                         # 31
    "The governor for safeguarding meets the online safety lead every term and reports to the board.\n"  # 32
    "\n"
    "3.0 Our pupils online\n"                                                 # 34
    "Pupils may not bring phones into class. Where a phone is found:\n"       # 35
    "(a) it is kept in the office until home time;\n"                         # 36
    "(b) a parent is told the same day.\n"                                    # 37
    "\n"
    "Forest School Sessions\n"                                                # 39
    "Photographs taken in the woodland area are stored on the school\u2019s own devices only, "
    "never on a personal phone.\n"                                            # 40
    "\n"
    "4.0 Looking after the school\u2019s accounts\n"                          # 42
    "Only two members of staff hold the passwords for the school\u2019s \u201cofficial\u201d pages.   \n"  # 43
)


def read(tmp_path, text: str, name: str = "copy.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return read_document(path, name)


def test_the_sample_reads_into_its_sections_at_their_lines(tmp_path):
    doc = read(tmp_path, HOLLY)
    assert doc.kind == "text"
    assert doc.title == "Online Conduct Policy"
    got = [(s.line, s.number, s.title) for s in doc.sections]
    assert got == [(15, "1.0", "Why we have this policy"), (24, "2.0", "Who does what"),
                   (34, "3.0", "Our pupils online"), (42, "4.0", "Looking after the school\u2019s accounts")]
    assert [d.code for d in doc.diagnostics] == ["N-IMPORT-CONTENTS"]
    assert doc.diagnostics[0].line == 9 and "lines 9-13" in doc.diagnostics[0].message
    # the school's own sub-sections stay inside their section, as headings
    who = doc.sections[1]
    assert [(p.line, p.number, p.text) for p in who.paragraphs if p.kind == "heading"] == \
        [(31, "2.1", "Governors")]
    pupils = doc.sections[2]
    assert [(p.line, p.text) for p in pupils.paragraphs if p.kind == "heading"] == \
        [(39, "Forest School Sessions")]
    # the lines are the file's, one entry per line
    assert len(doc.lines) == 43 and doc.lines[14].startswith("[bookmark: _Toc4411]")


def test_debris_is_removed_and_lists_keep_their_depth(tmp_path):
    doc = read(tmp_path, HOLLY)
    by = {p.line: p for p in doc.paragraphs}
    assert by[18] .kind == "item" and by[18].level == 1 and by[18].text == \
        "Teach pupils how to keep their details private."
    assert (by[20].kind, by[20].level, by[20].text) == ("item", 2, "By letter each term.")
    assert (by[22].kind, by[22].level) == ("item", 1)
    assert (by[29].kind, by[29].level, by[29].text) == ("item", 1, "Checking the filtering reports weekly.")
    assert by[28].text == "The online safety lead, Mr Osei, is responsible for:"
    assert (by[36].kind, by[36].number, by[36].text) == ("item", "a", "it is kept in the office until home time;")
    assert by[43].text.endswith("\u201cofficial\u201d pages.")         # quotes kept, spaces gone
    assert by[5].text == "Agreed by: Full governing board"
    for p in doc.paragraphs:
        assert "[bookmark" not in p.text and "\t" not in p.text and "\u00a0" not in p.text
        assert p.text == p.text.strip()
    assert not any(p.line in range(9, 14) for p in doc.paragraphs)   # the contents table


# --- encodings and lines -------------------------------------------------------------------

def test_encodings_word_writes():
    assert decode("caf\u00e9 \u2019".encode("utf-8-sig"), "f") == "caf\u00e9 \u2019"
    assert decode("caf\u00e9 \u2019".encode("cp1252"), "f") == "caf\u00e9 \u2019"
    assert decode("caf\u00e9 \u2019".encode("utf-16"), "f") == "caf\u00e9 \u2019"


@pytest.mark.parametrize("data, line", [(b"one\ntwo\n\x81\x8d here\n", 3), (b"a\nb\x00c", 2)])
def test_bytes_that_are_no_text_are_one_clear_error(tmp_path, data, line):
    path = tmp_path / "odd.txt"
    path.write_bytes(data)
    with pytest.raises(PackError) as exc:
        read_document(path, "odd.txt")
    (d,) = exc.value.diagnostics
    assert (d.path, d.line, d.severity, d.code) == ("odd.txt", line, "error", "E-IMPORT")
    assert "UTF-8" in d.message


def test_only_cr_lf_end_a_line():
    assert split_lines("a\r\nb\rc\nd\x0be\x0cf\u2028g\n") == ["a", "b", "c", "d\x0be\x0cf\u2028g"]
    lines, paras, _ = read_text(b"Title line\r\n\r\nFirst\x0bsecond half of it.\r\n", "f")
    assert [(p.line, p.text) for p in paras] == [(1, "Title line"), (3, "First second half of it.")]


@pytest.mark.parametrize("marker", ["[bookmark: _Toc123]", "[bookmark: _Hlk83030593]",
                                    "[bookmark: _[Updated]_Roles_and]", "[Bookmark: x y]"])
def test_bookmark_markers_go_wherever_they_are(marker):
    text, _, marked = clean(f" {marker}Roles and duties {marker}")
    assert text == "Roles and duties" and marked


@settings(max_examples=150, deadline=None)
@given(name=st.text(string.ascii_letters + string.digits + "_[] -", max_size=30).filter(
           lambda s: s.count("[") == s.count("]") and "]" not in s.split("[")[0] and "[[" not in s
           and "]]" not in s and all(seg.count("[") <= 1 for seg in s.split("]"))),
       words=st.lists(st.sampled_from(["Staff", "use", "of", "phones", "the", "Trust's", "2024"]),
                      min_size=1, max_size=6),
       at=st.integers(0, 6), nbsp=st.booleans(), trailing=st.sampled_from(["", " ", "\t", "  \u00a0"]))
def test_debris_never_survives_in_text(name, words, at, nbsp, trailing):
    marker = f"[bookmark: {name}]"
    parts = list(words)
    parts.insert(min(at, len(parts)), marker)
    raw = (" \u00a0 " if nbsp else "").join([""]) + " ".join(parts) + trailing
    if nbsp:
        raw = raw.replace(" ", "\u00a0", 1)
    text, _, _ = clean(raw)
    assert "bookmark" not in text.lower()
    assert text == " ".join(w for w in words)


# --- bullets ---------------------------------------------------------------------------------

@pytest.mark.parametrize("bullet", ["\u00b7 ", "\u2022 ", "\u2022\t", "o\t", "o ", "\uf0b7\t", "\uf0a7 ",
                                    "\u25aa ", "- ", "\u2013 ", "* ", "\u27a2 ", "\u2192 ", "\u2713 "])
def test_each_bullet_kind_is_a_list_item(bullet):
    _, paras, _ = read_text(f"We ask pupils to:\n{bullet}Log off when they leave a computer.\n".encode(), "f")
    assert (paras[1].kind, paras[1].level, paras[1].text) == ("item", 1, "Log off when they leave a computer.")


@pytest.mark.parametrize("line, kind, text", [
    ("- 5 pupils", "item", "5 pupils"), ("o", "para", "o"), ("Oak class", "para", "Oak class"),
    ("on Mondays we meet", "para", "on Mondays we meet"), ("-20 degrees", "para", "-20 degrees"),
    ("*Note: this applies to staff", "para", "*Note: this applies to staff"),
    ("open evenings are in May.", "para", "open evenings are in May.")])
def test_what_only_looks_like_a_bullet_stays_text(line, kind, text):
    _, paras, _ = read_text(f"Intro text here.\n{line}\n".encode(), "f")
    assert (paras[1].kind, paras[1].text) == (kind, text)


def test_depth_from_indent_and_from_a_second_bullet_kind():
    text = ("Staff must:\n"
            "\u2022 Keep passwords safe.\n"
            "\to Change them each term.\n"
            "\t\t\u25aa Use a passphrase.\n"
            "\u2022 Lock screens.\n"
            "o Even for a minute.\n")
    _, paras, _ = read_text(text.encode(), "f")
    assert [(p.kind, p.level) for p in paras[1:]] == [("item", 1), ("item", 2), ("item", 3),
                                                       ("item", 1), ("item", 2)]


# --- typed numbers ---------------------------------------------------------------------------

NUMBERED = [
    ("1.0 Introduction", "1.0", "Introduction"), ("1.0\tIntroduction", "1.0", "Introduction"),
    ("4.2 Staff accounts", "4.2", "Staff accounts"), ("4.2. Staff accounts", "4.2", "Staff accounts"),
    ("4.2.1 Passwords", "4.2.1", "Passwords"), ("12. Training", "12", "Training"),
    ("3) Scope", "3", "Scope"), ("5 - Training", "5", "Training"), ("7: Review", "7", "Review"),
    ("(a) the office keeps it", "a", "the office keeps it"), ("(iv) a parent is told", "iv", "a parent is told"),
    ("b) staff sign the log", "b", "staff sign the log"), ("ii. the head decides", "ii", "the head decides"),
    ("A) MISSION STATEMENT", "A", "MISSION STATEMENT"), ("B. Aims", "B", "Aims"),
    ("Section C \u2013 Definitions", "C", "Definitions"), ("Section 4: Training", "4", "Training"),
    ("Part 2 - Pupils", "2", "Pupils"), ("IV. Complaints", "IV", "Complaints"),
    ("5.10 Relevant Legislation", "5.10", "Relevant Legislation"),
]
NOT_NUMBERED = ["2024 was the year we began", "10.30 am start each Monday", "3 pupils were named",
                "1.5 hours a week online", "0800 111 222 is the helpline", "a lot of pupils use it",
                "I think this is right", "Year 6 pupils", "£5.00 a term",
                "M. Neal (Chair of Governors)", "J. Varley, ICT Co-ordinator"]   # (an initial and a surname)


@pytest.mark.parametrize("line, number, rest", NUMBERED)
def test_typed_numbers_are_taken_off_and_kept(line, number, rest):
    assert take_number(line) == (number, rest)


@pytest.mark.parametrize("line", NOT_NUMBERED)
def test_numbers_that_are_part_of_the_sentence_stay(line):
    number, rest = take_number(line)
    assert (number, rest) == (None, line)


# --- tables of contents ----------------------------------------------------------------------

TOCS = [
    "Contents\n1.0\tAims\t2\n2.0\tRoles\t3\n",
    "Contents\nAims ............ 2\nRoles ............ 3\n",
    "CONTENTS\nSection A \u2013 Aims \t\t\tpage 2 \nSection B \u2013 Roles\t\tpage 3\t\n",
    "Table of Contents:\nAims\u2026\u2026\u20262\nRoles\u2026\u2026\u20263\n",
    "Aims\t2\n\nRoles\t3\n",                                        # no heading, two entries
    "Contents:\n\nAims\n1. Roles\n2. Training\n",                    # no page numbers: repeated later
    "Index\n1\tAims\t2\n2\tRoles\t3\n",
    "1. Aims        2\n\n2. Roles        3\n\n3. Training        3\n",   # tabs turned to spaces, no heading
]


@pytest.mark.parametrize("toc", TOCS)
def test_a_contents_table_is_skipped_with_a_notice(toc):
    text = "Our Policy\n\n" + toc + "\nAims\nWe aim to keep every pupil safe online.\n\n1. Roles\n" \
        "The head is responsible for this policy.\n\n2. Training\nStaff are trained each year.\n"
    _, paras, diags = read_text(text.encode(), "f")
    texts = [p.text for p in paras]
    assert texts.count("Aims") == 1 and texts.count("Roles") <= 1
    assert [d.code for d in diags] == ["N-IMPORT-CONTENTS"]
    assert "We aim to keep every pupil safe online." in texts


@pytest.mark.parametrize("block", ["Agreed by:\tGoverning board\nVersion:\t3\nPages:\t12\n",
                                   "Room\t4\n",
                                   "Issue    1\nVersion    2\nPages    12\n",     # a record, not pages in order
                                   "Class 1    30\nClass 2    28\nClass 3    29\n",
                                   "Adopted    2019\nReviewed    2021\nNext review    2023\n",
                                   "1. Pupil records    25\n2. Accident book    40\n3. Staff files    75\n",
                                   "Nursery    26\nReception    30\nYear 7    180\nNursery\nReception\n",
                                   "1. Children under two    3\n2. Children aged two    4\n"
                                   "3. Children aged three    8\n",
                                   "Contents of the pack sent home each term are listed below.\n",
                                   # (sentences that end in a figure, a table of counts after full stops)
                                   "Each class has 30 pupils. 30\nThe hall seats 200. 200\nThe field is 3 acres. 3\n"
                                   "We keep 4 hens. 4\nWe have 2 sheds. 2\n",
                                   "Reception. 30\nYear 1. 30\nYear 2. 28\nYear 3. 31\nYear 4. 29\n"])
def test_tabbed_values_are_not_a_contents_table(block):
    _, paras, diags = read_text(("Title\n" + block + "More text follows here.\n").encode(), "f")
    assert diags == []
    assert len(paras) == 1 + block.count("\n") + 1


# --- Markdown --------------------------------------------------------------------------------

def test_markdown_headings_lists_and_tables(tmp_path):
    md = ("# Hollybank Online Conduct Policy\n\n## 1. Why we have it\n\nWe **care** about "
          "[safety](https://example.org).\n\n- first\n  - nested\n\n## Who does what\n\n"
          "| Role | Name |\n| --- | --- |\n| Head | Ms Roy |\n")
    doc = read(tmp_path, md, "copy.md")
    assert doc.kind == "markdown" and doc.title == "Hollybank Online Conduct Policy"
    assert [(s.line, s.number, s.title) for s in doc.sections] == [(3, "1", "Why we have it"),
                                                                   (10, None, "Who does what")]
    body = doc.sections[0].paragraphs
    assert body[0].text == "We care about safety." and "**care**" in body[0].markdown
    assert [(p.kind, p.level) for p in body[1:]] == [("item", 1), ("item", 2)]
    rows = doc.sections[1].paragraphs
    assert [p.cells for p in rows] == [("Role", "Name"), ("Head", "Ms Roy")]


# --- what read_document refuses --------------------------------------------------------------

@pytest.mark.parametrize("head, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".doc"),
    (b"%PDF-1.7\n%\xe2\xe3\n", "PDF"),
    (b"{\\rtf1\\ansi hello}", "Rich Text"),
])
def test_other_formats_are_refused_with_how_to_convert(tmp_path, head, words):
    path = tmp_path / "policy.docx"          # the name does not matter, the content does
    path.write_bytes(head)
    with pytest.raises(PackError) as exc:
        read_document(path, "policy.docx")
    (d,) = exc.value.diagnostics
    assert d.code == "E-IMPORT" and d.path == "policy.docx" and words in d.message
    assert ".docx" in d.message and "Plain Text" in d.message


def test_a_missing_file_or_a_folder_is_an_error(tmp_path):
    for path in (tmp_path / "nope.txt", tmp_path):
        with pytest.raises(PackError) as exc:
            read_document(path, "shown")
        assert exc.value.diagnostics[0].code == "E-IMPORT"


def test_a_file_over_the_size_limit_stops_with_e_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Long line of policy text.\n" * 2000)     # about 52 KB
    with limits.using({"file_size_kb": 16}), pytest.raises(PackError) as exc:
        read_document(path, "big.txt")
    (d,) = exc.value.diagnostics
    assert d.code == "E-LIMIT" and "file_size_kb" in d.message and d.path == "big.txt"
    assert read_document(path, "big.txt").paragraphs      # within the default it reads


def test_markdown_underlined_headings(tmp_path):
    md = ("Hollybank Policy\n================\n\nAims\n----\n\nWe aim high in everything we do here.\n\n"
          "Roles\n-----\n\n- the head\n")
    doc = read(tmp_path, md, "copy.md")
    assert doc.title == "Hollybank Policy"
    assert [(s.line, s.title) for s in doc.sections] == [(4, "Aims"), (9, "Roles")]
    assert [p.text for p in doc.sections[1].paragraphs] == ["the head"]


# --- debris changes nothing a reader sees ----------------------------------------------------------

CLEAN_DOC = [
    ("heading", "1.0 Why we have this policy"), ("para", "Pupils spend more of their lives online "
     "every year, and the school helps them do so safely."), ("para", "We promise to:"),
    ("item", "Teach pupils to keep their details private."), ("item", "Tell parents about the risks."),
    ("heading", "2.0 Who does what"), ("para", "The headteacher is responsible for:"),
    ("item", "Making sure every adult has read the policy."), ("heading", "3.0 Review"),
    ("para", "The governors look at this policy again when the law changes, and at least once a year."),
]
BULLET_CHARS = ["\u00b7", "\u2022", "\uf0b7", "-", "\u25aa", "\u27a2", "*"]


@settings(max_examples=150, deadline=None)
@given(data=st.data(), crlf=st.booleans())
def test_word_debris_leaves_the_same_document(data, crlf):
    clean_lines, debris_lines = [], []
    for kind, text in CLEAN_DOC:
        bullet = data.draw(st.sampled_from(BULLET_CHARS))
        sep = data.draw(st.sampled_from([" ", "\t", " \t"]))
        trailing = data.draw(st.sampled_from(["", " ", "  ", "\t", "\u00a0"]))
        nbsp = data.draw(st.booleans())
        mark = data.draw(st.sampled_from(["", "[bookmark: _Toc1]", "[bookmark: _Toc9][bookmark: x_y]"]))
        body = text.replace(" ", "\u00a0", 1) if nbsp else text
        if kind == "item":
            clean_lines.append(f"- {text}")
            debris_lines.append(f"{bullet}{sep}{body}{trailing}")
        elif kind == "heading":
            clean_lines.append(text)
            debris_lines.append(f"{mark}{body}{trailing}")
        else:
            clean_lines.append(text)
            debris_lines.append(f"{body}{trailing}")
    end = "\r\n" if crlf else "\n"
    _, a, _ = read_text(("\n".join(clean_lines) + "\n").encode(), "clean")
    _, b, _ = read_text((end.join(debris_lines) + end).encode("utf-8"), "debris")
    from builder.importing.read.split import split_sections
    sa, sb = split_sections(a)[1], split_sections(b)[1]
    assert [(s.line, s.title, s.number) for s in sa] == [(s.line, s.title, s.number) for s in sb]
    assert [[(p.line, p.kind, p.level, p.text) for p in s.paragraphs] for s in sa] == \
        [[(p.line, p.kind, p.level, p.text) for p in s.paragraphs] for s in sb]
    assert len(sa) == 3


@pytest.mark.parametrize("body", [b"", b"\n\n\n", b"\xef\xbb\xbf", b"[bookmark: _Toc1]\n  \n\xc2\xb7 \n",
                                  b"\xe2\x80\xa2\n\t\n\xc2\xa0\n", b"---\n***\n"])
def test_a_document_with_no_words_is_one_clear_error(tmp_path, body):
    """An empty copy (or one of only debris) is refused, not reported as every section missing."""
    path = tmp_path / "copy.txt"
    path.write_bytes(body)
    with pytest.raises(PackError) as exc:
        read_document(path, "copy.txt")
    (d,) = exc.value.diagnostics
    assert d.code == "E-IMPORT" and d.path == "copy.txt" and "no words" in d.message


def test_a_contents_table_with_a_page_column_is_left_out():
    text = ("Garden Policy\n\nCONTENTS | PAGE\n\n1. Purpose | 2\n\n2. Keeping safe | 2\n\n3. Watering | 3\n\n"
            "1. PURPOSE\n\nThe garden gives every class a place to grow food.\n")
    _, paragraphs, diags = read_text(text.encode(), "f")
    assert "2. Keeping safe | 2" not in [p.text for p in paragraphs]
    assert [d.code for d in diags] == ["N-IMPORT-CONTENTS"]


def test_a_contents_list_cut_off_before_the_body_is_left_out():
    text = ("Garden Policy\n\nContents\n\nPage number\n\n1. Purpose 3\n2. Keeping safe 3\n3. Watering 4\n"
            "4. Review 5\n")
    _, paragraphs, diags = read_text(text.encode(), "f")
    assert not [p for p in paragraphs if "Keeping safe" in p.text]
    assert [d.code for d in diags] == ["N-IMPORT-CONTENTS"]


@pytest.mark.parametrize("line", [
    "2 Contents Purpose of the Garden..3 Keeping Safe.4 Watering the Beds.4 Harvest Days 7 Review..9",
    "Purpose 3 Keeping Safe 3 Watering 4 Tools and Sheds 5 Harvest Days 6 Compost 6 Review 8",
    "CONTENTS 1. Purpose Page No 1.1 Who Gardens 1.2 Keeping Safe 2 Watering 2.1 Tools",
    "Keeping Safe…………………………………………………………….4Watering the Beds …………………………………………5",
])
def test_a_contents_list_run_onto_one_line_is_left_out(line):
    # (a PDF's copy runs a contents list onto one line: its entries are no sentence to check)
    text = f"Garden Policy\n\n{line}\n\nPurpose\n\nThe garden gives every class a place to grow food.\n"
    _, paragraphs, diags = read_text(text.encode(), "f")
    assert [p.text for p in paragraphs] == ["Garden Policy", "Purpose",
                                            "The garden gives every class a place to grow food."]
    assert [d.code for d in diags] == ["N-IMPORT-CONTENTS"]


@pytest.mark.parametrize("cover, contents, heading", [
    # (its first entry comes again as the document's first heading)
    ("Policy details", "Introduction\n\nAims\n\nWho looks after the garden?\n\nTools and Sheds", "Introduction"),
    # (its leaders cut to one or two dots, some entries with none at all)
    ("Adopted: March 2024", "1. Purpose. 2\n\n2. Keeping safe. 3\n\nTools and sheds 3\n\n3. Watering.. 4\n\n"
     "Appendix A - Rota for the summer holidays. 6\n\nAppendix B - Seed order form. 8", "1. Purpose")])
def test_a_contents_list_with_no_contents_line_is_left_out(cover, contents, heading):
    body = "The garden gives every class a place to grow food."
    text = f"Garden Policy\n\n{cover}\n\n{contents}\n\n{heading}\n\n{body}\n"
    _, paragraphs, diags = read_text(text.encode(), "f")
    assert [p.text for p in paragraphs] == ["Garden Policy", cover, heading.removeprefix("1. "), body]
    assert [d.code for d in diags] == ["N-IMPORT-CONTENTS"]


@pytest.mark.parametrize("text", [
    # (fewer than four titles before the first comes again)
    "Garden Policy\n\nTools\n\nWater\n\nSeeds\n\nTools\n\nThe shed holds the tools.\n",
    # (a rule of marks among them is no title)
    "Garden Policy\n\nTools\n\nWater\n\nSeeds\n\n~~~~~~\n\nTools\n\nThe shed holds the tools.\n",
    # (the first comes again as the copy's last line, over no text)
    "Garden Policy\n\nTools\n\nWater\n\nSeeds\n\nCompost\n\nTools\n"])
def test_short_lines_said_again_are_kept_when_they_are_no_contents_list(text):
    _, paragraphs, diags = read_text(text.encode(), "f")
    assert "N-IMPORT-CONTENTS" not in [d.code for d in diags]
    assert {w for p in paragraphs for w in p.text.split()} - {"~~~~~~"} == set(text.split()) - {"~~~~~~"}


def test_a_contents_entry_whose_leader_mixes_ellipses_and_full_stops_is_left_out():
    text = "Garden Policy\n\nKeeping safe…………………………………………………..8\n\nPurpose\n\nThe garden is for every class.\n"
    _, paragraphs, diags = read_text(text.encode(), "f")
    assert [p.text for p in paragraphs] == ["Garden Policy", "Purpose", "The garden is for every class."]


def test_a_sentence_with_a_few_numbers_in_it_is_kept():
    text = ("Garden Policy\n\nPupils in Year 3 Group A and Year 4 Group B water the beds before Year 5 Group C "
            "does, and Year 6 Group D harvests.\n")
    _, paragraphs, diags = read_text(text.encode(), "f")
    assert len(paragraphs) == 2 and not diags


def test_a_table_row_in_a_text_copy_is_a_row_never_a_heading(tmp_path):
    text = ("Social Media Policy\n\nRevision History\n\nVersion | Date | Comments | Review Date |\n\n"
            "1 | Spring 2018 | First draft, approved | Spring 2020 |\n\nStatement of Intent\n\n"
            "We keep our pupils safe online and teach them how to stay safe when they are at home.\n\n"
            "Roles\n\nThe governing board has overall responsibility for this policy and its review.\n\n"
            "Review date | June 2025\n\nTraining\n\nAll staff are trained each year by the online safety lead.\n")
    doc = read(tmp_path, text)
    assert [s.title for s in doc.sections] == ["Revision History", "Statement of Intent", "Roles", "Training"]
    rows = [p for s in doc.sections for p in s.paragraphs if p.kind == "row"]
    assert [r.cells for r in rows] == [("Version", "Date", "Comments", "Review Date"),
                                       ("1", "Spring 2018", "First draft, approved", "Spring 2020"),
                                       ("Review date", "June 2025")]


def test_a_contents_list_without_page_numbers_before_a_note_is_left_out(tmp_path):
    """A copy cut short: the contents' entries (no page numbers) run into a note before the
    text begins; only the first entry comes again. No appendix in the list becomes a section."""
    text = ("Oak Trust\n\nOnline Safety Policy\n\nContents\n\nIntroduction\n\nViruses\n\nData security\n\n"
            "Managing email\n\nAppendices\n\nAppendix 1 – Pupil agreement\n\nAppendix 2 – Incident log\n\n"
            "This policy is read with our safeguarding policies:\n\nChild Protection; Behaviour; Anti-Bullying; Health "
            "and Safety; Code of Conduct; Teaching and Learning; Assessment; Computing and Science.\n\n"
            "Introduction\n\nTechnology is an essential resource for learning and for everyday life.\n\n"
            "Viruses\n\nStaff never open attachments from senders they do not know, and report them.\n")
    doc = read(tmp_path, text)
    assert [s.title for s in doc.sections] == ["Introduction", "Viruses"]
    assert "N-IMPORT-CONTENTS" in [d.code for d in doc.diagnostics]


# A copy made from a PDF: the contents list the headings, and the body runs each heading into
# its first paragraph. Written for these tests.
GLUED = (
    "Staff Online Conduct Policy\n\n"
    "Contents\n\n"
    "1. Purpose\n\n"
    "2. Personal Accounts\n\n"
    "3. Reporting Concerns\n\n"
    "4. Review\n\n"
    "1. Purpose This policy sets out how every adult in school keeps their online life apart from "
    "their work with pupils.\n\n"
    "Staff read it when they join.\n\n"
    "2. Personal Accounts Staff keep personal accounts private and never accept pupils as friends or "
    "followers.\n\n"
    "3. Reporting Concerns Any worry about a post is reported to the headteacher on the same day.\n\n"
    "4. Review The governors review this policy every two years.\n"
)


def test_a_copys_own_contents_finds_headings_run_into_their_text(tmp_path):
    import docx
    path = tmp_path / "copy.txt"
    path.write_text(GLUED, encoding="utf-8")
    doc = read_document(path, "copy.txt")
    want = [("1", "Purpose"), ("2", "Personal Accounts"), ("3", "Reporting Concerns"), ("4", "Review")]
    assert [(s.number, s.title) for s in doc.sections] == want
    assert doc.sections[0].paragraphs[0].text.startswith("This policy sets out")
    assert doc.sections[3].text() == "The governors review this policy every two years."
    # the same lines as plain Word paragraphs give the same outline
    word = docx.Document()
    for line in GLUED.split("\n"):
        word.add_paragraph(line)
    word.save(str(tmp_path / "copy.docx"))
    assert [(s.number, s.title) for s in read_document(tmp_path / "copy.docx", "copy.docx").sections] == want


def test_a_contents_list_ends_where_its_first_entry_comes_again(tmp_path):
    """Contents with each number and title on a line of its own, run straight into the copy's title
    and first heading: the heading is the copy's, not the list's."""
    text = ("Staff Social Media Policy\n\nCONTENTS\nPAGE\n1\nIntroduction\n2\n2\nScope\n3\n3\nBreaches\n4\n"
            "Staff Social Media Policy\nINTRODUCTION\n1.1\nThis code sets out how every adult in school keeps their "
            "online life apart from their work with pupils, in school and out of it.\nSCOPE\n2.1\nIt applies to "
            "all staff, governors and volunteers, paid or unpaid, on any device or account.\n")
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    assert [s.title for s in read_document(path, "copy.txt").sections][-2:] == ["INTRODUCTION", "SCOPE"]


def test_a_contents_entry_of_many_words_comes_again():
    """Long entries (seventeen words), a note after the list, then each entry again as a heading:
    the list is found and left out."""
    from builder.importing.read.text import _line, find_contents
    titles = [f"Appendix {n} guidance for every adult in school on the safe use of {what} each day"
              for n, what in (("one", "phones"), ("two", "social media"), ("three", "email"), ("four", "video calls"))]
    raw = ["Online Safety Policy", "", "Contents", *titles, "", "This policy applies to all staff."]
    for t in titles:
        raw += [t, "", "The guidance in this appendix is for every member of staff to read.", ""]
    lines = [_line(n, r) for n, r in enumerate(raw, 1)]
    assert sorted(find_contents(lines)) == [3, 4, 5, 6, 7]


def test_a_pdfs_running_header_and_footer_are_left_out_with_a_warning(tmp_path):
    """Text copied out of a PDF repeats each page's header and footer: left out (not sections of
    the school's own, nor words the school changed), the title that opens the copy kept."""
    page = "Staff and pupils use social media safely and kindly, in school and at home, every day.\n"
    pages = [f"Oak Lane Primary – Social Media Policy\n{page}{page}Version 1.0\nPage {n} of 4\n" for n in range(1, 5)]
    doc = read(tmp_path, "Oak Lane Primary – Social Media Policy\n\n" + "".join(pages))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Oak Lane Primary – Social Media Policy" and texts.count(page.strip()) == 8
    assert not any(t.startswith(("Version", "Page")) or "–" in t for t in texts[1:])
    lost = sorted(d.message.split(" left out")[0] for d in doc.diagnostics if d.code == "W-IMPORT-LOST")
    assert lost == ["4 lines of a running header or footer"] * 3


def test_a_forms_labels_asked_again_are_no_running_footer(tmp_path):
    doc = read(tmp_path, "Consent form\n\n" + "Name:\nSigned:\nDate:\n\n" * 4)
    assert [p.text for p in doc.paragraphs].count("Signed:") == 4
    assert not any(d.code == "W-IMPORT-LOST" for d in doc.diagnostics)


def test_lines_a_pdfs_wrap_cut_are_one_paragraph_again(tmp_path):
    """A copy made from a PDF: a sentence its wrap cut (and a page's footer between its halves) is
    one paragraph again, a word split by a hyphen one word; a list's items and a short line are not
    joined."""
    header = "\n\nOak Lane Primary – Social Media Policy\n\n"
    doc = read(tmp_path, "Social Media Policy\n\nStaff who see a worrying post should take a screenshot and pass "
                         "it to\nthe designated safeguarding lead, as set out in sec-\ntions 5 and 6.\n\n"
                         "Parents are asked not to post images of other people's children on any\n\n"
                         f"Page 2 of 9{header}social media site.\n\nPage 3 of 9{header}Page 4 of 9{header}"
                         f"Page 5 of 9{header}Pupils must not:\n• share passwords\n• post photos\nReview\nannually\n")
    texts = [p.text for p in doc.paragraphs]
    assert "Staff who see a worrying post should take a screenshot and pass it to the designated safeguarding " \
           "lead, as set out in sections 5 and 6." in texts
    assert "Parents are asked not to post images of other people's children on any social media site." in texts
    assert ["share passwords", "post photos", "Review", "annually"] == texts[-4:]


def test_a_forms_fields_filled_in_again_and_again_are_no_running_header(tmp_path):
    # (one person named under each role of a key contacts form: the lines are the form's)
    roles = ["Designated safeguarding lead:", "Designated prevent lead:", "Designated CSE lead:",
             "Designated LAC lead:"]
    text = "Key contacts\n\n" + "".join(f"{r}\n\nName: Elif Demir\n\nContact details: 01632 960100\n\n" for r in roles)
    doc = read(tmp_path, text)
    assert [p.text for p in doc.paragraphs].count("Name: Elif Demir") == 4
    assert not any(d.code == "W-IMPORT-LOST" for d in doc.diagnostics)


def test_a_copy_run_onto_one_line_and_cut_off_is_one_section_and_says_so(tmp_path):
    # (a web page's text run together, its headings inside it, the last sentence cut off: its text is
    # kept as one section, never taken for a cover, and the notice says why nothing pairs by heading)
    text = ("Oakfield Academy Policy on E Safety Overview The purpose of this document is to set out the rules "
            "for online safety at Oakfield Academy. Scope This policy applies to all students and staff who use "
            "the internet at the academy. It covers the safe use of email and the filtering of websites, and it "
            "should be read with the academy's acceptable use poli")
    doc = read(tmp_path, text)
    assert [s.title for s in doc.sections] == [""]
    assert "filtering of websites" in doc.sections[0].text()
    notes = [d for d in doc.diagnostics if d.code == "N-IMPORT-NO-HEADINGS"]
    assert len(notes) == 1 and "one section" in notes[0].message


def test_a_copy_whose_only_heading_is_its_title_says_it_has_no_headings(tmp_path):
    # (the title over the whole text, no section's heading below it: the notice says why nothing pairs)
    text = ("Internet Acceptable Usage Policy\n\nThe purpose of this policy is to ensure that pupils benefit from "
            "the school's internet resources and are protected from harmful use.\n\nThe school will employ a "
            "number of strategies to reduce the risks of the internet.\n")
    doc = read(tmp_path, text)
    notes = [d for d in doc.diagnostics if d.code == "N-IMPORT-NO-HEADINGS"]
    assert len(notes) == 1 and notes[0].line == 1
    # (a title over the text, then a heading of its own: the copy has headings)
    more = text + "\nUse of mobile phones\n\nPupils hand their phones in at the office each morning.\n"
    assert not [d for d in read(tmp_path, more).diagnostics if d.code == "N-IMPORT-NO-HEADINGS"]


def test_a_markdown_copys_front_matter_gives_its_title_and_labelled_values(tmp_path):
    # (a page of a site built from Markdown opens with its front matter: never a heading)
    text = ("---\ntitle: Use of the Garden\nadopted_date: 2024-03-14\nreview-date: 2026-03-14\ntags: [garden]\n---\n\n"
            "# Policy statement\n\nThe garden is for every class.\n")
    doc = read(tmp_path, text, name="garden.md")
    assert doc.title == "Use of the Garden"
    assert [s.title for s in doc.sections] == ["Policy statement"]
    texts = [p.text for p in doc.paragraphs]
    assert "Adopted date: 2024-03-14" in texts and "Review date: 2026-03-14" in texts
    assert not any("garden]" in t for t in texts)


def test_a_plain_text_copys_underlined_titles_are_its_headings(tmp_path):
    # (as reStructuredText and README files set them: the one over and under, opening the copy, its title)
    text = ("===============\nGarden access\n===============\n\nPolicy\n------\n\nThe garden is open to every class "
            "each day of the week.\n\nTools\n-----\n\nTools are kept in the shed and locked away each evening.\n")
    doc = read(tmp_path, text)
    assert doc.title == "Garden access"
    assert [s.title for s in doc.sections] == ["Policy", "Tools"]
    assert not any(set(p.text) <= set("=-") for p in doc.paragraphs)


def test_a_rule_under_a_sentence_is_no_underlined_title(tmp_path):
    # (a sentence over a rule, or a paragraph's last line over it, is no title)
    text = ("Garden Policy\n\nEvery class waters the beds each morning.\n"
            "------------------------------------------\n\nTools\nand sheds\n---------\n\nPupils dig.\n")
    doc = read(tmp_path, text)
    assert [p.text for p in doc.paragraphs if p.kind == "heading" and re.search("morning|sheds", p.text)] == []


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(
    st.sampled_from(["Passwords", "Back-up copies", "Every class waters the beds.", "Tools and sheds", ""]),
    st.builds(lambda c, n: c * n, st.sampled_from("=-~*#"), st.integers(2, 20))), min_size=1, max_size=14).filter(
    lambda parts: any(re.search("[A-Za-z]", part) for part in parts)))     # (a copy of no words is refused)
@example(parts=["Back-up copies", "Passwords", "Tools and sheds", "==", "Back-up copies"])   # (a rule is no title)
def test_underlines_and_front_matter_never_lose_a_word(tmp_path_factory, parts):
    # (whatever mix of titles, rules, sentences and blank lines: every word of the copy is still read,
    # whether as a heading or as text, or its line is reported left out (a line repeated down the copy
    # as a running header); only the lines of marks go unsaid)
    tmp = tmp_path_factory.mktemp("u")
    for name, text in (("copy.txt", "\n".join(parts) + "\n"), ("copy.md", "---\n" + "\n".join(parts) + "\n")):
        doc = read(tmp, text, name=name)
        got = " ".join(p.text for p in doc.paragraphs)
        said = " ".join(d.message for d in doc.diagnostics if d.code == "W-IMPORT-LOST")
        for word in re.findall(r"[A-Za-z]+", "\n".join(parts)):
            assert word in got or word in said


def test_lines_between_two_rules_that_are_not_front_matter_are_the_copys_text(tmp_path):
    doc = read(tmp_path, "---\nBack-up copies\n---\n\nCopies are kept each night.\n", name="copy.md")
    assert "Back-up copies" in [p.text for p in doc.paragraphs]


def test_a_table_flattened_with_slashes_reads_as_rows():
    text = ("Ratification\n\nRole / Name / Signature / Date\nChair of Governors / Sarah Baker / November 2017\n"
            "Head Teacher / Jacqui Noble / November 2017\n\nThe policy follows.\n")
    _, paras, _ = read_text(text.encode(), "f")
    rows = [p.cells for p in paras if p.kind == "row"]
    assert rows == [("Role", "Name", "Signature", "Date"), ("Chair of Governors", "Sarah Baker", "November 2017"),
                    ("Head Teacher", "Jacqui Noble", "November 2017")]


_CELLS = ["Head Teacher", "Jacqui Noble", "November 2017", "Annual", "Page 6", "Chair of Governors", "pupils",
          "Every class waters the beds each morning before lessons begin.", "Date"]


@settings(max_examples=200, deadline=None)
@example(rows=[["Jacqui Noble"], ["Head Teacher"], ["Head Teacher", "Head Teacher"], ["Jacqui Noble"]],
         gaps=[False] * 6)     # (read as a contents list, and reported so)
@given(rows=st.lists(st.lists(st.sampled_from(_CELLS), min_size=1, max_size=4), min_size=1, max_size=6),
       gaps=st.lists(st.booleans(), min_size=6, max_size=6))
def test_lines_of_slashed_cells_lose_no_word_and_a_row_is_its_line_cut_at_its_slashes(rows, gaps):
    # (whatever mix of cells, short or a sentence, one to a line or several, blank lines between or not:
    # every word is still read, or its line is reported left out (a run of lines whose first comes again
    # reads as a contents list); and a row read from a line holds that line's cells in order)
    lines = []
    for cells, gap in zip(rows, gaps):
        lines.append(" / ".join(cells))
        if gap:
            lines.append("")
    _, paras, diags = read_text(("Title\n" + "\n".join(lines) + "\nThe text goes on.\n").encode(), "f")
    got = " ".join(p.text for p in paras)
    left = {n for d in diags for a, b in re.findall(r"lines (\d+)-(\d+)", d.message) for n in range(int(a), int(b) + 1)}
    for n, line in enumerate(lines, 2):
        for word in re.findall(r"[A-Za-z0-9]+", line):
            assert word in got or n in left
    for p in paras:
        if p.kind == "row":
            assert " / ".join(p.cells) in lines


@pytest.mark.parametrize("block", [
    "Staff should tell pupils / parents / carers about the rules.\n",         # (one line: words, no table)
    "Reports go to the head / the deputy / the chair.\nThey act at once.\n",   # (a sentence's line)
    "Notes of Guidance / Page 2\nDefinitions / Page 6\n",                      # (two cells: a contents list's)
])
def test_slashes_that_are_no_table_stay_text(block):
    _, paras, _ = read_text(("Title\n" + block).encode(), "f")
    assert not any(p.kind == "row" for p in paras)


def kept(text: str) -> list[str]:
    """The text of each paragraph a copy's reading keeps (a contents list's lines are left out)."""
    return [p.text for p in read_text(text.encode(), "f")[1]]


@pytest.mark.parametrize("text, keeps, drops", [
    # a numbered contents list ends at its last entry and its appendices: the title and approval record
    # between the list and the first heading are the copy's own
    ("Contents:\n\n1. Introduction\n\n2. Roles\n\n3. Training\n\n4. Review\n\nAppendix A: Resources\n\n"
     "Digital Learning Policy\n\nDate adopted by Governing Body\n\n03/05/2016\n\n"
     "1. Introduction\n\nThis policy sets out how pupils and staff use the school's computers safely.\n",
     ["03/05/2016", "Date adopted by Governing Body"], ["2. Roles", "Roles", "Appendix A: Resources"]),
    # a contents list names parts, never people: the school's safeguarding team is kept
    ("THE SAFEGUARDING TEAM\n\nChair of Governors\nMr S Gowdy\n\nHeadteacher\nMrs A Morwood\n\n"
     "Designated Teacher for Child Protection\nMiss E Selby\n\nDesignated Governor for Child Protection\n"
     "Mr S Gowdy\n\nHow a parent can raise a concern about a child's safety with the school.\n",
     ["Mrs A Morwood", "Miss E Selby"], []),
])
def test_what_a_contents_list_takes_and_what_the_copy_keeps(text, keeps, drops):
    lines = kept(text)
    assert all(k in lines for k in keeps) and not [x for x in lines if any(x.startswith(d) for d in drops)]
