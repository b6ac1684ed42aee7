"""Another school's details left in a school's pages (E-OTHER-SCHOOL): the copy-paste leftover of
a school file or section started from another school's ("short_name: Vine Tree" in a new
school's file, Vine Tree's office email kept, "Miss Cooke will approve...").

What counts as a school's own details, read from its own file (never from the trust's defaults):
its name (and its initials, "ECPS"), short name, address lines and postcode, email, phone,
website (its host, so its email domain too), the people its roles name (with their emails and
phones), and the social handles and web addresses in its ``lists`` and ``extra``.

Each is compared in a normal form, so the same value written another way is still found:
names as word sequences in any case ("EDITH CAVELL PRIMARY SCHOOL", "Vinetree" for "Vine Tree",
"E.C.P.S." with its full stops), people listed surname first ("COOKE, Heather"), with or without
their title, with an initial ("H. Cooke", "M BYWATERS"), as a title and surname ("Miss Cooke",
"Mr Bywaters'") unless the school has its own person of that surname, and by the first name
alone beside the person's role ("Mike (DSL)"); phones by their digits, whatever the
punctuation; postcodes without spaces; emails, hosts and handles in any case. Some need the
sentence to show the value is the school's: a short name counts where it is used as a school's
("Edith Cavell's pupils", "at Vine Tree"), not for the nurse Edith Cavell; a town given by one
school alone counts in a sentence about the school ("families across Kempston"), a town two
schools give (Bedford) never; initials only in capitals.

Where they are looked for, for each school: its file, its own sections
(``schools/<id>/...``) and the trust's shared text (sections, snippets, forms and each policy's
file: a school's details typed in them are wrong for every other school). Its rendered text is
made of these and of the trust's values, so a value of another school can reach it only through
them: each is reported where it is written, at its line. A value is not another school's
when the trust's file has it (``trust:`` or ``defaults:``: shared on purpose), or when it is
part of this school's own name. A value several schools' files give is reported only in the files
that copied it: the file it plainly belongs to keeps it (its name or domain, a mailbox of the
person's own), else the file whose addresses are its own, else the file whose line the pack's git
history shows written first (``common/history.py``); when nothing tells, every file is named.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace

from builder.common.addresses import host_of
from builder.common.diagnostics import Diagnostic, diagnostic
from builder.common.given_names import given_forms, is_first_name
from builder.common.history import line_age
from builder.checks.values import PLATFORM_HOSTS
from builder.checks.sources import line_at, mask_jinja, read_text, section_files, text_line


_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev)\.?\s+")


@dataclass(frozen=True)
class Detail:
    school: str       # whose it is
    what: str         # "short name", "office email", "the dsl's name"...
    value: str        # as written
    shown: str        # file:line it came from
    kind: str         # "name", "mail", "phone", "postcode"
    need: str = ""    # what the text around it must show: "alone" (no capitalised word just before
                      # it, which would make it part of another name), "school" (used as a school's name),
                      # "role" (a first name beside the person's role), "local" (a town, in a
                      # sentence about the school), "street" (a street without its number, not put
                      # in another town), "upper" (an acronym, in capitals), "initial"
                      # (a first name and the surname's initial with its full stop: "Mike B.")
    role: tuple[str, ...] = ()   # the words of the person's role, for need "role"
    places: tuple[str, ...] = ()  # the words of the school's address, for need "street"
    person: str = ""  # the person a name or its variant is of, as the roles give it


def _digits(text: str) -> str:
    """A phone number's digits, the UK way: +44 (0)1632 ... is 01632 ..."""
    digits = re.sub(r"\D", "", re.sub(r"\(0\)", "", text))
    if text.strip().startswith("+44") and digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits


def _host(url: str) -> str:
    return host_of(url).removeprefix("www.")


_TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.I)


