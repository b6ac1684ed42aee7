"""Doubled words (N-DOUBLED-WORDS, a notice): "uses my child my child's personal data", "the the",
"to the to the school", "not accept friend requests from not accept friend requests from". A
sequence of one to six words written twice in a row, separated only by spaces or a line break,
or by a comma inside a list ("volunteers, volunteers and visitors", "reporting tools, reporting
tools and screenshots"), or a whole sentence pasted twice. A possessive counts as its word ("my
child my child's").

Repeats English means are told apart by their grammar, not listed phrase by phrase:
- a repeat in capitals that does not start a sentence is a name ("Walla Walla", "Bora Bora"), and
  one that opens a title going on in capitals is the title's ("Twinkle Twinkle Little Star",
  "Chitty Chitty Bang Bang"; in the middle of a name it is a slip, "Social Media Media Policy");
- three copies or more are said on purpose ("a a a a a", a phonics sound; "no, no, no");
- a pair joined by "and" said again after a comma is a song's or a chant's ("knees and toes,
  knees and toes"), and one word again after a comma at a list's end an echo ("mountain, mountain");
- a repeat inside quotation marks is quoted speech ("Run Run Run", "very very");
- a particle after its verb (and the verb's object) and the preposition after it ("sign in in the
  office", "log on on the tablet", "hand the signed form in in person");
- "is is" after a clause that is its subject ("what it is is"), "had had", "that that" (not before
  "the": "ensuring that that the rules"), "do do"
  after its subject, and intensifiers and interjections ("very very", "no, no", "bye bye");
- across a comma, only words that a list repeats by mistake (not "Yes, yes", "very, very");
- a line break after a heading ("## Cyberbullying" then "Cyberbullying is..."), or, in an
  imported copy, a heading run into its paragraph at a line's start ("Inspiration Inspiration
  breathes life into...").
Numbers alone are never doubled words; a name with its number typed twice is ("Year 6 Year 6").
"""

from __future__ import annotations

import bisect
import re

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.checks.sources import line_at, mask_jinja, masked_sections, quoted, text_line
from builder.checks.references import _FORM_PROSE

# repeated on purpose wherever they are: "had had", "that that", intensifiers and interjections
MEANT = {"had", "that", "very", "bye", "no", "so", "really", "far", "again", "more", "many", "much",
         "round", "knock", "tut", "ha", "hear", "well", "yes", "oh", "hip", "blah", "now", "there",
         "please", "come", "go", "wait", "bla", "tick", "ding", "boo", "ta", "chop", "quick", "long",
         "pretty"}
# a particle after its verb, then the preposition: "sign in in the office"
# (not "by": after a verb it names who does it, "checked by by the officer", however the verb ends)
PARTICLES = {"in", "on", "up", "out", "off", "down", "over", "through", "back"}
PARTICLE_VERB = re.compile(r"(?:sign|log|check|fill|hand|drop|turn|switch|plug|clock|call|pop|come|go|"
                           r"get|give|look|send|set|hold|carry|take|put|bring|join|opt|back|read|write|"
                           r"type|key|print|tune|swipe|tap)(?:s|ed|d|ing|ged|ped)?$", re.I)
WH_SUBJECT = re.compile(r"\b(?:what|where|how|why|thing|problem|issue|point|question|reason|truth|"
                        r"fact|trouble)\b(?:\s+[\w'’]+){0,4}\s*$", re.I)     # ("what the school's X account is is")
PRONOUNS = frozenset("i you he she it we they".split())
# words that open a sentence before a name, and that a name never is: "All Walla Walla Public Schools"
LEAD_WORDS = frozenset("a an the all our in at from to for every each this these that of and on by".split())
# a plural noun and its verb after "that that": the second "that" cannot be its determiner ("know that
# that apps such as TikTok have age limits", "remember that that comments can be screenshotted")
PLURAL_SUBJECT = re.compile(r"[ \t]+(?!(?:is|was|has|does|means|seems|makes|gives|takes|goes|says|this|"
                            r"thus|us|as|yes|always|perhaps|across|unless)\b)[a-z]+s[ \t]+(?:can|could|may|might|"
                            r"must|should|will|would|are|were|have|do|such|posted|shared)\b")
