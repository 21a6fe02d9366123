"""Consistency and rule checks over a validated dataset: what `ottawa check` reports.

Each finding has a stable code. OTT0xx: the file does not parse or validate (loader).
OTT1xx: the data contradicts itself. OTT2xx: a published date contradicts the treaty's rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from ottawa_cli.codes import CODES
from ottawa_cli.dates import human
from ottawa_cli.english import ordinal
from ottawa_cli.findings import Finding, Findings
from ottawa_cli.law.clauses import (
    OutOfCalendar,
    entry_into_force,
    entry_into_force_article,
    in_force_for,
    notice_refused,
    threshold_instrument,
    withdrawal_takes_effect,
)
from ottawa_cli.law.history import AnomalyKind, fold
from ottawa_cli.law.model import CONSENT_KINDS, LEGAL_KINDS, Dataset, Event, Source, State, Treaty
from ottawa_cli.law.position import BOUND, position
from ottawa_cli.safe_text import UNSAFE, safe
from ottawa_cli.store.bundled import StrPath
from ottawa_cli.store.data_bytes import no_cycle_collection
from ottawa_cli.store.layout import Registry, as_state
from ottawa_cli.store.load import FieldPath, Locate, Parsed, load
from ottawa_cli.store.lookup import normalize

# Rich console markup: a style, colour, link or handler in square brackets, or a closing tag;
# not "[]", which rich prints as it is (and which YAML writes for an empty list: a registry whose
# only brackets are those is not searched value by value).
_MARKUP = re.compile(
    r"\[(?!\])/?(?:(?:not |on )?(?:bold|dim|italic|underline|blink|reverse|strike|conceal|overline|"
    r"(?:bright_)?(?:black|red|green|yellow|blue|magenta|cyan|white)|color\(\d+\)|"
    r"#[0-9a-fA-F]{3,6}|rgb\([\d, ]+\))|link(?:=[^\]]*)?|@[^\]]*)?(?: [^\]]*)?\]"
)
# A YAML escape that can stand for a control character (not \" \\ \/ \n \t or an escaped space).
_ESCAPE = re.compile(r'\\[^"\\/nt ]')
_ISO2 = re.compile(r"[A-Z]{2}")
_ISO3 = re.compile(r"[A-Z]{3}")


class _Report:
    def __init__(self, locate: Locate, dataset: Dataset | None = None) -> None:
        self.locate = locate
        self.dataset = dataset
        self.findings = Findings()
        # Findings the data accepts, with the reason it gives, and the acceptances used.
        self.accepted: list[tuple[Finding, str]] = []
        self.used: set[tuple[int, int, str]] = set()

    def add(self, code: str, message: str, path: FieldPath) -> None:
        """A finding about a field of the dataset, placed in the file that holds it, with the
        severity its code has (`codes.CODES`), unless the event it is about accepts it."""
        parsed, where = self.locate(path)
        name = self._state_name(path)
        if name is not None and name not in message:
            message += f" (in {name})"
        finding = parsed.finding(code, message, where)
        reason = self._accepted(code, path)
        if reason is None:
            self.findings.append(finding)
        else:
            self.accepted.append((finding, reason))

    def _state_name(self, path: FieldPath) -> str | None:
        """The State a finding is about: `states[98]` alone helps no one."""
        if self.dataset is None or len(path) < 2 or path[0] != "states":
            return None
        index = path[1]
        return self.dataset.states[index].name if isinstance(index, int) else None

    def line_of(self, path: FieldPath) -> str:
        """' at line N' for where `path` stands, to name a first occurrence."""
        parsed, where = self.locate(path)
        line, _ = parsed.position(where)
        return f" at line {line}" if line is not None else ""

    def _accepted(self, code: str, path: FieldPath) -> str | None:
        if self.dataset is None or len(path) < 4 or path[0] != "states" or path[2] != "events":
            return None
        i, j = path[1], path[3]
        assert isinstance(i, int) and isinstance(j, int)
        reason = self.dataset.states[i].events[j].accept.get(code)
        if reason is not None:
            self.used.add((i, j, code))
        return reason

    def add_at(self, parsed: Parsed, code: str, message: str, path: FieldPath) -> None:
        """A finding about a value of one file, as parsed."""
        self.findings.append(parsed.finding(code, message, path))


def check(
    dataset: Dataset,
    locate: Locate,
    today: dt.date,
    files: tuple[Parsed, ...],
    *,
    partial: bool = False,
) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Every consistency and rule finding in a dataset that validated, and those the data
    accepts with their reasons; `locate` places a field of the dataset in the file that holds
    it, `files` are the files it was read from. A `partial` dataset lacks the entries that did not
    validate: whether a source is cited is then not known."""
    report = _Report(locate, dataset)
    if dataset.updates is not None:
        report.add(
            "OTT144",
            "`updates` is set by the tool when it applies an overlay of `ottawa update`",
            ("updates",),
        )
    _check_identities(dataset, report)
    _check_sources(dataset, report, partial)
    for parsed in files:
        _check_text(parsed, report)
    _check_threshold(dataset, report)
    _check_clauses(dataset, report)
    _check_verified(dataset, today, report)
    for index, state in enumerate(dataset.states):
        path: FieldPath = ("states", index)
        _check_history(dataset, state, path, today, report)
        _check_published(dataset, state, path, report)
    _check_acceptances(dataset, report)
    # In the order found: `check_file_with_id` sorts them once, with the loader's.
    return list(report.findings), report.accepted


