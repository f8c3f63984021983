"""What the served years (SPEC §6) leave to the model: each teacher's term so far.

Years before ``replan_from`` are history: fixed rows, never variables (H12). The per-cycle rule
H3 still counts them: a run that reaches the last served year may go on at the same host under
the same org (a *continuation*, whose length adds to the years already served), and every run
served counts against ``max_rotations_per_cycle``. What history already breaks is kept here, in
words, so the model can name it.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.scenario import Scenario, runs_of


@dataclass(frozen=True, slots=True)
class TermSoFar:
    """A teacher's history rows seen through H3.

    Attributes
    ----------
    runs
        Runs (maximal blocks of consecutive away years) served.
    open_org, open_host, open_length
        The run that reaches the last served year, when it kept one host and org: it may be
        continued from ``replan_from``. ``open_length`` is 0 when there is none.
    broken
        What the history alone already breaks under H3 (a run that changed host, a finished
        run of illegal length, too many runs), in words.
    """

    runs: int
    open_org: str | None = None
    open_host: str | None = None
    open_length: int = 0
    broken: tuple[str, ...] = ()


def terms_so_far(scenario: Scenario) -> dict[str, TermSoFar]:
    """Each teacher of teachers.csv with history rows: runs served, the open run, breaches."""
    p = scenario.policy
    last_served = scenario.replan_from - 1
    result: dict[str, TermSoFar] = {}
    for teacher_id, rows in scenario.history_by_teacher.items():
        if teacher_id not in scenario.teacher_by_id:
            continue  # departed: H3 is about teachers in teachers.csv
        runs = runs_of(rows)
        broken: list[str] = []
        if len(runs) > p.max_rotations_per_cycle:
            most = p.max_rotations_per_cycle
            broken.append(f"{len(runs)} runs served, max_rotations_per_cycle {most}")
        open_org = open_host = None
        open_length = 0
        for run in runs:
            span = f"{run[0].year}-{run[-1].year}"
            places = {(r.org_id, r.host_school_id) for r in run}
            if len(places) > 1:
                broken.append(f"run {span} changes host or org")
                continue
            is_open = run[-1].year == last_served
            if len(run) > p.max_term_years:
                broken.append(f"run {span} is longer than max_term_years {p.max_term_years}")
            elif is_open:
                open_org, open_host = run[0].org_id, run[0].host_school_id
                open_length = len(run)
            elif len(run) < p.min_term_years:
                broken.append(f"run {span} is shorter than min_term_years {p.min_term_years}")
        result[teacher_id] = TermSoFar(len(runs), open_org, open_host, open_length, tuple(broken))
    return result


def history_place(scenario: Scenario, teacher_id: str, year: int) -> str:
    """Where a teacher of teachers.csv was in a served year: the host of the history row, else
    the home school of today's teachers.csv."""
    for row in scenario.history_by_teacher.get(teacher_id, ()):
        if row.year == year:
            return row.host_school_id
    return scenario.teacher_by_id[teacher_id].school_id
