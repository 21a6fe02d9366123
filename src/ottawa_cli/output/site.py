"""The static website (`ottawa site`): pages from Jinja2 templates, the JSON the commands print,
a CSV per treaty with its Frictionless descriptor, the maps and charts, and an Atom feed.

Every link is relative, so the folder works from any static host and from the file system; no
page asks another host for anything (no script, font or style from elsewhere) and none needs
JavaScript. Text from the data is text: the templates escape every value (autoescaping), and
control and bidirectional characters are shown as escapes, as everywhere else.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ottawa_cli.dates import human
from ottawa_cli.errors import UsageError
from ottawa_cli.law.evidence import of_events
from ottawa_cli.output.contract import to_json
from ottawa_cli.output.sheets import relative_day
from ottawa_cli.output.summaries import evidence_legend
from ottawa_cli.output.views import (
    before_the_treaty,
    footer,
    members,
    status_label,
)
from ottawa_cli.reasons import entry_text
from ottawa_cli.safe_text import one_line, safe

if TYPE_CHECKING:
    from ottawa_cli.api.site import SiteResult, StateAnswers, TreatyAnswers
    from ottawa_cli.law.model import Dataset, Event
    from ottawa_cli.law.position import Position
    from ottawa_cli.law.timeline import Entry

# The file that says a folder was made by `ottawa site`, and lists what it wrote: a later run
# replaces those files and no other.
MARKER = ".ottawa-site.json"
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
# The columns of each treaty's CSV, for a choropleth keyed by ISO 3166 alpha-3.
CHOROPLETH_COLUMNS = ("iso3", "name", "status", "since", "takes_effect", "source", "as_of")
# How many recorded events the front page and the feed show, newest first.
LATEST = 30
FEED_ENTRIES = 200


@dataclass(frozen=True, kw_only=True)
class Note:
    """A line said under a page's content: how current the data is, what evidence means."""

    text: str
    warning: bool = False


@dataclass(kw_only=True)
class Site:
    """The files of the site, by relative path (forward slashes), before any is written."""

    files: dict[str, str] = field(default_factory=dict)

    def add(self, path: str, text: str) -> None:
        assert path not in self.files, path
        self.files[path] = text


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


class _Utf8Text(io.StringIO):
    """Text bound for a UTF-8 file: the JSON writer then writes what `--json` prints to a
    UTF-8 stdout."""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


def _json(value: Any) -> str:
    from ottawa_cli.output.render import write_json

    out = _Utf8Text()
    write_json(value, out)
    return out.getvalue()


def build(result: SiteResult) -> Site:
    """Every file of the site for the answers given."""
    from ottawa_cli.output.svg import chart_svg, map_svg

    site = Site()
    pages = Pages(result)
    site.add("index.html", pages.index())
    site.add("style.css", _read_template("style.css"))
    for page in result.pages:
        treaty = page.id
        site.add(f"treaties/{treaty}.html", pages.treaty(page))
        site.add(f"treaties/{treaty}-map.svg", map_svg(page.map))
        site.add(f"treaties/{treaty}-chart.svg", chart_svg(page.chart))
        site.add(f"api/treaties/{treaty}.json", _json(to_json(page.listing)))
        site.add(f"csv/{treaty}.csv", choropleth_csv(page))
    for state in result.states:
        site.add(f"states/{state.key}.html", pages.state(state))
        site.add(f"api/states/{state.key}.json", _json(to_json(state.answer)))
    site.add("api/pending.json", _json(to_json(result.pending)))
    if result.treaties is not None:
        site.add("api/treaties.json", _json(to_json(result.treaties)))
    site.add("datapackage.json", datapackage(result))
    site.add("feed.xml", feed(result))
    return site


def _read_template(name: str) -> str:
    with open(os.path.join(TEMPLATES, name), encoding="utf-8") as stream:
        return stream.read()


def _shown(value: Any) -> Any:
    """Every value a template prints: text from the data with its unsafe characters made
    visible (autoescaping then makes it text, never markup)."""
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return safe(value)
    return value


