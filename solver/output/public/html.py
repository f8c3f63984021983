"""publication.html and the first page of roster.html: the public list (公示名单) to post.

A4 portrait, no network: each page of ``solver.output.public.notice`` (the one list, or one per
organization) is a notice of its own, heading, 公示期, table, contact and 落款, starting on a new
printed page; the table header repeats on every page it runs over. All text is HTML-escaped.
"""

from __future__ import annotations

from html import escape

from solver.glossary import header
from solver.output.public.notice import PUBLIC_COLUMNS, PublicList, PublicPage

STYLE = """
@page { size: A4 portrait; margin: 15mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun",
       sans-serif; font-size: 10.5pt; color: #000; margin: 0; }
article.public { page-break-before: always; break-before: page; }
article.public:first-of-type { page-break-before: auto; break-before: auto; }
article.public h1 { font-size: 16pt; text-align: center; margin: 4mm 0 4mm; }
article.public p { margin: 0 0 2mm; text-indent: 2em; line-height: 1.6; }
article.public table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
article.public thead { display: table-header-group; }
article.public tr { page-break-inside: avoid; break-inside: avoid; }
article.public th, article.public td { border: 1px solid #555; padding: 1mm 1.5mm;
       text-align: center; font-size: 9.5pt; }
article.public th { background: #eee; }
article.public td:nth-child(-n+6), article.public td:nth-child(9),
article.public th { white-space: nowrap; }
article.public p.issuer, article.public p.date { text-align: right; text-indent: 0;
       margin: 0 4mm 0 0; }
article.public p.issuer { margin-top: 8mm; }
"""


def public_page_html(page: PublicPage, lang_list: PublicList) -> str:
    """One posted notice as an ``<article>``."""
    lang = lang_list.lang
    heads = "".join(f"<th>{escape(header(c, lang))}</th>" for c in PUBLIC_COLUMNS)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in page.rows
    )
    return (
        f'<article class="public" id="{escape(page.key, quote=True)}">'
        f"<h1>{escape(page.title)}</h1><p>{escape(page.intro)}</p>"
        f"<table><thead><tr>{heads}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"
        f"<p>{escape(page.closing)}</p>"
        f'<p class="issuer">{escape(page.issuer)}</p><p class="date">{escape(page.date)}</p>'
        "</article>"
    )


def public_body_html(public: PublicList) -> str:
    """Every page of the public list, to place in a document."""
    return "\n".join(public_page_html(p, public) for p in public.pages)


def publication_html(public: PublicList) -> str:
    """publication.html: the public list alone, print-ready."""
    lang_attr = "zh-CN" if public.lang == "zh" else "en"
    title = public.pages[0].title
    return (
        f'<!DOCTYPE html>\n<html lang="{lang_attr}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n"
        + public_body_html(public)
        + "\n</body></html>\n"
    )
