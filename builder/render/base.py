"""The shape of every output kind: a ``Builder``, and the ``Job`` it plans for each output.

One builder per output kind (policy PDF, form PDF, school site, trust index), each in a module
beside its renderer and listed once in builders.py. After Sphinx's builders, a builder has a
``name`` and these parts; the build calls them for every builder in the list, never asking
which kind it is:

    address(school, item)      where the output lives in the build's folder (from common/paths)
    plan(planner, rs)          main process: the jobs for one resolved school, each with its
                               payload (everything the renderer reads) and its key
    render(job, stage, outline)  worker process: the payload into files in the staging folder,
                               and, when ``outline``, each file's outline for the link check
    finish(run)                main process, after every school: what is made of the whole
                               build (signing the PDFs just rendered, the trust index)

A payload crosses to a worker process, so it must pickle and should be small; it holds no pack
and no school: a worker reads nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from builder.common.files import key_of, write_bytes
from builder.render.outlines import PdfOutliner

if TYPE_CHECKING:
    from builder.pipeline.manifest import Manifest
    from builder.pipeline.plan import Planner
    from builder.resolve.model import ResolvedSchool
    from builder.source.model import Pack

# what rendering one job gives back: (its output's path, the files written, {file: Outline})
Rendered = tuple[str, list[str], dict]


@dataclass
class Job:
    """One output to render."""
    builder: str                  # the name of the builder that planned it and renders it
    school: str
    item: str | None              # the policy or form, or None for a school's whole site
    key: str
    rel: str                      # its address: a path in the output folder (a folder for a site)
    cost: float                   # estimated seconds to render, to schedule largest first
    payload: Any = None           # what the renderer reads: its builder's payload dataclass;
                                  # dropped once the job is sent, so memory holds only the
                                  # payloads of jobs still waiting


@dataclass
class Finish:
    """What a builder's ``finish`` sees, once every school's outputs are written."""
    stage: Path                   # the staging folder: the build's output before it is swapped in
    pack: Pack
    manifest: Manifest
    today: dt.date
    rendered: dict[str, list[str]] = field(default_factory=dict)  # builder name -> rels rendered now
    sign_with: Path | None = None


class Builder:
    """One output kind. Subclasses set ``name`` and override what they make."""

    name = ""

    def address(self, school: str | None, item: str | None = None) -> str:
        """The output's path in the build's folder."""
        raise NotImplementedError

    def plan(self, planner: Planner, rs: ResolvedSchool) -> list[Job]:
        """The school's jobs of this kind (main process). Default: none."""
        return []

    def render(self, job: Job, stage: Path, outline: bool) -> Rendered:
        """One job's files, written into ``stage`` (worker process)."""
        raise NotImplementedError

    def finish(self, run: Finish) -> list[str]:
        """After every school (main process): files written now (paths in the output folder),
        for the link check. Default: nothing."""
        return []

    # helpers for subclasses

    def job(self, planner: Planner, school: str, item: str | None, parts: tuple, cost: float,
            payload: Any) -> Job:
        """A job at this builder's address, keyed by this builder's name, the builder's code
        and ``parts`` (what the output is made from: the payload, or what makes it)."""
        return Job(self.name, school, item, key_of(self.name, planner.builder, *parts),
                   self.address(school, item), cost, payload)


def write_pdf(job: Job, stage: Path, outline: bool, make: Callable[[list], bytes]) -> Rendered:
    """Render a job whose output is one PDF: ``make(finishers)`` gives its bytes; with
    ``outline`` a PdfOutliner is among the finishers, so the PDF is outlined as it is written."""
    outliner = [PdfOutliner()] if outline else []
    write_bytes(Path(stage) / job.rel, make(outliner))
    return job.rel, [job.rel], {job.rel: outliner[0].outline} if outline else {}
