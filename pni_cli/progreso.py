"""The progress engine: the counted reports + the plan + the cut-off date → where every indicator, activity, eje
and institution stands (the semáforo). Pure: no I/O, no rendering.

The rules are stated once, in the README («Cómo se calcula el semáforo»); in short:

1. a semester enters the evaluation the day after its delivery deadline (last day + `plazo_dias`); until then it
   is «en plazo»: its reports are shown as received, but neither its expected amount nor its values count;
2. only the reports delivered by the cut-off date count (pni_cli/entradas.py chooses them);
3. only valid files count (entradas.py too): here every report is valid;
4. per-year targets are met year by year: each year's reports are credited up to that year's target, pro-rated
   for a year partly inside the window or partly evaluated; logro = credited ÷ expected;
5. before its `vence`, a milestone (or a count due at the end of the window) is never amarillo or rojo: it is
   `en_curso`; from `vence` on it is compared with its target;
6. once an indicator's whole window is evaluated its state is final: `cumplida` or `no_cumplida`;
7. every indicator says which owed reports (responsable × evaluated semester) are missing;
8. thresholds are compared in exact arithmetic (fractions), so 90 % is verde.

Every state keeps the steps of its arithmetic (`tramos`, `historia`), so that it can explain itself
(pni_cli/explicacion.py puts them in words).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from .periodos import Semestre, en_plazo, evaluados, rango

if TYPE_CHECKING:
    from .plan import Actividad, Indicador, Meta, Plan

Estado = Literal["cumplida", "verde", "amarillo", "rojo", "no_cumplida", "en_curso", "sin_reporte", "no_iniciada",
                 "meta_por_definir"]
ESTADOS: tuple[Estado, ...] = ("cumplida", "verde", "amarillo", "rojo", "no_cumplida", "en_curso", "sin_reporte",
                               "no_iniciada", "meta_por_definir")
ETIQUETAS: dict[str, str] = {"cumplida": "cumplida", "verde": "verde", "amarillo": "amarillo", "rojo": "rojo",
                             "no_cumplida": "no cumplida", "en_curso": "en curso", "sin_reporte": "sin reporte",
                             "no_iniciada": "no iniciada", "meta_por_definir": "meta por definir"}
# How urgent a state is, to summarise an activity by its most urgent indicator.
GRAVEDAD: dict[str, int] = {"sin_reporte": 8, "rojo": 7, "no_cumplida": 6, "amarillo": 5, "verde": 4, "en_curso": 3,
                            "cumplida": 2, "no_iniciada": 1, "meta_por_definir": 0}
FINALES = ("cumplida", "no_cumplida")

EstadoEntrega = Literal["a_tiempo", "tarde", "incompleto", "pendiente", "faltante", "con_errores"]
Momento = Literal["evaluado", "en_plazo", "futuro"]


def exacto(x: float | int | Fraction) -> Fraction:
    """A number of the data as an exact fraction: 0.1 is 1/10 (the decimal a person wrote), never the binary
    float's 3602879701896397/36028797018963968."""
    if isinstance(x, Fraction):
        return x
    return _exacto(x)


@functools.lru_cache(maxsize=8192)
def _exacto(x: float | int) -> Fraction:
    """The few thousand values of a workspace repeat (metas, reports of 0 and 1): each is parsed once per run."""
    if isinstance(x, int):
        return Fraction(x)
    return Fraction(repr(float(x)))


@dataclass(frozen=True)
class Dato:
    """One value reported for one indicator by one institution for one semester (from a valid file delivered by
    the cut-off date)."""

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
    """One valid progress file delivered by the cut-off date, as far as completeness is concerned."""

    institucion: str
    periodo: Semestre
    fecha: dt.date
    archivo: str
    indicadores: frozenset[str]


@dataclass(frozen=True)
class ArchivoConErrores:
    """A progress file left out whole because `pni validar` finds errors in it (or because another file reports
    the same institution and semester); `institucion` and `periodo` say whose delivery it was, when known."""

    archivo: str
    institucion: str | None
    periodo: Semestre | None
    errores: int
    codigos: tuple[str, ...]


@dataclass(frozen=True)
class Tramo:
    """One step of an indicator's arithmetic: a year («2025»), a semester («2025-S1») or the whole window, with
    its target, what is expected of it to date, what was reported and what is credited (at most the expected)."""

    periodo: str
    meta: float | None
    esperado: float | None  # None: not due yet (a milestone, a total due at `vence`)
    reportado: float | None
    acreditado: float
    semestres_evaluados: int
    semestres: int


