"""Publication lists (公示名单, SPEC §7): a plan as people read it, by organization and by school.

``build_roster`` turns any plan (the solver's, or one made by hand) into sections with names and
words: a summary of every quota per organization and year, one section per organization and one
per school (派出 then 接收). ``write_roster_xlsx`` prints them as a workbook ready for A4
landscape; ``solver.output.roster_html`` writes the same sections as one printable HTML page set.

Every plan row appears once in an organization section and twice in the school sections (at the
home school's 派出 and at the host school's 接收). A row naming an unknown teacher, school or
organization (a hand-made plan the audit rejects under H1) is still listed, by its codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from solver.audit import AuditReport, audit
from solver.audit.render import width
from solver.explain.quotas import QUOTA_COLUMNS, QuotaLine, quota_lines
from solver.glossary import (
    Lang,
    header,
    org_name,
    org_type_word,
    phrase,
    role_word,
    say,
    school_name,
    teacher_name,
    yes_no,
)
from solver.input.formats import escape_formula
from solver.input.plan import PlanRow, as_plan_rows
from solver.output.files import safe_cell
from solver.output.public.notice import PUBLIC_COLUMNS, PublicList, build_public_list
from solver.output.xlsx_writer import Sheet, write_xlsx
from solver.scenario import Assignment, Scenario

ORG_COLUMNS = (
    "year",
    "teacher_id",
    "teacher_name",
    "subject",
    "backbone",
    "role",
    "home_school_name",
    "host_school_name",
)
SCHOOL_COLUMNS = ("direction", *ORG_COLUMNS, "org_name")
HEADER_ROW = 4
"""Every roster sheet: three lines of title, then the header row, then one row per entry."""
SHEET_NAME_LIMIT = 31
SHEET_NAME_FORBIDDEN = "[]:*?/\\"


@dataclass(frozen=True)
class Entry:
    """One plan row in words (one teacher away for one year)."""

    year: int
    teacher_id: str
    teacher_name: str
    subject: str
    backbone: bool | None
    role: str | None
    home_school_id: str
    host_school_id: str
    org_id: str
    home_school_name: str
    host_school_name: str
    org_name: str

    def cells(self, columns: Sequence[str], lang: Lang, direction: str = "") -> list[object]:
        values: dict[str, object] = {
            "direction": direction,
            "year": self.year,
            "teacher_id": self.teacher_id,
            "teacher_name": self.teacher_name,
            "subject": self.subject,
            "backbone": yes_no(self.backbone, lang),
            "role": "" if self.role is None else role_word(self.role, lang),
            "home_school_name": self.home_school_name,
            "host_school_name": self.host_school_name,
            "org_name": self.org_name,
        }
        return [values[c] for c in columns]


@dataclass(frozen=True)
class Section:
    """A titled list: an organization's rows, or a school's 派出 and 接收 rows."""

    key: str
    title: str
    details: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


@dataclass(frozen=True)
class Roster:
    """Everything a publication list shows, already in words of one language."""

    lang: Lang
    title: str
    subtitle: str
    quota_lines: tuple[QuotaLine, ...]
    orgs: tuple[Section, ...]
    schools: tuple[Section, ...]
    entries: tuple[Entry, ...] = field(default=())
    public: PublicList | None = None
    """The public list (公示名单) as one list: the first sheet and the first page."""

    @property
    def summary(self) -> Section:
        return Section(
            "summary",
            say("summary_sheet", self.lang),
            (self.subtitle,),
            QUOTA_COLUMNS,
            tuple(tuple(q.cells(self.lang)) for q in self.quota_lines),
        )


def place_names(scenario: Scenario, row: PlanRow | Assignment) -> list[str]:
    """home_school_name, host_school_name, org_name of a plan row (assignments.csv's extra
    columns after the five of the contract)."""
    return [
        school_name(scenario, row.home_school_id),
        school_name(scenario, row.host_school_id),
        org_name(scenario, row.org_id),
    ]


def entries(scenario: Scenario, plan: Iterable[PlanRow | Assignment]) -> list[Entry]:
    """Every plan row in words, sorted by year, home school and teacher."""
    result = []
    for row in as_plan_rows(plan):
        t = scenario.teacher_by_id.get(row.teacher_id)
        result.append(
            Entry(
                row.year,
                row.teacher_id,
                teacher_name(scenario, row.teacher_id),
                t.subject if t else "",
                t.backbone if t else None,
                t.role.value if t else None,
                row.home_school_id,
                row.host_school_id,
                row.org_id,
                school_name(scenario, row.home_school_id),
                school_name(scenario, row.host_school_id),
                org_name(scenario, row.org_id),
            )
        )
    return sorted(result, key=lambda e: (e.year, e.home_school_id, e.teacher_id, e.org_id))


def build_roster(
    scenario: Scenario,
    plan: Sequence[PlanRow | Assignment],
    lang: Lang = "zh",
    report: AuditReport | None = None,
) -> Roster:
    """The publication lists of ``plan``: quota summary, organizations, schools.

    Parameters
    ----------
    scenario
        The scenario the plan is for (names, organizations, quotas).
    plan
        Any plan: the solver's rows or ``read_plan``'s.
    lang
        ``zh`` (default) or ``en``.
    report
        The audit of ``plan`` when already made (its numbers fill the summary).
    """
    report = report if report is not None else audit(scenario, plan)
    all_entries = entries(scenario, plan)
    years = scenario.years
    title = f"{scenario.info.name} {say('roster_title', lang)}"
    subtitle = phrase("roster_subtitle", lang, first=years[0], last=years[-1], n=len(all_entries))
    orgs = []
    known = {o.org_id for o in scenario.organizations}
    org_ids = [o.org_id for o in scenario.organizations]
    org_ids += sorted({e.org_id for e in all_entries} - known)
    by_org: dict[str, list[Entry]] = {}
    sent_by: dict[str, list[Entry]] = {}
    came_by: dict[str, list[Entry]] = {}
    for e in all_entries:
        by_org.setdefault(e.org_id, []).append(e)
        sent_by.setdefault(e.home_school_id, []).append(e)
        came_by.setdefault(e.host_school_id, []).append(e)
    for org_id in org_ids:
        org = scenario.org_by_id.get(org_id)
        in_org = by_org.get(org_id, [])
        details: tuple[str, ...]
        if org is not None:
            members = phrase("name_sep", lang).join(school_name(scenario, m) for m in org.members)
            details = (
                phrase("labelled", lang, label=header("org_type", lang),
                       value=org_type_word(org.type, lang)),
                phrase("labelled", lang, label=header("lead_school", lang),
                       value=school_name(scenario, org.lead_school_id)),
                phrase("labelled", lang, label=say("members", lang), value=members),
            )  # fmt: skip
        else:
            details = (phrase("unknown_org", lang),)
        orgs.append(
            Section(
                org_id,
                org_name(scenario, org_id),
                (*details, count_line(len(in_org), lang)),
                ORG_COLUMNS,
                tuple(tuple(e.cells(ORG_COLUMNS, lang)) for e in in_org),
            )
        )
    schools = []
    known_schools = [s.school_id for s in scenario.schools]
    extra = sorted(
        {e.home_school_id for e in all_entries} | {e.host_school_id for e in all_entries}
    )
    listed = set(known_schools)
    for school_id in known_schools + [s for s in extra if s not in listed]:
        sent = sent_by.get(school_id, [])
        came = came_by.get(school_id, [])
        rows: list[tuple[object, ...]] = [
            tuple(e.cells(SCHOOL_COLUMNS, lang, say("sent", lang))) for e in sent
        ]
        rows += [tuple(e.cells(SCHOOL_COLUMNS, lang, say("received", lang))) for e in came]
        detail = phrase("school_counts", lang, sent=len(sent), came=len(came))
        schools.append(
            Section(school_id, school_name(scenario, school_id), (detail,), SCHOOL_COLUMNS,
                    tuple(rows))
        )  # fmt: skip
    return Roster(
        lang,
        title,
        subtitle,
        tuple(quota_lines(scenario, report, lang)),
        tuple(orgs),
        tuple(schools),
        tuple(all_entries),
        build_public_list(scenario, plan, lang, by_org=False),
    )


def count_line(n: int, lang: Lang) -> str:
    return phrase("count", lang, n=n)


# --------------------------------------------------------------------------- xlsx


def sheet_names(titles: Sequence[str]) -> list[str]:
    """Excel sheet names for ``titles``: forbidden characters dropped, at most 31 characters,
    unique regardless of case (a repeat gets ``~2``, ``~3``, ...)."""
    used: set[str] = set()
    names = []
    for title in titles:
        base = "".join(ch for ch in title if ch not in SHEET_NAME_FORBIDDEN).strip("' ") or "-"
        base = base[:SHEET_NAME_LIMIT]
        name, n = base, 1
        while name.casefold() in used or name.casefold() == "history":
            n += 1
            suffix = f"~{n}"
            name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def xlsx_cell(value: object) -> object:
    """Numbers stay numbers; text is shown as text, never run as a formula."""
    if type(value) is str:  # most cells, quickly
        return escape_formula(value)
    if value is None or isinstance(value, bool):
        return safe_cell(value)
    if isinstance(value, int | float):
        return value
    return safe_cell(value)


def section_sheet(name: str, section: Section, lang: Lang) -> Sheet:
    """One sheet: title, details, the header on row ``HEADER_ROW``, then the rows."""
    heads = [header(c, lang) for c in section.columns]
    details = "　".join(section.details[:-1]) if len(section.details) > 1 else ""
    last = section.details[-1] if section.details else ""
    rows: list[list[object]] = [
        [xlsx_cell(section.title)],
        [xlsx_cell(details)],
        [xlsx_cell(last)],
        list[object](heads),
    ]
    rows += [[xlsx_cell(v) for v in row] for row in section.rows]
    widths = [width(h) for h in heads]
    for i, column in enumerate(zip(*section.rows, strict=True)):  # a cell per column
        widths[i] = max(widths[i], *(width("" if v is None else str(v)) for v in column))
    return Sheet(name, rows, HEADER_ROW, [min(max(w + 2, 6), 48) for w in widths])


def public_sheet(name: str, public: PublicList) -> Sheet:
    """The public list as a sheet: heading, 公示期, the header on row ``HEADER_ROW``, one row
    per person, then the contact and the 落款."""
    lang = public.lang
    page = public.pages[0]
    heads = [header(c, lang) for c in PUBLIC_COLUMNS]
    rows: list[list[object]] = [
        [xlsx_cell(page.title)],
        [xlsx_cell(page.intro)],
        [],
        list[object](heads),
    ]
    rows += [[xlsx_cell(v) for v in row] for row in page.rows]
    rows += [[], [xlsx_cell(page.closing)], [xlsx_cell(page.issuer)], [xlsx_cell(page.date)]]
    widths = [width(h) for h in heads]
    for i, column in enumerate(zip(*page.rows, strict=True)):
        widths[i] = max(widths[i], *(width(str(v)) for v in column))
    return Sheet(name, rows, HEADER_ROW, [min(max(w + 2, 6), 48) for w in widths])


def write_roster_xlsx(roster: Roster, target: Path) -> None:
    """roster.xlsx: the public list (公示名单) first, then the internal working sheets: the
    summary, one sheet per organization, one per school; print-ready
    (``solver.output.xlsx_writer``)."""
    summary = roster.summary
    sections = [
        Section(summary.key, roster.title, summary.details, summary.columns, summary.rows),
        *roster.orgs,
        *roster.schools,
    ]
    public = roster.public
    first = [say("public_sheet", roster.lang)] if public is not None else []
    names = sheet_names([*first, summary.title, *(s.title for s in sections[1:])])
    sheets = [public_sheet(names[0], public)] if public is not None else []
    own = names[len(first) :]
    sheets += [section_sheet(n, s, roster.lang) for n, s in zip(own, sections, strict=True)]
    write_xlsx(target, sheets)
