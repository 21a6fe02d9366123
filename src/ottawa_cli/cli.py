"""The command line: parse arguments, call the library, render, map outcomes to exit codes.

Exit codes (stable, documented in the README): 0 ok; 1 invalid data or findings; 2 usage error
(unknown State, bad date, unreadable file). Heavy modules are imported inside the commands so that
`ottawa --help` and a cached `ottawa status` pay only for what they use.
"""

# No `from __future__ import annotations` here: Typer reads every command's signature on each
# run, and string annotations would have to be evaluated first (half its start-up work).
import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ottawa_cli.entry import StatusQuery, data_path, show_status
from ottawa_cli.exits import EXIT_INVALID, EXIT_OK, EXIT_USAGE, err, reader_went_away

if TYPE_CHECKING:
    from ottawa_cli.models import Dataset

app = typer.Typer(
    name="ottawa",
    help="Where a State stands under the Anti-Personnel Mine Ban Convention, on any date, and why."
    "\n\nExit codes: 0 ok; 1 invalid data or findings; 2 usage error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
        "--data",
        envvar="OTTAWA_DATA",
        help="Data file (default: the packaged one).",
        show_default=False,
        dir_okay=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="The date to answer for, YYYY-MM-DD [default: today]."
    ),
]
FromOption = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="First date shown, YYYY-MM-DD.")
]
ToOption = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="Last date shown, YYYY-MM-DD.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (a stable contract).")]

F = TypeVar("F", bound=Callable[..., Any])


def _errors_to_exit_codes(command: F) -> F:
    """Library errors become a message on stderr and an exit code (`exits.reporting_errors`)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        from ottawa_cli.exits import reporting_errors

        code = reporting_errors(lambda: command(*args, **kwargs))
        if code != EXIT_OK:
            raise typer.Exit(code)

    return wrapper  # type: ignore[return-value]


def _as_of(text: str | None) -> dt.date:
    return dt.date.today() if text is None else _parse_date_option(text, "--as-of")


def _dataset(data: Path | None) -> "Dataset":
    from ottawa_cli.store import load_dataset

    return load_dataset(data_path(data))


@app.command()
@_errors_to_exit_codes
def status(
    state: Annotated[
        str, typer.Argument(help="Name, alias or ISO 3166 code, e.g. Finland, FI, FIN.")
    ],
    as_of: AsOfOption = None,
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """A State's position under the Convention on a date, and why."""
    # `ottawa_cli.entry` runs this same body without Typer when the arguments are plain.
    show_status(StatusQuery(state, _optional_date(as_of, "--as-of"), data, json))


@app.command("list")
@_errors_to_exit_codes
def list_states(
    as_of: AsOfOption = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only States with this status (repeatable): not-a-party, signatory, "
            "pending-entry-into-force, party, withdrawing, withdrawal-suspended, "
            "withdrawn.",
        ),
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort", metavar="name|date", help="Order by name, or by the date the status began."
        ),
    ] = "name",
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Every State in one table, with the number of States Parties on the date."""
    from ottawa_cli import render, views
    from ottawa_cli.lookup import normalize
    from ottawa_cli.rules import STATUSES, positions

    wanted = set(status or ())
    if unknown := wanted - set(STATUSES):
        raise typer.BadParameter(
            f"{', '.join(sorted(unknown))}: expected one of {', '.join(STATUSES)}",
            param_hint="'--status'",
        )
    if sort not in ("name", "date"):
        raise typer.BadParameter(f"{sort!r}: expected name or date", param_hint="'--sort'")
    day = _as_of(as_of)
    dataset = _dataset(data)
    every = positions(dataset.treaty, dataset.states, day)
    total = views.parties(every)
    shown = [p for p in every if not wanted or p.status in wanted]
    if sort == "date":
        shown.sort(key=lambda p: (views.status_since(p) or dt.date.min, normalize(p.state.name)))
    else:
        shown.sort(key=lambda p: normalize(p.state.name))
    if json:
        render.write_json(views.list_json(day, shown, total), sys.stdout)
    else:
        render.write(views.list_document(shown, day, total, dataset))


@app.command()
@_errors_to_exit_codes
def pending(as_of: AsOfOption = None, data: DataOption = None, json: JsonOption = False) -> None:
    """Withdrawals received but not yet in effect, soonest first; those held by Art. 20(3) last."""
    from ottawa_cli import render, views
    from ottawa_cli.rules import pending_withdrawals

    day = _as_of(as_of)
    dataset = _dataset(data)
    found = pending_withdrawals(dataset.treaty, dataset.states, day)
    if json:
        render.write_json(views.pending_json(day, found), sys.stdout)
    else:
        render.write(views.pending_document(found, day, dataset))


@app.command()
@_errors_to_exit_codes
def sources(
    state: Annotated[str, typer.Argument(help="Name, alias or ISO 3166 code.")],
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Each recorded fact about a State with the source it comes from."""
    from ottawa_cli import render, views
    from ottawa_cli.rules import position
    from ottawa_cli.store import load_state

    dataset, found = load_state(data_path(data), state)
    pos = position(dataset.treaty, found, dt.date.max)
    if json:
        render.write_json(views.sources_json(dataset, pos), sys.stdout)
    else:
        render.write(views.sources_document(dataset, pos))


