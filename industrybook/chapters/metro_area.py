"""Derivations of the metro-area chapter (``chapters/metro_area.ipynb``).

Geography: great-circle (haversine) distances between the points in ``data/places.csv``, the
range those distances can take given that the coordinates are rounded, and the pieces of a
schematic map (aspect ratio, scale bar). Trade: splitting a total and one of its parts into the
other part and the values a year earlier implied by printed growth rates. Everything here is a
plain function of numbers or small frames, tested in ``tests/test_metro_area.py``.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from industrybook.data.database import parse_period
from industrybook.measures.arithmetic import growth, implied_prior, pp_change, ratio, share
from industrybook.render.charts import slope
from industrybook.render.style import (
    INK, MUTED, PALETTE, THEME_COLOURS, Chart, alt_text, chart, chart_data, label_bars, place_legend, separate_thousands, text_colour_on,
)
from industrybook.render.tables import derived_frame
from industrybook.text.facts import (
    date_text, derived_text, fact_digits, fact_text, record_text, source_line, worded_text,
)
from industrybook.text.figures import chart_value, fmt_date, fmt_number, fmt_pct
from industrybook.text.phrase import Phrase

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius


# --- geography ---------------------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float, radius_km: float = EARTH_RADIUS_KM) -> float:
    """Great-circle distance in km between two points given in decimal degrees:
    ``2 R asin(sqrt(sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)))``."""
    for lat in (lat1, lat2):
        if not -90 <= lat <= 90:
            raise ValueError(f"latitude out of range: {lat!r}")
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius_km * math.asin(min(1.0, math.sqrt(h)))


def rounding_range_km(lat1: float, lon1: float, lat2: float, lon2: float, half_step: float = 0.005) -> tuple[float, float]:
    """Smallest and largest distance (km) when each coordinate may be off by ``half_step`` degrees
    (0.005 for coordinates rounded to 0.01°), taken over the corners of both rounding boxes."""
    shifts = (-half_step, half_step)
    dists = [haversine_km(lat1 + a, lon1 + b, lat2 + c, lon2 + d)
             for a, b, c, d in itertools.product(shifts, repeat=4)]
    return min(dists), max(dists)


def pair_distances(places: pd.DataFrame, pairs: list[tuple[str, str]], key: str = "entity_id") -> pd.DataFrame:
    """One row per pair of places (looked up by ``key``): both ids, the great-circle distance in km
    and its range under coordinate rounding (``km_low``, ``km_high``)."""
    by_key = places.set_index(key)
    if not by_key.index.is_unique:
        raise ValueError(f"places are not unique by {key!r}")
    rows = []
    for a, b in pairs:
        pa, pb = by_key.loc[a], by_key.loc[b]
        km = haversine_km(pa["lat"], pa["lon"], pb["lat"], pb["lon"])
        low, high = rounding_range_km(pa["lat"], pa["lon"], pb["lat"], pb["lon"])
        rows.append({"from": a, "to": b, "km": km, "km_low": low, "km_high": high})
    return pd.DataFrame(rows)


def km_per_degree_lon(lat: float, radius_km: float = EARTH_RADIUS_KM) -> float:
    """Length in km of one degree of longitude at latitude ``lat`` (on the sphere)."""
    return radius_km * math.pi / 180 * math.cos(math.radians(lat))


def map_aspect(lat0: float) -> float:
    """Axes aspect (y units per x unit) that makes a lon/lat plot locally true to shape at
    latitude ``lat0``: one degree of latitude is ``1 / cos(lat0)`` times a degree of longitude."""
    c = math.cos(math.radians(lat0))
    if c < 1e-9:
        raise ValueError("no equal-aspect map at the poles")
    return 1.0 / c


def nice_length(max_km: float) -> float:
    """The longest 1, 2 or 5 × 10^k km not above ``max_km``: the length of a scale bar."""
    if max_km <= 0:
        raise ValueError("max_km must be positive")
    exp = math.floor(math.log10(max_km))
    for step in (5, 2, 1):
        length = step * 10 ** exp
        if length <= max_km * (1 + 1e-12):
            return float(length)
    return float(10 ** exp)  # unreachable: step 1 always fits


def draw_scale_bar(ax, lon0: float, lat0: float, km: float, colour: str = "#222222") -> float:
    """A scale bar ``km`` long starting at (lon0, lat0), labelled; returns its length in degrees."""
    width = km / km_per_degree_lon(lat0)
    ax.plot([lon0, lon0 + width], [lat0, lat0], color=colour, lw=2.5, solid_capstyle="butt")
    for x in (lon0, lon0 + width):
        ax.plot([x, x], [lat0 - 0.02, lat0 + 0.02], color=colour, lw=1.2)
    ax.annotate(f"{km:g} km", (lon0 + width / 2, lat0), xytext=(0, 6), textcoords="offset points",
                ha="center", va="bottom", fontsize=8.5, color=colour)
    return width


# --- trade arithmetic ---------------------------------------------------------------------------

def split_with_growth(total: float, total_growth: float, part: float, part_growth: float) -> dict[str, float]:
    """A total and one part of it, each with its year-on-year growth (percent), give the other
    part now, the values a year earlier, and the other part's growth:

    ``other = total - part``; ``prior_x = x / (1 + g_x / 100)``; ``g_other = other / prior_other - 1``.
    """
    if part > total:
        raise ValueError("the part is larger than the total")
    prior_total = implied_prior(total, total_growth)
    prior_part = implied_prior(part, part_growth)
    other, prior_other = total - part, prior_total - prior_part
    if prior_other <= 0:
        raise ValueError("the growth rates imply a non-positive prior value for the other part")
    return {"other": other, "prior_total": prior_total, "prior_part": prior_part,
            "prior_other": prior_other, "other_growth": growth(other, prior_other)}


def residual(total: float, parts: list[float]) -> float:
    """What is left of ``total`` after the listed ``parts``; an error if they exceed it."""
    rest = total - sum(parts)
    if rest < -1e-9 * max(1.0, abs(total)):
        raise ValueError(f"parts ({sum(parts)!r}) exceed the total ({total!r})")
    return rest


def growth_multiple(growth_pct: float) -> float:
    """The level now as a multiple of the level a year earlier: ``1 + g / 100``."""
    if growth_pct <= -100:
        raise ValueError("growth must be above -100 %")
    return 1.0 + growth_pct / 100.0


def prior_table(frame: pd.DataFrame, value_col: str = "value", growth_col: str = "growth") -> pd.DataFrame:
    """``frame`` with a column ``prior``: each value divided by ``1 + growth / 100``."""
    out = frame.copy()
    out["prior"] = [implied_prior(v, g) for v, g in zip(out[value_col], out[growth_col])]
    return out


def dumbbell(ax, frame: pd.DataFrame, label_col: str, before_col: str, after_col: str,
             colour: str = "#E69F00", muted: str = "#666666") -> None:
    """One row per item, bottom to top: a hollow dot at ``before``, a filled dot at ``after``,
    joined by a line (a rise or a fall reads from the dot order)."""
    items = frame.reset_index(drop=True)
    for i, row in items.iterrows():
        ax.plot([row[before_col], row[after_col]], [i, i], color=muted, lw=1.5, zorder=1)
        ax.plot(row[before_col], i, "o", mfc="white", mec=muted, ms=7, zorder=2)
        ax.plot(row[after_col], i, "o", color=colour, ms=7, zorder=3)
    ax.set_yticks(range(len(items)), items[label_col])
    ax.set_ylim(-0.6, len(items) - 0.4)


# ---------------------------------------------------------------------------------------------
# The notebook's content: glued texts, tables and charts
# ---------------------------------------------------------------------------------------------


PLACE_NAMES = {"changsha": "Changsha", "zhuzhou": "Zhuzhou", "xiangtan": "Xiangtan", "yiyang": "Yiyang",
               "hengyang": "Hengyang", "xiangjiang_new_area": "Xiangjiang New Area"}
PAIRS = [("changsha", "xiangjiang_new_area"), ("zhuzhou", "xiangtan"), ("changsha", "xiangtan"),
         ("changsha", "zhuzhou"), ("yiyang", "xiangjiang_new_area"), ("yiyang", "changsha"),
         ("hengyang", "xiangtan"), ("hengyang", "zhuzhou"), ("hengyang", "changsha")]
GROUP_COLOUR = {"Core": PALETTE[0], "Yiyang link": THEME_COLOURS["metro_area"], "Hengyang link": PALETTE[3]}
COORDINATES_NOTE = "; coordinates: Wikipedia via data/places.csv (fact database"


def _when(iso: str, precision: str = "day") -> str:
    """A date to the precision it is known: ``'10 December 2025'``, or ``'December 2025'``."""
    return fmt_date(iso if precision == "day" else iso[:7])


def _count(db, fact_id: str) -> Phrase:
    """A counted fact as a bare number (the sentence names what is counted), carrying its id."""
    return fact_digits(db, fact_id)


def _place_ids(db) -> dict[str, str]:
    """The id of each place's point in data/places.csv (what a distance's provenance names), by entity id."""
    return dict(zip(db.places["entity_id"], db.places.index))


def _points(db) -> dict[str, str]:
    """Every map point under a symbol, for a figure computed from all of them (the mean latitude)."""
    return {f"P{i + 1}": place_id for i, place_id in enumerate(db.places.index)}


def dates_texts(db) -> dict[str, str]:
    """The dates of the sources and of the events the text names, each linked to its record."""
    def source(source_id):
        return date_text(db, source_id, None if db.sources.loc[source_id, "date_precision"] == "day" else "month")

    def event(event_id):
        return date_text(db, event_id, None if db.events.loc[event_id, "date_precision"] == "day" else "month")

    sources = {"yy": "hn20251214", "hy": "hn20241120", "nm": "hn20260124", "mf": "hy202305", "ch": "hy202304"}
    events = {"visit": "yy_ev_shen_visits_yiyang", "symposium": "yy_ev_benefit_sharing_symposium",
              "join": "yy_ev_yiyang_joins_czt", "cluster": "hy_ev_cluster_contest_win",
              "guangxin": "yy_ev_guangxin_bse_listing", "cppcc-survey": "yy_ev_cppcc_rd_city_survey",
              "cppcc": "yy_ev_cppcc_consultation", "stations": "hy_ev_yiyang_stations_opening"}
    return {**{f"ma-date-{k}": source(s) for k, s in sources.items()},
            **{f"ma-ev-{k}": event(e) for k, e in events.items()}}


def places_frame(db) -> pd.DataFrame:
    """The point kept for each place with its English and Chinese names, by entity id."""
    places = db.places.merge(db.entities[["entity_id", "name_en", "name_zh"]].reset_index(drop=True), on="entity_id")
    return places.set_index("entity_id", drop=False)


def places_table(db) -> pd.DataFrame:
    """:func:`places_frame` for readers: each coordinate, and the source's coordinates they were
    rounded from, a link to the map point's entry."""
    places = places_frame(db)
    for axis in ("lat", "lon"):
        places[axis] = [record_text(f"{x:.2f}", pid) for x, pid in zip(places[axis], places["place_id"])]
    places["coord_source"] = [record_text(text, pid) for text, pid in zip(places["coord_source"], places["place_id"])]
    return places


