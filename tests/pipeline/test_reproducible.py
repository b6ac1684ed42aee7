"""Reproducible output: the same pack, built again elsewhere (another pack folder, another output
folder, forced, one worker instead of two) gives byte-identical files: every PDF, page, search
index, form, the trust index and the manifest. Nothing is excluded."""

from __future__ import annotations

import datetime as dt
import filecmp

import pytest

from builder.pipeline.build import build
from builder.pipeline.progress import Progress
from tests.support import TODAY, copy_pack


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


def test_no_build_paths_in_outputs(second_build):
    for f in all_files(second_build):
        data = (second_build / f).read_bytes()
        assert b"another-pack" not in data, f
        assert b"policypack-docs-" not in data, f


def test_no_clock_date_in_outputs(tmp_path):
    """Built "on" a day that is not the machine's (--today), no file carries the machine's date:
    every date comes from the pack or from --today."""
    clock = dt.date.today()
    other = dt.date(2001, 1, 2) if clock != dt.date(2001, 1, 2) else dt.date(2001, 1, 3)
    pack = copy_pack(tmp_path / "pack")
    sources = b"".join(p.read_bytes() for p in pack.rglob("*.*") if p.is_file())
    if clock.isoformat().encode() in sources:
        pytest.skip(f"the pack itself mentions today's date {clock}")
    out = tmp_path / "out"
    build(pack, out, ["vine-tree"], today=other, jobs=2, progress=Progress(quiet=True))
    files = all_files(out)
    assert any(f.endswith(".pdf") for f in files) and "index.html" in files
    for stamp in (clock.isoformat(), f"{clock:%Y%m%d}", f"{clock.day} {clock:%B %Y}"):
        for f in files:
            assert stamp.encode() not in (out / f).read_bytes(), (f, stamp)
