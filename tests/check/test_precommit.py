"""The project's own pre-commit hook runs, with the real pre-commit, and fails on bad data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=ci@example.org", "-c", "user.name=ci", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_projects_hook_passes_on_its_data_and_fails_on_a_broken_file(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    run = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    passed = subprocess.run(run, cwd=repo, env=env, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    ccm = repo / "data" / "treaties" / "ccm.yaml"
    ccm.write_text(ccm.read_text(encoding="utf-8").replace("2010-08-01", "2010-08-32", 1))
    _git(repo, "add", "-A")
    failed = subprocess.run(run, cwd=repo, env=env, capture_output=True, text=True)
    assert failed.returncode == 1
    assert "OTT013" in failed.stdout
