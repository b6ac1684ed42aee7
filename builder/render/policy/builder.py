"""The policy PDF builder: one PDF per policy of a school, at ``<school>/pdf/<policy>.pdf``.

Planned from the resolved school: the PDF's HTML (render.py) and its signature fields, keyed
with the signing certificate's fingerprint (a signed PDF differs from an unsigned one). Rendered
by WeasyPrint with the signature fields added in the same pass. With ``build --sign-with``, the
PDFs rendered by this build are signed once every school is done; the others were signed when
they were rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.render.base import Builder, Finish, Job, Rendered, write_pdf
from builder.common import paths
from builder.render.policy.render import policy_pdf_html
from builder.sign.fields import signature_fields_for
from builder.render.engine import html_to_pdf
from builder.sign.fields import SignatureFields
from builder.sign.certify import sign_outputs


@dataclass(frozen=True)
class PolicyPdfPayload:
    html: str                 # the PDF's HTML, its logo and approval record inside
    fields: list              # the signature fields (sign/fields.py), one per signatory


class PolicyPdf(Builder):
    name = "policy-pdf"

    def address(self, school, item=None) -> str:
        return paths.in_school(school, paths.policy_pdf(item))

    def plan(self, planner, rs) -> list[Job]:
        jobs = []
        for pid, rp in rs.policies.items():
            html = policy_pdf_html(rs, rp, planner.pack, planner.today)  # logo and status inside
            fields = signature_fields_for(rp.approval.signatories if rp.approval else [])
            jobs.append(self.job(planner, rs.id, pid, (html, fields, planner.signing),
                                 pdf_cost(html, fields), PolicyPdfPayload(html, fields)))
        return jobs

    def render(self, job: Job, stage: Path, outline: bool) -> Rendered:
        p: PolicyPdfPayload = job.payload
        return write_pdf(job, stage, outline, lambda finishers: html_to_pdf(
            p.html, finishers=[SignatureFields(p.fields, job.rel), *finishers]))

    def finish(self, run: Finish) -> list[str]:
        signed = run.rendered.get(self.name, [])
        if run.sign_with and signed:
            sign_outputs([run.stage / rel for rel in signed], Path(run.sign_with))
        return []



def pdf_cost(html: str, fields: list) -> float:
    """Seconds, roughly, as measured: WeasyPrint ~1 s per 35 kB of HTML."""
    return len(html) / 35000 + (0.02 if fields else 0)


POLICY_PDF = PolicyPdf()
