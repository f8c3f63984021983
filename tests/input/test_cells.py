"""Cells read the same on the fast paths (plain digits, ASCII rows) as on the general ones."""

from __future__ import annotations

import pytest

from solver.input.aliases import normalise, normalise_cells
from solver.input.tables import CellError, parse_decimal, parse_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2019", 2019),
        ("0012", 12),  # leading zeros: twelve, as Decimal reads it
        ("999999999999", 999_999_999_999),  # 12 digits: the largest number allowed
        ("000000000000007", 7),  # more than 12 characters, still small
        ("-3", -3),
        ("2019.0", 2019),
        ("1e3", 1000),
        ("٣", 3),  # an Arabic-Indic digit: not ASCII, read by Decimal
    ],
)
def test_whole_numbers(text: str, value: int):
    assert parse_int(text) == value
    assert parse_int(text) == int(parse_decimal(text))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1000000000000", "number '1000000000000' is too large"),  # 13 digits
        ("²", "expected a whole number, found '²'"),  # a digit to str.isdigit, not to Decimal
        ("2019.5", "expected a whole number, found '2019.5'"),
        ("19x0", "expected a whole number, found '19x0'"),
    ],
)
def test_not_whole_numbers(text: str, message: str):
    with pytest.raises(CellError, match=message):
        parse_int(text)


def test_a_row_is_normalised_cell_by_cell():
    cells = [" T1 ", "陈静 ", "１２３", "ＡＢ", "", "\t", "a，b", "plain"]
    assert normalise_cells(cells) == [normalise(c) for c in cells]
