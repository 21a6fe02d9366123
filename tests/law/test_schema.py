"""The committed JSON Schemas are the ones the models generate; each data file points editors at
its own."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import REGISTRY, ROOT, TREATIES

SCHEMAS = {
    "dataset": ROOT / "schema" / "dataset.schema.json",
    "treaty": ROOT / "schema" / "treaty.schema.json",
    "registry": ROOT / "schema" / "states.schema.json",
}


@pytest.mark.parametrize("kind", SCHEMAS)
def test_committed_schema_matches_the_models(kind: str) -> None:
    result = CliRunner().invoke(app, ["schema", "--kind", kind])
    assert result.exit_code == 0
    committed = json.loads(SCHEMAS[kind].read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == committed, (
        f"regenerate it: ottawa schema --kind {kind} > {SCHEMAS[kind].relative_to(ROOT)}"
    )


@pytest.mark.parametrize(
    ("path", "schema"),
    [(REGISTRY, "../schema/states.schema.json")]
    + [(path, "../../schema/treaty.schema.json") for path in TREATIES.values()],
    ids=lambda value: getattr(value, "name", value),
)
def test_each_data_file_points_editors_at_its_schema(path: object, schema: str) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]  # type: ignore[attr-defined]
    assert first_line == f"# yaml-language-server: $schema={schema}"


def test_schemas_refuse_unknown_fields_and_require_sources() -> None:
    for kind in ("dataset", "treaty"):
        schema = json.loads(SCHEMAS[kind].read_text(encoding="utf-8"))
        event = schema["$defs"]["Event"]
        assert event["additionalProperties"] is False
        assert {"kind", "date", "source"} <= set(event["required"])
