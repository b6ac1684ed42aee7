"""The import's corpus of real published copies (tests/corpus/imports), imported and scored.

Each document is a folder holding ``copy.txt`` (the text as published) and ``key.yaml`` (its answer
key, written before the import was run on it: which master section each of its headings covers,
the values it states and its defects; the corpus README gives the format). ``score`` imports a
copy against its master policy in a copy of the example pack, as a trust officer would with
``policypack import --policy ID FILE``, and counts, for sections, values and defects, what the
import got right, what it got wrong and what the key holds.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from builder.common.diagnostics import PackError
from builder.importing.run import run_import
from builder.source.values import Where, parse_cycle

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "imports"
HALVES = ("dev", "heldout")
TODAY = dt.date(2026, 12, 5)
# the values scored: the school's own details, its people's names and contacts, the approval
# record (what a trust officer copies into the school file; role titles are the trust's words)
SCORED = re.compile(r"(?:name|phone|email|website|roles\.[a-z_]+\.(?:name|email|phone)|"
                    r"policies\.[a-z0-9-]+\.approval\.(?:approved|next_review|review_cycle))")
# the findings that are defects of the copy, by the key's classes
DEFECT_CODES = {"E-HAND-REF": "ref", "E-PLACEHOLDER": "placeholder", "W-REVIEW-PROSE": "review",
                "E-OTHER-SCHOOL": "other-school", "N-DOUBLED-WORDS": "doubled"}
_TITLES = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof|rev|revd)\.?\s+", re.I)


@dataclass
class Tally:
    right: int = 0      # predictions the key agrees with
    predicted: int = 0  # predictions made
    keyed: int = 0      # what the key holds
    found: int = 0      # of the key's, how many were predicted
    # (development half only) what went wrong; never printed with the tally, so a failing floor
    # on the held-out half does not show its documents' mistakes
    wrong: list[str] = field(default_factory=list, repr=False)

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.predicted += other.predicted
        self.keyed += other.keyed
        self.found += other.found
        self.wrong += other.wrong

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.keyed if self.keyed else 1.0


def documents(half: str) -> list[Path]:
    return sorted(p for p in (CORPUS / half).glob("*") if (p / "key.yaml").is_file())


def heading_key(text: str) -> str:
    """A heading as the key and the report both name it: its typed number, case, punctuation and
    spacing left out ("1.0 Statement of Intent:", "(1) Statement of intent" and "Statement of intent"
    are one), as is a bullet before it."""
    text = unicodedata.normalize("NFKC", text).lower().replace("&", " and ")
    text = re.sub(r"^\s*(?:[-\u2022\u00b7*]\s*)?(?:(?:section|part)\s+)?\(?"
                  r"(?:\d+(?:\.\d+)*[.):]?\s*|(?:[a-z]|[ivx]+)[.):]\s+)", "", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _same_value(key: str, got: str, want) -> bool:
    got, want = str(got).strip(), str(want).strip()
    if key.endswith("review_cycle"):
        if re.fullmatch(r"\d+", want):     # the key gives months
            want = f"{want} months"
        try:
            return parse_cycle(got, Where("", None)) == parse_cycle(want, Where("", None))
        except PackError:
            return False
    if key.endswith(("approved", "next_review")):
        short, long_ = sorted((got, want), key=len)
        return long_.startswith(short) and len(short) >= 7
    if key.endswith("phone"):
        return re.sub(r"\D", "", got).removeprefix("44") == re.sub(r"\D", "", want).removeprefix("44")
    if key.endswith("email") or key == "website":
        return got.lower().removeprefix("https://").removeprefix("http://").rstrip("/") == \
            want.lower().removeprefix("https://").removeprefix("http://").rstrip("/")
    # (an apostrophe typed straight or curly is the same name)
    norm = [" ".join(_TITLES.sub("", re.sub(r"[.,]", " ", v.replace("\u2019", "'"))).lower().split())
            for v in (got, want)]
    return norm[0] == norm[1]


@dataclass
class Scored:
    sections: Tally
    values: Tally
    defects: Tally
    seconds: float = 0.0
    crashed: str = ""


def score(folder: Path, work: Path, pack: Path) -> Scored:
    """Import ``folder``'s copy into ``work`` with ``pack`` and score it against its key."""
    key = yaml.safe_load((folder / "key.yaml").read_text(encoding="utf-8"))
    master = key["master"]
    copy = folder / "copy.txt"
    start = time.perf_counter()
    try:
        result = run_import(pack, [copy], master, out=work / folder.name, today=TODAY,
                            displays=[f"{folder.name}/copy.txt"], progress=io.StringIO())
    except PackError as exc:
        empty = Tally(keyed=len(key.get("sections") or []))
        return Scored(empty, Tally(), Tally(), crashed=str(exc))
    took = time.perf_counter() - start
    report = result.documents[0].report
    return Scored(_sections(key, report, folder.name), _values(key, report, master, folder.name),
                  _defects(key, report, copy, folder.name), took)


