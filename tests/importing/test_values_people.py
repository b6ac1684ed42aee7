"""People, contacts, the school's name and lists in an imported copy, in many wordings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from builder.importing.read import read_document
from builder.importing.values.find import find_values
from builder.importing.values.people import phones_in
from builder.importing.values.text import HONORIFICS, PARTICLES, STOP
from tests.importing.test_values_support import text_document

POLICY = "online-code"


def values(text: str, pack=None) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in find_values(text_document(text), pack, POLICY, None):
        out.setdefault(f.key, []).append(f)
    return out


def one(text: str, key: str, pack=None):
    got = values(text, pack).get(key)
    return got[0].value if got else None


# ---------------------------------------------------------------- people and roles

ROLE_LINES = [
    ("Designated Safeguarding Lead (DSL): Mrs A Kowalski", "dsl", "Mrs A Kowalski"),
    # the school's own name between a role and its holder; a post in brackets before the role as a label's
    # value; Wales's, Northern Ireland's and Scotland's words for the deputies
    ("The Child Protection Co-ordinator for Glenbrae Primary School is Morag Ferrie.", "dsl", "Morag Ferrie"),
    ("Mr Quigley (Key Stage 2 Leader): Designated Teacher for Child Protection", "dsl", "Mr Quigley"),
    ("Mrs Devlin (Senior Teacher) - Deputy DSL", "deputy_dsl", "Mrs Devlin"),
    ("Designated Deputy Person: Rhian Pugh", "deputy_dsl", "Rhian Pugh"),
    ("In his absence the role passes to Euan Baird, Depute Head Teacher.", "deputy_headteacher", "Euan Baird"),
    ("Our DSL is Mr Tomasz Nowak.", "dsl", "Mr Tomasz Nowak"),
    ("Miss Farah Siddiqui is the Designated Safeguarding Lead (DSL).", "dsl", "Miss Farah Siddiqui"),
    ("Role\tName\tContact", None, None),
    # an organisation that holds a role is no person
    ("The ICT manager \u2013 Oakfield Academies Central IT Team", None, None),
    ("IT Support: Schools ICT Solutions Ltd", None, None),
    ("DISTRIBUTION OF COPIES Master Copy Principal Copy One Safeguarding Lead/ SENCO Copy Two", None, None),
    ("Designated Safeguarding Lead\tMs Bea Lindqvist\tbea.lindqvist@elm-school.org.uk", "dsl", "Ms Bea Lindqvist"),
    ("Deputy DSL: Mr Kwame Mensah", "deputy_dsl", "Mr Kwame Mensah"),
    ("Our deputy designated safeguarding lead is Mrs Rhian Pugh.", "deputy_dsl", "Mrs Rhian Pugh"),
    ("DDSL - Dr Ifeoma Eze", "deputy_dsl", "Dr Ifeoma Eze"),
    ("Our Data Protection Officer – Gareth Llewellyn will advise staff.", "dpo", "Gareth Llewellyn"),
    ("The DPO is Mrs Hana Sato (dpo@elm-school.org.uk).", "dpo", "Mrs Hana Sato"),
    # (a school's data protection lead is not the trust's officer)
    ("Designated Data Protection Lead: Mrs Ann Lee", "data_protection_lead", "Mrs Ann Lee"),
    ("Online Safety Lead: Mr Oskar Berg", "online_safety_officer", "Mr Oskar Berg"),
    ("Mrs Leila Haddad (E-Safety Officer) checks the filtering logs.", "online_safety_officer",
     "Mrs Leila Haddad"),
    ("Headteacher: Mr Desmond Achebe", "headteacher", "Mr Desmond Achebe"),
    ("Assistant Headteacher: Mrs Priya Shah", "assistant_headteacher", "Mrs Priya Shah"),
    ("Deputy Headteacher: Mr Tom Reid", "deputy_headteacher", "Mr Tom Reid"),
    ("Vice Principal: Mr Theo Rudd", "deputy_headteacher", "Mr Theo Rudd"),
    ("Head Teacher:Mr. Bill Lord", "headteacher", "Mr. Bill Lord"),
    ("Special Educational Needs and Disability Co-ordinator \u2013 Mrs. S.Wells", "senco", "Mrs. S.Wells"),
    ("Any concerns go to the Principal (Dr Anika Rao).", "headteacher", "Dr Anika Rao"),
    ("Head of School - Mrs Eleri Vaughan", "headteacher", "Mrs Eleri Vaughan"),
    ("Chair of Governors:\tMr Piotr Zielinski", "chair", "Mr Piotr Zielinski"),
    ("Chair of Trust Board:\tDana Whitlock", "chair", "Dana Whitlock"),
    ("Board of Management Chairperson: Eoin Hurst", "chair", "Eoin Hurst"),
    ("Chairman of the Governing Body - Mr Rob Dean", "chair", "Mr Rob Dean"),
    ("Mrs Chiara Rossi, our SENCo, will advise.", "senco", "Mrs Chiara Rossi"),
    ("The person responsible for e-safety is Mr Jonas Weber.", "online_safety_officer", "Mr Jonas Weber"),
    ("IT Technician: Mr Sunil Rao", "it_technician", "Mr Sunil Rao"),
    ("Computing co-ordinator - Ms Ada Quist", "computing_lead", "Ms Ada Quist"),
    # letters after a name are no part of it; initials may be run together
    ("Headteacher: Mrs R K Adeyemi MA (Ed) NPQH", "headteacher", "Mrs R K Adeyemi"),
    ("Chair of Governors: Mr T.J. Okafor", "chair", "Mr T.J. Okafor"),
    # a relative clause after the name; "on-line" with its hyphen
    ("Staff work with Mr Dafydd Price, who is the Designated Safeguarding Lead.", "dsl", "Mr Dafydd Price"),
    ("Our on-line safety leader is Mrs Greta Holm.", "online_safety_officer", "Mrs Greta Holm"),
    ("Our on line safety officer is Mr Ivo Marsh.", "online_safety_officer", "Mr Ivo Marsh"),
    # a dash run on to the name ends it; the older name of the DSL
    ("Olwen Price- Lead Designated Person", "dsl", "Olwen Price"),
    ("Stefan Garrod- Principal", "headteacher", "Stefan Garrod"),
    # "online-safety" hyphenated; where the role is held standing between it and its holders
    ("Ines Moreau is the online-safety co-ordinator at our school.", "online_safety_officer", "Ines Moreau"),
    ("The Designated Safeguarding Leads in school are Mrs Ruth Obi and Mr Karl Lind.", "dsl",
     "Mrs Ruth Obi and Mr Karl Lind"),
    ("The E-Safety Officer at our academy is Mr Tomas Kerr.", "online_safety_officer", "Mr Tomas Kerr"),
    ("The DSL at our school, Mrs Ruth Obi, keeps the records.", "dsl", "Mrs Ruth Obi"),
    ("The DSL in the school: Mrs Ruth Obi", "dsl", "Mrs Ruth Obi"),
    # a role with its plural in brackets
    ("Designated Safeguarding Lead (s): Helen Day", "dsl", "Helen Day"),
    ("DSL(s): Mrs A Lee and Mr B Ash", "dsl", "Mrs A Lee and Mr B Ash"),
    # a name ends with its sentence
    ("The Designated Safeguarding Lead (DSL) is Kathryn Moss. Our staff know her well.", "dsl", "Kathryn Moss"),
]


@pytest.mark.parametrize("line", ["Mrs Jones is the Designated Person for Looked After Children.",
                                  "Deputy Designated Teacher: Mrs F Khan"])
def test_the_designated_teacher_for_looked_after_children_is_no_dsl(line):
    got = values(f"Elm Primary School\n\n{line}\n")
    assert not [k for k in got if k.startswith(("roles.dsl", "roles.deputy_dsl"))]


def test_a_list_naming_each_person_before_their_role():
    got = values("Elm Primary School\n\nTell a member of the team (Mr Coady, Designated Person, Miss Grey, "
                 "Deputy Designated Person, Mrs Maher, Deputy Designated Person, Mr Colley, Principal).\n")
    assert got["roles.deputy_dsl.name"][0].value == "Miss Grey"
    assert got["roles.headteacher.name"][0].value == "Mr Colley"


@pytest.mark.parametrize("line, role, name", ROLE_LINES)
def test_roles_in_many_wordings(line, role, name):
    got = values(f"Elm Primary School\n\n{line}\n")
    named = {k.split(".")[1]: v[0].value for k, v in got.items()
             if k.startswith("roles.") and k.endswith(".name")}
    if role is None:
        assert named == {}
    else:
        assert named == {role: name}
        assert got[f"roles.{role}.name"][0].line == 3


@pytest.mark.parametrize("line, role, name", [
    ("Designated Safeguarding Lead: Mr Will Stone", "dsl", "Mr Will Stone"),
    ("Our DSL is Mrs May Green.", "dsl", "Mrs May Green"),
    ("Headteacher: Dr Rose Hill", "headteacher", "Dr Rose Hill"),
    ("Data Protection Officer: Mr Mark Young", "dpo", "Mr Mark Young"),
])
def test_a_first_name_that_is_also_a_word_after_a_title(line, role, name):
    """A title shows a person: the word after it is their name whatever else it spells."""
    got = values(f"Elm Primary School\n\n{line}\n")
    assert got[f"roles.{role}.name"][0].value == name


def test_a_role_table_row_with_contacts():
    got = values("Role\tName\tEmail\tPhone\nDesignated Safeguarding Lead\tMrs Nia Rees\t"
                 "safeguarding@elm-school.org.uk\t01632 960 555\n")
    assert one_of(got, "roles.dsl.name") == "Mrs Nia Rees"
    assert one_of(got, "roles.dsl.email") == "safeguarding@elm-school.org.uk"
    assert one_of(got, "roles.dsl.phone") == "01632 960 555"
    assert one_of(got, "roles.dsl.title") == "Designated Safeguarding Lead"


def one_of(got, key):
    return got[key][0].value if key in got else None


def test_an_unknown_role_gets_a_new_id():
    got = values("Attendance Officer: Mr Rafael Gomez\n")
    assert one_of(got, "roles.attendance_officer.name") == "Mr Rafael Gomez"
    title = got["roles.attendance_officer.title"][0]
    assert title.value == "Attendance Officer" and title.new and "new id" in title.note


def test_role_titles_are_the_packs():
    got = values("Miss Cooper (Head teacher) leads the school.\nThe e-safety co-ordinator is Mr Ian Bell.\n")
    assert one_of(got, "roles.headteacher.title") == "Headteacher"
    assert one_of(got, "roles.online_safety_officer.title") == "Online Safety Officer"


def test_two_dsls_are_a_conflict_the_draft_takes_the_first():
    got = values("DSL: Mrs Joan Abbott\n\nThe Designated Safeguarding Lead is Mr Victor Hale.\n")
    dsl = got["roles.dsl.name"]
    assert [f.value for f in dsl] == ["Mrs Joan Abbott", "Mr Victor Hale"]
    assert all(f.conflict for f in dsl) and "line 3" in dsl[0].note


def test_one_person_named_twice_is_not_a_conflict():
    got = values("DSL: Miss Cooke\n\nThe DSL is Miss Harriet Cooke.\n")
    assert [(f.value, f.line) for f in got["roles.dsl.name"]] == [("Miss Harriet Cooke", 3)]


@pytest.mark.parametrize("line", ["Online-safety lead | Mrs Jo Kemal – Headteacher",
                                  "Online Safety Lead: Mrs Jo Kemal, Headteacher",
                                  "Online Safety Lead: Mrs Jo Kemal (Headteacher)"])
def test_a_name_holds_the_post_written_right_after_it_too(line):
    got = values(f"Elm Primary School\n\n{line}\n")
    assert [f.value for f in got["roles.online_safety_officer.name"]] == ["Mrs Jo Kemal"]
    assert [f.value for f in got["roles.headteacher.name"]] == ["Mrs Jo Kemal"]


@pytest.mark.parametrize("row, role, name", [
    ("Signed (Head Teacher)\tName\tBella Street", "headteacher", "Bella Street"),
    ("Signed (Chair of Local Governing Body)\tName\tAndrew Tucker", "chair", "Andrew Tucker"),
    ("Signature of the Headteacher\tMrs Ann Lee\t12/03/2024", "headteacher", "Mrs Ann Lee")])
def test_a_signature_rows_post_and_the_name_printed_in_it(row, role, name):
    got = values(f"Park School\n\n{row}\n")
    assert [f.value for f in got[f"roles.{role}.name"]] == [name]


@pytest.mark.parametrize("line, roles", [
    ("The Designated Safeguarding Lead is the Deputy Headteacher, Mrs Jo Bate, who can be contacted at school.",
     {"dsl", "deputy_headteacher"}),
    ("Deputy DSL(s) is/are: Nina Newton, Assistant Headteacher", {"deputy_dsl", "assistant_headteacher"}),
    ("Designated Safeguarding Lead: The Deputy Headteacher, Mr Sam Lowe", {"dsl", "deputy_headteacher"}),
    # (a post held for now: "Acting", "Interim")
    ("Designated Safeguarding Lead (s): Helen Day (Acting Headteacher)", {"dsl", "headteacher"}),
    ("Mrs Ann Lee (Interim Headteacher) leads the school.", {"headteacher"}),
    ("The safeguarding and child protection officer is: The Headteacher Tricia Penn.", {"dsl", "headteacher"}),
    ("Online Safety Lead \u2013 Assistant Head \u2013 Mrs Kay Boon",
     {"online_safety_officer", "assistant_headteacher"}),
    ("Approved by Chair of Governor\u2019s\tMr Harry Jones\t12/03/2020", {"chair"})])
def test_a_role_and_the_post_its_holder_has_both_name_them(line, roles):
    got = values(f"Oak School\n\n{line}\n")
    assert {k.split(".")[1] for k in got if k.startswith("roles.") and k.endswith(".name")} == roles


def test_two_people_each_with_a_role_keep_their_own():
    got = values("Elm Primary School\n\nDSL: Mrs Ana Lee, Deputy DSL: Mr Ben Roe\n")
    assert [f.value for f in got["roles.dsl.name"]] == ["Mrs Ana Lee"]
    assert [f.value for f in got["roles.deputy_dsl.name"]] == ["Mr Ben Roe"]


def test_a_key_contacts_form_names_each_role_over_its_name():
    # (a role's label, then "Name: ..." under it, asked again for each role; the same name said
    # again and again is the form's, never a page's running header)
    text = ("Key contacts\n\nSenior designated safeguarding lead (DSL):\n\nName: Elif Demir\n\n"
            "Contact details: 01632 960100\n\nDeputy DSL:\n\nName:  Gwen Price (Assistant Head)\n\n"
            "Designated prevent lead:\n\nName: Elif Demir\n\nDesignated CSE lead:\n\nName: Elif Demir\n\n"
            "Designated LAC lead:\n\nName: Elif Demir\n\nTrust Data Protection Officer\n\nAlan Tern\n\n"
            "Chair of governing body:\n\nName: Rhys Parry\n")
    got = values(text)
    assert [f.value for f in got["roles.dsl.name"]] == ["Elif Demir"]
    assert [f.value for f in got["roles.deputy_dsl.name"]] == ["Gwen Price"]
    assert [f.value for f in got["roles.assistant_headteacher.name"]] == ["Gwen Price"]
    assert [f.value for f in got["roles.dpo.name"]] == ["Alan Tern"]
    assert [f.value for f in got["roles.chair.name"]] == ["Rhys Parry"]


def test_a_name_ends_where_its_email_address_begins():
    got = values("DPO: Alison Tennant Alison.Tennant@example-trust.org.uk 01632 960555\n")
    assert one_of(got, "roles.dpo.name") == "Alison Tennant"


def test_a_plural_role_over_a_list_of_its_holders_a_line_each():
    got = values("Designated safeguarding lead (DSL): Mark Chapman (Deputy Head)\n\nDeputy DSLs:\n"
                 "Jane Ennis (Deputy Head) – 0161 969 5853 – jane.ennis@example.org.uk\n"
                 "Nicola Smith (Headteacher) – 0161 969 5854 – nicola.smith@example.org.uk\n\n"
                 "LADO: Anita Hopkins\n")
    assert one_of(got, "roles.dsl.name") == "Mark Chapman"
    assert one_of(got, "roles.deputy_dsl.name") == "Jane Ennis"
    assert one_of(got, "roles.deputy_dsl_2.name") == "Nicola Smith"
    assert not any(f.value == "Anita Hopkins" for k, fs in got.items() if "deputy_dsl" in k for f in fs)


@pytest.mark.parametrize("lead", ["The Deputy Designated Safeguarding Leads (DDSLs) are:",
                                  "Our Deputy DSLs are as follows:"])
def test_a_sentence_leading_into_a_plural_roles_holders(lead):
    got = values(f"Elm Primary School\n\n{lead}\nJayne Griffiths - jayne.griffiths@elm.org.uk\nMoira Kelly\n\n"
                 "Staff report concerns to them.\n")
    assert one_of(got, "roles.deputy_dsl.name") == "Jayne Griffiths"
    assert one_of(got, "roles.deputy_dsl_2.name") == "Moira Kelly"


def test_a_deputy_supporting_in_this_role():
    got = values("The person co-ordinating safeguarding is Miss Cooke. Mrs Patel is supporting "
                 "Miss Cooke in this role.\n")
    assert one_of(got, "roles.dsl.name") == "Miss Cooke"
    assert one_of(got, "roles.deputy_dsl.name") == "Mrs Patel"


@pytest.mark.parametrize("line", [
    "The Data and Cyber-security Breach Prevention and Management Plan, the IT technician will act.",
    "The Headteacher has overall responsibility for the policy.",
    "Reports go to the DSL and the Online Safety Officer.",
    "Vine Tree Primary, the headteacher and governors agree.",
    "The Chair of Governors will be informed.",
    "Mr Jones, who is the Headteacher's PA, keeps the diary.",
])
def test_no_name_beside_a_role(line):
    assert not [k for k in values(line) if k.endswith(".name") and k.startswith("roles.")]


# ---------------------------------------------------------------- phones

PHONES = ["01234 567890", "(01234) 567 890", "+44 1234 567890", "020 7946 0000",
          "020 7946 0000 ext. 214", "01632 960214", "0113 496 0000", "0161-496-0000",
          "+44 (0)20 7946 0123", "07700 900123", "01234567890", "0117 4960 123",
          "(020) 7946 0456", "+44 113 496 0999", "028 9018 0000", "01632 960 214 ext 3",
          "0800 123 4567"]


@pytest.mark.parametrize("number", PHONES)
def test_uk_phone_forms(number):
    assert [p for _, p in phones_in(f"Tel: {number}.")] == [number]
    assert one(f"Elm School office\nTelephone: {number}\n", "phone") == number


@pytest.mark.parametrize("text", ["Section 4.2.1", "Page 11 of 20", "2022-09-01", "0870 24",
                                  "Ref 123456789012345", "£1,234,567"])
def test_not_phones(text):
    assert phones_in(text) == []


def test_phones_in_a_table_of_other_peoples_numbers_are_not_the_schools():
    text = "Mobile phones\nO2\t4445 or 202\t08705 678 678\t0870 241 0202\nBT\t\t08000 328 751\n"
    assert one(text, "phone") is None


@settings(max_examples=120, deadline=None)
@given(area=st.sampled_from(["01632", "0113", "020", "01234", "0161", "028", "07700"]),
       rest=st.integers(0, 10**6 - 1), form=st.sampled_from(["plain", "brackets", "intl", "ext"]))
def test_generated_phones(area, rest, form):
    digits = f"{rest:06d}"
    local = (digits + "0000")[: 10 - len(area) + 1]
    if form == "brackets":
        text = f"({area}) {local}"
    elif form == "intl":
        text = f"+44 {area[1:]} {local}"
    elif form == "ext":
        text = f"{area} {local} ext. 12"
    else:
        text = f"{area} {local}"
    assert [p for _, p in phones_in(f"Phone: {text}")] == [text]


# ---------------------------------------------------------------- emails, addresses, websites

@pytest.mark.parametrize("text, want", [
    # emails go to the person or the office; the office's phone and the address from their lines
    ("Elm Primary School\nOrchard Road\nLeeds\nLS6 2AB\n0113 496 0001\noffice@elm-school.org.uk\n"
     "kpatel@elm-school.org.uk\n\nMrs K Patel is the Designated Safeguarding Lead.\n",
     {"email": "office@elm-school.org.uk", "roles.dsl.email": "kpatel@elm-school.org.uk",
      "phone": "0113 496 0001", "address": ["Elm Primary School", "Orchard Road", "Leeds", "LS6 2AB"]}),
    # a role over its holder and the body they work for
    ("Elm Primary School\n\nData Protection Officer\nMr Tom Lane, Judicium Education\n"
     "dpo@judicium.com\n\nStaff keep pupils' data safe in line with this policy and the law.\n",
     {"roles.dpo.name": "Mr Tom Lane", "roles.dpo.email": "dpo@judicium.com"}),
    # a mailbox named after a person is theirs, whoever else the line names
    ("Elm Primary School\n\nHeadteacher: Mrs Rose Hill\n\nDesignated Safeguarding Lead: Mr Adam Stone\n\n"
     "Report any concern to Mr Adam Stone (adam.stone@elm-school.org.uk). Mr Adam Stonehouse, the IT "
     "technician, can remove posts. Parents may also email rose.hill@elm-school.org.uk.\n",
     {"roles.dsl.email": "adam.stone@elm-school.org.uk", "roles.headteacher.email": "rose.hill@elm-school.org.uk",
      "roles.it_technician.email": None}),
])
def test_contacts_go_to_whose_they_are(text, want):
    got = values(text)
    assert {k: one_of(got, k) for k in want} == want


EMAILS = ["office@elm-school.org.uk", "admin@elmprimary.org.uk", "info@elm.sch.uk",
          "enquiries@elm-academy.co.uk", "contact@elm-school.org.uk", "school.office@elm-school.org.uk",
          "reception@elm-school.org.uk", "admin.office@elm.org.uk", "hello@elm.school",
          "mail@elm-school.org.uk", "general@elm-school.org.uk", "office2@elm-school.org.uk",
          "Office@Elm.Example", "admin+web@elm-school.org.uk", "enquiry@elm-school.org.uk"]


@pytest.mark.parametrize("email", EMAILS)
def test_office_emails(email):
    assert one(f"Please write to {email} with any questions.", "email") == email


ADDRESSES = [
    ("Elm Primary School\nOrchard Road\nLeeds\nLS6 2AB", ["Elm Primary School", "Orchard Road", "Leeds", "LS6 2AB"]),
    ("Address: 4 Mill Lane, Kempston, Bedford, MK42 7QT", ["4 Mill Lane", "Kempston", "Bedford", "MK42 7QT"]),
    ("Oak Academy, Station Road, York YO1 7HH", ["Oak Academy", "Station Road", "York YO1 7HH"]),
    ("Manton Lane\nBedford\nMK41 7NH", ["Manton Lane", "Bedford", "MK41 7NH"]),
    ("St Anne's C of E School\nChurch Street\nBristol\nBS1 5TR",
     ["St Anne's C of E School", "Church Street", "Bristol", "BS1 5TR"]),
    ("1 High St, London, N15 3AS", ["1 High St", "London", "N15 3AS"]),
    ("Ash Infants\nBeech Avenue\nManchester M14 6PQ", ["Ash Infants", "Beech Avenue", "Manchester M14 6PQ"]),
    ("Unit 2, Park Way, Cardiff, CF10 1AA", ["Unit 2", "Park Way", "Cardiff", "CF10 1AA"]),
    ("The Green\nLittle Hampden\nGreat Missenden\nHP16 9PS",
     ["The Green", "Little Hampden", "Great Missenden", "HP16 9PS"]),
    ("Willow School, Lake Road, Glasgow G12 8QQ", ["Willow School", "Lake Road", "Glasgow G12 8QQ"]),
    ("Rowan Primary\n12 Berry Close\nNorwich\nNR2 4TL.", ["Rowan Primary", "12 Berry Close", "Norwich", "NR2 4TL."]),
    ("Hazel Road\nSouthampton\nSO17 1BJ", ["Hazel Road", "Southampton", "SO17 1BJ"]),
    ("Address:\tCedar Lane, Exeter, EX4 4QJ", ["Cedar Lane", "Exeter", "EX4 4QJ"]),
    ("Fir Tree School | Pine Road | Derby | DE1 3AB", ["Fir Tree School", "Pine Road", "Derby", "DE1 3AB"]),
    ("Holly Way\nEdinburgh EH1 1YZ", ["Holly Way", "Edinburgh EH1 1YZ"]),
    ("Larch House, 5 Quay St, Belfast BT1 3FG", ["Larch House", "5 Quay St", "Belfast BT1 3FG"]),
]


@pytest.mark.parametrize("text, want", ADDRESSES)
def test_addresses(text, want):
    assert one(f"These are our contact details:\n{text}\n", "address") == want


def test_a_postcode_inside_a_sentence_is_not_an_address():
    assert one("We moved from MK41 7NH to a new building last year.", "address") is None


WEBSITES = ["www.elm-school.org.uk", "https://www.elm-school.org.uk", "http://elm-school.org.uk", "elmprimary.org.uk",
            "www.elm.sch.uk", "https://elm-academy.co.uk/", "www.elm.school", "elm.org",
            "https://www.elm-school.org.uk/about", "www.ELM.example", "www.elm.net", "elm.academy",
            "https://elm.education", "www.elm.com", "www.elm-primary.uk"]


@pytest.mark.parametrize("site", WEBSITES)
def test_websites(site):
    got = one(f"Website: {site}", "website")
    assert got is not None and got.lower().startswith(("https://", "http://"))
    assert got.lower().rstrip("/").endswith(site.lower().split("://")[-1].rstrip("/"))


@pytest.mark.parametrize("line", ["8. Roles and Responsibilities 9.Use of mobile phones and cameras",
                                  "See part 2.Staff for details", "Safeguarding Information for Pupils 4.Partnership"])
def test_no_website_from_a_contents_entry_with_its_space_lost(line):
    assert one(f"Elm Primary School\n\n{line}\n", "website") is None


@pytest.mark.parametrize("text", [
    "Allegations against Staff\tTel: 03000 410888",
    "First Response Children's Duty\nRoom 100b, County Hall\nGlenfield\nLE3 8RF\nTel: 0116 305 0005",
    "Data Protection Officer: Judicium Consulting Limited\nEmail: dataservices@judicium.com",
    "This Policy has been produced for Schools by Moorland HR. Advice is available from HR by telephone "
    "01632 960555."])
def test_another_bodys_contacts_are_not_the_schools(text):
    got = values(f"Elm Primary School\n\n{text}\n\nWe keep pupils safe online.\n")
    assert not {"phone", "address", "email"} & set(got), got


def test_a_website_of_the_schools_email_domain_needs_no_label():
    got = values("Contact office@elmprimary.org.uk or see www.elmprimary.org.uk for news; "
                 "see also www.gov.uk and www.nspcc.org.uk.\n")
    assert [f.value for f in got["website"]] == ["https://www.elmprimary.org.uk"]


# ---------------------------------------------------------------- social media accounts

SOCIAL = [
    ("Follow us on Twitter: @ElmPrimary", {"platform": "X", "handle": "@ElmPrimary"}),
    ("Our X account is @ElmPri", {"platform": "X", "handle": "@ElmPri"}),
    ("Instagram @elm.primary", {"platform": "Instagram", "handle": "@elm.primary"}),
    ("https://www.facebook.com/ElmPrimarySchool", {"platform": "Facebook", "handle": "@ElmPrimarySchool"}),
    ("facebook.com/ElmPTA", {"platform": "Facebook", "handle": "@ElmPTA"}),
    ("https://twitter.com/ElmHead", {"platform": "X", "handle": "@ElmHead"}),
    ("https://x.com/Elm_School", {"platform": "X", "handle": "@Elm_School"}),
    ("www.instagram.com/elmschool/", {"platform": "Instagram", "handle": "@elmschool"}),
    ("YouTube: https://www.youtube.com/@ElmTV", {"platform": "YouTube", "handle": "@ElmTV"}),
    ("TikTok - @elmdance", {"platform": "TikTok", "handle": "@elmdance"}),
    ("https://www.tiktok.com/@elmsports", {"platform": "TikTok", "handle": "@elmsports"}),
    ("We post on Facebook (@ElmNews) every week.", {"platform": "Facebook", "handle": "@ElmNews"}),
    ("LinkedIn: linkedin.com/company/elm-trust", None),
    ("https://www.linkedin.com/ElmTrust", {"platform": "LinkedIn", "handle": "@ElmTrust"}),
    ("Twitter\t@ElmSport", {"platform": "X", "handle": "@ElmSport"}),
    ("Find the school on Instagram at @elm_art.", {"platform": "Instagram", "handle": "@elm_art"}),
]


@pytest.mark.parametrize("line, want", SOCIAL)
def test_social_accounts(line, want):
    got = values(line, pack=None).get("lists.social_accounts")
    if want is None:
        assert got is None or all(a["platform"] == "LinkedIn" for a in got[0].value)
        return
    (account,) = got[0].value
    assert {k: account[k] for k in ("platform", "handle")} == want
    assert account["url"].startswith("https://")


@pytest.mark.parametrize("line", [
    "Email office@elm-school.org.uk", "'Miss Stuart History @ Secondary School' is not official",
    "Pupils must not use Twitter.", "Score 3 @ 4pm on Facebook day",
])
def test_not_social_accounts(line):
    assert values(line).get("lists.social_accounts") is None


# ---------------------------------------------------------------- the school's name

NAMES = [
    ("Elm Primary School\n\nSocial Media Policy", "Elm Primary School"),
    # (a name a cover wrapped onto two lines; "of England" inside a name)
    ("Bickerton Holy Trinity\nChurch of England Primary School\n\nWhistleblowing Policy",
     "Bickerton Holy Trinity Church of England Primary School"),
    ("Whistleblowing Policy\n\nChurch of England Primary School", "Church of England Primary School"),
    ("Kings Road\n\nPrimary School\n\nGovernors' Code of Conduct", "Kings Road Primary School"),
    ("Social Media Policy\n\nAsh Tree Primary understands that social media matters.", "Ash Tree Primary"),
    ("Rowan Academy\nOnline policy", "Rowan Academy"),
    ("St Mary's C of E Primary School\n\nPolicy", "St Mary's C of E Primary School"),
    ("Policy\n\nAt Hawthorn Infant School, we value safety.\nHawthorn Infant School staff agree.",
     "Hawthorn Infant School"),
    ("Policy for Birch Hill College\n\nBirch Hill College is committed to safety.", "Birch Hill College"),
    ("Oakfield Junior School recognises the benefits of social media.", "Oakfield Junior School"),
    ("Larchwood High School\nE-safety", "Larchwood High School"),
    ("Policy\nThe Meadows Primary School believes that pupils can be safe.", "Meadows Primary School"),
    ("Cherry Lane Nursery School\n\nOur policy", "Cherry Lane Nursery School"),
    ("Policy\n\nOur School\n\nWillowbrook Primary will keep pupils safe. Willowbrook Primary staff...",
     "Willowbrook Primary"),
    ("Kingsway Grammar School - social media", "Kingsway Grammar School"),
    ("POLICY\nSycamore Community Primary School\n", "Sycamore Community Primary School"),
    ("THE WILLOWS PRIMARY SCHOOL\n\nSOCIAL MEDIA POLICY", "The Willows Primary School"),
    ("ST ANNE'S C OF E PRIMARY SCHOOL\nPolicy", "St Anne's C of E Primary School"),
    ("The Grange School\n\nThe Grange School keeps pupils safe.", "The Grange School"),
    ("Policy\nHolly Bank Academy aims to protect pupils online.", "Holly Bank Academy"),
    ("Greenfields Primary School\nGreenfields Primary School\nAny Secondary School", "Greenfields Primary School"),
    ("Riverside Primary Academy\nPolicy text", "Riverside Primary Academy"),
    ("Social Media Policy\n\nSt Marks CE (VA) Primary School understands the risks.\n\nAt St Mark’s CE (VA) "
     "Primary School we...\n\nSt Mark’s CE (VA) Primary School staff...", "St Mark's CE (VA) Primary School"),
    ("St Hilda Primary School\nPolicy\n\nStaff at St Hilda CE Primary School use social media with care.",
     "St Hilda CE Primary School"),
    ("Policy\n\nThe Governing Board has overall responsibility.\n\nElm Tree Infant School staff read it.",
     "Elm Tree Infant School"),
    ("BRIGHT FUTURES MULTI ACADEMY TRUST\n\nSocial Media Policy\n\nBright Futures Multi Academy Trust keeps "
     "pupils safe.\n\nOakwood Academy staff read it.", "Oakwood Academy"),
    # a document's title run on to the name
    ("Communications Technology Usage Policy Olive AP Academy\n\nStaff must read this policy.", "Olive AP Academy"),
    # a cover's row run together with a space, the label in full
    ("Acceptable Use Policy\n\nAddress Cloughfin, Lifford\n\nSchool Name Cloughfin N.S.\n\nAuthor Fiona Farry",
     "Cloughfin N.S."),
    # the school's number typed after its name in the label's value
    ("Internet Policy\n\nSchool Name: Rushmore NS 17625 L\n\nPupils use the internet.", "Rushmore NS"),
    ("Internet Policy\n\nName of School: Ashdown Primary School (URN 123456)\n\nPupils use it.",
     "Ashdown Primary School"),
    # the name with its place after a title and a dash
    ("Mobile Phones Policy - Co-op Academy Fernside\n\nCo-op Academy Fernside recognises that phones are part of "
     "life.\n\nStaff at Co-op Academy follow it.", "Co-op Academy Fernside"),
    # a line that is two settings' names joined: the one they make
    ("Hollin Bank Infant School and Sunbeams Nursery\n\nPupils at Hollin Bank Infant School use tablets.",
     "Hollin Bank Infant School and Sunbeams Nursery"),
    # a place's name that starts "New"
    ("New Road Primary School\n\nSocial Media Policy\n\nWe use social media with care.", "New Road Primary School"),
    # a setting whose name has no kind of school in it, where "we" speak from it or it speaks
    ("Social Media Policy\n\nAt Little Acorns, we are committed to keeping children safe.", "Little Acorns"),
    ("Policy: Safe Care\n\nAt Busy Bees Daycare we believe children need to feel safe.", "Busy Bees Daycare"),
    ("Code of Conduct\n\nPenrose Hall expects the highest standards of all its staff.", "Penrose Hall"),
    # ... in one word, never written in small letters, the copy speaking as it
    ("Image Policy\n\nAt Pennant we believe that photographs celebrate learning.", "Pennant"),
    ("Image Policy\n\nAt Andover, we believe every child matters.", "Andover"),
    ("Online Safety\n\nTrainwell recognises the benefits of technology. We provide internet access to learners.",
     "Trainwell"),
    # a school's kind with "and" in it; an apostrophe a copy lost; a heading run on to the name
    ("Hollybrook Primary and Nursery School\n\nBehaviour Policy\n\nWe keep pupils safe.",
     "Hollybrook Primary and Nursery School"),
    ("Owner: Headteacher Version: 7.15 St Luke s C of E Junior School Oxford Road, Reading\n\nPolicy text.",
     "St Luke's C of E Junior School"),
    ("Fernhill School Safeguarding Policy Introduction Fernhill School recognises its legal duty.", "Fernhill School"),
]


@pytest.mark.parametrize("text, want", NAMES)
def test_school_names(text, want):
    assert one(text, "name") == want


@pytest.mark.parametrize("text", ["Policy\n\nAt Key Stage 2, we teach pupils to stay safe.",
                                  "Policy\n\nAt Christmas, we send cards home.",
                                  "Policy\n\nAt The School, we keep pupils safe.",
                                  "Policy\n\nAt Easter we send cards home.",
                                  "Policy\n\nComments will be allowed and we respect your right to an opinion.",
                                  "Policy\n\nStaff will read it. We train staff each year.",
                                  "Policy\n\nOfsted expects policies to be clear. We publish ours.",
                                  "Policy\n\nSeesaw will be used to share learning. We post work every week.",
                                  "Policy\n\nGoogle uses strict settings for pupils. We check them each term.",
                                  "Attendance Policy\n\nAttendance will be monitored daily. We call home.",
                                  "Policy\n\nAt Lunchtime we play outside.", "Policy\n\nAt Passover we send cards."])
def test_no_name_where_we_speak_from_a_time_or_a_stage(text):
    assert one(text, "name") is None


def test_the_trusts_own_document_names_the_trust(example_pack):
    got = values("Social Media Policy\n\nBellevue Place Education Trust – Our commitment\n\n"
                 "Every BPET school keeps pupils safe.\n", example_pack)["name"][0]
    assert got.value == "Bellevue Place Education Trust" and "trust's own" in got.note


def test_a_school_beats_the_trust(example_pack):
    got = values("Elm Primary School\n\nAs part of Bellevue Place Education Trust, Elm Primary "
                 "School follows the trust's policies.\n", example_pack)
    assert one_of(got, "name") == "Elm Primary School"


# ---------------------------------------------------------------- lists

INTROS = [
    "The following sites are blocked:",
    "The following social media websites are not accessible on the school's network:",
    "These sites are blocked by the firewall:", "Access to the following is restricted:",
    "The network filters block these websites:", "The following websites cannot be accessed in school:",
    "Staff and pupils are not permitted to access:", "Blocked sites include:",
    "We block the following platforms:", "The following are filtered:",
    "The firewall prevents access to:", "The following social media sites are banned on school devices:",
    "These are not accessible from school computers:", "The school blocks:",
    "Sites that are blocked:", "Websites restricted on the school network:",
]


@pytest.mark.parametrize("intro", INTROS)
def test_blocked_sites_after_many_introductions(intro, example_pack):
    text = f"Blocked content\n{intro}\n· Twitter\n• Facebook\no Instagram\n\nStaff will report attempts.\n"
    doc = text_document(text)
    got = [f for f in find_values(doc, example_pack, "social-media", None)
           if f.key == "lists.blocked_sites"]
    assert [f.value for f in got] == [["Twitter", "Facebook", "Instagram"]]
    assert got[0].line == 2


def test_an_inline_list_with_among_others(example_pack):
    text = ("The following social media websites are blocked by the network's firewalls:\n"
            "- Facebook, Instagram, Snapchat, among others\n"
            "- Blocked content is managed as part of the local filtering service.\n")
    got = [f for f in find_values(text_document(text), example_pack, "social-media", None)
           if f.key == "lists.blocked_sites"]
    assert got[0].value == ["Facebook", "Instagram", "Snapchat"]


@pytest.mark.parametrize("text, want", [
    ("We block the following social networking websites in school:\n· Facebook, Instagram, X/Twitter and TikTok\n",
     ["Facebook", "Instagram", "X/Twitter", "TikTok"]),
    ("The filter blocks access to the following:\n· TikTok\n· Online gaming sites, e.g. Roblox\n",
     ["TikTok", "Online gaming sites", "Roblox"]),
    ("We block the following social networking websites in school: Facebook, Instagram, X/Twitter and TikTok.\n",
     ["Facebook", "Instagram", "X/Twitter", "TikTok"]),
    ("Blocked sites: YouTube; Twitch; Discord\n", ["YouTube", "Twitch", "Discord"]),
])
def test_list_items_split_into_sites(text, want, example_pack):
    got = [f for f in find_values(text_document(text), example_pack, "social-media", None)
           if f.key == "lists.blocked_sites"]
    assert got[0].value == want


def test_a_sentence_after_a_colon_is_not_a_list(example_pack):
    text = "Blocked content: the filter stops pupils reaching harmful sites, and staff check it weekly.\n"
    assert not [f for f in find_values(text_document(text), example_pack, "social-media", None)
                if f.key == "lists.blocked_sites"]


def test_only_the_lists_the_policy_uses(example_pack):
    text = "The following sites are blocked:\n· TikTok\nFollow us on Twitter: @ElmPrimary\n"
    staff = {f.key for f in find_values(text_document(text), example_pack, "staff-code", None)}
    social = {f.key for f in find_values(text_document(text), example_pack, "social-media", None)}
    assert not any(k.startswith("lists.") for k in staff)
    assert {"lists.blocked_sites", "lists.social_accounts"} <= social


@pytest.mark.parametrize("text, role, name, line", [
    ("Designated Safeguarding Lead\nMrs Jane Doe\n", "dsl", "Mrs Jane Doe", 2),
    ("Headteacher:\nName: Mr Al Ng\n", "headteacher", "Mr Al Ng", 2),
    ("Our Headteacher\nMrs Jo Bloggs\tjo@elm-school.org.uk\n", "headteacher", "Mrs Jo Bloggs", 2),
    ("DPO\n\nMs Ruth Abebe\n", "dpo", "Ms Ruth Abebe", 3),
    ("Chair of Governors –\nDr Carl Jung\n", "chair", "Dr Carl Jung", 2),
])
def test_a_role_over_the_name_on_the_next_line(text, role, name, line):
    got = values(text)
    assert [(f.value, f.line) for f in got[f"roles.{role}.name"]] == [(name, line)]


def test_a_role_heading_over_a_sentence_is_not_a_name():
    assert not [k for k in values("Headteacher\nThe Headteacher leads the school.\n")
                if k.endswith(".name")]


def test_contacts_on_a_line_that_names_the_role_go_to_it():
    got = values("Our DSL is Mrs Nia Rees.\n\nContact the DSL on 01632 960 777 or safe@elm-school.org.uk.\n")
    assert one_of(got, "roles.dsl.phone") == "01632 960 777"
    assert one_of(got, "roles.dsl.email") == "safe@elm-school.org.uk"
    assert "phone" not in got and "email" not in got


def test_two_people_on_a_line_take_their_own_emails():
    got = values("The headteacher (Mrs S Brightwell, sbrightwell@elm-school.org.uk) and the DSL "
                 "(Mr T Kaur, tkaur@elm-school.org.uk) lead.\n")
    assert one_of(got, "roles.headteacher.email") == "sbrightwell@elm-school.org.uk"
    assert one_of(got, "roles.dsl.email") == "tkaur@elm-school.org.uk"


def test_a_new_policy_reads_the_lists_any_policy_uses(example_pack):
    text = "The following sites are blocked:\n· TikTok\n"
    got = {f.key for f in find_values(text_document(text), example_pack, "not-yet-a-policy", None)}
    assert "lists.blocked_sites" in got


def test_part_of_the_trusts_name_is_not_a_school(tmp_path):
    from tests.support.bad_inputs import copy_small_pack
    from builder.source.load import load_pack
    pack_dir = copy_small_pack(tmp_path / "pack")
    trust = pack_dir / "trust.yml"
    trust.write_text(trust.read_text().replace("Larkspur Schools Trust", "Larkspur Academy Trust"))
    pack = load_pack(pack_dir)
    got = values("Online Code\n\nLarkspur Academy Trust expects every school to keep pupils safe. "
                 "Larkspur Academy Trust reviews it.\n", pack)["name"][0]
    assert got.value == "Larkspur Academy Trust" and "trust's own" in got.note


def test_a_profile_address_made_from_a_handle_is_noted():
    made = values("Follow us on Twitter: @ElmPrimary\n")["lists.social_accounts"][0]
    assert made.value[0]["url"] == "https://x.com/ElmPrimary" and "made from the handle" in made.note
    given = values("https://www.facebook.com/ElmPrimarySchool\n")["lists.social_accounts"][0]
    assert given.note == ""


def test_several_deputies_each_get_a_role():
    got = values("Deputy DSLs: Mrs B Lee and Mr C Roe\n\nMr Christopher Roe is a deputy DSL.\n"
                 "Our Deputy DSL is Ms D Das.\n")
    names = {k: [f.value for f in v] for k, v in got.items() if k.endswith(".name")}
    assert names == {"roles.deputy_dsl.name": ["Mrs B Lee"], "roles.deputy_dsl_2.name": ["Mr Christopher Roe"],
                     "roles.deputy_dsl_3.name": ["Ms D Das"]}
    assert got["roles.deputy_dsl_2.title"][0].value == "Deputy Designated Safeguarding Lead"
    assert got["roles.deputy_dsl_2.title"][0].new
    assert not any(f.conflict for v in got.values() for f in v)


@pytest.mark.parametrize("text, name", [
    ("The Designated safeguarding officers (Louise Hammond and Megan Clatworthy) keep this policy.",
     "Louise Hammond and Megan Clatworthy"),
    ("Our Designated Safeguarding Leads are Mrs A Patel and Mr B Jones.", "Mrs A Patel and Mr B Jones"),
    ("The DSL is Mrs A Patel and Mr B Jones is the headteacher.", "Mrs A Patel"),
    ("Designated Safeguarding Leads are Mrs A Patel and Mr B Jones is the Headteacher.", "Mrs A Patel"),
])
def test_a_role_two_people_hold_together(text, name):
    got = values(text + "\n")
    assert [f.value for f in got["roles.dsl.name"]] == [name]


def test_the_chair_of_governors_is_one_person():
    got = values("The Chair of Governors is Mr Bob Hall and Mrs Ann Lee is the Headteacher.\n")
    assert [f.value for f in got["roles.chair.name"]] == ["Mr Bob Hall"]
    assert [f.value for f in got["roles.headteacher.name"]] == ["Mrs Ann Lee"]


def test_a_month_and_a_day_in_it_are_one_date():
    got = values("Ratified by LGB: 14.03.2023\nDate of last review: 03/2023\n")
    assert [f.value for f in got["policies.online-code.approval.approved"]] == ["2023-03-14"]


def test_an_address_in_a_footer_line_with_pipes():
    got = values("Kingsmead School, Mill Road, Birmingham B31 2QQ | 0121 496 0000 | www.kingsmead.example\n")
    assert one_of(got, "address") == ["Kingsmead School", "Mill Road", "Birmingham B31 2QQ"]
    assert one_of(got, "phone") == "0121 496 0000"


def test_a_school_in_the_pack_keeps_its_own_role_titles(example_pack):
    text = "The e-safety officer is Miss H Cooke.\n"
    own = find_values(text_document(text), example_pack, "social-media", "edith-cavell")
    other = find_values(text_document(text), example_pack, "social-media", None)
    title = lambda found: next(f.value for f in found if f.key == "roles.online_safety_officer.title")  # noqa: E731
    assert title(own) == "E-Safety Officer" and title(other) == "Online Safety Officer"


@pytest.mark.parametrize("line", [
    "Report any inappropriate contact from pupils to Mike Bywaters at once.",
    "Concerns and complaints should be directed to Mrs Jo Lake.",
    "Please contact Mr Sam Ode if you are worried.",
    "Any worries should be raised with the office and passed to Ms Eve Tan.",
    "Tell Mrs Ruth Gale straight away.",
])
def test_a_person_to_report_to_gets_a_role_of_their_own(line):
    got = values(line)
    assert list(k for k in got if k.endswith(".name")) == ["roles.concerns_contact.name"]
    title = got["roles.concerns_contact.title"][0]
    assert title.new and "report concerns" in title.note


def test_a_person_to_report_to_who_holds_a_role_keeps_it():
    got = values("Our DSL is Mrs Jo Lake.\nConcerns should be directed to Mrs Jo Lake.\n")
    assert [k for k in got if k.endswith(".name")] == ["roles.dsl.name"]


@pytest.mark.parametrize("line", ["Kik Messenger\tRules Report to Kik Help Centre",
                                  "Tumblr\tRules Report to Tumblr If you email Tumblr, take a screenshot.",
                                  "Report it to Childline Online Services.", "Tell The Headteacher."])
def test_an_organisation_to_report_to_is_not_a_person(line):
    assert not [k for k in values(line) if k.endswith(".name")]


# ---------------------------------------------------------------- generated wordings of roles

ROLE_WORDS = [("Designated Safeguarding Lead", "dsl"), ("DSL", "dsl"), ("designated safeguarding lead", "dsl"),
              ("Designated Senior Person", "dsl"), ("Deputy DSL", "deputy_dsl"), ("DDSL", "deputy_dsl"),
              ("Data Protection Officer", "dpo"), ("DPO", "dpo"), ("Online Safety Lead", "online_safety_officer"),
              ("E-Safety Co-ordinator", "online_safety_officer"), ("Headteacher", "headteacher"),
              ("Head Teacher", "headteacher"), ("Principal", "headteacher"), ("Head of School", "headteacher"),
              ("Chair of Governors", "chair"), ("Chair of the Governing Body", "chair"), ("SENCo", "senco"),
              ("IT Technician", "it_technician")]
PATTERNS = ["{role}: {name}", "Our {role} is {name}.", "{name} is the {role}.", "{name} ({role})",
            "{role} – {name}", "{role}\t{name}", "The {role}, {name}, leads on this.", "{role} - {name}",
            "{name}, our {role}, will help.", "The school's {role} is {name}."]
# (words that are not names in a policy's text, "She", "Our", "Lead", are not generated)
SURNAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéöñ", min_size=3, max_size=10).map(
    str.capitalize).filter(lambda w: w.lower() not in STOP | HONORIFICS | PARTICLES)
FIRSTS = st.one_of(st.sampled_from(["A", "J.", "Priya", "Tomás", "Zoë", "Kwame", "Anne-Marie"]), SURNAMES)
HONOURS = st.sampled_from(["", "Mr ", "Mrs ", "Miss ", "Ms ", "Dr "])


@settings(max_examples=200, deadline=None)
@given(role=st.sampled_from(ROLE_WORDS), pattern=st.sampled_from(PATTERNS), honour=HONOURS,
       first=FIRSTS, surname=SURNAMES)
def test_generated_role_wordings(role, pattern, honour, first, surname):
    words, rid = role
    name = f"{honour}{first} {surname}"
    got = values(pattern.format(role=words, name=name) + "\n")
    named = {k: v[0].value for k, v in got.items() if k.startswith("roles.") and k.endswith(".name")}
    assert named == {f"roles.{rid}.name": name}


def test_the_date_a_policy_was_written_is_not_its_approval():
    got = values("Written: April 2021\nApproved by Governing Body:\nReview date: April 2023\n")
    assert "policies.online-code.approval.approved" not in got
    assert [f.value for f in got["policies.online-code.approval.next_review"]] == ["2023-04"]


@pytest.mark.parametrize("text, approved, next_review", [
    ("Last updated: September 2019\n\nStaff sign this agreement every year when they return.\n", "2019-09", None),
    ("We reviewed and amended our Code of Conduct in September 2024 as follows:\n", "2024-09", None),
    ("Online Safety Policy\n\nJune 2015\n\nThis policy sets out how pupils and staff keep safe when they use "
     "the internet in school.\n", "2015-06", None),
    ("AUP review Date\n\nJUNE 2017\n\nDate of next Review\n\nJUNE 2020\n", "2017-06", "2020-06"),
    ("Version | Date | Author | Notes\n\n1.0 | 25/01/2020 | RK | First version\n\n1.1 | 16/05/2022 | RK | "
     "Contacts changed\n", "2022-05-16", None),
    ("Date created - 25 August 2024\n\nDate approved by trust board - 04 July 2024\n\n"
     "Next review date - 04 July 2025\n", "2024-07-04", "2025-07-04"),
])
def test_the_approval_record_as_a_trust_officer_reads_it(text, approved, next_review):
    got = values(text)
    first = {k: v[0].value for k, v in got.items()}
    assert first.get("policies.online-code.approval.approved") == approved
    assert first.get("policies.online-code.approval.next_review") == next_review


def test_a_table_set_with_leading_pipes_keeps_its_columns():
    got = values("| Review date | Next review |\n| June 2017 | June 2018 |\n")
    first = {k: v[0].value for k, v in got.items()}
    assert first["policies.online-code.approval.approved"] == "2017-06"
    assert first["policies.online-code.approval.next_review"] == "2018-06"


def test_another_bodys_revision_is_not_the_policys_approval():
    got = values("Online Safety Policy\n\nThe DfE revised its guidance in September 2024.\n\n"
                 "Date reviewed: 12 March 2024\n")
    assert [f.value for f in got["policies.online-code.approval.approved"]] == ["2024-03-12"]


@pytest.mark.parametrize("rows, want", [
    # a table whose cells the copy ran together: the label's last word, then its value
    ("Designated Safeguarding Lead (DSL), with lead responsibility for filtering and monitoringDawn Bridgett",
     {"dsl": "Dawn Bridgett"}),
    # a header row whose columns " / " parts: the rows under it are parted the same way
    ("Name / Role / Contact Details\nGiovanni Franceschi / Head Teacher / 01273 558422\n"
     "Karen Preston / Chair of Governors / 01273 558422", {"headteacher": "Giovanni Franceschi",
                                                          "chair": "Karen Preston"}),
    # a word capitalised inside is no label run into its value; nor is " / " alone a column
    ("Parents may join the class WhatsApp Groups", {}),
    ("Parents / Carers\nGiovanni Franceschi / Head Teacher", {}),
])
def test_a_tables_rows_flattened_in_a_copy_are_read_by_cell(rows, want):
    got = values(f"Elm Primary School\n\n{rows.replace(chr(10), chr(10) * 2)}\n")
    named = {k.split(".")[1]: v[0].value for k, v in got.items() if k.startswith("roles.") and k.endswith(".name")}
    assert named == want


def test_names_set_over_their_roles_as_cards_hold_the_role_under_them():
    text = ("Oak School\n\nSafeguarding Team\n\nMrs H Venn\nDesignated Safeguarding Lead (DSL)\nMrs T Hart\n"
            "Deputy Designated Safeguarding Lead\nMrs K Noble\nGovernor for safeguarding and pupils' welfare\n\n"
            "The staff of Oak School keep pupils safe.\n")
    got = values(text)
    assert [f.value for f in got["roles.dsl.name"]] == ["Mrs H Venn"]
    assert [f.value for f in got["roles.deputy_dsl.name"]] == ["Mrs T Hart"]
    # (a name left over at the end, a heading under it: the run reads role over name, its first name a
    # heading's)
    text = ("Oak School\n\nKey staff\n\nMrs C Ewart\n\nAssistant Headteacher\n\nMr J Allan\n\nICT Manager\n\n"
            "Mr A Burr\n\nIntroduction and aims\n\nICT is part of the way our school works every day.\n")
    got = values(text)
    assert [f.value for f in got["roles.it_technician.name"]] == ["Mr A Burr"]
    # (a role's label over its name stays that: the run starts with a role)
    text = "Oak School\n\nDesignated Safeguarding Lead\nMrs H Venn\nDeputy DSL\nMrs T Hart\n"
    got = values(text)
    assert [f.value for f in got["roles.dsl.name"]] == ["Mrs H Venn"]
    assert [f.value for f in got["roles.deputy_dsl.name"]] == ["Mrs T Hart"]


def test_a_sentence_leading_into_a_roles_holder_on_the_next_line():
    text = ("Safeguarding Policy\n\nThe Designated Safeguarding Lead across the whole school is:\n"
            "Ben Turner, Senior Deputy Head\n")
    assert [f.value for f in values(text)["roles.dsl.name"]] == ["Ben Turner"]
    # (not a sentence saying more of the role than where it holds: its helpers, its clerk)
    for lead in ("The DSL is supported by two deputies, who are:", "The Chair of Governors' clerk is:"):
        got = values(f"Safeguarding Policy\n\n{lead}\nJane Smith\n")
        assert "roles.dsl.name" not in got and "roles.chair.name" not in got


@pytest.mark.parametrize("text, want", [
    ("Lead: Senior Leadership Team", {}), ("Contact: the Finance Committee", {}),
    ("DPO: Sarah Jones Trust DPO", {"dpo": "Sarah Jones"}),
    ("School Business Manager: Jane Smith, Oak Hill School", {"school_business_manager": "Jane Smith"}),
    ("The Designated Liaison Person (DLP) is Debbie O'Neill.", {"dsl": "Debbie O'Neill"}),
    ("The Deputy DLP is Mr Tom Byrne.", {"deputy_dsl": "Mr Tom Byrne"}),
    # (its initials in brackets, qualified as the role is)
    ("Deputy Designated Liaison Person (Deputy DLP) is Linda Keane.", {"deputy_dsl": "Linda Keane"}),
    # (a deputy of the role by any of its names; a post in brackets, its setting's name in it, is no person)
    ("The Deputy Designated Child Protection Officer is: Miss Helen Cray", {"deputy_dsl": "Miss Helen Cray"}),
    ("Hayley Lister (Lodge Day Nursery Manager) is the DSL.", {"dsl": "Hayley Lister"}),
    ("DSL: Mr David Bates, Course Director", {"dsl": "Mr David Bates"}),
    # (two people run together, each a first name and a surname)
    ("Deputy Designated Senior Officers: Joe Torbay Amanda Cawley",
     {"deputy_dsl": "Joe Torbay", "deputy_dsl_2": "Amanda Cawley"}),
    # (several named before their plural role, a dash between)
    ("Mrs Sara King, Mrs Kate Trigg and Miss Fay Kell – Deputy Designated Safeguarding Leads.",
     {"deputy_dsl": "Mrs Sara King", "deputy_dsl_2": "Mrs Kate Trigg", "deputy_dsl_3": "Miss Fay Kell"}),
    # (another body's officer is no member of the school's staff)
    ("LA Designated Officer: Lisa Collins (01792) 637148", {}),
    ("Local Authority Designated Officer (LADO): Mr Tim Reed", {}),
    ("Attendance Officer: Mr B Oduya", {"attendance_officer": "Mr B Oduya"}),
    # (Welsh posts, as a bilingual school's copy names them)
    ("Pennaeth: Mrs Adele Matthews", {"headteacher": "Mrs Adele Matthews"}),
    ("Dirprwy Bennaeth: Mr Huw Jones", {"deputy_headteacher": "Mr Huw Jones"}),
    # (the post they hold too, in brackets with its school's word)
    ("The Designated Liaison Person (DLP) is: Brian Nolan (School Principal)",
     {"dsl": "Brian Nolan", "headteacher": "Brian Nolan"}),
])
def test_a_body_is_no_person_and_irelands_liaison_person_is_the_dsl(text, want):
    got = values(f"Elm Primary School\n\n{text}\n")
    assert {k.split(".")[1]: v[0].value for k, v in got.items() if k.startswith("roles.") and k.endswith(".name")} \
        == want


def test_a_name_over_its_role_in_brackets_under_a_signature_holds_that_role():
    text = ("Acceptable Use of ICT Policy\n\nDate Approved\n\n10.7.2013\n\nSigned\n\nJane Gould\n\n"
            "(Chair of Governors)\n\nMinuted\n")
    assert [f.value for f in values(text)["roles.chair.name"]] == ["Jane Gould"]


def test_a_line_under_a_plural_role_that_names_its_own_role_holds_that_one():
    text = ("Oak Nursery School\n\nOur Designated Safeguarding Leads\n\nCara Hill (Manager) - Designated Safeguarding "
            "Lead\n\nJo Mayfield (Deputy Manager) - Deputy Designated Safeguarding Lead\n")
    got = values(text)
    assert [f.value for f in got["roles.dsl.name"]] == ["Cara Hill"]
    assert [f.value for f in got["roles.deputy_dsl.name"]] == ["Jo Mayfield"]


def test_people_and_dates_in_a_table_flattened_with_slashes(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text("Oak Hill Primary School\n\nSafeguarding Policy\n\n"
                    "Review Cycle / Date of Current Policy / Author(s) of Current Policy / Review Date\n"
                    "Annual / November 2017 / Jacqui Noble / November 2018\n\n"
                    "Role / Name / Signature / Date\nChair of Governors / Sarah Baker / November 2017\n"
                    "Head Teacher / Jacqui Noble / November 2017\n\nThe policy follows.\n", encoding="utf-8")
    got = {f.key: f.value for f in find_values(read_document(copy, "copy.txt"), None, POLICY, None)}
    assert got["roles.headteacher.name"] == "Jacqui Noble" and got["roles.chair.name"] == "Sarah Baker"
    assert got[f"policies.{POLICY}.approval.approved"] == "2017-11"
    assert got[f"policies.{POLICY}.approval.next_review"] == "2018-11"


@pytest.mark.parametrize("contact, key, want", [
    ("07375 365 702", "phone", "07375 365 702"), ("Tel: 01234 567890", "phone", "01234 567890"),
    ("Email: a.tennant@oaktrust.org.uk", "email", "a.tennant@oaktrust.org.uk")])
def test_a_contact_on_a_line_of_its_own_under_a_person_is_theirs(contact, key, want):
    text = (f"Oak Hill Primary School\n\nTrust Data Protection Officer\n\nAlison Tennant\n\n{contact}\n\n"
            "Online safety lead\n")
    assert one(text, f"roles.dpo.{key}") == want


def test_a_contact_line_that_says_more_is_not_taken_for_the_person_above():
    text = ("Oak Hill Primary School\n\nTrust Data Protection Officer\n\nAlison Tennant\n\n"
            "Childline can be called free on 0800 1111 at any time.\n")
    assert "roles.dpo.phone" not in values(text)


def test_a_signatures_caption_names_the_role_of_the_name_printed_under_it():
    text = ("Oak Primary School\n\nSignature (Headteacher)\n\nPrint Name Julia Mann Date:\n\n"
            "Signature (Designated Safeguarding Lead)\n\nPrint Name: Rebecca Fitton\n\n"
            "Signature of Chair of Governors\n\nJohn Smith\n\nThe policy follows here for all.\n")
    assert one(text, "roles.headteacher.name") == "Julia Mann"
    assert one(text, "roles.dsl.name") == "Rebecca Fitton"
    assert one(text, "roles.chair.name") == "John Smith"


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_a_heading_row_of_roles_over_a_row_of_names_gives_each_its_role(sep):
    head = sep.join(["Designated Safeguarding Lead", "Deputy Designated Safeguarding Lead", "Safeguarding Governor"])
    row = sep.join(["Mr Alan Birch", "Mrs Sara Shaw and Mr Tom Cole", "Mr Ian Reed"])
    got = values(f"Key People\n\nAt Elm School the staff responsible for safeguarding are:\n\n{head}\n\n{row}\n")
    names = {k.split(".")[1]: v[0].value for k, v in got.items() if k.startswith("roles.") and k.endswith(".name")}
    assert names == {"dsl": "Mr Alan Birch", "deputy_dsl": "Mrs Sara Shaw", "deputy_dsl_2": "Mr Tom Cole",
                     "safeguarding_governor": "Mr Ian Reed"}
    # (a row that is no list of names under them gives nothing by place)
    other = values(f"Key People\n\n{head}\n\n{sep.join(['Trained 2024', 'Trained 2023', 'Termly'])}\n")
    assert not [k for k in other if k.startswith("roles.") and k.endswith(".name")]


def test_a_contact_card_gives_its_person_their_role_email_and_phone():
    # (the role over the name with blank lines between, then the person's contacts a line each)
    text = ("Safeguarding Policy\n\nDesignated Safeguarding Lead\n\n \n\nFran Burton\n\nEmail fran.burton@elm.sch.uk\n"
            "Tel: 01632 960100\n\nDeputy Designated Safeguarding Lead\n\n \n\nLee Kerr\n\nEmail lee.kerr@elm.sch.uk\n"
            "Tel: 01632 960100 Ext 227\n")
    got = {k: v[0].value for k, v in values(text).items()}
    assert got["roles.dsl.name"] == "Fran Burton" and got["roles.deputy_dsl.name"] == "Lee Kerr"
    assert got["roles.dsl.phone"] == "01632 960100" and got["roles.deputy_dsl.phone"] == "01632 960100 Ext 227"
    assert got["roles.deputy_dsl.email"] == "lee.kerr@elm.sch.uk" and "phone" not in got


@pytest.mark.parametrize("text", [
    "The school works with the Local Safeguarding Children's Board, whose designated officer is Gareth Pryce "
    "(telephone 01452 426320).",
    "Any concern about a member of staff goes to Gareth Pryce (Tel: 01452 426320), the trust's HR adviser.",
    "Concerns may also be raised with Mrs O Adeyemi (01452 426320).",
    "Our Family Liaison Officer, Mrs Sarah Jones (Tel: 01452 426320), follows up absences.",
    "The school nurse is Cerys Jones (Tel: 01452 426320).", "Contact: Kwame Mensah (Tel: 01452 426320)"])
def test_a_phone_in_brackets_after_a_persons_name_is_not_the_schools(text):
    assert one(text, "phone") is None


@pytest.mark.parametrize("text", ["Pipers Green Primary School (Tel: 01452 426321)",
                                  "Pipers Green Primary School, Church Lane, Kirby Bedon (Tel: 01452 426321)",
                                  "Pipers Green Primary School\nHigh Street\nGreat Ellingham (Tel: 01452 426321)"])
def test_the_schools_phone_in_brackets_after_its_name_or_address_is_still_read(text):
    assert one(text, "phone") == "01452 426321"


def test_a_body_reported_to_is_no_person():
    text = "The headteacher must report any suspected case of abuse to Social Care including neglect."
    assert not [k for k in values(text) if k.startswith("roles.")]


@pytest.mark.parametrize("text,key,name", [
    ("DESIGNATED SAFEGUARDING LEAD: PAIGE WALTON", "roles.dsl.name", "Paige Walton"),
    ("Deputy DSL: MRS J O'NEILL", "roles.deputy_dsl.name", "Mrs J O'Neill"),
    ("HEADTEACHER: MR D SMITH", "roles.headteacher.name", "Mr D Smith"),
    ("DESIGNATED SAFEGUARDING LEAD: KWAME MENSAH", "roles.dsl.name", "Kwame Mensah")])
def test_a_name_in_capitals_after_its_label_is_read_as_a_name(text, key, name):
    assert one(text, key) == name


@pytest.mark.parametrize("text", ["DSL: NSPCC HELPLINE", "SAFEGUARDING: KEEPING CHILDREN SAFE",
                                  "Designated Safeguarding Lead: NOT APPLICABLE",
                                  "Data Protection Officer: GDPR SENTRY",
                                  "DSL: SEE BELOW", "DEPUTY DSL: NONE APPOINTED"])
def test_capitals_after_a_label_that_name_no_person_are_none(text):
    assert not [k for k in values(text) if k.startswith("roles.") and k.endswith(".name")]


@pytest.mark.parametrize("text,deputy", [
    ("The Designated Liaison Person (DLP) is Mrs Ann Byrne.\nIn her absence the role is carried out by Jamie "
     "McCusker, Deputy Principal.", "Jamie McCusker"),
    ("The DSL is Mr Adams. In the DSL's absence contact Mrs Lowe.", "Mrs Lowe"),
    ("The Designated Safeguarding Lead is Mrs Ann Byrne, Deputy Headteacher. In her absence the role is carried "
     "out by Jamie McCusker.", "Jamie McCusker")])
def test_whoever_stands_in_for_the_safeguarding_lead_is_the_deputy(text, deputy):
    assert one(text, "roles.deputy_dsl.name") == deputy


@pytest.mark.parametrize("text", [
    "The headteacher is Mrs Kaur.\nIn her absence, Mr Peters leads the school.",
    "Our Designated Teacher for Looked After Children is Mrs Ann Byrne.\nIn her absence please contact Jamie McCusker.",
    "The designated first aider is Mrs Ann Byrne. In her absence, Jamie McCusker will administer first aid.",
    "The DSL is Mrs Ann Byrne.\nThe SENCo is Mr Tom Hill. In his absence, contact Jamie McCusker."])
def test_whoever_stands_in_for_another_post_is_no_deputy_safeguarding_lead(text):
    assert one(text, "roles.deputy_dsl.name") is None


def test_an_ombudsmans_phone_is_not_the_schools():
    text = "If I am still concerned, I can contact the NI Public Services Ombudsman Tel: 0800 343 424"
    assert one(text, "phone") is None
