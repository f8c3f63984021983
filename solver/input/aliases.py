"""Chinese column headers and values as planners type them, mapped to the SPEC's names.

Office spreadsheets say 工号, 性别 = 男, 学段 = 小学; the model says teacher_id, gender = M,
level = primary. Both are accepted everywhere; docs/input-formats.md lists every alias.
"""

from __future__ import annotations

import re
import unicodedata

COLUMN_ALIASES: dict[str, str] = {
    # schools.csv
    "学校代码": "school_id",
    "学校编号": "school_id",
    "学校名称": "name",
    "所属区县": "district",
    "区县": "district",
    "学段": "level",
    "区域": "area",
    "城乡类型": "area",
    "优质学校": "quality",
    "是否优质学校": "quality",
    "纬度": "lat",
    "经度": "lon",
    "接收容量": "capacity_in",
    "在校生数": "students",
    "学生数": "students",
    # organizations.csv
    "组织代码": "org_id",
    "组织编号": "org_id",
    "组织名称": "name",
    "类型": "type",
    "组织类型": "type",
    "牵头学校代码": "lead_school_id",
    "牵头学校": "lead_school_id",
    "骨干派出比例": "backbone_out_ratio",
    "对等方式": "reciprocity",
    "对等容差": "reciprocity_tolerance",
    "每校最少派出": "min_out_per_member",
    "每校干部交流": "cadre_per_member",
    "交流学科": "subjects",
    # teachers.csv
    "工号": "teacher_id",
    "教师编号": "teacher_id",
    "姓名": "name",
    "学科": "subject",
    "是否骨干": "backbone",
    "骨干教师": "backbone",
    "职务": "role",
    "性别": "gender",
    "出生年份": "birth_year",
    "入校年份": "school_since",
    "是否豁免": "exempt",
    "豁免原因": "exempt_reason",
    "上次交流结束年份": "last_rotation_end",
    "豁免开始年份": "exempt_from",
    "豁免结束年份": "exempt_until",
    "学历": "degree",
    "最高学历": "degree",
    "职称": "title",
    "骨干级别": "backbone_level",
    # demand.csv
    "最低配备": "min_staff",
    "最少在岗": "min_staff",
    "需求人数": "wanted_in",
    "希望接收": "wanted_in",
    # preferences.csv, locked.csv, plans, distances.csv
    "意愿学校代码": "school_id",
    "权重": "weight",
    "年份": "year",
    "学年": "year",
    "年度": "year",
    "原学校代码": "home_school_id",
    "派出学校代码": "home_school_id",
    "交流学校代码": "host_school_id",
    "接收学校代码": "host_school_id",
    "学校甲": "school_a",
    "学校乙": "school_b",
    "公里": "km",
    "距离": "km",
}

VALUE_ALIASES: dict[str, dict[str, str]] = {
    "gender": {"男": "M", "女": "F", "m": "M", "f": "F"},
    "level": {
        "小学": "primary",
        "初中": "junior",
        "九年一贯制": "nine_year",
        "九年制": "nine_year",
    },
    "area": {
        "城区": "urban",
        "城市": "urban",
        "镇区": "town",
        "乡镇": "town",
        "乡村": "rural",
        "农村": "rural",
    },
    "type": {
        "教育集团": "group",
        "集团": "group",
        "集团化办学": "group",
        "结对共建": "pairing",
        "结对": "pairing",
        "教育共同体": "community",
        "共同体": "community",
    },
    "role": {
        "教师": "teacher",
        "后备干部": "reserve_cadre",
        "中层干部": "middle_cadre",
        "副校长": "vice_principal",
        "校长": "principal",
    },
    "degree": {
        "研究生": "postgraduate",
        "本科": "bachelor",
        "专科": "associate",
        "大专": "associate",
        "中专及以下": "secondary",
        "中专": "secondary",
    },
    "title": {
        "正高级": "senior_plus",
        "高级": "senior",
        "一级": "first",
        "二级": "second",
        "三级": "third",
        "未评": "none",
    },
    "backbone_level": {
        "校级": "school",
        "县级": "county",
        "区级": "county",
        "市级": "city",
        "省级": "province",
        "国家级": "national",
    },
    "reciprocity": {
        "按成员": "per_member",
        "总量": "aggregate",
        "按学校": "per_school",
        "无": "none",
    },
}


INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
"""Format characters that show nothing (zero-width space and joiners, a byte-order mark
inside a cell, direction marks, the soft hyphen): copied from a web page or a chat, they make
``T8`` and ``T8\u200b`` two teachers that look like one (issue 19). They are removed from every
cell, as a trailing no-break space is trimmed."""


def normalise(text: str) -> str:
    """Trim, drop invisible format characters, and fold full-width digits, letters and
    punctuation (１２３，ＡＢ) to ASCII."""
    text = text.strip()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", INVISIBLE.sub("", text)).strip()
    return text


def normalise_cells(cells: list[str]) -> list[str]:
    """``normalise`` of every cell of a row; an ASCII cell (most are) is only trimmed, which
    is what ``normalise`` does to it, without a call per cell (7 million for a province)."""
    return [c.strip() if c.isascii() else normalise(c) for c in cells]


def canonical_column(header: str) -> str:
    header = normalise(header)
    return COLUMN_ALIASES.get(header, header)


def canonical_value(column: str, text: str) -> str:
    aliases = VALUE_ALIASES.get(column)
    if aliases is None:
        return text
    return aliases.get(text, text)
