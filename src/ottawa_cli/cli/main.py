"""The `ottawa` executable: a plain `ottawa status STATE` (and a plain `treaties`, `list`,
`pending` or `timeline`) is answered without loading Typer (`ottawa_cli.cli.fast`); everything
else goes to the Typer app (`ottawa_cli.cli.app`).

Whatever the command, what it wrote is flushed here, so that an output that cannot be written
(a full disk) is one line on stderr and exit 2, a reader that went away (`| head`) is no error,
and an interrupt is exit 130: never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys

EXIT_USAGE, EXIT_INTERRUPTED = 2, 130


def main() -> None:
    try:
        _speak_what_stdout_can()
        code = _run()
    except KeyboardInterrupt:
        print("Interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        from ottawa_cli.cli.exits import reader_went_away

        code = reader_went_away()
    except OSError as error:
        # Reading a file is reported where it is read; what reaches here is the output.
        _silence_stdout()
        print(f"Error: cannot write the output: {error.strerror or error}", file=sys.stderr)
        code = EXIT_USAGE
    sys.exit(_flushed(code))


def _run() -> int:
    if sys.argv[1:2] != ["serve"]:
        # A command that ends with its process: the cyclic collector would only walk, again and
        # again, the acyclic objects it makes (~13% of `ottawa check` on 20,000 States); reference
        # counting frees them all the same. `serve` runs until interrupted and keeps it.
        import gc

        gc.disable()
    if sys.argv[1:] in (["--help"], ["-h"]) and _help_as_written():
        from ottawa_cli.cli.help_text import HELP

        sys.stdout.write(HELP)
        return 0
    from ottawa_cli.cli.fast import answer_status, plain_status_query, run

    args = plain_status_query(sys.argv[1:], os.environ)
    if args is not None:
        return run(lambda: answer_status(args))
    from ottawa_cli.cli.fast import plain_query

    call = plain_query(sys.argv[1:], os.environ)
    if call is not None:
        return run(call)
    from ottawa_cli.cli.app import main as typer_main

    try:
        typer_main()
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return 0


def _help_as_written() -> bool:
    """Whether `ottawa --help` would print the text scripts/write_help.py wrote from the Typer
    app: on a line of 80 columns or more (as Click measures it), outside shell completion."""
    if "_OTTAWA_COMPLETE" in os.environ or os.name == "nt":
        return False
    import shutil

    return shutil.get_terminal_size().columns >= 80


def _speak_what_stdout_can() -> None:
    """An ASCII or Latin-1 stdout (`PYTHONIOENCODING=ascii`, `LC_ALL=C`): characters it cannot
    hold are written as escapes rather than ending the command in an error."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding not in ("utf8", "utf16", "utf32") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _flushed(code: int) -> int:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from ottawa_cli.cli.exits import reader_went_away

        return reader_went_away() or code
    except OSError as error:
        _silence_stdout()
        print(f"Error: cannot write the output: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    return code


def _silence_stdout() -> None:
    """What is still buffered goes nowhere, instead of failing again at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    with contextlib.suppress(OSError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - it lives until exit
