"""The caches built with the package (`store.shipped`): the first run after an install reads
them instead of validating the YAML, and they answer exactly as the files do."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ottawa_cli.store import cache, shipped
from ottawa_cli.store.bundled import treaty_ids, treaty_path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shipped")
    names = shipped.build(str(folder))
    assert len(names) == len(treaty_ids())
    return folder


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(folder))
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    return folder


def _no_validation(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    validated: list[str] = []
    real = cache.validated

    def counted(path: object, data: bytes, registry: object) -> object:
        validated.append(str(path))
        return real(path, data, registry)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "validated", counted)
    return validated


def test_the_first_run_reads_the_shipped_caches_and_answers_as_the_files_do(
    built: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTAWA_NO_CACHE", "1")
    expected = {t: cache.load_dataset(treaty_path(t)) for t in treaty_ids()}
    finland = cache.load_state(treaty_path("apmbc"), "Finland")
    monkeypatch.delenv("OTTAWA_NO_CACHE")

    monkeypatch.setattr(cache, "SHIPPED", str(built))
    validated = _no_validation(monkeypatch)
    for treaty, dataset in expected.items():
        assert cache.load_dataset(treaty_path(treaty)) == dataset, treaty
    assert cache.load_state(treaty_path("apmbc"), "Finland") == finland
    assert validated == []
    assert not empty_cache.exists() or not list(empty_cache.iterdir())  # nothing written


def test_without_the_shipped_caches_the_first_run_validates(
    empty_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cache, "SHIPPED", str(tmp_path / "none"))
    validated = _no_validation(monkeypatch)
    cache.load_state(treaty_path("apmbc"), "Finland")
    assert validated == [treaty_path("apmbc")]


def test_a_changed_file_finds_no_shipped_cache_of_its_name(
    built: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A copy of the bundled layout with one byte more in the treaty's file.
    data = tmp_path / "data"
    (data / "treaties").mkdir(parents=True)
    shutil.copy(Path(treaty_path("apmbc")).parent.parent / "states.yaml", data / "states.yaml")
    changed = data / "treaties" / "apmbc.yaml"
    changed.write_bytes(Path(treaty_path("apmbc")).read_bytes() + b"\n")
    monkeypatch.setattr(cache, "SHIPPED", str(built))
    validated = _no_validation(monkeypatch)
    cache.load_state(str(changed), "Finland")
    assert validated == [str(changed)]


def test_a_shipped_name_that_is_not_a_regular_file_is_never_opened(
    built: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    for name in os.listdir(built):
        if hasattr(os, "mkfifo"):
            os.mkfifo(folder / name)  # a FIFO would hang a reader
        else:
            (folder / name).mkdir()
    monkeypatch.setattr(cache, "SHIPPED", str(folder))
    validated = _no_validation(monkeypatch)
    cache.load_state(treaty_path("apmbc"), "Finland")
    assert validated == [treaty_path("apmbc")]
