"""Write a synthetic data file: the real one plus N made-up States (default 20,000 in all).

Standard library only. The made-up States share user-assigned ISO codes, so `ottawa check` reports
their duplicates: the file is for measuring speed, not an example of good data.

    python benchmarks/synthetic.py OUT.yaml [--states 20000]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "data" / "states.yaml"
KINDS = ("ratification", "accession", "acceptance", "approval")


def synthetic_states(count: int, seed: int = 1997) -> str:
    rng = random.Random(seed)
    lines = []
    for n in range(count):
        year = rng.randint(1999, 2024)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        lines.append(f'  - name: "Synthland {n:06d}"')
        lines.append(f'    iso2: "X{chr(65 + n % 26)}"')
        lines.append(f'    iso3: "X{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}"')
        lines.append(f'    aliases: ["Synth {n:06d}"]')
        lines.append("    events:")
        if rng.random() < 0.5:
            lines.append(
                f"      - {{kind: signature, date: 1997-12-0{rng.randint(3, 4)}, source: untc}}"
            )
        lines.append(
            f"      - {{kind: {rng.choice(KINDS)}, date: {year}-{month:02d}-{day:02d}, "
            "source: untc}"
        )
        if rng.random() < 0.05:
            lines.append(
                f"      - {{kind: withdrawal, date: {year + 1}-{month:02d}-{day:02d}, "
                "source: untc}"
            )
    return "\n".join(lines) + "\n"


def write(path: Path, total: int) -> int:
    """Write the file; return how many States it holds."""
    real = REAL.read_text(encoding="utf-8")
    real_count = real.count("\n  - name: ")
    extra = max(0, total - real_count)
    path.write_text(real + synthetic_states(extra), encoding="utf-8")
    return real_count + extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--states", type=int, default=20_000)
    args = parser.parse_args()
    print(f"{write(args.out, args.states)} States written to {args.out}")


if __name__ == "__main__":
    main()
