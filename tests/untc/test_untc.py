"""Saved UNTC status pages: the five real pages, the comparison with the data, hostile pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ottawa_cli.codes import CODES
from ottawa_cli.errors import DataError, OttawaError, UsageError
from ottawa_cli.findings import Finding
from ottawa_cli.law.model import Dataset
from ottawa_cli.store.load import load
from ottawa_cli.store.lookup import StateIndex
from ottawa_cli.untc.diff import diff
from ottawa_cli.untc.page import (
    MAX_PAGE_BYTES,
    NotAStatusPage,
    PageFileError,
    StatusPage,
    Withdrawal,
    decode,
    parse_status_page,
    read_status_page,
)
from tests.support import FIXTURES, TREATIES

UNTC = FIXTURES / "untc"
APMBC = (UNTC / "ottawa.html").read_bytes()
D = dt.date


def page_of(data: bytes) -> StatusPage:
    return parse_status_page(data, file="page.html")


def findings_of(data: bytes, dataset: Dataset) -> list[Finding]:
    return diff(page_of(data), dataset, file="page.html")


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def _row_span(data: bytes, name: str) -> tuple[int, int]:
    """Where the participant row of `name` starts and ends in the page's bytes."""
    match = re.search(
        rb"\t<tr class=\"trB\w+\">\r\n\t\t<td>(?:<A [^>]*>)?" + re.escape(name.encode()) + rb"[ <]",
        data,
    )
    assert match is not None, name
    end = data.index(b"</tr>\r\n", match.end()) + len(b"</tr>\r\n")
    return match.start(), end


def without_row(data: bytes, name: str) -> bytes:
    start, end = _row_span(data, name)
    return data[:start] + data[end:]


def in_row(data: bytes, name: str, old: str, new: str) -> bytes:
    start, end = _row_span(data, name)
    row = data[start:end]
    assert old.encode() in row, (name, old)
    return data[:start] + row.replace(old.encode(), new.encode(), 1) + data[end:]


def replaced(data: bytes, old: str | bytes, new: str | bytes, count: int = 1) -> bytes:
    old_b = old.encode() if isinstance(old, str) else old
    new_b = new.encode() if isinstance(new, str) else new
    assert data.count(old_b) >= count, old
    return data.replace(old_b, new_b, count)


def without_note(data: bytes, number: int) -> bytes:
    """The page without end note `number` and without the marks that point to it."""
    note = re.search(
        rb"<div id=\"[^\"]*_divNotesAll\" class=\"divNotesAll\"[^>]*><a name='"
        + str(number).encode()
        + rb"'>.*?</div>",
        data,
        re.S,
    )
    assert note is not None
    data = data[: note.start()] + data[note.end() :]
    mark = (
        rb" <SUP><A onclick='ShowNoteAll\(\)' href='#" + str(number).encode() + rb"' "
        rb"class='noteIndex'>\d+</A> </SUP>"
    )
    data, count = re.subn(mark, b"", data)
    assert count == 1
    return data


# The table's rows, to build pages with rows of a test's own.
_FIRST_ROW = APMBC.index(b'\t<tr class="trBWhite">')
_TABLE_END = APMBC.index(b"</table>", _FIRST_ROW)


def with_rows(*rows: str, header: str | None = None) -> bytes:
    """The APMBC page with its participant rows replaced by `rows` (each a <tr>...</tr>)."""
    head = APMBC[:_FIRST_ROW]
    if header is not None:
        start = head.index(b'<tr class="thead-one">')
        head = head[:start] + header.encode() + b"\r\n"
    return head + "\r\n".join(rows).encode() + b"\r\n" + APMBC[_TABLE_END:]


