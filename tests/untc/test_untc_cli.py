"""`ottawa untc diff` and `ottawa untc import` end to end: the bundled treaties against their
saved pages, a changed page, a starting file that round-trips, hostile pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import FIXTURES, ROOT, TREATIES, run

UNTC = FIXTURES / "untc"
# Each bundled treaty's saved page is `<id>.html` (the Mine Ban Convention's, `ottawa.html`).
PAGES = {"apmbc": UNTC / "ottawa.html"}
PAGES |= {t: UNTC / f"{t}.html" for t in TREATIES if (UNTC / f"{t}.html").is_file()}


@pytest.mark.parametrize("treaty", sorted(TREATIES))
def test_every_bundled_treaty_diffs_clean_against_its_page(treaty: str) -> None:
    if treaty not in PAGES:
        pytest.skip(f"{treaty}: no saved UNTC page (its record was read from other copies)")
    code, out, err = run("untc", "diff", str(PAGES[treaty]), "--treaty", treaty, "--strict")
    assert (code, err) == (0, "")
    assert out == "1 file checked: no findings\n"


def test_the_changed_page_is_what_its_script_writes() -> None:
    sys.path.insert(0, str(UNTC))
    try:
        import make_changed  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(UNTC))
    expected = make_changed.changed((UNTC / "ottawa.html").read_bytes())
    assert (UNTC / "ottawa-changed.html").read_bytes() == expected


def test_a_page_with_a_state_added_and_a_date_changed_names_both() -> None:
    page = str(UNTC / "ottawa-changed.html")
    code, out, _ = run("untc", "diff", page)
    assert code == 1
    assert "China: instrument: the page has accession deposited 20 Jan 2026" in out
    assert "Japan: instrument: the page has acceptance deposited 1 Oct 1998" in out
    code, out, _ = run("untc", "diff", page, "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["code"], f["message"].split(":")[0]) for f in findings] == [
        ("OTT306", "China"),
        ("OTT306", "Japan"),
    ]
    code, out, _ = run("untc", "diff", page, "--format", "github")
    assert out.startswith("::error file=")


def test_a_page_of_another_treaty_is_one_finding() -> None:
    code, out, _ = run("untc", "diff", str(UNTC / "ccm.html"), "--treaty", "apmbc")
    assert code == 1
    assert "OTT301" in out and out.count("OTT") == 1


def test_an_imported_page_round_trips_once_its_gaps_are_filled(tmp_path: Path) -> None:
    (tmp_path / "treaties").mkdir()
    target = tmp_path / "treaties" / "imported.yaml"
    code, _, err = run(
        "untc", "import", str(UNTC / "ottawa.html"), "--id", "imported", "-o", str(target)
    )
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    # `check` reads the file and names what the page could not give.
    code, out, _ = run("check", str(target), "--format", "json")
    assert code == 1
    missing = {f["field"] for f in json.loads(out)["findings"] if f["code"] == "OTT011"}
    assert "treaty.withdrawal" in missing and "treaty.opened_for_signature" in missing
    # A curator fills the gaps from the treaty's text (here: the bundled file's clauses).
    bundled = TREATIES["apmbc"].read_text(encoding="utf-8")
    clauses = bundled[bundled.index("treaty:\n") : bundled.index("\nverified:")]
    gap = re.compile(r"treaty:\n.*?\n\nverified:", re.S)
    filled = gap.sub(lambda _: clauses + "\n\nverified:", text, count=1)
    filled = filled.replace("id: apmbc", "id: imported", 1)
    target.write_text(filled, encoding="utf-8")
    # Its participants and dates are then the page's: no difference, and the data checks clean
    # but for what the page does not say (Montenegro's date; published entries into force).
    code, out, err = run("untc", "diff", str(UNTC / "ottawa.html"), "--data", str(target))
    assert code == 0, out + err
    code, out, _ = run("check", str(target), "--format", "json")
    errors = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert errors == []


@pytest.mark.parametrize(
    ("page", "recorded"),
    [("ccw-art1.html", "kind: acceptance"), ("crpd.html", "kind: ratification")],
)
def test_an_imported_kind_the_data_lacks_is_written_as_the_kind_it_is_recorded_as(
    tmp_path: Path, page: str, recorded: str
) -> None:
    (tmp_path / "treaties").mkdir()
    target = tmp_path / "treaties" / "imported.yaml"
    code, _, err = run("untc", "import", str(UNTC / page), "--id", "imported", "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "consent to be bound," not in text and "kind: formal confirmation" not in text
    marked = [line for line in text.splitlines() if "The page marks it" in line]
    assert marked and all(recorded in line for line in marked)
    # `check` reads every event's kind: what it reports is what the page does not give.
    code, out, _ = run("check", str(target), "--format", "json")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"OTT011"}


def test_import_refuses_an_id_that_is_not_one() -> None:
    code, _, err = run("untc", "import", str(UNTC / "ottawa.html"), "--id", "Bad Id")
    assert code == 2
    assert "lowercase letters, digits and hyphens" in err


@pytest.mark.parametrize(
    ("content", "code", "fragment"),
    [
        (None, 2, "cannot read the status page"),
        (b"", 1, "x.html"),
        (b"<html><body><p>no table here</p></body></html>", 1, "x.html"),
        (b"\xff\xfe\x00<\x00h\x00", 1, "x.html"),
        (b"<div>" * 100_000, 1, "nested"),
        (b"<script><table><tr><td>Fake</td></tr></table></script>", 1, "x.html"),
    ],
    ids=["missing", "empty", "no-table", "utf-16-garbage", "deep", "script-table"],
)
def test_a_hostile_page_is_a_clear_error_and_no_traceback(
    tmp_path: Path, content: bytes | None, code: int, fragment: str
) -> None:
    page = tmp_path / "x.html"
    if content is not None:
        page.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", "untc", "diff", str(page)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("Error: ")


@pytest.mark.parametrize("treaty", sorted(PAGES))
def test_the_count_on_the_page_s_day_is_its_parties_but_for_deposits_not_yet_in_force(
    treaty: str,
) -> None:
    # The depositary prints "Parties: N" counting every instrument deposited; the tool counts
    # the States bound on the day. They differ by the instruments not yet in force on 3 Feb
    # 2026, named here (the CTBT: none is in force, the Treaty itself not being in force).
    import datetime as dt

    from ottawa_cli.api.states import ListQuery, list_states
    from ottawa_cli.store.bundled import treaty_path
    from ottawa_cli.untc.page import read_status_page

    page = read_status_page(PAGES[treaty])
    listing = list_states(treaty_path(treaty), ListQuery(as_of=dt.date(2026, 2, 3)))
    waiting = [p.state.name for p in listing.positions if p.status == "pending-entry-into-force"]
    assert page.parties == listing.parties + len(waiting)
    expected = {
        "ccm": ["Vanuatu"],  # acceded 5 Sep 2025, in force 1 Mar 2026 (Art. 17(2))
        "ced": ["Estonia"],
        "iccpr": ["Oman"],
    }
    if treaty == "ctbt":
        assert listing.parties == 0 and len(waiting) == page.parties
    else:
        assert waiting == expected.get(treaty, [])
