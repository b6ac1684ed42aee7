"""The draft school file an import writes from the values it found.

``draft_school`` returns YAML text, never writes a file: the keys in the order the schema
declares them (builder/source/schema/files.py), every value double-quoted so YAML reads it back
exactly as found ("#1f5c3a", "yes", "2022-09", "01234 567890", "Name: with colon"), each with a
comment naming the line of the imported copy it came from ("# from line 12: <the line>", made
safe for a comment: one line, no control characters). When the copy gives a key two values, the
draft takes the first and a comment above it names the other. With ``existing`` (the school's
file in the pack) the text is a changes file instead: only the values that file (with the
trust's defaults beside it) is missing or gives differently, with what it has now, and a header
saying it is not a school file.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from builder.common.addresses import web_problem
from builder.importing.values.found import FoundValue
from builder.source.schema.files import APPROVAL, ROLE, SCHOOL, SCHOOL_POLICY, SIGNATORY
from builder.source.values import Where, parse_cycle

ORDERS = {
    "": [k.name for k in SCHOOL.keys],
    "roles.*": [k.name for k in ROLE.keys],
    "policies.*": [k.name for k in SCHOOL_POLICY.keys],
    "policies.*.approval": [k.name for k in APPROVAL.keys],
    "signatory": [k.name for k in SIGNATORY.keys],
    "account": ["platform", "handle", "url"],
}
_PLAIN_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# what a YAML stream may hold as itself (YAML 1.1 printable, no line breaks of its own)
_UNSAFE = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly."""
    out = []
    for ch in str(text):
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\t":
            out.append("\\t")
        elif _UNSAFE.match(ch):
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def comment_safe(text: str, limit: int = 100) -> str:
    """``text`` fit for a YAML comment: one line, no control or line-break characters."""
    t = _UNSAFE.sub(" ", str(text)).replace("\t", " ")
    t = re.sub(r"\s+", " ", t).strip()
    return t if len(t) <= limit else t[:limit - 1].rstrip() + "…"


def _key(k: str) -> str:
    return k if _PLAIN_KEY.match(k) else quote(k)


def _scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return quote(v)


def _order_for(path: str) -> list[str]:
    parts = path.split(".") if path else []
    if not parts:
        return ORDERS[""]
    if parts[0] == "roles" and len(parts) == 2:
        return ORDERS["roles.*"]
    if parts[0] == "policies" and len(parts) == 2:
        return ORDERS["policies.*"]
    if parts[0] == "policies" and len(parts) == 3 and parts[2] == "approval":
        return ORDERS["policies.*.approval"]
    return []


def _sorted(mapping: dict, path: str) -> list:
    order = _order_for(path)
    rank = {k: i for i, k in enumerate(order)}
    return sorted(mapping, key=lambda k: (rank.get(k, len(order)), k if order else ""))


def _tree(chosen: dict[str, FoundValue]) -> dict:
    root: dict = {}
    for key, f in chosen.items():
        parts = key.split(".")
        node = root
        for p in parts[:-1]:
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                break
        else:
            node[parts[-1]] = f
    return root


def _emit(node: dict, path: str, indent: int, out: list[str], others, was) -> None:
    pad = "  " * indent
    for k in _sorted(node, path):
        v = node[k]
        here = f"{path}.{k}" if path else k
        if isinstance(v, dict):
            out.append(f"{pad}{_key(k)}:")
            _emit(v, here, indent + 1, out, others, was)
            continue
        f = v
        for note in _notes(f, others.get(here, []), was.get(here, _NONE)):
            out.append(f"{pad}# {note}")
        source = f"# from line {f.line}: {comment_safe(f.source)}"
        value = f.value
        if k == "website" and isinstance(value, str) and (why := web_problem(value)):
            out.append(f"{pad}# {_key(k)}: {quote(value)}   {source} "
                       f"(left out: {comment_safe(why)})")
            continue
        if isinstance(value, list) and not value:
            out.append(f"{pad}{_key(k)}: []   {source}")
        elif isinstance(value, list):
            out.append(f"{pad}{_key(k)}:   {source}")
            for item in value:
                if isinstance(item, dict):
                    keys = _item_keys(item)
                    first = True
                    for ik in keys:
                        lead = f"{pad}  - " if first else f"{pad}    "
                        out.append(f"{lead}{_key(ik)}: {_scalar(item[ik])}")
                        first = False
                else:
                    out.append(f"{pad}  - {_scalar(item)}")
        else:
            out.append(f"{pad}{_key(k)}: {_scalar(value)}   {source}")


def _item_keys(item: dict) -> list[str]:
    for order in (ORDERS["signatory"], ORDERS["account"]):
        if set(item) <= set(order):
            return [k for k in order if k in item]
    return sorted(item)


_NONE = object()