# More than the UN's 193 Members, its observer States and every organisation a treaty admits.
_MOST_INSTRUMENTS = 300


def _check_clauses(dataset: Dataset, report: _Report) -> None:
    """What the commands would refuse, found here first: a clause that carries a date past the
    calendar's end, a signature period that closes before it opens, a duty id used twice, a
    treaty called `all` (the word for every treaty), a later date named before its notice."""
    from ottawa_cli.law.clauses import OutOfCalendar, add_period

    treaty = dataset.treaty
    if treaty.id == "all":
        report.add("OTT147", "the id `all` is the word for every bundled treaty", ("treaty", "id"))
    from ottawa_cli.store.bundled import treaty_key

    named: dict[str, int] = {}
    for k, alias in enumerate(treaty.aliases):
        key = treaty_key(alias)
        if key == "all":
            report.add(
                "OTT149",
                "the alias `all` is the word for every bundled treaty",
                ("treaty", "aliases", k),
            )
        elif key in named:
            report.add(
                "OTT149", f"alias {alias!r} is also aliases[{named[key]}]", ("treaty", "aliases", k)
            )
        named.setdefault(key, k)
    seen: dict[str, int] = {}
    for k, duty in enumerate(treaty.duties):
        if duty.id in seen:
            report.add(
                "OTT147",
                f"duty id {duty.id!r} is also duties[{seen[duty.id]}]'s",
                ("treaty", "duties", k, "id"),
            )
        seen.setdefault(duty.id, k)
    rule_in = treaty.entry_into_force
    if rule_in.instruments_required > _MOST_INSTRUMENTS:
        report.add(
            "OTT146",
            f"{rule_in.instruments_required} instruments: more than there are States and "
            f"organisations to deposit them (fewer than {_MOST_INSTRUMENTS})",
            ("treaty", "entry_into_force", "instruments_required"),
        )
    until = treaty.open_for_signature_until
    if not isinstance(until, str) and until.date < treaty.opened_for_signature.date:
        report.add(
            "OTT146",
            f"signature closes ({human(until.date)}) before it opens "
            f"({human(treaty.opened_for_signature.date)})",
            ("treaty", "open_for_signature_until", "date"),
        )
    # Every period a clause adds, from the day the treaty opened: one that passes the calendar's
    # end even from there is the clause's fault (a late event's own overflow is OTT122).
    opened = treaty.opened_for_signature.date
    rule = treaty.withdrawal
    periods = [
        (("treaty", "withdrawal", "period"), rule.period),
        (("treaty", "withdrawal", "notice_not_before"), rule.notice_not_before),
        (("treaty", "withdrawal", "window_every"), rule.window_every),
        (
            ("treaty", "entry_into_force", "later", "period"),
            treaty.entry_into_force.for_later_deposits.period,
        ),
        *(
            (("treaty", "duties", k, "after_entry_into_force"), d.after_entry_into_force)
            for k, d in enumerate(treaty.duties)
        ),
    ]
    for where, period in periods:
        if period is None:
            continue
        try:
            add_period(opened, period)
        except OutOfCalendar as error:
            report.add("OTT146", f"from the day the treaty opened: {error}", where)
    for i, state in enumerate(dataset.states):
        for j, event in enumerate(state.events):
            if event.later_date is not None and event.later_date <= event.date:
                report.add(
                    "OTT146",
                    f"the later date the notice names ({human(event.later_date)}) is not after "
                    f"the notice ({human(event.date)})",
                    ("states", i, "events", j, "later_date"),
                )


