"""JSON: the report's data, stable for scripts (the shapes the README documents)."""

from __future__ import annotations

import json

from graph.report.document import Report

PEOPLE = False


def render(report: Report, width: int) -> str:
    return json.dumps(report.data, indent=2, ensure_ascii=False, default=str)
