"""A what-if about a real State (`calc withdraw --state`): its JSON shape and its document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ottawa_cli.dates import human
from ottawa_cli.output.contract import JSON, verification_json
from ottawa_cli.output.document import Document, Fields, Line
from ottawa_cli.output.views import footer, status_label
from ottawa_cli.reasons import said, say

if TYPE_CHECKING:
    from ottawa_cli.api.calc import StateWithdrawResult
    from ottawa_cli.law.model import ArmedConflict


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _conflict_json(conflict: ArmedConflict) -> JSON:
    return {
        "name": conflict.name,
        "start": _iso(conflict.start),
        "end": _iso(conflict.end),
        "source": conflict.source,
    }


def state_withdraw_json(result: StateWithdrawResult) -> JSON:
    """`calc withdraw --state --json`: `calc withdraw`'s keys (null where no notice could take
    effect), the State, its status on the day the notice would be received, why a notice would
    have no effect (`refused`, or null), a notice already pending, and the armed conflicts the
    clause weighs."""
    outcome, pos = result.outcome, result.position
    pending = pos.outcome if pos.withdrawal is not None else None
    return {
        "received": _iso(result.received),
        "period_expires": _iso(outcome.period_expires) if outcome else None,
        "takes_effect": _iso(outcome.takes_effect) if outcome else None,
        "suspended_by_armed_conflict": bool(outcome and outcome.suspended_by_armed_conflict),
        "steps": said(result.steps),
        "treaty": result.dataset.treaty.id,
        "state": pos.state.name,
        "iso3": pos.state.iso3,
        "status": pos.status,
        "entry_into_force": _iso(pos.entry_into_force),
        "refused": say(result.refused) if result.refused is not None else None,
        "pending_notice": None
        if pending is None
        else {"received": _iso(pending.received), "takes_effect": _iso(pending.takes_effect)},
        "armed_conflicts": [_conflict_json(c) for c in result.armed_conflicts],
        "held_by": [c.name for c in outcome.held_by] if outcome else [],
        "at_risk_from": [c.name for c in outcome.at_risk_from] if outcome else [],
    } | verification_json(result.dataset, result.received)


def state_withdraw_document(result: StateWithdrawResult) -> Document:
    from ottawa_cli.law.clauses import withdrawal_rule
    from ottawa_cli.reasons import period_expiry_label

    outcome, pos = result.outcome, result.position
    treaty = result.dataset.treaty
    rows = [
        ("State", pos.state.name),
        ("Treaty", treaty.short_title),
        ("Received", human(result.received)),
        ("Status that day", status_label(pos)),
    ]
    if pos.entry_into_force is not None:
        rows.append(("In force for it", human(pos.entry_into_force)))
    if outcome is None:
        rows.append(("Takes effect", "no date: a notice received that day would have no effect"))
    else:
        rule = withdrawal_rule(treaty, pos.consent)
        rows.append((period_expiry_label(rule), human(outcome.period_expires)))
        if outcome.takes_effect is None:
            effect = "no date: not before the end of the armed conflict, no end recorded"
        else:
            effect = human(outcome.takes_effect)
            if outcome.at_risk_from:
                effect += " (unless the armed conflict recorded holds it)"
        rows.append(("Takes effect", effect))
    doc: Document = [
        Line(
            f"{pos.state.name} — a notice of withdrawal received {human(result.received)}",
            "heading",
        ),
        Fields(rows),
    ]
    if result.refused is not None:
        doc.append(Line(f"No effect: {say(result.refused)}", "warning"))
    doc += [
        Line(""),
        Line("Why", "heading"),
        # The reason a notice would have no effect is said above, once.
        *(Line(f"  {say(step)}") for step in result.steps if step != result.refused),
        Line(""),
        footer(result.dataset, result.received),
    ]
    return doc


SHAPES: dict[str, Callable[[Any], Any]] = {"withdraw-state": state_withdraw_json}
DOCUMENTS: dict[str, Callable[[Any], Document]] = {"withdraw-state": state_withdraw_document}
