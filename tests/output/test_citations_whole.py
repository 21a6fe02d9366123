"""Issue 21, item 7: a depositary reference, a source title or an address is never cut; in a pipe
nothing is cut; in a terminal text wraps (folds) at the terminal's width."""

from __future__ import annotations

import io
import re

import pytest
from typer.testing import CliRunner

from ottawa_cli.api.history import TimelineQuery, timeline
from ottawa_cli.api.treaties import TreatiesQuery, treaties
from ottawa_cli.cli.app import app
from ottawa_cli.output import render, views

runner = CliRunner()
TODAY = {"OTTAWA_TODAY": "2026-12-04"}
REFERENCE = "C.N.421.2025.TREATIES-XXVI-5"
# Poland's milestone of 25 Jun 2025 cites a source whose title is longer than any column.
LONG_TITLE = "Oświadczenie rządowe z dnia 5 września 2025 r. o utracie mocy obowiązującej"


def _rich(document: views.Document, width: int) -> str:
    stream = io.StringIO()
    render.write_rich(document, stream, width=width)
    return stream.getvalue()


def _poland() -> views.Document:
    import datetime as dt

    query = TimelineQuery(states=("Poland",), start=dt.date(2025, 1, 1), today=dt.date(2026, 12, 4))
    return views.document(timeline(None, query))


def test_a_pipe_shows_every_source_title_and_reference_whole() -> None:
    result = runner.invoke(app, ["timeline", "Poland", "--from", "2025-01-01"], env=TODAY)
    assert "…" not in result.stdout
    assert REFERENCE in result.stdout
    assert LONG_TITLE in result.stdout
    result = runner.invoke(app, ["treaties"], env=TODAY)
    assert "…" not in result.stdout and "Secretary-General of the United Nations" in result.stdout


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 160])
def test_a_terminal_folds_at_its_width_and_cuts_nothing(width: int) -> None:
    out = _rich(_poland(), width)
    assert "…" not in out
    assert all(len(line) <= width for line in out.splitlines())
    # Folded across lines, the reference's characters still all appear, in order.
    assert re.search(".*?".join(map(re.escape, REFERENCE)), out, re.S)
    assert re.search(".*?".join(map(re.escape, LONG_TITLE.replace(" ", ""))), out, re.S)


@pytest.mark.parametrize("width", [60, 100, 140])
def test_the_treaties_table_never_cuts_the_depositary(width: int) -> None:
    import datetime as dt

    out = _rich(views.document(treaties(TreatiesQuery(today=dt.date(2026, 12, 4)))), width)
    assert "…" not in out
    assert all(len(line) <= width for line in out.splitlines())


def test_a_wide_terminal_shows_the_reference_on_one_line() -> None:
    assert REFERENCE in _rich(_poland(), 160)


def test_a_terminal_wide_enough_for_the_treaties_table_splits_no_word_and_squeezes_no_column() -> (
    None
):
    import datetime as dt

    # At 120 columns rich squeezed the Verified column to two letters a line ("Ve", "3 ").
    out = _rich(views.document(treaties(TreatiesQuery(today=dt.date(2026, 12, 4)))), 120)
    assert "Secretary-General" in out and "Verified" in out
