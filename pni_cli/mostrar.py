"""`pni mostrar ID`: one element of the plan (eje, intervención, actividad, indicador) or an institution, with every
field: the verbatim texts of the source beside the typed reading."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from .lectura.espacio import cargar_plan_o_fallar
from .opciones import raiz_del_espacio
from .plan import Plan


def ejecutar(*, id_: str, raiz: Path | None) -> int:
    from .render.mostrar import texto_elemento
    from .terminal import ancho, color_en

    plan = cargar_plan_o_fallar(raiz_del_espacio(raiz))
    buscado = id_.strip()
    texto = _objetivo_o_principio(plan, buscado) or texto_elemento(plan, buscado, color=color_en(sys.stdout),
                                                                    ancho=ancho())
    if texto is not None:
        sys.stdout.write(texto)
        return 0
    from .texto_seguro import una_linea

    if (otro := _fuera_del_pacto(plan, buscado)) is not None:
        sys.stderr.write(f"pni: «{una_linea(buscado, 80)}» {otro}\n")
        return 1
    opciones = [*plan.ids(), *plan.instituciones]
    parecidos = difflib.get_close_matches(buscado, opciones, n=5, cutoff=0.6)
    pista = f" ¿Quiso decir {', '.join(parecidos)}?" if parecidos else (
        " Los ids tienen la forma 3, 3.2, 3.2.1 o 3.2.1.a; los objetivos del Pacto Mundial, O1 a O23, y sus "
        "principios rectores, P1 a P10.")
    sys.stderr.write(f"pni: «{una_linea(buscado, 80)}» no es un eje, intervención, actividad, indicador ni institución "
                     f"del plan.{pista}\n")
    return 1


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
