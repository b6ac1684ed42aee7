"""A returned form's fields made into a register row (``build_row``): which form it is, whose,
its items and their answers, each value cleaned and checked. Run inside the reader's limited
process (reader.py) and again for the rows it sends back."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

from builder.source.field_names import ID_FIELD, items_from_names, parse_identity

OFF = {"", "/Off", "Off", "/off", "None"}   # a tick box's states that mean "not ticked"
FIXED = ["file", "sha256", "status", "follow_up", "school", "form", "form_version", "pupil",
         "year_group", "parent", "signature_name", "date_signed"]
FIXED_SET = frozenset(FIXED)


# ---------------------------------------------------------------- from fields to a register row

@dataclass
class Row:
    file: str
    sha256: str = ""
    status: str = "complete"         # complete | follow-up | unreadable | not-a-form
    follow_up: list[str] = field(default_factory=list)
    school: str = ""
    form: str = ""
    form_version: str = ""
    pupil: str = ""
    year_group: str = ""
    parent: str = ""
    signature_name: str = ""
    date_signed: str = ""
    answers: dict = field(default_factory=dict)
    # not columns: the item list the row was read with, and who the return is for ('pupil':
    # the pupil field; 'signature': the signer, as on a staff form)
    items: list | None = field(default=None, repr=False)
    items_guessed: bool = False
    subject: str = "signature"
    # the policy an acknowledgement was signed against: its id, version and meaning key
    # (common/meaning.py), as the form PDF recorded them; '' when the file says none
    policy: str = ""
    policy_version: str = ""
    policy_meaning: str = ""

    def as_dict(self) -> dict:
        d = {k: getattr(self, k) for k in FIXED if k != "follow_up"}
        d["follow_up"] = "; ".join(self.follow_up)
        d.update(self.answers)
        return d


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d.%m.%y", "%d-%m-%Y", "%d-%m-%y",
                "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%A %d %B %Y", "%a %d %b %Y")
YEARS = range(1900, 2200)
MAX_CELL = 32_767                   # Excel's limit on the characters of one cell


def parse_date_text(text: str) -> str | None:
    """A date as typed in a form -> 'YYYY-MM-DD', or None when it is not a whole date.

    Day first (UK): '01/09/2026' is 1 September. The formats above are tried first; then
    python-dateutil (day first, not fuzzy) for other spellings ('1st Sept 2026', 'Tues 1 Sep
    26'), kept only when the text names a day, a month and a year (dateutil fills a missing part
    from its default: the text is parsed with two defaults and must read the same both ways)."""
    t = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", str(text).strip(), flags=re.I)
    t = re.sub(r"\s+", " ", t).replace(" ,", ",")
    if not t or len(t) > 40 or not re.search(r"\d", t):
        return None
    for fmt in DATE_FORMATS:
        try:
            d = dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
        return d.isoformat() if d.year in YEARS else None
    if re.fullmatch(r"[\d\s./-]+", t):
        return None     # numbers only: the formats above or nothing (not '01/13/2026' month first)
    from dateutil import parser as du
    try:
        a = du.parse(t, dayfirst=True, fuzzy=False, default=dt.datetime(2001, 1, 1))
        b = du.parse(t, dayfirst=True, fuzzy=False, default=dt.datetime(2002, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date() or a.year not in YEARS or (a.hour, a.minute, a.second) != (0, 0, 0):
        return None
    return a.date().isoformat()


ITEM_TYPES = {"text", "longtext", "date", "tick", "yesno", "choice", "signature"}


def clean_items(items) -> list[dict] | None:
    """The item list as read from a file, or None when it is not one (a hostile or damaged list:
    anything but a list of objects each with a text name)."""
    if not isinstance(items, list):
        return None
    out = []
    for it in items:
        if not isinstance(it, dict) or not isinstance(it.get("name"), str) or not it["name"]:
            return None
        d = dict(it)
        d["type"] = d.get("type") if d.get("type") in ITEM_TYPES else "text"
        d["required"] = d.get("required") is True
        opts = d["options"] if isinstance(d.get("options"), list) else []
        d["options"] = [(str(o[0]), str(o[1])) for o in opts
                        if isinstance(o, (list, tuple)) and len(o) == 2]
        if d.get("register") not in ("pupil", "year_group", "parent"):
            d.pop("register", None)
        d["label"] = d["label"][:2000] if isinstance(d.get("label"), str) else ""
        out.append(d)
    return out


def read_identity(row: Row, fields: dict, info: dict) -> tuple[str, str, str] | None:
    """The form's identity, and a note for each identity marker that is missing or disagrees:
    the hidden identity field, the document information's PolicypackSchool / PolicypackForm /
    PolicypackFormVersion and its Keywords (which hold the identity field's text)."""
    raw = fields.get(ID_FIELD)
    field_id = parse_identity(raw) if isinstance(raw, str) else None
    keys = ("PolicypackSchool", "PolicypackForm", "PolicypackFormVersion")
    info_id = tuple(info.get(k, "") for k in keys) if any(k in info for k in keys) else None
    kw_id = parse_identity(info.get("Keywords")) if info.get("Keywords") else None
    ident = field_id or info_id
    if ident is None:
        if isinstance(raw, str) and raw.strip():
            row.follow_up.append(f"the identity field holds '{raw[:80]}', not a form identity")
        return None
    if field_id is None:
        row.follow_up.append("the form's identity field is missing or damaged (identity read "
                             "from the document information)" if raw is None or isinstance(raw, str)
                             else "the form's identity field is not a text field")
    if info_id is None:
        row.follow_up.append("the document information has no form identity (PolicypackSchool, "
                             "PolicypackForm, PolicypackFormVersion)")
    what = ("school", "form", "version")
    if "Keywords" in info and kw_id is None:
        row.follow_up.append("identity markers disagree: the document's keywords do not hold "
                             "the form's identity")
    for source, other in (("the document information", info_id), ("its keywords", kw_id)):
        if other is None or other == ident:
            continue
        diff = [f"{w} '{a[:80]}' / '{b[:80]}'" for w, a, b in zip(what, ident, other) if a != b]
        row.follow_up.append(f"identity markers disagree: the identity field and {source} name "
                             + ", ".join(diff))
    for w, value, ok in zip(what, ident, (ID_RE, ID_RE, VERSION_RE)):
        if not ok.fullmatch(value):
            row.follow_up.append(f"the identity's {w} '{value[:80]}' is not a valid {w} id")
    return ident


ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
VERSION_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,31}")
NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")   # a form field's name (source/forms.py)


