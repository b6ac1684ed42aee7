"""Where a pack file may lie (builder/source/paths.py), over paths and links nobody wrote down."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.source.paths import outside

PARTS = st.sampled_from(["schools", "oak", "elm", "content", "..", ".git", "x.md", "."])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PARTS, min_size=1, max_size=6), st.lists(PARTS, min_size=1, max_size=6))
def test_no_path_or_link_reads_outside_the_pack_a_hidden_folder_or_another_schools_folder(
        tmp_path, parts, link_parts):
    root = tmp_path / "pack"
    (root / "schools" / "oak").mkdir(parents=True, exist_ok=True)
    (root / "schools" / "elm").mkdir(parents=True, exist_ok=True)
    (root / ".git").mkdir(exist_ok=True)
    own = root / "schools" / "oak"
    link = own / "link.md"
    if link.is_symlink():
        link.unlink()
    os.symlink(os.path.join(*link_parts), link)          # a link a school may write, to anywhere
    for path in (root / Path(*parts), link, own / Path(*parts)):
        why = outside(root, path, own)                   # never raises
        real = path.resolve() if why is None else None
        if why is None:
            rel = real.relative_to(root.resolve())       # inside the pack ...
            assert not any(p.startswith(".") for p in rel.parts)   # ... never hidden ...
            assert real.is_relative_to(own.resolve())    # ... and in the school's own folder


def test_a_loop_is_named_not_raised(tmp_path):
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    assert "loop" in outside(tmp_path, tmp_path / "a.md")
