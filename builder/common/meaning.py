"""Whether two versions of a text say the same thing: the one rule for "a material change".

A text's *meaning key* is its content words, each reduced to its stem (the Snowball English
stemmer, the stemmer search engines use: "photographs" and "photograph" are one word) and counted,
whatever their order, capitals, punctuation or the small words around them ("the", "our", "of").
Two versions with the same key differ only in wording; a word of content added or taken away (a
new use, "and social media"), or a negation ("not", "never", "without"), changes the key, and so
the meaning. The rule errs towards "changed": a synonym ("photos" for "photographs") counts as a
change, so a parent is asked again rather than held to words they never saw.

Used by the form PDFs (the key of each item's wording and of the policy a form acknowledges is
written into the file) and by ``forms collect`` (a consent given against another key needs
asking again; a staff acknowledgement of another key needs signing again).
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter

import snowballstemmer

# words that carry no meaning of their own in a policy's sentence: articles, determiners,
# pronouns, auxiliaries and the commonest prepositions. Negations are NOT here: they carry meaning.
FUNCTION_WORDS = frozenset("""
a an the this that these those our your their its his her my we you they it i he she us them
me him of to for and in on at by with from as into onto about is are be been being was were will
shall would should can could may might must do does did has have had any each every some such
which who whom whose what when where s
""".split())
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@functools.cache
def _stemmer():
    return snowballstemmer.stemmer("english")


def content_words(text: str) -> Counter:
    """The stems of ``text``'s content words, counted."""
    plain = unicodedata.normalize("NFKC", text).casefold()
    words = []
    for w in _WORD.findall(plain):
        w = re.sub(r"['’]s$", "", w).replace("’", "'")
        if w and w not in FUNCTION_WORDS:
            words.append(w)
    return Counter(_stemmer().stemWords(words))


def meaning_key(text: str) -> str:
    """A short fingerprint of what ``text`` says (equal for wording-only changes)."""
    counted = sorted(content_words(text).items())
    return hashlib.sha256(repr(counted).encode("utf-8")).hexdigest()[:16]


def wording_key(text: str) -> str:
    """A fingerprint of the exact words shown (spacing aside): what the reader saw."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def material_change(old: str, new: str) -> bool:
    return meaning_key(old) != meaning_key(new)
