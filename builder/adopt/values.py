"""The school's values an imported policy states, as keys of a school file.

``find_values`` reads the document line by line and returns what it finds, each as a
``FoundValue``: the key path into ``schools/<id>.yml`` ("name", "roles.dsl.name",
"lists.blocked_sites", "policies.social-media.approval.next_review"...), the value already in the
type the school file takes (text; a date as "2024-06" or "2022-09-01"; a review cycle as
"annually" or "2 years"; a list), the line it came from and that line's text. When the text
gives two different values for one key (two review cycles, two DSLs), both are kept and marked
``conflict``; the one listed first is the one the draft takes: a labelled line ("Renewal: Every
two years") before a sentence in the review section, before a sentence elsewhere, then by line.

The finders: people and contacts in ``values_people``, dates and cycles in ``values_dates``,
the cleaned text in ``values_text``. ``stale_dates`` is ``values_dates.stale_dates``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from builder.adopt.document import ImportedDocument
from builder.adopt.values_dates import (cycle_strength, cycles_in, date_kind, dates_in,
                                        stale_dates)  # noqa: F401  (part of this module's API)
from builder.adopt.values_people import (CANONICAL, emails_in, new_role_id, people_in,
                                         phone_labelled, phones_in, postcode_at_end, social_in,
                                         website_in, roles_in, role_of)
from builder.adopt.values_text import Line, lines_of, name_spans, snippet


@dataclass(frozen=True)
class FoundValue:
    key: str            # a dotted path into a school file
    value: object       # in the type the school file takes
    line: int           # the line of the imported document it came from
    source: str         # that line's text (shortened)
    note: str = ""      # what to check: a term read as a month, a new role id, a conflict
    conflict: bool = False   # the text gives another value for this key too
    new: bool = False   # a role id the pack does not use yet


SCHOOL_WORDS = (r"(?:(?:C\.? ?of ?E\.?|CE|Church of England|Catholic|RC|Community|Federation of)\s+)?"
                r"(?:Primary School|Primary Academy|Junior School|Infant School|Infants' School|"
                r"Nursery School|Secondary School|High School|Grammar School|Church School|"
                r"Primary|Academy|College|School)")
SCHOOL_NAME = re.compile(rf"(?<![\w'])((?:[A-Z][\w'&.-]*\s+){{1,5}}?{SCHOOL_WORDS})(?![\w'])")
NOT_A_NAME = {"the", "our", "this", "a", "an", "any", "each", "every", "your", "their", "all",
              "secondary", "primary", "state", "independent", "official", "local", "other", "at",
              "in", "of", "for", "and", "to", "by", "from", "with", "whole", "new", "same"}
SAYS = re.compile(r"^\s*(?:at\s+)?(?P<n>(?:[A-Z][\w'&.-]*\s+){1,6}?)(?:understands|recognises|"
                  r"recognizes|is committed|believes|acknowledges|aims|will|has|uses|values)\b")
GENERIC_LOCAL = re.compile(r"^(?:office|admin|administration|info|enquiries|enquiry|contact|"
                           r"school|reception|mail|hello|schooloffice|general)(?![a-z])", re.I)
LOCAL_ROLE = [(re.compile(r"^(?:dsl|safeguarding)", re.I), "dsl"),
              (re.compile(r"^(?:dpo|data\.?protection)", re.I), "dpo"),
              (re.compile(r"^(?:head|headteacher|principal)\b", re.I), "headteacher"),
              (re.compile(r"^(?:governors?|chair)", re.I), "chair"),
              (re.compile(r"^(?:online\.?safety|e-?safety)", re.I), "online_safety_officer"),
              (re.compile(r"^(?:it|ict|techsupport)\b", re.I), "it_technician"),
              (re.compile(r"^(?:communications|comms|marketing)", re.I), "communications_officer")]
BODY = re.compile(
    r"(?:approv\w*|ratif\w*|adopt\w*|agreed|signed off)\s+(?:by|at)\s+(?:a\s+meeting\s+of\s+)?"
    r"(?:the\s+|our\s+)?(?P<b>(?:full\s+|local\s+)?governing\s+(?:body|board)|(?:full\s+|local\s+)?"
    r"governors|lgb|trust\s+board|board\s+of\s+(?:trustees|directors)|trustees|directors|trust)\b"
    r"|sent\s+to\s+(?:the\s+)?(?P<b2>governors|governing\s+body|trust\s+board|trustees)\s+for\s+"
    r"(?:ratification|approval)"
    r"|(?:approving|approval)\s+body\s*[:\-|]\s*(?P<b3>[^|.;]{3,60})", re.I)
LIST_CUES = {"blocked_sites": re.compile(r"block|not\s+(?:be\s+)?accessible|cannot\s+be\s+accessed|"
                                         r"restrict|filtered|prevent\w*\s+access|not\s+(?:be\s+)?"
                                         r"permitted\s+to\s+access|banned", re.I)}
LIST_END = re.compile(r",?\s*\b(?:among(?:st)?\s+others|and\s+others|and\s+more|etc\.?|and\s+so\s+"
                      r"on|amongst\s+other\s+\w+)\s*\.?$", re.I)


def body_value(text: str) -> str:
    t = re.sub(r"\s+", " ", text.strip().lower())
    if re.search(r"trust|trustee|director", t):
        return "Trust board"
    if re.search(r"govern|lgb", t):
        return "Local governing body"
    return text.strip()[:1].upper() + text.strip()[1:]


def policy_lists(pack, policy_id: str) -> list[str]:
    """The ``lists.<name>`` this policy's text and forms use."""
    names: set[str] = set()
    policy = pack.policies.get(policy_id) if pack is not None else None
    if policy is None:
        return ["blocked_sites", "social_accounts"] if pack is None else []
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


