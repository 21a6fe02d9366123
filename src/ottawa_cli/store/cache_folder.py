"""The user's cache folder, which of its files may be believed, and the sweep of what is stale.

Two caches share the folder: the validated datasets (`ottawa_cli.store.cache`) and the status pages
`ottawa untc fetch` downloaded (`ottawa_cli.untc.fetch`). Each writes names only it uses, and
removes only those: the folder may be the user's own (`OTTAWA_CACHE_DIR=.`).
"""

from __future__ import annotations

import os
import re
import stat
from contextlib import suppress

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

# What the package is built with beside its code (`store.shipped`'s caches, `output.ahead`'s
# sheets): part of the installed package, trusted as its code is; each file is named by the
# digest of the bytes it was made from, so it is never stale.
SHIPPED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "caches")


def shipped_file(folder: str, name: str) -> str | None:
    """`name` among the files built with the package (in `folder`), if it is a regular file
    (never a FIFO)."""
    path = os.path.join(folder, name)
    try:
        return path if stat.S_ISREG(os.stat(path).st_mode) else None
    except OSError:
        return None


def shipped_database(folder: str, name: str) -> sqlite3.Connection | None:
    """`name` among the files built with the package (in `folder`), opened read-only; None
    where there is none of that name or SQLite cannot open it."""
    import sqlite3

    path = shipped_file(folder, name)
    if path is None:
        return None
    try:
        return sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None


def read_only_uri(path: str) -> str:
    """A read-only SQLite URI: a missing file is an error there, never an empty new database.
    SQLite's URIs end a path at ? or # and decode %: each is escaped."""
    escaped = path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{escaped}?mode=ro"


# A temporary older than this was left by a run that was killed; a cache file not used for this
# long belongs to data, a page or a version of the tool no longer read.
STALE_TEMPORARY = 3600
STALE_CACHE = 30 * 24 * 3600


def cache_dir() -> str | None:
    """Where the cache lives: `$OTTAWA_CACHE_DIR`, else `$XDG_CACHE_HOME/ottawa`, else
    `~/.cache/ottawa`; None (no cache) when none of them names a directory.

    A relative XDG_CACHE_HOME is ignored, as the XDG specification says; a relative
    OTTAWA_CACHE_DIR is taken from the current directory; a home that cannot be found (HOME
    unset) means no cache rather than a directory called "~". platformdirs would answer the
    same but costs ~35 ms to import, a third of `ottawa status`.
    """
    own = os.environ.get("OTTAWA_CACHE_DIR")
    if own:
        return os.path.abspath(own)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "ottawa")
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        return None
    return os.path.join(home, ".cache", "ottawa")


def trusted(cache: str) -> bool:
    """Whether a cache file may be believed: a regular file (a FIFO would hang the run), and,
    where the system has owners, one this user owns, in a folder this user owns that no one
    else may write to. Anything else is used as absent: another user could have forged it."""
    try:
        status = os.stat(cache)
        folder = os.stat(os.path.dirname(cache) or os.curdir)
    except OSError:
        return False
    if not stat.S_ISREG(status.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # no owners to compare (Windows)
        return True
    uid = getuid()
    return (
        status.st_uid == uid
        and folder.st_uid == uid
        and not folder.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def trusted_folder(folder: str) -> bool:
    """A folder a cache may write to: a directory this user owns that no one else may write to
    (as `trusted` asks of the folder of a file it reads)."""
    try:
        status = os.stat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return status.st_uid == getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def sweep(folder: str, keep: str, entry: re.Pattern[str], temporary: re.Pattern[str]) -> None:
    """Remove one cache's temporaries left by killed runs and its entries unused for a month:
    only names its own patterns match, never anything else in the folder."""
    import time

    now = time.time()
    with suppress(OSError), os.scandir(folder) as entries:
        for found in entries:
            if found.name == keep or not found.is_file(follow_symlinks=False):
                continue
            is_temporary = temporary.fullmatch(found.name) is not None
            is_entry = entry.fullmatch(found.name) is not None
            if not (is_temporary or is_entry):
                continue
            age = now - found.stat(follow_symlinks=False).st_mtime
            if (is_temporary and age > STALE_TEMPORARY) or (is_entry and age > STALE_CACHE):
                with suppress(OSError):
                    os.unlink(found.path)


def write_database(path: str, fill: Callable[[sqlite3.Connection], object]) -> bool:
    """Build an SQLite file beside its final name, then rename: a reader never sees half a file.
    Whether it was written.

    The folder is made private (0700) and the file 0600; whatever happens, an interrupt
    included, the temporary is removed. Nothing is written into a folder this user may not
    trust (another user's), and a read-only or full folder only costs speed.
    """
    import sqlite3

    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    if os.path.lexists(folder) and not trusted_folder(folder):
        return False
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(handle)
        try:
            db = sqlite3.connect(tmp)
            try:
                fill(db)
            finally:
                db.close()
            os.replace(tmp, path)
        finally:
            with suppress(OSError):
                os.unlink(tmp)
                os.unlink(tmp + "-journal")
    except (sqlite3.Error, OSError):
        return False
    return True
