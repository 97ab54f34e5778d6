"""The terminal a command writes to: whether it takes colour (a terminal, and NO_COLOR not set), how wide it is
(COLUMNS when it makes sense, else what the terminal says, else 80), and the standard streams of a run, guarded
(`flujos_protegidos`: any encoding, and nothing dangerous ever written)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any


def color_en(flujo: Any) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (whatever its value, as no-color.org says)."""
    return bool(getattr(flujo, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ


MINIMO, MAXIMO = 40, 1000


def ancho() -> int:
    """The width every renderer lays out for: COLUMNS if it is a sensible number (40 to 1000, ASCII digits), else
    the terminal's, else 80. «0», «-5», «abc», «99999» are ignored; so is a width under 40, where the two-column
    views would have to cut the data itself (the terminal wraps a wider line, and nothing is lost)."""
    texto = os.environ.get("COLUMNS", "").strip()
    if texto.isascii() and texto.isdigit() and len(texto) <= 5 and MINIMO <= int(texto) <= MAXIMO:
        return int(texto)
    try:
        columnas = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 80
    except (OSError, ValueError, AttributeError):
        columnas = 80
    return columnas if MINIMO <= columnas <= MAXIMO else 80


class _FlujoSeguro:
    """A standard stream whose every write goes through `texto_seguro.flujo`: whatever a command, a library or a
    message writes, no control, bidirectional or invisible character reaches the terminal or the CI log (colour
    sequences pass only to a terminal that takes colour). Everything but `write` is the stream's own; its binary
    `buffer` is not offered, so that nothing can write around the guard."""

    def __init__(self, flujo: Any) -> None:
        self._flujo = flujo
        self._color = color_en(flujo)

    def write(self, texto: str) -> int:
        from .texto_seguro import flujo

        self._flujo.write(flujo(texto, self._color))
        return len(texto)

    def writelines(self, lineas: Any) -> None:
        for linea in lineas:
            self.write(linea)

    def __getattr__(self, nombre: str) -> Any:
        if nombre == "buffer":
            raise AttributeError(nombre)
        return getattr(self._flujo, nombre)


@contextlib.contextmanager
def flujos_protegidos() -> Iterator[None]:
    """For the run of a command: standard output and error in any encoding (a character the encoding cannot hold,
    «✔» in Latin-1 or ASCII, is replaced by «?», never an error), and through `_FlujoSeguro`. Afterwards the streams
    are as they were (unless the run replaced one, as after a broken pipe)."""
    previos: tuple[Any, Any] = (sys.stdout, sys.stderr)
    errores = [_reemplazar_errores(f) for f in previos]
    guardias = _FlujoSeguro(sys.stdout), _FlujoSeguro(sys.stderr)
    sys.stdout, sys.stderr = guardias
    try:
        yield
    finally:
        for nombre, guardia, previo, error in zip(("stdout", "stderr"), guardias, previos, errores, strict=True):
            with contextlib.suppress(Exception):  # a stream that broke (a closed pipe) has nothing more to take
                previo.flush()
            if getattr(sys, nombre) is guardia:
                setattr(sys, nombre, previo)
            if error is not None:
                with contextlib.suppress(Exception):
                    previo.reconfigure(errors=error)


def _reemplazar_errores(flujo: Any) -> str | None:
    """errors="replace" on a text stream that has another handler; the previous one, to restore it afterwards."""
    anterior = getattr(flujo, "errors", None)
    if anterior in (None, "replace") or not hasattr(flujo, "reconfigure"):
        return None
    try:
        flujo.reconfigure(errors="replace")
    except Exception:  # a stream that cannot change (already written to with another layout): leave it
        return None
    return str(anterior)
