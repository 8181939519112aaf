"""The command line: one module per family of commands, each registering on `graph.cli.app.cli`."""

from graph.cli import analytics, data, edit, neo4j, queries, render  # noqa: F401  (each registers its commands)
from graph.cli.app import cli, main

__all__ = ["cli", "main"]
