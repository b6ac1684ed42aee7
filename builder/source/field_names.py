"""The field-naming scheme of form PDFs, written in one place for its writer and its reader.

A form file's field becomes one or more PDF fields (their ``/T``, and the register's columns):

``text``, ``longtext``, ``date``, ``tick``  -> ``<name>``
``yesno``                                 -> ``<name>_yes`` and ``<name>_no``
``signature``                             -> ``<name>_name`` and ``<name>_date``
``choice``                                -> ``<name>_<option>``, one per option
``for_each`` over a list                  -> ``<name>_<entry key>`` for each entry (then as above)

where ``<option>`` and ``<entry key>`` are the value as a name part (``name_part``:
'Twitter / X' -> 'twitter_x'). Every form also carries the hidden field ``pp_form`` holding its
identity, ``policypack-form/1 <school> <form> <version>``.

The form renderer names fields with ``item_fields``; the returns reader reads the identity back
with ``parse_identity`` and, for a file that lost its item list, guesses the items back from the
names with ``items_from_names``.
"""

from __future__ import annotations

import re
import unicodedata

ID_FIELD = "pp_form"            # hidden, read-only: the form's identity
ID_PREFIX = "policypack-form/1"
RESERVED = {ID_FIELD}           # names the builder adds to every form
SUFFIXES = {"yesno": ("yes", "no"), "signature": ("name", "date")}
# the register's columns a guessed text field fills, by its usual name
REGISTER_NAMES = {"pupil_name": "pupil", "year_group": "year_group", "parent_name": "parent"}
SIGNATURE_NAMES = ("signature", "signed")


def name_part(value) -> str:
    """A list entry or option as part of a field name: 'Twitter / X' -> 'twitter_x'."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return text or "item"


def expanded_name(name: str, value) -> str:
    """The name of one repeat of a ``for_each`` item, or of one option of a choice."""
    return f"{name}_{name_part(value)}"


def item_fields(name: str, type: str, options=()) -> list[str]:
    """The PDF field names of one item (``options``: a choice's option field names)."""
    if type in SUFFIXES:
        return [f"{name}_{s}" for s in SUFFIXES[type]]
    if type == "choice":
        return list(options)
    return [name]


def identity(school: str, form: str, version: str) -> str:
    """The value of the hidden identity field."""
    return f"{ID_PREFIX} {school} {form} {version}"


def parse_identity(value) -> tuple[str, str, str] | None:
    """(school, form, version) from the identity field's value, or None."""
    parts = str(value or "").split()
    if len(parts) == 4 and parts[0] == ID_PREFIX:
        return parts[1], parts[2], parts[3]
    return None


def items_from_names(names) -> list[dict]:
    """The form's items when the file lost its item list: the scheme read backwards."""
    names = [n for n in names if n not in RESERVED]
    present = set(names)
    items, used = [], set()
    for n in names:
        if n in used:
            continue
        base = n.rsplit("_", 1)[0]
        yesno = item_fields(base, "yesno")
        signature = item_fields(base, "signature")
        if n in yesno and set(yesno) <= present:
            items.append({"name": base, "type": "yesno", "required": True})
            used |= set(yesno)
        elif n in signature and set(signature) <= present and base in SIGNATURE_NAMES:
            items.append({"name": base, "type": "signature", "main": True, "required": True})
            used |= set(signature)
        else:
            items.append({"name": n, "type": "text", "register": REGISTER_NAMES.get(n)})
            used.add(n)
    return items