DO_SUBJECT = re.compile(r"\b(?:who|those|they|we|you|i|people|pupils|staff|parents|children)\s*$", re.I)
# (letters of any alphabet: "Naíonáin" is one word, not "Na" and "onáin")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019-])*")
# the space between two words of one run: a few spaces, or a line break (a longer run of spaces is
# a blanked-out Jinja expression between them, so they are not next to each other)
_GAP = re.compile(r"[ \t]{0,3}(?:\n[ \t]*)?\Z")


def _norm(word: str) -> str:
    return re.sub(r"['\u2019]s$", "", word.lower())


ROW_LINE = re.compile(r"[^\n]*\||[ \t]*[A-Z][\w'’ ()/-]{0,40}:(?![^\n]*:)")


def _row_line(text: str, offset: int) -> bool:
    """The line holding ``offset`` is a record's row, a cover table flattened: cells ("Title |
    Charging Policy") or a label and its value ("Policy Reviewed: 1st September 2023"); a row and
    the next may start and end with the same word."""
    start = text.rfind("\n", 0, offset) + 1
    return bool(ROW_LINE.match(text, start))


def _heading_line(text: str, offset: int) -> bool:
    """The line holding ``offset`` is a Markdown heading: a heading and the paragraph under it
    may start with the same words ("## Cyberbullying" then "Cyberbullying is...")."""
    start = text.rfind("\n", 0, offset) + 1
    return text[start:offset].lstrip().startswith("#")


LONGEST = 12     # the most words a repeated phrase is looked for with

# the verbs a clause goes on with after its subject
CLAUSE_VERBS = frozenset("must will should shall may can could would might is are was were has have had does "
                         "did needs".split())


