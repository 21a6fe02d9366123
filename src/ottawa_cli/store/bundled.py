"""The data that ships inside the package: the State registry, one file per treaty, and the
world map's shapes.

Paths here are strings (`os.path`): `ottawa status` reads them before anything imports pathlib,
which costs it ~3 ms of start-up (urllib.parse and ipaddress come with it).
"""

from __future__ import annotations

import os

from ottawa_cli.errors import UsageError

StrPath = str | os.PathLike[str]

DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")
TREATIES_DIR = os.path.join(DATA_DIR, "treaties")
REGISTRY = os.path.join(DATA_DIR, "states.yaml")
# The world map's shapes, keyed by alpha-3 (built by scripts/build_world.py from Natural Earth).
WORLD = os.path.join(DATA_DIR, "world", "countries.json")
# The treaty a command reads when none is named: `ottawa status Finland` is about the Mine Ban
# Convention, as it always was.
DEFAULT_TREATY = "apmbc"
# Every bundled treaty at once (`status --treaty all`, `pending --treaty all`).
ALL = "all"


def treaty_ids() -> list[str]:
    """The bundled treaties, by id: one file each under data/treaties/, the default first."""
    try:
        names = os.listdir(TREATIES_DIR)
    except OSError:
        return []
    ids = sorted(n[: -len(".yaml")] for n in names if n.endswith(".yaml"))
    return sorted(ids, key=lambda i: i != DEFAULT_TREATY)


class UnknownTreaty(UsageError):
    def __init__(self, treaty: str) -> None:
        shown = treaty if len(treaty) <= 40 else treaty[:37] + "..."
        closest = closest_treaties(treaty)
        guess = f"did you mean {' or '.join(closest)}? " if closest else ""
        from ottawa_cli.store.bundled_names import TITLES

        listed = "; ".join(f"{t} ({TITLES.get(t, t)})" for t in treaty_ids())
        super().__init__(
            f"no bundled treaty {shown!r}; {guess}the treaties are: {listed} (or all, where a "
            "command takes every treaty; `ottawa treaties` lists them)"
        )


def treaty_key(name: str) -> str:
    """A treaty's name as `--treaty` compares it: "Rome Statute", "rome_statute" and
    "ROME-STATUTE" meet as "rome-statute"."""
    if not name.isascii():
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join("".join(c if c.isalnum() else " " for c in name.casefold()).split())


def resolve_treaty(name: str) -> str:
    """The bundled treaty a name means: its id, any case, or one of its aliases or its short
    title (each treaty file's `aliases:`, read from the generated `bundled_names` so that no
    YAML is read to resolve one); `all` stays `all`. Raises `UnknownTreaty`."""
    key = treaty_key(name)
    # An id is a file's name: one stat, not a listing (`--treaty all` asks once per treaty).
    if key == ALL or (key and os.path.isfile(os.path.join(TREATIES_DIR, f"{key}.yaml"))):
        return key
    ids = treaty_ids()
    if key in ids:
        return key
    from ottawa_cli.store.bundled_names import NAMES

    found = NAMES.get(key)
    if found is None or found not in ids:
        raise UnknownTreaty(name)
    return found


def closest_treaties(name: str) -> list[str]:
    """The bundled treaties whose ids, aliases or titles are nearest a name that is none."""
    import difflib

    from ottawa_cli.store.bundled_names import NAMES

    key = treaty_key(name)
    ids = treaty_ids()
    names = {**{i: i for i in ids}, **{k: v for k, v in NAMES.items() if v in ids}}
    near = difflib.get_close_matches(key, list(names), n=6, cutoff=0.75)
    return list(dict.fromkeys(names[n] for n in near))[:3]


def treaty_path(treaty: str | None) -> str:
    """The data file of a bundled treaty, named by its id, an alias or its short title (None:
    the default one)."""
    found = resolve_treaty(treaty or DEFAULT_TREATY)
    if found == ALL:
        raise UnknownTreaty(treaty or ALL)
    return os.path.join(TREATIES_DIR, f"{found}.yaml")


def is_all(treaty: str | None) -> bool:
    """Whether `--treaty` names every bundled treaty (`all`, any case)."""
    return treaty is not None and treaty_key(treaty) == ALL


def data_path(data: StrPath | None, treaty: str | None = None) -> str:
    """The file to read: the one given, else the bundled treaty's."""
    return os.fspath(data) if data is not None else treaty_path(treaty)


def registry_for(treaty_file: StrPath) -> str:
    """The State registry a treaty's file is read with: `states.yaml` in the folder above the
    treaty's own (`data/treaties/ccm.yaml` → `data/states.yaml`), else the packaged one, so a
    treaty file written anywhere can name the States every treaty knows."""
    beside = os.path.join(os.path.dirname(os.path.abspath(treaty_file)), os.pardir, "states.yaml")
    return os.path.normpath(beside) if os.path.isfile(beside) else REGISTRY


def bundled_files() -> list[str]:
    """Every bundled data file, for `ottawa check` with no path: the registry, then each
    treaty."""
    return [REGISTRY, *(os.path.join(TREATIES_DIR, f"{t}.yaml") for t in treaty_ids())]


def checkout_files(folder: str = os.curdir) -> list[str] | None:
    """The data files of a checkout in `folder`, as relative paths: this project's layout
    (`data/states.yaml` and `data/treaties/*.yaml`) or a data repository's (`states.yaml` and
    `treaties/*.yaml`); None where neither is there. A bare `ottawa check` run inside a data
    repository checks its files, never the copy installed with the tool."""
    for base in ("data", ""):
        registry = os.path.join(base, "states.yaml")
        if os.path.isfile(os.path.join(folder, registry)):
            return [registry, *treaties_beside(registry, folder)]
    return None


def treaties_beside(registry: StrPath, folder: str = os.curdir) -> list[str]:
    """The treaty files that read a registry: `treaties/*.yaml` beside it."""
    treaties = os.path.join(os.path.dirname(os.fspath(registry)), "treaties")
    try:
        names = sorted(n for n in os.listdir(os.path.join(folder, treaties)) if n.endswith(".yaml"))
    except OSError:
        return []
    return [os.path.join(treaties, n) for n in names]


def with_readers(paths: list[str]) -> list[str]:
    """The files asked for, and, for a State registry among them, every treaty file that names
    its States: a State renamed in the registry orphans participants in files not asked for
    (the pre-commit hook passes only the files a commit changed)."""
    out = list(dict.fromkeys(paths))
    for path in paths:
        if os.path.basename(path) == "states.yaml":
            out.extend(p for p in treaties_beside(path) if p not in out)
    return out
