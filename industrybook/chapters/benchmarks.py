"""Derivations of the chapter "Against the official record" (``chapters/benchmarks.ipynb``, tag ``bm``).

The five pages leave some questions open that official statistics can settle. The figures from
outside the pages live in ``data/benchmarks.csv`` (each with publisher, URL, date and a stored excerpt);
this module sets them against the page facts:

* :func:`price_readings` asks whether producer-price change closes the gap between the growth of
  Hengyang's output levels and the average rate the May 2023 page prints;
* :func:`latest_year_checks` tests the undated Hunan R&D figures against the official ones by year;
* :func:`intensity_table`, :func:`hengyang_hunan_table` and :func:`trade_table` line up the comparisons;
* :func:`price_chart` and :func:`intensity_chart` draw the chapter's two figures.
"""
from __future__ import annotations

import math

import pandas as pd

from industrybook.data.database import LOCATOR_WINDOW, Database
from industrybook.measures.arithmetic import annualise, cagr, growth, interpolate, share
from industrybook.render.style import INK, MUTED, PALETTE, THEME_COLOURS, alt_text, chart, chart_data, label_bars
from industrybook.text.facts import (
    count_text, date_text, derived_range_text, derived_text, fact_text, range_significant_figures,
    release_label, source_line, worded_text,
)
from industrybook.text.figures import fmt_date, fmt_money, fmt_number, fmt_pct, fmt_period, fmt_value
from industrybook.text.phrase import Phrase, Pieces, joined

OUTSIDE = PALETTE[3]  # colour of every figure from outside the five pages
PAGES = THEME_COLOURS["chain_system"]


# ---------------------------------------------------------------------------------------------
# Looking up benchmarks
# ---------------------------------------------------------------------------------------------

def benchmark(db: Database, benchmark_id: str) -> pd.Series:
    """One benchmark's row; a clear KeyError for an unknown id."""
    table = db.tables["benchmarks"]
    if benchmark_id not in table.index:
        raise KeyError(f"no benchmark with id {benchmark_id!r} in data/benchmarks.csv")
    return table.loc[benchmark_id]


def bvalue(db: Database, benchmark_id: str) -> float:
    """A benchmark's normalised value (base units)."""
    return float(benchmark(db, benchmark_id)["value"])


def release_source(db: Database, benchmark_id: str) -> str:
    """A release for a source line: ``'National Bureau of Statistics, 12 January 2022 (read on a copy)'``
    (:func:`~industrybook.text.facts.release_label`; a release read on a copy posted by another site
    says so, in the words of the release table's "Read on" column)."""
    row = benchmark(db, benchmark_id)
    mirror = " (read on a copy)" if isinstance(row["mirror"], str) and row["mirror"].strip() else ""
    return release_label(db, benchmark_id) + mirror


def page_and_release_data(db: Database, frame: pd.DataFrame, fact_ids, benchmark_ids, unit: str) -> pd.DataFrame:
    """:func:`~industrybook.render.style.chart_data` for a chart that draws figures of the pages and
    of official releases: a ``benchmark_ids`` column beside ``fact_ids`` (one list a row), and each
    row's releases added to its ``source``."""
    data = chart_data(db, frame, fact_ids, unit)
    data["benchmark_ids"] = [";".join(ids) for ids in benchmark_ids]
    data["source"] = ["; ".join(part for part in [pages, *(release_source(db, b) for b in ids)] if part)
                      for pages, ids in zip(data["source"], benchmark_ids)]
    return data


def benchmark_source_line(db: Database, source_ids, benchmark_ids) -> str:
    """A chart source line naming both the pages and the official releases, each kind marked."""
    pages = source_line(db, source_ids).removeprefix("Source: ").rstrip(".")
    ordered = sorted(set(benchmark_ids), key=lambda b: benchmark(db, b)["published"])
    releases = list(dict.fromkeys(release_source(db, b) for b in ordered))
    return f"Source: {pages}; outside the five pages: {'; '.join(releases)} (data/benchmarks.csv)."


AREA_NAMES = {"china": "China", "hunan": "Hunan", "hengyang": "Hengyang", "hengyang_county": "Hengyang County",
              "changsha": "Changsha"}


# The two values of the release table's "mirror" column (where a release was read); the chapter's counts test them.
MIRROR, OWN_SITE = "another site", "own site"


