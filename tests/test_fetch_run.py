"""The weekly job and the network: the bundled example contacts nothing, --offline fetches nothing,
and a run whose outlets all fail still builds the week."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import copy_project
from press_server import PressServer


def cli(*args, env):
    return subprocess.run([sys.executable, "-m", "briefgen", *args], capture_output=True, text=True, timeout=900,
                          env=env)


def test_run_on_the_example_contacts_nothing_and_offline_fetches_nothing(tmp_path):
    """Every request briefgen could send goes through a proxy on 127.0.0.1 that writes it down (the
    example's addresses are https:// ones on example.org): none may reach it unless a feed is enabled."""
    with PressServer() as proxy:
        env = {**os.environ, "HTTP_PROXY": proxy.base, "HTTPS_PROXY": proxy.base, "ALL_PROXY": proxy.base,
               "http_proxy": proxy.base, "https_proxy": proxy.base, "all_proxy": proxy.base, "NO_PROXY": "",
               "no_proxy": ""}
        cfg = copy_project(tmp_path)
        result = cli("run", "--config", str(cfg), env=env)
        assert result.returncode == 0, result.stderr
        assert proxy.hits == []
        assert list((tmp_path / "output").glob("2025-W*/brief.fr.pdf"))

        feeds = cfg.parent / "feeds.yaml"
        feeds.write_text(feeds.read_text(encoding="utf-8").replace("enabled: false", "enabled: true"),
                         encoding="utf-8")
        offline = cli("run", "--offline", "--config", str(cfg), env=env)
        assert offline.returncode == 0, offline.stderr
        assert proxy.hits == []

        # the control: with the feeds enabled, a run does ask (through the proxy, which refuses), warns
        # per outlet and address, and still finishes the week
        online = cli("run", "--config", str(cfg), env=env)
        assert online.returncode == 0, online.stderr
        asked = {h.path for h in proxy.hits}
        assert "courrier-sahel.example.org:443" in asked and "echo-sikasso.example.org:443" in asked
        for outlet, url in (("courrier-sahel", "https://courrier-sahel.example.org/feed/"),
                            ("echo-sikasso", "https://echo-sikasso.example.org/actualites/")):
            assert f"warning: {outlet}: {url}:" in online.stderr
        assert "fetch: bamako-hebdo" in online.stderr and "Traceback" not in online.stderr
        assert not [p for p in (tmp_path / "sources").iterdir() if p.name.startswith(".")]
