"""publication.html printed by a real browser: Debian's chromium, headless, via Playwright's
``page.pdf``. The PDF read back (pypdf) holds the heading once, every person and no rule code.
Skipped with the reason without Playwright, pypdf or chromium (.ci/run installs them)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from solver.generate import generate
from solver.input.loader import load_scenario
from solver.input.plan import read_plan
from tests.output.test_report_browser import CHROMIUM, FLAGS, sync_api

pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed: pip install '.[test]'")

OFFICE = """
[publication]
issuer = "样例区教育局"
contact = "人事科王老师"
phone = "0518-1234567"
date = 2023-06-20
"""


def pdf_text(path: Path) -> str:
    """The PDF's text as the fonts map it back, folded: compatibility forms (⼩ → 小), the
    horizontal bar the CJK font draws for an em dash (― → —), and all spacing removed (a cell
    wrapped over two lines reads as one word)."""
    text = "".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    return folded(text)


def folded(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("\u2015", "\u2014")


def written(word: str) -> re.Pattern[str]:
    """``word`` as the PDF may spell it: a CJK font maps some characters back to a radical of the
    CJK Radicals Supplement (黄 → ⻩, U+2EE9), which no Unicode normalization folds."""
    return re.compile("".join(f"(?:{re.escape(c)}|[\u2e80-\u2eff])" for c in folded(word)))


def test_public_page_prints_to_pdf_with_the_people_and_nothing_internal(tmp_path: Path):
    folder = tmp_path / "s"
    generate("tiny", 2, folder)
    with (folder / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write(OFFICE)
    out = tmp_path / "out"
    run = CliRunner().invoke(main, ["solve", str(folder), "-o", str(out), "--workers", "1"])
    assert run.exit_code == 0, run.output
    scenario, plan = load_scenario(folder), read_plan(out)
    target = tmp_path / "publication.pdf"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page()
        page.goto((out / "publication.html").as_uri())
        page.pdf(path=str(target), format="A4")
        browser.close()
    text = pdf_text(target)
    heading = "样例区教育局关于2023—2026学年教师交流轮岗人员名单的公示"
    assert len(written(heading).findall(text)) == 1
    people = {r.teacher_id for r in plan}
    missing = [
        n for n in (scenario.teacher_by_id[t].name for t in people) if not written(n).search(text)
    ]
    assert people and not missing, missing
    assert "2023年6月20日至2023年6月26日" in text  # 公示期, 5 working days
    assert not re.search(r"H\d", text)  # no rule code
    assert not any(t in text for t in people)  # no 工号
