"""What each command shows as text: a document per result, drawn by `render`.

Every sentence takes the treaty's own terms from its data (its name for itself, its articles,
its periods), so one treaty's wording never shows up in another's output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ottawa_cli.dates import human
from ottawa_cli.english import plural
from ottawa_cli.law.clauses import withdrawal_rule
from ottawa_cli.output.document import Column, Document, Fields, Line, Table
from ottawa_cli.output.sheets import drawn, footer_block, footer_line, relative_day
from ottawa_cli.output.summaries import (
    EVIDENCE_WORDS,
    STATUS_STYLE,
    TreatyFacts,
    before_the_treaty_sheet,
    countdown_header,
    everywhere,
    evidence_legend,
    failed_lines,
    label,
    listing,
    pending_everywhere,
    treaties_table,
    treaty_footers,
)
from ottawa_cli.output.summaries import (
    heading as heading_line,
)
from ottawa_cli.output.summaries import (
    members as members_word,
)
from ottawa_cli.reasons import entry_text, say
from ottawa_cli.safe_text import one_line

if TYPE_CHECKING:
    from ottawa_cli.api.calc import JoinResult, WithdrawResult
    from ottawa_cli.api.history import PartiesResult, TimelineResult
    from ottawa_cli.api.sources import SourcesResult
    from ottawa_cli.api.states import ListResult, PendingEverywhereResult, PendingResult
    from ottawa_cli.api.status import StatusEverywhereResult, StatusResult
    from ottawa_cli.api.treaties import TreatiesResult
    from ottawa_cli.api.update import HeldResult, TreatyUpdate
    from ottawa_cli.law.model import Dataset, Duty, Event, Source
    from ottawa_cli.law.position import Deadline, Status
    from ottawa_cli.output.document import Style
    from ottawa_cli.output.sheets import Sheet
    from ottawa_cli.store.overlay import Fact

_STATUS_STYLE: dict[Status, Style] = STATUS_STYLE  # type: ignore[assignment]


def status_label(pos: Any) -> str:
    """The status as shown (`summaries.label`)."""
    return label(
        pos.status, pos.status == "signatory" and any(e.kind == "non-intention" for e in pos.events)
    )


_EVENT_LABEL = {
    "signature": "signed",
    "ratification": "ratification deposited",
    "acceptance": "acceptance deposited",
    "approval": "approval deposited",
    "accession": "accession deposited",
    "succession": "succession deposited",
    "withdrawal": "withdrawal received",
    "provisional-application": "provisional application declared",
    "withdrawal-revocation": "withdrawal notice revoked",
    "non-intention": "notice: does not intend to become a party",
    "consent-withdrawal": "instrument withdrawn before it bound the State",
    "notification": "notification",
    "milestone": "milestone",
}


# A fact as a noun, for "without the revocation of 29 May 2026".
_FACT_NOUN = {
    "withdrawal": "notice of withdrawal",
    "consent-withdrawal": "withdrawal of the instrument",
    "withdrawal-revocation": "revocation",
    "signature": "signature",
    "succession": "notification of succession",
}


def status_document(result: StatusResult) -> Document:
    return drawn(status_sheet(result), result.position.as_of, result.today)


def status_sheet(result: StatusResult) -> Sheet:
    """The status document with the words that count from the day asked or from today left as
    parts (`output.sheets`): the same for every day until the answer's position, deadlines or
    readings change."""
    dataset, pos = result.dataset, result.position
    treaty = dataset.treaty
    rows: list[tuple[str, object]] = [("Treaty", treaty.short_title), ("Status", status_label(pos))]
    if pos.since is not None:
        rows.append(("Since", [["dated", pos.since.isoformat()]]))
    if pos.signed:
        rows.append(("Signed", human(pos.signed)))
    if pos.consent:
        rows.append((pos.consent.kind.capitalize(), f"deposited {human(pos.consent.date)}"))
    if pos.provisional is not None:
        applied = pos.provisional.applies or "part of the treaty (the record does not say which)"
        under = treaty.provisional_application_article
        text = f"{applied}{f' ({under})' if under else ''}, declared {human(pos.provisional.date)}"
        until = f", until {treaty.called} entered into force for it"
        pending = ", pending entry into force"
        if pos.entry_into_force:
            rows.append(
                (
                    "Applies provisionally",
                    [text, ["by", pos.entry_into_force.isoformat(), until, pending]],
                )
            )
        else:
            rows.append(("Applies provisionally", text + pending))
    if pos.entry_into_force:
        rows.append(("In force for it", human(pos.entry_into_force)))
    elif pos.consent and pos.consent.kind == "succession":
        rows.append(("In force for it", "date not recorded (bound at the latest from deposit)"))
    outcome = pos.outcome
    if outcome:
        rows.append(("Withdrawal", f"received {human(outcome.received)}"))
        if outcome.takes_effect:
            effect = outcome.takes_effect.isoformat()
            rows.append(
                (
                    "",
                    [
                        ["by", effect, "took effect", "takes effect"],
                        " ",
                        ["dated", effect],
                        f", {withdrawal_rule(treaty, pos.consent).article}",
                    ],
                )
            )
        else:
            rows.append(
                (
                    "",
                    f"held by {treaty.withdrawal.article}: not before the end "
                    "of the armed conflict, no end recorded",
                )
            )
        if pos.withdrawal is not None and pos.withdrawal.note:
            rows.append(("", pos.withdrawal.note))
        if treaty.withdrawal.survives:
            rows.append(("", f"what it does not end: {treaty.withdrawal.survives}"))
    rows.append(("As of", [["as-of"]]))
    rows.extend(_resting_on(result))

    sheet: Sheet = [
        ["line", f"{pos.state.name} — {status_label(pos)}", _STATUS_STYLE[pos.status]],
        ["fields", [list(row) for row in rows]],
    ]
    if pos.state.not_to_be_confused_with:
        sheet.insert(
            1,
            [
                "line",
                f"This is {pos.state.name}; not "
                + " or ".join(pos.state.not_to_be_confused_with)
                + ", another State (`ottawa status` with its name answers for it).",
                "warning",
            ],
        )
    other = result.depositary_reading
    if other is not None:
        since = f" since {human(other.since)}" if other.since else ""
        sheet.append(
            [
                "line",
                f"On the depositary's record alone: {other.status}{since}. The answer above "
                "rests on a fact the depositary's record read here does not show.",
                "warning",
            ]
        )
    for fact, reading in result.readings:
        since = f" since {human(reading.since)}" if reading.since else ""
        sheet.append(
            [
                "line",
                f"Without the {_FACT_NOUN.get(fact.kind, fact.kind)} of {human(fact.date)} (not "
                f"on the depositary's record): {reading.status}{since}.",
                "warning",
            ]
        )
    for event in pos.events:
        sheet.extend(["line", line.text, line.style] for line in _readings(dataset, event))
    sheet.extend(_before_the_treaty(dataset))
    if pos.events:
        sheet.append(["line", "", "plain"])
        sheet.append(_block(events_table(dataset, pos.events)))
    notices = [e for e in pos.events if not e.has_legal_effect and e.kind == "notification"]
    for notice in notices:
        sheet.append(["line", "", "plain"])
        sheet.append(
            [
                "line",
                f"Communication of {human(notice.date)}, not an instrument under "
                f"{treaty.called}: "
                f"{notice.title or 'notification'}",
                "warning",
            ]
        )
        if notice.note:
            sheet.append(["line", f"  {notice.note}", "warning"])
    for conflict in pos.state.armed_conflicts:
        start = conflict.start.isoformat()
        ended: list[object] = ["no end recorded"]
        if conflict.end:
            ended = [["by", conflict.end.isoformat(), f"until {human(conflict.end)}", ended[0]]]
        sheet.append(["line-from", start, "", "plain"])
        sheet.append(
            [
                "line-from",
                start,
                [
                    f"Armed conflict (curated assertion, for {treaty.withdrawal.article}): "
                    f"{conflict.name}, from {human(conflict.start)}, ",
                    *ended,
                ],
                "muted",
            ]
        )
    if pos.steps:
        sheet.append(["line", "", "plain"])
        sheet.append(["line", "Why", "heading"])
        sheet.extend(["line", f"  {say(step)}", "plain"] for step in pos.steps)
    if result.deadlines:
        sheet.append(["line", "", "plain"])
        sheet.append(deadlines_block(result.deadlines))
    sheet.append(["line", "", "plain"])
    sheet.append(_footer_block(dataset))
    return sheet


def _block(table: Table) -> list[object]:
    """A table whose cells do not depend on the day, as a sheet's block."""
    columns = [[c.header, c.justify, c.keep] for c in table.columns]
    rows = [[row, style, None] for row, style in zip(table.rows, table.row_styles, strict=True)]
    return ["table", table.title, columns, rows]


