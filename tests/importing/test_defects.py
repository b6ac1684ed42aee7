"""The copy's own mistakes, each at its line (builder/importing/defects.py), from a text and from the
.docx made of it."""

from __future__ import annotations

from types import SimpleNamespace

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.importing.defects import find_defects, named_policies
from builder.importing.read import read_document
from tests.importing.test_values_support import text_document
from tests.support.docx import docx_from_text


def copy_text(other_school_name: str, external_title: str) -> str:
    """A school's copy with one of each defect, at known lines (written for these tests)."""
    return (
        "Social Media Policy\n"                                                          # 1
        "\n"
        "1.0 Statement of intent\n"                                                      # 3
        "Name of School wants every pupil to use social media safely and kindly.\n"      # 4
        "This policy works alongside the Pond Dipping Policy and the "
        f"{external_title}.\n"                                                           # 5
        "\n"
        "2.0 Roles and responsibilities\n"                                               # 7
        "The headteacher is responsible for:\n"                                          # 8
        "\u00b7 Reviewing this policy on an annual basis.\n"                            # 9
        "\u00b7 Handling breaches as set out in section 4 of this policy.\n"            # 10
        f"Questions go to {other_school_name}'s office.\n"                              # 11
        "\n"
        "3.0 Monitoring and review\n"                                                    # 13
        "This policy will be reviewed every three years by the governing board.\n"       # 14
        "For contacts see 2.0 above.\n"                                                  # 15
    )


@pytest.fixture
def pieces(example_pack):
    pack = example_pack
    own, other = "chestnuts", "vine-tree"
    ext = None
    for s in pack.schools.values():
        for e in s.external.values():
            ext = ext or e.title
    return pack, own, pack.schools[other].name, ext


def _read(tmp_path, text, as_docx):
    if as_docx:
        return read_document(docx_from_text(text, tmp_path / "copy.docx"), "copy.docx")
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path, "copy.txt")


@pytest.mark.parametrize("as_docx", [False, True], ids=["text", "docx"])
def test_each_defect_at_its_line(tmp_path, pieces, as_docx):
    pack, own, other_name, ext = pieces
    doc = _read(tmp_path, copy_text(other_name, ext), as_docx)
    found = find_defects(doc, pack, "social-media", own)
    got = {(d.line, d.code) for d in found}
    assert (4, "E-PLACEHOLDER") in got
    assert (5, "W-POLICY-UNKNOWN") in got
    assert (10, "E-HAND-REF") in got and (15, "E-HAND-REF") in got
    assert (11, "E-OTHER-SCHOOL") in got
    assert (9, "W-REVIEW-PROSE") in got and (14, "W-REVIEW-PROSE") in got
    assert {(3, "N-HEADING-NUMBER"), (7, "N-HEADING-NUMBER"), (13, "N-HEADING-NUMBER")} <= got
    # nothing else: the known external policy, the policy's own title, clean lines
    assert got <= {(4, "E-PLACEHOLDER"), (5, "W-POLICY-UNKNOWN"), (10, "E-HAND-REF"),
                   (15, "E-HAND-REF"), (11, "E-OTHER-SCHOOL"), (9, "W-REVIEW-PROSE"),
                   (14, "W-REVIEW-PROSE"), (3, "N-HEADING-NUMBER"), (7, "N-HEADING-NUMBER"),
                   (13, "N-HEADING-NUMBER")}
    unknown = [d for d in found if d.code == "W-POLICY-UNKNOWN"]
    assert len(unknown) == 1 and "Pond Dipping Policy" in unknown[0].message
    for d in found:
        assert d.path == doc.display and d.school == own
        assert d.severity in ("warning", "notice")
    cycle = next(d for d in found if d.code == "W-REVIEW-PROSE" and d.line == 9)
    assert "line 14" in cycle.message


def test_the_text_and_its_docx_give_the_same_defects(tmp_path, pieces):
    pack, own, other_name, ext = pieces
    text = copy_text(other_name, ext)
    a = find_defects(_read(tmp_path, text, False), pack, "social-media", own)
    b = find_defects(_read(tmp_path, text, True), pack, "social-media", own)
    assert [(d.line, d.code, d.message) for d in a] == [(d.line, d.code, d.message) for d in b]


