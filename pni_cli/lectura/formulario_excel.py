"""Reading a filled Excel form (what `pni importar` imports) into the structure of a YAML progress file.

The workbook is checked before openpyxl opens it (a regular file, a zip, not an old .xls or an encrypted file,
decompressed size and compression ratio bounded), openpyxl must be using defusedxml (XML entity attacks refused),
and only the first rows of the form are parsed (read-only mode), so time and memory stay bounded whatever the file.
Values are read into the same structure as a YAML progress file, with a `Documento` whose positions are the cells,
so that the very same schema and checks run and every problem names its sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errores import ErrorDeUso, motivo_del_sistema
from ..formulario import (
    CELDA_FECHA,
    CELDA_REPORTADO_POR,
    COL_ESTADO,
    COL_EVIDENCIA,
    COL_OBS,
    COL_VALOR,
    FILA_ENCABEZADO,
    HOJA,
    HOJA_DATOS,
)
from ..problemas import Problema, problema
from ..texto_seguro import una_linea
from .archivos import CODIFICACION, ILEGIBLE, LIMITE, limite
from .documento import Ruta
from .estructura import MAX_CARACTERES, MAX_ELEMENTOS
from .traduccion_pydantic import CAMPO_FALTANTE, TIPO_INCORRECTO

MAX_FILAS = 5000
MAX_MIEMBROS = 10_000
# Deflate compresses XML about 5 to 20 times; a member that inflates more than this, and to more than a megabyte,
# is a compression bomb whatever the total.
MAX_RAZON = 100
_RAZON_DESDE = 1024 * 1024
# One XML part (a sheet, the shared strings, the styles) is parsed whole by openpyxl: a form's are a few hundred KB.
MAX_PARTE_XML = 10 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _max_descomprimido() -> int:
    return limite("PNI_MAX_DESCOMPRIMIDO")


@dataclass
class Lectura:
    """What was read from the workbook, and the problems found, each at a sheet and cell."""

    datos: dict[str, Any] | None = None
    posiciones: dict[Ruta, tuple[int, int]] = field(default_factory=dict)  # (row, column) of each value
    problemas: list[Problema] = field(default_factory=list)
    celdas_con_problema: set[tuple[int, int]] = field(default_factory=set)  # what the checks need not repeat


def celda(fila: int, columna: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(columna)}{fila}"


def _p(archivo: str, hoja: str, fila: int, col: int, mensaje: str, codigo: str = TIPO_INCORRECTO) -> Problema:
    """A problem at a cell. The cell is in the message; line and column stay 0 (they are not a text position)."""
    return problema(codigo, archivo, 0, 0, f"Hoja {hoja}, celda {celda(fila, col)}: {mensaje}")


def comprobar_defusedxml() -> None:
    """openpyxl parses the workbook's XML with defusedxml when it is installed (and OPENPYXL_DEFUSEDXML is not
    False), refusing entity declarations (billion laughs, external entities). Without it, nothing is read."""
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise ErrorDeUso("pni importar necesita el paquete defusedxml, que protege la lectura de libros de Excel "
                         "contra archivos con entidades XML maliciosas, y openpyxl no lo está usando (no está "
                         "instalado, o la variable OPENPYXL_DEFUSEDXML lo desactiva); instálelo (uv sync) y vuelva "
                         "a intentarlo. No se leyó el libro ni se importó nada.")


def _sin_control(texto: str, largo: int = 120) -> str:
    """A name or message from the file, safe to print on one line."""
    return una_linea(texto.strip(), largo)


def _que_ole(ruta: Path) -> str:
    """An OLE/CFB container: an encrypted .xlsx («EncryptedPackage» stream) or an old .xls («Workbook»)."""
    try:
        with open(ruta, "rb") as f:
            datos = f.read(_max_descomprimido())
    except OSError:
        datos = b""
    if "EncryptedPackage".encode("utf-16-le") in datos or "EncryptionInfo".encode("utf-16-le") in datos:
        return ("el libro está protegido con contraseña (cifrado) y no se puede leer; ábralo en Excel, quite la "
                "contraseña (Archivo → Información → Proteger libro → Cifrar con contraseña, y deje la contraseña "
                "vacía) y guárdelo como «Libro de Excel (.xlsx)»")
    if "Workbook".encode("utf-16-le") in datos or "Book".encode("utf-16-le") in datos:
        return ("es un libro .xls antiguo (Excel 97-2003), no un .xlsx; ábralo en Excel y guárdelo como «Libro de "
                "Excel (.xlsx)»")
    return ("no es un libro .xlsx: es un .xls antiguo o un libro protegido con contraseña; ábralo en Excel, quite la "
            "contraseña y guárdelo como «Libro de Excel (.xlsx)»")


def revisar_contenedor(ruta: Path, nombre: str) -> Problema | None:
    """Refuse what openpyxl should never open: not a regular file, an old .xls, an encrypted workbook, a zip that
    is not a workbook, a zip bomb (total size or ratio of a member)."""
    try:
        info = ruta.stat()
        if stat.S_ISDIR(info.st_mode):
            return problema(ILEGIBLE, nombre, 0, 0, "no se puede leer el archivo: es una carpeta, no un archivo")
        if not stat.S_ISREG(info.st_mode):  # a pipe would block for ever, /dev/zero never ends
            return problema(ILEGIBLE, nombre, 0, 0, "no se puede leer el archivo: no es un archivo normal (¿una "
                                                    "tubería o un dispositivo?)")
        if info.st_size > _max_descomprimido():
            return problema(LIMITE, nombre, 0, 0, f"el archivo pesa {info.st_size:,} bytes (máximo "
                                                    f"{_max_descomprimido():,}); no se abre. Si es legítimo, suba el "
                                                    "límite con la variable de entorno PNI_MAX_DESCOMPRIMIDO")
        with open(ruta, "rb") as f:
            cabeza = f.read(8)
    except OSError as e:
        motivo = {errno.ENOENT: "no existe", errno.EACCES: "no tiene permiso de lectura"}.get(
            e.errno or 0) or motivo_del_sistema(e)
        return problema(ILEGIBLE, nombre, 0, 0, f"no se puede leer el archivo: {motivo}")
    if cabeza.startswith(_OLE):
        return problema(CODIFICACION, nombre, 0, 0, _que_ole(ruta))
    if not zipfile.is_zipfile(ruta):
        return problema(CODIFICACION, nombre, 0, 0, "no es un libro de Excel .xlsx (no tiene el formato zip de .xlsx); "
                                                "guárdelo desde Excel como «Libro de Excel (.xlsx)»")
    try:
        with zipfile.ZipFile(ruta) as z:
            miembros = z.infolist()
    except Exception as e:  # BadZipFile, OSError, and whatever a forged central directory provokes
        return problema(CODIFICACION, nombre, 0, 0, f"el archivo .xlsx está dañado ({_sin_control(str(e))}); vuelva a "
                                                "guardarlo desde Excel")
    if len(miembros) > MAX_MIEMBROS:
        return problema(LIMITE, nombre, 0, 0, f"el zip contiene {len(miembros):,} archivos (máximo "
                                                f"{MAX_MIEMBROS:,}); no es un formulario de pni y no se abre")
    total = sum(i.file_size for i in miembros)
    if total > _max_descomprimido():
        return problema(LIMITE, nombre, 0, 0, f"el libro descomprimido ocuparía {total:,} bytes (máximo "
                                              f"{_max_descomprimido():,}); no se abre. Si es legítimo, suba el "
                                              "límite con la variable de entorno PNI_MAX_DESCOMPRIMIDO")
    for i in miembros:
        if i.file_size > _RAZON_DESDE and i.file_size > MAX_RAZON * max(i.compress_size, 1):
            return problema(LIMITE, nombre, 0, 0, f"«{_sin_control(i.filename)}» se descomprime a "
                                                    f"{i.file_size:,} bytes desde {i.compress_size:,} (más de "
                                                    f"{MAX_RAZON} veces su tamaño): parece una bomba de "
                                                    "compresión; no se abre")
        if i.file_size > MAX_PARTE_XML and i.filename.lower().endswith((".xml", ".rels")):
            return problema(LIMITE, nombre, 0, 0, f"la parte «{_sin_control(i.filename)}» del libro ocuparía "
                                                    f"{i.file_size:,} bytes descomprimida (máximo {MAX_PARTE_XML:,}); "
                                                    "un formulario de pni no se acerca a eso; no se abre")
        if i.flag_bits & 0x1:
            return problema(CODIFICACION, nombre, 0, 0, "el zip está protegido con contraseña; guárdelo desde Excel "
                                                    "como «Libro de Excel (.xlsx)» sin contraseña")
    if "xl/workbook.xml" not in {i.filename for i in miembros}:
        return problema(CODIFICACION, nombre, 0, 0, "el archivo es un zip pero no un libro de Excel")
    return None


def _libro_ilegible(e: BaseException, nombre: str) -> Problema:
    """openpyxl's many exceptions on a damaged or hostile workbook, as one Spanish line."""
    cadena: list[BaseException] = []
    actual: BaseException | None = e
    while actual is not None and len(cadena) < 10:
        cadena.append(actual)
        actual = actual.__cause__ or actual.__context__
    if any(type(x).__module__.startswith("defusedxml") for x in cadena):
        return problema(CODIFICACION, nombre, 0, 0, "no se pudo abrir el libro: contiene declaraciones XML (DTD o "
                                                "entidades) que Excel nunca escribe; por seguridad no se lee. "
                                                "Guárdelo de nuevo desde Excel")
    if any(isinstance(x, zipfile.BadZipFile | EOFError | zlib.error) for x in cadena):
        return problema(CODIFICACION, nombre, 0, 0, f"no se pudo abrir el libro: el archivo .xlsx está dañado "
                                                f"({_sin_control(str(cadena[-1]))}); vuelva a guardarlo desde Excel")
    detalle = _sin_control(str(cadena[-1]).split("\n")[0]) or type(cadena[-1]).__name__
    return problema(CODIFICACION, nombre, 0, 0, f"no se pudo abrir el libro: está dañado o no es un libro de Excel "
                                            f"válido ({type(cadena[-1]).__name__}: {detalle})")