def role_titles(pack) -> dict[str, str]:
    """The title the draft gives each role id: the one the pack's files agree on (given at
    least twice), else the import's own title for it, else the pack's only one."""
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
    return out


def _same_person(a: str, b: str) -> bool:
    sa, sb = a.split()[-1].lower().strip(".,"), b.split()[-1].lower().strip(".,")
    return sa == sb


class _Found:
    def __init__(self):
        self.items: list[tuple[int, int, FoundValue]] = []   # (strength, order, value)

    def add(self, key, value, line: Line, strength=1, note="", new=False):
        if value in (None, "", [], {}):
            return
        self.items.append((strength, len(self.items),
                           FoundValue(key, value, line.line, snippet(line.raw or line.text),
                                      note, False, new)))

    def keys(self) -> set[str]:
        return {f.key for _, _, f in self.items}


def find_values(doc: ImportedDocument, pack, policy_id: str, school_id: str | None) -> list[FoundValue]:
    """The values ``doc`` states, each at its line (see the module's docstring)."""
    lines = lines_of(doc)
    found = _Found()
    titles = role_titles(pack)
    _school_name(lines, doc, pack, found)
    people = _people(lines, titles, pack, found)
    _contacts(lines, people, found, policy_lists(pack, policy_id))
    _lists(lines, policy_lists(pack, policy_id), found)
    _approval(lines, policy_id, found, titles)
    return _ordered(found)


# ---------------------------------------------------------------- the school's name

def _school_name(lines: list[Line], doc, pack, found: _Found) -> None:
    trust = {str(pack.trust.values.get(k, "")).strip().lower() for k in ("name", "short_name")} \
        if pack is not None else set()
    trust.discard("")
    counts: Counter = Counter()
    first: dict[str, Line] = {}
    bonus: Counter = Counter()
    title_lines = {id(x) for x in lines[:4]}
    for ln in lines:
        for m in SCHOOL_NAME.finditer(ln.text):
            name = _trim_name(m.group(1))
            if name:
                counts[name] += 1
                first.setdefault(name, ln)
                if id(ln) in title_lines or ln.text.strip() == name:
                    bonus[name] += 3
        s = SAYS.match(ln.text)
        if s:
            name = _trim_name(s["n"])
            if name and len(name.split()) >= 2:
                counts[name] += 1
                bonus[name] += 3
                first.setdefault(name, ln)
        for t in trust:
            if pack is not None and t and t in ln.text.lower():
                tn = pack.trust.values["name"]
                counts[tn] += 1
                first.setdefault(tn, ln)
    schools = [n for n in counts if n.lower() not in trust]
    if schools:
        best = max(schools, key=lambda n: (counts[n] + bonus[n], -first[n].line))
        found.add("name", best, first[best], 2)
    elif counts:
        best = max(counts, key=lambda n: (counts[n], -first[n].line))
        found.add("name", best, first[best], 1,
                  note="this copy is the trust's own: the name is the trust's, not a school's")


