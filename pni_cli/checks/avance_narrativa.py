"""The narrative of a progress file (`actividades`: logros, dificultades, próximos pasos per activity): each entry
names an activity of the plan (an error otherwise, as for an unknown indicator), of which the institution is a
responsable and which is active in the semester reported (warnings: the text is kept and shown with the
institution's name), and once per file (a warning: both texts are kept)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..periodos import Semestre
from ..problemas import Problema

if TYPE_CHECKING:
    from ..avance import ArchivoAvance
    from ..plan import Plan
    from . import Contexto

ACTIVIDAD_DESCONOCIDA = "PNI330"
NARRATIVA_NO_RESPONSABLE = "PNI331"
NARRATIVA_FUERA_DE_PERIODO = "PNI332"
NARRATIVA_REPETIDA = "PNI333"
CODIGOS = frozenset({ACTIVIDAD_DESCONOCIDA, NARRATIVA_NO_RESPONSABLE, NARRATIVA_FUERA_DE_PERIODO,
                     NARRATIVA_REPETIDA})


def revisar(archivo: ArchivoAvance, ctx: Contexto) -> Iterator[Problema]:
    plan, av = ctx.plan, archivo.avance
    if plan is None or av is None or not av.actividades:
        return
    sem = Semestre.leer(av.periodo)
    clave = plan.resolver_institucion(av.institucion) or av.institucion
    propias = [a.id for a in plan.actividades.values() if clave in a.responsables.instituciones]
    vistas: dict[str, int] = {}
    for i, narrativa in enumerate(av.actividades):
        ruta = ("actividades", i, "actividad")
        id_ = narrativa.actividad
        act = plan.actividades.get(id_)
        if act is None:
            yield archivo.problema(ACTIVIDAD_DESCONOCIDA, ruta,
                                   f"la actividad «{id_}» no existe en el plan{_sugerir(id_, propias, plan)}")
            continue
        if id_ in vistas:
            linea = archivo.linea(("actividades", vistas[id_]))
            donde = f" (línea {linea})" if linea else ""
            yield archivo.problema(NARRATIVA_REPETIDA, ruta,
                                   f"la actividad {id_} ya tiene logros, dificultades o próximos pasos en este "
                                   f"archivo{donde}; reúna los textos en una sola entrada (se muestran los dos)")
            continue
        vistas[id_] = i
        if clave in plan.instituciones and clave not in act.responsables.instituciones:
            yield archivo.problema(NARRATIVA_NO_RESPONSABLE, ruta,
                                   f"{clave} no figura entre los responsables de la actividad {id_} "
                                   f"({', '.join(act.responsables.instituciones)}); el texto se guarda y se muestra "
                                   f"con el nombre de {clave}")
        ventana = plan.ventana(act)
        if sem not in ventana:
            periodo = f"{ventana[0]} a {ventana[-1]}" if ventana else "ningún semestre del plan"
            yield archivo.problema(NARRATIVA_FUERA_DE_PERIODO, ruta,
                                   f"la actividad {id_} tiene periodo «{act.periodo.texto or 'sin periodo'}» "
                                   f"({periodo}): no se espera nada de ella en {sem}; el texto se guarda "
                                   "igualmente")


def _sugerir(id_: str, propias: list[str], plan: Plan) -> str:
    """Close ids among the institution's own activities first, then among all of the plan's."""
    parecidas = difflib.get_close_matches(id_, propias, n=3, cutoff=0.6) or difflib.get_close_matches(
        id_, list(plan.actividades), n=3, cutoff=0.7)
    return f"; ¿quiso decir {' o '.join(parecidas)}?" if parecidas else ""
