"""What changed: a saved UNTC status page (`ottawa_cli.untc.page`) against the data, as findings.

Pages name States as the depositary prints them ("Bolivia (Plurinational State of)",
"Türkiye"); each is matched to a State of the data through `StateIndex` (names, aliases, codes),
never by its raw spelling. The page is compared as of its "status as at" date: what the data
records after that day cannot be on the page, so it is no difference; it is reported as a
warning that says so (OTT317), and a withdrawal that is received by then but takes effect
later is expected to be in an end note and not yet [bracketed]. A row that shows an earlier
instrument of the data's is no difference when the data's last is a re-accession that an end
note on the State tells on the same day (ICCPR-OP1: Trinidad and Tobago, whose re-accession has
no row of its own). Dates the data does not publish (a withdrawal's effective date) are computed
by `ottawa_cli.law.history`, as everywhere else.
"""

from __future__ import annotations

import datetime as dt

from ottawa_cli.codes import CODES
from ottawa_cli.dates import human
from ottawa_cli.findings import Finding, Findings
from ottawa_cli.law.clauses import withdrawal_takes_effect
from ottawa_cli.law.model import Dataset, Event, State, WithdrawalRule
from ottawa_cli.law.position import Position, position
from ottawa_cli.store.lookup import AmbiguousState, StateIndex, UnknownState, keys_of, normalize
from ottawa_cli.store.overlay import CONSENTS, Fact
from ottawa_cli.untc.page import EndNote, Entry, Participant, StatusPage, Withdrawal

# Kinds of instrument a page prints that the data's event vocabulary lacks, and the kind the data
# records each as. A consent to be bound by a CCW protocol or amendment ("Consent to be
# bound(P)", CCW Art. 4(3)-(4)) is an `acceptance`: the word the depositary uses for it on the
# Convention's own page (XXVI-2, end note 8: "Acceptance of a Protocol is denoted by an "X"").
# A regional integration organization's formal confirmation ("Formal confirmation(c)") is a
# `ratification`, the act it stands for (CRPD Art. 43: "ratification by signatory States and
# [...] formal confirmation by signatory regional integration organizations"). So a page's
# consent to be bound and its acceptance ("A") both match the data's acceptance: the diff cannot
# tell which of the two the data meant (a treaty file says so in the event's note).
RECORDED_AS: dict[str, str] = {
    "consent to be bound": "acceptance",
    "formal confirmation": "ratification",
}
# Unknown names given the closest names of the data (each a fuzzy search of every name).
_SUGGESTED = 20
# A State is among the page's parties while its instrument is not bracketed.
_COUNTED = frozenset({"pending-entry-into-force", "party", "withdrawing", "withdrawal-suspended"})


# Findings of one code described one by one; the rest are counted in one more finding of that
# code (as the loader caps schema problems): a page of 3,600 unread sentences is not 3,600 lines.
MAX_FINDINGS = 1000


