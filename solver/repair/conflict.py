"""A conflict in one line: the core's rule instances summed in words (SPEC §9).

Instances of one rule at one place are joined over their years ("2023-2025") and their needs
summed; the per-teacher H3 instances of a school are folded into the quota they starve ("its 32
eligible backbone teachers can give at most 32, each at most 1 year"). The long list of single
instances stays ``diagnose``'s (``--verbose``).
"""

from __future__ import annotations

from collections.abc import Sequence

from solver.glossary import Lang, repair_phrase, rule_label, school_name
from solver.model.instances import RuleInstance
from solver.rules import Rule
from solver.scenario import Scenario
from solver.solving.diagnose import describe

QUOTAS = (Rule.H4, Rule.H6, Rule.H7, Rule.H10)
"""Rules that ask teachers to go: the H3 caps of their school's teachers bound them."""


def years_text(years: Sequence[int]) -> str:
    """2023, 2024, 2025 -> 2023-2025; 2023, 2025 -> 2023, 2025."""
    ordered = sorted(set(years))
    if not ordered:
        return ""
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 1:
        return f"{ordered[0]}-{ordered[-1]}"
    return ", ".join(str(y) for y in ordered)


def conflict_lines(core: Sequence[RuleInstance], scenario: Scenario, lang: Lang) -> list[str]:
    """One line per conflict of ``core`` (a diagnosis' instances), in ``lang``."""
    groups: dict[tuple[object, ...], list[RuleInstance]] = {}
    for i in core:
        key: tuple[object, ...] = (
            i.rule,
            i.aspect,
            i.org_id,
            i.school_id,
            i.other_school_id,
            i.subject,
        )
        if i.rule is Rule.H3:
            key = (Rule.H3, i.school_id)
        elif i.rule is Rule.H11:
            key = (Rule.H11, i.teachers, i.year)
        groups.setdefault(key, []).append(i)
    quota_schools = {g[0].school_id for g in groups.values() if g[0].rule in QUOTAS}
    lines = []
    for instances in groups.values():
        first = instances[0]
        if first.rule is Rule.H3 and first.school_id in quota_schools:
            continue  # told with the quota it bounds
        caps = [
            i
            for g in groups.values()
            for i in g
            if i.rule is Rule.H3 and i.school_id == first.school_id
        ]
        lines.append(_line(instances, caps, scenario, lang))
    return lines


def _line(instances: list[RuleInstance], caps: list[RuleInstance], s: Scenario, lang: Lang) -> str:
    first = instances[0]
    years = years_text([i.year for i in instances if i.year is not None])
    need = sum(i.need or 0 for i in instances)
    org = s.org_by_id.get(first.org_id or "")
    where = org.name if org is not None else school_name(s, first.school_id)
    label = rule_label(str(first.rule), lang)
    values = {
        "where": where,
        "years": years,
        "rule": label,
        "need": need,
        "each": first.need or 0,
        "school": school_name(s, first.school_id),
        "other": school_name(s, first.other_school_id),
        "subject": first.subject or "",
    }
    if first.rule is Rule.H3:
        teachers = sum(len(i.teachers) for i in instances)
        most = min(i.need or 0 for i in instances)
        return repair_phrase("h3", lang, teachers=teachers, most=most, **values)
    supply = ""
    if caps:
        teachers = sum(len(i.teachers) for i in caps)
        most = min(i.need or 0 for i in caps)
        supply = repair_phrase(
            "supply", lang, teachers=teachers, most=most, total=teachers * most,
            max_term=s.policy.max_term_years,
        )  # fmt: skip
    key = {
        Rule.H4: "h4",
        Rule.H5: "h5",
        Rule.H6: "h6",
        Rule.H7: "h7",
        Rule.H8: "h8",
        Rule.H9: "h9_" + (first.aspect or "capacity"),
        Rule.H10: "h10_" + (first.aspect or "rotation"),
        Rule.H11: "h11",
    }[first.rule]
    if first.rule is Rule.H11:  # a lock's reason is its own: the diagnosis says it best
        return describe(first, s)
    text = repair_phrase(key, lang, **values)
    return text + supply
