"""A built wheel holds everything the code reads at run time: every module, the data, templates and Cypher."""

from __future__ import annotations

import shutil
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


def test_the_wheel_ships_every_module_data_file_and_cypher_file(tmp_path: Path) -> None:
    # Build from a copy of the tracked files: a build in the work tree would also see the
    # egg-info an editable install left there, and ship files the configuration forgets.
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    source = tmp_path / "src"
    for name in tracked:
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
                   check=True, capture_output=True)  # fmt: skip
    (wheel,) = tmp_path.glob("proxygraph-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    runtime = [n for n in tracked if n.startswith(("graph/", "cypher/"))]
    wanted = {"graph/cypher/" + n.removeprefix("cypher/") if n.startswith("cypher/") else n for n in runtime}
    assert wanted and wanted <= shipped, sorted(wanted - shipped)
