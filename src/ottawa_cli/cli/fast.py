"""The Typer-free front end: `ottawa status STATE`, and the plainest `treaties`, `list`,
`pending` and `timeline` (`plain_query`), answered without Typer.

Scripts call `ottawa status` once per State, so its start-up is the tool's speed, and Typer is
about a third of it (~50 ms of imports and command building; `python benchmarks/startup.py`).
When the arguments are a plain status query (one STATE, and at most once each `--json`,
`--as-of DATE`, `--treaty ID`, `--data FILE` and `--no-updates`, with values Typer would
accept) this module asks the library and emits its answer as the Typer command does: the
same two calls. Anything else (`--help`, an unknown or repeated option, a value Typer would
reject, shell completion) goes to the Typer app, which parses and reports it as it does for
every command; `ottawa_cli.cli.main` chooses.
tests/cli/test_entry.py holds both paths to the same output.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence

from ottawa_cli.cli.options import AS_OF, DATA, FAST_STATUS, JSON, NO_UPDATES, TREATY_OR_ALL, Spec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ottawa_cli.output.document import Document


class StatusArgs:
    """`ottawa status` once its arguments are parsed. A plain class: a NamedTuple costs this
    path ~1 ms to create (typing's machinery, then collections.namedtuple's)."""

    __slots__ = ("as_of", "data", "json", "no_updates", "state", "treaty")
    _ORDER = ("state", "as_of", "data", "json", "treaty", "no_updates")

    def __init__(
        self,
        state: str,
        as_of: dt.date | None,
        data: str | None,
        json: bool,
        # A bundled treaty's id, or "all"; None: the default one.
        treaty: str | None = None,
        # `--no-updates`: the bundled data without the overlay of `ottawa update`.
        no_updates: bool = False,
    ) -> None:
        self.state, self.as_of, self.data, self.json = state, as_of, data, json
        self.treaty, self.no_updates = treaty, no_updates

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._ORDER)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StatusArgs) and self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(self._ORDER, self._values(), strict=True))
        return f"StatusArgs({shown})"


def answer_status(args: StatusArgs) -> None:
    """Ask the library, emit its answer (the Typer command makes the same two calls); or, for
    the text of a bundled treaty's answer, draw the sheet built with the package for it
    (`output.ahead`), and for `--treaty all` the rows the bundled data's index keeps
    (`output.summaries.from_index`): the same text, without loading the models."""
    from ottawa_cli.cli.clock import today
    from ottawa_cli.store.bundled import is_all

    if args.no_updates:
        # As the Typer command does: the overlay is left out where it would be merged.
        os.environ["OTTAWA_NO_UPDATES"] = "1"
    day = today()
    if not args.json and args.data is None:
        drawn: Document | None
        if is_all(args.treaty):
            from ottawa_cli.output.summaries import from_index

            drawn = from_index(args.state, args.as_of, day)
        else:
            from ottawa_cli.output.ahead import document

            drawn = document(args.state, args.treaty, args.as_of, day)
        if drawn is not None:
            from ottawa_cli.output.render import write

            write(drawn)
            return
    from ottawa_cli.api.status import StatusQuery, answer
    from ottawa_cli.output import emit

    query = StatusQuery(state=args.state, as_of=args.as_of, today=day)
    emit(answer(query, data=args.data, treaty=args.treaty), json=args.json)


_VALUED = tuple(spec.name for spec in FAST_STATUS if spec.takes_value)
_FLAGS = tuple(spec.name for spec in FAST_STATUS if not spec.takes_value)


def plain_status_query(args: Sequence[str], environ: Mapping[str, str]) -> StatusArgs | None:
    """The status query `args` make, if Typer would accept them as they stand; else None.

    None never means an error: it means "let Typer parse this", and Typer reports what is wrong.
    """
    # Typer expands wildcards on Windows and answers shell completion from the environment.
    if not args or args[0] != "status" or os.name == "nt" or "_OTTAWA_COMPLETE" in environ:
        return None
    parsed = _parse(args[1:], _FLAGS, _VALUED)
    if parsed is None or len(parsed[0]) != 1:
        return None  # no STATE, or a second one
    (state,), given = parsed
    taken, as_of = _as_of(given)
    if not taken:
        return None  # Typer says why it is not a date
    data = _given(DATA, given, environ)
    if data is not None and not _acceptable_file(data):
        return None
    treaty = _given(TREATY_OR_ALL, given, environ)
    return StatusArgs(state, as_of, data, JSON.name in given, treaty, NO_UPDATES.name in given)


def _parse(
    args: Sequence[str], flags: Sequence[str], valued: Sequence[str]
) -> tuple[list[str], dict[str, str]] | None:
    """The arguments and the options given, each option once, as Typer would read them; None
    where Typer is to parse them (an option not taken here, one given twice, one missing its
    value)."""
    arguments: list[str] = []
    given: dict[str, str] = {}
    tokens = iter(args)
    for token in tokens:
        if not token.startswith("-"):
            arguments.append(token)
            continue
        name, equals, value = token.partition("=")
        if name in given:
            return None  # Typer keeps the last; let it say so
        if name in flags and not equals:
            given[name] = ""
        elif name in valued:
            if not equals:
                following = next(tokens, None)
                if following is None or following.startswith("-"):
                    return None
                value = following
            given[name] = value
        else:
            return None  # --help, --, an unknown or misspelt option
    return arguments, given


def _given(spec: Spec, given: Mapping[str, str], environ: Mapping[str, str]) -> str | None:
    """The option's value, else its environment variable's (an empty one is none), as Typer."""
    if spec.name in given:
        return given[spec.name]
    return (environ.get(spec.envvar) if spec.envvar else None) or None


def _as_of(given: Mapping[str, str]) -> tuple[bool, dt.date | None]:
    """Whether Typer would take the `--as-of` given (False: it is to say why), and its date
    (None: not given)."""
    if AS_OF.name not in given:
        return True, None
    day = _date(given[AS_OF.name])
    return day is not None, day


def _date(text: str) -> dt.date | None:
    from ottawa_cli.cli.clock import today
    from ottawa_cli.dates import DateError, parse_user_date
    from ottawa_cli.errors import UsageError

    try:
        return parse_user_date(text, today())
    except UsageError:
        return None  # a bad OTTAWA_TODAY: Typer's path says so
    except DateError:
        return None


def _acceptable_file(path: str) -> bool:
    """What Typer's `--data` accepts: a missing path (the loader reports it) or a readable file."""
    if not path:
        return False  # Typer's to explain
    if not os.path.exists(path):
        return True
    return os.path.isfile(path) and os.access(path, os.R_OK)


