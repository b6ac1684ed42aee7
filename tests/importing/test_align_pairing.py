"""Pairing imported sections with the master's: statuses, similarity, the redline words, merged
and split sections, ties, and the master as a school reads it (its own values, or a stand-in)."""

from __future__ import annotations

from collections import namedtuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.importing.align import (MasterSection, align, master_sections, normalise, redline_words, _title_similarity,
                                 slug_id)
from builder.importing.document import Paragraph, Section
from builder.source.values import SLUG_RE, windows_reserved

Found = namedtuple("Found", "key value line source")

# A small master in our own words: four sections about a school garden.
MASTER = [
    MasterSection("purpose", 1, "Purpose", [
        "The garden gives every class a place to grow food and learn outdoors.",
        "It is open to pupils during lessons and at lunchtime with an adult.",
    ]),
    MasterSection("safety", 2, "Keeping safe", [
        "Pupils wear gloves when they handle soil, compost or tools.",
        "Sharp tools are kept in the locked shed and used only with a member of staff.",
        "Any cut or sting is reported to the first aider on duty.",
    ]),
    MasterSection("watering", 3, "Watering rota", [
        "Each class waters the beds on its own day of the week, following the rota on the shed door.",
        "In the summer holiday volunteer families take a week each.",
    ]),
    MasterSection("review", 4, "Review", [
        "The eco-council reviews this arrangement every spring and reports to governors.",
    ]),
]


def sec(title, paras, line=1, number=None):
    ps = [Paragraph(line + 1 + k, t, "item" if t.startswith("- ") else "para") for k, t in enumerate(paras)]
    ps = [Paragraph(p.line, p.text[2:], p.kind) if p.kind == "item" else p for p in ps]
    return Section(title, line, 1, number, ps)


def by_master(rows):
    return {r.master.id: r for r in rows if r.master is not None}


def test_same_reworded_missing_and_school_only():
    doc = [
        sec("Purpose", MASTER[0].paragraphs, 1),
        sec("Keeping safe", ["Pupils wear gloves when they touch soil, compost or tools.",
                             MASTER[1].paragraphs[1], MASTER[1].paragraphs[2]], 5),
        sec("Our bee hive", ["Year 6 look after the hive with a local beekeeper.",
                             "Nobody opens the hive without the beekeeper."], 10),
        sec("Review", MASTER[3].paragraphs, 14),
    ]
    rows = align(doc, MASTER)
    got = [(r.status, r.imported.title if r.imported else None, r.master.id if r.master else None)
           for r in rows]
    assert got == [("same", "Purpose", "purpose"), ("reworded", "Keeping safe", "safety"),
                   ("missing", None, "watering"), ("school-only", "Our bee hive", None),
                   ("same", "Review", "review")]
    m = by_master(rows)
    assert m["purpose"].similarity == 1.0
    assert 0.8 < m["safety"].similarity < 1.0
    assert m["watering"].similarity is None
    words = redline_words(m["safety"])
    assert {"op": "delete", "text": "handle"} in words
    assert {"op": "insert", "text": "touch"} in words
    assert rows[3].after == "safety"           # the school's section follows the one before it


def test_renamed_section_pairs_by_text():
    doc = [sec("Growing things together", MASTER[0].paragraphs), sec("Safety", MASTER[1].paragraphs, 9)]
    m = by_master(align(doc, MASTER))
    assert m["purpose"].status == "same" and m["purpose"].pairing == "text"
    assert m["purpose"].imported.title == "Growing things together"
    assert m["safety"].status == "same"


def test_moved_section_pairs_by_title_and_text():
    doc = [sec("Review", MASTER[3].paragraphs, 1), sec("Watering rota", MASTER[2].paragraphs, 4),
           sec("Purpose", MASTER[0].paragraphs, 8), sec("Keeping safe", MASTER[1].paragraphs, 12)]
    rows = align(doc, MASTER)
    assert [r.master.id for r in rows] == ["review", "watering", "purpose", "safety"]
    assert all(r.status == "same" for r in rows)


def test_reworded_title_and_text_still_pair():
    doc = [sec("4.0 Reviewing the garden", ["The eco council looks again at this arrangement each "
                                            "spring and tells the governors."], 3, "4.0")]
    m = by_master(align(doc, MASTER))
    assert m["review"].status == "reworded"
    assert m["review"].similarity < 0.7


