"""The pages ``policypack diff`` writes: the trust's summary, each school's, each redline, and
the redline as a PDF.

Each page is a whole HTML document with the stylesheet inline (``redline.css`` beside this
module), so a page can be opened, mailed or printed on its own; ``write_pdf`` renders a redline
page as a tagged A4 PDF that fetches nothing.
"""

from __future__ import annotations

import hashlib
import html
from importlib import resources
from pathlib import Path

from builder.common.files import write_bytes
from builder.diff.changes import PolicyDiff
from builder.diff.redline_html import render_redline
from builder.diff.revisions import Revision
from builder.diff.schools import SchoolDiff
from builder.render.engine import fetch_refused, refuse_fetch, shipped_fonts


def _css() -> str:
    return resources.files(__package__).joinpath("redline.css").read_text(encoding="utf-8")


def page(title: str, body: str, crumbs: str = "") -> str:
    e = html.escape
    nav = f'<nav aria-label="Breadcrumb"><p class="crumbs">{crumbs}</p></nav>\n' if crumbs else ""
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="policypack diff">\n'
            f'<title>{e(title)}</title>\n<style>\n{_css()}</style>\n</head>\n<body>\n'
            f'<a class="skip" href="#main">Skip to the changes</a>\n{nav}'
            f'<main id="main">\n{body}\n</main>\n</body>\n</html>\n')


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _source_text(d: PolicyDiff, source: str) -> str:
    """e.g. "2 paragraphs changed, 1 added; sections: 1 added, 1 moved" for one source."""
    c = d.counts(source)
    paras = [f"{c.changed} changed" if c.changed else "", f"{c.added} added" if c.added else "",
             f"{c.removed} removed" if c.removed else ""]
    paras = [p for p in paras if p]
    text = ""
    if paras:
        text = ("paragraph: " if c.total == 1 else "paragraphs: ") + ", ".join(paras)
    kinds = {"added": 0, "removed": 0, "moved": 0}
    for s in d.sections:
        if s.status == "moved-away" or s.source != source:
            continue
        if s.status in ("added", "removed"):
            kinds[s.status] += 1
        elif s.moved:
            kinds["moved"] += 1
    secs = ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
    if secs:
        text += ("; " if text else "") + "sections: " + secs
    return text or "none"


def _section_label(s) -> str:
    return f"section {s.number} ({s.new_title or s.old_title})"


def _what_changed(d: PolicyDiff) -> str:
    if d.status == "added":
        return "New policy"
    if d.status == "removed":
        return "Policy removed"
    if not d.changed:
        return "No changes"
    sc = d.section_changes()
    bits = []
    for key, words in (("added", "added"), ("removed", "removed"), ("moved", "moved"),
                       ("reworded", "reworded")):
        if sc[key]:
            items = ", ".join(_section_label(s) if key != "removed" else
                              f"section {s.old_number} ({s.old_title})" for s in sc[key])
            bits.append(f"Sections {words}: {items}" if len(sc[key]) > 1 else
                        f"Section {words}: {items}")
    if d.old_title != d.new_title:
        bits.insert(0, f"Title changed from \u201c{d.old_title}\u201d")
    return "; ".join(bits) or "Section numbers only"


def _by_source(d: PolicyDiff) -> list[str]:
    """Plain sentences: which changes came from the master text, which from the school's values."""
    lines = []
    for source in ("master", "school", "both"):
        places = []
        for s in d.sections:
            if s.status == "moved-away":
                continue
            what = []
            if s.source == source:
                if s.status == "added":
                    what.append("section added")
                elif s.status == "removed":
                    what.append("section removed")
                else:
                    if s.moved:
                        what.append("section moved")
                    if s.title_changed:
                        what.append("heading changed")
            if s.status not in ("added", "removed"):
                c = {"insert": 0, "delete": 0, "change": 0}
                for b in s.blocks:
                    if b.op != "equal" and b.source == source:
                        c[b.op] += 1
                for op, word in (("change", "changed"), ("insert", "added"), ("delete", "removed")):
                    if c[op]:
                        what.append(f"{_plural(c[op], 'paragraph')} {word}")
            if what:
                where = _section_label(s) if s.status != "removed" else f"section {s.old_number} ({s.old_title})"
                places.append(f"{where}: {', '.join(what)}")
        if places:
            label = {"master": "Master text change", "school": "School value change",
                     "both": "Master text and school value change"}[source]
            lines.append(f"<li><strong>{label}</strong> in "
                         + html.escape("; ".join(places)) + "</li>")
    return lines


