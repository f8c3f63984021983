"""Each quota's requirement against what a plan places, per organization and year, in words.

The numbers are the audit's (``need`` and ``actual`` of H4-H7 and H10 instances); the eligible
candidates of the sending school come from ``solver.needs``. Nothing is recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.audit import AuditReport
from solver.audit.checks import AT_LEAST
from solver.explain.words import bound_words, keyed, what_words
from solver.glossary import Lang, org_name, org_type_word, rule_label, say, school_name, yes_no
from solver.needs.quotas import quota_needs
from solver.scenario import OrgType, Scenario

QUOTA_RULES = ("H4", "H5", "H6", "H7", "H10")
"""The rules a publication list reports per organization (H10 per quality school)."""

QUOTA_COLUMNS = (
    "org_name",
    "org_type",
    "year",
    "rule",
    "what",
    "need",
    "placed",
    "ok",
    "candidates",
)


@dataclass(frozen=True)
class QuotaLine:
    """One quota instance of one organization (or quality school) and year."""

    org_name: str
    org_type: str
    year: str
    rule: str
    what: str
    need: str
    placed: int | None
    ok: bool
    candidates: int | None

    def cells(self, lang: Lang) -> list[object]:
        return [
            self.org_name,
            self.org_type,
            self.year,
            self.rule,
            self.what,
            self.need,
            self.placed,
            yes_no(self.ok, lang),
            self.candidates,
        ]


def sender(rule: str, org_type: OrgType | None, lead: str, school: str, nth: int) -> str:
    """The school whose teachers fill the instance (whose candidates ``needs`` counts)."""
    if rule == "H4":
        return lead
    if rule == "H6":
        return school if org_type is OrgType.COMMUNITY else lead
    if rule == "H7":
        return lead if nth == 0 else school
    return school


def quota_lines(scenario: Scenario, report: AuditReport, lang: Lang) -> list[QuotaLine]:
    """Every H4-H7 instance by organization, then every H10 instance by school, in words;
    a minimum of 0 is left out (it asks nothing)."""
    candidates: dict[tuple[str, str, str, int], int] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for q in quota_needs(scenario):
        key3 = (str(q.rule), q.org_id, q.school_id)
        nth = seen.get(key3, 0)
        seen[key3] = nth + 1
        candidates[(*key3, nth)] = q.candidates
    by_org: dict[str, list[QuotaLine]] = {o.org_id: [] for o in scenario.organizations}
    schools: list[QuotaLine] = []
    cycle = say("cycle", lang)
    # Only quota checks are keyed (a key counts checks of its own rule only): the province's
    # audit has 825,000 checks, about 95,000 of them quotas.
    for key, c in keyed(c for c in report.checks if c.rule.value in QUOTA_RULES):
        rule, nth = key[0], key[6]
        if c.sense == AT_LEAST and c.need == 0:
            continue  # asks nothing (e.g. a group's min_out_per_member of 0): not a line to post
        org = scenario.org_by_id.get(c.org or "")
        lead = org.lead_school_id if org else ""
        school = c.school or ""
        send = sender(rule, org.type if org else None, lead, school, nth)
        # needs lists H10 twice per school (teachers, then backbone); every other quota once
        pool = candidates.get((rule, c.org or "", send, nth if rule == "H10" else 0))
        line = QuotaLine(
            org_name(scenario, c.org) if org else school_name(scenario, school),
            org_type_word(org.type, lang) if org else say("quality_school", lang),
            cycle if c.year is None else str(c.year),
            rule_label(rule, lang),
            what_words(c, scenario, lang, nth),
            bound_words(c, lang),
            c.actual,
            c.ok,
            pool,
        )
        if org is not None:
            by_org[org.org_id].append(line)
        else:
            schools.append(line)
    # per organization (or school) and year; instances of one year keep the audit's rule order
    lines = [line for org_lines in by_org.values() for line in sorted(org_lines, key=by_year)]
    return lines + sorted(schools, key=lambda q: (q.org_name, by_year(q)))


def by_year(line: QuotaLine) -> tuple[int, str]:
    """Years in order, the whole-cycle instances (H7) after them."""
    return (0, line.year) if line.year.isdigit() else (1, line.year)
