"""The one date parser and the one date formatter.

Data files hold ISO 8601 calendar dates only (`parse_date`). What a user types on the command
line may also be `today`, `yesterday`, `2026/01/10` or a written date (`10 Jan 2026`,
`January 10, 2026`), read by python-dateutil (imported only for such a text); a date whose
reading depends on the locale (`01/02/2026`) is refused with the reason (`parse_user_date`).
"""

from __future__ import annotations

import datetime as dt
import re

DATE_FORMAT_HINT = "YYYY-MM-DD, e.g. 2025-06-27"
USER_DATE_HINT = "YYYY-MM-DD (or today, yesterday, 2025/06/27, 27 Jun 2025)"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
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


def parse_user_date(text: str, today: dt.date) -> dt.date:
    """A date as a user may type it: ISO, `today`, `yesterday`, year first with slashes or
    dots, day-first or month-first where only one reading is possible, or written with the
    month's name. Refused, with the reason: a locale-dependent `01/02/2026`, a text missing its
    day, month or year, a time, a day not on the calendar."""
    clean = " ".join(text.split())
    word = clean.lower()
    if word == "today":
        return today
    if word == "yesterday":
        if today == dt.date.min:
            raise DateError("yesterday is before 0001-01-01, the first date this tool can hold")
        return today - dt.timedelta(days=1)
    if _ISO_DATE.fullmatch(clean):
        return parse_date(clean)
    if match := _YEAR_FIRST.fullmatch(clean):
        return _calendar(clean, *(int(g) for g in match.groups()))
    if match := _NUMERIC.fullmatch(clean):
        first, second, year = (int(g) for g in match.groups())
        if first <= 12 and second <= 12 and first != second:
            raise DateError(
                f"{clean!r} is ambiguous: {first} {_month(second)} or {second} {_month(first)}"
                f" {year} depending on the locale; write {year}-{second:02d}-{first:02d} or "
                f"{year}-{first:02d}-{second:02d}"
            )
        day, month = (first, second) if first > 12 or first == second else (second, first)
        return _calendar(clean, year, month, day)
    if ":" in clean:
        raise DateError(f"{clean!r} has a time of day: give a date only ({USER_DATE_HINT})")
    if any(ch.isalpha() for ch in clean) and any(ch.isdigit() for ch in clean):
        return _written(clean)
    raise DateError(f"{clean!r} is not a date: expected {USER_DATE_HINT}")


def _month(number: int) -> str:
    return _MONTHS[number - 1] if 1 <= number <= 12 else str(number)


def _calendar(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(
            f"{text!r} is not a date on the calendar: expected {USER_DATE_HINT}"
        ) from None


def _written(text: str) -> dt.date:
    """`10 Jan 2026`, `January 10, 2026`: day, month and year must all be written."""
    from dateutil import parser

    try:
        # Two different defaults: a part the text leaves out shows as a difference.
        first = parser.parse(text, default=dt.datetime(2000, 1, 1))
        second = parser.parse(text, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        raise DateError(f"{text!r} is not a date: expected {USER_DATE_HINT}") from None
    if first != second:
        raise DateError(f"{text!r} is not a whole date: give its day, month and year")
    if (first.hour, first.minute, first.second, first.microsecond) != (0, 0, 0, 0):
        raise DateError(f"{text!r} has a time of day: give a date only")
    if first.tzinfo is not None:
        raise DateError(f"{text!r} has a time zone: give a date only")
    # dateutil reads "0001" as 2001 and "26" as 2026: the year is the one written, in full.
    years = [token for token in re.findall(r"\d+", text) if len(token) == 4]
    if len(years) != 1:
        raise DateError(f"{text!r}: write the year in full, four digits (e.g. 2026, 0001)")
    try:
        return first.date().replace(year=int(years[0]))
    except ValueError:
        raise DateError(f"{text!r} is not a date on the calendar") from None


def human(day: dt.date) -> str:
    """'10 Jan 2026': the UN Treaty Collection's own style, unambiguous in every locale."""
    # Four digits for a year before 1000 ("1 Jan 0001"), so that the tool reads back what it
    # prints.
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year:04d}"
