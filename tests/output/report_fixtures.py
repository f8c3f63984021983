"""Solved outputs and a sweep of the generated tiny preset (5 schools), made once per module."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from cli import main
from solver.generate import generate


@dataclass(frozen=True)
class Made:
    root: Path
    scenario: Path
    base: Path  # solved with the defaults
    more: Path  # solved with policy.group.backbone_out_ratio=0.25
    sweep: Path  # ratio 0.15 and 1 (no plan: 12 backbone teachers needed, 10 eligible)

    def summary(self, out: Path) -> dict:
        return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def make(root: Path) -> Made:
    scenario = root / "tiny"
    generate("tiny", 1, scenario)
    base, more, sweep = root / "base", root / "more", root / "sweep"
    quiet = ("--workers", "1", "--quiet", "--time-limit", "20")
    invoke("solve", str(scenario), "-o", str(base), *quiet)
    invoke("solve", str(scenario), "-o", str(more), *quiet,
           "--set", "policy.group.backbone_out_ratio=0.25")  # fmt: skip
    invoke("sweep", str(scenario), "-o", str(sweep), "--workers", "1", "--time-limit", "10",
           "--vary", "policy.group.backbone_out_ratio=0.15,1")  # fmt: skip
    return Made(root, scenario, base, more, sweep)
