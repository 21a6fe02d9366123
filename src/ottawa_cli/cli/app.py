"""The Typer front end: parse arguments into a query, call the library, emit the result.

Every command is a few lines around one library call (`ottawa_cli.api`); the one place that
turns library errors into a message and an exit code is `cli.exits.reporting_errors`. Exit codes
(stable, documented in the README): 0 ok; 1 invalid data or findings; 2 usage error. Heavy
modules are imported inside the commands so that `ottawa --help` pays only for what it uses.
"""

# No `from __future__ import annotations` here: Typer reads every command's signature on each
# run, and string annotations would have to be evaluated first (half its start-up work).
import contextlib
import datetime as dt
import functools
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from ottawa_cli.cli import clock, options
from ottawa_cli.cli.exits import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    err,
    message,
    reader_went_away,
)
from ottawa_cli.store.bundled import ALL, DEFAULT_TREATY, is_all, treaty_ids


# The choices the library knows, spelt as the library spells them (tests/cli/test_cli.py holds them
# equal to `rules.STATUSES`, `api.states.SORTS`, `output.exports.FORMATS` and
# `output.report.FORMATS`): Typer then checks them, lists them in --help and names the valid
# ones in its error. Written out, since importing the library here would slow `--help`.
class StatusChoice(StrEnum):
    not_a_party = "not-a-party"
    signatory = "signatory"
    pending_entry_into_force = "pending-entry-into-force"
    party = "party"
    withdrawing = "withdrawing"
    withdrawal_suspended = "withdrawal-suspended"
    withdrawn = "withdrawn"


class EvidenceChoice(StrEnum):
    depositary = "depositary"
    official = "official"
    reported = "reported"


class SortChoice(StrEnum):
    name = "name"
    date = "date"


class KindChoice(StrEnum):
    """`timeline.KINDS`: two groups by the word people use, then each entry kind."""

    withdrawal = "withdrawal"
    notice = "notice"
    treaty = "treaty"
    milestone = "milestone"
    notification = "notification"
    signature = "signature"
    consent = "consent"
    consent_withdrawn = "consent-withdrawn"
    provisional_application = "provisional-application"
    entry_into_force = "entry-into-force"
    withdrawal_received = "withdrawal-received"
    withdrawal_held = "withdrawal-held"
    withdrawal_takes_effect = "withdrawal-takes-effect"
    withdrawal_revoked = "withdrawal-revoked"
    non_intention = "non-intention"
    extension = "extension"
    completion = "completion"
    deadline = "deadline"


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    ics = "ics"


class ChangesFormat(StrEnum):
    text = "text"
    json = "json"
    atom = "atom"


class ChangesBy(StrEnum):
    happened = "happened"
    recorded = "recorded"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class _Commands(TyperGroup):
    """The command group: a State's name typed where a command goes (`ottawa Finland`) is
    answered with the command that asks about it."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            named = _state_named(args)
            if named is not None:
                ctx.fail(
                    f"No such command {args[0]!r}. To ask about {named}: "
                    f"ottawa status {_quoted(named)}"
                )
        return super().resolve_command(ctx, args)


def _state_named(args: list[str]) -> str | None:
    """The State the words before any option name ("South Sudan" is two), if they name one."""
    from ottawa_cli.api import find_state
    from ottawa_cli.errors import UsageError

    words = list(itertools.takewhile(lambda a: not a.startswith("-"), args))
    for typed in dict.fromkeys((" ".join(words), words[0])):
        try:
            return find_state(None, typed)[1].name
        except (UsageError, LookupError):
            continue
    return None


def _quoted(name: str) -> str:
    """A name as a shell reads it back: quoted where it has a space or a shell character."""
    import shlex

    if shlex.quote(name) == name or any(c in name for c in '"$`\\!'):
        return shlex.quote(name)
    return f'"{name}"'


app = typer.Typer(
    name="ottawa",
    cls=_Commands,
    help="Where a State stands under a treaty, on any date, and why: instruments, entry into "
    "force, withdrawals and the duties that follow, from the depositary's record."
    "\n\nExit codes: 0 ok; 1 invalid data or findings; 2 usage error.",
    no_args_is_help=True,
    # `ottawa --install-completion` (bash, zsh, fish, PowerShell); STATE completes from the names
    # and aliases of the State registry.
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete_state(incomplete: str) -> list[str]:
    """Names and aliases of the registry's States that begin with what was typed."""
    from ottawa_cli.api import load
    from ottawa_cli.store.lookup import normalize

    typed = normalize(incomplete)
    names = [n for s in load(None).states for n in (s.name, *s.aliases)]
    return sorted(n for n in dict.fromkeys(names) if normalize(n).startswith(typed))


