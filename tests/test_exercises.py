"""Every exercise's answer, recomputed from the data, against the solution's committed output.

Each chapter notebook poses exercises with sphinx-exercise: a markdown cell opens
```` ```{solution-start} LABEL ````, the code cells that follow are the solution, and the next
```` ```{solution-end} ```` closes it. A test here reads that solution's printed output from the
committed notebook, recomputes every figure the question asks for with plain arithmetic written out
below (not with the package function the solution calls), and compares the two at the precision the
solution prints: a printed ``2.23%`` must lie within 0.005 of the recomputed percentage. A wrong
solution, or a solution left stale by a change in data/facts.csv, fails the suite.
"""
from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

from industrybook.data.database import load
from industrybook.data import paths
from industrybook.text.figures import fmt_period

CHAPTERS_DIR = paths.ROOT / "chapters"
EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius (the chapter's haversine uses it too)

EXERCISE_LABEL = re.compile(r"^```\{exercise\}[^\n]*\n:label:\s*(\S+)", re.MULTILINE)
SOLUTION_END = "```{solution-end}"

# A printed number: optional sign, digits with thousands commas, optional decimals; after "CNY " it
# may carry a scale word (fmt_money and the chapters' own f-strings print "CNY 4.46 bn", "CNY 78.1 m").
PRINTED_NUMBER = re.compile(
    r"(?P<cny>CNY\s+)?(?<![\w.])(?P<sign>[+\-−]?)(?P<digits>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s+(?P<scale>tn|bn|m)\b)?"
)
SCALES = {"tn": 1e12, "bn": 1e9, "m": 1e6}

CHECKED_LABELS: set[str] = set()


def checks(label: str):
    """Mark a test as the check of one exercise, so the coverage test can see every label is checked."""
    CHECKED_LABELS.add(label)
    return lambda test: test


# --- reading the committed notebooks ------------------------------------------------------------


@lru_cache(maxsize=None)
def notebook_cells(path: Path) -> tuple[dict, ...]:
    return tuple(json.loads(path.read_text(encoding="utf-8"))["cells"])


def cell_text(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def chapter_notebooks() -> list[Path]:
    return sorted(CHAPTERS_DIR.glob("*.ipynb"))


def exercise_labels() -> set[str]:
    """Every ``{exercise}`` label the chapter notebooks declare."""
    return {label for nb in chapter_notebooks() for cell in notebook_cells(nb)
            if cell["cell_type"] == "markdown" for label in EXERCISE_LABEL.findall(cell_text(cell))}


def solution_code_cells(cells: tuple[dict, ...], label: str) -> list[dict] | None:
    """The code cells between ``{solution-start} label`` and the next ``{solution-end}``; None when
    the notebook has no solution for the label. The markers may share a markdown cell with prose or
    with the next exercise, so a cell ends the solution when the end marker follows the start."""
    start = re.compile(r"^```\{solution-start\}\s+" + re.escape(label) + r"\s*$", re.MULTILINE)
    for i, cell in enumerate(cells):
        opening = start.search(cell_text(cell)) if cell["cell_type"] == "markdown" else None
        if opening is None:
            continue
        if SOLUTION_END in cell_text(cell)[opening.end():]:
            return []
        code = []
        for later in cells[i + 1:]:
            if later["cell_type"] == "code":
                code.append(later)
            elif SOLUTION_END in cell_text(later):
                return code
        raise AssertionError(f"solution {label!r} has no {SOLUTION_END} marker")
    return None


def printed_output(cell: dict) -> str:
    """What a code cell printed: its stdout and the text of its result; an error output fails."""
    parts = []
    for out in cell.get("outputs", []):
        kind = out["output_type"]
        assert kind != "error", f"solution cell raised {out.get('ename')}: {out.get('evalue')}"
        if kind == "stream" and out.get("name") == "stdout":
            parts.append(cell_text({"source": out["text"]}))
        elif kind in ("execute_result", "display_data") and "text/plain" in out.get("data", {}):
            parts.append(cell_text({"source": out["data"]["text/plain"]}) + "\n")
    return "".join(parts)


def solution_output(label: str) -> str:
    """The committed printed output of exercise ``label``'s solution, which must not be empty."""
    found = [(nb, cells) for nb in chapter_notebooks()
             if (cells := solution_code_cells(notebook_cells(nb), label)) is not None]
    assert len(found) == 1, f"solution {label!r} found in {len(found)} notebooks: {[str(nb) for nb, _ in found]}"
    notebook, cells = found[0]
    assert cells, f"{notebook.name}: solution {label!r} has no code cell"
    text = "".join(printed_output(cell) for cell in cells)
    assert text.strip(), f"{notebook.name}: solution {label!r} has no committed output (run the notebook)"
    return text


# --- comparing printed numbers with recomputed ones ---------------------------------------------


@dataclass(frozen=True)
class Printed:
    text: str
    value: float  # in base units: yuan for "CNY 4.46 bn", percent for "2.23%"
    step: float  # one unit of the last printed digit, in the same units

    @classmethod
    def parse(cls, match: re.Match) -> "Printed":
        digits = match["digits"].replace(",", "")
        decimals = len(digits.partition(".")[2])
        scale = SCALES[match["scale"]] if match["cny"] and match["scale"] else 1.0
        sign = -1.0 if match["sign"] in ("-", "−") else 1.0
        return cls(match.group(0).strip(), sign * float(digits) * scale, 10.0 ** -decimals * scale)


class SolutionOutput:
    """A solution's printed text, read front to back: each :meth:`shows` finds a label after the
    previous one and compares the numbers printed right after it with the recomputed values."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def shows(self, label: str, *expected: float) -> "SolutionOutput":
        at = self.text.find(label, self.pos)
        assert at >= 0, f"label {label!r} not found after position {self.pos} in:\n{self.text}"
        self.pos = at + len(label)
        for want in expected:
            match = PRINTED_NUMBER.search(self.text, self.pos)
            assert match, f"no number after {label!r} in:\n{self.text}"
            printed = Printed.parse(match)
            # half a unit of the last printed digit (plus float slack): the printed figure must be
            # the recomputed value correctly rounded
            tolerance = printed.step / 2 * (1 + 1e-9)
            assert printed.value == pytest.approx(want, abs=tolerance), (
                f"after {label!r} the solution prints {printed.text!r}, the data give {want!r} "
                f"(allowed ±{tolerance:g} at the printed precision)")
            self.pos = match.end()
        return self


# --- the facts ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db():
    # locators are proved by test_provenance; here only the values matter
    return load("facts", "places", sources_dir=None)


def prior_from_growth(current: float, growth_pct: float) -> float:
    """The level a year earlier: x / (1 + g/100)."""
    return current / (1 + growth_pct / 100)


def months_in_period(period: str) -> int:
    """Months in an ISO month interval such as ``2025-01/2025-09`` (9)."""
    start, end = period.split("/")
    (y0, m0), (y1, m1) = (map(int, part.split("-")) for part in (start, end))
    return (y1 - y0) * 12 + (m1 - m0) + 1


# --- the comparison itself can fail ---------------------------------------------------------------


def test_comparison_rejects_an_altered_answer(db):
    """ov-ex-1's printed 2021 taxes (CNY 4.46 bn) passes; the same output with 4.47 does not."""
    tax21 = prior_from_growth(db.value("ch_chain_tax_2022"), db.value("ch_chain_tax_growth_2022"))
    real = solution_output("ov-ex-1")
    assert "CNY 4.46 bn" in real
    SolutionOutput(real).shows("2021 taxes", tax21)
    with pytest.raises(AssertionError, match="prints 'CNY 4.47 bn'"):
        SolutionOutput(real.replace("CNY 4.46 bn", "CNY 4.47 bn")).shows("2021 taxes", tax21)
    # a wrong scale word is as wrong as a wrong digit
    with pytest.raises(AssertionError):
        SolutionOutput(real.replace("CNY 4.46 bn", "CNY 4.46 m")).shows("2021 taxes", tax21)
    with pytest.raises(AssertionError, match="not found"):
        SolutionOutput(real).shows("2020 taxes", tax21)


def test_printed_numbers_carry_their_precision():
    out = SolutionOutput("a CNY 4.46 bn, b -9.2%, c 4,444 km, d +6.75 pp, e Hengyang-Zhuzhou: 118.3")
    out.shows("a", 4.46e9).shows("b", -9.2).shows("c", 4444).shows("d", 6.75).shows("e Hengyang-Zhuzhou:", 118.3)
    with pytest.raises(AssertionError):
        SolutionOutput("x 2.23%").shows("x", 2.236)  # 2.236 rounds to 2.24, not 2.23


def test_every_exercise_has_a_check():
    labels = exercise_labels()
    assert labels == CHECKED_LABELS, {"unchecked": sorted(labels - CHECKED_LABELS),
                                      "checked but not in the book": sorted(CHECKED_LABELS - labels)}


def test_solution_parser_stops_at_the_end_marker():
    def md(source: str) -> dict:
        return {"cell_type": "markdown", "source": source}

    def code(source: str) -> dict:
        return {"cell_type": "code", "source": source, "outputs": []}

    cells = (md("```{solution-start} a-1\n```"), code("1"), md("prose\n```{solution-end}\n```\n"
             "```{exercise}\n:label: a-2\n```\n```{solution-start} a-2\n```"), code("2"), code("3"),
             md("```{solution-end}\n```"), code("4"))
    assert [c["source"] for c in solution_code_cells(cells, "a-1")] == ["1"]
    assert [c["source"] for c in solution_code_cells(cells, "a-2")] == ["2", "3"]
    assert solution_code_cells(cells, "a-3") is None
    assert solution_code_cells(cells, "a-") is None  # a label is matched whole, not as a prefix


# --- overview -----------------------------------------------------------------------------------


@checks("ov-ex-1")
def test_ov_ex_1_tax_to_output_ratio(db):
    tax22, out22 = db.value("ch_chain_tax_2022"), db.value("ch_chain_output_2022")
    tax21 = prior_from_growth(tax22, db.value("ch_chain_tax_growth_2022"))
    out21 = prior_from_growth(out22, db.value("ch_chain_output_growth_2022"))
    ratio21, ratio22 = tax21 / out21 * 100, tax22 / out22 * 100
    (SolutionOutput(solution_output("ov-ex-1"))
     .shows("2021 taxes", tax21).shows("output", out21)
     .shows("tax/output: 2021", ratio21).shows("2022", ratio22).shows("change", ratio22 - ratio21))


@checks("ov-ex-2")
def test_ov_ex_2_level_at_printed_rate_and_price_effect(db):
    first, last = db.value("mf_output_2020"), db.value("mf_output_2022")
    rate = db.value("mf_output_avg_growth_2021_2022")
    at_printed_rate = first * (1 + rate / 100) ** 2
    compound_from_levels = ((last / first) ** (1 / 2) - 1) * 100
    # the annual factor that lifts the printed-rate level to the printed level over two years
    annual_effect = ((last / at_printed_rate) ** (1 / 2) - 1) * 100
    (SolutionOutput(solution_output("ov-ex-2"))
     .shows("printed rate:", at_printed_rate).shows("printed level", last)
     .shows("compound rate from levels", compound_from_levels).shows("annual price or scope effect", annual_effect))


@checks("ov-ex-3")
def test_ov_ex_3_average_signing_and_most_large_projects(db):
    total, signed = db.value("hy_top500_projects_investment"), db.value("hy_top500_projects_signed_jan_sep")
    threshold = db.value("hy_project_size_threshold")
    most_reaching = math.floor(total / threshold)  # k signings of at least the threshold need k * threshold
    (SolutionOutput(solution_output("ov-ex-3"))
     .shows("average signing:", total / signed)
     .shows("at most", most_reaching, signed, threshold))


@checks("ov-ex-4")
def test_ov_ex_4_jan_sep_output_share_of_full_year(db):
    jan_sep_2023 = prior_from_growth(db.value("hy_chain_output_jan_sep"), db.value("hy_chain_output_growth_jan_sep"))
    share_of_2022 = jan_sep_2023 / db.value("ch_chain_output_2022") * 100
    SolutionOutput(solution_output("ov-ex-4")).shows("January–September 2023:", jan_sep_2023, share_of_2022)
    # the solution's conclusion (the two totals differ in scope or measure) rests on nine months of a
    # growing total holding less than nine twelfths of the year before
    assert share_of_2022 < 9 / 12 * 100


# --- new materials ------------------------------------------------------------------------------


@checks("nm-ex-1")
def test_nm_ex_1_lead_alloy_price_range(db):
    ingot, premium = db.fact("nm_lead_ingot_price"), db.fact("nm_custom_lead_alloy_premium")
    assert ingot["unit"] == premium["unit"] == "CNY/t" and ingot["qualifier"] == "about"
    # "about 1.6 (万元/吨)": the rounding band is half a unit of the last printed digit either side
    printed = str(ingot["value_printed"])
    printed_unit = ingot["value"] / float(printed)  # yuan per tonne in one 万元/吨
    half_step = 0.5 * 10.0 ** -len(printed.partition(".")[2]) * printed_unit
    ingot_low, ingot_high = ingot["value"] - half_step, ingot["value"] + half_step
    per_kg = 1 / 1000  # yuan per tonne to yuan per kilogram
    (SolutionOutput(solution_output("nm-ex-1"))
     .shows("alloy, CNY per kg:", (ingot_low + premium["value_low"]) * per_kg,
            (ingot_high + premium["value_high"]) * per_kg)
     .shows("premium share of ingot price, %:", premium["value_low"] / ingot["value"] * 100,
            premium["value_high"] / ingot["value"] * 100)
     # the plain reading of 上千, "a thousand or more": the same floor and no ceiling
     .shows("alloy at least", (ingot_low + premium["value_low"]) * per_kg)
     .shows("premium at least", premium["value_low"] / ingot["value"] * 100))
    assert "no ceiling" in solution_output("nm-ex-1")


@checks("nm-ex-2")
def test_nm_ex_2_furnace_build_time_change(db):
    imported, own = db.fact("nm_imported_shaft_furnace_build_time"), db.fact("nm_gaonuo_shaft_furnace_build_time")
    assert (imported["unit"], own["unit"]) == ("year", "month")
    imported_months = imported["value"] * 12
    change = (own["value"] - imported_months) / imported_months * 100
    SolutionOutput(solution_output("nm-ex-2")).shows("change in build time, %:", change)


@checks("nm-ex-3")
def test_nm_ex_3_dental_to_pv_value_ratio(db):
    pv, dental = db.fact("nm_si3n4_pv_part_value"), db.fact("nm_si3n4_dental_value")
    assert (pv["unit"], dental["unit"]) == ("CNY/kg", "CNY/g")
    dental_low, dental_high = dental["value_low"] * 1000, dental["value_high"] * 1000  # per gram to per kg
    (SolutionOutput(solution_output("nm-ex-3"))
     .shows("PV part, CNY per kg:", pv["value_low"], pv["value_high"])
     .shows("dental ceramic, CNY per kg:", dental_low, dental_high)
     # smallest numerator over largest denominator, and the other way round
     .shows("ratio:", dental_low / pv["value_high"], dental_high / pv["value_low"]))


@checks("nm-ex-4")
def test_nm_ex_4_wire_length_and_daily_throughput(db):
    rod, wire = db.value("nm_copper_rod_diameter"), db.value("nm_fine_copper_wire_diameter")
    length_ratio = (rod / wire) ** 2  # equal mass and density: length scales with 1 / cross-section
    (SolutionOutput(solution_output("nm-ex-4"))
     .shows("length ratio at equal mass:", float(f"{length_ratio:.3g}"))
     .shows("tonnes per day at full capacity:", db.value("hy_xianglan_hazwaste_capacity") / 365))


# --- power transmission -------------------------------------------------------------------------


@checks("pt-ex-1")
def test_pt_ex_1_guangxin_prior_year_and_margin(db):
    profit, revenue = db.value("yy_guangxin_net_profit_2025q1q3"), db.value("yy_guangxin_revenue_2025q1q3")
    profit0 = prior_from_growth(profit, db.value("yy_guangxin_net_profit_growth_2025q1q3"))
    revenue0 = prior_from_growth(revenue, db.value("yy_guangxin_revenue_growth_2025q1q3"))
    margin0, margin1 = profit0 / revenue0 * 100, profit / revenue * 100
    (SolutionOutput(solution_output("pt-ex-1"))
     .shows("implied prior profit", profit0).shows("revenue", revenue0)
     .shows("margin", margin0, margin1)
     # the change is that of the printed (one-decimal) margins, so a reader's subtraction agrees
     .shows("change", float(f"{margin1:.1f}") - float(f"{margin0:.1f}")))


@checks("pt-ex-2")
def test_pt_ex_2_forum_signings_against_the_chain_size(db):
    investment, projects = db.value("ch_forum_signed_investment"), db.value("ch_forum_signed_projects")
    size = db.fact("mf_transmission_chain_scale")
    # "nearly" caps the size at its printed figure (no floor), so signings over it are a floor
    assert size["qualifier"] == "nearly" and size["value_high"] == size["value"] and math.isnan(size["value_low"])
    (SolutionOutput(solution_output("pt-ex-2"))
     .shows("forum average per project:", investment / projects)
     .shows("signings / chain size: at least", investment / size["value"]))


@checks("pt-ex-3")
def test_pt_ex_3_guangxin_gain_and_revenue_multiple(db):
    listing, current = db.value("yy_guangxin_mcap_at_listing"), db.value("yy_guangxin_mcap_current")
    revenue = db.fact("yy_guangxin_revenue_2025q1q3")
    annual_revenue = revenue["value"] * 12 / months_in_period(revenue["period"])
    text = solution_output("pt-ex-3")
    (SolutionOutput(text)
     .shows("gain since listing:", (current / listing - 1) * 100)
     .shows("market value / annualised revenue:", current / annual_revenue))
    assert f"qualifier of the current value: {db.fact('yy_guangxin_mcap_current')['qualifier']}" in text


@checks("pt-ex-4")
def test_pt_ex_4_chain_share_and_its_blockers(db):
    part, whole = db.fact("mf_transmission_chain_scale"), db.fact("ch_chain_output_2022")
    text = solution_output("pt-ex-4")
    SolutionOutput(text).shows("ratio", part["value"] / whole["value"] * 100)
    # the reasons the two figures differ, read from the facts: scope, period and the part's qualifier
    assert part["entity_id"] != whole["entity_id"] and part["entity_id"] in text and whole["entity_id"] in text
    assert (part["period"] != whole["period"] and fmt_period(part["period"]) in text
            and fmt_period(whole["period"]) in text)  # in words, as the chapter's table prints them
    assert part["qualifier"] == "nearly" and "'nearly'" in text


def test_pt_ex_4_nearly_makes_the_ratio_a_ceiling(db):
    """nearly (近) 30 bn caps the numerator (value_high = value, no value_low): the ratio is a ceiling."""
    part, whole = db.fact("mf_transmission_chain_scale"), db.fact("ch_chain_output_2022")
    assert part["value_high"] == part["value"] and math.isnan(part["value_low"])  # no floor
    text = solution_output("pt-ex-4")
    SolutionOutput(text).shows("ratio at most", part["value_high"] / whole["value"] * 100)


# --- metro area ---------------------------------------------------------------------------------


@checks("ma-ex-1")
def test_ma_ex_1_changsha_imports(db):
    total, exports = db.value("hy_cs_trade_oct"), db.value("hy_cs_exports_oct")
    total0 = prior_from_growth(total, db.value("hy_cs_trade_oct_growth"))
    exports0 = prior_from_growth(exports, db.value("hy_cs_exports_oct_growth"))
    imports, imports0 = total - exports, total0 - exports0
    (SolutionOutput(solution_output("ma-ex-1"))
     .shows("imports October 2024:", imports).shows("October 2023:", imports0)
     .shows("fall:", (1 - imports / imports0) * 100)
     .shows("due to exports:", (exports - exports0) / (total - total0) * 100))


@checks("ma-ex-2")
def test_ma_ex_2_haversine_distances(db):
    places = db.places.set_index("entity_id")

    def distance_km(a: str, b: str) -> float:
        lat1, lon1, lat2, lon2 = map(math.radians, (places.loc[a, "lat"], places.loc[a, "lon"],
                                                    places.loc[b, "lat"], places.loc[b, "lon"]))
        h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
        return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))

    to_zhuzhou, to_xiangtan = distance_km("hengyang", "zhuzhou"), distance_km("hengyang", "xiangtan")
    (SolutionOutput(solution_output("ma-ex-2"))
     .shows("Hengyang-Zhuzhou:", to_zhuzhou).shows("Hengyang-Xiangtan:", to_xiangtan)
     .shows("ratio to Yiyang-New Area:", min(to_zhuzhou, to_xiangtan) / distance_km("yiyang", "xiangjiang_new_area")))


