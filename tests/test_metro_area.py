"""Tests of the metro-area chapter's derivations (industrybook.chapters.metro_area)."""
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from industrybook.chapters import metro_area as ma  # noqa: E402
from industrybook.data.database import load  # noqa: E402


def test_haversine_known_values():
    # a quarter of a meridian, pole to equator: pi/2 * R
    assert ma.haversine_km(0, 0, 90, 0) == pytest.approx(math.pi / 2 * ma.EARTH_RADIUS_KM)
    # one degree of longitude on the equator
    assert ma.haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.001)
    # symmetric, zero on the diagonal
    assert ma.haversine_km(28.2, 112.9, 28.58, 112.33) == pytest.approx(ma.haversine_km(28.58, 112.33, 28.2, 112.9))
    assert ma.haversine_km(28.2, 112.9, 28.2, 112.9) == 0
    # Paris-London, a textbook check (about 344 km)
    assert ma.haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1.0)
    with pytest.raises(ValueError):
        ma.haversine_km(91, 0, 0, 0)


def test_rounding_range_brackets_the_distance():
    low, high = ma.rounding_range_km(28.58, 112.33, 28.20, 112.91)
    d = ma.haversine_km(28.58, 112.33, 28.20, 112.91)
    assert low < d < high
    # each end may move about 0.7 km diagonally; the range is a couple of km wide, not more
    assert 1.0 < high - low < 3.0
    assert ma.rounding_range_km(0, 0, 0, 1, half_step=0) == pytest.approx((111.195, 111.195), abs=0.001)


def test_pair_distances_uses_the_places_table():
    places = pd.DataFrame({"entity_id": ["a", "b"], "lat": [0.0, 0.0], "lon": [0.0, 1.0]})
    out = ma.pair_distances(places, [("a", "b")])
    assert list(out.columns) == ["from", "to", "km", "km_low", "km_high"]
    assert out.loc[0, "km"] == pytest.approx(111.195, abs=0.001)
    assert out.loc[0, "km_low"] < out.loc[0, "km"] < out.loc[0, "km_high"]
    with pytest.raises(ValueError, match="not unique"):
        ma.pair_distances(pd.concat([places, places]), [("a", "b")])


def test_places_data_gives_the_yiyang_distance_near_seventy_km():
    db = load("places")
    out = ma.pair_distances(db.places, [("yiyang", "xiangjiang_new_area")])
    assert 65 < out.loc[0, "km"] < 75


def test_km_per_degree_and_aspect():
    assert ma.km_per_degree_lon(0) == pytest.approx(111.195, abs=0.001)
    assert ma.km_per_degree_lon(60) == pytest.approx(111.195 / 2, abs=0.001)
    assert ma.map_aspect(60) == pytest.approx(2.0)
    assert ma.map_aspect(0) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        ma.map_aspect(90)


@pytest.mark.parametrize("max_km,expected", [(73, 50), (50, 50), (49, 20), (19.9, 10), (230, 200), (0.7, 0.5)])
def test_nice_length(max_km, expected):
    assert ma.nice_length(max_km) == pytest.approx(expected)


def test_nice_length_rejects_zero():
    with pytest.raises(ValueError):
        ma.nice_length(0)


def test_draw_scale_bar_width_matches_km():
    fig, ax = plt.subplots()
    width = ma.draw_scale_bar(ax, 112.0, 60.0, 50)
    assert width == pytest.approx(50 / (111.195 / 2), rel=1e-4)
    assert len(ax.lines) == 3 and ax.texts[0].get_text() == "50 km"
    plt.close(fig)


def test_split_with_growth():
    # total 120 (+20 %), part 90 (+50 %): prior total 100, prior part 60, other 30 from 40 = -25 %
    out = ma.split_with_growth(120, 20, 90, 50)
    assert out["other"] == pytest.approx(30)
    assert out["prior_total"] == pytest.approx(100)
    assert out["prior_part"] == pytest.approx(60)
    assert out["prior_other"] == pytest.approx(40)
    assert out["other_growth"] == pytest.approx(-25)
    with pytest.raises(ValueError, match="larger"):
        ma.split_with_growth(10, 0, 11, 0)
    with pytest.raises(ValueError, match="non-positive"):
        ma.split_with_growth(100, 100, 90, -10)


def test_residual():
    assert ma.residual(71.8, [41.8, 25.7]) == pytest.approx(4.3)
    assert ma.residual(10, [10]) == 0
    with pytest.raises(ValueError, match="exceed"):
        ma.residual(10, [6, 5])


def test_growth_multiple():
    assert ma.growth_multiple(787.7) == pytest.approx(8.877)
    assert ma.growth_multiple(0) == 1
    with pytest.raises(ValueError):
        ma.growth_multiple(-100)


def test_prior_table():
    frame = pd.DataFrame({"value": [242.0, 71.8], "growth": [23.9, 75.0]})
    out = ma.prior_table(frame)
    assert out["prior"].tolist() == pytest.approx([242 / 1.239, 71.8 / 1.75])
    assert "prior" not in frame.columns


def test_dumbbell_draws_one_line_and_two_dots_per_row():
    fig, ax = plt.subplots()
    frame = pd.DataFrame({"label": ["x", "y"], "before": [1.0, 5.0], "after": [2.0, 3.0]})
    ma.dumbbell(ax, frame, "label", "before", "after")
    assert len(ax.lines) == 6
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "y"]
    plt.close(fig)


def test_half_unit_is_half_the_last_printed_digit():
    assert ma.half_unit(pd.Series({"value": 23_750_000_000.0, "value_printed": "237.5"})) == pytest.approx(5e6)
    assert ma.half_unit(pd.Series({"value": 21.7, "value_printed": "21.7"})) == pytest.approx(0.05)


def test_residual_growth_range_brackets_the_point_and_widens_with_the_bands():
    point = ma.split_with_growth(100.0, 20.0, 60.0, 50.0)["other_growth"]  # 40 now, 83.3 - 40 = 43.3 before
    none = ma.residual_growth_range(100.0, 20.0, 60.0, 50.0, half_steps=(0, 0, 0, 0))
    assert none == pytest.approx((point, point))
    lo, hi = ma.residual_growth_range(100.0, 20.0, 60.0, 50.0, half_steps=(0.5, 0.5, 0.5, 0.5))
    assert lo < point < hi
    # the lowest growth: a small residual now (total low, exports high) over a large residual before
    # (total's growth low, so its prior is high; exports' growth high, so their prior is low)
    worst = ma.split_with_growth(99.5, 19.5, 60.5, 50.5)["other_growth"]
    assert lo == pytest.approx(worst)
