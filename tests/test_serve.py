"""``pact serve`` over HTTP, on a real server on a free localhost port: the JSON API answers as the
Python API and the CLI do, bad and hostile requests get one-line 4xx refusals and leave it serving,
the pages escape what they show, and the engine is shared safely by concurrent requests."""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stdout
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import yaml

import pact
from pact.analysis.research import rules_fingerprint
from pact.cli import main
from pact.evaluation.answers import answer
from pact.render.data import to_json
from pact.render.inforce import as_json
from pact.render.reader import Reader
from pact.render.report import html_answer
from pact.serve import Limits, Settings, create_app
from pact.serve.guard import Refusal

from .conftest import ROOT, SCENARIOS, sigint_as_usual
from .serving import running

BACKENDS = ["reference"]
try:
    import pact.backends.durable.backend

    BACKENDS.append("durable")
except ImportError:  # Python 3.13: durable-rules does not import there
    pass

LIMITS = Limits(body_bytes=64 * 1024, events=16, depth=16, body_seconds=1.0)
NIGER = {
    "scenario": "niger",
    "date": "2023-10-01",
    "events": [{"type": "armed_attack", "target": "NER", "by": ["NGA"]}],
}
FILES = ("aes-niger-attacked", "ecowas-force-enters-niger-2023", "nato-al-asad-2020")


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Any]]:
    """The base URL of a server over the bundled rules (reference backend), and its app."""
    app = create_app(Settings(backend="reference", limits=LIMITS))
    with running(app) as url:
        yield url, app


@pytest.fixture
def client(served: tuple[str, Any]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served[0], timeout=30) as open_client:
        yield open_client


@pytest.fixture(scope="module", params=BACKENDS)
def on_each_backend(request: pytest.FixtureRequest, served: tuple[str, Any]) -> Iterator[httpx.Client]:
    """A client of a server on each backend (the reference one is the module's server)."""
    if request.param == "reference":
        with httpx.Client(base_url=served[0], timeout=30) as open_client:
            yield open_client
        return
    app = create_app(Settings(backend=request.param, limits=LIMITS))
    with running(app) as url, httpx.Client(base_url=url, timeout=30) as open_client:
        yield open_client


def scenario_data(stem: str) -> dict[str, Any]:
    """A bundled scenario file as JSON data (its dates as text, as a program would send them)."""
    return json.loads(json.dumps(yaml.safe_load((SCENARIOS / f"{stem}.yaml").read_text(encoding="utf-8")), default=str))


def still_serving(client: httpx.Client) -> None:
    assert client.get("/api/health").json()["status"] == "ok"
    assert client.post("/api/evaluate", json=NIGER).status_code == 200


# --- the API answers as the Python API and the CLI do -----------------------------------------


def test_health_names_the_rules_by_their_fingerprint(client: httpx.Client, rules: pact.Rulebook) -> None:
    found = client.get("/api/health").json()
    assert found["status"] == "ok" and found["rules"] == rules_fingerprint(rules)
    assert found["treaties"] == len(rules.treaties)


