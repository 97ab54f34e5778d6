"""`pni estado --formato json`: a stable document for scripts and dashboards (documented in the README).

Version 1. Keys never change meaning within a version; new keys may be added.
"""

from __future__ import annotations

from typing import Any

from .. import texto_seguro
from ..plan import Plan
from ..progreso import ESTADOS, EstadoIndicador, Situacion

VERSION = 1


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _conteo(c: dict[str, int]) -> dict[str, int]:
    return {e: c.get(e, 0) for e in ESTADOS}


def indicador(e: EstadoIndicador) -> dict[str, Any]:
    return {
        "id": e.id, "actividad": e.actividad, "intervencion": e.intervencion, "eje": e.eje,
        "tipo": e.tipo, "frecuencia": e.frecuencia, "estado": e.estado,
        "esperado": _r(e.esperado), "reportado": _r(e.reportado), "logro": _r(e.logro),
        "meta_final": _r(e.meta_final), "semestres_evaluados": e.semestres_evaluados,
        "semestres_ventana": e.semestres_ventana, "revisar_meta": e.revisar_meta,
        "discrepancia": e.discrepancia, "ultimo_periodo": str(e.ultimo_periodo) if e.ultimo_periodo else None,
        "instituciones": e.instituciones,
    }


def documento(sit: Situacion, plan: Plan, invalidos: list[str], *, eje: str | None = None,
              institucion: str | None = None) -> dict[str, Any]:
    ejes = sorted({i.eje for i in sit.indicadores})
    umbrales = plan.general.semaforo
    return {
        "version": VERSION,
        "corte": sit.corte.isoformat(),
        "semestres_evaluados": [str(s) for s in sit.evaluados],
        "ilustrativo": sit.ilustrativo,
        # the resolved key: `--institucion MPTS` filters on MTPS, and says so
        "filtros": {"eje": eje, "institucion": None if institucion is None
                    else plan.resolver_institucion(institucion) or institucion},
        "umbrales": {"verde": umbrales.verde, "amarillo": umbrales.amarillo, "revisar_meta": umbrales.revisar_meta},
        "archivos_con_errores": invalidos,
        "total": {"indicadores": _conteo(sit.conteo()), "actividades": _conteo(sit.conteo_actividades())},
        "ejes": [{"id": e, "nombre": plan.eje_de[e].nombre, "indicadores": _conteo(sit.conteo(e)),
                  "actividades": _conteo(sit.conteo_actividades(e))} for e in ejes],
        "actividades": [{"id": a.id, "intervencion": a.intervencion, "eje": a.eje, "estado": a.estado,
                         "indicadores": [i.id for i in a.indicadores]} for a in sit.actividades],
        "indicadores": [indicador(i) for i in sit.indicadores],
        "completitud": [{
            "institucion": c.institucion, "periodo": str(c.periodo), "estado": c.estado,
            "vencimiento": c.vencimiento.isoformat(),
            "fecha_reporte": c.fecha_reporte.isoformat() if c.fecha_reporte else None,
            "dias_retraso": c.dias_retraso, "debidos": len(c.debidos), "recibidos": len(c.recibidos),
            "faltantes": c.faltantes, "archivo": c.archivo,
        } for c in sit.completitud],
    }


def a_json(sit: Situacion, plan: Plan, invalidos: list[str], *, eje: str | None = None,
           institucion: str | None = None) -> str:
    return texto_seguro.json(documento(sit, plan, invalidos, eje=eje, institucion=institucion)) + "\n"
