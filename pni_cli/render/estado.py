"""`pni estado` for the terminal (rich), as text, laid out for the width it is given: it reads at 80 columns and
uses 200. Every state has a colour *and* a symbol and a word (pni_cli/render/piezas.py), so the view reads the same
with NO_COLOR or piped into a file; plain output has no trailing spaces. Every text from the data goes through
`texto_seguro.terminal`.

What gives way when the width is short, in this order: the bars get shorter (down to 8 symbols, each standing for
several indicators, as the caption says), an eje name longer than its room becomes its short name
(`nombre_corto` in plan/eje-*.yaml), the bars go, the total column goes, then the columns of states no indicator
has. Nothing is ever hidden without saying so."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .. import semaforo
from ..consultas import EstadoEnSemestre, Plazo, compartida_con, cuenta_su_cifra, propio, proximo_plazo, reporto_algo
from ..formato import fecha, porcentaje
from ..lenguaje import contar, lista, segun, verbo
from ..periodos import Semestre
from ..plan import Plan
from ..progreso import ESTADOS, ETIQUETAS, FINALES, Completitud, Deuda, EstadoActividad, EstadoIndicador, Situacion
from ..semaforo import SIMBOLOS, cuenta, faltan
from ..texto_seguro import terminal as seguro
from ..texto_seguro import una_linea
from .consola import a_texto
from .piezas import (
    ESTILO_ALERTA,
    ESTILOS,
    barra,
    cifra,
    envolver,
    escala,
    estilo,
    etiqueta,
    fila_de_estados,
    valor,
)

__all__ = ["ESTILOS", "SIMBOLOS", "banner_ilustrativo", "etiqueta", "faltan", "texto_estado", "tramos"]

BARRA_MINIMA = len("Por estado")  # below this, a bar says too little (and its heading does not fit): it goes


def _titulo(texto: str, ancho: int) -> Text:
    """The title of a table, on its own lines (rich would wrap it to the table's width, not the screen's)."""
    t = envolver(texto.split(" "), ancho, separador=" ")
    t.stylize("bold")
    return t


def banner_ilustrativo() -> Panel:
    return Panel(Text("DATOS ILUSTRATIVOS: los archivos de avance de este espacio de trabajo son de ejemplo "
                      "(ilustrativo: true), no informes reales de las instituciones.", style="bold"),
                 title=Text("⚠ AVISO"), border_style="yellow", box=box.HEAVY)


def tramos(semestres: list[Semestre]) -> str:
    """2024-S2, 2025-S1, 2025-S2, 2026-S2 → «2024-S2 a 2025-S2, 2026-S2»."""
    partes: list[str] = []
    inicio = previo = None
    for s in sorted(semestres):
        if previo is not None and s == previo.siguiente():
            previo = s
            continue
        if inicio is not None and previo is not None:
            partes.append(str(inicio) if inicio == previo else f"{inicio} a {previo}")
        inicio = previo = s
    if inicio is not None and previo is not None:
        partes.append(str(inicio) if inicio == previo else f"{inicio} a {previo}")
    return ", ".join(partes)


# --- the header -------------------------------------------------------------------------------------------------

def lineas_semestres(sit: Situacion, plan: Plan) -> list[str]:
    """The semesters evaluated, and those inside their delivery window with how many owed reports arrived."""
    lineas = []
    n = len(sit.evaluados)
    if n:
        rango = str(sit.evaluados[0]) if n == 1 else f"{sit.evaluados[0]} a {sit.evaluados[-1]}"
        lineas.append(f"{contar(n, 'semestre', 'semestres')} {segun(n, 'evaluado')}: {rango}")
    elif sit.corte <= plan.primer_semestre.fin:
        primero = plan.primer_semestre
        lineas.append(f"La fecha de corte es anterior al cierre del primer semestre del plan ({primero}, que "
                      f"termina el {fecha(primero.fin)}): aún no hay semestres evaluados ni informes debidos.")
    elif not sit.en_plazo:
        lineas.append("aún no hay semestres evaluados")
    for p in sit.en_plazo:
        lineas.append(f"{p.periodo} en plazo hasta el {fecha(p.vence)}: {p.recibidos} de "
                      f"{contar(p.debidos, 'informe')} {segun(p.debidos, 'recibido')}")
    return lineas


def encabezado_semestres(sit: Situacion, plan: Plan) -> str:
    return "\n".join(lineas_semestres(sit, plan))


def _encabezado(sit: Situacion, plan: Plan, ancho: int, filtros: list[str]) -> Text:
    g = plan.general
    desde, hasta = g.vigencia.desde, g.vigencia.hasta
    vigencia = str(desde) if desde == hasta else f"{desde}-{hasta}"
    t = Text()
    t.append(f"{seguro(g.sigla)} {vigencia}", style="bold")
    t.append(f" · situación al {fecha(sit.corte)}")
    for linea in lineas_semestres(sit, plan):
        t.append("\n")
        t.append_text(envolver(linea.split(" "), ancho, separador=" "))
    if filtros:
        t.append("\n")
        t.append_text(envolver(filtros, ancho, sangria=2, prefijo=Text("Filtro: ", style="italic")))
    return t


def describir_filtros(plan: Plan, *, eje: str | None, institucion: str | None, semaforo: tuple[str, ...],
                      buscar: str | None) -> list[str]:
    filtros = []
    if eje is not None:
        filtros.append(f"eje {eje} ({seguro(plan.eje_de[eje].nombre)})")
    if institucion is not None:
        filtros.append(f"institución {institucion} ({seguro(plan.instituciones[institucion].nombre)})")
    if semaforo:
        filtros.append("semáforo " + lista([ETIQUETAS[e] for e in semaforo], "o"))
    if buscar:
        filtros.append(f"texto «{seguro(buscar)}»")
    return filtros


def _avisos(sit: Situacion, ancho: int) -> list[Text]:
    out = []
    if sit.excluidos:
        n = len(sit.excluidos)
        nombres = [f"{una_linea(a.archivo)} ({contar(a.errores, 'error')})" for a in sit.excluidos[:3]]
        if n > 3:
            nombres.append(f"y {contar(n - 3, 'otro', 'otros')}")
        t = Text(f"⚠ {contar(n, 'archivo')} de avance con errores no se {verbo(n, 'cuenta', 'cuentan')}: ",
                 style="bold red")
        out.append(envolver([*nombres[:-1], nombres[-1] + ". Ejecute «pni validar» para verlos."], ancho,
                            separador=", ", sangria=2, prefijo=t))
    if sit.posteriores:
        n = len(sit.posteriores)
        out.append(Text(f"{contar(n, 'informe')} {segun(n, 'entregado')} después de la fecha de corte no se "
                        f"{verbo(n, 'cuenta', 'cuentan')} a esa fecha.", style="italic"))
    return out


# --- indicators by state, per eje -------------------------------------------------------------------------------

def tabla_ejes(sit: Situacion, plan: Plan, ancho: int, *, color: bool = True, total: str = "Total del plan"
               ) -> Table:
    """One row per eje: its indicators counted by state, their total and a bar on one scale for every eje."""
    ejes = [e.id for e in plan.ejes if any(i.eje == e.id for i in sit.indicadores)]
    conteos = {eid: sit.conteo(eid) for eid in ejes}
    suma = sit.conteo()
    n_total = sum(suma.values())
    estados = list(ESTADOS)
    ancho_n = {e: max(1, len(str(suma.get(e, 0)))) for e in estados}
    ancho_total = max(len("Total"), len(str(n_total)))
    mayor = max((sum(c.values()) for c in conteos.values()), default=0)

    def fijo(con_total: bool) -> int:  # everything but the name and the bar, with a space between columns
        return sum(ancho_n[e] + 1 for e in estados) + (ancho_total + 1 if con_total else 0)

    completos = {eid: f"{eid} {seguro(plan.eje_de[eid].nombre)}" for eid in ejes}
    breves = {eid: f"{eid} {seguro(plan.eje_de[eid].nombre_breve)}" for eid in ejes}
    nombres = dict(completos)
    con_total, con_barra = True, True
    ancho_nombre = max([len(total), *(len(x) for x in nombres.values())])
    if ancho_nombre + fijo(True) + 1 + BARRA_MINIMA > ancho:
        # the names that do not fit give way to their short name
        sitio = max(ancho - fijo(True) - 1 - BARRA_MINIMA, len(total))
        nombres = {eid: completos[eid] if len(completos[eid]) <= sitio else breves[eid] for eid in ejes}
        ancho_nombre = max([len(total), *(len(x) for x in nombres.values())])
    if ancho_nombre + fijo(True) + 1 + BARRA_MINIMA > ancho:
        con_barra = False
    if not con_barra and ancho_nombre + fijo(True) > ancho:
        con_total = False
    if not con_barra and ancho_nombre + fijo(False) > ancho:
        estados = [e for e in estados if suma.get(e, 0)]
    largo_barra = min(mayor, ancho - ancho_nombre - fijo(con_total) - 1) if con_barra else 0
    por_simbolo = escala(mayor, largo_barra) if con_barra else 1
    omitidos = [e for e in ESTADOS if e not in estados]

    pie = []
    if con_barra:
        pie.append(f"En las barras, cada símbolo es {contar(por_simbolo, 'indicador')}.")
    if omitidos:
        pie.append("Sin columna (ningún indicador): " + ", ".join(f"{SIMBOLOS[e]} {ETIQUETAS[e]}" for e in omitidos)
                   + ".")
    tabla = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=0, show_footer=True,
                  caption=" ".join(pie) or None, caption_justify="left")
    tabla.add_column("Eje", footer=total, no_wrap=True, overflow="ellipsis")
    if con_total:
        tabla.add_column("Total", footer=str(n_total), justify="right", no_wrap=True)
    for e in estados:
        tabla.add_column(Text(SIMBOLOS[e], style=estilo(e, color)), justify="right", no_wrap=True,
                         footer=Text(str(suma.get(e, 0)), style=estilo(e, color)))
    if con_barra:
        tabla.add_column("Por estado", no_wrap=True, width=max(largo_barra, BARRA_MINIMA), overflow="crop")
    for eid in ejes:
        c = conteos[eid]
        celdas: list[Text | str] = [Text(nombres[eid])]
        if con_total:
            celdas.append(str(sum(c.values())))
        celdas += [Text(str(c[e]), style=estilo(e, color)) if c.get(e) else Text("-", style="dim") for e in estados]
        if con_barra:
            celdas.append(barra(c, por_simbolo, color))
        tabla.add_row(*celdas)
    return tabla


def alertas(sit: Situacion, ancho: int = 80) -> Text | None:
    revisar = [i.id for i in sit.indicadores if i.revisar_meta]
    discrepan = [i.id for i in sit.indicadores if i.discrepancia]
    lineas = []
    if revisar:
        lineas.append(envolver(revisar, ancho, separador=", ", sangria=2,
                               prefijo=Text(f"Revisar meta ({len(revisar)}): ", style=ESTILO_ALERTA)))
    if discrepan:
        lineas.append(envolver(discrepan, ancho, separador=", ", sangria=2,
                               prefijo=Text(f"Niveles discrepantes entre instituciones ({len(discrepan)}): ",
                                            style=ESTILO_ALERTA)))
    return Text("\n").join(lineas) if lineas else None


# --- one line per activity and per indicator --------------------------------------------------------------------

def _palabras(partes: list[Text]) -> list[Text]:
    """The parts of a line as items that wrap whole where they fit (a «·» between two parts glued to the one
    before it), so that «faltan 4 de 12 informes» stays together."""
    out: list[Text] = []
    for parte in (p for p in partes if p.plain):
        if out:
            out[-1] = out[-1] + Text(" ·")
        out.append(parte)
    return out


class Listado:
    """The compact listing: for each activity a line (id, state, who is responsible) and its text below; for each
    indicator one line (id, state, logro, what was reported of what is expected, the institution's own figure,
    the reports missing, the alerts) and, on a screen of 120 columns or more, its text below. With `historia`
    (`pni mostrar`), each indicator line also has its row of states semester by semester."""

    CON_TEXTO = 120

    def __init__(self, sit: Situacion, plan: Plan, ancho: int, *, institucion: str | None = None,
                 color: bool = True, historia: dict[str, list[EstadoEnSemestre]] | None = None) -> None:
        self.sit, self.plan, self.ancho, self.institucion, self.color = sit, plan, ancho, institucion, color
        self.historia = historia
        ids = [i.id for i in sit.indicadores] + [a.id for a in sit.actividades]
        self.ancho_id = max((len(x) for x in ids), default=7) + 3  # «  3.2.1.a »
        estados = [e.estado for e in sit.indicadores] + [a.estado for a in sit.actividades]
        self.ancho_estado = max([len("Semáforo"), *(len(etiqueta(e).plain) for e in estados)])
        self.ancho_fila = max((len(f) for f in (historia or {}).values()), default=0)
        if historia is not None:
            self.ancho_fila = max(self.ancho_fila, len("Semestres"))

    def _prefijo(self, id_: Text, estado: Text, logro: str, fila: Text | None = None) -> Text:
        t = Text()
        t.append_text(id_)
        t.append(" " * (self.ancho_id - id_.cell_len))
        t.append_text(estado)
        t.append(" " * (self.ancho_estado - estado.cell_len + 1))
        t.append(f"{logro:>5} ")
        if self.historia is not None:
            fila = fila if fila is not None else Text()
            t.append_text(fila)
            t.append(" " * (self.ancho_fila - fila.cell_len + 1))
        return t

    def _linea(self, prefijo: Text, partes: list[Text]) -> Text:
        sangria = prefijo.cell_len if prefijo.cell_len <= self.ancho - 30 else 4
        return envolver(_palabras(partes), self.ancho, separador=" ", sangria=sangria, prefijo=prefijo)

    def _texto(self, texto: str, sangria: int, estilo_: str) -> Text:
        return envolver([Text(w, style=estilo_) for w in seguro(texto).split()], self.ancho, separador=" ",
                         sangria=sangria, prefijo=" " * sangria)

    def cabecera(self) -> Text:
        prefijo = self._prefijo(Text("Id"), Text("Semáforo"), "Logro", Text("Semestres"))
        return Text(prefijo.plain + "Reportado de lo esperado a la fecha", style="bold")

    def actividad(self, a: EstadoActividad) -> list[Text]:
        act = self.plan.actividades[a.id]
        responsables = list(dict.fromkeys(act.responsables.instituciones))
        if self.institucion is not None:
            otras = compartida_con(self.plan, a.id, self.institucion)
            quien = Text(f"compartida con {', '.join(otras)}" if otras else f"solo {self.institucion}",
                         style="italic" if otras else "dim")
        else:
            quien = Text(", ".join(responsables), style="dim")
        desde, hasta = act.periodo.desde, act.periodo.hasta
        periodo = Text(str(desde) if desde == hasta else f"{desde}-{hasta}", style="dim")
        n = len(self.plan.actividades[a.id].indicadores)
        partes = [quien, periodo]
        if len(a.indicadores) < n:
            partes.append(Text(f"{len(a.indicadores)} de sus {contar(n, 'indicador')}", style="dim"))
        lineas = [self._linea(self._prefijo(Text(a.id, style="bold"), etiqueta(a.estado, self.color), ""), partes)]
        lineas.append(self._texto(act.texto, 2, "dim"))
        return lineas

    def indicador(self, e: EstadoIndicador) -> list[Text]:
        ind = self.plan.indicadores[e.id]
        partes = [Text(cifra(e, ind.meta))]
        if self.institucion is not None and e.estado not in ("meta_por_definir", "no_iniciada"):
            suyo = propio(e, self.plan, self.institucion)
            if suyo is not None:
                no_cuenta = "" if cuenta_su_cifra(self.plan, e.id, self.institucion) else " (no cuenta)"
                partes.append(Text(f"{self.institucion}: {valor(suyo, ind.meta)}{no_cuenta}", style="bold"))
            elif self.institucion in (c for c, _ in e.informes_faltantes):
                partes.append(Text(f"{self.institucion}: sin reporte", style="bold"))
        if faltan(e):
            partes.append(Text(faltan(e), style="italic"))
        if cuenta(e):
            partes.append(Text(cuenta(e), style="italic"))
        if e.final and e.estado not in FINALES and e.estado != "meta_por_definir":
            partes.append(Text("periodo cerrado", style="italic"))
        for hay, aviso in ((e.revisar_meta, "revisar meta"), (e.discrepancia, "niveles discrepantes"),
                           (e.disminucion, "el acumulado bajó")):
            if hay:
                partes.append(Text(aviso, style=ESTILO_ALERTA))
        fila = None
        if self.historia is not None and e.id in self.historia:
            fila = fila_de_estados([(x.momento, x.estado) for x in self.historia[e.id]], self.color)
        logro = porcentaje(e.logro) if e.logro is not None else ""
        lineas = [self._linea(self._prefijo(Text(f"  {e.id}"), etiqueta(e.estado, self.color), logro, fila), partes)]
        if self.ancho >= self.CON_TEXTO:
            lineas.append(self._texto(ind.texto, self.ancho_id, ""))
        return lineas

    def eje(self, eid: str) -> list[RenderableType]:
        eje = self.plan.eje_de[eid]
        out: list[RenderableType] = [Text(f"\nEje {eje.id} · {seguro(eje.nombre)}", style="bold underline"),
                                     self.cabecera()]
        for a in (a for a in self.sit.actividades if a.eje == eid):
            out += self.actividad(a)
            for e in a.indicadores:
                out += self.indicador(e)
        return out

    def todo(self) -> list[RenderableType]:
        out: list[RenderableType] = []
        for eid in [e.id for e in self.plan.ejes if any(a.eje == e.id for a in self.sit.actividades)]:
            out += self.eje(eid)
        if self.ancho < self.CON_TEXTO and self.sit.indicadores:
            out.append(Text("El texto de cada indicador: pni mostrar ID, o una terminal de "
                            f"{self.CON_TEXTO} columnas o más.", style="dim"))
        return out


# --- what one institution owes ----------------------------------------------------------------------------------

def _entrega(c: Completitud) -> Text:
    """How one owed report came, in the words of the glossary: a tiempo, tarde, incompleto, con errores,
    faltante, pendiente (and «en plazo» for one received before its deadline)."""
    if c.estado == "faltante":
        return Text("✖ faltante", style="bold red")
    if c.estado == "pendiente":
        return Text("… pendiente", style="dim")
    if c.estado == "con_errores":
        return Text(f"⚠ con errores ({contar(c.errores, 'error')})", style="bold red")
    partes = []
    if c.tarde:
        partes.append(f"tarde ({contar(c.dias_retraso, 'día')})")
    if c.incompleto:
        partes.append("incompleto")
    if c.en_plazo:
        partes.append("en plazo")
    texto = ", ".join(partes) if c.tarde or c.incompleto else ", ".join(["a tiempo", *partes])
    simbolo = "▲" if c.tarde or c.incompleto else "✔"
    return Text(f"{simbolo} {texto}", style="yellow" if c.tarde or c.incompleto else "green")


def _sin_reportar(c: Completitud) -> list[Text]:
    """The indicators owed and not reported in that delivery, by id."""
    if c.estado == "pendiente":
        return [Text(f"debe {contar(len(c.debidos), 'indicador')} (en plazo)", style="dim")]
    if c.estado == "con_errores":
        return [Text("no cuenta hasta que se corrija" + (f": pni validar {seguro(c.archivo)}" if c.archivo else ""))]
    if not c.faltantes:
        return []
    k, n = len(c.faltantes), len(c.debidos)
    ids = [Text(f"{i},") for i in c.faltantes[:-1]] + [Text(c.faltantes[-1])]
    return [Text(f"sin reportar {k} de {contar(n, 'indicador')}:"), *ids]


def bloque_institucion(sit: Situacion, plan: Plan, clave: str, ancho: int) -> list[RenderableType]:
    """What the institution owes and by when: each semester it owes (evaluated or en plazo) with how its report
    came and the indicators it did not report, and its next deadline."""
    propias = [c for c in sit.completitud if c.institucion == clave]
    out: list[RenderableType] = []
    if not reporto_algo(sit, clave):
        out.append(envolver(f"{clave} no ha entregado ningún informe que cuente a esta fecha: los estados de sus "
                            "actividades compartidas son los de lo que informaron las otras instituciones "
                            "responsables, y se muestran sin color.".split(), ancho, separador=" "))
    if propias:
        out.append(_titulo(f"Informes de avance de {clave}", ancho))
        out.append(Text(f"{'Semestre':<9} {'Plazo':<11} {'Entregado':<11} Entrega", style="bold"))
        for c in propias:
            entregado = fecha(c.fecha_reporte) if c.fecha_reporte else "—"
            prefijo = Text(f"{c.periodo!s:<9} {fecha(c.vencimiento):<11} {entregado:<11} ")
            sangria = prefijo.cell_len if prefijo.cell_len <= ancho - 30 else 4
            sin_reportar = _sin_reportar(c)
            partes = [_entrega(c) + Text(" ·") if sin_reportar else _entrega(c), *sin_reportar]
            out.append(envolver(partes, ancho, separador=" ", sangria=sangria, prefijo=prefijo))
    elif sit.evaluados or sit.en_plazo:
        out.append(Text(f"{clave} no debe ningún informe de los semestres evaluados o en plazo.", style="dim"))
    plazo = proximo_plazo(plan, sit, clave)
    out.append(_proximo(plazo, clave))
    compartidas = [a for a in sit.actividades if compartida_con(plan, a.id, clave)]
    if compartidas:
        n, k = len(sit.actividades), len(compartidas)
        cuantas = (("Su actividad es compartida" if n == 1 else f"Sus {n} actividades son compartidas") if k == n
                   else f"{k} de sus {n} actividades {verbo(k, 'es', 'son')} {segun(k, 'compartida')}")
        out.append(envolver(f"{cuantas} con otras instituciones: el estado de una actividad compartida es el de lo "
                            f"que informan todas sus responsables, y cada indicador lleva al lado la cifra de "
                            f"{clave}.".split(), ancho, separador=" "))
    return out


def _proximo(plazo: Plazo | None, clave: str) -> Text:
    if plazo is None:
        return Text(f"{clave} no debe más informes en el periodo del plan.", style="dim")
    t = Text("Próximo plazo: ", style="bold")
    t.append(f"{fecha(plazo.vence)}, el informe de {plazo.periodo} ({contar(plazo.indicadores, 'indicador')}).")
    return t


# --- who owes what (every institution) --------------------------------------------------------------------------

def _columnas_deuda(d: Deuda) -> list[str]:
    return [tramos(d.faltantes) or "—", tramos([c.periodo for c in d.con_errores]) or "—",
            tramos([c.periodo for c in d.incompletos]) or "—",
            ", ".join(f"{c.periodo} ({c.dias_retraso})" for c in d.tardios) or "—"]


def _frase_deuda(d: Deuda) -> Text:
    partes = []
    if d.faltantes:
        partes.append(Text(f"{segun(len(d.faltantes), 'faltante')}: {tramos(d.faltantes)}", style="red"))
    if d.con_errores:
        partes.append(Text(f"con errores: {tramos([c.periodo for c in d.con_errores])}", style="red"))
    if d.incompletos:
        partes.append(Text(f"{segun(len(d.incompletos), 'incompleto')}: "
                           f"{tramos([c.periodo for c in d.incompletos])}", style="yellow"))
    if d.tardios:
        partes.append(Text("tarde: " + ", ".join(f"{c.periodo} ({contar(c.dias_retraso, 'día')})"
                                                 for c in d.tardios), style="yellow"))
    return Text(" · ").join(partes)


COLUMNAS_DEUDA = ("Faltantes", "Con errores", "Incompletos", "Tarde (días)")


def resumen_entregas(sit: Situacion, ancho: int = 80, *, filtrado: bool = False) -> RenderableType:
    """Who owes what (`sit.deudas`, in its one order), every institution shown: reports missing, with errors,
    incomplete or late (one both late and incomplete is in both). Columns when they fit, else one sentence per
    institution."""
    if not sit.evaluados:
        if sit.en_plazo:
            return Text("Aún no vence ningún informe de avance: " + ", ".join(
                f"{p.periodo} está en plazo hasta el {fecha(p.vence)}" for p in sit.en_plazo) + ".", style="dim")
        return Text("Aún no vence ningún informe de avance a esta fecha de corte.", style="dim")
    deudas = [d for d in sit.deudas if d.faltantes or d.con_errores or d.incompletos or d.tardios]
    if not deudas:
        de_que = "los reportes de los indicadores mostrados" if filtrado else "sus informes"
        return Text(f"Todas las instituciones entregaron completos y a tiempo {de_que} de los semestres "
                    "evaluados.", style="green")
    nunca = sorted((d for d in deudas if d.sin_ningun_informe and not (d.con_errores or d.incompletos or d.tardios)),
                   key=lambda d: d.clave)
    orden = [d for d in deudas if d not in nunca]
    partes: list[RenderableType] = []
    if nunca:
        partes.append(envolver([seguro(d.clave) for d in nunca], ancho, separador=", ", sangria=2, prefijo=Text(
            f"No {verbo(len(nunca), 'ha', 'han')} entregado ningún informe ({len(nunca)}): ", style="bold red")))
    if orden:
        filas = [_columnas_deuda(d) for d in orden]
        ancho_clave = max(len("Institución"), *(len(d.clave) for d in orden))
        anchos = [max(len(t), *(len(f[i]) for f in filas)) for i, t in enumerate(COLUMNAS_DEUDA)]
        titulo = f"Informes faltantes, con errores, incompletos o tarde ({contar(len(orden), 'institución')})"
        if filtrado:
            titulo += ", en los indicadores mostrados"
        partes.append(_titulo(titulo, ancho))
        tabla = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1), collapse_padding=True, pad_edge=False)
        tabla.add_column("Institución", no_wrap=True)
        if ancho_clave + sum(anchos) + 2 * len(anchos) <= ancho:
            for t in COLUMNAS_DEUDA:
                tabla.add_column(t, no_wrap=True)
            estilos = ("red", "red", "yellow", "yellow")
            for d, f in zip(orden, filas, strict=True):
                tabla.add_row(Text(seguro(d.clave)),
                              *(Text(x, style=s if x != "—" else "dim") for x, s in zip(f, estilos, strict=True)))
        else:
            tabla.add_column("Informes que debe", ratio=1)
            for d in orden:
                tabla.add_row(Text(seguro(d.clave)), _frase_deuda(d))
        partes.append(tabla)
    return Group(*partes)


def leyenda(plan: Plan, ancho: int = 80) -> Text:
    s = plan.general.semaforo
    significados = semaforo.leyenda(_n(s.verde), _n(s.amarillo))
    items = [Text.assemble((f"{SIMBOLOS[e]} {ETIQUETAS[e]}", ESTILOS[e]), ": " + significados[e]) for e in ESTADOS]
    items.append(Text(f"«revisar meta»: lo reportado pasa del {_n(s.revisar_meta)} % de lo esperado."))
    return envolver(items, ancho, sangria=2, prefijo=Text("Leyenda: ", style="bold"))


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


# --- the whole view ---------------------------------------------------------------------------------------------

def _etiqueta_total(eje: str | None, institucion: str | None, filtrado: bool) -> str:
    if filtrado:
        return "Total filtrado"
    if institucion is not None:
        return f"Total de {institucion}" if len(institucion) <= 12 else "Total"
    if eje is not None:
        return f"Total del eje {eje}"
    return "Total del plan"


def texto_estado(sit: Situacion, plan: Plan, invalidos: list[str], *, detalle: bool, eje: str | None,
                 institucion: str | None, color: bool, ancho: int, semaforo: tuple[str, ...] = (),
                 buscar: str | None = None) -> str:
    """The whole view. With --institucion: what that institution owes and by when first, then its activities
    (one line each, and one per indicator with its own figure beside the total). With --detalle, --semaforo or
    --buscar: every activity and indicator shown, one line each."""
    filtrado = bool(semaforo or buscar)
    partes: list[RenderableType] = []
    if sit.ilustrativo:
        partes.append(banner_ilustrativo())
    filtros = describir_filtros(plan, eje=eje, institucion=institucion, semaforo=semaforo, buscar=buscar)
    partes.append(_encabezado(sit, plan, ancho, filtros))
    partes += _avisos(sit, ancho)
    en_color = institucion is None or reporto_algo(sit, institucion)
    if institucion is not None:
        partes += bloque_institucion(sit, plan, institucion, ancho)
    if not sit.indicadores:
        que = "ningún indicador coincide con el filtro" if filtrado else "no hay indicadores que mostrar"
        partes.append(Text(que[0].upper() + que[1:] + ".", style="bold"))
    else:
        partes.append(_titulo("Indicadores por estado del semáforo", ancho))
        partes.append(tabla_ejes(sit, plan, ancho, color=en_color,
                                 total=_etiqueta_total(eje, institucion, filtrado)))
        if (a := alertas(sit, ancho)) is not None:
            partes.append(a)
        if detalle or filtrado or institucion is not None:
            partes += Listado(sit, plan, ancho, institucion=institucion, color=en_color).todo()
    if institucion is None and sit.indicadores:
        partes.append(resumen_entregas(sit, ancho, filtrado=filtrado))
    partes.append(leyenda(plan, ancho))
    return a_texto(Group(*partes), color=color, ancho=ancho)
