"""Reading a filled Excel form (what `pni importar` imports) into the structure of a YAML progress file, or every
reason it cannot be read, at once, by sheet and cell.

The workbook is checked before anything parses it (a regular file, a zip, not an old .xls, an encrypted file or a
LibreOffice .ods, decompressed size and compression ratio bounded), then its parts are read with defusedxml and
cross-checked (pni_cli/lectura/libro_xlsx.py: shared strings, styles, dimensions — an inconsistency is an error,
not a guess). Then the form itself: the hidden `_pni` sheet must name the form, its version, and the institution
and period of the visible header (C2, C3), which alone choose where the import goes; every protected cell (the
indicator's id, activity, text, meta, what to report) must say what `pni plantilla` wrote for that institution and
semester (pni_cli/formulario.py), so that a swapped or edited row is found and named; no merged cell may cover a
cell to fill. Each value is read as the person meant it or refused with the fix: a count is a whole number
(«1.250» → ¿1250?), a percent sign or format only where a percentage is asked, no NaN, infinity or text.

What passes is handed on as the data of a progress file with a `Documento` whose positions are the cells, so that
the very same schema and checks as `pni validar` run on it; a cell already refused here is left out of that data
(and its problem not repeated), so one run reports every problem of the form.
"""

from __future__ import annotations

import datetime as dt
import errno
import math
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import formulario as fm
from ..errores import ErrorDeUso, motivo_del_sistema
from ..modelos import MAX_NARRATIVA
from ..periodos import Semestre
from ..plan import Plan
from ..problemas import Problema, problema
from ..texto_seguro import celda_excel, una_linea
from .archivos import CODIFICACION, ILEGIBLE, LIMITE, limite
from .documento import Ruta
from .escalares import pista_cifras
from .estructura import MAX_CARACTERES
from .libro_xlsx import Celda, Libro, LibroInvalido
from .traduccion_pydantic import CAMPO_FALTANTE, TIPO_INCORRECTO, VALOR_INVALIDO

# The problem codes this module owns (the form's own: the schema's and the checks' codes come from their owners)
FORMULARIO_ALTERADO = "PNI401"
ENCABEZADO = "PNI402"
CELDAS_COMBINADAS = "PNI403"
LIBRO_INCONSISTENTE = "PNI404"
CONTEO_CON_DECIMALES = "PNI405"
PORCENTAJE_FUERA_DE_LUGAR = "PNI406"
CODIGOS = frozenset({FORMULARIO_ALTERADO, ENCABEZADO, CELDAS_COMBINADAS, LIBRO_INCONSISTENTE, CONTEO_CON_DECIMALES,
                     PORCENTAJE_FUERA_DE_LUGAR})

MAX_FILAS = 5000
MAX_INCONSISTENCIAS = 10  # listed one by one; past them, how many more
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
    """What was read from the workbook: the data of a progress file (None when the form could not be read), the
    position of each value (`lugar`: the line is the row in Avances, the row plus DESPLAZAMIENTO_ACT in
    Actividades), the problems found, each at a sheet and cell, the cells whose problem the checks need not repeat,
    and, once the header is known, the institution, the semester and the owed indicators left empty."""

    datos: dict[str, Any] | None = None
    posiciones: dict[Ruta, tuple[int, int]] = field(default_factory=dict)
    problemas: list[Problema] = field(default_factory=list)
    celdas_con_problema: set[tuple[int, int]] = field(default_factory=set)
    institucion: str | None = None
    semestre: Semestre | None = None
    debidos: list[str] = field(default_factory=list)
    vacios: list[str] = field(default_factory=list)


def celda(fila: int, columna: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(columna)}{fila}"


def lugar(linea: int, columna: int) -> tuple[str, int, int]:
    """A position of the form's Documento as (sheet, row, column)."""
    if linea > fm.DESPLAZAMIENTO_ACT:
        return fm.HOJA_ACTIVIDADES, linea - fm.DESPLAZAMIENTO_ACT, columna
    return fm.HOJA, linea, columna


def posicion(hoja: str, fila: int, col: int) -> tuple[int, int]:
    return (fila + fm.DESPLAZAMIENTO_ACT if hoja == fm.HOJA_ACTIVIDADES else fila), col


def campo(hoja: str, fila: int, col: int) -> str:
    """The Spanish name of a cell of the form, for messages («Valor», «Evidencia», «Fecha de entrega»)."""
    if hoja == fm.HOJA:
        especiales = {fm.CELDA_INSTITUCION: "Institución", fm.CELDA_PERIODO: "Periodo",
                      fm.CELDA_FECHA: "Fecha de entrega", fm.CELDA_REPORTADO_POR: "Reportado por"}
        if (fila, col) in especiales:
            return especiales[(fila, col)]
        if fila >= fm.FILA_ENCABEZADO and 1 <= col <= fm.ULTIMA_COL:
            return fm.COLUMNAS[col - 1].campo
    elif hoja == fm.HOJA_ACTIVIDADES and fila >= fm.FILA_ENCABEZADO_ACT and 1 <= col <= len(fm.COLUMNAS_ACT):
        return fm.COLUMNAS_ACT[col - 1].campo
    return ""


def en_celda(hoja: str, fila: int, col: int, mensaje: str) -> str:
    """«Hoja Avances, celda F9 (Valor): …»: where a problem is, in a form's words."""
    nombre = campo(hoja, fila, col) if col else ""
    donde = f"celda {celda(fila, col)}" if col else f"fila {fila}"
    return f"Hoja {hoja}, {donde}{f' ({nombre})' if nombre else ''}: {mensaje}"