def _version(value: bool) -> None:
    if value:
        from ottawa_cli import __version__

        print(f"ottawa {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Options that come before any command (the help text is the app's, above)."""


DataOption = Annotated[
    Path | None,
    typer.Option(
        options.DATA.name,
        envvar=options.DATA.envvar,
        help="A data file of your own (a treaty's file, or a self-contained one) instead of a "
        "bundled treaty; wins over --treaty.",
        show_default=False,
        dir_okay=False,
    ),
]
TreatyOption = Annotated[
    str | None,
    typer.Option(
        options.TREATY.name,
        envvar=options.TREATY.envvar,
        metavar=options.TREATY.metavar,
        help=f"The bundled treaty: {', '.join(treaty_ids())} (`ottawa treaties` lists them), "
        "in any case, or a name it is known by (ICC, rome, ottawa, mine-ban, cluster, chemical, "
        f"nuclear-ban, ...) [default: {DEFAULT_TREATY}].",
        show_default=False,
    ),
]
TreatyOrAllOption = Annotated[
    str | None,
    typer.Option(
        options.TREATY_OR_ALL.name,
        envvar=options.TREATY_OR_ALL.envvar,
        metavar=options.TREATY_OR_ALL.metavar,
        help=f"The bundled treaty: {', '.join(treaty_ids())}, in any case, or a name it is "
        f"known by (ICC, rome, ottawa, cluster, ...); or {ALL} for every one "
        f"[default: {DEFAULT_TREATY}].",
        show_default=False,
    ),
]
# `check` takes no environment variable: an OTTAWA_TREATY exported for other commands must never
# make a bare `ottawa check` in a data checkout check the installed copy instead.
CheckTreatyOption = Annotated[
    str | None,
    typer.Option(
        "--treaty",
        metavar="ID|all",
        help="Check the installed copy of a bundled treaty (with the registry), or all of them.",
        show_default=False,
    ),
]
CheckDataOption = Annotated[
    Path | None,
    typer.Option("--data", help="A data file of your own.", show_default=False, dir_okay=False),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        options.AS_OF.name,
        metavar=options.AS_OF.metavar,
        help="The date to answer for: YYYY-MM-DD, today, yesterday, 2026/01/10 or 10 Jan 2026 "
        "[default: today].",
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option(
        options.FROM.name, metavar=options.FROM.metavar, help="First date shown (as --as-of)."
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(options.TO.name, metavar=options.TO.metavar, help="Last date shown (as --as-of)."),
]
JsonOption = Annotated[
    bool, typer.Option(options.JSON.name, help="Print JSON (a stable contract).")
]
EvidenceOption = Annotated[
    EvidenceChoice | None,
    typer.Option(
        options.EVIDENCE.name,
        help="Only facts at least this well established: depositary (what the depositary's "
        "record shows), official (and the State's or the treaty organisation's own), reported "
        "(and the press's) [default: every recorded fact].",
        show_default=False,
    ),
]

NoUpdatesOption = Annotated[
    bool,
    typer.Option(
        options.NO_UPDATES.name,
        envvar=options.NO_UPDATES.envvar,
        help="Answer from the bundled data alone, without the facts `ottawa update` imported "
        "from the depositary's pages.",
    ),
]


def _evidence(choice: EvidenceChoice | None) -> Any:
    from ottawa_cli.api import EVERY_FACT

    return EVERY_FACT if choice is None else choice.value


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write here instead of stdout (`-`: stdout); an existing file is replaced.",
        dir_okay=False,
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def _errors_to_exit_codes(command: F) -> F:
    """Library errors become a message on stderr and an exit code (`cli.exits.reporting_errors`)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from ottawa_cli.cli.exits import reporting_errors

        if kwargs.get("no_updates"):
            # The library reads it where the overlay is merged (`ottawa_cli.store.overlay.ignored`).
            os.environ["OTTAWA_NO_UPDATES"] = "1"
        code = reporting_errors(lambda: command(*args, **kwargs))
        if code != EXIT_OK:
            raise typer.Exit(code)

    return wrapper  # type: ignore[return-value]


def _date(text: str | None, option: str) -> dt.date | None:
    """The one date-option parser: a bad date is a usage error naming the option."""
    if text is None:
        return None
    from ottawa_cli.cli.clock import today
    from ottawa_cli.dates import DateError, parse_user_date

    try:
        # "today" is the day every default follows: OTTAWA_TODAY where it is set.
        return parse_user_date(text, today())
    except DateError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None


def _required_date(text: str, option: str) -> dt.date:
    day = _date(text, option)
    assert day is not None
    return day


def _source(data: Path | None, treaty: str | None) -> str:
    """The file a command reads: `--data`, else the bundled treaty named (or the default)."""
    from ottawa_cli.store.bundled import data_path

    if data is None and is_all(treaty):
        from ottawa_cli.errors import UsageError

        raise UsageError(
            f"--treaty {ALL} is for `ottawa status`, `pending`, `timeline`, `list`, `parties` and "
            "`export`; name one"
        )
    return data_path(data, treaty)


def _emit(result: Any, json: bool) -> None:
    from ottawa_cli.output import emit

    emit(result, json=json)


@app.command()
@_errors_to_exit_codes
def status(
    state: Annotated[
        str,
        typer.Argument(
            help="Name, alias or ISO 3166 code, e.g. Finland, FI, FIN.",
            autocompletion=_complete_state,
        ),
    ],
    as_of: AsOfOption = None,
    treaty: TreatyOrAllOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
    json: JsonOption = False,
) -> None:
    """A State's position under a treaty on a date, and why; with --treaty all, under each."""
    from ottawa_cli.api.status import StatusQuery, answer

    # `ottawa_cli.cli.fast` makes the same two calls without Typer when the arguments are plain.
    query = StatusQuery(
        today=clock.today(),
        state=state,
        as_of=_date(as_of, "--as-of"),
        evidence=_evidence(evidence),
    )
    _emit(answer(query, data=data, treaty=treaty), json)


@app.command("list")
@_errors_to_exit_codes
def list_states(
    as_of: AsOfOption = None,
    status: Annotated[
        list[StatusChoice] | None,
        typer.Option("--status", help="Only States with this status (repeatable)."),
    ] = None,
    sort: Annotated[
        SortChoice,
        typer.Option("--sort", help="Order by name, or by the date the status began."),
    ] = SortChoice.name,
    treaty: TreatyOrAllOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
    json: JsonOption = False,
) -> None:
    """Every State in one table, with the number of States Parties on the date; with --treaty
    all, every State under every treaty, with a Treaty column."""
    from ottawa_cli.api.states import ListQuery, list_states

    query = ListQuery(
        today=clock.today(),
        as_of=_date(as_of, "--as-of"),
        statuses=frozenset(s.value for s in status or ()),
        sort=sort.value,
        evidence=_evidence(evidence),
    )
    if data is None and is_all(treaty):
        from ottawa_cli.api.across import list_everywhere

        _emit(list_everywhere(query), json)
    else:
        _emit(list_states(_source(data, treaty), query), json)


@app.command()
@_errors_to_exit_codes
def pending(
    as_of: AsOfOption = None,
    treaty: TreatyOrAllOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
    json: JsonOption = False,
) -> None:
    """Withdrawals received but not yet in effect, soonest first; those held by an armed
    conflict last. With --treaty all, every treaty's."""
    from ottawa_cli.api.states import PendingQuery, pending_everywhere
    from ottawa_cli.api.states import pending as answer

    query = PendingQuery(
        today=clock.today(), as_of=_date(as_of, "--as-of"), evidence=_evidence(evidence)
    )
    if data is None and is_all(treaty):
        _emit(pending_everywhere(query), json)
    else:
        _emit(answer(_source(data, treaty), query), json)


@app.command()
@_errors_to_exit_codes
def sources(
    state: Annotated[
        str, typer.Argument(help="Name, alias or ISO 3166 code.", autocompletion=_complete_state)
    ],
    treaty: TreatyOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    json: JsonOption = False,
) -> None:
    """Each recorded fact about a State with the source it comes from."""
    from ottawa_cli.api.sources import SourcesQuery
    from ottawa_cli.api.sources import sources as answer

    _emit(answer(_source(data, treaty), SourcesQuery(state=state)), json)


@app.command()
@_errors_to_exit_codes
def timeline(
    states: Annotated[
        list[str] | None,
        typer.Argument(
            help="States (names, aliases or codes) [default: the whole treaty].", show_default=False
        ),
    ] = None,
    start: FromOption = None,
    end: ToOption = None,
    kind: Annotated[
        list[KindChoice] | None,
        typer.Option(
            "--kind",
            help="Only entries of this kind (repeatable): withdrawal (taking effect, or held by "
            "an armed conflict), notice (of withdrawal, its revocation, non-intention), or one "
            "entry kind.",
        ),
    ] = None,
    treaty: TreatyOrAllOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
    json: JsonOption = False,
) -> None:
    """Signatures, instruments, entries into force, withdrawals, notices and deadlines, in order;
    with --treaty all, every treaty's in one table."""
    from ottawa_cli.api.history import TimelineQuery
    from ottawa_cli.api.history import timeline as answer

    query = TimelineQuery(
        today=clock.today(),
        states=tuple(states or ()),
        start=_date(start, "--from"),
        end=_date(end, "--to"),
        evidence=_evidence(evidence),
        kinds=frozenset(k.value for k in kind or ()),
    )
    if data is None and is_all(treaty):
        from ottawa_cli.api.across import timeline_everywhere

        _emit(timeline_everywhere(query), json)
    else:
        _emit(answer(_source(data, treaty), query), json)


@app.command()
@_errors_to_exit_codes
def parties(
    start: FromOption = None,
    end: ToOption = None,
    treaty: TreatyOrAllOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
    json: JsonOption = False,
) -> None:
    """The number of States Parties over time: at every change, and at the end of each year;
    with --treaty all, every treaty's changes in one table and each treaty's count."""
    from ottawa_cli.api.history import PartiesQuery
    from ottawa_cli.api.history import parties as answer

    query = PartiesQuery(
        today=clock.today(),
        start=_date(start, "--from"),
        end=_date(end, "--to"),
        evidence=_evidence(evidence),
    )
    if data is None and is_all(treaty):
        from ottawa_cli.api.across import parties_everywhere

        _emit(parties_everywhere(query), json)
    else:
        _emit(answer(_source(data, treaty), query), json)


@app.command()
@_errors_to_exit_codes
def treaties(
    json: JsonOption = False,
    evidence: EvidenceOption = None,
    no_updates: NoUpdatesOption = False,
) -> None:
    """The bundled treaties: id, title, depositary, entry into force, States Parties today, and
    when the data was verified against the depositary."""
    from ottawa_cli.api.treaties import TreatiesQuery
    from ottawa_cli.api.treaties import treaties as answer

    _emit(answer(TreatiesQuery(today=clock.today(), evidence=_evidence(evidence))), json)


calc_app = typer.Typer(
    help="What-if calculator: the treaty's rules applied to any date.", no_args_is_help=True
)
app.add_typer(calc_app, name="calc")


@calc_app.command(
    "withdraw", short_help="When a withdrawal would take effect under the treaty's clause."
)
@_errors_to_exit_codes
def calc_withdraw(
    received: Annotated[
        str,
        typer.Option(
            "--received", metavar="DATE", help="Date the depositary receives the withdrawal."
        ),
    ],
    armed_conflict_until: Annotated[
        str | None,
        typer.Option(
            "--armed-conflict-until",
            metavar="DATE|ongoing",
            help="The State is engaged in an armed conflict from receipt until DATE, "
            "or with no end in sight.",
        ),
    ] = None,
    later_date: Annotated[
        str | None,
        typer.Option(
            "--later-date",
            metavar="DATE",
            help="A later date the notice names, where the treaty allows one.",
        ),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            metavar="STATE",
            help="A real State (name, alias or code): its record decides (a Party that day? a "
            "notice already pending? an armed conflict recorded? the clause its instrument is "
            "read under).",
            autocompletion=_complete_state,
        ),
    ] = None,
    treaty: TreatyOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    json: JsonOption = False,
) -> None:
    """When would a withdrawal take effect, under the treaty's withdrawal clause? With --state,
    a notice from that State, on its record."""
    from ottawa_cli.api.calc import ONGOING, WithdrawQuery, withdraw, withdraw_for_state

    until: dt.date | str | None = None
    if armed_conflict_until is not None:
        if armed_conflict_until.strip().lower() == ONGOING:
            until = ONGOING
        else:
            until = _date(armed_conflict_until, "--armed-conflict-until")
    query = WithdrawQuery(
        today=clock.today(),
        received=_required_date(received, "--received"),
        armed_conflict_until=until,  # type: ignore[arg-type]
        later_date=_date(later_date, "--later-date"),
    )
    if state is not None:
        _emit(withdraw_for_state(_source(data, treaty), query, state), json)
    else:
        _emit(withdraw(_source(data, treaty), query), json)


@calc_app.command("join", short_help="When the treaty would enter into force for a State.")
@_errors_to_exit_codes
def calc_join(
    deposited: Annotated[
        str,
        typer.Option(
            "--deposited", metavar="DATE", help="Date the instrument of consent is deposited."
        ),
    ],
    treaty: TreatyOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    json: JsonOption = False,
) -> None:
    """When would the treaty enter into force for a State, and what duties follow?"""
    from ottawa_cli.api.calc import JoinQuery, join

    query = JoinQuery(deposited=_required_date(deposited, "--deposited"))
    _emit(join(_source(data, treaty), query), json)


@app.command()
@_errors_to_exit_codes
def export(
    output_format: Annotated[
        ExportFormat, typer.Option("--format", help="What to write.")
    ] = ExportFormat.json,
    output: OutputOption = None,
    as_of: AsOfOption = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="CSV with a byte order mark, so that Excel reads it as UTF-8."
        ),
    ] = False,
    treaty: TreatyOrAllOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
) -> None:
    """The whole dataset with computed fields: status, entry into force, dates, deadlines; with
    --treaty all, every treaty's, each row naming its treaty."""
    from ottawa_cli.api.export import ExportQuery
    from ottawa_cli.api.export import export as answer
    from ottawa_cli.output.exports import FORMATS, as_csv_for_excel, calendar_items, no_upcoming

    query = ExportQuery(
        today=clock.today(),
        made=clock.made_at(),
        as_of=_date(as_of, "--as-of"),
        evidence=_evidence(evidence),
    )
    if data is None and is_all(treaty):
        _export_everywhere(query, output_format, output, excel)
        return
    source = _source(data, treaty)
    write = FORMATS[output_format.value]
    if excel and output_format == ExportFormat.csv:
        write = as_csv_for_excel
    result = answer(source, query)
    if output_format == ExportFormat.ics and not calendar_items(result):
        err(f"Note: {no_upcoming(result)}.")
    _write_output(write(result), output, protect=_read_files(data, treaty))


