"""Every bundled treaty: its data checks clean, its published dates agree with its own rules,
every command answers for it in its own words; then the Convention on Cluster Munitions' real
outcomes (Lithuania's withdrawal, published party counts)."""

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
from ottawa_cli.cli.app import app
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.rules import count_parties, entry_into_force, position, withdrawal_takes_effect
from tests.support import TREATIES

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


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("treaty", sorted(TREATIES))
def test_each_bundled_treaty_checks_without_errors(treaty: str) -> None:
    findings = check_file(TREATIES[treaty], D(2026, 12, 2))
    assert [f for f in findings if f.severity == "error"] == []
    code, _, _ = _run("check", "--treaty", treaty)
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
    from ottawa_cli.law.rules import threshold_instrument

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
    code, out, err = _run(*args, "--treaty", treaty)
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
    _, out, _ = _run("list", "--json", "--treaty", treaty)
    got = json.loads(out)
    assert got["treaty"] == treaty
    assert {s["treaty"] for s in got["states"]} == {treaty}


def test_no_two_treaties_calendars_share_an_event() -> None:
    uids = {}
    for treaty in TREATIES:
        _, out, _ = _run("export", "--format", "ics", "--treaty", treaty, "--as-of", "2024-06-01")
        uids[treaty] = {line for line in out.splitlines() if line.startswith("UID:")}
    # Treaties with no dated duty have an empty calendar; those with duties must not clash.
    assert uids["apmbc"] and uids["ccm"]
    for a in uids:
        for b in uids:
            assert a == b or not uids[a] & uids[b], (a, b)


def test_the_csv_columns_are_each_treatys_duties() -> None:
    _, out, _ = _run("export", "--format", "csv", "--treaty", "ccm", "--as-of", "2024-06-01")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert "remnant_clearance_due" in rows[0] and "mine_clearance_due" not in rows[0]
    parties = [r for r in rows if r["status"] == "party"]
    assert parties and all(r["remnant_clearance_due"] for r in parties)


def _no_withdrawal_clause(treaty: str) -> bool:
    data = yaml.safe_load(TREATIES[treaty].read_text(encoding="utf-8"))
    return bool(data["treaty"]["withdrawal"].get("clause") == "none")


def test_an_unknown_treaty_is_a_usage_error_listing_the_ids() -> None:
    code, _, err = _run("status", "Finland", "--treaty", "nowhere")
    assert code == 2
    # Each with its title: "apmbc (Anti-Personnel Mine Ban Convention); att (Arms Trade Treaty)".
    assert all(f"{treaty} (" in err for treaty in TREATIES)


def test_treaties_lists_every_bundled_treaty() -> None:
    code, out, _ = _run("treaties", "--json")
    assert code == 0
    rows = json.loads(out)["treaties"]
    assert [r["id"] for r in rows] == sorted(TREATIES)
    ccm = next(r for r in rows if r["id"] == "ccm")
    assert ccm["short_title"] == "Convention on Cluster Munitions"
    assert ccm["entry_into_force"] == "2010-08-01"
    assert ccm["verified"]["as_at"] == "2026-02-03"


# The Convention on Cluster Munitions ---------------------------------------------------------


@pytest.fixture(scope="module")
def ccm() -> Dataset:
    from ottawa_cli.store.load import load

    dataset = load(TREATIES["ccm"]).dataset
    assert dataset is not None
    return dataset


def _status(dataset: Dataset, name: str, day: dt.date) -> str:
    state = next(s for s in dataset.states if s.name == name)
    return position(dataset.treaty, state, day).status


