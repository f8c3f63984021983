"""What every rule and cost-term function receives: the scenario, the model and its variables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.model.instances import Enforcer
from solver.model.variables import Variables, rotations_that_fit
from solver.rules import Rule
from solver.scenario import Scenario


@dataclass
class ModelContext:
    """The model under construction.

    ``rules`` are the hard rules switched on (all of them, except in rule tests).
    """

    scenario: Scenario
    model: cp_model.CpModel
    v: Variables
    enforcer: Enforcer
    rules: frozenset[Rule]

    @property
    def once_per_cycle(self) -> bool:
        """True when each teacher rotates at most once, so a count of runs counts teachers."""
        return rotations_that_fit(self.scenario) <= 1

    def distinct_teachers(self, runs: Iterable[int]) -> cp_model.LinearExpr:
        """How many different teachers take at least one of ``runs``.

        With one rotation per cycle this is the number of runs taken. Otherwise every unit is a
        single teacher, and the teacher counts once through a Boolean equal to the max of the
        teacher's runs, written as linear inequalities (``flag >= x`` for each run, ``flag <=
        sum of x``) so that the LP relaxation sees both sides.
        """
        ids = list(runs)
        if self.once_per_cycle:
            return self.v.count(ids)
        by_unit: defaultdict[int, list[int]] = defaultdict(list)
        for r in ids:
            by_unit[self.v.runs[r].unit].append(r)
        flags = []
        for unit_runs in by_unit.values():
            if len(unit_runs) == 1:
                flags.append(self.v.x[unit_runs[0]])
                continue
            flag = self.model.new_bool_var("")
            taken = [self.v.x[r] for r in unit_runs]
            self.model.add(flag <= cp_model.LinearExpr.sum(taken))
            for x in taken:
                self.model.add(flag >= x)
            flags.append(flag)
        return cp_model.LinearExpr.sum(flags)
