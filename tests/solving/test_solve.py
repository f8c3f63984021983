"""The edges of solving: zero time, same seed, decomposition, grouping, hints, warm start, stop.

Most tests use the real 连云区 scenario (scenarios/lianyun-2023, six independent parts, solved
to optimality in about a second) and check the audit agrees with the solver on every plan.
"""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest

from solver.audit import audit
from solver.generate import generate
from solver.input.loader import load_scenario
from solver.scenario import Scenario
from solver.solving import part as solve_component
from solver.solving import solve as solve_module
from solver.solving.parts import components, restrict
from solver.solving.progress import ProgressBoard, ProgressPrinter
from solver.solving.result import Status, weakest
from solver.solving.solve import solve
from tests.helpers_build import org, scenario, school, teacher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lianyun() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "lianyun-2023")


@pytest.fixture(scope="module")
def lianyun_optimum(lianyun: Scenario):
    result = solve(lianyun, time_limit=30, workers=2)
    assert result.status is Status.OPTIMAL
    return result


def test_lianyun_optimal_and_audited(lianyun: Scenario, lianyun_optimum) -> None:
    result = lianyun_optimum
    report = audit(lianyun, result.plan)
    assert report.compliant, [c.sentence for c in report.violations][:5]
    assert report.cost_terms == result.terms
    assert sum(result.terms.values()) == result.cost == result.bound
    assert result.gap == 0
    assert len(result.components) == 6
    assert all(c.status is Status.OPTIMAL for c in result.components)
    assert sum(c.cost for c in result.components) == result.cost


def test_decomposition_does_not_change_the_optimum(lianyun: Scenario, lianyun_optimum) -> None:
    whole = solve(lianyun, time_limit=60, workers=2, decompose=False)
    assert whole.status is Status.OPTIMAL and len(whole.components) == 1
    assert whole.cost == lianyun_optimum.cost


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    folder = tmp_path_factory.mktemp("tiny") / "tiny"
    generate("tiny", 7, folder)
    return load_scenario(folder)


def test_grouping_teachers_agrees_with_named_teachers(tiny: Scenario) -> None:
    # With one variable per named teacher the model is full of interchangeable teachers, and
    # even this small roster is not proven optimal in seconds; so check consistency only: no
    # named plan beats the grouped optimum, and the named bound never passes it.
    grouped = solve(tiny, time_limit=30, workers=2)
    named = solve(tiny, time_limit=5, workers=2, aggregate=False)
    assert grouped.status is Status.OPTIMAL and named.status.has_plan
    assert named.cost >= grouped.cost >= named.bound
    assert audit(tiny, named.plan).cost == named.cost


