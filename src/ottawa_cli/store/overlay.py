"""The per-user overlay `ottawa update` writes: what a treaty's status page records and the
bundled data lacks, one file per treaty in the user's data folder, applied on top of the
bundled data by every command that reads it.

Each overlay file is JSON the tool writes and validates as it reads: every fact marked
`evidence: depositary` (it is the depositary's page) and `reviewed: false` (no curator has read
it; the bundled data's facts have been). The folder is trusted only as the cache is
(`store.cache_folder.trusted`): a file another user could have written is refused, never read.

Imports here are the standard library's only: `ottawa status` asks `applies` on every run
(and the index answers only where no overlay applies); the models are imported where facts are
merged.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ottawa_cli.errors import DataError, Named, UsageError
from ottawa_cli.store.bundled import treaty_ids
from ottawa_cli.store.cache_folder import trusted, trusted_folder
from ottawa_cli.store.overlay_folder import SOURCE as SOURCE
from ottawa_cli.store.overlay_folder import applies as applies
from ottawa_cli.store.overlay_folder import bundled_treaty as bundled_treaty
from ottawa_cli.store.overlay_folder import data_home as data_home
from ottawa_cli.store.overlay_folder import file_of as file_of
from ottawa_cli.store.overlay_folder import folder as folder
from ottawa_cli.store.overlay_folder import ignored as ignored
from ottawa_cli.store.overlay_folder import may_change as may_change

if TYPE_CHECKING:
    from ottawa_cli.law.model import Dataset

# Written in every overlay file: `update --clear` removes only files that carry it.
WRITTEN_BY = "ottawa update"
FORMAT = 1
# What a fact may be: a signature, an instrument of consent, a withdrawal (its date of receipt,
# the date it takes effect as the end note gives it), a revocation, or the name the page prints.
CONSENTS = ("ratification", "accession", "acceptance", "approval", "succession")
KINDS = ("signature", *CONSENTS, "withdrawal", "withdrawal-revocation", "name")


class OverlayError(DataError):
    """An overlay file that does not validate: exit 1, naming the file."""


class UntrustedOverlay(UsageError):
    """An overlay another user could have written: refused, never read (exit 2)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Fact:
    """One thing the page records and the data lacks, about one State of the data."""

    state: str
    kind: str
    date: dt.date
    # A withdrawal: the date the end note says it takes (or took) effect.
    takes_effect: dt.date | None = None
    notification: str | None = None
    # `name`: what the page calls the State.
    name: str | None = None
    # Where on the page ("end note 4", "row Tonga").
    where: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Overlay:
    """One treaty's overlay file, read and validated."""

    file: str
    treaty: str
    # The page the facts come from: its address or file, its reference, its "status as at".
    page: str
    reference: str | None
    as_at: dt.date
    written_on: dt.date
    facts: tuple[Fact, ...]


def read(file: str) -> Overlay:
    """An overlay file, trusted and validated; a clear error naming the file otherwise."""
    if not trusted(file):
        raise UntrustedOverlay(
            f"{file}: the overlay is not trusted (a regular file this user owns, in a folder no "
            "one else may write to); not read. Remove it (",
            Named("clear_updates", "update.clear"),
            ") or use ",
            Named("no_updates", "updates=False"),
        )
    try:
        with open(file, "rb") as stream:
            raw = stream.read(16 * 1024 * 1024 + 1)
    except OSError as error:
        raise UntrustedOverlay(f"{file}: {error.strerror}") from None
    if len(raw) > 16 * 1024 * 1024:
        raise OverlayError(f"{file}: the overlay is over 16 MiB; not read")
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise OverlayError(f"{file}: not an overlay `ottawa update` wrote: {error}") from None
    try:
        return _validated(value, file)
    except _Invalid as error:
        raise OverlayError(f"{file}: invalid overlay: {error}") from None


class _Invalid(ValueError):
    pass


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value or "\n" in value or len(value) > 1000:
        raise _Invalid(f"{where}: expected one line of text")
    return value


def _day(value: Any, where: str) -> dt.date:
    try:
        if isinstance(value, str):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise _Invalid(f"{where}: expected a date (YYYY-MM-DD)")


def _text_or_none(value: Any, where: str) -> str | None:
    return None if value is None else _text(value, where)


def _day_or_none(value: Any, where: str) -> dt.date | None:
    return None if value is None else _day(value, where)


