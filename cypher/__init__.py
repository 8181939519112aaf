"""The Cypher files of proxygraph (schema, named queries, Browser style), installed as the package
``graph.cypher`` (see pyproject.toml) so that ``importlib.resources`` finds them in any install."""
