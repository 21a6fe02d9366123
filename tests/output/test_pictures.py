"""`ottawa map` and `ottawa chart`: SVG that says what `ottawa list` and `ottawa parties` say,
the same bytes every time, and data shown as text, never as markup."""

from __future__ import annotations

import collections
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from ottawa_cli.law.position import STATUSES
from ottawa_cli.output.svg import CATEGORIES
from tests.support import DATA, ROOT

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"
DOCS_MAP = ROOT / "docs" / "map-apmbc-2026-12-04.svg"


def _ottawa(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def _svg(*args: str, env: dict[str, str] | None = None) -> etree._Element:
    """The picture a command draws, parsed: a parse error fails the test."""
    return etree.fromstring(_ottawa(*args, env=env).encode("ascii"))


def _listed(*args: str) -> list[dict[str, Any]]:
    states: list[dict[str, Any]] = json.loads(_ottawa("list", "--json", *args))["states"]
    return states


def _legend_key(state: dict[str, Any]) -> str:
    """The legend a State is counted under: its status, a signatory's notice apart."""
    return "non-intention" if state["non_intention"] else str(state["status"])


# The map ---------------------------------------------------------------------------------------

_DAYS = [
    ("apmbc", "2026-12-04"),
    ("apmbc", "2025-09-01"),  # five withdrawals pending
    ("icc", "2026-12-04"),  # signatories, three that said they will not become parties
    ("paris", "2026-01-01"),  # the European Union, which has no place on the map
]


@pytest.mark.parametrize(("treaty", "day"), _DAYS)
def test_every_state_is_on_the_map_once_with_the_status_list_gives(treaty: str, day: str) -> None:
    svg = _svg("map", "--treaty", treaty, "--as-of", day)
    drawn = collections.Counter(
        (e.get("data-iso3") or e.get("data-iso2"), e.get("data-status"))
        for e in svg.iter()
        if e.get("data-status") is not None
    )
    listed = collections.Counter(
        (s["iso3"] or s["iso2"], s["status"]) for s in _listed("--treaty", treaty, "--as-of", day)
    )
    assert drawn == listed
    assert max(drawn.values()) == 1


@pytest.mark.parametrize(("treaty", "day"), _DAYS)
def test_the_legend_counts_each_status_as_list_does(treaty: str, day: str) -> None:
    svg = _svg("map", "--treaty", treaty, "--as-of", day)
    legend = {
        e.get("data-key"): int(e.get("data-count"))
        for e in svg.iter(f"{SVG}g")
        if e.get("data-key")
    }
    listed = collections.Counter(
        _legend_key(s) for s in _listed("--treaty", treaty, "--as-of", day)
    )
    assert legend == {key: listed.get(key, 0) for key, _, _ in CATEGORIES}


def test_the_legend_has_a_colour_of_its_own_for_every_status() -> None:
    keys = [key for key, _, _ in CATEGORIES]
    assert set(keys) == {*STATUSES, "non-intention"}
    assert len({fill.lower() for _, _, fill in CATEGORIES}) == len(CATEGORIES)


def test_each_state_says_its_name_and_status_in_its_tooltip() -> None:
    svg = _svg("map", "--as-of", "2026-12-04")
    finland = next(e for e in svg.iter() if e.get("data-iso3") == "FIN")
    assert finland.findtext(f"{SVG}title") == "Finland: withdrawn since 10 Jan 2026"
    # Andorra is too small to see: a dot, named as a shape is.
    andorra = next(e for e in svg.iter() if e.get("data-iso3") == "AND")
    assert andorra.tag == f"{SVG}circle"
    assert andorra.findtext(f"{SVG}title", "").startswith("Andorra: party")


def test_the_map_names_the_treaty_the_day_how_current_the_data_is_and_natural_earth() -> None:
    svg = _svg("map", "--as-of", "2026-12-04")
    assert svg.findtext(f"{SVG}title") == (
        "Anti-Personnel Mine Ban Convention (apmbc): every State's status on 4 Dec 2026"
    )
    text = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "Anti-Personnel Mine Ban Convention (apmbc) on 4 Dec 2026" in text
    assert "Data verified against UNTC as at 3 Feb 2026" in text
    assert "every status shown rests on the depositary's record" in text
    assert "Made with Natural Earth" in text


def test_a_status_resting_on_less_than_the_depositary_is_outlined_and_explained() -> None:
    svg = _svg("map", "--treaty", "icc", "--as-of", "2026-12-04")
    hungary = next(e for e in svg.iter() if e.get("data-iso3") == "HUN")
    assert hungary.get("data-evidence") == "reported"
    assert hungary.get("stroke-dasharray") is not None
    assert "rests on reported sources" in hungary.findtext(f"{SVG}title", "")
    text = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "reported (press, NGOs, trackers)" in text


def test_evidence_depositary_draws_what_list_does_with_it() -> None:
    svg = _svg("map", "--treaty", "icc", "--as-of", "2026-12-04", "--evidence", "depositary")
    hungary = next(e for e in svg.iter() if e.get("data-iso3") == "HUN")
    listed = {
        s["iso3"]: s
        for s in _listed("--treaty", "icc", "--as-of", "2026-12-04", "--evidence", "depositary")
    }
    assert hungary.get("data-status") == listed["HUN"]["status"]
    text = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "Counted with --evidence depositary" in text


def test_the_same_map_twice_is_the_same_bytes() -> None:
    args = ("map", "--treaty", "icc", "--as-of", "2026-12-04")
    assert _ottawa(*args) == _ottawa(*args)


def test_the_map_in_the_docs_is_what_the_tool_draws() -> None:
    drawn = _ottawa("map", "--treaty", "apmbc", "--as-of", "2026-12-04")
    if os.environ.get("OTTAWA_UPDATE_GOLDEN") and drawn != DOCS_MAP.read_text(encoding="ascii"):
        DOCS_MAP.write_text(drawn, encoding="ascii", newline="")
    assert DOCS_MAP.read_text(encoding="ascii") == drawn


def test_the_shapes_and_their_licence_ship_inside_the_package() -> None:
    import fnmatch
    import tomllib

    from ottawa_cli.store.bundled import WORLD

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["ottawa_cli"]
    package = ROOT / "src" / "ottawa_cli"
    for path in (Path(WORLD), Path(WORLD).with_name("LICENSE-world-atlas")):
        shipped = path.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(shipped, p) for p in patterns), shipped


