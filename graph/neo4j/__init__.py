"""Neo4j: the only package that imports the driver. Load, properties both ways, the backend, named queries."""
