"""Pictures as SVG: the world map (`ottawa map`) and States Parties over time (`ottawa chart`).

Data is never markup: every text from a data file is made safe (`safe_text.one_line`) and then
escaped for XML, so a name holding `<script>` or a bidirectional override is shown as text. The
same result always gives the same bytes: nothing here reads the clock, and every list is drawn
in a fixed order. Colours are Okabe and Ito's, told apart with the common colour-vision
deficiencies; no status is told by colour alone (each shape's tooltip names it, and the legend
counts it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from ottawa_cli.dates import human
from ottawa_cli.output.summaries import asked, evidence_legend
from ottawa_cli.output.views import (
    before_the_treaty,
    evidence_of,
    footer,
    members,
    status_label,
)
from ottawa_cli.safe_text import one_line

if TYPE_CHECKING:
    from ottawa_cli.api.pictures import ChartResult, MapResult, WithdrawalMark
    from ottawa_cli.law.position import Position

WIDTH = 1000
_FONT = "Helvetica, Arial, sans-serif"
# What XML 1.0 cannot hold at all, once `one_line` has made controls visible: lone surrogates
# and the two non-characters.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")

# (legend key, words, fill): the statuses in the order a State moves through them, with a
# signatory that said it will not become a party apart (`views.status_label`).
CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("party", "party", "#0072B2"),
    ("withdrawing", "withdrawing", "#E69F00"),
    ("withdrawal-suspended", "withdrawal-suspended", "#F0E442"),
    ("withdrawn", "withdrawn", "#D55E00"),
    ("pending-entry-into-force", "pending-entry-into-force", "#009E73"),
    ("signatory", "signatory", "#56B4E9"),
    ("non-intention", "signatory (not intending to become a party)", "#CC79A7"),
    ("not-a-party", "not-a-party", "#D4D4D4"),
)
_FILL = {key: fill for key, _, fill in CATEGORIES}
_OTHER_LAND = "#F2F2F2"
_INK, _MUTED = "#222222", "#555555"


def _safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", one_line(text))


def _text(text: str) -> str:
    """Text for an element's content: safe, then escaped."""
    return escape(_safe(text))


def _attr(text: str) -> str:
    """Text for an attribute, quoted: safe, then escaped."""
    return quoteattr(_safe(text))


def _num(value: float) -> str:
    """A coordinate, rounded to a tenth, with no needless zeros: the same value, the same text."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _wrapped(lines: Iterable[str], width: int = 160) -> list[str]:
    return [part for line in lines for part in textwrap.wrap(_safe(line), width) or [""]]


def _text_lines(lines: list[str], x: float, y: float, size: int, fill: str = _MUTED) -> str:
    step = round(size * 1.4)
    return "".join(
        f'<text x="{_num(x)}" y="{_num(y + i * step)}" font-size="{size}" fill="{fill}">'
        f"{escape(line)}</text>\n"
        for i, line in enumerate(lines)
    )


def _document(height: float, title: str, description: str, body: str) -> str:
    """The whole file. ASCII, every other character a reference ("T&#252;rkiye"): the same
    bytes whatever the locale, and any stream can take it."""
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{_num(height)}" '
        f'viewBox="0 0 {WIDTH} {_num(height)}" role="img" aria-labelledby="title desc" '
        f'font-family="{_FONT}">\n'
        f'<title id="title">{_text(title)}</title>\n'
        f'<desc id="desc">{_text(description)}</desc>\n'
        f'<rect width="{WIDTH}" height="{_num(height)}" fill="#FFFFFF"/>\n'
        f"{body}</svg>\n"
    )
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


# The map --------------------------------------------------------------------------------------


def category(pos: Position) -> str:
    """A State's legend key: its status, with a signatory that said it will not become a party
    apart."""
    return "non-intention" if status_label(pos) != pos.status else pos.status


def _world() -> dict[str, Any]:
    from ottawa_cli.store.bundled import WORLD

    with open(WORLD, encoding="utf-8") as stream:
        world: dict[str, Any] = json.load(stream)
    return world


def _tooltip(pos: Position, evidence: str) -> str:
    since = f" since {human(pos.since)}" if pos.since else ""
    rests = f"; rests on {evidence} sources" if evidence != "depositary" else ""
    return f"{pos.state.name}: {status_label(pos)}{since}{rests}"


def _dashed(width: float) -> str:
    """The outline of a status resting on less than the depositary's record."""
    return (
        f' stroke="{_INK}" stroke-width="{_num(width)}" '
        f'stroke-dasharray="{_num(2.5 * width)} {_num(1.5 * width)}"'
    )


