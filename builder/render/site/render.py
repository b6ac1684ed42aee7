"""A school's policy website, built with MkDocs from the theme in ``themes/``.

``site_inputs`` makes the pages (HTML from our own renderer, wrapped in .md files MkDocs passes
through) and the MkDocs config; ``mkdocs_build`` runs MkDocs on them. The MkDocs step is kept
thin so another engine could take over: it adds the theme and navigation only; the search index
is ours (``write_search_index``), one entry per section, loaded as a script so it works from file://.

The theme is confined: every file in it is a regular file inside the theme folder
(``confine_theme``: a link leading out of it, or a device or pipe, is E-THEME naming the file), and
its templates render in Jinja's sandbox, as policy text does (``_sandboxed_env``): MkDocs makes
the theme's environment in ``Theme.get_env``, so the theme MkDocs loaded gets a ``get_env`` that
builds the same environment (loader, filters, translations) as a ``SandboxedEnvironment``.
"""

from __future__ import annotations

import functools
import json
import os
import re
from html import escape, unescape
from html.parser import HTMLParser
import logging
import tempfile
from pathlib import Path
from typing import Any

import yaml

from builder.common.colour import school_accent, text_on
from builder.common.diagnostics import PackError, error
from builder.resolve.approval import approval_facts
from builder.render.pages import linker, policy_html, render
from builder.resolve.model import ResolvedSchool
from builder.resolve.status import STATUSES, review_rows
from builder.source.values import address_as_shown
from builder.common import paths
from builder.common.addresses import safe_web_address
from builder.render.calendar import review_calendar
from builder.render.form.page import form_html
from builder.resolve.markdown import rewrite_links


def site_mapper(current_policy, source: str):
    """``pp:`` links as the site's page ``source`` writes them: by way of the site's folder."""
    return linker("site", current_policy,
                  policy_href=lambda pid: paths.rooted(source, paths.policy_page(pid)),
                  form_href=lambda fid: paths.rooted(source, paths.form_page(fid)))


def doc(page_path: str) -> str:
    """The Markdown file MkDocs turns into the page ``page_path`` (``use_directory_urls`` off)."""
    return page_path.removesuffix(".html") + ".md"


def site_inputs(rs: ResolvedSchool, pack, today) -> tuple[dict[str, str | bytes], dict]:
    """Pages as {path under docs/: text} (and the logo as {path: bytes}) and the MkDocs config
    (without paths)."""
    rows = {r.policy: r for r in review_rows(rs, today, pack.trust.settings.review_window_days)}
    forms = [pack.forms[f] for f in rs.forms if f in pack.forms]
    files: dict[str, str | bytes] = {}      # page text, or a file's bytes (the logo)
    files[doc(paths.HOME)] = page(render(
        "site_home.html", school=rs.values, trust=rs.trust, rows=list(rows.values()), forms=forms,
        roles=contacts(rs), paths=paths, link=functools.partial(paths.href, paths.HOME)))
    for pid, rp in rs.policies.items():
        here = paths.policy_page(pid)
        related = []
        for r in rp.related:
            if r in rs.policies:     # (not one this site leaves out: retired, or an unpublished draft)
                related.append({"title": pack.policies[r].title,
                                "href": paths.href(here, paths.policy_page(r))})
            elif r in rs.school.external:
                related.append({"title": rs.school.external[r].title,
                                "href": safe_web_address(rs.school.external[r].url) or "#"})
        files[doc(here)] = page(render(
            "site_policy.html", policy=rp, facts=approval_facts(rs, rp),
            sections=policy_html(rp, site_mapper(pid, here)),
            forms=[pack.forms[f] for f in rp.forms if f in pack.forms], related=related,
            school=rs.values, status=rows[pid].status, statuses=STATUSES, paths=paths,
            link=functools.partial(paths.href, here)))
    for form in forms:
        files[doc(paths.form_page(form.id))] = page(form_page(pack, rs, form))
    files[paths.REVIEWS] = review_calendar(rows.values(), f"Policy reviews: {rs.name}",
                                           str(rs.trust.get("name") or ""),
                                           pack.trust.settings.review_reminders, today)
    files[doc(paths.CHANGELOG)] = page(render(
        "site_changelog.html", rows=list(rows.values()), policies=rs.policies,
        facts={pid: approval_facts(rs, rp) for pid, rp in rs.policies.items()}, retired=rs.retired))
    colour = school_accent(rs.values)
    address = postal_address(rs)
    files[doc(paths.ACCESSIBILITY)] = page(render(
        "site_accessibility.html", school=rs.values, trust=rs.trust, address=address,
        updated=newest_date(rs)))
    nav = [{"Home": doc(paths.HOME)},
           {"Policies": [{rp.title: doc(paths.policy_page(pid))} for pid, rp in rs.policies.items()]}]
    if forms:
        nav.append({"Forms": [{f.title: doc(paths.form_page(f.id))} for f in forms]})
    nav.append({"Changelog": doc(paths.CHANGELOG)})
    nav.append({"Accessibility": doc(paths.ACCESSIBILITY)})
    config: dict[str, Any] = {
        "site_name": rs.name,
        "use_directory_urls": False,
        "nav": nav,
        "plugins": [],
        "markdown_extensions": [],
        "strict": False,
        "extra": {
            "colour": colour, "colour_text": text_on(colour),
            "trust_name": rs.trust.get("name", ""),
            "address": address,
            "phone": str(rs.values.get("phone") or ""), "email": str(rs.values.get("email") or ""),
            "logo": "", "logo_alt": "",
        },
    }
    if (logo := rs.school.logo) is not None:   # a file of the site (its bytes in the key), not a data: URI
        files[logo.site_path] = logo.data
        config["extra"].update(logo=logo.site_path, logo_alt=logo.alt)
    return files, config


