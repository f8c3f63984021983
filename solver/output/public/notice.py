"""The public list (公示名单, issue 22): what an office posts, one row per person, nothing internal.

Apart from the internal working lists of ``solver.output.roster`` (quotas, per-organization and
per-school detail), the public list shows each teacher who moves once: 序号, 姓名, 性别, 学科,
骨干, 职务, 派出学校, 接收学校, 交流期限 (school-year dates from the cycle and ``[publication]``'s
term) and the organization, under a heading, the 公示期, the contact and the 落款 from
``[publication]`` (``solver.scenario.Publication``). What the office has not set is a blank to
fill in by hand, never an invented value. No rule code, cost or 工号 appears on it.

Imports: the scenario, the plan reader's rows and the glossary only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from solver.glossary import (
    GENDERS,
    Lang,
    org_name,
    phrase,
    pick,
    role_word,
    say,
    school_name,
    yes_no,
)
from solver.input.plan import PlanRow, as_plan_rows
from solver.scenario import Assignment, Publication, PublicPages, Scenario, Teacher

PUBLIC_COLUMNS = (
    "seq",
    "teacher_name",
    "gender",
    "subject",
    "backbone",
    "role",
    "home_school_name",
    "host_school_name",
    "term",
    "org_name",
)


@dataclass(frozen=True)
class PublicPage:
    """One posted page: its rows (序号 from 1) under the notice's heading and 落款."""

    key: str
    title: str
    intro: str
    rows: tuple[tuple[object, ...], ...]
    closing: str
    issuer: str
    date: str


@dataclass(frozen=True)
class PublicList:
    """The public list in words of one language: one page, or one per organization."""

    lang: Lang
    pages: tuple[PublicPage, ...]


def backbone_cell(teacher: Teacher | None, lang: Lang) -> str:
    """是/否; the level (县级, 市级...) is the hook for teachers.csv ``backbone_level``
    (SPEC §8) once the scenario carries it."""
    return yes_no(teacher.backbone if teacher else None, lang)


def month_text(year: int, month_day: str, lang: Lang) -> str:
    """``2023年9月`` for (2023, ``09-01``)."""
    return phrase("public_month", lang, y=year, m=int(month_day.split("-")[0]))


def term_text(years: Sequence[int], publication: Publication, lang: Lang) -> str:
    """The school years served as dates: ``2023年9月至2024年7月`` for the year 2023."""
    return phrase(
        "public_term",
        lang,
        start=month_text(years[0], publication.term_start, lang),
        end=month_text(years[-1] + 1, publication.term_end, lang),
    )


def runs(rows: Sequence[PlanRow]) -> list[list[PlanRow]]:
    """A teacher's rows as terms: consecutive years at one host in one organization."""
    result: list[list[PlanRow]] = []
    for r in sorted(rows, key=lambda r: r.year):
        last = result[-1][-1] if result else None
        if (
            last is not None
            and (last.host_school_id, last.org_id) == (r.host_school_id, r.org_id)
            and last.year == r.year - 1
        ):
            result[-1].append(r)
        else:
            result.append([r])
    return result


def working_days_after(start: dt.date, days: int) -> dt.date:
    """The last day of ``days`` working days (Monday to Friday) from ``start`` on (a weekend
    start counts from the Monday). Public holidays are not known: the office checks them."""
    day = start
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    counted = 1
    while counted < days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day


def date_text(d: dt.date, lang: Lang) -> str:
    return phrase("letter_date", lang, y=d.year, m=d.month, d=d.day)


def notice_period(publication: Publication, lang: Lang) -> str:
    """公示期: from the date of issue for ``notice_days`` working days, or blanks to fill in."""
    days = publication.notice_days
    if publication.date is None:
        return phrase("public_period_blank", lang, days=days)
    start = publication.date
    end = working_days_after(start, max(days, 1))
    return phrase(
        "public_period", lang, start=date_text(start, lang), end=date_text(end, lang), days=days
    )


