"""The web pages: the question's form, its answer (the HTML report's own article), a treaty, the
treaties in force on a day, and a state's timeline. Every value is escaped; nothing is fetched and
nothing runs in the browser (the form is an ordinary GET, so the answer's URL is its permalink)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from html import escape
from urllib.parse import urlencode

from pact.analysis.inforce import InForce
from pact.analysis.timelines import Timeline
from pact.evaluation.answers import Answer
from pact.model import EventType, Rulebook, Target, Treaty
from pact.model.lexicon import RuleWords
from pact.render import timeline as timeline_render
from pact.render.reader import Reader
from pact.render.report import html_answer, html_page
from pact.serve.guard import Problem
from pact.serve.question import FIELDS, Question, form_field
from pact.words import LANGUAGES, say

CSS = """
nav { display: flex; gap: 1.2rem; align-items: baseline; border-bottom: 1px solid #e5e7eb; padding-bottom: .5rem; }
nav .home { font-weight: 600; } nav .lang { margin-left: auto; }
form.question { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .6rem 1rem;
  background: #f9fafb; padding: 1rem; border-radius: .5rem; margin: 1rem 0; }
form.question label { display: flex; flex-direction: column; font-size: .85rem; color: #374151; gap: .2rem; }
form.question input, form.question select { font: inherit; padding: .3rem .4rem; }
form.question button { grid-column: 1 / -1; justify-self: start; font: inherit; padding: .4rem 1.2rem; }
.problems { color: #991b1b; } .links { font-size: .9rem; } .links a { margin-right: 1rem; }
.clause-text { white-space: pre-wrap; }
"""


def _href(path: str, **query: str) -> str:
    kept = {k: v for k, v in query.items() if v}
    return escape(f"{path}?{urlencode(kept)}" if kept else path)


def _nav(lang: str, here: str, query: dict[str, str]) -> str:
    other = next(code for code in LANGUAGES if code != lang)
    return (
        f'<nav><a class="home" href="{_href("/", lang=lang)}">pact</a>'
        f'<a href="{_href("/treaties", lang=lang)}">{escape(say(lang, "serve.treaties"))}</a>'
        f'<a class="lang" hreflang="{other}" href="{_href(here, **(query | {"lang": other}))}">'
        f"{escape(say(lang, 'serve.language'))}</a></nav>"
    )


def _page(title: str, lang: str, here: str, query: dict[str, str], *body: str) -> str:
    return html_page(title, "\n".join((_nav(lang, here, query), *body)), lang, css=CSS)


def _options(chosen: str, choices: Iterable[tuple[str, str]]) -> str:
    return "".join(
        f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>{escape(label)}</option>'
        for value, label in choices
    )


def _select(name: str, chosen: str, choices: Iterable[tuple[str, str]], lang: str) -> str:
    return (
        f'<label>{escape(say(lang, f"serve.{name}"))}<select name="{name}">{_options(chosen, choices)}</select></label>'
    )


def _table(name: str, columns: Sequence[str], rows: str, lang: str) -> str:
    """A table of ``rows`` (HTML already escaped) under the headers of the catalogue keys ``columns``."""
    head = "".join(f"<th>{escape(say(lang, key))}</th>" for key in columns)
    return f'<table class="{name}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _input(name: str, question: Question, lang: str, kind: str = "text", **attrs: str) -> str:
    extra = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    field = f'<input type="{kind}" name="{name}" value="{escape(question[name])}"{extra}>'
    return f"<label>{escape(say(lang, f'serve.{name}'))}{field}</label>"


def form(question: Question, lang: str, states: Sequence[tuple[str, str]]) -> str:
    """The question's form, filled in with what was asked."""
    types = ((t.value, say(lang, f"types.{t.value}")) for t in EventType)
    targets = ((t.value, say(lang, f"target.{t.value}")) for t in Target)
    listed = "".join(f'<option value="{escape(code)}">{escape(name)}</option>' for code, name in states)
    fields = [
        _input("target", question, lang, required="required", list="states", autocomplete="off"),
        _input("date", question, lang, "date", required="required"),
        _select("type", question["type"], types, lang),
        _input("by", question, lang, list="states", autocomplete="off"),
        _input("non_state", question, lang),
        _select("against", question["against"] or Target.territory, targets, lang),
        _input("location", question, lang),
        _input("lat", question, lang, "number", step="any", min="-90", max="90"),
        _input("lon", question, lang, "number", step="any", min="-180", max="180"),
    ]
    return (
        f'<form class="question" method="get" action="/answer"><input type="hidden" name="lang" value="{lang}">'
        f'{"".join(fields)}<button type="submit">{escape(say(lang, "serve.submit"))}</button></form>'
        f'<datalist id="states">{listed}</datalist>'
    )


def home_page(question: Question, lang: str, states: Sequence[tuple[str, str]]) -> str:
    intro = f"<h1>{escape(say(lang, 'serve.title'))}</h1><p>{escape(say(lang, 'serve.intro'))}</p>"
    return _page(say(lang, "serve.title"), lang, "/", {}, intro, form(question, lang, states))


def answer_page(answer: Answer, question: Question, lang: str, states: Sequence[tuple[str, str]]) -> str:
    """The form, then the answer as the HTML report shows it, with its permalink and downloads."""
    query = question.query(lang)
    downloads = "".join(
        f'<a download href="/answer.{kind}?{escape(query)}">{escape(say(lang, f"serve.download_{kind}"))}</a>'
        for kind in ("yaml", "json", "csv")
    )
    permalink = f'<a class="permalink" href="/answer?{escape(query)}">{escape(say(lang, "serve.permalink"))}</a>'
    links = f'<p class="links">{permalink}{escape(say(lang, "serve.downloads"))}: {downloads}</p>'
    article = html_answer(answer, Reader(lang, answer.words, names=True), "")
    here = {name: question[name] for name in FIELDS}
    return _page(say(lang, "serve.title"), lang, "/answer", here, form(question, lang, states), links, article)


def problems_page(problems: Sequence[Problem], question: Question, lang: str, states: Sequence[tuple[str, str]]) -> str:
    """The form again, above what is wrong with what was asked, each line naming the form's field."""

    def line(problem: Problem) -> str:
        named = form_field(problem.field)
        label = say(lang, f"serve.{named}") if named else problem.field
        text = problem.said(lang) + (
            say(lang, "error.did_you_mean", suggestion=repr(problem.suggestion)) if problem.suggestion else ""
        )
        return f"<li>{escape(say(lang, 'pair', name=label, value=text) if label else text)}</li>"

    lines = "".join(map(line, problems))
    listed = f'<section class="problems"><p>{escape(say(lang, "serve.problems"))}</p><ul>{lines}</ul></section>'
    here = {name: question[name] for name in FIELDS}
    return _page(say(lang, "serve.title"), lang, "/answer", here, listed, form(question, lang, states))


def treaties_page(found: Sequence[InForce], day: date, lang: str) -> str:
    heading = say(lang, "serve.treaties_on", date=day.isoformat(), count=len(found))
    rows = "".join(
        f'<tr><td><a href="{_href(f"/treaty/{t.treaty}", date=day.isoformat(), lang=lang)}">{escape(t.treaty)}</a></td>'
        f"<td>{escape(t.title)}</td><td>{t.in_force.isoformat()}</td><td>{len(t.parties)}</td></tr>"
        for t in found
    )
    table = _table("treaties", ("col.treaty", "serve.title_col", "serve.since", "col.states"), rows, lang)
    return _page(heading, lang, "/treaties", {"date": day.isoformat()}, f"<h1>{escape(heading)}</h1>", table)


def treaty_page(treaty: Treaty, standing: InForce | None, day: date, lang: str) -> str:
    """A treaty: its dates and source, its parties on ``day`` with their standing, and its clauses' text."""
    title = say(lang, "serve.treaty_title", treaty=treaty.treaty, title=treaty.title)
    dates = say(lang, "serve.in_force", start=treaty.in_force.isoformat())
    dates += say(lang, "serve.terminated", end=treaty.terminated.isoformat()) if treaty.terminated else ""
    source = escape(treaty.source.citation)
    if treaty.source.url:
        source += f' <a href="{escape(treaty.source.url)}">{escape(treaty.source.url)}</a>'
    parts = [
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(dates)}</p>",
        f"<p>{escape(say(lang, 'serve.source'))}: {source}</p>",
    ]
    if standing is None:
        parts.append(f"<p>{escape(say(lang, 'serve.not_in_force', treaty=treaty.treaty, date=day.isoformat()))}</p>")
    else:
        heading = say(lang, "serve.parties_on", date=day.isoformat(), count=len(standing.parties))
        rows = "".join(
            f'<tr><td><a href="{_href(f"/timeline/{p.state}", lang=lang)}">{escape(p.state)}</a></td>'
            f"<td>{escape(say(lang, f'status.{p.status}'))}</td><td>{p.since.isoformat()}</td></tr>"
            for p in standing.parties
        )
        parts.append(
            f"<h2>{escape(heading)}</h2>" + _table("parties", ("col.state", "serve.status", "serve.since"), rows, lang)
        )
    clauses = "".join(
        f'<section class="clause" id="{escape(c.id)}"><h3>{escape(c.article)}</h3>'
        f'<blockquote class="clause-text">{escape(c.text)}</blockquote></section>'
        for c in treaty.clauses
    )
    parts.append(f"<h2>{escape(say(lang, 'serve.clauses'))}</h2>{clauses}")
    return _page(title, lang, f"/treaty/{treaty.treaty}", {"date": day.isoformat()}, *parts)


def timeline_page(found: Timeline, lang: str, words: RuleWords) -> str:
    """A state's timeline: the picture ``pact timeline --out FILE.svg`` draws."""
    who = Reader(lang, words, names=True)
    heading = say(
        lang, "serve.timeline_of", state=who.state(found.state), start=who.date(found.start), end=who.date(found.end)
    )
    query = {"from": found.start.isoformat(), "to": found.end.isoformat()}
    figure = f"<figure>{timeline_render.svg(found, who)}</figure>"
    return _page(heading, lang, f"/timeline/{found.state}", query, f"<h1>{escape(heading)}</h1>", figure)


def message_page(problems: Sequence[Problem], lang: str) -> str:
    """What is wrong with a request for a page, one line each."""
    lines = "".join(f"<li>{escape(p.said(lang))}</li>" for p in problems)
    title = problems[0].said(lang) if problems else ""
    return _page(title, lang, "/", {}, f'<section class="problems"><ul>{lines}</ul></section>')


def party_states(rulebook: Rulebook, names: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Every state party to a treaty of the rules, with its name, for the form's list of states."""
    codes = sorted({p.state for t in rulebook.treaties for p in t.parties})
    return tuple((code, names.get(code, code)) for code in codes)
