"""A document drawn for a terminal without rich (`output.terminal`) is the very text rich
writes: for the documents of every bundled treaty and command at many widths, with and without
colour, and for generated documents; and where it cannot promise that, rich draws."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottawa_cli.api import load
from ottawa_cli.api.history import PartiesQuery, TimelineQuery, parties, timeline
from ottawa_cli.api.states import ListQuery, PendingQuery, list_states, pending, pending_everywhere
from ottawa_cli.api.status import StatusQuery, status
from ottawa_cli.api.treaties import TreatiesQuery, treaties
from ottawa_cli.output import render, terminal, views
from ottawa_cli.output.document import Column, Document, Fields, Line, Table
from ottawa_cli.store.bundled import treaty_ids, treaty_path

TODAY = dt.date(2026, 12, 4)
WIDTHS = [24, 57, 80, 132]


class _Terminal(io.StringIO):
    """A terminal rich writes to: it is a TTY."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal rich colours as most do, with no variable that changes what it does."""
    monkeypatch.setenv("TERM", "xterm-256color")
    for name in ("NO_COLOR", "COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


def _by_rich(document: Document, width: int) -> str:
    out = _Terminal()
    render._write_with_rich(document, out, width)
    return out.getvalue()


def _without_rich(document: Document, width: int, *, colour: bool = True) -> str | None:
    return terminal.drawn(render._laid_out(document, width), width, colour=colour)


_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def _assert_same(document: Document, widths: list[int], *, taken: bool = True) -> None:
    """Drawn without rich as rich draws it, and nothing cut at the terminal's edge."""
    for width in widths:
        ours = _without_rich(document, width)
        if taken:
            assert ours is not None, width
        theirs = _by_rich(document, width)
        if ours is not None:
            assert ours == theirs, width
        longest = max(len(line) for line in _ESCAPE.sub("", theirs).splitlines())
        assert longest <= width, width


def _states_to_show(dataset: object) -> list[str]:
    """Every State with a notice, a reservation or a note of any kind, and a few others."""
    states = dataset.states  # type: ignore[attr-defined]
    with_more = [s.name for s in states if len(s.events) > 1]
    return sorted({*with_more[:12], *(s.name for s in states[:3])})


@pytest.mark.parametrize("treaty", treaty_ids())
def test_every_bundled_treatys_status_is_drawn_as_rich_draws_it(treaty: str) -> None:
    dataset = load(treaty_path(treaty))
    for name in _states_to_show(dataset):
        for day in (TODAY, dt.date(2025, 7, 1)):
            document = views.status_document(
                status(dataset, StatusQuery(state=name, as_of=day, today=TODAY))
            )
            _assert_same(document, WIDTHS if name == _states_to_show(dataset)[0] else [80])


@pytest.mark.parametrize("treaty", treaty_ids())
def test_every_bundled_treatys_tables_are_drawn_as_rich_draws_them(treaty: str) -> None:
    dataset = load(treaty_path(treaty))
    names = tuple(_states_to_show(dataset)[:2])
    results = [
        timeline(dataset, TimelineQuery(states=names, today=TODAY)),
        list_states(dataset, ListQuery(today=TODAY)),
        pending(dataset, PendingQuery(today=TODAY)),
        parties(dataset, PartiesQuery(today=TODAY)),
    ]
    for result in results:
        _assert_same(views.document(result), [57, 100])


def test_the_tables_across_treaties_are_drawn_as_rich_draws_them() -> None:
    documents = [
        views.document(pending_everywhere(PendingQuery(today=TODAY))),
        views.document(treaties(TreatiesQuery(today=TODAY))),
    ]
    for document in documents:
        _assert_same(document, [40, 80, 120, 200])


def test_without_colour_only_the_colours_go(monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = load(treaty_path(treaty_ids()[0]))
    name = _states_to_show(dataset)[0]
    document = views.status_document(status(dataset, StatusQuery(state=name, today=TODAY)))
    coloured = _without_rich(document, 80)
    plainer = _without_rich(document, 80, colour=False)
    assert coloured is not None and plainer is not None
    assert "\x1b[2m" in plainer or "\x1b[1m" in plainer
    assert not any(f"\x1b[{code}m" in plainer for code in ("31", "32", "33", "1;36"))
    monkeypatch.setenv("NO_COLOR", "1")
    assert plainer == _by_rich(document, 80)


_WORDS = st.text(
    alphabet=st.sampled_from("abcdefghij ABC-()/,.0123456789\u00e9\u00e7\u2014\u2192\u00a0"),
    max_size=40,
)
_STYLES = st.sampled_from(["plain", "heading", "muted", "good", "warning", "bad", "emphasis"])


@st.composite
def _tables(draw: st.DrawFn) -> Table:
    count = draw(st.integers(1, 4))
    columns = [
        Column(
            draw(st.text(alphabet="Dateus ", min_size=1, max_size=14)),
            draw(st.sampled_from(["left", "right"])),
            draw(st.booleans()),
        )
        for _ in range(count)
    ]
    table = Table(columns, title=draw(st.none() | _WORDS))
    for _ in range(draw(st.integers(0, 4))):
        table.add(*(draw(_WORDS) for _ in columns), style=draw(_STYLES))
    return table


_BLOCKS = st.one_of(
    st.builds(Line, _WORDS, _STYLES),
    st.builds(
        Fields,
        st.lists(st.tuples(st.text(alphabet="Sinceto ", max_size=16), _WORDS), max_size=4),
    ),
    _tables(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_BLOCKS, min_size=1, max_size=4), st.integers(1, 150), st.booleans())
def test_any_document_is_drawn_as_rich_draws_it_or_left_to_rich(
    document: Document, width: int, colour: bool
) -> None:
    ours = _without_rich(document, width, colour=colour)
    if ours is not None:
        if colour:
            assert ours == _by_rich(document, width)
        else:
            os.environ["NO_COLOR"] = "1"  # rich reads it where the command does
            try:
                assert ours == _by_rich(document, width)
            finally:
                del os.environ["NO_COLOR"]


def test_every_character_taken_as_one_cell_is_one_cell_for_rich() -> None:
    from rich.cells import cell_len, chop_cells

    text = "".join(sorted(terminal.ONE_CELL))
    assert cell_len(text) == len(text)
    assert chop_cells(text, 7) == [text[i : i + 7] for i in range(0, len(text), 7)]


@pytest.mark.parametrize(
    ("document", "why"),
    [
        ([Line("https://example.org", link="https://example.org")], "a hyperlink"),
        ([Line("\u4e2d\u6587 wide")], "a character two cells wide"),
        ([Line("e\u0301")], "a combining accent"),
        ([Fields([("A", "b")], title="centred")], "a grid's title"),
    ],
)
def test_what_rich_alone_can_draw_is_left_to_rich(document: Document, why: str) -> None:
    assert _without_rich(document, 80) is None, why


@pytest.mark.parametrize(
    ("environ", "width"),
    [
        ({"COLUMNS": "97"}, 97),
        ({"COLUMNS": "0"}, None),
        ({"TERM": "dumb"}, None),
        ({"TERM": "unknown"}, None),
        ({"FORCE_COLOR": "1"}, None),
        ({"TTY_COMPATIBLE": "1"}, None),
    ],
)
def test_the_terminals_width_is_riches_or_rich_draws(
    environ: dict[str, str], width: int | None
) -> None:
    assert terminal.console_width(environ) == width


def test_a_terminal_answer_imports_no_rich() -> None:
    """`ottawa status` in a terminal (a pseudo-terminal here) draws without importing rich."""
    import pty

    code = (
        "import sys, runpy; sys.argv = ['ottawa', 'status', 'Finland'];"
        "from ottawa_cli.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('RICH' if 'rich' in sys.modules else 'NO RICH', file=sys.stderr)"
    )
    primary, secondary = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    proc = subprocess.run(
        [sys.executable, "-c", code],
        stdout=secondary,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=60,
        check=False,
    )
    os.close(secondary)
    drawn = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(primary)
    assert proc.stderr.decode().strip().endswith("NO RICH")
    assert b"Finland" in drawn and b"\x1b[" in drawn
