"""A UN Treaty Collection status page against a treaty's data (`ottawa untc diff`, of a saved page
or of the current one, fetched), a starting treaty file written from one (`ottawa untc import`),
and the current pages of the bundled treaties, fetched (`ottawa untc fetch`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ottawa_cli.api import Data, load
from ottawa_cli.api.check import CheckResult
from ottawa_cli.store.bundled import ALL, StrPath

if TYPE_CHECKING:
    from ottawa_cli.untc.fetch import FetchSettings


@dataclass(frozen=True, kw_only=True)
class UntcDiffQuery:
    # A saved page; None: the treaty's current page, fetched with `fetch`.
    page: StrPath | None = None
    fetch: FetchSettings | None = None
    # The day a saved XML record is as at (the MTDSG XML says none; an HTML page says its own).
    as_at: dt.date | None = None


def untc_diff(data: Data, query: UntcDiffQuery) -> CheckResult:
    """Every difference between the page and the treaty's data, as findings in the page (the
    same shapes and exit codes as `ottawa check`). A fetched page is named by its address."""
    from pathlib import Path

    from ottawa_cli.untc.diff import diff
    from ottawa_cli.untc.mtdsg_xml import read_page
    from ottawa_cli.untc.page import shown_path

    # The data as curated: the overlay of `ottawa update` is what a page taught, not the data.
    dataset = load(data, updates=False)
    if query.page is not None:
        page = read_page(Path(os.fspath(query.page)), as_at=query.as_at)
        # The page as its findings name it: valid UTF-8 whatever the bytes of its name.
        file = shown_path(query.page)
    else:
        from ottawa_cli.untc.fetch import Fetcher, FetchSettings, reference_of

        reference = reference_of(dataset.treaty)
        with Fetcher(query.fetch or FetchSettings()) as fetcher:
            fetched = fetcher.status_page(reference)
        page, file = fetched.page, fetched.url
    findings = diff(page, dataset, file=file)
    return CheckResult(files=(file,), findings=tuple(findings))


@dataclass(frozen=True, kw_only=True)
class UntcFetchQuery:
    # A bundled treaty's id, or `all`: each whose depositary is the UN Secretary-General and
    # whose file names its reference.
    treaty: str = ALL
    # Where `<treaty id>.html` is written (made if missing).
    folder: StrPath = "."
    fetch: FetchSettings | None = None
    # Also the record's XML (the MTDSG XML the page links), to `<treaty id>.xml` beside it.
    xml: bool = False


@dataclass(frozen=True, kw_only=True)
class FetchOutcome:
    treaty: str
    reference: str | None = None
    url: str | None = None
    # The file written, and the "status as at" date of the page in it.
    written: str | None = None
    as_at: dt.date | None = None
    # The record's XML written beside it (with `xml`), as at the page's date (it says none).
    xml_written: str | None = None
    # The server answered 304: the copy fetched before, from the cache, is the current page.
    not_modified: bool = False
    # Why it failed: one line, naming the address.
    error: str | None = None
    # Why a treaty has no page to fetch (with `all`): another depositary, or no reference.
    skipped: str | None = None


@dataclass(frozen=True, kw_only=True)
class UntcFetchResult:
    kind: ClassVar[str] = "untc-fetch"
    outcomes: tuple[FetchOutcome, ...]

    @property
    def failed(self) -> tuple[FetchOutcome, ...]:
        return tuple(o for o in self.outcomes if o.error is not None)


def untc_fetch(
    query: UntcFetchQuery, on_outcome: Callable[[FetchOutcome], None] | None = None
) -> UntcFetchResult:
    """The current status page of each treaty asked for, each written whole to
    `<treaty id>.html` once it has been read as that treaty's page; a page that fails is one
    outcome and the others go on. `on_outcome` hears of each as it ends."""
    from ottawa_cli.errors import OttawaError
    from ottawa_cli.store.bundled import treaty_ids, treaty_path
    from ottawa_cli.untc.fetch import (
        Fetcher,
        FetchSettings,
        NoStatusPage,
        reference_of,
        write_page,
    )

    # Each treaty's reference, before anything is fetched: an unknown id, or one with no page,
    # is a usage error with nothing fetched.
    targets: list[tuple[str, str | None, str | None]] = []
    for treaty in treaty_ids() if query.treaty == ALL else [query.treaty]:
        dataset = load(treaty_path(treaty), updates=False)
        try:
            targets.append((treaty, reference_of(dataset.treaty), None))
        except NoStatusPage as why:
            if query.treaty != ALL:
                raise
            targets.append((treaty, None, str(why)))
    folder = os.fspath(query.folder)
    outcomes = []
    with Fetcher(query.fetch or FetchSettings()) as fetcher:
        for treaty, reference, skipped in targets:
            if reference is None:
                outcome = FetchOutcome(treaty=treaty, skipped=skipped)
            else:
                try:
                    fetched = fetcher.status_page(reference)
                    # Both read before either is written: a failure leaves neither changed.
                    record = fetcher.xml_record(fetched, reference) if query.xml else None
                    written = write_page(folder, f"{treaty}.html", fetched.body)
                    xml_written = None
                    if record is not None:
                        xml_written = write_page(folder, f"{treaty}.xml", record.body)
                except OttawaError as error:
                    outcome = FetchOutcome(treaty=treaty, reference=reference, error=str(error))
                else:
                    outcome = FetchOutcome(
                        treaty=treaty,
                        reference=reference,
                        url=fetched.url,
                        written=written,
                        as_at=fetched.page.as_at,
                        xml_written=xml_written,
                        not_modified=fetched.not_modified,
                    )
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    return UntcFetchResult(outcomes=tuple(outcomes))


@dataclass(frozen=True, kw_only=True)
class UntcImportQuery:
    page: StrPath
    # The id the new treaty will have (`--treaty ID`): lowercase letters, digits and hyphens.
    id: str
    # The day a saved XML record is as at (the MTDSG XML says none; an HTML page says its own).
    as_at: dt.date | None = None


@dataclass(frozen=True, kw_only=True)
class UntcImportResult:
    kind: ClassVar[str] = "untc-import"
    # The treaty file, YAML, to be completed by a curator where it says GAP.
    text: str
    participants: int
    # Page names that are no State of the registry: the file keeps them, `check` reports them.
    unmatched: tuple[str, ...]
    gaps: tuple[str, ...]


_ID = re.compile(r"[a-z][a-z0-9-]{0,39}")
_ARTICLE = re.compile(r"in accordance with article ([0-9IVXLC]+(?:\s*\(\d+\))?)", re.I)
# The fields the page cannot give: each is a GAP comment in the file, and `check` names it.
GAPS = (
    "treaty.opened_for_signature: the date the treaty was opened for signature, and its source",
    "treaty.entry_into_force.threshold_deposit, instruments_required, months_after_deposit: "
    "the treaty's entry-into-force article",
    "treaty.withdrawal: its article, period and any armed-conflict clause, from the text",
    "treaty.duties: only where the text sets a dated one",
    "published entries into force for each State, where a source states them",
)


def untc_import(query: UntcImportQuery) -> UntcImportResult:
    """A starting treaty file from the page: every participant with its signature and
    instrument, each citing the page and its "as at" date; the end notes' withdrawals; the
    header's facts. What the page does not give is left as marked gaps, never guessed."""
    from pathlib import Path

    from ottawa_cli.dates import human
    from ottawa_cli.errors import Named, UsageError
    from ottawa_cli.store.lookup import AmbiguousState, StateIndex, UnknownState, keys_of, normalize
    from ottawa_cli.untc.diff import RECORDED_AS
    from ottawa_cli.untc.mtdsg_xml import read_page
    from ottawa_cli.untc.page import shown_path

    if not _ID.fullmatch(query.id):
        raise UsageError(
            Named("id"),
            f" {query.id[:40]!r}: a treaty id is lowercase letters, digits and hyphens, "
            "beginning with a letter (e.g. cwc, att)",
        )
    page = read_page(Path(os.fspath(query.page)), as_at=query.as_at)
    # Its name in the file: a byte that is not UTF-8 as \xNN (the file is UTF-8).
    page_name = os.path.basename(shown_path(query.page))
    states = load(None, updates=False).states
    index = StateIndex(states)
    known = {key for state in states for key in keys_of(state)}

    def registry_name(name: str) -> str | None:
        # A name that is no key is looked up no further: `find` would compute suggestions for
        # it (a fuzzy search of every name, 0.8 ms each) that the file never shows.
        if normalize(name) not in known:
            return None
        try:
            return index.find(name).name
        except (UnknownState, AmbiguousState):
            return None

    withdrawals = {}
    for note in page.notes:
        for w in note.withdrawals:
            if w.state and w.received and (name := registry_name(w.state)):
                withdrawals[name] = (w, note.number)

    lines = [
        "# yaml-language-server: $schema=../../schema/treaty.schema.json",
        "#",
        f"# Imported by `ottawa untc import` from {_comment(page_name)},",
        f"# the UN Treaty Collection's status page as at {human(page.as_at)}. Every participant,",
        "# signature and instrument is the page's; withdrawals are read from its end notes. What",
        "# the page does not give is marked GAP below, for a curator to fill from the treaty's",
        "# text and sources: `ottawa check` names each missing field until it is.",
        "format: 1",
        "",
        "treaty:",
        f"  id: {query.id}",
        f"  title: {_text(page.title or 'GAP: the treaty title')}",
        f"  short_title: {_text(page.title or 'GAP: a short title')}",
        "  depositary: Secretary-General of the United Nations",
        f"  # GAP: {GAPS[0]}",
        "  entry_into_force:",
    ]
    found = _ARTICLE.search(page.entry_into_force_text or "")
    if found:
        article = "Art. " + "".join(found.group(1).split())
        lines.append(f"    article: {_text(article)}")
    else:
        lines.append("    # GAP: article, the entry-into-force article (not on the page)")
    if page.entry_into_force:
        lines.append(f"    treaty_in_force: {{date: {page.entry_into_force}, source: untc}}")
    else:
        lines.append(
            "    # GAP: treaty_in_force, the treaty's own entry into force (not on the page)"
        )
    lines += [
        f"    # GAP: {GAPS[1]}",
        f"  # GAP: {GAPS[2]}",
        f"  # GAP: {GAPS[3]}",
        "",
        f"verified: {{against: untc, as_at: {page.as_at}}}",
        "",
        "sources:",
        "  untc:",
        f"    title: {_text(_source_title(page.mtdsg, page.as_at))}",
        "    short_title: UNTC",
        f"    date: {page.as_at}",
        f"    note: {_text('Imported from the saved page ' + page_name)}",
        "",
        "participants:",
    ]
    unmatched = []
    for p in page.participants:
        name = registry_name(p.name)
        if name is None:
            unmatched.append(p.name)
            lines.append(f"  # GAP: {_comment(p.name)!s} is no State of the registry: name it")
        lines.append(f"  - state: {_text(name or p.name)}")
        events = []
        if p.signature:
            extra = ""
            if p.signature.kind == "succession to signature":
                extra = ", note: succession to the signature of a predecessor State"
            events.append(
                f"      - {{kind: signature, date: {p.signature.date}, source: untc{extra}}}"
            )
        if p.instrument:
            kind = RECORDED_AS.get(p.instrument.kind, p.instrument.kind)
            extra = ""
            if kind != p.instrument.kind:
                # The vocabulary has no such kind: the file says what the page printed.
                said = (
                    f"The page marks it {p.instrument.mark!r} ({p.instrument.kind}): recorded as "
                    f"{kind}, the event vocabulary having no {p.instrument.kind}"
                )
                extra = f", note: {_text(said)}"
            events.append(
                f"      - {{kind: {kind}, date: {p.instrument.date}, source: untc{extra}}}"
            )
        if p.provisional_application:
            day = p.provisional_application.date
            events.append(f"      - {{kind: provisional-application, date: {day}, source: untc}}")
        if name in withdrawals:
            w, number = withdrawals[name]
            events += [
                "      - kind: withdrawal",
                f"        date: {w.received}",
                "        source: untc",
            ]
            if w.notification:
                events.append(f"        notification: {_text(w.notification)}")
            if w.takes_effect:
                events.append(f"        takes_effect: {{date: {w.takes_effect}, source: untc}}")
            events.append(f"        note: {_text(f'UNTC end note {number}')}")
        if events:
            lines += ["    events:", *events]
    lines.append(f"# GAP: {GAPS[4]}")
    return UntcImportResult(
        text="\n".join(lines) + "\n",
        participants=len(page.participants),
        unmatched=tuple(unmatched),
        gaps=GAPS,
    )


# What a YAML stream may not hold (only printable characters: DEL, C1 controls, U+FFFE, U+FFFF
# and surrogates are refused, and a page's "&#x9d;" gives one), or reads as a line break inside
# a scalar (NEL, U+2028, U+2029): written as an escape, "\u009d", which YAML and JSON both read
# back as the character. JSON escapes the C0 controls already.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _text(value: str) -> str:
    """A YAML double-quoted scalar: JSON's escaping, which YAML reads the same; never a tag;
    every character YAML does not allow as it is, escaped."""
    return _NOT_YAML.sub(_escape, json.dumps(value, ensure_ascii=False))


def _comment(value: str) -> str:
    """Text for a comment: one line, nothing that ends it, nothing a terminal would run, nothing
    YAML refuses."""
    from ottawa_cli.safe_text import safe

    return _NOT_YAML.sub(_escape, safe(" ".join(value.split())))


def _source_title(mtdsg: str | None, as_at: dt.date) -> str:
    from ottawa_cli.dates import human

    chapter = f", chapter {mtdsg}" if mtdsg else ""
    return f"United Nations Treaty Collection{chapter}, status as at {human(as_at)}"