def _resting_on(result: StatusResult) -> list[tuple[str, str]]:
    """A row for each fact the status rests on that is below the depositary's record."""
    from ottawa_cli.law.evidence import of_event
    from ottawa_cli.store.overlay_folder import SOURCE

    dataset = result.dataset
    rows: list[tuple[str, str]] = []
    for event in result.position.depends_on:
        evidence = of_event(event, dataset.sources)
        if event.source == SOURCE:
            rows.append(
                (
                    "Rests on" if not rows else "",
                    f"{_EVENT_LABEL[event.kind]} {human(event.date)}: the depositary's page, "
                    "imported by `ottawa update`, not reviewed",
                )
            )
            continue
        if evidence == "depositary":
            continue
        rows.append(
            (
                "Rests on" if not rows else "",
                f"{_EVENT_LABEL[event.kind]} {human(event.date)}: {_EVIDENCE_WORDS[evidence]}, "
                f"{source_label(dataset, event.source)}",
            )
        )
    return rows


def _readings(dataset: Dataset, event: Event) -> list[Line]:
    """An effect in dispute and dates sources disagree on: both readings, never one chosen."""
    lines = []
    if event.dispute is not None:
        dispute = event.dispute
        dated = f" ({human(dispute.date)})" if dispute.date else ""
        lines.append(
            Line(
                f"Disputed by {dispute.by}{dated}: the {_EVENT_LABEL[event.kind]} of "
                f"{human(event.date)} and its effect as recorded here. {dispute.reading} "
                f"({source_label(dataset, dispute.source)})",
                "warning",
            )
        )
    for other in event.conflicting_dates:
        field = {
            "date": "the date",
            "bound_from": "bound from",
            "entry_into_force": "entry into force",
            "takes_effect": "takes effect",
        }[other.field]
        lines.append(
            Line(
                f"Sources disagree: for the {_EVENT_LABEL[event.kind]} of {human(event.date)}, "
                f"{source_label(dataset, other.source)} gives {field} {human(other.date)}"
                + (f" ({other.note})" if other.note else "")
                + ".",
                "warning",
            )
        )
    return lines


