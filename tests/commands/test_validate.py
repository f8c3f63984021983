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
    # basic cannot be planned as given (H4 needs 3 teacher-years, 2 candidates give 2): exit 1
    result = CliRunner().invoke(main, ["validate", str(basic), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["teachers"] == 9
    assert any("H4 G1 A" in w for w in data["warnings"])
    assert any(w.startswith("H4 G1 A") for w in data["impossible_quotas"])


def test_a_quota_that_cannot_be_met_exits_1_with_the_number_short(basic: Path):
    result = CliRunner().invoke(main, ["validate", str(basic)])
    assert result.exit_code == 1, result.output
    # H4: 3 teacher-years needed, 2 eligible backbone teachers give at most 2: 1 short
    assert (
        "error: H4 G1 甲小学 (A): lead backbone teachers at members: needs 1 per year "
        "(3 over the cycle); 2 eligible candidates can give 2 -> CANNOT BE MET: 1 short"
    ) in result.output
    assert "cannot be planned as given: 9 quota(s) no plan can meet" in result.output


def test_the_cadre_cap_of_a_small_school_names_school_rule_and_setting(basic: Path):
    # A has 1 cadre (T2): H9 lets floor(0.3 x 1) = 0 be away a year, so G1's H7 (1 cadre to
    # each of 2 members) can never be met; a share of 1 would let it.
    result = CliRunner().invoke(main, ["validate", str(basic)])
    assert (
        "H7 G1 甲小学 (A): cadres exchanged with the members: needs 2 per cycle (2 over the "
        "cycle); 1 eligible candidates can give 0; but H9 lets floor(0.3 x 1) = 0 of its 1 "
        "cadre(s) be away a year (policy.max_cadre_out_share = 0.3), 0 over the cycle"
    ) in result.output
    s = summarize(load_scenario(basic, ["policy.max_cadre_out_share=1"]))
    h7 = need(s, "H7", "G1", "A")
    assert (h7.capacity, h7.limit) == (1, "")  # 1 candidate, 1 term: the cap no longer binds


def test_a_plannable_scenario_exits_0(tmp_path: Path):
    folder = tmp_path / "tiny"
    assert (
        CliRunner().invoke(main, ["generate", "--preset", "tiny", "-o", str(folder)]).exit_code == 0
    )
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert "every quota has enough eligible candidates" in result.output
