"""``policypack new DIR``: a small pack of the trust's own that checks clean and builds.

The files come from ``template/`` (package data): a trust file, one school, one short policy with
three sections (one a school may replace, one with a ``ref()``), one form, a README for the
trust's staff, a ``.gitignore``, the publishing workflow, and the JSON Schemas editors read
(``.schemas/``, named on the first line of each YAML file and in ``.vscode/settings.json``).
Names are filled in where the template says ``@TRUST_NAME@``, ``@SCHOOL_NAME@``,
``@SCHOOL_ID@``, ``@TODAY@`` and ``@POLICYPACK_SOURCE@`` (builder/scaffold/source.py); a folder
or file named ``dot-x`` is written as ``.x``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from builder.common.diagnostics import PackError, error
from builder.common.files import write_text
from builder.scaffold.source import WHEEL_FOLDER, Source, policypack_source
from builder.source.schema.write import write_schemas

TEMPLATE = Path(__file__).resolve().parent / "template"
DEFAULT_TRUST = "Our Schools Trust"
DEFAULT_SCHOOL = "Our Primary School"


def school_id(name: str) -> str:
    """The id a school's name gives: 'St Mary's C of E Primary' -> 'st-marys-c-of-e-primary'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['’]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def yaml_text(value: str) -> str:
    """A name as a YAML scalar that reads back as exactly that text (quotes, colons, '#')."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class NewPack:
    files: list[Path]
    source: Source        # where its publishing workflow installs policypack from


def new_pack(dest: Path, *, trust_name: str = DEFAULT_TRUST, school_name: str = DEFAULT_SCHOOL,
             sid: str | None = None, today: dt.date | None = None,
             source: str | None = None) -> NewPack:
    """Write the starter pack into ``dest`` (which must be empty or not exist yet); ``source`` is
    where its workflow installs policypack from (default: where this copy came from)."""

    dest = Path(dest)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise PackError(error(str(dest), None, "E-OUT",
                              "is not an empty folder: policypack new writes a pack only into a new "
                              "or empty folder, so it never overwrites a file"))
    for what, value in (("--trust-name", trust_name), ("--school-name", school_name)):
        if not value.strip() or any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in value):
            raise PackError(error(what, None, "E-ARG", f"{what} must be a name on one line"))
    sid = sid or school_id(school_name)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", sid or ""):
        raise PackError(error("--school-id", None, "E-ARG",
                              f"'{sid}' is not a safe id: use lower-case letters, digits and single "
                              f"hyphens, such as 'oak-hill' (give one with --school-id)"))
    fill = {"@TRUST_NAME@": trust_name, "@SCHOOL_NAME@": school_name, "@SCHOOL_ID@": sid,
            "@TODAY@": (today or dt.date.today()).isoformat()}
    pinned = policypack_source(dest, source)   # refuses an unpinned --policypack-source first
    fill["@POLICYPACK_SOURCE@"] = pinned.spec
    written: list[Path] = []
    for src in sorted(p for p in TEMPLATE.rglob("*") if p.is_file()):
        rel = "/".join("." + part[4:] if part.startswith("dot-") else part
                       for part in src.relative_to(TEMPLATE).parts)
        rel = rel.replace("@SCHOOL_ID@", sid)
        text = src.read_text(encoding="utf-8")
        for token, value in fill.items():
            if token in ("@TRUST_NAME@", "@SCHOOL_NAME@") and src.suffix == ".yml":
                value = yaml_text(value)
            text = text.replace(token, value)
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text(target, text)
        written.append(target)
    written += write_schemas(dest / ".schemas")
    written += sorted((dest / WHEEL_FOLDER).glob("*.whl"))
    return NewPack(written, pinned)