def events_table(dataset: Dataset, events: tuple[Event, ...]) -> Table:
    table = Table([Column("Date", keep=True), Column("Event"), Column("Source")], title="Record")
    for event in events:
        what = _EVENT_LABEL[event.kind]
        if event.applies:
            what += f" ({event.applies})"
        if event.title:
            what += f": {event.title}"
        if event.notification:
            what += f" ({event.notification})"
        style: Style = "plain" if event.has_legal_effect else "muted"
        table.add(human(event.date), what, source_label(dataset, event.source), style=style)
    return table


def deadlines_table(
    due: tuple[Deadline, ...], as_of: dt.date, today: dt.date | None = None
) -> Table:
    table = drawn([deadlines_block(due)], as_of, today)[0]
    assert isinstance(table, Table)
    return table


def deadlines_block(due: tuple[Deadline, ...]) -> list[object]:
    """The deadlines as a sheet's table: each due date counted from the day asked, a row muted
    once its date has passed."""
    columns = [["Due", "left", True], ["Duty", "left", False], ["Article", "left", False]]
    rows: list[object] = []
    for deadline in due:
        # A duty that ended with the State's membership is no countdown: no "days ago".
        when: list[object] = (
            [human(deadline.due)] if deadline.ended else [["dated", deadline.due.isoformat()]]
        )
        duty = duty_words(deadline.duty, original=deadline.original_deadline)
        if deadline.extension is not None and deadline.original is not None:
            by = f" by the {deadline.extension.granted_by}" if deadline.extension.granted_by else ""
            duty += f" (extended from {human(deadline.original)}{by})"
        if deadline.completion is not None:
            duty += f" — declared completed {human(deadline.completion.date)}"
        if not deadline.binding:
            when.append(" — no longer binding: withdrawn before")
        elif deadline.ended is not None and deadline.completion is None:
            duty += f" — ended {human(deadline.ended)}, when its withdrawal took effect"
        done = deadline.completion is not None or deadline.ended
        if not deadline.binding or done:
            rows.append([[when, duty, deadline.duty.article], "muted", None])
        else:
            rows.append([[when, duty, deadline.duty.article], "plain", deadline.due.isoformat()])
    return ["table", "Deadlines", columns, rows]


