"""A grid of what-if points: every combination of the varied settings, each solved and kept.

A point that has no plan is a row with its explanation, never a crash, so an administrator sees
exactly where a policy stops being feasible.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from solver.input.loader import InputError, load_scenario, scenario_files
from solver.input.problems import Problem
from solver.input.settings import apply_overrides, parse_override, resolve_chain


@dataclass(frozen=True)
class Point:
    """One combination of values: its number and its ``--set`` strings."""

    index: int
    sets: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"point-{self.index:03d}"


def parse_vary(texts: Sequence[str]) -> list[tuple[str, list[str]]]:
    """``KEY=V1,V2,...`` options into (key, values); keys are checked like ``--set``."""
    axes = []
    for text in texts:
        key, sep, values = text.partition("=")
        parts = [v.strip() for v in values.split(",") if v.strip()]
        if not sep or not parts:
            raise InputError([Problem("--vary", f"expected KEY=V1,V2,..., found '{text}'")])
        for value in parts:
            parse_override(f"{key.strip()}={value}")
        axes.append((key.strip(), parts))
    return axes


def check_values(
    scenario_folder: Path, base_sets: Sequence[str], axes: Sequence[tuple[str, list[str]]]
) -> None:
    """Every varied value must be a valid setting before anything is solved.

    Raises
    ------
    InputError
        One problem per bad value, naming the ``--vary`` key and the value.
    """
    settings = resolve_chain(scenario_folder).settings
    problems = []
    for key, values in axes:
        for value in values:
            try:
                apply_overrides(settings, [*base_sets, f"{key}={value}"])
            except InputError as exc:
                reasons = "; ".join(p.message for p in exc.problems)
                problems.append(Problem(f"--vary {key}", f"value '{value}' {reasons}"))
    if problems:
        raise InputError(problems)


def grid(axes: Sequence[tuple[str, list[str]]]) -> list[Point]:
    combos = itertools.product(*[[f"{k}={v}" for v in values] for k, values in axes])
    return [Point(i, tuple(c)) for i, c in enumerate(combos, start=1)]


def solve_point(
    scenario_folder: Path,
    base_sets: tuple[str, ...],
    point: Point,
    out: Path,
    time_limit: float,
    workers: int,
    seed: int,
    scheduler: str | None = None,
) -> dict[str, Any]:
    """Solve one point, write its outputs to ``out/<point>``, return its sweep.csv row.

    With ``scheduler`` (a Dask scheduler's address) the point's parts are solved on the
    cluster; loading and writing stay here."""
    from solver.output.solve_set import write_outputs
    from solver.solving.diagnose import diagnose
    from solver.solving.solve import solve
    from solver.whatif.kpis import plan_kpis

    sets = (*base_sets, *point.sets)
    row: dict[str, Any] = {"point": point.name}
    row.update(dict(s.split("=", 1) for s in point.sets))
    try:
        scenario = load_scenario(scenario_folder, list(sets))
    except InputError as exc:
        return {**row, "status": "bad input", "explanation": exc.render().replace("\n", "; ")}
    result = solve(scenario, time_limit, workers, seed, scheduler=scheduler)
    row.update(status=result.status.value, bound=result.bound, gap=result.gap,
               wall_time=round(result.wall_time, 2))  # fmt: skip
    if not result.status.has_plan:
        if result.status.value == "infeasible":
            diagnosis = diagnose(scenario, max(10.0, time_limit))
            row["explanation"] = "; ".join(diagnosis.lines()) or "infeasible"
        else:
            row["explanation"] = f"no plan found within {time_limit:g} s; not proven infeasible"
        return row
    report = write_outputs(
        out / point.name,
        scenario,
        result,
        scenario_files(scenario_folder),
        overrides=sets,
        force=True,
        scenario_folder=scenario_folder,
    )
    if not report.compliant:  # a bug: the plan is kept only as evidence (write_rejected)
        row.update(status="internal_error", explanation="the plan fails its own audit")
        return row
    row.update(plan_kpis(scenario, report))
    row["explanation"] = ""
    return row


def run_sweep(
    scenario_folder: Path,
    base_sets: tuple[str, ...],
    points: Sequence[Point],
    out: Path,
    time_limit: float,
    workers: int,
    seed: int,
    jobs: int,
    on_done: Callable[[dict[str, Any]], None] = lambda row: None,
    scheduler: str | None = None,
) -> list[dict[str, Any]]:
    """Solve every point (``jobs`` processes sharing ``workers`` solver threads), in order.

    With ``scheduler`` every point is started at once and their parts queue on the Dask
    cluster (each part with ``workers`` CP-SAT workers, as a lone local solve would)."""
    rows: list[dict[str, Any]] = []
    if scheduler is not None:
        with ThreadPoolExecutor(max_workers=max(1, len(points))) as threads:
            futures = [
                threads.submit(
                    solve_point,
                    scenario_folder,
                    base_sets,
                    p,
                    out,
                    time_limit,
                    workers,
                    seed,
                    scheduler,
                )
                for p in points
            ]
            for future in futures:
                rows.append(future.result())
                on_done(rows[-1])
        return rows
    # More processes than points or solver threads only cost memory (a fork each).
    jobs = max(1, min(jobs, len(points), workers))
    per_job = max(1, workers // jobs)
    args = [(scenario_folder, base_sets, p, out, time_limit, per_job, seed) for p in points]
    if jobs <= 1:
        for a in args:
            rows.append(solve_point(*a))
            on_done(rows[-1])
        return rows
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(solve_point, *a) for a in args]
        for future in futures:
            rows.append(future.result())
            on_done(rows[-1])
    return rows
