"""Each imported section paired with the master policy's sections, as rendered for the school.

The master side is the policy resolved for the school (``master_sections``): its own values when
``--school`` names a school of the pack, else a stand-in school made of the values the import
found in the document over the trust's defaults (``stand_in_school``). Each section becomes
plain paragraphs: the blocks ``policypack diff`` cuts rendered HTML into (``diff.blocks``), with
the sub-heading numbers the builder adds left out.

Pairing (``align``) scores every imported section against every master section by title and by
text, then aligns the two lists as a diff aligns lines (``_pair_in_order``):

* title similarity: the share of the two titles' subjects in common, words of one meaning
  counted as one ("Our aims" and "Statement of intent"; ``_MEANING``), or how much of the
  master's subject the copy's title holds among its own words ("Governing body/headteacher
  responsibilities" holds "Roles and responsibilities"; ``COVER_WEIGHT``; less by the share of
  the title's subjects another master section's title names: "Guidance for parents" holds
  "Legal framework"'s guidance and "Parents' use of social media"'s parents), or, for titles spelled
  almost alike, rapidfuzz's ratio (``_title_similarity``); the master section's id counts as
  another title for it ("scope" for "Who and what the code covers");
* text similarity: the cosine of the two sections' content-word counts (words of three letters
  or more, roughly stemmed, a short list of function words left out), each word weighted by
  how few of the sections compared use it (``_idf``), which survives rewording and reordering
  and is not swayed by the words every section of a policy shares ("school", "social media");
* a pair is taken on its own (``_accept``) when the text alone is close (``TEXT_MATCH``: a
  renamed section), when the title is close and the text does not contradict it
  (``TITLE_MATCH`` and ``TEXT_FLOOR``: a reworded section), or when the two together are
  (``PAIR_SCORE``): of the alignments of such pairs that keep both documents' order, the one
  whose pairs score most in total (dynamic programming, ``_pair_in_order``);
* then a section the school moved, left over on both sides, pairs when it would on its own
  (``_pair_moved``);
* a section whose title names a master section already paired is a second part of it (see
  *split* below), never paired elsewhere by where it stands (``_names_paired``);
* then, between two pairs that keep the order, the sections left on both sides pair in order
  when their texts share ``ORDER_TEXT`` (or ``TEXT_FLOOR`` with a score of ``GAP_SCORE``)
  (pairing "order": a section whose title and text both changed is found by where it stands;
  never one whose title names another master section, which is that one or none; in a copy
  where no pair stands on its own, where a section's place tells nothing, only text with no
  heading of its own pairs so, by its words);
* last, a section still left over pairs with the master section still unpaired that it is
  clearly closest to, title and text both pointing there (``_pair_best``, pairing "best");
  below these floors nothing pairs. Ties go to the earlier pair, so the result is the same on
  every run.

A *merged* section (two master sections inside one imported) pairs with the master section it
matches best; each paragraph of it then goes to whichever master section still unpaired it
matches better than its partner, and a master section whose paragraphs so gathered match it
(``MERGE_MATCH``) and hold ``MERGE_COVER`` of its words is compared with those paragraphs
(pairing "merged"); else it is ``missing``. A *split* section (one master section cut in two by
an extra heading) is the converse: an imported section left over that matches a master section
already paired (``MERGE_MATCH``), with ``MERGE_COVER`` of its words in the master's, or whose
title is that section's in other words (``TITLE_MATCH``) while its text is close to no other
section, becomes a part of it (pairing "split"), and the master is compared with all its parts
in document order.

Statuses: a master section is ``same`` when its words equal the imported words after
normalising whitespace, quotes, dashes and bullets (case and everything else kept), else
``reworded``, with ``similarity`` the ratio of words in common (difflib, in [0, 1), rounded to
three places) and a word redline from the engine ``policypack diff`` uses (``diff.words``), or
``missing`` when nothing pairs with it. An imported section left over is ``school-only``: its
draft is an ``add_sections`` entry placed after the master section paired before it in the
document. A heading with no text under it that pairs with nothing (a cover page's line) is left
out.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from builder.importing.document import Paragraph, Section
from builder.importing.read.split import ABOUT_POLICY
from builder.common.diagnostics import printable
from builder.diff.blocks import Block, Elem, parse_blocks, words_of
from builder.diff.changes import BlockDiff
from builder.diff.words import diff_blocks
from builder.source.load import deep_merge
from builder.source.model import School
from builder.source.yamlsrc import SrcDict
from builder.source.model import Approval, ExternalPolicy, SchoolPolicy
from builder.source.values import PackDate, Where, parse_cycle, parse_date
from builder.common.diagnostics import PackError
from builder.resolve.school import resolve_school
from builder.source.values import SLUG_RE, windows_reserved

# Pairing thresholds (scores in [0, 1]).
TEXT_MATCH = 0.5      # text alone this close pairs two sections, whatever their titles
TITLE_MATCH = 0.8     # a title this close pairs two sections ...
NAMES_SECTION = 0.99  # a line whose subjects are all a section's is a heading wherever it stands
TEXT_FLOOR = 0.15     # ... unless their texts share less than this
CONTRADICT = 0.1      # ... and another master section's text is this much closer (or TEXT_FLOOR)
PAIR_SCORE = 0.45     # the mean of the title and text similarities this high pairs them too
GAP_SCORE = 0.25      # between two pairs, sections left on both sides pair in order at this score
ORDER_TEXT = 0.2      # ... or when their texts alone share this much
BEST_SCORE = 0.2      # a section left over pairs with the master section it is clearly closest to
BEST_MARGIN = 0.05    # ... by this much over the next
BEST_EACH = 0.1       # ... with both its title and its text pointing there at least this much
TITLE_LED = 0.25      # ... or its title alone (TITLE_MATCH), when no other section's text comes this close
MERGE_MATCH = 0.45    # a master section matched this well by part of an imported one (merged),
#                       or an imported section left over by part of a master one (split)
MERGE_COVER = 0.4     # ... and that part holds this share of the other's words
EXPLODE_GAIN = 0.25   # a copy is cut at its sub-headings when that pairs this share of the
#                       master's sections more (``align_document``)
SIMILARITY_PLACES = 3  # similarity is reported rounded to this many decimal places

STATUSES = ("same", "reworded", "missing", "school-only", "new")   # "new": --new-policy

_STOP = frozenset("""the and for are that this with from have has was were will would should
could can not but all any its our their they them who what when where which your you his her
she him how may must also into onto than then there these those such each other only own
about after before being been does did doing out off over under again further once here very
just more most some many much nor too per via""".split())

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
                         "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-"})
_BULLET = re.compile(r"^\s*(?:[\u00b7\u2022\u25aa\u25cf\u25e6\u2023\u2043\u2219\uf0b7\uf0a7\uf076"
                     r"\uf0d8\uf0fc*\-\u2013]|o(?=\s))\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Text as compared: Unicode compatibility forms (non-breaking spaces, ligatures), curly
    quotes and dashes made plain, control characters written as escapes (``\\x1b``, as
    diagnostics print them), a bullet at a line's start removed, whitespace runs made one
    space. Case and everything else are kept."""
    text = printable(unicodedata.normalize("NFKC", text or "").translate(_QUOTES))
    lines = [_BULLET.sub("", line) for line in text.splitlines()]
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def _stem(word: str) -> str:
    """A word's rough stem ("reviewing", "reviewed", "reviews" -> "review"), for matching only."""
    return _SUFFIX.sub("", word) if len(word) > 4 else word


