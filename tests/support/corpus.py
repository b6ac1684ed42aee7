"""The real-text corpus of the checks (tests/corpus/checks), read and run through the Project.

Each item is put where a trust officer would have typed it, in a copy of the example pack:
a sentence becomes a section of its own that Chestnuts Primary School adds to its Social Media
Policy (reviewed every 2 years; approved 14 January 2025, so reviewed next in January 2027),
and a value replaces the same value in Chestnuts' school file. ``run`` checks that pack once
through ``Project.check`` (the value items once each) and gives the codes raised on each item.

An item is a mistake of one class (``cls``) or clean (``cls`` None): the real sentences by the
key written for them (a sentence keyed ``review: <N> months`` or ``review: <YYYY-MM>`` is a
mistake only where it disagrees with the policy's own cycle or date), the mistakes and near
misses by the file they are in. The corpus README gives its sources and the rules of its keys.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.support import copy_pack

from builder.common.diagnostics import Diagnostic, PackError
from builder.project import Project

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "checks"
HALVES = ("dev", "heldout")
TODAY = dt.date(2026, 12, 5)
SCHOOL, POLICY = "chestnuts", "social-media"
CYCLE_MONTHS, NEXT_REVIEW = 24, "2027-01"     # the policy's, for Chestnuts

# What each class's catch is: one of these codes raised on the item (for values, any error or
# warning on the school file).
CLASSES: dict[str, frozenset[str]] = {
    "references": frozenset({"E-HAND-REF", "E-HEADING-NUMBER"}),
    "other-school": frozenset({"E-OTHER-SCHOOL"}),
    "review": frozenset({"W-REVIEW-PROSE"}),
    "placeholders": frozenset({"E-PLACEHOLDER", "E-UNDEFINED", "E-TEMPLATE"}),
    "doubled": frozenset({"N-DOUBLED-WORDS"}),
    "values": frozenset(),
}
_KEY_CLASS = {"ref": "references", "placeholder": "placeholders", "doubled": "doubled"}


@dataclass(frozen=True)
class Item:
    id: str                 # "dev/real/kcsie-2024#12", "heldout/mistakes/review#3"
    half: str
    group: str              # "real", "mistake" or "near"
    cls: str | None         # the class of its mistake; None when it is clean
    origin: str             # the source's address, or "variant"
    text: str = ""
    field: str = ""         # values: which value, and the value as typed in YAML
    value: str = ""
    home: str = ""          # the class file it came from (mistakes and near misses)


def _review_class(key: str) -> str | None:
    """A real sentence keyed ``review: 12 months`` or ``review: 2025-09``: a mistake of the
    review class unless it says what the policy declares."""
    said = key.split(":", 1)[1].strip()
    m = re.fullmatch(r"(\d+)\s*months?", said)
    if m:
        return None if int(m.group(1)) == CYCLE_MONTHS else "review"
    return None if said[:7] == NEXT_REVIEW else "review"


def _real(half: str, path: Path) -> list[Item]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for n, s in enumerate(doc["sentences"]):
        key = str(s.get("key", "clean")).strip()
        cls = None if key == "clean" else _review_class(key) if key.startswith("review") \
            else _KEY_CLASS[key]
        out.append(Item(f"{half}/real/{path.stem}#{n}", half, "real", cls, doc["source"],
                        text=s["text"]))
    return out


def _mistakes(half: str, path: Path) -> list[Item]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    cls = doc["class"]
    out = []
    for group, listed in (("mistake", doc.get("mistakes") or []), ("near", doc.get("near_misses") or [])):
        for n, it in enumerate(listed):
            out.append(Item(f"{half}/{group}/{path.stem}#{n}", half, group,
                            cls if group == "mistake" else None, str(it.get("origin", "variant")),
                            text=it.get("text", ""), field=it.get("field", ""),
                            value=str(it.get("value", "")), home=cls))
    return out


def items(half: str) -> list[Item]:
    """Every item of one half of the corpus."""
    base = CORPUS / half
    out: list[Item] = []
    for path in sorted((base / "real").glob("*.yaml")):
        out += _real(half, path)
    for path in sorted((base / "mistakes").glob("*.yaml")):
        out += _mistakes(half, path)
    return out


# ---- running -------------------------------------------------------------------------------

_ANCHOR = "      - {id: be-smart, title: Be SMART online, after: online-safety}\n"


def _text_pack(root: Path, texts: list[Item]) -> dict[str, list[tuple[int, str]]]:
    """The example pack with the items added as sections: the sentences of one real document
    together, in their order, one paragraph each (as a school's own section holds them, so a
    check reads each sentence among its neighbours: a contents list, the sentence before), and
    each mistake or near miss on its own; {section file: [(first line, item id), ...]}."""
    school = root / "schools" / f"{SCHOOL}.yml"
    folder = root / "schools" / SCHOOL / POLICY
    folder.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Item]] = {}
    for item in texts:
        whole = item.id.split("#")[0] if item.group == "real" else item.id
        groups.setdefault(whole, []).append(item)
    entries, files = [], {}
    for n, members in enumerate(groups.values()):
        sid = f"item-{n:04d}"
        lines: list[str] = []
        starts = []
        for item in members:
            starts.append((len(lines) + 1, item.id))
            lines += item.text.strip().split("\n") + [""]
        (folder / f"{sid}.md").write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
        entries.append(f"      - {{id: {sid}, title: Item {n}, after: monitoring-review}}\n")
        files[f"schools/{SCHOOL}/{POLICY}/{sid}.md"] = starts
    trust = root / "trust.yml"       # one policy with thousands of added sections: past list_items
    trust.write_text(trust.read_text(encoding="utf-8").replace(
        "\nsettings:\n", "\nsettings:\n  limits: {list_items: 100000}\n", 1), encoding="utf-8")
    source = school.read_text(encoding="utf-8")
    assert _ANCHOR in source, "the example school file changed: update tests/support/corpus.py"
    school.write_text(source.replace(_ANCHOR, _ANCHOR + "".join(entries)), encoding="utf-8")
    return files


def _item_at(starts: list[tuple[int, str]], line: int | None) -> str:
    """The item whose paragraph holds ``line`` (a finding without a line: the first item)."""
    at = bisect.bisect_right([first for first, _ in starts], line or 1) - 1
    return starts[max(at, 0)][1]


def _findings(root: Path) -> list[Diagnostic]:
    try:
        return Project(root, TODAY).check([SCHOOL])
    except PackError as exc:
        return list(exc.diagnostics)


# Where each value of the values class is written in Chestnuts' file: (line as it is, line with
# the value; {} is the value as typed).
_VALUE_AT = {
    "school.name": (r"^name: .*$", "name: {}"),
    "school.short_name": (r"^short_name: .*$", "short_name: {}"),
    "school.address": (r"^address: .*$", "address: {}"),
    "school.phone": (r"^phone: .*$", "phone: {}"),
    "school.email": (r"^email: .*$", "email: {}"),
    "school.website": (r"^website: .*$", "website: {}"),
    "school.postcode": (r"^address: .*$",
                        "address:\n  - Chestnuts Primary School\n  - Black Boy Lane\n  - London\n  - {}"),
    "role.phone": (r"^    phone: 020 7946 0732$", "    phone: {}"),
    "role.email": (r"^    email: safeguarding@chestnutsprimary.org.uk$", "    email: {}"),
    "role.name": (r"^    name: Mr Owen Pryce$", "    name: {}"),
    "approval.version": (r'^      version: "2.0"$', "      version: {}"),
    "approval.approved": (r"^      approved: 2025-01-14$", "      approved: {}"),
    "approval.next_review": (r"^      approved: 2025-01-14$", "      approved: 2025-01-14\n      next_review: {}"),
    "approval.review_cycle": (r'^      version: "2.0"$', '      version: "2.0"\n      review_cycle: {}'),
    "social.handle": (r"^    - \{platform: Facebook, handle: .*$",
                      "    - platform: Facebook\n      handle: {}\n"
                      "      url: https://www.facebook.com/ChestnutsPrimary"),
    "social.url": (r"^    - \{platform: Facebook, handle: .*$",
                   "    - platform: {platform}\n      handle: \"@ChestnutsPrimary\"\n      url: {}"),
}
# a url on another platform's site is that platform's account (a url elsewhere stays Facebook's)
_PLATFORMS = {"x.com": "X", "twitter.com": "X", "youtube.com": "YouTube", "instagram.com": "Instagram",
              "tiktok.com": "TikTok", "linkedin.com": "LinkedIn"}


def _school_findings(root: Path) -> set[tuple]:
    return {(d.code, d.line, d.message) for d in _findings(root)
            if d.path == f"schools/{SCHOOL}.yml" and d.severity in ("error", "warning")}


def _value_findings(root: Path, item: Item, before: set[tuple] = frozenset()) -> set[str]:
    """The codes the item's value raises at the school's file that the file as it was did not
    (the school's own standing findings, such as a required policy it lacks, are not the
    value's)."""
    school = root / "schools" / f"{SCHOOL}.yml"
    original = school.read_text(encoding="utf-8")
    pattern, line = _VALUE_AT[item.field]
    host = re.sub(r"^[a-z]+://(?:www\.)?", "", item.value.lower()).split("/")[0]
    line = line.replace("{platform}", _PLATFORMS.get(host, "Facebook"))
    changed, n = re.subn(pattern, lambda m: line.replace("{}", item.value), original, count=1,
                         flags=re.M)
    assert n == 1, f"{item.field}: the example school file changed"
    school.write_text(changed, encoding="utf-8")
    try:
        return {code for code, *_ in _school_findings(root) - before}
    finally:
        school.write_text(original, encoding="utf-8")


@dataclass
class Outcome:
    """The codes raised on each item, and any item that crashed the run."""
    raised: dict[str, set[str]] = field(default_factory=dict)
    crashed: dict[str, str] = field(default_factory=dict)


def run(chosen: list[Item], work: Path) -> Outcome:
    """Check every item of ``chosen`` in a copy of the example pack under ``work``."""
    out = Outcome()
    texts = [i for i in chosen if not i.field]
    values = [i for i in chosen if i.field]
    root = copy_pack(work / "pack")
    files = _text_pack(root, texts)
    for item in texts:
        out.raised[item.id] = set()
    found = _findings(root)
    stopped = [d for d in found if d.severity == "error" and d.path not in files
               and d.code not in CLASSES["placeholders"] | CLASSES["other-school"] | CLASSES["references"]]
    assert not stopped or any(d.path in files for d in found), \
        f"the corpus pack did not load, so nothing was measured: {stopped[0].format()}"
    for d in found:
        if d.path in files:
            out.raised[_item_at(files[d.path], d.line)].add(d.code)
    plain = copy_pack(work / "values")
    before = _school_findings(plain) if values else set()
    for item in values:
        try:
            out.raised[item.id] = _value_findings(plain, item, before)
        except Exception as exc:  # noqa: BLE001 - a crash is a finding of the benchmark
            out.raised[item.id] = set()
            out.crashed[item.id] = f"{type(exc).__name__}: {exc}"
    return out


def caught(item: Item, codes: set[str], cls: str) -> bool:
    """``codes`` raised on ``item`` include a catch of class ``cls``."""
    if cls == "values":
        return bool(codes)
    return bool(codes & CLASSES[cls])


@dataclass(frozen=True)
class Score:
    cls: str
    mistakes: int
    caught: int
    clean: int          # clean items of the class's kind (texts or values)
    false: int          # of those, raising the class's codes
    real: int = 0       # of the mistakes, those in real published text
    real_caught: int = 0

    @property
    def recall(self) -> float:
        return self.caught / self.mistakes if self.mistakes else 1.0

    @property
    def precision(self) -> float:
        return self.caught / (self.caught + self.false) if self.caught + self.false else 1.0


def scores(chosen: list[Item], outcome: Outcome) -> list[Score]:
    out = []
    for cls in CLASSES:
        values = cls == "values"
        mistakes = [i for i in chosen if i.cls == cls]
        clean = [i for i in chosen if i.cls is None and bool(i.field) == values]
        real = [i for i in mistakes if i.group == "real"]
        out.append(Score(cls, len(mistakes),
                         sum(caught(i, outcome.raised[i.id], cls) for i in mistakes),
                         len(clean), sum(caught(i, outcome.raised[i.id], cls) for i in clean),
                         len(real), sum(caught(i, outcome.raised[i.id], cls) for i in real)))
    return out


def real_alarms(chosen: list[Item], outcome: Outcome) -> tuple[int, int]:
    """(real clean sentences raising anything, real clean sentences)."""
    real = [i for i in chosen if i.group == "real" and i.cls is None]
    return sum(bool(outcome.raised[i.id]) for i in real), len(real)


def counts(chosen: list[Item]) -> Counter:
    return Counter((i.group, i.cls or "clean") for i in chosen)
