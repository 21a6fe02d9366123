"""Reading a saved UN Treaty Collection (UNTC) status page: header, participants and end notes.

A status page (treaties.un.org, ViewDetails.aspx?src=TREATY&mtdsg_no=...) is the depositary's
public record of a treaty. `parse_status_page` reads one saved as HTML; it is pure (bytes in,
frozen dataclasses out) and `read_status_page` adds the file. `ottawa_cli.untc.diff` compares
the result with the data.

What the pages look like (read from the five pages in tests/fixtures/untc/, all as at
3 Feb 2026; every rule below holds on all five):

- **Header.** "STATUS AS AT : 03-02-2026 10:16:18 EDT" (day-month-year); "CHAPTER XXVI"; the
  title with its number ("5. Convention on the Prohibition of ..."), so the chapter and number
  give the MTDSG reference "XXVI-5"; place and date of conclusion ("Oslo, 18 September 1997");
  label/value rows "Entry into force : 1 March 1999, in accordance with article 17(1)." and
  "Status : Signatories : 132. Parties : 162".
- **The participant table** is the one whose first row starts with a "Participant" cell. Then
  "Signature", on some treaties "Provisional application(n)" (CCM, ATT), and the instruments
  column, whose header is its legend: "Ratification, Acceptance(A), Approval(AA), Accession(a),
  Succession(d)" (each page lists its own kinds, in its own order). A date cell prints
  "11 Sep<TAB> 2002 a": day, three-letter month, year, and the legend's mark (none for
  ratification); an empty cell is a no-break space.
- **Withdrawal.** A State that has withdrawn keeps its row, with its dates in [brackets]
  ("[12 May 2004 a]", "[26 Feb 1999 ]"); the names themselves are never bracketed on these
  pages (a bracketed name is read too). The withdrawal is told in an end note. A withdrawal
  received but not yet in effect is not bracketed (Poland on the APMBC page: "will take effect
  ... on 20 February 2026"). The printed counts are the unbracketed cells: Signatories = the
  unbracketed signatures, Parties = the unbracketed instruments, on all five pages.
- **Footnote marks** follow the name as <SUP> links to end notes ("Ukraine <SUP>10, 11</SUP>");
  a name that is itself a link ("#EndDec") has declarations or reservations. Every mark on the
  five pages points to an end note on the page (CWC's note 1 is called from the header).
- **End notes** are `divNotesAll` blocks: "<a name='1'>1</a>" then the text. Withdrawals read
  "On 27 June 2025, the Government of the Republic of Estonia deposited with the
  Secretary-General a notification of withdrawal (See depositary notification
  C.N.360.2025.TREATIES-XXVI-5 of 3 July 2025). The withdrawal took effect for Estonia on
  27 December 2025 in accordance with article 20 (3) of the Convention." Provisional
  application (CCM Art. 18): "In its notification of provisional application, Belize notified
  ...". Other communications: "On 9 January 2020, the Secretary-General received a
  communication from the Government of Mauritius ...".

The other pages there (the CCW and its protocols, ENMOD, the CTBT, and chapter IV, Human rights:
the CAT, CERD, CEDAW, the ICCPR, the ICESCR, their protocols, ...) add these shapes:

- **A sub-number.** "9. b Optional Protocol ..." (the OPCAT; the CRC's and the CRPD's protocols):
  the letter belongs to the reference, "IV-9-b", never to the title.
- **No Signature column**, and a legend "Consent to be bound(P)" (the CCW's Protocol IV,
  Amended Protocol II, Protocol V and its amended Article 1): a State consents to these by
  notifying the depositary (CCW Art. 4(3)-(4)), nothing is signed; "P" is read as the kind
  "consent to be bound". Without that kind in the legend, a table with no Signature column is
  refused as before.
- **"Formal confirmation(c)"** (the CRPD and its Protocol): a regional integration
  organization's consent (the European Union's, CRPD Art. 43), read as "formal confirmation".
  The data's vocabulary has neither kind: `ottawa_cli.untc.diff.RECORDED_AS` says what each is
  recorded as.
- **A second table starting with "Participant"** after the participant table: the CCW's
  consents to its Protocols I-III ("Protocol I", "Protocol II", "Protocol III"; "x" in a cell)
  and a "Territorial Application" ("Date of receipt of the notification", "Territories": ENMOD,
  the OPCAT, the CRC). Each is known by its whole header and kept in `other_tables` as printed,
  never read as participants; a second table with any other header is a second participant
  table, and refused.
- **A denunciation in other words** (the ICCPR's first Optional Protocol): "notified the
  Secretary-General of its denunciation of the Protocol", "that it had decided to denounce the
  said Optional Protocol with effect from 5 April 1999": a withdrawal, taking effect on the day
  given (whether it has by the page's date is not said). A quotation may run over several lines
  and close on a later one ('[...] and Trinidad and Tobago." The Government ...'): a straight
  quote after a word or a stop closes it, and a sentence may end at '."'.
- **A re-accession** told in an end note, "On that same date, the Government of Guyana
  re-acceded to the Optional Protocol": a `Reaccession`, dated by the sentence before (the day
  the denunciation was received, as Guyana's row shows). A State that re-acceded may keep one
  row, showing its first instrument (Trinidad and Tobago).
- **Marks after the header**: "Participant <SUP>3</SUP>" (the CAT, CERD, the ICESCR, the ICCPR's
  first Optional Protocol): a note on the table as a whole, about a State with no row of its own
  (the German Democratic Republic, the Republic of China, the former Yugoslavia). The header is
  read without them and they are kept in the column's `marks`, never as a State's.
- **A reservation or declaration withdrawn**: "notified the Secretary-General of its decision to
  withdraw the following reservation", "the notification of withdrawal of reservations", "its
  decision to withdraw, with effect as from that date, the reservation", "to withdraw as of 18
  October 1993, the reservation", "one of the reservations", "the remaining declaration" (CEDAW,
  its Protocol, the ICCPR): a communication, never a withdrawal from the treaty, which names no
  reservation or declaration ("from the Covenant", "of the Protocol"). "The instrument of
  withdrawal included an annex" after it (the ICCPR's note 41) is that instrument, and "The above
  notification of withdrawal [...] circulated under cover of C.N.467.1997.TREATIES-10 of 12
  November 1997" after a withdrawal (note 8) is that notification: neither is another withdrawal,
  to be dated. (A notification of the 1990s is numbered "TREATIES-10", not by the chapter.)

What is refused (`NotAStatusPage`, a `DataError`, with what was expected and the line): no
participant table, or two; a header with a column other than those above, or without the
Signature (but as above) or instruments column; a row with more or fewer cells than the
header; a row with no name; no "STATUS AS AT" date, or two; a date in another form
("2010-02-16", "Feb 16, 2010") or not on the calendar ("31 Feb 2010"), in a cell, the header or
a withdrawal; a mark (after a name or a header) that points to no end note; a table after
which the page stops (a truncated save: a complete page goes on with its end notes and footer);
elements nested past libxml2's limit of 255 (the five pages nest 22-23 deep). What it cannot
read but is no reason to refuse the page (a word in a date cell, a mark not in the column's
legend, a withdrawal whose date of receipt is not in the usual form) is kept in `unread`, for the
comparison to report.
A file that cannot be read, or over `MAX_PAGE_BYTES` (checked before anything is decoded), is a
`PageFileError`, a `UsageError`.

Decoding: a byte-order mark, else the charset the page declares in a <meta> within its first
8 KiB if it is a WHATWG encoding label, read as browsers read it ("iso-8859-1" and "us-ascii" as
windows-1252; never one of Python's other codecs, "hex" or "utf-7"), else UTF-8; bytes the
encoding cannot decode, NUL and other control characters are replaced by U+FFFD, and
`decoding_note` says so. What is in <script>, <style>, <noscript>, <template> and comments is
never read as the page.

The HTML library, measured (`python benchmarks/untc_parsers.py --timeout 300`; 2 cores, Python
3.11.7; each case in its own process; the work: parse, find the participant table, read every
cell's text; medians of 5 runs, one run for the large cases):

| | lxml 6.1.3 | selectolax 1.0.2 | BeautifulSoup 4.15.0 |
|---|---|---|---|
| the five pages (0.9 MB) | 15 ms | 6.5 ms | 235 ms (156 ms on lxml) |
| a 50 MB synthetic page | 5.0 s | 2.6 s | over 300 s, stopped (58 s on lxml) |
| 100,000 nested <div> | refused at depth 256 | 22 s (5 s at 50,000 deep) | 1.1 s |
| the source line of elements | yes (to 65,535) | no | yes |
| installed size | 11.9 MB | 8.0 MB | 0.8 MB + soupsieve |
| import | 22 ms | 16 ms | 80 ms |
| latest release; PyPI rank | 2026-09; 102nd | 2026-10; 1552nd | 2026-06; 103rd |

lxml: within 2.5 times selectolax's time on real pages and linear on large ones, a hard
nesting limit where selectolax stalls, the source line every finding needs (selectolax has
none), and libxml2 under it, maintained for decades. BeautifulSoup is 10 to 60 times slower
and, to be fast, runs on lxml anyway. lxml is imported inside the functions that parse
(through importlib: it ships no type stubs), never when the CLI starts.

This module's own cost (same script): the APMBC page 7.0 ms, the five pages 33 ms; synthetic
pages of 8, 16 and 31 MiB (58,764, 118,856 and 231,570 rows) 1.7, 3.6 and 7.2 s, 29-31 µs a
row: linear.
"""