def school_page(sd: SchoolDiff, old: Revision, new: Revision, pdf: bool) -> str:
    e = html.escape
    title = f"{sd.name}: policy changes"
    body = [f"<h1>{e(title)}</h1>",
            f'<p class="revs">From {e(old.describe())} to {e(new.describe())}.</p>']
    if sd.note:
        body.append(f"<p>{e(sd.note)}</p>")
    if not sd.changed:
        body.append(f'<p class="nochange">No changes to {e(sd.name)}\u2019s policies.</p>')
    body.append('<table>\n<caption>Policies</caption>\n<thead><tr><th scope="col">Policy</th>'
                '<th scope="col">What changed</th><th scope="col">Paragraphs added</th>'
                '<th scope="col">Paragraphs removed</th><th scope="col">Paragraphs changed</th>'
                '<th scope="col">From master text</th><th scope="col">From school values</th>'
                '<th scope="col">Redline</th></tr></thead>\n<tbody>')
    for d in sd.policies:
        c = d.counts()
        if d.changed:
            links = f'<a href="{e(d.id)}.html">Web page<span class="sr"> for {e(d.title)}</span></a>'
            if pdf:
                links += f', <a href="{e(d.id)}.pdf">PDF<span class="sr"> for {e(d.title)}</span></a>'
            master, school = _source_text(d, "master"), _source_text(d, "school")
            if "both" in d.sources():
                master += f"; changed by both: {_source_text(d, 'both')}"
            cells = [e(_what_changed(d)), str(c.added), str(c.removed), str(c.changed), e(master),
                     e(school), links]
        else:
            cells = ["No changes", "0", "0", "0", "", "", ""]
        body.append(f'<tr><th scope="row">{e(d.title)}</th>'
                    + "".join(f'<td class="n">{x}</td>' if i in (1, 2, 3) else f"<td>{x}</td>"
                              for i, x in enumerate(cells)) + "</tr>")
    body.append("</tbody>\n</table>")
    for d in sd.changed:
        body.append(f'<h2><a href="{e(d.id)}.html">{e(d.title)}</a></h2>')
        lines = _by_source(d)
        body.append("<ul>" + "".join(lines) + "</ul>" if lines else "<p>Section numbers only.</p>")
    crumbs = '<a href="../index.html">All schools</a>'
    return page(title, "\n".join(body), crumbs)


LEGEND = ('<div class="legend"><p><ins><span class="sr">[inserted: </span>Inserted words'
          '<span class="sr">]</span></ins> are green and underlined; '
          '<del><span class="sr">[deleted: </span>deleted words<span class="sr">]</span></del> are '
          'red and struck through. A label after a change says whether it comes from the master '
          'text or from the school\u2019s own values. Unchanged paragraphs are folded.</p></div>')


def redline_page(sd: SchoolDiff, d: PolicyDiff, old: Revision, new: Revision) -> str:
    e = html.escape
    title = f"{d.title}: changes for {sd.name}"
    status = {"added": "This policy is new: all of its text is inserted.",
              "removed": "This policy has been removed: all of its text is deleted."}.get(d.status, "")
    c = d.counts()
    body = [f"<h1>{e(title)}</h1>",
            f'<p class="revs">From {e(old.describe())} to {e(new.describe())}. '
            f"Paragraphs: {c.added} added, {c.removed} removed, {c.changed} changed.</p>"]
    if status:
        body.append(f"<p><strong>{e(status)}</strong></p>")
    body.append(LEGEND)
    body.append(render_redline(d))
    crumbs = (f'<a href="../index.html">All schools</a> &rsaquo; '
              f'<a href="index.html">{e(sd.name)}</a>')
    return page(title, "\n".join(body), crumbs)


def trust_page(trust_name: str, diffs: list[SchoolDiff], old: Revision, new: Revision) -> str:
    e = html.escape
    title = f"{trust_name}: policy changes by school"
    rows = []
    for sd in diffs:
        changed = sd.changed
        if changed:
            total = {"added": 0, "removed": 0, "changed": 0}
            for d in changed:
                c = d.counts()
                total["added"] += c.added
                total["removed"] += c.removed
                total["changed"] += c.changed
            what = (", ".join(d.title for d in changed) + f" ({total['added']} added, "
                    f"{total['removed']} removed, {total['changed']} changed paragraphs)")
        else:
            what = "No changes"
        rows.append(f'<tr><th scope="row"><a href="{e(sd.id)}/index.html">{e(sd.name)}</a></th>'
                    f"<td>{e(what)}</td></tr>")
    body = (f"<h1>{e(title)}</h1>\n<p class=\"revs\">From {e(old.describe())} to {e(new.describe())}.</p>\n"
            '<table>\n<caption>Schools</caption>\n<thead><tr><th scope="col">School</th>'
            '<th scope="col">Policies changed</th></tr></thead>\n<tbody>\n' + "\n".join(rows)
            + "\n</tbody>\n</table>")
    return page(title, body)


def write_pdf(page_html: str, target: Path) -> None:
    """A4, tagged (PDF/UA-1), title from <title>, same bytes for the same page. Fetches nothing,
    and a relative link stays relative: no base address, which would turn it into a file:
    address on the machine that ran the diff."""
    from weasyprint import HTML

    ident = hashlib.sha256(page_html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    with fetch_refused():
        data = HTML(string=page_html, url_fetcher=refuse_fetch).write_pdf(
            pdf_variant="pdf/ua-1", pdf_identifier=ident, **shipped_fonts())
    write_bytes(target, data)

