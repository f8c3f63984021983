"""One audit rule instance in people's words, with school and organization names.

The audit (``solver.audit.checks``) decides every instance and its numbers; this module only
says them: "H4 墟沟小学教育集团 2024：牵头学校骨干教师到成员学校交流，需要至少 6，安排 6". Nothing
here computes a need: ``need`` and ``actual`` are the audit's.

Some rules check two instances with the same org, school and year (H7: lead→member, then
member→lead; H9: incoming, then cadres away; H10: teachers away, then backbone away). The
audit emits them in that order, so ``nth`` (the position among instances with the same key)
tells them apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from solver.audit.checks import AT_LEAST, Check
from solver.glossary import Lang, org_name, rule_label, say, school_name
from solver.scenario import OrgType, Reciprocity, Scenario

PLACED = ("H4", "H6", "H7", "H10")
"""Rules whose count is of teachers placed to fill a quota."""

InstanceKey = tuple[str, str | None, str | None, str | None, int | None, str | None, int]
"""(rule, org, school, teacher, year, subject, nth): identifies one instance in any audit."""


def keyed(checks: Iterable[Check]) -> Iterator[tuple[InstanceKey, Check]]:
    """Every check with its key; ``nth`` counts earlier checks with the same fields."""
    seen: Counter[tuple[object, ...]] = Counter()
    for c in checks:
        base = (c.rule.value, c.org, c.school, c.teacher, c.year, c.subject)
        yield (*base, seen[base]), c  # type: ignore[misc]
        seen[base] += 1


@dataclass(frozen=True)
class InstanceWords:
    """An instance said for people: where (org or school, year) and what is counted."""

    rule: str
    where: str
    what: str
    bound: str


def bound_words(check: Check, lang: Lang) -> str:
    """``需要至少 6`` / ``at least 6``."""
    if check.need is None:
        return ""
    if lang == "zh":
        return f"{'需要至少' if check.sense == AT_LEAST else '至多'} {check.need}"
    return f"{'needs at least' if check.sense == AT_LEAST else 'at most'} {check.need}"


def where_words(check: Check, scenario: Scenario, lang: Lang) -> str:
    """The organization (or school) and the year: ``墟沟小学教育集团 2024``."""
    place = org_name(scenario, check.org) if check.org else school_name(scenario, check.school)
    period = say("cycle", lang) if check.year is None else str(check.year)
    return f"{place} {period}".strip()


def what_words(check: Check, scenario: Scenario, lang: Lang, nth: int = 0) -> str:
    """What the instance counts, with names (see the module note on ``nth``)."""
    zh = lang == "zh"
    rule = check.rule.value
    org = scenario.org_by_id.get(check.org or "")
    school = school_name(scenario, check.school)
    lead = school_name(scenario, org.lead_school_id) if org else ""
    if rule == "H4":
        return (
            f"{lead}骨干教师在成员学校交流"
            if zh
            else f"backbone teachers of {lead} serving at members"
        )
    if rule == "H5" and org is not None:
        mode = org.policy.reciprocity
        if mode is Reciprocity.PER_MEMBER:
            return (
                f"{school}与{lead}互派人数之差"
                if zh
                else f"difference between {school}→{lead} and {lead}→{school}"
            )
        if mode is Reciprocity.AGGREGATE:
            return (
                "成员学校与牵头学校互派人数之差" if zh else "difference members→lead, lead→members"
            )
        return f"{school}接收与派出人数之差" if zh else f"difference in and out of {school}"
    if rule == "H6" and org is not None:
        if org.type is OrgType.COMMUNITY:
            return f"{school}在共同体内派出人数" if zh else f"teachers {school} sends"
        return f"{lead}派往{school}人数" if zh else f"teachers {lead} sends to {school}"
    if rule == "H7" and org is not None:
        a, b = (lead, school) if nth == 0 else (school, lead)
        return f"{a}派往{b}的干部" if zh else f"cadres from {a} serving at {b}"
    if rule == "H8":
        subject = check.subject or ""
        return f"{school}{subject}在岗教师" if zh else f"{subject} teachers present at {school}"
    if rule == "H9":
        has_capacity = scenario.school_by_id.get(check.school or "")
        incoming_first = has_capacity is not None and has_capacity.capacity_in is not None
        if incoming_first and nth == 0:
            return f"{school}接收交流教师" if zh else f"teachers received at {school}"
        return f"{school}外派干部" if zh else f"cadres away from {school}"
    if rule == "H10":
        if nth == 0:
            return f"{school}交流教师" if zh else f"teachers away from {school}"
        return f"{school}交流骨干教师" if zh else f"backbone teachers away from {school}"
    return check.sentence


def instance_words(check: Check, scenario: Scenario, lang: Lang, nth: int = 0) -> InstanceWords:
    return InstanceWords(
        rule_label(check.rule.value, lang),
        where_words(check, scenario, lang),
        what_words(check, scenario, lang, nth),
        bound_words(check, lang),
    )


def instance_line(
    check: Check,
    scenario: Scenario,
    lang: Lang,
    nth: int = 0,
    without: Check | None = None,
    pronoun: str = "",
) -> str:
    """The whole sentence, with the count ``without`` this teacher when given.

    ``H4 骨干派出比例 墟沟小学教育集团 2024：墟沟小学骨干教师在成员学校交流，需要至少 6，
    安排 6；没有她则 5（不满足）``
    """
    w = instance_words(check, scenario, lang, nth)
    zh = lang == "zh"
    sep, comma = ("：", "，") if zh else (": ", ", ")
    # a quota is filled by the placements ("安排 6"); a balance, a head count or a cap is a state
    word = (
        ("安排 " if zh else "placed ")
        if check.rule.value in PLACED
        else ("实际 " if zh else "actual ")
    )
    placed = word + ("" if check.actual is None else str(check.actual))
    text = f"{w.rule} {w.where}{sep}{w.what}{comma}{w.bound}{comma}{placed}"
    if without is not None and without.actual is not None:
        who = pronoun or ("该教师" if zh else "this teacher")
        need_changed = without.need != check.need
        need = ""
        if need_changed and without.need is not None:
            need = f"（要求变为 {without.need}）" if zh else f" (need becomes {without.need})"
        verdict = ""
        if not without.ok:
            verdict = "（不满足）" if zh else " (broken)"
        if zh:
            text += f"；没有{who}则 {without.actual}{need}{verdict}"
        else:
            text += f"; without {who} {without.actual}{need}{verdict}"
    return text
