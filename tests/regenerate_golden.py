"""Rewrite the HTML goldens (tests/golden/<week>/brief.<lang>.html) from the bundled example.

Run after a change meant to alter the editions, then read `git diff tests/golden` before committing:
    .venv/bin/python tests/regenerate_golden.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import copy_project, run_cli  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "golden"
WEEKS = ("2025-W28", "2025-W29", "2025-W30", "2025-W31")
"""The first edition, a quiet week, the example desk's week and the week after it."""
LANGS = ("fr", "en")


def build(week: str, dest: Path) -> Path:
    """Build ``week`` from a private copy of the bundled example; returns its output folder."""
    cfg = copy_project(dest)
    result = run_cli("build", "--week", week, "--config", str(cfg), "-q")
    if result.returncode:
        raise SystemExit(result.stderr)
    return cfg.parent.parent / "output" / week


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for week in WEEKS:
            out = build(week, Path(tmp) / week)
            (GOLDEN / week).mkdir(parents=True, exist_ok=True)
            for lang in LANGS:
                target = GOLDEN / week / f"brief.{lang}.html"
                shutil.copyfile(out / f"brief.{lang}.html", target)
                print(f"wrote {target.relative_to(GOLDEN.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
