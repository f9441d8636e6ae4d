import math

import pytest

from industrybook.measures import arithmetic as M
from industrybook.measures.arithmetic import cagr, growth, implied_base, implied_prior, pp_change, ratio, share


def test_growth():
    assert growth(110, 100) == pytest.approx(10)
    assert growth(90, 100) == pytest.approx(-10)
    with pytest.raises(ValueError):
        growth(1, 0)


def test_cagr_matches_compounding():
    # 1638.5 -> 2143 over two years is about 14.4 % a year, not the 12.1 % a source prints
    assert cagr(1638.5, 2143, 2) == pytest.approx(14.364, abs=1e-3)
    assert cagr(100, 100 * 1.05 ** 3, 3) == pytest.approx(5)
    with pytest.raises(ValueError):
        cagr(0, 10, 2)


def test_implied_prior():
    assert implied_prior(5.86, 41.35) == pytest.approx(4.1457, abs=1e-4)
    assert implied_prior(100, 0) == 100
    with pytest.raises(ValueError):
        implied_prior(1, -100)


def test_implied_base():
    assert implied_base(1394.6, 11.61, 4) == pytest.approx(1394.6 / 1.1161 ** 4)


def test_share_ratio_pp():
    assert share(25, 200) == pytest.approx(12.5)
    assert ratio(352.8, 20) == pytest.approx(17.64)
    assert pp_change(2.62, 2.16) == pytest.approx(0.46)
    with pytest.raises(ValueError):
        ratio(1, 0)
    with pytest.raises(ValueError):
        share(1, 0)


def test_annualise():
    from industrybook.measures.arithmetic import annualise

    assert annualise(1321.67, 9) == pytest.approx(1762.2267, abs=1e-3)
    assert annualise(50, 12) == 50
    assert annualise(1.5e8, 9) == pytest.approx(2e8)
    assert annualise(10, 6) == pytest.approx(20)
    with pytest.raises(ValueError):
        annualise(1, 0)
    with pytest.raises(ValueError):
        annualise(1, 13)


def test_length_per_mass_ratio_keeps_the_volume():
    # drawn from 8 mm rod to 0.12 mm wire, a metre of rod gives as much metal as the wire's length
    # times its (smaller) cross-section: the volume is kept
    rod, wire = 8.0, 0.12
    length = M.length_per_mass_ratio(rod, wire)
    assert length * math.pi * (wire / 2) ** 2 == pytest.approx(math.pi * (rod / 2) ** 2)
    assert M.length_per_mass_ratio(rod, 2 * wire) == pytest.approx(length / 4)
    assert M.length_per_mass_ratio(0.008, 0.00012) == pytest.approx(length)  # units cancel
    with pytest.raises(ValueError):
        M.length_per_mass_ratio(0, 1)
    with pytest.raises(ValueError):
        M.length_per_mass_ratio(1, -1)
