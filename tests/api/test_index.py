"""The bundled data's index (`api.index`) answers what the data files answer: every State of
every bundled treaty on each day its record can change and the day before, each treaty's counts
on a spread of days, and generated histories; and it is rebuilt, never believed, when it no
longer matches the data or the code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottawa_cli.api import index as api_index
from ottawa_cli.api import load
from ottawa_cli.api.index import figures, open_index, ship, summary_spans, withdrawing_spans
from ottawa_cli.api.summary import summary
from ottawa_cli.law.evidence import EVIDENCE, dataset_at_least, of_events
from ottawa_cli.law.model import Dataset, Event, State
from ottawa_cli.law.position import position
from ottawa_cli.store import cache_folder, index_file
from ottawa_cli.store.bundled import treaty_ids, treaty_path
from tests.law.test_history import minimal  # noqa: F401 - the fixture

D = dt.date
ONE_DAY = dt.timedelta(days=1)


def _figures(dataset: Dataset, day: dt.date) -> tuple[int, int, int]:
    """Parties, Parties on less than the depositary's record, pending: from the rules."""
    parties = on_less = pending = 0
    for state in dataset.states:
        pos = position(dataset.treaty, state, day)
        parties += pos.bound
        on_less += pos.bound and of_events(pos.depends_on, dataset.sources) != "depositary"
        pending += pos.status in ("withdrawing", "withdrawal-suspended")
    return parties, on_less, pending


def _series(dataset: Dataset) -> list[tuple[dt.date, tuple[int, int, int]]]:
    return [(D.fromisoformat(day), (p, o, w)) for day, p, o, w in figures(dataset)]


def _on(series: list[tuple[dt.date, tuple[int, int, int]]], day: dt.date) -> tuple[int, int, int]:
    found = (0, 0, 0)
    for changed, counts in series:
        if changed > day:
            break
        found = counts
    return found


@pytest.mark.parametrize("treaty", treaty_ids())
def test_every_state_counts_in_the_index_as_its_position_says_on_each_event_day_and_the_day_before(
    treaty: str,
) -> None:
    dataset = load(treaty_path(treaty))
    for state in dataset.states:
        alone = dataclasses.replace(dataset, states=(state,))
        series = _series(alone)
        days = {e.date for e in state.events} | {e.date - ONE_DAY for e in state.events}
        days |= {day for day, _ in series} | {day - ONE_DAY for day, _ in series}
        for day in sorted(days):
            assert _on(series, day) == _figures(alone, day), (state.name, day)


def _summary_on(
    spans: list[tuple[str, str, str | None, str, int]], name: str, day: dt.date
) -> object:
    """The summary the spans give the participant on `day` (None: none)."""
    found = [
        json.loads(summary)
        for held, since, until, summary, pending in spans
        if held == name
        and D.fromisoformat(since) <= day
        and (until is None or day < D.fromisoformat(until))
        # The column `pending --treaty all` reads by says what the summary says.
        and pending == json.loads(summary)["pending"]
    ]
    assert len(found) <= 1, (name, day)
    return found[0] if found else None


@pytest.mark.parametrize("treaty", treaty_ids())
def test_each_participants_summary_in_the_index_is_its_position_on_each_change_and_the_day_before(
    treaty: str,
) -> None:
    dataset = load(treaty_path(treaty))
    spans = summary_spans(dataset)
    for state in dataset.states:
        days = {e.date for e in state.events} | {e.date - ONE_DAY for e in state.events}
        days |= {D.fromisoformat(span[1]) for span in spans if span[0] == state.name}
        days |= {d - ONE_DAY for d in days if d > D.min} | {D.min, D(2026, 12, 4), D(2040, 1, 1)}
        for day in sorted(days):
            expected = summary(
                position(dataset.treaty, state, day), dataset.treaty, dataset.sources
            )
            assert _summary_on(spans, state.name, day) == expected, (state.name, day)


def test_the_index_readers_level_of_every_fact_is_the_laws() -> None:
    assert EVIDENCE[-1] == index_file.EVERY_FACT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index, built once for this module's tests (each copies it into its own cache)."""
    with pytest.MonkeyPatch.context() as patch:
        cache = tmp_path_factory.mktemp("index-cache")
        cache.chmod(0o700)
        patch.setenv("OTTAWA_CACHE_DIR", str(cache))
        with open_index():
            pass
        (path,) = cache.glob("bundled-*.sqlite")
        return path


