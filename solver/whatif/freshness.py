"""Is a solved output still what was written? (issue 19.5)

summary.json records the SHA-256 of every scenario file and of assignments.csv. An output read
later (by ``report`` or ``compare``) may sit beside a scenario edited since, or hold a plan
edited or swapped by hand: then the solver's recorded status, cost, terms and bound describe
something else, and showing them beside the plan's own figures would be silently wrong. This
says which files differ, so the readers can warn and show only what the audit recomputes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from solver.certify.check import compare_hashes
from solver.glossary import Lang, phrase
from solver.input.formats import PLAN_FILE
from solver.input.loader import HISTORY_FILE, scenario_files
from solver.output.certificate import sha256_of


@dataclass(frozen=True)
class Freshness:
    """What differs from what summary.json recorded: scenario files whose bytes changed, files
    it names that are gone, files the scenario has now that it does not name, and the plan."""

    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    plan_changed: bool = False

    @property
    def stale(self) -> bool:
        return bool(self.changed or self.missing or self.added or self.plan_changed)

    def files(self) -> list[str]:
        """Every file that differs, the plan first."""
        plan = [PLAN_FILE] if self.plan_changed else []
        return [*plan, *self.changed, *self.missing, *self.added]


def freshness(
    folder: Path, summary: dict[str, Any], scenario_folder: Path, *, with_plan: bool = True
) -> Freshness:
    """Compare the hashes recorded in ``folder``'s summary.json with the files as they are.

    An output written before hashes were recorded (no ``input_files``) cannot be checked and
    counts as fresh. The published plan of a re-plan (``history.csv`` given with
    ``--published``) is not named by its path in the summary, so it is compared only when the
    scenario folder itself holds a history.csv. ``with_plan`` is false for an output without a
    plan (its recorded hash is of a partial file, if any).
    """
    recorded = summary.get("input_files")
    changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    if isinstance(recorded, dict):
        now_files = scenario_files(scenario_folder)
        if HISTORY_FILE not in now_files:
            recorded = {k: v for k, v in recorded.items() if k != HISTORY_FILE}
        changed, missing, added, _ = compare_hashes(recorded, now_files)
    plan_changed = False
    plan_hash = summary.get("assignments_sha256")
    plan = Path(folder) / PLAN_FILE
    if with_plan and isinstance(plan_hash, str) and plan.is_file():
        plan_changed = sha256_of(plan) != plan_hash
    return Freshness(changed, missing, added, plan_changed)


def freshness_warning(label: str, fresh: Freshness, lang: Lang) -> str:
    """One sentence: which files of the output ``label`` changed since it was written, and
    what is shown instead of the solver's recorded figures."""
    sep = phrase("public_sep", lang)
    key = "stale_plan" if fresh.plan_changed else "stale_inputs"
    return phrase(key, lang, label=label, files=sep.join(fresh.files()))
