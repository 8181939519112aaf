"""Benchmark the data commands: UCDP ESD import, CSV import, export in every format.

Prints seconds and the ratio against the smallest run of the same kind in this process.
Run: .venv/bin/python scripts/bench_data.py
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.synthetic: the synthetic datasets

from graph.export import FORMATS, export
from graph.importers.common import write_result
from graph.importers.csv_table import import_csv
from graph.importers.ucdp_esd import import_esd
from graph.model import Dataset
from graph.network import build_graph
from tests.synthetic import generate

SAMPLE = (
    Path(__file__).resolve().parents[2] / "shared" / "samples" / "ucdp-esd" / "esd-ay-18.1-syria-iraq-2011-2017.csv"
)
EMPTY = Dataset("empty", "empty")


def esd_file(folder: Path, n_rows: int, seed: int = 1) -> Path:
    """An ESD-shaped file: the sample's rows, given new row ids, actors and years (1975-2017)."""
    rng = random.Random(seed)
    with SAMPLE.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    path = folder / f"esd-{n_rows}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, header)
        writer.writeheader()
        for i in range(n_rows):
            row = dict(rng.choice(rows))
            offset = 10_000 * rng.randrange(60)  # 60 conflicts of the sample's shape
            row["id"], row["year"] = str(i + 1), str(1975 + i % 43)
            for col in ("actor_id", "oppo_id"):
                row[col] = str(int(row[col]) + offset)
            row["actor_name"] += f" {offset}"
            row["oppo_name"] += f" {offset}"
            writer.writerow(row)
    return path


def csv_files(folder: Path, n_relations: int, n_actors: int = 2000, seed: int = 1) -> tuple[Path, Path]:
    rng = random.Random(seed)
    actors, relations = folder / f"actors-{n_relations}.csv", folder / f"relations-{n_relations}.csv"
    kinds = ["state", "militia", "rebel-group", "government"]
    actors.write_text("id,name,kind\n" + "".join(f"a{i},Actor {i},{kinds[i % 4]}\n" for i in range(n_actors)))
    lines = ["from,to,type,since,support"]
    for i in range(n_relations):
        a, b = rng.sample(range(n_actors), 2)
        rtype = "backs" if i % 3 else "fights"
        day = f"{1990 + i % 35}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        lines.append(f"a{a},a{b},{rtype},{day},{'weapons' if rtype == 'backs' else ''}")
    relations.write_text("\n".join(lines) + "\n")
    return actors, relations


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def report(title: str, runs: list[tuple[str, float]]) -> None:
    base = runs[0][1]
    print(title)
    for label, seconds in runs:
        print(f"  {label:<34} {seconds:8.3f} s   x{seconds / base:6.1f}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runs = []
        for n in (500, 5000):
            path = esd_file(folder, n)
            runs.append((f"ESD import, {n} rows (read+match)", timed(lambda p=path: import_esd(p, EMPTY))))
            result = import_esd(path, EMPTY)
            out = folder / f"esd-out-{n}" / "ucdp-esd.yaml"
            runs.append(
                (f"ESD import, {n} rows (write+validate)", timed(lambda r=result, o=out: write_result(r, o, "")))
            )
        report("UCDP ESD import", runs)
        runs = []
        for n in (10_000, 100_000):
            actors, relations = csv_files(folder, n)
            runs.append(
                (
                    f"CSV import, {n} rows (read+match)",
                    timed(lambda a=actors, r=relations: import_csv(a, r, None, EMPTY, on_error="skip")),
                )
            )
            result = import_csv(actors, relations, None, EMPTY, on_error="skip")
            out = folder / f"csv-out-{n}" / "r.yaml"
            runs.append(
                (f"CSV import, {n} rows (write+validate)", timed(lambda r=result, o=out: write_result(r, o, "")))
            )
        report("CSV import", runs)
        runs = []
        for n in (10_000, 100_000):
            graph = build_graph(generate(n_actors=n // 20, n_relations=n, seed=1))
            for fmt in FORMATS:
                target = folder / f"export-{n}.{fmt}" if fmt != "csv" else folder / f"export-{n}-csv"
                runs.append((f"export {fmt}, {n} relations", timed(lambda f=fmt, t=target, g=graph: export(g, f, t))))
        report("Export (synthetic dataset)", sorted(runs, key=lambda r: r[1]))


if __name__ == "__main__":
    main()
