"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON
messages ending in NUL, read by Chromium on its fd 3 and written on its fd 4): no driver, no port."""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import time
from pathlib import Path
from typing import Any


class Browser:
    """One page of a headless Chromium: navigate, run a script, wait for a load, take a screenshot."""

    def __init__(self, chromium: str, flags: tuple[str, ...], profile: Path, size: tuple[int, int]) -> None:
        to_chromium, self._out = os.pipe()
        self._in, from_chromium = os.pipe()

        def fds() -> None:  # in the child: Chromium reads commands on fd 3 and writes answers on fd 4
            os.dup2(to_chromium, 3)
            os.dup2(from_chromium, 4)

        command = [chromium, *flags, "--remote-debugging-pipe", f"--user-data-dir={profile}"]
        command.append(f"--window-size={size[0]},{size[1]}")
        self.process = subprocess.Popen(
            command, preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        os.close(to_chromium)
        os.close(from_chromium)
        self._buffer, self._next, self._events = b"", 0, []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        metrics = {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False}
        self.call("Emulation.setDeviceMetricsOverride", session=True, **metrics)

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            found = self._message()
            if found.get("id") == self._next:
                assert "error" not in found, found["error"]
                return found.get("result", {})
            self._events.append(found)

    def _message(self, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._in], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, "Chromium did not answer in time"
            chunk = os.read(self._in, 1 << 20)
            assert chunk, "Chromium closed its pipe"
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def loaded(self, action: Any) -> None:
        """Do ``action()`` and wait for the page it leads to to have loaded."""
        self._events.clear()
        action()
        while not any(e.get("method") == "Page.loadEventFired" for e in self._events):
            self._events.append(self._message())

    def go(self, url: str) -> None:
        self.loaded(lambda: self.call("Page.navigate", session=True, url=url))

    def run(self, script: str) -> Any:
        found = self.call("Runtime.evaluate", session=True, expression=script, returnByValue=True)
        assert "exceptionDetails" not in found, found["exceptionDetails"]
        return found["result"].get("value")

    def screenshot(self, file: Path) -> None:
        shot = self.call("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True)
        file.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        """Ask Chromium to quit (it may close its pipe before it answers), and wait for it to."""
        os.write(self._out, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
        try:
            self.process.wait(30)
        finally:
            os.close(self._in)
            os.close(self._out)
