"""Which schools and organizations feel a change of plan: differences per school and per org.

``compare`` says what a policy costs; this says who notices. For each input after the first and
each school (or organization) it gives the figures the school lives with (teachers out and in
over the cycle, the tightest subject coverage) in both plans, and sorts the changed moves into:

- **swapped**: another teacher of the same kind makes the same move. The kind is everything a
  cost term or a quota reads about a teacher's term away: home, the (year, host, organization)
  of every away year, backbone, cadre, eligible, due, repeat, the preference weight for each
  host, the reference-plan place of every year, and the subject when a host wants incoming
  teachers of it (``wanted_in``, the ``shortage`` term). Two plans that differ only by swaps
  cost exactly the same, term by term, and place the same numbers under every quota (H4-H7,
  H9, H10): an equal-cost reshuffle. Only which subject a school lends or receives may differ
  (H8 coverage, shown beside it), within what both plans' audits accept.
- **added** / **removed**: moves of a kind one plan has and the other has not (as many as
  the counts differ): real changes.

A move is one teacher's away years in the cycle (with one-year terms, one teacher-year).
``changed`` counts teacher-years whose place differs, as ``compare``'s ``changed_vs_first``
does, restricted to the school or organization. An input without a plan has blank figures and
its explanation, never zeros.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from solver.audit import AuditReport, audit
from solver.audit.facts import PlanFacts, plan_facts
from solver.audit.render import text_table
from solver.input.plan import PlanRow
from solver.rules import Rule
from solver.scenario import Scenario
from solver.whatif.compare import Column, has_plan

CHANGE_COLUMNS = ("changed", "swapped", "added", "removed", "verdict", "explanation")
"""The last columns of both tables: how the moves changed, and why a row is blank."""
SCHOOL_COLUMNS = (
    "input",
    "school_id",
    "school",
    "out_first",
    "out",
    "in_first",
    "in",
    "coverage_slack_first",
    "coverage_slack",
    *CHANGE_COLUMNS,
)
ORG_COLUMNS = (
    "input",
    "org_id",
    "organization",
    "type",
    "moves_first",
    "moves",
    "quota_slack_first",
    "quota_slack",
    "imbalance_first",
    "imbalance",
    *CHANGE_COLUMNS,
)
QUOTA_RULES = (Rule.H4, Rule.H6, Rule.H7)

Kind = tuple[object, ...]


@dataclass
class PlanInput:
    """One plan to compare: its label, scenario and rows; ``rows`` is ``None`` without a plan."""

    label: str
    scenario: Scenario
    rows: Sequence[PlanRow] | None
    explanation: str = ""

    @property
    def has_plan(self) -> bool:
        return self.rows is not None

    @cached_property
    def report(self) -> AuditReport:
        """The audit of the plan (every rule instance and the cost); only with a plan."""
        assert self.rows is not None, f"{self.label} has no plan"
        return audit(self.scenario, self.rows)

    @cached_property
    def facts(self) -> PlanFacts:
        """The audit's counts over the rows that passed H1."""
        return plan_facts(self.scenario, list(self.report.kept))

    @cached_property
    def moves(self) -> dict[str, tuple[PlanRow, ...]]:
        """Each away teacher's rows, by year (a teacher's term or terms away)."""
        return {t: tuple(rows) for t, rows in self.facts.by_teacher.items()}

    @cached_property
    def wanted(self) -> frozenset[tuple[str, str]]:
        """(school, subject) pairs that want incoming teachers (demand.csv ``wanted_in``)."""
        return frozenset((d.school_id, d.subject) for d in self.scenario.demand if d.wanted_in)

    @cached_property
    def reference_places(self) -> dict[str, dict[int, str]]:
        """reference_plan.csv: each teacher's host by year (the ``change`` term reads it)."""
        places: dict[str, dict[int, str]] = defaultdict(dict)
        for r in self.scenario.reference_plan or ():
            places[r.teacher_id][r.year] = r.host_school_id
        return dict(places)

    def slack(self, rules: Iterable[Rule], **where: str) -> int | None:
        """The tightest slack of the instances of ``rules`` matching ``where`` (e.g. org=...)."""
        wanted = set(rules)
        values = [
            c.slack
            for c in self.report.checks
            if c.rule in wanted
            and c.slack is not None
            and all(getattr(c, k) == v for k, v in where.items())
        ]
        return min(values, default=None)


def from_status(
    label: str, scenario: Scenario, status: str, rows: Sequence[PlanRow], explanation: str = ""
) -> PlanInput:
    """A ``PlanInput`` from a solve's status: no plan when ``compare`` says the status has none
    (infeasible, unknown, partial, ...), else the rows."""
    if not has_plan(status):
        return PlanInput(label, scenario, None, explanation or f"no plan ({status})")
    return PlanInput(label, scenario, rows, explanation)