def _p(archivo: str, hoja: str, fila: int, col: int, mensaje: str, codigo: str = TIPO_INCORRECTO) -> Problema:
    """A problem at a cell. The cell is in the message; line and column stay 0 (they are not a text position)."""
    return problema(codigo, archivo, 0, 0, en_celda(hoja, fila, col, mensaje))


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
            tipo = z.read("mimetype")[:200] if "mimetype" in z.namelist() and z.getinfo("mimetype").file_size < 200 \
                else b""
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
    nombres = {i.filename for i in miembros}
    if "xl/workbook.xml" not in nombres:
        if b"opendocument.spreadsheet" in tipo:
            return problema(CODIFICACION, nombre, 0, 0, _ODS)
        if b"opendocument" in tipo:
            return problema(CODIFICACION, nombre, 0, 0, "es un documento de LibreOffice u OpenOffice que no es una "
                                                    "hoja de cálculo; importe el formulario de Excel (.xlsx) que "
                                                    "envió el Mecanismo")
        return problema(CODIFICACION, nombre, 0, 0, "el archivo es un zip pero no un libro de Excel (.xlsx); "
                                                "ábralo en Excel o LibreOffice y guárdelo como «Libro de Excel "
                                                "(.xlsx)»")
    return None


# pni reads .xlsx only: no library reads .ods as safely and as exactly as the form needs (merged cells, styles,
# shared texts cross-checked), and LibreOffice saves a faithful .xlsx in four clicks.
_ODS = ("es una hoja de cálculo de LibreOffice u OpenOffice (.ods), no un libro de Excel (.xlsx); pni lee solo "
        ".xlsx. Ábrala en LibreOffice Calc y elija Archivo → Guardar como…; en «Tipo de archivo» (abajo) elija "
        "«Excel 2007-365 (.xlsx)», pulse Guardar y, cuando pregunte por el formato, «Usar el formato Excel "
        "2007-365!». Luego importe el archivo .xlsx")


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


# --- values, as the person meant them ---------------------------------------------------------------------------

_SIN_DATO = {"-", "--", "—", "–", "n/a", "na", "nd", "n/d", "s/d", "sd", "sin dato", "sin datos", "no aplica", "x",
             "?"}
_NO_NUMEROS = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "-infinity", "infinito", "-infinito"}
_RE_MILES_COMA = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_RE_MILES_PUNTO = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3}){2,}|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+")
_RE_MILES_ESPACIO = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
_RE_PUNTO_DE_MILES = re.compile(r"[0-9]{1,3}\.[0-9]{3}")


@dataclass(frozen=True)
class Numero:
    """A cell read as a number: the value, whether it was a percentage (a «%» or a percent format), and the text the
    person typed when it was text (for the messages)."""

    valor: float | int
    porcentaje: bool = False
    texto: str | None = None


def es_formato_porcentaje(formato: str) -> bool:
    """A number format that shows a percentage («0%», «0.0 %»), not one that only quotes a «%» sign as text."""
    return "%" in re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", formato)


def _num(x: float | int) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}" if abs(x) >= 1e-4 else repr(x)


def leer_numero(v: Any, formato: str) -> Numero | str:
    """A cell's value as a number, or why it is not one (a Spanish sentence with the fix). Text is read by El
    Salvador's convention (point decimal, comma thousands: «5,000» is 5000, «1.5» is one and a half), plus the
    unambiguous European forms («1.250.000», «1.250,5») and the decimal comma when it cannot be thousands
    («12,5»)."""
    if isinstance(v, bool):
        return "se esperaba un número y la celda tiene VERDADERO o FALSO"
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return ("la celda tiene formato de fecha; cámbielo a «General» o «Número» (Inicio → Formato de número) y "
                "escriba el número")
    if isinstance(v, int | float):
        if not math.isfinite(v):
            return "la celda no tiene un número válido (infinito o NaN); escriba el número"
        if es_formato_porcentaje(formato):
            return Numero(_entero_si_es(round(v * 100, 9)), porcentaje=True)
        return Numero(_entero_si_es(v))
    texto = str(v)
    t = " ".join(texto.replace("\u00a0", " ").replace("\u202f", " ").split())
    baja = t.lower()
    if baja in _NO_NUMEROS:
        return f"«{texto.strip()}» no es un número; escriba el número, o deje la celda vacía si no hay dato"
    if baja in _SIN_DATO:
        return f"«{texto.strip()}» no es un número; si no hay dato, deje vacía toda la fila del indicador"
    porcentaje = t.endswith("%")
    cuerpo = t.rstrip("%").strip() if porcentaje else t
    signo = -1 if cuerpo.startswith("-") else 1
    cuerpo = cuerpo.lstrip("+-").strip()
    valor: float | int | None = None
    if cuerpo.isascii():
        if re.fullmatch(r"[0-9]+", cuerpo):
            valor = int(cuerpo)
        elif _RE_MILES_COMA.fullmatch(cuerpo):
            valor = _entero_si_es(float(cuerpo.replace(",", "")))
        elif _RE_MILES_PUNTO.fullmatch(cuerpo):
            valor = _entero_si_es(float(cuerpo.replace(".", "").replace(",", ".")))
        elif _RE_MILES_ESPACIO.fullmatch(cuerpo):
            valor = int(cuerpo.replace(" ", ""))
        elif re.fullmatch(r"[0-9]*\.[0-9]+", cuerpo):
            valor = _entero_si_es(float(cuerpo))
        elif re.fullmatch(r"[0-9]+,[0-9]+", cuerpo):
            valor = _entero_si_es(float(cuerpo.replace(",", ".")))
    if valor is None:
        return f"se esperaba un número y se encontró el texto «{texto.strip()}»{_pista_texto(cuerpo)}"
    return Numero(signo * valor, porcentaje=porcentaje, texto=texto.strip())


def _pista_texto(t: str) -> str:
    if re.fullmatch(r"[0-9.,]+[eE][-+]?[0-9]+", t):
        return "; escriba el número completo, sin exponente"
    m = re.match(r"[0-9][0-9.,]*", t)
    if m and t[m.end():].strip():
        return (f"; escriba solo el número ({m.group()}), sin unidades: la unidad ya está en «Qué informar» y las "
                "aclaraciones van en «Observaciones»")
    if not t.isascii():
        return pista_cifras(t) or "; escriba el número con cifras 0-9"
    return ""