@app.command()
@_errors_to_exit_codes
def changes(
    since: Annotated[
        str,
        typer.Option(
            options.SINCE.name,
            metavar=options.SINCE.metavar,
            help="The first day shown (as --as-of).",
        ),
    ],
    until: Annotated[
        str | None,
        typer.Option(
            options.UNTIL.name,
            metavar=options.UNTIL.metavar,
            help="The last day shown [default: today].",
        ),
    ] = None,
    treaty: Annotated[
        str,
        typer.Option(
            "--treaty",
            metavar="ID|all",
            help="One bundled treaty, or all [default: all; OTTAWA_TREATY is not read here].",
            show_default=False,
        ),
    ] = ALL,
    data: DataOption = None,
    by: Annotated[
        ChangesBy,
        typer.Option(
            "--by",
            help="Date each change by the day it happened, or by the day the data's sources "
            "recorded it (the earliest dated source; else the day the data was verified).",
        ),
    ] = ChangesBy.happened,
    output_format: Annotated[
        ChangesFormat, typer.Option("--format", help="Text, JSON (as --json) or an Atom feed.")
    ] = ChangesFormat.text,
    json: JsonOption = False,
    output: OutputOption = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            envvar="OTTAWA_TODAY",
            metavar="DATE",
            help="The day taken as today (the default --until), YYYY-MM-DD [default: the local "
            "date].",
        ),
    ] = None,
) -> None:
    """What happened under the treaties from a date: instruments, notices, revocations, and
    the entries into force and withdrawals they lead to, each with its evidence and source."""
    from ottawa_cli.api.changes import ChangesQuery, changes_everywhere
    from ottawa_cli.api.changes import changes as answer
    from ottawa_cli.errors import PartlyAnswered
    from ottawa_cli.output.changes import as_atom, as_json, as_text

    if json and output_format not in (ChangesFormat.text, ChangesFormat.json):
        raise typer.BadParameter("--json or --format atom: not both", param_hint="'--json'")
    chosen = ChangesFormat.json if json else output_format
    query = ChangesQuery(
        today=clock.today(),
        since=_required_date(since, "--since"),
        until=_date(until, "--until"),
        by=by.value,
    )
    day = _date(today, "--today")
    if day is not None:
        query = ChangesQuery(since=query.since, until=query.until, by=query.by, today=day)
    if data is None and is_all(treaty):
        result = changes_everywhere(query)
    else:
        result = answer(_source(data, treaty), query)
    to_stdout = output is None or str(output) == "-"
    if chosen != ChangesFormat.atom and to_stdout:
        _emit(result, chosen == ChangesFormat.json)
        return
    write = {ChangesFormat.text: as_text, ChangesFormat.json: as_json, ChangesFormat.atom: as_atom}
    _write_output(write[chosen](result), output, protect=_read_files(data, treaty))
    if result.failed:
        raise PartlyAnswered([name for name, _ in result.failed])


