"""Answers across every bundled treaty (`--treaty all` for `timeline`, `list`, `parties`,
`export`): one table with a Treaty column, JSON that keeps each single-treaty shape's keys and
names the treaty in every entry, CSV and iCalendar with the treaty. Each treaty's part is the
single-treaty answer's own shape, so what that shape gains, this one gains.

How current the data is is said everywhere: a line per group of treaties equally current in
text; `treaties` (each id with its dates and `stale`), the oldest date and whether any is stale
in JSON; a column in CSV; the calendar's description in iCalendar.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ottawa_cli.dates import human
from ottawa_cli.english import plural
from ottawa_cli.output.contract import (
    JSON,
    export_json,
    list_json,
    parties_json,
    timeline_json,
    updates_across_json,
    verification_json,
)
from ottawa_cli.output.document import Column, Document, Line, Table
from ottawa_cli.output.summaries import evidence_legend
from ottawa_cli.output.views import (
    _STATUS_STYLE,
    _failed_lines,
    _treaty_footers,
    evidence_of,
    members,
    source_label,
    status_label,
)
from ottawa_cli.reasons import entry_text

if TYPE_CHECKING:
    import datetime as dt

    from ottawa_cli.api.across import (
        ExportEverywhereResult,
        ListEverywhereResult,
        PartiesEverywhereResult,
        TimelineEverywhereResult,
    )
    from ottawa_cli.law.model import Dataset
    from ottawa_cli.output.document import Style


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _currency(datasets: tuple[Dataset, ...], day: dt.date) -> JSON:
    """How current each treaty's data is, and at the top the oldest record and whether any is
    stale on the day (as `pending --treaty all` says it)."""
    each = [{"treaty": d.treaty.id} | verification_json(d, day) for d in datasets]
    # Every treaty's data is read at least to this day (its depositary's record, or later
    # sources where it has them).
    read_to = (max(d.verified.as_at, d.verified.others_to or d.verified.as_at) for d in datasets)
    return {
        "treaty": "all",
        "treaties": each,
        "data_verified_as_at": _iso(min((d.verified.as_at for d in datasets), default=None)),
        "data_others_to": _iso(min(read_to, default=None)),
        "stale": any(c["stale"] for c in each),
        "updates": updates_across_json(datasets),
    }


def _failed_json(failed: tuple[tuple[str, str], ...]) -> list[JSON]:
    return [{"treaty": treaty, "error": error} for treaty, error in failed]


def _not_in(absent: tuple[str, ...]) -> list[Line]:
    if not absent:
        return []
    return [Line(f"Not a participant in: {', '.join(absent)}.", "muted")]


# --- timeline --treaty all --------------------------------------------------------------------


def timeline_everywhere_json(result: TimelineEverywhereResult) -> JSON:
    """`timeline --treaty all --json`: the single-treaty keys, every treaty's entries in one
    date order, each naming its treaty and how current its data is."""
    query = result.query
    order = {d.treaty.id: i for i, d in enumerate(result.datasets)}
    pairs = []
    for r in result.results:
        shape = timeline_json(r)
        current = {
            k: shape[k] for k in ("data_verified_as_at", "data_others_to", "stale", "updates")
        }
        tid = r.dataset.treaty.id
        # `timeline_json` lists the entries in the result's order: zipped, each meets its own.
        pairs += [
            (entry.date, order[tid], one | {"treaty": tid} | current)
            for entry, one in zip(r.entries, shape["entries"], strict=True)
        ]
    # As `rows` orders them: by date, then treaty, each treaty's own order kept.
    pairs.sort(key=lambda p: (p[0], p[1]))
    entries = [one for _, _, one in pairs]
    return {
        "today": _iso(query.today),
        "from": _iso(query.start),
        "to": _iso(query.end),
        "states": sorted({s for r in result.results for s in r.states}),
        "kinds": sorted(query.kinds),
        "entries": entries,
        "absent": list(result.absent),
        "failed": _failed_json(result.failed),
    } | _currency(result.datasets, query.today)


def timeline_everywhere_document(result: TimelineEverywhereResult) -> Document:
    query = result.query
    today = query.today
    tail = [
        *_not_in(result.absent),
        *_failed_lines(result.failed),
        *_treaty_footers(list(result.datasets), today),
    ]
    rows = result.rows
    if not rows:
        return [Line("Nothing in that period under any bundled treaty."), *tail]
    table = Table(
        [
            Column("Date", keep=True),
            Column("Treaty"),
            Column("State"),
            Column("Event"),
            Column("Basis"),
        ]
    )
    in_window = (query.start is None or query.start <= today) and (
        query.end is None or today <= query.end
    )
    marked = not in_window
    for dataset, entry in rows:
        if not marked and entry.date > today:
            table.add(human(today), "", "", "── today ──", "", style="warning")
            marked = True
        basis = entry.article or ""
        if not entry.computed and entry.source:
            basis = source_label(dataset, entry.source)
        if not entry.legal_effect:
            basis = f"{basis} · no legal effect" if basis else "no legal effect"
        style: Style = "muted" if entry.date <= today else "emphasis"
        if entry.kind in ("withdrawal-takes-effect", "withdrawal-held"):
            style = "bad" if entry.date <= today else "warning"
        table.add(
            human(entry.date),
            dataset.treaty.id,
            entry.state or f"({dataset.treaty.called})",
            entry_text(entry),
            basis,
            style=style,
        )
    if not marked:
        table.add(human(today), "", "", "── today ──", "", style="warning")
    treaties = len({d.treaty.id for d, _ in rows})
    summary = (
        f"{plural(len(rows), 'entry', 'entries')} under {plural(treaties, 'treaty', 'treaties')}"
    )
    return [table, Line(f"{summary}; computed dates cite their article.", "muted"), *tail]


# --- list --treaty all ------------------------------------------------------------------------


def list_everywhere_json(result: ListEverywhereResult) -> JSON:
    """`list --treaty all --json`: the single-treaty keys; `states` every State object of every
    treaty (each names its treaty), `parties` each treaty's count of States Parties."""
    shapes = {}
    for r in result.results:
        tid = r.dataset.treaty.id
        # `list_json` lists the States in the result's order: zipped, each meets its own.
        for pos, one in zip(r.positions, list_json(r)["states"], strict=True):
            shapes[tid, pos.state.name] = one | {"treaty": tid}
    states = [shapes[dataset.treaty.id, pos.state.name] for dataset, pos in result.rows]
    return {
        "as_of": _iso(result.query.day),
        "parties": {r.dataset.treaty.id: r.parties for r in result.results},
        "states": states,
        "evidence_asked": result.query.evidence,
        "failed": _failed_json(result.failed),
    } | _currency(result.datasets, result.query.day)


