"""How to reach the school and its people (the address, emails, phones, website, social media
accounts), and the lists the policy uses (blocked sites...), as an import finds them."""

from __future__ import annotations

import re

from builder.importing.values.found import Found
from builder.importing.values.text import HONORIFICS, OTHER_BODY, CleanLine
from builder.importing.values.people import (emails_in, is_name, phone_labelled, phones_in, postcode_at_end,
                                             role_of, roles_in, social_in, website_in)

GENERIC_LOCAL = re.compile(r"^(?:office|admin|administration|info|enquiries|enquiry|contact|"
                           r"school|reception|mail|hello|schooloffice|general)(?![a-z])", re.I)
LOCAL_ROLE = [(re.compile(r"^(?:dsl|safeguarding)", re.I), "dsl"),
              (re.compile(r"^(?:dpo|data\.?protection)", re.I), "dpo"),
              (re.compile(r"^(?:head|headteacher|principal)\b", re.I), "headteacher"),
              (re.compile(r"^(?:governors?|chair)", re.I), "chair"),
              (re.compile(r"^(?:online\.?safety|e-?safety)", re.I), "online_safety_officer"),
              (re.compile(r"^(?:it|ict|techsupport)\b", re.I), "it_technician"),
              (re.compile(r"^(?:communications|comms|marketing)", re.I), "communications_officer")]
LIST_CUES = {"blocked_sites": re.compile(r"block|not\s+(?:be\s+)?accessible|cannot\s+be\s+accessed|"
                                         r"restrict|filtered|prevent\w*\s+access|not\s+(?:be\s+)?"
                                         r"permitted\s+to\s+access|banned", re.I)}
LIST_END = re.compile(r",?\s*\b(?:among(?:st)?\s+others|and\s+others|and\s+more|etc\.?|and\s+so\s+"
                      r"on|amongst\s+other\s+\w+)\s*\.?$", re.I)



# ---------------------------------------------------------------- contacts

def _another_bodys(lines, i: int) -> bool:
    """Line ``i``, or one of the two lines right before it, names another body."""
    return any(OTHER_BODY.search(lines[k].flat) for k in range(max(0, i - 2), i + 1)
               if lines[k].line >= lines[i].line - 2)


