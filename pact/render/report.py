"""Reports to send to someone: ``markdown`` (tables, reasons, a Mermaid graph) and ``html`` (one
self-contained page: summary, tables, explanations, the graph as inline SVG; no script, nothing
fetched)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pact.evaluation.answers import Answer
from pact.evaluation.explanation import ClauseExplanation, Explanation
from pact.model.result import Obligation
from pact.model.trace import Step
from pact.render import Options
from pact.render.common import (
    Cited,
    Rows,
    Wording,
    clause_line,
    conflict_rows,
    counts,
    event_lines,
    group_rows,
    heading,
    joined,
    not_obligated,
    obligation_rows,
    of_the_day,
    other_days_line,
    pair,
    reader,
    reading_lines,
    reading_rows,
    reading_sources,
    reason_rows,
    title,
    undetermined_rows,
)
from pact.render.escape import html_text as escape
from pact.render.escape import link, markdown_code, markdown_text
from pact.render.graph import graph, legend, legend_html, mermaid, svg
from pact.render.maps import answer_map
from pact.render.phrasing import cited, phrase
from pact.render.reader import Reader

MARK = {True: "✔", False: "✘", None: "?"}


@dataclass(frozen=True)
class Reasons:
    """Why one clause binds some states toward one victim: the event's tests, once, then each
    state's own."""

    clause: ClauseExplanation
    toward: str
    event: str
    bearers: tuple[tuple[str, tuple[Step, ...]], ...]


def reasons(answer: Answer) -> list[Reasons]:
    """The obligations grouped by clause and event, with the steps that made each."""
    explained = {(e.state, e.treaty, e.event): e for e in answer.explanations}
    found: dict[tuple[str, str, str], list[tuple[Obligation, ClauseExplanation]]] = {}
    for o in answer.result.obligations:
        item = explained.get((o.state, o.treaty, o.event))
        clause = next((c for c in item.clauses if c.clause == o.clause), None) if item else None
        if clause is not None:
            found.setdefault((o.treaty, o.clause, o.event), []).append((o, clause))
    return [
        Reasons(pairs[0][1], pairs[0][0].toward, pairs[0][0].event, tuple((o.state, c.bearer) for o, c in pairs))
        for pairs in found.values()
    ]


# --- Markdown ----------------------------------------------------------------------------------


def markdown(answers: Sequence[Answer], options: Options) -> str:
    return "\n\n".join("\n".join(_markdown(a, options)) for a in answers) + "\n"


def _markdown(answer: Answer, options: Options) -> Iterator[str]:
    who, result = reader(answer, options), answer.result
    yield f"# {markdown_text(title(answer.scenario, who))}"
    yield ""
    yield f"**{who.say('report.events')}**"
    yield ""
    yield from (f"- {markdown_text(line)}" for line in event_lines(answer.scenario, who))
    yield ""
    yield f"## {who.say('report.summary')}"
    yield ""
    figures = counts(result, options.every_party)
    yield from _md_table([who.say(key) for key in figures], [[str(n) for n in figures.values()]])
    yield ""
    if result.obligations:
        yield f"## {who.say('report.obligated', count=len(result.obligations))}"
        yield ""
        yield from _md_rows(who, obligation_rows(answer, who))
    else:
        yield who.say("report.none_obligated")
    yield ""
    yield f"## {who.say('report.conflicts', count=len(result.conflicts))}"
    yield ""
    if result.conflicts:
        yield from _md_rows(who, conflict_rows(answer, who))
    else:
        yield who.say("report.no_conflicts")
    if result.readings:
        yield ""
        yield f"## {who.say('report.readings', count=len(result.readings))}"
        yield ""
        yield from _md_rows(who, reading_rows(answer, who))
        reasons_changed = reason_rows(answer, who)
        if reasons_changed.rows:
            yield ""
            yield f"**{who.say('report.reading_reasons')}**"
            yield ""
            yield from _md_rows(who, reasons_changed)
        yield ""
        for line in reading_sources(result, who):
            yield f"- {markdown_text(line.text)}"
            yield f"  - {markdown_text(who.say('readings.source', source=line.source))}"
    yield from _md_not_obligated(answer, who, options.every_party)
    found = reasons(answer)
    if found:
        yield ""
        yield f"## {who.say('report.reasons')}"
        for group in found:
            yield from _md_reasons(group, who)
    yield ""
    yield f"## {who.say('report.graph')}"
    yield ""
    yield "```mermaid"
    yield mermaid([answer], options)
    yield "```"
    yield ""
    yield markdown_text(legend(who))
    yield from _md_notes(answer, who)
    yield ""
    yield f"*{who.say('report.made_by')}*"