def _check_acceptances(dataset: Dataset, report: _Report) -> None:
    """An acceptance names a code, and the finding it accepts still occurs: a stale one would
    hide a problem that comes back."""
    for i, state in enumerate(dataset.states):
        for j, event in enumerate(state.events):
            for code in event.accept:
                where: FieldPath = ("states", i, "events", j, "accept", code)
                if code not in CODES:
                    report.add("OTT137", f"{code!r} is not a finding code", where)
                elif (i, j, code) not in report.used:
                    report.add(
                        "OTT137",
                        f"{code} is accepted here but no longer found: remove the acceptance",
                        where,
                    )


def _check_verified(dataset: Dataset, today: dt.date, report: _Report) -> None:
    """Stale data is seen in CI: a depositary's record changes whenever a State joins or
    leaves, and a year is long enough for that to be likely."""
    as_at = dataset.verified.as_at
    if (today - as_at).days > 366:
        report.add(
            "OTT136",
            f"verified against the depositary as at {human(as_at)}, more than a year before "
            f"today ({human(today)}): compare it with the current status page "
            "(`ottawa untc diff`)",
            ("verified", "as_at"),
        )


def _check_threshold(dataset: Dataset, report: _Report) -> None:
    """The Nth instrument, by date of deposit, is the one the treaty's entry into force names.

    Only a file that holds at least N instruments can say which one was the Nth.
    """
    rule = dataset.treaty.entry_into_force
    if rule.threshold_deposit is None:
        return  # not in force: no threshold was reached
    held, nth = threshold_instrument(dataset.treaty, dataset.states)
    # With a further condition, the count may have been met before the deposit that met both.
    further = rule.further_condition is not None and nth is not None
    if further and nth is not None and nth <= rule.threshold_deposit.date:
        return
    if nth is not None and nth != rule.threshold_deposit.date:
        report.add(
            "OTT135",
            f"the {ordinal(rule.instruments_required)} instrument in the data was deposited "
            f"{human(nth)}, not on the threshold deposit ({human(rule.threshold_deposit.date)}); "
            f"{held} instruments of consent are recorded",
            ("treaty", "entry_into_force", "threshold_deposit", "date"),
        )


def _check_identities(dataset: Dataset, report: _Report) -> None:
    _check_identities_of(dataset.states, report)


def _check_identities_of(states: tuple[State, ...], report: _Report) -> None:
    known = {state.name for state in states}
    for index, state in enumerate(states):
        for k, other in enumerate(state.not_to_be_confused_with):
            if other not in known or other == state.name:
                report.add(
                    "OTT145",
                    f"{other!r} is not another State of the registry",
                    ("states", index, "not_to_be_confused_with", k),
                )
    names: dict[str, int] = {}
    codes: dict[str, int] = {}
    # Every normalized text a State answers to: the first State and heading it was seen under.
    keys: dict[str, tuple[int, str]] = {}
    countries = _countries()
    # Where each first occurrence stands, found once however many repeat it (a code shared by
    # thousands of States in a generated file).
    lines: dict[FieldPath, str] = {}

    def line_of(path: FieldPath) -> str:
        if (line := lines.get(path)) is None:
            line = lines[path] = report.line_of(path)
        return line

    for index, state in enumerate(states):
        path: FieldPath = ("states", index)
        name = normalize(state.name)
        if name in names:
            first = states[names[name]].name
            first_at = line_of(("states", names[name], "name"))
            report.add(
                "OTT101",
                f"State {state.name!r} is listed twice (first as {first!r}{first_at})",
                (*path, "name"),
            )
        names.setdefault(name, index)
        for field, code in (("iso2", state.iso2), ("iso3", state.iso3)):
            if code is None:
                continue
            if code in codes and codes[code] != index:
                first_at = line_of(("states", codes[code], field))
                report.add(
                    "OTT102",
                    f"code {code!r} is also {states[codes[code]].name}'s{first_at}",
                    (*path, field),
                )
            codes.setdefault(code, index)
        _check_codes(state, path, countries, report)
        headings: list[tuple[str, str, FieldPath]] = [
            ("name", state.name, (*path, "name")),
            ("iso2", state.iso2, (*path, "iso2")),
            *((("iso3", state.iso3, (*path, "iso3")),) if state.iso3 is not None else ()),
            *(("alias", alias, (*path, "aliases", k)) for k, alias in enumerate(state.aliases)),
            *(
                ("former name", former, (*path, "former_names", k))
                for k, former in enumerate(state.former_names)
            ),
        ]
        for heading, key, where in headings:
            if key.startswith(("=", "+", "-", "@", "\t", "\r")):
                report.add(
                    "OTT143",
                    f"{heading} '{safe(key)}' begins as a spreadsheet formula does: the CSV "
                    "export writes it behind an apostrophe",
                    where,
                )
            # Those a terminal could act on are OTT140 already (the text check). No ASCII
            # character is of those categories: most keys are not read character by character.
            hidden = (
                []
                if key.isascii()
                else [
                    ch
                    for ch in key
                    if unicodedata.category(ch) in ("Cf", "Zl", "Zp") and not UNSAFE.match(ch)
                ]
            )
            if hidden:
                shown = ", ".join(f"U+{ord(ch):04X}" for ch in dict.fromkeys(hidden))
                report.add(
                    "OTT142",
                    f"{heading} '{safe(key)}' holds an invisible character ({shown}): it would "
                    "read as another State's name",
                    where,
                )
            seen = keys.setdefault(name if heading == "name" else normalize(key), (index, heading))
            # A repeated name or code is OTT101 or OTT102 already.
            if seen[0] != index and not (
                heading == seen[1] and heading in ("name", "iso2", "iso3")
            ):
                report.add(
                    "OTT103",
                    f"{key!r} would find both {states[seen[0]].name} and {state.name}",
                    where,
                )


