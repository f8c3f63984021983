"""The catalogue of hard rules and cost terms: stable ids and their wording (SPEC §4).

The model, the audit and the explanations all speak in these words, so a planner reads the same
sentence whichever part of the tool found the problem.
"""

from __future__ import annotations

from enum import StrEnum

CATALOGUE_VERSION = "2026.1"


class Rule(StrEnum):
    H1 = "H1"
    H2 = "H2"
    H3 = "H3"
    H4 = "H4"
    H5 = "H5"
    H6 = "H6"
    H7 = "H7"
    H8 = "H8"
    H9 = "H9"
    H10 = "H10"
    H11 = "H11"
    H12 = "H12"


RULE_NAMES: dict[Rule, str] = {
    Rule.H1: "place",
    Rule.H2: "eligible",
    Rule.H3: "term",
    Rule.H4: "backbone-quota",
    Rule.H5: "reciprocity",
    Rule.H6: "min-exchange",
    Rule.H7: "cadre-exchange",
    Rule.H8: "coverage",
    Rule.H9: "capacity",
    Rule.H10: "national-share",
    Rule.H11: "locked",
    Rule.H12: "history",
}

RULE_TEXT: dict[Rule, str] = {
    Rule.H1: "at most one host per teacher-year; the host is a partner of the home school under "
    "the org (for groups and pairings one of them is the lead); ids exist",
    Rule.H2: "only eligible teachers move; in a community with subjects, only those subjects",
    Rule.H3: "away years form at most max_rotations_per_cycle runs, each at one host and org, "
    "each between min_term_years and max_term_years long",
    Rule.H4: "group lead's backbone teachers serving at members >= ceil(backbone_out_ratio x "
    "lead backbone teachers), each year",
    Rule.H5: "flows back and forth match within the tolerance, each year",
    Rule.H6: "lead sends each member (community: every school sends) at least "
    "min_out_per_member teachers, each year",
    Rule.H7: "at least cadre_per_member cadres each way between the lead and each member, "
    "per cycle",
    Rule.H8: "teachers of the subject present at the school >= min_staff, each year",
    Rule.H9: "incoming <= capacity_in; cadres away <= floor(max_cadre_out_share x cadres), "
    "each school and year",
    Rule.H10: "quality schools: teachers away >= ceil(rotation_share x due teachers); backbone "
    "away >= ceil(backbone_share x teachers away), each year",
    Rule.H11: "every locked.csv row holds",
    Rule.H12: "years before replan_from are exactly history.csv's rows (teacher, home, host, "
    "org), none missing or changed, none added",
}


class CostTerm(StrEnum):
    MOVE = "move"
    DISTANCE = "distance_km"
    PREFERENCE = "preference"
    DUE = "due"
    REPEAT = "repeat"
    SHORTAGE = "shortage"
    SPREAD = "spread"
    CHANGE = "change"
    BALANCE = "balance"


COST_TEXT: dict[CostTerm, str] = {
    CostTerm.MOVE: "move x away teacher-years",
    CostTerm.DISTANCE: "distance_km x km(home, host) over away teacher-years",
    CostTerm.PREFERENCE: "- preference x weight(teacher, host) over away teacher-years",
    CostTerm.DUE: "- due x due teachers who rotate this cycle",
    CostTerm.REPEAT: "repeat x teachers who rotate again within the cooldown",
    CostTerm.SHORTAGE: "- shortage x wanted incoming teachers received",
    CostTerm.SPREAD: "spread x (max - min) lead-backbone teacher-years received, per group",
    CostTerm.CHANGE: "change x teacher-years whose place differs from the reference plan",
    CostTerm.BALANCE: "balance x teachers short of a floor, per school, year and indicator",
}