@cache
def cli_json(stem: str) -> str:
    """What ``pact run FILE --format json`` prints for a bundled scenario."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["run", str(SCENARIOS / f"{stem}.yaml"), "--format", "json", "--backend", "reference"]) == 0
    return out.getvalue()


@pytest.mark.parametrize("stem", FILES)
def test_evaluate_gives_the_result_contract_byte_for_byte(stem: str, on_each_backend: httpx.Client) -> None:
    """The API's answer to a bundled scenario is ``pact run --format json``'s output for its file."""
    response = on_each_backend.post("/api/evaluate", json=scenario_data(stem))
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.text + "\n" == cli_json(stem)


def test_evaluate_speaks_french_when_asked(client: httpx.Client, engine: pact.Engine, rules: pact.Rulebook) -> None:
    response = client.post("/api/evaluate?lang=fr", json=NIGER)
    expected = to_json(engine.evaluate(pact.scenario_from_dict(NIGER, rules)), language="fr")
    english = to_json(engine.evaluate(pact.scenario_from_dict(NIGER, rules)))
    assert response.text == expected != english


def test_explain_gives_the_explanations_of_the_python_api(
    client: httpx.Client, engine: pact.Engine, rules: pact.Rulebook
) -> None:
    response = client.post("/api/explain?state=MLI&treaty=aes", json=NIGER)
    expected = pact.explain(engine, pact.scenario_from_dict(NIGER, rules), state="MLI", treaty="aes")
    assert response.status_code == 200
    assert response.json() == [e.model_dump(mode="json") for e in expected] != []


def test_treaties_and_timeline_are_those_of_the_python_api(
    client: httpx.Client, engine: pact.Engine, rules: pact.Rulebook
) -> None:
    day = date(2023, 10, 1)
    found = client.get("/api/treaties", params={"date": day.isoformat(), "state": "NER"})
    assert found.text == as_json(pact.treaties_in_force(rules, day, "NER"), day)
    span = {"from": "2023-01-01", "to": "2024-06-01"}
    found = client.get("/api/timeline/NER", params=span)
    expected = pact.timeline(engine, "NER", date(2023, 1, 1), date(2024, 6, 1))
    assert found.json() == json.loads(expected.to_json()) and expected.spans


def test_the_openapi_document_refers_only_to_schemas_it_holds(client: httpx.Client) -> None:
    found = client.get("/openapi.json").json()
    assert {"/api/evaluate", "/api/explain", "/api/treaties", "/api/timeline/{state}", "/api/health"} <= set(
        found["paths"]
    )
    schemas = found["components"]["schemas"]
    refs = re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(found))
    assert refs and all(ref in schemas for ref in refs)
    assert schemas["Scenario"]["properties"]["events"] and schemas["Result"]["properties"]["obligations"]


# --- bad input: one line per problem, as the CLI says it, without a file ---------------------


def test_bad_scenarios_get_the_clis_problems_as_json(client: httpx.Client) -> None:
    bad = {"scenario": "x", "date": "2023-10-01", "events": [{"type": "armed_atack", "target": "NERR", "colour": 1}]}
    found = client.post("/api/evaluate", json=bad)
    assert found.status_code == 422
    errors = {e["field"]: e for e in found.json()["errors"]}
    assert errors["events[0].type"]["suggestion"] == "armed_attack"
    assert errors["events[0].target"] == {
        "field": "events[0].target",
        "code": "invalid",
        "message": "unknown ISO 3166-1 alpha-3 code 'NERR'",
        "suggestion": "NER",
    }
    assert errors["events[0].colour"]["message"] == "unknown key 'colour'"
    french = client.post("/api/evaluate?lang=fr", json=bad).json()["errors"]
    assert "code ISO 3166-1 alpha-3 inconnu 'NERR'" in {e["message"] for e in french}


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({**NIGER, "date": 20231001}, 422, "invalid"),  # a wrong type
        ({**NIGER, "events": "NER"}, 422, "invalid"),
        ({**NIGER, "pirates": True}, 422, "invalid"),  # an unknown field
        ([NIGER], 422, "not_object"),
        ({**NIGER, "events": [NIGER["events"][0]] * 10_000}, 413, "too_large"),  # over the body's limit too
        ({**NIGER, "events": [{"type": "armed_attack", "target": "NER"}] * 17}, 413, "too_many_events"),
        ({**NIGER, "notes": [[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]}, 400, "too_deep"),
    ],
)
def test_hostile_bodies_are_refused_and_the_server_serves_on(
    body: Any, status: int, code: str, client: httpx.Client
) -> None:
    found = client.post("/api/evaluate", json=body)
    assert (found.status_code, found.json()["errors"][0]["code"]) == (status, code)
    assert "Traceback" not in found.text
    still_serving(client)


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (b"[" * 200_000, {}, 413, "too_large"),
        (b"[" * 60_000, {}, 400, "too_deep"),
        (b'{"scenario": ', {}, 400, "not_json"),
        (json.dumps(NIGER).encode(), {"content-type": "text/plain"}, 415, "media_type"),
        (json.dumps(NIGER).encode(), {"content-type": "application/x-www-form-urlencoded"}, 415, "media_type"),
    ],
)
def test_hostile_bytes_are_refused_and_the_server_serves_on(
    content: bytes, headers: dict[str, str], status: int, code: str, client: httpx.Client
) -> None:
    found = client.post("/api/evaluate", content=content, headers={"content-type": "application/json"} | headers)
    assert (found.status_code, found.json()["errors"][0]["code"]) == (status, code)
    still_serving(client)


def test_a_body_larger_than_the_limit_is_refused_even_without_a_length(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # sent chunked: no Content-Length to refuse it by
        yield b'{"scenario": "x", "notes": "'
        yield from (b"x" * 8192 for _ in range(16))
        yield b'"}'

    found = client.post("/api/evaluate", content=chunks(), headers={"content-type": "application/json"})
    assert found.status_code == 413 and found.json()["errors"][0]["code"] == "too_large"
    still_serving(client)


def test_a_slow_client_is_dropped_with_408(served: tuple[str, Any], client: httpx.Client) -> None:
    port = int(served[0].rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
        head = "POST /api/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
        slow.sendall(head.encode() + b'{"scenario": ')  # and then nothing, for longer than the limit (1 s)
        answer = b"".join(iter(lambda: slow.recv(4096), b"")).decode()  # until the server closes it
    assert answer.startswith("HTTP/1.1 408") and '"code":"slow"' in answer
    still_serving(client)


def test_an_evaluation_slower_than_the_limit_is_abandoned_with_503(
    served: tuple[str, Any], client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = served[1].state.service
    monkeypatch.setattr(service, "settings", replace(service.settings, limits=Limits(evaluation_seconds=0.05)))

    async def slow() -> None:
        await service.run(lambda: time.sleep(0.5))

    with pytest.raises(Refusal) as refused:
        anyio.run(slow)
    assert refused.value.status == 503 and refused.value.problems[0].code == "timeout"
    monkeypatch.undo()
    still_serving(client)  # once the abandoned work ends, the engine is free again


def test_unknown_paths_and_methods_get_json_refusals(client: httpx.Client) -> None:
    assert client.get("/api/nothing").json()["errors"][0]["code"] == "http_404"
    assert client.get("/api/evaluate").status_code == 405
    assert client.get("/api/timeline/XXQ").status_code == 404
    assert client.get("/api/treaties?date=2023-13-01").json()["errors"][0] == {
        "field": "date",
        "code": "bad_date",
        "message": "not a date (YYYY-MM-DD): '2023-13-01'",
        "suggestion": None,
    }


# --- safe by default ------------------------------------------------------------------------


def test_responses_carry_no_cors_and_a_strict_policy(client: httpx.Client) -> None:
    found = client.post("/api/evaluate", json=NIGER, headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in found.headers
    page = client.get("/")
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in page.text


def test_every_decision_is_logged_on_stderr(client: httpx.Client, capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    client.post("/api/evaluate", json=NIGER)
    client.post("/api/evaluate", json={"scenario": 1})
    logged = [json.loads(line) for line in capfd.readouterr().err.splitlines() if line.startswith("{")]
    good, bad = (line for line in logged if line["path"] == "/api/evaluate")
    fingerprint = client.get("/api/health").json()["rules"]
    assert (good["status"], bad["status"]) == (200, 422)
    assert good["rules"] == bad["rules"] == fingerprint
    assert re.fullmatch(r"[0-9a-f]{16}", good["scenario"]) and good["scenario"] != bad["scenario"]
    assert good["ms"] > 0 and good["time"].endswith("+00:00")


def test_concurrent_requests_get_the_answers_of_one_at_a_time(on_each_backend: httpx.Client) -> None:
    client = on_each_backend
    bodies = [scenario_data(stem) for stem in FILES] * 3
    alone = {stem: client.post("/api/evaluate", json=scenario_data(stem)).text for stem in FILES}
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda body: client.post("/api/evaluate", json=body).text, bodies))
    assert together == [alone[stem] for stem in FILES] * 3


# --- the pages ------------------------------------------------------------------------------


def test_the_answer_page_is_the_html_reports_article(client: httpx.Client, engine: pact.Engine) -> None:
    asked = {"target": "NER", "date": "2023-10-01", "by": "NGA", "lang": "en"}
    page = client.get("/answer", params=asked)
    data = {"scenario": "web-question", "date": "2023-10-01", "events": [{"id": "e1", **NIGER["events"][0]}]}
    asked = answer(engine, pact.scenario_from_dict(data, engine.rulebook), explained=True)
    expected = html_answer(asked, Reader("en", asked.words, names=True), "")
    assert page.status_code == 200 and expected in page.text
    assert (
        'class="permalink" href="/answer?target=NER&amp;date=2023-10-01&amp;type=armed_attack&amp;by=NGA' in page.text
    )


def test_downloads_are_the_scenario_and_its_result(client: httpx.Client, rules: pact.Rulebook) -> None:
    asked = {"target": "NER", "date": "2023-10-01", "by": "NGA"}
    scenario = pact.scenario_from_dict(yaml.safe_load(client.get("/answer.yaml", params=asked).text), rules)
    assert (scenario.events[0].target, scenario.events[0].by) == ("NER", ("NGA",))
    result = client.get("/answer.json", params=asked).json()
    assert {(o["state"], o["treaty"]) for o in result["obligations"]} >= {("MLI", "aes"), ("BFA", "aes")}
    table = client.get("/answer.csv", params=asked)
    assert table.headers["content-disposition"] == 'attachment; filename="web-question.csv"'
    assert table.text.splitlines()[0].startswith("record,scenario,date,event,state")


def test_markup_in_every_field_of_the_form_is_shown_as_text(client: httpx.Client) -> None:
    markup = '<img src=x onerror="alert(1)">'
    asked = dict.fromkeys(("target", "date", "type", "by", "non_state", "against", "location", "lat", "lon"), markup)
    for query in (asked, {"target": "NER", "date": "2023-10-01", "non_state": markup}):
        page = client.get("/answer", params=query).text
        assert "<img" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_a_question_the_rules_cannot_answer_says_why_beside_the_form(client: httpx.Client) -> None:
    page = client.get("/answer", params={"target": "NERR", "date": "2023-10-01", "lang": "fr"})
    assert page.status_code == 422
    assert "État attaqué (code alpha-3) : code ISO 3166-1 alpha-3 inconnu &#x27;NERR&#x27;" in page.text


def test_the_treaty_and_timeline_pages(client: httpx.Client, rules: pact.Rulebook) -> None:
    page = client.get("/treaty/aes", params={"date": "2023-10-01"}).text
    aes = rules.treaty("aes")
    assert aes.clauses[0].article in page and "Parties on 2023-10-01 (3)" in page
    assert client.get("/treaty/nope").status_code == 404
    assert 'href="/treaty/nato?date=2023-10-01&amp;lang=fr"' in client.get("/treaties?date=2023-10-01&lang=fr").text
    assert "<svg" in client.get("/timeline/NER", params={"from": "2023-01-01", "to": "2024-01-01"}).text


# --- the operator's rules, and the command ---------------------------------------------------


def test_markup_in_the_operators_rules_is_shown_as_text_and_cors_is_the_operators(tmp_path: Path) -> None:
    text = (ROOT / "rules" / "aes.yaml").read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.MULTILINE)
    assert title is not None
    (tmp_path / "aes.yaml").write_text(text.replace(title[0], 'title: "<b>AES</b> <script>x()</script>"'), "utf-8")
    app = create_app(Settings(rules=(str(tmp_path),), backend="reference", cors=("https://news.example",)))
    with running(app) as url, httpx.Client(base_url=url) as client:
        page = client.get("/treaty/aes").text
        assert "<script>x()" not in page and "&lt;b&gt;AES&lt;/b&gt; &lt;script&gt;x()&lt;/script&gt;" in page
        allowed = client.post("/api/evaluate", json=NIGER, headers={"Origin": "https://news.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://news.example"
        other = client.post("/api/evaluate", json=NIGER, headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_pact_serve_with_bad_rules_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.yaml").write_text("treaty: x\n", encoding="utf-8")
    assert main(["serve", "--rules", str(tmp_path), "--port", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(line.startswith(str(tmp_path / "bad.yaml")) for line in err)


def test_pact_serve_starts_the_server_on_the_port_given() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "pact", "serve", "--port", str(port), "--backend", "reference"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, preexec_fn=sigint_as_usual)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                found = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5)
                break
            except httpx.ConnectError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr and server.stderr.read()
                time.sleep(0.1)
        assert found.json()["status"] == "ok"
    finally:
        server.terminate()
        server.wait(30)


def test_pact_serve_without_its_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    found = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "uvicorn" else found(name))
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == "pact: pact serve needs uvicorn: pip install 'pact-treaties[serve]'\n"