def distances(db) -> pd.DataFrame:
    """The chapter's pairs of places with their distances, a readable pair name and a group."""
    dist = pair_distances(db.places, PAIRS)
    dist["pair"] = [f"{PLACE_NAMES[a]} – {PLACE_NAMES[b]}" for a, b in zip(dist["from"], dist["to"])]
    dist["group"] = ["Hengyang link" if "hengyang" in (a, b) else "Yiyang link" if "yiyang" in (a, b) else "Core"
                     for a, b in zip(dist["from"], dist["to"])]
    return dist


def km_phrase(db, dist: pd.DataFrame, a: str, b: str) -> Phrase:
    """The great-circle distance between two places as prose, computed from their points."""
    place = _place_ids(db)
    km = dist.set_index(["from", "to"]).loc[(a, b), "km"]
    return derived_text(km, "km", "haversine(p, q)", {"p": place[a], "q": place[b]}, db)


def _map_latitude(db) -> float:
    return float(db.places["lat"].mean())


def distance_texts(db) -> dict[str, str]:
    """Distances between the places, the printed one and how coordinate rounding bounds them."""
    dist = distances(db)
    by_pair = dist.set_index(["from", "to"])
    yy_row = by_pair.loc[("yiyang", "xiangjiang_new_area")]
    printed_km = db.value("yy_yiyang_xjxq_distance") / 1000
    lat0 = _map_latitude(db)
    short = {"cs": "changsha", "zz": "zhuzhou", "xt": "xiangtan", "yy": "yiyang", "hy": "hengyang",
             "xj": "xiangjiang_new_area"}
    named = ["yy-xj", "yy-cs", "cs-xj", "cs-zz", "cs-xt", "zz-xt", "hy-cs", "hy-zz", "hy-xt"]
    place, points = _place_ids(db), _points(db)
    yy_xj = {"p": place["yiyang"], "q": place["xiangjiang_new_area"]}
    moved = "haversine(p, q) with each coordinate moved by up to 0.005°"
    texts = {"ma-km-printed": fact_text(db, "yy_yiyang_xjxq_distance", qualified=False)}
    for pair in named:
        a, b = pair.split("-")
        texts[f"ma-km-{pair}"] = km_phrase(db, dist, short[a], short[b])
        if pair == "yy-xj":
            texts.update({"ma-km-yy-xj-low": derived_text(yy_row["km_low"], "km", "least " + moved, yy_xj, db),
                          "ma-km-yy-xj-high": derived_text(yy_row["km_high"], "km", "greatest " + moved, yy_xj, db),
                          "ma-km-yy-xj-excess": derived_text(yy_row["km"] - printed_km, "km", "haversine(p, q) - d / 1000",
                                                             {**yy_xj, "d": "yy_yiyang_xjxq_distance"}, db)})
    texts.update({
        # constants and rules of the method, not figures computed from the pages: their formulas are words
        "ma-km-radius": worded_text(f"{fmt_number(EARTH_RADIUS_KM, 0)} km", "the IUGG mean Earth radius, a constant of the method"),
        "ma-lat0": worded_text(f"{fmt_number(lat0, 1)}°N", "mean latitude of the points", **points),
        "ma-aspect": worded_text(fmt_number(map_aspect(lat0), 3), "1 / cos(mean latitude of the points)", **points),
        "ma-round": worded_text("0.01°", "the rounding of the coordinates in data/places.csv, a rule of the method"),
        "ma-round-km": worded_text(f"{fmt_number(haversine_km(lat0, 112.9, lat0 + 0.01, 112.9), 1)} km",
                                   "haversine length of 0.01° of latitude at the mean latitude of the points", **points),
        "ma-hy-ratio": derived_text(ratio(by_pair.loc[("hengyang", "changsha"), "km"], yy_row["km"]), "ratio",
                                    "haversine(a, b) / haversine(p, q)",
                                    {"a": place["hengyang"], "b": place["changsha"], **yy_xj}, db),
    })
    return texts


def map_scale_text(db) -> Phrase:
    """The scale bar's length in the prose: a rule of drawing, so its formula is words."""
    return worded_text(f"{fmt_number(map_scale_km(db), 0)} km",
                       "the longest of 1, 2 or 5 km times a power of ten that fits in a quarter of the map's width "
                       "at the mean latitude",
                       **_points(db))


