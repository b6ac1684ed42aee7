"""The school's values an imported policy states, as keys of a school file.

``find_values`` reads the document line by line and returns what it finds, each as a
``FoundValue``: the key path into ``schools/<id>.yml`` ("name", "roles.dsl.name",
"lists.blocked_sites", "policies.social-media.approval.next_review"...), the value already in the
type the school file takes (text; a date as "2024-06" or "2022-09-01"; a review cycle as
"annually" or "2 years"; a list), the line it came from and that line's text. When the text
gives two different values for one key (two review cycles, two DSLs), both are kept and marked
``conflict``; the one listed first is the one the draft takes: a labelled line ("Renewal: Every
two years") before a sentence in the review section, before a sentence elsewhere, then by line.

The finders: the school's name and people here (the words for roles in ``values_people``),
contacts and lists in ``values_contacts``, the approval record in ``values_approval`` (dates and
cycles read by ``values_dates``), the cleaned text in ``values_text``. ``stale_dates`` is
``values_dates.stale_dates``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from builder.source.review_text import MONTH_WORD
from builder.importing.document import ImportedDocument
from builder.importing.values.approval import approval
from builder.importing.values.contacts import contacts, lists_found
from builder.importing.values.dates import stale_dates  # part of this module's API
from builder.importing.values.found import Found, FoundValue
from builder.importing.values.people import (CANONICAL, CONCERNS, heads_list, name_over_role, people_in, role_of,
                                             roles_in, roles_over_names)
from builder.importing.values.text import DOCUMENT_KINDS, OTHER_BODY, STOP as TEXT_STOP
from builder.importing.values.text import CleanLine, lines_of, name_first, snippet

__all__ = ["FoundValue", "find_values", "stale_dates", "policy_lists", "role_titles"]


SCHOOL_WORDS = (r"(?:(?:C\.? ?of ?E\.?|CE|Church of England|Catholic|RC|Community|Federation of)\s+)?"
                r"(?:\((?:A|VA|VC)\)\s+|V[AC]\s+)?"
                r"(?:(?:Infant|Junior|Primary)\s+(?:and|&)\s+Nursery\s+School|"
                r"Primary School|Primary Academy|Junior School|Infant School|Infants' School|"
                r"Nursery School|Secondary School|High School|Grammar School|Church School|"
                r"Day Nursery(?!\s+[A-Z])|Nursery(?!\s+[A-Z])|Pre-?[Ss]chool(?!\s+[A-Z])|Playgroup(?!\s+[A-Z])|"
                r"Day ?[Cc]are(?!\s+[A-Z])|Childcare(?!\s+[A-Z])|"
                # (Ireland's: "Lisaniskey N.S.", "St. Patrick's B.N.S.")
                r"National School|(?:[BG]\.)?N\.S\.|(?-i:[BG]?NS\b)|"
                r"Primary(?!\s+(?:and|&)\s+Post)|Academy|College|School|Federation)"
                # (not a kind of schools: "Primary and Post Primary Schools")
                r"(?!\s+(?:Schools|Academies|Colleges)\b)"
                r"(?:\s+(?:and|&)\s+(?:Nursery|Pre-?[Ss]chool|Children['’]s Centre)(?!\s+[A-Z]))?")
_NAME_WORD = r"(?:[A-Z][\w'’&.-]*|\((?:A|VA|VC)\))"     # "St John’s", "(VA)"
# (the small words of a place's name may stand between: "Dunham on Trent", "Barton le Clay", "J & I"; a
# closing quote may follow, a possessive "School's" may not)
SCHOOL_NAME = re.compile(rf"(?<![\w'’])({_NAME_WORD}\s+"
                         rf"(?:(?:{_NAME_WORD}|on|upon|le|la|de|by|cum|under|and|&|of(?=\s+England\b))\s+){{0,5}}?"
                         rf"{SCHOOL_WORDS})(?![\w]|['’](?!s\b)[a-z])")
# a school named in Irish or Welsh, whose word for the kind of school comes first ("Scoil Naomh
# Buithe", "Ardscoil Rath Iomgháin", "Ysgol Gynradd Llwydcoed"), then its capitalised words (with
# the small words of those languages' names: "na", "an", "y", "yr")
KIND_FIRST = re.compile(r"(?<![\w'’])((?:Scoil|Gaelscoil|Ardscoil|Meánscoil|Bunscoil|Coláiste|Gaelcholáiste|"
                        r"Ysgol)(?:[ \t]+(?:(?-i:[A-ZÁÉÍÓÚÂÊÎÔÛŴŶ])[\w'’-]*|na|an|y|yr)){1,6})(?![\w'’/-])")
# the words a school's name shortened from the front starts with ("Catholic Primary School" of
# "Sacred Heart Catholic Primary School"), never a whole name's first word
_KIND_START = frozenset("catholic primary infant infants junior juniors church ce c rc community high nursery "
                        "school academy college federation of and & voluntary controlled aided va vc".split())
# an "and" inside a name that may join it to words before it (not "... School and Nursery", nor one
# between two kinds of school or setting: "Durrington Infant and Junior School", "Castle Daycare and
# Preschool")
_KINDS = r"(?:Infants?|Juniors?|Primary|Nursery|First|Middle|Daycare|Pre-?school)\b"
JOINED = re.compile(r"(?<!\bInfant)(?<!\bInfants)(?<!\bJunior)(?<!\bJuniors)(?<!\bPrimary)(?<!\bFirst)(?<!\bDaycare)"
                    r"(?<!\bPreschool)(?<!\bPre-school)(?<!\bNursery)(?<!\bMiddle)"
                    rf" and (?!Nursery\b)|\b{_KINDS} and (?!{_KINDS})")
NOT_A_NAME = {"the", "our", "this", "that", "these", "those", "which", "when", "where", "if", "as", "so",
              "early", "years", "wrap", "around", "care", "breakfast", "after",
              "a", "an", "any", "each", "every", "your", "their", "all",
              "secondary", "primary", "state", "independent", "official", "local", "other", "at",
              "in", "of", "for", "and", "to", "by", "from", "with", "whole", "new", "same"}
# a church's dedication that starts with one of those small words, and names a school after it
DEDICATIONS = {"Our": ("Lady", "Lady's", "Saviour", "Redeemer"), "All": ("Saints", "Hallows", "Souls")}
# a setting saying what it stands for, as a line's subject ("Barnardiston Hall expects ..."), or as the
# place "we" speak from ("At Cheeky Minds, we are committed ...": a name whatever its last word)
SAYS = re.compile(r"^\s*(?:(?i:at)\s+(?P<at>(?:" + _NAME_WORD + r"\s+){0,6}?" + _NAME_WORD + r"),?\s+we\s|"
                  r"(?:at\s+)?(?P<n>(?:" + _NAME_WORD + r"\s+){1,7}?)(?:understands|recognises|recognizes|"
                  r"is committed|believes|acknowledges|aims|will|has|uses|values|expects|requires|ensures|strives)\b)")
# ... or inside a sentence, after a clause, a setting's name by its kind among its words ("... and as such at
# Montessori Kindergarten Ilfracombe we need to", three words or more; not "at Key Stage Two we", nor "at
# Forest School we", an activity: said once so, it counts as a name said once)
SAYS_WITHIN = re.compile(r"(?<=[a-z,;])\s+(?i:at)\s+(?P<at>(?:" + _NAME_WORD + r"\s+){1,6}?" + _NAME_WORD +
                         r"),?\s+we\s")
SETTING_WORD = re.compile(r"\b(?:School|Academy|College|Nursery|Kindergarten|Pre-?school|Playgroup|Daycare|Montessori|"
                          r"Ysgol|Scoil|Gaelscoil)\b")


def policy_lists(pack, policy_id: str) -> list[str]:
    """The ``lists.<name>`` this policy's text and forms use."""
    names: set[str] = set()
    policy = pack.policies.get(policy_id) if pack is not None else None
    if policy is None:      # a new policy (--new-policy), or no pack: the lists any policy uses
        if pack is None:
            return ["blocked_sites", "social_accounts"]
        return sorted({n for pid in pack.policies for n in policy_lists(pack, pid)})
    folder = pack.root / "content" / policy_id
    for md in sorted(folder.glob("*.md")):
        names.update(re.findall(r"\blists\.([a-z0-9_]+)", md.read_text(encoding="utf-8")))
    for fid in policy.forms:
        form = pack.forms.get(fid)
        if form is not None:
            text = form.path.read_text(encoding="utf-8")
            names.update(re.findall(r"\blists\.([a-z0-9_]+)", text))
            names.update(re.findall(r"(?:for_each|options_from):\s*([a-z0-9_]+)", text))
    return sorted(names)


