"""Nothing half-published: a build that fails, is interrupted (Ctrl-C) or is killed leaves the
previous output exactly as it was, the next build recovers, and a second build started into the
same folder is turned away with a clear message."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ROOT

from tests.support.bad_inputs import TODAY, copy_small_pack, leftovers, snapshot, sub

from builder.cli.main import main

SCHOOLS = ["ash", "birch", "cedar", "elm", "hazel"]


def bigger_pack(dest: Path) -> Path:
    """The small pack with a few more schools, so a build takes long enough to interrupt."""
    pack = copy_small_pack(dest)
    text = (pack / "schools" / "oak.yml").read_text(encoding="utf-8")
    for n, sid in enumerate(SCHOOLS):
        # each school its own short name, phone and people: oak's would be another school's details
        (pack / "schools" / f"{sid}.yml").write_text(
            text.replace("Oak Primary", f"{sid.title()} Primary").replace("oak-school.org.uk", f"{sid}.example")
                .replace("short_name: Oak", f"short_name: {sid.title()}")
                .replace("960300", f"96032{n}").replace("Jo Park", f"Jo Park{'e' * (n + 1)}")
                .replace("Sam Reid", f"Sam Reid{'e' * (n + 1)}"),
            encoding="utf-8")
    return pack


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("atomic")
    pack = bigger_pack(base / "pack")
    out = base / "site"
    assert main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-q"]) == 0
    return pack, out


@pytest.fixture
def fresh(built, tmp_path):
    """A private copy of the built pack and its output, with the text changed so that the next
    build renders every output again."""
    pack, out = built
    p, o = tmp_path / "pack", tmp_path / "site"
    shutil.copytree(pack, p)
    shutil.copytree(out, o)
    sub(p, "content/online-code/rules.md", "Be kind online.", "Be kind and honest online.")
    return p, o, snapshot(o)


def spawn(pack: Path, out: Path, *extra) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "builder", "--project", str(pack), "build", "--out", str(out),
         "--today", TODAY, "-q", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)


def wait_until_rendering(proc: subprocess.Popen, out: Path, timeout=60.0) -> None:
    """Until the build has staged and written at least one new output."""
    stage = out.parent / f".{out.name}.staging"
    deadline = time.monotonic() + timeout
    start = time.time()
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            if stage.is_dir() and any(p.stat().st_mtime >= start for p in stage.rglob("*.pdf")):
                return
        except FileNotFoundError:  # the build removes its temporary folders as we look
            pass
        time.sleep(0.02)
    raise AssertionError("the build never started rendering")


def test_error_mid_render_leaves_output(fresh, monkeypatch):
    pack, out, before = fresh
    import builder.render.site.render as rs

    def broken(files, config, theme_dir, site_dir):
        Path(site_dir).mkdir(parents=True, exist_ok=True)
        (Path(site_dir) / "index.html").write_text("half a page", encoding="utf-8")
        raise RuntimeError("renderer fault")

    monkeypatch.setattr(rs, "mkdocs_build", broken)
    with pytest.raises(RuntimeError, match="renderer fault"):
        main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1", "-q"])
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_check_error_after_render_leaves_output(fresh, monkeypatch, capsys):
    """A link check failing on the rendered output (the last step) publishes nothing."""
    pack, out, before = fresh
    import builder.pipeline.build as b
    from builder.common.diagnostics import error
    monkeypatch.setattr(b, "post_render_checks",
                        lambda stage, *rest: [error("site/oak/index.html", 3, "E-LINK", "broken link: 'x'")])
    assert main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1",
                 "-q"]) == 2
    assert "site/oak/index.html:3: error E-LINK" in capsys.readouterr().err
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_ctrl_c_leaves_output(fresh):
    pack, out, before = fresh
    proc = spawn(pack, out, "-j", "2")
    wait_until_rendering(proc, out)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted; the previous output is left as it was" in err
    assert "Traceback" not in err
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_killed_build_leaves_output_and_next_build_recovers(fresh):
    pack, out, before = fresh
    proc = spawn(pack, out, "-j", "2")
    wait_until_rendering(proc, out)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert snapshot(out) == before  # the half-built staging folder is beside it, not in it
    assert main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-q"]) == 0
    assert leftovers(out) == []
    html = (out / "oak" / "policies" / "online-code.html").read_text(encoding="utf-8")
    assert "Be kind and honest online." in html


def test_killed_between_the_two_renames_is_recovered(fresh):
    """Killed after the old output was moved aside and before the new one was moved in: the
    next build puts the previous output back first, then builds."""
    pack, out, before = fresh
    os.replace(out, out.parent / f".{out.name}.old")
    from builder.pipeline.staging import Staging
    with Staging(out) as s:
        assert snapshot(out) == before
        assert snapshot(s.stage) == before  # the staging copy starts from the restored output
    assert snapshot(out) == before and leftovers(out) == []


def test_second_build_into_same_folder_is_turned_away(fresh, capsys):
    pack, out, before = fresh
    proc = spawn(pack, out, "-j", "1")
    wait_until_rendering(proc, out)
    status = main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-q"])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{out}: error E-LOCKED-OUTPUT: another policypack build is writing to this folder" in err
    assert "Traceback" not in err
    _, err1 = proc.communicate(timeout=120)
    assert proc.returncode == 0, err1
    # the first build's output is whole: every school, every output in the manifest exists
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["schools"]) == sorted(SCHOOLS + ["oak"])
    for entry in manifest["schools"].values():
        for output in entry["outputs"].values():
            for f in output["files"]:
                assert (out / f).is_file(), f
    assert "Be kind and honest online." in (out / "oak/policies/online-code.html").read_text("utf-8")
    assert leftovers(out) == []