def run(call: Callable[[], None]) -> int:
    """Answer a plain query (`answer_status`, or what `plain_query` gives); the exit code. (The
    cyclic collector is already off: `cli.main` turns it off for every command but `serve`.)"""
    from ottawa_cli.cli.exits import reporting_errors

    try:
        return reporting_errors(call)
    except KeyboardInterrupt:
        return 130  # what Typer answers to Ctrl-C


# The other commands answered without Typer, in their plainest forms: each with the options
# taken here (any other, `--evidence`, `--status`, `--from` ..., sends the query to Typer) and
# whether it takes STATE arguments (`timeline` takes any number).
_PLAIN_FLAGS = (JSON.name, NO_UPDATES.name)
_Day = dt.date | None
_States = tuple[str, ...]
_PLAIN: dict[str, tuple[tuple[str, ...], bool]] = {
    "treaties": ((), False),
    "list": ((AS_OF.name, TREATY_OR_ALL.name), False),
    "pending": ((AS_OF.name, TREATY_OR_ALL.name), False),
    "timeline": ((TREATY_OR_ALL.name,), True),
}


def plain_query(args: Sequence[str], environ: Mapping[str, str]) -> Callable[[], None] | None:
    """The library call and the emit the Typer command would make for `args` (`treaties`,
    `list`, `pending` or `timeline` with at most `--json`, `--no-updates`, `--as-of` and
    `--treaty`), if Typer would accept them as they stand; else None: Typer parses them.

    A data file (`--data`, OTTAWA_DATA) and OTTAWA_NO_UPDATES are left to Typer, which turns
    the first into a path and parses the second as a boolean."""
    if not args or args[0] not in _PLAIN or os.name == "nt" or "_OTTAWA_COMPLETE" in environ:
        return None
    if (DATA.envvar and environ.get(DATA.envvar)) or (
        NO_UPDATES.envvar and NO_UPDATES.envvar in environ
    ):
        return None
    command = args[0]
    valued, takes_states = _PLAIN[command]
    parsed = _parse(args[1:], _PLAIN_FLAGS, valued)
    if parsed is None or (parsed[0] and not takes_states):
        return None  # an extra argument
    states, given = parsed
    taken, as_of = _as_of(given)
    if not taken:
        return None  # Typer says why it is not a date
    treaty = _given(TREATY_OR_ALL, given, environ)
    json, no_updates = JSON.name in given, NO_UPDATES.name in given

    def call() -> None:
        if no_updates:
            # As the Typer commands do: the overlay is left out where it would be merged.
            os.environ["OTTAWA_NO_UPDATES"] = "1"
        _ANSWERS[command](as_of, treaty, tuple(states), json)

    return call