def role_titles(pack, school_id: str | None = None) -> dict[str, str]:
    """The title the draft gives each role id: the school's own when it is in the pack, else
    the one the pack's files agree on (given at least twice), else the import's own title for
    it, else the pack's only one."""
    seen: dict[str, Counter] = {}
    if pack is not None:
        sources = [pack.trust.values.get("roles") or {}, pack.trust.defaults.get("roles") or {}]
        sources += [s.raw.get("roles") or {} for s in pack.schools.values()]
        for roles in sources:
            for rid, role in roles.items():
                if isinstance(role, dict) and isinstance(role.get("title"), str):
                    seen.setdefault(str(rid), Counter())[role["title"].strip()] += 1
    out = dict(CANONICAL)
    for rid, counts in seen.items():
        (title, n), = counts.most_common(1)
        own = [role_of(m) for m in roles_in(title)]
        if rid not in out or n >= 2 and own[:1] == [rid]:
            out[rid] = title
    school = pack.schools.get(school_id) if pack is not None and school_id else None
    for rid, role in ((school.raw.get("roles") or {}) if school else {}).items():
        if isinstance(role, dict) and isinstance(role.get("title"), str) and role["title"].strip():
            out[str(rid)] = role["title"].strip()
    return out


def find_values(doc: ImportedDocument, pack, policy_id: str, school_id: str | None) -> list[FoundValue]:
    """The values ``doc`` states, each at its line (see the module's docstring)."""
    lines = lines_of(doc)
    found = Found()
    titles = role_titles(pack, school_id)
    _school_name(lines, doc, pack, found)
    people = _people(lines, titles, pack, found)
    lists = policy_lists(pack, policy_id)
    contacts(lines, people, found, lists)
    lists_found(lines, lists, found)
    approval(lines, policy_id, found, titles)
    return _ordered(found)


