"""The plan seen by the 23 objectives of the Global Compact for Migration (PMM), as the reviews of the Compact ask
for it: per objective, the activities that contribute to it (with responsables, period and state), the key
reported figures with their breakdowns, and what the institutions told of each activity in their progress files.

The alignment is written once, on the activities (and on an indicator that measures other objectives than its
activity): `objetivos_pmm` and `principios_pmm` in plan/eje-*.yaml. Everything here is derived from it, so an
objective's list of activities can never disagree with the activities' own links. Pure: no I/O, no rendering; the
terminal views (render/objetivos_terminal.py) and the export (render/objetivos_md.py, render/objetivos_xlsx.py)
only lay this content out.

Every view says whether it is built from proposed links (`origen: propuesta`: a reading of the activity's text,
not confirmed by the Mecanismo), as it says whether the progress data are illustrative.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import __version__
from .avance import Avance, Reporte
from .formato import fecha, numero, porcentaje
from .narrativa import Relato, relatos
from .periodos import Semestre
from .plan import Actividad, Indicador, Plan, VinculoObjetivo, VinculoPrincipio
from .progreso import ESTADOS, ETIQUETAS, EstadoIndicador, Situacion, estado_de_actividad
from .semaforo import cuenta, faltan, leyenda

ORIGENES = {"fuente": "de la fuente", "mecanismo": "confirmado por el Mecanismo", "propuesta": "propuesta"}


def aviso_propuesta(propuestos: int, total: int) -> str:
    """The words of the «⚠ ALINEACIÓN PROPUESTA» banner, the same in every view."""
    cuantos = f": {propuestos} de {total} vínculo{'s' if total != 1 else ''}" if total else ""
    return ("Los vínculos entre las actividades del PNI y los objetivos y principios del Pacto Mundial son una "
            "propuesta de lectura del texto de cada actividad, no confirmada por el Mecanismo (origen «propuesta»"
            f"{cuantos}). La fuente anuncia su alineación con el Pacto, pero la tabla que la detallaba no se "
            "conserva. No deben citarse como la alineación oficial del PNI hasta que el Mecanismo la confirme.")
_RE_OBJETIVO = re.compile(r"^[Oo](?:bjetivo)?\s*([0-9]{1,2})$")
_RE_PRINCIPIO = re.compile(r"^[Pp]([0-9]{1,2})$")


def id_de_objetivo(texto: str) -> int | None:
    """«O21», «o21», «Objetivo 21» → 21; anything else → None."""
    m = _RE_OBJETIVO.match(texto.strip())
    return int(m.group(1)) if m else None


def id_de_principio(texto: str) -> str | None:
    """«P6», «p6» → «P6»; anything else → None."""
    m = _RE_PRINCIPIO.match(texto.strip())
    return f"P{int(m.group(1))}" if m else None


# --- the alignment, from the plan alone ----------------------------------------------------------------------

@dataclass(frozen=True)
class Contribucion:
    """One activity under one objective: its own link (None when only some of its indicators measure the
    objective), the indicators that measure it, and the links those indicators carry themselves."""

    actividad: Actividad
    vinculo: VinculoObjetivo | None
    indicadores: tuple[Indicador, ...]
    de_indicadores: tuple[tuple[str, VinculoObjetivo], ...] = ()

    @property
    def vinculos(self) -> tuple[VinculoObjetivo, ...]:
        return ((self.vinculo,) if self.vinculo else ()) + tuple(v for _, v in self.de_indicadores)

    @property
    def indirecto(self) -> bool:
        return all(v.indirecto for v in self.vinculos)


def contribuciones(plan: Plan) -> dict[int, list[Contribucion]]:
    """Every objective of plan/objetivos-pmm.yaml (and any other an activity names) → its activities, in the
    plan's order."""
    out: dict[int, list[Contribucion]] = {o.id: [] for o in (plan.objetivos.objetivos if plan.objetivos else ())}
    for act in plan.actividades.values():
        propios = {v.objetivo: v for v in act.objetivos_pmm}
        medidos: dict[int, list[Indicador]] = {}
        de_ind: dict[int, list[tuple[str, VinculoObjetivo]]] = {}
        for ind in act.indicadores:
            for v in act.objetivos_de(ind):
                if ind not in medidos.setdefault(v.objetivo, []):
                    medidos[v.objetivo].append(ind)
            for v in ind.objetivos_pmm or ():
                de_ind.setdefault(v.objetivo, []).append((ind.id, v))
        for n in sorted({*propios, *medidos}):
            out.setdefault(n, []).append(Contribucion(act, propios.get(n), tuple(medidos.get(n, ())),
                                                      tuple(de_ind.get(n, ()))))
    return out


