"""The library under the commands: queries in, typed results out, errors with their exit code,
and no treaty's words in code that its data can say."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from ottawa_cli import errors
from ottawa_cli.api.calc import JoinQuery, WithdrawQuery, join, withdraw
from ottawa_cli.api.history import PartiesQuery, TimelineQuery, parties, timeline
from ottawa_cli.api.states import SORTS, ListQuery, PendingQuery, list_states, pending
from ottawa_cli.api.status import StatusQuery, status
from ottawa_cli.cli import app as cli
from ottawa_cli.law.clauses import BeforeTheTreaty, OutOfCalendar
from ottawa_cli.law.evidence import Evidence
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.position import STATUSES
from ottawa_cli.output import exports, report, views
from ottawa_cli.output.contract import SHAPES
from ottawa_cli.store.load import InvalidData
from ottawa_cli.store.lookup import AmbiguousState, UnknownState
from tests.support import DATA, FIXTURES, ROOT, run

D = dt.date
OTHER = FIXTURES / "other_treaty.yaml"


def test_status_answers_from_a_loaded_dataset_without_a_file(real: Dataset) -> None:
    result = status(real, StatusQuery(state="Estonia", as_of=D(2025, 12, 27)))
    assert result.position.status == "withdrawn"
    assert result.position.outcome is not None
    assert result.position.outcome.received == D(2025, 6, 27)
    assert result.position.since == D(2025, 12, 27)


def test_status_answers_from_a_path_the_same(real: Dataset, tmp_path: Path) -> None:
    from_file = status(None, StatusQuery(state="FIN", as_of=D(2026, 1, 10)))
    from_memory = status(real, StatusQuery(state="FIN", as_of=D(2026, 1, 10)))
    assert from_file.position == from_memory.position
    assert from_file.deadlines == from_memory.deadlines


def test_list_filters_sorts_and_counts_parties_whatever_it_shows(real: Dataset) -> None:
    result = list_states(
        real, ListQuery(as_of=D(2026, 2, 3), statuses=frozenset({"withdrawn"}), sort="date")
    )
    assert [p.state.name for p in result.positions] == ["Estonia", "Latvia", "Lithuania", "Finland"]
    assert result.parties == 162


def test_pending_lists_the_2025_withdrawals_soonest_first(real: Dataset) -> None:
    result = pending(real, PendingQuery(as_of=D(2025, 9, 1)))
    assert [p.state.name for p in result.positions] == [
        "Estonia",
        "Latvia",
        "Lithuania",
        "Finland",
        "Poland",
    ]


def test_timeline_names_each_state_once_however_often_it_is_asked_for(real: Dataset) -> None:
    once = timeline(real, TimelineQuery(states=("Finland",), today=D(2026, 11, 23)))
    thrice = timeline(real, TimelineQuery(states=("Finland", "Finland", "FI"), today=once.today))
    assert thrice.states == ("Finland",)
    assert thrice.entries == once.entries


@pytest.mark.parametrize("evidence", ["depositary", "reported"])
def test_timeline_of_named_states_reads_their_records_alone_with_the_same_entries(
    real: Dataset, evidence: Evidence, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ottawa_cli.store import cache

    query = TimelineQuery(
        states=("Finland", "EE", "Finland"), today=D(2026, 11, 23), evidence=evidence
    )
    whole = timeline(real, query)

    def every_state(path: object) -> None:
        raise AssertionError("every State was read for two")

    monkeypatch.setattr(cache, "load_dataset", every_state)
    from_file = timeline(DATA, query)
    assert from_file.states == whole.states == ("Finland", "Estonia")
    assert from_file.entries == whole.entries


def test_a_window_that_ends_before_it_starts_is_a_usage_error(real: Dataset) -> None:
    # The library names the query's fields; the command line its options (`cli.exits.message`).
    with pytest.raises(errors.UsageError, match="start 2026-01-01 is after end 2025-01-01"):
        parties(real, PartiesQuery(start=D(2026, 1, 1), end=D(2025, 1, 1)))
    code, _, err = run("parties", "--from", "2026-01-01", "--to", "2025-01-01")
    assert code == 2
    assert "Error: --from 2026-01-01 is after --to 2025-01-01" in err


def test_no_message_of_the_library_names_a_command_line_option() -> None:
    """Below the front ends a message names a query's part (`errors.Named`), never `--since`."""
    import ast

    library = ROOT / "src" / "ottawa_cli"
    option = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
    found = []
    for path in sorted(library.rglob("*.py")):
        if path.relative_to(library).parts[0] in ("cli", "output"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and option.search(node.value)
            ):
                found.append(f"{path.relative_to(library)}:{node.lineno}: {node.value[:60]!r}")
    assert found == []


def test_the_first_fall_is_the_treatys_history_not_the_windows(real: Dataset) -> None:
    result = parties(real, PartiesQuery(start=D(2026, 1, 1), today=D(2026, 11, 23)))
    assert result.first_fall is not None
    assert result.first_fall.date == D(2025, 12, 27)
    assert result.at_start == 163
    code, out, _ = run("parties", "--from", "2026-01-01")
    assert code == 0
    assert "The first fall in the treaty's history: 27 Dec 2025, -3" in out


def test_calc_withdraw_refuses_a_conflict_that_ended_before_receipt(real: Dataset) -> None:
    with pytest.raises(errors.UsageError, match="before the withdrawal is received"):
        withdraw(real, WithdrawQuery(received=D(2026, 3, 1), armed_conflict_until=D(2026, 1, 1)))