def test_a_clean_copy_has_no_defects(tmp_path, pieces):
    pack, own, _, _ = pieces
    text = ("Statement of intent\nWe want every pupil to use social media safely and kindly.\n"
            "Monitoring and review\nThe headteacher reviews this policy every two years.\n")
    assert find_defects(_read(tmp_path, text, False), pack, "social-media", own) == []


def test_the_school_own_details_are_not_another_schools(tmp_path, pieces):
    pack, own, _, _ = pieces
    text = (f"Statement of intent\n{pack.schools[own].name} wants every pupil to be safe online "
            f"and happy at school.\n")
    found = find_defects(_read(tmp_path, text, False), pack, "social-media", own)
    assert not [d for d in found if d.code == "E-OTHER-SCHOOL"]


def test_a_new_schools_own_name_holds_no_other_schools_town(tmp_path, pieces):
    # Chestnuts (in the example pack) is in London; a new school named after London is not its leftover
    pack, _, _, _ = pieces
    text = ("Statement of intent\nNorth West London Independent School serves families across London "
            "and wants every pupil to be safe online.\n")
    doc = _read(tmp_path, text, False)
    named = [SimpleNamespace(key="name", value="North West London Independent School", line=2)]
    assert not [d for d in find_defects(doc, pack, "social-media", "nwl", named) if d.code == "E-OTHER-SCHOOL"]
    assert [d for d in find_defects(doc, pack, "social-media", "nwl") if d.code == "E-OTHER-SCHOOL"]


def test_one_cycle_stated_twice_is_not_two_cycles(tmp_path, pieces):
    pack, own, _, _ = pieces
    text = ("Monitoring and review\nThis policy is reviewed annually by the board.\n"
            "Staff training\nThe headteacher reviews the policy every year with the DSL.\n")
    found = find_defects(_read(tmp_path, text, False), pack, "social-media", own)
    assert not [d for d in found if d.code == "W-REVIEW-PROSE"]


# --- "the X Policy" names -------------------------------------------------------------------

@pytest.mark.parametrize("sentence, names", [
    ("Follow the Online Safety Policy at all times.", ["Online Safety Policy"]),
    ("See our Child Protection and Safeguarding Policy and the Anti-bullying Policy.",
     ["Child Protection and Safeguarding Policy", "Anti-bullying Policy"]),
    ("\u00b7 Whole-School Social Media Accounts Policy", ["Whole-School Social Media Accounts Policy"]),
    ("This Policy applies to staff.", []), ("The Policy is reviewed.", []),
    ("REVIEWING THIS POLICY", []), ("the trust's policy on phones", []),
    ("Staff must read the policy.", []), ("Read the School Policy first.", []),
    ("Details of Policy Updates", []),
])
def test_policy_names_in_text(sentence, names):
    assert [n for _, n in named_policies(sentence)] == names


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(["Online", "Safety", "Data", "Protection", "Pond", "Dipping",
                                       "Mobile", "Phones", "Behaviour"]), min_size=1, max_size=4),
       lead=st.sampled_from(["the ", "our ", "the school's ", "", "see the "]),
       tail=st.sampled_from([".", " and the rules.", ", which staff sign.", ""]))
def test_any_capitalised_policy_name_is_found_whole(words, lead, tail):
    name = " ".join(words) + " Policy"
    text = f"Staff follow {lead}{name}{tail}"
    assert [n for _, n in named_policies(text)] == [name]


def test_headings_found_only_with_the_masters_titles_count_as_headings(tmp_path, pieces):
    from builder.importing.read import split_sections
    pack, own, _, _ = pieces
    text = ("Statement of intent\nWe want every pupil to use social media safely and kindly.\n"
            "7 blocked content\nshort line\n")
    doc = _read(tmp_path, text, False)
    assert not any(d.code == "N-HEADING-NUMBER" for d in find_defects(doc, pack, "social-media", own))
    titles = [s.title for s in pack.policies["social-media"].sections]
    doc.preamble, doc.sections = split_sections(doc.paragraphs, titles)
    found = find_defects(doc, pack, "social-media", own)
    assert [(d.line, d.code) for d in found] == [(3, "N-HEADING-NUMBER")]


def test_an_appendix_number_before_its_title_says_why_it_is_left_out(example_pack):
    doc = text_document("Social Media Policy\n\nStatement of intent\n\nWe use social media safely and kindly.\n\n"
                        "Appendix 1 – Blocked content access form\n\nName of the site: ____\n")
    [d] = [d for d in find_defects(doc, example_pack, "social-media", None) if d.code == "N-HEADING-NUMBER"]
    assert d.message.startswith("'Appendix 1' is typed before 'Blocked content access form': the builder numbers "
                                "a policy's forms (its appendices) itself; a reference")