def _optional_date(text: str | None, option: str) -> dt.date | None:
    return None if text is None else _parse_date_option(text, option)


def _parse_date_option(text: str, option: str) -> dt.date:
    from ottawa_cli.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as error:
        raise typer.BadParameter(str(error), param_hint=f"'{option}'") from None


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
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """Signatures, instruments, entries into force, withdrawals, notices and deadlines, in order."""
    from ottawa_cli import render, views
    from ottawa_cli.lookup import StateIndex
    from ottawa_cli.timeline import timeline as build

    first, last = _optional_date(start, "--from"), _optional_date(end, "--to")
    dataset = _dataset(data)
    today = dt.date.today()
    index = StateIndex(dataset.states)
    chosen = [index.find(s) for s in states] if states else list(dataset.states)
    entries = build(dataset.treaty, chosen, today, first, last, whole_treaty=not states)
    if json:
        names = [s.name for s in chosen] if states else []
        render.write_json(views.timeline_json(entries, today, first, last, names), sys.stdout)
    else:
        render.write(views.timeline_document(entries, today, dataset))


@app.command()
@_errors_to_exit_codes
def parties(
    start: FromOption = None,
    end: ToOption = None,
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """The number of States Parties over time: at every change, and at the end of each year."""
    from ottawa_cli import render, views
    from ottawa_cli.timeline import parties_over_time, within, yearly

    first, last = _optional_date(start, "--from"), _optional_date(end, "--to")
    dataset = _dataset(data)
    today = dt.date.today()
    counts = parties_over_time(dataset.treaty, dataset.states, today)
    shown = within(counts, first, last)
    first_year = (first or dataset.treaty.entry_into_force.treaty_in_force.date).year
    per_year = yearly(counts, first_year, (last or today).year)
    if json:
        render.write_json(views.parties_json(shown, per_year), sys.stdout)
    else:
        render.write(views.parties_document(shown, per_year, dataset))


calc_app = typer.Typer(
    help="What-if calculator: the treaty's rules applied to any date.", no_args_is_help=True
)
app.add_typer(calc_app, name="calc")


@calc_app.command("withdraw", short_help="When a withdrawal would take effect (Article 20(3)).")
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
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """When would a withdrawal take effect (Art. 20(3))?"""
    from ottawa_cli import render, views
    from ottawa_cli.models import ArmedConflict
    from ottawa_cli.rules import check_possible, withdrawal_takes_effect

    day = _parse_date_option(received, "--received")
    conflicts = []
    if armed_conflict_until is not None:
        end = (
            None
            if armed_conflict_until == "ongoing"
            else _parse_date_option(armed_conflict_until, "--armed-conflict-until")
        )
        conflicts.append(
            ArmedConflict(
                name="the armed conflict assumed", start=day, end=end, source="calculator"
            )
        )
    dataset = _dataset(data)
    check_possible(dataset.treaty, "withdrawal", day)
    outcome = withdrawal_takes_effect(dataset.treaty.withdrawal, day, conflicts)
    if json:
        render.write_json(views.withdraw_json(outcome), sys.stdout)
    else:
        render.write(views.withdraw_document(outcome))


@calc_app.command("join", short_help="When the Convention would enter into force for a State.")
@_errors_to_exit_codes
def calc_join(
    deposited: Annotated[
        str,
        typer.Option(
            "--deposited", metavar="DATE", help="Date the instrument of consent is deposited."
        ),
    ],
    data: DataOption = None,
    json: JsonOption = False,
) -> None:
    """When would the Convention enter into force for a State (Art. 17), and what follows?"""
    from ottawa_cli import render, views
    from ottawa_cli.rules import (
        add_period,
        check_possible,
        explain_entry_into_force,
    )

    day = _parse_date_option(deposited, "--deposited")
    dataset = _dataset(data)
    check_possible(dataset.treaty, "deposit", day)
    rule = dataset.treaty.entry_into_force
    in_force, reason = explain_entry_into_force(rule, day)
    steps = [reason]
    due = [
        (
            duty,
            add_period(in_force, duty.after_entry_into_force)
            if duty.after_entry_into_force
            else None,
        )
        for duty in dataset.treaty.duties
    ]
    if json:
        render.write_json(views.join_json(day, in_force, steps, due), sys.stdout)
    else:
        render.write(views.join_document(day, in_force, steps, due))


@app.command()
@_errors_to_exit_codes
def export(
    output_format: Annotated[
        str, typer.Option("--format", metavar="json|csv|ics", help="What to write.")
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write here instead of stdout.", dir_okay=False
        ),
    ] = None,
    as_of: AsOfOption = None,
    data: DataOption = None,
) -> None:
    """The whole dataset with computed fields: status, entry into force, dates, deadlines."""
    from ottawa_cli.export import FORMATS

    if output_format not in FORMATS:
        raise typer.BadParameter(
            f"{output_format!r}: expected one of {', '.join(FORMATS)}", param_hint="'--format'"
        )
    day = _as_of(as_of)
    text = FORMATS[output_format](_dataset(data), day)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        err(f"Error: cannot write {output}: {error.strerror}")
        raise typer.Exit(EXIT_USAGE) from None
    err(f"Wrote {output}")