def _person(school, key: str, value: str, where: str, role_title: str) -> list[Detail]:
    """A person's name in the forms a text writes it: in full, with or without the title, an
    initial for the first name ("H. Cooke", "Miss H Cooke"), and the first name alone beside
    the person's role ("Mike (DSL)"). Title and surname alone ("Miss Cooke") are found by
    ``Finder`` from the surname."""
    role_id = key.split(".")[1]
    what = f"{role_id}'s name"
    words = value.split()
    bare = _HONORIFIC.sub("", value)
    out: list[Detail] = []
    if len(words) >= 2:
        out.append(Detail(school.id, what, value, where, "name"))
    parts = bare.split()
    if bare != value and len(parts) >= 2:
        out.append(Detail(school.id, what, bare, where, "name"))
    if len(parts) >= 2:
        first, surname = parts[0].rstrip("."), parts[-1]
        title = words[0].rstrip(".") if bare != value else ""
        if len(first) > 1:     # "Heather Cooke" is also "H Cooke", "Miss H Cooke" and, in a list
            #                    by surname, "COOKE, Heather"
            out.append(Detail(school.id, what, f"{first[0]} {surname}", where, "name"))
            out.append(Detail(school.id, what, f"{surname} {first}", where, "name"))
            out.append(Detail(school.id, what, f"{surname} {first[0]}", where, "name", need="initial"))  # "Cooke, H."
            for given in sorted(given_forms(first)):   # "Mike Bywaters" is "Michael Bywaters", "Mike B."
                if given != first.lower():
                    out.append(Detail(school.id, what, f"{given} {surname}", where, "name"))
                out.append(Detail(school.id, what, f"{given} {surname[0]}", where, "name", need="initial"))
            if title:
                out.append(Detail(school.id, what, f"{title} {first[0]} {surname}", where, "name"))
            role = tuple(sorted({role_id.lower(), *(w for w in re.findall(r"[a-z]+", role_title.lower())
                                                     if w not in _GENERIC_ROLE)} | _acronym_of(role_title)))
            out.append(Detail(school.id, what, first, where, "name", need="role", role=role))
        out.append(Detail(school.id, what, surname, where, "surname"))
    return [replace(d, person=value) for d in out]


_GENERIC_ROLE = {"and", "the", "of", "for", "to", "a", "lead", "leader", "officer", "head", "deputy",
                 "assistant", "member", "school", "trust"}


def _acronym_of(title: str) -> set[str]:
    words = [w for w in re.findall(r"[A-Za-z]+", title) if w.lower() not in ("and", "of", "the", "for")]
    return {"".join(w[0] for w in words).lower()} if len(words) >= 2 else set()


