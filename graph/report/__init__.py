"""Answers as reports: the JSON shapes, the text pieces, and the output formats."""
