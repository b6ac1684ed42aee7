"""`policypack diff` end to end: a small pack committed three times in a temporary git repository.

tests/diff/v1 is the first commit; v2 overlays the master text (a reworded sentence, a section
added, one removed, one moved, a policy added, one removed); v3 changes one school's DSL.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from tests.support import DATA

from builder.cli.main import main

FIXTURES = DATA / "diff"
V2_REMOVED = ["content/mobile-phones", "content/safeguarding/records.md"]


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_DATE="2025-01-01T12:00:00Z", GIT_COMMITTER_DATE="2025-01-01T12:00:00Z",
               GIT_CONFIG_NOSYSTEM="1", HOME=str(repo.parent))
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=t@example.org",
                           "-c", "commit.gpgsign=false", *args],
                          check=True, capture_output=True, text=True, env=env).stdout


def overlay(src: Path, dest: Path) -> None:
    shutil.copytree(src, dest, dirs_exist_ok=True)


def make_repo(repo: Path, pack: Path) -> None:
    """v1, v2, v3 committed in turn; ``pack`` is where the pack lives inside ``repo``."""
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    overlay(FIXTURES / "v1", pack)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v1")
    overlay(FIXTURES / "v2", pack)
    for rel in V2_REMOVED:
        target = pack / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v2: master text")
    overlay(FIXTURES / "v3", pack)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "v3: Oak Hill's new DSL")


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("diffrepo") / "repo"
    make_repo(root, root)
    return root


@pytest.fixture(scope="module")
def full(repo):
    """HEAD~2 to the (clean) working tree, with PDFs."""
    out = repo.parent / "out-full"
    assert main(["--project", str(repo), "diff", "--from", "HEAD~2", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def last(repo):
    """Only the DSL commit."""
    out = repo.parent / "out-last"
    assert main(["--project", str(repo), "diff", "--from", "HEAD~1", "--to", "HEAD", "--no-pdf",
                 "--out", str(out)]) == 0
    return out


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def marked(page: str, tag: str) -> list[str]:
    """The visible words inside each <ins> or <del>, hidden screen-reader words removed."""
    out = []
    page = page.split('<div class="legend">', 1)[-1].split("</div>", 1)[-1]  # not the legend's samples
    for m in re.finditer(rf"<{tag}>(.*?)</{tag}>", page, re.S):
        inner = re.sub(r'<span class="sr">.*?</span>', "", m.group(1))
        out.append(html.unescape(re.sub(r"<[^>]+>", "", inner)))
    return out


def paragraph_with(page: str, words: str) -> str:
    for m in re.finditer(r"<p>(.*?)</p>", page, re.S):
        if words in m.group(1):
            return m.group(1)
    raise AssertionError(f"no paragraph with {words!r}")


def section(page: str, sid: str) -> str:
    m = re.search(rf'<section class="[^"]*">\s*<h2 id="sec-{sid}">.*?</section>', page, re.S)
    assert m, f"no section {sid}"
    return m.group(0)


# ---------------------------------------------------------------- the two commits

@pytest.mark.parametrize("school", ["oak-hill", "willow-bank"])
def test_reworded_master_sentence_shows_for_every_school(full, school):
    page = read(full / school / "safeguarding.html")
    assert "sets out" in marked(page, "del") and "explains" in marked(page, "ins")
    assert "keeps its pupils safe" in marked(page, "del")
    assert "protects every pupil from harm" in marked(page, "ins")
    para = paragraph_with(page, "explains")
    assert "Master text" in para and "School value" not in para
    # the school's own name is in the sentence, unmarked
    name = {"oak-hill": "Oak Hill Primary", "willow-bank": "Willow Bank Academy"}[school]
    assert f"</ins> how {name} <del>" in re.sub(r'<span class="sr">.*?</span>', "", para)


def test_dsl_change_only_for_that_school_labelled_school_value(full):
    oak = read(full / "oak-hill" / "safeguarding.html")
    assert "Grace Okafor" in marked(oak, "del") and "Daniel Mensah" in marked(oak, "ins")
    assert "School value" in paragraph_with(oak, "Daniel Mensah")
    willow = read(full / "willow-bank" / "safeguarding.html")
    assert "Hannah Burke" in willow
    assert not any("Hannah" in w for w in marked(willow, "ins") + marked(willow, "del"))
    assert "School value" not in willow
    assert "School value change" in read(full / "oak-hill" / "index.html")
    summary = read(full / "willow-bank" / "index.html")
    assert "School value change" not in summary and "Master text change" in summary


def test_school_with_no_changes_says_so(last):
    willow = read(last / "willow-bank" / "index.html")
    assert "No changes to Willow Bank Academy" in willow
    assert not (last / "willow-bank" / "safeguarding.html").exists()
    oak = read(last / "oak-hill" / "safeguarding.html")
    assert marked(oak, "del") == ["Grace Okafor"] and marked(oak, "ins") == ["Daniel Mensah"]
    assert "School value" in oak and "Master text" not in oak.split('<div class="legend">')[1].split("</div>", 1)[1]
    trust = read(last / "index.html")
    row = re.search(r"Willow Bank Academy</a></th><td>(.*?)</td>", trust).group(1)
    assert row == "No changes"


# ---------------------------------------------------------------- sections and policies

def test_added_section(full):
    page = read(full / "willow-bank" / "safeguarding.html")
    sec = section(page, "training")
    assert 'class="section added"' in sec and "New section" in sec
    assert any("refresh it every year" in w for w in marked(sec, "ins"))
    assert '<span class="num">5</span>' in sec


def test_removed_section_stays_where_it_was(full):
    page = read(full / "willow-bank" / "safeguarding.html")
    sec = section(page, "records")
    assert 'class="section removed"' in sec and "Section 4 removed" in sec
    assert any("kept securely" in w for w in marked(sec, "del"))
    # right after "Reporting a concern", which preceded it
    assert page.index('id="sec-reporting"') < page.index('id="sec-records"') < page.index('id="sec-training"')


def test_moved_section_is_shown_as_moved_not_deleted_and_added(full):
    page = read(full / "willow-bank" / "safeguarding.html")
    sec = section(page, "contacts")
    assert "Moved here from section 5" in sec
    assert "front door team" in sec
    assert not any("front door" in w for w in marked(page, "ins") + marked(page, "del"))
    assert "moved to <a href=\"#sec-contacts\">section 2</a>" in page
    # the reference to it follows the new number
    assert "5" in marked(page, "del") and "2" in marked(page, "ins")


def test_renumbered_but_unchanged_section_is_folded(full):
    sec = section(read(full / "willow-bank" / "safeguarding.html"), "reporting")
    assert "Was section 3; No changes" in sec
    assert '<details class="fold"><summary>4 unchanged paragraphs</summary>' in sec
    assert "<ins>" not in sec and "<del>" not in sec


def test_policy_added_and_removed_are_whole_insertions_and_removals(full):
    added = read(full / "oak-hill" / "visitors.html")
    assert "This policy is new" in added
    assert any("wear a lanyard" in w for w in marked(added, "ins")) and not marked(added, "del")
    removed = read(full / "oak-hill" / "mobile-phones.html")
    assert "This policy has been removed" in removed
    assert any("hand their phones" in w for w in marked(removed, "del")) and not marked(removed, "ins")
    summary = read(full / "oak-hill" / "index.html")
    assert "New policy" in summary and "Policy removed" in summary


def test_summary_counts_and_attribution(full):
    summary = read(full / "oak-hill" / "index.html")
    row = re.search(r'<tr><th scope="row">Child Protection and Safeguarding Policy</th>(.*?)</tr>',
                    summary).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[1:4] == ["1", "1", "3"]          # paragraphs added, removed, changed
    assert cells[4].startswith("paragraphs: 2 changed, 1 added, 1 removed")
    assert cells[5] == "paragraph: 1 changed"     # the DSL
    assert 'href="oak-hill/index.html"' in read(full / "index.html")


def test_pages_are_standalone_accessible_html(full):
    page = read(full / "oak-hill" / "safeguarding.html")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    assert "<style>" in page and "<link" not in page and "<script" not in page
    assert '<span class="sr">[inserted: </span>' in page and '<span class="sr">[deleted: </span>' in page
    assert "pp:" not in page
    assert page.count("<h1>") == 1


# ---------------------------------------------------------------- the PDF

def test_pdf_has_the_inserted_words_tagged_and_titled(full):
    reader = pypdf.PdfReader(full / "oak-hill" / "safeguarding.pdf")
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "explains" in text and "Daniel Mensah" in text
    assert "[inserted: explains]" in text and "[deleted: Grace Okafor]" in text
    assert reader.metadata.title == "Child Protection and Safeguarding Policy: changes for Oak Hill Primary"
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "en-GB"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_pdf_is_reproducible(repo, full, tmp_path):
    out = tmp_path / "again"
    assert main(["--project", str(repo), "diff", "--from", "HEAD~2", "--school", "oak-hill",
                 "--out", str(out)]) == 0
    assert (out / "oak-hill" / "safeguarding.pdf").read_bytes() == \
        (full / "oak-hill" / "safeguarding.pdf").read_bytes()
    assert read(out / "oak-hill" / "index.html") == read(full / "oak-hill" / "index.html")
    assert not (out / "willow-bank").exists()


# ---------------------------------------------------------------- the working tree, a subfolder

def test_working_tree_of_a_pack_in_a_subfolder(tmp_path):
    repo = tmp_path / "repo"
    pack = repo / "policies"
    make_repo(repo, pack)
    intro = pack / "content" / "safeguarding" / "intro.md"
    intro.write_text(read(intro).replace("shares this duty", "shares this important duty"), encoding="utf-8")
    assert main(["--project", str(pack), "diff", "--from", "HEAD", "--school", "willow-bank",
                 "--no-pdf"]) == 0
    out = pack / "site" / "diff"
    page = read(out / "willow-bank" / "safeguarding.html")
    assert [w.strip() for w in marked(page, "ins")] == ["important"]
    assert "the working tree" in page
    assert not (out / "oak-hill").exists()
    # a second run replaces its own output
    assert main(["--project", str(pack), "diff", "--from", "HEAD~1", "--to", "HEAD", "--no-pdf"]) == 0
    assert not (out / "willow-bank" / "safeguarding.html").exists()


# ---------------------------------------------------------------- errors

def test_unknown_revision_is_exit_2(repo, tmp_path, capsys):
    assert main(["--project", str(repo), "diff", "--from", "no-such-tag", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "E-GIT-REV" in err and "unknown revision 'no-such-tag'" in err and "Traceback" not in err


def test_not_a_repository_is_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    pack = tmp_path / "pack"
    overlay(FIXTURES / "v1", pack)
    assert main(["--project", str(pack), "diff", "--from", "HEAD~1"]) == 2
    err = capsys.readouterr().err
    assert "E-GIT" in err and "not inside a git repository" in err


def test_unknown_school_is_exit_2(repo, tmp_path, capsys):
    assert main(["--project", str(repo), "diff", "--from", "HEAD~1", "--school", "nowhere",
                 "--out", str(tmp_path / "o")]) == 2
    assert "no school 'nowhere'" in capsys.readouterr().err


def test_refuses_to_replace_a_folder_it_did_not_write(repo, tmp_path, capsys):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["--project", str(repo), "diff", "--from", "HEAD~1", "--no-pdf", "--out", str(out)]) == 2
    assert (out / "keep.txt").exists() and "E-OUT" in capsys.readouterr().err