def _details(school) -> list[Detail]:
    out: list[Detail] = []
    for ys in school.texts():
        key, value = ys.key, ys.value.strip()
        where = f"{ys.path}:{ys.line}" if ys.line else ys.path
        top = key.split(".")[0].split("[")[0]
        leaf = key.rsplit(".", 1)[-1]
        if not value:
            continue
        if top == "name":
            out.append(Detail(school.id, "name", value, where, "name"))
            words = [w for w in re.findall(r"[A-Za-z]+", value)]
            if len(words) >= 3:    # "Edith Cavell Primary School" is also "ECPS", "E.C.P.S." and "ECP"
                if words[-1].lower() in ("primary", "junior", "infant", "nursery"):   # "Vine Tree Primary": "VTPS"
                    out.append(Detail(school.id, "name's initials", "".join(w[0] for w in words).upper() + "S",
                                      where, "name", need="upper"))
                for n in (len(words), len(words) - 1):
                    if n < 3:
                        continue    # two letters are too many schools' ("CP School": a community primary)
                    out.append(Detail(school.id, "name's initials", "".join(w[0] for w in words[:n]).upper(),
                                      where, "name", need="upper"))
                    if n == len(words):     # (written with full stops: "E.C.P.S.")
                        out.append(Detail(school.id, "name's initials", " ".join(w[0] for w in words).upper(),
                                          where, "name", need="upper"))
        elif top == "short_name":
            need = "" if value.lower() == (school.name or "").lower() else "school"
            out.append(Detail(school.id, "short name", value, where, "name", need=need))
            if len(value.split()) >= 2:    # "Vine Tree" run together: "Vinetree", "VineTree"
                out.append(Detail(school.id, "short name", "".join(value.split()), where, "name", need=need))
                rest = (school.name or "")[len(value):].split()
                if (school.name or "").lower().startswith(value.lower() + " ") and rest:
                    # its initials or its last word before the kind of school it is: "E.C. Primary",
                    # "Cavell Primary" for Edith Cavell Primary School
                    initials = " ".join(w[0] for w in value.split())
                    for short in (initials, initials.replace(" ", ""), value.split()[-1]):
                        out.append(Detail(school.id, "name, shortened", f"{short} {rest[0]}", where, "name",
                                          need="alone"))
        elif top == "address":
            if (pc := _POSTCODE.search(value)):
                out.append(Detail(school.id, "postcode", (pc[1] + pc[2]).upper(), where, "postcode"))
                rest = value[:pc.start()].strip(" ,")
                if rest and (re.search(r"\d", rest) or len(rest.split()) >= 2):
                    out.append(Detail(school.id, "address", rest, where, "name", **_street(rest, school)))
            elif re.search(r"\d", value) or len(value.split()) >= 2:
                out.append(Detail(school.id, "address", value, where, "name", **_street(value, school)))
            elif re.fullmatch(r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*", value):
                out.append(Detail(school.id, "town", value, where, "name", need="local"))
        elif top == "phone" or (top == "roles" and leaf == "phone"):
            if len(_digits(value)) >= 9:
                what = "office phone" if top == "phone" else f"{key.split('.')[1]}'s phone"
                out.append(Detail(school.id, what, value, where, "phone"))
        elif top == "email" or (top == "roles" and leaf == "email"):
            what = "office email" if top == "email" else f"{key.split('.')[1]}'s email"
            out.append(Detail(school.id, what, value, where, "mail"))
        elif top == "website":
            if _host(value):
                out.append(Detail(school.id, "website", _host(value), where, "mail"))
                out += _host_name(school, _host(value), where)
        elif top == "roles" and leaf == "name":
            role_title = _role_title(school, key.split(".")[1])
            out += _person(school, key, value, where, role_title)
        elif top in ("lists", "extra"):
            if re.fullmatch(r"@\w{3,}", value):
                out.append(Detail(school.id, "social handle", value, where, "mail"))
            elif re.match(r"https?://", value) and "/" in value.split("://", 1)[1].rstrip("/"):
                out.append(Detail(school.id, "web address", _one_site(value.rstrip("/").lower()
                                  .split("://", 1)[1].removeprefix("www.")), where, "mail"))
            elif re.fullmatch(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value):
                out.append(Detail(school.id, "email", value, where, "mail"))
    return out


def _host_name(school, host: str, where: str) -> list[Detail]:
    """The name a school's website's host gives it, written in capitals as the school's own
    abbreviation: "ECLS" for ecls.org.uk ("At ECLS we...", "ECLS-SM-002"). Only a short name of
    letters alone that is none of the words of the school's name (those are found as its name).
    (Not a mail host's: a person's mailbox may be at a provider's or the trust's, "gmail.com".)"""
    label = host.lower().removeprefix("www.").split(".")[0]
    words = set(re.findall(r"[a-z]+", (school.name or "").lower()))
    if not (3 <= len(label) <= 6 and label.isascii() and label.isalpha()) or label in words:
        return []
    return [Detail(school.id, "web address's name", label.upper(), where, "name", need="upper")]


def _role_title(school, role_id: str) -> str:
    roles = school.written("roles") if hasattr(school, "written") else None
    role = roles.get(role_id) if isinstance(roles, dict) else None
    title = role.get("title") if isinstance(role, dict) else None
    return title if isinstance(title, str) else role_id.replace("_", " ")


# a street put in a town: "Orchard Way in Letchworth", "Orchard Way, Hitchin"
ELSEWHERE = re.compile(r"[ \t]*(?:,|\bin\b)[ \t]*(?P<t>[A-Z][a-z]+)")


def _street(line: str, school) -> dict:
    """What an address line's detail needs: a street without its number ("Orchard Way") is a street
    of many towns, the school's unless the text puts it in a town the school's address does not name
    ("Orchard Way in Letchworth"); with its number it is the school's wherever it stands."""
    if re.search(r"\d", line):
        return {}
    address = school.written("address")
    lines = address if isinstance(address, list) else [address] if isinstance(address, str) else []
    return {"need": "street",
            "places": tuple(sorted({w.lower() for a in lines if isinstance(a, str) for w in _TOKEN.findall(a)}))}


# the words of a school's name that say what kind of school it is, in English, Irish and Welsh (written
# without accents): two names sharing only these ("Kilbride National School", "Ardmore National School")
# are two schools
KIND_WORDS = frozenset("school schools primary secondary academy junior infant infants nursery college high grammar "
                       "community church england catholic roman cofe methodist national federation trust first "
                       "middle upper lower boys girls saint the and of va vc ce rc ns bns gns special free aided "
                       "voluntary controlled foundation wales ireland scoil gaelscoil naiscoil bunscoil ardscoil "
                       "colaiste meanscoil naisiunta ysgol gynradd uwchradd gymraeg feithrin".split())


def name_words(name: str) -> list[str]:
    """The words of a school's name that tell it from another's ("chestnut" of "Chestnuts Primary
    School"), in order: without accents ("Coláiste Íde" is "ide"), a plural's "s" or its kind."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    words = (w.rstrip("s") or w for w in re.findall(r"[a-z]+", plain) if len(w) >= 3 and w not in KIND_WORDS)
    return list(dict.fromkeys(words))


def _evidence(d: Detail, school) -> bool:
    """The value plainly is this school's: a name that is part of its name, an address whose
    words its name has, an email or address whose domain has a word of its name."""
    name = (school.name or "").lower()
    words = name_words(name)
    value = d.value.lower()
    if d.person:
        return _own_mailbox(d.person, school)
    if d.kind == "name":
        return bool(re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", name))
    return any(w in value for w in words)


def _own_mailbox(person: str, school) -> bool:
    """The school's file gives this person a mailbox of their own ("hcooke@ecls.org.uk" for Miss
    Heather Cooke): the person is the school's, and a file that names them without one copied them."""
    surname = person.split()[-1].lower()
    roles = school.written("roles")
    for role in (roles.values() if isinstance(roles, dict) else ()):
        if isinstance(role, dict) and role.get("name") == person and isinstance(role.get("email"), str):
            if surname in role["email"].split("@")[0].lower():
                return True
    return False


