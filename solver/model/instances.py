"""Rule instances: each hard-rule constraint knows which rule, org, school and year it stands for.

Naming every constraint this way costs nothing when solving, and it is what lets
``solver.solving.diagnose`` switch instances off one by one with assumption literals and explain an
infeasible scenario in the rule's own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.rules import Rule


@dataclass(frozen=True, slots=True)
class RuleInstance:
    """One instance of a hard rule: where and when it applies and the count it needs.

    ``aspect`` tells apart the parts of a rule with several (H5 ``per_member``, H7 ``to_member``,
    H9 ``capacity`` / ``cadres``, H10 ``rotation`` / ``backbone``). ``teachers`` holds the teacher
    ids of an instance about teachers (H3, H11).
    """

    rule: Rule
    aspect: str = ""
    org_id: str | None = None
    school_id: str | None = None
    other_school_id: str | None = None
    year: int | None = None
    subject: str | None = None
    teachers: tuple[str, ...] = ()
    need: int | None = None


@dataclass
class Enforcer:
    """Adds hard-rule constraints, each tagged with its instance.

    With ``literals`` on, every instance gets its own Boolean that enforces it, to be used as an
    assumption; the constraints of one instance share that literal.
    """

    model: cp_model.CpModel
    literals_on: bool = False
    instances: list[RuleInstance] = field(default_factory=list)
    literals: dict[RuleInstance, cp_model.IntVar] = field(default_factory=dict)
    seen: set[RuleInstance] = field(default_factory=set, repr=False)

    def require(self, instance: RuleInstance, expr: cp_model.LinearExpr, lo: int, hi: int) -> None:
        """Add ``lo <= expr <= hi`` as (part of) ``instance``."""
        constraint = self.model.add_linear_constraint(expr, lo, hi)
        if instance not in self.seen:
            self.seen.add(instance)
            self.instances.append(instance)
            if self.literals_on:
                self.literals[instance] = self.model.new_bool_var(str(instance.rule))
        if self.literals_on:
            constraint.only_enforce_if(self.literals[instance])

    def at_least(self, instance: RuleInstance, expr: cp_model.LinearExpr, need: int) -> None:
        self.require(instance, expr, need, cp_model.INT_MAX)

    def at_most(self, instance: RuleInstance, expr: cp_model.LinearExpr, cap: int) -> None:
        self.require(instance, expr, cp_model.INT_MIN, cap)