def _export_everywhere(
    query: Any, output_format: ExportFormat, output: Path | None, excel: bool
) -> None:
    """`export --treaty all`: every treaty's rows in one file; a treaty whose data could not
    be read is said on stderr, the others written, and the exit code is 1."""
    from ottawa_cli.api.across import export_everywhere
    from ottawa_cli.output.across import FORMATS, as_csv_for_excel
    from ottawa_cli.safe_text import one_line
    from ottawa_cli.store.bundled import bundled_files

    if output is not None and str(output) != "-" and output.exists():
        # Every data file read is protected, as one treaty's export protects its own.
        for read in bundled_files():
            if os.path.exists(read) and output.samefile(read):
                err(
                    f"Error: {one_line(str(output))} is a data file being read: choose another "
                    "--output"
                )
                raise typer.Exit(EXIT_USAGE)
    result = export_everywhere(query)
    write = FORMATS[output_format.value]
    if excel and output_format == ExportFormat.csv:
        write = as_csv_for_excel
    _write_output(write(result), output)
    if result.failed:
        from ottawa_cli.errors import PartlyAnswered

        for treaty, why in result.failed:
            err(f"{treaty}: its data could not be read: {one_line(why)}")
        raise PartlyAnswered([treaty for treaty, _ in result.failed])