def duty_words(duty: Duty, original: bool) -> str:
    """A duty as shown: its title, the condition it depends on where the data does not record
    whether the State meets it, and, for a deadline that may have been extended, that the date
    is the original one (all in the data's words)."""
    words = duty.title
    if duty.applies_if:
        words += f", {duty.applies_if}"
    if original and duty.may_be_extended_under:
        words += f" (original deadline; may be extended under {duty.may_be_extended_under})"
    return words


def source_label(dataset: Dataset, key: str) -> str:
    source: Source | None = dataset.sources.get(key)
    if source is None:
        return f"{key} (unknown source)"
    # Whole, however long: a title cut is a citation a reader cannot find.
    return source.title


def before_the_treaty(dataset: Dataset, day: dt.date) -> Line | None:
    """Said where a date asked about is before the treaty existed, or where the treaty is not in
    force: no State could be bound."""
    shown = drawn(_before_the_treaty(dataset), day, None)
    return None if not shown else shown[0]  # type: ignore[return-value]


def _before_the_treaty(dataset: Dataset) -> Sheet:
    from ottawa_cli.api.summary import frame

    return before_the_treaty_sheet(frame(dataset.treaty))


def members(dataset: Dataset) -> str:
    """Those bound, in the instrument's own word (`summaries.members`)."""
    return members_word(dataset.treaty.party_word)


def heading(dataset: Dataset) -> Line:
    """The first line of a document about a treaty: which treaty it is."""
    return heading_line(dataset.treaty.short_title, dataset.treaty.id)


def footer(dataset: Dataset, day: dt.date | None = None) -> Line:
    """When the data was last compared with the depositary, and, for a day after that, that
    what came later is not known here; and the facts an overlay of `ottawa update` added."""
    return footer_line(_footer_block(dataset), day)


def _footer_block(dataset: Dataset) -> list[object]:
    from ottawa_cli.api.summary import currency

    updates = None if dataset.updates is None else updates_sentence(dataset)
    return footer_block(*currency(dataset), updates)


def updates_sentence(dataset: Dataset) -> str:
    """What an answer took from the overlay, said wherever it is shown."""
    updates = dataset.updates
    assert updates is not None
    return (
        f"Includes {plural(updates.facts, 'fact')} imported from the UNTC page as at "
        f"{human(updates.as_at)}, not reviewed (`ottawa update`; --no-updates leaves them out)."
    )


_EVIDENCE_WORDS = EVIDENCE_WORDS


def evidence_of(pos: Any, dataset: Dataset) -> str:
    """The weakest class among the facts a position rests on ("depositary" when all are)."""
    from ottawa_cli.law.evidence import of_events

    return of_events(pos.depends_on, dataset.sources)


def list_document(result: ListResult) -> Document:
    """Every State's row on the day (`summaries.listing`)."""
    from ottawa_cli.api.summary import frame, summary

    dataset = result.dataset
    return listing(
        frame(dataset.treaty),
        _footer_block(dataset),
        [(p.state.name, summary(p, dataset.treaty, dataset.sources)) for p in result.positions],
        result.parties,
        result.as_of,
        None if result.evidence == "unclassified" else result.evidence,
    )


