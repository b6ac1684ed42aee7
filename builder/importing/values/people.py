"""People and how to reach them in an imported policy: who holds each role, emails, phone
numbers, the postal address, the website and the school's social media accounts.

Roles are matched by the words schools use for them ("Designated Safeguarding Lead", "DSL",
"Designated Senior Person"; "Head teacher", "Principal", "Head of School"; "E-Safety Officer",
"Online Safety Lead"...) and mapped to the role ids the pack uses. A name is taken only beside a
role: after it ("DSL: Mrs A Patel", "Our DSL is Mrs A Patel", "Headteacher (Anna Patel)", a table
row "Role | Name | Contact") or before it ("Mrs Patel is the DSL", "Mrs Patel (Headteacher)").
A title the table does not know but that reads as a role ("Attendance Officer: Mr B Oduya")
gets a new snake_case id, marked new.
"""

from __future__ import annotations

import bisect
import re

from builder.common.given_names import is_first_name, is_given_name
from builder.importing.values.text import (HONORIFICS, OTHER_BODY, STOP, CleanLine, bar_cells, is_name,
                                          name_first, name_spans)

# role id, the title the draft gives it (unless the pack's schools agree on another), and the
# words that name it (regular expressions, matched whole words, case ignored; longest first)
ROLES: list[tuple[str, str, list[str]]] = [
    ("deputy_dsl", "Deputy Designated Safeguarding Lead", [
        r"deputy designated safeguarding (?:lead|leader|officer|person)", r"deputy dsl",
        r"ddsls?", r"deputy (?:designated )?(?:safeguarding|child protection) (?:lead|officer|co-?ordinator|person)",
        r"alternate dsl", r"deputy designated senior (?:lead|person|officer)",
        r"deputy designated person(?! for (?:looked|lac|cla|children))",
        # (Wales's "Designated Deputy Person"; not a "Deputy Designated Teacher", in England the looked-after
        # children's)
        r"designated deputy (?:person|lead|safeguarding lead)",
        # (Ireland's, under Children First)
        r"deputy designated liaison person", r"deputy dlp", r"ddlp"]),
    ("dsl", "Designated Safeguarding Lead", [
        r"designated safeguarding (?:lead|leader|officer|person)", r"dsl",
        r"designated senior (?:lead|person|officer)(?: for (?:safeguarding|child protection))?",
        r"designated (?:teacher|person) for (?:safeguarding|child protection)",
        # (the older name, and Wales's and Northern Ireland's; not the designated person or teacher for
        # looked-after children)
        r"(?:lead )?designated person(?! for (?:looked|lac|cla|children))",
        r"safeguarding lead", r"child protection (?:lead|officer|co-?ordinator)",
        r"designated liaison person", r"dlp"]),
    ("dpo", "Data Protection Officer", [r"data protection officer", r"dpo"]),
    # (a school's own lead, beside the trust's officer: "Designated Data Protection Lead")
    ("data_protection_lead", "Data Protection Lead", [
        r"(?:designated |school )?data protection (?:lead|co-?ordinator|manager)", r"dpl"]),
    ("online_safety_officer", "Online Safety Officer", [
        r"(?:on[- ]?line|e-?|internet)[ -]?safety (?:officer|lead|leader|co-?ordinator|champion|manager)",
        r"osl"]),
    ("deputy_headteacher", "Deputy Headteacher", [r"deput[ey] head(?: ?teacher)?", r"deputy principal",
                                                   r"vice[- ]principal", r"dirprwy [bp]ennaeth"]),
    # (an assistant head is a role of its own, below the deputy)
    ("assistant_headteacher", "Assistant Headteacher", [r"assistant head(?: ?teacher)?", r"assistant principal"]),
    ("headteacher", "Headteacher", [
        r"executive head ?teacher", r"head ?teacher", r"head ?mistress", r"head ?master",
        r"principal", r"head of school", r"school leader", r"(?<!dirprwy )[bp]ennaeth"]),   # (Welsh: "Pennaeth")
    ("chair", "Chair of Governors", [
        r"chair (?:of|of the) (?:local )?(?:governors|governor['’]s|governing body|governing board|"
        r"trust board|trustees|board of trustees|board|directors|lgb)", r"chair of trust board",
        r"chair(?:man|person|woman) of (?:the )?(?:governors|governing body|governing board|board of management|"
        r"board of governors|trustees|board)", r"(?:board of management )?chair(?:man|person|woman)", r"chair"]),
    ("communications_officer", "Communications Officer", [
        r"(?:head of )?(?:marketing and )?communications (?:officer|lead|manager)",
        r"head of marketing and communications", r"marketing (?:officer|lead|manager)"]),
    ("it_technician", "IT Technician", [
        r"(?:it|ict) (?:support )?technician", r"network manager", r"(?:it|ict) manager",
        r"(?:it|ict) (?:support|provider)"]),
    ("computing_lead", "Computing Lead", [
        r"computing (?:lead|leader|co-?ordinator|subject lead)", r"ict co-?ordinator"]),
    ("senco", "Special Educational Needs Co-ordinator", [
        r"senco", r"sendco", r"special educational needs (?:and disabilit(?:y|ies) )?co-?ordinator"]),
]
_ALTS = sorted(((alt, rid) for rid, _, alts in ROLES for alt in alts), key=lambda a: -len(a[0]))
ROLE_RE = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<r{i}>{a})" for i, (a, _) in enumerate(_ALTS))
                     + r")(?:s|\s?\(s\))?(?![\w-])(?:\s*\((?P<abbr>(?:(?:deputy|acting)\s+)?[A-Za-z-]{2,6})\))?", re.I)
