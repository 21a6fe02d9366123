"""A step of the law's reasoning, as data: what kind of step it is, and the values it rests on
(dates, periods, the article, names from the data). The law returns steps; `output.reasons`
words them, so that no sentence is built where the law is applied.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ottawa_cli.frozen import dataclass

StepKind = Literal[
    # A State's record (`position`).
    "signed",
    "instrument-withdrawn",
    "non-intention",
    "notice-revoked",
    "re-acceded-while-pending",
    # Entry into force for the State.
    "not-in-force",
    "succession-undated",
    "succession-bound-from",
    "in-force",
    "in-force-with-the-treaty-threshold",
    "in-force-with-the-treaty",
    "in-force-later-deposit",
    # A notice the clause gives no effect.
    "refused-treaty-not-in-force",
    "refused-no-clause",
    "refused-too-early",
    "refused-no-window",
    "refused-outside-window",
    "refused-not-a-party",
    # The withdrawal clause applied to a notice.
    "period-counted",
    "first-of-next-month",
    "on-day",
    "later-date-named",
    "later-date-not-later",
    "conflict-may-hold",
    "takes-effect",
    "held-no-end",
    "held-ended",
    "takes-effect-at-conflict-end",
    # A notice asked about for a State (`calc withdraw --state`).
    "standing",
    "communication-no-effect",
    "assumed-conflict-replaces",
    "conflict-no-clause",
    "no-membership",
    "no-membership-signatory",
    "no-membership-not-yet-in-force",
    "no-membership-withdrawn",
    "no-membership-pending",
    # A timeline's entries (`law.timeline.Entry.what`).
    "opened-for-signature",
    "threshold-instrument",
    "treaty-in-force",
    "deadline-extended",
    "duty-completed",
    "duty-due",
    "signature-recorded",
    "revocation-recorded",
    "non-intention-recorded",
    "provisional-recorded",
    "communication-recorded",
    "consent-withdrawn-recorded",
    "consent-recorded",
    "bound-from-succession",
    "in-force-for-it",
    "withdrawal-recorded",
    "withdrawal-in-effect",
    "withdrawal-held",
    "withdrawal-in-effect-at-conflict-end",
    "withdrawal-held-no-end",
]


@dataclass(frozen=True, slots=True)
class Step:
    kind: StepKind
    values: tuple[tuple[str, Any], ...]

    def __getitem__(self, name: str) -> Any:
        for key, value in self.values:
            if key == name:
                return value
        raise KeyError(name)

    def date(self, name: str) -> dt.date:
        value = self[name]
        assert isinstance(value, dt.date)
        return value


def step(kind: StepKind, /, **values: Any) -> Step:
    return Step(kind, tuple(values.items()))
