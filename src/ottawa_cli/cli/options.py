"""The command line's options, once, without Typer: the name, the part of a query it fills, the
environment variable that stands for it, and its metavar. The Typer app builds its options from
this table and the Typer-free `ottawa status` (`cli.fast`) parses with it, so the two front ends
cannot drift; a library message naming a query's part (`errors.Named`) is worded with it."""

from __future__ import annotations

# `typing` is not imported at run time on `ottawa status`'s path (`ottawa_cli.records`).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ottawa_cli.records import Record


class Spec(Record):
    name: str
    # The part of a query it fills, as the library names it.
    field: str
    takes_value: bool
    envvar: str | None = None
    metavar: str | None = None


AS_OF = Spec("--as-of", "as_of", True, metavar="DATE")
TREATY = Spec("--treaty", "treaty", True, envvar="OTTAWA_TREATY", metavar="ID")
TREATY_OR_ALL = TREATY._replace(metavar="ID|all")
DATA = Spec("--data", "data", True, envvar="OTTAWA_DATA")
NO_UPDATES = Spec("--no-updates", "no_updates", False, envvar="OTTAWA_NO_UPDATES")
JSON = Spec("--json", "json", False)
EVIDENCE = Spec("--evidence", "evidence", True)
FROM = Spec("--from", "start", True, metavar="DATE")
TO = Spec("--to", "end", True, metavar="DATE")
SINCE = Spec("--since", "since", True, metavar="DATE")
UNTIL = Spec("--until", "until", True, metavar="DATE")
ID = Spec("--id", "id", True, metavar="ID")
AS_AT = Spec("--as-at", "as_at", True, metavar="DATE")

# What `ottawa status` is answered with without Typer; its Typer command takes these and
# `--evidence`, which only the Typer path answers.
FAST_STATUS = (AS_OF, TREATY_OR_ALL, DATA, NO_UPDATES, JSON)

# How the command line calls each part of a query, and the remedies a message may name.
OPTION_NAMES: dict[str, str] = {
    **{
        spec.field: spec.name
        for spec in (AS_OF, TREATY, DATA, NO_UPDATES, EVIDENCE, FROM, TO, SINCE, UNTIL, ID, AS_AT)
    },
    "clear_updates": "`ottawa update --clear`",
    "fetch_both": "`ottawa untc fetch --xml -o DIR`",
}
