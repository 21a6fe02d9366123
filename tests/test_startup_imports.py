"""Start-up stays cheap: what `ottawa` imports before a command needs it (not a timing test)."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version

HEAVY = ("yaml", "pydantic", "rich.table", "rich.console", "dateutil", "pycountry", "sqlite3")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(list(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_the_cli_loads_no_heavy_module() -> None:
    loaded = _modules_after("import ottawa_cli.cli")
    assert not loaded & set(HEAVY)


def test_help_loads_no_heavy_module() -> None:
    code = (
        "import sys\nsys.argv = ['ottawa', '--help']\nfrom ottawa_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    loaded = _modules_after(code)
    assert not loaded & set(HEAVY)


def test_cached_status_in_a_pipe_loads_neither_yaml_pydantic_nor_rich(tmp_path: object) -> None:
    code = (
        "import os, sys\n"
        f"os.environ['OTTAWA_CACHE_DIR'] = {str(tmp_path)!r}\n"
        "os.environ.pop('OTTAWA_NO_CACHE', None)\n"
        "from ottawa_cli.store import load_dataset\n"
        "from ottawa_cli.cli import _data_path\n"
        "load_dataset(_data_path(None))\n"
        "for name in [m for m in sys.modules if m.startswith(('yaml', 'pydantic', 'rich'))]:\n"
        "    del sys.modules[name]\n"
        "sys.argv = ['ottawa', 'status', 'Finland']\n"
        "from ottawa_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    loaded = _modules_after(code)
    assert not {m for m in loaded if m.split(".")[0] in ("yaml", "pydantic", "rich")}


def test_typer_is_pinned_below_the_release_that_imports_pydantic_at_start_up() -> None:
    # typer 0.29 imports pydantic on every run (100-190 ms). When this fails after an upgrade,
    # check `python -X importtime -c "import typer"` for pydantic: if it is gone, lift the pin
    # in pyproject.toml; if not, keep it.
    major, minor = (int(x) for x in version("typer").split(".")[:2])
    assert (major, minor) < (0, 29)
    assert "pydantic" not in _modules_after("import typer")
