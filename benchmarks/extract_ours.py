"""briefgen's extraction of a folder of articles, timed after the model is loaded; prints JSON.

Usage: python extract_ours.py CONFIG FOLDER
"""

import json
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

from briefgen.core.config import load_config
from briefgen.extract import extract_paths
from briefgen.extract.nlp import load


def _cpu(usage) -> float:
    """Processor time of every thread of the process, user and system."""
    return usage.ru_utime + usage.ru_stime


cfg = replace(load_config(sys.argv[1]), cache_dir=None)  # cold: nothing from the cache
folder = Path(sys.argv[2])
load(cfg)  # the model, as a long-running extraction has it
cpu0 = resource.getrusage(resource.RUSAGE_SELF)
t0 = time.perf_counter()
result = extract_paths([folder], cfg, warn=lambda m: None)
elapsed = time.perf_counter() - t0
words = sum(len(s.text.split()) for s in result.sources.values())
print(json.dumps({"seconds": elapsed, "words": words, "facts": len(result.facts),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "cpu_seconds": _cpu(resource.getrusage(resource.RUSAGE_SELF)) - _cpu(cpu0)}))