def pending_document(result: PendingResult) -> Document:
    dataset, as_of = result.dataset, result.as_of
    left_out = _left_out_lines([(dataset, p) for p in result.left_out], result.evidence)
    if not result.positions:
        early = before_the_treaty(dataset, as_of)
        return [
            heading(dataset),
            Line(f"No withdrawal {_known(as_of, [dataset])}pending on {human(as_of)}."),
            *([early] if early is not None else []),
            *left_out,
            footer(dataset, as_of),
        ]
    article = dataset.treaty.withdrawal.article
    table = Table(
        [
            Column("State"),
            Column("Received", keep=True),
            Column("Takes effect", keep=True),
            Column(countdown_header(as_of, result.today), "right", keep=True),
            Column("Evidence", keep=True),
            Column("Note"),
        ]
    )
    marked: set[str] = set()
    for pos in result.positions:
        assert pos.outcome is not None
        outcome = pos.outcome
        if outcome.takes_effect is not None:
            effect, countdown = (
                human(outcome.takes_effect),
                relative_day(outcome.takes_effect, as_of),
            )
        else:
            effect, countdown = "not before the conflict ends", "—"
        note = ""
        if outcome.held_by:
            note = f"held by {article}: " + ", ".join(c.name for c in outcome.held_by)
        elif outcome.at_risk_from:
            note = f"armed conflict recorded: {article} may hold it past " + human(
                outcome.period_expires
            )
        evidence = evidence_of(pos, dataset)
        marked.add(evidence)
        table.add(
            pos.state.name,
            human(outcome.received),
            effect,
            countdown,
            evidence,
            note,
            style=_STATUS_STYLE[pos.status],
        )
    count = plural(len(result.positions), "withdrawal")
    summary = Line(f"{count} pending on {human(as_of)}.")
    legend = [x for x in (evidence_legend(marked),) if x is not None]
    return [heading(dataset), table, summary, *legend, *left_out, footer(dataset, as_of)]


def _known(day: dt.date, datasets: Any) -> str:
    """ "known to be " where the day is after some treaty's depositary record: none known is
    not none."""
    return "known to be " if any(day > d.verified.as_at for d in datasets) else ""


def _left_out_lines(rows: list[tuple[Dataset, Any]], evidence: str) -> list[Line]:
    """What `--evidence` left out, and why: each notice with what it rests on."""
    if not rows:
        return []
    lines = [
        Line(
            f"Left out by --evidence {evidence}: {plural(len(rows), 'withdrawal')} pending on "
            "every recorded fact rests on less:",
            "warning",
        )
    ]
    for dataset, pos in rows:
        effect = pos.outcome.takes_effect if pos.outcome else None
        lines.append(
            Line(
                f"  {pos.state.name} ({dataset.treaty.short_title}): received "
                f"{human(pos.outcome.received) if pos.outcome else '?'}"
                + (f", takes effect {human(effect)}" if effect else "")
                + f"; rests on {evidence_of(pos, dataset)} sources",
                "warning",
            )
        )
    return lines


_PUBLISHED_LABEL = {
    "entry_into_force": "entry into force (published)",
    "bound_from": "bound from (succession)",
    "takes_effect": "takes effect (published)",
}


def sources_document(result: SourcesResult) -> Document:
    """Each fact with its source, so a reader can verify any date in one step; then each source
    once, with its whole address and its quotation or note."""
    dataset, state = result.dataset, result.state
    table = Table([Column("Fact"), Column("Date", keep=True), Column("Source")])
    numbers = {key: n for n, key in enumerate(result.cited, start=1)}

    def add(fact: str, day: dt.date, key: str) -> None:
        source = dataset.sources.get(key)
        title = source_label(dataset, key) if source else f"{key} (unknown source)"
        table.add(fact, human(day), f"[{numbers.get(key, '?')}] {title}")

    for event in state.events:
        add(_EVENT_LABEL[event.kind], event.date, event.source)
        if event.notification:
            table.add("  depositary notification", "", event.notification)
        if event.note:
            table.add("  note", "", event.note)
        for key in event.see_also:
            add("  see also", event.date, key)
        for name, published in event.published():
            add(f"  {_PUBLISHED_LABEL[name]}", published.date, published.source)
    for conflict in state.armed_conflicts:
        add(f"armed conflict: {conflict.name} (curated assertion)", conflict.start, conflict.source)
    for completion in state.completions:
        add(f"declared completed: {completion.duty}", completion.date, completion.source)
    doc: Document = [
        Line(f"{state.name} — sources, {dataset.treaty.short_title}", "heading"),
        table,
        Line(""),
        Line("Sources", "heading"),
    ]
    for key, n in numbers.items():
        source = dataset.sources.get(key)
        if source is None:
            continue
        dated = f" ({human(source.date)})" if source.date else ""
        doc.append(Line(f"[{n}] {source.title}{dated}"))
        if source.url:
            doc.append(Line(f"    {source.url}", "muted", link=source.url))
        if source.note:
            doc.append(Line(f"    {source.note}", "muted"))
    doc.append(footer(dataset))
    return doc


