"""The files ``rotation solve`` writes (SPEC §5), all at once or not at all.

assignments.csv is the plan; compliance.csv is the audit of that plan (every rule instance with
its slack), recomputed without the model; schools.csv shows each school-year per subject;
balance.csv each school's indicators of SPEC §8 before and after; summary.json holds the
figures and the SHA-256 of every input file and of the plan.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from solver.audit import AuditReport, audit
from solver.audit.render import COMPLIANCE_COLUMNS, compliance_rows
from solver.balance import school_values
from solver.input.collector import collector_paused
from solver.output.balance import BALANCE_COLUMNS, balance_rows, balance_summary
from solver.output.certificate import sha256_of, write_certificate
from solver.output.files import atomic_output_dir, write_csv, write_json
from solver.output.people import write_people_outputs
from solver.output.roster import place_names
from solver.output.workbook import write_workbook
from solver.rules import CATALOGUE_VERSION
from solver.scenario import Assignment, Scenario
from solver.solving.result import Result

ORTOOLS_VERSION = version("ortools")
VERSIONS = {"solver": f"ortools {ORTOOLS_VERSION}", "catalogue_version": CATALOGUE_VERSION}
"""What made a summary.json: the solver and the rule catalogue, in every output set."""


def input_hashes(input_files: Mapping[str, Path]) -> dict[str, str]:
    """SHA-256 of every input file by name, so a summary names exactly what it was made from."""
    return {name: sha256_of(path) for name, path in sorted(input_files.items())}


ASSIGNMENT_COLUMNS = (
    "teacher_id",
    "year",
    "home_school_id",
    "host_school_id",
    "org_id",
    "home_school_name",
    "host_school_name",
    "org_name",
    "name",
    "subject",
    "backbone",
    "role",
)
SCHOOL_YEAR_COLUMNS = (
    "school_id",
    "name",
    "year",
    "subject",
    "staff",
    "out",
    "in",
    "present",
    "min_staff",
    "ok",
)
ALL_SUBJECTS = "(all)"
LEFT = "(left)"


def assignment_rows(scenario: Scenario, plan: Sequence[Assignment]) -> list[list[object]]:
    """assignments.csv rows, sorted by teacher and year."""
    rows = []
    for a in sorted(plan, key=lambda a: (a.teacher_id, a.year)):
        t = scenario.teacher_by_id.get(a.teacher_id)
        about = ["", "", "", ""] if t is None else [t.name, t.subject, t.backbone, t.role.value]
        # t is None: a history row of a teacher who has left (SPEC §6)
        rows.append([a.teacher_id, a.year, a.home_school_id, a.host_school_id, a.org_id,
                     *place_names(scenario, a), *about])  # fmt: skip
    return rows


def school_rows(scenario: Scenario, plan: Sequence[Assignment]) -> list[list[object]]:
    """schools.csv rows: per school and year, all subjects first, then each subject.

    ``present = staff - out + in``; ``min_staff`` and ``ok`` only where demand.csv has a row.
    """
    teachers = scenario.teacher_by_id
    subject_of = {
        a.teacher_id: teachers[a.teacher_id].subject for a in plan if a.teacher_id in teachers
    }
    # A history row of a teacher who has left (SPEC §6) has no subject any more.
    out = Counter((a.home_school_id, a.year, subject_of.get(a.teacher_id, LEFT)) for a in plan)
    came = Counter((a.host_school_id, a.year, subject_of.get(a.teacher_id, LEFT)) for a in plan)
    need = {(d.school_id, d.subject): d.min_staff for d in scenario.demand}
    # The subjects each school shows, gathered once: scanning every key for each school was
    # quadratic (about 75 s of writing the province's 7,000 schools).
    shown: dict[str, set[str]] = {}
    for s, subj in need:
        shown.setdefault(s, set()).add(subj)
    for s, _, subj in came:
        shown.setdefault(s, set()).add(subj)
    rows: list[list[object]] = []
    for school in scenario.schools:
        sid = school.school_id
        staff = Counter(t.subject for t in scenario.teachers_by_school[sid])
        subjects = sorted(set(staff) | shown.get(sid, set()))
        for year in scenario.years:
            # counted once per subject, with get: a Counter's missing key costs a call
            sent = [out.get((sid, year, subj), 0) for subj in subjects]
            got = [came.get((sid, year, subj), 0) for subj in subjects]
            total_out, total_in = sum(sent), sum(got)
            total = sum(staff.values())
            rows.append(
                [sid, school.name, year, ALL_SUBJECTS, total, total_out, total_in,
                 total - total_out + total_in, None, None]
            )  # fmt: skip
            for subj, n_out, n_in in zip(subjects, sent, got, strict=True):
                n_staff = staff.get(subj, 0)
                present = n_staff - n_out + n_in
                minimum = need.get((sid, subj))
                ok = None if minimum is None else present >= minimum
                rows.append(
                    [sid, school.name, year, subj, n_staff, n_out, n_in, present, minimum, ok]
                )
    return rows


def summary(
    scenario: Scenario,
    result: Result,
    report: AuditReport,
    input_files: Mapping[str, Path],
    plan_sha256: str,
    overrides: Sequence[str] = (),
    scenario_path: str = "",
) -> dict[str, Any]:
    """summary.json: status, cost and terms, bound, gap, timings, versions, hashes, audit."""
    return {
        "scenario": scenario.info.name,
        "scenario_path": scenario_path,
        **result.to_dict(),
        **VERSIONS,
        "overrides": list(overrides),
        "settings": {
            "scenario": scenario.info.model_dump(mode="json"),
            "policy": scenario.policy.model_dump(mode="json"),
            "weights": scenario.weights.model_dump(mode="json"),
        },
        "input_files": input_hashes(input_files),
        "assignments_sha256": plan_sha256,
        "audit": {
            "compliant": report.compliant,
            "violations": len(report.violations),
            "cost": report.cost,
            "cost_terms": report.cost_terms,
            "matches_solver": report.cost == result.cost and report.cost_terms == result.terms,
        },
        "balance": balance_summary(scenario, result.plan),
    }


def relative_to_output(scenario_folder: Path | None, out: Path) -> str:
    """The scenario folder as seen from the output folder, so ``compare`` can reload it and
    summary.json does not depend on where the project sits on disk."""
    if scenario_folder is None:
        return ""
    return Path(os.path.relpath(Path(scenario_folder).resolve(), Path(out).resolve())).as_posix()


def write_outputs(
    out: Path,
    scenario: Scenario,
    result: Result,
    input_files: Mapping[str, Path],
    *,
    overrides: Sequence[str] = (),
    force: bool = False,
    scenario_folder: Path | None = None,
    xlsx_lang: str | None = None,
    people_lang: str | None = "zh",
    protected: Sequence[Path] = (),
    extra_tables: Mapping[str, tuple[Sequence[str], list[list[object]]]] | None = None,
) -> AuditReport:
    """Write assignments.csv, compliance.csv, schools.csv, balance.csv, summary.json and the audit's
    certificate.json into ``out``; with ``xlsx_lang`` (``en``/``zh``) also plan.xlsx; with
    ``people_lang`` (default ``zh``) roster.xlsx and roster.html.
    ``extra_tables`` (file name: columns, rows) are written in the same folder, e.g. the
    changes.csv of ``rotation replan``.

    The folder appears complete or not at all (``solver.output.files.atomic_output_dir``); an
    existing ``out`` is replaced only with ``force`` and only when it is an earlier output
    (never a folder of ``protected``, the scenario's extends chain). A plan that fails its
    own audit is never written as a plan: ``write_rejected`` keeps it as evidence instead.

    Returns
    -------
    AuditReport
        The independent audit of the plan written (its rows are compliance.csv).

    Raises
    ------
    solver.output.files.OutputExistsError
        When ``out`` exists and ``force`` is off.
    """
    with collector_paused():  # its passes over the scenario: 3 s of 35 for a province
        report = audit(scenario, result.plan)
        if not report.compliant:
            write_rejected(out, scenario, result, report, input_files, force, protected)
            return report
        with atomic_output_dir(out, force, protected) as folder:
            write_csv(
                folder / "assignments.csv",
                ASSIGNMENT_COLUMNS,
                assignment_rows(scenario, result.plan),
            )
            write_csv(
                folder / "compliance.csv", COMPLIANCE_COLUMNS, compliance_rows(report, scenario)
            )
            write_csv(
                folder / "schools.csv", SCHOOL_YEAR_COLUMNS, school_rows(scenario, result.plan)
            )
            write_csv(
                folder / "balance.csv",
                BALANCE_COLUMNS,
                balance_rows(school_values(scenario, result.plan)),
            )
            plan_hash = sha256_of(folder / "assignments.csv")
            write_json(
                folder / "summary.json",
                summary(
                    scenario,
                    result,
                    report,
                    input_files,
                    plan_hash,
                    overrides,
                    scenario_path=relative_to_output(scenario_folder, out),
                ),
            )
            write_certificate(
                folder / "certificate.json",
                input_files,
                folder / "assignments.csv",
                report,
                overrides,
                scenario.info.name,
                scenario_folder,
            )
            if xlsx_lang is not None:
                write_workbook(folder, folder / "plan.xlsx", xlsx_lang)
            if people_lang is not None:  # the publication lists (SPEC §7)
                write_people_outputs(folder, scenario, result.plan, people_lang, report)
            for name, (columns, table) in (extra_tables or {}).items():
                write_csv(folder / name, columns, table)
    return report


REJECTED_PLAN = "REJECTED-plan-failed-its-audit.csv"
INTERNAL_ERROR = "internal_error"


def write_rejected(
    out: Path,
    scenario: Scenario,
    result: Result,
    report: AuditReport,
    input_files: Mapping[str, Path],
    force: bool = False,
    protected: Sequence[Path] = (),
) -> None:
    """The evidence of an internal error: the solver's plan fails the independent audit.

    The rows go to ``REJECTED-plan-failed-its-audit.csv`` (never ``assignments.csv``, so no
    tool reads them as a plan), with compliance.csv (the audit) and a summary.json whose
    status is ``internal_error``; no certificate is written.
    """
    with atomic_output_dir(out, force, protected) as folder:
        write_csv(
            folder / REJECTED_PLAN, ASSIGNMENT_COLUMNS, assignment_rows(scenario, result.plan)
        )
        write_csv(folder / "compliance.csv", COMPLIANCE_COLUMNS, compliance_rows(report, scenario))
        broken = Counter(c.rule.value for c in report.violations)
        write_json(
            folder / "summary.json",
            {
                "scenario": scenario.info.name,
                "status": INTERNAL_ERROR,
                "solver_status": result.status.value,
                "error": "internal error: the solver's plan fails the independent audit; "
                f"the rows in {REJECTED_PLAN} are evidence for a bug report, not a plan",
                "violations": dict(sorted(broken.items())),
                **VERSIONS,
                "input_files": input_hashes(input_files),
            },
        )
