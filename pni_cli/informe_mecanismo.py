"""The content of the status report for the Mecanismo (what `pni reporte` renders), computed from the situation:
pure, shared by the Markdown, Excel and HTML renderers so that all of them (and `pni estado`) show the same
numbers. Numbers stay numbers (None where there is none) and dates stay dates: each renderer formats them its own
way (an Excel cell with a number format, «5,040» in Markdown). The few phrases every renderer says alike («faltan
2 de 4 informes», «tarde (3 días)») are the functions at the end of this module."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from . import __version__, semaforo
from .avance import Avance
from .formato import fecha, porcentaje
from .narrativa import Relato, relatos
from .periodos import Semestre
from .plan import Plan
from .progreso import ESTADOS, ETIQUETAS, Completitud, EstadoIndicador, Situacion
from .semaforo import SIMBOLOS, cuenta, faltan

# The states a meeting acts on, listed in the summary with every indicator they count.
ALERTAS = ("rojo", "no_cumplida", "sin_reporte")
TITULOS_ALERTA = {"rojo": "Indicadores en rojo", "no_cumplida": "Indicadores no cumplidos",
                  "sin_reporte": "Indicadores sin reporte"}
# How a delivery is said in one or two words (the cell of the institution × semester matrix).
PALABRAS_ENTREGA = {"a_tiempo": "a tiempo", "tarde": "tarde", "incompleto": "incompleto", "pendiente": "pendiente",
                    "faltante": "faltante", "con_errores": "con errores"}
SIMBOLOS_ENTREGA = {"a_tiempo": "✔", "tarde": "◷", "incompleto": "◑", "pendiente": "…", "faltante": "✖",
                    "con_errores": "⚠"}
LEYENDA_ENTREGA = {
    "a_tiempo": "informe recibido completo y dentro del plazo",
    "tarde": "recibido después del plazo (días de retraso)",
    "incompleto": "recibido sin todos los indicadores debidos (recibidos de debidos)",
    "pendiente": "el semestre aún está en plazo y el informe no ha llegado",
    "faltante": "el plazo venció y no llegó informe",
    "con_errores": "llegó un archivo con errores: no se cuenta hasta corregirlo (pni validar)",
}


@dataclass(frozen=True)
class FilaIndicador:
    id: str
    actividad: str
    actividad_texto: str
    indicador: str
    meta: str
    esperado: float | None  # None: nothing expected yet (en curso, no iniciada…)
    reportado: float | None
    logro: float | None  # percent (75.0 is 75 %)
    estado: str  # key (verde, sin_reporte…)
    etiqueta: str  # word shown to people
    simbolo: str
    notas: str  # faltan k de n informes, final, revisar meta, niveles discrepantes
    faltan: str  # «faltan 2 de 4 informes», or ""
    informes_faltantes: int
    informes_debidos: int
    responsables: str
    ultimo_periodo: str | None
    ultima_fecha: dt.date | None
    observaciones: str
    meta_final: float | None = None


@dataclass(frozen=True)
class Intervencion:
    id: str
    texto: str
    filas: list[FilaIndicador]


@dataclass(frozen=True)
class EjeInforme:
    id: str
    nombre: str
    conteo: dict[str, int]
    total: int
    intervenciones: list[Intervencion]


@dataclass(frozen=True)
class IndicadorAlerta:
    id: str
    logro: float | None


@dataclass(frozen=True)
class ActividadAlerta:
    """An activity with at least one indicator in the alert's state, and those indicators (all of them: the
    alert's count is the number of indicators listed)."""

    id: str
    eje: str
    texto: str
    responsables: str
    indicadores: list[IndicadorAlerta]
    estado_actividad: str = ""  # the activity's own (most urgent) state


@dataclass(frozen=True)
class Alerta:
    estado: str
    titulo: str
    simbolo: str
    actividades: list[ActividadAlerta]

    @property
    def total(self) -> int:
        return sum(len(a.indicadores) for a in self.actividades)


@dataclass(frozen=True)
class RelatoAlerta:
    """What the institutions told of an activity in alert in the latest evaluated semester they told anything of
    it: the short «lo que informaron» of the meeting's list of what to act on."""

    id: str
    eje: str
    texto: str
    alertas: list[str]  # «✖ rojo», «? sin reporte»: the alerts it is listed in
    periodo: str
    relatos: list[Relato]


