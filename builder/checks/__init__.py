"""Checks on a loaded and resolved pack, and on the rendered output.

    run_checks(pack, resolved, today)          the checks below, on the chosen schools
    check_pack(pack, resolved, today, strict)  the resolver's findings plus run_checks
    check_outputs(out_dir)                     every internal link and anchor after rendering
    check_outlines(out_dir, label, paths, known)   the same, from outlines taken while rendering

Codes are documented in README.md under "Diagnostics".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from builder.common.diagnostics import Diagnostic
from builder.checks.approvals import check_approvals
from builder.checks.colour import check_colours
from builder.checks.doubled import check_doubled
from builder.checks.glyphs import check_glyphs
from builder.checks.other_school import check_other_school
from builder.checks.review_prose import check_review_prose
from builder.checks.outlines import Outline, PdfOutliner, html_outline, read_outline
from builder.checks.output_links import check_outlines, check_outputs
from builder.checks.placeholders import check_placeholders
from builder.checks.references import check_hand_refs, check_metadata_refs
from builder.checks.review_dates import check_review_dates
from builder.checks.roles import check_roles

__all__ = ["run_checks", "check_pack", "check_outputs", "check_outlines", "Outline", "PdfOutliner",
           "html_outline", "read_outline", "strictly", "has_errors"]


def run_checks(pack, resolved: dict, today: dt.date) -> list[Diagnostic]:
    """Every check on the loaded pack and its resolved schools (``resolved`` may hold only
    some schools: school-specific checks then cover only those)."""
    found: list[Diagnostic] = []
    found += check_review_dates(pack, resolved, today)
    found += check_metadata_refs(pack, resolved)
    found += check_hand_refs(pack, resolved)
    found += check_placeholders(pack, resolved)
    found += check_roles(pack, resolved)
    found += check_colours(pack, resolved)
    found += check_review_prose(pack, resolved)
    found += check_other_school(pack, resolved)
    found += check_doubled(pack, resolved)
    found += check_glyphs(pack, resolved)
    found += check_approvals(pack, resolved, today)
    return list(dict.fromkeys(found))


def strictly(diags: list[Diagnostic]) -> list[Diagnostic]:
    """--strict: every warning becomes an error (notices stay notices)."""
    return [replace(d, severity="error", override="strict") if d.severity == "warning" else d for d in diags]


def check_pack(pack, resolved: dict, today: dt.date, strict: bool = False) -> list[Diagnostic]:
    """What ``policypack check`` reports: the resolver's diagnostics for these schools (in the
    text of their policies and of their forms: undefined variables, unknown references...) and
    every check. The build resolves the same way and stops on any error."""
    found: list[Diagnostic] = []
    for sid in sorted(resolved):
        found += resolved[sid].diagnostics
    found += run_checks(pack, resolved, today)
    found = list(dict.fromkeys(found))
    return strictly(found) if strict else found


def has_errors(diags: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)
