"""validate: the counts and each quota's need, worked out by hand on tests/data/basic."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli import main
from solver.input.loader import load_scenario
from solver.needs.quotas import summarize


def need(summary, rule: str, org: str, school: str, what: str = ""):
    found = [
        n
        for n in summary.needs
        if n.rule == rule and n.org_id == org and n.school_id == school and n.what.startswith(what)
    ]
    assert len(found) == 1, found
    return found[0]


def test_counts(basic: Path):
    s = summarize(load_scenario(basic))
    assert (s.schools, s.teachers, s.eligible, s.due, s.backbone, s.cadres) == (3, 9, 2, 2, 4, 1)
    assert s.organizations_by_type == {"group": 1, "pairing": 1}
    assert s.ineligible_by_reason["age exemption"] == 3


def test_quota_needs_by_hand(basic: Path):
    s = summarize(load_scenario(basic))
    # H4: lead A has backbone T1, T2, T3 -> ceil(0.15 * 3) = 1 per year, 3 teacher-years per
    # cycle; only T1 and T2 are eligible and each may be away one year: capacity 2 < 3.
    h4 = need(s, "H4", "G1", "A")
    assert (h4.need, h4.cycle_need, h4.candidates, h4.capacity, h4.ok) == (1, 3, 2, 2, False)
    # H6 pairing P1: min_out_per_member = 2 (organizations.csv) x 1 member = 2 a year.
    h6 = need(s, "H6", "P1", "A")
    assert (h6.need, h6.cycle_need, h6.candidates) == (2, 6, 2)
    # H7 G1 at A: 1 cadre to each of 2 members; A has 1 cadre (T2): floor(0.3 * 1) = 0 away.
    h7 = need(s, "H7", "G1", "A")
    assert (h7.need, h7.candidates, h7.capacity, h7.ok) == (2, 1, 0, False)
    # H10 quality A: due T1, T2 -> ceil(0.10 * 2) = 1 away a year; ceil(0.2 * 1) = 1 backbone.
    assert need(s, "H10", "", "A", "teachers away").need == 1
    assert need(s, "H10", "", "A", "backbone").need == 1


def test_quota_needs_follow_overrides(basic: Path):
    s = summarize(load_scenario(basic, ["policy.group.backbone_out_ratio=0.7"]))
    assert need(s, "H4", "G1", "A").need == 3  # ceil(0.7 * 3) = ceil(2.1)


def test_validate_json(basic: Path):
    result = CliRunner().invoke(main, ["validate", str(basic), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["teachers"] == 9
    assert any("H4 G1 A" in w for w in data["warnings"])