def timeline_document(result: TimelineResult) -> Document:
    return drawn(timeline_sheet(result), result.today, result.today)


def timeline_sheet(result: TimelineResult) -> Sheet:
    """The timeline with today's date left as a part (`output.sheets`): the same for every
    later day until one of its entries' days (each entry is past or to come, and today's
    mark placed among them), or what the entries are, changes."""
    dataset, today = result.dataset, result.today
    if not result.entries:
        return [
            _line(heading(dataset)),
            ["line", "Nothing in that period.", "plain"],
            _footer_block(dataset),
        ]
    columns = [["Date", "left", True], ["State", "left", False], ["Event", "left", False]]
    columns.append(["Basis", "left", False])
    rows: list[list[Any]] = []
    # Today's mark: its date is the day drawn for.
    marker = [[[["as-of"]], "", "── today ──", ""], "warning", None]
    # Today is marked only where it falls within the period shown.
    in_window = (result.start is None or result.start <= today) and (
        result.end is None or today <= result.end
    )
    marked = not in_window
    for entry in result.entries:
        if not marked and entry.date > today:
            rows.append(marker)
            marked = True
        basis = entry.article or ""
        if not entry.computed and entry.source:
            basis = source_label(dataset, entry.source)
        if not entry.legal_effect:
            basis = f"{basis} · no legal effect" if basis else "no legal effect"
        style: Style = "muted" if entry.date <= today else "emphasis"
        if entry.kind == "withdrawal-takes-effect" or entry.kind == "withdrawal-held":
            style = "bad" if entry.date <= today else "warning"
        cells = [human(entry.date), entry.state or f"({dataset.treaty.called})"]
        rows.append([[*cells, entry_text(entry), basis], style, None])
    if not marked:
        rows.append(marker)
    notes: Sheet = [
        ["line", "Computed dates cite their article; recorded ones their source.", "muted"]
    ]
    if any(style == "muted" for _, style, _ in rows):
        notes.insert(0, ["line", "Past entries are dimmed.", "muted", True])
    table = ["table", None, columns, rows]
    return [_line(heading(dataset)), table, *notes, _footer_block(dataset)]


def _line(line: Line) -> list[object]:
    return ["line", line.text, line.style]


def parties_document(result: PartiesResult) -> Document:
    changes = Table(
        [
            Column("Date", keep=True),
            Column("Parties", "right", keep=True),
            Column("Change", "right"),
            Column("Who"),
        ],
        title=f"{members(result.dataset)} at each change",
    )
    for c in result.changes:
        who = "; ".join(
            f"{verb}: {', '.join(names)}"
            for verb, names in (("joined", c.joined), ("left", c.left))
            if names
        )
        changes.add(
            human(c.date),
            str(c.parties),
            f"{c.change:+d}",
            who,
            style="bad" if c.change < 0 else "plain",
        )
    counts = [n for _, n, _ in result.years]
    peak = max(counts, default=0)
    # Bars start at zero and are proportional: a fall of a few States looks as small as it is
    # (the table above gives every change exactly).
    chart = Table(
        [Column("Year"), Column("Parties", "right", keep=True), Column("(bars from 0)")],
        title=f"{members(result.dataset)} at the end of each year",
    )
    for year, n, day in result.years:
        label = str(year) if (day.month, day.day) == (12, 31) else f"{year}, to {human(day)}"
        blocks = round(40 * n / peak) if peak > 0 else 0
        chart.add(label, str(n), "█" * blocks)
    doc: Document = [heading(result.dataset)]
    if result.start is not None and result.at_start is not None:
        doc.append(Line(f"{members(result.dataset)} on {human(result.start)}: {result.at_start}."))
    if result.changes:
        doc.append(changes)
    else:
        doc.append(Line(f"No change in the number of {members(result.dataset)} in that period."))
    doc += [Line(""), chart]
    first = result.first_fall
    if first is not None:
        doc.append(
            Line(
                f"The first fall in the treaty's history: {human(first.date)}, "
                f"{first.change:+d} ({', '.join(first.left)}).",
                "warning",
            )
        )
    doc.append(footer(result.dataset, result.end or result.today))
    return doc