def release_table(db: Database) -> pd.DataFrame:
    """One row per stored release: publisher, date, whether it was read on the publisher's own site or
    another site, and its figures."""
    b = db.tables["benchmarks"]
    rows = []
    for excerpt, group in b.groupby("excerpt_file", sort=False):
        first = group.iloc[0]
        rows.append({"excerpt": excerpt, "publisher": first["publisher"], "published": first["published"],
                     "mirror": MIRROR if isinstance(first["mirror"], str) and first["mirror"].strip() else OWN_SITE,
                     "figures": joined("; ", [Pieces(f"{AREA_NAMES[r.area]}, {r.metric_en}, {fmt_period(r.period)}: ",
                                                     fact_text(db, r.benchmark_id)) for r in group.itertuples()])})
    table = pd.DataFrame(rows).sort_values(["published", "excerpt"]).reset_index(drop=True)
    return table.assign(published=table["published"].map(fmt_date))  # sorted as stored, printed in words


# ---------------------------------------------------------------------------------------------
# Real against nominal: Hengyang's output levels and the printed average rate
# ---------------------------------------------------------------------------------------------

def deflated_cagr(first: float, last: float, years: int, price_changes_pct: list[float]) -> float:
    """CAGR of a nominal series after dividing out price changes (each in percent), in percent:
    ``(((last / first) / prod(1 + p / 100)) ** (1 / years) - 1) * 100``."""
    if len(price_changes_pct) != years:
        raise ValueError(f"need one price change a year: {years} years, {len(price_changes_pct)} changes")
    price_factor = math.prod(1 + p / 100.0 for p in price_changes_pct)
    return cagr(first * price_factor, last, years)


def price_readings(first: float, last: float, years: int, printed_pct: float,
                   price_changes_pct: list[float]) -> dict[str, float]:
    """The rates that decide whether prices explain a printed average growth rate.

    ``nominal``: CAGR of the two levels; ``price``: average price change a year; ``deflated``: the
    levels' CAGR at constant prices; ``gap``: nominal minus printed; ``price_if_real``: the price rise a
    year that would make the printed rate the real growth of the levels; ``nominal_if_real``: the
    nominal growth the printed rate implies if it is real growth and prices rose as given."""
    nominal = cagr(first, last, years)
    price_factor = math.prod(1 + p / 100.0 for p in price_changes_pct)
    price = (price_factor ** (1.0 / years) - 1.0) * 100.0
    deflated = deflated_cagr(first, last, years, price_changes_pct)
    return {"nominal": nominal, "printed": printed_pct, "price": price, "deflated": deflated,
            "gap": nominal - printed_pct,
            "price_if_real": ((1 + nominal / 100.0) / (1 + printed_pct / 100.0) - 1.0) * 100.0,
            "nominal_if_real": ((1 + printed_pct / 100.0) * (1 + price / 100.0) - 1.0) * 100.0}


def price_chart(db: Database):
    """Horizontal bars: the levels' nominal growth, the printed rate, the levels deflated by national
    producer prices, and the producer-price rise itself; bars from outside the pages in their colour."""
    r = price_readings(db.value("mf_output_2020"), db.value("mf_output_2022"), 2,
                       db.value("mf_output_avg_growth_2021_2022"),
                       [bvalue(db, "cn_ppi_2021"), bvalue(db, "cn_ppi_2022")])
    # (label, rate, colour, text): the printed rate as printed, computed rates as the prose prints them
    prose = price_texts(db)
    bars = [
        ("Levels, nominal (page levels)", r["nominal"], PAGES, prose["nominal"]),
        ("Printed average growth (page)", r["printed"], PAGES, fact_text(db, "mf_output_avg_growth_2021_2022", qualified=False)),
        ("Levels deflated by national PPI (page + official)", r["deflated"], OUTSIDE, prose["deflated"]),
        ("National producer prices (official)", r["price"], OUTSIDE, prose["price"]),
    ]
    levels, ppi = ["mf_output_2020", "mf_output_2022"], ["cn_ppi_2021", "cn_ppi_2022"]
    alt = alt_text("Bar chart of growth a year, 2020\u20132022", (f"{name}, {text}" for name, _, _, text in bars),
                   "The printed rate lies between the nominal and the deflated growth of the levels.")
    c = chart(f"Producer prices do not close the gap: the printed {fmt_pct(r['printed'], 1)} sits between "
              "the nominal and the deflated growth of the levels",
              "Hengyang's above-size industrial output, 2020\u20132022: growth a year, percent",
              benchmark_source_line(db, ["hy202305"], ["cn_ppi_2021", "cn_ppi_2022"]), alt, height=2.6)
    ax = c.ax
    labels = [name for name, _, _, _ in bars][::-1]
    values = [v for _, v, _, _ in bars][::-1]
    drawn = ax.barh(labels, values, color=[col for _, _, col, _ in bars][::-1], height=0.6)
    label_bars(ax, drawn, [text for _, _, _, text in bars][::-1])
    ax.set_xlim(0, max(values) * 1.15)
    ax.set_xlabel("percent a year")
    ax.grid(axis="y", visible=False)
    frame = pd.DataFrame({"label": [name for name, _, _, _ in bars], "value": [v for _, v, _, _ in bars]})
    c.data = page_and_release_data(db, frame, [levels, ["mf_output_avg_growth_2021_2022"], levels, []],
                                   [[], [], ppi, ppi], "% a year")
    return c