def _notes(f, others, was) -> list[str]:
    notes = []
    if was is not _NONE:
        notes.append("the school file has: " + comment_safe(_shown(was), 200) if was is not None
                     else "the school file does not have this")
    for o in others:
        notes.append(f"line {o.line} gives another value: {comment_safe(_shown(o.value), 120)} "
                     f"(the draft takes the first; keep one)")
    if f.note and not f.conflict:
        notes.append("note: " + comment_safe(f.note, 200))
    elif f.note:
        own = re.sub(r";?\s*the text gives \d+ values \(.*\): the draft takes the first$", "", f.note)
        if own:
            notes.append("note: " + comment_safe(own, 200))
    return notes


def _shown(v) -> str:
    if isinstance(v, list):
        return ", ".join(_shown(x) for x in v)
    if isinstance(v, dict):
        return " ".join(str(x) for x in v.values())
    return str(v)


# ---------------------------------------------------------------- comparing with the pack

def _lookup(data, key: str):
    node = data
    for p in key.split("."):
        if not isinstance(node, dict) or p not in node:
            return _NONE
        node = node[p]
    return node


def _norm(v, key: str):
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return tuple(_norm(x, key) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((str(k), _norm(x, key)) for k, x in v.items()
                            if k not in ("digital",)))
    t = str(v).strip()
    if key.endswith("phone"):
        return re.sub(r"\D", "", t)
    if key.endswith("review_cycle"):
        try:
            return parse_cycle(t, Where(""))
        except Exception:  # noqa: BLE001 - a cycle that does not read is compared as its text
            return t.lower()
    if key.endswith("website"):
        return t.lower().rstrip("/")
    return re.sub(r"\s+", " ", t).lower()


def _same_name(a: str, b: str) -> bool:
    """'Miss Cooke', 'H Cooke' and 'Miss Heather Cooke' are one person: the same surname, and
    every other word (or initial) of the shorter found in the longer."""
    def words(n):
        return [w.strip(".,").lower() for w in n.split() if w.strip(".,").lower() not in
                ("mr", "mrs", "miss", "ms", "mx", "dr")]
    wa, wb = words(a), words(b)
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    short, long_ = sorted((wa[:-1], wb[:-1]), key=len)
    return all(any(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
                   for y in long_) for x in short)


def _same(found, had, key: str) -> bool:
    if key.startswith("roles.") and key.endswith(".name") and isinstance(had, str):
        return _same_name(str(found), had)
    if isinstance(found, list) and isinstance(had, list) and found and isinstance(found[0], dict):
        # compare only what the copy states (a signatory's 'digital' is the pack's)
        if len(found) != len(had):
            return False
        return all(isinstance(h, dict) and all(_norm(f.get(k), key) == _norm(h.get(k), key)
                                               for k in f) for f, h in zip(found, had))
    return _norm(found, key) == _norm(had, key)


def _read(path: Path):
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return data if isinstance(data, dict) else None


# ---------------------------------------------------------------- the draft

def draft_school(found, school_id: str, existing: Path | None) -> str:
    """The text of a draft ``schools/<school_id>.yml`` from ``found`` (``find_values``), or with
    ``existing`` the changes to that file (see the module's docstring)."""
    chosen: dict[str, FoundValue] = {}
    others: dict[str, list] = {}
    for f in found:
        if f.key not in chosen:
            chosen[f.key] = f
        elif f.value != chosen[f.key].value:
            others.setdefault(f.key, []).append(f)
    was: dict[str, object] = {}
    shown = f"schools/{school_id}.yml"
    if existing is not None:
        current = _read(Path(existing))
        trust = _read(Path(existing).parent.parent / "trust.yml") or {}
        defaults = trust.get("defaults") if isinstance(trust.get("defaults"), dict) else {}
        for key in list(chosen):
            had = _lookup(current, key) if current is not None else _NONE
            if had is _NONE:
                had = _lookup(defaults, key)
            if key.startswith("roles.") and key.endswith(".title") and had is not _NONE:
                del chosen[key]     # the draft's title is the pack's word for the role, not news
                continue
            if had is not _NONE and _same(chosen[key].value, had, key):
                del chosen[key]
                others.pop(key, None)
            else:
                was[key] = None if had is _NONE else had
        head = [f"# Changes to {shown} drafted by policypack import: only the values the imported",
                "# copy states that the school file (with the trust's defaults) is missing or gives",
                "# differently; each value's comments say where it came from and what the file has.",
                "# This is not a school file and nothing reads it: copy the values you accept into",
                f"# {shown} by hand."]
        if current is None:
            head.append(f"# ({shown} could not be read as YAML: every value is listed.)")
    else:
        head = [f"# Draft {shown}, made by policypack import from the school's own copy.",
                "# Each value's comment names the line of the copy it came from: check each one,",
                "# and add what the copy does not state (the schema's key reference lists them)."]
        if "name" not in chosen:
            head.append("# name: not found in the copy: add the school's full name (required).")
    out = list(head)
    if not chosen:
        out.append("# The school file already has every value the copy states." if existing is not None
                   else "# The copy states none of the school's values: write them in by hand.")
        out.append("{}")
        return "\n".join(out) + "\n"
    _emit(_tree(chosen), "", 0, out, others, was)
    return "\n".join(out) + "\n"
