"""Measures layer: the derived measures, each a small function with its formula."""
