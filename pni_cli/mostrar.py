"""`pni mostrar ID`: one element of the plan (eje, intervención, actividad, indicador) or an institution, with every
field (the verbatim texts of the source beside the typed reading) and where it stands at the cut-off date: for an
indicator its history semester by semester and its «ficha técnica»; for an activity or an institution the state of
each indicator across the semesters, and for an activity what the institutions told of it in their files. An id
that is nothing of the plan is a usage error (exit code 2)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from .errores import ErrorDeUso
from .opciones import corte_y_periodo, raiz_del_espacio
from .plan import Plan


def _ids_con_historia(plan: Plan, id_: str) -> list[str]:
    """The indicators whose row of states the view shows."""
    if id_ in plan.indicadores:
        return [id_]
    if id_ in plan.actividades:
        return [i.id for i in plan.actividades[id_].indicadores]
    if id_ in plan.intervenciones:
        return [i.id for a in plan.intervenciones[id_].actividades for i in a.indicadores]
    if id_ in plan.eje_de:
        return []
    clave = plan.resolver_institucion(id_)
    return [i.id for a in plan.actividades.values() if clave in a.responsables.instituciones for i in a.indicadores]


def _desconocido(plan: Plan, buscado: str) -> ErrorDeUso:
    from .lectura.escalares import pista_cifras
    from .texto_seguro import una_linea

    cifras = pista_cifras(buscado)
    if cifras:  # «٣.٢» or «３.２»: the id with other digits
        return ErrorDeUso(f"«{una_linea(buscado, 80)}» no es un id del plan{cifras}")
    opciones = [*plan.ids(), *plan.instituciones]
    parecidos = difflib.get_close_matches(buscado, opciones, n=5, cutoff=0.6)
    pista = f" ¿Quiso decir {', '.join(parecidos)}?" if parecidos else (
        " Los ids tienen la forma 3, 3.2, 3.2.1 o 3.2.1.a; una institución se nombra por su clave, p. ej. MTPS; los "
        "objetivos del Pacto Mundial, O1 a O23, y sus principios rectores, P1 a P10.")
    return ErrorDeUso(f"«{una_linea(buscado, 80)}» no es un eje, intervención, actividad, indicador ni institución "
                      f"del plan.{pista}")


def ejecutar(*, id_: str, raiz: Path | None, corte: str | None = None, periodo: str | None = None) -> int:
    from .consultas import estados_por_semestre
    from .evaluacion import evaluar_cargado
    from .lectura.cache import cargar
    from .narrativa import relatos
    from .render.mostrar import texto_elemento
    from .terminal import ancho, color_en

    corte_y_periodo(corte, periodo)
    plan, archivos = cargar(raiz_del_espacio(raiz))
    buscado = id_.strip().rstrip(".")
    if (pmm := _objetivo_o_principio(plan, buscado)) is not None:
        sys.stdout.write(pmm)
        return 0
    if (otro := _fuera_del_pacto(plan, buscado)) is not None:
        from .texto_seguro import una_linea

        raise ErrorDeUso(f"«{una_linea(buscado, 80)}» {otro}")
    es_del_plan = buscado in plan.eje_de
    clave = None if es_del_plan else plan.resolver_institucion(buscado)
    if not es_del_plan and clave is None:
        raise _desconocido(plan, buscado)
    eje = plan.eje_de[buscado].id if es_del_plan else None
    ev = evaluar_cargado(plan, archivos, corte=corte, periodo=periodo, eje=eje, institucion=clave)
    historia = estados_por_semestre(plan, archivos, _ids_con_historia(plan, buscado), ev.situacion.corte)
    # what the institutions told of an activity: only in the files that count at the cut-off date
    narrados = relatos(plan, ev.avances_contados(), actividades={buscado}) if buscado in plan.actividades else []
    texto = texto_elemento(plan, buscado, color=color_en(sys.stdout), ancho=ancho(), sit=ev.situacion,
                           historia=historia, relatos=narrados)
    if texto is None:  # pragma: no cover - resolved above
        raise _desconocido(plan, buscado)
    sys.stdout.write(texto)
    return 0


def _fuera_del_pacto(plan: Plan, buscado: str) -> str | None:
    """For «O24» or «P11»: what the objectives or principles are."""
    from .objetivos import id_de_objetivo, id_de_principio

    if id_de_objetivo(buscado) is not None and plan.objetivos and plan.objetivos.objetivos:
        ids = [o.id for o in plan.objetivos.objetivos]
        return f"no es un objetivo del Pacto Mundial: van de O{min(ids)} a O{max(ids)}."
    if id_de_principio(buscado) is not None and plan.principios and plan.principios.principios:
        principios = [p.id for p in plan.principios.principios]
        return f"no es un principio rector del Pacto Mundial: van de {principios[0]} a {principios[-1]}."
    return None


def _objetivo_o_principio(plan: Plan, buscado: str) -> str | None:
    """«O21» (an objective of the GCM) or «P6» (a guiding principle), with their activities."""
    from .objetivos import id_de_objetivo, id_de_principio
    from .terminal import ancho, color_en

    if (n := id_de_objetivo(buscado)) is not None:
        from .render.objetivos_terminal import texto_mostrar_objetivo

        return texto_mostrar_objetivo(plan, n, color=color_en(sys.stdout), ancho=ancho())
    if (p := id_de_principio(buscado)) is not None:
        from .render.objetivos_terminal import texto_mostrar_principio

        return texto_mostrar_principio(plan, p, color=color_en(sys.stdout), ancho=ancho())
    return None
