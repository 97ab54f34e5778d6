"""The loaded workspace as plain data: the indexed plan and the progress files, and where the workspace is.

Nothing here imports pydantic or a YAML parser: the commands that only read (estado, reporte) get these objects
from the cache (pni_cli/cache.py) without paying for the libraries that build them (pni_cli/workspace.py).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .periodos import Semestre, ventana
from .problems import Problema, problema

if TYPE_CHECKING:
    from .models import Actividad, Avance, Eje, Indicador, Institucion, Intervencion, ObjetivosPMM, PlanGeneral
    from .yamlio import Documento, Ruta


class SinEspacioDeTrabajo(Exception):
    """No folder holding plan/plan.yaml was found."""


def buscar_raiz(desde: Path) -> Path:
    """Walk up from `desde` to the folder that holds plan/plan.yaml."""
    actual = desde.resolve()
    for carpeta in (actual, *actual.parents):
        if (carpeta / "plan" / "plan.yaml").is_file():
            return carpeta
    raise SinEspacioDeTrabajo(
        f"no se encontró un espacio de trabajo de pni (una carpeta con plan/plan.yaml) en {actual} ni en sus "
        "carpetas superiores; entre en la carpeta del repositorio o use --raiz RUTA")


def relativo(ruta: Path, raiz: Path) -> str:
    """The name pni shows for a file: relative to the workspace, else as given. A symbolic link is named where it
    is, not where it points; the workspace may also be reached through another path (a linked folder)."""
    escrito, base_escrita = Path(os.path.abspath(ruta)), os.path.abspath(raiz)
    if escrito.is_relative_to(base_escrita):
        return escrito.relative_to(base_escrita).as_posix()
    try:
        base = _resuelta(raiz) if raiz.is_absolute() else raiz.resolve()
        return ruta.resolve().relative_to(base).as_posix()
    except ValueError:
        return str(ruta)


def enlace_hacia_fuera(ruta: Path, raiz: Path) -> bool:
    """A path inside the workspace whose real file lies outside it (a symbolic link in avances/ to /etc/passwd or
    to a key): never read, because what pni quotes of a file it cannot parse ends up in CI logs. A file the user
    names outside the workspace is theirs to name."""
    try:
        if not Path(os.path.abspath(ruta)).is_relative_to(os.path.abspath(raiz)):
            return False
        return not ruta.resolve().is_relative_to(_resuelta(raiz.absolute()))
    except (OSError, RuntimeError):  # a loop of links: the reader says so
        return False


@functools.lru_cache(maxsize=8)
def _resuelta(raiz: Path) -> Path:
    """An absolute workspace folder, resolved once rather than once per file."""
    return raiz.resolve()


@dataclass
class Plan:
    """The whole plan, loaded and indexed. Built by `cargar_plan`; read-only afterwards."""

    general: PlanGeneral
    instituciones: dict[str, Institucion]
    objetivos: ObjetivosPMM | None
    ejes: list[Eje]
    archivos_eje: dict[str, str] = field(default_factory=dict)
    documentos: dict[str, Documento] = field(default_factory=dict)
    intervenciones: dict[str, Intervencion] = field(default_factory=dict)
    actividades: dict[str, Actividad] = field(default_factory=dict)
    indicadores: dict[str, Indicador] = field(default_factory=dict)
    actividad_de: dict[str, Actividad] = field(default_factory=dict)  # indicador id → actividad
    eje_de: dict[str, Eje] = field(default_factory=dict)  # any id → eje
    alias: dict[str, str] = field(default_factory=dict)  # clave, siglas or alias (upper) → clave
    rutas: dict[str, tuple[str, Ruta]] = field(default_factory=dict)  # id → (eje file name, path in it)
    _ventanas: dict[tuple[str, int, int], list[Semestre]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for eje in self.ejes:
            self.eje_de[eje.id] = eje
            archivo = Path(self.archivos_eje.get(eje.id, "")).name
            self.rutas.setdefault(eje.id, (archivo, ()))
            for i, itv in enumerate(eje.intervenciones):
                self.intervenciones.setdefault(itv.id, itv)
                self.eje_de.setdefault(itv.id, eje)
                ruta_i: Ruta = ("intervenciones", i)
                self.rutas.setdefault(itv.id, (archivo, ruta_i))
                for j, act in enumerate(itv.actividades):
                    self.actividades.setdefault(act.id, act)
                    self.eje_de.setdefault(act.id, eje)
                    ruta_a: Ruta = (*ruta_i, "actividades", j)
                    self.rutas.setdefault(act.id, (archivo, ruta_a))
                    for k, ind in enumerate(act.indicadores):
                        self.indicadores.setdefault(ind.id, ind)
                        self.actividad_de.setdefault(ind.id, act)
                        self.eje_de.setdefault(ind.id, eje)
                        self.rutas.setdefault(ind.id, (archivo, (*ruta_a, "indicadores", k)))
        for inst in self.instituciones.values():
            for nombre in (inst.clave, inst.siglas, *inst.alias):
                if nombre:
                    self.alias.setdefault(nombre.upper(), inst.clave)

    @property
    def primer_semestre(self) -> Semestre:
        return Semestre.leer(self.general.primer_periodo)

    @property
    def ultimo_semestre(self) -> Semestre:
        return Semestre.leer(self.general.ultimo_periodo)

    def ventana(self, act: Actividad) -> list[Semestre]:
        """The activity's semesters (worked out once per activity: every report of every file asks)."""
        clave = (act.id, act.periodo.desde, act.periodo.hasta)
        hallada = self._ventanas.get(clave)
        if hallada is None:
            hallada = ventana(act.periodo.desde, act.periodo.hasta, self.primer_semestre, self.ultimo_semestre)
            self._ventanas[clave] = hallada
        return hallada

    def ids(self) -> list[str]:
        return [*self.eje_de.keys()]

    def problema_en(self, codigo: str, archivo: str, ruta: Ruta, mensaje: str) -> Problema:
        """A problem located at `ruta` inside the plan file `archivo` (a name under plan/)."""
        doc = self.documentos.get(archivo)
        if doc is None:
            return problema(codigo, f"plan/{archivo}", 0, 0, mensaje)
        return doc.problema(codigo, ruta, mensaje)

    def problema_de(self, codigo: str, id_: str, campo: Ruta, mensaje: str) -> Problema:
        """A problem located at field `campo` of the plan element `id_`."""
        archivo, ruta = self.rutas[id_]
        return self.problema_en(codigo, archivo, (*ruta, *campo), mensaje)

    def resolver_institucion(self, nombre: str) -> str | None:
        return self.alias.get(nombre.upper())


@dataclass
class ArchivoAvance:
    """One progress file: where it is, what it holds (None when invalid) and where each value sits.

    `documento` is None for a file taken from the cache (pni_cli/cache.py): only `pni estado` and `pni reporte`
    read the cache, and they never locate a problem inside a file."""

    ruta: str
    documento: Documento | None
    avance: Avance | None


def rutas_avances(raiz: Path) -> list[Path]:
    carpeta = raiz / "avances"
    if not carpeta.is_dir():
        return []
    # not only regular files: a pipe, a device or a broken link named *.yaml is listed so that the loader says what
    # it is (PNI012), instead of being skipped without a word
    return sorted(p for p in carpeta.rglob("*") if p.suffix.lower() in (".yaml", ".yml") and not p.is_dir())
