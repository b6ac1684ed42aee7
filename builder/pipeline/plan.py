"""The plan of a build: every output of a school as a job with a key and a payload.

``Planner.jobs`` asks each builder (builders.py) for its jobs. A job's payload is everything its
renderer reads (a policy PDF's HTML and signature fields, a form's resolved text and HTML, a
site's pages and config), made in the main process from the resolved school; its key is the
hash of that payload plus the builder's own code and library versions. So an output whose key
is unchanged cannot render differently, and the worker processes that render payloads need no
pack, no school and no resolving.

A school's fingerprint (its own files, the trust's shared ones, the theme, the builder, the
date, the options) lets a build skip resolving an unchanged school at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from builder import __version__
from builder.render.base import Job
from builder.common import dates
from builder.common.files import key_of
from builder.render.builders import BUILDERS

if TYPE_CHECKING:
    from builder.resolve.model import ResolvedSchool
    from builder.source.model import Pack

BUILDER_DIR = Path(__file__).resolve().parent.parent  # the whole package
# The libraries whose output ends up in the files: a new version may change every byte
# (fontTools subsets the embedded fonts).
RENDER_LIBRARIES = ("weasyprint", "pydyf", "fonttools", "mkdocs", "pypdf", "pyhanko", "jinja2", "markdown-it-py")


def tree_hash(*paths: Path) -> str:
    """SHA-256 over the relative names and bytes of every file under the paths (files too)."""
    h = hashlib.sha256()
    for base in map(Path, paths):
        if base.is_file():
            files = [base]
            base = base.parent
        else:
            files = sorted(p for p in base.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts and not p.name.endswith(".pyc"))
        for path in files:
            h.update(path.relative_to(base).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


@functools.cache
def builder_hash() -> str:
    """The builder's code, templates and library versions, hashed once per process: the code
    this process runs is what renders, even if the files change while it runs."""
    from importlib.metadata import PackageNotFoundError, version

    libs = []
    for name in RENDER_LIBRARIES:
        try:
            libs.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            libs.append(f"{name}=-")
    return key_of(__version__, tree_hash(BUILDER_DIR), libs)


class Planner:
    """Works out every output's key and payload from the resolved pack, rendering no PDF or page."""

    def __init__(self, pack: Pack, today: dt.date, signing: str | None = None,
                 drafts: bool = True):
        self.pack = pack
        self.today = today
        self.builder = builder_hash()
        self.theme = tree_hash(pack.theme_dir)
        self.signing = signing
        self.epoch = dates.source_epoch()
        root = Path(pack.root)
        shared = [p for p in (root / "trust.yml", root / "content", root / "forms") if p.exists()]
        self.shared = key_of(self.builder, self.theme, tree_hash(*shared), today.isoformat(),
                             self.epoch, signing, drafts)

    def fingerprint(self, school) -> str:
        """Everything a school's outputs are made from, as files: equal fingerprints mean equal
        keys. (Its own file and folder, the shared text, theme, builder, date and options, and
        its logo's bytes, which may be a file anywhere in the pack.)"""
        own = [p for p in (school.path, school.path.with_suffix("")) if p.exists()]
        logo = getattr(school, "logo", None)
        return key_of(self.shared, school.id, tree_hash(*own), logo.digest if logo else None)

    def jobs(self, rs: ResolvedSchool) -> list[Job]:
        """Every output of the school, from every builder, in the registry's order."""
        return [job for b in BUILDERS for job in b.plan(self, rs)]
