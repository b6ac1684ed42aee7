"""The one rule for "did the meaning change?" (common/meaning.py), on texts nobody wrote: what
only rewords a text (case, punctuation, spacing, order, the small words around the content)
never counts as a change; a word of content added, or a negation, always does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.common.meaning import FUNCTION_WORDS, content_words, material_change

pytestmark = pytest.mark.unit

WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=10)
                 .filter(lambda w: w not in FUNCTION_WORDS), min_size=1, max_size=12)


@given(WORDS, st.randoms(use_true_random=False), st.lists(st.sampled_from(sorted(FUNCTION_WORDS)),
                                                             max_size=5))
def test_rewording_is_not_a_change(words, rnd, small):
    text = " ".join(words)
    shuffled = list(words)
    rnd.shuffle(shuffled)
    reworded = ", ".join(w.upper() if i % 2 else w for i, w in enumerate(shuffled + small)) + "."
    assert not material_change(text, reworded)


@given(WORDS, st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=10)
       .filter(lambda w: w not in FUNCTION_WORDS))
def test_a_new_content_word_is_a_change(words, extra):
    text = " ".join(words)
    assert content_words(extra)
    assert material_change(text, text + " and " + extra)


@given(WORDS)
def test_a_negation_is_a_change(words):
    text = " ".join(words)
    assert material_change(text, "not " + text)
