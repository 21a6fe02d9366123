"""`ottawa check` findings as text, JSON, or GitHub Actions workflow commands."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from ottawa_cli.findings import Finding
from ottawa_cli.safe_text import no_command, one_line, safe

Accepted = Sequence[tuple[Finding, str]]


def text(findings: Sequence[Finding], files: Sequence[str], accepted: Accepted = ()) -> str:
    lines = [
        no_command(
            f"{one_line(f.location())}: {f.code} {f.severity}: {one_line(f.message)}"
            + (f" [{one_line(f.field)}]" if f.field else "")
        )
        for f in findings
    ]
    lines.append(summary(findings, files, accepted))
    return "\n".join(lines) + "\n"


def summary(findings: Sequence[Finding], files: Sequence[str], accepted: Accepted = ()) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    checked = f"{len(files)} file{'' if len(files) == 1 else 's'} checked"
    kept = f" ({len(accepted)} accepted in the data)" if accepted else ""
    if not findings:
        return f"{checked}: no findings{kept}"
    return (
        f"{checked}: {errors} error{'' if errors == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}{kept}"
    )


def as_json(findings: Sequence[Finding], files: Sequence[str], accepted: Accepted = ()) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    payload = {
        "files": list(files),
        "findings": [f._asdict() for f in findings],
        "summary": {"errors": errors, "warnings": len(findings) - errors},
        "accepted": [f._asdict() | {"reason": reason} for f, reason in accepted],
    }
    from ottawa_cli.output.render import json_text

    # Compact: a report may hold a finding for each of tens of thousands of States.
    return json_text(payload, compact=True)


def github(findings: Sequence[Finding], files: Sequence[str], accepted: Accepted = ()) -> str:
    """Workflow commands that annotate the pull request's diff; paths relative to the repo."""
    lines = []
    for f in findings:
        props = [f"file={_property(_relative(f.file))}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        if f.column is not None:
            props.append(f"col={f.column}")
        props.append(f"title={_property(f.code)}")
        level = "error" if f.severity == "error" else "warning"
        message = f"{f.message} [{f.field}]" if f.field else f.message
        lines.append(f"::{level} {','.join(props)}::{_data(message)}")
    lines.append(summary(findings, files, accepted))
    return "\n".join(lines) + "\n"


def _relative(path: str) -> str:
    root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    absolute = os.path.abspath(path)
    if absolute.startswith(os.path.abspath(root) + os.sep):
        return os.path.relpath(absolute, root)
    return path


def _data(value: str) -> str:
    # GitHub's escaping for a workflow command's message; control characters made visible first.
    return safe(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


FORMATS: dict[str, Callable[[Sequence[Finding], Sequence[str], Accepted], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
