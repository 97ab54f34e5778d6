"""The terminal a command writes to: whether it takes colour (a terminal, and NO_COLOR not set) and how wide it is
(COLUMNS when it makes sense, else what the terminal says, else 80)."""

from __future__ import annotations

import os
import shutil
from typing import Any


def color_en(flujo: Any) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (whatever its value, as no-color.org says)."""
    return bool(getattr(flujo, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


def ancho() -> int:
    """The width to lay out for: COLUMNS if it is a sensible number (20 to 1000), else the terminal's, else 80."""
    texto = os.environ.get("COLUMNS", "").strip()
    if texto.isascii() and texto.isdigit() and 20 <= int(texto) <= 1000:
        return int(texto)
    try:
        columnas = shutil.get_terminal_size(fallback=(80, 24)).columns
    except (OSError, ValueError):
        columnas = 80
    return columnas if 20 <= columnas <= 1000 else 80
