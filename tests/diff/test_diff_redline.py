"""The redline on its own (builder.diff blocks, words, compare, redline_html): word-level
comparison of rendered sections, no git, no files."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from types import SimpleNamespace as NS

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.resolve.markdown import plain_text, to_html
from builder.diff.blocks import parse_blocks
from builder.diff.compare import attribute, compare_policy
from builder.diff.redline_html import render_redline, render_section_blocks
from builder.diff.words import diff_blocks


def sec(sid, n, title, md, origin="trust"):
    return NS(id=sid, number=n, title=title, html=to_html(md, "x.md", None, str(n), sid)[0], origin=origin)


def pol(*sections, title="Policy"):
    return NS(id="pol", title=title, sections=list(sections))


class Balance(HTMLParser):
    VOID = {"br", "hr", "img", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def well_formed(fragment: str) -> bool:
    b = Balance()
    b.feed(fragment)
    return not b.errors and not b.stack


def view(fragment: str, drop: str) -> str:
    """The text a reader of one side sees: the other side's marks and the hidden words removed."""
    fragment = re.sub(rf"<{drop}>.*?</{drop}>", "", fragment, flags=re.S)
    fragment = re.sub(r'<span class="sr">.*?</span>', "", fragment)
    fragment = re.sub(r"<summary>.*?</summary>", "", fragment)
    return plain_text(fragment)


def section_redline(old_md, new_md, context=1):
    old = parse_blocks(to_html(old_md, "a", None)[0])
    new = parse_blocks(to_html(new_md, "b", None)[0])
    return render_section_blocks(diff_blocks(old, new), context)


def test_a_reworded_sentence_is_marked_word_by_word():
    out = section_redline("The DSL is Jane Smith, who leads.", "The DSL is John Jones, who leads.")
    assert ('The DSL is <del><span class="sr">[deleted: </span>Jane Smith<span class="sr">]</span></del>'
            '<ins><span class="sr">[inserted: </span>John Jones<span class="sr">]</span></ins>, who leads.'
            in out)


def test_a_deleted_list_item_stays_in_its_list_and_numbering_survives_folds():
    old = "1. one\n2. two\n3. three\n4. four\n5. five\n6. six\n"
    new = "1. one\n2. two\n3. three\n4. four\n5. five\n6. six, changed\n"
    out = section_redline(old, new)
    assert well_formed(out)
    assert '<ol start="5"><li>five</li><li>six<ins>' in out          # reopened after the fold
    out = section_redline("- a\n- b\n- c\n", "- a\n- c\n")
    assert out.count("<ul>") == 1 and "<li><span class=\"block-del\"><del>" in out


def test_tables_and_nested_lists_stay_well_formed():
    old = "| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n- x\n  - y\n  - z\n- w\n"
    new = "| A | B |\n|---|---|\n| 1 | 2 |\n| 5 | 6 |\n| 3 | 4 |\n\n- x\n  - z\n- w\n- v\n"
    out = section_redline(old, new, context=5)
    assert well_formed(out)
    assert view(out, "del") == plain_text(to_html(new, "b", None)[0])
    assert view(out, "ins") == plain_text(to_html(old, "a", None)[0])


def test_text_is_escaped_and_links_are_mapped():
    s_old = sec("a", 1, "A <b>", "Say &lt;script&gt; [here](pp:section/pol/b) and [there](pp:form/x).")
    s_new = sec("a", 1, "A <b>", "Say &lt;script&gt; now [here](pp:section/pol/b) and [there](pp:form/x).")
    out = render_redline(compare_policy(pol(s_old, sec("b", 2, "B", "b")), pol(s_new, sec("b", 2, "B", "b"))))
    assert "&lt;script&gt;" in out and "<script" not in out
    assert "A &lt;b&gt;" in out
    assert '<a href="#sec-b">here</a>' in out and "<a>there</a>" in out and "pp:" not in out