# ---------------------------------------------------------------- the school's name

# a line that is a school's kind and nothing else, its name's first words on the line above
KIND_LINE = re.compile(r"(?:Church\s+of\s+England|C\s+of\s+E|C\.?E\.?|Catholic|Roman\s+Catholic|R\.?C\.?|Methodist|"
                       r"Community|Primary|Junior|Infant|Infants|First|Nursery|Secondary|High)\b[\w\s&'’-]{0,40}?"
                       r"\b(?:School|Academy)")
# a line that opens with a setting's kind, then goes on as a sentence ("Daycare and Preschool aim to ...")
KIND_OPENS = re.compile(SCHOOL_WORDS + r"(?:\s+(?:and|&)\s+" + SCHOOL_WORDS + r")?\s+[a-z]")
# ... and the words on that line: a place's or a saint's, two to four capitalised words, no kind of its own
NAME_PART = re.compile(r"(?:St\.?\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|on|upon|le|by|&)){0,3}")


def _school_name(lines: list[CleanLine], doc, pack, found: Found) -> None:
    trust = {str(pack.trust.values.get(k, "")).strip().lower() for k in ("name", "short_name")} \
        if pack is not None else set()
    trust.discard("")
    counts: Counter = Counter()
    first: dict[str, CleanLine] = {}
    bonus: Counter = Counter()
    title_lines = {id(x) for x in lines[:4]}
    placed: set[str] = set()     # names read whole from a line of their own, with their place
    # the words a policy's title is made of end a name written before it ("... Social Media Policy")
    ends = {w.lower() for p in (pack.policies.values() if pack is not None else ())
            for w in re.findall(r"[\w'’-]+", p.title)} - NOT_A_NAME
    kind_first: set[str] = set()    # names read with the word for their kind first
    # the words the copy writes in small letters
    lower = {w for ln in lines for w in re.findall(r"(?<![\w'’-])[a-z][\w'’-]*", ln.text)}
    for k, ln in enumerate(lines):
        own = ID_AFTER.sub("", lab["n"]) if (lab := NAME_LABEL.match(ln.text)) else ""
        if own and (name := _trim_name(_from_capitals(own) if own.isupper() else own)):
            counts[name] += 1               # "Name of School: Dunham on Trent CE Primary"
            bonus[name] += 5
            first.setdefault(name, ln)
        text = ln.text
        if k and KIND_LINE.fullmatch(text.strip()) and lines[k - 1].line >= ln.line - 2 and \
                NAME_PART.fullmatch(lines[k - 1].text.strip()):
            # a name a cover wrapped onto two lines: "Bickerton Holy Trinity" over "Church of England
            # Primary School"
            text = f"{lines[k - 1].text.strip()} {text.strip()}"
        elif k and lines[k - 1].line == ln.line - 1 and NAME_PART.fullmatch(lines[k - 1].text.strip()) and \
                len(lines[k - 1].text.split()) <= 3 and KIND_OPENS.match(text) and \
                not SCHOOL_NAME.match(lines[k - 1].text.strip()):
            # ... or a sentence's subject that a copy of a PDF wrapped after its first words: "Castle" over
            # "Daycare and Preschool aim to achieve this by:"
            text = f"{lines[k - 1].text.strip()} {text.strip()}"
        if text.isupper() and len(text) < 80:        # a title in capitals: "THE WILLOWS PRIMARY SCHOOL"
            text = _from_capitals(text)
        else:   # a name in capitals inside a line (a running footer): "... BEMPTON PRIMARY SCHOOL Code of ..."
            for m in CAPITALS.finditer(text):
                if (name := _trim_name(_from_capitals(m.group(0)))):
                    bonus[name] += 1
            text = CAPITALS.sub(lambda m: _from_capitals(m.group(0)), text)
        text = LOST_APOSTROPHE.sub(r"\1's ", text)
        both = list(SCHOOL_NAME.finditer(text))
        if len(both) == 2 and not text[:both[0].start()].strip() and not text[both[1].end():].strip() and \
                re.fullmatch(r"\s+(?:and|&)\s+", text[both[0].end():both[1].start()]) and \
                (name := _trim_name(text.strip(), keep_the=True)):
            # a line that is two settings' names joined, the name of the one they make: "Herne Bay Infant
            # School and Seashells Nursery"
            counts[name] += 1
            bonus[name] += 3
            placed.add(name)
            first.setdefault(name, ln)
        for m in SCHOOL_NAME.finditer(text):
            if re.match(r"\s+(?i:trust|partnership|federation)\b", text[m.end():]):
                continue    # "Inspired Learning Multi Academy Trust": a trust's name, not a school's
            # "at The Cedars School": a capital "The" inside a sentence is the name's own
            named_the = m.group(1).startswith("The ") and bool(re.search(r"[a-z,][ \t]+$", text[:m.start(1)]))
            name = _trim_name(m.group(1), keep_the=text.strip() == m.group(1).strip() or named_the)
            place = re.fullmatch(r"((?:[ \t]+[A-Z][\w'’-]+){1,2})[ \t]*", text[m.end():])
            # (a name with its place ends the line, alone on it or after a title and a dash: "Co-op Academy
            # Walkden", "Mobile Phones Policy - Co-op Academy Woodslee")
            if name and place and re.fullmatch(r"\s*|.*\S[ \t]+[-\u2013\u2014|][ \t]*", text[:m.start()]) and not any(
                    w.lower() in _BODIES | DOCUMENT_KINDS | TEXT_STOP for w in place[1].split()):
                name = f"{name} {' '.join(place[1].split())}"   # a line that is the name: "Co-op Academy Walkden"
                placed.add(name)
            if name:
                counts[name] += 1
                bonus[name] += named_the
                first.setdefault(name, ln)
                if id(ln) in title_lines and not JOINED.search(name) or text.strip() == name:
                    bonus[name] += 3
        for m in KIND_FIRST.finditer(text):
            words = m.group(1).split()
            # (the name ends where a title's words begin: "Ysgol Gynradd Llwydcoed Social Media Policy")
            cut = next((k for k in range(2, len(words)) if words[k].lower() in ends | _BODIES | DOCUMENT_KINDS |
                        TEXT_STOP or words[k].isupper()), len(words))
            words = words[:cut]
            while len(words) > 2 and words[-1] in ("na", "an", "y", "yr"):
                words.pop()
            name = " ".join(words)
            kind_first.add(name)
            counts[name] += 1
            first.setdefault(name, ln)
            if id(ln) in title_lines or text.strip() == name:
                bonus[name] += 3
        s = SAYS.match(ln.text)
        within = None if s else SAYS_WITHIN.search(ln.text)
        if within and SETTING_WORD.search(within["at"]) and (name := _trim_name(within["at"])) and \
                len(name.split()) >= 3:
            counts[name] += 1
            first.setdefault(name, ln)
        if s:
            name = _trim_name(s["n"] or s["at"])
            if name and len(name.split()) >= 2:
                counts[name] += 1
                bonus[name] += 3
                first.setdefault(name, ln)
            elif (word := _own_word(s, ln.text, lower)):
                counts[word] += 1       # one word, weaker than any name said by its kind
                bonus[word] += 1
                first.setdefault(word, ln)
        for t in trust:
            if pack is not None and t and t in ln.text.lower():
                tn = pack.trust.values["name"]
                counts[tn] += 1
                first.setdefault(tn, ln)
    # such a name with more words after it where the copy names it without them too is that name with a
    # title run on ("Coláiste Íde Anti-Bullying" where the copy also says "at Coláiste Íde")
    for n in sorted(kind_first, key=len, reverse=True):
        short = next((m for m in kind_first if m != n and n.startswith(m + " ") and len(m.split()) >= 2), None)
        if short is not None:
            counts[short] += counts.pop(n, 0)
            bonus[short] += bonus.pop(n, 0)
    # a school's name, not the trust's nor a part of it ("Larkspur Academy" of "Larkspur Academy Trust"),
    # found more than once or where a name stands (a title line, a line of its own, a label)
    # a name joined by "and" to words before it, where the copy names the school without them too, is
    # that school ("Ofsted and Oakmere Primary School", "Parents and Oakmere ..."): counted as it
    for n in [n for n in counts if JOINED.search(n) and n not in placed]:
        tail = next((m for m in counts if m != n and not JOINED.search(m) and
                     _name_key(m) == _name_key(n[list(JOINED.finditer(n))[-1].end():])), None)
        if tail is not None:
            counts[tail] += counts.pop(n)
            bonus[tail] += bonus.pop(n, 0)
            first.setdefault(tail, first[n])
    schools = [n for n in counts if not any(n.lower() in t for t in trust) and
               counts[n] + bonus[n] + (len(n.split()) >= 3 and not n.split()[0].lower().endswith("ing")
                                       and not JOINED.search(n)) >= 2]   # (an "and" name is said twice or stands alone)
    if schools:
        # one school written several ways ("St Johns" and "St John’s", with and without "CE"):
        # the ways counted together, then the fullest way, with its apostrophe, the most written
        # (a name that is the end of a longer one is that school shortened: "Catholic Primary School"
        # of "Sacred Heart Catholic Primary School")
        keys = {n: _name_key(n) for n in schools}
        group: dict[str, list[str]] = {}
        said = {k: sum(counts[m] + bonus[m] for m in schools if keys[m] == k) for k in keys.values()}
        for n in schools:
            # (a longer name said less often than a whole name it ends in is a heading or a title run
            # on to it: "Key Principles Mosscroft Primary School"; a shortened name starts with a
            # kind of school's word: "Catholic Primary School")
            longer = [k for k in keys.values() if k != keys[n] and k.endswith(" " + keys[n]) and
                      (said[k] >= said[keys[n]] or n.split()[0].lower() in _KIND_START)]
            # (or the name with its place, which a sentence's mention stops short of: "Co-op Academy"
            # of "Co-op Academy Walkden")
            longer += [keys[p] for p in placed if p in keys and p != n and p.lower().startswith(n.lower() + " ")]
            group.setdefault(max(longer, key=len) if longer else keys[n], []).append(n)
        score = {k: sum(counts[n] + bonus[n] for n in ns) for k, ns in group.items()}
        key = max(group, key=lambda k: (score[k], -min(first[n].line for n in group[k])))
        best = max(group[key], key=lambda n: (keys[n] == key, len(n.split()), bool(re.search(r"['’]", n)), counts[n],
                                              -first[n].line))    # an apostrophe dropped is the slip
        found.add("name", best, first[best], 2)
    elif pack is not None and pack.trust.values.get("name") in counts:
        best = pack.trust.values["name"]
        found.add("name", best, first[best], 1,
                  note="this copy is the trust's own: the name is the trust's, not a school's")
    elif (trusts := _trust_names(lines)):
        # no school named, a trust named where a name stands or more than once: the copy is that
        # trust's own ("Beckfoot Trust employees", "Academies Enterprise Trust")
        best, ln = trusts
        found.add("name", best, ln, 1, note="this copy is a trust's own: the name is the trust's, not a school's")


