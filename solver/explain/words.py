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
from solver.glossary import (
    Lang,
    org_name,
    phrase,
    rule_label,
    say,
    school_name,
    teacher_label,
)
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
    """``需要至少 6`` / ``at most 0``."""
    if check.need is None:
        return ""
    return phrase("at_least" if check.sense == AT_LEAST else "at_most", lang, n=check.need)


def where_words(check: Check, scenario: Scenario, lang: Lang) -> str:
    """The organization (or school) and the year: ``墟沟小学教育集团 2024``."""
    place = org_name(scenario, check.org) if check.org else school_name(scenario, check.school)
    period = say("cycle", lang) if check.year is None else str(check.year)
    return f"{place} {period}".strip()


def what_words(check: Check, scenario: Scenario, lang: Lang, nth: int = 0) -> str:
    """What the instance counts, with names (see the module note on ``nth``)."""
    rule = check.rule.value
    org = scenario.org_by_id.get(check.org or "")
    school = school_name(scenario, check.school)
    lead = school_name(scenario, org.lead_school_id) if org else ""
    key = ""
    if rule == "H4":
        key = "h4"
    elif rule == "H5" and org is not None:
        key = {
            Reciprocity.PER_MEMBER: "h5_member",
            Reciprocity.AGGREGATE: "h5_aggregate",
        }.get(org.policy.reciprocity, "h5_school")
    elif rule == "H6" and org is not None:
        key = "h6_community" if org.type is OrgType.COMMUNITY else "h6_lead"
    elif rule == "H7" and org is not None:
        a, b = (lead, school) if nth == 0 else (school, lead)
        return phrase("h7", lang, a=a, b=b)
    elif rule == "H8":
        key = "h8"
    elif rule == "H9":
        known = scenario.school_by_id.get(check.school or "")
        incoming_first = known is not None and known.capacity_in is not None
        key = "h9_in" if incoming_first and nth == 0 else "h9_cadres"
    elif rule == "H10":
        key = "h10_away" if nth == 0 else "h10_backbone"
    elif rule == "H11":
        return phrase("h11", lang, teacher=teacher_label(scenario, check.teacher or "", lang),
                      school=school)  # fmt: skip
    if not key:
        return check.sentence
    return phrase(key, lang, lead=lead, school=school, subject=check.subject or "")


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
    if check.need is None:  # a yes/no instance (H11): holds or not
        text = phrase("instance_plain", lang, rule=w.rule, where=w.where, what=w.what)
        if without is not None and not without.ok and check.ok:
            text += phrase("without_broken", lang, who=pronoun or phrase("this_teacher", lang))
        return text
    # a quota is filled by the placements ("安排 6"); a balance, a head count or a cap is a state
    count = "" if check.actual is None else check.actual
    placed = phrase("placed" if check.rule.value in PLACED else "actual", lang, n=count)
    text = phrase(
        "instance", lang, rule=w.rule, where=w.where, what=w.what, bound=w.bound, placed=placed
    )
    if without is not None and without.actual is not None:
        who = pronoun or phrase("this_teacher", lang)
        text += phrase("without", lang, who=who, n=without.actual)
        if without.need != check.need and without.need is not None:
            text += phrase("need_becomes", lang, n=without.need)
        if not without.ok:
            text += phrase("broken", lang)
    return text