def _file_consistent(school) -> bool:
    """The school's file looks like its own: an email or website of it has a word of its name
    (a file copied from another school and renamed keeps the other school's addresses)."""
    words = name_words(school.name or "")
    initials = "".join(w[0] for w in words)     # "ecls.org.uk" is Edith Cavell's: it starts "ec"
    values = [d.value.lower() for d in _details(school) if d.kind == "mail"]
    hosts = [v.split("@")[-1] for v in values]
    return any(w in v for w in words for v in values) or \
        (len(initials) >= 2 and any(h.startswith(initials) for h in hosts))


# between a title and a surname: spaces, its full stop, or the line break a paragraph wraps at ("Mr" at
# a line's end, "Lomax" on the next; not a blank line, which ends the paragraph)
ONE_GAP = re.compile(r"[. \t]*(?:\n[ \t]*)?")


def _first_written(pack, ds: list[Detail], read: dict) -> list[Detail]:
    """Of one value several school files give, each file's own-looking, those written first, as the
    pack's git history tells: the newer lines copied it (a name pasted into another school's file
    today); none when the history cannot tell (no git, all written in one commit). ``read``: the
    files' history already read by this check."""
    ages = {d.shown: line_age(pack.root, d.shown, read) for d in ds}
    if any(a is None for a in ages.values()):
        return []
    first = min(a for a in ages.values() if a is not None)
    owners = [d for d in ds if ages[d.shown] == first]
    return owners if len({d.school for d in owners}) < len({d.school for d in ds}) else []


_TOKEN = re.compile(r"[A-Za-z0-9]+")
# what follows a school's short name when it is used as the school's ("Edith Cavell's pupils",
# "Vine Tree staff"), or comes before it ("at Vine Tree", "joined Edith Cavell")
SCHOOL_NOUNS = frozenset("school schools primary academy pupils pupil children staff parents carers families family "
                         "governors governing office website site community team class classes newsletter "
                         "head headteacher pta families' policy policies accounts account page "
                         # (the kind of school, or a part of one: "Edith Cavell Lower School", "... Juniors")
                         "lower upper middle junior juniors infant infants nursery college federation".split())
SCHOOL_ROLES = frozenset("lead leader officer team dsl senco manager coordinator co-ordinator governor "
                         "headteacher head staff".split())
SCHOOL_BEFORE = frozenset("at to from attend attends attended attending join joined joining visit visited "
                          "visiting across between".split())
# what a school does as a sentence's subject, in the present ("Vine Tree takes seriously its duty";
# the nurse "Edith Cavell was" is the past)
SCHOOL_DOES = frozenset("aims recognises recognizes expects ensures provides welcomes promotes".split())
IT_WINDOW = 8      # the words after a short name within which "its" takes it up
_PERSONAL = frozenset("he she him her his hers himself herself".split())
# what is made to or sent from a person: "the memorial to Edith Cavell", "a letter from Edith Cavell" (not
# "the move to Edith Cavell", "a visit to Edith Cavell", a school's)
_IN_HONOUR = frozenset("memorial memorials monument statue plaque tribute tributes letter letters message messages "
                       "poem song dedication gift thanks".split())
# the words before a name that make it a thing's ("the old Elm by the gate"), not a school's as subject
_THING_BEFORE = frozenset("the a an this that old our your their its".split())


def _called_it(words, low: list[str], k: int, text: str) -> bool:
    """The words from ``k`` on, in the same sentence (no full stop, semicolon, colon or question mark
    between), take the name before them up as "its", with no personal pronoun first."""
    for j in range(k, min(k + IT_WINDOW, len(low))):
        if re.search(r"[.;:!?]", text[words[j - 1][1]:words[j][0]]):
            return False
        if low[j] in _PERSONAL:
            return False
        if low[j] == "its":
            return True
    return False


LOCAL_WORDS = frozenset("we our us school families community pupils parents local serve children".split())
# a place named as where somebody goes, not where the school is: "into and out of London", "a visit to"
DESTINATION = re.compile(r"\b(?:into|to|towards|out\s+of|visit(?:s|ed|ing)?)[ \t]+(?:central[ \t]+)?$", re.I)


_HIS, _HERS = frozenset(("mr", "sir")), frozenset(("mrs", "miss", "ms", "dame"))
_EARNED = frozenset(("dr", "prof", "rev", "revd"))


def _same_sex(title: str, person: str) -> bool:
    """A title may be the person's: "Mr Cooke" is not Miss Heather Cooke, and "Dr Nair" is not
    Ms Priya Nair (a doctor's or a minister's title where the school gives a plain one); "Mrs
    Nair" may be Dr Priya Nair, and a person given no title may be anyone."""
    theirs = person.split()[0].rstrip(".").lower() if person else ""
    return not (title in _HIS and theirs in _HERS or title in _HERS and theirs in _HIS or
                title in _EARNED and theirs in _HIS | _HERS | {"mx"})


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