def _entero_si_es(x: float | int) -> float | int:
    return int(x) if isinstance(x, float) and x.is_integer() and abs(x) < 2**53 else x


def valor_de_indicador(n: Numero, tipo: str, unidad: str | None) -> tuple[float | int | None, tuple[str, str] | None]:
    """The number read, checked against what the meta asks: a percentage only for a percentage or a milestone, a
    whole number for a count. The ranges (negative, above 100, above 10^12) are the checks' (the same as `pni
    validar`)."""
    cosa = f"un conteo ({unidad})" if tipo == "conteo" and unidad else {
        "conteo": "un conteo", "promedio": "un promedio"}.get(tipo, "un valor")
    if n.porcentaje and tipo not in ("porcentaje", "hito"):
        como = f"«{n.texto}» lleva el signo «%»" if n.texto is not None else (
            f"la celda tiene formato de porcentaje (muestra {_num(n.valor)} %, y guarda {_num(n.valor / 100)})")
        return None, (PORCENTAJE_FUERA_DE_LUGAR, f"{como}, pero este indicador es {cosa}, no un porcentaje; escriba "
                                                 "la cantidad sin «%» y con formato «General» o «Número»")
    if tipo == "conteo" and not float(n.valor).is_integer():
        return None, (CONTEO_CON_DECIMALES, f"{_visto(n)} no es un número entero, y este indicador es {cosa}"
                                            f"{_lectura_probable(n)}")
    return n.valor, None


def _visto(n: Numero) -> str:
    return f"«{n.texto}»" if n.texto is not None else _num(n.valor)


def _lectura_probable(n: Numero) -> str:
    """For a fractional count: the whole number the person most likely meant (the point as a thousands separator)."""
    if n.texto is not None and _RE_PUNTO_DE_MILES.fullmatch(n.texto.lstrip("+-")):
        entero = n.texto.replace(".", "")
        return f": {n.texto} → ¿{entero}? Escriba {entero}, sin separador de miles"
    mil = round(n.valor * 1000, 6)
    if n.texto is None and mil.is_integer() and abs(n.valor) < 1000:
        return (f": {n.valor:.3f} → ¿{int(mil)}? Si el punto separaba los miles, escriba {int(mil)}, sin separador; "
                "si no, un número entero")
    return "; escriba un número entero"


def leer_fecha(c: Celda | None, fecha_1904: bool, ejemplo: str = "14/01/2027") -> dt.date | str | None:
    """The date of delivery: a date cell, a serial number, or text written day/month/year or AAAA-MM-DD. `ejemplo`
    is the date the messages give as an example (the form's deadline)."""
    from openpyxl.styles.numbers import is_date_format
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    if c is None or c.valor is None or (isinstance(c.valor, str) and not c.valor.strip()):
        return None
    v = c.valor
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, int | float) and not isinstance(v, bool):
        if math.isfinite(v) and (is_date_format(c.formato) or 20000 < v < 80000):
            try:
                fecha = from_excel(v, CALENDAR_MAC_1904 if fecha_1904 else CALENDAR_WINDOWS_1900)
            except (ValueError, OverflowError):
                fecha = None
            if isinstance(fecha, dt.datetime):
                return fecha.date()
            if isinstance(fecha, dt.date):
                return fecha
        return f"{_num(v)} no es una fecha; escriba la fecha de entrega día/mes/año, p. ej. {ejemplo}"
    t = str(v).strip()
    if t.isascii():  # strptime would read any script's digits
        for patron in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%Y"):
            try:
                return dt.datetime.strptime(t, patron).date()
            except ValueError:
                continue
    m = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", t)
    if m and int(m[1]) <= 12 < int(m[2]) <= 31:  # month/day/year, as an English Excel writes it
        return (f"«{t}» no es una fecha día/mes/año (no hay mes {int(m[2])}): ¿es mes/día/año? Escríbala "
                f"{int(m[2]):02d}/{int(m[1]):02d}/{m[3]}")
    return f"«{t}» no es una fecha; escríbala día/mes/año, p. ej. {ejemplo} (o AAAA-MM-DD)"


def texto_de(c: Celda | None) -> str | None:
    """A text cell (or a number, written as text) as the person wrote it: control characters removed, lines kept."""
    if c is None or c.valor is None:
        return None
    v = c.valor
    if isinstance(v, bool):
        t = "VERDADERO" if v else "FALSO"
    elif isinstance(v, float):
        t = _num(v) if math.isfinite(v) else ""
    elif isinstance(v, dt.datetime):
        t = v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    else:
        t = str(v)
    limpio = celda_excel(t)
    assert isinstance(limpio, str)
    limpio = "\n".join(linea.rstrip() for linea in limpio.replace("\t", " ").split("\n")).strip()
    return limpio or None


# --- the form ----------------------------------------------------------------------------------------------------

@dataclass
class _Contexto:
    """What reading one form needs at hand: the file's name, the problems so far, and the cells already refused."""

    nombre: str
    lec: Lectura
    fecha_1904: bool = False

    def mal(self, hoja: str, fila: int, col: int, mensaje: str, codigo: str = TIPO_INCORRECTO) -> None:
        self.lec.problemas.append(_p(self.nombre, hoja, fila, col, mensaje, codigo))
        self.lec.celdas_con_problema.add(posicion(hoja, fila, col))

    def del_archivo(self, mensaje: str, codigo: str) -> None:
        self.lec.problemas.append(problema(codigo, self.nombre, 0, 0, mensaje))


def _valor_de(ctx: _Contexto, hoja: str, celdas: dict[tuple[int, int], Celda], fila: int, col: int) -> Any:
    """A cell's value, or None with a problem for a formula Excel did not compute or an error such as #DIV/0!."""
    c = celdas.get((fila, col))
    if c is None:
        return None
    if c.formula and c.valor is None:
        ctx.mal(hoja, fila, col, "contiene una fórmula sin valor calculado; ábrala en Excel y guárdela, o escriba el "
                                 "valor directamente")
        return None
    if c.tipo == "e":
        ctx.mal(hoja, fila, col, f"la celda muestra el error de Excel «{_sin_control(str(c.valor), 20)}»; corrija la "
                                 "fórmula o escriba el valor directamente")
        return None
    if isinstance(c.valor, str) and not c.valor.strip():
        return None
    return c.valor


