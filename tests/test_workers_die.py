"""`build` and `run` killed by SIGTERM or kill -9 leave no render worker behind (issue 12, finding
11): the PDF renderer and the helpers it forks die with the command, and the caller's pipes close."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import copy_project

BOUND = 30.0  # generous: they die at once; this only keeps a failing test from hanging


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        out += kids
        todo += kids
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _read_to_end(fd: int) -> bytes | None:
    """What is left in a pipe, or None when it is still held open after BOUND seconds."""
    out, end = b"", time.monotonic() + BOUND
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                return out
            out += chunk
    return None


def _kill_with_workers(args: list[str], workers: int, sig: int) -> tuple[list[int], list[int], bytes]:
    """Start ``briefgen ARGS`` in a process group of its own; once it has ``workers`` descendants,
    send ``sig`` to it alone; return (its workers, those still alive, what its output pipe gave, None
    when something still holds it open).
    None when the command ended before its workers could be seen."""
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        seen: list[int] = []
        while proc.poll() is None and len(seen) < workers:
            seen = _descendants(proc.pid)
        if len(seen) < workers:
            return None
        os.kill(proc.pid, sig)
        proc.wait(timeout=BOUND)
        # the pipe reaches its end only when every process holding it has gone
        out = _read_to_end(proc.stdout.fileno())
        end = time.monotonic() + BOUND
        while any(_alive(w) for w in seen) and time.monotonic() < end:
            time.sleep(0.05)
        return seen, [w for w in seen if _alive(w)], out
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever this test started, if anything is left
        except ProcessLookupError:
            pass
        proc.stdout.close()


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: PDFs are written in the process itself")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
@pytest.mark.parametrize("command, workers", [("build", 1), ("build", 2), ("run", 1), ("run", 2)],
                         ids=["build-renderer", "build-helpers", "run-renderer", "run-helpers"])
def test_workers_die_with_their_command(tmp_path, sig, command, workers):
    cfg = copy_project(tmp_path)
    args = ["build", "--week", "2025-W30", "--force"] if command == "build" else ["run"]
    for attempt in range(5):  # the command may finish before its helpers are seen: start it again
        result = _kill_with_workers([*args, "--config", str(cfg)], workers, sig)
        if result is not None:
            break
        shutil.rmtree(tmp_path / "output", ignore_errors=True)  # run builds only what is not current
    assert result is not None, "the command never showed its workers"
    seen, alive, output = result
    assert seen and not alive, f"workers {alive} outlived their command"
    assert output is not None, "the command's output pipe is still held open"