# ("Lead(s)"; its initials in brackets after it, qualified as the role is: "(Deputy DLP)")
CANONICAL = {rid: title for rid, title, _ in ROLES}
# a line that is a role and nothing else: a heading over the name on the next line
ROLE_ONLY = re.compile(r"^\s*(?:(?:our|the|school|trust|senior|named|nominated|acting|interim)\s+){0,2}(?:" +
                       "|".join(a for a, _ in _ALTS) +
                       r")(?:s|\s?\(s\))?(?:\s*\([A-Za-z-]{2,6}\))?(?:\s*[:\-–|])?\s*$", re.I)
# a title the table does not know, as a labelled line gives it: "Attendance Officer:"
NEW_ROLE = re.compile(r"^(?P<title>(?:[A-Z][\w'&-]*\s+){0,4}(?:Lead|Leader|Officer|Co-?ordinator|"
                      r"Manager|Administrator|Clerk|Bursar|Governor|Trustee|Champion|Mentor))"
                      r"\s*(?:\([A-Za-z]{2,6}\))?\s*[:\-–|]", re.I)
# a post of another body's, whose holder is no member of the school's staff: "LA Designated Officer", "Local
# Authority Designated Officer (LADO)", "Police Liaison Officer"
ANOTHER_BODYS_POST = re.compile(r"\s*(?:the\s+)?(?:LA|LEA|Local\s+Authority|County|Council|Borough|City|Police|NHS|"
                                r"Health|Children['’]?s\s+Services|Social\s+Care)\b", re.I)
# "The person responsible for e-safety and ... is Miss Cooke"
RESPONSIBLE = re.compile(r"person (?:responsible for|co-?ordinating|in charge of|with "
                         r"responsibility for)\s+(?P<what>.+?)\s+is\s+(?:also\s+)?$", re.I)
RESPONSIBLE_HINT = re.compile(r"person (?:responsible|co-?ordinating|in charge|with responsibility)",
                              re.I)
# a person named as the one to report to, with no role: a role of their own, for the trust to map
CONCERNS = "concerns_contact"
REPORT_TO = re.compile(r"\b(?:report\w*|direct\w*|refer\w*|rais\w*|pass\w*|sen[dt]|brought)\b[^.;]{0,60}"
                       r"\bto\s+(?:the\s+attention\s+of\s+)?$|\b(?:contact|speak\s+to|tell|inform)\s+$",
                       re.I)
DUTIES = [(re.compile(r"e-?safety|online safety|internet safety", re.I), "online_safety_officer"),
          (re.compile(r"social media accounts|communications", re.I), "communications_officer"),
          (re.compile(r"data protection", re.I), "dpo"),
          (re.compile(r"safeguarding|child protection", re.I), "dsl")]
ABSENCE = re.compile(r"\bin\s+(?:his|her|their|the\s+(?:dsl|dlp|designated\s+[\w ]{3,40}?)['’]s)\s+absence\b", re.I)
DEPUTY = re.compile(r"\b(?:is|are)\s+(?:supporting|assisting|deputising for)\b.*\bin (?:this|that|"
                    r"the) role|\b(?:deputy|deputises|deputising)\b", re.I)

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?<![.-])")
PHONE = re.compile(r"(?<![\w+(])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\(?\d[\d ]{0,5}\)?[\s.-]?)"
                   r"\d{3,4}[\s.-]?\d{3,4}(?:\s*(?:ext\.?|extension|x)\s*\d{1,5})?(?![\w])", re.I)
PHONE_LABEL = re.compile(r"\b(?:tel(?:ephone)?|phone|t|office|call|ring)\b\s*[.:]?\s*(?:no\.?|"
                         r"number)?\s*[:\-]?\s*$", re.I)
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2})\s*\.?$")
URL = re.compile(r"(?<![\w@/.])(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*"
                 r"\.(?!(?:pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|txt|md|csv|html?)\b)[a-z]{2,12}\b"
                 r"(?:/[^\s,;)\]]*)?", re.I)
PLATFORMS = [("Facebook", r"facebook\.com|fb\.com", r"facebook"),
             ("X", r"twitter\.com|x\.com", r"twitter|(?-i:\bX\b)"),
             ("Instagram", r"instagram\.com", r"instagram"),
             ("YouTube", r"youtube\.com", r"youtube"),
             ("TikTok", r"tiktok\.com", r"tiktok"),
             ("LinkedIn", r"linkedin\.com", r"linkedin"),
             ("Threads", r"threads\.net", r"threads"),
             ("Bluesky", r"bsky\.app", r"bluesky")]
