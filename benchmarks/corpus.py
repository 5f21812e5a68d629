"""Make N French articles by varying the bundled ones: other dates, other figures, other order.

Usage: python corpus.py DEST N — writes DEST/article-0001.txt … (plain text with date/outlet/title
header lines), each a bundled article with its dates moved by whole weeks and its figures changed.
"""

import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

from briefgen.articles.readers import read_source

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


def variants(n: int, seed: int = 30):
    rng = random.Random(seed)
    bases = [read_source(p) for p in sorted((ROOT / "sources").iterdir())]
    for i in range(n):
        src = bases[i % len(bases)]
        shift = timedelta(weeks=rng.randint(1, 40))
        published = (src.published or date(2025, 7, 15)) + shift

        def move(m):
            day, month = int(m.group(1)), MONTHS.index(m.group(2)) + 1
            d = date(2025, month, min(day, 28)) + shift
            return f"{d.day} {MONTHS[d.month - 1]}"

        text = re.sub(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")\b", move, src.text)
        text = re.sub(r"\b900\b", str(rng.choice([450, 600, 750, 900, 1200])), text)
        paragraphs = text.split("\n\n")
        head, rest = paragraphs[:1], paragraphs[1:]
        rng.shuffle(rest)
        yield (f"date {published.isoformat()}\noutlet {src.outlet or ''}\ntitle {src.title}\n\n"
               + "\n\n".join(head + rest) + "\n")


if __name__ == "__main__":
    dest, n = Path(sys.argv[1]), int(sys.argv[2])
    dest.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(variants(n), 1):
        (dest / f"article-{i:04d}.txt").write_text(text, encoding="utf-8")
