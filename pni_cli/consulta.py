"""Shared by the commands that read the workspace: load it once, refuse an invalid plan, compute the situation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errores import ErrorDeUso, PlanInvalido
from .espacio import Plan
from .periodos import Semestre
from .progreso import Situacion, datos_de, evaluar


def cargar_plan_o_fallar(raiz: Path) -> Plan:
    from .workspace import cargar_plan

    plan, problemas = cargar_plan(raiz)
    errores = [p for p in problemas if p.severidad.value == "error"]
    if plan is None or errores:
        primero = errores[0] if errores else None
        donde = (f" (el primero: {primero.archivo}:{primero.linea}:{primero.columna}: {primero.mensaje})"
                 if primero else "")
        raise PlanInvalido(f"el plan tiene {len(errores)} error(es){donde}; ejecute «pni validar» para verlos todos")
    return plan


def situacion(raiz: Path, *, corte: dt.date | None, periodo: str | None, eje: str | None,
              institucion: str | None) -> tuple[Situacion, Plan, list[str]]:
    """The situation at the cut-off date, and the progress files left out because they are invalid."""
    from .cache import cargar

    plan, archivos = cargar(raiz)
    if periodo is not None:
        # the day after the last day to deliver: every report of that semester is due, missing ones are missing
        corte = semestre_del_plan(plan, periodo).vencimiento(plan.general.plazo_dias) + dt.timedelta(days=1)
    assert corte is not None
    if eje is not None and eje not in {e.id for e in plan.ejes}:
        raise ErrorDeUso(f"--eje «{eje}» no existe; los ejes son {', '.join(e.id for e in plan.ejes)}")
    if institucion is not None:
        institucion = institucion_del_plan(plan, institucion)
    invalidos = [a.ruta for a in archivos if a.avance is None]
    datos, entregas, ilustrativo = datos_de(archivos)
    sit = evaluar(plan, datos, entregas, corte, eje=eje, institucion=institucion, ilustrativo=ilustrativo)
    return sit, plan, invalidos


def semestre_del_plan(plan: Plan, periodo: str) -> Semestre:
    """`--periodo` as a semester of the plan, or a usage error that says what is expected."""
    try:
        sem = Semestre.leer(periodo.strip().upper())
    except ValueError:
        raise ErrorDeUso(f"--periodo «{periodo}»: use AAAA-S1 o AAAA-S2, p. ej. 2026-S1") from None
    if not plan.primer_semestre <= sem <= plan.ultimo_semestre:
        raise ErrorDeUso(f"--periodo {sem}: el plan va de {plan.primer_semestre} a {plan.ultimo_semestre}")
    return sem


def institucion_del_plan(plan: Plan, nombre: str) -> str:
    """`--institucion` as a clave of the catalogue (source variants such as MPTS resolve), or a usage error."""
    clave = plan.resolver_institucion(nombre.strip())
    if clave is None:
        from .checks.plan_referencias import sugerir

        raise ErrorDeUso(f"--institucion «{nombre}» no está en plan/instituciones.yaml"
                         f"{sugerir(nombre.strip().upper(), list(plan.instituciones))}")
    return clave
