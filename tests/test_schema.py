"""The committed JSON Schema is the one the models generate; the data file points editors at it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ottawa_cli.cli import app

from .support import DATA, ROOT

SCHEMA = ROOT / "schema" / "states.schema.json"


def test_committed_schema_matches_the_models() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(SCHEMA.read_text(encoding="utf-8")), (
        "regenerate it: ottawa schema > schema/states.schema.json"
    )


def test_data_file_points_editors_at_the_schema() -> None:
    first_line = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/states.schema.json"


def test_schema_refuses_unknown_fields_and_requires_sources() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    event = schema["$defs"]["Event"]
    assert event["additionalProperties"] is False
    assert {"kind", "date", "source"} <= set(event["required"])