def contacts(lines, people, found: Found, lists: list[str]) -> None:
    ends = {i: k for i, ln in enumerate(lines)
            for k in [next((k for k, c in enumerate(ln.cells) if postcode_at_end(c)), None)]
            if k is not None}
    postcode_lines = sorted(ends)
    block: set[int] = set()
    for i in postcode_lines:
        block.update(ln.line for ln in lines[max(0, i - 6):i + 7])
    # the address: a line (or a cell of it) ending in a postcode, and the short lines before it
    # (an address another body's name heads, up to its postcode, and the lines right after it: its
    # contact lines, "Tel: 0116 305 0005" under "First Response ... County Hall ... LE3 8RF")
    theirs = {k for i in postcode_lines if any(OTHER_BODY.search(lines[j].flat) for j in range(max(0, i - 4), i + 1))
              for k in range(max(0, i - 4), min(len(lines), i + 3))}
    for i in [k for k in postcode_lines if k not in theirs][:1]:
        ln = lines[i]
        cells = [re.sub(r"^\s*address\s*[:\-|]\s*", "", c, flags=re.I) for c in ln.cells[:ends[i] + 1]]
        while len(cells) > 1 and not _address_line(cells[0]):
            cells.pop(0)
        parts = [p.strip() for c in cells for p in re.split(r"\s*,\s*", c) if p.strip()]
        j = i - 1
        while len(parts) < 7 and j >= 0 and lines[j].line >= lines[j + 1].line - 2 and \
                _address_line(lines[j].text):
            parts.insert(0, re.sub(r"^\s*address\s*[:\-|]\s*", "", lines[j].text, flags=re.I))
            j -= 1
        if len(parts) >= 2:
            found.add("address", parts, lines[j + 1] if j + 1 < i else ln, 2)
    domains: set[str] = set()
    on_line: dict[int, list[str]] = {}
    for rid, got in people.items():
        for _, ln in got:
            on_line.setdefault(ln.line, []).append(rid)
    for k, ln in enumerate(lines):
        here = on_line.get(ln.line, [])
        elsewhere = k in theirs or _another_bodys(lines, k)
        if not here:        # "Contact the DSL on 01234 567890": a role named elsewhere
            here = list(dict.fromkeys(r for r in (role_of(m) for m in roles_in(ln.flat)) if r in people))
        if not here and k and _contact_alone(ln.flat):
            # a number or address on a line of its own under a person's, or under their other contacts
            # ("Fran Burns" over "Email frances.burns@..." over "Tel: 0207 937 3858")
            j = k - 1
            while j > 0 and lines[j].line >= lines[j + 1].line - 2 and not on_line.get(lines[j].line) and \
                    _contact_alone(lines[j].flat) and k - j < CARD_LINES:
                j -= 1
            if lines[j].line >= lines[j + 1].line - 2 and len(on_line.get(lines[j].line, ())) == 1:
                here = on_line[lines[j].line]
        for e in emails_in(ln.with_links):
            local = e.split("@")[0]
            rids = [r for r, got in people.items() if (not here or r in here) and any(
                len(n.split()[-1]) > 2 and n.split()[-1].lower().strip(".") in local.lower()
                for n, _ in got)]
            if not rids:
                # a mailbox named after somebody named elsewhere in the copy is theirs, whoever else
                # the line names ("adam.stone@..." beside "Mr Adam Stonehouse, the IT technician")
                rids = [r for r, got in people.items() if any(_names_mailbox(n, local) for n, _ in got)][:1]
            if not rids and len(here) == 1 and not _someones_mailbox(local):
                rids = here
            if not rids and not here:
                rids = [r for pat, r in LOCAL_ROLE if pat.search(local) and r in people][:1]
            for rid in rids:
                found.add(f"roles.{rid}.email", e, ln, 2)
            if rids:
                domains.add(e.split("@")[1].lower())
            elif (GENERIC_LOCAL.search(local) or ln.line in block) and not elsewhere:
                found.add("email", e, ln, 2 if GENERIC_LOCAL.search(local) else 1)
                domains.add(e.split("@")[1].lower())
        for n, (start, number) in enumerate(phones_in(ln.flat)):
            if n >= SCHOOL_PHONES and not here:
                break      # (the school's own number is among a line's first few: a longer run is a list of others')
            if len(here) == 1:
                found.add(f"roles.{here[0]}.phone", number, ln, 2)
            elif not here and not elsewhere and not _someones_phone(ln.flat, start) and \
                    (phone_labelled(ln.flat, start) or ln.line in block):
                found.add("phone", number, ln, 2 if phone_labelled(ln.flat, start) else 1)
    for ln in lines:
        for url in website_in(ln.with_links):
            host = re.sub(r"^https?://(?:www\.)?", "", url, flags=re.I).split("/")[0].lower()
            labelled = re.search(r"\b(?:website|web ?site|web|www)\b", ln.flat, re.I)
            if host in domains or labelled:
                found.add("website", url.rstrip("/"), ln, 2 if labelled else 1)
    if "social_accounts" in lists:
        accounts: list[dict] = []
        first: CleanLine | None = None
        prev = ""
        for ln in lines:
            for a in social_in(ln.with_links, prev):
                if all(a["handle"].lower() != b["handle"].lower() or a["platform"] != b["platform"]
                       for b in accounts):
                    accounts.append(a)
                    first = first or ln
            prev = ln.flat
        if accounts and first is not None:
            text = " ".join(ln.with_links for ln in lines).lower()
            made = [a["url"] for a in accounts
                    if re.sub(r"^https?://(?:www\.)?", "", a["url"]).lower() not in text]
            found.add("lists.social_accounts", accounts, first, 2,
                      note=("the copy gives no address for " + ", ".join(made) + ": made from the "
                            "handle, check it") if made else "")


# a number in brackets right after a person's name is theirs, not the school's: "the designated officer
# is Nigel Hatten (telephone 01452 426320)", "Mrs J Smith (Tel: 01234 567890)"; not "Chestnuts Primary
# School (Tel: ...)"
NAME_THEN_BRACKET = re.compile(r"(?P<who>(?:[A-Z][\w.'’-]*[ \t]+){1,3}[A-Z][\w'’-]+)[ \t]*[(\[][ \t]*"
                               r"(?i:(?:tel(?:ephone)?|phone|t|mob(?:ile)?)\b\.?[ \t]*(?:no\.?)?[ \t]*[:\-]?[ \t]*)?$")


def _someones_phone(text: str, start: int) -> bool:
    """The phone at ``start`` is in brackets right after a person's name: one with a title ("Our Family
    Liaison Officer, Mrs Sarah Jones (Tel: ..."), or a name a sentence or a label leads to ("... is Nigel
    Hatten (telephone ...", "Contact: Kwame Mensah (Tel: ..."); not a place's name ending an address
    ("Church Lane, Kirby Bedon (Tel: ...", "Great Ellingham (Tel: ..." on a line of its own)."""
    before = text[max(0, start - 80):start]
    m = NAME_THEN_BRACKET.search(before)
    if not m:
        return False
    words = m["who"].split()
    led = LEADS_TO_NAME.search(before[:m.start()])
    for name in (" ".join(words[k:]) for k in range(len(words) - 1)):
        if not is_name(name) or OTHER_BODY.search(name):
            continue
        if name.split()[0].lower().rstrip(".") in HONORIFICS or led and name == " ".join(words):
            return True
    return False


