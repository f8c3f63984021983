"""rotation verify: a certificate holds while its files and the audit are unchanged, and says
which file changed or which rule fails when not; certificate.html is there to sign."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.generate import generate
from solver.output.files import OUTPUT_MARKER


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("verify")
    generate("tiny", 1, base / "tiny")
    out = base / "out"
    args = ["solve", str(base / "tiny"), "-o", str(out), "--workers", "1", "--quiet"]
    assert CliRunner().invoke(main, args).exit_code == 0
    return base / "tiny", out


@pytest.fixture
def copy(solved, tmp_path: Path) -> tuple[Path, Path]:
    """The solved scenario and output copied side by side, so each test may spoil its own."""
    import shutil

    scenario, out = solved
    shutil.copytree(scenario, tmp_path / "tiny")
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "tiny", tmp_path / "out"


def verify(*args: str):
    return CliRunner().invoke(main, ["verify", *args])


def test_an_untouched_output_holds_and_gets_a_page_to_sign(copy):
    scenario, out = copy
    cost = json.loads((out / "certificate.json").read_text(encoding="utf-8"))["cost"]
    result = verify(str(out), "--auditor", "李审计")  # the scenario found through summary.json
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("证书成立：")
    assert f"全部合规，成本 {cost}" in result.stdout
    page = (out / "certificate.html").read_text(encoding="utf-8")
    for piece in ["教师交流轮岗方案核查证书", "李审计", "H4 骨干派出比例", "（盖章）", "签名"]:
        assert piece in page, piece
    teachers = json.loads((out / "certificate.json").read_text("utf-8"))["scenario_files"]
    assert teachers["teachers.csv"] in page  # every input's hash is printed
    # the page is listed as ours: a later solve --force may still replace OUT
    assert "certificate.html" in (out / OUTPUT_MARKER).read_text(encoding="utf-8")
    again = verify(str(out), "--scenario", str(scenario), "--lang", "en")
    assert again.exit_code == 0 and again.stdout.startswith("The certificate holds")


def test_a_changed_input_file_is_named(copy):
    scenario, out = copy
    with (scenario / "teachers.csv").open("a", encoding="utf-8") as f:
        f.write("\n")  # one more byte: the same data, not the same file
    result = verify(str(out))
    assert result.exit_code == 1, result.output
    assert result.stdout.strip() == "证书不成立：teachers.csv 已改变（校验值与证书不同）。"


def test_a_changed_plan_is_named(copy):
    _, out = copy
    plan = out / "assignments.csv"
    lines = plan.read_text(encoding="utf-8-sig").splitlines()
    plan.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # a row removed
    result = verify(str(out))
    assert result.exit_code == 1
    assert "交流名单 assignments.csv 已改变" in result.stdout


def test_a_rule_that_now_fails_is_named(copy):
    # Same files, but the certificate says H4 had 1 violation: today's audit finds 0.
    _, out = copy
    path = out / "certificate.json"
    cert = json.loads(path.read_text(encoding="utf-8"))
    cert["rules"]["H4"]["violations"] = 1
    path.write_text(json.dumps(cert, ensure_ascii=False), encoding="utf-8")
    result = verify(str(out))
    assert result.exit_code == 1
    assert "H4 骨干派出比例 违规 0 处（证书记录 1 处）" in result.stdout


def test_bad_input_is_exit_2_and_a_persons_page_is_never_replaced(copy, tmp_path: Path):
    scenario, out = copy
    (out / "certificate.json").rename(tmp_path / "kept.json")
    result = verify(str(out))
    assert result.exit_code == 2 and "certificate.json" in result.output
    (tmp_path / "kept.json").rename(out / "certificate.json")
    (out / "certificate.html").write_text("my notes", encoding="utf-8")  # not ours
    result = verify(str(out))
    assert result.exit_code == 2
    assert (out / "certificate.html").read_text(encoding="utf-8") == "my notes"
    no_summary = tmp_path / "bare"
    no_summary.mkdir()
    (no_summary / "certificate.json").write_text("{}", encoding="utf-8")
    assert verify(str(no_summary), "--scenario", str(scenario)).exit_code == 2
