"""What the report shows, gathered from solve outputs and sweep folders.

Nothing is computed here that the audit does not already compute: every quota's need and what
the plan places are the audit's rule instances (``solver.audit``), flows and counts are its
``PlanFacts``, the KPIs are ``solver.whatif.kpis``, the candidates of each quota are
``solver.needs``. summary.json supplies the solver's own status, cost and terms.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from solver.input.loader import InputError
from solver.input.problems import Problem
from solver.needs.quotas import QuotaNeed, quota_needs
from solver.whatif.compare import SUMMARY, distinct_labels, from_output, read_summary
from solver.whatif.differences import PlanInput, from_status
from solver.whatif.freshness import Freshness
from solver.whatif.kpis import plan_kpis

SWEEP_FILE = "sweep.csv"
SWEEP_FIXED = ("point", "status", "bound", "gap", "wall_time", "explanation")


@dataclass
class PlanView:
    """One plan in the report: the plan itself (audited), its summary.json and KPIs."""

    plan: PlanInput
    summary: dict[str, Any]
    folder: Path
    freshness: Freshness = field(default_factory=Freshness)

    @property
    def recorded_figures_hold(self) -> bool:
        """Whether the solver's recorded status, cost, terms and bound describe this plan of
        these files: not when either changed since (issue 19.5); the audit's figures do."""
        return not self.freshness.stale

    @property
    def label(self) -> str:
        return self.plan.label

    @property
    def status(self) -> str:
        return "edited" if self.freshness.plan_changed else str(self.summary.get("status", ""))

    @cached_property
    def kpis(self) -> dict[str, object]:
        if not self.plan.has_plan:
            return {"status": self.status}
        return {"status": self.status, **plan_kpis(self.plan.scenario, self.plan.report)}

    @cached_property
    def needs(self) -> dict[tuple[str, str], list[QuotaNeed]]:
        """Every quota's need and eligible candidates (``solver.needs``), by (rule, org)."""
        grouped: dict[tuple[str, str], list[QuotaNeed]] = defaultdict(list)
        for need in quota_needs(self.plan.scenario):
            grouped[need.rule, need.org_id].append(need)
        return dict(grouped)


@dataclass
class SweepView:
    """A sweep folder: one row of sweep.csv per point, and the keys that were varied."""

    folder: Path
    keys: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.folder.name


def read_sweep(folder: Path) -> SweepView:
    path = folder / SWEEP_FILE
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError([Problem(str(path), f"cannot be read: {exc}")]) from None
    header = list(rows[0]) if rows else []
    # sweep.csv: point, the varied keys, then status and the KPIs (solver.whatif.sweep).
    keys = header[1 : header.index("status")] if "status" in header else []
    return SweepView(folder, keys, rows)


def read_plan_output(folder: Path, label: str | None = None) -> PlanView:
    """A solve (or replan) output folder: its scenario, plan, audit and summary.json.

    An output without a plan (a ``partial`` output of a stopped solve, or any status without
    a plan) is shown with blank figures and its explanation, never as an empty plan
    (``solver.whatif.compare.from_output`` decides).
    """
    column = from_output(folder, label)
    plan = from_status(column.label, column.scenario, column.status, column.rows,
                       column.explanation)  # fmt: skip
    return PlanView(plan, read_summary(folder), folder, column.freshness)


def read_inputs(folders: list[Path]) -> tuple[list[PlanView], list[SweepView]]:
    """Every OUT given: solve outputs (summary.json) and sweep folders (sweep.csv)."""
    plans: list[PlanView] = []
    sweeps: list[SweepView] = []
    problems = []
    for folder, label in zip(folders, distinct_labels(folders), strict=True):
        if (folder / SWEEP_FILE).is_file():
            sweeps.append(read_sweep(folder))
        elif (folder / SUMMARY).is_file():
            plans.append(read_plan_output(folder, label))
        else:
            problems.append(
                Problem(
                    str(folder),
                    "is neither a solve output (summary.json) nor a sweep folder (sweep.csv)",
                )
            )
    if problems:
        raise InputError(problems)
    return plans, sweeps