def _trim_name(text: str) -> str | None:
    words = text.split()
    while words and words[0].lower().strip(".,") in NOT_A_NAME:
        words.pop(0)
    if not words or len(words) < 2 and not re.search(r"Academy|College", text):
        return None
    if all(w.lower().strip(".,") in NOT_A_NAME or w in ("School", "Primary", "Academy",
                                                         "College", "High") for w in words):
        return None
    if words[0].lower() in {"school", "primary", "academy", "college"}:
        return None
    return " ".join(words)


# ---------------------------------------------------------------- people

def _people(lines, titles, pack, found: _Found) -> dict[str, list[tuple[str, Line]]]:
    """Who holds each role; returns role id -> [(name, line)] as found."""
    known_titles = {t.lower(): rid for rid, t in titles.items()}
    people: dict[str, list[tuple[str, Line]]] = {}
    prev = None
    for ln in lines:
        for rid, name, own, new in people_in(ln, prev):
            if new and own.lower() in known_titles:
                rid, new = known_titles[own.lower()], False
            got = people.setdefault(rid, [])
            same = next((i for i, (n, _) in enumerate(got) if _same_person(n, name)), None)
            if same is None:
                got.append((name, ln))
            elif len(name.split()) > len(got[same][0].split()):
                got[same] = (name, got[same][1])
            else:
                continue
            if len([1 for _, _, f in found.items if f.key == f"roles.{rid}.title"]) == 0:
                title = own if new else _title_for(rid, own, titles)
                found.add(f"roles.{rid}.title", title, ln, 1,
                          note=f"a role the pack does not have: new id '{rid}'" if new else "",
                          new=new)
        prev = ln
    for rid, got in people.items():
        for name, ln in got:
            found.add(f"roles.{rid}.name", name, ln, 2)
    return people


def _title_for(rid: str, own: str, titles: dict[str, str]) -> str:
    """The pack's title for the role, unless the text's names another body ("Chair of Trust
    Board" where the pack says "Chair of Governors")."""
    pack_title = titles.get(rid, own)
    body = {"trust", "trustees", "board", "directors", "federation"}
    if (set(re.findall(r"[a-z]+", own.lower())) & body) - set(re.findall(r"[a-z]+", pack_title.lower())):
        return own
    return pack_title


# ---------------------------------------------------------------- contacts

