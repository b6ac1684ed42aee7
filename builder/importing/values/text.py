"""The imported text as the value finders read it: each paragraph cleaned of Word's export debris
and cut into cells, and people's names picked out of a line.

A paragraph may still carry debris the reader left (a ``[bookmark: ...]`` marker, a bullet, a
typed number, underscores standing for a line to sign on, non-breaking spaces, smart quotes), so
the finders see it cleaned the same way whatever the reader did. A line's cells are its table
cells, or the parts between tabs and between runs of three or more spaces ("Signed: G Bishop
      Chair of Governors" is two cells), or a label and its value run together ("...by whomDawn
Bridgett").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from builder.common.given_names import is_given_name
from builder.importing.document import ImportedDocument, Paragraph
from builder.importing.read.text import BOOKMARK

_BULLET = re.compile(r"^\s*(?:[·•\u2022\u25aa\u25cf\u25e6\u2023\u2043\uf0b7\uf0a7\uf0d8\-*–—o§]"
                     r"(?=\s)|\uf0b7|\uf0a7)\s*")
_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|\(?[a-z]\)|\(?[ivx]+\))(?=\s)\s*", re.I)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                         "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200b": "", "\ufeff": "",
                         "\u2010": "-", "\u2011": "-"})
_LINK = re.compile(r"\]\(((?:https?://|mailto:|www\.)[^\s)]+)\)", re.I)
_CELL_SPLIT = re.compile(r"\s*(?:\t+|\s{3,}|\s\|\s)\s*")
# a table's header row, its columns parted by " / " as some copies part cells: the rows under it
# are parted the same way ("Giovanni Franceschi / Head Teacher / 01273 558422")
_COLUMN = r"(?i:name|names|role|roles|position|job\s+title|title|designation|contact(?:\s+details)?|details|" \
          r"e-?mail(?:\s+address)?|phone|telephone(?:\s+number)?|tel|responsibilit(?:y|ies)|area)"
_COLUMN_NAMES = re.compile(rf"{_COLUMN}(?:\s+/\s+{_COLUMN})+")
# a table's row whose cells a copy ran together: a label's last word in small letters, then its
# value with no space, a name to the line's end or a date ("...filtering and monitoringDawn
# Bridgett", "Date this policy was reviewed and by whom23/1/24 Maria Pannullo"); not a word that
# is capitalised inside ("WhatsApp Groups", "YouTube", "iPad": its first letter is a capital or
# it is too short to be a label's word)
_GLUED_CELL = re.compile(r"(?<=\s)(?P<w>[a-z]{3,})(?=[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}\s*$|"
                         r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b)")


def clean(text: str) -> str:
    """One paragraph's text as the finders read it: debris removed, spaces and quotes plain."""
    t = unicodedata.normalize("NFC", str(text)).translate(_QUOTES)
    t = BOOKMARK.sub("", t)     # (the reader's own pattern: a marker left open is read in bounded time)
    t = re.sub(r"_{2,}", "   ", t)          # a line to write on: a gap between cells
    t = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", " ", t)
    t = _BULLET.sub("", t, count=1)
    return t.strip()


@dataclass(frozen=True)
class CleanLine:
    """One paragraph of the document, cleaned: its line number, text, cells, kind, and the title
    of the section it is in ("" before the first section)."""
    line: int
    text: str
    cells: tuple[str, ...]
    kind: str
    section: str
    raw: str
    links: tuple[str, ...] = ()    # the addresses of the paragraph's links (a .docx hyperlink)

    @property
    def with_links(self) -> str:
        """The text and its links' addresses ("mailto:" dropped), for the contact finders."""
        if not self.links:
            return self.flat
        return self.flat + " | " + " | ".join(re.sub(r"^mailto:", "", u, flags=re.I) for u in self.links)

    @property
    def flat(self) -> str:
        """The text with its cells joined by " | " (one string to search)."""
        return " | ".join(self.cells) if len(self.cells) > 1 else self.text


