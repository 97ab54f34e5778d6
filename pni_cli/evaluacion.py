"""The workspace evaluated at a cut-off date, for the commands that show the semáforo (estado, reporte): the plan
and the progress files through the cache, the options read against the plan, the files that count at that date
(pni_cli/entradas.py) and the engine's situation. The situation and the names of the files that count are kept in
the cache under the digests of every input file, the date, the eje and the institution (lectura/cache.py): the
same question asked again of the same files gets the same answer without computing it again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .avance import ArchivoAvance, Avance
from .entradas import entradas
from .lectura.cache import cargar_con_huella, evaluacion_guardada, guardar_evaluacion
from .opciones import dia_siguiente_al_plazo, eje_del_plan, fecha_de_corte, institucion_del_plan
from .plan import Plan
from .progreso import Situacion, evaluar


@dataclass
class Evaluacion:
    """The plan and the situation at the cut-off date (which names the files left out and why), and the progress
    files it was computed from (for a view that looks at other dates too: `pni mostrar`)."""

    plan: Plan
    situacion: Situacion
    archivos: list[ArchivoAvance] = field(default_factory=list)
    contados: frozenset[str] = frozenset()  # the progress files that count at the cut-off date

    @property
    def invalidos(self) -> list[str]:
        return self.situacion.invalidos

    def avances_contados(self) -> list[Avance]:
        """The progress files that count at the cut-off date (valid, delivered by then), for what the engine does
        not keep: the breakdowns and the narrative (pni_cli/objetivos.py)."""
        return [a.avance for a in self.archivos if a.avance is not None and a.ruta in self.contados]


def evaluar_espacio(raiz: Path, *, corte: str | None, periodo: str | None, eje: str | None,
                    institucion: str | None) -> Evaluacion:
    """The situation at `corte` (or the day after `periodo`'s deadline), optionally for one eje and/or one
    institution (a source variant such as MPTS is read as its clave)."""
    plan, archivos, huella = cargar_con_huella(raiz)
    fecha, eje, institucion = _opciones(plan, corte, periodo, eje, institucion)
    clave = None if huella is None else (huella, fecha, eje, institucion)
    guardada = evaluacion_guardada(raiz, clave) if clave is not None else None
    if (isinstance(guardada, tuple) and len(guardada) == 2 and isinstance(guardada[0], Situacion)
            and isinstance(guardada[1], frozenset)):
        return Evaluacion(plan, guardada[0], archivos, guardada[1])
    ev = _evaluar(plan, archivos, fecha, eje, institucion)
    if clave is not None:
        guardar_evaluacion(raiz, clave, (ev.situacion, ev.contados))
    return ev


def evaluar_cargado(plan: Plan, archivos: list[ArchivoAvance], *, corte: str | None, periodo: str | None,
                    eje: str | None, institucion: str | None) -> Evaluacion:
    """`evaluar_espacio` for a plan and progress files already loaded."""
    return _evaluar(plan, archivos, *_opciones(plan, corte, periodo, eje, institucion))


def _opciones(plan: Plan, corte: str | None, periodo: str | None, eje: str | None,
              institucion: str | None) -> tuple[dt.date, str | None, str | None]:
    """The cut-off date, the eje and the institution read against the plan (a usage error if unknown)."""
    fecha = dia_siguiente_al_plazo(plan, periodo) if periodo is not None else fecha_de_corte(corte)
    if eje is not None:
        eje = eje_del_plan(plan, eje)
    if institucion is not None:
        institucion = institucion_del_plan(plan, institucion)
    return fecha, eje, institucion


def _evaluar(plan: Plan, archivos: list[ArchivoAvance], fecha: dt.date, eje: str | None,
             institucion: str | None) -> Evaluacion:
    e = entradas(plan, archivos, fecha)
    sit = evaluar(plan, e.datos, e.entregas, fecha, eje=eje, institucion=institucion, ilustrativo=e.ilustrativo,
                  excluidos=e.excluidos, posteriores=e.posteriores)
    return Evaluacion(plan, sit, archivos, frozenset(en.archivo for en in e.entregas))