class _Findings:
    """A page's findings, placed by line, into the one sink (`findings.Findings`)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.sink = Findings(cap=MAX_FINDINGS)

    def add(self, code: str, message: str, line: int | None, field: str | None = None) -> None:
        severity = CODES[code].severity
        self.sink.append(Finding(code, severity, message, self.file, line, None, field))

    def sorted(self) -> list[Finding]:
        return self.sink.sorted()


def diff(page: StatusPage, dataset: Dataset, *, file: str) -> list[Finding]:
    """Every difference between the page and the data, with the page's line where it has one."""
    out = _Findings(file)
    if page.decoding_note:
        out.add("OTT316", f"the page was decoded with replacements: {page.decoding_note}", None)
    treaty = dataset.treaty
    if page.title and normalize(page.title) != normalize(treaty.title):
        out.add(
            "OTT301",
            f"the page is the status of {page.title!r}"
            + (f" ({page.mtdsg})" if page.mtdsg else "")
            + f"; the data is of {treaty.title!r}: nothing else compared",
            page.table_line,
        )
        return out.sorted()
    as_of = page.as_at
    for unread in page.unread:
        out.add("OTT315", f"header: {unread.reason}: {unread.text!r}", None)
    after = f"after the page's date ({human(as_of)})"

    index = StateIndex(dataset.states)
    known = {key for state in dataset.states for key in keys_of(state)}
    unknown = 0
    matched: dict[str, tuple[int, Participant]] = {}
    state_of_row: dict[int, State] = {}
    for i, p in enumerate(page.participants):
        field = f"participants[{i}]"
        for unread in p.unread:
            out.add(
                "OTT315",
                f"{p.name}: {unread.where}: {unread.reason}: {unread.text!r}",
                p.line,
                field,
            )
        key = normalize(p.name)
        if key not in known:
            # Suggestions cost a fuzzy search each: a page of made-up names gets a few, not all.
            unknown += 1
            suggestions = index.suggest(key) if unknown <= _SUGGESTED else []
            hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
            out.add(
                "OTT302",
                f"{p.name!r} is on the page but is no State of the data (by name, alias or "
                f"code){hint}",
                p.line,
                field,
            )
            continue
        try:
            state = index.find(p.name)
        except (UnknownState, AmbiguousState) as error:
            out.add("OTT302", f"{p.name!r} on the page: {error}", p.line, field)
            continue
        if state.name in matched:
            other = matched[state.name][1]
            out.add(
                "OTT303",
                f"{p.name!r} and {other.name!r} (line {other.line}) are both {state.name} in "
                "the data",
                p.line,
                field,
            )
            continue
        matched[state.name] = (i, p)
        state_of_row[i] = state

    # The States of the rows whose marks point to each note.
    referring: dict[str, dict[str, State]] = {}
    for i, row_state in state_of_row.items():
        for mark in page.participants[i].marks:
            referring.setdefault(mark, {})[row_state.name] = row_state
    whose = _Whose(referring, index, known)
    # The re-accessions the end notes tell, by State: an instrument a row need not show.
    reacceded: dict[str, set[dt.date]] = {}
    for note in page.notes:
        for reaccession in note.reaccessions:
            reaccedes = whose(note, reaccession.state)
            if reaccession.date is not None and reaccedes is not None:
                reacceded.setdefault(reaccedes.name, set()).add(reaccession.date)

    positions = {s.name: position(treaty, s, as_of) for s in dataset.states}
    signature_column = any(c.kind == "signature" for c in page.columns)
    for i, state in state_of_row.items():
        p = page.participants[i]
        told = frozenset(reacceded.get(state.name, ()))
        _compare_row(out, p, state, positions[state.name], i, as_of, after, signature_column, told)

    for state in dataset.states:
        if state.name in matched:
            continue
        legal = sorted(
            (e for e in state.events if e.kind == "signature" or e.is_consent),
            key=lambda e: e.date,
        )
        if not legal:
            continue
        first = legal[0]
        if first.date <= as_of:
            out.add(
                "OTT304",
                f"{state.name} is in the data ({_event(first)}) but not on the page",
                page.table_line,
            )
        else:
            out.add(
                "OTT317",
                f"{state.name}: the data's first entry ({_event(first)}) is {after}: not on "
                "the page, as expected",
                page.table_line,
            )

    _compare_withdrawals(out, page, dataset, whose, state_of_row, as_of, after)

    if page.parties is not None:
        parties = sum(1 for pos in positions.values() if pos.status in _COUNTED)
        if parties != page.parties:
            out.add(
                "OTT314",
                f"the page prints Parties: {page.parties}; the data has {parties} States with an "
                f"instrument deposited and not withdrawn on {human(as_of)}",
                None,
            )
    if page.signatories is not None:
        signatories = sum(
            1 for pos in positions.values() if pos.signed is not None and pos.status != "withdrawn"
        )
        if signatories != page.signatories:
            out.add(
                "OTT314",
                f"the page prints Signatories: {page.signatories}; the data has {signatories} "
                f"States that signed and had not withdrawn on {human(as_of)}",
                None,
            )
    return out.sorted()


def _event(event: Event) -> str:
    if event.kind == "signature":
        return f"signed {human(event.date)}"
    return f"{event.kind} deposited {human(event.date)}"


def _entry(entry: Entry) -> str:
    if entry.kind == "signature":
        return f"signed {human(entry.date)}"
    recorded = RECORDED_AS.get(entry.kind)
    kind = f"{entry.kind} (recorded as {recorded})" if recorded else entry.kind
    return f"{kind} deposited {human(entry.date)}"