def _numero(v: Any, formato: str) -> Any:
    """A cell's value as the number the user meant, or the original when it is not a number."""
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        if "%" in formato:
            v = round(v * 100, 6)
        return int(v) if float(v).is_integer() else v
    if isinstance(v, str):
        t = v.strip().replace("\u00a0", "").replace(" ", "")
        if not t.isascii():
            return v  # «１２» or «٣»: float() would read any script's digits; only ASCII digits are a number
        m = re.fullmatch(r"(-?[0-9]+(?:[.,][0-9]+)?)%", t)
        if m:
            f = float(m.group(1).replace(",", "."))
            return int(f) if f.is_integer() else f
        if re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", t):
            t = t.replace(",", "")
        elif re.fullmatch(r"-?[0-9]+,[0-9]+", t):
            t = t.replace(",", ".")
        try:
            f = float(t)
        except ValueError:
            return v
        return int(f) if f.is_integer() else f
    return v


def _fecha(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, int | float) and not isinstance(v, bool) and 20000 < v < 80000:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))  # Excel serial date
    if isinstance(v, str) and v.strip().isascii():  # strptime would read any script's digits
        t = v.strip()
        for patron in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y"):
            try:
                return dt.datetime.strptime(t, patron).date()
            except ValueError:
                continue
    return v


