"""``rotation batch`` and ``--scheduler`` on solve, sweep and batch: a real Dask LocalCluster (a
scheduler and two worker processes on loopback) gives the same plans as the local run."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.generate import generate

ROOT = Path(__file__).resolve().parents[2]
LIANYUN = ROOT / "scenarios" / "lianyun-2023"
SAME = ("--workers", "1", "--seed", "3", "--time-limit", "30")
"""One CP-SAT worker per part and a fixed seed: the search is the same wherever it runs."""


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local_cluster:
        yield local_cluster.scheduler_address


def rotation(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def test_batch_writes_a_folder_per_scenario_and_a_table(tmp_path: Path) -> None:
    generate("tiny", 1, tmp_path / "tiny")
    out = tmp_path / "out"
    code, stdout, stderr = rotation("batch", str(LIANYUN), str(tmp_path / "tiny"), "-o", str(out))
    assert code == 0, stderr
    rows = table(out / "batch.csv")
    assert [r["folder"] for r in rows] == ["lianyun-2023", "tiny"]
    assert all(r["status"] == "optimal" for r in rows)
    for r in rows:
        assert (out / r["folder"] / "assignments.csv").is_file()
        assert len(table(out / r["folder"] / "assignments.csv")) == int(r["rows"])
    assert "wrote" in stdout


def test_batch_refuses_bad_input_before_solving(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, stderr = rotation(
        "batch", str(LIANYUN), str(tmp_path / "empty"), "-o", str(tmp_path / "o")
    )
    assert code == 2 and "bad input" in stderr
    assert not (tmp_path / "o").exists()


def test_same_plans_on_the_cluster(tmp_path: Path, cluster: str) -> None:
    # solve, batch and sweep, each run here and on the cluster: identical plans.
    generate("tiny", 2, tmp_path / "tiny")
    scenarios = (str(LIANYUN), str(tmp_path / "tiny"))
    for where, extra in (("local", ()), ("cluster", ("--scheduler", cluster))):
        code, _, stderr = rotation("solve", str(LIANYUN), "-o", str(tmp_path / f"solve-{where}"),
                                   "--quiet", *SAME, *extra)  # fmt: skip
        assert code == 0, stderr
        code, _, stderr = rotation("batch", *scenarios, "-o", str(tmp_path / f"batch-{where}"),
                                   *SAME, *extra)  # fmt: skip
        assert code == 0, stderr
        code, _, stderr = rotation("sweep", str(LIANYUN), "--vary",
                                   "policy.group.backbone_out_ratio=0.15,0.2", "-o",
                                   str(tmp_path / f"sweep-{where}"), *SAME, *extra)  # fmt: skip
        assert code == 0, stderr

    def plan(folder: Path) -> bytes:
        return (folder / "assignments.csv").read_bytes()

    assert plan(tmp_path / "solve-local") == plan(tmp_path / "solve-cluster")
    for name in ("lianyun-2023", "tiny"):
        assert plan(tmp_path / "batch-local" / name) == plan(tmp_path / "batch-cluster" / name)
    for point in ("point-001", "point-002"):
        assert plan(tmp_path / "sweep-local" / point) == plan(tmp_path / "sweep-cluster" / point)
    keys = ("point", "status", "cost")
    local = [[r[k] for k in keys] for r in table(tmp_path / "sweep-local" / "sweep.csv")]
    remote = [[r[k] for k in keys] for r in table(tmp_path / "sweep-cluster" / "sweep.csv")]
    assert local == remote


def test_an_unreachable_scheduler_is_bad_input(tmp_path: Path) -> None:
    code, _, stderr = rotation("solve", str(LIANYUN), "-o", str(tmp_path / "o"), "--quiet",
                               "--scheduler", "tcp://127.0.0.1:9")  # fmt: skip
    assert code == 2 and "cannot reach the Dask scheduler" in stderr
    assert not (tmp_path / "o").exists()