@dataclass(frozen=True)
class ValorSemestre:
    """One semester of an indicator's window: the values each institution reported, the figure they make
    (`combinado`), what the semester is expected to add (flows) or to hold (levels), and who owes a report."""

    periodo: Semestre
    momento: Momento
    valores: dict[str, float]
    combinado: float | None
    esperado: float | None
    faltan: tuple[str, ...]


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
    logro: float | None = None  # percent: credited ÷ expected to date (final: of the final meta)
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
    # v2
    acumulacion: str | None = None
    combinar: str | None = None
    acreditado: float | None = None
    final: bool = False
    vence: Semestre | None = None
    informes_debidos: int = 0
    informes_faltantes: list[tuple[str, Semestre]] = field(default_factory=list)
    disminucion: bool = False  # a running total (acumulado) that went down
    tramos: list[Tramo] = field(default_factory=list)
    historia: list[ValorSemestre] = field(default_factory=list)

    @property
    def con_faltantes(self) -> bool:
        """A state computed with owed reports missing (the views say «faltan k de n informes»)."""
        return bool(self.informes_faltantes) and self.estado not in ("meta_por_definir", "no_iniciada")


@dataclass
class EstadoActividad:
    id: str
    intervencion: str
    eje: str
    estado: Estado
    indicadores: list[EstadoIndicador]


@dataclass
class Completitud:
    """One institution × one semester it owes (evaluated or en plazo): the indicators owed, received and missing,
    and how the file came. A delivery both late and incomplete has `tarde` and `incompleto` set (its `estado` is
    «tarde»)."""

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
    tarde: bool = False
    incompleto: bool = False
    en_plazo: bool = False
    errores: int = 0
    codigos: tuple[str, ...] = ()

    @property
    def en_deuda(self) -> bool:
        """Missing, with errors, incomplete or late: what the views list as owed (a report still in time is not)."""
        return self.estado in ("faltante", "incompleto", "tarde", "con_errores")


@dataclass(frozen=True)
class SemestreEnPlazo:
    """A semester inside its delivery window: its deadline and how many of the owed files have arrived."""

    periodo: Semestre
    vence: dt.date
    debidos: int
    recibidos: int


@dataclass
class Deuda:
    """What one institution owes at the cut-off date, computed once for every view."""

    clave: str
    nombre: str
    faltantes: list[Semestre] = field(default_factory=list)
    con_errores: list[Completitud] = field(default_factory=list)
    incompletos: list[Completitud] = field(default_factory=list)
    tardios: list[Completitud] = field(default_factory=list)
    pendientes: list[Completitud] = field(default_factory=list)
    sin_ningun_informe: bool = False  # every evaluated semester it owes is missing


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
    en_plazo: list[SemestreEnPlazo] = field(default_factory=list)
    excluidos: list[ArchivoConErrores] = field(default_factory=list)
    posteriores: list[str] = field(default_factory=list)  # files delivered after the cut-off date
    deudas: list[Deuda] = field(default_factory=list)

    def conteo(self, eje: str | None = None) -> Counter[str]:
        return Counter(i.estado for i in self.indicadores if eje is None or i.eje == eje)

    def conteo_actividades(self, eje: str | None = None) -> Counter[str]:
        return Counter(a.estado for a in self.actividades if eje is None or a.eje == eje)

    @property
    def invalidos(self) -> list[str]:
        return [a.archivo for a in self.excluidos]


# --- one indicator ------------------------------------------------------------------------------------------

@dataclass
class _Calculo:
    esperado: Fraction | None
    reportado: Fraction | None
    acreditado: Fraction
    meta_final: Fraction
    tramos: list[Tramo]
    logro: Fraction | None  # 0..1 (or more, for revisar meta: see `exceso`)
    cumplida_ya: bool = False  # reached before the end, and it stays reached (a total flow, a hito at 100)
    en_curso: bool = False  # not judged yet (rule 5)
    exceso: Fraction | None = None  # reported ÷ expected, for «revisar meta»


