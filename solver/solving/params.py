"""CP-SAT parameters every solve of this model uses, with the reason for each."""

from __future__ import annotations

from typing import Any


def tune(params: Any, presolve: bool = False) -> None:
    """Set the parameters this model needs (measurements in docs/performance.md).

    ``cp_model_presolve = False``: the model is already lean (only allowed moves have variables,
    interchangeable teachers are grouped), and its LP relaxation is nearly tight. CP-SAT 9.15's
    presolve rewrites the linear rules into clauses and enforced constraints that its LP no
    longer sees (at-most-one/linear inclusion, "positive clause"): the root bound collapses and
    optimality goes unproven, where without presolve the same instances are proven optimal in
    a fraction of the time. That presolve step can also certify a wrong optimum
    (google/or-tools#5293).

    ``presolve = True`` is for the small restricted models of the warm start, where presolve
    removes the many fixed variables; its harmful step stays off there
    (``presolve_inclusion_work_limit = 0``).

    ``polish_lp_solution``: the LP optimum is almost integral; polishing it often gives a plan.
    """
    params.cp_model_presolve = presolve
    params.presolve_inclusion_work_limit = 0
    params.polish_lp_solution = True
