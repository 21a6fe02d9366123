"""Issue 21, item 10: the README tells the truth (each test fails where it did not)."""

from __future__ import annotations

import re
from pathlib import Path

import typer
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import ROOT, TREATIES

README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def _commands() -> dict[str, list[str]]:
    """Every command's name ("calc join") and its options."""
    found: dict[str, list[str]] = {}

    def walk(command: object, prefix: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, [*prefix, name])
        else:
            params = getattr(command, "params", [])
            found[" ".join(prefix)] = [o for p in params for o in getattr(p, "opts", [])]

    walk(typer.main.get_command(app), [])
    return found


def test_the_readme_says_how_many_treaties_are_bundled() -> None:
    match = re.search(r"Bundled: (\d+) treaties", README)
    assert match and int(match.group(1)) == len(TREATIES)


def test_the_readme_names_exactly_the_commands_that_take_json() -> None:
    match = re.search(r"`--json` is taken by (.*?);", README, re.S)
    assert match
    named = set(re.findall(r"`([a-z ]+)`", match.group(1)))
    assert named == {name for name, opts in _commands().items() if "--json" in opts}


def test_a_saved_page_that_is_not_a_status_page_exits_as_the_readme_says(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>not a status page</p></body></html>", encoding="utf-8")
    for args in (["untc", "diff", str(page)], ["untc", "import", str(page), "--id", "x"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
    row = next(line for line in README.splitlines() if line.startswith("| 1 |"))
    assert "not a UNTC status page" in row


def test_every_install_line_in_the_readme_can_be_copied_as_it_stands() -> None:
    installs = [line for line in README.splitlines() if re.search(r"\bpip install\b", line)]
    assert installs
    assert not any("OWNER" in line for line in installs)
    assert any(line.strip() == "- run: python -m pip install ." for line in installs)


def test_the_readme_says_what_the_rome_statute_s_data_rests_on() -> None:
    text = " ".join(README.split())
    assert (
        "the depositary record to 2013, then the Court's and governments' releases and news "
        "reports" in text
    )


def test_the_statuses_are_described_in_no_one_treaty_s_period() -> None:
    statuses = README[README.index("### Statuses") : README.index("### What an answer rests on")]
    assert "six months" not in statuses.lower()


def test_every_test_module_the_project_names_exists() -> None:
    # The tests mirror the package's folders; a path left behind by a move would send a reader
    # (or `.ci/run`) to a file that is not there.
    texts = [ROOT / "README.md", ROOT / ".ci" / "run", ROOT / "pyproject.toml"]
    for folder in ("src", "scripts", "benchmarks", "tests", ".github"):
        texts += [
            p
            for p in (ROOT / folder).rglob("*")
            if p.suffix in {".py", ".yml", ".yaml", ".md"} and "corpus" not in p.parts
        ]
    named = {
        (path.relative_to(ROOT), found)
        for path in texts
        for found in re.findall(
            r"\btests/[\w/]+\.py\b", path.read_text(encoding="utf-8", errors="replace")
        )
    }
    assert named
    missing = sorted(f"{where}: {found}" for where, found in named if not (ROOT / found).is_file())
    assert missing == []
