"""交流通知书: one printable page per moving teacher, in plain words, no network needed.

A notice is one a teacher can receive: who issues it and when, the teacher, the home and host
schools and the organization, the term of service by date, where and when to report (报到), the
reasons (``solver.explain.render``), how and until when to appeal (申诉), and a place for the
issuer's seal and the teacher's receipt. Everything the office decides comes from
``[publication]`` (``solver.scenario.Publication``); what it leaves blank is printed as a line
to fill in by hand, never invented.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from solver.explain.render import placement_line, reason_lines, why_lines, years_text
from solver.explain.run import Explanation
from solver.explain.teacher import Placement
from solver.glossary import Lang, header, org_name, phrase, role_word, say, school_name
from solver.scenario import Publication, Scenario

STYLE = """
@page { size: A4 portrait; margin: 20mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
       font-size: 12pt; line-height: 1.7; }
article { page-break-after: always; break-after: page; }
article:last-child { page-break-after: auto; break-after: auto; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.3em; }
table { border-collapse: collapse; margin: 4mm 0; }
th, td { border: 1px solid #555; padding: 1mm 3mm; text-align: left; }
p.sign { text-align: right; margin-top: 12mm; }
div.seal { float: right; width: 42mm; height: 42mm; border: 1px dashed #999; margin: 4mm 0 4mm 6mm;
           display: flex; align-items: center; justify-content: center; color: #999; }
p.issuer { text-align: right; margin: 14mm 0 0 0; }
p.date { text-align: right; margin: 0; }
p.receipt { clear: both; border-top: 1px dashed #555; margin-top: 16mm; padding-top: 3mm; }
"""


def day_text(year: int, month_day: str, lang: Lang) -> str:
    """``2024年9月1日`` for (2024, ``09-01``)."""
    month, day = (int(x) for x in month_day.split("-"))
    return phrase("letter_date", lang, y=year, m=month, d=day)


def issue_date(publication: Publication, lang: Lang) -> str:
    """The date of issue, or a blank to write it in by hand."""
    d: dt.date | None = publication.date
    if d is None:
        return phrase("letter_date_blank", lang)
    return phrase("letter_date", lang, y=d.year, m=d.month, d=d.day)


def service_terms(scenario: Scenario, p: Placement, lang: Lang) -> str:
    """Each run of years at one host by date: ``2024年9月1日至2025年7月15日在乙小学``."""
    pub = scenario.publication
    runs: list[tuple[str, list[int]]] = []
    for r in sorted(p.rows, key=lambda r: r.year):
        if runs and runs[-1][0] == r.host_school_id and runs[-1][1][-1] == r.year - 1:
            runs[-1][1].append(r.year)
        else:
            runs.append((r.host_school_id, [r.year]))
    return phrase("name_sep", lang).join(
        phrase(
            "letter_term_run",
            lang,
            start=day_text(years[0], pub.term_start, lang),
            end=day_text(years[-1] + 1, pub.term_end, lang),
            host=school_name(scenario, host),
        )
        for host, years in runs
    )


def report_line(scenario: Scenario, p: Placement, lang: Lang) -> str:
    """When and where to report at the first host."""
    pub = scenario.publication
    first = min(p.rows, key=lambda r: r.year)
    host = school_name(scenario, first.host_school_id)
    place = pub.report_place or phrase("letter_host_office", lang, host=host)
    date = day_text(first.year, pub.report_date, lang)
    return phrase("letter_report_at", lang, date=date, place=place)


def contact_text(name: str, phone: str, lang: Lang) -> tuple[str, str]:
    """The contact (a line to fill in when blank) and its phone in brackets (or nothing)."""
    return (
        name or phrase("letter_issuer_blank", lang),
        phrase("letter_phone", lang, phone=phone) if phone else "",
    )


def appeal_line(publication: Publication, lang: Lang) -> str:
    """Who receives an appeal and until when; the issuer and its phone when not set apart."""
    contact, phone = contact_text(
        publication.appeal_contact or publication.issuer,
        publication.appeal_phone or publication.phone,
        lang,
    )
    return phrase("letter_appeal", lang, days=publication.appeal_days, contact=contact, phone=phone)


def letter_html(scenario: Scenario, e: Explanation, lang: Lang) -> str:
    """The notice of one teacher as an ``<article>`` (a printed page)."""
    p = e.placement
    t = p.teacher
    sep = phrase("name_sep", lang)
    hosts = sep.join(dict.fromkeys(school_name(scenario, r.host_school_id) for r in p.rows))
    orgs = sep.join(dict.fromkeys(org_name(scenario, r.org_id) for r in p.rows))
    facts = [
        ("teacher_name", t.name),
        ("teacher_id", t.teacher_id),
        ("subject", t.subject),
        ("role", role_word(t.role, lang)),
        ("home_school_name", school_name(scenario, t.school_id)),
        ("host_school_name", hosts),
        ("years", years_text([r.year for r in p.rows], lang)),
        ("org_name", orgs),
    ]
    pub = scenario.publication
    rows = "".join(
        f"<tr><th>{escape(header(k, lang))}</th><td>{escape(v)}</td></tr>" for k, v in facts
    ) + "".join(
        f"<tr><th>{escape(phrase(k, lang))}</th><td>{escape(v)}</td></tr>"
        for k, v in (
            ("letter_term", service_terms(scenario, p, lang)),
            ("letter_report", report_line(scenario, p, lang)),
        )
    )
    whys = "".join(
        f"<li>{escape(r)}</li>"
        for r in why_lines(scenario, p, e.why, e.alternative, lang, phrase("you", lang))
    )
    reasons = "".join(f"<li>{escape(r)}</li>" for r in reason_lines(scenario, p, lang))
    greeting = escape(phrase("letter_greeting", lang, name=t.name))
    body = escape(phrase("letter_body", lang, placement=placement_line(scenario, p, lang)))
    why = escape(phrase("letter_why", lang))
    rules = escape(phrase("letter_rules", lang))
    issuer = pub.issuer or phrase("letter_issuer_blank", lang)
    questions = ""
    if pub.contact or pub.phone:
        contact, phone = contact_text(pub.contact, pub.phone, lang)
        questions = (
            f"<p>{escape(phrase('letter_questions', lang, contact=contact, phone=phone))}</p>"
        )
    return (
        f"<article><h1>{escape(say('notice_title', lang))}</h1><p>{greeting}<br>{body}</p>"
        f"<table>{rows}</table>"
        + (f"<p>{why}</p><ul>{whys}</ul>" if whys else "")
        + f"<p>{rules}</p><ol>{reasons}</ol>"
        f'<p class="appeal">{escape(appeal_line(pub, lang))}</p>{questions}'
        f'<div class="seal">{escape(phrase("letter_seal", lang))}</div>'
        f'<p class="issuer">{escape(issuer)}</p>'
        f'<p class="date">{escape(issue_date(pub, lang))}</p>'
        f'<p class="receipt">{escape(phrase("letter_receipt", lang))}</p></article>'
    )


def page(articles: list[str], title: str, lang: Lang) -> str:
    """A whole HTML document around notices."""
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><title>{escape(title)}</title><style>{STYLE}</style></head>\n'
        "<body>\n" + "\n".join(articles) + "\n</body></html>\n"
    )


def letters_html(scenario: Scenario, explanations: list[Explanation], lang: Lang) -> str:
    """Every moving teacher's notice, one per printed page, in one file."""
    articles = [letter_html(scenario, e, lang) for e in explanations if e.placement.moves]
    return page(articles, say("notice_title", lang), lang)


def letter_pages(scenario: Scenario, explanations: list[Explanation], lang: Lang) -> dict[str, str]:
    """Each moving teacher's notice as its own document, by teacher id (to hand out one by one)."""
    return {
        e.placement.teacher.teacher_id: page(
            [letter_html(scenario, e, lang)],
            f"{say('notice_title', lang)} {e.placement.teacher.name}",
            lang,
        )
        for e in explanations
        if e.placement.moves
    }
