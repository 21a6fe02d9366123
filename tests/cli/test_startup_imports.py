"""Start-up stays cheap: what `ottawa` imports before a command needs it (not a timing test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

HEAVY = ("yaml", "pydantic", "rich.table", "rich.console", "dateutil", "pycountry", "sqlite3")


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(list(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def _run_main(args: list[str]) -> str:
    return (
        f"import sys\nsys.argv = ['ottawa', *{args!r}]\nfrom ottawa_cli.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )


def test_importing_the_cli_loads_no_heavy_module() -> None:
    loaded = _modules_after("import ottawa_cli.cli.app")
    assert not loaded & set(HEAVY)


def test_help_loads_no_heavy_module_nor_typer() -> None:
    # The text written from the Typer app (tests/cli/test_help_text.py holds the two equal).
    loaded = _modules_after(_run_main(["--help"]))
    assert not loaded & set(HEAVY)
    assert "typer" not in loaded


def _warm_cache(cache: str) -> dict[str, str]:
    env = {**os.environ, "OTTAWA_CACHE_DIR": cache}
    env.pop("OTTAWA_NO_CACHE", None)
    env.pop("OTTAWA_DATA", None)
    subprocess.run(
        [sys.executable, "-m", "ottawa_cli", "status", "Finland"], env=env, capture_output=True
    )
    return env


def test_cached_status_in_a_pipe_loads_neither_typer_yaml_pydantic_nor_rich(tmp_path: Path) -> None:
    env = _warm_cache(str(tmp_path))
    subprocess.run(
        [sys.executable, "-m", "ottawa_cli", "status", "LT", "--treaty", "all"],
        env=env,
        capture_output=True,
    )
    for args in (
        ["status", "Finland"],
        ["status", "FI", "--json", "--as-of", "2025-09-01"],
        ["status", "Lithuania", "--treaty", "ccm"],
        ["status", "Lithuania", "--treaty", "all"],
    ):
        loaded = _modules_after(_run_main(args), env)
        assert not {m for m in loaded if m.split(".")[0] in ("typer", "yaml", "pydantic", "rich")}
        # The YAML reader's module is for a file not yet validated (`data_bytes` reads bytes).
        assert "ottawa_cli.store.load" not in loaded
        # With no overlay of `ottawa update`, one stat says so: its module is not loaded.
        assert "ottawa_cli.store.overlay" not in loaded
        # It did answer: by the rules, or, for every treaty, from the index's summaries.
        assert {"ottawa_cli.law.position", "ottawa_cli.output.summaries"} & loaded


def test_plain_list_pending_timeline_and_treaties_load_no_typer(tmp_path: Path) -> None:
    env = _warm_cache(str(tmp_path))
    for args in (
        ["treaties"],
        ["list", "--json"],
        ["pending", "--treaty", "all"],
        ["timeline", "Finland"],
    ):
        loaded = _modules_after(_run_main(args), env)
        assert not {m for m in loaded if m.split(".")[0] in ("typer", "click")}, args
        assert "ottawa_cli.output" in loaded  # it did answer


def test_anything_but_a_plain_query_goes_to_typer(tmp_path: Path) -> None:
    env = _warm_cache(str(tmp_path))
    for args in (
        ["status", "--help"],
        ["status", "Finland", "--as-of", "soon"],
        ["list", "--status", "party"],
        ["sources", "Finland"],
    ):
        assert "typer" in _modules_after(_run_main(args), env)


def test_typer_is_pinned_below_the_release_that_imports_pydantic_at_start_up() -> None:
    # typer 0.29 imports pydantic on every run (100-190 ms). When this fails after an upgrade,
    # check `python -X importtime -c "import typer"` for pydantic: if it is gone, lift the pin
    # in pyproject.toml; if not, keep it.
    major, minor = (int(x) for x in version("typer").split(".")[:2])
    assert (major, minor) < (0, 29)
    assert "pydantic" not in _modules_after("import typer")


def test_status_and_timeline_drawn_from_the_sheets_load_neither_the_models_nor_typing(
    tmp_path: Path,
) -> None:
    from ottawa_cli.output import ahead

    folder = tmp_path / "sheets"
    folder.mkdir()
    ahead.build(str(folder), ["apmbc"])
    env = {**_warm_cache(str(tmp_path)), "OTTAWA_TODAY": "2026-12-04"}
    patched = f"import ottawa_cli.output.ahead as ahead\nahead.SHIPPED = {str(folder)!r}\n"
    for args in (
        ["status", "Finland"],
        ["status", "FI", "--as-of", "2025-09-01"],
        ["timeline", "Finland"],
    ):
        loaded = _modules_after(patched + _run_main(args), env)
        assert "ottawa_cli.output.ahead" in loaded  # it did answer from the sheets
        heavy = {"typing", "dataclasses", "inspect", "dateutil", "rich", "typer"}
        assert not {m for m in loaded if m.split(".")[0] in heavy}, args
        assert not {m for m in loaded if m.startswith(("ottawa_cli.law", "ottawa_cli.api"))}

        def output(code: str) -> str:
            run = [sys.executable, "-c", code]
            return subprocess.run(run, env=env, capture_output=True, text=True).stdout

        assert output(patched + _run_main(args)) == output(_run_main(args)), args


@pytest.mark.parametrize(
    "args",
    [
        ["status", "Lithuania", "--treaty", "all"],
        ["pending", "--treaty", "all"],
        ["list"],
        ["list", "--treaty", "icc", "--as-of", "2017-01-01"],
        ["treaties"],
    ],
)
def test_every_treaty_drawn_from_the_index_loads_neither_the_models_nor_typing(
    tmp_path: Path, args: list[str]
) -> None:
    env = {**_warm_cache(str(tmp_path)), "OTTAWA_TODAY": "2026-12-04"}
    subprocess.run([sys.executable, "-c", _run_main(args)], env=env, capture_output=True)
    loaded = _modules_after(_run_main(args), env)
    assert "ottawa_cli.store.index_file" in loaded  # it did answer from the index
    heavy = {"typing", "dataclasses", "inspect", "dateutil", "rich", "typer"}
    assert not {m for m in loaded if m.split(".")[0] in heavy}
    assert not {m for m in loaded if m.startswith(("ottawa_cli.law", "ottawa_cli.api"))}
    library = subprocess.run(
        [sys.executable, "-c", _run_main(args)],
        env={**env, "OTTAWA_NO_CACHE": "1"},
        capture_output=True,
        text=True,
    ).stdout
    drawn = subprocess.run(
        [sys.executable, "-c", _run_main(args)], env=env, capture_output=True, text=True
    ).stdout
    assert drawn == library
