"""The Convention on Cluster Munitions (`ccm`) against its real outcomes: every participant of
the UNTC page, Lithuania's withdrawal (while still bound by the Mine Ban Convention), the
published counts of States Parties, and Norway's provisional application."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ottawa_cli.law.model import Dataset
from tests.support import assert_parties, assert_status, bundled_data, run

D = dt.date


@pytest.fixture(scope="module")
def ccm() -> Dataset:
    return bundled_data("ccm")


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
def test_lithuania_left_the_ccm_on_6_march_2025(day: dt.date, status: str) -> None:
    # Ratified 24 Mar 2011 (in force 1 Sep 2011); withdrawal received 6 Sep 2024
    # (C.N.347.2024.TREATIES-XXVI-6), effective six months later.
    assert_status("Lithuania", "ccm", day, status)


def test_lithuania_was_still_bound_by_the_mine_ban_convention_when_it_left_the_ccm() -> None:
    code, out, _ = run("status", "Lithuania", "--as-of", "2025-03-06", "--json")
    assert json.loads(out)["status"] == "party"
    code, out, _ = run("status", "Lithuania", "--treaty", "all", "--as-of", "2026-01-01")
    assert code == 0
    assert "27 Dec 2025" in out and "6 Mar 2025" in out
    _, out, _ = run("status", "Lithuania", "--treaty", "all", "--json", "--as-of", "2026-01-01")
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
def test_ccm_party_counts_agree_with_the_published_figures(day: dt.date, parties: int) -> None:
    assert_parties("ccm", day, parties)


def test_provisional_application_is_not_a_notice_without_effect() -> None:
    _, out, _ = run("status", "Norway", "--treaty", "ccm", "--as-of", "2009-06-01")
    assert "Applies provisionally:  Art. 1 (Art. 18), declared 3 Dec 2008" in out
    assert "no effect" not in out
