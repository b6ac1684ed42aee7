"""The requirements register: each required policy a school neither holds nor links is reported
once, at the school's file, with the nearest title; `meets` links a policy whatever its title;
a cycle longer than the guidance allows is a warning; a trust adds, replaces and removes
entries; the shipped list reads through the trust's own schema; the docs list it."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from builder.source.requirements import DEFAULT_FILE, default_register
from tests.checks.test_checks import BASE, check, codes, edit, line_of
from tests.support import ROOT

pytestmark = pytest.mark.unit
TRUST = "trust.yml"


@pytest.fixture
def pack(tmp_path):
    dest = tmp_path / "pack"
    shutil.copytree(BASE, dest)
    return dest


def unlink(root, rid: str) -> None:
    """Take the trust's link to requirement ``rid`` out of the fixture pack."""
    path = root / TRUST
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.startswith(f"    {rid}: ")]
    path.write_text("".join(lines), encoding="utf-8")


def test_the_fixture_pack_meets_every_requirement(pack, capsys):
    rc, diags = check(pack, capsys=capsys)
    assert rc == 0 and diags == []


def test_a_missing_requirement_is_reported_once_per_school_at_its_file(pack, capsys):
    unlink(pack, "accessibility-plan")
    rc, diags = check(pack, capsys=capsys)
    found = codes(diags, "W-REQUIRED-MISSING")
    assert rc == 0 and sorted(d["school"] for d in found) == ["ash", "elm"]
    assert {d["path"] for d in found} == {"schools/ash.yml", "schools/elm.yml"}
    assert all("Accessibility Plan ('accessibility-plan')" in d["message"] for d in found)
    assert all("publish online" in d["message"] for d in found)


def test_a_linked_copy_under_another_title_counts_with_meets(pack, capsys):
    unlink(pack, "accessibility-plan")
    edit(pack, "schools/elm.yml", "policies:\n",
         "external_policies:\n  access: {title: Making our school accessible, "
         "url: \"https://elm-school.org.uk/access\", meets: [accessibility-plan]}\npolicies:\n")
    rc, diags = check(pack, capsys=capsys)
    assert [d["school"] for d in codes(diags, "W-REQUIRED-MISSING")] == ["ash"]


def test_a_title_in_other_words_is_found_and_a_near_one_suggested(pack, capsys):
    unlink(pack, "safeguarding")
    edit(pack, "schools/elm.yml", "policies:\n",
         "external_policies:\n  cp: {title: Safeguarding & Child Protection Policy, "
         "url: \"https://elm-school.org.uk/cp\"}\npolicies:\n")
    edit(pack, "schools/ash.yml", "policies:\n",
         "external_policies:\n  cp: {title: Child Safeguarding Guidance, "
         "url: \"https://ash-school.org.uk/cp\"}\npolicies:\n")
    rc, diags = check(pack, capsys=capsys)
    [d] = codes(diags, "W-REQUIRED-MISSING")
    assert d["school"] == "ash" and "did you mean 'Child Safeguarding Guidance'" in d["message"]
    assert "meets: [safeguarding]" in d["message"]


def test_a_cycle_longer_than_the_guidance_allows(pack, capsys):
    """(the fixture's online safety policy is reviewed every 2 years; safeguarding: annually)"""
    edit(pack, "content/online-safety/policy.yml", "title: ", "meets: [safeguarding]\ntitle: ")
    rc, diags = check(pack, capsys=capsys)
    found = codes(diags, "W-REVIEW-FREQUENCY")
    assert {d["school"] for d in found} == {"ash", "elm"}
    assert all("every 2 years here" in d["message"] and "at least annually" in d["message"]
               for d in found)
    edit(pack, "content/online-safety/policy.yml", "review_cycle: 2 years", "review_cycle: annually")
    rc, diags = check(pack, capsys=capsys)
    [d] = codes(diags, "W-REVIEW-FREQUENCY")     # Ash's own approval keeps its longer cycle
    assert (d["school"], d["path"]) == ("ash", "schools/ash.yml")
    assert d["line"] == line_of(pack, "schools/ash.yml", "review_cycle:")


def test_an_unknown_meets_is_an_error(pack, capsys):
    edit(pack, "content/online-safety/policy.yml", "title: ", "meets: [safegaurding]\ntitle: ")
    rc, diags = check(pack, capsys=capsys)
    [d] = codes(diags, "E-MEETS")
    assert rc == 1 and d["path"] == "content/online-safety/policy.yml" and d["line"] == 1
    assert "did you mean 'safeguarding'" in d["message"]


def test_the_trust_adds_replaces_and_removes_entries(pack, capsys):
    edit(pack, TRUST, "settings:", "requirements:\n"
         "  - {id: lettings, title: Lettings Policy, publish_online: true}\n"
         "  - {id: accessibility-plan, title: Accessibility Plan, required: false}\n"
         "settings:")
    unlink(pack, "accessibility-plan")
    rc, diags = check(pack, capsys=capsys)
    found = codes(diags, "W-REQUIRED-MISSING")
    assert {d["school"] for d in found} == {"ash", "elm"}
    assert all("'lettings'" in d["message"] for d in found)   # added; the removed one is not asked


def test_a_school_that_does_not_say_its_kind_is_told(pack, capsys):
    text = (pack / TRUST).read_text(encoding="utf-8")
    (pack / TRUST).write_text(re.sub(r"^  (type|phase): .*\n", "", text, flags=re.M), encoding="utf-8")
    unlink(pack, "accessibility-plan")
    rc, diags = check(pack, capsys=capsys)
    assert {d["code"] for d in diags} == {"N-SCHOOL-KIND"} and len(diags) == 2


def test_the_shipped_register_reads_through_the_trust_schema(pack, capsys):
    shipped = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))["requirements"]
    assert len(shipped) == len(default_register())
    block = yaml.safe_dump({"requirements": shipped}, allow_unicode=True, sort_keys=False)
    edit(pack, TRUST, "settings:", block + "settings:")
    rc, diags = check(pack, capsys=capsys)
    assert rc == 0 and diags == []      # every entry valid; replacing each by itself changes nothing
    for r in default_register():
        assert r.source.get("title") and r.evidence.get("quote"), r.id


def test_the_docs_list_the_default_register_with_sources():
    from builder.source.requirements import docs_table
    page = (ROOT / "docs" / "reference" / "requirements.md").read_text(encoding="utf-8")
    assert docs_table() in page, ("the docs' requirements table differs from the register: run "
                                  "`.venv/bin/python -m builder.source.requirements --docs "
                                  "docs/reference/requirements.md`")