# ---------------------------------------------------------------------------------------------
# Which year is "latest"? The undated Hunan R&D figures against the official ones
# ---------------------------------------------------------------------------------------------

# A one-year change in R&D growth larger than this (percentage points) would need explaining.
PLAUSIBLE_GROWTH_SHIFT_PP = 3.0


def latest_year_checks(db: Database) -> pd.DataFrame:
    """Each test of the reading "latest = 2024", with the figures it compares and its answer."""
    total, intensity = db.value("nm_hn_rd_total"), db.value("nm_hn_rd_intensity_latest")
    rd23, int23 = bvalue(db, "hn_rd_spend_2023"), bvalue(db, "hn_rd_intensity_2023")
    gwr = bvalue(db, "hn_rd_intensity_gwr_2025")
    gdp24 = bvalue(db, "hn_gdp_2024")
    implied = share(total, gdp24)
    growth = (total / rd23 - 1) * 100.0
    growth23 = bvalue(db, "hn_rd_spend_growth_2023")

    def yes(condition: bool) -> str:
        return "yes" if condition else "no"

    page_total = fact_text(db, "nm_hn_rd_total", 2, qualified=False)
    page_intensity = fact_text(db, "nm_hn_rd_intensity_latest", 2, qualified=False)
    rows = [
        ("Is the page's total the official 2023 total?",
         Pieces(page_total, " against ", fact_text(db, "hn_rd_spend_2023", 2, qualified=False)),
         yes(math.isclose(total, rd23, rel_tol=1e-3))),
        ("Is the page's intensity the official 2023 intensity?",
         Pieces(page_intensity, " against ", fact_text(db, "hn_rd_intensity_2023", 2, qualified=False)),
         yes(math.isclose(intensity, int23))),
        ("Was the 2023 intensity still the latest official one in January 2025?",
         Pieces(f"the work report of {fmt_date(benchmark(db, 'hn_rd_intensity_gwr_2025')['published'])} gives ",
                fact_text(db, "hn_rd_intensity_gwr_2025", 2, qualified=False)),
         yes(math.isclose(gwr, int23))),
        ("Does the page's total over official 2024 GDP give the page's intensity?",
         Pieces(page_total, " / ", fact_text(db, "hn_gdp_2024", 2, qualified=False), " = ",
                worded_text(fmt_pct(implied, 3), "t / g * 100", t="nm_hn_rd_total", g="hn_gdp_2024")),
         yes(round(implied, 2) == round(intensity, 2))),
        ("Is the step from the official 2023 total an ordinary year's growth?",
         Pieces(worded_text(fmt_pct(growth, 1), "(t / r - 1) * 100", t="nm_hn_rd_total", r="hn_rd_spend_2023"),
                " on 2023, after ", fact_text(db, "hn_rd_spend_growth_2023", 1, qualified=False), " in 2023"),
         yes(abs(growth - growth23) <= PLAUSIBLE_GROWTH_SHIFT_PP)),
    ]
    return pd.DataFrame(rows, columns=["test", "figures", "answer"])


# ---------------------------------------------------------------------------------------------
# R&D intensity: Hunan, China and Hengyang
# ---------------------------------------------------------------------------------------------

# (area label, year, id, where from): "page" ids are facts, "official" ids are benchmarks
INTENSITIES = [
    ("Hunan", 2020, "nm_hn_rd_intensity_start", "page"),
    ("Hunan", 2023, "hn_rd_intensity_2023", "official"),
    ("Hunan", 2024, "nm_hn_rd_intensity_latest", "page"),
    ("China", 2023, "cn_rd_intensity_2023", "official"),
    ("China", 2024, "cn_rd_intensity_2024", "official"),
    ("Hengyang", 2023, "hy_rd_intensity_2023", "page"),
]