# a trust's name: capitalised words ending in the kind of trust it is
TRUST_NAME = re.compile(r"(?<![\w'’])((?:[A-Z][\w'’&-]*\s+){1,5}?(?:Multi[- ]Academy\s+|Academy\s+|Academies\s+|"
                        r"Education(?:al)?\s+|Schools?\s+|Learning\s+|Catholic\s+)?Trust)\b")


# a trust saying what it stands for, as a school's name does ("... aims to", not "... has free entry")
TRUST_SAYS = re.compile(r"^\s*(?:[A-Z][\w'’&-]*\s+){1,7}?(?:aims|is\s+committed|believes|recognises|recognizes|"
                        r"understands|acknowledges|values|expects)\b")
# the words a trust's kind is made of: a name of these alone is no name ("The Academy Trust will ...")
_TRUST_KIND = frozenset("multi academy academies trust education educational schools school learning catholic "
                        "national".split())


def _trust_names(lines: list[CleanLine]) -> tuple[str, CleanLine] | None:
    """The trust a copy names most (in its first lines, or twice or more), and where first."""
    counts: Counter = Counter()
    first: dict[str, CleanLine] = {}
    for k, ln in enumerate(lines):
        for m in TRUST_NAME.finditer(ln.text):
            name = " ".join(m.group(1).split())
            words = name.split()
            while words and words[0].lower() in NOT_A_NAME | {"the"}:
                words = words[1:]
            if len(words) < 2 or all(w.lower().replace("-", " ").split()[0] in _TRUST_KIND for w in words):
                continue
            name = " ".join(words)
            # (in the first lines, or where a name stands: "Waycroft Multi Academy Trust aims to:")
            counts[name] += 1 + (k < 4) + (ln.text.lstrip().startswith(m.group(1)) and bool(TRUST_SAYS.match(ln.text)))
            first.setdefault(name, ln)
    best = max(counts, key=lambda n: (counts[n], -first[n].line), default=None)
    return (best, first[best]) if best and counts[best] >= 2 else None



