"""``pact serve``: the web page and the JSON API (``pact.serve``), started on uvicorn."""

from __future__ import annotations

import importlib.util
import os
from typing import Annotated

import typer

from pact.cli.app import (
    DEFAULT_BACKEND,
    BackendOption,
    LanguageOption,
    NoBundledOption,
    ReadingOption,
    RulesOption,
    command,
)
from pact.core.errors import MissingExtra
from pact.words import DEFAULT_LANGUAGE


def _needs(*packages: str) -> None:
    for package in packages:
        if importlib.util.find_spec(package) is None:
            raise MissingExtra(package, "serve", "pact serve")


@command
def serve(
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    host: Annotated[str, typer.Option(help="The address to listen on (default: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port to listen on.")] = 8000,
    lang: LanguageOption = DEFAULT_LANGUAGE,
    cors: Annotated[
        list[str] | None,
        typer.Option(
            "--cors", metavar="ORIGIN", help="Let pages of this origin call the API (repeatable; default: none)."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes serving requests, each with its own engine.")] = 1,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Serve the web page and the JSON API over the rules given (the bundled ones by default).

    The page asks who must respond when a state is attacked and shows the HTML report's answer; the
    API answers POST /api/evaluate with the result contract (OpenAPI document: /openapi.json). A
    decision log line per request goes to stderr.
    """
    _needs("starlette", "uvicorn")
    import uvicorn

    from pact.serve import Settings, create_app
    from pact.serve.settings import ENVIRONMENT

    settings = Settings(
        tuple(rules or ()), not no_bundled, lang, backend, tuple(cors or ()), readings=tuple(reading or ())
    )
    app = create_app(settings)  # the rules are read here, once: bad rules stop the command with exit 2
    service = app.state.service
    treaties = len(service.rulebook.treaties)
    typer.echo(f"pact serve: http://{host}:{port}/ ({treaties} treaties, rules {service.fingerprint})", err=True)
    shared = {"host": host, "port": port, "log_level": "warning", "server_header": False}
    if workers == 1:
        uvicorn.run(app, **shared)
    else:  # each worker process builds its own application from the settings
        os.environ[ENVIRONMENT] = settings.to_environment()
        uvicorn.run("pact.serve.app:from_environment", factory=True, workers=workers, **shared)