def _contacts(lines, people, found: _Found, lists: list[str]) -> None:
    role_lines = {ln.line: rid for rid, got in people.items() for _, ln in got}
    postcode_lines = [i for i, ln in enumerate(lines) if postcode_at_end(ln.text)]
    block: set[int] = set()
    for i in postcode_lines:
        block.update(ln.line for ln in lines[max(0, i - 6):i + 7])
    # the address: a line ending in a postcode, and the short lines just before it
    for i in postcode_lines[:1]:
        ln = lines[i]
        text = re.sub(r"^\s*address\s*[:\-|]\s*", "", ln.text, flags=re.I)
        parts = [p.strip() for p in re.split(r"\s*[,|]\s*", text) if p.strip()]
        j = i - 1
        while len(parts) < 7 and j >= 0 and lines[j].line >= lines[j + 1].line - 2 and \
                _address_line(lines[j].text):
            parts.insert(0, re.sub(r"^\s*address\s*[:\-|]\s*", "", lines[j].text, flags=re.I))
            j -= 1
        if len(parts) >= 2:
            found.add("address", parts, lines[j + 1] if j + 1 < i else ln, 2)
    domains: set[str] = set()
    emails_taken: set[str] = set()
    for ln in lines:
        for e in emails_in(ln.flat):
            local = e.split("@")[0]
            rids = [role_lines[ln.line]] if ln.line in role_lines else []
            if not rids:
                rids = [r for r, got in people.items() if any(
                    len(n.split()[-1]) > 2 and n.split()[-1].lower().strip(".") in local.lower()
                    for n, _ in got)]
            if not rids:
                rids = [r for pat, r in LOCAL_ROLE if pat.search(local) and r in people][:1]
            for rid in rids:
                found.add(f"roles.{rid}.email", e, ln, 2)
            if rids:
                domains.add(e.split("@")[1].lower())
                emails_taken.add(e)
            elif GENERIC_LOCAL.search(local) or ln.line in block:
                found.add("email", e, ln, 2 if GENERIC_LOCAL.search(local) else 1)
                domains.add(e.split("@")[1].lower())
                emails_taken.add(e)
        for start, number in phones_in(ln.flat):
            rid = role_lines.get(ln.line)
            if rid is not None:
                found.add(f"roles.{rid}.phone", number, ln, 2)
            elif phone_labelled(ln.flat, start) or ln.line in block:
                found.add("phone", number, ln, 2 if phone_labelled(ln.flat, start) else 1)
    for ln in lines:
        for url in website_in(ln.flat):
            host = re.sub(r"^https?://(?:www\.)?", "", url, flags=re.I).split("/")[0].lower()
            labelled = re.search(r"\b(?:website|web ?site|web|www)\b", ln.flat, re.I)
            if host in domains or labelled:
                found.add("website", url.rstrip("/"), ln, 2 if labelled else 1)
    if "social_accounts" in lists:
        accounts, first, prev = [], None, ""
        for ln in lines:
            for a in social_in(ln.flat, prev):
                if all(a["handle"].lower() != b["handle"].lower() or a["platform"] != b["platform"]
                       for b in accounts):
                    accounts.append(a)
                    first = first or ln
            prev = ln.flat
        if accounts:
            made = [a["platform"] for a in accounts if "url" in a and not re.search(
                re.escape(a["handle"][1:]) + r"\b", first.raw or "")]
            found.add("lists.social_accounts", accounts, first, 2,
                      note="some profile addresses are made from the handle: check them"
                      if made else "")


def _address_line(text: str) -> bool:
    t = text.strip()
    return (0 < len(t) <= 60 and not t.endswith((".", ":", ";")) and not emails_in(t)
            and not phones_in(t) and not re.search(r"\b(?:is|are|will|the following)\b", t, re.I)
            and not re.search(r"contact|details|telephone|email|signed|date", t, re.I)
            and not re.search(r"[:|]", re.sub(r"^\s*address\s*[:\-|]\s*", "", t, flags=re.I))
            and not roles_in(t))


# ---------------------------------------------------------------- lists

def _lists(lines, names: list[str], found: _Found) -> None:
    for name in names:
        if name == "social_accounts":
            continue
        cue = LIST_CUES.get(name) or _cue_for(name)
        for i, ln in enumerate(lines):
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
                found.add(f"lists.{name}", items, ln, 2)


def _cue_for(name: str) -> re.Pattern:
    stems = [w[:5] for w in name.split("_") if len(w) > 2]
    return re.compile("".join(f"(?=.*{re.escape(s)})" for s in stems) or "(?!)", re.I)


def _pieces(text: str) -> list[str]:
    t = LIST_END.sub("", text.strip()).strip().rstrip(".;")
    out = []
    for p in re.split(r"\s*(?:,|;|\band\b|/)\s*", t):
        p = p.strip(" -–")
        if p and len(p.split()) <= 4 and not re.search(r"\b(?:is|are|will|must|should|be)\b",
                                                        p, re.I):
            out.append(p)
    return out


# ---------------------------------------------------------------- the approval record

