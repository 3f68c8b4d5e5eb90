"""Reporting: Result → JSON line, terminal table, HTML and Markdown (one result, many renderings)."""
