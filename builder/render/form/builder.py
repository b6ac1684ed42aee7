"""The form PDF builder: one fillable PDF per appendix form of a school, at
``<school>/forms/<form>.pdf``.

Planned from the form as the school resolved it (``rs.resolved_forms``): the PDF's HTML, with
``pp:`` links pointed at the PDFs beside it. Rendered in one WeasyPrint pass with the form's
field clean-up (pdf.py). A form's page on the school's site is not a separate output: MkDocs
writes it with the rest of the site (render/site).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.render.base import Builder, Job, Rendered, write_pdf
from builder.common import paths
from builder.resolve.forms import ResolvedForm
from builder.common.colour import school_accent
from builder.render.form.pdf import form_pdf_html
from builder.render.pages import pdf_linker
from builder.render.form.pdf import form_pdf

COST = 0.25   # seconds, roughly, as measured: forms are short


@dataclass(frozen=True)
class FormPdfPayload:
    form: ResolvedForm        # the form as the school shows it: its fields and items
    html: str                 # the PDF's HTML


class FormPdf(Builder):
    name = "form-pdf"

    def address(self, school, item=None) -> str:
        return paths.in_school(school, paths.form_pdf(item))

    def plan(self, planner, rs) -> list[Job]:
        colour = school_accent(rs.values)
        jobs = []
        for fid in rs.forms:
            f = rs.resolved_forms.get(fid)
            if f is None:
                continue
            here = paths.form_pdf(fid)
            links, _to = pdf_linker(rs, planner.pack.trust, here, None)
            html = form_pdf_html(f, colour, links)
            jobs.append(self.job(planner, rs.id, fid, (html, repr(f)), COST, FormPdfPayload(f, html)))
        return jobs

    def render(self, job: Job, stage: Path, outline: bool) -> Rendered:
        p: FormPdfPayload = job.payload
        return write_pdf(job, stage, outline, lambda finishers: form_pdf(p.form, p.html, finishers=finishers))



FORM_PDF = FormPdf()
