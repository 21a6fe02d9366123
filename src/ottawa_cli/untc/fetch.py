"""A treaty's current status page, fetched from the UN Treaty Collection (`ottawa untc fetch`,
`ottawa untc diff --fetch`): the one module that touches the network.

Politely, as a client of a public service should be:

- **One request at a time.** One connection, one page after another, and a pause between two
  requests to the same host.
- **Time limits.** A timeout on every phase (connecting, sending, each read, waiting for the
  connection) and a deadline for each page, retries and redirects included.
- **Few retries.** A 5xx or 429 answer, a connection error or a timeout is tried again after an
  exponential backoff (or the server's Retry-After, when it asks for less than a minute); no
  other answer is.
- **Conditional requests.** A page fetched before is asked for with its ETag and Last-Modified;
  a 304 reuses the copy kept in the user's cache folder (`store.cache_folder`: the same trust rules
  as the dataset cache, and only the names this module writes).
- **An honest User-Agent**: the tool, its version, and the contact the user gives
  (`OTTAWA_CONTACT`).

What it refuses, each a `FetchError` (exit 2) naming the address: a body over the reader's
limit (`untc.MAX_PAGE_BYTES`: by its Content-Length before reading, else as it arrives); an
answer that is not HTML, or that `untc.page.parse_status_page` does not read as a status page, or
that is the page of another treaty; more redirects than the limit, and a redirect back to an
address already visited (a loop); an address that is no http(s) one. Nothing is written, to the
cache or anywhere else, before the page has been read as the status page asked for.

`Fetcher.xml_record` fetches the record's XML the page links as its source (`untc fetch --xml`):
the same limits, cache and refusals, but for an answer that is not XML (`application/xml`,
`text/xml`) or that `untc.mtdsg_xml.parse_status_xml` does not read, as at the page's date, as the
record asked for.

httpx is imported inside the functions that fetch, never at start-up: no other command loads it
(`tests/untc/test_untc_fetch.py` holds `ottawa status` to that).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import time
from contextlib import suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ottawa_cli import __version__
from ottawa_cli.errors import UsageError
from ottawa_cli.law.model import Treaty
from ottawa_cli.store.cache_folder import sweep, trusted, trusted_folder
from ottawa_cli.untc.mtdsg_xml import AsAtNeeded, parse_status_xml
from ottawa_cli.untc.page import (
    MAX_PAGE_BYTES,
    NotAStatusPage,
    PageFileError,
    StatusPage,
    parse_status_page,
)

if TYPE_CHECKING:
    import httpx

DEFAULT_BASE_URL = "https://treaties.un.org"
# The depositary whose record the UN Treaty Collection's status pages are.
UN_SECRETARY_GENERAL = "Secretary-General of the United Nations"
# "XXVI-5", "IV-11-b": the chapter in Roman numerals, the treaty's number, and a sub-number.
_REFERENCE = re.compile(r"([IVXLCDM]{1,8})-(\d{1,3})(?:-[a-z])?")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_HTML = ("text/html", "application/xhtml+xml")
_XML = ("application/xml", "text/xml")
# The record's XML, as a status page links it ("XML source of the page"):
# href="/doc/Publication/MTDSG/Volume%20II/Chapter%20XXVI/XXVI-5.en.xml".
_XML_LINK = re.compile(
    rb'href="(/doc/Publication/MTDSG/Volume%20I{1,2}/Chapter%20[IVXLCDM]{1,8}/'
    rb'([IVXLCDM]{1,8}-\d{1,3}(?:-[a-z])?)\.en\.xml)"'
)


class FetchError(UsageError):
    """A page that could not be fetched, or that is not the status page asked for: exit 2."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Limits:
    """Time, size and count limits of one run; seconds, except where named."""

    connect: float = 10.0
    # Each read: a server that sends nothing for this long is given up on.
    read: float = 30.0
    write: float = 10.0
    # Waiting for the one connection (never long: requests go one at a time).
    pool: float = 10.0
    # Everything one page takes: every try, redirect and backoff.
    deadline: float = 180.0
    attempts: int = 4
    # The first wait before trying again; each next one is twice as long.
    backoff: float = 2.0
    # A Retry-After longer than this is not waited for: the page fails instead.
    longest_wait: float = 60.0
    redirects: int = 5
    max_bytes: int = MAX_PAGE_BYTES
    # Between the end of one request and the start of the next to the same host.
    pause: float = 1.0


