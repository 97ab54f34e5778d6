"""Ids of the plan: unique, and each one built on its parent's (3 → 3.2 → 3.2.1 → 3.2.1.a)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..problemas import Problema

if TYPE_CHECKING:
    from ..plan import Plan

ID_DUPLICADO = "PNI202"
ID_PREFIJO = "PNI203"
CODIGOS = frozenset({ID_DUPLICADO, ID_PREFIJO})


def revisar(plan: Plan) -> Iterator[Problema]:
    vistos: dict[str, str] = {}
    for eje in plan.ejes:
        archivo = Path(plan.archivos_eje[eje.id]).name

        def unico(id_: str, ruta: tuple[str | int, ...], archivo: str = archivo,
                  ruta_eje: str = plan.archivos_eje[eje.id]) -> Iterator[Problema]:
            if id_ in vistos:
                yield plan.problema_en(ID_DUPLICADO, archivo, (*ruta, "id"),
                                       f"el id «{id_}» ya se usa en {vistos[id_]}; cada elemento necesita un id propio")
            else:
                doc = plan.documentos.get(archivo)
                linea = f", línea {doc.donde((*ruta, 'id'))[0]}" if doc is not None else ""
                vistos[id_] = f"{ruta_eje}{linea}"

        yield from unico(eje.id, ())
        for i, itv in enumerate(eje.intervenciones):
            ri = ("intervenciones", i)
            yield from unico(itv.id, ri)
            if not itv.id.startswith(eje.id + "."):
                yield plan.problema_en(ID_PREFIJO, archivo, (*ri, "id"),
                                       f"la intervención «{itv.id}» está en el eje {eje.id}: su id debe empezar por "
                                       f"«{eje.id}.»")
            for j, act in enumerate(itv.actividades):
                ra = (*ri, "actividades", j)
                yield from unico(act.id, ra)
                if not act.id.startswith(itv.id + "."):
                    yield plan.problema_en(ID_PREFIJO, archivo, (*ra, "id"),
                                           f"la actividad «{act.id}» está en la intervención {itv.id}: su id debe "
                                           f"empezar por «{itv.id}.»")
                for k, ind in enumerate(act.indicadores):
                    rk = (*ra, "indicadores", k)
                    yield from unico(ind.id, rk)
                    esperado = f"{act.id}.{chr(ord('a') + k)}"
                    if not ind.id.startswith(act.id + "."):
                        yield plan.problema_en(ID_PREFIJO, archivo, (*rk, "id"),
                                               f"el indicador «{ind.id}» está en la actividad {act.id}: su id debe "
                                               f"empezar por «{act.id}.» (¿quiso decir {esperado}?)")
                    elif ind.id != esperado:
                        yield plan.problema_en(ID_PREFIJO, archivo, (*rk, "id"),
                                               f"los indicadores van con letras en orden (a, b, c…): se esperaba "
                                               f"«{esperado}» y se encontró «{ind.id}»")
