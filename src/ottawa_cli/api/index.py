"""The bundled data's index: what the questions about every bundled treaty need, in one SQLite
file, so that `ottawa treaties` and `ottawa pending --treaty all` cost about the same with six
treaties or six hundred.

For each treaty it holds the file's header (the treaty's clauses and how current its data is,
with the one source the currency line names, never its States), and, for each `--evidence`
level, the count of Parties, of those resting on less than the depositary's record and of
pending withdrawals at every day one of them changes; and which participants have a withdrawal
pending, from when until when, under any level (the States `pending --treaty all` reads). Those
are made by the law itself (`law.position.position` of each State on each day its own record can
change: an event's day, the day an instrument enters into force, a notice's period expires or it
takes effect), so an answer read from the index is the answer the data files give:
tests/api/test_index.py compares them for every State, every bundled treaty and every such day,
and the day before.

The index is built from the bundled files on the first question that needs it and kept in the
user's cache folder, trusted as the cache is (`store.cache_folder.trusted`). It is keyed by the
tool's version and records, for each bundled data file and each module whose reading it holds,
its size, modification time and SHA-256: a file whose size or time differs is hashed, and any
digest that differs means the index is built again, never believed; where every digest is the
recorded one (a reinstall, a checkout: new times, the same bytes), the new times are recorded, so
that later runs compare times again instead of hashing every file. With no usable cache
folder it is built in memory for the one run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator

from ottawa_cli import __version__
from ottawa_cli.frozen import dataclass
from ottawa_cli.law.evidence import EVIDENCE, Evidence
from ottawa_cli.law.model import Dataset, State
from ottawa_cli.store.bundled import DATA_DIR, bundled_files, treaty_ids, treaty_path

# The shape of the index's tables: a change to it is a new file name.
_LAYOUT = 3
# The modules whose reading of the data the index holds: a change to any of them (a checkout
# being edited) is a change to the index, whatever the version says.
_CODE = (
    "store/overlay.py",
    "law/clauses.py",
    "law/history.py",
    "law/position.py",
    "law/steps.py",
    "law/model.py",
    "store/plain.py",
    "store/load.py",
    "store/lookup.py",
    "law/evidence.py",
    "api/__init__.py",
    "api/index.py",
)
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass(frozen=True, slots=True)
class Counts:
    """One treaty's figures on one day, under one `--evidence` level."""

    parties: int
    # Parties whose position rests on less than the depositary's record.
    parties_on_less: int
    # Withdrawals received and not yet in effect (held ones included).
    pending: int


_NONE = Counts(0, 0, 0)


class BundledIndex:
    """The index, open: ask it per treaty; close it (or use `with`)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> BundledIndex:
        return self

    def __exit__(self, *_: object) -> None:
        self._db.close()

    def treaties(self) -> list[tuple[str, str | None]]:
        """Each bundled treaty's id, in `treaty_ids()` order, with why its data could not be
        read (None: it was)."""
        rows = self._db.execute("SELECT id, error FROM treaties ORDER BY position").fetchall()
        return [(str(r[0]), None if r[1] is None else str(r[1])) for r in rows]

    def header(self, treaty: str) -> object:
        """The treaty file's header as plain JSON values (`store.plain.to_plain`), its States left
        out and of its sources only the one `verified.against` names."""
        row = self._db.execute("SELECT header FROM treaties WHERE id = ?", (treaty,)).fetchone()
        if row is None or row[0] is None:
            raise KeyError(treaty)
        return json.loads(row[0])

    def only_name(self, key: str) -> str | None:
        """The one participant a normalized text names, in every treaty alike; None where it
        names none or several (the files then say which, or why not)."""
        rows = self._db.execute("SELECT name FROM names WHERE key = ?", (key,)).fetchall()
        return str(rows[0][0]) if len(rows) == 1 else None

    def member(self, treaty: str, name: str) -> bool | None:
        """Whether the treaty's file records anything of the participant (False: it holds it as
        the registry has it, and nothing more); None: not a participant of that treaty."""
        row = self._db.execute(
            "SELECT record FROM members WHERE treaty = ? AND name = ?", (treaty, name)
        ).fetchone()
        return None if row is None else bool(row[0])

    def bare(self, name: str) -> object:
        """A participant with nothing recorded, as plain JSON values."""
        row = self._db.execute("SELECT json FROM bare WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise KeyError(name)
        return json.loads(row[0])

    def withdrawing(self, treaty: str, day: dt.date) -> list[str]:
        """The participants with a withdrawal pending on `day` under any `--evidence` level (so
        both those a level shows and those it leaves out), in the file's order."""
        rows = self._db.execute(
            "SELECT name FROM withdrawing WHERE treaty = ? AND since <= ?"
            " AND (until IS NULL OR until > ?) GROUP BY name ORDER BY MIN(seq)",
            (treaty, day.isoformat(), day.isoformat()),
        ).fetchall()
        return [str(row[0]) for row in rows]

    def counts(self, treaty: str, evidence: Evidence, day: dt.date) -> Counts:
        """The treaty's figures on `day`: those of the last change on or before it (one row,
        found by the table's index, whatever the number of changes)."""
        row = self._db.execute(
            "SELECT parties, on_less, pending FROM changes WHERE treaty = ? AND evidence = ?"
            " AND day <= ? ORDER BY day DESC LIMIT 1",
            (treaty, evidence, day.isoformat()),
        ).fetchone()
        return _NONE if row is None else Counts(row[0], row[1], row[2])


