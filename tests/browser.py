"""One headless Chromium for many pages: the browser tests' driver (standard library only).

Starting Chromium costs more than loading a page, so a test module starts one
browser (``Browser``) and opens each page in a new tab of it, over the
DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON messages ended
by a NUL byte, written to the browser's fd 3 and read from its fd 4).  Each
page gets its own tab and its own record of the requests it made, so the
network check is per page, as with one ``--log-net-log`` per process.  The
network is cut off by the flags (a proxy that does not exist, no name
resolution): a request a page makes is recorded, then fails.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

#: Flags of every browser the tests start.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--force-device-scale-factor=1",
    "--hide-scrollbars", "--remote-debugging-pipe",
)
#: What a page runs before it is read: its web fonts loaded, then two frames drawn.
SETTLED = ("document.fonts.ready.then(() => new Promise(r => setTimeout(r, 50)))"
           ".then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))")


def chromium() -> str | None:
    """The Chromium executable (Debian's ``chromium``), or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserError(RuntimeError):
    """Chromium could not start, answered with an error, or took too long."""


MISSING = "Chromium is not installed (Debian package chromium; .ci/run installs it)"


def require_chromium() -> str:
    """The Chromium executable; skips the calling test (with the reason) where there is none."""
    import pytest

    exe = chromium()
    if exe is None:
        pytest.skip(MISSING)
    return exe


def start(work: Path, *, env: dict[str, str] | None = None) -> Browser:
    """A :class:`Browser` (see there for ``work`` and ``env``); skips the calling test or
    fixture, with the reason, where Chromium is not installed or cannot start here."""
    import pytest

    require_chromium()
    try:
        return Browser(work, env=env)
    except BrowserError as exc:
        pytest.skip(f"Chromium could not start: {exc}")


@dataclass
class Page:
    """What a page showed: its DOM, a screenshot (PNG bytes) and the URLs it asked for over
    the network (not file:, data:, blob:, chrome: or about:)."""

    dom: str
    png: bytes | None
    requests: list[str] = field(default_factory=list)


class Browser:
    """A headless Chromium driven over the DevTools pipe; ``with Browser(...) as b``."""

    def __init__(self, work: Path, *, env: dict[str, str] | None = None, timeout: float = 45):
        """Start Chromium with its profile, home and caches under ``work``; ``env``: more
        environment variables (e.g. ``FONTCONFIG_FILE``)."""
        exe = chromium()
        if exe is None:
            raise BrowserError(MISSING)
        work.mkdir(parents=True, exist_ok=True)
        self.timeout = timeout
        self._buffer = b""
        self._id = 0
        self._events: list[dict] = []
        to_browser, self._to_browser = os.pipe()
        self._from_browser, from_browser = os.pipe()
        self._log = open(work / "chromium.log", "wb")  # noqa: SIM115 - closed in close()

        def pipes() -> None:  # in the child: the pipe ends on fds 3 and 4
            read_end, write_end = os.dup(to_browser), os.dup(from_browser)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._proc = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={work / 'profile'}", "about:blank"],
            env={**os.environ, "HOME": str(work), "XDG_CONFIG_HOME": str(work / "config"),
                 "XDG_CACHE_HOME": str(work / "cache"), **(env or {})},
            preexec_fn=pipes, close_fds=False,
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log)
        os.close(to_browser)
        os.close(from_browser)
        try:
            self.call("Browser.getVersion")
        except BrowserError:
            self.close()
            raise

    # ------------------------------------------------------------------ protocol

    def _send(self, method: str, params: dict | None, session: str | None) -> int:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        except OSError as exc:
            raise BrowserError(f"Chromium is gone ({exc}); see its log") from exc
        return self._id

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError(f"Chromium did not answer within {self.timeout} s")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the pipe (it exited); see its log")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one command; return its result (events that arrive meanwhile are kept)."""
        wanted = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._events.append(message)

    def _wait_event(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self._events.pop(i)
            self._events.append(self._receive(deadline))

    def _requests(self, session: str) -> list[str]:
        urls, kept = [], []
        for event in self._events:
            if event.get("sessionId") != session:
                kept.append(event)
            elif event.get("method") == "Network.requestWillBeSent":
                url = event["params"]["request"]["url"]
                if not url.startswith(("file:", "data:", "blob:", "chrome:", "about:")):
                    urls.append(url)
        self._events = kept
        return urls

    # ------------------------------------------------------------------ pages

    def open(self, url: str, *, width: int = 1400, height: int = 1000, screenshot: bool = True,
             dom: bool = True, until: str | None = None) -> Page:
        """Load ``url`` in a new tab of ``width`` x ``height`` CSS px; once it has loaded, its
        fonts are in and (with ``until``, a JavaScript condition) the condition holds or the
        timeout has passed, return its DOM (``dom``), screenshot (``screenshot``) and network
        requests."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        try:
            for method in ("Page.enable", "Network.enable"):
                self.call(method, session=session)
            self.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1,
                       "mobile": False}, session)
            self.call("Page.navigate", {"url": url}, session)
            self._wait_event("Page.loadEventFired", session)
            self._evaluate(SETTLED, session)
            if until:
                deadline = time.monotonic() + self.timeout
                while not self._evaluate(f"Boolean({until})", session) and (
                        time.monotonic() < deadline):
                    time.sleep(0.05)
                self._evaluate(SETTLED, session)
            html = self._evaluate("document.documentElement.outerHTML", session) if dom else ""
            png = (base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"},
                                              session)["data"]) if screenshot else None)
            return Page(dom=html, png=png, requests=self._requests(session))
        finally:
            self.call("Target.closeTarget", {"targetId": target})

    def _evaluate(self, expression: str, session: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, session)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:60]}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def close(self) -> None:
        if self._proc.poll() is None:
            with contextlib.suppress(BrowserError):
                self.call("Browser.close")
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._log.close()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