@checks("ma-ex-3")
def test_ma_ex_3_new_three_remainder(db):
    def now_and_before(fact_id: str) -> tuple[float, float]:
        value = db.value(fact_id)
        return value, prior_from_growth(value, db.value(fact_id + "_growth"))

    (new3, new3_0), (ev, ev0), (li, li0) = map(now_and_before, ["hy_cs_new_three_exports", "hy_cs_ev_exports",
                                                                "hy_cs_li_battery_exports"])
    rest, rest0 = new3 - ev - li, new3_0 - ev0 - li0
    (SolutionOutput(solution_output("ma-ex-3"))
     .shows("remainder 2024:", rest).shows("2023 (implied):", rest0).shows("change:", (rest / rest0 - 1) * 100))


def half_unit_printed(fact) -> float:
    """Half a unit of the last printed digit, in the stored unit: 237.5 (亿元) stored as 2.375e10 -> 5e6."""
    printed = str(fact["value_printed"])
    return 0.5 * 10.0 ** -len(printed.partition(".")[2]) * fact["value"] / float(printed)


@checks("ma-ex-4")
def test_ma_ex_4_import_fall_survives_rounding(db):
    facts = [db.fact(f) for f in ("hy_cs_trade_oct", "hy_cs_trade_oct_growth", "hy_cs_exports_oct",
                                  "hy_cs_exports_oct_growth")]
    rates = []
    for signs in itertools.product((-1, 1), repeat=4):
        total, g_total, exports, g_exports = (f["value"] + s * half_unit_printed(f) for f, s in zip(facts, signs))
        imports_now = total - exports
        imports_before = total / (1 + g_total / 100) - exports / (1 + g_exports / 100)
        rates.append((imports_now / imports_before - 1) * 100)
    assert max(rates) < 0  # the solution's judgement (imports fell) rests on this
    (SolutionOutput(solution_output("ma-ex-4"))
     .shows("import growth under rounding: lowest", min(rates)).shows("highest", max(rates)))