MAP_ROLES = {"changsha": ("Core city", PALETTE[0]), "zhuzhou": ("Core city", PALETTE[0]),
             "xiangtan": ("Core city", PALETTE[0]), "xiangjiang_new_area": ("Xiangjiang New Area (Yuelu)", PALETTE[2]),
             "yiyang": ("Joined in 2025", THEME_COLOURS["metro_area"]), "hengyang": ("Outside the area", PALETTE[3])}
MAP_LABEL_OFFSETS = {"changsha": (7, 4, "left", "center"), "xiangjiang_new_area": (-6, -6, "right", "top"),
                     "zhuzhou": (7, 0, "left", "center"), "xiangtan": (-7, 2, "right", "bottom"),
                     "yiyang": (0, 8, "center", "bottom"), "hengyang": (-7, -2, "right", "center")}
# (a label beside a sloping line is offset across it, down to the right of a falling one)
MAP_LINKS = {("yiyang", "xiangjiang_new_area"): ("--", THEME_COLOURS["metro_area"], (9, 8), "left"),
             ("hengyang", "zhuzhou"): (":", PALETTE[3], (8, -6), "left"),
             ("hengyang", "xiangtan"): (":", PALETTE[3], (-8, 6), "right")}
MAP_XLIM, MAP_YLIM = (111.7, 113.9), (26.65, 28.85)


def map_scale_km(db) -> float:
    """The length of the map's scale bar: a round number near a quarter of the map's width."""
    return nice_length((MAP_XLIM[1] - MAP_XLIM[0]) * km_per_degree_lon(_map_latitude(db)) / 4)


def map_chart(db) -> Chart:
    """Schematic map of the six points at equal scale, with the distances the chapter discusses."""
    dist, places, lat0 = distances(db), places_frame(db), _map_latitude(db)

    def km(a, b):  # as the prose prints it
        return km_phrase(db, dist, a, b)

    alt = (f"Schematic map of six points by longitude and latitude: Changsha, the Xiangjiang New Area "
           f"(Yuelu District), Zhuzhou and Xiangtan close together in the middle, Yiyang to the north-west and "
           f"Hengyang far to the south. A dashed line joins Yiyang and the New Area ({km('yiyang', 'xiangjiang_new_area')}); "
           f"dotted lines join Hengyang to Zhuzhou ({km('hengyang', 'zhuzhou')}) and to Xiangtan "
           f"({km('hengyang', 'xiangtan')}). A scale bar and a north arrow are drawn; no boundaries are shown.")
    c = chart("The metro area's core, its new member and Hengyang, from city coordinates",
              f"Points from data/places.csv in longitude and latitude, drawn at equal scale near {fmt_number(lat0, 1)}°N; "
              "lines: straight-line (great-circle) distances, km; no administrative boundaries",
              source_line(db, ["hn20241120", "hn20251214"]).replace(" (fact database", COORDINATES_NOTE),
              alt, height=4.8)
    ax = c.ax
    for (a, b), (ls, colour, (dx, dy), side) in MAP_LINKS.items():
        pa, pb = places.loc[a], places.loc[b]
        ax.plot([pa["lon"], pb["lon"]], [pa["lat"], pb["lat"]], ls, color=colour, lw=1.5, zorder=1)
        mid = ((pa["lon"] + pb["lon"]) / 2, (pa["lat"] + pb["lat"]) / 2)
        ax.annotate(km(a, b), mid, xytext=(dx, dy), textcoords="offset points", fontsize=8.5, color=colour,
                    ha=side, va="center")
    seen = set()
    for eid, row in places.iterrows():
        label, colour = MAP_ROLES[eid]
        ax.scatter(row["lon"], row["lat"], s=55, color=colour, edgecolor="white", lw=0.8, zorder=3,
                   label=None if label in seen else label)
        seen.add(label)
        dx, dy, ha, va = MAP_LABEL_OFFSETS[eid]
        name = "Xiangjiang New Area\n湘江新区" if eid == "xiangjiang_new_area" else f"{row['name_en']} {row['name_zh'][:2]}"
        ax.annotate(name, (row["lon"], row["lat"]), xytext=(dx, dy), textcoords="offset points", fontsize=9,
                    ha=ha, va=va, color=INK)
    ax.set_xlim(*MAP_XLIM)
    ax.set_ylim(*MAP_YLIM)
    ax.set_aspect(map_aspect(lat0))
    bar_lon, bar_lat = 113.2, 26.8
    bar_width = draw_scale_bar(ax, bar_lon, bar_lat, map_scale_km(db))
    # the north arrow over the scale bar, in the corner the points leave empty: at the left edge its
    # "N" sat on the row of the tick label 27.0 and read as "27.0 N"
    ax.annotate("N", xy=(bar_lon + bar_width / 2, bar_lat + 0.6), xytext=(bar_lon + bar_width / 2, bar_lat + 0.3),
                ha="center", va="center", fontsize=9, arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 1})
    ax.set_xticks(np.arange(112.0, MAP_XLIM[1], 0.5))
    ax.set_yticks(np.arange(27.0, MAP_YLIM[1], 0.5))
    ax.set_xlabel("Longitude (°E)")
    ax.set_ylabel("Latitude (°N)")
    ax.tick_params(labelsize=8.5)
    place_legend(ax, fontsize=8, handletextpad=0.3, frameon=True, facecolor="white", edgecolor="#dddddd")
    return c


def distances_chart(db) -> Chart:
    """Dot plot of the nine distances with their rounding ranges and the printed distance."""
    dist = distances(db)
    yy_km = dist.set_index(["from", "to"]).loc[("yiyang", "xiangjiang_new_area"), "km"]
    printed_km = db.value("yy_yiyang_xjxq_distance") / 1000
    far = dist.loc[dist["km"].idxmax()]

    def km(a, b):  # as the prose prints it
        return km_phrase(db, dist, a, b)

    hengyang_floor = math.floor(dist.loc[dist["group"] == "Hengyang link", "km"].min() / 10) * 10
    alt = (f"Dot plot of nine straight-line distances between the six points, from "
           f"{km('changsha', 'xiangjiang_new_area')} (Changsha to the New Area) to {km(far['from'], far['to'])} "
           f"({far['pair']}). Core-city pairs lie between {km('zhuzhou', 'xiangtan')} and {km('changsha', 'zhuzhou')}; "
           f"Yiyang is {km('yiyang', 'xiangjiang_new_area')} from the New Area and {km('yiyang', 'changsha')} from Changsha; "
           f"Hengyang pairs are above {fmt_number(hengyang_floor, 0)} km. "
           f"A dashed reference line marks the printed {fmt_number(printed_km, 0)} km.")
    c = chart(f"Yiyang is about {fmt_number(yy_km, 1)} km from the New Area point, at the edge of the printed "
              f"\"under {fmt_number(printed_km, 0)} km\"",
              "Great-circle distance between city points, km; whiskers: range when each coordinate is off by up to 0.005°",
              source_line(db, ["hn20251214"]).replace(" (fact database", COORDINATES_NOTE), alt, height=3.3)
    bx = c.ax
    d = dist.sort_values("km").reset_index(drop=True)
    for i, row in d.iterrows():
        colour = GROUP_COLOUR[row["group"]]
        bx.plot([row["km_low"], row["km_high"]], [i, i], color=colour, lw=1.4)
        bx.plot(row["km"], i, "o", color=colour, ms=6.5)
        bx.annotate(chart_value(km(row["from"], row["to"]), "km"), (row["km_high"], i), xytext=(5, 0), textcoords="offset points",
                    va="center", fontsize=8.5, color=INK)
    bx.axvline(printed_km, color=THEME_COLOURS["metro_area"], ls="--", lw=1)
    bx.annotate(f"printed: Yiyang under {fmt_number(printed_km, 0)} km\nfrom the New Area", (printed_km, 1.0),
                xytext=(6, 0), textcoords="offset points", ha="left", va="center", fontsize=8,
                color=THEME_COLOURS["metro_area"])
    bx.set_yticks(range(len(d)), d["pair"], fontsize=8.5)
    bx.set_xlim(-d["km_high"].max() * 0.05, d["km_high"].max() * 1.12)  # the nearest dot clear of the axis line
    bx.set_xlabel("Straight-line distance (km)")
    bx.grid(axis="y", visible=False)
    bx.legend(handles=[Line2D([], [], marker="o", ls="", color=col, label=lab) for lab, col in GROUP_COLOUR.items()],
              loc="lower right", fontsize=8)
    return c


