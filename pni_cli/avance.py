"""A progress file (informe de avance) as the tool computes with it: one institution's reports for one semester,
and `ArchivoAvance`, the file on disk with what it holds and where each value sits.

Built from the validated file contract (pni_cli/modelos.py) by `modelos.a_dominio`, or read back from the cache;
nothing here imports pydantic or a YAML parser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .problemas import Problema, problema

if TYPE_CHECKING:
    from .lectura.documento import Documento, Ruta

# No indicator of the plan counts, averages or measures anything near a trillion: a larger value is a typo (extra
# digits, a pasted identifier), refused by pni validar (PNI307), and it would overflow the semáforo's sums and ratios.
MAX_PLAUSIBLE = 10**12

EstadoDeclarado = Literal["no_iniciada", "en_curso", "completada", "suspendida"]
"""What the institution says of the activity (the `estado` of a report), not the computed semáforo."""


@dataclass(frozen=True, slots=True)
class Reporte:
    """One indicator's value in a progress file."""

    indicador: str
    valor: float | int
    desglose: dict[str, dict[str, float | int]] | None = None
    estado: EstadoDeclarado | None = None
    evidencia: tuple[str, ...] = ()
    observaciones: str | None = None


@dataclass(frozen=True, slots=True)
class NarrativaActividad:
    """What happened in the semester in one activity, in the institution's words."""

    actividad: str
    logros: str | None = None
    dificultades: str | None = None
    proximos_pasos: str | None = None


@dataclass(frozen=True, slots=True)
class Avance:
    """One institution's progress file for one semester (avances/<periodo>/<institucion>.yaml)."""

    periodo: str
    institucion: str
    fecha_reporte: dt.date
    reportado_por: str | None = None
    ilustrativo: bool = False
    reportes: tuple[Reporte, ...] = ()
    actividades: tuple[NarrativaActividad, ...] = ()


@dataclass
class ArchivoAvance:
    """One progress file: its name in the workspace, what it holds (None when it does not pass the schema), the
    problems found while reading it (YAML and schema; the checks of pni_cli/checks come on top) and, when it was
    read from disk, its document (where each value sits). A file taken from the cache has no document: a problem
    found in it is placed at the whole file (line 0)."""

    ruta: str
    documento: Documento | None
    avance: Avance | None
    problemas: list[Problema] = field(default_factory=list)

    def problema(self, codigo: str, ruta: Ruta, mensaje: str) -> Problema:
        if self.documento is None:
            return problema(codigo, self.ruta, 0, 0, mensaje)
        return self.documento.problema(codigo, ruta, mensaje)

    def linea(self, ruta: Ruta) -> int:
        """The line of the value at `ruta`, 0 when unknown (a file from the cache)."""
        return self.documento.donde(ruta)[0] if self.documento is not None else 0
