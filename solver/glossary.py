"""Every word meant for people, in Chinese and English: one place, so every output says the same.

The machine contract (SPEC §3-6) speaks in codes: ``group``, ``vice_principal``, ``true``,
``H4``, ``move``. People read 教育集团, 副校长, 是, 骨干派出, 交流人次. The roster, plan.xlsx, the
audit text, the explanations and the notices all take their words from here; nothing else
spells a Chinese label.

Use the helpers (``org_type_word``, ``role_word``, ``yes_no``, ``rule_name``, ``cost_name``,
``header``, ``say``) rather than the tables, so a missing word fails loudly in a test instead
of showing a code to a teacher.

The input side (``solver.input.aliases``) accepts more spellings than these; every word here
for a value is also accepted there, so a list printed by this tool reads back in (a test checks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from solver.scenario import Scenario

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"

# (Chinese, English) for every word; the helpers pick one by ``lang``.
Words = Mapping[str, tuple[str, str]]

ORG_TYPES: Words = {
    "group": ("教育集团", "education group"),
    "pairing": ("结对共建", "pairing"),
    "community": ("教育共同体", "education community"),
}

ROLES: Words = {
    "teacher": ("教师", "teacher"),
    "reserve_cadre": ("后备干部", "reserve cadre"),
    "middle_cadre": ("中层干部", "middle cadre"),
    "vice_principal": ("副校长", "vice principal"),
    "principal": ("校长", "principal"),
}

LEVELS: Words = {
    "primary": ("小学", "primary"),
    "junior": ("初中", "junior secondary"),
    "nine_year": ("九年一贯制", "nine-year school"),
}

AREAS: Words = {
    "urban": ("城区", "urban"),
    "town": ("镇区", "town"),
    "rural": ("乡村", "rural"),
}

GENDERS: Words = {"M": ("男", "male"), "F": ("女", "female")}

RECIPROCITY: Words = {
    "per_member": ("按成员", "per member"),
    "aggregate": ("总量", "aggregate"),
    "per_school": ("按学校", "per school"),
    "none": ("无", "none"),
}

STATUSES: Words = {
    "optimal": ("最优", "optimal"),
    "feasible": ("可行（未证明最优）", "feasible (not proven optimal)"),
    "infeasible": ("无解", "infeasible"),
    "unknown": ("未找到方案（未证明无解）", "no plan found (not proven infeasible)"),
    "model_invalid": ("模型无效", "model invalid"),
    "edited": ("已改动（非求解结果）", "edited after solving"),
}

YES_NO: Words = {"yes": ("是", "yes"), "no": ("否", "no")}

# Rule names by id (H12 is the re-planning history rule of SPEC §6).
RULES: Words = {
    "H1": ("交流安置", "place"),
    "H2": ("交流资格", "eligible"),
    "H3": ("交流期限", "term"),
    "H4": ("骨干派出比例", "backbone quota"),
    "H5": ("双向对等", "reciprocity"),
    "H6": ("最少交流人数", "minimum exchange"),
    "H7": ("干部交流", "cadre exchange"),
    "H8": ("学科在岗配备", "subject coverage"),
    "H9": ("接收与干部外派上限", "capacity"),
    "H10": ("国家交流比例", "national share"),
    "H11": ("指定安排", "locked"),
    "H12": ("已执行安排", "history"),
}

# What one rule instance asks, in a few words (used as the label of a quota's line).
RULE_ASKS: Words = {
    "H4": ("牵头学校骨干教师到成员学校交流", "lead backbone teachers serving at members"),
    "H5": ("双向交流人数对等", "exchange both ways in balance"),
    "H6": ("最少交流人数", "teachers sent at least"),
    "H7": ("干部双向交流（每周期）", "cadres exchanged each way (per cycle)"),
    "H8": ("学科在岗人数", "teachers of the subject present"),
    "H9": ("接收与干部外派上限", "incoming and cadres away at most"),
    "H10": ("优质学校交流人数", "teachers away from a quality school"),
    "H10b": ("优质学校交流骨干人数", "backbone teachers away from a quality school"),
}

COST_TERMS: Words = {
    "move": ("交流人次", "moves"),
    "distance_km": ("交流距离", "distance"),
    "preference": ("个人意愿", "preferences"),
    "due": ("应交流教师交流", "due teachers rotated"),
    "repeat": ("短期内重复交流", "repeat rotations"),
    "shortage": ("缺编学科补充", "shortages filled"),
    "spread": ("骨干分配不均", "backbone spread"),
    "change": ("与参考方案不同", "changes from the reference"),
    "balance": ("师资均衡缺口", "shortfall below balance floors"),
}

# Column headers of every table for people (plan.xlsx, roster.xlsx, roster.html, explain.csv).
COLUMNS: Words = {
    "teacher_id": ("工号", "teacher id"),
    "year": ("年度", "year"),
    "years": ("交流年度", "years"),
    "home_school_id": ("派出学校代码", "home school id"),
    "host_school_id": ("接收学校代码", "host school id"),
    "org_id": ("组织代码", "organization id"),
    "home_school_name": ("派出学校", "home school"),
    "host_school_name": ("接收学校", "host school"),
    "org_name": ("组织名称", "organization"),
    "org_type": ("类型", "type"),
    "lead_school": ("牵头学校", "lead school"),
    "name": ("姓名", "name"),
    "teacher_name": ("姓名", "name"),
    "school_name": ("学校名称", "school"),
    "subject": ("学科", "subject"),
    "backbone": ("骨干", "backbone"),
    "role": ("职务", "role"),
    "rule": ("规则", "rule"),
    "rule_name": ("规则名称", "rule name"),
    "org": ("组织", "organization"),
    "school": ("学校", "school"),
    "school_id": ("学校代码", "school id"),
    "teacher": ("教师", "teacher"),
    "need": ("要求", "need"),
    "actual": ("实际", "actual"),
    "placed": ("安排", "placed"),
    "slack": ("余量", "slack"),
    "ok": ("是否满足", "met"),
    "sentence": ("说明", "what"),
    "staff": ("在编", "staff"),
    "out": ("派出", "out"),
    "in": ("接收", "in"),
    "present": ("在岗", "present"),
    "min_staff": ("最低配备", "min staff"),
    "key": ("项目", "item"),
    "value": ("值", "value"),
    "what": ("内容", "what"),
    "per": ("周期/年度", "per"),
    "direction": ("方向", "direction"),
    "cost": ("成本", "cost"),
    "why": ("为什么是此教师", "why this teacher"),
    "reasons": ("依赖此教师的规则", "rules that depend on the teacher"),
    "alternative_cost": ("替代方案成本", "alternative cost"),
    "alternative_status": ("替代方案求解状态", "alternative status"),
    "difference": ("差额", "difference"),
    "replacements": ("替代人选", "who takes the place"),
    "candidates": ("可选人数", "eligible candidates"),
    "seq": ("序号", "no."),
    "gender": ("性别", "gender"),
    "term": ("交流期限", "term"),
}

# Keys of summary.json (each dotted part is translated on its own).
SUMMARY_KEYS: Words = {
    "scenario": ("方案", "scenario"),
    "scenario_path": ("方案路径", "scenario path"),
    "status": ("求解状态", "status"),
    "cost": ("总成本", "cost"),
    "terms": ("成本项", "cost terms"),
    "bound": ("下界", "bound"),
    "gap": ("相对差距", "gap"),
    "wall_time": ("用时（秒）", "wall time (s)"),
    "first_plan_time": ("首个方案用时（秒）", "first plan (s)"),
    "gap_1pct_time": ("差距≤1%用时（秒）", "gap 1% (s)"),
    "interrupted": ("已中断", "interrupted"),
    "time_limit": ("时间上限（秒）", "time limit (s)"),
    "workers": ("线程数", "workers"),
    "seed": ("随机种子", "seed"),
    "rows": ("交流人次", "rows"),
    "variables": ("变量数", "variables"),
    "constraints": ("约束数", "constraints"),
    "components": ("独立部分", "components"),
    "solver": ("求解器", "solver"),
    "catalogue_version": ("规则目录版本", "rule catalogue version"),
    "overrides": ("临时设置", "overrides"),
    "settings": ("设置", "settings"),
    "input_files": ("输入文件", "input files"),
    "assignments_sha256": ("交流名单校验值", "assignments SHA-256"),
    "audit": ("独立核查", "audit"),
    "compliant": ("全部合规", "compliant"),
    "violations": ("违规数", "violations"),
    "cost_terms": ("成本项", "cost terms"),
    "matches_solver": ("与求解结果一致", "matches solver"),
    "policy": ("政策", "policy"),
    "weights": ("权重", "weights"),
    "name": ("名称", "name"),
    "cycle_start": ("周期起始年", "cycle start"),
    "cycle_years": ("周期年数", "cycle years"),
}

# The tables of a scenario by their Chinese names: a file 教师.csv or a sheet 教师 is teachers.csv.
TABLE_NAMES: Words = {
    "schools": ("学校", "schools"),
    "organizations": ("组织", "organizations"),
    "memberships": ("成员学校", "memberships"),
    "teachers": ("教师", "teachers"),
    "demand": ("学科需求", "demand"),
    "preferences": ("个人意愿", "preferences"),
    "locked": ("锁定", "locked"),
    "reference_plan": ("参考方案", "reference plan"),
    "distances": ("距离", "distances"),
    "history": ("已执行方案", "history"),
    "settings": ("设置", "settings"),
}

# Every setting of scenario.toml (a 设置 sheet may use these labels as keys). Keys of
# [policy.<type>] are under "org.": their label is prefixed with the type's name.
SETTINGS: Words = {
    "scenario": ("方案", "scenario"),
    "scenario.name": ("方案名称", "scenario name"),
    "scenario.cycle_start": ("周期起始年", "cycle start"),
    "scenario.cycle_years": ("周期年数", "cycle years"),
    "scenario.replan_from": ("重新编排起始年", "re-plan from"),
    "policy": ("政策", "policy"),
    "policy.min_tenure_years": ("最短任职年限", "minimum tenure"),
    "policy.due_tenure_years": ("应交流任职年限", "tenure when due"),
    "policy.exempt_age_male": ("男教师免交流年龄", "exempt age, men"),
    "policy.exempt_age_female": ("女教师免交流年龄", "exempt age, women"),
    "policy.allow_principals": ("校长可交流", "principals may rotate"),
    "policy.min_term_years": ("最短交流年限", "shortest term"),
    "policy.max_term_years": ("最长交流年限", "longest term"),
    "policy.max_rotations_per_cycle": ("每周期最多交流次数", "rotations per cycle"),
    "policy.cooldown_years": ("重复交流间隔年限", "cooldown"),
    "policy.max_cadre_out_share": ("干部外出最高比例", "largest share of cadres away"),
    "policy.rotation_share": ("优质学校交流比例", "rotation share of quality schools"),
    "policy.backbone_share": ("交流骨干比例", "backbone share of those rotated"),
    "org.backbone_out_ratio": ("骨干派出比例", "backbone out ratio"),
    "org.reciprocity": ("对等交流方式", "reciprocity"),
    "org.reciprocity_tolerance": ("对等交流容差", "reciprocity tolerance"),
    "org.min_out_per_member": ("每校最少派出人数", "minimum sent per member"),
    "org.cadre_per_member": ("每校干部交流人数", "cadres per member"),
    "org.subjects": ("交流学科", "subjects exchanged"),
    "weights": ("权重", "weights"),
    "publication": ("公示与通知", "publication"),
    "publication.issuer": ("发文单位", "issuer"),
    "publication.contact": ("联系人", "contact"),
    "publication.phone": ("联系电话", "phone"),
    "publication.notice_days": ("公示期（工作日）", "notice period (working days)"),
    "publication.date": ("发文日期", "date of issue"),
    "publication.term_start": ("学年开始日", "first day of a school year"),
    "publication.term_end": ("学年结束日", "last day of a school year"),
    "publication.report_date": ("报到日期", "reporting day"),
    "publication.report_place": ("报到地点", "where to report"),
    "publication.appeal_contact": ("申诉受理人", "appeals to"),
    "publication.appeal_phone": ("申诉电话", "appeal phone"),
    "publication.appeal_days": ("申诉期限（工作日）", "appeal period (working days)"),
    "publication.pages": ("公示名单分页", "public list pages"),
    "balance": ("师资均衡", "balance of teaching resources"),
    "balance.count_at": ("计入学校", "counted at"),
    "balance.pe_art_subjects": ("体育艺术学科", "PE and art subjects"),
    "balance.nine_year_band": ("九年一贯制学校计入学段", "band of nine-year schools"),
    "balance.cv_max_primary": ("小学校际差异系数上限", "largest CV, primary"),
    "balance.cv_max_junior": ("初中校际差异系数上限", "largest CV, junior"),
    "balance.enforce": ("均衡硬约束", "enforce balance (H13)"),
    "balance.floor_primary": ("小学每百名学生最低配备", "primary floors per 100 students"),
    "balance.floor_junior": ("初中每百名学生最低配备", "junior floors per 100 students"),
    "balance.floor_primary.teachers": ("小学每百名学生专任教师下限", "primary floor, teachers"),
    "balance.floor_primary.degree": ("小学每百名学生高于规定学历教师下限", "primary floor, degree"),
    "balance.floor_primary.title": ("小学每百名学生中级及以上职称教师下限", "primary floor, title"),
    "balance.floor_primary.backbone": (
        "小学每百名学生县级及以上骨干教师下限",
        "primary floor, backbone",
    ),
    "balance.floor_primary.pe_art": ("小学每百名学生体育艺术专任教师下限", "primary floor, pe art"),
    "balance.floor_junior.teachers": ("初中每百名学生专任教师下限", "junior floor, teachers"),
    "balance.floor_junior.degree": ("初中每百名学生高于规定学历教师下限", "junior floor, degree"),
    "balance.floor_junior.title": ("初中每百名学生中级及以上职称教师下限", "junior floor, title"),
    "balance.floor_junior.backbone": (
        "初中每百名学生县级及以上骨干教师下限",
        "junior floor, backbone",
    ),
    "balance.floor_junior.pe_art": ("初中每百名学生体育艺术专任教师下限", "junior floor, pe art"),
}


def table_name(stem: str, lang: Lang) -> str:
    """学校 for ``schools``: how a table is named in a workbook or a file name."""
    return pick(TABLE_NAMES, stem, lang)


def setting_label(dotted: str, lang: Lang) -> str:
    """A setting in words: ``policy.group.backbone_out_ratio`` -> 教育集团骨干派出比例,
    ``weights.move`` -> 交流人次权重."""
    parts = dotted.split(".")
    if parts[0] == "weights" and len(parts) == 2:
        return cost_name(parts[1], lang) + ("权重" if lang == "zh" else " weight")
    if parts[0] == "policy" and len(parts) == 3:
        space = "" if lang == "zh" else " "
        return org_type_word(parts[1], lang) + space + pick(SETTINGS, f"org.{parts[2]}", lang)
    return pick(SETTINGS, dotted, lang)


# Every other word: titles, labels, short phrases.
LABELS: Words = {
    "all_subjects": ("（全部）", "(all)"),
    "roster_title": ("教师交流轮岗工作名单（内部）", "Teacher rotation working list (internal)"),
    "summary_sheet": ("汇总", "Summary"),
    "organization": ("组织", "organization"),
    "sent": ("派出", "sent"),
    "received": ("接收", "received"),
    "none": ("无", "none"),
    "lead": ("牵头学校", "lead school"),
    "members": ("成员学校", "member schools"),
    "cycle": ("整个周期", "cycle"),
    "quality_school": ("优质学校", "quality school"),
    "per_year": ("每年", "each year"),
    "per_cycle": ("每周期", "each cycle"),
    "met": ("满足", "met"),
    "not_met": ("未满足", "not met"),
    "notice_title": ("教师交流通知书", "Teacher exchange notice"),
    "explain_title": ("交流说明", "Why this teacher"),
    "stays_home": ("留在本校", "stays at the home school"),
    "no_quota": ("本年度无配额要求", "no quota this year"),
    "unproven": ("未证明最优", "not proven optimal"),
    "proven": ("已证明最优", "proven optimal"),
    "plan_sheet": ("交流名单", "plan"),
    "compliance_sheet": ("合规检查", "compliance"),
    "schools_sheet": ("学校", "schools"),
    "summary_json_sheet": ("摘要", "summary"),
    "rows": ("人次", "rows"),
    "page": ("页", "page"),
    "public_sheet": ("公示名单", "Public list"),
}


def pick(words: Words, key: str, lang: Lang) -> str:
    """The word for ``key`` in ``lang``; a ``KeyError`` names the missing key."""
    zh, en = words[key]
    return zh if lang == "zh" else en


def say(key: str, lang: Lang) -> str:
    """A label or short phrase (``LABELS``)."""
    return pick(LABELS, key, lang)


def org_type_word(org_type: str, lang: Lang) -> str:
    """教育集团 / 结对共建 / 教育共同体."""
    return pick(ORG_TYPES, str(org_type), lang)


def role_word(role: str, lang: Lang) -> str:
    """教师 / 后备干部 / 中层干部 / 副校长 / 校长."""
    return pick(ROLES, str(role), lang)


def yes_no(value: bool | None, lang: Lang) -> str:
    """是 / 否 (blank for ``None``)."""
    if value is None:
        return ""
    return pick(YES_NO, "yes" if value else "no", lang)


def backbone_word(value: bool, lang: Lang) -> str:
    """骨干教师 for a backbone teacher, else blank (used in sentences)."""
    if not value:
        return ""
    return "骨干教师" if lang == "zh" else "backbone teacher"


def rule_name(rule: str, lang: Lang) -> str:
    """The name of a rule by id: ``rule_name("H4", "zh") == "骨干派出比例"``."""
    return pick(RULES, str(rule), lang)


def rule_label(rule: str, lang: Lang) -> str:
    """``H4 骨干派出比例``."""
    return f"{rule} {rule_name(rule, lang)}"


def cost_name(term: str, lang: Lang) -> str:
    """The name of a cost term: ``cost_name("move", "zh") == "交流人次"``."""
    return pick(COST_TERMS, str(term), lang)


def status_word(status: str, lang: Lang) -> str:
    return pick(STATUSES, str(status), lang)


def header(column: str, lang: Lang) -> str:
    """A column header for people; an unknown column id is shown as it is."""
    if column in COLUMNS:
        return pick(COLUMNS, column, lang)
    return column


def headers(columns: tuple[str, ...] | list[str], lang: Lang) -> list[str]:
    return [header(c, lang) for c in columns]


def summary_key(dotted: str, lang: Lang) -> str:
    """A summary.json key path in words, part by part (``terms.move`` -> ``成本项.交流人次``).

    Cost term names are used inside ``terms`` and ``cost_terms``; a part with no word (a file
    name, a component index) stays as it is.
    """
    parts = dotted.split(".")
    out = []
    for i, part in enumerate(parts):
        parent = parts[i - 1] if i else ""
        if parent in ("terms", "cost_terms", "weights") and part in COST_TERMS:
            out.append(cost_name(part, lang))
        elif parent == "input_files":
            out.append(part)
        elif part in SUMMARY_KEYS:
            out.append(pick(SUMMARY_KEYS, part, lang))
        else:
            out.append(part)
    return ".".join(out)


def value_word(column: str, value: object, lang: Lang) -> object:
    """A table cell in words: booleans as 是/否, roles, org types, levels, areas and statuses
    by name; anything else unchanged."""
    if isinstance(value, bool):
        return yes_no(value, lang)
    if not isinstance(value, str):
        return value
    table = {
        "role": ROLES,
        "type": ORG_TYPES,
        "org_type": ORG_TYPES,
        "level": LEVELS,
        "area": AREAS,
        "gender": GENDERS,
        "reciprocity": RECIPROCITY,
        "status": STATUSES,
    }.get(column)
    if table is not None and value in table:
        return pick(table, value, lang)
    if value in ("true", "false", "True", "False") and column in BOOLEAN_COLUMNS:
        return yes_no(value.lower() == "true", lang)
    if value == "(all)":
        return say("all_subjects", lang)
    return value


BOOLEAN_COLUMNS = frozenset(
    {"backbone", "ok", "quality", "exempt", "compliant", "interrupted", "matches_solver"}
)


def check_lang(lang: str) -> Lang:
    """``lang`` as a ``Lang``; a ``ValueError`` for anything but zh/en."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang  # type: ignore[return-value]


