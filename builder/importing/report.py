"""The import's report: ``report.json`` for tools and ``report.html`` for trust staff and governors.

Both are made from one dictionary (``build_report``), so they never disagree. The JSON is
written with sorted keys and a fixed indent; the page from a template beside this module
(``report_page.html``, autoescaping on) with its CSS inline (``report.css``): no scripts, nothing
fetched, every piece of the imported document escaped (it is untrusted text). The redlines come
from ``diff.redline_html`` (the engine ``policypack diff`` uses), which escapes every word it
writes. Nothing in either file depends on the clock: a date appears only when ``--today`` gave one.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import jinja2

from builder.importing.align import SectionRow, redline_words
from builder.common.diagnostics import SEVERITIES, Diagnostic, format_json, printable
from builder.diff.redline_html import render_section_blocks

FORMAT_VERSION = 1
HERE = Path(__file__).parent

_env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                          undefined=jinja2.StrictUndefined,
                          loader=jinja2.FileSystemLoader(str(HERE)))

STATUS_TEXT = {
    "same": "Same as the master",
    "reworded": "Reworded",
    "missing": "Missing from the school's copy",
    "school-only": "The school's own section",
    "new": "A section of the new policy",
}


def plain(value):
    """A found value as JSON holds it: dates as YYYY-MM-DD (a month as YYYY-MM), lists and
    mappings item by item, anything else as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    iso = getattr(value, "iso", None)
    if callable(iso):
        return iso()
    return str(value)


def section_entry(row: SectionRow, draft: dict | None = None) -> dict:
    imp, ms = row.imported, row.master
    return {
        "imported_title": printable(imp.title) if imp else None,
        "imported_line": imp.line if imp else None,
        "imported_number": imp.number if imp else None,
        "master_section": ms.id if ms else None,
        "master_title": ms.title if ms else None,
        "master_number": ms.number if ms else None,
        "status": row.status,
        "similarity": row.similarity,
        "title_similarity": row.title_similarity,
        "pairing": row.pairing,
        "redline": redline_words(row),
        "draft": draft,
    }


def value_entry(found) -> dict:
    """A found value: key, value, line, source; ``note`` (what to check) and ``conflict`` (the
    copy gives this key another value too) when the finder gives them."""
    entry = {"key": found.key, "value": plain(found.value), "line": found.line, "source": found.source}
    for extra in ("note", "conflict"):
        if getattr(found, extra, None):
            entry[extra] = plain(getattr(found, extra))
    return entry


def build_report(*, doc, policy_id: str, policy_title: str, school_id: str, school_name: str | None,
                 school_in_pack: bool, rows: list[SectionRow], drafts: dict[int, dict], found,
                 diagnostics: list[Diagnostic], today: _dt.date | None, outputs: list[str]) -> dict:
    """The report as a dictionary. ``drafts`` maps a row's index to its add_sections draft."""
    sections = [section_entry(r, drafts.get(k)) for k, r in enumerate(rows)]
    counts = {s: sum(1 for r in rows if r.status == s and (r.pairing != "split"))
              for s in ("same", "reworded", "missing", "school-only", "new")}
    diags = json.loads(format_json(diagnostics))
    return {
        "format": FORMAT_VERSION,
        "document": {"path": doc.display, "kind": doc.kind, "title": doc.title,
                     "lines": len(doc.lines), "sections": len(doc.sections),
                     # (what stands above the first heading and is no section: read for its values,
                     # shown so nothing the copy says is lost from sight)
                     "cover": [{"line": p.line, "text": printable(p.text)} for p in doc.preamble if p.text.strip()]},
        "policy": {"id": policy_id, "title": policy_title},
        "school": {"id": school_id, "name": school_name, "in_pack": school_in_pack},
        "today": today.isoformat() if today else None,
        "summary": {**counts, "values": len(found),
                    **{f"{s}s": sum(1 for d in diagnostics if d.severity == s) for s in SEVERITIES}},
        "sections": sections,
        "values": [value_entry(f) for f in found],
        "diagnostics": diags,
        "outputs": outputs,
    }


def report_json(report: dict) -> str:
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _redline(row: SectionRow) -> str:
    return render_section_blocks(row.diff, context=2) if row.diff else ""


def report_html(report: dict, rows: list[SectionRow]) -> str:
    """The page for people: a summary, each section with its status and its redline (or its
    text), the values found and the copy's own defects, each at its line."""
    css = "\n".join((folder / name).read_text(encoding="utf-8")
                    for folder, name in ((HERE.parent / "diff", "redline.css"), (HERE, "report.css")))
    items = []
    for entry, row in zip(report["sections"], rows):
        items.append({
            "e": entry,
            "status_text": STATUS_TEXT[entry["status"]],
            "redline": jinja2.utils.markupsafe.Markup(_redline(row)),   # escaped by the engine
            "imported": [printable(p.text) for p in row.paragraphs] if entry["status"] != "missing" else [],
            "master": row.master.paragraphs if row.master is not None else [],
        })
    values = [{**v, "shown": _shown(v["value"])} for v in report["values"]]
    return _env.get_template("report_page.html").render(
        r=report, items=items, values=values,
        css=jinja2.utils.markupsafe.Markup(css))    # our own stylesheet: "<" never appears in it


def _shown(value) -> str:
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in sorted(value.items()))
    return printable("" if value is None else str(value))
