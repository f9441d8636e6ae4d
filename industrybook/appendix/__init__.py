"""Appendix modules: the reference pages (timeline, glossary, data dictionary, method, register)."""
