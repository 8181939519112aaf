"""A built wheel holds what the code reads at run time from outside graph/: the Cypher files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_cypher_files_are_read_as_package_data() -> None:
    found = sorted(p.name for p in resources.files("graph.cypher").iterdir() if p.name.endswith(".cypher"))
    assert found == sorted(p.name for p in (ROOT / "cypher").glob("*.cypher"))
    assert "schema.cypher" in found


def test_the_wheel_ships_every_cypher_file(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)  # fmt: skip
    (wheel,) = tmp_path.glob("proxygraph-*.whl")
    shipped = {n for n in zipfile.ZipFile(wheel).namelist() if n.startswith("graph/cypher/")}
    wanted = {f"graph/cypher/{p.name}" for p in (ROOT / "cypher").iterdir() if p.is_file()}
    assert wanted and shipped == wanted
