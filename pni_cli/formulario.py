"""The progress form an institution fills in (`pni plantilla` writes it, `pni importar` reads it back): which
indicators it lists (exactly those the institution owes for the semester), how each is measured, and the layout of
the Excel form (sheets, cells, columns), shared by its writer and its reader."""

from __future__ import annotations

from dataclasses import dataclass

from .periodos import Semestre
from .plan import Indicador, Plan

HOJA = "Avances"
HOJA_DATOS = "_pni"
FILA_ENCABEZADO = 7
COLUMNAS = ["Indicador", "Actividad", "Texto del indicador", "Meta (fuente)", "Tipo de meta", "Valor", "Estado",
            "Evidencia (enlaces, uno por línea)", "Observaciones"]
COL_VALOR, COL_ESTADO, COL_EVIDENCIA, COL_OBS = 6, 7, 8, 9
CELDA_FECHA = "C4"
CELDA_REPORTADO_POR = "C5"
ESTADOS = ["no_iniciada", "en_curso", "completada", "suspendida"]
ESQUEMA_RELATIVO = "../../esquemas/avance.schema.json"


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


def como_se_mide(ind: Indicador) -> str:
    m = ind.meta
    if m.tipo == "conteo":
        return f"conteo: {m.unidad or 'cantidad'} del semestre (no acumulado)"
    if m.tipo == "porcentaje":
        return "porcentaje alcanzado, de 0 a 100"
    if m.tipo == "promedio":
        return f"promedio del semestre ({m.unidad or 'valor medio'})"
    return f"hito: avance de 0 a 100 % ({m.entregable or 'entregable'}); 100 exige evidencia"
