"""English given names and their other forms, from the nicknames library's hand-curated table
(one table, loaded once): the other-school check reads "Mike B." as Michael Bywaters, and the
import tells a person's line ("Wendy Ainscough") from a title's ("Social Media")."""

from __future__ import annotations

import functools

from nicknames import NickNamer


@functools.lru_cache(maxsize=1)
def _table() -> NickNamer:
    return NickNamer()


def given_forms(first: str) -> set[str]:
    """A first name and its other forms, one step through the table, lower case: "mike" is also
    "michael", "michael" also "mike" and "mick" (not every nickname of every long form: "Rosa" is no
    "Linda")."""
    table, name = _table(), first.lower()
    return {name} | table.canonicals_of(name) | table.nicknames_of(name)


def is_given_name(word: str) -> bool:
    """The table knows ``word`` as a given name ("Wendy", "Tom"; not "Social", "Heavenly")."""
    return len(given_forms(word)) > 1
