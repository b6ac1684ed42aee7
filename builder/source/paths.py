"""Where a file the pack reads may lie: inside the pack folder, never in a hidden file or folder
(.git/, where a CI checkout keeps its token), and a school's files inside its own folder
(schools/<id>/: the trust's files are the trust's to place, a school's folder is not trusted),
symbolic links followed to where they really lead. One rule for every reader of pack files
(load.py's files and logos, templating's snippets)."""

from __future__ import annotations

from pathlib import Path

from builder.common.diagnostics import PackError, error

# the folders a pack's text, forms, schools and theme are read from
SOURCES = ("content", "forms", "schools", "themes")


def outside(root: Path, path: Path, within: Path | None = None) -> str | None:
    """Why ``path`` may not be read as part of the pack at ``root`` (``within``: the folder it
    must lie in, such as a school's own), or None when it may. Never raises."""
    try:
        real = path.resolve()
        top = root.resolve()
        own = within.resolve() if within is not None else None
    except (RuntimeError, OSError):      # Python 3.11 raises RuntimeError on a loop, later ones OSError
        return "is a symbolic link that leads round in a loop"
    if not real.is_relative_to(top):
        return "lies outside the pack"
    if any(p.startswith(".") for p in real.relative_to(top).parts):
        return "leads into a hidden file or folder"
    if within is not None and own is not None and not real.is_relative_to(own):
        folder = within.relative_to(root).as_posix() if within.is_relative_to(root) else str(within)
        return f"leads out of its school's own folder ({folder}/)"
    return None


def refuse_output_in_sources(project: Path, out: Path, command: str) -> None:
    """E-OUT when ``out`` (the folder ``command`` replaces whole) is the pack folder, holds it,
    or lies in one of its sources: one rule for build, publish and import."""
    pack, real = Path(project).resolve(), Path(out).resolve()
    hidden = real.is_relative_to(pack) and any(p.startswith(".") for p in real.relative_to(pack).parts)
    if real == pack or pack.is_relative_to(real) or hidden or \
            any(real.is_relative_to(pack / name) for name in SOURCES):
        raise PackError(error(str(out), None, "E-OUT",
                              "the output folder would be the pack itself, hold it, or lie in "
                              f"its sources ({', '.join(s + '/' for s in SOURCES)}) or a hidden "
                              f"folder (.git/): {command} "
                              "replaces its output whole; choose another --out"))
