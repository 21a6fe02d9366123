"""The data file's contract: a treaty, its rule parameters, its sources and every State's history.

These are plain frozen dataclasses so that the command path can rebuild them from the JSON cache
without importing pydantic (~130 ms). pydantic validates them when the YAML is read
(`store.load.validate`) and generates the JSON Schema (`ottawa schema`): it honours the `Strict`
marker below and the `__pydantic_config__` attribute without this module importing it.
"""

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from ottawa_cli.frozen import dataclass

FORMAT_VERSION = 1

# What a source is, strongest first: the depositary's own record (its status page, a depositary
# notification, or a faithful copy of either), the State or the treaty's organisation, or a third
# party (press, NGOs, trackers, encyclopedias, or anyone restating the depositary).
EvidenceClass = Literal["depositary", "official", "reported"]
EVIDENCE_CLASSES: tuple[str, ...] = ("depositary", "official", "reported")


class Strict:
    """Annotated marker: validate without coercion (no "0" → 1970-01-01, no "5" → 5)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["strict"] = True
        return schema


class CalendarMonthDay:
    """Annotated marker: "MM-DD", a day that every year has (so not 02-29)."""

    @staticmethod
    def check(text: str) -> str:
        if not re.fullmatch(r"\d{2}-\d{2}", text):
            raise ValueError(f"{text!r} is not a day written MM-DD")
        return _month_day(text)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(
            _month_day, core_schema.str_schema(strict=True, pattern=r"^\d{2}-\d{2}$")
        )


def _month_day(text: str) -> str:
    month, day = (int(x) for x in text.split("-"))
    try:
        dt.date(2001, month, day)  # not a leap year: a day every year has
    except ValueError:
        raise ValueError(
            f"{text!r} is not a month and day that every year has (MM-DD, e.g. 04-30)"
        ) from None
    return text


class _After:
    """Annotated marker: a check pydantic runs once the field has its type (a ValueError from it
    is a finding that names the field)."""

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


# What ends a line, or could pass for it, in a terminal, a CI log or a calendar file.
_BREAKS = re.compile("[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    if (found := _BREAKS.search(text)) is not None:
        raise ValueError(
            f"a line break or tab (U+{ord(found.group()):04X}) in a one-line field: a name, a "
            "title, a code or an id is one line"
        )
    return text


_IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9-]*")


def _identifier(text: str) -> str:
    if not _IDENTIFIER.fullmatch(text):
        raise ValueError(f"{text[:40]!r} is not an id: lowercase letters, digits and hyphens")
    return text


def _at_least(least: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if value < least:
            raise ValueError(f"{value} is less than {least}, the least this field can be")
        return value

    return check


Date = Annotated[dt.date, Strict()]
Int = Annotated[int, Strict()]
Bool = Annotated[bool, Strict()]
# A name, a title, a code, a reference: never more than one line.
Line = Annotated[str, _After(_one_line)]
# An id that ends up in file names, CSV headers and calendar UIDs.
Id = Annotated[str, _After(_identifier)]
# Counts and calendar amounts: at least 1 instrument, never a negative period.
Count = Annotated[int, Strict(), _After(_at_least(1))]
Amount = Annotated[int, Strict(), _After(_at_least(0))]

_FORBID_EXTRA = {"extra": "forbid"}

# Instruments by which a State becomes bound (Art. 16(1)); succession is the UN's practice for
# successor States and is not an Art. 17 instrument.
CONSENT_KINDS: tuple[str, ...] = ("ratification", "acceptance", "approval", "accession")
EventKind = Literal[
    "signature",
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    "withdrawal",
    # A declaration that the State applies part of the treaty (`applies`) before it enters into
    # force for it (the CCM's and the Mine Ban Convention's Art. 18): binding, not consent.
    "provisional-application",
    # A withdrawal notice revoked before it took effect (South Africa's and The Gambia's of the
    # Rome Statute): the State stays a party; `date` is the revocation's receipt.
    "withdrawal-revocation",
    # A signatory's notice that it does not intend to become a party (the United States and
    # the ATT, 2019): it stays what the treaty makes of it, the notice shown with its date.
    "non-intention",
    # An instrument of consent withdrawn before it bound the State (the Russian Federation's
    # ratification of the CTBT, a treaty not in force, 2023; Malaysia's accession to the Rome
    # Statute, withdrawn before it took effect, 2019).
    "consent-withdrawal",
    # Recorded for the reader, with no effect under the treaty (Ukraine's "suspension").
    "notification",
    # Domestic steps on the road to an instrument (votes, laws): no effect under the treaty.
    "milestone",
]
# Event fields that hold a date published by a source rather than computed by the rules.
PUBLISHED: tuple[str, ...] = ("bound_from", "entry_into_force", "takes_effect")
LEGAL_KINDS: frozenset[str] = frozenset(
    {
        "signature",
        *CONSENT_KINDS,
        "succession",
        "withdrawal",
        "provisional-application",
        "withdrawal-revocation",
        "non-intention",
        "consent-withdrawal",
    }
)


@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """A document a fact is taken from."""

    __pydantic_config__ = _FORBID_EXTRA
    title: Line
    # A short name for the footer ("UNTC"); the title is used where there is none.
    short_title: Line | None = None
    url: Line | None = None
    # The date of the document, or the "as at" date of a status page.
    date: Date | None = None
    note: str | None = None
    # What the source is (`ottawa check` reports a source that does not say).
    evidence: EvidenceClass | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class SourcedDate:
    """A date published by a source (not computed by us), kept to test the rules against."""

    __pydantic_config__ = _FORBID_EXTRA
    date: Date
    source: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Period:
    """A span counted in calendar units (dateutil.relativedelta semantics)."""

    __pydantic_config__ = _FORBID_EXTRA
    years: Amount = 0
    months: Amount = 0
    days: Amount = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class ConflictingDate:
    """A date one source gives that another contradicts: both are kept and shown."""

    __pydantic_config__ = _FORBID_EXTRA
    # Which of the event's dates it contradicts: `date`, or a published one.
    field: Literal["date", "bound_from", "entry_into_force", "takes_effect"]
    date: Date
    source: str
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Dispute:
    """An effect one party to the record contests: the answer shows both readings."""

    __pydantic_config__ = _FORBID_EXTRA
    # Who holds the other reading ("the World Health Organization").
    by: Line
    # The other reading in its holder's terms ("the withdrawal is not complete").
    reading: str
    source: str
    # Where the other reading gives a date of its own.
    date: Date | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class ReservedWithdrawal:
    """A right of withdrawal a State reserved in its instrument, where the treaty itself has no
    withdrawal clause: a period after notice, and the conditions the reservation sets."""

    __pydantic_config__ = _FORBID_EXTRA
    period: Period
    # The conditions in the reservation's words ("its financial obligations ... met in full").
    conditions: str | None = None
    source: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """One entry in a State's history: an instrument, a notice, or a domestic milestone."""

    __pydantic_config__ = _FORBID_EXTRA
    kind: EventKind
    # Signature; deposit of an instrument; receipt of a withdrawal by the depositary.
    date: Date
    source: str
    # Further sources for the same fact or its context.
    see_also: tuple[str, ...] = ()
    # Depositary notification reference, e.g. "C.N.372.2025.TREATIES-XXVI.5".
    notification: Line | None = None
    # Succession only: the date the successor State is bound from, as recorded by the depositary.
    bound_from: SourcedDate | None = None
    # Consent: the published date the treaty entered into force for the State.
    entry_into_force: SourcedDate | None = None
    # Withdrawal: the published date the withdrawal takes effect.
    takes_effect: SourcedDate | None = None
    # Provisional application: the provision applied ("Art. 1"), where the record says.
    applies: Line | None = None
    # Withdrawal: a later date the notice names for it to take effect, where the treaty
    # allows one.
    later_date: Date | None = None
    # Notifications and milestones: what happened, in a few words.
    title: Line | None = None
    # A date in the future, announced but not yet reached (`ottawa check` refuses others).
    announced: Bool = False
    note: str | None = None
    # Findings of `ottawa check` about this event that the data accepts, each with its reason
    # (`OTT132: the succession's date is not on the depositary's page`): not reported again.
    accept: dict[str, str] = dataclasses.field(default_factory=dict)
    # Why a consent, withdrawal or revocation is recorded though every source of it is only
    # `reported` (`ottawa check` asks for the reason).
    reported_only: str | None = None
    # Another date a source gives for this event (its deposit or its effect), kept and shown,
    # never silently dropped.
    conflicting_dates: tuple[ConflictingDate, ...] = ()
    # An effect in dispute: the other reading, whose it is and its source.
    dispute: Dispute | None = None
    # A right of withdrawal reserved in the instrument itself, where the treaty has no clause
    # (the United States' acceptance of the WHO's Constitution, 1948).
    reserved_withdrawal: ReservedWithdrawal | None = None
    # Never in a data file: a withdrawal derived from one from the parent treaty (the UNFCCC's
    # Art. 25(3) for the Kyoto Protocol), naming the parent's id.
    derived_from: Line | None = None

    def published(self) -> list[tuple[str, SourcedDate]]:
        """The published dates recorded on this event, by field name."""
        return [(name, value) for name in PUBLISHED if (value := getattr(self, name)) is not None]

    def cited(self) -> list[str]:
        """Every source key this event cites."""
        return [self.source, *self.see_also, *(p.source for _, p in self.published())]

    @property
    def is_consent(self) -> bool:
        return self.kind in CONSENT_KINDS or self.kind == "succession"

    @property
    def has_legal_effect(self) -> bool:
        return self.kind in LEGAL_KINDS