LIMITS = Limits()


@dataclass(frozen=True, kw_only=True, slots=True)
class FetchSettings:
    """Where the pages are and how they are asked for: what a command line passes on."""

    # A scheme and host (and port): the path and query name the treaty's record.
    base_url: str = DEFAULT_BASE_URL
    # The user's cache folder, for conditional requests; None: none kept.
    cache: str | None = None
    # Who runs the tool (an e-mail or web address), for the User-Agent.
    contact: str | None = None
    # None: `LIMITS` as it is when the fetch begins.
    limits: Limits | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Fetched:
    url: str
    # The page as the server sent it (or as the cache kept it, after a 304): its bytes exactly.
    body: bytes
    page: StatusPage
    # The server answered 304: the copy fetched before is the current page.
    not_modified: bool = False


class NoStatusPage(UsageError):
    """The treaty has no UNTC status page to fetch: another depositary, or no reference."""


def reference_of(treaty: Treaty) -> str:
    """The depositary reference of a treaty the UN Secretary-General keeps ("XXVI-5")."""
    if treaty.depositary != UN_SECRETARY_GENERAL:
        raise NoStatusPage(
            f"{treaty.id}: its depositary is the {treaty.depositary}, not the "
            f"{UN_SECRETARY_GENERAL}: the UN Treaty Collection keeps no status page of it"
        )
    if not treaty.reference:
        raise NoStatusPage(
            f"{treaty.id}: its file names no depositary reference (treaty.reference, e.g. XXVI-5)"
        )
    return treaty.reference


def page_url(base_url: str, reference: str) -> str:
    """The address of the status page of the treaty `reference` names, on the site at
    `base_url`, as treaties.un.org spells it: the reference, its chapter's number, English."""
    found = _REFERENCE.fullmatch(reference)
    if found is None:
        raise UsageError(
            f"{reference[:40]!r} is no depositary reference: the UN Treaty Collection's are "
            "a chapter in Roman numerals and a number, e.g. XXVI-5, IV-11-b"
        )
    chapter = _roman(found.group(1))
    return (
        f"{site(base_url)}/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={reference}"
        f"&chapter={chapter}&clang=_en"
    )


def site(base_url: str) -> str:
    """`base_url` as a scheme and host (and port), or a `UsageError`: a path, a query or a
    user name in it would change which record is read, or leak to the server."""
    from urllib.parse import urlsplit

    shown = base_url if len(base_url) <= 80 else base_url[:77] + "..."
    parts = urlsplit(base_url.strip())
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or not port_ok
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
        or parts.password is not None
    ):
        raise UsageError(
            f"{shown!r} is no base address: a scheme and host (and port), e.g. {DEFAULT_BASE_URL}"
        )
    return f"{parts.scheme}://{parts.netloc}"


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def user_agent(contact: str | None) -> str:
    """Who is asking: the tool, its version, and the contact the user gives (one line of
    printable ASCII, as a header must be)."""
    agent = f"ottawa-cli/{__version__} (a treaty-status reader"
    if contact:
        if len(contact) > 200 or not re.fullmatch(r"[\x20-\x7e]+", contact):
            raise UsageError(
                "OTTAWA_CONTACT: an e-mail or web address, in printable ASCII, at most 200 "
                "characters"
            )
        agent += f"; +{contact}"
    return agent + ")"


# --- the cache of fetched pages --------------------------------------------------------------

# One file a page, in the user's cache folder beside the dataset cache: `untc-<sha256 of the
# address>.page`, a line of JSON (the address and its validators) and then the body; written
# under a temporary name and renamed, so a reader never sees half of one.
_ENTRY = re.compile(r"untc-[0-9a-f]{64}\.page")
_TEMPORARY = re.compile(r"\.untc-[0-9a-f]{64}\.page\.[0-9]+\.tmp")
_LAYOUT = 1
_LONGEST_HEADER = 16 * 1024


@dataclass(frozen=True, kw_only=True, slots=True)
class _Copy:
    etag: str | None
    last_modified: str | None
    body: bytes