def test_parallel_processes_give_the_same_optimum(
    lianyun: Scenario, lianyun_optimum, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(solve_module, "PARALLEL_MIN_TEACHERS", 0)
    result = solve(lianyun, time_limit=60, workers=2)
    assert result.status is Status.OPTIMAL
    assert result.cost == lianyun_optimum.cost
    assert audit(lianyun, result.plan).compliant


def test_warm_start_gives_the_same_optimum(
    lianyun: Scenario, lianyun_optimum, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(solve_component, "WARM_START_MIN_RUNS", 0)
    result = solve(lianyun, time_limit=60, workers=2)
    assert result.status is Status.OPTIMAL
    assert result.cost == lianyun_optimum.cost


def test_plan_first_pass_gives_the_same_optimum(
    lianyun: Scenario, lianyun_optimum, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The province's schedule on lianyun: a first pass for plans only, largest part first,
    # every part warm-started (and stopped at its first plan), then the second pass proves.
    monkeypatch.setattr(solve_module, "PLAN_FIRST_MIN_TEACHERS", 0)
    monkeypatch.setattr(solve_component, "WARM_START_MIN_RUNS", 0)
    result = solve(lianyun, time_limit=60, workers=2)
    assert result.status is Status.OPTIMAL
    assert result.cost == lianyun_optimum.cost
    report = audit(lianyun, result.plan)
    assert report.compliant and report.cost_terms == result.terms


def test_hint_from_a_previous_plan(lianyun: Scenario, lianyun_optimum) -> None:
    again = solve(lianyun, time_limit=30, workers=1, hint=lianyun_optimum.plan)
    assert again.status is Status.OPTIMAL and again.cost == lianyun_optimum.cost


def test_same_seed_one_worker_same_plan(tiny: Scenario) -> None:
    first = solve(tiny, time_limit=30, workers=1, seed=3)
    second = solve(tiny, time_limit=30, workers=1, seed=3)
    assert first.status.has_plan
    assert first.plan == second.plan and first.cost == second.cost
    assert audit(tiny, first.plan).compliant


def test_zero_time_limit_gives_no_plan_and_no_claim(lianyun: Scenario) -> None:
    result = solve(lianyun, time_limit=0, workers=1)
    assert result.status is Status.UNKNOWN
    assert result.plan == () and result.cost is None and result.gap is None


def test_infeasible_part_makes_the_whole_infeasible() -> None:
    s = scenario(
        [school("A"), school("B"), school("C"), school("D")],
        [org("g", "group", "A", ["B"]), org("p", "pairing", "C", ["D"], min_out_per_member=1)],
        [teacher("a", "A")],
    )
    result = solve(s, time_limit=10, workers=1)
    assert result.status is Status.INFEASIBLE and result.plan == ()


@pytest.fixture(scope="module")
def city_part(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """A mid-size part (about 2,400 teachers) of the generated city: seconds to prove optimal."""
    folder = tmp_path_factory.mktemp("city") / "city"
    generate("city", 1, folder)
    city = load_scenario(folder)
    parts = sorted(components(city), key=len)
    return restrict(city, parts[3])


def test_stop_keeps_the_best_plan_found(city_part: Scenario) -> None:
    # Stop as soon as a complete plan exists: the result keeps it and says it was interrupted.
    stop = threading.Event()

    def watch(board: ProgressBoard) -> None:
        if board.cost is not None:
            stop.set()

    result = solve(city_part, time_limit=60, workers=2, progress=watch, stop=stop)
    assert result.interrupted
    # No claim of optimality (the search stopped at its first plan, perhaps before any bound).
    assert result.status is Status.FEASIBLE and (result.gap is None or result.gap > 0)
    assert result.wall_time < 30
    report = audit(city_part, result.plan)
    assert report.compliant and report.cost == result.cost


def test_highs_proves_the_optimum_cp_sat_proves(city_part: Scenario) -> None:
    # The part is large enough for HiGHS (solver.solving.mip): its plan, completed by CP-SAT,
    # is called optimal only at a proven bound; CP-SAT alone, given the time, proves the same
    # cost, and the audit agrees with the plan HiGHS's run gave.
    def run(prove: bool, workers: int) -> solve_component.ComponentOutcome:
        job = solve_component.ComponentJob(
            0, city_part, None, time.time() + 120, workers, 0, prove=prove
        )
        return solve_component.solve_component(job, lambda message: None, threading.Event())

    with_highs = run(prove=True, workers=1)
    alone = run(prove=False, workers=2)
    assert with_highs.result.status is Status.OPTIMAL and alone.result.status is Status.OPTIMAL
    assert with_highs.result.cost == alone.result.cost
    report = audit(city_part, with_highs.plan)
    assert report.compliant and report.cost == with_highs.result.cost


def test_first_stop_still_gives_every_part_a_plan(lianyun: Scenario) -> None:
    # The first Ctrl-C stops improving, not the search for a first plan: with the stop set
    # before the solve even starts, every one of the six parts still gets a plan (the first
    # one found), and the whole plan is complete and compliant.
    stop = threading.Event()
    stop.set()
    result = solve(lianyun, time_limit=30, workers=2, stop=stop)
    assert result.interrupted and result.status.has_plan
    assert all(c.status.has_plan for c in result.components)
    report = audit(lianyun, result.plan)
    assert report.compliant and report.cost == result.cost and report.cost_terms == result.terms


def test_second_stop_keeps_the_solved_parts_as_partial(lianyun: Scenario) -> None:
    # The second Ctrl-C (abandon) as soon as the first part is done (one worker: parts run
    # one at a time, and progress is called after each): that part is kept, the other five
    # are listed, and the status says partial (never a plan of the scenario).
    stop, abandon = threading.Event(), threading.Event()

    def watch(board: ProgressBoard) -> None:
        if board.done >= 1:
            stop.set()
            abandon.set()

    result = solve(lianyun, time_limit=30, workers=1, progress=watch, stop=stop, abandon=abandon)
    assert result.status is Status.PARTIAL and not result.status.has_plan
    missing = result.parts_without_plan
    solved = [c for c in result.components if c.status.has_plan]
    assert len(solved) == 1 and len(missing) == 5
    teachers = {t.teacher_id for i in (c.index for c in solved) for t in _part(lianyun, i).teachers}
    assert {a.teacher_id for a in result.plan} <= teachers
    assert result.cost == sum(c.cost for c in solved if c.cost is not None)
    summary = result.to_dict()
    assert summary["status"] == "partial"
    assert [p["index"] for p in summary["parts_without_plan"]] == [c.index for c in missing]


def _part(s: Scenario, index: int) -> Scenario:
    return restrict(s, components(s)[index])


def test_resume_from_a_partial_plan(lianyun: Scenario, lianyun_optimum) -> None:
    # A hint that covers only some parts (what a stopped solve wrote): those parts start from
    # it, the others from scratch, and the optimum is the same.
    parts = components(lianyun)
    kept = {t.teacher_id for t in restrict(lianyun, parts[0] + parts[1]).teachers}
    hint = [a for a in lianyun_optimum.plan if a.teacher_id in kept]
    assert hint and len(hint) < len(lianyun_optimum.plan)
    again = solve(lianyun, time_limit=30, workers=2, hint=hint)
    assert again.status is Status.OPTIMAL and again.cost == lianyun_optimum.cost


def test_weakest_status() -> None:
    assert weakest([Status.OPTIMAL, Status.FEASIBLE]) is Status.FEASIBLE
    assert weakest([Status.FEASIBLE, Status.UNKNOWN]) is Status.UNKNOWN
    assert weakest([Status.UNKNOWN, Status.INFEASIBLE]) is Status.INFEASIBLE
    assert weakest([]) is Status.OPTIMAL


def test_progress_lines() -> None:
    board = ProgressBoard(2)
    board.solution(0, 100, 90)
    board.finished(1, Status.OPTIMAL, 50, 50)
    log = io.StringIO()
    printer = ProgressPrinter(log, interactive=False, interval=0)
    printer(board)
    printer.close()
    lines = log.getvalue().splitlines()
    assert "best 150  bound 140  gap 6.67%  components 1/2" in lines[0]
    tty = io.StringIO()
    live = ProgressPrinter(tty, interactive=True, interval=0)
    live(board)
    live.close()
    assert tty.getvalue().startswith("\r") and tty.getvalue().endswith("\n")


def test_progress_says_when_stopping() -> None:
    # After the first Ctrl-C the line says how many parts still look for a first plan.
    board = ProgressBoard(3)
    board.finished(0, Status.OPTIMAL, 50, 50)
    board.stopping = True
    assert "stopping: 2 part(s) still searching for a first plan" in board.line()
    board.solution(1, 10, None)
    board.solution(2, 10, None)
    assert board.line().endswith("stopping: writing the plan")
