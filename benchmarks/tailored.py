"""Render N tailored editions (theme subsets × languages) of 2025-W30 in one process, as delivery would.

Usage: python tailored.py CONFIG N
"""

import itertools
import sys

from briefgen.articles.readers import read_sources
from briefgen.core.config import load_config
from briefgen.edition.brief import build_brief
from briefgen.edition.parallel import render_many

cfg = load_config(sys.argv[1])
n = int(sys.argv[2])
themes = cfg.theme_ids()
subsets = [c for r in range(len(themes), 0, -1) for c in itertools.combinations(themes, r)]
sources = read_sources(cfg.sources_dir)
work = [(build_brief(cfg, "2025-W30", themes=s, sources=sources), lang)
        for s, lang in itertools.islice(itertools.cycle(itertools.product(subsets, cfg.languages)), n)]
results = render_many(cfg, work)
assert len(results) == n and all(pdf.startswith(b"%PDF") for _, pdf in results)