def build_row(row: Row, result: dict) -> Row:
    """The register row of one file from what ``read_pdf_fields`` read (run in the reader
    process; linear in the number of fields and items)."""
    fields = result["fields"]
    info = result["info"]
    ident = read_identity(row, fields, info)
    if ident is None:
        row.status = "not-a-form"
        row.follow_up.append("not one of the school's forms (no form identity in the file)"
                             if fields else "not a fillable form (the PDF has no form fields)")
        return finish(row)
    row.school, row.form, row.form_version = ident
    policy = (info.get("PolicypackPolicy", ""), info.get("PolicypackPolicyVersion", ""),
              info.get("PolicypackPolicyMeaning", ""))
    if (ID_RE.fullmatch(policy[0]) and VERSION_RE.fullmatch(policy[1])
            and re.fullmatch(r"[0-9a-f]{16}", policy[2])):
        row.policy, row.policy_version, row.policy_meaning = policy
    scripts = list(dict.fromkeys(result.get("scripts") or ()))
    if scripts:
        more = f" and {len(scripts) - 3} more" if len(scripts) > 3 else ""
        row.follow_up.append("the file carries JavaScript or actions (" + "; ".join(scripts[:3])
                             + more + "): they were not run; our forms have none, so check "
                               "where the file came from")
    try:
        items = json.loads(info["PolicypackItems"]) if info.get("PolicypackItems") else None
    except (ValueError, RecursionError):
        items = None
    items = clean_items(items)
    if items is None:
        items = clean_items(items_from_names(fields))
        assert items is not None   # the names' items are a clean list by construction
        row.follow_up.append("the file lost its item list; items were read from the field names")
        row.items_guessed = True
    row.items = items
    row.subject = "pupil" if any(it.get("register") == "pupil" for it in items) else "signature"
    bad_names = [it["name"] for it in items if not NAME_RE.fullmatch(it["name"]) or len(it["name"]) > 120]
    if bad_names:
        row.follow_up.append(f"{len(bad_names)} item name(s) that no form has (such as "
                             f"'{bad_names[0][:40]}')")

    def text(name):
        value = fields.get(name)
        return value.strip() if isinstance(value, str) else ""

    def ticked(name):
        value = fields.get(name)
        return value is True or (isinstance(value, str) and value not in OFF and value != "")

    def answer(column, value):
        if column in FIXED_SET or column in row.answers:   # a hostile item named 'status'
            column = f"{column}_answer"
            while column in FIXED_SET or column in row.answers:
                column += "_"
        row.answers[column] = value

    missing_fields, main_done = [], False
    for it in items:
        name, typ, required = it["name"], it["type"], it["required"]
        if typ == "yesno":
            if f"{name}_yes" not in fields or f"{name}_no" not in fields:
                missing_fields.append(name)
                continue
            yes, no = ticked(f"{name}_yes"), ticked(f"{name}_no")
            value = "both" if yes and no else "yes" if yes else "no" if no else "neither"
            if value == "both":
                row.follow_up.append(f"{name}: both Yes and No ticked")
            elif value == "neither" and required:
                row.follow_up.append(f"{name}: not answered")
            answer(name, value if (value != "neither" or required) else "")
        elif typ == "tick":
            answer(name, "yes" if ticked(name) else "")
            if required and not ticked(name):
                row.follow_up.append(f"{name}: not ticked")
        elif typ == "choice":
            chosen = [label for n, label in it["options"] if ticked(n)]
            answer(name, "; ".join(chosen))
            if required and not chosen:
                row.follow_up.append(f"{name}: nothing chosen")
            if len(chosen) > 1 and not it.get("multiple", True):
                row.follow_up.append(f"{name}: more than one option ticked")
        elif typ == "signature":
            sig, date = text(f"{name}_name"), text(f"{name}_date")
            iso = parse_date_text(date) if date else None
            if it.get("main") and not main_done:
                main_done = True
                row.signature_name, row.date_signed = sig, iso or date
                if not sig:
                    row.follow_up.append("not signed (no name typed)")
                if not date:
                    row.follow_up.append("no date signed")
            else:
                answer(f"{name}_name", sig)
                answer(f"{name}_date", iso or date)
            if date and not iso:
                row.follow_up.append(f"{name}: '{date[:80]}' is not a date (day/month/year)")
        else:
            if name not in fields:
                missing_fields.append(name)
                continue
            value = text(name)
            if typ == "date" and value:
                iso = parse_date_text(value)
                if iso is None:
                    row.follow_up.append(f"{name}: '{value[:80]}' is not a date (day/month/year)")
                value = iso or value
            reg = it.get("register")
            if reg in ("pupil", "year_group", "parent") and not getattr(row, reg):
                setattr(row, reg, value)
            else:
                answer(name, value)
            if required and not value:
                row.follow_up.append(f"{reg or name}: empty")
    if missing_fields:
        more = f" and {len(missing_fields) - 20} more" if len(missing_fields) > 20 else ""
        row.follow_up.append("fields missing from the file: " + ", ".join(missing_fields[:20]) + more)
    return finish(row)


def finish(row: Row) -> Row:
    """Cap every cell at Excel's limit (with a note) and set the status from the notes."""
    for name in FIXED:
        value = getattr(row, name)
        if name != "follow_up" and isinstance(value, str) and len(value) > MAX_CELL - 1:
            setattr(row, name, value[:MAX_CELL - 1])
            row.follow_up.append(f"{name}: cut to {MAX_CELL:,} characters (the file holds {len(value):,})")
    for name, value in row.answers.items():
        if len(value) > MAX_CELL - 1:       # one spare for the quote a formula character gets
            row.answers[name] = value[:MAX_CELL - 1]
            row.follow_up.append(f"{name[:80]}: cut to {MAX_CELL:,} characters (the file holds "
                                 f"{len(value):,})")
    if row.status in ("complete", "follow-up"):
        row.status = "follow-up" if row.follow_up else "complete"
    return row


# ---------------------------------------------------------------- files and folders
