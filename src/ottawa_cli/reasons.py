"""Every sentence the law's steps need: a step (`law.steps.Step`) is data, worded here.

The law says what it did (a period counted from receipt, a notice held by an armed conflict)
with the dates, periods and articles it used; this module is the one place those become English.
It sits just above the law, beside the store, rather than in `output`: `ottawa check` words a
refused notice in its findings, and the calculator in its refusals, both below `output`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ottawa_cli.dates import human
from ottawa_cli.english import ordinal, period_in_figures, period_in_words
from ottawa_cli.law.model import Period, WithdrawalRule
from ottawa_cli.law.steps import Step, StepKind

if TYPE_CHECKING:
    from ottawa_cli.law.timeline import Entry


def figures(period: Period) -> str:
    return period_in_figures(period.years, period.months, period.days)


def period_expiry_label(rule: WithdrawalRule) -> str:
    """'Six months expire', 'One year expires': the withdrawal period in the treaty's terms."""
    period = rule.period
    words = period_in_words(period.years, period.months, period.days)
    single = [period.years, period.months, period.days].count(0) == 2 and 1 in (
        period.years,
        period.months,
        period.days,
    )
    return f"{words[:1].upper()}{words[1:]} {'expires' if single else 'expire'}"


def _period_counted(s: Step) -> str:
    received, expires = s.date("received"), s.date("expires")
    text = f"received {human(received)} + {figures(s['period'])} → {human(expires)}"
    if expires.day != received.day:
        month = expires.strftime("%B")
        text += f": {month} has no {ordinal(received.day)}, the last day of the month is used"
    return text + f" ({s['article']})"


def _later_deposit(s: Step) -> str:
    period: Period = s["period"]
    if s["counted_from"] == "month-of-deposit" and not (period.years or period.days):
        # The Mine Ban Convention's words: "the first day of the sixth month after".
        steps = f"first day of the {ordinal(period.months)} month after"
    else:
        counted = "the first day of its month" if s["counted_from"] == "month-of-deposit" else ""
        steps = f"{counted + ' ' if counted else ''}+ {figures(period)}"
        if s["then"] == "first-of-next-month":
            steps += " → first day of the next month"
    return (
        f"deposited {human(s.date('deposited'))} → {steps} → {human(s.date('in_force'))} "
        f"({s['article']})"
    )


def _pending_elsewhere(s: Step) -> str:
    effect = (
        f"takes effect {human(s['takes_effect'])}"
        if s["takes_effect"]
        else "is held by an armed conflict with no end recorded"
    )
    return (
        f"a notice of withdrawal received {human(s.date('received'))} is already pending "
        f"and {effect}: a second notice would not bring it forward"
    )


def _standing(s: Step) -> str:
    name, day = s["state"], human(s.date("day"))
    if s["consent"] is None:
        return f"{name} on {day}: {s['status']} (no instrument of consent recorded)"
    text = f"{name} on {day}: {s['status']}, {s['consent']} deposited {human(s['deposited'])}"
    if s["in_force"] is not None:
        text += f", {s['called']} in force for it from {human(s['in_force'])}"
    return text


def _duty_due(s: Step) -> str:
    text: str = s["title"]
    if s["applies_if"]:
        text += f", {s['applies_if']}"
    if s["original_under"]:
        text += f" (original deadline; may be extended under {s['original_under']})"
    if not s["binding"]:
        text += " (no longer binding: withdrawn before)"
    return text


def _expire(period: Period) -> str:
    return f"{period_in_words(period.years, period.months, period.days)} expire"


def _or_unrecorded(day: object) -> str:
    return human(day) if day is not None else "a date not recorded"  # type: ignore[arg-type]