def list_everywhere_document(result: ListEverywhereResult) -> Document:
    day = result.query.day
    table = Table(
        [
            Column("State"),
            Column("Treaty"),
            Column("Status", keep=True),
            Column("Since", keep=True),
            Column("In force", keep=True),
            Column("Withdrawal takes effect", keep=True),
            Column("Evidence", keep=True),
        ]
    )
    marked: set[str] = set()
    for dataset, pos in result.rows:
        effect = ""
        if pos.outcome:
            effect = (
                human(pos.outcome.takes_effect)
                if pos.outcome.takes_effect
                else f"held ({dataset.treaty.withdrawal.article})"
            )
        evidence = evidence_of(pos, dataset)
        marked.add(evidence)
        table.add(
            pos.state.name,
            dataset.treaty.id,
            status_label(pos),
            human(pos.since) if pos.since else "",
            human(pos.entry_into_force) if pos.entry_into_force else "",
            effect,
            "" if evidence == "depositary" else evidence,
            style=_STATUS_STYLE[pos.status],
        )
    marked.discard("depositary")
    shown = plural(len(result.rows), "row")
    treaties = plural(len(result.results), "treaty", "treaties")
    doc: Document = [table, Line(f"{shown} on {human(day)}, under {treaties}.")]
    if (legend := evidence_legend(marked)) is not None:
        doc.append(legend)
    return [
        *doc,
        *_failed_lines(result.failed),
        *_treaty_footers(list(result.datasets), day),
    ]


