"""The copy's own mistakes, found with the pack's checks, each at its line in the imported file.

Every finding names the imported file (as given on the command line), the line of the paragraph
and the school. They are warnings and notices: they describe the old copy, which the import
replaces with the master text, so none stops the import. The codes are the checks' own, so a
reader who knows ``policypack check`` knows what each means:

- ``E-HAND-REF`` (warning here): a section, clause or appendix number typed where the pack
  writes ``ref()`` ("as set out in section 4", "see 4.2 above"), found by the same detector as
  the check (checks/typed_refs.py), with its suggestion;
- ``N-HEADING-NUMBER`` (a notice, one for each heading): a number typed before a heading
  ("4.0 Training", "Section B -", "C)"); the builder numbers sections itself, so the drafted
  sections leave it out;
- ``E-PLACEHOLDER`` (warning here): template text left in, by its shape or the trust's phrases
  (checks/placeholders.py's ``gaps``, as ``check`` finds it);
- ``W-REVIEW-PROSE``: the copy states two different review cycles (checks/review_prose.py's
  reader of review sentences), one warning at each statement naming the other;
- ``E-OTHER-SCHOOL`` (warning here): another school's name, email, phone or address in the copy
  (checks/other_school.py's finder, over the pack's other schools);
- ``N-DOUBLED-WORDS``: words repeated by mistake ("used by pupils, social media are to be used by
  pupils"), by the check's detector (checks/doubled.py);
- ``W-POLICY-UNKNOWN``: "the X Policy" named in the text that is neither a policy in
  ``content/`` nor an external policy (the trust's ``defaults: external_policies`` or the
  school's own), nor this policy itself.

Stale and mismatched dates are ``values.stale_dates``'s.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from builder.importing.document import ImportedDocument, Paragraph
from builder.checks.doubled import doubled
from builder.checks.other_school import _finder
from builder.checks.placeholders import gaps, phrase_pattern
from builder.checks.references import largest_part, owned_titles
from builder.checks.review_prose import stated_cycles
from builder.checks.typed_refs import message as ref_message
from builder.checks.typed_refs import page_footer, typed_refs
from builder.common.codes import severity_of
from builder.common.diagnostics import Diagnostic
from builder.importing.read.split import SENTENCE_END, TITLE_END
from builder.importing.values.dates import found_date, months_meant
from builder.source.review_text import dates_in
from builder.source.values import cycle_words

OWN_NAME_LINES = 12   # the first lines of a copy, where a heading naming a policy is the copy's own name
COVER_WORDS = 20      # words a line of a cover has at most
TABLE_READ = 4     # lines after a cover table's label, read onto a line of its own, that its value may stand in

# "the X Policy": the capitalised words before "Policy" (small joining words allowed inside)
_POLICY_WORD = re.compile(r"Polic(?:y|ies)")       # "REVIEWING THIS POLICY" (capitals) names none
_STOP = {"the", "this", "our", "a", "an", "each", "every", "any", "that", "its", "their", "your",
         "which", "whose", "all", "these", "those", "see", "and", "or", "under", "with", "in"}
_JOIN = {"and", "&", "of", "for", "on", "in", "to", "with", "at", "-", "\u2013", "/"}
_LEAD = {"the", "this", "our", "a", "an", "each", "every", "any", "that", "its", "their", "your",
         "which", "whose", "all", "these", "those", "see", "school", "trust", "school's",
         "trust's", "schools'", "academy", "new", "current", "relevant", "following", "separate",
         "other", "related", "individual", "whole"}
_GAP_BREAK = re.compile(r"[.,;:()!?\"\u201c\u201d\n|]")
_IGNORE_WORDS = {"the", "school", "trust", "our", "policy", "policies", "and", "&", "of", "for",
                 "on", "in", "to", "with", "a", "an", "procedure", "procedures", "-", "\u2013", "/"}


def _para_text(p: Paragraph) -> str:
    return p.text


def _where(doc: ImportedDocument, p: Paragraph, severity: str, code: str, msg: str,
           school_id: str | None) -> Diagnostic:
    # a check's error is a warning here (an override): it describes the copy being replaced
    override = "import" if severity != severity_of(code) else None
    return Diagnostic(doc.display, p.line, severity, code, msg, school_id, override=override)


# --- typed numbers -----------------------------------------------------------------------------

def _headings(doc: ImportedDocument) -> dict[int, Paragraph]:
    """The lines that head a section or a part of one, as the document was last split (the
    import splits again with the master's titles as hints, so the sections know best)."""
    heads = {p.line: p for p in doc.paragraphs if p.kind == "heading"}
    for s in doc.sections:
        heads[s.line] = Paragraph(s.line, s.title, "heading", s.level, s.number)
        heads.update((p.line, p) for p in s.paragraphs if p.kind == "heading")
    return heads


def _heading_lines(doc: ImportedDocument) -> set[int]:
    return set(_headings(doc))


def _hand_refs(doc, pack, policy_id, school_id) -> list[Diagnostic]:
    titles, linked = owned_titles(pack)
    policy = pack.policies.get(policy_id)
    forms = policy.forms if policy is not None else ()
    out = []
    heads = _heading_lines(doc)
    # (a number past the copy's own parts, and the pack's, is another document's: "Section 175 / Section 157
    # of the Education Act 2002")
    tops = [int(m[1]) for s in doc.sections if s.number and (m := re.match(r"(\d{1,3})", s.number))]
    largest = max([largest_part(pack), len(doc.sections) + 10, *(t + 10 for t in tops)])
    for p in doc.paragraphs:
        if p.line in heads or page_footer(p.text):
            continue     # a heading's own number, or a page's footer left in an exported copy
        for ref in typed_refs(p.text, titles, largest):
            out.append(_where(doc, p, "warning", "E-HAND-REF",
                              f"the copy types a number where the pack writes ref(): "
                              f"{ref_message(ref, forms, linked)}", school_id))
    return out


_TRIM = " :.-\u2013\u2014"
_APPENDIX_NO = re.compile(r"^(?P<n>(?:appendix|annexe?|schedule)\s+(?:\d{1,2}|[A-Z]|[ivx]{1,4}))\b", re.I)


def _heading_numbers(doc, school_id) -> list[Diagnostic]:
    """One notice for each heading typed with its own number (the builder numbers headings and
    forms itself, so the drafted sections leave these out)."""
    out = []
    for _, p in sorted(_headings(doc).items()):
        number = p.number
        if number is None and (m := _APPENDIX_NO.match(p.text)):
            number = m.group("n")
            rest = p.text[m.end():].strip(_TRIM)
            what = (f"'{number}' is typed before '{rest}': " if rest else f"'{number}' is typed as a heading: ") + \
                "the builder numbers a policy's forms (its appendices) itself"
        elif number is None:
            continue
        else:
            what = (f"the heading '{p.text}' starts with its own typed number '{number}': the builder "
                    f"numbers sections itself, so the drafted section leaves it out")
        out.append(_where(doc, p, "notice", "N-HEADING-NUMBER",
                          what + f"; a reference to it elsewhere (\"see {number}\") becomes a ref()",
                          school_id))
    return out


# --- template text ---------------------------------------------------------------------------

def _placeholders(doc, pack, school_id) -> list[Diagnostic]:
    pattern = phrase_pattern(pack.trust.settings.placeholder_phrases)
    out = []
    paras = doc.paragraphs
    column = _label_column(paras)
    for k, p in enumerate(paras):
        if k in column:
            continue
        # read with the paragraph after it, as the check reads a section: a label whose value or
        # text follows on the next line ("Signed by:" over a name, a heading "Setting an example:")
        # is no gap; only what lies in the paragraph itself is reported
        after = next((q.text for q in paras[k + 1:] if q.text.strip()), "")
        for at, found in gaps(f"{p.text}\n{after}" if after else p.text, pattern):
            if at >= len(p.text):
                continue
            if found.strip() == p.text.strip() and not p.text.rstrip().endswith(":") and \
                    any(dates_in(q.text) for q in paras[k + 1:k + 1 + TABLE_READ]):
                continue   # a cover table's label read onto a line of its own, its date a few lines on ("Date
                #            Approved" over "Quality and Monitoring Committee" over "1.7.2013")
            out.append(_where(doc, p, "warning", "E-PLACEHOLDER",
                              f"template text '{' '.join(found.split())}' left in the copy: the school's "
                              f"real value belongs here (a gap's shape, such as XXXX, ____ or [School name], "
                              f"or one of settings.placeholder_phrases in trust.yml)", school_id))
    return out


def _doubled(doc, school_id) -> list[Diagnostic]:
    return [_where(doc, p, "notice", "N-DOUBLED-WORDS",
                   f"'{' '.join(phrase.split())}' repeats words in the copy: delete the repeat",
                   school_id)
            for p in doc.paragraphs for _, phrase in doubled(p.text, run_in=True)]


# --- review cycles ----------------------------------------------------------------------------

def _review_cycles(doc, school_id, dates: tuple | None = None) -> list[Diagnostic]:
    """Each statement of a review cycle, when the copy states more than one cycle, or one that
    its own record contradicts (``dates``: the approval and next review the copy states, a
    ``PackDate`` and a line each: "Approved: September 2020", "Review date: July 2021" and
    "reviewed annually" cannot all be so)."""
    paras = [p for p in doc.paragraphs if p.kind != "row"]
    text, starts = "", []
    for p in paras:
        starts.append(len(text))
        text += p.text + "\n\n"       # each paragraph its own sentence run
    found = []
    import bisect
    for offset, phrase, months in stated_cycles(text):
        p = paras[bisect.bisect_right(starts, offset) - 1]
        found.append((p, " ".join(phrase.split()), months))
    if len({m for _, _, m in found}) < 2:
        return _against_record(doc, found, dates, school_id) if found and dates else []
    out = []
    for p, phrase, months in found:
        others = "; ".join(f"'{ph}' ({cycle_words(m)}) at line {q.line}"
                           for q, ph, m in found if m != months)
        out.append(_where(doc, p, "warning", "W-REVIEW-PROSE",
                          f"the copy says the policy is reviewed '{phrase}' ({cycle_words(months)}) "
                          f"here, but also {others}: a policy has one review cycle; the pack writes "
                          f"it once, as {{{{ policy.review_cycle }}}}", school_id))
    return out


RECORD_SLACK = 2     # months apart a cycle and the copy's own approval-to-review interval are reported at


def _against_record(doc, found, dates, school_id) -> list[Diagnostic]:
    (approved, a_line), (nxt, n_line, meant) = dates
    interval = (nxt.year - approved.year) * 12 + nxt.month - approved.month
    # (a next review written as a term may mean any of its months: "Autumn Term 2015", a year after
    # November 2014, is annual)
    intervals = [interval + month - nxt.month for month in meant]
    out = []
    for p, phrase, months in found:
        if interval > 0 and min(abs(i - months) for i in intervals) >= RECORD_SLACK:
            out.append(_where(doc, p, "warning", "W-REVIEW-PROSE",
                              f"the copy says the policy is reviewed '{phrase}' ({cycle_words(months)}) "
                              f"here, but its own record gives approval {approved} (line {a_line}) and next "
                              f"review {nxt} (line {n_line}), {interval} months apart: one of them is out of "
                              f"date; the pack writes the cycle once, as {{{{ policy.review_cycle }}}}",
                              school_id))
    return out


# --- another school's details -------------------------------------------------------------------

def _other_school(doc, pack, school_id, name: str = "") -> list[Diagnostic]:
    """Another school's details in the copy; ``name``: the school's own name as the copy gives it
    (a new school's), whose words are its own ("North West London Independent School" is no
    leftover of a London school's town)."""
    if not pack.schools or (len(pack.schools) < 2 and school_id in pack.schools):
        return []
    finder = _finder(pack)
    school = pack.schools.get(school_id) or SimpleNamespace(id=school_id, name=name)
    out = []
    for p in doc.paragraphs:
        for _, found, d in finder.find(p.text, school):
            other = pack.schools[d.school]
            out.append(_where(doc, p, "warning", "E-OTHER-SCHOOL",
                              f"'{found}' is {other.name}'s {d.what} ({d.shown}), found in this "
                              f"school's copy: a leftover of another school's text; the drafted "
                              f"values and sections must not carry it", school_id))
    return out


LABEL_RUN = 3      # labels one under another, a column of a cover table a copy flattened, at least
# a label alone on its line, its value not beside it: "Reviewed by:", "Frequency of review:"
COVER_LABEL_LINE = re.compile(r"[A-Z][^:.;!?|]{1,50}:")


def _label_column(paras: list[Paragraph]) -> set[int]:
    """The paragraphs that are a cover table's column of labels read one under another ("Policy last
    reviewed:", "Reviewed by:", "Date of next review:") with its column of values after them, a date
    among them ("July 2025", "Matthew Ascroft"): which label a value was lost from cannot be told, so
    none is reported as left empty."""
    out: set[int] = set()
    k = 0
    while k < len(paras):
        j = k
        while j < len(paras) and paras[j].kind != "heading" and COVER_LABEL_LINE.fullmatch(paras[j].text.strip()):
            j += 1
        if j - k >= LABEL_RUN and any(dates_in(q.text) for q in paras[j:j + (j - k) + TABLE_READ]):
            out.update(range(k, j))
        k = max(j, k + 1)
    return out



# --- policies named that the pack does not have ---------------------------------------------------

def named_policies(text: str):
    """(offset, name) of each "X Policy" the text names: the capitalised words before "Policy"
    (joining words such as "and", "of" allowed between them), without a leading "the", "our",
    "this". A bare "the Policy", "this Policy" or "Trust Policy" names no particular policy; nor
    does "Policy" before another capitalised word ("Policy Updates", "Policy Review Date")."""
    words = list(re.finditer(r"[\w'\u2019&/-]+|[\u2013\u2014]", text))
    for i, w in enumerate(words):
        if not _POLICY_WORD.fullmatch(w.group(0)):
            continue
        if i + 1 < len(words) and re.fullmatch(r"[ \t]+", text[w.end():words[i + 1].start()]) and \
                re.match(r"[A-Z][a-z]", words[i + 1].group(0)):
            continue      # "Policy" naming a thing of a policy's, not ending a name: "Details of Policy Updates"
        j = i
        while j > 0 and i - j < 12:          # a name is a few words: never walk a whole text
            prev = words[j - 1].group(0)
            gap = text[words[j - 1].end():words[j].start()]
            if len(gap) > 3 or _GAP_BREAK.search(gap):
                break
            if prev.lower() in _STOP and prev.lower() not in _JOIN:
                break
            if prev.isupper() and len(prev) > 4:
                break                     # a heading in capitals, not a name
            if prev[:1].isupper():
                j -= 1
            elif prev.lower() in _JOIN and j - 1 > 0 and words[j - 2].group(0)[:1].isupper():
                j -= 1
            else:
                break
        while j < i and (words[j].group(0).lower().rstrip("\u2019'") in _LEAD
                         or words[j].group(0).lower() in _JOIN):
            j += 1
        if j == i:
            continue
        name = text[words[j].start():w.end()]
        yield words[j].start(), " ".join(name.split())


def _key_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower().replace("\u2019", "'"))
            if w not in _IGNORE_WORDS and len(w) > 1]


