"""The loader validates with the declared schema: each value's type and shape with its file and
line, every independent problem of a file in one run, defaults from the declaration, and the
trust's shared values checked once, where they are written."""

from __future__ import annotations

import pytest

from tests.support.bad_inputs import copy_small_pack, sub, write

from builder.common.diagnostics import PackError
from builder.source.load import load_pack
from builder.source.schema import DEFAULT_PLACEHOLDERS

S, T, P = "schools/oak.yml", "trust.yml", "content/online-code/policy.yml"


def append(rel, text):
    return lambda p: write(p, rel, (p / rel).read_text(encoding="utf-8") + text)


def change(rel, old, new):
    return lambda p: sub(p, rel, old, new)


def errors(pack) -> list[str]:
    with pytest.raises(PackError) as exc:
        load_pack(pack)
    return sorted(d.format() for d in exc.value.diagnostics)


# id -> (break the pack, every message the load reports, exactly)
CASES = {
    "settings-all-at-once": (
        change(T, "review_window_days: 60\n  default_review_cycle: annually",
               "review_window_days: x\n  default_review_cycle: biennial\n  foo: 1"),
        ["trust.yml:14: error E-TYPE: 'review_window_days' in settings must be a number, not text; "
         "write it as a number, without quotes, such as `review_window_days: 2`",
         "trust.yml:15: error E-CYCLE: review cycle 'biennial' is not understood: write 'annually', "
         "'2 years' or '6 months'",
         "trust.yml:16: error E-KEY: unknown key 'foo' in settings; valid keys: default_review_cycle, "
         "limits, placeholder_phrases, review_window_days, site_url"]),
    "placeholder-phrases-text": (
        change(T, 'placeholder_phrases: ["[insert", "TBC"]', "placeholder_phrases: TBC"),
        ["trust.yml:16: error E-TYPE: placeholder_phrases must be a list, not text; write it as a "
         "list: `placeholder_phrases: [TBC]`"]),
    "trust-default-role-once-untagged": (
        change(T, "      email: dpo@larkspur.example", "      email: dpo@larkspur.example\n      mail: x"),
        ["trust.yml:13: error E-KEY: unknown key 'mail' in role 'dpo'; did you mean 'email'?"]),
    "trust-default-colour": (
        change(T, "defaults:\n", "defaults:\n  colour: green\n"),
        ["trust.yml:8: error E-COLOUR: colour 'green' must be written #rrggbb"]),
    "trust-default-approval-typo": (
        change(T, "defaults:\n", "defaults:\n  policies:\n    online-code:\n"
                                 "      approval: {body: Trust board, aproved: 2026-01-01}\n"),
        ["trust.yml:10: error E-KEY: unknown key 'aproved' in approval; did you mean 'approved'?"]),
    "trust-default-policy-text": (
        change(T, "defaults:\n", "defaults:\n  policies:\n    online-code: hello\n"),
        ["trust.yml:9: error E-TYPE: the settings for policy 'online-code' must be a mapping "
         "(key: value), not text"]),
    "trust-defaults-take-no-name": (
        change(T, "defaults:\n", "defaults:\n  name: X\n"),
        ["trust.yml:8: error E-KEY: unknown key 'name' in the trust's defaults; valid keys: address, "
         "colour, email, external_policies, extra, lists, logo, motto, options, phone, policies, "
         "roles, short_name, website"]),
    "external-url-missing-after-merging": (
        change(T, "defaults:\n", "defaults:\n  external_policies:\n    complaints: {title: C}\n"),
        ["trust.yml:9: error E-MISSING: external policy 'complaints' needs 'url' [oak]"]),
    "role-value-type": (
        change(S, "  dsl: {name: Sam Reid,", "  dsl: {name: [Sam Reid],"),
        ["schools/oak.yml:8: error E-TYPE: 'name' in role 'dsl' must be text, not a list; write it as one "
         "line of text: `name: Sam Reid` [oak]"]),
    "role-empty": (
        change(S, "  dsl: {name: Sam Reid, title: Designated Safeguarding Lead, email: dsl@oak.example}",
               "  dsl:"),
        ["schools/oak.yml:8: error E-TYPE: role 'dsl' must be a mapping with name, title, email, "
         "phone, not empty [oak]"]),
    "address-shape": (
        append(S, "address: {a: b}\n"),
        ["schools/oak.yml:16: error E-TYPE: 'address' in the school file must be text or a list, "
         "not a mapping; write it as one line of text, or a list of lines: `address: [b]` [oak]"]),
    "list-entries-and-options": (
        append(S, "lists:\n  blocked: Twitter\noptions:\n  pupil_email: sometimes\n"),
        ["schools/oak.yml:17: error E-TYPE: lists.blocked must be a list, not text; write it as a list: "
         "`blocked: [Twitter]` [oak]",
         "schools/oak.yml:19: error E-TYPE: options.pupil_email must be true or false, not text; "
         "write `pupil_email: true` or `pupil_email: false` [oak]"]),
    "policy-settings-text": (
        change(S, "  online-code:\n    approval:\n      body: Local governing body\n      approved: "
                  "2026-07-01\n      version: \"1.0\"\n      review_cycle: 2 years", "  online-code: hello"),
        ["schools/oak.yml:10: error E-TYPE: the settings for policy 'online-code' must be a mapping "
         "(key: value), not text [oak]"]),
    "school-section-named-by-id": (
        append(S, "    add_sections:\n      - {id: extra, title: [Extra], aftr: rules}\n"),
        ["schools/oak.yml:17: error E-KEY: unknown key 'aftr' in section 'extra'; did you mean "
         "'after'? [oak]",
         "schools/oak.yml:17: error E-TYPE: 'title' in section 'extra' must be text, not a list; "
         "write it as one line of text: `title: Extra` [oak]"]),
    "policy-errors-are-its-own": (
        change(P, "forms: [code-agreement]", "forms: code-agreement"),
        ["content/online-code/policy.yml:5: error E-TYPE: forms must be a list, not text; write it as a "
         "list: `forms: [code-agreement]`"]),
    "policy-two-problems": (
        change(P, "title: Online Code\nowner: headteacher", "title: [x]\nowner: [y]"),
        ["content/online-code/policy.yml:1: error E-TYPE: 'title' in policy 'online-code' must be "
         "text, not a list; write it as one line of text: `title: x`",
         "content/online-code/policy.yml:2: error E-TYPE: 'owner' in policy 'online-code' must be "
         "text, not a list; write it as one line of text: `owner: \"y\"`"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_load_reports(case, tmp_path):
    mutate, expected = CASES[case]
    pack = copy_small_pack(tmp_path / "pack")
    mutate(pack)
    assert errors(pack) == sorted(expected)


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
          + "external_policies:\n  complaints: {url: https://oak.example/complaints}\n")
    ext = load_pack(pack).schools["oak"].external["complaints"]
    assert (ext.title, ext.url) == ("Complaints", "https://oak.example/complaints")
    assert (ext.where.path, ext.where.line) == ("schools/oak.yml", 17)


def test_trust_forms_defaults_merge_with_the_schools(tmp_path):
    pack = copy_small_pack(tmp_path / "pack")
    sub(pack, T, "defaults:\n", "defaults:\n  policies:\n    online-code:\n      forms: {add: [extra-form]}\n"
                                "      approval: {body: Trust board}\n")
    write(pack, S, (pack / S).read_text(encoding="utf-8") + "    forms: {omit: [code-agreement]}\n")
    sp = load_pack(pack).schools["oak"].policies["online-code"]
    assert (sp.forms_add, sp.forms_omit) == (["extra-form"], ["code-agreement"])
    assert sp.approval.body == "Local governing body"  # the school's approval, whole