# --- science policy -----------------------------------------------------------------------------


@checks("sp-ex-base")
def test_sp_ex_base_2020_base_on_two_readings(db):
    total, growth, intensity = (db.value("nm_hn_rd_total"), db.value("nm_hn_rd_growth_avg"),
                                db.value("nm_hn_rd_intensity_start"))

    def base_and_gdp(latest_year: int) -> tuple[float, float]:
        base = total / (1 + growth / 100) ** (latest_year - 2020)
        return base, base / (intensity / 100)

    (base23, gdp23), (base24, gdp24) = base_and_gdp(2023), base_and_gdp(2024)
    assert gdp23 > gdp24  # the question's "higher or lower": one growth year fewer discounts less
    (SolutionOutput(solution_output("sp-ex-base"))
     .shows("latest year 2023: 2020 R&D", base23).shows("2020 GDP", gdp23)
     .shows("latest year 2024: 2020 R&D", base24).shows("2020 GDP", gdp24))


@checks("sp-ex-fiscal")
def test_sp_ex_fiscal_spending_2022_and_doubling_rate(db):
    x23 = db.value("hy_fiscal_st_spend_2023")
    x22 = prior_from_growth(x23, db.value("hy_fiscal_st_spend_growth_2023"))
    (SolutionOutput(solution_output("sp-ex-fiscal"))
     .shows("2022:", x22).shows("increase in 2023:", x23 - x22)
     .shows("growth needed in 2024 to reach twice 2022:", (2 * x22 / x23 - 1) * 100))


