"""How the command line calls the parts of a query the library's messages name
(`errors.Named`): the library says `since`, the command line `--since`."""

from __future__ import annotations

OPTION_NAMES: dict[str, str] = {
    "since": "--since",
    "until": "--until",
    "start": "--from",
    "end": "--to",
    "id": "--id",
    "treaty": "--treaty",
    "as_at": "--as-at",
    "data": "--data",
    "no_updates": "--no-updates",
    "clear_updates": "`ottawa update --clear`",
    "fetch_both": "`ottawa untc fetch --xml -o DIR`",
}
