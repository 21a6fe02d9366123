"""`ottawa site` and `ottawa serve`: pages that parse, links that stay inside the site, JSON equal
to the commands' own, a feed and a data package that validate, data shown as text, and a real
browser that finds the map and the table without a console error."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import html5lib
import pytest
from lxml import etree
from lxml import html as lxml_html
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import ROOT

runner = CliRunner()
DAY = "2026-02-01"  # Poland's withdrawal from the Mine Ban Convention is pending then
ATOM = "{http://www.w3.org/2005/Atom}"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
log = logging.getLogger(__name__)


def _ottawa(args: list[str], env: dict[str, str]) -> str:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # Built once for the module: one cache of its own, "today" fixed to the site's day.
    return {"OTTAWA_TODAY": DAY, "OTTAWA_CACHE_DIR": str(tmp_path_factory.mktemp("site-cache"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    folder = tmp_path_factory.mktemp("site") / "public"
    result = runner.invoke(app, ["site", str(folder), "--as-of", DAY], env=env)
    assert result.exit_code == 0, result.output
    return folder


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_every_page_parses_as_html_without_a_single_error(built: Path) -> None:
    parser = html5lib.HTMLParser(strict=True)
    pages = _pages(built)
    assert len(pages) > 200  # the index, 36 treaties, every State
    for page in pages:
        parser.parse(page.read_text(encoding="utf-8"))  # raises on the first parse error


def test_every_link_and_asset_resolves_inside_the_site_and_nothing_is_fetched_elsewhere(
    built: Path,
) -> None:
    trees = {p: lxml_html.fromstring(p.read_bytes()) for p in _pages(built)}
    ids = {p.resolve(): set(t.xpath("//@id")) for p, t in trees.items()}
    for page, tree in trees.items():
        assert tree.xpath("//script") == [], page  # readable without JavaScript
        for node in tree.xpath("//*[@src or @href]"):
            address = node.get("src") or node.get("href")
            if node.tag == "a" and address.startswith(("https://", "http://")):
                continue  # a source's own page, followed only by the reader's choice
            assert node.tag == "a" or node.get("rel") != "icon" or address == "data:,"
            if address == "data:,":
                continue
            assert not urlsplit(address).scheme and not address.startswith("/"), (page, address)
            path, fragment = urldefrag(address)
            target = (page.parent / path).resolve() if path else page.resolve()
            assert target.is_file(), (page, address)
            assert built.resolve() in target.parents, (page, address)
            if fragment:
                assert fragment in ids[target], (page, address)


def test_every_json_file_is_what_its_command_prints(built: Path, env: dict[str, str]) -> None:
    def same(path: str, *args: str) -> None:
        printed = _ottawa([*args, "--json"], env)
        assert json.loads((built / path).read_text(encoding="utf-8")) == json.loads(printed), path

    same("api/treaties.json", "treaties")
    same("api/pending.json", "pending", "--treaty", "all", "--as-of", DAY)
    treaties = sorted((built / "api" / "treaties").glob("*.json"))
    assert len(treaties) == 36
    for file in treaties:
        same(f"api/treaties/{file.name}", "list", "--treaty", file.stem, "--as-of", DAY)
    states = sorted((built / "api" / "states").glob("*.json"))
    assert {"FIN.json", "USA.json", "EU.json"} <= {s.name for s in states}
    for file in states:
        same(f"api/states/{file.name}", "status", file.stem, "--treaty", "all", "--as-of", DAY)


def test_the_json_files_are_written_as_status_json_prints_them(
    built: Path, env: dict[str, str]
) -> None:
    printed = _ottawa(["status", "FIN", "--treaty", "all", "--as-of", DAY, "--json"], env)
    assert (built / "api" / "states" / "FIN.json").read_text(encoding="utf-8") == printed


def test_the_feed_is_atom_with_each_entry_dated_and_linked_inside_the_site(built: Path) -> None:
    feed = etree.parse(str(built / "feed.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    for tag in ("title", "id", "updated"):
        assert feed.find(f"{ATOM}{tag}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00Z$")
    seen = set()
    for entry in entries:
        ident = entry.findtext(f"{ATOM}id")
        assert ident and ident.startswith("urn:uuid:") and ident not in seen
        seen.add(ident)
        assert entry.findtext(f"{ATOM}title")
        assert stamp.match(entry.findtext(f"{ATOM}updated") or "")
        link = entry.find(f"{ATOM}link")
        assert link is not None and (built / link.get("href", "")).is_file()
    titles = [e.findtext(f"{ATOM}title") or "" for e in entries]
    assert any("Poland" in t and "withdrawal takes effect 20 Feb 2026" in t for t in titles)
    days = [e.findtext(f"{ATOM}updated") for e in entries]
    assert days == sorted(days, reverse=True)  # newest first


def test_the_data_package_describes_every_csv_and_validates_with_frictionless(
    built: Path,
) -> None:
    from frictionless import Package

    package = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    assert len(package["resources"]) == 36
    report = Package(str(built / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_each_treaty_csv_has_a_row_a_state_keyed_by_iso3_for_a_choropleth(built: Path) -> None:
    import csv

    rows = list(csv.DictReader((built / "csv" / "apmbc.csv").open(encoding="utf-8")))
    assert list(rows[0]) == ["iso3", "name", "status", "since", "takes_effect", "source", "as_of"]
    poland = next(r for r in rows if r["iso3"] == "POL")
    assert (poland["status"], poland["takes_effect"], poland["as_of"]) == (
        "withdrawing",
        "2026-02-20",
        DAY,
    )


def test_every_page_says_how_current_the_data_is(built: Path) -> None:
    for page in _pages(built):
        assert "Data verified against" in page.read_text(encoding="utf-8"), page


def test_the_index_lists_the_treaties_the_pending_withdrawals_and_the_latest_events(
    built: Path,
) -> None:
    tree = lxml_html.fromstring((built / "index.html").read_bytes())
    assert len(tree.xpath("//table[@class='treaties']/tbody/tr")) == 36
    pending = " ".join(tree.xpath("//section[@id='pending']//text()"))
    assert "Poland" in pending and "in 19 days" in pending
    assert tree.xpath("//section[@id='latest']//tbody/tr")


HOSTILE = "<script>alert(1)</script>Evil\u202eland"


@pytest.fixture
def hostile_site(write_data: Callable[..., Path], tmp_path: Path) -> Path:
    data = write_data(
        """
        states:
          - name: "<script>alert(1)</script>Evil\\u202eland"
            iso2: FR
            iso3: FRA
            events:
              - {kind: accession, date: 2010-03-15, source: fixture}
              - {kind: withdrawal, date: 2025-12-01, source: fixture}
          - name: Finland
            iso2: FI
            iso3: FIN
            events:
              - {kind: accession, date: 2012-01-09, source: fixture}
        """
    )
    folder = tmp_path / "hostile"
    result = runner.invoke(app, ["site", str(folder), "--data", str(data), "--as-of", "2026-01-01"])
    assert result.exit_code == 0, result.output
    return folder


def test_a_hostile_name_in_the_data_shows_as_text_on_every_page(hostile_site: Path) -> None:
    pages = _pages(hostile_site)
    assert len(pages) == 4  # the index, the treaty, two States
    shown = "<script>alert(1)</script>Evil\\u202eland"
    naming = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "\u202e" not in text, page
        tree = lxml_html.fromstring(text)
        assert tree.xpath("//script") == [], page
        if shown in tree.text_content():
            naming.append(page.relative_to(hostile_site).as_posix())
    # Finland's own page has no reason to name it; every other page does, as text.
    assert naming == ["index.html", "states/FRA.html", "treaties/apmbc.html"]


def test_site_refuses_a_folder_it_did_not_make_and_touches_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "index.html").write_text("my own", encoding="utf-8")
    result = runner.invoke(app, ["site", str(folder), "--data", str(_minimal(tmp_path))])
    assert result.exit_code == 2
    assert "was not made by `ottawa site`" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["index.html"]
    assert (folder / "index.html").read_text(encoding="utf-8") == "my own"


def test_site_rebuilds_its_own_folder_and_never_replaces_a_file_it_did_not_make(
    tmp_path: Path,
) -> None:
    folder, data = tmp_path / "public", str(_minimal(tmp_path))
    assert runner.invoke(app, ["site", str(folder), "--data", data]).exit_code == 0
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert runner.invoke(app, ["site", str(folder), "--data", data]).exit_code == 0
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    (folder / "index.html").unlink()
    (folder / "index.html").write_text("mine", encoding="utf-8")
    made = json.loads((folder / ".ottawa-site.json").read_text(encoding="utf-8"))
    made["files"].remove("index.html")
    (folder / ".ottawa-site.json").write_text(json.dumps(made), encoding="utf-8")
    result = runner.invoke(app, ["site", str(folder), "--data", data])
    assert result.exit_code == 2
    assert (folder / "index.html").read_text(encoding="utf-8") == "mine"


def _minimal(tmp_path: Path) -> Path:
    path = tmp_path / "minimal.yaml"
    header = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    path.write_text(
        header + "states:\n  - {name: Finland, iso2: FI, iso3: FIN, events: []}\n",
        encoding="utf-8",
    )
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# `python -m ottawa_cli`, with Ctrl-C as a terminal gives it: a test run started in the
# background (`pytest &`) hands its children SIGINT ignored, which no user's Ctrl-C is.
_AS_IN_A_TERMINAL = (
    "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "runpy.run_module('ottawa_cli', run_name='__main__', alter_sys=True)"
)


def _serving(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """`ottawa serve` started as a user would, and the address it prints once it listens."""
    process = subprocess.Popen(
        [sys.executable, "-c", _AS_IN_A_TERMINAL, "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.match(r"Serving (http://127\.0\.0\.1:\d+/) ", line)
    if found is None:
        process.kill()
        pytest.fail(f"no address printed: {line!r} {process.communicate()}")
    return process, found.group(1)


def _stopped(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    return process.returncode, stderr


@pytest.fixture(scope="module")
def served(env: dict[str, str]) -> Iterator[str]:
    process, address = _serving(["--port", str(_free_port()), "--as-of", DAY], env)
    yield address
    _stopped(process)


def test_serve_prints_its_address_serves_the_site_and_stops_cleanly_on_ctrl_c(
    tmp_path: Path, env: dict[str, str]
) -> None:
    port = _free_port()
    process, address = _serving(["--port", str(port), "--data", str(_minimal(tmp_path))], env)
    assert address == f"http://127.0.0.1:{port}/"
    with urllib.request.urlopen(address + "index.html", timeout=10) as response:
        assert "Data verified against" in response.read().decode("utf-8")
    code, stderr = _stopped(process)
    assert code == 130  # interrupted, as every command is (README: exit codes)
    assert "Traceback" not in stderr and "Stopped." in stderr


def test_serve_stopped_by_sigterm_removes_the_folder_it_built(
    tmp_path: Path, env: dict[str, str]
) -> None:
    # `ottawa serve &` then `kill %1`: the site's temporary folder goes with it.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    data = _minimal(tmp_path)
    process, _ = _serving(
        ["--port", str(_free_port()), "--data", str(data)], {**env, "TMPDIR": str(temporary)}
    )
    assert [p.name for p in temporary.iterdir() if p.name.startswith("ottawa-site-")]
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in stderr
    assert list(temporary.iterdir()) == []


def _browser(screenshots: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
        f"--user-data-dir={screenshots / 'profile'}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


@pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=f"no {CHROMIUM}: apt-get install chromium chromium-driver (.ci/run does)",
)
def test_a_real_browser_finds_the_map_and_the_table_with_no_console_error(
    served: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from selenium.webdriver.common.by import By

    screenshots = tmp_path_factory.mktemp("screenshots")
    driver = _browser(screenshots)
    try:
        pages = {
            "index": ("index.html", "table.treaties", "section#pending table"),
            "treaty": ("treaties/apmbc.html", "figure#map img", "table.states"),
            "state": ("states/POL.html", "table.positions", "table.timeline"),
        }
        for name, (path, *selectors) in pages.items():
            driver.get(served + path)
            for selector in selectors:
                assert driver.find_elements(By.CSS_SELECTOR, selector), (path, selector)
            for image in driver.find_elements(By.CSS_SELECTOR, "img"):
                loaded = "return arguments[0].complete && arguments[0].naturalWidth > 0"
                assert driver.execute_script(loaded, image), image.get_attribute("src")
            shot = screenshots / f"{name}.png"
            assert driver.save_screenshot(str(shot))
            log.warning("screenshot of %s: %s", path, shot)
            print(f"screenshot of {path}: {shot}")
            errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            assert errors == [], (path, errors)
        rows = driver.find_elements(By.CSS_SELECTOR, "table.positions tbody tr")
        assert len(rows) == 36
    finally:
        driver.quit()