def move_kind(plan: PlanInput, teacher_id: str) -> Kind:
    """Everything a rule or a cost term reads about one teacher's moves (see the module text)."""
    scenario = plan.scenario
    t = scenario.teacher_by_id[teacher_id]
    rows = plan.moves[teacher_id]
    reference = plan.reference_places.get(teacher_id, {})
    prefs = scenario.preference_weight
    return (
        t.school_id,
        tuple((r.year, r.host_school_id, r.org_id) for r in rows),
        t.subject if any((r.host_school_id, t.subject) in plan.wanted for r in rows) else "",
        t.backbone,
        t.is_cadre,
        scenario.is_eligible(t),
        scenario.is_due(t),
        scenario.is_repeat(t),
        tuple(prefs.get((teacher_id, r.host_school_id), 0) for r in rows),
        tuple(sorted(reference.items())),
    )


@dataclass(frozen=True)
class Changes:
    """How one school or organization's moves differ between the first plan and another."""

    changed: int = 0
    swapped: int = 0
    added: int = 0
    removed: int = 0

    @property
    def verdict(self) -> str:
        """``same``, ``reshuffle`` (only equal-cost swaps) or ``changed``."""
        if self.added or self.removed:
            return "changed"
        return "reshuffle" if self.changed else "same"


KeysOf = Callable[[Sequence[PlanRow]], set[str]]


def school_keys(rows: Sequence[PlanRow]) -> set[str]:
    return {rows[0].home_school_id} | {r.host_school_id for r in rows}


def org_keys(rows: Sequence[PlanRow]) -> set[str]:
    return {r.org_id for r in rows}


def changes_by(first: PlanInput, other: PlanInput, keys_of: KeysOf) -> dict[str, Changes]:
    """Changes per key (school or org id) between two plans that both exist."""
    differing = {
        t for t in first.moves.keys() | other.moves.keys() if _places(first, t) != _places(other, t)
    }
    kinds: dict[str, list[Counter[Kind]]] = defaultdict(lambda: [Counter(), Counter()])
    teacher_years: Counter[str] = Counter()
    for t in sorted(differing):
        a, b = first.moves.get(t, ()), other.moves.get(t, ())
        for side, (plan, rows) in enumerate(((first, a), (other, b))):
            if rows:
                for key in keys_of(rows):
                    kinds[key][side][move_kind(plan, t)] += 1
        hosts_a = {r.year: r for r in a}
        hosts_b = {r.year: r for r in b}
        for y in hosts_a.keys() | hosts_b.keys():
            ra, rb = hosts_a.get(y), hosts_b.get(y)
            if (
                ra is not None
                and rb is not None
                and (ra.host_school_id, ra.org_id)
                == (
                    rb.host_school_id,
                    rb.org_id,
                )
            ):
                continue
            for key in keys_of([r for r in (ra, rb) if r is not None]):
                teacher_years[key] += 1
    result = {}
    for key in kinds.keys() | teacher_years.keys():
        in_first, in_other = kinds[key]
        swapped = sum((in_first & in_other).values())
        result[key] = Changes(
            changed=teacher_years[key],
            swapped=swapped,
            added=sum(in_other.values()) - swapped,
            removed=sum(in_first.values()) - swapped,
        )
    return result


def _places(plan: PlanInput, teacher_id: str) -> tuple[tuple[int, str, str], ...]:
    return tuple((r.year, r.host_school_id, r.org_id) for r in plan.moves.get(teacher_id, ()))


def _school_figures(plan: PlanInput, school_id: str) -> tuple[object, object, object]:
    """Teachers out and in over the cycle, and the tightest H8 slack; blank without a plan or
    when the school is not in the plan's scenario."""
    if not plan.has_plan or school_id not in plan.scenario.school_by_id:
        return "", "", ""
    years = plan.scenario.years
    out = sum(plan.facts.away[school_id, y] for y in years)
    came = sum(plan.facts.incoming[school_id, y] for y in years)
    slack = plan.slack([Rule.H8], school=school_id)
    return out, came, "" if slack is None else slack


def _org_figures(plan: PlanInput, org_id: str) -> tuple[object, object, object]:
    """Teacher-years under the org, the tightest H4/H6/H7 slack, the largest H5 imbalance."""
    if not plan.has_plan or org_id not in plan.scenario.org_by_id:
        return "", "", ""
    moves = sum(1 for r in plan.report.kept if r.org_id == org_id)
    slack = plan.slack(QUOTA_RULES, org=org_id)
    imbalance = max(
        (
            c.actual
            for c in plan.report.checks
            if c.rule is Rule.H5 and c.org == org_id and c.actual is not None
        ),
        default=None,
    )
    return moves, "" if slack is None else slack, "" if imbalance is None else imbalance