@pytest.fixture
def kept(built: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The built index, where this test's run keeps it (with a cache, whatever the run's
    `--cache-mode`: what is asked is how a kept index is trusted)."""
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    folder = Path(os.environ["OTTAWA_CACHE_DIR"])
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # With the treaties' own caches: a rebuild costs the counts, not validating every file.
    for kept in built.parent.iterdir():
        shutil.copyfile(kept, folder / kept.name)
        (folder / kept.name).chmod(0o600)
    return folder / built.name


@pytest.mark.parametrize("treaty", treaty_ids())
def test_the_index_gives_each_treatys_counts_as_the_data_files_do(treaty: str, kept: Path) -> None:
    every = load(treaty_path(treaty))
    with open_index() as index:
        for level in ("depositary", EVIDENCE[-1]):
            dataset = dataset_at_least(every, level)
            changed = [day for day, _ in _series(dataset)]
            # A spread: the first and last changes, and every fifth, each with the day before.
            sample = sorted({*changed[:2], *changed[-2:], *changed[::5]})
            days = sorted({d for day in sample for d in (day, day - ONE_DAY)} | {D(2026, 12, 4)})
            for day in days:
                counts = index.counts(treaty, level, day)
                expected = _figures(dataset, day)
                assert (counts.parties, counts.parties_on_less, counts.pending) == expected, (
                    level,
                    day,
                )


@pytest.mark.parametrize("treaty", treaty_ids())
def test_the_index_names_each_treatys_withdrawing_participants_as_the_data_files_do(
    treaty: str, kept: Path
) -> None:
    every = load(treaty_path(treaty))
    levels = [dataset_at_least(every, level) for level in EVIDENCE]
    days = {D(2026, 12, 4)}
    for dataset in levels:
        for day, _ in _series(dataset):
            days |= {day, day - ONE_DAY}
    with open_index() as index:
        for day in sorted(days):
            expected = {
                state.name
                for dataset in levels
                for state in dataset.states
                if position(dataset.treaty, state, day).status
                in ("withdrawing", "withdrawal-suspended")
            }
            assert set(index.withdrawing(treaty, day)) == expected, day


@pytest.mark.parametrize("evidence", EVIDENCE)
@pytest.mark.parametrize("day", [D(2016, 11, 1), D(2019, 3, 17), D(2025, 12, 1), D(2026, 12, 4)])
def test_pending_under_every_treaty_from_the_index_is_what_every_file_answers(
    day: dt.date, evidence: str, kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ottawa_cli.api.states import PendingQuery, pending_everywhere
    from ottawa_cli.output.contract import pending_everywhere_json

    asked = PendingQuery(as_of=day, today=D(2026, 12, 4), evidence=evidence)  # type: ignore[arg-type]
    from_index = pending_everywhere_json(pending_everywhere(asked))
    # Every treaty's file read whole, as with an overlay of `ottawa update`.
    monkeypatch.setattr(index_file, "answers_everything", lambda: False)
    assert from_index == pending_everywhere_json(pending_everywhere(asked))


KINDS = ["accession", "ratification", "withdrawal", "withdrawal-revocation", "signature"]
_history = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(min_value=0, max_value=15 * 365)),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_history, min_size=1, max_size=4))
def test_the_index_counts_names_and_summarises_any_generated_histories_as_the_rules_do(
    minimal: Dataset,  # noqa: F811 - the fixture
    histories: list[list[tuple[str, int]]],
) -> None:
    start = D(1999, 3, 1)
    states = []
    for n, raw in enumerate(histories):
        events = sorted(((k, start + dt.timedelta(days=d)) for k, d in raw), key=lambda e: e[1])
        states.append(
            State(
                name=f"Testland {n}",
                iso2=f"T{n}",
                iso3=f"TL{n}",
                events=tuple(
                    Event(kind=kind, date=day, source="fixture")  # type: ignore[arg-type]
                    for kind, day in events
                ),
            )
        )
    dataset = dataclasses.replace(minimal, states=tuple(states))
    series = _series(dataset)
    days = {start + dt.timedelta(days=d) for raw in histories for _, d in raw}
    days |= {d - ONE_DAY for d in days} | {day for day, _ in series}
    days |= {start + dt.timedelta(days=n) for n in range(0, 17 * 365, 97)}
    for day in sorted(days):
        assert _on(series, day) == _figures(dataset, day), day
    spans = withdrawing_spans(dataset)
    for day in sorted(days):
        expected = {
            s.name
            for s in dataset.states
            if position(dataset.treaty, s, day).status in ("withdrawing", "withdrawal-suspended")
        }
        named = {
            name
            for name, _, since, until in spans
            if D.fromisoformat(since) <= day and (until is None or day < D.fromisoformat(until))
        }
        assert named == expected, day
    summaries = summary_spans(dataset)
    for day in sorted(days):
        for s in dataset.states:
            expected_summary = summary(
                position(dataset.treaty, s, day), dataset.treaty, dataset.sources
            )
            assert _summary_on(summaries, s.name, day) == expected_summary, (s.name, day)


def test_the_index_is_kept_in_the_cache_folder_private_and_read_again(
    built: Path, kept: Path
) -> None:
    assert built.stat().st_mode & 0o077 == 0
    assert built.parent.stat().st_mode & 0o077 == 0
    before = kept.stat().st_mtime_ns
    with open_index() as index:
        assert [t for t, _ in index.treaties()] == treaty_ids()
    assert kept.stat().st_mtime_ns == before  # read, not built again


def test_an_index_that_no_longer_matches_a_file_is_built_again(kept: Path) -> None:
    path = kept
    db = sqlite3.connect(path)
    db.execute("UPDATE changes SET parties = parties + 1000")
    # The manifest says each file had other bytes: the index is for other data.
    rows = index_file.stat_manifest()
    forged = [[name, size + 1, mtime, "0" * 64] for name, size, mtime, _ in rows]
    db.execute("UPDATE meta SET value = ? WHERE key = 'manifest'", (json.dumps(forged),))
    db.commit()
    db.close()
    with open_index() as index:
        assert index.counts("apmbc", EVIDENCE[-1], D(2026, 12, 4)).parties < 1000


def test_a_file_copied_with_a_new_time_but_the_same_bytes_keeps_the_index(kept: Path) -> None:
    path = kept
    db = sqlite3.connect(path)
    db.execute("UPDATE changes SET parties = parties + 1000 WHERE treaty = 'apmbc'")
    rows = index_file.digested(index_file.stat_manifest())
    touched = [[name, size, mtime + 1, digest] for name, size, mtime, digest in rows]
    db.execute("UPDATE meta SET value = ? WHERE key = 'manifest'", (json.dumps(touched),))
    db.commit()
    db.close()
    with open_index() as index:
        # Still the kept index (the marked counts show it was believed, as it should be).
        assert index.counts("apmbc", EVIDENCE[-1], D(2026, 12, 4)).parties > 1000
    # The new times are recorded: the next run compares them, hashing no file.
    db = sqlite3.connect(path)
    (recorded,) = db.execute("SELECT value FROM meta WHERE key = 'manifest'").fetchone()
    db.close()
    assert json.loads(recorded) == [list(row) for row in rows]


def test_a_kept_index_whose_times_match_is_read_without_hashing_a_file(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def hashed(name: str) -> str:
        raise AssertionError(f"{name} hashed")

    monkeypatch.setattr(index_file, "digest", hashed)
    with open_index() as index:
        assert [t for t, _ in index.treaties()] == treaty_ids()


def test_a_damaged_index_is_built_again(kept: Path) -> None:
    path = kept
    path.write_bytes(b"not a database at all")
    with open_index() as index:
        assert [t for t, _ in index.treaties()] == treaty_ids()


def test_an_index_in_a_folder_others_may_write_is_never_believed(kept: Path) -> None:
    path = kept
    db = sqlite3.connect(path)
    db.execute("UPDATE changes SET parties = parties + 1000")
    db.commit()
    db.close()
    folder = path.parent
    folder.chmod(0o777)
    try:
        with open_index() as index:
            assert index.counts("apmbc", EVIDENCE[-1], D(2026, 12, 4)).parties < 1000
    finally:
        folder.chmod(0o700)


def _by_files(query: object) -> list[object]:
    """`status --treaty all` as each treaty's file answers it, without the index."""
    from ottawa_cli.api.status import StatusQuery, status
    from ottawa_cli.output.contract import status_json
    from ottawa_cli.store.lookup import UnknownState

    assert isinstance(query, StatusQuery)
    out: list[object] = []
    for treaty in treaty_ids():
        try:
            out.append(status_json(status(treaty_path(treaty), query)))
        except UnknownState:
            out.append(("absent", treaty))
    return out