def _combinar(valores: dict[str, Fraction], meta: Meta) -> Fraction | None:
    """The institutions' values of one semester as one figure (`combinar`)."""
    modo = meta.modo_combinar
    if modo == "responsable":
        return valores.get(meta.responsable_principal or "")
    if not valores:
        return None
    if modo == "suma":
        return sum(valores.values(), Fraction(0))
    if modo == "maximo":
        return max(valores.values())
    return sum(valores.values(), Fraction(0)) / len(valores)


def _programacion(meta: Meta) -> dict[str, Fraction]:
    return {e.periodo: exacto(e.valor) for e in meta.programacion}


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def _anios(ventana: list[Semestre]) -> list[int]:
    return sorted({s.anio for s in ventana})


def _flujo(meta: Meta, ventana: list[Semestre], ev: list[Semestre], por_sem: dict[Semestre, Fraction]
           ) -> _Calculo:
    """Counts whose reports add up (flujo; acumulado turned into what each semester added). Rule 4."""
    t = exacto(meta.valor or 0)
    prog = _programacion(meta)
    tramos: list[Tramo] = []
    por_semestre = (bool(prog) and all(len(p) > 4 for p in prog)) or (not prog and meta.frecuencia == "semestral")
    por_anio = (bool(prog) and not por_semestre) or (not prog and meta.frecuencia in ("anual", "mensual"))
    if por_semestre:
        final = Fraction(0)
        for s in ventana:
            meta_s = prog.get(str(s), Fraction(0)) if prog else t
            final += meta_s
            if s in ev:
                rep = por_sem.get(s, Fraction(0))
                tramos.append(Tramo(str(s), float(meta_s), float(meta_s), float(rep), float(min(rep, meta_s)), 1, 1))
        return _sumar(tramos, final, por_sem, ev)
    if por_anio:
        por_anio_t = t * 12 if meta.frecuencia == "mensual" else t
        final = Fraction(0)
        for anio in _anios(ventana):
            del_anio = [s for s in ventana if s.anio == anio]
            evaluados_anio = [s for s in del_anio if s in ev]
            meta_anio = prog.get(str(anio), Fraction(0)) if prog else por_anio_t * len(del_anio) / 2
            final += meta_anio
            if evaluados_anio:
                esp = meta_anio * len(evaluados_anio) / len(del_anio)
                rep = sum((por_sem.get(s, Fraction(0)) for s in evaluados_anio), Fraction(0))
                tramos.append(Tramo(str(anio), float(meta_anio), float(esp), float(rep), float(min(rep, esp)),
                                    len(evaluados_anio), len(del_anio)))
        return _sumar(tramos, final, por_sem, ev)
    # a total of the whole window: a straight line, or due at `vence`
    reportado = sum((por_sem.get(s, Fraction(0)) for s in ev), Fraction(0))
    nombre = f"{ventana[0]} a {ventana[-1]}" if len(ventana) > 1 else str(ventana[0])
    if meta.vence is not None:
        vence = Semestre.leer(meta.vence)
        vencido = vence in ev
        esp = t if vencido else Fraction(0)
        acreditado = min(reportado, t)
        tramos.append(Tramo(nombre, float(t), float(esp) if vencido else None, float(reportado), float(acreditado),
                            len(ev), len(ventana)))
        return _Calculo(esp if vencido else None, reportado, acreditado, t, tramos,
                        acreditado / t if vencido else None, cumplida_ya=reportado >= t, en_curso=not vencido,
                        exceso=None)
    esp = t * len(ev) / len(ventana)
    acreditado = min(reportado, esp)
    tramos.append(Tramo(nombre, float(t), float(esp), float(reportado), float(acreditado), len(ev), len(ventana)))
    return _Calculo(esp, reportado, acreditado, t, tramos, acreditado / esp if esp else None,
                    cumplida_ya=reportado >= t, exceso=reportado / esp if esp else None)


def _sumar(tramos: list[Tramo], final: Fraction, por_sem: dict[Semestre, Fraction], ev: list[Semestre]
           ) -> _Calculo:
    esperado = sum((exacto(x.esperado) for x in tramos if x.esperado is not None), Fraction(0))
    acreditado = sum((exacto(x.acreditado) for x in tramos), Fraction(0))
    reportado = sum((por_sem.get(s, Fraction(0)) for s in ev), Fraction(0))
    return _Calculo(esperado, reportado, acreditado, final, tramos, acreditado / esperado if esperado else None,
                    exceso=reportado / esperado if esperado else None)