@functools.cache
def _countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 → alpha-3 from pycountry (imported only here: it costs ~100 ms)."""
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def _check_codes(state: State, path: FieldPath, countries: dict[str, str], report: _Report) -> None:
    if not _ISO2.fullmatch(state.iso2):
        report.add("OTT104", f"iso2 {state.iso2!r} is not two capital letters", (*path, "iso2"))
        return
    if state.kind == "organization":
        # Not a country: its codes are not ISO 3166-1 country codes (the EU's "EU" is one of
        # ISO 3166's exceptional reservations, with no alpha-3).
        if state.iso3 is not None and not _ISO3.fullmatch(state.iso3):
            report.add(
                "OTT104", f"iso3 {state.iso3!r} is not three capital letters", (*path, "iso3")
            )
        return
    if state.iso3 is None:
        report.add(
            "OTT011",
            "iso3: a required field is missing (a State has an ISO 3166-1 alpha-3 code)",
            (*path,),
        )
        return
    if not _ISO3.fullmatch(state.iso3):
        report.add("OTT104", f"iso3 {state.iso3!r} is not three capital letters", (*path, "iso3"))
        return
    if state.iso2 not in countries:
        report.add("OTT104", f"{state.iso2!r} is not an ISO 3166-1 alpha-2 code", (*path, "iso2"))
    elif countries[state.iso2] != state.iso3:
        report.add(
            "OTT105",
            f"{state.iso2!r} is {countries[state.iso2]!r} in alpha-3, not {state.iso3!r}",
            (*path, "iso3"),
        )


def _cited(dataset: Dataset) -> Iterator[tuple[str, FieldPath]]:
    """Every source key the data cites, with where it is cited."""
    treaty = dataset.treaty
    yield treaty.opened_for_signature.source, ("treaty", "opened_for_signature", "source")
    if not isinstance(until := treaty.open_for_signature_until, str):
        yield until.source, ("treaty", "open_for_signature_until", "source")
    rule = treaty.entry_into_force
    if rule.treaty_in_force is not None:
        yield (
            rule.treaty_in_force.source,
            (
                "treaty",
                "entry_into_force",
                "treaty_in_force",
                "source",
            ),
        )
    if rule.threshold_deposit is not None:
        yield (
            rule.threshold_deposit.source,
            ("treaty", "entry_into_force", "threshold_deposit", "source"),
        )
    if rule.threshold_count is not None:
        yield (
            rule.threshold_count.source,
            ("treaty", "entry_into_force", "threshold_count", "source"),
        )
    yield dataset.verified.against, ("verified", "against")
    for k, entity in enumerate(dataset.not_listed):
        yield entity.source, ("not_listed", k, "source")
    for i, state in enumerate(dataset.states):
        for j, event in enumerate(state.events):
            path: FieldPath = ("states", i, "events", j)
            yield event.source, (*path, "source")
            for k, key in enumerate(event.see_also):
                yield key, (*path, "see_also", k)
            for name, published in event.published():
                yield published.source, (*path, name, "source")
            for k, other in enumerate(event.conflicting_dates):
                yield other.source, (*path, "conflicting_dates", k, "source")
            if event.dispute is not None:
                yield event.dispute.source, (*path, "dispute", "source")
            if event.reserved_withdrawal is not None:
                yield event.reserved_withdrawal.source, (*path, "reserved_withdrawal", "source")
        for k, conflict in enumerate(state.armed_conflicts):
            yield conflict.source, ("states", i, "armed_conflicts", k, "source")
        for k, extension in enumerate(state.extensions):
            yield extension.source, ("states", i, "extensions", k, "source")
        for k, completion in enumerate(state.completions):
            yield completion.source, ("states", i, "completions", k, "source")


# Hosts that stand between the reader and the page a source names: proxies, translators,
# caches, link rewriters and shorteners. A source must name the original page.
_RELAYS = (
    "oszar.com",
    "translate.goog",
    "translate.google.com",
    "webcache.googleusercontent.com",
    "safelinks.protection.outlook.com",
    "l.facebook.com",
    "r.jina.ai",
    "12ft.io",
    "bit.ly",
    "t.co",
    "tinyurl.com",
    "goo.gl",
    "ow.ly",
)
# A host label of hex digits long enough to be an encoded address (`…6f737a6172.oszar.com`).
_ENCODED_HOST = re.compile(r"(?:^|\.)[0-9a-f]{24,}\.")


def _relay(url: str) -> str | None:
    """The proxy or rewriter an address goes through, if it does."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    if host == "www.google.com" and urlsplit(url).path == "/url":
        return "google.com/url"
    for relay in _RELAYS:
        if host == relay or host.endswith("." + relay):
            return relay
    if _ENCODED_HOST.search(host + "."):
        return host
    return None


