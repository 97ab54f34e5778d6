"""The file contract: pydantic models of the plan files and of the progress files, which validate what a YAML
file (or the Excel form) holds. No I/O here.

Models are strict: a number is never turned into an id, a text never into a number; `extra="forbid"` catches
misspelt fields. Messages raised by validators are in Spanish because users read them. Once valid, a model is
turned by `a_dominio` into the frozen records of pni_cli/plan.py and pni_cli/avance.py, which are all that the
engine, the checks and the renderers read: the models describe files, the records are what the tool computes with.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# pni uses no pydantic plugin: without this, building the first model scans the entry points of every installed
# package to look for one (a noticeable part of a short command's start-up).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")

# ASCII digits only: «\d» would also match «２０２５» or «٣» (any script's digits), which no date or id accepts
ID_EJE = r"^[0-9]$"
ID_INTERVENCION = r"^[0-9]\.[0-9]+$"
ID_ACTIVIDAD = r"^[0-9]\.[0-9]+\.[0-9]+$"
ID_INDICADOR = r"^[0-9]\.[0-9]+\.[0-9]+\.[a-z]$"
PERIODO = r"^[0-9]{4}-S[12]$"

IdEje = Annotated[str, StringConstraints(pattern=ID_EJE)]
IdIntervencion = Annotated[str, StringConstraints(pattern=ID_INTERVENCION)]
IdActividad = Annotated[str, StringConstraints(pattern=ID_ACTIVIDAD)]
IdIndicador = Annotated[str, StringConstraints(pattern=ID_INDICADOR)]
Periodo = Annotated[str, StringConstraints(pattern=PERIODO)]
Texto = Annotated[str, StringConstraints(min_length=1)]
Clave = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9-]*$")]
Numero = float | int
MAX_META = 10**12  # as a reported value (pni_cli/avance.py MAX_PLAUSIBLE): past it, a target is a typo
# Years the engine computes dates with (with plazo_dias, below): a plan of another millennium, or a deadline of
# 3,000,000 days, would pass the schema and overflow the calendar (OverflowError) in `pni estado`
Anio = Annotated[int, Field(ge=2000, le=2100)]

TipoMeta = Literal["conteo", "porcentaje", "promedio", "hito", "por_definir"]
Frecuencia = Literal["anual", "semestral", "mensual", "total"]
Acumulacion = Literal["flujo", "nivel", "acumulado"]
Combinar = Literal["suma", "maximo", "promedio", "responsable"]
Sentido = Literal["ascendente", "descendente"]
# a year («2026») or a semester («2026-S1») of a programación
PERIODO_PROGRAMADO = r"^[0-9]{4}(-S[12])?$"
EstadoDeclarado = Literal["no_iniciada", "en_curso", "completada", "suspendida"]
Dimension = Literal[
    "sexo", "edad", "condicion_migratoria", "nacionalidad", "discapacidad", "departamento", "pais", "consulado"
]


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


# --- the plan ----------------------------------------------------------------------------------------------

class Nota(Base):
    """An inconsistency of the source, recorded where it occurs."""

    codigo: Texto
    descripcion: Texto


class Etapa(Base):
    """One target of a programación: a year («2026») or a semester («2026-S1»), and its value (for a hito, the
    percentage of completion due by then)."""

    periodo: Annotated[str, StringConstraints(pattern=PERIODO_PROGRAMADO)]
    valor: Numero


class LineaBase(Base):
    valor: Numero | None = None
    anio: int | None = None
    fuente: str | None = None


class Meta(Base):
    texto: Texto
    tipo: TipoMeta
    valor: Numero | None = None
    unidad: str | None = None
    frecuencia: Frecuencia | None = None
    entregable: str | None = None
    definida_en: IdActividad | None = None
    acumulacion: Acumulacion | None = None
    programacion: list[Etapa] = []
    vence: Periodo | None = None
    combinar: Combinar | None = None
    responsable_principal: Clave | None = None
    sentido: Sentido = "ascendente"
    linea_base: LineaBase | None = None

    @model_validator(mode="after")
    def _campos_segun_tipo(self) -> Meta:
        self._comunes()
        if self.valor is not None and not -MAX_META <= self.valor <= MAX_META:
            raise ValueError("el valor de una meta no puede pasar de 10^12 (el mismo límite que un valor reportado)")
        if self.tipo == "conteo":
            if self.valor is None or self.frecuencia is None:
                raise ValueError("una meta de tipo conteo necesita «valor» y «frecuencia»")
            if self.valor <= 0:
                raise ValueError("el valor de una meta de conteo debe ser positivo")
            if self.acumulacion is None:
                raise ValueError("una meta de tipo conteo necesita «acumulacion»: flujo (cada informe trae lo "
                                 "nuevo del semestre), nivel (el nivel vigente al cierre) o acumulado (el total "
                                 "desde el inicio)")
            if self.vence is not None and self.frecuencia != "total":
                raise ValueError("«vence» solo va en un hito o en un conteo de frecuencia total")
        elif self.tipo == "porcentaje":
            if self.valor is None or not 0 < self.valor <= 100:
                raise ValueError("una meta de porcentaje necesita «valor» entre 0 y 100")
        elif self.tipo == "promedio":
            if self.valor is None or self.valor <= 0:
                raise ValueError("una meta de promedio necesita un «valor» positivo")
        elif self.tipo == "hito":
            if self.valor is not None or self.frecuencia is not None:
                raise ValueError("una meta de tipo hito no lleva «valor» ni «frecuencia» (se mide de 0 a 100 %)")
            if any(not 0 <= e.valor <= 100 for e in self.programacion):
                raise ValueError("las etapas de un hito van de 0 a 100 (el avance comprometido a esa fecha)")
        elif self.definida_en is None:
            raise ValueError("una meta por definir necesita «definida_en» (la actividad que la definirá)")
        return self

    def _comunes(self) -> None:
        if self.acumulacion is not None and self.tipo != "conteo":
            raise ValueError("«acumulacion» solo va en una meta de tipo conteo")
        if self.vence is not None and self.tipo not in ("hito", "conteo"):
            raise ValueError("«vence» solo va en un hito o en un conteo de frecuencia total")
        if (self.combinar == "responsable") != (self.responsable_principal is not None):
            raise ValueError("«combinar: responsable» va con «responsable_principal» (la clave de la institución "
                             "cuya cifra cuenta), y «responsable_principal» solo con «combinar: responsable»")
        if self.tipo in ("por_definir",) and (self.programacion or self.combinar or self.vence):
            raise ValueError("una meta por definir no lleva programación, vence ni combinar")
        periodos = [e.periodo for e in self.programacion]
        if len(set(periodos)) != len(periodos):
            raise ValueError("la programación repite un periodo")
        if any(len(p) == 4 for p in periodos) and any(len(p) > 4 for p in periodos):
            raise ValueError("la programación va por años («2026») o por semestres («2026-S1»), no por los dos")
        if any(e.valor < 0 for e in self.programacion):
            raise ValueError("un valor de la programación no puede ser negativo")


# --- alignment with the Global Compact for Migration (PMM) ---------------------------------------------------

# fuente: the plan document states it; mecanismo: the Mecanismo confirmed it; propuesta: a reading of the activity's
# text, to be confirmed (README, «La alineación con el Pacto Mundial»)
Origen = Literal["fuente", "mecanismo", "propuesta"]
ID_PRINCIPIO = r"^P[0-9]{1,2}$"


class VinculoObjetivo(Base):
    """An activity (or one of its indicators) contributes to a GCM objective; `razon` quotes the words of the activity
    that support the link, and `indirecto` marks a link through the activity's theme (a meeting, a training plan)."""

    objetivo: int
    origen: Origen
    razon: str | None = None
    indirecto: bool = False