@functools.lru_cache(maxsize=8192)
def _content_words(text: str) -> Counter:
    """The words that carry a text's meaning, counted (cached: each section is compared with
    every other; callers never change the Counter returned)."""
    return Counter(_stem(w) for w in (m.lower() for m in _WORD.findall(normalise(text)))
                   if len(w) >= 3 and w not in _STOP and not w.isdigit())


def _idf(texts) -> dict[str, float]:
    """Each word's weight across the sections compared: 1 for a word every section uses
    ("school", "media"), more for rarer ones (smoothed inverse document frequency), so two
    sections pair on the words that tell sections apart."""
    bags = [set(_content_words(t)) for t in texts]
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    return {w: 1.0 + math.log((1 + n) / (1 + c)) for w, c in df.items()}


def _cosine(a: Counter, b: Counter, w: dict | None = None) -> float:
    if not a or not b:
        return 0.0
    wt = (lambda k: w.get(k, 1.0) ** 2) if w else (lambda k: 1.0)
    dot = sum(v * b.get(k, 0) * wt(k) for k, v in a.items())
    na = sum(v * v * wt(k) for k, v in a.items())
    nb = sum(v * v * wt(k) for k, v in b.items())
    return dot / math.sqrt(na * nb) if na and nb else 0.0


def _recall(got: Counter, want: Counter) -> float:
    """The share of ``want``'s words (counted) that ``got`` holds."""
    total = sum(want.values())
    return sum(min(v, got.get(k, 0)) for k, v in want.items()) / total if total else 0.0


def _title_key(title: str) -> str:
    t = normalise(title).lower()
    t = re.sub(r"^\s*(?:section\s+)?\(?[0-9ivx]+(?:\.[0-9]+)*[.)]?\s+", "", t)   # a typed number
    return " ".join(re.sub(r"[^\w\s]", " ", t).split())


# Words that name one subject in a section's title, whichever a school uses: "Our aims" and
# "Statement of intent", "Monitoring and review" and "Policy review" are the same section.
_MEANING = {w: head for head, words in {
    "intent": "intent aim purpose rationale introduct background overview vision mission ethos objective why",
    "standard": "standard principle value expect conduct",
    "legal": "legal legislation law statutory framework guidance",
    "role": "role responsibilit duti accountabilit",
    "definition": "definition term glossary meaning terminology",
    "review": "review monitor evaluation evaluat",
    "training": "training awareness cpd",   # ("development" heads "Development / monitoring / review")
    "bullying": "cyberbully bully harassment abuse",
    "parent": "parent carer famil",
    "pupil": "pupil student children child learner",
    "staff": "staff employee colleague worker personnel adults",
    "consent": "consent permission photograph image",
    "data": "data privacy confidential gdpr",
    "account": "account channel page",
    "scope": "scope apply applie cover",       # "Who does this policy apply to?", "Who the code covers"
}.items() for w in words.split()}
_HEADS = frozenset(_MEANING.values())
_TITLE_NOISE = frozenset("statement policy code document procedure procedures section part school academy "
                          "our of in on to at by a an exists is".split())
COVER_WEIGHT = 0.8    # a title holding every subject of the master's ("Governing body and
#                       headteacher responsibilities" of "Roles and responsibilities") scores this
SPELLING_MATCH = 0.85  # a title spelled this close is the same title (a typo, a plural)


_SEASONS = frozenset("spring summer autumn winter".split())


# a phrase that names the standards a code sets: "Setting an example" (not "Example consent form")
SETTING_AN_EXAMPLE = re.compile(r"\bset(?:s|ting)?\s+(?:an|a\s+good)\s+example\b")


