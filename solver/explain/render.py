"""A teacher's explanation in words: text for the screen, a row of explain.csv, reason lines.

Every number is the audit's (``solver.explain.teacher``) or the re-solve's
(``solver.explain.alternative``); every word is the glossary's.
"""

from __future__ import annotations

from solver.explain.alternative import Alternative
from solver.explain.run import Explanation
from solver.explain.teacher import Placement
from solver.explain.words import instance_line
from solver.glossary import (
    Lang,
    backbone_word,
    cost_name,
    org_name,
    role_word,
    rule_label,
    say,
    school_name,
    status_word,
    teacher_label,
)
from solver.scenario import Gender, Scenario

EXPLAIN_COLUMNS = (
    "teacher_id",
    "teacher_name",
    "home_school_name",
    "host_school_name",
    "org_name",
    "years",
    "reasons",
    "cost",
    "alternative_cost",
    "alternative_status",
    "difference",
    "replacements",
)


def pronoun(placement: Placement, lang: Lang) -> str:
    g = placement.teacher.gender
    if lang == "zh":
        return {Gender.FEMALE: "她", Gender.MALE: "他"}.get(g, "该教师")  # type: ignore[arg-type]
    return {Gender.FEMALE: "her", Gender.MALE: "him"}.get(g, "this teacher")  # type: ignore[arg-type]


def years_text(years: list[int] | tuple[int, ...]) -> str:
    if not years:
        return ""
    if len(years) == 1:
        return str(years[0])
    if list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return "、".join(str(y) for y in years)


def placement_line(scenario: Scenario, p: Placement, lang: Lang) -> str:
    """``2024 甲小学 → 乙小学（甲小学教育集团）`` or ``留在本校``."""
    if not p.moves:
        return say("stays_home", lang)
    runs: dict[tuple[str, str], list[int]] = {}
    for r in p.rows:
        runs.setdefault((r.host_school_id, r.org_id), []).append(r.year)
    home = school_name(scenario, p.teacher.school_id)
    parts = []
    for (host, org), years in runs.items():
        where = f"{home} → {school_name(scenario, host)}"
        parts.append(
            f"{years_text(years)} {where}（{org_name(scenario, org)}）"
            if lang == "zh"
            else f"{years_text(years)} {where} ({org_name(scenario, org)})"
        )
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def reason_lines(scenario: Scenario, p: Placement, lang: Lang) -> list[str]:
    """The rule instances the placement serves, with and without the teacher, then H2 and H3."""
    who = pronoun(p, lang)
    lines = [
        instance_line(s.check, scenario, lang, s.nth, s.without, who)
        for s in sorted(p.served, key=lambda s: (rule_order(s.key[0]), s.key[4] or 0))
    ]
    if p.moves:
        zh = lang == "zh"
        h2 = all(c.ok for c in p.own if c.rule.value == "H2")
        h3 = all(c.ok for c in p.own if c.rule.value == "H3")
        why = scenario.ineligibility(p.teacher) or ""
        ok_word = ("符合" if h2 else f"不符合（{why}）") if zh else ("eligible" if h2 else why)
        lines.append(f"{rule_label('H2', lang)}{'：' if zh else ': '}{ok_word}")
        policy = scenario.policy
        span = years_text([r.year for r in p.rows])
        n = len(p.rows)
        if zh:
            term = f"{span} 共 {n} 年，每次 {policy.min_term_years}–{policy.max_term_years} 年"
            lines.append(f"{rule_label('H3', lang)}：{term}{'' if h3 else '（不满足）'}")
        else:
            term = (
                f"{span}, {n} year(s); each term {policy.min_term_years}-"
                f"{policy.max_term_years} year(s)"
            )
            lines.append(f"{rule_label('H3', lang)}: {term}{'' if h3 else ' (broken)'}")
    if scenario.is_due(p.teacher):
        lines.append(
            f"同校任教满 {scenario.policy.due_tenure_years} 年，属应交流教师"
            if lang == "zh"
            else f"due for rotation ({scenario.policy.due_tenure_years}+ years at one school)"
        )
    return lines


def rule_order(rule: str) -> int:
    return int(rule[1:]) if rule[1:].isdigit() else 99


def cost_lines(p: Placement, lang: Lang) -> list[str]:
    """Each non-zero cost term the placement adds, then the total."""
    lines = [f"{cost_name(term, lang)} {v:+d}" for term, v in p.cost_terms.items() if v]
    total = "合计" if lang == "zh" else "total"
    return [*lines, f"{total} {p.cost:+d}"]


def change_text(
    scenario: Scenario, change: tuple[str, int, str | None, str | None], lang: Lang
) -> str:
    """``王芳（T3）2024 甲小学 → 乙小学`` (a new place) or ``… 不再交流`` (a place given up)."""
    teacher_id, year, _before, after = change
    who = teacher_label(scenario, teacher_id, lang)
    t = scenario.teacher_by_id.get(teacher_id)
    home = school_name(scenario, t.school_id) if t else ""
    if after is None:
        return f"{who} {year} 不再交流" if lang == "zh" else f"{who} {year} no longer moves"
    place = f"{home} → {school_name(scenario, after)}"
    return f"{who} {year} {place}"


