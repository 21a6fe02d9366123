"""Every finding code `ottawa check` and `ottawa untc diff` can report: one table, read by the
checks, the page comparison, the README's table (a test holds them equal) and the tests.

OTT0xx: the file does not parse or validate (the loader). OTT1xx: the data contradicts itself.
OTT2xx: a published date contradicts the treaty's rules. OTT3xx: a saved UNTC status page and
the data differ (`ottawa untc diff`). Codes are stable: never reused.
"""

from __future__ import annotations

from typing import NamedTuple

from ottawa_cli.findings import Severity


class Code(NamedTuple):
    code: str
    severity: Severity
    summary: str
    # The file cannot be read further: validation and checks do not run.
    fatal: bool = False


_TABLE = (
    Code("OTT001", "error", "the data file is empty"),
    Code("OTT002", "error", "the data file is not valid UTF-8", fatal=True),
    Code("OTT003", "error", "YAML syntax error", fatal=True),
    Code("OTT004", "error", "duplicate key in a mapping"),
    Code("OTT005", "error", "YAML tag (the file is plain data)", fatal=True),
    Code("OTT006", "error", "YAML alias (the file is plain data)", fatal=True),
    Code("OTT007", "error", "a limit was hit (nesting depth)", fatal=True),
    Code("OTT010", "error", "a value of the wrong type or out of range"),
    Code("OTT011", "error", "a required field is missing"),
    Code("OTT012", "error", "an unknown field"),
    Code("OTT013", "error", "not a calendar date in YYYY-MM-DD"),
    Code("OTT014", "error", "a data format this version does not read"),
    Code("OTT015", "error", "a file of another kind than the one expected (a registry, a treaty)"),
    Code("OTT101", "error", "two States with the same name"),
    Code("OTT102", "error", "two States with the same ISO 3166 code"),
    Code("OTT103", "error", "a name, alias or code that could mean two States"),
    Code("OTT104", "error", "not an ISO 3166 code"),
    Code("OTT105", "error", "the alpha-2 and alpha-3 codes name different countries"),
    Code("OTT106", "error", "a participant that is not the name of a State in the registry"),
    Code("OTT107", "error", "a State listed twice as a participant"),
    Code("OTT110", "error", "a source key that is not defined under `sources`"),
    Code("OTT111", "warning", "a source defined but never cited"),
    Code("OTT112", "error", "a source key defined both in a treaty's file and in the registry"),
    Code("OTT113", "warning", "a source address that goes through a proxy, rewriter or shortener"),
    Code("OTT114", "warning", "a source with neither an address nor a note saying why"),
    Code("OTT120", "error", "a date before the treaty existed"),
    Code("OTT121", "error", "a date after today that is not marked `announced: true`"),
    Code("OTT122", "error", "a date the rules would carry past 9999-12-31"),
    Code("OTT130", "error", "instruments in an impossible order"),
    Code("OTT131", "error", "a field that does not belong to this kind of event"),
    Code("OTT132", "warning", "a succession with no recorded date it binds from"),
    Code("OTT133", "error", "an armed conflict that ends before it starts"),
    Code("OTT134", "error", "an extension or completion of a duty the treaty does not have"),
    Code(
        "OTT135",
        "error",
        "the treaty's threshold instrument (the Nth) is not dated on `threshold_deposit`",
    ),
    Code("OTT136", "warning", "data verified against the depositary more than a year before today"),
    Code("OTT137", "warning", "an accepted finding that no longer occurs, or no code at all"),
    Code("OTT138", "warning", "a withdrawal notice the treaty's clause gives no effect"),
    Code("OTT140", "error", "control characters or terminal escapes in text"),
    Code("OTT141", "warning", "text that looks like terminal markup"),
    Code("OTT142", "error", "an invisible format character in a name, alias or code"),
    Code("OTT143", "warning", "a name or alias a spreadsheet would read as a formula"),
    Code("OTT144", "error", "a field the tool sets itself, written in a data file"),
    Code("OTT145", "error", "a State named as not to be confused with that is not in the registry"),
    Code(
        "OTT146",
        "error",
        "a clause or date the rules cannot use (past 9999-12-31, closing before it opens, "
        "a later date before its notice)",
    ),
    Code("OTT147", "error", "an id used twice, or the reserved id `all`"),
    Code("OTT148", "warning", "a Party to a protocol that is not a Party to its parent treaty"),
    Code(
        "OTT149",
        "error",
        "a treaty's alias or short title that names another treaty too (its id, alias or title), "
        "or `all`",
    ),
    Code("OTT201", "error", "a published entry-into-force date differs from the treaty's rule"),
    Code("OTT202", "error", "a published withdrawal effective date differs from the treaty's rule"),
    Code("OTT301", "error", "the page is the status of another treaty than the data's"),
    Code("OTT302", "error", "a participant on the page that is not a State of the data"),
    Code("OTT303", "error", "two rows of the page are the same State of the data"),
    Code(
        "OTT304",
        "error",
        "a State of the data, signed or bound by the page's date, not on the page",
    ),
    Code("OTT305", "error", "a signature that differs (date, or on one side only)"),
    Code("OTT306", "error", "an instrument that differs (kind or date, or on one side only)"),
    Code(
        "OTT307", "error", "a [bracketed] State whose withdrawal the data does not have in effect"
    ),
    Code(
        "OTT308", "error", "a State the data has withdrawn by the page's date, not bracketed there"
    ),
    Code("OTT309", "error", "a withdrawal in an end note that the data lacks"),
    Code("OTT310", "error", "a withdrawal dated differently (received, effective, notification)"),
    Code(
        "OTT311", "error", "a withdrawal of the data, received by the page's date, in no end note"
    ),
    Code("OTT312", "error", "a withdrawal the page records as revoked, still in the data"),
    Code("OTT313", "warning", "the page prints another name for the State than the data's"),
    Code("OTT314", "error", "a count the page prints (signatories, parties) that differs"),
    Code("OTT315", "warning", "something on the page the reader could not read"),
    Code("OTT316", "warning", "the page's text could not be decoded cleanly"),
    Code(
        "OTT317",
        "warning",
        "recorded in the data after the page's date: not on the page, as expected",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _TABLE}


def severity(code: str) -> Severity:
    return CODES[code].severity
