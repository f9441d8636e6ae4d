"""Draft a new article's facts for review, and merge the reviewed rows into the fact database.

``python -m industrybook.tooling.propose PAGE.txt --source-id ID [--out REVIEW.csv]`` reads a Chinese page and
writes one review row per quantity it finds (facts.csv's columns plus review columns). It never writes
into ``data/``. ``--accept REVIEWED.csv`` checks the reviewed rows by running the real ``load()`` on a
temporary copy of ``data/`` with the rows appended, and writes ``data/facts.csv`` (and ``units.csv``
for units the review adds) only when every row passes.

Chinese numerals are read with cn2an; ranges of word figures (数百, 上千) come from the book's own table
in :mod:`industrybook.data.printed`. No word segmenter: loading jieba's dictionary took 1.5 s here, most of the
2 s budget for a page, and the locator term only has to be a short run of characters beside the figure.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import cn2an

from industrybook.data import printed as numbers, paths
from industrybook.data.words import NO_PRINTED_UNIT, word_figures

REVIEW_EXTRA = ["review_status", "keep", "unit_new", "unit_factor", "period_reasoning", "subject"]
LOCATOR_MAX = 12  # characters of a locator figure or term: far below copied_text.py's 20-character window
SUBJECT_SIDE = 10  # characters of context on each side of the figure in the subject phrase

CJK = re.compile(r"[\u3400-\u9fff]")
CN_DIGITS = "零一二两三四五六七八九十百千"
ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CN_NUMBER = f"[{CN_DIGITS}]+(?:点[零一二三四五六七八九]+)?"
FRACTION = f"[{CN_DIGITS}]+分之[{CN_DIGITS}]+"
PERCENT_WORDS = f"百分之(?P<pct>[{CN_DIGITS}]+(?:点[零一二三四五六七八九]+)?)"
# word figures that need a unit after them to be a quantity (数字, 首先 are words, 数公里, 首家 are figures)
NEEDS_UNIT = {"数", "首"}
CLAUSE_END = "，。；！？：、（）()“”\"《》\n"
SENTENCE_END = "。！？\n"

QUALIFIER_BEFORE = [  # longest first: 超过 before 超
    ("不超过", "less_than"), ("不到", "less_than"), ("不足", "less_than"), ("少于", "less_than"),
    ("至少", "at_least"), ("不少于", "at_least"),
    ("将近", "nearly"), ("接近", "nearly"), ("近", "nearly"),
    ("超过", "more_than"), ("超", "more_than"), ("逾", "more_than"), ("突破", "more_than"),
    ("破", "more_than"), ("过", "more_than"),
    ("大约", "about"), ("约", "about"),
]
QUALIFIER_AFTER = [("以上", "more_than"), ("左右", "about"), ("以内", "less_than"), ("以下", "less_than")]

# units a page may print that units.csv does not hold yet: base unit and factor of the proposal
NEW_UNIT_BASES = {
    "元": ("CNY", 1.0), "美元": ("USD", 1.0), "吨": ("t", 1.0), "公斤": ("kg", 1.0), "千克": ("kg", 1.0),
    "克": ("g", 1.0), "亩": ("mu", 1.0), "公顷": ("ha", 1.0), "平方公里": ("m2", 1e6), "千米": ("m", 1000.0),
    "人": ("count", 1.0), "台": ("count", 1.0), "套": ("count", 1.0), "座": ("count", 1.0),
    "所": ("count", 1.0), "只": ("count", 1.0), "辆": ("count", 1.0), "艘": ("count", 1.0),
    "架": ("count", 1.0), "部": ("count", 1.0), "份": ("count", 1.0), "户": ("count", 1.0),
    "件": ("count", 1.0), "次": ("count", 1.0), "款": ("count", 1.0), "批": ("count", 1.0),
    "张": ("count", 1.0), "场": ("count", 1.0), "届": ("count", 1.0), "周": ("week", 1.0),
    "小时": ("hour", 1.0), "秒": ("second", 1.0), "千瓦时": ("kWh", 1.0),
}
MULTIPLIERS = {"万亿": 1e12, "万": 1e4, "亿": 1e8, "千": 1e3}
# classifiers after 第N that make it a label (the 3rd conference, the 1st batch), not a rank
ORDINAL_LABELS = set("届批期次代号条款章节部轮个")
PER_THING = "平方米|公斤|千克|吨|克|车|台|件|个|人|亩|度|套|辆"

MEASURE_BY_UNIT = {"CNY": "amount", "count": "count", "rank": "rank", "pp": "difference", "times": "growth",
                   "ratio": "share", "m": "distance", "W": "capacity", "t": "quantity", "m2": "quantity",
                   "day": "duration", "month": "duration", "year": "duration", "minute": "duration"}
GROWTH_WORDS = ("增长", "增速", "同比", "下降", "提高", "提升", "年均")
TARGET_WORDS = ("力争", "目标", "计划", "预计", "将达", "到20", "确保")
# words too general to locate a figure
STOP_TERMS = {"同比", "增长", "达到", "实现", "其中", "全年", "目前", "当前", "分别", "已经", "以上", "超过",
              "左右", "累计", "共计", "总计", "高达", "约", "近", "达", "一批", "以及", "我们", "其中有"}


class ProposeError(ValueError):
    """Bad input for the propose tool; the message says which file and what is wrong."""


# ---------------------------------------------------------------- reference tables


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def fact_columns(data_dir: Path) -> list[str]:
    """facts.csv's columns, in the schema's order."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    return [f["name"] for f in facts["schema"]["fields"]]


def review_columns(data_dir: Path) -> list[str]:
    return fact_columns(data_dir) + REVIEW_EXTRA


@dataclass
class Reference:
    """What the fact database already says about units, facts and omissions."""

    units: dict[str, tuple[str, float]]
    facts: list[dict[str, str]]
    omissions: list[dict[str, str]]
    sources: dict[str, dict[str, str]]

    @classmethod
    def read(cls, data_dir: Path) -> "Reference":
        units = {r["unit_printed"]: (r["unit"], float(r["factor"])) for r in _read_csv(data_dir / "units.csv")}
        return cls(units=units, facts=_read_csv(data_dir / "facts.csv"),
                   omissions=_read_csv(data_dir / "omissions.csv"),
                   sources={r["source_id"]: r for r in _read_csv(data_dir / "sources.csv")})


# ---------------------------------------------------------------- reading the page


def read_page(path: Path) -> str:
    """The page's text; a clear error for an empty file, a file that is not UTF-8 or has no Chinese."""
    path = Path(path)
    if not path.is_file():
        raise ProposeError(f"{path}: no such file")
    raw = path.read_bytes()
    if not raw.strip():
        raise ProposeError(f"{path}: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProposeError(f"{path}: not UTF-8 text (invalid byte at offset {exc.start}); "
                           "convert it, e.g. iconv -f GB18030 -t UTF-8") from None
    if not CJK.search(text):
        raise ProposeError(f"{path}: no Chinese text found; the tool reads Chinese articles")
    return normalise(text.lstrip("\ufeff"))


def normalise(text: str) -> str:
    """Spaces removed, line breaks kept: locators are checked on text without whitespace."""
    return re.sub(r"[^\S\n]+", "", text)


