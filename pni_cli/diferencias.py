"""What changed in the progress files between two versions of the workspace (what `pni cambios` shows). Pure: the
progress files of each side come in as loaded `ArchivoAvance`s (read from git by pni_cli/repositorio.py), nothing
is read or printed here.

- a report is one institution × one semester (one valid progress file); it is *nuevo*, *eliminado* or *corregido*;
- in a corrected report, each indicator whose value changed, appeared or disappeared is a `CambioValor`, and an
  indicator whose value stayed but whose other fields changed (estado, evidencia, desglose, observaciones) is a
  `CambioCampos`;
- both situations are computed by the progress engine at the same cut-off date, each with its own plan (the
  plan at that version): with the same plan an indicator that changes state does so because of the progress files
  alone; when the plan changed too (thresholds, metas) the change is listed, so the reader knows;
- the institutions that reported are those with a new or corrected report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .avance import ArchivoAvance, Avance, Reporte
from .entradas import entradas
from .periodos import Semestre
from .plan import Plan
from .progreso import ESTADOS, GRAVEDAD, Estado, EstadoIndicador, Situacion, evaluar

Sentido = Literal["mejora", "empeora"]
CAMPOS_REPORTE = ("desglose", "estado", "evidencia", "observaciones")
CAMPOS_INFORME = ("fecha_reporte", "reportado_por", "ilustrativo")


@dataclass(frozen=True)
class InformeAvance:
    """One valid progress file: one institution's report for one semester."""

    institucion: str
    periodo: Semestre
    archivo: str
    avance: Avance

    @property
    def reportes(self) -> dict[str, Reporte]:
        return {r.indicador: r for r in self.avance.reportes}


@dataclass(frozen=True)
class CambioInforme:
    """A report that appeared, disappeared or was corrected; `campos` are the file-level fields that changed."""

    institucion: str
    periodo: Semestre
    archivo: str
    fecha_reporte: dt.date
    reportes: int
    valores: dict[str, float] = field(default_factory=dict)
    campos: tuple[str, ...] = ()


@dataclass(frozen=True)
class CambioValor:
    """A value of a corrected report: `antes` None when the indicator was added, `despues` None when removed."""

    indicador: str
    institucion: str
    periodo: Semestre
    antes: float | None
    despues: float | None

    @property
    def tipo(self) -> Literal["agregado", "quitado", "cambiado"]:
        if self.antes is None:
            return "agregado"
        return "quitado" if self.despues is None else "cambiado"


@dataclass(frozen=True)
class CambioCampos:
    """An indicator of a corrected report with the same value and other fields changed."""

    indicador: str
    institucion: str
    periodo: Semestre
    campos: tuple[str, ...]


@dataclass(frozen=True)
class CambioEstado:
    indicador: str
    actividad: str
    eje: str
    antes: Estado
    despues: Estado
    logro_antes: float | None
    logro_despues: float | None

    @property
    def sentido(self) -> Sentido:
        return "mejora" if GRAVEDAD[self.despues] < GRAVEDAD[self.antes] else "empeora"


@dataclass(frozen=True)
class InstitucionQueInformo:
    institucion: str
    nuevos: tuple[Semestre, ...]
    corregidos: tuple[Semestre, ...]


@dataclass
class Cambios:
    corte: dt.date
    nuevos: list[CambioInforme]
    eliminados: list[CambioInforme]
    corregidos: list[CambioInforme]
    valores: list[CambioValor]
    campos: list[CambioCampos]
    estados: list[CambioEstado]
    totales: dict[str, tuple[int, int]]  # estado → (antes, después), indicators
    instituciones: list[InstitucionQueInformo]
    invalidos_antes: list[str]
    invalidos_despues: list[str]
    ilustrativo: bool = False
    plan_cambiado: list[str] = field(default_factory=list)
    plan_antes_ilegible: str | None = None  # why the plan at `antes` could not be used (then both use `despues`)

    @property
    def vacio(self) -> bool:
        return not (self.nuevos or self.eliminados or self.corregidos or self.estados)


def orden_id(id_: str) -> tuple[tuple[int, str], ...]:
    """Ids in the plan's order: 1.10.1.a after 1.9.1.a."""
    return tuple((int(p), "") if p.isascii() and p.isdigit() else (0, p) for p in id_.split("."))


def informes(archivos: list[ArchivoAvance], excluidos: set[str] | None = None
             ) -> tuple[dict[tuple[str, Semestre], InformeAvance], list[str]]:
    """Valid files keyed by (institution, semester), and the paths of those left out: unreadable, or with errors
    of `pni validar` (`excluidos`: what pni_cli/entradas.py left out), as everywhere else."""
    out: dict[tuple[str, Semestre], InformeAvance] = {}
    invalidos: list[str] = []
    for a in sorted(archivos, key=lambda a: a.ruta):
        if a.avance is None or a.ruta in (excluidos or set()):
            invalidos.append(a.ruta)
            continue
        llave = (a.avance.institucion, Semestre.leer(a.avance.periodo))
        out.setdefault(llave, InformeAvance(llave[0], llave[1], a.ruta, a.avance))
    return out, invalidos