@dataclass
class _Libro:
    """What is read from the workbook: its sheet names, the hidden sheet's pairs, and the first rows of the form
    twice (cached values, and formulas), as tuples of read-only cells."""

    hojas: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    valores: list[tuple[Any, ...]] = field(default_factory=list)
    formulas: list[tuple[Any, ...]] = field(default_factory=list)


def _leer_libro(ruta: Path) -> _Libro:
    """Open the workbook in read-only mode (rows are parsed as they are read, and reading stops after the form's
    last possible row), from an open file so that the extension does not matter. May raise anything."""
    import warnings

    from openpyxl import load_workbook

    from ..openpyxl_privado import formulas_del_mismo_libro

    hasta = FILA_ENCABEZADO + MAX_FILAS + 1
    abiertos: list[Any] = []
    with open(ruta, "rb") as archivo, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            valores = load_workbook(archivo, read_only=True, data_only=True, keep_links=False)
            abiertos.append(valores)
            libro = _Libro(list(valores.sheetnames))
            if HOJA not in libro.hojas or HOJA_DATOS not in libro.hojas:
                return libro
            libro.meta = {str(r[0].value): r[1].value
                          for r in valores[HOJA_DATOS].iter_rows(min_row=1, max_row=10, max_col=2)
                          if r[0].value is not None}
            libro.valores = list(valores[HOJA].iter_rows(min_row=1, max_row=hasta, max_col=COL_OBS))
            formulas = formulas_del_mismo_libro(valores)
            if formulas is None:  # pragma: no cover - another openpyxl
                archivo.seek(0)
                formulas = load_workbook(archivo, read_only=True, data_only=False, keep_links=False)
                abiertos.append(formulas)
            libro.formulas = list(formulas[HOJA].iter_rows(min_row=1, max_row=hasta, max_col=COL_OBS))
            return libro
        finally:
            for wb in abiertos:
                wb.close()