def page_date(source_id: str, page: Path, ref: Reference, date_override: str | None) -> str:
    """The article's date (sources.csv's, or --date for a page not yet listed); errors for an id that
    names a different file."""
    if not re.match(r"^[a-z0-9][a-z0-9_]*$", source_id):
        raise ProposeError(f"source id {source_id!r}: use lower-case letters, digits and _ (as data/sources.csv)")
    row = ref.sources.get(source_id)
    if row is not None:
        if row["file"] != Path(page).name:
            raise ProposeError(f"data/sources.csv gives source id {source_id!r} to {row['file']}, "
                               f"not to {Path(page).name}: pass that file, or a new id for a new page")
        return date_override or row["date"]
    for other in ref.sources.values():
        if other["file"] == Path(page).name:
            raise ProposeError(f"{Path(page).name} is already in data/sources.csv as {other['source_id']!r}, "
                               f"not {source_id!r}")
    if not date_override:
        raise ProposeError(f"source id {source_id!r} is not in data/sources.csv: add the page's row there "
                           "first, or pass --date YYYY-MM-DD")
    return date_override


# ---------------------------------------------------------------- time words and periods


@dataclass
class TimeWord:
    start: int
    end: int
    period: str
    # absolute (2022年), relative (今年, 10月18日), month (a bare 10月), plan (“十四五”), since (去年以来),
    # now (目前), year-scope (全年: the year in force), past-year (一年来: the twelve months before publication)
    # or title-year (《2024…报告》: the edition of a report or a list)
    kind: str
    text: str


# historical periods a page may date a figure by
ERA_WORDS = {"抗日战争时期": "1937/1945", "抗战时期": "1937/1945", "第一次世界大战": "1914/1918", "一战": "1914/1918",
             "第二次世界大战": "1939/1945", "二战": "1939/1945"}


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _cn_or_arabic(text: str) -> int:
    return int(text) if text.isdigit() else int(cn2an.cn2an(text, "smart"))


PAST_YEAR_LAST_MONTH = 4  # up to April, at least 8 of the 12 months before publication lie in the year before


def _past_year(pub: date) -> str:
    """一年来, 一年内 (rule past-year): the twelve months before publication; on a page of January to April
    that is mostly the last full year, which a year's review reports."""
    if pub.month <= PAST_YEAR_LAST_MONTH:
        return str(pub.year - 1)
    first = pub.year * 12 + pub.month - 12
    return f"{_month(first // 12, first % 12 + 1)}/{_month(pub.year, pub.month)}"


def _plan_years(n: int) -> str:
    start = 1966 + 5 * (n - 3)  # the 3rd five-year plan began in 1966; plans have run back to back since
    return f"{start}/{start + 4}"