class _Whose:
    """The State a fact in an end note is about: the row that points to the note, else the State
    the fact names."""

    def __init__(
        self, referring: dict[str, dict[str, State]], index: StateIndex, known: set[str]
    ) -> None:
        self.referring = referring
        self.index = index
        self.known = known

    def __call__(self, note: EndNote, named: str | None) -> State | None:
        rows = self.referring.get(note.number, {})
        if len(rows) == 1:
            return next(iter(rows.values()))
        if named and normalize(named) in self.known:
            try:
                return self.index.find(named)
            except AmbiguousState:
                return None
        return None


def _compare_row(
    out: _Findings,
    p: Participant,
    state: State,
    pos: Position,
    i: int,
    as_of: dt.date,
    after: str,
    signature_column: bool,
    reacceded: frozenset[dt.date],
) -> None:
    """One row against the State's position; `reacceded`: the days the end notes tell it
    re-acceded on."""
    field = f"participants[{i}]"
    unread = {u.where for u in p.unread}
    if p.name != state.name:
        out.add(
            "OTT313",
            f"the page prints {p.name!r}; the data's name is {state.name!r} (matched by alias "
            "or code): a name that changed?",
            p.line,
            field,
        )
    later_signatures = [e for e in state.events if e.kind == "signature" and e.date > as_of]
    later_consents = [e for e in state.events if e.is_consent and e.date > as_of]

    def none_by_then(later: list[Event]) -> str:
        return f"none by then ({_event(later[0])}, {after})" if later else "none"

    if "signature" not in unread:
        page_signed = p.signature.date if p.signature else None
        if page_signed != pos.signed:
            page_says = human(page_signed) if page_signed else "no signature"
            if not signature_column:
                # The CCW's protocols: consent is notified, nothing signed (CCW Art. 4(3)-(4)).
                page_says = "no Signature column"
            data_says = human(pos.signed) if pos.signed else none_by_then(later_signatures)
            out.add(
                "OTT305",
                f"{state.name}: signature: the page has {page_says}, the data {data_says}",
                p.line,
                field + ".signature",
            )
        elif page_signed is None and later_signatures:
            out.add(
                "OTT317",
                f"{state.name}: {_event(later_signatures[0])}, {after}: not on the page, as "
                "expected",
                p.line,
                field + ".signature",
            )
    if "instrument" not in unread:
        consent, ins = pos.consent, p.instrument
        if ins is None or consent is None:
            same = ins is None and consent is None
        else:
            printed = (RECORDED_AS.get(ins.kind, ins.kind), ins.date)
            same = printed == (consent.kind, consent.date)
            if not same and consent.kind == "accession" and consent.date in reacceded:
                # The row shows an earlier instrument of the data's, and an end note tells the
                # re-accession that has no row of its own (ICCPR-OP1's note 1: Trinidad and
                # Tobago re-acceded the day its first denunciation was received).
                same = any(e.is_consent and (e.kind, e.date) == printed for e in state.events)
        if not same:
            page_says = _entry(ins) if ins else "no instrument"
            data_says = _event(consent) if consent else none_by_then(later_consents)
            out.add(
                "OTT306",
                f"{state.name}: instrument: the page has {page_says}, the data {data_says}",
                p.line,
                field + ".instrument",
            )
        elif ins is None and later_consents:
            out.add(
                "OTT317",
                f"{state.name}: {_event(later_consents[0])}, {after}: not on the page, as expected",
                p.line,
                field + ".instrument",
            )

    withdrawn = pos.status == "withdrawn"
    if p.bracketed and not withdrawn:
        later = [e for e in state.events if e.kind == "withdrawal" and e.date > as_of]
        if pos.withdrawal is None and later:
            why = f"the data's withdrawal is received {human(later[0].date)}, {after}"
        elif pos.withdrawal is None:
            why = "the data records no withdrawal"
        elif pos.outcome is not None and pos.outcome.takes_effect is None:
            why = (
                f"the data's withdrawal (received {human(pos.withdrawal.date)}) is held by the "
                "armed-conflict clause, with no date"
            )
        else:
            effect = pos.outcome.takes_effect if pos.outcome else None
            why = (
                f"the data's withdrawal (received {human(pos.withdrawal.date)}) takes effect "
                f"{human(effect) if effect else '(no date)'}, {after}"
            )
        out.add(
            "OTT307",
            f"{state.name} is [bracketed] on the page (withdrawn), but {why}",
            p.line,
            field,
        )
    elif withdrawn and not p.bracketed:
        effect = pos.outcome.takes_effect if pos.outcome else None
        out.add(
            "OTT308",
            f"{state.name}: the data has it withdrawn from {human(effect) if effect else '?'}, "
            f"by the page's date ({human(as_of)}), but the page does not bracket it",
            p.line,
            field,
        )


