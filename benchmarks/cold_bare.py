"""Baseline for a cold run: load spaCy's French model, nlp.pipe over the articles, then render the
given HTML editions with bare WeasyPrint one after the other — the libraries' share of the job.

Usage: python cold_bare.py SOURCES_DIR FILE.html …
"""

import sys
import tempfile
from pathlib import Path

import spacy
from weasyprint import HTML

from briefgen.articles.readers import read_source

TEMPLATES = (Path(__file__).resolve().parent.parent / "templates").as_uri() + "/"
texts = [read_source(p).text for p in sorted(Path(sys.argv[1]).iterdir())]
nlp = spacy.load("fr_core_news_md")
docs = list(nlp.pipe(texts, batch_size=32))
with tempfile.TemporaryDirectory() as out:
    for i, name in enumerate(sys.argv[2:]):
        html = Path(name).read_text(encoding="utf-8").replace("briefgen-asset:", TEMPLATES)
        HTML(string=html).write_pdf(Path(out) / f"{i}.pdf")
