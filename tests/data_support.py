"""Helpers shared by the data tests (importers, matching, export): small datasets on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# The shared/ folder lies beside the repository (as on every developer machine and in CI).
SAMPLE = (
    Path(__file__).resolve().parents[2] / "shared" / "samples" / "ucdp-esd" / "esd-ay-18.1-syria-iraq-2011-2017.csv"
)

SOURCE = {"id": "src", "title": "A dataset", "description": "hand-made"}


def actor(actor_id: str, name: str, kind: str = "state", **extra: Any) -> dict[str, Any]:
    return {"id": actor_id, "name": name, "kind": kind, **extra}


def relation(source: str, rtype: str, target: str, **extra: Any) -> dict[str, Any]:
    return {"from": source, "type": rtype, "to": target, "evidence": [{"source": "src", "record": "1"}], **extra}


def write_dataset(folder: Path, actors: list[dict[str, Any]], relations: list[dict[str, Any]]) -> Path:
    """Write a one-file dataset (with the source ``src``) into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"sources": [SOURCE], "actors": actors, "relations": relations}
    (folder / "data.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return folder


def write_csv(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path