def map_svg(result: MapResult) -> str:
    """Every State in its status's colour: a shape, or a dot where it is too small to see; a
    participant with no place on the map (an organisation) below it; the legend with each
    status's count; how current the data is and what it rests on."""
    dataset, day = result.dataset, result.as_of
    world = _world()
    scale = WIDTH / world["width"]
    top = 64.0
    counts = {key: 0 for key, _, _ in CATEGORIES}
    evidence = {}
    for pos in result.positions:
        counts[category(pos)] += 1
        evidence[pos.state.name] = evidence_of(pos, dataset)
    marked = {e for e in evidence.values() if e != "depositary"}
    shown, elsewhere = _map_shapes(result.positions, evidence, world["shapes"])
    participants = {p.state.iso3 for p in result.positions}
    # Land of no State in the data (a territory, an area in dispute, or a State a data file of
    # one's own leaves out) is drawn, with no status.
    other = [
        world["other_land"],
        *(s["d"] for c, s in world["shapes"].items() if c not in participants and "d" in s),
    ]
    body = [
        _heading(
            f"{dataset.treaty.short_title} ({dataset.treaty.id}) on {human(day)}",
            f"{result.parties} {members(dataset)} on {human(day)}. Every State in the colour of "
            "its status; point at one for its name and status.",
        ),
        f'<g transform="translate(0 {_num(top)}) scale({scale:.6f})" stroke="#FFFFFF" '
        'stroke-width="1" stroke-linejoin="round">\n',
        f'<path fill="{_OTHER_LAND}" stroke="#BBBBBB" d={_attr(" ".join(other))}>'
        "<title>Land of no State in the data: no status</title></path>\n",
        shown,
        "</g>\n",
    ]
    y = top + world["height"] * scale + 22
    if elsewhere:
        row, y = _not_on_the_map(elsewhere, evidence, y)
        body.append(row)
    legend, y = _map_legend(counts, marked, day, y)
    body.append(legend)
    lines = _wrapped(_map_notes(result, marked))
    body.append(_text_lines(lines, 20, y, 11))
    height = y + len(lines) * 15 + 6
    title = f"{dataset.treaty.short_title} ({dataset.treaty.id}): every State's status on "
    description = "; ".join(f"{words}: {counts[key]}" for key, words, _ in CATEGORIES)
    return _document(height, title + human(day), description, "".join(body))


def _heading(title: str, subtitle: str) -> str:
    return (
        f'<text x="20" y="30" font-size="20" font-weight="bold" fill="{_INK}">{_text(title)}'
        f'</text>\n<text x="20" y="52" font-size="13" fill="{_MUTED}">{_text(subtitle)}</text>\n'
    )


def _map_shapes(
    positions: Iterable[Position], evidence: dict[str, str], shapes: dict[str, dict[str, Any]]
) -> tuple[str, list[Position]]:
    """Each State once: its shape, or its dot (drawn last, on top); and those with neither."""
    drawn, dots, elsewhere = [], [], []
    for pos in positions:
        shape = shapes.get(pos.state.iso3 or "")
        if shape is None:
            elsewhere.append(pos)
            continue
        less = evidence[pos.state.name] != "depositary"
        attrs = (
            f" data-iso3={_attr(pos.state.iso3 or '')} data-status={_attr(pos.status)}"
            + (f" data-evidence={_attr(evidence[pos.state.name])}" if less else "")
            + f' fill="{_FILL[category(pos)]}"'
        )
        title = f"<title>{_text(_tooltip(pos, evidence[pos.state.name]))}</title>"
        if "d" in shape:
            stroke = _dashed(2.4) if less else ""
            drawn.append(f"<path{attrs}{stroke} d={_attr(shape['d'])}>{title}</path>\n")
        else:
            x, y = shape["dot"]
            stroke = _dashed(2.4) if less else f' stroke="{_INK}" stroke-width="1.5"'
            dots.append(f'<circle{attrs}{stroke} cx="{x}" cy="{y}" r="11">{title}</circle>\n')
    return "".join(drawn + dots), elsewhere


