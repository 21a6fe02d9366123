"""Every command's JSON over the bundled data, in one file: taken before a refactoring and
compared after it, so that a move that renames a key or changes a value is seen.

    python scripts/json_snapshot.py write before.json
    python scripts/json_snapshot.py compare before.json   # exit 1 on any difference

Each run is a subprocess of the installed `ottawa` (the fast path and the Typer app both),
with today pinned and the update overlay ignored, so two runs on the same data are equal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-04"
DAYS = ("1999-03-01", "2026-02-03", TODAY)
STATES = ("Finland", "Ukraine", "United States", "Lithuania", "Cuba", "Burundi", "Hungary")


def treaties() -> list[str]:
    return sorted(p.stem for p in (ROOT / "data" / "treaties").glob("*.yaml"))


def commands() -> list[list[str]]:
    runs: list[list[str]] = [
        ["treaties", "--json"],
        ["schema", "--kind", "dataset"],
        ["schema", "--kind", "treaty"],
        ["schema", "--kind", "registry"],
        ["check", "--format", "json"],
        ["changes", "--since", "2025-01-01", "--treaty", "all", "--json"],
        ["changes", "--since", "2000-01-01", "--until", "2001-01-01", "--by", "recorded", "--json"],
        ["pending", "--treaty", "all", "--json"],
        ["timeline", "--treaty", "all", "--kind", "withdrawal", "--json"],
        ["list", "--treaty", "all", "--as-of", "2026-02-03", "--json"],
    ]
    for state in STATES:
        runs.append(["status", state, "--json"])
        runs.append(["status", state, "--treaty", "all", "--json"])
        runs.append(["status", state, "--treaty", "all", "--as-of", "2026-02-03", "--json"])
    for treaty in treaties():
        t = ["--treaty", treaty]
        runs += [
            ["list", *t, "--json"],
            ["pending", *t, "--json"],
            ["timeline", *t, "--json"],
            ["parties", *t, "--json"],
            ["export", *t, "--format", "json"],
            ["calc", "withdraw", *t, "--received", "2026-03-01", "--json"],
            ["calc", "join", *t, "--deposited", "2026-03-01", "--json"],
        ]
        for day in DAYS:
            runs.append(["list", *t, "--as-of", day, "--json"])
            runs.append(["pending", *t, "--as-of", day, "--json"])
            for state in STATES:
                runs.append(["status", state, *t, "--as-of", day, "--json"])
        for state in STATES:
            runs.append(["sources", state, *t, "--json"])
            runs.append(["calc", "withdraw", *t, "--state", state, "--received", TODAY, "--json"])
    return runs


def run(args: list[str], home: str) -> dict[str, object]:
    env = {
        **os.environ,
        "OTTAWA_TODAY": TODAY,
        "OTTAWA_NO_UPDATES": "1",
        "XDG_CACHE_HOME": home,
        "XDG_DATA_HOME": home,
        "COLUMNS": "100",
    }
    for name in ("OTTAWA_TREATY", "OTTAWA_DATA", "OTTAWA_NO_CACHE"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    try:
        out: object = json.loads(done.stdout)
    except ValueError:
        out = done.stdout
    return {"exit": done.returncode, "stdout": out, "stderr": done.stderr}


def snapshot() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as home:
        run(["treaties"], home)  # warm the cache once, not in every thread at once
        runs = commands()
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            results = list(pool.map(lambda a: run(a, home), runs))
    return {" ".join(a): r for a, r in zip(runs, results, strict=True)}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("write", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1])
    now = snapshot()
    if argv[0] == "write":
        path.write_text(json.dumps(now, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        print(f"{len(now)} runs written to {path}")
        return 0
    before = json.loads(path.read_text())
    differ = [k for k in sorted(before.keys() | now.keys()) if before.get(k) != now.get(k)]
    for key in differ:
        was: dict[str, object] = before.get(key) or {}
        is_: dict[str, object] = now.get(key) or {}  # type: ignore[assignment]
        parts = [part for part in ("exit", "stdout", "stderr") if was.get(part) != is_.get(part)]
        print(f"differs ({', '.join(parts)}): ottawa {key}")
        if "stderr" in parts:
            print(f"  before: {str(was.get('stderr'))[:200]!r}")
            print(f"  after:  {str(is_.get('stderr'))[:200]!r}")
    print(f"{len(now)} runs, {len(differ)} differ from {path}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