def postal_address(rs: ResolvedSchool) -> str:
    """The school's address on one line, without the school's name when it is the first line."""
    lines = address_as_shown(rs.values.get("address")) or []
    lines = [str(a) for a in lines] if isinstance(lines, list) else [str(lines)]
    if lines and lines[0].strip().lower() == str(rs.name).strip().lower():
        lines = lines[1:]
    return ", ".join(lines)


def newest_date(rs: ResolvedSchool) -> str:
    """The newest approval or version date in the school's pack, as "1 September 2026": the
    accessibility statement's date, taken from the source so the output stays reproducible."""
    dates = []
    for rp in rs.policies.values():
        if rp.approval and rp.approval.approved:
            dates.append(rp.approval.approved.first)
        if rp.policy.current_version:
            dates.append(rp.policy.current_version.date.first)
    if not dates:
        return "the date these pages were published"
    d = max(dates)
    return f"{d.day} {d:%B %Y}"


def contacts(rs: ResolvedSchool) -> dict:
    """The school's named roles for its contact list, each person-and-title shown once."""
    seen, out = set(), {}
    for rid, role in (rs.values.get("roles") or {}).items():
        key = (role.get("title"), role.get("name"), role.get("email"))
        if role.get("name") and key not in seen:
            seen.add(key)
            out[rid] = role
    return out


def form_page(pack, rs, form) -> str:
    here = paths.form_page(form.id)
    html = form_html(rs.resolved_forms[form.id], paths.href(here, paths.form_pdf(form.id)),
                     paths.href(here, "js/pp-form.js"))
    return (f'<h1 id="form">{escape(form.title)}</h1>\n'
            + rewrite_links(html, site_mapper(None, here)))