def takers(scenario: Scenario, alt: Alternative, lang: Lang, limit: int = 8) -> str:
    """Who takes the place (new places first), at most ``limit`` named."""
    changes = sorted(alt.changes, key=lambda c: (c[3] is None, c[1], c[0]))
    text = [change_text(scenario, c, lang) for c in changes[:limit]]
    if len(changes) > limit:
        more = len(changes) - limit
        text.append(f"等 {more} 项" if lang == "zh" else f"and {more} more")
    return "；".join(text) if lang == "zh" else "; ".join(text)


def alternative_lines(scenario: Scenario, p: Placement, alt: Alternative, lang: Lang) -> list[str]:
    """The price of the alternative, whether it is proven, and who takes the place."""
    zh = lang == "zh"
    who = pronoun(p, lang)
    if alt.kind == "none":
        if alt.reason == "served":
            return ["交流年度均已执行，不能再改变" if zh else "every year away is already served"]
        return [f"没有可行的替代安排：{alt.reason}" if zh else f"no alternative: {alt.reason}"]
    if alt.kind == "home":
        if tuple(alt.years) == tuple(scenario.years):
            head = (
                f"替代方案：{who}每年都留在本校"
                if zh
                else f"alternative: keep {who} home every year"
            )
        else:  # re-planning: the served years stay as they were
            span = years_text(alt.years)
            head = (
                f"替代方案：{who} {span} 留在本校（已执行的年度不变）"
                if zh
                else f"alternative: keep {who} home in {span} (served years unchanged)"
            )
    else:
        head = (
            f"替代方案：{who}交流一个期限（试了 {alt.tried} 种安排）"
            if zh
            else f"alternative: send {who} for one term ({alt.tried} placements tried)"
        )
        if alt.host is not None:
            head += (
                f"，最便宜的是 {years_text(alt.years)} 到 {school_name(scenario, alt.host)}"
                if zh
                else f"; the cheapest: {years_text(alt.years)} at {school_name(scenario, alt.host)}"
            )
    lines = [head]
    status = status_word(alt.status.value, lang) if alt.status else ""
    if alt.cost is None:
        lines.append(
            f"求解结果：{status}，没有这样的方案" if zh else f"result: {status}, no such plan"
        )
        return lines
    diff = alt.difference or 0
    if zh:
        line = (
            f"替代方案成本 {alt.cost}（本方案 {alt.plan_cost}），差额 {diff:+d}；求解状态：{status}"
        )
    else:
        line = (
            f"alternative cost {alt.cost} (this plan {alt.plan_cost}), difference {diff:+d}; "
            f"status: {status}"
        )
    if alt.proven:
        line += "，已证明" if zh else ", proven"
    else:
        low = None if alt.bound is None else alt.bound - alt.plan_cost
        gap = "" if alt.gap is None else f"{alt.gap:.1%}"
        if zh:
            line += (
                f"，差额未证明（下界 {low:+d}，差距 {gap}）" if low is not None else "，差额未证明"
            )
        else:
            line += (
                f", difference not proven (at least {low:+d}, gap {gap})"
                if low is not None
                else ", difference not proven"
            )
    lines.append(line)
    if alt.changes:
        label = "替代人选" if zh else "who takes the place"
        lines.append(f"{label}{'：' if zh else ': '}{takers(scenario, alt, lang)}")
    return lines


def explanation_text(scenario: Scenario, e: Explanation, lang: Lang) -> str:
    """The explanation of one teacher, for the screen."""
    p = e.placement
    t = p.teacher
    zh = lang == "zh"
    colon = "：" if zh else ": "
    about = " ".join(
        x
        for x in (
            school_name(scenario, t.school_id),
            t.subject,
            backbone_word(t.backbone, lang),
            role_word(t.role, lang),
        )
        if x
    )
    lines = [
        f"{say('explain_title', lang)}{colon}{teacher_label(scenario, t.teacher_id, lang)}",
        about,
        f"{'安排' if zh else 'placement'}{colon}{placement_line(scenario, p, lang)}",
        "",
        "本安排满足的规则" if zh else "Rule instances this placement serves",
    ]
    reasons = reason_lines(scenario, p, lang)
    lines += [f"  {r}" for r in reasons] or ["  -"]
    lines += ["", "成本（按项）" if zh else "Cost by term"]
    lines += [f"  {c}" for c in cost_lines(p, lang)]
    if e.alternative is not None:
        lines += ["", "替代方案" if zh else "The alternative"]
        lines += [f"  {a}" for a in alternative_lines(scenario, p, e.alternative, lang)]
    return "\n".join(lines) + "\n"


def explain_row(scenario: Scenario, e: Explanation, lang: Lang) -> list[object]:
    """One row of explain.csv, in ``EXPLAIN_COLUMNS`` order."""
    p, alt = e.placement, e.alternative
    t = p.teacher
    hosts = sorted({r.host_school_id for r in p.rows})
    orgs = sorted({r.org_id for r in p.rows})
    sep = "；" if lang == "zh" else "; "
    return [
        t.teacher_id,
        t.name,
        school_name(scenario, t.school_id),
        sep.join(school_name(scenario, h) for h in hosts),
        sep.join(org_name(scenario, o) for o in orgs),
        years_text([r.year for r in p.rows]),
        sep.join(reason_lines(scenario, p, lang)),
        p.cost,
        None if alt is None else alt.cost,
        "" if alt is None or alt.status is None else status_word(alt.status.value, lang),
        None if alt is None else alt.difference,
        "" if alt is None else takers(scenario, alt, lang),
    ]
