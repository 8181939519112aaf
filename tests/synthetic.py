"""Synthetic datasets of realistic shape, for benchmarks and scale tests.

The shape follows real proxy wars: a few sponsor states back many armed groups (a heavy-tailed
number of clients each), some groups back smaller ones, groups fight each other and their
governments, groups belong to coalitions that nest, and actors control places and keep bases.
Every relation cites a source: a quote from a small report text, or a record of a dataset.

>>> ds = generate(n_actors=50, n_relations=200, seed=1)
>>> len(ds.actors), len(ds.relations)
(50, 200)
"""

from __future__ import annotations

import random
from pathlib import Path

from graph.dataset.write import dataset_yaml
from graph.model import Actor, Citation, Dataset, PartialDate, Place, Relation, Source
from graph.vocabulary import SUPPORT_TYPES

REPORT_SENTENCES = [f"Sentence {i} of the synthetic report says that one actor acted upon another." for i in range(200)]

# Share of each relation type among the generated relations (the rest of `backs`).
_MIX = (("fights", 0.30), ("member-of", 0.10), ("controls", 0.05), ("hosts-bases-in", 0.03), ("allied-with", 0.04))


def generate(n_actors: int, n_relations: int, *, seed: int = 0, n_places: int | None = None) -> Dataset:
    """A valid dataset of ``n_actors`` actors and exactly ``n_relations`` relations.

    About 2% of actors are sponsor states, 5% governments, 8% coalitions, the rest armed
    groups. Cost: O(n_actors + n_relations).
    """
    rng = random.Random(seed)
    ds = Dataset(name=f"synthetic-{n_relations}", root="<synthetic>")
    _add_sources(ds)
    n_places = n_places if n_places is not None else max(2, n_actors // 20)
    for i in range(n_places):
        pid = f"p{i}"
        ds.places[pid] = Place(id=pid, name=f"Place {i}", kind="city" if i else "country", within="p0" if i else None)
    kinds = _actor_kinds(n_actors)
    for i, kind in enumerate(kinds):
        aid = f"a{i}"
        ds.actors[aid] = Actor(id=aid, name=f"Actor {i}", kind=kind, aliases=[f"A{i}"])
    pools = _pools(kinds)
    places = list(ds.places)
    for i in range(n_relations):
        ds.relations.append(_relation(rng, i, pools, places))
    return ds


def _add_sources(ds: Dataset) -> None:
    ds.sources["report"] = Source(id="report", title="Synthetic report", file="report.txt")
    ds.sources["events"] = Source(id="events", title="Synthetic event dataset")


def _actor_kinds(n: int) -> list[str]:
    shares = (("state", 0.02), ("government", 0.05), ("coalition", 0.08))
    kinds: list[str] = []
    for kind, share in shares:
        kinds += [kind] * max(1, int(n * share))
    rest = n - len(kinds)
    kinds += ["militia", "rebel-group", "jihadist-group"] * (rest // 3) + ["militia"] * (rest % 3)
    return kinds[:n]


def _pools(kinds: list[str]) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"sponsor": [], "group": [], "coalition": [], "government": [], "all": []}
    for i, kind in enumerate(kinds):
        aid = f"a{i}"
        pools["all"].append(aid)
        pool = {"state": "sponsor", "government": "government", "coalition": "coalition"}.get(kind, "group")
        pools[pool].append(aid)
    return pools


def _pick(rng: random.Random, pool: list[str], skew: float = 0.0) -> str:
    """Uniform, or with ``skew`` > 0 heavy-tailed towards the start of the pool."""
    if skew:
        return pool[min(len(pool) - 1, int(rng.paretovariate(skew)) - 1)]
    return pool[rng.randrange(len(pool))]


def _relation(rng: random.Random, i: int, pools: dict[str, list[str]], places: list[str]) -> Relation:
    roll, rtype = rng.random(), "backs"
    for name, share in _MIX:
        if roll < share:
            rtype = name
            break
        roll -= share
    source, target = _ends(rng, rtype, pools, places)
    while target == source:
        target = _pick(rng, pools["group"])
    since = rng.randint(1990, 2020)
    until = rng.randint(since, 2024) if rng.random() < 0.4 else None
    support = sorted(rng.sample(list(SUPPORT_TYPES), 2)) if rtype == "backs" else []
    return Relation(
        key=f"r{i}", source=source, type=rtype, target=target, since=PartialDate(since),
        until=PartialDate(until) if until else None, ended=until is not None, support=support,
        confidence=rng.choice(("high", "medium", "low")), evidence=[_citation(rng, i)],
    )  # fmt: skip


def _ends(rng: random.Random, rtype: str, pools: dict[str, list[str]], places: list[str]) -> tuple[str, str]:
    if rtype == "backs":
        if rng.random() < 0.7:
            return _pick(rng, pools["sponsor"], skew=1.2), _pick(rng, pools["group"] + pools["government"])
        return _pick(rng, pools["group"], skew=1.5), _pick(rng, pools["group"])
    if rtype == "fights":
        return _pick(rng, pools["group"]), _pick(rng, pools["group"] + pools["government"])
    if rtype == "member-of":
        coalition = _pick(rng, pools["coalition"])
        members = pools["group"] + [c for c in pools["coalition"] if c != coalition]
        return _pick(rng, members), coalition
    if rtype in ("controls", "hosts-bases-in"):
        return _pick(rng, pools["all"]), _pick(rng, places)
    return _pick(rng, pools["sponsor"] + pools["government"]), _pick(rng, pools["all"])


def _citation(rng: random.Random, i: int) -> Citation:
    if rng.random() < 0.5:
        return Citation(source="report", quote=REPORT_SENTENCES[rng.randrange(len(REPORT_SENTENCES))])
    return Citation(source="events", record=f"row-{i}")


def write_dataset(ds: Dataset, folder: str | Path) -> Path:
    """Write a generated dataset as a folder of YAML that `proxygraph validate` accepts (through the
    one YAML writer, `graph.dataset.write`)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.txt").write_text(" ".join(REPORT_SENTENCES) + "\n", encoding="utf-8")
    docs = {
        "sources.yaml": dataset_yaml(sources=ds.sources.values()),
        "places.yaml": dataset_yaml(places=ds.places.values()),
        "actors.yaml": dataset_yaml(actors=ds.actors.values()),
        "relations.yaml": dataset_yaml(relations=ds.relations),
    }
    for name, text in docs.items():
        (out / name).write_text(text, encoding="utf-8")
    return out


# --- Proxy-war shape for the analytics benchmark (added for issue 4; `generate` above is unchanged) ---


def generate_proxy_wars(n_relations: int, *, seed: int = 0, relations_per_actor: int = 4) -> Dataset:
    """A dataset shaped like a proxy war, for `scripts/bench_analytics.py`: exactly ``n_relations``.

    1% of the actors are sponsor states backing many groups (heavy-tailed), 3% governments, 4%
    coalitions nested two deep (a tenth are umbrellas that other coalitions join), the rest armed
    groups. Relations: 45% ``backs`` (three quarters from states, the rest from a tenth of the
    groups acting as patrons), 35% ``fights`` (groups against groups and governments; one in two
    hundred between coalitions), 15% ``member-of``, 5% ``allied-with``.
    Dates as in `generate`. Cost: O(n_relations).
    """
    rng = random.Random(seed)
    n = max(50, n_relations // relations_per_actor)
    ds = Dataset(name=f"proxy-wars-{n_relations}", root="<synthetic>")
    _add_sources(ds)
    counts = {"state": max(2, n // 100), "government": max(2, 3 * n // 100), "coalition": max(2, n // 25)}
    kinds = [k for k, c in counts.items() for _ in range(c)]
    kinds += ["militia", "rebel-group", "jihadist-group"] * ((n - len(kinds)) // 3 + 1)
    pools: dict[str, list[str]] = {"state": [], "government": [], "coalition": [], "group": []}
    for i, kind in enumerate(kinds[:n]):
        ds.actors[f"a{i}"] = Actor(id=f"a{i}", name=f"Actor {i}", kind=kind)
        pools[kind if kind in pools else "group"].append(f"a{i}")
    pools["patron"] = pools["group"][: max(1, len(pools["group"]) // 10)]
    pools["client"] = pools["group"] + pools["government"]  # joined once: joining per relation is O(n^2)
    pools["state+government"] = pools["state"] + pools["government"]
    for i in range(n_relations):
        source, rtype, target = _war_ends(rng, pools)
        ds.relations.append(_dated(rng, i, source, rtype, target))
    return ds


def _war_ends(rng: random.Random, pools: dict[str, list[str]]) -> tuple[str, str, str]:
    roll = rng.random()
    groups = pools["group"]
    if roll < 0.45:
        sponsor = _pick(rng, pools["state"], skew=1.1) if rng.random() < 0.75 else _pick(rng, pools["patron"])
        client = _pick(rng, pools["client"])
        return sponsor, "backs", client if client != sponsor else _pick(rng, groups)
    if roll < 0.80:
        if rng.random() < 0.005:
            a, b = rng.sample(pools["coalition"], 2)
            return a, "fights", b
        a = _pick(rng, groups)
        b = _pick(rng, pools["client"])
        return a, "fights", b if b != a else _pick(rng, pools["government"])
    if roll < 0.95:
        coalitions, umbrellas = pools["coalition"], max(1, len(pools["coalition"]) // 10)
        if rng.random() < 0.1:
            return (
                coalitions[rng.randrange(umbrellas, len(coalitions))],
                "member-of",
                coalitions[rng.randrange(umbrellas)],
            )
        return _pick(rng, groups), "member-of", _pick(rng, coalitions)
    a, b = rng.sample(pools["state+government"], 2)
    return a, "allied-with", b


def _dated(rng: random.Random, i: int, source: str, rtype: str, target: str) -> Relation:
    since = rng.randint(1990, 2020)
    until = rng.randint(since, 2024) if rng.random() < 0.4 else None
    return Relation(
        key=f"r{i}", source=source, type=rtype, target=target, since=PartialDate(since),
        until=PartialDate(until) if until else None, ended=until is not None,
        support=sorted(rng.sample(list(SUPPORT_TYPES), 2)) if rtype == "backs" else [],
        confidence=rng.choice(("high", "medium", "low")), evidence=[_citation(rng, i)],
    )  # fmt: skip
