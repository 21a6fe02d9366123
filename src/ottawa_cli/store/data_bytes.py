"""A data file's bytes, before anything parses them: read whole within a size limit, told as a
treaty's file or not, and the collector paused while many objects are built. Apart from the
loader, so that a command answered from the cache loads none of the YAML reader's machinery."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from ottawa_cli.errors import UsageError
from ottawa_cli.store.bundled import StrPath

TYPE_CHECKING = False  # `typing` is not imported on `ottawa status`'s path
if TYPE_CHECKING:
    from typing import Any

MAX_FILE_BYTES = 64 * 1024 * 1024

# SHA-256 from the interpreter's own module for a file of the usual size: hashlib would load
# OpenSSL first (~4 ms of start-up). Above a mebibyte OpenSSL's speed (~6x, with the CPU's SHA
# instructions) pays for its loading.
try:
    from _sha256 import sha256 as _small_sha256  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - other versions (3.12+: _sha2) and implementations
    try:
        from _sha2 import sha256 as _small_sha256  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        _small_sha256 = None
_LARGE = 1 << 20


def sha256_of(data: bytes) -> Any:
    """A SHA-256 object fed `data` (the interpreter's own module for a small file)."""
    if _small_sha256 is not None and len(data) < _LARGE:
        return _small_sha256(data)
    import hashlib

    return hashlib.sha256(data)


def digest_of(data: bytes) -> str:
    """SHA-256 of `data`, in hex."""
    return str(sha256_of(data).hexdigest())


class DataFileError(UsageError):
    """The data file cannot be read at all (missing, unreadable, too large): exit 2."""


def read_bytes(path: StrPath) -> bytes:
    import stat

    path = os.fspath(path)
    try:
        status = os.stat(path)
        # A FIFO or a device would hang or never end: a data file is a regular file.
        if not stat.S_ISREG(status.st_mode):
            raise DataFileError(f"{path}: cannot read the data file: not a regular file")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            raise DataFileError(
                f"{path}: {size:,} bytes is larger than the limit of {MAX_FILE_BYTES:,} bytes"
            )
        with open(path, "rb") as handle:
            # Re-checked on read: the file may be a pipe or may grow between stat and read.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DataFileError(f"{path}: cannot read the data file: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise DataFileError(f"{path}: larger than the limit of {MAX_FILE_BYTES:,} bytes")
    return data


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Reading a large file makes hundreds of thousands of dicts, tuples and dataclasses, none in a
    cycle; the collector would walk them again and again for nothing (a quarter of the time at
    20,000 States). Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_PARTICIPANTS = re.compile(rb"^participants[ \t]*:", re.M)


def is_treaty_file(data: bytes) -> bool:
    """Whether a file's bytes are a treaty's file, read with the registry (found without
    parsing the YAML, so that the cache can be keyed by both files before anything is parsed)."""
    return _PARTICIPANTS.search(data) is not None
