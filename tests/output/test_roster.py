"""roster.xlsx and roster.html: every plan row listed with names, once per organization and at
both schools, print-ready, in Chinese by default."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from solver.audit import audit
from solver.generate import generate
from solver.input.loader import load_scenario
from solver.input.plan import PlanRow
from solver.output.people import write_people_outputs
from solver.output.roster import HEADER_ROW, sheet_names
from solver.solving.solve import solve


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny") / "s"
    generate("tiny", 2, folder)
    scenario = load_scenario(folder)
    result = solve(scenario, 20, 1, seed=3)
    assert result.status.has_plan
    return scenario, result.plan


class Tables(HTMLParser):
    """The rows of every table body, and the headings, of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.headings: list[str] = []
        self.sections = 0
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections += 1
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "td":
            self._cell = []
        elif tag in ("h1", "h2"):
            self._heading = []

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        elif tag in ("h1", "h2") and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


def body(ws) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]


def test_roster_xlsx_lists_every_row_by_org_and_school(solved, tmp_path: Path):
    scenario, plan = solved
    write_people_outputs(tmp_path, scenario, plan)
    wb = openpyxl.load_workbook(tmp_path / "roster.xlsx")
    orgs, schools = scenario.organizations, scenario.schools
    # sheet 1 is the public list (tests/output/test_public_list.py), then the working sheets:
    # the summary, one per organization, one per school
    assert len(wb.sheetnames) == 2 + len(orgs) + len(schools)
    assert wb.sheetnames[:2] == ["公示名单", "汇总"]
    org_sheets = wb.worksheets[2 : 2 + len(orgs)]
    school_sheets = wb.worksheets[2 + len(orgs) :]
    assert [ws.title for ws in org_sheets] == [o.name for o in orgs]
    assert [ws.title for ws in school_sheets] == [s.name for s in schools]
    # every plan row once among the organizations, twice among the schools (派出 and 接收)
    assert sum(len(body(ws)) for ws in org_sheets) == len(plan)
    assert sum(len(body(ws)) for ws in school_sheets) == 2 * len(plan)
    heads = [c.value for c in org_sheets[0][HEADER_ROW]]
    assert heads == ["年度", "工号", "姓名", "学科", "骨干", "职务", "派出学校", "接收学校"]
    # names and words equal the inputs
    listed = {}
    for org, ws in zip(orgs, org_sheets, strict=True):
        assert ws["A1"].value == org.name
        for year, tid, name, subject, backbone, role, home, host in body(ws):
            t = scenario.teacher_by_id[tid]
            assert (name, subject) == (t.name, t.subject)
            assert backbone == ("是" if t.backbone else "否")
            assert role in {"教师", "后备干部", "中层干部", "副校长", "校长"}
            assert home == scenario.school_by_id[t.school_id].name
            listed[tid, year] = (home, host, org.org_id)
    assert listed == {
        (a.teacher_id, a.year): (
            scenario.school_by_id[a.home_school_id].name,
            scenario.school_by_id[a.host_school_id].name,
            a.org_id,
        )
        for a in plan
    }
    for school, ws in zip(schools, school_sheets, strict=True):
        rows = body(ws)
        sent = [r for r in rows if r[0] == "派出"]
        came = [r for r in rows if r[0] == "接收"]
        assert len(sent) == sum(a.home_school_id == school.school_id for a in plan)
        assert len(came) == sum(a.host_school_id == school.school_id for a in plan)
        assert all(r[7] == school.name for r in sent) and all(r[8] == school.name for r in came)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
        assert ws.column_dimensions["B"].width >= 6


def test_summary_sheet_states_each_quota_in_words(solved, tmp_path: Path):
    scenario, plan = solved
    write_people_outputs(tmp_path, scenario, plan)
    ws = openpyxl.load_workbook(tmp_path / "roster.xlsx")["汇总"]
    rows = body(ws)
    group = scenario.org_by_id["TN-G1"]
    h4 = [r for r in rows if r[3] == "H4 骨干派出比例"]
    assert [r[2] for r in h4] == [str(y) for y in scenario.years]
    assert all(r[0] == group.name and r[1] == "教育集团" for r in h4)
    # the requirement is the audit's: ceil(0.15 x backbone teachers of the lead)
    from solver.scenario import ceil_share

    need = ceil_share(group.policy.backbone_out_ratio, len(scenario.backbone_of("TN-S1")))
    assert {r[5] for r in h4} == {f"需要至少 {need}"}
    assert all(r[6] >= need and r[7] == "是" for r in h4)


