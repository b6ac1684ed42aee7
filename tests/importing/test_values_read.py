"""Values through the import's own reader: a text copy and a .docx made from it give the same
values at the same lines, and a Word table of contacts gives its people."""

from __future__ import annotations

import docx
import pytest

from builder.importing.read import read_document, split_sections
from builder.importing.values.find import find_values
from tests.support.docx import add_hyperlink, add_table, docx_from_text

COPIES = {
    "ashgrove": """[bookmark: _Toc501]Ashgrove Primary School

Online Safety and Social Media Policy

Signed:__Mrs L Achterberg________    Chair of Governors
Date:____7th February 2023_____
Review date:\tFebruary 2025

Contents
1.0\tIntroduction\t2
2.0\tKey contacts\t3
3.0\tBlocked content\t4
4.0\tReview\t5

1.0 Introduction
Ashgrove Primary School understands that pupils use social media at home and at school.

2.0 Key contacts
Designated Safeguarding Lead (DSL):\tMr Dafydd Price
Deputy DSL:\tMs Yasmin Idowu
Headteacher:\tMrs Orla Brennan
Ashgrove Primary School
Beacon Lane
Taunton
TA1 2PQ
Tel:\t01823 000 400
office@ashgrove.example
dprice@ashgrove.example

3.0 Blocked content
The following social media websites are not accessible on the school’s network:
· TikTok
· Snapchat
· Discord
The online safety officer checks the filtering logs each week.

4.0 Review
This policy will be reviewed every two years by the governing body.
""",
    "hollins": """HOLLINS CE ACADEMY

Social Media Policy

Approved by the Trust Board: 1 Sept 2021
Renewal: two-yearly
Next review: Sept. 2023

Our DSL is Miss Rana Farouk.
Our Data Protection Officer – Tomas Lindgren – advises staff.
The person responsible for e-safety is Mr Kofi Asante.
Follow the school on Instagram @hollins.ce and on Facebook at https://www.facebook.com/HollinsCE
""",
}


def line_of(text):
    lines = text.split("\n")
    return lambda part: next(i for i, t in enumerate(lines, 1) if part in t)


def values_of(path, display):
    doc = read_document(path, display)
    doc.preamble, doc.sections = split_sections(doc.paragraphs)
    return doc, find_values(doc, None, "online-code", "copy")


def values_of_word(document, path) -> dict:
    """The values found in a Word document made in the test, saved at ``path``: key -> value."""
    document.save(str(path))
    _, found = values_of(path, path.name)
    return {f.key: f.value for f in found}


@pytest.mark.parametrize("name", sorted(COPIES))
def test_a_docx_gives_the_same_values_as_its_text(name, tmp_path):
    text = tmp_path / f"{name}.txt"
    text.write_text(COPIES[name], encoding="utf-8")
    word = docx_from_text(COPIES[name], tmp_path / f"{name}.docx")
    _, from_text = values_of(text, text.name)
    _, from_word = values_of(word, word.name)
    assert [(f.key, f.value, f.line) for f in from_word] == [(f.key, f.value, f.line) for f in from_text]
    assert len(from_text) >= 10


def test_the_text_copys_values(tmp_path):
    path = tmp_path / "ashgrove.txt"
    path.write_text(COPIES["ashgrove"], encoding="utf-8")
    _, found = values_of(path, path.name)
    got = {}
    for f in found:
        got.setdefault(f.key, (f.value, f.line))
    base = "policies.online-code.approval"
    at = line_of(COPIES["ashgrove"])
    assert got["name"] == ("Ashgrove Primary School", 1)
    assert got["roles.dsl.name"] == ("Mr Dafydd Price", at("Mr Dafydd Price"))
    assert got["roles.dsl.email"] == ("dprice@ashgrove.example", at("dprice@"))
    assert got["roles.deputy_dsl.name"] == ("Ms Yasmin Idowu", at("Ms Yasmin Idowu"))
    assert got["roles.headteacher.name"] == ("Mrs Orla Brennan", at("Mrs Orla Brennan"))
    assert got["roles.chair.name"] == ("Mrs L Achterberg", at("Achterberg"))
    assert got["address"] == (["Ashgrove Primary School", "Beacon Lane", "Taunton", "TA1 2PQ"],
                              at("Beacon Lane") - 1)
    assert got["phone"] == ("01823 000 400", at("Tel:"))
    assert got["email"] == ("office@ashgrove.example", at("office@"))
    assert got[f"{base}.approved"] == ("2023-02-07", at("7th February"))
    assert got[f"{base}.next_review"] == ("2025-02", at("Review date:"))
    assert got[f"{base}.review_cycle"] == ("2 years", at("every two years"))
    assert got[f"{base}.signatories"][0] == [{"name": "Mrs L Achterberg", "role": "chair",
                                              "title": "Chair of Governors", "signed": "2023-02-07"}]


