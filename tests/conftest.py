"""Shared fixtures: a private copy of the bundled project, the CLI run as a user runs it, PDF readers."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def copy_project(dest: Path) -> Path:
    """Copy config/, facts/, sources/ and the template assets into ``dest``; output goes to dest/output."""
    for name in ("config", "facts", "sources"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(ROOT / "templates" / "assets", dest / "templates" / "assets")
    return dest / "config" / "briefgen.yaml"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m briefgen ARGS`` in a separate process, as a user would."""
    return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def pdf_text(path: Path) -> str:
    """Text of a PDF in reading order, through poppler's pdftotext."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the bundled example; returns its config/briefgen.yaml."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The bundled example's 2025-W30 editions, built once for the session; returns output/2025-W30."""
    cfg = copy_project(tmp_path_factory.mktemp("built"))
    result = run_cli("build", "--week", "2025-W30", "--config", str(cfg))
    assert result.returncode == 0, result.stderr
    return cfg.parent.parent / "output" / "2025-W30"


EXAMPLE_WEEKS = ("2025-W28", "2025-W29", "2025-W30", "2025-W31")


@pytest.fixture(scope="session")
def example_output(tmp_path_factory) -> Path:
    """The bundled example's editions of 2025-W28 to 2025-W31 (W29 a quiet week), built once for the
    session from one copy, for the tests that only read them; returns its output folder."""
    cfg = copy_project(tmp_path_factory.mktemp("example"))
    for week in EXAMPLE_WEEKS:
        result = run_cli("build", "--week", week, "--config", str(cfg), "-q")
        assert result.returncode == 0, result.stderr
    return cfg.parent.parent / "output"
