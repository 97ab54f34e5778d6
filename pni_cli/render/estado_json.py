"""`pni estado --formato json`: a stable document for scripts and dashboards (documented in the README, field by
field).

Version 2. The keys of version 1 keep their meaning (`archivos_con_errores` now lists objects, with each file's
errors and codes); new keys may be added within a version, never change meaning.
"""

from __future__ import annotations

from typing import Any

from .. import texto_seguro
from ..plan import Plan
from ..progreso import ESTADOS, Completitud, EstadoIndicador, Situacion, Tramo, ValorSemestre

VERSION = 2


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _conteo(c: dict[str, int]) -> dict[str, int]:
    return {e: c.get(e, 0) for e in ESTADOS}


def _tramo(t: Tramo) -> dict[str, Any]:
    return {"periodo": t.periodo, "meta": _r(t.meta), "esperado": _r(t.esperado), "reportado": _r(t.reportado),
            "acreditado": _r(t.acreditado), "semestres_evaluados": t.semestres_evaluados, "semestres": t.semestres}


def _semestre(v: ValorSemestre) -> dict[str, Any]:
    return {"periodo": str(v.periodo), "momento": v.momento, "valores": {k: _r(x) for k, x in v.valores.items()},
            "combinado": _r(v.combinado), "esperado": _r(v.esperado), "faltan": list(v.faltan)}


def indicador(e: EstadoIndicador) -> dict[str, Any]:
    return {
        "id": e.id, "actividad": e.actividad, "intervencion": e.intervencion, "eje": e.eje,
        "tipo": e.tipo, "frecuencia": e.frecuencia, "estado": e.estado,
        "esperado": _r(e.esperado), "reportado": _r(e.reportado), "logro": _r(e.logro),
        "meta_final": _r(e.meta_final), "semestres_evaluados": e.semestres_evaluados,
        "semestres_ventana": e.semestres_ventana, "revisar_meta": e.revisar_meta,
        "discrepancia": e.discrepancia, "ultimo_periodo": str(e.ultimo_periodo) if e.ultimo_periodo else None,
        "instituciones": e.instituciones,
        # version 2
        "acumulacion": e.acumulacion, "combinar": e.combinar, "acreditado": _r(e.acreditado), "final": e.final,
        "vence": str(e.vence) if e.vence else None, "informes_debidos": e.informes_debidos,
        "informes_faltantes": [{"institucion": c, "periodo": str(s)} for c, s in e.informes_faltantes],
        "disminucion": e.disminucion, "tramos": [_tramo(t) for t in e.tramos],
        "historia": [_semestre(v) for v in e.historia],
    }


def _entrega(c: Completitud) -> dict[str, Any]:
    return {
        "institucion": c.institucion, "periodo": str(c.periodo), "estado": c.estado,
        "vencimiento": c.vencimiento.isoformat(),
        "fecha_reporte": c.fecha_reporte.isoformat() if c.fecha_reporte else None,
        "dias_retraso": c.dias_retraso, "debidos": len(c.debidos), "recibidos": len(c.recibidos),
        "faltantes": c.faltantes, "archivo": c.archivo,
        # version 2
        "tarde": c.tarde, "incompleto": c.incompleto, "en_plazo": c.en_plazo, "errores": c.errores,
        "codigos": list(c.codigos),
    }


def documento(sit: Situacion, plan: Plan, invalidos: list[str] | None = None, *, eje: str | None = None,
              institucion: str | None = None) -> dict[str, Any]:
    ejes = sorted({i.eje for i in sit.indicadores})
    umbrales = plan.general.semaforo
    return {
        "version": VERSION,
        "corte": sit.corte.isoformat(),
        "semestres_evaluados": [str(s) for s in sit.evaluados],
        "en_plazo": [{"periodo": str(p.periodo), "vence": p.vence.isoformat(), "debidos": p.debidos,
                      "recibidos": p.recibidos} for p in sit.en_plazo],
        "ilustrativo": sit.ilustrativo,
        # the resolved key: `--institucion MPTS` filters on MTPS, and says so
        "filtros": {"eje": sit.filtro_eje if eje is None else eje,
                    "institucion": sit.filtro_institucion if institucion is None
                    else plan.resolver_institucion(institucion) or institucion},
        "umbrales": {"verde": umbrales.verde, "amarillo": umbrales.amarillo, "revisar_meta": umbrales.revisar_meta},
        "plazo_dias": plan.general.plazo_dias,
        "archivos_con_errores": [{"archivo": a.archivo, "institucion": a.institucion,
                                  "periodo": str(a.periodo) if a.periodo else None, "errores": a.errores,
                                  "codigos": list(a.codigos)} for a in sit.excluidos],
        "archivos_posteriores_al_corte": sit.posteriores,
        "total": {"indicadores": _conteo(sit.conteo()), "actividades": _conteo(sit.conteo_actividades())},
        "ejes": [{"id": e, "nombre": plan.eje_de[e].nombre, "indicadores": _conteo(sit.conteo(e)),
                  "actividades": _conteo(sit.conteo_actividades(e))} for e in ejes],
        "actividades": [{"id": a.id, "intervencion": a.intervencion, "eje": a.eje, "estado": a.estado,
                         "indicadores": [i.id for i in a.indicadores]} for a in sit.actividades],
        "indicadores": [indicador(i) for i in sit.indicadores],
        "completitud": [_entrega(c) for c in sit.completitud],
        "deudas": [{"institucion": d.clave, "nombre": d.nombre, "faltantes": [str(s) for s in d.faltantes],
                    "con_errores": [str(c.periodo) for c in d.con_errores],
                    "incompletos": [str(c.periodo) for c in d.incompletos],
                    "tardios": [{"periodo": str(c.periodo), "dias": c.dias_retraso} for c in d.tardios],
                    "pendientes": [str(c.periodo) for c in d.pendientes],
                    "sin_ningun_informe": d.sin_ningun_informe} for d in sit.deudas],
    }


def a_json(sit: Situacion, plan: Plan, invalidos: list[str] | None = None, *, eje: str | None = None,
           institucion: str | None = None) -> str:
    return texto_seguro.json(documento(sit, plan, invalidos, eje=eje, institucion=institucion)) + "\n"