def intensity_points(db: Database) -> pd.DataFrame:
    """The R&D intensities the chapter compares, each marked page or official."""
    rows = [{"area": area, "year": year, "id": key, "from": kind,
             "value": db.value(key) if kind == "page" else bvalue(db, key)}
            for area, year, key, kind in INTENSITIES]
    return pd.DataFrame(rows)


def intensity_table(db: Database) -> pd.DataFrame:
    """Hunan against China in the years both are known, with the gap in percentage points."""
    pts = intensity_points(db).set_index(["area", "year"])
    rows = []
    for year in (2023, 2024):
        (hn, h), (cn, c) = (pts.loc[(area, year), ["value", "id"]] for area in ("Hunan", "China"))
        rows.append({"year": year, "hunan": fact_text(db, h, 2, qualified=False), "china": fact_text(db, c, 2, qualified=False),
                     "gap": worded_text(fmt_value(hn - cn, "pp"), "h - c", h=h, c=c),
                     "hunan_pct_of_china": worded_text(fmt_pct(share(hn, cn), 1), "h / c * 100", h=h, c=c)})
    return pd.DataFrame(rows)


def intensity_chart(db: Database):
    """R&D intensity by year for Hunan, China and Hengyang; filled markers are page figures, hollow ones
    official releases."""
    pts = intensity_points(db)
    colours = {"Hunan": THEME_COLOURS["science_policy"], "China": INK, "Hengyang": THEME_COLOURS["power_transmission"]}
    alt = alt_text("Dot chart of R&D intensity by year",
                   (f"{r.area} {r.year} {fmt_pct(r.value, 2)} ({r['from']})" for _, r in pts.iterrows()),
                   "Hunan stays below China in 2023 and 2024; Hengyang's 2023 value is below both.")
    wide = pts.set_index(["area", "year"])["value"]
    gaps = [wide[("China", y)] - wide[("Hunan", y)] for y in (2023, 2024)]
    c = chart(f"Hunan's R&D intensity trails China's by {fmt_number(min(gaps), 2)} to {fmt_value(max(gaps), 'pp')}",
              "R&D spending as a share of GDP, percent; filled: the five pages, hollow: official releases",
              benchmark_source_line(db, ["hn20241120", "hn20260124"],
                          ["hn_rd_intensity_2023", "cn_rd_intensity_2023", "cn_rd_intensity_2024"]), alt, height=3.2)
    ax = c.ax
    for area, group in pts.groupby("area", sort=False):
        group = group.sort_values("year")
        ax.plot(group["year"], group["value"], color=colours[area], lw=1, alpha=0.6)
        for _, r in group.iterrows():
            filled = r["from"] == "page"
            ax.plot(r["year"], r["value"], "o", ms=7, color=colours[area],
                    markerfacecolor=colours[area] if filled else "white", markeredgewidth=1.6)
        last = group.iloc[-1]
        ax.annotate(f"{area} {fmt_pct(last['value'], 2)}", (last["year"], last["value"]), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize=8.5, color=colours[area])
    ax.set_xticks([2020, 2021, 2022, 2023, 2024])
    ax.set_xlim(2019.6, 2025.0)
    low, high = ax.get_ylim()
    ax.set_ylim(low - (high - low) * 0.1, high)  # the lowest marker clear of the axis line
    ax.set_ylabel("percent of GDP")
    ax.tick_params(axis="y", colors=MUTED)
    page = pts["from"] == "page"
    c.data = page_and_release_data(db, pts[["area", "year", "from", "value"]],
                                   [[i] if p else [] for i, p in zip(pts["id"], page)],
                                   [[] if p else [i] for i, p in zip(pts["id"], page)], "% of GDP")
    return c


# ---------------------------------------------------------------------------------------------
# Hengyang against Hunan
# ---------------------------------------------------------------------------------------------

def city_gdp_from_county(county_gdp: float, county_share_pct: float, rounding_pp: float = 0.05) -> tuple[float, float, float]:
    """The city GDP a county's level and its printed share imply: ``county / share``, with the range
    that the share's rounding (``±rounding_pp``) leaves: (point, low, high)."""
    point = county_gdp / (county_share_pct / 100.0)
    low = county_gdp / ((county_share_pct + rounding_pp) / 100.0)
    high = county_gdp / ((county_share_pct - rounding_pp) / 100.0)
    return point, low, high


def hengyang_share_2022(db: Database) -> dict[str, float]:
    """Hengyang's 2022 GDP implied by Hengyang County's communiqué, and its share of Hunan's GDP."""
    point, low, high = city_gdp_from_county(bvalue(db, "hyc_gdp_2022"), bvalue(db, "hyc_gdp_share_city_2022"))
    hunan = bvalue(db, "hn_gdp_2022")
    return {"gdp": point, "gdp_low": low, "gdp_high": high, "share": share(point, hunan),
            "share_low": share(low, hunan), "share_high": share(high, hunan)}


