"""Another school's details left in a school's pages (E-OTHER-SCHOOL): the copy-paste leftover of
a school file or section started from another school's ("short_name: Vine Tree" in a new
school's file, Vine Tree's office email kept).

What counts as a school's own details, read from its own file (never from the trust's defaults):
its name and short name, address lines (those with a digit or of two words or more: a town
alone is shared by neighbours), email, phone, website (its host, so its email domain too),
the people its roles name (with their emails and phones), and the social handles and web
addresses in its ``lists`` and ``extra``.

Where they are looked for, for each school: its file, its own sections
(``schools/<id>/...``), the trust's shared text (sections and forms: a school's name typed in
them is wrong for every other school) and its rendered text. A value is not another school's
when the trust's file has it (``trust:`` or ``defaults:``: shared on purpose), or when it is
part of this school's own name.

Names match whole words, case as written; emails, hosts and handles in any case; phone numbers
by their digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.common.diagnostics import Diagnostic
from builder.checks.sources import line_at, mask_jinja, read_text, section_files, text_line, \
    yaml_strings


@dataclass(frozen=True)
class Detail:
    school: str       # whose it is
    what: str         # "short name", "office email", "the dsl's name"...
    value: str        # as written
    shown: str        # file:line it came from
    kind: str         # "name", "mail", "phone"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _host(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0]
    return host.removeprefix("www.")


def _details(school) -> list[Detail]:
    raw = school.raw if isinstance(school.raw, dict) else {}
    out: list[Detail] = []
    for ys in yaml_strings(raw, path=school.shown):
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


class Finder:
    """Every school's details, with one pattern to find any of them in a text."""

    def __init__(self, pack):
        trust_text = " ".join(ys.value for ys in yaml_strings(pack.trust.raw))
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
        for key, ds in self.by_key.items():
            if len({d.school for d in ds}) > 1:  # given by several: keep the ones it plainly is
                owners = [d for d in ds if _evidence(d, pack.schools[d.school])]
                if owners:
                    self.by_key[key] = owners
        names = sorted({k[1] for k in self.by_key if k[0] == "name"}, key=len, reverse=True)
        mails = sorted({k[1] for k in self.by_key if k[0] == "mail"}, key=len, reverse=True)
        parts = [r"(?<![\w@.])(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
                 + r")(?!\w)"] if names else []
        self.names = re.compile(parts[0]) if parts else None
        self.mails = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, mails)) + r")(?![\w-])",
                                re.I) if mails else None
        self.phone_rx = re.compile(r"\+?\d[\d ()-]{7,}\d")

    def find(self, text: str, school) -> list[tuple[int, str, Detail]]:
        """(offset, text found, detail) for each detail of a school other than ``school``."""
        own_name = school.name or ""
        hits = []
        if self.names:
            for m in self.names.finditer(text):
                found = " ".join(m.group(0).split())
                for d in self.by_key.get(("name", found), ()):
                    if d.school != school.id and not re.search(
                            r"(?<!\w)" + re.escape(found) + r"(?!\w)", own_name):
                        hits.append((m.start(), found, d))
                        break
        if self.mails:
            for m in self.mails.finditer(text):
                found = m.group(0).lower()
                ds = [d for d in self.by_key.get(("mail", found), ()) if d.school != school.id]
                if not ds:  # this school's own address: another school's host may be inside it
                    inner = [k[1] for k in self.by_key if k[0] == "mail" and k[1] != found
                             and k[1] in found]
                    ds = [d for k in inner for d in self.by_key[("mail", k)] if d.school != school.id]
                    if ds:
                        found = next(k for k in inner if any(d in self.by_key[("mail", k)] for d in ds))
                if ds:
                    hits.append((m.start(), m.group(0) if found == m.group(0).lower() else found, ds[0]))
        if self.phones:
            for m in self.phone_rx.finditer(text):
                for d in self.phones.get(_digits(m.group(0)), ()):
                    if d.school != school.id:
                        hits.append((m.start(), m.group(0).strip(), d))
                        break
        return hits


def _message(found: str, d: Detail, school, pack) -> str:
    other = pack.schools[d.school]
    return (f"'{found}' is {other.name}'s {d.what} ({d.shown}), found in {school.name}'s text: "
            f"replace it with this school's own value (when the schools share it on purpose, "
            f"declare it once in trust.yml defaults)")


def _finder(pack) -> Finder:
    if "other-school" not in pack.memo:
        pack.memo["other-school"] = Finder(pack)
    return pack.memo["other-school"]


_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]<>()#+\-.!|~&\"'=^$:;@%?/])")


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
    form_strings = [ys for fid in sorted(pack.forms)
                    for ys in yaml_strings(pack.forms[fid].raw, path=pack.forms[fid].shown)]
    for sid in sorted(resolved):
        school = pack.schools[sid]
        found_values: set[str] = set()

        def add(path, line, found, d):
            found_values.add(found.lower())
            out.append(Diagnostic(path, line, "error", "E-OTHER-SCHOOL",
                                  _message(found, d, school, pack), sid))

        # its file
        for ys in yaml_strings(school.raw, path=school.shown):
            for off, found, d in finder.find(ys.value, school):
                add(ys.path, text_line(ys, ys.value, off), found, d)
        # its own sections, and the trust's shared text as this school shows it
        for src in files:
            if src.school not in (None, sid) or src.shown not in texts:
                continue
            for off, found, d in finder.find(texts[src.shown], school):
                add(src.shown, line_at(texts[src.shown], off), found, d)
        for ys in form_strings:
            masked = mask_jinja(ys.value)
            for off, found, d in finder.find(masked, school):
                add(ys.path, text_line(ys, masked, off), found, d)
        # its rendered text: anything the sources above do not explain
        for pid in sorted(resolved[sid].policies):
            for sec in resolved[sid].policies[pid].sections:
                plain = _UNESCAPE.sub(r"\1", sec.markdown)
                for off, found, d in finder.find(plain, school):
                    if found.lower() not in found_values:
                        found_values.add(found.lower())
                        add(sec.shown, None, found, d)
    return list(dict.fromkeys(out))