def leer(ruta: Path, nombre: str, plan: Plan) -> Lectura:
    """Read the form at `ruta` (named `nombre` in messages) against `plan`. Never raises for what the file holds."""
    comprobar_defusedxml()
    lec = Lectura()
    malo = revisar_contenedor(ruta, nombre)
    if malo is not None:
        lec.problemas.append(malo)
        return lec
    from . import libro_xlsx

    try:
        with open(ruta, "rb") as f, zipfile.ZipFile(f) as z:
            libro = libro_xlsx.leer(z, (fm.HOJA, fm.HOJA_ACTIVIDADES, fm.HOJA_DATOS),
                                    fm.FILA_ENCABEZADO + MAX_FILAS)
    except LibroInvalido as e:
        lec.problemas.append(problema(CODIFICACION, nombre, 0, 0, f"no se pudo abrir el libro: {e}; vuelva a "
                                                                  "guardarlo como «Libro de Excel (.xlsx)»"))
        return lec
    except Exception as e:  # zipfile, zlib and defusedxml raise many kinds on damaged or hostile files
        lec.problemas.append(_libro_ilegible(e, nombre))
        return lec
    ctx = _Contexto(nombre, lec, libro.fecha_1904)
    if not _estructura(ctx, libro):
        return lec
    oculta = libro.leidas[fm.HOJA_DATOS].celdas
    meta = {texto_de(c): (oculta[(f, 2)].valor if (f, 2) in oculta else None)
            for (f, col), c in oculta.items() if col == 1 and f <= 10}
    avances = libro.leidas[fm.HOJA].celdas
    encabezado = _encabezado(ctx, plan, meta, avances)
    if encabezado is None:
        return lec
    clave, sem = encabezado
    lec.institucion, lec.semestre = clave, sem
    esperadas = fm.filas(plan, clave, sem)
    lec.debidos = [f.debido.indicador.id for f in esperadas]
    acts = fm.filas_actividades(plan, clave, sem)
    if not _encabezados_de_columna(ctx, libro):
        return lec
    _combinadas(ctx, libro, esperadas, acts)
    datos: dict[str, Any] = {"periodo": str(sem), "institucion": clave}
    lec.posiciones[("periodo",)] = posicion(fm.HOJA, *fm.CELDA_PERIODO)
    lec.posiciones[("institucion",)] = posicion(fm.HOJA, *fm.CELDA_INSTITUCION)
    plazo = f"{sem.vencimiento(plan.general.plazo_dias):%d/%m/%Y}"
    fecha = leer_fecha(_celda_valida(ctx, fm.HOJA, avances, *fm.CELDA_FECHA), ctx.fecha_1904, plazo)
    lec.posiciones[("fecha_reporte",)] = posicion(fm.HOJA, *fm.CELDA_FECHA)
    if not isinstance(fecha, dt.date):
        if posicion(fm.HOJA, *fm.CELDA_FECHA) not in lec.celdas_con_problema:
            ctx.mal(fm.HOJA, *fm.CELDA_FECHA, fecha or "falta la fecha de entrega; escríbala día/mes/año, p. ej. "
                                                       f"{plazo}",
                    TIPO_INCORRECTO if fecha else CAMPO_FALTANTE)
        # the checks still run on the rest: the semester's last day is a date none of them refuses
        lec.celdas_con_problema.add(posicion(fm.HOJA, *fm.CELDA_FECHA))
        fecha = sem.fin
    datos["fecha_reporte"] = fecha
    por = texto_de(_celda_valida(ctx, fm.HOJA, avances, *fm.CELDA_REPORTADO_POR))
    if por and len(por) > MAX_CARACTERES:
        ctx.mal(fm.HOJA, *fm.CELDA_REPORTADO_POR, _largo(por), LIMITE)
    elif por:
        datos["reportado_por"] = " ".join(por.split())
        lec.posiciones[("reportado_por",)] = posicion(fm.HOJA, *fm.CELDA_REPORTADO_POR)
    celdas_act = libro.leidas[fm.HOJA_ACTIVIDADES].celdas
    tablas = ((fm.HOJA, avances, [(f.fila, f.debido.indicador.id) for f in esperadas],
               ("del indicador", "de los indicadores")),
              (fm.HOJA_ACTIVIDADES, celdas_act, [(a.fila, a.actividad.id) for a in acts],
               ("de la actividad", "de las actividades")))
    movidas = {hoja for hoja, celdas, filas_, que in tablas if _filas_movidas(ctx, hoja, celdas, filas_, que)}
    datos["reportes"] = [] if fm.HOJA in movidas else _reportes(ctx, avances, esperadas)
    narrativa = [] if fm.HOJA_ACTIVIDADES in movidas else _narrativa(ctx, celdas_act, acts)
    if narrativa:
        datos["actividades"] = narrativa
    _fuera_del_formulario(ctx, libro, esperadas, acts, movidas)
    lec.datos = datos
    return lec


def _celda_valida(ctx: _Contexto, hoja: str, celdas: dict[tuple[int, int], Celda], fila: int, col: int
                  ) -> Celda | None:
    v = _valor_de(ctx, hoja, celdas, fila, col)
    c = celdas.get((fila, col))
    return None if v is None or c is None else Celda(v, c.tipo, c.formato, c.formula)


