"""The propose tool: figures drafted from a synthetic page, each kind of bad input refused with a clear
error and nothing written, and --accept merging only rows that load() accepts."""
import csv
import io
import shutil
from pathlib import Path

import pytest

from industrybook.data import paths
from industrybook.data.database import locator_distance
from industrybook.tooling.propose import (ProposeError, accept, main, propose, read_page, review_columns,
                                  write_review)

FIXTURE = Path(__file__).parent / "fixtures" / "900_0123456789abcdef.txt"
SOURCE_ID = "demo2025"


def by_figure(proposals):
    return {p.locator_figure: p for p in proposals}


@pytest.fixture(scope="module")
def demo():
    return by_figure(propose(FIXTURE, SOURCE_ID, date_override="2025-11-20"))


@pytest.mark.parametrize("figure, printed, unit, value, qualifier", [
    ("一百二十三个", "一百二十三", "个", 123, "exact"),        # Chinese numeral, read by cn2an
    ("约2,143平方米", "2,143", "平方米", 2143, "about"),       # thousands separator, 约
    ("48.5亿元", "48.5", "亿元", 48.5e8, "exact"),             # multiplier in the unit
    ("超10亿元", "10", "亿元", 10e8, "more_than"),
    ("近十个", "十", "个", 10, "nearly"),
    ("三分之一", "三分之一", "(none)", 1 / 3, "exact"),        # fraction
    ("1.2个百分点", "1.2", "个百分点", 1.2, "exact"),          # percentage points
    ("第五", "五", "位", 5, "exact"),                          # rank
    ("约1.6万元", "1.6", "万元/吨", 16000, "about"),           # 每吨 … 万元: a price per tonne
    ("4大系列", "4", "系列", 4, "exact"),
])
def test_figures_of_the_test_page(demo, figure, printed, unit, value, qualifier):
    p = demo[figure]
    assert (p.value_printed, p.unit_printed, p.qualifier) == (printed, unit, qualifier)
    assert p.point * p.factor == pytest.approx(value)


def test_word_figure_takes_its_range_from_the_books_table(demo):
    p = demo["数百名"]
    assert (p.point, p.low, p.high, p.qualifier) == (None, 200.0, 900.0, "range")


@pytest.mark.parametrize("figure, period, basis", [
    ("48.5亿元", "2025", "stated"),
    ("一百二十三个", "2025-01/2025-09", "inferred"),   # 今年前三季度 on a page of November 2025
    ("1.2个百分点", "2021/2025", "stated"),            # “十四五”期间
    ("数百名", "2025-11", "inferred"),                 # 目前: the month of publication
])
def test_period_proposals(demo, figure, period, basis):
    p = demo[figure]
    assert (p.period, p.period_basis) == (period, basis)
    assert p.period_reasoning


def test_locators_stand_in_the_page_and_are_short(demo):
    text = read_page(FIXTURE)
    for p in demo.values():
        assert p.locator_term, p.locator_figure
        assert locator_distance(text, p.locator_figure, p.locator_term) <= 80
        assert len(p.locator_figure) <= 12 and len(p.locator_term) <= 12


def test_review_file_to_stdout(capsys):
    assert main([str(FIXTURE), "--source-id", SOURCE_ID, "--date", "2025-11-20"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == review_columns(paths.DATA_DIR)
    assert {r["review_status"] for r in rows} == {"new"}


def test_page_already_in_sources_marks_known_facts():
    sources = {r["source_id"]: r for r in csv.DictReader((paths.DATA_DIR / "sources.csv").open(encoding="utf-8"))}
    page = paths.sources_dir() / sources["hy202305"]["file"]
    if not page.is_file():
        pytest.skip("source articles not available (set BOOK_SOURCES_DIR)")
    statuses = {p.locator_figure: p.review_status for p in propose(page, "hy202305")}
    assert statuses["2143亿元"] == "in facts.csv as mf_output_2022"
    assert statuses["1638.5亿元"] == "in facts.csv as mf_output_2020"


# ---------------------------------------------------------------- bad input: a clear error, nothing written


def run_refused(tmp_path, page, *extra):
    out = tmp_path / "review.csv"
    assert main([str(page), "--out", str(out), *extra]) == 2
    assert not out.exists()


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    ("产业园区".encode("gb18030"), "not UTF-8"),
    (b"Output rose 12% in 2024.", "no Chinese text"),
])
def test_bad_page_refused(tmp_path, capsys, content, message):
    page = tmp_path / "page.txt"
    page.write_bytes(content)
    run_refused(tmp_path, page, "--source-id", SOURCE_ID, "--date", "2025-11-20")
    assert message in capsys.readouterr().err


