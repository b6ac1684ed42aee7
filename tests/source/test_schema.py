"""The declared schema is the one source: the docs' key reference is written from it, its JSON
Schema accepts every pack file in the repository and refuses what the loader refuses, and the
loader's defaults and suggestions come from it."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from tests.support import DATA, ROOT

from builder.source.schema import FILES, POLICY, SCHOOL, SETTINGS, json_schema
from builder.source.schema.export import COMMAND, END, PAGE, START, markdown, section_of, with_section
from builder.source.values import nearest_key
from builder.source.yamlsrc import load_yaml

# every pack file of each kind in the repository: the example pack and the test packs
GLOBS = {
    "trust": ["trust.yml", "tests/data/**/trust.yml"],
    "school": ["schools/*.yml", "tests/data/**/schools/*.yml"],
    "policy": ["content/*/policy.yml", "tests/data/**/content/*/policy.yml"],
    "form": ["forms/*.yml", "tests/data/**/forms/*.yml"],
}


def pack_files(kind):
    files = sorted({p for g in GLOBS[kind] for p in ROOT.glob(g)})
    assert files, kind
    return files


def validator(kind):
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_docs_key_reference_is_the_generated_one():
    page = (ROOT / PAGE).read_text(encoding="utf-8")
    assert section_of(page) == markdown(), (
        f"{PAGE}'s key reference differs from the schema: run `{COMMAND}`")
    assert f"--docs {PAGE}" in COMMAND and COMMAND in START


def test_the_reference_is_replaced_between_its_markers_only():
    text = f"# Key reference\n\nintro\n\n{START}\n\nOLD-TEXT\n{END}\n\n## Next\n\ny\n"
    out = with_section(text, markdown())
    assert section_of(out) == markdown() and "OLD-TEXT" not in out
    assert out.startswith("# Key reference\n\nintro\n\n") and out.endswith(f"{END}\n\n## Next\n\ny\n")
    assert with_section(out, markdown()) == out
    with pytest.raises(ValueError, match="keys:start"):
        with_section("# Key reference\n", markdown())


def test_reference_lists_every_declared_key():
    text = markdown()
    for fk in FILES.values():
        assert f"## `{fk.path}`" in text
    assert "| `policies.<policy-id>.approval.signatories[].signed` | date |" in text
    assert "| `sections` | list of sections, **required** |" in text
    assert "| `settings.review_window_days` | number | `60` |" in text


@pytest.mark.parametrize("kind", sorted(GLOBS))
def test_every_pack_file_in_the_repository_meets_its_json_schema(kind):
    v = validator(kind)
    for path in pack_files(kind):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in v.iter_errors(load_yaml(path, "x"))]
        assert errors == [], f"{path.relative_to(ROOT)}: {errors}"


def test_the_json_schema_refuses_a_list_given_as_text():
    v = validator("policy")
    policy = load_yaml(DATA / "small-pack/content/online-code/policy.yml", "policy.yml")
    v.validate(policy)
    broken = copy.deepcopy(dict(policy))
    broken["forms"] = "code-agreement"
    with pytest.raises(jsonschema.ValidationError) as exc:
        v.validate(broken)
    assert list(exc.value.absolute_path) == ["forms"]


@pytest.mark.parametrize("kind, change, where", [
    ("school", {"colour": "green"}, ["colour"]),
    ("school", {"roles": ["headteacher"]}, ["roles"]),
    ("school", {"colur": "#1f5c3a"}, []),
    ("school", {"roles": {"Head Teacher": {"name": "A"}}}, ["roles"]),
    ("trust", {"settings": {"review_window_days": "sixty"}}, ["settings", "review_window_days"]),
    ("policy", {"versions": [{"version": "1.0", "date": 20260901, "summary": "x"}]},
     ["versions", 0, "date"]),
    ("form", {"audience": "pupils"}, ["audience"]),
])
def test_the_json_schema_refuses_what_the_loader_refuses(kind, change, where):
    base = {"trust": DATA / "small-pack/trust.yml", "school": DATA / "small-pack/schools/oak.yml",
            "policy": DATA / "small-pack/content/online-code/policy.yml",
            "form": DATA / "small-pack/forms/code-agreement.yml"}[kind]
    value = dict(load_yaml(base, "x"))
    value.update(change)
    errors = list(validator(kind).iter_errors(value))
    assert errors and list(errors[0].absolute_path)[:len(where)] == where


def test_descriptions_are_the_help_texts():
    schema = json_schema("policy")
    assert schema["properties"]["review_cycle"]["description"] == POLICY.by_name["review_cycle"].help
    assert schema["required"] == ["title", "sections"]
    assert schema["properties"]["owner"]["default"] == "headteacher"


def test_suggestions_come_from_the_declared_keys():
    assert nearest_key("colur", SCHOOL.names) == "colour"
    assert nearest_key("reveiw_date", FILES["school"].root.by_name["policies"].type.value
                       .by_name["approval"].type.names) == "next_review"
    assert nearest_key("review_window", SETTINGS.names) == "review_window_days"


def test_the_command_prints_and_rewrites(tmp_path, capsys):
    from builder.source.schema.__main__ import main
    assert main(["--markdown"]) == 0
    assert capsys.readouterr().out == markdown()
    assert main(["--json", "form"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("form")
    page = tmp_path / "keys.md"
    page.write_text(f"# Key reference\n\n{START}\n{END}\n", encoding="utf-8")
    assert main(["--docs", str(page)]) == 0
    assert section_of(page.read_text(encoding="utf-8")) == markdown()
