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


class Meta(Base):
    texto: Texto
    tipo: TipoMeta
    valor: Numero | None = None
    unidad: str | None = None
    frecuencia: Frecuencia | None = None
    entregable: str | None = None
    definida_en: IdActividad | None = None

    @model_validator(mode="after")
    def _campos_segun_tipo(self) -> Meta:
        if self.valor is not None and not -MAX_META <= self.valor <= MAX_META:
            raise ValueError("el valor de una meta no puede pasar de 10^12 (el mismo límite que un valor reportado)")
        if self.tipo == "conteo":
            if self.valor is None or self.frecuencia is None:
                raise ValueError("una meta de tipo conteo necesita «valor» y «frecuencia»")
            if self.valor <= 0:
                raise ValueError("el valor de una meta de conteo debe ser positivo")
        elif self.tipo == "porcentaje":
            if self.valor is None or not 0 < self.valor <= 100:
                raise ValueError("una meta de porcentaje necesita «valor» entre 0 y 100")
        elif self.tipo == "promedio":
            if self.valor is None or self.valor <= 0:
                raise ValueError("una meta de promedio necesita un «valor» positivo")
        elif self.tipo == "hito":
            if self.valor is not None or self.frecuencia is not None:
                raise ValueError("una meta de tipo hito no lleva «valor» ni «frecuencia» (se mide de 0 a 100 %)")
        elif self.definida_en is None:
            raise ValueError("una meta por definir necesita «definida_en» (la actividad que la definirá)")
        return self


class Indicador(Base):
    id: IdIndicador
    texto: Texto
    meta: Meta
    inconsistencias: list[Nota] = []


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
    id: int
    etiqueta: Texto
    texto: Texto
    actividades: list[IdActividad] = []


class ObjetivosPMM(Base):
    objetivos: list[Objetivo]


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


# --- progress files ----------------------------------------------------------------------------------------

class Reporte(Base):
    indicador: IdIndicador = Field(description="Id del indicador del plan, p. ej. 3.2.1.a")
    valor: Numero = Field(description="Conteo: flujo del semestre; porcentaje e hito: nivel 0-100; promedio: la media")
    desglose: dict[Dimension, dict[Texto, Numero]] | None = Field(
        default=None, description="Desgloses opcionales; cada uno debe sumar el valor")
    estado: EstadoDeclarado | None = Field(default=None, description="Estado de la actividad")
    evidencia: list[Texto] = Field(default=[], description="Enlaces o referencias a documentos de respaldo")
    observaciones: str | None = None


class Avance(Base):
    """One institution's progress file for one semester (avances/<periodo>/<institucion>.yaml)."""

    periodo: Periodo = Field(description="Semestre reportado: AAAA-S1 (ene-jun) o AAAA-S2 (jul-dic)")
    institucion: Clave = Field(description="Clave de la institución en plan/instituciones.yaml, p. ej. MTPS")
    fecha_reporte: dt.date = Field(description="Fecha de entrega (AAAA-MM-DD)")
    reportado_por: str | None = None
    ilustrativo: bool = Field(default=False, description="true si los datos son ilustrativos, no reales")
    reportes: list[Reporte] = Field(default=[], description="Un elemento por indicador reportado")


# --- from the contract to the domain ------------------------------------------------------------------------

def _clases_del_dominio() -> dict[str, type]:
    from . import avance, plan

    return {nombre: getattr(modulo, nombre) for modulo, nombres in (
        (plan, ("Nota", "Meta", "Indicador", "Responsables", "PeriodoActividad", "Actividad", "Intervencion",
                "ResumenFuente", "Eje", "Anexo", "Institucion", "Catalogo", "Objetivo", "ObjetivosPMM", "Vigencia",
                "Semaforo", "TerminoGlosario", "Fuente", "PlanGeneral")),
        (avance, ("Reporte", "Avance"))) for nombre in nombres}


_DOMINIO: dict[str, type] = {}


def a_dominio(valor: Any) -> Any:
    """A validated model (and what it holds) as the record of the same name in plan.py or avance.py; lists become
    tuples, mappings stay mappings. tests/unit/test_modelos.py holds every model and its record to the same fields."""
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
