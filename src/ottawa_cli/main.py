"""The `ottawa` executable: a plain `ottawa status STATE` is answered without loading Typer
(`ottawa_cli.entry`); everything else goes to the Typer app (`ottawa_cli.cli`)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    from ottawa_cli.entry import plain_status_query, run

    args = plain_status_query(sys.argv[1:], os.environ)
    if args is None:
        from ottawa_cli.cli import main as typer_main

        typer_main()
        return
    sys.exit(run(args))