@checks("sp-ex-bounds")
def test_sp_ex_bounds_floors_of_two_ratios(db):
    investment, results = db.fact("nm_4plus4_cum_investment"), db.fact("nm_4plus4_major_results")
    credit, firms = db.fact("nm_kv_credit_amount"), db.fact("nm_kv_credit_firms")
    # "more than" a total over at most the top of a range, or over an exact count: a floor
    assert (investment["qualifier"], results["qualifier"]) == ("more_than", "range")
    assert (credit["qualifier"], firms["qualifier"]) == ("more_than", "exact")
    text = solution_output("sp-ex-bounds")
    (SolutionOutput(text)
     .shows("investment per major result: at least", investment["value_low"] / results["value_high"])
     .shows("no upper bound")
     .shows("credit per firm: at least", credit["value_low"] / firms["value"]))


@checks("sp-ex-hengyang")
def test_sp_ex_hengyang_rd_shares(db):
    rd = db.value("hy_rd_spend_jan_sep")
    (SolutionOutput(solution_output("sp-ex-hengyang"))
     .shows("R&D / GDP, January–September 2024:", rd / db.value("hy_gdp_jan_sep") * 100)
     .shows("2023 intensity:", db.value("hy_rd_intensity_2023"))
     .shows("share of Hunan's 2024 R&D:", rd / db.value("nm_hn_rd_total") * 100))


