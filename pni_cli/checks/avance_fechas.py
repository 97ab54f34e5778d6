"""Dates of a progress file: a semester inside the plan, already over at the cut-off date, a report date after the
semester's end, and each reported indicator expected in that semester (inside its activity's window)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..periodos import Semestre
from ..problemas import Problema

if TYPE_CHECKING:
    from ..avance import ArchivoAvance
    from . import Contexto

PERIODO_FUERA_VENTANA = "PNI305"
PERIODO_FUTURO = "PNI306"
FECHA_ANTES_CIERRE = "PNI312"
FECHA_FUTURA = "PNI314"
CODIGOS = frozenset({PERIODO_FUERA_VENTANA, PERIODO_FUTURO, FECHA_ANTES_CIERRE, FECHA_FUTURA})


def revisar(archivo: ArchivoAvance, ctx: Contexto) -> Iterator[Problema]:
    av = archivo.avance
    assert av is not None
    plan, corte = ctx.plan, ctx.corte
    sem = Semestre.leer(av.periodo)
    if plan is not None and not plan.primer_semestre <= sem <= plan.ultimo_semestre:
        yield archivo.problema(PERIODO_FUERA_VENTANA, ("periodo",),
                               f"el periodo {av.periodo} está fuera del plan, que va de {plan.primer_semestre} a "
                               f"{plan.ultimo_semestre}")
    if sem.anio < dt.MINYEAR:  # «0000-S1» matches the pattern but has no dates to compare
        if plan is None:
            yield archivo.problema(PERIODO_FUERA_VENTANA, ("periodo",),
                                   f"el periodo {av.periodo} no es un semestre real")
        return
    if sem.fin > corte:
        yield archivo.problema(PERIODO_FUTURO, ("periodo",),
                               f"el semestre {sem} termina el {sem.fin.isoformat()}, después de la fecha de corte "
                               f"({corte.isoformat()}): no se puede reportar un semestre que no ha terminado")
    if av.fecha_reporte < sem.fin:
        yield archivo.problema(FECHA_ANTES_CIERRE, ("fecha_reporte",),
                               f"la fecha del reporte ({av.fecha_reporte.isoformat()}) es anterior al cierre del "
                               f"semestre {sem} ({sem.fin.isoformat()}); revise la fecha y el periodo: un semestre se "
                               "informa después de su cierre")
    elif av.fecha_reporte > corte:
        yield archivo.problema(FECHA_FUTURA, ("fecha_reporte",),
                               f"la fecha del reporte ({av.fecha_reporte.isoformat()}) es posterior a la fecha de "
                               f"corte ({corte.isoformat()})")
    if plan is None:
        return
    vistos: set[str] = set()
    for i, rep in enumerate(av.reportes):
        act = plan.actividad_de.get(rep.indicador)
        if act is None or rep.indicador in vistos:
            continue  # an unknown or repeated indicator: avance_reportes says so
        vistos.add(rep.indicador)
        ventana = plan.ventana(act)
        if sem not in ventana:
            yield archivo.problema(PERIODO_FUERA_VENTANA, ("reportes", i, "indicador"),
                                   f"la actividad {act.id} tiene periodo «{act.periodo.texto or 'sin periodo'}»"
                                   f" ({ventana[0]} a {ventana[-1]} en semestres): no se espera reporte en {sem}"
                                   if ventana else f"la actividad {act.id} no tiene semestres dentro del plan")