def _ultimo(por_sem: dict[Semestre, Fraction], semestres: list[Semestre]) -> tuple[Semestre, Fraction] | None:
    con_dato = [s for s in semestres if s in por_sem]
    return (max(con_dato), por_sem[max(con_dato)]) if con_dato else None


def _nivel(meta: Meta, ventana: list[Semestre], ev: list[Semestre], por_sem: dict[Semestre, Fraction]) -> _Calculo:
    """Levels (conteo nivel, porcentaje): the latest level counts, never the sum. A level «por año» must hold
    each year: each year contributes its latest level, up to the target, weighted by its evaluated semesters."""
    t = exacto(meta.valor or 0)
    prog = _programacion(meta)
    ultimo = _ultimo(por_sem, ev)
    reportado = ultimo[1] if ultimo else None
    nombre = f"{ventana[0]} a {ventana[-1]}" if len(ventana) > 1 else str(ventana[0])
    if prog or meta.frecuencia in ("anual", "semestral", "mensual"):
        tramos: list[Tramo] = []
        pesos_esp = pesos_acr = Fraction(0)
        grupos: list[tuple[str, list[Semestre]]]
        if prog and all(len(p) > 4 for p in prog):
            grupos = [(str(s), [s]) for s in ventana]
        else:
            grupos = [(str(a), [s for s in ventana if s.anio == a]) for a in _anios(ventana)]
        meta_actual = t
        for nombre_g, sems in grupos:
            evaluados_g = [s for s in sems if s in ev]
            if not evaluados_g:
                continue
            meta_g = prog.get(nombre_g, t) if prog else t
            meta_actual = meta_g
            u = _ultimo(por_sem, evaluados_g)
            nivel = u[1] if u else Fraction(0)
            acr = min(nivel, meta_g)
            peso = len(evaluados_g)
            pesos_esp += meta_g * peso
            pesos_acr += acr * peso
            tramos.append(Tramo(nombre_g, float(meta_g), float(meta_g), None if u is None else float(nivel),
                                float(acr), len(evaluados_g), len(sems)))
        logro = pesos_acr / pesos_esp if pesos_esp else None
        acreditado = min(reportado or Fraction(0), meta_actual)
        return _Calculo(meta_actual, reportado, acreditado, t, tramos, logro,
                        exceso=(reportado / meta_actual) if reportado is not None and meta_actual else None)
    if meta.vence is not None:
        vencido = Semestre.leer(meta.vence) in ev
        acreditado = min(reportado or Fraction(0), t)
        tramo = Tramo(nombre, float(t), float(t) if vencido else None, _f(reportado), float(acreditado), len(ev),
                      len(ventana))
        return _Calculo(t if vencido else None, reportado, acreditado, t, [tramo], acreditado / t if vencido else None,
                        en_curso=not vencido)
    esp = t * len(ev) / len(ventana)
    acreditado = min(reportado or Fraction(0), esp)
    tramo = Tramo(nombre, float(t), float(esp), _f(reportado), float(acreditado), len(ev), len(ventana))
    return _Calculo(esp, reportado, acreditado, t, [tramo], acreditado / esp if esp else None,
                    exceso=reportado / esp if reportado is not None and esp else None)


def _promedio(meta: Meta, ventana: list[Semestre], ev: list[Semestre], por_sem: dict[Semestre, Fraction]
              ) -> _Calculo:
    """A mean (promedio): the mean of the evaluated semesters' figures against the meta itself."""
    t = exacto(meta.valor or 0)
    valores = [por_sem[s] for s in ev if s in por_sem]
    reportado = sum(valores, Fraction(0)) / len(valores) if valores else None
    acreditado = min(reportado or Fraction(0), t)
    nombre = f"{ventana[0]} a {ventana[-1]}" if len(ventana) > 1 else str(ventana[0])
    tramo = Tramo(nombre, float(t), float(t), _f(reportado), float(acreditado), len(ev), len(ventana))
    return _Calculo(t, reportado, acreditado, t, [tramo], acreditado / t if t else None,
                    exceso=reportado / t if reportado is not None and t else None)