from __future__ import annotations

import codecs
import datetime as dt
import importlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ottawa_cli.dates import human
from ottawa_cli.errors import DataError, UsageError
from ottawa_cli.safe_text import safe

MAX_PAGE_BYTES = 32 * 1024 * 1024
# libxml2 numbers lines in 16 bits for HTML: from here on a line number means "this or later".
_LAST_LINE = 65535
# How far into the file a <meta charset> is looked for (browsers look at 1 KiB; saved pages put
# long <meta> lists first).
_PRESCAN = 8192

# The kinds of entry a date cell can hold, by column.
EntryKind = Literal[
    "signature",
    "succession to signature",
    "provisional application",
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    # Kinds the event vocabulary of the data lacks; `ottawa_cli.untc.diff` says what each is
    # recorded as (RECORDED_AS there).
    "consent to be bound",
    "formal confirmation",
]
ColumnKind = Literal["participant", "signature", "provisional application", "instrument"]
INSTRUMENT_KINDS: tuple[EntryKind, ...] = (
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    # "Consent to be bound(P)": the CCW's protocols and amendment (CCW Art. 4(3)-(4)), to which
    # a State consents by notifying the depositary, not by an instrument of the usual kinds.
    "consent to be bound",
    # "Formal confirmation(c)": a regional integration organization's consent (CRPD Art. 43),
    # as a State ratifies.
    "formal confirmation",
)

_INSTRUMENTS: dict[str, EntryKind] = {kind: kind for kind in INSTRUMENT_KINDS}

Element = Any  # an lxml element (lxml ships no type stubs)


class PageFileError(UsageError):
    """The page cannot be read at all: missing, unreadable, or larger than `MAX_PAGE_BYTES`."""


class NotAStatusPage(DataError):
    """The content is not a UNTC status page this reader can trust; the message says where."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Column:
    """A column of the participant table, with the marks its header defines."""

    kind: ColumnKind
    # As printed, footnote marks removed: "Participant" of "Participant <SUP>3</SUP>".
    header: str
    # The legend: mark printed after a date → what it means ("" for no mark).
    legend: tuple[tuple[str, EntryKind], ...] = ()
    # Footnote marks after the header, each the number of an end note about the whole column
    # (CERD's "Participant 3": the German Democratic Republic, which has no row): no State's.
    marks: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Entry:
    """One dated cell: "[ 9 Jan 2012 a]" is an accession of 9 Jan 2012, bracketed."""

    kind: EntryKind
    date: dt.date
    # As printed after the date: "", "a", "A", "AA", "d", "n".
    mark: str
    bracketed: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class Unread:
    """Something in a cell or an end note that the reader could not read as data."""

    # "name", "signature", "provisional application", "instrument", "note", "header"
    where: str
    text: str
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Participant:
    # As printed, footnote marks and brackets removed, spaces collapsed.
    name: str
    # Footnote marks after the name, each the number of an end note: ("10", "11").
    marks: tuple[str, ...] = ()
    # Any of the row's cells in [brackets]: the depositary's sign of a withdrawal in effect.
    bracketed: bool = False
    # The name links to the declarations and reservations section.
    declarations: bool = False
    signature: Entry | None = None
    provisional_application: Entry | None = None
    instrument: Entry | None = None
    unread: tuple[Unread, ...] = ()
    # The row's line in the HTML; None where the parser cannot tell (past line 65,535).
    line: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Withdrawal:
    """A notification of withdrawal (or denunciation) told in an end note."""

    # The State as the note names it: "Finland" from "took effect for Finland", else the
    # Government's name ("Republic of Estonia"); None if the note names none.
    state: str | None
    received: dt.date | None
    takes_effect: dt.date | None = None
    # "took effect" (True), "will take effect" (False), or not said (None: no effect stated, or
    # only the day it was to take effect, "with effect from 26 August 1998").
    in_effect: bool | None = None
    # "subject to the condition set forth in the said paragraph" (an armed-conflict clause).
    conditional: bool = False
    # The depositary notification, as printed: "C.N.360.2025.TREATIES-XXVI-5".
    notification: str | None = None
    text: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Revocation:
    """A State's revocation (rescission) of its notification of withdrawal."""

    state: str | None
    date: dt.date | None
    notification: str | None = None
    text: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class ProvisionalApplication:
    """A declaration that a State applies (part of) the treaty provisionally (CCM Art. 18)."""

    state: str | None
    text: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Communication:
    """Any other communication an end note tells: territorial application, objections, the
    withdrawal of a reservation or declaration, ..."""

    state: str | None
    date: dt.date | None
    notification: str | None = None
    text: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Reaccession:
    """A State's new accession after it denounced the treaty ("On that same date, the Government
    of Guyana re-acceded to the Optional Protocol"): its row may show it (Guyana) or only the
    first instrument, [bracketed] (Trinidad and Tobago, which denounced the Protocol again)."""

    state: str | None
    date: dt.date | None
    text: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class EndNote:
    number: str
    # The whole note, spaces collapsed, one line a paragraph.
    text: str
    line: int | None = None
    withdrawals: tuple[Withdrawal, ...] = ()
    revocations: tuple[Revocation, ...] = ()
    provisional_applications: tuple[ProvisionalApplication, ...] = ()
    communications: tuple[Communication, ...] = ()
    reaccessions: tuple[Reaccession, ...] = ()
    # Every depositary notification the note cites.
    notifications: tuple[str, ...] = ()
    unread: tuple[Unread, ...] = ()


OtherTableKind = Literal["territorial application", "consent to protocols"]