def _same_words(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b[:5]) and b.startswith(a[:5])))


def _matches(found: list[str], known: list[str]) -> bool:
    if not found or not known:
        return False
    inside = all(any(_same_words(f, k) for k in known) for f in found)
    covers = all(any(_same_words(k, f) for f in found) for k in known)
    return inside or covers


def known_policy_titles(pack, policy_id, school_id, doc=None) -> list[str]:
    titles = [pol.title for pol in pack.policies.values()]
    defaults = pack.trust.defaults.get("external_policies") if hasattr(pack.trust.defaults, "get") else None
    if isinstance(defaults, dict):
        titles += [str(v.get("title")) for v in defaults.values() if isinstance(v, dict) and v.get("title")]
    school = pack.schools.get(school_id)
    if school is not None:
        titles += [e.title for e in school.external.values()]
    if doc is not None:
        # the copy's own name, as its title or a heading among its first lines names it ("White Rock
        # Pre-school" in Word's Title style over "Mobile Phone and Social Networking Policy" in bold)
        titles += [doc.title] if doc.title else []
        titles += [p.text for p in doc.paragraphs[:OWN_NAME_LINES]
                   if p.kind == "heading" and TITLE_END.search(p.text)]
        # (or a line of a cover, no sentence, that names it with more after: "Student Wi-Fi Acceptable Use
        # Policy (draft)", "St Margaret's Online Safety Policy - February 2021 - ...")
        titles += [name for p in doc.paragraphs[:OWN_NAME_LINES]
                   if p.kind != "item" and len(p.text.split()) <= COVER_WORDS
                   and (not SENTENCE_END.search(p.text) or p.text.rstrip().endswith(("...", "\u2026")))
                   for _, name in list(named_policies(p.text))[:1]]
    return titles


