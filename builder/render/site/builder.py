"""The school site builder: a school's whole website, written by MkDocs into ``<school>/``.

Planned from the resolved school: every page (render.py's ``site_inputs``: the home page, a page
per policy and per form, the changelog, the accessibility statement) and the MkDocs config, keyed
with the theme. Rendered by MkDocs into a scratch folder, then moved into the school's folder in
the staging folder, each HTML page outlined for the link check as it is moved.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from builder.render.base import Builder, Job, Rendered
from builder.common import dates, paths
from builder.render.pages import source_date
from builder.render.site.render import confine_theme, site_inputs
from builder.render.outlines import html_outline
from builder.render.site import render as site_render


@dataclass(frozen=True)
class SitePayload:
    """Everything MkDocs reads for one school's site."""
    files: dict[str, str | bytes]   # the pages (and the logo) by their path under docs/
    config: dict                    # the MkDocs config, without paths
    theme_dir: str                  # the theme's folder (the pack's own, or the default)
    epoch: str                      # the date MkDocs stamps into the sitemap


class Site(Builder):
    name = "site"

    def address(self, school, item=None) -> str:
        return paths.in_school(school)

    def payload(self, pack, rs, today) -> SitePayload:
        """The school's pages and config, as the build and the preview both make them."""
        confine_theme(pack.theme_dir)   # before a worker copies anything from it
        files, config = site_inputs(rs, pack, today)
        return SitePayload(files, config, str(pack.theme_dir), site_epoch(rs))

    def plan(self, planner, rs) -> list[Job]:
        p = self.payload(planner.pack, rs, planner.today)
        return [self.job(planner, rs.id, None, (planner.theme, p.files, p.config, p.epoch),
                         0.1 + 0.01 * len(p.files), p)]

    def write(self, payload: SitePayload, folder: Path) -> None:
        """The site into ``folder`` (new), by MkDocs, with the payload's dates."""
        with dates.epoch_set(payload.epoch):   # MkDocs' sitemap dates
            site_render.mkdocs_build(   # looked up now: a test replaces it
                payload.files, payload.config, Path(payload.theme_dir), folder)

    def render(self, job: Job, stage: Path, outline: bool) -> Rendered:
        written, outlines = [], {}
        with tempfile.TemporaryDirectory(dir=stage) as tmp:
            built = Path(tmp) / "site"
            self.write(job.payload, built)
            for path in sorted(p for p in built.rglob("*") if p.is_file()):
                rel = f"{job.rel}/{path.relative_to(built).as_posix()}"
                if outline and path.suffix == ".html":
                    outlines[rel] = html_outline(path.read_text(encoding="utf-8", errors="replace"))
                target = Path(stage) / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
                written.append(rel)
        return job.rel, written, outlines



def site_epoch(rs) -> str:
    """The date MkDocs stamps into a site (its sitemap): SOURCE_DATE_EPOCH, else the school's
    newest approval or version date, so a rebuild on another day gives the same bytes."""
    newest = max((source_date(rs, rp) for rp in rs.policies.values()), default=source_date(rs))
    return dates.epoch_text(newest)


SITE = Site()
