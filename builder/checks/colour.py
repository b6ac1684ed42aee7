"""A school colour too light for WCAG AA contrast on white: the outputs use a darker shade;
the author is told so at the colour's line."""

from __future__ import annotations

from builder.render.colour import contrast_problem
from builder.common.diagnostics import Diagnostic, diagnostic


def check_colours(pack, resolved) -> list[Diagnostic]:
    out = []
    for sid in sorted(resolved):
        school = resolved[sid].school
        for source, shown in ((school.raw, school.shown), (pack.trust.raw.get("trust") or {}, pack.trust.shown)):
            colour = source.get("colour") if isinstance(source, dict) else None
            if not colour:
                continue
            problem = contrast_problem(str(colour))
            if problem:
                line = source.line_of("colour") if hasattr(source, "line_of") else None
                out.append(diagnostic(shown, line, "W-COLOUR-CONTRAST", problem, sid))
            break
    return out
