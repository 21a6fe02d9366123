"""Withdrawal clauses as data: no clause at all, a minimum membership before notice, windows
for notice, a later date the notice names, a notice revoked before it takes
effect, a signatory's notice that it will not become a party, the first day of the next
month, the treaty's own words for the armed-conflict condition, what a withdrawal does not end."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ottawa_cli.check.dataset import check_file
from ottawa_cli.cli.app import app
from ottawa_cli.law.clauses import notice_refused, withdrawal_takes_effect
from ottawa_cli.law.model import ArmedConflict, Dataset, Period, Treaty, WithdrawalRule
from ottawa_cli.law.position import position
from ottawa_cli.reasons import said, say
from ottawa_cli.store.load import load
from tests.support import FIXTURES

D = dt.date
ROME = FIXTURES / "rome_statute.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def rome() -> Dataset:
    dataset = load(ROME).dataset
    assert dataset is not None
    return dataset


def _status(dataset: Dataset, name: str, day: dt.date) -> str:
    state = next(s for s in dataset.states if s.name == name)
    return position(dataset.treaty, state, day).status


def test_the_fixture_checks_clean() -> None:
    assert check_file(ROME, D(2026, 11, 23)) == []


@pytest.mark.parametrize(
    ("day", "status"),
    [(D(2018, 3, 16), "party"), (D(2018, 3, 17), "withdrawing"), (D(2019, 3, 17), "withdrawn")],
)
def test_the_philippines_left_the_rome_statute_a_year_after_its_notice(
    rome: Dataset, day: dt.date, status: str
) -> None:
    assert _status(rome, "Philippines", day) == status


@pytest.mark.parametrize(
    ("name", "received", "revoked"),
    [("South Africa", D(2016, 10, 19), D(2017, 3, 7)), ("Gambia", D(2016, 11, 10), D(2017, 2, 10))],
)
def test_a_notice_revoked_before_it_takes_effect_leaves_the_state_a_party(
    rome: Dataset, name: str, received: dt.date, revoked: dt.date
) -> None:
    assert _status(rome, name, received - dt.timedelta(days=1)) == "party"
    assert _status(rome, name, received) == "withdrawing"
    assert _status(rome, name, revoked) == "party"
    assert _status(rome, name, received.replace(year=received.year + 2)) == "party"
    state = next(s for s in rome.states if s.name == name)
    steps = said(position(rome.treaty, state, D(2020, 1, 1)).steps)
    assert any("revoked" in step and "stays a party" in step for step in steps)


def test_a_revoked_notice_never_takes_effect_in_the_timeline() -> None:
    result = runner.invoke(app, ["timeline", "South Africa", "--data", str(ROME), "--json"])
    kinds = [e["kind"] for e in json.loads(result.stdout)["entries"]]
    assert "withdrawal-revoked" in kinds
    assert "withdrawal-takes-effect" not in kinds


def test_a_later_date_named_in_the_notice_is_when_it_takes_effect(rome: Dataset) -> None:
    rule = rome.treaty.withdrawal
    outcome = withdrawal_takes_effect(rule, D(2026, 1, 5), later_date=D(2027, 6, 30))
    assert (outcome.period_expires, outcome.takes_effect) == (D(2027, 1, 5), D(2027, 6, 30))
    earlier = withdrawal_takes_effect(rule, D(2026, 1, 5), later_date=D(2026, 6, 30))
    assert earlier.takes_effect == D(2027, 1, 5)  # not before the year is over
    args = ["calc", "withdraw", "--received", "2026-01-05", "--later-date", "2027-06-30"]
    result = runner.invoke(app, [*args, "--data", str(ROME), "--json"])
    assert json.loads(result.stdout)["takes_effect"] == "2027-06-30"


def test_a_later_date_for_a_treaty_that_allows_none_is_refused_naming_its_article() -> None:
    result = runner.invoke(
        app, ["calc", "withdraw", "--received", "2026-01-05", "--later-date", "2027-06-30"]
    )
    assert result.exit_code == 2
    assert "(Art. 20(3)) lets no notice name a later date" in result.stderr


def test_a_withdrawal_names_what_it_does_not_end() -> None:
    result = runner.invoke(
        app, ["status", "Philippines", "--as-of", "2019-06-01", "--data", str(ROME)]
    )
    assert "what it does not end: obligations arising from this Statute" in result.stdout


def test_the_first_day_of_the_month_after_three_months() -> None:
    # The Istanbul Convention's Art. 80: Türkiye's notice of 22 Mar 2021 took effect 1 Jul 2021.
    istanbul = WithdrawalRule(
        article="Art. 80",
        period=Period(months=3),
        armed_conflict_clause=False,
        then="first-of-next-month",
    )
    assert withdrawal_takes_effect(istanbul, D(2021, 3, 22)).takes_effect == D(2021, 7, 1)


def test_the_armed_conflict_condition_is_said_in_the_treatys_words() -> None:
    # The TPNW's Art. 17(3): "a party to an armed conflict".
    tpnw = WithdrawalRule(
        article="Art. 17(3)",
        period=Period(months=12),
        armed_conflict_clause=True,
        armed_conflict_words="party to an armed conflict",
    )
    war = ArmedConflict(name="a war", start=D(2026, 1, 1), source="s")
    outcome = withdrawal_takes_effect(tpnw, D(2026, 2, 1), [war], as_of=D(2027, 3, 1))
    assert outcome.takes_effect is None
    assert any(
        step.startswith("party to an armed conflict (a war)") for step in said(outcome.steps)
    )


def test_a_signatorys_notice_that_it_will_not_become_a_party(rome: Dataset) -> None:
    ukraine = next(s for s in rome.states if s.name == "Ukraine")
    from ottawa_cli.law.model import Event

    noticed = dataclasses.replace(
        ukraine,
        events=(
            Event(kind="signature", date=D(2000, 1, 20), source="fixture"),
            Event(kind="non-intention", date=D(2002, 5, 6), source="fixture"),
        ),
    )
    pos = position(rome.treaty, noticed, D(2010, 1, 1))
    assert pos.status == "signatory"
    assert any("does not intend to become a party" in step for step in said(pos.steps))


def test_ukraine_joined_the_rome_statute_on_the_first_day_of_2025(rome: Dataset) -> None:
    # Ratification deposited 25 Oct 2024; the 60th day after is 24 Dec 2024 (Art. 126(2)).
    assert _status(rome, "Ukraine", D(2024, 12, 31)) == "pending-entry-into-force"
    assert _status(rome, "Ukraine", D(2025, 1, 1)) == "party"


def _with_withdrawal(dataset: Dataset, rule: WithdrawalRule) -> Dataset:
    return dataclasses.replace(dataset, treaty=dataclasses.replace(dataset.treaty, withdrawal=rule))


def test_a_notice_under_a_treaty_with_no_withdrawal_clause_leaves_the_state_a_party(
    rome: Dataset,
) -> None:
    # Some treaties (the ICCPR, for one) provide for no withdrawal: a notice gets no date.
    none = _with_withdrawal(rome, WithdrawalRule(article="no article", clause="none"))
    state = next(s for s in none.states if s.name == "Philippines")
    pos = position(none.treaty, state, D(2025, 1, 1))
    assert pos.status == "party"
    assert any("has no withdrawal clause (no article)" in step for step in said(pos.steps))


def test_calc_withdraw_refuses_a_treaty_with_no_withdrawal_clause(tmp_path: Path) -> None:
    text = ROME.read_text(encoding="utf-8").replace(
        "    period: {years: 1}\n    armed_conflict_clause: false\n    later_date_allowed: true\n",
        "    clause: none\n",
    )
    data = tmp_path / "no_clause.yaml"
    data.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["calc", "withdraw", "--received", "2026-01-05", "--data", str(data)]
    )
    assert result.exit_code == 2
    assert "has no withdrawal clause (Art. 127(1))" in result.stderr
    timeline = runner.invoke(app, ["timeline", "Philippines", "--data", str(data), "--json"])
    kinds = [e["kind"] for e in json.loads(timeline.stdout)["entries"]]
    assert "withdrawal-received" in kinds
    assert "withdrawal-takes-effect" not in kinds


# The Paris Agreement's Art. 28: notice "at any time after three years from the date on which
# this Agreement has entered into force for a Party", taking effect a year after receipt. In
# force for the United States 4 Nov 2016; its notice of 4 Nov 2019 took effect 4 Nov 2020.
PARIS = WithdrawalRule(article="Art. 28", period=Period(years=1), notice_not_before=Period(years=3))


def test_a_notice_before_the_minimum_membership_has_no_effect(rome: Dataset) -> None:
    paris = _with_withdrawal(rome, PARIS).treaty
    refused = notice_refused(paris, D(2019, 11, 3), D(2016, 11, 4))
    assert refused is not None
    assert "before 4 Nov 2019, the first day a notice may be given" in say(refused)
    assert notice_refused(paris, D(2019, 11, 4), D(2016, 11, 4)) is None
    assert withdrawal_takes_effect(PARIS, D(2019, 11, 4)).takes_effect == D(2020, 11, 4)


def test_calc_withdraw_says_nothing_of_the_minimum_without_a_state(rome: Dataset) -> None:
    # A what-if has no State, so no membership to measure: only the windows bind it.
    assert notice_refused(_with_withdrawal(rome, PARIS).treaty, D(2000, 1, 1), None) is None


def _ilo(rome: Dataset) -> Treaty:
    # The shape of the ILO's usual clause: notice only in the year after each period of ten
    # years from the Convention's entry into force (a made-up 4 Jul 1950 here, not read).
    ilo = _with_withdrawal(
        rome,
        WithdrawalRule(
            article="Art. 16",
            period=Period(years=1),
            window_every=Period(years=10),
            window_open=Period(years=1),
        ),
    ).treaty
    eif = dataclasses.replace(
        ilo.entry_into_force,
        treaty_in_force=dataclasses.replace(
            ilo.entry_into_force.treaty_in_force, date=D(1950, 7, 4)
        ),
    )
    return dataclasses.replace(ilo, entry_into_force=eif)


def test_a_notice_outside_the_windows_names_the_next_one(rome: Dataset) -> None:
    refused = notice_refused(_ilo(rome), D(2025, 3, 1), None)
    assert refused is not None
    assert "the next opens 4 Jul 2030, Art. 16" in say(refused)


def test_notice_is_possible_on_exactly_the_days_of_a_window(rome: Dataset) -> None:
    ilo = _ilo(rome)
    day, open_days = D(2019, 1, 1), []
    while day < D(2032, 1, 1):
        if notice_refused(ilo, day, None) is None:
            open_days.append(day)
        day += dt.timedelta(days=1)
    # 365 days from 4 Jul 2020 (none holds a 29 Feb), 365 from 4 Jul 2030.
    assert len(open_days) == 365 + 365
    assert open_days[0] == D(2020, 7, 4) and D(2021, 7, 3) in open_days
    assert D(2021, 7, 4) not in open_days and open_days[-1] == D(2031, 7, 3)


CLAUSES = FIXTURES / "clauses"


@pytest.mark.parametrize("name", ["istanbul", "paris"])
def test_the_clause_fixtures_check_clean(name: str) -> None:
    # Their published dates (takes_effect, entry_into_force) are what the clauses compute.
    assert check_file(CLAUSES / f"{name}.yaml", D(2026, 12, 2)) == []


def test_turkiye_left_the_istanbul_convention_on_the_first_day_of_july_2021() -> None:
    data = str(CLAUSES / "istanbul.yaml")
    got = runner.invoke(
        app, ["calc", "withdraw", "--received", "2021-03-22", "--data", data, "--json"]
    )
    assert json.loads(got.stdout)["takes_effect"] == "2021-07-01"
    for day, status in [("2021-06-30", "withdrawing"), ("2021-07-01", "withdrawn")]:
        out = runner.invoke(app, ["status", "Türkiye", "--as-of", day, "--data", data, "--json"])
        assert json.loads(out.stdout)["status"] == status


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2016-11-03", "pending-entry-into-force"),
        ("2016-11-04", "party"),
        ("2019-11-04", "withdrawing"),
        ("2020-11-04", "withdrawn"),
        ("2021-02-18", "pending-entry-into-force"),
        ("2021-02-19", "party"),
        ("2025-01-27", "withdrawing"),
        ("2026-01-27", "withdrawn"),
    ],
)
def test_the_united_states_left_the_paris_agreement_twice(day: str, status: str) -> None:
    data = str(CLAUSES / "paris.yaml")
    out = runner.invoke(app, ["status", "USA", "--as-of", day, "--data", data, "--json"])
    assert json.loads(out.stdout)["status"] == status


@pytest.mark.parametrize(
    ("received", "last_day", "out_from"),
    [
        # UNESCO's Art. II(6): "on 31 December of the year following that during which the
        # notice was given"; a Member through 31 December, out from 1 January.
        (D(2025, 7, 22), D(2026, 12, 31), D(2027, 1, 1)),
        (D(2025, 1, 1), D(2026, 12, 31), D(2027, 1, 1)),
        (D(2025, 12, 31), D(2026, 12, 31), D(2027, 1, 1)),
    ],
)
def test_a_notice_takes_effect_on_31_december_of_the_following_year(
    received: dt.date, last_day: dt.date, out_from: dt.date
) -> None:
    rule = WithdrawalRule(article="Art. II(6)", period=Period(years=1), on_day="12-31")
    outcome = withdrawal_takes_effect(rule, received)
    assert outcome.takes_effect == out_from
    assert outcome.takes_effect - dt.timedelta(days=1) == last_day
    assert "31 Dec 2026, the last day bound" in " ".join(said(outcome.steps))


def test_a_day_of_the_year_and_the_first_of_the_next_month_are_refused_together() -> None:
    with pytest.raises(ValueError, match="`then` or `on_day`"):
        WithdrawalRule(
            article="Art. 1", period=Period(years=1), on_day="12-31", then="first-of-next-month"
        )


def _stepped_window(start: dt.date, every: Period, open_for: Period, received: dt.date) -> dt.date:
    """The windows as counted from the entry into force, one period at a time (the reference)."""
    from ottawa_cli.law.clauses import add_period

    n = 1
    while True:
        opens = add_period(
            start,
            Period(years=every.years * n, months=every.months * n, days=every.days * n),
        )
        if received < add_period(opens, open_for):
            return opens
        n += 1


@pytest.mark.parametrize(
    ("every", "open_for"),
    [
        (Period(years=10), Period(years=1)),
        (Period(months=1), Period(days=3)),
        (Period(days=1), Period(days=1)),
        (Period(years=5, months=7, days=3), Period(months=2)),
    ],
)
def test_windows_are_counted_from_entry_into_force_by_arithmetic(
    every: Period, open_for: Period
) -> None:
    from ottawa_cli.law.clauses import _window_for

    start = D(1950, 1, 31)
    day = D(1950, 2, 1)
    while day < D(1990, 1, 1):
        assert _window_for(start, every, open_for, day) == _stepped_window(
            start, every, open_for, day
        ), day
        day += dt.timedelta(days=97)


def test_daily_windows_near_the_end_of_the_calendar_are_answered(rome: Dataset) -> None:
    from ottawa_cli.law.clauses import _window_for

    # By stepping, this took ~20 s; by arithmetic it is a handful of additions.
    assert _window_for(D(2000, 1, 1), Period(days=1), Period(days=1), D(9999, 12, 30)) == D(
        9999, 12, 30
    )


@pytest.mark.parametrize("empty", ["{days: 0}", "{months: 0}", "{}"])
@pytest.mark.parametrize("field", ["window_every", "window_open"])
def test_a_window_of_no_length_is_a_finding_not_a_hang(
    tmp_path: Path, field: str, empty: str
) -> None:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    other = "window_open" if field == "window_every" else "window_every"
    clause = f"    {field}: {empty}\n    {other}: {{years: 1}}\n"
    assert "  withdrawal:\n" in text
    text = text.replace("  withdrawal:\n", "  withdrawal:\n" + clause, 1)
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "a period of no length" in result.stdout
    result = runner.invoke(app, ["status", "Finland", "--data", str(path)])
    assert result.exit_code == 1 and "a period of no length" in result.stderr


def test_a_later_date_named_before_its_notice_is_a_finding(tmp_path: Path) -> None:
    text = (
        (FIXTURES / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "    armed_conflict_clause: true\n",
            "    armed_conflict_clause: true\n    later_date_allowed: true\n",
        )
    )
    text += (
        "states:\n  - name: France\n    iso2: FR\n    iso3: FRA\n    events:\n"
        "      - {kind: accession, date: 2000-01-10, source: fixture}\n"
        "      - {kind: withdrawal, date: 2020-01-10, later_date: 2019-01-01, source: fixture}\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert result.exit_code == 1 and "OTT146" in codes


def test_a_signature_period_that_closes_before_it_opens_is_a_finding(tmp_path: Path) -> None:
    text = (
        (FIXTURES / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  opened_for_signature: {date: 1997-12-03, source: untc}\n",
            "  opened_for_signature: {date: 1997-12-03, source: untc}\n"
            "  open_for_signature_until: {date: 1997-01-01, source: untc}\n",
        )
    )
    path = tmp_path / "t.yaml"
    path.write_text(text + "states: []\n", encoding="utf-8")
    # Within a year of the fixture's verification: a year later OTT136 would be said too.
    result = runner.invoke(app, ["check", str(path), "--format", "json", "--today", "2026-12-04"])
    assert result.exit_code == 1
    # (The minimal file's `fixture` source is cited by no State here: OTT111.)
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert sorted(codes) == ["OTT111", "OTT146"]