def _title_words(key: str) -> set[str]:
    out = set()
    words = SETTING_AN_EXAMPLE.sub("standard", key).split()
    for k, w in enumerate(words):
        if w in _STOP or w in _TITLE_NOISE or w == "contents":
            continue    # (a contents list's heading names no subject: "Contents" is not "Blocked content")
        numbered = k + 1 < len(words) and re.fullmatch(r"\d{1,2}|[ivx]{1,4}", words[k + 1]) or \
            k > 0 and words[k - 1] in _SEASONS
        # (a word of a meaning counted as a number's or a season's is a thing of that name, not the
        # subject: "Term 6", "Spring term" are no "Key terms")
        meaning = None if numbered else next((head for root, head in _MEANING.items() if w.startswith(root)), None)
        out.add(meaning or _stem(w))
    if not out and "statement" in key.split():
        out.add("intent")    # "Policy statement", "Statement": the policy's own statement of what it is for
    return out


def _title_idf(titles) -> dict[str, float]:
    """Each title word's weight across the titles compared: less for a word most titles share
    ("social media" in a social media policy's), as ``_idf`` weighs a text's words."""
    bags = [_title_words(_title_key(t)) for t in titles]
    df = Counter(w for bag in bags for w in bag)
    return {w: math.log((1 + len(bags)) / c) for w, c in df.items()}


def _title_similarity(a: str, b: str, weights: dict[str, float] | None = None, cover: bool = True,
                      claimed: frozenset[str] = frozenset()) -> float:
    """How alike two section titles are: the share of their subjects in common (weighted by
    ``weights``, when given, so words every title uses count less), words of one meaning
    counted as one ("aims" and "intent"), or, for two titles spelled almost alike, how alike
    (rapidfuzz's normalised Indel ratio). Letters alone never pair "Introduction" with
    "Definitions"."""
    ka, kb = _title_key(a), _title_key(b)
    if not ka or not kb:
        return 0.0
    wa, wb = _title_words(ka), _title_words(kb)
    weight = (lambda x: weights.get(x, 1.0)) if weights else (lambda x: 1.0)
    union = sum(weight(x) for x in wa | wb)
    common = sum(weight(x) for x in wa & wb)
    shared = common / union if union else 0.0
    whole = sum(weight(x) for x in wb)
    # (a title naming besides a subject another master section's title names holds the master's as one
    # of two: "Guidance/protection for parents" holds "Legal framework"'s guidance and "Parents' use
    # of social media"'s parents; ``claimed``: the subjects the master's titles name)
    held = sum(weight(x) for x in wa & wb & _HEADS)
    others = sum(weight(x) for x in (wa & claimed) - wb)
    share = held / (held + others) if held else 1.0
    covered = round(COVER_WEIGHT * share * common / whole, 9) if whole and cover else 0.0   # (0.8 when all is held)
    spelled = fuzz.ratio(ka, kb) / 100
    return max(shared, covered, spelled if spelled >= SPELLING_MATCH else 0.0)


@dataclass
class MasterSection:
    id: str
    number: int
    title: str
    paragraphs: list[str]           # plain text, one entry per block (paragraph, item, cell)
    origin: str = "trust"           # "trust", or "school" for the school's own replacement

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def subject(self) -> str:
        """The section's title and its id's words: the short name the trust gave it ("scope"
        for "Who and what the code covers") may say what it is about as well as the title (a
        title is compared with both, the closer counting)."""
        return f"{self.title} {self.id.replace('-', ' ')}"


@dataclass
class SectionRow:
    """One line of the report: an imported section and the master section it pairs with."""
    status: str
    imported: Section | None = None
    imported_index: int | None = None
    master: MasterSection | None = None
    pairing: str | None = None       # "title+text", "text", "title", "merged", "split"
    similarity: float | None = None
    title_similarity: float | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)   # the imported text compared
    diff: list[BlockDiff] = field(default_factory=list)
    after: str | None = None         # school-only: the master section it follows


def master_paragraphs(html_fragment: str) -> list[str]:
    """A rendered section's blocks as plain text, without the numbers the builder gives its
    sub-headings (``<span class="num">3.1</span>``)."""
    out = []
    for b in parse_blocks(html_fragment):
        toks = [t for t in b.toks if not any(tag == "span" and ("class", "num") in attrs
                                                 for tag, attrs in t.marks)]
        text = re.sub(r"\s+", " ", "".join(t.text for t in toks)).strip()
        if text:
            out.append(text)
    return out


def sections_of(resolved_policy) -> list[MasterSection]:
    return [MasterSection(s.id, s.number, s.title, master_paragraphs(s.html), s.origin)
            for s in resolved_policy.sections]


def _para_text(p: Paragraph) -> str:
    return p.text


def _score(imp: Section, ms: MasterSection, w: dict, tw: dict | None = None,
           title_as: str | None = None, claimed: frozenset[str] = frozenset()) -> tuple[float, float, float]:
    own = imp.title if title_as is None else title_as
    title = max(_title_similarity(own, ms.title, tw, claimed=claimed),
                _title_similarity(own, ms.subject, tw, claimed=claimed),
                _title_similarity(own, ms.id.replace("-", " "), tw, cover=False))
    text = _cosine(_content_words(imp.text()), _content_words(ms.text), w)
    return title, text, (title + text) / 2


def _names_a_document(title: str) -> bool:
    """A title that names a whole document ("Online Safety Policy", "Staff Code of Conduct",
    "Online Safety Policy Template for Schools"), not a part of one ("Aims of this policy",
    "Related policies")."""
    head = re.split(r"\s+(?:template|for|at|in)\s+", _title_key(title))[0]
    return bool(DOCUMENT_TITLE.search(head)) and not ABOUT_POLICY.search(title)