def _only(value: Any, keys: Iterable[str], where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Invalid(f"{where}: expected a mapping")
    unknown = sorted(set(value) - set(keys))
    if unknown:
        raise _Invalid(f"{where}: unknown key {unknown[0]!r}")
    return value


_FACT_KEYS = (
    "state",
    "kind",
    "date",
    "takes_effect",
    "notification",
    "name",
    "where",
    "evidence",
    "reviewed",
)


def _validated(value: Any, file: str) -> Overlay:
    top = _only(
        value,
        ("written_by", "format", "treaty", "page", "reviewed", "written_on", "facts"),
        "the file",
    )
    if top.get("written_by") != WRITTEN_BY:
        raise _Invalid(f"written_by: expected {WRITTEN_BY!r}")
    if top.get("format") != FORMAT:
        raise _Invalid(f"format: expected {FORMAT}")
    treaty = _text(top.get("treaty"), "treaty")
    expected = os.path.basename(file)[: -len(".json")]
    if treaty != expected or treaty not in treaty_ids():
        raise _Invalid(f"treaty: {treaty!r} is not the bundled treaty the file is named after")
    if top.get("reviewed") is not False:
        raise _Invalid("reviewed: expected false (an imported fact is never reviewed)")
    page = _only(top.get("page"), ("address", "reference", "as_at"), "page")
    facts = top.get("facts")
    if not isinstance(facts, list):
        raise _Invalid("facts: expected a list")
    read_facts = []
    for i, raw in enumerate(facts):
        where = f"facts[{i}]"
        fact = _only(raw, _FACT_KEYS, where)
        if fact.get("evidence") != "depositary":
            raise _Invalid(f"{where}.evidence: expected 'depositary'")
        if fact.get("reviewed") is not False:
            raise _Invalid(f"{where}.reviewed: expected false")
        kind = fact.get("kind")
        if kind not in KINDS:
            raise _Invalid(f"{where}.kind: expected one of {', '.join(KINDS)}")
        name = (_text if kind == "name" else _text_or_none)(fact.get("name"), f"{where}.name")
        read_facts.append(
            Fact(
                state=_text(fact.get("state"), f"{where}.state"),
                kind=kind,
                date=_day(fact.get("date"), f"{where}.date"),
                takes_effect=_day_or_none(fact.get("takes_effect"), f"{where}.takes_effect"),
                notification=_text_or_none(fact.get("notification"), f"{where}.notification"),
                name=name,
                where=_text_or_none(fact.get("where"), f"{where}.where"),
            )
        )
    return Overlay(
        file=file,
        treaty=treaty,
        page=_text(page.get("address"), "page.address"),
        reference=_text_or_none(page.get("reference"), "page.reference"),
        as_at=_day(page.get("as_at"), "page.as_at"),
        written_on=_day(top.get("written_on"), "written_on"),
        facts=tuple(read_facts),
    )


def to_json(overlay: Overlay) -> dict[str, Any]:
    """An overlay as its file holds it."""

    def fact(f: Fact) -> dict[str, Any]:
        out: dict[str, Any] = {"state": f.state, "kind": f.kind, "date": f.date.isoformat()}
        if f.takes_effect is not None:
            out["takes_effect"] = f.takes_effect.isoformat()
        for key in ("notification", "name", "where"):
            if (value := getattr(f, key)) is not None:
                out[key] = value
        return out | {"evidence": "depositary", "reviewed": False}

    return {
        "written_by": WRITTEN_BY,
        "format": FORMAT,
        "treaty": overlay.treaty,
        "page": {
            "address": overlay.page,
            "reference": overlay.reference,
            "as_at": overlay.as_at.isoformat(),
        },
        "written_on": overlay.written_on.isoformat(),
        "reviewed": False,
        "facts": [fact(f) for f in overlay.facts],
    }


def private_folder() -> str:
    """The overlay folder, made private (0700) if missing; refused if another user could write
    to it."""
    where = folder()
    if where is None:
        raise UsageError("no user data folder (HOME is not set): set OTTAWA_DATA_HOME")
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{where}: cannot make the overlay folder: {error.strerror}") from None
    if not trusted_folder(where):
        raise UntrustedOverlay(
            f"{where}: the overlay folder is not trusted (a folder this user owns that no one "
            "else may write to); nothing written"
        )
    return where


def write(overlay: Overlay) -> None:
    """The overlay file, written whole: beside its name, then renamed."""
    import tempfile

    where = private_folder()
    target = os.path.join(where, f"{overlay.treaty}.json")
    if os.path.lexists(target) and not _ours(target):
        raise UntrustedOverlay(f"{target}: not a file `ottawa update` wrote; not replaced")
    text = json.dumps(to_json(overlay), indent=2, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(prefix=f".{overlay.treaty}.", suffix=".tmp", dir=where)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise


def _ours(file: str) -> bool:
    """A file `ottawa update` wrote (and this user owns, in the private folder)."""
    if not trusted(file):
        return False
    try:
        with open(file, "rb") as stream:
            value = json.loads(stream.read(16 * 1024 * 1024).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(value, dict) and value.get("written_by") == WRITTEN_BY


def remove(treaty: str) -> str | None:
    """Remove a treaty's overlay file if `ottawa update` wrote it; the file removed, or None."""
    file = file_of(treaty)
    if file is None or not os.path.lexists(file):
        return None
    if not _ours(file):
        raise UntrustedOverlay(f"{file}: not a file `ottawa update` wrote; not removed")
    os.unlink(file)
    return file


def held() -> list[Overlay]:
    """Every overlay file there is, read (each must be trusted and valid)."""
    where = folder()
    if where is None or not os.path.isdir(where):
        return []
    return [
        read(os.path.join(where, f"{t}.json"))
        for t in treaty_ids()
        if os.path.lexists(os.path.join(where, f"{t}.json"))
    ]


def merged(dataset: Dataset, path: str) -> Dataset:
    """The dataset read from `path` with the facts of its overlay, if one applies, that it
    does not already hold. A fact about a State the data does not have is left out."""
    file = applies(path)
    if file is None:
        return dataset
    overlay = read(file)
    return merge(dataset, overlay)


def merge(dataset: Dataset, overlay: Overlay) -> Dataset:
    """The facts of `overlay` merged into `dataset`: each an event citing the overlay's source
    (the depositary's page, not reviewed), or, for a name, the page's name with the data's kept
    as a former name."""
    import dataclasses

    from ottawa_cli.dates import human
    from ottawa_cli.law.model import Event, Source, SourcedDate, Updates

    if SOURCE in dataset.sources:
        raise OverlayError(f"the data defines the source key {SOURCE!r} the overlay uses")
    by_state: dict[str, list[Fact]] = {}
    for fact in overlay.facts:
        by_state.setdefault(fact.state, []).append(fact)
    applied = 0
    states = []
    for state in dataset.states:
        facts = by_state.get(state.name)
        if not facts:
            states.append(state)
            continue
        events = list(state.events)
        name, former = state.name, state.former_names
        for fact in facts:
            if fact.kind == "name":
                if fact.name and fact.name != name:
                    name, former = fact.name, (*former, name)
                    applied += 1
                continue
            if any(e.kind == fact.kind and e.date == fact.date for e in events):
                continue  # the data has it now (a newer release)
            takes_effect = (
                SourcedDate(date=fact.takes_effect, source=SOURCE) if fact.takes_effect else None
            )
            events.append(
                Event(
                    kind=fact.kind,  # type: ignore[arg-type]
                    date=fact.date,
                    source=SOURCE,
                    notification=fact.notification,
                    takes_effect=takes_effect,
                    note=f"Imported by `ottawa update` from the depositary's page "
                    f"({fact.where or 'its table'}); not reviewed.",
                )
            )
            applied += 1
        events.sort(key=lambda e: e.date)
        states.append(
            dataclasses.replace(state, name=name, former_names=former, events=tuple(events))
        )
    if not applied:
        return dataset
    reference = f" {overlay.reference}" if overlay.reference else ""
    # Short enough to be shown whole wherever a fact's source is named (the Record table).
    source = Source(
        title=f"UNTC page{reference} as at {human(overlay.as_at)}, imported, not reviewed",
        short_title="UNTC page (imported, not reviewed)",
        url=overlay.page if overlay.page.startswith(("https://", "http://")) else None,
        date=overlay.as_at,
        note=f"The United Nations Treaty Collection's status page, read by `ottawa update`; no "
        f"curator has reviewed what it imported. Overlay file {overlay.file}",
        evidence="depositary",
    )
    updates = Updates(facts=applied, as_at=overlay.as_at, file=overlay.file, page=overlay.page)
    return dataclasses.replace(
        dataset,
        states=tuple(states),
        sources={**dataset.sources, SOURCE: source},
        updates=updates,
    )