def map_data(db) -> pd.DataFrame:
    """The map's points, as plotted (longitude, latitude); they rest on data/places.csv, not on a fact."""
    places = places_frame(db)
    return chart_data(db, places[["place_id", "name_en", "lon", "lat"]] if "place_id" in places else
                      places.reset_index(names="place_id")[["place_id", "name_en", "lon", "lat"]],
                      [[]] * len(places), "degrees", "Wikipedia coordinates via data/places.csv")


def distances_data(db) -> pd.DataFrame:
    """The distances the dot plot draws, with their rounding ranges, and the printed distance."""
    d = distances(db).sort_values("km")
    printed = pd.DataFrame([{"pair": "Yiyang – New Area, as printed (under)",
                             "km": db.value("yy_yiyang_xjxq_distance") / 1000}])
    return chart_data(db, pd.concat([d[["pair", "km", "km_low", "km_high"]], printed]),
                      [[]] * len(d) + [["yy_yiyang_xjxq_distance"]], "km", "Wikipedia coordinates via data/places.csv")


TIES = [
    ("yy_yiyang_firms_stable_supply_ties", "Yiyang firms with stable supply ties\nto New Area firms"),
    ("yy_xjxq_firms_stable_supply_ties", "New Area firms with stable supply ties\nto Yiyang firms"),
    ("yy_yiyang_firms_coop_demand", "Further Yiyang firms asking for\na named New Area partner"),
    ("yy_xjxq_target_firms_to_build_in_yiyang", "New Area firms targeted to build\nplants in Yiyang"),
    ("yy_yiyang_firms_rd_units_in_xjxq", "Yiyang firms intending R&D units\nin the New Area"),
    ("yy_yiyang_firm_to_invest_in_xjxq", "Yiyang firm planning to invest\nin the New Area"),
]


def ties_figures(db) -> dict:
    """The Yiyang survey's counts of firms, the outcome and plan totals, the ratio of planned moves."""
    ties = pd.DataFrame([{"fact_id": f, "label": lab, "firms": db.value(f), "status": db.fact(f)["status"]}
                         for f, lab in TIES])
    outcome = ties.loc[ties["status"] == "outcome", "firms"].sum()
    plan = ties.loc[ties["status"] == "plan", "firms"].sum()
    return {"ties": ties, "outcome_firms": outcome, "plan_firms": plan,
            "outcome_share": share(outcome, outcome + plan),
            "moves_ratio": ratio(db.value("yy_xjxq_target_firms_to_build_in_yiyang"),
                                 db.value("yy_yiyang_firm_to_invest_in_xjxq"))}


def _firm_sum(ties: pd.DataFrame, status: str) -> tuple[str, dict[str, str]]:
    """The survey's firms of one status as a sum over symbols, and what the symbols stand for."""
    symbols = {f"n{i + 1}": f for i, (f, st) in enumerate(zip(ties["fact_id"], ties["status"])) if st == status}
    return " + ".join(symbols), symbols


def ties_texts(db) -> dict[str, str]:
    """The survey's counts of firms in the prose."""
    m = ties_figures(db)
    outcome_sum, outcome_ids = _firm_sum(m["ties"], "outcome")
    plan_sum, plan_ids = _firm_sum(m["ties"], "plan")
    counts = {"ties-yy": "yy_yiyang_firms_stable_supply_ties", "ties-xj": "yy_xjxq_firms_stable_supply_ties",
              "coop-demand": "yy_yiyang_firms_coop_demand", "to-yiyang": "yy_xjxq_target_firms_to_build_in_yiyang",
              "to-xj": "yy_yiyang_firm_to_invest_in_xjxq", "rd-units": "yy_yiyang_firms_rd_units_in_xjxq",
              "talks-yy": "yy_yiyang_hitech_firms_at_talks", "talks-xj": "yy_xjxq_firms_at_talks"}
    return {"ma-luyu-inv": fact_text(db, "yy_luyu_optoelectronic_project_investment", qualified=False),
            **{f"ma-{k}": _count(db, f) for k, f in counts.items()},
            "ma-outcome-firms": derived_text(m["outcome_firms"], "count", outcome_sum, outcome_ids, db),
            "ma-plan-firms": derived_text(m["plan_firms"], "count", plan_sum, plan_ids, db),
            "ma-outcome-share": derived_text(m["outcome_share"], "percent",
                                             f"({outcome_sum}) / ({outcome_sum} + {plan_sum}) * 100",
                                             {**outcome_ids, **plan_ids}, db),
            "ma-moves-ratio": derived_text(m["moves_ratio"], "ratio", "a / b",
                                           {"a": "yy_xjxq_target_firms_to_build_in_yiyang",
                                            "b": "yy_yiyang_firm_to_invest_in_xjxq"}, db)}


def ties_data(db) -> pd.DataFrame:
    """The survey's counts the bar chart draws, one row per bar."""
    ties = ties_figures(db)["ties"]
    return chart_data(db, ties[["label", "firms", "status"]].replace("\n", " ", regex=True), ties["fact_id"], "firms")


def ties_chart(db) -> Chart:
    """Bars of the survey's counts of firms, existing ties apart from plans."""
    m = ties_figures(db)
    ties = m["ties"]
    colours = {"outcome": PALETTE[0], "plan": THEME_COLOURS["metro_area"]}

    def listed(status):
        return "; ".join(f"{r.label.replace(chr(10), ' ')} {fmt_number(r.firms, 0)}" for r in ties.itertuples()
                         if r.status == status)

    alt = ("Horizontal bar chart of six counts of firms from the Yiyang survey. Existing ties (outcomes): "
           + listed("outcome") + ". Stated plans: " + listed("plan") + ".")
    c = chart(f"{fmt_number(m['outcome_firms'], 0)} firms already trade across the new link; "
              f"{fmt_number(m['plan_firms'], 0)} more appear only as plans or wishes",
              "Number of firms, as counted by Yiyang's survey of parks and firms (December 2025)",
              source_line(db, ["hn20251214"]), alt, height=3.4)
    ax = c.ax
    frame = ties.iloc[::-1].reset_index(drop=True)
    bars = ax.barh(frame["label"], frame["firms"], color=[colours[s] for s in frame["status"]])
    label_bars(ax, bars, [fmt_number(x, 0) for x in frame["firms"]])
    ax.set_xlabel("Firms")
    ax.tick_params(axis="y", labelsize=8.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(0, frame["firms"].max() * 1.12)
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(color=colours["outcome"], label="Existing tie (outcome)"),
                       Patch(color=colours["plan"], label="Plan or stated wish")], loc="lower right", fontsize=8)
    return c


ACCESSION_EVENTS = ["yy_ev_shen_visits_yiyang", "yy_ev_benefit_sharing_symposium", "yy_ev_czt_secretaries_meeting_7",
                    "yy_ev_yiyang_joins_czt", "yy_ev_yiyang_xjxq_agreement", "yy_ev_xjxq_yiyang_firm_talks"]


def accession_events(db) -> pd.DataFrame:
    """The dated steps of Yiyang's accession, each with its date in prose (``when``)."""
    ev = db.events.loc[ACCESSION_EVENTS].copy()
    ev["when"] = [_when(d, p) for d, p in zip(ev["date"], ev["date_precision"])]
    return ev