def _cn_key(ref: str) -> str:
    """'C.N.52.2020.TREATIES-XXVI.5' and 'C.N.52.2020.TREATIES-XXVI-5' are the same."""
    return ref.upper().replace(" ", "").replace("-", ".")


def _compare_withdrawals(
    out: _Findings,
    page: StatusPage,
    dataset: Dataset,
    whose: _Whose,
    state_of_row: dict[int, State],
    as_of: dt.date,
    after: str,
) -> None:
    rule = dataset.treaty.withdrawal
    line_of = {s.name: page.participants[i].line for i, s in state_of_row.items()}

    # A revocation undoes the State's withdrawals received on or before it (None: any).
    revocations: dict[str, list[dt.date | None]] = {}
    for note in page.notes:
        for revocation in note.revocations:
            if (state := whose(note, revocation.state)) is not None:
                revocations.setdefault(state.name, []).append(revocation.date)

    accounted: set[int] = set()  # id() of the data's withdrawals an end note accounts for
    for j, note in enumerate(page.notes):
        field = f"notes[{j}]"
        for unread in note.unread:
            out.add(
                "OTT315",
                f"end note {note.number}: {unread.reason}: {unread.text!r}",
                note.line,
                field,
            )
        for w in note.withdrawals:
            if w.received is None:
                continue  # reported above as unread
            state = whose(note, w.state)
            if state is None:
                out.add(
                    "OTT309",
                    f"end note {note.number} records a withdrawal received {human(w.received)} "
                    f"by {w.state or 'a State it does not name'}, which is no State of the data",
                    note.line,
                    field,
                )
                continue
            events = [e for e in state.events if e.kind == "withdrawal"]
            same = [e for e in events if e.date == w.received]
            if any(d is None or d >= w.received for d in revocations.get(state.name, [])):
                for event in same:
                    accounted.add(id(event))
                    if any(
                        e.kind == "withdrawal-revocation" and e.date >= event.date
                        for e in state.events
                    ):
                        continue  # the data has the revocation too
                    out.add(
                        "OTT312",
                        f"{state.name}: end note {note.number}: the withdrawal received "
                        f"{human(w.received)} is revoked on the page; the data still has it",
                        note.line,
                        field,
                    )
                continue
            if same:
                accounted.add(id(same[0]))
                _compare_withdrawal(out, state, same[0], w, note, field, rule, as_of)
            elif events:
                accounted.update(id(e) for e in events)
                dates = ", ".join(human(e.date) for e in events)
                out.add(
                    "OTT310",
                    f"{state.name}: end note {note.number}: a withdrawal received "
                    f"{human(w.received)}; the data has it received {dates}",
                    note.line,
                    field,
                )
            else:
                effect = f", taking effect {human(w.takes_effect)}" if w.takes_effect else ""
                out.add(
                    "OTT309",
                    f"{state.name}: end note {note.number} records a withdrawal received "
                    f"{human(w.received)}{effect}; the data has none",
                    note.line,
                    field,
                )

    for state in dataset.states:
        for event in state.events:
            if event.kind != "withdrawal" or id(event) in accounted:
                continue
            cited = f" ({event.notification})" if event.notification else ""
            line = line_of.get(state.name, page.table_line)
            if event.date <= as_of:
                out.add(
                    "OTT311",
                    f"{state.name}: the data has a withdrawal received {human(event.date)}{cited} "
                    "that no end note on the page records",
                    line,
                )
            else:
                out.add(
                    "OTT317",
                    f"{state.name}: withdrawal received {human(event.date)}{cited}, {after}: not "
                    "on the page, as expected",
                    line,
                )


