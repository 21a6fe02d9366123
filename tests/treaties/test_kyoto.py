"""The Kyoto Protocol (`kyoto`) against the outcomes the depositary published: Canada's exit a
year after its notice, and the counts of Parties before and after."""

from __future__ import annotations

import pytest

from tests.support import assert_parties, assert_status


@pytest.mark.parametrize(
    ("day", "status"), [("2012-12-14", "withdrawing"), ("2012-12-15", "withdrawn")]
)
def test_canada_left_kyoto_a_year_after_its_notice(day: str, status: str) -> None:
    assert_status("Canada", "kyoto", day, status)


@pytest.mark.parametrize(
    ("day", "parties"), [("2012-12-14", 192), ("2012-12-15", 191), ("2026-02-03", 192)]
)
def test_kyoto_had_192_parties_after_canada_once_afghanistan_joined(day: str, parties: int) -> None:
    assert_parties("kyoto", day, parties)
