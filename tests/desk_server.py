"""The review desk as a user runs it: ``python -m briefgen serve`` in its own process on 127.0.0.1,
and a small HTTP client that says exactly what it sends (Host header, tokens)."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from smtp_server import free_port


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class DeskServer:
    """``briefgen serve --config CFG --week WEEK`` on a free port; stopped (its process only) on exit."""

    def __init__(self, config: Path, week: str = "2025-W30", *, token: str | None = None):
        self.config, self.week, self.token = config, week, token
        self.host, self.port = "127.0.0.1", free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> "DeskServer":
        args = [sys.executable, "-m", "briefgen", "serve", "--config", str(self.config), "--week", self.week,
                "--port", str(self.port)]
        if self.token:
            args += ["--token", self.token]
        self.proc = subprocess.Popen(args, cwd=self.config.parent.parent, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the desk did not start: " + self.proc.stdout.read().decode())
            try:
                self.request("GET", "/static/desk.css")
                return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("the desk did not answer within 60 s")

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def request(self, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None,
                host: str | None = None) -> Reply:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host if host is not None else f"{self.host}:{self.port}")
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            r = conn.getresponse()
            return Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def page(self, week: str | None = None, **headers) -> tuple[str, str, str]:
        """(version, csrf token, html) of the week's page, as a browser tab loads it."""
        r = self.request("GET", self._t(f"/week/{week or self.week}"), headers=headers)
        assert r.status == 200, (r.status, r.text[:500])
        meta = dict(re.findall(r'<meta name="desk-(\w+)" content="([^"]*)">', r.text))
        return meta["version"], meta["csrf"], r.text

    def decide(self, csrf: str | None, decision: dict, *, week: str | None = None) -> Reply:
        headers = {"Content-Type": "application/json"}
        if csrf is not None:
            headers["X-CSRF-Token"] = csrf
        if self.token:
            headers["X-Desk-Token"] = self.token
        return self.request("POST", f"/week/{week or self.week}/decide", body=json.dumps(decision).encode(),
                            headers=headers)

    def _t(self, path: str) -> str:
        return f"{path}{'&' if '?' in path else '?'}token={self.token}" if self.token else path
