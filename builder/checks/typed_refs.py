"""Numbers typed by hand where ``ref()`` belongs, found by what the number belongs to.

A number is a typed reference when it points into THIS pack's text: a section, paragraph or
clause number (in digits or in words: "section 4", "Section Four", "paragraphs 2 and 3"), an
appendix by number or letter ("see Appendix 2"), a bare clause number that the sentence points
at ("as set out in 4.2", "4.2 above"), or "section 4 of the <title of a policy in this pack>".

It is NOT one when the number belongs to another document, which the sentence's structure shows:

- a following "of / in / under [the] <Name>": "Sections 1 and 2 of the Protection from
  Harassment Act 1997", "paragraph 137 of Keeping Children Safe in Education", "Annex A of
  KCSIE" (a name starts with a capital letter or is an acronym, and is not this pack's policy);
- a preceding document name: "Communications Act 2003: Section 127", "KCSIE 2024 paragraph
  137", "the Data Protection Act 2018, section 170";
- a bare number with no pointer before it ("see", "set out in", "described in", "refer to"...)
  or no "above"/"below" after it: "Room 4.2", "version 2.0", "at 10.30", "2.5 hours", a date
  "1.9.2025", a phone number.

Year groups, key stages, statutes' "s.127" and "Part 5" are never keywords, so never flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
          "fifteen|sixteen|seventeen|eighteen|nineteen|twenty")
_NUM = r"\d{1,3}(?:\.\d{1,3})*[a-z]?(?:\(\d{1,3}\)|\([a-z]{1,3}\))*"
_ONE = rf"(?:{_NUM}|(?:{_WORDS})\b(?:[\s-]+(?:point\s+)?(?:{_WORDS})\b)?)"
_SEP = r"(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*[-\u2013]\s*|\s+to\s+|\s*&\s*)"
_LIST = rf"{_ONE}(?:{_SEP}{_ONE})*"
_LETTER = r"(?-i:[A-Z])(?![\w'])"

KEYWORD = re.compile(
    rf"(?:\b(?P<kw>sections?|paragraphs?|paras?|clauses?)|(?P<sign>§§?))\s*(?P<num>{_LIST})(?![\w.]*\d)"
    rf"|\b(?P<akw>appendix|appendices|annex(?:es)?)\s+(?P<anum>(?:{_LIST}|{_LETTER})"
    rf"(?:{_SEP}(?:{_ONE}|{_LETTER}))*)",
    re.I)
# ... of this policy / in the policy: about this text
OF_THIS = re.compile(r"\s*(?:of|in)\s+(?:this|the|our)\s+(?:policy|document|code|procedure|plan|"
                     r"agreement|guidance)\b(?!\s+(?-i:(?:of|for|on|and)\s+[A-Z]|[A-Z]))", re.I)
# ... of / in / under [the] <Name>: another document's numbering
OF_NAME = re.compile(r"\s*(?:of|in|under|from|within)\s+(?:the\s+|our\s+)?(?P<name>[A-Z]|\d{4}\b)")
OF_ANY = re.compile(r"\s*(?:of|in|under|from|within)\s+(?:the\s+|our\s+)?", re.I)
# Communications Act 2003: Section 127 / KCSIE 2024 paragraph 137 / ... Regulations 2018, reg.
BEFORE_NAME = re.compile(r"(?:\bAct|\b[A-Z]{2,}|\bRegulations|\bOrder|\bGuidance|\bCode|\bRules|"
                         r"\bConvention|\)|(?<!^)(?<![.!?]\s)\b(?:[A-Z][\w'-]*\s+(?:(?:in|to|of|for|and|"
                         r"the|on)\s+)*){1,6}[A-Z][\w'-]*)(?:\s+\(?\d{4}\)?)?[\s:,(]*$")
# a bare clause number: 4.2, 6.1.3 (parts of one or two digits)
BARE = re.compile(r"(?<![\w.£$€/:@#-])(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})(?![\w%/:@-]|\.\d)")
POINTER = re.compile(r"(?:\bsee|\bset\s+out\s+in|\bdescribed\s+in|\bexplained\s+in|\bdetailed\s+in|"
                     r"\blisted\s+in|\boutlined\s+in|\bstated\s+in|\bgiven\s+in|\bdefined\s+in|"
                     r"\bshown\s+in|\brefer\s+to|\breferred\s+to\s+in|\baccording\s+to|\bas\s+per|"
                     r"\bin\s+line\s+with|\bunder|\bfollow|\bper|\bin|\bcf\.?)\s*\(?$", re.I)
AFTER_BARE = re.compile(r"\)?(?:\s*(?:above|below)\b|\s*(?:[.,;:)]|$)|\s+(?:and|or)\s+\d)", re.I)
ABOVE = re.compile(r"\)?\s*(?:above|below)\b", re.I)


@dataclass(frozen=True)
class TypedRef:
    offset: int
    phrase: str
    family: str          # "section", "word", "appendix", "other-policy", "bare"
    policy: str | None = None   # for "other-policy": the policy id its title names


_SMALL = {"the", "of", "and", "for", "on", "in", "to", "a", "our", "school", "trust"}
_NAME_RUN = re.compile(r"(?:[A-Z][\w'\u2019-]*(?:\s+(?:of|and|for|on|in|to)\s+|\s+))*[A-Z][\w'\u2019-]*")


def _title_at(text: str, titles) -> tuple[str, str] | None:
    """(policy id, title as typed) of a pack policy whose title ``text`` starts with, or that the
    capitalised name at the start of ``text`` is a shortening of ("the Staff Code of Conduct"
    for "Staff Social Media Code of Conduct"): every word of the name is in the title, and the
    name is not a statute's (no Act, Regulations or year)."""
    low = " ".join(text[:160].split()).lower()
    for pid, title in titles:
        t = " ".join(title.split()).lower()
        if t and low.startswith((t, t.removeprefix("the "))):
            return pid, title
    run = _NAME_RUN.match(text)
    if not run:
        return None
    name = run.group(0)
    words = {w for w in re.findall(r"[a-z]+", name.lower()) if w not in _SMALL}
    if len(words) < 2 or re.search(r"\b(?:Act|Acts|Regulations|Order|Rules|Guidance)\b", name):
        return None
    for pid, title in titles:
        if words <= set(re.findall(r"[a-z]+", title.lower())):
            return pid, name
    return None


