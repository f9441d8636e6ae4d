"""pytest configuration for the whole checkout (tests/ and the nbval run over chapters/)."""


def pytest_collection_modifyitems(session, config, items):
    """nbval compares every output mime type it does not skip. Image bytes are not meaningful to
    compare (a grid line 0.6 -> 0.61 pt changes them) and glued figures carry them under
    papermill's record type, which nbval does not skip: skip every image type, glued or shown.
    Figures are checked instead by tests/test_figures.py (present, sized, with alt text)."""
    try:
        from nbval.plugin import IPyNbFile
    except ImportError:
        return
    skipped = tuple(f"{prefix}{mime}" for prefix in ("", "application/papermill.record/")
                    for mime in IMAGE_MIMES)
    for item in items:
        if isinstance(item.parent, IPyNbFile) and not getattr(item.parent, "_images_skipped", False):
            item.parent.skip_compare = tuple(item.parent.skip_compare) + skipped
            item.parent._images_skipped = True


IMAGE_MIMES = ("image/png", "image/jpeg", "image/svg+xml", "application/pdf")
