"""Diagnostics that read like a compiler's: ``path:line: severity CODE: message [school]``."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

from builder.common.codes import severity_of

SEVERITIES = ("error", "warning", "notice")

# The only severities a diagnostic may have other than its code's own, each named by the rule
# that gives it: --strict reports the warnings as errors (checks.strictly), and the import
# reports the checks' errors it finds in the old copy as warnings, since the import replaces the
# copy and none of them stops it (importing/defects.py).
OVERRIDES = {"strict": ("warning", "error"), "import": ("error", "warning")}


# Control characters (a terminal's escape sequences, a carriage return, bidirectional overrides)
# that a pack value or a returned form may carry: printed as \x1b, \u202e..., never raw.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                      "\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str) -> str:
    """``text`` with every control character but the newline and tab written as an escape, so
    what is printed cannot move the cursor, recolour or retitle the terminal, or reorder text."""
    return _CONTROL.sub(_escape, str(text))


MESSAGE_CHARS = 2000   # the longest message printed whole on its line (see Diagnostic.format)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding. ``code`` must be declared (builder/common/codes.py) and ``severity`` be its
    own, or the one an ``override`` (a key of OVERRIDES) gives it: anything else is a
    programming error, a ValueError here."""
    path: str
    line: int | None
    severity: str
    code: str
    message: str
    school: str | None = None
    override: str | None = field(default=None, kw_only=True, compare=False)

    def __post_init__(self):
        own = severity_of(self.code)
        wanted = (own, own) if self.override is None else OVERRIDES.get(self.override)
        if (own, self.severity) != wanted:
            how = f" with override {self.override!r}" if self.override else ""
            raise ValueError(f"{self.code} is declared {own!r}: a diagnostic of it cannot be "
                             f"{self.severity!r}{how}")

    @classmethod
    def from_json(cls, d: dict) -> Diagnostic:
        """A diagnostic as ``to_json`` wrote it (a build's manifest, a worker's or an import's
        report): a severity other than its code's own is the override that gives it."""
        if not isinstance(d, dict):
            raise TypeError("a diagnostic is a JSON object")
        own = severity_of(str(d.get("code")))
        override = next((k for k, v in OVERRIDES.items() if v == (own, d.get("severity"))), None)
        return cls(**d, override=override)

    def format(self) -> str:
        """One line, as a compiler prints it: a line break in what a finding quotes is shown as
        a space, and a message past ``MESSAGE_CHARS`` is cut with "…" (a quote of a hostile run
        of 200,000 underscores); ``--format json`` keeps the whole message."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        who = f" [{self.school}]" if self.school else ""
        return printable(f"{where}: {self.severity} {self.code}: {self.one_line()}{who}")

    def one_line(self) -> str:
        """The message as ``format`` prints it: on one line, cut at ``MESSAGE_CHARS``."""
        message = re.sub(r"[ \t]*(?:\r\n?|\n)[ \t]*", " ", self.message)
        return message[:MESSAGE_CHARS - 1] + "…" if len(message) > MESSAGE_CHARS else message

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "override"}  # from_json infers it


class PackError(Exception):
    """The pack could not be read or rendered. Carries one or more diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    def __reduce__(self):  # crosses from a worker process intact
        return (PackError, (self.diagnostics,))


def error(path, line, code, message, school=None) -> Diagnostic:
    return Diagnostic(str(path), line, "error", code, message, school)


def diagnostic(path, line, code, message, school=None) -> Diagnostic:
    """A diagnostic of ``code`` at the severity declared for it (builder/common/codes.py)."""
    return Diagnostic(str(path), line, severity_of(code), code, message, school)


