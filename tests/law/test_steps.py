"""The law's steps are data (`law.steps`); `reasons` words every kind of them, and the law itself
builds no sentence."""

from __future__ import annotations

import ast
import typing

from ottawa_cli.law.steps import StepKind
from ottawa_cli.reasons import _SAY
from tests.support import ROOT


def test_every_kind_of_step_has_its_words() -> None:
    assert set(_SAY) == set(typing.get_args(StepKind))


def test_the_law_words_no_step() -> None:
    """No module of the law imports the wording of steps; none but `clauses` (for its errors'
    messages and the article a reserved withdrawal is read under) imports English or dates."""
    for path in sorted((ROOT / "src" / "ottawa_cli" / "law").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module is not None
        }
        assert "ottawa_cli.reasons" not in imported, path.name
        if path.name != "clauses.py":
            assert not imported & {"ottawa_cli.english", "ottawa_cli.dates"}, path.name
