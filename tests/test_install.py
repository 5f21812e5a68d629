"""briefgen as a user installs it: a wheel of this checkout in a fresh virtual environment outside
the repository, with no PYTHONPATH and no network; there `briefgen init` makes a desk and `briefgen
build` writes PDFs that are read back with poppler.

The new environment sees the dependencies already installed for the tests (a .pth file naming the
directories of this interpreter's sys.path) but not this checkout: a .pth line only adds a directory,
it does not run the .pth files inside it, so an editable install of briefgen stays switched off.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, pdf_text

from briefgen.core.desk import EXAMPLE_WEEK

BIN = "Scripts" if os.name == "nt" else "bin"


def _env() -> dict[str, str]:
    """The environment of a user's shell: nothing pointing Python at this checkout."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


def _run(*cmd, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=_env(), capture_output=True, text=True,
                          timeout=timeout)


def _sys_path(python, cwd: Path) -> list[str]:
    out = _run(python, "-c", "import json, sys; print(json.dumps(sys.path))", cwd=cwd)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the checkout (the build writes build/ and *.egg-info)."""
    tmp = tmp_path_factory.mktemp("wheel")
    found = _run(sys.executable, "-c", "import setuptools; print(setuptools.__version__)", cwd=tmp)
    major = int(found.stdout.split(".")[0]) if found.returncode == 0 else 0
    assert major >= 77, f"building the wheel needs setuptools>=77 in this environment (./setup.sh installs it): " \
                        f"{found.stdout or found.stderr}"
    gitignore = ROOT / ".gitignore"
    ignored = [line.strip().rstrip("/") for line in gitignore.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")] if gitignore.is_file() else []
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", *ignored))
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
                 "-w", tmp / "dist", src, cwd=tmp)
    assert built.returncode == 0, built.stderr
    # setuptools has nothing to say about the project's packaging (package data, licence files…)
    assert "BuildBackendWarning" not in built.stderr, built.stderr
    wheels = list((tmp / "dist").glob("briefgen-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_holds_the_code_templates_catalogues_and_example(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {str(p.relative_to(ROOT)) for p in (ROOT / "briefgen").rglob("*.py")}
    expected |= {str(p.relative_to(ROOT)) for p in (ROOT / "briefgen" / "locales").rglob("*.po")}
    expected |= {str(p.relative_to(ROOT)) for p in (ROOT / "briefgen" / "desk").rglob("*")
                 if p.is_file() and p.parent.name in ("templates", "static")}
    expected |= {"briefgen/" + str(p.relative_to(ROOT)) for p in (ROOT / "templates").rglob("*") if p.is_file()}
    expected |= {f"briefgen/example/config/{p.name}" for p in (ROOT / "config").glob("*.yaml")}
    expected.add(f"briefgen/example/facts/{EXAMPLE_WEEK}.yaml")
    assert not {n for n in expected if "__pycache__" not in n} - names
    assert not {n for n in names if n.startswith(("config/", "templates/", "facts/", "sources/", "tests/"))}


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed (no network, no dependency resolution)."""
    tmp = tmp_path_factory.mktemp("venv")
    venv = tmp / "venv"
    made = _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    assert made.returncode == 0, made.stderr
    python = venv / BIN / "python"
    inner = _sys_path(python, tmp)
    outer = [p for p in _sys_path(sys.executable, tmp)
             if p and Path(p).is_dir() and p not in inner and not (Path(p) / "briefgen").exists()]
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp)
    Path(purelib.stdout.strip(), "test-dependencies.pth").write_text("\n".join(outer) + "\n", encoding="utf-8")
    installed = _run(python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel, cwd=tmp)
    assert installed.returncode == 0, installed.stderr
    where = _run(python, "-c", "import briefgen; print(briefgen.__file__)", cwd=tmp)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).resolve().is_relative_to(venv.resolve()), where.stdout
    return venv


def test_installed_briefgen_creates_a_desk_and_builds_it(venv, tmp_path):
    briefgen = venv / BIN / "briefgen"
    made = _run(briefgen, "init", "desk", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "config/briefgen.yaml" in made.stdout
    desk = tmp_path / "desk"
    built = _run(briefgen, "build", "--week", EXAMPLE_WEEK, cwd=desk)
    assert built.returncode == 0, built.stderr
    titles = yaml.safe_load((ROOT / "config" / "brief.yaml").read_text(encoding="utf-8"))["title"]
    for lang in ("fr", "en"):
        pdf = desk / "output" / EXAMPLE_WEEK / f"brief.{lang}.pdf"
        text = " ".join(pdf_text(pdf).split())
        assert titles[lang] in text
        assert "William B. Stevens" in text and "Bougouni" in text  # facts of the week
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows, fonts
        for row in rows:  # emb sub uni object-id generation
            assert re.search(r"\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), f"font not embedded: {row}"
            assert "Brief-" in row, f"font not from the packaged templates: {row}"
