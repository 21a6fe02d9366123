"""The validated dataset, from a cache when the data file is unchanged since it was validated.

Validating YAML costs ~200 ms (libyaml events, then pydantic); a command answers in a few ms from
the cache. The cache is an SQLite file of plain JSON (never pickle: nothing executable is ever
read from a writable directory) keyed by the data file's sha256, the data format and the tool's
version, so any change to any of them is a miss. It holds each State as its own row with an index
of the names, aliases and codes it answers to, so `status` reads one State, whatever the size of
the file. A cache that cannot be read or written only costs speed: the file is validated again.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ottawa_cli import __version__
from ottawa_cli.law.model import FORMAT_VERSION, Dataset, State
from ottawa_cli.store.bundled import StrPath, registry_for
from ottawa_cli.store.cache_folder import (
    SHIPPED,
    cache_dir,
    read_only_uri,
    shipped_file,
    sweep,
    trusted,
    write_database,
)
from ottawa_cli.store.data_bytes import (
    digest_of,
    is_treaty_file,
    no_cycle_collection,
    read_bytes,
    sha256_of,
)
from ottawa_cli.store.lookup import StateIndex, keys_of, normalize
from ottawa_cli.store.plain import CacheDamaged, from_plain, to_plain

# The shape of the cache's tables and rows: a change to it is a miss, whatever the version.
_LAYOUT = 2

# What a damaged or foreign cache file can raise while being read: all mean "validate again".
# Nothing broader: a bug in the converter must fail the tests, not pass as a cache miss.
_UNUSABLE = (sqlite3.Error, OSError, CacheDamaged, json.JSONDecodeError, RecursionError)


def load_dataset(path: StrPath) -> Dataset:
    """Every State: for `list`, `pending`, `sources` and the rest."""
    data, registry = _read(path)
    cache = _cache_path(data, registry)
    if cache is not None:
        try:
            with _connect(cache) as db:
                return _dataset(db)
        except _UNUSABLE:
            pass
    return _validated_into(cache, path, data, registry)


def _read(path: StrPath) -> tuple[bytes, tuple[str, bytes] | None]:
    """The file's bytes and, for a treaty's file, the registry's name and bytes: the dataset
    depends on both, and so does the cache's key."""
    data = read_bytes(path)
    if not is_treaty_file(data):
        return data, None
    registry = registry_for(path)
    return data, (registry, read_bytes(registry))


def load_state(path: StrPath, query: str) -> tuple[Dataset, State]:
    """One State by name, alias or code, with the treaty, sources and verification it needs.

    The returned dataset holds no States: it is the file's header. An unknown or ambiguous query
    raises from `StateIndex`, the one lookup, over every State.
    """
    header, (state,) = load_states(path, (query,))
    return header, state


def load_states(path: StrPath, queries: Sequence[str]) -> tuple[Dataset, tuple[State, ...]]:
    """Several States, each found as `load_state` finds it, with the file's header read once."""
    data, registry = _read(path)
    cache = _cache_path(data, registry)
    if cache is not None:
        try:
            with _connect(cache) as db:
                ids = []
                for query in queries:
                    rows = db.execute(
                        "SELECT state FROM names WHERE key = ?", (normalize(query),)
                    ).fetchall()
                    if len({row[0] for row in rows}) != 1:
                        return _found(_dataset(db), queries)
                    ids.append(rows[0][0])
                return _header(db), tuple(_state(db, state_id) for state_id in ids)
        except _UNUSABLE:
            pass
    return _found(_validated_into(cache, path, data, registry), queries)


def _found(dataset: Dataset, queries: Sequence[str]) -> tuple[Dataset, tuple[State, ...]]:
    lookup = StateIndex(dataset.states, dataset.not_listed)
    return _without_states(dataset), tuple(lookup.find(query) for query in queries)


def _validated_into(
    cache: str | None, path: StrPath, data: bytes, registry: tuple[str, bytes] | None
) -> Dataset:
    """Validate the file (the slow path) and keep the result for the next run."""
    dataset = validated(path, data, registry)
    if cache is not None:
        _write(cache, dataset)
    return dataset


def validated(path: StrPath, data: bytes, registry: tuple[str, bytes] | None) -> Dataset:
    """The file's bytes parsed and validated: the YAML reader is loaded only for a file the
    cache does not hold."""
    from ottawa_cli.store.load import validated as parsed_and_validated

    return parsed_and_validated(path, data, registry)


def _without_states(dataset: Dataset) -> Dataset:
    return dataclasses.replace(dataset, states=())


def _cache_path(data: bytes, registry: tuple[str, bytes] | None = None) -> str | None:
    if os.environ.get("OTTAWA_NO_CACHE"):
        return None
    base = cache_dir()
    if base is None:
        return None
    return os.path.join(base, cache_name(data, registry))