@app.command("map")
@_errors_to_exit_codes
def world_map(
    output: OutputOption = None,
    as_of: AsOfOption = None,
    treaty: TreatyOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
) -> None:
    """A world map (SVG) of every State's status on a date, with each status's count."""
    from ottawa_cli.api.pictures import MapQuery
    from ottawa_cli.api.pictures import world_map as answer
    from ottawa_cli.output.svg import map_svg

    query = MapQuery(
        today=clock.today(), as_of=_date(as_of, "--as-of"), evidence=_evidence(evidence)
    )
    source = _source(data, treaty)
    _write_output(map_svg(answer(source, query)), output, protect=_read_files(data, treaty))


@app.command()
@_errors_to_exit_codes
def chart(
    output: OutputOption = None,
    start: FromOption = None,
    end: ToOption = None,
    treaty: TreatyOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
) -> None:
    """A chart (SVG) of the number of States Parties over time, each withdrawal marked."""
    from ottawa_cli.api.pictures import ChartQuery
    from ottawa_cli.api.pictures import chart as answer
    from ottawa_cli.output.svg import chart_svg

    query = ChartQuery(
        today=clock.today(),
        start=_date(start, "--from"),
        end=_date(end, "--to"),
        evidence=_evidence(evidence),
    )
    source = _source(data, treaty)
    _write_output(chart_svg(answer(source, query)), output, protect=_read_files(data, treaty))


@app.command()
@_errors_to_exit_codes
def site(
    directory: Annotated[
        Path,
        typer.Argument(
            help="The folder to write: new, empty, or made by an earlier `ottawa site`.",
            file_okay=False,
            show_default=False,
        ),
    ],
    as_of: AsOfOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
) -> None:
    """A static website (pages, JSON, CSV, Atom feed) of every bundled treaty on a date."""
    from ottawa_cli.api.site import SiteQuery
    from ottawa_cli.api.site import site as answer
    from ottawa_cli.output.site import build, write
    from ottawa_cli.safe_text import one_line

    query = SiteQuery(
        today=clock.today(), as_of=_date(as_of, "--as-of"), data=data, evidence=_evidence(evidence)
    )
    files = build(answer(query))
    write(files, os.fspath(directory))
    err(f"Wrote {len(files.files)} files to {one_line(os.fspath(directory))}")


@app.command()
@_errors_to_exit_codes
def serve(
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="The port on 127.0.0.1 (0: any free).")
    ] = 8000,
    as_of: AsOfOption = None,
    data: DataOption = None,
    no_updates: NoUpdatesOption = False,
    evidence: EvidenceOption = None,
) -> None:
    """Build the website into a temporary folder and serve it on 127.0.0.1 until Ctrl-C."""
    import tempfile

    from ottawa_cli.api.site import SiteQuery
    from ottawa_cli.api.site import site as answer
    from ottawa_cli.output.serve import serve_folder
    from ottawa_cli.output.site import build, write

    query = SiteQuery(
        today=clock.today(), as_of=_date(as_of, "--as-of"), data=data, evidence=_evidence(evidence)
    )
    files = build(answer(query))
    # `kill` stops it as Ctrl-C does: the folder it built is removed on the way out.
    with _removed_on_termination(), tempfile.TemporaryDirectory(prefix="ottawa-site-") as folder:
        write(files, folder)
        serve_folder(folder, port)


def _same_file(output: Path, read: str) -> bool:
    """Whether writing `output` would write `read`: the same file by any name (a symbolic or a
    hard link, the same inode)."""
    try:
        return os.path.samefile(output, read)
    except OSError:
        return False


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _removed_on_termination() -> Iterator[None]:
    """SIGTERM during a write (or while serving) ends the run as Ctrl-C does: the temporary is
    removed."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _read_files(data: Path | None, treaty: str | None) -> tuple[str, ...]:
    """The data files a command reads, which its --output must never replace: the treaty's file
    (or every bundled one), the State registry read with it, and a protocol's parent treaty."""
    from ottawa_cli.api import read_files
    from ottawa_cli.store.bundled import bundled_files

    if data is None and is_all(treaty):
        return tuple(bundled_files())
    return read_files(_source(data, treaty))


def _write_output(
    text: str,
    output: Path | None,
    protect: str | tuple[str, ...] = (),
    what: str = "the data file",
) -> None:
    """Text to stdout (no `--output`, or `-`), or to a file replaced whole: written beside it
    and renamed, so a full disk leaves the old file as it was. A device or a pipe (`/dev/full`,
    `/dev/stdout`) is written to, never replaced; a directory and the data file being read are
    refused."""
    import os
    import stat
    import tempfile

    from ottawa_cli.safe_text import one_line

    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    shown = one_line(str(output))
    try:
        mode = os.stat(output).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        err(f"Error: cannot write {shown}: {error.strerror or error}")
        raise typer.Exit(EXIT_USAGE) from None
    if mode is not None and stat.S_ISDIR(mode):
        err(f"Error: {shown} is a directory: --output names a file")
        raise typer.Exit(EXIT_USAGE)
    protected = (protect,) if isinstance(protect, str) else protect
    if mode is not None and any(_same_file(output, p) for p in protected):
        err(f"Error: {shown} is {what} being read: choose another --output")
        raise typer.Exit(EXIT_USAGE)
    try:
        if mode is not None and not stat.S_ISREG(mode):
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            return
        try:
            # A short name of its own: a 254-character target leaves no room for a longer one.
            handle, tmp = tempfile.mkstemp(
                dir=os.path.dirname(os.path.abspath(output)), prefix=".ottawa-", suffix=".tmp"
            )
        except PermissionError:
            if mode is None:
                raise
            # A folder that takes no new entries, but a file that may be written: in place.
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            return
        try:
            with _removed_on_termination():
                with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                    stream.write(text)
                # What any Unix tool gives: a replaced file keeps its mode, a new one the umask's.
                os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
                if mode is not None and os.stat(output).st_nlink > 1:
                    # A hard link stays one: the file is written through, not replaced.
                    with open(output, "w", encoding="utf-8", newline="") as stream:
                        stream.write(text)
                    os.unlink(tmp)
                else:
                    os.replace(tmp, output)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    except OSError as error:
        err(f"Error: cannot write {shown}: {error.strerror or error}")
        raise typer.Exit(EXIT_USAGE) from None
    err(f"Wrote {shown}")