def _from_capitals(text: str) -> str:
    """A name written in capitals, in the case a school writes it ("ST JOHN'S CE PRIMARY
    SCHOOL": "St John's CE Primary School")."""
    titled = re.sub(r"(?<=\S )(Of|And|The|On|Upon|In|By|Under|Le|La|De)\b", lambda m: m[1].lower(),
                    text.title().replace("'S", "'s").replace("’S", "’s"))   # "Church of England", "Dunham on Trent"
    return re.sub(r"\b(C of E|Ce|Rc)\b", lambda m: {"C of E": "C of E", "Ce": "CE", "Rc": "RC"}[m[1]], titled)


# a run of words in capitals ending in a school's word, inside a line in ordinary case
CAPITALS = re.compile(r"(?<![\w'’])(?:[A-Z][A-Z'’&.-]+\s+(?:&\s+)?){1,5}(?:PRIMARY\s+SCHOOL|PRIMARY\s+ACADEMY|"
                      r"JUNIOR\s+SCHOOL|INFANT\s+SCHOOL|HIGH\s+SCHOOL|ACADEMY|COLLEGE|SCHOOL|(?:[BG]\.)?N\.S\.)(?![\w'’])")
# a label naming the school: "Name of School: Oak Hill Primary", "School name | Oak Hill", or a cover's
# row run together with a space, the label in full: "School Name Cloughfin N.S."
NAME_LABEL = re.compile(r"^\s*(?:(?:(?i:name\s+of\s+(?:the\s+)?(?:school|academy|setting))|(?i:school|academy)"
                        r"(?:\s+(?i:name))?)\s*[:|]|(?i:name\s+of\s+(?:the\s+)?(?:school|academy|setting)|"
                        r"(?:school|academy)\s+name)[ \t]+(?=[A-Z]))"
                        r"\s*(?P<n>[A-Z][\w'’&.() -]{2,80}?)\s*\|?\s*$")


