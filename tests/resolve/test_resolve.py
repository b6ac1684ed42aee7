"""Variables, section numbering, references, school overrides, locked sections and undefined
variables, on small packs written by each test."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from builder.cli.main import main
from builder.common.diagnostics import PackError
from builder.source.load import load_pack
from builder.resolve.school import resolve_all

BASE = {
    "trust.yml": """
        trust: {name: Oak Trust}
        defaults:
          roles:
            dpo: {name: Dana Price, title: Data Protection Officer, email: dpo@oak-school.org.uk}
        """,
    "content/pol/policy.yml": """
        title: Test Policy
        owner: headteacher
        review_cycle: 2 years
        versions:
          - {version: "1.0", date: 2025-01-10, summary: First issue.}
        sections:
          - {id: intro, title: Introduction, editable: true}
          - {id: data, title: Data protection}
          - {id: review, title: Monitoring and review}
        """,
    "content/pol/intro.md": "{{ school.name }} follows this policy. See {{ ref('data') }}.\n",
    "content/pol/data.md": "# Consent\n\nAsk {{ contact('dpo') }}.\n\n# Records\n\nKept.\n",
    "content/pol/review.md": "Reviewed {{ policy.review_cycle }}; next {{ policy.next_review }}. "
                             "{{ Ref('intro') }} says why.\n",
    "schools/ash.yml": """
        name: Ash Primary
        roles:
          headteacher: {name: Alex Ash, title: Headteacher, email: head@ash-school.org.uk}
        policies:
          pol:
            approval: {approved: 2025-03-01, version: "1.0"}
        """,
}


BASE = {k: textwrap.dedent(v).lstrip() for k, v in BASE.items()}


def make_pack(tmp_path: Path, **changes) -> Path:
    files = dict(BASE)
    files.update({k.replace("__", "/").replace("_DOT_", "."): v for k, v in changes.items()})
    for rel, text in files.items():
        if text is None:
            continue
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def sections(root: Path, school="ash"):
    pack = load_pack(root)
    return resolve_all(pack)[school].policies["pol"].sections


def test_variables_and_numbered_references(tmp_path):
    secs = sections(make_pack(tmp_path))
    assert [(s.number, s.id) for s in secs] == [(1, "intro"), (2, "data"), (3, "review")]
    assert "Ash Primary follows this policy" in secs[0].html
    assert '<a href="pp:section/pol/data">section 2</a>' in secs[0].html
    assert "Dana Price (Data Protection Officer)" in secs[1].html
    assert 'href="mailto:dpo@oak-school.org.uk"' in secs[1].html
    # headings inside a section are numbered under it, with stable anchors
    assert '<h3 id="data-consent"><span class="num">2.1</span> Consent</h3>' in secs[1].html
    assert '<span class="num">2.2</span> Records' in secs[1].html
    assert "Reviewed every 2 years; next 1 March 2027." in secs[2].html
    assert '>Section 1</a> says why' in secs[2].html


def test_school_adds_and_replaces_sections_and_numbers_follow(tmp_path):
    root = make_pack(tmp_path, schools__ash_DOT_yml=BASE["schools/ash.yml"] + (
        "    add_sections:\n      - {id: smart, title: Be SMART online, after: intro}\n"
        "    replace_sections:\n      - {id: intro, title: Our intent}\n"))
    (root / "schools/ash/pol").mkdir(parents=True)
    (root / "schools/ash/pol/smart.md").write_text("Be SMART at {{ school.name }}.\n")
    (root / "schools/ash/pol/intro.md").write_text("Our own words. Data is in {{ ref('data') }}.\n")
    secs = sections(root)
    assert [(s.number, s.id, s.origin) for s in secs] == [
        (1, "intro", "school"), (2, "smart", "school"), (3, "data", "trust"), (4, "review", "trust")]
    assert secs[0].title == "Our intent"
    assert ">section 3</a>" in secs[0].html  # the reference follows the new number
    assert "Be SMART at Ash Primary." in secs[1].html


def test_replacing_a_locked_section_is_an_error(tmp_path):
    root = make_pack(tmp_path, schools__ash_DOT_yml=BASE["schools/ash.yml"]
                     + "    replace_sections:\n      - {id: data, title: Ours}\n")
    (root / "schools/ash/pol").mkdir(parents=True)
    (root / "schools/ash/pol/data.md").write_text("Ours.\n")
    with pytest.raises(PackError) as exc:
        sections(root)
    [d] = exc.value.diagnostics
    assert d.code == "E-LOCKED" and d.school == "ash"
    assert d.path == "schools/ash.yml" and d.line == 8
    assert "trust-locked" in d.message


def test_undefined_variable_names_file_line_school_and_variable(tmp_path, capsys):
    root = make_pack(tmp_path, content__pol__data_DOT_md="Fine line.\n\nCall {{ roles.dsl.phone }} now.\n")
    assert main(["--project", str(root), "build", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "content/pol/data.md:3: error E-UNDEFINED: undefined variable 'roles.dsl.phone' [ash]" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("written", ["phone:", "phone: ''", "phone: '  '"])
def test_a_value_written_empty_is_an_error_where_it_would_leave_a_gap(tmp_path, capsys, written):
    school = BASE["schools/ash.yml"].replace("headteacher: {name: Alex Ash, title: Headteacher, email: "
                                             "head@ash-school.org.uk}",
                                             "headteacher:\n    name: Alex Ash\n    title: Headteacher\n"
                                             f"    {written}")
    root = make_pack(tmp_path, schools__ash_DOT_yml=school,
                     content__pol__data_DOT_md="Fine line.\n\nCall {{ roles.headteacher.phone }} now.\n")
    assert main(["--project", str(root), "build", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert ("content/pol/data.md:3: error E-UNDEFINED: 'roles.headteacher.phone' is written with no value "
            "(schools/ash.yml, line 6)") in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("text, shown", [("{% if school.phone is none %}None given.{% endif %}", "None given."),
                                         ("Call {{ school.phone | upper }} now.", None)])
def test_a_value_written_empty_is_none_and_stays_empty_through_a_filter(tmp_path, text, shown):
    school = BASE["schools/ash.yml"].replace("name: Ash Primary", "name: Ash Primary\nphone:")
    root = make_pack(tmp_path, schools__ash_DOT_yml=school, content__pol__data_DOT_md=text + "\n")
    if shown:
        assert shown in sections(root)[1].html
    else:
        with pytest.raises(PackError) as exc:
            sections(root)
        assert "'school.phone' is written with no value (schools/ash.yml, line 2)" in exc.value.diagnostics[0].message


def test_a_value_written_empty_is_no_error_where_the_text_only_asks_whether_it_is_given(tmp_path):
    school = BASE["schools/ash.yml"].replace("name: Ash Primary", "name: Ash Primary\nphone:")
    root = make_pack(tmp_path, schools__ash_DOT_yml=school,
                     content__pol__data_DOT_md="{% if school.phone %}Call {{ school.phone }}.{% else %}Write to us."
                                               "{% endif %}\n")
    assert "Write to us." in sections(root)[1].html


@pytest.mark.parametrize("written, shown", [("14 January 2025", "14 January 2025"), ("14/01/2025", "14 January 2025"),
                                            ("2025/01/14", "14 January 2025"),
                                            ("Jan 2025", "January 2025"), ("14-Jan-2025", "14 January 2025")])
def test_a_date_as_people_write_it_is_read_day_first(tmp_path, written, shown):
    school = BASE["schools/ash.yml"].replace("approved: 2025-03-01", f"approved: {written}")
    root = make_pack(tmp_path, schools__ash_DOT_yml=school,
                     content__pol__intro_DOT_md="Approved {{ policy.approved }}.\n")
    assert f"Approved {shown}." in sections(root)[0].html


def test_a_draft_nobody_has_dated_says_its_dates_are_not_recorded(tmp_path):
    # (as its cover and approval record say: never an empty "()" or "due by .")
    school = BASE["schools/ash.yml"].split("policies:")[0]
    root = make_pack(tmp_path, schools__ash_DOT_yml=school,
                     content__pol__intro_DOT_md="Approved ({{ policy.approved }}); due by {{ policy.next_review }}.\n")
    assert "Approved (not recorded); due by not recorded." in sections(root)[0].html


@pytest.mark.parametrize("postcode", ["n15 3as", "N153AS", "n15  3AS"])
def test_a_postcode_typed_in_small_letters_or_without_its_space_prints_as_royal_mail_writes_it(tmp_path, postcode):
    school = BASE["schools/ash.yml"].replace("name: Ash Primary", f"name: Ash Primary\naddress: [1 Elm Road, Elmton, "
                                                                  f"{postcode}]")
    root = make_pack(tmp_path, schools__ash_DOT_yml=school,
                     content__pol__intro_DOT_md="Write to us at {{ school.address | join(', ') }}.\n")
    assert "Write to us at 1 Elm Road, Elmton, N15 3AS." in sections(root)[0].html


@pytest.mark.parametrize("written, why", [("Spring 2025", "names a term"), ("14/13/2025", "is not a real date"),
                                         ("31 June 2022", "is not a real date"), ("2025", "is not a date"),
                                         ("soon", "is not a date"), ("14/01/98", "gives its year in two digits"),
                                         ("Monday 14 January 2025", "is a Tuesday, not a Monday"),
                                         ("01/31/2025", "puts the month first, as in the US"),
                                         ("2025-14-01", "is not a real date (the month comes second")])
def test_a_date_that_is_no_one_day_or_month_is_an_error(tmp_path, capsys, written, why):
    school = BASE["schools/ash.yml"].replace("approved: 2025-03-01", f"approved: {written}")
    root = make_pack(tmp_path, schools__ash_DOT_yml=school)
    assert main(["--project", str(root), "check"]) == 2
    err = capsys.readouterr().err
    assert f"error E-DATE: approved date '{written}' {why}" in err and "`approved: 2025-09-01`" in err


def test_values_are_literal_text_not_markup(tmp_path):
    root = make_pack(tmp_path, schools__ash_DOT_yml=BASE["schools/ash.yml"].replace(
        "name: Ash Primary", "name: \"Ash <script>alert(1)</script> & *Co* {{ x }}\""))
    html = sections(root)[0].html
    assert "<script>" not in html
    assert "Ash &lt;script&gt;alert(1)&lt;/script&gt; &amp; *Co* {{ x }} follows" in html


def test_reference_to_unknown_section_is_an_error(tmp_path):
    root = make_pack(tmp_path, content__pol__intro_DOT_md="Line one.\nSee {{ ref('nowhere') }}.\n")
    with pytest.raises(PackError) as exc:
        sections(root)
    d = exc.value.diagnostics[0]
    assert (d.path, d.line, d.code, d.school) == ("content/pol/intro.md", 2, "E-REF-SECTION", "ash")


def test_disallowed_html_is_an_error(tmp_path):
    root = make_pack(tmp_path, content__pol__intro_DOT_md="Hello.\n\n<iframe src=x></iframe>\n")
    with pytest.raises(PackError) as exc:
        sections(root)
    d = exc.value.diagnostics[0]
    assert (d.path, d.line, d.code) == ("content/pol/intro.md", 3, "E-HTML")
    assert "<iframe>" in d.message


def test_unknown_key_suggests_the_nearest(tmp_path):
    root = make_pack(tmp_path, schools__ash_DOT_yml=BASE["schools/ash.yml"].replace(
        "approval: {approved: 2025-03-01", "approval: {aproved: 2025-03-01"))
    with pytest.raises(PackError) as exc:
        load_pack(root)
    d = exc.value.diagnostics[0]
    assert d.code == "E-KEY" and "did you mean 'approved'" in d.message and d.line == 6


def test_a_text_met_again_reports_its_problem_for_each_school():
    """Markdown is rendered once per distinct text, but each school's copy of a bad text is
    still reported against that school and file, and the HTML is the same."""
    from builder.resolve.markdown import to_html
    text = "Hello.\n\n<iframe src=x></iframe>\n"
    html_a, diags_a = to_html(text, "schools/ash/pol/intro.md", "ash")
    html_b, diags_b = to_html(text, "schools/elm/pol/intro.md", "elm")
    assert html_a == html_b and "&lt;iframe" in html_a
    assert [(d.path, d.line, d.code, d.school) for d in diags_a] == [("schools/ash/pol/intro.md", 3, "E-HTML", "ash")]
    assert [(d.path, d.line, d.code, d.school) for d in diags_b] == [("schools/elm/pol/intro.md", 3, "E-HTML", "elm")]


def test_a_school_resolved_again_reads_as_the_first_time(example_resolved):
    """Resolving the pack again (its compiled templates and includes now cached) gives every
    school's text exactly as the first time. (The cache's bound shows as the build's peak
    memory in benchmarks/run.py, which does not grow with the number of schools.)"""
    from tests.support import ROOT
    before = {sid: rs.policies for sid, rs in example_resolved.items()}
    pack = load_pack(ROOT)
    after = {sid: rs.policies for sid, rs in resolve_all(pack, list(pack.schools)).items()}
    texts = lambda got: {(sid, pid, s.id): s.html for sid, pols in got.items()  # noqa: E731
                         for pid, rp in pols.items() for s in rp.sections}
    assert texts(after) == texts(before) and len(texts(before)) > 20
