"""The consent register: from every returned consent form of a school, one row per pupil with
each consent item's answer now: ``yes``, ``no``, ``expired``, ``re-consent needed`` or
``unknown``, with the file, date and form version it came from.

- **Who.** A pupil is the normalised name (``prefill.name_key``: case, accents, spacing and
  punctuation forgiven) at a school, told apart by year group where forms give one. Two pupils
  of one name in different year groups are two rows; a form that gives that name without a year
  group could be either, so it is listed as ambiguous and not applied. Nothing is guessed.
- **Which answer.** For each item, the latest signed form that answers it (Yes or No) wins: a
  later No withdraws an earlier Yes. A form with no readable date signed cannot be placed in
  time: it is listed and not applied.
- **For how long.** The form's ``valid_for`` (forms/<id>.yml): an academic year (to the 31
  August after it was signed), a number of years, or while the pupil is at the school. An answer
  older than that reads ``expired`` on the run's date (``--today``).
- **What the parent was told.** Each returned form carries its items' wording. When an item's
  wording has changed in meaning since (common/meaning.py: a change of wording alone does not
  count; a new use or a changed meaning does), the answer reads ``re-consent needed``.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path

from builder.common.files import open_atomic, write_text
from builder.common.meaning import material_change, wording_key
from builder.forms.collect import cell
from builder.forms.prefill import name_key

ANSWERED = ("yes", "no")


@dataclass(frozen=True)
class Evidence:
    value: str                 # yes | no | expired | re-consent needed
    answered: str              # what the form said: yes or no
    file: str
    date: str                  # the date signed, YYYY-MM-DD
    form_version: str
    wording: str               # the fingerprint of the item's words on that form

    def cite(self) -> str:
        return f"{self.file} (signed {self.date}, form version {self.form_version})"


@dataclass
class Pupil:
    school: str
    name: str                  # as the latest form writes it
    year_group: str
    answers: dict[str, Evidence] = field(default_factory=dict)

    def answer(self, item: str) -> str:
        return self.answers[item].value if item in self.answers else "unknown"


@dataclass
class Register:
    pupils: list[Pupil]
    items: list[str]                         # every consent item, in form order
    labels: dict[str, str]                   # item -> its wording now (or as last returned)
    not_applied: list[str] = field(default_factory=list)   # forms listed but not used, and why


def _year(text: str) -> str:
    """A year group's key: 'Year 3', 'Y3', 'year three' and '3' are one."""
    words = {"reception": "r", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
             "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11",
             "twelve": "12", "thirteen": "13"}
    key = name_key(text).replace("year", "").replace("yr", "").lstrip("y")
    return words.get(key, key)


def expires(signed: dt.date, valid_for: tuple[str, int]) -> dt.date | None:
    """The last day an answer signed on ``signed`` holds, or None when it does not lapse."""
    kind, n = valid_for
    if kind == "academic-year":
        return dt.date(signed.year + (1 if signed.month >= 9 else 0), 8, 31)
    if kind == "years":
        try:
            return signed.replace(year=signed.year + n) - dt.timedelta(days=1)
        except ValueError:            # 29 February
            return signed.replace(year=signed.year + n, day=28)
    return None


def consent_register(rows, catalogue, today: dt.date) -> Register:
    """The register of the parents' forms among ``rows`` (collect's rows), judged on ``today``
    against the pack in ``catalogue`` (verify.Catalogue: each form's items now and valid_for)."""
    audiences = catalogue.audiences
    consent_rows, not_applied = [], []
    for r in rows:
        if r.status not in ("complete", "follow-up") or r.subject != "pupil" or not r.items:
            continue
        if audiences and audiences.get(r.form, "parents") != "parents":
            continue
        if not any(i.get("type") == "yesno" for i in r.items):
            continue
        if not name_key(r.pupil):
            not_applied.append(f"{r.file}: no pupil's name")
            continue
        try:
            signed = dt.date.fromisoformat(r.date_signed)
        except ValueError:
            not_applied.append(f"{r.file}: no date signed that can be read, so it cannot be "
                               f"placed before or after the pupil's other forms")
            continue
        consent_rows.append((signed, r))

    # who: (school, name) -> the year groups its forms give
    years: dict[tuple, set] = {}
    for _, r in consent_rows:
        years.setdefault((r.school, name_key(r.pupil)), set()).add(_year(r.year_group))
    groups: dict[tuple, list] = {}
    for signed, r in consent_rows:
        key = (r.school, name_key(r.pupil))
        given = {y for y in years[key] if y}
        year = _year(r.year_group)
        if not year and len(given) > 1:
            not_applied.append(f"{r.file}: '{r.pupil}' with no year group, and forms name pupils of "
                               f"that name in more than one year group: which one is not guessed")
            continue
        groups.setdefault((*key, year or next(iter(given), "")), []).append((signed, r))

    items: list[str] = []
    labels: dict[str, str] = {}
    pupils = []
    for (school, _key, _year_key), returned in sorted(groups.items()):
        returned.sort(key=lambda sr: (sr[0], sr[1].file))
        latest = returned[-1][1]
        pupil = Pupil(school, latest.pupil, next((r.year_group for _, r in reversed(returned)
                                                   if r.year_group), ""))
        for signed, r in returned:
            now = {i["name"]: i for i in catalogue.items.get((r.school, r.form), [])}
            valid_for = catalogue.valid_for.get(r.form, ("school", 0))
            for it in r.items:
                name = it["name"]
                if it.get("type") != "yesno" or r.answers.get(name) not in ANSWERED:
                    continue
                if name not in items:
                    items.append(name)
                told = it.get("label") or ""
                current = now.get(name, {}).get("label")
                labels[name] = current or told or labels.get(name, name)
                value = r.answers[name]
                end = expires(signed, valid_for)
                if current is not None and told and material_change(told, current):
                    value = "re-consent needed"
                elif end is not None and today > end:
                    value = "expired"
                pupil.answers[name] = Evidence(value, r.answers[name], r.file, signed.isoformat(),
                                               r.form_version, wording_key(told) if told else "")
        pupils.append(pupil)
    return Register(pupils, items, labels, not_applied)


