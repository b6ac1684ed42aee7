"""The documentation: the README stays short and its links lead somewhere, the docs/ site builds
with MkDocs in strict mode (a broken link or anchor, or a page missing from the navigation,
fails), and no page states a count that changes with every commit."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
README_MAX_LINES = 300

# "2,304 tests", "1500 unit tests", "12 codes": counts that are out of date at the next commit
COUNT = re.compile(r"(?<![\w.,])\d[\d,]*\s+(?:(?:unit|browser|viewer|build)\s+)?(?:tests?|(?:diagnostic\s+)?codes)\b",
                   re.I)
LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def prose(text: str) -> str:
    """The text without its fenced code blocks and code spans, where links are not links."""
    text = re.sub(r"^```.*?^```[^\n]*$", "", text, flags=re.M | re.S)
    return re.sub(r"``.*?``|`[^`\n]*`", "", text)


def broken_links(path: Path) -> list[str]:
    """The relative links in a Markdown file whose target file does not exist."""
    broken = []
    for target in LINK.findall(prose(path.read_text(encoding="utf-8"))):
        if SCHEME.match(target) or target.startswith("#"):
            continue
        file = target.split("#", 1)[0]
        if not (path.parent / file).exists():
            broken.append(target)
    return broken


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def mkdocs_build(config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                           "--site-dir", str(out)],
                          cwd=config.parent, capture_output=True, text=True, timeout=300)


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, (
        f"README.md has {len(lines)} lines, more than {README_MAX_LINES}: move the detail into docs/")


def test_every_relative_link_in_the_readme_and_the_docs_leads_to_a_file():
    assert pages(), "docs/ has no pages"
    broken = {str(p.relative_to(ROOT)): b for p in [README, *pages()] if (b := broken_links(p))}
    assert broken == {}


def test_the_readme_links_into_the_docs():
    linked = {t.split("#", 1)[0] for t in LINK.findall(prose(README.read_text(encoding="utf-8")))}
    assert "docs/index.md" in linked and "docs/install.md" in linked
    assert any(t.startswith("docs/recipes/") for t in linked)


def test_a_broken_link_is_found(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("# There\n", encoding="utf-8")
    page.write_text("[ok](there.md#top), [web](https://example.org/x.md), [anchor](#a),\n"
                    "[gone](missing.md), [gone too](sub/missing.md#x), `[code](not-a-link.md)`\n\n"
                    "```\n[fenced](not-a-link-either.md)\n```\n", encoding="utf-8")
    assert broken_links(page) == ["missing.md", "sub/missing.md#x"]


def test_the_readme_keeps_the_command_ci_runs():
    """.ci/run runs the README's second command (install with the test tools, then the tests, the
    linter and the type checker): the README shows exactly what CI runs."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci.startswith("./scripts/setup --test && ")
    assert "\n" + ci + "\n" in README.read_text(encoding="utf-8")


def test_no_page_states_a_count_that_changes_with_every_commit():
    found = {}
    for path in [README, *pages()]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if m := COUNT.search(line):
                found[f"{path.relative_to(ROOT)}:{n}"] = m.group(0)
    assert found == {}, "counts that change with every commit (write what is tested, not how many)"


@pytest.mark.parametrize("text", ["2,304 tests pass", "It has 1500 unit tests.", "1 test", "about 90 codes",
                                  "45 diagnostic codes", "12 browser tests"])
def test_a_count_is_found(text):
    assert COUNT.search(text)


@pytest.mark.parametrize("text", ["the tests", "run the browser tests", "Python 3.11 tests", "WCAG 2.2 tests"])
def test_what_is_not_a_count_is_left_alone(text):
    assert not COUNT.search(text)


@pytest.mark.build
def test_the_docs_build_in_strict_mode(tmp_path):
    out = tmp_path / "site"
    done = mkdocs_build(ROOT / "mkdocs.yml", out)
    assert done.returncode == 0, done.stdout + done.stderr
    for page in pages():
        rel = page.relative_to(DOCS).with_suffix("")
        built = out / ("index.html" if rel.name == "index" and rel.parent == Path(".") else
                       rel.parent / "index.html" if rel.name == "index" else rel / "index.html")
        assert built.is_file(), f"{page.relative_to(ROOT)} was not built"


@pytest.mark.build
def test_the_strict_build_fails_on_a_broken_link(tmp_path):
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(DOCS, tmp_path / "docs")
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [nowhere](no-such-page.md).\n", encoding="utf-8")
    done = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0 and "no-such-page.md" in done.stdout + done.stderr
