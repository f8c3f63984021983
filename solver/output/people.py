"""The outputs for people (SPEC §7) that go with every plan: roster.xlsx, roster.html and
publication.html (the public list to post, issue 22).

``write_people_outputs`` is the one call ``solve``, ``replan`` and ``roster`` make, so every
plan written comes with its publication lists in the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from solver.audit import AuditReport
from solver.glossary import Lang, check_lang
from solver.input.plan import PlanRow
from solver.output.public.html import publication_html
from solver.output.public.notice import build_public_list
from solver.output.roster import build_roster, write_roster_xlsx
from solver.output.roster_html import roster_html
from solver.scenario import Assignment, Scenario

ROSTER_XLSX = "roster.xlsx"
ROSTER_HTML = "roster.html"
PUBLICATION_HTML = "publication.html"


def write_people_outputs(
    out_dir: Path,
    scenario: Scenario,
    plan: Sequence[PlanRow | Assignment],
    lang: str = "zh",
    report: AuditReport | None = None,
) -> list[Path]:
    """Write ``roster.xlsx``, ``roster.html`` and ``publication.html`` for ``plan`` into the
    existing ``out_dir``.

    Call it inside ``solver.output.files.atomic_output_dir`` so the lists appear together with
    the plan they show.

    Parameters
    ----------
    out_dir
        An existing folder (normally the temporary folder of an atomic output).
    scenario, plan
        Any plan of the scenario (rows the audit rejects are listed by their codes).
    lang
        ``zh`` (default) or ``en``.
    report
        The audit of ``plan``, when already made (saves auditing twice).

    Returns
    -------
    list[Path]
        The files written.
    """
    language: Lang = check_lang(lang)
    roster = build_roster(scenario, plan, language, report)
    xlsx, html = Path(out_dir) / ROSTER_XLSX, Path(out_dir) / ROSTER_HTML
    write_roster_xlsx(roster, xlsx)
    html.write_text(roster_html(roster), encoding="utf-8")
    public = Path(out_dir) / PUBLICATION_HTML
    public_list = build_public_list(scenario, plan, language)
    public.write_text(publication_html(public_list), encoding="utf-8")
    return [xlsx, html, public]
