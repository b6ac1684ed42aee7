"""Which schools a command works on: every school, or the ``--school`` ids it was given.

Every command that takes school ids (build, check, diff, publish, serve, forms prefill) chooses
them here, so an id that is not a school gets the same message everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from builder.common.diagnostics import PackError, error


def select_schools(available: Iterable[str], wanted: Iterable[str] | None,
                   where: str = "schools") -> list[str]:
    """The ids ``wanted`` (each once, in the order given), or every id ``available`` if none.

    Any wanted id that is not available stops the command: one PackError, one ``E-SCHOOL``
    diagnostic per unknown id (named as the file ``where``, the pack's schools folder), each
    with the nearest known id as a suggestion and the list of known ids.
    """
    known = list(dict.fromkeys(available))
    chosen = list(dict.fromkeys(wanted or ()))
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise PackError([error(where, None, "E-SCHOOL", unknown_school_message(s, known))
                         for s in unknown])
    return chosen or known


def unknown_school_message(sid: str, known: Iterable[str]) -> str:
    """``no school 'oak' (schools/oak.yml); did you mean 'oaks'? schools: elm, oaks``."""
    known = sorted(known)
    near = difflib.get_close_matches(sid, known, n=1, cutoff=0.6)
    hint = f"; did you mean '{near[0]}'?" if near else ";"
    return f"no school '{sid}' (schools/{sid}.yml){hint} schools: {', '.join(known) or 'none'}"