def _hito(meta: Meta, ventana: list[Semestre], ev: list[Semestre], por_sem: dict[Semestre, Fraction]) -> _Calculo:
    """A milestone (0 to 100 %): never judged before it is due (rule 5), unless it has stages; 100 reached stays
    reached."""
    vence = Semestre.leer(meta.vence) if meta.vence else ventana[-1]
    etapas = {(Semestre(int(p), 2) if len(p) == 4 else Semestre.leer(p)): v for p, v in _programacion(meta).items()}
    etapas[vence] = Fraction(100)
    ultimo = _ultimo(por_sem, ev)
    reportado = ultimo[1] if ultimo else None
    debidas = [s for s in sorted(etapas) if s in ev]
    nombre = f"hasta {vence}"
    if not debidas:
        acreditado = reportado or Fraction(0)
        tramo = Tramo(nombre, 100.0, None, _f(reportado), float(acreditado), len(ev), len(ventana))
        return _Calculo(None, reportado, acreditado, Fraction(100), [tramo], None,
                        cumplida_ya=reportado is not None and reportado >= 100, en_curso=True)
    esperado = etapas[debidas[-1]]
    acreditado = min(reportado or Fraction(0), esperado)
    tramo = Tramo(f"{debidas[-1]} (etapa)" if debidas[-1] != vence else nombre, float(esperado), float(esperado),
                  _f(reportado), float(acreditado), len(ev), len(ventana))
    return _Calculo(esperado, reportado, acreditado, Fraction(100), [tramo],
                    acreditado / esperado if esperado else None,
                    cumplida_ya=reportado is not None and reportado >= 100)


def _por_semestre(meta: Meta, propios: list[Dato], ev: list[Semestre]) -> tuple[dict[Semestre, Fraction], bool,
                                                                                 bool]:
    """The figure of each evaluated semester with reports, whether levels disagree, and whether a running total
    went down. A running total (acumulado) becomes what each semester added."""
    valores: dict[Semestre, dict[str, Fraction]] = defaultdict(dict)
    for d in propios:
        valores[d.periodo][d.institucion] = exacto(d.valor)
    discrepancia = any(len(set(v.values())) > 1 for v in valores.values()) and meta.es_nivel
    if meta.acumulacion != "acumulado":
        combinados = {s: c for s in ev if (c := _combinar(valores.get(s, {}), meta)) is not None}
        return combinados, discrepancia, False
    # running totals: each institution's latest total as of each semester, combined, then differenced
    vistos: dict[str, Fraction] = {}
    anterior = Fraction(0)
    aportes: dict[Semestre, Fraction] = {}
    disminucion = False
    for s in ev:
        if s in valores:
            for inst, v in valores[s].items():
                if inst in vistos and v < vistos[inst]:
                    disminucion = True
                vistos[inst] = v
            total = _combinar(dict(vistos), meta)
            if total is not None:
                aportes[s] = total - anterior
                anterior = total
    return aportes, False, disminucion


def evaluar_indicador(plan: Plan, ind: Indicador, datos: list[Dato], corte: dt.date) -> EstadoIndicador:
    act = plan.actividad_de[ind.id]
    eje = plan.eje_de[ind.id]
    itv = act.id.rsplit(".", 1)[0]
    ventana = plan.ventana(act)
    plazo = plan.general.plazo_dias
    ev = evaluados(ventana, corte, plazo)
    ep = set(en_plazo(ventana, corte, plazo))
    meta = ind.meta
    e = EstadoIndicador(ind.id, act.id, itv, eje.id, meta.tipo, meta.frecuencia, "no_iniciada",
                        semestres_evaluados=len(ev), semestres_ventana=len(ventana), acumulacion=meta.acumulacion,
                        combinar=None if meta.tipo == "por_definir" else meta.modo_combinar,
                        final=bool(ventana) and len(ev) == len(ventana))
    if meta.tipo == "hito" or meta.vence:
        e.vence = Semestre.leer(meta.vence) if meta.vence else (ventana[-1] if ventana else None)
    conjunto_ev = set(ev)
    propios = sorted((d for d in datos if d.indicador == ind.id and d.periodo in conjunto_ev),
                     key=lambda d: (d.periodo, d.institucion))
    responsables = list(dict.fromkeys(act.responsables.instituciones))
    principal = meta.responsable_principal
    deudores = [principal] if meta.modo_combinar == "responsable" and principal else responsables
    if meta.modo_combinar == "responsable":
        propios = [d for d in propios if d.institucion == meta.responsable_principal]
    if propios:
        e.ultimo_periodo = propios[-1].periodo
        e.ultima_fecha = max(d.fecha for d in propios)
        e.instituciones = sorted({d.institucion for d in propios})
        e.observaciones = [f"{d.institucion} {d.periodo}: {d.observaciones}" for d in propios if d.observaciones]
        e.evidencia = sorted({x for d in propios for x in d.evidencia})
    e.historia = _historia(ind, datos, ventana, conjunto_ev, ep, deudores, meta)
    if meta.tipo == "por_definir":
        e.estado = "meta_por_definir"
        return e
    informados = {(d.institucion, d.periodo) for d in propios}
    e.informes_faltantes = [(c, s) for s in ev for c in deudores if (c, s) not in informados]
    e.informes_debidos = len(deudores) * len(ev)
    if not ev:
        return e
    por_sem, e.discrepancia, e.disminucion = _por_semestre(meta, propios, ev)
    calc = _calcular(meta, ventana, ev, por_sem)
    e.esperado, e.reportado, e.acreditado = _f(calc.esperado), _f(calc.reportado), float(calc.acreditado)
    e.meta_final = float(calc.meta_final)
    e.tramos = calc.tramos
    if not propios:
        e.estado = "sin_reporte"
        e.reportado = e.acreditado = None
        return e
    _estado(e, calc, meta, plan)
    return e