@app.command("check")
def check_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Data files to check [default: --data, or the packaged one].", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", metavar="text|json|github", help="How to print findings.")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    data: DataOption = None,
) -> None:
    """Check data files: syntax, schema, consistency, and published dates against the rules.

    Exit codes: 0 clean; 1 errors (or any finding with --strict); 2 usage error or a file that
    cannot be read. Findings go to stdout; errors to stderr.
    """
    from ottawa_cli.checks import check_file
    from ottawa_cli.loader import DataFileError
    from ottawa_cli.report import FORMATS

    if output_format not in FORMATS:
        raise typer.BadParameter(
            f"{output_format!r}: expected one of {', '.join(FORMATS)}", param_hint="'--format'"
        )
    files = [str(p) for p in paths] if paths else [str(data_path(data))]
    findings = []
    checked = []
    for file in files:
        try:
            findings.extend(check_file(Path(file), dt.date.today()))
            checked.append(file)
        except DataFileError as error:
            from ottawa_cli.text import safe

            err(f"Error: {safe(str(error))}")
    if checked:
        sys.stdout.write(FORMATS[output_format](findings, checked))
    if len(checked) < len(files):
        raise typer.Exit(EXIT_USAGE)
    if any(f.severity == "error" for f in findings) or (strict and findings):
        raise typer.Exit(EXIT_INVALID)


@app.command()
def schema() -> None:
    """Print the data file's JSON Schema, generated from the models."""
    from ottawa_cli import render
    from ottawa_cli.loader import json_schema

    render.write_json(json_schema(), sys.stdout)


def main() -> None:
    try:
        app()
    except BrokenPipeError:  # raised outside a command, by the help for instance
        sys.exit(reader_went_away())
