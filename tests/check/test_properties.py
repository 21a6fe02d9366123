"""Whatever `ottawa check` passes, every command reads; whatever the loader refuses, `check`
reports. Treaty headers are generated with values in and out of range (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ottawa_cli.check.dataset import check_file
from ottawa_cli.cli.app import app

runner = CliRunner()
TODAY = dt.date(2026, 11, 23)

_days = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
_small = st.integers(-3, 40)
_month_day = st.sampled_from(["04-30", "02-28", "02-29", "02-30", "12-31", "13-01", "00-10"]) | (
    st.text(max_size=8)
)


@st.composite
def _treaty(draw: st.DrawFn) -> dict[str, Any]:
    opened = draw(_days)
    threshold = draw(_days)
    duties: list[dict[str, Any]] = [
        {
            "id": "one-off",
            "article": "Art. 3",
            "title": "a duty",
            "after_entry_into_force": {"years": draw(_small), "days": draw(_small)},
        }
    ]
    if draw(st.booleans()):
        duties.append(
            {
                "id": "yearly",
                "article": "Art. 4",
                "title": "a report",
                "annually_on": draw(_month_day),
            }
        )
    return {
        "id": "generated",
        "title": "A generated treaty",
        "short_title": "Generated",
        "depositary": "Nobody",
        "opened_for_signature": {"date": opened, "source": "s"},
        "entry_into_force": {
            "article": "Art. 9",
            "treaty_in_force": {"date": draw(_days), "source": "s"},
            "threshold_deposit": {"date": threshold, "source": "s"},
            "instruments_required": draw(st.integers(-2, 3)),
            "months_after_deposit": draw(_small),
        },
        "withdrawal": _withdrawal(draw),
        "duties": duties,
    }


_long = st.integers(-1, 9000)


def _withdrawal(draw: st.DrawFn) -> dict[str, Any]:
    """A withdrawal clause, with a minimum membership and notice windows of any length, the
    calendar's end included (issue 22: such clauses once hung or crashed `check`)."""
    clause: dict[str, Any] = {
        "article": "Art. 12",
        "period": {"years": draw(_small), "months": draw(_small), "days": draw(_small)},
        "armed_conflict_clause": draw(st.booleans()),
    }
    if draw(st.booleans()):
        clause["notice_not_before"] = {"years": draw(_long), "days": draw(_small)}
    if draw(st.booleans()):
        clause["window_every"] = {"years": draw(_long), "days": draw(_small)}
        clause["window_open"] = {"days": draw(st.integers(-1, 400))}
    return clause


def _yaml(value: Any) -> str:
    """JSON is YAML; dates stay unquoted so YAML reads them as dates."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return json.dumps(value)


def _file(tmp: Path, treaty: dict[str, Any], deposits: list[dt.date], received: dt.date) -> Path:
    states = [
        {
            "name": "France",
            "iso2": "FR",
            "iso3": "FRA",
            "events": [
                {"kind": "accession", "date": deposits[0], "source": "s"},
                {"kind": "withdrawal", "date": received, "source": "s"},
            ],
        },
        {
            "name": "Spain",
            "iso2": "ES",
            "iso3": "ESP",
            "events": [{"kind": "ratification", "date": deposits[1], "source": "s"}],
        },
    ]
    path = tmp / "generated.yaml"
    path.write_text(
        "format: 1\n"
        f"treaty: {_yaml(treaty)}\n"
        "verified: {against: s, as_at: 2026-02-03}\n"
        "sources: {s: {title: a source, note: generated}}\n"
        f"states: {_yaml(states)}\n",
        encoding="utf-8",
    )
    return path


_COMMANDS = [
    ["status", "France"],
    ["status", "Spain", "--json", "--as-of", "2030-01-01"],
    ["list", "--as-of", "2031-06-01"],
    ["pending", "--as-of", "2029-01-01"],
    ["timeline"],
    ["parties"],
    ["calc", "join", "--deposited", "2025-01-01"],
    ["calc", "withdraw", "--received", "2025-01-01", "--armed-conflict-until", "ongoing"],
    ["export", "--format", "ics", "--as-of", "2020-01-01"],
    ["export", "--format", "csv"],
]


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(treaty=_treaty(), deposits=st.lists(_days, min_size=2, max_size=2), received=_days)
def test_whatever_check_passes_every_command_reads_and_whatever_is_refused_check_reports(
    tmp_path_factory: Any, treaty: dict[str, Any], deposits: list[dt.date], received: dt.date
) -> None:
    path = _file(tmp_path_factory.mktemp("generated"), treaty, deposits, received)
    errors = [f for f in check_file(path, TODAY) if f.severity == "error"]
    # `check` itself answers every file it can parse with findings: exit 0 or 1, never 2.
    checked = runner.invoke(app, ["check", str(path), "--today", TODAY.isoformat()])
    assert checked.exit_code in (0, 1), checked.output
    for args in _COMMANDS:
        result = runner.invoke(app, [*args, "--data", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            repr(result.exception),
        )
        if not errors:
            # Clean data: an answer, or a usage error the treaty's own dates explain.
            assert result.exit_code in (0, 2), (args, result.stderr)
        if result.exit_code == 1:
            assert errors, (args, "the loader refused a file check passes", result.stderr)
        if result.exit_code:
            assert result.stderr.rstrip().splitlines()[-1].startswith("Error: "), result.stderr