def _not_on_the_map(
    positions: list[Position], evidence: dict[str, str], y: float
) -> tuple[str, float]:
    """A row below the map for those with no place on it (the European Union), each a dot
    with its name, so that no party disappears."""
    out = [f'<text x="20" y="{_num(y)}" font-size="12" fill="{_INK}">Not on the map:</text>\n']
    x = 120.0
    for pos in positions:
        label = f"{pos.state.name} ({status_label(pos)})"
        width = 22 + 6.5 * len(_safe(label))
        if x + width > WIDTH - 20:
            x, y = 120.0, y + 20
        less = evidence[pos.state.name] != "depositary"
        stroke = _dashed(0.8) if less else f' stroke="{_INK}" stroke-width="0.5"'
        out.append(
            f"<g data-iso2={_attr(pos.state.iso2)} data-iso3={_attr(pos.state.iso3 or '')} "
            f"data-status={_attr(pos.status)}>"
            f"<title>{_text(_tooltip(pos, evidence[pos.state.name]))}</title>"
            f'<circle cx="{_num(x + 5)}" cy="{_num(y - 4)}" r="5" '
            f'fill="{_FILL[category(pos)]}"{stroke}/>'
            f'<text x="{_num(x + 14)}" y="{_num(y)}" font-size="12" fill="{_INK}">'
            f"{_text(label)}</text></g>\n"
        )
        x += width
    return "".join(out), y + 26


