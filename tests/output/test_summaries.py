"""`ottawa status STATE --treaty all` drawn from the summaries the bundled data's index keeps
(`output.summaries.from_index`): the text the library gives, for every participant on a spread
of days, and never read where it may not be the files' answer."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from ottawa_cli.api.index import open_index
from ottawa_cli.api.status import StatusQuery, status_everywhere
from ottawa_cli.output.render import plain
from ottawa_cli.output.summaries import (
    from_index,
    list_from_index,
    pending_from_index,
    treaties_from_index,
)
from ottawa_cli.output.views import status_everywhere_document
from ottawa_cli.store.bundled import treaty_ids
from ottawa_cli.store.index_file import file_name

TODAY = dt.date(2026, 12, 4)
# Before most treaties, a day of withdrawals (the Baltic States' from the Mine Ban Convention),
# and after the last day any record names; `tests/api/test_index.py` holds each summary to the
# rules on every day it changes.
DAYS = [dt.date(1990, 1, 1), dt.date(2025, 6, 27), dt.date(2045, 1, 1)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index and the treaties' caches, built once for this module's tests."""
    cache = tmp_path_factory.mktemp("summaries-cache")
    cache.chmod(0o700)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("OTTAWA_NO_CACHE", raising=False)
        patch.setenv("OTTAWA_CACHE_DIR", str(cache))
        patch.setenv("OTTAWA_DATA_HOME", str(cache / "no-data-home"))
        with open_index():
            pass
    return cache


@pytest.fixture
def indexed(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The index kept in this test's own cache folder, and no overlay of `ottawa update`."""
    cache = tmp_path / "cache"
    shutil.copytree(built, cache)
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(cache))
    monkeypatch.setenv("OTTAWA_DATA_HOME", str(tmp_path / "no-data-home"))
    return cache / file_name()


def _names() -> list[str]:
    with open_index() as index:
        names = {name for treaty, _ in index.treaties() for name in _members(index, treaty)}
    return sorted(names)


def _members(index: object, treaty: str) -> list[str]:
    db = index._db  # type: ignore[attr-defined]
    return [row[0] for row in db.execute("SELECT name FROM members WHERE treaty = ?", (treaty,))]


def _library(name: str, day: dt.date, today: dt.date = TODAY) -> str:
    result = status_everywhere(StatusQuery(state=name, as_of=day, today=today))
    return plain(status_everywhere_document(result))


def test_every_participant_under_every_treaty_is_drawn_as_the_library_answers(
    indexed: Path,
) -> None:
    names = _names()
    assert len(names) > 190
    for name in names:
        for day in DAYS:
            drawn = from_index(name, day, TODAY)
            assert drawn is not None, (name, day)
            assert plain(drawn) == _library(name, day), (name, day)


@pytest.mark.parametrize(
    ("query", "name"), [("FI", "Finland"), ("lithuania", "Lithuania"), ("USA", "United States")]
)
def test_a_name_code_or_alias_finds_the_participant_the_library_finds(
    indexed: Path, query: str, name: str
) -> None:
    drawn = from_index(query, None, TODAY)
    assert drawn is not None
    assert plain(drawn) == _library(query, TODAY)
    assert plain(drawn).startswith(name)


@pytest.mark.parametrize("query", ["Narnia", "Korea", ""])
def test_a_name_that_is_not_one_participants_is_left_to_the_library(
    indexed: Path, query: str
) -> None:
    # Unknown: the library suggests names; ambiguous: it says which participants it may be.
    assert from_index(query, None, TODAY) is None


def test_without_a_kept_index_one_is_built_and_kept_unless_no_cache_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTAWA_DATA_HOME", str(tmp_path / "no-data-home"))
    monkeypatch.setenv("OTTAWA_NO_CACHE", "1")
    assert from_index("Finland", None, TODAY) is None
    monkeypatch.delenv("OTTAWA_NO_CACHE")
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(tmp_path / "empty"))
    drawn = from_index("Finland", None, TODAY)
    assert drawn is not None and plain(drawn) == _library("Finland", TODAY)
    assert (tmp_path / "empty" / file_name()).is_file()