def tr(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


# --- the fixtures ----------------------------------------------------------------------------

BLOBS = {
    "ottawa.html": "8d4f79d7074a0417628b5c529176316265b66d18",
    "ccm.html": "55b6e3edcfb1fd4fbb10e2d9b9ccfc7d081a7f5e",
    "cwc.html": "6d6518aa68e0a21820a2f34b8cd07a8145b24b66",
    "att.html": "c00a4a6e3b7be235762052457685173e6c201a08",
    "tpnw.html": "f42aa90783499174970c5f2215d567de0a5b9456",
}


@pytest.mark.parametrize("name", sorted(BLOBS))
def test_each_fixture_is_the_public_copy_byte_for_byte(name: str) -> None:
    data = (UNTC / name).read_bytes()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    assert blob == BLOBS[name]
    readme = (UNTC / "README.md").read_text(encoding="utf-8")
    assert blob in readme and f"data/raw/arms_control/html/{name}" in readme
    assert "746a24fa99b65d0834f8cd6b79f458a180c338cf" in readme


# --- the five real pages ---------------------------------------------------------------------

# Read off each page by hand: participants, bracketed, printed counts, end notes, withdrawals
# (State of the row that points to the note: received, takes effect, in effect as at the page).
REAL = {
    "ottawa.html": {
        "mtdsg": "XXVI-5",
        "title": "Convention on the Prohibition of the Use, Stockpiling, Production and "
        "Transfer of Anti-Personnel Mines and on their Destruction",
        "entry_into_force": D(1999, 3, 1),
        "participants": 166,
        "bracketed": ["Estonia", "Finland", "Latvia", "Lithuania"],
        "signatories": 132,
        "parties": 162,
        "notes": 12,
        "withdrawals": {
            "Estonia": (D(2025, 6, 27), D(2025, 12, 27), True),
            "Finland": (D(2025, 7, 10), D(2026, 1, 10), True),
            "Latvia": (D(2025, 6, 27), D(2025, 12, 27), True),
            "Lithuania": (D(2025, 6, 27), D(2025, 12, 27), True),
            "Poland": (D(2025, 8, 20), D(2026, 2, 20), False),
        },
    },
    "ccm.html": {
        "mtdsg": "XXVI-6",
        "title": "Convention on Cluster Munitions",
        "entry_into_force": D(2010, 8, 1),
        "participants": 125,
        "bracketed": ["Lithuania"],
        "signatories": 107,
        "parties": 112,
        "notes": 8,
        "withdrawals": {"Lithuania": (D(2024, 9, 6), D(2025, 3, 6), True)},
    },
    "att.html": {
        "mtdsg": "XXVI-8",
        "title": "Arms Trade Treaty",
        "entry_into_force": D(2014, 12, 24),
        "participants": 142,
        "bracketed": [],
        "signatories": 130,
        "parties": 117,
        "notes": 3,
        "withdrawals": {},
    },
    "cwc.html": {
        "mtdsg": "XXVI-3",
        "title": "Convention on the Prohibition of the Development, Production, Stockpiling "
        "and Use of Chemical Weapons and on their Destruction",
        "entry_into_force": D(1997, 4, 29),
        "participants": 194,
        "bracketed": [],
        "signatories": 165,
        "parties": 193,
        "notes": 6,
        "withdrawals": {},
    },
    "tpnw.html": {
        "mtdsg": "XXVI-9",
        "title": "Treaty on the Prohibition of Nuclear Weapons",
        "entry_into_force": D(2021, 1, 22),
        "participants": 99,
        "bracketed": [],
        "signatories": 95,
        "parties": 74,
        "notes": 1,
        "withdrawals": {},
    },
}


def _withdrawals(page: StatusPage) -> dict[str, tuple[D | None, D | None, bool | None]]:
    found: dict[str, tuple[D | None, D | None, bool | None]] = {}
    for note in page.notes:
        for w in note.withdrawals:
            (row,) = page.referring_to(note.number)
            found[row.name] = (w.received, w.takes_effect, w.in_effect)
    return found


@pytest.mark.parametrize("name", sorted(REAL))
def test_each_real_page_parses_to_what_it_shows(name: str) -> None:
    page = read_status_page(UNTC / name)
    expected = REAL[name]
    assert page.file == str(UNTC / name)
    assert page.encoding == "utf-8 (declared)" and page.decoding_note is None
    assert page.as_at == D(2026, 2, 3)
    assert page.chapter == "XXVI"
    assert page.mtdsg == expected["mtdsg"]
    assert page.title == expected["title"]
    assert page.entry_into_force == expected["entry_into_force"]
    assert len(page.participants) == expected["participants"]
    assert [p.name for p in page.bracketed] == expected["bracketed"]
    assert (page.signatories, page.parties) == (expected["signatories"], expected["parties"])
    assert len(page.notes) == expected["notes"]
    assert [n.number for n in page.notes] == [str(i) for i in range(1, len(page.notes) + 1)]
    assert _withdrawals(page) == expected["withdrawals"]
    assert page.unread == ()
    assert all(p.unread == () for p in page.participants)
    assert all(n.unread == () and n.revocations == () for n in page.notes)
    assert all(p.line is not None for p in page.participants)


@pytest.mark.parametrize("name", sorted(REAL))
def test_the_printed_counts_are_the_unbracketed_cells(name: str) -> None:
    page = read_status_page(UNTC / name)
    signed = [p for p in page.participants if p.signature and not p.signature.bracketed]
    bound = [p for p in page.participants if p.instrument and not p.instrument.bracketed]
    assert (len(signed), len(bound)) == (page.signatories, page.parties)


def test_the_apmbc_page_in_detail() -> None:
    page = read_status_page(UNTC / "ottawa.html")
    assert page.concluded == "Oslo, 18 September 1997"
    assert page.entry_into_force_text == "1 March 1999, in accordance with article 17(1)."
    assert [c.kind for c in page.columns] == ["participant", "signature", "instrument"]
    assert dict(page.columns[2].legend) == {
        "": "ratification",
        "A": "acceptance",
        "AA": "approval",
        "a": "accession",
        "d": "succession",
    }
    by_name = {p.name: p for p in page.participants}
    afghanistan = page.participants[0]
    assert (afghanistan.name, afghanistan.line, afghanistan.signature) == (
        "Afghanistan",
        1003,
        None,
    )
    assert afghanistan.instrument is not None
    assert (afghanistan.instrument.kind, afghanistan.instrument.date) == (
        "accession",
        D(2002, 9, 11),
    )
    for name, kind, mark in (
        ("Japan", "acceptance", "A"),
        ("Slovakia", "approval", "AA"),
        ("Montenegro", "succession", "d"),
        ("Albania", "ratification", ""),
    ):
        instrument = by_name[name].instrument
        assert instrument is not None and (instrument.kind, instrument.mark) == (kind, mark)
    lithuania = by_name["Lithuania"]
    assert lithuania.bracketed and lithuania.marks == ("4",) and lithuania.declarations
    assert lithuania.signature is not None and lithuania.signature.bracketed
    assert lithuania.signature.date == D(1999, 2, 26)
    assert lithuania.instrument is not None and lithuania.instrument.bracketed
    assert by_name["Ukraine"].marks == ("10", "11")
    assert not by_name["Ukraine"].declarations and by_name["Argentina"].declarations
    assert "Bolivia (Plurinational State of)" in by_name and "Türkiye" in by_name
    poland = page.note("8")
    assert poland is not None
    assert poland.withdrawals == (
        Withdrawal(
            state="Poland",
            received=D(2025, 8, 20),
            takes_effect=D(2026, 2, 20),
            in_effect=False,
            conditional=True,
            notification="C.N.421.2025.TREATIES-XXVI-5",
            text=poland.withdrawals[0].text,
        ),
    )
    assert not by_name["Poland"].bracketed  # received, not yet in effect on 3 Feb 2026
    estonia = page.note("1")
    assert estonia is not None and estonia.withdrawals[0].notification == (
        "C.N.360.2025.TREATIES-XXVI-5"
    )
    assert estonia.text.startswith("On 27 June 2025, the Government of the Republic of Estonia")
    mauritius = page.note("5")
    assert mauritius is not None and len(mauritius.communications) == 1
    assert mauritius.communications[0].state == "Mauritius"
    assert mauritius.communications[0].date == D(2020, 1, 9)
    assert mauritius.communications[0].notification == "C.N.52.2020.TREATIES-XXVI.5"
    ukraine = [page.note("10"), page.note("11")]
    assert [(c.state, c.date) for n in ukraine if n for c in n.communications] == [
        ("Ukraine", D(2016, 3, 30)),
        ("Ukraine", D(2018, 5, 31)),
    ]


def test_provisional_application_on_the_cluster_munitions_page() -> None:
    page = read_status_page(UNTC / "ccm.html")
    assert page.columns[2].kind == "provisional application"
    by_name = {p.name: p for p in page.participants}
    belize = by_name["Belize"].provisional_application
    assert belize is not None and (belize.date, belize.mark) == (D(2014, 9, 2), "n")
    declared = [a.state for n in page.notes for a in n.provisional_applications]
    assert declared == ["Belize", "Lithuania", "Norway", "Switzerland"]
    norway = page.note("6")
    assert norway is not None
    # The declaration quoted on the next line belongs to the notification that announces it.
    assert norway.provisional_applications[0].text.endswith(
        "will apply provisionally Article I of this Convention pending its entry into force for "
        "Norway.\u201d"
    )
    lithuania = page.note("3")
    assert lithuania is not None
    assert lithuania.withdrawals[0].notification == "C.N.347.2024.TREATIES-XXVI-6"
    assert by_name["Lithuania"].provisional_application is not None
    assert by_name["Lithuania"].provisional_application.bracketed


def test_communications_on_the_chemical_weapons_page() -> None:
    page = read_status_page(UNTC / "cwc.html")
    note = page.note("6")
    assert note is not None
    assert [(c.state, c.date) for c in note.communications] == [
        ("United Kingdom of Great Britain and Northern Ireland", D(2005, 10, 26)),
        ("Argentina", D(2005, 11, 14)),
        ("Spain", D(2005, 12, 29)),
        (None, D(2006, 4, 27)),
    ]
    assert page.note("1") is not None and page.referring_to("1") == ()  # called from the header


def test_a_signatory_that_will_not_become_a_party_is_not_bracketed() -> None:
    page = read_status_page(UNTC / "att.html")
    (usa,) = [p for p in page.participants if p.name == "United States of America"]
    assert usa.signature is not None and usa.instrument is None and not usa.bracketed
    note = page.note(usa.marks[0])
    assert note is not None and note.withdrawals == ()
    assert note.communications[0].date == D(2019, 7, 18)


# --- the shapes of the other bundled treaties' pages ------------------------------------------

# The instruments column of the APMBC page, whose legend the tests below extend.
APMBC_LEGEND = "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"
TERRITORIAL = (
    '<div class="bold">Territorial Application</div>'
    '<table id="tblDec"><tr class="thead-one"><td>Participant<br></td>'
    "<td>Date of receipt of the notification<br></td><td>Territories<br></td></tr>"
    "<tr><td>Netherlands (Kingdom of the) <SUP><A href='#7'>7</A></SUP></td>"
    "<td>17 Dec 1997</td><td>Netherlands Antilles</td></tr>"
    "<tr><td>&nbsp;</td><td>18 Dec 2000</td><td>Aruba</td></tr></table>"
)
PROTOCOLS = (
    '<table id="Table1"><tr class="thead-one"><td>Participant<br></td><td>Protocol I<br></td>'
    "<td>Protocol II<br></td><td>Protocol III<br></td></tr>"
    "<tr><td><Column>Afghanistan<br></td><td><Column>x<br></td><td><Column><br></td>"
    "<td><Column>x (18 July 2002)<br></td></tr></table>"
)


def after_the_table(data: bytes, html: str) -> bytes:
    """The page with `html` right after its participant table (where the CCW's pages, ENMOD's,
    the OPCAT's and the CRC's hold their second table)."""
    end = data.index(b"</table>", data.index(b"_tblgrid")) + len(b"</table>")
    return data[:end] + html.encode() + data[end:]


@pytest.mark.parametrize(
    ("html", "kind", "rows"),
    [
        (
            TERRITORIAL,
            "territorial application",
            [
                ("Netherlands (Kingdom of the)", "17 Dec 1997", "Netherlands Antilles"),
                ("", "18 Dec 2000", "Aruba"),
            ],
        ),
        (PROTOCOLS, "consent to protocols", [("Afghanistan", "x", "", "x (18 July 2002)")]),
    ],
    ids=["territorial-application", "ccw-protocols-i-iii"],
)
def test_a_second_table_after_the_participant_table_is_kept_and_is_not_participants(
    real: Dataset, html: str, kind: str, rows: list[tuple[str, ...]]
) -> None:
    page = page_of(after_the_table(APMBC, html))
    assert len(page.participants) == 166 and page.table_line == 997
    (other,) = page.other_tables
    assert (other.kind, list(other.rows), other.columns[0]) == (kind, rows, "Participant")
    assert diff(page, real, file="page.html") == []


def test_a_second_table_alone_is_no_participant_table() -> None:
    start = APMBC.index(
        b'<table id="ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_tblgrid"'
    )
    end = APMBC.index(b"</table>", start) + len(b"</table>")
    with pytest.raises(NotAStatusPage, match="no participant table"):
        page_of(APMBC[:start] + TERRITORIAL.encode() + APMBC[end:])


def test_a_second_table_of_another_header_is_still_a_second_participant_table() -> None:
    other = TERRITORIAL.replace("Territories", "Remarks")
    with pytest.raises(NotAStatusPage, match="2 participant tables"):
        page_of(after_the_table(APMBC, other))


def note_marks(*numbers: str) -> str:
    """Footnote marks as the pages print them after a name or a header."""
    links = ", ".join(
        f"<A onclick='ShowNoteAll()' href='#{n}' class='noteIndex'>{n}</A>" for n in numbers
    )
    return f" <SUP>{links} </SUP>"


def test_marks_after_the_participant_header_are_the_column_s_not_a_state_s(
    real: Dataset,
) -> None:
    # CERD's, the CAT's, the ICESCR's and OP1's pages: "Participant <SUP>3</SUP>", a note on a
    # State that has no row of its own (the German Democratic Republic, the Republic of China).
    page = page_of(replaced(APMBC, ">Participant<br>", f">Participant{note_marks('11', '12')}<br>"))
    participant = page.columns[0]
    assert (participant.kind, participant.header, participant.marks) == (
        "participant",
        "Participant",
        ("11", "12"),
    )
    assert len(page.participants) == 166 and page.participants[0].name == "Afghanistan"
    assert diff(page, real, file="page.html") == []


def test_a_second_table_whose_header_has_marks_is_still_known_by_its_header() -> None:
    territorial = TERRITORIAL.replace(
        "<td>Participant<br>", f"<td>Participant{note_marks('7')}<br>"
    )
    page = page_of(after_the_table(APMBC, territorial))
    (other,) = page.other_tables
    assert (other.kind, other.columns) == (
        "territorial application",
        ("Participant", "Date of receipt of the notification", "Territories"),
    )


def test_a_header_mark_that_points_to_no_note() -> None:
    data = replaced(APMBC, ">Participant<br>", f">Participant{note_marks('99')}<br>")
    with pytest.raises(NotAStatusPage, match="column 'Participant' refers to end note '99'"):
        page_of(data)


def test_consent_to_be_bound_with_no_signature_column_is_read_as_consent() -> None:
    header = (
        '<tr class="thead-one"><td>Participant</td>'
        "<td>Consent to be bound(P), Succession(d)</td></tr>"
    )
    page = page_of(
        with_rows(tr("Atlantis", "3 Dec 1997 P"), tr("Narnia", "[4 Dec 1998 d]"), header=header)
    )
    assert [c.kind for c in page.columns] == ["participant", "instrument"]
    atlantis, narnia = page.participants
    assert atlantis.signature is None and atlantis.instrument is not None
    assert (atlantis.instrument.kind, atlantis.instrument.mark) == ("consent to be bound", "P")
    assert narnia.instrument is not None and narnia.instrument.kind == "succession"


def test_no_signature_column_is_still_refused_without_a_consent_to_be_bound() -> None:
    header = f'<tr class="thead-one"><td>Participant</td><td>{APMBC_LEGEND}</td></tr>'
    with pytest.raises(NotAStatusPage, match="the participant table has no signature column"):
        page_of(with_rows(tr("Atlantis", "3 Dec 1997 a"), header=header))


def test_a_signature_where_the_page_has_no_signature_column_is_a_difference(
    tmp_path: Path,
) -> None:
    # A CCW protocol is not signed (CCW Art. 4(3)-(4)): a signature in the data is no record's.
    acceptance = "      - {kind: acceptance, date: 2017-08-09, source: untc}\n"
    signature = "      - {kind: signature, date: 2017-08-01, source: untc}\n"
    text = TREATIES["ccw-p4"].read_text(encoding="utf-8")
    (tmp_path / "treaties").mkdir()
    target = tmp_path / "treaties" / "ccw-p4.yaml"
    target.write_text(text.replace(acceptance, signature + acceptance, 1), encoding="utf-8")
    loaded = load(target)
    assert loaded.dataset is not None and loaded.findings == []
    page = read_status_page(UNTC / "ccw-p4.html")
    assert [(f.code, f.message) for f in diff(page, loaded.dataset, file="p.html")] == [
        ("OTT305", "Afghanistan: signature: the page has no Signature column, the data 1 Aug 2017")
    ]


def with_legend(data: bytes, extra: str) -> bytes:
    return replaced(data, f"{APMBC_LEGEND}<br>", f"{APMBC_LEGEND}, {extra}<br>")


@pytest.mark.parametrize(
    ("extra", "mark", "kind", "recorded_as"),
    [
        ("Consent to be bound(P)", "P", "consent to be bound", "acceptance"),
        ("Formal confirmation(c)", "c", "formal confirmation", "ratification"),
    ],
)
def test_a_kind_the_data_lacks_matches_the_kind_the_data_records_it_as(
    real: Dataset, extra: str, mark: str, kind: str, recorded_as: str
) -> None:
    # Japan's acceptance and Albania's ratification, printed with the mark of each kind.
    japan = in_row(with_legend(APMBC, extra), "Japan", "1998 A<", f"1998 {mark}<")
    albania = in_row(with_legend(APMBC, extra), "Albania", "2000 <", f"2000 {mark}<")
    page = page_of(japan if recorded_as == "acceptance" else albania)
    assert {p.instrument.kind for p in page.participants if p.instrument} >= {kind}
    assert diff(page, real, file="page.html") == []
    other = page_of(albania if recorded_as == "acceptance" else japan)
    (finding,) = diff(other, real, file="page.html")
    assert finding.code == "OTT306"
    assert f"the page has {kind} (recorded as {recorded_as}) deposited" in finding.message


def test_a_formal_confirmation_column_is_read() -> None:
    header = (
        '<tr class="thead-one"><td>Participant</td><td>Signature</td>'
        "<td>Formal confirmation(c), Accession(a), Ratification</td></tr>"
    )
    page = page_of(with_rows(tr("European Union", "30 Mar 2007", "23 Dec 2010 c"), header=header))
    (eu,) = page.participants
    assert eu.instrument is not None and (eu.instrument.kind, eu.instrument.mark) == (
        "formal confirmation",
        "c",
    )


@pytest.mark.parametrize(
    ("heading", "mtdsg", "title"),
    [
        (
            "9. b\r\n   Optional Protocol to the Convention",
            "XXVI-9-b",
            "Optional Protocol to the Convention",
        ),
        ("11. d Optional Protocol", "XXVI-11-d", "Optional Protocol"),
        ("5. \r\n\r\n   International Convention", "XXVI-5", "International Convention"),
        ("2. a\r\n   Additional Protocol", "XXVI-2-a", "Additional Protocol"),
    ],
    ids=["9-b", "11-d-one-line", "5-no-letter", "2-a"],
)
def test_a_heading_number_with_a_letter_is_the_reference_not_the_title(
    heading: str, mtdsg: str, title: str
) -> None:
    start = APMBC.index(b"5. \r\n", APMBC.index(b'class="treatyCenter"'))
    end = APMBC.index(b"</div>", start)
    page = page_of(APMBC[:start] + heading.encode() + b"\r\n" + APMBC[end:])
    assert (page.mtdsg, page.title) == (mtdsg, title)


def test_a_reference_read_from_the_address_keeps_its_letter_in_lower_case() -> None:
    start = APMBC.index(b"5. \r\n", APMBC.index(b'class="treatyCenter"'))
    data = APMBC[:start] + APMBC[start + 3 :]  # the heading without its number
    data = data.replace(b"mtdsg_no=XXVI-5&", b"mtdsg_no=iv-9-B&")
    assert page_of(data).mtdsg == "IV-9-b"


@pytest.mark.parametrize(
    "sentence",
    [
        "notified the Secretary-General of its decision to withdraw the following reservation "
        "made upon ratification:",
        "informed the Secretary-General of its decision to withdraw the interpretative "
        "declaration made upon ratification.",
        "notified the Secretary-General that its notification of withdrawal of reservations was "
        "signed on 9 January 2011.",
        "notified the Secretary-General of its decision to withdraw its territorial exclusion.",
        # CEDAW's page (the Republic of Korea, Thailand) and the ICCPR's (France, Iceland): the
        # time the withdrawal takes effect comes before what is withdrawn.
        "notified the Secretary-General of its decision to withdraw, with effect as from that "
        "date, the reservation made upon ratification to the extent that they apply to article 16.",
        "notified the Secretary-General of its decision to withdraw as of 30 March 2016, the "
        "reservation to paragraph 3(a) of article 8, made upon ratification.",
        "notified the Secretary-General its decision to withdraw one of the reservations made "
        "upon accession to the Convention, i.e., that relating to article 9 (2).",
        # OP-CEDAW's page (Colombia).
        "notified the Secretary-General of its decision to withdraw the remaining declaration it "
        "made upon ratification.",
    ],
    ids=[
        "following-reservation",
        "interpretative-declaration",
        "of-reservations",
        "exclusion",
        "with-effect-as-from-that-date",
        "as-of-a-date",
        "one-of-the-reservations",
        "remaining-declaration",
    ],
)
def test_withdrawing_a_reservation_or_a_declaration_is_no_withdrawal_from_the_treaty(
    real: Dataset, sentence: str
) -> None:
    old = "On 30 March 2016, the Government of Ukraine made a communication."
    data = replaced(APMBC, old, f"On 30 March 2016, the Government of Ukraine {sentence}")
    page = page_of(data)
    note = page.note("10")
    assert note is not None and note.withdrawals == ()
    assert [(c.state, c.date) for c in note.communications] == [("Ukraine", D(2016, 3, 30))]
    assert diff(page, real, file="page.html") == []


@pytest.mark.parametrize(
    "decision",
    [
        "decision to withdraw from the Convention.",
        "decision to withdraw, as from that date, from it.",
    ],
)
def test_a_decision_to_withdraw_from_the_treaty_is_still_a_withdrawal(
    real: Dataset, decision: str
) -> None:
    old = "On 30 March 2016, the Government of Ukraine made a communication."
    new = (
        "On 30 March 2016, the Government of Ukraine notified the Secretary-General of its "
        + decision
    )
    page = page_of(replaced(APMBC, old, new))
    note = page.note("10")
    assert note is not None and [(w.state, w.received) for w in note.withdrawals] == [
        ("Ukraine", D(2016, 3, 30))
    ]
    assert "OTT309" in codes(diff(page, real, file="page.html"))


@pytest.mark.parametrize(
    ("sentence", "takes_effect"),
    [
        ("notified the Secretary-General of its denunciation of the Protocol.", None),
        (
            "notified the Secretary-General of its denunciation of the Optional Protocol with "
            "effect from 30 June 2016 in accordance with article 12(1) of the Optional Protocol.",
            D(2016, 6, 30),
        ),
        (
            "notified the Secretary-General that it had decided to denounce the said Optional "
            "Protocol with effect from 30 June 2016.",
            D(2016, 6, 30),
        ),
    ],
    ids=["its-denunciation", "its-denunciation-with-effect-from", "had-decided-to-denounce"],
)
def test_a_denunciation_in_the_words_of_the_iccpr_s_first_protocol_is_a_withdrawal(
    sentence: str, takes_effect: D | None
) -> None:
    # ICCPR-OP1's notes 2 (Guyana), 3 (Jamaica) and 6 (Belarus).
    old = "On 30 March 2016, the Government of Ukraine made a communication."
    page = page_of(replaced(APMBC, old, f"On 30 March 2016, the Government of Ukraine {sentence}"))
    note = page.note("10")
    assert note is not None and note.communications == () and note.unread == ()
    assert [(w.state, w.received, w.takes_effect, w.in_effect) for w in note.withdrawals] == [
        ("Ukraine", D(2016, 3, 30), takes_effect, None)
    ]


def test_a_quotation_that_ends_on_a_later_line_ends_there() -> None:
    # ICCPR-OP1's note 1: an objection quoted over several lines, and on its last line, after
    # the closing quote, the sentences on the State's denunciation.
    old = "On 30 March 2016, the Government of Ukraine made a communication."
    new = (
        "The Secretary-General received communications from the following States:<br>"
        "Italy (17 September 2016):<br>"
        '"The Government of the Italian Republic objects to the reservation.<br>'
        "This objection shall not preclude the entry into force of the Convention between Italy "
        'and Ukraine." The Government of Ukraine initially acceded to the Convention on 14 '
        "November 1980. On 30 March 2016, the Government of Ukraine informed the "
        "Secretary-General of its decision to denounce the Convention with effect from 30 June "
        "2016."
    )
    note = page_of(replaced(APMBC, old, new)).note("10")
    assert note is not None
    assert [(w.state, w.received, w.takes_effect) for w in note.withdrawals] == [
        ("Ukraine", D(2016, 3, 30), D(2016, 6, 30))
    ]


def test_an_effect_told_after_a_reservation_is_withdrawn_is_the_reservation_s() -> None:
    old = "On 30 March 2016, the Government of Ukraine made a communication."
    new = (
        "On 9 December 2014, the Secretary-General was notified of the Government of Ukraine's "
        "decision to withdraw the reservations to articles 7 and 9. The Government of Ukraine "
        "considers that the withdrawal took effect on 14 January 2011."
    )
    note = page_of(replaced(APMBC, old, new)).note("10")
    assert note is not None and note.withdrawals == () and note.unread == ()
    assert note.communications[0].text.endswith("took effect on 14 January 2011.")


def test_the_instrument_of_withdrawal_told_after_a_declaration_is_withdrawn_is_its_own() -> None:
    # The ICCPR's note 41 (Thailand): "decided to withdraw its declarations", then "The
    # instrument of withdrawal included an annex": the same instrument, not a withdrawal from
    # the treaty with no date.
    old = "On 30 March 2016, the Government of Ukraine made a communication."
    new = (
        "On 30 March 2016, the Government of Ukraine notified the Secretary-General that it had "
        "decided to withdraw its declarations made upon accession.<br>The instrument of "
        "withdrawal included an annex which read as follows:<br>The Government declares that "
        "the law has been amended."
    )
    note = page_of(replaced(APMBC, old, new)).note("10")
    assert note is not None and note.withdrawals == () and note.unread == ()
    (communication,) = note.communications
    assert (communication.state, communication.date) == ("Ukraine", D(2016, 3, 30))
    assert communication.text.endswith("The Government declares that the law has been amended.")


def test_a_withdrawal_circulated_under_an_old_style_notification_is_dated_by_its_receipt() -> None:
    # The ICCPR's note 8 (the Democratic People's Republic of Korea): "C.N.467.1997.TREATIES-10"
    # numbers the notification the depositary's old way; its date is the circulation's.
    old = "On 30 March 2016, the Government of Ukraine made a communication."
    new = (
        "On 25 August 1997, the Secretary-General received from the Government of Ukraine a "
        "notification of withdrawal from the Convention, dated 23 August 1997.<br>The above "
        "notification of withdrawal and the aide-m\u00e9moire were duly circulated to all States "
        "Parties under cover of C.N.467.1997.TREATIES-10 of 12 November 1997."
    )
    note = page_of(replaced(APMBC, old, new)).note("10")
    assert note is not None and note.unread == ()
    assert [(w.state, w.received, w.notification) for w in note.withdrawals] == [
        ("Ukraine", D(1997, 8, 25), "C.N.467.1997.TREATIES-10")
    ]


def test_a_notification_an_earlier_statement_was_published_in_is_not_the_fact_s() -> None:
    # The CAT's note 30 (Thailand) and OP-CEDAW's note 6 (Colombia, "TREATIES-IV.8.b").
    old = "On 30 March 2016, the Government of Ukraine made a communication."
    new = (
        "On 30 March 2016, the Government of Ukraine notified the Secretary-General its decision "
        "to withdraw the interpretative declaration made upon its accession to the Convention "
        "and which was published in depositary notification C.N.979.2007.TREATIES-IV.8.b of 2 "
        "October 2007.<br>(Refer to depositary notification C.N.395.2023.TREATIES-IV.9 of 28 "
        "September 2023)."
    )
    note = page_of(replaced(APMBC, old, new)).note("10")
    assert note is not None
    (communication,) = note.communications
    assert communication.notification == "C.N.395.2023.TREATIES-IV.9"
    assert "C.N.979.2007.TREATIES-IV.8.b" in note.notifications


DENOUNCED_AND_REACCEDED = (
    "The Government of Albania acceded to the Convention on 29 February 2000. On 4 January 2010, "
    "the Government of Albania informed the Secretary-General of its decision to denounce the "
    "Convention with effect from 4 July 2010. On that same date, the Government of Albania "
    "re-acceded to the Convention with a reservation."
)


def with_albania_note(data: bytes, text: str) -> bytes:
    """The page with an end note 13 of `text`, to which Albania's row points."""
    data = in_row(data, "Albania", "Albania<br>", f"Albania{note_marks('13')}<br>")
    last = data.rindex(b"<div id=", 0, data.index(b"<a name='12'>"))
    note = (
        '<div class="divNotesAll" style="text-align: justify"><a name=\'13\'>13</a>'
        f"<index></index>{text}<br><br></div>\r\n"
    )
    return data[:last] + note.encode() + data[last:]


def test_a_reaccession_on_that_same_date_is_read_as_of_the_sentence_before() -> None:
    # ICCPR-OP1's notes 1 and 2 (Trinidad and Tobago, Guyana): "that same date" is the day the
    # notice of denunciation was received, not the day it took effect.
    note = page_of(with_albania_note(APMBC, DENOUNCED_AND_REACCEDED)).note("13")
    assert note is not None and note.unread == () and note.communications == ()
    assert [(w.state, w.received, w.takes_effect) for w in note.withdrawals] == [
        ("Albania", D(2010, 1, 4), D(2010, 7, 4))
    ]
    assert [(r.state, r.date) for r in note.reaccessions] == [("Albania", D(2010, 1, 4))]


def test_the_objections_to_a_reaccession_are_no_reaccession() -> None:
    objection = (
        "On 4 January 2011, the Government of Italy objected to the procedure followed by Albania, "
        "of denouncing the Convention followed by a re-accession with reservations, and welcomed "
        "its decision to reaccede."
    )
    note = page_of(with_albania_note(APMBC, objection)).note("13")
    assert note is not None and note.reaccessions == ()


def test_a_date_off_the_calendar_in_a_sentence_that_tells_no_fact_is_no_reason_to_refuse() -> None:
    # The date of each sentence is kept for a re-accession "on that same date" after it; only a
    # fact's own date must be on the calendar.
    old = "On 30 March 2016, the Government of Ukraine made a communication."
    new = "The Government of Ukraine recalled its letter of 31 February 2016."
    note = page_of(replaced(APMBC, old, new)).note("10")
    assert note is not None and note.communications == () and note.reaccessions == ()


@pytest.fixture(scope="module")
def reacceded(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The Mine Ban Convention's data with Albania's denunciation and re-accession the same day."""
    text = TREATIES["apmbc"].read_text(encoding="utf-8")
    start = text.index('  - state: "Albania"')
    ratified = "        entry_into_force: {date: 2000-08-01, source: nl-treaty-database}\n"
    end = text.index(ratified, start) + len(ratified)
    denounced = (
        "      - {kind: withdrawal, date: 2010-01-04, source: untc}\n"
        "      - {kind: accession, date: 2010-01-04, source: untc}\n"
    )
    target = tmp_path_factory.mktemp("reacceded") / "treaties" / "apmbc.yaml"
    target.parent.mkdir()
    target.write_text(text[:end] + denounced + text[end:], encoding="utf-8")
    loaded = load(target)
    assert loaded.dataset is not None and loaded.findings == []
    return loaded.dataset


def test_a_reaccession_an_end_note_tells_is_no_difference_from_the_row(reacceded: Dataset) -> None:
    # ICCPR-OP1's Trinidad and Tobago: the row shows the first instrument only; the data's last
    # instrument, the re-accession, is told in the end note the row points to.
    page = page_of(with_albania_note(APMBC, DENOUNCED_AND_REACCEDED))
    assert diff(page, reacceded, file="page.html") == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            " On that same date, the Government of Albania re-acceded to the Convention with a "
            "reservation.",
            "",
        ),
        ("On that same date", "On 4 July 2010"),
    ],
    ids=["not-told", "told-on-another-day"],
)
def test_a_reaccession_no_end_note_tells_on_its_day_is_a_difference(
    reacceded: Dataset, old: str, new: str
) -> None:
    page = page_of(with_albania_note(APMBC, DENOUNCED_AND_REACCEDED.replace(old, new)))
    assert [(f.code, f.message) for f in diff(page, reacceded, file="page.html")] == [
        (
            "OTT306",
            "Albania: instrument: the page has ratification deposited 29 Feb 2000, the data "
            "accession deposited 4 Jan 2010",
        )
    ]


# --- the comparison --------------------------------------------------------------------------


def test_every_code_has_a_meaning_and_a_severity() -> None:
    page_codes = [c for c in CODES if c.startswith("OTT3")]
    assert page_codes == [f"OTT3{n:02d}" for n in range(1, len(page_codes) + 1)]


def test_the_apmbc_page_diffs_clean(real: Dataset) -> None:
    assert diff(read_status_page(UNTC / "ottawa.html"), real, file="ottawa.html") == []


def test_every_apmbc_name_is_found_through_the_state_index(real: Dataset) -> None:
    page = read_status_page(UNTC / "ottawa.html")
    index = StateIndex(real.states)
    assert sorted(index.find(p.name).name for p in page.participants) == sorted(
        s.name for s in real.states if s.events
    )


def test_one_participant_removed_and_one_date_changed_are_two_findings(real: Dataset) -> None:
    data = without_row(APMBC, "Angola")
    data = in_row(data, "Japan", "30 Sep\t 1998 A", "1 Oct\t 1998 A")
    findings = findings_of(data, real)
    assert [(f.code, f.severity) for f in findings] == [("OTT304", "error"), ("OTT306", "error")]
    angola, japan = findings
    assert "Angola" in angola.message and "not on the page" in angola.message
    assert japan.message == (
        "Japan: instrument: the page has acceptance deposited 1 Oct 1998, the data acceptance "
        "deposited 30 Sep 1998"
    )
    assert (japan.file, japan.line, japan.field) == (
        "page.html",
        1378,
        "participants[75].instrument",
    )


def test_another_treaty_is_one_finding(real: Dataset) -> None:
    findings = diff(read_status_page(UNTC / "ccm.html"), real, file="ccm.html")
    assert codes(findings) == ["OTT301"]
    assert "Convention on Cluster Munitions" in findings[0].message


def test_a_signature_or_an_instrument_kind_that_differs(real: Dataset) -> None:
    data = in_row(APMBC, "Albania", "8 Sep\t 1998", "9 Sep\t 1998")
    data = in_row(data, "Afghanistan", "2002 a", "2002 d")
    findings = findings_of(data, real)
    assert [(f.code, f.message) for f in findings] == [
        (
            "OTT306",
            "Afghanistan: instrument: the page has succession deposited 11 Sep 2002, the data "
            "accession deposited 11 Sep 2002",
        ),
        ("OTT305", "Albania: signature: the page has 9 Sep 1998, the data 8 Sep 1998"),
    ]


def test_a_bracketed_state_the_data_has_not_withdrawn(real: Dataset) -> None:
    data = in_row(APMBC, "Poland", "27 Dec\t 2012 ", "[27 Dec\t 2012 ]")
    data = in_row(data, "Albania", "29 Feb\t 2000 ", "[29 Feb\t 2000 ]")
    findings = findings_of(data, real)
    assert [(f.code, f.message) for f in findings] == [
        (
            "OTT307",
            "Albania is [bracketed] on the page (withdrawn), but the data records no withdrawal",
        ),
        (
            "OTT307",
            "Poland is [bracketed] on the page (withdrawn), but the data's withdrawal (received "
            "20 Aug 2025) takes effect 20 Feb 2026, after the page's date (3 Feb 2026)",
        ),
    ]


def test_a_state_the_data_has_withdrawn_that_the_page_does_not_bracket(real: Dataset) -> None:
    data = in_row(APMBC, "Estonia", "[12 May\t 2004 a]", "12 May\t 2004 a")
    findings = findings_of(data, real)
    assert codes(findings) == ["OTT308"]
    assert findings[0].message == (
        "Estonia: the data has it withdrawn from 27 Dec 2025, by the page's date (3 Feb 2026), "
        "but the page does not bracket it"
    )


def test_a_withdrawal_dated_differently_in_an_end_note(real: Dataset) -> None:
    data = replaced(
        APMBC,
        "took effect for Finland on 10 January 2026",
        "took effect for Finland on 11 January 2026",
    )
    data = replaced(
        data,
        "On 27 June 2025, the Government of the Republic of Latvia",
        "On 28 June 2025, the Government of the Republic of Latvia",
    )
    data = replaced(data, "C.N.421.2025</a>.TREATIES-XXVI-5", "C.N.422.2025</a>.TREATIES-XXVI-5")
    findings = findings_of(data, real)
    assert [(f.code, f.line) for f in findings] == [
        ("OTT310", 2082),
        ("OTT310", 2087),
        ("OTT310", 2112),
    ]
    assert findings[0].message == (
        "Finland: end note 2: the withdrawal received 10 Jul 2025 takes effect 11 Jan 2026; "
        "the data has 10 Jan 2026"
    )
    assert findings[1].message == (
        "Latvia: end note 3: a withdrawal received 28 Jun 2025; the data has it received "
        "27 Jun 2025"
    )
    assert "C.N.422.2025.TREATIES-XXVI-5" in findings[2].message
    assert "C.N.421.2025.TREATIES-XXVI-5" in findings[2].message


def test_a_withdrawal_the_data_lacks_and_one_no_note_records(real: Dataset) -> None:
    data = replaced(
        APMBC,
        "On 31 May 2018, the Government of Ukraine made a communication.",
        "On 31 May 2018, the Government of Ukraine made a communication. On 1 December 2025, "
        "the Government of Ukraine deposited with the Secretary-General a notification of "
        "withdrawal.",
    )
    data = replaced(
        data,
        "the Government of Finland deposited with the Secretary-General a notification of "
        "withdrawal",
        "the Government of Finland made a communication",
    )
    data = replaced(
        data, "The withdrawal took effect for Finland on 10 January 2026", "It is noted"
    )
    findings = findings_of(data, real)
    assert [(f.code, f.message) for f in findings] == [
        (
            "OTT311",
            "Finland: the data has a withdrawal received 10 Jul 2025 "
            "(C.N.372.2025.TREATIES-XXVI-5) that no end note on the page records",
        ),
        (
            "OTT309",
            "Ukraine: end note 11 records a withdrawal received 1 Dec 2025; the data has none",
        ),
    ]


def test_a_revoked_withdrawal_still_in_the_data(real: Dataset) -> None:
    data = replaced(
        APMBC,
        "subject to the condition set forth in the said paragraph.",
        "subject to the condition set forth in the said paragraph. On 1 October 2025, the "
        "Government of Poland notified the Secretary-General of its decision to rescind its "
        "notification of withdrawal.",
    )
    page = page_of(data)
    note = page.note("8")
    assert note is not None and note.revocations[0].date == D(2025, 10, 1)
    assert note.revocations[0].state == "Poland"
    findings = diff(page, real, file="page.html")
    assert [(f.code, f.line) for f in findings] == [("OTT312", 2112)]
    assert "revoked" in findings[0].message and "Poland" in findings[0].message


def test_names_that_changed_are_not_found_or_are_the_same_state(real: Dataset) -> None:
    data = in_row(APMBC, "Türkiye", "Türkiye", "Turkey")
    data = in_row(data, "Bolivia (Plurinational State of)", "State of", "Stat of")
    findings = findings_of(data, real)
    assert [(f.code, f.severity) for f in findings] == [
        ("OTT304", "error"),
        ("OTT302", "error"),
        ("OTT313", "warning"),
    ]
    assert findings[1].message == (
        "'Bolivia (Plurinational Stat of)' is on the page but is no State of the data (by name, "
        "alias or code); did you mean Bolivia (Plurinational State of)?"
    )
    assert findings[2].message == (
        "the page prints 'Turkey'; the data's name is 'Türkiye' (matched by alias or code): a "
        "name that changed?"
    )


def test_two_rows_for_one_state(real: Dataset) -> None:
    start, end = _row_span(APMBC, "Türkiye")
    row = APMBC[start:end].replace("Türkiye".encode(), b"Turkey")
    findings = findings_of(APMBC[:end] + row + APMBC[end:], real)
    assert codes(findings) == ["OTT303"]
    assert findings[0].message.startswith("'Turkey' and 'Türkiye' (line 1768) are both Türkiye")


def test_a_printed_count_that_differs_from_the_data(real: Dataset) -> None:
    data = re.sub(rb"Parties :\s+162", b"Parties : 163", APMBC)
    findings = findings_of(data, real)
    assert [(f.code, f.message) for f in findings] == [
        (
            "OTT314",
            "the page prints Parties: 163; the data has 162 States with an instrument deposited "
            "and not withdrawn on 3 Feb 2026",
        )
    ]


def test_an_older_page_differs_only_by_what_the_data_records_after_it(real: Dataset) -> None:
    # The page as it would have stood on 1 Mar 2025: before Marshall Islands ratified (12 Mar),
    # Tonga acceded (25 Jun) and the five withdrawals were received (27 Jun - 20 Aug).
    data = replaced(APMBC, "STATUS AS AT : 03-02-2026", "STATUS AS AT : 01-03-2025")
    for number in (1, 2, 3, 4, 8):
        data = without_note(data, number)
    for name, old in (
        ("Estonia", "[12 May\t 2004 a]"),
        ("Finland", "[ &nbsp;9 Jan\t 2012 a]"),
        ("Latvia", "[ &nbsp;1 Jul\t 2005 a]"),
        ("Lithuania", "[12 May\t 2003 ]"),
        ("Lithuania", "[26 Feb\t 1999 ]"),
    ):
        data = in_row(data, name, old, old.strip("[]"))
    data = in_row(data, "Marshall Islands", "12 Mar\t 2025 ", "&nbsp;")
    data = without_row(data, "Tonga")
    data = re.sub(rb"Signatories :\s+132\.", b"Signatories : 133.", data)
    data = re.sub(rb"Parties :\s+162", b"Parties : 164", data)
    findings = findings_of(data, real)
    assert {f.severity for f in findings} == {"warning"}
    assert codes(findings) == ["OTT317"] * 7
    messages = "\n".join(f.message for f in findings)
    for expected in (
        "Marshall Islands: ratification deposited 12 Mar 2025, after the page's date "
        "(1 Mar 2025): not on the page, as expected",
        "Tonga: the data's first entry (accession deposited 25 Jun 2025) is after the page's "
        "date (1 Mar 2025): not on the page, as expected",
        "Poland: withdrawal received 20 Aug 2025 (C.N.421.2025.TREATIES-XXVI-5), after the "
        "page's date (1 Mar 2025): not on the page, as expected",
    ):
        assert expected in messages
    for name in ("Estonia", "Finland", "Latvia", "Lithuania"):
        assert f"{name}: withdrawal received" in messages


def test_what_the_reader_could_not_read_is_reported(real: Dataset) -> None:
    data = in_row(APMBC, "Albania", "29 Feb\t 2000 ", "29 Feb\t 2000 x")
    data = in_row(data, "Algeria", "&nbsp;3 Dec\t 1997 ", "pending")
    findings = findings_of(data, real)
    assert [(f.code, f.severity) for f in findings] == [
        ("OTT315", "warning"),
        ("OTT315", "warning"),
    ]
    assert findings[0].message == (
        "Albania: instrument: the mark 'x' is not in the column's legend ('', 'A', 'AA', 'a', "
        "'d'): '29 Feb 2000 x'"
    )
    assert findings[1].message == "Algeria: signature: not a date: 'pending'"


def test_a_page_of_made_up_names_diffs_quickly(real: Dataset) -> None:
    # Every unknown name costs a fuzzy search for suggestions: the first 20 get them.
    findings = findings_of(with_rows(*[tr("Frnace", "3 Dec 1997", "")] * 5000), real)
    # The first 1,000 are listed, the other 4,000 counted in one more finding.
    assert codes(findings).count("OTT302") == 1001
    assert findings[-1].message == (
        "... and 4,000 more OTT302 findings, not listed (the first 1,000 are)"
    )
    assert (findings[-1].severity, findings[-1].line) == ("error", None)
    participants = sum(1 for s in real.states if s.events)
    assert codes(findings).count("OTT304") == participants
    assert len(findings) == 1001 + participants
    suggested = [f for f in findings if f.message.endswith("did you mean France?")]
    assert len(suggested) == 20


def test_a_note_nested_in_another_is_read_once_as_itself() -> None:
    nested = (
        "<div class='divNotesAll'><a name='100'>100</a>On 1 June 2020, the Government of "
        "Atlantis made a communication."
        "<div class='divNotesAll'><a name='101'>101</a>On 2 June 2020, the Government of "
        "Narnia deposited with the Secretary-General a notification of withdrawal."
        "<div class='divNotesAll'>102 On 3 June 2020, the Government of Oz made a "
        "communication.</div></div> Then the Government of Atlantis made another.</div>"
    )
    before = (
        b'<div id="ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_dgNotesAll_ctl13'
    )
    data = replaced(APMBC, before, nested.encode() + before)
    page = page_of(data)
    outer, middle, inner = page.note("100"), page.note("101"), page.note("102")
    assert outer is not None and middle is not None and inner is not None
    assert outer.text == (
        "On 1 June 2020, the Government of Atlantis made a communication. Then the Government "
        "of Atlantis made another."
    )
    assert outer.withdrawals == () and [w.state for w in middle.withdrawals] == ["Narnia"]
    assert "Narnia" not in outer.text and "Oz" not in middle.text
    assert [c.state for c in inner.communications] == ["Oz"]


def test_a_page_decoded_with_replacements_says_so(real: Dataset) -> None:
    data = in_row(APMBC, "Afghanistan", "Afghanistan", "Afgh\x00anistan")
    findings = findings_of(data, real)
    assert codes(findings) == ["OTT316", "OTT304", "OTT302"]
    assert "1 NUL or control characters replaced by U+FFFD" in findings[0].message
    assert "Afgh\ufffdanistan" in findings[2].message


# --- what cannot be read at all: usage errors ------------------------------------------------


def test_a_missing_file_or_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(PageFileError) as error:
        read_status_page(tmp_path / "no-such.html")
    assert str(error.value) == (
        f"{tmp_path / 'no-such.html'}: cannot read the status page: No such file or directory"
    )
    with pytest.raises(UsageError, match="cannot read the status page: Is a directory"):
        read_status_page(tmp_path)


def test_a_100_mb_page_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as handle:
        handle.truncate(100 * 2**20)  # sparse: nothing is written, nothing is read
    with pytest.raises(PageFileError) as error:
        read_status_page(big)
    assert str(error.value) == (
        f"{big}: 104,857,600 bytes is larger than the limit of 33,554,432 bytes (32 MiB) for a "
        "status page (a saved UNTC page is under 1 MiB)"
    )
    assert error.value.exit_code == 2


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_that_never_ends_is_refused_before_it_is_read() -> None:
    with pytest.raises(PageFileError) as error:
        read_status_page(Path("/dev/zero"))
    assert str(error.value) == "/dev/zero: cannot read the status page: not a regular file"


def test_bytes_over_the_limit_are_refused_before_decoding() -> None:
    with pytest.raises(PageFileError, match="33,554,433 bytes is larger than the limit"):
        parse_status_page(b"\xff" * (MAX_PAGE_BYTES + 1), file="x.html")


# --- what is not a status page: data errors --------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.html: empty: expected a UNTC status page (HTML)"),
        (b"\x00\x00\x00", "x.html: no participant table: expected a <table> whose"),
        (b'{"participants": []}', "x.html: no participant table: expected a <table> whose"),
        (b"<html><body><table><tr><td>Name</td></tr></table></body></html>", "x.html: no part"),
        (
            APMBC.replace(b"STATUS AS AT", b"STATUS"),
            "x.html: no 'STATUS AS AT' date: a UNTC status page says the day its record is as of",
        ),
        (APMBC[: APMBC.index(b"tblgrid")], "x.html: no participant table"),
    ],
)
def test_what_is_not_a_status_page(data: bytes, message: str) -> None:
    with pytest.raises(NotAStatusPage) as error:
        parse_status_page(data, file="x.html")
    assert str(error.value).startswith(message)
    assert isinstance(error.value, DataError) and error.value.exit_code == 1


@pytest.mark.parametrize(
    "cut",
    [
        APMBC.index(b"Zambia"),  # inside a row
        APMBC.index(b'\t<tr class="trBGGrey">\r\n\t\t<td>Albania'),  # between two rows
        _TABLE_END,  # the table's last row, not closed
        _TABLE_END + len(b"</table>"),  # right after it
    ],
)
def test_a_page_truncated_in_the_table(cut: int) -> None:
    with pytest.raises(NotAStatusPage) as error:
        parse_status_page(APMBC[:cut], file="x.html")
    assert str(error.value) == (
        "x.html: line 997: the page stops inside or right after the participant table: it looks "
        "truncated (a complete status page goes on with its end notes and footer)"
    )


def test_a_page_truncated_before_its_end_notes() -> None:
    cut = APMBC.index(b"dgNotesAll")
    with pytest.raises(NotAStatusPage) as error:
        parse_status_page(APMBC[:cut], file="x.html")
    assert str(error.value) == (
        "x.html: line 1253: 'Estonia' refers to end note '1', which is not on the page: the page "
        "looks truncated or altered"
    )


def test_malformed_html_that_keeps_the_table_is_read() -> None:
    table = APMBC[_FIRST_ROW:_TABLE_END]
    sloppy = table.replace(b"</td>", b"").replace(b"</tr>", b"").replace(b"<br>", b"<br/>")
    after = _TABLE_END + len(b"</table>")
    page = page_of(APMBC[:_FIRST_ROW] + sloppy + b"</table><p>stray</b></i>" + APMBC[after:])
    assert len(page.participants) == 166
    assert [p.name for p in page.bracketed] == ["Estonia", "Finland", "Latvia", "Lithuania"]


def test_malformed_html_that_loses_the_table() -> None:
    data = replaced(APMBC, b'<tr class="thead-one">', b'<tr class="thead-one"><td><table>')
    with pytest.raises(NotAStatusPage, match="no participant table"):
        page_of(
            replaced(
                APMBC,
                b'<table id="ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_tblgrid"',
                b"<tabel",
            )
        )
    with pytest.raises(NotAStatusPage, match="no participant table"):
        page_of(data)


def test_a_header_with_an_extra_column() -> None:
    data = replaced(APMBC, b"Succession(d)<br></td>", b"Succession(d)<br></td><td>Remarks</td>")
    with pytest.raises(NotAStatusPage) as error:
        page_of(data)
    assert str(error.value) == (
        "page.html: line 998: the participant table's column 4 is 'Remarks': 'Remarks' is no "
        "kind of instrument this reader knows; expected Participant, Signature, an optional "
        "'Provisional application' column, and the instruments column, whose header is its "
        "legend (e.g. 'Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)')"
    )


def test_a_header_with_a_missing_column() -> None:
    data = re.sub(
        rb"\t\t<td valign=\"bottom\">Ratification, Acceptance.*?</td>\r\n", b"", APMBC, count=1
    )
    with pytest.raises(NotAStatusPage) as error:
        page_of(data)
    assert str(error.value).startswith(
        "page.html: line 998: the participant table has no instrument column (its columns: "
        "'Participant', 'Signature'); expected Participant, Signature,"
    )


@pytest.mark.parametrize(
    ("old", "new", "cells"),
    [
        ("<td>29 Feb\t 2000 <br></td>", "<td>29 Feb\t 2000 <br></td><td></td>", 4),
        ("<td>29 Feb\t 2000 <br></td>", "", 2),
    ],
)
def test_a_row_with_an_extra_or_a_missing_cell(old: str, new: str, cells: int) -> None:
    with pytest.raises(NotAStatusPage) as error:
        page_of(in_row(APMBC, "Albania", old, new))
    assert str(error.value) == (
        f"page.html: line 1008: row 2 ('Albania') of the participant table has {cells} cells; "
        "its header (line 998) has 3: 'Participant', 'Signature', 'Ratification, Acceptance(A), "
        "Approval...'"
    )


def test_a_row_with_no_name_and_a_table_with_no_rows() -> None:
    with pytest.raises(NotAStatusPage, match="line 1003: row 1 of the participant table has no"):
        page_of(in_row(APMBC, "Afghanistan", "Afghanistan", "[ ]"))
    with pytest.raises(NotAStatusPage, match="the participant table has a header but no rows"):
        page_of(with_rows())


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deep_nesting_is_refused_at_once(depth: int) -> None:
    data = b"<html><body>" + b"<div>" * depth + b"</div>" * depth + APMBC
    with pytest.raises(NotAStatusPage) as error:
        page_of(data)
    assert str(error.value) == (
        "page.html: line 1: elements nested more than 255 deep; the parser stops there (a UNTC "
        "status page nests about 25 deep): not a status page"
    )


FAKE_TABLE = (
    "<table><tr><td>Participant</td><td>Signature</td><td>Ratification</td></tr>"
    "<tr><td>Atlantis</td><td>1 Jan 2000</td><td>2 Jan 2000</td></tr></table>"
)


def test_fake_tables_in_scripts_styles_and_comments_are_not_the_page() -> None:
    hidden = (
        f"<script>document.write('{FAKE_TABLE}'); var s = 'STATUS AS AT : 01-01-1999';</script>"
        f"<style>/* {FAKE_TABLE} */ td {{ color: red }}</style>"
        f"<!-- {FAKE_TABLE} -->"
        f"<noscript>{FAKE_TABLE}</noscript>"
        f"<template>{FAKE_TABLE}</template>"
    ).encode()
    body = APMBC.index(b"<body")
    page = page_of(APMBC[:body] + b"<body>" + hidden + APMBC[body:])
    assert len(page.participants) == 166 and "Atlantis" not in {p.name for p in page.participants}
    assert page.as_at == D(2026, 2, 3)
    nested = f"<noscript><div>STATUS AS AT : 01-01-1999</div>{FAKE_TABLE}</noscript>".encode()
    assert page_of(APMBC[:body] + b"<body>" + nested + APMBC[body:]).as_at == D(2026, 2, 3)


def test_a_page_whose_only_table_is_in_a_script() -> None:
    data = f"<html><body><script>var t = '{FAKE_TABLE}';</script><p>end</p></body></html>"
    with pytest.raises(NotAStatusPage, match="no participant table"):
        page_of(data.encode())


def test_two_participant_tables_are_refused() -> None:
    body = APMBC.index(b"<body")
    data = APMBC[:body] + b"<body>" + FAKE_TABLE.encode() + APMBC[body:]
    with pytest.raises(NotAStatusPage) as error:
        page_of(data)
    assert str(error.value).startswith("page.html: 2 participant tables (lines ")
    assert "a UNTC status page has one; the reader will not guess which is the record" in str(
        error.value
    )


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "31 Feb\t 2010 ",
            "page.html: line 1008: 'Albania', column 'Signature': '31 Feb 2010' is not a date on "
            "the calendar",
        ),
        (
            "2010-02-16",
            "page.html: line 1008: 'Albania', column 'Signature': '2010-02-16' is not a date in "
            "the page's form: expected day, month and year as in '3 Dec 1997', with the column's "
            "mark after it ('11 Sep 2002 a') and [brackets] for a withdrawal",
        ),
        ("Feb 16, 2010", "'Feb 16, 2010' is not a date in the page's form"),
        ("16/02/2010", "'16/02/2010' is not a date in the page's form"),
        (
            "3 Dcm 1997",
            "page.html: line 1008: 'Albania', column 'Signature': '3 Dcm 1997' is not a month",
        ),
        ("0 Dec 1997", "'0 Dec 1997' is not a date on the calendar"),
        ("3 Dec 0000", "'3 Dec 0000' is not a date on the calendar"),
    ],
)
def test_dates_in_unexpected_forms(cell: str, message: str) -> None:
    with pytest.raises(NotAStatusPage) as error:
        page_of(in_row(APMBC, "Albania", " &nbsp;8 Sep\t 1998 ", cell))
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "STATUS AS AT : 03-02-2026 10:16:18 EDT",
            "STATUS AS AT : 2026-02-03",
            "page.html: line 796: the 'STATUS AS AT' date '2026-02-03' is not in the page's form, "
            "day-month-year as in 'STATUS AS AT : 03-02-2026 10:16:18 EDT'",
        ),
        (
            "STATUS AS AT : 03-02-2026",
            "STATUS AS AT : 31-02-2026",
            "page.html: line 796: the 'STATUS AS AT' date '31-02-2026 10:16:18 EDT' is not a date "
            "on the calendar (day-month-year)",
        ),
        (
            "<title>",
            "<p>STATUS AS AT : 01-01-2025</p><title>",
            "page.html: line 796: a second 'STATUS AS AT' date, 3 Feb 2026, after 1 Jan 2025: a "
            "status page is as at one date",
        ),
        (
            "On 27 June 2025, the Government of the Republic of Estonia",
            "On 31 June 2025, the Government of the Republic of Estonia",
            "page.html: line 2077: end note 1: '31 June 2025' is not a date on the calendar",
        ),
        (
            "took effect for Finland on 10 January 2026",
            "took effect for Finland on 30 February 2026",
            "page.html: line 2082: end note 2: '30 February 2026' is not a date on the calendar",
        ),
    ],
)
def test_header_and_note_dates_that_are_wrong(old: str, new: str, message: str) -> None:
    with pytest.raises(NotAStatusPage) as error:
        page_of(replaced(APMBC, old, new))
    assert str(error.value) == message


def test_a_withdrawal_whose_date_cannot_be_read_is_kept_as_unread() -> None:
    page = page_of(
        replaced(
            APMBC,
            "On 27 June 2025, the Government of the Republic of Estonia",
            "On 2025-06-27, the Government of the Republic of Estonia",
        )
    )
    note = page.note("1")
    assert note is not None and note.withdrawals[0].received is None
    assert note.unread[0].reason == (
        "a notification of withdrawal with no date of receipt in the form '27 June 2025'"
    )


def test_cells_read_in_part_are_kept_as_unread() -> None:
    page = page_of(
        with_rows(
            tr("Atlantis", "3 Dec 1997 x", "[4 Dec 1998"),
            tr("[Narnia]", "pending", "[ ]"),
        )
    )
    atlantis, narnia = page.participants
    assert atlantis.signature is None and atlantis.bracketed
    assert atlantis.instrument is not None and atlantis.instrument.date == D(1998, 12, 4)
    assert [(u.where, u.reason) for u in atlantis.unread] == [
        ("signature", "the mark 'x' is not in the column's legend ('')"),
        ("instrument", "unbalanced bracket"),
    ]
    assert (narnia.name, narnia.bracketed) == ("Narnia", True)
    assert [(u.where, u.reason) for u in narnia.unread] == [
        ("signature", "not a date"),
        ("instrument", "brackets with no date"),
    ]


def test_marks_printed_as_digits_and_names_in_brackets() -> None:
    page = page_of(with_rows(tr("Estonia 1", "", "[12 May 2004 a]"), tr("[Latvia] 3", "", "")))
    estonia, latvia = page.participants
    assert (estonia.name, estonia.marks, estonia.bracketed) == ("Estonia", ("1",), True)
    assert (latvia.name, latvia.marks, latvia.bracketed) == ("Latvia", ("3",), True)


def test_a_mark_that_points_to_no_note() -> None:
    with pytest.raises(NotAStatusPage, match="'Atlantis' refers to end note '99', which is not"):
        page_of(with_rows(tr("Atlantis <sup>99</sup>", "3 Dec 1997", "")))


@pytest.mark.parametrize(
    ("encode", "meta", "encoding", "note"),
    [
        ("cp1252", "windows-1252", "cp1252 (declared)", None),
        ("cp1252", "iso-8859-1", "cp1252 (declared)", None),
        ("cp1252", None, "windows-1252 (fallback)", "not UTF-8 (byte 0xe9 at offset 970)"),
        ("cp1252", "utf-8", "utf-8 (declared)", "not valid utf-8 (first at byte offset"),
        ("utf-8", "x-klingon", "utf-8 (no charset declared)", "the declared charset 'x-klingon'"),
        ("utf-16", "utf-8", "utf-16-le (byte-order mark)", None),
        # WHATWG labels, read as browsers read them.
        ("cp1252", "x-user-defined", "cp1252 (declared)", None),
        ("utf-8", "utf-16le", "utf-8 (declared)", None),
    ],
)
def test_the_page_is_decoded_by_its_declared_charset(
    encode: str, meta: str | None, encoding: str, note: str | None
) -> None:
    text = APMBC.decode("utf-8")
    declaration = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
    assert declaration in text
    text = text.replace(declaration, f'<meta charset="{meta}">' if meta else "")
    page = page_of(text.encode(encode))
    assert page.encoding == encoding
    if note is None:
        assert page.decoding_note is None
    else:
        assert page.decoding_note is not None and page.decoding_note.startswith(note)
    names = {p.name for p in page.participants}
    assert len(page.participants) == 166
    if "replaced" not in (page.decoding_note or ""):
        assert {"Côte d'Ivoire", "Türkiye"} <= names


@pytest.mark.parametrize(
    ("label", "codec", "text"),
    [
        ("latin2", "iso8859-2", "Győr"),
        ("ISO_8859-5:1988", "iso8859-5", "Москва"),
        ("shift_jis", "cp932", "東京"),
        ("gbk", "gb18030", "北京"),
        ("big5", "big5hkscs", "臺北"),
        ("euc-kr", "cp949", "서울"),
        ("koi8-u", "koi8-u", "Київ"),
    ],
)
def test_a_whatwg_label_is_read_as_browsers_read_it(label: str, codec: str, text: str) -> None:
    data = f'<meta charset="{label}"><p>{text}</p>'.encode(codec)
    assert decode(data) == (f'<meta charset="{label}"><p>{text}</p>', f"{codec} (declared)", None)


@pytest.mark.parametrize(
    "label",
    [
        *("hex", "base64", "zlib", "rot13", "uu", "quopri", "bz2", "undefined", "idna"),
        *("utf-7", "unicode_escape", "utf-32", "iso-2022-kr", "replacement"),
    ],
)
def test_a_charset_that_is_no_whatwg_label_is_not_used(label: str) -> None:
    # Python's codec registry knows each (byte transforms crashed the decoding; utf-7 and
    # unicode_escape garbled it); no browser does.
    declaration = 'content="text/html; charset=utf-8"'
    page = page_of(replaced(APMBC, declaration, f'content="text/html; charset={label}"'))
    assert page.encoding == "utf-8 (no charset declared)"
    assert page.decoding_note == (
        f"the declared charset {label!r} is unknown (no WHATWG encoding label, as browsers "
        "require): read as UTF-8"
    )
    assert len(page.participants) == 166
    assert {"Côte d'Ivoire", "Türkiye"} <= {p.name for p in page.participants}


def test_nul_bytes_across_the_page() -> None:
    data = APMBC.replace(b"<div", b"\x00<div").replace("Türkiye".encode(), "Tür\x00kiye".encode())
    page = page_of(b"\x00" * 1000 + data)
    assert len(page.participants) == 166
    assert (
        page.decoding_note is not None
        and "NUL or control characters replaced" in page.decoding_note
    )
    assert "Tür\ufffdkiye" in {p.name for p in page.participants}


@pytest.mark.parametrize(
    "cell",
    [
        "1 " * 500_000,  # digits and spaces: every date pattern gets a long look
        "3 Dec 1997 " + "a" * 500_000,
        "3 Dec 1997 " + "[" * 500_000,
    ],
)
def test_huge_cells_cost_little(cell: str) -> None:
    # Completing at all is the test: a regular expression with a quadratic case would not.
    with pytest.raises(NotAStatusPage, match="is not a date in the page's form"):
        page_of(with_rows(tr("Atlantis", cell, "")))
    (row,) = page_of(with_rows(tr("Atlantis", "[" * 500_000, ""))).participants
    assert row.bracketed and row.unread[0].reason == "brackets with no date"


def test_huge_names_and_notes_cost_little() -> None:
    name = "1 , " * 200_000 + "Atlantis"
    note = "On 1 January 2000, the Government of " * 50_000 + "notification of withdrawal."
    data = with_rows(tr(name, "", "")).replace(
        b"On 9 January 2020, the Secretary-General", note.encode()
    )
    page = page_of(data)
    assert page.participants[0].name == name.strip()
    assert page.note("5") is not None


def test_a_large_page_is_read_in_full() -> None:
    # About 4 MiB, 29,000 rows: linear cost is what keeps this test quick.
    rows = APMBC[_FIRST_ROW:_TABLE_END]
    copies = 4 * 2**20 // len(rows)
    page = page_of(APMBC[:_FIRST_ROW] + rows * copies + APMBC[_TABLE_END:])
    assert len(page.participants) == 166 * copies
    assert page.participants[-1].line is None  # past line 65,535: libxml2 cannot tell


# --- properties -----------------------------------------------------------------------------

LEGEND = {
    "": "ratification",
    "A": "acceptance",
    "AA": "approval",
    "a": "accession",
    "d": "succession",
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    day=st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)),
    mark=st.sampled_from(sorted(LEGEND)),
    bracketed=st.booleans(),
    pad=st.sampled_from(["", " &nbsp;", "\t", "&nbsp;&nbsp;"]),
)
def test_any_date_the_page_could_print_reads_back(
    day: D, mark: str, bracketed: bool, pad: str
) -> None:
    printed = f"{pad}{day.day} {day:%b}\t {day.year} {mark}"
    if bracketed:
        printed = f"[{printed}]"
    (row,) = page_of(with_rows(tr("Atlantis", "", printed))).participants
    assert row.instrument is not None
    assert (row.instrument.date, row.instrument.kind, row.instrument.mark) == (
        day,
        LEGEND[mark],
        mark,
    )
    assert row.bracketed is bracketed and row.unread == ()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_are_a_page_or_an_error(data: bytes) -> None:
    try:
        page = parse_status_page(data, file="x.html")
    except OttawaError as error:
        assert str(error).startswith("x.html: ")
    else:
        assert page.participants


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.integers(0, len(APMBC)),
    length=st.integers(0, 5000),
    insert=st.binary(max_size=64)
    | st.sampled_from([b"<", b"[", b"]", b"<table>", b"</tr>", b"31 Feb 2010", b"\x00", b"\xff"]),
)
def test_a_damaged_real_page_is_a_page_or_an_error(start: int, length: int, insert: bytes) -> None:
    data = APMBC[:start] + insert + APMBC[start + length :]
    try:
        page = parse_status_page(data, file="x.html")
    except OttawaError as error:
        assert str(error).startswith("x.html")
    else:
        assert page.participants


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_end_note_text_is_read_or_an_error(text: str) -> None:
    note = text.replace("<", "&lt;").replace("&", "&amp;")
    data = replaced(APMBC, "On 9 January 2020, the Secretary-General received", note)
    try:
        page = page_of(data)
    except NotAStatusPage as error:
        assert "is not a date on the calendar" in str(error)
    else:
        assert page.note("5") is not None


# --- cost at start-up ------------------------------------------------------------------------


def test_nothing_imports_lxml_until_a_page_is_parsed() -> None:
    code = (
        "import sys, json\nimport ottawa_cli.cli.app, ottawa_cli.untc.page, ottawa_cli.untc.diff\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'lxml')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
    code = "import sys\nimport ottawa_cli.cli.app\nprint('ottawa_cli.untc.page' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_control_character_after_a_noscript_block_is_no_traceback() -> None:
    # Found by the property above: the text after a dropped <noscript> held a control character
    # lxml refuses to write back.
    at = APMBC.find(b"<noscript")
    data = APMBC[:at] + b"<noscript>x</noscript>\x01after" + APMBC[at:]
    page = parse_status_page(data, file="x.html")
    assert len(page.participants) == 166
