"""The trust index builder: ``index.html`` (and its stylesheet) at the top of the build's folder.

It plans no job per school: once every school is built (or a sharded build's shards merged) it
is written in the main process from the manifest's school summaries (render.py), so it never
needs a school resolved again.
"""

from __future__ import annotations

from pathlib import Path

from builder.render.base import Builder, Finish
from builder.common import paths
from builder.render.index.render import write_trust_index


class TrustIndex(Builder):
    name = "trust-index"

    def address(self, school=None, item=None) -> str:
        return paths.TRUST_INDEX

    def finish(self, run: Finish) -> list[str]:
        return write_trust_index(Path(run.stage), run.manifest, run.pack, run.today)


TRUST_INDEX = TrustIndex()
