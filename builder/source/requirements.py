"""The requirements register: which policies a school must have, and publish, by its type and
phase. The default list ships with the tool (``requirements.yml`` beside this module: the DfE
guidance that replaced its withdrawn statutory policies list, each entry with its source); a
trust adds entries, or replaces a default by its id, with ``requirements:`` in trust.yml
(``required: false`` takes one out).

``register(pack)`` gives the merged list; ``applies(req, school_type, phase)`` says whether an
entry applies to a school; ``same_title(a, b)`` is the one rule for "this title is that
requirement" (normalised words, compared with rapidfuzz).

    python -m builder.source.requirements --docs docs/reference/requirements.md
rewrites the docs' table of the default register between its markers.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from builder.common import markers
from builder.source.values import Where, cycle_words, parse_cycle

DEFAULT_FILE = Path(__file__).resolve().parent / "requirements.yml"
ALL_TYPES = ("maintained", "academy")
# words that do not tell one policy from another: "Behaviour Policy" is "Behaviour"
_FILLER = {"policy", "policies", "statement", "the", "and", "of", "for", "our", "school",
           "schools", "trust", "procedure", "procedures", "a", "on", "in", "to"}
MATCH = 90   # rapidfuzz's token_sort_ratio at or above which two titles are the same policy


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    aliases: tuple[str, ...] = ()
    types: tuple[str, ...] = ALL_TYPES
    phases: tuple[str, ...] | None = None       # None: every phase
    publish_online: bool = False
    review: int | None = None                   # months: the longest cycle the guidance allows
    basis: str = ""
    source: dict = field(default_factory=dict, compare=False)
    evidence: dict = field(default_factory=dict, compare=False)
    where: Where | None = field(default=None, compare=False)   # a trust's own entry's line

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)


def _entry(d: dict, where: Where | None) -> Requirement:
    review = d.get("review")
    if isinstance(review, str):
        review = parse_cycle(review, where or Where(str(DEFAULT_FILE.name), None))
    phases = d.get("phases")
    return Requirement(
        id=str(d["id"]), title=str(d["title"]), aliases=tuple(map(str, d.get("aliases") or ())),
        types=tuple(d.get("types") or ALL_TYPES), phases=tuple(phases) if phases else None,
        publish_online=bool(d.get("publish_online", False)), review=review,
        basis=str(d.get("basis") or ""), source=dict(d.get("source") or {}),
        evidence=dict(d.get("evidence") or {}), where=where)


@functools.cache
def default_register() -> tuple[Requirement, ...]:
    """The shipped list (trusted package data; a test loads it through the trust schema)."""
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    return tuple(_entry(d, None) for d in data["requirements"])


def register(pack) -> list[Requirement]:
    """The default list with the trust's entries: a new id is added, a default's id replaced,
    and an entry with ``required: false`` taken out."""
    merged = {r.id: r for r in default_register()}
    own = pack.trust.checked.get("requirements") or []
    lines = getattr(own, "lines", ())
    for i, d in enumerate(own):
        where = Where(pack.trust.shown, lines[i] if i < len(lines) else None)
        if d.get("required", True) is False:
            merged.pop(str(d["id"]), None)
        else:
            merged[str(d["id"])] = _entry(d, where)
    return list(merged.values())


def applies(req: Requirement, school_type: str | None, phase: str | None) -> bool:
    """Whether ``req`` applies to a school of this type and phase. A school that declares
    neither is held to what applies to every school."""
    if school_type is None and tuple(sorted(req.types)) != tuple(sorted(ALL_TYPES)):
        return False
    if school_type is not None and school_type not in req.types:
        return False
    if req.phases is None:
        return True
    return phase is not None and phase in req.phases


def _words(title: str) -> str:
    text = title.lower().replace("&", " and ")
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _FILLER]
    return " ".join(words)


def same_title(a: str, b: str) -> bool:
    """Whether two titles name the same policy: their telling words, in any order, nearly the
    same ("Child Protection and Safeguarding Policy" is "Safeguarding and Child Protection")."""
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and fuzz.token_sort_ratio(wa, wb) >= MATCH


def likeness(a: str, b: str) -> float:
    """How alike two titles are (0-100), for "did you mean"."""
    return fuzz.token_sort_ratio(_words(a), _words(b))


# ---------------------------------------------------------------- the docs' table

START = "<!-- requirements:start -->"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def docs_table() -> str:
    rows = ["| Requirement | Applies to | Online | Review | Basis | Source |",
            "| --- | --- | --- | --- | --- | --- |"]
    for r in default_register():
        applies_to = ("all schools" if tuple(sorted(r.types)) == tuple(sorted(ALL_TYPES))
                      else " and ".join(r.types) + " schools")
        if r.phases:
            applies_to += " (" + ", ".join(r.phases) + ")"
        src = r.source
        where = ", ".join(x for x in (src.get("section"), src.get("date")) if x)
        title = f"[{_cell(src.get('title', ''))}]({src['url']})" if src.get("url") else _cell(
            src.get("title", ""))
        also = f" (also: {', '.join(r.aliases)})" if r.aliases else ""
        rows.append(f"| **{_cell(r.title)}** `{r.id}`{_cell(also)} | {applies_to} | "
                    f"{'yes' if r.publish_online else 'no'} | "
                    f"{cycle_words(r.review) if r.review else 'the board decides'} | "
                    f"{_cell(r.basis)} | {title}{': ' + _cell(where) if where else ''} |")
    return "\n".join(rows) + "\n"


def with_table(page: str) -> str:
    return markers.with_section(page, "requirements", START, docs_table(), "the register")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder.source.requirements",
                                     description="Print or rewrite the default requirements "
                                                 "register's table in the docs.")
    parser.add_argument("--docs", metavar="FILE", type=Path,
                        help="rewrite the table between the markers of this page")
    args = parser.parse_args(argv)
    if args.docs is None:
        sys.stdout.write(docs_table())
        return 0
    args.docs.write_text(with_table(args.docs.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
