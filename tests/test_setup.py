"""setup.sh against a package manager that another install is holding: it waits and then installs,
naming each missing package once. The system tools it calls (dpkg, apt-get, id, sleep) and the
virtual environment it would fill are stand-ins on a private PATH; the script itself runs as is."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

TOOLS = ("bash", "grep", "env", "dirname", "cat", "seq")
"""Real commands setup.sh needs besides the stand-ins (none of them installs anything)."""


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/bash\n" + body)
    path.chmod(0o755)


def test_setup_waits_for_the_package_lock_and_names_each_package_once(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    shutil.copy(ROOT / "setup.sh", desk / "setup.sh")
    venv = desk / ".venv" / "bin"
    venv.mkdir(parents=True)
    _stub(venv, "python", "exit 0\n")
    _stub(venv, "briefgen", "exit 0\n")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in TOOLS:
        os.symlink(shutil.which(tool), bin_ / tool)
    log = tmp_path / "apt.log"
    _stub(bin_, "id", "echo 0\n")
    _stub(bin_, "sleep", "exit 0\n")
    _stub(bin_, "dpkg", "exit 1\n")  # no package installed: every library is missing
    # The first two tries find the lists locked by another apt-get, as during an unattended upgrade.
    _stub(bin_, "apt-get", f"""echo "$*" >> {log}
if [[ "$*" == *update* ]] && [ "$(grep -c update {log})" -le 2 ]; then
    echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2
    exit 100
fi
exit 0
""")
    result = subprocess.run(["bash", str(desk / "setup.sh")], cwd=desk, capture_output=True, text=True,
                            env={"PATH": str(bin_), "HOME": str(tmp_path)}, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "waiting for another package installation to finish" in result.stdout
    calls = log.read_text().splitlines()
    assert [c for c in calls if "update" in c] and len([c for c in calls if "update" in c]) == 3
    installs = [c for c in calls if " install " in f" {c} "]
    assert len(installs) == 1, calls
    assert "DPkg::Lock::Timeout" in installs[0]
    packages = [w for w in installs[0].split() if not w.startswith("-") and "::" not in w and "=" not in w][1:]
    assert len(packages) == len(set(packages)), installs[0]
    assert {"poppler-utils", "chromium", "chromium-driver", "tidy", "libharfbuzz-subset0"} <= set(packages)
    line = next(x for x in result.stdout.splitlines() if x.startswith("==> installing system packages"))
    assert line.count("poppler-utils") == 1, line