# a school's identifying number typed after its name in a label's value, never a part of the name
# ("School Name: Knocktemple NS 17625 L", "Oak Primary School (URN 123456)", "Elm School – DfE 881/2034")
ID_AFTER = re.compile(r"\s*[,(\-\u2013|]?\s*(?:(?i:roll|urn|dfe|laestab|reg(?:istration)?|school)\s*(?i:no\.?|number)?"
                      r"\s*[:.]?\s*)?\d[\d/ ]{3,}\d\s*[A-Z]?\s*\)?\s*$")


def _name_key(name: str) -> str:
    """A school's name with what one copy writes and another leaves out taken away: apostrophes,
    case, and the church designations (CE, C of E, VA, VC, (A))."""
    key = re.sub(r"['’]", "", name.lower())
    key = re.sub(r"(?<!\w)(?:church\s+of\s+england|c\.?\s?of\s?e\.?|ce|\(?(?:a|va|vc)\)?)(?=\s|$)", " ", key)
    key = re.sub(r"(?<!\w)(?:national\s+school|n\.\s?s\.?|ns)$", "ns", key.strip())   # Ireland's: "N.S."
    key = re.sub(r"\s+(?:and|&)\s+nursery$", "", key.strip())     # "... School & Nursery"
    key = re.sub(r"\s+(?:school|academy)$", "", key.strip())   # "Oak Hill Primary" and "... Primary School"
    return " ".join(key.split())


# the people a policy speaks of, which a school's name is listed with, never part of it
_PEOPLE = frozenset("pupils parents carers children students families visitors volunteers staff employees "
                    "learners colleagues members".split())
_BODIES = frozenset("board body governors governor trustees trust partnership team committee council "
                    "headteacher principal staff department authority".split())


# the words a document's first headings are, which a copy run together with the text below them
_HEADING_WORDS = frozenset("introduction contents purpose aims rationale overview background summary foreword "
                           "preface scope".split())
# a possessive whose apostrophe a copy lost, before more of a name: "St Paul s C of E Junior School"
LOST_APOSTROPHE = re.compile(r"\b([A-Z][a-z]+) s (?=[A-Z])")


# a one-word name's shape (not an acronym), and the days a school speaks "at" that are no place
ONE_WORD_NAME = re.compile(r"[A-Z][a-z][\w'’-]{2,}")
_FESTIVALS = frozenset("christmas easter diwali eid ramadan hanukkah halloween advent lent pentecost "
                       "harvest passover vaisakhi holi".split())


def _own_word(says: re.Match, text: str, lower: set[str]) -> str | None:
    """A setting whose name is one word, where the copy speaks as it: "At Llanrhidian we believe ...",
    "Prostart recognises the benefits ... We provide ..." (the next sentence in its voice; not "Comments
    will be allowed and we respect ..."). The word is never written in small letters in
    the copy (so no common word at a sentence's start: "Staff will ...") and names no month, festival,
    body or document."""
    raw = (says["n"] or says["at"] or "").split()
    word = raw[-1] if raw and (len(raw) == 1 or len(raw) == 2 and raw[0].lower() == "at") else ""
    if not ONE_WORD_NAME.fullmatch(word) or word.lower() in lower or \
            word.lower() in NOT_A_NAME | _PEOPLE | _BODIES | _HEADING_WORDS | DOCUMENT_KINDS | _FESTIVALS or \
            re.fullmatch(MONTH_WORD, word, re.I) or OTHER_BODY.search(word):
        return None
    if says["at"] is not None:
        return word if not re.fullmatch(r"(?i:(?:lunch|play|break|bed|tea|dinner|home|week|hand|mid)?"
                                        r"(?:time|times|day|days|end|ends|night|nights|over))", word) else None
    # (as the subject, only with a verb of what the setting stands for, not what a thing does: "Seesaw will
    # be used", "Google uses strict settings")
    stance = re.match(r"\s*(?:recognises|recognizes|is\s+committed|believes|acknowledges|aims|values|strives|"
                      r"understands)\b", text[says.end("n"):] if says["n"] else "")
    return word if stance and re.search(r"[.!?]\s+(?:We|Our)\b", text[says.end():]) else None