@dataclass(frozen=True, kw_only=True, slots=True)
class OtherTable:
    """A table that starts with a "Participant" cell but is not the participant table: read as
    it is printed, never as participants."""

    kind: OtherTableKind
    columns: tuple[str, ...]
    # Each row's cells as printed, spaces collapsed, footnote marks left out. A row whose first
    # cell is empty goes on the row above (a second territory of the same State).
    rows: tuple[tuple[str, ...], ...] = ()
    line: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class StatusPage:
    file: str
    # How the bytes were decoded, e.g. "utf-8 (declared)"; `decoding_note` says what was replaced.
    encoding: str
    decoding_note: str | None = None
    # "XXVI-5": the chapter and the treaty's number in it.
    mtdsg: str | None = None
    chapter: str | None = None
    title: str | None = None
    # "Oslo, 18 September 1997"
    concluded: str | None = None
    entry_into_force: dt.date | None = None
    entry_into_force_text: str | None = None
    # The "STATUS AS AT" date: the day the page shows the record as of.
    as_at: dt.date
    # The counts printed in the header ("Signatories : 132. Parties : 162"), if any.
    signatories: int | None = None
    parties: int | None = None
    columns: tuple[Column, ...] = ()
    table_line: int | None = None
    participants: tuple[Participant, ...] = ()
    # The CCW's consents to Protocols I-III, a territorial application, ...
    other_tables: tuple[OtherTable, ...] = ()
    notes: tuple[EndNote, ...] = ()
    # What the header held that could not be read (an entry into force with no date, ...).
    unread: tuple[Unread, ...] = ()

    @property
    def bracketed(self) -> tuple[Participant, ...]:
        return tuple(p for p in self.participants if p.bracketed)

    def note(self, number: str) -> EndNote | None:
        return next((n for n in self.notes if n.number == number), None)

    def referring_to(self, number: str) -> tuple[Participant, ...]:
        """The participants whose footnote marks point to end note `number`."""
        return tuple(p for p in self.participants if number in p.marks)


# --- reading -------------------------------------------------------------------------------


def read_status_page(path: Path) -> StatusPage:
    """Read and parse a saved status page; `PageFileError` if it cannot be read or is too large.
    The page's `file`, and every message, names it by `shown_path`."""
    data, file = read_page_bytes(path)
    return parse_status_page(data, file=file)


def read_page_bytes(path: Path) -> tuple[bytes, str]:
    """A saved page's bytes and its name as messages show it; `PageFileError` if it cannot be
    read or is too large."""
    file = shown_path(path)
    try:
        status = path.stat()
        # A FIFO would hang the open and a device never end: a saved page is a regular file (as
        # a data file is: `store.data_bytes.read_bytes`). A directory says so as the OS does.
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            raise PageFileError(f"{file}: cannot read the status page: not a regular file")
        size = status.st_size
        if size > MAX_PAGE_BYTES:
            raise PageFileError(_too_large(file, size))
        with path.open("rb") as handle:
            # Read again with a bound: the file may be a pipe, or may grow after stat.
            data = handle.read(MAX_PAGE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise PageFileError(f"{file}: cannot read the status page: {reason}") from None
    return data, file


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as text that any output can carry: a byte of its name that is not UTF-8 (a name
    from another system) is shown as \\xNN, never kept as the lone surrogate Python decodes it
    to, which UTF-8 output (a JSON report, a YAML file) cannot encode."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _too_large(file: str, size: int) -> str:
    return (
        f"{file}: {size:,} bytes is larger than the limit of {MAX_PAGE_BYTES:,} bytes "
        f"({MAX_PAGE_BYTES // 2**20} MiB) for a status page (a saved UNTC page is under 1 MiB)"
    )


def parse_status_page(data: bytes, *, file: str) -> StatusPage:
    """The status page in `data`; `NotAStatusPage` (a `DataError`) if it is not one."""
    if len(data) > MAX_PAGE_BYTES:
        raise PageFileError(_too_large(file, len(data)))
    text, encoding, note = decode(data)
    root = _parse_html(text, file)
    table, others = _participant_table(root, file)
    header = _header(root, file)
    if "as_at" not in header:
        raise NotAStatusPage(
            f"{file}: no 'STATUS AS AT' date: a UNTC status page says the day its record is as of "
            "(e.g. 'STATUS AS AT : 03-02-2026 10:16:18 EDT'); without it nothing on the page can "
            "be dated"
        )
    columns, participants = _table(table, file)
    notes = _notes(root, file)
    _check_marks(columns, participants, notes, _line(table), file)
    return StatusPage(
        file=file,
        encoding=encoding,
        decoding_note=note,
        columns=columns,
        table_line=_line(table),
        participants=participants,
        other_tables=others,
        notes=notes,
        **header,
    )


# --- decoding ------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"<meta\b[^>]{0,1024}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.IGNORECASE
)
# Every label of the WHATWG Encoding Standard (encoding.spec.whatwg.org, "Names and labels"), by
# the Python codec that decodes what the label names: the only charsets a browser reads a page
# in, so the only ones a page may declare here. Python's own registry would also take "hex",
# "base64", "zlib", "rot13", "uu", "quopri", "bz2" (byte transforms: decoding crashed),
# "undefined", "idna", "utf-7" and "unicode_escape": none is a label. As browsers do, "iso-8859-1"
# and "us-ascii" are windows-1252, "gbk" is read as gb18030, "big5" with HKSCS, "shift_jis" as
# windows-31j and "euc-kr" as windows-949; UTF-16 and x-user-defined, which a <meta> cannot
# truthfully declare, are UTF-8 and windows-1252 (HTML's prescan). The labels of WHATWG's
# "replacement" encoding (iso-2022-kr, hz-gb-2312, ...) are left out: a browser shows such a
# page as one U+FFFD; here they are unknown, and the page is read as UTF-8 with a note.
_WHATWG_LABELS = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8 "
    "utf-16be utf-16le unicodefffe csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859_2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
    "iso_8859-2:1987 l2 latin2",
    "iso8859_3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
    "iso_8859-3:1988 l3 latin3",
    "iso8859_4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
    "iso_8859-4:1988 l4 latin4",
    "iso8859_5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
    "iso_8859-5 iso_8859-5:1988",
    "iso8859_6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 "
    "iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    "iso8859_7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
    "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso8859_8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
    "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical",
    "iso8859_10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859_13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859_14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859_15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859_16": "iso-8859-16",
    "koi8_r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8_u": "koi8-ru koi8-u",
    "mac_roman": "csmacintosh mac macintosh x-mac-roman",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
    "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252 "
    "x-user-defined",
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
    "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk "
    "gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
    "ksc5601 ksc_5601 windows-949",
}
_LABELS = {label: codec for codec, labels in _WHATWG_LABELS.items() for label in labels.split()}
# C0 and C1 controls but tab, newline, carriage return and form feed; DEL.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode(data: bytes) -> tuple[str, str, str | None]:
    """The page's text, how it was decoded, and what had to be replaced (None: nothing)."""
    notes: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            text, how = _decode_as(data[len(bom) :], name, f"{name} (byte-order mark)", notes)
            break
    else:
        declared = _declared_charset(data[:_PRESCAN])
        codec = _codec(declared) if declared else None
        if declared and codec is None:
            notes.append(
                f"the declared charset {safe(declared)!r} is unknown (no WHATWG encoding label, "
                "as browsers require): read as UTF-8"
            )
        if codec is not None:
            text, how = _decode_as(data, codec, f"{codec} (declared)", notes)
        else:
            try:
                text, how = data.decode("utf-8"), "utf-8 (no charset declared)"
            except UnicodeDecodeError as error:
                # Browsers read an undeclared legacy page as windows-1252; so does the reader.
                notes.append(
                    f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}) and no "
                    "charset declared: read as windows-1252"
                )
                text, how = data.decode("cp1252", errors="replace"), "windows-1252 (fallback)"
    controls = len(_CONTROLS.findall(text))
    if controls:
        text = _CONTROLS.sub("\ufffd", text)
        notes.append(f"{controls:,} NUL or control characters replaced by U+FFFD")
    return text, how, "; ".join(notes) or None


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(label: str) -> str | None:
    """The codec of a WHATWG label ("windows-1252" → "cp1252"); None for any other text."""
    codec = _LABELS.get(label)
    return codecs.lookup(codec).name if codec is not None else None