def sin_objetivo(plan: Plan) -> list[Actividad]:
    """The activities that contribute to no objective (the plan's means of implementation, linked to principles
    only, or an activity not aligned yet)."""
    return [a for a in plan.actividades.values()
            if not a.objetivos_pmm and all(not i.objetivos_pmm for i in a.indicadores)]


def principios(plan: Plan) -> dict[str, list[tuple[Actividad, VinculoPrincipio]]]:
    """Every principle of plan/principios-pmm.yaml → the activities that follow it."""
    out: dict[str, list[tuple[Actividad, VinculoPrincipio]]] = {
        p.id: [] for p in (plan.principios.principios if plan.principios else ())}
    for act in plan.actividades.values():
        for v in act.principios_pmm:
            out.setdefault(v.principio, []).append((act, v))
    return out


def todos_los_vinculos(plan: Plan) -> list[VinculoObjetivo | VinculoPrincipio]:
    out: list[VinculoObjetivo | VinculoPrincipio] = []
    for a in plan.actividades.values():
        out += [*a.objetivos_pmm, *a.principios_pmm, *(w for i in a.indicadores for w in i.objetivos_pmm or ())]
    return out


_EN_PLURAL = {"fuente": ("de la fuente", "de la fuente"),
              "mecanismo": ("confirmado por el Mecanismo", "confirmados por el Mecanismo"),
              "propuesta": ("propuesto", "propuestos")}


def origenes_en_palabras(origenes_: dict[str, int]) -> str:
    """{"propuesta": 7} → «7 propuestos»; {"mecanismo": 2, "propuesta": 1} → «2 confirmados por el Mecanismo, 1
    propuesto»."""
    return ", ".join(f"{n} {_EN_PLURAL[o][n != 1]}" for o, n in origenes_.items()) or "—"


def origenes(vinculos: Iterable[VinculoObjetivo | VinculoPrincipio]) -> dict[str, int]:
    """How many links come from each origin, in the order fuente, mecanismo, propuesta (only those present)."""
    c: Counter[str] = Counter(v.origen for v in vinculos)
    return {o: c[o] for o in ORIGENES if c[o]}


# --- the content of the views and of the export ---------------------------------------------------------------

@dataclass(frozen=True)
class ReporteCifra:
    """One report of an indicator as the institution wrote it: semester, institution, value, breakdowns."""

    periodo: str
    institucion: str
    valor: str
    desglose: dict[str, str]  # dimension → «mujeres 7 · hombres 8»
    cifra: float = 0  # the value as a number (for a workbook's sums)
    partes: tuple[tuple[str, str, float], ...] = ()  # (dimension, category, value) of every breakdown


@dataclass(frozen=True)
class Cifra:
    """An indicator's key figure at the cut-off date (the same numbers as `pni estado`) and its breakdowns."""

    id: str
    texto: str
    meta: str
    estado: str
    etiqueta: str
    esperado: str
    reportado: str
    logro: str
    notas: str
    desglose: tuple[str, ...]  # «sexo: mujeres 1,088 · hombres 1,232», one line per dimension
    reportes: tuple[ReporteCifra, ...]
    propio: VinculoObjetivo | None = None  # the indicator's own link to the objective, if it has one


