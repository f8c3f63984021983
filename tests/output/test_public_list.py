"""The public list (公示名单, issue 22): one row per person, the office's heading, 公示期, contact
and 落款 from [publication], blanks where the office set nothing, nothing internal."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

from solver.generate import generate
from solver.input.loader import InputError, load_scenario
from solver.input.plan import PlanRow
from solver.output.people import write_people_outputs
from solver.output.public.html import publication_html
from solver.output.public.notice import build_public_list, working_days_after
from solver.output.roster import HEADER_ROW
from solver.scenario import Publication, PublicPages
from solver.solving.solve import solve

OFFICE = Publication(
    issuer="样例区教育局",
    contact="人事科王老师",
    phone="0518-1234567",
    notice_days=5,
    date=dt.date(2023, 6, 20),
)


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny") / "s"
    generate("tiny", 2, folder)
    scenario = load_scenario(folder)
    result = solve(scenario, 20, 1, seed=3)
    assert result.status.has_plan
    return scenario, result.plan


def two_year_plan(scenario, plan):
    """The first row's teacher serving two years in a row at the same host, plus one other."""
    a, b = plan[0], next(r for r in plan if r.teacher_id != plan[0].teacher_id)
    return [
        PlanRow(a.teacher_id, 2023, a.home_school_id, a.host_school_id, a.org_id, 2),
        PlanRow(a.teacher_id, 2024, a.home_school_id, a.host_school_id, a.org_id, 3),
        PlanRow(b.teacher_id, 2025, b.home_school_id, b.host_school_id, b.org_id, 4),
    ]


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        # Tuesday 20 June 2023 + 5 working days: 20, 21, 22, 23 (Fri), 26 (Mon)
        (dt.date(2023, 6, 20), 5, dt.date(2023, 6, 26)),
        # a Saturday start counts from the Monday: 26, 27, 28
        (dt.date(2023, 6, 24), 3, dt.date(2023, 6, 28)),
        (dt.date(2023, 6, 23), 1, dt.date(2023, 6, 23)),
    ],
)
def test_notice_period_counts_working_days(start, days, end):
    assert working_days_after(start, days) == end


def test_one_row_per_person_with_the_term_as_dates(solved):
    scenario, plan = solved
    scenario = scenario.replace(publication=OFFICE)
    rows = two_year_plan(scenario, plan)
    public = build_public_list(scenario, rows, "zh", by_org=False)
    (page,) = public.pages
    assert [r[0] for r in page.rows] == [1, 2]  # 序号; two people, not three teacher-years
    by_name = {r[1]: r for r in page.rows}
    a = scenario.teacher_by_id[rows[0].teacher_id]
    b = scenario.teacher_by_id[rows[2].teacher_id]
    # served 2023 and 2024 at one host: September 2023 to July 2025 (term_end 07-15)
    assert by_name[a.name][8] == "2023年9月至2025年7月"
    assert by_name[b.name][8] == "2025年9月至2026年7月"
    assert by_name[a.name][2] == ({"M": "男", "F": "女"}[a.gender.value] if a.gender else "")
    assert by_name[a.name][7] == scenario.school_by_id[rows[0].host_school_id].name
    assert page.title == "样例区教育局关于2023—2026学年教师交流轮岗人员名单的公示"
    assert "2023年6月20日至2023年6月26日（5个工作日）" in page.intro
    assert "人事科王老师" in page.closing and "0518-1234567" in page.closing
    assert (page.issuer, page.date) == ("样例区教育局", "2023年6月20日")


def test_what_the_office_did_not_set_is_a_blank_to_fill(solved):
    scenario, plan = solved  # the tiny preset has no [publication]
    (page,) = build_public_list(scenario, plan, "zh", by_org=False).pages
    assert page.title.startswith("＿＿＿＿＿＿关于")
    assert "＿＿年＿＿月＿＿日至＿＿年＿＿月＿＿日（5个工作日）" in page.intro
    assert page.issuer == "＿＿＿＿＿＿" and "None" not in page.closing + page.date


def test_nothing_internal_on_the_public_page(solved, tmp_path: Path):
    scenario, plan = solved
    write_people_outputs(tmp_path, scenario.replace(publication=OFFICE), plan)
    text = (tmp_path / "publication.html").read_text("utf-8")
    assert "http://" not in text and "https://" not in text
    assert not re.search(r"\bH\d+\b", text)  # no rule code
    assert "成本" not in text and "可选人数" not in text
    assert not any(a.teacher_id in text for a in plan)  # no 工号
    assert not any(a.home_school_id in text for a in plan)  # names, not codes
    people = {a.teacher_id for a in plan}
    assert text.count("<tr>") == 1 + len(people)  # the header, then one row per person
    assert all(scenario.teacher_by_id[t].name in text for t in people)
    assert text.count("<h1>") == 1


def test_one_page_per_organization_each_numbered_from_one(solved):
    scenario, plan = solved
    office = OFFICE.model_copy(update={"pages": PublicPages.ORG})
    public = build_public_list(scenario.replace(publication=office), plan, "zh")
    used = [o for o in scenario.organizations if any(a.org_id == o.org_id for a in plan)]
    assert [p.key for p in public.pages] == [o.org_id for o in used]
    for org, page in zip(used, public.pages, strict=True):
        assert org.name in page.title
        assert [r[0] for r in page.rows] == list(range(1, len(page.rows) + 1))
        assert {r[9] for r in page.rows} == {org.name}
    html = publication_html(public)
    assert html.count("<h1>") == len(used) and "break-before: page" in html


def test_roster_opens_with_the_public_list(solved, tmp_path: Path):
    scenario, plan = solved
    write_people_outputs(tmp_path, scenario.replace(publication=OFFICE), plan)
    wb = openpyxl.load_workbook(tmp_path / "roster.xlsx")
    assert wb.sheetnames[:2] == ["公示名单", "汇总"]
    ws = wb["公示名单"]
    assert ws["A1"].value == "样例区教育局关于2023—2026学年教师交流轮岗人员名单的公示"
    heads = [c.value for c in ws[HEADER_ROW]]
    assert heads == ["序号", "姓名", "性别", "学科", "骨干", "职务", "派出学校", "接收学校",
                     "交流期限", "组织名称"]  # fmt: skip
    listed = [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[1:2]]
    numbered = [r for r in listed if isinstance(r[0], int)]
    assert len(numbered) == len({a.teacher_id for a in plan})
    assert listed[-2][0] == "样例区教育局" and listed[-1][0] == "2023年6月20日"
    page = (tmp_path / "roster.html").read_text("utf-8")
    assert page.index('class="public"') < page.index('id="summary"')


def test_english_public_list(solved):
    scenario, plan = solved
    (page,) = build_public_list(scenario.replace(publication=OFFICE), plan, "en", False).pages
    assert page.title == "样例区教育局: public list of teacher exchanges, school years 2023-2026"
    assert "2023-06-20 to 2023-06-26 (5 working days)" in page.intro
    assert {r[4] for r in page.rows} <= {"yes", "no"}


def test_a_bad_pages_setting_names_its_key(tmp_path: Path):
    folder = tmp_path / "s"
    generate("tiny", 2, folder)
    with (folder / "scenario.toml").open("a", encoding="utf-8") as f:
        f.write('\n[publication]\npages = "each"\n')
    with pytest.raises(InputError) as err:
        load_scenario(folder)
    assert [p.column for p in err.value.problems] == ["publication.pages"]
