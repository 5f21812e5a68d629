"""Baseline: bare spaCy — the French model with all its components, nlp.pipe over the same texts.

Usage: python extract_bare.py FOLDER
"""

import json
import resource
import sys
import time
from pathlib import Path

import spacy

from briefgen.articles.readers import read_source


def _cpu(usage) -> float:
    """Processor time of every thread of the process, user and system."""
    return usage.ru_utime + usage.ru_stime


texts = [read_source(p).text for p in sorted(Path(sys.argv[1]).iterdir())]
nlp = spacy.load("fr_core_news_md")
cpu0 = resource.getrusage(resource.RUSAGE_SELF)
t0 = time.perf_counter()
docs = list(nlp.pipe(texts, batch_size=32))
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "words": sum(len(t.split()) for t in texts),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "cpu_seconds": _cpu(resource.getrusage(resource.RUSAGE_SELF)) - _cpu(cpu0)}))