def _estructura(ctx: _Contexto, libro: Libro) -> bool:
    """The sheets of a form, a consistent workbook, and no more rows than a form has."""
    if fm.HOJA not in libro.hojas:
        ctx.del_archivo(f"no se encontró la hoja «{fm.HOJA}» (¿se renombró?); hojas del libro: "
                        f"{_sin_control(', '.join(libro.hojas), 300)}. {_renombrar(libro, fm.HOJA)}", CAMPO_FALTANTE)
        return False
    if fm.HOJA_DATOS not in libro.hojas:
        ctx.del_archivo(f"falta la hoja oculta «{fm.HOJA_DATOS}» con el periodo y la institución; el libro no viene "
                        "de «pni plantilla» o se modificó. Genere una plantilla nueva.", CAMPO_FALTANTE)
        return False
    if fm.HOJA in libro.leidas:
        limite_filas = fm.FILA_ENCABEZADO + MAX_FILAS
        if libro.leidas[fm.HOJA].ultima_fila > limite_filas:
            ctx.mal(fm.HOJA, limite_filas + 1, 1, f"demasiadas filas (más de {MAX_FILAS}); un formulario tiene una "
                                                  "por indicador", LIMITE)
            return False
    consejo = ("el libro está dañado o fue modificado fuera de Excel: no se adivina el valor. Vuelva a guardarlo "
               "desde Excel o LibreOffice")
    for inc in libro.inconsistencias[:MAX_INCONSISTENCIAS]:
        if inc.hoja and inc.fila:
            ctx.mal(inc.hoja, inc.fila, inc.columna, f"{inc.mensaje}; {consejo}", LIBRO_INCONSISTENTE)
        else:
            ctx.del_archivo(f"{(f'hoja {inc.hoja}: ' if inc.hoja else '')}{inc.mensaje}; {consejo}",
                            LIBRO_INCONSISTENTE)
    if len(libro.inconsistencias) > MAX_INCONSISTENCIAS:
        ctx.del_archivo(f"y {len(libro.inconsistencias) - MAX_INCONSISTENCIAS:,} incoherencias más en las partes del "
                        f"libro; {consejo}", LIBRO_INCONSISTENTE)
    if libro.inconsistencias or any(h not in libro.leidas for h in (fm.HOJA, fm.HOJA_DATOS)):
        return False
    if fm.HOJA_ACTIVIDADES not in libro.leidas:
        ctx.del_archivo(f"no se encontró la hoja «{fm.HOJA_ACTIVIDADES}» (¿se renombró o se borró?); hojas del "
                        f"libro: {_sin_control(', '.join(libro.hojas), 300)}. {_renombrar(libro, fm.HOJA_ACTIVIDADES)}",
                        CAMPO_FALTANTE)
        return False
    return True


def _renombrar(libro: Libro, hoja: str) -> str:
    """The fix for a missing sheet: when one sheet of the workbook is none of the form's, give it its name back."""
    otras = [h for h in libro.hojas if h not in (fm.HOJA_INSTRUCCIONES, fm.HOJA, fm.HOJA_ACTIVIDADES, fm.HOJA_DATOS)]
    if len(otras) != 1:
        return "Use la plantilla de «pni plantilla»."
    return (f"Si «{_sin_control(otras[0], 60)}» es esa hoja, devuélvale su nombre: doble clic en su pestaña, escriba "
            f"{hoja}, pulse Intro, guarde el libro e impórtelo de nuevo.")


def _encabezado(ctx: _Contexto, plan: Plan, meta: dict[Any, Any], avances: dict[tuple[int, int], Celda]
                ) -> tuple[str, Semestre] | None:
    """The institution and semester the visible header names (C2, C3), which must be those of the hidden sheet,
    of the plan, and of a form of this version. None (with the problems) when they are not."""
    antes = len(ctx.lec.problemas)
    formato, version = meta.get("formato"), meta.get("version")
    if formato != fm.FORMATO:
        ctx.del_archivo(f"la hoja oculta «{fm.HOJA_DATOS}» no es la de un formulario de pni (dice «"
                        f"{_sin_control(str(formato), 40)}»); genere el formulario con «pni plantilla»", ENCABEZADO)
        return None
    visible_clave = fm.clave_del_encabezado(texto_de(avances.get(fm.CELDA_INSTITUCION)) or "")
    visible_periodo = (texto_de(avances.get(fm.CELDA_PERIODO)) or "").strip()
    oculta_clave, oculta_periodo = meta.get("institucion"), meta.get("periodo")
    if str(version) != fm.VERSION:
        ctx.del_archivo(f"el formulario es de otra versión de «pni plantilla» ({_sin_control(str(version), 20)}); "
                        f"esta versión de pni lee la {fm.VERSION}: genere uno nuevo con «pni plantilla --institucion "
                        f"{_sin_control(visible_clave, 40) or 'CLAVE'} --periodo "
                        f"{_sin_control(visible_periodo, 20) or 'AAAA-SN'} --formato xlsx --salida ARCHIVO.xlsx» y "
                        "copie en él los valores", ENCABEZADO)
        return None
    for (celda_, visible, oculta, que) in ((fm.CELDA_INSTITUCION, visible_clave, oculta_clave, "la institución"),
                                           (fm.CELDA_PERIODO, visible_periodo, oculta_periodo, "el periodo")):
        if oculta != visible or not visible:
            ctx.mal(fm.HOJA, *celda_, f"{que} del encabezado («{_sin_control(visible, 60)}») no es {que} de la hoja "
                                      f"oculta «{fm.HOJA_DATOS}» («{_sin_control(str(oculta), 60)}»): el formulario se "
                                      "modificó y no se sabe de quién es ni de qué semestre. No se importa: genere el "
                                      "formulario de nuevo con «pni plantilla» y copie los valores", ENCABEZADO)
    if len(ctx.lec.problemas) > antes:
        return None
    inst = plan.instituciones.get(visible_clave)
    if inst is None:
        ctx.mal(fm.HOJA, *fm.CELDA_INSTITUCION, f"«{_sin_control(visible_clave, 60)}» no es una institución de "
                                                "plan/instituciones.yaml", ENCABEZADO)
        return None
    if not fm.igual_texto(texto_de(avances.get(fm.CELDA_INSTITUCION)), fm.encabezado_institucion(inst)):
        ctx.mal(fm.HOJA, *fm.CELDA_INSTITUCION, f"la celda debe decir «{fm.encabezado_institucion(inst)}», como la "
                                                "escribió «pni plantilla»; deshaga el cambio", FORMULARIO_ALTERADO)
        return None
    try:
        sem = Semestre.leer(visible_periodo)
    except ValueError:
        ctx.mal(fm.HOJA, *fm.CELDA_PERIODO, f"«{_sin_control(visible_periodo, 40)}» no es un semestre AAAA-S1 o "
                                            "AAAA-S2", ENCABEZADO)
        return None
    if not plan.primer_semestre <= sem <= plan.ultimo_semestre:
        ctx.mal(fm.HOJA, *fm.CELDA_PERIODO, f"el semestre {sem} está fuera del plan, que va de {plan.primer_semestre} "
                                            f"a {plan.ultimo_semestre}", ENCABEZADO)
        return None
    return inst.clave, sem