@dataclass(frozen=True)
class DatoFaltante:
    """An indicator whose state is computed with owed reports missing, and whose they are."""

    id: str
    eje: str
    estado: str
    faltan: str
    informes_faltantes: int
    informes_debidos: int
    quienes: list[str]  # per institution, its semesters: «MAG 2024-S2 a 2026-S1», «MTPS 2025-S1, 2026-S1»


def quienes_y_semestres(faltantes: list[tuple[str, Semestre]]) -> list[str]:
    """Who owes which semesters, one entry per institution in the order they first appear, consecutive semesters
    as a range: [«MAG 2024-S2 a 2026-S1», «MTPS 2025-S1, 2026-S1»] (a list of 21 «MAG 2025-S1» did not read)."""
    por_clave: dict[str, list[Semestre]] = {}
    for clave, sem in faltantes:
        por_clave.setdefault(clave, []).append(sem)
    out = []
    for clave, sems in por_clave.items():
        tramos: list[list[Semestre]] = []
        for sem in sorted(set(sems), key=lambda x: (x.anio, x.numero)):
            if tramos and tramos[-1][-1].siguiente() == sem:
                tramos[-1].append(sem)
            else:
                tramos.append([sem])
        partes = [f"{t[0]} a {t[-1]}" if len(t) > 2 else ", ".join(str(x) for x in t) for t in tramos]
        out.append(f"{clave} {', '.join(partes)}")
    return out


@dataclass(frozen=True)
class Celda:
    """One delivery (institution × semester) as every view says it."""

    semestre: str
    estado: str  # a_tiempo, tarde, incompleto, pendiente, faltante, con_errores
    tarde: bool = False
    dias_retraso: int = 0
    incompleto: bool = False
    recibidos: int = 0
    debidos: int = 0
    errores: int = 0
    en_plazo: bool = False
    faltantes: list[str] = field(default_factory=list)  # indicator ids owed and not received
    fecha_reporte: dt.date | None = None
    vence: dt.date | None = None


@dataclass(frozen=True)
class Deudora:
    clave: str
    nombre: str
    faltantes: list[str]
    incompletos: list[Celda]
    tardios: list[Celda]
    con_errores: list[Celda] = field(default_factory=list)


@dataclass(frozen=True)
class MetaPorDefinir:
    id: str
    indicador: str
    meta: str
    definida_en: str
    responsables: str


@dataclass(frozen=True)
class Inconsistencia:
    donde: str
    codigo: str
    descripcion: str


@dataclass(frozen=True)
class PuntoTendencia:
    """The states of each eje's indicators on one date: the day after an evaluated semester's deadline (or the
    cut-off date, if earlier)."""

    semestre: str
    fecha: dt.date
    conteo: dict[str, dict[str, int]]  # eje → estado → indicators


