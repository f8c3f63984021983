"""``rotation report``: the page it writes (self-contained, words, numbers), and when it refuses.

What a browser shows is checked in test_report_browser.py; here the HTML text itself.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.output.report_fixtures import Made, make


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return make(tmp_path_factory.mktemp("report"))


def report(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["report", *args])
    return result.exit_code, result.output


def test_one_plan_is_one_self_contained_page(made: Made, tmp_path: Path):
    target = tmp_path / "report.html"
    code, output = report(str(made.base), "-o", str(target))
    assert code == 0, output
    assert output.startswith(f"wrote {target} (")
    html = target.read_text(encoding="utf-8")
    # Nothing fetched: no external script, style, font, image or frame.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html and "url(http" not in html
    assert '<html lang="zh-CN">' in html and "教师交流轮岗方案报告" in html
    summary = made.summary(made.base)
    assert f'data-key="p1.summary.cost">{summary["cost"]}<' in html
    for term, value in summary["terms"].items():
        assert f'data-key="terms.{term}">{value}<' in html
    for chart in ("map-p1", "cost-p1", "quota-TN-G1-H4", "balance-TN-G1"):
        assert f'data-chart="{chart}"' in html


def test_english(made: Made, tmp_path: Path):
    code, _ = report(str(made.base), "-o", str(tmp_path / "en.html"), "--lang", "en")
    assert code == 0
    html = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Teacher rotation plan report" in html
    # Words are English (names of schools and organizations stay as the data has them).
    assert "education group" in html and "求解状态" not in html and "交流教师人数" not in html


def test_several_plans_and_a_sweep(made: Made, tmp_path: Path):
    target = tmp_path / "all.html"
    code, output = report(str(made.base), str(made.more), str(made.sweep), "-o", str(target))
    assert code == 0, output
    html = target.read_text(encoding="utf-8")
    for anchor in ('id="kpis"', 'id="by-school"', 'id="by-org"', 'id="sweep-1"', 'id="p2"'):
        assert anchor in html
    # The sweep's second point (ratio 1) has no plan: a red cross and its explanation.
    assert 'class="no-plan"' in html
    sweep_csv = (made.sweep / "sweep.csv").read_text(encoding="utf-8-sig")
    assert "infeasible" in sweep_csv and 'data-key="sweep.1.point-002.cost"></td>' in html


def test_refusals(made: Made, tmp_path: Path):
    mine = tmp_path / "notes.html"
    mine.write_text("<p>my own notes</p>", encoding="utf-8")
    code, output = report(str(made.base), "-o", str(mine), "--force")
    assert code == 2 and "not a report written by this program" in output
    assert mine.read_text(encoding="utf-8") == "<p>my own notes</p>"
    target = tmp_path / "r.html"
    assert report(str(made.base), "-o", str(target))[0] == 0
    code, output = report(str(made.base), "-o", str(target))
    assert code == 2 and "exists" in output
    assert report(str(made.base), "-o", str(target), "--force")[0] == 0
    code, output = report(str(made.scenario), "-o", str(tmp_path / "x.html"))
    assert code == 2 and "neither a solve output" in output
    assert not (tmp_path / "x.html").exists()


def test_an_output_without_a_plan_is_blank_with_its_note(made: Made, tmp_path: Path):
    # What a solve stopped by a second Ctrl-C leaves: summary.json says "partial" and has a
    # cost for the parts it solved, but there is no plan of the scenario to show.
    partial = tmp_path / "partial"
    partial.mkdir()
    note = "partial: stopped before every part had a plan"
    summary = {"status": "partial", "cost": 12, "note": note, "overrides": [],
               "scenario_path": os.path.relpath(made.scenario, partial)}  # fmt: skip
    (partial / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    target = tmp_path / "with-partial.html"
    code, output = report(str(made.base), str(partial), "-o", str(target))
    assert code == 0, output
    html = target.read_text(encoding="utf-8")
    assert 'data-key="kpi.partial.cost"></td>' in html  # blank, not 12 and not 0
    assert 'data-key="kpi.partial.teachers_moved"' not in html or (
        'data-key="kpi.partial.teachers_moved"></td>' in html
    )
    assert note in html


def test_coverage_cells_are_the_tightest_year_of_compliance_csv(made: Made, tmp_path: Path):
    target = tmp_path / "coverage.html"
    assert report(str(made.base), "-o", str(target))[0] == 0
    html = target.read_text(encoding="utf-8")
    tightest: dict[tuple[str, str], tuple[int, str]] = {}
    with (made.base / "compliance.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["rule"] == "H8":
                key = (row["school"], row["subject"])
                slack = int(row["slack"])
                if key not in tightest or slack < tightest[key][0]:
                    tightest[key] = (slack, f"{row['actual']}/{row['need']}")
    assert tightest
    for (school, subject), (_, shown) in tightest.items():
        assert re.search(rf'data-key="cov\.{school}\.{subject}"[^>]*>{shown}</td>', html), (
            school,
            subject,
            shown,
        )


def test_out_and_in_per_school_equal_schools_csv(made: Made, tmp_path: Path):
    target = tmp_path / "schools.html"
    assert report(str(made.base), "-o", str(target))[0] == 0
    html = target.read_text(encoding="utf-8")
    with (made.base / "schools.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["subject"] == "(all)"]
    assert rows
    for r in rows:
        for column in ("out", "in"):
            key = f"{column}.{r['school_id']}.{r['year']}"
            assert f'data-key="{key}">{r[column]}</td>' in html, key
