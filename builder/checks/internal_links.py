"""Internal addresses typed by hand (E-LINK): ``pp:`` addresses are made only by ``ref()`` and
the builders, so a ``pp:`` address written in a section's text, as a Markdown link, an autolink,
a link definition or an HTML ``href``, is reported at its line, whatever follows the colon
(``pp:``, ``pp:policy``, ``pp:section/a/b``): the renderers map only what ``ref()`` writes."""

from __future__ import annotations

import re

from builder.common.addresses import INTERNAL_SCHEME
from builder.common.diagnostics import Diagnostic
from builder.checks.sources import line_at, masked_sections

# where a link's address begins: "](", "<" (an autolink), "[x]: " (a definition), href= / src=
TYPED = re.compile(r"(?:\]\(\s*<?|(?<![\w<])<|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?|\b(?:href|src)[ \t]*=[ \t]*[\"']?)"
                   rf"(?P<a>{INTERNAL_SCHEME}:[^\s)\"'>]*)", re.I | re.M)


def check_internal_links(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for src, masked in masked_sections(pack, resolved):
        for m in TYPED.finditer(masked):
            out.append(Diagnostic(
                src.shown, line_at(masked, m.start("a")), "error", "E-LINK",
                f"the address '{m.group('a')[:60]}' is typed by hand: '{INTERNAL_SCHEME}:' addresses are "
                f"made by ref() only; write {{{{ ref(\"section-id\") }}}} (or \"policy-id#section-id\", "
                f"\"form:form-id\") for the link", src.school))
    return out
