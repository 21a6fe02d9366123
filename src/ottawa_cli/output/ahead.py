"""`ottawa status STATE` and `ottawa timeline STATE` answered from sheets made when the package
is built.

For each bundled treaty the build (`python -m ottawa_cli.output.ahead FOLDER`, run by setup.py
into the wheel's `caches/`) keeps every participant's status sheet (`output.sheets`) for each span
of days over which it is the same: the answer is worked out by the library (`api.status`) on the
first day of each span, as the command would. The spans' first days are found as the index finds
the days a count changes (`api.index`): a State's events' days and every day the answers name (an
entry into force, a period's expiry, a withdrawal's effect, a duty's due date), and the day after
each, until no new day appears, up to `HORIZON`.

`ottawa status` then reads one State's row and draws the sheet for the day asked, loading neither
the models nor the rules (~15 ms less than the library's path). It does so only where that is the
answer the files give: a bundled treaty's file and the registry with the bytes the sheets were
made from (the file is named by their digest with the tool's version, and a parent treaty's digest
is recorded and compared), no overlay of `ottawa update` that may change it, a name that is one
participant's, a day from the first span to `HORIZON`; anything else is answered by the library.
tests/output/test_ahead.py holds the two to the same output for every State of every bundled
treaty on every day a sheet begins, the day before, and days between.

Each State's timeline (`views.timeline_sheet`, as drawn today) is kept the same way, asked on every
day its status was and on every day one of its entries is dated and the day after (an entry
becomes past, today's mark moves past it); `ottawa timeline STATE` draws it for today. A table's
rows are kept as blocks of their own (`_stored`): from one span to the next few rows change.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from contextlib import suppress

from ottawa_cli import __version__
from ottawa_cli.store.cache_folder import SHIPPED, shipped_database

TYPE_CHECKING = False  # `typing` is not imported on `ottawa status`'s path
if TYPE_CHECKING:
    from typing import Any

    from ottawa_cli.api.status import StatusResult
    from ottawa_cli.law.model import Dataset, State
    from ottawa_cli.output.document import Document
    from ottawa_cli.output.sheets import Sheet

# The first day a sheet is made for (a day before any treaty), and the day the sheets stop: an
# annual duty's due date moves every year, so the spans are made for so many years and no more.
FIRST = dt.date(1, 1, 2)
HORIZON = dt.date(2041, 1, 1)
ONE_DAY = dt.timedelta(days=1)
# The shape of the sheets' tables and texts: a change to it is a new file name.
_LAYOUT = 2


def document(
    query: str, treaty: str | None, as_of: dt.date | None, today: dt.date
) -> Document | None:
    """The status document `ottawa status QUERY [--treaty ID] [--as-of DAY]` shows, from the
    sheets built with the package; None where they may not answer (the library then does)."""
    from ottawa_cli.errors import UsageError
    from ottawa_cli.store.bundled import treaty_path
    from ottawa_cli.store.overlay_folder import may_change

    day = as_of or today
    if not FIRST <= day < HORIZON:
        return None
    try:
        path = treaty_path(treaty)
    except UsageError:
        return None  # an unknown treaty: the library says which ones there are
    if may_change(path):
        return None
    sheet = _sheet(path, query, day)
    if sheet is None:
        return None
    from ottawa_cli.output.sheets import drawn

    return drawn(sheet, day, today)


def timeline_document(query: str, treaty: str | None, today: dt.date) -> Document | None:
    """The timeline `ottawa timeline QUERY [--treaty ID]` shows today, from the sheets built
    with the package; None where they may not answer (the library then does), as for
    `document`."""
    from ottawa_cli.errors import UsageError
    from ottawa_cli.store.bundled import treaty_path
    from ottawa_cli.store.overlay_folder import may_change

    if not FIRST <= today < HORIZON:
        return None
    try:
        path = treaty_path(treaty)
    except UsageError:
        return None
    if may_change(path):
        return None
    sheet = _sheet(path, query, today, "timelines")
    if sheet is None:
        return None
    from ottawa_cli.output.sheets import drawn

    return drawn(sheet, today, today)


def _sheet(path: str, query: str, day: dt.date, table: str = "sheets") -> Any:
    from ottawa_cli.errors import UsageError
    from ottawa_cli.store.lookup import normalize

    try:
        name = answers_name(path)
    except UsageError:
        return None  # the file cannot be read: the library says why
    db = shipped_database(SHIPPED, name)
    if db is None:
        return None
    try:
        rests_on = db.execute("SELECT value FROM meta WHERE key = 'rests_on'").fetchone()
        if rests_on is None or not _unchanged(path, json.loads(rests_on[0])):
            return None
        names = db.execute(
            "SELECT DISTINCT name FROM names WHERE key = ?", (normalize(query),)
        ).fetchall()
        if len(names) != 1:
            return None  # none, or several: the library says which
        row = db.execute(
            f"SELECT blocks FROM {table} WHERE name = ? AND day <= ? ORDER BY day DESC LIMIT 1",
            (names[0][0], day.isoformat()),
        ).fetchone()
        if row is None:
            return None
        ids = json.loads(row[0])
        marks = ",".join("?" * len(ids))
        found = dict(db.execute(f"SELECT id, block FROM blocks WHERE id IN ({marks})", ids))
        return _joined([json.loads(found[i]) for i in ids])
    except (sqlite3.Error, ValueError, TypeError, IndexError):
        return None
    finally:
        db.close()


def _stored(sheet: Sheet) -> Sheet:
    """A sheet as kept: each table's rows as blocks of their own (`["row", CELLS, STYLE,
    MUTED_AFTER]` after the table's, whose rows are then empty), since from one span to the
    next most rows are the same and few tables are."""
    out: Sheet = []
    for block in sheet:
        if block[0] == "table":
            out.append([*block[:3], []])
            out.extend(["row", *row] for row in block[3])
        else:
            out.append(block)
    return out


def _joined(blocks: Sheet) -> Sheet:
    """The sheet kept as `_stored` keeps it: each row back in the table before it."""
    out: Sheet = []
    for block in blocks:
        if block[0] == "row":
            table = out[-1]
            if table[0] != "table":
                raise ValueError("a row outside a table")
            table[3].append(block[1:])
        else:
            out.append(block)
    return out


def answers_name(path: str) -> str:
    """The sheets' file for a treaty's file: the digest of its bytes and of the registry's, with
    the tool's version and the sheets' layout."""
    from ottawa_cli.store.bundled import registry_for
    from ottawa_cli.store.data_bytes import read_bytes, sha256_of

    digest = sha256_of(read_bytes(path))
    digest.update(b"\0registry\0" + read_bytes(registry_for(path)))
    digest.update(f"\0version={__version__}\0layout={_LAYOUT}".encode())
    return f"ahead-{digest.hexdigest()}.sqlite"


def _unchanged(path: str, rests_on: object) -> bool:
    """Whether the other files the sheets were made from (a parent treaty whose withdrawals are
    the protocol's) still have the recorded bytes."""
    from ottawa_cli.store.data_bytes import digest_of, read_bytes

    if not isinstance(rests_on, list):
        return False
    folder = os.path.dirname(path)
    for entry in rests_on:
        if not (isinstance(entry, list) and len(entry) == 2):
            return False
        name, digest = entry
        if not isinstance(name, str) or os.sep in name or "/" in name:
            return False
        try:
            if digest_of(read_bytes(os.path.join(folder, name))) != digest:
                return False
        except OSError:
            return False
    return True


# Building


def build(folder: str, treaties: list[str] | None = None) -> list[str]:
    """The sheets of every bundled treaty (or of those named), each in its file in `folder`;
    their names."""
    import functools

    from ottawa_cli.api import load, read_files
    from ottawa_cli.store.bundled import treaty_ids, treaty_path
    from ottawa_cli.store.cache_folder import write_database

    names = []
    for treaty in treaty_ids() if treaties is None else treaties:
        path = treaty_path(treaty)
        dataset = load(path, updates=False)
        # Beyond the file and the registry (both in the name): a parent treaty's file.
        others = list(read_files(path)[2:])
        name = answers_name(path)
        target = os.path.join(folder, name)
        if not write_database(target, functools.partial(_fill, dataset=dataset, others=others)):
            raise OSError(f"cannot write {target}")
        os.chmod(target, 0o644)  # read by whoever runs the installed tool
        names.append(name)
    return names


def _fill(db: sqlite3.Connection, dataset: Dataset, others: list[str]) -> None:
    from ottawa_cli.store.data_bytes import digest_of, read_bytes
    from ottawa_cli.store.lookup import keys_of

    db.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE names (key TEXT NOT NULL, name TEXT NOT NULL);"
        # A sheet is its blocks' numbers: most blocks (a table's rows each one, `_stored`) are
        # the same from one span to the next, and the record tables of many States alike, so
        # each is kept once.
        "CREATE TABLE blocks (id INTEGER PRIMARY KEY, block TEXT NOT NULL);"
        "CREATE TABLE sheets (name TEXT NOT NULL, day TEXT NOT NULL, blocks TEXT NOT NULL,"
        " PRIMARY KEY (name, day)) WITHOUT ROWID;"
        # `ottawa timeline STATE`: the State's timeline as drawn on each day from `day` on.
        "CREATE TABLE timelines (name TEXT NOT NULL, day TEXT NOT NULL, blocks TEXT NOT NULL,"
        " PRIMARY KEY (name, day)) WITHOUT ROWID;"
        "CREATE INDEX names_by_key ON names (key);"
    )
    rests_on = [[os.path.basename(p), digest_of(read_bytes(p))] for p in others]
    db.execute("INSERT INTO meta VALUES ('rests_on', ?)", (json.dumps(rests_on),))
    numbers: dict[str, int] = {}
    for state in dataset.states:
        db.executemany(
            "INSERT INTO names VALUES (?, ?)",
            [(key, state.name) for key in dict.fromkeys(keys_of(state))],
        )
        made, asked = sheets(dataset, state)
        for table, spans in (("sheets", made), ("timelines", timelines(dataset, state, asked))):
            for day, sheet in spans:
                ids = []
                for block in _stored(sheet):
                    text = json.dumps(block, ensure_ascii=False)
                    if text not in numbers:
                        numbers[text] = len(numbers)
                        db.execute("INSERT INTO blocks VALUES (?, ?)", (numbers[text], text))
                    ids.append(numbers[text])
                db.execute(
                    f"INSERT INTO {table} VALUES (?, ?, ?)",
                    (state.name, day.isoformat(), str(ids)),
                )
    db.commit()
    db.execute("VACUUM")  # shipped in the wheel: no free page kept


def sheets(dataset: Dataset, state: State) -> tuple[list[tuple[dt.date, Sheet]], list[dt.date]]:
    """The State's status sheet from the first day of each span it is the same; and every day
    its answer was asked for (the spans' first days among them)."""
    import dataclasses

    from ottawa_cli.api import EVERY_FACT
    from ottawa_cli.api.status import StatusQuery, status
    from ottawa_cli.output.views import status_sheet

    alone = dataclasses.replace(dataset, states=(state,))
    recorded = {d for e in state.events for d in (e.date, e.later_date) if d is not None}
    recorded.update(d for c in state.armed_conflicts for d in (c.start, c.end) if d is not None)
    # A day compared with the day asked changes the answer on that day or on the next.
    days = {FIRST, *recorded, *(d + ONE_DAY for d in recorded if d < HORIZON)}
    at: dict[dt.date, str] = {}
    while pending := sorted(d for d in days - at.keys() if d < HORIZON):
        for day in pending:
            query = StatusQuery(state=state.name, as_of=day, today=day, evidence=EVERY_FACT)
            result = status(alone, query)
            at[day] = json.dumps(status_sheet(result), ensure_ascii=False)
            # Days after this one only: the answer names the day asked itself (as of).
            days.update(
                d for named in _days_named(result) if named > day for d in (named, named + ONE_DAY)
            )
    return _spans(at), sorted(at)


def timelines(dataset: Dataset, state: State, asked: list[dt.date]) -> list[tuple[dt.date, Sheet]]:
    """The State's timeline sheet (`views.timeline_sheet`, as `ottawa timeline STATE` draws it
    today) from the first day of each span it is the same: asked on every day its status was,
    and on every day an entry is dated and the day after (an entry becomes past, today's mark
    moves past it)."""
    import dataclasses

    from ottawa_cli.api.history import TimelineQuery, timeline
    from ottawa_cli.output.views import timeline_sheet

    alone = dataclasses.replace(dataset, states=(state,))
    days = {FIRST, *asked}
    at: dict[dt.date, str] = {}
    while pending := sorted(d for d in days - at.keys() if d < HORIZON):
        for day in pending:
            result = timeline(alone, TimelineQuery(states=(state.name,), today=day))
            at[day] = json.dumps(timeline_sheet(result), ensure_ascii=False)
            days.update(
                d for e in result.entries if e.date > day for d in (e.date, e.date + ONE_DAY)
            )
    return _spans(at)


def _spans(at: dict[dt.date, str]) -> list[tuple[dt.date, Sheet]]:
    """Each sheet from the first day it is drawn, once for the days that follow alike."""
    out: list[tuple[dt.date, Sheet]] = []
    before = None
    for day in sorted(at):
        if at[day] != before:
            out.append((day, json.loads(at[day])))
            before = at[day]
    return out


def _days_named(result: StatusResult) -> set[dt.date]:
    """Every day the answer names: in its position, its deadlines and the readings beside it."""
    from ottawa_cli.store.plain import to_plain

    found: set[dt.date] = set()
    stack: list[Any] = [
        to_plain(
            (result.position, result.deadlines, result.depositary_reading, list(result.readings))
        )
    ]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if len(value) == 10 and value[4] == "-" and value[7] == "-":
                with suppress(ValueError):  # a text that only looks like a date
                    found.add(dt.date.fromisoformat(value))
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return {d for d in found if d < HORIZON - dt.timedelta(days=1)}


if __name__ == "__main__":
    import sys

    print(f"{len(build(sys.argv[1]))} treaties' sheets written to {sys.argv[1]}")