def page(html: str) -> str:
    """A page MkDocs passes through untouched: one raw HTML block."""
    return '<div class="page">\n' + html.strip() + "\n</div>\n"


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def mkdocs_build(files: dict[str, str | bytes], config: dict, theme_dir: Path, site_dir: Path) -> None:
    """Run MkDocs on the pages into site_dir, then write the search index as a script."""
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    confine_theme(theme_dir)
    # MkDocs' pages beside the site it writes: a worker stopped half-way (an error elsewhere in
    # the build) leaves them in the staging folder the build removes, not in the system's temp
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="policypack-docs-", dir=site_dir.parent) as tmp:
        docs = Path(tmp) / "docs"
        for rel, text in files.items():
            path = docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):     # a file copied as it is (the logo)
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        cfg = dict(config, docs_dir=str(docs), site_dir=str(site_dir),
                   theme={"name": None, "custom_dir": str(Path(theme_dir).resolve())})
        cfg_path = Path(tmp) / "mkdocs.yml"
        cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=True), encoding="utf-8")
        log = logging.getLogger("mkdocs")
        handler = _Capture()
        log.addHandler(handler)
        old_level, old_propagate = log.level, log.propagate
        log.setLevel(logging.WARNING)
        log.propagate = False
        try:
            mk = load_config(config_file=str(cfg_path))
            # MkDocs' own hook for the theme's Jinja environment: ours is sandboxed
            mk.theme.get_env = functools.partial(_sandboxed_env, mk.theme)  # type: ignore[method-assign]
            build(mk)
        except TemplateError as exc:
            name, line = _template_place(exc, theme_dir)
            raise PackError(error(_theme_path(name, theme_dir), line, "E-THEME",
                                  f"theme template error: {exc}")) from exc
        except (MkDocsException, SystemExit) as exc:
            said = "; ".join(r.getMessage() for r in handler.records) or str(exc)
            raise PackError(error("themes/policypack", None, "E-SITE", f"MkDocs could not build: {said}")) from exc
        finally:
            log.removeHandler(handler)
            log.setLevel(old_level)
            log.propagate = old_propagate
    write_search_index(site_dir)
    # MkDocs' sitemap has no addresses without a site_url and a build date in each entry:
    # `policypack publish` writes the real one, from the source dates.
    for stray in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / stray).unlink(missing_ok=True)