def lines_of(doc: ImportedDocument) -> list[CleanLine]:
    """Every non-empty paragraph of ``doc`` as a CleanLine, in order."""
    titles: dict[int, str] = {}
    for s in doc.sections:
        for p in [Paragraph(s.line, s.title, "heading")] + list(s.paragraphs):
            titles.setdefault(p.line, s.title)
    out = []
    current = ""
    slashed = False     # under a header row whose columns a " / " parts ("Name / Role / Contact Details")
    paragraphs = doc.paragraphs or [Paragraph(i + 1, t) for i, t in enumerate(doc.lines)]
    for p in paragraphs:
        current = titles.get(p.line, current)
        if p.cells:
            cells = tuple(c for c in (clean(c) for c in p.cells) if c)
            text = " | ".join(cells)
        else:
            text = clean(p.text)
            if p.kind == "heading" or p.number:
                text = _NUMBER.sub("", text, count=1) if not p.number else text
            cells = tuple(c for c in _CELL_SPLIT.split(text) if c)
            parts = [c.strip() for c in text.split(" / ")]
            if len(cells) == 1 and len(parts) > 1 and (slashed or _COLUMN_NAMES.fullmatch(text)):
                cells = tuple(c for c in parts if c)
            elif len(cells) == 1 and (glued := _GLUED_CELL.search(text)):
                cells = (text[:glued.end()], text[glued.end():])
            slashed = len(parts) > 1 and (slashed or bool(_COLUMN_NAMES.fullmatch(text)))
            text = re.sub(r"\s+", " ", text).strip()
        if text:
            links = tuple(u for u in _LINK.findall(p.markdown or "") if u not in text)
            out.append(CleanLine(p.line, text, cells or (text,), p.kind, current, p.text, links))
    return out


@functools.lru_cache(maxsize=64)
def _flat(text: str) -> tuple[str, str]:
    """``text`` cleaned, its spaces run together, and the same in small letters (read once per line,
    however many values it holds)."""
    t = re.sub(r"\s+", " ", clean(text)).strip()
    return t, t.lower()


def snippet(text: str, limit: int = 80, around: str | None = None) -> str:
    """The source text a value came from, shortened for a message or a comment; a long line is
    shown from a little before ``around`` (the words the value was read from), when given."""
    t, low = _flat(text)
    if len(t) <= limit:
        return t
    i = low.find(re.sub(r"\s+", " ", around).strip().lower()) if around else -1
    if i > limit // 3:
        start = i if re.search(r"[.!?:;]\s*$", t[:i]) else t.rfind(" ", 0, max(0, i - 20)) + 1
        t = "…" + t[start:]
    return t if len(t) <= limit else t[:limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- names of people

HONORIFICS = {"mr", "mrs", "miss", "ms", "mx", "dr", "prof", "professor", "rev", "revd", "sir",
              "dame", "lady", "lord", "fr", "father", "sister"}
SURNAME_TITLES = {"lord", "lady", "sister", "father", "dame"}    # also surnames, after a first name
PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "le", "la", "al", "bin", "ap"}
# Capitalised words that are not names: roles, places in a school, the words around them.
STOP = set("""
the our a an this that these those is are was will be by for of to in on at and or with from as
school schools primary academy college trust board governors governor governing body local
head headteacher headteachers teacher teachers principal deputy assistant executive designated
safeguarding lead leads leader officer officers coordinator co-ordinator manager chair chairs director directors
trustee trustees
vice data protection online e-safety esafety safety computing it ict technician technicians
network communications marketing senco sendco special educational needs clerk business bursar
office administrator admin child children protection policy policies contact contacts details
email e-mail tel telephone phone mobile fax address website web role signed signature date
dsl ddsl dpo osl lgb mat ceo cfo coo hr pupil pupils staff parents parent carers dear all any
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday appendix section page key person
responsible also supporting supported mission statement aims objectives definitions
plan plans act acts procedure procedures prevention breach management framework guidance code
conduct notice network centre center service services team department unit group committee
federation partnership authority council county borough city diocese acting interim
if when then please you we they it he she there here what who how why where which rules help
tips report reporting
academies colleges trusts teams ltd limited company support solutions education central copy copies
""".split())

# the words that name a kind of document: a name ending in one is a document's title, not a school's
# ("The E-Safety Policy will..."), and a cover's title before its date ends in one
DOCUMENT_KINDS = frozenset("policy policies code procedure procedures plan statement agreement guidance guidelines "
                           "document charter protocol handbook framework strategy".split())

