"""docs/settings.md documents every setting the loader accepts, and is up to date."""

from __future__ import annotations

from pathlib import Path

from solver.input.settings import valid_keys
from solver.input.settings_reference import NOTES, note_key, reference_page

PAGE = Path(__file__).parents[2] / "docs" / "settings.md"


def test_the_page_is_up_to_date():
    assert PAGE.read_text(encoding="utf-8") == reference_page(), (
        "docs/settings.md is out of date: "
        "python -m solver.input.settings_reference > docs/settings.md"
    )


def test_every_setting_has_a_row_with_its_default_and_label():
    page = reference_page()
    for key in valid_keys():
        assert note_key(key) in NOTES, key
        assert f"| `{key}` |" in page
    assert "| `policy.max_cadre_out_share` | 干部外出最高比例 |" in page
    assert "`0.15` | 0..1 |" in page  # policy.group.backbone_out_ratio's own default


def test_no_note_for_a_setting_that_does_not_exist():
    described = {note_key(k) for k in valid_keys()}
    assert set(NOTES) == described
