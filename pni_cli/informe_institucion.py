"""The content of the report for one institution (`pni reporte --institucion CLAVE`): the letter an analyst sends.
What it owes (semesters missing, with errors, incomplete or late; the indicators missing from each; the next
deadline), its own reported values beside each indicator's total, and the state of the activities it is responsible
for (named as shared when other institutions share them), and what it told of each activity in the semesters
evaluated (logros, dificultades, próximos pasos of its files that count). Pure: computed from the situation
evaluated for that institution (`evaluar(…, institucion=CLAVE)`: its activities, its deliveries; each indicator's
state is the whole plan's, computed from every institution's reports) and the files that count at its cut-off date.
Numbers stay numbers: the renderers format them; texts stay as written: the renderers escape them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from . import __version__
from .avance import Avance
from .formato import fecha
from .informe_mecanismo import Celda, celda, leyenda
from .narrativa import Relato, relatos
from .periodos import rango
from .plan import Plan
from .progreso import ESTADOS, ETIQUETAS, Situacion, debidos
from .semaforo import SIMBOLOS, cuenta, faltan


@dataclass(frozen=True)
class ValorPropio:
    semestre: str
    valor: float | None  # what this institution reported for the semester (None: nothing)
    debia: bool  # it owed a report of this indicator for that semester and it is missing


@dataclass(frozen=True)
class IndicadorPropio:
    id: str
    indicador: str
    meta: str
    estado: str
    etiqueta: str
    simbolo: str
    esperado: float | None
    reportado: float | None  # the indicator's total (every institution's reports, combined as the plan says)
    logro: float | None
    faltan: str  # «faltan 2 de 4 informes» (of every responsible institution), «cuenta 1.5: …» (semaforo.cuenta)
    le_corresponde: bool  # it must report this indicator (Meta.la_debe)
    combinar: str | None
    valores: list[ValorPropio]  # one per semester of `InformeInstitucion.semestres_valores`


@dataclass(frozen=True)
class ActividadPropia:
    id: str
    eje: str
    texto: str
    estado: str
    etiqueta: str
    simbolo: str
    compartida_con: list[str]
    indicadores: list[IndicadorPropio]


@dataclass(frozen=True)
class NarrativaPropia:
    """What the institution told of one activity in the semesters evaluated, the latest first."""

    id: str
    eje: str
    texto: str
    responsable: bool  # False: it wrote of an activity of which it is not a responsable (PNI331)
    relatos: list[Relato]


@dataclass(frozen=True)
class Proximo:
    semestre: str
    vence: dt.date
    indicadores: int
    en_plazo: bool  # the semester is over and its delivery window open


@dataclass
class InformeInstitucion:
    clave: str
    nombre: str
    titulo: str
    corte: str
    corte_fecha: dt.date
    corte_iso: str
    version_plan: str
    version_pni: str
    ilustrativo: bool
    semestres: str
    entregas: list[Celda]  # every semester it owes, evaluated or en plazo
    faltantes: list[str]
    con_errores: list[Celda]
    incompletos: list[Celda]
    tardios: list[Celda]
    pendientes: list[Celda]
    sin_deudas: str  # what «lo que debe» says when it owes nothing
    proximo: Proximo | None
    actividades: list[ActividadPropia]
    conteo: dict[str, int]  # estado → indicators of its activities
    total_indicadores: int
    semestres_valores: list[str]
    estados: list[tuple[str, str]]
    umbrales: dict[str, float]
    leyenda: dict[str, str] = field(default_factory=dict)
    simbolos: dict[str, str] = field(default_factory=lambda: dict(SIMBOLOS))
    archivos_con_errores: list[str] = field(default_factory=list)
    narrativa: list[NarrativaPropia] = field(default_factory=list)  # in the plan's order
    sin_narrativa: list[str] = field(default_factory=list)  # its activities of which it told nothing

    @property
    def debe(self) -> bool:
        return bool(self.faltantes or self.con_errores or self.incompletos or self.tardios)

    @property
    def indicadores_faltantes(self) -> int:
        return sum(len(c.faltantes) for c in self.incompletos)


def con_algo(plan: Plan, sit: Situacion) -> list[str]:
    """The institutions that owe anything or reported anything at the cut-off date, by clave."""
    claves = {d.clave for d in sit.deudas}
    claves |= {c.institucion for c in sit.completitud if c.estado not in ("faltante", "pendiente")}
    return sorted(claves)


def construir(sit: Situacion, plan: Plan, version_plan: str, avances: Collection[Avance] = ()
              ) -> InformeInstitucion:
    """The report of `sit`; `avances` are the files that count at its cut-off date
    (`Evaluacion.avances_contados`), for the narrative."""
    clave = sit.filtro_institucion
    assert clave is not None, "la situación se evalúa para una institución"
    inst = plan.instituciones.get(clave)
    nombre = inst.nombre if inst else clave
    propias = [c for c in sit.completitud if c.institucion == clave]
    semestres = [str(s) for s in sit.evaluados] + [str(p.periodo) for p in sit.en_plazo]
    actividades = []
    for a in sit.actividades:
        act = plan.actividades[a.id]
        otros = [c for c in dict.fromkeys(act.responsables.instituciones) if c != clave]
        indicadores = []
        for e in a.indicadores:
            ind = plan.indicadores[e.id]
            faltantes = {str(s) for c, s in e.informes_faltantes if c == clave}
            por_sem = {str(v.periodo): v.valores.get(clave) for v in e.historia}
            indicadores.append(IndicadorPropio(
                e.id, ind.texto, ind.meta.texto, e.estado, ETIQUETAS[e.estado], SIMBOLOS[e.estado], e.esperado,
                e.reportado, e.logro, ", ".join(n for n in (faltan(e), cuenta(e)) if n), ind.meta.la_debe(clave),
                e.combinar,
                [ValorPropio(s, por_sem.get(s), s in faltantes) for s in semestres]))
        actividades.append(ActividadPropia(a.id, a.eje, act.texto, a.estado, ETIQUETAS[a.estado],
                                           SIMBOLOS[a.estado], otros, indicadores))
    conteo = sit.conteo()
    s = plan.general.semaforo
    umbrales = {"verde": s.verde, "amarillo": s.amarillo, "revisar_meta": s.revisar_meta}
    narrativa = narrativa_propia(plan, sit, clave, avances)
    return InformeInstitucion(
        clave=clave, nombre=nombre, titulo=f"Informe de avance del PNI 2024-2028 para {nombre} ({clave})",
        corte=fecha(sit.corte), corte_fecha=sit.corte, corte_iso=sit.corte.isoformat(), version_plan=version_plan,
        version_pni=__version__, ilustrativo=sit.ilustrativo,
        semestres=(f"{sit.evaluados[0]} a {sit.evaluados[-1]} ({len(sit.evaluados)})" if sit.evaluados
                   else "ninguno"),
        entregas=[celda(c) for c in propias],
        faltantes=[str(c.periodo) for c in propias if c.estado == "faltante"],
        con_errores=[celda(c) for c in propias if c.estado == "con_errores"],
        incompletos=[celda(c) for c in propias if c.incompleto],
        tardios=[celda(c) for c in propias if c.tarde],
        pendientes=[celda(c) for c in propias if c.estado == "pendiente"],
        sin_deudas=("Nada: todos sus informes vencidos llegaron completos y a tiempo."
                    if any(c.estado != "pendiente" for c in propias)
                    else "Nada: aún no vence ninguno de sus informes a esta fecha de corte."),
        proximo=proximo(plan, clave, sit.corte),
        actividades=actividades,
        conteo={k: conteo.get(k, 0) for k in ESTADOS}, total_indicadores=sum(conteo.values()),
        semestres_valores=semestres, estados=[(k, ETIQUETAS[k]) for k in ESTADOS], umbrales=umbrales,
        leyenda=leyenda(umbrales),
        archivos_con_errores=[a.archivo for a in sit.excluidos if a.institucion == clave],
        narrativa=narrativa,
        sin_narrativa=[a.id for a in actividades if a.id not in {n.id for n in narrativa}],
    )


def narrativa_propia(plan: Plan, sit: Situacion, clave: str, avances: Collection[Avance]) -> list[NarrativaPropia]:
    """What `clave` told of each activity in the semesters evaluated, in the plan's order (with --eje, of that
    eje's activities only)."""
    por_actividad: dict[str, list[Relato]] = {}
    for r in relatos(plan, avances, institucion=clave, semestres=set(sit.evaluados)):
        if sit.filtro_eje is None or plan.eje_de[r.actividad].id == sit.filtro_eje:
            por_actividad.setdefault(r.actividad, []).append(r)
    return [NarrativaPropia(a.id, plan.eje_de[a.id].id, a.texto, clave in a.responsables.instituciones,
                            por_actividad[a.id]) for a in plan.actividades.values() if a.id in por_actividad]


def proximo(plan: Plan, clave: str, corte: dt.date) -> Proximo | None:
    """The next report `clave` must deliver: the first semester whose deadline has not passed at `corte` and for
    which it owes indicators."""
    plazo = plan.general.plazo_dias
    for s in rango(plan.primer_semestre, plan.ultimo_semestre):
        vence = s.vencimiento(plazo)
        if vence < corte:
            continue
        lista = debidos(plan, clave, s)
        if lista:
            return Proximo(str(s), vence, len(lista), s.fin < corte)
    return None