def hengyang_hunan_table(db: Database) -> pd.DataFrame:
    """Hengyang against Hunan on every indicator of the years the pages cover, each figure marked
    page or official, with a verdict on comparability."""
    s22, v = hengyang_share_2022(db), db.value
    annual = annualise(v("hy_gdp_jan_sep"), 9)
    city, city_hunan = dict(CITY_INPUTS), {**CITY_INPUTS, "h": "hn_gdp_2022"}
    va_gap = "g - gap"  # the page's growth less its printed lead
    rows = [
        ("GDP, 2022", Pieces(derived_text(s22["gdp"], "CNY", CITY_GDP, city, db), " (derived from an official county communiqué)"),
         Pieces(fact_text(db, "hn_gdp_2022"), " (official)"),
         Pieces("Hengyang ", worded_text(fmt_pct(s22["share"], 1), f"{CITY_GDP} / h * 100", **city_hunan), " of Hunan (",
                worded_text(f"{fmt_pct(s22['share_low'], 2)}\u2013{fmt_pct(s22['share_high'], 2)}",
                         CITY_RANGE + ", over Hunan's GDP (h), times 100", **city_hunan), ")"),
         "yes, within the rounding of the county's share"),
        (f"GDP, {fmt_period(db.fact('hy_gdp_jan_sep')['period'])} / 2024", Pieces(fact_text(db, "hy_gdp_jan_sep"), " (page)"),
         Pieces(fact_text(db, "hn_gdp_2024"), " (official, full year)"),
         Pieces("naively annualised, Hengyang ", worded_text(fmt_pct(share(annual, bvalue(db, "hn_gdp_2024")), 1),
                                                          "y * 12 / 9 / h * 100", y="hy_gdp_jan_sep", h="hn_gdp_2024"),
                " of Hunan"),
         "no: nine months against twelve; a check, not a share"),
        ("Real GDP growth", Pieces(fact_text(db, "hy_gdp_growth_jan_sep", 1, qualified=False),
                                   f" {fmt_period(db.fact('hy_gdp_growth_jan_sep')['period'])} (page)"),
         Pieces(fact_text(db, "hn_gdp_growth_h1_2024", 1), " January\u2013June and ", fact_text(db, "hn_gdp_growth_2024", 1),
                " in 2024 (official)"),
         "Hengyang ahead of both, as the page says", "roughly: different months"),
        ("Growth of above-size industrial value added, 2022",
         Pieces(fact_text(db, "mf_va_growth_2022", 1, qualified=False), " (page)"),
         Pieces(worded_text(fmt_pct(v("mf_va_growth_2022") - v("mf_va_growth_gap_provincial_2022"), 1), va_gap,
                         g="mf_va_growth_2022", gap="mf_va_growth_gap_provincial_2022"),
                " implied by the page; all industry ", fact_text(db, "hn_industry_va_growth_2022", 1), " (official)"),
         "the official above-size rate was not found", "no official figure on the same scope"),
        ("Growth of above-size industrial value added, 2022, China",
         Pieces(worded_text(fmt_pct(v("mf_va_growth_2022") - v("mf_va_growth_gap_national_2022"), 1), va_gap,
                         g="mf_va_growth_2022", gap="mf_va_growth_gap_national_2022"), " implied by the page"),
         Pieces(fact_text(db, "cn_above_scale_va_growth_2022", 1), " (official, national)"),
         "the page's lead over China holds", "yes"),
        ("Industrial value added, share of GDP, 2022", "not printed",
         Pieces(fact_text(db, "hn_industry_va_share_2022", 1), " (official)"), "no Hengyang figure", "no"),
        ("R&D intensity, 2023", Pieces(fact_text(db, "hy_rd_intensity_2023", 2, qualified=False), " (page)"),
         Pieces(fact_text(db, "hn_rd_intensity_2023"), " (official)"),
         Pieces("Hengyang ", worded_text(fmt_value(v("hy_rd_intensity_2023") - bvalue(db, "hn_rd_intensity_2023"), "pp"),
                                      "y - h", y="hy_rd_intensity_2023", h="hn_rd_intensity_2023"), " against Hunan"),
         "yes: same definition, same year"),
    ]
    return pd.DataFrame(rows, columns=["indicator", "hengyang", "hunan", "comparison", "comparable"])


# ---------------------------------------------------------------------------------------------
# Changsha's trade against Hunan's
# ---------------------------------------------------------------------------------------------