# --- parties --treaty all ---------------------------------------------------------------------


def parties_everywhere_json(result: PartiesEverywhereResult) -> JSON:
    """`parties --treaty all --json`: the single-treaty keys, `changes` and `years` of every
    treaty (each naming its treaty), and `start` with each treaty's count on its day."""
    day = result.query.end or result.query.today
    changes: list[JSON] = []
    years: list[JSON] = []
    for r in result.results:
        shape = parties_json(r)
        tid = r.dataset.treaty.id
        changes += [c | {"treaty": tid} for c in shape["changes"]]
        years += [y | {"treaty": tid} for y in shape["years"]]
    changes.sort(key=lambda c: c["date"])
    out: JSON = {
        "changes": changes,
        "years": years,
        "failed": _failed_json(result.failed),
    } | _currency(result.datasets, day)
    if result.query.start is not None:
        out["start"] = {
            "date": _iso(result.query.start),
            "parties": {r.dataset.treaty.id: r.at_start for r in result.results},
        }
    return out


def parties_everywhere_document(result: PartiesEverywhereResult) -> Document:
    query = result.query
    last = query.end or query.today
    changes = Table(
        [
            Column("Date", keep=True),
            Column("Treaty"),
            Column("Parties", "right", keep=True),
            Column("Change", "right"),
            Column("Who"),
        ],
        title="States Parties (Members) at each change",
    )
    rows = sorted(((r, c) for r in result.results for c in r.changes), key=lambda rc: rc[1].date)
    for r, c in rows:
        who = "; ".join(
            f"{verb}: {', '.join(names)}"
            for verb, names in (("joined", c.joined), ("left", c.left))
            if names
        )
        changes.add(
            human(c.date),
            r.dataset.treaty.id,
            str(c.parties),
            f"{c.change:+d}",
            who,
            style="bad" if c.change < 0 else "plain",
        )
    summary = Table(
        [
            Column("Treaty"),
            Column("Counted as", keep=True),
            *([Column(f"On {human(query.start)}", "right", keep=True)] if query.start else []),
            Column(f"On {human(last)}", "right", keep=True),
            Column("First fall", keep=True),
        ],
        title="Each treaty",
    )
    for r in result.results:
        at_end = r.years[-1][1] if r.years else 0
        first = r.first_fall
        summary.add(
            r.dataset.treaty.id,
            members(r.dataset),
            *([str(r.at_start)] if query.start else []),
            str(at_end),
            f"{human(first.date)} ({first.change:+d})" if first else "",
        )
    doc: Document = []
    if rows:
        doc += [changes, Line("")]
    else:
        doc.append(Line("No change in the number of Parties of any bundled treaty in that period."))
    return [
        *doc,
        summary,
        *_failed_lines(result.failed),
        *_treaty_footers(list(result.datasets), last),
    ]


# --- export --treaty all ----------------------------------------------------------------------


def export_everywhere_json(result: ExportEverywhereResult) -> JSON:
    """`export --treaty all --format json`: the single-treaty keys (`treaty` is `{"id": "all"}`,
    `verified` the oldest record's), `states` every State object of every treaty (each names its
    treaty), and `treaties` each one's `treaty`, `verified` and how current it is."""
    shapes = [export_json(r) for r in result.results]
    oldest = min(result.datasets, key=lambda d: d.verified.as_at, default=None)
    currency = _currency(result.datasets, result.as_of)
    return {
        "as_of": result.as_of.isoformat(),
        "treaty": {"id": "all", "title": "every bundled treaty"},
        "verified": {
            "against": oldest.verified.against if oldest else None,
            "as_at": _iso(oldest.verified.as_at) if oldest else None,
        },
        "states": [s for shape in shapes for s in shape["states"]],
        "treaties": [
            {"id": shape["treaty"]["id"], "title": shape["treaty"]["title"]}
            | {"verified": shape["verified"]}
            | each
            for shape, each in zip(shapes, currency["treaties"], strict=True)
        ],
        "data_verified_as_at": currency["data_verified_as_at"],
        "data_others_to": currency["data_others_to"],
        "stale": currency["stale"],
        "updates": currency["updates"],
        "failed": _failed_json(result.failed),
    }


