"""Time in the plan: activity windows inside the vigencia, and coherent semáforo thresholds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..problemas import Problema

if TYPE_CHECKING:
    from ..plan import Plan

PERIODO_FUERA_VIGENCIA = "PNI205"
SEMAFORO_UMBRALES = "PNI209"
CODIGOS = frozenset({PERIODO_FUERA_VIGENCIA, SEMAFORO_UMBRALES})


def revisar(plan: Plan) -> Iterator[Problema]:
    vig = plan.general.vigencia
    for act in plan.actividades.values():
        p = act.periodo
        if p.desde > p.hasta:
            yield plan.problema_de(PERIODO_FUERA_VIGENCIA, act.id, ("periodo",),
                                   f"el periodo de la actividad {act.id} empieza ({p.desde}) después de terminar "
                                   f"({p.hasta})")
        elif p.desde < vig.desde or p.hasta > vig.hasta:
            yield plan.problema_de(PERIODO_FUERA_VIGENCIA, act.id, ("periodo",),
                                   f"el periodo de la actividad {act.id} ({p.desde}-{p.hasta}) sale de la vigencia "
                                   f"del plan ({vig.desde}-{vig.hasta})")
    s = plan.general.semaforo
    if not (0 < s.amarillo < s.verde <= 100 < s.revisar_meta):
        yield plan.problema_en(SEMAFORO_UMBRALES, "plan.yaml", ("semaforo",),
                               f"umbrales del semáforo incoherentes (verde {s.verde}, amarillo {s.amarillo}, "
                               f"revisar_meta {s.revisar_meta}): debe cumplirse 0 < amarillo < verde ≤ 100 < "
                               "revisar_meta")
    if plan.primer_semestre > plan.ultimo_semestre:
        yield plan.problema_en(SEMAFORO_UMBRALES, "plan.yaml", ("primer_periodo",),
                               "el primer periodo es posterior al último")
    if vig.desde > vig.hasta:
        yield plan.problema_en(PERIODO_FUERA_VIGENCIA, "plan.yaml", ("vigencia",),
                               f"la vigencia del plan empieza ({vig.desde}) después de terminar ({vig.hasta})")
    for campo, sem in (("primer_periodo", plan.primer_semestre), ("ultimo_periodo", plan.ultimo_semestre)):
        if not vig.desde <= sem.anio <= vig.hasta:
            yield plan.problema_en(PERIODO_FUERA_VIGENCIA, "plan.yaml", (campo,),
                                   f"{campo} {sem} sale de la vigencia del plan ({vig.desde}-{vig.hasta})")