class Pages:
    """The HTML pages, each from its template, with what every page says at its foot."""

    def __init__(self, result: SiteResult) -> None:
        import jinja2

        self.result = result
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            finalize=_shown,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["human"] = lambda day: human(day) if day else ""
        self.by_name = {s.name: s.key for s in result.states}
        self.titles = {p.id: p.listing.dataset.treaty.short_title for p in result.pages}

    def _render(self, template: str, root: str, **values: Any) -> str:
        return self.env.get_template(template).render(
            root=root,
            as_of=self.result.as_of,
            bundled=self.result.treaties is not None,
            **values,
        )

    def state_href(self, root: str, name: str) -> str | None:
        key = self.by_name.get(name)
        return None if key is None else f"{root}states/{key}.html"

    def index(self) -> str:
        result = self.result
        treaties = [
            {
                "id": p.id,
                "title": p.listing.dataset.treaty.short_title,
                "depositary": p.listing.dataset.treaty.depositary,
                "in_force": own.date
                if (own := p.listing.dataset.treaty.entry_into_force.treaty_in_force)
                else None,
                "parties": p.listing.parties,
                "members": members(p.listing.dataset),
                "verified": p.listing.dataset.verified.as_at,
            }
            for p in result.pages
        ]
        pending = self._pending_rows(
            "", [(p.listing.dataset, pos) for p in result.pages for pos in p.pending.positions]
        )
        latest = self._latest("")
        return self._render(
            "index.html",
            "",
            treaties=treaties,
            pending=pending,
            latest=latest,
            notes=self._notes(
                {p.evidence for p in pending}, [p.listing.dataset for p in result.pages]
            ),
        )

    def treaty(self, page: TreatyAnswers) -> str:
        dataset = page.listing.dataset
        root = "../"
        rows: list[dict[str, Any]] = []
        for pos in page.listing.positions:
            rows.append(
                {
                    "name": pos.state.name,
                    "href": self.state_href(root, pos.state.name),
                    **_position_cells(pos, dataset),
                    "sources": _sources(dataset, pos.events),
                }
            )
        pending = self._pending_rows(root, [(dataset, p) for p in page.pending.positions])
        early = before_the_treaty(dataset, page.listing.as_of)
        notes = self._notes({r["evidence"] for r in rows}, [dataset])
        if early is not None:
            notes.insert(0, Note(text=early.text, warning=True))
        return self._render(
            "treaty.html",
            root,
            treaty=dataset.treaty,
            id=page.id,
            parties=page.listing.parties,
            members=members(dataset),
            rows=rows,
            pending=pending,
            notes=notes,
        )

    def state(self, state: StateAnswers) -> str:
        root = "../"
        rows: list[dict[str, Any]] = []
        datasets: list[Dataset] = []
        events: list[tuple[Dataset, Event]] = []
        classes: set[str] = set()
        for answer in state.results:
            dataset, pos = answer.dataset, answer.position
            cells = _position_cells(pos, dataset)
            classes.add(cells["evidence"])
            datasets.append(dataset)
            rows.append(
                {
                    "id": dataset.treaty.id,
                    "href": f"{root}treaties/{dataset.treaty.id}.html"
                    if dataset.treaty.id in self.titles
                    else None,
                    "title": dataset.treaty.short_title,
                    **cells,
                }
            )
            events.extend((dataset, e) for e in pos.events)
        timeline = [
            self._entry(root, page, entry)
            for page in self.result.pages
            for entry in page.timeline.entries
            if entry.state == state.name
        ]
        timeline.sort(key=lambda e: (e["date"], e["treaty"]))
        cited: dict[str, dict[str, Any]] = {}
        for dataset, event in events:
            for key in _event_sources(event):
                source = dataset.sources.get(key)
                if source is not None and key not in cited:
                    cited[key] = {
                        "key": key,
                        "title": source.title,
                        "url": _web(source.url),
                        "date": source.date,
                        "evidence": source.evidence,
                        "note": source.note,
                    }
        first = state.results[0].position.state if state.results else None
        return self._render(
            "state.html",
            root,
            key=state.key,
            name=state.name,
            iso2=first.iso2 if first else "",
            iso3=first.iso3 if first else "",
            rows=rows,
            timeline=timeline,
            sources=sorted(cited.values(), key=lambda s: str(s["title"]).casefold()),
            failed=getattr(state.answer, "failed", ()),
            notes=self._notes(classes, datasets),
        )

    def _pending_rows(self, root: str, rows: list[tuple[Dataset, Position]]) -> list[Any]:
        shown = []
        for dataset, pos in rows:
            outcome = pos.outcome
            assert outcome is not None
            effect = outcome.takes_effect
            shown.append(
                _Pending(
                    name=pos.state.name,
                    href=self.state_href(root, pos.state.name),
                    treaty=dataset.treaty.short_title,
                    treaty_href=f"{root}treaties/{dataset.treaty.id}.html",
                    received=outcome.received,
                    takes_effect=effect,
                    countdown=relative_day(effect, self.result.as_of) if effect else "—",
                    held=effect is None,
                    evidence=of_events(pos.depends_on, dataset.sources),
                )
            )
        shown.sort(key=lambda p: (p.held, p.takes_effect or dt.date.max, p.name))
        return shown

    def _entry(self, root: str, page: TreatyAnswers, entry: Entry) -> dict[str, Any]:
        dataset = page.listing.dataset
        source = dataset.sources.get(entry.source) if entry.source else None
        return {
            "date": entry.date,
            "treaty": dataset.treaty.short_title,
            "treaty_href": f"{root}treaties/{page.id}.html",
            "state": entry.state,
            "state_href": self.state_href(root, entry.state) if entry.state else None,
            "text": entry_text(entry),
            "article": entry.article,
            "computed": entry.computed,
            "source": source.title if source else entry.source,
            "url": _web(source.url) if source else None,
        }

    def _latest(self, root: str) -> list[dict[str, Any]]:
        recorded = [
            (entry, page)
            for page in self.result.pages
            for entry in page.timeline.entries
            if entry.state is not None and not entry.computed
        ]
        recorded.sort(key=lambda item: (item[0].date, item[1].id), reverse=True)
        return [self._entry(root, page, entry) for entry, page in recorded[:LATEST]]

    def _notes(self, classes: set[str], datasets: list[Dataset]) -> list[Note]:
        """How current each treaty's data is, and what a row resting on less than the
        depositary's record rests on: what the text outputs say under their tables."""
        notes: list[Note] = []
        legend = evidence_legend(classes)
        if legend is not None:
            notes.append(Note(text=legend.text))
        lines: dict[str, bool] = {}
        for dataset in datasets:
            line = footer(dataset, self.result.as_of)
            text = line.text if len(datasets) == 1 else f"{dataset.treaty.short_title}: {line.text}"
            lines.setdefault(text, line.style == "warning")
        notes.extend(Note(text=t, warning=w) for t, w in lines.items())
        return notes


