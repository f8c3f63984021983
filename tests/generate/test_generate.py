"""Scenario generator: same seed same bytes, preset sizes, the real 连云区 structure, and the
counting checks that every generated scenario passes."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from solver.generate import PRESETS, check_capacity, generate
from solver.generate.facts import standing
from solver.input.loader import load_scenario
from solver.needs.quotas import quota_needs
from solver.rules import Rule
from solver.scenario import CADRE_ROLES

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FILES = (
    "scenario.toml",
    "schools.csv",
    "organizations.csv",
    "memberships.csv",
    "teachers.csv",
    "demand.csv",
)
CADRES = sorted(CADRE_ROLES)


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("tiny")
    return folder, generate("tiny", 2023, folder)


@pytest.fixture(scope="module")
def lianyun(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("lianyun")
    return folder, generate("lianyun", 2023, folder)


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("city")
    return folder, generate("city", 7, folder)


# ----------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("preset", ["tiny", "lianyun"])
def test_same_seed_gives_identical_bytes(tmp_path: Path, preset: str) -> None:
    generate(preset, 11, tmp_path / "a")
    generate(preset, 11, tmp_path / "b")
    assert folder_bytes(tmp_path / "a") == folder_bytes(tmp_path / "b")


def test_different_seed_gives_a_different_roster(tmp_path: Path) -> None:
    generate("tiny", 1, tmp_path / "a")
    generate("tiny", 2, tmp_path / "b")
    a, b = folder_bytes(tmp_path / "a"), folder_bytes(tmp_path / "b")
    assert a["teachers.csv"] != b["teachers.csv"]
    # The structure of a hand-written region does not depend on the seed.
    assert a["organizations.csv"] == b["organizations.csv"]


def test_files_are_plain_utf8_with_unix_newlines(tiny) -> None:
    folder, _ = tiny
    for name in (*SCENARIO_FILES, "preferences.csv"):
        data = (folder / name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), name
        assert b"\r\n" not in data, name
        data.decode("utf-8")
    teachers = read(folder, "teachers.csv")
    assert set(teachers["backbone"]) == {"true", "false"}
    assert set(teachers["exempt"]) <= {"true", "false"}


def test_data_lianyun_is_what_the_generator_writes(lianyun) -> None:
    """data/lianyun must be regenerable exactly as data/README.md says."""
    folder, _ = lianyun
    assert folder_bytes(ROOT / "data" / "lianyun") == folder_bytes(folder)


def test_rewrite_removes_stale_optional_files(tmp_path: Path) -> None:
    generate("tiny", 3, tmp_path)
    (tmp_path / "distances.csv").write_text("school_a,school_b,km\n", encoding="utf-8")
    generate("tiny", 3, tmp_path)
    assert not (tmp_path / "distances.csv").exists()
    assert (tmp_path / "preferences.csv").exists()


def test_unknown_preset_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown preset"):
        generate("country", 1, tmp_path)
    assert "province" in PRESETS


# ----------------------------------------------------------------------------- sizes


def test_tiny_is_small_with_one_partnership_of_each_kind(tiny) -> None:
    folder, counts = tiny
    assert 3 <= counts["schools"] <= 6
    assert 60 <= counts["teachers"] <= 150
    assert counts["orgs"] == {"group": 1, "pairing": 1, "community": 1}
    assert len(read(folder, "preferences.csv")) >= 1
    assert (read(folder, "demand.csv")["wanted_in"].astype(int) > 0).any()


def test_lianyun_counts(lianyun) -> None:
    folder, counts = lianyun
    teachers = read(folder, "teachers.csv")
    assert counts["schools"] == 21
    assert counts["orgs"] == {"group": 4, "pairing": 0, "community": 6}
    assert 1200 <= counts["teachers"] <= 1800
    assert counts["teachers"] == len(teachers)
    assert 0.08 <= counts["cadres"] / counts["teachers"] <= 0.13
    assert 0.02 <= counts["exempt"] / counts["teachers"] <= 0.08
    principals = teachers[teachers["role"] == "principal"]["school_id"]
    assert sorted(principals) == sorted(read(folder, "schools.csv")["school_id"])


def test_lianyun_backbone_is_richer_at_leads(lianyun) -> None:
    folder, _ = lianyun
    teachers = read(folder, "teachers.csv")
    schools = read(folder, "schools.csv")
    share = (teachers["backbone"] == "true").groupby(teachers["school_id"]).mean()
    quality = schools.set_index("school_id")["quality"] == "true"
    assert share[quality].min() >= 0.24
    assert share[~quality].max() <= 0.24


def test_city_scale_and_coverage(city) -> None:
    folder, counts = city
    schools = read(folder, "schools.csv")
    orgs = read(folder, "organizations.csv")
    members = read(folder, "memberships.csv")
    assert schools["district"].nunique() == 7
    assert 420 <= counts["schools"] <= 480
    assert 32_000 <= counts["teachers"] <= 38_000
    assert min(counts["orgs"].values()) > 0
    sizes = members.groupby("org_id").size().reindex(orgs["org_id"], fill_value=0) + 1
    kind = orgs.set_index("org_id")["type"]
    assert sizes[kind == "community"].between(3, 5).all()
    assert sizes[kind != "community"].between(2, 5).all()
    for group in (["community"], ["group", "pairing"]):
        ids = orgs.loc[orgs["type"].isin(group), "org_id"]
        covered = set(orgs.loc[orgs["type"].isin(group), "lead_school_id"])
        covered |= set(members.loc[members["org_id"].isin(ids), "school_id"])
        assert covered == set(schools["school_id"]), group
    lat = schools["lat"].astype(float)
    lon = schools["lon"].astype(float)
    assert lat.between(33.5, 35.5).all() and lon.between(118.0, 120.0).all()


# ----------------------------------------------------------------------------- 连云区


def test_lianyun_partnerships_are_the_2023_opinion(lianyun) -> None:
    folder, _ = lianyun
    schools = read(folder, "schools.csv").set_index("school_id")
    orgs = read(folder, "organizations.csv")
    members = read(folder, "memberships.csv")
    name = schools["name"]
    found = {
        (row.name, row.type): (
            name[row.lead_school_id],
            sorted(name[members.loc[members["org_id"] == row.org_id, "school_id"]]),
        )
        for row in orgs.itertuples()
    }
    assert found == {
        ("墟沟小学教育集团", "group"): ("墟沟小学", ["墟沟小学(合成成员校区)"]),
        ("院前小学教育集团", "group"): ("院前小学", ["院前小学(合成成员校区)"]),
        ("云山小学教育集团", "group"): ("云山小学", ["云山小学新校区(原东港中学校址)"]),
        ("东港中学教育集团", "group"): (
            "东港中学(本部)",
            ["东港中学新城校区", "东港中学海棠校区"],
        ),
        ("墟沟小学教育集团—临海路小学—庙岭小学—苏外小学部", "community"): (
            "墟沟小学",
            sorted(["临海路小学", "庙岭小学", "苏州外国语学校连云港分校小学部"]),
        ),
        ("院前小学教育集团—东港小学", "community"): ("院前小学", ["东港小学"]),
        ("西苑中学—连云中学", "community"): ("西苑中学", ["连云中学"]),
        ("东港中学—新港中学—板桥中学—苏外初中部", "community"): (
            "东港中学(本部)",
            sorted(["新港中学", "板桥中学", "苏州外国语学校连云港分校初中部"]),
        ),
        ("云山小学教育集团—板桥小学", "community"): ("云山小学", ["板桥小学"]),
        ("海州湾小学—宿城小学", "community"): ("海州湾小学", ["宿城小学"]),
    }


def test_lianyun_levels_quality_and_labels(lianyun) -> None:
    folder, _ = lianyun
    schools = read(folder, "schools.csv")
    orgs = read(folder, "organizations.csv")
    assert set(schools["district"]) == {"连云区"}
    for row in schools.itertuples():
        assert row.level == ("primary" if "小学" in row.name else "junior"), row.name
    leads = set(orgs.loc[orgs["type"] == "group", "lead_school_id"])
    quality = set(schools.loc[schools["quality"] == "true", "school_id"])
    assert quality == leads
    assert set(schools.loc[schools["school_id"].isin(leads), "area"]) == {"urban"}
    synthetic = schools[schools["name"].str.contains("合成")]
    assert len(synthetic) == 2


def test_default_scenario_extends_the_data(tmp_path: Path) -> None:
    folder = ROOT / "scenarios" / "lianyun-2023"
    first = (folder / "scenario.toml").read_text(encoding="utf-8").lstrip().splitlines()
    first = [line for line in first if line.strip() and not line.startswith("#")]
    assert first[0] == 'extends = "../../data/lianyun"'
    scenario = load_scenario(folder)
    assert scenario.info.name == "lianyun-2023"
    assert len(scenario.schools) == 21


# ----------------------------------------------------------------------------- checks


# generate() itself runs the check on every folder it writes (city too, in its fixture).
@pytest.mark.parametrize("fixture", ["tiny", "lianyun"])
def test_capacity_check_passes(request, fixture: str) -> None:
    folder, _ = request.getfixturevalue(fixture)
    assert check_capacity(folder) == []


def test_roster_eligibility_is_the_scenario_rule(tiny) -> None:
    # The generator asks Scenario.is_eligible/is_due once per distinct set of the fields they
    # read; on every teacher it wrote, the answers are those of the scenario loaded back.
    folder, _ = tiny
    scenario = load_scenario(folder)
    teachers = scenario.teachers
    roster = {
        "role": np.array([t.role.value for t in teachers], dtype=object),
        "gender": np.array([t.gender.value for t in teachers], dtype=object),
        "birth_year": np.array([t.birth_year for t in teachers]),
        "school_since": np.array([t.school_since for t in teachers]),
        "exempt": np.array([t.exempt for t in teachers]),
    }
    eligible, due = standing(scenario, roster)
    assert eligible.tolist() == [scenario.is_eligible(t) for t in teachers]
    assert due.tolist() == [scenario.is_due(t) for t in teachers]
    assert 0 < due.sum() < eligible.sum() < len(teachers)


@pytest.mark.parametrize("fixture", ["tiny", "lianyun"])
def test_loader_accepts_and_every_quota_has_candidates(request, fixture: str) -> None:
    folder, counts = request.getfixturevalue(fixture)
    warnings: list[str] = []
    scenario = load_scenario(folder, warnings=warnings)
    assert warnings == []
    assert len(scenario.teachers) == counts["teachers"]
    assert [n.sentence() for n in quota_needs(scenario) if not n.ok] == []


@pytest.mark.parametrize(
    ("settings", "h4", "yearly"),
    [
        # basic: A leads G1 (H4: ceil(0.15 x 3 backbone) = 1 a year) and P1, whose row in
        # organizations.csv sets min_out_per_member 2 (H6: 2 a year to its one member), so A sends
        # 1 + 2 = 3 a year: 9 one-year terms over 3 years from its 2 eligible teachers (T1, T2).
        ("", 1, 3),
        # A folder extending basic with a group ratio of 0.5: H4 ceil(0.5 x 3) = 2; 2 + 2 = 4.
        ("[policy.group]\nbackbone_out_ratio = 0.5\n", 2, 4),
    ],
)
def test_capacity_check_counts_what_validate_counts(
    tmp_path: Path, settings: str, h4: int, yearly: int
) -> None:
    folder = tmp_path / "basic"
    shutil.copytree(ROOT / "tests" / "data" / "basic", folder)
    if settings:
        folder = tmp_path / "child"
        folder.mkdir()
        (folder / "scenario.toml").write_text(f'extends = "../basic"\n{settings}', "utf-8")
    needs = quota_needs(load_scenario(folder))
    lead = {(n.rule, n.org_id): n.need for n in needs if n.school_id == "A"}
    assert (lead[Rule.H4, "G1"], lead[Rule.H6, "P1"]) == (h4, 2)
    assert f"A 甲小学: 2 eligible teachers, needs {3 * yearly} over the cycle" in check_capacity(
        folder
    )


def _lead_cadres_but_three(t: pd.DataFrame) -> pd.Index:
    return t.index[(t["school_id"] == "TN-S1") & t["role"].isin(CADRES)][3:]


def _lead_backbone(t: pd.DataFrame) -> pd.Index:
    return t.index[(t["school_id"] == "TN-S1") & (t["backbone"] == "true")]


@pytest.mark.parametrize(
    ("rows", "column", "value", "expected"),
    [
        # TN-S1 leads the group: H7 needs one cadre to its member, and H9 lets a school send a
        # cadre only when floor(0.3 × cadres) >= 1, i.e. with 4 or more cadres. Demote all but 3.
        (_lead_cadres_but_three, "role", "teacher", "cadres let 0 away"),
        # Every backbone teacher of the group lead exempt: H4 still needs
        # ceil(0.15 × backbone) of them away each year, and none may move.
        (_lead_backbone, "exempt", "true", "0 eligible backbone"),
    ],
)
def test_capacity_check_catches_a_thin_lead(
    tmp_path: Path, rows, column: str, value: str, expected: str
) -> None:
    generate("tiny", 5, tmp_path)
    teachers = read(tmp_path, "teachers.csv")
    teachers.loc[rows(teachers), column] = value
    teachers.to_csv(tmp_path / "teachers.csv", index=False, lineterminator="\n")
    issues = check_capacity(tmp_path)
    assert any(i.startswith("TN-S1") and expected in i for i in issues), issues