class VinculoPrincipio(Base):
    """An activity follows one of the guiding principles of the GCM."""

    principio: Annotated[str, StringConstraints(pattern=ID_PRINCIPIO)]
    origen: Origen
    razon: str | None = None


class Indicador(Base):
    id: IdIndicador
    texto: Texto
    meta: Meta
    inconsistencias: list[Nota] = []
    # only where the indicator measures other objectives than its activity's: it replaces them for this indicator
    objetivos_pmm: list[VinculoObjetivo] | None = None


class Responsables(Base):
    texto: Texto
    instituciones: list[Clave] = Field(min_length=1)


class PeriodoActividad(Base):
    texto: str
    desde: Anio
    hasta: Anio


class Actividad(Base):
    id: IdActividad
    texto: Texto
    resultados_esperados: Texto
    responsables: Responsables
    periodo: PeriodoActividad
    indicadores: list[Indicador] = Field(min_length=1)
    inconsistencias: list[Nota] = []
    objetivos_pmm: list[VinculoObjetivo] = []
    principios_pmm: list[VinculoPrincipio] = []


class Intervencion(Base):
    id: IdIntervencion
    texto: Texto
    actividades: list[Actividad] = Field(min_length=1)
    inconsistencias: list[Nota] = []


class ResumenFuente(Base):
    texto: Texto
    intervenciones: int
    actividades: int