def test_section_changes_added_removed_moved_reworded():
    old = pol(sec("a", 1, "A", "alpha text"), sec("b", 2, "B", "beta text"), sec("c", 3, "C", "gamma"),
              sec("d", 4, "D", "delta"))
    new = pol(sec("d", 1, "D", "delta"), sec("a", 2, "A", "alpha words"), sec("c", 3, "C", "gamma"),
              sec("e", 4, "E", "epsilon"))
    d = compare_policy(old, new)
    ch = {k: [s.id for s in v] for k, v in d.section_changes().items()}
    assert ch == {"added": ["e"], "removed": ["b"], "moved": ["d"], "reworded": ["a"]}
    assert [(s.id, s.status) for s in d.sections] == [
        ("d", "changed"), ("a", "changed"), ("b", "removed"), ("c", "equal"), ("d", "moved-away"),
        ("e", "added")]
    c = d.counts()
    assert (c.added, c.removed, c.changed) == (1, 1, 1)
    out = render_redline(d)
    assert well_formed(out)
    assert "Moved here from section 4" in out and "Section 2 removed" in out and "New section" in out


def test_unchanged_policy_and_whole_policy_changes():
    p = pol(sec("a", 1, "A", "same"))
    assert compare_policy(p, p).status == "unchanged"
    added = compare_policy(None, p)
    assert added.status == "added" and added.counts().added == 1
    removed = compare_policy(p, None)
    assert removed.status == "removed" and removed.counts().removed == 1


def test_attribution_against_the_hybrid():
    old = pol(sec("a", 1, "A", "Master sentence one.\n\nThe DSL is Ann Lee.\n\n"
                               "The DSL Ann Lee says hello to every pupil in the school."))
    hybrid = pol(sec("a", 1, "A", "Master sentence one.\n\nThe DSL is Bo Kim.\n\n"
                                  "The DSL Bo Kim says hello to every pupil in the school."))
    new = pol(sec("a", 1, "A", "Master sentence two.\n\nThe DSL is Bo Kim.\n\n"
                               "The DSL Bo Kim greets every pupil in the school."))
    d = compare_policy(old, new)
    attribute(d, hybrid)
    sources = [(b.op, b.source) for b in d.sections[0].blocks]
    assert sources == [("change", "master"), ("change", "school"), ("change", "both")]
    assert d.counts("school").changed == 1 and d.counts("master").changed == 1


WORDS = st.sampled_from(["the", "school", "pupil", "safe", "DSL", "Ann", "Bo", "report", "&", "<x>"])
PARA = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
BLOCK = st.one_of(PARA, PARA.map(lambda p: "- " + p), PARA.map(lambda p: "1. " + p),
                  PARA.map(lambda p: "# " + p))
DOC = st.lists(BLOCK, min_size=0, max_size=8).map(lambda bs: "\n\n".join(bs) + "\n")


@settings(max_examples=60, deadline=None)
@given(DOC, DOC)
def test_each_side_reads_back_from_the_redline(old_md, new_md):
    out = section_redline(old_md, new_md, context=0)
    assert well_formed(out)
    assert view(out, "del") == plain_text(to_html(new_md, "b", None)[0])
    assert view(out, "ins") == plain_text(to_html(old_md, "a", None)[0])


def test_redline_pdf_links_stay_relative_and_fetch_nothing(tmp_path):
    """A relative link in a redline PDF stays relative (no file: address naming the machine
    that ran the diff), and the PDF loads nothing from outside the page."""
    from pypdf import PdfReader

    from builder.common.diagnostics import PackError
    from builder.diff.pages import page, write_pdf
    target = tmp_path / "oak" / "social-media.pdf"
    target.parent.mkdir()
    write_pdf(page("Changes", '<p>See <a href="other-policy.html">the other policy</a>.</p>'), target)
    uris = [a.get_object()["/A"]["/URI"] for page in PdfReader(target).pages
            for a in page.get("/Annots", []) if "/URI" in a.get_object().get("/A", {})]
    assert uris == ["other-policy.html"]
    with pytest.raises(PackError, match="E-FETCH"):
        write_pdf(page("Changes", '<p><img src="https://example.org/logo.png" alt="Logo"></p>'), tmp_path / "x.pdf")