PROFILE_BASE = {"Facebook": "https://www.facebook.com/", "X": "https://x.com/",
                "Instagram": "https://www.instagram.com/", "YouTube": "https://www.youtube.com/@",
                "TikTok": "https://www.tiktok.com/@", "Threads": "https://www.threads.net/@"}
HANDLE = re.compile(r"(?<![\w@.])@(?P<h>[A-Za-z0-9_][A-Za-z0-9_.]{1,29})(?![\w@])")
NOT_SCHOOL_SITE = re.compile(r"gov\.uk|legislation|nspcc|childline|ceop|thinkuknow|childnet|"
                             r"saferinternet|ico\.org|facebook|twitter|instagram|youtube|tiktok|"
                             r"x\.com|linkedin|snapchat|google|microsoft|ofsted|lgfl|bbc", re.I)


def role_of(m: re.Match) -> str:
    return next(_ALTS[int(k[1:])][1] for k, v in m.groupdict().items() if v and k != "abbr")


def roles_in(text: str) -> list[re.Match]:
    # (a role before a possessive is somebody else's: "the Headteacher's PA", "the DSL's line manager")
    return [m for m in ROLE_RE.finditer(text)
            if not re.match(r"['’]s\b", text[m.end():m.end() + 3]) and
            not (m.group().lower() == "chair" and not re.search(r"\bchair\b\s*(?:[:|(]|is\b|$)",
                                                                     text[m.start():], re.I))]


# a role several hold, named in the plural ("Designated Safeguarding Leads", "officers"; not "Chair of Governors")
PLURAL_ROLE = re.compile(r"(?:lead|leads|officer|person|coordinator|co-ordinator|manager|contact|dsl|dcpo)"
                         r"(?:s|\s?\(s\))\W*$", re.I)      # ("Leads", and "Lead(s)")
# (the place a role is held may stand between: "The DCPOs in school are Mrs A Lee and Mrs B Roe")
_AFTER_GAP = re.compile(r"^\s*(?:(?:in|at|for|within)\s+(?:the\s+|our\s+|this\s+)?"
                        r"(?:school|academy|setting|nursery|(?-i:[A-Z][\w'’&.-]*)(?:\s+(?:(?-i:[A-Z][\w'’&.-]*)|of|and)){0,6})"
                        r"\s*)?"
                        r"(?:[:\-–—|=,]|\(|\b(?:is|are)(?:\s*/\s*(?:is|are))?\b|\bwill be\b|\bwas\b)?\s*(?:is\s+)?"
                        r"(?:also\s+)?(?:currently\s+)?(?:[:\-–—|])?\s*$", re.I)
_BEFORE_GAP = re.compile(r"^\s*(?:,|\(|[:\-–—|])?\s*(?:\bwho\s+(?:is|acts\s+as)\b|\bis\b|\bas\b|\bacts as\b|"
                         r"\bwill be\b)?\s*"
                         r"(?:(?:also|currently|now)\s+)?(?:(?:our|the|a|an)\s+)?"
                         r"(?:school(?:'?s)?\s+|trust(?:'?s)?\s+|named\s+|nominated\s+)?"
                         r"(?:(?:acting|interim)\s+)?$", re.I)


# what stands before the post a signature cell is for: "Signed (Head Teacher)", "Signature of the Chair"
SIGNED_FOR = re.compile(r"\s*(?:signed|signature|sign)\s*(?:\(|of\s+(?:the\s+)?|by\s+(?:the\s+)?|[:\-–]\s*)?", re.I)


# what stands between a name already taken and a post right after it that the person holds too:
# "Mrs J McCallum – Headteacher", "Helen Day (Acting Headteacher)"
HELD_TOO = re.compile(r"\s*(?:[,\-–—(])\s*(?:(?:acting|interim)\s+)?(?:school\s+)?", re.I)   # ("(School Principal)")
# a name's post in brackets, then a colon or a dash before the role the name holds
POST_THEN_ROLE = re.compile(r"\s*\([^()\n]{1,40}\)\s*(?:[:\-\u2013\u2014|]|,?\s*(?:who\s+)?(?:is|acts\s+as|will\s+be)"
                            r"\s+"
                            r"(?:(?:also|currently|now)\s+)?(?:(?:our|the|a|an)\s+)?)\s*(?:(?:acting|interim)\s+)?",
                            re.I)   # (or "is": "Hayley List (Lodge Day Nursery Manager) is the DSL")
# nothing but a comma or a dash between two parts of a line: a post and the name after it
SEPARATED = re.compile(r"\s*[,\-\u2013\u2014]?\s*")
# what joins a role to the post its holder has: "The DSL is the Deputy Headteacher, Mrs ...",
# "DSL: The Deputy Headteacher, Mrs ...", "Online Safety Lead – Assistant Head – Mrs ..."
IS_THE = re.compile(r"\s*(?:(?:is|are|will\s+be)\s*:?|[:\-\u2013\u2014|])\s*(?:also\s+)?(?:the\s+|our\s+)?", re.I)