class _PageCache:
    def __init__(self, folder: str) -> None:
        self.folder = folder

    def _path(self, url: str) -> str:
        import hashlib

        return os.path.join(self.folder, f"untc-{hashlib.sha256(url.encode()).hexdigest()}.page")

    def get(self, url: str) -> _Copy | None:
        """The copy kept for `url`, or None: none, or none this user can trust."""
        path = self._path(url)
        if not trusted(path):
            return None
        try:
            with open(path, "rb") as stream:
                data = stream.read(_LONGEST_HEADER + MAX_PAGE_BYTES + 1)
            head, newline, body = data.partition(b"\n")
            meta = json.loads(head)
        except (OSError, ValueError):
            return None
        if not newline or len(body) > MAX_PAGE_BYTES or type(meta) is not dict:
            return None
        etag, modified = meta.get("etag"), meta.get("last_modified")
        if meta.get("layout") != _LAYOUT or meta.get("url") != url:
            return None
        if not (_header_value(etag) and _header_value(modified)) or not (etag or modified):
            return None
        return _Copy(etag=etag, last_modified=modified, body=body)

    def put(self, url: str, copy: _Copy) -> None:
        """Keep the copy; a folder that cannot be written only costs a full download next
        time."""
        path = self._path(url)
        name = os.path.basename(path)
        tmp = os.path.join(self.folder, f".{name}.{os.getpid()}.tmp")
        if os.path.lexists(self.folder) and not trusted_folder(self.folder):
            return  # nothing written where nothing would be believed (another user's folder)
        meta = {
            "layout": _LAYOUT,
            "url": url,
            "etag": copy.etag,
            "last_modified": copy.last_modified,
        }
        try:
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
            with suppress(FileNotFoundError):
                os.unlink(tmp)
            handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(json.dumps(meta).encode() + b"\n" + copy.body)
                os.replace(tmp, path)
            finally:
                with suppress(OSError):
                    os.unlink(tmp)
            sweep(self.folder, keep=name, entry=_ENTRY, temporary=_TEMPORARY)
        except OSError:
            pass

    def forget(self, url: str) -> None:
        with suppress(OSError):
            os.unlink(self._path(url))

    def used(self, url: str) -> None:
        """A copy a 304 confirmed is in use: the sweep keeps it another month."""
        with suppress(OSError):
            os.utime(self._path(url))


def _header_value(value: object) -> bool:
    """None, or text a request header may carry back: printable ASCII, no line break."""
    if value is None:
        return True
    return isinstance(value, str) and re.fullmatch(r"[\x20-\x7e\t]{1,1024}", value) is not None


# --- fetching -------------------------------------------------------------------------------


class _Transient(Exception):
    """What may pass if tried again: a 5xx or 429 answer, a connection error, a timeout."""

    def __init__(self, what: str, retry_after: float | None = None) -> None:
        super().__init__(what)
        self.retry_after = retry_after


