"""Fetch benchmark: FEEDS feeds of ITEMS articles each on a local press site (benchmarks/press_site.py,
its own process), fetched by ``briefgen fetch`` into a copy of the example, first from nothing and
then again (every feed answers 304), against bare loops over the same server in the same run:
feedparser + httpx alone, and feedparser + httpx + trafilatura (benchmarks/fetch_bare.py).
Wall time and peak memory (RSS) of each process; ratios ours / bare.

    .venv/bin/python benchmarks/fetch.py                 # 200 feeds × 50 items
    .venv/bin/python benchmarks/fetch.py --feeds 20 --items 10
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
PY = sys.executable
CONNECTIONS = 8
OUTLETS = ("courrier-sahel", "bamako-hebdo", "sahel-depeches", "echo-sikasso")


def measured(cmd: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of ``cmd`` run as a process of its own."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        raise SystemExit(f"{' '.join(cmd[:4])}… failed:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def desk(tmp: Path, base: str, feeds: int) -> Path:
    for name in ("config", "facts", "sources"):
        shutil.copytree(ROOT / name, tmp / name)
    shutil.copytree(ROOT / "templates" / "assets", tmp / "templates" / "assets")
    cfg = tmp / "config" / "briefgen.yaml"
    urls = [f"{base}/f/{i}.xml" for i in range(feeds)]
    doc = {"outlets": [{"outlet": o, "feeds": urls[k::len(OUTLETS)]} for k, o in enumerate(OUTLETS)
                       if urls[k::len(OUTLETS)]],
           "http": {"delay": 0, "per_host": CONNECTIONS, "connections": CONNECTIONS, "deadline": 3600}}
    (cfg.parent / "feeds.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return cfg


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--feeds", type=int, default=200)
    p.add_argument("--items", type=int, default=50)
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    args = p.parse_args()
    server = subprocess.Popen([PY, str(HERE / "press_site.py"), str(args.feeds), str(args.items)],
                              stdout=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{server.stdout.readline().strip()}"
        feeds = [f"{base}/f/{i}.xml" for i in range(args.feeds)]
        results = {}
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            cfg = desk(tmp / "desk", base, args.feeds)
            before = len(list((tmp / "desk" / "sources").iterdir()))
            ours = [PY, "-m", "briefgen", "fetch", "-q", "--config", str(cfg)]
            results["ours"] = [measured(ours), measured(ours)]
            written = len(list((tmp / "desk" / "sources").iterdir())) - before
            for name, extra in (("bare", []), ("bare_extract", ["--extract"])):
                cmd = [PY, str(HERE / "fetch_bare.py"), str(tmp / f"{name}.json"), str(CONNECTIONS), *extra, *feeds]
                results[name] = [measured(cmd), measured(cmd)]
    finally:
        server.terminate()
        server.wait()
    n = args.feeds * args.items
    print(f"fetch: {args.feeds} feeds × {args.items} items = {n} articles on 127.0.0.1, "
          f"{CONNECTIONS} requests in flight; briefgen wrote {written} articles")
    print(f"  {'':<30} {'first run':>18} {'second run (304)':>20}")
    label = {"ours": "briefgen fetch", "bare": "bare feedparser + httpx",
             "bare_extract": "bare + trafilatura"}
    for name, runs in results.items():
        print(f"  {label[name]:<30} " + "  ".join(f"{t:8.2f} s {m:6.0f} MB" for t, m in runs))
    (o1, m1), (o2, m2) = results["ours"]
    for name in ("bare", "bare_extract"):
        (b1, bm1), (b2, bm2) = results[name]
        print(f"  ratio ours / {label[name]:<20} time {o1 / b1:5.2f} (first)  {o2 / b2:5.2f} (second);  "
              f"memory {m1 / bm1:4.2f} / {m2 / bm2:4.2f}")
    print(f"  second run / first run (briefgen): time {o2 / o1:.3f}")
    if args.json:
        args.json.write_text(json.dumps({"feeds": args.feeds, "items": args.items, "written": written,
                                         **{k: [{"s": t, "mb": m} for t, m in v] for k, v in results.items()}},
                                        indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
