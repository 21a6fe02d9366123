"""The data files' guard (`ottawa check`): every finding in every file, in one run."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import ClassVar

from ottawa_cli.api import today
from ottawa_cli.bundled import StrPath
from ottawa_cli.findings import Finding


@dataclass(frozen=True, kw_only=True)
class CheckQuery:
    paths: tuple[StrPath, ...]
    today: dt.date = field(default_factory=today)


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    kind: ClassVar[str] = "check"
    # The files read and checked, in the order asked.
    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    # The files that could not be read at all, each with the reason.
    unreadable: tuple[tuple[str, str], ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    def failed(self, *, strict: bool = False) -> bool:
        """Errors, or with `strict` any finding at all."""
        return bool(self.errors or (strict and self.findings))


def check(query: CheckQuery) -> CheckResult:
    """Parse, validate and check each file; a file that cannot be read is reported, not raised."""
    from ottawa_cli.checks import check_file
    from ottawa_cli.loader import DataFileError

    files: list[str] = []
    findings: list[Finding] = []
    unreadable: list[tuple[str, str]] = []
    for path in query.paths:
        try:
            findings.extend(check_file(path, query.today))
            files.append(os.fspath(path))
        except DataFileError as error:
            unreadable.append((os.fspath(path), str(error)))
    # A treaty's file is checked with the registry, so the registry's findings come with each.
    unique = tuple(dict.fromkeys(findings))
    return CheckResult(files=tuple(files), findings=unique, unreadable=tuple(unreadable))
