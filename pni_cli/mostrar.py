"""`pni mostrar ID`: one element of the plan (eje, intervención, actividad, indicador) or an institution, with every
field: the verbatim texts of the source beside the typed reading."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from .lectura.espacio import cargar_plan_o_fallar
from .opciones import raiz_del_espacio


def ejecutar(*, id_: str, raiz: Path | None) -> int:
    from .render.mostrar import texto_elemento
    from .terminal import ancho, color_en

    plan = cargar_plan_o_fallar(raiz_del_espacio(raiz))
    buscado = id_.strip()
    texto = texto_elemento(plan, buscado, color=color_en(sys.stdout), ancho=ancho())
    if texto is not None:
        sys.stdout.write(texto)
        return 0
    from .texto_seguro import una_linea

    opciones = [*plan.ids(), *plan.instituciones]
    parecidos = difflib.get_close_matches(buscado, opciones, n=5, cutoff=0.6)
    pista = f" ¿Quiso decir {', '.join(parecidos)}?" if parecidos else (
        " Los ids tienen la forma 3, 3.2, 3.2.1 o 3.2.1.a.")
    sys.stderr.write(f"pni: «{una_linea(buscado, 80)}» no es un eje, intervención, actividad, indicador ni institución "
                     f"del plan.{pista}\n")
    return 1
