"""The audit: any plan checked against every hard rule, and its cost recomputed, without the model.

Everything is re-derived from the scenario and the plan (docs/semantics.md), so a plan made by
the solver, by hand in a spreadsheet or by another tool is judged the same way, and the solver's
own claims can be checked independently (PyVRP's ``Solution.is_feasible()``). A test makes sure
nothing here imports the CP-SAT model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from solver.audit.checks import RULE_CHECKS, Check, h1_place
from solver.audit.cost import cost_terms
from solver.audit.facts import plan_facts
from solver.input.plan import PlanRow, as_plan_rows
from solver.rules import Rule
from solver.scenario import Assignment, Scenario

__all__ = ["AuditReport", "Check", "RuleSummary", "audit"]


class RuleSummary(NamedTuple):
    """Instances of one rule that were checked, and how many of them are broken."""

    checked: int
    violations: int


@dataclass(frozen=True)
class AuditReport:
    """The verdict on one plan: every rule instance checked, and the recomputed cost.

    Attributes
    ----------
    checks
        Every rule instance checked, H1 first (one per plan row, in file order), then H2-H12.
    cost_terms
        Each SPEC §4 cost term, signed, keyed by ``solver.rules.CostTerm`` value.
    kept
        The plan rows that passed H1; only these enter the other checks and the cost.
    """

    checks: tuple[Check, ...]
    cost_terms: dict[str, int]
    kept: tuple[PlanRow, ...]
    replan_from: int | None = None
    """The first open year when the scenario re-plans a running cycle (SPEC §6), else None."""

    @cached_property
    def violations(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)

    @cached_property
    def per_rule(self) -> dict[Rule, RuleSummary]:
        """Instances checked and violations for every rule H1-H12 (zeros included)."""
        checked = dict.fromkeys(Rule, 0)
        broken = dict.fromkeys(Rule, 0)
        for c in self.checks:
            checked[c.rule] += 1
            broken[c.rule] += not c.ok
        return {r: RuleSummary(checked[r], broken[r]) for r in Rule}

    @property
    def cost(self) -> int:
        return sum(self.cost_terms.values())

    @property
    def compliant(self) -> bool:
        return not self.violations


def audit(scenario: Scenario, plan_rows: Iterable[PlanRow | Assignment]) -> AuditReport:
    """Check a plan against every hard rule and recompute its cost.

    Parameters
    ----------
    scenario
        The scenario the plan claims to solve.
    plan_rows
        Rows from ``solver.input.plan.read_plan`` or the solver's ``Assignment`` objects. Rows that
        break H1 are reported and then left out of every other check and of the cost (SPEC §3).

    Returns
    -------
    AuditReport
        Every rule instance with its verdict, the per-rule summary and the cost by term.
    """
    rows = as_plan_rows(plan_rows)
    placed = h1_place(scenario, rows)
    kept = [row for row, check in zip(rows, placed, strict=True) if check.ok]
    facts = plan_facts(scenario, kept)
    checks = list(placed)
    for check_rule in RULE_CHECKS.values():
        checks += check_rule(scenario, facts)
    replanning = scenario.info.replan_from is not None or scenario.history_plan is not None
    return AuditReport(
        tuple(checks),
        cost_terms(scenario, facts),
        tuple(kept),
        scenario.replan_from if replanning else None,
    )