def withdraw_document(result: WithdrawResult) -> Document:
    from ottawa_cli.reasons import period_expiry_label

    outcome = result.outcome
    effect = (
        human(outcome.takes_effect)
        if outcome.takes_effect
        else "no date: not before the end of the armed conflict"
    )
    rows = [
        ("Treaty", result.dataset.treaty.short_title),
        ("Received", human(outcome.received)),
        (period_expiry_label(result.dataset.treaty.withdrawal), human(outcome.period_expires)),
    ]
    if outcome.later_date is not None:
        applies = (
            "applies"
            if outcome.later_date_applies
            else f"does not apply: not later than {human(outcome.period_expires)}"
        )
        rows.append(("Later date named", f"{human(outcome.later_date)}, {applies}"))
    rows.append(("Takes effect", effect))
    return [
        Fields(rows),
        Line(""),
        Line("Why", "heading"),
        *(Line(f"  {say(step)}") for step in outcome.steps),
    ]


def join_document(result: JoinResult) -> Document:
    table = Table([Column("Due", keep=True), Column("Duty"), Column("Article")], title="Deadlines")
    for d in result.deadlines:
        if d.due is not None:
            when = human(d.due)
        else:
            when = f"each year by {_month_day(d.duty.annually_on)}"
            if d.first_due is not None:
                when += f", first {human(d.first_due)}"
        table.add(when, duty_words(d.duty, original=True), d.duty.article)
    return [
        Fields(
            [
                ("Treaty", result.dataset.treaty.short_title),
                ("Deposited", human(result.deposited)),
                ("In force for it", human(result.entry_into_force)),
            ]
        ),
        Line(""),
        Line("Why", "heading"),
        *(Line(f"  {say(s)}") for s in result.steps),
        Line(""),
        table
        if table.rows
        else Line(
            "No deadlines: the data records no dated duty that follows from entry into force "
            f"under {result.dataset.treaty.called}."
        ),
    ]


def _month_day(text: str | None) -> str:
    if not text:
        return ""
    month, day = (int(x) for x in text.split("-"))
    return human(dt.date(2001, month, day)).rsplit(" ", 1)[0]


def status_everywhere_document(result: StatusEverywhereResult) -> Document:
    """One row a treaty: `ottawa status STATE --treaty all` (`summaries.everywhere`)."""
    from ottawa_cli.api.summary import summary

    first = result.results[0].position if result.results else None
    rows = [
        (a.dataset.treaty.short_title, summary(a.position, a.dataset.treaty, a.dataset.sources))
        for a in result.results
    ]
    return everywhere(
        first.state.name if first else "",
        first.as_of if first else None,
        rows,
        result.absent,
        result.failed,
        [(a.dataset.treaty.id, _footer_block(a.dataset)) for a in result.results],
    )


_failed_lines = failed_lines


def pending_everywhere_document(result: PendingEverywhereResult) -> Document:
    """Every bundled treaty's pending withdrawals (`summaries.pending_everywhere`)."""
    from ottawa_cli.api.summary import summary

    return pending_everywhere(
        result.as_of,
        result.today,
        [
            (
                pos.state.name,
                dataset.treaty.short_title,
                summary(pos, dataset.treaty, dataset.sources),
            )
            for dataset, pos in result.rows
        ],
        known=bool(_known(result.as_of, result.datasets)),
        left_out=_left_out_lines(list(result.left_out), result.evidence),
        failed=result.failed,
        footers=[(d.treaty.id, _footer_block(d)) for d in result.datasets],
    )


