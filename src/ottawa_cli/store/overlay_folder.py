"""Where the overlay of `ottawa update` is, and whether one applies: the questions every
`ottawa status` asks, in the standard library only (one stat, a listing at most), so that a run
with no overlay never imports `store.overlay` (its models and its JSON reader, ~2-3 ms).
`store.overlay` re-exports these names.
"""

from __future__ import annotations

import os

from ottawa_cli.store.bundled import TREATIES_DIR

# The source key every overlay fact cites in a merged dataset (`merge` refuses data that
# defines it), so an imported fact is always told from a curated one.
SOURCE = "ottawa:update"


def data_home() -> str | None:
    """The user's data folder: `$OTTAWA_DATA_HOME`, else `$XDG_DATA_HOME/ottawa` (absolute only,
    as the XDG specification says), else `~/.local/share/ottawa`; None with no home."""
    own = os.environ.get("OTTAWA_DATA_HOME")
    if own:
        return os.path.abspath(own)
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg and os.path.isabs(xdg):
        return os.path.join(xdg, "ottawa")
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        return None
    return os.path.join(home, ".local", "share", "ottawa")


def folder() -> str | None:
    """Where the overlay files are: `updates/` in the user's data folder."""
    home = data_home()
    return None if home is None else os.path.join(home, "updates")


def ignored() -> bool:
    """`--no-updates` or OTTAWA_NO_UPDATES=1: answer from the bundled data alone."""
    return os.environ.get("OTTAWA_NO_UPDATES", "").strip().lower() not in ("", "0", "false", "no")


def file_of(treaty: str) -> str | None:
    where = folder()
    return None if where is None else os.path.join(where, f"{treaty}.json")


def bundled_treaty(path: str) -> str | None:
    """The bundled treaty whose file `path` is; None for any other file (a user's own)."""
    if os.path.dirname(os.path.abspath(path)) != TREATIES_DIR:
        return None
    name = os.path.basename(path)
    return name[: -len(".yaml")] if name.endswith(".yaml") else None


def applies(path: str) -> str | None:
    """The overlay file that applies to the data file `path`, else None: only to a bundled
    treaty's, and not with `--no-updates`. Cheap (one stat, no parsing): the start-up path asks
    it to know whether an answer may come from the bundled data alone."""
    if ignored():
        return None
    treaty = bundled_treaty(path)
    if treaty is None:
        return None
    overlay = file_of(treaty)
    return overlay if overlay is not None and os.path.lexists(overlay) else None


def may_change(path: str) -> bool:
    """Whether an overlay may change an answer from the data file `path`: one applies to it, or
    to another bundled treaty (a protocol's answer follows its parent's). The question the
    start-up path asks before answering from the bundled data alone: stdlib, a listing at most."""
    if ignored() or bundled_treaty(path) is None:
        return False
    if applies(path) is not None:
        return True
    where = folder()
    try:
        return where is not None and any(n.endswith(".json") for n in os.listdir(where))
    except OSError:
        return False