@dataclass(frozen=True, kw_only=True)
class _Pending:
    name: str
    href: str | None
    treaty: str
    treaty_href: str
    received: dt.date
    takes_effect: dt.date | None
    countdown: str
    held: bool
    evidence: str


def _position_cells(pos: Any, dataset: Dataset) -> dict[str, Any]:
    """A position's cells in every table of the site: status, dates, what it rests on."""
    return {
        "status": pos.status,
        "label": status_label(pos),
        "since": pos.since,
        "in_force": pos.entry_into_force,
        "received": pos.outcome.received if pos.outcome else None,
        "takes_effect": _takes_effect(pos, dataset),
        "evidence": of_events(pos.depends_on, dataset.sources),
    }


def _takes_effect(pos: Position, dataset: Dataset) -> str:
    if pos.outcome is None:
        return ""
    if pos.outcome.takes_effect is None:
        return f"held ({dataset.treaty.withdrawal.article})"
    return human(pos.outcome.takes_effect)


def _web(url: str | None) -> str | None:
    """An address a page may link to: http(s) only (a `javascript:` address is shown, never
    followed)."""
    if url and url.startswith(("https://", "http://")) and safe(url) == url:
        return url
    return None


def _event_sources(event: Event) -> list[str]:
    keys = [event.source]
    keys.extend(c.source for c in event.conflicting_dates)
    if event.dispute is not None:
        keys.append(event.dispute.source)
    return [k for k in keys if k]