@app.command("check")
def check_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Data files to check, and with a registry every treaty file beside it "
            "[default: --data; else --treaty, with the registry (all: every installed file); "
            "else the current directory's data/states.yaml and data/treaties/*.yaml, or "
            "states.yaml and treaties/*.yaml; else an error].",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="How to print findings.")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODE", help="Do not report this code (repeatable)."),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="CODE", help="Report only this code (repeatable)."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            envvar="OTTAWA_TODAY",
            metavar="DATE",
            help="The day to judge dates against (a future date, stale data), YYYY-MM-DD, so "
            "that a verdict is the same in every time zone [default: the local date].",
        ),
    ] = None,
    treaty: CheckTreatyOption = None,
    data: CheckDataOption = None,
) -> None:
    """Check data files: syntax, schema, consistency, and published dates against the rules.

    Exit codes: 0 clean; 1 errors (or any finding with --strict); 2 usage error or a file that
    cannot be read. Findings go to stdout; errors to stderr.
    """
    from ottawa_cli.api.check import CheckQuery, check
    from ottawa_cli.errors import OttawaError
    from ottawa_cli.output.report import FORMATS
    from ottawa_cli.safe_text import one_line
    from ottawa_cli.store.bundled import (
        REGISTRY,
        UnknownTreaty,
        bundled_files,
        checkout_files,
        treaty_path,
        with_readers,
    )

    if paths:
        files: tuple[Any, ...] = tuple(with_readers([os.fspath(p) for p in paths]))
    elif data is not None:
        files = (data,)
    elif is_all(treaty):
        files = tuple(bundled_files())
    elif treaty is not None:
        try:
            files = (REGISTRY, treaty_path(treaty))
        except UnknownTreaty as error:
            err(f"Error: {message(error)}")
            raise typer.Exit(EXIT_USAGE) from None
    else:
        found = checkout_files()
        environ = os.environ.get("OTTAWA_DATA")
        if found is None and environ:
            found = [environ]  # outside a checkout only: a checkout's own files always win
        if found is None:
            err(
                "Error: no data files here (data/states.yaml and data/treaties/, or states.yaml "
                "and treaties/): name the files, or check the installed copy with --treaty "
                f"{ALL} or --treaty ID"
            )
            raise typer.Exit(EXIT_USAGE)
        files = tuple(found)
        if len(files) > 1:
            err(f"Checking {files[0]} and the {len(files) - 1} treaty files beside it.")
    day = _date(today, "--today")
    ignored, selected = frozenset(ignore or ()), frozenset(select or ())
    try:
        query = CheckQuery(today=clock.today(), paths=files, ignore=ignored, select=selected)
        if day is not None:
            query = CheckQuery(paths=files, today=day, ignore=ignored, select=selected)
        result = check(query)
    except OttawaError as error:
        err(f"Error: {_short(one_line(message(error)))}")
        raise typer.Exit(error.exit_code) from None
    for _, reason in result.unreadable:
        err(f"Error: {one_line(reason)}")
    if result.files:
        sys.stdout.write(
            FORMATS[output_format.value](result.findings, result.files, result.accepted)
        )
    if result.unreadable:
        raise typer.Exit(EXIT_USAGE)
    if result.failed(strict=strict):
        raise typer.Exit(EXIT_INVALID)


class SchemaKind(StrEnum):
    dataset = "dataset"
    treaty = "treaty"
    registry = "registry"


untc_app = typer.Typer(
    help="UN Treaty Collection status pages: what differs from the data, a starting treaty file "
    "from one, and the current pages fetched.",
    no_args_is_help=True,
)
app.add_typer(untc_app, name="untc")

PageArgument = Annotated[
    Path,
    typer.Argument(
        help="A status page saved from treaties.un.org: the HTML page or its MTDSG XML.",
        dir_okay=False,
        show_default=False,
    ),
]
AsAtOption = Annotated[
    str | None,
    typer.Option(
        options.AS_AT.name,
        metavar=options.AS_AT.metavar,
        help="The day a saved MTDSG XML record is as at (the day it was saved): the XML, unlike "
        "the HTML page, says no 'status as at' date. Needed for XML; an HTML page's must agree.",
        show_default=False,
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        envvar="OTTAWA_UNTC_URL",
        metavar="URL",
        help="Where the UN Treaty Collection is: a scheme and host (a mirror, a test server); "
        "the path and query name the treaty's record [default: https://treaties.un.org].",
        show_default=False,
    ),
]


def _fetch_settings(base_url: str | None) -> Any:
    """How pages are fetched: the front end reads the environment, the library is told."""
    from ottawa_cli.store.cache_folder import cache_dir
    from ottawa_cli.untc.fetch import DEFAULT_BASE_URL, FetchSettings

    return FetchSettings(
        base_url=base_url or DEFAULT_BASE_URL,
        # Pages fetched before, for conditional requests, beside the dataset cache; none when
        # caching is off.
        cache=None if os.environ.get("OTTAWA_NO_CACHE") else cache_dir(),
        contact=os.environ.get("OTTAWA_CONTACT") or None,
    )


