"""The first Optional Protocol to the ICCPR (`iccpr-op1`): denunciations and re-accessions
(Trinidad and Tobago's, Guyana's on the same day) and Jamaica's exit, under Art. 12(1)."""

from __future__ import annotations

import pytest

from tests.support import assert_status

TT = "Trinidad and Tobago"


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("1998-05-25", "party"),
        # Denounced and re-acceded on 26 May 1998: bound by the first accession until the
        # denunciation took effect on 26 Aug 1998, by the second from that day.
        ("1998-05-26", "withdrawing"),
        ("1998-08-25", "withdrawing"),
        ("1998-08-26", "party"),
        # Denounced again on 27 Mar 2000 (Art. 12(1): three months).
        ("2000-06-26", "withdrawing"),
        ("2000-06-27", "withdrawn"),
    ],
)
def test_trinidad_and_tobago_denounced_re_acceded_and_denounced_again(
    day: str, status: str
) -> None:
    assert_status(TT, "iccpr-op1", day, status)


@pytest.mark.parametrize(
    ("day", "status"),
    [("1999-01-04", "party"), ("1999-01-05", "withdrawing"), ("1999-04-05", "party")],
)
def test_guyana_was_a_party_throughout_its_denunciation_and_re_accession(
    day: str, status: str
) -> None:
    assert_status("Guyana", "iccpr-op1", day, status)


@pytest.mark.parametrize(
    ("day", "status"), [("1998-01-22", "withdrawing"), ("1998-01-23", "withdrawn")]
)
def test_jamaica_left_the_first_optional_protocol(day: str, status: str) -> None:
    assert_status("Jamaica", "iccpr-op1", day, status)
