"""A 50,000-fact week: time and peak memory of `check` and `build`, against the bare libraries.

Usage (from the project root, after ./setup.sh):

    .venv/bin/python benchmarks/bigweek.py                  # 50,000 facts; check, build fr, en, both
    .venv/bin/python benchmarks/bigweek.py --facts 10000 --steps check fr

It writes a private copy of the bundled example whose 2025-W30 holds ``--facts`` facts made from
the bundled ones (each fact of facts/2025-W30.yaml copied under a new id, its status varied among
approved, proposed and rejected, one evidence entry in four dropped;
the analysts' texts carry a summary per theme), then runs each command as a separate process and
polls /proc for the memory of the whole process tree (the command, its PDF renderer and the
renderer's helpers): the peak of the sum of their RSS, and of their PSS (shared pages counted
once, split between the processes that share them). Then, in the same run, the bare libraries on
the same data: PyYAML's C loader reading the fact file (``yaml.load(..., CSafeLoader)``) and
ruamel.yaml's round-trip loader, and bare WeasyPrint writing the PDF of the HTML edition that
briefgen wrote. Nothing here asserts anything: figures are copied to BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WEEK = "2025-W30"
STATUSES = ("approved", "proposed", "rejected")


def copy_project(dest: Path) -> Path:
    for name in ("config", "facts", "sources"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(ROOT / "templates" / "assets", dest / "templates" / "assets")
    return dest / "config" / "briefgen.yaml"


def big_week(facts_file: Path, n: int) -> int:
    """Rewrite ``facts_file`` (the bundled 2025-W30) with ``n`` facts varied from its own; returns bytes."""
    doc = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    base = doc["facts"]
    facts = []
    for i in range(n):
        f = copy.deepcopy(base[i % len(base)])
        f["id"] = f"{f['id']}-{i:06d}"
        f["status"] = STATUSES[(i // len(base)) % 3] if i >= len(base) else f["status"]
        if i >= len(base):
            f.pop("key_point", None)
            ev = f.get("evidence") or []
            if len(ev) > 1 and i % 4 == 0:
                f["evidence"] = ev[:-1]
        facts.append(f)
    doc["facts"] = facts
    analysis = doc.setdefault("analysis", {})
    summaries = analysis.setdefault("summaries", {})
    for theme in ("security_cooperation", "economic_ties", "force_buildup"):
        summaries.setdefault(theme, {
            "fr": f"Semaine chargée ({n:,} faits relevés) : l'essentiel est dans les points clés.",
            "en": f"A busy week ({n:,} facts recorded): the key points give the gist."})
    text = "# A generated week for benchmarks/bigweek.py.\n" + yaml.safe_dump(
        doc, allow_unicode=True, sort_keys=False, width=100)
    facts_file.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


# -- memory of a process tree, from /proc -------------------------------------------------------
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def _tree(pid: int) -> list[int]:
    kids, out, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, ()))
    return out


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; (0, 0) once it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def measured(cmd: list[str], *, interval: float = 0.1) -> dict:
    """Run ``cmd``; its wall time, exit code, the peak over time of the summed RSS and PSS of its
    process tree, the most processes seen at once, and its stderr's last lines."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err: list[bytes] = []
    reader = threading.Thread(target=lambda: err.extend(proc.stderr), daemon=True)
    reader.start()
    peak_rss = peak_pss = procs = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        mems = [_memory(p) for p in pids]
        peak_rss = max(peak_rss, sum(m[0] for m in mems))
        peak_pss = max(peak_pss, sum(m[1] for m in mems))
        procs = max(procs, sum(1 for m in mems if m[0]))
        time.sleep(interval)
    wall = time.perf_counter() - t0
    reader.join()
    return {"wall": wall, "rc": proc.returncode, "rss": peak_rss, "pss": peak_pss, "procs": procs,
            "stderr": b"".join(err).decode("utf-8", "replace").strip().splitlines()[-3:]}


