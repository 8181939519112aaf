"""Benchmark the core: read + validate + build the graph of a synthetic dataset, and cold CLI runs.

Usage: .venv/bin/python scripts/bench_core.py [--actors 10000] [--relations 100000] [--full-baseline]

Generates (once, cached in the temp folder) a valid synthetic dataset with tests/synthetic.py,
then reports in this one process:
- end to end `read_dataset` + `build_graph`: wall and CPU seconds, relations/s, peak memory
  (tracemalloc peak in a separate pass, since tracing slows the code; and the process's max RSS);
- where the time goes: the fast YAML reader alone, the rest;
- baselines on the same files: PyYAML `yaml.load(CSafeLoader)` (no lines, no checks) and, with
  --full-baseline, the full line-tracking reader (graph.dataset.yamlio.read_yaml) that every file used
  before the fast reader; with their ratio to the end-to-end time;
- the cold-process wall time (best of 5) of `proxygraph supporters assad-government` and
  `proxygraph --help` against the 0.5 s target.
Figures, not assertions: the target is >= 50,000 relations/s end to end.
"""

from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from graph.dataset import dataset_files, read_dataset
from graph.dataset.fastyaml import read_block_yaml
from graph.dataset.yamlio import read_yaml
from graph.network import build_graph

TARGET_RATE = 50_000
TARGET_COLD = 0.5


# Seed 4 gives a valid 10k/100k dataset; with most seeds `generate` makes one `member-of` that ends
# at a group (when a coalition is drawn as a member of itself, the target is drawn again from groups).
SEED = 4


def dataset_folder(n_actors: int, n_relations: int, seed: int = SEED) -> Path:
    folder = Path(tempfile.gettempdir()) / f"proxygraph-bench-{n_actors}-{n_relations}-{seed}"
    if not (folder / "relations.yaml").is_file():
        print(f"generating {n_actors} actors, {n_relations} relations into {folder} ...", flush=True)
        script = "import sys; from tests.synthetic import generate, write_dataset; a, r, s, f = sys.argv[1:]; "
        script += "write_dataset(generate(n_actors=int(a), n_relations=int(r), seed=int(s)), f)"
        # in another process, so that this one's peak memory is the benchmark's own
        subprocess.run(
            [sys.executable, "-c", script, str(n_actors), str(n_relations), str(seed), str(folder)],
            check=True,
            cwd=Path(__file__).resolve().parent.parent,  # where tests.synthetic is found
        )
    return folder


def timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of one call, and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def end_to_end(folder: Path) -> tuple[int, int]:
    dataset, problems = read_dataset(folder)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SystemExit(f"the synthetic dataset should be valid: {errors[:3]}")
    gc.freeze()  # as the CLI does (graph.cli.app.graph_from) before building the graph
    graph = build_graph(dataset)
    return len(dataset.relations), graph.number_of_edges()


def read_all(folder: Path, read: Callable[[str], Any]) -> None:
    for path in dataset_files(folder):
        read(path.read_text(encoding="utf-8"))


def csafe_load(text: str) -> Any:
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # a safe loader


def full_reader(text: str) -> Any:
    return read_yaml(text, "bench.yaml", [])


def no_gc(read: Callable[[str], Any]) -> Callable[[str], Any]:
    def wrapped(text: str) -> Any:
        gc.disable()
        try:
            return read(text)
        finally:
            gc.enable()

    return wrapped


def cold(args: list[str], runs: int = 5) -> float:
    """Best wall time of ``runs`` fresh processes."""
    command = [str(Path(sys.executable).parent / "proxygraph"), *args]
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--full-baseline", action="store_true", help="also time the full reader (slow: ~1 min)")
    options = parser.parse_args()
    folder = dataset_folder(options.actors, options.relations)
    megabytes = sum(p.stat().st_size for p in dataset_files(folder)) / 1e6
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    wall, cpu, (n, edges) = timed(lambda: end_to_end(folder))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    fast_wall, fast_cpu, _ = timed(lambda: read_all(folder, no_gc(read_block_yaml)))
    tracemalloc.start()
    end_to_end(folder)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    rows = [
        ("end to end: read_dataset + build_graph", wall, cpu, f"{n / wall:,.0f} rel/s (cpu {n / cpu:,.0f})"),
        ("  of which the fast YAML reader alone", fast_wall, fast_cpu, f"{fast_wall / wall:.0%} of end to end"),
    ]
    baselines: list[tuple[str, Callable[[str], Any]]] = [
        ("baseline: yaml.load(CSafeLoader), no lines/checks", csafe_load)
    ]
    if options.full_baseline:
        baselines.append(("baseline: full line-tracking reader only", no_gc(full_reader)))
    for label, read in baselines:
        base_wall, base_cpu, _ = timed(lambda read=read: read_all(folder, read))  # type: ignore[misc]
        rows.append((label, base_wall, base_cpu, f"{base_wall / wall:.1f}x the end-to-end time"))
    supporters = cold(["supporters", "assad-government"])
    helptext = cold(["--help"])

    print(f"\ndataset: {folder} ({megabytes:.1f} MB YAML, {n:,} relations, {edges:,} edges)")
    print(f"{'measure':<52} {'wall s':>8} {'cpu s':>8}  note")
    for label, w, c, note in rows:
        print(f"{label:<52} {w:>8.2f} {c:>8.2f}  {note}")
    verdict = "meets" if n / wall >= TARGET_RATE else "BELOW"
    print(f"throughput {n / wall:,.0f} relations/s end to end: {verdict} the {TARGET_RATE:,}/s target")
    print(f"peak memory: tracemalloc {peak:,.0f} MiB; max RSS {rss:,.0f} MiB (before: {rss_before:,.0f} MiB)")
    for label, seconds in (("proxygraph supporters assad-government", supporters), ("proxygraph --help", helptext)):
        status = "ok" if seconds < TARGET_COLD else "OVER"
        print(f"cold {label:<44} {seconds:>6.3f} s best of 5 ({status}, target < {TARGET_COLD} s)")


if __name__ == "__main__":
    main()
