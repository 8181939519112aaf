"""Importers: other people's data (UCDP ESD, plain CSV tables) into proxygraph YAML.

Each importer reads a file into an `ImportResult` (new actors, relations and sources; the
actors it matched to a dataset's own; near-misses; problems with lines), and `write_result`
writes it as one YAML file that `proxygraph validate` accepts.
"""

from graph.importers.common import ImportResult, read_existing, slugify, write_result

__all__ = ["ImportResult", "read_existing", "slugify", "write_result"]
