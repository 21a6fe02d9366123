"""`--treaty` takes a treaty as people name it: any case, its short title, its aliases (the
`aliases:` of each treaty file's `treaty:` block), resolved in one place (`bundled`) without
reading YAML; an unknown name lists the bundled treaties; no name means two treaties."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from ottawa_cli.store import bundled_names
from ottawa_cli.store.bundled import (
    UnknownTreaty,
    resolve_treaty,
    treaty_ids,
    treaty_key,
    treaty_path,
)
from tests.support import REGISTRY, TREATIES

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("name", "treaty"),
    [
        ("ICC", "icc"),
        ("rome", "icc"),
        ("rome-statute", "icc"),
        ("Rome Statute", "icc"),
        ("ottawa", "apmbc"),
        ("mine-ban", "apmbc"),
        ("Mine_Ban", "apmbc"),
        ("cluster", "ccm"),
        ("chemical", "cwc"),
        ("nuclear-ban", "tpnw"),
        ("paris", "paris"),
        ("Paris Agreement", "paris"),
        ("kyoto", "kyoto"),
        ("WHO", "who"),
        ("unesco", "unesco"),
        ("ICCPR", "iccpr"),
        ("ALL", "all"),
    ],
)
def test_a_treaty_is_named_by_its_id_in_any_case_its_short_title_or_an_alias(
    name: str, treaty: str
) -> None:
    assert resolve_treaty(name) == treaty


def test_the_generated_name_table_is_every_treaty_files_aliases_and_short_title() -> None:
    """Regenerate with `python scripts/build_treaty_names.py` when this fails."""
    from ottawa_cli.api import load

    names: dict[str, str] = {}
    titles: dict[str, str] = {}
    for tid in treaty_ids():
        treaty = load(treaty_path(tid)).treaty
        titles[tid] = treaty.short_title
        for name in (*treaty.aliases, treaty.short_title):
            if treaty_key(name) != tid:
                names[treaty_key(name)] = tid
    assert names == bundled_names.NAMES
    assert titles == bundled_names.TITLES


def test_the_people_asked_for_names_are_in_the_data() -> None:
    asked = ["icc", "rome", "rome-statute", "ottawa", "mine-ban", "cluster", "chemical"]
    asked += ["nuclear-ban", "paris", "kyoto", "who", "unesco", "iccpr"]
    assert all(resolve_treaty(name) in treaty_ids() for name in asked)


def test_an_unknown_treaty_lists_the_bundled_ones_with_titles_and_the_closest() -> None:
    code, out, err = run("status", "Finland", "--treaty", "rome-statue")
    assert code == 2
    assert out == ""
    assert "no bundled treaty 'rome-statue'; did you mean icc?" in err
    assert "icc (Rome Statute)" in err
    assert "apmbc (Anti-Personnel Mine Ban Convention)" in err
    assert len(err.strip().splitlines()) == 1


def test_an_unknown_treaty_with_nothing_close_names_no_guess() -> None:
    with pytest.raises(UnknownTreaty) as error:
        resolve_treaty("zzzzzz")
    assert "did you mean" not in str(error.value)
    assert "tpnw (Treaty on the Prohibition of Nuclear Weapons)" in str(error.value)


def test_ottawa_treaty_in_the_environment_takes_an_alias_in_any_case() -> None:
    code, out, _ = run("status", "Ukraine", "--json", env={"OTTAWA_TREATY": "Rome"})
    assert code == 0
    assert json.loads(out)["treaty"] == "icc"


def test_all_in_any_case_is_every_treaty() -> None:
    code, out, _ = run("pending", "--treaty", "ALL", "--json", "--as-of", "2026-02-01")
    assert code == 0
    assert json.loads(out)["treaty"] == "all"


def test_the_fast_status_path_resolves_an_alias_without_yaml_or_pydantic(tmp_path: Path) -> None:
    env = {**os.environ, "OTTAWA_CACHE_DIR": str(tmp_path)}
    env.pop("OTTAWA_NO_CACHE", None)
    env.pop("OTTAWA_DATA", None)
    env.pop("OTTAWA_TREATY", None)
    warm = [sys.executable, "-m", "ottawa_cli", "status", "Ukraine", "--treaty", "cluster"]
    subprocess.run(warm, env=env, capture_output=True, check=True)
    code = (
        "import sys\nsys.argv = ['ottawa', 'status', 'Ukraine', '--treaty', 'Cluster', '--json']\n"
        "from ottawa_cli.cli.main import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "import json; print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out.splitlines()[-1]))
    assert not {m for m in loaded if m.split(".")[0] in ("typer", "yaml", "pydantic")}
    assert '"treaty": "ccm"' in out


def _checkout(tmp_path: Path, *treaties: str) -> Path:
    (tmp_path / "treaties").mkdir()
    shutil.copy(REGISTRY, tmp_path / "states.yaml")
    for tid in treaties:
        shutil.copy(TREATIES[tid], tmp_path / "treaties" / f"{tid}.yaml")
    return tmp_path


def _check_findings(folder: Path, code: str) -> list[dict]:  # type: ignore[type-arg]
    status, out, err = run(
        "check", str(folder / "states.yaml"), "--format", "json", "--today", "2026-12-04"
    )
    assert status in (0, 1), err
    return [f for f in json.loads(out)["findings"] if f["code"] == code]


def test_an_alias_that_is_another_treatys_id_is_a_finding(tmp_path: Path) -> None:
    folder = _checkout(tmp_path, "ccm", "apmbc")
    path = folder / "treaties" / "ccm.yaml"
    text = path.read_text(encoding="utf-8").replace("aliases: [cluster,", "aliases: [apmbc,")
    path.write_text(text, encoding="utf-8")
    found = _check_findings(folder, "OTT149")
    assert [f["message"] for f in found] == [
        "'apmbc' also names apmbc: a treaty asked for by that name could not be told apart"
    ]
    assert found[0]["file"].endswith("ccm.yaml")
    assert found[0]["field"] == "treaty.aliases[0]"


def test_an_alias_two_treaties_share_is_a_finding_in_each(tmp_path: Path) -> None:
    folder = _checkout(tmp_path, "ccm", "apmbc")
    path = folder / "treaties" / "ccm.yaml"
    text = path.read_text(encoding="utf-8").replace("aliases: [cluster,", "aliases: [Mine-Ban,")
    path.write_text(text, encoding="utf-8")
    found = _check_findings(folder, "OTT149")
    assert sorted(f["message"] for f in found) == [
        "'Mine-Ban' also names apmbc: a treaty asked for by that name could not be told apart",
        "'mine-ban' also names ccm: a treaty asked for by that name could not be told apart",
    ]


def test_the_alias_all_is_a_finding(tmp_path: Path) -> None:
    folder = _checkout(tmp_path, "ccm")
    path = folder / "treaties" / "ccm.yaml"
    text = path.read_text(encoding="utf-8").replace("aliases: [cluster,", "aliases: [ALL,")
    path.write_text(text, encoding="utf-8")
    found = _check_findings(folder, "OTT149")
    assert [f["message"] for f in found] == ["the alias `all` is the word for every bundled treaty"]


def test_the_bundled_treaties_share_no_name(tmp_path: Path) -> None:
    folder = _checkout(tmp_path, *treaty_ids())
    assert _check_findings(folder, "OTT149") == []
