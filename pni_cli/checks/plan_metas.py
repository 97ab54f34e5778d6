"""The typed reading of each meta fits its activity: a `vence` and the periods of a `programacion` fall inside the
activity's window, and the lead of `combinar: responsable` is one of the activity's responsables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..periodos import Semestre
from ..problemas import Problema

if TYPE_CHECKING:
    from ..plan import Plan

META_FUERA_DE_PERIODO = "PNI210"
RESPONSABLE_PRINCIPAL = "PNI211"
CODIGOS = frozenset({META_FUERA_DE_PERIODO, RESPONSABLE_PRINCIPAL})


def revisar(plan: Plan) -> Iterator[Problema]:
    for ind in plan.indicadores.values():
        act = plan.actividad_de[ind.id]
        meta = ind.meta
        ventana = plan.ventana(act)
        if not ventana:
            continue
        desde, hasta = ventana[0], ventana[-1]
        if meta.vence is not None and not desde <= Semestre.leer(meta.vence) <= hasta:
            yield plan.problema_de(META_FUERA_DE_PERIODO, ind.id, ("meta", "vence"),
                                   f"«vence: {meta.vence}» de {ind.id} sale del periodo de su actividad ({desde} a "
                                   f"{hasta})")
        anios = {s.anio for s in ventana}
        for n, etapa in enumerate(meta.programacion):
            dentro = (int(etapa.periodo) in anios if len(etapa.periodo) == 4
                      else Semestre.leer(etapa.periodo) in ventana)
            if not dentro:
                yield plan.problema_de(META_FUERA_DE_PERIODO, ind.id, ("meta", "programacion", n, "periodo"),
                                       f"la programación de {ind.id} pone una meta en {etapa.periodo}, fuera del "
                                       f"periodo de su actividad ({desde} a {hasta})")
        principal = meta.responsable_principal
        if principal is not None and principal not in act.responsables.instituciones:
            yield plan.problema_de(RESPONSABLE_PRINCIPAL, ind.id, ("meta", "responsable_principal"),
                                   f"«responsable_principal: {principal}» de {ind.id} no es responsable de la "
                                   f"actividad {act.id} ({', '.join(act.responsables.instituciones)})")
