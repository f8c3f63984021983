"""The report in a real browser: Debian's chromium, headless, driven by Playwright.

Each page must load with no console error and no request beyond the file itself, show every
chart with something painted in it, and show the numbers of summary.json and sweep.csv. Without
Playwright or chromium these tests are skipped with the reason; .ci/run installs both, so CI
always runs them. Run them alone with ``pytest tests/output/test_report_browser.py``.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.output.report_fixtures import Made, make

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install '.[test]'"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "no chromium on PATH: apt-get install -y chromium (.ci/run does it)",
        allow_module_level=True,
    )

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Paints every chart into a canvas (a data: URL, not a request) and counts painted pixels.
PAINTED = """async () => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const out = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const box = svg.getBoundingClientRect();
    const xml = new XMLSerializer().serializeToString(svg);
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(box.width); canvas.height = Math.ceil(box.height);
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    out.push({name: svg.dataset.chart, width: box.width, height: box.height, painted});
  }
  return out;
}"""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return make(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A fresh headless chromium with its own empty profile folder."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=FLAGS, headless=True,
            viewport={"width": 1280, "height": 900},
        )  # fmt: skip
        yield context
        context.close()


def build(made: Made, name: str, *outs: Path) -> Path:
    target = made.root / f"{name}.html"
    result = CliRunner().invoke(main, ["report", *map(str, outs), "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    return target


class Page:
    """A report opened in the browser, with everything it logged and requested."""

    def __init__(self, context, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        self.uri = path.as_uri()

    def text(self, key: str) -> str:
        return self.page.locator(f'[data-key="{key}"]').first.inner_text().strip()

    def check_clean_and_painted(self, expected: set[str]) -> None:
        charts = self.page.evaluate(PAINTED)
        names = {c["name"] for c in charts}
        assert expected <= names, f"missing charts: {expected - names}"
        for chart in charts:
            assert chart["width"] > 0 and chart["height"] > 0, chart
            assert chart["painted"] > 100, f"chart {chart['name']} is blank: {chart}"
        assert not self.errors, self.errors
        assert set(self.requests) <= {self.uri}, self.requests


def test_one_plan(made: Made, browser):
    page = Page(browser, build(made, "one", made.base))
    page.check_clean_and_painted({"map-p1", "cost-p1", "quota-TN-G1-H4", "balance-TN-G1"})
    summary = made.summary(made.base)
    assert page.text("p1.summary.cost") == str(summary["cost"])
    assert page.text("p1.summary.bound") == str(summary["bound"])
    for term, value in summary["terms"].items():
        assert page.text(f"terms.{term}") == str(value)
        assert page.text(f"audit.{term}") == str(value)  # the audit agrees, shown beside
    assert page.text("terms.total") == str(summary["cost"])
    with (made.base / "assignments.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert page.text("p1.kpi.teachers_moved") == str(len({r["teacher_id"] for r in rows}))
    assert page.text("p1.kpi.teacher_years_away") == str(len(rows))
    # The year buttons show one year's flows at a time.
    page.page.locator('button.year[data-year="2024"]').first.click()
    shown = page.page.eval_on_selector_all(
        "g.flows", "gs => gs.filter(g => g.style.display !== 'none').map(g => g.dataset.year)"
    )
    assert shown == ["2024"]
    assert not page.errors


def test_comparison_and_sweep(made: Made, browser):
    page = Page(browser, build(made, "several", made.base, made.more, made.sweep))
    page.check_clean_and_painted(
        {"map-p1", "map-p2", "sweep-1", "sweep-1-moved", "diff-schools", "diff-orgs"}
    )
    for out in (made.base, made.more):
        assert page.text(f"kpi.{out.name}.cost") == str(made.summary(out)["cost"])
    # Every KPI of the table is compare's (json), number for number.
    result = CliRunner().invoke(
        main, ["compare", str(made.base), str(made.more), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    for label, kpis in json.loads(result.output).items():
        for name, value in kpis.items():
            if name != "status":
                assert page.text(f"kpi.{label}.{name}") == str(value), (label, name)
    with (made.sweep / "sweep.csv").open(encoding="utf-8-sig") as handle:
        points = list(csv.DictReader(handle))
    assert page.text("sweep.1.point-001.cost") == points[0]["cost"]
    assert page.text("sweep.1.point-002.cost") == ""  # no plan: blank, never 0
    crosses = page.page.locator('svg[data-chart="sweep-1"] g.no-plan title').all_text_contents()
    assert len(crosses) == 1 and points[1]["explanation"] in crosses[0]