def test_unrelated_sections_do_not_pair():
    doc = [sec("Lettings", ["The hall may be hired by community groups in the evenings."]),
           sec("Uniform", ["Pupils wear a green jumper and grey trousers or skirt."], 3)]
    rows = align(doc, MASTER)
    assert [r.status for r in rows if r.imported] == ["school-only", "school-only"]
    assert sum(r.status == "missing" for r in rows) == 4


def test_merged_section_pairs_each_master_with_its_part():
    merged = sec("Safety and watering", MASTER[1].paragraphs + MASTER[2].paragraphs, 1)
    rows = align([sec("Purpose", MASTER[0].paragraphs, 20), merged], MASTER)
    m = by_master(rows)
    assert m["safety"].status == "same" and m["watering"].status == "same"
    assert {m["safety"].pairing, m["watering"].pairing} & {"merged"}
    assert m["safety"].imported is m["watering"].imported is merged
    assert m["review"].status == "missing"


def test_split_section_is_part_of_its_master():
    first = sec("Keeping safe", MASTER[1].paragraphs[:1], 1)
    second = sec("Tools", MASTER[1].paragraphs[1:], 4)
    rows = align([first, second], MASTER)
    parts = [r for r in rows if r.master is not None and r.master.id == "safety"]
    assert [r.pairing for r in parts][1] == "split"
    assert all(r.status == "same" for r in parts)
    assert not any(r.status == "school-only" for r in rows)


def test_ties_are_broken_by_order_and_runs_agree():
    twin = MasterSection("twin", 5, "Purpose", list(MASTER[0].paragraphs))
    doc = [sec("Purpose", MASTER[0].paragraphs, 1), sec("Purpose", MASTER[0].paragraphs, 6)]
    first = align(doc, [MASTER[0], twin])
    again = align(doc, [MASTER[0], twin])
    assert [(r.imported.line, r.master.id) for r in first] == [(1, "purpose"), (6, "twin")]
    assert [(r.status, r.similarity) for r in first] == [(r.status, r.similarity) for r in again]


def test_normalise_keeps_case_and_words():
    assert normalise("  \u00b7\tThe\u00a0school\u2019s  \u201cgarden\u201d \u2013 open ") == \
        "The school's \"garden\" - open"
    assert normalise("The School") != normalise("the school")


DEBRIS_BULLETS = ["\u00b7\t", "\u2022 ", "o\t", "\uf0b7\t", "- ", "* ", ""]
SPACES = [" ", "\u00a0", "  ", "\t", " \u00a0"]


@settings(max_examples=60, deadline=None)
@given(bullet=st.sampled_from(DEBRIS_BULLETS), space=st.sampled_from(SPACES),
       trailing=st.sampled_from(["", " ", "  ", "\u00a0"]), curly=st.booleans())
def test_debris_never_makes_a_section_reworded(bullet, space, trailing, curly):
    """However Word's export dresses the same words (bullets, spaces, quotes), they are ``same``."""
    def dress(t):
        t = t.replace(" ", space)
        if curly:
            t = t.replace("'", "\u2019")
        return bullet + t + trailing
    master = MasterSection("m", 1, "Tools", ["Sharp tools stay in the shed's locked box.",
                                             "Only staff sharpen them."])
    doc = [sec("Tools", [dress(p) for p in master.paragraphs])]
    (row,) = align(doc, [master])
    assert row.status == "same", redline_words(row)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["soil", "rake", "bees", "Gloves", "shed", "the", "water", "rota",
                                 "governors", "spring", "compost"]), min_size=1, max_size=30))
def test_similarity_is_in_range_and_same_only_when_equal(words):
    master = MasterSection("m", 1, "Garden", ["Pupils water the beds on their own day, following the rota."])
    text = " ".join(words)
    (row, *rest) = align([sec("Garden", [text])], [master])
    if row.master is not None:
        assert 0.0 <= row.similarity <= 1.0
        assert (row.status == "same") == (normalise(text).split() == normalise(master.text).split())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sets(st.sampled_from(["policy", "policy-2", "section", "con"])))
def test_drafted_ids_are_safe_and_unique(title, taken):
    sid = slug_id(title, taken)
    assert SLUG_RE.match(sid) and not windows_reserved(sid) and sid not in taken
    assert len(sid) <= 60


def test_master_for_a_school_of_the_pack_uses_its_values(example_pack):
    ms, rs = master_sections(example_pack, "social-media", "vine-tree")
    assert [m.id for m in ms][:3] == ["intent", "legal-framework", "roles"]
    roles = next(m for m in ms if m.id == "roles")
    assert any("Mrs Amelia Hart" in p for p in roles.paragraphs)
    assert not any(p.startswith("3.1") for p in roles.paragraphs)    # builder's numbers left out


