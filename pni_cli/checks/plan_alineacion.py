"""The plan's alignment with the Global Compact for Migration (PMM): every objective and principle an activity or
an indicator names exists (plan/objetivos-pmm.yaml, plan/principios-pmm.yaml), every activity is linked to at
least one objective or principle, a proposed link says why, and no list names the same objective twice.

Only an unknown objective or principle is an error (it would put an activity under an objective that does not
exist); the others are warnings, so that an activity added to the plan and not yet aligned never stops the
semáforo."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Literal

from ..plan import VinculoObjetivo
from ..problemas import Problema

if TYPE_CHECKING:
    from ..plan import Plan, VinculoPrincipio

ALINEACION_DESCONOCIDA = "PNI220"
ACTIVIDAD_SIN_ALINEACION = "PNI221"
ALINEACION_SIN_RAZON = "PNI222"
ALINEACION_REPETIDA = "PNI223"
CODIGOS = frozenset({ALINEACION_DESCONOCIDA, ACTIVIDAD_SIN_ALINEACION, ALINEACION_SIN_RAZON, ALINEACION_REPETIDA})


def revisar(plan: Plan) -> Iterator[Problema]:
    objetivos = [str(o.id) for o in plan.objetivos.objetivos] if plan.objetivos is not None else None
    principios = [p.id for p in plan.principios.principios] if plan.principios is not None else None
    sin_archivo: set[str] = set()  # a missing file is said once, not at every link
    for act in plan.actividades.values():
        if not act.objetivos_pmm and not act.principios_pmm and not any(i.objetivos_pmm for i in act.indicadores):
            yield plan.problema_de(ACTIVIDAD_SIN_ALINEACION, act.id, ("id",),
                                   f"la actividad {act.id} no tiene ningún objetivo ni principio del PMM: agregue "
                                   "«objetivos_pmm» (o «principios_pmm», si es un medio de implementación del plan) "
                                   "con origen y razón")
        yield from _lista(plan, act.id, "objetivo", act.objetivos_pmm, objetivos, sin_archivo)
        yield from _lista(plan, act.id, "principio", act.principios_pmm, principios, sin_archivo)
        for ind in act.indicadores:
            if ind.objetivos_pmm is not None:
                yield from _lista(plan, ind.id, "objetivo", ind.objetivos_pmm, objetivos, sin_archivo)


_ARCHIVO = {"objetivo": ("objetivos-pmm.yaml", "los 23 objetivos"),
            "principio": ("principios-pmm.yaml", "los 10 principios rectores")}


def _lista(plan: Plan, id_: str, que: Literal["objetivo", "principio"],
           vinculos: Sequence[VinculoObjetivo | VinculoPrincipio], conocidos: list[str] | None,
           sin_archivo: set[str]) -> Iterator[Problema]:
    """One list of links (`objetivos_pmm` or `principios_pmm`) of an activity or an indicator."""
    archivo, contenido = _ARCHIVO[que]
    vistos: set[str] = set()
    for n, v in enumerate(vinculos):
        ruta = (f"{que}s_pmm", n)
        valor = str(v.objetivo if isinstance(v, VinculoObjetivo) else v.principio)
        if conocidos is None:
            if que not in sin_archivo and archivo not in plan.documentos:
                sin_archivo.add(que)
                yield plan.problema_de(ALINEACION_DESCONOCIDA, id_, (*ruta, que),
                                       f"{id_} se vincula con el {que} {valor} del PMM, pero falta plan/{archivo} "
                                       f"({contenido})")
        elif valor not in conocidos:
            lista = f": {conocidos[0]} a {conocidos[-1]}" if conocidos else ""
            yield plan.problema_de(ALINEACION_DESCONOCIDA, id_, (*ruta, que),
                                   f"el {que} «{valor}» de {id_} no está en plan/{archivo}{lista}")
        if valor in vistos:
            yield plan.problema_de(ALINEACION_REPETIDA, id_, (*ruta, que),
                                   f"{id_} nombra dos veces el {que} {valor}; deje un solo vínculo")
        vistos.add(valor)
        if v.origen == "propuesta" and not (v.razon or "").strip():
            yield plan.problema_de(ALINEACION_SIN_RAZON, id_, ruta,
                                   f"el vínculo propuesto de {id_} con el {que} {valor} no dice por qué: agregue "
                                   "«razon» con las palabras de la actividad que lo sostienen")
