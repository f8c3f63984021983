"""One function per cost term of SPEC §4, each returning its own signed expression.

A term is added only when its weight is non-zero. Every term is an exact expression of the plan
(the min and max are equalities, not one-sided bounds), so the value the solver reports for
each term of any solution, optimal or not, is the value the audit recomputes from the plan.

When re-planning (SPEC §6) the cost is over the whole plan: the history rows enter each term as
constants (a departed teacher's rows in move and distance_km only), and a teacher who served in
history is counted once by due and repeat whatever the model does with the open years.
"""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from solver.balance import band_of, counts_for, floor_of, indicators_of
from solver.balance.indicators import serving_at, shortfall, tally
from solver.model.context import ModelContext
from solver.model.history import history_place
from solver.rules import CostTerm
from solver.scenario import Assignment, OrgType, Scenario

LinearExprT = cp_model.LinearExpr


def known_history(s: Scenario) -> list[Assignment]:
    """History rows of teachers still in teachers.csv (every term but move and distance)."""
    return [a for a in s.history if a.teacher_id in s.teacher_by_id]


def move_cost(ctx: ModelContext, weight: int) -> LinearExprT:
    """move x away teacher-years (history rows included, departed teachers' too)."""
    return weight * (ctx.v.teacher_years(range(len(ctx.v.runs))) + len(ctx.scenario.history))


def distance_cost(ctx: ModelContext, weight: int) -> LinearExprT:
    """distance_km x km(home, host) over away teacher-years (history rows: their own home)."""
    v, s = ctx.v, ctx.scenario
    coeffs = [weight * run.length * s.km(v.units[run.unit].home, run.host) for run in v.runs]
    served = sum(s.km(a.home_school_id, a.host_school_id) for a in s.history)
    return cp_model.LinearExpr.weighted_sum(v.x, coeffs) + weight * served


def preference_cost(ctx: ModelContext, weight: int) -> LinearExprT:
    """- preference x weight(teacher, host), summed over away teacher-years."""
    v, wanted = ctx.v, ctx.scenario.preference_weight
    history = known_history(ctx.scenario)
    served = sum(wanted.get((a.teacher_id, a.host_school_id), 0) for a in history)
    variables, coeffs = [], []
    for run in v.runs:
        unit = v.units[run.unit]
        if unit.size == 1:  # teachers with a preference row are always units of one
            w = wanted.get((unit.teacher_ids[0], run.host), 0)
            if w:
                variables.append(v.x[run.index])
                coeffs.append(-weight * w * run.length)
    return cp_model.LinearExpr.weighted_sum(variables, coeffs) - weight * served


def _rotating(ctx: ModelContext, flag: str) -> LinearExprT:
    """Teachers whose unit has ``flag`` (due, repeat) who rotate this cycle: those who served
    in history (a constant), and the others who take a run."""
    s, v = ctx.scenario, ctx.v
    served = {a.teacher_id for a in known_history(s)}
    counts = s.is_due if flag == "due" else s.is_repeat
    before = sum(1 for t in served if counts(s.teacher_by_id[t]))
    runs = [
        r
        for u in v.units
        if getattr(u, flag) and not (u.size == 1 and u.teacher_ids[0] in served)
        for r in v.runs_of_unit[u.index]
    ]
    return ctx.distinct_teachers(runs) + before


def due_cost(ctx: ModelContext, weight: int) -> LinearExprT:
    """- due x due teachers who rotate this cycle."""
    return -weight * _rotating(ctx, "due")


def repeat_cost(ctx: ModelContext, weight: int) -> LinearExprT:
    """repeat x teachers who rotate again within the cooldown."""
    return weight * _rotating(ctx, "repeat")


def shortage_cost(ctx: ModelContext, weight: int) -> LinearExprT:
    """- shortage x min(wanted_in, incoming of the subject), per demand row and year."""
    s, v, model = ctx.scenario, ctx.v, ctx.model
    filled = []
    came: dict[tuple[str, str, int], int] = {}  # history: (host, subject, year) -> teachers
    for a in known_history(s):
        key = (a.host_school_id, s.teacher_by_id[a.teacher_id].subject, a.year)
        came[key] = came.get(key, 0) + 1
    served = 0
    for row in s.demand:
        if row.wanted_in == 0:
            continue
        for year in s.history_years:
            served += min(row.wanted_in, came.get((row.school_id, row.subject, year), 0))
        for year in s.open_years:
            incoming = [
                r for r in v.incoming(row.school_id, year) if v.unit_of(r).subject == row.subject
            ]
            if not incoming:
                continue
            got = model.new_int_var(0, row.wanted_in, "")
            model.add_min_equality(got, [row.wanted_in, v.count(incoming)])
            filled.append(got)
    return -weight * (cp_model.LinearExpr.sum(filled) + served)


def spread_cost(ctx: ModelContext, weight: int) -> LinearExprT:
    """spread x (max - min) lead-backbone teacher-years received by members, per group."""
    s, v, model = ctx.scenario, ctx.v, ctx.model
    spreads = []
    for org in s.organizations:
        if org.type is not OrgType.GROUP or len(org.members) < 2:
            continue
        lead, received, most = org.lead_school_id, [], 0
        for m in org.members:
            runs = {r for y in s.years for r in v.flow(org.org_id, lead, m, y)}
            runs = {r for r in runs if v.unit_of(r).backbone}
            served = sum(
                1
                for a in known_history(s)
                if (a.org_id, a.home_school_id, a.host_school_id) == (org.org_id, lead, m)
                and s.teacher_by_id[a.teacher_id].backbone
            )
            received.append(v.teacher_years(sorted(runs)) + served)
            most = max(most, served + sum(v.unit_of(r).size * v.runs[r].length for r in runs))
        if most == 0:
            continue
        high, low = model.new_int_var(0, most, ""), model.new_int_var(0, most, "")
        model.add_max_equality(high, received)
        model.add_min_equality(low, received)
        spreads.append(high - low)
    return weight * cp_model.LinearExpr.sum(spreads)