def trade_figures(db) -> dict:
    """Changsha's trade: October split into exports and implied imports, with the year before; the
    monthly average of January–October; the trading partners a year earlier."""
    v = db.value
    oct_split = split_with_growth(v("hy_cs_trade_oct"), v("hy_cs_trade_oct_growth"),
                                  v("hy_cs_exports_oct"), v("hy_cs_exports_oct_growth"))
    n_months = _months(db, "hy_cs_trade_jan_oct")
    return {"oct": oct_split, "exp_share_now": share(v("hy_cs_exports_oct"), v("hy_cs_trade_oct")),
            "exp_share_prior": share(oct_split["prior_part"], oct_split["prior_total"]),
            "avg_month": ratio(v("hy_cs_trade_jan_oct"), n_months),
            "partners_prior": v("hy_cs_trade_partners") - v("hy_cs_trade_partners_increase")}


OCTOBER = {"a": "hy_cs_trade_oct", "g": "hy_cs_trade_oct_growth", "b": "hy_cs_exports_oct", "h": "hy_cs_exports_oct_growth"}
PRIOR_SHARE = "(b / (1 + h / 100)) / (a / (1 + g / 100)) * 100"


def _months(db, fact_id: str) -> int:
    first_day, last_day = parse_period(db.fact(fact_id)["period"])
    return (last_day.year - first_day.year) * 12 + last_day.month - first_day.month + 1


def trade_texts(db) -> dict[str, str]:
    """Changsha's trade in the prose."""
    m, v = trade_figures(db), db.value
    oct_split = m["oct"]
    n = _months(db, "hy_cs_trade_jan_oct")
    t = {"t": "hy_cs_trade_jan_oct"}
    partners = {"n": "hy_cs_trade_partners", "d": "hy_cs_trade_partners_increase"}
    return {
        "ma-trade-janoct": fact_text(db, "hy_cs_trade_jan_oct", qualified=False),
        "ma-trade-avg": derived_text(m["avg_month"], "CNY", f"t / {n}", t, db),
        "ma-oct-vs-avg": derived_text(growth(v("hy_cs_trade_oct"), m["avg_month"]), "percent",
                                      f"(a / (t / {n}) - 1) * 100", {"a": OCTOBER["a"], **t}, db),
        "ma-trade-oct": fact_text(db, "hy_cs_trade_oct", qualified=False),
        "ma-trade-oct-g": fact_text(db, "hy_cs_trade_oct_growth", qualified=False),
        "ma-exp-oct": fact_text(db, "hy_cs_exports_oct", qualified=False),
        "ma-exp-oct-g": fact_text(db, "hy_cs_exports_oct_growth", qualified=False),
        "ma-imp-oct": derived_text(oct_split["other"], "CNY", "a - b", OCTOBER, db),
        "ma-trade-oct-prior": derived_text(oct_split["prior_total"], "CNY", "a / (1 + g / 100)", OCTOBER, db),
        "ma-exp-oct-prior": derived_text(oct_split["prior_part"], "CNY", "b / (1 + h / 100)", OCTOBER, db),
        "ma-imp-oct-prior": derived_text(oct_split["prior_other"], "CNY", "a / (1 + g / 100) - b / (1 + h / 100)",
                                         OCTOBER, db),
        "ma-imp-oct-fall": derived_text(-oct_split["other_growth"], "percent",
                                        "-((a - b) / (a / (1 + g / 100) - b / (1 + h / 100)) - 1) * 100", OCTOBER, db),
        "ma-exp-share-oct": derived_text(m["exp_share_now"], "percent", "b / a * 100", OCTOBER, db),
        "ma-exp-share-oct-prior": derived_text(m["exp_share_prior"], "percent", PRIOR_SHARE, OCTOBER, db),
        "ma-exp-share-pp": derived_text(pp_change(m["exp_share_now"], m["exp_share_prior"]), "pp",
                                        f"b / a * 100 - {PRIOR_SHARE}", OCTOBER, db),
        "ma-partners": _count(db, "hy_cs_trade_partners"),
        "ma-partners-inc": _count(db, "hy_cs_trade_partners_increase"),
        "ma-partners-prior": derived_text(m["partners_prior"], "count", "n - d", partners, db),
        "ma-partners-g": derived_text(growth(v("hy_cs_trade_partners"), m["partners_prior"]), "percent",
                                      "(n / (n - d) - 1) * 100", partners, db),
    }


def october_rounding_texts(db) -> dict[str, str]:
    """The least and the greatest fall of October imports when the four printed inputs move by half
    their last printed digit (the formula is words: an extreme over the rounding bands)."""
    facts = list(OCTOBER.values())
    lowest, highest = residual_growth_range(*(db.value(f) for f in facts),
                                            half_steps=tuple(half_unit(db.fact(f)) for f in facts))
    moved = "fall of imports with each of the four October inputs moved by half its last printed digit"
    return {"ma-imp-fall-least": derived_text(-highest, "percent", "least " + moved, OCTOBER, db),
            "ma-imp-fall-most": derived_text(-lowest, "percent", "greatest " + moved, OCTOBER, db)}


def _october_rows(db) -> pd.DataFrame:
    v, oct_split = db.value, trade_figures(db)["oct"]
    return pd.DataFrame({
        "label": [f"Total trade {fmt_pct(v('hy_cs_trade_oct_growth'), signed=True)}",
                  f"Exports {fmt_pct(v('hy_cs_exports_oct_growth'), signed=True)}",
                  f"Imports (implied) -{trade_texts(db)['ma-imp-oct-fall']}"],  # the fall as the prose prints it
        "before": np.array([oct_split["prior_total"], oct_split["prior_part"], oct_split["prior_other"]]) / 1e9,
        "after": np.array([v("hy_cs_trade_oct"), v("hy_cs_exports_oct"), oct_split["other"]]) / 1e9,
    })


def october_data(db) -> pd.DataFrame:
    """The slope chart's two ends for total trade, exports and implied imports, CNY bn."""
    ids = [["hy_cs_trade_oct", "hy_cs_trade_oct_growth"], ["hy_cs_exports_oct", "hy_cs_exports_oct_growth"],
           list(OCTOBER.values())]
    return chart_data(db, _october_rows(db), ids, "CNY bn")


def _year_on_year_chart(db, rows: pd.DataFrame, kind: str, read_out, finding: str, **frame) -> Chart:
    """The frame of a chart that sets values a year earlier, implied by the printed growth rates,
    beside the printed ones (the November 2024 page's trade figures): its alt text reads out each row
    the chart draws with ``read_out(row)``; ``frame`` holds chart()'s title, subtitle and height."""
    alt = alt_text(kind, (read_out(r) for r in rows.itertuples()), finding)
    return chart(frame.pop("title"), frame.pop("subtitle"), source_line(db, ["hn20241120"]), alt, **frame)


def october_chart(db) -> Chart:
    """Slope chart of October trade, total, exports and implied imports, a year apart."""
    v, said = db.value, trade_texts(db)
    # each end as the prose prints it: the printed October 2024 figures, the implied ones as derived
    rows = _october_rows(db).assign(
        before_text=[chart_value(said[k], "CNY bn") for k in ("ma-trade-oct-prior", "ma-exp-oct-prior", "ma-imp-oct-prior")],
        after_text=[chart_value(said[k], "CNY bn") for k in ("ma-trade-oct", "ma-exp-oct", "ma-imp-oct")])
    c = _year_on_year_chart(
        db, rows, "Slope chart of Changsha's trade in October, in CNY billion, from the values a year earlier implied "
        "by the printed growth rates (left) to October 2024 (right)",
        lambda r: f"{r.label}: {r.before_text} to {r.after_text}",
        "Exports and the total rise; implied imports fall.",
        title=f"October 2024: exports up {fmt_pct(v('hy_cs_exports_oct_growth'))}, implied imports down "
              f"{said['ma-imp-oct-fall']}",
        subtitle="Changsha's imports and exports in October, CNY bn; October 2023 values implied by the printed "
                 "year-on-year growth; imports = total − exports", height=3.6)
    slope(c.ax, rows, "label", "before", "after", text_cols=("before_text", "after_text"))
    c.ax.set_xticks([0, 1], ["October 2023\n(implied)", "October 2024\n(printed)"])
    c.ax.set_ylabel("CNY bn")
    c.ax.set_ylim(0, rows[["before", "after"]].max().max() * 1.12)
    return c