def test_a_word_table_of_contacts(tmp_path):
    document = docx.Document()
    document.add_paragraph("Rowan Primary School", style="Title")
    document.add_paragraph("Key contacts", style="Heading 1")
    add_table(document, [["Role", "Name", "Email", "Phone"],
                         ["Designated Safeguarding Lead", "Mrs Hana Kimura", "hkimura@rowan.example",
                          "01632 960 901"],
                         ["Online Safety Lead", "Mr Ewan Grant", "egrant@rowan.example", ""],
                         ["Chair of Governors", "Dr Ines Duarte", "", ""]])
    got = values_of_word(document, tmp_path / "rowan.docx")
    assert got["roles.dsl.name"] == "Mrs Hana Kimura"
    assert got["roles.dsl.email"] == "hkimura@rowan.example"
    assert got["roles.dsl.phone"] == "01632 960 901"
    assert got["roles.online_safety_officer.name"] == "Mr Ewan Grant"
    assert got["roles.chair.name"] == "Dr Ines Duarte"
    assert got["name"] == "Rowan Primary School"


def test_the_addresses_of_word_hyperlinks(tmp_path):
    document = docx.Document()
    document.add_paragraph("Linden Primary School", style="Title")
    p = document.add_paragraph("Visit ")
    add_hyperlink(p, "https://www.linden.example", "our website")
    p = document.add_paragraph("Follow us on ")
    add_hyperlink(p, "https://www.facebook.com/LindenPrimary", "Facebook")
    p = document.add_paragraph("Write to the ")
    add_hyperlink(p, "mailto:office@linden.example", "school office")
    got = values_of_word(document, tmp_path / "linden.docx")
    assert got["website"] == "https://www.linden.example"
    assert got["email"] == "office@linden.example"
    assert got["lists.social_accounts"] == [{"platform": "Facebook", "handle": "@LindenPrimary",
                                             "url": "https://www.facebook.com/LindenPrimary"}]


