"""Render the editions of Briefs: the HTML here (Jinja is quick), the PDFs in parallel processes
(edition.pdf), through a renderer started early when the command has one."""

from __future__ import annotations

from ..core.config import Config
from .brief import Brief
from .pdf import PdfRenderer, write_pdfs


def render_many(cfg: Config, work: list[tuple[Brief, str]], *,
                renderer: PdfRenderer | None = None) -> list[tuple[str, bytes]]:
    """(HTML text, PDF bytes) of each (brief, language) pair, in order."""
    from .render import pdf_job, render_html

    htmls = [render_html(cfg, brief, lang) for brief, lang in work]
    jobs = [pdf_job(cfg, html) for html in htmls]
    pdfs = renderer.pdfs(jobs) if renderer is not None else write_pdfs(jobs)
    return list(zip(htmls, pdfs))

