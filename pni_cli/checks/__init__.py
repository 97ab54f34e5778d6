"""Cross-file checks, one concern per module, listed in one registry (as yamllint lists its rules).

Two signatures, one per kind:

- a **plan check** looks at the whole plan: `revisar(plan: Plan) -> Iterator[Problema]`;
- a **progress-file check** looks at one progress file that passed the schema, with what it needs to know of the
  others in `Contexto`: `revisar(archivo: ArchivoAvance, ctx: Contexto) -> Iterator[Problema]`. With an unusable
  plan (`ctx.plan` None) a check does what it can without it.

Each module's docstring is its documentation, and it declares `CODIGOS`, the problem codes it owns: no other
module produces them (tests/unit/test_problemas.py). A new check is a module here, added to `PLAN` or `AVANCE`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

from . import (
    avance_archivo,
    avance_fechas,
    avance_narrativa,
    avance_reportes,
    plan_alineacion,
    plan_ids,
    plan_metas,
    plan_periodos,
    plan_referencias,
)

if TYPE_CHECKING:
    from ..avance import ArchivoAvance
    from ..plan import Plan
    from ..problemas import Problema


@dataclass
class Contexto:
    """What a progress-file check may know beyond its file: the plan (None when unusable), the cut-off date, and
    the files already seen for each institution and semester (for the duplicate check, when files are checked one
    at a time): (clave, periodo) → [(file, line, column of its `institucion`)]."""

    plan: Plan | None
    corte: dt.date
    vistos: dict[tuple[str, str], list[tuple[str, int, int]]] = field(default_factory=dict)


PLAN: tuple[ModuleType, ...] = (plan_ids, plan_referencias, plan_periodos, plan_metas, plan_alineacion)
AVANCE: tuple[ModuleType, ...] = (avance_archivo, avance_fechas, avance_reportes, avance_narrativa)


def revisar_plan(plan: Plan) -> list[Problema]:
    """Every plan check, in the registry's order."""
    return [p for modulo in PLAN for p in modulo.revisar(plan)]


def revisar_avance(archivo: ArchivoAvance, ctx: Contexto) -> list[Problema]:
    """Every progress-file check on one file that passed the schema (nothing for one that did not)."""
    if archivo.avance is None:
        return []
    return [p for modulo in AVANCE for p in modulo.revisar(archivo, ctx)]


def duplicados_pendientes(ctx: Contexto) -> list[Problema]:
    """Once every file has been checked: the duplicate problem for the first file of each institution and
    semester that has more than one (the later ones got it when they were checked)."""
    return list(avance_archivo.primeros_duplicados(ctx))