# --------------------------------------------------------------------------- names


def school_name(scenario: Scenario, school_id: str | None) -> str:
    """The school's name from schools.csv; the id itself when unknown (a hand-made plan)."""
    if not school_id:
        return ""
    school = scenario.school_by_id.get(school_id)
    return school.name if school is not None else school_id


def org_name(scenario: Scenario, org_id: str | None) -> str:
    """The organization's name from organizations.csv; the id itself when unknown."""
    if not org_id:
        return ""
    org = scenario.org_by_id.get(org_id)
    return org.name if org is not None else org_id


def teacher_name(scenario: Scenario, teacher_id: str | None) -> str:
    """The teacher's name from teachers.csv; the id itself when unknown (e.g. one who left)."""
    if not teacher_id:
        return ""
    teacher = scenario.teacher_by_id.get(teacher_id)
    return teacher.name if teacher is not None else teacher_id


def teacher_label(scenario: Scenario, teacher_id: str, lang: Lang = DEFAULT_LANG) -> str:
    """``张伟（T1）`` / ``张伟 (T1)``: the name with the id, since names repeat."""
    name = teacher_name(scenario, teacher_id)
    if name == teacher_id:
        return teacher_id
    return f"{name}（{teacher_id}）" if lang == "zh" else f"{name} ({teacher_id})"


