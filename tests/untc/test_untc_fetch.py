"""`ottawa untc fetch` and `ottawa untc diff --fetch` against a server of our own on 127.0.0.1
(no test reaches the internet): the page written byte for byte, conditional requests, retries,
time and size limits, redirects, answers that are no status page, one request at a time; and
no other command loading the HTTP client."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ottawa_cli.store.load import load
from ottawa_cli.untc import fetch as untc_fetch
from ottawa_cli.untc.mtdsg_xml import read_page
from ottawa_cli.untc.page import NotAStatusPage, parse_status_page
from tests.support import FIXTURES, ROOT, TREATIES, run

UNTC = FIXTURES / "untc"
# The saved page of each bundled treaty that has one, by its depositary reference.
SAVED = {"apmbc": UNTC / "ottawa.html"} | {
    t: UNTC / f"{t}.html" for t in TREATIES if (UNTC / f"{t}.html").is_file()
}
APMBC_PATH = "/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5&chapter=26&clang=_en"
FAST = untc_fetch.Limits(connect=2, read=2, deadline=10, backoff=0.05, pause=0.0)

Respond = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Server:
    """What the test server received, and how it answers (`respond`, set by each test)."""

    url: str = ""
    respond: Respond | None = None
    requests: list[Request] = field(default_factory=list)
    in_flight: int = 0
    most_at_once: int = 0
    # Set when the test ends: a handler that hangs waits on it.
    ended: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reference(self, index: int = -1) -> str:
        return parse_qs(urlsplit(self.requests[index].path).query)["mtdsg_no"][0]


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    content_type: str = "text/html; charset=utf-8",
    **headers: str,
) -> None:
    handler.send_response(status)
    if status != 304:
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def serve_saved(handler: BaseHTTPRequestHandler, **headers: str) -> None:
    """Each saved page at its treaty's address; 404 for a treaty with none."""
    reference = parse_qs(urlsplit(handler.path).query).get("mtdsg_no", [""])[0]
    page = _saved_by_reference().get(reference)
    if page is None:
        send(handler, 404, b"<html><body>Not found</body></html>")
    else:
        send(handler, 200, page.read_bytes(), **headers)


