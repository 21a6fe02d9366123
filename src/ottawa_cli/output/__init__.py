"""Presentation: results as JSON (the contract), as documents drawn in a terminal or as text,
as exports, and findings as reports. Knows nothing of how a result was computed."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any


def emit(result: Any, *, json: bool, stream: IO[str] | None = None) -> None:
    """A library result on stdout: its JSON shape, or its document drawn for the stream."""
    from ottawa_cli.output import render

    out = stream or sys.stdout
    if json:
        from ottawa_cli.output.contract import to_json

        render.write_json(to_json(result), out)
    else:
        from ottawa_cli.output.views import document

        render.write(document(result), out)
    if failed := getattr(result, "failed", ()):
        from ottawa_cli.errors import PartlyAnswered

        raise PartlyAnswered([treaty for treaty, _ in failed])
