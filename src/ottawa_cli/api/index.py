"""The bundled data's index: what the questions about every bundled treaty need, in one SQLite
file, so that `ottawa treaties`, `list`, `pending --treaty all` and `status --treaty all` cost
about the same with six treaties or six hundred.

For each treaty it holds the file's header (the treaty's clauses and how current its data is,
with the one source the currency line names, never its States) and its front (`api.summary`: its
names, withdrawal article, depositary and entry into force, and how current its data is); for
each `--evidence` level, the count of Parties, of those resting on less than the depositary's
record and of pending withdrawals at every day one of them changes; which participants have a
withdrawal pending, from when until when, under any level; and each participant's summary on
every fact over each span of days it is the same (what `output.summaries` draws without the
models). Those are made by the law itself (`law.position.position` of each State on each day its
own record can change: an event's day, the day an instrument enters into force, a notice's
period expires or it takes effect), so an answer read from the index is the answer the data
files give: tests/api/test_index.py compares them for every State, every bundled treaty and
every such day, and the day before.

The index is built from the bundled files on the first question that needs it and kept in the
user's cache folder (read and checked by `store.index_file`), trusted as the cache is
(`store.cache_folder.trusted`). It is keyed by the tool's version and records, for each bundled
data file and each module whose reading it holds, its size, modification time and SHA-256: a
file whose size or time differs is hashed, and any digest that differs means the index is built
again, never believed; where every digest is the recorded one (a reinstall, a checkout: new
times, the same bytes), the new times are recorded, so that later runs compare times again
instead of hashing every file. With no usable cache folder it is built in memory for the one
run.

An installed copy carries the index built with the package (`ship`, run by setup.py's build step
into `ottawa_cli/caches/`), named by the digest of every file it was built from
(`store.index_file.shipped_name`): where the user's cache folder has no index for the files,
and the files are those, it is copied there (and its times recorded) instead of built, so that
the first `treaties`, `list`, `pending --treaty all` or `--treaty all` after an install costs a
copy, not a build (~1.5 s); with no cache folder it is read where it is. Run by hand:

    python -m ottawa_cli.api.index FOLDER
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ottawa_cli.law.evidence import EVIDENCE, of_events
from ottawa_cli.law.model import Dataset, State
from ottawa_cli.store.bundled import treaty_ids, treaty_path
from ottawa_cli.store.cache_folder import write_database
from ottawa_cli.store.index_file import (
    BundledIndex,
    Entry,
    adopted,
    digested,
    file_name,
    folder,
    matched_by_digest,
    opened,
    record,
    shipped_index,
    shipped_name,
    stat_manifest,
)

if TYPE_CHECKING:
    from ottawa_cli.law.position import Position


def open_index() -> BundledIndex:
    """The bundled data's index: the one kept in the cache folder when it still matches the data
    and the code, else the one built with the package for the same files, else one built now
    (each kept, where a cache folder can be written)."""
    manifest = stat_manifest()
    base = folder()
    if base is None:
        current = digested(manifest)
        if (shipped := shipped_index(current)) is not None:
            return BundledIndex(shipped)
        return BundledIndex(_built(sqlite3.connect(":memory:"), current))
    path = os.path.join(base, file_name())
    db = opened(path, manifest)
    if db is not None:
        return BundledIndex(db)
    if (same := matched_by_digest(path, manifest)) is not None:
        # The same bytes with new times (a reinstall, a checkout): the times are recorded, so
        # that the next runs compare times again instead of hashing every file.
        record(path, same)
        if (db := opened(path, manifest)) is not None:
            return BundledIndex(db)
    current = digested(manifest)
    if not adopted(path, current):
        _write(path, current)
    db = opened(path, manifest)
    if db is not None:
        return BundledIndex(db)
    # The folder cannot be written (or what was written cannot be believed): this run only.
    if (shipped := shipped_index(current)) is not None:
        return BundledIndex(shipped)
    return BundledIndex(_built(sqlite3.connect(":memory:"), current))


def _write(path: str, manifest: list[Entry]) -> None:
    """Built and kept as the cache is (`store.cache_folder.write_database`); a folder that
    cannot be written (or may not be trusted) only costs this run a build in memory."""
    write_database(path, lambda db: _built(db, manifest))


def ship(target_folder: str) -> str:
    """The index of the bundled files, built into `target_folder` (the package's `caches/`)
    under the name its files give it; that name."""
    current = digested(stat_manifest())
    target = os.path.join(target_folder, shipped_name(current))

    def built(db: sqlite3.Connection) -> None:
        _built(db, current)
        db.execute("VACUUM")  # shipped in the wheel: no free page kept

    if not write_database(target, built):
        raise OSError(f"cannot write {target}")
    os.chmod(target, 0o644)  # read by whoever runs the installed tool
    return target


def _built(db: sqlite3.Connection, manifest: list[Entry]) -> sqlite3.Connection:
    from ottawa_cli.errors import DataError

    db.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        # `front`: the treaty's facts its documents name (`api.summary.frame`) and how current
        # its data is (`api.summary.currency`).
        "CREATE TABLE treaties (id TEXT PRIMARY KEY, position INTEGER NOT NULL, header TEXT,"
        " front TEXT, error TEXT);"
        "CREATE TABLE changes (treaty TEXT NOT NULL, evidence TEXT NOT NULL, day TEXT NOT NULL,"
        " parties INTEGER NOT NULL, on_less INTEGER NOT NULL, pending INTEGER NOT NULL);"
        # Each participant of each treaty, and whether the treaty's file records anything of
        # it (`record` 0: it is there as the registry has it, and nothing more).
        "CREATE TABLE members (treaty TEXT NOT NULL, name TEXT NOT NULL, record INTEGER NOT NULL,"
        " PRIMARY KEY (treaty, name));"
        # A participant with nothing recorded, as every such treaty holds it; and every text it
        # answers to (`store.lookup.keys_of`).
        "CREATE TABLE bare (name TEXT PRIMARY KEY, json TEXT NOT NULL);"
        "CREATE TABLE names (key TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (key, name));"
        # From `since` until the day before `until` (NULL: still), a withdrawal of the
        # participant's is pending under at least one `--evidence` level; `seq`: its place in
        # the file.
        "CREATE TABLE withdrawing (treaty TEXT NOT NULL, name TEXT NOT NULL,"
        " seq INTEGER NOT NULL, since TEXT NOT NULL, until TEXT);"
        # From `since` until the day before `until` (NULL: still), the participant's position
        # under the treaty, on every fact, is the summary (`api.summary`).
        "CREATE TABLE summaries (treaty TEXT NOT NULL, name TEXT NOT NULL, since TEXT NOT NULL,"
        " until TEXT, summary TEXT NOT NULL, pending INTEGER NOT NULL);"
    )
    bare: dict[str, str] = {}
    for position, treaty in enumerate(treaty_ids()):
        try:
            header, front, changes, members, withdrawing, summaries = _treaty(treaty)
        except DataError as error:
            failed = (treaty, position, str(error))
            db.execute("INSERT INTO treaties VALUES (?, ?, NULL, NULL, ?)", failed)
            continue
        db.execute(
            "INSERT INTO treaties VALUES (?, ?, ?, ?, NULL)",
            (
                treaty,
                position,
                json.dumps(header, ensure_ascii=False),
                json.dumps(front, ensure_ascii=False),
            ),
        )
        db.executemany(
            "INSERT INTO summaries VALUES (?, ?, ?, ?, ?, ?)",
            ((treaty, *row) for row in summaries),
        )
        db.executemany(
            "INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?)",
            ((treaty, *row) for row in changes),
        )
        db.executemany(
            "INSERT INTO withdrawing VALUES (?, ?, ?, ?, ?)",
            ((treaty, *row) for row in withdrawing),
        )
        for state in members:
            record = _has_record(state)
            if not record:
                text = json.dumps(_plain(state), ensure_ascii=False)
                # The same participant held otherwise by another treaty: read from the files.
                record = bare.setdefault(state.name, text) != text
            db.execute("INSERT INTO members VALUES (?, ?, ?)", (treaty, state.name, record))
            db.executemany(
                "INSERT OR IGNORE INTO names VALUES (?, ?)",
                ((key, state.name) for key in _keys(state)),
            )
    db.executemany("INSERT INTO bare VALUES (?, ?)", bare.items())
    db.execute("CREATE INDEX changes_by_treaty ON changes (treaty, evidence, day)")
    db.execute("CREATE INDEX summaries_by_name ON summaries (name, since)")
    db.execute("CREATE INDEX summaries_by_treaty ON summaries (treaty, since)")
    # Few spans have a withdrawal pending: `pending --treaty all` reads only those.
    db.execute("CREATE INDEX summaries_pending ON summaries (since) WHERE pending = 1")
    db.execute("INSERT INTO meta VALUES ('manifest', ?)", (json.dumps(manifest),))
    db.commit()
    return db


def _has_record(state: State) -> bool:
    return bool(
        state.events or state.armed_conflicts or state.extensions or state.completions or state.note
    )


def _plain(state: State) -> object:
    from ottawa_cli.store.plain import to_plain

    return to_plain(state)


def _keys(state: State) -> list[str]:
    from ottawa_cli.store.lookup import keys_of

    return keys_of(state)


# A participant's name, place in the file, and the days its withdrawal is pending from and
# until (None: still).
_Span = tuple[str, int, str, str | None]


def _treaty(treaty: str) -> _Treaty:
    """A treaty's header, its figures at every change for each evidence level, its
    participants, when each has a withdrawal pending under any level, and each one's summary
    over each span of days it is the same, on every fact."""
    from ottawa_cli.api import load
    from ottawa_cli.api.summary import currency, frame
    from ottawa_cli.law.evidence import dataset_at_least
    from ottawa_cli.store.plain import to_plain

    # The bundled data as curated: an overlay of `ottawa update` is the user's, never the index's.
    every = load(treaty_path(treaty), updates=False)
    header = to_plain(every)
    assert isinstance(header, dict)
    header["states"] = []
    against = every.verified.against
    header["sources"] = {k: v for k, v in header["sources"].items() if k == against}
    changes: list[tuple[str, str, int, int, int]] = []
    # A State the level leaves whole is the same object at every level: read once.
    seen: _Seen = {}
    spans: dict[_Span, None] = {}
    for level in EVIDENCE:
        dataset = dataset_at_least(every, level)
        changes.extend((level, *row) for row in figures(dataset, seen))
        spans.update(dict.fromkeys(withdrawing_spans(dataset, seen)))
    name, as_at, others_to = currency(every)
    front: dict[str, object] = {
        "frame": frame(every.treaty),
        "currency": [name, as_at.isoformat(), _iso(others_to)],
    }
    return header, front, changes, every.states, list(spans), summary_spans(every, seen)


_Treaty = tuple[
    object,
    dict[str, object],
    list[tuple[str, str, int, int, int]],
    tuple[State, ...],
    list["_Span"],
    list["_Summary"],
]


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def withdrawing_spans(dataset: Dataset, seen: _Seen | None = None) -> list[_Span]:
    """Each State's spans of days in which a withdrawal of its is pending, as
    `(name, place in the file, first ISO day, ISO day it ends or None)`."""
    seen = {} if seen is None else seen
    spans: list[_Span] = []
    for seq, state in enumerate(dataset.states):
        since: dt.date | None = None
        for day, now in _changes_of(dataset, state, seen):
            if now[2] and since is None:
                since = day
            elif not now[2] and since is not None:
                spans.append((state.name, seq, since.isoformat(), day.isoformat()))
                since = None
        if since is not None:
            spans.append((state.name, seq, since.isoformat(), None))
    return spans


# Whether a State is bound, bound on less than the depositary's record, withdrawing.
_Figures = tuple[bool, bool, bool]
# Each State object's positions on the days they can change, worked out once for the levels
# that share it.
_Seen = dict[int, list[tuple[dt.date, "Position"]]]
# A participant's name, the first ISO day of a span, the ISO day it ends (None: still), its
# summary over the span as JSON, and whether a withdrawal of its is pending (1) or not (0).
_Summary = tuple[str, str, str | None, str, int]


def figures(dataset: Dataset, seen: _Seen | None = None) -> Iterator[tuple[str, int, int, int]]:
    """The treaty's figures (Parties, Parties resting on less than the depositary's record,
    pending withdrawals) from each day one of them changes, as `(ISO day, ...)`."""
    seen = {} if seen is None else seen
    deltas: dict[dt.date, list[int]] = {}
    for state in dataset.states:
        before: _Figures = (False, False, False)
        for day, now in _changes_of(dataset, state, seen):
            delta = deltas.setdefault(day, [0, 0, 0])
            for k in range(3):
                delta[k] += int(now[k]) - int(before[k])
            before = now
    totals = [0, 0, 0]
    for day in sorted(deltas):
        previous = tuple(totals)
        for k in range(3):
            totals[k] += deltas[day][k]
        if tuple(totals) != previous:
            yield (day.isoformat(), totals[0], totals[1], totals[2])


def _changes_of(dataset: Dataset, state: State, seen: _Seen) -> list[tuple[dt.date, _Figures]]:
    """The State's figures from each day they change."""
    out: list[tuple[dt.date, _Figures]] = []
    before: _Figures = (False, False, False)
    for day, pos in _positions_of(dataset, state, seen):
        now = (
            pos.bound,
            pos.bound and of_events(pos.depends_on, dataset.sources) != "depositary",
            pos.status in ("withdrawing", "withdrawal-suspended"),
        )
        if now != before:
            out.append((day, now))
            before = now
    return out


