"""An audit certificate: which exact files were checked against which rules, and the verdict.

An auditor who keeps the certificate can later prove that a plan file and the scenario files are
the ones that were judged (SHA-256 of each), under which rule catalogue and ``--set`` overrides,
and what the verdict and the cost were. It holds no time stamp and no local paths, so the same
inputs always give the same certificate, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
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


def certificate(
    scenario_files: Mapping[str, Path],
    plan_path: Path,
    report: AuditReport,
    overrides: Sequence[str] = (),
) -> dict[str, Any]:
    """The certificate's content (see ``write_certificate``)."""
    return {
        "certificate": "teacher-rotation audit",
        "catalogue_version": CATALOGUE_VERSION,
        "scenario_files": {name: sha256_of(path) for name, path in sorted(scenario_files.items())},
        "overrides": list(overrides),
        "plan": {
            "file": Path(plan_path).name,
            "sha256": sha256_of(plan_path),
            "rows": report.per_rule[Rule.H1].checked,
            "rows_kept": len(report.kept),
        },
        "compliant": report.compliant,
        "rules": {
            rule.value: {"name": RULE_NAMES[rule], "checked": s.checked, "violations": s.violations}
            for rule, s in report.per_rule.items()
        },
        "cost": report.cost,
        "cost_terms": dict(report.cost_terms),
    }


def write_certificate(
    path: Path,
    scenario_files: Mapping[str, Path],
    plan_path: Path,
    report: AuditReport,
    overrides: Sequence[str] = (),
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
    """
    content = certificate(scenario_files, plan_path, report, overrides)
    write_text_atomic(path, json.dumps(content, ensure_ascii=False, indent=2) + "\n")
