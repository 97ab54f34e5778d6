"""The progress engine: reports + plan + cut-off date → where every indicator, activity, eje and institution
stands. Pure: no I/O, no rendering.

Rules (documented in the README, section «Cómo se calcula el semáforo»):
- a semester is evaluated once it is over (its last day ≤ the cut-off date), and only inside the activity's window;
- expected to date: conteo → the per-semester target (anual ÷ 2, semestral, mensual × 6, total ÷ semesters of
  the window) times the semesters evaluated; porcentaje and hito → a straight line from 0 to the meta over the
  window (porcentaje with a yearly frequency: the meta itself); promedio → the meta;
- reported: conteo → sum of every report of every institution; porcentaje and hito → the latest semester's
  level (the mean when institutions disagree, which is flagged); promedio → the mean of all reports;
- state: meta por definir, no iniciada (no semester evaluated yet), sin reporte (no report at all), cumplida
  (the final meta of the whole window is reached), or verde / amarillo / rojo by achievement = reported ÷
  expected against the thresholds of plan.yaml; above `revisar_meta` the indicator is flagged.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .avance import MAX_PLAUSIBLE, ArchivoAvance
from .periodos import Semestre, cerrados, rango

if TYPE_CHECKING:
    from .plan import Actividad, Indicador, Plan

Estado = Literal["cumplida", "verde", "amarillo", "rojo", "sin_reporte", "no_iniciada", "meta_por_definir"]
ESTADOS: tuple[Estado, ...] = ("cumplida", "verde", "amarillo", "rojo", "sin_reporte", "no_iniciada",
                               "meta_por_definir")
ETIQUETAS: dict[str, str] = {"cumplida": "cumplida", "verde": "verde", "amarillo": "amarillo", "rojo": "rojo",
                             "sin_reporte": "sin reporte", "no_iniciada": "no iniciada",
                             "meta_por_definir": "meta por definir"}
# How urgent a state is, to summarise an activity by its most urgent indicator.
GRAVEDAD: dict[str, int] = {"sin_reporte": 6, "rojo": 5, "amarillo": 4, "verde": 3, "cumplida": 2,
                             "no_iniciada": 1, "meta_por_definir": 0}

EstadoEntrega = Literal["a_tiempo", "tarde", "incompleto", "pendiente", "faltante"]


@dataclass(frozen=True)
class Dato:
    """One value reported for one indicator by one institution for one semester."""

    indicador: str
    institucion: str
    periodo: Semestre
    valor: float
    fecha: dt.date
    evidencia: tuple[str, ...] = ()
    observaciones: str | None = None
    archivo: str = ""


@dataclass(frozen=True)
class Entrega:
    """One progress file as far as completeness is concerned."""

    institucion: str
    periodo: Semestre
    fecha: dt.date
    archivo: str
    indicadores: frozenset[str]


@dataclass
class EstadoIndicador:
    id: str
    actividad: str
    intervencion: str
    eje: str
    tipo: str
    frecuencia: str | None
    estado: Estado
    esperado: float | None = None
    reportado: float | None = None
    logro: float | None = None  # percent of the expected to date
    meta_final: float | None = None
    semestres_evaluados: int = 0
    semestres_ventana: int = 0
    revisar_meta: bool = False
    discrepancia: bool = False
    ultimo_periodo: Semestre | None = None
    ultima_fecha: dt.date | None = None
    instituciones: list[str] = field(default_factory=list)
    observaciones: list[str] = field(default_factory=list)
    evidencia: list[str] = field(default_factory=list)


@dataclass
class EstadoActividad:
    id: str
    intervencion: str
    eje: str
    estado: Estado
    indicadores: list[EstadoIndicador]


@dataclass
class Completitud:
    institucion: str
    periodo: Semestre
    debidos: list[str]
    recibidos: list[str]
    faltantes: list[str]
    estado: EstadoEntrega
    vencimiento: dt.date
    fecha_reporte: dt.date | None = None
    dias_retraso: int = 0
    archivo: str | None = None

    @property
    def en_deuda(self) -> bool:
        """Missing, incomplete or late: what the views list as owed (a report still in time is not)."""
        return self.estado in ("faltante", "incompleto", "tarde")


@dataclass
class Situacion:
    corte: dt.date
    evaluados: list[Semestre]
    indicadores: list[EstadoIndicador]
    actividades: list[EstadoActividad]
    completitud: list[Completitud]
    ilustrativo: bool = False
    filtro_eje: str | None = None
    filtro_institucion: str | None = None

    def conteo(self, eje: str | None = None) -> Counter[str]:
        return Counter(i.estado for i in self.indicadores if eje is None or i.eje == eje)

    def conteo_actividades(self, eje: str | None = None) -> Counter[str]:
        return Counter(a.estado for a in self.actividades if eje is None or a.eje == eje)


def datos_de(archivos: list[ArchivoAvance]) -> tuple[list[Dato], list[Entrega], bool]:
    """Flatten valid progress files into reported values and deliveries; also say whether any is illustrative."""
    datos: list[Dato] = []
    entregas: list[Entrega] = []
    ilustrativo = False
    for a in archivos:
        av = a.avance
        if av is None:
            continue
        ilustrativo = ilustrativo or av.ilustrativo
        sem = Semestre.leer(av.periodo)
        entregas.append(Entrega(av.institucion, sem, av.fecha_reporte, a.ruta,
                                frozenset(r.indicador for r in av.reportes)))
        for r in av.reportes:
            if not 0 <= r.valor <= MAX_PLAUSIBLE:
                continue  # negative, absurd (1e308) or not a number: pni validar rejects it (PNI307), not counted
            datos.append(Dato(r.indicador, av.institucion, sem, float(r.valor), av.fecha_reporte,
                              tuple(r.evidencia), r.observaciones, a.ruta))
    return datos, entregas, ilustrativo


def _por_semestre(ind: Indicador, semestres_ventana: int) -> float:
    m = ind.meta
    assert m.valor is not None
    return {"anual": m.valor / 2, "semestral": m.valor, "mensual": m.valor * 6,
            "total": m.valor / max(semestres_ventana, 1)}[m.frecuencia or "total"]


def evaluar_indicador(plan: Plan, ind: Indicador, datos: list[Dato], corte: dt.date) -> EstadoIndicador:
    act = plan.actividad_de[ind.id]
    eje = plan.eje_de[ind.id]
    itv = act.id.rsplit(".", 1)[0]
    ventana = plan.ventana(act)
    evaluados = set(cerrados(ventana, corte))
    meta = ind.meta
    e = EstadoIndicador(ind.id, act.id, itv, eje.id, meta.tipo, meta.frecuencia, "no_iniciada",
                        semestres_evaluados=len(evaluados), semestres_ventana=len(ventana))
    propios = sorted((d for d in datos if d.indicador == ind.id and d.periodo in evaluados),
                     key=lambda d: (d.periodo, d.institucion))
    if propios:
        e.ultimo_periodo = propios[-1].periodo
        e.ultima_fecha = max(d.fecha for d in propios)
        e.instituciones = sorted({d.institucion for d in propios})
        e.observaciones = [f"{d.institucion} {d.periodo}: {d.observaciones}" for d in propios if d.observaciones]
        e.evidencia = sorted({x for d in propios for x in d.evidencia})
    if meta.tipo == "por_definir":
        e.estado = "meta_por_definir"
        return e
    if not evaluados:
        return e
    n, total = len(evaluados), len(ventana)
    if meta.tipo == "conteo":
        por_sem = _por_semestre(ind, total)
        e.esperado, e.meta_final = por_sem * n, por_sem * total
    elif meta.tipo == "promedio":
        assert meta.valor is not None
        e.esperado = e.meta_final = float(meta.valor)
    else:
        final = 100.0 if meta.tipo == "hito" else float(meta.valor or 0)
        e.meta_final = final
        e.esperado = final if (meta.tipo == "porcentaje" and meta.frecuencia not in (None, "total")) \
            else final * n / total
    if not propios:
        e.estado = "sin_reporte"
        return e
    if meta.tipo == "conteo":
        e.reportado = sum(d.valor for d in propios)
    elif meta.tipo == "promedio":
        e.reportado = sum(d.valor for d in propios) / len(propios)
    else:
        ultimos = [d.valor for d in propios if d.periodo == e.ultimo_periodo]
        e.discrepancia = len(set(ultimos)) > 1
        e.reportado = sum(ultimos) / len(ultimos)
    e.logro = 100 * e.reportado / e.esperado if e.esperado else None
    umbrales = plan.general.semaforo
    e.revisar_meta = e.logro is not None and e.logro > umbrales.revisar_meta
    ventana_cerrada = n == total
    alcanzada = e.meta_final is not None and e.reportado >= e.meta_final
    # a count or a hito reached stays reached; a level (porcentaje por año, promedio) must hold to the end
    definitiva = meta.tipo in ("conteo", "hito") or (meta.tipo == "porcentaje" and meta.frecuencia in (None, "total"))
    if alcanzada and (definitiva or ventana_cerrada):
        e.estado = "cumplida"
    elif e.logro is None or e.logro >= umbrales.verde:
        e.estado = "verde"
    elif e.logro >= umbrales.amarillo:
        e.estado = "amarillo"
    else:
        e.estado = "rojo"
    return e


def estado_de_actividad(estados: list[EstadoIndicador]) -> Estado:
    """An activity shows its most urgent indicator's state."""
    return max((i.estado for i in estados), key=lambda s: GRAVEDAD[s])


