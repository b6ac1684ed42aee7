"""`policypack new DIR` starts a pack of the trust's own that checks clean and builds, and
`policypack schema` writes JSON Schemas that editors (and a standard validator) accept the real
pack files with and refuse wrong shapes with."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.cli import main
from tests.support import DATA, ROOT, pdf_text

TODAY = "2026-11-21"
KINDS = {"trust": ["trust.yml"], "school": ["schools/*.yml"], "policy": ["content/*/policy.yml"],
         "form": ["forms/*.yml"]}


class YamlAsEditorsRead(yaml.SafeLoader):
    """YAML as an editor's schema check reads it: a date is text, as JSON has no dates."""


YamlAsEditorsRead.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def read_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YamlAsEditorsRead)


def new(tmp_path: Path, *extra) -> Path:
    dest = tmp_path / "mytrust"
    assert main(["new", str(dest), "--today", TODAY, *extra]) == 0
    return dest


def schemas(folder: Path) -> dict:
    return {kind: json.loads((folder / f"{kind}.schema.json").read_text(encoding="utf-8"))
            for kind in KINDS}


def pack_files(root: Path):
    for kind, globs in KINDS.items():
        for pattern in globs:
            for path in sorted(root.glob(pattern)):
                yield kind, path


def test_new_pack_checks_clean_and_builds(tmp_path, capsys):
    """A new pack builds at once; check names each sample value to replace (and nothing else),
    says its policy is a draft until it is approved, and asks the school's type and phase."""
    pack = new(tmp_path, "--trust-name", "Riverside Learning Trust", "--school-name", "Oak Hill Primary")
    capsys.readouterr()
    assert main(["--project", str(pack), "check", "--today", TODAY]) == 0
    out = capsys.readouterr().out
    found = [line.split(": ")[1] for line in out.splitlines()[:-1]]
    assert found and set(found) == {"warning W-SAMPLE-VALUE", "notice N-POLICY-DRAFT",
                                    "notice N-SCHOOL-KIND"}, out
    assert found.count("notice N-POLICY-DRAFT") == 1
    assert main(["--project", str(pack), "build", "--today", TODAY, "--quiet", "--jobs", "1"]) == 0
    site = pack / "site" / "oak-hill-primary"
    text = pdf_text(site / "pdf" / "online-safety.pdf")
    assert "Oak Hill Primary" in text and "Riverside Learning Trust" in text
    assert "Draft: not approved" in text
    assert "section 3" in text                      # the ref() became a numbered reference
    assert (site / "forms" / "online-safety-agreement.pdf").is_file()
    assert (site / "forms" / "online-safety-agreement.html").is_file()
    for name in (".gitignore", "README.md", ".github/workflows/publish.yml", ".vscode/settings.json"):
        assert (pack / name).is_file(), name
    readme = (pack / "README.md").read_text(encoding="utf-8")
    assert "Riverside Learning Trust" in readme and "Add a school" in readme and "oak-hill-primary" in readme
    assert "site/" in (pack / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_publish_refuses_the_samples_until_they_are_replaced(tmp_path, capsys):
    """Nothing reaches parents by accident: publish names every sample at its line; once they
    are replaced and the policy approved, it publishes the policy."""
    pack = new(tmp_path, "--school-id", "oak")
    out = tmp_path / "out"
    assert main(["--project", str(pack), "publish", "--today", TODAY, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    refused = [line for line in err.splitlines() if "W-SAMPLE-VALUE" in line]
    assert {line.split(":")[0] for line in refused} == {"schools/oak.yml", "trust.yml"}
    assert all(re.match(r"[\w/.]+:\d+: error W-SAMPLE-VALUE", line) for line in refused), refused
    assert not out.exists()                                  # nothing half-written
    assert main(["--project", str(pack), "check", "--strict", "--today", TODAY]) == 1
    capsys.readouterr()

    school, trust = pack / "schools" / "oak.yml", pack / "trust.yml"
    text = school.read_text(encoding="utf-8")
    for sample, real in (("office@school.example", "office@oakprimary.org.uk"),
                         ("head@school.example", "head@oakprimary.org.uk"),
                         ("dsl@school.example", "dsl@oakprimary.org.uk"), ("Sam Taylor", "Ann Lee"),
                         ("Jo Patel", "Raj Shah"), ("01632 960000", "01632 960123"),
                         ("      # approved: YYYY-MM-DD", f"      approved: {TODAY}")):
        assert sample in text, sample
        text = text.replace(sample, real)
    school.write_text(text, encoding="utf-8")
    trust.write_text(trust.read_text(encoding="utf-8").replace("Alex Morgan", "Kim Hart")
                     .replace("dpo@trust.example", "dpo@riversidetrust.org.uk"), encoding="utf-8")
    assert main(["--project", str(pack), "publish", "--today", TODAY, "--out", str(out),
                 "--jobs", "1"]) == 0
    assert "Online Safety Policy" in (out / "oak" / "policies.json").read_text(encoding="utf-8")
    assert "Draft" not in pdf_text(out / "oak" / "pdf" / "online-safety.pdf")


def test_new_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    dest = tmp_path / "busy"
    dest.mkdir()
    (dest / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["new", str(dest)]) == 2
    err = capsys.readouterr().err
    assert "error E-OUT" in err and "not an empty folder" in err and "Traceback" not in err
    assert sorted(p.name for p in dest.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("bad", ["", "   ", "Oak\nHill", "Oak\x1b[31mHill"])
def test_new_refuses_a_name_that_is_not_one_line(tmp_path, capsys, bad):
    assert main(["new", str(tmp_path / "x"), "--school-name", bad]) == 2
    assert "E-ARG" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_new_refuses_an_unsafe_school_id(tmp_path, capsys):
    assert main(["new", str(tmp_path / "x"), "--school-id", "../oak"]) == 2
    assert "not a safe id" in capsys.readouterr().err


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(trust=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
                     min_size=1, max_size=40).filter(str.strip),
       school=st.sampled_from(["Oak Hill", "St Mary's C of E Primary", "Ysgol Gymraeg Bro Ŵy",
                               "Łukasz: \"Academy\" #2", "École – 1", "A&B <Primary>"]))
def test_any_name_reads_back_exactly(tmp_path_factory, trust, school):
    """Names with quotes, colons, '#', markup and non-Latin letters are written so YAML reads
    them back as exactly the names given."""
    dest = tmp_path_factory.mktemp("names") / "pack"
    assert main(["new", str(dest), f"--trust-name={trust}", f"--school-name={school}", "--today", TODAY]) == 0
    assert yaml.safe_load((dest / "trust.yml").read_text(encoding="utf-8"))["trust"]["name"] == trust
    (school_file,) = (dest / "schools").glob("*.yml")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", school_file.stem)
    assert yaml.safe_load(school_file.read_text(encoding="utf-8"))["name"] == school


def test_every_file_names_its_schema_and_the_editor_settings_match(tmp_path):
    pack = new(tmp_path)
    settings_json = json.loads((pack / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    wired = settings_json["yaml.schemas"]
    assert set(wired) == {f".schemas/{k}.schema.json" for k in KINDS}
    for kind, path in pack_files(pack):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, f"{path} does not name its schema"
        assert (path.parent / m[1]).resolve() == (pack / ".schemas" / f"{kind}.schema.json").resolve()


def test_schema_command_writes_one_schema_per_kind(tmp_path, capsys):
    assert main(["--project", str(tmp_path), "schema", "--out", "editor"]) == 0
    written = sorted(p.name for p in (tmp_path / "editor").iterdir())
    assert written == sorted(f"{k}.schema.json" for k in KINDS)
    for schema in schemas(tmp_path / "editor").values():
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("root", [ROOT, DATA / "small-pack", DATA / "checks-pack"], ids=lambda p: p.name)
def test_exported_schemas_accept_every_real_pack_file(tmp_path, root):
    assert main(["--project", str(tmp_path), "schema", "--out", "s"]) == 0
    found = schemas(tmp_path / "s")
    checked = 0
    for kind, path in pack_files(root):
        data = read_yaml(path)
        errors = list(jsonschema.Draft202012Validator(found[kind]).iter_errors(data))
        assert not errors, f"{path}: {errors[0].message}"
        checked += 1
    assert checked >= 4


@pytest.mark.parametrize("kind,rel,change", [
    ("policy", "content/online-safety/policy.yml", lambda d: d.update(forms="online-safety-agreement")),
    ("policy", "content/online-safety/policy.yml", lambda d: d.update(sections="intent")),
    ("school", "schools/our-primary-school.yml", lambda d: d.update(roles="Sam Taylor")),
    ("school", "schools/our-primary-school.yml", lambda d: d.update(colur="#123456")),
    ("trust", "trust.yml", lambda d: d["settings"].update(review_window_days="sixty")),
    ("form", "forms/online-safety-agreement.yml", lambda d: d["sections"][0].update(fields="staff_name")),
])
def test_schemas_refuse_wrong_shapes_as_the_loader_does(tmp_path, capsys, kind, rel, change):
    pack = new(tmp_path)
    data = read_yaml(pack / rel)
    change(data)
    errors = list(jsonschema.Draft202012Validator(schemas(pack / ".schemas")[kind]).iter_errors(data))
    assert errors, "the schema accepted a wrong shape"
    (pack / rel).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["--project", str(pack), "check", "--today", TODAY]) == 2   # and so does the loader
    said = capsys.readouterr()
    assert re.search(r"error E-(TYPE|KEY)", said.out + said.err)


# the pinned source the docs' workflow shows (an example: a git address at a full commit)
DOCS_SOURCE = "policypack @ git+https://github.com/example-trust/policypack@0123456789abcdef0123456789abcdef01234567"


def test_the_docs_workflow_is_the_one_new_writes(tmp_path):
    """The publishing workflow shown in the docs (docs/trust-staff/publishing.md) is the file
    `policypack new` writes (for a first school with the id vine-tree, and the example source the
    page names), so the two cannot drift apart."""
    page = (ROOT / "docs" / "trust-staff" / "publishing.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(# \.github/workflows/publish\.yml\n.*?)```", page, re.S)
    assert block, "docs/trust-staff/publishing.md has no publishing workflow"
    pack = new(tmp_path, "--school-id", "vine-tree", "--policypack-source", DOCS_SOURCE)
    written = (pack / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert not re.search(r"@[A-Z_]+@", written), "a template placeholder was left in the workflow"
    assert f'POLICYPACK: "{DOCS_SOURCE}"' in written
    assert block[1] == written
