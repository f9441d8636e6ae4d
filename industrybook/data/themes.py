"""The book's themes, read from ``data/themes.csv``: their order, English and Chinese names, chart
colours and chapters. Tables, legends and panels list themes in that order; a theme the table does
not hold (a draft row) comes last, under its id."""
from __future__ import annotations

import pandas as pd

from industrybook.data.database import vocabulary


def themes() -> pd.DataFrame:
    """The themes table in the book's order, indexed by theme id."""
    return vocabulary("themes").sort_values("order").set_index("theme", drop=False)


def theme_order() -> list[str]:
    """Theme ids in the book's order."""
    return list(themes()["theme"])


def theme_name(theme: str) -> str:
    """English display name of a theme id (the id itself when unknown)."""
    names = themes()["name_en"]
    return str(names[theme]) if theme in names.index else str(theme)


def ordered_themes(present) -> list[str]:
    """The themes in ``present`` in the book's order; unknown themes last, alphabetically."""
    present, order = set(present), theme_order()
    return [t for t in order if t in present] + sorted(present - set(order))


def theme_colours() -> dict[str, str]:
    """Theme id -> its chart colour."""
    t = themes()
    return dict(zip(t["theme"], t["colour"]))


def theme_chapters() -> dict[str, str]:
    """Theme id -> the docname of its chapter."""
    t = themes()
    return dict(zip(t["theme"], t["chapter"]))