# a whole document of guidance named by its subject, as a copy's first heading: "Social Media Guidance"
# (not "Legislation and guidance", "Guidance for staff")
GUIDANCE_TITLE = re.compile(r"(?!legislation|statutory|useful|further|staff|national)\w+(?:\s+\w+){0,3}\s+"
                            r"(?:guidance|guidelines)")
# an appendix's title ("Appendix 2 - Consent form", "Annex B", "Schedule 1"; not "Schedule for review")
APPENDIX_TITLE = re.compile(r"(?i:appendi(?:x|ces)|annexe?s?)\b|(?i:schedule)\s+(?:\d{1,2}|[A-Z]|[ivx]{1,4})\b")
# what a form's title ends with ("Blocked content access request form", "Home school agreement forms")
FORM_TITLE = re.compile(r"\b(?:forms?|slips?|declarations?|logs?|posters?|letters?|certificates?)$", re.I)
# what a document's title ends with: its kind, singular
DOCUMENT_TITLE = re.compile(r"\b(?:policy|code\s+of\s+(?:conduct|practice)|charter|handbook|protocol)$")


def _accept(title: float, text: float, score: float, rival: float = 1.0) -> str | None:
    """How a pair is taken on its own, or None. ``rival``: the closest any other master
    section's text comes to the imported section's."""
    if title >= TITLE_MATCH and text >= TEXT_FLOOR:
        return "title+text" if text >= TEXT_MATCH else "title"
    if title >= TITLE_MATCH and rival < max(TEXT_FLOOR, text + CONTRADICT):
        return "title"      # a short or cut text that no other section's is clearly closer to
    if text >= TEXT_MATCH:
        return "text"
    if score >= PAIR_SCORE:
        return "title+text"
    return None


def _name_pattern(name: str) -> str:
    return r"[\s\-–:|]*".join(map(re.escape, name.split()))


def _without_name(title: str, name: str | None) -> str:
    """A title with the school's name taken out: "Oak Hill Statement of Intent" is the
    statement of intent (the name's rare words would outweigh the title's own)."""
    if not name:
        return title
    return re.sub(_name_pattern(name), " ", title, flags=re.I).strip() or title