def _resumen(inf: InformeAvance, campos: tuple[str, ...] = ()) -> CambioInforme:
    return CambioInforme(inf.institucion, inf.periodo, inf.archivo, inf.avance.fecha_reporte, len(inf.avance.reportes),
                         {r.indicador: float(r.valor) for r in inf.avance.reportes}, campos)


def _comparar_informe(a: InformeAvance, d: InformeAvance) -> tuple[list[CambioValor], list[CambioCampos]]:
    ra, rd = a.reportes, d.reportes
    valores: list[CambioValor] = []
    campos: list[CambioCampos] = []
    for ind in sorted(ra.keys() | rd.keys(), key=orden_id):
        x, y = ra.get(ind), rd.get(ind)
        if x is None or y is None or float(x.valor) != float(y.valor):
            valores.append(CambioValor(ind, d.institucion, d.periodo, None if x is None else float(x.valor),
                                       None if y is None else float(y.valor)))
            continue
        distintos = tuple(c for c in CAMPOS_REPORTE if getattr(x, c) != getattr(y, c))
        if distintos:
            campos.append(CambioCampos(ind, d.institucion, d.periodo, distintos))
    return valores, campos


def _estados(antes: Situacion, despues: Situacion) -> list[CambioEstado]:
    previos: dict[str, EstadoIndicador] = {i.id: i for i in antes.indicadores}
    out = []
    for e in despues.indicadores:
        p = previos.get(e.id)
        if p is not None and p.estado != e.estado:
            out.append(CambioEstado(e.id, e.actividad, e.eje, p.estado, e.estado, p.logro, e.logro))
    return sorted(out, key=lambda c: orden_id(c.indicador))


def situacion(plan: Plan, archivos: list[ArchivoAvance], corte: dt.date) -> Situacion:
    e = entradas(plan, archivos, corte)
    return evaluar(plan, e.datos, e.entregas, corte, ilustrativo=e.ilustrativo, excluidos=e.excluidos,
                   posteriores=e.posteriores)


def comparar(plan_antes: Plan, plan: Plan, antes: list[ArchivoAvance], despues: list[ArchivoAvance],
             corte: dt.date) -> Cambios:
    """What changed from `antes` to `despues`, each judged with its plan at `corte`."""
    sit_a, sit_d = situacion(plan_antes, antes, corte), situacion(plan, despues, corte)
    ia, inv_a = informes(antes, set(sit_a.invalidos))
    idp, inv_d = informes(despues, set(sit_d.invalidos))
    orden = sorted(ia.keys() | idp.keys(), key=lambda k: (k[1], k[0]))
    nuevos, eliminados, corregidos = [], [], []
    valores: list[CambioValor] = []
    campos: list[CambioCampos] = []
    for llave in orden:
        a, d = ia.get(llave), idp.get(llave)
        if a is None and d is not None:
            nuevos.append(_resumen(d))
        elif d is None and a is not None:
            eliminados.append(_resumen(a))
        elif a is not None and d is not None and a.avance != d.avance:
            vs, cs = _comparar_informe(a, d)
            distintos = tuple(c for c in CAMPOS_INFORME if getattr(a.avance, c) != getattr(d.avance, c))
            corregidos.append(_resumen(d, distintos))
            valores += vs
            campos += cs
    ca, cd = sit_a.conteo(), sit_d.conteo()
    instituciones = [
        InstitucionQueInformo(clave, tuple(c.periodo for c in nuevos if c.institucion == clave),
                              tuple(c.periodo for c in corregidos if c.institucion == clave))
        for clave in sorted({c.institucion for c in (*nuevos, *corregidos)})]
    return Cambios(
        corte=corte, nuevos=nuevos, eliminados=eliminados, corregidos=corregidos,
        valores=sorted(valores, key=lambda v: (v.institucion, v.periodo, orden_id(v.indicador))),
        campos=sorted(campos, key=lambda v: (v.institucion, v.periodo, orden_id(v.indicador))),
        estados=_estados(sit_a, sit_d), totales={e: (ca.get(e, 0), cd.get(e, 0)) for e in ESTADOS},
        instituciones=instituciones, invalidos_antes=inv_a, invalidos_despues=inv_d,
        ilustrativo=sit_a.ilustrativo or sit_d.ilustrativo)


@dataclass(frozen=True)
class Lado:
    """One side of a comparison: a commit (`commit` set) or the working tree as it is (`commit` None)."""

    descripcion: str  # what people read: «reunion-2026-01 (a1b2c3d, 15/01/2026)» or «la carpeta de trabajo»
    ref: str | None = None  # as the user wrote it
    commit: str | None = None  # full hash
    fecha: dt.date | None = None  # commit date
    sin_confirmar: bool = False  # working tree only: avances/ or plan/ differ from HEAD or hold untracked files


@dataclass
class Comparacion:
    """What `pni cambios` shows: the changes, the plan they are read with (that of `hasta`) and the two sides."""

    cambios: Cambios
    plan: Plan
    desde: Lado
    hasta: Lado