def trade_table(db: Database) -> pd.DataFrame:
    """Changsha's trade on the page and the nearest official Changsha-Hunan figures found."""
    rows = [
        ("Changsha, imports and exports", fmt_period(db.fact("hy_cs_trade_jan_oct")["period"]), fact_text(db, "hy_cs_trade_jan_oct"), "page"),
        ("Changsha, imports and exports", fmt_period(db.fact("hy_cs_trade_oct")["period"]), fact_text(db, "hy_cs_trade_oct"), "page"),
        ("Hunan, imports and exports", fmt_period(db.fact("hy_cs_trade_jan_oct")["period"]), "not found", "official: looked for, not found"),
        ("Hunan, imports and exports", "2021", fact_text(db, "hn_trade_2021"), "official"),
        ("Changsha, imports and exports", "2021", fact_text(db, "cs_trade_2021"), "official"),
        ("Changsha's share of Hunan", "2021", fact_text(db, "cs_trade_share_2021", 1), "official"),
        ("Hunan, imports and exports", fmt_period(benchmark(db, "hn_trade_jan_aug_2022")["period"]),
         fact_text(db, "hn_trade_jan_aug_2022"), "official"),
        ("Changsha, imports and exports", fmt_period(benchmark(db, "cs_trade_jan_aug_2022")["period"]),
         fact_text(db, "cs_trade_jan_aug_2022"), "official"),
        ("Changsha's share of Hunan", fmt_period(benchmark(db, "cs_trade_share_jan_aug_2022")["period"]),
         fact_text(db, "cs_trade_share_jan_aug_2022", 1), "official"),
    ]
    return pd.DataFrame(rows, columns=["what", "period", "value", "from"])


# ---------------------------------------------------------------------------------------------
# The notebook's glued texts
# ---------------------------------------------------------------------------------------------


def official_text(db: Database, benchmark_id: str) -> Phrase:
    """An official figure for the prose, as the release prints it, marked as coming from outside the five pages."""
    figure = fact_text(db, benchmark_id)
    return figure.shown_as(figure + "†")


# The formulas of the price test, over the two output levels (a, b), the printed growth (p) and the
# two national producer-price changes (p1, p2); each reading is the arithmetic price_readings does.
PRICE_INPUTS = {"a": "mf_output_2020", "b": "mf_output_2022", "p": "mf_output_avg_growth_2021_2022",
                "p1": "cn_ppi_2021", "p2": "cn_ppi_2022"}
NOMINAL = "((b / a) ** (1 / 2) - 1) * 100"
PRICE = "(((1 + p1 / 100) * (1 + p2 / 100)) ** (1 / 2) - 1) * 100"
NOMINAL_IF_REAL = f"((1 + p / 100) * (1 + ({PRICE}) / 100) - 1) * 100"
PRICE_FORMULAS = {
    "nominal": NOMINAL, "price": PRICE, "gap": f"{NOMINAL} - p",
    "deflated": "((b / (a * (1 + p1 / 100) * (1 + p2 / 100))) ** (1 / 2) - 1) * 100",
    "price_if_real": f"((1 + ({NOMINAL}) / 100) / (1 + p / 100) - 1) * 100",
    "nominal_if_real": NOMINAL_IF_REAL,
}
# Hengyang's 2022 GDP from Hengyang County's level (c) and share of the city (s), against Hunan's (h).
CITY_INPUTS = {"c": "hyc_gdp_2022", "s": "hyc_gdp_share_city_2022"}
CITY_GDP = "c / (s / 100)"
CITY_RANGE = "c/((s ± 0.05)/100): the county's GDP over its share at the two ends of the share's rounding"
INTERP_2023 = "i0 + (i1 - i0) * 3 / 4"  # 2023 on the straight line from 2020 to 2024


def price_texts(db: Database) -> dict[str, Phrase]:
    """The readings of the price test as prose: nominal, price, deflated and 'if real' growth."""
    v = price_readings(db.value("mf_output_2020"), db.value("mf_output_2022"), 2,
                       db.value("mf_output_avg_growth_2021_2022"), [bvalue(db, "cn_ppi_2021"), bvalue(db, "cn_ppi_2022")])
    texts = {name: derived_text(v[name], "pp" if name == "gap" else "percent", formula, PRICE_INPUTS, db)
             for name, formula in PRICE_FORMULAS.items()}
    texts["short_if_real"] = derived_text(v["nominal_if_real"] - v["nominal"], "pp", f"{NOMINAL_IF_REAL} - {NOMINAL}",
                                          PRICE_INPUTS, db)
    return texts


