"""The charts' fonts, and a check that matplotlib sees them (its cache predates fonts installed later).

Charts set Latin in TeX Gyre Heros and Chinese in Noto Sans CJK SC, the two faces of the PDF's
headings (``\\setsansfont`` and ``\\setCJKsansfont`` in _config.yml): matplotlib takes each glyph
from the first family in its list that has it.

    python -m industrybook.render.fonts
"""
from __future__ import annotations

import sys

LATIN_SANS_FAMILY = "TeX Gyre Heros"
CJK_FAMILY = "Noto Sans CJK SC"
CHART_FAMILIES = [LATIN_SANS_FAMILY, CJK_FAMILY]  # Latin first; its font has no Chinese glyphs
DEBIAN_PACKAGES = {LATIN_SANS_FAMILY: "fonts-texgyre", CJK_FAMILY: "fonts-noto-cjk"}


def missing_chart_fonts(rebuild: bool = False) -> list[str]:
    """The chart families matplotlib cannot find (``rebuild``: rescan the system's fonts first)."""
    from matplotlib import font_manager

    manager = font_manager._load_fontmanager(try_read_cache=not rebuild)
    font_manager.fontManager = manager
    found = {f.name for f in manager.ttflist}
    return [family for family in CHART_FAMILIES if family not in found]


def main() -> int:
    missing = missing_chart_fonts() and missing_chart_fonts(rebuild=True)
    for family in missing:
        print(f"matplotlib cannot find {family!r}: install {DEBIAN_PACKAGES[family]} "
              f"(apt-get install {DEBIAN_PACKAGES[family]})", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
