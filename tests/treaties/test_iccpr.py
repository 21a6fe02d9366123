"""The International Covenant on Civil and Political Rights (`iccpr`): a notice the Covenant
does not allow (the DPRK's of 1997) has no effect."""

from __future__ import annotations

from tests.support import status_json


def test_the_dprks_notice_under_the_iccpr_has_no_effect() -> None:
    got = status_json("Democratic People's Republic of Korea", "iccpr", "2026-02-03")
    assert got["status"] == "party"
    assert any("has no withdrawal clause" in r for r in got["reasons"])
