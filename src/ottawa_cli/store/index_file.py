"""The bundled data's index, kept in the cache folder: found, checked against the data and the
code it was made from, and read (`api.index` builds it and says what it holds).

Standard library only, as `store.cache_folder` is: `ottawa status STATE --treaty all` reads the
index without importing the models (`cli.fast`), and where the index kept is not the one the
files and the code make, it is not read here: the library builds it again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3

from ottawa_cli import __version__
from ottawa_cli.store.bundled import DATA_DIR, bundled_files

TYPE_CHECKING = False  # `typing` is not imported on `ottawa status`'s path
if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ottawa_cli.records import Record

LAYOUT = 4
# The modules whose reading of the data the index holds: a change to any of them (a checkout
# being edited) is a change to the index, whatever the version says.
CODE = (
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
    "api/summary.py",
)
PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# The `--evidence` level that leaves no fact out (`law.evidence.EVIDENCE[-1]`, which
# tests/api/test_index.py holds equal): the index's counts of every fact.
EVERY_FACT = "unclassified"


class Counts(Record):
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

    def everywhere(self, name: str, day: dt.date) -> list[tuple[str, str, str]]:
        """The participant's summary on `day` under each treaty that has one for it, as
        `(treaty, front, summary)` JSON texts, in `treaty_ids()` order."""
        rows = self._db.execute(
            "SELECT t.id, t.front, s.summary FROM summaries AS s JOIN treaties AS t"
            " ON t.id = s.treaty WHERE s.name = ? AND s.since <= ?"
            " AND (s.until IS NULL OR s.until > ?) ORDER BY t.position",
            (name, day.isoformat(), day.isoformat()),
        ).fetchall()
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def fronts(self) -> list[tuple[str, str | None, str | None]]:
        """Each bundled treaty's id, in `treaty_ids()` order, with its front (its facts the
        documents name and how current its data is, as JSON; None where its data could not be
        read) and why its data could not be read (None: it was)."""
        rows = self._db.execute("SELECT id, front, error FROM treaties ORDER BY position")
        return [(str(r[0]), r[1], r[2]) for r in rows.fetchall()]

    def listing(self, treaty: str, day: dt.date) -> list[tuple[str, str]]:
        """Each participant of the treaty with its summary on `day`, on every fact."""
        rows = self._db.execute(
            "SELECT name, summary FROM summaries WHERE treaty = ? AND since <= ?"
            " AND (until IS NULL OR until > ?)",
            (treaty, day.isoformat(), day.isoformat()),
        ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def pending(self, day: dt.date) -> list[tuple[str, str, str]]:
        """The participants with a withdrawal pending on `day`, on every fact, as
        `(treaty, name, summary)`."""
        rows = self._db.execute(
            "SELECT treaty, name, summary FROM summaries WHERE pending = 1 AND since <= ?"
            " AND (until IS NULL OR until > ?)",
            (day.isoformat(), day.isoformat()),
        ).fetchall()
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

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

    def treaties_of(self, name: str) -> set[str]:
        """The treaties the participant is a participant of."""
        rows = self._db.execute("SELECT treaty FROM members WHERE name = ?", (name,)).fetchall()
        return {str(row[0]) for row in rows}

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

    def counts(self, treaty: str, evidence: str, day: dt.date) -> Counts:
        """The treaty's figures on `day`: those of the last change on or before it (one row,
        found by the table's index, whatever the number of changes)."""
        row = self._db.execute(
            "SELECT parties, on_less, pending FROM changes WHERE treaty = ? AND evidence = ?"
            " AND day <= ? ORDER BY day DESC LIMIT 1",
            (treaty, evidence, day.isoformat()),
        ).fetchone()
        return _NONE if row is None else Counts(row[0], row[1], row[2])


def file_name() -> str:
    """One name per version and installed copy: two checkouts never share an index."""
    from ottawa_cli.store.data_bytes import digest_of

    where = digest_of(f"{__version__}\0{LAYOUT}\0{DATA_DIR}".encode())[:16]
    return f"bundled-{where}.sqlite"


# A file's name (relative to the package), size, modification time and SHA-256 (None: not yet
# hashed; only a file whose size or time differs from the recorded ones is hashed).
Entry = tuple[str, int, int, str | None]


