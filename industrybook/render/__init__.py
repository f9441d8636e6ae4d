"""Render layer: house chart style, chart types, flow diagrams, the MyST table kit and glue."""