def _trim_name(text: str, keep_the: bool = False) -> str | None:
    """A school's name from the words a pattern found: the words before it that are not part
    of a name ("At", "Our") left out; a leading "The" kept when the line is the name alone."""
    words = text.split()
    if any(len(w) > 20 for w in words):
        return None      # words run together by a copy ("NORTHNEWTONCOMMUNITYPRIMARY")
    # (a name starts after the end of a sentence or a label, or after "At", run on from the words before
    # it: "VOLUNTEERS. St Thomas CE Primary School", "Policy Ethos Statement At Mosscroft Primary School";
    # not after an abbreviation's full stop, "St. Anne's", nor "CE" before "Primary")
    cut = [k + 1 for k, w in enumerate(words[:-1])
           if re.fullmatch(r"[A-Z]{3,}[.:]|[a-z]{3,}[.:]|[A-Za-z]+:", w)    # (not "Sts.", "Prep.", "Jnr.")
           or w.lower() == "at" and k > 0
           # (or a heading in capitals run on to a name in ordinary case: "VOLUNTEERS St Thomas ...";
           # not an acronym that is the name's own, "REACH Academy", "NCEA Duke's")
           or re.fullmatch(r"[A-Z]{6,}", w) and re.fullmatch(r"[A-Z][a-z][\w'’-]*", words[k + 1])
           # (or an "and" joining a name to the words before it, not a name's own: "Parents and Oak
           # Hill School", not "Jack and Jill Preschool", "St Peter and St Paul")
           or w == "and" and k > 0 and (words[k - 1].lower().strip(".,") in NOT_A_NAME | _BODIES | DOCUMENT_KINDS
                                        | _PEOPLE or words[k - 1].islower())
           and not (words[k - 1].lower() in _KIND_START and words[k + 1].lower() in _KIND_START)   # ("Primary and
           #                                                         Nursery School" is one school's kind)
           # (or a document's title run on to the name: "Communications Technology Usage Policy Olive AP
           # Academy"; not a name's own "Policy", which never comes before its kind)
           or w.lower() in DOCUMENT_KINDS and k > 0 and words[k + 1][:1].isupper()
           # (or a document's heading run on to it: "... Safeguarding Policy Introduction Kingsmead School")
           or w.lower() in _HEADING_WORDS and k + 2 < len(words) and words[k + 1][:1].isupper()]
    words = words[cut[-1]:] if cut else words
    if len(words) >= 2 and re.fullmatch(r"(?i:on|upon|le|la|de|by|cum|under)", words[-2]):
        return None      # a joining word right before the kind of school: "Publish on Academy"
    while words and words[0].lower().strip(".,") in NOT_A_NAME and not (
            keep_the and words[0] == "The" and len(words) > 2) and not (
            len(words) > 2 and words[1][:1].upper() + words[1][1:].lower() in DEDICATIONS.get(words[0].title(), ())) \
            and not (words[0] == "New" and len(words) > 2 and words[1][:1].isupper()):
        # ("Our Lady Immaculate Catholic Primary School" keeps its "Our", "All Saints ..." its "All", and
        # a place's name its "New": "New Road Primary School")
        words.pop(0)
    if not words or len(words) < 2 and not re.search(r"Academy|College", text):
        return None
    if all(w.lower().strip(".,") in NOT_A_NAME or w in ("School", "Primary", "Academy",
                                                         "College", "High") for w in words):
        return None
    if words[0].lower() in {"school", "primary", "academy", "college"}:
        return None
    if words[-1].lower().strip(".,") in _BODIES | DOCUMENT_KINDS:
        return None     # "The Governing Board has...", "Oak Learning Trust will...", "The E-Safety
        #                 Policy will...": a body or a document, not a school

    return " ".join(words)


# ---------------------------------------------------------------- people