# A spread of participants: every ninth of the registry, the European Union (a participant of
# some treaties only), names that several States answer to, and names of none.
_EVERY_NINTH = [s.name for s in load(treaty_path("unfccc")).states][::9]


@pytest.mark.parametrize(
    "query",
    [*_EVERY_NINTH, "European Union", "EU", "Congo", "Korea", "Kosovo", "Atlantis", "fi"],
)
def test_status_under_every_treaty_from_the_index_is_what_each_file_answers(
    query: str, kept: Path
) -> None:
    from ottawa_cli.api.status import StatusQuery, status_everywhere
    from ottawa_cli.output.contract import status_json
    from ottawa_cli.store.lookup import UnknownState

    asked = StatusQuery(state=query, as_of=D(2026, 12, 4), today=D(2026, 12, 4))
    expected = _by_files(asked)
    try:
        result = status_everywhere(asked)
    except UnknownState:
        assert all(isinstance(e, tuple) for e in expected)
        return
    got: list[object] = [status_json(r) for r in result.results]
    got += [("absent", t) for t in result.absent]
    key = lambda e: e[1] if isinstance(e, tuple) else e["treaty"]  # noqa: E731
    assert sorted(got, key=key) == sorted(expected, key=key)


def test_with_no_cache_the_index_is_built_for_the_run_and_nothing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTAWA_NO_CACHE", "1")
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(tmp_path / "cache"))
    with open_index() as index:
        assert index.counts("apmbc", EVIDENCE[-1], D(2026, 12, 4)).parties > 0
    assert not (tmp_path / "cache").exists()


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index as setup.py's build step writes it into the package's `caches/`."""
    folder = tmp_path_factory.mktemp("package-caches")
    folder.chmod(0o755)
    return Path(ship(str(folder)))


@pytest.fixture
def installed(shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy installed with that index and an empty cache folder (as after an install), where
    building an index is a failure."""

    def no_build(*_: object) -> object:
        raise AssertionError("the index was built")

    monkeypatch.setattr(cache_folder, "SHIPPED", str(shipped.parent))
    monkeypatch.setattr(api_index, "_built", no_build)
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _answers(index: index_file.BundledIndex) -> list[object]:
    day = D(2026, 12, 4)
    return [
        index.treaties(),
        index.pending(day),
        [index.counts(t, level, day) for t in treaty_ids() for level in EVIDENCE],
        index.everywhere("Finland", day),
    ]


