"""proxygraph commands for analytics (registered on `graph.cli.cli`)."""

from __future__ import annotations

from graph.cli import cli  # noqa: F401
