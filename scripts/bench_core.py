"""Benchmark the core against issue 14's targets: first read, a second command, start-up, exact blocs.

Usage: .venv/bin/python scripts/bench_core.py [--actors 10000] [--relations 100000] [--runs 5]

Writes (once, kept in the temp folder) a valid synthetic dataset through the project's own YAML
writer (`tests.synthetic` -> `graph.dataset.write`), each relation with a note the way importers
and curators write them: long enough to be wrapped over lines, with quoted quotes ("the 'aid'"),
and every tenth in two paragraphs. Then prints, each with its target, ratio and met / NOT MET:

- first read: `read_dataset` + `build_graph` in this process, relations/s, and its ratio to
  `yaml.load(CSafeLoader)` of the same files (no lines, no checks) timed in the same run;
- a second command, `proxygraph supporters a0 --data D`, as fresh processes: cold (an empty
  XDG_CACHE_HOME) and cached (the same command run again; the second run timed), and their ratio;
  before the dataset cache exists the cached figure shows no gain;
- `proxygraph --help` against `python -c "import click"` (medians of fresh processes);
- the bundled `proxygraph supporters "Assad government"`;
- the exact frustration (`graph.analytics.balance.blocs`) of a planted signed graph of 200 actors
  and a few hundred relations (`tests.test_balance.planted`, as scripts/bench_blocs.py).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # for tests.synthetic and tests.test_balance, after the installed package

from graph.dataset import dataset_files, read_dataset  # noqa: E402
from graph.network import build_graph  # noqa: E402

SEED = 4  # gives a valid 10k/100k dataset (see tests.synthetic)
GENERATE = """
import sys
from tests.synthetic import generate, write_dataset
actors, relations, seed, folder = sys.argv[1:]
ds = generate(n_actors=int(actors), n_relations=int(relations), seed=int(seed))
for i, rel in enumerate(ds.relations):
    rel.note = (f"Relation {i}: the report's words are \\"{rel.source} gave 'aid' to {rel.target}\\"; "
                "analysts read it as a sponsorship that the sources confirm over several years of reporting.")
    if i % 10 == 0:
        rel.note += "\\n\\nA second paragraph: the curator's doubts, kept apart from the source's words."
write_dataset(ds, folder)
"""


def dataset_folder(n_actors: int, n_relations: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"proxygraph-bench-notes-{n_actors}-{n_relations}-{SEED}"
    if not (folder / "relations.yaml").is_file():
        print(f"writing {n_actors:,} actors, {n_relations:,} relations into {folder} ...", flush=True)
        command = [sys.executable, "-c", GENERATE, str(n_actors), str(n_relations), str(SEED), str(folder)]
        subprocess.run(command, check=True, cwd=ROOT)  # another process: the memory stays out of this one
    return folder


def seconds(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def first_read(folder: Path) -> int:
    gc.disable()  # as the CLI reads (graph.cli.app.read_from): no collection until what it read is frozen
    try:
        dataset, problems = read_dataset(folder)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise SystemExit(f"the synthetic dataset should be valid: {errors[:3]}")
        gc.freeze()  # as the CLI does before building the graph
        build_graph(dataset)
    finally:
        gc.enable()
    return len(dataset.relations)


def csafe_load(folder: Path) -> None:
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in dataset_files(folder):
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # a safe loader


def process(args: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def median(args: list[str], runs: int) -> float:
    return statistics.median(process(args) for _ in range(runs))


def second_command(proxygraph: str, folder: Path, runs: int) -> tuple[float, float]:
    """Medians of a cold run (an empty cache folder) and a cached one (the second run in a folder)."""
    cold, cached = [], []
    command = [proxygraph, "supporters", "a0", "--data", str(folder)]
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "XDG_CACHE_HOME": cache}
            cold.append(process(command, env))
            cached.append(process(command, env))
    return statistics.median(cold), statistics.median(cached)


def exact_blocs() -> tuple[float, int, int]:
    from graph.analytics.balance import blocs
    from tests.analytics_support import graph_of
    from tests.test_balance import planted

    G = graph_of(*planted(200, 30, 250, 2))
    blocs(graph_of(*planted(20, 2, 10, 0)))  # HiGHS's import paid before the timing
    took, _ = seconds(lambda: blocs(G))
    return took, G.number_of_nodes(), G.number_of_edges()


def line(label: str, figure: str, target: str, ratio: str, met: bool) -> None:
    print(f"{label:<44} {figure:>16}  target {target:<22} {ratio:<26} {'met' if met else 'NOT MET'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per command (medians)")
    options = parser.parse_args()
    folder = dataset_folder(options.actors, options.relations)
    megabytes = sum(p.stat().st_size for p in dataset_files(folder)) / 1e6
    proxygraph = str(Path(sys.executable).parent / "proxygraph")

    read_s, n = seconds(lambda: first_read(folder))
    gc.unfreeze()
    load_s, _ = seconds(lambda: csafe_load(folder))
    cold, cached = second_command(proxygraph, folder, max(1, options.runs // 2))
    help_s = median([proxygraph, "--help"], options.runs)
    click_s = median([sys.executable, "-c", "import click"], options.runs)
    bundled_s = median([proxygraph, "supporters", "Assad government"], options.runs)
    blocs_s, nodes, edges = exact_blocs()

    print(f"\ndataset: {folder} ({megabytes:.1f} MB of YAML, {n:,} relations)")
    rate = n / read_s
    line("first read + validate + build", f"{rate:,.0f} rel/s", ">= 50,000 rel/s", f"{read_s:.2f} s", rate >= 50_000)
    line("  vs yaml.load(CSafeLoader) of the files", f"{load_s:.2f} s", ">= 4x faster",
         f"{load_s / read_s:.2f}x faster", load_s / read_s >= 4)  # fmt: skip
    line("second command, cached", f"{cached:.2f} s", "<= 1 s", "", cached <= 1)
    line("  vs the same command cold", f"{cold:.2f} s", ">= 8x faster", f"{cold / cached:.2f}x faster",
         cold / cached >= 8)  # fmt: skip
    line("proxygraph --help", f"{help_s:.3f} s", "<= 2x import click", f"{help_s / click_s:.2f}x ({click_s:.3f} s)",
         help_s <= 2 * click_s)  # fmt: skip
    line("bundled supporters 'Assad government'", f"{bundled_s:.3f} s", "<= 0.25 s", f"{bundled_s / 0.25:.2f}x target",
         bundled_s <= 0.25)  # fmt: skip
    line(f"exact blocs, {nodes} actors, {edges} relations", f"{blocs_s:.2f} s", "<= 5 s",
         f"{blocs_s / 5:.2f}x target", blocs_s <= 5)  # fmt: skip


if __name__ == "__main__":
    main()
