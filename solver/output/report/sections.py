"""The report's sections as HTML fragments: one function per section, each from audited facts.

Quotas, reciprocity, coverage and national shares are the audit's own rule instances (need,
actual, slack) and ``PlanFacts`` flows; nothing re-derives policy arithmetic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from solver.audit.checks import Check
from solver.glossary import (
    REPORT,
    STATUSES,
    Lang,
    cost_name,
    org_type_word,
    rule_label,
    status_word,
)
from solver.glossary import report_word as word
from solver.output.report.data import PlanView, SweepView
from solver.output.report.map import school_map, year_buttons
from solver.output.report.svg import (
    PALETTE,
    NeedBar,
    balance_bars,
    column_chart,
    esc,
    line_chart,
    need_bars,
    stacked_bars,
)
from solver.rules import CostTerm, Rule
from solver.scenario import Organization, Reciprocity
from solver.whatif.differences import ORG_COLUMNS, SCHOOL_COLUMNS, by_org, by_school
from solver.whatif.freshness import freshness_warning
from solver.whatif.kpis import changed, places

HEADLINE_KPIS = (
    "cost",
    "teachers_moved",
    "teacher_years_away",
    "backbone_moved",
    "cadres_moved",
    "km_total",
    "violations",
)


def cell(value: object, key: str = "", cls: str = "") -> str:
    """A table cell; words align left, numbers right; ``key`` lets tests find the number."""
    data = f' data-key="{esc(key)}"' if key else ""
    if isinstance(value, str) and value and not value.lstrip("-").replace(".", "").isdigit():
        cls = f"{cls} t".strip()
    klass = f' class="{cls}"' if cls else ""
    return f"<td{klass}{data}>{esc('' if value is None else value)}</td>"


def table(header: Sequence[str], rows: Sequence[str], cls: str = "") -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    return (
        f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def status_text(status: str, lang: Lang) -> str:
    """A solve status in words; a status without a word (``partial``, hand-made) as it is."""
    return status_word(status, lang) if status in STATUSES else status


def section(anchor: str, heading: str, body: str, hint: str = "") -> str:
    note = f'<p class="hint">{esc(hint)}</p>' if hint else ""
    return f'<section id="{esc(anchor)}"><h2>{esc(heading)}</h2>{note}{body}</section>'


# --------------------------------------------------------------------------- one plan


def headline(view: PlanView, lang: Lang, prefix: str) -> str:
    """Status, cost and the main counts, as tiles (numbers carry ``data-key`` for tests)."""
    s = view.summary
    kpis = view.kpis
    report = view.plan.report
    held = view.recorded_figures_hold  # else the audit's figures of the files as they are
    tiles = [
        (word("status", lang), status_text(view.status, lang), "status"),
        (word("cost", lang), s.get("cost", "") if held else report.cost, "summary.cost"),
        (word("bound", lang), s.get("bound", "") if held else "", "summary.bound"),
    ]  # fmt: skip
    tiles += [(word(k, lang), kpis.get(k, ""), f"kpi.{k}") for k in HEADLINE_KPIS if k != "cost"]
    compliant = s.get("audit", {}).get("compliant") if held else report.compliant
    verdict = word("compliant" if compliant else "not_compliant", lang)
    items = "".join(
        f'<div class="tile"><div class="tile-label">{esc(label)}</div>'
        f'<div class="tile-value" data-key="{esc(prefix + key)}">{esc(value)}</div></div>'
        for label, value, key in tiles
    )
    kind = "verdict" if compliant else "verdict broken"
    return f'<div class="tiles">{items}</div><p class="{kind}">{esc(verdict)}</p>'


def map_section(view: PlanView, lang: Lang, anchor: str) -> str:
    scenario = view.plan.scenario
    body = year_buttons(scenario.years, lang) + (
        f'<div class="map-box">{school_map(scenario, view.plan.facts, lang, f"map-{anchor}")}</div>'
    )
    return section(f"map-{anchor}", word("map", lang), body, word("map_hint", lang))


def _org_bars(org: Organization, checks: list[Check], view: PlanView, lang: Lang) -> list[str]:
    """Need bars of H4, H6 and H7 for one organization, with candidates from ``needs``."""
    names = view.plan.scenario.school_by_id
    charts = []
    for rule in (Rule.H4, Rule.H6, Rule.H7):
        mine = [c for c in checks if c.rule is rule and c.need is not None]
        if not any(c.need or c.sense == "<=" for c in mine):
            continue  # no instance asks for anything (e.g. min_out_per_member = 0)
        bars = []
        seen: set[str | None] = set()
        for c in mine:
            who = names[c.school].name if c.school in names else (c.school or "")
            when = str(c.year) if c.year is not None else word("cycle", lang)
            label = f"{when} {who}" if rule is not Rule.H4 else when
            if rule is Rule.H7:  # per member the audit checks lead -> member, then back
                label = f"{word('from_lead' if c.school not in seen else 'to_lead', lang)} {who}"
                seen.add(c.school)
            bars.append(NeedBar(label, c.need or 0, c.actual or 0, c.sense or ">=", c.sentence))
        candidates = view.needs.get((rule.value, org.org_id), [])
        pool = ""
        if candidates:
            total = sum(n.candidates for n in candidates)
            pool = f'<div class="pool">{esc(word("candidates", lang))}: {total}</div>'
        charts.append(
            f'<div class="quota"><h4>{esc(rule_label(rule.value, lang))}</h4>{pool}'
            + need_bars(bars, f"quota-{org.org_id}-{rule.value}", rule.value)
            + "</div>"
        )
    return charts


def _balance(org: Organization, view: PlanView, lang: Lang) -> str:
    """Reciprocity as the audit's facts count it (flows lead↔member, or in/out per school)."""
    facts, names = view.plan.facts, view.plan.scenario.school_by_id
    mode, o, lead = org.policy.reciprocity, org.org_id, org.lead_school_id
    pairs = []
    for y in view.plan.scenario.years:
        if mode is Reciprocity.PER_MEMBER:
            for m in org.members:
                forth, back = facts.flow[o, lead, m, y], facts.flow[o, m, lead, y]
                pairs.append((f"{y} {names[m].name}", forth, back,
                              f"{y}: {names[lead].name} → {names[m].name} {forth}, "
                              f"{names[m].name} → {names[lead].name} {back}"))  # fmt: skip
        elif mode is Reciprocity.AGGREGATE:
            forth = sum(facts.flow[o, lead, m, y] for m in org.members)
            back = sum(facts.flow[o, m, lead, y] for m in org.members)
            pairs.append((str(y), forth, back, f"{y}: lead → members {forth}, back {back}"))
        elif mode is Reciprocity.PER_SCHOOL:
            for s in org.schools:
                out, came = facts.out_org[o, s, y], facts.in_org[o, s, y]
                pairs.append((f"{y} {names[s].name}", out, came,
                              f"{y}: {names[s].name} {word('out', lang)} {out}, "
                              f"{word('in', lang)} {came}"))  # fmt: skip
    if not pairs:
        return ""
    return (
        f'<div class="quota"><h4>{esc(rule_label("H5", lang))}</h4>'
        + balance_bars(pairs, f"balance-{org.org_id}", "H5")
        + "</div>"
    )