def _treaties(
    as_of: dt.date | None, treaty: str | None, states: tuple[str, ...], json: bool
) -> None:
    from ottawa_cli.cli.clock import today

    day = today()
    if not json:
        from ottawa_cli.output.summaries import treaties_from_index

        # The rows the bundled data's index keeps: the same text, without loading the models.
        if (drawn := treaties_from_index(day)) is not None:
            from ottawa_cli.output.render import write

            write(drawn)
            return
    from ottawa_cli.api import EVERY_FACT
    from ottawa_cli.api.treaties import TreatiesQuery, treaties
    from ottawa_cli.output import emit

    emit(treaties(TreatiesQuery(evidence=EVERY_FACT, today=day)), json=json)


def _list(as_of: _Day, treaty: str | None, states: _States, json: bool) -> None:
    from ottawa_cli.cli.clock import today
    from ottawa_cli.store.bundled import DEFAULT_TREATY, data_path, is_all

    day = today()
    if not is_all(treaty) and not json:
        from ottawa_cli.output.summaries import list_from_index

        # The rows the bundled data's index keeps: the same text, without loading the models.
        if (drawn := list_from_index(treaty or DEFAULT_TREATY, as_of, day)) is not None:
            from ottawa_cli.output.render import write

            write(drawn)
            return
    from ottawa_cli.api import EVERY_FACT
    from ottawa_cli.api.states import ListQuery, list_states
    from ottawa_cli.output import emit

    query = ListQuery(
        as_of=as_of, statuses=frozenset(), sort="name", evidence=EVERY_FACT, today=day
    )
    if is_all(treaty):
        from ottawa_cli.api.across import list_everywhere

        emit(list_everywhere(query), json=json)
    else:
        emit(list_states(data_path(None, treaty), query), json=json)


def _pending(
    as_of: dt.date | None, treaty: str | None, states: tuple[str, ...], json: bool
) -> None:
    from ottawa_cli.cli.clock import today
    from ottawa_cli.store.bundled import data_path, is_all

    day = today()
    if is_all(treaty) and not json:
        from ottawa_cli.output.summaries import pending_from_index

        # The rows the bundled data's index keeps: the same text, without loading the models.
        if (drawn := pending_from_index(as_of, day)) is not None:
            from ottawa_cli.output.render import write

            write(drawn)
            return
    from ottawa_cli.api import EVERY_FACT
    from ottawa_cli.api.states import PendingQuery, pending, pending_everywhere
    from ottawa_cli.output import emit

    query = PendingQuery(as_of=as_of, evidence=EVERY_FACT, today=day)
    if is_all(treaty):
        emit(pending_everywhere(query), json=json)
    else:
        emit(pending(data_path(None, treaty), query), json=json)


def _timeline(
    as_of: dt.date | None, treaty: str | None, states: tuple[str, ...], json: bool
) -> None:
    from ottawa_cli.cli.clock import today
    from ottawa_cli.store.bundled import data_path, is_all

    day = today()
    if len(states) == 1 and not is_all(treaty) and not json:
        from ottawa_cli.output.ahead import timeline_document

        # The sheet built with the package: the same text, without loading the models.
        if (drawn := timeline_document(states[0], treaty, day)) is not None:
            from ottawa_cli.output.render import write

            write(drawn)
            return
    from ottawa_cli.api import EVERY_FACT
    from ottawa_cli.api.history import TimelineQuery, timeline
    from ottawa_cli.output import emit

    query = TimelineQuery(
        states=states,
        start=None,
        end=None,
        evidence=EVERY_FACT,
        kinds=frozenset(),
        today=day,
    )
    if is_all(treaty):
        from ottawa_cli.api.across import timeline_everywhere

        emit(timeline_everywhere(query), json=json)
    else:
        emit(timeline(data_path(None, treaty), query), json=json)


_ANSWERS: dict[str, Callable[[_Day, str | None, _States, bool], None]] = {
    "treaties": _treaties,
    "list": _list,
    "pending": _pending,
    "timeline": _timeline,
}
