"""`ottawa changes` as text, JSON (the contract) and an Atom feed (RFC 4287).

The feed is built with ElementTree, never by joining strings: every value from the data is an
element's text or an attribute, escaped by the writer, and made safe first (a control character,
which XML 1.0 cannot hold, is shown as a visible escape, as everywhere else). It is reproducible:
every date in it is one of the data's (no clock), so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from ottawa_cli.dates import human
from ottawa_cli.english import plural
from ottawa_cli.output.document import Column, Document, Line, Table
from ottawa_cli.output.summaries import evidence_legend
from ottawa_cli.output.views import _failed_lines, _treaty_footers, footer
from ottawa_cli.reasons import entry_text
from ottawa_cli.safe_text import one_line

if TYPE_CHECKING:
    from ottawa_cli.api.changes import Change, ChangesResult

ATOM = "http://www.w3.org/2005/Atom"
# The tag URI (RFC 4151) authority and the date it was first used: fixed, so ids never change.
TAG = "tag:ottawa-cli,2026:"

_BY_WORDS = {
    "happened": "by the date they happened",
    "recorded": "by the date the data's sources recorded them",
}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def entry_id(change: Change) -> str:
    """A stable id: the treaty, the State, what happened and the day of the recorded event it
    is or follows from (an effect keeps its id when the day it takes effect is recomputed)."""
    state = change.state.iso3 or change.state.iso2
    return (
        f"{TAG}{change.dataset.treaty.id}/{state}/{change.entry.kind}/"
        f"{change.event.date.isoformat()}"
    )


def source_text(change: Change) -> str:
    """The source in full (never cut): its title, the depositary notification, the address."""
    source = change.source
    parts = [source.title if source is not None else f"{change.event.source} (unknown source)"]
    if change.event.notification:
        parts.append(change.event.notification)
    if source is not None and source.url:
        parts.append(source.url)
    return " · ".join(parts)


def what(change: Change) -> str:
    """What happened, in the timeline's words, and when a notice or an instrument takes effect."""
    entry = change.entry
    # The depositary notification is said with the source.
    text = entry_text(entry).replace(f" ({change.event.notification})", "")
    if entry.kind == "withdrawal-received" and change.effect is not None:
        text += f", takes effect {human(change.effect)}"
    elif entry.kind == "consent" and change.effect is not None:
        text += f", in force for it {human(change.effect)}"
    if entry.computed and entry.article:
        text += f" ({entry.article})"
    return text


def changes_json(result: ChangesResult) -> dict[str, Any]:
    from ottawa_cli.output.contract import _failed_json, updates_across_json, verification_json

    currency = [
        {"treaty": d.treaty.id} | verification_json(d, result.until) for d in result.datasets
    ]
    return {
        "since": _iso(result.since),
        "until": _iso(result.until),
        "by": result.by,
        "today": _iso(result.today),
        "treaty": result.treaty,
        "changes": [_change_json(c) for c in result.changes],
        "treaties": currency,
        "data_verified_as_at": _iso(min((d.verified.as_at for d in result.datasets), default=None)),
        "data_others_to": _iso(
            max((d.verified.others_to or d.verified.as_at for d in result.datasets), default=None)
        ),
        "stale": any(c["stale"] for c in currency),
        "updates": updates_across_json(result.datasets),
        "failed": _failed_json(result.failed),
    }


def _change_json(change: Change) -> dict[str, Any]:
    entry, source = change.entry, change.source
    return {
        "id": entry_id(change),
        "date": _iso(change.date),
        "recorded": _iso(change.recorded),
        "recorded_from": change.recorded_from,
        "treaty": change.dataset.treaty.id,
        "treaty_title": change.dataset.treaty.short_title,
        "state": change.state.name,
        "iso2": change.state.iso2,
        "iso3": change.state.iso3,
        "kind": entry.kind,
        "text": entry_text(entry),
        "computed": entry.computed,
        "article": entry.article,
        "legal_effect": entry.legal_effect,
        "takes_effect": _iso(change.effect),
        "evidence": change.evidence,
        "event": {"kind": change.event.kind, "date": _iso(change.event.date)},
        "source": {
            "key": change.event.source,
            "title": source.title if source else None,
            "url": source.url if source else None,
            "date": _iso(source.date) if source else None,
        },
        "notification": change.event.notification,
    }


