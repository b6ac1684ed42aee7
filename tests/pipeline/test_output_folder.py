"""The output folder is the build's alone: a tampered manifest removes nothing outside it,
``--out`` may be a symlink (its folder is updated, and again the next time), an output in the
pack's sources is refused, and an output that cannot be written is one E-IO that the next build
recovers from."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.support.bad_inputs import built_small_pack, TODAY, copy_small_pack, leftovers, snapshot, sub

from builder.cli.main import main

RULES = "content/online-code/rules.md"


def build(pack, out, capsys, *extra):
    capsys.readouterr()
    status = main(["--project", str(pack), "build", "--out", str(out), "--today", TODAY, "-j", "1", "-q",
                   *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


@pytest.fixture(scope="module")
def golden(tmp_path_factory):
    return built_small_pack(tmp_path_factory.mktemp('out-golden'))


@pytest.fixture
def fresh(golden, tmp_path):
    pack, out = golden
    p, o = tmp_path / "pack", tmp_path / "site"
    shutil.copytree(pack, p)
    shutil.copytree(out, o)
    return p, o


def tamper(out, edit) -> None:
    path = out / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def add_file(rel):
    def edit(data):
        outputs = data["schools"]["oak"]["outputs"]
        first = sorted(outputs)[0]
        outputs[first]["files"].append(rel)
        for o in outputs.values():   # every output listed again, so any one rendered again reaches it
            o["files"].append(rel)
    return edit


def add_output(rel):
    def edit(data):
        data["schools"]["oak"]["outputs"][rel] = {"key": "x", "files": [rel]}
    return edit


def add_school(sid):
    def edit(data):
        data["schools"][sid] = dict(data["schools"]["oak"])
    return edit


@pytest.mark.parametrize("how", ["dotdot", "dotdot-deep", "absolute", "backslash", "output-dotdot",
                                 "school-dotdot", "school-absolute", "another-schools-file",
                                 "top-level-file"])
def test_a_tampered_manifest_removes_nothing_outside(fresh, tmp_path, capsys, how):
    pack, out = fresh
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "victim-dir").mkdir()
    (tmp_path / "victim-dir" / "inside.txt").write_text("keep me too\n", encoding="utf-8")
    edit = {
        "dotdot": add_file("../victim.txt"),
        "dotdot-deep": add_file("oak/../../victim.txt"),
        "absolute": add_file(str(victim)),
        "backslash": add_file("..\\victim.txt"),
        "output-dotdot": add_output("../victim.txt"),
        "school-dotdot": add_school(".."),
        "school-absolute": add_school(str(tmp_path / "victim-dir")),
        "another-schools-file": add_file("elm/pdf/online-code.pdf"),
        "top-level-file": add_file("trust.yml"),
    }[how]
    if how == "another-schools-file":   # a file the build keeps, that oak's entry must not claim
        victim = out / "elm" / "pdf" / "online-code.pdf"
        victim.parent.mkdir(parents=True)
        victim.write_text("keep me\n", encoding="utf-8")
    if how == "top-level-file":
        victim = out / "trust.yml"
        victim.write_text("keep me\n", encoding="utf-8")
    tamper(out, edit)
    # the text changes and a school goes, so the build removes old files and folders
    sub(pack, RULES, "Be kind online.", "Be kind and honest online.")
    status, err = build(pack, out, capsys)
    assert status == 0, err
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert (tmp_path / "victim-dir" / "inside.txt").is_file()
    assert (tmp_path / "pack" / "trust.yml").is_file()
    # the manifest was not ours: it is written afresh, naming only the build's own files
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = [f for s in data["schools"].values() for o in s["outputs"].values() for f in o["files"]]
    assert set(data["schools"]) == {"oak"}
    assert files and all(not f.startswith(("/", "..")) and "/../" not in f for f in files)
    assert any("Be kind and honest online." in p.read_text(encoding="utf-8")
               for p in (out / "oak").rglob("*.html"))
    assert leftovers(out) == []


def test_out_as_a_symlink_updates_the_folder_it_leads_to(golden, tmp_path, capsys):
    pack = copy_small_pack(tmp_path / "pack")
    real = tmp_path / "real-site"
    shutil.copytree(golden[1], real)
    link = tmp_path / "site"
    link.symlink_to(real, target_is_directory=True)
    for text in ("Be kind and honest online.", "Be kind, honest and fair online."):
        (pack / RULES).write_text(f"- {text}\n", encoding="utf-8")
        status, err = build(pack, link, capsys)
        assert status == 0, err
        assert link.is_symlink() and link.resolve() == real.resolve()
        assert any(text in p.read_text(encoding="utf-8") for p in real.rglob("*.html"))
        assert leftovers(real) == [] and leftovers(link) == []


def test_a_dangling_old_link_left_by_an_earlier_version_is_cleared(golden, tmp_path, capsys):
    pack = copy_small_pack(tmp_path / "pack")
    out = tmp_path / "site"
    shutil.copytree(golden[1], out)
    (tmp_path / ".site.old").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "keep.txt").write_text("x", encoding="utf-8")
    status, err = build(pack, out, capsys, "--force")
    assert status == 0, err
    assert (tmp_path / "elsewhere" / "keep.txt").is_file()
    assert leftovers(out) == []


@pytest.mark.parametrize("where", ["pack", "content", "content/online-code/site", "schools", "forms",
                                   "themes/site", "parent", "pack-via-link"])
def test_an_output_in_the_packs_sources_is_refused(tmp_path, capsys, where):
    pack = copy_small_pack(tmp_path / "pack")
    before = snapshot(pack)
    if where == "parent":
        out = tmp_path
    elif where == "pack-via-link":
        out = tmp_path / "link"
        out.symlink_to(pack / "content", target_is_directory=True)
    elif where == "pack":
        out = pack
    else:
        out = pack / where
    status, err = build(pack, out, capsys)
    assert status == 2, err
    assert "error E-OUT: the output folder would be the pack itself, hold it, or lie in its sources" in err
    assert snapshot(pack) == before
    assert not list(tmp_path.glob(".*staging")) and not list(pack.glob(".*"))


def test_the_default_output_inside_the_pack_is_fine(tmp_path, capsys):
    pack = copy_small_pack(tmp_path / "pack")
    status, err = build(pack, pack / "site", capsys)
    assert status == 0, err


def test_an_output_that_cannot_be_written_is_one_error_then_recovers(fresh, capsys, monkeypatch):
    """Permissions are simulated (the tests may run as root, who may write anywhere): the output's
    school folder reads as not writable."""
    pack, out = fresh
    before = snapshot(out)
    sub(pack, RULES, "Be kind online.", "Be kind and honest online.")
    real_access = os.access
    locked = str(out / "oak")
    monkeypatch.setattr(os, "access",
                        lambda p, mode, **kw: False if str(p) == locked else real_access(p, mode, **kw))
    status, err = build(pack, out, capsys)
    assert status == 2, err
    assert f"{locked}: error E-IO: the output folder cannot be written" in err
    assert err.count("error E-") == 1
    assert snapshot(out) == before and leftovers(out) == []
    monkeypatch.setattr(os, "access", real_access)   # the permissions are put right
    status, err = build(pack, out, capsys)
    assert status == 0, err
    assert snapshot(out) != before and leftovers(out) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only folder")
def test_a_read_only_output_for_real(fresh, capsys):
    pack, out = fresh
    before = snapshot(out)
    sub(pack, RULES, "Be kind online.", "Be kind and honest online.")
    os.chmod(out / "oak", 0o555)
    try:
        status, err = build(pack, out, capsys)
        assert status == 2 and "E-IO" in err, err
        assert snapshot(out) == before
    finally:
        os.chmod(out / "oak", 0o755)
    status, err = build(pack, out, capsys)
    assert status == 0, err
    assert leftovers(out) == []
