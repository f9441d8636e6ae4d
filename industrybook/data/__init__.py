"""Data layer: the schema, load() and every rule a row must pass, printed-figure parsing, paths."""
