"""The trust's index (``site/index.html``): every school, its pack, and the review dashboard.

Built only from the manifest, so a sharded build's manifests can be merged and indexed last.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builder.render.pages import render
from builder.common.files import write_bytes, write_text

THEME_CSS = "css/theme.css"


def write_trust_index(stage: Path, manifest: dict, pack, today: dt.date) -> None:
    schools = [{"id": sid, **entry["summary"]} for sid, entry in sorted(manifest["schools"].items())]
    rows = [{"school": s["id"], "school_name": s["name"], **p} for s in schools for p in s["policies"]]
    order = {"overdue": 0, "missing": 1, "due-soon": 2, "current": 3}
    by_status = sorted(rows, key=lambda r: (order[r["status"]], r["next_review_iso"] or "", r["school"]))
    upcoming = sorted((r for r in rows if r["next_review_iso"] and r["next_review_iso"] >= today.isoformat()[:7]),
                      key=lambda r: (r["next_review_iso"], r["school"]))
    counts = {k: sum(1 for r in rows if r["status"] == k) for k in order}
    versions = []
    for pid, pol in pack.policies.items():
        for v in pol.versions:
            versions.append({"policy": pol.title, "version": v.version, "date": v.date.human(),
                             "iso": str(v.date), "summary": v.summary})
    versions.sort(key=lambda v: v["iso"], reverse=True)
    html = render("trust_index.html", trust=pack.trust.values, schools=schools, rows=by_status,
                  upcoming=upcoming, counts=counts, today=today.strftime("%-d %B %Y"),
                  versions=versions)
    write_text(stage / "index.html", html)
    css = (pack.theme_dir / THEME_CSS).read_bytes()
    write_bytes(stage / "assets" / "theme.css", css)
