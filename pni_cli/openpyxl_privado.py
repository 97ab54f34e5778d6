"""The only module that touches openpyxl's private internals; openpyxl is pinned in pyproject.toml to the minor
version they are tested with (3.1). Each hook degrades to openpyxl's public behaviour when a release changes what
it uses, never to an error:

- `estilo_rapido`: openpyxl hashes every style object on every assignment to find it in the workbook's tables,
  which made styling most of the Excel report's time; each combination of a cell's current style (`cell._style`)
  and the new font, fill… objects is worked out once per workbook and then copied. Without `_style`, the public
  assignments.
- `formulas_del_mismo_libro`: a read-only workbook parses a sheet anew on each pass, as its `_data_only` says; the
  importer reads the cached values and then the formulas of the same workbook without loading it (its shared
  strings, its styles) a second time. Without `_data_only`, None: the caller opens the workbook again.
- `fuente_por_omision`: the workbook's default font (`_fonts[0]`), which sets the unit of column widths. Without
  `_fonts`, openpyxl's default (Calibri).
"""

from __future__ import annotations

import copy
from typing import Any

_ESTILOS = ("font", "fill", "border", "alignment", "number_format", "protection")


def _publico(c: Any, estilo: dict[str, Any]) -> None:
    for k, v in estilo.items():
        setattr(c, k, v)


def estilo_rapido(c: Any, **estilo: Any) -> None:
    """`c.font = …`, `c.fill = …`… at once, as the public assignments would leave the cell."""
    if any(k not in _ESTILOS for k in estilo) or not hasattr(c, "_style"):
        _publico(c, estilo)
        return
    try:
        cache = c.parent.parent.__dict__.setdefault("_pni_estilos", {})
        actual = c._style  # None until the cell gets a style
        clave = (tuple(actual) if actual is not None else None, *((k, id(v)) for k, v in estilo.items()))
    except (AttributeError, TypeError):
        _publico(c, estilo)
        return
    hecho = cache.get(clave)
    if hecho is None:
        _publico(c, estilo)
        cache[clave] = (tuple(estilo.values()), copy.copy(c._style))  # the objects stay alive: ids stay theirs
    else:
        c._style = copy.copy(hecho[1])


def formulas_del_mismo_libro(libro: Any) -> Any | None:
    """The read-only workbook `libro` (opened with data_only=True), now giving formulas; None if this openpyxl
    does not allow it (then open the file again with data_only=False)."""
    if not isinstance(getattr(libro, "_data_only", None), bool):
        return None
    libro._data_only = False
    return libro


def fuente_por_omision(libro: Any, fuente: Any) -> None:
    """The font of the workbook's «Normal» style (`libro._fonts[0]`), which cells without a font of their own use
    and which sets the unit of the column widths: with a named font (Arial, which LibreOffice draws with the
    metric-compatible Liberation Sans) the widths are the same in Excel and LibreOffice; with openpyxl's default,
    Calibri, LibreOffice falls back to a wider font where Carlito is not installed. Call it on a new workbook,
    before any cell is styled; without `_fonts`, the workbook keeps openpyxl's default."""
    try:
        from openpyxl.utils.indexed_list import IndexedList

        if len(libro._fonts) == 1:
            libro._fonts = IndexedList([fuente])
    except (AttributeError, ImportError, TypeError):  # pragma: no cover - another openpyxl
        return