def _calcular(meta: Meta, ventana: list[Semestre], ev: list[Semestre], por_sem: dict[Semestre, Fraction]
              ) -> _Calculo:
    if meta.tipo == "hito":
        return _hito(meta, ventana, ev, por_sem)
    if meta.tipo == "promedio":
        return _promedio(meta, ventana, ev, por_sem)
    if meta.es_nivel:
        return _nivel(meta, ventana, ev, por_sem)
    return _flujo(meta, ventana, ev, por_sem)


def _historia(ind: Indicador, datos: list[Dato], ventana: list[Semestre], ev: set[Semestre], ep: set[Semestre],
              deudores: list[str], meta: Meta) -> list[ValorSemestre]:
    """Every semester of the window: who reported what (also the semesters en plazo: received, not counted)."""
    por_sem: dict[Semestre, dict[str, float]] = defaultdict(dict)
    for d in datos:
        if d.indicador == ind.id:
            por_sem[d.periodo][d.institucion] = d.valor
    out = []
    esperados = _esperados(meta, ventana)
    for s, esperado in zip(ventana, esperados, strict=True):
        momento: Momento = "evaluado" if s in ev else ("en_plazo" if s in ep else "futuro")
        valores = dict(sorted(por_sem.get(s, {}).items()))
        combinado = _combinar({k: exacto(v) for k, v in valores.items()}, meta) if valores else None
        faltan = tuple(c for c in deudores if c not in valores) if momento == "evaluado" else ()
        out.append(ValorSemestre(s, momento, valores, _f(combinado), esperado, faltan))
    return out


def _esperados(meta: Meta, ventana: list[Semestre]) -> list[float | None]:
    """What each semester of the window is expected to add (flows) or to hold (levels), for the history view."""
    if meta.tipo in ("por_definir", "hito") or meta.valor is None:
        return [None] * len(ventana)
    t = exacto(meta.valor)
    prog = _programacion(meta)
    return [_esperado_del_semestre(meta, ventana, s, t, prog) for s in ventana]


def _esperado_del_semestre(meta: Meta, ventana: list[Semestre], s: Semestre, t: Fraction,
                           prog: dict[str, Fraction]) -> float | None:
    if prog:
        if str(s) in prog:
            return float(prog[str(s)])
        if str(s.anio) in prog:
            anio = prog[str(s.anio)]
            return float(anio if meta.es_nivel else anio / sum(1 for x in ventana if x.anio == s.anio))
        return None
    if meta.es_nivel:
        return float(t) if meta.frecuencia != "total" else float(t * (ventana.index(s) + 1) / len(ventana))
    if meta.frecuencia == "semestral":
        return float(t)
    if meta.frecuencia == "anual":
        return float(t / 2)
    if meta.frecuencia == "mensual":
        return float(t * 6)
    return None if meta.vence else float(t / len(ventana))


