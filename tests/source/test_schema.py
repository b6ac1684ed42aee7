"""The declared schema is the one source: the README's key reference is written from it, its JSON
Schema accepts every pack file in the repository and refuses what the loader refuses, and the
loader's defaults and suggestions come from it."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from tests.support import DATA, ROOT

from builder.source.schema import FILES, POLICY, SCHOOL, SETTINGS, json_schema
from builder.source.schema.export import markdown, section_of, with_section
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


def test_readme_key_reference_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert section_of(readme) == markdown(), (
        "README's key reference differs from the schema: run "
        "`.venv/bin/python -m builder.source.schema --readme README.md`")


def test_the_reference_section_is_replaced_in_place_or_added():
    text = "# t\n\n## Writing the pack\n\nx\n\n### Key reference\n\nOLD-TEXT\n\n## Next\n\ny\n"
    out = with_section(text, markdown())
    assert section_of(out) == markdown() and out.endswith("\n\n## Next\n\ny\n") and "OLD-TEXT" not in out
    added = with_section("# t\n\n## Writing the pack\n\nx\n\n## Next\n", markdown())
    assert added.index("x\n\n### Key reference") < added.index("## Next")
    assert section_of(added) == markdown()


def test_reference_lists_every_declared_key():
    text = markdown()
    for fk in FILES.values():
        assert f"#### `{fk.path}`" in text
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
    ("policy", {"versions": [{"version": "1.0", "date": "01/09/2026", "summary": "x"}]},
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
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n## Writing the pack\n\ntext\n\n## Signing\n", encoding="utf-8")
    assert main(["--readme", str(readme)]) == 0
    assert section_of(readme.read_text(encoding="utf-8")) == markdown()
