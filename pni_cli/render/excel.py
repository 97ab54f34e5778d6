"""What every workbook pni writes shares: cells written safely, styles applied fast, row heights that show wrapped
text, and a zip dated by the data, not by the clock (the same data give the same bytes)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from ..openpyxl_privado import estilo_rapido
from ..texto_seguro import celda_excel, parece_formula


def poner(ws: Any, fila: int, col: int, valor: Any, **estilo: Any) -> Any:
    """Write one cell: a text never becomes a formula (stored as text, and marked so that editing it in Excel
    keeps it text), and loses what XML cannot hold (pni_cli/texto_seguro.py)."""
    c = ws.cell(row=fila, column=col)
    valor = celda_excel(valor)
    c.value = valor
    if isinstance(valor, str):
        c.data_type = "s"  # stored as text even when it starts with = + - @
        if parece_formula(valor):
            c.quotePrefix = True
    if estilo:
        estilar(c, **estilo)
    return c


def estilar(c: Any, **estilo: Any) -> None:
    """`c.font = …`, `c.fill = …`… at once, each combination worked out once per workbook
    (pni_cli/openpyxl_privado.py says why and how)."""
    estilo_rapido(c, **estilo)


def alto(valores: list[Any], anchos: list[int]) -> float:
    """Row height (points) that shows every wrapped line: openpyxl does not compute it, and LibreOffice would
    print overlapping text."""
    lineas = 1
    for v, ancho in zip(valores, anchos, strict=False):
        texto = str(v) if v is not None else ""
        por_linea = max(int(ancho * 1.15), 1)
        n = sum(max(1, -(-len(parte) // por_linea)) for parte in texto.split("\n"))
        lineas = max(lineas, n)
    return 15.0 * lineas + 2


# A zip entry's date is MS-DOS's: 1980-01-01 to 2107-12-31, at even seconds
ZIP_MINIMO = dt.datetime(1980, 1, 1)
ZIP_MAXIMO = dt.datetime(2107, 12, 31, 23, 59, 58)


def fecha_zip(fecha: dt.datetime) -> dt.datetime:
    """`fecha` as a zip can hold it: a cut-off date before 1980 or after 2107 dates the parts of the zip at the
    nearest end of that range (the workbook's own properties keep the real date)."""
    return min(max(fecha, ZIP_MINIMO), ZIP_MAXIMO)


def guardar_con_fecha(wb: Any, fecha: dt.datetime) -> bytes:
    """The workbook as bytes, every part of the zip dated `fecha` (not the time of writing; see `fecha_zip`): the
    same data and cut-off date give the same bytes. Workbook.save() would stamp «modified» with the current time;
    the writer keeps the properties as set."""
    from openpyxl.writer.excel import ExcelWriter

    buf = io.BytesIO()
    ExcelWriter(wb, _zip_con_fecha(buf, fecha_zip(fecha))).save()
    return buf.getvalue()


def _zip_con_fecha(destino: io.BytesIO, fecha: dt.datetime) -> Any:
    """A zip for openpyxl's writer in which every part is dated `fecha` (zipfile would date each one now, or
    by the mtime of openpyxl's temporary file)."""
    import zipfile

    class ZipConFecha(zipfile.ZipFile):
        def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None,
                     compresslevel: Any = None) -> None:
            if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
                zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=fecha.timetuple()[:6])
                zinfo_or_arcname.compress_type = self.compression
                zinfo_or_arcname.external_attr = 0o600 << 16
            super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

        def write(self, filename: Any, arcname: Any = None, compress_type: Any = None,
                  compresslevel: Any = None) -> None:
            with open(filename, "rb") as f:
                datos = f.read()
            self.writestr(arcname if arcname is not None else filename, datos, compress_type, compresslevel)

    return ZipConFecha(destino, "w", zipfile.ZIP_DEFLATED, allowZip64=True)


# --- documents to print -----------------------------------------------------------------------------------------
# Printed size: a column `w` wide is w × (the default font's widest digit, in whole pixels at 96 dpi) + 5 pixels of
# padding (how Excel sizes columns; LibreOffice's columns come out slightly narrower). Fitted to the page width, a
# sheet prints at the scale that makes the sum of its columns the width of the page.
ANCHO_UTIL_PT = 10.2 * 72  # Letter landscape (11 in) less 0.4 in margins on each side
MARGEN_IN = 0.4


def tamano_impreso(anchos: Sequence[float], tamano: float) -> float:
    """The points at which text of `tamano` points (the workbook's default font) prints once a sheet of columns
    `anchos` is fitted to the width of a Letter landscape page (never larger: a narrow sheet is not enlarged)."""
    digito_px = round(0.556 * tamano * 96 / 72)
    natural_pt = sum(a * digito_px + 5 for a in anchos) * 0.75
    return tamano * min(1.0, ANCHO_UTIL_PT / natural_pt)


def lineas_de_texto(texto: str, por_linea: float) -> int:
    """How many lines `texto` takes wrapped at `por_linea` characters, as a spreadsheet wraps: at spaces and after
    hyphens, a word longer than a line cut where it must; capitals and digits count wider than lower case."""
    import re

    total = 0
    for parte in texto.split("\n"):
        n, actual = 1, 0.0
        for pieza, espacio in re.findall(r"([^\s-]*-?)(\s*)", parte):
            if not pieza:
                continue
            largo = sum(1.3 if c.isupper() or c.isdigit() else 1.0 for c in pieza)
            if actual and actual + largo > por_linea:
                n, actual = n + 1, 0.0
            while largo > por_linea:
                n, largo = n + 1, largo - por_linea
            actual += largo + len(espacio)
        total += n
    return total


def alto_de_fila(valores: Sequence[Any], anchos: Sequence[float], tamano: float = 10, negrita: bool = False) -> float:
    """Row height (points) that shows every wrapped line of `valores` in columns `anchos` (a merged cell: the sum of
    its columns) in a proportional font of `tamano` points (bold text is wider)."""
    lineas = 1
    for v, ancho in zip(valores, anchos, strict=False):
        texto = "" if v is None else str(v)
        por_linea = max(ancho * (0.95 if negrita else 1.1), 1.0)
        lineas = max(lineas, lineas_de_texto(texto, por_linea))
    return round(tamano * 1.25 * lineas + 4, 1)


def pagina_carta_horizontal(ws: Any, filas_titulo: str | None, pie: str) -> None:
    """Letter landscape, fitted to one page wide (as many pages tall as needed), narrow margins, `filas_titulo`
    («5:5») repeated at the top of every page, and the page number and `pie` in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = MARGEN_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if filas_titulo:
        ws.print_title_rows = filas_titulo
    ws.oddFooter.left.text = pie
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "&A · página &P de &N"
    ws.oddFooter.right.size = 8
