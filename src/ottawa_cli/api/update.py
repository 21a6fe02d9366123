"""`ottawa update`: each bundled treaty's status page (fetched, or saved in a folder) against
the bundled data; what the page records and the data lacks goes into the user's overlay
(`ottawa_cli.store.overlay`), and what the page contradicts is a finding, never written over."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from ottawa_cli.api import load, today
from ottawa_cli.store.bundled import ALL, StrPath

if TYPE_CHECKING:
    from ottawa_cli.findings import Finding
    from ottawa_cli.law.model import Dataset
    from ottawa_cli.store.overlay import Fact, Overlay
    from ottawa_cli.untc.fetch import Fetcher, FetchSettings
    from ottawa_cli.untc.page import StatusPage


@dataclass(frozen=True, kw_only=True)
class UpdateQuery:
    # A bundled treaty's id, or `all`.
    treaty: str = ALL
    # Saved pages, `<treaty id>.html` (or `.xml`), as `ottawa untc fetch -o DIR` writes them;
    # None: each page fetched with `fetch`.
    pages: StrPath | None = None
    fetch: FetchSettings | None = None
    # The data the page is compared with, for one treaty (default: the bundled treaty's file);
    # the overlay written is still that treaty's.
    data: StrPath | None = None
    today: dt.date = field(default_factory=today)


@dataclass(frozen=True, kw_only=True)
class TreatyUpdate:
    treaty: str
    # The page read: its address or file, and its "status as at".
    page: str | None = None
    reference: str | None = None
    as_at: dt.date | None = None
    # What the page records and the data lacks, now in the overlay.
    facts: tuple[Fact, ...] = ()
    # Where the page and the data (with those facts) still differ: each a finding in the page.
    findings: tuple[Finding, ...] = ()
    # The overlay file written, or the one removed (the data now holds all the page does).
    written: str | None = None
    removed: str | None = None
    # Why a treaty has no page here (another depositary; none in the folder), or why the
    # overlay was kept (it holds a later page).
    skipped: str | None = None
    error: str | None = None


@dataclass(frozen=True, kw_only=True)
class UpdateResult:
    kind: ClassVar[str] = "update"
    outcomes: tuple[TreatyUpdate, ...]

    @property
    def failed(self) -> tuple[TreatyUpdate, ...]:
        return tuple(o for o in self.outcomes if o.error is not None)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for o in self.outcomes for f in o.findings)

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(o.page for o in self.outcomes if o.page is not None)

    @property
    def contradicted(self) -> bool:
        """A page contradicts the data (an error finding): `update` exits 1."""
        return any(f.severity == "error" for f in self.findings)


def update(
    query: UpdateQuery, on_outcome: Callable[[TreatyUpdate], None] | None = None
) -> UpdateResult:
    """Each treaty asked for: its page read, what it adds written to the overlay, what it
    contradicts reported. A page that cannot be read or fetched is one outcome with its error;
    the others go on."""
    from ottawa_cli.errors import Named, OttawaError, UsageError
    from ottawa_cli.store.bundled import treaty_ids, treaty_path
    from ottawa_cli.untc.fetch import NoStatusPage, reference_of

    if query.treaty != ALL:
        treaty_path(query.treaty)  # an unknown id is a usage error
    elif query.data is not None:
        raise UsageError("name the treaty the data is of (", Named("treaty"), " ID)")
    if query.pages is not None and not os.path.isdir(query.pages):
        raise UsageError(f"{os.fspath(query.pages)}: no such folder of saved pages")
    targets = treaty_ids() if query.treaty == ALL else [query.treaty]
    outcomes: list[TreatyUpdate] = []
    fetcher: Fetcher | None = None
    # One client for every page fetched (one connection, its pauses), opened at the first.
    with ExitStack() as opened:
        for treaty in targets:
            data = query.data if query.data is not None else treaty_path(treaty)
            dataset = load(data, updates=False)
            try:
                reference: str | None = reference_of(dataset.treaty)
            except NoStatusPage as why:
                if query.treaty != ALL or query.pages is not None:
                    reference = dataset.treaty.reference
                else:
                    outcome = TreatyUpdate(treaty=treaty, skipped=str(why))
                    _tell(outcomes, outcome, on_outcome)
                    continue
            try:
                if query.pages is not None:
                    found = _saved_page(os.fspath(query.pages), treaty)
                    if found is None:
                        if query.treaty == ALL:
                            outcome = TreatyUpdate(
                                treaty=treaty,
                                skipped=f"{treaty}: no {treaty}.html in {os.fspath(query.pages)}",
                            )
                            _tell(outcomes, outcome, on_outcome)
                            continue
                        raise UsageError(f"no {treaty}.html (or .xml) in {os.fspath(query.pages)}")
                    page, address = _read_saved(found)
                else:
                    from ottawa_cli.untc.fetch import Fetcher, FetchSettings

                    assert reference is not None
                    if fetcher is None:
                        fetcher = opened.enter_context(Fetcher(query.fetch or FetchSettings()))
                    fetched = fetcher.status_page(reference)
                    page, address = fetched.page, fetched.url
                outcome = _updated(treaty, reference, page, address, dataset, query.today)
            except OttawaError as error:
                outcome = TreatyUpdate(treaty=treaty, reference=reference, error=str(error))
            _tell(outcomes, outcome, on_outcome)
    return UpdateResult(outcomes=tuple(outcomes))


def _tell(
    outcomes: list[TreatyUpdate],
    outcome: TreatyUpdate,
    on_outcome: Callable[[TreatyUpdate], None] | None,
) -> None:
    outcomes.append(outcome)
    if on_outcome is not None:
        on_outcome(outcome)


def _read_saved(found: str) -> tuple[StatusPage, str]:
    """A saved page, HTML or the MTDSG XML (told by content, as `untc diff` tells them); the XML
    says no "status as at" day, so one saved without its HTML page cannot be dated."""
    from pathlib import Path

    from ottawa_cli.errors import Named, UsageError
    from ottawa_cli.untc.mtdsg_xml import AsAtNeeded, read_page
    from ottawa_cli.untc.page import shown_path

    try:
        return read_page(Path(found)), shown_path(found)
    except AsAtNeeded:
        raise UsageError(
            f"{shown_path(found)}: an MTDSG XML record says no 'status as at' day, so what it "
            "adds cannot be dated: save the HTML page beside it (",
            Named("fetch_both", "untc.fetch with the XML"),
            " writes both; the HTML is read first)",
        ) from None


def _saved_page(folder: str, treaty: str) -> str | None:
    for suffix in (".html", ".xml"):
        path = os.path.join(folder, treaty + suffix)
        if os.path.isfile(path):
            return path
    return None


def _updated(
    treaty: str,
    reference: str | None,
    page: StatusPage,
    address: str,
    dataset: Dataset,
    day: dt.date,
) -> TreatyUpdate:
    """One treaty's page against its data: the overlay written (or removed), the findings."""
    from ottawa_cli.store import overlay as overlays
    from ottawa_cli.untc.diff import diff, lacking

    facts = tuple(lacking(page, dataset))
    held = overlays.file_of(treaty)
    if held is not None and os.path.lexists(held):
        before = overlays.read(held)
        if before.as_at > page.as_at:
            return TreatyUpdate(
                treaty=treaty,
                page=address,
                reference=reference,
                as_at=page.as_at,
                findings=tuple(diff(page, dataset, file=address)),
                skipped=f"{treaty}: the overlay holds a later page (as at "
                f"{before.as_at.isoformat()}); kept",
            )
    new = overlays.Overlay(
        file=held or "",
        treaty=treaty,
        page=address,
        reference=reference or page.mtdsg,
        as_at=page.as_at,
        written_on=day,
        facts=facts,
    )
    merged = overlays.merge(dataset, new) if facts else dataset
    findings = tuple(diff(page, merged, file=address))
    written = removed = None
    if facts:
        overlays.write(new)
        written = overlays.file_of(treaty)
    else:
        removed = overlays.remove(treaty)
    return TreatyUpdate(
        treaty=treaty,
        page=address,
        reference=reference or page.mtdsg,
        as_at=page.as_at,
        facts=facts,
        findings=findings,
        written=written,
        removed=removed,
    )


@dataclass(frozen=True, kw_only=True)
class HeldResult:
    """`ottawa update --list`: what the overlay holds, treaty by treaty."""

    kind: ClassVar[str] = "update-list"
    overlays: tuple[Overlay, ...]
    folder: str | None


def held() -> HeldResult:
    from ottawa_cli.store import overlay as overlays

    return HeldResult(overlays=tuple(overlays.held()), folder=overlays.folder())


@dataclass(frozen=True, kw_only=True)
class ClearResult:
    kind: ClassVar[str] = "update-clear"
    removed: tuple[str, ...]


def clear(treaty: str = ALL) -> ClearResult:
    """Remove the overlay files `ottawa update` wrote (one treaty's, or every one); nothing
    else in the folder."""
    from ottawa_cli.store import overlay as overlays
    from ottawa_cli.store.bundled import treaty_ids, treaty_path

    if treaty != ALL:
        treaty_path(treaty)
    removed = [overlays.remove(t) for t in (treaty_ids() if treaty == ALL else [treaty])]
    return ClearResult(removed=tuple(r for r in removed if r is not None))
