"""`ottawa status` drawn from the sheets built with the package (`output.ahead`): the text the
library gives, for every State of every bundled treaty on every day a sheet begins and the day
before, and never read where it may not be the files' answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottawa_cli.api import load
from ottawa_cli.api.history import TimelineQuery, timeline
from ottawa_cli.api.status import StatusQuery, answer, status
from ottawa_cli.output import ahead
from ottawa_cli.output.render import plain
from ottawa_cli.output.views import status_document, timeline_document
from ottawa_cli.store.bundled import treaty_ids, treaty_path

TODAY = dt.date(2026, 12, 4)
ONE_DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every bundled treaty's sheets, as the build writes them."""
    folder = tmp_path_factory.mktemp("ahead")
    assert len(ahead.build(str(folder))) == len(treaty_ids())
    return folder


@pytest.fixture
def sheets(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(ahead, "SHIPPED", str(shipped))
    monkeypatch.setenv("OTTAWA_DATA_HOME", str(shipped / "no-data-home"))  # no overlay
    return shipped


def _library(dataset: object, name: str, day: dt.date, today: dt.date) -> str:
    query = StatusQuery(state=name, as_of=day, today=today)
    return plain(status_document(status(dataset, query)))  # type: ignore[arg-type]


def _starts(folder: Path, treaty: str, table: str = "sheets") -> dict[str, list[dt.date]]:
    db = sqlite3.connect(folder / ahead.answers_name(treaty_path(treaty)))
    starts: dict[str, list[dt.date]] = {}
    for name, day in db.execute(f"SELECT name, day FROM {table} ORDER BY day"):
        starts.setdefault(name, []).append(dt.date.fromisoformat(day))
    db.close()
    return starts


@pytest.mark.parametrize("treaty", treaty_ids())
def test_the_sheets_draw_the_librarys_text_for_every_state_on_each_event_day_and_the_day_before(
    treaty: str, sheets: Path
) -> None:
    dataset = load(treaty_path(treaty))
    starts = _starts(sheets, treaty)
    assert set(starts) == {s.name for s in dataset.states}
    for state in dataset.states:
        alone = dataclasses.replace(dataset, states=(state,))
        # Each event's day and the day before; of the other spans' first days (a period's end,
        # a yearly duty's due date), every third, and the day before.
        events = {e.date for e in state.events}
        others = [start for start in starts[state.name] if start not in events]
        days = {TODAY, *events, *(d - ONE_DAY for d in events), *others[::3]}
        days.update(d - ONE_DAY for d in others[::3])
        for day in sorted(d for d in days if ahead.FIRST <= d < ahead.HORIZON):
            # Counted from today, and, on an event's day, on the day asked as today ("today").
            for today in {TODAY, day} if day in events else {TODAY}:
                drawn = ahead.document(state.name, treaty, day, today)
                assert drawn is not None, (state.name, day)
                assert plain(drawn) == _library(alone, state.name, day, today), (state.name, day)


def _library_timeline(dataset: object, name: str, today: dt.date) -> str:
    result = timeline(dataset, TimelineQuery(states=(name,), today=today))  # type: ignore[arg-type]
    return plain(timeline_document(result))


@pytest.mark.parametrize("treaty", treaty_ids())
def test_the_timelines_draw_the_librarys_text_for_every_state_on_each_change_and_the_day_before(
    treaty: str, sheets: Path
) -> None:
    dataset = load(treaty_path(treaty))
    starts = _starts(sheets, treaty, "timelines")
    assert set(starts) == {s.name for s in dataset.states}
    for state in dataset.states:
        alone = dataclasses.replace(dataset, states=(state,))
        # Each event's day and the day before; of the other spans' first days (an entry's day
        # or the day after it), every third, and the day before.
        events = {e.date for e in state.events}
        others = [start for start in starts[state.name] if start not in events]
        days = {TODAY, *events, *(d - ONE_DAY for d in events), *others[::3]}
        days.update(d - ONE_DAY for d in others[::3])
        for day in sorted(d for d in days if ahead.FIRST <= d < ahead.HORIZON):
            drawn = ahead.timeline_document(state.name, treaty, day)
            assert drawn is not None, (state.name, day)
            assert plain(drawn) == _library_timeline(alone, state.name, day), (state.name, day)


@settings(max_examples=60, deadline=None)
@given(
    treaty=st.sampled_from(treaty_ids()),
    pick=st.integers(min_value=0, max_value=10_000),
    today=st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2040, 12, 31)),
)
def test_on_any_day_the_timelines_draw_what_the_library_answers_from_the_files(
    shipped: Path, treaty: str, pick: int, today: dt.date
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ahead, "SHIPPED", str(shipped))
        patch.setenv("OTTAWA_DATA_HOME", str(shipped / "no-data-home"))
        dataset = load(treaty_path(treaty))
        name = dataset.states[pick % len(dataset.states)].name
        drawn = ahead.timeline_document(name, treaty, today)
        assert drawn is not None
        # The library's own path: the State found by name in the treaty's file.
        assert plain(drawn) == _library_timeline(treaty_path(treaty), name, today)