def time_words(line: str, pub: date) -> list[TimeWord]:
    """Every date, period or relative time word in a line, with its ISO period."""
    found: list[TimeWord] = []
    taken = [False] * len(line)

    def add(m: re.Match, period: str, kind: str) -> None:
        if any(taken[m.start():m.end()]):
            return
        taken[m.start():m.end()] = [True] * (m.end() - m.start())
        found.append(TimeWord(m.start(), m.end(), period, kind, m.group(0)))

    def month_year(m: int) -> int:  # a month without a year: this year's, unless still to come
        return pub.year if m <= pub.month else pub.year - 1

    cn = "[一二三四五六七八九十]{1,3}"
    for m in re.finditer(r"(\d{4})年(\d{1,2})月(\d{1,2})日", line):
        add(m, f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", "absolute")
    for m in re.finditer(r"(\d{4})年(\d{1,2})[-—–至到~](\d{1,2})月", line):
        add(m, f"{_month(int(m[1]), int(m[2]))}/{_month(int(m[1]), int(m[3]))}", "absolute")
    for m in re.finditer(rf"(?:(\d{{4}})年|今年)?(前三季度|前两季度|上半年|一季度|第一季度|前({cn}|\d{{1,2}})个月)", line):
        year = int(m[1]) if m[1] else pub.year
        last = {"前三季度": 9, "前两季度": 6, "上半年": 6, "一季度": 3, "第一季度": 3}.get(m[2])
        last = last or _cn_or_arabic(m[3])
        add(m, f"{_month(year, 1)}/{_month(year, last)}", "absolute" if m[1] else "relative")
    for m in re.finditer(r"(\d{4})年(\d{1,2})月", line):
        add(m, _month(int(m[1]), int(m[2])), "absolute")
    for m in re.finditer(r"(\d{4})年?、(\d{4})年", line):
        add(m, f"{m[1]}/{m[2]}", "absolute")
    for m in re.finditer(r"(\d{4}年|去年|今年)以来", line):
        start = int(m[1][:4]) if m[1][0].isdigit() else pub.year - (m[1] == "去年")
        add(m, str(start), "since")
    for m in re.finditer("(一季报|半年报|中报|三季报)", line):  # a listed firm's quarterly report
        last = {"一季报": 3, "半年报": 6, "中报": 6, "三季报": 9}[m[1]]
        year = pub.year if pub.month > last else pub.year - 1
        add(m, f"{_month(year, 1)}/{_month(year, last)}", "relative")
    for m in re.finditer(r"(\d{4})年(?!均)度?", line):
        add(m, m[1], "absolute")
    for m in re.finditer(r"(?<![\d个.])(\d{1,2})[-—–至到~](\d{1,2})月", line):
        y = month_year(int(m[2]))
        add(m, f"{_month(y, int(m[1]))}/{_month(y, int(m[2]))}", "relative")
    for m in re.finditer(r"(?<![\d个.])(\d{1,2})月(\d{1,2})日", line):
        add(m, f"{month_year(int(m[1]))}-{int(m[1]):02d}-{int(m[2]):02d}", "relative")
    for m in re.finditer(r"(?<![\d个.])(\d{1,2})月份?", line):
        if 1 <= int(m[1]) <= 12:
            add(m, _month(month_year(int(m[1])), int(m[1])), "month")
    for m in re.finditer(r"“?十([一二三四五])五”?(?:期间|以来|时期)?", line):
        add(m, _plan_years(10 + "一二三四五".index(m[1]) + 1), "plan")
    for m in re.finditer(r"(?<=[《“])(\d{4})(?=[^\d年])", line):  # 《2024…报告》, “2024…百强”: an edition's year
        add(m, m[1], "title-year")
    for word, period in ERA_WORDS.items():
        for m in re.finditer(word, line):
            add(m, period, "absolute")
    for word, shift in (("前年", -2), ("去年", -1), ("今年", 0), ("年内", 0), ("本年", 0), ("明年", 1)):
        # 较去年同期 compares with last year, 一年内 is a span: neither dates the figure
        for m in re.finditer(rf"(?<![较比同上{CN_DIGITS}\d]){word}(?!同期)", line):
            add(m, str(pub.year + shift), "relative")
    for m in re.finditer(rf"过去一年|近一年|(?<![第\d{CN_DIGITS}])一年(?:以来|来|内)", line):
        add(m, _past_year(pub), "past-year")
    for m in re.finditer("目前|当前|截至目前|现已|如今", line):
        add(m, "", "now")
    for m in re.finditer(r"全年|(?<![\d年])年度", line):
        add(m, "", "year-scope")
    for m in re.finditer("双十一|双十二", line):  # the November and December shopping festivals
        month = 11 if m[0] == "双十一" else 12
        add(m, _month(month_year(month), month), "relative")
    return sorted(found, key=lambda t: t.start)


def publication_period(pub_text: str) -> str:
    """The month of publication (or the year, if that is all sources.csv knows)."""
    return pub_text[:7] if len(pub_text) >= 7 else pub_text


CONTINUATION = re.compile(r"[上下]接\d+版|转\d+版")
# figures over a period (and spans of time), not stocks at a date
FLOW_MEASURES = {"amount", "growth", "difference", "share", "duration"}


@dataclass
class TimeContext:
    """The time words that reach a line from outside it."""

    paragraph: list[TimeWord]  # the end of the same paragraph broken over earlier lines
    section_year: TimeWord | None  # the last year named in an earlier paragraph of the section
    plan: TimeWord | None  # the last plan period named earlier in the same item of the page (“十四五”以来)
    year_to_date: TimeWord | None  # the last span from January (前10个月) named earlier in the item
    # a heading, or a bold lead-in (**亮点一：…**) opening a paragraph: where it ends in the line, and the
    # first time word of the text it heads (rule heading-lead)
    heading_end: int = 0
    opening: TimeWord | None = None
    event_day: TimeWord | None = None  # the last day (an event) named earlier in the item, datelines skipped


def _in_scope(line: str, word: TimeWord, pos: int) -> bool:
    """A bare month (10月) dates its own sentence and the 其中 sentences after it; other words the paragraph."""
    if word.kind != "month":
        return True
    sentences = re.split("[。！？]", line[word.end:pos])
    return all(s.startswith("其中") for s in sentences[1:])


def propose_period(line: str, pos: int, words: list[TimeWord], pub_text: str, measure: str,
                   context: TimeContext | None = None, target: bool = False) -> tuple[str, str, str]:
    """(period, period_basis, reasoning) for a figure at ``pos`` in ``line``.

    A flow (an amount, a growth rate, a share) takes the nearest time word before it in its paragraph,
    then the year its section names; a stock (a count, a reserve, a record) only a time word of its
    own sentence or a day (an event) named earlier in the paragraph; a target is read like a flow. With
    nothing before it, a day named later in the paragraph dates the paragraph's event; then a plan period
    named earlier in the item (its base year for 从X, its last year for a rank or share); then the month
    of publication. 年均, 连续N年 and 今年 (before the year is out) have rules of their own.

    Named rules (the name starts the reasoning): past-year (一年来, 一年内), title-year (《2024…》),
    heading-lead (a headline's figure takes the first time word of its lead), undated-past (此前, 曾几何时:
    left unstated), event-edition (本次/本届 counts: the event's year), section-year (a year opening a
    paragraph scopes the section's counts), change-start-undated (the start of an undated 从…到…: left
    unstated) and, in plan reviews, rd-statistics-lag (see :func:`_within_plan`)."""
    context = context or TimeContext([], None, None, None)
    now = publication_period(pub_text)
    sentence_start = max((line.rfind(ch, 0, pos) for ch in "。！？"), default=-1) + 1
    sentence = line[sentence_start:_sentence_end(line, pos)]
    flow = measure in FLOW_MEASURES or target
    notes = ["同比 compares with the same period a year before"] if "同比" in line[max(0, pos - 12):pos + 12] else []
    years = re.findall(r"(\d{4})年", sentence)
    if "年均" in line[_clause_start(line, pos):pos] and len(years) >= 2:
        first, last = int(years[0]), int(years[-1])
        return f"{first + 1}/{last}", "stated", f"年均 between {first} and {last}: growth over {first + 1}-{last}"
    # a target's 一年内 is the year ahead, not the one before publication
    in_line = [w for w in words if w.end <= pos and _in_scope(line, w, pos) and not (target and w.kind == "past-year")]
    run = re.match(rf"({ARABIC}|{CN_NUMBER})(年|个月)", line[pos:])
    if run and line[max(0, pos - 2):pos] == "连续":
        reported_end = (_last_reported_year(int(context.plan.period[-4:]), line, pos, pub_text)
                        if context.plan else None)
        return _consecutive_run(int(_value_of(run[1])[0]), run[2], context.paragraph + in_line, context, pub_text,
                                reported_end)
    same_sentence = [w for w in in_line if w.start >= sentence_start]
    # a day named earlier in the paragraph dates an event, and the counts reported from it
    event_days = [w for w in context.paragraph + in_line if len(w.period) == 10 and w not in same_sentence]
    candidates = (context.paragraph + in_line) if flow else (event_days + same_sentence)

    def answer(period: str, basis: str, why: str) -> tuple[str, str, str]:
        return period, basis, "; ".join([why] + notes)

    past = UNDATED_PAST.search(line, sentence_start, pos)
    if past and not any(w.period for w in same_sentence):
        # 此前, 曾几何时: a state before the one reported, with no date to give it (the book leaves it blank)
        return answer("", "unstated", f"undated-past: {past[0]} and no date in its sentence: left unstated")

    if context.opening and pos < context.heading_end and not [w for w in candidates if w in in_line]:
        # a headline counts what the text below it reports: its figure takes that text's first date
        return answer(context.opening.period, "inferred",
                      f"heading-lead: {context.opening.text}, the first time word below the heading")
    edition = EDITION.search(sentence[:pos - sentence_start])
    if edition and not flow and not same_sentence and context.event_day:
        # 本次比赛设置10道赛题: entries and tracks build up over the edition, the year of the event's day
        year = context.event_day.period[:4]
        return answer(year, "inferred", f"event-edition: {edition[0]}, the event of {context.event_day.text} "
                                        f"earlier in the item: counts over the edition, {year}")
    if candidates:
        word = candidates[-1]
        where = "same sentence" if word in same_sentence else "earlier in the paragraph"
        if word.kind == "plan":
            return answer(*_within_plan(word, line, pos, measure, pub_text, where))
        if word.kind == "now":
            return answer(now, "inferred", f"{word.text}: at publication ({now})")
        if word.kind == "since":
            return answer(f"{word.period}/{now}" if flow else now, "inferred",
                          f"{word.text}: " + ("from then to publication" if flow else "a stock at publication"))
        if word.kind == "year-scope":
            years_before = [w for w in candidates if re.fullmatch(r"\d{4}", w.period)]
            if years_before:
                return answer(years_before[-1].period, "stated", f"{word.text} of {years_before[-1].text}")
            if context.section_year:
                return answer(context.section_year.period, "inferred", f"{word.text} of {context.section_year.text} (section)")
            if target:
                return answer(pub_text[:4], "inferred", f"{word.text}: a target for the year of publication")
            # a whole year's result, published before that year is out: the year before
            last = str(int(pub_text[:4]) - 1)
            return answer(last, "inferred", f"{word.text} with no year named: the last full year, {last}")
        basis = "stated" if word.kind in ("absolute", "plan", "title-year") else "inferred"
        ytd = [w for w in context.paragraph + in_line + ([context.year_to_date] if context.year_to_date else [])
               if w.period.startswith(f"{word.period}-01/")]
        if flow and not target and word.kind == "relative" and word.period == pub_text[:4] and ytd:
            return answer(ytd[-1].period, "inferred", f"{word.text} before the year is out: the year to date "
                                                      f"the item reports ({ytd[-1].text})")
        if word.kind == "title-year":
            return answer(word.period, basis, f"title-year: {word.text} heads the title of a report or list "
                                              f"({where}), the edition's year")
        if word.kind == "past-year":
            return answer(word.period, "inferred", f"past-year: {word.text} ({where}), the twelve months before "
                                                   f"publication ({word.period})")
        return answer(word.period, basis, f"{word.text} ({where})")
    later_days = [w for w in words if w.start >= pos and len(w.period) == 10 and w.kind == "absolute"]
    if later_days:  # a forum's totals first, then the day it was held: the paragraph's event, dated after them
        return answer(later_days[0].period, "inferred", f"{later_days[0].text} later in the paragraph (the event)")
    if not flow and context.section_year and context.section_year.start == 0:
        # 2023年是…之年 at the head of a paragraph sets the year for the section below it, counts included
        return answer(context.section_year.period, "inferred",
                      f"section-year: {context.section_year.text} opens a paragraph earlier in the section")
    if flow and context.section_year:
        return answer(context.section_year.period, "inferred", f"{context.section_year.text} earlier in the section")
    if context.plan:
        return answer(*_within_plan(context.plan, line, pos, measure, pub_text, "earlier in the item"))
    if _is_starting_value(line, pos):
        # 从500米延长到5000米 with nothing to date it: the end is the state at publication, the start undated
        return answer("", "unstated", "change-start-undated: the value before an undated change (从…到…): left unstated")
    why = "a stock: no time word in its sentence" if not flow else "no time word before it in its section"
    return answer(now, "inferred", f"{why}; publication {now}")


# a time before the one reported, with no date of its own (过去一年 is the past-year rule's, 以前所未有 no time)
UNDATED_PAST = re.compile(f"曾几何时|曾经|此前|以前(?!所未)|从前|昔日|原来|过去(?!一年|[{CN_DIGITS}\\d]+年)")
EDITION = re.compile("本次|本届|此次")  # this edition of the event the item reports
STATE_MEASURES = {"rank", "share"}  # a state at a date, never summed over years

# the official R&D series (研究与试验发展经费, 研发投入强度, firms with R&D activity): the statistics bureau
# publishes a year's figures in its R&D bulletin in September or October of the next year
RD_SERIES = re.compile("研发投入|研发经费|研发活动|研究与试验发展|R&D")
RD_RELEASE_MONTH = 9


def _names_rd_series(line: str, pos: int) -> bool:
    """The figure's clause, or the clause before it in the same list item, names the official R&D series;
    a 累计 running total is a programme's own sum, not the series."""
    item = line[max(line.rfind(ch, 0, pos) for ch in "；。！？：") + 1:pos]
    clauses = item.split("，")
    return bool(RD_SERIES.search("".join(clauses[-2:]))) and "累计" not in clauses[-1]


def _last_reported_year(last: int, line: str, pos: int, pub_text: str) -> int:
    """The latest year the figure can describe: the plan's last year, or for the R&D series, when the
    page came out before that year's bulletin, the last year already published."""
    if not _names_rd_series(line, pos) or len(pub_text) < 7:
        return last
    year, month = int(pub_text[:4]), int(pub_text[5:7])
    return min(last, year - 1 if month >= RD_RELEASE_MONTH else year - 2)


def _within_plan(plan: TimeWord, line: str, pos: int, measure: str, pub_text: str,
                 where: str) -> tuple[str, str, str]:
    """A figure in a review of a five-year plan: the base year for 从X…, the last year for a rank or a
    share once the plan is over, the plan's years for the rest (totals, counts, growth). R&D statistics
    end at the last year published (rule rd-statistics-lag): a level or a rank is that year's, and a
    growth or an annual total runs to it."""
    first, last = int(plan.period[:4]), int(plan.period[-4:])
    if _is_starting_value(line, pos):
        return str(first - 1), "inferred", f"从… within {plan.text}: the value before the plan, in {first - 1}"
    steady = re.search("稳居|始终|一直|持续", line[_clause_start(line, pos):pos])  # held throughout the plan
    reported = _last_reported_year(last, line, pos, pub_text) if last < int(pub_text[:4]) else last
    if reported < last and not steady:
        lag = (f"rd-statistics-lag: R&D figures for {last} are published after {pub_text[:7]}; "
               f"the latest within {plan.text} ({where}) are for {reported}")
        if measure == "growth":
            return f"{first}/{reported}", "inferred", lag
        if measure in STATE_MEASURES or measure == "amount":  # the series is annual: its total is one year's
            return str(reported), "inferred", lag
    if measure in STATE_MEASURES and last < int(pub_text[:4]) and not steady:
        return str(last), "inferred", f"a {measure} within {plan.text} ({where}): the plan's last year"
    basis = "stated" if where == "same sentence" else "inferred"
    return plan.period, basis, f"{plan.text} ({where})"


def _is_starting_value(line: str, pos: int) -> bool:
    """从2.16%提升至2.62%: the first figure of a from-to change."""
    clause_start = _clause_start(line, pos)
    return (line[max(clause_start, pos - 2):pos].endswith(("从", "由", "从第", "由第"))
            and bool(re.match(r"[^，。；]*?(提升|提高|增|升|进位|跃升|上升|下降|降|延长|缩短|扩大|缩小|压缩|减少|减)(至|到)",
                              line[pos:])))


def _consecutive_run(count: int, unit: str, before: list[TimeWord], context: TimeContext,
                     pub_text: str, reported_end: int | None = None) -> tuple[str, str, str]:
    """连续4年, 连续6个月: the run ends where the period in force ends (a plan that is over, or publication;
    for R&D statistics the plan's last year already published, ``reported_end``)."""
    dated = [w for w in before if w.period and w.kind != "since"]
    if dated:
        end, why = dated[-1].period.split("/")[-1], dated[-1].text
    elif context.plan and int(context.plan.period[-4:]) < int(pub_text[:4]):
        last = int(context.plan.period[-4:])
        end, why = str(reported_end or last), context.plan.text
        if reported_end and reported_end < last:
            why += f"; rd-statistics-lag: R&D figures for {last} not yet published"
    else:
        end, why = pub_text[:4 if unit == "年" else 7], "publication"
    if unit == "年":
        last = int(end[:4])
        return f"{last - count + 1}/{last}", "inferred", f"连续{count}年 ending in {last} ({why})"
    if len(end) < 7:
        return publication_period(pub_text), "inferred", f"连续{count}个月: no month to end on"
    year, month = int(end[:4]), int(end[5:7])
    first = year * 12 + month - count
    return f"{_month(first // 12, first % 12 + 1)}/{end[:7]}", "inferred", f"连续{count}个月 ending in {end[:7]} ({why})"


def _sentence_end(line: str, pos: int) -> int:
    ends = [i for i in (line.find(ch, pos) for ch in "。！？") if i >= 0]
    return min(ends) + 1 if ends else len(line)


BOLD_LEAD = re.compile(r"\*\*[^*]+\*\*")
DATELINE_END = "讯电"  # 12月3日讯, 北京5月2日电: the day of the report, not of what it reports
LEAD_PARAGRAPHS = 2  # a heading's lead: the paragraphs that open the text below it


def _heading_end(line: str, is_heading: bool) -> int:
    """Where a heading line, or a paragraph's bold lead-in, ends (0: the line is neither). A short line
    ending in a comma is a paragraph the page broke, not a heading."""
    if is_heading and not re.search("[，、；：,;:]$", line):
        return len(line)
    lead = BOLD_LEAD.match(line)
    return lead.end() if lead else 0


def _section_opening(lines: list[str], words_by_line: list[list[TimeWord]], no: int, after: int,
                     headings: set[int]) -> TimeWord | None:
    """The first dated time word after offset ``after`` of line ``no`` (1-based) in the lead below it (up to
    LEAD_PARAGRAPHS paragraphs, and never past the next heading or bold lead-in), datelines skipped."""
    paragraphs = 0
    for n in range(no, len(lines) + 1):
        line = lines[n - 1]
        if n > no and (n in headings or BOLD_LEAD.match(line)):
            return None
        if n > no and line.strip():
            paragraphs += 1
            if paragraphs > LEAD_PARAGRAPHS:
                return None
        for w in words_by_line[n - 1]:
            if (n > no or w.start >= after) and w.period and line[w.end:w.end + 1] not in DATELINE_END:
                return w
    return None


def time_contexts(lines: list[str], words_by_line: list[list[TimeWord]]) -> list[TimeContext]:
    """For each line, the time words reaching it from earlier lines (see :class:`TimeContext`)."""
    headings = set(_heading_lines(lines))
    out, paragraph, year, plan, ytd, day = [], [], None, None, None, None
    for no, (line, words) in enumerate(zip(lines, words_by_line), 1):
        if no in headings:
            year = None
            if re.match(r"#{1,2}[^#]", line):  # a new item of the page, not a subsection of the same one
                plan = ytd = day = None
        if CONTINUATION.search(line):  # (上接1版): an item continued from another page starts here
            year = plan = ytd = day = None
        heading_end = _heading_end(line, no in headings)
        opening = _section_opening(lines, words_by_line, no, heading_end, headings) if heading_end else None
        out.append(TimeContext(list(paragraph), year, plan, ytd, heading_end, opening, day))
        if not line.strip():
            continue
        # a line that stops mid-sentence (the page broke a paragraph) hands its words to the next line
        paragraph = paragraph + words if not re.search(r"[。！？”」）)…]$", line) else []
        for w in words:
            if w.kind == "plan":
                plan = w
            elif w.kind in ("absolute", "relative") and re.fullmatch(r"\d{4}", w.period):
                year = w
            elif re.fullmatch(r"\d{4}-01/\d{4}-\d{2}", w.period):
                ytd = w
            elif len(w.period) == 10 and line[w.end:w.end + 1] not in DATELINE_END:
                day = w
    return out


# ---------------------------------------------------------------- figures


@dataclass
class Proposal:
    """One quantity found on the page, as a draft fact."""

    line_no: int
    start: int  # offset of the figure in the normalised page text
    value_printed: str
    unit_printed: str
    unit: str
    factor: float
    unit_new: bool
    point: float | None
    low: float | None
    high: float | None
    qualifier: str
    locator_figure: str
    locator_term: str
    period: str = ""
    period_basis: str = "inferred"
    period_reasoning: str = ""
    subject: str = ""
    status: str = "outcome"
    measure: str = "count"
    review_status: str = "new"
    keep: str = "yes"
    fields: dict = field(default_factory=dict)


def _figure_pattern() -> re.Pattern:
    words = sorted(word_figures(), key=len, reverse=True)
    alternatives = [PERCENT_WORDS, f"(?P<frac>{FRACTION})", "(?P<word>" + "|".join(map(re.escape, words)) + ")",
                    f"(?P<arabic>{ARABIC})", f"(?P<cn>{CN_NUMBER})"]
    return re.compile("|".join(alternatives))


def _unit_pattern(units: dict[str, tuple[str, float]]) -> re.Pattern:
    known = [u for u in units if u != NO_PRINTED_UNIT]
    names = sorted(set(known) | set(NEW_UNIT_BASES), key=len, reverse=True)
    mult = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
    return re.compile(f"(?P<more>多|余)?(?P<unit>(?:{mult})?(?:{'|'.join(map(re.escape, names))})|{mult})")


def _base_of(unit_printed: str, units: dict[str, tuple[str, float]]) -> tuple[str, float, bool]:
    """(base unit, factor, new?) for a printed unit; a multiplier prefix scales a known word."""
    if unit_printed in units:
        return units[unit_printed][0], units[unit_printed][1], False
    for prefix, scale in sorted(MULTIPLIERS.items(), key=lambda kv: -len(kv[0])):
        rest = unit_printed[len(prefix):]
        if unit_printed.startswith(prefix):
            if rest in units:
                return units[rest][0], units[rest][1] * scale, True
            if rest in NEW_UNIT_BASES:
                base, factor = NEW_UNIT_BASES[rest]
                return base, factor * scale, True
            if not rest:
                return "count", scale, True
    if "/" in unit_printed:
        top, _, per = unit_printed.partition("/")
        base, factor, _ = _base_of(top, units)
        return f"{base}/{per}", factor, True
    base, factor = NEW_UNIT_BASES.get(unit_printed, ("count", 1.0))
    return base, factor, True


def _is_year_or_date(line: str, m: re.Match) -> bool:
    after = line[m.end():m.end() + 6]
    if m["arabic"] and re.fullmatch(r"\d{4}", m[0]) and 1800 <= int(m[0]) <= 2100:
        if after.startswith("年") or re.match(r"[、—–\-至到~]\d{4}", after):
            return True
    return bool(re.match(r"[月日号时]|个?季度|届", after)) and not after.startswith("个月")


def _context_rejects(line: str, m: re.Match) -> bool:
    """Figures inside codes and names: 5G, 4A级, C919, 1+4+N, 二七二厂."""
    before, after = line[m.start() - 1:m.start()] if m.start() else "", line[m.end():m.end() + 1]
    if re.match(r"[A-Za-z+＋×/]", after) or re.match(r"[A-Za-z+＋×]", before):  # ** is Markdown bold
        return True
    return bool(m["cn"] and m["cn"] != "两" and re.search(r"[A-Za-z]", before + after))


class PageReader:
    """Finds the figures of one page."""

    def __init__(self, ref: Reference):
        self.ref = ref
        self.figure = _figure_pattern()
        self.unit = _unit_pattern(ref.units)

    def figures(self, text: str) -> list[Proposal]:
        found, offset = [], 0
        for line_no, line in enumerate(text.split("\n"), 1):
            found += self._line_figures(line, line_no, offset)
            offset += len(line) + 1
        return found

    def _line_figures(self, line: str, line_no: int, offset: int) -> list[Proposal]:
        out = []
        for m in self.figure.finditer(line):
            if _is_year_or_date(line, m) or _context_rejects(line, m):
                continue
            proposal = self._read(line, m)
            if proposal is not None:
                proposal.line_no, proposal.start = line_no, offset + proposal.start
                out.append(proposal)
        return out

    def _read(self, line: str, m: re.Match) -> Proposal | None:
        printed, start, end = m[0], m.start(), m.end()
        if m["pct"]:
            return self._make(line, m["pct"], start, end, "%", "exact")
        if m["frac"]:
            return self._make(line, printed, start, end, NO_PRINTED_UNIT, "exact")
        ordinal = line[max(0, start - 1):start] == "第"
        if ordinal:
            return self._rank(line, printed, start, end)
        if m["word"] and printed.startswith("前"):  # 前十: a rank somewhere in the top ten
            return self._make(line, printed, start, end, "位", "range")
        if line[end:end + 1] == "大" and not m["word"]:  # 十大产业, 4大系列: a count of named kinds
            after = self._match_unit(line, end + 1)
            known = after is not None and after[0] in self.ref.units and not after[2]
            unit, stop = (after[0], after[1]) if known else ("个", end + 1)
            return self._make(line, printed, start, end, unit, "exact", locator_end=stop)
        matched = self._match_unit(line, end)
        if not matched:
            if m["word"] and _is_share(printed):  # 一半, 三分天下衡阳有其一: a share needs no unit
                return self._make(line, printed, start, end, NO_PRINTED_UNIT, "exact")
            return None
        unit, unit_end, more = matched
        if m["word"] in NEEDS_UNIT and more:
            return None
        if m["cn"] and len(printed) == 1 and unit in MULTIPLIERS and printed not in "十百千":
            return None  # 一万 alone is rhetoric more often than a figure
        if printed == "零" or line.startswith("数", unit_end):
            return None  # 零部件 is a word, 两位数 a number of digits
        if printed == "一" and not self._counts_one(line, start, unit_end):
            return None
        unit = self._shared_unit(line, unit_end, unit)
        unit = self._per_unit(line, start, unit)
        is_range = bool(m["word"]) and word_figures()[printed][0] is None
        qualifier = "more_than" if more else ("range" if is_range else "exact")
        return self._make(line, printed, start, end, unit, qualifier, locator_end=unit_end)

    def _match_unit(self, line: str, pos: int) -> tuple[str, int, bool] | None:
        """(unit as printed without 余/多, where it ends, whether 余/多 was printed) at ``pos``."""
        m = self.unit.match(line, pos)
        if not m:
            return None
        unit, end, more = m["unit"], m.end(), bool(m["more"])
        if unit in MULTIPLIERS:  # 2万余人: 余 between the multiplier and the unit word
            rest = self.unit.match(line, end)
            if rest and rest["more"] and rest["unit"] not in MULTIPLIERS:
                return unit + rest["unit"], rest.end(), True
        return unit, end, more

    @staticmethod
    def _counts_one(line: str, start: int, end: int) -> bool:
        """一家, 一座 are mostly the article 'a'; they count one when limited (只有…一家, 不足一年)
        or when the count ends the clause (仅此一家。)."""
        before = line[max(0, start - 5):start]
        return (bool(_qualifier_before(line, start)) or any(w in before for w in ("只", "仅", "唯一", "不足", "不到"))
                or line[end:end + 1] in CLAUSE_END or end == len(line))

    def _rank(self, line: str, printed: str, start: int, end: int) -> Proposal | None:
        after = line[end:end + 1]
        if after in ORDINAL_LABELS and after != "位":
            return None
        stop = end + 1 if after in ("位", "名") else end
        return self._make(line, printed, start - 1, end, "位", "exact", value_start=start, locator_end=stop)

    def _shared_unit(self, line: str, pos: int, unit: str) -> str:
        """4.2个、0.6个百分点: a unit printed once for a list of figures belongs to each."""
        m = re.match(rf"[、和及与或](?:{ARABIC}|{CN_NUMBER})({re.escape(unit)}\S*?)(?=[，。；、]|$)", line[pos:])
        if m:
            for known in sorted(self.ref.units, key=len, reverse=True):
                if known.startswith(unit) and m[1].startswith(known):
                    return known
        return unit

    def _per_unit(self, line: str, start: int, unit: str) -> str:
        """每吨1.6万元, 一车几百元: a price takes its 'per' from the words before it."""
        base, _, _ = _base_of(unit, self.ref.units)
        if base != "CNY":
            return unit
        sentence_start = max((line.rfind(ch, 0, start) for ch in "。！？；"), default=-1) + 1
        clause = line[max(_clause_start(line, start), start - 10):start]
        # 一车 only in the figure's own clause; 每吨 holds for the prices after it in the sentence
        m = (list(re.finditer(rf"(一)({PER_THING})", clause))
             or list(re.finditer(rf"(每)({PER_THING})", line[sentence_start:start])))
        if not m:
            return unit
        per = f"{unit}/{m[-1][2]}"
        return per if per in self.ref.units or m[-1][1] == "每" else unit

    def _make(self, line: str, printed: str, start: int, end: int, unit_printed: str, qualifier: str,
              value_start: int | None = None, locator_end: int | None = None) -> Proposal | None:
        point, low, high = _value_of(printed)
        if point is None and low is None:
            return None
        unit, factor, new = _base_of(unit_printed, self.ref.units)
        loc_start, loc_end = start, locator_end or end
        before_q = _qualifier_before(line, start)
        if before_q:
            qualifier = before_q[1] if qualifier in ("exact",) else qualifier
            loc_start = start - len(before_q[0])
        after_q = _qualifier_after(line, loc_end)
        if after_q and qualifier == "exact":
            qualifier = after_q[1]
        if loc_end - loc_start > LOCATOR_MAX:  # drop the qualifier word, never part of the figure
            loc_start = start
        return Proposal(line_no=0, start=start if value_start is None else value_start, value_printed=printed,
                        unit_printed=unit_printed, unit=unit, factor=factor, unit_new=new, point=point,
                        low=low, high=high, qualifier=qualifier, locator_figure=line[loc_start:loc_end],
                        locator_term="")


def _value_of(printed: str) -> tuple[float | None, float | None, float | None]:
    """(point, low, high): digits, word figures and fractions as the book reads them
    (:func:`industrybook.data.printed.parse_printed`), other Chinese numerals with cn2an. The accept step
    checks the value again with ``parse_printed``, so a disagreement cannot slip into the database."""
    if numbers.is_numeric(printed) or printed in word_figures() or "分之" in printed:
        try:
            return numbers.parse_printed(printed, word_figures())
        except ValueError:
            return None, None, None
    try:
        return float(cn2an.cn2an(printed, "smart")), None, None
    except (ValueError, KeyError, IndexError):
        pass
    try:  # a bare 百 or 千 (超百亿, 百兆瓦级), which cn2an does not read
        return numbers.parse_printed(printed, word_figures())
    except ValueError:
        return None, None, None


def _is_share(word: str) -> bool:
    point = word_figures()[word][0]
    return point is not None and 0 < point < 1


def _qualifier_before(line: str, start: int) -> tuple[str, str] | None:
    window = line[max(0, start - 3):start]
    for word, qualifier in QUALIFIER_BEFORE:
        if window.endswith(word):
            if word == "过" and window[-2:-1] in ("通", "经", "超", "不", "越", "度"):
                return None  # 通过, 经过: 'through', not 'over'
            return word, qualifier
    return None


def _qualifier_after(line: str, end: int) -> tuple[str, str] | None:
    for word, qualifier in QUALIFIER_AFTER:
        if line.startswith(word, end):
            return word, qualifier
    return None


def _clause_start(line: str, pos: int) -> int:
    return max((line.rfind(ch, 0, pos) for ch in CLAUSE_END), default=-1) + 1


def _clause_end(line: str, pos: int) -> int:
    ends = [i for i in (line.find(ch, pos) for ch in CLAUSE_END) if i >= 0]
    return min(ends) if ends else len(line)


# ---------------------------------------------------------------- words around a figure


# endings that tie a figure to its clause (实现产值达, 增长约) rather than name what it counts
TIE_ENDINGS = ("达到", "达", "为", "约", "超过", "超", "近", "共", "了", "是", "增至", "至", "突破", "破",
               "过", "逾", "分别", "高达", "仅", "总计", "合计", "累计", "排", "居", "等", "已")
TERM_LENGTH = 6
# one-character words that join two phrases: a term is cut at them (子公司在全球 -> 全球)
PARTICLES = "的在和与及对从把将向被以"


def _term_before(clause: str) -> str:
    runs = re.findall(r"[\u3400-\u9fff]+", clause)
    run = runs[-1] if runs else ""
    stripped = True
    while run and stripped:
        stripped = False
        for ending in TIE_ENDINGS:
            if run.endswith(ending) and len(run) > len(ending):
                run, stripped = run[:-len(ending)], True
    pieces = [piece for piece in re.split(f"[{PARTICLES}]", run) if len(piece) >= 2]
    run = pieces[-1] if pieces else ""
    return run[-TERM_LENGTH:] if run not in STOP_TERMS else ""


def _term_after(clause: str) -> str:
    m = re.match(r"[^\u3400-\u9fff]*([\u3400-\u9fff]+)", clause)
    run = re.split(f"[{PARTICLES}]", m[1])[0] if m else ""
    return run[:TERM_LENGTH] if len(run) >= 2 and run not in STOP_TERMS else ""


def locator_term(line: str, start: int, end: int) -> str:
    """Two to four Chinese characters beside the figure in its clause: the words before it if they name
    something, else those after it, else the end of the clause before."""
    c0, c1 = _clause_start(line, start), _clause_end(line, end)
    term = _term_before(line[c0:start]) or _term_after(line[end:c1])
    if not term and c0 > 1:
        term = _term_before(line[_clause_start(line, c0 - 1):c0 - 1])
    return term


def subject_phrase(line: str, start: int, end: int) -> str:
    """The clause around the figure, a few characters each side, for the person writing the description."""
    c0, c1 = _clause_start(line, start), _clause_end(line, end)
    before = re.sub(r"^[\d.,%]+", "", line[max(c0, start - SUBJECT_SIDE):start])  # no half-cut figure
    after = line[end:min(c1, end + SUBJECT_SIDE)]
    return f"{before} … {after}".strip()


# ---------------------------------------------------------------- what the database already has


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(ch, 0, pos) for ch in SENTENCE_END) + 1
    ends = [i for i in (text.find(ch, pos) for ch in SENTENCE_END) if i >= 0]
    return start, (min(ends) if ends else len(text))


