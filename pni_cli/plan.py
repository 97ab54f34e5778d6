"""The plan as the tool computes with it: frozen records of every element (eje → intervención → actividad →
indicador → meta, with the links of activities and indicators to the GCM), the institutions, the GCM's objectives
and guiding principles, and `Plan`, the indexed whole.

These records are built from the validated file contract (pni_cli/modelos.py) by `modelos.a_dominio`, or read
back from the cache (pni_cli/lectura/cache.py): the engine, the checks and the renderers read only these, so a
field or a property added here is the same whether the plan came from the files or from the cache. Nothing here
imports pydantic or a YAML parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .periodos import Semestre, ventana
from .problemas import Problema, problema

if TYPE_CHECKING:
    from .lectura.documento import Documento, Ruta

TipoMeta = Literal["conteo", "porcentaje", "promedio", "hito", "por_definir"]
Frecuencia = Literal["anual", "semestral", "mensual", "total"]
Acumulacion = Literal["flujo", "nivel", "acumulado"]
Combinar = Literal["suma", "maximo", "promedio", "responsable"]
Sentido = Literal["ascendente", "descendente"]
Origen = Literal["fuente", "mecanismo", "propuesta"]


@dataclass(frozen=True, slots=True)
class Nota:
    """An inconsistency of the source, recorded where it occurs."""

    codigo: str
    descripcion: str


@dataclass(frozen=True, slots=True)
class Etapa:
    """One target of a programación: a year («2026») or a semester («2026-S1») and its value."""

    periodo: str
    valor: float | int


@dataclass(frozen=True, slots=True)
class LineaBase:
    valor: float | int | None = None
    anio: int | None = None
    fuente: str | None = None


@dataclass(frozen=True, slots=True)
class Meta:
    """The verbatim meta (`texto`) and its typed reading (README, «El modelo de indicadores»)."""

    texto: str
    tipo: TipoMeta
    valor: float | int | None = None
    unidad: str | None = None
    frecuencia: Frecuencia | None = None
    entregable: str | None = None
    definida_en: str | None = None
    acumulacion: Acumulacion | None = None
    programacion: tuple[Etapa, ...] = ()
    vence: str | None = None
    combinar: Combinar | None = None
    responsable_principal: str | None = None
    sentido: Sentido = "ascendente"
    linea_base: LineaBase | None = None

    @property
    def es_nivel(self) -> bool:
        """A level (the value in force: the latest counts) rather than a flow (reports add up)."""
        return self.tipo in ("porcentaje", "promedio", "hito") or self.acumulacion == "nivel"

    def la_debe(self, clave: str) -> bool:
        """Whether a responsable of the activity owes a report of this indicator: not for a meta to be defined,
        nor for anyone but the lead when only the lead's figure counts (`combinar: responsable`)."""
        if self.tipo == "por_definir":
            return False
        return self.combinar != "responsable" or clave == self.responsable_principal

    @property
    def modo_combinar(self) -> Combinar:
        """How the reports of several institutions make one figure: as the plan says, else suma for flows and
        running totals, promedio for levels."""
        if self.combinar is not None:
            return self.combinar
        return "promedio" if self.es_nivel else "suma"


@dataclass(frozen=True, slots=True)
class VinculoObjetivo:
    """A link of an activity (or an indicator) to a GCM objective: where it comes from (`fuente`, `mecanismo`,
    `propuesta`), why, and whether it goes through the activity's theme only (`indirecto`)."""

    objetivo: int
    origen: Origen
    razon: str | None = None
    indirecto: bool = False


@dataclass(frozen=True, slots=True)
class VinculoPrincipio:
    principio: str
    origen: Origen
    razon: str | None = None


@dataclass(frozen=True, slots=True)
class Indicador:
    id: str
    texto: str
    meta: Meta
    inconsistencias: tuple[Nota, ...] = ()
    objetivos_pmm: tuple[VinculoObjetivo, ...] | None = None  # None: those of its activity


@dataclass(frozen=True, slots=True)
class Responsables:
    texto: str
    instituciones: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PeriodoActividad:
    texto: str
    desde: int
    hasta: int


