"""The glossary has a word for every code people see, in both languages, and reads back in."""

from __future__ import annotations

import pytest

from solver import glossary
from solver.input.aliases import canonical_value
from solver.rules import CostTerm, Rule
from solver.scenario import Area, Level, OrgType, Role


@pytest.mark.parametrize("lang", glossary.LANGS)
def test_every_code_has_a_word(lang):
    for role in Role:
        assert glossary.role_word(role, lang)
    for org_type in OrgType:
        assert glossary.org_type_word(org_type, lang)
    for rule in Rule:
        assert glossary.rule_name(rule, lang)
    for term in CostTerm:
        assert glossary.cost_name(term, lang)
    for level in Level:
        assert glossary.value_word("level", level.value, lang) != level.value or lang == "en"
    for area in Area:
        assert glossary.value_word("area", area.value, lang)


def test_chinese_words_are_the_policy_words():
    assert [glossary.org_type_word(t, "zh") for t in OrgType] == [
        "教育集团",
        "结对共建",
        "教育共同体",
    ]
    assert glossary.role_word(Role.VICE_PRINCIPAL, "zh") == "副校长"
    assert glossary.role_word(Role.MIDDLE_CADRE, "zh") == "中层干部"
    assert glossary.role_word(Role.RESERVE_CADRE, "zh") == "后备干部"
    assert (glossary.yes_no(True, "zh"), glossary.yes_no(False, "zh")) == ("是", "否")
    assert glossary.rule_name("H12", "zh")
    assert glossary.summary_key("terms.move", "zh") == "成本项.交流人次"
    assert glossary.header("school_name", "zh") == "学校名称"


@pytest.mark.parametrize(
    ("column", "codes"),
    [("role", list(Role)), ("type", list(OrgType)), ("level", list(Level)), ("area", list(Area))],
)
def test_words_read_back_as_codes(column, codes):
    # A list printed in Chinese can be typed back in: the input aliases know every word.
    for code in codes:
        word = glossary.value_word(column, code.value, "zh")
        assert canonical_value(column, word) == code.value


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="zh, en"):
        glossary.check_lang("fr")


def test_names_fall_back_to_ids(basic):
    from solver.input.loader import load_scenario

    scenario = load_scenario(basic)
    assert glossary.school_name(scenario, "A") == "甲小学"
    assert glossary.org_name(scenario, "G1") == "甲小学教育集团"
    assert glossary.teacher_label(scenario, "T1", "zh") == "张伟（T1）"
    assert glossary.school_name(scenario, "ZZ") == "ZZ"
    assert glossary.teacher_name(scenario, "T99") == "T99"


def test_both_languages_of_a_sentence_take_the_same_blanks():
    import string

    for key, (zh, en) in glossary.PHRASES.items():
        blanks = [{f for _, f, _, _ in string.Formatter().parse(t) if f} for t in (zh, en)]
        assert blanks[0] == blanks[1], key
    assert glossary.phrase("count", "zh", n=3) == "共 3 人次"
