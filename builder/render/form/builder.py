"""The form PDF builder: one fillable PDF per appendix form of a school, at
``<school>/forms/<form>.pdf``.

Planned from the form as the school resolved it (``rs.resolved_forms``): the PDF's HTML, with
``pp:`` links pointed at the PDFs beside it. Rendered in one WeasyPrint pass with the form's
field clean-up (pdf.py). A form's page on the school's site is not a separate output: MkDocs
writes it with the rest of the site (render/site).
"""

from __future__ import annotations

from pathlib import Path

from builder.render.base import Builder, Job, Rendered, write_pdf
from builder.common import paths

COST = 0.25   # seconds, roughly, as measured: forms are short


class FormPdf(Builder):
    name = "form-pdf"

    def address(self, school, item=None) -> str:
        return paths.in_school(school, paths.form_pdf(item))

    def plan(self, planner, rs) -> list[Job]:
        from builder.common.colour import school_accent
        from builder.render.form.pdf import form_pdf_html
        from builder.render.pages import pdf_linker

        colour = school_accent(rs.values)
        jobs = []
        for fid in rs.forms:
            f = rs.resolved_forms.get(fid)
            if f is None:
                continue
            here = paths.form_pdf(fid)
            links, _to = pdf_linker(rs, planner.pack.trust, here, None)
            html = form_pdf_html(f, colour, links)
            jobs.append(self.job(planner, rs.id, fid, (html, repr(f)), COST, (f, html)))
        return jobs

    def render(self, job: Job, stage: Path, outline: bool) -> Rendered:
        from builder.render.form.pdf import form_pdf
        assert job.payload is not None   # dropped only after the job is sent to its worker
        f, html = job.payload
        return write_pdf(job, stage, outline, lambda finishers: form_pdf(f, html, finishers=finishers))

    def floor(self, payload: tuple, scratch: Path) -> None:
        from builder.render.engine import html_to_pdf
        from builder.render.form.pdf import CSS_FILE
        _form, html = payload
        html_to_pdf(html, CSS_FILE.read_text(encoding="utf-8"))


FORM_PDF = FormPdf()
