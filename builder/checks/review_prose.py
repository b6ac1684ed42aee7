"""Review cycles typed in the text ("This policy is reviewed annually") checked against the
policy's cycle for each school (W-REVIEW-PROSE).

How such a sentence is recognised (one sentence at a time, Jinja blanked out, so
``{{ policy.review_cycle }}`` is never read as a cycle):

1. it has a review word: review, reviewed, reviewing, reviews, revisit(ed), revised, renewed
   **with** the policy as its object or subject ("renewal", "renew" alone are not enough);
2. it names the document: "this policy", "the policy", "this code", "this document", "the
   procedure", "the agreement", "this plan", "it" right after "policy ... will be reviewed"
   is covered because the sentence names the policy;
3. it has a frequency: annually, yearly, each/every/once a year, on an annual basis, every
   twelve months, biennially, every two/2/other years, every three years, triennially, termly,
   every term, every six months, twice a year...

A frequency in a sentence with no review word of the policy ("Training is refreshed annually",
"Consent is renewed each year", "Staff review their privacy settings every year") is not a
statement of the policy's cycle and is not flagged.
"""

from __future__ import annotations

import re

from builder.common.diagnostics import Diagnostic
from builder.checks.sources import line_at, mask_jinja, read_text, section_files
from builder.source.values import cycle_words

_N = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
      "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
      "twenty four": 24, "thirty-six": 36}
_NUMBER = r"(?:\d{1,2}|" + "|".join(sorted(map(re.escape, _N), key=len, reverse=True)) + r")"

# (pattern, months or None: the number in group "n" times the unit in group "u")
FREQUENCIES = [
    (r"\b(?:annually|yearly|annual(?:ly)?\s+basis|once\s+(?:a|per|each|every)\s+year|"
     r"(?:each|every|per)\s+(?:academic\s+|school\s+|calendar\s+)?year|(?:on\s+)?(?:an?\s+)?annual\s+"
     r"(?:cycle|review|basis))\b", 12),
    (r"\b(?:biennially|every\s+other\s+year|every\s+second\s+year|(?:on\s+)?an?\s+biennial\s+"
     r"(?:cycle|basis|review)|biennial\s+review|(?:on\s+)?a\s+(?:two|2)[-\s]year(?:ly)?\s+"
     r"(?:cycle|basis))\b", 24),
    (r"\b(?:triennially|(?:on\s+)?a\s+triennial\s+(?:cycle|basis|review)|triennial\s+review|"
     r"(?:on\s+)?a\s+(?:three|3)[-\s]year(?:ly)?\s+(?:cycle|basis))\b", 36),
    (r"\b(?:termly|every\s+term|each\s+term|once\s+a\s+term)\b", 4),
    (r"\b(?:twice\s+a\s+year|every\s+half[-\s]year|half[-\s]yearly|six[-\s]monthly)\b", 6),
    (r"\b(?:monthly|every\s+month|each\s+month)\b", 1),
    (rf"\b(?:every|each|once\s+every)\s+(?P<n>{_NUMBER})\s+(?P<u>years?|months?|terms?)\b", None),
    (r"\b(?:at\s+least\s+)?every\s+(?P<u2>years?|months?)\b", "unit"),
]
_FREQ = [(re.compile(p, re.I), m) for p, m in FREQUENCIES]
REVIEW = re.compile(r"\b(?:review(?:ed|ing|s)?|revisit(?:ed|ing|s)?|revised|re-?evaluated|"
                    r"renewed|updated)\b", re.I)
DOCUMENT = re.compile(r"\b(?:(?:this|the|our)\s+(?:(?!(?:review|revisit|revis|renew|updat|re-?evaluat))\w+\s+){0,3}?"
                      r"(?:policy|code(?:\s+of\s+conduct)?|"
                      r"document|procedure|agreement|plan|guidance|statement))\b", re.I)
SENTENCE = re.compile(r"[^.!?\n]*(?:\n(?!\s*\n)(?![ \t]*(?:[-*+]|\d+\.)\s)[^.!?\n]*)*[.!?]?", re.S)


