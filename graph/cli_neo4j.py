"""proxygraph commands for neo4j (registered on `graph.cli.cli`)."""

from __future__ import annotations

from graph.cli import cli  # noqa: F401