# --- against the official record (benchmarks) ------------------------------------------------------


@pytest.fixture(scope="module")
def official():
    """Benchmark values by id (base units), from data/benchmarks.csv."""
    return load("benchmarks", sources_dir=None).benchmarks["value"].astype(float).to_dict()


@checks("bm-ex-deflate")
def test_bm_ex_deflate_real_growth_at_half_the_national_price_rise(db, official):
    out20, out22 = db.value("mf_output_2020"), db.value("mf_output_2022")
    price_level = (1 + official["cn_ppi_2021"] / 2 / 100) * (1 + official["cn_ppi_2022"] / 2 / 100)
    real = ((out22 / price_level / out20) ** (1 / 2) - 1) * 100
    printed = db.value("mf_output_avg_growth_2021_2022")
    (SolutionOutput(solution_output("bm-ex-deflate"))
     .shows("real growth at half the national price rise:", real).shows("printed:", printed)
     .shows("distance to the printed rate:", abs(real - printed)))


@checks("bm-ex-intensity")
def test_bm_ex_intensity_spending_needed_for_the_national_intensity(db, official):
    needed = official["hn_gdp_2024"] * official["cn_rd_intensity_2024"] / 100
    actual = db.value("nm_hn_rd_total")
    (SolutionOutput(solution_output("bm-ex-intensity"))
     .shows("needed:", needed).shows("actual:", actual).shows("extra:", needed - actual))


