"""English for numbers and periods, so that no sentence hard-codes one treaty's figures."""

from __future__ import annotations

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_TENS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
         90: "ninety"}  # fmt: skip


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 41st, 111th."""
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """'1 State', '2 States'; `nouns` where the plural is not `noun` + s."""
    return f"{n} {noun if n == 1 else (nouns or noun + 's')}"


def number_in_words(n: int) -> str:
    """Treaty texts write their periods in words: 'six', 'twelve', 'ninety'; digits above."""
    if 0 <= n <= 20:
        return _SMALL[n]
    if n in _TENS:
        return _TENS[n]
    return str(n)


def period_in_words(years: int = 0, months: int = 0, days: int = 0) -> str:
    """'six months', 'one year', 'ninety days', '1 year 6 months' when units are mixed."""
    parts = [(n, unit) for n, unit in ((years, "year"), (months, "month"), (days, "day")) if n]
    if not parts:
        return "no time"
    if len(parts) == 1:
        n, unit = parts[0]
        return f"{number_in_words(n)} {unit}{'' if n == 1 else 's'}"
    return " ".join(plural(n, unit) for n, unit in parts)


def period_in_figures(years: int = 0, months: int = 0, days: int = 0) -> str:
    """'6 months', '1 year', '1 year 6 months': a period as the steps of a computation show it."""
    parts = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((years, "year"), (months, "month"), (days, "day"))
        if n
    ]
    return " ".join(parts) or "0 days"
