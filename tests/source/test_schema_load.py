"""The loader validates with the declared schema: each value's type and shape with its file and
line, every independent problem of a file in one run, defaults from the declaration, and the
trust's shared values checked once, where they are written."""

from __future__ import annotations

import pytest

from tests.support.bad_inputs import copy_small_pack, sub, write

from builder.source.load import load_pack
from builder.source.schema import DEFAULT_PLACEHOLDERS

S, T, P = "schools/oak.yml", "trust.yml", "content/online-code/policy.yml"


def append(rel, text):
    return lambda p: write(p, rel, (p / rel).read_text(encoding="utf-8") + text)


def change(rel, old, new):
    return lambda p: sub(p, rel, old, new)


@pytest.mark.parametrize("mutate", [
    change(T, "  default_review_cycle: annually\n", "  default_review_cycle:\n"),
    change(T, '  placeholder_phrases: ["[insert", "TBC"]\n', "  placeholder_phrases:\n"),
    append(S, "    forms: {omit: [code-agreement]}\n"),
    change(S, "  online-code:\n    approval:\n      body: Local governing body\n      approved: "
              "2026-07-01\n      version: \"1.0\"\n      review_cycle: 2 years", "  online-code:"),
], ids=["cycle-empty", "phrases-empty", "forms-omit-only", "policy-settings-empty"])
def test_an_empty_value_is_the_default(mutate, tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    mutate(pack)
    load_pack(pack)


def test_defaults_come_from_the_declaration(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    sub(pack, T, 'settings:\n  review_window_days: 60\n  default_review_cycle: annually\n'
                 '  placeholder_phrases: ["[insert", "TBC"]\n', "")
    sub(pack, P, "owner: headteacher\napproving_body: Local governing body\n", "")
    loaded = load_pack(pack)
    s = loaded.trust.settings
    assert (s.review_window_days, s.default_review_cycle, s.site_url) == (60, 12, None)
    assert s.placeholder_phrases == DEFAULT_PLACEHOLDERS
    policy = loaded.policies["online-code"]
    assert (policy.owner, policy.approving_body, policy.summary) == ("headteacher",
                                                                     "Local governing body", "")
    sp = loaded.schools["oak"].policies["online-code"]
    assert (sp.forms_add, sp.forms_omit, sp.add_sections, sp.omit_sections) == ([], [], [], [])
    assert sp.approval.signatories == []


def test_a_school_completes_a_trust_external_policy(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    sub(pack, T, "defaults:\n", "defaults:\n  external_policies:\n    complaints: {title: Complaints}\n")
    write(pack, S, (pack / S).read_text(encoding="utf-8")
          + "external_policies:\n  complaints: {url: https://oak-school.org.uk/complaints}\n")
    ext = load_pack(pack).schools["oak"].external["complaints"]
    assert (ext.title, ext.url) == ("Complaints", "https://oak-school.org.uk/complaints")
    assert (ext.where.path, ext.where.line) == ("schools/oak.yml", 17)


def test_trust_forms_defaults_merge_with_the_schools(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    sub(pack, T, "defaults:\n", "defaults:\n  policies:\n    online-code:\n      forms: {add: [extra-form]}\n"
                                "      approval: {body: Trust board}\n")
    write(pack, S, (pack / S).read_text(encoding="utf-8") + "    forms: {omit: [code-agreement]}\n")
    sp = load_pack(pack).schools["oak"].policies["online-code"]
    assert (sp.forms_add, sp.forms_omit) == (["extra-form"], ["code-agreement"])
    assert sp.approval.body == "Local governing body"  # the school's approval, whole