def test_source_id_of_another_file_refused(tmp_path, capsys):
    run_refused(tmp_path, FIXTURE, "--source-id", "hy202304")
    assert "gives source id 'hy202304' to 003_d8bf1e993a032e8e.txt" in capsys.readouterr().err


def test_new_source_without_date_refused(tmp_path, capsys):
    run_refused(tmp_path, FIXTURE, "--source-id", SOURCE_ID)
    assert "not in data/sources.csv" in capsys.readouterr().err


def test_review_file_never_written_into_data(capsys):
    target = paths.DATA_DIR / "review.csv"
    assert main([str(FIXTURE), "--source-id", SOURCE_ID, "--date", "2025-11-20", "--out", str(target)]) == 2
    assert not target.exists()
    assert "may not be written into" in capsys.readouterr().err


# ---------------------------------------------------------------- accepting a review


@pytest.fixture
def workspace(tmp_path):
    """A copy of data/ whose sources.csv lists the test page, and a sources folder holding it."""
    if not paths.sources_dir().is_dir():
        pytest.skip("source articles not available (set BOOK_SOURCES_DIR)")
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    sources = tmp_path / "sources"
    sources.mkdir()
    for page in paths.sources_dir().glob("*.txt"):
        (sources / page.name).symlink_to(page)
    shutil.copy(FIXTURE, sources / FIXTURE.name)
    with (data / "sources.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow([
            SOURCE_ID, FIXTURE.name, "测试报", "Test Daily", "示范县新材料园区速写", "A sketch of a model county park",
            "2025-11-20", "day", "Synthetic test page.", "", "All of it.", "Nothing."])
    return data, sources


