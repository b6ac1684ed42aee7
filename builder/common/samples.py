"""Sample values: what a pack must replace before parents see it.

Two kinds, both known to the tool rather than guessed:
- addresses at the domains reserved for examples (RFC 2606 and RFC 6761): example.com, .net and
  .org, and any name under .example, .test, .invalid or .localhost; no real school has one;
- the sample people and numbers that ``policypack new`` writes into a new pack (its template
  uses exactly these, and a test keeps the two together).

``check`` reports them (W-SAMPLE-VALUE), ``check --strict`` and ``publish`` refuse them.
"""

from __future__ import annotations

import re

SAMPLE_PEOPLE = frozenset({"Sam Taylor", "Jo Patel", "Alex Morgan"})
SAMPLE_PHONES = frozenset({"01632960000"})      # Ofcom's drama range, as `new` writes it
RESERVED_NAMES = frozenset({"example.com", "example.net", "example.org"})
RESERVED_ENDINGS = (".example", ".test", ".invalid", ".localhost")
_HOST = re.compile(r"(?:@|https?://|^www\.)([A-Za-z0-9.-]+)", re.I)


def _reserved(host: str) -> bool:
    host = host.lower().rstrip(".")
    return (host in RESERVED_NAMES or any(host.endswith("." + n) for n in RESERVED_NAMES)
            or host.endswith(RESERVED_ENDINGS) or host in {e[1:] for e in RESERVED_ENDINGS})


def sample_kind(value: str) -> str | None:
    """What makes ``value`` a sample ('an address at a domain reserved for examples', 'the
    sample name ...'), or None."""
    text = value.strip()
    for m in _HOST.finditer(text):
        if _reserved(m[1]):
            return f"an address at {m[1].lower()}, a domain reserved for examples"
    if " ".join(text.split()) in SAMPLE_PEOPLE:
        return f"the sample name '{text}' that policypack new writes"
    if re.sub(r"\D", "", text) in SAMPLE_PHONES and re.fullmatch(r"[\d\s()+-]+", text):
        return "the sample phone number that policypack new writes"
    return None