@functools.cache
def _saved_by_reference() -> dict[str | None, Path]:
    found = {}
    for treaty, page in SAVED.items():
        result = load(TREATIES[treaty])
        assert result.dataset is not None
        found[result.dataset.treaty.reference] = page
    return found


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            with state.lock:
                state.in_flight += 1
                state.most_at_once = max(state.most_at_once, state.in_flight)
                state.requests.append(Request(self.path, dict(self.headers), time.monotonic()))
            try:
                (state.respond or serve_saved)(self)
            finally:
                with state.lock:
                    state.in_flight -= 1

        def log_message(self, format: str, *args: object) -> None:
            pass

    class Quiet(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that gave up mid-answer: what the tests provoke, not a failure

    httpd = Quiet(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield state
    finally:
        state.ended.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _fast_and_private(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Short limits, no proxy between the client and 127.0.0.1, and a cache folder of each
    test's own (a page kept by another test would make its requests conditional)."""
    monkeypatch.setattr(untc_fetch, "LIMITS", FAST)
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.delenv("OTTAWA_UNTC_URL", raising=False)
    monkeypatch.delenv("OTTAWA_CONTACT", raising=False)
    if not os.environ.get("OTTAWA_NO_CACHE"):
        monkeypatch.setenv("OTTAWA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder, whatever the suite's cache mode."""
    folder = tmp_path_factory.mktemp("http") / "cache"
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(folder))
    return folder


def _fetch(server: Server, out: Path, treaty: str = "apmbc") -> tuple[int, str]:
    code, stdout, stderr = run(
        "untc", "fetch", "--treaty", treaty, "-o", str(out), "--base-url", server.url
    )
    assert stdout == ""
    return code, stderr


# --- item 1: each treaty names its record ----------------------------------------------------


@pytest.mark.parametrize("treaty", sorted(TREATIES))
def test_every_treaty_the_un_secretary_general_keeps_names_its_record(treaty: str) -> None:
    result = load(TREATIES[treaty])
    assert result.dataset is not None
    record = result.dataset.treaty
    if record.depositary != untc_fetch.UN_SECRETARY_GENERAL:
        pytest.skip(f"{treaty}: its depositary is the {record.depositary}")
    assert record.reference is not None
    assert record.status_page is not None
    assert f"mtdsg_no={record.reference}&" in record.status_page
    if treaty in SAVED:
        try:
            page = parse_status_page(SAVED[treaty].read_bytes(), file=treaty)
        except NotAStatusPage:
            return  # four saved pages the reader refuses as saved (tests/fixtures/untc/README.md)
        assert page.mtdsg == record.reference


# --- fetching --------------------------------------------------------------------------------


def test_a_fetched_page_is_written_byte_for_byte(server: Server, tmp_path: Path) -> None:
    code, err = _fetch(server, tmp_path / "pages")
    assert code == 0, err
    assert (tmp_path / "pages" / "apmbc.html").read_bytes() == SAVED["apmbc"].read_bytes()
    assert err == f"Wrote {tmp_path / 'pages' / 'apmbc.html'}: XXVI-5, status as at 3 Feb 2026\n"
    # Nothing else in the folder: no temporary left beside the page.
    assert os.listdir(tmp_path / "pages") == ["apmbc.html"]


def test_a_treaty_named_by_an_alias_is_fetched_and_written_under_its_id(
    server: Server, tmp_path: Path
) -> None:
    code, err = _fetch(server, tmp_path, treaty="Mine-Ban")
    assert code == 0, err
    assert os.listdir(tmp_path) == ["apmbc.html"]


def test_the_request_names_the_depositary_reference_and_the_tool(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTAWA_CONTACT", "curator@example.org")
    code, err = _fetch(server, tmp_path, treaty="ccm")
    assert code == 0, err
    (request,) = server.requests
    assert request.path == "/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-6&chapter=26&clang=_en"
    agent = request.headers["User-Agent"]
    assert re.fullmatch(
        r"ottawa-cli/\d+\.\d+\.\d+ \(a treaty-status reader; \+curator@example\.org\)", agent
    )


def test_the_base_address_comes_from_the_environment_and_keeps_the_path_of_the_record(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTAWA_UNTC_URL", server.url + "/")
    code, _, err = run("untc", "fetch", "--treaty", "apmbc", "-o", str(tmp_path))
    assert code == 0, err
    assert [r.path for r in server.requests] == [APMBC_PATH]


@pytest.mark.parametrize(
    "base", ["http://127.0.0.1/mirror", "ftp://127.0.0.1", "http://user:secret@127.0.0.1", "x"]
)
def test_a_base_address_that_is_not_a_scheme_and_host_is_refused(base: str, tmp_path: Path) -> None:
    code, _, err = run(
        "untc", "fetch", "--treaty", "apmbc", "-o", str(tmp_path), "--base-url", base
    )
    assert code == 2
    assert "no base address: a scheme and host" in err
    assert os.listdir(tmp_path) == []


def test_a_second_fetch_asks_with_the_etag_and_a_304_reuses_the_cached_copy(
    server: Server, tmp_path: Path, cache: Path
) -> None:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            send(handler, 304, ETag='"v1"')
        else:
            serve_saved(handler, ETag='"v1"', Last_Modified="Tue, 03 Feb 2026 14:16:18 GMT")

    server.respond = respond
    assert _fetch(server, tmp_path / "first")[0] == 0
    code, err = _fetch(server, tmp_path / "second")
    assert code == 0, err
    first, second = server.requests
    assert "If-None-Match" not in first.headers
    assert second.headers["If-None-Match"] == '"v1"'
    assert second.headers["If-Modified-Since"] == "Tue, 03 Feb 2026 14:16:18 GMT"
    # The 304 had no body: the page written is the copy kept from the first answer.
    assert (tmp_path / "second" / "apmbc.html").read_bytes() == SAVED["apmbc"].read_bytes()
    assert err.endswith("status as at 3 Feb 2026, unchanged since it was last fetched\n")
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in cache.glob("untc-*.page"))
    assert cache.stat().st_mode & 0o777 == 0o700


def test_a_cache_others_could_write_is_not_believed(
    server: Server, tmp_path: Path, cache: Path
) -> None:
    server.respond = lambda handler: serve_saved(handler, ETag='"v1"')
    assert _fetch(server, tmp_path)[0] == 0
    cache.chmod(0o777)
    assert _fetch(server, tmp_path)[0] == 0
    assert [("If-None-Match" in r.headers) for r in server.requests] == [False, False]


def test_server_errors_are_tried_again_after_a_growing_wait(server: Server, tmp_path: Path) -> None:
    answers = iter([500, 503])

    def respond(handler: BaseHTTPRequestHandler) -> None:
        status = next(answers, 200)
        if status == 200:
            serve_saved(handler)
        else:
            send(handler, status, b"<html><body>Try again</body></html>")

    server.respond = respond
    code, err = _fetch(server, tmp_path)
    assert code == 0, err
    assert (tmp_path / "apmbc.html").read_bytes() == SAVED["apmbc"].read_bytes()
    first, second, third = (r.at for r in server.requests)
    assert second - first >= FAST.backoff
    assert third - second >= 2 * FAST.backoff


def test_a_server_that_keeps_failing_is_given_up_after_a_few_tries(
    server: Server, tmp_path: Path
) -> None:
    server.respond = lambda handler: send(handler, 503, b"busy")
    code, err = _fetch(server, tmp_path)
    assert code == 2
    assert len(server.requests) == FAST.attempts
    assert f"HTTP 503 Service Unavailable ({FAST.attempts} tries)" in err
    assert os.listdir(tmp_path) == []


def test_a_client_error_is_not_tried_again(server: Server, tmp_path: Path) -> None:
    server.respond = lambda handler: send(handler, 403, b"no")
    code, err = _fetch(server, tmp_path)
    assert (code, len(server.requests)) == (2, 1)
    assert "HTTP 403 Forbidden" in err


def test_a_server_that_hangs_is_given_up_within_the_time_limit(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(untc_fetch, "LIMITS", untc_fetch.Limits(read=0.5, attempts=2, backoff=0.05))
    server.respond = lambda handler: server.ended.wait(30) and None
    started = time.monotonic()
    code, err = _fetch(server, tmp_path)
    assert time.monotonic() - started < 5
    assert code == 2
    assert "no answer within the time limit (2 tries)" in err
    assert os.listdir(tmp_path) == []


def test_a_page_that_trickles_past_the_deadline_is_given_up(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(untc_fetch, "LIMITS", untc_fetch.Limits(read=1, deadline=1, attempts=1))

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        while not server.ended.wait(0.1):
            handler.wfile.write(b"<p>")
            handler.wfile.flush()

    server.respond = respond
    started = time.monotonic()
    code, err = _fetch(server, tmp_path)
    assert time.monotonic() - started < 4
    assert code == 2
    assert "not all of the page within the deadline of 1 s" in err


def test_a_redirect_is_followed(server: Server, tmp_path: Path) -> None:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        if handler.path.startswith("/Pages/"):
            send(handler, 301, Location="/moved" + handler.path)
        else:
            serve_saved(handler)

    server.respond = respond
    code, err = _fetch(server, tmp_path)
    assert code == 0, err
    assert [r.path for r in server.requests] == [APMBC_PATH, "/moved" + APMBC_PATH]


def test_a_redirect_loop_is_an_error(server: Server, tmp_path: Path) -> None:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        back = APMBC_PATH if handler.path == "/elsewhere" else "/elsewhere"
        send(handler, 302, Location=back)

    server.respond = respond
    code, err = _fetch(server, tmp_path)
    assert code == 2
    assert f"redirected in a loop, back to {server.url}{APMBC_PATH} after 2 redirects" in err
    assert len(server.requests) == 2
    assert os.listdir(tmp_path) == []


def test_a_chain_of_redirects_longer_than_the_limit_is_an_error(
    server: Server, tmp_path: Path
) -> None:
    counter = iter(range(100))
    server.respond = lambda handler: send(handler, 307, Location=f"/hop{next(counter)}")
    code, err = _fetch(server, tmp_path)
    assert code == 2
    assert f"more than {FAST.redirects} redirects" in err
    assert len(server.requests) == FAST.redirects + 1


def test_a_body_declared_over_the_limit_is_refused_before_it_is_read(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(untc_fetch, "LIMITS", untc_fetch.Limits())  # the reader's 32 MiB

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(32 * 2**20 + 1))
        handler.end_headers()

    server.respond = respond
    code, err = _fetch(server, tmp_path)
    assert code == 2
    assert "33,554,433 bytes is over the limit of 33,554,432 bytes (32 MiB), by its" in err
    assert os.listdir(tmp_path) == []


def test_a_body_that_grows_over_the_limit_is_refused_as_it_arrives(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(untc_fetch, "LIMITS", untc_fetch.Limits(max_bytes=100_000, attempts=1))
    page = SAVED["apmbc"].read_bytes()

    def respond(handler: BaseHTTPRequestHandler) -> None:
        # No Content-Length: the body ends when the connection closes.
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(page)
        handler.close_connection = True

    server.respond = respond
    code, err = _fetch(server, tmp_path)
    assert code == 2
    assert "is over the limit of 100,000 bytes" in err and "and still coming" in err
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("content_type", "body", "fragment"),
    [
        ("application/json", b'{"status": "ok"}', "the answer is application/json, not HTML"),
        ("text/html", b"<html><body><p>Service unavailable</p></body></html>", "not a status page"),
        ("text/html", (UNTC / "ccm.html").read_bytes(), "the record of XXVI-6, not of XXVI-5"),
    ],
    ids=["json", "an-html-page", "another-treaty"],
)
def test_an_answer_that_is_not_the_status_page_is_refused_and_nothing_is_written(
    server: Server, tmp_path: Path, cache: Path, content_type: str, body: bytes, fragment: str
) -> None:
    (tmp_path / "apmbc.html").write_bytes(b"the page fetched last week")
    server.respond = lambda handler: send(handler, 200, body, content_type, ETag='"x"')
    code, err = _fetch(server, tmp_path)
    assert code == 2
    assert fragment in err
    assert err.splitlines()[0].startswith("Error: apmbc: ")
    assert (tmp_path / "apmbc.html").read_bytes() == b"the page fetched last week"
    assert os.listdir(tmp_path) == ["apmbc.html"]
    assert list(cache.glob("untc-*")) == []


def test_a_treaty_the_un_does_not_keep_is_refused_without_a_request(
    server: Server, tmp_path: Path
) -> None:
    code, err = _fetch(server, tmp_path, treaty="unesco")
    assert code == 2
    assert "its depositary is the Government of the United Kingdom" in err
    assert server.requests == []


def test_every_treaty_one_request_at_a_time_the_others_go_on_and_the_run_fails_at_the_end(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(untc_fetch, "LIMITS", untc_fetch.Limits(pause=0.02, backoff=0.01))

    def respond(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(0.01)  # a window in which a second request would overlap
        serve_saved(handler)

    server.respond = respond
    code, err = _fetch(server, tmp_path, treaty="all")
    assert code == 2
    assert server.most_at_once == 1
    assert all(b.at - a.at >= 0.02 for a, b in pairwise(server.requests))
    lines = err.splitlines()
    wrote = {line.split()[1].rstrip(":") for line in lines if line.startswith("Wrote ")}
    failed = [line for line in lines[:-1] if line.startswith("Error: ")]
    # Every saved page the reader takes is written, whatever failed before it; the bundled
    # treaties with no saved page are 404s here.
    assert {Path(w).name for w in wrote} >= {"apmbc.html", "ccm.html", "ccw-p5.html", "tpnw.html"}
    assert any(line.startswith("Error: who: ") and "HTTP 404" in line for line in failed)
    assert "Skipped unesco: its depositary is the Government of the United Kingdom" in err
    assert (
        lines[-1]
        == f"Error: {len(failed)} of {len(wrote) + len(failed)} pages could not be fetched"
    )
    assert len(server.requests) == len(wrote) + len(failed)
    assert sorted(os.listdir(tmp_path)) == sorted(Path(w).name for w in wrote)


# --- untc diff --fetch -----------------------------------------------------------------------


def test_diff_fetch_compares_the_data_with_the_current_page(server: Server) -> None:
    code, out, err = run("untc", "diff", "--fetch", "--treaty", "ccm", "--base-url", server.url)
    assert (code, out, err) == (0, "1 file checked: no findings\n", "")
    assert server.reference() == "XXVI-6"


def test_diff_with_a_treaty_and_no_page_fetches_and_names_the_address_in_findings(
    server: Server,
) -> None:
    server.respond = lambda handler: send(handler, 200, (UNTC / "ottawa-changed.html").read_bytes())
    code, out, _ = run(
        "untc", "diff", "--treaty", "apmbc", "--base-url", server.url, "--format", "json"
    )
    assert code == 1
    report = json.loads(out)
    assert report["files"] == [server.url + APMBC_PATH]
    assert [f["message"].split(":")[0] for f in report["findings"]] == ["China", "Japan"]


def test_diff_of_a_page_that_cannot_be_fetched_is_exit_2(server: Server) -> None:
    server.respond = lambda handler: send(handler, 404, b"gone")
    code, out, err = run("untc", "diff", "--fetch", "--base-url", server.url)
    assert (code, out) == (2, "")
    assert err == f"Error: {server.url}{APMBC_PATH}: HTTP 404 Not Found\n"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["untc", "diff"], "name a saved page, or fetch"),
        (["untc", "diff", str(UNTC / "ottawa.html"), "--fetch"], "not both"),
    ],
)
def test_diff_needs_a_page_or_a_fetch_but_not_both(args: list[str], fragment: str) -> None:
    code, _, err = run(*args)
    assert code == 2
    assert fragment in err


# --- the network stays out of every other command --------------------------------------------


def _modules(args: list[str]) -> set[str]:
    code = (
        f"import sys\nsys.argv = ['ottawa', *{args!r}]\nfrom ottawa_cli.cli.main import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import json\nprint(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [
        ["status", "Finland"],
        ["status", "Finland", "--treaty", "ccm", "--evidence", "depositary"],
        ["list"],
        ["treaties", "--json"],
        ["untc", "diff", str(UNTC / "ottawa.html")],
        ["untc", "--help"],
    ],
    ids=" ".join,
)
def test_no_other_command_loads_the_http_client(args: list[str]) -> None:
    loaded = _modules(args)
    assert "ottawa_cli.law.position" in loaded or "typer" in loaded  # it did run
    assert not {m for m in loaded if m.split(".")[0] in ("httpx", "httpcore")}
    assert "ottawa_cli.untc.fetch" not in loaded


def test_fetching_is_what_loads_the_http_client(server: Server, tmp_path: Path) -> None:
    loaded = _modules(
        ["untc", "fetch", "--treaty", "apmbc", "-o", str(tmp_path), "--base-url", server.url]
    )
    assert "httpx" in loaded
    assert (tmp_path / "apmbc.html").is_file()


# --- the record's XML (`untc fetch --xml`) ---------------------------------------------------

APMBC_XML_PATH = "/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVI/XXVI-5.en.xml"
APMBC_XML = UNTC / "xml" / "apmbc.xml"


def _serve_with_xml(xml: bytes, content_type: str = "text/xml") -> Respond:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        if handler.path == APMBC_XML_PATH:
            send(handler, 200, xml, content_type=content_type)
        else:
            serve_saved(handler)

    return respond


def test_fetch_xml_writes_the_record_the_page_links_beside_the_page(
    server: Server, tmp_path: Path
) -> None:
    server.respond = _serve_with_xml(APMBC_XML.read_bytes())
    code, _, err = run(
        "untc", "fetch", "--treaty", "apmbc", "--xml", "-o", str(tmp_path), "--base-url", server.url
    )
    assert code == 0, err
    # The page first (its link and its date), then the XML it links, one after the other.
    assert [r.path for r in server.requests] == [APMBC_PATH, APMBC_XML_PATH]
    assert "xml" in server.requests[1].headers["Accept"]
    assert (tmp_path / "apmbc.xml").read_bytes() == APMBC_XML.read_bytes()
    assert (tmp_path / "apmbc.html").read_bytes() == SAVED["apmbc"].read_bytes()
    assert err.splitlines()[1] == (
        f"Wrote {tmp_path / 'apmbc.xml'}: its XML record, as at 3 Feb 2026 (it says no date: "
        "read it with --as-at 2026-02-03)"
    )
    # The 2018 copy stands in for the current record here: it reads as at the page's day.
    record = read_page(tmp_path / "apmbc.xml", as_at=dt.date(2026, 2, 3))
    assert (record.mtdsg, len(record.participants)) == ("XXVI-5", 165)


@pytest.mark.parametrize(
    ("body", "content_type", "fragment"),
    [
        (b"<html><body>maintenance</body></html>", "text/html", "not XML: no status page"),
        (b'<?xml version="1.0"?><rss/>', "text/xml", "not the UNTC's MTDSG XML"),
        (
            (UNTC / "xml" / "ccm.xml").read_bytes(),
            "application/xml",
            "the page is the record of XXVI-6, not of XXVI-5",
        ),
    ],
    ids=["html", "wrong-document", "another-treaty"],
)
def test_fetch_xml_refuses_what_is_not_the_record_and_writes_nothing(
    server: Server, tmp_path: Path, body: bytes, content_type: str, fragment: str
) -> None:
    server.respond = _serve_with_xml(body, content_type)
    code, _, err = run(
        "untc", "fetch", "--treaty", "apmbc", "--xml", "-o", str(tmp_path), "--base-url", server.url
    )
    assert code == 2
    assert fragment in err
    assert os.listdir(tmp_path) == []


def test_fetch_xml_of_a_page_that_links_no_record_is_an_error(
    server: Server, tmp_path: Path
) -> None:
    page = SAVED["apmbc"].read_bytes().replace(b"XXVI-5.en.xml", b"XXVI-5.en.txt")
    server.respond = lambda handler: send(handler, 200, page)
    code, _, err = run(
        "untc", "fetch", "--treaty", "apmbc", "--xml", "-o", str(tmp_path), "--base-url", server.url
    )
    assert code == 2
    assert "the page links no XML source of its record (XXVI-5.en.xml" in err
    assert len(server.requests) == 1 and os.listdir(tmp_path) == []
