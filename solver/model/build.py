"""Assemble the CP-SAT model of a scenario: variables, hard rules, cost terms, hints."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.model.constraints import HARD_RULES, move_filters, teacher_filters, year_filters
from solver.model.context import ModelContext
from solver.model.extract import counts_from_plan
from solver.model.instances import Enforcer, RuleInstance
from solver.model.objective import add_objective
from solver.model.variables import Variables, make_variables
from solver.rules import CostTerm, Rule
from solver.scenario import Assignment, Scenario


@dataclass
class BuiltModel:
    """A model ready to solve, with what is needed to read a solution back."""

    model: cp_model.CpModel
    variables: Variables
    terms: dict[CostTerm, cp_model.LinearExpr]
    instances: list[RuleInstance]
    literals: dict[RuleInstance, cp_model.IntVar]

    @property
    def num_variables(self) -> int:
        return len(self.model.proto.variables)

    @property
    def num_constraints(self) -> int:
        return len(self.model.proto.constraints)


def build_model(
    scenario: Scenario,
    *,
    rules: Collection[Rule] | None = None,
    aggregate: bool = True,
    assumptions: bool = False,
    objective: bool = True,
    hint: Sequence[Assignment] | None = None,
) -> BuiltModel:
    """Build the CP-SAT model of ``scenario``.

    Parameters
    ----------
    scenario
        The scenario to plan.
    rules
        The hard rules to enforce (default: all). Rule tests switch one off.
    aggregate
        Group interchangeable teachers into count variables (see ``solver.model.variables``).
    assumptions
        Give every rule instance its own enforcement literal (for ``solver.solving.diagnose``).
    objective
        Add the cost terms (the diagnosis needs feasibility only).
    hint
        A plan to start from; by default the scenario's reference plan, else its history.csv
        (whose served years have no variables and are skipped).

    Returns
    -------
    BuiltModel
        The model, its variables, the signed expression of each active cost term, and every
        rule instance (with its literal when ``assumptions`` is on).
    """
    active = frozenset(Rule) if rules is None else frozenset(rules)
    model = cp_model.CpModel()
    variables = make_variables(
        model,
        scenario,
        aggregate,
        teacher_filters(active),
        move_filters(active),
        year_filters(active),
    )
    enforcer = Enforcer(model, literals_on=assumptions)
    ctx = ModelContext(scenario, model, variables, enforcer, active)
    for rule, entry in HARD_RULES.items():
        if rule in active and entry.constrain is not None:
            entry.constrain(ctx)
    terms = add_objective(ctx) if objective else {}
    start = hint if hint is not None else scenario.reference_plan
    if start is None:
        start = scenario.history_plan  # SPEC §6: the published plan is the warm start
    if start is not None:
        for var, value in zip(variables.x, counts_from_plan(variables, start), strict=True):
            model.add_hint(var, value)
    return BuiltModel(model, variables, terms, enforcer.instances, enforcer.literals)
