"""The progress form an institution fills in (`pni plantilla` writes it, `pni importar` reads it back): which
indicators and activities it lists (exactly those the institution owes for the semester), what to write for each
(the unit and the kind of figure: what was done in the semester, the total in force, the running total), the
breakdowns it offers, the Spanish labels of the states, and the layout of the Excel form (sheets, cells, columns,
the protected text of every row), shared by its writer and its reader: the reader compares each protected cell
with what the writer would have written for that institution and semester, so an edited or swapped row is found."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .periodos import Semestre
from .plan import Actividad, Indicador, Institucion, Plan

FORMATO = "pni-plantilla-avance"
VERSION = "2"

HOJA_INSTRUCCIONES = "Instrucciones"
HOJA = "Avances"
HOJA_ACTIVIDADES = "Actividades"
HOJA_DATOS = "_pni"

# --- the Avances sheet -------------------------------------------------------------------------------------------
CELDA_INSTITUCION, CELDA_PERIODO, CELDA_FECHA, CELDA_REPORTADO_POR = (2, 3), (3, 3), (4, 3), (5, 3)  # (row, col)
FILA_ENCABEZADO = 7
FILA_1 = FILA_ENCABEZADO + 1


@dataclass(frozen=True)
class Columna:
    numero: int
    titulo: str  # the header of the column
    campo: str  # its name in messages («Valor», «Evidencia»)
    ancho: int


COLUMNAS = (
    Columna(1, "Indicador", "Indicador", 10),
    Columna(2, "Actividad", "Actividad", 19),
    Columna(3, "Texto del indicador", "Texto del indicador", 25),
    Columna(4, "Meta (fuente)", "Meta", 16),
    Columna(5, "Qué informar", "Qué informar", 17),
    Columna(6, "Valor", "Valor", 8),
    Columna(7, "Mujeres", "Mujeres", 9),
    Columna(8, "Hombres", "Hombres", 9),
    Columna(9, "Estado de la actividad", "Estado", 12),
    Columna(10, "Evidencia (enlaces o referencias, uno por línea)", "Evidencia", 18),
    Columna(11, "Observaciones", "Observaciones", 18),
)
COL_ID, COL_ACTIVIDAD, COL_TEXTO, COL_META, COL_QUE = 1, 2, 3, 4, 5
COL_VALOR, COL_MUJERES, COL_HOMBRES, COL_ESTADO, COL_EVIDENCIA, COL_OBS = 6, 7, 8, 9, 10, 11
FIJAS = (COL_ID, COL_ACTIVIDAD, COL_TEXTO, COL_META, COL_QUE)
ULTIMA_COL = len(COLUMNAS)

# --- the Actividades sheet ---------------------------------------------------------------------------------------
FILA_ENCABEZADO_ACT = 4
COLUMNAS_ACT = (
    Columna(1, "Actividad", "Actividad", 10),
    Columna(2, "Texto de la actividad", "Texto de la actividad", 36),
    Columna(3, "Logros del semestre", "Logros", 36),
    Columna(4, "Dificultades", "Dificultades", 36),
    Columna(5, "Próximos pasos", "Próximos pasos", 36),
)
COL_ACT_ID, COL_ACT_TEXTO, COL_LOGROS, COL_DIFICULTADES, COL_PROXIMOS = 1, 2, 3, 4, 5
CAMPOS_NARRATIVA = {COL_LOGROS: "logros", COL_DIFICULTADES: "dificultades", COL_PROXIMOS: "proximos_pasos"}

# A problem's place in the Documento of a form is (line, column) = (row, column) in Avances, and the row plus this
# offset in Actividades (MAX_FILAS keeps Avances far below it).
DESPLAZAMIENTO_ACT = 100_000

ESQUEMA_RELATIVO = "../../esquemas/avance.schema.json"

ESTADOS = ("no_iniciada", "en_curso", "completada", "suspendida")
ETIQUETAS_ESTADO = {"no_iniciada": "No iniciada", "en_curso": "En curso", "completada": "Completada",
                    "suspendida": "Suspendida"}

# The breakdown the form offers as columns, for the counts of people (GCM objective 1 asks for data by sex): the
# dimension of the file contract and its categories, each a column of the Avances sheet.
DESGLOSE_SEXO = ("sexo", (("mujeres", COL_MUJERES), ("hombres", COL_HOMBRES)))
_PERSONAS = ("persona", "participante", "migrante", "miembro", "funcionari", "oficial", "trabajador", "mujer",
             "joven", "estudiante", "beneficiari")

_CLASE = {
    "flujo": "lo realizado en el semestre",
    "nivel": "el total vigente al cierre del semestre",
    "acumulado": "el total acumulado desde el inicio",
}


@dataclass(frozen=True)
class Debido:
    indicador: Indicador
    actividad_id: str
    actividad_texto: str


def debidos(plan: Plan, clave: str, sem: Semestre) -> list[Debido]:
    """The indicators `clave` must report for `sem`: those of its activities whose window covers the semester and
    that it owes (`Meta.la_debe`: not a meta por definir, nor an indicator where only the lead's figure counts)."""
    out = []
    for act in plan.actividades.values():
        if clave in act.responsables.instituciones and sem in plan.ventana(act):
            out += [Debido(ind, act.id, act.texto) for ind in act.indicadores if ind.meta.la_debe(clave)]
    return out


def actividades(plan: Plan, clave: str, sem: Semestre) -> list[Actividad]:
    """The activities `clave` is responsible for whose window covers `sem` (where it may tell what happened)."""
    return [act for act in plan.actividades.values()
            if clave in act.responsables.instituciones and sem in plan.ventana(act)]


def que_informar(ind: Indicador) -> str:
    """What to write as the value, in the words of a focal point: the unit and the kind of figure asked for."""
    m = ind.meta
    if m.tipo == "conteo":
        return f"{m.unidad or 'cantidad'}, {_CLASE[m.acumulacion or 'flujo']} (número entero)"
    if m.tipo == "porcentaje":
        return "porcentaje alcanzado al cierre del semestre, de 0 a 100 (75 significa 75 %)"
    if m.tipo == "promedio":
        return f"{m.unidad or 'valor'}, el promedio del semestre"
    return (f"avance del entregable ({m.entregable or 'el producto de la meta'}) al cierre del semestre, de 0 a "
            "100 %; el 100 exige evidencia")


def desglose(ind: Indicador) -> tuple[str, tuple[tuple[str, int], ...]] | None:
    """The breakdown the form offers for `ind` (its dimension and each category's column), or None: counts of
    people may give the value by sex."""
    m = ind.meta
    if m.tipo != "conteo" or not m.unidad:
        return None
    primera = m.unidad.split()[0].lower()
    return DESGLOSE_SEXO if primera.startswith(_PERSONAS) else None


def encabezado_institucion(inst: Institucion) -> str:
    return f"{inst.clave} — {inst.nombre}"


def clave_del_encabezado(texto: str) -> str:
    """The clave in the visible header «MTPS — Ministerio de Trabajo…»."""
    return texto.split(" — ", 1)[0].strip()


@dataclass(frozen=True)
class FilaIndicador:
    """One row of the Avances sheet: where it is, what it owes, the text of its protected cells (by column) and
    the breakdown it offers."""

    fila: int
    debido: Debido
    fijas: dict[int, str]
    desglose: tuple[str, tuple[tuple[str, int], ...]] | None


@dataclass(frozen=True)
class FilaActividad:
    fila: int
    actividad: Actividad
    fijas: dict[int, str]


def filas(plan: Plan, clave: str, sem: Semestre) -> list[FilaIndicador]:
    """The rows of the Avances sheet. The activity's text is written on its first indicator's row only (the next
    ones say «misma actividad»), so that rows stay short on screen and on paper."""
    out = []
    anterior = None
    for n, d in enumerate(debidos(plan, clave, sem)):
        ind = d.indicador
        actividad = (f"{d.actividad_id} {d.actividad_texto}" if d.actividad_id != anterior
                     else f"{d.actividad_id} (misma actividad)")
        anterior = d.actividad_id
        fijas = {COL_ID: ind.id, COL_ACTIVIDAD: actividad, COL_TEXTO: ind.texto, COL_META: ind.meta.texto,
                 COL_QUE: que_informar(ind)}
        out.append(FilaIndicador(FILA_1 + n, d, fijas, desglose(ind)))
    return out


def filas_actividades(plan: Plan, clave: str, sem: Semestre) -> list[FilaActividad]:
    return [FilaActividad(FILA_ENCABEZADO_ACT + 1 + n, act, {COL_ACT_ID: act.id, COL_ACT_TEXTO: act.texto})
            for n, act in enumerate(actividades(plan, clave, sem))]


def estado_de_texto(texto: str) -> str | None:
    """The code of a state written as its label («En curso»), its code («en_curso») or close («en curso», «EN
    CURSO», «No iniciada.»); None when it is none of them."""
    t = unicodedata.normalize("NFKD", texto).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[\s_\-.]+", " ", t).strip()
    for codigo in ESTADOS:
        if t == codigo.replace("_", " "):
            return codigo
    return None


def igual_texto(a: object, b: str) -> bool:
    """A protected cell as read, against what the form wrote: the same words (line breaks and runs of spaces, which
    a spreadsheet may rewrite, do not count)."""
    if a is None:
        return b == ""
    return " ".join(str(a).split()) == " ".join(b.split())
