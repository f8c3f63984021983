"""Shared fixtures: a writable copy of the tiny hand-made scenario in tests/data/basic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    """A fresh copy of tests/data/basic that a test may edit."""
    folder = tmp_path / "basic"
    shutil.copytree(DATA / "basic", folder)
    return folder


def edit(folder: Path, file_name: str, old: str, new: str) -> None:
    """Replace text in one file of a scenario copy (the text must be there)."""
    path = folder / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file_name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