@dataclass
class InformeMecanismo:
    titulo: str
    plan: str
    corte: str
    corte_fecha: dt.date
    corte_iso: str
    version_plan: str
    version_pni: str
    ilustrativo: bool
    semestres: str
    estados: list[tuple[str, str]]  # (key, word) in display order
    umbrales: dict[str, float]
    total: dict[str, int]
    total_indicadores: int
    ejes: list[EjeInforme]
    alertas: list[Alerta]
    datos_faltantes: list[DatoFaltante]
    deudoras: list[Deudora]
    semestres_evaluados: list[str]
    sin_deudoras: str  # what the list of institutions that owe says when it is empty
    entregas: dict[str, dict[str, Celda]]  # institucion → semestre → delivery
    metas_por_definir: list[MetaPorDefinir]
    inconsistencias: list[Inconsistencia]
    filtro_eje: str | None = None
    revisar_meta: list[str] = field(default_factory=list)
    semestres_entregas: list[str] = field(default_factory=list)  # evaluated and en plazo
    en_plazo: list[str] = field(default_factory=list)
    archivos_con_errores: list[str] = field(default_factory=list)
    tendencia: list[PuntoTendencia] = field(default_factory=list)
    simbolos: dict[str, str] = field(default_factory=lambda: dict(SIMBOLOS))
    leyenda: dict[str, str] = field(default_factory=dict)  # estado → its meaning, thresholds filled in
    nombres: dict[str, str] = field(default_factory=dict)  # clave → the institution's name (those in `entregas`)
    relatos_alerta: list[RelatoAlerta] = field(default_factory=list)

    def alerta(self, estado: str) -> Alerta:
        return next(a for a in self.alertas if a.estado == estado)

    @property
    def en_alerta(self) -> int:
        """How many activities the alerts list (an activity in two alerts counted once)."""
        return len({a.id for alerta in self.alertas for a in alerta.actividades})

    @property
    def texto_relatos_alerta(self) -> str:
        """What the list of `relatos_alerta` holds, in words (every format says it alike)."""
        n, total = len(self.relatos_alerta), self.en_alerta
        if not n:
            return ("Ninguna institución informó logros, dificultades ni próximos pasos de las actividades en alerta "
                    "en los semestres evaluados.")
        cuantas = ("La actividad en alerta tiene" if total == 1 else f"Las {total} actividades en alerta tienen"
                   if n == total else f"{n} de las {total} actividades en alerta tiene{'' if n == 1 else 'n'}")
        return (f"{cuantas} logros, dificultades o próximos pasos en los semestres evaluados. De cada una, lo que "
                "informaron sus instituciones en el último semestre en que informaron algo de ella, como lo "
                "escribieron.")


def _notas(e: EstadoIndicador) -> str:
    notas = []
    if faltan(e):
        notas.append(faltan(e))
    if cuenta(e):
        notas.append(cuenta(e))
    if e.final and e.estado not in ("cumplida", "no_cumplida"):
        notas.append("final")
    if e.disminucion:
        notas.append("el total acumulado bajó")
    if e.revisar_meta:
        notas.append("revisar meta")
    if e.discrepancia:
        notas.append("niveles discrepantes")
    return ", ".join(notas)


def _fila(plan: Plan, e: EstadoIndicador) -> FilaIndicador:
    ind = plan.indicadores[e.id]
    act = plan.actividades[e.actividad]
    return FilaIndicador(
        id=e.id, actividad=act.id, actividad_texto=act.texto, indicador=ind.texto, meta=ind.meta.texto,
        esperado=e.esperado, reportado=e.reportado, logro=e.logro, estado=e.estado, etiqueta=ETIQUETAS[e.estado],
        simbolo=SIMBOLOS[e.estado], notas=_notas(e), faltan=faltan(e),
        informes_faltantes=len(e.informes_faltantes) if faltan(e) else 0,
        informes_debidos=e.informes_debidos, responsables=", ".join(act.responsables.instituciones),
        ultimo_periodo=str(e.ultimo_periodo) if e.ultimo_periodo else None, ultima_fecha=e.ultima_fecha,
        observaciones=" · ".join(o for o in e.observaciones if o.split(":", 1)[0].endswith(str(e.ultimo_periodo))),
        meta_final=e.meta_final)


def celda(c: Completitud) -> Celda:
    return Celda(str(c.periodo), c.estado, c.tarde, c.dias_retraso, c.incompleto, len(c.recibidos), len(c.debidos),
                 c.errores, c.en_plazo, list(c.faltantes), c.fecha_reporte, c.vencimiento)


def alertas(sit: Situacion, plan: Plan) -> list[Alerta]:
    """For each state a meeting acts on: every activity with an indicator in that state, and those indicators
    (whatever the activity's own state: an activity «sin reporte» may hold an indicator in rojo)."""
    out = []
    for estado in ALERTAS:
        actividades = []
        for a in sit.actividades:
            propios = [IndicadorAlerta(i.id, i.logro) for i in a.indicadores if i.estado == estado]
            if propios:
                act = plan.actividades[a.id]
                actividades.append(ActividadAlerta(a.id, a.eje, act.texto, ", ".join(act.responsables.instituciones),
                                                   propios, a.estado))
        out.append(Alerta(estado, TITULOS_ALERTA[estado], SIMBOLOS[estado], actividades))
    return out