def person_rows(
    scenario: Scenario, rows: Iterable[PlanRow], lang: Lang
) -> list[tuple[str, tuple[object, ...]]]:
    """(org_id of the first term, cells without 序号) per person, in the scenario's order of
    organizations, then home school, then teacher."""
    by_teacher: dict[str, list[PlanRow]] = {}
    for r in rows:
        by_teacher.setdefault(r.teacher_id, []).append(r)
    org_order = {o.org_id: i for i, o in enumerate(scenario.organizations)}
    school_order = {s.school_id: i for i, s in enumerate(scenario.schools)}
    sep = phrase("public_sep", lang)
    people = []
    for teacher_id, own in by_teacher.items():
        terms = runs(own)
        t = scenario.teacher_by_id.get(teacher_id)
        first = terms[0][0]
        cells: tuple[object, ...] = (
            t.name if t else teacher_id,
            pick(GENDERS, t.gender.value, lang) if t and t.gender else "",
            t.subject if t else "",
            backbone_cell(t, lang),
            role_word(t.role.value, lang) if t else "",
            school_name(scenario, first.home_school_id),
            sep.join(school_name(scenario, run[0].host_school_id) for run in terms),
            sep.join(term_text([r.year for r in run], scenario.publication, lang) for run in terms),
            sep.join(dict.fromkeys(org_name(scenario, run[0].org_id) for run in terms)),
        )
        key = (
            org_order.get(first.org_id, len(org_order)),
            first.org_id,
            school_order.get(first.home_school_id, len(school_order)),
            first.home_school_id,
            teacher_id,
        )
        people.append((key, first.org_id, cells))
    people.sort(key=lambda p: p[0])
    return [(org_id, cells) for _, org_id, cells in people]


def numbered(people: Sequence[tuple[str, tuple[object, ...]]]) -> tuple[tuple[object, ...], ...]:
    return tuple((i, *cells) for i, (_, cells) in enumerate(people, start=1))


def build_public_list(
    scenario: Scenario,
    plan: Sequence[PlanRow | Assignment],
    lang: Lang = "zh",
    by_org: bool | None = None,
) -> PublicList:
    """The public list of ``plan``.

    Parameters
    ----------
    scenario
        Names, genders, the cycle and ``[publication]``.
    plan
        Any plan (a row naming an unknown teacher or school is listed by its codes).
    lang
        ``zh`` (default) or ``en``.
    by_org
        One page per organization (each numbered from 1, each with its heading and 落款);
        ``None``: as ``[publication] pages`` says.
    """
    pub = scenario.publication
    if by_org is None:
        by_org = pub.pages == PublicPages.ORG
    people = person_rows(scenario, as_plan_rows(plan), lang)
    years = scenario.years
    issuer = pub.issuer or phrase("public_blank", lang)
    date = date_text(pub.date, lang) if pub.date else phrase("letter_date_blank", lang)
    contact = pub.contact or phrase("public_blank", lang)
    phone = pub.phone or phrase("public_blank", lang)
    closing = phrase("public_closing", lang, contact=contact, phone=phone)

    def page(key: str, scope: str, own: Sequence[tuple[str, tuple[object, ...]]]) -> PublicPage:
        title = phrase(
            "public_title", lang, issuer=issuer, scope=scope, first=years[0], last=years[-1] + 1
        )
        intro = phrase("public_intro", lang, n=len(own), period=notice_period(pub, lang))
        return PublicPage(key, title, intro, numbered(own), closing, issuer, date)

    if not by_org:
        return PublicList(lang, (page("public", "", people),))
    pages = []
    org_ids = list(
        dict.fromkeys([o.org_id for o in scenario.organizations] + [p[0] for p in people])
    )
    for org_id in org_ids:
        own = [p for p in people if p[0] == org_id]
        if own:
            scope = phrase("public_scope", lang, org=org_name(scenario, org_id))
            pages.append(page(org_id, scope, own))
    if not pages:
        pages.append(page("public", "", []))
    return PublicList(lang, tuple(pages))


def public_title_word(lang: Lang) -> str:
    """The sheet and page name of the public list."""
    return say("public_sheet", lang)
