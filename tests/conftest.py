from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from ottawa_cli.law.model import Dataset, Treaty
from ottawa_cli.store.load import load

from .support import DATA, FIXTURES, TREATIES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--cache-mode",
        choices=("cold", "warm", "off"),
        default="cold",
        help="cold: an empty cache per test; warm: one cache shared by every test; off: "
        "OTTAWA_NO_CACHE=1. Every test must pass in each mode.",
    )
    parser.addoption(
        "--pure-yaml",
        action="store_true",
        help="Read YAML with PyYAML's pure-Python parser, as an install without libyaml does.",
    )


@pytest.fixture(autouse=True)
def _yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.config.getoption("--pure-yaml"):
        import yaml

        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture(autouse=True)
def _cache_mode(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    _shared_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mode = request.config.getoption("--cache-mode")
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    if mode == "off":
        monkeypatch.setenv("OTTAWA_NO_CACHE", "1")
    cache = _shared_cache if mode == "warm" else tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(cache))
    # No test reads the overlay of the user running it (`ottawa update`).
    monkeypatch.setenv("OTTAWA_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
    monkeypatch.delenv("OTTAWA_NO_UPDATES", raising=False)


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


@pytest.fixture(scope="session", params=sorted(TREATIES))
def bundled(request: pytest.FixtureRequest) -> Dataset:
    """Each bundled treaty's dataset in turn (joined with the State registry)."""
    result = load(TREATIES[request.param])
    assert [f for f in result.findings if f.severity == "error"] == []
    assert result.dataset is not None
    return result.dataset