def quota_section(view: PlanView, lang: Lang, anchor: str) -> str:
    scenario = view.plan.scenario
    by_org: dict[str, list[Check]] = defaultdict(list)
    for c in view.plan.report.checks:
        if c.org and c.rule in (Rule.H4, Rule.H6, Rule.H7):
            by_org[c.org].append(c)
    cards = []
    for org in scenario.organizations:
        charts = _org_bars(org, by_org[org.org_id], view, lang)
        charts.append(_balance(org, view, lang))
        lead = scenario.school_by_id[org.lead_school_id].name
        cards.append(
            f'<div class="card org" data-org="{esc(org.org_id)}"><h3>{esc(org.name)}</h3>'
            f'<div class="sub">{esc(org_type_word(org.type.value, lang))} · '
            f"{esc(word('lead', lang))} {esc(lead)} · {len(org.members)} "
            f"{esc(word('members', lang))}</div>{''.join(charts)}</div>"
        )
    cards_html = f'<div class="cards">{"".join(cards)}</div>'
    return section(f"quotas-{anchor}", word("quotas", lang), cards_html, word("quotas_hint", lang))


def national_section(view: PlanView, lang: Lang, anchor: str) -> str:
    """Quality schools: H10's two shares each year, need against what the plan sends."""
    scenario = view.plan.scenario
    by_school: dict[str, list[Check]] = defaultdict(list)
    for c in view.plan.report.checks:
        if c.rule is Rule.H10 and c.school and c.need is not None:
            by_school[c.school].append(c)
    cards = []
    for school in scenario.schools:
        checks = by_school.get(school.school_id)
        if not checks:
            continue
        bars = []
        for i, c in enumerate(checks):  # per year: teachers away, then backbone away (H10)
            what = word("away" if i % 2 == 0 else "backbone_away", lang)
            bars.append(NeedBar(f"{c.year} {what}", c.need or 0, c.actual or 0,
                                c.sense or ">=", c.sentence))  # fmt: skip
        cards.append(
            f'<div class="card"><h3>{esc(school.name)}</h3>'
            + need_bars(bars, f"national-{anchor}-{school.school_id}", "H10")
            + "</div>"
        )
    if not cards:
        return ""
    body = f'<div class="cards">{"".join(cards)}</div>'
    return section(f"national-{anchor}", word("national_title", lang), body,
                   word("national_hint", lang))  # fmt: skip


