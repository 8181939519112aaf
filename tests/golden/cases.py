"""The golden cases: every CLI command that answers in JSON, run on the bundled data.

One source of truth for tests/test_golden.py and scripts/golden. Each case is a name (the
file tests/golden/NAME.json holds its answer) and the argv after ``proxygraph``. Commands that
take --as-of run with and without ``--as-of 2016``; ``diff`` takes --from/--to instead.
Skipped: anything that needs a Neo4j server (--backend neo4j, load, cypher run) and the
commands that write files rather than JSON (render, import, cypher style, export to other formats).
"""

from __future__ import annotations

JSON = ("--format", "json")
AS_OF = ("--as-of", "2016")


def _with_as_of(name: str, *argv: str) -> list[tuple[str, tuple[str, ...]]]:
    """The case as given, and the same as of 2016 (named NAME--as-of-2016)."""
    return [(name, (*argv, *JSON)), (f"{name}--as-of-2016", (*argv, *AS_OF, *JSON))]


CASES: list[tuple[str, tuple[str, ...]]] = [
    ("validate", ("validate", *JSON)),
    ("cypher-list", ("cypher", "list", *JSON)),
    *_with_as_of("contested", "contested"),  # the bundled sources never deny one another: empty
    *_with_as_of("actors", "actors"),
    *_with_as_of("actors--kind-militia-coalition", "actors", "--kind", "militia", "--kind", "coalition"),
    # show: actors and places
    *_with_as_of("show-assad-government", "show", "assad-government"),
    *_with_as_of("show-hts", "show", "hts"),
    *_with_as_of("show-iran", "show", "iran"),
    *_with_as_of("show-syrian-rebels-by-name", "show", "Syrian rebels"),
    *_with_as_of("show-aleppo", "show", "aleppo"),
    *_with_as_of("show-syria", "show", "syria"),
    # supporters
    *_with_as_of("supporters-assad-government", "supporters", "assad-government"),
    *_with_as_of("supporters-assad-government--via-states", "supporters", "assad-government", "--via-states"),
    *_with_as_of("supporters-assad-government--depth-1", "supporters", "assad-government", "--depth", "1"),
    *_with_as_of("supporters-hts", "supporters", "hts"),
    *_with_as_of("supporters-syrian-rebels", "supporters", "syrian-rebels"),
    *_with_as_of("supporters-badr", "supporters", "badr"),
    *_with_as_of("supporters-badr--via-states", "supporters", "badr", "--via-states"),
    *_with_as_of("supporters-jrtn", "supporters", "jrtn"),
    *_with_as_of("supporters-syrian-rebels--support-weapons", "supporters", "syrian-rebels", "--support", "weapons"),
    # clients
    *_with_as_of("clients-iran", "clients", "iran"),
    *_with_as_of("clients-iran--depth-2", "clients", "iran", "--depth", "2"),
    *_with_as_of("clients-iran--via-states", "clients", "iran", "--via-states"),
    *_with_as_of("clients-assad-government", "clients", "assad-government"),
    *_with_as_of("clients-jrtn", "clients", "jrtn"),
    *_with_as_of("clients-badr", "clients", "badr"),
    *_with_as_of("clients-syrian-rebels", "clients", "syrian-rebels"),
    *_with_as_of("clients-turkey--via-states--depth-5", "clients", "turkey", "--via-states", "--depth", "5"),
    *_with_as_of(
        "clients-united-states--via-states",
        "clients",
        "government-of-united-states-of-america",
        "--via-states",
    ),
    # path
    *_with_as_of("path-iran-hts", "path", "iran", "hts"),
    *_with_as_of("path-iran-hts--all", "path", "iran", "hts", "--all"),
    *_with_as_of("path-turkey-assad-government", "path", "turkey", "assad-government"),
    *_with_as_of(
        "path-turkey-assad-government--via-backs-fights-member-of--all",
        "path",
        "turkey",
        "Assad government",
        "--via",
        "backs,fights,member-of",
        "--all",
    ),
    *_with_as_of(
        "path-russia-jrtn--via-backs-fights--max-hops-3",
        "path",
        "russia",
        "jrtn",
        "--via",
        "backs,fights",
        "--max-hops",
        "3",
    ),
    # proxy-chains
    *_with_as_of("proxy-chains", "proxy-chains"),
    *_with_as_of("proxy-chains--sponsor-iran", "proxy-chains", "--sponsor", "iran"),
    *_with_as_of(
        "proxy-chains--sponsor-iran--target-syrian-rebels",
        "proxy-chains",
        "--sponsor",
        "iran",
        "--target",
        "Syrian rebels",
    ),
    *_with_as_of("proxy-chains--sponsor-turkey", "proxy-chains", "--sponsor", "turkey"),
    *_with_as_of("proxy-chains--via-states", "proxy-chains", "--via-states"),
    *_with_as_of("proxy-chains--no-inherit-membership", "proxy-chains", "--no-inherit-membership"),
    *_with_as_of("proxy-chains--max-depth-1", "proxy-chains", "--max-depth", "1"),
    *_with_as_of("proxy-chains--top-10", "proxy-chains", "--top", "10"),
    *_with_as_of("proxy-chains--count", "proxy-chains", "--count"),
    *_with_as_of("proxy-chains--count--via-states", "proxy-chains", "--count", "--via-states"),
    # proxy-wars
    *_with_as_of("proxy-wars", "proxy-wars"),
    *_with_as_of("proxy-wars--max-depth-3", "proxy-wars", "--max-depth", "3"),
    *_with_as_of("proxy-wars--via-states", "proxy-wars", "--via-states"),
    *_with_as_of("proxy-wars--no-inherit-membership", "proxy-wars", "--no-inherit-membership"),
    # signed structure
    *_with_as_of("blocs", "blocs"),
    *_with_as_of("blocs--exact-limit-2", "blocs", "--exact-limit", "2"),
    *_with_as_of("balance", "balance"),
    *_with_as_of("balance--exact-limit-2", "balance", "--exact-limit", "2"),
    *_with_as_of("co-sponsored", "co-sponsored"),
    *_with_as_of("co-sponsored--min-shared-2", "co-sponsored", "--min-shared", "2"),
    # rank, each measure
    *_with_as_of("rank--by-reach", "rank", "--by", "reach"),
    *_with_as_of("rank--by-clients", "rank", "--by", "clients"),
    *_with_as_of("rank--by-backers", "rank", "--by", "backers"),
    *_with_as_of("rank--by-brokerage", "rank", "--by", "brokerage"),
    *_with_as_of("rank--by-enemies", "rank", "--by", "enemies"),
    *_with_as_of("rank--by-reach--via-states--top-0", "rank", "--by", "reach", "--via-states", "--top", "0"),
    *_with_as_of("rank--by-brokerage--via-states--top-5", "rank", "--by", "brokerage", "--via-states", "--top", "5"),
    # timeline
    *_with_as_of("timeline-syrian-rebels", "timeline", "syrian-rebels"),
    *_with_as_of("timeline-iran", "timeline", "iran"),
    *_with_as_of("timeline-hts", "timeline", "hts"),
    # diff: --from/--to, no --as-of of its own (--as-of is another spelling of --to)
    ("diff--from-2016--to-2024-12", ("diff", "--from", "2016", "--to", "2024-12", *JSON)),
    ("diff--from-2012--to-2016", ("diff", "--from", "2012", "--to", "2016", *JSON)),
    ("diff--from-2014-06--to-2019-03-23", ("diff", "--from", "2014-06", "--to", "2019-03-23", *JSON)),
    ("diff--from-2016--as-of-2024-12", ("diff", "--from", "2016", "--as-of", "2024-12", *JSON)),
    # export: node-link JSON of the whole graph
    ("export", ("export", "--format", "json")),
    ("export--as-of-2016", ("export", "--format", "json", *AS_OF)),
]
