"""roster.html: the publication lists as one printable page set (A4 landscape), no network.

The first page is the public list (``solver.output.public.html``), the rest the internal working
lists. Each organization and each school starts on a new printed page; a table's header row repeats
on every page it runs over. Every text is HTML-escaped: a name cannot inject markup.
"""

from __future__ import annotations

from html import escape

from solver.glossary import Lang, header
from solver.output.public.html import STYLE as PUBLIC_STYLE
from solver.output.public.html import public_body_html
from solver.output.roster import Roster, Section

STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun",
       sans-serif; font-size: 10.5pt; color: #000; margin: 0 8mm; }
h1 { font-size: 16pt; margin: 6mm 0 2mm; }
h2 { font-size: 14pt; margin: 4mm 0 1mm; }
p.details { margin: 0 0 2mm; }
section { page-break-before: always; break-before: page; }
section.first { page-break-before: auto; break-before: auto; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { border: 1px solid #888; padding: 1mm 2mm; text-align: left; }
th { background: #ddd; }
td.n { text-align: right; }
"""


def table_html(section: Section, lang: Lang) -> str:
    """A table whose header row repeats on every printed page (``thead``)."""
    heads = "".join(f"<th>{escape(header(c, lang))}</th>" for c in section.columns)
    body = ["<tr>" + "".join([cell_html(v) for v in row]) + "</tr>" for row in section.rows]
    rows = "\n".join(body)
    return f"<table><thead><tr>{heads}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>"


def cell_html(value: object) -> str:
    """One cell; whole numbers are aligned right."""
    if type(value) is str:  # most cells, first
        return f"<td>{escape(value)}</td>"
    text = "" if value is None else str(value)
    kind = ' class="n"' if isinstance(value, int) and not isinstance(value, bool) else ""
    return f"<td{kind}>{escape(text)}</td>"


def section_html(section: Section, lang: Lang) -> str:
    """One organization or school, starting on a new page."""
    details = "".join(f'<p class="details">{escape(d)}</p>' for d in section.details)
    return (
        f'<section id="{escape(section.key, quote=True)}">'
        f"<h2>{escape(section.title)}</h2>{details}{table_html(section, lang)}</section>"
    )


def roster_html(roster: Roster) -> str:
    """The whole page set: the public list (公示名单) alone on the first page, then the
    internal working lists: the quota summary, each organization, each school."""
    summary = roster.summary
    first = ' class="first"' if roster.public is None else ""
    parts = [public_body_html(roster.public)] if roster.public is not None else []
    parts += [
        f'<section{first} id="summary"><h1>{escape(roster.title)}</h1>'
        f'<p class="details">{escape(roster.subtitle)}</p>'
        f"<h2>{escape(summary.title)}</h2>{table_html(summary, roster.lang)}</section>"
    ]
    parts += [section_html(s, roster.lang) for s in (*roster.orgs, *roster.schools)]
    lang_attr = "zh-CN" if roster.lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang_attr}"><head><meta charset="utf-8">'
        f"<title>{escape(roster.title)}</title><style>{STYLE}{PUBLIC_STYLE}</style></head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body></html>\n"
    )
