"""Testing pact rules: hypothesis strategies for your own property tests (``strategies``), the
properties ``pact check`` searches (``properties``), and the pytest plugin that collects scenario
files as tests (``pytest_plugin``).

The strategies are this package's public face — ``from pact.testing import scenarios`` — and are
imported on first use, so that pytest loading the plugin does not import hypothesis.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pact.testing.strategies import (
        dates_within,
        events,
        rulebooks,
        scenarios,
        synthetic_rulebook,
        synthetic_scenarios,
        treaties,
    )

__all__ = [
    "dates_within",
    "events",
    "rulebooks",
    "scenarios",
    "synthetic_rulebook",
    "synthetic_scenarios",
    "treaties",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'pact.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module("pact.testing.strategies"), name)
    globals()[name] = value
    return value
