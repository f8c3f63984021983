"""certificate.html: the certificate as a page an auditor prints, signs and seals (A4).

It shows what was verified, as it stands on the day: the scenario, its cycle, every input file
with its SHA-256, the plan's hash, the audit's result per rule, the cost, the one-line verdict,
and the auditor's name with room for signature and seal. Self-contained, no network.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from solver.certify.check import Verification
from solver.certify.verdict import verdict_line, verdict_word
from solver.glossary import Lang, phrase, rule_label

STYLE = """
@page { size: A4 portrait; margin: 18mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
       font-size: 11pt; line-height: 1.6; max-width: 180mm; margin: auto; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.2em; }
h2 { font-size: 12pt; margin: 5mm 0 1mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: 0.8mm 2mm; text-align: left; vertical-align: top; }
td.num { text-align: right; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; white-space: nowrap; }
p.verdict { font-weight: bold; border: 2px solid #333; padding: 2mm 3mm; }
p.verdict.fails { border-color: #b00; color: #b00; }
div.sign { display: flex; justify-content: space-between; align-items: flex-end; margin-top: 10mm;
           break-inside: avoid; }
div.seal { width: 40mm; height: 40mm; border: 1px dashed #999; display: flex; color: #999;
           align-items: center; justify-content: center; }
span.line { display: inline-block; min-width: 50mm; border-bottom: 1px solid #333; }
"""


def rows_html(cells: list[tuple[str, str]]) -> str:
    return "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in cells)


def certificate_html(v: Verification, auditor: str, today: dt.date, lang: Lang) -> str:
    """The page of one verification; ``auditor`` blank leaves a line to write the name on."""
    cert = v.certificate
    say = lambda key, **kw: phrase(key, lang, **kw)  # noqa: E731
    cycle = ""
    if v.scenario is not None:
        years = v.scenario.years
        cycle = f"{years[0]}–{years[-1]}"
    overrides = ", ".join(cert.get("overrides") or []) or say("cert_none")
    plan = cert["plan"]
    facts = [
        (say("cert_scenario"), escape(str(cert.get("scenario") or ""))),
        (say("cert_cycle"), escape(cycle)),
        (
            say("cert_date"),
            escape(phrase("letter_date", lang, y=today.year, m=today.month, d=today.day)),
        ),
        (
            say("cert_program"),
            escape(f"{cert.get('program_version')} / {cert.get('catalogue_version')}"),
        ),
        (say("cert_overrides"), escape(overrides)),
        (
            say("cert_plan"),
            f"{escape(str(plan.get('file')))} · "
            f"{escape(say('cert_rows', n=plan.get('rows')))}<br>"
            f"<code>{escape(str(plan.get('sha256')))}</code>",
        ),
    ]
    paths = cert.get("scenario_paths") or {}
    files = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(str(paths.get(name, '')))}<br>"
        f"<code>{escape(str(digest))}</code></td></tr>"
        for name, digest in sorted(cert["scenario_files"].items())
    )
    rules = ""
    if v.report is not None:
        for rule, summary in v.report.per_rule.items():
            word = verdict_word(not summary.violations, summary.violations, lang)
            rules += (
                f"<tr><td>{escape(rule_label(rule.value, lang))}</td>"
                f'<td class="num">{summary.checked}</td><td class="num">{summary.violations}</td>'
                f"<td>{escape(word)}</td></tr>"
            )
    verdict = verdict_line(v, lang)
    name = escape(auditor) if auditor else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><title>{escape(say("cert_title"))}</title>'
        f"<style>{STYLE}</style></head>\n<body>\n"
        f"<h1>{escape(say('cert_title'))}</h1>\n"
        f'<p class="verdict{"" if v.holds else " fails"}">{escape(verdict)}</p>\n'
        f"<table>{rows_html(facts)}</table>\n"
        f"<h2>{escape(say('cert_files'))}</h2>\n"
        f"<table><tr><th>{escape(say('cert_file'))}</th><th>{escape(say('cert_path'))} · "
        f"SHA-256</th></tr>{files}</table>\n"
        f"<h2>{escape(say('cert_rules'))}</h2>\n"
        f"<table><tr><th>{escape(say('cert_rule'))}</th><th>{escape(say('cert_checked'))}</th>"
        f"<th>{escape(say('cert_violations'))}</th><th>{escape(say('cert_verdict'))}</th></tr>"
        f"{rules}</table>\n"
        f"<p>{escape(say('cert_cost'))}：{escape(str(v.cost_now))}</p>\n"
        f'<div class="sign"><div><p>{escape(say("cert_auditor"))}：'
        f'<span class="line">{name}</span></p>'
        f'<p>{escape(say("cert_signature"))}：<span class="line"></span></p>'
        f'<p>{escape(say("cert_date"))}：<span class="line"></span></p></div>'
        f'<div class="seal">{escape(say("cert_seal"))}</div></div>\n'
        "</body></html>\n"
    )