@dataclass(frozen=True, slots=True)
class Actividad:
    id: str
    texto: str
    resultados_esperados: str
    responsables: Responsables
    periodo: PeriodoActividad
    indicadores: tuple[Indicador, ...]
    inconsistencias: tuple[Nota, ...] = ()
    objetivos_pmm: tuple[VinculoObjetivo, ...] = ()
    principios_pmm: tuple[VinculoPrincipio, ...] = ()

    def objetivos_de(self, ind: Indicador) -> tuple[VinculoObjetivo, ...]:
        """The objectives an indicator of this activity measures: its own links where it has them, else the
        activity's."""
        return self.objetivos_pmm if ind.objetivos_pmm is None else ind.objetivos_pmm


@dataclass(frozen=True, slots=True)
class Intervencion:
    id: str
    texto: str
    actividades: tuple[Actividad, ...]
    inconsistencias: tuple[Nota, ...] = ()


@dataclass(frozen=True, slots=True)
class ResumenFuente:
    texto: str
    intervenciones: int
    actividades: int


@dataclass(frozen=True, slots=True)
class Eje:
    id: str
    nombre: str
    titulo_fuente: str
    descripcion: str
    resumen_fuente: ResumenFuente
    intervenciones: tuple[Intervencion, ...]
    inconsistencias: tuple[Nota, ...] = ()
    nombre_corto: str | None = None  # a short name of ours (not the source's), where the whole name has no room

    @property
    def nombre_breve(self) -> str:
        """The short name when the plan gives one, else the name."""
        return self.nombre_corto or self.nombre


@dataclass(frozen=True, slots=True)
class Anexo:
    numero: int
    texto: str


@dataclass(frozen=True, slots=True)
class Institucion:
    clave: str
    siglas: str | None
    nombre: str
    miembro_mecanismo: bool
    tipo: Literal["gobierno", "internacional", "coordinacion"]
    alias: tuple[str, ...] = ()
    anexo: Anexo | None = None
    nota: str | None = None


@dataclass(frozen=True, slots=True)
class Catalogo:
    instituciones: tuple[Institucion, ...]


@dataclass(frozen=True, slots=True)
class Objetivo:
    """A GCM objective, verbatim; the activities that contribute to it are derived from theirs
    (pni_cli/objetivos.py)."""

    id: int
    etiqueta: str
    texto: str
    actividades: tuple[str, ...] = ()  # always empty (modelos.Objetivo says why): use objetivos.contribuciones


@dataclass(frozen=True, slots=True)
class ObjetivosPMM:
    objetivos: tuple[Objetivo, ...]


@dataclass(frozen=True, slots=True)
class Principio:
    id: str
    nombre: str
    texto: str
    inconsistencias: tuple[Nota, ...] = ()


@dataclass(frozen=True, slots=True)
class PrincipiosPMM:
    principios: tuple[Principio, ...]


@dataclass(frozen=True, slots=True)
class Vigencia:
    desde: int
    hasta: int


@dataclass(frozen=True, slots=True)
class Semaforo:
    verde: float | int
    amarillo: float | int
    revisar_meta: float | int


@dataclass(frozen=True, slots=True)
class TerminoGlosario:
    sigla: str
    significado: str


@dataclass(frozen=True, slots=True)
class Fuente:
    archivo: str
    titulo: str


@dataclass(frozen=True, slots=True)
class PlanGeneral:
    nombre: str
    sigla: str
    pais: str
    vigencia: Vigencia
    primer_periodo: str
    ultimo_periodo: str
    semaforo: Semaforo
    plazo_dias: int
    fuente: Fuente
    glosario: tuple[TerminoGlosario, ...] = ()


@dataclass
class Plan:
    """The whole plan, loaded and indexed. Built by `lectura.espacio.cargar_plan` (or from the cache);
    read-only afterwards. `documentos` holds the YAML documents of the plan files when they were read from disk,
    so that a check can place a problem at its file:line:column; it is empty for a plan taken from the cache."""

    general: PlanGeneral
    instituciones: dict[str, Institucion]
    objetivos: ObjetivosPMM | None
    ejes: list[Eje]
    archivos_eje: dict[str, str] = field(default_factory=dict)
    documentos: dict[str, Documento] = field(default_factory=dict)
    principios: PrincipiosPMM | None = None
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
            archivo = self.archivos_eje.get(eje.id, "").rsplit("/", 1)[-1]
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