def _meant(text: str, words, i: int, n: int, run_in: bool = False) -> bool:
    """Is the repeat of words[i:i+n] meant, by its grammar?"""
    a = words[i:i + n]
    first, second = text[words[i][0]:words[i][1]], text[words[i + n][0]:words[i + n][1]]
    at = words[i][0]
    sentence_start = i == 0 or re.search(r"[.!?:\n]\s*$", text[max(0, at - 20):at])
    if n == 1 and first[0].isupper() and second[0].isupper() and not first.isupper() and \
            not sentence_start and not text[words[i][1]:words[i + 1][0]].strip(" \t") == "," and \
            (re.search(r"\b(?:in|from|at|near|visit\w*)\s+$", text[max(0, at - 12):at], re.I) or
             run_in and first.lower() in ("appendix", "annex", "annexe", "section", "part", "schedule", "chapter") or
             _title_goes_on(text, words, i)):
        return True     # a place's name: "in Walla Walla", "from Bora Bora" ("uses Facebook Facebook" is a
        #                 slip), a title the repeat is in ("Twinkle Twinkle Little Star", "Chitty Chitty Bang
        #                 Bang"), or, in an imported copy, contents entries run together ("Appendix Appendix")
    if n == 1 and re.search(r"['’]s$", first, re.I) and not re.search(r"['’]s$", second, re.I):
        return True     # a possessive, then the word as a noun: "the School's School ICT facilities"
    if n == 1 and text[words[i + 1][1]:words[i + 1][1] + 1] == "/":
        return True     # the second begins alternatives: "Pupil Pupil/Parent"
    if run_in and n == 1 and first[0].isupper() and second[0].isupper() and not first.isupper() and \
            re.search(r"(?:^|\n)[ \t]*$", text[max(0, at - 20):at]) and \
            re.match(r"[ \t]+[a-z]", text[words[i + 1][1]:words[i + 1][1] + 3]):
        return True     # a heading run into its paragraph: "Inspiration Inspiration breathes life..."
    if quoted(text, words[i][0]):
        return True     # quoted speech: 'Run Run Run'
    if run_in and n == 1 and len(first) > 3 and first.isupper() and not second.isupper():
        return True     # in a copy, a heading in capitals run into the next: "Social networking POLICY Policy Ethos"
    if n == 1 and len(a[0][2]) == 1 and a[0][2] != "a":
        return True     # letters spaced out, as a copy of a PDF has them ("P o o le"), or a list's letters
    if n > 1 and text[words[i + n - 1][1]:words[i + n][0]].strip(" \t") == "," and \
            any(w[2] in ("and", "or") for w in a[1:-1]):
        return True     # a pair said again after a comma, as a song or a chant says it: "knees and toes,
        #                 knees and toes" (a list's slip repeats an item, not a pair joined by "and")
    if n > 1:
        # a clause ending in a noun phrase, the next one starting with it: "collective worship at the
        # school the school must comply" (a comma missing, not a word typed twice)
        # (at a sentence's start there is no clause before: "The school the school must" is a slip)
        return not sentence_start and a[0][2] in ("the", "this", "that", "our", "their", "your") and \
            i + 2 * n < len(words) and words[i + 2 * n][2] in CLAUSE_VERBS
    w = a[0][2]
    before = text[max(0, words[i][0] - 60):words[i][0]]
    if w == "so":   # "so-so" ("a so so result"), "do so so that" (the first ends "do so"), but "checked
        #             twice, so so that" is a slip
        return not re.match(r"[ \t]+(?:that|as|far|long|much|many|on)\b", text[words[i + 1][1]:words[i + 1][1] + 8]) \
            or bool(re.search(r"\b(?:do|does|did|done|doing)[ \t]+$", before, re.I))
    if w == "that":   # "said that that rule stands" (a conjunction, then a determiner); not "ensuring
        #               that that the rules are met", where a determiner follows (a word typed twice)
        after = text[words[i + 1][1]:words[i + 1][1] + 60]
        return not re.match(r"[ \t]+(?:the|a|an|this|these|those|our|their|its|all|any|every|each)\b", after, re.I) \
            and not PLURAL_SUBJECT.match(after)
    if w in MEANT:
        return True
    if w in ("is", "was"):   # "what it is is", "what it was was" (not "whether what they post is is
        #                        appropriate": the clause has its own verb, so "is" is said twice)
        wh = WH_SUBJECT.search(before)
        inside = wh.group(0).split()[1:] if wh else []
        return bool(wh) and not (len(inside) >= 2 and inside[0].lower() in PRONOUNS)
    if w == "do":
        return bool(DO_SUBJECT.search(before))
    if w in ("does", "did"):   # "what she did did upset some parents" ("Staff did did not report it" is a slip)
        return bool(WH_SUBJECT.search(before)) and not re.match(r"\s+not\b", text[words[i + 1][1]:words[i + 1][1] + 6])
    if w in PARTICLES and i > 0:   # (the verb, or the verb and its object: "hand the signed form in in person")
        return any(PARTICLE_VERB.search(v[2]) for v in words[max(0, i - 4):i])
    return False


def _title_goes_on(text: str, words, i: int) -> bool:
    """The repeat opens a title that goes on in capitals ("Twinkle Twinkle Little Star", "Chitty
    Chitty Bang Bang"), or follows a pair of its own ("Bang Bang" after "Chitty Chitty"). In the
    middle of a name it is a slip ("Social Media Media Policy", "Mrs Nadia Campbell Campbell")."""
    def capital(k: int) -> bool:
        return 0 <= k < len(words) and text[words[k][0]].isupper()

    def next_to(k: int) -> bool:      # words k and k + 1 are parted by one space
        return text[words[k][1]:words[k + 1][0]] == " "

    pair_before = i >= 2 and words[i - 2][2] == words[i - 1][2] and next_to(i - 2) and next_to(i - 1)
    # (a word that opens the sentence is capitalised for that: "All Walla Walla Public Schools")
    lead = i == 1 or i > 1 and re.search(r"[.!?:\n]\s*$", text[words[i - 2][1]:words[i - 1][0]])
    opens = not (i > 0 and next_to(i - 1) and capital(i - 1)
                 and not (lead and text[words[i - 1][0]:words[i - 1][1]].lower() in LEAD_WORDS))
    goes_on = i + 2 < len(words) and next_to(i + 1) and capital(i + 2)
    return pair_before or opens and goes_on


