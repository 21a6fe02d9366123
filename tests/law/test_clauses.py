"""The entry-into-force vocabulary (`models.LaterDeposits`): the bundled treaties' rules said
again in it give the same dates on every day, and other treaties' clauses give their published
outcomes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from ottawa_cli.law.clauses import entry_into_force, explain_entry_into_force
from ottawa_cli.law.model import EntryIntoForceRule, LaterDeposits, Period, SourcedDate
from ottawa_cli.reasons import say
from ottawa_cli.store.load import load
from tests.support import FIXTURES, TREATIES

D = dt.date


def _rule(
    in_force: dt.date, threshold: dt.date, later: LaterDeposits, required: int = 50
) -> EntryIntoForceRule:
    return EntryIntoForceRule(
        article="Art. X",
        treaty_in_force=SourcedDate(date=in_force, source="s"),
        threshold_deposit=SourcedDate(date=threshold, source="s"),
        instruments_required=required,
        later=later,
    )


# The treaties whose data uses the short form (`months_after_deposit`): said again as `later`.
@pytest.mark.parametrize("treaty", ["apmbc", "ccm"])
def test_a_bundled_rule_said_in_the_vocabulary_gives_the_same_date_every_day(treaty: str) -> None:
    dataset = load(TREATIES[treaty]).dataset
    assert dataset is not None
    rule = dataset.treaty.entry_into_force
    assert rule.months_after_deposit is not None
    again = dataclasses.replace(
        rule,
        months_after_deposit=None,
        later=LaterDeposits(
            counted_from="month-of-deposit", period=Period(months=rule.months_after_deposit)
        ),
    )
    day = D(1997, 1, 1)
    while day <= D(2035, 12, 31):
        assert entry_into_force(again, day) == entry_into_force(rule, day), day
        day += dt.timedelta(days=1)


# The Chemical Weapons Convention, Art. XXI: in force 29 Apr 1997, 180 days after the 65th
# instrument (31 Oct 1996); later deposits "on the 30th day following the date of deposit".
CWC = _rule(
    D(1997, 4, 29),
    D(1996, 10, 31),
    LaterDeposits(period=Period(days=30), applies_after="entry-into-force"),
    required=65,
)
# The Rome Statute, Art. 126: in force 1 Jul 2002; later, "on the first day of the month after
# the 60th day following the deposit".
ICC = _rule(
    D(2002, 7, 1),
    D(2002, 4, 11),
    LaterDeposits(
        period=Period(days=60), then="first-of-next-month", applies_after="entry-into-force"
    ),
    required=60,
)
# The Arms Trade Treaty, Art. 22: in force 24 Dec 2014; later, "ninety days following".
ATT = _rule(
    D(2014, 12, 24),
    D(2014, 9, 25),
    LaterDeposits(period=Period(days=90), applies_after="entry-into-force"),
)


@pytest.mark.parametrize(
    ("rule", "deposited", "in_force"),
    [
        (CWC, D(2015, 9, 16), D(2015, 10, 16)),  # Angola's accession
        (CWC, D(2013, 5, 29), D(2013, 6, 28)),  # Somalia
        (CWC, D(1997, 4, 25), D(1997, 4, 29)),  # after the 65th, before entry into force
        (ICC, D(2024, 10, 25), D(2025, 1, 1)),  # Ukraine's ratification
        (ICC, D(2012, 4, 2), D(2012, 7, 1)),  # Guatemala: the 60th day is 1 Jun
        (ATT, D(2019, 6, 19), D(2019, 9, 17)),  # Canada's accession
        (ATT, D(2014, 10, 2), D(2014, 12, 24)),  # deposited before the Treaty was in force
    ],
    ids=["angola", "somalia", "cwc-between", "ukraine", "guatemala", "canada", "att-between"],
)
def test_other_treaties_clauses_give_their_published_dates(
    rule: EntryIntoForceRule, deposited: dt.date, in_force: dt.date
) -> None:
    assert entry_into_force(rule, deposited) == in_force


def test_the_reasoning_says_the_clause_in_its_own_terms() -> None:
    _, reason = explain_entry_into_force(ICC, D(2024, 10, 25))
    assert say(reason) == (
        "deposited 25 Oct 2024 → + 60 days → first day of the next month → 1 Jan 2025 (Art. X)"
    )
    _, reason = explain_entry_into_force(CWC, D(1997, 4, 25))
    assert "before the treaty entered into force → in force with the treaty on 29 Apr 1997" in (
        say(reason)
    )


@pytest.mark.parametrize(
    "rule_yaml",
    [
        "    months_after_deposit: 6\n    later: {period: {days: 30}}\n",
        "",
    ],
    ids=["both", "neither"],
)
def test_the_rule_for_later_deposits_is_given_once(tmp_path: Path, rule_yaml: str) -> None:
    from ottawa_cli.check.dataset import check_file

    fixture = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    text = fixture.replace("    months_after_deposit: 6\n", rule_yaml)
    path = tmp_path / "rule.yaml"
    path.write_text(text + "states: []\n", encoding="utf-8")
    (finding,) = [f for f in check_file(path, D(2026, 11, 23)) if f.severity == "error"]
    assert finding.code == "OTT010"
    assert "give the rule for later deposits once" in finding.message
