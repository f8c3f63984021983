"""交流通知书: one printable page per moving teacher, in plain words, no network needed.

A notice names the teacher, the home and host schools, the years and the organization, and
gives the reasons of ``solver.explain.render.reason_lines`` (the audit's rule instances).
"""

from __future__ import annotations

from html import escape

from solver.explain.render import placement_line, reason_lines, years_text
from solver.explain.run import Explanation
from solver.glossary import Lang, header, org_name, phrase, role_word, say, school_name
from solver.scenario import Scenario

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
"""


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
    rows = "".join(
        f"<tr><th>{escape(header(k, lang))}</th><td>{escape(v)}</td></tr>" for k, v in facts
    )
    reasons = "".join(f"<li>{escape(r)}</li>" for r in reason_lines(scenario, p, lang))
    greeting = escape(phrase("letter_greeting", lang, name=t.name))
    body = escape(phrase("letter_body", lang, placement=placement_line(scenario, p, lang)))
    why = escape(phrase("letter_why", lang))
    sign = escape(phrase("letter_sign", lang, scenario=scenario.info.name))
    return (
        f"<article><h1>{escape(say('notice_title', lang))}</h1><p>{greeting}<br>{body}</p>"
        f"<table>{rows}</table><p>{why}</p><ol>{reasons}</ol>"
        f'<p class="sign">{sign}</p></article>'
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
