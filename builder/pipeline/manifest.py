"""The build's manifest (``manifest.json`` in the output folder), as typed objects.

It records, for every school built: the fingerprint of its input files (``inputs``), each
output's key and the files it wrote (``outputs``), what the trust index shows for it
(``summary``: its review rows and forms) and, when the checks ran, their findings. The next build
reads it to keep what has not changed; ``policypack merge`` reads every shard's to combine them
and draw one trust index. ``read_manifest`` is its one reader and ``write_manifest`` its one
writer; the JSON is indented and sorted, so equal manifests are equal bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from builder.resolve.status import ReviewRow
from builder.common.diagnostics import Diagnostic
from builder.common.paths import MANIFEST
from builder.common.files import write_text
from builder.source.values import SLUG_RE


@dataclass
class Output:
    """One output as built: its key and the files it wrote (paths in the output folder)."""
    key: str
    files: list[str]

    def to_json(self) -> dict:
        return {"key": self.key, "files": list(self.files)}

    @classmethod
    def from_json(cls, data) -> Output:
        if not (isinstance(data, dict) and isinstance(data.get("key"), str)
                and isinstance(data.get("files"), list)
                and all(isinstance(f, str) for f in data["files"])):
            raise ValueError("not an output")
        if not all(safe_rel(f) for f in data["files"]):
            raise NotOurs("a file outside the output")
        return cls(data["key"], list(data["files"]))


class NotOurs(ValueError):
    """The manifest names a file policypack would never write (outside the output folder):
    it was not written by policypack, and nothing it lists is kept or removed."""


_BAD_PART = re.compile(r"[\\:\x00-\x1f\x7f]")


def _in_school(school: str, rel: str) -> bool:
    """Every output of a school, and every file it writes, lies in the school's folder."""
    return rel == school or rel.startswith(f"{school}/")


def safe_rel(rel) -> bool:
    """A path a build could have written in its output: relative, '/'-separated, no part
    empty, '.' or '..', none with a backslash, a drive colon or a control character."""
    if not isinstance(rel, str) or not rel or len(rel) > 1024 or rel.startswith("/"):
        return False
    return all(p not in ("", ".", "..") and not _BAD_PART.search(p) for p in rel.split("/"))


@dataclass
class SchoolSummary:
    """What the trust index shows for a school."""
    school: str          # its id (the key it is kept under)
    name: str
    policies: list[ReviewRow]
    forms: list[str]
    # the requirements register at this school (checks/requirements.py Covered.to_json), or
    # None when the school does not say its type and phase
    required: list[dict] | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "policies": [r.to_json() for r in self.policies],
                "forms": list(self.forms), "required": self.required}

    def required_count(self, state: str) -> int:
        return sum(1 for c in self.required or [] if c.get("state") == state)

    @classmethod
    def from_json(cls, school: str, data) -> SchoolSummary:
        if not isinstance(data, dict) or not isinstance(data.get("policies"), list):
            raise ValueError("not a school summary")
        name = str(data.get("name") or school)
        required = data.get("required")
        if required is not None and not (isinstance(required, list)
                                         and all(isinstance(c, dict) for c in required)):
            raise ValueError("not a school summary")
        return cls(school, name, [ReviewRow.from_json(school, name, p) for p in data["policies"]],
                   [str(f) for f in data.get("forms") or []], required)


@dataclass
class SchoolEntry:
    """One school in the manifest. ``summary`` is None (and the school is built again) when the
    recorded one cannot be read; ``diagnostics`` is None when the checks did not run."""
    name: str
    inputs: str
    summary: SchoolSummary | None
    outputs: dict[str, Output] = field(default_factory=dict)
    diagnostics: list[Diagnostic] | None = None

    def files(self) -> list[str]:
        return [f for o in self.outputs.values() for f in o.files]

    def to_json(self) -> dict:
        data: dict[str, object] = {"name": self.name, "inputs": self.inputs,
                                   "outputs": {rel: o.to_json() for rel, o in self.outputs.items()}}
        if self.summary is not None:
            data["summary"] = self.summary.to_json()
        if self.diagnostics is not None:
            data["diagnostics"] = [d.to_json() for d in self.diagnostics]
        return data

    @classmethod
    def from_json(cls, school: str, data) -> SchoolEntry:
        if not isinstance(data, dict):
            raise ValueError("not a school entry")
        outputs = {}
        if isinstance(data.get("outputs"), dict):
            for rel, o in data["outputs"].items():
                if not safe_rel(rel) or not _in_school(school, rel):
                    raise NotOurs("an output outside the output folder or the school's own")
                try:
                    outputs[rel] = Output.from_json(o)
                except NotOurs:
                    raise
                except ValueError:
                    continue
                if not all(_in_school(school, f) for f in outputs[rel].files):
                    raise NotOurs("a school's file outside its folder")
        try:
            summary = SchoolSummary.from_json(school, data.get("summary"))
        except (ValueError, TypeError):
            summary = None
        diagnostics = None
        if isinstance(data.get("diagnostics"), list):
            try:
                diagnostics = [Diagnostic.from_json(d) for d in data["diagnostics"]]
            except (TypeError, ValueError):
                diagnostics = None
        inputs = data.get("inputs")
        return cls(str(data.get("name") or school), inputs if isinstance(inputs, str) else "",
                   summary, outputs, diagnostics)


@dataclass
class Manifest:
    builder: str = ""        # the policypack version that built it
    trust: str = ""          # the trust's name
    today: str = ""          # the date review statuses were worked out for (YYYY-MM-DD)
    schools: dict[str, SchoolEntry] = field(default_factory=dict)
    shard: str | None = None  # "K/N" for one shard of a sharded build

    def to_json(self) -> dict:
        data = {"builder": self.builder, "trust": self.trust, "today": self.today,
                "schools": {sid: e.to_json() for sid, e in self.schools.items()}}
        if self.shard is not None:
            data["shard"] = self.shard
        return data

    @classmethod
    def from_json(cls, data) -> Manifest | None:
        if not isinstance(data, dict) or not isinstance(data.get("schools"), dict):
            return None
        schools = {}
        for sid, entry in data["schools"].items():
            if not isinstance(sid, str) or not SLUG_RE.match(sid):
                return None   # not a school id: not a manifest policypack wrote
            try:
                schools[sid] = SchoolEntry.from_json(sid, entry)
            except NotOurs:
                return None   # it names files outside the output: ignored whole
            except ValueError:
                pass
        shard = data.get("shard")
        return cls(str(data.get("builder", "")), str(data.get("trust", "")),
                   str(data.get("today", "")), schools, shard if isinstance(shard, str) else None)


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest in a build's output folder; None if there is none or it cannot be read."""
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return Manifest.from_json(data)


def write_manifest(folder: Path, manifest: Manifest) -> None:
    write_text(Path(folder) / MANIFEST,
               json.dumps(manifest.to_json(), indent=1, sort_keys=True, ensure_ascii=False) + "\n")