def school_section(view: PlanView, lang: Lang, anchor: str) -> str:
    """Per school: staff, out and in each year, tightest coverage, national shares."""
    scenario, facts = view.plan.scenario, view.plan.facts
    years = list(scenario.years)
    coverage: dict[str, list[Check]] = defaultdict(list)
    national: dict[tuple[str, int], list[Check]] = defaultdict(list)
    for c in view.plan.report.checks:
        if c.rule is Rule.H8 and c.school:
            coverage[c.school].append(c)
        elif c.rule is Rule.H10 and c.school and c.year is not None:
            national[c.school, c.year].append(c)
    rows = []
    for s in scenario.schools:
        sid = s.school_id
        cells = [cell(s.name), cell(len(scenario.teachers_by_school[sid]))]
        for y in years:
            cells.append(cell(facts.away[sid, y], f"out.{sid}.{y}"))
            cells.append(cell(facts.incoming[sid, y], f"in.{sid}.{y}"))
        checks = coverage[sid]
        tight = min((c.slack for c in checks if c.slack is not None), default=None)
        at_zero = sorted({c.subject or "" for c in checks if c.slack == 0})
        cls = "" if tight is None else ("bad" if tight < 0 else "tight" if tight == 0 else "ok")
        cells.append(cell("" if tight is None else tight, f"coverage.{sid}", cls))
        cells.append(cell("、".join(at_zero) if lang == "zh" else ", ".join(at_zero)))
        shares = []
        for y in years:
            pair = national.get((sid, y), [])
            shares.append(" ".join(f"{c.actual}/{c.need}" for c in pair))
        cells.append(cell(" · ".join(shares) if s.quality else ""))
        rows.append(f'<tr data-school="{esc(sid)}">{"".join(cells)}</tr>')
    header = [word("school", lang), word("staff", lang)]
    for y in years:
        header += [f"{y} {word('out', lang)}", f"{y} {word('in', lang)}"]
    header += [word("coverage_slack", lang), word("at_minimum", lang), word("national", lang)]
    body = f'<div class="scroll">{table(header, rows, "schools")}</div>'
    return section(f"schools-{anchor}", word("schools", lang), body, word("schools_hint", lang))


def coverage_section(view: PlanView, lang: Lang, anchor: str) -> str:
    """School × subject grid of the tightest year's present / min_staff (H8)."""
    worst: dict[tuple[str, str], Check] = {}
    for c in view.plan.report.checks:
        if c.rule is Rule.H8 and c.school and c.subject and c.slack is not None:
            key = (c.school, c.subject)
            if key not in worst or c.slack < (worst[key].slack or 0):
                worst[key] = c
    subjects = sorted({s for _, s in worst})
    if not subjects:
        return ""
    rows = []
    for school in view.plan.scenario.schools:
        cells = [cell(school.name)]
        for subject in subjects:
            found = worst.get((school.school_id, subject))
            if found is None:
                cells.append(cell(""))
                continue
            slack = found.slack or 0
            cls = "bad" if slack < 0 else "tight" if slack == 0 else "ok"
            data_key = esc(f"cov.{school.school_id}.{subject}")
            cells.append(
                f'<td class="{cls}" data-key="{data_key}" title="{esc(found.sentence)}">'
                f"{found.actual}/{found.need}</td>"
            )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    body = f'<div class="scroll">{table([word("school", lang), *subjects], rows, "grid")}</div>'
    return section(f"coverage-{anchor}", word("coverage", lang), body, word("coverage_hint", lang))


