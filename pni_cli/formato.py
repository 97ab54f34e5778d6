"""Numbers and dates as the plan writes them (5,000 · 3.5 · 75 %), shared by every renderer."""

from __future__ import annotations

import datetime as dt


def numero(x: float | None) -> str:
    if x is None:
        return "—"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.1f}"


def porcentaje(x: float | None) -> str:
    return "—" if x is None else f"{x:.0f} %"


def fecha(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d is not None else "—"