class Finder:
    """Every school's details, normalised (names as word sequences in any case, with initials and
    titles; phones as digits; postcodes without spaces; addresses by host), found in a text by
    walking its words once."""

    def __init__(self, pack):
        trust_text = " ".join(ys.value for ys in pack.trust.texts())
        trust_words = " " + " ".join(_tokens(trust_text)) + " "
        trust_low = trust_text.lower()
        trust_digits = {_digits(p) for p in re.findall(r"\+?\d[\d ()-]{7,}\d", trust_text)}
        self.by_key: dict[tuple[str, str], list[Detail]] = {}
        self.phones: dict[str, list[Detail]] = {}
        self.surnames: dict[str, list[Detail]] = {}
        self.own_surnames: dict[str, set[str]] = {}
        for sid in sorted(pack.schools):
            for d in _details(pack.schools[sid]):
                if d.kind == "phone":
                    if _digits(d.value) not in trust_digits:
                        self.phones.setdefault(_digits(d.value), []).append(d)
                    continue
                if d.kind == "surname":
                    self.own_surnames.setdefault(sid, set()).add(d.value.lower())
                    if f" {d.value.lower()} " not in trust_words:
                        self.surnames.setdefault(d.value.lower(), []).append(d)
                    continue
                if d.kind == "name":
                    if " " + " ".join(_tokens(d.value)) + " " in trust_words:
                        continue  # the trust's, or shared on purpose in its defaults
                    key = ("name", " ".join(_tokens(d.value)))
                elif d.value.lower() in trust_low:
                    continue
                else:
                    key = (d.kind, d.value.lower())
                self.by_key.setdefault(key, []).append(d)
        history: dict = {}     # each school file's git history, read once when two files share a value
        _consistent = functools.lru_cache(maxsize=None)(
            lambda sid: _file_consistent(pack.schools[sid]))
        for key, ds in self.by_key.items():
            if len({d.school for d in ds}) > 1:  # given by several: keep the ones it plainly is
                owners = [d for d in ds if _evidence(d, pack.schools[d.school])]
                if not owners:  # a person or a phone: kept by the file whose addresses are its own
                    owners = [d for d in ds if _consistent(d.school)]
                    if len({d.school for d in owners}) == len({d.school for d in ds}):
                        owners = _first_written(pack, ds, history)
                if owners:
                    self.by_key[key] = owners
        for phone, ds in self.phones.items():
            if len({d.school for d in ds}) > 1:
                owners = [d for d in ds if _consistent(d.school)]
                if len({d.school for d in owners}) == len({d.school for d in ds}):
                    owners = _first_written(pack, ds, history)
                if owners and len({d.school for d in owners}) < len({d.school for d in ds}):
                    self.phones[phone] = owners
        # a town given by one school only is its locality; one shared (Bedford) is nobody's
        towns: dict[str, set[str]] = {}
        for (_kind, value), ds in self.by_key.items():
            for d in ds:
                if d.need == "local":
                    towns.setdefault(value, set()).add(d.school)
        for value, schools in towns.items():
            if len(schools) > 1:
                self.by_key[("name", value)] = [d for d in self.by_key[("name", value)] if d.need != "local"]
        # names by their first word: a text's words are walked once
        self.first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind, value in self.by_key:
            if kind == "name" and self.by_key[(kind, value)]:
                words = tuple(value.split())
                self.first.setdefault(words[0], []).append((words, value))
        for options in self.first.values():
            options.sort(key=lambda o: len(o[0]), reverse=True)
        self.postcodes = {k[1].upper(): ds for k, ds in self.by_key.items() if k[0] == "postcode"}
        self.mail_keys = {k[1] for k in self.by_key if k[0] == "mail"}
        # (a number a paragraph's line wraps is one: "020" at a line's end, "7946 0731" on the next)
        self.phone_rx = re.compile(r"(?:\+|\()?\d(?:[\d ().-]|\n(?![ \t]*\n)){7,}\d")
        self.cache: dict[str, list] = {}

    def find(self, text: str, school) -> list[tuple[int, str, Detail]]:
        """(offset, text found, detail) for each detail of a school other than ``school``; the
        text's scan is kept, since the trust's texts are the same for every school."""
        found = self.cache.get(text)
        if found is None:
            if len(self.cache) > 4096:
                self.cache.clear()
            found = self.cache[text] = self._scan(text)
        own_name = " " + " ".join(_tokens(school.name or "")) + " "
        own_surnames = self.own_surnames.get(school.id, set())
        hits, taken = [], set()
        for off, value, ds in found:
            if off in taken:
                continue
            others = [d for d in ds if d.school != school.id]
            if not others:
                continue
            if ds[0].kind in ("name", "surname") and (" " + " ".join(_tokens(value)) + " " in own_name):
                continue  # part of this school's own name
            if ds[0].kind == "surname" and _tokens(value)[-1] in own_surnames:
                continue  # "Mrs Hart" may be this school's own Mr Hart's namesake: not a leftover
            hits.append((off, value, others[0]))
            taken.add(off)
        return hits

    def _scan(self, text: str) -> list[tuple[int, str, list[Detail]]]:
        hits: list[tuple[int, str, list[Detail]]] = []
        words = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        low = [w[2].lower() for w in words]
        i = 0
        while i < len(words):
            step = 1
            for option, value in self.first.get(low[i], ()):
                n = len(option)
                if tuple(low[i:i + n]) != option:
                    continue
                ds = [d for d in self.by_key[("name", value)] if self._fits(d, words, low, i, n, text)]
                if ds:
                    a, b = words[i][0], words[i + n - 1][1]
                    hits.append((a, text[a:b], ds))
                    step = n
                    break
            else:
                # a title and another school's surname: "Miss Cooke", "Mr Bywaters'"
                if low[i] in _TITLES and i + 1 < len(words) and low[i + 1] in self.surnames and \
                        words[i + 1][2][0].isupper() and ONE_GAP.fullmatch(text, words[i][1], words[i + 1][0]):
                    held = [d for d in self.surnames[low[i + 1]] if _same_sex(low[i], d.person)]
                    if held:
                        a, b = words[i][0], words[i + 1][1]
                        hits.append((a, text[a:b], held))
                        step = 2
            i += step
        for m in _POSTCODE.finditer(text):
            if (coded := self.postcodes.get((m[1] + m[2]).upper())):
                hits.append((m.start(), m.group(0), coded))
        if self.mail_keys:
            for start, seen in _addresses(text):
                token = _one_site(seen.rstrip(".").rstrip("/").lower().removeprefix("www."))
                keys = [k for k in _mail_keys(token) if k in self.mail_keys]
                for key in keys:  # the most specific first; the school's own is skipped in find
                    hits.append((start, seen.rstrip(".") if key == token else key,
                                 self.by_key[("mail", key)]))
        if self.phones:
            for m in self.phone_rx.finditer(text):
                if (dialled := self.phones.get(_digits(m.group(0)))):
                    hits.append((m.start(), m.group(0).strip(), dialled))
        return sorted(hits, key=lambda h: h[0])

    @staticmethod
    def _as_school(words, low, i: int, n: int, text: str) -> bool:
        """The words ``words[i:i+n]`` are used as a school's name: before a school's noun or a
        person of it, after a word that goes to a school, or as a school is the subject of its
        sentence (not a place of the same name, "Chestnuts Park")."""
        after = low[i + n:i + n + 4]
        k = i + n
        while k < len(words) and words[k][2][:1].isupper() and not text[words[k - 1][1]:words[k][0]].strip():
            if low[k] not in SCHOOL_NOUNS:
                return False    # a place of the same name: "Chestnuts Park", "the Chestnuts Community Centre"
            k += 1
        if after[:1] == ["s"]:      # "Edith Cavell's (official) pupils"
            return bool(set(after[1:4]) & SCHOOL_NOUNS)
        # (or the school's people or parts before it: "staff of Edith Cavell"; not "the life of Edith Cavell")
        # (the word before counts only in the same sentence: a paragraph that ends "... the {{ role }}."
        # leaves "the" before the next one's first word)
        before = low[i - 1] if i > 0 and not re.search(r"[.!?;:]|\n[ \t]*\n", text[words[i - 1][1]:words[i][0]]) \
            else ""
        # (a name that reads as a person's, a given name first, after what is made to or sent from a person:
        # "the memorial to Edith Cavell", "a letter from Edith Cavell"; "moving to Edith Cavell", "the move
        # to Edith Cavell", "at Edith Cavell" stay a school's)
        if before in ("to", "from") and i > 1 and low[i - 2] in _IN_HONOUR and is_first_name(words[i][2]):
            before = ""
        return bool(after and after[0] in SCHOOL_NOUNS) or before in SCHOOL_BEFORE or \
            (i > 1 and before == "of" and low[i - 2] in SCHOOL_NOUNS) or \
            bool(after and (after[0] in SCHOOL_DOES or after[:2] == ["takes", "seriously"])) or \
            (before not in _THING_BEFORE and _called_it(words, low, i + n, text))
        # (the school as its sentence's subject, as a school is written: "Vine Tree takes seriously its
        # duty", "Edith Cavell aims to"; a person or a saint "values courage", "encourages us"; or the
        # name taken up by "its" later in its sentence, as a body is and a person is not: "Edith Cavell
        # recently overhauled its policy"; not "Edith Cavell and her nurses", "the old Elm lost its leaves")

    @staticmethod
    def _fits(d: Detail, words, low, i: int, n: int, text: str) -> bool:
        """Does the text around words[i:i+n] show what the detail needs?"""
        first = words[i][2]
        if not text[:words[i][0]].strip() and not text[words[i + n - 1][1]:].strip(" .\n"):
            return True     # the whole value is it: "short_name: Elm"
        if d.need == "alone" and i > 0 and words[i - 1][2][:1].isupper() and \
                not text[words[i - 1][1]:words[i][0]].strip() and \
                text[:words[i - 1][0]].rstrip(" \t\"'‘“(")[-1:] not in ("", ".", "!", "?", ":", "\n", "|"):
            return False    # "visited Oak Tree Primary" is another name, not Vine Tree's "Tree Primary"
            #                 (a capital that starts the sentence is the sentence's: "At Cavell Primary")
        if d.need == "initial":   # "Mike B." (the surname's initial, a capital with its full stop)
            last = words[i + n - 1]
            return first[0].isupper() and last[2].isupper() and text[last[1]:last[1] + 1] == "."
        if d.need == "upper":
            dotted = " " not in d.value or all(text[words[k][1]:words[k][1] + 1] == "." for k in range(i, i + n))
            if not (dotted and all(w[2].isupper() for w in words[i:i + n])):
                return False
            if len(d.value.replace(" ", "")) > 3:
                return True
            # (three letters are many bodies' as well, "the CPS", the Crown Prosecution Service: used as
            # a school's, or with a role of the school's in the words after them, "The VTP online safety
            # lead", or never)
            return Finder._as_school(words, low, i, n, text) or bool(set(low[i + n:i + n + 3]) & SCHOOL_ROLES)
        if d.what == "name" and n >= 3:
            return True     # the full name, in whatever case: "edith cavell primary school"
        if not (first[0].isupper() or first[0].isdigit()):
            return False    # "a vine tree in the garden" is not Vine Tree
        if d.need == "school":
            return Finder._as_school(words, low, i, n, text)
        if d.need == "role":
            if i + n < len(words) and words[i + n][2][0].isupper() and \
                    not text[words[i + n - 1][1]:words[i + n][0]].strip():
                return False    # "Owen Pritchard" is somebody else called Owen
            # (the role's words in the same sentence: "Our DSL, Mr Pryce, will help. Heather, the
            # lunchtime supervisor, ..." is somebody else called Heather)
            return bool(_same_sentence(words, low, text, i, n, 6) & set(d.role))
        if d.need == "street":
            town = ELSEWHERE.match(text, words[i + n - 1][1])
            return not (town and town["t"].lower() not in d.places)   # ("Orchard Way in Letchworth": another)
        if d.need == "local":
            joined_after = i + n < len(words) and words[i + n][2][:1].isupper() and \
                not text[words[i + n - 1][1]:words[i + n][0]].strip()
            joined_before = i > 0 and words[i - 1][2][:1].isupper() and not text[words[i - 1][1]:words[i][0]].strip() \
                and text[:words[i - 1][0]].rstrip(" \t\"'‘“(")[-1:] not in ("", ".", "!", "?", ":", "\n", "|")
            if joined_after or joined_before:
                return False    # a part of another place's name: "Kempston Road", "AFC Kempston Rovers"
            if DESTINATION.search(text[max(0, words[i][0] - 30):words[i][0]]):
                return False    # a place the class goes to: "our journey into and out of London", "a trip to"
            # (the school's words in the town's own sentence: "families across Kempston"; not "a trip to the
            # Palace of Westminster in London today" after a sentence about the school)
            return bool(_same_sentence(words, low, text, i, n, 12) & LOCAL_WORDS)
        return True


