"""Render the editions of a Brief, in parallel processes when there are several and cores to spare."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .brief import Brief
from .config import Config


def render_edition(cfg: Config, brief: Brief, lang: str) -> tuple[str, bytes]:
    """One language: (HTML text, PDF bytes)."""
    from .render import render_html, render_pdf

    html = render_html(cfg, brief, lang)
    return html, render_pdf(cfg, html)


def render_editions(cfg: Config, brief: Brief, langs: list[str], *, jobs: int | None = None) -> dict[str, tuple[str, bytes]]:
    """Every language's edition. WeasyPrint is CPU-bound and single-threaded, so extra editions go to
    forked worker processes (which inherit the imported libraries) while this process renders the first."""
    jobs = jobs or min(len(langs), len(os.sched_getaffinity(0)))
    if jobs <= 1 or len(langs) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return {lang: render_edition(cfg, brief, lang) for lang in langs}
    import weasyprint  # noqa: F401 - imported once here, inherited by the forked workers

    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx) as pool:
        futures = {lang: pool.submit(render_edition, cfg, brief, lang) for lang in langs[1:]}
        results = {langs[0]: render_edition(cfg, brief, langs[0])}
        for lang, fut in futures.items():
            results[lang] = fut.result()
    return {lang: results[lang] for lang in langs}


def edition_files(folder: Path, rendered: dict[str, tuple[str, bytes]]) -> dict[Path, bytes]:
    out = {}
    for lang, (html, pdf) in rendered.items():
        out[folder / f"brief.{lang}.html"] = html.encode("utf-8")
        out[folder / f"brief.{lang}.pdf"] = pdf
    return out
