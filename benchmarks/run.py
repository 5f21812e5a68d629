"""briefgen benchmarks: each scenario against the bare library it stands on, measured in the same run.

Usage (from the project root, after ./setup.sh):

    .venv/bin/python benchmarks/run.py            # every scenario, 5 runs each (e: one run)
    .venv/bin/python benchmarks/run.py a d --runs 7

Each scenario prints the median wall time over the runs with min–max, and the ratio
ours / baseline (below 1 means briefgen is faster than the bare library doing the same work).
Whole commands are timed as separate processes, as a user runs them, on a private copy of the
bundled example. Nothing here asserts a time: the figures are written to BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
HERE = Path(__file__).resolve().parent


def copy_project(dest: Path) -> Path:
    for name in ("config", "facts", "sources"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(ROOT / "templates" / "assets", dest / "templates" / "assets")
    return dest / "config" / "briefgen.yaml"


def timed(cmd: list[str], runs: int, *, before=None, env=None) -> list[float]:
    """Wall times of ``cmd`` run ``runs`` times (after one warm-up run), each in a new process."""
    out = []
    for i in range(runs + 1):
        if before:
            before()
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        if i:  # the first run warms the file cache
            out.append(time.perf_counter() - t0)
    return out


def interleaved(ours_cmd: list[str], base_cmd: list[str], runs: int, *, before=None) -> tuple[list, list]:
    """Time both commands ``runs`` times, alternating, so that both see the same machine load."""
    ours, base = [], []
    for _ in range(runs):
        ours += timed(ours_cmd, 1, before=before)
        base += timed(base_cmd, 1)
    return ours, base


def summary(name: str, ours: list[float], base: list[float], *, unit: str = "s") -> dict:
    mo, mb = statistics.median(ours), statistics.median(base)
    print(f"  {name}")
    print(f"    briefgen : {mo:7.3f} {unit}  ({min(ours):.3f}–{max(ours):.3f})")
    print(f"    baseline : {mb:7.3f} {unit}  ({min(base):.3f}–{max(base):.3f})")
    print(f"    ratio    : {mo / mb:7.2f}")
    return {"ours": mo, "ours_range": [min(ours), max(ours)], "baseline": mb,
            "baseline_range": [min(base), max(base)], "ratio": mo / mb}


def scenario_a(tmp: Path, runs: int) -> dict:
    """Both editions (HTML + PDF) of 2025-W30 vs bare WeasyPrint rendering the same two HTML files in turn."""
    cfg = copy_project(tmp / "a")
    cmd = [PY, "-m", "briefgen", "build", "--week", "2025-W30", "--config", str(cfg), "-q"]
    subprocess.run(cmd, check=True)
    cmd.append("--force")  # the editions are current after the first build: without it nothing is rendered
    out = cfg.parent.parent / "output" / "2025-W30"
    html = [str(out / "brief.fr.html"), str(out / "brief.en.html")]
    base = [PY, str(HERE / "bare_weasyprint.py"), *html]
    ours, bare = interleaved(cmd, base, runs)
    return summary("a. two editions, extraction cached  vs  bare WeasyPrint, sequential", ours, bare)


def scenario_d(tmp: Path, runs: int) -> dict:
    """20 tailored editions (theme subsets × languages) vs one edition, in one process each."""
    cfg = copy_project(tmp / "d")
    script = HERE / "tailored.py"
    many = [PY, str(script), str(cfg), "20"]
    one = [PY, str(script), str(cfg), "1"]
    ours, single = interleaved(many, one, runs)
    return summary("d. 20 tailored editions  vs  one edition (growth factor)", ours, single)


def scenario_b(tmp: Path, runs: int) -> dict:
    """A cold `briefgen run` on the bundled example (no cache, no output) vs spaCy model load +
    nlp.pipe over the same articles + bare WeasyPrint rendering the same HTML editions."""
    cfg = copy_project(tmp / "b")
    root = cfg.parent.parent
    cmd = [PY, "-m", "briefgen", "run", "--config", str(cfg), "-q"]

    def cold():
        shutil.rmtree(root / "output", ignore_errors=True)

    subprocess.run(cmd, check=True)
    html = sorted(str(p) for p in (root / "output").glob("*/brief.*.html"))
    kept = tmp / "b-html"
    kept.mkdir()
    html = [shutil.copy(p, kept / (Path(p).parent.name + "-" + Path(p).name)) for p in html]
    base = [PY, str(HERE / "cold_bare.py"), str(root / "sources"), *map(str, html)]
    ours, bare = interleaved(cmd, base, runs, before=cold)
    print(f"    ({len(html)} editions)")
    return summary("b. cold briefgen run  vs  spaCy load + nlp.pipe + bare WeasyPrint", ours, bare)


def scenario_c(tmp: Path, runs: int, n: int = 500) -> dict:
    """Extraction of 500 articles (variations of the bundled ones) vs bare nlp.pipe over the same
    texts: throughput in words per second (model load excluded) and peak memory."""
    cfg = copy_project(tmp / "c")
    corpus = tmp / "c-corpus"
    subprocess.run([PY, str(HERE / "corpus.py"), str(corpus), str(n)], check=True)
    ours, bare = [], []
    for _ in range(runs):
        for cmd, into in (([PY, str(HERE / "extract_ours.py"), str(cfg), str(corpus)], ours),
                          ([PY, str(HERE / "extract_bare.py"), str(corpus)], bare)):
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            into.append(json.loads(out.strip().splitlines()[-1]))
    words = ours[0]["words"]
    wps_o = [r["words"] / r["seconds"] for r in ours]
    wps_b = [r["words"] / r["seconds"] for r in bare]
    mo, mb = statistics.median(wps_o), statistics.median(wps_b)
    mem_o, mem_b = max(r["peak_mib"] for r in ours), max(r["peak_mib"] for r in bare)
    print(f"  c. extraction of {n} articles ({words:,} words)  vs  bare nlp.pipe (full model)")
    # processor time of all the process's threads per second of the run: briefgen reads entities in
    # a second thread (``nlp.staged_pipe``), bare nlp.pipe runs in one
    cpu_o = statistics.median(r["cpu_seconds"] / r["seconds"] for r in ours)
    cpu_b = statistics.median(r["cpu_seconds"] / r["seconds"] for r in bare)
    print(f"    briefgen : {mo:7.0f} words/s  ({min(wps_o):.0f}–{max(wps_o):.0f}), peak {mem_o:.0f} MiB, "
          f"{ours[0]['facts']} facts, {cpu_o:.2f} CPU-s per s")
    print(f"    baseline : {mb:7.0f} words/s  ({min(wps_b):.0f}–{max(wps_b):.0f}), peak {mem_b:.0f} MiB, "
          f"{cpu_b:.2f} CPU-s per s")
    print(f"    ratio    : {mo / mb:7.2f} of the bare throughput")
    return {"ours_wps": mo, "baseline_wps": mb, "ratio": mo / mb, "ours_peak_mib": mem_o,
            "baseline_peak_mib": mem_b, "words": words, "ours_cpu_per_s": cpu_o, "baseline_cpu_per_s": cpu_b}


def scenario_e(tmp: Path, runs: int) -> dict:
    """``briefgen fetch`` of 200 feeds × 50 items from a local site, first run and all-304 second run, vs
    bare feedparser + httpx loops (benchmarks/fetch.py; one run of each: a run is minutes long)."""
    print("e. fetch: 200 feeds × 50 items, first and second (304) run, vs bare feedparser + httpx")
    out = tmp / "e.json"
    subprocess.run([PY, str(HERE / "fetch.py"), "--json", str(out)], check=True)
    return json.loads(out.read_text(encoding="utf-8"))


SCENARIOS = {"a": scenario_a, "b": scenario_b, "c": scenario_c, "d": scenario_d, "e": scenario_e}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenarios", nargs="*", default=sorted(SCENARIOS), help="which (default: all)")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    args = p.parse_args()
    print(f"machine: {platform.machine()}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.scenarios:
            results[name] = SCENARIOS[name](Path(tmp), args.runs)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
