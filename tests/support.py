"""What several test modules share: paths, and the hostile argument lists (imported, never a
test module itself)."""

from __future__ import annotations

from pathlib import Path

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


def status_json(state: str, treaty: str, day: str) -> dict:  # type: ignore[type-arg]
    """`ottawa status STATE --treaty ID --as-of DAY --json`, parsed."""
    import json

    from typer.testing import CliRunner

    from ottawa_cli.cli.app import app

    result = CliRunner().invoke(
        app, ["status", state, "--treaty", treaty, "--as-of", day, "--json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def assert_status(state: str, treaty: str, day: str, status: str) -> None:
    """The State's status under the treaty on the day is `status`."""
    got = status_json(state, treaty, day)["status"]
    assert got == status, f"{state} under {treaty} on {day}: {got}, not {status}"


def assert_parties(treaty: str, day: str, parties: int) -> None:
    """The number of Parties (or Members) on the day, as `ottawa list` counts them."""
    import json

    from typer.testing import CliRunner

    from ottawa_cli.cli.app import app

    result = CliRunner().invoke(app, ["list", "--treaty", treaty, "--as-of", day, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["parties"] == parties, (treaty, day)
