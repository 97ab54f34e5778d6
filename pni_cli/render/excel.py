"""What every workbook pni writes shares: cells written safely, styles applied fast, row heights that show wrapped
text, and a zip dated by the data, not by the clock (the same data give the same bytes)."""

from __future__ import annotations

import datetime as dt
import io
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
