"""Pools of Chinese characters for synthetic teacher and place names.

Names are drawn from common surnames and given-name characters so a generated roster reads
like a real one, while no name belongs to a real teacher.
"""

from __future__ import annotations

import numpy as np

# Common surnames, roughly by frequency (the weights fall off like a Zipf law).
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷"
    "侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤"
)
FEMALE_CHARS = list(
    "静丽敏燕艳娟霞芳婷雪慧颖琳洁倩玲萍红梅莉娜晶欣悦佳怡蕾薇璐瑶雯婧丹露春秋月彤妍琪"
)
MALE_CHARS = list(
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯俊帅峰建国林亮成龙洋健东文志海晨阳旭博"
)
SHARED_CHARS = list("子一思雨梓嘉晓新安宁清永家天云诗书")

# Two-character place names: a first character and a landscape suffix ("白塔", "新坝", "黄圩").
PLACE_FIRST = list("东西南北新白青黄石沙杨柳花龙凤云海盐平安兴和丰宁双马牛大小长高古金银桃李")
PLACE_SECOND = list("河湖港桥塘集庄营岭山湾坝圩店口洋林滩头墩沟埠场园")


def person_names(rng: np.random.Generator, female: np.ndarray) -> list[str]:
    """One synthetic name per teacher: surname plus one or two given-name characters."""
    n = len(female)
    weights = 1.0 / np.arange(1, len(SURNAMES) + 1) ** 0.9
    surname = rng.choice(len(SURNAMES), size=n, p=weights / weights.sum())
    two_chars = rng.random(n) < 0.65
    first_female = np.array(FEMALE_CHARS + SHARED_CHARS)
    first_male = np.array(MALE_CHARS + SHARED_CHARS)
    first = np.where(
        female,
        first_female[rng.integers(len(first_female), size=n)],
        first_male[rng.integers(len(first_male), size=n)],
    )
    last = np.where(
        female,
        np.array(FEMALE_CHARS)[rng.integers(len(FEMALE_CHARS), size=n)],
        np.array(MALE_CHARS)[rng.integers(len(MALE_CHARS), size=n)],
    )
    surnames = np.array(SURNAMES)[surname]
    return [
        s + f + (g if two else "")
        for s, f, g, two in zip(surnames, first, last, two_chars, strict=True)
    ]


def place_names(rng: np.random.Generator, count: int) -> list[str]:
    """``count`` distinct two-character place names (towns and villages of one district)."""
    total = len(PLACE_FIRST) * len(PLACE_SECOND)
    picks = rng.choice(total, size=min(count, total), replace=False)
    return [
        PLACE_FIRST[i // len(PLACE_SECOND)] + PLACE_SECOND[i % len(PLACE_SECOND)] for i in picks
    ]