def _people(lines, titles, pack, found: Found) -> dict[str, list[tuple[str, CleanLine]]]:
    """Who holds each role; returns role id -> [(name, line)] as found."""
    known_titles = {t.lower(): rid for rid, t in titles.items()}
    people: dict[str, list[tuple[str, CleanLine]]] = {}
    by_surname: dict[tuple[str, str], int] = {}
    titled: set[str] = set()
    prev = label = None
    deputies: dict[tuple[str, str], str] = {}    # (role, surname) -> the numbered role another deputy holds
    numbered: dict[str, int] = {}                  # role -> the last number given to another deputy
    cards = name_over_role(lines)     # (a name over its role: the role's line gives the person)
    columns = roles_over_names(lines)     # (a heading row of roles over a row of names)
    for at, ln in enumerate(lines):
        if heads_list(ln):
            label = ln
        elif label is not None and (prev is None or ln.line > prev.line + 2 or name_first(ln.flat) is None):
            label = None       # the list under a plural role ends at a line that names no one first
        if at in cards:
            held = cards[at]
            named = [held] if held is not None else []
        elif at in columns:
            named = columns[at]
        else:
            named = people_in(ln, prev, None if label is ln else label)
        for rid, name, own, new in named:
            if new and own.lower() in known_titles:
                rid, new = known_titles[own.lower()], False
            if rid == CONCERNS and any(k[1] == name.split()[-1].lower().strip(".,") for k in by_surname):
                continue        # named elsewhere with a role: that role says who they are
            got = people.setdefault(rid, [])
            surname = (rid, name.split()[-1].lower().strip(".,"))
            same = by_surname.get(surname)
            if same is None and rid.startswith("deputy") and got:
                # another deputy is not a conflict: a role of their own, numbered
                # (each numbered once, by surname: looked up, never searched for, however many a copy names)
                known = deputies.get(surname)
                if known is None:
                    n = numbered.get(rid, 1) + 1
                    while f"{rid}_{n}" in people:
                        n += 1
                    numbered[rid] = n
                    known = deputies[surname] = f"{rid}_{n}"
                    by_surname[(known, surname[1])] = 0
                    people[known] = [(name, ln)]
                    titled.add(known)
                    found.add(f"roles.{known}.title", _title_for(rid, own, titles), ln, 1,
                              note=f"another deputy: a role of their own, new id '{known}'", new=True)
                elif _fuller(name, people[known][0][0]):
                    people[known][0] = (name, ln)
                continue
            if same is None:
                by_surname[surname] = len(got)
                got.append((name, ln))
            elif _fuller(name, got[same][0]):
                got[same] = (name, ln)       # the line that names them most fully
            else:
                continue
            if rid not in titled:
                titled.add(rid)
                title = own if new else _title_for(rid, own, titles)
                note = f"a role the pack does not have: new id '{rid}'" if new else ""
                if rid == CONCERNS:
                    note = (f"named as the person to report concerns to, with no role: new id "
                            f"'{rid}'; if they hold a role the pack has (the DSL?), move them there")
                found.add(f"roles.{rid}.title", title, ln, 1, note=note, new=new)
        prev = None if at in cards else ln     # (a card's role is its own name's, never the next line's)
    for rid, got in people.items():
        for name, ln in got:
            found.add(f"roles.{rid}.name", name, ln, 2)
    return people


def _fuller(name: str, than: str) -> bool:
    """``name`` says more of the person than ``than`` ("Miss Harriet Cooke", "Mr Christopher Roe"
    over "Miss Cooke", "Mr C Roe")."""
    return (len(name.split()), len(name)) > (len(than.split()), len(than))


def _title_for(rid: str, own: str, titles: dict[str, str]) -> str:
    """The pack's title for the role, unless the text's names another body ("Chair of Trust
    Board" where the pack says "Chair of Governors")."""
    pack_title = titles.get(rid, own)
    body = {"trust", "trustees", "board", "directors", "federation"}
    if (set(re.findall(r"[a-z]+", own.lower())) & body) - set(re.findall(r"[a-z]+", pack_title.lower())):
        return own
    return pack_title


# ---------------------------------------------------------------- order and conflicts

def _norm(v):
    if isinstance(v, str):
        return re.sub(r"[\s.]+", " ", v).strip().lower()
    if isinstance(v, list):
        return tuple(_norm(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _norm(x)) for k, x in v.items()))
    return v


def _ordered(found: Found) -> list[FoundValue]:
    by_key: dict[str, list[tuple[int, int, FoundValue]]] = {}
    for item in found.items:
        by_key.setdefault(item[2].key, []).append(item)
    out = []
    for key in sorted(by_key, key=lambda k: min(i[1] for i in by_key[k])):
        items = sorted(by_key[key], key=lambda i: (-i[0], i[2].line, i[1]))
        kept, seen, strength = [], set(), {}
        for st, _, f in items:
            n = _norm(f.value)
            if n not in seen:
                seen.add(n)
                kept.append(f)
                strength[id(f)] = st
        if key.endswith((".approved", ".next_review")):
            # a month and a day in it ("March 2023", "14.03.2023") are one date: keep the day, when it is
            # read as surely ("Effective from: 1 September 2022" is no day of "Approval date: September 2022")
            kept = [f for f in kept if not any(g is not f and str(g.value).startswith(str(f.value) + "-") and
                                               strength[id(g)] >= strength[id(f)] for g in kept)]
        if len(kept) > 1 and not key.endswith(".title"):
            said = "; ".join(f"line {f.line}: {snippet(_shown(f.value), 60)}" for f in kept[:4])
            if len(kept) > 4:
                said += f"; and {len(kept) - 4} more"
            kept = [replace(f, conflict=True, note="; ".join(
                x for x in (f.note, f"the text gives {len(kept)} values ({said}): the draft takes "
                                    f"the first") if x)) for f in kept]
        out.extend(kept[:1] if key.endswith(".title") else kept)
    return out


def _shown(v) -> str:
    if isinstance(v, list):
        return ", ".join(_shown(x) for x in v)
    if isinstance(v, dict):
        return v.get("handle") or v.get("name") or str(v)
    return str(v)