# letters after a name: degrees, teaching qualifications, honours ("Mr A F Quinn BA (Hons) NPQH")
POST_NOMINALS = {w for w in """BA MA BSc MSc MEd BEd EdD PhD MPhil MBA LLB LLM BEng MEng BMus NPQH NPQSL
NPQML NPQEL NPQSENCO PGCE PGDip QTS QTLS OBE MBE CBE BEM DBE FRSA FCCA ACA MCIPD FCIPD CIPD Hons""".split()}

_TOKEN = re.compile(r"[^\W\d_](?:[\w']|-(?=\w))*\.?|\S")   # (a hyphen only inside a word: "Garrett- Principal")


def _tokens(text: str) -> list[re.Match]:
    return list(_TOKEN.finditer(text))


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def name_spans(text: str) -> list[tuple[int, int, str]]:
    """Every run of words in ``text`` that reads as a person's name: an honorific and a
    surname ("Miss Cooke"), initials and a surname ("G Bishop"), or two or more capitalised
    words that are not role or school words ("Clare Wilson"), at most five words."""
    toks = _tokens(text)
    out = []
    i = 0
    while i < len(toks):
        start = i
        words: list[str] = []
        honorific = False
        j = i
        while j < len(toks):
            w = toks[j].group()
            bare = w.rstrip(".").lower()
            if j > start and text[toks[j - 1].end():toks[j].start()] not in (" ",) and not (
                    re.fullmatch(r"[A-Z]\.", toks[j - 1].group()) and
                    (re.fullmatch(r"[A-Z]\.?", w) or not text[toks[j - 1].end():toks[j].start()] and _is_cap(w))):
                break       # (initials may be run together, or with the surname: "Ms B.A. Jones", "Mrs S.Wilson")
            if j > start and (prev := toks[j - 1].group()).endswith(".") and len(prev.rstrip(".")) > 1 and \
                    prev.rstrip(".").lower() not in HONORIFICS:
                break       # a sentence's end: "... is Kathryn Jeffcoate. Jen Don Carolis is the Deputy"
            after = text[toks[j].end():toks[j].end() + 1]
            if after == "@" or w.endswith(".") and after.isalnum() and not re.fullmatch(r"[A-Z]\.", w):
                break       # a word of an address: "Alison.Tennant@trust.org.uk" after "Alison Tennant"
            if words and w.replace(".", "") in POST_NOMINALS:   # (as written: "Bem" is a surname)
                break       # "Quinn BA": the name ends where its letters begin
            if len(words) >= 2 and not honorific and is_given_name(w) and not is_given_name(words[-1]) and \
                    j + 1 < len(toks) and _is_cap(toks[j + 1].group()) and \
                    text[toks[j].end():toks[j + 1].start()] == " ":
                break       # two people run together, each a first name and a surname: "Joe Torpey Amanda Cawood"
            initial = re.fullmatch(r"[A-Z]\.?", w) is not None
            # (right after a title, a capitalised word is a name whatever else it spells: "Mr Will
            # Stone", "Mrs May Green"; the title shows it is a person's)
            named = honorific and not words and bare not in HONORIFICS and _is_cap(w) and w[0].isalpha() \
                and not w.isupper()
            # (a title's word after a first name is a surname: "Mr Bill Lord", "Anna Sister"; not "Mr", "Mrs"...,
            # which start the next person's name)
            word = named or (_is_cap(w) and w[0].isalpha() and bare not in STOP and
                             (bare not in HONORIFICS or bool(words) and bare in SURNAME_TITLES)
                             and (not w.isupper() or len(bare) == 1 or honorific or bool(words)))
            if not words and not honorific and bare in HONORIFICS and _is_cap(w):
                honorific = True
            elif initial or word:
                words.append(w)
            elif words and bare in PARTICLES and any(
                    _is_cap(t.group()) for t in toks[j + 1:j + 3]):
                words.append(w)
            else:
                break
            j += 1
            if len(words) >= 5:
                break
        while words and words[-1].lower() in PARTICLES:
            words.pop()
            j -= 1
        surname = [w for w in words if len(w.rstrip(".")) > 1]
        ok = bool(surname) and (honorific or len(words) >= 2) and not re.fullmatch(
            r"[A-Z]\.?", words[-1])
        if ok and not honorific and _names_a_body(toks, j):
            ok = False      # the start of a body's name, not a person's: "Senior Leadership Team", "Oak Hill School"
        if ok and not honorific and start and text[:toks[start].start()].rstrip().endswith("(") and \
                j < len(toks) and words[-1].lower() in BODY_NOUNS and \
                re.fullmatch(r"[\w\s'’&-]*", text[toks[j].start():max(0, text.find(")", toks[j].start()))]) and \
                _POST_END.match(text, toks[j].start()):
            ok = False      # a post in brackets, a setting's name in its title: "Hayley List (Lodge Day Nursery
            #                 Manager)"
        if ok:
            s, e = toks[start].start(), toks[j - 1].end()
            name = text[s:e].rstrip(".") if not re.search(r"\b[A-Z]\.$", text[s:e]) else text[s:e]
            out.append((s, s + len(name), name))
            i = j
        else:
            i = max(j, i + 1) if j > i and not honorific else i + 1
    return out


