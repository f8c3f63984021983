"""A teacher's explanation in words: text for the screen, a row of explain.csv, reason lines.

Every number is the audit's (``solver.explain.teacher``) or the re-solve's
(``solver.explain.alternative``); every word is the glossary's.
"""

from __future__ import annotations

from solver.explain.alternative import Alternative, Change
from solver.explain.run import Explanation
from solver.explain.teacher import Placement
from solver.explain.why import BACKBONE_RULES, Why, dependent
from solver.explain.words import instance_line
from solver.glossary import (
    Lang,
    backbone_word,
    cost_name,
    org_name,
    phrase,
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
    "why",
    "reasons",
    "cost",
    "alternative_cost",
    "alternative_status",
    "difference",
    "replacements",
)


def pronoun(placement: Placement, lang: Lang) -> str:
    """她 / 他 / 该教师 (her / him / this teacher)."""
    key = {Gender.FEMALE: "she", Gender.MALE: "he"}.get(placement.teacher.gender)  # type: ignore[arg-type]
    return phrase(key or "this_teacher", lang)


def years_text(years: list[int] | tuple[int, ...], lang: Lang = "zh") -> str:
    """``2024``, ``2024–2025``, or the years listed."""
    if not years:
        return ""
    if len(years) == 1:
        return str(years[0])
    if list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return phrase("name_sep", lang).join(str(y) for y in years)


def placement_line(scenario: Scenario, p: Placement, lang: Lang) -> str:
    """``2024 甲小学 → 乙小学（甲小学教育集团）`` or ``留在本校``."""
    if not p.moves:
        return say("stays_home", lang)
    runs: dict[tuple[str, str], list[int]] = {}
    for r in p.rows:
        runs.setdefault((r.host_school_id, r.org_id), []).append(r.year)
    home = school_name(scenario, p.teacher.school_id)
    return phrase("list_sep", lang).join(
        phrase(
            "run",
            lang,
            years=years_text(years, lang),
            home=home,
            host=school_name(scenario, host),
            org=org_name(scenario, org),
        )
        for (host, org), years in runs.items()
    )


def why_lines(scenario: Scenario, p: Placement, why: Why | None, alt: Alternative | None,
              lang: Lang, who: str | None = None) -> list[str]:  # fmt: skip
    """Why me, in plain words: what set the teacher apart from the colleagues who could have
    gone instead, then who would take the place (from the alternative, when it was solved).
    ``who`` names the teacher in the sentences (她, or 您 in a letter)."""
    if why is None:
        return []
    t = p.teacher
    hosts = list(dict.fromkeys(r.host_school_id for r in p.rows))
    host_names = phrase("name_sep", lang).join(school_name(scenario, h) for h in hosts)
    n = len(why.colleagues)
    rules = phrase("name_sep", lang).join(
        dict.fromkeys(
            rule_label(s.key[0], lang) for s in dependent(p) if s.key[0] in BACKBONE_RULES
        )
    )
    words = {
        "due": lambda: phrase(
            "why_due", lang, years=scenario.tenure(t), n=scenario.policy.due_tenure_years
        ),
        "backbone": lambda: phrase("why_backbone", lang, rules=rules),
        "subject": lambda: phrase("why_subject", lang, host=host_names, subject=t.subject),
        "preference": lambda: phrase("why_preference", lang, host=host_names),
    }
    lines = []
    for d in why.differences:
        line = words[d.key]()
        if n:
            key = {0: "why_lacking_none", n: "why_lacking_all"}.get(d.lacking, "why_lacking")
            line += phrase(key, lang, n=n, k=d.lacking)
        lines.append(line)
    if not why.differences:
        lines.append(phrase("why_equal", lang, n=n) if n else phrase("why_alone", lang))
    if alt is not None and alt.kind == "home" and alt.difference is not None:
        who = who or pronoun(p, lang)
        diff = f"{alt.difference:+d}"
        if why.taker is not None:
            name = teacher_label(scenario, why.taker, lang)
            lines.append(phrase("why_taker", lang, who=who, name=name, diff=diff))
        else:
            lines.append(phrase("why_no_taker", lang, who=who, diff=diff))
    return lines


def reason_lines(scenario: Scenario, p: Placement, lang: Lang) -> list[str]:
    """The rule instances that depend on the teacher (met with them, broken without), then H2
    and H3 of their own rows. Instances whose numbers merely change are left out."""
    who = pronoun(p, lang)
    lines = [
        instance_line(s.check, scenario, lang, s.nth, s.without, who)
        for s in sorted(dependent(p), key=lambda s: (rule_order(s.key[0]), s.key[4] or 0))
    ]
    if p.moves:
        h2 = all(c.ok for c in p.own if c.rule.value == "H2")
        h3 = all(c.ok for c in p.own if c.rule.value == "H3")
        why = scenario.ineligibility(p.teacher) or ""
        lines.append(phrase("eligible" if h2 else "ineligible", lang, rule=rule_label("H2", lang),
                            why=why))  # fmt: skip
        policy = scenario.policy
        term = phrase(
            "term",
            lang,
            rule=rule_label("H3", lang),
            span=years_text([r.year for r in p.rows], lang),
            n=len(p.rows),
            low=policy.min_term_years,
            high=policy.max_term_years,
        )
        lines.append(term if h3 else term + phrase("broken", lang))
    return lines


def rule_order(rule: str) -> int:
    return int(rule[1:]) if rule[1:].isdigit() else 99


