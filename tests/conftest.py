from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from ottawa_cli.loader import load
from ottawa_cli.models import Dataset, Treaty

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "states.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every test gets an empty cache: no test may depend on what another one cached.
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def real() -> Dataset:
    result = load(DATA)
    assert result.findings == []
    assert result.dataset is not None
    return result.dataset


@pytest.fixture(scope="session")
def treaty(real: Dataset) -> Treaty:
    return real.treaty


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[[str], Path]:
    """A data file from YAML text (the treaty header of tests/fixtures/minimal.yaml + states)."""

    def write(states_yaml: str, name: str = "states.yaml") -> Path:
        header = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
        path = tmp_path / name
        path.write_text(header + textwrap.dedent(states_yaml), encoding="utf-8")
        return path

    return write