def _approval(lines, policy_id: str, found: _Found, titles) -> None:
    base = f"policies.{policy_id}.approval"
    block_lines = {ln.line for ln in lines if re.search(r"\bsign|approv|chair\b|ratif", ln.text, re.I)}
    signers: list[dict] = []
    sign_line = None
    for i, ln in enumerate(lines):
        text = ln.flat
        near = any(abs(ln.line - b) <= 6 for b in block_lines)
        for start, end, value, note in dates_in(text):
            before = text[:start]
            cut = max((e for s, e, _, _ in dates_in(text) if e <= start), default=0)
            before = before[cut:]
            if not re.search(r"[A-Za-z]", before) and i > 0:
                before = lines[i - 1].flat + " | " + before
            kind = date_kind(before, near)
            if kind:
                found.add(f"{base}.{kind}", value, ln, 2 if not near or re.search(
                    r"[A-Za-z]{4}", before) else 1, note=note)
        strength = cycle_strength(text, ln.section)
        if strength:
            for _, value, note in cycles_in(text):
                found.add(f"{base}.review_cycle", value, ln, strength, note=note)
        for m in BODY.finditer(text):
            found.add(f"{base}.body", body_value(m["b"] or m["b2"] or m["b3"]), ln, 2)
        v = re.search(r"(?:^|\|)\s*version\s*(?:no\.?|number)?\s*[:\-|]?\s*(\d+(?:\.\d+){0,2})\b",
                      text, re.I)
        if v:
            found.add(f"{base}.version", v[1], ln, 2)
        if re.match(r"^\s*signed\b", text, re.I):
            signer = _signer(lines, i, titles)
            if signer:
                signers.append(signer)
                sign_line = sign_line or ln
                found.add(f"{base}.body", body_value(signer["title"]) if re.search(
                    r"govern|trust", signer["title"], re.I) else None, ln, 1)
    if signers:
        signed = next((f.value for _, _, f in sorted(found.items) if f.key == f"{base}.approved"),
                      None)
        for s in signers:
            if signed:
                s["signed"] = signed
        found.add(f"{base}.signatories", signers, sign_line, 2)


def _signer(lines, i, titles) -> dict | None:
    ln = lines[i]
    rest = re.sub(r"^\s*signed\s*(?:by)?\s*[:\-]*\s*", "", ln.flat, flags=re.I).strip(" |")
    names = name_spans(rest)
    title_text = rest[names[0][1]:] if names else ""
    if not names and i + 1 < len(lines) and lines[i + 1].line <= ln.line + 2:
        nxt = lines[i + 1]      # "Signed:" then "Chair of Trust Board:  Claire Delaney"
        ms = roles_in(nxt.flat)
        nn = name_spans(nxt.flat)
        if ms and nn:
            names, title_text = nn, nxt.flat[:ms[0].end()]
    if not names:
        return None
    ms = roles_in(title_text)
    if not ms:
        return None
    rid = role_of(ms[0])
    title = re.sub(r"\s*[:|].*$", "", title_text[ms[0].start():]).strip() or titles.get(rid, "")
    return {"name": names[0][2], "role": rid, "title": title}


# ---------------------------------------------------------------- order and conflicts

def _norm(v):
    if isinstance(v, str):
        return re.sub(r"[\s.]+", " ", v).strip().lower()
    if isinstance(v, list):
        return tuple(_norm(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _norm(x)) for k, x in v.items()))
    return v


def _ordered(found: _Found) -> list[FoundValue]:
    by_key: dict[str, list[tuple[int, int, FoundValue]]] = {}
    for item in found.items:
        by_key.setdefault(item[2].key, []).append(item)
    out = []
    for key in sorted(by_key, key=lambda k: min(i[1] for i in by_key[k])):
        items = sorted(by_key[key], key=lambda i: (-i[0], i[2].line, i[1]))
        kept, seen = [], set()
        for _, _, f in items:
            n = _norm(f.value)
            if n not in seen:
                seen.add(n)
                kept.append(f)
        if len(kept) > 1 and not key.endswith(".title"):
            said = "; ".join(f"line {f.line}: {_shown(f.value)}" for f in kept)
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