def answers_everything() -> bool:
    """Whether the index may answer: not where an overlay of `ottawa update` may change an
    answer (the index holds the bundled data as curated); those answers are read from the
    files, with the overlay merged."""
    from ottawa_cli.store.bundled import DEFAULT_TREATY
    from ottawa_cli.store.overlay_folder import may_change

    return not may_change(treaty_path(DEFAULT_TREATY))


def open_index() -> BundledIndex:
    """The bundled data's index: the one kept in the cache folder when it still matches the data
    and the code, else one built now (and kept, where a cache folder can be written)."""
    from ottawa_cli.store.cache_folder import cache_dir

    manifest = _stat_manifest()
    base = None if os.environ.get("OTTAWA_NO_CACHE") else cache_dir()
    if base is None:
        return BundledIndex(_built(sqlite3.connect(":memory:"), _digested(manifest)))
    path = os.path.join(base, _file_name())
    db = _opened(path, manifest)
    if db is not None:
        return BundledIndex(db)
    if (current := _matched_by_digest(path, manifest)) is not None:
        # The same bytes with new times (a reinstall, a checkout): the times are recorded, so
        # that the next runs compare times again instead of hashing every file.
        _record(path, current)
        if (db := _opened(path, manifest)) is not None:
            return BundledIndex(db)
    _write(path, _digested(manifest))
    db = _opened(path, manifest)
    if db is not None:
        return BundledIndex(db)
    # The folder cannot be written (or what was written cannot be believed): this run only.
    return BundledIndex(_built(sqlite3.connect(":memory:"), _digested(manifest)))


def _file_name() -> str:
    """One name per version and installed copy: two checkouts never share an index."""
    from ottawa_cli.store.data_bytes import digest_of

    where = digest_of(f"{__version__}\0{_LAYOUT}\0{DATA_DIR}".encode())[:16]
    return f"bundled-{where}.sqlite"


# A file's name (relative to the package), size, modification time and SHA-256 (None: not yet
# hashed; only a file whose size or time differs from the recorded ones is hashed).
_Entry = tuple[str, int, int, str | None]


def _stat_manifest() -> list[_Entry]:
    files = [*bundled_files(), *(os.path.join(_PACKAGE, module) for module in _CODE)]
    entries: list[_Entry] = []
    for path in files:
        try:
            status = os.stat(path)
        except OSError:
            entries.append((os.path.relpath(path, _PACKAGE), -1, -1, None))
            continue
        entries.append((os.path.relpath(path, _PACKAGE), status.st_size, status.st_mtime_ns, None))
    return entries


def _digested(manifest: list[_Entry]) -> list[_Entry]:
    return [(name, size, mtime, _digest(name)) for name, size, mtime, _ in manifest]


def _digest(name: str) -> str:
    from ottawa_cli.store.data_bytes import digest_of

    try:
        with open(os.path.join(_PACKAGE, name), "rb") as handle:
            return digest_of(handle.read())
    except OSError:
        return ""


def _opened(path: str, manifest: list[_Entry]) -> sqlite3.Connection | None:
    """The kept index, if it may be believed and every file's size and time are the recorded
    ones; else None."""
    db = _connected(path)
    if db is None:
        return None
    try:
        if _matches(_recorded(db), manifest, hash_changed=False):
            return db
    except (sqlite3.Error, ValueError, TypeError):
        pass
    db.close()
    return None


def _matched_by_digest(path: str, manifest: list[_Entry]) -> list[_Entry] | None:
    """The manifest with each file's digest, where the kept index may be believed and each file
    whose size or time differs from the recorded ones has the recorded bytes; else None."""
    db = _connected(path)
    if db is None:
        return None
    try:
        if _matches(_recorded(db), manifest, hash_changed=True):
            return _digested(manifest)
    except (sqlite3.Error, ValueError, TypeError):
        pass
    finally:
        db.close()
    return None


def _connected(path: str) -> sqlite3.Connection | None:
    from ottawa_cli.store.cache_folder import read_only_uri, trusted

    if not trusted(path):
        return None
    try:
        return sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None


def _recorded(db: sqlite3.Connection) -> object:
    row = db.execute("SELECT value FROM meta WHERE key = 'manifest'").fetchone()
    return json.loads(row[0]) if row is not None and isinstance(row[0], str) else None