EXPORT_PRODUCTS = [  # label, value fact, growth fact, own-brand share fact
    ("Engineering machinery", "hy_cs_machinery_exports", "hy_cs_machinery_exports_growth", "hy_cs_machinery_own_brand_share"),
    ('"New three" in total', "hy_cs_new_three_exports", "hy_cs_new_three_exports_growth", "hy_cs_new_three_own_brand_share"),
    ("Electric vehicles", "hy_cs_ev_exports", "hy_cs_ev_exports_growth", None),
    ("Lithium-ion batteries", "hy_cs_li_battery_exports", "hy_cs_li_battery_exports_growth", None),
]
NEW_THREE = ["hy_cs_new_three_exports", "hy_cs_ev_exports", "hy_cs_li_battery_exports"]


def remainder_growth_under_rounding(db) -> tuple[float, float]:
    """Growth of the "new three" remainder when every printed figure moves by half its last digit."""
    v = db.value
    base = [v(f) for f in NEW_THREE]
    rates = [v(f + "_growth") for f in NEW_THREE]
    out = []
    for s in itertools.product((-0.5e7, 0.5e7), repeat=3):
        for r in itertools.product((-0.05, 0.05), repeat=3):
            vals = [b + e for b, e in zip(base, s)]
            priors = [implied_prior(x, g + dr) for x, g, dr in zip(vals, rates, r)]
            out.append(growth(residual(vals[0], vals[1:]), residual(priors[0], priors[1:])))
    return min(out), max(out)


def export_figures(db) -> dict:
    """Changsha's exports by product with the year before implied, and the "new three" remainder."""
    v = db.value
    prod = pd.DataFrame(EXPORT_PRODUCTS, columns=["label", "fact", "growth_fact", "brand_fact"])
    prod["value"] = [v(f) for f in prod["fact"]]
    prod["growth"] = [v(f) for f in prod["growth_fact"]]
    prod = prior_table(prod)
    rest_now = residual(v("hy_cs_new_three_exports"), [v("hy_cs_ev_exports"), v("hy_cs_li_battery_exports")])
    rest_prior = residual(prod.loc[1, "prior"], [prod.loc[2, "prior"], prod.loc[3, "prior"]])
    return {"prod": prod, "rest_now": rest_now, "rest_prior": rest_prior, "rest_growth": growth(rest_now, rest_prior),
            "mach_own": v("hy_cs_machinery_exports") * v("hy_cs_machinery_own_brand_share") / 100,
            "n3_own": v("hy_cs_new_three_exports") * v("hy_cs_new_three_own_brand_share") / 100}


N3 = {"n": "hy_cs_new_three_exports", "g1": "hy_cs_new_three_exports_growth", "e": "hy_cs_ev_exports",
      "g2": "hy_cs_ev_exports_growth", "b": "hy_cs_li_battery_exports", "g3": "hy_cs_li_battery_exports_growth"}
REST_PRIOR = "n / (1 + g1 / 100) - e / (1 + g2 / 100) - b / (1 + g3 / 100)"


def export_texts(db) -> dict[str, str]:
    """Changsha's exports by product in the prose."""
    m, v = export_figures(db), db.value
    prod = m["prod"]
    rest_lo, rest_hi = remainder_growth_under_rounding(db)
    mach = {"m": "hy_cs_machinery_exports", "g": "hy_cs_machinery_exports_growth", "s": "hy_cs_machinery_own_brand_share"}
    n3_own = {"n": N3["n"], "s": "hy_cs_new_three_own_brand_share"}
    moved = "fall of the remainder with every input moved by half its last printed digit"

    def said(fact_id):
        return fact_text(db, fact_id, qualified=False)

    return {
        "ma-mach": said("hy_cs_machinery_exports"), "ma-mach-g": said("hy_cs_machinery_exports_growth"),
        "ma-mach-prior": derived_text(prod.loc[0, "prior"], "CNY", "m / (1 + g / 100)", mach, db),
        "ma-mach-own": said("hy_cs_machinery_own_brand_share"),
        "ma-mach-own-val": derived_text(m["mach_own"], "CNY", "m * s / 100", mach, db),
        "ma-n3": said("hy_cs_new_three_exports"), "ma-n3-g": said("hy_cs_new_three_exports_growth"),
        "ma-n3-prior": derived_text(prod.loc[1, "prior"], "CNY", "n / (1 + g1 / 100)", N3, db),
        "ma-n3-own": said("hy_cs_new_three_own_brand_share"),
        "ma-n3-own-val": derived_text(m["n3_own"], "CNY", "n * s / 100", n3_own, db),
        "ma-ev": said("hy_cs_ev_exports"), "ma-ev-g": said("hy_cs_ev_exports_growth"),
        "ma-ev-prior": derived_text(prod.loc[2, "prior"], "CNY", "e / (1 + g2 / 100)", N3, db),
        "ma-ev-mult": derived_text(growth_multiple(v("hy_cs_ev_exports_growth")), "ratio", "1 + g2 / 100", N3, db),
        "ma-ev-share-n3": derived_text(share(v("hy_cs_ev_exports"), v("hy_cs_new_three_exports")), "percent",
                                       "e / n * 100", N3, db),
        "ma-bat": said("hy_cs_li_battery_exports"), "ma-bat-g": said("hy_cs_li_battery_exports_growth"),
        "ma-bat-prior": derived_text(prod.loc[3, "prior"], "CNY", "b / (1 + g3 / 100)", N3, db),
        "ma-rest": derived_text(m["rest_now"], "CNY", "n - e - b", N3, db),
        "ma-rest-prior": derived_text(m["rest_prior"], "CNY", REST_PRIOR, N3, db),
        "ma-rest-fall": derived_text(-m["rest_growth"], "percent", f"-((n - e - b) / ({REST_PRIOR}) - 1) * 100", N3, db),
        "ma-rest-fall-lo": derived_text(-rest_hi, "percent", "least " + moved, N3, db),
        "ma-rest-fall-hi": derived_text(-rest_lo, "percent", "greatest " + moved, N3, db),
        "ma-local": fact_text(db, "hy_cs_local_source_exports_jan_oct", qualified=False),
        "ma-local-months": _count(db, "hy_cs_local_exports_growth_streak"),
        "ma-local-months20": _count(db, "hy_cs_local_exports_months_over_20pct"),
        "ma-local-threshold": fact_text(db, "hy_cs_local_exports_growth_threshold", qualified=False),
        "ma-local-oct-g": fact_text(db, "hy_cs_local_exports_oct_growth", qualified=False),
        "ma-hitech-imp": fact_text(db, "hy_cs_hitech_imports", qualified=False),
        "ma-parts-imp": fact_digits(db, "hy_cs_industrial_parts_imports_growth"),
        "ma-consumer-imp": fact_digits(db, "hy_cs_consumer_imports_avg_growth"),
    }


def _export_rows(db) -> pd.DataFrame:
    """The dumbbell chart's rows, bottom to top: the remainder, then the products, CNY bn."""
    m = export_figures(db)
    dumb = pd.concat([m["prod"][["label", "value", "growth", "prior", "brand_fact", "growth_fact"]],
                      pd.DataFrame([{"label": "Remainder (solar etc.)", "value": m["rest_now"], "growth": m["rest_growth"],
                                     "prior": m["rest_prior"], "brand_fact": None, "growth_fact": None}])], ignore_index=True)
    dumb = dumb.iloc[[4, 3, 2, 1, 0]].reset_index(drop=True)
    dumb["before"], dumb["after"] = dumb["prior"] / 1e9, dumb["value"] / 1e9
    return dumb


