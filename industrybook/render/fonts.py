"""Make sure matplotlib sees the Noto CJK font (its cache predates fonts installed later).

    python -m industrybook.render.fonts
"""
from __future__ import annotations

import sys

CJK_FAMILY = "Noto Sans CJK SC"


def cjk_font_available(rebuild: bool = False) -> bool:
    from matplotlib import font_manager

    manager = font_manager._load_fontmanager(try_read_cache=not rebuild)
    font_manager.fontManager = manager
    return any(f.name == CJK_FAMILY for f in manager.ttflist)


def main() -> int:
    if cjk_font_available() or cjk_font_available(rebuild=True):
        return 0
    print(f"matplotlib cannot find {CJK_FAMILY!r}: install fonts-noto-cjk (apt-get install fonts-noto-cjk)",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
