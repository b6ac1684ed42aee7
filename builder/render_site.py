"""A school's policy website, built with MkDocs from the theme in ``themes/``.

``site_inputs`` makes the pages (HTML from our own renderer, wrapped in .md files MkDocs passes
through) and the MkDocs config; ``mkdocs_build`` runs MkDocs on them. The MkDocs step is kept
thin so another engine could take over: it adds the theme, navigation and search index only.
"""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path

import yaml

from .colour import accessible_accent, text_on
from .diagnostics import PackError, error
from .pages import approval_facts, linker, policy_html, render
from .resolve import ResolvedSchool
from .review import STATUSES, review_status

DEFAULT_COLOUR = "#1d4e89"


def site_mapper(current_policy, depth: int):
    up = "../" * depth
    return linker("site", current_policy,
                  policy_href=lambda pid: f"{up}policies/{pid}.html",
                  form_href=lambda fid: f"{up}forms/{fid}.html")


def site_inputs(rs: ResolvedSchool, pack, today) -> tuple[dict[str, str], dict]:
    """Pages as {path under docs/: text} and the MkDocs config (without paths)."""
    window = pack.trust.settings.review_window_days
    rows = []
    for pid, rp in rs.policies.items():
        facts = approval_facts(rs, rp)
        status = review_status(rp.next_review, today, window)
        rows.append({"id": pid, "title": rp.title, "facts": facts, "status": status,
                     "status_label": STATUSES[status], "forms": rp.forms})
    forms = [pack.forms[f] for f in rs.forms if f in pack.forms]
    files = {}
    files["index.md"] = page(render("site_home.html", school=rs.values, trust=rs.trust, rows=rows,
                                    forms=forms, roles=rs.values.get("roles") or {}))
    for pid, rp in rs.policies.items():
        facts = approval_facts(rs, rp)
        related = []
        for r in rp.related:
            if r in pack.policies:
                related.append({"title": pack.policies[r].title, "href": f"{r}.html"})
            elif r in rs.school.external:
                related.append({"title": rs.school.external[r].title, "href": rs.school.external[r].url})
        files[f"policies/{pid}.md"] = page(render(
            "site_policy.html", policy=rp, facts=facts, sections=policy_html(rp, site_mapper(pid, 1)),
            forms=[pack.forms[f] for f in rp.forms if f in pack.forms], related=related,
            school=rs.values, status=review_status(rp.next_review, today, window), statuses=STATUSES))
    for form in forms:
        files[f"forms/{form.id}.md"] = page(form_page(pack, rs, form))
    files["changelog.md"] = page(render("site_changelog.html", rows=rows, policies=rs.policies))
    colour, _ = accessible_accent(str(rs.values.get("colour") or DEFAULT_COLOUR))
    address = rs.values.get("address") or []
    nav = [{"Home": "index.md"},
           {"Policies": [{rp.title: f"policies/{pid}.md"} for pid, rp in rs.policies.items()]}]
    if forms:
        nav.append({"Forms": [{f.title: f"forms/{f.id}.md"} for f in forms]})
    nav.append({"Changelog": "changelog.md"})
    config = {
        "site_name": rs.name,
        "use_directory_urls": False,
        "nav": nav,
        "plugins": ["search"],
        "markdown_extensions": [],
        "strict": False,
        "extra": {
            "colour": colour, "colour_text": text_on(colour),
            "trust_name": rs.trust.get("name", ""),
            "address": ", ".join(str(a) for a in address) if isinstance(address, list) else str(address),
            "phone": str(rs.values.get("phone") or ""), "email": str(rs.values.get("email") or ""),
        },
    }
    return files, config


def form_page(pack, rs, form) -> str:
    try:
        from .render_form import form_html
    except ImportError:
        return render("site_form_fallback.html", form=form)
    html = form_html(pack, rs, form, f"{form.id}.pdf")
    from .markdown import rewrite_links
    return rewrite_links(html, site_mapper(None, 1))


def page(html: str) -> str:
    """A page MkDocs passes through untouched: one raw HTML block."""
    return '<div class="page">\n' + html.strip() + "\n</div>\n"


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def mkdocs_build(files: dict[str, str], config: dict, theme_dir: Path, site_dir: Path) -> None:
    """Run MkDocs on the pages into site_dir, then write the search index as a script."""
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with tempfile.TemporaryDirectory(prefix="policypack-docs-") as tmp:
        docs = Path(tmp) / "docs"
        for rel, text in files.items():
            path = docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
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
            build(mk)
        except TemplateError as exc:
            name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "themes/policypack"
            raise PackError(error(_theme_path(name, theme_dir), getattr(exc, "lineno", None), "E-THEME",
                                  f"theme template error: {exc}"))
        except (MkDocsException, SystemExit) as exc:
            said = "; ".join(r.getMessage() for r in handler.records) or str(exc)
            raise PackError(error("themes/policypack", None, "E-SITE", f"MkDocs could not build: {said}"))
        finally:
            log.removeHandler(handler)
            log.setLevel(old_level)
            log.propagate = old_propagate
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        titles = {d["location"]: d["title"] for d in data.get("docs", []) if "#" not in d["location"]}
        docs_out = []
        for d in data.get("docs", []):
            d = {"location": d["location"], "title": d["title"], "text": d["text"]}
            d["page"] = titles.get(d["location"].split("#")[0], "")
            docs_out.append(d)
        (site_dir / "search" / "search_index.js").write_text(
            "window.POLICYPACK_SEARCH = " + json.dumps({"docs": docs_out}, ensure_ascii=False,
                                                       sort_keys=True) + ";\n", encoding="utf-8")
    for stray in ("sitemap.xml.gz",):
        (site_dir / stray).unlink(missing_ok=True)


def _theme_path(name, theme_dir: Path) -> str:
    name = str(name)
    return name if "/" in name else f"themes/{theme_dir.name}/{name}"