def _matches(recorded: object, manifest: list[_Entry], *, hash_changed: bool) -> bool:
    """Whether the recorded files are the files now: by size and time alone, or, with
    `hash_changed`, by digest where those differ (a copy with new times is the same file)."""
    if not isinstance(recorded, list) or len(recorded) != len(manifest):
        return False
    for kept, (name, size, mtime, _) in zip(recorded, manifest, strict=True):
        if not (isinstance(kept, list) and len(kept) == 4) or kept[0] != name:
            return False
        if (kept[1], kept[2]) != (size, mtime) and (not hash_changed or kept[3] != _digest(name)):
            return False
    return True


def _record(path: str, manifest: list[_Entry]) -> None:
    """The files' times written over the recorded ones (their digests are unchanged); a folder
    that cannot be written only costs the next run the same hashing."""
    from ottawa_cli.store.cache_folder import trusted

    if not trusted(path):
        return
    try:
        db = sqlite3.connect(path)
        try:
            with db:
                db.execute(
                    "UPDATE meta SET value = ? WHERE key = 'manifest'", (json.dumps(manifest),)
                )
        finally:
            db.close()
    except sqlite3.Error:
        pass


def _write(path: str, manifest: list[_Entry]) -> None:
    """Built and kept as the cache is (`store.cache.write_database`); a folder that cannot be
    written (or may not be trusted) only costs this run a build in memory."""
    from ottawa_cli.store.cache import write_database

    write_database(path, lambda db: _built(db, manifest))


def _built(db: sqlite3.Connection, manifest: list[_Entry]) -> sqlite3.Connection:
    from ottawa_cli.errors import DataError

    db.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE treaties (id TEXT PRIMARY KEY, position INTEGER NOT NULL, header TEXT,"
        " error TEXT);"
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
    )
    bare: dict[str, str] = {}
    for position, treaty in enumerate(treaty_ids()):
        try:
            header, changes, members, withdrawing = _treaty(treaty)
        except DataError as error:
            failed = (treaty, position, str(error))
            db.execute("INSERT INTO treaties VALUES (?, ?, NULL, ?)", failed)
            continue
        db.execute(
            "INSERT INTO treaties VALUES (?, ?, ?, NULL)",
            (treaty, position, json.dumps(header, ensure_ascii=False)),
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


def _treaty(
    treaty: str,
) -> tuple[object, list[tuple[str, str, int, int, int]], tuple[State, ...], list[_Span]]:
    """A treaty's header, its figures at every change for each evidence level, its
    participants, and when each has a withdrawal pending under any level."""
    from ottawa_cli.api import load
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
    seen: dict[int, list[tuple[dt.date, _Figures]]] = {}
    spans: dict[_Span, None] = {}
    for level in EVIDENCE:
        dataset = dataset_at_least(every, level)
        changes.extend((level, *row) for row in figures(dataset, seen))
        spans.update(dict.fromkeys(withdrawing_spans(dataset, seen)))
    return header, changes, every.states, list(spans)


def withdrawing_spans(
    dataset: Dataset, seen: dict[int, list[tuple[dt.date, _Figures]]] | None = None
) -> list[_Span]:
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


def figures(
    dataset: Dataset, seen: dict[int, list[tuple[dt.date, _Figures]]] | None = None
) -> Iterator[tuple[str, int, int, int]]:
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


def _changes_of(
    dataset: Dataset, state: State, seen: dict[int, list[tuple[dt.date, _Figures]]]
) -> list[tuple[dt.date, _Figures]]:
    """`_changes`, worked out once for a State object that several levels share."""
    if id(state) not in seen:
        seen[id(state)] = _changes(dataset, state)
    return seen[id(state)]


def _changes(dataset: Dataset, state: State) -> list[tuple[dt.date, _Figures]]:
    """The State's figures from each day they change. The days asked are the ones its position
    can change on: its events' days, and the days the law draws from them (entry into force, a
    period's expiry, a withdrawal's effect), until no new day appears."""
    from ottawa_cli.law.evidence import of_events
    from ottawa_cli.law.position import position

    days: set[dt.date] = set()
    for event in state.events:
        days.add(event.date)
        if event.later_date is not None:
            days.add(event.later_date)
    for conflict in state.armed_conflicts:
        days.update(d for d in (conflict.start, conflict.end) if d is not None)
    own = dataset.treaty.entry_into_force.treaty_in_force
    if own is not None and state.events:
        days.add(own.date)
    at: dict[dt.date, _Figures] = {}
    while days - at.keys():
        for day in sorted(days - at.keys()):
            pos = position(dataset.treaty, state, day)
            at[day] = (
                pos.bound,
                pos.bound and of_events(pos.depends_on, dataset.sources) != "depositary",
                pos.status in ("withdrawing", "withdrawal-suspended"),
            )
            found = [pos.since, pos.entry_into_force]
            if pos.outcome is not None:
                found += [pos.outcome.takes_effect, pos.outcome.period_expires]
            days.update(d for d in found if d is not None and d > day)
    out: list[tuple[dt.date, _Figures]] = []
    before: _Figures = (False, False, False)
    for day in sorted(at):
        if at[day] != before:
            out.append((day, at[day]))
            before = at[day]
    return out
