"""Reading the XML form of a UN Treaty Collection status record (the MTDSG XML), into the page
model `ottawa_cli.untc.page` reads the HTML form into; and a saved page of either form, told apart
by its content (`read_page`).

The depositary publishes each status page's record as XML too, the page's "XML source of the
page" (its link "VIEW XML"): .../doc/Publication/MTDSG/Volume%20II/Chapter%20XXVI/XXVI-5.en.xml
(chapter IV's in Volume I, as the saved HTML pages link them). What it looks like, read from the
25 copies of 15 Jan 2018 in tests/fixtures/untc/xml/ (their README says where each is from;
every rule here holds on all):

- `<Document><Treaty><Template>mtdsg</Template>`, then `<Header>`: `<Chapter><Header>CHAPTER
  XXVI</Header>`, `<ExternalData>` with `<Numsect>5</Numsect>` (and `<Subnumsect>b</Subnumsect>`
  for IV-9-b), `<Titlesect>` or `<Subtitlesect>`, `<Conclusion>`, `<EIF><Labeltext>` and
  `<Status>` with `<Signatories>` and `<Parties>`.
- `<Participants><Table><TGroup>`: `<Thead><Row>` of `<Entry>` headers, the same words as the
  HTML table's ("Ratification, Acceptance(A), ..."), then `<Tbody><Rows>` of `<Row>`s, one
  `<Entry>` a cell: "11 Sep 2002 a", "[ 3 Oct 1975 ]" (bracketed: a withdrawal), `<Entry />`.
- Markup inside text is escaped, as text: "Montenegro&lt;superscript&gt;1&lt;/superscript&gt;"
  (the footnote mark), "&lt;i&gt;", "&lt;a href=...&gt;", "&lt;right&gt;". The reader takes the
  superscripts as marks and drops the other tags, never parsing that text as markup.
- `<EndNotes><Note><index>1</index><text>...</text>...`: one `<text>` a paragraph, read by the
  same sentences as the HTML page's end notes (`ottawa_cli.untc.page`).
- `<SpecialTables>`: the CCW's consents to its Protocols I-III (`<TableHeader><Title>`s,
  `<Rows><Row><Column>`s); `<TerritorialApplications>` of `<Application>`s.

Two things it does not hold:

- **No "status as at" date.** The HTML page prints "STATUS AS AT"; the XML has no date of the
  record at all (nor does any of its 407 copies). Without one nothing can be compared by date, so
  the date is the caller's to give (`--as-at`, the day the file was saved), and is refused if it
  is before the last date the file records.
- **Well-formedness, sometimes.** The files are written as ISO-8859-1 by something that keeps
  only the low byte of a character above U+00FF: U+201C and U+201D come out as the controls 0x1C
  and 0x1D, U+2018/U+2019 as 0x18/0x19, U+2013 as 0x13, U+2002 as 0x02, U+2026 ("…") as a bare
  "&" (41 of the 407 copies are not well-formed XML for that alone). The reader reads a C0
  control as the character of U+2000 to U+201F it stands for, and an "&" that begins no
  reference as "…"; `decoding_note` counts both.

Safety: the XML is parsed by libxml2 with no DTD loaded, no entity expanded, nothing fetched and
no huge-tree mode (so elements nested past 256 are refused); a file that declares a DTD or an
entity (`<!DOCTYPE`, `<!ENTITY`: the MTDSG XML has neither) is refused before it is parsed, as is
one over `MAX_PAGE_BYTES`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from ottawa_cli.dates import human
from ottawa_cli.errors import Named, UsageError
from ottawa_cli.safe_text import safe
from ottawa_cli.untc.page import (
    _CHAPTER,
    _LONG_DATE,
    _TERRITORIAL,
    _TRAILING_MARKS,
    Column,
    ColumnKind,
    Entry,
    NotAStatusPage,
    OtherTable,
    Participant,
    StatusPage,
    Unread,
    _check_marks,
    _codec,
    _column,
    _entry,
    _long_date,
    _note,
    _other_kind,
    _quote,
    _squash,
    parse_status_page,
    read_page_bytes,
)

Form = Literal["html", "xml"]
Element = Any  # an lxml element (lxml ships no type stubs)


class AsAtNeeded(UsageError):
    """An XML record was given without the day it is as at, or with a day it contradicts."""


# --- which form ----------------------------------------------------------------------------

# What may come before the first element: an XML declaration, processing instructions, comments,
# a document type declaration (then refused as XML), white space.
_PROLOGUE = re.compile(rb"\s*(?:<\?[^>]{0,1024}\?>|<!--.{0,4096}?-->)", re.S)
# The first element, or the document type that names it (whose internal subset may hold '>').
_FIRST_ELEMENT = re.compile(rb"\s*<(?:!DOCTYPE\s+)?([A-Za-z_][\w.:-]{0,100})")


def form_of(data: bytes) -> Form:
    """ "xml" if the content begins as an XML document whose first element is not <html> (a saved
    XHTML page is HTML), else "html". The file's name plays no part."""
    head = data[:8192].removeprefix(b"\xef\xbb\xbf")
    declared = head.lstrip().startswith(b"<?xml")
    at = 0
    while prologue := _PROLOGUE.match(head, at):
        at = prologue.end()
    first = _FIRST_ELEMENT.match(head, at)
    if first is None or first.group(1).lower() == b"html":
        return "html"
    return "xml" if declared or first.group(1) == b"Document" else "html"


