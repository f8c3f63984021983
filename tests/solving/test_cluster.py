"""Parts on a real Dask cluster (a LocalCluster: a scheduler and two worker processes on
loopback) give the same plan as the local run, and a stop reaches them."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from solver.audit import audit
from solver.input.loader import load_scenario
from solver.scenario import Scenario
from solver.solving.progress import ProgressBoard
from solver.solving.result import Status
from solver.solving.solve import solve

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lianyun() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "lianyun-2023")


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as local_cluster:
        yield local_cluster


def test_cluster_gives_the_local_plan(lianyun: Scenario, cluster) -> None:
    # One CP-SAT worker per part and the same seed: each of the six parts is searched the
    # same way on a cluster worker as here, so the plans are identical, row for row.
    local = solve(lianyun, time_limit=30, workers=1, seed=3)
    remote = solve(lianyun, time_limit=30, workers=1, seed=3, scheduler=cluster.scheduler_address)
    assert local.status is Status.OPTIMAL and remote.status is Status.OPTIMAL
    assert remote.plan == local.plan and remote.terms == local.terms
    assert [c.school_ids for c in remote.components] == [c.school_ids for c in local.components]
    report = audit(lianyun, remote.plan)
    assert report.compliant and report.cost == remote.cost


def test_second_stop_on_a_cluster_keeps_the_solved_parts(lianyun: Scenario, cluster) -> None:
    # Both stops as soon as one part is done (two parts run at a time on the two workers, and
    # no part is submitted once the stop is seen): the solved parts are kept, the status is
    # partial, as locally.
    stop, abandon = threading.Event(), threading.Event()

    def watch(board: ProgressBoard) -> None:
        if board.done >= 1:
            stop.set()
            abandon.set()

    result = solve(
        lianyun,
        time_limit=30,
        workers=1,
        stop=stop,
        abandon=abandon,
        progress=watch,
        scheduler=cluster.scheduler_address,
    )
    solved = [c for c in result.components if c.status.has_plan]
    assert result.interrupted and result.status is Status.PARTIAL
    assert 1 <= len(solved) <= 3 and result.parts_without_plan
    assert result.cost == sum(c.cost for c in solved if c.cost is not None)
