"""What scripts/bench_analytics.py and scripts/bench_analytics_neo4j.py share: the chain depth and
the undated copy of a dataset. Both import this module; neither imports the other's top level."""

from __future__ import annotations

import dataclasses

from graph.model import Dataset

DEPTH = 3


def undated(ds: Dataset, prefix: str = "") -> Dataset:
    """A copy of ``ds`` whose relations have no dates (hold always), actor ids given ``prefix``."""
    out = Dataset(name=ds.name, root=ds.root, sources=ds.sources, places=ds.places)
    out.actors = {prefix + a.id: dataclasses.replace(a, id=prefix + a.id) for a in ds.actors.values()}
    out.relations = [
        dataclasses.replace(r, source=prefix + r.source, target=prefix + r.target, since=None, until=None,
                            ended=False, ended_before=None)
        for r in ds.relations
    ]  # fmt: skip
    return out