# The report (``rotation report``, SPEC §7): section titles, hints, KPI names and the columns of
# the per-school and per-organization differences.
REPORT: Words = {
    "report_title": ("教师交流轮岗方案报告", "Teacher rotation plan report"),
    "made_by": ("生成：", "made by"),
    "plan": ("方案", "plan"),
    "status": ("求解状态", "status"),
    "cost": ("总成本", "cost"),
    "bound": ("下界", "bound"),
    "compliant": ("独立核查：全部规则满足", "independent audit: every rule holds"),
    "not_compliant": (
        "独立核查：存在违规，见 compliance.csv",
        "independent audit: violations, see compliance.csv",
    ),
    "map": ("学校与交流流向", "Schools and flows"),
    "map_hint": (
        "圆点为学校（大小为教职工人数），曲线为派出学校到接收学校的交流（向行进方向左侧弯曲，线宽为教师人数，颜色为组织类型）。滚轮缩放，拖动平移，双击复原；悬停查看名称与人数。",
        (
            "Dots are schools (size: staff); curves run from home to host school, bending to "
            "their left (width: teachers, colour: organization type). Wheel to zoom, drag to "
            "pan, double-click to reset; hover for names and numbers."
        ),
    ),
    "quotas": (
        "各组织配额：要求与安排（逐年）",
        "Quotas per organization and year: need and placed",
    ),
    "quotas_hint": (
        (
            "蓝色为安排人数，黑线为要求，浅蓝为超出要求的余量，红色为缺口；"
            "数字为 安排/要求。H5 双向平衡：中线左侧为派出（牵头→成员，"
            "或本校派出），右侧为接收；两侧等长即平衡。"
        ),
        (
            "Blue: placed; black tick: the need; "
            "light blue: slack above the need; re"
            "d: shortfall; numbers are placed/nee"
            "d. H5 balance: left of the centre li"
            "ne what goes out (lead→member, or th"
            "e school's out), right what comes ba"
            "ck; equal sides balance."
        ),
    ),
    "candidates": ("符合条件的候选人", "eligible candidates"),
    "lead": ("牵头学校", "lead"),
    "members": ("所成员学校", "member(s)"),
    "cycle": ("周期", "cycle"),
    "schools": ("各校派出、接收与配备", "Per school: out, in, coverage, national shares"),
    "schools_hint": (
        (
            "每年派出与接收人数；学科配备余量为各学科各年度“在岗 − 最低配备”"
            "的最小值（0 为恰好满足）；国家比例为优质学校每年"
            "“交流人数/要求 骨干人数/要求”。"
        ),
        (
            "Teachers out and in each year; cover"
            "age slack is the smallest 'present −"
            " min_staff' over subjects and years "
            "(0: met exactly); national shares ar"
            "e, for quality schools, each year's "
            "'away/need backbone/need'."
        ),
    ),
    "school": ("学校", "school"),
    "staff": ("教职工", "staff"),
    "out": ("派出", "out"),
    "in": ("接收", "in"),
    "coverage_slack": ("学科配备余量", "coverage slack"),
    "at_minimum": ("恰好达到最低配备的学科", "subjects exactly at min_staff"),
    "national": ("国家比例（每年）", "national shares (each year)"),
    "coverage": (
        "学科在岗配备：最紧年度的 在岗/最低配备",
        "Subject coverage: present/min_staff in the tightest year",
    ),
    "coverage_hint": (
        "绿色：有余量；黄色：恰好满足；红色：不足。悬停查看核查原文。",
        "Green: slack; yellow: met exactly; red: short. Hover for the audit's sentence.",
    ),
    "cost_terms": ("成本构成", "Cost by term"),
    "cost_hint": (
        "求解器的各项成本（summary.json）与独立核查的重新计算并列；负值为奖励项。",
        (
            "Each term as the solver reports it (summary.json) beside the audit's recomputation; "
            "negative terms are rewards."
        ),
    ),
    "term": ("成本项", "term"),
    "solver_value": ("求解器", "solver"),
    "audit_value": ("独立核查", "audit"),
    "total": ("合计", "total"),
    "no_plan": ("无方案", "no plan"),
    "kpis": ("方案对比：关键指标", "Plans side by side: KPIs"),
    "kpi": ("指标", "KPI"),
    "slack": ("最紧余量", "tightest slack"),
    "teachers_moved": ("交流教师人数", "teachers moved"),
    "teacher_years_away": ("交流人次（人·年）", "teacher-years away"),
    "backbone_moved": ("交流骨干教师", "backbone teachers moved"),
    "due_moved": ("交流的应交流教师", "due teachers moved"),
    "cadres_moved": ("交流干部", "cadres moved"),
    "repeats_moved": ("重复交流教师", "repeat rotations"),
    "shortage_filled": ("补充缺编学科（人·年）", "shortage filled"),
    "shortage_wanted": ("缺编学科需求（人·年）", "shortage wanted"),
    "km_total": ("交流总距离（公里）", "km in total"),
    "km_longest": ("最远交流距离（公里）", "longest km"),
    "violations": ("违规数", "violations"),
    "changed_vs_first": ("与第一个方案不同的人·年", "teacher-years changed vs the first"),
    "by_school": (
        "各校差异（与第一个方案相比）",
        "Differences per school (against the first plan)",
    ),
    "by_org": (
        "各组织差异（与第一个方案相比）",
        "Differences per organization (against the first plan)",
    ),
    "difference_hint": (
        (
            "“等成本调换”：另一名同类教师（同派出学校、同年度、同接收学校与组织、骨"
            "干/干部/应交流/重复交流/意愿/参考方案相同，接收学校缺编的学科相同）"
            "顶替原人选，成本与各项配额完全不变；“新增/取消”为真正的变化。"
            "结论“仅等成本调换”即该校（该组织）感受不到变化。"
        ),
        (
            "'Swapped': another teacher of the same kind (same home, year, host and organization, "
            "same backbone, cadre, due, repeat, preference and reference place, same subject "
            "where the host wants one) takes the place: cost and every quota are exactly the "
            "same. 'Added/removed' are real changes. A school or organization whose verdict "
            "is 'equal-cost reshuffle only' does not feel the difference."
        ),
    ),
    "verdict_same": ("不变", "same"),
    "verdict_reshuffle": ("仅等成本调换", "equal-cost reshuffle only"),
    "verdict_changed": ("有实际变化", "real change"),
    "col_input": ("方案", "plan"),
    "col_school_id": ("学校代码", "school id"),
    "col_school": ("学校", "school"),
    "col_out_first": ("派出（第一个）", "out (first)"),
    "col_out": ("派出", "out"),
    "col_in_first": ("接收（第一个）", "in (first)"),
    "col_in": ("接收", "in"),
    "col_coverage_slack_first": ("配备余量（第一个）", "coverage slack (first)"),
    "col_coverage_slack": ("配备余量", "coverage slack"),
    "col_changed": ("变动人·年", "teacher-years changed"),
    "col_swapped": ("等成本调换", "swapped"),
    "col_added": ("新增", "added"),
    "col_removed": ("取消", "removed"),
    "col_verdict": ("结论", "verdict"),
    "col_org_id": ("组织代码", "org id"),
    "col_organization": ("组织", "organization"),
    "col_type": ("类型", "type"),
    "col_moves_first": ("交流人·年（第一个）", "teacher-years (first)"),
    "col_moves": ("交流人·年", "teacher-years"),
    "col_quota_slack_first": ("配额余量（第一个）", "quota slack (first)"),
    "col_quota_slack": ("配额余量", "quota slack"),
    "col_imbalance_first": ("双向差额（第一个）", "imbalance (first)"),
    "col_imbalance": ("双向差额", "imbalance"),
    "sweep": ("参数扫描", "Sweep"),
    "sweep_hint": (
        "每个取值点的总成本与交流教师人数；红色叉号为无方案的取值点，悬停查看原因。",
        (
            "Cost and teachers moved at every point; a red cross marks a point without a plan "
            "(hover for why)."
        ),
    ),
    "point": ("取值点", "point"),
    "teachers": ("名教师", "teacher(s)"),
    "from_lead": ("派往", "to"),
    "to_lead": ("来自", "from"),
    "whole_cycle": ("整个周期", "whole cycle"),
    "away": ("交流人数", "away"),
    "backbone_away": ("其中骨干", "backbone away"),
    "national_title": ("优质学校国家比例（逐年）", "National shares of quality schools, each year"),
    "national_hint": (
        "每年交流人数不少于应交流教师的 rotation_share，其中骨干不少于交流人数的 "
        "backbone_share（H10）；黑线为要求，悬停查看核查原文。",
        "Each year at least rotation_share of the due teachers away, and backbone teachers at "
        "least backbone_share of those away (H10); the black tick is the need; hover for the "
        "audit's sentence.",
    ),
    "top_changes": (
        "图中为实际变化最多的 {n} 项，表中列出全部。",
        "The chart shows the {n} with the most real changes; the table lists all.",
    ),
    "map_legend": (
        "线宽：每名教师 {unit} 像素；圆的大小：教职工人数；紫色边：优质学校",
        "width: {unit} px per teacher; circle size: staff; purple ring: quality school",
    ),
    "no_coordinates": (
        "{n} 所学校无坐标，列在图下方",
        "{n} school(s) without coordinates, lined up below",
    ),
    "explanation": ("说明", "explanation"),
}