def _debidos_por_institucion(plan: Plan) -> dict[str, list[tuple[frozenset[Semestre], list[str]]]]:
    """For each responsable, its activities in the plan's order: their semesters and the indicators it owes.
    Built once, so that the work grows with the responsables of each activity, not with their square."""
    out: dict[str, list[tuple[frozenset[Semestre], list[str]]]] = defaultdict(list)
    for act in plan.actividades.values():
        entrada = (frozenset(plan.ventana(act)), [i.id for i in act.indicadores if i.meta.tipo != "por_definir"])
        for clave in dict.fromkeys(act.responsables.instituciones):
            out[clave].append(entrada)
    return out


def _debidos(indice: dict[str, list[tuple[frozenset[Semestre], list[str]]]], clave: str, sem: Semestre
             ) -> list[str]:
    return [i for ventana_, ids in indice.get(clave, ()) if sem in ventana_ for i in ids]


def completitud(plan: Plan, entregas: list[Entrega], corte: dt.date,
                institucion: str | None = None) -> list[Completitud]:
    """For each institution and closed semester: the indicators owed, received and missing, and whether the file
    came on time."""
    por_llave = {(e.institucion, e.periodo): e for e in entregas}
    semestres = cerrados(rango(plan.primer_semestre, plan.ultimo_semestre), corte)
    claves = sorted({c for act in plan.actividades.values() for c in act.responsables.instituciones})
    if institucion is not None:
        claves = [c for c in claves if c == institucion]
    plazo = plan.general.plazo_dias
    indice = _debidos_por_institucion(plan)
    out: list[Completitud] = []
    for clave in claves:
        for sem in semestres:
            debidos = _debidos(indice, clave, sem)
            if not debidos:
                continue
            vence = sem.vencimiento(plazo)
            entrega = por_llave.get((clave, sem))
            if entrega is None:
                estado: EstadoEntrega = "pendiente" if corte <= vence else "faltante"
                out.append(Completitud(clave, sem, debidos, [], debidos, estado, vence))
                continue
            recibidos = [i for i in debidos if i in entrega.indicadores]
            faltantes = [i for i in debidos if i not in entrega.indicadores]
            retraso = max((entrega.fecha - vence).days, 0)
            estado = "tarde" if retraso else ("incompleto" if faltantes else "a_tiempo")
            out.append(Completitud(clave, sem, debidos, recibidos, faltantes, estado, vence, entrega.fecha,
                                   retraso, entrega.archivo))
    return out


