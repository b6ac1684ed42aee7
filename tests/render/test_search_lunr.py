"""The site's search: lunr.js shipped with the theme as MkDocs ships it (its version, licence and
checksum noted), loaded by every page before the search script, which fetches nothing; the index
the builder writes is the same bytes however often it is written. (tests/browser/
test_phone_tables_search_measure.py searches the built site.)"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from tests.support import ROOT

THEME = ROOT / "builder" / "render" / "site" / "theme"
LUNR = THEME / "js" / "lunr"


def test_lunr_is_mkdocs_copy_with_its_licence_and_checksum():
    note = (LUNR / "VERSION.txt").read_text(encoding="utf-8")
    data = (LUNR / "lunr.js").read_bytes()
    assert hashlib.sha256(data).hexdigest() in note
    version = re.search(rb'lunr.version = "([\d.]+)"', data).group(1).decode()
    assert f"lunr.js {version} " in note
    licence = (LUNR / "LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Oliver Nightingale" in licence
    import mkdocs
    shipped = Path(mkdocs.__file__).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"
    if shipped.exists():
        assert shipped.read_bytes() == data, "the theme's lunr.js is not the copy the installed MkDocs ships"
        assert f"mkdocs {mkdocs.__version__}:" in note


def test_package_data_globs_take_the_lunr_files():
    import tomllib
    from fnmatch import fnmatch
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["*"]
    site = THEME.parent
    for f in LUNR.iterdir():
        rel = f.relative_to(site).as_posix()
        assert any(fnmatch(rel, g) and rel.count("/") == g.count("/") for g in globs), rel


def test_every_page_loads_the_index_then_lunr_then_the_search_script():
    page = (THEME / "main.html").read_text(encoding="utf-8")
    at = [page.index(f"'{src}'|url") for src in ("search/search_index.js", "js/lunr/lunr.js", "js/search.js")]
    assert at == sorted(at)


def test_the_search_script_fetches_nothing():
    script = (THEME / "js" / "search.js").read_text(encoding="utf-8")
    for call in ("fetch(", "XMLHttpRequest", "import(", "http:", "https:", "Worker("):
        assert call not in script, call
    assert "lunr(" in script and "lunr.stemmer" in script


def test_the_index_is_the_same_bytes_each_time(tmp_path):
    from builder.render.site.render import write_search_index
    pages = {"index.html": "<title>Home – Oak</title><main><h1 id='a'>Home</h1><p>Photographs</p></main>",
             "policies/b.html": "<title>B – Oak</title><main><h1 id='top'>B</h1><h2 id='s'>One</h2>"
                                "<p>Pupils' photos</p></main>"}
    written = []
    for n, order in enumerate((list(pages), list(reversed(pages)))):
        site = tmp_path / str(n)
        for rel in order:
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text(pages[rel], encoding="utf-8")
        write_search_index(site)
        written.append((site / "search" / "search_index.js").read_bytes())
    assert written[0] == written[1]
    assert written[0].startswith(b"window.POLICYPACK_SEARCH = {")
