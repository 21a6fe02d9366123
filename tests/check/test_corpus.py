"""`ottawa check` against a corpus of broken and hostile data files.

Each file in tests/corpus/check/ opens with `# expect: CODE@LINE ...` (or `# expect: clean`): every
finding `ottawa check` must report, sorted by line then code, warnings included. Byte-level cases
that cannot carry that comment (a BOM, CRLF, NUL, invalid UTF-8, an empty file) are in `SPECIAL`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from ottawa_cli.codes import CODES
from ottawa_cli.findings import Finding
from ottawa_cli.output import report
from ottawa_cli.store import data_bytes
from tests.support import FIXTURES, TESTS

CORPUS = TESTS / "corpus" / "check"
WARNINGS = {c.code for c in CODES.values() if c.severity == "warning"}
EXPECT = re.compile(r"# expect: (clean|OTT\d{3}@\d+( OTT\d{3}@\d+)*)")

runner = CliRunner()

# The minimal header (27 lines, `states:` on line 28) and one State: France on line 29.
HEAD = (FIXTURES / "minimal.yaml").read_bytes()
VALID = HEAD + (
    b"states:\n"
    b"  - name: France\n"
    b"    iso2: FR\n"
    b"    iso3: FRA\n"
    b"    events:\n"
    b"      - {kind: accession, date: 2010-03-15, source: fixture}\n"
)
# A withdrawal in the future not marked announced: OTT121 on line 34.
FUTURE = VALID + b"      - {kind: withdrawal, date: 2090-06-01, source: fixture}\n"

SPECIAL: dict[str, tuple[bytes, list[str]]] = {
    "bom.yaml": (b"\xef\xbb\xbf" + VALID, []),
    "bom_with_error.yaml": (b"\xef\xbb\xbf" + FUTURE, ["OTT121@34"]),
    "crlf.yaml": (VALID.replace(b"\n", b"\r\n"), []),
    "crlf_with_error.yaml": (FUTURE.replace(b"\n", b"\r\n"), ["OTT121@34"]),
    "cr_only_with_error.yaml": (FUTURE.replace(b"\n", b"\r"), ["OTT121@34"]),
    "nul_byte.yaml": (VALID.replace(b"name: France", b"name: Fran\x00ce"), ["OTT003@29"]),
    "raw_escape_byte.yaml": (
        VALID.replace(b"name: France", b"name: \x1b[31mFrance"),
        ["OTT003@29"],
    ),
    "invalid_utf8.yaml": (VALID.replace(b"name: France", b"name: Fran\xffce"), ["OTT002@29"]),
    "utf16.yaml": (VALID.decode().encode("utf-16"), ["OTT002@1"]),
    "empty.yaml": (b"", ["OTT001@1"]),
    "blank_lines_only.yaml": (b"\n  \n\n", ["OTT001@1"]),
}

# Cases where the tool is wrong today: the expectation stays correct; the engineer fixes the code.


def _expectation(path: Path) -> list[str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = EXPECT.fullmatch(first)
    assert match, f"{path.name}: first line must be '# expect: ...', not {first!r}"
    return [] if match.group(1) == "clean" else match.group(1).split()


def _param(name: str, *values: Any) -> Any:
    return pytest.param(*values, id=name)


CORPUS_FILES = sorted(CORPUS.glob("*.yaml"))


# The day every corpus verdict is judged on: a date in the future, data verified long ago.
TODAY = "2026-11-23"


def _check(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args], env={"OTTAWA_TODAY": TODAY})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def _key(item: str) -> tuple[int, str]:
    code, line = item.split("@")
    return (int(line), code)


def _assert_reports_exactly(path: Path, expected: list[str]) -> None:
    code, out, err = _check(str(path), "--format", "json")
    assert "Traceback" not in out + err
    findings = json.loads(out)["findings"]
    got = sorted((f"{f['code']}@{f['line']}" for f in findings), key=_key)
    assert got == expected
    line_count = max(1, len(path.read_bytes().splitlines()))
    for finding in findings:
        assert finding["code"] in CODES
        assert finding["severity"] == ("warning" if finding["code"] in WARNINGS else "error")
        assert 1 <= finding["line"] <= line_count, f"line {finding['line']} is not in the file"
    assert code == (1 if any(e.split("@")[0] not in WARNINGS for e in expected) else 0)

    code_text, text, err_text = _check(str(path), "--format", "text")
    assert "Traceback" not in text + err_text
    assert code_text == code
    for f in findings:
        where = f"{path}:{f['line']}" + (f":{f['column']}" if f["column"] is not None else "")
        assert f"{where}: {f['code']} " in text


def test_corpus_expectations_are_well_formed() -> None:
    for path in CORPUS_FILES:
        expected = _expectation(path)
        unknown = [e for e in expected if e.split("@")[0] not in CODES]
        assert unknown == [], f"{path.name}: codes not in the registry"
        assert expected == sorted(expected, key=_key), f"{path.name}: sort by line, then code"
        second = path.read_text(encoding="utf-8").splitlines()[1]
        assert second.startswith("# ") and len(second) > 10, f"{path.name}: say what it tests"


# Codes a single file of the corpus cannot raise, and the test that raises each instead.
ELSEWHERE = {"OTT015": "test_a_treaty_file_read_with_a_file_that_is_no_registry_says_so"}


def test_every_finding_code_is_exercised_by_the_corpus() -> None:
    expected = {e.split("@")[0] for path in CORPUS_FILES for e in _expectation(path)}
    expected |= {e.split("@")[0] for _, found in SPECIAL.values() for e in found}
    # The OTT3xx codes are the page comparison's: tests/untc/test_untc.py raises each.
    checked = {c for c in CODES if not c.startswith("OTT3")}
    assert sorted(checked - expected - set(ELSEWHERE)) == []
    assert all(name in globals() for name in ELSEWHERE.values())


def test_a_treaty_file_read_with_a_file_that_is_no_registry_says_so(tmp_path: Path) -> None:
    (tmp_path / "treaties").mkdir()
    treaty = tmp_path / "treaties" / "x.yaml"
    treaty.write_bytes((CORPUS / "treaty_file_clean.yaml").read_bytes())
    (tmp_path / "states.yaml").write_bytes(VALID)  # a self-contained file, not a registry
    code, out, _ = _check(str(treaty), "--format", "json")
    assert code == 1
    (finding,) = json.loads(out)["findings"]
    assert finding["code"] == "OTT015"
    assert finding["file"] == str(tmp_path / "states.yaml")


@pytest.mark.parametrize("path", [_param(p.name, p) for p in CORPUS_FILES])
def test_check_reports_each_corpus_problem_with_its_code_and_line(path: Path) -> None:
    _assert_reports_exactly(path, _expectation(path))


@pytest.mark.parametrize(
    ("name", "data", "expected"), [_param(n, n, d, e) for n, (d, e) in SPECIAL.items()]
)
def test_check_reports_byte_level_problems_with_their_code_and_line(
    tmp_path: Path, name: str, data: bytes, expected: list[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _assert_reports_exactly(path, expected)


def test_a_bare_no_code_is_explained_as_yaml_reading_it_as_false() -> None:
    _, out, _ = _check(str(CORPUS / "iso2_bare_NO.yaml"), "--format", "json")
    (finding,) = json.loads(out)["findings"]
    assert "false" in finding["message"].lower()
    assert "quote" in finding["message"].lower()


def test_a_file_over_the_size_limit_is_refused_with_exit_2_naming_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(VALID)
    monkeypatch.setattr(data_bytes, "MAX_FILE_BYTES", 100)
    code, out, err = _check(str(path), "--format", "json")
    assert code == 2
    assert "limit of 100 bytes" in err
    assert "Traceback" not in out + err


def test_github_format_annotates_lines_with_paths_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    inside = tmp_path / "data" / "states.yaml"
    inside.write_bytes((CORPUS / "order_two_withdrawals.yaml").read_bytes())
    outside = CORPUS / "succession_without_bound_from.yaml"  # not under the working directory
    code, out, _ = _check(str(inside), str(outside), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert re.fullmatch(
        r"::error file=data/states\.yaml,line=36,col=\d+,title=OTT130::.+", lines[0]
    ), lines[0]
    assert re.fullmatch(
        rf"::warning file={re.escape(str(outside))},line=34,col=\d+,title=OTT132::.+", lines[1]
    ), lines[1]
    assert lines[2] == "2 files checked: 1 error, 1 warning"


def test_strict_turns_a_warnings_only_file_into_exit_1() -> None:
    path = CORPUS / "source_never_cited.yaml"
    assert _check(str(path))[0] == 0
    code, out, _ = _check(str(path), "--strict")
    assert code == 1
    assert "OTT111 warning" in out


def test_several_files_at_once_report_findings_from_each() -> None:
    names = ["order_two_withdrawals.yaml", "succession_without_bound_from.yaml", "valid.yaml"]
    paths = [str(CORPUS / n) for n in names]
    code, out, _ = _check(*paths, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["files"] == paths
    got = [(Path(f["file"]).name, f"{f['code']}@{f['line']}") for f in report["findings"]]
    assert got == [(names[0], "OTT130@36"), (names[1], "OTT132@34")]
    assert report["summary"] == {"errors": 1, "warnings": 1}


def test_an_unreadable_file_among_several_gives_exit_2_and_still_reports_the_others(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "missing.yaml"
    code, out, err = _check(str(missing), str(CORPUS / "order_two_withdrawals.yaml"))
    assert code == 2
    assert f"{missing}: cannot read the data file" in err
    assert "OTT130 error" in out


def test_a_tag_character_in_json_is_escaped_as_two_halves_and_reads_back_as_itself() -> None:
    # U+E0041 (TAG LATIN CAPITAL LETTER A) is invisible: escaped, as JSON writes a character
    # beyond U+FFFF, in two UTF-16 halves ("\\ue0041" would read back as U+E004 and "1").
    finding = Finding("OTT140", "error", "a \U000e0041 hidden", "f.yaml")
    document = report.as_json([finding], ["f.yaml"])
    assert "\\udb40\\udc41" in document and "\U000e0041" not in document
    assert json.loads(document)["findings"] == [finding._asdict()]


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.text(), min_size=4, max_size=4),
    line=st.none() | st.integers(1, 10**9),
    column=st.none() | st.integers(1, 10**6),
    field=st.none() | st.text(),
)
def test_json_findings_round_trip_for_any_text(
    texts: list[str], line: int | None, column: int | None, field: str | None
) -> None:
    code, severity, message, file = texts
    finding = Finding(code, severity, message, file, line, column, field)  # type: ignore[arg-type]
    document = report.as_json([finding], [file])
    assert json.loads(document)["findings"] == [finding._asdict()]
