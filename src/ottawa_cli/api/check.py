"""The data files' guard (`ottawa check`): every finding in every file, in one run."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import ClassVar

from ottawa_cli.api import today
from ottawa_cli.findings import Finding
from ottawa_cli.store.bundled import StrPath


@dataclass(frozen=True, kw_only=True)
class CheckQuery:
    paths: tuple[StrPath, ...]
    today: dt.date = field(default_factory=today)
    # Codes not to report (`--ignore`), and, when given, the only codes to report (`--select`).
    ignore: frozenset[str] = frozenset()
    select: frozenset[str] = frozenset()

    def wants(self, code: str) -> bool:
        return code not in self.ignore and (not self.select or code in self.select)


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    kind: ClassVar[str] = "check"
    # The files read and checked, in the order asked.
    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    # The files that could not be read at all, each with the reason.
    unreadable: tuple[tuple[str, str], ...] = ()
    # Findings the data accepts (an event's `accept:`), each with the reason it gives.
    accepted: tuple[tuple[Finding, str], ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    def failed(self, *, strict: bool = False) -> bool:
        """Errors, or with `strict` any finding at all."""
        return bool(self.errors or (strict and self.findings))


def check(query: CheckQuery) -> CheckResult:
    """Parse, validate and check each file; a file that cannot be read is reported, not raised."""
    from ottawa_cli.check.dataset import check_file_with_id
    from ottawa_cli.codes import CODES
    from ottawa_cli.errors import UsageError
    from ottawa_cli.store.data_bytes import DataFileError

    if unknown := (query.ignore | query.select) - CODES.keys():
        raise UsageError(f"no finding code {', '.join(sorted(unknown))}: see the README's table")
    files: list[str] = []
    findings: list[Finding] = []
    accepted: list[tuple[Finding, str]] = []
    unreadable: list[tuple[str, str]] = []
    declared: set[str] = set()
    # Each treaty's other names (aliases, short title), for `--treaty`: one may name one treaty.
    names: list[tuple[str, tuple[tuple[str, Finding], ...]]] = []
    for path in query.paths:
        try:
            found, accepts, treaty = check_file_with_id(path, query.today)
            findings.extend(found)
            accepted.extend(accepts)
            files.append(os.fspath(path))
            if treaty is not None:
                # Two files of one treaty: which is bundled, which answers, is a guess.
                if treaty[0] in declared:
                    findings.append(treaty[1])
                declared.add(treaty[0])
                names.append((treaty[0], treaty[2]))
        except DataFileError as error:
            unreadable.append((os.fspath(path), str(error)))
    findings.extend(_names_shared(names))
    # A treaty's file is checked with the registry, so the registry's findings come with each.
    shown = tuple(f for f in dict.fromkeys(findings) if query.wants(f.code))
    return CheckResult(
        files=tuple(files),
        findings=shown,
        unreadable=tuple(unreadable),
        accepted=tuple(dict.fromkeys(accepted)),
    )


def _names_shared(names: list[tuple[str, tuple[tuple[str, Finding], ...]]]) -> list[Finding]:
    """OTT149: a treaty's alias or short title that is another treaty's id, alias or title
    (`--treaty` would have to guess which is meant)."""
    owners: dict[str, set[str]] = {}
    for treaty, named in names:
        owners.setdefault(treaty, set()).add(treaty)
        for key, _ in named:
            owners.setdefault(key, set()).add(treaty)
    found = []
    for treaty, named in names:
        for key, finding in named:
            others = sorted(owners[key] - {treaty})
            if others:
                found.append(
                    finding._replace(
                        message=f"{finding.message!r} also names {', '.join(others)}: "
                        "a treaty asked for by that name could not be told apart"
                    )
                )
    return found
