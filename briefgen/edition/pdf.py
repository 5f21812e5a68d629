"""HTML editions to PDF with WeasyPrint, in parallel processes, with the renderer started early.

WeasyPrint takes a third of a second to import, longer than reading, checking and assembling a
week. ``PdfRenderer`` forks a process at the start of a command that imports it at once, while this
process loads the settings and the facts (pydantic, YAML) and renders the HTML; the PDFs are then
written there, shared with forked helpers when there are several and cores to spare. This module
imports nothing heavy, so that the fork happens before the settings are read.
"""

from __future__ import annotations

import ctypes
import mimetypes
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .engine import load_weasyprint

_PR_SET_PDEATHSIG = 1
ASSET_SCHEME = "briefgen-asset:"
"""How templates name their assets (fonts, map outlines): resolved in the template folders only."""
PDF_FONTS = ASSET_SCHEME + "fonts/fonts.css"
"""The @font-face rules of the PDF (the project's fonts, embedded), added to every edition's own
styles when its PDF is written: the HTML edition itself names no asset a browser could not open."""


@dataclass(frozen=True, slots=True)
class PdfJob:
    """One edition's HTML and what its PDF needs."""

    html: str
    asset_roots: tuple[Path, ...]
    """Template folders, user ones first: where ``briefgen-asset:`` URLs are looked up."""
    tagged: bool = False
    variant: str | None = None


def _fetcher_class():
    load_weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ProjectFetcher(URLFetcher):
        """Serves the project's template assets and data: URLs, and nothing else (no file, no network)."""

        def __init__(self, roots: tuple[Path, ...]):
            super().__init__(allowed_protocols=("data",))
            self.roots = [r.resolve() for r in roots]

        def fetch(self, url, headers=None):
            if url.startswith(ASSET_SCHEME):
                rel = url[len(ASSET_SCHEME):].lstrip("/")
                for root in self.roots:
                    p = (root / rel).resolve()
                    if p.is_relative_to(root) and p.is_file():
                        mime = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
                        if p.suffix == ".ttf":
                            mime = "font/ttf"
                        return URLFetcherResponse(url, p.read_bytes(), {"Content-Type": mime})
                raise FatalURLFetchingError(f"template asset not found: {rel}")
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"refused to fetch {url[:80]!r}: only template assets and data: URLs are allowed")

    return ProjectFetcher


def write_pdf(job: PdfJob) -> bytes:
    """The PDF of one edition (fonts embedded, bookmarks from headings, metadata from <head>)."""
    weasyprint = load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _fetcher_class()(job.asset_roots)
    fonts = FontConfiguration()
    css = weasyprint.CSS(url=PDF_FONTS, url_fetcher=fetcher, font_config=fonts)
    return weasyprint.HTML(string=job.html, url_fetcher=fetcher).write_pdf(
        stylesheets=[css], font_config=fonts, pdf_tags=job.tagged, pdf_variant=job.variant)


def _die_with_parent(parent: int) -> None:
    """A worker's first act: on Linux, be killed when the process that started it dies (kill -9
    included), instead of waiting for work forever with the command's output pipes open."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # not glibc-like: the shutdown in close() still ends it
            pass
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_die_with_parent, initargs=(os.getpid(),))


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def write_pdfs(jobs: list[PdfJob], *, workers: int | None = None) -> list[bytes]:
    """The PDFs of ``jobs``, in order. WeasyPrint is CPU-bound and single-threaded, so the jobs are
    dealt between this process and forked helpers, which inherit the imported WeasyPrint."""
    workers = min(workers or _cores(), len(jobs))
    if workers <= 1 or not _can_fork():
        return [write_pdf(job) for job in jobs]
    load_weasyprint()  # imported once here, inherited by the forked helpers
    results: list = [None] * len(jobs)
    with _pool(workers - 1) as pool:
        # Round-robin: job i goes to worker i % workers, worker 0 being this process.
        remote = {i: pool.submit(_write_batch, jobs[i::workers]) for i in range(1, workers)}
        for k, job in enumerate(jobs[0::workers]):
            results[k * workers] = write_pdf(job)
        for i, future in remote.items():
            for k, pdf in enumerate(future.result()):
                results[i + k * workers] = pdf
    return results


def _write_batch(jobs: list[PdfJob]) -> list[bytes]:
    return [write_pdf(job) for job in jobs]


class PdfRenderer:
    """A process that imports WeasyPrint as soon as it is started and then writes PDFs on demand.

    Start it before the slow reading work of a command; ``pdfs(jobs)`` waits for the import if it is
    not done yet. Where fork is missing or there is one core, the PDFs are written in this process.
    Use it as a context manager: the process ends with the block.
    """

    def __init__(self) -> None:
        self._pool = None
        if _cores() > 1 and _can_fork():
            self._pool = _pool(1)
            self._pool.submit(load_weasyprint)

    def pdfs(self, jobs: list[PdfJob]) -> list[bytes]:
        if self._pool is None or not jobs:
            return write_pdfs(jobs)
        return self._pool.submit(write_pdfs, jobs).result()

    def close(self) -> None:
        """End the process, waiting for it: a worker left behind would keep the command's output
        pipes open (and wait for work forever) after this process has gone."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> PdfRenderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
