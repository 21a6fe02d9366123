"""The XML form of a UNTC status record (the MTDSG XML): the 25 public copies of January 2018 read
as their HTML twins of February 2026 are, but for what happened in between; each diffs against
its treaty's data as its date explains; hostile XML refused in one line; either form read by
`untc diff` and `untc import`, told by content."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ottawa_cli.api import load
from ottawa_cli.api.untc import UntcDiffQuery, untc_diff
from ottawa_cli.store.bundled import treaty_path
from ottawa_cli.store.lookup import StateIndex
from ottawa_cli.untc.mtdsg_xml import AsAtNeeded, form_of, parse_page, read_page
from ottawa_cli.untc.page import MAX_PAGE_BYTES, Entry, NotAStatusPage, read_status_page
from tests.support import FIXTURES, ROOT, run

UNTC = FIXTURES / "untc"
XML = UNTC / "xml"
COPIES = sorted(XML.glob("*.xml"))
# The day the copies are read as at: committed on 15 Jan 2018; the latest date they record is
# 12 Jan 2018 (the fixtures' README).
AS_AT = dt.date(2018, 1, 15)
# Each copy's HTML twin (the pages of 3 Feb 2026), where there is one.
HTML = {"apmbc": UNTC / "ottawa.html"} | {
    p.stem: UNTC / f"{p.stem}.html" for p in COPIES if (UNTC / f"{p.stem}.html").is_file()
}


def test_each_copy_is_byte_for_byte_the_public_one_its_readme_names() -> None:
    readme = (XML / "README.md").read_text(encoding="utf-8")
    blobs = dict(
        re.findall(r"^\| `([\w-]+\.xml)` \| `[^`]+` \| [^|]+ \| `([0-9a-f]{40})` \|", readme, re.M)
    )
    assert sorted(blobs) == [p.name for p in COPIES]
    for copy in COPIES:
        found = subprocess.run(
            ["git", "hash-object", str(copy)], capture_output=True, text=True, check=True
        )
        assert found.stdout.strip() == blobs[copy.name], copy.name


def _key(entry: Entry | None) -> tuple[str, dt.date, str] | None:
    return None if entry is None else (entry.kind, entry.date, entry.mark)


# An entry the 2018 record prints and the 2026 page no longer does, with no end note on it.
GONE_SINCE = {
    # The Russian Federation withdrew its ratification of 30 Jun 2000 in 2023
    # (data/treaties/ctbt.yaml, which read the deposit from a 2014 copy: this record shows it).
    ("ctbt", "Russian Federation", "instrument"),
}


# A participant the 2026 page lists with a date before the record's day, and the record lacks.
LISTED_SINCE = {
    # Accession of 29 Dec 2017 on the 2026 page; the OPCW says deposited on 17 May 2018
    # (data/treaties/cwc.yaml's sources): not yet on the record of mid-January 2018.
    ("cwc", "State of Palestine"),
}


@pytest.mark.parametrize("treaty", sorted(HTML))
def test_the_xml_and_the_html_reader_agree_but_for_what_happened_between_their_dates(
    treaty: str,
) -> None:
    xml = read_page(XML / f"{treaty}.xml", as_at=AS_AT)
    html = read_status_page(HTML[treaty])
    for field in ("mtdsg", "chapter", "title", "concluded"):
        assert getattr(xml, field) == getattr(html, field), field
    assert [(c.kind, c.header, c.legend) for c in xml.columns] == [
        (c.kind, c.header, c.legend) for c in html.columns
    ]
    if xml.entry_into_force != html.entry_into_force:
        # The TPNW entered into force on 22 Jan 2021.
        assert xml.entry_into_force is None and html.entry_into_force > AS_AT
    # Names are matched through the registry: "Swaziland" in 2018 is "Eswatini" in 2026.
    index = StateIndex(load(None).states)
    in_html = {index.find(p.name).name: p for p in html.participants}
    seen = set()
    for p in xml.participants:
        state = index.find(p.name).name
        q = in_html[state]
        seen.add(state)
        for field in ("signature", "provisional_application", "instrument"):
            before, after = getattr(p, field), getattr(q, field)
            if before is None and after is not None:
                assert after.date > AS_AT, (state, field)  # deposited since
            elif (treaty, state, field) in GONE_SINCE:
                assert before is not None and after is None
            else:
                assert _key(before) == _key(after), (state, field)
        if p.bracketed != q.bracketed:
            # Withdrawn since: the 2026 page's end notes tell it, received after 2018.
            told = [w for n in html.notes if n.number in q.marks for w in n.withdrawals]
            assert q.bracketed and any(w.received and w.received > AS_AT for w in told), state
    for state, q in in_html.items():
        if state not in seen and (treaty, state) not in LISTED_SINCE:  # a participant since
            entries = (q.signature, q.provisional_application, q.instrument)
            assert all(e.date > AS_AT for e in entries if e is not None), state
    withdrawn_2026 = {(w.state, w.received) for n in html.notes for w in n.withdrawals}
    for note in xml.notes:
        for w in note.withdrawals:
            assert (w.state, w.received) in withdrawn_2026, (note.number, w.state)


# What the copies' diffs hold besides the differences their date explains (OTT317: recorded
# after it; OTT313: a name changed since; OTT316: the generator's low bytes, read): each is
# explained in the fixtures' README.
EXPLAINED = {
    # The State of Palestine's accession of 29 Dec 2017 was not yet on the record.
    "cwc": {"OTT304", "OTT314"},
    # Canada's withdrawal is dated in a table inside end note 2, which the note reader does not
    # read as dates (of receipt, of effect).
    "kyoto": {"OTT311", "OTT315"},
    # Not in force on the record's day: its entry into force has no date.
    "ctbt": {"OTT315"},
    "tpnw": {"OTT315"},
}


@pytest.mark.parametrize("copy", COPIES, ids=[p.stem for p in COPIES])
def test_the_xml_of_a_bundled_treaty_diffs_against_its_data_as_its_date_explains(
    copy: Path,
) -> None:
    result = untc_diff(treaty_path(copy.stem), UntcDiffQuery(page=copy, as_at=AS_AT))
    codes = {f.code for f in result.findings} - {"OTT313", "OTT316", "OTT317"}
    assert codes == EXPLAINED.get(copy.stem, set())
    for finding in result.findings:
        if finding.code == "OTT313":  # the 2018 name is the page's, the registry's is today's
            assert "the page prints" in finding.message
        if finding.code == "OTT317":
            assert "after the page's date (15 Jan 2018)" in finding.message


def test_the_decoding_note_counts_the_low_bytes_and_the_bare_ampersands_read() -> None:
    page = read_page(XML / "att.xml", as_at=AS_AT)
    assert page.decoding_note == (
        "20 control characters read as the punctuation of U+2000-U+201F; "
        "6 '&' that begin no reference read as '\u2026'"
    )
    assert page.encoding == "cp1252 (declared)"


def test_a_withdrawal_in_brackets_and_its_end_notes_are_read_from_the_xml() -> None:
    # ICCPR-OP1 (IV-5): Jamaica and Trinidad and Tobago denounced it; Guyana re-acceded.
    page = read_page(XML / "iccpr-op1.xml", as_at=AS_AT)
    assert sorted(p.name for p in page.bracketed) == ["Jamaica", "Trinidad and Tobago"]
    jamaica = next(p for p in page.participants if p.name == "Jamaica")
    assert _key(jamaica.instrument) == ("ratification", dt.date(1975, 10, 3), "")
    received = {(w.state, w.received) for n in page.notes for w in n.withdrawals}
    assert ("Jamaica", dt.date(1997, 10, 23)) in received
    # The re-accessions of Trinidad and Tobago and Guyana, read as from the 2026 HTML page.
    html = read_status_page(UNTC / "iccpr-op1.html")
    assert [(r.state, r.date) for n in page.notes for r in n.reaccessions] == [
        (r.state, r.date) for n in html.notes for r in n.reaccessions
    ]
    assert {r.state for n in page.notes for r in n.reaccessions} == {
        "Trinidad and Tobago",
        "Guyana",
    }


def test_the_footnote_marks_escaped_in_a_name_are_marks_not_text() -> None:
    page = read_page(XML / "apmbc.xml", as_at=AS_AT)
    ukraine = next(p for p in page.participants if p.name == "Ukraine")
    assert ukraine.marks == ("4",)
    assert "Ukraine" in page.note("4").text


# --- the date the XML does not carry ------------------------------------------------------


def test_an_xml_record_without_as_at_is_a_usage_error_that_says_why() -> None:
    code, _, err = run("untc", "diff", str(XML / "apmbc.xml"), "--treaty", "apmbc")
    assert code == 2
    assert "says no 'status as at' date" in err and "--as-at" in err


def test_an_as_at_before_what_the_record_records_is_refused() -> None:
    with pytest.raises(AsAtNeeded, match=r"before the record's last date \('State of Palestine'"):
        read_page(XML / "apmbc.xml", as_at=dt.date(2017, 12, 28))
    assert read_page(XML / "apmbc.xml", as_at=dt.date(2017, 12, 29)).as_at == dt.date(2017, 12, 29)


def test_an_html_page_keeps_its_own_date_and_refuses_another() -> None:
    page = UNTC / "ottawa.html"
    assert read_page(page, as_at=dt.date(2026, 2, 3)).as_at == dt.date(2026, 2, 3)
    code, _, err = run("untc", "diff", str(page), "--as-at", "2026-02-04")
    assert code == 2
    assert "not the page's own date" in err


def test_as_at_without_a_saved_page_is_a_usage_error() -> None:
    code, _, err = run("untc", "diff", "--fetch", "--as-at", "2026-02-04")
    assert code == 2
    assert "--as-at" in err


# --- either form, by content --------------------------------------------------------------


def test_untc_diff_reads_the_xml_whatever_its_file_is_called(tmp_path: Path) -> None:
    renamed = tmp_path / "page.html"
    renamed.write_bytes((XML / "iccpr-op1.xml").read_bytes())
    code, out, err = run(
        "untc", "diff", str(renamed), "--treaty", "iccpr-op1", "--as-at", "2018-01-15",
        "--format", "json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert codes == {"OTT313", "OTT316", "OTT317"}


def test_untc_import_writes_a_treaty_file_from_the_xml(tmp_path: Path) -> None:
    (tmp_path / "treaties").mkdir()
    target = tmp_path / "treaties" / "imported.yaml"
    code, _, err = run(
        "untc", "import", str(XML / "apmbc.xml"), "--id", "imported", "--as-at", "2018-01-15",
        "-o", str(target),
    )  # fmt: skip
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "status as at 15 Jan 2018" in text
    assert "- {kind: accession, date: 2002-09-11, source: untc}" in text  # Afghanistan
    code, out, _ = run("check", str(target), "--format", "json")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"OTT011"}


@pytest.mark.parametrize(
    ("head", "form"),
    [
        (b'<?xml version="1.0" encoding="iso-8859-1"?>\n<Document>', "xml"),
        (b"\xef\xbb\xbf  <Document><Treaty>", "xml"),
        (b'<?xml version="1.0"?><!-- a comment --><foo/>', "xml"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE html>\n<html><body>', "html"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"<html><body><table>", "html"),
        (b"<Documents>", "html"),
        (b"", "html"),
    ],
)
def test_the_form_is_told_by_the_content(head: bytes, form: str) -> None:
    assert form_of(head) == form


# --- hostile XML --------------------------------------------------------------------------

_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>\n<Document><Treaty><Template>mtdsg</Template>&lol9;</Treaty></Document>"
)
_EXTERNAL = (
    b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b"<Document><Treaty><Template>mtdsg</Template><Header>&xxe;</Header></Treaty></Document>"
)


@pytest.mark.parametrize(
    ("content", "code", "fragment"),
    [
        (_LAUGHS, 1, "declares a DTD or an entity (<!DOCTYPE"),
        (_EXTERNAL, 1, "declares a DTD or an entity (<!DOCTYPE"),
        (b'<?xml version="1.0"?><Document><Treaty>&xxe;</Treaty></Document>', 1, "not XML"),
        (b'<?xml version="1.0"?><rss><channel/></rss>', 1, "the document is <rss>"),
        (b'<?xml version="1.0"?><Document><Treaty/></Document>', 1, "not the UNTC's MTDSG"),
        (b'<?xml version="1.0"?>' + b"<Document>" + b"<a>" * 300, 1, "nested more than 256"),
        (b'<?xml version="1.0"?><Document><Treaty><Template>mtdsg', 1, "not XML that can be"),
        (
            b'<?xml version="1.0"?><Document><Treaty><Template>mtdsg</Template><Header/>'
            b"</Treaty></Document>",
            1,
            "no participant table",
        ),
        (b'<?xml version="1.0"?>' + b" " * (MAX_PAGE_BYTES + 1), 2, "larger than the limit"),
    ],
    ids=["billion-laughs", "external-entity", "undeclared-entity", "wrong-root", "no-template",
         "deep", "truncated", "no-participants", "huge"],
)  # fmt: skip
def test_hostile_xml_is_refused_in_one_line_and_no_traceback(
    tmp_path: Path, content: bytes, code: int, fragment: str
) -> None:
    page = tmp_path / "x.xml"
    page.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", "untc", "diff", str(page), "--as-at", "2018-01-15"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.rstrip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert fragment in lines[0]
    assert "root:" not in result.stderr  # nothing of /etc/passwd


def test_the_xml_reader_refuses_a_dtd_before_it_parses_anything() -> None:
    with pytest.raises(NotAStatusPage, match="expands no entity"):
        parse_page(_LAUGHS, file="x.xml", as_at=AS_AT)


# --- property: the rows written into a real record are the rows read back ------------------

_NAMES = st.text(
    alphabet=st.characters(categories=("L", "Zs"), exclude_characters="[]"), min_size=1
).filter(lambda s: s.strip() and not s.strip()[-1:].isdigit())
_DAYS = st.dates(min_value=dt.date(1946, 1, 1), max_value=dt.date(2017, 12, 31))
_ROWS = st.lists(
    st.tuples(_NAMES, st.none() | _DAYS, _DAYS, st.sampled_from(["", "a", "A", "AA", "d"]),
              st.booleans()),
    min_size=1,
    max_size=20,
    unique_by=lambda row: " ".join(row[0].split()),
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=_ROWS)
def test_rows_written_into_a_real_record_read_back_as_written(
    rows: list[tuple[str, dt.date | None, dt.date, str, bool]],
) -> None:
    from lxml import etree

    # The record's own controls (its curly quotes, as the reader reads them) set aside.
    real = re.sub(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", b"?", (XML / "apmbc.xml").read_bytes())
    root = etree.fromstring(real, etree.XMLParser(resolve_entities=False, no_network=True))
    body = root.find("Treaty/Participants/Table/TGroup/Tbody/Rows")
    for row in list(body):
        body.remove(row)

    def cell(day: dt.date | None, mark: str, bracketed: bool) -> str:
        if day is None:
            return ""
        text = f"{day.day} {day:%b %Y} {mark}".rstrip()
        return f"[{text} ]" if bracketed else text

    for name, signed, deposited, mark, bracketed in rows:
        row = etree.SubElement(body, "Row")
        for text in (name, cell(signed, "", bracketed), cell(deposited, mark, bracketed)):
            etree.SubElement(row, "Entry").text = text
    for note in root.iterfind("Treaty/EndNotes/Note"):
        note.getparent().remove(note)
    page = parse_page(etree.tostring(root, encoding="utf-8"), file="x.xml", as_at=AS_AT)
    kinds = {"": "ratification", "a": "accession", "A": "acceptance", "AA": "approval",
             "d": "succession"}  # fmt: skip
    assert [
        (p.name, _key(p.signature), _key(p.instrument), p.bracketed) for p in page.participants
    ] == [
        (
            " ".join(name.split()),
            None if signed is None else ("signature", signed, ""),
            (kinds[mark], deposited, mark),
            bracketed,
        )
        for name, signed, deposited, mark, bracketed in rows
    ]
