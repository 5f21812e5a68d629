"""The PDF renderer started early (edition.pdf): same editions, and never a worker left behind."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import pdf_text
from pypdf import PdfReader

from briefgen.core.config import load_config
from briefgen.edition.brief import build_brief
from briefgen.edition.pdf import PdfRenderer, write_pdfs
from briefgen.edition.render import pdf_job, render_html


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_renderer_writes_each_edition_in_order(project, tmp_path):
    cfg = load_config(project)
    brief = build_brief(cfg, "2025-W30")
    jobs = [pdf_job(cfg, render_html(cfg, brief, lang)) for lang in ("fr", "en", "fr")]
    with PdfRenderer() as renderer:
        pdfs = renderer.pdfs(jobs)
    assert pdfs[0] != pdfs[1]
    texts = []
    for i, pdf in enumerate(pdfs):
        path = tmp_path / f"{i}.pdf"
        path.write_bytes(pdf)
        texts.append(pdf_text(path))
        assert PdfReader(path).metadata.title
    assert "Bougouni" in texts[0] and "Bougouni" in texts[1]
    assert "semaine" in texts[0].lower() and "week" in texts[1].lower()
    assert texts[2] == texts[0]
    # the same pages as PDFs written without the renderer
    direct = write_pdfs(jobs[:2], workers=1)
    for pdf, ref in zip(pdfs, direct):
        assert len(PdfReader(io.BytesIO(pdf)).pages) == len(PdfReader(io.BytesIO(ref)).pages)


def test_a_failed_build_leaves_no_worker_holding_the_output(project):
    # A worker left waiting would keep stdout and stderr open: the call would not return.
    result = subprocess.run([sys.executable, "-m", "briefgen", "build", "--week", "2025-W20", "--config",
                             str(project)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "2025-W20 is before the first edition" in result.stderr


SCRIPT = """
import sys, time
from briefgen.edition.pdf import PdfRenderer
renderer = PdfRenderer()
renderer.pdfs([])
print("ready", flush=True)
time.sleep(120)
"""


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: PDFs are written in the process itself")
def test_the_worker_dies_with_a_killed_command():
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 30
        workers = _children(proc.pid)
        while not workers and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = _children(proc.pid)
        assert workers, "the renderer started no process"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(w) for w in workers)
    finally:
        if proc.poll() is None:
            proc.kill()
