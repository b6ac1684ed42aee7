"""The other-school check finds addresses, hosts and handles in text: the tokens it finds in
ordinary text (text shaped against its pattern is read in one pass: tests/checks/test_hostile_text.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.checks.other_school import _addresses

ORDINARY = [
    ("Email office@vinetree.org.uk today", ["office@vinetree.org.uk"]),
    ("see www.vinetreeprimary.org.uk/about.", ["www.vinetreeprimary.org.uk/about."]),
    ("(head@x.sch.uk)", ["head@x.sch.uk"]),
    ("mailto:dsl@edith.org, hcooke@ecls.org.uk", ["dsl@edith.org", "hcooke@ecls.org.uk"]),
    ("Follow @VineTreePri on X", ["@VineTreePri"]),
    ("https://x.com/VineTreePri", ["x.com/VineTreePri"]),
    ("a.b.c.", ["a.b.c"]),
    ("the site .foo.com", ["foo.com"]),
    ("first.last+news@school.example.", ["first.last+news@school.example"]),
    ("vine-tree.org and oak.sch.uk", ["vine-tree.org", "oak.sch.uk"]),
    ("No address here, only words.", []),
    ("Call 01632 960 214", []),
]


@pytest.mark.parametrize("text,found", ORDINARY)
def test_the_addresses_of_ordinary_text(text, found):
    assert [seen for _, seen in _addresses(text)] == found


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1.@+-/_ ")), max_size=200))
def test_each_address_found_is_where_it_says(text):
    for start, seen in _addresses(text):
        assert text[start:start + len(seen)] == seen and seen