def _md_not_obligated(answer: Answer, who: Reader, every_party: bool) -> Iterator[str]:
    listed = not_obligated(answer.result, every_party)
    if listed.shown:
        yield ""
        yield f"## {who.say('report.not_obligated', count=len(listed.shown))}"
        yield ""
        yield from _md_rows(who, group_rows(answer, who, listed.shown))
    if listed.other_days:
        yield ""
        yield markdown_text(other_days_line(listed.other_days, who))


def _md_reasons(group: Reasons, who: Reader) -> Iterator[str]:
    clause = group.clause
    heading = who.say(
        "report.reason_group",
        article=who.article(clause.treaty, clause.article),
        treaty=clause.treaty,
        states=who.states(state for state, _ in group.bearers),
        toward=group.toward,
        event=group.event,
    )
    yield ""
    yield f"### {markdown_text(heading)}"
    yield ""
    yield from (f"- {MARK[s.holds]} {markdown_text(phrase(s, who))}{_md_source(s)}" for s in clause.trigger)
    yield f"- {who.say('report.each_bearer')}"
    for state, steps in group.bearers:
        yield "  - " + pair(f"**{who.state(state)}**", joined((markdown_text(phrase(s, who)) for s in steps), who), who)


def _md_source(step: Step) -> str:
    return f" · {markdown_code(step.source)}" if step.source else ""


def _md_notes(answer: Answer, who: Reader) -> Iterator[str]:
    scenario = answer.scenario
    if scenario.notes:
        yield ""
        yield f"## {who.say(_notes_key(who))}"
        yield ""
        yield markdown_text(scenario.notes)
    if scenario.sources:
        yield ""
        yield f"## {who.say('report.sources')}"
        yield ""
        for source in scenario.sources:
            yield f"- {markdown_text(source.citation)}{_md_link(source.url)}"


def _md_rows(who: Reader, table: Rows) -> Iterator[str]:
    return _md_table([who.say(f"col.{c}") for c in table.columns], table.rows)


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Iterator[str]:
    yield "| " + " | ".join(markdown_text(h) for h in header) + " |"
    yield "|" + "---|" * len(header)
    for row in rows:
        yield "| " + " | ".join(markdown_text(c) for c in row) + " |"


def _md_link(url: str | None) -> str:
    """An address after its citation: a link when it is a web address, else text (``javascript:`` …)."""
    if not url:
        return ""
    followed = link(url)
    return f" <{followed}>" if followed is not None and not set("<> ") & set(followed) else f" ({markdown_text(url)})"


# --- HTML --------------------------------------------------------------------------------------


def html(answers: Sequence[Answer], options: Options) -> str:
    lang = options.language
    page_title = title(answers[0].scenario, reader(answers[0], options)) if len(answers) == 1 else "pact"
    several = len(answers) > 1
    body = "\n".join(
        html_answer(a, reader(a, options), f"{a.result.scenario}-" if several else "", every_party=options.every_party)
        for a in answers
    )
    return html_page(page_title, body, lang)


def html_page(page_title: str, body: str, lang: str, *, css: str = "") -> str:
    """A whole page around ``body`` (HTML already escaped): the report's head, style and footer, with
    ``css`` added to the style sheet."""
    made_by = Reader(lang).say("report.made_by")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(page_title)}</title>\n<style>{CSS}{css}</style>\n</head>\n<body>\n{body}\n"
        f"<footer>{escape(made_by)}</footer>\n</body>\n</html>\n"
    )


