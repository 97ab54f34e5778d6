"""What every workbook pni writes shares: cells written safely, styles applied fast, row heights that show wrapped
text, and a zip dated by the data, not by the clock (the same data give the same bytes)."""

from __future__ import annotations

import datetime as dt
import io
import math
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


# --- documents to print: how wide a text is, how many lines it takes, how tall a row must be --------------------
# Measured, not guessed: the advance widths of Arial (thousandths of an em), taken from Liberation Sans, Arial's
# metric-compatible twin that LibreOffice prints Arial with, for the characters 32-126, regular and bold. An accented
# letter is as wide as its base letter (í excepted); a few punctuation marks and the semáforo's symbols are listed;
# anything else (the symbols drawn from a fallback font, other scripts) counts as a whole em, wider than any of
# them, so that a measure errs on the tall side. tests/unit/test_impresos.py checks the measure against the line
# counts LibreOffice gives the texts of pni's documents.
_ARIAL = (
    278, 278, 355, 557, 557, 890, 667, 191, 334, 334, 390, 584, 278, 334, 278, 278, 557, 557, 557, 557, 557, 557, 557,
    557, 557, 557, 278, 278, 584, 584, 584, 557, 1016, 667, 667, 723, 723, 667, 611, 778, 723, 278, 500, 667, 557, 834,
    723, 778, 667, 778, 723, 667, 611, 723, 667, 944, 667, 667, 611, 278, 278, 278, 470, 557, 334, 557, 557, 500, 557,
    557, 278, 557, 557, 223, 223, 500, 223, 834, 557, 557, 557, 557, 334, 500, 278, 557, 500, 723, 500, 500, 500, 334,
    260, 334, 584)
_ARIAL_NEGRITA = (
    278, 334, 475, 557, 557, 890, 723, 238, 334, 334, 390, 584, 278, 334, 278, 278, 557, 557, 557, 557, 557, 557, 557,
    557, 557, 557, 334, 334, 584, 584, 584, 611, 976, 723, 723, 723, 723, 667, 611, 778, 723, 278, 557, 723, 611, 834,
    723, 778, 667, 778, 723, 667, 611, 723, 667, 944, 667, 667, 611, 334, 278, 334, 584, 557, 334, 557, 611, 557, 611,
    557, 334, 611, 611, 278, 278, 557, 278, 890, 611, 611, 611, 611, 390, 557, 334, 611, 557, 778, 557, 557, 500, 390,
    280, 390, 584)
_OTROS = {"í": 278, "«": 557, "»": 557, "·": 278, "¿": 611, "¡": 334, "º": 366, "ª": 371, "°": 400, "–": 557,
          "—": 1000, "…": 1000, "‘": 278, "’": 278, "“": 500, "”": 500, "≥": 549, "≤": 549, "≈": 549, "→": 1000,
          "×": 584, "●": 605, "○": 605, "▲": 990, "\u00a0": 278}
# A column `w` wide is w × 7 pixels in Excel (the widest digit of Arial 10 at 96 dpi, the unit of widths) and w × 5.55
# points in LibreOffice; a cell keeps about 5 pixels of padding. Excel's line of Arial 10 is 12.75 points
# (LibreOffice's, 11.2). Heights and widths are measured as Excel draws them, the narrower and taller of the two.
DIGITO_PX = 7
RELLENO_PT = 3.75
LINEA = 1.275  # the line, in ems
PT_POR_UNIDAD_LIBREOFFICE = 5.55
# Printed size: a sheet prints at an explicit scale, the largest that fits its columns to the width of a Letter
# landscape page in both programs (LibreOffice's columns are the wider). Not «fit to page»: Excel ignores manual page
# breaks on a sheet fitted to the page, and the two programs would fit it at different scales, hence break its pages
# in different places.
ANCHO_UTIL_PT = 10.2 * 72  # Letter landscape (11 in) less 0.4 in margins on each side
MARGEN_IN = 0.4
MARGEN_VERTICAL_IN = 0.6
ALTO_UTIL_PT = (8.5 - 2 * MARGEN_VERTICAL_IN) * 72


def ancho_texto(texto: str, tamano: float = 10, negrita: bool = False) -> float:
    """The width in points of `texto` on one line, in Arial of `tamano` points."""
    import unicodedata

    tabla = _ARIAL_NEGRITA if negrita else _ARIAL
    total = 0
    for c in texto:
        o = ord(c)
        if 32 <= o < 127:
            total += tabla[o - 32]
        elif c in _OTROS:
            total += _OTROS[c]
        else:
            base = ord(unicodedata.normalize("NFD", c)[0])
            total += tabla[base - 32] if 32 <= base < 127 and base != o else 1000
    return total * tamano / 1000