def test_a_timeline_the_sheets_cannot_answer_is_left_to_the_library(sheets: Path) -> None:
    assert ahead.timeline_document("FI", None, TODAY) is not None
    assert ahead.timeline_document("Narnia", None, TODAY) is None
    assert ahead.timeline_document("Finland", "no-such-treaty", TODAY) is None
    assert ahead.timeline_document("Finland", None, ahead.HORIZON) is None


@settings(max_examples=60, deadline=None)
@given(
    treaty=st.sampled_from(treaty_ids()),
    pick=st.integers(min_value=0, max_value=10_000),
    day=st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2040, 12, 31)),
)
def test_on_any_day_the_sheets_draw_what_the_library_answers_from_the_files(
    shipped: Path, treaty: str, pick: int, day: dt.date
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ahead, "SHIPPED", str(shipped))
        patch.setenv("OTTAWA_DATA_HOME", str(shipped / "no-data-home"))
        dataset = load(treaty_path(treaty))
        name = dataset.states[pick % len(dataset.states)].name
        drawn = ahead.document(name, treaty, day, TODAY)
        # The library's own path: the State found by name in the treaty's file, as the command.
        expected = answer(StatusQuery(state=name, as_of=day, today=TODAY), treaty=treaty)
        assert drawn is not None
        assert plain(drawn) == plain(status_document(expected))  # type: ignore[arg-type]


def test_a_name_code_or_alias_finds_the_state_the_library_finds(sheets: Path) -> None:
    for query, name in (("FI", "Finland"), ("fin", "Finland"), ("Türkiye", "Türkiye")):
        drawn = ahead.document(query, None, TODAY, TODAY)
        assert drawn is not None and plain(drawn).startswith(f"{name} — "), query


@pytest.mark.parametrize(
    ("query", "treaty", "day"),
    [
        ("Narnia", None, TODAY),  # no such State: the library suggests names
        ("Finland", "no-such-treaty", TODAY),  # the library lists the treaties
        ("Finland", None, ahead.HORIZON),  # past the days the sheets were made for
        ("Finland", None, dt.date(1, 1, 1)),
    ],
)
def test_what_the_sheets_cannot_answer_is_left_to_the_library(
    sheets: Path, query: str, treaty: str | None, day: dt.date
) -> None:
    assert ahead.document(query, treaty, day, TODAY) is None


def test_an_overlay_of_ottawa_update_sends_status_to_the_library(
    sheets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ahead.document("Finland", None, TODAY, TODAY) is not None
    monkeypatch.setenv("OTTAWA_DATA_HOME", str(tmp_path))
    (tmp_path / "updates").mkdir()
    (tmp_path / "updates" / "apmbc.json").write_text("{}")
    assert ahead.document("Finland", None, TODAY, TODAY) is None
    monkeypatch.setenv("OTTAWA_NO_UPDATES", "1")  # --no-updates: the bundled data alone
    assert ahead.document("Finland", None, TODAY, TODAY) is not None


def test_sheets_for_other_bytes_are_never_read(sheets: Path, tmp_path: Path) -> None:
    # A treaty's file or the registry changed: the sheets' file has another name.
    original = ahead.answers_name(treaty_path("apmbc"))
    copy = tmp_path / "treaties"
    copy.mkdir()
    shutil.copy(treaty_path("apmbc"), copy / "apmbc.yaml")
    registry = Path(treaty_path("apmbc")).parent.parent / "states.yaml"
    shutil.copy(registry, tmp_path / "states.yaml")
    assert ahead.answers_name(str(copy / "apmbc.yaml")) == original
    with open(tmp_path / "states.yaml", "a") as handle:
        handle.write("\n")
    assert ahead.answers_name(str(copy / "apmbc.yaml")) != original


def test_a_protocols_sheets_are_not_read_once_its_parents_file_differs(
    sheets: Path, tmp_path: Path
) -> None:
    protocols = [t for t in treaty_ids() if json.loads(_meta(sheets, t))]
    assert protocols  # Kyoto's withdrawals follow the UNFCCC's
    treaty = protocols[0]
    name = load(treaty_path(treaty)).states[0].name
    assert ahead.document(name, treaty, TODAY, TODAY) is not None
    path = sheets / ahead.answers_name(treaty_path(treaty))
    kept = path.read_bytes()
    try:
        db = sqlite3.connect(path)
        forged = [[entry[0], "0" * 64] for entry in json.loads(_meta(sheets, treaty))]
        db.execute("UPDATE meta SET value = ? WHERE key = 'rests_on'", (json.dumps(forged),))
        db.commit()
        db.close()
        assert ahead.document(name, treaty, TODAY, TODAY) is None
    finally:
        path.write_bytes(kept)


def test_a_damaged_sheets_file_is_left_for_the_library(sheets: Path) -> None:
    path = sheets / ahead.answers_name(treaty_path("ccm"))
    kept = path.read_bytes()
    try:
        path.write_bytes(b"not a database")
        assert ahead.document("Lithuania", "ccm", TODAY, TODAY) is None
    finally:
        path.write_bytes(kept)


def _meta(folder: Path, treaty: str) -> str:
    db = sqlite3.connect(folder / ahead.answers_name(treaty_path(treaty)))
    (value,) = db.execute("SELECT value FROM meta WHERE key = 'rests_on'").fetchone()
    db.close()
    return str(value)
