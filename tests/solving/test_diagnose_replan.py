"""Why a re-plan (SPEC §6) has no plan: the explanation names the history that clashes.

Cycle 2023-2025 re-planned from 2024; a1 of A served at B in 2023 under pairing p (A leads B, C).
"""

from __future__ import annotations

import pytest

from solver.solving.diagnose import diagnose
from tests.helpers_build import lock, org, row, scenario, school, teacher
from tests.model.test_replan import replan


@pytest.mark.parametrize(
    ("policy", "locked", "piece"),
    [
        ({}, lock("a1", 2025, "B"), "rotation was served in history; served in history: 2023"),
        ({}, lock("a1", 2023, "A"), "2023 is served and the history has them at school B"),
        ({"min_term_years": 2, "max_term_years": 2}, lock("a1", 2024, "A"),
         "the term must go on at school B from 2024"),
    ],
)  # fmt: skip
def test_the_diagnosis_names_the_history(policy: dict, locked, piece: str) -> None:
    s = scenario([school("A"), school("B"), school("C")],
                 [org("p", "pairing", "A", ["B", "C"])], [teacher("a1", "A")],
                 years=3, policy=policy, locks=(locked,))  # fmt: skip
    d = diagnose(replan(s, [row("a1", 2023, "A", "B", "p")]), 10)
    assert d.verdict == "infeasible"
    assert any(piece in line for line in d.lines()), d.lines()