def _unknown_policies(doc, pack, policy_id, school_id) -> list[Diagnostic]:
    known = [_key_words(t) for t in known_policy_titles(pack, policy_id, school_id, doc)]
    out = []
    for p in doc.paragraphs:
        for _, name in named_policies(p.text):
            words = _key_words(name)
            if not words or any(_matches(words, k) for k in known):
                continue
            out.append(_where(doc, p, "warning", "W-POLICY-UNKNOWN",
                              f"the copy names '{name}', which is neither a policy in content/ "
                              f"nor one of the external_policies: add it to external_policies (title "
                              f"and url) in trust.yml defaults or the school's file, or correct the "
                              f"title", school_id))
    return out


def _record(found, policy_id: str) -> tuple | None:
    """((approved, line), (next review, line, the months it may mean)) as the copy states them, or None."""
    got: dict[str, tuple] = {}
    for f in found:
        m = re.fullmatch(rf"policies\.{re.escape(policy_id)}\.approval\.(approved|next_review)", f.key)
        if m and m[1] not in got and (d := found_date(f)):
            got[m[1]] = (d, f.line) if m[1] == "approved" else (d, f.line, months_meant(f, d))
    return (got["approved"], got["next_review"]) if len(got) == 2 else None


def find_defects(doc: ImportedDocument, pack, policy_id: str, school_id: str | None,
                 found=()) -> list[Diagnostic]:
    """The copy's own mistakes (see above), in the order of the document's lines. ``found``: the
    values read from it, whose approval record a review cycle in its text must agree with."""
    out: list[Diagnostic] = []
    out += _hand_refs(doc, pack, policy_id, school_id)
    out += _heading_numbers(doc, school_id)
    out += _placeholders(doc, pack, school_id)
    out += _doubled(doc, school_id)
    out += _review_cycles(doc, school_id, _record(found, policy_id))
    out += _other_school(doc, pack, school_id,
                         next((str(f.value) for f in found if f.key == "name" and f.value), ""))
    out += _unknown_policies(doc, pack, policy_id, school_id)
    out = list(dict.fromkeys(out))
    return sorted(out, key=lambda d: (d.line or 0, d.code, d.message))
