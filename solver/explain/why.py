"""Why this teacher and not a colleague: what set them apart, and who would take the place.

A teacher asks "why me?". The answer compares them with the colleagues who could have gone
instead: teachers of the same home school who may serve under the same partnership (H2) and
stay home in the plan. What sets the teacher apart is read from the scenario's facts, the same
ones the cost and the rules use: due for rotation after N years at the school (cost term
``due``), a backbone teacher where a rule instance that depends on them asks for backbone
teachers (H4, H10), a subject the host wants (``wanted_in``, cost term ``shortage``), their own
preference for the host (``preference``). Who would take the place comes from the alternative
re-solve (``solver.explain.alternative``), never guessed. When nothing sets them apart, it says
so: the plan chose among equals by total cost.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.explain.alternative import Alternative
from solver.explain.teacher import Placement, Served
from solver.scenario import Scenario, Teacher

BACKBONE_RULES = ("H4", "H10")


@dataclass(frozen=True)
class Difference:
    """One thing that sets the teacher apart: its key (``due``, ``backbone``, ``subject``,
    ``preference``) and how many of the colleagues lack it."""

    key: str
    lacking: int


@dataclass(frozen=True)
class Why:
    colleagues: tuple[Teacher, ...]
    differences: tuple[Difference, ...]
    taker: str | None
    """The colleague (teacher id) who takes the place in the alternative, if one does."""


def depends(served: Served) -> bool:
    """An instance that depends on the teacher: met with them, broken without them."""
    return served.check.ok and served.without is not None and not served.without.ok


def dependent(p: Placement) -> tuple[Served, ...]:
    return tuple(s for s in p.served if depends(s))


def colleagues(scenario: Scenario, p: Placement, moving: set[str]) -> tuple[Teacher, ...]:
    """Teachers of the same home school who could have gone under the same partnership and
    stay home in the plan."""
    orgs = [scenario.org_by_id[r.org_id] for r in p.rows if r.org_id in scenario.org_by_id]
    t = p.teacher
    return tuple(
        c
        for c in scenario.teachers_by_school[t.school_id]
        if c.teacher_id != t.teacher_id
        and c.teacher_id not in moving
        and any(scenario.may_serve(c, o) for o in orgs)
    )


def wanted_subjects(scenario: Scenario, host: str) -> set[str]:
    return {d.subject for d in scenario.demand if d.school_id == host and d.wanted_in > 0}


def why(
    scenario: Scenario, p: Placement, moving: set[str], alt: Alternative | None = None
) -> Why | None:
    """What sets a moving teacher apart; ``None`` for one who stays."""
    if not p.moves:
        return None
    t = p.teacher
    others = colleagues(scenario, p, moving)
    hosts = {r.host_school_id for r in p.rows}
    weights = scenario.preference_weight
    found: list[Difference] = []
    if scenario.is_due(t):
        found.append(Difference("due", sum(not scenario.is_due(c) for c in others)))
    if t.backbone and any(s.key[0] in BACKBONE_RULES for s in dependent(p)):
        found.append(Difference("backbone", sum(not c.backbone for c in others)))
    if any(t.subject in wanted_subjects(scenario, h) for h in hosts):
        found.append(Difference("subject", sum(c.subject != t.subject for c in others)))
    if any(weights.get((t.teacher_id, h), 0) > 0 for h in hosts):
        fond = [c for c in others if any(weights.get((c.teacher_id, h), 0) > 0 for h in hosts)]
        found.append(Difference("preference", len(others) - len(fond)))
    return Why(others, tuple(found), taker(alt, hosts))


def taker(alt: Alternative | None, hosts: set[str]) -> str | None:
    """The teacher who goes in their place in the alternative: one newly sent to the same
    host first, else anyone newly sent."""
    if alt is None or alt.kind != "home":
        return None
    new = [c for c in alt.changes if c[3] is not None]
    same = [c for c in new if c[3] in hosts]
    pick = (same or new)[:1]
    return pick[0][0] if pick else None