def read_page(path: Path, *, as_at: dt.date | None = None) -> StatusPage:
    """A saved status page, HTML or XML (told by its content); `as_at` dates an XML record, which
    carries no date (an HTML page's own "STATUS AS AT" must agree with it, if it is given)."""
    data, file = read_page_bytes(path)
    return parse_page(data, file=file, as_at=as_at)


def parse_page(data: bytes, *, file: str, as_at: dt.date | None = None) -> StatusPage:
    if form_of(data) == "xml":
        return parse_status_xml(data, file=file, as_at=as_at)
    page = parse_status_page(data, file=file)
    if as_at is not None and as_at != page.as_at:
        raise AsAtNeeded(
            f"{file}: ",
            Named("as_at"),
            f" {as_at} is not the page's own date (STATUS AS AT {human(page.as_at)}): an HTML "
            "page says the day it is as at; ",
            Named("as_at"),
            " is for the XML form, which does not",
        )
    return page


# --- decoding ------------------------------------------------------------------------------

_DECLARATION = re.compile(rb"<\?xml\b[^>]{0,1024}?\?>")
_DECLARATION_TEXT = re.compile(r"\A\s*<\?xml\b[^>]{0,1024}?\?>")
_ENCODING = re.compile(rb"\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
# C0 controls XML does not allow: in the MTDSG XML, the low byte of a character of U+2000-U+201F.
_LOW_BYTES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# An "&" that begins no reference: U+2026 ("…") written as its low byte, 0x26.
_BARE_AMPERSAND = re.compile(r"&(?!#[0-9]{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z_][\w.-]{0,40};)")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)\b")


def _decode(data: bytes) -> tuple[str, str, str | None]:
    """The text, how it was decoded, and what was read otherwise than written (None: nothing)."""
    notes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data, codec, how = data[3:], "utf-8", "utf-8 (byte-order mark)"
    else:
        declaration = _DECLARATION.match(data.lstrip())
        label = _ENCODING.search(declaration.group(0)) if declaration else None
        name = label.group(1).decode("ascii").lower() if label else None
        declared = _codec(name) if name else None
        codec = declared or "utf-8"
        how = f"{codec} (declared)" if declared else "utf-8 (XML's default)"
        if name and declared is None:
            notes.append(f"the declared encoding {safe(name)!r} is unknown: read as UTF-8")
    text = data.decode(codec, errors="replace")
    if bad := text.count("\ufffd"):
        notes.append(f"not valid {codec}: {bad:,} characters replaced by U+FFFD")
    # The declaration names the bytes' encoding; the parser is given the text as UTF-8.
    text = _DECLARATION_TEXT.sub("", text, count=1)
    if low := len(_LOW_BYTES.findall(text)):
        text = _LOW_BYTES.sub(lambda m: chr(0x2000 + ord(m.group())), text)
        notes.append(f"{low:,} control characters read as the punctuation of U+2000-U+201F")
    if bare := len(_BARE_AMPERSAND.findall(text)):
        text = _BARE_AMPERSAND.sub("\u2026", text)
        notes.append(f"{bare:,} '&' that begin no reference read as '\u2026'")
    return text, how, "; ".join(notes) or None