def _same_end(text: str, words, i: int, n: int) -> bool:
    """Do both copies end in the same word as written (not "teacher" then "teacher's")?"""
    first, second = words[i + n - 1], words[i + 2 * n - 1]
    return text[first[0]:first[1]].lower() == text[second[0]:second[1]].lower()


def doubled(text: str, run_in: bool = False):
    """(offset of the repeat, the words doubled) in ``text`` (Jinja already masked). ``run_in``:
    the text is a copy whose headings may have run into their paragraphs (an imported file)."""
    words = [(m.start(), m.end(), _norm(m.group(0))) for m in _WORD.finditer(text)]
    gaps = [text[words[i - 1][1]:words[i][0]] if i else "" for i in range(len(words))]
    joined = [i > 0 and _GAP.match(gaps[i]) is not None
              and not ("\n" in gaps[i] and (_heading_line(text, words[i - 1][0]) or _row_line(text, words[i - 1][0])
                                            or _row_line(text, words[i][0])))
              for i in range(len(words))]
    listed = [i > 0 and re.fullmatch(r"[ \t]{0,2},[ \t]{0,2}", gaps[i]) is not None for i in range(len(words))]
    slashed = [i > 0 and re.fullmatch(r"[ \t]?[/&][ \t]?", gaps[i]) is not None for i in range(len(words))]
    # (inside a phrase, "/" or "&" between its words: "Social Media & Online Safety Policy" twice)
    norm = [w[2] for w in words]
    i, out = 0, []
    meant: list[tuple[int, int]] = []     # the spans of repeats said on purpose
    while i < len(words):
        hit = None
        for n in range(LONGEST, 0, -1):
            if i + 2 * n > len(words) or norm[i] != norm[i + n]:
                continue
            a = [w[2] for w in words[i:i + n]]
            b = [w[2] for w in words[i + n:i + 2 * n]]
            if a != b:
                continue
            inside = all(joined[k] or slashed[k] for k in range(i + 1, i + n)) and \
                all(joined[k] or slashed[k] for k in range(i + n + 1, i + 2 * n))
            # (a phrase across a comma only inside a list: a comma before it or "and" after it;
            # "of the school, the school premises" is a new clause)
            in_list = (i > 0 and listed[i]) or (i + 2 * n < len(words) and norm[i + 2 * n] in ("and", "or"))
            # (one word across a comma is a repeat only as a whole item of a list: "volunteers,
            # volunteers and visitors"; "life, life to the full" and "Lap belts, belts and
            # harnesses" say it again on purpose)
            whole_item = i == 0 or listed[i] or re.search(r"(?:^|\n)[ \t]*(?:[-*\u2022][ \t]+)?$",
                                                        text[max(0, words[i][0] - 12):words[i][0]])
            # (five words or more said again after a comma are a slip: "are to be used by pupils, are to be
            # used by pupils, governors"; fewer may be said again on purpose: "listen to the child, listen to")
            # (and the list goes on after it: "mountain, mountain" at a line's end is an echo)
            goes_on = i + 2 < len(words) and (listed[i + 2] or norm[i + 2] in ("and", "or"))
            between = joined[i + n] or (listed[i + n] and (len(a[0]) > 2 and bool(whole_item) and goes_on if n == 1
                                                           else in_list or n >= 5 and _same_end(text, words, i, n)))
            if inside and (joined[i + n] or listed[i + n]) and _meant(text, words, i, n, run_in):
                meant.append((words[i][0], words[i + 2 * n - 1][1]))
            if not (inside and between) or _meant(text, words, i, n, run_in) or \
                    all(re.fullmatch(r"x+", w) for w in a):
                continue    # (a mask is no word: "020 XXXX XXXX" is template text, found as such)
            hit = n
            break
        if hit and len(set(norm[i:i + hit])) == 1:
            hit = 1     # one word over and over ("a a a a a"), counted by the word
        if hit:
            copies = 2
            while i + (copies + 1) * hit <= len(words) and norm[i + copies * hit:i + (copies + 1) * hit] == \
                    norm[i:i + hit] and (joined[i + copies * hit] or listed[i + copies * hit]):
                copies += 1
            if copies == 2:     # (three copies or more are said on purpose: "a a a a a", "no, no, no")
                out.append((words[i + hit][0], text[words[i][0]:words[i + 2 * hit - 1][1]]))
            else:
                meant.append((words[i][0], words[i + copies * hit - 1][1]))
            i += copies * hit
        else:
            i += 1
    # (a mask of one or two letters, "xxxxxxxxxx", is a gap, not a word typed twice)
    out += [(m.start(2), m.group(0)) for m in GLUED_TWICE.finditer(text) if len(set(m.group(1).lower())) > 2]
    out += [(m.start(2), m.group(0)) for m in SLASHED_TWICE.finditer(text)]
    out += [(m.start(2), m.group(0)) for m in HYPHENED_TWICE.finditer(text)]
    out += [(m.start("again"), m.group(0)) for m in PHRASE_GLUED_TWICE.finditer(text)]
    # (a list's first item again as its last, unless inside a repeat said on purpose: "knees and toes,
    # knees and toes")
    out += [(m.start("again"), m.group(0)) for m in LIST_AGAIN.finditer(text)
            if not any(a < m.end() and m.start() < b for a, b in meant)]
    out += [(m.start("again"), m.group(0)) for m in YEAR_TWICE.finditer(text)]
    out += [(m.start("again"), m.group(0)) for m in NUMBERED_TWICE.finditer(text)
            if not (run_in and re.search(r"(?:^|\n)[ \t]*$", text[max(0, m.start() - 20):m.start()]))]
    #        (in an imported copy, a heading run into its paragraph: "Year 6 Year 6 pupils may...")
    return sorted(out + _sentences_twice(text, out))


