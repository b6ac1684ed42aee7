"""The checks' text readers on hostile text: long runs of the very shapes they look for (dots,
labels, brackets, pipes, a heading repeated) are read in one pass. Each of these inputs took
minutes when a pattern could split a run of dots two ways and tried every split; the bound is a
guard against a check that never ends, not a speed target (benchmarks/checks.py times them)."""

from __future__ import annotations

import time

import pytest

from builder.checks import template_shapes
from builder.checks.doubled import doubled
from builder.checks.review_prose import stated_reviews
from builder.checks.typed_refs import typed_refs
from builder.checks.placeholders import gaps, phrase_pattern
from builder.importing.read.split import split_sections
from builder.importing.read.text import contents_outline, read_text, table_cells
from builder.importing.values.find import find_values
from builder.source.schema.files import DEFAULT_PLACEHOLDERS
from tests.importing.test_values_support import text_document

N = 30_000
HOSTILE = {
    "a leader of dots with no page": "Aims" + "." * N + "p",
    "a leader of ellipses with no page": "Aims" + "…" * N + "p",
    "spaces before no page": "Aims" + " " * N + "pag",
    "an open square bracket": "[" + "Insert a " * (N // 9),
    "square brackets in a row": ("[" + "a b " * 70 + "] ") * (N // 290),
    "empty labels": "Review date:\n" * (N // 13),
    "signature labels": "Signed by:\n" * (N // 11),
    "an approval of asides": "Approved by: " + "(x) " * (N // 4),
    "a quote never closed": "In 7.3 '" + "A" * N,
    "a number run into capitals": "1." + "A" * N,
    "pipes": "Title " + "| " * (N // 2) + "4",
    "a heading run in, again and again": "Inspiration " * (N // 12),
    "review, again and again": "Review " * (N // 7),
    # (each review word looked for its document over the whole sentence: 25 s on 100 kB)
    "review, again and again, at length": "Review " * (100_000 // 7),
    "date of, again and again": "Date of " * (N // 8),
    "a sentence with a doubled word, again and again": "Staff staff must sign in here. " * (N // 4),
    "a label over names, again and again": "Name of School\n\nOak Hill Primary School\n" * (N // 40),
    "the title and a next review, again and again": "Social Media Policy\n\nNext review: May 2026\n" * (N // 40),
    "underscores with no end": "A" + "_" * N + "x",
    # (each blank looked through every form line of the text: 4 s on 300 kB; each blank's value was
    # looked for across the whole of a long run of dots: 14 s)
    "form lines between prose, again and again": "Name ____\nSome prose here.\n" * (N // 26),
    "a signature block and its caption, again and again": "Signature ....... Date .....\nHead Teacher\n" * (N // 40),
    "values typed over lines, again and again": "Date:____November 2022____ " * (N // 27),
    "a word typed twice, again and again": "a" * N,
    "terms and their meanings on one line": "Provider Form…… For providers " * (N // 30),
    "a reader's choice on one line": "I do / do not (delete as appropriate) give my child " * (N // 50),
    "a date's label over a line, again and again": "Date:\nx\n" * (N // 8),
    "two words typed twice, again and again": "abcdefghij klmnopqrst" * (N // 21),
    "kinds of school to choose, again and again": "the school/" + "academy/" * (N // 8),
    "a contact's value gone, again and again": "email the office to " * (N // 20),
    "a list naming its first item again, again and again": "abcd, efgh and " * (N // 15),
    "a count's label, again and again": "Number of " * (N // 10),
}
READERS = {
    "template text": template_shapes.find,
    "typed references": lambda text: typed_refs(text, []),
    "review statements": lambda text: stated_reviews(text, [], "Social Media Policy"),
    "doubled words": lambda text: doubled(text, run_in=True),
    "table rows": table_cells,
    "the trust's phrases": lambda text: gaps(text, phrase_pattern(DEFAULT_PLACEHOLDERS)),
    "an imported copy's outline": lambda text: (contents_outline(text.split("\n")),
                                                split_sections(read_text(text.encode(), "copy.txt")[1])),
    "an imported copy's values": lambda text: find_values(text_document(text), None, "social-media", None),
}


@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_each_reader_refuses_a_long_hostile_run_in_one_pass(shape):
    text = HOSTILE[shape]
    for name, read in READERS.items():
        start = time.perf_counter()
        read(text)
        assert time.perf_counter() - start < 10, f"{name} on {shape}"   # (a shared, busy machine)