def cost_section(view: PlanView, lang: Lang, anchor: str) -> str:
    """Each term as summary.json has it, beside the audit's recomputation."""
    held = view.recorded_figures_hold  # the solver's terms describe another plan or files
    solver_terms = (view.summary.get("terms", {}) or {}) if held else {}
    audit_terms = view.plan.report.cost_terms if view.plan.has_plan else {}
    values, rows = [], []
    for term in CostTerm:
        value = solver_terms.get(term.value, audit_terms.get(term.value, 0))
        values.append((cost_name(term.value, lang), int(value), f"{term.value}: {value}"))
        rows.append(
            f"<tr>{cell(cost_name(term.value, lang))}{cell(term.value)}"
            f"{cell(value if held else '', f'terms.{term.value}')}"
            f"{cell(audit_terms.get(term.value, ''), f'audit.{term.value}')}</tr>"
        )
    rows.append(
        f"<tr class='total'>{cell(word('total', lang))}{cell('')}"
        f"{cell(view.summary.get('cost', '') if held else '', 'terms.total')}"
        f"{cell(view.plan.report.cost if view.plan.has_plan else '', 'audit.total')}</tr>"
    )
    chart = column_chart(values, f"cost-{anchor}", "cost")
    header = [word("term", lang), "id", word("solver_value", lang), word("audit_value", lang)]
    return section(f"cost-{anchor}", word("cost_terms", lang),
                   f'<div class="row">{chart}{table(header, rows, "cost")}</div>',
                   word("cost_hint", lang))  # fmt: skip


def plan_sections(view: PlanView, lang: Lang, anchor: str) -> str:
    """Everything about one plan, under a warning when its files changed since it was solved."""
    stale = view.freshness.stale
    warning = (
        f'<p class="stale" role="alert">{esc(freshness_warning(view.label, view.freshness, lang))}'
        "</p>"
        if stale
        else ""
    )
    if not view.plan.has_plan:
        why = f"{esc(word('no_plan', lang))}: {esc(view.plan.explanation)}"
        return f'{warning}<p class="no-plan">{why}</p>'
    return warning + "".join(
        [
            headline(view, lang, f"{anchor}."),
            map_section(view, lang, anchor),
            quota_section(view, lang, anchor),
            school_section(view, lang, anchor),
            national_section(view, lang, anchor),
            coverage_section(view, lang, anchor),
            cost_section(view, lang, anchor),
        ]
    )


# --------------------------------------------------------------------------- several plans


def kpi_section(views: Sequence[PlanView], lang: Lang) -> str:
    """The KPI table of ``compare``: one column per plan; a plan without one is blank."""
    columns = [dict(v.kpis) for v in views]
    first = views[0].plan
    if first.has_plan:  # teacher-years placed elsewhere than in the first plan, as compare
        where = places(first.scenario, first.report.kept)
        for v, k in zip(views, columns, strict=True):
            if v.plan.has_plan:
                k["changed_vs_first"] = len(
                    changed(where, places(v.plan.scenario, v.plan.report.kept))
                )
    names: list[str] = []
    for k in columns:
        names += [n for n in k if n not in names]
    rows = []
    for name in names:
        cells = [cell(kpi_word(name, lang)), cell(name)]
        for v, k in zip(views, columns, strict=True):
            value = k.get(name, "") if v.plan.has_plan or name == "status" else ""
            if name == "status":
                value = status_text(str(value), lang)
            cells.append(cell(value, f"kpi.{v.label}.{name}"))
        rows.append(f"<tr>{''.join(cells)}</tr>")
    notes = "".join(
        f'<p class="no-plan">{esc(v.label)}: {esc(v.plan.explanation)}</p>'
        for v in views
        if not v.plan.has_plan
    )
    header = [word("kpi", lang), "id", *(v.label for v in views)]
    return section("kpis", word("kpis", lang), table(header, rows, "kpis") + notes)


def kpi_word(name: str, lang: Lang) -> str:
    if name.startswith("cost."):
        return cost_name(name.split(".", 1)[1], lang)
    if name.startswith("slack."):
        return f"{word('slack', lang)} {rule_label(name.split('.', 1)[1], lang)}"
    if name.startswith("spread."):
        return f"{cost_name('spread', lang)} {name.split('.', 1)[1]}"
    return word(name, lang) if name in REPORT else name


MOST_BARS = 40
VERDICT_CLASS = {"same": "ok", "reshuffle": "tight", "changed": "bad", "": ""}


def _difference_rows(rows: list[dict[str, object]], columns: Sequence[str], lang: Lang) -> str:
    shown = [c for c in columns if c not in ("explanation",)]
    body = []
    for r in rows:
        verdict = str(r.get("verdict", ""))
        cells = []
        for c in shown:
            value = r.get(c, "")
            if c == "verdict" and value:
                value = word(f"verdict_{value}", lang)
            if c == "type" and value:
                value = org_type_word(str(value), lang)
            cells.append(cell(value, cls=VERDICT_CLASS.get(verdict, "") if c == "verdict" else ""))
        body.append(f'<tr data-verdict="{esc(verdict)}">{"".join(cells)}</tr>')
    notes = dict.fromkeys(str(r["explanation"]) for r in rows if r.get("explanation"))
    header = [word(f"col_{c}", lang) for c in shown]
    extra = "".join(f'<p class="no-plan">{esc(n)}</p>' for n in notes)
    return f'<div class="scroll">{table(header, body, "diff")}</div>{extra}'


