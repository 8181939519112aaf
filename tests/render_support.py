"""A small hand-checked dataset for the render tests, written as YAML into a folder."""

from __future__ import annotations

from pathlib import Path

XSS = "<img src=x onerror=alert(1)>"

SMALL = f"""
actors:
  - id: patron
    name: Patron State
    kind: state
    aliases: [The Patron]
  - id: militia
    name: "{XSS}"
    kind: militia
    aliases: ["</script><script>alert(2)</script>"]
  - id: rebels
    name: Rebels
    kind: rebel-group
places:
  - id: town
    name: Ḥalab Town
    kind: city
sources:
  - id: report
    title: "A report & <b>its</b> title"
    url: https://example.org/report
  - id: bad-link
    title: A source with a script link
    url: "javascript:alert(3)"
relations:
  - from: patron
    type: backs
    to: militia
    since: 2013
    support: [weapons, funding]
    confidence: high
    evidence:
      - source: report
        quote: "the patron armed the militia </script><img src=y onerror=alert(4)>"
  - from: militia
    type: fights
    to: rebels
    since: 2012
    until: 2015
    confidence: low
    evidence:
      - source: bad-link
        quote: they fought
  - from: rebels
    type: controls
    to: town
    since: 2014
    until: 2016
    evidence:
      - source: report
        quote: rebels held the town
  - from: militia
    type: controls
    to: town
    since: 2017
    evidence:
      - source: report
        quote: the militia holds the town
"""


def write_small_dataset(folder: Path) -> Path:
    """Write the small dataset (3 actors, 1 place, 4 relations) as ``folder/small/data.yaml``."""
    root = folder / "small"
    root.mkdir(parents=True, exist_ok=True)
    (root / "data.yaml").write_text(SMALL, encoding="utf-8")
    return root