def _encabezados_de_columna(ctx: _Contexto, libro: Libro) -> bool:
    """The column headers of both sheets, as written: a column inserted, deleted or moved would shift every value."""
    bien = True
    for hoja, fila, columnas in ((fm.HOJA, fm.FILA_ENCABEZADO, fm.COLUMNAS),
                                 (fm.HOJA_ACTIVIDADES, fm.FILA_ENCABEZADO_ACT, fm.COLUMNAS_ACT)):
        celdas = libro.leidas[hoja].celdas
        for col in columnas:
            leido = texto_de(celdas.get((fila, col.numero)))
            if not fm.igual_texto(leido, col.titulo):
                ctx.mal(hoja, fila, col.numero, f"el encabezado dice «{_sin_control(leido or '', 60)}» y el formulario "
                                                f"dice «{col.titulo}»: ¿se insertó, borró o movió una columna? Las "
                                                "columnas no se pueden cambiar: deshaga el cambio o copie los "
                                                "valores en un formulario nuevo", FORMULARIO_ALTERADO)
                bien = False
                break
    return bien


def _combinadas(ctx: _Contexto, libro: Libro, esperadas: list[fm.FilaIndicador], acts: list[fm.FilaActividad]
                ) -> None:
    """Merged cells over cells to fill: Excel shows only the first, and what the others hold is hidden."""
    para_llenar = {fm.HOJA: {fm.CELDA_FECHA, fm.CELDA_REPORTADO_POR}
                   | {(f.fila, c) for f in esperadas for c in _entradas(f)},
                   fm.HOJA_ACTIVIDADES: {(a.fila, c) for a in acts for c in fm.CAMPOS_NARRATIVA}}
    for hoja, celdas in para_llenar.items():
        for (f1, c1, f2, c2) in libro.leidas[hoja].combinadas:
            dentro = sorted((f, c) for (f, c) in celdas if f1 <= f <= f2 and c1 <= c <= c2)
            if not dentro:
                continue
            rango = f"{celda(f1, c1)}:{celda(f2, c2)}"
            ocultas = [celda(f, c) for f in range(f1, f2 + 1) for c in range(c1, c2 + 1) if (f, c) != (f1, c1)]
            ctx.mal(hoja, *dentro[0], f"las celdas {rango} están combinadas: Excel muestra solo {celda(f1, c1)} y "
                                      f"esconde lo que haya en {_lista(ocultas)}; sepárelas (Inicio → Combinar y "
                                      "centrar → Separar celdas) y revise lo que aparezca", CELDAS_COMBINADAS)
            for f, c in dentro:
                ctx.lec.celdas_con_problema.add(posicion(hoja, f, c))


def _lista(refs: list[str], maximo: int = 6) -> str:
    if len(refs) <= maximo:
        return ", ".join(refs[:-1]) + (" y " if len(refs) > 1 else "") + refs[-1]
    return ", ".join(refs[:maximo]) + f" y {len(refs) - maximo} más"


def _entradas(f: fm.FilaIndicador) -> list[int]:
    extra = [c for _, c in f.desglose[1]] if f.desglose else []
    return [fm.COL_VALOR, *extra, fm.COL_ESTADO, fm.COL_EVIDENCIA, fm.COL_OBS]


def _fila_fiel(ctx: _Contexto, hoja: str, celdas: dict[tuple[int, int], Celda], fila: int, fijas: dict[int, str],
               ids: dict[str, int], que: str) -> bool:
    """The protected cells of one row say what the form wrote there; if not, a problem naming the cells."""
    esperado_id = fijas[1]
    for col, esperado in fijas.items():
        leido = texto_de(celdas.get((fila, col)))
        if fm.igual_texto(leido, str(celda_excel(esperado))):
            continue
        ref_id, ref = celda(fila, 1), celda(fila, col)
        if col == 1:
            otra = ids.get((leido or "").strip())
            donde = f"; «{_sin_control(leido or '', 30)}» va en la fila {otra} (celda {celda(otra, 1)})" if otra else ""
            texto = (f"la celda dice «{_sin_control(leido or '', 40)}», pero esta fila es la {que} {esperado_id} "
                     f"(lo dice su texto en {celda(fila, 2 if que == 'de la actividad' else 3)}){donde}: ¿se "
                     "intercambiaron filas o se editó la celda?")
        else:
            texto = (f"la celda {ref} no dice lo que el plan dice {que} {esperado_id} (celda {ref_id}): "
                     f"«{_sin_control(str(celda_excel(esperado)), 60)}»: ¿se intercambiaron filas o se editó la celda?")
        ctx.mal(hoja, fila, 1 if col == 1 else col,
                f"{texto} Las celdas grises no se modifican: deshaga el cambio o copie los valores en un formulario "
                "nuevo; los valores de esta fila no se leen", FORMULARIO_ALTERADO)
        return False
    return True


