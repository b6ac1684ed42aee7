"""A diagnostic's severity follows from its code (builder/common/codes.py): a code that is not
declared, or a severity that is not the code's own, is refused when the diagnostic is made, but
for the two overrides: --strict's warnings reported as errors, and the import's check errors
reported as warnings."""

from __future__ import annotations

import json
import pickle

import pytest

from builder.checks import strictly
from builder.common.diagnostics import (Diagnostic, PackError, diagnostic, error, format_json,
                                        format_text)


def test_an_undeclared_code_is_refused():
    with pytest.raises(ValueError, match="'E-NOT-A-CODE' is not a declared diagnostic code"):
        Diagnostic("a.yml", 1, "error", "E-NOT-A-CODE", "m")
    with pytest.raises(ValueError, match="not a declared"):
        error("a.yml", 1, "E-NOT-A-CODE", "m")
    with pytest.raises(ValueError, match="not a declared"):
        diagnostic("a.yml", 1, "e-key", "m")


def test_a_severity_other_than_the_codes_own_is_refused():
    with pytest.raises(ValueError, match="E-KEY is declared 'error'"):
        Diagnostic("a.yml", 1, "warning", "E-KEY", "m")
    with pytest.raises(ValueError, match="W-REVIEW-OVERDUE is declared 'warning'"):
        error("a.yml", 1, "W-REVIEW-OVERDUE", "m")
    with pytest.raises(ValueError):
        Diagnostic("a.yml", 1, "fatal", "E-KEY", "m")
    with pytest.raises(ValueError):
        Diagnostic("a.yml", 1, "error", "N-REVIEW-DUE", "m")


def test_the_helper_takes_the_severity_from_the_code():
    assert diagnostic("a.yml", 3, "W-REVIEW-OVERDUE", "m", "oak") == \
        Diagnostic("a.yml", 3, "warning", "W-REVIEW-OVERDUE", "m", "oak")
    assert diagnostic("a.yml", None, "N-REVIEW-DUE", "m").severity == "notice"
    assert diagnostic("a.yml", None, "E-KEY", "m") == error("a.yml", None, "E-KEY", "m")


def test_strict_reports_warnings_as_errors_and_keeps_their_codes():
    found = [diagnostic("s.yml", 1, "W-REVIEW-OVERDUE", "due", "oak"),
             diagnostic("s.yml", 2, "N-REVIEW-DUE", "soon", "oak"),
             diagnostic("s.yml", 3, "E-KEY", "key", "oak")]
    strict = strictly(found)
    assert [(d.severity, d.code, d.override) for d in strict] == [
        ("error", "W-REVIEW-OVERDUE", "strict"), ("notice", "N-REVIEW-DUE", None),
        ("error", "E-KEY", None)]
    assert strictly(strict) == strict
    assert strict[0].format() == "s.yml:1: error W-REVIEW-OVERDUE: due [oak]"
    assert format_text(strict).endswith("2 error(s), 0 warning(s), 1 notice(s)")


@pytest.mark.parametrize("severity, code, override", [
    ("error", "W-REVIEW-OVERDUE", "import"),     # the import demotes errors; it promotes none
    ("warning", "E-HAND-REF", "strict"),         # --strict promotes warnings; it demotes none
    ("warning", "W-REVIEW-OVERDUE", "strict"),   # an override that changes nothing
    ("error", "N-REVIEW-DUE", "strict"),         # notices stay notices
    ("error", "W-REVIEW-OVERDUE", "loud"),       # no such override
])
def test_an_override_gives_only_its_own_severity(severity, code, override):
    with pytest.raises(ValueError, match=f"with override '{override}'"):
        Diagnostic("a.yml", 1, severity, code, "m", override=override)


def test_the_import_reports_a_checks_error_as_a_warning():
    d = Diagnostic("copy.docx", 4, "warning", "E-HAND-REF", "typed 'section 4'", "oak",
                   override="import")
    assert d.format() == "copy.docx:4: warning E-HAND-REF: typed 'section 4' [oak]"


def test_json_is_unchanged_and_read_back_with_the_override():
    promoted = strictly([diagnostic("s.yml", 1, "W-REVIEW-OVERDUE", "due", "oak")])[0]
    demoted = Diagnostic("c.txt", 2, "warning", "E-PLACEHOLDER", "TBC", "oak", override="import")
    plain = error("s.yml", 3, "E-KEY", "key")
    for d in (promoted, demoted, plain):
        data = json.loads(json.dumps(d.to_json()))
        assert set(data) == {"path", "line", "severity", "code", "message", "school"}
        back = Diagnostic.from_json(data)
        assert back == d and back.override == d.override
    assert [r["code"] for r in json.loads(format_json([plain, promoted]))] == \
        ["W-REVIEW-OVERDUE", "E-KEY"]
    with pytest.raises(ValueError, match="not a declared"):
        Diagnostic.from_json({**plain.to_json(), "code": "E-GONE"})


def test_a_diagnostic_crosses_processes_with_its_override():
    promoted = strictly([diagnostic("s.yml", 1, "W-REVIEW-OVERDUE", "due", "oak")])[0]
    back = pickle.loads(pickle.dumps(PackError([promoted])))
    assert back.diagnostics == [promoted] and back.diagnostics[0].override == "strict"


def test_a_build_manifest_reads_its_diagnostics_back():
    """A build's manifest keeps each school's diagnostics (--strict's included); one naming a
    code this version does not declare is read as no diagnostics, not a crash."""
    from builder.pipeline.manifest import SchoolEntry
    promoted = strictly([diagnostic("s.yml", 1, "W-REVIEW-OVERDUE", "due", "oak")])[0]
    entry = SchoolEntry.from_json("oak", {"name": "Oak", "diagnostics": [promoted.to_json()]})
    assert entry.diagnostics == [promoted]
    gone = {**promoted.to_json(), "code": "W-GONE"}
    for bad in ([gone], [1], [["E-KEY"]], [{**gone, "code": ["E-KEY"]}]):
        assert SchoolEntry.from_json("oak", {"name": "Oak", "diagnostics": bad}).diagnostics is None


def test_each_finding_prints_on_one_line_of_bounded_length():
    """What a finding quotes may hold line breaks or a hostile run; the text format stays one
    line per finding (``path:line: ...``), as editors and CI read it, and JSON keeps it whole."""
    from builder.common.diagnostics import MESSAGE_CHARS, format_json, format_text
    broken = error("schools/oak.yml", 4, "E-VALUE-SHAPE", "'Mrs A\nLee' names two people", "oak")
    long = error("content/p/s.md", 2, "E-PLACEHOLDER", "'" + "_" * 200_000 + "' is a gap", "oak")
    lines = format_text([broken, long]).split("\n")
    assert len(lines) == 3 and lines[0].startswith("content/p/s.md:2: error E-PLACEHOLDER: '___")
    assert lines[1] == "schools/oak.yml:4: error E-VALUE-SHAPE: 'Mrs A Lee' names two people [oak]"
    assert len(lines[0]) < MESSAGE_CHARS + 100 and lines[0].endswith("… [oak]")
    assert "_" * 200_000 in format_json([long])