def _sources(dataset: Dataset, events: tuple[Event, ...]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for event in events:
        for key in _event_sources(event):
            source = dataset.sources.get(key)
            seen.setdefault(
                key,
                {
                    "title": (source.short_title or source.title) if source else key,
                    "url": _web(source.url) if source else None,
                },
            )
    return list(seen.values())


def _status_source(pos: Position, dataset: Dataset) -> str:
    """The source of the fact the status rests on last (the notice, the instrument): its
    address, else its title."""
    if not pos.depends_on:
        return ""
    key = pos.depends_on[-1].source
    source = dataset.sources.get(key)
    if source is None:
        return key
    return source.url or source.title


def choropleth_csv(page: TreatyAnswers) -> str:
    """One row a State with its ISO 3166 alpha-3 code, for a choropleth (Datawrapper and the
    like match countries by that code); cells as `ottawa export --format csv` writes them."""
    from ottawa_cli.output.exports import cell

    dataset, as_of = page.listing.dataset, page.listing.as_of
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CHOROPLETH_COLUMNS)
    for pos in page.listing.positions:
        writer.writerow(
            [
                cell(pos.state.iso3 or ""),
                cell(pos.state.name),
                pos.status,
                _iso(pos.since),
                _iso(pos.outcome.takes_effect if pos.outcome else None),
                cell(_status_source(pos, dataset)),
                as_of.isoformat(),
            ]
        )
    return out.getvalue()


_CSV_FIELDS = [
    {"name": "iso3", "type": "string", "description": "ISO 3166-1 alpha-3 (empty: none)"},
    {"name": "name", "type": "string", "description": "the State's name in the data"},
    {"name": "status", "type": "string", "description": "the status on as_of (README: Statuses)"},
    {"name": "since", "type": "date", "description": "the day the status began"},
    {"name": "takes_effect", "type": "date", "description": "the day a withdrawal takes effect"},
    {"name": "source", "type": "string", "description": "what the status rests on last"},
    {"name": "as_of", "type": "date", "description": "the day of the answer"},
]


def datapackage(result: SiteResult) -> str:
    """The Frictionless Data Package that describes each treaty's CSV."""
    from ottawa_cli.law.position import STATUSES

    fields = [
        f | {"constraints": {"enum": list(STATUSES)}} if f["name"] == "status" else f
        for f in _CSV_FIELDS
    ]
    package = {
        "name": "ottawa-treaty-status",
        "title": f"States' status under each treaty on {result.as_of.isoformat()}",
        "description": "One CSV a treaty, one row a State, as `ottawa list` answers for the "
        "day; made by `ottawa site`.",
        "created": f"{result.as_of.isoformat()}T00:00:00Z",
        "resources": [
            {
                "name": page.id.lower(),
                "title": one_line(page.listing.dataset.treaty.short_title),
                "path": f"csv/{page.id}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields},
            }
            for page in result.pages
        ],
    }
    return json.dumps(package, indent=2, ensure_ascii=True) + "\n"


