"""certificate.json says which scenario, which file from which folder, which violations, which
program version (issue 10, item 14)."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from click.testing import CliRunner

from cli import main
from solver.generate import generate


def test_certificate_names_scenario_paths_violations_and_version(tmp_path: Path):
    generate("tiny", 1, tmp_path / "base")
    child = tmp_path / "variants" / "fewer-moves"
    child.mkdir(parents=True)
    (child / "scenario.toml").write_text(
        'extends = "../../base"\n\n[scenario]\nname = "fewer-moves"\n', encoding="utf-8"
    )
    (child / "demand.csv").write_bytes((tmp_path / "base" / "demand.csv").read_bytes())
    out = tmp_path / "out"
    args = ["solve", str(child), "-o", str(out), "--workers", "1", "--quiet"]
    assert CliRunner().invoke(main, args).exit_code == 0
    certificate = json.loads((out / "certificate.json").read_text("utf-8"))
    assert certificate["scenario"] == "fewer-moves"
    assert certificate["program_version"] == version("teacher-rotation")
    paths = certificate["scenario_paths"]
    assert paths["demand.csv"] == "demand.csv"  # the variant's own
    assert paths["teachers.csv"] == "../../base/teachers.csv"  # inherited through extends
    assert paths["scenario.toml@1"] == "../../base/scenario.toml"
    assert certificate["violations"] == {"total": 0, "by_rule": {}}

    # The audit of a broken plan: its certificate counts the violations by rule.
    plan = (out / "assignments.csv").read_text("utf-8-sig").splitlines()
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join([*plan, plan[1]]) + "\n", encoding="utf-8")  # a repeated row
    cert = tmp_path / "audit-certificate.json"
    result = CliRunner().invoke(
        main, ["audit", str(child), str(broken), "--certificate", str(cert)]
    )
    assert result.exit_code == 1
    audited = json.loads(cert.read_text("utf-8"))
    assert audited["violations"]["by_rule"]["H1"] == 1
    assert audited["violations"]["total"] == sum(audited["violations"]["by_rule"].values())
    assert cert.stat().st_mode & 0o077 != 0  # readable by others, as the umask allows (not 0600)