def heads_list(line: CleanLine) -> bool:
    """The line is a role several hold and nothing else, over a list of them a line each
    ("Deputy DSLs:" over "Jane Ennis (Deputy Head) – 0161 ..." and "Nicola Smith (Headteacher) – ...")."""
    text = _as_label(line.flat)
    return bool(ROLE_ONLY.match(text)) and bool(PLURAL_ROLE.search(text.rstrip(" :-–|")))


def _as_label(text: str) -> str:
    """A sentence that leads into a role's holders read as the role's label: "The Deputy Designated
    Safeguarding Leads (DDSLs) are:" as "The Deputy Designated Safeguarding Leads (DDSLs):"; a
    signature's caption as its signer's role: "Signature (Headteacher)" as "Headteacher"; a caption
    in brackets as its words."""
    if (signed := SIGNATURE_OF.fullmatch(text)):
        return signed["role"] or signed["role2"]
    if (bracketed := re.fullmatch(r"\s*\(([^()]{2,60})\)\s*", text)):
        return bracketed[1]       # a caption in brackets under a name: "Jane Gould" over "(Chair of Governors)"
    return re.sub(r"\s+(?:are|is|include)(?:\s+as\s+follows)?\s*:\s*$", ":", text, flags=re.I)


# a signature's caption naming whose it is: "Signature (Headteacher)", "Signed (Chair of Governors):"
SIGNATURE_OF = re.compile(r"\s*(?:signature|signed)\s*(?:\((?P<role>[^()]{2,60})\)|"
                          r"of\s+(?:the\s+)?(?P<role2>[^()]{2,60}?))\s*[:\-]?\s*", re.I)
# a role's sentence ending where its holder's name is to follow, on the next line: "... is:", with only
# a place or a scope between ("across the whole school", "for the nursery"; not "is supported by two
# deputies, who are:", nor "Chair of Governors' clerk is:")
LEADS_TO_HOLDER = re.compile(r"(?:\s+(?:across|for|at|in|of|within|throughout|on|over)\b[^,;:'’()]{0,60}?)?"
                             r"\s+(?:is|are)\s*:?\s*", re.I)
# the labels around a name written under its signature: "Print Name Julia Mann Date:"
PRINTED_NAME = re.compile(r"^\s*(?:print(?:ed)?\s+)?name\s*[:\-|]?\s*|\s*[|,]?\s*date\s*[:\-|]?\s*$", re.I)


# a title alone in a heading row's cell, as a role the pack may not have: "Safeguarding Governor"
_ROLE_CELL = re.compile(r"(?:[A-Z][\w'&/-]*\s+){0,4}(?:Lead|Leader|Officer|Co-?ordinator|Manager|Governor|Trustee|"
                        r"Champion|Director)s?")


def _row_cells(ln: CleanLine) -> list[str]:
    """A line's cells: a table's, or a copy's row written with bars or tabs ("DSL | Deputy DSL |")."""
    if len(ln.cells) >= 2:
        return [c.strip() for c in ln.cells]
    text = ln.flat.strip()
    if "|" not in text and "\t" not in ln.raw:
        return []
    return bar_cells(text) if "|" in text else [c.strip() for c in re.split(r"\t+", ln.raw.strip())]


def roles_over_names(lines: list[CleanLine]) -> dict[int, list[tuple[str, str, str, bool]]]:
    """A table's heading row of roles over the row of the people who hold them ("Designated
    Safeguarding Lead | Deputy Designated Safeguarding Lead | Safeguarding Governor" over "Mr Mark
    Brunker | Mrs Sarah Shales and Mr Stephen Chamberlain | Mr Geoff Greatwood"): each name holds
    the role over it, by its place. The row of names (by index) -> the people it gives."""
    out: dict[int, list[tuple[str, str, str, bool]]] = {}
    for k in range(len(lines) - 1):
        head = _row_cells(lines[k])
        titled = [c for c in head if c]
        if len(titled) < 2 or not all(ROLE_ONLY.match(_as_label(c)) and roles_in(c) or _ROLE_CELL.fullmatch(c)
                                      for c in titled):
            continue
        j = k + 1
        while j < len(lines) and re.fullmatch(r"[\s|:\-]*", lines[j].flat):
            j += 1          # (a Markdown table's rule under its heading row)
        if j >= len(lines) or lines[j].line > lines[k].line + 3 or len(row := _row_cells(lines[j])) != len(head):
            continue
        held: list[tuple[str, str, str, bool]] = []
        for role, names in zip(head, row):
            people = [n.strip().rstrip(".,;") for n in re.split(r"\s*(?:,|\band\b|&)\s*", names) if n.strip()]
            if not role or not people or not all(is_name(n) and not roles_in(n) for n in people):
                continue
            ms = roles_in(role)
            if ms and ROLE_ONLY.match(_as_label(role)):
                rid, title, new = role_of(ms[0]), _title(ms[0]), False
            else:
                title = " ".join(role.split())
                rid, new = new_role_id(title), True
            if len(people) > 1 and not rid.startswith("deputy"):
                held.append((rid, " and ".join(people), title, new))      # (a role two hold together)
            else:
                held += [(rid, n, title, new) for n in people]             # (deputies, each a role of their own)
        if held:
            out[j] = held
    return out


