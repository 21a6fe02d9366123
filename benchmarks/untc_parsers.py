"""How fast each HTML library reads UNTC status pages, and how fast `ottawa_cli.untc.page` is.

The figures in `ottawa_cli/untc.py`'s docstring come from this script. It measures whichever of
lxml, selectolax and BeautifulSoup are installed (`pip install lxml selectolax beautifulsoup4`),
each case in a child process with a time limit, so a library that stalls is reported, not waited
for:

    python benchmarks/untc_parsers.py [--runs 5] [--big-mb 50] [--timeout 120]

The work each library does is the same: parse, find the table whose first cell is
"Participant", read every cell's text. Cases: the five pages of tests/fixtures/untc/; a
synthetic page of --big-mb MB (the APMBC page with its rows repeated); 100,000 nested <div>
elements. Then the install size and import time of each library, and `parse_status_page` on the
five pages and on synthetic pages of 8, 16 and 31 MiB (its cost should grow linearly).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "untc"
# Name → (the module the work imports, its distribution).
LIBRARIES = {
    "lxml": ("lxml.etree", "lxml"),
    "selectolax": ("selectolax.lexbor", "selectolax"),
    "bs4[html.parser]": ("bs4", "beautifulsoup4"),
    "bs4[lxml]": ("bs4", "beautifulsoup4"),
}


def synthetic(size: int) -> bytes:
    """The APMBC page with its participant rows repeated until it is `size` bytes."""
    real = (PAGES / "ottawa.html").read_bytes()
    start = real.index(b'<tr class="trBWhite">')
    end = real.index(b"</table>", start)
    rows = real[start:end]
    copies = max(1, (size - len(real)) // len(rows) + 1)
    return real[:start] + rows * copies + real[end:]


def nested(depth: int) -> bytes:
    return b"<html><body>" + b"<div>" * depth + b"x" + b"</div>" * depth + b"</body></html>"


def _lxml(data: bytes) -> int:
    etree: Any = importlib.import_module("lxml.etree")
    root = etree.fromstring(data, etree.HTMLParser(encoding="utf-8"))
    cells = 0
    for table in [] if root is None else root.iter("table"):
        rows = table.findall("tr")
        first = rows[0].findall("td") if rows else []
        if first and "".join(first[0].itertext()).strip() == "Participant":
            for row in rows:
                cells += len(["".join(c.itertext()) for c in row])
    return cells


def _selectolax(data: bytes) -> int:
    lexbor: Any = importlib.import_module("selectolax.lexbor")
    doc = lexbor.LexborHTMLParser(data)
    cells = 0
    for table in doc.css("table"):
        rows = table.css("tr")
        first = rows[0].css_first("td") if rows else None
        if first is not None and first.text().strip() == "Participant":
            for row in rows:
                cells += len([c.text() for c in row.css("td")])
    return cells


def _bs4(backend: str) -> Callable[[bytes], int]:
    def parse(data: bytes) -> int:
        bs4: Any = importlib.import_module("bs4")
        doc = bs4.BeautifulSoup(data, backend)
        cells = 0
        for table in doc.find_all("table"):
            rows = table.find_all("tr")
            first = rows[0].find("td") if rows else None
            if first is not None and first.get_text().strip() == "Participant":
                for row in rows:
                    cells += len([c.get_text() for c in row.find_all("td")])
        return cells

    return parse


WORK: dict[str, Callable[[bytes], int]] = {
    "lxml": _lxml,
    "selectolax": _selectolax,
    "bs4[html.parser]": _bs4("html.parser"),
    "bs4[lxml]": _bs4("lxml"),
}


def worker(library: str, case: str, runs: int, big_mb: int) -> None:
    """In the child: time one case and print the median seconds."""
    work = WORK[library]
    if case == "pages":
        inputs = [p.read_bytes() for p in sorted(PAGES.glob("*.html"))]
    elif case == "big":
        inputs = [synthetic(big_mb * 1_000_000)]
        runs = 1
    elif case == "nested":
        inputs = [nested(100_000)]
        runs = 1
    else:
        inputs = []
    for data in inputs:
        work(data)  # warm up; for "big" this is the one run below too
        if runs == 1:
            break
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for data in inputs:
            work(data)
        times.append(time.perf_counter() - start)
    print(statistics.median(times))


def run_case(library: str, case: str, runs: int, big_mb: int, timeout: float) -> str:
    argv = [sys.executable, __file__, "--worker", library, case, "--runs", str(runs)]
    argv += ["--big-mb", str(big_mb)]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"over {timeout:.0f} s"
    if done.returncode != 0:
        return "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1]
    seconds = float(done.stdout.strip())
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def installed_size(distribution: str) -> str:
    files = importlib.metadata.distribution(distribution).files or []
    paths = [Path(str(f.locate())) for f in files]
    total = sum(path.stat().st_size for path in paths if path.is_file())
    return f"{total / 1e6:.1f} MB"


def import_time(module: str, runs: int) -> str:
    def timed(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    floor, with_module = [], []
    for _ in range(runs):
        floor.append(timed("pass"))
        with_module.append(timed(f"import {module}"))
    return f"{(statistics.median(with_module) - statistics.median(floor)) * 1000:.0f} ms"


def ours(runs: int) -> None:
    from ottawa_cli.untc.page import parse_status_page

    pages = [(p.name, p.read_bytes()) for p in sorted(PAGES.glob("*.html"))]
    for name, data in pages:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            page = parse_status_page(data, file=name)
            times.append(time.perf_counter() - start)
        print(
            f"  parse_status_page {name:12} {statistics.median(times) * 1000:7.1f} ms  "
            f"{len(page.participants)} participants"
        )
    for mib in (8, 16, 31):
        data = synthetic(mib * 2**20)
        start = time.perf_counter()
        page = parse_status_page(data, file="synthetic.html")
        elapsed = time.perf_counter() - start
        print(
            f"  parse_status_page {mib:2d} MiB       {elapsed:7.2f} s   "
            f"{len(page.participants):,} participants, "
            f"{elapsed / len(page.participants) * 1e6:.1f} µs a row"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big-mb", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--worker", nargs=2, metavar=("LIBRARY", "CASE"))
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], args.worker[1], args.runs, args.big_mb)
        return
    print(f"python {sys.version.split()[0]}; time limit {args.timeout:.0f} s a case")
    for library, (module, distribution) in LIBRARIES.items():
        try:
            version = importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            print(f"{library}: not installed")
            continue
        print(
            f"{library} {version}: install {installed_size(distribution)}, "
            f"import {import_time(module, args.runs)}"
        )
        for case, label in (
            ("pages", "the five pages"),
            ("big", f"a {args.big_mb} MB page"),
            ("nested", "100,000 nested <div>"),
        ):
            result = run_case(library, case, args.runs, args.big_mb, args.timeout)
            print(f"  {label:22} {result}")
    print("ottawa_cli.untc.page")
    ours(args.runs)


if __name__ == "__main__":
    main()