class Eje(Base):
    id: IdEje
    nombre: Texto
    nombre_corto: Texto | None = None  # ours, not the source's: for narrow screens (pni estado at 80 columns)
    titulo_fuente: Texto
    descripcion: Texto
    resumen_fuente: ResumenFuente
    inconsistencias: list[Nota] = []
    intervenciones: list[Intervencion] = Field(min_length=1)


class Anexo(Base):
    numero: int
    texto: Texto


class Institucion(Base):
    clave: Clave
    siglas: str | None
    nombre: Texto
    alias: list[Texto] = []
    miembro_mecanismo: bool
    anexo: Anexo | None = None
    tipo: Literal["gobierno", "internacional", "coordinacion"]
    nota: str | None = None


class Catalogo(Base):
    instituciones: list[Institucion] = Field(min_length=1)


class Objetivo(Base):
    """One of the 23 objectives of the GCM, verbatim. Its activities are not listed here: each activity names its
    objectives (`objetivos_pmm` in plan/eje-*.yaml) and pni_cli/objetivos.py derives the list (one source of truth)."""

    id: int
    etiqueta: Texto
    texto: Texto
    # Only ever empty: plans written before the alignment said «actividades: []» here, and `pni cambios --desde`
    # an older tag must still read them. A list with activities would be a second place for the alignment.
    actividades: list[IdActividad] = []

    @model_validator(mode="after")
    def _sin_actividades(self) -> Objetivo:
        if self.actividades:
            raise ValueError("las actividades de un objetivo ya no se escriben aquí: cada actividad dice a qué "
                             "objetivos contribuye en plan/eje-*.yaml («objetivos_pmm», con origen y razón); "
                             "borre «actividades»")
        return self


class ObjetivosPMM(Base):
    objetivos: list[Objetivo]


class Principio(Base):
    """One of the 10 guiding principles of the GCM, verbatim from the source."""

    id: Annotated[str, StringConstraints(pattern=ID_PRINCIPIO)]
    nombre: Texto
    texto: Texto
    inconsistencias: list[Nota] = []


class PrincipiosPMM(Base):
    principios: list[Principio]


class Vigencia(Base):
    desde: Anio
    hasta: Anio


class Semaforo(Base):
    verde: Numero
    amarillo: Numero
    revisar_meta: Numero


class TerminoGlosario(Base):
    sigla: Texto
    significado: Texto


class Fuente(Base):
    archivo: Texto
    titulo: Texto


class PlanGeneral(Base):
    nombre: Texto
    sigla: Texto
    pais: Texto
    vigencia: Vigencia
    primer_periodo: Periodo
    ultimo_periodo: Periodo
    semaforo: Semaforo
    plazo_dias: int = Field(ge=0, le=365)
    fuente: Fuente
    glosario: list[TerminoGlosario] = []


MAX_NARRATIVA = 2000  # characters of a logros / dificultades / proximos_pasos text: a paragraph, not a report


# --- progress files ----------------------------------------------------------------------------------------

