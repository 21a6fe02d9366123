"""Start-up benchmark: each command against `python -c pass`, run alternately, as ratios.

Standard library only, plus an installed `ottawa` (measure `pip install .`, not a checkout):

    python benchmarks/startup.py [--runs 21] [--states 20000] [--check-runs 5] [--treaties 600]

Prints, for each case, the median, min and max wall time of the command and of the interpreter
floor measured in the same alternating loop, and their ratio; then `ottawa check` throughput on the
synthetic file, in States per second (median of --check-runs), with its peak memory; then the
first run after an install (an empty cache) against a warm one; then, with `--treaties N`, the
cross-treaty commands on a copy of the package holding N treaties (the bundled ones and renamed
copies of them) against the same copy holding only the bundled ones, with each one's peak memory.
"""

from __future__ import annotations

import argparse
import os
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic


def timed(argv: Sequence[str], env: dict[str, str], terminal: bool = False) -> float:
    """Wall time of one run; output to a pipe, or to a pseudo-terminal when `terminal`."""
    if terminal:
        primary, secondary = pty.openpty()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=secondary, stderr=secondary, env=env)
        os.close(secondary)
        while True:  # drain the terminal so the command never blocks on a full buffer
            try:
                if not os.read(primary, 65536):
                    break
            except OSError:
                break
        code = proc.wait()
        elapsed = time.perf_counter() - start
        os.close(primary)
    else:
        start = time.perf_counter()
        code = subprocess.run(argv, capture_output=True, env=env).returncode
        elapsed = time.perf_counter() - start
    if code not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed with exit code {code}")
    return elapsed


def compare(
    name: str, argv: Sequence[str], env: dict[str, str], runs: int, terminal: bool = False
) -> float:
    floor_argv = [sys.executable, "-c", "pass"]
    timed(argv, env, terminal)  # warm the cache and the page cache
    floors, times = [], []
    for _ in range(runs):
        floors.append(timed(floor_argv, env))
        times.append(timed(argv, env, terminal))
    ratio = statistics.median(times) / statistics.median(floors)
    print(
        f"{name:<46} {statistics.median(times) * 1000:7.1f} ms "
        f"({min(times) * 1000:.1f}-{max(times) * 1000:.1f})   "
        f"python -c pass {statistics.median(floors) * 1000:5.1f} ms   ratio {ratio:5.2f}x"
    )
    return ratio


# Peak memory is read by a small process of its own: a child's peak counts the pages it was
# forked with, so a child of this process (tens of MiB once the synthetic data is made) would
# never show less than this process's own size.
_MEASURE = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "_, _, usage = os.wait4(p.pid, 0)\n"
    "print(usage.ru_maxrss)\n"
)


def peak_memory(argv: Sequence[str], env: dict[str, str]) -> float:
    """The command's own peak resident memory, in MiB."""
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv], capture_output=True, env=env, check=True
    )
    return int(measured.stdout) / 1024


def first_run(ottawa: str, tmp: Path, env: dict[str, str], runs: int) -> None:
    """`ottawa status Finland` with an empty cache (as after an install) against a warm one,
    and `ottawa list`, the first command that needs the bundled data's index. An installed
    wheel reads the caches and copies the index built into it (`store.shipped`,
    `api.index.ship`); an editable install has neither, validates the YAML on its first run and
    builds the index on its first `list`."""
    for name, args in (("", ["status", "Finland"]), (" (list)", ["list"])):
        firsts, warms = [], []
        for n in range(runs):
            fresh = {**env, "OTTAWA_CACHE_DIR": str(tmp / f"first-{n}{name.strip(' ()')}")}
            firsts.append(timed([ottawa, *args], fresh))
            warms.append(timed([ottawa, *args], fresh))
        first, warm = statistics.median(firsts), statistics.median(warms)
        print(
            f"{'first run after install / warm run' + name:<46} {first * 1000:7.1f} ms / "
            f"{warm * 1000:.1f} ms   ratio {first / warm:5.2f}x"
        )


_CROSS = (
    ("status Finland", ["status", "Finland"]),
    ("status Finland --treaty all", ["status", "Finland", "--treaty", "all"]),
    ("pending --treaty all", ["pending", "--treaty", "all"]),
    ("treaties", ["treaties"]),
)


def many_treaties(tmp: Path, total: int, env: dict[str, str], runs: int) -> None:
    """Each cross-treaty command on a package copy holding `total` treaties against the same
    copy holding only the bundled ones: the cost of each added treaty."""
    bundled = synthetic.package_with_treaties(tmp / "few", 0)
    many = synthetic.package_with_treaties(tmp / "many", total)
    count = len(list((bundled / "ottawa_cli" / "data" / "treaties").glob("*.yaml")))
    run = [sys.executable, "-c", "from ottawa_cli.cli.main import main; main()"]
    print(f"\n{total} treaties against the {count} bundled ({runs} runs each, warm caches)")
    for name, args in _CROSS:
        times = {}
        for label, site in (("few", bundled), ("many", many)):
            site_env = {
                **env,
                "PYTHONPATH": str(site),
                "OTTAWA_CACHE_DIR": str(tmp / f"cache-{label}"),
            }
            timed([*run, *args], site_env)  # build the caches and the index
            times[label] = statistics.median(timed([*run, *args], site_env) for _ in range(runs))
            if label == "many":
                peak = peak_memory([*run, *args], site_env)
        print(
            f"{name:<46} {times['few'] * 1000:7.1f} ms -> {times['many'] * 1000:7.1f} ms   "
            f"ratio {times['many'] / times['few']:5.2f}x   peak RSS at {total} {peak:.0f} MiB"
        )