class _Sections(HTMLParser):
    """Splits a page's <main> into search entries, one per heading with an id (or inside an
    element with one): {"id", "title", "text"}; the text before the first heading goes to the page."""

    HEADINGS = {"h1", "h2", "h3"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
    BLOCK = {"p", "li", "dt", "dd", "td", "th", "tr", "div", "section", "ul", "ol", "dl", "table",
             "fieldset", "legend", "label", "blockquote", "br", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        # {"id", "title" (its words as read, joined at the heading's end), "text" (its words)}
        self.entries: list[dict[str, Any]] = [{"id": None, "title": "", "text": []}]
        self.depth = 0          # >0 while inside <main>
        self.ids: list[str | None] = []   # ids of the open elements inside <main>
        self.heading: dict[str, Any] | None = None   # the entry whose heading text is being read
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.depth = 1
            return
        if self.depth and tag in self.BLOCK:
            self.handle_data(" ")
        if not self.depth or tag in self.VOID:
            return
        self.depth += 1
        self.ids.append(attrs.get("id"))
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.HEADINGS:
            anchor = attrs.get("id") or next((i for i in reversed(self.ids[:-1]) if i), None)
            if anchor:
                self.heading = {"id": anchor, "title": [], "text": []}
                self.entries.append(self.heading)

    def handle_endtag(self, tag):
        if self.depth and tag in self.BLOCK:
            self.handle_data(" ")
        if not self.depth or tag in self.VOID:
            return
        self.depth -= 1
        if self.ids:
            self.ids.pop()
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        if tag in self.HEADINGS and self.heading is not None:
            self.heading["title"] = " ".join("".join(self.heading["title"]).split())
            self.heading = None

    def handle_data(self, data):
        if not self.depth or self.skip:
            return
        if self.heading is not None:
            self.heading["title"].append(data)
        else:
            self.entries[-1]["text"].append(data)


def search_docs(page_html: str, location: str, page_title: str) -> list[dict]:
    """Search entries of one built page: the page itself, then each section (location#id)."""
    parser = _Sections()
    parser.feed(page_html)
    docs = []
    for e in parser.entries:
        text = " ".join("".join(e["text"]).split())
        if e["id"] is None:
            docs.append({"location": location, "title": page_title, "page": page_title, "text": text})
        else:
            docs.append({"location": f"{location}#{e['id']}", "title": e["title"] or page_title,
                         "page": page_title, "text": text})
    return docs


def write_search_index(site_dir: Path) -> None:
    """``search/search_index.js``: every page and section, loaded as a script (works from file://),
    which the theme's js/search.js indexes and searches with lunr.js (English stemming and BM25
    ranking; js/lunr/, the copy MkDocs ships) when the reader first types. The entries are sorted
    by page and written with sorted keys, so two builds write the same bytes."""
    docs = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(("search/", "404")):
            continue
        text = path.read_text(encoding="utf-8")
        m = re.search(r"<title>(.*?)</title>", text, re.S)
        title = unescape(m.group(1)).split(" – ")[0].strip() if m else rel
        docs.extend(search_docs(text, rel, title))
    out = site_dir / "search" / "search_index.js"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("window.POLICYPACK_SEARCH = " + json.dumps({"docs": docs}, ensure_ascii=False,
                                                              sort_keys=True) + ";\n", encoding="utf-8")


def _theme_path(name, theme_dir: Path) -> str:
    """A theme file as messages show it: relative to the pack (themes/<theme>/<file>)."""
    theme = Path(theme_dir).resolve()
    path = Path(str(name))
    if path.is_absolute():
        try:
            return path.resolve().relative_to(theme.parent.parent).as_posix()
        except ValueError:
            return path.as_posix()
    return f"themes/{theme.name}/{path.as_posix()}"


def _sandboxed_env(theme):
    """What ``mkdocs.theme.Theme.get_env`` makes (its loader over the theme's folders, MkDocs'
    ``url`` and ``script_tag`` filters, the theme's translations), as a sandboxed environment: a
    theme template reads the values it is given and reaches no Python internals."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment
    from mkdocs import localization
    from mkdocs.utils import templates

    env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(theme.dirs), auto_reload=False)
    env.filters["url"] = templates.url_filter
    env.filters["script_tag"] = templates.script_tag_filter
    localization.install_translations(env, theme.locale, theme.dirs)
    return env


def _template_place(exc, theme_dir: Path) -> tuple[str, int | None]:
    """(template file, line) of a template error: a syntax error carries them; a runtime error
    (the sandbox refusing, an undefined value) has them in the frames Jinja made for the template."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if name and line:
        return name, line
    theme = Path(theme_dir).resolve()
    tb, found = exc.__traceback__, None
    while tb is not None:
        where = tb.tb_frame.f_code.co_filename
        if where.endswith((".html", ".xml", ".js", ".css", ".txt")) or \
                Path(where).resolve().is_relative_to(theme):
            found = (where, tb.tb_lineno)
        tb = tb.tb_next
    if found:
        return found
    return name or "themes/policypack", line


def confine_theme(theme_dir: Path) -> None:
    """Every file the theme could publish is a regular file inside its folder (a pack's own
    theme folder inside the pack): a link out of it (say to /etc/passwd) or a device, pipe or
    socket would be copied into every school's site, or hang the build."""
    theme_dir = Path(theme_dir)
    root = theme_dir.resolve()
    if theme_dir.parent.name == "themes" and not root.is_relative_to(theme_dir.parent.parent.resolve()):
        raise PackError(error(_theme_path(theme_dir, theme_dir), None, "E-THEME",
                              "the theme folder is a link to a place outside the pack: keep the "
                              "theme's files in themes/policypack/"))
    problems = []
    for dirpath, dirnames, filenames in os.walk(root):   # links are not followed
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            shown = _theme_path(root / path.relative_to(root), theme_dir)
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    problems.append(error(shown, None, "E-THEME", "theme file is a link that leads "
                                          "nowhere (or in a loop): replace it with the file itself"))
                    continue
                if not target.is_relative_to(root):
                    problems.append(error(shown, None, "E-THEME", "theme file is a link to a place "
                                          "outside the theme folder, which would be published in "
                                          "every school's site: copy the file into the theme instead"))
                    continue
                if target.is_dir():
                    problems.append(error(shown, None, "E-THEME", "theme folder is a link: make it "
                                          "a real folder"))
                    continue
            if not (path.is_dir() or path.is_file()):
                problems.append(error(shown, None, "E-THEME", "theme file is not a regular file "
                                      "(a device, pipe or socket): remove it"))
    if problems:
        raise PackError(problems)
