"""What of the progress files counts at a cut-off date, for every view of the semáforo (estado, reporte, cambios):

- a file counts only if its `fecha_reporte` is on or before the cut-off date (rule 2): a past cut-off shows what
  was known that day; a file delivered later is listed apart (`posteriores`), never counted;
- a file with any error of `pni validar` is left out whole (rule 3), and so are both files when two report the
  same institution and semester; each is listed with its number of errors and its codes, and its delivery shows
  as «con errores», not as missing. Warnings do not leave a file out.

Pure: the files come in loaded (through the cache), the checks are those of pni_cli/checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .avance import MAX_PLAUSIBLE, ArchivoAvance
from .checks import Contexto, duplicados_pendientes, revisar_avance
from .periodos import Semestre
from .plan import Plan
from .problemas import Problema, Severidad
from .progreso import ArchivoConErrores, Dato, Entrega


@dataclass
class Entradas:
    datos: list[Dato] = field(default_factory=list)
    entregas: list[Entrega] = field(default_factory=list)
    excluidos: list[ArchivoConErrores] = field(default_factory=list)
    posteriores: list[str] = field(default_factory=list)
    ilustrativo: bool = False


def _de_la_ruta(plan: Plan, ruta: str) -> tuple[str | None, Semestre | None]:
    """avances/<periodo>/<CLAVE>.yaml → (clave, semestre), for a file whose content cannot be read."""
    partes = PurePosixPath(ruta).parts
    if len(partes) != 3 or partes[0] != "avances":
        return None, None
    try:
        sem = Semestre.leer(partes[1])
    except ValueError:
        return None, None
    return plan.resolver_institucion(PurePosixPath(partes[2]).stem), sem


def entradas(plan: Plan, archivos: list[ArchivoAvance], corte: dt.date) -> Entradas:
    out = Entradas()
    ctx = Contexto(plan, corte)
    problemas: dict[str, list[Problema]] = {}
    visibles: list[ArchivoAvance] = []
    for a in archivos:
        av = a.avance
        if av is not None and av.fecha_reporte > corte:
            out.posteriores.append(a.ruta)
            continue
        problemas[a.ruta] = [*a.problemas, *revisar_avance(a, ctx)]
        visibles.append(a)
    for p in duplicados_pendientes(ctx):
        problemas.setdefault(p.archivo, []).append(p)
    for a in visibles:
        errores = [p for p in problemas.get(a.ruta, []) if p.severidad is Severidad.ERROR]
        av = a.avance
        if errores or av is None:
            clave: str | None
            semestre: Semestre | None
            if av is not None:
                clave, semestre = plan.resolver_institucion(av.institucion) or av.institucion, Semestre.leer(av.periodo)
            else:
                clave, semestre = _de_la_ruta(plan, a.ruta)
            codigos = tuple(sorted({p.codigo for p in errores}))
            out.excluidos.append(ArchivoConErrores(a.ruta, clave, semestre, len(errores), codigos))
            continue
        out.ilustrativo = out.ilustrativo or av.ilustrativo
        sem = Semestre.leer(av.periodo)
        out.entregas.append(Entrega(av.institucion, sem, av.fecha_reporte, a.ruta,
                                    frozenset(r.indicador for r in av.reportes)))
        for r in av.reportes:
            if not 0 <= r.valor <= MAX_PLAUSIBLE:  # pragma: no cover - refused by validar (PNI307): never here
                continue
            out.datos.append(Dato(r.indicador, av.institucion, sem, float(r.valor), av.fecha_reporte,
                                  tuple(r.evidencia), r.observaciones, a.ruta))
    return out