def _sections(key: dict, report: dict, name: str) -> Tally:
    want = {(heading_key(s["heading"]), s["master"]) for s in key.get("sections") or []
            if s.get("master") not in (None, "school-only")}
    got = {(heading_key(f"{r['imported_title']}"), r["master_section"]) for r in report["sections"]
           if r.get("imported_title") and r.get("master_section") and r["status"] in ("same", "reworded")}
    t = Tally(right=len(got & want), predicted=len(got), keyed=len(want), found=len(got & want))
    t.wrong = [f"{name}: paired wrongly {h!r} -> {m}" for h, m in sorted(got - want)] + \
              [f"{name}: not paired {h!r} -> {m}" for h, m in sorted(want - got)]
    return t


# role ids some keys' writers gave for a role the example pack names otherwise (they wrote the keys
# without the pack's ids): the key's role is the pack's
ROLE_IDS = {"chair_of_governors": "chair", "network_manager": "it_technician",
            "online_safety_coordinator": "online_safety_officer", "online_safety_lead": "online_safety_officer",
            "data_protection_lead": "dpo", "data_protection_officer": "dpo",
            "designated_safeguarding_lead": "dsl", "deputy_head": "deputy_headteacher",
            "assistant_head": "assistant_headteacher", "vice_principal": "deputy_headteacher"}


def _pack_key(k: str) -> str:
    parts = k.split(".")
    if len(parts) == 3 and parts[0] == "roles":
        parts[1] = ROLE_IDS.get(parts[1], parts[1])
    return ".".join(parts)


def _values(key: dict, report: dict, master: str, name: str) -> Tally:
    want = {}
    for k, v in (key.get("values") or {}).items():
        k = f"policies.{master}.{k}" if k.startswith("approval.") else _pack_key(k)
        if SCORED.fullmatch(k):
            want[k] = v
    got: dict = {}
    for v in report["values"]:       # (a key given twice: the draft takes the first, so the score does)
        if SCORED.fullmatch(v["key"]):
            got.setdefault(v["key"], v["value"])
    t = Tally(predicted=len(got), keyed=len(want))
    for k, v in got.items():
        if k in want and _same_value(k, v, want[k]):
            t.right += 1
            t.found += 1
        elif k in want:
            t.wrong.append(f"{name}: {k} read {v!r}, the key says {want[k]!r}")
        else:
            t.wrong.append(f"{name}: {k} = {v!r} is not in the key (invented, or a value the key leaves out)")
    t.wrong += [f"{name}: {k} = {v!r} missed" for k, v in want.items() if k not in got]
    return t


def _defects(key: dict, report: dict, copy: Path, name: str) -> Tally:
    lines = copy.read_text(encoding="utf-8").splitlines()
    want: set[tuple[int, str]] = set()
    for d in key.get("defects") or []:
        at = next((n for n, line in enumerate(lines, 1) if d["text"] in line), None)
        if at is not None:
            want.add((at, d["class"]))
    got = {(d["line"], DEFECT_CODES[d["code"]]) for d in report["diagnostics"]
           if d["code"] in DEFECT_CODES and d.get("line")}
    t = Tally(right=len(got & want), predicted=len(got), keyed=len(want), found=len(got & want))
    t.wrong = [f"{name}: line {n} flagged {c} wrongly: {lines[n - 1][:90]!r}" for n, c in sorted(got - want)] + \
              [f"{name}: line {n} {c} missed: {lines[n - 1][:90]!r}" for n, c in sorted(want - got)]
    return t
