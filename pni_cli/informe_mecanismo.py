"""The content of the status report for the Mecanismo (what `pni reporte` renders), computed from the situation:
pure, shared by the Markdown and Excel renderers so that both (and `pni estado`) show the same numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import __version__
from .formato import fecha, numero, porcentaje
from .plan import Plan
from .progreso import ESTADOS, ETIQUETAS, Completitud, EstadoIndicador, Situacion


@dataclass(frozen=True)
class FilaIndicador:
    id: str
    actividad: str
    actividad_texto: str
    indicador: str
    meta: str
    esperado: str
    reportado: str
    logro: str
    estado: str  # key (verde, sin_reporte…)
    etiqueta: str  # word shown to people
    notas: str  # revisar meta, niveles discrepantes
    responsables: str
    ultimo: str
    observaciones: str


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
class ActividadAlerta:
    id: str
    eje: str
    texto: str
    responsables: str
    detalle: str


@dataclass(frozen=True)
class Deudora:
    clave: str
    nombre: str
    faltantes: list[str]
    incompletos: list[str]
    tardios: list[str]


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


@dataclass
class InformeMecanismo:
    titulo: str
    plan: str
    corte: str
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
    rojas: list[ActividadAlerta]
    sin_reporte: list[ActividadAlerta]
    deudoras: list[Deudora]
    semestres_evaluados: list[str]
    completitud: dict[str, dict[str, str]]  # institucion → semestre → text
    metas_por_definir: list[MetaPorDefinir]
    inconsistencias: list[Inconsistencia]
    filtro_eje: str | None = None
    revisar_meta: list[str] = field(default_factory=list)


def _notas(e: EstadoIndicador) -> str:
    notas = []
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
        esperado=numero(e.esperado), reportado=numero(e.reportado), logro=porcentaje(e.logro), estado=e.estado,
        etiqueta=ETIQUETAS[e.estado], notas=_notas(e), responsables=", ".join(act.responsables.instituciones),
        ultimo=f"{e.ultimo_periodo} ({fecha(e.ultima_fecha)})" if e.ultimo_periodo else "—",
        observaciones=" · ".join(o for o in e.observaciones if o.split(":", 1)[0].endswith(str(e.ultimo_periodo))))


def texto_entrega(c: Completitud) -> str:
    return {"a_tiempo": "a tiempo", "tarde": f"tarde ({c.dias_retraso} d)",
            "incompleto": f"incompleto ({len(c.recibidos)}/{len(c.debidos)})", "pendiente": "pendiente",
            "faltante": "faltante"}[c.estado]


def construir(sit: Situacion, plan: Plan, version_plan: str, eje: str | None = None) -> InformeMecanismo:
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

    def alerta(estado: str) -> list[ActividadAlerta]:
        out = []
        for a in sit.actividades:
            if a.estado != estado:
                continue
            act = plan.actividades[a.id]
            detalle = "; ".join(f"{i.id} {porcentaje(i.logro)}" if i.logro is not None else i.id
                                for i in a.indicadores if i.estado == estado)
            out.append(ActividadAlerta(a.id, a.eje, act.texto, ", ".join(act.responsables.instituciones), detalle))
        return out

    deudoras: dict[str, Deudora] = {}
    matriz: dict[str, dict[str, str]] = {}
    for entrega in sit.completitud:
        clave = entrega.institucion
        matriz.setdefault(clave, {})[str(entrega.periodo)] = texto_entrega(entrega)
        if entrega.en_deuda:
            nombre = plan.instituciones[clave].nombre if clave in plan.instituciones else clave
            d = deudoras.setdefault(clave, Deudora(clave, nombre, [], [], []))
            destino = {"faltante": d.faltantes, "incompleto": d.incompletos, "tarde": d.tardios}[entrega.estado]
            # the column already says incompleto / tardío: only the detail, never «2025-S2 (tarde (1 d))»
            dias = entrega.dias_retraso
            detalle = {"faltante": "", "incompleto": f" ({len(entrega.recibidos)}/{len(entrega.debidos)})",
                       "tarde": f" ({dias} día{'' if dias == 1 else 's'} de retraso)"}[entrega.estado]
            destino.append(f"{entrega.periodo}{detalle}")
    incluidos = {e.id for e in sit.indicadores}
    metas = [MetaPorDefinir(i.id, i.texto, i.meta.texto, i.meta.definida_en or "",
                            ", ".join(plan.actividad_de[i.id].responsables.instituciones))
             for i in plan.indicadores.values() if i.meta.tipo == "por_definir" and i.id in incluidos]
    s = plan.general.semaforo
    total = sit.conteo()
    return InformeMecanismo(
        titulo="Informe de avance del PNI 2024-2028",
        plan=plan.general.nombre,
        corte=fecha(sit.corte), corte_iso=sit.corte.isoformat(), version_plan=version_plan,
        version_pni=__version__, ilustrativo=sit.ilustrativo,
        semestres=(f"{sit.evaluados[0]} a {sit.evaluados[-1]} ({len(sit.evaluados)})" if sit.evaluados
                   else "ninguno"),
        estados=[(k, ETIQUETAS[k]) for k in ESTADOS],
        umbrales={"verde": s.verde, "amarillo": s.amarillo, "revisar_meta": s.revisar_meta},
        total={k: total.get(k, 0) for k in ESTADOS}, total_indicadores=sum(total.values()),
        ejes=ejes, rojas=alerta("rojo"), sin_reporte=alerta("sin_reporte"),
        deudoras=sorted(deudoras.values(), key=lambda d: (-len(d.faltantes), d.clave)),
        semestres_evaluados=[str(x) for x in sit.evaluados],
        completitud=dict(sorted(matriz.items())),
        metas_por_definir=metas,
        inconsistencias=inconsistencias(plan, eje),
        filtro_eje=eje,
        revisar_meta=[e.id for e in sit.indicadores if e.revisar_meta],
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
