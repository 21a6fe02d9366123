"""The Arms Trade Treaty (`att`) against the outcomes the depositary published: later deposits'
entry into force (Art. 22(2)), the United States' notice that it does not intend to become a
party; and what-if withdrawals under Art. 24(2)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support import (
    assert_enters_into_force,
    assert_what_if_refused_naming,
    assert_what_if_takes_effect,
    cli_json,
    position_of,
)

D = dt.date


@pytest.mark.parametrize(
    ("name", "treaty", "in_force"),
    [
        # ATT Art. 22(2): ninety days following the deposit (19 Jun 2019).
        ("Canada", "att", "2019-09-17"),
        # Deposited 17 Dec 2014, between the 50th instrument and the ATT's entry into force.
        ("Poland", "att", "2014-12-24"),
    ],
)
def test_a_later_deposit_enters_into_force_under_the_treatys_own_rule(
    name: str, treaty: str, in_force: str
) -> None:
    assert position_of(name, treaty).entry_into_force == D.fromisoformat(in_force)
    assert_enters_into_force(name, treaty, in_force)


def test_the_united_states_notice_on_the_att_leaves_it_a_signatory_and_says_so() -> None:
    got = cli_json("status", "United States of America", "--treaty", "att")
    assert got["status"] == "signatory"
    assert any(
        "18 Jul 2019" in s and "does not intend to become a party" in s for s in got["reasons"]
    )


@pytest.mark.parametrize(
    ("treaty", "received", "extra", "takes_effect"),
    [
        ("att", "2026-01-05", [], "2026-04-05"),  # Art. 24(2): ninety days
        ("att", "2026-01-05", ["--later-date", "2026-12-31"], "2026-12-31"),
    ],
)
def test_what_if_withdrawals_follow_each_treatys_clause(
    treaty: str, received: str, extra: list[str], takes_effect: str | None
) -> None:
    assert_what_if_takes_effect(treaty, received, extra, takes_effect)


@pytest.mark.parametrize(
    ("treaty", "option", "article"),
    [("att", ["--armed-conflict-until", "2027-01-01"], "Art. 24(2)")],
)
def test_a_clause_the_treaty_lacks_is_a_usage_error_naming_its_article(
    treaty: str, option: list[str], article: str
) -> None:
    assert_what_if_refused_naming(treaty, option, article)
