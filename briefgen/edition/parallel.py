"""Render the editions of Briefs: the HTML here (Jinja is quick), the PDFs in parallel processes
(edition.pdf), through a renderer started early when the command has one."""

from __future__ import annotations

from pathlib import Path

from ..core.config import Config
from ..core.layout import edition_path
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


def edition_files(output_dir: Path, week: str, rendered: dict[str, tuple[str, bytes]]) -> dict[Path, bytes]:
    """The files of rendered editions: language → (HTML, PDF) becomes path → bytes."""
    out = {}
    for lang, (html, pdf) in rendered.items():
        out[edition_path(output_dir, week, lang, "html")] = html.encode("utf-8")
        out[edition_path(output_dir, week, lang, "pdf")] = pdf
    return out