def fact_position(text: str, fact: dict[str, str]) -> int | None:
    """Where a fact's figure stands in the page: the occurrence nearest its locator term."""
    figs = [m.start() for m in re.finditer(re.escape(fact["locator_figure"]), text)]
    terms = [m.start() for m in re.finditer(re.escape(fact["locator_term"]), text)]
    if not figs:
        return None
    if not terms:
        return figs[0]
    return min(figs, key=lambda f: min(abs(f - t) for t in terms))


def _heading_lines(lines: list[str]) -> list[int]:
    """Line numbers of headings: marked with #, or short lines without a full stop."""
    return [i for i, line in enumerate(lines, 1)
            if line.startswith("#") or (0 < len(line) <= 40 and "。" not in line and CJK.search(line))]


def mark_review_status(proposals: list[Proposal], text: str, source_id: str, ref: Reference) -> None:
    """already in facts.csv as ID / listed in omissions.csv / probably off theme / new."""
    facts = [f for f in ref.facts if f["source_id"] == source_id]
    positions = {f["fact_id"]: fact_position(text, f) for f in facts}
    omissions = [o for o in ref.omissions if o["source_id"] == source_id]
    lines = text.split("\n")
    headings = _heading_lines(lines)
    whole_items = [o["locator"] for o in omissions
                   if re.search(r"whole|unrelated|outside the book", o["reason"], re.IGNORECASE)]
    for p in proposals:
        same = [f for f in facts if f["value_printed"] == p.value_printed and f["unit_printed"] == p.unit_printed]
        if same:
            nearest = min(same, key=lambda f: abs((positions[f["fact_id"]] or 10**9) - p.start))
            where = positions[nearest["fact_id"]]
            if where is not None and sentence_span(text, where) == sentence_span(text, p.start):
                p.review_status, p.keep = f"in facts.csv as {nearest['fact_id']}", "no"
                continue
            # the same figure elsewhere on the page: a repeat (a caption, a heading) or another fact
            p.review_status = f"like {nearest['fact_id']} in facts.csv (same value and unit), another sentence"
            continue
        line = lines[p.line_no - 1]
        for o in omissions:
            if _covers(line, o["locator"], p.locator_figure):
                p.review_status, p.keep = f"in omissions.csv: {o['locator']}", "no"
                break
        else:
            # the item's heading (a # line) and the nearest heading-like line above the figure
            marked = max((h for h in headings if h <= p.line_no and lines[h - 1].startswith("#")), default=None)
            nearest = max((h for h in headings if h <= p.line_no), default=None)
            context = line + "".join(lines[h - 1] for h in {marked, nearest} if h)
            if any(item in context for item in whole_items):
                p.review_status, p.keep = "probably off theme (an item omissions.csv leaves out)", "no"


