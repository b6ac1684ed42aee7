"""A school colour too light for WCAG AA contrast on white: the outputs use a darker shade;
the author is told so at the colour's line."""

from __future__ import annotations

from builder.common.colour import contrast_problem
from builder.common.diagnostics import Diagnostic, diagnostic


def check_colours(pack, resolved) -> list[Diagnostic]:
    out = []
    for sid in sorted(resolved):
        school = resolved[sid].school
        # the school's own colour, else the trust's (``trust: colour:``), where it is written
        trust_own = pack.trust.written("trust")
        trust_own = trust_own if isinstance(trust_own, dict) else {}
        for colour, line, shown in (
                (school.written("colour"), school.line_of("colour"), school.shown),
                (trust_own.get("colour"), trust_own.line_of("colour") if "colour" in trust_own
                 and hasattr(trust_own, "line_of") else None, pack.trust.shown)):
            if not colour:
                continue
            problem = contrast_problem(str(colour))
            if problem:
                out.append(diagnostic(shown, line, "W-COLOUR-CONTRAST", problem, sid))
            break
    return out
