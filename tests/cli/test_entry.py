"""`ottawa status` answers without Typer when it can, and then exactly as Typer would."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ottawa_cli.cli import app as cli
from ottawa_cli.cli import fast as entry
from ottawa_cli.cli import main
from tests.support import ARGUMENTS, DATA, FIXTURES

Run = Callable[[list[str]], tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `main` (the executable's, or Typer's) as `ottawa ARGS`: (exit code, stdout, stderr)."""

    def with_main(main: Callable[[], None]) -> Run:
        def invoke(args: list[str]) -> tuple[int, str, str]:
            monkeypatch.setattr("sys.argv", ["ottawa", *args])
            with pytest.raises(SystemExit) as exit_:
                main()
            out, err = capsys.readouterr()
            return int(exit_.value.code or 0), out, err

        return invoke

    return with_main


def _plain_queries(tmp_path: Path) -> list[list[str]]:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\ntreaty: [\n", encoding="utf-8")
    copy = tmp_path / "copy.yaml"
    shutil.copy(DATA, copy)
    from_hostile = [args for args, _, _ in ARGUMENTS if args[:1] == ["status"]]
    return [
        ["status", "Finland"],
        ["status", "fi", "--json"],
        ["status", "--json", "Poland"],
        ["status", "Ukraine", "--as-of", "2025-09-01"],
        ["status", "Estonia", "--as-of=2025-12-27", "--json"],
        ["status", "South Sudan", "--data", str(copy)],
        ["status", "Latvia", f"--data={copy}", "--as-of", "2025-12-26"],
        ["status", "Finland", "--data", str(broken)],
        ["status", "Finland", "--data", str(tmp_path / "missing.yaml")],
        ["status", "Atlantis", "--data", str(FIXTURES / "minimal.yaml")],
        ["status", "Lithuania", "--treaty", "ccm"],
        ["status", "Lithuania", "--treaty=all", "--json", "--as-of", "2025-09-01"],
        ["status", "Holland", "--treaty", "all"],
        ["status", "Finland", "--treaty", "ottawa"],
        ["status", "Finland", "--treaty", "all", "--data", str(copy)],
        ["status", "United States", "--treaty", "ccm", "--json"],
        *(args for args in from_hostile if entry.plain_status_query(args, {}) is not None),
    ]


def test_plain_status_queries_answer_exactly_as_typer_does(
    run: Callable[..., Run], tmp_path: Path
) -> None:
    fast, typer = run(main.main), run(cli.main)
    queries = _plain_queries(tmp_path)
    assert len(queries) > 25
    for args in queries:
        assert entry.plain_status_query(args, {}) is not None, args
        assert fast(args) == typer(args), args


def test_the_data_file_named_by_the_environment_is_read_on_both_paths(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\n", encoding="utf-8")
    monkeypatch.setenv("OTTAWA_DATA", str(broken))
    code, out, err = run(main.main)(["status", "Finland"])
    assert (code, out) == (1, "")
    assert str(broken) in err
    assert (code, out, err) == run(cli.main)(["status", "Finland"])


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version"],
        ["list"],
        ["status"],
        ["status", "--help"],
        ["status", "Finland", "--help"],
        ["status", "Finland", "-h"],
        ["status", "--", "Finland"],
        ["status", "Finland", "Poland"],
        ["status", "Finland", "--json", "--json"],
        ["status", "Finland", "--json=yes"],
        ["status", "Finland", "--as-of"],
        ["status", "Finland", "--as-of", "2025-02-29"],
        ["status", "Finland", "--as-of", "-2025-01-01"],
        ["status", "Finland", "--as-of", "2025-01-01", "--as-of", "2025-01-02"],
        ["status", "Finland", "--as-o", "2025-01-01"],
        ["status", "Finland", "--data", "/"],
        ["status", "Finland", "--data="],
        ["status", "Finland", "--bogus"],
        ["Status", "Finland"],
    ],
    ids=lambda args: " ".join(args) or "(none)",
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert entry.plain_status_query(args, {}) is None


def test_the_treaty_named_by_the_environment_is_read_on_both_paths(
    run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTAWA_TREATY", "ccm")
    fast = run(main.main)(["status", "Lithuania", "--as-of", "2025-03-06"])
    assert fast[0] == 0 and "Convention on Cluster Munitions" in fast[1]
    assert "withdrawn" in fast[1]
    assert fast == run(cli.main)(["status", "Lithuania", "--as-of", "2025-03-06"])


def test_shell_completion_is_left_to_typer() -> None:
    assert entry.plain_status_query(["status", "Finland"], {"_OTTAWA_COMPLETE": "bash"}) is None


def test_a_directory_named_by_the_environment_is_left_to_typer(tmp_path: Path) -> None:
    assert entry.plain_status_query(["status", "FI"], {"OTTAWA_DATA": str(tmp_path)}) is None
    query = entry.plain_status_query(["status", "FI"], {"OTTAWA_DATA": str(DATA)})
    assert query == entry.StatusArgs("FI", None, str(DATA), False)


def test_the_typer_status_command_takes_the_options_of_the_table_the_fast_path_reads() -> None:
    """Both front ends are built from `cli.options`: same names, same environment variables."""
    import typer.main

    from ottawa_cli.cli.options import EVIDENCE, FAST_STATUS

    command = typer.main.get_command(cli.app)
    status = command.commands["status"]  # type: ignore[attr-defined]
    typer_options = {
        name: param.envvar
        for param in status.params
        if param.param_type_name == "option"
        for name in param.opts
    }
    table = {spec.name: spec.envvar for spec in (*FAST_STATUS, EVIDENCE)}
    assert {k: v for k, v in typer_options.items() if k != "--help"} == table
    # What the fast path parses is the table, no more: --evidence goes to Typer.
    assert entry.plain_status_query(["status", "Finland", "--evidence", "official"], {}) is None


def _other_plain_queries() -> list[list[str]]:
    return [
        ["treaties"],
        ["treaties", "--json"],
        ["treaties", "--no-updates"],
        ["list"],
        ["list", "--json", "--as-of", "2025-09-01"],
        ["list", "--treaty", "ccm", "--as-of=2020-01-01"],
        ["list", "--treaty", "all", "--json"],
        ["list", "--treaty", "nonesuch"],
        ["pending"],
        ["pending", "--treaty", "all"],
        ["pending", "--treaty=all", "--json", "--as-of", "2025-12-31"],
        ["pending", "--treaty", "rome", "--no-updates"],
        ["timeline"],
        ["timeline", "Finland"],
        ["timeline", "Finland", "Poland", "--json"],
        ["timeline", "Atlantis"],
        ["timeline", "Lithuania", "--treaty", "all"],
        ["timeline", "--treaty", "ccm", "LT"],
    ]


def test_other_plain_queries_answer_exactly_as_typer_does(
    run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, typer = run(main.main), run(cli.main)
    # `--no-updates` sets OTTAWA_NO_UPDATES for the run, on both paths: unset after the test.
    monkeypatch.setenv("OTTAWA_NO_UPDATES", "")
    for args in _other_plain_queries():
        os.environ.pop("OTTAWA_NO_UPDATES", None)
        assert entry.plain_query(args, os.environ) is not None, args
        answered = fast(args)
        os.environ.pop("OTTAWA_NO_UPDATES", None)
        assert answered == typer(args), args


def test_the_treaty_named_by_the_environment_is_read_by_the_other_commands_on_both_paths(
    run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTAWA_TREATY", "ccm")
    fast = run(main.main)(["list", "--as-of", "2025-03-06"])
    assert fast[0] == 0 and "Convention on Cluster Munitions" in fast[1]
    assert fast == run(cli.main)(["list", "--as-of", "2025-03-06"])


@pytest.mark.parametrize(
    "args",
    [
        ["treaties", "--evidence", "depositary"],
        ["treaties", "Finland"],
        ["treaties", "--treaty", "ccm"],
        ["list", "--status", "party"],
        ["list", "--sort", "date"],
        ["list", "Finland"],
        ["list", "--data", "x.yaml"],
        ["list", "--json", "--json"],
        ["list", "--as-of", "2025-02-29"],
        ["list", "--as-of"],
        ["list", "--help"],
        ["pending", "--evidence=official"],
        ["timeline", "Finland", "--from", "2020-01-01"],
        ["timeline", "Finland", "--kind", "withdrawal"],
        ["timeline", "--", "Finland"],
        ["timeline", "-"],
        ["sources", "Finland"],
        ["export"],
    ],
    ids=lambda args: " ".join(args),
)
def test_any_other_command_or_option_is_left_to_typer(args: list[str]) -> None:
    assert entry.plain_query(args, {}) is None


@pytest.mark.parametrize(
    "environ",
    [{"OTTAWA_DATA": "x.yaml"}, {"OTTAWA_NO_UPDATES": "maybe"}, {"_OTTAWA_COMPLETE": "1"}],
)
def test_a_data_file_or_a_boolean_from_the_environment_is_left_to_typer(
    environ: dict[str, str],
) -> None:
    assert entry.plain_query(["list"], environ) is None


@pytest.mark.parametrize(
    "args", [["status", "Finland", "--json"], ["pending", "--json"], ["list", "--json"]]
)
def test_today_is_the_front_end_s_on_both_paths(
    run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """`OTTAWA_TODAY` is read by the front end (`cli.clock`) and passed into the query: a day
    that is not the machine's is answered for on the Typer-free path too."""
    import json

    monkeypatch.setenv("OTTAWA_TODAY", "2025-09-01")
    fast = run(main.main)(args)
    assert fast[0] == 0, fast[2]
    assert json.loads(fast[1])["as_of"] == "2025-09-01"
    assert fast == run(cli.main)(args)
