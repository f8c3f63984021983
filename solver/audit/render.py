"""An audit report as people and programs read it: a text table, CSV, JSON, compliance rows."""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from solver.audit import AuditReport
from solver.audit.checks import Check
from solver.audit.identity import PlanNotes
from solver.glossary import cost_name, org_name, rule_name, school_name, teacher_name
from solver.output.files import csv_text
from solver.rules import RULE_NAMES, RULE_TEXT
from solver.scenario import Scenario

VIOLATION_COLUMNS = (
    "rule",
    "name",
    "org",
    "org_name",
    "school",
    "school_name",
    "teacher",
    "teacher_name",
    "year",
    "subject",
    "line",
    "need",
    "actual",
    "sentence",
)
COMPLIANCE_COLUMNS = (
    "rule",
    "org",
    "org_name",
    "school",
    "school_name",
    "teacher",
    "teacher_name",
    "subject",
    "year",
    "need",
    "actual",
    "slack",
    "ok",
)


def named(scenario: Scenario | None, c: Check) -> tuple[str, str, str]:
    """The names of the check's organization, school and teacher ("" when unknown)."""
    if scenario is None:
        return "", "", ""
    names = (
        org_name(scenario, c.org),
        school_name(scenario, c.school),
        teacher_name(scenario, c.teacher),
    )
    codes = (c.org, c.school, c.teacher)
    return tuple("" if n == code else n for n, code in zip(names, codes, strict=True))  # type: ignore[return-value]


def with_name(code: str | None, name: str) -> str:
    """``G1 甲小学教育集团``: the code people type, then the name people read."""
    return f"{code or ''} {name}".strip() if name else code or ""


def violation_row(c: Check, scenario: Scenario | None = None) -> list[object]:
    org, school, teacher = named(scenario, c)
    return [
        c.rule.value,
        RULE_NAMES[c.rule],
        c.org,
        org,
        c.school,
        school,
        c.teacher,
        teacher,
        c.year,
        c.subject,
        c.line,
        c.need,
        c.actual,
        c.sentence,
    ]


def compliance_rows(
    report: AuditReport, scenario: Scenario | None = None
) -> Iterator[list[object]]:
    """One row per rule instance checked, in ``COMPLIANCE_COLUMNS`` order (for compliance.csv):
    each id with its name beside it (blank when the scenario does not know the id)."""
    for c in report.checks:
        org, school, teacher = named(scenario, c)
        yield [
            c.rule.value,
            c.org,
            org,
            c.school,
            school,
            c.teacher,
            teacher,
            c.subject,
            c.year,
            c.need,
            c.actual,
            c.slack,
            c.ok,
        ]


def as_dict(
    report: AuditReport,
    plan: str | None = None,
    scenario: Scenario | None = None,
    notes: PlanNotes | None = None,
) -> dict[str, Any]:
    """Everything a program needs: verdict, violations, per-rule summary, cost by term, and
    the notes (headline, warnings) when given."""
    return {
        "plan": plan,
        "headline": notes.headline if notes else None,
        "warnings": list(notes.warnings) if notes else [],
        "compliant": report.compliant,
        "violations": [
            dict(zip(VIOLATION_COLUMNS, violation_row(c, scenario), strict=True))
            for c in report.violations
        ],
        "per_rule": {
            rule.value: {"name": RULE_NAMES[rule], "checked": s.checked, "violations": s.violations}
            for rule, s in report.per_rule.items()
        },
        "cost": report.cost,
        "cost_terms": report.cost_terms,
    }


def render_json(
    report: AuditReport,
    plan: str | None = None,
    scenario: Scenario | None = None,
    notes: PlanNotes | None = None,
) -> str:
    content = as_dict(report, plan, scenario, notes)
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def render_csv(report: AuditReport, scenario: Scenario | None = None) -> str:
    """The violations, one per row (spreadsheet-safe cells); the JSON format has the rest."""
    return csv_text(VIOLATION_COLUMNS, (violation_row(c, scenario) for c in report.violations))


@functools.lru_cache(maxsize=1 << 16)
def width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese characters take two.

    Remembered, as a roster measures the same names again and again (3 million cells for a
    province); ASCII text (no wide characters) is its length."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """Left-aligned columns; the last column is not padded (it holds sentences)."""
    cells = [[("" if v is None else str(v)) for v in row] for row in [header, *rows]]
    widths = [max(width(row[i]) for row in cells) for i in range(len(header) - 1)]
    lines = []
    for row in cells:
        padded = [v + " " * (w - width(v)) for v, w in zip(row, widths, strict=False)]
        lines.append("  ".join([*padded, row[-1]]).rstrip())
    return lines


def render_table(
    report: AuditReport,
    plan: str | None = None,
    scenario: Scenario | None = None,
    notes: PlanNotes | None = None,
) -> str:
    """The human report: the headline when the plan seems to be another scenario's, the
    verdict, warnings, every violation (codes with names), the per-rule summary, the cost."""
    n = len(report.violations)
    verdict = "COMPLIANT: no violations" if report.compliant else f"NOT COMPLIANT: {n} violations"
    lines = [f"WARNING: {notes.headline}", ""] if notes and notes.headline else []
    lines += [f"Audit of {plan}: {verdict}" if plan else verdict, ""]
    if notes and notes.warnings:
        lines.append(f"Warnings ({len(notes.warnings)}: names that disagree with teachers.csv)")
        lines += [*(f"  {w}" for w in notes.warnings), ""]
    if n:
        lines.append("Violations")
        header = ["rule", "org", "school", "teacher", "year", "need", "actual", "what"]
        rows = []
        for c in report.violations:
            org, school, teacher = named(scenario, c)
            rows.append(
                [c.rule.value, with_name(c.org, org), with_name(c.school, school),
                 with_name(c.teacher, teacher), c.year, c.need, c.actual, c.sentence]
            )  # fmt: skip
        lines += [*text_table(header, rows), ""]
    lines.append("Per rule")
    summary = [
        [rule.value, RULE_NAMES[rule], rule_name(rule, "zh"), s.checked, s.violations,
         RULE_TEXT[rule]]
        for rule, s in report.per_rule.items()
    ]  # fmt: skip
    lines += text_table(["rule", "name", "名称", "checked", "violations", "rule text"], summary)
    lines += ["", "Cost (recomputed, SPEC §4)"]
    values = [*(f"{v:+d}" if v else "0" for v in report.cost_terms.values()), str(report.cost)]
    right = max(len(v) for v in [*values, "value"])
    names = [*(f"{t} {cost_name(t, 'zh')}" for t in report.cost_terms), "total 合计"]
    lines += text_table(
        ["term", "value".rjust(right)],
        [[n, v.rjust(right)] for n, v in zip(names, values, strict=True)],
    )
    return "\n".join(lines) + "\n"