def difference_chart(rows: list[dict[str, object]], key: str, lang: Lang, name: str) -> str:
    """Per school or org that changed: swapped (light), added (red) and removed (orange) moves,
    with the teachers out/in (schools) or teacher-years (orgs) before → after."""
    parts = (("swapped", PALETTE["slack"]), ("added", PALETTE["short"]),
             ("removed", PALETTE["pairing"]))  # fmt: skip
    bars = []
    for r in rows:
        if r.get("verdict") in ("", "same"):
            continue
        values = [(int(str(r[p])), colour, p) for p, colour in parts]
        if "out" in r:
            note = (f"{word('out', lang)} {r['out_first']}→{r['out']} · {word('in', lang)} "
                    f"{r['in_first']}→{r['in']}")  # fmt: skip
        else:
            note = f"{word('col_moves', lang)} {r['moves_first']}→{r['moves']}"
        label = f"{r['input']} · {r[key]}"
        tip = f"{label}: " + ", ".join(f"{word(f'col_{p}', lang)} {v}" for v, _, p in values)
        bars.append((label, values, note, tip))
    if not bars:
        return ""
    legend = [(colour, word(f"col_{p}", lang)) for p, colour in parts]
    shown = sorted(bars, key=lambda b: -sum(v for v, _, p in b[1] if p != "swapped"))
    note = ""
    if len(shown) > MOST_BARS:  # the city: the table below lists every one
        note = f'<p class="hint">{esc(word("top_changes", lang).format(n=MOST_BARS))}</p>'
    return note + stacked_bars(shown[:MOST_BARS], legend, name, "differences")


def difference_sections(views: Sequence[PlanView], lang: Lang) -> str:
    plans = [v.plan for v in views]
    schools, orgs = by_school(plans), by_org(plans)
    legend = word("difference_hint", lang)
    return section(
        "by-school",
        word("by_school", lang),
        difference_chart(schools, "school", lang, "diff-schools")
        + _difference_rows(schools, SCHOOL_COLUMNS, lang),
        legend,
    ) + section(
        "by-org",
        word("by_org", lang),
        difference_chart(orgs, "organization", lang, "diff-orgs")
        + _difference_rows(orgs, ORG_COLUMNS, lang),
        legend,
    )


# --------------------------------------------------------------------------- sweeps


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def sweep_section(sweep: SweepView, lang: Lang, index: int) -> str:
    """Cost and teachers moved against the swept values; points without a plan marked."""
    xs = [", ".join(r.get(k, "") for k in sweep.keys) or r.get("point", "") for r in sweep.rows]
    cost = [_number(r.get("cost")) for r in sweep.rows]
    moved = [_number(r.get("teachers_moved")) for r in sweep.rows]
    marks = [
        (i, f"{xs[i]}: {r.get('status', '')}: {r.get('explanation', '')}")
        for i, r in enumerate(sweep.rows)
        if _number(r.get("cost")) is None
    ]
    chart = line_chart(xs, [(word("cost", lang), PALETTE["group"], cost)], marks,
                       f"sweep-{index}", "sweep cost") + line_chart(
        xs, [(word("teachers_moved", lang), PALETTE["pairing"], moved)], marks,
        f"sweep-{index}-moved", "sweep teachers moved")  # fmt: skip
    rows = []
    for i, r in enumerate(sweep.rows):
        status = r.get("status", "")
        shown = status_text(status, lang)
        rows.append(
            f'<tr class="{"no-plan" if cost[i] is None else ""}">'
            + cell(r.get("point", ""))
            + "".join(cell(r.get(k, "")) for k in sweep.keys)
            + cell(shown)
            + cell(r.get("cost", ""), f"sweep.{index}.{r.get('point', '')}.cost")
            + cell(r.get("teachers_moved", ""), f"sweep.{index}.{r.get('point', '')}.moved")
            + cell(r.get("explanation", ""), cls="wrap")
            + "</tr>"
        )
    header = [word("point", lang), *sweep.keys, word("status", lang), word("cost", lang),
              word("teachers_moved", lang), word("explanation", lang)]  # fmt: skip
    heading = f"{word('sweep', lang)}: {sweep.label} ({', '.join(sweep.keys)})"
    return section(f"sweep-{index}", heading, f'<div class="row">{chart}</div>'
                   + table(header, rows, "sweep"),
                   word("sweep_hint", lang))  # fmt: skip