# Data is never markup --------------------------------------------------------------------------

_HOSTILE = '<script>alert(1)</script>\u202eecnarF & "Co"'
_HOSTILE_STATES = """\
states:
  - name: "<script>alert(1)</script>\\u202eecnarF & \\"Co\\""
    iso2: CI
    iso3: CIV
    events:
      - {kind: accession, date: 2000-01-10, source: fixture}
      - {kind: withdrawal, date: 2025-01-10, source: fixture}
  - name: "Testland"
    iso2: FI
    iso3: FIN
    events:
      - {kind: accession, date: 2000-01-10, source: fixture}
"""


@pytest.mark.parametrize(
    "args", [["map", "--as-of", "2026-01-01"], ["chart", "--to", "2026-01-01"]], ids=" ".join
)
def test_a_hostile_name_in_the_data_shows_as_text(
    args: list[str], write_data: Callable[[str], Path]
) -> None:
    path = write_data(_HOSTILE_STATES)
    raw = _ottawa(*args, "--data", str(path), env={"OTTAWA_TODAY": "2025-06-01"})
    svg = etree.fromstring(raw.encode("ascii"))
    assert not [e for e in svg.iter() if etree.QName(e).localname == "script"]
    assert "\u202e" not in raw and "<script>" not in raw
    shown = "".join(svg.itertext())
    assert '<script>alert(1)</script>\\u202eecnarF & "Co"' in shown


def test_a_state_without_a_shape_is_named_below_the_map() -> None:
    svg = _svg("map", "--treaty", "paris", "--as-of", "2026-01-01")
    union = next(e for e in svg.iter() if e.get("data-iso2") == "EU")
    assert union.get("data-status") == "party"
    assert "European Union (party)" in "".join(union.itertext())


# Writing a file --------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["map", "chart"])
def test_output_writes_the_picture_whole_and_refuses_the_data_file(
    command: str, tmp_path: Path
) -> None:
    env = {"OTTAWA_TODAY": "2026-12-04"}
    target = tmp_path / "picture.svg"
    target.write_text("old", encoding="utf-8")
    result = runner.invoke(app, [command, "-o", str(target)], env=env)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="ascii") == _ottawa(command, env=env)
    assert [p.name for p in tmp_path.iterdir()] == ["picture.svg"]  # no temporary left
    copy = tmp_path / "apmbc.yaml"
    copy.write_bytes(DATA.read_bytes())
    refused = runner.invoke(app, [command, "--data", str(copy), "-o", str(copy)])
    assert refused.exit_code == 2
    assert "the data file being read" in refused.stderr
    assert copy.read_bytes() == DATA.read_bytes()


