"""Another school's details left in a school's pages (E-OTHER-SCHOOL): the copy-paste leftover of
a school file or section started from another school's ("short_name: Vine Tree" in a new
school's file, Vine Tree's office email kept).

What counts as a school's own details, read from its own file (never from the trust's defaults):
its name and short name, address lines (those with a digit or of two words or more: a town
alone is shared by neighbours), email, phone, website (its host, so its email domain too),
the people its roles name (with their emails and phones), and the social handles and web
addresses in its ``lists`` and ``extra``.

Where they are looked for, for each school: its file, its own sections
(``schools/<id>/...``) and the trust's shared text (sections, snippets and forms: a school's
name typed in them is wrong for every other school). Its rendered text is made of these and of
the trust's values, so a value of another school can reach it only through them: each is
reported where it is written, at its line. A value is not another school's
when the trust's file has it (``trust:`` or ``defaults:``: shared on purpose), or when it is
part of this school's own name.

Names match whole words, case as written; emails, hosts and handles in any case; phone numbers
by their digits.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.checks.sources import line_at, mask_jinja, read_text, section_files, text_line


_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev)\.?\s+")


@dataclass(frozen=True)
class Detail:
    school: str       # whose it is
    what: str         # "short name", "office email", "the dsl's name"...
    value: str        # as written
    shown: str        # file:line it came from
    kind: str         # "name", "mail", "phone"


def _digits(text: str) -> str:
    """A phone number's digits, the UK way: +44 (0)1632 ... is 01632 ..."""
    digits = re.sub(r"\D", "", re.sub(r"\(0\)", "", text))
    if text.strip().startswith("+44") and digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits


def _host(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0]
    return host.removeprefix("www.")


def _details(school) -> list[Detail]:
    out: list[Detail] = []
    for ys in school.texts():
        key, value = ys.key, ys.value.strip()
        where = f"{ys.path}:{ys.line}" if ys.line else ys.path
        top = key.split(".")[0].split("[")[0]
        leaf = key.rsplit(".", 1)[-1]
        if not value:
            continue
        if top in ("name", "short_name"):
            out.append(Detail(school.id, top.replace("_", " "), value, where, "name"))
        elif top == "address":
            if re.search(r"\d", value) or len(value.split()) >= 2:
                out.append(Detail(school.id, "address", value, where, "name"))
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
        elif top == "roles" and leaf == "name":
            if len(value.split()) >= 2:
                out.append(Detail(school.id, f"{key.split('.')[1]}'s name", value, where, "name"))
            bare = _HONORIFIC.sub("", value)   # "Mrs Amelia Hart" is also "Amelia Hart"
            if bare != value and len(bare.split()) >= 2:
                out.append(Detail(school.id, f"{key.split('.')[1]}'s name", bare, where, "name"))
        elif top in ("lists", "extra"):
            if re.fullmatch(r"@\w{3,}", value):
                out.append(Detail(school.id, "social handle", value, where, "mail"))
            elif re.match(r"https?://", value) and "/" in value.split("://", 1)[1].rstrip("/"):
                out.append(Detail(school.id, "web address", value.rstrip("/").lower()
                                  .split("://", 1)[1].removeprefix("www."), where, "mail"))
            elif re.fullmatch(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value):
                out.append(Detail(school.id, "email", value, where, "mail"))
    return out


_GENERIC = {"school", "primary", "academy", "the", "and", "of", "saint", "junior", "infant",
            "infants", "college", "church", "england", "trust", "high", "secondary", "community"}