def check_throughput(
    ottawa: str, tmp: Path, sizes: Sequence[int], env: dict[str, str], runs: int
) -> None:
    """States per second (median of `runs`) and peak memory at growing sizes: memory should grow
    in proportion."""
    previous: tuple[int, float] | None = None
    for size in sizes:
        data, states = synthetic.write(tmp / f"check-{size}", size)
        argv = [ottawa, "check", str(data), "--format", "json"]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, env=env)
            times.append(time.perf_counter() - start)
        peak = peak_memory(argv, env)
        growth = ""
        if previous is not None:
            per_state = (peak - previous[1]) * 1024 / (states - previous[0])
            growth = f"   (+{per_state:.1f} KiB a State over the last size)"
        median = statistics.median(times)
        print(
            f"{'ottawa check, ' + format(states, ',') + ' States':<46} {median * 1000:7.1f} ms "
            f"({min(times) * 1000:.0f}-{max(times) * 1000:.0f})   {states / median:,.0f} States/s"
            f"   peak RSS {peak:.0f} MiB{growth}"
        )
        previous = (states, peak)


def hostile_cost(ottawa: str, tmp: Path, env: dict[str, str], runs: int) -> None:
    """A mebibyte of `states: [0, 0, ...]`: refused in a few findings, in bounded time and
    memory (the cost must not grow with what each item would cost to describe)."""
    head = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "minimal.yaml"
    path = tmp / "hostile.yaml"
    items = ",".join(["0"] * (1 << 19))
    path.write_text(head.read_text(encoding="utf-8") + f"states: [{items}]\n", encoding="utf-8")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([ottawa, "check", str(path)], stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    peak = peak_memory([ottawa, "check", str(path)], env)
    size = path.stat().st_size / (1 << 20)
    print(
        f"{f'ottawa check, {size:.1f} MiB hostile list':<46} "
        f"{statistics.median(times) * 1000:7.1f} ms   peak RSS {peak:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--states", type=int, default=20_000)
    parser.add_argument("--check-runs", type=int, default=5, help="runs of each `ottawa check`")
    parser.add_argument(
        "--treaties", type=int, default=0, help="also measure with this many treaties bundled"
    )
    args = parser.parse_args()
    ottawa = shutil.which("ottawa")
    if ottawa is None:
        sys.exit("no `ottawa` on PATH: pip install . first")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "OTTAWA_CACHE_DIR": str(Path(tmp) / "cache")}
        env.pop("OTTAWA_NO_CACHE", None)
        env.pop("NO_COLOR", None)
        # An installed copy runs from the bytecode pip compiled; a checkout installed editable
        # would compile every module on every run under PYTHONDONTWRITEBYTECODE (~+25 ms).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        big, count = synthetic.write(Path(tmp) / "synthetic", args.states)
        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
            f"{args.runs} alternating runs each; ottawa at {ottawa}\n"
        )
        real = compare(
            "ottawa status Finland (pipe)", [ottawa, "status", "Finland"], env, args.runs
        )
        compare(
            "ottawa status Finland (terminal)",
            [ottawa, "status", "Finland"],
            {**env, "TERM": "xterm-256color"},
            args.runs,
            terminal=True,
        )
        compare(
            "ottawa status Finland --json", [ottawa, "status", "Finland", "--json"], env, args.runs
        )
        ccm = compare(
            "ottawa status Lithuania --treaty ccm",
            [ottawa, "status", "Lithuania", "--treaty", "ccm"],
            env,
            args.runs,
        )
        every = compare(
            "ottawa status Lithuania --treaty all",
            [ottawa, "status", "Lithuania", "--treaty", "all"],
            env,
            args.runs,
        )
        print(f"{'  --treaty ccm / status Finland':<46} {ccm / real:.2f}x")
        print(f"{'  --treaty all / status Finland':<46} {every / real:.2f}x")
        compare("ottawa --help", [ottawa, "--help"], env, args.runs)
        for name, extra in (
            ("ottawa list", ["list"]),
            ("ottawa timeline Finland", ["timeline", "Finland"]),
            ("ottawa pending --treaty all", ["pending", "--treaty", "all"]),
            ("ottawa treaties", ["treaties"]),
            ("ottawa export --format ics", ["export", "--format", "ics", "-o", "-"]),
        ):
            compare(name, [ottawa, *extra], env, args.runs)
        synth = compare(
            f"ottawa status Finland, {count:,}-State file",
            [ottawa, "status", "Finland", "--data", str(big)],
            env,
            args.runs,
        )
        print(f"{'  synthetic file / real file':<46} {synth / real:.2f}x")
        check_throughput(ottawa, Path(tmp), (5_000, 10_000, args.states), env, args.check_runs)
        hostile_cost(ottawa, Path(tmp), env, args.check_runs)
        first_run(ottawa, Path(tmp), env, max(3, args.check_runs))
        if args.treaties:
            many_treaties(Path(tmp), args.treaties, env, max(3, args.check_runs))


if __name__ == "__main__":
    main()