ROLE_OVER_NAME = 4    # lines a role's heading stands over its holder's name at most (blank lines between)


def name_over_role(lines: list[CleanLine]) -> dict[int, tuple[str, str, str, bool] | None]:
    """People set out as cards, each name on the line over its role ("Mrs H Vernon" over "Designated
    Safeguarding Lead (DSL)", then "Mrs T Harris" over "Deputy DSL"): a run of such pairs that starts
    with a name no role's line stands over. Each line of the run (by index) -> the person at the
    role's line, None at the name's (read as nothing else)."""
    def kind_of(text: str) -> str | None:
        if ROLE_ONLY.match(_as_label(text)) and roles_in(text):
            return "role"
        return "name" if is_name(text) and not roles_in(text) else None

    kinds = [kind_of(ln.flat) for ln in lines]

    def kind(k: int) -> str | None:
        return kinds[k]

    def next_to(k: int) -> bool:      # line k + 1 comes right after line k (blank lines between)
        return lines[k + 1].line <= lines[k].line + 2

    out: dict[int, tuple[str, str, str, bool] | None] = {}
    k = 0
    while k < len(lines) - 1:
        if kind(k) == "name" and kind(k + 1) == "role" and next_to(k) and \
                not (k > 0 and kind(k - 1) == "role" and next_to(k - 1)):
            run: dict[int, tuple[str, str, str, bool] | None] = {}
            while k < len(lines) - 1 and kind(k) == "name" and kind(k + 1) == "role" and next_to(k):
                m = roles_in(lines[k + 1].flat)[0]
                run[k] = None
                run[k + 1] = (role_of(m), lines[k].flat.strip().rstrip(".,;"), _title(m), False)
                if k + 2 >= len(lines) or not next_to(k + 1):
                    break
                k += 2
            # (a name left over at the end is the last role's, read the other way, unless a role the pack
            # does not name is under it: "Mrs K Newey" over "Board of Governors Child Protection")
            last = max(run) + 1
            if not (last < len(lines) and next_to(last - 1) and kind(last) == "name") or \
                    last + 1 < len(lines) and next_to(last) and CARD_ROLE.search(lines[last + 1].flat):
                out.update(run)
        k += 1
    return out


# the words of a role the pack may not name, on a card's line under a name
CARD_ROLE = re.compile(r"\b(?:governors?|lead|leader|officer|co-?ordinator|manager|head|teacher|senco|"
                       r"safeguarding|protection|trustee|clerk|bursar|chair)\b", re.I)


# a label's value written in capitals, to the line's end: "DESIGNATED SAFEGUARDING LEAD: PAIGE WALTON"
# is read as "Paige Walton" (a name in capitals is no name to the grammar that reads one)
CAPITALS_VALUE = re.compile(r"(?<=:[ \t])[ \t]*(?:(?:MRS|MR|MS|MISS|DR)\.?[ \t]+(?:[A-Z]\.?[ \t]+)*[A-Z][A-Z'’-]+"
                            r"|[A-Z][A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’-]+){1,2})[ \t]*$")


def _capitals_name(value: str) -> bool:
    """A value in capitals that is a person's name: a title or a given name a table knows first, or words
    a name may be."""
    words = value.lower().split()
    first = words[0].rstrip(".") if words else ""
    # (or words that could be a name: each with a vowel, none a word a name never is: "KWAME MENSAH", not
    # "GDPR SENTRY", "TO BE CONFIRMED")
    return not OTHER_BODY.search(value) and not NOT_SOMEONE.intersection(words) and \
        (first in HONORIFICS or is_first_name(first) or
         all(re.search(r"[aeiouy]", w) and w not in STOP for w in words))


# what a label's value says in place of a name ("SEE BELOW", "NOT APPLICABLE", "TBC")
NOT_SOMEONE = frozenset("see below above overleaf tbc tba vacant none not applicable n/a".split())


