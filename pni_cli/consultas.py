"""The analyst's questions on top of the engine's situation, for `pni estado` and `pni mostrar`: which indicators
are in some states or speak of some words (`filtrar`), what one institution reported and owes (`propio`,
`compartida_con`, `reporto_algo`, `proximo_plazo`) and what the semáforo said of an indicator the day after each
semester's deadline (`estados_por_semestre`). Pure: the engine (pni_cli/progreso.py) computes, this only selects
and reads its results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .avance import ArchivoAvance
from .entradas import entradas
from .errores import ErrorDeUso
from .lenguaje import contiene_palabras, normalizar
from .periodos import Semestre, rango
from .plan import Plan
from .progreso import (
    ESTADOS,
    ETIQUETAS,
    Completitud,
    Dato,
    Estado,
    EstadoActividad,
    EstadoIndicador,
    Momento,
    Situacion,
    debidos,
    deudas,
    evaluar_indicador,
)

# --- --semaforo and --buscar ------------------------------------------------------------------------------------

_POR_NOMBRE = {normalizar(n).replace(" ", "_"): e for e in ESTADOS for n in (e, ETIQUETAS[e])}


def estados_pedidos(texto: str) -> tuple[Estado, ...]:
    """`--semaforo rojo,sin_reporte` as states (also «sin reporte», «Sin-Reporte», accents aside), or a usage
    error that lists the states."""
    pedidos: list[Estado] = []
    for parte in texto.split(","):
        clave = normalizar(parte).replace(" ", "_").replace("-", "_")
        if not clave:
            continue
        estado = _POR_NOMBRE.get(clave)
        if estado is None:
            raise ErrorDeUso(f"--semaforo «{parte.strip()}» no es un estado del semáforo; use uno o varios, "
                             f"separados por comas, de: {', '.join(ESTADOS)}")
        if estado not in pedidos:
            pedidos.append(estado)
    if not pedidos:
        raise ErrorDeUso(f"--semaforo necesita uno o varios estados separados por comas: {', '.join(ESTADOS)}")
    return tuple(pedidos)


def texto_de(plan: Plan, e: EstadoIndicador) -> str:
    """The words an indicator is found by: its activity's text, its own and its meta's."""
    ind, act = plan.indicadores[e.id], plan.actividades[e.actividad]
    return f"{act.texto} {ind.texto} {ind.meta.texto}"


def filtrar(sit: Situacion, plan: Plan, *, estados: tuple[str, ...] = (), buscar: str | None = None) -> Situacion:
    """Only the indicators in `estados` whose texts hold every word of `buscar`, their activities (with the
    activity's own state, which is that of all its indicators), and the deliveries of those indicators."""
    if not estados and not buscar:
        return sit

    def elegido(e: EstadoIndicador) -> bool:
        return (not estados or e.estado in estados) and (not buscar or contiene_palabras(texto_de(plan, e), buscar))

    indicadores = [e for e in sit.indicadores if elegido(e)]
    ids = {e.id for e in indicadores}
    actividades = [EstadoActividad(a.id, a.intervencion, a.eje, a.estado, [i for i in a.indicadores if i.id in ids])
                   for a in sit.actividades]
    actividades = [a for a in actividades if a.indicadores]
    comp = [c for c in (_solo(c, ids) for c in sit.completitud) if c.debidos]
    return replace(sit, indicadores=indicadores, actividades=actividades, completitud=comp, deudas=deudas(plan, comp))


def _solo(c: Completitud, ids: set[str]) -> Completitud:
    """The same delivery, counting only the indicators in `ids`."""
    faltantes = [i for i in c.faltantes if i in ids]
    estado = "a_tiempo" if c.estado == "incompleto" and not faltantes else c.estado
    return replace(c, debidos=[i for i in c.debidos if i in ids], recibidos=[i for i in c.recibidos if i in ids],
                   faltantes=faltantes, incompleto=c.incompleto and bool(faltantes), estado=estado)


# --- one institution ------------------------------------------------------------------------------------------

def propio(e: EstadoIndicador, plan: Plan, clave: str) -> float | None:
    """What `clave` itself reported of an indicator in the evaluated semesters, read as the indicator reads it:
    the sum of a flow, the latest of a level or a running total. None if it reported nothing."""
    meta = plan.indicadores[e.id].meta
    suyos = [v.valores[clave] for v in e.historia if v.momento == "evaluado" and clave in v.valores]
    if not suyos:
        return None
    return suyos[-1] if meta.es_nivel or meta.acumulacion == "acumulado" else sum(suyos)


def cuenta_su_cifra(plan: Plan, indicador: str, clave: str) -> bool:
    """False when only the lead's figure counts (`combinar: responsable`) and `clave` is not the lead."""
    meta = plan.indicadores[indicador].meta
    return meta.combinar != "responsable" or clave == meta.responsable_principal


def compartida_con(plan: Plan, actividad: str, clave: str) -> list[str]:
    """The other responsables of an activity `clave` is responsible for (none: it is its own)."""
    return [c for c in dict.fromkeys(plan.actividades[actividad].responsables.instituciones) if c != clave]


def reporto_algo(sit: Situacion, clave: str) -> bool:
    """Whether anything `clave` reported counts at the cut-off date (in an evaluated semester or one en plazo)."""
    return any(clave in v.valores for e in sit.indicadores for v in e.historia)


@dataclass(frozen=True)
class Plazo:
    """The next report an institution owes: its semester, its deadline and how many indicators it owes."""

    periodo: Semestre
    vence: dt.date
    indicadores: int


def proximo_plazo(plan: Plan, sit: Situacion, clave: str) -> Plazo | None:
    """The first semester whose deadline has not passed at the cut-off date, for which `clave` owes indicators
    (of those shown) and has not delivered yet; None when it owes nothing more."""
    recibidos = {c.periodo for c in sit.completitud if c.institucion == clave and c.fecha_reporte is not None}
    mostrados = {e.id for e in sit.indicadores}
    plazo = plan.general.plazo_dias
    for s in rango(plan.primer_semestre, plan.ultimo_semestre):
        if s.vencimiento(plazo) < sit.corte or s in recibidos:
            continue
        suyos = [i for i in debidos(plan, clave, s) if i in mostrados]
        if suyos:
            return Plazo(s, s.vencimiento(plazo), len(suyos))
    return None


# --- the semáforo as it was -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EstadoEnSemestre:
    """One semester of an indicator's window: evaluado, en plazo or futuro at the cut-off date, and for an
    evaluated one the state the semáforo gave the day after its deadline (with what had been delivered by then)."""

    periodo: Semestre
    momento: Momento
    estado: Estado | None
    fecha: dt.date


def estados_por_semestre(plan: Plan, archivos: list[ArchivoAvance], ids: Iterable[str], corte: dt.date
                         ) -> dict[str, list[EstadoEnSemestre]]:
    """For each indicator, every semester of its window with the state it had the day after that semester's
    deadline (only for the semesters evaluated at `corte`: the others have no state yet)."""
    plazo = plan.general.plazo_dias
    por_fecha: dict[dt.date, dict[str, list[Dato]]] = {}
    out: dict[str, list[EstadoEnSemestre]] = {}
    for id_ in ids:
        ind = plan.indicadores[id_]
        fila = []
        for s in plan.ventana(plan.actividad_de[id_]):
            dia = s.vencimiento(plazo) + dt.timedelta(days=1)
            if dia > corte:
                momento: Momento = "en_plazo" if s.fin < corte else "futuro"
                fila.append(EstadoEnSemestre(s, momento, None, dia))
                continue
            if dia not in por_fecha:
                datos: dict[str, list[Dato]] = {}
                for d in entradas(plan, archivos, dia).datos:
                    datos.setdefault(d.indicador, []).append(d)
                por_fecha[dia] = datos
            e = evaluar_indicador(plan, ind, por_fecha[dia].get(id_, []), dia)
            fila.append(EstadoEnSemestre(s, "evaluado", e.estado, dia))
        out[id_] = fila
    return out
