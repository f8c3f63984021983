"""Side by side: the KPIs of several plans or scenarios, for administrators choosing a policy.

An input is either a solved output folder (it has summary.json, which names its scenario and
the ``--set`` overrides used) or a scenario folder, which is solved first.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solver.audit import audit
from solver.glossary import COST_TERMS, DEFAULT_LANG, Lang
from solver.input.loader import InputError, load_scenario
from solver.input.plan import PlanRow, as_plan_rows, read_plan
from solver.input.problems import Problem
from solver.output.solve_set import INTERNAL_ERROR
from solver.scenario import Scenario
from solver.solving.result import Status
from solver.whatif.freshness import Freshness, freshness, freshness_warning
from solver.whatif.kpis import changed, places, plan_kpis

SUMMARY = "summary.json"


@dataclass
class Column:
    """One input of the comparison: its label, status, KPIs and where each teacher is."""

    label: str
    status: str
    scenario: Scenario
    rows: list[PlanRow]
    kpis: dict[str, object] = field(default_factory=dict)
    explanation: str = ""  # why there is no plan (SPEC §7: blank figures, and why)
    freshness: Freshness = field(default_factory=Freshness)  # an output's files since written

    @property
    def has_plan(self) -> bool:
        return has_plan(self.status)

    @property
    def places(self):
        return places(self.scenario, self.rows)


def read_summary(folder: Path) -> dict[str, Any]:
    path = folder / SUMMARY
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise InputError([Problem(str(path), f"cannot be read: {exc}")]) from None
    if not isinstance(data, dict) or "scenario_path" not in data:
        raise InputError(
            [Problem(str(path), "does not name its scenario folder", column="scenario_path")]
        )
    problems = [Problem(str(path), why, column=key) for key, why in summary_damage(data)]
    if problems:
        raise InputError(problems)
    return data


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def summary_damage(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What in a summary.json no program run could have written (issue 19.9): the key and
    why. A damaged summary is bad input, never shown verbatim nor read as a plan's cost."""
    damage = []
    where = data.get("scenario_path")
    if not isinstance(where, str) or not where.strip():
        damage.append(("scenario_path", f"must name the scenario folder, not {where!r}"))
    if not isinstance(data.get("status", ""), str):
        damage.append(("status", f"must be a status word, not {data['status']!r}"))
    for key in ("cost", "bound", "gap"):
        if data.get(key) is not None and not _number(data[key]):
            damage.append((key, f"must be a number, not {data[key]!r}"))
    terms = data.get("terms", {})
    if not isinstance(terms, dict):
        damage.append(("terms", f"must map each cost term to a number, not {terms!r}"))
        terms = {}
    for term, value in terms.items():
        if term not in COST_TERMS:
            known = ", ".join(COST_TERMS)
            damage.append((f"terms.{term}", f"is not a cost term (known: {known})"))
        elif not _number(value):
            damage.append((f"terms.{term}", f"must be a number, not {value!r}"))
    hashes = data.get("input_files", {})
    if not isinstance(hashes, dict) or not all(isinstance(h, str) for h in hashes.values()):
        damage.append(("input_files", f"must map each file to its SHA-256, not {hashes!r}"))
    plan_hash = data.get("assignments_sha256")
    if plan_hash is not None and not isinstance(plan_hash, str):
        damage.append(("assignments_sha256", f"must be a SHA-256 text, not {plan_hash!r}"))
    overrides = data.get("overrides", [])
    if not isinstance(overrides, list) or not all(isinstance(o, str) for o in overrides):
        damage.append(("overrides", f"must be a list of key=value texts, not {overrides!r}"))
    return damage


def has_plan(status: str) -> bool:
    """Whether a status stands for a plan: not infeasible, unknown, partial, an internal error.
    A status this program never writes (a hand-made output says what it likes) is a plan."""
    try:
        return Status(status).has_plan
    except ValueError:
        return status != INTERNAL_ERROR


def from_output(folder: Path, label: str | None = None) -> Column:
    """A solved output folder: its scenario (with the same overrides) and assignments.csv."""
    summary = read_summary(folder)
    scenario_path = folder / summary["scenario_path"]  # relative to the output folder
    scenario = load_scenario(scenario_path, summary.get("overrides", []))
    status = str(summary.get("status", ""))
    name = label or folder.name
    fresh = freshness(folder, summary, scenario_path, with_plan=has_plan(status))
    if not has_plan(status):
        why = summary.get("error") or summary.get("note") or f"no plan ({status})"
        return Column(name, status, scenario, [], explanation=str(why), freshness=fresh)
    return Column(name, status, scenario, read_plan(folder), freshness=fresh)


