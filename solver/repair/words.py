"""A repair in one line for people: what to change, from what to what, and at what price."""

from __future__ import annotations

from solver.glossary import Lang, org_name, repair_phrase, school_name, teacher_name
from solver.repair.search import Repair
from solver.scenario import Scenario


def target_text(repair: Repair, scenario: Scenario) -> str:
    """The organization, school or teacher a scoped change applies to, by name."""
    knob = repair.knob
    if knob.scope == "org":
        return org_name(scenario, knob.target)
    if knob.scope == "school":
        return school_name(scenario, knob.target) + (f" {knob.subject}" if knob.subject else "")
    if knob.scope == "teacher":
        return f"{knob.target} {teacher_name(scenario, knob.target)}"
    return ""


def repair_line(repair: Repair, scenario: Scenario, lang: Lang) -> str:
    """E.g. ``全局 policy.max_term_years 1 → 2（已证明最小），方案成本 1596（最优）``."""
    knob = repair.knob
    scope = repair_phrase(f"scope_{knob.scope}", lang)
    target = target_text(repair, scenario)
    if knob.kind == "locked":
        change = repair_phrase("locked_off", lang, before=knob.before)
    elif knob.kind == "exempt":
        change = repair_phrase("exempt_off", lang)
    else:
        change = f"{knob.setting} {knob.before} → {repair.after}"
    minimal = repair_phrase("minimal_yes" if repair.minimal else "minimal_no", lang)
    cost = repair_phrase("cost", lang, cost=repair.cost)
    if repair.status == "optimal":
        cost += repair_phrase("optimal", lang)
    elif repair.gap is not None:
        cost += repair_phrase("gap", lang, gap=f"{repair.gap:.2%}")
    sep = "，" if lang == "zh" else ", "
    head = f"{scope} {target} " if target else f"{scope} "
    return (
        f"{head}{change}（{minimal}）{sep}{cost}"
        if lang == "zh"
        else (f"{head}{change} ({minimal}){sep}{cost}")
    )
