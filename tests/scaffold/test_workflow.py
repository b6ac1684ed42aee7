"""The workflow `policypack new` writes: valid for GitHub (its published schema, checked offline),
pinned to a source that exists, and its pull-request steps, run here as written, annotate a
broken line, summarise the findings and the changed policies, and build the site."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.cli import main

TODAY = "2026-11-21"
SHA = "0123456789abcdef0123456789abcdef01234567"
GIT_SOURCE = f"policypack @ git+https://github.com/example-trust/policypack@{SHA}"


def new(tmp_path: Path, *extra) -> Path:
    pack = tmp_path / "mytrust"
    assert main(["new", str(pack), "--today", TODAY, "--school-id", "oak-hill", *extra]) == 0
    return pack


def workflow(pack: Path) -> dict:
    return yaml.safe_load((pack / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))


@pytest.mark.unit
def test_workflow_is_valid_for_github(tmp_path):
    pack = new(tmp_path, "--policypack-source", GIT_SOURCE)
    tool = Path(sys.executable).with_name("check-jsonschema")
    done = subprocess.run([str(tool), "--builtin-schema", "vendor.github-workflows",
                           str(pack / ".github" / "workflows" / "publish.yml")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    jobs = workflow(pack)["jobs"]
    assert "pull_request" in jobs["review"]["if"] and "pull_request" in jobs["publish"]["if"]


@pytest.mark.unit
def test_install_line_names_the_source_given(tmp_path, capsys):
    pack = new(tmp_path, "--policypack-source", GIT_SOURCE)
    assert workflow(pack)["env"]["POLICYPACK"] == GIT_SOURCE
    assert GIT_SOURCE in capsys.readouterr().out         # new says what it pinned


@pytest.mark.unit
@pytest.mark.parametrize("bare", ["policypack", "policypack==0.1.0", "policypack>=0.1",
                                  "policypack @ git+https://github.com/example/policypack@main",
                                  "policypack @ git+http://github.com/example/policypack@" + SHA])
def test_an_unpinned_source_is_refused(tmp_path, capsys, bare):
    """A name, a range, a branch or plain http could serve other code tomorrow."""
    assert main(["new", str(tmp_path / "p"), "--policypack-source", bare]) == 2
    err = capsys.readouterr().err
    assert "E-ARG" in err and "pinned" in err and "Traceback" not in err
    assert not (tmp_path / "p").exists()                  # nothing half-written


@pytest.mark.unit
def test_a_wheel_source_is_kept_in_the_pack(tmp_path):
    wheel = tmp_path / "policypack-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK\x05\x06" + bytes(18))            # an empty zip: only copied here
    pack = new(tmp_path, "--policypack-source", str(wheel))
    assert (pack / ".policypack" / wheel.name).read_bytes() == wheel.read_bytes()
    assert workflow(pack)["env"]["POLICYPACK"] == f"./.policypack/{wheel.name}"


def _git(pack: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(pack), *args], check=True, capture_output=True,
                   env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                            GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com"))


@pytest.mark.unit
def test_an_error_is_annotated_on_its_line_and_fails_the_step(tmp_path, capsys):
    pack = new(tmp_path)
    reporting = pack / "content" / "online-safety" / "reporting.md"
    lines = reporting.read_text(encoding="utf-8").splitlines() + ["", "As set out in section 9."]
    reporting.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--project", str(pack), "check", "--format", "github", "--today", TODAY]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"^::error file=\S*content/online-safety/reporting\.md,line={len(lines)},"
                     rf"title=E-[A-Z-]+::.*section 9", out, re.M), out


def run_like_github(job: dict, cwd: Path, env: dict) -> dict:
    """Each step's `run` in order, as a runner does: a step after a failed one runs only under
    `if: always()`; returns the completed processes by step name (skipped ones absent)."""
    said, failed = {}, False
    for step in job["steps"]:
        if "run" not in step or step["name"] == "Install":
            continue
        if failed and "always()" not in str(step.get("if", "")):
            continue
        step_env = dict(env, **{k: str(v) for k, v in (step.get("env") or {}).items()
                                if "${{" not in str(v)})
        done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=cwd,
                              env=step_env, capture_output=True, text=True, timeout=600)
        said[step["name"]] = done
        failed = failed or done.returncode != 0
    return said


def _git(pack: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(pack), *args], check=True, capture_output=True,
                   env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                            GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com"))


@pytest.mark.build
def test_pull_request_steps_annotate_summarise_redline_and_build(tmp_path):
    """The review job's own commands, run as written after its install step (a policypack on
    .venv/bin as the install leaves it), on a pull request that adds a line at odds with the
    policy's review cycle."""
    pack = new(tmp_path, "--policypack-source", GIT_SOURCE)
    _git(pack, "init", "-q", "-b", "main")
    _git(pack, "add", "-A")
    _git(pack, "commit", "-q", "-m", "first")
    _git(pack, "update-ref", "refs/remotes/origin/main", "HEAD")
    reporting = pack / "content" / "online-safety" / "reporting.md"
    lines = reporting.read_text(encoding="utf-8").splitlines()
    lines += ["", "This policy will be reviewed every three years."]   # the policy says annually
    reporting.write_text("\n".join(lines) + "\n", encoding="utf-8")

    shim = pack / ".venv" / "bin" / "policypack"
    shim.parent.mkdir(parents=True)
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m builder "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    summary = tmp_path / "summary.md"
    env = dict(os.environ, GITHUB_STEP_SUMMARY=str(summary), BASE_REF="main",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    said = run_like_github(workflow(pack)["jobs"]["review"], pack, env)
    assert all(done.returncode == 0 for done in said.values()), \
        {name: done.stderr[-2000:] for name, done in said.items() if done.returncode}
    assert re.search(rf"^::warning file=content/online-safety/reporting\.md,line={len(lines)},"
                     rf"title=W-REVIEW-PROSE::", said["Check"].stdout, re.M), said["Check"].stdout
    text = summary.read_text(encoding="utf-8")
    assert "| warning | content/online-safety/reporting.md:" in text
    assert re.search(r"## Changed policies\n(.*\n)*- .*: Online Safety Policy \(changed\)", text), text
    assert (pack / "redline" / "oak-hill" / "online-safety.html").is_file()
    assert (pack / "site" / "oak-hill" / "index.html").is_file()