_SAY: dict[StepKind, Callable[[Step], str]] = {
    "signed": lambda s: f"signed {human(s.date('day'))}",
    "instrument-withdrawn": lambda s: (
        f"{s['kind']} deposited {human(s.date('deposited'))}, withdrawn "
        f"{human(s.date('withdrawn'))} before it bound the State: no instrument stands"
    ),
    "non-intention": lambda s: (
        f"notice of {human(s.date('day'))}: does not intend to become a party (its signature "
        "no longer binds it to refrain from defeating the treaty's object and purpose)"
    ),
    "notice-revoked": lambda s: (
        f"withdrawal received {human(s.date('received'))}, revoked "
        f"{human(s.date('revoked'))}, before it took effect: the State stays a party"
    ),
    "re-acceded-while-pending": lambda s: (
        f"a new {s['kind']} deposited {human(s.date('deposited'))}, while the "
        f"notice of {human(s.date('received'))} is pending: still bound until "
        "that notice takes effect"
    ),
    "not-in-force": lambda s: (
        f"{s['kind']} deposited {human(s.date('deposited'))}: {s['called']} is not in force "
        f"({s['article']}): it awaits {s['awaits']}; the State is not bound by it yet"
    ),
    "succession-undated": lambda s: (
        f"succession deposited {human(s.date('deposited'))}: bound at the latest from then; the "
        "date it binds from is not recorded"
    ),
    "succession-bound-from": lambda s: (
        f"succession deposited {human(s.date('deposited'))}: bound from "
        f"{human(s.date('bound_from'))}, as the depositary records (not an "
        f"{s['article']} instrument)"
    ),
    "in-force": lambda s: f"{s['kind']}: {say(s['reason'])}",
    "in-force-with-the-treaty-threshold": lambda s: (
        f"deposited {human(s.date('deposited'))}, not after the {ordinal(s['nth'])} "
        f"instrument ({human(s.date('threshold'))}) → in force with the treaty on "
        f"{human(s.date('in_force'))} ({s['article']})"
    ),
    "in-force-with-the-treaty": lambda s: (
        f"deposited {human(s.date('deposited'))}, before the treaty entered into force → in "
        f"force with the treaty on {human(s.date('in_force'))} ({s['article']})"
    ),
    "in-force-later-deposit": _later_deposit,
    "refused-treaty-not-in-force": lambda s: (
        f"{s['called']} is not in force: no State is a Party that could withdraw (it "
        f"awaits {s['awaits']})"
    ),
    "refused-no-clause": lambda s: (
        f"{s['called']} has no withdrawal clause ({s['article']}): the tool computes no "
        "date for the notice (whether one is possible is for the law of treaties to say)"
    ),
    "refused-too-early": lambda s: (
        f"received {human(s.date('received'))}, before {human(s.date('earliest'))}, the first "
        f"day a notice may be given ({figures(s['after'])} after entry into force for the "
        f"State, {s['article']}): it has no effect"
    ),
    "refused-no-window": lambda s: (
        f"received {human(s.date('received'))}: no window in which notice may be given opens "
        f"before 31 Dec 9999 ({s['article']}): it has no effect"
    ),
    "refused-outside-window": lambda s: (
        f"received {human(s.date('received'))}, outside the windows in which notice may be "
        f"given (the next opens {human(s.date('opens'))}, {s['article']}): it has no effect"
    ),
    "refused-not-a-party": lambda s: "given while the State was not a party: it has no effect",
    "period-counted": _period_counted,
    "first-of-next-month": lambda s: (
        f"→ first day of the next month → {human(s.date('day'))} ({s['article']})"
    ),
    "on-day": lambda s: (
        f"→ takes effect on {human(s.date('last_day'))}, the last day bound: no longer bound "
        f"from {human(s.date('no_longer_bound'))} ({s['article']})"
    ),
    "later-date-named": lambda s: (
        f"the notice names a later date, {human(s.date('named'))}: it takes effect then "
        f"({s['article']})"
    ),
    "later-date-not-later": lambda s: (
        f"the notice names {human(s.date('named'))}, not later than the period's end "
        f"({human(s.date('period_expires'))}): the period decides, not the date named "
        f"({s['article']})"
    ),
    "conflict-may-hold": lambda s: (
        f"recorded as {s['words']} ({s['conflict']}) since "
        f"{human(s.date('start'))}: if it still is on {human(s.date('effect_from'))}, the "
        f"withdrawal will not take effect before the end of that conflict ({s['article']})"
    ),
    "takes-effect": lambda s: f"takes effect {human(s.date('day'))} ({s['article']})",
    "held-no-end": lambda s: (
        f"{s['words']} ({s['conflict']}) when the period expired and no "
        f"end is recorded: the withdrawal does not take effect before it ends "
        f"({s['article']})"
    ),
    "held-ended": lambda s: (
        f"{s['words']} ({s['conflict']}) when the period expired; it "
        f"ended {human(s.date('end'))} ({s['article']})"
    ),
    "takes-effect-at-conflict-end": lambda s: (
        f"takes effect {human(s.date('day'))}, at the end of the armed conflict"
    ),
    "standing": _standing,
    "communication-no-effect": lambda s: (
        f"a communication of {human(s.date('day'))} is recorded ({s['title'] or 'notification'})"
        f": not an instrument under {s['called']} (recorded with no legal effect), it changes "
        "no date here"
    ),
    "assumed-conflict-replaces": lambda s: (
        f"the armed conflict assumed replaces those recorded ({', '.join(s['conflicts'])})"
    ),
    "conflict-no-clause": lambda s: (
        f"an armed conflict is recorded ({', '.join(s['conflicts'])}), but "
        f"the withdrawal article ({s['article']}) has no armed-conflict clause: it "
        "changes nothing"
    ),
    "no-membership": lambda s: (
        f"{s['state']} is not a Party on {human(s.date('day'))}: it has no membership to "
        "withdraw from"
    ),
    "no-membership-signatory": lambda s: (
        f"{s['state']} has signed but is not a Party on {human(s.date('day'))}: it has no "
        "membership to withdraw from (a signatory may notify that it does not intend to become "
        "a party)"
    ),
    "no-membership-not-yet-in-force": lambda s: (
        f"{s['called']} is not yet in force for {s['state']} on {human(s.date('day'))} (from "
        f"{_or_unrecorded(s['in_force'])}): a notice of withdrawal has nothing to end yet (an "
        "instrument not yet binding is withdrawn instead)"
    ),
    "no-membership-withdrawn": lambda s: (
        f"{s['state']} withdrew (in effect from {_or_unrecorded(s['since'])}): it is no "
        "longer a Party"
    ),
    "no-membership-pending": _pending_elsewhere,
    "opened-for-signature": lambda s: "opened for signature",
    "threshold-instrument": lambda s: f"{ordinal(s['nth'])} instrument deposited",
    "treaty-in-force": lambda s: f"{s['called']} enters into force",
    "deadline-extended": lambda s: (
        f"{s['duty']} deadline extended to {human(s.date('until'))}"
        + (f" by the {s['by']}" if s["by"] else "")
    ),
    "duty-completed": lambda s: f"declares {s['duty']} completed",
    "duty-due": _duty_due,
    "signature-recorded": lambda s: "signed",
    "revocation-recorded": lambda s: "withdrawal notice revoked: the State stays a party",
    "non-intention-recorded": lambda s: "notice: does not intend to become a party",
    "provisional-recorded": lambda s: (
        f"declares it applies {s['applies'] or 'part of the treaty'} provisionally, pending "
        "entry into force"
    ),
    "communication-recorded": lambda s: s["title"] or s["kind"],
    "consent-withdrawn-recorded": lambda s: "instrument withdrawn before it bound the State",
    "consent-recorded": lambda s: f"{s['kind']} deposited",
    "bound-from-succession": lambda s: "bound from (succession, as the depositary records)",
    "in-force-for-it": lambda s: f"{s['called']} enters into force for it",
    "withdrawal-recorded": lambda s: (
        "withdrawal received" + (f" ({s['notification']})" if s["notification"] else "")
    ),
    "withdrawal-in-effect": lambda s: "withdrawal takes effect",
    "withdrawal-held": lambda s: f"{_expire(s['period'])}, armed conflict: withdrawal held",
    "withdrawal-in-effect-at-conflict-end": lambda s: (
        "withdrawal takes effect at the end of the armed conflict"
    ),
    "withdrawal-held-no-end": lambda s: (
        f"{_expire(s['period'])}, armed conflict: withdrawal held until it ends (no end recorded)"
    ),
}


def say(step: Step) -> str:
    """The step in one English sentence."""
    return _SAY[step.kind](step)


def said(steps: Iterable[Step]) -> list[str]:
    return [say(s) for s in steps]


def entry_text(entry: Entry) -> str:
    """A timeline entry's text, with the law's reason where it gives one."""
    what = say(entry.what)
    return what if entry.reason is None else f"{what}: {say(entry.reason)}"
