"""Chapter modules: one a chapter of the book, building its tables, charts and glued text."""
