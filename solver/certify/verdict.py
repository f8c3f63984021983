"""A verification in one line, in the reader's language: holds, or the first reason it does not."""

from __future__ import annotations

from solver.certify.check import Verification
from solver.glossary import Lang, phrase, rule_label


def verdict_word(compliant: bool, violations: int, lang: Lang) -> str:
    return (
        phrase("compliant_word", lang)
        if compliant
        else phrase("violations_word", lang, n=violations)
    )


def verdict_line(v: Verification, lang: Lang) -> str:
    """The one line ``rotation verify`` prints: files first (a changed file explains a changed
    audit), then rules, then the cost."""
    sep = phrase("name_sep", lang)
    if v.changed:
        return phrase("verify_file_changed", lang, files=sep.join(v.changed))
    if v.missing:
        return phrase("verify_file_missing", lang, files=sep.join(v.missing))
    if v.added:
        return phrase("verify_file_added", lang, files=sep.join(v.added))
    if v.plan_changed:
        return phrase("verify_plan_changed", lang, file=v.certificate["plan"].get("file", ""))
    if v.rules:
        counts = sep.join(
            phrase(
                "verify_rule_count",
                lang,
                rule=rule_label(r.rule, lang),
                now=r.now,
                recorded=r.recorded,
            )
            for r in v.rules
        )
        return phrase("verify_rule_fails", lang, rules=counts)
    if v.cost_now != v.certificate.get("cost"):
        return phrase(
            "verify_cost_differs", lang, now=v.cost_now, recorded=v.certificate.get("cost")
        )
    assert v.report is not None
    verdict = verdict_word(v.report.compliant, len(v.report.violations), lang)
    return phrase(
        "verify_holds",
        lang,
        scenario=v.certificate.get("scenario") or "",
        files=len(v.certificate["scenario_files"]),
        verdict=verdict,
        cost=v.cost_now,
    )