# The chart -------------------------------------------------------------------------------------


def _marks(svg: etree._Element) -> list[tuple[str, str, str, int]]:
    return [
        (g.get("data-mark"), g.get("data-state"), g.get("data-date"), int(g.get("data-parties")))
        for g in svg.iter(f"{SVG}g")
        if g.get("data-mark")
    ]


def test_each_withdrawal_that_took_effect_is_marked_at_its_day_with_the_count_after_it() -> None:
    env = {"OTTAWA_TODAY": "2026-12-04"}
    svg = _svg("chart", "--from", "2025-01-01", env=env)
    parties = json.loads(_ottawa("parties", "--from", "2025-01-01", "--json", env=env))
    after = {c["date"]: c["parties"] for c in parties["changes"]}
    assert _marks(svg) == [
        ("took-effect", "Estonia", "2025-12-27", after["2025-12-27"]),
        ("took-effect", "Latvia", "2025-12-27", after["2025-12-27"]),
        ("took-effect", "Lithuania", "2025-12-27", after["2025-12-27"]),
        ("took-effect", "Finland", "2026-01-10", after["2026-01-10"]),
        ("took-effect", "Poland", "2026-02-20", after["2026-02-20"]),
    ]


def test_each_pending_withdrawal_is_marked_on_the_day_it_takes_effect_and_listed() -> None:
    svg = _svg("chart", "--from", "2025-01-01", env={"OTTAWA_TODAY": "2025-09-01"})
    assert [(kind, state, day) for kind, state, day, _ in _marks(svg)] == [
        ("pending", "Estonia", "2025-12-27"),
        ("pending", "Latvia", "2025-12-27"),
        ("pending", "Lithuania", "2025-12-27"),
        ("pending", "Finland", "2026-01-10"),
        ("pending", "Poland", "2026-02-20"),
    ]
    text = "".join(svg.itertext())
    assert "4. 10 Jan 2026, Finland: withdrawal pending, takes effect then" in text


def test_a_pending_withdrawal_after_the_last_day_drawn_is_listed_as_outside() -> None:
    svg = _svg("chart", "--to", "2025-10-01", env={"OTTAWA_TODAY": "2025-09-01"})
    assert "Poland: withdrawal pending, takes effect then (outside the days drawn)" in "".join(
        svg.itertext()
    )


def test_the_chart_counts_from_zero() -> None:
    svg = _svg("chart", "--from", "2025-01-01", env={"OTTAWA_TODAY": "2026-12-04"})
    ticks = [
        int(t.text)
        for t in svg.iter(f"{SVG}text")
        if t.get("text-anchor") == "end" and (t.text or "").isdigit()
    ]
    assert ticks[0] == 0
    assert ticks[-1] >= 165  # the most States Parties there were


def test_the_same_chart_twice_is_the_same_bytes() -> None:
    env = {"OTTAWA_TODAY": "2026-12-04"}
    assert _ottawa("chart", "--treaty", "icc", env=env) == _ottawa(
        "chart", "--treaty", "icc", env=env
    )


def test_the_chart_says_how_current_the_data_is() -> None:
    svg = _svg("chart", env={"OTTAWA_TODAY": "2026-12-04"})
    assert "Data verified against UNTC as at 3 Feb 2026" in "".join(svg.itertext())


@pytest.mark.parametrize("window", [["--to", "1998-01-01"], ["--from", "2040-01-01"]], ids=" ".join)
def test_a_window_with_no_change_is_a_flat_chart_within_its_frame(window: list[str]) -> None:
    svg = _svg("chart", *window, env={"OTTAWA_TODAY": "2026-12-04"})
    assert "No withdrawal took effect in these days" in "".join(svg.itertext())
    line = next(p for p in svg.iter(f"{SVG}path") if p.get("stroke") == "#0072B2")
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", line.get("d", ""))]
    assert all(0 <= n <= 1000 for n in numbers)


def test_a_treaty_not_in_force_is_charted_from_its_opening_for_signature() -> None:
    svg = _svg("chart", "--treaty", "ctbt", env={"OTTAWA_TODAY": "2026-12-04"})
    assert "from 24 Sep 1996" in "".join(svg.itertext())
