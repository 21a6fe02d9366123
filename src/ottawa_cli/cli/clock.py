"""What "today" is for a command: `OTTAWA_TODAY` (YYYY-MM-DD) if set, so that a CI verdict is the
same in every time zone and on every day; else the process's local date. Read here, by the front
ends, and passed into every query: the library never reads the environment for it."""

from __future__ import annotations

import datetime as dt
import os

from ottawa_cli.dates import DateError, parse_date
from ottawa_cli.errors import UsageError


def today() -> dt.date:
    fixed = os.environ.get("OTTAWA_TODAY")
    if fixed:
        try:
            return parse_date(fixed)
        except DateError as error:
            raise UsageError(f"OTTAWA_TODAY: {error}") from None
    return dt.date.today()


def made_at() -> dt.datetime:
    """When a file is made (an iCalendar file's DTSTAMP): midnight UTC of `OTTAWA_TODAY` where it
    is set, so that a file made in CI is the same bytes on every run; else now, in UTC."""
    if os.environ.get("OTTAWA_TODAY"):
        return dt.datetime.combine(today(), dt.time(), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