def stat_manifest() -> list[Entry]:
    files = [*bundled_files(), *(os.path.join(PACKAGE, module) for module in CODE)]
    entries: list[Entry] = []
    for path in files:
        try:
            status = os.stat(path)
        except OSError:
            entries.append((os.path.relpath(path, PACKAGE), -1, -1, None))
            continue
        entries.append((os.path.relpath(path, PACKAGE), status.st_size, status.st_mtime_ns, None))
    return entries


def shipped_name(current: list[Entry]) -> str:
    """The name of the index built with the package from these very files (`current`, with
    their digests): the digest of each file's name and digest, with the version and layout. A
    file changed since the build, or another version, finds no index of its name."""
    from ottawa_cli.store.data_bytes import digest_of

    files = json.dumps([[name, sha] for name, _, _, sha in current])
    return f"index-{digest_of(f'{__version__}{chr(0)}{LAYOUT}{chr(0)}{files}'.encode())}.sqlite"


def shipped_index(current: list[Entry]) -> sqlite3.Connection | None:
    """The index built with the package from these very files (`current`, with their
    digests), opened read-only, if the package carries one."""
    from ottawa_cli.store.cache_folder import SHIPPED, shipped_database

    return shipped_database(SHIPPED, shipped_name(current))


def adopted(path: str, current: list[Entry]) -> bool:
    """Whether the index built with the package from these very files (`current`, with their
    digests) was copied to `path`, the cache folder's, as the cache writes (private), with this
    copy's times recorded: the first question after an install costs a copy, not a build."""
    from ottawa_cli.store.cache_folder import write_database

    source = shipped_index(current)
    if source is None:
        return False
    try:
        copied = write_database(path, source.backup)
    finally:
        source.close()
    if copied:
        record(path, current)  # later runs compare these times, hashing no file
    return copied


def digested(manifest: list[Entry]) -> list[Entry]:
    return [(name, size, mtime, digest(name)) for name, size, mtime, _ in manifest]


def digest(name: str) -> str:
    from ottawa_cli.store.data_bytes import digest_of

    try:
        with open(os.path.join(PACKAGE, name), "rb") as handle:
            return digest_of(handle.read())
    except OSError:
        return ""


def opened(path: str, manifest: list[Entry]) -> sqlite3.Connection | None:
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


def matched_by_digest(path: str, manifest: list[Entry]) -> list[Entry] | None:
    """The manifest with each file's digest, where the kept index may be believed and each file
    whose size or time differs from the recorded ones has the recorded bytes; else None."""
    db = _connected(path)
    if db is None:
        return None
    try:
        if _matches(_recorded(db), manifest, hash_changed=True):
            return digested(manifest)
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


def _matches(recorded: object, manifest: list[Entry], *, hash_changed: bool) -> bool:
    """Whether the recorded files are the files now: by size and time alone, or, with
    `hash_changed`, by digest where those differ (a copy with new times is the same file)."""
    if not isinstance(recorded, list) or len(recorded) != len(manifest):
        return False
    for kept, (name, size, mtime, _) in zip(recorded, manifest, strict=True):
        if not (isinstance(kept, list) and len(kept) == 4) or kept[0] != name:
            return False
        if (kept[1], kept[2]) != (size, mtime) and (not hash_changed or kept[3] != digest(name)):
            return False
    return True


def record(path: str, manifest: list[Entry]) -> None:
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


def answers_everything() -> bool:
    """Whether the index may answer: not where an overlay of `ottawa update` may change an
    answer (the index holds the bundled data as curated); those answers are read from the
    files, with the overlay merged."""
    from ottawa_cli.store.bundled import DEFAULT_TREATY, treaty_path
    from ottawa_cli.store.overlay_folder import may_change

    return not may_change(treaty_path(DEFAULT_TREATY))


def folder() -> str | None:
    """The folder the index is kept in; None where none is (`OTTAWA_NO_CACHE`, no cache folder:
    it is then built in memory for each run that asks)."""
    from ottawa_cli.store.cache_folder import cache_dir

    return None if os.environ.get("OTTAWA_NO_CACHE") else cache_dir()


def kept(manifest: list[Entry]) -> BundledIndex | None:
    """The index kept in the cache folder, where it still matches the data and the code by each
    file's size and time, or the one built with the package for these files, copied there now;
    None where there is none to believe (`api.index.open_index` then builds one, or records new
    times for the same bytes)."""
    if (base := folder()) is None:
        return None
    path = os.path.join(base, file_name())
    db = opened(path, manifest)
    if db is None and adopted(path, digested(manifest)):
        db = opened(path, manifest)
    return None if db is None else BundledIndex(db)