# between two words: a sentence's end, a paragraph's, or a list's next item, on its own line or run on
# with its bullet ("... Guidance; ● NAHT (London) Model Procedure ...")
CLAUSE_END = re.compile(r"[.!?;][\"'’”)]*\s|\n\s*\n|\s[\u25cf\u2022\u25aa\u25e6]\s|"
                        r"\n[ \t]*(?:[-*+\u25cf\u2022\u25aa\u25e6]|\d{1,2}[.)])\s")


def _same_sentence(words, low, text: str, i: int, n: int, reach: int) -> set[str]:
    """The words (in small letters) of the sentence that words ``i`` to ``i + n`` stand in, at most
    ``reach`` either side, those words left out."""
    def ends(k: int) -> bool:   # a sentence, a list's item or a paragraph ends between words k and k + 1
        return bool(CLAUSE_END.search(text[words[k][1]:words[k + 1][0]]))
    lo, hi = i, i + n - 1
    while lo > max(0, i - reach) and not ends(lo - 1):
        lo -= 1
    while hi < min(len(words) - 1, i + n + reach - 1) and not ends(hi):
        hi += 1
    return set(low[lo:i]) | set(low[i + n:hi + 1])


# An address, host or handle, looked for only inside a run of the characters one is made of
# (_ADDRESS_RUN), and only in runs no longer than any address is (_ADDRESS_MAX): the pattern
# backtracks over a run, so a long one (a 2,000-letter "word") would cost it seconds.
_ADDRESS_RUN = re.compile(r"[\w.+@/-]+")
_ADDRESS_MAX = 320
_MAILISH = re.compile(r"@\w{3,}|(?<![\w+-])(?:\w[\w.+-]*+@)?[\w-]++(?:\.[\w-]++)++(?:/[\w.-]*+)*+")