def ancho_util(ancho: float) -> float:
    """The points of text a line of a cell `ancho` units wide holds (in Excel, the narrower of the two)."""
    return max(ancho * DIGITO_PX * 0.75 - RELLENO_PT, 1.0)


def lineas_de_texto(texto: str, ancho_pt: float, tamano: float = 10, negrita: bool = False) -> int:
    """How many lines `texto` takes wrapped in `ancho_pt` points, as a spreadsheet wraps it: after spaces, after a
    hyphen or a slash that a letter follows (2026-S1, y/o), a word longer than a line cut where the line ends."""
    import re

    total = 0
    for parte in texto.split("\n"):
        n, x = 1, 0.0
        for pieza in re.findall(r"\S+?(?:[-/](?=\D)|(?=\s)|$)\s*", parte):
            palabra = pieza.rstrip()
            ancho = ancho_texto(palabra, tamano, negrita)
            if x and x + ancho > ancho_pt:
                n, x = n + 1, 0.0
            while ancho > ancho_pt:
                n, ancho = n + 1, ancho - ancho_pt
            x += ancho + ancho_texto(pieza[len(palabra):], tamano, negrita)
        total += n
    return total


def alto_de_lineas(lineas: int, tamano: float = 10) -> float:
    """The height (points) of a row of `lineas` lines of Arial `tamano`, in whole pixels (as Excel keeps it)."""
    return math.ceil((lineas * tamano * LINEA + 2.25) / 0.75) * 0.75


def alto_de_fila(valores: Sequence[Any], anchos: Sequence[float], tamano: float = 10, negrita: bool = False) -> float:
    """The height (points) that shows every wrapped line of `valores` in columns `anchos` (a merged cell: the sum of
    its columns), in Arial of `tamano` points."""
    lineas = max([1, *(lineas_de_texto("" if v is None else str(v), ancho_util(a), tamano, negrita)
                       for v, a in zip(valores, anchos, strict=False))])
    return alto_de_lineas(lineas, tamano)


def texto_visible(c: Any) -> str:
    """The text a cell shows: a number as its format writes it (5,040 · 18.8 · 75%), a date as dd/mm/yyyy."""
    v = c.value
    if v is None:
        return ""
    if isinstance(v, dt.date | dt.datetime):
        return "00/00/0000"
    if isinstance(v, int | float) and not isinstance(v, bool):
        formato = c.number_format or "General"
        decimales = len(formato.split(".")[1].rstrip("%")) if "." in formato else 0
        if "%" in formato:
            return f"{v * 100:,.{decimales}f}%"
        if "0" in formato:
            return f"{v:,.{decimales}f}"
        return f"{v:.10g}"
    return str(v)