def stated_cycles(text: str):
    """(offset, phrase, months) of each review cycle the (masked) text states for itself."""
    previous = ""
    for s in SENTENCE.finditer(text):
        sentence = s.group(0)
        if not sentence.strip():
            continue
        before, previous = previous, sentence
        about = _about_the_policy(sentence)
        if not about and IT_REVIEWED.match(sentence):  # "It" is the policy the sentence before began with
            about = bool(STARTS_WITH_DOCUMENT.match(before))
        if not about:
            continue
        seen: list[tuple[int, int]] = []     # the spans already read
        for rx, months in _FREQ:
            for m in rx.finditer(sentence):
                if any(a <= m.start() < b for a, b in seen):
                    continue
                seen.append((m.start(), m.end()))
                yield s.start() + m.start(), m.group(0), _months(m, months)


def _about_the_policy(sentence: str) -> bool:
    """A review word tied to the document: the document just before it, as the subject ("This
    policy will be reviewed", "The policy and its procedures are reviewed"), or just after it, as
    its object ("reviews the policy", "review of this policy"); or a heading-like "Review cycle:"."""
    if POLICY_REVIEW.search(sentence):
        return True
    for r in REVIEW.finditer(sentence):
        if CYCLE_LABEL.match(sentence, r.end()):
            return True
        for d in DOCUMENT.finditer(sentence):
            if 0 <= r.start() - d.end() <= 40 or 0 <= d.start() - r.end() <= 12:
                return True
    return False


# "It will be reviewed annually." right after a sentence about the policy: its subject is it
IT_REVIEWED = re.compile(r"\s*(?:It|This)\s+(?:will|is|shall|should|must|is\s+to)\s+(?:be\s+)?"
                         r"(?:reviewed|revisited|updated|revised)\b")
STARTS_WITH_DOCUMENT = re.compile(r"\s*(?:this|the|our)\s+(?:\w+\s+){0,3}?(?:policy|code|document|"
                                  r"procedure|agreement|plan)\b", re.I)
# "Policy review: annually", "policy reviewed every two years"
POLICY_REVIEW = re.compile(r"\bpolic(?:y|ies)\s+(?:review(?:ed)?|revisited)\b", re.I)
CYCLE_LABEL = re.compile(r"\s+(?:cycle|frequency|period)\b", re.I)


def _months(m, months) -> int:
    if months == "unit":
        return 12 if m.group("u2").lower().startswith("year") else 1
    if months is not None:
        return months
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _N[raw]
    unit = m.group("u").lower()
    return n * 12 if unit.startswith("year") else n * 4 if unit.startswith("term") else n


def check_review_prose(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    default = pack.trust.settings.default_review_cycle
    owner = {spec.shown: pid for pid in pack.policies for spec in pack.policies[pid].sections}
    for sid in sorted(resolved):
        for pid, sp in pack.schools[sid].policies.items():
            for spec in list(sp.add_sections) + list(sp.replace_sections.values()):
                owner.setdefault(spec.shown, pid)
    found_in: dict[str, list] = {}
    for src in section_files(pack, resolved):
        text = read_text(src.path)
        if text is None:
            continue
        masked = mask_jinja(text)
        found_in[src.shown] = [(line_at(masked, o), phrase, months)
                               for o, phrase, months in stated_cycles(masked)]
    for sid in sorted(resolved):
        rs = resolved[sid]
        for pid in sorted(rs.policies):
            rp = rs.policies[pid]
            cycle = rp.review_cycle or default
            if not cycle:
                continue
            for sec in rp.sections:
                for line, phrase, months in found_in.get(sec.shown, ()):
                    if months == cycle:
                        continue
                    out.append(Diagnostic(
                        sec.shown, line, "warning", "W-REVIEW-PROSE",
                        f"the text says the policy is reviewed '{' '.join(phrase.split())}' "
                        f"({cycle_words(months)}), but policy '{pid}' is reviewed "
                        f"{cycle_words(cycle)} for this school: write {{{{ policy.review_cycle }}}} "
                        f"(it prints '{cycle_words(cycle)}') instead of typing the cycle", sid))
    return list(dict.fromkeys(out))