def test_calc_join_lists_deadlines_in_the_order_they_fall_due(real: Dataset) -> None:
    result = join(real, JoinQuery(deposited=D(2026, 11, 23)))
    firsts = [d.first_due for d in result.deadlines]
    assert firsts == sorted(d for d in firsts if d is not None)
    annual = next(d for d in result.deadlines if d.duty.annually_on)
    assert (annual.due, annual.first_due) == (None, D(2028, 4, 30))


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (UnknownState("Atlantis", []), 2),
        (AmbiguousState("Congo", ["Congo", "Democratic Republic of the Congo"]), 2),
        (OutOfCalendar("past 9999"), 2),
        (BeforeTheTreaty("before 1997"), 2),
        (InvalidData([]), 1),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_every_library_error_carries_its_exit_code(error: errors.OttawaError, code: int) -> None:
    assert isinstance(error, errors.OttawaError)
    assert error.exit_code == code


def test_the_command_line_choices_are_the_librarys() -> None:
    assert tuple(c.value for c in cli.StatusChoice) == STATUSES
    assert tuple(c.value for c in cli.SortChoice) == SORTS
    assert tuple(c.value for c in cli.ExportFormat) == tuple(exports.FORMATS)
    assert tuple(c.value for c in cli.CheckFormat) == tuple(report.FORMATS)
    # Every result with a JSON shape has a document too, but the export (a file, not a page).
    assert set(views.DOCUMENTS) == set(SHAPES) - {"export"}


# A treaty that is not the Mine Ban Convention ------------------------------------------------

# The Mine Ban Convention's own words: none may reach another treaty's output.
_FOREIGN = ("six months", "Six months", "Art. 17", "Art. 20", "Mine Ban", "anti-personnel")
_FOREIGN += ("Convention", "XXVI-5", "UNTC", "40th", "30 Apr", "Secretary-General")


_COMMANDS = [
    ["status", "Atlantis", "--as-of", "2024-12-01"],
    ["status", "Atlantis", "--as-of", "2025-09-01", "--json"],
    ["status", "Lemuria", "--as-of", "2026-06-01"],
    ["sources", "Atlantis"],
    ["list", "--as-of", "2025-01-01"],
    ["list", "--as-of", "2025-01-01", "--json"],
    ["pending", "--as-of", "2025-01-01"],
    ["timeline"],
    ["timeline", "Atlantis", "--json"],
    ["parties"],
    ["calc", "withdraw", "--received", "2026-08-31"],
    ["calc", "withdraw", "--received", "2026-08-31", "--json"],
    ["calc", "join", "--deposited", "2026-11-23"],
    ["calc", "join", "--deposited", "2026-11-23", "--json"],
    ["export", "--format", "csv", "--as-of", "2024-01-01"],
    ["export", "--format", "ics", "--as-of", "2024-01-01"],
    ["export", "--format", "json", "--as-of", "2024-01-01"],
]


@pytest.mark.parametrize("args", _COMMANDS, ids=" ".join)
def test_no_command_speaks_of_the_mine_ban_convention_for_another_treaty(args: list[str]) -> None:
    code, out, err = run(*args, "--data", str(OTHER))
    assert code == 0, err
    assert [word for word in _FOREIGN if word in out + err] == []


def test_another_treatys_rules_come_from_its_data() -> None:
    _, out, _ = run("calc", "withdraw", "--received", "2026-08-31", "--data", str(OTHER))
    assert "One year expires:  31 Aug 2027" in out
    assert "(Art. 14)" in out
    _, out, _ = run("calc", "join", "--deposited", "2026-11-23", "--data", str(OTHER))
    assert "first day of the 3rd month after → 1 Feb 2027 (Art. 9(3))" in out
    assert "each year by 15 Jun, first 15 Jun 2027" in out
    _, out, _ = run("timeline", "--data", str(OTHER))
    assert "22nd instrument deposited" in out
    assert "the Agreement enters into force" in out
    _, out, _ = run("export", "--format", "csv", "--data", str(OTHER))
    assert out.splitlines()[0].endswith(
        ",lamp_survey_due,keeper_return_due,as_of,treaty,treaty_title"
    )


def test_an_armed_conflict_for_a_treaty_without_the_clause_is_refused_naming_its_article() -> None:
    code, _, err = run(
        "calc",
        "withdraw",
        "--received",
        "2026-08-31",
        "--armed-conflict-until",
        "ongoing",
        "--data",
        str(OTHER),
    )
    assert code == 2
    assert "Lighthouse Agreement has no armed-conflict clause" in err
    assert "(Art. 14)" in err


def test_ics_uids_differ_between_treaties(real: Dataset) -> None:
    from ottawa_cli.api.export import ExportQuery, export

    day = D(2025, 9, 1)
    renamed = dataclasses.replace(real, treaty=dataclasses.replace(real.treaty, id="other"))
    first = exports.as_ics(export(real, ExportQuery(as_of=day)))
    second = exports.as_ics(export(renamed, ExportQuery(as_of=day)))

    def uids(text: str) -> set[str]:
        return {line for line in text.splitlines() if line.startswith("UID:")}

    assert uids(first) and not uids(first) & uids(second)


def test_status_json_names_its_treaty() -> None:
    _, out, _ = run("status", "Finland", "--json")
    assert json.loads(out)["treaty"] == "apmbc"
    _, out, _ = run("status", "Atlantis", "--json", "--data", str(OTHER))
    assert json.loads(out)["treaty"] == "fictional-agreement"
