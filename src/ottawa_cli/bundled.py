"""The data files that ship inside the package.

Paths here are strings (`os.path`): `ottawa status` reads them before anything imports pathlib,
which costs it ~3 ms of start-up (urllib.parse and ipaddress come with it).
"""

from __future__ import annotations

import os

StrPath = str | os.PathLike[str]

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def data_path(data: StrPath | None) -> str:
    """The file to read: the one given, or the one packaged with the tool."""
    return os.fspath(data) if data is not None else os.path.join(DATA_DIR, "states.yaml")
