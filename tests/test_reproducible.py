"""Reproducible output: the same pack, built again elsewhere (another pack folder, another output
folder, forced, one worker instead of two) gives byte-identical files: every PDF, page, search
index, form, the trust index and the manifest. Nothing is excluded."""

from __future__ import annotations

import datetime as dt
import filecmp

import pytest

from builder.build import build
from builder.progress import Progress
from conftest import TODAY, copy_pack


def all_files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def second_build(tmp_path_factory):
    pack = copy_pack(tmp_path_factory.mktemp("elsewhere") / "another-pack")
    out = pack.parent / "out" / "public"
    result = build(pack, out, today=TODAY, jobs=1, force=True, progress=Progress(quiet=True))
    assert result.rendered and not result.kept
    return out


def test_every_file_is_byte_identical(example_site, second_build):
    files = all_files(example_site)
    assert files == all_files(second_build)
    assert any(f.endswith(".pdf") and "/forms/" in f for f in files)
    assert any(f.endswith(".pdf") and "/pdf/" in f for f in files)
    assert "manifest.json" in files and "index.html" in files
    match, mismatch, errors = filecmp.cmpfiles(example_site, second_build, files, shallow=False)
    assert not mismatch and not errors, mismatch + errors


def test_no_build_paths_or_clock_in_outputs(second_build):
    for f in all_files(second_build):
        data = (second_build / f).read_bytes()
        assert b"another-pack" not in data, f
        assert b"policypack-docs-" not in data, f
    today = dt.date.today()
    if today != TODAY:   # a date from the machine's clock would be the same in both builds
        for stamp in (today.isoformat(), f"{today:%Y%m%d}", f"{today.day} {today:%B %Y}"):
            for f in all_files(second_build):
                assert stamp.encode() not in (second_build / f).read_bytes(), (f, stamp)