def _filas_movidas(ctx: _Contexto, hoja: str, celdas: dict[tuple[int, int], Celda], esperadas: list[tuple[int, str]],
                   que: tuple[str, str]) -> bool:
    """Rows deleted or inserted in the table (every row below shifts): one problem where each change is, rather
    than one per shifted row, and True (the sheet's rows are then not read). Only when the ids of column A are the
    form's with some missing and some rows that are no indicator's: a swapped or edited row, or rows added below
    the table, are `_fila_fiel`'s and `_fuera_del_formulario`'s."""
    from difflib import SequenceMatcher

    if not esperadas:
        return False
    primera = esperadas[0][0]
    ultima = max([f for (f, c), v in celdas.items() if c == 1 and f >= primera and texto_de(v)]
                 + [esperadas[-1][0]])
    leidos = [(texto_de(celdas.get((f, 1))) or "").strip() for f in range(primera, ultima + 1)]
    while leidos and not leidos[-1]:
        leidos.pop()
    ids = [i for _, i in esperadas]
    cambios = [op for op in SequenceMatcher(None, ids, leidos, autojunk=False).get_opcodes() if op[0] != "equal"]
    if cambios and cambios[-1][0] == "insert" and cambios[-1][1] == len(ids):
        cambios.pop()  # rows added below the table
    if not cambios or any(op[0] == "replace" or (op[0] == "delete" and set(ids[op[1]:op[2]]) & set(leidos))
                          or (op[0] == "insert" and set(leidos[op[3]:op[4]]) & set(ids)) for op in cambios):
        return False
    arreglo = ("las filas del formulario no se borran ni se insertan: deshaga el cambio (Ctrl+Z) o copie los "
               "valores en un formulario nuevo de «pni plantilla»; para no informar algo, deje su fila vacía. "
               "Hasta entonces no se lee ningún valor de la tabla")
    for tag, i1, i2, j1, j2 in cambios:
        fila = primera + j1
        if tag == "delete":
            faltan = _lista(ids[i1:i2])
            texto = (f"falta la fila {que[0]} {faltan}, que iba en esta fila (¿se borró?)" if i2 - i1 == 1 else
                     f"faltan las filas {que[1]} {faltan}, que iban desde esta fila (¿se borraron?)")
        else:
            texto = (f"la fila {fila} no es del formulario (¿se insertó?)" if j2 - j1 == 1 else
                     f"las filas {fila} a {primera + j2 - 1} no son del formulario (¿se insertaron?)")
        ctx.mal(hoja, fila, 1, f"{texto}: {arreglo}", FORMULARIO_ALTERADO)
    return True


def _largo(texto: str) -> str:
    """The same bound as a text of a progress file (pni_cli/lectura/estructura.py)."""
    return f"un texto de {len(texto):,} caracteres, y el máximo es {MAX_CARACTERES:,}"


def _reportes(ctx: _Contexto, celdas: dict[tuple[int, int], Celda], esperadas: list[fm.FilaIndicador]
              ) -> list[dict[str, Any]]:
    ids = {f.debido.indicador.id: f.fila for f in esperadas}
    out: list[dict[str, Any]] = []
    for f in esperadas:
        ind = f.debido.indicador
        if not _fila_fiel(ctx, fm.HOJA, celdas, f.fila, f.fijas, ids, "del indicador"):
            continue
        entradas = {c: _valor_de(ctx, fm.HOJA, celdas, f.fila, c) for c in _entradas(f)}
        refusadas = {c for c in entradas if posicion(fm.HOJA, f.fila, c) in ctx.lec.celdas_con_problema}
        if all(v is None for v in entradas.values()):
            if not refusadas:
                ctx.lec.vacios.append(ind.id)
            continue
        i = len(out)
        base: Ruta = ("reportes", i)
        pos = {campo_: posicion(fm.HOJA, f.fila, c) for campo_, c in (
            ("indicador", 1), ("valor", fm.COL_VALOR), ("estado", fm.COL_ESTADO), ("evidencia", fm.COL_EVIDENCIA),
            ("observaciones", fm.COL_OBS))}
        ctx.lec.posiciones[base] = pos["indicador"]
        for k, v in pos.items():
            ctx.lec.posiciones[(*base, k)] = v
        rep: dict[str, Any] = {"indicador": ind.id}
        valor = _un_numero(ctx, f.fila, fm.COL_VALOR, celdas, entradas[fm.COL_VALOR], ind.meta.tipo, ind.meta.unidad)
        if entradas[fm.COL_VALOR] is None and fm.COL_VALOR not in refusadas:
            ctx.mal(fm.HOJA, f.fila, fm.COL_VALOR, "falta el Valor: la fila tiene otros datos; escriba el valor (0 si "
                                                   "no hubo avance) o, si no hay dato, vacíe la fila entera",
                    CAMPO_FALTANTE)
        if f.desglose is not None:
            dim, categorias = f.desglose
            partes = {}
            for cat, c in categorias:
                if entradas[c] is not None:
                    n = _un_numero(ctx, f.fila, c, celdas, entradas[c], "conteo", None)
                    if n is not None:
                        partes[cat] = n
            if partes and len(partes) == sum(entradas[c] is not None for _, c in categorias):
                rep["desglose"] = {dim: partes}
                ctx.lec.posiciones[(*base, "desglose")] = posicion(fm.HOJA, f.fila, categorias[0][1])
                ctx.lec.posiciones[(*base, "desglose", dim)] = posicion(fm.HOJA, f.fila, categorias[0][1])
        estado = entradas[fm.COL_ESTADO]
        if estado is not None:
            codigo = fm.estado_de_texto(str(estado))
            if codigo is None:
                ctx.mal(fm.HOJA, f.fila, fm.COL_ESTADO, f"«{_sin_control(str(estado), 40)}» no es un estado; elija de "
                                                        f"la lista uno de: {', '.join(fm.ETIQUETAS_ESTADO.values())}",
                        VALOR_INVALIDO)
            else:
                rep["estado"] = codigo
        evidencia = texto_de(celdas.get((f.fila, fm.COL_EVIDENCIA))) if entradas[fm.COL_EVIDENCIA] is not None else None
        obs = texto_de(celdas.get((f.fila, fm.COL_OBS))) if entradas[fm.COL_OBS] is not None else None
        for col, texto in ((fm.COL_EVIDENCIA, evidencia), (fm.COL_OBS, obs)):
            if texto and len(texto) > MAX_CARACTERES:
                ctx.mal(fm.HOJA, f.fila, col, _largo(texto) + ": resúmalo o remita a un documento en «evidencia»",
                        LIMITE)
        if evidencia and len(evidencia) <= MAX_CARACTERES:
            rep["evidencia"] = [e.strip() for e in re.split(r"[\n;]+", evidencia) if e.strip()]
        if obs and len(obs) <= MAX_CARACTERES:
            rep["observaciones"] = obs
        if valor is None:
            continue  # refused: the checks run on the other rows, and nothing is imported anyway
        rep["valor"] = valor
        out.append(rep)
    return out


