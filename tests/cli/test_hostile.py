"""Hostile input: no traceback, no hang, no injection, whatever the arguments or the data say."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ottawa_cli.api.export import ExportQuery, export
from ottawa_cli.api.states import ListQuery, list_states
from ottawa_cli.api.status import StatusResult
from ottawa_cli.check.dataset import check_file
from ottawa_cli.cli.app import app
from ottawa_cli.law.model import Dataset, State
from ottawa_cli.law.position import deadlines, position
from ottawa_cli.output import exports, render, views
from ottawa_cli.output.contract import status_json
from ottawa_cli.store.data_bytes import DataFileError
from tests.support import ARGUMENTS, DATA, FIXTURES

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "code", "fragment"), ARGUMENTS, ids=[" ".join(a)[:40] for a, _, _ in ARGUMENTS]
)
def test_hostile_arguments_get_a_clear_message_and_a_documented_exit_code(
    args: list[str], code: int, fragment: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, result.stdout + result.stderr
    assert fragment in (result.stderr if code else result.stdout + result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    if code:
        assert result.stdout == ""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(day=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_every_as_of_date_answers_for_every_state(real: Dataset, day: dt.date) -> None:
    for state in real.states:
        result = _status(real, state, day)
        assert render.plain(views.status_document(result))
        assert json.loads(json.dumps(status_json(result))) == status_json(result)


def _status(dataset: Dataset, state: State, day: dt.date) -> StatusResult:
    pos = position(dataset.treaty, state, day)
    return StatusResult(
        dataset=dataset, position=pos, deadlines=tuple(deadlines(dataset.treaty, pos)), today=day
    )


@settings(max_examples=40, deadline=None)
@given(day=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_calculator_answers_or_refuses_clearly_for_any_date(day: dt.date) -> None:
    for args in (
        ["calc", "join", "--deposited", day.isoformat()],
        ["calc", "withdraw", "--received", day.isoformat(), "--armed-conflict-until", "ongoing"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 2)
        assert "Traceback" not in result.stderr
        if result.exit_code == 2:
            assert result.stderr.startswith("Error: ")


# A fuzzer: mutations of the real data file must give findings or a clean bill, never a crash.
# OTTAWA_FUZZ_EXAMPLES=5000 runs it for longer on demand.
_REAL = DATA.read_bytes()
_mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, len(_REAL) - 1), st.integers(1, 200)),
    st.tuples(st.just("insert"), st.integers(0, len(_REAL)), st.binary(min_size=1, max_size=40)),
    st.tuples(
        st.just("text"),
        st.integers(0, len(_REAL)),
        st.sampled_from(
            [
                b": ",
                b"- ",
                b"[",
                b"]",
                b"{",
                b"}",
                b"&a ",
                b"*a",
                b"!!str ",
                b"\t",
                b"\n  - ",
                b"'",
                b'"',
                b"#",
                b"\xef\xbb\xbf",
                b"\x00",
                b"2025-02-30",
                b"~",
                b"<<: ",
                b"!!python/object:os.system ",
            ]
        ),
    ),
    st.tuples(st.just("duplicate-line"), st.integers(0, _REAL.count(b"\n")), st.just(b"")),
)


def _mutate(data: bytes, mutations: list[tuple[str, int, object]]) -> bytes:
    for kind, at, extra in mutations:
        if kind == "delete":
            assert isinstance(extra, int)
            data = data[:at] + data[at + extra :]
        elif kind in ("insert", "text"):
            assert isinstance(extra, bytes)
            data = data[:at] + extra + data[at:]
        else:
            lines = data.split(b"\n")
            index = min(at, len(lines) - 1)
            data = b"\n".join([*lines[:index], lines[index], *lines[index:]])
    return data


@settings(
    max_examples=int(os.environ.get("OTTAWA_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutations=st.lists(_mutation, min_size=1, max_size=4))
def test_fuzzed_data_files_never_crash_check(
    tmp_path: Path, mutations: list[tuple[str, int, object]]
) -> None:
    path = tmp_path / "fuzzed.yaml"
    path.write_bytes(_mutate(_REAL, mutations))
    try:
        findings = check_file(path, dt.date(2026, 11, 23))
    except DataFileError:
        return
    for finding in findings:
        assert finding.code.startswith("OTT") and finding.message
        assert finding.line is None or finding.line >= 1


# Text that comes from the data ---------------------------------------------------------------


def _hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    header = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    path.write_text(
        header
        + (
            "states:\n"
            '  - name: "[bold red]Côte d\'Ivoire (Ré\\e]8;;http://evil\\e\\\\publique)[/]"\n'
            '    iso2: "CI"\n'
            '    iso3: "CIV"\n'
            '    aliases: ["[link=https://evil.example]click[/link]"]\n'
            "    events:\n"
            '      - {kind: accession, date: 2000-01-10, source: fixture, note: "a\\u202eb"}\n'
        ),
        encoding="utf-8",
    )
    return path


def test_markup_and_escapes_in_data_are_shown_as_text_in_the_terminal(tmp_path: Path) -> None:
    from ottawa_cli.store.cache import load_state

    dataset, state = load_state(_hostile_file(tmp_path), "CI")
    document = views.status_document(_status(dataset, state, TODAY))

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    render.write_rich(document, out)
    text = out.getvalue()
    assert "[bold red]" in text  # literally, not as style
    assert "\x1b]8" not in text  # no hyperlink escape reaches the terminal
    assert "\\u001b]8;;http://evil" in text


TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("width", [20, 40, 200])
def test_narrow_and_wide_terminals_render_without_error(real: Dataset, width: int) -> None:
    from rich.console import Console

    finland = next(s for s in real.states if s.name == "Finland")
    document = views.status_document(_status(real, finland, TODAY))
    console = Console(file=io.StringIO(), width=width, force_terminal=True, markup=False)
    for block in document:
        console.print(render._rich_block(block, *_rich_classes()))
    assert "Finland" in console.file.getvalue()  # type: ignore[attr-defined]


def _rich_classes() -> tuple[object, object]:
    from rich.table import Table
    from rich.text import Text

    return Table, Text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _in_terminal(monkeypatch: pytest.MonkeyPatch, columns: int, args: list[str], **env: str) -> str:
    """What a command draws in a terminal `columns` wide (rich, as a person sees it)."""
    from ottawa_cli.output import emit

    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out = _Terminal()
    emit(_answer(args), json=False, stream=out)
    return out.getvalue()


def _answer(args: list[str]) -> object:
    from ottawa_cli.api.sources import SourcesQuery, sources
    from ottawa_cli.api.states import ListQuery, list_states

    if args[0] == "sources":
        return sources(None, SourcesQuery(state=args[1]))
    return list_states(None, ListQuery(as_of=dt.date(2025, 9, 1)))


def test_every_source_address_is_shown_whole_in_a_terminal(
    monkeypatch: pytest.MonkeyPatch, real: Dataset
) -> None:
    text = _in_terminal(monkeypatch, 120, ["sources", "Poland"])
    poland = next(s for s in real.states if s.name == "Poland")
    keys = {k for e in poland.events for k in e.cited()}
    urls = [real.sources[k].url for k in keys if real.sources[k].url]
    assert len(urls) >= 10
    lines = text.splitlines()
    for url in urls:
        assert any(url in line for line in lines), url
    assert "\x1b]8;" in text  # as hyperlinks too


def test_a_status_is_never_cut_in_a_narrow_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", _in_terminal(monkeypatch, 60, ["list"]))
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "Poland")
    assert re.search(r"Status +withdrawing$", lines[at + 1].rstrip())
    assert "…" not in text
    assert max(len(line) for line in lines) <= 60
    # No date is broken over two lines.
    assert not any(re.search(r"\b\d{1,2} [A-Z][a-z]{2}$", line.rstrip()) for line in lines)


def test_no_color_removes_colour_and_nothing_else(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    text = _in_terminal(monkeypatch, 80, ["list"], NO_COLOR="1")
    assert "\x1b[3" not in text  # no foreground colour
    assert "\x1b[1m" in text  # bold headings are not colour
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    header = next(line for line in text.splitlines() if "Status" in line)
    assert "Since" in header  # still a table, fitted to the terminal
    assert max(len(line) for line in text.splitlines()) <= 80


def test_a_dumb_terminal_gets_no_escape_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _in_terminal(monkeypatch, 80, ["sources", "Poland"], TERM="dumb")
    assert "\x1b" not in text
    assert "Poland — sources" in text


def test_names_with_accents_apostrophes_and_parentheses_round_trip_every_format(
    real: Dataset,
) -> None:
    names = {"Côte d'Ivoire", "Bolivia (Plurinational State of)", "Türkiye"}
    exported = export(real, ExportQuery(as_of=TODAY))
    assert names <= {s["name"] for s in json.loads(exports.as_json(exported))["states"]}
    import csv

    rows = csv.DictReader(io.StringIO(exports.as_csv(exported)))
    assert names <= {r["name"] for r in rows}
    everything = render.plain(views.list_document(list_states(real, ListQuery(as_of=TODAY))))
    assert all(name in everything for name in names)


def test_closed_stdout_is_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "OTTAWA_CACHE_DIR": str(tmp_path)}
    with subprocess.Popen(
        [sys.executable, "-m", "ottawa_cli", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # `ottawa list | head -1`
        err = proc.stderr.read()
        code = proc.wait(timeout=30)
    assert b"Traceback" not in err
    assert code == 0


# Output that cannot be written ------------------------------------------------------------------


def _ottawa(*args: str, env: dict[str, str] | None = None, stdout: object = subprocess.PIPE) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "ottawa_cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["list"], ["status", "Finland"], ["status", "Finland", "--json"], ["timeline"]]
)
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = _ottawa(*args, stdout=full)
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: cannot write the output: No space left on device"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_export_onto_a_full_disk_is_a_clear_error_and_the_device_stays(tmp_path: Path) -> None:
    result = _ottawa("export", "--format", "csv", "--output", "/dev/full")
    assert result.returncode == 2
    assert "cannot write /dev/full: No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    import stat

    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # written to, never replaced


def test_export_replaces_a_file_whole_and_refuses_the_data_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    assert _ottawa("export", "--format", "csv", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("name,iso2")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left
    copy = tmp_path / "apmbc.yaml"
    copy.write_bytes(DATA.read_bytes())
    refused = _ottawa("export", "--data", str(copy), "-o", str(copy))
    assert refused.returncode == 2 and "the data file being read" in refused.stderr
    assert copy.read_bytes() == DATA.read_bytes()
    dash = _ottawa("export", "--format", "csv", "-o", "-")
    assert dash.returncode == 0 and dash.stdout.startswith("name,iso2")
    assert not os.path.exists("-")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args",
    [["status", "Türkiye"], ["status", "Côte d'Ivoire", "--json"], ["list"], ["timeline", "FI"]],
)
def test_a_stdout_that_cannot_hold_every_character_gets_no_traceback(
    encoding: str, args: list[str]
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", *args],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    out = result.stdout.decode(encoding)  # what the stream could hold, nothing else
    if "--json" in args:
        assert json.loads(out)["name"] == "Côte d'Ivoire"


# Bounded cost ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shape",
    [
        "states: [{items}]\n",
        "states:\n  - name: France\n    iso2: FR\n    iso3: FRA\n    events: [{items}]\n",
    ],
    ids=["states", "events"],
)
def test_a_mebibyte_of_hostile_list_costs_little_and_says_so_in_few_findings(
    tmp_path: Path, shape: str
) -> None:
    # Speed is the benchmark's to prove (benchmarks/startup.py, its hostile row); here: the
    # findings are few and the memory small, whatever the list's length.
    head = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "hostile.yaml"
    path.write_text(head + shape.format(items=",".join(["0"] * (1 << 19))), encoding="utf-8")
    assert path.stat().st_size > 1 << 20
    # Measured from a small process of its own: a child forked from this (large) test process
    # would count the pages it was forked with as its own.
    measure = (
        "import os, subprocess, sys\n"
        "p = subprocess.Popen([sys.executable, '-m', 'ottawa_cli', 'check', sys.argv[1], "
        "'--format', 'json', '--today', sys.argv[2]], stdout=subprocess.PIPE, "
        "stderr=subprocess.DEVNULL)\n"
        "out = p.stdout.read()\n"
        "_, status, usage = os.wait4(p.pid, 0)\n"
        "sys.stderr.write(f'{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}')\n"
        "sys.stdout.buffer.write(out)\n"
    )
    result = subprocess.run(
        # A day within a year of the fixture's verification (later, OTT136 is one more finding).
        [sys.executable, "-c", measure, str(path), "2026-12-04"],
        capture_output=True,
        check=True,
    )
    code, peak_kib = (int(x) for x in result.stderr.split())
    findings = json.loads(result.stdout)["findings"]
    assert code == 1
    assert 1 < len(findings) <= 21
    assert any(f["message"].startswith("... and ") for f in findings)
    assert peak_kib < 200 * 1024


def test_no_output_line_begins_a_workflow_command_unless_github_format_wrote_it(
    write_data: Any,
) -> None:
    path = write_data(
        """
        states:
          - name: "::add-mask::France"
            iso2: FR
            iso3: FRA
            events:
              - kind: accession
                date: 2010-03-15
                source: fixture
                note: "fine\\n::error file=README.md,line=1::forged\\n::stop-commands::x"
        """
    )
    for args in (
        ["status", "FR"],
        ["list"],
        ["timeline", "FR"],
        ["sources", "FR"],
        ["export", "--format", "csv"],
        ["check", str(path)],
    ):
        result = runner.invoke(app, [*args, "--data", str(path)] if args[0] != "check" else args)
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.startswith("::"), (args, line)


def test_a_csv_cell_a_spreadsheet_would_run_is_written_as_text(write_data: Any) -> None:
    path = write_data(
        """
        states:
          - name: France
            iso2: FR
            iso3: FRA
            aliases: ['=HYPERLINK("http://evil")']
            events:
              - {kind: accession, date: 2010-03-15, source: fixture}
        """
    )
    result = runner.invoke(app, ["export", "--format", "csv", "--data", str(path)])
    import csv

    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert row["aliases"] == '\'=HYPERLINK("http://evil")'
    excel = runner.invoke(app, ["export", "--format", "csv", "--excel", "--data", str(path)])
    assert excel.stdout.startswith("\ufeffname,")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", [["diff"], ["import", "--id", "x"]], ids=["diff", "import"])
def test_untc_refuses_a_fifo_at_once_and_never_waits_on_it(
    tmp_path: Path, command: list[str]
) -> None:
    fifo = tmp_path / "p.html"
    os.mkfifo(fifo)
    # Nothing ever writes to the FIFO: opening it to read would wait for ever.
    result = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", "untc", command[0], str(fifo), *command[1:]],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == f"Error: {fifo}: cannot read the status page: not a regular file\n"


def test_nested_end_notes_are_each_read_once_and_their_findings_capped(tmp_path: Path) -> None:
    # 225 end notes, each inside the one before (a real page nests 25 deep: 250 is past the
    # parser's limit), each of 16 sentences the reader cannot date: 3,600 findings, not the
    # 406,800 of a note read with every note around it; 1,000 listed and the rest counted.
    untc = FIXTURES / "untc"
    data = (untc / "ottawa.html").read_bytes()
    at = data.index(
        b'<div id="ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_dgNotesAll'
    )
    sentence = b"On 2025-06-27, the Government of Atlantis deposited a notification of withdrawal. "
    notes = b"".join(
        b"<div class='divNotesAll'><a name='%d'>%d</a>" % (n, n) + sentence * 16
        for n in range(100, 325)
    )
    page = tmp_path / "nested.html"
    page.write_bytes(data[:at] + notes + b"</div>" * 225 + data[at:])
    result = runner.invoke(app, ["untc", "diff", str(page), "--format", "json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    assert [f["code"] for f in findings] == ["OTT315"] * 1001
    assert findings[-1]["message"] == (
        "... and 2,600 more OTT315 findings, not listed (the first 1,000 are)"
    )


@pytest.mark.parametrize("label", ["hex", "base64", "zlib", "rot13", "uu", "bz2", "idna"])
@pytest.mark.parametrize("command", [["diff"], ["import", "--id", "x"]], ids=["diff", "import"])
def test_untc_reads_a_page_declaring_a_python_only_codec_as_utf8(
    tmp_path: Path, label: str, command: list[str]
) -> None:
    untc = FIXTURES / "untc"
    data = (untc / "ottawa.html").read_bytes()
    page = tmp_path / "p.html"
    page.write_bytes(data.replace(b"charset=utf-8", b"charset=" + label.encode(), 1))
    result = runner.invoke(app, ["untc", command[0], str(page), *command[1:]])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if command[0] == "diff":
        # The page is read, as UTF-8, and the diff says the charset was not used.
        assert result.exit_code == 0
        assert f"the declared charset '{label}' is unknown" in result.stdout
    else:
        assert result.exit_code == 0 and 'state: "Türkiye"' in result.stdout


def test_untc_names_a_page_whose_file_name_is_not_utf8_in_valid_utf8(tmp_path: Path) -> None:
    untc = FIXTURES / "untc"
    try:
        page = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.html"))
        page.write_bytes((untc / "ottawa.html").read_bytes())
    except (OSError, UnicodeError):
        pytest.skip("this file system takes no file name that is not UTF-8")
    shown = f"{tmp_path}/caf\\xe9.html"

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "ottawa_cli", "untc", *args], capture_output=True, timeout=120
        )

    result = run("diff", str(page), "--format", "json", "--treaty", "ccm")
    assert result.returncode == 1
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["files"] == [shown] and report["findings"][0]["file"] == shown
    target = tmp_path / "imported.yaml"
    result = run("import", str(page), "--id", "imported", "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_bytes().decode("utf-8")
    assert (
        "from caf\\xe9.html," in text and '"Imported from the saved page caf\\\\xe9.html"' in text
    )


def test_untc_import_escapes_what_yaml_does_not_allow_so_check_reads_the_file(
    tmp_path: Path,
) -> None:
    import yaml

    untc = FIXTURES / "untc"
    data = (untc / "ottawa.html").read_bytes()
    # Character references give the parser what the decoder never lets through: a C1 control
    # (U+009D: no windows-1252 character), DEL, U+FFFE and U+FFFF.
    data = data.replace(b"<td>Afghanistan<br>", b"<td>Afghan&#x9d;istan&#xFFFE;<br>", 1)
    title = b"Convention on the Prohibition of the Use"
    data = data.replace(title, b"Convention&#xFFFF; on the&#x7f; Prohibition of the Use", 1)
    page = tmp_path / "page.html"
    page.write_bytes(data)
    (tmp_path / "treaties").mkdir()
    target = tmp_path / "treaties" / "imported.yaml"
    result = runner.invoke(
        app, ["untc", "import", str(page), "--id", "imported", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["check", str(target), "--format", "json"])
    assert {f["code"] for f in json.loads(checked.stdout)["findings"]} == {"OTT011"}
    read = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert read["treaty"]["title"].startswith("Convention\uffff on the\x7f Prohibition")
    assert read["participants"][0]["state"] == "Afghan\x9distan\ufffe"


def test_untc_import_refuses_to_write_over_the_page_it_reads(tmp_path: Path) -> None:
    data = (FIXTURES / "untc" / "ottawa.html").read_bytes()
    page = tmp_path / "page.html"
    page.write_bytes(data)
    result = runner.invoke(app, ["untc", "import", str(page), "--id", "x", "-o", str(page)])
    assert page.read_bytes() == data
    assert result.exit_code == 2
    assert "is the page being read" in result.stderr


def test_untc_import_spends_no_fuzzy_search_on_names_it_does_not_know(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Suggestions cost a fuzzy search of every name (0.6-0.8 ms): 20,000 made-up names took 17 s
    # for suggestions the file never shows.
    from ottawa_cli.api.untc import UntcImportQuery, untc_import
    from ottawa_cli.store.lookup import StateIndex

    calls = []
    monkeypatch.setattr(StateIndex, "suggest", lambda self, key, limit=3: calls.append(key) or [])
    data = (FIXTURES / "untc" / "ottawa.html").read_bytes()
    first = data.index(b'\t<tr class="trBWhite">')
    end = data.index(b"</table>", first)
    names = [f"Atlantis {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(500)]
    rows = "".join(f"<tr><td>{n}</td><td>3 Dec 1997</td><td></td></tr>" for n in names)
    page = tmp_path / "page.html"
    page.write_bytes(data[:first] + rows.encode() + data[end:])
    result = untc_import(UntcImportQuery(page=page, id="made-up"))
    assert result.unmatched == tuple(names)
    assert calls == []


@pytest.mark.skipif(not hasattr(os, "umask"), reason="no umask")
def test_output_files_follow_the_umask_and_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    new = tmp_path / "new.json"
    old_mask = os.umask(0o022)
    try:
        result = runner.invoke(app, ["export", "--format", "json", "-o", str(new)])
    finally:
        os.umask(old_mask)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    kept = tmp_path / "kept.csv"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    link = tmp_path / "link.csv"
    os.link(kept, link)
    result = runner.invoke(app, ["export", "--format", "csv", "-o", str(kept)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    # A hard link is written through, not split.
    assert link.read_text(encoding="utf-8") == kept.read_text(encoding="utf-8") != "old"


def test_a_long_but_legal_output_name_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250 + ".csv")
    result = runner.invoke(app, ["export", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("name,")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_sigterm_while_writing_leaves_no_temporary(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    # A writer slowed down between the temporary's creation and its rename, then terminated.
    script = (
        "import os, sys, time\n"
        "from ottawa_cli.cli import app as cli\n"
        "real = os.fdopen\n"
        "def slow(*a, **k):\n"
        "    print('writing', flush=True); time.sleep(30); return real(*a, **k)\n"
        "os.fdopen = slow\n"
        "cli._write_output('text', cli.Path(sys.argv[1]))\n"
    )
    target = tmp_path / "out.txt"
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=20)
    time.sleep(0.1)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["status", "Finland", "--as-of"],
        ["list", "--status"],
        ["check", "--select"],
        ["export", "--format"],
        ["calc", "withdraw", "--received"],
        ["status", "Finland", "--evidence"],
    ],
    ids=" ".join,
)
def test_a_huge_argument_is_echoed_short(args: list[str]) -> None:
    import subprocess
    import sys

    # Through the executable: Typer's error printer is the one a user sees.
    result = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", *args, "x" * 100_000],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert len(result.stderr) < 2_000 and "characters)" in result.stderr


def test_every_command_runs_where_click_is_not_installed(tmp_path: Path) -> None:
    import subprocess
    import sys

    # Asked of a fresh interpreter: this test process may have imported click for other reasons.
    typer_imports_click = subprocess.run(
        [sys.executable, "-c", "import sys, typer; print('click' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    if typer_imports_click == "True":
        pytest.skip("this typer depends on click itself")
    # `pip install .` with typer 0.28 installs no click (typer carries its own copy): a module
    # that imports click would fail there. Hide any click this environment has.
    hidden = tmp_path / "hidden" / "click"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('click is not installed')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "hidden")}
    for args in (["list", "--as-of", "2026-01-01"], ["list", "--status", "x" * 1000], ["--help"]):
        run = subprocess.run(
            [sys.executable, "-m", "ottawa_cli", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert "Traceback" not in run.stderr, run.stderr[-2000:]
        assert run.returncode in (0, 2), args


_CONTROLS = "Evil\u202eland\x1b[31m\u200b"


@pytest.mark.parametrize(
    "args",
    [
        ["status", "Evil", "--json"],
        ["list", "--json"],
        ["pending", "--json"],
        ["timeline", "Evil", "--json"],
        ["parties", "--json"],
        ["sources", "Evil", "--json"],
        ["export", "--format", "json"],
        ["check", "--format", "json"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_every_json_output_escapes_controls_as_status_json_does(
    tmp_path: Path, args: list[str]
) -> None:
    """One JSON writer: a right-to-left override, an escape or a zero-width space in the data
    reaches no JSON output raw (`export --format json` once wrote them raw)."""
    path = tmp_path / "hostile.yaml"
    header = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    name = _CONTROLS.encode("unicode_escape").decode("ascii")
    path.write_text(
        header
        + "states:\n"
        + f'  - name: "{name}"\n    iso2: "XE"\n    iso3: "XEV"\n    aliases: ["Evil"]\n'
        + "    events:\n"
        + "      - {kind: accession, date: 2000-01-10, source: fixture}\n"
        + "      - {kind: withdrawal, date: 2026-11-20, source: fixture}\n",
        encoding="utf-8",
    )
    extra = [str(path)] if args[0] == "check" else ["--data", str(path)]
    result = CliRunner().invoke(app, [*args, *extra], env={"OTTAWA_TODAY": "2026-12-04"})
    assert result.exit_code in (0, 1), result.output
    for raw in ("\u202e", "\x1b", "\u200b"):
        assert raw not in result.stdout
    assert "\\u202e" in result.stdout
    json.loads(result.stdout)