def _decode_as(data: bytes, name: str, how: str, notes: list[str]) -> tuple[str, str]:
    try:
        return data.decode(name), how
    except UnicodeDecodeError as error:
        text = data.decode(name, errors="replace")
        bad = text.count("\ufffd")
        notes.append(
            f"not valid {name} (first at byte offset {error.start}): "
            f"{bad:,} characters replaced by U+FFFD"
        )
        return text, how


# --- HTML ----------------------------------------------------------------------------------


def _lxml() -> Any:
    """lxml.etree, imported on first use (the CLI never pays for it at start-up)."""
    return importlib.import_module("lxml.etree")


def _parse_html(text: str, file: str) -> Element:
    etree = _lxml()
    # The text is decoded already: hand libxml2 UTF-8 and tell it so, whatever <meta> says.
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except etree.LxmlError as error:
        raise NotAStatusPage(f"{file}: not HTML that can be read ({safe(str(error))})") from None
    for entry in parser.error_log:
        if "Excessive depth" in entry.message:
            raise NotAStatusPage(
                f"{file}: line {entry.line}: elements nested more than 255 deep; the parser stops "
                "there (a UNTC status page nests about 25 deep): not a status page"
            )
    if root is None:
        raise NotAStatusPage(f"{file}: empty: expected a UNTC status page (HTML)")
    # libxml2 parses what <noscript> and <template> hold as elements; a browser shows neither
    # (scripts run; templates are inert), so neither is the page. Scripts and styles are text.
    for hidden in list(root.iter("noscript", "template")):
        _drop(hidden)
    return root


# What lxml refuses to set as text: controls XML does not allow, and non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _drop(el: Element) -> None:
    """Remove an element and what it holds, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        # libxml2 read the page's controls into the text; lxml will not write them back.
        tail = _NOT_XML.sub("\ufffd", el.tail)
        previous = el.getprevious()
        if previous is not None:
            previous.tail = _NOT_XML.sub("\ufffd", previous.tail or "") + tail
        else:
            parent.text = _NOT_XML.sub("\ufffd", parent.text or "") + tail
    parent.remove(el)


def _tag(el: Element) -> str:
    """The element's name (libxml2 gives HTML names in lower case); "" for other nodes."""
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def _line(el: Element) -> int | None:
    line = el.sourceline
    return line if isinstance(line, int) and 0 < line < _LAST_LINE else None


_SKIP = frozenset({"script", "style", "template", "noscript"})
_BLOCKS = frozenset({"p", "div", "li", "tr", "table", "center", "h1", "h2", "h3", "h4"})


def _text(
    el: Element,
    *,
    marks: list[str] | None = None,
    skip: Callable[[Element], bool] | None = None,
    limit: int | None = None,
) -> str:
    """The element's text, in document order, without recursion (nesting costs no stack).

    <br> and block elements become line breaks; scripts and styles are not text; with `marks`,
    the text of each <sup> is collected there instead of being part of the text; `skip` says of
    an element inside whether its text is left out (its tail is kept); `limit` stops after that many
    characters or about four times as many nodes (for a quick look at a cell that could be huge).
    """
    children = list(el)
    if all(child.tag == "br" for child in children) and _tag(el) not in _SKIP:
        # The common cell, "11 Sep<TAB> 2002 a<br>": no walk needed.
        text = (el.text or "") + "".join("\n" + (child.tail or "") for child in children)
        return text if limit is None else text[: limit + 1]
    parts: list[str] = []
    size = visited = 0
    # With a limit, the walk also stops after this many nodes (a cell of empty elements).
    budget = 4 * limit + 64 if limit is not None else -1
    stack: list[Any] = [el]
    while stack:
        item = stack.pop()
        visited += 1
        if isinstance(item, str):
            parts.append(item)
            size += len(item)
        else:
            tag = _tag(item)
            if tag == "br":
                parts.append("\n")
            elif tag in _SKIP or (skip is not None and item is not el and skip(item)):
                pass
            elif tag == "sup" and marks is not None:
                marks.append("".join(item.itertext()))
            else:
                if tag in _BLOCKS:
                    parts.append("\n")
                if item.text:
                    parts.append(item.text)
                    size += len(item.text)
                for child in reversed(item):
                    if child.tail:
                        stack.append(child.tail)
                    stack.append(child)
        if limit is not None and (size > limit or visited > budget):
            break
    return "".join(parts)


def _squash(text: str) -> str:
    """Every run of white space (tabs, no-break spaces, line breaks) as one space."""
    return " ".join(text.split())


def _paragraphs(text: str) -> str:
    """Spaces collapsed within lines, empty lines dropped: one line a paragraph."""
    return "\n".join(line for line in (_squash(x) for x in text.split("\n")) if line)


def _quote(text: str, limit: int = 80) -> str:
    """Page text fit to quote in a message: escaped, and cut short."""
    return repr(safe(text if len(text) <= limit else text[: limit - 3] + "..."))


# --- dates ---------------------------------------------------------------------------------

_MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june", "july"),
    *("august", "september", "october", "november", "december"),
)
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, 1)} | {
    name[:3]: n for n, name in enumerate(_MONTH_NAMES, 1)
}
_LONG_DATE = re.compile(
    r"\b(\d{1,2}) (" + "|".join(m.capitalize() for m in _MONTH_NAMES) + r") (\d{4})\b"
)


def _date(day: str, month: str, year: str) -> dt.date | None:
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def _long_date(match: re.Match[str], file: str, where: str) -> dt.date:
    """A date in prose ("27 June 2025"); one that is not on the calendar makes the page wrong."""
    day = _date(match.group(1), match.group(2), match.group(3))
    if day is None:
        raise NotAStatusPage(f"{file}: {where}: {match.group(0)!r} is not a date on the calendar")
    return day


# --- header --------------------------------------------------------------------------------

_AS_AT = re.compile(r"STATUS AS AT\s*:?\s*(.*)", re.IGNORECASE)
_AS_AT_DATE = re.compile(
    r"(\d{1,2})-(\d{1,2})-(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[A-Za-z]{1,5})?)?"
)
_CHAPTER = re.compile(r"CHAPTER ([IVXLCDM]+)")
# "5. Convention ..."; a treaty under another, "9. b Optional Protocol ..." (MTDSG IV-9-b): the
# letter is one lowercase letter standing alone, the title's first word never is.
_NUMBERED_TITLE = re.compile(r"(\d{1,3})\.\s*(?:([a-z])\s+(?![a-z]))?(.+)", re.DOTALL)
_MTDSG_PARAM = re.compile(r"mtdsg_no=([IVXLCDM]+-\d{1,3}(?:-[a-z])?)", re.IGNORECASE)
# Text in these is not the header (the chapter menu lists every "CHAPTER ..." as an <option>).
_NOT_HEADER = _SKIP | {"option", "select", "textarea", "title", "a"}
_SIGNATORIES = re.compile(r"Signatories\s*:\s*(\d{1,6})")
_PARTIES = re.compile(r"Parties\s*:\s*(\d{1,6})")