def _covers(line: str, locator: str, figure: str) -> bool:
    """True when an occurrence of ``locator`` in the line overlaps the figure's locator."""
    for m in re.finditer(re.escape(locator), line):
        for f in re.finditer(re.escape(figure), line):
            if f.start() < m.end() and m.start() < f.end():
                return True
    return False


# ---------------------------------------------------------------- the proposal run


def _measure(p: Proposal, context: str) -> str:
    """The measure the unit and the words just before the figure suggest (context: those words)."""
    if p.unit == "percent":
        if re.search("(提升|提高|上升|增加|下降|降低)(至|到)$", context):  # 从2.16%提升至2.62%: a level reached
            return "share"
        return "growth" if any(w in context for w in GROWTH_WORDS) else "share"
    if "/" in p.unit:
        return "price"
    return MEASURE_BY_UNIT.get(p.unit, "count")


def _first_day(pub_text: str, source_id: str) -> date:
    """The first day of the page's date: 2023-04 -> 2023-04-01."""
    padded = {4: "-01-01", 7: "-01", 10: ""}.get(len(pub_text[:10]))
    try:
        return date.fromisoformat(pub_text[:10] + padded)
    except (TypeError, ValueError):
        raise ProposeError(f"date {pub_text!r} of {source_id!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def propose(page: Path, source_id: str, data_dir: Path | None = None,
            date_override: str | None = None) -> list[Proposal]:
    """Every quantity of the page as a draft fact, with its review status."""
    data_dir = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    ref = Reference.read(Path(data_dir))
    text = read_page(page)
    pub_text = page_date(source_id, page, ref, date_override)
    pub = _first_day(pub_text, source_id)
    proposals = PageReader(ref).figures(text)
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    words_by_line = [time_words(line, pub) for line in lines]
    contexts = time_contexts(lines, words_by_line)
    for n, p in enumerate(proposals, 1):
        line = lines[p.line_no - 1]
        pos = p.start - offsets[p.line_no - 1]
        fig_start = line.find(p.locator_figure, max(0, pos - LOCATOR_MAX))
        fig_end = fig_start + len(p.locator_figure)
        p.measure = _measure(p, line[max(0, fig_start - 8):fig_start])
        clause = line[_clause_start(line, fig_start):_clause_end(line, fig_end)]
        sentence_before = line[max(line.rfind(ch, 0, fig_start) for ch in "。！？；") + 1:fig_start]
        # 力争 governs the whole list after it (力争建成5个、投产8个)
        targeted = any(w in clause for w in TARGET_WORDS) or "力争" in sentence_before
        p.status = "target" if targeted else "outcome"
        p.period, p.period_basis, p.period_reasoning = propose_period(
            line, fig_start, words_by_line[p.line_no - 1], pub_text, p.measure, contexts[p.line_no - 1],
            target=p.status == "target")
        p.locator_term = locator_term(line, fig_start, fig_end)
        p.subject = subject_phrase(line, fig_start, fig_end)
        p.fields = {"fact_id": f"{source_id}_p{n:03d}", "source_id": source_id}
    mark_review_status(proposals, text, source_id, ref)
    return proposals


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return repr(int(value)) if float(value).is_integer() and abs(value) < 1e17 else repr(value)