def _positions_of(dataset: Dataset, state: State, seen: _Seen) -> list[tuple[dt.date, Position]]:
    """`_positions`, worked out once for a State object that several levels share."""
    if id(state) not in seen:
        seen[id(state)] = _positions(dataset, state)
    return seen[id(state)]


def _positions(dataset: Dataset, state: State) -> list[tuple[dt.date, Position]]:
    """The State's position on each day it can change, from the first day of the calendar. The
    days asked are its events' days, and the days the law draws from them (entry into force, a
    period's expiry, a withdrawal's effect), until no new day appears."""
    from ottawa_cli.law.position import position

    days: set[dt.date] = {dt.date.min}
    for event in state.events:
        days.add(event.date)
        if event.later_date is not None:
            days.add(event.later_date)
    for conflict in state.armed_conflicts:
        days.update(d for d in (conflict.start, conflict.end) if d is not None)
    own = dataset.treaty.entry_into_force.treaty_in_force
    if own is not None and state.events:
        days.add(own.date)
    at: dict[dt.date, Position] = {}
    while days - at.keys():
        for day in sorted(days - at.keys()):
            pos = at[day] = position(dataset.treaty, state, day)
            found = [pos.since, pos.entry_into_force]
            if pos.outcome is not None:
                found += [pos.outcome.takes_effect, pos.outcome.period_expires]
            days.update(d for d in found if d is not None and d > day)
    return sorted(at.items())


def summary_spans(dataset: Dataset, seen: _Seen | None = None) -> list[_Summary]:
    """Each participant's summary (`api.summary`) over each span of days it is the same, as
    `(name, first ISO day, ISO day it ends or None, summary as JSON, 1 if pending else 0)`."""
    from ottawa_cli.api.summary import summary

    seen = {} if seen is None else seen
    spans: list[_Summary] = []
    for state in dataset.states:
        last: tuple[str, str, int] | None = None
        for day, pos in _positions_of(dataset, state, seen):
            text = json.dumps(summary(pos, dataset.treaty, dataset.sources), ensure_ascii=False)
            if last is not None and text == last[1]:
                continue
            if last is not None:
                spans.append((state.name, last[0], day.isoformat(), last[1], last[2]))
            last = (
                day.isoformat(),
                text,
                int(pos.status in ("withdrawing", "withdrawal-suspended")),
            )
        if last is not None:
            spans.append((state.name, last[0], None, last[1], last[2]))
    return spans


if __name__ == "__main__":
    import sys

    print(f"index written to {ship(sys.argv[1])}")