@dataclass(kw_only=True, slots=True)
class _Answer:
    status: int
    reason: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class Fetcher:
    """One run's client: one connection, so one request at a time; the pause between two
    requests to one host; the cache. Use it as a context manager."""

    def __init__(self, settings: FetchSettings) -> None:
        import httpx

        self._limits = settings.limits or LIMITS
        self._site = site(settings.base_url)
        self._cache = _PageCache(settings.cache) if settings.cache else None
        self._client = httpx.Client(
            headers={
                "User-Agent": user_agent(settings.contact),
                "Accept": "text/html, application/xhtml+xml",
                # What the reader takes: a body decoded as it arrives, counted against the limit.
                "Accept-Encoding": "gzip",
            },
            # One connection: never two requests at once, to any host.
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            # Followed here, one by one: counted, and a loop refused.
            follow_redirects=False,
        )
        # Each host's last request, when it ended (time.monotonic()).
        self._last: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def status_page(self, reference: str) -> Fetched:
        """The current status page of the treaty `reference` names."""
        return self.fetch(page_url(self._site, reference), reference)

    def xml_record(self, html: Fetched, reference: str) -> Fetched:
        """The XML record (the MTDSG XML) the status page `html` links as its source, read as at
        the page's "status as at" date (the XML says none): fetched right after the page."""
        links = {
            m.group(1) for m in _XML_LINK.finditer(html.body) if m.group(2) == reference.encode()
        }
        if len(links) != 1:
            raise FetchError(
                f"{html.url}: the page links {'no' if not links else len(links)} XML source of "
                f"its record ({reference}.en.xml under /doc/Publication/MTDSG/)"
            )
        return self.fetch(
            self._site + links.pop().decode("ascii"), reference, as_at=html.page.as_at
        )

    def fetch(self, url: str, reference: str, *, as_at: dt.date | None = None) -> Fetched:
        """The status page at `url`, which must be the record of `reference`; `FetchError` if it
        cannot be had within the limits, or is not that page. With `as_at`, the record's XML,
        read as at that day."""
        limits = self._limits
        deadline = time.monotonic() + limits.deadline
        copy = self._cache.get(url) if self._cache else None
        tries = 0
        while True:
            tries += 1
            try:
                return self._once(url, reference, copy, deadline, as_at)
            except _Transient as problem:
                if tries >= limits.attempts:
                    raise FetchError(f"{url}: {problem} ({tries} tries)") from None
                wait = limits.backoff * 2 ** (tries - 1)
                if problem.retry_after is not None:
                    if problem.retry_after > limits.longest_wait:
                        raise FetchError(
                            f"{url}: {problem}, and asked to wait {problem.retry_after:g} s "
                            f"({tries} tries)"
                        ) from None
                    wait = problem.retry_after
                if time.monotonic() + wait >= deadline:
                    raise FetchError(
                        f"{url}: {problem} ({tries} tries; the deadline of {limits.deadline:g} s "
                        "leaves no time for another)"
                    ) from None
                time.sleep(wait)

    def _once(
        self,
        url: str,
        reference: str,
        copy: _Copy | None,
        deadline: float,
        as_at: dt.date | None = None,
    ) -> Fetched:
        headers = {} if as_at is None else {"Accept": ", ".join(_XML)}
        if copy is not None and copy.etag:
            headers["If-None-Match"] = copy.etag
        if copy is not None and copy.last_modified:
            headers["If-Modified-Since"] = copy.last_modified
        answer = self._get(url, headers, deadline)
        if answer.status == 304:
            if copy is None:
                raise FetchError(f"{url}: HTTP 304 Not Modified, to a request that named no copy")
            try:
                page = _read(url, reference, copy.body, as_at)
            except FetchError:
                # The copy kept no longer reads as the page (another version of the reader):
                # asked for again, whole.
                assert self._cache is not None
                self._cache.forget(url)
                return self._once(url, reference, None, deadline, as_at)
            assert self._cache is not None
            self._cache.used(url)
            return Fetched(url=url, body=copy.body, page=page, not_modified=True)
        if answer.status == 429 or 500 <= answer.status <= 599:
            raise _Transient(
                f"HTTP {answer.status} {answer.reason}".rstrip(),
                retry_after=_retry_after(answer.headers.get("retry-after")),
            )
        if answer.status != 200:
            raise FetchError(f"{url}: HTTP {answer.status} {answer.reason}".rstrip())
        kind = answer.headers.get("content-type", "").split(";")[0].strip().lower()
        form, accepted = ("HTML", _HTML) if as_at is None else ("XML", _XML)
        if kind and kind not in accepted:
            raise FetchError(f"{url}: the answer is {kind[:60]}, not {form}: no status page")
        page = _read(url, reference, answer.body, as_at)
        if self._cache is not None:
            etag, modified = answer.headers.get("etag"), answer.headers.get("last-modified")
            if (etag or modified) and _header_value(etag) and _header_value(modified):
                self._cache.put(url, _Copy(etag=etag, last_modified=modified, body=answer.body))
            else:
                self._cache.forget(url)  # a copy with no validator can never be confirmed
        return Fetched(url=url, body=answer.body, page=page)

    def _get(self, url: str, headers: dict[str, str], deadline: float) -> _Answer:
        """GET `url`, following redirects one by one; the body is read only from a 200."""
        import httpx

        seen = [url]
        current = url
        while True:
            response = self._send(current, headers, deadline)
            try:
                if response.has_redirect_location:
                    target = str(response.url.join(response.headers["location"]))
                    if httpx.URL(target).scheme not in ("http", "https"):
                        raise FetchError(f"{url}: redirected to {target[:200]}, no http(s) address")
                    if target in seen:
                        raise FetchError(
                            f"{url}: redirected in a loop, back to {target} after "
                            f"{len(seen)} redirect{'s' if len(seen) > 1 else ''}"
                        )
                    if len(seen) > self._limits.redirects:
                        raise FetchError(f"{url}: more than {self._limits.redirects} redirects")
                    seen.append(target)
                    current = target
                    continue
                answer = _Answer(
                    status=response.status_code,
                    reason=response.reason_phrase,
                    headers={k.lower(): v for k, v in response.headers.items()},
                )
                if response.status_code == 200:
                    answer.body = self._body(url, response, deadline)
                return answer
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as e:
                raise _Transient(_described(e)) from None
            except httpx.DecodingError:
                raise FetchError(f"{url}: the body cannot be decoded as its headers say") from None
            except httpx.TransportError as e:  # a proxy's refusal, say: no use trying again
                raise FetchError(f"{url}: {_described(e)}") from None
            finally:
                response.close()
                self._last[response.url.netloc.decode("ascii", "replace")] = time.monotonic()

    def _send(self, url: str, headers: dict[str, str], deadline: float) -> httpx.Response:
        import httpx

        limits = self._limits
        host = httpx.URL(url).netloc.decode("ascii", "replace")
        last = self._last.get(host)
        if last is not None:
            time.sleep(max(0.0, last + limits.pause - time.monotonic()))
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{url}: no answer within the deadline of {limits.deadline:g} s")
        timeout = httpx.Timeout(
            connect=min(limits.connect, left),
            read=min(limits.read, left),
            write=min(limits.write, left),
            pool=min(limits.pool, left),
        )
        request = self._client.build_request("GET", url, headers=headers, timeout=timeout)
        try:
            return self._client.send(request, stream=True)
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as e:
            self._last[host] = time.monotonic()
            raise _Transient(_described(e)) from None
        except httpx.TransportError as e:
            self._last[host] = time.monotonic()
            raise FetchError(f"{url}: {_described(e)}") from None

    def _body(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        """The body, within the size limit and the deadline."""
        limit = self._limits.max_bytes
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise FetchError(f"{url}: {_too_large(int(length), limit)}, by its Content-Length")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{url}: {_too_large(size, limit)} and still coming")
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{url}: not all of the page within the deadline of "
                    f"{self._limits.deadline:g} s ({size:,} bytes)"
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _read(url: str, reference: str, body: bytes, as_at: dt.date | None = None) -> StatusPage:
    """The body as the status page of `reference` (with `as_at`, its XML record, as at that
    day), or a `FetchError`."""
    try:
        if as_at is None:
            page = parse_status_page(body, file=url)
        else:
            page = parse_status_xml(body, file=url, as_at=as_at)
    except (NotAStatusPage, PageFileError, AsAtNeeded) as error:
        raise FetchError(f"not a status page: {error}") from None
    if page.mtdsg is not None and page.mtdsg != reference:
        raise FetchError(f"{url}: the page is the record of {page.mtdsg}, not of {reference}")
    return page


def _too_large(size: int, limit: int) -> str:
    return f"{size:,} bytes is over the limit of {limit:,} bytes ({limit / 2**20:g} MiB)"


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (its other form, an HTTP date, is not read: backoff decides)."""
    if value is None or not value.strip().isdigit():
        return None
    return float(value.strip())


def _described(error: Any) -> str:
    kind = type(error).__name__
    what = {
        "ConnectTimeout": "no connection within the time limit",
        "ReadTimeout": "no answer within the time limit",
        "WriteTimeout": "the request could not be sent within the time limit",
        "PoolTimeout": "no connection free within the time limit",
        "ConnectError": "cannot connect",
    }.get(kind)
    detail = str(error).strip()
    if what is None:
        return f"{kind}: {detail}" if detail else kind
    return f"{what} ({detail})" if detail and kind == "ConnectError" else what


# --- writing --------------------------------------------------------------------------------


def write_page(folder: str, name: str, body: bytes) -> str:
    """Write `body` to `name` in `folder` whole: beside it first, then renamed, so a reader
    never sees part of a page and a failure leaves the old file as it was. A replaced file
    keeps its mode; a new one takes the umask's. Returns the path written."""
    import tempfile

    path = os.path.normpath(os.path.join(folder, name))
    try:
        os.makedirs(folder, exist_ok=True)
        try:
            mode: int | None = os.stat(path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            raise FetchError(f"cannot write {path}: not a regular file")
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=".ottawa-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(body)
            os.chmod(tmp, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
            os.replace(tmp, path)
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    except OSError as error:
        raise FetchError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