def _evidence(d: Detail, school) -> bool:
    """The value plainly is this school's: a name that is part of its name, an address whose
    words its name has, an email or address whose domain has a word of its name."""
    name = (school.name or "").lower()
    words = [w for w in re.findall(r"[a-z]+", name) if len(w) >= 3 and w not in _GENERIC]
    value = d.value.lower()
    if d.kind == "name":
        return bool(re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", name))
    return any(w in value for w in words)


def _file_consistent(school) -> bool:
    """The school's file looks like its own: an email or website of it has a word of its name
    (a file copied from another school and renamed keeps the other school's addresses)."""
    words = [w for w in re.findall(r"[a-z]+", (school.name or "").lower())
             if len(w) >= 3 and w not in _GENERIC]
    values = [d.value.lower() for d in _details(school) if d.kind == "mail"]
    return any(w in v for w in words for v in values)


class Finder:
    """Every school's details, with one pattern to find any of them in a text."""

    def __init__(self, pack):
        trust_text = " ".join(ys.value for ys in pack.trust.texts())
        trust_low = trust_text.lower()
        trust_digits = {_digits(p) for p in re.findall(r"\+?\d[\d ()-]{7,}\d", trust_text)}
        self.by_key: dict[tuple[str, str], list[Detail]] = {}
        self.phones: dict[str, list[Detail]] = {}
        for sid in sorted(pack.schools):
            for d in _details(pack.schools[sid]):
                if d.kind == "phone":
                    if _digits(d.value) not in trust_digits:
                        self.phones.setdefault(_digits(d.value), []).append(d)
                    continue
                if d.value.lower() in trust_low:
                    continue  # the trust's, or shared on purpose in its defaults
                key = (d.kind, d.value if d.kind == "name" else d.value.lower())
                self.by_key.setdefault(key, []).append(d)
        _consistent = functools.lru_cache(maxsize=None)(
            lambda sid: _file_consistent(pack.schools[sid]))
        for key, ds in self.by_key.items():
            if len({d.school for d in ds}) > 1:  # given by several: keep the ones it plainly is
                owners = [d for d in ds if _evidence(d, pack.schools[d.school])]
                if not owners:  # a person or a phone: kept by the file whose addresses are its own
                    owners = [d for d in ds if _consistent(d.school)]
                    if len({d.school for d in owners}) == len({d.school for d in ds}):
                        owners = []
                if owners:
                    self.by_key[key] = owners
        for phone, ds in self.phones.items():
            if len({d.school for d in ds}) > 1:
                owners = [d for d in ds if _consistent(d.school)]
                if owners and len({d.school for d in owners}) < len({d.school for d in ds}):
                    self.phones[phone] = owners
        # names by their first word (found by walking the text's words: a pattern of a thousand
        # alternatives is far slower); mails, hosts and handles by the keys a token gives
        self.first: dict[str, list[tuple[str, ...]]] = {}
        for kind, value in self.by_key:
            if kind == "name":
                words = tuple(value.split())
                self.first.setdefault(words[0], []).append(words)
        for options in self.first.values():
            options.sort(key=len, reverse=True)
        self.mail_keys = {k[1] for k in self.by_key if k[0] == "mail"}
        self.phone_rx = re.compile(r"\+?\d[\d ()-]{7,}\d")
        self.cache: dict[str, list] = {}

    def _others(self, key, school) -> list[Detail]:
        return [d for d in self.by_key.get(key, ()) if d.school != school.id]

    def find(self, text: str, school) -> list[tuple[int, str, Detail]]:
        """(offset, text found, detail) for each detail of a school other than ``school``; the
        text's scan is kept, since the trust's texts are the same for every school."""
        found = self.cache.get(text)
        if found is None:
            if len(self.cache) > 4096:
                self.cache.clear()
            found = self.cache[text] = self._scan(text)
        own_name = school.name or ""
        hits, taken = [], set()
        for off, value, ds in found:
            if off in taken:
                continue
            others = [d for d in ds if d.school != school.id]
            if not others or (ds[0].kind == "name" and re.search(
                    r"(?<!\w)" + re.escape(value) + r"(?!\w)", own_name)):
                continue
            hits.append((off, value, others[0]))
            taken.add(off)
        return hits

    def _scan(self, text: str) -> list[tuple[int, str, list[Detail]]]:
        hits = []
        if self.first:
            words = [(m.start(), _WORD_EDGE.sub("", m.group(0))) for m in _WORDS.finditer(text)]
            i = 0
            while i < len(words):
                w = words[i][1]
                options = self.first.get(w) or self.first.get(_POSSESSIVE.sub("", w))
                step = 1
                for option in options or ():
                    got = [x[1] for x in words[i:i + len(option)]]
                    if len(got) == len(option) and (got[:-1] == list(option[:-1])) and \
                            got[-1] in (option[-1], option[-1] + "'s", option[-1] + "\u2019s"):
                        found = " ".join(option)
                        hits.append((words[i][0], found, self.by_key[("name", found)]))
                        step = len(option)
                        break
                i += step
        if self.mail_keys:
            for start, seen in _addresses(text):
                token = seen.rstrip(".").lower().removeprefix("www.")
                keys = [k for k in _mail_keys(token) if k in self.mail_keys]
                for key in keys:  # the most specific first; the school's own is skipped in find
                    hits.append((start, seen.rstrip(".") if key == token else key,
                                 self.by_key[("mail", key)]))
        if self.phones:
            for m in self.phone_rx.finditer(text):
                ds = self.phones.get(_digits(m.group(0)))
                if ds:
                    hits.append((m.start(), m.group(0).strip(), ds))
        return hits


_WORDS = re.compile(r"\S+")
_WORD_EDGE = re.compile(r"^[^\w@]+|[^\w'\u2019]+$|['\u2019]$")
_POSSESSIVE = re.compile(r"['\u2019]s$")
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


def _mail_keys(token: str):
    """What a token may be another school's as: itself, its host (a website, a handle's page),
    the host's parents ("s3.vine.org.uk" -> "vine.org.uk")."""
    yield token
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
    form_strings = [ys for fid in sorted(pack.forms)
                    for ys in pack.forms[fid].texts()]
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
