"""Dates of a progress file: a period inside the plan and already over at the cut-off date, and a report date
after the semester's end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..periodos import Semestre
from ..problems import Problema
from ..workspace import ArchivoAvance, Plan


def revisar(plan: Plan | None, archivos: list[ArchivoAvance], corte: dt.date) -> Iterator[Problema]:
    for a in archivos:
        av = a.avance
        if av is None:
            continue
        doc = a.documento
        assert doc is not None  # pni validar never reads from the cache
        sem = Semestre.leer(av.periodo)
        if plan is not None and not plan.primer_semestre <= sem <= plan.ultimo_semestre:
            yield doc.problema("PNI305", ("periodo",),
                               f"el periodo {av.periodo} está fuera del plan, que va de {plan.primer_semestre} a "
                               f"{plan.ultimo_semestre}")
        if sem.anio < dt.MINYEAR:  # «0000-S1» matches the pattern but has no dates to compare
            if plan is None:
                yield doc.problema("PNI305", ("periodo",), f"el periodo {av.periodo} no es un semestre real")
            continue
        if sem.fin > corte:
            yield doc.problema("PNI306", ("periodo",),
                               f"el semestre {sem} termina el {sem.fin.isoformat()}, después de la fecha de corte "
                               f"({corte.isoformat()}): no se puede reportar un semestre que no ha terminado")
        if av.fecha_reporte < sem.fin:
            yield doc.problema("PNI312", ("fecha_reporte",),
                               f"la fecha del reporte ({av.fecha_reporte.isoformat()}) es anterior al cierre del "
                               f"semestre {sem} ({sem.fin.isoformat()}); ¿es el periodo correcto?")
        elif av.fecha_reporte > corte:
            yield doc.problema("PNI314", ("fecha_reporte",),
                               f"la fecha del reporte ({av.fecha_reporte.isoformat()}) es posterior a la fecha de "
                               f"corte ({corte.isoformat()})")