def cache_name(data: bytes, registry: tuple[str, bytes] | None = None) -> str:
    """The cache file's name for these bytes: their digest with the format's, the layout's and
    the tool's version (`store.shipped` names the caches built with the package so)."""
    digest = sha256_of(data)
    if registry is not None:
        # A treaty's file is joined with the registry (by the registry's own digest, worked out
        # once a run: `--treaty all` reads it with every treaty): a change to either is a miss.
        digest.update(b"\0registry\0" + _registry_digest(registry[1]).encode())
    digest.update(f"\0format={FORMAT_VERSION}\0version={__version__}\0layout={_LAYOUT}".encode())
    return f"{digest.hexdigest()}.sqlite"


# The registry's bytes and their digest, for this run.
_REGISTRY_DIGESTS: dict[bytes, str] = {}


def _registry_digest(registry: bytes) -> str:
    digest = _REGISTRY_DIGESTS.get(registry)  # the same bytes, compared whole: the same digest
    if digest is None:
        digest = _REGISTRY_DIGESTS[registry] = digest_of(registry)
    return digest


def _shipped(cache: str) -> str | None:
    """The cache built with the package for the same bytes as `cache`, if there is one."""
    return shipped_file(SHIPPED, os.path.basename(cache))


@contextmanager
def _connect(cache: str) -> Iterator[sqlite3.Connection]:
    if not trusted(cache):
        shipped = _shipped(cache)
        if shipped is None:
            raise CacheDamaged("not a cache file this user can trust")
        cache = shipped
    db = sqlite3.connect(read_only_uri(cache), uri=True)
    try:
        yield db
    finally:
        db.close()


def _one(db: sqlite3.Connection, sql: str, *args: object) -> Any:
    """The one JSON value a query selects; a missing row or a non-text value is damage."""
    row = db.execute(sql, args).fetchone()
    if row is None:
        raise CacheDamaged("a row is missing")
    return _json(row[0])


def _json(text: object) -> Any:
    if type(text) is not str:
        raise CacheDamaged("a row is not JSON text")
    return json.loads(text)


def _header(db: sqlite3.Connection) -> Dataset:
    header = _one(db, "SELECT value FROM meta WHERE key = 'header'")
    if type(header) is not dict:
        raise CacheDamaged("the header is not a mapping")
    return from_plain(Dataset, {**header, "states": []})  # type: ignore[no-any-return]


def _state(db: sqlite3.Connection, state_id: int) -> State:
    row = _one(db, "SELECT json FROM states WHERE id = ?", state_id)
    return from_plain(State, row)  # type: ignore[no-any-return]


def _dataset(db: sqlite3.Connection) -> Dataset:
    header = _header(db)
    rows = db.execute("SELECT json FROM states ORDER BY id").fetchall()
    with no_cycle_collection():
        states = tuple(from_plain(State, _json(row[0])) for row in rows)
    if len(states) != _one(db, "SELECT value FROM meta WHERE key = 'states'"):
        raise CacheDamaged("States are missing from the cache")
    return dataclasses.replace(header, states=states)


def _write(cache: str, dataset: Dataset) -> None:
    """Write the cache (see `write_database`); temporaries and caches left by earlier runs are
    then swept."""
    if write_database(cache, lambda db: _fill(db, dataset)):
        folder, name = os.path.split(cache)
        sweep(folder, keep=name, entry=_CACHE_NAME, temporary=_TEMPORARY_NAME)


# The only names the cache writes: `<sha256>.sqlite`, and its temporaries
# `.<sha256>.sqlite.<pid>.tmp` (with SQLite's `-journal`). The folder may be the user's own
# (`OTTAWA_CACHE_DIR=.`): nothing else in it is ever removed, whatever its name or age.
_CACHE_NAME = re.compile(r"[0-9a-f]{64}\.sqlite")
_TEMPORARY_NAME = re.compile(r"\.[0-9a-f]{64}\.sqlite\.[0-9]+\.tmp(-journal)?")


def _fill(db: sqlite3.Connection, dataset: Dataset) -> None:
    header: dict[str, Any] = to_plain(_without_states(dataset))
    del header["states"]
    db.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE states (id INTEGER PRIMARY KEY, json TEXT NOT NULL);"
        "CREATE TABLE names (key TEXT NOT NULL, state INTEGER NOT NULL);"
    )
    db.execute("INSERT INTO meta VALUES ('header', ?)", (json.dumps(header, ensure_ascii=False),))
    db.execute("INSERT INTO meta VALUES ('states', ?)", (json.dumps(len(dataset.states)),))
    db.executemany(
        "INSERT INTO states VALUES (?, ?)",
        ((i, json.dumps(to_plain(s), ensure_ascii=False)) for i, s in enumerate(dataset.states)),
    )
    db.executemany(
        "INSERT INTO names VALUES (?, ?)",
        ((key, i) for i, s in enumerate(dataset.states) for key in set(keys_of(s))),
    )
    db.execute("CREATE INDEX names_by_key ON names (key)")
    db.commit()


# `store.shipped` writes the caches built with the package as this module writes the user's.
fill = _fill