def _header(root: Element, file: str) -> dict[str, Any]:
    """The facts above the table, each found by what it says (its label or its class)."""
    found: dict[str, Any] = {}
    unread: list[Unread] = []
    labels: dict[str, Element] = {}
    number: str | None = None
    for el in root.iter():
        own = el.text
        if not own or _tag(el) in _NOT_HEADER:
            continue
        if own.lstrip()[:12].upper() == "STATUS AS AT":
            as_at = _as_at(_squash(own), el, file)
            if found.setdefault("as_at", as_at) != as_at:
                raise NotAStatusPage(
                    f"{file}: line {_line(el)}: a second 'STATUS AS AT' date, {human(as_at)}, "
                    f"after {human(found['as_at'])}: a status page is as at one date"
                )
            continue
        squashed = _squash(own)
        if "chapter" not in found and (chapter := _CHAPTER.fullmatch(squashed)):
            found["chapter"] = chapter.group(1)
        elif squashed in ("Entry into force", "Status") and squashed not in labels:
            labels[squashed] = el
    for el in root.iter("div", "td", "span"):
        classes = (el.get("class") or "").split()
        if "treatyCenter" in classes and "title" not in found:
            title = _squash(_text(el, limit=4096))
            numbered = _NUMBERED_TITLE.fullmatch(title)
            if numbered:
                number, title = numbered.group(1), numbered.group(3)
                if numbered.group(2):
                    number += "-" + numbered.group(2)
            found["title"] = title or None
        elif "treatyCenterSub" in classes and "concluded" not in found:
            found["concluded"] = _squash(_text(el, limit=4096)) or None
    if "chapter" in found and number is not None:
        found["mtdsg"] = f"{found['chapter']}-{number}"
    else:
        for el in root.iter("form", "a", "link"):
            target = el.get("action") or el.get("href") or ""
            if (param := _MTDSG_PARAM.search(target)) is not None:
                # "iv-9-B" is IV-9-b: the chapter in capitals, a sub-number's letter in lower case.
                roman, _, rest = param.group(1).partition("-")
                found["mtdsg"] = f"{roman.upper()}-{rest.lower()}"
                break
    if (eif := labels.get("Entry into force")) is not None and (value := _value_of(eif)):
        found["entry_into_force_text"] = value
        if (day := _LONG_DATE.search(value)) is not None:
            where = f"line {_line(eif)}: the entry into force"
            found["entry_into_force"] = _long_date(day, file, where)
        else:
            unread.append(Unread(where="header", text=value, reason="entry into force: no date"))
    if (status := labels.get("Status")) is not None and (value := _value_of(status)):
        if signatories := _SIGNATORIES.search(value):
            found["signatories"] = int(signatories.group(1))
        if parties := _PARTIES.search(value):
            found["parties"] = int(parties.group(1))
    if unread:
        found["unread"] = tuple(unread)
    return found


def _as_at(text: str, el: Element, file: str) -> dt.date:
    rest = _AS_AT.match(text)
    value = rest.group(1) if rest else ""
    match = _AS_AT_DATE.fullmatch(value)
    if match is None:
        raise NotAStatusPage(
            f"{file}: line {_line(el)}: the 'STATUS AS AT' date {_quote(value)} is not in the "
            "page's form, day-month-year as in 'STATUS AS AT : 03-02-2026 10:16:18 EDT'"
        )
    try:
        return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        raise NotAStatusPage(
            f"{file}: line {_line(el)}: the 'STATUS AS AT' date {_quote(value)} is not a date on "
            "the calendar (day-month-year)"
        ) from None


def _value_of(label: Element) -> str | None:
    """A header row's value: the last cell of the row the label stands in."""
    node = label
    while node is not None and _tag(node) != "td":
        node = node.getparent()
    row = node.getparent() if node is not None else None
    if row is None or _tag(row) != "tr":
        return None
    cells = [c for c in row if _tag(c) == "td"]
    if len(cells) < 2 or cells[-1] is node:
        return None
    return _squash(_text(cells[-1], marks=[], limit=4096)) or None


# --- the participant table -----------------------------------------------------------------


def _rows(table: Element) -> Iterator[Element]:
    """The table's own rows (not those of tables nested in its cells)."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if _tag(row) == "tr")


def _cells(row: Element) -> list[Element]:
    return [cell for cell in row if _tag(cell) in ("td", "th")]


def _header_cell(cell: Element, limit: int = 1024) -> tuple[str, tuple[str, ...]]:
    """A header cell's text and its footnote marks ("Participant <SUP>4, 5</SUP>": the text
    "Participant", the marks "4" and "5"), as a name's are read."""
    raw: list[str] = []
    text = _squash(_text(cell, marks=raw, limit=limit))
    return text, tuple(m for r in raw for m in re.findall(r"[^\s,]+", r))


def _starts_with_participant(table: Element) -> bool:
    first = next(_rows(table), None)
    if first is None:
        return False
    cells = _cells(first)
    return bool(cells) and _header_cell(cells[0], 64)[0] in ("Participant", "Participants")


def _headers(table: Element) -> tuple[str, ...]:
    return tuple(_header_cell(c)[0] for c in _cells(next(_rows(table))))


# Tables that start with a "Participant" cell too but are not the record of participants, each
# known by its whole header: the CCW's consents to its Protocols I-III ("Participant",
# "Protocol I", ...; "X" in a cell) and the territorial application some pages list after the
# participant table. Any other header is read as a participant table, and refused if it is not one.
_TERRITORIAL = ("Participant", "Date of receipt of the notification", "Territories")
_PROTOCOL_HEADER = re.compile(r"Protocol [IVX]{1,6}")


def _other_kind(headers: tuple[str, ...]) -> OtherTableKind | None:
    if headers == _TERRITORIAL:
        return "territorial application"
    rest = headers[1:]
    if rest and all(_PROTOCOL_HEADER.fullmatch(h) for h in rest):
        return "consent to protocols"
    return None


def _other_table(table: Element, kind: OtherTableKind, headers: tuple[str, ...]) -> OtherTable:
    rows = []
    for row in list(_rows(table))[1:]:
        if cells := _cells(row):
            rows.append(tuple(_squash(_text(cell, marks=[])) for cell in cells))
    return OtherTable(kind=kind, columns=headers, rows=tuple(rows), line=_line(table))


def _participant_table(root: Element, file: str) -> tuple[Element, tuple[OtherTable, ...]]:
    """The participant table, and the other tables that start with a "Participant" cell."""
    tables = []
    others = []
    for candidate in root.iter("table"):
        if not _starts_with_participant(candidate):
            continue
        headers = _headers(candidate)
        if (kind := _other_kind(headers)) is not None:
            others.append(_other_table(candidate, kind, headers))
        else:
            tables.append(candidate)
    if not tables:
        raise NotAStatusPage(
            f"{file}: no participant table: expected a <table> whose first row starts with a "
            "'Participant' cell, as on a UNTC status page (the page may be truncated, or not a "
            "status page)"
        )
    if len(tables) > 1:
        lines = ", ".join(str(_line(t)) for t in tables[:5])
        raise NotAStatusPage(
            f"{file}: {len(tables)} participant tables (lines {lines}): a UNTC status page has "
            "one; the reader will not guess which is the record"
        )
    table = tables[0]
    if not _followed(table):
        raise NotAStatusPage(
            f"{file}: line {_line(table)}: the page stops inside or right after the participant "
            "table: it looks truncated (a complete status page goes on with its end notes and "
            "footer)"
        )
    return table, tuple(others)


def _followed(el: Element) -> bool:
    """Whether any element comes after `el` in the document (outside it)."""
    node = el
    while node is not None:
        if node.getnext() is not None:
            return True
        node = node.getparent()
    return False


_EXPECTED_COLUMNS = (
    "Participant, Signature, an optional 'Provisional application' column, and the instruments "
    "column, whose header is its legend (e.g. 'Ratification, Acceptance(A), Approval(AA), "
    "Accession(a), Succession(d)')"
)
_LEGEND_ITEM = re.compile(r"([A-Za-z][A-Za-z ]{0,40}?)\s*(?:\(\s*([A-Za-z]{1,3})\s*\))?")
_PROVISIONAL = re.compile(r"Provisional application\b.{0,80}?(?:\(\s*([A-Za-z]{1,3})\s*\))?")


