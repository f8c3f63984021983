"""What ``validate`` says about a re-plan (SPEC §6): the history, and what is still needed.

Read from the scenario alone (no model): rows served per year, teachers who left with served
rows, teachers who joined since the cycle began, exemptions limited to some years, and for each
quota what the remaining years still need (a per-year quota every open year; H7's cadres per
cycle minus those who served in history).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from solver.needs.quotas import h4_quota, h6_quota, h6_senders, h7_quota, h10_quota
from solver.scenario import OrgType, Scenario


@dataclass(frozen=True)
class StillNeeded:
    """One quota over the open years: ``need`` in total, of which ``served`` was met in history
    (H7 only), so ``still`` remain."""

    rule: str
    org_id: str
    school_id: str
    what: str
    need: int
    served: int

    @property
    def still(self) -> int:
        return max(0, self.need - self.served)


@dataclass(frozen=True)
class ReplanSummary:
    replan_from: int
    served_years: list[int]
    open_years: list[int]
    rows_served: dict[int, int]
    departed: list[str]
    """Every teacher of the published plan (history.csv, served or planned rows) who is no
    longer in teachers.csv."""
    departed_rows: int
    """Their served rows (years before replan_from), kept exactly in the new plan."""
    joined: list[str]
    exemptions: list[dict[str, object]]
    still_needed: list[StillNeeded]

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["still_needed"] = [{**asdict(n), "still": n.still} for n in self.still_needed]
        return data


def replan_summary(s: Scenario) -> ReplanSummary:
    """The history and the remaining needs of a re-plan."""
    served = Counter(a.year for a in s.history)
    open_years = list(s.open_years)
    # every teacher of the published plan who is gone, whether or not they served yet
    departed = sorted(
        {a.teacher_id for a in s.history_plan or () if a.teacher_id not in s.teacher_by_id}
    )
    joined = sorted(
        t.teacher_id
        for t in s.teachers
        if t.school_since is not None and t.school_since > s.info.cycle_start
    )
    exemptions: list[dict[str, object]] = [
        {
            "teacher_id": t.teacher_id,
            "school_id": t.school_id,
            "from": t.exempt_from,
            "until": t.exempt_until,
            "reason": t.exempt_reason,
        }
        for t in s.teachers
        if t.exempt and (t.exempt_from is not None or t.exempt_until is not None)
    ]
    return ReplanSummary(
        replan_from=s.replan_from,
        served_years=list(s.history_years),
        open_years=open_years,
        rows_served={y: served[y] for y in s.history_years},
        departed=departed,
        departed_rows=len(s.departed_history),
        joined=joined,
        exemptions=exemptions,
        still_needed=_still_needed(s),
    )


def _still_needed(s: Scenario) -> list[StillNeeded]:
    years = len(s.open_years)
    needs: list[StillNeeded] = []
    for org in s.organizations:
        o, lead = org.org_id, org.lead_school_id
        if org.type is OrgType.GROUP:
            per_year = h4_quota(org, len(s.backbone_of(lead)))
            if per_year:
                needs.append(StillNeeded("H4", o, lead, "backbone teacher-years lead->members",
                                         per_year * years, 0))  # fmt: skip
        if h6_quota(org):
            for school in h6_senders(org):
                needs.append(StillNeeded("H6", o, school, "teacher-years sent",
                                         h6_quota(org) * years, 0))  # fmt: skip
        for m in org.members:
            if not h7_quota(org, m):
                break
            for a, b in ((lead, m), (m, lead)):
                done = s.history_cadres.get((o, a, b), frozenset())
                needs.append(StillNeeded("H7", o, a, f"cadres {a}->{b} in the cycle",
                                         h7_quota(org, m), len(done)))  # fmt: skip
    for row in s.schools:
        if not row.quality:
            continue
        sid = row.school_id
        total = sum(h10_quota(s.policy, len(s.due_of(sid, y))) for y in s.open_years)
        if total:
            needs.append(StillNeeded("H10", "", sid,
                                     "teacher-years away (due teachers eligible each year)",
                                     total, 0))  # fmt: skip
    return needs


def render(summary: ReplanSummary) -> str:
    """The re-planning section of ``validate``'s table."""
    served = summary.served_years
    span = f"{served[0]}-{served[-1]}" if served else "none"
    rows = ", ".join(f"{y}: {n}" for y, n in summary.rows_served.items()) or "none"
    lines = [
        f"re-planning from {summary.replan_from}: served {span} (history.csv), planning "
        f"{summary.open_years[0]}-{summary.open_years[-1]}",
        f"  history rows     {rows}",
        f"  left             {len(summary.departed)} teacher(s) of the published plan, "
        f"{summary.departed_rows} served row(s)"
        + (f": {', '.join(summary.departed)}" if summary.departed else ""),
        f"  joined           {len(summary.joined)} teacher(s) since the cycle began"
        + (f": {', '.join(summary.joined)}" if summary.joined else ""),
        f"  exempt by year   {len(summary.exemptions)}",
    ]
    for e in summary.exemptions:
        span = f"{e['from'] or '...'}-{e['until'] or '...'}"
        lines.append(
            f"    {e['teacher_id']} ({e['school_id']}) {span} {e['reason'] or ''}".rstrip()
        )
    lines.append("  still needed in the remaining years:")
    for n in summary.still_needed:
        done = f" ({n.served} served)" if n.served else ""
        lines.append(
            f"    {n.rule:<4} {n.org_id or '-':<14} {n.school_id:<10} {n.still:>5}  {n.what}{done}"
        )
    return "\n".join(lines)