@dataclass(frozen=True)
class ActividadVista:
    id: str
    texto: str
    eje: str
    responsables: tuple[str, ...]
    periodo: str
    estado: str | None  # of the indicators that measure the objective; None when none does
    etiqueta: str
    propio: VinculoObjetivo | None  # the activity's own link to the objective
    de_indicadores: tuple[tuple[str, VinculoObjetivo], ...]  # links its indicators carry themselves
    medido_por: tuple[str, ...]
    nota: str
    cifras: tuple[Cifra, ...]
    relatos: tuple[Relato, ...]
    principios: tuple[VinculoPrincipio, ...] = ()

    @property
    def vinculos(self) -> tuple[VinculoObjetivo, ...]:
        return ((self.propio,) if self.propio else ()) + tuple(v for _, v in self.de_indicadores)

    @property
    def indirecto(self) -> bool:
        return bool(self.vinculos) and all(v.indirecto for v in self.vinculos)

    @property
    def origen(self) -> str:
        """The origins of its links in words: «propuesta», «confirmado por el Mecanismo»…"""
        return ", ".join(dict.fromkeys(ORIGENES[v.origen] for v in self.vinculos)) or "—"

    def razones(self) -> list[tuple[str, VinculoObjetivo]]:
        """(who, link): «» for the activity's own link, «su indicador 3.6.2.a» for an indicator's."""
        return ([("", self.propio)] if self.propio else []) + [(f"su indicador {i}", v)
                                                               for i, v in self.de_indicadores]

    @property
    def razon(self) -> str:
        return " · ".join((f"{quien}: " if quien else "") + v.razon for quien, v in self.razones() if v.razon)


@dataclass(frozen=True)
class ObjetivoVista:
    id: int
    etiqueta: str
    texto: str
    actividades: tuple[ActividadVista, ...]
    conteo: dict[str, int]  # indicators by state, in ESTADOS order
    instituciones: tuple[str, ...]
    origenes: dict[str, int]

    @property
    def indicadores(self) -> int:
        return sum(self.conteo.values())

    @property
    def indirectas(self) -> int:
        return sum(a.indirecto for a in self.actividades)

    @property
    def propuesto(self) -> bool:
        return "propuesta" in self.origenes

    @property
    def relatos(self) -> int:
        return sum(len(a.relatos) for a in self.actividades)


@dataclass(frozen=True)
class PrincipioVista:
    id: str
    nombre: str
    texto: str
    actividades: tuple[tuple[str, VinculoPrincipio], ...]
    notas: tuple[str, ...]


@dataclass
class PorObjetivo:
    """Everything `pni estado --por-objetivo` / `--objetivo N` and `pni reporte --por-objetivo` show."""

    titulo: str
    plan: str
    corte: str
    corte_iso: str
    semestres: str
    en_plazo: list[str]
    ilustrativo: bool
    objetivos: list[ObjetivoVista]
    sin_actividad: list[tuple[int, str]]  # objectives no activity of the plan contributes to
    medios: list[ActividadVista]  # activities with no objective: the plan's means of implementation
    principios: list[PrincipioVista]
    origenes: dict[str, int]  # every link of the plan, by origin
    vinculos: int
    archivos_con_errores: list[str] = field(default_factory=list)
    filtro_eje: str | None = None
    filtro_institucion: str | None = None
    version_plan: str = ""
    version_pni: str = __version__
    leyenda: dict[str, str] = field(default_factory=dict)  # estado → its meaning, with the plan's thresholds
    revisar_meta: float = 0  # «revisar meta»: reported above this % of the expected

    @property
    def propuesta(self) -> bool:
        """Whether any link shown is a proposal: then every view carries the banner."""
        return "propuesta" in self.origenes

    @property
    def propuestos(self) -> int:
        return self.origenes.get("propuesta", 0)


def _texto_desglose(partes: dict[str, float]) -> str:
    return " · ".join(f"{k} {numero(v)}" for k, v in partes.items())


