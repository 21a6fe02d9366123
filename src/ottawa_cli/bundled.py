"""The data files that ship inside the package."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def data_path(data: Path | None) -> Path:
    """The file to read: the one given, or the one packaged with the tool."""
    return data if data is not None else DATA_DIR / "states.yaml"