def cost_lines(p: Placement, lang: Lang) -> list[str]:
    """Each non-zero cost term the placement adds, then the total."""
    lines = [f"{cost_name(term, lang)} {v:+d}" for term, v in p.cost_terms.items() if v]
    return [*lines, phrase("total", lang, n=f"{p.cost:+d}")]


def change_text(scenario: Scenario, change: Change, lang: Lang) -> str:
    """``王芳（T3） 2024 甲小学 → 乙小学`` (a new place) or ``… 不再交流`` (a place given up)."""
    teacher_id, year, _before, after = change
    who = teacher_label(scenario, teacher_id, lang)
    if after is None:
        return phrase("no_longer_moves", lang, who=who, year=year)
    t = scenario.teacher_by_id.get(teacher_id)
    home = school_name(scenario, t.school_id) if t else ""
    host = school_name(scenario, after)
    return phrase("moves_to", lang, who=who, year=year, home=home, host=host)


def takers(scenario: Scenario, alt: Alternative, lang: Lang, limit: int = 8) -> str:
    """Who takes the place (new places first), at most ``limit`` named."""
    changes = sorted(alt.changes, key=lambda c: (c[3] is None, c[1], c[0]))
    text = [change_text(scenario, c, lang) for c in changes[:limit]]
    if len(changes) > limit:
        text.append(phrase("and_more", lang, n=len(changes) - limit))
    return phrase("list_sep", lang).join(text)


def alternative_lines(scenario: Scenario, p: Placement, alt: Alternative, lang: Lang) -> list[str]:
    """The price of the alternative, whether it is proven, and who takes the place."""
    who = pronoun(p, lang)
    if alt.kind == "none":
        if alt.reason == "served":
            return [phrase("all_served", lang)]
        return [phrase("no_alternative", lang, why=alt.reason)]
    if alt.kind == "home":
        if tuple(alt.years) == tuple(scenario.years):
            head = phrase("alt_home_all", lang, who=who)
        else:  # re-planning: the served years stay as they were
            head = phrase("alt_home_open", lang, who=who, span=years_text(alt.years, lang))
    else:
        head = phrase("alt_away", lang, who=who, n=alt.tried)
        if alt.host is not None:
            head += phrase("alt_cheapest", lang, years=years_text(alt.years, lang),
                           host=school_name(scenario, alt.host))  # fmt: skip
    lines = [head]
    status = status_word(alt.status.value, lang) if alt.status else ""
    if alt.cost is None:
        return [*lines, phrase("alt_no_plan", lang, status=status)]
    diff = f"{alt.difference or 0:+d}"
    line = phrase("alt_cost", lang, cost=alt.cost, plan=alt.plan_cost, diff=diff, status=status)
    if alt.proven:
        line += phrase("proven_suffix", lang)
    elif alt.bound is not None:
        gap = "" if alt.gap is None else f"{alt.gap:.1%}"
        line += phrase("unproven_bound", lang, low=f"{alt.bound - alt.plan_cost:+d}", gap=gap)
    else:
        line += phrase("unproven_suffix", lang)
    lines.append(line)
    if alt.changes:
        lines.append(phrase("takers", lang, names=takers(scenario, alt, lang)))
    return lines


def explanation_text(scenario: Scenario, e: Explanation, lang: Lang) -> str:
    """The explanation of one teacher, for the screen."""
    p = e.placement
    t = p.teacher
    facts = (
        school_name(scenario, t.school_id),
        t.subject,
        backbone_word(t.backbone, lang),
        role_word(t.role, lang),
    )
    lines = [
        phrase("explain_heading", lang, who=teacher_label(scenario, t.teacher_id, lang)),
        " ".join(x for x in facts if x),
        phrase("placement", lang, what=placement_line(scenario, p, lang)),
    ]
    who = pronoun(p, lang)
    reasons = why_lines(scenario, p, e.why, e.alternative, lang)
    if reasons:
        lines += ["", phrase("why_heading", lang, who=who)]
        lines += [f"  {r}" for r in reasons]
    lines += ["", phrase("depends_heading", lang, who=who)]
    lines += [f"  {r}" for r in reason_lines(scenario, p, lang)] or [
        "  " + phrase("depends_none", lang, who=who)
    ]
    lines += ["", phrase("cost_heading", lang)]
    lines += [f"  {c}" for c in cost_lines(p, lang)]
    if e.alternative is not None:
        lines += ["", phrase("alternative_heading", lang)]
        lines += [f"  {a}" for a in alternative_lines(scenario, p, e.alternative, lang)]
    return "\n".join(lines) + "\n"


def explain_row(scenario: Scenario, e: Explanation, lang: Lang) -> list[object]:
    """One row of explain.csv, in ``EXPLAIN_COLUMNS`` order."""
    p, alt = e.placement, e.alternative
    t = p.teacher
    hosts = sorted({r.host_school_id for r in p.rows})
    orgs = sorted({r.org_id for r in p.rows})
    sep = phrase("list_sep", lang)
    return [
        t.teacher_id,
        t.name,
        school_name(scenario, t.school_id),
        sep.join(school_name(scenario, h) for h in hosts),
        sep.join(org_name(scenario, o) for o in orgs),
        years_text([r.year for r in p.rows], lang),
        sep.join(why_lines(scenario, p, e.why, alt, lang)),
        sep.join(reason_lines(scenario, p, lang)),
        p.cost,
        None if alt is None else alt.cost,
        "" if alt is None or alt.status is None else status_word(alt.status.value, lang),
        None if alt is None else alt.difference,
        "" if alt is None else takers(scenario, alt, lang),
    ]