def _check_source_addresses(sources: dict[str, Source], report: _Report) -> None:
    for key, source in sources.items():
        if source.url is not None and (relay := _relay(source.url)) is not None:
            report.add(
                "OTT113",
                f"source {key!r} is read through {relay}: name the original page",
                ("sources", key, "url"),
            )
        if source.url is None and not source.note:
            report.add(
                "OTT114",
                f"source {key!r} has no address and no note saying why (where to find it)",
                ("sources", key),
            )


def _check_sources(dataset: Dataset, report: _Report, partial: bool = False) -> None:
    _check_source_addresses(dataset.sources, report)
    used: set[str] = set()
    for key, path in _cited(dataset):
        used.add(key)
        if key not in dataset.sources:
            report.add("OTT110", f"source {key!r} is not defined under `sources`", path)
    for key in dataset.sources:
        if key not in used and not partial:
            report.add("OTT111", f"source {key!r} is never cited", ("sources", key))


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[str, FieldPath]]:
    """Every text in the parsed file (keys too), with its path."""
    if isinstance(value, str):
        yield value, path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, (*path, key))
            yield from _strings(item, (*path, key))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _check_text(parsed: Parsed, report: _Report) -> None:
    # An unsafe character reaches a value only raw in the text or through a YAML escape, and
    # markup only as itself: when the text has none of them, no value needs to be looked at.
    text = parsed.text
    if not _ESCAPE.search(text) and not UNSAFE.search(text) and not _MARKUP.search(text):
        return
    for value, path in _strings(parsed.value, ()):
        if UNSAFE.search(value):
            report.add_at(
                parsed, "OTT140", f"control character or terminal escape in {value!r}", path
            )
        elif _MARKUP.search(value):
            report.add_at(
                parsed,
                "OTT141",
                f"{value!r} looks like terminal markup; it is shown literally",
                path,
            )


# What `ottawa check` says of each event the record's order does not allow (OTT130).
_OUT_OF_ORDER: dict[AnomalyKind, Callable[[Event], str]] = {
    "signed-again": lambda e: "signature after the State signed or was bound",
    "consent-while-bound": lambda e: f"{e.kind} while already bound, with no withdrawal before it",
    "nothing-to-revoke": lambda e: "revocation with no withdrawal notice before it to revoke",
    "nothing-to-withdraw": lambda e: "an instrument withdrawn with none deposited before it",
    "provisional-before-signature": lambda e: (
        "provisional application declared before the State signed or deposited an "
        "instrument: a State declares it on signing or with its instrument"
    ),
    "notice-without-consent": lambda e: (
        "withdrawal without a consent in effect (a second "
        "withdrawal, or one before any instrument of consent)"
    ),
}