@untc_app.command(
    "diff", short_help="How the treaty's data differs from a saved or the current status page."
)
def untc_diff_command(
    page: Annotated[
        Path | None,
        typer.Argument(
            help="A status page saved from treaties.un.org (the HTML page or its MTDSG XML); "
            "none, with --fetch or --treaty: the treaty's current page, fetched.",
            metavar="PAGE",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="How to print findings.")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    treaty: TreatyOption = None,
    data: DataOption = None,
    fetch: Annotated[
        bool,
        typer.Option(
            "--fetch",
            help="Fetch the treaty's current status page from the UN Treaty Collection (as "
            "`ottawa untc fetch` does) and compare the data with it.",
        ),
    ] = False,
    base_url: BaseUrlOption = None,
    as_at: AsAtOption = None,
) -> None:
    """Each difference between a UNTC status page, saved or fetched, and the treaty's data, as
    findings in the page: participants, signatures, instruments, [bracketed] withdrawals, end
    notes, names, counts. What the data records after the page's date is no difference.

    Exit codes: 0 no difference; 1 differences (any finding with --strict), or a saved page
    that is not a UNTC status page; 2 usage error, a page that cannot be read or fetched.
    """
    from ottawa_cli.api.untc import UntcDiffQuery, untc_diff
    from ottawa_cli.cli.exits import reporting_errors
    from ottawa_cli.output.report import FORMATS

    if page is not None and fetch:
        raise typer.BadParameter("a saved PAGE, or --fetch: not both", param_hint="'--fetch'")
    if as_at is not None and page is None:
        raise typer.BadParameter(
            "dates a saved PAGE (an MTDSG XML record); a fetched page says its own date",
            param_hint="'--as-at'",
        )
    if page is None and not fetch and treaty is None and data is None:
        raise typer.BadParameter(
            "name a saved page, or fetch the treaty's current one (--fetch, --treaty ID)",
            param_hint="'PAGE'",
        )

    def body() -> None:
        query = UntcDiffQuery(page=page, as_at=_date(as_at, "--as-at"))
        if page is None:
            query = UntcDiffQuery(fetch=_fetch_settings(base_url))
        result = untc_diff(_source(data, treaty), query)
        sys.stdout.write(FORMATS[output_format.value](result.findings, result.files, ()))
        if result.failed(strict=strict):
            raise typer.Exit(EXIT_INVALID)

    code = reporting_errors(body)
    if code != EXIT_OK:
        raise typer.Exit(code)


@untc_app.command("import", short_help="A starting treaty file from a saved status page.")
@_errors_to_exit_codes
def untc_import_command(
    page: PageArgument,
    treaty_id: Annotated[
        str, typer.Option(options.ID.name, metavar=options.ID.metavar, help="The new treaty's id.")
    ],
    output: OutputOption = None,
    as_at: AsAtOption = None,
) -> None:
    """Write a treaty file from a saved UNTC status page: every participant with its signature
    and instrument, end-note withdrawals, the header's facts; what the page does not give (the
    treaty's clauses, duties, published entries into force) is marked GAP for a curator, and
    `ottawa check` names each until it is filled."""
    from ottawa_cli.api.untc import UntcImportQuery, untc_import

    query = UntcImportQuery(page=page, id=treaty_id, as_at=_date(as_at, "--as-at"))
    result = untc_import(query)
    _write_output(result.text, output, protect=os.fspath(page), what="the page")
    for name in result.unmatched:
        from ottawa_cli.safe_text import one_line

        err(f"Note: {one_line(name)!r} is no State of the registry: marked GAP in the file")


@untc_app.command(
    "fetch", short_help="The current status page of each bundled treaty the UN keeps, fetched."
)
def untc_fetch_command(
    treaty: Annotated[
        str,
        typer.Option(
            "--treaty",
            metavar="ID|all",
            help="One bundled treaty, or all: each whose depositary is the UN Secretary-General "
            "and whose file names its reference [default: all].",
            show_default=False,
        ),
    ] = ALL,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The folder to write each <treaty id>.html into (made if missing) [default: "
            "the current folder].",
            file_okay=False,
            show_default=False,
        ),
    ] = Path("."),
    base_url: BaseUrlOption = None,
    xml: Annotated[
        bool,
        typer.Option(
            "--xml",
            help="Also fetch the record's XML (the MTDSG XML the page links as its source) and "
            "write it to DIR/<treaty id>.xml, as at the page's date.",
        ),
    ] = False,
) -> None:
    """Download the current status page of each treaty from the UN Treaty Collection, politely
    (one request at a time, time limits, a few retries, conditional requests), and write it
    whole to DIR/<treaty id>.html once it has been read as that treaty's page.

    Exit codes: 0 every page written; 2 usage error, or any page that could not be fetched
    (each one line on stderr; the others are still fetched).
    """
    from ottawa_cli.api.untc import FetchOutcome, UntcFetchQuery, untc_fetch
    from ottawa_cli.cli.exits import reporting_errors
    from ottawa_cli.dates import human
    from ottawa_cli.safe_text import one_line

    def report(outcome: FetchOutcome) -> None:
        if outcome.error is not None:
            err(f"Error: {outcome.treaty}: {one_line(outcome.error)}")
        elif outcome.skipped is not None:
            err(f"Skipped {one_line(outcome.skipped)}")
        elif outcome.written is not None and outcome.as_at is not None:
            unchanged = ", unchanged since it was last fetched" if outcome.not_modified else ""
            err(
                f"Wrote {one_line(outcome.written)}: {outcome.reference}, status as at "
                f"{human(outcome.as_at)}{unchanged}"
            )
            if outcome.xml_written is not None:
                err(
                    f"Wrote {one_line(outcome.xml_written)}: its XML record, as at "
                    f"{human(outcome.as_at)} (it says no date: read it with --as-at "
                    f"{outcome.as_at})"
                )

    def body() -> None:
        from ottawa_cli.store.bundled import resolve_treaty

        # Named as people name it (`--treaty rome`): each page is written as <id>.html.
        query = UntcFetchQuery(
            treaty=resolve_treaty(treaty), folder=output, fetch=_fetch_settings(base_url), xml=xml
        )
        with _removed_on_termination():
            result = untc_fetch(query, report)
        if result.failed:
            tried = sum(o.skipped is None for o in result.outcomes)
            err(f"Error: {len(result.failed)} of {tried} pages could not be fetched")
            raise typer.Exit(EXIT_USAGE)

    code = reporting_errors(body)
    if code != EXIT_OK:
        raise typer.Exit(code)


