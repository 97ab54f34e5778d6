"""Terminal views are rendered to text with rich and written by their command: colours and styles only for a
terminal that takes them (pni_cli/terminal.py), plain text otherwise (a pipe, a file, NO_COLOR), laid out for the
width of the terminal. Plain text has no trailing spaces."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console


def a_texto(*partes: Any, color: bool, ancho: int) -> str:
    """What rich would print of `partes`, as text. emoji=False: a text of the plan or a file name with «:smile:» in
    it is shown as written (and rich's table of emoji codes is never loaded); highlight=False: rich never colours
    numbers or paths by itself. Never markup: every text from the data reaches rich as a `Text`."""
    salida = io.StringIO()
    consola = Console(file=salida, width=ancho, force_terminal=color, color_system="auto" if color else None,
                      highlight=False, emoji=False, markup=False, legacy_windows=False)
    for parte in partes:
        consola.print(parte)
    texto = salida.getvalue()
    if not color:
        texto = "\n".join(linea.rstrip() for linea in texto.split("\n"))
    return texto