def test_master_for_a_new_school_uses_the_values_found(example_pack):
    found = [Found("name", "Larch Lane Primary", 2, "Larch Lane Primary"),
             Found("roles.headteacher.name", "Mr Tomasz Nowak", 9, "Headteacher: Mr Tomasz Nowak")]
    ms, rs = master_sections(example_pack, "social-media", "larch-lane", found)
    text = "\n".join(p for m in ms for p in m.paragraphs)
    assert "Larch Lane Primary" in text and "Mr Tomasz Nowak" in text
    assert "Vine Tree" not in text and "Mrs Amelia Hart" not in text
    assert "[" in text     # what neither the copy nor the trust gives shows as a placeholder
    assert rs.school.id == "larch-lane" and "larch-lane" not in example_pack.schools


def test_master_for_a_new_school_without_values_takes_the_name(example_pack):
    ms, _ = master_sections(example_pack, "staff-code", "rowan", (), "Rowan Academy")
    assert any("Rowan Academy" in p for m in ms for p in m.paragraphs)


def test_a_section_changed_in_title_and_text_pairs_by_where_it_stands():
    changed = sec("Looking after ourselves", ["Children put gloves on before digging; the tools "
                                              "stay in a locked shed."], 4)
    doc = [sec("Purpose", MASTER[0].paragraphs, 1), changed,
           sec("Watering rota", MASTER[2].paragraphs, 8), sec("Review", MASTER[3].paragraphs, 12)]
    m = by_master(align(doc, MASTER))
    assert m["safety"].imported is changed and m["safety"].pairing == "order"
    assert m["safety"].status == "reworded"
    # the same section with nothing in common is the school's own, and safety is missing
    unrelated = sec("Looking after ourselves", ["Our hall is hired out on Tuesday evenings."], 4)
    rows = align([doc[0], unrelated, *doc[2:]], MASTER)
    assert by_master(rows)["safety"].status == "missing"
    assert any(r.status == "school-only" and r.imported is unrelated for r in rows)


def test_text_above_the_first_heading_pairs_by_its_words_with_no_pair_to_stand_between():
    """The text above a copy's first heading, no heading of its own, pairs with the master section
    its words lean to even when no pair stands on its own; the titled section after it does not."""
    copy = [sec("", ["Every class grows food in the garden, and our hall is hired out on Tuesday evenings to "
                     "local clubs."]),
            sec("Lettings", ["Our hall is hired out on Tuesday evenings."], 4)]
    rows = align(copy, MASTER)
    assert [(r.imported.title, r.master.id if r.master else None) for r in rows if r.imported is not None] == \
        [("", "purpose"), ("Lettings", None)]


def test_with_no_pair_found_on_its_own_nothing_pairs_by_where_it_stands():
    """Two sections, neither close to any master section by title or text: where they stand says
    nothing, so both are the school's own and the master's sections missing (not "Written by:"
    paired with the purpose because it comes first)."""
    copy = [sec("Written by:", ["This policy was written by the deputy head and shared with every class teacher "
                                "before it was published on the school website for families."], 1),
            sec("Scope:", ["The rules apply to pupils, staff and visitors whenever they use the tools, soil "
                           "and compost of the garden during lessons or at lunchtime."], 5)]
    rows = align(copy, MASTER)
    assert [r.status for r in rows if r.imported is not None] == ["school-only", "school-only"]
    assert all(r.status == "missing" for r in rows if r.master is not None)


@pytest.mark.parametrize("copy, master", [
    ("Our aims", "Statement of intent"), ("Monitoring and review", "Policy review"),
    ("Purpose of this policy", "Statement of intent"), ("Key terms", "Definitions"),
    ("Duties of staff", "Roles and responsibilities"), ("Aims of the policy", "Why this code exists"),
    ("Expected staff behaviour", "Our standards"), ("Who does this AUP apply to?", "Who and what the code covers"),
    ("Applying the policy", "Who and what the code covers"), ("Setting an Example", "Our standards"),
    ("Introductory Statement", "Statement of intent")])
def test_titles_of_one_subject_in_other_words_are_alike(copy, master):
    assert _title_similarity(copy, master) >= 0.5


def test_privacy_is_a_subject_of_data_protection():
    alike = _title_similarity("Privacy", "Data protection and consent")
    assert alike >= 0.3 and all(alike > _title_similarity("Privacy", other) for other in (
        "Parents' use of social media", "Staff personal accounts", "Definitions"))


