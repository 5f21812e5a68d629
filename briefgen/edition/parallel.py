"""Render the editions of a Brief, in parallel processes when there are several and cores to spare."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..core.config import Config
from ..core.layout import edition_path
from .brief import Brief


def render_edition(cfg: Config, brief: Brief, lang: str) -> tuple[str, bytes]:
    """One language: (HTML text, PDF bytes)."""
    from .render import render_html, render_pdf

    html = render_html(cfg, brief, lang)
    return html, render_pdf(cfg, html)


def render_many(cfg: Config, work: list[tuple[Brief, str]], *, jobs: int | None = None) -> list[tuple[str, bytes]]:
    """Render (brief, language) pairs, in order. WeasyPrint is CPU-bound and single-threaded, so the
    work is shared between this process and forked workers (which inherit the imported libraries)."""
    jobs = min(jobs or len(os.sched_getaffinity(0)), len(work))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [render_edition(cfg, brief, lang) for brief, lang in work]
    from .engine import load_weasyprint

    load_weasyprint()  # imported once here, inherited by the forked workers

    ctx = multiprocessing.get_context("fork")
    results: list = [None] * len(work)
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx) as pool:
        # Deal the work round-robin: index i goes to worker i % jobs, worker 0 being this process.
        remote = {i: pool.submit(_render_batch, cfg, work[i::jobs]) for i in range(1, jobs)}
        for k, (brief, lang) in enumerate(work[0::jobs]):
            results[k * jobs] = render_edition(cfg, brief, lang)
        for i, fut in remote.items():
            for k, result in enumerate(fut.result()):
                results[i + k * jobs] = result
    return results


def _render_batch(cfg: Config, work: list[tuple[Brief, str]]) -> list[tuple[str, bytes]]:
    return [render_edition(cfg, brief, lang) for brief, lang in work]


def edition_files(output_dir: Path, week: str, rendered: dict[str, tuple[str, bytes]]) -> dict[Path, bytes]:
    """The files of rendered editions: language → (HTML, PDF) becomes path → bytes."""
    out = {}
    for lang, (html, pdf) in rendered.items():
        out[edition_path(output_dir, week, lang, "html")] = html.encode("utf-8")
        out[edition_path(output_dir, week, lang, "pdf")] = pdf
    return out
