"""A solved output of the tiny preset beside its scenario, made once per session for the tests
that read outputs (damaged or changed summary.json, plan and scenario files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.generate import generate


@pytest.fixture(scope="session")
def solved_tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """root/tiny (the scenario) and root/out (its solve output); copy before editing."""
    root = tmp_path_factory.mktemp("solved-tiny")
    generate("tiny", 1, root / "tiny")
    result = CliRunner().invoke(
        main, ["solve", str(root / "tiny"), "-o", str(root / "out"), "--quiet", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    return root