# a word given as its own alternative: "pupils / pupils", "staff/staff" (in small letters: a name
# in two languages is no slip, "Cyngor Sir Powys/Powys County Council"; nor "do / do not")
SLASHED_TWICE = re.compile(r"(?<![\w'’/-])([a-z]{2,30})[ \t]*/[ \t]*(\1)(?![\w'’/-])(?![ \t]+not\b)")


# a compound's last word typed again after it: "a three-day day course", "well-being being" (in small letters,
# three or more)
HYPHENED_TWICE = re.compile(r"(?<![\w'’/-])[A-Za-z]+-(?!(?:over|off|through|out|down|back|away|around|about|"
                            r"along|under|over|ups?|ins?|ons?)\b)([a-z]{3,30})[ \t]+(\1)(?![\w'’/-])")
# (not a particle a phrasal noun ends in and the next phrase starts with: "hand-over over the summer")


# a word typed twice with no space between: "studentstudents" (five letters or more, so "murmur" and
# "bonbon" are words)
GLUED_TWICE = re.compile(r"(?<![\w'’-])([A-Za-z]{5,30})(\1s?)(?![\w'’-])", re.I)
# two to four words typed twice with the space between the copies lost: "must discussmust discuss",
# "report to a childreport to a child"
PHRASE_GLUED_TWICE = re.compile(r"(?<![\w'’-])([A-Za-z]{2,30}[ \t](?:[A-Za-z]{1,30}[ \t]){0,2}?)([A-Za-z]{2,30})"
                                r"(?P<again>\1)\2(?![\w'’-])", re.I)


