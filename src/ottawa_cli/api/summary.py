"""A participant's position under a treaty on a day, as a row across treaties shows it
(`ottawa status STATE --treaty all`): its facts as plain JSON values (ISO days, the status, the
weakest evidence it rests on, the articles that decide it), drawn by `output.summaries`.

The index keeps each participant's summary for each span of days over which it is the same
(`api.index`), so that a row is one query; `views.status_everywhere_document` draws the rows of
the positions it is given from the same summaries, so there is one drawing either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ottawa_cli.law.model import Dataset, Source, Treaty
from ottawa_cli.law.position import Position


def summary(pos: Position, treaty: Treaty, sources: Mapping[str, Source]) -> dict[str, Any]:
    """The facts of the position a row shows; nothing that depends on the day asked beyond the
    position itself (no "as of", no countdown)."""
    from ottawa_cli.law.clauses import entry_into_force_article, withdrawal_rule
    from ottawa_cli.law.evidence import of_events

    outcome = pos.outcome
    articles = []
    if pos.entry_into_force and pos.consent and pos.consent.kind != "succession":
        articles.append(entry_into_force_article(treaty.entry_into_force, pos.consent.date))
    if outcome is not None:
        articles.append(withdrawal_rule(treaty, pos.consent).article)
    return {
        "status": pos.status,
        # A signatory that notified it does not intend to become a party (the United States
        # and the Rome Statute, 2002): said wherever its status is.
        "not_intending": pos.status == "signatory"
        and any(e.kind == "non-intention" for e in pos.events),
        "since": _iso(pos.since),
        "in_force": _iso(pos.entry_into_force),
        "received": None if outcome is None else outcome.received.isoformat(),
        # A withdrawal received whose effect is held (an armed conflict): no day yet.
        "held": outcome is not None and outcome.takes_effect is None,
        "takes_effect": None if outcome is None else _iso(outcome.takes_effect),
        # Held, or at risk of being held, by an armed conflict: listed after the others.
        "may_be_held": outcome is not None
        and (outcome.suspended_by_armed_conflict or bool(outcome.at_risk_from)),
        "pending": pos.status in ("withdrawing", "withdrawal-suspended"),
        "bound": pos.bound,
        "evidence": of_events(pos.depends_on, sources),
        "articles": articles,
    }


def frame(treaty: Treaty) -> dict[str, Any]:
    """The treaty's facts a document about it names around its rows (`ottawa list`, `ottawa
    treaties`): what it is called, the word for those bound, its withdrawal article, its
    depositary, and whether and since when any State could be bound."""
    rule = treaty.entry_into_force
    return {
        "id": treaty.id,
        "short_title": treaty.short_title,
        "called": treaty.called,
        "party_word": treaty.party_word,
        "withdrawal_article": treaty.withdrawal.article,
        "in_force": rule.in_force,
        "entry_into_force_article": rule.article,
        "awaits": rule.awaits,
        "opened": treaty.opened_for_signature.date.isoformat(),
        "depositary": treaty.depositary,
        "in_force_on": None
        if rule.treaty_in_force is None
        else rule.treaty_in_force.date.isoformat(),
    }


def currency(dataset: Dataset) -> tuple[str, dt.date, dt.date | None]:
    """How current the data is: the source it was verified against (its short title, else its
    title, else its key), as at when, and to when other sources were read."""
    against = dataset.sources.get(dataset.verified.against)
    name = (against.short_title or against.title) if against else dataset.verified.against
    return name, dataset.verified.as_at, dataset.verified.others_to


def _iso(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())