def stale_warnings(columns: Sequence[Column], lang: Lang = DEFAULT_LANG) -> list[str]:
    """A sentence for each output whose scenario files or plan changed since it was solved."""
    return [freshness_warning(c.label, c.freshness, lang) for c in columns if c.freshness.stale]


Solver = Callable[[Scenario], tuple[str, Sequence[Any]]]
Explainer = Callable[[Scenario, str], str]


def from_scenario(
    folder: Path,
    overrides: Sequence[str],
    solve: Solver,
    label: str | None = None,
    explain: Explainer | None = None,
) -> Column:
    """A scenario folder, solved; without a plan, the explanation says why."""
    scenario = load_scenario(folder, list(overrides))
    status, plan = solve(scenario)
    column = Column(label or folder.name, status, scenario, as_plan_rows(plan))
    if not column.has_plan:
        column.rows = []
        column.explanation = explain(scenario, status) if explain else f"no plan ({status})"
    return column


def distinct_labels(inputs: Sequence[Path]) -> list[str]:
    """Each input's folder name, with as many parent folders as it takes to tell apart two
    inputs of the same name (``a/out`` and ``b/out``); the same folder twice gets ``#2``."""
    parts = [Path(os.path.abspath(p)).parts for p in inputs]
    depth = [1] * len(parts)
    while True:
        labels = ["/".join(p[-d:]) for p, d in zip(parts, depth, strict=True)]
        grown = False
        for i, label in enumerate(labels):
            rivals = [
                j for j, other in enumerate(labels) if other == label and parts[j] != parts[i]
            ]
            if rivals and depth[i] < len(parts[i]):
                depth[i] += 1
                grown = True
        if not grown:
            break
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label}#{seen[label]}")
    return unique


def collect(
    inputs: Sequence[Path],
    overrides: Sequence[str],
    solve: Solver,
    explain: Explainer | None = None,
) -> list[Column]:
    """Read or solve every input and compute its KPIs; teacher-years changed vs the first.

    An input without a plan (infeasible, not solved in time, an internal error) has blank KPIs
    and its explanation (SPEC §7), never the figures of an empty plan; so has
    ``changed_vs_first`` everywhere when the first input has no plan.
    """
    columns = [
        from_output(p, label)
        if (p / SUMMARY).is_file()
        else from_scenario(p, overrides, solve, label, explain)
        for p, label in zip(inputs, distinct_labels(inputs), strict=True)
    ]
    first = columns[0] if columns else None
    for column in columns:
        if not column.has_plan:
            column.kpis = {"status": column.status, "explanation": column.explanation}
            continue
        report = audit(column.scenario, column.rows)
        status = "edited" if column.freshness.plan_changed else column.status
        column.kpis = {"status": status, **plan_kpis(column.scenario, report)}
        if column.freshness.stale:  # the KPIs are the audit's, of the files as they are now
            column.kpis["changed_files"] = "; ".join(column.freshness.files())
        if first is not None and first.has_plan:
            column.kpis["changed_vs_first"] = len(changed(first.places, column.places))
    return columns


def kpi_names(columns: Sequence[Column]) -> list[str]:
    names: list[str] = []
    for column in columns:
        names += [k for k in column.kpis if k not in names]
    return names


def as_table(columns: Sequence[Column], fmt: str) -> str:
    """The KPI table, one row per KPI and one column per input."""
    header: list[object] = ["kpi", *(c.label for c in columns)]
    names = kpi_names(columns)
    if fmt != "csv":  # explanations are sentences: said under the table, not in a cell
        names = [k for k in names if k != "explanation"]
    body: list[list[object]] = [[k, *(c.kpis.get(k, "") for c in columns)] for k in names]
    notes = [f"{c.label}: no plan: {c.explanation}" for c in columns if not c.has_plan]
    if fmt == "json":
        return json.dumps({c.label: c.kpis for c in columns}, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([header, *body])
        return buffer.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(map(str, header)) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in body]
        return "\n".join([*lines, *(["", *notes] if notes else [])])
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]
    lines = [
        "  ".join(
            str(v).ljust(w) if i == 0 else str(v).rjust(w)
            for i, (v, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *body]
    ]
    return "\n".join([*lines, *(["", *notes] if notes else [])])


def teacher_diff(columns: Sequence[Column]) -> list[tuple[str, str, int, str, str]]:
    """(input, teacher, year, place in the first input, place in this one), every difference
    (none for an input without a plan, nor when the first has none)."""
    if not columns or not columns[0].has_plan:
        return []
    first = columns[0].places
    return [
        (c.label, t, y, a, b)
        for c in columns[1:]
        if c.has_plan
        for t, y, a, b in changed(first, c.places)
    ]