def test_a_page_footer_left_in_a_copy_is_no_reference(example_pack):
    doc = text_document("Social Media Policy\n\n1. Purpose\n\nStaff read this policy.\n\nPage 3\n\n"
                        "Page 4 of 12\n\nP. 14\n\nPage 15 - Staff Code of Conduct 2020\n\n"
                        "See section 4 for the rules.\n")
    refs = [d for d in find_defects(doc, example_pack, "social-media", None) if d.code == "E-HAND-REF"]
    assert [d.line for d in refs] == [15]


def test_an_acts_sections_past_the_copys_own_parts_are_the_acts(example_pack):
    """Numbers no part of the copy or the pack can have are another document's, however the Act is
    named after them ("Section 175 / Section 157 of the Education Act 2002")."""
    doc = text_document("Safeguarding Policy\n\n1. Purpose\n\nThe trustees act in accordance with Section 175 / "
                        "Section 157 of the Education Act 2002 and the statutory guidance.\n\n"
                        "See section 4 for the rules.\n")
    refs = [d for d in find_defects(doc, example_pack, "staff-code", None) if d.code == "E-HAND-REF"]
    assert [d.line for d in refs] == [7]


def test_a_contents_entry_alone_is_no_gap_but_a_blank_to_sign_is(tmp_path, example_pack):
    """A contents line with a long dotted leader, met alone among other lines ("5.3.Mobile Phone
    Security……9"), is the contents, not a blank to fill nor a typed number; "Signed ........" is a
    blank."""
    doc = _read(tmp_path, "Code of Conduct\n\n5.3.Mobile Phone Security………………9\n\n6.Relationships\n\n"
                        "Appendix B………\n\n1. Purpose\n\nStaff keep pupils safe online and in school.\n\n"
                        "Signed ..........\n", False)
    found = [(d.line, d.code) for d in find_defects(doc, example_pack, "staff-code", None)
             if d.code in ("E-PLACEHOLDER", "E-HAND-REF")]
    assert found == [(13, "E-PLACEHOLDER")]


def test_a_dates_label_over_a_line_with_no_date_is_a_gap(tmp_path, example_pack):
    doc = _read(tmp_path, "Online Safety Policy\nLast Update:\nContents\n\nReview date:\nSeptember 2026\n\n"
                        "1. Purpose\n\nStaff keep pupils safe online.\n", False)
    found = [d.line for d in find_defects(doc, example_pack, "social-media", None) if d.code == "E-PLACEHOLDER"]
    assert found == [2]


def test_a_cover_tables_labels_read_a_line_each_with_their_values_after_are_no_gaps(tmp_path, example_pack):
    # (a copy from a PDF reads a cover table's cells a line each: "Date Approved" has its date two lines on;
    # "Date of Next Review" with no date anywhere after it is a gap)
    doc = _read(tmp_path, "Acceptable Use Policy\n\nDate Approved\n\nResources Committee\n\n1.7.2023\n\n"
                        "1. Purpose\n\nStaff keep pupils safe online.\n\n"
                        "Date of Next Review\n\nResources Committee\n", False)
    found = [d.line for d in find_defects(doc, example_pack, "social-media", None) if d.code == "E-PLACEHOLDER"]
    assert found == [13]


def test_a_cover_tables_column_of_labels_over_its_column_of_values_is_no_gap(tmp_path, example_pack):
    # (which label lost its value cannot be told; a column of labels with no values after them, before the
    # text begins, is the template's cover left empty)
    cover = "Policy last reviewed:\n\nReviewed by:\n\nAgreed by governors:\n\nDate of next review:\n\n"
    doc = _read(tmp_path, f"Complaints Policy\n\n{cover}July 2025\n\nMatthew Ascroft\n\nBi-annually\n\n"
                          "1. Purpose\n\nStaff keep pupils safe online.\n", False)
    assert not [d for d in find_defects(doc, example_pack, "staff-code", None) if d.code == "E-PLACEHOLDER"]
    doc = _read(tmp_path, f"Complaints Policy\n\n{cover}1. Purpose\n\nStaff keep pupils safe online.\n", False)
    found = [d.line for d in find_defects(doc, example_pack, "staff-code", None) if d.code == "E-PLACEHOLDER"]
    assert found == [3, 5, 7, 9]


