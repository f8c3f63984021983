"""Does a certificate still hold? Same files (SHA-256), and the audit still gives its verdict.

A certificate (``solver.output.certificate``) records the hash of every scenario file and of the
plan, the ``--set`` overrides, and the audit's result per rule. Verifying it re-hashes the files
as they are now, reloads the scenario with the same overrides, audits the plan again, and
compares. The first difference found is the reason it no longer holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solver.audit import AuditReport, audit
from solver.input.loader import load_scenario, scenario_files
from solver.input.plan import read_plan
from solver.input.problems import InputError, Problem
from solver.output.certificate import sha256_of
from solver.rules import Rule
from solver.scenario import Scenario

CERTIFICATE_FILE = "certificate.json"


@dataclass(frozen=True)
class RuleChange:
    """A rule whose violations differ from the certificate's."""

    rule: str
    recorded: int
    now: int


@dataclass(frozen=True)
class Verification:
    """The outcome of checking one certificate.

    ``changed`` are scenario files whose bytes differ, ``missing`` files the certificate names
    that are gone, ``added`` files the scenario has now and the certificate does not name.
    """

    certificate: dict[str, Any]
    scenario: Scenario | None
    report: AuditReport | None
    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    plan_changed: bool = False
    rules: tuple[RuleChange, ...] = ()
    cost_now: int | None = None
    hashes_now: dict[str, str] = field(default_factory=dict)

    @property
    def files_hold(self) -> bool:
        return not (self.changed or self.missing or self.added or self.plan_changed)

    @property
    def holds(self) -> bool:
        recorded_cost = self.certificate.get("cost")
        return self.files_hold and not self.rules and self.cost_now == recorded_cost


def read_certificate(path: Path) -> dict[str, Any]:
    """The certificate's JSON; a missing or broken one is bad input."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError([Problem(str(path), "is missing: no certificate to verify")]) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError([Problem(str(path), f"cannot be read as a certificate: {exc}")]) from None
    keys = ("scenario_files", "plan", "rules", "compliant")
    if not isinstance(data, dict) or any(k not in data for k in keys):
        raise InputError([Problem(str(path), "is not a certificate written by this program")])
    return data


def compare_hashes(
    recorded: Mapping[str, str], files: Mapping[str, Path]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], dict[str, str]]:
    """(changed, missing, added, hashes now) of the scenario files."""
    now = {name: sha256_of(path) for name, path in sorted(files.items())}
    changed = tuple(n for n in recorded if n in now and now[n] != recorded[n])
    missing = tuple(n for n in recorded if n not in now)
    added = tuple(n for n in now if n not in recorded)
    return changed, missing, added, now


def verify(
    out: Path, scenario_folder: Path, history: Path | None = None, certificate: Path | None = None
) -> Verification:
    """Check ``out``'s certificate against the files as they are now.

    Parameters
    ----------
    out
        The output folder with certificate.json and the plan it names.
    scenario_folder
        The scenario the plan was judged against.
    history
        For a re-plan, the published plan that was its history.csv (``replan --published``).

    Raises ``InputError`` when the certificate, the scenario or the plan cannot be read: that
    is bad input (exit 2), not a certificate that fails.
    """
    cert = read_certificate(certificate or Path(out) / CERTIFICATE_FILE)
    plan = Path(out) / str(cert["plan"].get("file", "assignments.csv"))
    files = scenario_files(scenario_folder, history)
    changed, missing, added, now = compare_hashes(cert["scenario_files"], files)
    if not plan.is_file():
        raise InputError([Problem(str(plan), "is missing: the certificate's plan is gone")])
    plan_changed = sha256_of(plan) != cert["plan"].get("sha256")
    scenario = load_scenario(scenario_folder, list(cert.get("overrides", [])), history=history)
    report = audit(scenario, read_plan(plan))
    rules = []
    for rule in Rule:
        recorded = int(cert["rules"].get(rule.value, {}).get("violations", 0))
        current = report.per_rule[rule].violations
        if recorded != current:
            rules.append(RuleChange(rule.value, recorded, current))
    return Verification(
        cert,
        scenario,
        report,
        changed,
        missing,
        added,
        plan_changed,
        tuple(rules),
        report.cost,
        now,
    )
