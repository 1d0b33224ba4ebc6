"""The ASGI application: the JSON API, the pages, and what every response passes through (refusals
rendered once, security headers, a decision log line on stderr)."""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, date, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from pact.analysis.inforce import treaties_in_force
from pact.analysis.research import pact_version
from pact.core.states import is_state_code
from pact.evaluation.answers import Answer, answer
from pact.evaluation.explanation import explain
from pact.load.loader import dump_yaml, scenario_from_dict
from pact.render import Options, render
from pact.render import inforce as inforce_render
from pact.render.data import to_json
from pact.serve import pages
from pact.serve.guard import Problem, Refusal, read_json, refuse, scenario_data
from pact.serve.openapi import document
from pact.serve.question import SCENARIO_ID, Question
from pact.serve.service import Service, scenario_hash
from pact.serve.settings import Settings
from pact.words import LANGUAGES

HEADERS = {
    # The pages need no script, no frame and nothing from elsewhere; their style is inline.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
JSON = "application/json"
DOWNLOADS = {"yaml": "application/yaml", "json": JSON, "csv": "text/csv"}
log = logging.getLogger("pact.serve")


def create_app(settings: Settings | None = None) -> Starlette:
    """The application over ``settings``' rules, read and compiled now (bad rules raise ``InputError``)."""
    return Api(Service(settings or Settings())).app


def from_environment() -> Starlette:
    """The application of a ``--workers`` process, from the settings its parent left in the environment."""
    return create_app(Settings.from_environment())


def _language(request: Request, default: str) -> str:
    asked = request.query_params.get("lang", "")
    return asked if asked in LANGUAGES else default


def _day(request: Request, name: str, default: date | None) -> date | None:
    text = request.query_params.get(name, "")
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        raise refuse(422, "bad_date", "serve.bad_date", field=name, value=text) from None


class Api:
    """The routes over one service."""

    def __init__(self, service: Service) -> None:
        self.service = service
        routes = [
            Route("/api/health", self.health),
            Route("/api/evaluate", self.evaluate, methods=["POST"]),
            Route("/api/explain", self.explain, methods=["POST"]),
            Route("/api/treaties", self.treaties_json),
            Route("/api/timeline/{state}", self.timeline_json),
            Route("/openapi.json", self.openapi),
            Route("/", self.home),
            Route("/answer", self.answer),
            Route("/answer.{kind:str}", self.download),
            Route("/treaties", self.treaties),
            Route("/treaty/{treaty}", self.treaty),
            Route("/timeline/{state}", self.timeline),
            Route("/favicon.ico", lambda _: Response(status_code=204)),  # browsers ask; pact has none
        ]
        middleware = [Middleware(BaseHTTPMiddleware, dispatch=self.decision_log)]
        if service.settings.cors:
            middleware.insert(
                0,
                Middleware(
                    CORSMiddleware,
                    allow_origins=list(service.settings.cors),
                    allow_methods=["GET", "POST"],
                    allow_headers=["Content-Type"],
                ),
            )
        handlers: dict[Any, Any] = {Refusal: self.refused, HTTPException: self.http_error, Exception: self.failed}
        self.app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
        self.app.state.service = service

    def lang(self, request: Request) -> str:
        return _language(request, self.service.settings.language)

    # --- the JSON API ----------------------------------------------------------------------

    async def health(self, request: Request) -> Response:
        service = self.service
        found = {"status": "ok", "pact": pact_version(), "rules": service.fingerprint}
        found |= {"treaties": len(service.rulebook.treaties), "backend": type(service.engine.backend).__name__}
        return JSONResponse(found)

    async def _scenario(self, request: Request) -> dict[str, Any]:
        limits = self.service.settings.limits
        data = scenario_data(await read_json(request, limits), limits)
        request.state.scenario = scenario_hash(data)
        return data

    async def evaluate(self, request: Request) -> Response:
        data, lang, service = await self._scenario(request), self.lang(request), self.service

        def job() -> str:
            return to_json(service.engine.evaluate(scenario_from_dict(data, service.rulebook)), language=lang)

        return Response(await service.run(job), media_type=JSON)

    async def explain(self, request: Request) -> Response:
        data, service = await self._scenario(request), self.service
        asked = {name: request.query_params.get(name) or None for name in ("state", "treaty", "event")}

        def job() -> str:
            found = explain(service.engine, scenario_from_dict(data, service.rulebook), **asked)
            return json.dumps([e.model_dump(mode="json") for e in found], indent=2, ensure_ascii=False)

        return Response(await service.run(job), media_type=JSON)

    async def treaties_json(self, request: Request) -> Response:
        day = _day(request, "date", date.today()) or date.today()
        state = request.query_params.get("state") or None
        found = await self.service.run(lambda: treaties_in_force(self.service.rulebook, day, state))
        return Response(inforce_render.as_json(found, day), media_type=JSON)

    async def _timeline(self, request: Request) -> Any:
        state = request.path_params["state"]
        if not is_state_code(state):
            raise refuse(404, "unknown_state", "serve.unknown_state", field="state", state=state)
        start, end = _day(request, "from", None), _day(request, "to", date.today())  # today: a key of the cache
        by = request.query_params.get("by") or None
        return await self.service.run(lambda: self.service.timeline(state, start, end, by=by))

    async def timeline_json(self, request: Request) -> Response:
        return Response((await self._timeline(request)).to_json(), media_type=JSON)

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(document(pact_version()))

    # --- the pages -------------------------------------------------------------------------

    def _question(self, request: Request) -> Question:
        return Question.of(request.query_params, date.today())

    async def home(self, request: Request) -> Response:
        return HTMLResponse(pages.home_page(self._question(request), self.lang(request), self.service.states))

    async def _answered(self, request: Request, question: Question) -> Answer:
        data, service = question.scenario(), self.service
        request.state.scenario = scenario_hash(data)
        return await service.run(
            lambda: answer(service.engine, scenario_from_dict(data, service.rulebook), explained=True)
        )

    async def answer(self, request: Request) -> Response:
        question, lang, states = self._question(request), self.lang(request), self.service.states
        try:
            found = await self._answered(request, question)
        except Refusal as refusal:
            return HTMLResponse(pages.problems_page(refusal.problems, question, lang, states), refusal.status)
        return HTMLResponse(pages.answer_page(found, question, lang, states))

    async def download(self, request: Request) -> Response:
        kind = request.path_params["kind"]
        if kind not in DOWNLOADS:
            raise HTTPException(404)
        question, lang = self._question(request), self.lang(request)
        found = await self._answered(request, question)
        if kind == "yaml":
            text = dump_yaml(found.scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True))
        elif kind == "json":
            text = to_json(found.result, language=lang)
        else:
            text = str(render("csv", [found], Options(language=lang)))
        disposition = {"Content-Disposition": f'attachment; filename="{SCENARIO_ID}.{kind}"'}
        return Response(text, media_type=DOWNLOADS[kind], headers=disposition)

    async def treaties(self, request: Request) -> Response:
        day = _day(request, "date", date.today()) or date.today()
        found = await self.service.run(lambda: treaties_in_force(self.service.rulebook, day))
        return HTMLResponse(pages.treaties_page(found, day, self.lang(request)))

    async def treaty(self, request: Request) -> Response:
        name, lang, rulebook = request.path_params["treaty"], self.lang(request), self.service.rulebook
        day = _day(request, "date", date.today()) or date.today()
        known = next((t for t in rulebook.treaties if t.treaty == name), None)
        if known is None:
            raise refuse(404, "unknown_treaty", "serve.unknown_treaty", field="treaty", treaty=name)
        found = await self.service.run(lambda: treaties_in_force(rulebook, day))
        standing = next((t for t in found if t.treaty == name), None)
        return HTMLResponse(pages.treaty_page(known, standing, day, lang))

    async def timeline(self, request: Request) -> Response:
        return HTMLResponse(pages.timeline_page(await self._timeline(request), self.lang(request), self.service.words))

    # --- what every response passes through --------------------------------------------------

    def _is_api(self, request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    async def refused(self, request: Request, refusal: Exception) -> Response:
        assert isinstance(refusal, Refusal)
        lang = self.lang(request)
        # a body refused before it was read to its end leaves the connection unusable: close it
        closing = {"Connection": "close"} if refusal.status in (408, 413) else None
        if self._is_api(request):
            errors = {"errors": [p.as_dict(lang) for p in refusal.problems]}
            return JSONResponse(errors, refusal.status, headers=closing)
        return HTMLResponse(pages.message_page(refusal.problems, lang), refusal.status, headers=closing)

    async def http_error(self, request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        problem = Problem(None, f"http_{error.status_code}", lambda _: str(error.detail))
        return await self.refused(request, Refusal(error.status_code, problem))

    async def failed(self, request: Request, error: Exception) -> Response:
        log.error("pact serve: %s %s failed", request.method, request.url.path, exc_info=error)
        problem = Problem(None, "internal", lambda _: "internal error (see the server's log)")
        return await self.refused(request, Refusal(500, problem))

    async def decision_log(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        """The response with pact's headers, and a line on stderr as OPA's decision logs: when, what,
        the scenario's hash, the rules' fingerprint, how long, and the status."""
        started = time.perf_counter()
        response = await call_next(request)
        response.headers.update(HEADERS)
        line = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": request.method,
            "path": request.url.path,
            "status": response.status_code,
            "scenario": getattr(request.state, "scenario", None),
            "rules": self.service.fingerprint,
            "ms": round((time.perf_counter() - started) * 1000, 2),
        }
        print(json.dumps(line), file=sys.stderr, flush=True)
        return response