def test_the_copys_own_name_in_a_heading_of_its_first_lines_is_no_unknown_policy(tmp_path, example_pack):
    # (the setting's name in Word's Title style, the policy's own name in bold under it)
    d = docx.Document()
    d.add_paragraph("Oak Lane Pre-school", style="Title")
    d.add_paragraph().add_run("Mobile Phone and Social Networking Policy").bold = True
    d.add_paragraph("Mobile phones", style="Heading 1")
    d.add_paragraph("The Mobile Phone and Social Networking Policy applies to every adult in the setting, and the "
                    "Lettings Policy to hirers.")
    d.save(str(tmp_path / "copy.docx"))
    doc = read_document(tmp_path / "copy.docx", "copy.docx")
    named = [d.message for d in find_defects(doc, example_pack, "social-media", None) if d.code == "W-POLICY-UNKNOWN"]
    assert len(named) == 1 and "'Lettings Policy'" in named[0]


@pytest.mark.parametrize("cover", ["Pupil Wi-Fi Acceptable Use Policy (draft)",
                                   "Oak Lane Primary Online Safety Policy - February 2024 - Oak Lane Primary ..."])
def test_the_copys_own_name_on_a_cover_line_with_more_after_it_is_no_unknown_policy(tmp_path, example_pack, cover):
    text = (f"{cover}\n\nPupils may use the wireless network for school work only.\n\n"
            "Misuse is dealt with under the Lettings Policy.\n")
    named = [d.message for d in find_defects(_read(tmp_path, text, False), example_pack, "social-media", None)
             if d.code == "W-POLICY-UNKNOWN"]
    assert len(named) == 1 and "'Lettings Policy'" in named[0]


def test_a_heading_run_into_its_paragraph_is_no_doubled_word(tmp_path, pieces):
    """A copy that lost the line break after a heading ("Inspiration Inspiration breathes...")
    repeats nothing by mistake; a real repeat inside the paragraph is still found."""
    pack, own, _, _ = pieces
    text = ("Statement of intent\nWe want every pupil to use social media safely and kindly.\n"
            "Inspiration Inspiration breathes life into our lessons and our clubs every week.\n"
            "Monitoring and review\nThe headteacher reviews this this policy every two years.\n")
    found = [(d.code, d.line) for d in find_defects(_read(tmp_path, text, False), pack, "social-media", own)]
    assert found == [("N-DOUBLED-WORDS", 5)]


def test_a_label_is_read_with_the_line_after_it(tmp_path, pieces):
    """A heading ending in a colon over its text, and "Signed by:" over the signer, are no gaps;
    an approval label followed by another label is."""
    pack, own, _, _ = pieces
    text = ("Signed by:\nA Khan Headteacher Date: 22.11.24\nAGREED BY GOVERNORS:\nREVIEW DATE: January 2027\n"
            "Setting an example:\nStaff model the behaviour they expect from pupils online and at school.\n")
    found = [(d.code, d.line) for d in find_defects(_read(tmp_path, text, False), pack, "social-media", own)
             if d.code == "E-PLACEHOLDER"]
    assert found == [("E-PLACEHOLDER", 3)]


def test_a_cycle_its_own_record_contradicts(example_pack):
    """"Reviewed annually" under a record of approval in March 2022 and review in October 2022 (7
    months): the statement is reported at its line; the same statement under a record a year
    apart, or a term a year on, is not."""
    from builder.importing.values.find import find_values
    for review, flagged in (("October 2022", [11]), ("March 2023", []),
                            ("Spring Term 2023", []),     # (a term holds March 2023)
                            ("Autumn Term 2023", [11])):  # (September to December: not a year on)
        doc = text_document(f"Staff Acceptable Use Agreement\n\nApproved by governors: March 2022\n\n"
                            f"Next review: {review}\n\n1. Purpose\n\nThis agreement keeps staff and pupils "
                            f"safe online.\n\nThis AUP is reviewed annually by the e-safety lead.\n")
        found = find_values(doc, example_pack, "social-media", None)
        got = find_defects(doc, example_pack, "social-media", None, found)
        assert [d.line for d in got if d.code == "W-REVIEW-PROSE"] == flagged
