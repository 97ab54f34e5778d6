"""The workspace evaluated at a cut-off date, for the commands that show the semáforo (estado, reporte): the plan
and the progress files through the cache, the options read against the plan, the files that count at that date
(pni_cli/entradas.py) and the engine's situation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .avance import ArchivoAvance, Avance
from .entradas import Entradas, entradas
from .lectura.cache import cargar
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
    entradas: Entradas = field(default_factory=Entradas)

    @property
    def invalidos(self) -> list[str]:
        return self.situacion.invalidos

    def avances_contados(self) -> list[Avance]:
        """The progress files that count at the cut-off date (valid, delivered by then), for what the engine does
        not keep: the breakdowns and the narrative (pni_cli/objetivos.py)."""
        contados = {en.archivo for en in self.entradas.entregas}
        return [a.avance for a in self.archivos if a.avance is not None and a.ruta in contados]


def evaluar_espacio(raiz: Path, *, corte: str | None, periodo: str | None, eje: str | None,
                    institucion: str | None) -> Evaluacion:
    """The situation at `corte` (or the day after `periodo`'s deadline), optionally for one eje and/or one
    institution (a source variant such as MPTS is read as its clave)."""
    plan, archivos = cargar(raiz)
    return evaluar_cargado(plan, archivos, corte=corte, periodo=periodo, eje=eje, institucion=institucion)


def evaluar_cargado(plan: Plan, archivos: list[ArchivoAvance], *, corte: str | None, periodo: str | None,
                    eje: str | None, institucion: str | None) -> Evaluacion:
    """`evaluar_espacio` for a plan and progress files already loaded."""
    fecha = dia_siguiente_al_plazo(plan, periodo) if periodo is not None else fecha_de_corte(corte)
    if eje is not None:
        eje = eje_del_plan(plan, eje)
    if institucion is not None:
        institucion = institucion_del_plan(plan, institucion)
    e = entradas(plan, archivos, fecha)
    sit = evaluar(plan, e.datos, e.entregas, fecha, eje=eje, institucion=institucion, ilustrativo=e.ilustrativo,
                  excluidos=e.excluidos, posteriores=e.posteriores)
    return Evaluacion(plan, sit, archivos, e)
