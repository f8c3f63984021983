"""Why a scenario has no plan, in rule terms: a small set of rule instances that cannot all hold.

Every rule instance of the model gets an enforcement literal (``build_model(assumptions=True)``).
Solving under all of them as assumptions, CP-SAT returns a sufficient subset when infeasible;
we then shrink that subset by deletion (drop one instance, re-solve; if still infeasible it was
not needed) until every instance left is necessary, and print each in the rule's own words.
H1 and H2 shape the variables, so they are never switched off: an explanation is always
"given who may go where, these instances clash".
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.model.build import build_model
from solver.model.history import history_place, terms_so_far
from solver.model.instances import RuleInstance
from solver.rules import Rule
from solver.scenario import Organization, Scenario, Teacher, ceil_share, floor_share
from solver.solving.params import tune
from solver.solving.parts import components, restrict


@dataclass(frozen=True)
class Conflict:
    """One rule instance of an explanation, with its sentence."""

    instance: RuleInstance
    sentence: str


@dataclass(frozen=True)
class Diagnosis:
    """The outcome of ``diagnose``.

    Attributes
    ----------
    verdict
        ``infeasible`` (conflicts found), ``feasible`` (some plan exists after all) or
        ``unknown`` (the time limit ran out before infeasibility was shown).
    conflicts
        Rule instances that cannot all hold together (empty unless infeasible).
    minimal
        True when each conflict was shown necessary: dropping any one of them leaves a plan.
    """

    verdict: str
    conflicts: tuple[Conflict, ...]
    minimal: bool
    wall_time: float

    def lines(self) -> list[str]:
        return [c.sentence for c in self.conflicts]


def diagnose(
    scenario: Scenario,
    time_limit: float = 60.0,
    *,
    parts: Sequence[Sequence[str]] | None = None,
    aggregate: bool = True,
    rules: Collection[Rule] | None = None,
) -> Diagnosis:
    """Find a small set of rule instances that make ``scenario`` infeasible.

    Parameters
    ----------
    scenario
        The scenario.
    time_limit
        Seconds for the whole diagnosis; shrinking stops, leaving a valid but perhaps
        non-minimal set, when it runs out.
    parts
        School ids of the independent parts known to be infeasible (from a solve's
        ``Result.components``). By default every part is first checked for a plan.
    aggregate, rules
        As in ``solver.solving.solve.solve``.

    Returns
    -------
    Diagnosis
        The first infeasible part's conflicting instances, in rule order.
    """
    started = time.monotonic()
    deadline = started + time_limit
    known = parts is not None
    groups = [tuple(p) for p in parts] if parts is not None else components(scenario)
    verdict = "feasible"
    for n, school_ids in enumerate(groups):
        whole = len(school_ids) == len(scenario.schools)
        part = scenario if whole else restrict(scenario, school_ids)
        if not known:
            share = (deadline - time.monotonic()) / (len(groups) - n)
            has_plan = _has_plan(part, share, aggregate, rules)
            if has_plan is not False:
                verdict = verdict if has_plan else "unknown"
                continue
        found, core, minimal = _core(part, deadline, aggregate, rules)
        if found == "infeasible":
            conflicts = tuple(Conflict(i, describe(i, scenario)) for i in _ordered(core))
            return Diagnosis("infeasible", conflicts, minimal, time.monotonic() - started)
        if found == "unknown":
            verdict = "unknown"
    return Diagnosis(verdict, (), False, time.monotonic() - started)


def _has_plan(
    scenario: Scenario, time_limit: float, aggregate: bool, rules: Collection[Rule] | None
) -> bool | None:
    """Whether a part has a plan at all (``None``: not decided in time); all workers."""
    built = build_model(scenario, rules=rules, aggregate=aggregate)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.0, time_limit)
    solver.parameters.num_workers = os.cpu_count() or 1
    solver.parameters.stop_after_first_solution = True
    tune(solver.parameters)
    status = solver.solve(built.model)
    if status == cp_model.INFEASIBLE:
        return False
    return True if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def _ordered(instances: list[RuleInstance]) -> list[RuleInstance]:
    order = {rule: n for n, rule in enumerate(Rule)}
    return sorted(instances, key=lambda i: (order[i.rule], i.year or 0, str(i.org_id or "")))


def _core(
    scenario: Scenario,
    deadline: float,
    aggregate: bool,
    rules: Collection[Rule] | None,
) -> tuple[str, list[RuleInstance], bool]:
    """``(verdict, instances, minimal)`` for one component."""
    built = build_model(
        scenario, rules=rules, aggregate=aggregate, assumptions=True, objective=False
    )
    model = built.model
    literal_of = built.literals
    instance_of = {lit.index: inst for inst, lit in literal_of.items()}

    def infeasible_with(chosen: list[RuleInstance]) -> tuple[bool | None, list[RuleInstance]]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None, []
        model.clear_assumptions()
        model.add_assumptions([literal_of[i] for i in chosen])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1  # cores come from the single-worker search
        solver.parameters.max_time_in_seconds = remaining
        tune(solver.parameters)
        # Enforced constraints reach the LP relaxation only at level 2; without them the
        # search rarely proves a clash that the plain model shows at once.
        solver.parameters.linearization_level = 2
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            core = {instance_of[lit] for lit in solver.sufficient_assumptions_for_infeasibility()}
            return True, [i for i in chosen if i in core] or chosen
        if status in (cp_model.FEASIBLE, cp_model.OPTIMAL):
            return False, []
        return None, []

    verdict, core = infeasible_with(list(literal_of))
    if verdict is None:
        return "unknown", [], False
    if not verdict:
        return "feasible", [], False
    minimal = True
    index = 0
    while index < len(core):
        trial = core[:index] + core[index + 1 :]
        still, smaller = infeasible_with(trial)
        if still:
            core = smaller  # instance ``index`` was not needed (nor, perhaps, others)
        else:
            minimal = minimal and still is False
            index += 1
    return "infeasible", core, minimal


# --------------------------------------------------------------------------- sentences


def describe(i: RuleInstance, scenario: Scenario) -> str:
    """The instance in the rule's words, with its numbers."""
    return f"{i.rule} " + _SENTENCES[i.rule](i, scenario)


