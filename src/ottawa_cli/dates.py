"""The one date parser and the one date formatter: ISO 8601 calendar dates, YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re

DATE_FORMAT_HINT = "YYYY-MM-DD, e.g. 2025-06-27"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class DateError(ValueError):
    """A text that is not a calendar date in the expected format."""


def parse_date(text: str) -> dt.date:
    """Parse an ISO calendar date strictly: no times, no week dates, no two-digit years."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        raise DateError(f"{text!r} is not a date: expected {DATE_FORMAT_HINT}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DateError(
            f"{text!r} is not a date on the calendar: expected {DATE_FORMAT_HINT}"
        ) from None


def human(day: dt.date) -> str:
    """'10 Jan 2026': the UN Treaty Collection's own style, unambiguous in every locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