def _feed_entries(result: SiteResult) -> list[tuple[dt.date, str, str, str]]:
    """(day, id, title, link) for each recorded event and each effective date, newest first."""
    entries = []
    for page in result.pages:
        dataset = page.listing.dataset
        for entry in page.timeline.entries:
            if entry.state is None:
                continue
            if entry.computed and entry.kind not in ("withdrawal-takes-effect", "entry-into-force"):
                continue
            key = next((s.key for s in result.states if s.name == entry.state), "")
            title = f"{entry.state}, {dataset.treaty.short_title}: {entry_text(entry)}"
            ident = f"{page.id}/{key}/{entry.kind}/{entry.date.isoformat()}"
            entries.append((entry.date, ident, title, f"states/{key}.html"))
        for pos in page.pending.positions:
            assert pos.outcome is not None
            effect = pos.outcome.takes_effect
            if effect is None:
                continue
            key = next((s.key for s in result.states if s.name == pos.state.name), "")
            title = (
                f"{pos.state.name}, {dataset.treaty.short_title}: withdrawal takes effect "
                f"{human(effect)}"
            )
            ident = f"{page.id}/{key}/withdrawal-takes-effect/{effect.isoformat()}"
            # A date still to come is announced on the day its notice was received.
            entries.append((pos.outcome.received, ident, title, f"states/{key}.html"))
    unique = {e[1]: e for e in entries}
    return sorted(unique.values(), key=lambda e: (e[0], e[1]), reverse=True)[:FEED_ENTRIES]


def feed(result: SiteResult) -> str:
    """An Atom feed (RFC 4287) of recorded events and effective dates; links are relative to
    the feed's own address."""
    from xml.etree import ElementTree as ET

    atom = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", atom)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{atom}}}{tag}", attrs)
        if text is not None:
            node.text = one_line(text)
        return node

    def stamp(day: dt.date) -> str:
        return f"{day.isoformat()}T00:00:00Z"

    entries = _feed_entries(result)
    root = ET.Element(f"{{{atom}}}feed")
    sub(root, "title", "Treaty withdrawals: recorded events and effective dates")
    sub(root, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'ottawa-site')}")
    sub(root, "updated", stamp(max([result.as_of, *(e[0] for e in entries)])))
    sub(sub(root, "author"), "name", "ottawa site")
    sub(root, "link", href="index.html")
    sub(root, "link", rel="self", href="feed.xml")
    for day, ident, title, link in entries:
        node = sub(root, "entry")
        sub(node, "title", title)
        sub(node, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ident)}")
        sub(node, "updated", stamp(day))
        sub(node, "link", href=link)
        sub(node, "summary", title)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _inside(path: str) -> bool:
    parts = path.split("/")
    return not path.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def write(site: Site, directory: str) -> None:
    """The site's files into the folder: only one that is empty or was made by `ottawa site`;
    a file there that a previous run did not make is never replaced, and of the files a
    previous run made, those this run does not make again are removed."""
    marker = os.path.join(directory, MARKER)
    made: set[str] = set()
    if os.path.lexists(directory):
        if not os.path.isdir(directory):
            raise UsageError(f"{one_line(directory)} is not a folder")
        if os.listdir(directory):
            if not os.path.isfile(marker):
                raise UsageError(
                    f"{one_line(directory)} is not empty and was not made by `ottawa site`: "
                    "name an empty or new folder"
                )
            try:
                with open(marker, encoding="utf-8") as stream:
                    listed = json.load(stream)["files"]
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise UsageError(f"{one_line(marker)} cannot be read: {error}") from None
            # Only paths inside the folder: a marker edited by hand never reaches outside it.
            made = {p for p in listed if isinstance(p, str) and _inside(p)}
    foreign = sorted(
        p for p in site.files if p not in made and os.path.lexists(os.path.join(directory, p))
    )
    if foreign:
        raise UsageError(
            f"{one_line(os.path.join(directory, foreign[0]))} was not made by `ottawa site`: "
            "it is never replaced"
        )
    try:
        for path in sorted(made - set(site.files)):
            target = os.path.join(directory, *path.split("/"))
            if os.path.isfile(target) and not os.path.islink(target):
                os.unlink(target)
        for path, text in site.files.items():
            target = os.path.join(directory, *path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
        with open(marker, "w", encoding="utf-8") as stream:
            json.dump({"made_by": "ottawa site", "files": sorted(site.files)}, stream, indent=1)
    except OSError as error:
        raise UsageError(f"cannot write the site: {error.strerror or error}") from None
