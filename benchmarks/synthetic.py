"""Write a synthetic dataset in the bundled layout: the real State registry and Mine Ban
Convention file, plus N made-up States in each (default 20,000 States in all).

Standard library only. The made-up States share user-assigned ISO codes, so `ottawa check` reports
their duplicates: the files are for measuring speed, not an example of good data.

    python benchmarks/synthetic.py OUT_FOLDER [--states 20000]

writes OUT_FOLDER/states.yaml and OUT_FOLDER/treaties/synthetic.yaml, read together as a treaty
file with the registry above it, as the bundled data is.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
KINDS = ("ratification", "accession", "acceptance", "approval")


def synthetic_states(count: int, seed: int = 1997) -> tuple[str, str]:
    """Registry entries and participants for `count` made-up States."""
    rng = random.Random(seed)
    who, did = [], []
    for n in range(count):
        year = rng.randint(1999, 2024)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        who.append(f'  - name: "Synthland {n:06d}"')
        who.append(f'    iso2: "X{chr(65 + n % 26)}"')
        who.append(f'    iso3: "X{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}"')
        who.append(f'    aliases: ["Synth {n:06d}"]')
        did.append(f'  - state: "Synthland {n:06d}"')
        did.append("    events:")
        if rng.random() < 0.5:
            did.append(
                f"      - {{kind: signature, date: 1997-12-0{rng.randint(3, 4)}, source: untc}}"
            )
        did.append(
            f"      - {{kind: {rng.choice(KINDS)}, date: {year}-{month:02d}-{day:02d}, "
            "source: untc}"
        )
        if rng.random() < 0.05:
            did.append(
                f"      - {{kind: withdrawal, date: {year + 1}-{month:02d}-{day:02d}, "
                "source: untc}"
            )
    return "\n".join(who) + "\n", "\n".join(did) + "\n"


def write(folder: Path, total: int) -> tuple[Path, int]:
    """Write the two files; return the treaty file's path and how many States they hold."""
    registry = (DATA / "states.yaml").read_text(encoding="utf-8")
    treaty = (DATA / "treaties" / "apmbc.yaml").read_text(encoding="utf-8")
    real_count = registry.count("\n  - name: ")
    extra = max(0, total - real_count)
    who, did = synthetic_states(extra)
    (folder / "treaties").mkdir(parents=True, exist_ok=True)
    # The made-up States join the registry's `states:`, before any block that follows it.
    states_end = registry.find("\nnot_listed:")
    if states_end < 0:
        states_end = len(registry)
    registry = registry[:states_end].rstrip("\n") + "\n" + who + registry[states_end:]
    (folder / "states.yaml").write_text(registry, encoding="utf-8")
    path = folder / "treaties" / "synthetic.yaml"
    path.write_text(treaty + did, encoding="utf-8")
    return path, real_count + extra


def package_with_treaties(out: Path, total: int) -> Path:
    """A copy of the installed package under `out` (its data files copied, not linked) whose
    bundled treaties are the real ones plus copies of them renamed (`apmbc-s0001`, ...) up to
    `total`: the tool as it would be with that many treaties. Returns the folder to put on
    PYTHONPATH."""
    import re
    import shutil

    import ottawa_cli

    site = out / f"site-{total}"
    package = site / "ottawa_cli"
    shutil.copytree(
        Path(ottawa_cli.__file__).resolve().parent,
        package,
        symlinks=False,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    folder = package / "data" / "treaties"
    real = sorted(folder.glob("*.yaml"))
    n = 0
    while len(real) + n < total:
        source = real[n % len(real)]
        new_id = f"{source.stem}-s{n:04d}"
        text = source.read_text(encoding="utf-8")
        text = re.sub(rf"(?m)^  id: {re.escape(source.stem)}$", f"  id: {new_id}", text, count=1)
        # Another treaty's names are not this copy's: a name answers for one treaty only.
        text = re.sub(r"(?m)^  aliases:.*\n(    - .*\n)*", "", text, count=1)
        (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")
        n += 1
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--states", type=int, default=20_000)
    args = parser.parse_args()
    path, count = write(args.out, args.states)
    print(f"{count} States written to {path} and its registry")


if __name__ == "__main__":
    main()
