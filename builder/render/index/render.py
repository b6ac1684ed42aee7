"""The trust's index (``index.html`` in the build's folder): every school, its pack, and the review dashboard.

Built only from the manifest, so a sharded build's manifests can be merged and indexed last.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from builder.resolve.status import STATUSES
from builder.common import paths
from builder.render.calendar import review_calendar
from builder.render.pages import render
from builder.common.files import write_bytes, write_text
from builder.render.site.render import confine_theme

if TYPE_CHECKING:
    from builder.pipeline.manifest import Manifest

THEME_CSS = "css/theme.css"   # in the theme: the trust index shares the schools' stylesheet


def write_trust_index(stage: Path, manifest: Manifest, pack, today: dt.date) -> list[str]:
    """Write the index and its stylesheet into ``stage``; the files written."""
    schools = [e.summary for _, e in sorted(manifest.schools.items()) if e.summary is not None]
    rows = [r for s in schools for r in s.policies]
    order = {status: n for n, status in enumerate(STATUSES)}   # worst first
    by_status = sorted(rows, key=lambda r: (order[r.status], r.next_review_iso, r.school))
    upcoming = sorted((r for r in rows if r.next_review_iso and r.next_review_iso >= today.isoformat()[:7]),
                      key=lambda r: (r.next_review_iso, r.school))
    counts = {k: sum(1 for r in rows if r.status == k) for k in order}
    versions = []
    for pol in pack.policies.values():
        for v in pol.versions:
            versions.append({"policy": pol.title, "version": v.version, "date": v.date.human(),
                             "iso": str(v.date), "summary": v.summary})
    versions.sort(key=lambda v: v["iso"], reverse=True)
    html = render("trust_index.html", trust=pack.trust.values, schools=schools, rows=by_status,
                  upcoming=upcoming, counts=counts, today=today.strftime("%-d %B %Y"),
                  versions=versions, paths=paths)
    write_text(stage / paths.TRUST_INDEX, html)
    name = str(pack.trust.values.get("name") or "")
    write_bytes(stage / paths.REVIEWS, review_calendar(rows, f"Policy reviews: {name or 'every school'}",
                                                       name, pack.trust.settings.review_reminders,
                                                       today))
    confine_theme(pack.theme_dir)   # the theme's stylesheet is published here too
    css = (pack.theme_dir / THEME_CSS).read_bytes()
    write_bytes(stage / paths.TRUST_INDEX_CSS, css)
    return [paths.TRUST_INDEX, paths.TRUST_INDEX_CSS, paths.REVIEWS]