def _parse_xml(text: str, file: str) -> Element:
    etree = importlib.import_module("lxml.etree")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser)
    except etree.XMLSyntaxError as error:
        message = " ".join(str(error).split())
        if "depth" in message.lower():
            message = "elements nested more than 256 deep (an MTDSG record nests about 8 deep)"
        raise NotAStatusPage(f"{file}: not XML that can be read: {safe(message)[:200]}") from None
    if root is None:
        raise NotAStatusPage(f"{file}: empty: expected the UNTC's MTDSG XML")
    return root


# --- the record ----------------------------------------------------------------------------

# "mtdsg"; "mtdsg2" to "mtdsg4" where the record has more tables (the UNFCCC's annexes).
_TEMPLATE = re.compile(r"mtdsg\d?")
_SUPERSCRIPT = re.compile(r"<superscript>([^<>]{0,80})</superscript>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,500}>")
_MARK = re.compile(r"[^\s,]+")


def _plain(el: Element | None, marks: list[str] | None = None) -> str:
    """An element's text, the markup escaped in it read as text: superscripts collected as marks
    (or kept, without `marks`), other tags dropped; spaces collapsed."""
    if el is None:
        return ""
    text = "".join(el.itertext())
    if marks is not None:
        for found in _SUPERSCRIPT.finditer(text):
            marks.extend(_MARK.findall(found.group(1)))
        text = _SUPERSCRIPT.sub(" ", text)
    return _squash(_TAG.sub("", text))


def _line(el: Element) -> int | None:
    line = el.sourceline
    return line if isinstance(line, int) and line > 0 else None


def parse_status_xml(data: bytes, *, file: str, as_at: dt.date | None) -> StatusPage:
    """The status record in `data` (the MTDSG XML) as at `as_at`: `NotAStatusPage` if it is not
    one, `AsAtNeeded` (a usage error) if `as_at` is missing or before a date it records."""
    from ottawa_cli.untc.page import MAX_PAGE_BYTES, PageFileError, _too_large

    if len(data) > MAX_PAGE_BYTES:
        raise PageFileError(_too_large(file, len(data)))
    if found := _DTD.search(data):
        raise NotAStatusPage(
            f"{file}: declares a DTD or an entity ({found.group(0).decode()}, byte {found.start()})"
            ": the UNTC's MTDSG XML has neither, and this reader expands no entity"
        )
    text, encoding, note = _decode(data)
    root = _parse_xml(text, file)
    treaty = root.find("Treaty") if root.tag == "Document" else None
    if treaty is None or not _TEMPLATE.fullmatch(_plain(treaty.find("Template"))):
        raise NotAStatusPage(
            f"{file}: the document is <{safe(str(root.tag))[:40]}>, not the UNTC's MTDSG XML "
            "(<Document><Treaty><Template>mtdsg</Template>...): not a status page"
        )
    header = _header(treaty, file)
    table = _participant_table(treaty, file)
    columns, participants = _table(table, _declared(treaty), file)
    notes = _notes(treaty, file)
    _check_marks(columns, participants, notes, _line(table), file)
    day = _as_at(as_at, participants, file)
    return StatusPage(
        file=file,
        encoding=encoding,
        decoding_note=note,
        as_at=day,
        columns=columns,
        table_line=_line(table),
        participants=participants,
        other_tables=_special_tables(treaty) + _territorial(treaty),
        notes=notes,
        **header,
    )


def _as_at(as_at: dt.date | None, participants: tuple[Participant, ...], file: str) -> dt.date:
    if as_at is None:
        raise AsAtNeeded(
            f"{file}: the UNTC's MTDSG XML says no 'status as at' date (the HTML page does): give "
            "the day the record was saved with ",
            Named("as_at"),
            " YYYY-MM-DD",
        )
    entries = [
        (e.date, p.name)
        for p in participants
        for e in (p.signature, p.provisional_application, p.instrument)
        if e is not None
    ]
    if entries and (last := max(entries))[0] > as_at:
        raise AsAtNeeded(
            f"{file}: ",
            Named("as_at"),
            f" {as_at} is before the record's last date ({_quote(last[1], 60)}, "
            f"{human(last[0])}): the record cannot be as at a day before what it records",
        )
    return as_at


