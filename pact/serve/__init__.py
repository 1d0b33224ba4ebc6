"""``pact serve``: a web page anyone can use and a JSON API for other programs, over one compiled engine.

The stack is Starlette on uvicorn: a small, well-kept ASGI toolkit (Starlette has one dependency,
AnyIO) and its reference server, rather than FastAPI, because pact already has its contracts — the
scenario and result JSON Schemas of ``pact schema`` and its own one-line errors — and FastAPI's
request models and error bodies would be a second, differing copy of both. Every HTML page is
``pact.render.report``'s, so that the CLI's HTML report and the web page never disagree.

The rules are the operator's, read once at start (``Settings``); a request never names a file.
"""

from __future__ import annotations

from pact.serve.app import create_app
from pact.serve.settings import Limits, Settings

__all__ = ["Limits", "Settings", "create_app"]