@pytest.mark.parametrize("copy, master", [("Introduction", "Definitions"), ("Training", "Monitoring and review"),
                                          ("Contents", "Consent"), ("Parents", "Pupils"),
                                          ("Contents", "Blocked content")])
def test_titles_alike_only_in_letters_are_not(copy, master):
    assert _title_similarity(copy, master) < 0.3


def test_a_title_with_a_typo_is_the_same_title():
    assert _title_similarity("Cyber-bulling", "Cyberbullying") >= 0.85


def test_a_lone_stranger_between_pairs_is_not_pushed_onto_a_master_section():
    stranger = sec("Class blogs", ["Each class keeps a blog on the school app, written by the pupils "
                                   "with their teacher every Friday afternoon."], 4)
    doc = [sec("Purpose", MASTER[0].paragraphs, 1), stranger, sec("Keeping safe", MASTER[1].paragraphs, 6),
           sec("Watering rota", MASTER[2].paragraphs, 8), sec("Review", MASTER[3].paragraphs, 12)]
    rows = align(doc, MASTER)
    assert [r.status for r in rows if r.imported is stranger] == ["school-only"]


def test_a_title_holding_the_masters_subject_among_its_own_words_pairs():
    """"Governing body and headteacher responsibilities" is the roles section, though most of
    its words are not the master's; the master's id ("scope") names its section too."""
    master = [MasterSection("intent", 1, "Statement of intent", ["We use social media to share news with families."]),
              MasterSection("roles", 2, "Roles and responsibilities", ["The governing board oversees this policy."]),
              MasterSection("scope", 3, "Who and what the code covers", ["It covers every adult who works here."])]
    doc = [sec("Statement of intent", master[0].paragraphs),
           sec("Governing Body/Headteacher responsibilities",
               ["The governing board oversees this policy and the headteacher makes sure staff follow it."], 5),
           sec("Scope and purpose", ["This code covers every adult who works here, paid or not."], 9)]
    m = by_master(align(doc, master))
    assert m["roles"].imported.title == "Governing Body/Headteacher responsibilities"
    assert m["scope"].imported.title == "Scope and purpose"


def test_a_documents_own_title_never_pairs_by_its_words():
    """"Online Safety Policy" over a copy's first lines is the document's title: it does not pair
    with the master's "Online safety concerns" for sharing its words."""
    master = [MasterSection("intent", 1, "Statement of intent", ["We use social media to share news with families."]),
              MasterSection("online-safety", 2, "Online safety concerns",
                            ["Any concern about a pupil's safety online is reported to the DSL at once."])]
    doc = [sec("Online Safety Policy", ["Adopted by the governing body in September 2024."]),
           sec("Statement of intent", master[0].paragraphs, 5)]
    m = by_master(align(doc, master))
    assert m["online-safety"].status == "missing"
    assert m["intent"].imported.title == "Statement of intent"


def test_a_form_or_an_appendix_never_pairs_by_its_title():
    """"Blocked content access request form" and "Appendix 2 - Training log" are the copy's forms,
    which the pack keeps as forms: their titles' words pair them with no section."""
    master = [MasterSection("blocked-content", 1, "Blocked content", ["The filter blocks sites that are unsuitable."]),
              MasterSection("training", 2, "Training", ["Staff are trained on online safety every year."])]
    doc = [sec("Blocked content", master[0].paragraphs),
           sec("Training", master[1].paragraphs, 5),
           sec("Blocked content access request form", ["Name: ____  Site: ____  Reason: ____"], 9),
           sec("Appendix 2 - Training log", ["Date | Course | Signed"], 12)]
    rows = align(doc, master)
    assert [(r.imported.title, r.status) for r in rows if r.master is None] == \
        [("Blocked content access request form", "school-only"), ("Appendix 2 - Training log", "school-only")]


def test_a_copy_that_is_one_document_never_pairs_by_where_it_stands():
    """A copy with no sections of its own, only its title over its text ("Garden Charter"), pairs
    with no master section for want of anything else: its text is close to none."""
    copy = [sec("Garden Charter", ["Families who visit the garden at weekends sign the visitors' book.",
                                   "Dogs stay outside the gate and bikes are left in the rack."])]
    rows = align(copy, MASTER)
    assert [r.status for r in rows if r.imported is not None] == ["school-only"]