def _header(treaty: Element, file: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    unread: list[Unread] = []
    head = treaty.find("Header")
    if head is None:
        raise NotAStatusPage(f"{file}: no <Header>: the MTDSG XML begins with the treaty's header")
    if chapter := _CHAPTER.fullmatch(_plain(head.find("Chapter/Header"))):
        found["chapter"] = chapter.group(1)
    data = head.find("ExternalData")
    if data is None:
        return found
    number = _plain(data.find("Numsect"))
    letter = _plain(data.find("Subnumsect"))
    if "chapter" in found and re.fullmatch(r"\d{1,3}", number):
        found["mtdsg"] = f"{found['chapter']}-{number}" + (
            f"-{letter}" if re.fullmatch(r"[a-z]", letter) else ""
        )
    title = _plain(data.find("Titlesect")) or _plain(data.find("Subtitlesect"))
    found["title"] = title or None
    found["concluded"] = _plain(data.find("Conclusion")) or None
    if value := _plain(data.find("EIF/Labeltext"), marks=[]):
        found["entry_into_force_text"] = value
        if (day := _LONG_DATE.search(value)) is not None:
            eif = data.find("EIF/Labeltext")
            where = f"line {_line(eif)}: the entry into force"
            found["entry_into_force"] = _long_date(day, file, where)
        else:
            unread.append(Unread(where="header", text=value, reason="entry into force: no date"))
    for field, tag in (("signatories", "Signatories"), ("parties", "Parties")):
        count = _plain(data.find(f"Status/{tag}"))
        if re.fullmatch(r"\d{1,6}", count):
            found[field] = int(count)
    if unread:
        found["unread"] = tuple(unread)
    return found


def _participant_table(treaty: Element, file: str) -> Element:
    tables = treaty.findall("Participants/Table")
    if len(tables) != 1:
        what = "no participant table" if not tables else f"{len(tables)} participant tables"
        raise NotAStatusPage(
            f"{file}: {what}: the MTDSG XML has one <Participants><Table> (the record may be "
            "cut short, or not a status record)"
        )
    return tables[0]


def _declared(treaty: Element) -> frozenset[str]:
    """The participants the Declarations section names (the HTML page links their names)."""
    return frozenset(
        _plain(p, marks=[]) for p in treaty.iterfind("Declarations/Declaration/Participant")
    )


def _table(
    table: Element, declared: frozenset[str], file: str
) -> tuple[tuple[Column, ...], tuple[Participant, ...]]:
    head = table.find("TGroup/Thead/Row")
    if head is None:
        raise NotAStatusPage(f"{file}: line {_line(table)}: the participant table has no header")
    head_line = _line(head)
    read = []
    for cell in head.findall("Entry"):
        marks: list[str] = []
        read.append((_plain(cell, marks), tuple(marks)))
    headers = [h for h, _ in read]
    columns = tuple(
        replace(_column(h, i, head_line, file), marks=marks) for i, (h, marks) in enumerate(read)
    )
    kinds = [c.kind for c in columns]
    needed: tuple[ColumnKind, ...] = ("signature", "instrument")
    if any(kind == "consent to be bound" for c in columns for _, kind in c.legend):
        # The CCW's protocols: consented to by notification, nothing signed (`untc.page`).
        needed = ("instrument",)
    for need in needed:
        if need not in kinds or kinds.count(need) > 1:
            raise NotAStatusPage(
                f"{file}: line {head_line}: the participant table has {kinds.count(need)} {need} "
                f"columns (its columns: {', '.join(_quote(h, 40) for h in headers)}); expected one"
            )
    participants = []
    for number, row in enumerate(table.iterfind("TGroup/Tbody/Rows/Row"), 1):
        cells = row.findall("Entry")
        if len(cells) != len(columns):
            name = _plain(cells[0]) if cells else ""
            raise NotAStatusPage(
                f"{file}: line {_line(row)}: row {number} ({_quote(name, 60)}) "
                f"of the participant table has {len(cells)} cells; its header (line {head_line}) "
                f"has {len(columns)}: {', '.join(_quote(h, 40) for h in headers)}"
            )
        participants.append(_participant(row, cells, columns, number, declared, file))
    if not participants:
        raise NotAStatusPage(
            f"{file}: line {_line(table)}: the participant table has a header but no rows"
        )
    return columns, tuple(participants)


def _participant(
    row: Element,
    cells: list[Element],
    columns: tuple[Column, ...],
    number: int,
    declared: frozenset[str],
    file: str,
) -> Participant:
    line = _line(row)
    marks: list[str] = []
    name = _plain(cells[0], marks)
    unread: list[Unread] = []
    if not marks and len(name) <= 300 and (trailing := _TRAILING_MARKS.fullmatch(name)):
        name, marks = trailing.group(1), re.findall(r"\d+", trailing.group(2))
    bracketed = False
    if name.startswith("[") or name.endswith("]"):
        bracketed = True
        if not (name.startswith("[") and name.endswith("]")):
            unread.append(Unread(where="name", text=name, reason="unbalanced bracket"))
        name = name.strip("[] ")
    if not name:
        raise NotAStatusPage(
            f"{file}: line {line}: row {number} of the participant table has no participant name"
        )
    entries: dict[str, Entry | None] = {}
    for column, cell in zip(columns[1:], cells[1:], strict=True):
        entry, cell_bracketed, problem = _entry(_plain(cell, marks=[]), column, name, line, file)
        entries[column.kind] = entry
        bracketed = bracketed or cell_bracketed
        if problem is not None:
            unread.append(problem)
    return Participant(
        name=name,
        marks=tuple(marks),
        bracketed=bracketed,
        declarations=name in declared,
        signature=entries.get("signature"),
        provisional_application=entries.get("provisional application"),
        instrument=entries.get("instrument"),
        unread=tuple(unread),
        line=line,
    )


def _notes(treaty: Element, file: str) -> tuple[Any, ...]:
    notes = []
    seen: set[str] = set()
    for note in treaty.iterfind("EndNotes/Note"):
        number = _plain(note.find("index"))
        if not number:
            continue
        if number in seen:
            raise NotAStatusPage(
                f"{file}: line {_line(note)}: two end notes numbered {_quote(number, 20)}"
            )
        seen.add(number)
        notes.append(_note(number, "\n".join(_paragraphs(note)), _line(note), file))
    return tuple(notes)


def _paragraphs(note: Element) -> list[str]:
    """A note's paragraphs in order: each <text>, and each row of a <table> in it (Canada's
    withdrawal from the Kyoto Protocol: "Canada 15 Dec 2011 15 Dec 2012"), cells one space apart,
    as the HTML page shows such a table one row a line."""
    out = []
    for part in note:
        if part.tag == "text":
            out.append(_plain(part))
        elif part.tag == "table":
            for row in part.iterfind("row"):
                out.append(" ".join(_plain(col) for col in row.iterfind("col")))
    return [p for p in out if p.strip()]


def _special_tables(treaty: Element) -> tuple[OtherTable, ...]:
    """The tables after the participant table, where their header is one the HTML reader knows
    (the CCW's consents to Protocols I-III); any other is not the record of participants."""
    out = []
    for table in treaty.iterfind("SpecialTables/Table"):
        headers = tuple(_plain(t, marks=[]) for t in table.iterfind("TableHeader/Title"))
        kind = _other_kind(headers) if headers[:1] == ("Participant",) else None
        if kind is not None:
            rows = tuple(
                tuple(_plain(c, marks=[]) for c in row.iterfind("Column"))
                for row in table.iterfind("Rows/Row")
            )
            out.append(OtherTable(kind=kind, columns=headers, rows=rows, line=_line(table)))
    return tuple(out)


def _territorial(treaty: Element) -> tuple[OtherTable, ...]:
    applications = treaty.findall("TerritorialApplications/Application")
    if not applications:
        return ()
    rows = tuple(
        tuple(
            _plain(a.find(tag), marks=[])
            for tag in ("Participant", "DateNotification", "Territories")
        )
        for a in applications
    )
    section = treaty.find("TerritorialApplications")
    return (
        OtherTable(
            kind="territorial application", columns=_TERRITORIAL, rows=rows, line=_line(section)
        ),
    )