NAMED = {
    # a label names the school; the title line is the county's code, not the school
    "label": ("Derbyshire School Employee Code Of Conduct\n\nName of School: Wensley on Dale CE Primary\n\n"
              "1.0 The Governing Body of Wensley on Dale CE Primary School adopted this code in May 2024.\n",
              "Wensley on Dale CE Primary School"),
    # the cover's line cut short, the full name below it; a running footer in capitals
    "shortened": ("Catholic Primary School & Nursery\n\nOnline Safety Policy\n\n"
                  "St Bede Catholic Primary School is committed to safeguarding children.\n\n"
                  "Staff follow this policy at all times. ST BEDE CATHOLIC PRIMARY SCHOOL Online Safety Policy\n",
                  "St Bede Catholic Primary School"),
    # one mention, with the name's own capital "The"
    "the": ("Staff Code of Conduct\n\n1. Purpose\n\n1.1 This code applies to all staff working at The Cedars "
            "School, paid or unpaid, whatever their role.\n", "The Cedars School"),
    # the school's name before its possessive, once in the title and once in the text
    "possessive": ("Online Safety Policy - Hollins Green Church of England Primary\n\nHollins Green\n\n"
                   "Hollins Green Church of England Primary Academy’s aims are set out below.\n",
                   "Hollins Green Church of England Primary Academy"),
    # the policy's own title saying what it will do is no school
    "a title": ("Internet Safety Policy\n\nDate approved: May 2024\n\nThe Internet-Safety Policy will be "
                "reviewed every year, or sooner after an incident.\n", None),
    # a line that is the name, its place after the school's word
    "place after": ("Harbour Academy Southsea\n\nOnline Safety Policy\n\nStaff at Harbour Academy Southsea "
                    "follow this policy.\n\nHarbour Academy Southsea Staff keep it.\n", "Harbour Academy Southsea"),
    # a trust's own copy, naming no school: the trust's name, with a note
    "a trust's copy": ("Staff Code of Conduct\n\nOakwood Learning Trust\n\n1. Purpose\n\nThis code applies to every "
                       "employee of Oakwood Learning Trust, in all its schools.\n", "Oakwood Learning Trust"),
    # a day care and its pre-school, the kinds of setting a nursery's name ends in
    "a day care": ("Mobile phone policy\n\nSunny Day Care\n\nStaff at Sunny Day Care keep their phones in the "
                   "office during sessions.\n", "Sunny Day Care"),
    "and preschool": ("Castle Daycare and Preschool\n\nUsing images policy\n\nEvery child is kept safe when "
                      "photographs are taken.\n", "Castle Daycare and Preschool"),
    # a nursery of its own, named once where a name stands
    "a nursery": ("Staff Code of Conduct\n\nAt Bramble Lane Day Nursery, we take the welfare of our children "
                  "seriously.\n\nWithin our nursery staff are expected to keep this code.\n",
                  "Bramble Lane Day Nursery"),
    # words that name a kind of place or group, not a school ("Professional Learning Community", "Early
    # Years Nursery"), and a trust's kind alone ("The Academy Trust will ...")
    "a kind, no name": ("Staff Code of Conduct\n\nOur Professional Learning Community meets weekly.\n\n"
                        "The Early Years Nursery opens at 8.\n\nThe Academy Trust will check this code.\n\n"
                        "The Academy Trust will ensure that staff are trained.\n", None),
    # "Our" is the name's own in "Our Lady ..."
    "our lady": ("Mobile Phone Policy\n\nOur Lady Immaculate Catholic Primary School\n\nPupils at Our Lady "
                 "Immaculate Catholic Primary School hand in their phones.\n",
                 "Our Lady Immaculate Catholic Primary School"),
    # "All" is the name's own in "All Saints ...", and a name in capitals keeps "of" small
    "all saints": ("E-SAFETY POLICY\n\nALL SAINTS CHURCH OF ENGLAND ACADEMY\n\nAll Saints Church of England "
                   "Academy aims to be a community of learning.\n", "All Saints Church of England Academy"),
    # a pre-school or a playgroup of its own
    "a preschool": ("Safer Working Practice\n\nPrecious Playdays Preschool is a setting that promotes respect.\n\n"
                    "All children, parents and staff have the right to be safe in our preschool community.\n",
                    "Precious Playdays Preschool"),
    # a heading or a sentence run on to the name, cut off where the name starts
    "run on": ("Social Networking Policy\n\nSOCIAL NETWORKING GUIDANCE FOR STAFF AND VOLUNTEERS. St Thomas CE "
               "Primary School wants staff to be safe online.\n\nPolicy Ethos Statement At St Thomas CE Primary "
               "School we value every child.\n", "St Thomas CE Primary School"),
    # "Our Lady's" keeps its "Our", after "at" too
    "our lady's": ("Online Safety Policy\n\nWelcome at Our Lady's Primary School, where pupils are safe online.\n",
                   "Our Lady's Primary School"),
    # a joining word right before the kind of school is a sentence's, not a name's
    "a verb": ("Online Safety Policy\n\nStaff must not publish on Academy accounts without approval.\n", None),
    # a nursery unit of a school is a part of a longer name, no name of its own
    "a unit": ("Staff Code of Conduct\n\nThis code applies in Heron PS and Heron Nursery Unit.\n", None),
    # a trust's own copy that names its trust once, saying what it does
    "a trust says": ("Online Safety Policy\n\nApproved by: Trust Board\n\nVersion: 2\n\nContents\n\n1. Aims\n\n"
                     "Fernhill Multi Academy Trust aims to:\n\nKeep pupils safe online.\n",
                     "Fernhill Multi Academy Trust"),
    # "and" inside a name is the name's own; joining a name to the people before it, it is not
    "and inside": ("Online Safety Policy\n\nTeddy and Friends Community Preschool\n\nStaff and Teddy and Friends "
                   "Community Preschool volunteers keep children safe.\n", "Teddy and Friends Community Preschool"),
    "and before": ("Online Safety Policy\n\nParents and Oakmere Primary School staff agree this policy.\n\n"
                   "Pupils and Oakmere Primary School governors sign it.\n", "Oakmere Primary School"),
    # ... nor a body or a person before it, where the copy names the school alone too
    "and a body": ("Online Safety Policy\n\nName of School: Oakmere Primary School\n\nOakmere Primary School "
                   "staff agree.\n\nOfsted and Oakmere Primary School agree.\n\nMrs Patel and Oakmere Primary "
                   "School governors sign it.\n", "Oakmere Primary School"),
    # a heading run on to the name once is no part of it, where the name stands whole more often
    "run-in heading": ("Social Networking Policy\n\nAt Oakmere Primary School we value every child.\n\n"
                       "Staff at Oakmere Primary School sign this policy. Key Principles Oakmere Primary School "
                       "staff keep their accounts private.\n", "Oakmere Primary School"),
    # a federation's own copy names the federation; "the Federation" alone is no name
    "a federation": ("Staff Code of Conduct\n\nHighfield St Mary Federation\n\nThe Federation expects every "
                     "member of staff at Highfield St Mary Federation to keep this code.\n\nThe Federation will "
                     "review it.\n", "Highfield St Mary Federation"),
    "and once": ("Online Safety Policy\n\nThe Diocese and Oakmere Primary School agree this policy.\n", None),
    # a sentence's subject a copy of a PDF wrapped after its first word, two kinds of setting joined
    "wrapped subject": ("Using Images Policy\n\nThis policy is part of the setting's care for children.\nOak Tree\n"
                        "Daycare and Preschool aim to keep every child safe online.\n",
                        "Oak Tree Daycare and Preschool"),
    # ... not an activity or a key stage a sentence says "we" at
    "activity": ("Elm Primary School\n\nSocial Media Policy\n\nWe use photographs with care and at Forest School "
                 "we take photographs.\n\nPupils learn and at Key Stage Two we check the filters.\n",
                 "Elm Primary School"),
    # two kinds of school joined, whichever comes first
    "nursery first": ("Oak Nursery and Infant School\n\nSocial Media Policy\n\nStaff at Oak Nursery and Infant School "
                      "use social media with care.\n", "Oak Nursery and Infant School"),
    # the place "we" speak from, inside a sentence, whatever the name's last word
    "at, within": ("Social Media Policy\n\nSocial media is part of the world we live in and as such at Montessori "
                   "Kindergarten Ilfracombe we need to protect our children.\n", "Montessori Kindergarten Ilfracombe"),
    # an "and" between two kinds of school is the name's own, said once in a sentence
    "kinds joined": ("Code of Conduct\n\nAdopted on: September 2016\n\nAt Durrington Infant and Junior School we "
                     "promise to create a happy and secure place to learn.\n", "Durrington Infant and Junior School"),
    # Ireland's national schools, with their initials, and a kind of schools named in a guidance's title
    "national school": ("Child Safeguarding Statement\n\nLisnagry N.S. is a primary school providing education "
                        "to pupils from Junior Infants to Sixth Class.\n\nThe Board of Management of Lisnagry N.S. "
                        "follows the Child Protection Procedures for Primary and Post Primary Schools 2017.\n",
                        "Lisnagry N.S."),
    "both ways": ("Mobile Phone Policy\n\nSt. Aidan's National School\n\nAt St. Aidan's N.S. pupils leave their phones "
                  "at the office.\n\nSt. Aidan's N.S. reviews this policy.\n", "St. Aidan's National School"),
    # a heading's verb before "College", once, in the contents, is no name
    "no name": ("E-Safety Policy\n\nSeptember 2024\n\nContents\n\n1. Introduction\n\n2. Responsibilities\n\n"
                "3. Protecting College data and information\n\n1. Introduction\n\n"
                "Staff keep pupils' data safe and lock their screens when they leave a room.\n", None),
}