def test_an_overlay_of_ottawa_update_sends_the_question_to_the_library(
    indexed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert from_index("Finland", None, TODAY) is not None
    home = tmp_path / "home"
    (home / "updates").mkdir(parents=True)
    (home / "updates" / "apmbc.json").write_text("{}")
    monkeypatch.setenv("OTTAWA_DATA_HOME", str(home))
    assert from_index("Finland", None, TODAY) is None


def test_an_index_for_other_files_or_code_is_built_again_never_read(indexed: Path) -> None:
    import json

    db = sqlite3.connect(indexed)
    db.execute("UPDATE summaries SET summary = replace(summary, 'withdrawn', 'party')")
    # The index was made from a data file with other bytes than the one there now.
    (text,) = db.execute("SELECT value FROM meta WHERE key = 'manifest'").fetchone()
    manifest = json.loads(text)
    manifest[0][1] += 1
    manifest[0][3] = "0" * 64
    db.execute("UPDATE meta SET value = ? WHERE key = 'manifest'", (json.dumps(manifest),))
    db.commit()
    db.close()
    drawn = from_index("Lithuania", None, TODAY)
    assert drawn is not None and plain(drawn) == _library("Lithuania", TODAY)
    assert "withdrawn" in plain(drawn)


def test_a_treaty_that_could_not_be_read_sends_the_question_to_the_library(
    indexed: Path,
) -> None:
    db = sqlite3.connect(indexed)
    db.execute("UPDATE treaties SET error = 'broken' WHERE id = ?", (treaty_ids()[0],))
    db.commit()
    db.close()
    assert from_index("Finland", None, TODAY) is None


def test_a_damaged_index_is_built_again(indexed: Path) -> None:
    indexed.write_bytes(b"not a database at all")
    drawn = from_index("Finland", None, TODAY)
    assert drawn is not None and plain(drawn) == _library("Finland", TODAY)


def _pending_days(path: Path) -> list[dt.date]:
    """Every day a withdrawal starts or stops being pending under any treaty, and the day
    before."""
    db = sqlite3.connect(path)
    rows = db.execute("SELECT since, until FROM summaries WHERE pending = 1").fetchall()
    db.close()
    days = {dt.date.fromisoformat(d) for row in rows for d in row if d is not None}
    return sorted(days | {d - dt.timedelta(days=1) for d in days} | {TODAY})


def _library_pending(day: dt.date, today: dt.date) -> str:
    from ottawa_cli.api.states import PendingQuery, pending_everywhere
    from ottawa_cli.output.views import pending_everywhere_document

    result = pending_everywhere(PendingQuery(as_of=day, today=today))
    return plain(pending_everywhere_document(result))


def test_pending_under_every_treaty_is_drawn_as_the_library_answers_on_each_change(
    indexed: Path,
) -> None:
    days = _pending_days(indexed)
    assert len(days) > 20
    for day in days:
        drawn = pending_from_index(day, TODAY)
        assert drawn is not None
        assert plain(drawn) == _library_pending(day, TODAY), day
    # Asked about today, the countdown is counted from today and named so.
    drawn = pending_from_index(None, TODAY)
    assert drawn is not None and plain(drawn) == _library_pending(TODAY, TODAY)


def test_pending_is_left_to_the_library_where_the_index_may_not_answer(
    indexed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert pending_from_index(None, TODAY) is not None
    db = sqlite3.connect(indexed)
    db.execute("UPDATE treaties SET error = 'broken' WHERE id = ?", (treaty_ids()[-1],))
    db.commit()
    db.close()
    assert pending_from_index(None, TODAY) is None  # the library says why
    monkeypatch.setenv("OTTAWA_NO_CACHE", "1")
    assert pending_from_index(None, TODAY) is None


def _library_list(treaty: str, day: dt.date) -> str:
    from ottawa_cli.api.states import ListQuery, list_states
    from ottawa_cli.output.views import list_document
    from ottawa_cli.store.bundled import treaty_path

    result = list_states(treaty_path(treaty), ListQuery(as_of=day, today=TODAY))
    return plain(list_document(result))


@pytest.mark.parametrize("treaty", treaty_ids())
def test_each_treatys_list_is_drawn_as_the_library_answers_on_a_spread_of_changes(
    treaty: str, indexed: Path
) -> None:
    db = sqlite3.connect(indexed)
    starts = sorted(
        {
            dt.date.fromisoformat(row[0])
            for row in db.execute("SELECT since FROM summaries WHERE treaty = ?", (treaty,))
        }
    )
    db.close()
    # A spread: the first and last changes, and every eighth, each with the day before; the
    # day the treaty was opened for signature comes among them (before it, the list says so).
    sample = {*starts[1:3], *starts[-2:], *starts[1::8]}
    days = sorted({d for day in sample for d in (day, day - dt.timedelta(days=1))} | {TODAY})
    for day in days:
        drawn = list_from_index(treaty, day, TODAY)
        assert drawn is not None
        assert plain(drawn) == _library_list(treaty, day), day


def test_a_list_of_a_treaty_the_index_does_not_hold_is_left_to_the_library(
    indexed: Path,
) -> None:
    assert list_from_index("apmbc", None, TODAY) is not None
    assert list_from_index("no-such-treaty", None, TODAY) is None


@pytest.mark.parametrize(
    "today", [dt.date(1990, 1, 1), dt.date(2003, 3, 1), dt.date(2025, 12, 27), TODAY]
)
def test_the_treaties_are_drawn_as_the_library_answers(indexed: Path, today: dt.date) -> None:
    from ottawa_cli.api.treaties import TreatiesQuery, treaties
    from ottawa_cli.output.views import treaties_document

    drawn = treaties_from_index(today)
    assert drawn is not None
    assert plain(drawn) == plain(treaties_document(treaties(TreatiesQuery(today=today))))