def html_answer(answer: Answer, who: Reader, prefix: str, *, every_party: bool = False, bare: bool = False) -> str:
    """One scenario as an ``<article>``; ``prefix`` keeps section ids unique when a page holds several.
    ``bare``: the result alone, without what only its scenario says (events, map, graph, notes)."""
    result = answer.result

    def section(name: str, heading: str, *body: str) -> str:
        return f'<section id="{escape(prefix)}{name}"><h2>{escape(heading)}</h2>{"".join(body)}</section>'

    def table_or(name: str, rows: Rows, nothing: str) -> str:
        return _html_table(name, who, rows) if rows.rows else f"<p>{escape(who.say(nothing))}</p>"

    caption = f"<figcaption>{legend_html(who)}</figcaption>"
    # bare: a result alone, whose scenario is a placeholder without events to make a title of
    heading = (
        who.say("report.title", scenario=result.scenario, date=result.date) if bare else title(answer.scenario, who)
    )
    parts = [f'<article class="scenario" id="{escape(result.scenario)}">', f"<h1>{escape(heading)}</h1>"]
    if not bare:
        parts.append(_html_list("events", event_lines(answer.scenario, who)))
        parts.append(section("map", who.say("report.map"), "<figure>", answer_map(answer, who, prefix), "</figure>"))
    parts.append(_html_summary(answer, who, every_party))
    if not bare:
        figure = ("<figure>", svg(graph(answer, who), who, prefix), caption, "</figure>")
        parts.append(section("graph", who.say("report.graph"), *figure))
    parts += [
        section(
            "obligations",
            who.say("report.obligated", count=len(result.obligations)),
            table_or("obligations", obligation_rows(answer, who), "report.none_obligated"),
        ),
        section(
            "conflicts",
            who.say("report.conflicts", count=len(result.conflicts)),
            table_or("conflicts", conflict_rows(answer, who), "report.no_conflicts"),
        ),
        *_html_not_obligated(answer, who, every_party, section),
    ]
    if result.undetermined:
        caption = who.say("report.undetermined", count=len(result.undetermined))
        parts.append(section("undetermined", caption, _html_table("undetermined", who, undetermined_rows(answer, who))))
    if result.readings:
        caption = who.say("report.readings", count=len(result.readings))
        cited = '<ul class="readings-cited">' + "".join(_html_cited(c) for c in reading_sources(result, who)) + "</ul>"
        tables = [
            _html_table("readings", who, rows)
            for rows in (reading_rows(answer, who), reason_rows(answer, who))
            if rows.rows
        ]
        parts.append(section("readings", caption, *tables, cited))
    explanations = [e for e in answer.explanations if every_party or e.obligated or of_the_day(e.decisive)]
    if explanations:
        worded = Wording(who)
        explained = (html_explanation(e, worded) for e in explanations)
        parts.append(section("explanations", who.say("report.explanations"), *explained))
    parts += [] if bare else [_html_notes(answer, who)]
    return "\n".join([*parts, "</article>"])


def _html_not_obligated(answer: Answer, who: Reader, every_party: bool, section: Callable[..., str]) -> list[str]:
    listed = not_obligated(answer.result, every_party)
    parts = []
    if listed.shown:
        caption = who.say("report.not_obligated", count=len(listed.shown))
        parts.append(
            section("not-obligated", caption, _html_table("not-obligated", who, group_rows(answer, who, listed.shown)))
        )
    if listed.other_days:
        parts.append(f'<p class="other-days">{escape(other_days_line(listed.other_days, who))}</p>')
    return parts


def _html_cited(line: Cited, mark: str = "") -> str:
    """A sentence with its source, quoted as the rule file gives it (in English: ``lang="en"``)."""
    source = f'<cite class="sources" lang="en">{escape(line.source)}</cite>'
    return f'<li class="reading">{escape(mark + line.text)} — {source}</li>'


def _html_list(name: str, items: Sequence[str]) -> str:
    return f'<ul class="{name}">' + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _html_summary(answer: Answer, who: Reader, every_party: bool) -> str:
    cells = "".join(
        f'<div class="figure"><b>{n}</b><span>{escape(who.say(key))}</span></div>'
        for key, n in counts(answer.result, every_party).items()
    )
    return f'<section class="summary">{cells}</section>'