# the nouns that end the name of a body, not a person ("Senior Leadership Team", "Finance Committee")
BODY_NOUNS = frozenset("team teams committee trust group board service services council department centre center "
                       "partnership federation college school academy nursery university hospital society "
                       "association foundation network unit agency authority".split())
# ... unless a post follows, whose first word it is: "Jane Smith School Business Manager", "Sarah Jones
# Trust DPO", "Ruth Ellis Board Member"
_POST_END = re.compile(r"(?:manager|lead|leader|officer|co-?ordinator|administrator|secretary|nurse|governor|"
                       r"teacher|head|clerk|bursar|director|counsellor|chair|trustee|assistant|worker|advisor|"
                       r"adviser|champion|mentor|member|practitioner|nurse|senco|sendco|dsl|dpo|ceo|cfo|coo)s?"
                       # (or a post's initials: "Trust DPO", "Federation SENDCo")
                       r"|(?-i:[A-Z][A-Za-z]*[A-Z][A-Za-z]*)", re.I)


def _names_a_body(toks, j: int) -> bool:
    """The word after a run of capitalised words (at token ``j``) is a body's noun that ends the
    phrase, or starts a phrase with no post in it: the run names a body, not a person."""
    if j >= len(toks) or not _is_cap(toks[j].group()) or toks[j].group().lower() not in BODY_NOUNS:
        return False
    return not any(_POST_END.fullmatch(t.group()) for t in toks[j + 1:j + 4])
def name_first(text: str) -> tuple[int, int, str] | None:
    """The name ``text`` opens with (a bullet or a dash before it aside), or None."""
    spans = name_spans(text)
    return spans[0] if spans and not text[:spans[0][0]].strip(" -–•*·") else None


def bar_cells(text: str) -> list[str]:
    """A row's cells as a copy writes it with bars ("Version | Date | Review Date", "DSL | Deputy DSL |"),
    the outer bars dropped and empty cells kept, so each stays in its column."""
    return [c.strip() for c in text.strip().strip("|").split("|")]


def is_name(text: str) -> bool:
    """``text`` (a table cell, a labelled value) is one person's name and nothing else."""
    t = text.strip().rstrip(".,;")
    spans = name_spans(t)
    return len(spans) == 1 and spans[0][0] == 0 and spans[0][1] >= len(t) - 1


# another body's words: a line naming one gives that body's contact, never the school's ("First Response
# Children's Duty, Room 100b, County Hall", "Allegations against Staff Tel: 03000 410888", "Judicium
# Consulting Limited")
OTHER_BODY = re.compile(r"\b(?:council|county\s+hall|civic\s+cent(?:re|er)|children['’]?s\s+(?:services|social\s+care|"
                        r"duty)|social\s+care|duty\s+team|first\s+response|front\s+door|lado|mash|police|nspcc|"
                        r"childline|helpline|hotline|nhs|ofsted|ombudsman|commissioner|tribunal|limited|ltd|llp|"
                        r"consult(?:ing|ancy|ants?)|"
                        r"allegations?|safeguarding\s+partnership|safeguarding\s+(?:children['’]?s?\s+)?board|"
                        r"(?-i:L?SCB)|local\s+authority|(?-i:HR)|human\s+resources|"
                        # (the model's author, and where to ask it: "produced for Schools by North HR")
                        r"produced\s+(?:for\s+\w+\s+)?by)\b", re.I)
