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
    con_errores: list[str] = field(default_factory=list)


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
    estados_entrega: dict[str, dict[str, str]]  # institucion → semestre → estado (a_tiempo, faltante…)
    metas_por_definir: list[MetaPorDefinir]
    inconsistencias: list[Inconsistencia]
    filtro_eje: str | None = None
    revisar_meta: list[str] = field(default_factory=list)
    semestres_entregas: list[str] = field(default_factory=list)  # evaluated and en plazo
    en_plazo: list[str] = field(default_factory=list)
    archivos_con_errores: list[str] = field(default_factory=list)


def faltan(e: EstadoIndicador) -> str:
    """«faltan 2 de 4 informes» for a state computed with owed reports missing, else ""."""
    if not e.con_faltantes or e.estado == "sin_reporte":
        return ""
    n, de = len(e.informes_faltantes), e.informes_debidos
    return f"falta{'n' if n != 1 else ''} {n} de {de} informe{'s' if de != 1 else ''}"


def _notas(e: EstadoIndicador) -> str:
    notas = []
    if faltan(e):
        notas.append(faltan(e))
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
        esperado=numero(e.esperado), reportado=numero(e.reportado), logro=porcentaje(e.logro), estado=e.estado,
        etiqueta=ETIQUETAS[e.estado], notas=_notas(e), responsables=", ".join(act.responsables.instituciones),
        ultimo=f"{e.ultimo_periodo} ({fecha(e.ultima_fecha)})" if e.ultimo_periodo else "—",
        observaciones=" · ".join(o for o in e.observaciones if o.split(":", 1)[0].endswith(str(e.ultimo_periodo))))


def texto_entrega(c: Completitud) -> str:
    """A delivery in words; late and incomplete are two facts, both shown."""
    partes = []
    if c.tarde:
        partes.append(f"tarde ({c.dias_retraso} d)")
    if c.incompleto:
        partes.append(f"incompleto ({len(c.recibidos)}/{len(c.debidos)})")
    if partes:
        return " e ".join(partes)
    return {"a_tiempo": "a tiempo", "pendiente": "pendiente", "faltante": "faltante",
            "con_errores": f"con errores ({c.errores})", "tarde": "tarde", "incompleto": "incompleto"}[c.estado]


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

    matriz: dict[str, dict[str, str]] = {}
    estados_entrega: dict[str, dict[str, str]] = {}
    for entrega in sit.completitud:
        matriz.setdefault(entrega.institucion, {})[str(entrega.periodo)] = texto_entrega(entrega)
        estados_entrega.setdefault(entrega.institucion, {})[str(entrega.periodo)] = entrega.estado
    # who owes what: `sit.deudas`, in its one order; the column already says incompleto / tardío: only the detail
    deudoras = [Deudora(d.clave, d.nombre, [str(x) for x in d.faltantes],
                        [f"{c.periodo} ({len(c.recibidos)}/{len(c.debidos)})" for c in d.incompletos],
                        [f"{c.periodo} ({c.dias_retraso} día{'' if c.dias_retraso == 1 else 's'} de retraso)"
                         for c in d.tardios],
                        [f"{c.periodo} ({c.errores} error{'' if c.errores == 1 else 'es'})" for c in d.con_errores])
                for d in sit.deudas if d.faltantes or d.incompletos or d.tardios or d.con_errores]
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
        deudoras=deudoras,
        semestres_evaluados=[str(x) for x in sit.evaluados],
        semestres_entregas=[str(x) for x in sit.evaluados] + [str(p.periodo) for p in sit.en_plazo],
        en_plazo=[f"{p.periodo} en plazo hasta el {fecha(p.vence)}: {p.recibidos} de {p.debidos} informes recibidos"
                  for p in sit.en_plazo],
        archivos_con_errores=[f"{a.archivo} ({a.errores} error{'' if a.errores == 1 else 'es'}: "
                              f"{', '.join(a.codigos)})" for a in sit.excluidos],
        completitud=dict(sorted(matriz.items())),
        estados_entrega=dict(sorted(estados_entrega.items())),
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
