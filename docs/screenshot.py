"""How docs/inspect_view.png was taken: headless Chromium (Debian's `chromium` package) over the DevTools protocol.

    inspect view --log-dir logs --port 7599 &
    python docs/screenshot.py "http://127.0.0.1:7599/#/logs/<log file>.eval/samples/sample/seed-01/1/scoring" \
        docs/inspect_view.png

`chromium --screenshot` alone shoots too early: the viewer loads the log after the page's load event, and
`--virtual-time-budget` does not wait for it. So this waits in real time, then captures. Needs aiohttp (an Inspect
AI dependency).
"""

from __future__ import annotations

import asyncio
import base64
import json
import subprocess
import sys
import tempfile
import time
import urllib.request

import aiohttp

WIDTH, HEIGHT, PORT = 1400, 1130, 9333


def page_socket() -> str:
    for _ in range(50):
        try:
            pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{PORT}/json"))
            return next(p["webSocketDebuggerUrl"] for p in pages if p["type"] == "page")
        except Exception:  # Chromium is still starting
            time.sleep(0.2)
    raise SystemExit("chromium did not start")


async def shoot(url: str, out: str, wait: float) -> None:
    async with aiohttp.ClientSession() as session, session.ws_connect(page_socket(), max_msg_size=0) as ws:
        ids = iter(range(1, 1000))

        async def call(method: str, **params):
            n = next(ids)
            await ws.send_json({"id": n, "method": method, "params": params})
            async for msg in ws:
                reply = json.loads(msg.data)
                if reply.get("id") == n:
                    return reply.get("result")

        await call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)
        await call("Page.navigate", url=url)
        await asyncio.sleep(wait)
        shot = await call("Page.captureScreenshot", format="png")
        with open(out, "wb") as fh:
            fh.write(base64.b64decode(shot["data"]))


def main(url: str, out: str, wait: float = 15) -> None:
    with tempfile.TemporaryDirectory() as profile:
        chromium = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--window-size={WIDTH},{HEIGHT}", f"--remote-debugging-port={PORT}", f"--user-data-dir={profile}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            asyncio.run(shoot(url, out, wait))
        finally:
            chromium.terminate()
            chromium.wait()


if __name__ == "__main__":
    main(*sys.argv[1:3], *map(float, sys.argv[3:4]))