# the words that lead a sentence or a label to a person's name
LEADS_TO_NAME = re.compile(r"(?:\b(?:is|are|was|contact|call|ring|phone|to|with|by|from|speak\s+to)|:|–|-)[ \t]*$",
                           re.I)


SCHOOL_PHONES = 3   # phones on one line read as the school's own, at most (each is read for whose it is)
CARD_LINES = 4     # a person's contacts, a line each, under their name at most


# what a line that is only a contact holds besides it: its label ("Tel:", "Mobile", "Email -")
CONTACT_LABEL = re.compile(r"[ \t]*(?:(?:tel(?:ephone)?|phone|mob(?:ile)?|m|t|e-?mail|e)\b\.?[ \t]*(?:no\.?)?"
                           r"[ \t]*[:\-\u2013]?)?[ \t]*", re.I)


def _contact_alone(text: str) -> bool:
    """A line that is one phone number or one email address, perhaps labelled: "07375 365 702",
    "Email: a.tennant@trust.org.uk"."""
    found = [(start, number) for start, number in phones_in(text)] + \
        [(text.find(e), e) for e in emails_in(text)]
    if len(found) != 1 or found[0][0] < 0:
        return False
    start, value = found[0]
    return bool(CONTACT_LABEL.fullmatch(text[:start])) and not text[start + len(value):].strip(" \t.;,")


def _names_mailbox(name: str, local: str) -> bool:
    """The mailbox's name is this person's: their surname as a whole part of it ("adam.stone",
    "stone.a"), or their first initial run into it ("astone")."""
    words = [w.lower().strip(".") for w in name.split() if w.lower().strip(".") not in HONORIFICS]
    if not words or len(words[-1]) <= 2:
        return False
    parts = re.split(r"[._-]", local.lower())
    return words[-1] in parts or local.lower() == words[0][:1] + words[-1]


def _someones_mailbox(local: str) -> bool:
    """A mailbox named after a person, first and last names apart ("rose.hill"), not a role's or
    an office's ("office", "dsl", "head")."""
    return bool(re.fullmatch(r"[a-z]{2,}[._][a-z]{2,}", local.lower())) and not GENERIC_LOCAL.search(local)


def _address_line(text: str) -> bool:
    t = text.strip()
    return (0 < len(t) <= 60 and not t.endswith((".", ":", ";")) and not emails_in(t)
            and not phones_in(t) and not re.search(r"\b(?:is|are|will|the following)\b", t, re.I)
            and not re.search(r"contact|details|telephone|email|signed|date", t, re.I)
            and not re.search(r"[:|]", re.sub(r"^\s*address\s*[:\-|]\s*", "", t, flags=re.I))
            and not roles_in(t))


# ---------------------------------------------------------------- lists

def lists_found(lines, names: list[str], found: Found) -> None:
    for name in names:
        if name == "social_accounts":
            continue
        cue = LIST_CUES.get(name) or _cue_for(name)
        for i, ln in enumerate(lines):
            head, colon, tail = ln.text.partition(":")
            if colon and tail.strip() and (cued := cue.search(head)):
                # "We block these sites: Facebook, Instagram and TikTok." on one line
                pieces = _pieces(tail)
                parts = [p for p in re.split(r"\s*(?:,|;|\band\b)\s*", tail.strip().rstrip(".")) if p]
                if len(pieces) >= 2 and len(pieces) == len(parts):
                    found.add(f"lists.{name}", pieces, ln, 2, near=cued.group())
                continue
            if not (cue.search(ln.text) and ln.text.rstrip().endswith(":")):
                continue
            items: list[str] = []
            for nxt in lines[i + 1:i + 30]:
                if nxt.kind != "item" and not (len(nxt.text) <= 60 and not nxt.text.endswith(".")):
                    break
                if nxt.kind == "heading":
                    break
                for piece in _pieces(nxt.text):
                    if piece.lower() not in (x.lower() for x in items):
                        items.append(piece)
            if items:
                found.add(f"lists.{name}", items, ln, 2,
                          near=re.split(r"(?<=[.!?])\s+", ln.text)[-1])   # the introducing sentence


def _cue_for(name: str) -> re.Pattern:
    stems = [w[:5] for w in name.split("_") if len(w) > 2]
    return re.compile("".join(f"(?=.*{re.escape(s)})" for s in stems) or "(?!)", re.I)


def _pieces(text: str) -> list[str]:
    t = LIST_END.sub("", text.strip()).strip().rstrip(".;")
    out = []
    for p in re.split(r"\s*(?:,|;|\band\b)\s*", t):
        p = re.sub(r"^(?:e\.g\.?|i\.e\.?|such as|including|for example)\s+", "", p.strip(" -–"), flags=re.I)
        if p and len(p.split()) <= 4 and not re.search(r"\b(?:is|are|will|must|should|be)\b",
                                                        p, re.I):
            out.append(p)
    return out