def _un_numero(ctx: _Contexto, fila: int, col: int, celdas: dict[tuple[int, int], Celda], v: Any, tipo: str,
               unidad: str | None) -> float | int | None:
    if v is None:
        return None
    c = celdas[(fila, col)]
    leido = leer_numero(v, c.formato)
    if isinstance(leido, str):
        ctx.mal(fm.HOJA, fila, col, leido)
        return None
    valor, malo = valor_de_indicador(leido, tipo, unidad)
    if malo is not None:
        ctx.mal(fm.HOJA, fila, col, malo[1], malo[0])
    return valor


def _narrativa(ctx: _Contexto, celdas: dict[tuple[int, int], Celda], acts: list[fm.FilaActividad]
               ) -> list[dict[str, Any]]:
    ids = {a.actividad.id: a.fila for a in acts}
    out: list[dict[str, Any]] = []
    for a in acts:
        if not _fila_fiel(ctx, fm.HOJA_ACTIVIDADES, celdas, a.fila, a.fijas, ids, "de la actividad"):
            continue
        entrada: dict[str, Any] = {"actividad": a.actividad.id}
        lugares: dict[str, tuple[int, int]] = {}
        for col, nombre_campo in fm.CAMPOS_NARRATIVA.items():
            if _valor_de(ctx, fm.HOJA_ACTIVIDADES, celdas, a.fila, col) is None:
                continue
            texto = texto_de(celdas.get((a.fila, col)))
            if not texto:
                continue
            if len(texto) > MAX_NARRATIVA:
                ctx.mal(fm.HOJA_ACTIVIDADES, a.fila, col, f"el texto tiene {len(texto):,} caracteres y el máximo es "
                                                          f"{MAX_NARRATIVA:,}: resúmalo en pocas líneas",
                        VALOR_INVALIDO)
                continue
            entrada[nombre_campo] = texto
            lugares[nombre_campo] = posicion(fm.HOJA_ACTIVIDADES, a.fila, col)
        if len(entrada) > 1:
            base: Ruta = ("actividades", len(out))
            ctx.lec.posiciones[base] = ctx.lec.posiciones[(*base, "actividad")] = posicion(
                fm.HOJA_ACTIVIDADES, a.fila, 1)
            for k, v in lugares.items():
                ctx.lec.posiciones[(*base, k)] = v
            out.append(entrada)
    return out


def _fuera_del_formulario(ctx: _Contexto, libro: Libro, esperadas: list[fm.FilaIndicador],
                          acts: list[fm.FilaActividad], movidas: set[str]) -> None:
    """Data typed where the form has no cell to fill is not read: say so rather than lose it silently (not in a
    sheet whose rows were deleted or inserted: every row below is out of place, and that was said once)."""
    conocidas = {fm.HOJA: {(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), fm.CELDA_INSTITUCION, fm.CELDA_PERIODO,
                           fm.CELDA_FECHA, fm.CELDA_REPORTADO_POR}
                 | {(fm.FILA_ENCABEZADO, c.numero) for c in fm.COLUMNAS}
                 | {(f.fila, c) for f in esperadas for c in (*f.fijas, *_entradas(f))},
                 fm.HOJA_ACTIVIDADES: {(1, 1), (2, 1)} | {(fm.FILA_ENCABEZADO_ACT, c.numero) for c in fm.COLUMNAS_ACT}
                 | {(a.fila, c) for a in acts for c in (*a.fijas, *fm.CAMPOS_NARRATIVA)}}
    for hoja, validas in conocidas.items():
        if hoja in movidas:
            continue
        fuera = sorted(k for k, c in libro.leidas[hoja].celdas.items()
                       if k not in validas and (c.formula or texto_de(c) is not None))
        if not fuera:
            continue
        fila, col = fuera[0]
        muestra = _sin_control(texto_de(libro.leidas[hoja].celdas[fuera[0]]) or "(una fórmula)", 40)
        otras = f" (y {len(fuera) - 1} celda{'s' if len(fuera) > 2 else ''} más fuera del formulario: " \
                f"{_lista([celda(*k) for k in fuera[1:]])})" if len(fuera) > 1 else ""
        suya = {f.debido.indicador.id: f.fila for f in esperadas}.get(muestra) if (hoja, col) == (fm.HOJA, 1) else None
        sin_desglose = next((f.debido.indicador.id for f in esperadas if f.fila == fila), None) \
            if hoja == fm.HOJA and col in (fm.COL_MUJERES, fm.COL_HOMBRES) else None
        if sin_desglose:
            arreglo = (f"; no se lee: el indicador {sin_desglose} no se desglosa por sexo (por eso la celda es gris): "
                       "bórrela; si el dato importa, escríbalo en «Observaciones»")
        elif suya:
            arreglo = (f"; no se lee: el indicador {muestra} ya tiene su fila (la {suya}) y el formulario lleva una "
                       "sola por indicador: escriba en ella la cifra que pide su «Qué informar» (una sola por "
                       "semestre) y las aclaraciones en «Observaciones», y borre esta fila")
        else:
            arreglo = ("; no se lee: si es una aclaración, escríbala en «Observaciones» de su indicador; si no, "
                       "bórrelo")
        ctx.mal(hoja, fila, col, f"hay un dato donde el formulario no tiene nada que llenar («{muestra}»){otras}"
                                 f"{arreglo}", FORMULARIO_ALTERADO)