def _column(header: str, index: int, line: int | None, file: str) -> Column:
    def unexpected(why: str) -> NotAStatusPage:
        return NotAStatusPage(
            f"{file}: line {line}: the participant table's column {index + 1} is "
            f"{_quote(header)}: {why}; expected {_EXPECTED_COLUMNS}"
        )

    if index == 0:
        if header not in ("Participant", "Participants"):
            raise unexpected("the first column must be 'Participant'")
        return Column(kind="participant", header=header)
    if header.startswith("Signature"):
        legend: list[tuple[str, EntryKind]] = [("", "signature")]
        rest = header[len("Signature") :].strip(" ,")
        if rest:
            item = _LEGEND_ITEM.fullmatch(rest)
            if item is None or item.group(1).strip().lower() != "succession to signature":
                raise unexpected("a signature column with an unknown legend")
            legend.append((item.group(2) or "d", "succession to signature"))
        return Column(kind="signature", header=header, legend=tuple(legend))
    if provisional := _PROVISIONAL.fullmatch(header):
        mark = provisional.group(1) or "n"
        return Column(
            kind="provisional application",
            header=header,
            legend=((mark, "provisional application"), ("", "provisional application")),
        )
    legend = []
    for part in header.split(","):
        item = _LEGEND_ITEM.fullmatch(part.strip())
        kind = _INSTRUMENTS.get(item.group(1).strip().lower()) if item else None
        if item is None or kind is None:
            raise unexpected(f"{_quote(part.strip())} is no kind of instrument this reader knows")
        mark = item.group(2) or ""
        if any(m == mark for m, _ in legend):
            raise unexpected(f"the mark {mark!r} stands for two kinds")
        legend.append((mark, kind))
    return Column(kind="instrument", header=header, legend=tuple(legend))


def _table(table: Element, file: str) -> tuple[tuple[Column, ...], tuple[Participant, ...]]:
    rows = _rows(table)
    head = next(rows)
    head_line = _line(head)
    read = [_header_cell(c) for c in _cells(head)]
    headers = [h for h, _ in read]
    columns = tuple(
        replace(_column(h, i, head_line, file), marks=marks) for i, (h, marks) in enumerate(read)
    )
    kinds = [c.kind for c in columns]
    needed: tuple[ColumnKind, ...] = ("signature", "instrument")
    if any(kind == "consent to be bound" for c in columns for _, kind in c.legend):
        # A State consents to the CCW's protocols by notifying the depositary (CCW Art. 4(3)-(4)):
        # nothing is signed, and their pages have no Signature column.
        needed = ("instrument",)
    for need in needed:
        if need not in kinds:
            raise NotAStatusPage(
                f"{file}: line {head_line}: the participant table has no {need} column (its "
                f"columns: {', '.join(_quote(h, 40) for h in headers)}); expected "
                f"{_EXPECTED_COLUMNS}"
            )
    for kind in set(kinds):
        if kinds.count(kind) > 1:
            raise NotAStatusPage(
                f"{file}: line {head_line}: the participant table has {kinds.count(kind)} {kind} "
                f"columns; expected {_EXPECTED_COLUMNS}"
            )
    participants = []
    for number, row in enumerate(rows, 1):
        cells = _cells(row)
        if not cells:
            continue
        if len(cells) != len(columns):
            name = _squash(_text(cells[0], marks=[], limit=200))
            raise NotAStatusPage(
                f"{file}: line {_line(row)}: row {number} ({_quote(name, 60)}) of the participant "
                f"table has {len(cells)} cells; its header (line {head_line}) has "
                f"{len(columns)}: {', '.join(_quote(h, 40) for h in headers)}"
            )
        participants.append(_participant(row, cells, columns, number, file))
    if not participants:
        raise NotAStatusPage(
            f"{file}: line {_line(table)}: the participant table has a header but no rows"
        )
    return columns, tuple(participants)


_TRAILING_MARKS = re.compile(r"(.*?\S)\s+(\d{1,3}(?:\s*,\s*\d{1,3})*)")
_CELL = re.compile(
    r"(?P<open>\[)?\s*(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})"
    r"(?:\s*(?P<mark>[A-Za-z]{1,3}))?\s*(?P<close>\])?"
)
_DIGIT = re.compile(r"\d")


def _participant(
    row: Element, cells: list[Element], columns: tuple[Column, ...], number: int, file: str
) -> Participant:
    line = _line(row)
    raw_marks: list[str] = []
    name_cell = cells[0]
    name = _squash(_text(name_cell, marks=raw_marks))
    marks = [m for raw in raw_marks for m in re.findall(r"[^\s,]+", raw)]
    bracketed = False
    unread: list[Unread] = []
    if not raw_marks and len(name) <= 300 and (trailing := _TRAILING_MARKS.fullmatch(name)):
        # Marks printed as plain digits after the name ("Estonia 1") rather than as <sup>.
        name, marks = trailing.group(1), re.findall(r"\d+", trailing.group(2))
    if name.startswith("[") or name.endswith("]"):
        bracketed = True
        if not (name.startswith("[") and name.endswith("]")):
            unread.append(Unread(where="name", text=name, reason="unbalanced bracket"))
        name = name.strip("[] ")
    if not name:
        raise NotAStatusPage(
            f"{file}: line {line}: row {number} of the participant table has no participant name"
        )
    declarations = any((a.get("href") or "").startswith("#EndDec") for a in name_cell.iter("a"))
    entries: dict[ColumnKind, Entry | None] = {}
    for column, cell in zip(columns[1:], cells[1:], strict=True):
        entry, cell_bracketed, problem = _entry(_squash(_text(cell)), column, name, line, file)
        entries[column.kind] = entry
        bracketed = bracketed or cell_bracketed
        if problem is not None:
            unread.append(problem)
    return Participant(
        name=name,
        marks=tuple(marks),
        bracketed=bracketed,
        declarations=declarations,
        signature=entries.get("signature"),
        provisional_application=entries.get("provisional application"),
        instrument=entries.get("instrument"),
        unread=tuple(unread),
        line=line,
    )


def _entry(
    text: str, column: Column, name: str, line: int | None, file: str
) -> tuple[Entry | None, bool, Unread | None]:
    """A date cell: its entry (None if empty), whether it is bracketed, and what was not read."""
    if not text:
        return None, False, None
    match = _CELL.fullmatch(text)
    day = _date(match["day"], match["month"], match["year"]) if match else None
    where = ""
    if day is None:
        where = f"{file}: line {line}: {_quote(name, 60)}, column {_quote(column.header, 40)}"
    if match is None:
        if _DIGIT.search(text):
            raise NotAStatusPage(
                f"{where}: {_quote(text)} is not a date in the page's form: expected day, month "
                "and year as in '3 Dec 1997', with the column's mark after it ('11 Sep 2002 a') "
                "and [brackets] for a withdrawal"
            )
        only_brackets = text.strip("[] ") == ""
        reason = "brackets with no date" if only_brackets else "not a date"
        return None, "[" in text, Unread(where=column.kind, text=text, reason=reason)
    if day is None:
        what = (
            "a month" if match.group("month").lower() not in _MONTHS else "a date on the calendar"
        )
        raise NotAStatusPage(f"{where}: {_quote(text)} is not {what}")
    opened, closed = match.group("open") is not None, match.group("close") is not None
    bracketed = opened or closed
    problem = None
    if opened != closed:
        problem = Unread(where=column.kind, text=text, reason="unbalanced bracket")
    mark = match.group("mark") or ""
    kind = dict(column.legend).get(mark)
    if kind is None:
        known = ", ".join(repr(m) for m, _ in column.legend)
        reason = f"the mark {mark!r} is not in the column's legend ({known})"
        return None, bracketed, Unread(where=column.kind, text=text, reason=reason)
    return Entry(kind=kind, date=day, mark=mark, bracketed=bracketed), bracketed, problem


# --- end notes -----------------------------------------------------------------------------


def _is_note(el: Element) -> bool:
    return _tag(el) == "div" and "divNotesAll" in (el.get("class") or "").split()