# ---------------------------------------------------------------- what the office reads

def write_csv(reg: Register, stream) -> None:
    """One row per pupil: each item's answer, then where each answer came from."""
    w = csv.writer(stream, lineterminator="\r\n")
    w.writerow(["school", "pupil", "year_group", *reg.items, *(f"{i} (from)" for i in reg.items)])
    for p in reg.pupils:
        evidence = [p.answers[i].cite() + (f"; wording {p.answers[i].wording}"
                                           if p.answers[i].wording else "")
                    if i in p.answers else "" for i in reg.items]
        w.writerow([cell(x) for x in (p.school, p.name, p.year_group,
                                      *(p.answer(i) for i in reg.items), *evidence)])


def write_page(reg: Register, today: dt.date) -> str:
    """The register as a page for the school office: a table a screen reader reads by its
    headers, every value escaped."""
    e = html.escape
    head = "".join(f'<th scope="col">{e(reg.labels.get(i, i))}</th>' for i in reg.items)
    body = []
    for p in reg.pupils:
        cells = []
        for i in reg.items:
            ev = p.answers.get(i)
            title = f' title="{e(ev.cite())}"' if ev else ""
            cells.append(f'<td class="consent-{e(p.answer(i)).replace(" ", "-")}"{title}>'
                         f"{e(p.answer(i))}</td>")
        body.append(f'<tr><th scope="row">{e(p.name)}</th><td>{e(p.year_group)}</td>'
                    f'{"".join(cells)}</tr>')
    notes = "".join(f"<li>{e(n)}</li>" for n in reg.not_applied)
    return (f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Consent register, {today:%-d %B %Y}</title>"
            "<style>body{font-family:system-ui,sans-serif;margin:1rem;line-height:1.4}"
            "table{border-collapse:collapse}th,td{border:1px solid #777;padding:.3rem .5rem;"
            "text-align:left;vertical-align:top}.consent-yes{background:#e6f4ea}"
            ".consent-no,.consent-expired,.consent-re-consent-needed{background:#fde7e7}"
            ".consent-unknown{background:#eee}.wrap{overflow-x:auto}</style></head><body>"
            f"<h1>Consent register on {today:%-d %B %Y}</h1>"
            "<p>Each pupil's answer to each use now: <strong>yes</strong> or <strong>no</strong> "
            "from the latest form that answers it, <strong>expired</strong> when the consent "
            "has lapsed, <strong>re-consent needed</strong> when the wording of that use has "
            "changed in meaning since the parent answered, <strong>unknown</strong> when no form "
            "answers it. Hover over an answer for the form it came from.</p>"
            '<div class="wrap" role="region" aria-label="Consent register" tabindex="0">'
            f'<table><thead><tr><th scope="col">Pupil</th><th scope="col">Year group</th>{head}'
            f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
            + (f"<h2>Forms not applied</h2><ul>{notes}</ul>" if notes else "")
            + "</body></html>\n")


def write_consent_register(reg: Register, path: Path, today: dt.date) -> Path:
    """The CSV at ``path`` and the page beside it (same name, .html); the page's path."""
    with open_atomic(path, text=True, encoding="utf-8-sig", newline="") as fh:
        write_csv(reg, fh)
    page = path.with_suffix(".html")
    write_text(page, write_page(reg, today))
    return page


def who_may(reg: Register, item: str, pupil: str | None = None) -> tuple[list, list]:
    """For one use: (pupils who may appear, pupils who may not), each (pupil, answer, evidence);
    only the pupils whose normalised name is ``pupil`` when one is given."""
    may: list[tuple] = []
    may_not: list[tuple] = []
    for p in reg.pupils:
        if pupil is not None and name_key(p.name) != name_key(pupil):
            continue
        answer = p.answer(item)
        ev = p.answers.get(item)
        (may if answer == "yes" else may_not).append((p, answer, ev))
    return may, may_not