def _estado(e: EstadoIndicador, calc: _Calculo, meta: Meta, plan: Plan) -> None:
    umbrales = plan.general.semaforo
    verde, amarillo = exacto(umbrales.verde) / 100, exacto(umbrales.amarillo) / 100
    logro = calc.logro
    if meta.sentido == "descendente" and calc.reportado is not None and calc.esperado is not None:
        # less is better: the share of the expected not exceeded
        logro = Fraction(1) if calc.reportado <= calc.esperado else calc.esperado / calc.reportado
    if e.final:  # rule 6: the whole window is evaluated
        if meta.sentido == "descendente":
            cumplida = calc.reportado is not None and calc.reportado <= calc.meta_final
        else:
            cumplida = calc.cumplida_ya or (logro is not None and logro >= 1)
        e.estado = "cumplida" if cumplida else "no_cumplida"
        e.logro = None if logro is None else float(logro * 100)
        return
    e.logro = None if logro is None else float(logro * 100)
    if calc.cumplida_ya and meta.sentido != "descendente":
        e.estado = "cumplida"
        return
    if calc.en_curso or logro is None:
        e.estado = "en_curso"
        return
    e.estado = "verde" if logro >= verde else ("amarillo" if logro >= amarillo else "rojo")
    if calc.exceso is not None and meta.tipo != "hito" and meta.sentido != "descendente":
        e.revisar_meta = calc.exceso * 100 > exacto(umbrales.revisar_meta)


def estado_de_actividad(estados: list[EstadoIndicador]) -> Estado:
    """An activity shows its most urgent indicator's state."""
    return max((i.estado for i in estados), key=lambda s: GRAVEDAD[s])


# --- deliveries ---------------------------------------------------------------------------------------------

def _debidos_por_institucion(plan: Plan) -> dict[str, list[tuple[frozenset[Semestre], list[str]]]]:
    """For each responsable, its activities in the plan's order: their semesters and the indicators it owes.
    Built once, so that the work grows with the responsables of each activity, not with their square."""
    out: dict[str, list[tuple[frozenset[Semestre], list[str]]]] = defaultdict(list)
    for act in plan.actividades.values():
        semestres = frozenset(plan.ventana(act))
        for clave in dict.fromkeys(act.responsables.instituciones):
            out[clave].append((semestres, [i.id for i in act.indicadores if i.meta.la_debe(clave)]))
    return out


def _debidos(indice: dict[str, list[tuple[frozenset[Semestre], list[str]]]], clave: str, sem: Semestre
             ) -> list[str]:
    return [i for ventana_, ids in indice.get(clave, ()) if sem in ventana_ for i in ids]


def debidos(plan: Plan, clave: str, sem: Semestre) -> list[str]:
    """The indicators `clave` owes for `sem`: those of its activities active then that it must report
    (`Meta.la_debe`)."""
    return _debidos(_debidos_por_institucion(plan), clave, sem)


def completitud(plan: Plan, entregas: list[Entrega], corte: dt.date, institucion: str | None = None,
                con_errores: list[ArchivoConErrores] | None = None) -> list[Completitud]:
    """For each institution and semester over at the cut-off date (evaluated or en plazo): the indicators owed,
    received and missing, and how the file came."""
    por_llave = {(e.institucion, e.periodo): e for e in entregas}
    errores: dict[tuple[str, Semestre], ArchivoConErrores] = {}
    for a in con_errores or []:
        if a.institucion is not None and a.periodo is not None:
            errores.setdefault((a.institucion, a.periodo), a)
    plazo = plan.general.plazo_dias
    todos = rango(plan.primer_semestre, plan.ultimo_semestre)
    ev, ep = set(evaluados(todos, corte, plazo)), set(en_plazo(todos, corte, plazo))
    semestres = [s for s in todos if s in ev or s in ep]
    claves = sorted({c for act in plan.actividades.values() for c in act.responsables.instituciones})
    if institucion is not None:
        claves = [c for c in claves if c == institucion]
    indice = _debidos_por_institucion(plan)
    out: list[Completitud] = []
    for clave in claves:
        for sem in semestres:
            lista = _debidos(indice, clave, sem)
            if not lista:
                continue
            vence = sem.vencimiento(plazo)
            abierto = sem in ep
            entrega = por_llave.get((clave, sem))
            if entrega is None:
                malo = errores.get((clave, sem))
                if malo is not None:
                    out.append(Completitud(clave, sem, lista, [], lista, "con_errores", vence, archivo=malo.archivo,
                                           en_plazo=abierto, errores=malo.errores, codigos=malo.codigos))
                    continue
                estado: EstadoEntrega = "pendiente" if abierto else "faltante"
                out.append(Completitud(clave, sem, lista, [], lista, estado, vence, en_plazo=abierto))
                continue
            recibidos = [i for i in lista if i in entrega.indicadores]
            faltantes = [i for i in lista if i not in entrega.indicadores]
            retraso = max((entrega.fecha - vence).days, 0)
            estado = "tarde" if retraso else ("incompleto" if faltantes else "a_tiempo")
            out.append(Completitud(clave, sem, lista, recibidos, faltantes, estado, vence, entrega.fecha, retraso,
                                   entrega.archivo, tarde=bool(retraso), incompleto=bool(faltantes),
                                   en_plazo=abierto))
    return out


