"""References inside the plan: responsables in the catalogue, metas por definir pointing at real activities, and a
catalogue whose claves, siglas and aliases are unambiguous. (The links to the GCM's objectives and principles are
checked by plan_alineacion.)"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..problemas import Problema

if TYPE_CHECKING:
    from ..plan import Plan

RESPONSABLE_DESCONOCIDO = "PNI204"
META_REFERIDA_INEXISTENTE = "PNI206"
INSTITUCION_DUPLICADA = "PNI207"
CODIGOS = frozenset({RESPONSABLE_DESCONOCIDO, META_REFERIDA_INEXISTENTE, INSTITUCION_DUPLICADA})


def sugerir(valor: str, opciones: list[str]) -> str:
    parecido = difflib.get_close_matches(valor, opciones, n=1, cutoff=0.6)
    return f"; ¿quiso decir «{parecido[0]}»?" if parecido else ""


def revisar(plan: Plan) -> Iterator[Problema]:
    claves = list(plan.instituciones)
    for act in plan.actividades.values():
        for n, clave in enumerate(act.responsables.instituciones):
            if clave not in plan.instituciones:
                yield plan.problema_de(RESPONSABLE_DESCONOCIDO, act.id, ("responsables", "instituciones", n),
                                       f"el responsable «{clave}» de la actividad {act.id} no está en "
                                       f"plan/instituciones.yaml{sugerir(clave, claves)}")
    for ind in plan.indicadores.values():
        destino = ind.meta.definida_en
        if ind.meta.tipo == "por_definir" and destino and destino not in plan.actividades:
            yield plan.problema_de(META_REFERIDA_INEXISTENTE, ind.id, ("meta", "definida_en"),
                                   f"la meta de {ind.id} remite a la actividad «{destino}», que no existe"
                                   f"{sugerir(destino, list(plan.actividades))}")
    vistos: dict[str, str] = {}
    for i, inst in enumerate(plan.instituciones.values()):
        for nombre in {inst.clave, inst.siglas or "", *inst.alias} - {""}:
            k = nombre.upper()
            if k in vistos and vistos[k] != inst.clave:
                yield plan.problema_en(INSTITUCION_DUPLICADA, "instituciones.yaml", ("instituciones", i),
                                       f"«{nombre}» identifica a la vez a {vistos[k]} y a {inst.clave}; "
                                       "cada clave, sigla o alias debe ser de una sola institución")
            vistos.setdefault(k, inst.clave)
