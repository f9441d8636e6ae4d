"""Text layer: facts and derived values as English prose; data text escaped for MyST."""
