"""Every output kind the build makes: one builder each, in the order the build plans them.

To add an output kind: write its builder (a ``base.Builder`` with a ``name``, ``address``,
``plan`` and ``render``, or ``finish`` for an output made of the whole build) in a
module beside its renderer, and add it to ``BUILDERS`` here. Nothing else names output kinds.
"""

from __future__ import annotations

from builder.render.base import Builder
from builder.render.form.builder import FORM_PDF
from builder.render.index.builder import TRUST_INDEX
from builder.render.policy.builder import POLICY_PDF
from builder.render.site.builder import SITE

BUILDERS: tuple[Builder, ...] = (POLICY_PDF, FORM_PDF, SITE, TRUST_INDEX)
BY_NAME: dict[str, Builder] = {b.name: b for b in BUILDERS}
