"""交流通知书: a letter a teacher can receive, its dates and contacts from [publication]."""

from __future__ import annotations

import datetime as dt

from solver.explain.letters import letter_pages
from solver.explain.run import explain_teachers
from solver.scenario import Publication
from tests.explain.test_explain import PLAN, pair

PUBLICATION = Publication(
    issuer="连云区教育局人事科",
    contact="王老师",
    phone="0518-85800000",
    date=dt.date(2023, 8, 20),
    report_place="乙小学校长室",
    appeal_contact="连云区教育局纪检组",
    appeal_days=7,
)


def letter_of(teacher_id: str, publication: Publication, lang="zh") -> str:
    scenario = pair().replace(publication=publication)
    explanations = explain_teachers(scenario, PLAN, [teacher_id], alternatives=False)
    return letter_pages(scenario, explanations, lang)[teacher_id]


def test_the_letter_carries_issuer_date_term_report_and_appeal():
    # L1 serves at M (Member school) in 2023: the school year 2023-09-01 .. 2024-07-15
    page = letter_of("L1", PUBLICATION)
    for piece in [
        "教师交流通知书",
        "name L1老师",
        "2023年9月1日至2024年7月15日在Member school",  # term_start, term_end of the next year
        "请于2023年8月28日到乙小学校长室报到",  # report_date of the first year, report_place
        "自收到本通知书之日起7个工作日内，向连云区教育局纪检组（电话：0518-85800000）提出书面申诉",
        "咨询：王老师（电话：0518-85800000）",
        "（盖章）",
        '<p class="issuer">连云区教育局人事科</p>',
        '<p class="date">2023年8月20日</p>',
        "回执",
    ]:
        assert piece in page, piece
    assert "pair" not in page.split("<body>")[1]  # never signed with the scenario's folder name


def test_what_the_office_left_blank_is_a_line_to_fill_in():
    page = letter_of("L1", Publication())
    # no issuer: a line to sign; no date: blanks for year, month and day
    assert '<p class="issuer">＿＿＿＿＿＿＿＿＿＿＿＿</p>' in page
    assert '<p class="date">　　　　年　　月　　日</p>' in page
    # no report place: the host school's office; the appeal goes to the issuer (a blank line)
    assert "请于2023年8月28日到Member school办公室报到" in page
    assert "5个工作日内，向＿＿＿＿＿＿＿＿＿＿＿＿提出书面申诉" in page
    assert "咨询" not in page


def test_the_letter_in_english():
    page = letter_of("M1", PUBLICATION, "en")
    assert "2023-09-01 to 2024-07-15 at Lead school" in page
    assert "within 7 working days" in page and "2023-08-20" in page