class Medida:
    """The rows of a sheet measured from their cells: each cell's text as shown, in its font (size, bold), wrapped in
    its column (a merged cell in the sum of its columns), not wrapped on its own lines, or turned upright."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.utils import get_column_letter

        self.ws = ws
        self.anchos = [ws.column_dimensions[get_column_letter(j)].width or 8.43 for j in range(1, ws.max_column + 1)]
        self.tapadas: set[tuple[int, int]] = set()
        self.abarca: dict[tuple[int, int], float] = {}
        for rango in ws.merged_cells.ranges:
            for r in range(rango.min_row, rango.max_row + 1):
                for col in range(rango.min_col, rango.max_col + 1):
                    self.tapadas.add((r, col))
            self.tapadas.discard((rango.min_row, rango.min_col))
            self.abarca[(rango.min_row, rango.min_col)] = sum(self.anchos[rango.min_col - 1:rango.max_col])

    def alto(self, fila: int) -> float | None:
        """The height row `fila` needs, None if it shows nothing."""
        alto = None
        for c in self.ws[fila]:
            if c.value is None or (fila, c.column) in self.tapadas:
                continue
            texto = texto_visible(c)
            tamano = float(c.font.sz or 10) if c.font else 10.0
            negrita = bool(c.font and c.font.b)
            if c.alignment is not None and c.alignment.textRotation in (90, 180):  # upright: as tall as it is long
                largo = max(ancho_texto(linea, tamano, negrita) for linea in texto.split("\n"))
                alto = max(alto or 0.0, math.ceil((largo + 2 * RELLENO_PT) / 0.75) * 0.75)
                continue
            if c.alignment is not None and c.alignment.wrap_text:
                ancho = self.abarca.get((fila, c.column), self.anchos[c.column - 1])
                lineas = lineas_de_texto(texto, ancho_util(ancho), tamano, negrita)
            else:
                lineas = texto.count("\n") + 1
            alto = max(alto or 0.0, alto_de_lineas(lineas, tamano))
        return alto


def ajustar_altos(ws: Any, minimos: dict[int, float] | None = None) -> None:
    """Give every row of `ws` the height its cells need (at least `minimos[fila]`); an empty row keeps a height set
    (the rows under a chart) or gets one line's: every row of a document has its height, so that a page breaks where
    pni computed it would."""
    medida = Medida(ws)
    minimos = minimos or {}
    for fila in range(1, ws.max_row + 1):
        alto = medida.alto(fila)
        if alto is None:
            alto = ws.row_dimensions[fila].height or alto_de_lineas(1)
        ws.row_dimensions[fila].height = max(alto, minimos.get(fila, 0.0))


def escala(anchos: Sequence[float]) -> int:
    """The print scale (%) that fits columns `anchos` to the width of a Letter landscape page in Excel and in
    LibreOffice; never above 100 (a narrow sheet is not enlarged)."""
    return max(10, min(100, math.floor(100 * ANCHO_UTIL_PT / (sum(anchos) * PT_POR_UNIDAD_LIBREOFFICE))))


def tamano_impreso(anchos: Sequence[float], tamano: float) -> float:
    """The points at which text of `tamano` points prints on a sheet of columns `anchos` (`escala`)."""
    return tamano * escala(anchos) / 100


def paginar(ws: Any, escala_pct: int, filas_titulo: tuple[int, int] | None = None,
            juntas: Sequence[tuple[int, int]] = (), saltos: Sequence[int] = ()) -> list[int]:
    """The rows after which each page of `ws` ends, at `escala_pct`: a page holds what fits its height (less the
    repeated `filas_titulo` once the table has begun), `juntas` (first, last row) are kept on one page when they
    fit one (a title with its table's header and first row, a legend), and a page starts at each of `saltos`. Every
    row needs its height (`ajustar_altos`). The result, written as manual breaks, makes both programs break where
    pni measured."""
    cabida = ALTO_UTIL_PT * 100 / escala_pct * 0.98  # 2 % for rounding
    alto = {r: ws.row_dimensions[r].height or alto_de_lineas(1) for r in range(1, ws.max_row + 1)}
    titulo = sum(alto[r] for r in range(filas_titulo[0], filas_titulo[1] + 1)) if filas_titulo else 0.0
    hasta = {a: b for a, b in juntas}
    cortes: list[int] = []
    usado = 0.0

    def libre() -> float:
        repite = filas_titulo is not None and bool(cortes) and cortes[-1] >= filas_titulo[1]
        return cabida - (titulo if repite else 0.0) - usado

    for r in range(1, ws.max_row + 1):
        bloque = sum(alto[x] for x in range(r, min(hasta.get(r, r), ws.max_row) + 1))
        if usado and (r in saltos or (bloque > libre() and bloque <= cabida - titulo) or alto[r] > libre()):
            cortes.append(r - 1)
            usado = 0.0
        usado += alto[r]
    return cortes


def pagina_carta_horizontal(ws: Any, filas_titulo: str | None, pie: str, juntas: Sequence[tuple[int, int]] = (),
                            saltos: Sequence[int] = ()) -> None:
    """Letter landscape at the scale that fits the columns to the page's width (`escala`), narrow margins,
    `filas_titulo` («5:5») repeated at the top of every page, the page number and `pie` in the footer, and the
    page breaks of `paginar` (the rows' heights must be set)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break, RowBreak

    anchos = [ws.column_dimensions[get_column_letter(j)].width or 8.43 for j in range(1, ws.max_column + 1)]
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.page_setup.scale = escala(anchos)
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.print_options.gridLines = False
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = MARGEN_IN
    ws.page_margins.top = ws.page_margins.bottom = MARGEN_VERTICAL_IN
    ws.page_margins.header = ws.page_margins.footer = 0.3
    titulo = None
    if filas_titulo:
        ws.print_title_rows = filas_titulo
        a, b = (int(x) for x in filas_titulo.split(":"))
        titulo = (a, b)
    ws.oddFooter.left.text = pie
    ws.oddFooter.left.size = 10  # a footer scales with the sheet: 8 points or more on paper
    ws.oddFooter.right.text = "&A · página &P de &N"
    ws.oddFooter.right.size = 10
    ws.row_breaks = RowBreak()
    for fila in paginar(ws, ws.page_setup.scale, titulo, juntas, saltos):
        ws.row_breaks.append(Break(id=fila))