def _desglose(ind: Indicador, reportes: list[tuple[Semestre, str, Reporte]]) -> tuple[str, ...]:
    """The breakdowns of what was reported. Counts that add up across semesters and institutions (flujo, suma):
    each dimension summed, saying how many reports gave it. Any other meta (levels, running totals, a lead's
    figure): the breakdowns of the latest semester reported, per institution, as written."""
    meta = ind.meta
    if not reportes:
        return ()
    if meta.tipo == "conteo" and meta.acumulacion == "flujo" and meta.modo_combinar == "suma":
        dims = list(dict.fromkeys(d for _, _, r in reportes for d in (r.desglose or {})))
        out = []
        for dim in dims:
            con = [r for _, _, r in reportes if r.desglose and dim in r.desglose]
            suma: dict[str, float] = {}
            for r in con:
                assert r.desglose is not None
                for k, v in r.desglose[dim].items():
                    suma[k] = suma.get(k, 0) + v
            total = numero(sum(suma.values()))
            cobertura = "" if len(con) == len(reportes) else (
                f" (en {len(con)} de {len(reportes)} informes; suman {total})")
            out.append(f"{_dimension(dim)}: {_texto_desglose(suma)}{cobertura}")
        return tuple(out)
    ultimo = max(s for s, _, _ in reportes)
    return tuple(f"{_dimension(dim)} ({inst}, {ultimo}): {_texto_desglose(partes)}"
                 for s, inst, r in reportes if s == ultimo for dim, partes in (r.desglose or {}).items())


_DIMENSIONES = {"sexo": "sexo", "edad": "edad", "condicion_migratoria": "condición migratoria",
                "nacionalidad": "nacionalidad", "discapacidad": "discapacidad", "departamento": "departamento",
                "pais": "país", "consulado": "consulado"}


def _dimension(clave: str) -> str:
    return _DIMENSIONES.get(clave, clave)


def _cifra(plan: Plan, e: EstadoIndicador, reportes: list[tuple[Semestre, str, Reporte]],
           propio: VinculoObjetivo | None) -> Cifra:
    ind = plan.indicadores[e.id]
    notas = [n for n in (faltan(e), cuenta(e), "revisar meta" if e.revisar_meta else "",
                         "niveles discrepantes" if e.discrepancia else "") if n]
    unidad = " %" if ind.meta.tipo in ("hito", "porcentaje") else ""  # a hito's 40 is 40 % done
    return Cifra(e.id, ind.texto, ind.meta.texto, e.estado, ETIQUETAS[e.estado],
                 numero(e.esperado) + (unidad if e.esperado is not None else ""),
                 numero(e.reportado) + (unidad if e.reportado is not None else ""), porcentaje(e.logro),
                 ", ".join(notas), _desglose(ind, reportes),
                 tuple(ReporteCifra(str(s), inst, numero(r.valor),
                                    {_dimension(d): _texto_desglose(p) for d, p in (r.desglose or {}).items()},
                                    float(r.valor),
                                    tuple((_dimension(d), k, float(x)) for d, p in (r.desglose or {}).items()
                                          for k, x in p.items()))
                       for s, inst, r in reportes),
                 propio)


