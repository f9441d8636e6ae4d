"""WCAG 2 contrast of the house palette (industrybook.render.style): every colour that carries meaning as
text reaches 4.5:1 on the white background, every colour used for marks 3:1, and the text written
on a filled bar reaches 4.5:1 on that fill. publish() refuses charts whose texts fall short."""
import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from industrybook.render import style  # noqa: E402

SRC = "Source: Hunan Daily, 2024-11-20 (fact database: data/facts.csv)."
TEXT_COLOURS = sorted({c for c in style.PALETTE if c not in style.FILL_ONLY}
                      | set(style.THEME_COLOURS.values()) | {style.INK, style.MUTED})
FILLS = sorted(set(style.PALETTE) | set(style.THEME_COLOURS.values()))


@pytest.mark.parametrize("pair, expected", [(("#000000", "#ffffff"), 21.0), (("#ffffff", "#ffffff"), 1.0),
                                            (("#777777", "#ffffff"), 4.48), (("#E69F00", "#ffffff"), 2.25)])
def test_contrast_ratio_matches_wcag_examples(pair, expected):
    assert style.contrast_ratio(*pair) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("colour", TEXT_COLOURS)
def test_text_colours_read_on_white(colour):
    ratio = style.contrast_ratio(colour, style.BACKGROUND)
    assert ratio >= style.TEXT_CONTRAST, f"{colour} as text: {ratio:.2f}:1"


@pytest.mark.parametrize("colour", FILLS)
def test_mark_colours_stand_out_from_white(colour):
    ratio = style.contrast_ratio(colour, style.BACKGROUND)
    assert ratio >= style.MARK_CONTRAST, f"{colour} as a mark: {ratio:.2f}:1"


@pytest.mark.parametrize("fill", FILLS)
def test_text_on_each_fill_reads(fill):
    ink = style.text_colour_on(fill)
    ratio = style.contrast_ratio(ink, fill)
    assert ratio >= style.TEXT_CONTRAST, f"{ink} on {fill}: {ratio:.2f}:1"


def test_fill_only_colours_are_not_text_colours():
    assert all(style.contrast_ratio(c, style.BACKGROUND) < style.TEXT_CONTRAST for c in style.FILL_ONLY), \
        "a colour that reads as text belongs in the palette's text colours"


def _chart():
    return style.chart("A title", "units", SRC, "A test chart for the contrast check.", height=2)


def test_faint_text_is_a_defect():
    c = _chart()
    c.ax.text(0.5, 0.5, "orange label", color="#E69F00")
    assert any("orange label" in d and "contrast 2.25" in d for d in style.chart_defects(c.fig))
    plt.close(c.fig)


def test_white_numerals_on_sky_blue_are_a_defect_and_text_colour_on_fixes_them():
    c = _chart()
    c.ax.barh([0], [10], color="#56B4E9")
    c.ax.set_xlim(0, 10)
    label = c.ax.text(5, 0, "42", color="white", ha="center", va="center")
    assert any("'42' has contrast 2.3" in d for d in style.chart_defects(c.fig))
    label.set_color(style.text_colour_on("#56B4E9"))
    assert not [d for d in style.chart_defects(c.fig) if "'42'" in d]
    plt.close(c.fig)


def test_publish_refuses_a_chart_with_defects():
    c = _chart()
    c.ax.text(0.5, 0.5, "pink label", color="#CC79A7")
    with pytest.raises(ValueError, match="pink label"):
        style.publish("fig-test", c)
    plt.close(c.fig)


# Machado, Oliveira & Fernandes (2009), full severity, on linear RGB
DEFICIENCIES = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    "normal vision": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
}
MIN_DELTA_E = 10  # CIE76 distance in L*a*b*: clearly different at a glance


def _lab(colour, matrix):
    import numpy as np

    c = np.array(matplotlib.colors.to_rgb(colour))
    linear = np.clip(np.array(matrix) @ np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4), 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("deficiency", sorted(DEFICIENCIES))
def test_palette_colours_stay_apart_for_colour_blind_readers(deficiency):
    """Darkening for contrast must not cost the palette its colour-blind safety: under each simulated
    deficiency every two palette colours stay at least MIN_DELTA_E apart."""
    import itertools

    import numpy as np

    matrix = DEFICIENCIES[deficiency]
    close = [(a, b, round(float(np.linalg.norm(_lab(a, matrix) - _lab(b, matrix))), 1))
             for a, b in itertools.combinations(style.PALETTE, 2)
             if np.linalg.norm(_lab(a, matrix) - _lab(b, matrix)) < MIN_DELTA_E]
    assert not close, f"{deficiency}: too close {close}"


def test_the_original_orange_and_a_vermilion_at_four_and_a_half_to_one_would_fail():
    """The check above can fail: vermilion darkened only to 4.5:1 (#C05500) is too close to orange."""
    import numpy as np

    d = np.linalg.norm(_lab(style.ORANGE, DEFICIENCIES["deuteranopia"]) - _lab("#C05500", DEFICIENCIES["deuteranopia"]))
    assert d < MIN_DELTA_E