BARE_YAML = """
import sys, yaml
with open(sys.argv[1], "rb") as fh:
    data = yaml.load(fh, Loader=yaml.CSafeLoader)
print(len(data["facts"]))
"""
BARE_RUAMEL = """
import sys
from ruamel.yaml import YAML
with open(sys.argv[1], "rb") as fh:
    data = YAML(typ="rt").load(fh)
print(len(data["facts"]))
"""
BARE_WEASYPRINT = """
import sys
from weasyprint import HTML
HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])
"""


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def report(name: str, r: dict, base: dict | None = None) -> None:
    line = f"  {name:<28} {r['wall']:8.1f} s  peak RSS {_mib(r['rss']):>10}  PSS {_mib(r['pss']):>10}  " \
           f"({r['procs']} process{'es' if r['procs'] != 1 else ''})"
    if r["rc"]:
        line += f"  EXIT {r['rc']}: {' / '.join(r['stderr'])}"
    if base:
        line += f"  time ×{r['wall'] / base['wall']:.2f}, memory ×{r['pss'] / base['pss']:.2f} of bare"
    print(line, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--facts", type=int, default=50_000, help="facts in the generated week (default 50,000)")
    steps = ["yaml", "ruamel", "check", "fr", "en", "both"]
    ap.add_argument("--steps", nargs="*", default=steps, choices=steps,
                    help="what to run (default: all; ruamel's round-trip loader alone takes minutes)")
    ap.add_argument("--keep", action="store_true", help="keep the generated desk and print where it is")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bigweek-"))
    try:
        cfg = copy_project(tmp / "desk")
        facts = cfg.parent.parent / "facts" / f"{WEEK}.yaml"
        size = big_week(facts, args.facts)
        print(f"{WEEK}: {args.facts:,} facts, {size / 1e6:.1f} MB of YAML ({tmp / 'desk'})", flush=True)
        base_cmd = [PY, "-m", "briefgen"]
        results: dict[str, dict] = {}
        if "yaml" in args.steps:
            results["yaml"] = measured([PY, "-c", BARE_YAML, str(facts)])
            report("bare yaml CSafeLoader", results["yaml"])
        if "ruamel" in args.steps:
            results["ruamel"] = measured([PY, "-c", BARE_RUAMEL, str(facts)])
            report("bare ruamel round-trip", results["ruamel"])
        if "check" in args.steps:
            r = results["check"] = measured([*base_cmd, "check", "--config", str(cfg), "-q"])
            report("briefgen check", r, results.get("yaml"))
        out = cfg.parent.parent / "output" / WEEK
        for step, langs in (("fr", ["fr"]), ("en", ["en"]), ("both", ["fr", "en"])):
            if step not in args.steps:
                continue
            cmd = [*base_cmd, "build", "--week", WEEK, "--config", str(cfg), "-q", "--force"]
            for lang in langs:
                cmd += ["--lang", lang]
            r = results[step] = measured(cmd)
            report(f"briefgen build {'+'.join(langs)}", r)
            html = out / f"brief.{langs[0]}.html"
            if r["rc"] == 0 and html.is_file() and f"pdf-{langs[0]}" not in results:
                pdf = out / f"brief.{langs[0]}.pdf"
                print(f"    {html.name}: {html.stat().st_size / 1e6:.1f} MB, {pdf.name}: "
                      f"{pdf.stat().st_size / 1e6:.1f} MB", flush=True)
                b = results[f"pdf-{langs[0]}"] = measured([PY, "-c", BARE_WEASYPRINT, str(html),
                                                           str(tmp / "bare.pdf")])
                report(f"bare WeasyPrint, {langs[0]} HTML", b)
                print(f"    build {langs[0]} / bare WeasyPrint: time ×{r['wall'] / b['wall']:.2f}, "
                      f"memory (PSS) ×{r['pss'] / b['pss']:.2f}", flush=True)
        return 0
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
