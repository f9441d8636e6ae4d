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

import pandas as pd

from industrybook.measures.arithmetic import growth, implied_prior

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
    ax.annotate(f"{km:g} km", (lon0 + width / 2, lat0), xytext=(0, 4), textcoords="offset points",
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