def test_the_ccm_holds_every_participant_of_the_untc_page(ccm: Dataset) -> None:
    participants = [s for s in ccm.states if s.events]
    assert len(participants) == 125
    assert sum(1 for s in participants if any(e.kind == "signature" for e in s.events)) == 108


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (D(2011, 8, 31), "pending-entry-into-force"),
        (D(2011, 9, 1), "party"),
        (D(2024, 9, 5), "party"),
        (D(2024, 9, 6), "withdrawing"),
        (D(2025, 3, 5), "withdrawing"),
        (D(2025, 3, 6), "withdrawn"),
    ],
)
def test_lithuania_left_the_ccm_on_6_march_2025(ccm: Dataset, day: dt.date, status: str) -> None:
    # Ratified 24 Mar 2011 (in force 1 Sep 2011); withdrawal received 6 Sep 2024
    # (C.N.347.2024.TREATIES-XXVI-6), effective six months later.
    assert _status(ccm, "Lithuania", day) == status


def test_lithuania_was_still_bound_by_the_mine_ban_convention_when_it_left_the_ccm() -> None:
    code, out, _ = _run("status", "Lithuania", "--as-of", "2025-03-06", "--json")
    assert json.loads(out)["status"] == "party"
    code, out, _ = _run("status", "Lithuania", "--treaty", "all", "--as-of", "2026-01-01")
    assert code == 0
    assert "27 Dec 2025" in out and "6 Mar 2025" in out
    _, out, _ = _run("status", "Lithuania", "--treaty", "all", "--json", "--as-of", "2026-01-01")
    got = {s["treaty"]: s for s in json.loads(out)}
    assert got["apmbc"]["withdrawal"]["effective"] == "2025-12-27"
    assert got["ccm"]["withdrawal"]["effective"] == "2025-03-06"


@pytest.mark.parametrize(
    ("day", "parties"),
    [
        # Cluster Munition Monitor / CMC figures; the UNTC's "Parties: 112" as at 3 Feb 2026
        # counts Vanuatu's accession of 5 Sep 2025, in force for it only from 1 Mar 2026.
        (D(2014, 3, 20), 84),
        (D(2022, 8, 1), 110),
        (D(2026, 2, 3), 111),
        (D(2026, 3, 1), 112),
    ],
)
def test_ccm_party_counts_agree_with_the_published_figures(
    ccm: Dataset, day: dt.date, parties: int
) -> None:
    assert count_parties(ccm.treaty, ccm.states, day) == parties


def test_aliases_are_shared_by_every_treaty() -> None:
    for query in ("Holland", "UK", "Ivory Coast"):
        code, out, _ = _run("status", query, "--treaty", "ccm", "--json")
        assert code == 0, query
        assert json.loads(out)["status"] != "not-a-party", query


def test_pending_everywhere_lists_every_treatys_withdrawals_soonest_first() -> None:
    _, out, _ = _run("pending", "--treaty", "all", "--as-of", "2024-12-01", "--json")
    got = json.loads(out)
    assert [(s["name"], s["treaty"]) for s in got["states"]] == [("Lithuania", "ccm")]
    _, out, _ = _run("pending", "--treaty", "all", "--as-of", "2025-09-01", "--json")
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


def test_provisional_application_is_not_a_notice_without_effect() -> None:
    _, out, _ = _run("status", "Norway", "--treaty", "ccm", "--as-of", "2009-06-01")
    assert "Applies provisionally:  Art. 1 (Art. 18), declared 3 Dec 2008" in out
    assert "no effect" not in out


def test_montenegro_is_bound_by_the_cwc_from_its_independence_as_the_opcw_states() -> None:
    # OPCW release PR86/2006: succession deposited 23 Oct 2006, "The Convention will enter into
    # force for Montenegro as of 3 June 2006, the date of the nation's independence."
    from ottawa_cli.store.load import load

    cwc = load(TREATIES["cwc"]).dataset
    assert cwc is not None
    montenegro = next(s for s in cwc.states if s.name == "Montenegro")
    pos = position(cwc.treaty, montenegro, D(2006, 11, 1))
    assert (pos.status, pos.entry_into_force) == ("party", D(2006, 6, 3))
    assert cwc.sources["opcw-2006-montenegro"].evidence == "official"
