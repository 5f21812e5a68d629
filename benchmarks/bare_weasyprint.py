"""Baseline: render HTML files to PDF with bare WeasyPrint, one after the other, in one process.

Usage: python bare_weasyprint.py FILE.html [FILE.html …] — asset URLs are pointed at the project's
template folder (same fonts and images as briefgen), and the PDFs are written beside a temp dir.
"""

import sys
import tempfile
from pathlib import Path

from weasyprint import HTML

TEMPLATES = (Path(__file__).resolve().parent.parent / "templates").as_uri() + "/"

with tempfile.TemporaryDirectory() as out:
    for i, name in enumerate(sys.argv[1:]):
        html = Path(name).read_text(encoding="utf-8").replace("briefgen-asset:", TEMPLATES)
        HTML(string=html).write_pdf(Path(out) / f"{i}.pdf")