def report_word(key: str, lang: Lang) -> str:
    """A word of the report (``REPORT``); a missing key fails loudly."""
    return pick(REPORT, key, lang)


# --------------------------------------------------------------------------- sentences
# Templates (str.format) of the sentences the roster, explanations and notices say.

PHRASES: Words = {
    # one rule instance (solver.explain.words)
    "at_least": ("需要至少 {n}", "needs at least {n}"),
    "at_most": ("至多 {n}", "at most {n}"),
    "placed": ("安排 {n}", "placed {n}"),
    "actual": ("实际 {n}", "actual {n}"),
    "h4": ("{lead}骨干教师在成员学校交流", "backbone teachers of {lead} serving at members"),
    "h5_member": (
        "{school}与{lead}互派人数之差",
        "difference between {school}→{lead} and {lead}→{school}",
    ),
    "h5_aggregate": ("成员学校与牵头学校互派人数之差", "difference members→lead, lead→members"),
    "h5_school": ("{school}接收与派出人数之差", "difference in and out of {school}"),
    "h6_community": ("{school}在共同体内派出人数", "teachers {school} sends"),
    "h6_lead": ("{lead}派往{school}人数", "teachers {lead} sends to {school}"),
    "h7": ("{a}派往{b}的干部", "cadres from {a} serving at {b}"),
    "h8": ("{school}{subject}在岗教师", "{subject} teachers present at {school}"),
    "h9_in": ("{school}接收交流教师", "teachers received at {school}"),
    "h9_cadres": ("{school}外派干部", "cadres away from {school}"),
    "h10_away": ("{school}交流教师", "teachers away from {school}"),
    "h10_backbone": ("{school}交流骨干教师", "backbone teachers away from {school}"),
    "instance": (
        "{rule} {where}：{what}，{bound}，{placed}",
        "{rule} {where}: {what}, {bound}, {placed}",
    ),
    "h11": ("{teacher}指定在{school}", "{teacher} locked at {school}"),
    "instance_plain": ("{rule} {where}：{what}", "{rule} {where}: {what}"),
    "without": ("；没有{who}则 {n}", "; without {who} {n}"),
    "without_broken": ("；没有{who}则不满足", "; without {who} broken"),
    "need_becomes": ("（要求变为 {n}）", " (need becomes {n})"),
    "broken": ("（不满足）", " (broken)"),
    "she": ("她", "her"),
    "he": ("他", "him"),
    "this_teacher": ("该教师", "this teacher"),
    "you": ("您", "you"),
    # a teacher's explanation (solver.explain.render)
    "explain_heading": ("交流说明：{who}", "Why this teacher: {who}"),
    "placement": ("安排：{what}", "placement: {what}"),
    "run": ("{years} {home} → {host}（{org}）", "{years} {home} → {host} ({org})"),
    "served_heading": ("本安排满足的规则", "Rule instances this placement serves"),
    "cost_heading": ("成本（按项）", "Cost by term"),
    "alternative_heading": ("替代方案", "The alternative"),
    "eligible": ("{rule}：符合", "{rule}: eligible"),
    "ineligible": ("{rule}：不符合（{why}）", "{rule}: not eligible ({why})"),
    "term": (
        "{rule}：{span} 共 {n} 年，每次 {low}–{high} 年",
        "{rule}: {span}, {n} year(s); each term {low}-{high} year(s)",
    ),
    "due_teacher": (
        "同校任教满 {n} 年，属应交流教师",
        "due for rotation ({n}+ years at one school)",
    ),
    "total": ("合计 {n}", "total {n}"),
    # why this teacher and not a colleague (solver.explain.why)
    "why_heading": ("为什么是{who}", "Why {who}"),
    "why_due": (
        "在本校任教 {years} 年，已满 {n} 年，属应交流教师",
        "{years} years at the school: due for rotation after {n}",
    ),
    "why_backbone": ("骨干教师，{rules}要求派出骨干教师", "a backbone teacher, as {rules} asks"),
    "why_subject": ("{host}需要补充{subject}教师", "{host} wants {subject} teachers"),
    "why_preference": ("本人愿意去{host}", "own wish to serve at {host}"),
    "why_lacking": (
        "（可替代的 {n} 位同事中有 {k} 位不是）",
        " ({k} of the {n} colleagues who could have gone are not)",
    ),
    "why_lacking_all": (
        "（可替代的 {n} 位同事都不是）",
        " (none of the {n} colleagues who could have gone is)",
    ),
    "why_lacking_none": (
        "（可替代的 {n} 位同事也都是）",
        " (so are all {n} colleagues who could have gone)",
    ),
    "why_equal": (
        "与可替代的 {n} 位同事条件相同，本方案按总成本最低选定",
        "no different from the {n} colleagues who could have gone: the plan chose by least "
        "total cost",
    ),
    "why_alone": (
        "本校没有其他可以在该组织交流的同事",
        "no colleague of the school could have gone",
    ),
    "why_taker": (
        "若{who}不去，由{name}接替，总成本 {diff}",
        "without {who}, {name} would go; total cost {diff}",
    ),
    "why_no_taker": (
        "若{who}不去，没有同事接替，总成本 {diff}",
        "without {who}, nobody takes the place; total cost {diff}",
    ),
    "depends_heading": ("离开{who}就不满足的规则", "Rules that would break without {who}"),
    "depends_none": ("没有哪条规则离开{who}就不满足", "no rule would break without {who}"),
    "no_longer_moves": ("{who} {year} 不再交流", "{who} {year} no longer moves"),
    "moves_to": ("{who} {year} {home} → {host}", "{who} {year} {home} → {host}"),
    "and_more": ("等 {n} 项", "and {n} more"),
    "all_served": ("交流年度均已执行，不能再改变", "every year away is already served"),
    "no_alternative": ("没有可行的替代安排：{why}", "no alternative: {why}"),
    "alt_home_all": ("替代方案：{who}每年都留在本校", "alternative: keep {who} home every year"),
    "alt_home_open": (
        "替代方案：{who} {span} 留在本校（已执行的年度不变）",
        "alternative: keep {who} home in {span} (served years unchanged)",
    ),
    "alt_away": (
        "替代方案：{who}交流一个期限（试了 {n} 种安排）",
        "alternative: send {who} for one term ({n} placements tried)",
    ),
    "alt_cheapest": ("，最便宜的是 {years} 到 {host}", "; the cheapest: {years} at {host}"),
    "alt_no_plan": ("求解结果：{status}，没有这样的方案", "result: {status}, no such plan"),
    "alt_cost": (
        "替代方案成本 {cost}（本方案 {plan}），差额 {diff}；求解状态：{status}",
        "alternative cost {cost} (this plan {plan}), difference {diff}; status: {status}",
    ),
    "proven_suffix": ("，已证明", ", proven"),
    "unproven_bound": (
        "，差额未证明（下界 {low}，差距 {gap}）",
        ", difference not proven (at least {low}, gap {gap})",
    ),
    "unproven_suffix": ("，差额未证明", ", difference not proven"),
    "takers": ("替代人选：{names}", "who takes the place: {names}"),
    "list_sep": ("；", "; "),
    "name_sep": ("、", ", "),
    # verifying a certificate (solver.certify)
    "verify_holds": (
        "证书成立：方案“{scenario}”的 {files} 个输入文件与交流名单均未改变，"
        "重新核查的结论相同（{verdict}，成本 {cost}）。",
        "The certificate holds: the {files} input files of scenario '{scenario}' and the plan "
        "are unchanged, and the audit again finds the plan {verdict} (cost {cost}).",
    ),
    "verify_file_changed": (
        "证书不成立：{files} 已改变（校验值与证书不同）。",
        "The certificate does not hold: {files} changed (the SHA-256 differs).",
    ),
    "verify_file_missing": (
        "证书不成立：证书中的 {files} 已不存在。",
        "The certificate does not hold: {files} named in it no longer exist.",
    ),
    "verify_file_added": (
        "证书不成立：方案新增了证书中没有的 {files}。",
        "The certificate does not hold: the scenario now has {files}, which it does not name.",
    ),
    "verify_plan_changed": (
        "证书不成立：交流名单 {file} 已改变（校验值与证书不同）。",
        "The certificate does not hold: the plan {file} changed (the SHA-256 differs).",
    ),
    "verify_rule_fails": (
        "证书不成立：文件未改变，但重新核查时 {rules}。",
        "The certificate does not hold: the files are unchanged, but the audit now finds {rules}.",
    ),
    "verify_rule_count": (
        "{rule} 违规 {now} 处（证书记录 {recorded} 处）",
        "{rule}: {now} violation(s) (the certificate records {recorded})",
    ),
    "verify_cost_differs": (
        "证书不成立：重新计算的成本为 {now}，证书记录为 {recorded}。",
        "The certificate does not hold: the cost is now {now}, the certificate records {recorded}.",
    ),
    "compliant_word": ("全部合规", "compliant"),
    "violations_word": ("有 {n} 处违规", "with {n} violation(s)"),
    "cert_title": ("教师交流轮岗方案核查证书", "Certificate of audit: teacher rotation plan"),
    "cert_scenario": ("方案", "scenario"),
    "cert_cycle": ("交流周期", "cycle"),
    "cert_date": ("核查日期", "date of verification"),
    "cert_program": ("程序版本 / 规则目录版本", "program / rule catalogue version"),
    "cert_overrides": ("临时设置", "overrides"),
    "cert_plan": ("交流名单", "plan"),
    "cert_rows": ("{n} 人次", "{n} rows"),
    "cert_files": ("输入文件及校验值（SHA-256）", "input files and SHA-256"),
    "cert_rules": ("逐条规则核查结果", "audit per rule"),
    "cert_rule": ("规则", "rule"),
    "cert_checked": ("核查项数", "instances checked"),
    "cert_violations": ("违规数", "violations"),
    "cert_verdict": ("结论", "verdict"),
    "cert_cost": ("成本", "cost"),
    "cert_auditor": ("核查人", "auditor"),
    "cert_signature": ("签名", "signature"),
    "cert_seal": ("（盖章）", "(seal)"),
    "cert_none": ("无", "none"),
    "cert_file": ("文件", "file"),
    "cert_path": ("来源", "from"),
    # notices (solver.explain.letters)
    "letter_greeting": ("{name}老师：", "Dear {name},"),
    "letter_body": (
        "根据教师交流轮岗工作安排，您的交流安排为：{placement}。",
        "under the rotation plan your exchange is: {placement}.",
    ),
    "letter_why": ("安排理由：", "Why you:"),
    "letter_rules": (
        "离开您就不满足的规则（规则的要求与本安排的人数）：",
        "Rules that would break without you (each rule's requirement and what the plan places):",
    ),
    "letter_term": ("服务期", "term of service"),
    "letter_term_run": ("{start}至{end}在{host}", "{start} to {end} at {host}"),
    "letter_report": ("报到", "reporting"),
    "letter_report_at": (
        "请于{date}到{place}报到，并携带本通知书。",
        "please report at {place} on {date}, bringing this notice.",
    ),
    "letter_host_office": ("{host}办公室", "the office of {host}"),
    "letter_appeal": (
        "如对本安排有异议，可自收到本通知书之日起{days}个工作日内，向{contact}{phone}提出书面申诉；"
        "逾期未提出的，视为无异议。",
        "If you disagree with this placement, you may appeal in writing to {contact}{phone} "
        "within {days} working days of receiving this notice; after that it stands.",
    ),
    "letter_phone": ("（电话：{phone}）", " (phone {phone})"),
    "letter_questions": ("咨询：{contact}{phone}", "Questions: {contact}{phone}"),
    "letter_seal": ("（盖章）", "(seal)"),
    "letter_issuer_blank": ("＿＿＿＿＿＿＿＿＿＿＿＿", "____________________"),
    "letter_date_blank": ("　　　　年　　月　　日", "date: ______________"),
    "letter_date": ("{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}"),
    "letter_receipt": (
        "回执：本人已收到本通知书。　签名：＿＿＿＿＿＿　日期：＿＿＿＿＿＿",
        "Receipt: I have received this notice.  Signature: ________  Date: ________",
    ),
    # publication lists (solver.output.roster)
    "roster_subtitle": (
        "{first}–{last} 学年，共 {n} 人次",
        "school years {first}-{last}, {n} teacher-years",
    ),
    "unknown_org": ("组织代码不在 organizations.csv 中", "not in organizations.csv"),
    "school_counts": (
        "派出 {sent} 人次，接收 {came} 人次",
        "{sent} sent, {came} received (teacher-years)",
    ),
    "count": ("共 {n} 人次", "{n} teacher-years"),
    "interrupted_command": (
        "已中断（Ctrl-C）：命令没有完成，输出保持原样。",
        "interrupted (Ctrl-C): the command did not finish; its outputs are as they were.",
    ),
    "labelled": ("{label}：{value}", "{label}: {value}"),
    # an output read after its files changed (solver.whatif.freshness)
    "stale_plan": (
        "注意：{label} 的交流名单在求解后被改动过（{files}）。"
        "所示费用与合规结论为按现有名单重新核查的结果，求解器记录的状态、费用与下界不再适用。",
        "warning: the plan of {label} was changed after it was solved ({files}). Cost and "
        "compliance shown are the audit's recomputation of the plan as it is now; the solver's "
        "recorded status, cost and bound no longer apply.",
    ),
    "stale_inputs": (
        "注意：{label} 的方案数据在求解后被改动过（{files}）。"
        "所示费用与合规结论为按现有数据重新核查的结果，求解器记录的费用与下界不再适用。",
        "warning: the scenario files of {label} changed after it was solved ({files}). Cost "
        "and compliance shown are the audit's recomputation against the files as they are now; "
        "the solver's recorded cost and bound no longer apply.",
    ),
    # the public list (solver.output.public.notice)
    "public_title": (
        "{issuer}关于{scope}{first}—{last}学年教师交流轮岗人员名单的公示",
        "{issuer}: public list of teacher exchanges{scope}, school years {first}-{last}",
    ),
    "public_intro": (
        "根据义务教育教师交流轮岗工作安排，现将{n}名交流轮岗教师名单予以公示。公示期：{period}。",
        "Under the teacher exchange programme, the {n} teachers below are made public. "
        "Notice period: {period}.",
    ),
    "public_period": (
        "{start}至{end}（{days}个工作日）",
        "{start} to {end} ({days} working days)",
    ),
    "public_period_blank": (
        "＿＿年＿＿月＿＿日至＿＿年＿＿月＿＿日（{days}个工作日）",
        "____-__-__ to ____-__-__ ({days} working days)",
    ),
    "public_closing": (
        "公示期间，如有异议，请以书面或电话形式向{contact}反映。联系电话：{phone}。",
        "Objections during the notice period, in writing or by phone, to {contact}. "
        "Phone: {phone}.",
    ),
    "public_month": ("{y}年{m}月", "{y}-{m:02d}"),
    "public_term": ("{start}至{end}", "{start} to {end}"),
    "public_sep": ("；", "; "),
    "public_scope": ("{org}", " ({org})"),
    "public_blank": ("＿＿＿＿＿＿", "________"),
}


