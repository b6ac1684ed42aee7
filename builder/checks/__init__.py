"""Checks on a loaded and resolved pack: ``CHECKS``, one named entry each, all run by
``run_checks(pack, resolved, today)``. ``Project.findings`` (builder/project.py) adds the
resolver's own findings; the links of the rendered output are checked by pipeline/links.py.

Codes are declared in builder/common/codes.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from builder.common import limits
from builder.common.diagnostics import Diagnostic, PackError, error
from builder.resolve.model import ResolvedSchool
from builder.source.model import Pack
from builder.checks.approvals import check_approvals
from builder.checks.colour import check_colours
from builder.checks.doubled import check_doubled
from builder.checks.glyphs import check_glyphs
from builder.checks.invisible import check_invisible
from builder.checks.internal_links import check_internal_links
from builder.checks.other_school import check_other_school
from builder.checks.review_prose import check_review_prose
from builder.checks.placeholders import check_placeholders
from builder.checks.references import check_hand_refs, check_metadata_refs
from builder.checks.review_dates import check_review_dates
from builder.checks.requirements import check_requirements
from builder.checks.roles import check_roles
from builder.checks.samples import check_samples
from builder.checks.unused_files import check_unused_files
from builder.checks.values import check_values

__all__ = ["CHECKS", "Check", "Scope", "run_checks", "strictly", "has_errors"]


@dataclass(frozen=True)
class Scope:
    """What every check reads: the loaded pack, the resolved schools it covers (school-specific
    checks cover only these) and the date review dates are judged by."""
    pack: Pack
    resolved: Mapping[str, ResolvedSchool]
    today: dt.date


@dataclass(frozen=True)
class Check:
    """One named check: ``run(scope)`` gives its findings."""
    name: str
    run: Callable[[Scope], list[Diagnostic]]


# Every check, in the order its findings are listed. A check is added here, once.
CHECKS: tuple[Check, ...] = (
    Check("review-dates", lambda s: check_review_dates(s.pack, s.resolved, s.today)),
    Check("metadata-references", lambda s: check_metadata_refs(s.pack, s.resolved)),
    Check("typed-references", lambda s: check_hand_refs(s.pack, s.resolved)),
    Check("internal-links", lambda s: check_internal_links(s.pack, s.resolved)),
    Check("placeholders", lambda s: check_placeholders(s.pack, s.resolved)),
    Check("roles", lambda s: check_roles(s.pack, s.resolved)),
    Check("colours", lambda s: check_colours(s.pack, s.resolved)),
    Check("review-prose", lambda s: check_review_prose(s.pack, s.resolved)),
    Check("other-school", lambda s: check_other_school(s.pack, s.resolved)),
    Check("doubled-words", lambda s: check_doubled(s.pack, s.resolved)),
    Check("glyphs", lambda s: check_glyphs(s.pack, s.resolved)),
    Check("invisible-characters", lambda s: check_invisible(s.pack, s.resolved)),
    Check("approvals", lambda s: check_approvals(s.pack, s.resolved, s.today)),
    Check("value-shapes", lambda s: check_values(s.pack, s.resolved)),
    Check("unused-files", lambda s: check_unused_files(s.pack, s.resolved)),
    Check("sample-values", lambda s: check_samples(s.pack, s.resolved)),
    Check("requirements", lambda s: check_requirements(s.pack, s.resolved)),
)


def run_checks(pack: Pack, resolved: Mapping[str, ResolvedSchool], today: dt.date) -> list[Diagnostic]:
    """Every check on the loaded pack and its resolved schools (``resolved`` may hold only
    some schools: school-specific checks then cover only those)."""
    scope = Scope(pack, resolved, today)
    found: list[Diagnostic] = []
    seconds = limits.current().check_seconds
    running = [""]

    def stop():
        raise PackError(error("trust.yml", None, "E-LIMIT", limits.limit_message(
            f"the checks took longer than {seconds} s (the '{running[0]}' check was running)",
            f"{seconds} s", "check_seconds")))

    with limits.time_limit(seconds, stop):
        for check in CHECKS:
            running[0] = check.name
            found += check.run(scope)
            if limits.over():
                stop()
    return list(dict.fromkeys(found))


def strictly(diags: list[Diagnostic]) -> list[Diagnostic]:
    """--strict: every warning becomes an error (notices stay notices)."""
    return [replace(d, severity="error", override="strict") if d.severity == "warning" else d for d in diags]


def has_errors(diags: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)