@dataclass(frozen=True, kw_only=True, slots=True)
class ArmedConflict:
    """A curated assertion that the State was engaged in an armed conflict (Art. 20(3))."""

    __pydantic_config__ = _FORBID_EXTRA
    name: Line
    start: Date
    source: str
    # None: not recorded as ended.
    end: Date | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Extension:
    """A deadline extended by a meeting of the States Parties (Art. 5(3)-(6))."""

    __pydantic_config__ = _FORBID_EXTRA
    # The `id` of one of the treaty's duties, e.g. "mine-clearance".
    duty: str
    until: Date
    source: str
    granted_by: str | None = None
    # The day of the decision; an extension granted after `as_of` is not yet known then.
    granted_on: Date | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Completion:
    """A State's declaration that it has fulfilled a duty (e.g. cleared all its mined areas)."""

    __pydantic_config__ = _FORBID_EXTRA
    duty: str
    date: Date
    source: str
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class State:
    """A State and its history under one treaty: who it is (in the bundled layout, from the
    shared State registry) and what it did (from the treaty's file)."""

    __pydantic_config__ = _FORBID_EXTRA
    name: Line
    iso2: Line
    # None only for a participant that is not a State (the European Union has no alpha-3 code).
    iso3: Line | None = None
    aliases: tuple[Line, ...] = ()
    # Names the State bore before (Swaziland, Burma): found by them, never shown as current.
    former_names: tuple[Line, ...] = ()
    events: tuple[Event, ...] = ()
    armed_conflicts: tuple[ArmedConflict, ...] = ()
    extensions: tuple[Extension, ...] = ()
    completions: tuple[Completion, ...] = ()
    note: str | None = None
    # A State, or a participant that is not one (the European Union).
    kind: Literal["state", "organization"] = "state"
    # Other States a person typing this one's name may mean (the registry's).
    not_to_be_confused_with: tuple[Line, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class LaterDeposits:
    """When the treaty enters into force for a State that deposits after the others: a period
    counted from the deposit (or from the first day of its month), then, where the text says
    so, the first day of the next month. Examples, as the texts say them:

    - "the first day of the sixth month after the date of deposit" (Mine Ban Convention,
      Art. 17(2)): `{counted_from: month-of-deposit, period: {months: 6}}`
    - "on the 30th day following the date of deposit" (CWC Art. XXI(2)): `{period: {days: 30}}`
    - "ninety days following the date of deposit" (ATT Art. 22(2)): `{period: {days: 90}}`
    - "the first day of the month after the 60th day following the deposit" (Rome Statute
      Art. 126(2)): `{period: {days: 60}, then: first-of-next-month}`
    """

    __pydantic_config__ = _FORBID_EXTRA
    period: Period
    counted_from: Literal["deposit", "month-of-deposit"] = "deposit"
    then: Literal["first-of-next-month"] | None = None
    # Which deposits the rule is for: those after the threshold instrument (the Mine Ban
    # Convention, the CCM), or only those after the treaty's own entry into force (the CWC, the
    # ATT: a State that deposits in between is bound with the treaty).
    applies_after: Literal["threshold", "entry-into-force"] = "threshold"


@dataclass(frozen=True, kw_only=True, slots=True)
class ThresholdCount:
    """How the threshold's count differs from the instruments the record holds: instruments of
    States no longer in it (Czechoslovakia, the German Democratic Republic, Yugoslavia), all
    deposited by the threshold deposit, and instruments it holds that the text does not count
    (the WHO's Art. 80 counts only Members of the United Nations)."""

    __pydantic_config__ = _FORBID_EXTRA
    # The days instruments of States no longer in the record were deposited ...
    not_recorded: tuple[Date, ...] = ()
    # ... and how many more were deposited by the threshold deposit on days not known here.
    not_recorded_undated: Amount = 0
    # The States (their names in the registry) whose instruments the threshold does not count.
    not_counted: tuple[Line, ...] = ()
    source: str
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class EntryIntoForceRule:
    """The treaty's own entry into force and the rule for each later State."""

    __pydantic_config__ = _FORBID_EXTRA
    article: Line
    # The treaty's entry into force and the deposit that triggered it (the Nth instrument); both
    # absent for a treaty not yet in force (the CTBT), which says what it `awaits` instead.
    treaty_in_force: SourcedDate | None = None
    threshold_deposit: SourcedDate | None = None
    # A treaty not in force: what its entry into force waits for, in its own words.
    awaits: str | None = None
    instruments_required: Count
    threshold_count: ThresholdCount | None = None
    # A condition besides the count, in the text's words (the Kyoto Protocol's Art. 25(1): Annex
    # I Parties accounting for 55 per cent of their 1990 emissions): `threshold_deposit` is then
    # the deposit that met both, on or after the Nth instrument.
    further_condition: str | None = None
    # Later instruments: in force on the first day of the Nth month after the date of deposit
    # (the short form of `later`), or `later` for any other rule; one of the two.
    months_after_deposit: Amount | None = None
    later: LaterDeposits | None = None
    # The provisions cited for each case (Art. 17(1) and 17(2) of the Mine Ban Convention);
    # `article` where the data names none.
    treaty_article: Line | None = None
    later_article: Line | None = None

    def __post_init__(self) -> None:
        if (self.months_after_deposit is None) == (self.later is None):
            raise ValueError(
                "give the rule for later deposits once: `months_after_deposit` or `later`"
            )
        if (self.treaty_in_force is None) != (self.threshold_deposit is None):
            raise ValueError("give `treaty_in_force` and `threshold_deposit` together")
        if (self.treaty_in_force is None) == (self.awaits is None):
            raise ValueError(
                "a treaty in force gives `treaty_in_force`; one not in force what it `awaits`"
            )

    @property
    def in_force(self) -> bool:
        return self.treaty_in_force is not None

    @property
    def for_later_deposits(self) -> LaterDeposits:
        if self.later is not None:
            return self.later
        months = self.months_after_deposit or 0
        return LaterDeposits(counted_from="month-of-deposit", period=Period(months=months))


@dataclass(frozen=True, kw_only=True, slots=True)
class WithdrawalRule:
    """A withdrawal takes effect a period after the depositary receives it.

    Then, where the text says so, on the first day of the next month (the Istanbul
    Convention's Art. 80: "the first day of the month following the expiration of a period of
    three months after the date of receipt"); or on a later date the notice names, where the
    text allows one (the ATT's Art. 24(2), the Rome Statute's Art. 127(1)).
    """

    __pydantic_config__ = _FORBID_EXTRA
    article: Line
    # A period after receipt; `clause: none` for a treaty that provides for no withdrawal (the
    # tool then says so and computes no date).
    clause: Literal["period", "none"] = "period"
    period: Period = Period()
    # Not before the end of an armed conflict the State is engaged in (the Mine Ban
    # Convention's Art. 20(3)).
    armed_conflict_clause: Bool = False
    then: Literal["first-of-next-month"] | None = None
    # Then on this day of the year the period ends in ("12-31": UNESCO's Art. II(6), "on 31
    # December of the year following that during which the notice was given", is
    # `period: {years: 1}, on_day: 12-31`). The text's day is the last day of membership (UNESCO
    # counts a Member as a Member through 31 December): the State is out from the next day.
    on_day: Annotated[str, CalendarMonthDay()] | None = None
    # No notice before this long after the treaty entered into force for the State (the Paris
    # Agreement's Art. 28(1): three years).
    notice_not_before: Period | None = None
    # Notice only within windows: each `window_every` after the treaty's own entry into force,
    # open for `window_open` (ILO conventions: the year after each period of ten years).
    window_every: Period | None = None
    window_open: Period | None = None
    later_date_allowed: Bool = False
    # The treaty's words for the armed-conflict condition ("party to an armed conflict" in the
    # TPNW's Art. 17(3)); "engaged in an armed conflict" where the data names none.
    armed_conflict_words: Line | None = None
    # What a withdrawal does not end, in the treaty's words (the Rome Statute's Art. 127(2),
    # the ATT's Art. 24(3): obligations arising while a party).
    survives: str | None = None

    def __post_init__(self) -> None:
        # A missing period is never "no time at all": it is a clause not yet written.
        given = self.period != Period()
        if self.clause == "period" and not given:
            raise ValueError("give the `period` after receipt, or `clause: none`")
        if self.clause == "none" and (
            given
            or self.armed_conflict_clause
            or self.later_date_allowed
            or self.then is not None
            or self.on_day is not None
            or self.notice_not_before is not None
            or self.window_every is not None
        ):
            raise ValueError("`clause: none` takes no period, condition or window")
        if (self.window_every is None) != (self.window_open is None):
            raise ValueError("give `window_every` and `window_open` together")
        # A window of no length never opens, and windows every no time never end.
        for name in ("window_every", "window_open"):
            if getattr(self, name) == Period():
                raise ValueError(f"`{name}` is a period of no length: give years, months or days")
        if self.then is not None and self.on_day is not None:
            raise ValueError("give `then` or `on_day`, not both")


@dataclass(frozen=True, kw_only=True, slots=True)
class Duty:
    """A deadline that follows from entry into force for a State (Art. 4, 5, 7 of the Mine Ban
    Convention)."""

    __pydantic_config__ = _FORBID_EXTRA
    id: Id
    article: Line
    title: Line
    # Due this long after entry into force for the State ...
    after_entry_into_force: Period | None = None
    # ... or every year on this month and day, "MM-DD" (Art. 7(2): by 30 April, "04-30").
    annually_on: Annotated[str, CalendarMonthDay()] | None = None
    # The condition the duty depends on, in the treaty's words, where the data does not record
    # whether a State meets it (Art. 4: "if it owns or possesses stockpiled anti-personnel
    # mines, ..."): said beside every deadline, so that a date is not read as a duty owed.
    applies_if: Line | None = None
    # The article under which the deadline may be extended (Art. 5(3)): the date computed is
    # the original one, and is labelled so where no extension is recorded.
    may_be_extended_under: Line | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class ProtocolLink:
    """A protocol and its parent treaty: who may join it, and what leaving the parent does."""

    __pydantic_config__ = _FORBID_EXTRA
    # The parent treaty's id.
    treaty: Id
    article: Line
    # Only a Party to the parent may become a Party (`ottawa check` reports any other).
    requires_party: Bool = True
    # Withdrawing from the parent is withdrawing from this protocol (the UNFCCC's Art. 25(3)).
    withdrawal_follows: Bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Treaty:
    __pydantic_config__ = _FORBID_EXTRA
    id: Id
    title: Line
    short_title: Line
    # The names people call it by (`--treaty rome`, `--treaty ICC`), any case; no two treaties
    # share one (OTT149). `bundled_names.py` holds the bundled ones for a start-up without YAML.
    aliases: tuple[Line, ...] = ()
    depositary: Line
    opened_for_signature: SourcedDate
    # Until when it is open for signature: until its entry into force (the Mine Ban Convention's
    # Art. 15, the ATT's Art. 21(1)), with no closing date (the TPNW's Art. 13), or to a day the
    # text names (the Rome Statute's Art. 125(1): "until 31 December 2000").
    open_for_signature_until: Literal["entry-into-force", "no-closing-date"] | SourcedDate = (
        "entry-into-force"
    )
    # How the treaty's text refers to itself, for sentences: "the Convention", "the Statute".
    called: Line = "the treaty"
    # What the instrument calls those bound by it: "Party" (treaties), "Member" (constitutions).
    party_word: Literal["Party", "Member"] = "Party"
    # The depositary's reference for the treaty's record (UNTC's "XXVI-5") and the address of
    # its status page, where the depositary keeps one.
    reference: Line | None = None
    status_page: Line | None = None
    # A protocol bound to a parent treaty (the Kyoto Protocol to the UNFCCC).
    protocol_to: ProtocolLink | None = None
    # The article under which a State may apply the treaty provisionally, if it has one.
    provisional_application_article: Line | None = None
    entry_into_force: EntryIntoForceRule
    withdrawal: WithdrawalRule
    duties: tuple[Duty, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Verification:
    """When the data was last compared with the depositary's record."""

    __pydantic_config__ = _FORBID_EXTRA
    against: str
    as_at: Date
    note: str | None = None
    # The latest day sources other than the depositary's record were read to.
    others_to: Date | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class NotListed:
    """An entity people ask about that is no participant in the depositary's record (Kosovo,
    Taiwan, Western Sahara): asked for, the tool says why instead of guessing another."""

    __pydantic_config__ = _FORBID_EXTRA
    name: Line
    aliases: tuple[Line, ...] = ()
    why: str
    source: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Updates:
    """Never in a data file: the facts an overlay of `ottawa update` added to the bundled data
    (`ottawa_cli.store.overlay`), from the depositary's page as at `as_at`, none reviewed."""

    __pydantic_config__ = _FORBID_EXTRA
    facts: Int
    as_at: Date
    file: str
    page: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Dataset:
    __pydantic_config__ = _FORBID_EXTRA
    format: Int
    treaty: Treaty
    verified: Verification
    sources: dict[str, Source]
    states: tuple[State, ...]
    not_listed: tuple[NotListed, ...] = ()
    # Set by the overlay when it is merged; `ottawa check` refuses it in a file.
    updates: Updates | None = None