def _html_table(name: str, who: Reader, table: Rows) -> str:
    head = "".join(f"<th>{escape(who.say(f'col.{c}'))}</th>" for c in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return f'<table class="{name}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def html_explanation(item: Explanation, worded: Wording, *, opened: bool = False) -> str:
    """One explanation as a ``<details>`` tree (``opened``: unfolded)."""
    who = worded.reader
    head = heading(item, who) + (f" — {cited([item.decisive], who)}" if item.decisive else "")
    status = "obligated" if item.obligated else "not-obligated"
    clauses = "".join(_html_clause(c, item, worded) for c in item.clauses)
    clauses += "".join(_html_cited(line, "⇄ ") for line in reading_lines(item.readings, who))
    shown = " open" if opened else ""
    return f'<details class="explanation {status}"{shown}><summary>{escape(head)}</summary><ul>{clauses}</ul></details>'


def _html_clause(clause: ClauseExplanation, item: Explanation, worded: Wording) -> str:
    who = worded.reader
    branches = "".join(
        f"<li><i>{escape(label)}</i><ul>{''.join(_html_step(s, clause, item, worded) for s in steps)}</ul></li>"
        for label, steps in (
            (who.say("explain.trigger"), clause.trigger),
            (who.say("explain.bearer", state=item.state), clause.bearer),
        )
    )
    text = clause_line(clause, item, who)
    return f'<li class="clause {_held(clause.binds)}">{MARK[clause.binds]} {escape(text)}<ul>{branches}</ul></li>'


def _html_step(step: Step, clause: ClauseExplanation, item: Explanation, worded: Wording) -> str:
    decisive = ""
    if step is clause.decisive:  # the very step: decisive() picks among the steps it is given
        marker = "◆" if step is item.decisive else "◇"
        decisive = f' <b class="decisive">{marker} {escape(worded.reader.say("explain.decisive"))}</b>'
    source = f" <code>{escape(step.source)}</code>" if step.source else ""
    text = f"{MARK[step.holds]} {escape(worded(step))}{decisive}{source}"
    return f'<li class="step {_held(step.holds)}">{text}</li>'


def _held(holds: bool | None) -> str:
    return {True: "held", False: "failed", None: "unknown"}[holds]


def _notes_key(who: Reader) -> str:
    """Scenario notes are written in English: a reader of another language is told so."""
    return "report.notes" if who.language == "en" else "report.notes_english"


def _html_notes(answer: Answer, who: Reader) -> str:
    scenario, parts = answer.scenario, []
    if scenario.notes:
        parts.append(f'<h2>{escape(who.say(_notes_key(who)))}</h2><p lang="en">{escape(scenario.notes)}</p>')
    if scenario.sources:
        items = "".join(f"<li>{escape(s.citation)}{_html_link(s.url)}</li>" for s in scenario.sources)
        parts.append(f'<h2>{escape(who.say("report.sources"))}</h2><ul class="sources">{items}</ul>')
    return f'<section class="notes">{"".join(parts)}</section>' if parts else ""


def _html_link(url: str | None) -> str:
    """An address after its citation: a link only to a web address (``http``, ``https``), else text."""
    if not url:
        return ""
    followed = link(url)
    if followed is None:
        return f' <span class="url">{escape(url)}</span>'
    return f' <a href="{escape(followed)}" rel="noopener noreferrer">{escape(followed)}</a>'


CSS = """
body { font: 15px/1.45 system-ui, sans-serif; color: #111827; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .3rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #e5e7eb; }
.events { color: #374151; margin-top: 0; }
.summary { display: flex; gap: 1rem; flex-wrap: wrap; }
.summary .figure { background: #f3f4f6; border-radius: .5rem; padding: .6rem 1rem; min-width: 9rem; }
.summary b { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #e5e7eb; }
th { background: #f9fafb; }
figure { margin: 0; overflow-x: auto; } svg.graph, svg.map { max-width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; margin-top: .4rem; }
.legend-item { display: inline-flex; align-items: center; gap: .35rem; }
.legend-line { fill: none; stroke: #0369a1; stroke-width: 1.4; }
.legend-line.defense { stroke-width: 3; } .legend-line.consultation { stroke-dasharray: 2 3; }
.legend-line.non_aggression { stroke: #4b5563; } .legend-line.attack { stroke: #b91c1c; stroke-width: 3; }
.legend-line.bound { stroke: #b45309; stroke-dasharray: 6 4; stroke-width: 2; }
figcaption { color: #4b5563; font-size: .85rem; }
details { margin: .2rem 0; } summary { cursor: pointer; }
details.obligated > summary { color: #065f46; } details.not-obligated > summary { color: #374151; }
.explanation ul { list-style: none; padding-left: 1.2rem; margin: .1rem 0; }
.step.failed, .clause.failed { color: #991b1b; } .step.held { color: #374151; }
.decisive { color: #b91c1c; } code { color: #6b7280; font-size: .8rem; }
footer { margin-top: 3rem; color: #6b7280; font-size: .85rem; }
"""