@checks("bm-ex-county")
def test_bm_ex_county_range_of_the_implied_city_gdp(official):
    county, share_pct = official["hyc_gdp_2022"], official["hyc_gdp_share_city_2022"]
    # a share printed to one decimal lies within half a unit of its last digit
    point, low, high = county / (share_pct / 100), county / ((share_pct + 0.05) / 100), county / ((share_pct - 0.05) / 100)
    hunan = official["hn_gdp_2022"]
    (SolutionOutput(solution_output("bm-ex-county"))
     .shows("city GDP", point).shows("range", low).shows("to", high).shows("width", high - low)
     .shows("share of Hunan", low / hunan * 100).shows("to", high / hunan * 100))


# --- what the evidence shows (evidence) ------------------------------------------------------------


@pytest.fixture(scope="module")
def evidence_tables():
    return load("facts", "entities", "reconciliations", "source_genres", "unfigured_claims", sources_dir=None)


THEME_LABELS = {"chain_system": "Chain system", "new_materials": "New materials",
                "power_transmission": "Power transmission", "metro_area": "Metropolitan area",
                "science_policy": "Science policy"}


def claim_strengths(tables, theme: str) -> list[int]:
    """Strength (1 measured ... 4 unfigured superlative) of each claim of a theme, by the rules written
    out: plans and targets 2, company facts on promotional pages 3, other facts 1, superlatives 4."""
    kinds, genres = tables.entities["kind"], tables.source_genres["genre"]
    out = []
    for fact in tables.facts[tables.facts["theme"] == theme].itertuples():
        if fact.status in ("plan", "target"):
            out.append(2)
        elif kinds[fact.entity_id] == "company" and genres[fact.source_id] == "promotional_feature":
            out.append(3)
        else:
            out.append(1)
    return out + [4] * int((tables.unfigured_claims["theme"] == theme).sum())