def _addresses(text: str):
    """(offset, text) of each address-like token of ``text``, in order; linear in the text."""
    for run in _ADDRESS_RUN.finditer(text):
        if run.end() - run.start() <= _ADDRESS_MAX:
            for m in _MAILISH.finditer(text, run.start(), run.end()):
                yield m.start(), m.group(0)


# one platform's other host names, written as its first (values.PLATFORM_HOSTS: "fb.com/VineTree" is
# "facebook.com/VineTree"), and a platform's subdomains for phones and regions ("m.", "web.", "en-gb.")
_SITE_ALIASES = {h: hosts[0] for hosts in PLATFORM_HOSTS.values() for h in hosts[1:]}
_SITE_SUBDOMAIN = re.compile(r"^(?:m|mobile|web|[a-z]{2}-[a-z]{2})\.(?=[\w-]+\.[a-z]+$)")


def _one_site(address: str) -> str:
    """A lower-case address (no scheme, no "www.") with its host's other names made one."""
    host, sep, path = address.partition("/")
    bare = _SITE_SUBDOMAIN.sub("", host)
    canonical = _SITE_ALIASES.get(bare, bare)
    platform = {hosts[0] for hosts in PLATFORM_HOSTS.values() if hosts}
    return (canonical if canonical in platform else _SITE_ALIASES.get(host, host)) + sep + path