def rejected_review_rows(data, sources) -> list[dict]:
    """The review file's rows for the fixture page, as a reviewer starts: every row kept out."""
    proposals = propose(sources / FIXTURE.name, SOURCE_ID, data_dir=data)
    buf = io.StringIO()
    write_review(proposals, review_columns(data), buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    for row in rows:
        row["keep"] = "no"
    return rows


def write_review_rows(data, path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=review_columns(data), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_reviewed(data, sources, path, edit):
    rows = rejected_review_rows(data, sources)
    chosen = next(r for r in rows if r["locator_figure"] == "48.5亿元")
    chosen.update(keep="yes", fact_id="demo_park_output_2025", theme="new_materials", entity_id="hengyang",
                  metric_en="Industrial output of the demonstration park")
    edit(chosen)
    write_review_rows(data, path, rows)
    return rows.index(chosen) + 2  # the row's line in the review file


def test_accept_merges_a_valid_row(workspace, tmp_path):
    data, sources = workspace
    reviewed = tmp_path / "reviewed.csv"
    write_reviewed(data, sources, reviewed, lambda row: None)
    before = (data / "facts.csv").read_text(encoding="utf-8")
    assert accept(reviewed, data, sources) == 1
    after = (data / "facts.csv").read_text(encoding="utf-8")
    assert after.startswith(before) and after.count("\n") == before.count("\n") + 1
    assert "demo_park_output_2025" in after


def test_accept_refuses_an_invalid_row_naming_file_row_and_column(workspace, tmp_path):
    data, sources = workspace
    reviewed = tmp_path / "reviewed.csv"
    line = write_reviewed(data, sources, reviewed, lambda row: row.update(theme="weather"))
    before = (data / "facts.csv").read_bytes()
    with pytest.raises(ProposeError) as err:
        accept(reviewed, data, sources)
    assert f"{reviewed}, row {line}, column 'theme'" in str(err.value)
    assert (data / "facts.csv").read_bytes() == before


def test_accept_refuses_a_locator_not_in_the_page(workspace, tmp_path):
    data, sources = workspace
    reviewed = tmp_path / "reviewed.csv"
    line = write_reviewed(data, sources, reviewed, lambda row: row.update(locator_term="不存在的词"))
    before = (data / "facts.csv").read_bytes()
    with pytest.raises(ProposeError, match=rf"row {line}, column 'locator_figure'"):
        accept(reviewed, data, sources)
    assert (data / "facts.csv").read_bytes() == before


@pytest.mark.parametrize("change, message", [
    (lambda header: header[:-1], "missing: subject"),
    (lambda header: [("remark" if c == "note" else c) for c in header], "not a review column: remark"),
])
def test_accept_refuses_changed_columns(workspace, tmp_path, change, message):
    data, sources = workspace
    reviewed = tmp_path / "reviewed.csv"
    write_reviewed(data, sources, reviewed, lambda row: None)
    lines = reviewed.read_text(encoding="utf-8").split("\n")
    lines[0] = ",".join(change(lines[0].split(",")))
    reviewed.write_text("\n".join(lines), encoding="utf-8")
    before = (data / "facts.csv").read_bytes()
    with pytest.raises(ProposeError, match=message):
        accept(reviewed, data, sources)
    assert (data / "facts.csv").read_bytes() == before


def test_new_unit_is_proposed_and_marked(demo):
    robots = demo["三百台"]
    assert (robots.unit_printed, robots.unit, robots.factor, robots.unit_new) == ("台", "count", 1.0, True)
    assert robots.period == "2024"  # 去年 on a page of 2025
    visitors = demo["2万余人"]
    assert (visitors.unit_printed, visitors.factor, visitors.qualifier) == ("万人", 10000.0, "more_than")


def test_accept_adds_a_new_unit_to_units_csv(workspace, tmp_path):
    data, sources = workspace
    reviewed = tmp_path / "reviewed.csv"
    rows = rejected_review_rows(data, sources)
    robots = next(r for r in rows if r["locator_figure"] == "三百台")
    robots.update(keep="yes", fact_id="demo_park_robots", theme="new_materials", entity_id="hengyang",
                  metric_en="Industrial robots installed in the park")
    write_review_rows(data, reviewed, rows)
    assert accept(reviewed, data, sources) == 1
    units = {r["unit_printed"]: r for r in csv.DictReader((data / "units.csv").open(encoding="utf-8"))}
    assert (units["台"]["unit"], float(units["台"]["factor"])) == ("count", 1.0)


def test_review_text_cannot_start_a_formula():
    from industrybook.tooling.propose import Proposal
    p = Proposal(line_no=1, start=0, value_printed="1", unit_printed="个", unit="count", factor=1.0,
                 unit_new=False, point=1.0, low=None, high=None, qualifier="exact", locator_figure="1个",
                 locator_term="项目", subject="=HYPERLINK(1) … 项目")
    buf = io.StringIO()
    write_review([p], review_columns(paths.DATA_DIR), buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["subject"].startswith("'=")


@pytest.mark.parametrize("source_id, figure, status", [
    ("hy202304", "千亿", "in omissions.csv: 千亿级"),                    # a scale label the book leaves out
    ("hn20241120", "85户", "probably off theme"),                        # the debt notice at the foot of the page
])
def test_omitted_and_off_theme_figures_are_marked(source_id, figure, status):
    sources = {r["source_id"]: r for r in csv.DictReader((paths.DATA_DIR / "sources.csv").open(encoding="utf-8"))}
    page = paths.sources_dir() / sources[source_id]["file"]
    if not page.is_file():
        pytest.skip("source articles not available (set BOOK_SOURCES_DIR)")
    rows = [p for p in propose(page, source_id) if p.locator_figure == figure]
    assert any(p.review_status.startswith(status) and p.keep == "no" for p in rows)


def test_accept_reads_a_review_saved_by_a_spreadsheet(workspace, tmp_path):
    """A byte-order mark and CRLF line ends, as spreadsheet programs write CSV."""
    data, sources = workspace
    reviewed = tmp_path / "reviewed.csv"
    write_reviewed(data, sources, reviewed, lambda row: None)
    text = reviewed.read_text(encoding="utf-8")
    reviewed.write_bytes("\ufeff".encode("utf-8") + text.replace("\n", "\r\n").encode("utf-8"))
    assert accept(reviewed, data, sources) == 1


# ---------------------------------------------------------------- period rules, on short pages of our own


def periods_of(tmp_path, text, published):
    """{figure: (period, basis, reasoning)} for a one-off page printed on ``published``."""
    page = tmp_path / "rule_page.txt"
    page.write_text(text, encoding="utf-8")
    return {p.locator_figure: (p.period, p.period_basis, p.period_reasoning)
            for p in propose(page, "rule_demo", date_override=published)}


RD_REVIEW = ("“十四五”期间，某省研发经费投入年均增长9.5%，总量达到500亿元；研发投入强度从1.8%提高到2.3%；"
             "专利授权量年均增长7%。\n"
             "有研发活动的企业占比连续两年居全省第一。\n")


@pytest.mark.parametrize("figure, period", [
    ("9.5%", "2021/2024"),  # growth up to the last year the R&D bulletin has covered
    ("500亿元", "2024"),    # an annual series: its total is that year's
    ("2.3%", "2024"),       # the level reached
    ("1.8%", "2020"),       # the value before the plan: not moved by the lag
    ("7%", "2021/2025"),    # patents are not the R&D series
    ("两年", "2023/2024"),  # a run ending at the last published year
])
def test_rd_statistics_lag_before_the_bulletin(tmp_path, figure, period):
    got = periods_of(tmp_path, RD_REVIEW, "2026-02-10")[figure]
    assert got[0] == period
    assert ("rd-statistics-lag" in got[2]) == (period.endswith("2024"))


def test_rd_statistics_lag_ends_once_the_bulletin_is_out(tmp_path):
    got = periods_of(tmp_path, RD_REVIEW, "2026-10-10")
    assert (got["500亿元"][0], got["9.5%"][0]) == ("2021/2025", "2021/2025")
    assert got["2.3%"][0] == "2025"
    assert not any("rd-statistics-lag" in why for _, _, why in got.values())


@pytest.mark.parametrize("published, period", [
    ("2024-03-05", "2023"),             # early in the year: mostly the last full year
    ("2024-09-05", "2023-10/2024-09"),  # later: the twelve months before publication
])
def test_past_year(tmp_path, published, period):
    got = periods_of(tmp_path, "过去一年，园区新建标准厂房20栋。\n", published)["20栋"]
    assert got[0] == period and got[2].startswith("past-year")


def test_past_year_of_a_target_is_the_year_ahead(tmp_path):
    got = periods_of(tmp_path, "力争一年内建成标准厂房10栋。\n", "2024-03-05")["10栋"]
    assert got[0] != "2023" and "past-year" not in got[2]


HEADED_PAGE = ("## 3家企业获评省级示范工厂\n\n"
               "本报5月6日讯 5月5日，省里公布了新一批示范工厂名单。\n\n"
               "**看点二：两个园区扩容。**2023年，全市新修园区道路12公里。\n\n"
               "## 2022年新增5个基地\n\n"
               "今年以来，各地加快建设。\n")


@pytest.mark.parametrize("figure, period, rule", [
    ("3家", "2024-05-05", True),   # the headline's count: the day below it, not the dateline's 5月6日
    ("两个", "2023", True),        # a bold lead-in takes the year its paragraph opens with
    ("5个", "2022", False),        # a heading with its own year keeps it
])
def test_heading_lead(tmp_path, figure, period, rule):
    got = periods_of(tmp_path, HEADED_PAGE, "2024-05-08")[figure]
    assert got[0] == period
    assert got[2].startswith("heading-lead") == rule


@pytest.mark.parametrize("text, figure, period", [
    ("2024年3月，新线投产。此前，同类设备每台售价约500万元。\n", "约500万元", ""),  # 此前: undated, left blank
    ("曾几何时，这种边角料每车只卖80元。\n", "80元", ""),
    ("2019年以前，全县只有2家规上企业。\n", "2家", "2019"),                    # the past is dated here
])
def test_undated_past_is_left_unstated(tmp_path, text, figure, period):
    got = periods_of(tmp_path, text, "2025-06-01")[figure]
    assert got[0] == period
    assert (got[1] == "unstated") == (period == "")
    assert got[2].startswith("undated-past") == (period == "")


def test_start_of_an_undated_change_is_left_unstated(tmp_path):
    got = periods_of(tmp_path, "新工艺让单炉产能从30吨提高到45吨，交货周期缩短。\n", "2025-06-01")
    assert got["30吨"][:2] == ("", "unstated") and got["30吨"][2].startswith("change-start-undated")
    assert got["45吨"][:2] == ("2025-06", "inferred")  # the end of the change: the state at publication


def test_start_of_a_dated_change_keeps_its_date(tmp_path):
    got = periods_of(tmp_path, "2024年，单炉产能从30吨提高到45吨。\n", "2025-06-01")
    assert got["30吨"][0] == "2024"


def test_a_line_broken_at_a_comma_is_no_heading(tmp_path):
    got = periods_of(tmp_path, "全市新建园区3个，\n\n2023年，新增企业5家。\n", "2024-05-08")["3个"]
    assert got[0] == "2024-05" and "heading-lead" not in got[2]


CONTEST_ITEM = ("## 第三届机器人挑战赛落幕\n\n"
                "本报9月3日讯 9月2日，第三届机器人挑战赛在某市闭幕。\n\n"
                "本届比赛共有300支队伍参赛，设8个赛项。\n")


@pytest.mark.parametrize("figure", ["300支", "8个"])
def test_event_edition_counts_take_the_events_year(tmp_path, figure):
    got = periods_of(tmp_path, CONTEST_ITEM, "2024-09-04")[figure]
    assert got[0] == "2024" and got[2].startswith("event-edition")


def test_event_edition_needs_a_dated_event(tmp_path):
    got = periods_of(tmp_path, "本届比赛共有300支队伍参赛。\n", "2024-09-04")["300支"]
    assert got[0] == "2024-09" and "event-edition" not in got[2]


SECTION_PAGE = ("### 新的一年\n\n2023年是园区提质之年。\n\n全市将抓好6大工程。\n\n"
                "### 回顾\n\n园区在2022年建成3座仓库，效益明显。\n\n全市现有4个园区。\n")


@pytest.mark.parametrize("figure, period, rule", [
    ("6大", "2023", True),      # the year opens a paragraph of the section: it scopes the counts below
    ("4个", "2023-05", False),  # a year inside a sentence does not reach a count in a later paragraph
])
def test_section_year_reaches_counts_only_from_a_paragraphs_head(tmp_path, figure, period, rule):
    got = periods_of(tmp_path, SECTION_PAGE, "2023-05-10")[figure]
    assert got[0] == period and got[2].startswith("section-year") == rule


def test_title_year_dates_a_rank_from_that_edition(tmp_path):
    got = periods_of(tmp_path, "某机构近日发布《2024县域经济百强报告》，某县名列第35位。\n", "2024-12-01")["第35位"]
    assert got[:2] == ("2024", "stated") and got[2].startswith("title-year")
    got = periods_of(tmp_path, "某县在百强榜单中名列第35位。\n", "2024-12-01")["第35位"]
    assert got[0] == "2024-12"
