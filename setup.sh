#!/usr/bin/env bash
# One command for a new machine: system packages, a virtual environment with briefgen and its
# test tools, then the weekly job on the bundled example (writes output/<week>/brief.*).
# Safe to run again: every step is skipped or cheap when already done.
set -euo pipefail
cd "$(dirname "$0")"

# System libraries: Pango (WeasyPrint's text layout), HarfBuzz subsetting (fast PDF font embedding),
# poppler (PDF checks in tests), Chromium and HTML Tidy (the HTML edition's screenshot and validation
# in tests), chromium-driver (the review desk's browser tests drive Chromium through it). Each missing
# package is named once.
need=()
want() {
    local p
    for p in ${need[@]+"${need[@]}"}; do [ "$p" = "$1" ] && return 0; done
    need+=("$1")
}
if command -v dpkg >/dev/null 2>&1; then
    for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0; do
        dpkg -s "$pkg" >/dev/null 2>&1 || want "$pkg"
    done
    command -v pdftotext >/dev/null 2>&1 || want poppler-utils
    command -v pdffonts >/dev/null 2>&1 || want poppler-utils
    command -v pdftoppm >/dev/null 2>&1 || want poppler-utils
    command -v chromium >/dev/null 2>&1 || want chromium
    command -v chromedriver >/dev/null 2>&1 || want chromium-driver
    command -v tidy >/dev/null 2>&1 || want tidy
else
    echo "==> not a Debian system: install Pango, HarfBuzz, poppler-utils, Chromium and tidy with your package manager"
fi

# apt-get, waiting while another install holds the package manager's locks instead of failing:
# DPkg::Lock::Timeout covers dpkg's lock; the package lists' lock (apt-get update) is waited for here.
apt_wait() {
    local out tries=0
    while ! out=$($sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" 2>&1); do
        if ! grep -qi "lock" <<<"$out" || [ $tries -ge 120 ]; then
            echo "$out" >&2
            return 1
        fi
        [ $tries -eq 0 ] && echo "==> waiting for another package installation to finish"
        tries=$((tries + 1))
        sleep 5
    done
}
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "==> installing system packages: ${need[*]}"
    apt_wait update -qq
    apt_wait install -y -qq "${need[@]}"
fi

if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    python3 -m venv .venv
fi
echo "==> installing briefgen and its dependencies into .venv"
# setuptools in the environment itself: it builds briefgen here and in tests/test_install.py
# (which builds a wheel offline, --no-build-isolation).
.venv/bin/python -m pip install -q --upgrade pip "setuptools>=77" >/dev/null
# Editable: the checkout's code, templates and example are used as they are edited. With briefgen/
# at the top of the repository setuptools installs an import hook and says so in a notice
# ("Editable installation... folders in your working directory with the same name as your
# package"); here that folder is the package itself, so the notice is silenced, nothing else.
.venv/bin/python -W "ignore:Editable installation:UserWarning" -m pip install -q --no-build-isolation \
    -e ".[test]"
# Byte-compile briefgen as pip does for regular installs (an editable install is not, and with
# PYTHONDONTWRITEBYTECODE set every command would compile it again); stale files are ignored by Python.
.venv/bin/python -m compileall -q briefgen

echo "==> briefgen run"
.venv/bin/briefgen run