def _school(scenario: Scenario, school_id: str | None) -> str:
    school = scenario.school_by_id.get(school_id or "")
    return school.name if school else str(school_id)


def _org(scenario: Scenario, org_id: str | None) -> Organization:
    return scenario.org_by_id[org_id or ""]


def _who_may_go(
    scenario: Scenario,
    school_id: str,
    org: Organization | None = None,
    pick: Callable[[Teacher], bool] | None = None,
) -> int:
    """Teachers of a school who may serve away (under ``org``), optionally filtered."""
    return sum(
        1
        for t in scenario.teachers_by_school.get(school_id, ())
        if (pick is None or pick(t))
        and (scenario.may_serve(t, org) if org is not None else scenario.is_eligible(t))
    )


def _h3(i: RuleInstance, s: Scenario) -> str:
    p = s.policy
    term = f"{p.min_term_years}-{p.max_term_years} years"
    rotations = f"at most {p.max_rotations_per_cycle} rotation(s) of {term} in the cycle"
    if len(i.teachers) == 1:
        t = s.teacher_by_id[i.teachers[0]]
        text = f"teacher {t.teacher_id} {t.name} ({_school(s, t.school_id)}): {rotations}"
        return text + _served(s, t)
    return (
        f"{_school(s, i.school_id)}'s {len(i.teachers)} interchangeable {i.subject} teachers: "
        f"each {rotations}"
    )


def _served(s: Scenario, t: Teacher) -> str:
    """A teacher's history under H3 (SPEC §6), in words; empty without history rows."""
    rows = s.history_by_teacher.get(t.teacher_id, ())
    if not rows:
        return ""
    served = ", ".join(f"{a.year} at {_school(s, a.host_school_id)}" for a in rows)
    so_far = terms_so_far(s)[t.teacher_id]
    text = f"; served in history: {served}"
    if so_far.broken:
        text += f" ({'; '.join(so_far.broken)})"
    elif 0 < so_far.open_length < s.policy.min_term_years:
        text += f": the term must go on at {_school(s, so_far.open_host)} from {s.replan_from}"
    return text


def _h4(i: RuleInstance, s: Scenario) -> str:
    org, lead = _org(s, i.org_id), i.school_id or ""
    backbone = len(s.backbone_of(lead))
    eligible = _who_may_go(s, lead, org, lambda t: t.backbone)
    only = "only " if eligible < (i.need or 0) else ""
    return (
        f"org {org.name} {i.year}: needs {i.need} of {_school(s, lead)}'s {backbone} backbone "
        f"teachers at members (ceil({org.policy.backbone_out_ratio} x {backbone})); "
        f"{only}{eligible} are eligible"
    )


def _h5(i: RuleInstance, s: Scenario) -> str:
    org = _org(s, i.org_id)
    within = f"within {i.need}" if i.need else "exactly"
    if i.aspect == "per_member":
        m, lead = i.school_id or "", i.other_school_id or ""
        return (
            f"org {org.name} {i.year}: what {_school(s, m)} sends to {_school(s, lead)} and what "
            f"it receives from it must match {within}; {_who_may_go(s, m, org)} of "
            f"{_school(s, m)}'s and {_who_may_go(s, lead, org)} of {_school(s, lead)}'s "
            f"teachers may go"
        )
    if i.aspect == "aggregate":
        return (
            f"org {org.name} {i.year}: what the members send to the lead {_school(s, i.school_id)} "
            f"and what they receive from it must match {within}"
        )
    return (
        f"org {org.name} {i.year}: {_school(s, i.school_id)} must receive as many teachers as it "
        f"sends, {within}; {_who_may_go(s, i.school_id or '', org)} of its teachers may go"
    )