def _mail_keys(token: str):
    """What a token may be another school's as: itself, its host (a website, a handle's page),
    the host's parents ("s3.vine.org.uk" -> "vine.org.uk")."""
    yield token
    if "@" not in token and token.count("/") >= 2:    # a page under an account: "x.com/vinetree/status/1"
        yield "/".join(token.split("/")[:2])
    host = token.split("@", 1)[1] if "@" in token[1:] else token
    host = host.split("/", 1)[0].removeprefix("www.")
    if host != token:
        yield host
    parts = host.split(".")
    for n in range(1, len(parts) - 1):
        yield ".".join(parts[n:])


def _message(found: str, d: Detail, school, pack) -> str:
    other = pack.schools[d.school]
    return (f"'{found}' is {other.name}'s {d.what} ({d.shown}), found in {school.name}'s text: "
            f"replace it with this school's own value (when the schools share it on purpose, "
            f"declare it once in trust.yml defaults)")


def _finder(pack) -> Finder:
    if "other-school" not in pack.memo:
        pack.memo["other-school"] = Finder(pack)
    return pack.memo["other-school"]




def check_other_school(pack, resolved) -> list[Diagnostic]:
    if len(pack.schools) < 2:
        return []
    finder = _finder(pack)
    out: list[Diagnostic] = []
    files = section_files(pack, resolved)
    texts = {}
    for src in files:
        text = read_text(src.path)
        if text is not None:
            texts[src.shown] = mask_jinja(text)
    snippets = pack.root / "content" / "_snippets"
    shared = [(f"content/_snippets/{p.name}", p) for p in sorted(snippets.glob("*.md"))] \
        if snippets.is_dir() else []
    for shown, path in shared:
        text = read_text(path)
        if text is not None:
            texts[shown] = mask_jinja(text)
    # the trust's shared values: forms, and each policy's own file (its title, summary...), which
    # every school shows
    form_strings = [ys for fid in sorted(pack.forms) for ys in pack.forms[fid].texts()]
    form_strings += [ys for pid in sorted(pack.policies) for ys in pack.policies[pid].texts()]
    for sid in sorted(resolved):
        school = pack.schools[sid]

        def add(path, line, found, d):
            out.append(diagnostic(path, line, "E-OTHER-SCHOOL",
                                  _message(found, d, school, pack), sid))  # noqa: B023 - used in this pass only

        # its file
        for ys in school.texts():
            for off, found, d in finder.find(ys.value, school):
                add(ys.path, text_line(ys, ys.value, off), found, d)
        # its own sections, and the trust's shared text as this school shows it
        for shown in [src.shown for src in files if src.school in (None, sid)] + [s for s, _ in shared]:
            if shown not in texts:
                continue
            for off, found, d in finder.find(texts[shown], school):
                add(shown, line_at(texts[shown], off), found, d)
        for ys in form_strings:
            masked = mask_jinja(ys.value)
            for off, found, d in finder.find(masked, school):
                add(ys.path, text_line(ys, masked, off), found, d)
    return list(dict.fromkeys(out))