def as_json(result: ExportEverywhereResult) -> str:
    return json.dumps(export_everywhere_json(result), ensure_ascii=False, indent=2) + "\n"


def as_csv(result: ExportEverywhereResult) -> str:
    """One table of every treaty's rows: `treaty` first, then each treaty's own columns (a duty
    another treaty lacks is empty there), then `as_of` and `data_verified_as_at`, the date its
    treaty's data was verified against the depositary."""
    from ottawa_cli.output.exports import as_csv as one_treaty

    columns: list[str] = ["treaty"]
    rows: list[dict[str, str]] = []
    for r in result.results:
        reader = csv.DictReader(io.StringIO(one_treaty(r), newline=""))
        columns += [c for c in reader.fieldnames or () if c not in columns]
        verified = r.dataset.verified.as_at.isoformat()
        rows += [
            row | {"treaty": r.dataset.treaty.id, "data_verified_as_at": verified} for row in reader
        ]
    # Each row's day and its data's date last, as in one treaty's file.
    columns = [c for c in columns if c not in ("as_of", "data_verified_as_at")]
    columns += ["as_of", "data_verified_as_at"]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def as_csv_for_excel(result: ExportEverywhereResult) -> str:
    return "\ufeff" + as_csv(result)


def as_ics(result: ExportEverywhereResult) -> str:
    """One calendar of every treaty's events, each as the treaty's own calendar writes it (its
    UID names the treaty); the calendar's description says how current each treaty's data is."""
    from icalendar import Calendar

    from ottawa_cli import __version__
    from ottawa_cli.output.exports import as_ics as one_treaty
    from ottawa_cli.safe_text import safe

    calendar = Calendar()
    calendar.add("prodid", f"-//ottawa-cli//ottawa {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Every bundled treaty")
    calendars = [Calendar.from_ical(one_treaty(r)) for r in result.results]
    for one in calendars:
        for event in one.walk("VEVENT"):
            calendar.add_component(event)
    if not calendar.walk("VEVENT"):
        # No date to come under any treaty: each treaty's journal entry says so (RFC 5545 asks
        # for at least one component).
        for one in calendars:
            for journal in one.walk("VJOURNAL"):
                calendar.add_component(journal)
    groups: dict[str, list[str]] = {}
    for d in result.datasets:
        groups.setdefault(human(d.verified.as_at), []).append(d.treaty.id)
    calendar.add(
        "x-wr-caldesc",
        safe(
            "Data verified against each depositary as at: "
            + "; ".join(f"{day} ({', '.join(ids)})" for day, ids in groups.items())
            + "."
        ),
    )
    written: bytes = calendar.to_ical()
    return written.decode("utf-8")


# Each `--treaty all` export by format (`output.exports.FORMATS`' names).
FORMATS: dict[str, Callable[[ExportEverywhereResult], str]] = {
    "json": as_json,
    "csv": as_csv,
    "ics": as_ics,
}

# Each result's JSON shape and document, by the result's `kind`.
SHAPES: dict[str, Callable[[Any], Any]] = {
    "timeline-everywhere": timeline_everywhere_json,
    "list-everywhere": list_everywhere_json,
    "parties-everywhere": parties_everywhere_json,
}
DOCUMENTS: dict[str, Callable[[Any], Document]] = {
    "timeline-everywhere": timeline_everywhere_document,
    "list-everywhere": list_everywhere_document,
    "parties-everywhere": parties_everywhere_document,
}