def _treaty_footers(datasets: list[Dataset], day: dt.date | None) -> list[Line]:
    """How current each treaty's data is, one line for the treaties whose data is equally
    current (`summaries.treaty_footers`)."""
    return treaty_footers([(d.treaty.id, _footer_block(d)) for d in datasets], day)


def treaties_document(result: TreatiesResult) -> Document:
    """Each bundled treaty's row (`summaries.treaties_table`)."""
    from ottawa_cli.api.summary import currency, frame

    return treaties_table(
        [
            TreatyFacts(
                frame(row.dataset.treaty),
                currency(row.dataset),
                row.parties,
                row.parties_on_less,
                row.default,
            )
            for row in result.rows
        ],
        result.failed,
        [
            Line(f"{row.dataset.treaty.id}: {updates_sentence(row.dataset)}", "warning")
            for row in result.rows
            if row.dataset.updates is not None
        ],
        result.today,
    )


def _changes_document(result: Any) -> Document:
    from ottawa_cli.output.changes import changes_document

    return changes_document(result)


def fact_line(fact: Fact) -> str:
    """One fact of an overlay, as `ottawa update` reports it."""
    if fact.kind == "name":
        what = f"the page's name for it is {fact.name!r}"
    elif fact.kind == "signature":
        what = f"signed {human(fact.date)}"
    elif fact.kind == "withdrawal":
        effect = f", taking effect {human(fact.takes_effect)}" if fact.takes_effect else ""
        what = f"withdrawal received {human(fact.date)}{effect}"
    elif fact.kind == "withdrawal-revocation":
        what = f"withdrawal revoked {human(fact.date)}"
    else:
        what = f"{fact.kind} deposited {human(fact.date)}"
    where = f" ({fact.where})" if fact.where else ""
    return one_line(f"{fact.state}: {what}{where}")


def update_line(outcome: TreatyUpdate) -> str:
    """What `ottawa update` took from one treaty's page."""
    as_at = f" as at {human(outcome.as_at)}" if outcome.as_at else ""
    page = f"{outcome.reference or outcome.treaty}{as_at}"
    if not outcome.facts:
        return f"{page}: nothing the bundled data lacks"
    return f"{plural(len(outcome.facts), 'fact')} from {page}, not reviewed"


def held_document(result: HeldResult) -> Document:
    if not result.overlays:
        where = result.folder or "no user data folder"
        return [Line(f"No updates held ({one_line(where)}).", "muted")]
    table = Table(
        [Column("Treaty"), Column("Facts", "right"), Column("Page as at"), Column("File")]
    )
    for overlay in result.overlays:
        table.add(overlay.treaty, str(len(overlay.facts)), human(overlay.as_at), overlay.file)
    return [
        table,
        Line(
            "Imported from the depositary's pages by `ottawa update`, not reviewed; "
            "`ottawa update --clear` removes them, --no-updates leaves them out of an answer.",
            "muted",
        ),
    ]


# Each result's document, by the result's `kind`.
DOCUMENTS: dict[str, Callable[[Any], Document]] = {
    "status": status_document,
    "status-everywhere": status_everywhere_document,
    "pending-everywhere": pending_everywhere_document,
    "treaties": treaties_document,
    "list": list_document,
    "pending": pending_document,
    "sources": sources_document,
    "timeline": timeline_document,
    "parties": parties_document,
    "withdraw": withdraw_document,
    "join": join_document,
    "changes": _changes_document,
    "update-list": held_document,
}


def document(result: Any) -> Document:
    view = DOCUMENTS.get(result.kind)
    if view is None:
        # `--treaty all` for timeline, list, parties (one table with a Treaty column), and
        # `calc withdraw --state`.
        from ottawa_cli.output import across, whatif

        view = {**across.DOCUMENTS, **whatif.DOCUMENTS}[result.kind]
    return view(result)
