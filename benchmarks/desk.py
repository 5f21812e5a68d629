"""The review desk on a week of 200 facts, in Debian's Chromium (Selenium, headless):

- page interactive: the browser's navigation timing (DOMContentLoaded done, the desk's script run)
  of the week's page, cold (first load after the server started) and warm;
- save to preview: from the key that approves a fact to both editions reloaded in the page
  (the decision written through briefgen.facts.review, the list and panel refreshed, the French
  and English editions rebuilt by the build code and loaded).

The baseline is bare Starlette + uvicorn replaying the desk's own responses (the same page, panel,
previews and script, captured from the desk in the same run) without computing anything: the ratio
is the cost of briefgen's work over the framework and the browser. Runs are interleaved. The
in-process breakdown of one save (round trip, validation, brief, HTML) is printed after.

Usage: python benchmarks/desk.py [--runs N] [--facts N]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
WEEK = "2025-W30"


def make_desk(dest: Path, n: int) -> Path:
    """A copy of the example whose 2025-W30 holds ``n`` facts (its ten, copied under new ids)."""
    import yaml

    from briefgen.facts.review import dump

    for name in ("config", "facts", "sources"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(ROOT / "templates" / "assets", dest / "templates" / "assets")
    path = dest / "facts" / f"{WEEK}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = data["facts"]
    facts, k = list(base), 0
    while len(facts) < n:
        f = copy.deepcopy(base[k % len(base)])  # no shared values: no YAML anchors in the file
        f["id"] = f"{f['id']}-copy{k:03d}"
        for key in ("merged", "key_point", "key_figure", "credibility"):
            f.pop(key, None)
        f["status"] = "proposed"
        facts.append(f)
        k += 1
    data["facts"] = facts[:n]
    path.write_text(dump(data), encoding="utf-8")
    return dest / "config" / "briefgen.yaml"


BARE = r'''
import json, sys
from pathlib import Path
import uvicorn
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
cap = json.loads(Path(sys.argv[1]).read_text())
state = {"n": 0}
async def page(r): return HTMLResponse(cap["page"])
async def panel(r): return HTMLResponse(cap["panel"])
async def preview(r): return HTMLResponse(cap["preview_" + r.path_params["lang"]])
async def decide(r):
    await r.body(); state["n"] += 1
    return JSONResponse({"version": f"{state['n']:064d}", "result": None})
async def st(r): return JSONResponse({"version": f"{state['n']:064d}", "problems": []})
app = Starlette(routes=[Route("/week/{w}", page), Route("/week/{w}/fact/{f}", panel),
    Route("/week/{w}/preview/{lang}", preview), Route("/week/{w}/decide", decide, methods=["POST"]),
    Route("/week/{w}/state", st), Mount("/static", StaticFiles(directory=sys.argv[2]))])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[3]), log_level="warning", access_log=False)
'''


def start(args: list[str], port: int, cwd: Path) -> subprocess.Popen:
    import http.client

    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/static/desk.css")
            c.getresponse().read()
            return proc
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    o = webdriver.ChromeOptions()
    o.binary_location = shutil.which("chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000",
              "--disable-gpu", "--no-first-run", "--disable-background-networking"):
        o.add_argument(a)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=o)


def wait(d, script: str, timeout: float = 120):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = d.execute_script(script)
        if v:
            return v
        time.sleep(0.01)
    raise RuntimeError(f"timed out: {script}")


def page_load(d, url: str) -> float:
    """ms from navigation start to DOMContentLoaded done (the desk's deferred script has run)."""
    d.get(url)
    wait(d, "return window.desk && window.desk.ready")
    return d.execute_script("const n = performance.getEntriesByType('navigation')[0]; return n.domContentLoadedEventEnd;")


def save_to_preview(d, fact: str, status: str) -> float:
    """ms from the decision's key to both previews reloaded."""
    d.execute_script(f"""window.desk.saveToPreview = null;
        document.querySelector('#list .fact[data-id="{fact}"]').click();""")
    wait(d, f'return document.querySelector("#panel .detail[data-id=\\"{fact}\\"]") && !window.desk.saving')
    time.sleep(0.05)
    key = "a" if status == "approved" else "u"
    d.execute_script(f"document.dispatchEvent(new KeyboardEvent('keydown', {{key: '{key}', bubbles: true}}))")
    return wait(d, "return window.desk.saveToPreview")


def summary(xs: list[float]) -> str:
    return f"{statistics.median(xs):.0f} ms ({min(xs):.0f}–{max(xs):.0f})"


def breakdown(cfg_path: Path, fact: str) -> dict[str, float]:
    """One save in process: the round trip + validated write, then the brief and both editions' HTML."""
    from briefgen.articles.readers import read_sources
    from briefgen.core.config import load_config
    from briefgen.edition.brief import build_brief
    from briefgen.edition.render import render_html
    from briefgen.facts import review
    from briefgen.facts import roundtrip as rt

    cfg = load_config(cfg_path)
    path = cfg.facts_dir / f"{WEEK}.yaml"
    out = {}
    t = time.perf_counter()
    rt.load(path.read_text(encoding="utf-8")).dumps()
    out["bare ruamel.yaml round trip (load + dump)"] = time.perf_counter() - t
    ids = read_sources(cfg.sources_dir).keys()
    t = time.perf_counter()
    review.edit_week(cfg, WEEK, lambda d: review.set_status(d, fact, "rejected"), source_ids=ids)
    out["decision written, whole file round trip (round trip, validation, atomic write)"] = time.perf_counter() - t
    t = time.perf_counter()
    review.edit_week(cfg, WEEK, lambda d: review.set_status(d, fact, "approved"), source_ids=ids, only=(fact,))
    out["decision written as the desk does, the fact's entry round trip (same, spliced)"] = time.perf_counter() - t
    t = time.perf_counter()
    brief = build_brief(cfg, WEEK)
    out["brief of the week"] = time.perf_counter() - t
    for lang in cfg.languages:
        t = time.perf_counter()
        render_html(cfg, brief, lang)
        out[f"{lang} edition HTML"] = time.perf_counter() - t
    return {k: v * 1000 for k, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--facts", type=int, default=200)
    args = ap.parse_args()
    from smtp_server import free_port

    tmp = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    procs = []
    d = None
    try:
        cfg = make_desk(tmp / "desk", args.facts)
        port, bare_port = free_port(), free_port()
        procs.append(start([sys.executable, "-m", "briefgen", "serve", "--config", str(cfg), "--week", WEEK,
                            "--port", str(port), "-q"], port, tmp / "desk"))
        d = browser()
        url = f"http://127.0.0.1:{port}/week/{WEEK}"
        cold = page_load(d, url)
        facts = d.execute_script("return Array.from(document.querySelectorAll('#list .fact')).map(li => li.dataset.id)")
        assert len(facts) == args.facts, len(facts)
        fact = facts[len(facts) // 2]
        # capture the desk's responses for the bare server
        import urllib.request

        def get(path: str) -> str:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as r:
                return r.read().decode("utf-8")

        cap = {"page": get(f"/week/{WEEK}"), "panel": get(f"/week/{WEEK}/fact/{fact}"),
               "preview_fr": get(f"/week/{WEEK}/preview/fr"), "preview_en": get(f"/week/{WEEK}/preview/en")}
        (tmp / "capture.json").write_text(json.dumps(cap), encoding="utf-8")
        (tmp / "bare.py").write_text(BARE, encoding="utf-8")
        procs.append(start([sys.executable, str(tmp / "bare.py"), str(tmp / "capture.json"),
                            str(ROOT / "briefgen" / "desk" / "static"), str(bare_port)], bare_port, tmp))
        bare_url = f"http://127.0.0.1:{bare_port}/week/{WEEK}"
        ours: dict[str, list[float]] = {"load": [], "save": []}
        bare: dict[str, list[float]] = {"load": [], "save": []}
        status = "approved"
        for _ in range(args.runs):
            ours["load"].append(page_load(d, url))
            ours["save"].append(save_to_preview(d, fact, status))
            bare["load"].append(page_load(d, bare_url))
            bare["save"].append(save_to_preview(d, fact, status))
            status = "proposed" if status == "approved" else "approved"
        print(f"review desk, week of {args.facts} facts, {args.runs} runs (median, min–max); page "
              f"{len(cap['page']) // 1024} KiB, editions {len(cap['preview_fr']) // 1024} + "
              f"{len(cap['preview_en']) // 1024} KiB")
        print("| measure | briefgen | bare Starlette replay | ratio |\n|---|---|---|---|")
        print(f"| page interactive (cold, first load) | {cold:.0f} ms | | |")
        for key, label in (("load", "page interactive (DOMContentLoaded)"), ("save", "save to both previews")):
            ratio = statistics.median(ours[key]) / statistics.median(bare[key])
            print(f"| {label} | {summary(ours[key])} | {summary(bare[key])} | {ratio:.1f}× |")
        print("\none save in process:")
        for k, v in breakdown(cfg, fact).items():
            print(f"  {k}: {v:.0f} ms")
    finally:
        if d is not None:
            d.quit()
        for p in procs:
            p.terminate()
            p.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