def _opens_with_name(title: str, name: str | None) -> bool:
    """A heading that is the school's name, or its name and a name's or a title's words after it ("OAK
    HILL PRIMARY SCHOOL", "Oak Hill Primary School Online Safety Policy September 2024", "Oak Hill
    Primary School and Children's Centre"), is the document's cover line, not a part of it ("Oak Hill
    Primary School's garden", "Oak Hill Primary School and its garden" are parts)."""
    m = re.match(r"\W*" + _name_pattern(name or "") + r"\b", title, re.I) if name else None
    if m is None:
        return False
    rest = title[m.end():]
    if re.match(r"['’]s\b", rest):
        return False
    words = [w for w in re.findall(r"[\w'’]+", rest) if w.lower() not in ("and", "of", "the", "for", "in", "at")]
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def align(imported: list[Section], master: list[MasterSection], name: str | None = None) -> list[SectionRow]:
    """The report's rows: the imported sections in document order (a merged one once per
    master section it holds), each missing master section after the row of the master section
    before it (first when none). ``name``: the school's name, left out of the copy's titles."""
    w = _idf([s.text() for s in imported] + [m.text for m in master])
    titles = [_without_name(s.title, name) for s in imported]
    # a section headed by a whole document's name is that document (or one of a combined copy's):
    # what it covers is not told by where it stands, so it never pairs by place
    whole = {i for i, t in enumerate(titles) if _names_a_document(t) or _opens_with_name(imported[i].title, name)}
    if len(imported) == 1 and not imported[0].title:
        whole.add(0)     # a copy with no headings at all: its text is the whole document's
    first = next((i for i, s in enumerate(imported) if s.title), None)    # (after the text above it)
    if first is not None and (_names_a_document(titles[first]) or GUIDANCE_TITLE.fullmatch(_title_key(titles[first]))):
        # the copy's first heading names the whole document ("Online Safety Policy", "Social Media
        # Charter"): its title, no section's, so its words pair with nothing (a policy named
        # further on is a part of a combined document: "Pupils' Acceptable Use Policy")
        titles[first] = ""
    # an appendix ("Appendix 1 – Blocked content access form") is the copy's form or annex, which
    # the pack keeps as a form, not a section: it pairs by its text alone, never by its title's words
    titles = ["" if APPENDIX_TITLE.match(t.strip()) or FORM_TITLE.search(t.strip()) else t for t in titles]
    tw = _title_idf(titles + [m.subject for m in master])
    claimed = frozenset(x for m in master for x in _title_words(_title_key(m.subject)) if x in _HEADS)
    scores = {(i, j): _score(s, m, w, tw, titles[i], claimed) for i, s in enumerate(imported)
              for j, m in enumerate(master)}
    rivals = _rivals(scores)
    pair_of_imp = _pair_in_order(lambda i, j: _strong(scores, rivals, i, j), list(range(len(imported))),
                                 list(range(len(master))))
    pair_of_master = {j: i for i, (j, _) in pair_of_imp.items()}
    _pair_moved(scores, rivals, pair_of_imp, pair_of_master)
    _pair_by_place(scores, pair_of_imp, pair_of_master, len(imported), len(master), whole,
                   frozenset(i for i, s in enumerate(imported) if not s.title.strip()))
    _pair_best(scores, pair_of_imp, pair_of_master, imported)

    # merged: unpaired master sections taken from the paragraphs of a paired imported section
    parts: dict[int, list[tuple[int, list[Paragraph]]]] = {}   # master j -> [(imported i, paras)]
    for i in sorted(pair_of_imp):
        j, _ = pair_of_imp[i]
        paras = [p for p in imported[i].paragraphs if p.text]
        primary = _content_words(master[j].text)
        taken: dict[int, list[Paragraph]] = {}
        free = [k for k in range(len(master)) if k not in pair_of_master]
        if free:
            bags = {k: _content_words(master[k].text) for k in free}
            for p in paras:
                words = _content_words(p.text)
                own = _cosine(words, primary, w)
                other = max(free, key=lambda k: (_cosine(words, bags[k], w), -k))
                if _cosine(words, bags[other], w) > own:
                    taken.setdefault(other, []).append(p)
            for k in sorted(taken):
                got: Counter[str] = Counter()
                for p in taken[k]:
                    got += _content_words(p.text)
                if _cosine(got, bags[k], w) >= MERGE_MATCH and _recall(got, bags[k]) >= MERGE_COVER:
                    pair_of_master[k] = i
                    parts.setdefault(k, []).append((i, taken[k]))
        used = {id(p) for k, lst in parts.items() for ii, ps in lst if ii == i for p in ps}
        parts.setdefault(j, []).append((i, [p for p in paras if id(p) not in used]))

    # split: an imported section left over that is part of a master section already paired
    split_of: dict[int, int] = {}
    for i, s in enumerate(imported):
        if i in pair_of_imp:
            continue
        words = _content_words(s.text())
        best, value = None, 0.0
        for j in sorted(parts):
            v = _cosine(words, _content_words(master[j].text), w)
            if v > value:
                best, value = j, v
        if best is not None and value >= MERGE_MATCH and \
                _recall(_content_words(master[best].text), words) >= MERGE_COVER:
            split_of[i] = best
            parts[best].append((i, [p for p in s.paragraphs if p.text]))
            continue
        # or its title is one of those sections' in other words and its text is close (TEXT_MATCH)
        # to no other ("Aims of the policy" after "Introduction", both "Why this code exists")
        closest = max(range(len(master)), key=lambda k: (scores[(i, k)][1], -k))
        # (by the master's own title: an id of one word, "pupils", would make any title naming
        # children a part of that section)
        named = [j for j in sorted(parts) if _title_similarity(titles[i], master[j].title, tw, claimed=claimed)
                 >= TITLE_MATCH and
                 (closest == j or scores[(i, closest)][1] < TEXT_MATCH)]
        if len(named) == 1:
            best = named[0]
            split_of[i] = best
            parts[best].append((i, [p for p in s.paragraphs if p.text]))
    for j in parts:
        parts[j].sort(key=lambda item: item[0])

    compared: dict[int, SectionRow] = {}
    for j, lst in parts.items():
        paras = [p for _, ps in lst for p in ps]
        owner = pair_of_master[j]
        how = pair_of_imp[owner][1] if pair_of_imp[owner][0] == j else "merged"
        compared[j] = _compare(master[j], paras, how, scores[(owner, j)][0])

    rows: list[SectionRow] = []
    last_master: int | None = None
    for i, s in enumerate(imported):
        js = sorted(j for j, lst in parts.items() if any(ii == i for ii, _ in lst))
        if i in split_of:
            j = split_of[i]
            base = compared[j]
            # (the redline is shown once, on the master's first part, whichever pairs: a part
            # split off before the section that pairs holds it, or its text would be shown nowhere)
            rows.append(SectionRow(base.status, s, i, master[j], "split", base.similarity,
                                   round(scores[(i, j)][0], SIMILARITY_PLACES), base.paragraphs,
                                   base.diff if parts[j][0][0] == i else []))
            last_master = j
            continue
        if not js:
            if not s.text().strip():
                continue       # a heading with nothing under it (a cover line): nothing to keep
            after = master[last_master].id if last_master is not None else None
            rows.append(SectionRow("school-only", s, i, None, None, None, None,
                                   [p for p in s.paragraphs if p.text], [], after))
            continue
        for j in sorted(js, key=lambda j: (j != pair_of_imp[i][0], j)):
            base = compared[j]
            row = SectionRow(base.status, s, i, master[j], base.pairing, base.similarity,
                             round(scores[(i, j)][0], SIMILARITY_PLACES), base.paragraphs, base.diff)
            if any(ii == i for ii, _ in parts[j]) and parts[j][0][0] != i:
                row.diff = []          # the redline is shown once, on the master's first part
            rows.append(row)
        last_master = pair_of_imp[i][0]
    # missing master sections, each after the row of the master section before it
    for j in range(len(master)):
        if j in parts:
            continue
        row = SectionRow("missing", None, None, master[j])
        at = 0
        for k, r in enumerate(rows):
            if r.master is not None and master.index(r.master) < j:
                at = k + 1
        rows.insert(at, row)
    return rows


def explode(section: Section) -> list[Section]:
    """A section cut at its highest sub-headings: the text before the first stays under the
    section's own title (left out when there is none), each sub-heading becomes a section."""
    heads = [p for p in section.paragraphs if p.kind == "heading"]
    if not heads:
        return [section]
    top = min(p.level for p in heads)
    out = [Section(section.title, section.line, section.level, section.number, [])]
    for p in section.paragraphs:
        if p.kind == "heading" and p.level == top:
            out.append(Section(p.text, p.line, p.level, p.number, []))
        else:
            out[-1].paragraphs.append(p)
    return [s for s in out if s is not out[0] or s.text().strip()]