def prose_texts(db: Database) -> dict[str, str]:
    """Every figure the chapter's prose glues, by glue key; none is typed in the text."""
    v, official = db.value, (lambda b: official_text(db, b))

    def b(benchmark_id):
        return bvalue(db, benchmark_id)

    def d(value: float, unit: str, formula: str, **inputs: str) -> Phrase:
        return derived_text(value, unit, formula, inputs, db)

    def f(fact_id: str) -> Phrase:
        return fact_text(db, fact_id, qualified=False)

    releases = release_table(db)
    prices = price_texts(db)
    checks = latest_year_checks(db)
    ints = intensity_points(db).set_index(["area", "year"])["value"]
    s22 = hengyang_share_2022(db)

    interp_23 = interpolate(2020, ints[("Hunan", 2020)], 2024, ints[("Hunan", 2024)], 2023)
    i0, i1, rd = "nm_hn_rd_intensity_start", "nm_hn_rd_intensity_latest", "nm_hn_rd_total"
    return {
        "bm-n-rows": count_text(len(db.benchmarks), "rows of data/benchmarks.csv"),
        "bm-window": count_text(LOCATOR_WINDOW, "characters either side of a locator that the excerpt test searches"),
        "bm-n-releases": count_text(len(releases), "official releases stored"),
        "bm-n-own": count_text((releases["mirror"] == OWN_SITE).sum(), "releases read on the publisher's own site"),
        "bm-n-mirror": count_text((releases["mirror"] == MIRROR).sum(), "releases read on a copy posted by another site"),
        # real against nominal
        "bm-out-2020": f("mf_output_2020"), "bm-out-2022": f("mf_output_2022"),
        "bm-out-printed": f("mf_output_avg_growth_2021_2022"), "bm-out-nominal": prices["nominal"],
        "bm-out-gap": prices["gap"],
        "bm-ppi-2021": official("cn_ppi_2021"), "bm-ppi-2022": official("cn_ppi_2022"),
        "bm-ppi-avg": prices["price"], "bm-out-deflated": prices["deflated"],
        "bm-price-if-real": prices["price_if_real"],
        "bm-nominal-if-real": prices["nominal_if_real"],
        "bm-short-if-real": prices["short_if_real"],
        "bm-va-2022": f("mf_va_growth_2022"),
        # which year is latest
        "bm-rd-total": f(rd), "bm-rd-int": f(i1),
        "bm-rd-2023": official("hn_rd_spend_2023"), "bm-int-2023": official("hn_rd_intensity_2023"),
        "bm-rd-growth-2023": official("hn_rd_spend_growth_2023"),
        "bm-gwr-date": date_text(db, "hn_rd_intensity_gwr_2025"),
        "bm-gwr-int": official("hn_rd_intensity_gwr_2025"),
        "bm-conf-rd": official("hn_rd_spend_conference_2025"),
        "bm-gdp-2024": official("hn_gdp_2024"),
        "bm-implied-int": d(share(v(rd), b("hn_gdp_2024")), "percent", "t / g * 100", t=rd, g="hn_gdp_2024"),
        "bm-rd-growth-24": d(growth(v(rd), b("hn_rd_spend_2023")), "percent", "(t / r - 1) * 100",
                             t=rd, r="hn_rd_spend_2023"),
        "bm-n-checks": count_text(len(checks), "tests of the reading 'latest = 2024'"),
        "bm-n-checks-yes": count_text((checks["answer"] == "yes").sum(), "tests answered yes"),
        "bm-interp-2023": d(interp_23, "percent", INTERP_2023, i0=i0, i1=i1),
        "bm-interp-err": d(ints[("Hunan", 2023)] - interp_23, "pp", f"o - ({INTERP_2023})",
                           o="hn_rd_intensity_2023", i0=i0, i1=i1),
        # Hunan against China
        "bm-cn-int-2023": official("cn_rd_intensity_2023"), "bm-cn-int-2024": official("cn_rd_intensity_2024"),
        "bm-int-gap-2023": d(ints[("China", 2023)] - ints[("Hunan", 2023)], "pp", "c - h",
                             c="cn_rd_intensity_2023", h="hn_rd_intensity_2023"),
        "bm-int-gap-2024": d(ints[("China", 2024)] - ints[("Hunan", 2024)], "pp", "c - h", c="cn_rd_intensity_2024", h=i1),
        "bm-cn-rd-2024": official("cn_rd_spend_2024"),
        "bm-hn-share-cn-rd": d(share(v(rd), b("cn_rd_spend_2024")), "percent", "t / c * 100", t=rd, c="cn_rd_spend_2024"),
        "bm-hn-share-cn-rd-2023": d(share(b("hn_rd_spend_2023"), b("cn_rd_spend_2023")), "percent", "h / c * 100",
                                    h="hn_rd_spend_2023", c="cn_rd_spend_2023"),
        # Hengyang against Hunan
        "bm-hyc-gdp": official("hyc_gdp_2022"), "bm-hyc-share": official("hyc_gdp_share_city_2022"),
        "bm-hy-gdp-2022": d(s22["gdp"], "CNY", CITY_GDP, **CITY_INPUTS),
        "bm-hy-gdp-2022-range": derived_range_text(derived_text(s22['gdp_low'], 'CNY', None, CITY_INPUTS, db),
                                                   derived_text(s22['gdp_high'], 'CNY', None, CITY_INPUTS, db),
                                                   CITY_RANGE, CITY_INPUTS),
        "bm-hn-gdp-2022": official("hn_gdp_2022"),
        # "about" a share whose range (the county share's rounding) spans its second decimal: 8.4%, not 8.39%
        "bm-hy-share-2022": derived_text(s22["share"], "percent", f"{CITY_GDP} / h * 100",
                                         {"h": "hn_gdp_2022", **CITY_INPUTS}, db,
                                         max_sig=range_significant_figures(s22["share"], s22["share_low"], s22["share_high"])),
        "bm-hy-share-2022-range": derived_range_text(
            derived_text(s22['share_low'], 'percent', None, CITY_INPUTS, db),
            derived_text(s22['share_high'], 'percent', None, CITY_INPUTS, db),
            CITY_RANGE + ", over Hunan's GDP (h), times 100", {**CITY_INPUTS, "h": "hn_gdp_2022"}),
        "bm-hy-gdp-js": f("hy_gdp_jan_sep"), "bm-hy-growth-js": f("hy_gdp_growth_jan_sep"),
        "bm-hn-growth-2024": official("hn_gdp_growth_2024"),
        "bm-hy-share-annualised": d(share(v("hy_gdp_jan_sep") * 12 / 9, b("hn_gdp_2024")), "percent",
                                    "y * 12 / 9 / h * 100", y="hy_gdp_jan_sep", h="hn_gdp_2024"),
        "bm-va-implied-hn": d(v("mf_va_growth_2022") - v("mf_va_growth_gap_provincial_2022"), "percent", "g - gap",
                              g="mf_va_growth_2022", gap="mf_va_growth_gap_provincial_2022"),
        "bm-va-implied-cn": d(v("mf_va_growth_2022") - v("mf_va_growth_gap_national_2022"), "percent", "g - gap",
                              g="mf_va_growth_2022", gap="mf_va_growth_gap_national_2022"),
        "bm-cn-va-2022": official("cn_above_scale_va_growth_2022"),
        "bm-hn-ind-va-2022": official("hn_industry_va_growth_2022"),
        "bm-hn-ind-share-2022": official("hn_industry_va_share_2022"),
        "bm-hn-va-2024": official("hn_above_scale_va_growth_2024"),
        "bm-hn-va-2024-gwr": official("hn_above_scale_va_growth_2024_gwr"),
        "bm-hy-int": f("hy_rd_intensity_2023"),
        "bm-hy-int-gap": d(ints[("Hunan", 2023)] - v("hy_rd_intensity_2023"), "pp", "h - y",
                           h="hn_rd_intensity_2023", y="hy_rd_intensity_2023"),
        # trade
        "bm-cs-trade-jo": f("hy_cs_trade_jan_oct"), "bm-cs-trade-oct": f("hy_cs_trade_oct"),
        "bm-cs-trade-oct-growth": f("hy_cs_trade_oct_growth"),
        "bm-cs-share-2022": official("cs_trade_share_jan_aug_2022"),
        "bm-hn-trade-2022": official("hn_trade_jan_aug_2022"), "bm-cs-trade-2022": official("cs_trade_jan_aug_2022"),
        "bm-hn-trade-2021": official("hn_trade_2021"), "bm-cs-trade-2021": official("cs_trade_2021"),
        "bm-cs-share-2021": official("cs_trade_share_2021"),
        "bm-cs-share-move": d(b("cs_trade_share_jan_aug_2022") - b("cs_trade_share_2021"), "pp", "a - b",
                              a="cs_trade_share_jan_aug_2022", b="cs_trade_share_2021"),
        "bm-hn-growth-h1-2024": official("hn_gdp_growth_h1_2024"),
    }
