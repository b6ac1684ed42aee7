"""Sharded builds: every N-th school into its own folder, then `policypack merge` gives the same
output as one build of the whole pack, byte for byte, with the trust index over every school."""

from __future__ import annotations

import filecmp

import pytest

from builder.pipeline.manifest import read_manifest, write_manifest
from builder.pipeline.build import build
from builder.cli.build import parse_shard
from builder.cli.main import main
from builder.common.diagnostics import PackError
from builder.pipeline.merge import merge_shards
from builder.pipeline.progress import Progress
from tests.support import ROOT, SCHOOLS, TODAY
from tests.support import parse_page


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    base = tmp_path_factory.mktemp("shards")
    folders = []
    for k in (1, 2, 3):
        folder = base / f"shard-{k}"
        build(ROOT, folder, today=TODAY, jobs=2, shard=(k, 3), progress=Progress(quiet=True))
        folders.append(folder)
    return folders


def all_files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_each_shard_holds_every_third_school(shards):
    seen = []
    for k, folder in enumerate(shards, start=1):
        manifest = read_manifest(folder)
        assert manifest.shard == f"{k}/3"
        schools = sorted(manifest.schools)
        assert schools == [s for i, s in enumerate(sorted(SCHOOLS)) if i % 3 == k - 1]
        assert sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != "assets") == schools
        seen += schools
    assert sorted(seen) == sorted(SCHOOLS)


def test_merged_shards_equal_a_full_build(shards, example_site, tmp_path):
    out = tmp_path / "site"
    result = merge_shards(ROOT, shards, out)
    assert result.schools == sorted(SCHOOLS)
    assert all_files(out) == all_files(example_site)
    match, mismatch, errors = filecmp.cmpfiles(out, example_site, all_files(out), shallow=False)
    assert not mismatch and not errors, mismatch + errors
    index = parse_page(out / "index.html")
    for sid in SCHOOLS:
        assert any(h.startswith(f"{sid}/") for h in index.hrefs), sid
    names = " ".join(index.text)
    for entry in read_manifest(out).schools.values():
        assert entry.name in names


def test_merge_command_line_and_errors(shards, tmp_path, capsys):
    out = tmp_path / "merged"
    assert main(["--project", str(ROOT), "merge", *map(str, shards), "--out", str(out)]) == 0
    assert "merged 3 school(s) from 3 shard(s)" in capsys.readouterr().out
    # a shard left out: the index would silently lack schools, so merge refuses
    assert main(["--project", str(ROOT), "merge", str(shards[0]), "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "E-MERGE" in err and "no shard has school(s)" in err
    assert not (tmp_path / "x").exists()
    # the same shard twice
    with pytest.raises(PackError) as exc:
        merge_shards(ROOT, [shards[0], shards[0], shards[1], shards[2]], tmp_path / "y")
    assert "is in two shards" in str(exc.value)
    # not a build folder
    with pytest.raises(PackError) as exc:
        merge_shards(ROOT, [tmp_path], tmp_path / "z")
    assert "not a policypack build folder" in str(exc.value)


def test_merge_refuses_shards_built_for_different_dates(shards, tmp_path):
    import shutil
    copy = tmp_path / "shard-3"
    shutil.copytree(shards[2], copy)
    manifest = read_manifest(copy)
    manifest.today = "2027-01-01"
    write_manifest(copy, manifest)
    with pytest.raises(PackError) as exc:
        merge_shards(ROOT, [shards[0], shards[1], copy], tmp_path / "out")
    assert "different dates" in str(exc.value)
    assert not (tmp_path / "out").exists()
    merge_shards(ROOT, [shards[0], shards[1], copy], tmp_path / "out", today=TODAY)
    merged = read_manifest(tmp_path / "out")
    assert merged.today == TODAY.isoformat() and set(merged.schools) == set(SCHOOLS)


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/0"])
def test_bad_shard_option(text):
    with pytest.raises(PackError) as exc:
        parse_shard(text)
    assert exc.value.diagnostics[0].code == "E-ARG"


def test_shard_option_parses():
    assert parse_shard("2/5") == (2, 5)
