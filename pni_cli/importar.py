"""`pni importar`: a filled Excel form → avances/<periodo>/<institucion>.yaml, validated first.

The workbook is checked before openpyxl opens it (a zip, not an old .xls or an encrypted file, decompressed size
bounded). Values are read into the same structure as a YAML progress file, with a `Documento` whose positions are
the cells, so that the very same schema and checks run and every problem names its sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .esquema import validar as validar_esquema
from .models import Avance
from .periodos import Semestre
from .plantilla import (
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
from .problems import Problema, Severidad, problema
from .workspace import ArchivoAvance, Plan
from .yamlio import Documento, Ruta

MAX_DESCOMPRIMIDO = 50 * 1024 * 1024
MAX_FILAS = 5000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Lectura:
    """What was read from the workbook, and the problems found, each at a sheet and cell."""

    datos: dict[str, Any] | None = None
    posiciones: dict[Ruta, tuple[int, int]] = field(default_factory=dict)
    hojas: dict[Ruta, str] = field(default_factory=dict)
    problemas: list[Problema] = field(default_factory=list)


def celda(fila: int, columna: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(columna)}{fila}"


def _p(archivo: str, hoja: str, fila: int, col: int, mensaje: str, codigo: str = "PNI103") -> Problema:
    """A problem at a cell. The cell is in the message; line and column stay 0 (they are not a text position)."""
    return problema(codigo, archivo, 0, 0, f"Hoja {hoja}, celda {celda(fila, col)}: {mensaje}")


def revisar_contenedor(ruta: Path, nombre: str) -> Problema | None:
    """Refuse what openpyxl should never open: not a file, an old .xls, an encrypted workbook, a zip bomb."""
    try:
        with open(ruta, "rb") as f:
            cabeza = f.read(8)
    except OSError as e:
        return problema("PNI012", nombre, 0, 0, f"no se puede leer el archivo: {e.strerror}")
    if cabeza.startswith(_OLE):
        return problema("PNI007", nombre, 0, 0, "no es un libro .xlsx: es un .xls antiguo o un libro protegido con "
                                                "contraseña; ábralo en Excel, quite la contraseña y guárdelo como "
                                                "«Libro de Excel (.xlsx)»")
    if not zipfile.is_zipfile(ruta):
        return problema("PNI007", nombre, 0, 0, "no es un libro de Excel .xlsx (no tiene el formato zip de .xlsx); "
                                                "guárdelo desde Excel como «Libro de Excel (.xlsx)»")
    try:
        with zipfile.ZipFile(ruta) as z:
            total = sum(i.file_size for i in z.infolist())
            nombres = set(z.namelist())
    except (zipfile.BadZipFile, OSError) as e:
        return problema("PNI007", nombre, 0, 0, f"el archivo .xlsx está dañado ({e})")
    if total > MAX_DESCOMPRIMIDO:
        return problema("PNI010", nombre, 0, 0, f"el libro descomprimido ocuparía {total:,} bytes (máximo "
                                                f"{MAX_DESCOMPRIMIDO:,}); no se abre")
    if "xl/workbook.xml" not in nombres:
        return problema("PNI007", nombre, 0, 0, "el archivo es un zip pero no un libro de Excel")
    return None


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
        m = re.fullmatch(r"(-?\d+(?:[.,]\d+)?)%", t)
        if m:
            f = float(m.group(1).replace(",", "."))
            return int(f) if f.is_integer() else f
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", t):
            t = t.replace(",", "")
        elif re.fullmatch(r"-?\d+,\d+", t):
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
    if isinstance(v, str):
        t = v.strip()
        for patron in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y"):
            try:
                return dt.datetime.strptime(t, patron).date()
            except ValueError:
                continue
    return v


def leer(ruta: Path, nombre: str) -> Lectura:
    lec = Lectura()
    malo = revisar_contenedor(ruta, nombre)
    if malo is not None:
        lec.problemas.append(malo)
        return lec
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            formulas = load_workbook(ruta, data_only=False)
            valores = load_workbook(ruta, data_only=True)
    except Exception as e:  # openpyxl raises many kinds on damaged files
        lec.problemas.append(problema("PNI007", nombre, 0, 0, f"no se pudo abrir el libro: {type(e).__name__}: {e}"))
        return lec
    if HOJA not in valores.sheetnames:
        lec.problemas.append(problema("PNI102", nombre, 0, 0,
                                      f"no se encontró la hoja «{HOJA}» (¿se renombró?); hojas del libro: "
                                      f"{', '.join(valores.sheetnames)}. Use la plantilla de «pni plantilla»."))
        return lec
    if HOJA_DATOS not in valores.sheetnames:
        lec.problemas.append(problema("PNI102", nombre, 0, 0,
                                      f"falta la hoja oculta «{HOJA_DATOS}» con el periodo y la institución; el libro "
                                      "no viene de «pni plantilla» o se modificó. Genere una plantilla nueva."))
        return lec
    meta = {str(r[0].value): r[1].value for r in valores[HOJA_DATOS].iter_rows(min_row=1, max_row=10, max_col=2)
            if r[0].value is not None}
    ws, wf = valores[HOJA], formulas[HOJA]

    def valor(fila: int, col: int) -> Any:
        c = ws.cell(row=fila, column=col)
        f = wf.cell(row=fila, column=col)
        if f.data_type == "f" and c.value is None:
            lec.problemas.append(_p(nombre, HOJA, fila, col, "contiene una fórmula sin valor calculado; ábrala en "
                                                             "Excel y guárdela, o escriba el valor directamente"))
            return None
        return c.value

    datos: dict[str, Any] = {"periodo": meta.get("periodo"), "institucion": meta.get("institucion")}
    lec.posiciones[("periodo",)] = (3, 3)
    lec.posiciones[("institucion",)] = (2, 3)
    fila_f, col_f = ws[CELDA_FECHA].row, ws[CELDA_FECHA].column
    datos["fecha_reporte"] = _fecha(valor(fila_f, col_f))
    lec.posiciones[("fecha_reporte",)] = (fila_f, col_f)
    por = valor(ws[CELDA_REPORTADO_POR].row, ws[CELDA_REPORTADO_POR].column)
    if por not in (None, ""):
        datos["reportado_por"] = str(por).strip()
        lec.posiciones[("reportado_por",)] = (ws[CELDA_REPORTADO_POR].row, ws[CELDA_REPORTADO_POR].column)
    reportes: list[dict[str, Any]] = []
    ultima = min(ws.max_row, FILA_ENCABEZADO + MAX_FILAS)
    for fila in range(FILA_ENCABEZADO + 1, ultima + 1):
        ident = ws.cell(row=fila, column=1).value
        v = valor(fila, COL_VALOR)
        est = valor(fila, COL_ESTADO)
        evid = valor(fila, COL_EVIDENCIA)
        obs = valor(fila, COL_OBS)
        if ident in (None, "") and all(x in (None, "") for x in (v, est, evid, obs)):
            continue
        if v in (None, "") and all(x in (None, "") for x in (est, evid, obs)):
            continue  # an indicator left empty: not reported
        i = len(reportes)
        base: Ruta = ("reportes", i)
        lec.posiciones[base] = (fila, 1)
        lec.posiciones[(*base, "indicador")] = (fila, 1)
        lec.posiciones[(*base, "valor")] = (fila, COL_VALOR)
        lec.posiciones[(*base, "estado")] = (fila, COL_ESTADO)
        lec.posiciones[(*base, "evidencia")] = (fila, COL_EVIDENCIA)
        lec.posiciones[(*base, "observaciones")] = (fila, COL_OBS)
        rep: dict[str, Any] = {"indicador": str(ident).strip() if ident is not None else None,
                               "valor": _numero(v, ws.cell(row=fila, column=COL_VALOR).number_format or "")}
        if est not in (None, ""):
            rep["estado"] = str(est).strip().lower().replace(" ", "_")
        if evid not in (None, ""):
            rep["evidencia"] = [e.strip() for e in re.split(r"[\n;]+", str(evid)) if e.strip()]
        if obs not in (None, ""):
            rep["observaciones"] = str(obs).strip()
        reportes.append(rep)
    if ws.max_row > ultima:
        lec.problemas.append(_p(nombre, HOJA, ultima + 1, 1, f"demasiadas filas (más de {MAX_FILAS})", "PNI010"))
    datos["reportes"] = reportes
    lec.datos = datos
    return lec


def validar(plan: Plan, lec: Lectura, nombre: str, corte: dt.date) -> tuple[Avance | None, list[Problema]]:
    """Schema and cross-file checks on what was read; problems point at cells («Hoja Avances, celda F9»)."""
    from .validacion import revisar_avances

    doc = Documento(nombre, lec.datos, posiciones=lec.posiciones)
    avance, problemas = validar_esquema(doc, Avance)
    if avance is not None:
        destino = f"avances/{avance.periodo}/{avance.institucion}.yaml"
        problemas += revisar_avances(plan, [ArchivoAvance(destino, doc, avance)], corte)
    return avance, [_con_celda(p) for p in problemas]


def _con_celda(p: Problema) -> Problema:
    if p.linea:
        return Problema(p.codigo, p.archivo, 0, 0, f"Hoja {HOJA}, celda {celda(p.linea, p.columna)}: {p.mensaje}",
                        p.severidad)
    return p


def yaml_de(avance: Avance, origen: str) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    doc = CommentedMap()
    doc["periodo"] = avance.periodo
    doc["institucion"] = avance.institucion
    doc["fecha_reporte"] = avance.fecha_reporte
    if avance.reportado_por:
        doc["reportado_por"] = avance.reportado_por
    if avance.ilustrativo:
        doc["ilustrativo"] = True
    lista = CommentedSeq()
    for r in avance.reportes:
        m = CommentedMap()
        m["indicador"] = DoubleQuotedScalarString(r.indicador)
        m["valor"] = r.valor
        if r.estado:
            m["estado"] = r.estado
        if r.evidencia:
            m["evidencia"] = list(r.evidencia)
        if r.observaciones:
            m["observaciones"] = r.observaciones
        lista.append(m)
    doc["reportes"] = lista
    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    import io

    buf = io.StringIO()
    y.dump(doc, buf)
    # the file name goes into a comment: a line break in it would write YAML of its own (say «ilustrativo: true»)
    origen = re.sub(r"[\x00-\x1f\x7f\x85\u2028\u2029]", "?", origen)
    return ("# yaml-language-server: $schema=../../esquemas/avance.schema.json\n"
            f"# Importado de {origen}\n{buf.getvalue()}")


def destino(raiz: Path, avance: Avance) -> Path:
    """avances/<periodo>/<institucion>.yaml, and nowhere else whatever the workbook says."""
    Semestre.leer(avance.periodo)  # the schema already enforces AAAA-SN; never a path
    carpeta = (raiz / "avances").resolve()
    ruta = (carpeta / avance.periodo / f"{avance.institucion}.yaml").resolve()
    if carpeta not in ruta.parents:
        raise ValueError(f"destino fuera de avances/: {ruta}")
    return ruta


def errores(problemas: list[Problema]) -> list[Problema]:
    return [p for p in problemas if p.severidad is Severidad.ERROR]
