"""English given names and their other forms, from the nicknames library's hand-curated table
(one table, loaded once): the other-school check reads "Mike B." as Michael Bywaters, and the
import tells a person's line ("Wendy Ainscough") from a title's ("Social Media"). The nicknames
table holds only names that have other forms; ``is_first_name`` also knows the given names of
Britain and Ireland that have none ("Nigel", "Paige", "Catriona"), from Faker's tables of them
(en_GB, en_IE, ga_IE, en_US), which hold words that are names too ("Autumn", "Holly", "Taylor"): so
only where a name is already expected (a label's value in capitals, a name before a phone), never to
tell a heading ("Autumn Term") or where one name ends ("Joe Taylor Amanda Cawood")."""

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


@functools.lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    from faker.providers.person import en_GB, en_IE, en_US, ga_IE
    names: set[str] = set()
    for table in (en_GB, en_IE, ga_IE, en_US):
        for kind in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            names.update(n.lower() for n in getattr(table.Provider, kind, ()) or ())
    return frozenset(names)


def is_given_name(word: str) -> bool:
    """The nicknames table knows ``word`` as a given name ("Wendy", "Tom"; not "Social", "Heavenly")."""
    return len(given_forms(word)) > 1


def is_first_name(word: str) -> bool:
    """A table knows ``word`` as a given name, whether or not it has other forms ("Nigel", "Paige"; also
    "Autumn" and "Taylor": see the module's docstring)."""
    return is_given_name(word) or word.lower() in _first_names()
