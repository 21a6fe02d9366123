"""The cache answers exactly what validation answers, and only while the file is unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottawa_cli import __version__
from ottawa_cli.law.model import FORMAT_VERSION, Dataset, State
from ottawa_cli.store import cache as store
from ottawa_cli.store import load as loader
from ottawa_cli.store.lookup import UnknownState
from ottawa_cli.store.plain import CacheDamaged, from_plain, to_plain
from tests.support import DATA, REGISTRY


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _count_validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real_validated = loader.validated

    def counting(path: Path, data: bytes, registry: tuple[str, bytes] | None) -> object:
        calls.append(path)
        return real_validated(path, data, registry)

    monkeypatch.setattr(store, "validated", counting)
    return calls


def test_second_load_reads_the_cache_not_the_yaml(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_validations(monkeypatch)
    first = store.load_dataset(DATA)
    second = store.load_dataset(DATA)
    _, finland = store.load_state(DATA, "Finland")
    assert len(calls) == 1
    assert to_plain(first) == to_plain(second)
    assert finland == next(s for s in first.states if s.name == "Finland")
    assert len(list(cache_dir.glob("*.sqlite"))) == 1


def test_cache_is_invalidated_when_the_registry_changes_by_one_byte(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "treaties").mkdir()
    treaty = tmp_path / "treaties" / "apmbc.yaml"
    treaty.write_bytes(DATA.read_bytes())
    registry = tmp_path / "states.yaml"
    text = REGISTRY.read_text(encoding="utf-8")
    registry.write_text(text, encoding="utf-8")
    calls = _count_validations(monkeypatch)
    assert store.load_state(treaty, "Holland")[1].iso3 == "NLD"
    registry.write_text(text.replace('"Holland"', '"Hollandia"', 1), encoding="utf-8")
    assert store.load_state(treaty, "Hollandia")[1].iso3 == "NLD"
    assert len(calls) == 2


def test_cache_is_invalidated_when_the_data_file_changes_by_one_byte(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy = tmp_path / "states.yaml"
    text = DATA.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    calls = _count_validations(monkeypatch)
    store.load_dataset(copy)
    copy.write_text(text.replace("date: 2012-01-09", "date: 2012-01-08", 1), encoding="utf-8")
    _, finland = store.load_state(copy, "Finland")
    assert len(calls) == 2
    assert finland.events[0].date.isoformat() == "2012-01-08"


@pytest.mark.parametrize("padding", [0, 2 << 20], ids=["usual size", "over a mebibyte"])
def test_the_cache_is_named_by_the_sha256_of_the_file_format_and_version(
    cache_dir: Path, padding: int
) -> None:
    data = DATA.read_bytes() + b"#" * padding
    suffix = f"\0format={FORMAT_VERSION}\0version={__version__}\0layout={store._LAYOUT}".encode()
    path = store._cache_path(data)
    assert path == str(cache_dir / f"{hashlib.sha256(data + suffix).hexdigest()}.sqlite")


def test_a_damaged_cache_is_ignored_and_validated_again(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.load_dataset(DATA)
    (cached,) = cache_dir.glob("*.sqlite")
    cached.write_bytes(b"not a database")
    calls = _count_validations(monkeypatch)
    _, finland = store.load_state(DATA, "FI")
    assert finland.name == "Finland"
    assert len(calls) == 1


def test_a_cache_directory_that_cannot_be_written_only_costs_speed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(blocker / "cache"))
    assert sum(1 for s in store.load_dataset(DATA).states if s.events) == 166


def test_no_cache_variable_writes_nothing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTTAWA_NO_CACHE", "1")
    store.load_dataset(DATA)
    store.load_state(DATA, "Poland")
    assert not cache_dir.exists()


def test_unknown_state_from_the_cache_still_suggests_the_closest_names(cache_dir: Path) -> None:
    store.load_dataset(DATA)
    with pytest.raises(UnknownState) as raised:
        store.load_state(DATA, "Finlnd")
    assert raised.value.suggestions == ["Finland"]


def test_header_from_the_cache_has_the_treaty_and_sources_but_no_states(
    cache_dir: Path, write_data: Callable[[str], Path]
) -> None:
    store.load_dataset(DATA)
    header, _ = store.load_state(DATA, "Estonia")
    assert header.states == ()
    assert header.treaty.withdrawal.article == "Art. 20(3)"
    assert "cn-360-2025" in header.sources
    assert json.dumps(to_plain(header))


def test_the_cache_rebuilds_the_dataset_exactly(real: Dataset) -> None:
    assert from_plain(Dataset, to_plain(real)) == real


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", 5),
        ("iso2", None),
        ("aliases", "Holland"),
        ("events", [{"kind": "coronation", "date": "2000-01-01", "source": "untc"}]),
        ("events", [{"kind": "accession", "date": "2000-02-30", "source": "untc"}]),
        ("events", [{"kind": "accession", "date": 20000101, "source": "untc"}]),
        ("events", [{"kind": "accession", "date": "2000-01-01", "source": "untc", "x": 1}]),
        ("events", [{"kind": "accession", "source": "untc"}]),
        ("events", [{"kind": "accession", "date": "2000-01-01", "source": "u", "announced": 1}]),
    ],
)
def test_a_damaged_cached_state_is_refused_not_believed(
    real: Dataset, field: str, value: object
) -> None:
    row = to_plain(real.states[0]) | {field: value}
    with pytest.raises(CacheDamaged):
        from_plain(State, row)


def test_a_field_type_the_cache_cannot_rebuild_is_a_bug_not_a_miss() -> None:
    @dataclasses.dataclass(frozen=True)
    class Odd:
        value: complex

    with pytest.raises(TypeError, match="no converter"):
        from_plain(Odd, {"value": 1})


# What the cache trusts ---------------------------------------------------------------------------


def _forge_finland(cached: Path) -> None:
    """Another user's edit of a well-formed cache: Finland back in the Convention."""
    import json
    import sqlite3

    db = sqlite3.connect(cached)
    ((state_id, row),) = db.execute(
        """SELECT id, json FROM states WHERE json LIKE '%"Finland"%'"""
    ).fetchall()
    value = json.loads(row)
    value["events"] = [e for e in value["events"] if e["kind"] != "withdrawal"]
    db.execute("UPDATE states SET json = ? WHERE id = ?", (json.dumps(value), state_id))
    db.commit()
    db.close()


