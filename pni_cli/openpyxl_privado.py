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
- `fuente_del_libro`: the default font of a new workbook (openpyxl has no public way to change Calibri 11), so
  that a document uses one named font family throughout. Without `_fonts`, the default stays.
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


def fuente_del_libro(libro: Any, fuente: Any) -> None:
    """Make `fuente` the workbook's default font (the «Normal» style, and the first font of its table, which
    spreadsheets use for empty cells and to measure column widths). openpyxl only offers Calibri 11 there. Without
    `_fonts` or `_named_styles`, nothing changes: the cells pni writes carry their font anyway."""
    try:
        from openpyxl.utils.indexed_list import IndexedList

        fuentes = libro._fonts
        if len(fuentes) != 1:  # only on a new workbook, before any cell has a font of its own
            return
        libro._fonts = IndexedList([fuente])
        libro._named_styles["Normal"].font = fuente
    except (AttributeError, ImportError, KeyError, TypeError):
        return