def test_the_index_built_with_the_package_is_named_by_its_files_and_read_by_anyone(
    shipped: Path,
) -> None:
    current = index_file.digested(index_file.stat_manifest())
    assert shipped.name == index_file.shipped_name(current)
    assert shipped.stat().st_mode & 0o777 == 0o644


def test_the_first_question_after_an_install_copies_the_index_built_with_the_package(
    installed: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_index() as index:
        copied = _answers(index)
    (kept,) = installed.glob("bundled-*.sqlite")
    assert kept.stat().st_mode & 0o077 == 0  # the user's cache, private as the cache is
    with index_file.BundledIndex(sqlite3.connect(built)) as index:
        assert copied == _answers(index)

    # This copy's times are recorded: the next run compares them, hashing no file.
    def hashed(name: str) -> str:
        raise AssertionError(f"{name} hashed")

    monkeypatch.setattr(index_file, "digest", hashed)
    with open_index() as index:
        assert [t for t, _ in index.treaties()] == treaty_ids()


def test_an_index_built_with_the_package_from_other_files_is_never_used(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = index_file.digest
    # The Mine Ban Convention's file changed after the build: its digest is another.
    monkeypatch.setattr(
        index_file, "digest", lambda name: "0" * 64 if name.endswith("apmbc.yaml") else real(name)
    )
    with pytest.raises(AssertionError, match="the index was built"):
        open_index()


def test_with_no_cache_the_index_built_with_the_package_is_read_where_it_is(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTAWA_NO_CACHE", "1")
    with open_index() as index:
        assert index.counts("apmbc", EVIDENCE[-1], D(2026, 12, 4)).parties > 0
    assert not installed.exists()


def test_the_first_answer_without_the_library_copies_the_index_built_with_the_package(
    installed: Path,
) -> None:
    """`list`, `treaties` and `--treaty all` read the index with the standard library only
    (`store.index_file.kept`): after an install they copy it there too, never building it."""
    kept = index_file.kept(index_file.stat_manifest())
    assert kept is not None
    with kept as index:
        assert [t for t, _ in index.treaties()] == treaty_ids()
    assert len(list(installed.glob("bundled-*.sqlite"))) == 1
