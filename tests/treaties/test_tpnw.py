"""The Treaty on the Prohibition of Nuclear Weapons (`tpnw`): a deposit before the Treaty's own
entry into force (Art. 15(2)), and what-if withdrawals under Art. 17(3) (twelve months, held
while the State is party to an armed conflict)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support import (
    assert_enters_into_force,
    assert_what_if_refused_naming,
    assert_what_if_takes_effect,
    position_of,
)

D = dt.date


@pytest.mark.parametrize(
    ("name", "treaty", "in_force"),
    [
        # TPNW Art. 15(2): 90 days after the deposit (11 Dec 2020), before the Treaty's own
        # entry into force on 22 Jan 2021.
        ("Benin", "tpnw", "2021-03-11"),
    ],
)
def test_a_later_deposit_enters_into_force_under_the_treatys_own_rule(
    name: str, treaty: str, in_force: str
) -> None:
    assert position_of(name, treaty).entry_into_force == D.fromisoformat(in_force)
    assert_enters_into_force(name, treaty, in_force)


@pytest.mark.parametrize(
    ("treaty", "received", "extra", "takes_effect"),
    [
        ("tpnw", "2026-01-05", [], "2027-01-05"),  # Art. 17(3): 12 months
        ("tpnw", "2026-01-05", ["--armed-conflict-until", "2027-03-01"], "2027-03-01"),
        ("tpnw", "2026-01-05", ["--armed-conflict-until", "ongoing"], None),
    ],
)
def test_what_if_withdrawals_follow_each_treatys_clause(
    treaty: str, received: str, extra: list[str], takes_effect: str | None
) -> None:
    assert_what_if_takes_effect(treaty, received, extra, takes_effect)


@pytest.mark.parametrize(
    ("treaty", "option", "article"),
    [("tpnw", ["--later-date", "2027-06-30"], "Art. 17(3)")],
)
def test_a_clause_the_treaty_lacks_is_a_usage_error_naming_its_article(
    treaty: str, option: list[str], article: str
) -> None:
    assert_what_if_refused_naming(treaty, option, article)