@app.command("update")
def update_command(
    treaty: Annotated[
        str,
        typer.Option(
            "--treaty",
            metavar="ID|all",
            help="One bundled treaty, or all: each whose depositary is the UN Secretary-General "
            "[default: all].",
            show_default=False,
        ),
    ] = ALL,
    pages: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="DIR",
            help="Read saved pages, DIR/<treaty id>.html (as `ottawa untc fetch -o DIR` writes "
            "them), instead of fetching.",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    base_url: BaseUrlOption = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="How to print the findings.")
    ] = CheckFormat.text,
    show: Annotated[
        bool, typer.Option("--list", help="Show what the overlay holds, treaty by treaty.")
    ] = False,
    clear: Annotated[
        bool,
        typer.Option("--clear", help="Remove the overlay files `ottawa update` wrote (--treaty)."),
    ] = False,
    json: JsonOption = False,
) -> None:
    """Bring the bundled data up to date from the depositary: each treaty's status page
    (fetched, or saved in DIR) against the bundled data. What the page records and the data
    lacks (signatures, instruments, withdrawals with the dates their end notes give,
    revocations, names) goes into your overlay, each fact from the depositary's page and not
    reviewed, and every answer says it includes them; what the page contradicts is a finding,
    and nothing is overwritten.

    Exit codes: 0 done; 1 a page contradicts the data (the findings), or an overlay is
    invalid; 2 usage error, a page that cannot be read or fetched (the others are still done).
    """
    from ottawa_cli.cli.exits import reporting_errors

    if show and clear:
        raise typer.BadParameter("--list or --clear: not both", param_hint="'--clear'")

    def body() -> None:
        if show:
            from ottawa_cli.api.update import held

            _emit(held(), json)
        elif clear:
            from ottawa_cli.api.update import clear as remove

            for file in remove(treaty).removed:
                err(f"Removed {file}")
        else:
            _update(treaty, pages, base_url, output_format)

    code = reporting_errors(body)
    if code != EXIT_OK:
        raise typer.Exit(code)


def _update(
    treaty: str, pages: Path | None, base_url: str | None, output_format: CheckFormat
) -> None:
    from ottawa_cli.api.update import TreatyUpdate, UpdateQuery, update
    from ottawa_cli.output.report import FORMATS
    from ottawa_cli.output.views import fact_line, update_line
    from ottawa_cli.safe_text import one_line

    def report(outcome: TreatyUpdate) -> None:
        if outcome.error is not None:
            err(f"Error: {outcome.treaty}: {one_line(outcome.error)}")
        elif outcome.skipped is not None:
            err(f"Skipped {one_line(outcome.skipped)}")
        elif outcome.written is not None:
            err(f"Wrote {one_line(outcome.written)}: {update_line(outcome)}")
            for fact in outcome.facts:
                err(f"  {fact_line(fact)}")
        else:
            removed = f"; removed {one_line(outcome.removed)}" if outcome.removed else ""
            err(f"{outcome.treaty}: {update_line(outcome)}{removed}")

    query = UpdateQuery(
        today=clock.today(),
        treaty=treaty,
        pages=pages,
        fetch=None if pages is not None else _fetch_settings(base_url),
    )
    with _removed_on_termination():
        result = update(query, report)
    if result.findings or output_format != CheckFormat.text:
        sys.stdout.write(FORMATS[output_format.value](result.findings, result.files, ()))
    if result.failed:
        tried = sum(o.skipped is None for o in result.outcomes)
        err(f"Error: {len(result.failed)} of {tried} pages could not be read")
        raise typer.Exit(EXIT_USAGE)
    if result.contradicted:
        err("Error: a page contradicts the data (the findings above); nothing was overwritten")
        raise typer.Exit(EXIT_INVALID)


@app.command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Option(
            "--kind",
            help="Which file: a self-contained data file (--data), a treaty's file under "
            "data/treaties/, or the State registry data/states.yaml.",
        ),
    ] = SchemaKind.dataset,
) -> None:
    """Print a data file's JSON Schema, generated from the models."""
    from ottawa_cli.output import render
    from ottawa_cli.store.load import json_schema

    render.write_json(json_schema(kind.value), sys.stdout)


def _echo_values_short() -> None:
    """A usage error quotes the value it refuses: a 128 KiB argument is quoted as its first and
    last characters, never whole (it would flood a terminal or a CI log). Click builds each
    message in `format_message`, which Typer's own error printer calls too."""

    def classes(root: type) -> list[type]:
        found: list[type] = [root]
        sub: type
        for sub in root.__subclasses__():
            found.extend(classes(sub))
        return found

    # Typer may carry its own copy of Click (0.28 does, and installs no click): the exceptions
    # raised are the ones its BadParameter derives from; Click's own too where it is installed.
    roots: set[type] = {c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"}
    with contextlib.suppress(ImportError):
        import click

        roots.add(click.ClickException)
    for cls in (c for root in roots for c in classes(root)):
        own = cls.__dict__.get("format_message")
        if own is not None and not getattr(own, "shortened", False):

            def shortened(self: Any, _format: Any = own) -> str:
                return _short(_format(self))

            shortened.shortened = True  # type: ignore[attr-defined]
            cls.format_message = shortened  # type: ignore[attr-defined]


def _short(text: str, keep: int = 80) -> str:
    return re.sub(
        rf"\S{{{2 * keep + 20},}}",
        lambda m: f"{m.group()[:keep]}...({len(m.group())} characters)...{m.group()[-keep:]}",
        text,
    )


def main() -> None:
    _echo_values_short()
    try:
        app()
    except BrokenPipeError:  # raised outside a command, by the help for instance
        sys.exit(reader_went_away())
