"""Write `src/ottawa_cli/cli/help_text.py`: `ottawa --help` as the Typer app prints it, so that the
executable answers `ottawa --help` without loading Typer (tests/cli/test_help_text.py keeps the two
equal: run this after changing a command's help).

    python scripts/write_help.py
"""

from __future__ import annotations

import json
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "src" / "ottawa_cli" / "cli" / "help_text.py"


def typer_help() -> str:
    """What the Typer app prints for `ottawa --help` on a line of 80 columns or more (Click
    wraps the help at 78 columns then, whatever the width)."""
    import os
    import subprocess
    import sys

    run = "import sys; sys.argv[0] = 'ottawa'; from ottawa_cli.cli.app import main; main()"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    done = subprocess.run(
        [sys.executable, "-c", run, "--help"], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def module_text(help_text: str) -> str:
    lines = "".join(
        f"    {json.dumps(line, ensure_ascii=False)}\n"
        for line in help_text.splitlines(keepends=True)
    )
    return (
        '"""`ottawa --help`, as the Typer app prints it on a line of 80 columns or more: '
        "written by\nscripts/write_help.py, kept equal to the app by tests/cli/test_help_text.py."
        '"""\n\n'
        f"HELP = (\n{lines})\n"
    )


def main() -> None:
    TARGET.write_text(module_text(typer_help()), encoding="utf-8")
    print(f"Wrote {TARGET}")


if __name__ == "__main__":
    main()