def people_in(line: CleanLine, prev: CleanLine | None,
              label: CleanLine | None = None) -> list[tuple[str, str, str, bool]]:
    """(role id, name, the text's own title, new role?) for each person this line names.
    ``label``: a plural role's line (``heads_list``) over the run of lines this one is in; the
    name the line opens with holds that role too."""
    # (the same length: offsets hold; what is no person's name stays as written: "DSL: NSPCC HELPLINE", "NOT
    # APPLICABLE", "GDPR SENTRY")
    text = CAPITALS_VALUE.sub(lambda m: m.group(0).title() if _capitals_name(m.group(0)) else m.group(0), line.flat)
    if label is not None and (label is not prev or roles_in(text) or not is_name(text)):
        # (the first line under the label too, when more than a name is on it: "Kara Guise - kara@...")
        if (first_name := name_first(text)) is not None:
            m = roles_in(label.flat)[0]
            # (a line that names the label's role itself, or its deputy, says which its person holds:
            # "Jakki Maybank (Deputy Manager) - Deputy Designated Safeguarding Lead" under "Our
            # Designated Safeguarding Leads")
            family = role_of(m).removeprefix("deputy_")
            m = next((r for r in roles_in(text) if role_of(r).removeprefix("deputy_") == family), m)
            held = (role_of(m), first_name[2].strip().rstrip(".,;"), _title(m), False)
            return [held] + [p for p in people_in(line, None) if p[:2] != held[:2]]
    if prev is not None and prev.line >= line.line - ROLE_OVER_NAME:     # "Designated Safeguarding Lead" then
        head = ROLE_ONLY.match(_as_label(prev.flat))          # "Mrs A Patel" on the next line
        own = PRINTED_NAME.sub("", text) if SIGNATURE_OF.fullmatch(prev.flat) else \
            re.sub(r"^\s*name\s*[:\-|]\s*", "", text, flags=re.I)
        # (the name alone, in a row's first cell, or before a comma and the body it works for:
        # "Mr Tom Lane, Judicium Education")
        first = re.split(r" \| |,", own, maxsplit=1)[0]
        if head and not roles_in(text) and (is_name(own) or is_name(first)):
            m = roles_in(prev.flat)[0]
            name = (own if is_name(own) else first).strip().rstrip(".,;")
            return [(role_of(m), name, _title(m), False)]
        # (a sentence whose subject is a role, leading into its holder: "The Designated Safeguarding
        # Lead across the whole school is:" over "Ben Turner, Senior Deputy Head", who holds that post too)
        subject = roles_in(prev.flat)
        first = re.split(r" \| |,|\s[-\u2013]\s", own, maxsplit=1)[0]
        if len(subject) == 1 and LEADS_TO_HOLDER.fullmatch(prev.flat, subject[0].end()) and \
                re.fullmatch(r"\s*(?:(?:the|our)\s+)?", prev.flat[:subject[0].start()], re.I) and is_name(first) \
                and not roles_in(first):
            held = (role_of(subject[0]), first.strip().rstrip(".,;"), _title(subject[0]), False)
            return [held] + [q for q in people_in(line, None) if q[:2] != held[:2]]
        # (the name with the post it holds in brackets: "Name: Gemma Kinsella (Assistant Head)" under
        # "Deputy DSL:" holds the label's role, and that post too)
        job = re.fullmatch(r"(?P<name>[^()]+?)\s*\((?P<job>[^()]+)\)\s*", own)
        if head and job and is_name(job["name"]) and roles_in(job["job"]) and not roles_in(job["name"]):
            m = roles_in(prev.flat)[0]
            held = (role_of(m), job["name"].strip(), _title(m), False)
            return [held] + [q for q in people_in(line, None) if q[:2] != held[:2]]
    names = name_spans(text)
    out: list[tuple[str, str, str, bool]] = []
    taken: set[tuple[int, int]] = set()
    starts = [n[0] for n in names]
    roles = roles_in(text)
    # a list that names each person before their role ("Mr A Coady, Designated Person, Miss B Grey,
    # Deputy Designated Person, Mr C Colley, Principal") pairs every role with the name before it first
    ahead = [n for n in names if roles and n[1] <= roles[0].start()]
    names_lead = bool(ahead and re.fullmatch(r"\s*[,\-–—(]\s*", text[ahead[-1][1]:roles[0].start()]))

    def name_after(m):
        k = bisect.bisect_left(starts, m.end())     # the nearest name after the role
        for s, e, n in names[k:k + 2]:              # after the role: "DSL: Mrs A Patel"
            gap = text[m.end():s]
            if _AFTER_GAP.match(gap) and ((s, e) not in taken or SEPARATED.fullmatch(gap)):
                return (s, e, n)     # (a post right before a name taken already is held too: "... is
                #                      the Deputy Headteacher, Mrs Justine Bateman")
            # (or the post the person holds between: "The Designated Safeguarding Lead is the Deputy
            # Headteacher, Mrs Justine Bateman" holds both, whoever took the name first)
            if (post := ROLE_RE.search(gap)) and IS_THE.fullmatch(gap[:post.start()]) and \
                    SEPARATED.fullmatch(gap[post.end():]):
                return (s, e, n)
        return None

    def name_before(m):
        k = bisect.bisect_right(starts, m.start())
        for s, e, n in reversed(names[max(0, k - 2):k]):   # before it: "Mrs Patel is the DSL"
            # (a name already taken holds this post too when the post stands right after it: "Online-safety
            # lead | Mrs J McCallum – Headteacher")
            if e <= m.start() and _BEFORE_GAP.match(text[e:m.start()]) and \
                    ((s, e) not in taken or HELD_TOO.fullmatch(text[e:m.start()])):
                return (s, e, n)
            # (the post the person has in brackets, then the role as a label's value: "Mrs Brown
            # (Principal): Designated Teacher for Child Protection")
            if e <= m.start() and POST_THEN_ROLE.fullmatch(text[e:m.start()]):
                return (s, e, n)
        return None

    for m in roles:
        rid = role_of(m)
        pick = (name_before(m) or name_after(m)) if names_lead else (name_after(m) or name_before(m))
        if pick:
            taken.add(pick[:2])
            name = pick[2]
            k = names.index(pick) + 1
            if not rid.startswith("deputy") and pick[0] >= m.end() and k < len(names) and \
                    re.fullmatch(r"\s*(?:and|&)\s*", text[pick[1]:names[k][0]], re.I) and \
                    PLURAL_ROLE.search(m.group()) and not roles_in(text[names[k][1]:names[k][1] + 40]) and \
                    not (k + 1 < len(names) and re.fullmatch(r"\s*(?:,|and|&)\s*", text[names[k][1]:names[k + 1][0]])):
                # a role that two hold together: "The Designated safeguarding officers (Louise Hammond
                # and Megan Clatworthy)", "The DCPOs in school are Mrs Gill Harradine and Mrs ..."
                taken.add(names[k][:2])
                name = f"{name} and {names[k][2]}"
            out.append((rid, name, _title(m), False))
            if rid.startswith("deputy") and pick[1] <= m.start() and PLURAL_ROLE.search(m.group()):
                # the deputies named before their plural role: "Mrs S King, Mrs K Tricoglus and Miss F Kelly –
                # Deputy Designated Safeguarding Leads"
                k = names.index(pick) - 1
                start = pick[0]
                ahead_of: list[tuple[str, str, str, bool]] = []
                while k >= 0 and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", text[names[k][1]:start], re.I) and \
                        names[k][:2] not in taken:
                    taken.add(names[k][:2])
                    ahead_of.insert(0, (rid, names[k][2], _title(m), False))
                    start = names[k][0]
                    k -= 1
                out[-1:-1] = ahead_of
            if rid.startswith("deputy") and pick[0] >= m.end():   # "Deputy DSLs: Mrs B Lee and Mr C Roe"
                k = names.index(pick) + 1
                end = pick[1]
                while k < len(names) and re.fullmatch(r"\s*(?:,|and|&|,\s*and)?\s*",    # (or a space alone: two
                                                      text[end:names[k][0]], re.I):   # names run together)
                    taken.add(names[k][:2])
                    out.append((rid, names[k][2], _title(m), False))
                    end = names[k][1]
                    k += 1
    if not out and len(line.cells) > 1:             # a table row: Role | Name | ...
        role_cells = [(i, roles_in(c)) for i, c in enumerate(line.cells)]
        for i, ms in role_cells:
            # (the post alone in its cell, or the post a signature is for: "Signed (Head Teacher)")
            if ms and (ms[0].start() == 0 or SIGNED_FOR.fullmatch(line.cells[i][:ms[0].start()])):
                for c in line.cells[i + 1:]:
                    if is_name(c):
                        out.append((role_of(ms[0]), c.strip().rstrip(".,;"), _title(ms[0]), False))
                        break
    if not out:
        nm = NEW_ROLE.match(text)
        if nm and not roles_in(nm["title"]) and not ANOTHER_BODYS_POST.match(nm["title"]):
            rest = text[nm.end():].strip()
            first = name_spans(rest)
            if first and first[0][0] == 0:
                title = re.sub(r"\s+", " ", nm["title"]).strip()
                out.append((new_role_id(title), first[0][2], title, True))
    for s, _e, n in names if RESPONSIBLE_HINT.search(text) else ():
        r = RESPONSIBLE.search(text[max(0, s - 200):s])   # "The person responsible for X is Miss Cooke"
        if r:
            for pat, rid in DUTIES:
                if pat.search(r["what"]) and not any(o[0] == rid for o in out):
                    out.append((rid, n, CANONICAL[rid], False))
    # "The Designated Liaison Person is Mrs Ann Byrne." then "In her absence the role is carried out by Jamie
    # McCusker, Deputy Principal": the first name after it deputises for the safeguarding lead, whatever
    # post they hold besides
    # (the absent one is named in the sentence before: the safeguarding lead, whatever other post they hold,
    # not a designated teacher for looked-after children, a first aider or the SENCo named after the lead)
    told = re.split(r"(?<=[.!?])\s+", ((prev.flat if prev else "") + " " + text[:gone.start()]).strip())[-1] \
        if (gone := ABSENCE.search(text)) else ""
    if gone and not any(o[0] == "deputy_dsl" for o in out) and "dsl" in {role_of(m) for m in roles_in(told)}:
        standing_in = [n for n in names if n[0] >= gone.end()]
        if standing_in:
            out.append(("deputy_dsl", standing_in[0][2], CANONICAL["deputy_dsl"], False))
    if DEPUTY.search(text) and names and not any(o[0].startswith("deputy") for o in out):
        context = (prev.flat if prev else "") + " " + text
        if re.search(r"safeguard|dsl|child protection", context, re.I) and \
                re.search(r"\b(?:supporting|assisting|deputising)\b", text, re.I):
            sub = re.search(r"\b(?:is|are)\s+(?:supporting|assisting|deputising)", text, re.I)
            before = [n for n in names if sub and n[1] <= sub.start()]
            if before:
                out.append(("deputy_dsl", before[-1][2], CANONICAL["deputy_dsl"], False))
    if not out:     # "Report any inappropriate contact from pupils to Mike Bywaters"
        for s, e, n in names:
            after = text[e:].lstrip()
            if after[:1].isupper() and not after.startswith(("I ", "I'")) or OTHER_BODY.search(n):
                continue        # "Report to Kik Help Centre": a name runs on into an organisation's; "report
                #                 ... to Social Care including ...": a body's name, not a person's
            if REPORT_TO.search(text[max(0, s - 80):s]):
                out.append((CONCERNS, n, "Contact for concerns", True))
                break
    return out