def _compare_withdrawal(
    out: _Findings,
    state: State,
    event: Event,
    w: Withdrawal,
    note: EndNote,
    field: str,
    rule: WithdrawalRule,
    as_of: dt.date,
) -> None:
    """One withdrawal on both sides, received the same day: its effect and its notification."""
    assert w.received is not None
    if event.takes_effect is not None:
        effect: dt.date | None = event.takes_effect.date
    else:
        effect = withdrawal_takes_effect(
            rule, event.date, state.armed_conflicts, as_of
        ).takes_effect
    if w.takes_effect is not None and w.takes_effect != effect:
        out.add(
            "OTT310",
            f"{state.name}: end note {note.number}: the withdrawal received {human(w.received)} "
            f"takes effect {human(w.takes_effect)}; the data has "
            f"{human(effect) if effect else 'no date (held by an armed conflict)'}",
            note.line,
            field,
        )
    if (
        w.notification
        and event.notification
        and _cn_key(w.notification) != _cn_key(event.notification)
    ):
        out.add(
            "OTT310",
            f"{state.name}: end note {note.number} cites {w.notification} for the withdrawal "
            f"received {human(w.received)}; the data cites {event.notification}",
            note.line,
            field,
        )


def lacking(page: StatusPage, dataset: Dataset) -> list[Fact]:
    """What the page records and the data lacks, as facts an overlay can hold (`ottawa
    update`): a signature or an instrument of a State with none in the data, a withdrawal an end
    note records that the data does not, with the dates the note gives, a revocation, and the
    name the page prints for a State matched by alias or code. Where the data has a fact the
    page contradicts, nothing is taken: `diff` reports it."""
    if page.title and normalize(page.title) != normalize(dataset.treaty.title):
        return []
    index = StateIndex(dataset.states)
    known = {key for state in dataset.states for key in keys_of(state)}
    state_of_row: dict[int, State] = {}
    taken: set[str] = set()
    for i, p in enumerate(page.participants):
        if normalize(p.name) not in known:
            continue
        try:
            state = index.find(p.name)
        except (UnknownState, AmbiguousState):
            continue
        if state.name in taken:
            continue
        taken.add(state.name)
        state_of_row[i] = state
    facts: list[Fact] = []
    for i, state in state_of_row.items():
        p = page.participants[i]
        row = f"row {p.name}"
        if normalize(p.name) != normalize(state.name):
            facts.append(
                Fact(state=state.name, kind="name", date=page.as_at, name=p.name, where=row)
            )
        if p.signature is not None and not any(e.kind == "signature" for e in state.events):
            facts.append(Fact(state=state.name, kind="signature", date=p.signature.date, where=row))
        if p.instrument is not None and not any(e.is_consent for e in state.events):
            kind = RECORDED_AS.get(p.instrument.kind, p.instrument.kind)
            if kind in CONSENTS:
                facts.append(Fact(state=state.name, kind=kind, date=p.instrument.date, where=row))

    referring: dict[str, dict[str, State]] = {}
    for i, row_state in state_of_row.items():
        for mark in page.participants[i].marks:
            referring.setdefault(mark, {})[row_state.name] = row_state
    whose = _Whose(referring, index, known)
    for note in page.notes:
        where = f"end note {note.number}"
        for w in note.withdrawals:
            withdrawing = whose(note, w.state)
            if w.received is None or withdrawing is None:
                continue
            if any(e.kind == "withdrawal" for e in withdrawing.events):
                continue  # the same one, or one the page contradicts (`diff` says which)
            facts.append(
                Fact(
                    state=withdrawing.name,
                    kind="withdrawal",
                    date=w.received,
                    takes_effect=w.takes_effect,
                    notification=w.notification,
                    where=where,
                )
            )
        for revocation in note.revocations:
            revoking = whose(note, revocation.state)
            if revocation.date is None or revoking is None:
                continue
            revoked = [
                e.date
                for e in revoking.events
                if e.kind == "withdrawal" and e.date <= revocation.date
            ] + [
                f.date
                for f in facts
                if f.state == revoking.name and f.kind == "withdrawal" and f.date <= revocation.date
            ]
            done = any(
                e.kind == "withdrawal-revocation" and e.date >= max(revoked, default=e.date)
                for e in revoking.events
            )
            if revoked and not done:
                facts.append(
                    Fact(
                        state=revoking.name,
                        kind="withdrawal-revocation",
                        date=revocation.date,
                        notification=revocation.notification,
                        where=where,
                    )
                )
    return facts
