"""The bare loop the fetch benchmark compares briefgen with: httpx (same concurrency) reads each feed
(with the ETag remembered from the last pass), feedparser parses it, every item's page is fetched,
and, with --extract, trafilatura extracts it. No robots.txt, no caps, no state beyond the ETags, nothing
written but them.

    python benchmarks/fetch_bare.py STATE.json CONNECTIONS [--extract] FEED_URL...
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import feedparser
import httpx


async def main(state: Path, connections: int, extract: bool, feeds: list[str]) -> None:
    etags = json.loads(state.read_text()) if state.exists() else {}
    limit = asyncio.Semaphore(connections)
    if extract:
        import trafilatura

    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=connections)) as client:
        async def get(url, headers=None):
            async with limit:
                return await client.get(url, headers=headers or {})

        async def one(url):
            r = await get(url, {"If-None-Match": etags[url]} if url in etags else None)
            if r.status_code == 304:
                return
            etags[url] = r.headers.get("ETag")
            parsed = feedparser.parse(r.content)
            pages = await asyncio.gather(*(get(e.link) for e in parsed.entries))
            if extract:
                for p in pages:
                    trafilatura.extract(p.text)

        await asyncio.gather(*(one(u) for u in feeds))
    state.write_text(json.dumps(etags))


if __name__ == "__main__":
    args = sys.argv[1:]
    extract = "--extract" in args
    args = [a for a in args if a != "--extract"]
    asyncio.run(main(Path(args[0]), int(args[1]), extract, args[2:]))
