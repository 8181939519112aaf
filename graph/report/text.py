"""The text pieces of answers for people: arrows, chains, dates, evidence lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from graph.analytics.chains import Chain
from graph.claims import CONFIRMED
from graph.model import ANY_DAY, Dates, Period, Relation
from graph.vocabulary import RELATION_TYPES


def period_text(periods: Sequence[Period]) -> str:
    """``2011-01-01 .. ongoing``; ``?`` for an unknown start; several periods joined by ``;``."""
    parts = []
    for first, last in periods:
        start = "?" if first == dt.date.min else first.isoformat()
        end = "ongoing" if last == dt.date.max else last.isoformat()
        parts.append(f"{start} .. {end}")
    return "; ".join(parts) or "never"


def arrow(rel: Relation, walking_from: str | None = None, dates: Dates = ANY_DAY) -> str:
    """``iran -backs-> badr``; symmetric types as ``a -fights- b``; the support types are those
    given on the days asked (``dates``: `graph.model.Relation.support_during`)."""
    support = rel.support if dates.window is None else rel.support_during(*dates.window)
    label = rel.type + (f"[{','.join(support)}]" if support else "")
    a, b = rel.source, rel.target
    if not RELATION_TYPES[rel.type].directed:
        if walking_from == b:
            a, b = b, a
        return f"{a} -{label}- {b}"
    if walking_from == b:
        return f"{b} <-{label}- {a}"
    return f"{a} -{label}-> {b}"


def chain_text(chain: Chain, dates: Dates = ANY_DAY) -> str:
    """``iran -backs-> iraqi-militias -fights- syrian-rebels``: the first relation of each hop that
    holds on the days asked (``dates``), with the support types given then."""
    parts = [chain.steps[0].source]
    for step in chain.steps:
        held = [r for r in step.relations if dates.window is None or r.holding(*dates.window) is not None]
        rel = held[0] if held else step.relations[0]
        link = arrow(rel, step.source, dates)
        link = link[len(step.source) + 1 : -len(step.target) - 1] if link.startswith(step.source) else link
        parts += [link, step.target]
    marks = [] if chain.possible is None else ["[may hold]"]
    marks += [] if chain.state == CONFIRMED else [f"[{chain.state}]"]
    return " ".join([*parts, *marks])


def dates_text(rel: Relation) -> str:
    since = str(rel.since) if rel.since else "?"
    if rel.until:
        return f"{since} .. {rel.until}"
    if rel.ended:
        before = f" before {rel.ended_before}" if rel.ended_before else ""
        return f"{since} .. ended{before} (date not given)"
    return f"{since} .. ongoing"


def evidence_lines(rel: Relation) -> list[str]:
    lines = []
    for c in rel.evidence:
        what = f'"{c.quote}"' if c.quote is not None else f"record {c.record}"
        lines.append(f"{what} [{c.source}]" + ("" if c.stance == "assert" else f" ({c.stance})"))
    return lines


def relation_lines(rel: Relation, walking_from: str | None = None, dates: Dates = ANY_DAY) -> list[str]:
    """A relation, its dates and confidence (and its state when not confirmed), then why it only may
    hold on the days asked (``dates``), who asserts, alleges and denies it, its note and evidence,
    indented."""
    amounts = "".join(f", {name} {value:g}" for name, value in (("count", rel.count), ("weight", rel.weight))
                      if value is not None)  # fmt: skip
    state = "" if (claims := rel.vouched).state == CONFIRMED else f", {claims.state}"
    lines = [f"{arrow(rel, walking_from, dates)}  ({dates_text(rel)}, {rel.confidence}{amounts}{state})"]
    lines += [f"  may hold: {why}"] if (why := dates.doubt(rel)) is not None else []
    lines += [f"  {claims.state}: {claims.text()}"] if state else []
    lines += [f"  note: {rel.note}"] if rel.note else []
    return lines + [f"  {e}" for e in evidence_lines(rel)]


def chain_details(chain: Chain, dates: Dates = ANY_DAY) -> list[str]:
    """The lines behind a chain: why it only may hold, if so, then each hop's relations with their
    evidence."""
    lines = [f"may hold: {chain.possible}"] if chain.possible is not None else []
    lines += [f"{chain.state}: its weakest hop is {chain.state}"] if chain.state != CONFIRMED else []
    return lines + [line for step in chain.steps for rel in step.relations
                    for line in relation_lines(rel, step.source, dates)]  # fmt: skip