# a list of three naming its first item again as its last: "privacy, dignity and privacy"
# (not a longer item the word heads: "a staff member, volunteer or member of the Governing Body")
LIST_AGAIN = re.compile(r"\b([a-z]{4,}),[ \t]+[a-z'’-]{3,}[ \t]+(?:and|or)[ \t]+(?P<again>\1)\b(?!['’\w-])"
                        r"(?![ \t]+(?:of|for|in|at|from|with|to|who|which|that)\b)")
# a year typed twice: "from 31st January 2025 2025"
YEAR_TWICE = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)[ \t]+(?P<again>\1)(?![\d/-]|\.\d)")


# a name with its number typed twice: "Year 6 Year 6", "Key Stage 2 Key Stage 2", "KS2 KS2" (words
# alone are found above; their numbers are not words); not a table's cells a tab parts ("Year 6\tYear 6")
NUMBERED_TWICE = re.compile(r"(?<![\w'’-])((?:[A-Za-z]{2,20}[ \u00a0]+){1,3}\d{1,3}|[A-Z]{1,3}\d{1,2})[ \u00a0]+"
                            r"(?P<again>\1)(?![\w.,/-]?\d)(?!\w)", re.I)


# a sentence of its own, up to its full stop: one written twice running is pasted twice
SENTENCE_WORDS = 6   # words a sentence pasted twice has at least
_SENTENCE = re.compile(r"[A-Z][^.!?\n]{10,400}[.!?]")


def _sentences_twice(text: str, found) -> list[tuple[int, str]]:
    """A sentence of ``SENTENCE_WORDS`` or more written exactly twice running (three times or more
    is a chant or a form's repeated line, meant), where no repeat inside it was found already."""
    offsets = sorted(off for off, _ in found)
    runs: list[list[re.Match]] = []
    for m in _SENTENCE.finditer(text):
        last = runs[-1][-1] if runs else None
        if last is not None and re.fullmatch(r"[ \t]*\n?[ \t]*", text[last.end():m.start()]) and \
                " ".join(m.group(0).split()).lower() == " ".join(last.group(0).split()).lower():
            runs[-1].append(m)
        else:
            runs.append([m])
    out = []
    for run in runs:
        if len(run) != 2 or len(run[0].group(0).split()) < SENTENCE_WORDS:
            continue
        k = bisect.bisect_left(offsets, run[0].start())
        if k < len(offsets) and offsets[k] < run[1].end():
            continue
        out.append((run[1].start(), " ".join(run[1].group(0).split())))
    return out


def _leaf(key: str) -> str:
    return re.sub(r"\[\d+\]$", "", key).rsplit(".", 1)[-1]


def check_doubled(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for src, masked in masked_sections(pack, resolved):
        for offset, phrase in doubled(masked):
            shown = " ".join(phrase.split())
            out.append(diagnostic(src.shown, line_at(masked, offset), "N-DOUBLED-WORDS",
                                  f"'{shown}' repeats words: delete the repeat", src.school))
    # titles and summaries held in YAML: each policy's (shared by every school) and each chosen
    # school's own sections' titles, then forms' prose
    held = [(ys, None) for pid in sorted(pack.policies) for ys in pack.policies[pid].texts()
            if _leaf(ys.key) in ("title", "summary")]
    held += [(ys, sid) for sid in sorted(resolved) for ys in pack.schools[sid].texts()
             if ys.key.startswith("policies.") and _leaf(ys.key) == "title"]
    for ys, sid in held:
        for _, phrase in doubled(mask_jinja(ys.value)):
            out.append(diagnostic(ys.path, ys.line, "N-DOUBLED-WORDS",
                                  f"'{' '.join(phrase.split())}' repeats words: delete the repeat", sid))
    for fid in sorted(pack.forms):
        form = pack.forms[fid]
        for ys in form.texts():
            if _leaf(ys.key) not in _FORM_PROSE:
                continue
            masked = mask_jinja(ys.value)
            for offset, phrase in doubled(masked):
                out.append(Diagnostic(ys.path, text_line(ys, masked, offset), "notice",
                                      "N-DOUBLED-WORDS", f"'{' '.join(phrase.split())}' repeats "
                                      f"words: delete the repeat"))
    return out
