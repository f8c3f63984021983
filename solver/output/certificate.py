"""An audit certificate: which exact files were checked against which rules, and the verdict.

An auditor who keeps the certificate can later prove that a plan file and the scenario files are
the ones that were judged (SHA-256 of each), under which rule catalogue and ``--set`` overrides,
and what the verdict and the cost were. It holds no time stamp and no local paths, so the same
inputs always give the same certificate, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from solver.audit import AuditReport
from solver.output.files import write_text_atomic
from solver.rules import CATALOGUE_VERSION, RULE_NAMES, Rule


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks (plans can be large)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


PROGRAM = "teacher-rotation"


def program_version() -> str:
    """The installed version of this program (recorded in every certificate)."""
    try:
        return version(PROGRAM)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def relative_paths(
    scenario_files: Mapping[str, Path], scenario_folder: Path | None
) -> dict[str, str]:
    """Where each file came from, relative to the scenario folder: ``teachers.csv`` is the
    folder's own, ``../../data/lianyun/teachers.csv`` one inherited through ``extends``."""
    if scenario_folder is None:
        return {}
    base = Path(scenario_folder).resolve()
    return {
        name: Path(os.path.relpath(Path(path).resolve(), base)).as_posix()
        for name, path in sorted(scenario_files.items())
    }


def write_certificate(
    path: Path,
    scenario_files: Mapping[str, Path],
    plan_path: Path,
    report: AuditReport,
    overrides: Sequence[str] = (),
    scenario_name: str | None = None,
    scenario_folder: Path | None = None,
) -> None:
    """Write the audit certificate as JSON, atomically.

    Parameters
    ----------
    path
        Where to write the certificate.
    scenario_files
        The scenario's files after ``extends`` (``solver.input.loader.scenario_files``), by name.
    plan_path
        The plan file that was audited (its bytes are hashed; only its name is recorded).
    report
        The audit of that plan against that scenario.
    overrides
        The ``--set key=value`` overrides in force, which change the rules without changing
        any file.
    scenario_name
        ``[scenario] name`` of scenario.toml.
    scenario_folder
        The scenario folder: each file's path is recorded relative to it, which says which
        folder of the ``extends`` chain it came from.

    A re-plan (SPEC §6) records ``replan_from`` and the hash of the history it kept fixed.
    """
    replan: dict[str, Any] = {}
    if report.replan_from is not None:
        history = scenario_files.get("history.csv")
        replan = {
            "replan_from": report.replan_from,
            "history": None
            if history is None
            else {"file": Path(history).name, "sha256": sha256_of(history)},
        }
    content = {
        "certificate": "teacher-rotation audit",
        "program_version": program_version(),
        "catalogue_version": CATALOGUE_VERSION,
        "scenario": scenario_name,
        "scenario_files": {name: sha256_of(path) for name, path in sorted(scenario_files.items())},
        "scenario_paths": relative_paths(scenario_files, scenario_folder),
        "overrides": list(overrides),
        **replan,
        "plan": {
            "file": Path(plan_path).name,
            "sha256": sha256_of(plan_path),
            "rows": report.per_rule[Rule.H1].checked,
            "rows_kept": len(report.kept),
        },
        "compliant": report.compliant,
        "violations": {
            "total": len(report.violations),
            "by_rule": {r.value: s.violations for r, s in report.per_rule.items() if s.violations},
        },
        "rules": {
            rule.value: {"name": RULE_NAMES[rule], "checked": s.checked, "violations": s.violations}
            for rule, s in report.per_rule.items()
        },
        "cost": report.cost,
        "cost_terms": dict(report.cost_terms),
    }
    write_text_atomic(path, json.dumps(content, ensure_ascii=False, indent=2) + "\n")
