"""`ottawa status STATE --treaty all` drawn from summaries (`api.summary`): one row a treaty.

The same drawing serves the library's answer (`views.status_everywhere_document`) and the rows
the index keeps for each span of days (`cli.fast`), so the two are the same text. Standard
library only: the rows read from the index are drawn without importing the models.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager

from ottawa_cli.dates import human
from ottawa_cli.output.document import Column, Document, Line, Table
from ottawa_cli.output.sheets import footer_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from ottawa_cli.output.document import Style
    from ottawa_cli.store.index_file import BundledIndex

STATUS_STYLE: dict[str, Style] = {
    "not-a-party": "muted",
    "signatory": "plain",
    "pending-entry-into-force": "emphasis",
    "party": "good",
    "withdrawing": "warning",
    "withdrawal-suspended": "warning",
    "withdrawn": "bad",
}


def label(status: str, not_intending: bool) -> str:
    """The status as shown: a signatory that notified it does not intend to become a party
    says so wherever its status is (the United States and the Rome Statute, 2002)."""
    return "signatory (not intending to become a party)" if not_intending else status


# Said beside any answer that rests on less than the depositary's record.
EVIDENCE_WORDS = {
    "official": "official (the State, the treaty's organisation or a parliament)",
    "reported": "reported (press, NGOs, trackers)",
    "unclassified": "a source that does not say what it is",
}


def evidence_legend(
    classes: set[str],
    lead: str = "Evidence: a row resting on less than the depositary's record says on what",
) -> Line | None:
    """The legend for an Evidence column (or a picture's marks, said in `lead`): what each class
    it shows means."""
    shown = [c for c in EVIDENCE_WORDS if c in classes]
    if not shown:
        return None
    return Line(
        f"{lead}: "
        + "; ".join(EVIDENCE_WORDS[c] for c in shown)
        + ". `ottawa status STATE` names the fact and its source; `--evidence depositary` "
        "answers from the depositary's record alone.",
        "muted",
    )


def failed_lines(failed: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> list[Line]:
    """A line for each treaty whose data could not be read, with why."""
    from ottawa_cli.safe_text import one_line

    return [
        Line(f"{treaty}: its data could not be read: {one_line(why)}", "bad")
        for treaty, why in failed
    ]


def treaty_footers(footers: list[tuple[str, list[Any]]], day: dt.date | None) -> list[Line]:
    """How current each treaty's data is (its id and footer block, `sheets.footer_block`), one
    line for the treaties whose data is equally current (thirty-six lines alike help no one),
    naming them."""
    groups: dict[Line, list[str]] = {}
    for treaty, block in footers:
        groups.setdefault(footer_line(block, day), []).append(treaty)
    return [Line(f"{line.text} ({', '.join(ids)})", line.style) for line, ids in groups.items()]


def everywhere(
    name: str,
    as_of: dt.date | None,
    rows: list[tuple[str, dict[str, Any]]],
    absent: tuple[str, ...] | list[str],
    failed: tuple[tuple[str, str], ...] | list[tuple[str, str]],
    footers: list[tuple[str, list[Any]]],
) -> Document:
    """The document: the participant's row under each treaty (its short title and summary), the
    treaties it is not in, those that could not be read, and how current each one's data is."""
    table = Table(
        [
            Column("Treaty"),
            Column("Status", keep=True),
            Column("Since", keep=True),
            Column("In force for it", keep=True),
            Column("Withdrawal received", keep=True),
            Column("Takes effect", keep=True),
            Column("Evidence", keep=True),
            Column("Articles"),
        ]
    )
    marked: set[str] = set()
    for title, row in rows:
        effect = "held" if row["held"] else _human(row["takes_effect"])
        evidence = row["evidence"]
        marked.add(evidence)
        table.add(
            title,
            label(row["status"], row["not_intending"]),
            _human(row["since"]),
            _human(row["in_force"]),
            _human(row["received"]),
            effect,
            "" if evidence == "depositary" else evidence,
            ", ".join(row["articles"]),
            style=STATUS_STYLE[row["status"]],
        )
    shown = human(as_of) if as_of is not None else ""
    doc: Document = [Line(f"{name} — every bundled treaty, as of {shown}", "heading"), table]
    if (legend := evidence_legend(marked)) is not None:
        doc.append(legend)
    if absent:
        doc.append(Line(f"Not a participant in: {', '.join(absent)}.", "muted"))
    doc.extend(failed_lines(failed))
    # Each treaty's data says how current it is, named: forty lines alike help no one.
    doc.extend(treaty_footers(footers, as_of))
    return doc


def heading(short_title: str, treaty: str) -> Line:
    """The first line of a document about a treaty: which treaty it is."""
    return Line(f"{short_title} ({treaty})", "heading")


def members(party_word: str) -> str:
    """Those bound, in the instrument's own word: "States Parties", or "Members" of an
    organisation's constitution."""
    return "Members" if party_word == "Member" else "States Parties"


def asked(evidence: str) -> Line:
    """Said wherever `--evidence` narrowed what was counted."""
    return Line(
        f"Counted with --evidence {evidence}: facts resting on less are left out.", "warning"
    )


def before_the_treaty_sheet(frame: dict[str, Any]) -> list[Any]:
    """The sheet (`output.sheets`) of what is said where a day asked about is before the treaty
    existed, or where the treaty is not in force: no State could be bound."""
    called = frame["called"]
    if not frame["in_force"]:
        return [
            [
                "line",
                f"{called[:1].upper()}{called[1:]} is not in force "
                f"({frame['entry_into_force_article']}): no State is bound by it. It awaits "
                f"{frame['awaits']}.",
                "warning",
            ]
        ]
    opened = dt.date.fromisoformat(frame["opened"])
    return [
        [
            "line-before",
            opened.isoformat(),
            [
                ["as-of"],
                f" is before {called} was opened for signature "
                f"({human(opened)}): no State could have signed or joined it then.",
            ],
            "warning",
        ]
    ]


def listing(
    frame: dict[str, Any],
    footer: list[Any],
    rows: list[tuple[str, dict[str, Any]]],
    parties: int,
    as_of: dt.date,
    evidence: str | None = None,
) -> Document:
    """`ottawa list`: each participant's row (its name and summary), in the order given, with the
    number of Parties on the day (`parties`: whatever the rows shown), and, where `--evidence`
    narrowed what was counted, the level."""
    from ottawa_cli.english import plural
    from ottawa_cli.output.sheets import drawn

    table = Table(
        [
            Column("State"),
            Column("Status", keep=True),
            Column("Since", keep=True),
            Column("In force", keep=True),
            Column("Withdrawal takes effect", keep=True),
        ]
    )
    marked = {row["evidence"] for _, row in rows if row["evidence"] != "depositary"}
    if marked:
        table.columns.append(Column("Evidence", keep=True))
    for name, row in rows:
        effect = ""
        if row["received"] is not None:
            held = f"held ({frame['withdrawal_article']})"
            effect = held if row["held"] else _human(row["takes_effect"])
        cells = [
            name,
            label(row["status"], row["not_intending"]),
            _human(row["since"]),
            _human(row["in_force"]),
            effect,
        ]
        if marked:
            cells.append("" if row["evidence"] == "depositary" else row["evidence"])
        table.add(*cells, style=STATUS_STYLE[row["status"]])
    shown = plural(len(rows), "State")
    doc: Document = [
        heading(frame["short_title"], frame["id"]),
        table,
        Line(f"{parties} {members(frame['party_word'])} on {human(as_of)}; {shown} shown."),
    ]
    if (legend := evidence_legend(marked)) is not None:
        doc.append(legend)
    if evidence is not None:
        doc.append(asked(evidence))
    doc.extend(drawn(before_the_treaty_sheet(frame), as_of, None))
    return [*doc, footer_line(footer, as_of)]


def list_from_index(treaty: str, as_of: dt.date | None, today: dt.date) -> Document | None:
    """`ottawa list [--treaty ID] [--as-of DAY]` from the summaries the bundled data's index
    keeps; None where it may not answer, as for `from_index` (and for a treaty id it does not
    hold as such: the library says which there are)."""
    from ottawa_cli.store.lookup import normalize

    day = as_of or today
    with _kept_index() as index:
        if index is None:
            return None
        fronts = _fronts(index)
        if fronts is None or treaty not in fronts:
            return None
        found = [(name, json.loads(text)) for name, text in index.listing(treaty, day)]
    found.sort(key=lambda row: normalize(row[0]))
    front = fronts[treaty]
    parties = sum(1 for _, row in found if row["bound"])
    return listing(front.frame, front.block, found, parties, day)


class TreatyFacts:
    """One treaty's row of `ottawa treaties`: its frame (`api.summary.frame`), how current its
    data is (`api.summary.currency`), its Parties on the day and those of them resting on less
    than the depositary's record, and whether it is the default treaty."""

    __slots__ = ("currency", "default", "frame", "on_less", "parties")

    def __init__(
        self,
        frame: dict[str, Any],
        currency: tuple[str, dt.date, dt.date | None],
        parties: int,
        on_less: int,
        default: bool,
    ) -> None:
        self.frame, self.currency, self.parties = frame, currency, parties
        self.on_less, self.default = on_less, default


def treaties_table(
    rows: list[TreatyFacts],
    failed: tuple[tuple[str, str], ...] | list[tuple[str, str]],
    updates: list[Line],
    today: dt.date,
) -> Document:
    """`ottawa treaties`: each treaty's row, those whose data could not be read, what an overlay
    of `ottawa update` added (`updates`), and how current the data is."""
    table = Table(
        [
            Column("Id"),
            Column("Treaty"),
            Column("Depositary"),
            Column("In force", keep=True),
            Column("Parties", "right", keep=True),
            Column("Verified"),
        ]
    )
    for row in rows:
        _, verified_at, others = row.currency
        verified = human(verified_at)
        if others is not None and others > verified_at:
            verified += f" (others to {human(others)})"
        parties = str(row.parties)
        if row.on_less:
            parties += f" ({row.on_less} not on the depositary's record)"
        frame = row.frame
        table.add(
            frame["id"] + (" (default)" if row.default else ""),
            frame["short_title"],
            frame["depositary"],
            _human(frame["in_force_on"]) or "not in force",
            parties,
            verified,
        )
    notes = []
    if any(row.on_less for row in rows):
        notes.append(
            Line(
                'A count marked "not on the depositary\'s record" includes Parties whose '
                "position rests on an official or reported source only (`ottawa list --treaty "
                "ID` marks them).",
                "muted",
            )
        )
    notes.extend(updates)
    stale = [row for row in rows if today > row.currency[1]]
    if stale:
        notes.append(
            Line(
                f"The data of {len(stale)} of these {len(rows)} treaties predate "
                f"{human(today)}: an instrument, withdrawal or notice since each one's "
                "date is not known here.",
                "warning",
            )
        )
    return [
        table,
        *failed_lines(failed),
        *notes,
        Line(
            f"Parties (Members of an organisation) on {human(today)}; `--treaty ID` "
            "chooses one, "
            "`--treaty all` (status, pending, timeline, list, parties, export) every one.",
            "muted",
        ),
    ]


def treaties_from_index(today: dt.date) -> Document | None:
    """`ottawa treaties` from the bundled data's index; None where it may not answer, as for
    `from_index`."""
    from ottawa_cli.store.bundled import DEFAULT_TREATY
    from ottawa_cli.store.index_file import EVERY_FACT

    with _kept_index() as index:
        if index is None:
            return None
        fronts = _fronts(index)
        if fronts is None:
            return None
        rows = []
        for treaty, front in fronts.items():
            counts = index.counts(treaty, EVERY_FACT, today)
            rows.append(
                TreatyFacts(
                    front.frame,
                    front.currency,
                    counts.parties,
                    counts.parties_on_less,
                    treaty == DEFAULT_TREATY,
                )
            )
    return treaties_table(rows, (), [], today)


def countdown_header(as_of: dt.date, today: dt.date) -> str:
    """The countdown column's name: from today, or from the day asked, named."""
    return "Countdown" if as_of == today else f"Countdown from {human(as_of)}"


def pending_everywhere(
    as_of: dt.date,
    today: dt.date,
    rows: list[tuple[str, str, dict[str, Any]]],
    *,
    known: bool,
    left_out: list[Line],
    failed: tuple[tuple[str, str], ...] | list[tuple[str, str]],
    footers: list[tuple[str, list[Any]]],
) -> Document:
    """`ottawa pending --treaty all`: each pending withdrawal (the participant's name, the
    treaty's short title and the summary), in the order given; with `known`, the day is after
    some treaty's depositary record, so that none known is not said to be none."""
    from ottawa_cli.english import plural
    from ottawa_cli.output.sheets import relative_day

    # Every treaty asked says how current its data is, pending or not.
    currency = [*failed_lines(failed), *treaty_footers(footers, as_of)]
    if not rows:
        return [
            Line(
                f"No withdrawal {'known to be ' if known else ''}pending under any bundled treaty "
                f"on {human(as_of)}."
            ),
            *left_out,
            *currency,
        ]
    countdown = countdown_header(as_of, today)
    table = Table(
        [
            Column("State"),
            Column("Treaty"),
            Column("Received", keep=True),
            Column("Takes effect", keep=True),
            Column(countdown, "right", keep=True),
            Column("Evidence", keep=True),
        ]
    )
    marked: set[str] = set()
    for name, title, row in rows:
        if row["takes_effect"] is not None:
            day = dt.date.fromisoformat(row["takes_effect"])
            effect, counted = human(day), relative_day(day, as_of)
        else:
            effect, counted = "not before the conflict ends", "—"
        marked.add(row["evidence"])
        table.add(
            name,
            title,
            _human(row["received"]),
            effect,
            counted,
            row["evidence"],
            style=STATUS_STYLE[row["status"]],
        )
    count = plural(len(rows), "withdrawal")
    legend = [x for x in (evidence_legend(marked),) if x is not None]
    return [table, Line(f"{count} pending on {human(as_of)}."), *legend, *left_out, *currency]


def from_index(query: str, as_of: dt.date | None, today: dt.date) -> Document | None:
    """`ottawa status QUERY --treaty all [--as-of DAY]` from the summaries the bundled data's
    index keeps; None where it may not answer (the library then does): no index kept that
    matches the data and the code, an overlay of `ottawa update` that may change an answer, a
    name that is not one participant's, a treaty whose data could not be read."""
    from ottawa_cli.store.lookup import normalize

    day = as_of or today
    with _kept_index() as index:
        if index is None:
            return None
        name = index.only_name(normalize(query))
        if name is None:
            return None  # none, or several: the library says which
        fronts = _fronts(index)
        if fronts is None:
            return None
        found = index.everywhere(name, day)
        of = index.treaties_of(name)
    absent = [treaty for treaty in fronts if treaty not in of]
    if not found or len(found) + len(absent) != len(fronts):
        return None
    rows = [(fronts[treaty].title, json.loads(summary)) for treaty, _, summary in found]
    footers = [(treaty, fronts[treaty].block) for treaty, _, _ in found]
    return everywhere(name, day, rows, absent, (), footers)


def pending_from_index(as_of: dt.date | None, today: dt.date) -> Document | None:
    """`ottawa pending --treaty all [--as-of DAY]` from the summaries the bundled data's index
    keeps; None where it may not answer, as for `from_index`."""
    day = as_of or today
    with _kept_index() as index:
        if index is None:
            return None
        fronts = _fronts(index)
        if fronts is None:
            return None
        found = [
            (name, treaty, json.loads(summary)) for treaty, name, summary in index.pending(day)
        ]

    def order(row: tuple[str, str, dict[str, Any]]) -> tuple[bool, str, str, str]:
        # As the library orders them: soonest first, those an armed conflict holds (or may
        # hold) last.
        name, treaty, summary = row
        return (summary["may_be_held"], summary["takes_effect"] or "9999-12-31", name, treaty)

    found.sort(key=order)
    rows = [(name, fronts[treaty].title, summary) for name, treaty, summary in found]
    return pending_everywhere(
        day,
        today,
        rows,
        known=any(day > dt.date.fromisoformat(f.block[2]) for f in fronts.values()),
        left_out=[],
        failed=(),
        footers=[(treaty, front.block) for treaty, front in fronts.items()],
    )


@contextmanager
def _kept_index() -> Iterator[BundledIndex | None]:
    """The bundled data's index, where it may answer: no overlay of `ottawa update` may change
    an answer, and it is the one kept in the cache folder for the data and the code now, or the
    one built with the package for these files, copied there now (`index_file.kept`), or else
    one the library builds and keeps now (once for a change to the data). None where no index
    is kept (`OTTAWA_NO_CACHE`, no cache folder): building every treaty's for one answer would
    cost more than reading the files."""
    from ottawa_cli.store.index_file import answers_everything, folder, kept, stat_manifest

    if not answers_everything() or folder() is None:
        yield None
        return
    index = kept(stat_manifest())
    if index is None:
        from ottawa_cli.api.index import open_index

        index = open_index()
    with index:
        yield index


class _Front:
    """A treaty's facts its documents name (`api.summary.frame`), how current its data is
    (`api.summary.currency`) and its footer's block."""

    __slots__ = ("block", "currency", "frame")

    def __init__(
        self, frame: dict[str, Any], currency: tuple[str, dt.date, dt.date | None]
    ) -> None:
        from ottawa_cli.output.sheets import footer_block

        self.frame, self.currency = frame, currency
        self.block = footer_block(*currency, None)

    @property
    def title(self) -> str:
        return str(self.frame["short_title"])


def _fronts(index: BundledIndex) -> dict[str, _Front] | None:
    """Each treaty's front, in order; None where a treaty's data could not be read (the
    library says why)."""
    fronts: dict[str, _Front] = {}
    for treaty, front, error in index.fronts():
        if error is not None or front is None:
            return None
        facts = json.loads(front)
        against, verified, others = facts["currency"]
        others_to = None if others is None else dt.date.fromisoformat(others)
        fronts[treaty] = _Front(
            facts["frame"], (against, dt.date.fromisoformat(verified), others_to)
        )
    return fronts


def _human(iso: str | None) -> str:
    return "" if iso is None else human(dt.date.fromisoformat(iso))
