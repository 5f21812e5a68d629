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

cfg = replace(load_config(sys.argv[1]), cache_dir=None)  # cold: nothing from the cache
folder = Path(sys.argv[2])
load(cfg)  # the model, as a long-running extraction has it
t0 = time.perf_counter()
result = extract_paths([folder], cfg, warn=lambda m: None)
elapsed = time.perf_counter() - t0
words = sum(len(s.text.split()) for s in result.sources.values())
print(json.dumps({"seconds": elapsed, "words": words, "facts": len(result.facts),
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