@dataclass
class Collector:
    """Gathers independent errors so one run reports them all."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diag: Diagnostic) -> None:
        if diag not in self.items:
            self.items.append(diag)

    def extend(self, diags) -> None:
        for d in diags:
            self.add(d)

    def run(self, fn, *args, **kwargs):
        """Call fn; a PackError it raises is recorded and None returned."""
        try:
            return fn(*args, **kwargs)
        except PackError as exc:
            self.extend(exc.diagnostics)
            return None

    def raise_if_errors(self) -> None:
        errs = [d for d in self.items if d.severity == "error"]
        if errs:
            raise PackError(errs)


def sort_key(d: Diagnostic):
    return (SEVERITIES.index(d.severity), d.path, d.line or 0, d.code, d.school or "", d.message)


def format_text(diags: list[Diagnostic]) -> str:
    """Grouped by severity, then file, with a closing count."""
    lines = [d.format() for d in sorted(diags, key=sort_key)]
    counts = {s: sum(1 for d in diags if d.severity == s) for s in SEVERITIES}
    lines.append(
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['notice']} notice(s)"
    )
    return "\n".join(lines)


def format_json(diags: list[Diagnostic]) -> str:
    """As JSON, each text with its control characters escaped as ``format`` prints them (JSON
    itself would leave C1 controls and bidirectional overrides raw)."""
    rows = [{k: printable(v) if isinstance(v, str) else v for k, v in d.to_json().items()}
            for d in sorted(diags, key=sort_key)]
    return json.dumps(rows, indent=2, ensure_ascii=False)


def _github_data(text: str) -> str:
    """A workflow command's message: '%', CR and LF encoded, so a finding cannot end its line and
    start a command of its own."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diags: list[Diagnostic], prefix: str = "") -> str:
    """GitHub Actions workflow commands (``::error file=...,line=...,title=CODE::message``): in a
    pull request each finding sits on its line of the diff. ``prefix`` is the pack's folder from
    the repository's root ('' when the pack is the repository)."""
    level = {"error": "error", "warning": "warning", "notice": "notice"}
    lines = []
    for d in sorted(diags, key=sort_key):
        where = f"file={_github_property(prefix + d.path)}"
        if d.line:
            where += f",line={d.line}"
        who = f" [{d.school}]" if d.school else ""
        lines.append(f"::{level[d.severity]} {where},title={_github_property(d.code)}"
                     f"::{_github_data(d.message + who)}")
    lines.append(format_text(diags).rsplit("\n", 1)[-1])  # the closing count, as text
    return "\n".join(lines)


_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\\": "\\\\", "`": "\\`",
             "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "\n": " ", "\r": " "}


def _markdown_cell(text: str) -> str:
    """Text as one cell of a Markdown table: what a school file says is shown, never obeyed."""
    return "".join(_MARKDOWN.get(c, c) for c in printable(text))


def format_markdown(diags: list[Diagnostic]) -> str:
    """A Markdown table of the findings (a CI job's summary page), with the closing count."""
    out = ["## policypack check", ""]
    if diags:
        out += ["| | Where | Code | Finding | School |", "|---|---|---|---|---|"]
        for d in sorted(diags, key=sort_key):
            where = f"{d.path}:{d.line}" if d.line else d.path
            out.append(f"| {d.severity} | {_markdown_cell(where)} | {d.code} | "
                       f"{_markdown_cell(d.message)} | {_markdown_cell(d.school or '')} |")
        out.append("")
    out.append(format_text(diags).rsplit("\n", 1)[-1])
    return "\n".join(out)


def wrapped_pack_error(exc: BaseException) -> PackError | None:
    """The PackError behind an exception a library raised around it, if any. WeasyPrint turns a
    refused fetch into FatalURLFetchingError; from a worker process only its message survives."""
    seen = 0
    cur: BaseException | None = exc
    while cur is not None and seen < 20:
        if isinstance(cur, PackError):
            return cur
        cur = cur.__cause__ or cur.__context__
        seen += 1
    if type(exc).__name__ == "FatalURLFetchingError":
        m = re.search(r'"(.*)"', str(exc))
        url = m.group(1) if m else str(exc)
        return PackError(error("<render>", None, "E-FETCH", f"the document tried to load '{url}'; "
                                                             f"outputs may not fetch files or URLs"))
    return None
