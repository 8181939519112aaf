"""The interactive HTML page: the only package that imports pyvis."""