def _title(m: re.Match) -> str:
    words = re.sub(r"\s*\([^)]*\)$", "", m.group()).strip()
    return words if not words.isupper() or len(words) > 6 else words


def new_role_id(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "role"


# ---------------------------------------------------------------- contacts

def emails_in(text: str) -> list[str]:
    return [m.group().rstrip(".") for m in EMAIL.finditer(text)]


def phones_in(text: str) -> list[tuple[int, str]]:
    """(start, number) of each UK phone number in ``text``, spaced as typed."""
    out = []
    clean = EMAIL.sub(lambda m: " " * len(m.group()), text)
    for m in PHONE.finditer(clean):
        digits = re.sub(r"\D", "", re.split(r"(?i)ext|x", m.group())[0])
        national = digits[2:] if digits.startswith("44") else digits
        national = national.lstrip("0")
        if 9 <= len(national) <= 10:
            out.append((m.start(), re.sub(r"\s+", " ", m.group().strip())))
    return out


def phone_labelled(text: str, start: int) -> bool:
    return bool(PHONE_LABEL.search(text[:start]))


def postcode_at_end(text: str) -> bool:
    return bool(POSTCODE.search(text.strip()))


# the endings a bare host written without "https://" or "www." must have to be read as one (not "9.Use of
# mobile phones", a contents entry with its space lost)
BARE_HOST_ENDS = frozenset("uk com org net gov sch ac edu ie info biz io co eu scot wales cymru london nhs police "
                           "academy school education us au nz ca".split())


def website_in(text: str) -> list[str]:
    out = []
    for m in URL.finditer(EMAIL.sub(" ", text)):
        u = m.group().rstrip(".,")
        if NOT_SCHOOL_SITE.search(u):
            continue
        host = re.sub(r"^https?://", "", u, flags=re.I).split("/")[0]
        if not re.match(r"(?i:https?://|www\.)", u) and (host.rsplit(".", 1)[-1] not in BARE_HOST_ENDS or
                                                          host.split(".")[0].isdigit()):
            continue
        if not re.match(r"https?://", u, re.I):
            u = "https://" + u
        out.append(u)
    return out


def social_in(text: str, prev_text: str = "") -> list[dict]:
    """Social media accounts the line names: profile addresses, and @handles with the platform
    named on the line (or the line before)."""
    out = []
    for platform, host, _ in PLATFORMS:
        for m in re.finditer(rf"(?:https?://)?(?:www\.)?(?:{host})/(?:@)?(?P<h>[A-Za-z0-9_.]+)/?",
                             text, re.I):
            h = m["h"]
            url = m.group()
            if not url.lower().startswith("http"):
                url = "https://" + url
            out.append({"platform": platform, "handle": "@" + h, "url": url.rstrip("/")})
    have = {a["handle"].lower() for a in out}
    for m in HANDLE.finditer(EMAIL.sub(lambda e: " " * len(e.group()), text)):
        handle = "@" + m["h"].rstrip(".")
        if handle.lower() in have:
            continue
        near = _platform_near(text[:m.start()]) or _platform_near(text[m.end():]) \
            or _platform_near(prev_text)
        if near:
            entry = {"platform": near, "handle": handle}
            if near in PROFILE_BASE:
                entry["url"] = PROFILE_BASE[near] + handle[1:]
            out.append(entry)
    return out


def _platform_near(text: str) -> str | None:
    best = None
    for platform, _, word in PLATFORMS:
        for m in re.finditer(word, text, re.I):
            if best is None or m.start() > best[0]:
                best = (m.start(), platform)
    return best[1] if best else None


def names_a_person(text: str) -> bool:
    """A line that is one person and nothing else a heading could be: a name with a title ("Mrs J
    Smith"), a known given name and a surname ("Wendy Ainscough"), or either with a role in brackets
    ("Andrew Wilkinson (Head Teacher)"); not "Social Media" or "Heavenly Father", whose first words
    are no given names (common/given_names.py)."""
    t = text.strip().rstrip(":")
    if (job := re.fullmatch(r"(?P<name>[^()]+?)\s*\((?P<role>[^()]+)\)", t)) and roles_in(job["role"]):
        t = job["name"].strip()
    words = t.split()
    if not 2 <= len(words) <= 4 or not is_name(t):
        return False
    first = words[0].lower().rstrip(".")
    if first in HONORIFICS:
        return True
    return is_given_name(first)
