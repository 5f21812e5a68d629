"""The HTML editions of the bundled example, compared with the goldens in tests/golden/.

The PDFs are checked through their text, fonts and metadata elsewhere; the HTML is what they are
made from, so any change to wording, typography, order or markup shows here as a readable diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from regenerate_golden import GOLDEN, LANGS, WEEKS

REGENERATE = ".venv/bin/python tests/regenerate_golden.py"


@pytest.fixture(scope="module")
def output(example_output) -> Path:
    """The editions of the golden weeks, built from one copy of the bundled example."""
    return example_output


@pytest.mark.parametrize("week", WEEKS)
@pytest.mark.parametrize("lang", LANGS)
def test_html_edition_matches_its_golden(output, week, lang):
    built = output / week
    golden = GOLDEN / built.name / f"brief.{lang}.html"
    expected = golden.read_text(encoding="utf-8")
    actual = (built / f"brief.{lang}.html").read_text(encoding="utf-8")
    if actual != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                         f"golden/{built.name}/brief.{lang}.html", "built", lineterm="", n=2))
        shown = "\n".join(diff[:80]) + (f"\n… {len(diff) - 80} more diff lines" if len(diff) > 80 else "")
        pytest.fail(f"the {lang} edition differs from its golden:\n{shown}\n"
                    f"If the change is meant: {REGENERATE}, then review git diff tests/golden.")