def _h6(i: RuleInstance, s: Scenario) -> str:
    org, home = _org(s, i.org_id), i.school_id or ""
    may_go = _who_may_go(s, home, org)
    if i.aspect == "community":
        target = "within the community"
    else:
        target = f"to {_school(s, i.other_school_id)}"
    return (
        f"org {org.name} {i.year}: {_school(s, home)} must send at least {i.need} teacher(s) "
        f"{target}; {may_go} of its teachers may go"
    )


def _h7(i: RuleInstance, s: Scenario) -> str:
    org, home = _org(s, i.org_id), i.school_id or ""
    cadres = len(s.cadres_of(home))
    may_go = _who_may_go(s, home, org, lambda t: t.is_cadre)
    cap = floor_share(s.policy.max_cadre_out_share, cadres)
    return (
        f"org {org.name}: at least {i.need} cadre(s) from {_school(s, home)} to "
        f"{_school(s, i.other_school_id)} during the cycle; {_school(s, home)} has {cadres} "
        f"cadres, {may_go} eligible, at most {cap} away in any year"
    )


def _h8(i: RuleInstance, s: Scenario) -> str:
    staff = [t for t in s.teachers_by_school.get(i.school_id or "", ()) if t.subject == i.subject]
    may_go = sum(s.is_eligible(t) for t in staff)
    return (
        f"{_school(s, i.school_id)} {i.subject} {i.year}: at least {i.need} {i.subject} teachers "
        f"present; {len(staff)} on the staff, {may_go} of them eligible to leave"
    )


def _h9(i: RuleInstance, s: Scenario) -> str:
    if i.aspect == "capacity":
        return f"{_school(s, i.school_id)} {i.year}: at most {i.need} incoming teachers"
    cadres = len(s.cadres_of(i.school_id or ""))
    return (
        f"{_school(s, i.school_id)} {i.year}: at most {i.need} of its {cadres} cadres away "
        f"(floor({s.policy.max_cadre_out_share} x {cadres}))"
    )


def _h10(i: RuleInstance, s: Scenario) -> str:
    sid = i.school_id or ""
    if i.aspect == "rotation":
        due = len(s.due_of(sid))
        return (
            f"{_school(s, sid)} {i.year}: at least {i.need} teachers away "
            f"(ceil({s.policy.rotation_share} x {due} due)); {_who_may_go(s, sid)} of its "
            f"teachers may go"
        )
    backbone = _who_may_go(s, sid, None, lambda t: t.backbone)
    need = ceil_share(s.policy.backbone_share, 1)
    return (
        f"{_school(s, sid)} {i.year}: backbone teachers at least {s.policy.backbone_share} of "
        f"those away (so at least {need} when anyone goes); {backbone} of its backbone teachers "
        f"may go"
    )


def _h11(i: RuleInstance, s: Scenario) -> str:
    t = s.teacher_by_id[i.teachers[0]]
    where = _school(s, i.school_id)
    year = i.year if i.year is not None else s.replan_from
    if year < s.replan_from:  # a served year (SPEC §6): the history decides
        place = history_place(s, t.teacher_id, year)
        text = f"teacher {t.teacher_id} {t.name} {year}: locked at {where}"
        if place != i.school_id:
            text += f", but {year} is served and the history has them at {_school(s, place)}"
        return text
    if i.school_id == t.school_id:
        return f"teacher {t.teacher_id} {t.name} {i.year}: locked at home ({where})"
    text = f"teacher {t.teacher_id} {t.name} {i.year}: locked at {where}"
    orgs = [o for o in s.orgs_of_school[t.school_id] if o.allows(t.school_id, i.school_id or "")]
    reason = s.ineligibility(t, year)
    so_far = terms_so_far(s).get(t.teacher_id)
    continues = (  # the lock could be the continuation of a term begun in history
        so_far is not None
        and so_far.open_host == i.school_id
        and year < s.replan_from + s.policy.max_term_years - so_far.open_length
    )
    if so_far is not None and so_far.runs >= s.policy.max_rotations_per_cycle and not continues:
        text += f", but the teacher's rotation was served in history{_served(s, t)}"
    elif reason:
        text += f", but the teacher may not move ({reason})"
    elif not orgs:
        text += f", but {where} is not a partner of {_school(s, t.school_id)}"
    elif not any(s.may_serve(t, o) for o in orgs):
        text += f", but no partnership with {where} exchanges {t.subject}"
    return text


_SENTENCES: dict[Rule, Callable[[RuleInstance, Scenario], str]] = {
    Rule.H3: _h3,
    Rule.H4: _h4,
    Rule.H5: _h5,
    Rule.H6: _h6,
    Rule.H7: _h7,
    Rule.H8: _h8,
    Rule.H9: _h9,
    Rule.H10: _h10,
    Rule.H11: _h11,
}
