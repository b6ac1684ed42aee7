"""The school site builder: a school's whole website, written by MkDocs into ``<school>/``.

Planned from the resolved school: every page (render.py's ``site_inputs``: the home page, a page
per policy and per form, the changelog, the accessibility statement) and the MkDocs config, keyed
with the theme. Rendered by MkDocs into a scratch folder, then moved into the school's folder in
the staging folder, each HTML page outlined for the link check as it is moved.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from builder.render.base import Builder, Job, Rendered
from builder.common import dates, paths


class Site(Builder):
    name = "site"

    def address(self, school, item=None) -> str:
        return paths.in_school(school)

    def plan(self, planner, rs) -> list[Job]:
        from builder.render.site.render import confine_theme, site_inputs
        confine_theme(planner.pack.theme_dir)   # before a worker copies anything from it
        files, config = site_inputs(rs, planner.pack, planner.today)
        epoch = site_epoch(rs)
        return [self.job(planner, rs.id, None, (planner.theme, files, config, epoch),
                         0.1 + 0.01 * len(files), (files, config, str(planner.pack.theme_dir), epoch))]

    def render(self, job: Job, stage: Path, outline: bool) -> Rendered:
        from builder.render.outlines import html_outline
        from builder.render.site.render import mkdocs_build   # looked up now: a test replaces it

        assert job.payload is not None   # dropped only after the job is sent to its worker
        files, config, theme_dir, epoch = job.payload
        written, outlines = [], {}
        with tempfile.TemporaryDirectory(dir=stage) as tmp:
            built = Path(tmp) / "site"
            with dates.epoch_set(epoch):   # MkDocs' sitemap dates
                mkdocs_build(files, config, Path(theme_dir), built)
            for path in sorted(p for p in built.rglob("*") if p.is_file()):
                rel = f"{job.rel}/{path.relative_to(built).as_posix()}"
                if outline and path.suffix == ".html":
                    outlines[rel] = html_outline(path.read_text(encoding="utf-8", errors="replace"))
                target = Path(stage) / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
                written.append(rel)
        return job.rel, written, outlines

    def floor(self, payload: tuple, scratch: Path) -> None:
        from builder.render.site.render import mkdocs_build
        files, config, theme, _epoch = payload
        mkdocs_build(files, config, Path(theme), scratch / "site")


def site_epoch(rs) -> str:
    """The date MkDocs stamps into a site (its sitemap): SOURCE_DATE_EPOCH, else the school's
    newest approval or version date, so a rebuild on another day gives the same bytes."""
    from builder.render.pages import source_date
    newest = max((source_date(rs, rp) for rp in rs.policies.values()), default=source_date(rs))
    return dates.epoch_text(newest)


SITE = Site()
