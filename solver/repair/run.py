"""From an infeasible solve to its repairs: diagnose, list the knobs, search them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from solver.repair.knobs import knobs_for
from solver.repair.search import Progress, Repair, find_repairs
from solver.repair.variant import writable
from solver.scenario import Scenario
from solver.solving.diagnose import Diagnosis, diagnose
from solver.solving.result import Result, Status


@dataclass(frozen=True)
class Outcome:
    """What ``repairs_of`` found: a diagnosis per conflict and the repairs, best first."""

    diagnoses: tuple[Diagnosis, ...]
    repairs: tuple[Repair, ...]
    knobs: int


def repairs_of(
    folder: Path,
    sets: Sequence[str],
    scenario: Scenario,
    result: Result,
    *,
    time_limit: float,
    workers: int,
    budget: float | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> Outcome:
    """Repairs of the infeasible ``result`` of ``scenario`` (loaded from ``folder`` with
    ``sets``); ``time_limit`` per probe, ``budget`` for the whole search when given."""
    diagnoses = every_conflict(scenario, result, max(10.0, time_limit))
    core = [c.instance for d in diagnoses for c in d.conflicts]
    knobs = [k for k in knobs_for(core, scenario) if writable(k, folder)]
    found = find_repairs(
        folder,
        sets,
        knobs,
        time_limit=time_limit,
        workers=workers,
        budget=budget,
        original_infeasible=result.status is Status.INFEASIBLE,
        progress=progress,
    )
    return Outcome(tuple(diagnoses), tuple(found), len(knobs))


def every_conflict(scenario: Scenario, result: Result, time_limit: float) -> list[Diagnosis]:
    """A diagnosis of each independent part without a plan: one conflict each.

    A solve stops at the first part proven infeasible and leaves the others unknown, so every
    part not solved is diagnosed too (a part with a plan has no conflict and is dropped)."""
    open_parts = [c.school_ids for c in result.components if not c.status.has_plan]
    if not open_parts:  # not decomposed: the whole scenario is one part
        open_parts = [tuple(s.school_id for s in scenario.schools)]
    share = time_limit / len(open_parts)
    found = [diagnose(scenario, share, parts=[part]) for part in open_parts]
    return [d for d in found if d.verdict == "infeasible"]