def construir(sit: Situacion, plan: Plan, avances: list[Avance], version_plan: str = "") -> PorObjetivo:
    """The content by objective at the situation's cut-off date (and with its filters: --eje, --institucion).
    `avances` are the progress files that count at that date (valid and delivered by then): their breakdowns and
    narrative are shown; only the reports of evaluated semesters make the figures, as in `pni estado`."""
    estados = {e.id: e for e in sit.indicadores}
    incluidas = {a.id for a in sit.actividades}
    evaluados = set(sit.evaluados)
    por_indicador: dict[str, list[tuple[Semestre, str, Reporte]]] = {}
    narrativas: dict[str, list[Relato]] = {}  # oldest first, as a review tells it
    for relato in sorted(relatos(plan, avances), key=lambda r: (Semestre.leer(r.periodo), r.institucion)):
        narrativas.setdefault(relato.actividad, []).append(relato)
    for av in avances:
        sem = Semestre.leer(av.periodo)
        for r in av.reportes:
            if sem in evaluados and r.indicador in plan.indicadores:
                act = plan.actividad_de[r.indicador]
                meta = plan.indicadores[r.indicador].meta
                # as the engine counts them: a lead's figure only (combinar: responsable), else every institution's
                if sem in plan.ventana(act) and (meta.modo_combinar != "responsable"
                                                 or av.institucion == meta.responsable_principal):
                    por_indicador.setdefault(r.indicador, []).append((sem, av.institucion, r))
    for lista in por_indicador.values():
        lista.sort(key=lambda x: (x[0], x[1]))

    def vista(act: Actividad, propio: VinculoObjetivo | None, de_indicadores: tuple[tuple[str, VinculoObjetivo], ...],
              medidores: tuple[Indicador, ...], nota_sin: str) -> ActividadVista:
        propios = dict(de_indicadores)
        medidos = [estados[i.id] for i in medidores if i.id in estados]
        return ActividadVista(
            act.id, act.texto, plan.eje_de[act.id].id, act.responsables.instituciones,
            act.periodo.texto or "sin periodo en la fuente",
            estado_de_actividad(medidos) if medidos else None,
            ETIQUETAS[estado_de_actividad(medidos)] if medidos else "—",
            propio, de_indicadores, tuple(i.id for i in medidores), "" if medidores else nota_sin,
            tuple(_cifra(plan, e, por_indicador.get(e.id, []), propios.get(e.id)) for e in medidos),
            tuple(narrativas.get(act.id, ())), act.principios_pmm)

    objetivos: list[ObjetivoVista] = []
    todas = contribuciones(plan)
    textos = {o.id: o for o in (plan.objetivos.objetivos if plan.objetivos else ())}
    for n, contribs in todas.items():
        if n not in textos:
            continue  # an unknown objective: pni validar says so (PNI220)
        acts = []
        for c in contribs:
            if c.actividad.id not in incluidas:
                continue
            otros = [f"{i.id} → {', '.join(str(v.objetivo) for v in c.actividad.objetivos_de(i))}"
                     for i in c.actividad.indicadores if i not in c.indicadores]
            nota = (f"ningún indicador de la actividad mide este objetivo ({'; '.join(otros)})" if otros else "")
            acts.append(vista(c.actividad, c.vinculo, c.de_indicadores, c.indicadores, nota))
        conteo = Counter(ci.estado for a in acts for ci in a.cifras)
        objetivos.append(ObjetivoVista(
            n, textos[n].etiqueta, textos[n].texto, tuple(acts), {k: conteo.get(k, 0) for k in ESTADOS},
            tuple(sorted({r for a in acts for r in a.responsables})),
            origenes(v for a in acts for v in a.vinculos)))
    medios = [vista(a, None, (), a.indicadores, "") for a in sin_objetivo(plan) if a.id in incluidas]
    vistos_p = principios(plan)
    textos_p = {p.id: p for p in (plan.principios.principios if plan.principios else ())}
    vinculos = todos_los_vinculos(plan)
    umbrales = plan.general.semaforo
    return PorObjetivo(
        titulo="El PNI 2024-2028 por objetivo del Pacto Mundial para la Migración",
        plan=plan.general.nombre, corte=fecha(sit.corte), corte_iso=sit.corte.isoformat(),
        semestres=(f"{sit.evaluados[0]} a {sit.evaluados[-1]} ({len(sit.evaluados)})" if sit.evaluados
                   else "ninguno"),
        en_plazo=[f"{p.periodo} en plazo hasta el {fecha(p.vence)}: {p.recibidos} de {p.debidos} informes "
                  "recibidos" for p in sit.en_plazo],
        ilustrativo=sit.ilustrativo, objetivos=objetivos,
        sin_actividad=[(n, textos[n].etiqueta) for n, c in todas.items() if not c and n in textos],
        medios=medios,
        principios=[PrincipioVista(p.id, p.nombre, p.texto,
                                   tuple((a.id, v) for a, v in vistos_p.get(p.id, []) if a.id in incluidas),
                                   tuple(f"[{x.codigo}] {x.descripcion}" for x in p.inconsistencias))
                    for p in textos_p.values()],
        origenes=origenes(vinculos), vinculos=len(vinculos),
        archivos_con_errores=[f"{a.archivo} ({a.errores} error{'' if a.errores == 1 else 'es'})"
                              for a in sit.excluidos],
        filtro_eje=sit.filtro_eje, filtro_institucion=sit.filtro_institucion, version_plan=version_plan,
        leyenda=leyenda(f"{umbrales.verde:g}", f"{umbrales.amarillo:g}"), revisar_meta=umbrales.revisar_meta)