def _check_history(
    dataset: Dataset, state: State, path: FieldPath, today: dt.date, report: _Report
) -> None:
    treaty = dataset.treaty
    opened = treaty.opened_for_signature.date
    # Not in force: signature stays open, as on every day before entry into force.
    in_force = (
        treaty.entry_into_force.treaty_in_force.date
        if treaty.entry_into_force.treaty_in_force is not None
        else dt.date.max
    )
    # The order of the record is the one fold's to read (`law.history.fold`): what it finds out
    # of order is said here, at the event.
    record = fold(treaty, state.events, order_only=True)
    anomalous = {id(a.event): a.kind for a in record.anomalies}
    given_under = {id(notice): consent for notice, consent in record.notices}
    ordered = sorted(enumerate(state.events), key=lambda pair: pair[1].date)
    for j, event in ordered:
        where: FieldPath = (*path, "events", j)
        if event.has_legal_effect and event.date < opened:
            report.add(
                "OTT120",
                f"{event.kind} on {human(event.date)}, before the treaty was "
                f"opened for signature ({human(opened)})",
                (*where, "date"),
            )
        if event.date > today and not event.announced:
            report.add(
                "OTT121",
                f"{event.kind} dated {human(event.date)} is in the future; mark "
                "it `announced: true` if it is announced",
                (*where, "date"),
            )
        _check_fields(event, where, report)
        anomaly = anomalous.get(id(event))
        if anomaly is not None:
            report.add("OTT130", _OUT_OF_ORDER[anomaly](event), (*where, "kind"))
        elif event.kind == "signature":
            if (closed := _signature_closed(treaty, in_force, event.date)) is not None:
                report.add(
                    "OTT130", f"signature on {human(event.date)}: {closed}", (*where, "date")
                )
        elif event.kind == "withdrawal":
            _check_withdrawal_allowed(dataset, given_under[id(event)], event, where, report)
            if event.later_date is not None and not treaty.withdrawal.later_date_allowed:
                report.add(
                    "OTT131",
                    f"a later date named in the notice: {treaty.withdrawal.article} allows none",
                    (*where, "later_date"),
                )
    duties = {d.id: d for d in treaty.duties}
    named = [("extensions", k, e.duty) for k, e in enumerate(state.extensions)]
    named += [("completions", k, c.duty) for k, c in enumerate(state.completions)]
    for field, k, duty in named:
        if duty not in duties:
            report.add(
                "OTT134",
                f"duty {duty!r} is not one of the treaty's: {', '.join(duties)}",
                (*path, field, k, "duty"),
            )
    _check_conflicts(state, path, report)


def _check_conflicts(state: State, path: FieldPath, report: _Report) -> None:
    for k, conflict in enumerate(state.armed_conflicts):
        if conflict.end is not None and conflict.end < conflict.start:
            report.add(
                "OTT133",
                f"armed conflict ends {human(conflict.end)}, before it starts "
                f"({human(conflict.start)})",
                (*path, "armed_conflicts", k, "end"),
            )


def _signature_closed(treaty: Treaty, in_force: dt.date, signed: dt.date) -> str | None:
    until = treaty.open_for_signature_until
    if until == "no-closing-date":
        return None
    if until == "entry-into-force":
        if signed < in_force:
            return None
        return (
            f"the treaty was open for signature only until its entry into force ({human(in_force)})"
        )
    if signed <= until.date:
        return None
    return f"the treaty was open for signature only until {human(until.date)}"


def _check_withdrawal_allowed(
    dataset: Dataset, consent: Event, withdrawal: Event, where: FieldPath, report: _Report
) -> None:
    """A withdrawal only once the treaty is in force for the State, and only when its clause
    gives a notice effect."""
    try:
        in_force = in_force_for(dataset.treaty, consent)
    except OutOfCalendar as error:
        report.add("OTT122", str(error), (*where, "date"))
        return
    # A succession with no recorded date binds at the latest from its deposit.
    start = in_force or consent.date
    if withdrawal.date < start:
        report.add(
            "OTT130",
            f"withdrawal received {human(withdrawal.date)}, before the treaty entered into "
            f"force for the State ({human(start)})",
            (*where, "date"),
        )
    refused = notice_refused(dataset.treaty, withdrawal.date, in_force)
    if refused is not None:
        from ottawa_cli.reasons import say

        report.add("OTT138", say(refused), (*where, "date"))