def _own(note: Element) -> Iterator[Element]:
    """The elements inside an end note in document order, but not those of a note nested in it."""
    stack = list(reversed(note))
    while stack:
        el = stack.pop()
        if not _is_note(el):
            yield el
            stack.extend(reversed(el))


def _not_own(anchor: Element) -> Callable[[Element], bool]:
    """What a note's text leaves out: its number's anchor, and the notes nested in it."""
    return lambda el: el is anchor or _is_note(el)


def _notes(root: Element, file: str) -> tuple[EndNote, ...]:
    notes: list[EndNote] = []
    seen: set[str] = set()
    for div in root.iter("div"):
        if not _is_note(div):
            continue
        # A note's own text only: a note nested in it is read once, as itself (read with its
        # parents, 250 nested notes were read 31,375 times).
        anchor = next((a for a in _own(div) if _tag(a) == "a" and a.get("name")), None)
        text = _paragraphs(_text(div, skip=_not_own(anchor)))
        if anchor is not None:
            number = _squash(anchor.get("name") or "")
        else:
            leading = re.match(r"(\d{1,4})\s*", text)
            if leading is None:
                continue
            number, text = leading.group(1), text[leading.end() :]
        if number in seen:
            raise NotAStatusPage(
                f"{file}: line {_line(div)}: two end notes numbered {_quote(number, 20)}"
            )
        seen.add(number)
        notes.append(_note(number, text, _line(div), file))
    return tuple(notes)


def _check_marks(
    columns: tuple[Column, ...],
    participants: tuple[Participant, ...],
    notes: tuple[EndNote, ...],
    table_line: int | None,
    file: str,
) -> None:
    numbers = {note.number for note in notes}
    for column in columns:
        for mark in column.marks:
            if mark not in numbers:
                raise NotAStatusPage(
                    f"{file}: line {table_line}: the participant table's column "
                    f"{_quote(column.header, 40)} refers to end note {_quote(mark, 20)}, which "
                    "is not on the page: the page looks truncated or altered"
                )
    for p in participants:
        for mark in p.marks:
            if mark not in numbers:
                raise NotAStatusPage(
                    f"{file}: line {p.line}: {_quote(p.name, 60)} refers to end note "
                    f"{_quote(mark, 20)}, which is not on the page: the page looks truncated "
                    "or altered"
                )


# "C.N.360.2025.TREATIES-XXVI-5", "C.N.81.2007.TREATIES-IV.8.b"; before 2000 or so the number
# after TREATIES was the depositary's own, not the chapter: "C.N.467.1997.TREATIES-10" (the
# ICCPR's note 8), "C.N.88.1973.TREATIES-3".
_CN = re.compile(
    r"C\.N\.\s?\d{1,6}\.\d{4}\.TREATIES-(?:[IVXLCDM]+|\d{1,3})(?:[.-]\d{1,3})*(?:[.-][a-z]\b)?"
)
# "the interpretative declaration [...] which was published in depositary notification
# C.N.979.2007.TREATIES-1" (the CAT's note 30): the notification of an earlier act.
_PUBLISHED_IN = re.compile(r"\bpublished in (?:depositary notification\s*)?$", re.IGNORECASE)
_GOVERNMENT = re.compile(
    r"\bGovernment of (?:the )?([^,.;:()“”\"]{1,120}?)"
    r"(?= deposited| notified| informed| made| transmitted| has | had | wishes| received"
    r"| relating| to the | a | an | re-acceded| acceded| initially| further| indicated| withdrew"
    r"|,|\.|;|$)"
)
_PA_STATE = re.compile(
    r"In its notification of provisional application, (?:the Government of )?(?:the )?"
    r"([^,]{1,120}?) notified"
)
_REVOKES = re.compile(
    r"\b(?:rescind\w*|revok\w*|revocation|withdr[ae]w\w* its notification of withdrawal"
    r"|withdrawal of (?:its|the) notification of withdrawal)",
    re.IGNORECASE,
)
_WITHDRAWS = re.compile(
    r"\b(?:notification|instrument|notice) of (?:its )?(?:withdrawal|denunciation)\b"
    r"|\b(?:decision|decided) to (?:withdraw|denounce)\b"
    # "notified the Secretary-General of its denunciation of the Protocol" (ICCPR-OP1, notes 3
    # and 6): what is denounced follows, as after "notification of withdrawal".
    r"|\bof its (?:withdrawal|denunciation)(?= (?:of|from)\b)",
    re.IGNORECASE,
)
# "The instrument of withdrawal included an annex" (ICCPR note 41), "The above notification of
# withdrawal [...] were duly circulated" (note 8): the notification the note has just told of.
_TOLD_ABOVE = re.compile(
    r"(?:The|This|That)\s+(?:(?:above|said|aforesaid|above-mentioned)\s+)?"
    r"(?:notification|instrument|notice) of (?:withdrawal|denunciation)\b"
)
_MONTH_ALTERNATION = "|".join(m.capitalize() for m in _MONTH_NAMES)
# What follows "decision to withdraw" or "notification of withdrawal" when a State withdraws a
# statement it made, not itself from the treaty: after the time it takes effect, if told there
# (", with effect as from that date,", " as of 18 October 1993,": CEDAW's and the ICCPR's
# pages), an object that names the statement within its clause ("the following reservation",
# "one of the reservations", "its interpretative declaration", "the remaining declaration", "of
# reservations", "its territorial exclusion"). A withdrawal from the treaty names none: "from
# the Covenant", "of the Protocol", "(See depositary notification ...".
_STATEMENT = re.compile(
    r"(?:,?\s*(?:with effect\s+)?(?:as\s+)?(?:from|of)\s+(?:that(?:\s+same)?\s+date|\d{1,2}\s+(?:"
    + _MONTH_ALTERNATION
    + r")\s+\d{4})\s*,)?(?!\s*from\b)[^.;:(),]{0,60}?"
    r"\b(?:reservation|declaration|objection|exclusion|understanding)s?\b",
    re.IGNORECASE,
)
_CN_DATED = re.compile(_CN.pattern + r"(?:\s+of\s+\d{1,2} (?:" + _MONTH_ALTERNATION + r") \d{4})?")
_EFFECT = re.compile(
    r"\b(?:withdrawal|denunciation|which) (took|will take|shall take|takes|has taken) effect"
    r"(?: for ([^,.;]{1,120}?))? on (?P<day>\d{1,2}) (?P<month>" + _MONTH_ALTERNATION + r") "
    r"(?P<year>\d{4})\b",
    re.IGNORECASE,
)
# "decided to denounce the Optional Protocol with effect from 26 August 1998" (ICCPR-OP1): the
# day the State gave, in the sentence that tells the notification; whether it has come is not said.
_WITH_EFFECT = re.compile(
    r"\bwith effect (?:as )?from (?P<day>\d{1,2}) (?P<month>" + _MONTH_ALTERNATION + r") "
    r"(?P<year>\d{4})\b"
)
# "re-acceded to the Optional Protocol" (ICCPR-OP1, notes 1 and 2); never the noun, which the
# objections quoted there use of the procedure ("followed by a re-accession with reservations").
_REACCEDES = re.compile(r"\bre-?acceded to\b", re.IGNORECASE)
# "On that same date, the Government of Guyana re-acceded": the day the sentence before opens
# with, that of the notice of denunciation ("On 5 January 1999, [...] decided to denounce [...]
# with effect from 5 April 1999"), as Guyana's row shows ("5 Jan 1999 a"), not the last day
# that sentence names.
_SAME_DATE = re.compile(r"On (?:that|the) same (?:date|day)\b", re.IGNORECASE)
# Opening quotation marks and an ellipsis: a line that starts with one goes on the fact before.
_QUOTES = frozenset("\u201c\u2018\"'\u2026")
_REFERENCE = re.compile(r"\(?(?:See|The text can be found)\b", re.IGNORECASE)
_PROVISIONALLY = re.compile(
    r"provisional application|appl(?:y|ies|ied) provisionally|provisionally appl(?:y|ies|ied)",
    re.IGNORECASE,
)
_COMMUNICATES = re.compile(
    r"\bcommunication\b|\b(?:notified|informed) the Secretary-General\b|^On \d"
    r"|\breceived (?:\w+ )?from the Government of\b",
    re.IGNORECASE,
)