def align_document(imported: list[Section], master: list[MasterSection],
                   name: str | None = None) -> tuple[list[SectionRow], list[Section]]:
    """``align`` at the document's level of headings: its sections as split, or, when that
    pairs clearly more master sections (``EXPLODE_GAIN`` of them more, at least two), each cut
    at its sub-headings -- a copy that is one numbered chapter of a handbook ("5 Social media"
    holding "5.1 ... 5.7"). A copy whose sub-headings only subdivide a section stays as split."""
    best_rows, best_secs = align(imported, master, name), imported
    flat = [part for s in imported for part in explode(s)]
    if len(flat) > len(imported):
        rows = align(flat, master, name)
        def paired(rs):
            return len({r.master.id for r in rs if r.status in ("same", "reworded")})
        if paired(rows) >= paired(best_rows) + max(2, EXPLODE_GAIN * len(master)):
            best_rows, best_secs = rows, flat
    return best_rows, best_secs


def _rivals(scores) -> dict[tuple[int, int], float]:
    """For each pair (i, j), the closest the text of a master section other than ``j`` comes to
    section ``i``'s (1 when its text shares nothing with any: a heading with no text is no
    evidence of its own); worked out once, from each section's two closest texts."""
    by_imp: dict[int, list[tuple[float, int]]] = {}
    for (i, j), (_, text, _) in scores.items():
        by_imp.setdefault(i, []).append((text, j))
    out = {}
    for i, texts in by_imp.items():
        top = sorted(texts, key=lambda x: (-x[0], x[1]))
        (best, best_j), second = top[0], (top[1][0] if len(top) > 1 else 0.0)
        for _, j in texts:
            out[(i, j)] = 1.0 if best <= 0 else second if j == best_j else best
    return out


def _strong(scores, rivals, i: int, j: int) -> tuple[float, str | None]:
    """A pair ``_accept`` takes on its own, with its score."""
    title, text, score = scores[(i, j)]
    how = _accept(title, text, score, rivals[(i, j)])
    return (score, how) if how else (0.0, None)


def _by_place(scores, i: int, j: int, named: frozenset[int] = frozenset()) -> tuple[float, str | None]:
    """A pair taken only for where it stands: the texts share ``ORDER_TEXT`` (or ``TEXT_FLOOR``
    with a score of ``GAP_SCORE``)."""
    title, text, score = scores[(i, j)]
    if named - {j}:
        return 0.0, None     # its title names another master section (``named``): that one or none, never this
    if text >= ORDER_TEXT or (text >= TEXT_FLOOR and score >= GAP_SCORE):
        return score, "order"
    return 0.0, None