def review_row(p: Proposal, columns: list[str]) -> dict[str, str]:
    low = p.low * p.factor if p.low is not None else (p.point * p.factor if p.qualifier in ("more_than", "at_least") else None)
    high = p.high * p.factor if p.high is not None else (p.point * p.factor if p.qualifier in ("nearly", "less_than") else None)
    row = {c: "" for c in columns}
    row.update(p.fields)
    row.update({
        "metric_zh": p.locator_term, "value_printed": p.value_printed, "unit_printed": p.unit_printed,
        "value": _num(p.point * p.factor if p.point is not None else None), "unit": p.unit,
        "value_low": _num(low), "value_high": _num(high), "period": p.period, "period_basis": p.period_basis,
        "qualifier": p.qualifier, "status": p.status, "measure": p.measure,
        "locator_figure": p.locator_figure, "locator_term": p.locator_term,
        "review_status": p.review_status, "keep": p.keep, "unit_new": "yes" if p.unit_new else "no",
        "unit_factor": _num(p.factor), "period_reasoning": p.period_reasoning, "subject": p.subject,
    })
    return row


FORMULA_START = ("=", "+", "-", "@")  # a spreadsheet would run such a cell as a formula


def write_review(proposals: list[Proposal], columns: list[str], out) -> None:
    """The review file; page text in the review-only columns cannot start a spreadsheet formula."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for p in proposals:
        row = review_row(p, columns)
        for name in ("subject", "period_reasoning"):
            if row[name].startswith(FORMULA_START):
                row[name] = "'" + row[name]
        writer.writerow(row)


def _refuse_data_dir(out: Path, data_dir: Path) -> None:
    if Path(data_dir).resolve() in [Path(out).resolve(), *Path(out).resolve().parents]:
        raise ProposeError(f"{out}: the review file may not be written into {data_dir}; "
                           "only --accept writes the fact database")


# ---------------------------------------------------------------- accepting a reviewed file


def read_review(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of every reviewed row; an error for a changed or missing column."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a spreadsheet may save a byte-order mark
    except UnicodeDecodeError:
        raise ProposeError(f"{path}: not UTF-8 text") from None
    except FileNotFoundError:
        raise ProposeError(f"{path}: no such file") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise ProposeError(f"{path}: the file is empty")
    missing = [c for c in columns if c not in header]
    unknown = [c for c in header if c not in columns]
    if missing or unknown:
        raise ProposeError(f"{path}, line 1: the columns differ from a review file's"
                           + (f"; missing: {', '.join(missing)}" if missing else "")
                           + (f"; not a review column: {', '.join(unknown)}" if unknown else ""))
    if header != columns:
        raise ProposeError(f"{path}, line 1: the columns are out of order; keep them as the tool wrote them")
    rows = []
    for line_no, cells in enumerate(reader, 2):
        if not cells:
            continue
        if len(cells) != len(columns):
            raise ProposeError(f"{path}, row {line_no}: {len(cells)} cells, the header has {len(columns)}")
        row = dict(zip(columns, cells))
        if row["keep"] not in ("yes", "no"):
            raise ProposeError(f"{path}, row {line_no}, column 'keep': {row['keep']!r} is not yes or no")
        rows.append((line_no, row))
    return rows


def _new_unit_rows(path: Path, kept: list[tuple[int, dict[str, str]]], units: dict, source_id_note: str):
    rows = {}
    for line_no, row in kept:
        if row["unit_printed"] in units or row["unit_printed"] in rows:
            continue
        if row["unit_new"] != "yes":
            raise ProposeError(f"{path}, row {line_no}, column 'unit_printed': {row['unit_printed']!r} is not in "
                               "data/units.csv; set unit_new to yes and give unit and unit_factor to add it")
        try:
            factor = float(row["unit_factor"])
            assert factor > 0
        except (ValueError, AssertionError):
            raise ProposeError(f"{path}, row {line_no}, column 'unit_factor': {row['unit_factor']!r} "
                               "is not a positive number") from None
        rows[row["unit_printed"]] = {"unit_printed": row["unit_printed"], "unit": row["unit"],
                                     "factor": row["unit_factor"], "note": f"added with {source_id_note}"}
    return list(rows.values())


def _append(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    existing = path.read_text(encoding="utf-8")
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=columns, lineterminator="\n").writerows(rows)
    path.write_text(existing + ("" if existing.endswith("\n") else "\n") + buf.getvalue(), encoding="utf-8")


def _review_problem(message: str, path: Path, first_new_line: int, review_lines: list[int]) -> str:
    """A load() problem on an appended facts.csv line, restated as the review file's row."""
    m = re.match(r"data/facts\.csv, line (\d+)(, field '([^']+)')?: (.*)", message.strip())
    if m and int(m[1]) >= first_new_line:
        row = review_lines[int(m[1]) - first_new_line]
        column = f", column '{m[3]}'" if m[3] else ""
        return f"{path}, row {row}{column}: {m[4]}"
    return message.strip()


