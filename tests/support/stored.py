"""Drawing only what a PDF stores: a page rendered by PDFium from its stored appearance streams,
as a viewer or printer that never redraws fields shows it (Apple Preview, Ghostscript, many
print drivers). PDFium draws widgets only through its form layer, which may redraw them; here
each page is flattened first (FPDFPage_Flatten merges every annotation's stored normal
appearance into the page) and rendered with no form layer at all."""

from __future__ import annotations


def render_stored(pdf_bytes: bytes, page: int, scale: float = 2.0):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        p = pdf[page]
        assert raw.FPDFPage_Flatten(p.raw, raw.FLAT_NORMALDISPLAY) in (raw.FLATTEN_SUCCESS,
                                                                       raw.FLATTEN_NOTHINGTODO)
        p.close()
        p = pdf[page]                       # reloaded: the flattened content
        return p.render(scale=scale, may_draw_forms=False).to_pil().convert("L")
    finally:
        pdf.close()


def gained_ink(blank: bytes, filled: bytes, rects: dict, heights: list[float], names) -> dict:
    """name -> dark pixels the filled file's stored appearances add inside the field's box."""
    from tests.support.forms import ink
    out, cache = {}, {}
    for name in names:
        page, rect = rects[name]
        if page not in cache:
            cache[page] = render_stored(blank, page), render_stored(filled, page)
        before, after = cache[page]
        out[name] = ink(after, rect, heights[page]) - ink(before, rect, heights[page])
    return out
