"""What several test modules share: paths, the hostile argument lists, and the vocabulary the
treaty modules speak in (`assert_status`, `assert_takes_effect`, `assert_parties`...); imported,
never a test module itself."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ottawa_cli.law.model import Dataset, State
    from ottawa_cli.law.position import Position

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "data" / "states.yaml"
# Every bundled treaty's file; the Mine Ban Convention is the default one.
TREATIES = {p.stem: p for p in sorted((ROOT / "data" / "treaties").glob("*.yaml"))}
DATA = TREATIES["apmbc"]
# The tests' own folder: its fixtures, golden files and corpus are shared by every wing.
TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"

# (arguments, exit code, a fragment the message must contain). Exit codes: 0 ok, 1 invalid data
# or findings, 2 usage.
ARGUMENTS: list[tuple[list[str], int, str]] = [
    (["status"], 2, "Missing argument"),
    (["status", ""], 2, "no State called ''"),
    (["status", "   "], 2, "no State called"),
    (["status", "Finlnd"], 2, "did you mean Finland?"),
    (["status", "Congo"], 0, ""),
    (["status", "x" * 100_000], 2, "no State called 'xxx"),
    (["status", "[red]Finland[/red]"], 2, "[red]Finland[/red]"),
    (["status", "Fin\x1b[2Jland"], 2, "\\x1b[2J"),
    # The lookup ignores what is not a letter or digit: a stray format character still finds.
    (["status", "Finland\u202e", "--json"], 0, '"name": "Finland"'),
    (["status", "Finland", "--as-of", "2025-02-29"], 2, "YYYY-MM-DD"),
    (["status", "Finland", "--as-of", "2025-13-01"], 2, "YYYY-MM-DD"),
    (["status", "Finland", "--as-of", "10000-01-01"], 2, "YYYY-MM-DD"),
    (["status", "Finland", "--as-of", "0000-01-01"], 2, "YYYY-MM-DD"),
    (["status", "Finland", "--as-of", "-2025-01-01"], 2, "YYYY-MM-DD"),
    (["status", "Finland", "--as-of", "2025-01-01T00:00"], 2, "YYYY-MM-DD"),
    (["status", "Finland", "--as-of", "20250101"], 2, "YYYY-MM-DD"),
    (["status", "Finland", "--as-of", ""], 2, "YYYY-MM-DD"),
    (["status", "Finland", "--as-of", "0001-01-01"], 0, ""),
    (["status", "Finland", "--as-of", "9999-12-31"], 0, ""),
    (["status", "Poland", "--as-of", "9999-12-31", "--json"], 0, ""),
    (["status", "Finland", "--data", "/nonexistent.yaml"], 2, "cannot read"),
    (["status", "Finland", "--data", "/"], 2, ""),
    (["status", "Finland", "--bogus"], 2, "No such option"),
    (["status", "Finland", "--treaty", "x" * 100_000], 2, "no bundled treaty 'xxx"),
    (["status", "Finland", "--treaty", "Rome Statue"], 2, "did you mean icc?"),
    (["timeline", "--kind", "withdrawals"], 2, "'withdrawals'"),
    (["calc", "withdraw", "--state", "Atlantis", "--received", "2026-01-01"], 2, "Atlantis"),
    (["list", "--status", "party", "--status", "nonsense"], 2, "nonsense"),
    (["list", "--sort", "size"], 2, "'size'"),
    (["list", "--as-of", "9999-12-31"], 0, "161 States Parties"),
    (["list", "--as-of", "0001-01-01"], 0, "0 States Parties"),
    (["pending", "--as-of", "1/9/2025"], 2, "ambiguous"),
    (["pending", "--as-of", "9999-12-31"], 0, "No withdrawal known to be pending"),
    (["timeline", "Atlantis"], 2, "no State called 'Atlantis'"),
    (["timeline", "--from", "2026-02-30"], 2, "YYYY-MM-DD"),
    (["timeline", "--from", "9999-12-31"], 0, "Nothing in that period"),
    (["parties", "--to", "tomorrow"], 2, "YYYY-MM-DD"),
    (["calc"], 2, "Usage"),
    (["calc", "withdraw"], 2, "--received"),
    (["calc", "withdraw", "--received", "9999-12-31"], 2, "9999-12-31"),
    (["calc", "withdraw", "--received", "9999-06-30"], 0, ""),
    (["calc", "withdraw", "--received", "0001-01-01"], 2, "before the Convention entered"),
    (
        ["calc", "withdraw", "--received", "2026-03-01", "--armed-conflict-until", "soon"],
        2,
        "YYYY-MM-DD",
    ),
    (["calc", "join", "--deposited", "9999-07-01"], 2, "9999-12-31"),
    (["calc", "join", "--deposited", "1997-12-02"], 2, "before the Convention was opened"),
    (["calc", "join", "--deposited", "2024-02-30"], 2, "YYYY-MM-DD"),
    (["export", "--format", "xml"], 2, "'xml'"),
    (["export", "--format", "csv", "--output", "/nonexistent/dir/out.csv"], 2, "cannot write"),
    (["map", "--treaty", "all"], 2, "name one"),
    (["map", "--as-of", "2025-02-29"], 2, "YYYY-MM-DD"),
    (["chart", "--from", "2026-01-01", "--to", "2025-01-01"], 2, "is after --to"),
    (["chart", "--output", "/nonexistent/dir/chart.svg"], 2, "cannot write"),
    (["check", "--format", "sarif"], 2, "'sarif'"),
    (["check", "/nonexistent.yaml"], 2, "cannot read"),
    (["sources", "Atlantis"], 2, "no State called"),
    (["frobnicate"], 2, "No such command"),
]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """`ottawa ARGS` through Typer's runner: exit code, stdout and stderr; never a traceback."""
    from typer.testing import CliRunner

    from ottawa_cli.cli.app import app

    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def cli_json(*args: str) -> Any:
    """`ottawa ARGS --json`, which must succeed, parsed."""
    import json

    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def status_json(state: str, treaty: str, day: str) -> dict:  # type: ignore[type-arg]
    """`ottawa status STATE --treaty ID --as-of DAY --json`, parsed (for what only the command
    says: its reasons, its sources)."""
    import json

    from typer.testing import CliRunner

    from ottawa_cli.cli.app import app

    result = CliRunner().invoke(
        app, ["status", state, "--treaty", treaty, "--as-of", day, "--json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


# The vocabulary of the treaty modules (tests/treaties/): each asks the library what `ottawa
# status` and `ottawa list` answer with, over the bundled data read once per run. A day is a
# date or its ISO text; None is today.
Day = dt.date | str | None


@functools.cache
def bundled_data(treaty: str) -> Dataset:
    """A bundled treaty's data as the library reads it for `--treaty ID` (a protocol with its
    parent's withdrawals), without the user's overlay; read once per run."""
    from ottawa_cli.api import load
    from ottawa_cli.store.bundled import treaty_path

    return load(treaty_path(treaty), updates=False)


def _day(day: Day) -> dt.date | None:
    return dt.date.fromisoformat(day) if isinstance(day, str) else day


def position_of(state: str, treaty: str, day: Day = None) -> Position:
    """The State's position under the bundled treaty on the day, as `ottawa status` computes it
    (the State found by name, alias or code)."""
    from ottawa_cli.api.status import StatusQuery, status

    return status(bundled_data(treaty), StatusQuery(state=state, as_of=_day(day))).position


def state_named(dataset: Dataset, name: str) -> State:
    """The State of that exact name in a dataset."""
    (found,) = (s for s in dataset.states if s.name == name)
    return found


def assert_status(state: str, treaty: str, day: Day, status: str) -> None:
    """The State's status under the treaty on the day is `status`."""
    got = position_of(state, treaty, day).status
    assert got == status, f"{state} under {treaty} on {day}: {got}, not {status}"


def assert_enters_into_force(state: str, treaty: str, day: Day) -> None:
    """The treaty enters into force for the State on the day: pending the day before, a Party
    from the day, which is its date of entry into force."""
    on = _day(day)
    assert on is not None
    assert_status(state, treaty, on - dt.timedelta(days=1), "pending-entry-into-force")
    pos = position_of(state, treaty, on)
    assert (pos.status, pos.entry_into_force) == ("party", on), (state, treaty, pos.status)


def assert_takes_effect(state: str, treaty: str, day: Day) -> None:
    """The State's withdrawal takes effect on the day: withdrawing the day before, with the
    notice's effect known to be that day; withdrawn from the day."""
    on = _day(day)
    assert on is not None
    before = position_of(state, treaty, on - dt.timedelta(days=1))
    assert before.status == "withdrawing", (state, treaty, before.status)
    assert before.outcome is not None and before.outcome.takes_effect == on, (state, treaty)
    after = position_of(state, treaty, on)
    assert (after.status, after.since) == ("withdrawn", on), (state, treaty, after.status)


def assert_what_if_takes_effect(
    treaty: str, received: str, extra: list[str], takes_effect: str | None
) -> None:
    """`ottawa calc withdraw` puts the effect of a notice received that day on `takes_effect`."""
    got = cli_json("calc", "withdraw", "--treaty", treaty, "--received", received, *extra)
    assert got["takes_effect"] == takes_effect


def assert_what_if_refused_naming(treaty: str, option: list[str], article: str) -> None:
    """A what-if the treaty's clause cannot answer is a usage error naming the article."""
    code, _, err = run("calc", "withdraw", "--treaty", treaty, "--received", "2026-01-05", *option)
    assert code == 2
    assert f"({article})" in err


def assert_parties(treaty: str, day: Day, parties: int) -> None:
    """The number of Parties (or Members) on the day, as `ottawa list` counts them."""
    from ottawa_cli.api.states import ListQuery, list_states

    got = list_states(bundled_data(treaty), ListQuery(as_of=_day(day))).parties
    assert got == parties, f"{treaty} on {day}: {got} Parties, not {parties}"
