"""`ottawa changes`: what happened under the treaties, by the day it happened or was recorded,
as text, JSON and an Atom feed (RFC 4287)."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from ottawa_cli.api import load
from ottawa_cli.api.changes import ChangesQuery, changes, changes_everywhere, recorded_on
from ottawa_cli.cli.app import app
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.timeline import timeline
from ottawa_cli.output.changes import as_atom
from tests.support import TREATIES, state_named

runner = CliRunner()
A = "{http://www.w3.org/2005/Atom}"
D = dt.date
TODAY = D(2026, 12, 4)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _kinds(result: object, state: str) -> list[tuple[dt.date, str]]:
    return [(c.date, c.entry.kind) for c in result.changes if c.state.name == state]  # type: ignore[attr-defined]


def test_withdrawals_taking_effect_are_the_rules_effects_with_the_notices_source() -> None:
    query = ChangesQuery(since=D(2026, 1, 1), until=D(2026, 2, 28), today=TODAY)
    result = changes(TREATIES["apmbc"], query)
    got = [(c.date, c.state.name, c.entry.kind) for c in result.changes]
    assert got == [
        (D(2026, 1, 10), "Finland", "withdrawal-takes-effect"),
        (D(2026, 2, 20), "Poland", "withdrawal-takes-effect"),
    ]
    finland = result.changes[0]
    assert finland.entry.computed and finland.entry.article == "Art. 20(3)"
    assert finland.evidence == "depositary"
    assert finland.event.kind == "withdrawal" and finland.event.date == D(2025, 7, 10)
    assert finland.event.notification == "C.N.372.2025.TREATIES-XXVI-5"


def test_a_notice_says_when_it_takes_effect_and_a_consent_when_it_binds() -> None:
    result = changes(TREATIES["apmbc"], ChangesQuery(since=D(2025, 6, 1), until=D(2025, 7, 31)))
    effect = {(c.state.name, c.entry.kind): c.effect for c in result.changes}
    assert effect[("Estonia", "withdrawal-received")] == D(2025, 12, 27)
    assert effect[("Tonga", "consent")] == D(2025, 12, 1)


def test_a_revoked_notice_and_its_revocation_are_told_and_no_withdrawal_takes_effect() -> None:
    result = changes(TREATIES["icc"], ChangesQuery(since=D(2025, 1, 1), until=TODAY, today=TODAY))
    assert _kinds(result, "Hungary") == [
        (D(2025, 6, 2), "withdrawal-received"),
        (D(2026, 5, 29), "withdrawal-revoked"),
    ]


def test_an_instrument_withdrawn_before_it_bound_the_state_never_enters_into_force(
    bundled_icc: Dataset,
) -> None:
    # Malaysia acceded to the Rome Statute on 4 Mar 2019 and withdrew the instrument on
    # 29 Apr 2019, before 1 Jun 2019: it was never bound, and no notice of withdrawal was given.
    entries = timeline(bundled_icc.treaty, [state_named(bundled_icc, "Malaysia")], TODAY)
    kinds = [(e.date, e.kind) for e in entries]
    assert (D(2019, 4, 29), "consent-withdrawn") in kinds
    assert not any(k in ("entry-into-force", "withdrawal-received") for _, k in kinds)


@pytest.fixture(scope="module")
def bundled_icc() -> Dataset:
    return load(TREATIES["icc"])


def test_recorded_is_the_earliest_dated_source_on_or_after_the_event() -> None:
    dataset = load(TREATIES["apmbc"])
    finland = state_named(dataset, "Finland")
    notice = next(e for e in finland.events if e.kind == "withdrawal")
    dated = [
        s.date
        for k in (notice.source, *notice.see_also)
        if (s := dataset.sources[k]).date is not None and s.date >= notice.date
    ]
    assert recorded_on(notice, dataset) == (min(dated), "source")
    # Its sources undated: the day the data was verified against the depositary's record.
    undated = {k: dataclasses.replace(s, date=None) for k, s in dataset.sources.items()}
    bare = dataclasses.replace(dataset, sources=undated)
    assert recorded_on(notice, bare) == (dataset.verified.as_at, "verification")


def test_by_recorded_tells_an_effect_to_come_on_the_day_its_notice_was_recorded() -> None:
    query = ChangesQuery(since=D(2025, 7, 1), until=D(2025, 7, 31), by="recorded", today=TODAY)
    result = changes(TREATIES["apmbc"], query)
    finland = [c for c in result.changes if c.state.name == "Finland"]
    assert {c.entry.kind for c in finland} >= {"withdrawal-received", "withdrawal-takes-effect"}
    effect = next(c for c in finland if c.entry.kind == "withdrawal-takes-effect")
    assert effect.date == D(2026, 1, 10) and D(2025, 7, 1) <= effect.recorded <= D(2025, 7, 31)


def test_since_after_until_is_a_usage_error() -> None:
    result = runner.invoke(app, ["changes", "--since", "2026-02-01", "--until", "2026-01-01"])
    assert result.exit_code == 2
    assert "--since 2026-02-01 is after --until" in result.stderr


def test_every_treaty_is_asked_and_each_says_how_current_its_data_is() -> None:
    query = ChangesQuery(since=D(2026, 1, 1), until=D(2026, 2, 28), today=TODAY)
    result = changes_everywhere(query)
    assert {d.treaty.id for d in result.datasets} == set(TREATIES)
    assert {c.dataset.treaty.id for c in result.changes} >= {"apmbc", "ced", "paris", "who"}
    out = runner.invoke(
        app, ["changes", "--since", "2026-01-01", "--until", "2026-02-28", "--json"]
    )
    assert out.exit_code == 0, out.output
    shape = json.loads(out.stdout)
    assert shape["treaty"] == "all" and shape["stale"] is True
    assert {t["treaty"] for t in shape["treaties"]} == set(TREATIES)
    assert all(
        {"data_verified_as_at", "data_others_to", "stale"} <= t.keys() for t in shape["treaties"]
    )
    first = shape["changes"][0]
    assert {
        "id",
        "date",
        "recorded",
        "recorded_from",
        "treaty",
        "treaty_title",
        "state",
        "kind",
        "text",
        "evidence",
        "source",
        "notification",
        "takes_effect",
    } <= first.keys()
    assert {"title", "url", "key", "date"} == first["source"].keys()


def test_the_text_names_source_reference_and_data_currency_even_when_nothing_changed() -> None:
    args = ["changes", "--since", "2026-01-01", "--until", "2026-02-28", "--treaty", "apmbc"]
    out = runner.invoke(app, args)
    assert out.exit_code == 0, out.output
    assert "C.N.421.2025.TREATIES-XXVI-5" in out.stdout and "https://treaties.un.org/" in out.stdout
    assert "Data verified against UNTC as at 3 Feb 2026" in out.stdout
    empty = runner.invoke(
        app, ["changes", "--since", "2001-01-02", "--until", "2001-01-03", "--treaty", "apmbc"]
    )
    assert empty.exit_code == 0
    assert "Nothing recorded from 2 Jan 2001 to 3 Jan 2001" in empty.stdout
    assert "Data verified against UNTC" in empty.stdout


def _feed(text: str) -> ET.Element:
    assert text.startswith("<?xml")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{A}feed"
    return root


def test_the_atom_feed_has_what_rfc_4287_requires_with_unique_stable_tag_ids() -> None:
    query = ChangesQuery(since=D(1990, 1, 1), until=TODAY, today=TODAY)
    root = _feed(as_atom(changes_everywhere(query)))
    for tag in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{A}{tag}")) == 1, tag
    assert root.findtext(f"{A}author/{A}name")
    assert "Data verified against" in (root.findtext(f"{A}subtitle") or "")
    entries = root.findall(f"{A}entry")
    assert len(entries) > 1000
    ids = [e.findtext(f"{A}id") for e in entries]
    assert [i for i, n in collections.Counter(ids).items() if n > 1] == []
    for entry in entries:
        for tag in ("id", "title", "updated", "content"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag
        assert re.fullmatch(
            r"tag:ottawa-cli,2026:[a-z0-9-]+/[A-Z]{2,3}/[a-z-]+/\d{4}-\d{2}-\d{2}", ids[0] or ""
        )
        assert RFC3339.match(entry.findtext(f"{A}updated") or "")
    assert RFC3339.match(root.findtext(f"{A}updated") or "")
    poland = next(
        e
        for e in entries
        if e.findtext(f"{A}id")
        == ("tag:ottawa-cli,2026:apmbc/POL/withdrawal-takes-effect/2025-08-20")
    )
    assert poland.findtext(f"{A}updated") == "2026-02-20T00:00:00Z"
    assert "C.N.421.2025.TREATIES-XXVI-5" in (poland.findtext(f"{A}content") or "")


def test_the_feed_is_the_same_bytes_whatever_the_day_it_is_made() -> None:
    args = ["changes", "--since", "2025-01-01", "--until", "2026-06-30", "--format", "atom"]
    first = runner.invoke(app, [*args, "--today", "2026-07-01"])
    later = runner.invoke(app, [*args], env={"OTTAWA_TODAY": "2030-01-01"})
    assert first.exit_code == later.exit_code == 0, first.output
    assert first.stdout == later.stdout
    # Its `updated` is the latest of the data's dates (the entries', the verifications'), not
    # the day it was made.
    result = changes_everywhere(ChangesQuery(since=D(2025, 1, 1), until=D(2026, 6, 30)))
    days = [c.date for c in result.changes] + [
        d for s in result.datasets for d in (s.verified.as_at, s.verified.others_to) if d
    ]
    updated = _feed(first.stdout).findtext(f"{A}updated")
    assert updated == f"{max(days).isoformat()}T00:00:00Z"


def test_the_feed_escapes_what_the_data_holds(real: Dataset) -> None:
    finland = state_named(real, "Finland")
    hostile = dataclasses.replace(finland, name="<script>alert(1)</script> & \x1b[2J\u202e")
    states = tuple(hostile if s is finland else s for s in real.states)
    dataset = dataclasses.replace(real, states=states)
    query = ChangesQuery(since=D(2026, 1, 1), until=D(2026, 1, 31), today=TODAY)
    text = as_atom(changes(dataset, query))
    assert "<script>" not in text and "\x1b" not in text
    title = _feed(text).find(f"{A}entry/{A}title")
    assert title is not None and title.text is not None
    assert title.text.startswith("<script>alert(1)</script> & \\u001b[2J\\u202e, ")


def test_output_file_is_written_and_the_data_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    args = ["changes", "--since", "2026-01-01", "--until", "2026-02-28", "--treaty", "apmbc"]
    out = runner.invoke(app, [*args, "--format", "atom", "-o", str(target)])
    assert out.exit_code == 0, out.output
    _feed(target.read_text(encoding="utf-8"))
    data = tmp_path / "apmbc.yaml"
    data.write_bytes(TREATIES["apmbc"].read_bytes())
    before = data.read_bytes()
    out = runner.invoke(app, [*args[:-2], "--data", str(data), "--json", "-o", str(data)])
    assert out.exit_code == 2 and "being read" in out.stderr
    assert data.read_bytes() == before


def test_the_command_line_offers_the_library_s_choices() -> None:
    from ottawa_cli.api.changes import BYS
    from ottawa_cli.cli import app as cli

    assert tuple(c.value for c in cli.ChangesBy) == BYS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "nope"], "is not a date"),
        (["--since", "2026-01-01", "--until", "2026-13-01"], "is not a date"),
        (["--since", "2026-01-01", "--json", "--format", "atom"], "not both"),
        (["--since", "2026-01-01", "--treaty", "nope"], "no bundled treaty 'nope'"),
        (["--since", "2026-01-01", "--by", "when"], "'happened', 'recorded'"),
        (["--since", "2026-01-01", "--today", "2025-12-31"], "is after today (2025-12-31)"),
        (["--until", "2026-01-01"], "Missing option '--since'"),
        (["--since", "2026-01-01", "--data", "/nonexistent.yaml"], "cannot read"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_a_bad_question_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["changes", *args])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
