"""The bundled data's caches, built when the package is built (`setup.py`'s build step), so that
the first run after an install reads a validated cache as every later run does, instead of
validating the YAML (~0.2 s: libyaml, then pydantic) and writing the user's cache first.

Each is the cache `store.cache` would write for the bundled file, under the same name (the
digest of the file's bytes and the registry's, the format, the layout and the version), in
`ottawa_cli/caches/`: a file changed after the build, or a copy of the tool at another version,
finds no cache of its name there and is validated as before. Run by hand:

    python -m ottawa_cli.store.shipped FOLDER
"""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from typing import TYPE_CHECKING

from ottawa_cli.store.bundled import bundled_files, registry_for
from ottawa_cli.store.cache_folder import write_database
from ottawa_cli.store.data_bytes import is_treaty_file, read_bytes

if TYPE_CHECKING:
    from ottawa_cli.law.model import Dataset


def _fill(db: sqlite3.Connection, dataset: Dataset) -> None:
    from ottawa_cli.store.cache import fill

    fill(db, dataset)


def build(folder: str) -> list[str]:
    """A cache for each bundled treaty's file, written into `folder`; their names."""
    from ottawa_cli.store import cache

    names = []
    for path in bundled_files():
        data = read_bytes(path)
        if not is_treaty_file(data):
            continue  # the registry: read with each treaty, never alone
        registry_path = registry_for(path)
        registry = (registry_path, read_bytes(registry_path))
        dataset = cache.validated(path, data, registry)
        name = cache.cache_name(data, registry)
        target = os.path.join(folder, name)
        if not write_database(target, functools.partial(_fill, dataset=dataset)):
            raise OSError(f"cannot write {target}")
        os.chmod(target, 0o644)  # read by whoever runs the installed tool
        names.append(name)
    os.chmod(folder, 0o755)
    return names


if __name__ == "__main__":
    print(f"{len(build(sys.argv[1]))} caches written to {sys.argv[1]}")
