"""The OpenAPI document of the JSON API (``GET /openapi.json``), whose scenario and result schemas are
the public contracts' own (``pact schema scenario``, ``pact schema result``)."""

from __future__ import annotations

import json
from typing import Any

from pact.model import Scenario
from pact.render.data import result_schema


def _components(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` and its ``$defs`` as components, each definition's name prefixed by ``name`` (two
    contracts may define a type of the same name differently)."""
    text = json.dumps(schema).replace('"#/$defs/', f'"#/components/schemas/{name}.')
    moved = json.loads(text)
    found = {f"{name}.{key}": value for key, value in moved.pop("$defs", {}).items()}
    return found | {name: moved}


PROBLEMS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "code", "message", "suggestion"],
                "properties": {
                    "field": {"type": ["string", "null"], "description": "The field's path, e.g. events[0].target."},
                    "code": {"type": "string", "description": "A stable code: invalid, too_large, PACT104 …"},
                    "message": {"type": "string", "description": "What is wrong, in the language asked (lang)."},
                    "suggestion": {"type": ["string", "null"], "description": "The likely intended value."},
                },
            },
        }
    },
}


def _json(schema: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def _refused(*statuses: str) -> dict[str, Any]:
    return {status: {"description": "Refused: one problem per line", **_json("Problems")} for status in statuses}


_LANG = {"name": "lang", "in": "query", "schema": {"enum": ["en", "fr"]}, "description": "Language of words."}
_QUERY = {"in": "query", "schema": {"type": "string"}}


def document(version: str) -> dict[str, Any]:
    scenario_body = {"required": True, **_json("Scenario")}
    refused = _refused("400", "408", "413", "415", "422", "503")
    explain_params = [_LANG, *({"name": n, **_QUERY} for n in ("state", "treaty", "event"))]
    return {
        "openapi": "3.1.0",
        "info": {"title": "pact", "version": version, "description": "Who must respond when a state is attacked."},
        "paths": {
            "/api/evaluate": {
                "post": {
                    "summary": "Evaluate a scenario: the result contract",
                    "parameters": [_LANG],
                    "requestBody": scenario_body,
                    "responses": {"200": {"description": "The result", **_json("Result")}, **refused},
                }
            },
            "/api/explain": {
                "post": {
                    "summary": "Why each state is or is not obligated, clause by clause",
                    "parameters": explain_params,
                    "requestBody": scenario_body,
                    "responses": {"200": {"description": "Explanations"}, **refused},
                }
            },
            "/api/treaties": {
                "get": {
                    "summary": "The treaties in force on a day and their parties",
                    "parameters": [{"name": "date", **_QUERY}, {"name": "state", **_QUERY}],
                    "responses": {"200": {"description": "Treaties in force"}, **_refused("422")},
                }
            },
            "/api/timeline/{state}": {
                "get": {
                    "summary": "Who owes a state a duty, and whom it owes one, period by period",
                    "parameters": [
                        {"name": "state", "in": "path", "required": True, "schema": {"type": "string"}},
                        *({"name": n, **_QUERY} for n in ("from", "to", "by")),
                    ],
                    "responses": {"200": {"description": "The timeline"}, **_refused("422", "503")},
                }
            },
            "/api/health": {
                "get": {"summary": "Up, with the rules' fingerprint", "responses": {"200": {"description": "ok"}}}
            },
        },
        "components": {
            "schemas": {
                **_components("Scenario", Scenario.model_json_schema()),
                **_components("Result", result_schema()),
                "Problems": PROBLEMS,
            }
        },
    }