def relatos_alerta(plan: Plan, sit: Situacion, alertas_: list[Alerta], avances: Collection[Avance]
                   ) -> list[RelatoAlerta]:
    """For each activity in alert (in the order of the alerts' lists, once), what the institutions told of it in
    the latest evaluated semester they told anything of it, from the files that count (`avances`)."""
    en: dict[str, list[str]] = {}
    for a in alertas_:
        for act in a.actividades:
            en.setdefault(act.id, []).append(f"{a.simbolo} {ETIQUETAS[a.estado]}")
    por_actividad: dict[str, list[Relato]] = {}
    for r in relatos(plan, avances, actividades=en, semestres=set(sit.evaluados)):
        lista = por_actividad.setdefault(r.actividad, [])
        if not lista or lista[0].periodo == r.periodo:  # latest semester first: only that semester's
            lista.append(r)
    return [RelatoAlerta(id_, plan.eje_de[id_].id, plan.actividades[id_].texto, alertas_de,
                         por_actividad[id_][0].periodo, por_actividad[id_])
            for id_, alertas_de in en.items() if id_ in por_actividad]


def leyenda(umbrales: dict[str, float]) -> dict[str, str]:
    return semaforo.leyenda(f"{umbrales['verde']:g}", f"{umbrales['amarillo']:g}")


def construir(sit: Situacion, plan: Plan, version_plan: str, eje: str | None = None,
              historial: list[tuple[str, dt.date, Situacion]] | None = None, avances: Collection[Avance] = ()
              ) -> InformeMecanismo:
    """The report of `sit`; `historial` (semester, date, situation on that date) gives the trend; `avances` (the
    files that count at the cut-off date, `Evaluacion.avances_contados`) what the institutions told of the
    activities in alert."""
    por_eje: dict[str, list[EstadoIndicador]] = {}
    for e in sit.indicadores:
        por_eje.setdefault(e.eje, []).append(e)
    ejes = []
    for ej in plan.ejes:
        if ej.id not in por_eje:
            continue
        intervenciones = []
        for itv in ej.intervenciones:
            filas = [_fila(plan, e) for e in por_eje[ej.id] if e.intervencion == itv.id]
            if filas:
                intervenciones.append(Intervencion(itv.id, itv.texto, filas))
        c = sit.conteo(ej.id)
        ejes.append(EjeInforme(ej.id, ej.nombre, {k: c.get(k, 0) for k in ESTADOS}, sum(c.values()), intervenciones))

    entregas: dict[str, dict[str, Celda]] = {}
    for entrega in sit.completitud:
        entregas.setdefault(entrega.institucion, {})[str(entrega.periodo)] = celda(entrega)
    # who owes what: `sit.deudas`, in its one order
    deudoras = [Deudora(d.clave, d.nombre, [str(x) for x in d.faltantes], [celda(c) for c in d.incompletos],
                        [celda(c) for c in d.tardios], [celda(c) for c in d.con_errores])
                for d in sit.deudas if d.faltantes or d.incompletos or d.tardios or d.con_errores]
    faltantes = [DatoFaltante(e.id, e.eje, e.estado, faltan(e), len(e.informes_faltantes), e.informes_debidos,
                              quienes_y_semestres(e.informes_faltantes))
                 for e in sit.indicadores if faltan(e)]
    incluidos = {e.id for e in sit.indicadores}
    metas = [MetaPorDefinir(i.id, i.texto, i.meta.texto, i.meta.definida_en or "",
                            ", ".join(plan.actividad_de[i.id].responsables.instituciones))
             for i in plan.indicadores.values() if i.meta.tipo == "por_definir" and i.id in incluidos]
    s = plan.general.semaforo
    umbrales = {"verde": s.verde, "amarillo": s.amarillo, "revisar_meta": s.revisar_meta}
    total = sit.conteo()
    en_alerta = alertas(sit, plan)
    tendencia = [PuntoTendencia(sem, dia, {ej.id: {k: otra.conteo(ej.id).get(k, 0) for k in ESTADOS}
                                           for ej in ejes})
                 for sem, dia, otra in historial or []]
    return InformeMecanismo(
        titulo="Informe de avance del PNI 2024-2028",
        plan=plan.general.nombre,
        corte=fecha(sit.corte), corte_fecha=sit.corte, corte_iso=sit.corte.isoformat(), version_plan=version_plan,
        version_pni=__version__, ilustrativo=sit.ilustrativo,
        semestres=(f"{sit.evaluados[0]} a {sit.evaluados[-1]} ({len(sit.evaluados)})" if sit.evaluados
                   else "ninguno"),
        estados=[(k, ETIQUETAS[k]) for k in ESTADOS],
        umbrales=umbrales,
        total={k: total.get(k, 0) for k in ESTADOS}, total_indicadores=sum(total.values()),
        ejes=ejes, alertas=en_alerta, datos_faltantes=faltantes,
        deudoras=deudoras,
        sin_deudoras=("Ninguna: todos los informes vencidos llegaron completos y a tiempo." if sit.evaluados
                      else "Ninguna: aún no vence ningún informe de avance a esta fecha de corte."),
        semestres_evaluados=[str(x) for x in sit.evaluados],
        semestres_entregas=[str(x) for x in sit.evaluados] + [str(p.periodo) for p in sit.en_plazo],
        en_plazo=[f"{p.periodo} en plazo hasta el {fecha(p.vence)}: {p.recibidos} de {p.debidos} informes recibidos"
                  for p in sit.en_plazo],
        archivos_con_errores=[f"{a.archivo} ({a.errores} error{'' if a.errores == 1 else 'es'}: "
                              f"{', '.join(a.codigos)})" for a in sit.excluidos],
        entregas=dict(sorted(entregas.items())),
        metas_por_definir=metas,
        inconsistencias=inconsistencias(plan, eje),
        filtro_eje=eje,
        revisar_meta=[e.id for e in sit.indicadores if e.revisar_meta],
        tendencia=tendencia,
        leyenda=leyenda(umbrales),
        nombres={c: plan.instituciones[c].nombre if c in plan.instituciones else c for c in sorted(entregas)},
        relatos_alerta=relatos_alerta(plan, sit, en_alerta, avances),
    )


