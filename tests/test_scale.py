"""A week with thousands of facts is checked and built in memory proportional to the work (issue
12, finding 14): `check` and `build` run as separate processes whose data segment is capped with
RLIMIT_DATA (each process of the command: the command, its PDF renderer and the renderer's helper),
on a copy of the bundled example whose 2025-W30 holds 4,000 facts made from its own ten.

Before, the fact file was composed into PyYAML's node graph with a line recorded for every key
(several times the size of the values), parsed again for the translations and the inputs digest,
and every fact that was not rejected was printed: the limits below were exceeded. Now the values
are built from the parser's events, lines are found only for a problem to report, and a section
prints its ``facts_per_section`` weightiest facts and counts the others.
"""

from __future__ import annotations

import copy
import re
import resource
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import copy_project, pdf_text

FACTS = 4_000
MIB = 2**20
CHECK_LIMIT = 280 * MIB
BUILD_LIMIT = 450 * MIB
STATUSES = ("approved", "proposed", "rejected")


def _big_week(cfg: Path, n: int) -> Path:
    """Rewrite the example's 2025-W30 with ``n`` facts copied from its own under new ids, their
    statuses varied; returns the file."""
    path = cfg.parent.parent / "facts" / "2025-W30.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = doc["facts"]
    facts = []
    for i in range(n):
        f = copy.deepcopy(base[i % len(base)])
        f["id"] = f"{f['id']}-{i:05d}"
        if i >= len(base):
            f["status"] = STATUSES[(i // len(base)) % 3]
            f.pop("key_point", None)
        facts.append(f)
    doc["facts"] = facts
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return path


def _limited(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return apply


def _run(limit: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], capture_output=True, text=True,
                          timeout=900, preexec_fn=_limited(limit))


def test_a_week_of_thousands_of_facts_is_checked_and_built_within_a_memory_limit(tmp_path):
    cfg = copy_project(tmp_path)
    facts = _big_week(cfg, FACTS)
    assert facts.stat().st_size > 5_000_000

    checked = _run(CHECK_LIMIT, "check", "--config", str(cfg), "-q")
    assert checked.returncode == 0, checked.stderr[-2000:]
    assert "MemoryError" not in checked.stderr and "Traceback" not in checked.stderr

    built = _run(BUILD_LIMIT, "build", "--week", "2025-W30", "--lang", "fr", "--config", str(cfg), "-q")
    assert built.returncode == 0, built.stderr[-2000:]
    out = cfg.parent.parent / "output" / "2025-W30"
    html = (out / "brief.fr.html").read_text(encoding="utf-8")
    # Each section prints its 25 weightiest facts and counts the others: every fact not rejected is
    # either printed or counted.
    told = sum(1 for f in yaml.safe_load(facts.read_text(encoding="utf-8"))["facts"] if f["status"] != "rejected")
    printed = html.count('<div class="fact">')
    counted = [int(re.sub(r"\D", "", n)) for n in re.findall(r'class="more">[^:]*:\s*([\d\s]+)', html)]
    assert printed <= 3 * 25 and counted
    assert printed + sum(counted) == told
    assert "non repris ici" in pdf_text(out / "brief.fr.pdf")