def test_summary_sheet_leaves_out_minimums_of_zero(solved, tmp_path: Path):
    # The tiny preset's group asks no minimum per member (H6 of a group: 0 by default): the
    # audit checks it, but a line "needs at least 0" asks nothing and is not posted.
    scenario, plan = solved
    assert any(c.rule.value == "H6" and c.need == 0 for c in audit(scenario, plan).checks)
    write_people_outputs(tmp_path, scenario, plan)
    rows = body(openpyxl.load_workbook(tmp_path / "roster.xlsx")["汇总"])
    assert rows and not [r for r in rows if r[5] == "需要至少 0"]


def test_roster_html_holds_every_row(solved, tmp_path: Path):
    scenario, plan = solved
    write_people_outputs(tmp_path, scenario, plan, "en")
    text = (tmp_path / "roster.html").read_text("utf-8")
    assert "http://" not in text and "https://" not in text  # works offline
    assert "size: A4 landscape" in text and "break-before: page" in text
    parser = Tables()
    parser.feed(text)
    names = {o.name for o in scenario.organizations} | {s.name for s in scenario.schools}
    assert names <= set(parser.headings)
    entries = [r for r in parser.rows if len(r) == 8]  # organization tables
    assert len(entries) == len(plan)
    assert {(r[1], int(r[0])) for r in entries} == {(a.teacher_id, a.year) for a in plan}
    public = [r for r in parser.rows if len(r) == 10 and r[0].isdigit()]  # 序号 first
    assert len(public) == len({a.teacher_id for a in plan})
    school_rows = [r for r in parser.rows if len(r) == 10 and not r[0].isdigit()]
    assert len(school_rows) == 2 * len(plan)
    assert {r[0] for r in school_rows} <= {"sent", "received"}


def test_hand_made_plan_with_unknown_codes_is_still_listed(solved, tmp_path: Path):
    scenario, _ = solved
    plan = [PlanRow("NOBODY", 2023, "TN-S1", "XX", "ORG?", 2)]
    write_people_outputs(tmp_path, scenario, plan)
    wb = openpyxl.load_workbook(tmp_path / "roster.xlsx")
    assert "ORG?" not in wb.sheetnames  # '?' is not allowed in a sheet name
    assert "ORG" in wb.sheetnames and "XX" in wb.sheetnames
    assert body(wb["ORG"])[0][1:3] == ("NOBODY", "NOBODY")


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (["a" * 40], ["a" * 31]),
        (["X", "x", "X"], ["X", "x~2", "X~3"]),
        (["a/b:c*?[d]"], ["abcd"]),
        (["History"], ["History~2"]),
        (["b" * 31, "b" * 31], ["b" * 31, "b" * 29 + "~2"]),
    ],
)
def test_sheet_names_are_legal_and_unique(titles, expected):
    assert sheet_names(titles) == expected


def test_formula_like_names_are_text(solved, tmp_path: Path):
    scenario, plan = solved
    tid = plan[0].teacher_id
    teachers = tuple(
        t.model_copy(update={"name": "=HYPERLINK(1)"}) if t.teacher_id == tid else t
        for t in scenario.teachers
    )
    write_people_outputs(tmp_path, scenario.replace(teachers=teachers), plan)
    wb = openpyxl.load_workbook(tmp_path / "roster.xlsx")
    values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert "'=HYPERLINK(1)" in values and "=HYPERLINK(1)" not in values


def test_same_plan_same_bytes(solved, tmp_path: Path):
    # no creation date, fixed zip timestamps: a roster can be hashed and compared
    scenario, plan = solved
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        write_people_outputs(tmp_path / name, scenario, plan)
    for file in ("roster.xlsx", "roster.html", "publication.html"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


def test_markup_in_names_is_escaped(solved, tmp_path: Path):
    from solver.explain.letters import letters_html
    from solver.explain.run import explain_teachers

    scenario, plan = solved
    tid = plan[0].teacher_id
    teachers = tuple(
        t.model_copy(update={"name": "<b>x</b>&"}) if t.teacher_id == tid else t
        for t in scenario.teachers
    )
    changed = scenario.replace(teachers=teachers)
    write_people_outputs(tmp_path, changed, plan)
    page = (tmp_path / "roster.html").read_text("utf-8")
    page += (tmp_path / "publication.html").read_text("utf-8")
    explained = explain_teachers(changed, plan, [tid], alternatives=False)
    letter = letters_html(changed, explained, "zh")
    for html in (page, letter):
        assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;&amp;" in html