def inconsistencias(plan: Plan, eje: str | None = None) -> list[Inconsistencia]:
    out: list[Inconsistencia] = []
    for ej in plan.ejes:
        if eje is not None and ej.id != eje:
            continue
        out += [Inconsistencia(f"Eje {ej.id}", n.codigo, n.descripcion) for n in ej.inconsistencias]
        for itv in ej.intervenciones:
            out += [Inconsistencia(itv.id, n.codigo, n.descripcion) for n in itv.inconsistencias]
            for act in itv.actividades:
                out += [Inconsistencia(act.id, n.codigo, n.descripcion) for n in act.inconsistencias]
                for ind in act.indicadores:
                    out += [Inconsistencia(ind.id, n.codigo, n.descripcion) for n in ind.inconsistencias]
    return out


# --- words every renderer says alike --------------------------------------------------------------------------

def dias(n: int) -> str:
    return f"{n} día{'' if n == 1 else 's'}"


def texto_entrega(c: Celda) -> str:
    """A delivery in words; late and incomplete are two facts, both shown: «tarde (1 día) e incompleto (5 de 128)»."""
    partes = []
    if c.tarde:
        partes.append(f"tarde ({dias(c.dias_retraso)})")
    if c.incompleto:
        partes.append(f"incompleto ({c.recibidos} de {c.debidos})")
    if partes:
        return " e ".join(partes)
    if c.estado == "con_errores":
        return f"con errores ({c.errores})"
    return PALABRAS_ENTREGA[c.estado]


def texto_incompleto(c: Celda) -> str:
    return f"{c.semestre} ({c.recibidos} de {c.debidos} indicadores)"


def texto_tardio(c: Celda) -> str:
    return f"{c.semestre} ({dias(c.dias_retraso)} de retraso)"


def texto_con_errores(c: Celda) -> str:
    return f"{c.semestre} ({c.errores} error{'' if c.errores == 1 else 'es'})"


def texto_alerta(a: ActividadAlerta) -> str:
    """«3.1.1.a (33 %); 3.1.1.b» (the logro where there is one)."""
    return "; ".join(f"{i.id} ({porcentaje(i.logro)})" if i.logro is not None else i.id for i in a.indicadores)
