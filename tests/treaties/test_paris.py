"""The Paris Agreement (`paris`) against the outcomes the depositary and the secretariat
published: the United States' two exits with a return between, and the published counts."""

from __future__ import annotations

import pytest

from tests.support import assert_parties, assert_status

US = "United States of America"


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2016-11-03", "pending-entry-into-force"),
        ("2016-11-04", "party"),
        # Notice on 4 Nov 2019, the first day Art. 28(1) allows (three years after 4 Nov 2016).
        ("2019-11-04", "withdrawing"),
        ("2020-11-03", "withdrawing"),
        ("2020-11-04", "withdrawn"),
        # Accepted again on 20 Jan 2021: in force on the 30th day (Art. 21(3)).
        ("2021-02-18", "pending-entry-into-force"),
        ("2021-02-19", "party"),
        ("2026-01-26", "withdrawing"),
        ("2026-01-27", "withdrawn"),
    ],
)
def test_the_united_states_left_the_paris_agreement_twice(day: str, status: str) -> None:
    assert_status(US, "paris", day, status)


@pytest.mark.parametrize(("day", "parties"), [("2026-01-26", 195), ("2026-01-27", 194)])
def test_the_paris_agreement_had_195_parties_before_the_united_states_left(
    day: str, parties: int
) -> None:
    assert_parties("paris", day, parties)