def typed_refs(text: str, titles=()) -> list[TypedRef]:
    """Every typed reference in ``text`` (Jinja already masked). ``titles``: (id, title) of the
    pack's policies, so "section 4 of the Staff Code" is known for a reference into the pack."""
    found: list[TypedRef] = []
    taken: list[tuple[int, int]] = []
    for m in KEYWORD.finditer(text):
        rest = text[m.end():m.end() + 200]
        before = text[max(0, m.start() - 60):m.start()]
        appendix = m.group("akw") is not None
        num = m.group("anum") if appendix else m.group("num")
        if (this := OF_THIS.match(rest)):
            found.append(TypedRef(m.start(), m.group(0) + this.group(0),
                                  "appendix" if appendix else _family(num)))
            taken.append((m.start(), m.end()))
            continue
        if (any_of := OF_ANY.match(rest)):
            named = _title_at(rest[any_of.end():], titles)
            if named:
                phrase = m.group(0) + any_of.group(0) + rest[any_of.end():any_of.end() + len(named[1])]
                found.append(TypedRef(m.start(), " ".join(phrase.split()), "other-policy", named[0]))
                taken.append((m.start(), m.end()))
                continue
        if OF_NAME.match(rest) or BEFORE_NAME.search(before):
            taken.append((m.start(), m.end()))
            continue
        found.append(TypedRef(m.start(), m.group(0), "appendix" if appendix else _family(num)))
        taken.append((m.start(), m.end()))
    for m in BARE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        before = text[max(0, m.start() - 40):m.start()]
        after = text[m.end():m.end() + 40]
        pointed = POINTER.search(before) and AFTER_BARE.match(after)
        if pointed or (ABOVE.match(after) and POINTER.search(before)):
            above = ABOVE.match(after)
            found.append(TypedRef(m.start(), m.group(0) + (above.group(0) if above else ""), "bare"))
    return sorted(found, key=lambda r: r.offset)


def _family(num: str) -> str:
    return "section" if re.match(r"\d", num.strip()) else "word"


def message(ref: TypedRef, forms=()) -> str:
    """What to write instead, for each family."""
    if ref.family == "appendix":
        forms = list(forms)
        first = re.search(r"(?i:appendix|appendices|annex(?:es)?)\s+(\d+|[A-Z])\b", ref.phrase)
        n = None
        if first:
            n = int(first.group(1)) if first.group(1).isdigit() else ord(first.group(1)) - 64
        target = forms[n - 1] if n and 0 < n <= len(forms) else "<form-id>"
        names = ", ".join(f'"form:{f}"' for f in forms) if forms else '"form:<form-id>"'
        return (f"'{ref.phrase}' names an appendix by its number; appendices are the policy's forms "
                f"and their numbers change when forms are added or left out: write "
                f"{{{{ ref(\"form:{target}\") }}}} (this policy's forms, in order: {names})")
    if ref.family == "other-policy":
        return (f"'{ref.phrase}' is another policy's section number typed by hand; it changes when "
                f"that policy's sections move: write {{{{ ref(\"{ref.policy}#section-id\") }}}}")
    if ref.family == "bare":
        return (f"'{ref.phrase}' is a clause number typed by hand; numbers change when sections "
                f"move: write {{{{ ref(\"section-id\") }}}} (or \"policy-id#section-id\") instead")
    words = " (the number written as a word)" if ref.family == "word" else ""
    return (f"'{ref.phrase}' is a section number typed by hand{words}; numbers change when sections "
            f"move: write {{{{ ref(\"section-id\") }}}} (or \"policy-id#section-id\") instead")


# A heading typed with its own number: "# 5.4 Passwords", "## 3) Scope", "### Section 2: Aims",
# "## J) Reviewing this policy".
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<num>(?:(?:section|part|clause)\s+(?:\d+(?:\.\d+)*|"
                     rf"(?:{_WORDS}))\b[:.)\-\u2013]?|\d{{1,2}}(?:\.\d{{1,2}})*[.):]|\d{{1,2}}(?:\.\d{{1,2}})+|"
                     r"(?-i:[A-Z])\))"
                     r")[ \t]+(?=\S)", re.I | re.M)
TITLE_NUMBER = re.compile(r"^\s*(?:(?:section|part|clause)\s+\d+(?:\.\d+)*\b[:.)\-\u2013]?|"
                          r"\d{1,2}(?:\.\d{1,2})*[.):]|\d{1,2}(?:\.\d{1,2})+)\s+(?=\S)", re.I)


def heading_numbers(text: str):
    """(offset, number as typed) of each Markdown heading that starts with a number."""
    for m in HEADING.finditer(text):
        yield m.start(), m.group("num").strip()