def change_cost(ctx: ModelContext, weight: int) -> LinearExprT | None:
    """change x teacher-years whose place (host, else home) differs from the reference plan."""
    # The reference is reference_plan.csv over every year, else history.csv's rows of the open
    # years in those years (``Scenario.change_reference``); in a served year the place is the
    # history's, a constant.
    s, v = ctx.scenario, ctx.v
    if s.change_reference is None:
        return None
    reference, compared = s.change_reference
    years = set(compared)
    planned = {
        (a.teacher_id, a.year): a.host_school_id
        for a in reference
        if a.year in years and a.teacher_id in s.teacher_by_id
    }
    fixed = 0  # teacher-years that differ whatever the plan does
    leave: list[int] = []  # runs that make a teacher differ by going away
    keep: list[int] = []  # runs that put a teacher exactly where the reference has them
    served = {(a.teacher_id, a.year) for a in known_history(s) if a.year in years}
    for teacher_id, year in served | {k for k in planned if k[1] < s.replan_from}:
        home = s.teacher_by_id[teacher_id].school_id
        fixed += history_place(s, teacher_id, year) != planned.get((teacher_id, year), home)
    for (teacher_id, year), host in planned.items():
        if year < s.replan_from:
            continue
        if host != s.teacher_by_id[teacher_id].school_id and teacher_id not in v.unit_of_teacher:
            fixed += 1  # the reference sends away a teacher the model cannot move
    for unit in v.units:
        for year in s.open_years:
            runs = v.unit_year(unit.index, year)
            home = unit.home
            target = planned.get((unit.teacher_ids[0], year), home) if unit.size == 1 else home
            if target == home:
                leave += runs
            else:
                fixed += 1
                keep += [r for r in runs if v.runs[r].host == target]
    return weight * (v.count(leave) - v.count(keep) + fixed)


def balance_cost(ctx: ModelContext, weight: int) -> LinearExprT:
    """balance x max(0, ceil(floor x P / 100) - teachers counted), per school, year, floor."""
    # SPEC §8: schools without students and indicators without a floor add nothing; history
    # years and schools no move can touch are constants.
    s, v, model = ctx.scenario, ctx.v, ctx.model
    settings = s.balance
    indicators = indicators_of(s)
    bands = {school.school_id: band_of(school, settings) for school in s.schools}
    tests = {i: counts_for(i, settings) for i in indicators}
    # A unit's teachers are alike in all an indicator reads (variables._unit_key).
    alike = [s.teacher_by_id[u.teacher_ids[0]] for u in v.units]
    at_home = tally(s, serving_at(s, (), 0, "home"), indicators)
    history = known_history(s)
    fixed, short = 0, []
    for year in s.years:
        open_year = year in s.open_years
        counted = (
            at_home
            if open_year
            else tally(s, serving_at(s, history, year, settings.count_at), indicators)
        )
        for school in s.schools:
            sid, students = school.school_id, school.students
            for indicator in indicators:
                floor = floor_of(indicator, bands[sid], settings)
                if not students or floor is None:
                    continue
                need = shortfall(floor, students, 0)
                moves = open_year and settings.count_at == "host" and need > 0
                test = tests[indicator]
                out = [
                    r
                    for r in v.away(sid, year)
                    if moves and test(alike[v.runs[r].unit], bands[sid])
                ]
                came = [
                    r
                    for r in v.incoming(sid, year)
                    if moves and test(alike[v.runs[r].unit], bands[sid])
                ]
                if not out and not came:
                    fixed += shortfall(floor, students, counted[sid, indicator])
                    continue
                gap = model.new_int_var(0, need, "")
                present = counted[sid, indicator] - v.count(out) + v.count(came)
                model.add_max_equality(gap, [0, need - present])
                short.append(gap)
    return weight * (cp_model.LinearExpr.sum(short) + fixed)


COST_TERMS: dict[CostTerm, Callable[[ModelContext, int], LinearExprT | None]] = {
    CostTerm.MOVE: move_cost,
    CostTerm.DISTANCE: distance_cost,
    CostTerm.PREFERENCE: preference_cost,
    CostTerm.DUE: due_cost,
    CostTerm.REPEAT: repeat_cost,
    CostTerm.SHORTAGE: shortage_cost,
    CostTerm.SPREAD: spread_cost,
    CostTerm.CHANGE: change_cost,
    CostTerm.BALANCE: balance_cost,
}
"""Every cost term, keyed by its id (also its ``[weights]`` key)."""


def add_objective(ctx: ModelContext) -> dict[CostTerm, LinearExprT]:
    """Add every term with a non-zero weight and minimise their sum.

    Returns
    -------
    dict[CostTerm, LinearExprT]
        Each active term's signed expression, so its value can be read from any solution.
    """
    weights = ctx.scenario.weights
    terms: dict[CostTerm, LinearExprT] = {}
    for term, make in COST_TERMS.items():
        weight = getattr(weights, term.value)
        if weight == 0:
            continue
        expr = make(ctx, weight)
        if expr is not None:
            terms[term] = expr
    ctx.model.minimize(cp_model.LinearExpr.sum(list(terms.values())))
    return terms