def exports_data(db) -> pd.DataFrame:
    """The two ends of each dumbbell, CNY bn, with the facts each rests on."""
    prod = export_figures(db)["prod"]
    ids = [list(N3.values())] + [[f, g] for f, g in zip(prod["fact"], prod["growth_fact"])][::-1]
    return chart_data(db, _export_rows(db)[["label", "before", "after"]], ids, "CNY bn")


def exports_chart(db) -> Chart:
    """Dumbbell chart of exports by product, the year before (implied) to the latest, log scale."""
    said = export_texts(db)
    # each growth rate as the prose prints it: a product's as its page does, the remainder's fall as derived
    dumb = _export_rows(db).assign(growth_text=lambda d: [
        (f"+{fact_text(db, g, qualified=False)}" if isinstance(g, str) else f"-{said['ma-rest-fall']}")
        for g in d["growth_fact"]])
    c = _year_on_year_chart(  # read out top to bottom, as drawn
        db, dumb.iloc[::-1], "Dumbbell chart on a logarithmic axis of Changsha's exports by product, "
        "January–October, CNY billion", lambda r: f"{r.label} from an implied {fmt_number(r.before, 2)} to "
        f"{fmt_number(r.after, 2)} ({r.growth_text})", "All rise except the remainder, which falls.",
        title=f"EV exports grew {said['ma-ev-mult']}-fold; the implied "
              f"remainder of the \"new three\" roughly halved",
        subtitle="Changsha's exports, January–October, CNY bn (log scale); hollow dot: 2023 implied by printed "
                 "growth, filled dot: 2024 as printed; remainder = new three − EVs − batteries", height=3.4)
    ax = c.ax
    dumbbell(ax, dumb, "label", "before", "after", colour=THEME_COLOURS["metro_area"])
    ax.set_xscale("log")
    ax.set_xlim(0.3, 250)
    for i, r in dumb.iterrows():
        note = r["growth_text"]
        if isinstance(r["brand_fact"], str):
            note += f"; own brand {fact_text(db, r['brand_fact'], qualified=False)}"
        ax.annotate(note, (max(r["before"], r["after"]), i), xytext=(9, 0), textcoords="offset points",
                    va="center", fontsize=8.5, color=INK)
    ax.set_xticks([0.5, 1, 2, 5, 10, 20, 50, 100], ["0.5", "1", "2", "5", "10", "20", "50", "100"])
    ax.minorticks_off()
    ax.set_xlabel("CNY bn")
    ax.grid(axis="y", visible=False)
    return c




def brics_texts(db) -> dict[str, str]:
    """Trade with the other BRICS countries in the prose."""

    return {
        "ma-brics-mach": fact_text(db, "hy_cs_brics_machinery_export_growth", qualified=False),
        "ma-brics-chem": fact_text(db, "hy_cs_brics_organic_chem_export_growth", qualified=False),
        "ma-brics-beef": fact_text(db, "hy_cs_brics_beef_import_growth", qualified=False),
        "ma-brics-oil": fact_text(db, "hy_cs_brics_rapeseed_oil_import_growth", qualified=False),
        "ma-brics-ore": fact_text(db, "hy_cs_brics_iron_ore_import_growth", qualified=False),
        "ma-brics-oil-mult": multiple_text(db, "hy_cs_brics_rapeseed_oil_import_growth"),
    }


def multiple_text(db, growth_fact: str) -> Phrase:
    """A level a year on as a multiple of the year before, from a printed growth rate: ``'8.88'``."""
    return derived_text(growth_multiple(db.value(growth_fact)), "ratio", "1 + g / 100", {"g": growth_fact}, db)


def _brics_rows(db) -> pd.DataFrame:
    brics = db.tables["brics_flows"].rename(columns={"fact_id": "fact"})[["label", "fact", "flow"]].reset_index(drop=True)
    brics["growth"] = [db.value(f) for f in brics["fact"]]
    return brics


def brics_data(db) -> pd.DataFrame:
    """The growth rates the bars draw (the multiples are labels, not marks)."""
    brics = _brics_rows(db)
    return chart_data(db, brics[["label", "flow", "growth"]], brics["fact"], "percent")

def brics_chart(db) -> Chart:
    """Bars of growth in trade with the other BRICS countries, each with the multiple it implies."""
    brics = _brics_rows(db)
    flow_colour = {"export": THEME_COLOURS["metro_area"], "import": PALETTE[0]}
    alt = alt_text("Horizontal bar chart of growth rates of Changsha's trade with other BRICS countries, "
                   "January–October 2024, percent", (f"{r.label} {fmt_pct(r.growth)}" for r in brics.itertuples()),
                   "No values of trade are given, only growth.")
    c = chart("Trade with other BRICS countries: large growth rates on unknown bases",
              "Growth, January–October 2024 on a year earlier, percent; label: level as a multiple of the year before",
              source_line(db, ["hn20241120"]), alt, height=3.0)
    ax = c.ax
    bars = ax.barh(brics["label"], brics["growth"], color=[flow_colour[f] for f in brics["flow"]])
    label_bars(ax, bars, [f"+{fact_text(db, f, qualified=False)} (×{multiple_text(db, f)})" for f in brics["fact"]])
    ax.set_xlim(0, brics["growth"].max() * 1.4)
    separate_thousands(ax.xaxis)
    ax.set_xlabel("Growth, %")
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(color=flow_colour["export"], label="Exports to other BRICS"),
                       Patch(color=flow_colour["import"], label="Imports from other BRICS")],
              loc="lower right", fontsize=8)
    return c


def _rd_institution_years(db) -> int:
    first, last = db.fact("nm_changsha_new_rd_institutions")["period"].split("/")
    return int(last) - int(first) + 1


def innovation_texts(db) -> dict[str, str]:
    """Changsha's R&D institutions, Hunan's listings and Guangxin Technology in the prose."""
    v = db.value
    rd_years = _rd_institution_years(db)
    counts = {"rdinst": "nm_changsha_new_rd_institutions", "xj-platforms": "nm_xiangjiang_sci_city_platforms",
              "listed-2025": "yy_hunan_new_listed_entities_2025", "pipe": "yy_hunan_listing_pipeline",
              "pipe-review": "yy_hunan_firms_passed_domestic_review",
              "pipe-filing": "yy_hunan_firms_overseas_filing_letters",
              "pipe-pending": "yy_hunan_firms_under_review_or_pending",
              "pipe-await": "yy_hunan_firms_pending_overseas_filing"}
    texts = {f"ma-{k}": _count(db, f) for k, f in counts.items()}
    texts.update({
        "ma-rdinst-years": worded_text(fmt_number(rd_years, 0), "years in the period of r", r="nm_changsha_new_rd_institutions"),
        "ma-rdinst-avg": derived_text(ratio(v("nm_changsha_new_rd_institutions"), rd_years), "ratio", f"r / {rd_years}",
                                      {"r": "nm_changsha_new_rd_institutions"}, db),
        "ma-sci-rank": fact_text(db, "nm_changsha_global_sci_city_rank", qualified=False),
        "ma-pipe-under": derived_text(v("yy_hunan_firms_under_review_or_pending")
                                      - v("yy_hunan_firms_pending_overseas_filing"), "count", "p - w",
                                      {"p": "yy_hunan_firms_under_review_or_pending",
                                       "w": "yy_hunan_firms_pending_overseas_filing"}, db),
        "ma-gx-ipo": fact_text(db, "yy_guangxin_ipo_proceeds", qualified=False),
        "ma-gx-mcap0": fact_text(db, "yy_guangxin_mcap_at_listing", qualified=False),
        "ma-gx-mcap1": fact_text(db, "yy_guangxin_mcap_current", qualified=False),
        "ma-gx-mcap-g": derived_text(growth(v("yy_guangxin_mcap_current"), v("yy_guangxin_mcap_at_listing")), "percent",
                                     "(c / l - 1) * 100",
                                     {"c": "yy_guangxin_mcap_current", "l": "yy_guangxin_mcap_at_listing"}, db),
        "ma-gx-rev": fact_text(db, "yy_guangxin_revenue_2025q1q3", qualified=False), "ma-gx-rev-g": fact_text(db, "yy_guangxin_revenue_growth_2025q1q3", qualified=False),
        "ma-gx-np": fact_text(db, "yy_guangxin_net_profit_2025q1q3", qualified=False), "ma-gx-np-g": fact_text(db, "yy_guangxin_net_profit_growth_2025q1q3", qualified=False),
        "ma-clusters": _count(db, "yy_hunan_national_adv_mfg_clusters"),
        "ma-clusters-rank": fact_text(db, "yy_hunan_clusters_rank_national", qualified=False),
    })
    return texts