@pytest.mark.parametrize("case", sorted(NAMED))
def test_the_schools_name_is_read_as_a_trust_officer_would(case, tmp_path):
    text, want = NAMED[case]
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    _, found = values_of(path, path.name)
    assert {f.key: f.value for f in found}.get("name") == want


@pytest.mark.parametrize("text, want", [
    ("Code of Conduct\n\nThis code applies to all staff at Fakenham Infant and Nursery School and its "
     "volunteers.\n\nStaff at Fakenham Infant and Nursery School sign it each year.\n",
     "Fakenham Infant and Nursery School"),
    ("Acceptable Use Policy\n\nThat Oakfield Bywater Primary School expects staff to sign this policy.\n\n"
     "Staff at Oakfield Bywater Primary School sign it each year.\n", "Oakfield Bywater Primary School"),
    ("Social Media Policy\n\nAt Larks Hill J & I School staff use social media with care.\n\n"
     "Larks Hill J & I School keeps this policy.\n", "Larks Hill J & I School"),
    ("Minster CE Primary\n\nOnline Safety Policy\n\nMinster Church of England Primary School keeps its pupils safe "
     "online.\n\nAt Minster Church of England Primary School every class learns about online safety.\n",
     "Minster Church of England Primary School"),
])
def test_a_name_with_its_nursery_or_its_church_in_full(text, want, tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    _, found = values_of(path, path.name)
    assert {f.key: f.value for f in found}.get("name") == want