_ONLY_FOR: dict[str, frozenset[str]] = {
    "bound_from": frozenset({"succession"}),
    "entry_into_force": frozenset(CONSENT_KINDS),
    "takes_effect": frozenset({"withdrawal"}),
    "applies": frozenset({"provisional-application"}),
    "later_date": frozenset({"withdrawal"}),
    "notification": LEGAL_KINDS | {"notification"},
}


def _check_fields(event: Event, where: FieldPath, report: _Report) -> None:
    if event.derived_from is not None:
        report.add(
            "OTT144",
            "`derived_from` is set by the tool for a withdrawal that follows from the parent "
            "treaty's: record the withdrawal in the parent's file",
            (*where, "derived_from"),
        )
    for name, kinds in _ONLY_FOR.items():
        if getattr(event, name) is not None and event.kind not in kinds:
            report.add("OTT131", f"`{name}` does not belong to a {event.kind}", (*where, name))
    if event.kind == "succession" and event.bound_from is None:
        report.add(
            "OTT132",
            "succession with no recorded date it binds from (`bound_from`): "
            "the State is shown bound from its deposit",
            (*where, "kind"),
        )
    if event.kind in ("notification", "milestone") and not event.title:
        report.add(
            "OTT011", f"a {event.kind} needs a `title` saying what happened", (*where, "kind")
        )


def _check_published(dataset: Dataset, state: State, path: FieldPath, report: _Report) -> None:
    treaty = dataset.treaty
    for j, event in enumerate(state.events):
        where: FieldPath = (*path, "events", j)
        if event.entry_into_force is not None and event.kind != "succession":
            try:
                computed = entry_into_force(treaty.entry_into_force, event.date)
            except OutOfCalendar as error:
                report.add("OTT122", str(error), (*where, "date"))
                continue
            if computed != event.entry_into_force.date:
                report.add(
                    "OTT201",
                    f"published entry into force {human(event.entry_into_force.date)} differs "
                    f"from {human(computed)} under "
                    f"{entry_into_force_article(treaty.entry_into_force, event.date)} for an "
                    f"instrument ({event.kind}) deposited {human(event.date)}",
                    (*where, "entry_into_force", "date"),
                )
        if event.takes_effect is not None and event.kind == "withdrawal":
            try:
                outcome = withdrawal_takes_effect(
                    treaty.withdrawal, event.date, state.armed_conflicts
                )
            except OutOfCalendar as error:
                report.add("OTT122", str(error), (*where, "date"))
                continue
            if outcome.takes_effect != event.takes_effect.date:
                computed_text = (
                    human(outcome.takes_effect)
                    if outcome.takes_effect
                    else "no date (held by an armed conflict)"
                )
                report.add(
                    "OTT202",
                    f"published effective date {human(event.takes_effect.date)} differs from "
                    f"{computed_text} under {treaty.withdrawal.article} for a withdrawal "
                    f"received {human(event.date)}",
                    (*where, "takes_effect", "date"),
                )


def check_registry(registry: Registry, parsed: Parsed) -> list[Finding]:
    """The State registry on its own: identities, the sources of its armed-conflict assertions,
    and its text."""
    states = tuple(as_state(s) for s in registry.states)
    report = _Report(lambda path: (parsed, path))
    _check_identities_of(states, report)
    cited: set[str] = set()
    for i, state in enumerate(states):
        for k, conflict in enumerate(state.armed_conflicts):
            cited.add(conflict.source)
            if conflict.source not in registry.sources:
                where: FieldPath = ("states", i, "armed_conflicts", k, "source")
                report.add("OTT110", f"source {conflict.source!r} is not defined", where)
        _check_conflicts(state, ("states", i), report)
    for k, entity in enumerate(registry.not_listed):
        cited.add(entity.source)
        if entity.source not in registry.sources:
            report.add(
                "OTT110", f"source {entity.source!r} is not defined", ("not_listed", k, "source")
            )
    for key in registry.sources.keys() - cited:
        report.add("OTT111", f"source {key!r} is never cited", ("sources", key))
    _check_source_addresses(registry.sources, report)
    _check_text(parsed, report)
    return sorted(report.findings, key=Finding.sort_key)