def test_the_cache_is_private_to_its_user(cache_dir: Path) -> None:
    store.load_dataset(DATA)
    (cached,) = cache_dir.glob("*.sqlite")
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert cached.stat().st_mode & 0o777 == 0o600


def test_a_cache_others_could_write_is_not_believed(cache_dir: Path) -> None:
    store.load_dataset(DATA)
    (cached,) = cache_dir.glob("*.sqlite")
    _forge_finland(cached)
    cache_dir.chmod(0o777)
    _, finland = store.load_state(DATA, "Finland")
    assert any(e.kind == "withdrawal" for e in finland.events)


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_a_cache_owned_by_another_user_is_not_believed(cache_dir: Path) -> None:
    store.load_dataset(DATA)
    (cached,) = cache_dir.glob("*.sqlite")
    _forge_finland(cached)
    os.chown(cached, 65534, 65534)
    _, finland = store.load_state(DATA, "Finland")
    assert any(e.kind == "withdrawal" for e in finland.events)


def test_a_forged_row_that_breaks_an_invariant_is_a_miss(cache_dir: Path) -> None:
    import json
    import sqlite3

    store.load_dataset(DATA)
    (cached,) = cache_dir.glob("*.sqlite")
    db = sqlite3.connect(cached)
    (header,) = db.execute("SELECT value FROM meta WHERE key = 'header'").fetchone()
    value = json.loads(header)
    value["treaty"]["withdrawal"]["period"]["months"] = -6
    db.execute("UPDATE meta SET value = ? WHERE key = 'header'", (json.dumps(value),))
    db.commit()
    db.close()
    dataset, _ = store.load_state(DATA, "Finland")
    assert dataset.treaty.withdrawal.period.months == 6


def test_a_fifo_at_the_cache_path_is_a_miss_not_a_hang(cache_dir: Path) -> None:
    store.load_dataset(DATA)
    (cached,) = cache_dir.glob("*.sqlite")
    cached.unlink()
    os.mkfifo(cached)
    _, finland = store.load_state(DATA, "Finland")  # would block forever if opened
    assert finland.name == "Finland"


def test_a_relative_xdg_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OTTAWA_CACHE_DIR", raising=False)
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    store.load_dataset(DATA)
    assert not (tmp_path / "relative").exists()
    assert list((tmp_path / "home" / ".cache" / "ottawa").glob("*.sqlite"))
    monkeypatch.delenv("HOME")
    assert store.cache_dir() is None or not store.cache_dir().startswith("~")  # type: ignore[union-attr]


def test_temporaries_left_by_a_killed_run_are_swept(cache_dir: Path) -> None:
    import time

    cache_dir.mkdir(mode=0o700)
    left = cache_dir / f".{'0' * 64}.sqlite.123.tmp"
    left.write_bytes(b"half a database")
    old = time.time() - 2 * 3600
    os.utime(left, (old, old))
    store.load_dataset(DATA)
    assert not left.exists()


def test_the_cache_removes_only_the_names_it_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    # Issue 22: `OTTAWA_CACHE_DIR=.` in a folder of the user's own files.
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    monkeypatch.chdir(mine)
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    monkeypatch.setenv("OTTAWA_CACHE_DIR", ".")
    theirs = [mine / "app.sqlite", mine / ".notes.txt.tmp", mine / f"{'a' * 64}.sqlite.bak"]
    ours = [mine / f"{'b' * 64}.sqlite", mine / f".{'c' * 64}.sqlite.42.tmp"]
    old = time.time() - 40 * 24 * 3600
    for path in theirs + ours:
        path.write_bytes(b"kept")
        os.utime(path, (old, old))
    store.load_dataset(DATA)
    assert all(p.exists() for p in theirs)
    assert not any(p.exists() for p in ours)


def test_nothing_is_written_into_a_folder_others_may_write_to(cache_dir: Path) -> None:
    cache_dir.mkdir()
    os.chmod(cache_dir, 0o777)  # a folder group and others may write: its files are not believed
    store.load_dataset(DATA)
    assert list(cache_dir.iterdir()) == []


@settings(max_examples=300, deadline=None)
@given(
    text=st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
    | st.text(alphabet="0123456789-:T ", min_size=8, max_size=12)
)
def test_a_plain_date_is_read_as_yaml_resolves_it(text: str) -> None:
    # The reader's short cut for YYYY-MM-DD gives what the resolver and `parse_date` give: the
    # date YAML makes of the text, a finding for a day not on the calendar, any other text as is.
    import yaml

    parsed = loader.parse(f"d: {text}\n".encode(), "f.yaml")
    try:
        expected = yaml.safe_load(f"d: {text}\n")["d"]
    except (ValueError, yaml.YAMLError):
        assert parsed.findings, text  # not a day on the calendar: said, never read as one
        return
    if isinstance(expected, dt.date) and not isinstance(expected, dt.datetime):
        assert parsed.value["d"] == expected and not list(parsed.findings)
    elif isinstance(parsed.value["d"], dt.date):
        pytest.fail(f"{text!r} read as a date, YAML reads {expected!r}")