@checks("ev-ex-company")
def test_ev_ex_company_facts_about_firms_per_theme(evidence_tables):
    facts, kinds = evidence_tables.facts, evidence_tables.entities["kind"]
    firm = (facts["entity_id"].map(kinds) == "company") & facts["status"].isin(["outcome", "record"])
    text = solution_output("ev-ex-company")
    out = SolutionOutput(text)
    ratios = {}
    for theme, name in THEME_LABELS.items():
        n, total = int((firm & (facts["theme"] == theme)).sum()), int((facts["theme"] == theme).sum())
        ratios[name] = n / total
        out.shows(f"{name}:", n, total, n / total * 100)
    assert f"most reliant on firms: {max(ratios, key=ratios.get)}" in text


@checks("ev-ex-market")
def test_ev_ex_market_values_moved_to_measured(evidence_tables):
    before = claim_strengths(evidence_tables, "power_transmission")
    moved = int(evidence_tables.facts.index.str.startswith("yy_guangxin_mcap").sum())
    # each moved fact goes from strength 3 (company claim) to 1 (measured)
    after_sum, measured_before = sum(before) - 2 * moved, before.count(1)
    n = len(before)
    (SolutionOutput(solution_output("ev-ex-market"))
     .shows("facts moved:", moved)
     .shows("measured share:", measured_before / n * 100).shows("before,", (measured_before + moved) / n * 100)
     .shows("strength index:", sum(before) / n).shows("before,", after_sum / n))


@checks("ev-ex-resolved")
def test_ev_ex_resolved_share_per_chapter(evidence_tables):
    recs = evidence_tables.reconciliations
    names = {"overview": "Overview", **{k: v for k, v in THEME_LABELS.items() if k != "chain_system"},
             "benchmarks": "Official record", "evidence": "What the evidence shows"}
    text = solution_output("ev-ex-resolved")
    out = SolutionOutput(text)
    resolved = {}
    for chapter, name in names.items():
        status = recs.loc[recs["chapter"] == chapter, "status"]
        resolved[name] = status.isin(["consistent", "explained"]).sum() / len(status) * 100
        out.shows(f"{name}:", resolved[name])
    lowest = min(resolved.values())
    tied = [name for name, value in resolved.items() if value == lowest]  # a tie names every chapter in it
    out.shows(f"largest open share: {' and '.join(tied)},", 100 - lowest)
