"""Sample values left in the trust's or a school's file (W-SAMPLE-VALUE): an address at a domain
reserved for examples, or a sample person or number ``policypack new`` wrote
(builder/common/samples.py). ``publish`` refuses them, as ``check --strict`` does."""

from __future__ import annotations

from builder.common.diagnostics import Diagnostic, diagnostic
from builder.common.samples import sample_kind
from builder.source.model import Trust


def check_samples(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    sources = [(pack.trust, None)] + [(pack.schools[sid], sid) for sid in sorted(resolved)]
    for written, sid in sources:
        for s in written.texts(leave_out=Trust.CONFIG):
            kind = sample_kind(s.value)
            if kind:
                out.append(diagnostic(s.path, s.line, "W-SAMPLE-VALUE",
                                      f"'{s.key}' is {kind}: replace it with the real one before "
                                      f"publishing (publish refuses it)", sid))
    return out