def _map_legend(
    counts: dict[str, int], marked: set[str], day: dt.date, y: float
) -> tuple[str, float]:
    """Each status's colour, words and count (what `ottawa list` counts that day), then the
    land with no status and, where any is, the dashed outline."""
    out = [
        f'<text x="20" y="{_num(y)}" font-size="13" font-weight="bold" fill="{_INK}">'
        f"Status, with the number of States on {_text(human(day))}</text>\n"
    ]
    y += 8
    plain = f' stroke="{_MUTED}" stroke-width="0.5"'
    for i, (key, words, fill) in enumerate(CATEGORIES):
        x, row = 20 + (i // 4) * 490, y + (i % 4) * 20
        out.append(
            f'<g data-key={_attr(key)} data-count="{counts[key]}">'
            f'<rect x="{x}" y="{_num(row + 4)}" width="14" height="14" fill="{fill}"{plain}/>'
            f'<text x="{x + 22}" y="{_num(row + 16)}" font-size="13" fill="{_INK}">'
            f"{_text(words)}: {counts[key]}</text></g>\n"
        )
    y += 4 * 20 + 8
    extra = [(_OTHER_LAND, plain, "land of no State in the data (a territory, an area in dispute)")]
    if marked:
        extra.append(
            ("#FFFFFF", _dashed(1), "a status resting on less than the depositary's record")
        )
    for i, (fill, stroke, words) in enumerate(extra):
        x = 20 + i * 490
        out.append(
            f'<rect x="{x}" y="{_num(y + 4)}" width="14" height="14" fill="{fill}"{stroke}/>'
            f'<text x="{x + 22}" y="{_num(y + 16)}" font-size="12" fill="{_MUTED}">'
            f"{_text(words)}</text>\n"
        )
    return "".join(out), y + 40


def _map_notes(result: MapResult, marked: set[str]) -> list[str]:
    """How current the data is, what the statuses rest on, and where the shapes come from."""
    dataset, day = result.dataset, result.as_of
    notes = [footer(dataset, day).text]
    legend = evidence_legend(
        marked,
        lead="Evidence: a State whose status rests on less than the depositary's record is "
        "outlined with dashes, and its tooltip says on what",
    )
    notes.append(
        legend.text
        if legend is not None
        else "Evidence: every status shown rests on the depositary's record."
    )
    if result.evidence != "unclassified":
        notes.append(asked(result.evidence).text)
    if (early := before_the_treaty(dataset, day)) is not None:
        notes.append(early.text)
    notes.append(
        "Made with Natural Earth (Admin 0 countries, 1:50m, via world-atlas; Equal Earth "
        "projection). Shapes show where each State is, not any view on a border."
    )
    return notes


def _nice_step(span: float, most: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... that cuts `span` into at most `most` steps."""
    step, factors = 1, (2, 2.5, 2)
    i = 0
    while span / step > most:
        step = round(step * factors[i % 3])
        i += 1
    return step


_MARK_WORDS = {
    "took-effect": "withdrawal took effect",
    "pending": "withdrawal pending, takes effect",
}


def _mark_line(n: int, mark: WithdrawalMark, result: ChartResult, evidence: str) -> str:
    pos = mark.position
    article = result.dataset.treaty.withdrawal.article
    if mark.kind == "held":
        text = (
            f"{n}. {pos.state.name}: withdrawal received "
            f"{human(pos.outcome.received) if pos.outcome else '?'}, pending, held by {article} "
            "(an armed conflict with no recorded end): no date to mark"
        )
    elif mark.kind == "pending":
        assert mark.date is not None
        text = f"{n}. {human(mark.date)}, {pos.state.name}: withdrawal pending, takes effect then"
        if not result.start <= mark.date <= result.end:
            text += " (outside the days drawn)"
    else:
        assert mark.date is not None
        text = f"{n}. {human(mark.date)}, {pos.state.name}: withdrawal took effect"
    if evidence != "depositary":
        text += f"; rests on {evidence} sources"
    return text


def chart_svg(result: ChartResult) -> str:
    """States Parties from the first day drawn to the last, the axis from zero; each withdrawal
    that took effect a filled, numbered mark, each pending one a hollow one, and the list of
    them below; the future, as known today, dashed."""
    dataset = result.dataset
    left, right, top, bottom = 70.0, WIDTH - 40.0, 70.0, 400.0
    first, last = result.start.toordinal(), result.end.toordinal()
    span = max(last - first, 1)
    peak = max((n for _, n in result.steps), default=0)
    y_step = _nice_step(max(peak, 1), 8)
    y_top = max(y_step, -(-peak // y_step) * y_step)

    def x_of(day: dt.date) -> float:
        return left + (right - left) * (day.toordinal() - first) / span

    def y_of(n: int) -> float:
        return bottom - (bottom - top) * n / y_top

    def count_on(day: dt.date) -> int:
        return next((n for d, n in reversed(result.steps) if d <= day), result.steps[0][1])

    title = f"{dataset.treaty.short_title} ({dataset.treaty.id}): {members(dataset)}"
    body = [
        _heading(
            f"{title} over time",
            f"From {human(result.start)} to {human(result.end)}; each withdrawal numbered, as "
            "listed below.",
        )
    ]
    for n in range(0, y_top + 1, y_step):
        tick = _num(y_of(n))
        body.append(
            f'<line x1="{_num(left)}" y1="{tick}" x2="{_num(right)}" y2="{tick}" '
            f'stroke="#E4E4E4"/><text x="{_num(left - 8)}" y="{tick}" dy="4" font-size="11" '
            f'text-anchor="end" fill="{_MUTED}">{n}</text>\n'
        )
    years = range(result.start.year + (result.start.timetuple().tm_yday > 1), result.end.year + 1)
    year_step = _nice_step(max(len(years), 1), 12)
    for year in (y for y in years if y % year_step == 0):
        at = _num(x_of(dt.date(year, 1, 1)))
        body.append(
            f'<line x1="{at}" y1="{_num(bottom)}" x2="{at}" y2="{_num(bottom + 5)}" '
            f'stroke="{_MUTED}"/><text x="{at}" y="{_num(bottom + 19)}" font-size="11" '
            f'text-anchor="middle" fill="{_MUTED}">{year}</text>\n'
        )
    body.append(
        f'<path d="M{_num(left)} {_num(top)}V{_num(bottom)}H{_num(right)}" fill="none" '
        f'stroke="{_MUTED}"/>\n'
        f'<text x="20" y="{_num((top + bottom) / 2)}" font-size="12" fill="{_INK}" '
        f'transform="rotate(-90 20 {_num((top + bottom) / 2)})" text-anchor="middle" dy="4">'
        f"{_text(members(dataset))}</text>\n"
    )
    # The line, in steps: what was, solid; what the record makes of days after today, dashed.
    today = min(max(result.today, result.start), result.end)
    points = [*result.steps, (result.end, result.steps[-1][1])]
    past = [(d, n) for d, n in points if d <= today] + [(today, count_on(today))]
    future = [(today, count_on(today))] + [(d, n) for d, n in points if d > today]
    for part, dash in ((past, ""), (future, ' stroke-dasharray="5 4"')):
        if len(part) < 2 or part[0][0] == part[-1][0]:
            continue
        d = f"M{_num(x_of(part[0][0]))} {_num(y_of(part[0][1]))}"
        for (_, before), (day, n) in itertools.pairwise(part):
            d += f"H{_num(x_of(day))}"
            if n != before:
                d += f"V{_num(y_of(n))}"
        body.append(f'<path d="{d}" fill="none" stroke="#0072B2" stroke-width="2"{dash}/>\n')
    if result.start == result.end:  # one day: its count across the frame
        body.append(
            f'<path d="M{_num(left)} {_num(y_of(result.steps[-1][1]))}H{_num(right)}" '
            'fill="none" stroke="#0072B2" stroke-width="2"/>\n'
        )
    if result.start <= result.today <= result.end:
        at = _num(x_of(result.today))
        # Near the right edge the label ends at the line, so that it stays on the page.
        anchor = "end" if x_of(result.today) > right - 60 else "middle"
        body.append(
            f'<line x1="{at}" y1="{_num(top)}" x2="{at}" y2="{_num(bottom)}" stroke="{_MUTED}" '
            'stroke-dasharray="2 3"/>'
            f'<text x="{at}" y="{_num(bottom + 34)}" font-size="11" text-anchor="{anchor}" '
            f'fill="{_MUTED}">today, {_text(human(result.today))}</text>\n'
        )
    notes: list[str] = []
    marked: set[str] = set()
    stacked: dict[int, int] = {}
    for n, mark in enumerate(result.marks, start=1):
        evidence = evidence_of(mark.position, dataset)
        if evidence != "depositary":
            marked.add(evidence)
        notes.append(_mark_line(n, mark, result, evidence))
        if mark.date is None or not result.start <= mark.date <= result.end:
            continue
        x, y = x_of(mark.date), y_of(count_on(mark.date))
        # Numbers of marks a few pixels apart are stacked rather than drawn over each other.
        column = round(x / 14)
        level = max(stacked.get(c, 0) for c in (column - 1, column, column + 1))
        stacked[column] = level + 1
        fill = "#D55E00" if mark.kind == "took-effect" else "#FFFFFF"
        title = f"{mark.position.state.name}: {_MARK_WORDS[mark.kind]} {human(mark.date)}"
        body.append(
            f"<g data-mark={_attr(mark.kind)} data-state={_attr(mark.position.state.name)} "
            f'data-date="{mark.date.isoformat()}" data-parties="{count_on(mark.date)}">'
            f"<title>{_text(title)}</title>"
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4.5" fill="{fill}" stroke="#D55E00" '
            'stroke-width="2"/>'
            f'<text x="{_num(x)}" y="{_num(y - 10 - 13 * level)}" font-size="11" '
            f'text-anchor="middle" fill="{_INK}">{n}</text></g>\n'
        )
    y = bottom + 62
    if notes:
        body.append(
            f'<text x="20" y="{_num(y)}" font-size="13" font-weight="bold" fill="{_INK}">'
            "Withdrawals (filled: took effect; hollow: pending, as known today)</text>\n"
        )
        lines = _wrapped(notes, 150)
        body.append(_text_lines(lines, 20, y + 20, 12, _INK))
        y += 20 + len(lines) * 17 + 12
    else:
        body.append(
            f'<text x="20" y="{_num(y)}" font-size="13" fill="{_INK}">No withdrawal took effect '
            "in these days, and none is pending today.</text>\n"
        )
        y += 28
    footnotes = [footer(dataset, result.end).text]
    legend = evidence_legend(
        marked,
        lead="Evidence: a withdrawal resting on less than the depositary's record says on what",
    )
    if legend is not None:
        footnotes.append(legend.text)
    if result.evidence != "unclassified":
        footnotes.append(asked(result.evidence).text)
    footnotes.append(
        f"{members(dataset)}: States bound on the day (party, withdrawing or "
        "withdrawal-suspended), as `ottawa parties` counts them."
    )
    lines = _wrapped(footnotes)
    body.append(_text_lines(lines, 20, y, 11))
    height = y + len(lines) * 15 + 6
    title += f" from {human(result.start)} to {human(result.end)}"
    description = "; ".join(f"{human(d)}: {n}" for d, n in result.steps[-12:])
    return _document(height, title, description, "".join(body))