def _pair_in_order(weight, imps: list[int], mss: list[int]) -> dict[int, tuple[int, str]]:
    """The pairs of one monotone alignment of the sections ``imps`` of the copy with ``mss`` of
    the master (each side in its own order, sections skipped on either side), the one whose
    pairs score most in total (dynamic programming, as a diff aligns lines); ``weight(i, j)``
    gives a pair's score and how it pairs, or no pair. Ties go to the earlier pair, so the
    result is the same on every run."""
    n, m = len(imps), len(mss)
    w = [[weight(imps[x], mss[y]) for y in range(m)] for x in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            value, how = w[x][y]
            take = value + best[x + 1][y + 1] if how else -1.0
            best[x][y] = max(take, best[x + 1][y], best[x][y + 1])
    out: dict[int, tuple[int, str]] = {}
    x = y = 0
    while x < n and y < m:
        value, how = w[x][y]
        if how and best[x][y] == value + best[x + 1][y + 1]:
            out[imps[x]] = (mss[y], how)
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return out


def _pair_by_place(scores, pair_of_imp, pair_of_master, n: int, m: int, whole=frozenset(),
                   untitled=frozenset()) -> None:
    """Between two pairs that keep both documents' order (and before the first, after the last),
    the sections left on both sides pair in order by ``_by_place``: a section whose title and
    text both changed is still found by where it stands, but never takes a master section a
    section elsewhere matches on its own. ``whole``: sections headed by a document's name
    or opening with the school's (a cover line), never paired by place. With no pair found on its
    own to stand between, where a section stands tells nothing: only ``untitled`` sections (text
    with no heading of its own, a copy with no headings) pair so, by their words alone."""
    kept, last = [], -1
    for i in sorted(pair_of_imp):
        j = pair_of_imp[i][0]
        if j > last:
            kept.append((i, j))
            last = j
    bounds = [(-1, -1), *kept, (n, m)]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        imps = [i for i in range(i0 + 1, i1) if i not in pair_of_imp and i not in whole
                and not _names_paired(scores, i, pair_of_master) and (kept or i in untitled)]
        mss = [j for j in range(j0 + 1, j1) if j not in pair_of_master]
        if imps and mss:
            named = {i: frozenset(k for k in range(m) if scores[(i, k)][0] >= TITLE_MATCH) for i in imps}

            def weight(a: int, b: int, named=named) -> tuple[float, str | None]:
                return _by_place(scores, a, b, named[a])
            for i, (j, how) in _pair_in_order(weight, imps, mss).items():
                pair_of_imp[i] = (j, how)
                pair_of_master[j] = i


def _names_paired(scores, i: int, pair_of_master) -> bool:
    """Section ``i``'s title names (``TITLE_MATCH``) a master section already paired: a part of
    it under a second heading ("Aims" after "Introduction"), never paired elsewhere by place."""
    return any(scores[(i, j)][0] >= TITLE_MATCH for j in pair_of_master)


def _pair_moved(scores, rivals, pair_of_imp, pair_of_master) -> None:
    """A section the school moved: left over on both sides by the alignment in order, paired
    when ``_accept`` takes the pair on its own (never by where it stands), the best first."""
    moved = sorted((-score, i, j, how) for (i, j), (title, text, score) in scores.items()
                   if i not in pair_of_imp and j not in pair_of_master
                   and (how := _accept(title, text, score, rivals[(i, j)])))
    for _, i, j, how in moved:
        if i not in pair_of_imp and j not in pair_of_master:
            pair_of_imp[i] = (j, how)
            pair_of_master[j] = i


def _pair_best(scores, pair_of_imp, pair_of_master, imported) -> None:
    """A section left over whose title and text together are clearly closest to one master
    section still unpaired: at least ``BEST_SCORE``, ``BEST_MARGIN`` above its next best
    (paired or not), title and text each at least ``BEST_EACH``, wherever it stands ("Use of
    social networking by staff in a personal capacity" placed after the pupils' section is the
    staff personal accounts section)."""
    n_master = 1 + max((j for _, j in scores), default=-1)
    for i in range(len(imported)):
        if i in pair_of_imp or not imported[i].text().strip() or _names_paired(scores, i, pair_of_master):
            continue
        ranked = sorted(((scores[(i, j)][2], -j) for j in range(n_master)), reverse=True)
        if not ranked:
            continue
        (best, neg), runner = ranked[0], (ranked[1][0] if len(ranked) > 1 else 0.0)
        j = -neg
        title, text, _ = scores[(i, j)]
        rival = max((scores[(i, k)][1] for k in range(n_master) if k != j), default=0.0)
        if j not in pair_of_master and best >= BEST_SCORE and best - runner >= BEST_MARGIN \
                and (min(title, text) >= BEST_EACH or title >= TITLE_MATCH and rival < TITLE_LED):
            pair_of_imp[i] = (j, "best")
            pair_of_master[j] = i


_UIDS = itertools.count(1)


def _blocks(texts: list[str]) -> list[Block]:
    """Plain paragraphs as diff blocks: every one a <p> of its own, words only (no markup, no
    attributes: the imported text is untrusted and comes out as escaped text)."""
    return [Block((Elem("p", (), next(_UIDS)),), words_of(normalise(t))) for t in texts if normalise(t)]


def _words(texts) -> list[str]:
    return [w for t in texts for w in normalise(t).split()]


def _compare(ms: MasterSection, paras: list[Paragraph], how: str, title_sim: float) -> SectionRow:
    old, new = _words(ms.paragraphs), _words(p.text for p in paras)
    if old == new:
        status, sim = "same", 1.0
    else:
        ratio = difflib.SequenceMatcher(None, old, new, autojunk=False).ratio()
        status, sim = "reworded", min(round(ratio, SIMILARITY_PLACES), 0.999)
    diff = diff_blocks(_blocks(ms.paragraphs), _blocks([p.text for p in paras])) if status != "same" else []
    return SectionRow(status, None, None, ms, how, sim, round(title_sim, SIMILARITY_PLACES), paras, diff)


def redline_words(row: SectionRow) -> list[dict]:
    """The redline as runs of text: [{"op": "equal"|"delete"|"insert", "text": ...}], the
    master's words deleted and the school's inserted, adjacent runs of one kind joined."""
    out: list[dict] = []
    for bd in row.diff:
        for seg in bd.segments:
            text = "".join(t.text for t in seg.toks)
            if out and out[-1]["op"] == seg.op:
                out[-1]["text"] += (" " if not out[-1]["text"].endswith(" ") and not text.startswith(" ")
                                    else "") + text
            else:
                if out and not out[-1]["text"].endswith(" "):
                    out[-1]["text"] += " "
                out.append({"op": seg.op, "text": text})
    for item in out:
        item["text"] = re.sub(r"\s+", " ", item["text"]).strip()
    return [item for item in out if item["text"]]


# ---------------------------------------------------------------- the master, as the school reads it

def _nested(found) -> dict:
    """Found values ({key: "roles.dsl.name", value}) as the nested mapping a school file is."""
    out: dict = {}
    for f in found:
        parts = f.key.split(".")
        if parts[0] == "policies":
            continue
        cur = out
        for part in parts[:-1]:
            nxt = cur.get(part)
            if not isinstance(nxt, dict):
                nxt = cur[part] = {}
            cur = nxt
        cur.setdefault(parts[-1], f.value)   # the first found (earliest line) wins
    return out


def _placeholders(pack) -> dict:
    """What the pack's schools give that a stand-in school might not: each role, school key,
    list and option the text may use, as a visible placeholder ("[name of the DSL]"), an empty
    list or false, so the master renders with nothing undefined."""
    out: dict = {"roles": {}, "lists": {}, "options": {}, "extra": {}}
    titles = _shared_titles(pack)
    for sid in sorted(pack.schools):
        values = pack.schools[sid].values
        for key in ("short_name", "address", "phone", "email", "website"):
            if key in values:
                out.setdefault(key, f"[school {key.replace('_', ' ')}]")
        for rid, person in sorted((values.get("roles") or {}).items()):
            if isinstance(person, dict):
                slot = out["roles"].setdefault(rid, {})
                # (a title the trust gives, or that two schools agree on; never one school's own, "Designated
                # Safeguarding Lead and Deputy Headteacher", which would show that school's post in another's)
                what = titles.get(rid) or (rid.upper() if len(rid) <= 4 else rid.replace("_", " "))
                for k in person:
                    slot.setdefault(k, f"[{k} of the {what}]")
        for lid in sorted(values.get("lists") or {}):
            out["lists"].setdefault(lid, [])
        for oid in sorted(values.get("options") or {}):
            out["options"].setdefault(oid, False)
        for eid in sorted(values.get("extra") or {}):
            out["extra"].setdefault(eid, f"[{eid}]")
    return out


def _shared_titles(pack) -> dict[str, str]:
    """Each role's title as the trust gives it (its values or defaults), else as at least two of the
    pack's schools give it."""
    out: dict[str, str] = {}
    counts: dict[str, Counter] = {}
    for sid in sorted(pack.schools):
        for rid, person in (pack.schools[sid].raw.get("roles") or {}).items():
            if isinstance(person, dict) and isinstance(person.get("title"), str):
                counts.setdefault(str(rid), Counter())[person["title"].strip()] += 1
    for rid, c in counts.items():
        (title, n), = c.most_common(1)
        if n >= 2:
            out[rid] = title
    for roles in (pack.trust.defaults.get("roles") or {}, pack.trust.values.get("roles") or {}):
        for rid, person in roles.items():
            if isinstance(person, dict) and isinstance(person.get("title"), str):
                out[str(rid)] = person["title"].strip()
    return out


def stand_in_school(pack, school_id: str, found, name: str | None):
    """A school for a document whose school the pack does not have yet: the values the import
    found, over the trust's defaults, over placeholders for the rest."""

    def src(d):
        if isinstance(d, dict):
            out = SrcDict((k, src(v)) for k, v in d.items())
            out.path, out.line, out.lines = f"schools/{school_id}.yml", None, {}
            return out
        return d

    trust = {k: v for k, v in pack.trust.defaults.items() if k not in ("policies", "external_policies")}
    values = deep_merge(src(_placeholders(pack)), src(trust))
    own = _nested(found)
    if name and "name" not in own:
        own["name"] = name
    own.setdefault("name", school_id)
    values = deep_merge(values, src(own), whole=())
    external = {eid: ExternalPolicy(eid, item.get("title", eid), item.get("url", ""),
                                    Where(f"schools/{school_id}.yml", None, school_id))
                for eid, item in sorted((pack.trust.defaults.get("external_policies") or {}).items())
                if isinstance(item, dict)}
    return School(id=school_id, values=values, policies=_approvals(found, school_id), external=external,
                  shown=f"schools/{school_id}.yml", path=pack.root / "schools" / f"{school_id}.yml",
                  raw=src({}))


def _approvals(found, school_id: str) -> dict[str, SchoolPolicy]:
    """The approval record each policy's found values give (``policies.<id>.approval.approved``,
    ``next_review``, ``review_cycle``), so the master text prints the copy's dates; a value that
    is no date or cycle is left out (the text then prints "not recorded")."""
    where = Where(f"schools/{school_id}.yml", None, school_id)
    record: dict[str, dict] = {}
    for f in found:
        parts = f.key.split(".")
        if len(parts) == 4 and parts[0] == "policies" and parts[2] == "approval":
            record.setdefault(parts[1], {}).setdefault(parts[3], f.value)   # the first found (the surest) wins

    def date(value) -> PackDate | None:
        try:
            return parse_date(str(value), where, "date")
        except PackError:
            return None

    def cycle(value) -> int | None:
        try:
            return parse_cycle(value, where)
        except PackError:
            return None

    return {pid: SchoolPolicy(pid, Approval(
        body=None, approved=date(r["approved"]) if "approved" in r else None, version=None,
        review_cycle=cycle(r["review_cycle"]) if "review_cycle" in r else None,
        next_review=date(r["next_review"]) if "next_review" in r else None, signatories=[], where=where),
        [], {}, [], [], [], where) for pid, r in sorted(record.items())}


def names_a_section(policy):
    """Whether a line's words name one of ``policy``'s sections, by title likeness as pairing reads
    it (its title or id in other words: "Aims" for "Statement of intent", "Guidelines for Pupils"
    for "pupils"): the reader takes such a line for a heading. None without a policy."""
    if policy is None:
        return None
    titles = tuple(dict.fromkeys([s.title for s in policy.sections if s.title] +
                                 [s.id.replace("-", " ") for s in policy.sections]))

    @functools.lru_cache(maxsize=4096)
    def named(text: str) -> bool:
        # (every subject of the line one of a section's, and no number: not a cover's "Reviewed
        # August 2016" nor "Monitoring software", which only share a word with "Monitoring and review")
        return not re.search(r"\d", text) and any(_title_similarity(text, t) >= NAMES_SECTION for t in titles)
    return named


def master_sections(pack, policy_id: str, school_id: str, found=(), name: str | None = None,
                    resolved=None):
    """The policy's sections as the school reads them, and the resolved school: ``resolved``
    (the pack's school, as the Project resolved it) when given, else the school of the pack or
    ``stand_in_school`` resolved now."""
    rs = resolved or resolve_school(pack, pack.schools.get(school_id)
                                    or stand_in_school(pack, school_id, found, name))
    return sections_of(rs.policies[policy_id]), rs


# ---------------------------------------------------------------- ids for what the import drafts

ID_LENGTH = 48   # the longest id drafted from a title, cut at a word


def slug_id(title: str, taken=(), fallback: str = "section") -> str:
    """An id for a drafted section or policy: the title's letters and digits (accents folded to
    ASCII) joined by hyphens, at most ``ID_LENGTH`` characters, never a name Windows keeps for a
    device, and not one of ``taken`` (a number is added: "-2", "-3"...). Always a safe id as
    the pack's schema reads them (``source.values.slug``)."""
    text = unicodedata.normalize("NFKD", normalise(title)).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    base = ""
    for w in words:
        nxt = f"{base}-{w}" if base else w
        if len(nxt) > ID_LENGTH:
            break
        base = nxt
    if not base and words:
        base = words[0][:ID_LENGTH]
    base = base or fallback
    if windows_reserved(base):
        base = f"{base}-{fallback}"
    taken = set(taken)
    result, n = base, 2
    while result in taken:
        result = f"{base}-{n}"
        n += 1
    assert SLUG_RE.match(result)
    return result
