"""Hostile text for the checks' and the import's text readers: long runs of the very shapes they
look for. tests/checks/test_hostile_text.py reads each in one pass; benchmarks/hostile.py times
them."""

from __future__ import annotations

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
    # (each label and its blank on one line could be read two ways: a line of a dozen took seconds)
    "labels and blanks on one line": "A ____" * (N // 6) + "x",
    "quoted labels and blanks on one line": "\u201cA \u2026\u2026" * (N // 5) + "x",
    # (a column of values read back to its labels, for each date: every line before it)
    "a column of dates": "Date Approved\nReview date\n" + "March 2023\n" * 4000,
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
    # (an import's values: names matched against every role and every earlier word took 5 to 40 s)
    "a person and role, again and again": "Mrs Ann Smith is the DSL. " * 2000,
    "a person responsible, again and again": "The person responsible for it is Mr A Bee. " * 1500,
    "a role's label over names": "\n".join(f"DSL: Mrs Ann Smith{i}" for i in range(1500)),
    "a name, again and again": "Mrs Ann Smith " * 5000,
    "a phone's bracket never closed": "(0" * 10000,
    "a web address never ended": "www." * 5000,
    "a fraction never ended": "1/" * 10000,
    # (each date looked back over all the others on its line: 4 s)
    "dates on one line": "01.2028 " * 12500,
    # (a heading row run into its dates: every way of cutting the labels was tried, 70 s)
    "a heading row run into its dates": "\n".join("Reviewed " * 31 + "Xyz September 2015 September 2016 "
                                                "September 2017 September 2018" for _ in range(300)),
    # (an import's outline: each run of short lines ending in numbers looked at every later line: 4 s)
    "short lines ending in numbers": "Aa   1\nBb   2\nCc   3\nZ\n" * 4000,
    "a dotted leader without a page number": "Aims" + "." * 100_000 + "x1\n",
    "leaders and tabs over and over": ("Title\t" + ". " * 30_000 + "\n") * 2,
    "unclosed bookmark markers": "[bookmark:" * 10_000 + "\n",
    "nested bookmark brackets": "[bookmark: " + "[a]" * 30_000 + "\n",
    "a contents line again and again": "Contents\n" * 10_000,
    "numbers without end": "1.1.1.1.1.1 " * 10_000 + "\n",
    "bullets without text": "\u00b7 " * 50_000 + "\n",
    "indent without text": "\t" * 100_000 + "x\n",
    # (names in a template's brackets: each "&" between initials doubled the ways to read them, 9 s at 81
    # characters)
    "initials joined by ampersands": ("Lead: [Mr Ab, " + "&".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "!]\n") * 1500,
    # (a date's citation looked for over the whole sentence before it, once per date: 6 s)
    "capitalised words before a date": "This policy will be reviewed by " + "Aa Bb " * 10_000 + "in March 2027.",
    # (a statute's bracketed title read on over every later bracket: 5 s)
    "brackets again and again": "(Aa) " * 10_000,
    # (a contents entry's line copied again for every run of its dots: 8 s)
    "dots and numbers again and again": "1 .... " * 14_000,
    # (a table's heading row of roles over its rows, row after row; each line's nearness to an approval block
    # was measured against every such line: 3 s)
    "a heading row of roles over names": "DSL | Deputy DSL | Chair\nMrs A Bc | Mr D Ef | Ms G Hi\n" * 2000,
    # (a web page's trail of links never ended: each link's spaces read two ways, 2.5 s at 22 links)
    "a trail of links never ended": "Home > " * 5000 + "x\n" + "Home / " * 5000 + "?\n",
    "dates after labels of their own, again and again": "Date completed: 23/09/2021 Review " * 1000,
    "a parent's permission and blanks, again and again": "I give permission for my child ____ " * 1000,
    "notes to each school, again and again": "Each school/setting must consider " * 1000 + "and adapt the",
    # (a date's blank in parts looked for from each underscore of a long run: 4 s)
    "a date's label over a long blank": "Date: " + "_" * N,
    "links of a flow chart": "Concern noticed > " * 20 + "1",
    # (each part's number on one long line read the whole line for a page's footer: 18 s)
    "a point's number, again and again, on one line": "Point 1 " * 5000,
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
