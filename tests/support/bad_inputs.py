"""Shared by the bad-input, publishing and security tests: the small pack in tests/bad_inputs/,
a byte snapshot of an output folder, and edits that break one thing."""

from __future__ import annotations

import shutil
from pathlib import Path

SMALL_PACK = Path(__file__).resolve().parents[1] / "data" / "small-pack"
TODAY = "2026-11-21"


def copy_small_pack(dest: Path) -> Path:
    shutil.copytree(SMALL_PACK, dest, symlinks=True)
    return dest


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Staging or half-swapped folders left beside the output."""
    folder = Path(folder)
    return sorted(p.name for p in folder.parent.iterdir()
                  if p.name in (f".{folder.name}.staging", f".{folder.name}.old"))


def sub(pack: Path, rel: str, old: str, new: str) -> None:
    path = pack / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(pack: Path, rel: str, text: str) -> None:
    path = pack / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