class Reporte(Base):
    indicador: IdIndicador = Field(description="Id del indicador del plan, p. ej. 3.2.1.a")
    valor: Numero = Field(description="Conteo: flujo del semestre; porcentaje e hito: nivel 0-100; promedio: la media")
    desglose: dict[Dimension, dict[Texto, Numero]] | None = Field(
        default=None, description="Desgloses opcionales; cada uno debe sumar el valor")
    estado: EstadoDeclarado | None = Field(default=None, description="Estado de la actividad")
    evidencia: list[Texto] = Field(default=[], description="Enlaces o referencias a documentos de respaldo")
    observaciones: str | None = None


Narrativa = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NARRATIVA)]


class NarrativaActividad(Base):
    """What happened in the semester in one activity, in the institution's words (for the reviews of the Compact
    by objective and the institution's report): all optional, each a short text."""

    actividad: IdActividad = Field(description="Id de la actividad del plan, p. ej. 3.2.1")
    logros: Narrativa | None = Field(default=None, description="Lo logrado en el semestre")
    dificultades: Narrativa | None = Field(default=None, description="Lo que lo impidió o retrasó")
    proximos_pasos: Narrativa | None = Field(default=None, description="Lo que sigue")


class Avance(Base):
    """One institution's progress file for one semester (avances/<periodo>/<institucion>.yaml)."""

    periodo: Periodo = Field(description="Semestre reportado: AAAA-S1 (ene-jun) o AAAA-S2 (jul-dic)")
    institucion: Clave = Field(description="Clave de la institución en plan/instituciones.yaml, p. ej. MTPS")
    fecha_reporte: dt.date = Field(description="Fecha de entrega (AAAA-MM-DD)")
    reportado_por: str | None = None
    ilustrativo: bool = Field(default=False, description="true si los datos son ilustrativos, no reales")
    # required: a forgotten list and «nothing to report this semester» («reportes: []») must not look the same
    reportes: list[Reporte] = Field(description="Un elemento por indicador reportado; «[]» si no hay nada que "
                                                "reportar este semestre")
    actividades: list[NarrativaActividad] = Field(default=[], description="Opcional: lo ocurrido en cada "
                                                                         "actividad (logros, dificultades, "
                                                                         "próximos pasos)")


# --- from the contract to the domain ------------------------------------------------------------------------

def _clases_del_dominio() -> dict[str, type]:
    from . import avance, plan

    return {nombre: getattr(modulo, nombre) for modulo, nombres in (
        (plan, ("Nota", "Etapa", "LineaBase", "Meta", "Indicador", "Responsables", "PeriodoActividad", "Actividad",
                "Intervencion", "ResumenFuente", "Eje", "Anexo", "Institucion", "Catalogo", "Objetivo", "ObjetivosPMM",
                "Vigencia", "Semaforo", "TerminoGlosario", "Fuente", "PlanGeneral", "VinculoObjetivo",
                "VinculoPrincipio", "Principio", "PrincipiosPMM")),
        (avance, ("Reporte", "NarrativaActividad", "Avance"))) for nombre in nombres}


_DOMINIO: dict[str, type] = {}
_ESCALARES = frozenset({str, int, float, bool, type(None), dt.date})


def a_dominio(valor: Any) -> Any:
    """A validated model (and what it holds) as the record of the same name in plan.py or avance.py; lists become
    tuples, mappings stay mappings. tests/unit/test_arquitectura.py holds every model and its record to the same
    fields."""
    if type(valor) in _ESCALARES:  # most of what a file holds: returned at once
        return valor
    if not _DOMINIO:
        _DOMINIO.update(_clases_del_dominio())
    if isinstance(valor, BaseModel):
        clase = _DOMINIO[type(valor).__name__]
        return clase(**{nombre: a_dominio(getattr(valor, nombre)) for nombre in type(valor).model_fields})
    if isinstance(valor, list):
        return tuple(a_dominio(v) for v in valor)
    if isinstance(valor, dict):
        return {k: a_dominio(v) for k, v in valor.items()}
    return valor
