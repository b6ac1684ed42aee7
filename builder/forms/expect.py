"""Who has not returned a complete form: ``forms collect --expect people.csv``.

The list is a class list or a staff list: a CSV with a header row and a name column (the
headers ``prefill`` accepts for pupils, and ``staff``/``staff name``), optionally a year group
or a role. Each return is matched to a person by ``prefill.name_key`` (the one normalisation of
names: case, accents, spacing and punctuation forgiven) of who it is for: the pupil field on a
form that has one, else the signer. For each form returned (school and form), every person
with no complete return is listed as ``missing``; two people whose names normalise alike are
``ambiguous`` (a return cannot say which of them it is for); a return naming no one in the list
is ``unmatched`` (often a misspelling).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from builder.common.diagnostics import Collector, PackError, error
from builder.forms.prefill import PUPIL_HEADERS, YEAR_HEADERS, name_key, read_list
from builder.forms.collect import cell
from builder.forms.collect import shown

NAME_HEADERS = PUPIL_HEADERS + ("staff", "staff name", "staff_name", "full name")
ROLE_HEADERS = ("role", "job title", "job", "position")
COLUMNS = ["school", "form", "status", "name", "year_group", "role", "note"]


@dataclass
class Person:
    line: int
    name: str
    year_group: str = ""
    role: str = ""


def read_people(path: Path) -> tuple[list[Person], str]:
    """The people of the list and its kind: 'pupils' (a year group column), 'staff' (a role
    column) or '' (names only)."""
    shown = str(path)
    rows, at = read_list(path, {"name": NAME_HEADERS, "year": YEAR_HEADERS, "role": ROLE_HEADERS},
                         "name",
                         empty="the CSV is empty: it needs a header row (name, and year group or "
                               "role) and one row per person",
                         no_column="no name column in the header: name one column 'name' (or "
                                   "'pupil', 'staff')")
    people, diags = [], Collector()
    for n, row in rows:
        if not name_key(row["name"]):
            diags.add(error(shown, n, "E-CSV", "row has no name"))
            continue
        people.append(Person(n, row["name"], row["year"], row["role"]))
    diags.raise_if_errors()
    if not people:
        raise PackError(error(shown, 2, "E-CSV", "the CSV has a header but no names"))
    return people, ("staff" if at["role"] is not None else "pupils" if at["year"] is not None else "")


def person_of(row) -> str:
    return row.pupil if row.subject == "pupil" else row.signature_name


@dataclass
class FormReport:
    school: str
    form: str
    expected: int
    missing: list[Person]
    ambiguous: list[tuple[Person, ...]]
    unmatched: list[str]          # files whose name matches no one
    # people whose latest acknowledgement is of an earlier policy whose text has changed in
    # meaning since: (person, why)
    sign_again: list[tuple[Person, str]] = field(default_factory=list)


def outdated(row, policy) -> str | None:
    """Why the acknowledgement ``row`` does not cover the policy as it is now (``policy``:
    verify.Catalogue's (id, version, meaning key, [(version, material)] newest first)), or None
    when it does. A version whose changelog entry says ``material`` decides; otherwise the text
    does (common/meaning.py: a change of wording alone is not material)."""
    pid, version, meaning, versions = policy
    if not row.policy_meaning:
        return "the file does not say which version of the policy was signed"
    if row.policy_version == version and row.policy_meaning == meaning:
        return None
    names = [v for v, _ in versions]
    newer = versions[:names.index(row.policy_version)] if row.policy_version in names else None
    said = f"signed version {row.policy_version or '?'} of {pid}; it is now {version}"
    if newer:
        if any(m is True for _, m in newer):
            return said + ", a material change (its changelog says so)"
        if all(m is False for _, m in newer):
            return None
    if row.policy_meaning == meaning:
        return None
    return said + ", and its text has changed in meaning since"


def expected_returns(rows, people: list[Person], kind: str = "", audiences=None,
                     policies=None) -> list[FormReport]:
    """A report per form returned (school, form); ``audiences`` {form: 'parents' | 'staff'}
    keeps a pupils' list to parents' forms and a staff list to staff forms; ``policies``
    {(school, form): the policy it acknowledges} (verify.Catalogue) asks again of the people
    whose latest acknowledgement is of a policy that has changed in meaning since."""
    by_key: dict[str, list[Person]] = {}
    for p in people:
        by_key.setdefault(name_key(p.name), []).append(p)
    forms: dict[tuple, list] = {}
    for r in rows:
        if r.form and r.status in ("complete", "follow-up"):
            forms.setdefault((r.school, r.form), []).append(r)
    reports = []
    for (school, form), returned in sorted(forms.items()):
        audience = (audiences or {}).get(form) or ("parents" if returned[0].subject == "pupil" else "staff")
        if kind and audience != {"pupils": "parents", "staff": "staff"}[kind]:
            continue
        done, unmatched = set(), []
        latest: dict[str, object] = {}
        for r in returned:
            key = name_key(person_of(r))
            if key not in by_key:
                if key:
                    unmatched.append(r.file)
            elif r.status == "complete":
                done.add(key)
                if (r.date_signed, r.file) >= (getattr(latest.get(key), "date_signed", ""),
                                               getattr(latest.get(key), "file", "")):
                    latest[key] = r
        policy = (policies or {}).get((school, form))
        again = []
        if policy is not None:
            for key, r in sorted(latest.items()):
                why = outdated(r, policy)
                if why is not None and len(by_key[key]) == 1:
                    again.append((by_key[key][0], why))
                    done.discard(key)
        missing = [p for key, ps in by_key.items() if len(ps) == 1 and key not in done for p in ps
                   if all(p is not q for q, _ in again)]
        ambiguous = [tuple(ps) for ps in by_key.values() if len(ps) > 1]
        reports.append(FormReport(school, form, len(people), sorted(missing, key=lambda p: p.line),
                                  ambiguous, unmatched, sorted(again, key=lambda pw: pw[0].line)))
    return reports


def write_missing(reports: list[FormReport], stream) -> None:
    w = csv.writer(stream, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for rep in reports:
        for p in rep.missing:
            w.writerow([cell(x) for x in (rep.school, rep.form, "missing", p.name, p.year_group, p.role, "")])
        for ps in rep.ambiguous:
            note = "names alike: " + ", ".join(f"{p.name} (line {p.line})" for p in ps)
            for p in ps:
                w.writerow([cell(x) for x in (rep.school, rep.form, "ambiguous", p.name, p.year_group,
                                              p.role, note)])
        for p, why in rep.sign_again:
            w.writerow([cell(x) for x in (rep.school, rep.form, "sign again", p.name, p.year_group,
                                          p.role, why)])
        for f in rep.unmatched:
            w.writerow([cell(x) for x in (rep.school, rep.form, "unmatched", "", "", "",
                                          f"the return {f} names no one in the list")])


def expect_summary(reports: list[FormReport], people: list[Person]) -> str:
    if not reports:
        return f"expected returns: {len(people)} in the list; no form returned is one they fill in"
    lines = []
    for rep in reports:
        names = ", ".join(p.name for p in rep.missing[:10]) + (" …" if len(rep.missing) > 10 else "")
        unsure = sum(len(ps) for ps in rep.ambiguous)
        lines.append(f"{rep.form} ({rep.school}): {len(rep.missing)} of {rep.expected} without a "
                     f"complete return" + (f" ({unsure} ambiguous)" if unsure else "")
                     + (f": {names}" if names else ""))
        if rep.sign_again:
            roles: dict[str, list[str]] = {}
            for p, _ in rep.sign_again:
                roles.setdefault(p.role or "no role given", []).append(p.name)
            lines.append(f"  {len(rep.sign_again)} must sign again (the policy changed in meaning "
                         f"since they signed): " + "; ".join(f"{role}: {', '.join(names)}"
                                                             for role, names in sorted(roles.items())))
        for ps in rep.ambiguous:
            lines.append("  ambiguous (names alike): " + ", ".join(p.name for p in ps))
        if rep.unmatched:
            lines.append(f"  {len(rep.unmatched)} return(s) name no one in the list")
    return "\n".join(shown(line) for line in lines)
