"""Shared code of the Hengyang and Hunan industrial-upgrade book, in layers that show the flow from a
fact to the page; each imports only the layers above it in this list:

- ``data``: the data package's schema and ``load()``, which holds every rule a row must pass;
- ``text``: facts and derived values as English, and escaping of data text for MyST;
- ``measures``: the derived measures, one small function a formula;
- ``render``: the house chart style, chart types, diagrams, the MyST table kit and glue;
- ``chapters`` and ``appendix``: one module a page of the book;
- ``tooling``: build tools (cache invalidation, output refresh, screenshots, Sphinx extensions),
  apart from the book's code and never an input of a notebook's cache key.

Nothing is re-exported here: import a name from the module that defines it.
"""
