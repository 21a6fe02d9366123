"""Every bundled treaty: its data checks clean, its published dates agree with its own rules,
every command answers for it in its own words, States are found by the same aliases under each,
and `pending --treaty all` lists every treaty's withdrawals. Each treaty's own published
outcomes are in its module beside this one."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ottawa_cli.check.dataset import check_file
from ottawa_cli.law.clauses import entry_into_force, withdrawal_takes_effect
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.position import position
from tests.support import TREATIES, run

D = dt.date
runner = CliRunner()
# Words of one treaty that must never appear in another's output.
OWN_WORDS = {
    "apmbc": ("Mine Ban", "anti-personnel", "Anti-Personnel", "XXVI-5"),
    "ccm": ("Cluster Munitions", "cluster munition", "XXVI-6"),
    "cwc": ("Chemical Weapons", "XXVI-3"),
    "att": ("Arms Trade", "XXVI-8"),
    "tpnw": ("Prohibition of Nuclear Weapons", "XXVI-9"),
    "icc": ("Rome Statute", "XVIII-10"),
}
# Every other bundled treaty is known by its short title.
_HEADERS = {t: yaml.safe_load(p.read_text(encoding="utf-8"))["treaty"] for t, p in TREATIES.items()}
OWN_WORDS |= {t: (h["short_title"],) for t, h in _HEADERS.items() if t not in OWN_WORDS}
# A protocol's sources name its parent treaty, and may.
PARENT = {t: h["protocol_to"]["treaty"] for t, h in _HEADERS.items() if h.get("protocol_to")}


@pytest.mark.parametrize("treaty", sorted(TREATIES))
def test_each_bundled_treaty_checks_without_errors(treaty: str) -> None:
    findings = check_file(TREATIES[treaty], D(2026, 12, 2))
    assert [f for f in findings if f.severity == "error"] == []
    code, _, _ = run("check", "--treaty", treaty)
    assert code == 0


def test_every_published_entry_into_force_equals_the_treatys_rule(bundled: Dataset) -> None:
    rule = bundled.treaty.entry_into_force
    published = [
        (s.name, e) for s in bundled.states for e in s.events if e.entry_into_force is not None
    ]
    if not published:
        pytest.skip(f"{bundled.treaty.id}: no source read publishes a State's entry into force")
    for name, event in published:
        assert event.entry_into_force is not None
        assert entry_into_force(rule, event.date) == event.entry_into_force.date, name


def test_every_published_withdrawal_date_equals_the_treatys_rule(bundled: Dataset) -> None:
    for state in bundled.states:
        for event in state.events:
            if event.takes_effect is not None:
                outcome = withdrawal_takes_effect(
                    bundled.treaty.withdrawal, event.date, state.armed_conflicts
                )
                assert outcome.takes_effect == event.takes_effect.date, state.name


def test_the_threshold_instrument_is_dated_as_the_treaty_says(bundled: Dataset) -> None:
    from ottawa_cli.law.clauses import threshold_instrument

    rule = bundled.treaty.entry_into_force
    _, nth = threshold_instrument(bundled.treaty, bundled.states)
    if not rule.in_force:
        # The CTBT: no threshold reached, and the data says what it awaits.
        assert rule.threshold_deposit is None and rule.awaits
    elif rule.further_condition is None:
        assert nth == rule.threshold_deposit.date
    else:
        # The count was met first; the deposit that met the further condition brought it in.
        assert nth is not None and nth <= rule.threshold_deposit.date


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(day=st.dates(D(1, 1, 1), D(9999, 12, 31)))
def test_every_state_has_a_position_on_every_day(bundled: Dataset, day: dt.date) -> None:
    for state in bundled.states:
        pos = position(bundled.treaty, state, day)
        assert pos.as_of == day
        assert (pos.since is None) or pos.since <= day


@pytest.mark.parametrize("treaty", sorted(TREATIES))
@pytest.mark.parametrize(
    "args",
    [
        ["status", "Lithuania"],
        ["status", "Lithuania", "--json"],
        ["list", "--as-of", "2026-02-03"],
        ["pending", "--as-of", "2024-12-01"],
        ["timeline", "Lithuania"],
        ["parties", "--from", "2024-01-01"],
        ["sources", "Lithuania"],
        ["calc", "withdraw", "--received", "2026-08-31"],
        ["calc", "join", "--deposited", "2026-11-23"],
        ["export", "--format", "csv"],
        ["export", "--format", "ics"],
    ],
    ids=" ".join,
)
def test_every_command_names_its_treaty_and_no_other(treaty: str, args: list[str]) -> None:
    code, out, err = run(*args, "--treaty", treaty)
    if args[0] == "calc" and not _HEADERS[treaty]["entry_into_force"].get("treaty_in_force"):
        assert code == 2 and "is not in force" in err, err
        return
    if args[:2] == ["calc", "withdraw"] and _no_withdrawal_clause(treaty):
        assert code == 2 and "has no withdrawal clause" in err, err
        return
    assert code == 0, err
    own = OWN_WORDS[treaty]
    # A protocol's title holds its parent's ("... to the Convention on the Rights of ...").
    others = [
        w
        for t, words in OWN_WORDS.items()
        if t not in (treaty, PARENT.get(treaty))
        for w in words
        if not any(w in mine for mine in own)
    ]
    assert [w for w in others if w in out + err] == []
    if args[0] in ("status", "list", "pending", "timeline", "parties", "calc", "sources"):
        assert treaty in out or any(w in out for w in OWN_WORDS[treaty][:1]), out[:200]


@pytest.mark.parametrize("treaty", sorted(TREATIES))
def test_every_json_state_object_names_its_treaty(treaty: str) -> None:
    _, out, _ = run("list", "--json", "--treaty", treaty)
    got = json.loads(out)
    assert got["treaty"] == treaty
    assert {s["treaty"] for s in got["states"]} == {treaty}


def test_no_two_treaties_calendars_share_an_event() -> None:
    uids = {}
    for treaty in TREATIES:
        _, out, _ = run("export", "--format", "ics", "--treaty", treaty, "--as-of", "2024-06-01")
        uids[treaty] = {line for line in out.splitlines() if line.startswith("UID:")}
    # Treaties with no dated duty have an empty calendar; those with duties must not clash.
    assert uids["apmbc"] and uids["ccm"]
    for a in uids:
        for b in uids:
            assert a == b or not uids[a] & uids[b], (a, b)


def test_the_csv_columns_are_each_treatys_duties() -> None:
    _, out, _ = run("export", "--format", "csv", "--treaty", "ccm", "--as-of", "2024-06-01")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert "remnant_clearance_due" in rows[0] and "mine_clearance_due" not in rows[0]
    parties = [r for r in rows if r["status"] == "party"]
    assert parties and all(r["remnant_clearance_due"] for r in parties)


def _no_withdrawal_clause(treaty: str) -> bool:
    data = yaml.safe_load(TREATIES[treaty].read_text(encoding="utf-8"))
    return bool(data["treaty"]["withdrawal"].get("clause") == "none")


def test_an_unknown_treaty_is_a_usage_error_listing_the_ids() -> None:
    code, _, err = run("status", "Finland", "--treaty", "nowhere")
    assert code == 2
    # Each with its title: "apmbc (Anti-Personnel Mine Ban Convention); att (Arms Trade Treaty)".
    assert all(f"{treaty} (" in err for treaty in TREATIES)


def test_treaties_lists_every_bundled_treaty() -> None:
    code, out, _ = run("treaties", "--json")
    assert code == 0
    rows = json.loads(out)["treaties"]
    assert [r["id"] for r in rows] == sorted(TREATIES)
    ccm = next(r for r in rows if r["id"] == "ccm")
    assert ccm["short_title"] == "Convention on Cluster Munitions"
    assert ccm["entry_into_force"] == "2010-08-01"
    assert ccm["verified"]["as_at"] == "2026-02-03"


def test_aliases_are_shared_by_every_treaty() -> None:
    for query in ("Holland", "UK", "Ivory Coast"):
        code, out, _ = run("status", query, "--treaty", "ccm", "--json")
        assert code == 0, query
        assert json.loads(out)["status"] != "not-a-party", query


def test_pending_everywhere_lists_every_treatys_withdrawals_soonest_first() -> None:
    _, out, _ = run("pending", "--treaty", "all", "--as-of", "2024-12-01", "--json")
    got = json.loads(out)
    assert [(s["name"], s["treaty"]) for s in got["states"]] == [("Lithuania", "ccm")]
    _, out, _ = run("pending", "--treaty", "all", "--as-of", "2025-09-01", "--json")
    got = [(s["name"], s["treaty"]) for s in json.loads(out)["states"]]
    assert got == [
        ("Estonia", "apmbc"),
        ("Latvia", "apmbc"),
        ("Lithuania", "apmbc"),
        ("Finland", "apmbc"),
        # Its notice of 22 Jan 2025 under its 1948 reservation: a year.
        ("United States of America", "who"),
        # Its second exit from the Paris Agreement: notice of 27 Jan 2025, a year.
        ("United States of America", "paris"),
        ("Poland", "apmbc"),
        ("Hungary", "icc"),
        # UNESCO's Art. II(6): Members through 31 Dec 2026, out from 1 Jan 2027.
        ("Nicaragua", "unesco"),
        ("United States of America", "unesco"),
    ]