def _sentences(text: str) -> list[str]:
    """Sentences and paragraphs, never cut inside a quotation (quotes hold their own periods)."""
    out: list[str] = []
    start = depth = 0
    straight = False
    n = len(text)
    for i, ch in enumerate(text):
        closing = False
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
            closing = True
        elif ch == '"':
            # A straight quote after a word or a stop closes a quotation, any other opens one
            # (as a typesetter reads them): a quotation that began on a line before ends on
            # this one ('... and Trinidad and Tobago." The Government ...', ICCPR-OP1 note 1).
            closing = i > 0 and not text[i - 1].isspace() and text[i - 1] not in "([{"
            straight = not closing
        ends = ch == "." or (closing and i > 0 and text[i - 1] == ".")
        if ch == "\n" or (
            ends
            and depth == 0
            and not straight
            and i + 1 < n
            and text[i + 1] == " "
            and i + 2 < n
            and (text[i + 2].isupper() or text[i + 2] == "(")
        ):
            if piece := text[start : i + 1].strip():
                out.append(piece)
            start = i + 1
            if ch == "\n":
                depth, straight = 0, False
    if piece := text[start:].strip():
        out.append(piece)
    return out


def _note(number: str, text: str, line: int | None, file: str) -> EndNote:
    where = f"line {line}: end note {number}"
    withdrawals: list[dict[str, Any]] = []
    revocations: list[dict[str, Any]] = []
    provisional: list[dict[str, Any]] = []
    communications: list[dict[str, Any]] = []
    reaccessions: list[dict[str, Any]] = []
    statement: dict[str, Any] | None = None  # the last withdrawal of a reservation, if any
    unread: list[Unread] = []
    last: dict[str, Any] | None = None  # the fact a later C.N. reference belongs to
    previous: dt.date | None = None  # the first date of the sentence before ("that same date")
    for sentence in _sentences(text):
        if last is not None and (sentence[:1] in _QUOTES or last["text"].endswith(":")):
            # A quotation on a line of its own, or what a line ending in ':' announced: the text
            # of the fact the line before told of.
            last["text"] += "\n" + sentence
            continue
        found = _CN.findall(sentence)
        # The fact's own notifications: not the one an earlier statement "was published in".
        refs = [
            m.group(0)
            for m in _CN.finditer(sentence)
            if not _PUBLISHED_IN.search(sentence, 0, m.start())
        ]
        # "C.N.360.2025.TREATIES-XXVI-5 of 3 July 2025" is dated by the depositary, not the fact.
        bare = _CN_DATED.sub("C.N.", sentence) if found else sentence
        if _REFERENCE.match(sentence):
            # "See C.N.52.2020... of 31 January 2020 for the text": where to read the last fact.
            if refs and last is not None and "notification" not in last:
                last["notification"] = refs[0]
            continue
        government = _GOVERNMENT.search(bare)
        state = _squash(government.group(1)) if government else None
        first_date = _LONG_DATE.search(bare)
        fact: dict[str, Any] | None = None
        withdrawal: dict[str, Any] | None = None
        effect = _EFFECT.search(bare)
        told = last is not None and (last is statement or any(last is w for w in withdrawals))
        if told and first_date is None and _TOLD_ABOVE.match(bare):
            # What the note says of the notification it has just told of (its annex, the C.N.
            # that circulated it): no other notification, so no date of receipt to look for.
            assert last is not None
            last["text"] += " " + sentence
        elif _REVOKES.search(bare):
            date = _long_date(first_date, file, where) if first_date else None
            fact = {"state": state, "date": date, "text": sentence}
            revocations.append(fact)
        elif (withdraws := _WITHDRAWS.search(bare)) and _STATEMENT.match(bare, withdraws.end()):
            # "its decision to withdraw the following reservation": a reservation or declaration
            # is withdrawn, not the State from the treaty; a communication like any other.
            date = _long_date(first_date, file, where) if first_date else None
            fact = {"state": state, "date": date, "text": sentence}
            communications.append(fact)
            statement = fact
        elif withdraws:
            given = _WITH_EFFECT.search(bare, withdraws.end()) if effect is None else None
            effect_at = effect.start() if effect else given.start() if given else len(bare)
            received = None
            if first_date is not None and first_date.start() < effect_at:
                received = _long_date(first_date, file, where)
            else:
                unread.append(
                    Unread(
                        where="note",
                        text=sentence[:200],
                        reason="a notification of withdrawal with no date of receipt in the "
                        "form '27 June 2025'",
                    )
                )
            fact = withdrawal = {"state": state, "received": received, "text": sentence}
            if given is not None:
                withdrawal["takes_effect"] = _effect_date(given, file, where)
            withdrawals.append(fact)
        elif effect is not None and statement is not None and last is statement:
            # "... that it considers that the withdrawal took effect on 14 January 2011": of the
            # reservation just told of.
            statement["text"] += " " + sentence
        elif effect is not None and withdrawals:
            fact = withdrawal = withdrawals[-1]
            fact["text"] += " " + sentence
        elif effect is not None:
            unread.append(
                Unread(
                    where="note",
                    text=sentence[:200],
                    reason="a withdrawal's effect with no notification of withdrawal before it",
                )
            )
        elif _REACCEDES.search(bare):
            date = _long_date(first_date, file, where) if first_date else None
            if _SAME_DATE.match(bare):
                date = previous
            fact = {"state": state, "date": date, "text": sentence}
            reaccessions.append(fact)
        elif _PROVISIONALLY.search(bare):
            named = _PA_STATE.search(bare)
            fact = {"state": _squash(named.group(1)) if named else state, "text": sentence}
            provisional.append(fact)
        elif _COMMUNICATES.search(bare):
            date = _long_date(first_date, file, where) if first_date else None
            fact = {"state": state, "date": date, "text": sentence}
            communications.append(fact)
        if effect is not None and withdrawal is not None:
            withdrawal["takes_effect"] = _effect_date(effect, file, where)
            withdrawal["in_effect"] = effect.group(1).lower() in ("took", "has taken")
            if effect.group(2):
                withdrawal["state"] = _squash(effect.group(2))
            if "subject to the condition" in sentence:
                withdrawal["conditional"] = True
        if fact is not None:
            last = fact
        # Read, not checked: a sentence that tells no fact is no reason to refuse the page.
        previous = _date(*first_date.groups()) if first_date else None
        if refs:
            target = fact if fact is not None else last
            if target is not None and "notification" not in target:
                target["notification"] = refs[0]
    return EndNote(
        number=number,
        text=text,
        line=line,
        withdrawals=tuple(Withdrawal(**w) for w in withdrawals),
        revocations=tuple(Revocation(**r) for r in revocations),
        provisional_applications=tuple(
            ProvisionalApplication(state=a["state"], text=a["text"]) for a in provisional
        ),
        communications=tuple(Communication(**c) for c in communications),
        reaccessions=tuple(Reaccession(**r) for r in reaccessions),
        notifications=tuple(dict.fromkeys(_CN.findall(text))),
        unread=tuple(unread),
    )


def _effect_date(effect: re.Match[str], file: str, where: str) -> dt.date:
    day = _date(effect["day"], effect["month"], effect["year"])
    if day is None:
        text = f"{effect['day']} {effect['month']} {effect['year']}"
        raise NotAStatusPage(f"{file}: {where}: {text!r} is not a date on the calendar")
    return day
