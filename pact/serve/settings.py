"""What the operator decides when starting the server: the rules, the language, and the limits."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

from pact.words import DEFAULT_LANGUAGE

ENVIRONMENT = "PACT_SERVE_SETTINGS"
"""Where ``--workers N`` passes the settings to each worker process (as JSON)."""


@dataclass(frozen=True)
class Limits:
    """What one request may ask: the body's size and events, JSON's depth, and how long it may take."""

    body_bytes: int = 256 * 1024
    events: int = 64
    depth: int = 32
    body_seconds: float = 10.0
    """How long a client may take to send its body (a slow client is told 408 and dropped)."""
    evaluation_seconds: float = 20.0
    """How long an answer may take before the request is told 503 (the work is abandoned)."""


@dataclass(frozen=True)
class Settings:
    rules: tuple[str, ...] = ()
    bundled: bool = True
    language: str = DEFAULT_LANGUAGE
    backend: str = "auto"
    cors: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    readings: tuple[str, ...] = ()  # readings of contested points followed instead of the defaults

    def to_environment(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_environment(cls) -> Settings:
        data = json.loads(os.environ[ENVIRONMENT])
        return cls(
            rules=tuple(data["rules"]),
            bundled=data["bundled"],
            language=data["language"],
            backend=data["backend"],
            cors=tuple(data["cors"]),
            limits=Limits(**data["limits"]),
            readings=tuple(data["readings"]),
        )
