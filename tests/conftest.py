"""Shared fixtures: the example pack (the repository itself) built once per test session."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 21)
SCHOOLS = ["chestnuts", "edith-cavell", "vine-tree"]
PACK_PARTS = ["trust.yml", "content", "forms", "schools", "themes"]


def copy_pack(dest: Path) -> Path:
    """A private copy of the example pack to change in a test."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PACK_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture(scope="session")
def example_pack():
    from builder.load import load_pack
    return load_pack(ROOT)


@pytest.fixture(scope="session")
def example_resolved(example_pack):
    from builder.resolve import resolve_all
    return resolve_all(example_pack)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example pack built once, with every output, as `policypack build` writes it."""
    from builder.build import build
    from builder.progress import Progress
    out = tmp_path_factory.mktemp("example") / "site"
    build(ROOT, out, today=TODAY, jobs=2, progress=Progress(quiet=True))
    return out