def leer(ruta: Path, nombre: str) -> Lectura:
    from openpyxl.cell.read_only import EMPTY_CELL
    from openpyxl.utils.cell import coordinate_to_tuple

    comprobar_defusedxml()
    lec = Lectura()
    malo = revisar_contenedor(ruta, nombre)
    if malo is not None:
        lec.problemas.append(malo)
        return lec
    try:
        libro = _leer_libro(ruta)
    except Exception as e:  # openpyxl raises many kinds on damaged files
        lec.problemas.append(_libro_ilegible(e, nombre))
        return lec
    if HOJA not in libro.hojas:
        lec.problemas.append(problema(CAMPO_FALTANTE, nombre, 0, 0,
                                      f"no se encontró la hoja «{HOJA}» (¿se renombró?); hojas del libro: "
                                      f"{_sin_control(', '.join(libro.hojas), 300)}. Use la plantilla de "
                                      "«pni plantilla»."))
        return lec
    if HOJA_DATOS not in libro.hojas:
        lec.problemas.append(problema(CAMPO_FALTANTE, nombre, 0, 0,
                                      f"falta la hoja oculta «{HOJA_DATOS}» con el periodo y la institución; el libro "
                                      "no viene de «pni plantilla» o se modificó. Genere una plantilla nueva."))
        return lec
    meta = libro.meta

    def cel(filas: list[tuple[Any, ...]], fila: int, col: int) -> Any:
        return filas[fila - 1][col - 1] if fila <= len(filas) and col <= len(filas[fila - 1]) else EMPTY_CELL

    def valor(fila: int, col: int) -> Any:
        c = cel(libro.valores, fila, col)
        f = cel(libro.formulas, fila, col)
        if f.data_type == "f" and c.value is None:
            lec.celdas_con_problema.add((fila, col))
            lec.problemas.append(_p(nombre, HOJA, fila, col, "contiene una fórmula sin valor calculado; ábrala en "
                                                             "Excel y guárdela, o escriba el valor directamente"))
            return None
        if c.data_type == "e":
            lec.celdas_con_problema.add((fila, col))
            lec.problemas.append(_p(nombre, HOJA, fila, col, f"la celda muestra el error de Excel "
                                                             f"«{_sin_control(str(c.value), 20)}»; corrija la "
                                                             "fórmula o escriba el valor directamente"))
            return None
        return c.value

    datos: dict[str, Any] = {"periodo": meta.get("periodo"), "institucion": meta.get("institucion")}
    lec.posiciones[("periodo",)] = (3, 3)
    lec.posiciones[("institucion",)] = (2, 3)
    fila_f, col_f = coordinate_to_tuple(CELDA_FECHA)
    datos["fecha_reporte"] = _fecha(valor(fila_f, col_f))
    lec.posiciones[("fecha_reporte",)] = (fila_f, col_f)
    fila_r, col_r = coordinate_to_tuple(CELDA_REPORTADO_POR)
    por = valor(fila_r, col_r)
    if por not in (None, "") and len(str(por)) > MAX_CARACTERES:
        lec.problemas.append(_p(nombre, HOJA, fila_r, col_r, f"un texto de {len(str(por)):,} caracteres, y el máximo "
                                                            f"es {MAX_CARACTERES:,}", LIMITE))
    elif por not in (None, ""):
        datos["reportado_por"] = str(por).strip()
        lec.posiciones[("reportado_por",)] = (fila_r, col_r)
    reportes: list[dict[str, Any]] = []
    filas = len(libro.valores)
    ultima = min(filas, FILA_ENCABEZADO + MAX_FILAS)
    for fila in range(FILA_ENCABEZADO + 1, ultima + 1):
        ident = cel(libro.valores, fila, 1).value
        v = valor(fila, COL_VALOR)
        est = valor(fila, COL_ESTADO)
        evid = valor(fila, COL_EVIDENCIA)
        obs = valor(fila, COL_OBS)
        if ident in (None, "") and all(x in (None, "") for x in (v, est, evid, obs)):
            continue
        if v in (None, "") and all(x in (None, "") for x in (est, evid, obs)):
            continue  # an indicator left empty: not reported
        if len(reportes) == MAX_ELEMENTOS:  # the bound a progress file has (pni_cli/lectura/estructura.py)
            lec.problemas.append(_p(nombre, HOJA, fila, 1, f"más de {MAX_ELEMENTOS:,} reportes; un archivo de avance "
                                                          "tiene uno por indicador del plan", LIMITE))
            break
        largos = [(c, x) for c, x in ((COL_EVIDENCIA, evid), (COL_OBS, obs)) if len(str(x or "")) > MAX_CARACTERES]
        if largos:
            c, x = largos[0]
            lec.problemas.append(_p(nombre, HOJA, fila, c, f"un texto de {len(str(x)):,} caracteres, y el máximo es "
                                                          f"{MAX_CARACTERES:,}: resúmalo o remita a un documento en "
                                                          "«evidencia»", LIMITE))
            continue
        i = len(reportes)
        base: Ruta = ("reportes", i)
        lec.posiciones[base] = (fila, 1)
        lec.posiciones[(*base, "indicador")] = (fila, 1)
        lec.posiciones[(*base, "valor")] = (fila, COL_VALOR)
        lec.posiciones[(*base, "estado")] = (fila, COL_ESTADO)
        lec.posiciones[(*base, "evidencia")] = (fila, COL_EVIDENCIA)
        lec.posiciones[(*base, "observaciones")] = (fila, COL_OBS)
        rep: dict[str, Any] = {"indicador": str(ident).strip() if ident is not None else None,
                               "valor": _numero(v, cel(libro.valores, fila, COL_VALOR).number_format or "")}
        if est not in (None, ""):
            rep["estado"] = str(est).strip().lower().replace(" ", "_")
        if evid not in (None, ""):
            rep["evidencia"] = [e.strip() for e in re.split(r"[\n;]+", str(evid)) if e.strip()]
        if obs not in (None, ""):
            rep["observaciones"] = str(obs).strip()
        reportes.append(rep)
    if filas > ultima:
        lec.problemas.append(_p(nombre, HOJA, ultima + 1, 1, f"demasiadas filas (más de {MAX_FILAS})", LIMITE))
    datos["reportes"] = reportes
    lec.datos = datos
    return lec