def _blank_reason(first: PlanInput, other: PlanInput) -> str:
    if not other.has_plan:
        return other.explanation
    if not first.has_plan:
        return f"the first input ({first.label}) has no plan: {first.explanation}"
    return ""


def by_school(plans: Sequence[PlanInput]) -> list[dict[str, object]]:
    """One row per later input and school (``SCHOOL_COLUMNS``); schools of every scenario."""
    return _rows_per(
        plans, _school_cells, school_keys, ("out", "in", "coverage_slack"), _school_figures
    )


def by_org(plans: Sequence[PlanInput]) -> list[dict[str, object]]:
    """One row per later input and organization (``ORG_COLUMNS``)."""
    return _rows_per(
        plans, _org_cells, org_keys, ("moves", "quota_slack", "imbalance"), _org_figures
    )


def _school_cells(plan: PlanInput) -> dict[str, dict[str, object]]:
    return {
        s.school_id: {"school_id": s.school_id, "school": s.name} for s in plan.scenario.schools
    }


def _org_cells(plan: PlanInput) -> dict[str, dict[str, object]]:
    return {
        o.org_id: {"org_id": o.org_id, "organization": o.name, "type": o.type.value}
        for o in plan.scenario.organizations
    }


def _rows_per(
    plans: Sequence[PlanInput],
    cells_of: Callable[[PlanInput], dict[str, dict[str, object]]],
    keys_of: KeysOf,
    figures: Sequence[str],
    figures_of: Callable[[PlanInput, str], tuple[object, ...]],
) -> list[dict[str, object]]:
    """One row per later input and school (or org) of either scenario, in id order: the cells
    naming it (``cells_of``, the first input's where both have it), each figure in the first
    plan and in this one, then the changes."""
    if not plans:
        return []
    first = plans[0]
    rows: list[dict[str, object]] = []
    for other in plans[1:]:
        named = cells_of(other) | cells_of(first)
        reason = _blank_reason(first, other)
        changes = {} if reason else changes_by(first, other, keys_of)
        for key in sorted(named):
            row = {"input": other.label, **named[key]}
            in_first, in_other = figures_of(first, key), figures_of(other, key)
            for column, a, b in zip(figures, in_first, in_other, strict=True):
                row[f"{column}_first"] = a
                row[column] = b
            rows.append(row | _change_cells(changes.get(key, Changes()), reason))
    return rows


def _change_cells(changes: Changes, reason: str) -> dict[str, object]:
    if reason:
        blank: dict[str, object] = dict.fromkeys(CHANGE_COLUMNS, "")
        return blank | {"explanation": reason}
    return {
        "changed": changes.changed,
        "swapped": changes.swapped,
        "added": changes.added,
        "removed": changes.removed,
        "verdict": changes.verdict,
        "explanation": "",
    }


def render(rows: Sequence[dict[str, object]], columns: Sequence[str], fmt: str) -> str:
    """The rows as ``table``, ``csv``, ``json`` or ``markdown``.

    In the text formats an explanation is printed once per input under the table (its rows
    keep blank cells); csv and json keep it on every row.
    """
    if fmt == "json":
        return json.dumps([{c: r.get(c, "") for c in columns} for r in rows], ensure_ascii=False,
                          indent=2)  # fmt: skip
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[r.get(c, "") for c in columns] for r in rows])
        return buffer.getvalue().rstrip("\n")
    shown = [c for c in columns if c != "explanation"]
    body = [["" if r.get(c) is None else str(r.get(c, "")) for c in shown] for r in rows]
    notes = dict.fromkeys(f"{r['input']}: {r['explanation']}" for r in rows if r["explanation"])
    if fmt == "markdown":
        lines = ["| " + " | ".join(shown) + " |", "|" + "---|" * len(shown)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
    else:
        lines = text_table([*shown, ""], [[*cells, ""] for cells in body])
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)


def from_columns(columns: Sequence[Column]) -> list[PlanInput]:
    """``compare``'s columns as plans to difference (a column without a plan keeps its
    explanation)."""
    return [from_status(c.label, c.scenario, c.status, c.rows, c.explanation) for c in columns]


def differences_table(columns: Sequence[Column], by: str, fmt: str) -> str:
    """``compare --by school|org``: the differences of every input against the first."""
    plans = from_columns(columns)
    if by == "school":
        return render(by_school(plans), SCHOOL_COLUMNS, fmt)
    return render(by_org(plans), ORG_COLUMNS, fmt)
