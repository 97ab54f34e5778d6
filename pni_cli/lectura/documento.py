"""A loaded file as plain data: its values, where each value and key sits (1-based line and column), and the
problems found while loading it. Built by the YAML loaders and by the reader of the Excel form."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..problemas import Problema, problema

Ruta = tuple[str | int, ...]


@dataclass
class Documento:
    """A loaded file: its data (None when unreadable), where every value and key sits, and what went wrong."""

    archivo: str
    datos: Any = None
    posiciones: dict[Ruta, tuple[int, int]] = field(default_factory=dict)
    claves: dict[Ruta, tuple[int, int]] = field(default_factory=dict)
    textos: dict[Ruta, str] = field(default_factory=dict)
    problemas: list[Problema] = field(default_factory=list)
    _vistos: set[int] = field(default_factory=set, repr=False, compare=False)

    def donde(self, ruta: Ruta, clave: bool = False) -> tuple[int, int]:
        """Line and column of the value at `ruta` (or of its key), or of its nearest known ancestor."""
        tabla = self.claves if clave else self.posiciones
        r = tuple(ruta)
        while r:
            if r in tabla:
                return tabla[r]
            if r in self.posiciones:
                return self.posiciones[r]
            r = r[:-1]
        return self.posiciones.get((), (1, 1))

    def donde_en_la_raiz(self, clave: str) -> tuple[int, int]:
        """Line and column of the value of `clave` in the top-level mapping (`donde((clave,))`, which a document
        of the fast path answers without working out every position)."""
        return self.donde((clave,))

    def problema(self, codigo: str, ruta: Ruta, mensaje: str, clave: bool = False) -> Problema:
        linea, columna = self.donde(ruta, clave)
        return problema(codigo, self.archivo, linea, columna, mensaje)

    def aligerar(self) -> None:
        """Free what only building the model needed. Nothing here; a document of the fast path keeps only its
        compressed text (lectura/yaml_rapido.py)."""
