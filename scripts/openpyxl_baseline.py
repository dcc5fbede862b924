#!/usr/bin/env python3
"""The report a performance officer would script instead: openpyxl + jinja2.

Reads the Indicators and History sheets of a scorecard workbook, rates each
indicator against its target with a 5% tolerance, takes the previous figure
from History when the Previous cell is blank, and writes a Markdown table.
It does far less than `scorecard report` (no aliases, no text values, no
profiling, no plans); it is the floor a user would compare the tool with.

    pip install openpyxl jinja2
    python3 scripts/openpyxl_baseline.py large-10000.xlsx > report.md
"""
import sys
from collections import defaultdict

import jinja2
import openpyxl

TEMPLATE = jinja2.Template(
    """# {{ title }}

| Ref | Indicator | Value | Target | RAG | Previous |
|---|---|---|---|---|---|
{% for r in rows %}| {{ r.ref }} | {{ r.title }} | {{ r.actual }} | {{ r.target }} | {{ r.rag }} | {{ r.previous }} |
{% endfor %}"""
)


def number(v):
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).replace(",", "").replace("%", "").lstrip("<>= "))
    except (TypeError, ValueError):
        return None


def table(ws):
    rows = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows)]
    for row in rows:
        yield dict(zip(header, row))


def main(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    history = defaultdict(list)
    if "History" in wb.sheetnames:
        for h in table(wb["History"]):
            history[str(h.get("Ref"))].append(h)
    out = []
    for r in table(wb["Indicators"]):
        actual, target = number(r.get("Actual")), number(r.get("Target"))
        lower = str(r.get("Polarity", "")).lower().startswith("l")
        rag = "Not rated"
        if actual is not None and target is not None:
            gap = (actual - target) if lower else (target - actual)
            rag = "Green" if gap <= 0 else "Amber" if gap <= abs(target) * 0.05 else "Red"
        previous = r.get("Previous")
        if previous is None and history[str(r.get("Ref"))]:
            previous = history[str(r.get("Ref"))][-1].get("Actual")
        out.append(
            {
                "ref": r.get("Ref"),
                "title": r.get("Indicator"),
                "actual": r.get("Actual"),
                "target": r.get("Target"),
                "rag": rag,
                "previous": previous,
            }
        )
    sys.stdout.write(TEMPLATE.render(title="Performance report", rows=out))


if __name__ == "__main__":
    main(sys.argv[1])
