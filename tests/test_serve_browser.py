"""``pact serve`` as a visitor uses it: headless Chromium (driven over the DevTools protocol) opens
the page of a real server, fills the form, submits it and reads the answer's DOM — the duties' table,
the graph's states, the permalink, which reproduces the answer — in English and in French. The
screenshots are kept in pytest's temporary directory (the last three runs' are kept by pytest).

Skipped only where Chromium is missing and ``PACT_REQUIRE_CHROMIUM`` is unset (the ``chromium`` fixture of conftest).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

import pact
from pact.render.graph import LINES
from pact.serve import Settings, create_app
from pact.words import state_name

from .devtools import Browser
from .serving import running
from .test_browser import OFFLINE, Page, inked, png

FLAGS = tuple(
    # nothing resolves but this machine's loopback address, where the server is (the proxy leaves it alone)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" if flag.startswith("--host-resolver-rules") else flag
    for flag in OFFLINE
)
SIZE = (1280, 1000)
ASKED = {"target": "NER", "date": "2023-10-01", "by": "NGA"}
WORDS = {"en": ("Obligated (14)", "Who must respond?"), "fr": ("Obligations (14)", "Qui doit réagir ?")}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running(create_app(Settings(backend="reference"))) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    opened = Browser(chromium, FLAGS, tmp_path_factory.mktemp("profile"), SIZE)
    try:
        yield opened
    finally:
        opened.close()


def fill_and_submit(browser: Browser, values: dict[str, str]) -> None:
    """Type each value into the form's field of that name, as a visitor would, then press the button."""
    script = "".join(
        f"document.querySelector('form.question [name={name}]').value = {value!r};" for name, value in values.items()
    )
    browser.run(script)
    browser.loaded(lambda: browser.run("document.querySelector('form.question button').click()"))


def dom(browser: Browser) -> tuple[str, Page]:
    html = browser.run("document.documentElement.outerHTML")
    page = Page()
    page.feed(html)
    return html, page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_form_answers_with_the_report_and_a_permalink_that_reproduces_it(
    lang: str, browser: Browser, server: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    shots = tmp_path_factory.mktemp("screenshots")
    browser.go(f"{server}/?lang={lang}")
    assert WORDS[lang][1] in browser.run("document.querySelector('form.question button').textContent")
    browser.screenshot(shots / f"form-{lang}.png")
    fill_and_submit(browser, ASKED)
    html, page = dom(browser)
    browser.screenshot(shots / f"answer-{lang}.png")

    result = pact.Engine(pact.load_rules(), backend="reference").evaluate(
        pact.scenario_from_dict(
            {
                "scenario": "x",
                "date": "2023-10-01",
                "events": [{"type": "armed_attack", "target": "NER", "by": ["NGA"]}],
            }
        )
    )
    assert f'<html lang="{lang}">' in html and WORDS[lang][0] in html
    assert page.rows["obligations"] == len(result.obligations) == 14
    grouped = " ".join(page.groups.values())  # many bearers of one clause: one node, its title naming them
    assert all(o.state in page.states or state_name(o.state, lang) in grouped for o in result.obligations)
    assert {"NER", "NGA"} <= page.states and page.conflicted == {"BFA", "MLI"}
    assert page.within["graph"]["svg"] == 1 + len(LINES)  # the graph, and a sample of each line in its legend
    assert len(re.findall(r'<path data-state="[A-Z]{3}"', html)) > 20  # the map: the countries of its frame
    assert re.search(r'<path data-state="NER" d="[^"]*" fill="#c62828"', html)  # the state attacked, filled

    permalink = browser.run("document.querySelector('a.permalink').href")
    assert permalink.endswith(f"/answer?target=NER&date=2023-10-01&type=armed_attack&by=NGA&lang={lang}")
    browser.go(permalink)
    again, _ = dom(browser)
    assert article(again) == article(html)
    width, height, pixels = png((shots / f"answer-{lang}.png").read_bytes())
    assert width > SIZE[0] - 40 and height > SIZE[1] and inked(pixels) > 0.01  # the whole page, less a scrollbar


def test_the_language_link_shows_the_same_answer_in_french(browser: Browser, server: str) -> None:
    browser.go(f"{server}/?lang=en")
    fill_and_submit(browser, ASKED)
    english = article(dom(browser)[0])
    browser.loaded(lambda: browser.run("document.querySelector('nav a.lang').click()"))
    french, page = dom(browser)
    assert "lang=fr" in browser.run("location.href") and "Obligations (14)" in french
    assert page.rows["obligations"] == 14 and article(french) != english


def article(html: str) -> str:
    found = re.search(r'<article class="scenario".*</article>', html, re.DOTALL)
    assert found is not None
    return found[0]