def accept(review: Path, data_dir: Path | None = None, sources_dir: Path | None = None) -> int:
    """Merge the kept rows of a review file into facts.csv once load() accepts them; return how many."""
    data_dir = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    data_dir = Path(data_dir)
    sources_dir = Path(sources_dir) if sources_dir else paths.sources_dir()
    if not sources_dir.is_dir():
        raise ProposeError(f"{sources_dir}: the source articles are needed to prove the locators "
                           "(set BOOK_SOURCES_DIR)")
    columns = review_columns(data_dir)
    facts_columns = fact_columns(data_dir)
    kept = [(n, r) for n, r in read_review(review, columns) if r["keep"] == "yes"]
    if not kept:
        raise ProposeError(f"{review}: no row has keep = yes; nothing to accept")
    ref = Reference.read(data_dir)
    fact_rows = [{c: r[c] for c in facts_columns} for _, r in kept]
    unit_rows = _new_unit_rows(review, kept, ref.units, Path(review).name)
    first_new_line = len(ref.facts) + 2
    with tempfile.TemporaryDirectory(prefix="propose-accept-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns("_parts"))
        _append(trial / "facts.csv", fact_rows, facts_columns)
        if unit_rows:
            _append(trial / "units.csv", unit_rows, ["unit_printed", "unit", "factor", "note"])
        from industrybook.data.database import DataError, load  # pandas and frictionless: only the accept step needs them

        try:
            load(data_dir=trial, sources_dir=sources_dir)
        except DataError as exc:
            lines = str(exc).split("\n")[1:]
            problems = [_review_problem(p, Path(review), first_new_line, [n for n, _ in kept]) for p in lines]
            raise ProposeError("the reviewed rows were not accepted, nothing was written:\n  "
                               + "\n  ".join(problems)) from None
    _append(data_dir / "facts.csv", fact_rows, facts_columns)
    if unit_rows:
        _append(data_dir / "units.csv", unit_rows, ["unit_printed", "unit", "factor", "note"])
    return len(fact_rows)


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industrybook.tooling.propose", description=__doc__.split("\n\n")[0])
    parser.add_argument("page", nargs="?", type=Path, help="the article, a UTF-8 text file")
    parser.add_argument("--source-id", help="the page's id in data/sources.csv")
    parser.add_argument("--out", type=Path, help="review file to write (default: standard output)")
    parser.add_argument("--date", help="the article's date, for a page not yet in data/sources.csv")
    parser.add_argument("--accept", type=Path, metavar="REVIEWED.csv", help="merge a reviewed file into data/")
    parser.add_argument("--data-dir", type=Path, default=paths.DATA_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--sources-dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.accept:
            n = accept(args.accept, args.data_dir, args.sources_dir)
            print(f"accepted {n} row(s) into {args.data_dir / 'facts.csv'}", file=sys.stderr)
            return 0
        if not args.page or not args.source_id:
            parser.error("give PAGE.txt and --source-id (or --accept REVIEWED.csv)")
        if args.out:
            _refuse_data_dir(args.out, args.data_dir)
        proposals = propose(args.page, args.source_id, args.data_dir, args.date)
        columns = review_columns(args.data_dir)
        if args.out:
            buf = io.StringIO()
            write_review(proposals, columns, buf)
            args.out.write_text(buf.getvalue(), encoding="utf-8")
            print(f"{len(proposals)} figure(s) proposed in {args.out}", file=sys.stderr)
        else:
            write_review(proposals, columns, sys.stdout)
        return 0
    except ProposeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