def changes_document(result: ChangesResult) -> Document:
    window = f"from {human(result.since)} to {human(result.until)}"
    footers = [*_failed_lines(result.failed), *_currency_lines(result)]
    if not result.changes:
        return [Line(f"Nothing recorded {window}, {_BY_WORDS[result.by]}."), *footers]
    recorded = result.by == "recorded"
    columns = [Column("Date", keep=True)]
    if recorded:
        columns.insert(0, Column("Recorded", keep=True))
    table = Table(
        [
            *columns,
            Column("Treaty"),
            Column("State"),
            Column("What happened"),
            Column("Evidence", keep=True),
            Column("Source"),
        ]
    )
    # Each source once, numbered, under the table: its title and its whole address (an address
    # is never cut, even in a narrow terminal); a row gives the number and the C.N. reference.
    numbers: dict[str, int] = {}
    for change in result.changes:
        key = f"{change.dataset.treaty.id}/{change.event.source}"
        n = numbers.setdefault(key, len(numbers) + 1)
        cells = [human(change.date)]
        if recorded:
            cells.insert(0, human(change.recorded))
        cited = f"[{n}]" + (f" {change.event.notification}" if change.event.notification else "")
        table.add(
            *cells,
            change.dataset.treaty.id,
            change.state.name,
            what(change),
            change.evidence,
            cited,
            style="muted" if change.entry.computed else "plain",
        )
    sources: list[Line] = [Line("Sources", "heading")]
    shown = {key: c for c in result.changes for key in [f"{c.dataset.treaty.id}/{c.event.source}"]}
    for key, n in numbers.items():
        change = shown[key]
        source = change.source
        title = source.title if source is not None else f"{change.event.source} (unknown source)"
        sources.append(Line(f"[{n}] {title}"))
        if source is not None and source.url:
            sources.append(Line(f"    {source.url}", "muted", link=source.url))
    legend = evidence_legend({c.evidence for c in result.changes})
    notes = [
        Line(f"{plural(len(result.changes), 'change')} {window}, {_BY_WORDS[result.by]}."),
        Line(
            "A date the rules compute cites its article, and its source is the notice or "
            "instrument it follows from.",
            "muted",
        ),
    ]
    if recorded:
        notes.append(
            Line(
                "Recorded: the date of the earliest dated source that records the event, else "
                "the day the data was verified.",
                "muted",
            )
        )
    return [table, *notes, *([legend] if legend else []), *sources, *footers]


def as_text(result: ChangesResult) -> str:
    from ottawa_cli.output.render import plain

    return plain(changes_document(result))


def as_json(result: ChangesResult) -> str:
    from ottawa_cli.output.render import write_json

    class Utf8(io.StringIO):
        @property
        def encoding(self) -> str:  # type: ignore[override]
            return "utf-8"

    out = Utf8()
    write_json(changes_json(result), out)
    return out.getvalue()


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _currency_lines(result: ChangesResult) -> list[Line]:
    """How current each treaty's data is on the last day shown (one line for one treaty)."""
    if len(result.datasets) == 1:
        return [footer(result.datasets[0], result.until)]
    return _treaty_footers(list(result.datasets), result.until)


def _currency(result: ChangesResult) -> str:
    return " ".join(line.text for line in _currency_lines(result))


def as_atom(result: ChangesResult) -> str:
    """The changes as an Atom feed, newest first: each entry's `updated` is the date the feed
    is ordered by (happened or recorded); the feed's, the latest of those and of the data's
    verification dates."""
    from xml.etree import ElementTree as ET

    from ottawa_cli import __version__

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: one_line(v) for k, v in attrs.items()})
        if text is not None:
            node.text = one_line(text)
        return node

    def day_of(change: Change) -> dt.date:
        return change.recorded if result.by == "recorded" else change.date

    ET.register_namespace("", ATOM)

    dates = [day_of(c) for c in result.changes]
    for dataset in result.datasets:
        dates += [dataset.verified.as_at, dataset.verified.others_to or dataset.verified.as_at]
    root = ET.Element(f"{{{ATOM}}}feed")
    titles = ", ".join(d.treaty.short_title for d in result.datasets)
    scope = "every bundled treaty" if result.treaty == "all" else titles
    sub(root, "title", f"Treaty changes: {scope}")
    sub(
        root,
        "subtitle",
        f"Instruments, notices, revocations and their effects from {human(result.since)} to "
        f"{human(result.until)}, {_BY_WORDS[result.by]}. {_currency(result)}",
    )
    sub(
        root,
        "id",
        f"{TAG}changes/{result.treaty}/{result.by}/{result.since.isoformat()}/"
        f"{result.until.isoformat()}",
    )
    sub(root, "updated", _stamp(max(dates, default=result.until)))
    sub(sub(root, "author"), "name", "ottawa changes")
    sub(root, "generator", "ottawa", version=__version__)
    for change in sorted(result.changes, key=day_of, reverse=True):
        node = sub(root, "entry")
        title = f"{change.state.name}, {change.dataset.treaty.short_title}: {what(change)}"
        sub(node, "id", entry_id(change))
        sub(node, "title", title)
        sub(node, "updated", _stamp(day_of(change)))
        source = change.source
        if source is not None and source.url:
            sub(node, "link", rel="related", href=source.url)
        sub(node, "category", term=change.entry.kind)
        sub(node, "category", term=change.dataset.treaty.id, label=change.dataset.treaty.title)
        lines = [
            f"{human(change.date)}: {change.state.name} ({change.dataset.treaty.title}, "
            f"{change.dataset.treaty.id}): {what(change)}.",
            f"Source: {source_text(change)}.",
            f"Evidence: {change.evidence}.",
            f"Recorded {human(change.recorded)} "
            + (
                "(the date of its source)."
                if change.recorded_from == "source"
                else "(the day the data was verified; its sources are not dated)."
            ),
        ]
        sub(node, "content", " ".join(lines), type="text")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