def _check_parent(dataset: Dataset, locate: Locate, path: StrPath) -> list[Finding]:
    """A protocol open only to Parties to its parent treaty: each State is a Party to the parent
    (or its instrument deposited) on the day the protocol enters into force for it."""
    import os

    from ottawa_cli.store.bundled import treaty_ids, treaty_path

    link = dataset.treaty.protocol_to
    if link is None or not link.requires_party:
        return []
    beside = os.path.join(os.path.dirname(os.path.abspath(path)), f"{link.treaty}.yaml")
    if os.path.isfile(beside):
        parent_path = beside
    elif link.treaty in treaty_ids():
        parent_path = treaty_path(link.treaty)
    else:
        return []  # OTT-free: a parent not at hand is not checked
    parent = load(parent_path).dataset
    if parent is None:
        return []  # the parent's own findings are its file's
    on_parent = {s.name: s for s in parent.states}
    report = _Report(locate, dataset)
    for i, state in enumerate(dataset.states):
        consent = next((e for e in reversed(state.events) if e.is_consent), None)
        if consent is None:
            continue
        day = (
            in_force_for(dataset.treaty, consent)
            if dataset.treaty.entry_into_force.in_force
            else None
        )
        day = day or consent.date
        other = on_parent.get(state.name)
        status = position(parent.treaty, other, day).status if other is not None else "not-a-party"
        if status not in (*BOUND, "pending-entry-into-force"):
            j = state.events.index(consent)
            report.add(
                "OTT148",
                f"bound by {dataset.treaty.called} from {human(day)}, but {status} under "
                f"{parent.treaty.short_title} then ({link.article}: only its Parties may join)",
                ("states", i, "events", j, "kind"),
            )
    return list(report.findings)


def _names(result: Any) -> tuple[tuple[str, Finding], ...]:
    """A treaty file's aliases and short title, as `--treaty` compares them, each with an OTT149
    finding placed on it, worded once the other treaty is known."""
    from ottawa_cli.store.bundled import treaty_key

    treaty = result.dataset.treaty
    fields: list[tuple[str, tuple[str | int, ...]]] = [
        (alias, ("treaty", "aliases", k)) for k, alias in enumerate(treaty.aliases)
    ]
    fields.append((treaty.short_title, ("treaty", "short_title")))
    out = []
    for name, path in fields:
        parsed, where = result.locate(path)
        out.append((treaty_key(name), parsed.finding("OTT149", name, where)))
    return tuple(out)


def check_file(path: StrPath, today: dt.date) -> list[Finding]:
    """Every finding in one data file (see `check_file_accepting`)."""
    return check_file_accepting(path, today)[0]


def check_file_accepting(
    path: StrPath, today: dt.date
) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """Parse, validate and check one data file: a self-contained one, a treaty's (with its
    registry: the registry's findings too), or the registry; with the findings the data
    accepts and their reasons. Raises `DataFileError` if a file cannot be read."""
    found, accepted, _ = check_file_with_id(path, today)
    return found, accepted


def check_file_with_id(
    path: StrPath, today: dt.date
) -> tuple[
    list[Finding],
    list[tuple[Finding, str]],
    tuple[str, Finding, tuple[tuple[str, Finding], ...]] | None,
]:
    """`check_file_accepting`, and the treaty id the file declares with a finding placed on it
    (for a run over several files: two files of one treaty), and each other name it answers to
    (its aliases and short title, as `--treaty` compares them) with a finding placed on it (two
    treaties answering to one name); or None."""
    result = load(path)
    accepted: list[tuple[Finding, str]] = []
    declared = None
    # Treaty files of one layout only: self-contained files are each a world of their own.
    if result.dataset is not None and result.kind == "treaty":
        parsed, where = result.locate(("treaty", "id"))
        treaty_id = result.dataset.treaty.id
        declared = (
            treaty_id,
            parsed.finding("OTT147", f"treaty id {treaty_id!r} is also another file's", where),
            _names(result),
        )
    with no_cycle_collection():
        if result.kind == "registry":
            if result.registry is None:
                return result.findings, [], None
            found = check_registry(result.registry, result.parsed)
        elif result.dataset is None:
            return result.findings, [], None
        else:
            files: tuple[Parsed, ...] = (result.parsed,)
            if result.registry_parsed is not None:
                files = (result.parsed, result.registry_parsed)
            found, accepted = check(
                result.dataset, result.locate, today, files, partial=result.partial
            )
            found = [*found, *_check_parent(result.dataset, result.locate, path)]
    findings = sorted(dict.fromkeys([*result.findings, *found]), key=Finding.sort_key)
    return findings, accepted, declared