def phrase(key: str, lang: Lang, **values: object) -> str:
    """A sentence of ``PHRASES`` with its blanks filled: ``phrase("count", "zh", n=3)``."""
    return pick(PHRASES, key, lang).format(**values)


# conflicts and repairs (solver.repair, SPEC §9)
REPAIR: Words = {
    "h3": (
        "{school}：{teachers} 名教师每人本周期最多交流 {most} 年（H3 任期）",
        "{school}: {teachers} teachers can each serve at most {most} year(s) this cycle (H3 term)",
    ),
    "supply": (
        "；{teachers} 名可派教师最多能提供 {total} 人年，每人最多 {most} 年"
        "（max_term_years = {max_term}）",
        "; its {teachers} eligible teachers can give at most {total}, each at most {most} year(s) "
        "(max_term_years = {max_term})",
    ),
    "h4": (
        "{where} {years}：{rule}需要 {school} 共 {need} 人年骨干教师到成员校交流",
        "{where} {years}: {rule} needs {need} backbone teacher-years from {school} at members",
    ),
    "h5": (
        "{where} {years}：{rule}要求 {school} 与 {other} 的派出与接收相当",
        "{where} {years}: {rule} asks {school} and {other} to send and receive alike",
    ),
    "h6": (
        "{where} {years}：{rule}要求 {school} 共派出 {need} 人年",
        "{where} {years}: {rule} needs {need} teacher-years sent from {school}",
    ),
    "h7": (
        "{where}：{rule}要求本周期 {school} 至少 {need} 名干部到 {other} 交流",
        "{where}: {rule} needs at least {need} cadre(s) from {school} at {other} this cycle",
    ),
    "h8": (
        "{school} {subject} {years}：{rule}要求每年在岗不少于 {each} 人",
        "{school} {subject} {years}: {rule} needs at least {each} present each year",
    ),
    "h9_capacity": (
        "{school} {years}：{rule}每年最多接收 {each} 人",
        "{school} {years}: {rule} lets in at most {each} a year",
    ),
    "h9_cadres": (
        "{school} {years}：{rule}每年最多 {each} 名干部同时外出",
        "{school} {years}: {rule} lets at most {each} of its cadres be away a year",
    ),
    "h10_rotation": (
        "{school} {years}：{rule}要求交流不少于 {need} 人年",
        "{school} {years}: {rule} needs {need} teacher-years away",
    ),
    "h10_backbone": (
        "{school} {years}：{rule}要求交流教师中骨干教师达到 backbone_share",
        "{school} {years}: {rule} needs backbone_share of those away to be backbone teachers",
    ),
    "h11": (
        "{where} {years}：{rule}锁定在 {school}，与其他规则冲突",
        "{where} {years}: {rule} locked at {school}, which the other rules do not allow",
    ),
    "nothing": ("有可行方案，无需修复", "nothing to repair: the scenario has a plan"),
    "conflict_head": ("无可行方案，冲突如下：", "no plan: these rules cannot all hold together:"),
    "repairs_head": (
        "修复方案（每项单独修改即可得到方案）：",
        "repairs (each change on its own gives a plan):",
    ),
    "none_found": ("未找到单项修改的修复方案", "no single change found that gives a plan"),
    "more": ("其余修复方案：{command}", "all repairs: {command}"),
    "minimal_yes": ("已证明最小", "proven minimal"),
    "minimal_no": ("未证明最小", "not proven minimal"),
    "cost": ("方案成本 {cost}", "plan cost {cost}"),
    "gap": ("（最优差距 {gap}）", " (gap {gap})"),
    "optimal": ("（最优）", " (optimal)"),
    "scope_global": ("全局", "global"),
    "scope_org": ("组织", "organization"),
    "scope_school": ("学校", "school"),
    "scope_teacher": ("教师", "teacher"),
    "locked_off": ("取消锁定 {before}", "drop the lock {before}"),
    "exempt_off": ("取消免于交流", "lift the exemption"),
}


def repair_phrase(key: str, lang: Lang, **values: object) -> str:
    """A sentence of the repair search with its blanks filled."""
    return pick(REPAIR, key, lang).format(**values)