def listings_data(db) -> pd.DataFrame:
    """The bar of 2025 listings and the four stages of the reserve, as stacked."""
    v = db.value
    rows = pd.DataFrame([
        ("Listed in 2025", v("yy_hunan_new_listed_entities_2025")),
        ("Passed domestic review", v("yy_hunan_firms_passed_domestic_review")),
        ("Overseas filing letter held", v("yy_hunan_firms_overseas_filing_letters")),
        ("Under review", v("yy_hunan_firms_under_review_or_pending") - v("yy_hunan_firms_pending_overseas_filing")),
        ("Awaiting overseas filing", v("yy_hunan_firms_pending_overseas_filing")),
    ], columns=["label", "firms"])
    ids = [["yy_hunan_new_listed_entities_2025"], ["yy_hunan_firms_passed_domestic_review"],
           ["yy_hunan_firms_overseas_filing_letters"],
           ["yy_hunan_firms_under_review_or_pending", "yy_hunan_firms_pending_overseas_filing"],
           ["yy_hunan_firms_pending_overseas_filing"]]
    return chart_data(db, rows, ids, "firms")


def listings_chart(db) -> Chart:
    """Hunan's 2025 listings beside its listing reserve, stacked by stage."""
    v = db.value
    listed = v("yy_hunan_new_listed_entities_2025")
    pipe_parts = [
        ("Passed domestic review", v("yy_hunan_firms_passed_domestic_review"), PALETTE[2]),
        ("Overseas filing letter held", v("yy_hunan_firms_overseas_filing_letters"), PALETTE[0]),
        ("Under review", v("yy_hunan_firms_under_review_or_pending") - v("yy_hunan_firms_pending_overseas_filing"),
         PALETTE[5]),
        ("Awaiting overseas filing", v("yy_hunan_firms_pending_overseas_filing"), PALETTE[4]),
    ]
    pipe_total = sum(x for _, x, _ in pipe_parts)
    if pipe_total != v("yy_hunan_listing_pipeline"):
        raise ValueError("the stages of the listing reserve do not add up to the printed reserve")
    alt = (f"Two horizontal bars. Listed in 2025: {_count(db, 'yy_hunan_new_listed_entities_2025')} Hunan entities. "
           f"Listing reserve: {fmt_number(pipe_total, 0)} firms, stacked as "
           + ", ".join(f"{lab.lower()} {fmt_number(x, 0)}" for lab, x, _ in pipe_parts) + ".")
    c = chart(f"Hunan's listing reserve: {fmt_number(pipe_total, 0)} firms behind the "
              f"{_count(db, 'yy_hunan_new_listed_entities_2025')} that listed in 2025",
              "Number of firms or listed entities, province of Hunan, as of December 2025",
              source_line(db, ["hn20251214"]), alt, height=2.5)
    ax = c.ax
    ax.barh([1], [listed], color=MUTED, height=0.55)
    ax.annotate(_count(db, "yy_hunan_new_listed_entities_2025"), (listed, 1), xytext=(4, 0),
                textcoords="offset points", va="center", fontsize=9)
    left = 0.0
    for lab, x, col in pipe_parts:
        ax.barh([0], [x], left=left, color=col, height=0.55, label=lab, edgecolor="white")
        ax.annotate(fmt_number(x, 0), (left + x / 2, 0), ha="center", va="center", fontsize=9,
                    color=text_colour_on(col), fontweight="bold")
        left += x
    ax.annotate(f"= {fmt_number(pipe_total, 0)}", (pipe_total, 0), xytext=(4, 0), textcoords="offset points",
                va="center", fontsize=9)
    ax.set_yticks([0, 1], ["Listing reserve", "Listed in 2025"])
    ax.set_xlim(0, pipe_total * 1.12)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("Firms")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper right", fontsize=8, ncols=2, bbox_to_anchor=(1.0, 1.02))
    return c


def derived_table(db) -> pd.DataFrame:
    """Every measure the chapter computes: the phrases its prose glues, with their formulas and inputs."""
    t = {**distance_texts(db), **ties_texts(db), **trade_texts(db), **export_texts(db), **brics_texts(db),
         **innovation_texts(db)}
    return derived_frame(db, t, """
    ma-km-yy-xj: Great-circle distance, Yiyang – New Area
    ma-km-yy-xj-low: Same, least under coordinate rounding
    ma-km-yy-xj-high: Same, greatest under coordinate rounding
    ma-km-hy-cs: Great-circle distance, Hengyang – Changsha
    ma-hy-ratio: Hengyang – Changsha over Yiyang – New Area
    ma-outcome-share: Outcome share of firms named in the Yiyang survey
    ma-moves-ratio: Planned plant moves, towards Yiyang per move away
    ma-trade-avg: Monthly average trade, January–October 2024
    ma-oct-vs-avg: October 2024 trade above the monthly average
    ma-imp-oct: October 2024 imports
    ma-trade-oct-prior: October 2023 total trade (implied)
    ma-exp-oct-prior: October 2023 exports (implied)
    ma-imp-oct-prior: October 2023 imports (implied)
    ma-imp-oct-fall: October import fall (implied)
    ma-exp-share-oct-prior: Export share of October trade, 2023
    ma-exp-share-oct: Export share of October trade, 2024
    ma-mach-prior: Engineering-machinery exports, 2023 (implied)
    ma-mach-own-val: Own-brand machinery exports
    ma-n3-prior: "New three" exports, 2023 (implied)
    ma-ev-prior: EV exports, 2023 (implied)
    ma-bat-prior: Battery exports, 2023 (implied)
    ma-rest-prior: "New three" remainder, 2023 (implied)
    ma-rest: "New three" remainder, 2024
    ma-rest-fall: Fall of the "new three" remainder
    ma-brics-oil-mult: Rapeseed-oil imports from BRICS, multiple of prior year
    ma-partners-prior: Trading partners a year earlier
    ma-rdinst-avg: New R&D institutions per year, 2021–2025
    """)


# --- Is the implied fall in October imports an artefact of rounding? ---------------------------------

def half_unit(fact: pd.Series) -> float:
    """Half a unit of the last digit the page printed, in the fact's stored unit: ``237.5`` (亿元)
    stored as 23,750,000,000 yuan gives 5,000,000 yuan; ``21.7`` (%) gives 0.05."""
    from industrybook.chapters.new_materials import about_band

    low, high = about_band(float(fact["value"]), fact["value_printed"])
    return (high - low) / 2


def residual_growth_range(total: float, total_growth: float, part: float, part_growth: float,
                          half_steps: tuple[float, float, float, float]) -> tuple[float, float]:
    """Lowest and highest growth of ``total - part`` when each of the four printed inputs may lie
    anywhere within half a unit of its last printed digit (``half_steps``, in the inputs' order).
    The residual's growth is monotonic in each input, so its extremes lie at corners of the bands:
    every one of the sixteen corners is tried."""
    inputs = (total, total_growth, part, part_growth)
    rates = [split_with_growth(*(x + sign * h for x, sign, h in zip(inputs, signs, half_steps)))["other_growth"]
             for signs in itertools.product((-1, 1), repeat=4)]
    return min(rates), max(rates)