def test_a_title_alone_pairs_a_short_section_that_no_other_text_claims():
    """A copy cut short: "Core Principles" holds two lines that share little with the master's
    standards, and no other master section's text is close either: its title pairs it."""
    master = [MasterSection("rationale", 1, "Why this code exists", ["This code sets out how staff behave at work."]),
              MasterSection("standards", 2, "Our standards", ["Staff act with honesty, integrity and respect, "
                                                              "and keep pupils safe at all times."]),
              MasterSection("reporting", 3, "Reporting concerns", ["Report any concern about a colleague to the "
                                                                   "headteacher or the chair of governors."])]
    doc = [sec("Why this code exists", master[0].paragraphs),
           sec("Core Principles", ["Everyone at Park Lane is a role model.",
                                   "We hold public office and follow the Nolan principles."], 4)]
    assert by_master(align(doc, master))["standards"].imported.title == "Core Principles"


def test_a_heading_opening_with_the_schools_name_is_the_cover_not_a_section():
    # a copy whose first heading is its cover line: what it holds is not told by where it stands
    body = ["Oak Hill families and staff grow food together, and each class spends an hour a week outdoors."]
    doc = [sec("OAK HILL PRIMARY SCHOOL", body, 1), sec("Keeping safe", MASTER[1].paragraphs, 4)]
    rows = align(doc, MASTER, name="Oak Hill Primary School")
    assert [r.status for r in rows if r.imported] == ["school-only", "same"]
    # the same text under a heading of its own still pairs by where it stands, and so does a heading
    # that speaks of the school
    for title in ("Why we garden", "Oak Hill Primary School's garden", "Oak Hill Primary School and its garden"):
        rows = align([sec(title, body, 1), doc[1]], MASTER, name="Oak Hill Primary School")
        assert by_master(rows)["purpose"].imported.title == title


def test_a_section_whose_title_names_another_master_section_never_pairs_by_place():
    # "Monitoring the outdoor kit" stands where "Keeping safe" would, and shares some of its words,
    # but its title names the review: where it stands does not make it the safety section
    kit = ["Gloves and the locked shed are checked by staff."]
    doc = [sec("Purpose", MASTER[0].paragraphs, 1), sec("Monitoring the outdoor kit", kit, 4),
           sec("Watering rota", MASTER[2].paragraphs, 7)]
    paired = {r.imported.title: r.master.id for r in align(doc, MASTER) if r.imported and r.master}
    assert paired.get("Monitoring the outdoor kit") != "safety"
    # under a title of its own, the same text still pairs by where it stands
    doc[1] = sec("Outdoor kit", kit, 4)
    assert by_master(align(doc, MASTER))["safety"].imported.title == "Outdoor kit"


def test_a_term_by_its_number_is_no_definition():
    # a master with a glossary: "Term 3" is a school term, not the glossary's "terms"
    glossary = MasterSection("definitions", 5, "Definitions", ["In this arrangement a bed is a raised planter."])
    master = [*MASTER, glossary]
    rota = sec("Watering in Term 3", ["Year 4 water the raised planters through the summer holiday."], 1)
    paired = {r.imported.title: r.master.id for r in align([rota], master) if r.imported and r.master}
    assert paired.get("Watering in Term 3") != "definitions"
    terms = sec("Key terms", glossary.paragraphs, 1)
    assert by_master(align([terms], master))["definitions"].imported.title == "Key terms"


def test_a_title_naming_two_subjects_is_not_held_by_the_one_it_names_in_passing():
    """"Guidance/protection for parents on using social networking" names guidance (a word of the
    legal framework's subject) only as what it gives parents: it is the parents' section."""
    master = [MasterSection("legal-framework", 1, "Legal framework", ["This policy has due regard to the law."]),
              MasterSection("parents", 2, "Parents' use of social media", ["Parents must not post photos of "
                                                                           "other children."])]
    doc = [sec("Guidance/protection for parents on using social networking",
               ["Parents will be made aware of this through the admissions booklet."], 3)]
    m = by_master(align(doc, master))
    assert "legal-framework" not in m or m["legal-framework"].status == "missing"


def test_a_part_split_off_before_its_section_keeps_its_text_in_the_redline():
    # (the copy puts the part under its own heading first, then the section under the master's title)
    part = sec("Tools", MASTER[1].paragraphs[1:], 1)
    main = sec("Keeping safe", ["Pupils wear gloves when they touch soil, compost or tools."], 5)
    rows = align([part, main], MASTER)
    assert [(r.imported.title, r.master.id) for r in rows if r.imported] == [("Tools", "safety"),
                                                                              ("Keeping safe", "safety")]
    shown = " ".join(w["text"] for r in rows for w in redline_words(r) if w["op"] != "delete").split()
    for p in part.paragraphs + main.paragraphs:
        assert " ".join(p.text.split()) in " ".join(shown), p.text