def deudas(plan: Plan, comp: list[Completitud]) -> list[Deuda]:
    """Who owes what, in one order for every view: most missing semesters first, then most owed, then clave."""
    por_inst: dict[str, Deuda] = {}
    evaluados_de: Counter[str] = Counter()
    for c in comp:
        if not c.en_plazo:
            evaluados_de[c.institucion] += 1
        if c.estado in ("a_tiempo",) and not c.en_plazo:
            continue
        inst = plan.instituciones.get(c.institucion)
        d = por_inst.setdefault(c.institucion, Deuda(c.institucion, inst.nombre if inst else c.institucion))
        if c.estado == "faltante":
            d.faltantes.append(c.periodo)
        elif c.estado == "con_errores":
            d.con_errores.append(c)
        elif c.estado == "pendiente":
            d.pendientes.append(c)
        if c.tarde:
            d.tardios.append(c)
        if c.incompleto:
            d.incompletos.append(c)
    out = [d for d in por_inst.values() if d.faltantes or d.con_errores or d.incompletos or d.tardios or d.pendientes]
    for d in out:
        d.sin_ningun_informe = bool(d.faltantes) and len(d.faltantes) == evaluados_de[d.clave]
    return sorted(out, key=lambda d: (-len(d.faltantes), -(len(d.con_errores) + len(d.incompletos)
                                                          + len(d.tardios)), d.clave))


def semestres_en_plazo(plan: Plan, comp: list[Completitud], corte: dt.date) -> list[SemestreEnPlazo]:
    todos = rango(plan.primer_semestre, plan.ultimo_semestre)
    out = []
    for s in en_plazo(todos, corte, plan.general.plazo_dias):
        de_s = [c for c in comp if c.periodo == s]
        recibidos = sum(c.estado not in ("pendiente", "faltante") for c in de_s)
        out.append(SemestreEnPlazo(s, s.vencimiento(plan.general.plazo_dias), len(de_s), recibidos))
    return out


# --- the whole picture --------------------------------------------------------------------------------------

def evaluar(plan: Plan, datos: list[Dato], entregas: list[Entrega], corte: dt.date, *, eje: str | None = None,
            institucion: str | None = None, ilustrativo: bool = False,
            excluidos: list[ArchivoConErrores] | None = None, posteriores: list[str] | None = None) -> Situacion:
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
    todos = rango(plan.primer_semestre, plan.ultimo_semestre)
    comp = completitud(plan, entregas, corte, institucion, excluidos)
    if eje is not None:
        comp = [_solo(c, {i.id for i in indicadores}) for c in comp]
        comp = [c for c in comp if c.debidos]
    return Situacion(corte, evaluados(todos, corte, plan.general.plazo_dias), indicadores, actividades, comp,
                     ilustrativo, eje, institucion, semestres_en_plazo(plan, comp, corte), list(excluidos or []),
                     list(posteriores or []), deudas(plan, comp))


def _solo(c: Completitud, ids: set[str]) -> Completitud:
    """The same delivery, counting only the indicators in `ids` (the eje being looked at)."""
    debidos_ = [i for i in c.debidos if i in ids]
    recibidos = [i for i in c.recibidos if i in ids]
    faltantes = [i for i in c.faltantes if i in ids]
    incompleto = c.incompleto and bool(faltantes)
    estado = c.estado
    if estado == "incompleto" and not faltantes:
        estado = "a_tiempo"
    return Completitud(c.institucion, c.periodo, debidos_, recibidos, faltantes, estado, c.vencimiento,
                       c.fecha_reporte, c.dias_retraso, c.archivo, c.tarde, incompleto, c.en_plazo, c.errores,
                       c.codigos)


def _incluida(act: Actividad, institucion: str | None) -> bool:
    return institucion is None or institucion in act.responsables.instituciones