def evaluar(plan: Plan, datos: list[Dato], entregas: list[Entrega], corte: dt.date, *, eje: str | None = None,
            institucion: str | None = None, ilustrativo: bool = False) -> Situacion:
    """The whole picture at `corte`, optionally restricted to one eje and/or one institution's activities."""
    por_indicador: dict[str, list[Dato]] = defaultdict(list)
    for d in datos:
        por_indicador[d.indicador].append(d)
    indicadores: list[EstadoIndicador] = []
    actividades: list[EstadoActividad] = []
    for ej in plan.ejes:
        if eje is not None and ej.id != eje:
            continue
        for itv in ej.intervenciones:
            for act in itv.actividades:
                if not _incluida(act, institucion):
                    continue
                estados = [evaluar_indicador(plan, ind, por_indicador[ind.id], corte) for ind in act.indicadores]
                indicadores.extend(estados)
                actividades.append(EstadoActividad(act.id, itv.id, ej.id, estado_de_actividad(estados), estados))
    evaluados = cerrados(rango(plan.primer_semestre, plan.ultimo_semestre), corte)
    comp = completitud(plan, entregas, corte, institucion)
    if eje is not None:
        comp = [_solo(c, {i.id for i in indicadores}) for c in comp]
        comp = [c for c in comp if c.debidos]
    return Situacion(corte, evaluados, indicadores, actividades, comp, ilustrativo, eje, institucion)


def _solo(c: Completitud, ids: set[str]) -> Completitud:
    """The same delivery, counting only the indicators in `ids` (the eje being looked at)."""
    debidos = [i for i in c.debidos if i in ids]
    recibidos = [i for i in c.recibidos if i in ids]
    faltantes = [i for i in c.faltantes if i in ids]
    estado = c.estado
    if estado == "incompleto" and not faltantes:
        estado = "a_tiempo"
    return Completitud(c.institucion, c.periodo, debidos, recibidos, faltantes, estado, c.vencimiento,
                       c.fecha_reporte, c.dias_retraso, c.archivo)


def _incluida(act: Actividad, institucion: str | None) -> bool:
    return institucion is None or institucion in act.responsables.instituciones
