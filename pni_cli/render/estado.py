"""`pni estado` for the terminal (rich), as text. Every state has a colour *and* a symbol and a word, so the view
reads the same with NO_COLOR or piped into a file. Every text from the data goes through `texto_seguro.terminal`."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..formato import fecha, numero, porcentaje
from ..periodos import Semestre
from ..plan import Plan
from ..progreso import ESTADOS, ETIQUETAS, EstadoIndicador, Situacion
from ..texto_seguro import terminal as seguro
from .consola import a_texto

SIMBOLOS = {"cumplida": "✔", "verde": "●", "amarillo": "▲", "rojo": "✖", "no_cumplida": "⊘", "en_curso": "◐",
            "sin_reporte": "?", "no_iniciada": "○", "meta_por_definir": "◇"}
ESTILOS = {"cumplida": "bold blue", "verde": "green", "amarillo": "yellow", "rojo": "bold red", "no_cumplida": "red",
           "en_curso": "cyan", "sin_reporte": "magenta", "no_iniciada": "dim", "meta_por_definir": "dim italic"}
LEYENDA = {
    "cumplida": "meta alcanzada",
    "verde": "logro ≥ {verde} % de lo esperado a la fecha",
    "amarillo": "logro ≥ {amarillo} % y < {verde} %",
    "rojo": "logro < {amarillo} %",
    "no_cumplida": "su periodo terminó sin alcanzar la meta",
    "en_curso": "hito o meta que aún no vence: se muestra su avance, sin juzgarlo",
    "sin_reporte": "ningún reporte en los semestres evaluados",
    "no_iniciada": "su periodo aún no tiene semestres evaluados",
    "meta_por_definir": "no se evalúa hasta que se defina la meta",
}
ANCHO_BARRA = 18


def etiqueta(estado: str) -> Text:
    return Text(f"{SIMBOLOS[estado]} {ETIQUETAS[estado]}", style=ESTILOS[estado])


def faltan(e: EstadoIndicador) -> str:
    """«faltan 2 de 4 informes» for a state computed with owed reports missing, else ""."""
    if not e.con_faltantes or e.estado == "sin_reporte":
        return ""
    n, de = len(e.informes_faltantes), e.informes_debidos
    return f"falta{'n' if n != 1 else ''} {n} de {de} informe{'s' if de != 1 else ''}"


def encabezado_semestres(sit: Situacion) -> str:
    """The semesters evaluated, and those inside their delivery window with how many owed files arrived."""
    partes = []
    if sit.evaluados:
        n = len(sit.evaluados)
        rango = str(sit.evaluados[0]) if n == 1 else f"{sit.evaluados[0]} a {sit.evaluados[-1]}"
        partes.append(f"semestre{'s' if n != 1 else ''} evaluado{'s' if n != 1 else ''}: {rango} ({n})")
    else:
        partes.append("aún no hay semestres evaluados")
    for p in sit.en_plazo:
        partes.append(f"{p.periodo} en plazo hasta el {fecha(p.vence)}: {p.recibidos} de {p.debidos} "
                      f"informe{'s' if p.debidos != 1 else ''} recibido{'s' if p.debidos != 1 else ''}")
    return " · ".join(partes)


def barra(conteo: dict[str, int], ancho: int = ANCHO_BARRA) -> Text:
    """A bar split by state, each share drawn with its state's symbol (largest remainder, so it adds up)."""
    total = sum(conteo.values())
    t = Text()
    if not total:
        return t
    exactos = {e: conteo.get(e, 0) * ancho / total for e in ESTADOS}
    celdas = {e: int(v) for e, v in exactos.items()}
    resto = ancho - sum(celdas.values())
    for e in sorted(ESTADOS, key=lambda e: exactos[e] - celdas[e], reverse=True)[:resto]:
        celdas[e] += 1
    for e in ESTADOS:
        if celdas[e]:
            t.append(SIMBOLOS[e] * celdas[e], style=ESTILOS[e])
    return t


def banner_ilustrativo() -> Panel:
    return Panel(Text("DATOS ILUSTRATIVOS: los archivos de avance de este espacio de trabajo son de ejemplo "
                      "(ilustrativo: true), no informes reales de las instituciones.", style="bold"),
                 title=Text("⚠ AVISO"), border_style="yellow", box=box.HEAVY)


def _encabezado(sit: Situacion, plan: Plan, eje: str | None, institucion: str | None) -> Text:
    t = Text()
    t.append(f"{seguro(plan.general.sigla)} {plan.general.vigencia.desde}-{plan.general.vigencia.hasta}", style="bold")
    t.append(f" · situación al {fecha(sit.corte)}")
    t.append(f"\n{encabezado_semestres(sit)}")
    filtros = []
    if eje is not None:
        filtros.append(f"eje {eje}")
    if institucion is not None:
        nombre = plan.instituciones[institucion].nombre
        filtros.append(f"institución {institucion} ({seguro(nombre)})")
    if filtros:
        t.append("\nFiltro: " + ", ".join(filtros), style="italic")
    return t


def tabla_ejes(sit: Situacion, plan: Plan, ancho_nombre: int = 40) -> Table:
    tabla = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_footer=True, title_justify="left",
                  title="Indicadores por estado del semáforo", collapse_padding=True)
    tabla.add_column("Eje", footer="Total del plan", no_wrap=True, max_width=ancho_nombre, overflow="ellipsis")
    total = sit.conteo()
    for e in ESTADOS:
        tabla.add_column(Text(SIMBOLOS[e], style=ESTILOS[e]), justify="right",
                         footer=Text(str(total.get(e, 0)), style=ESTILOS[e]), min_width=2)
    tabla.add_column("Por estado", footer=barra(total), no_wrap=True, min_width=ANCHO_BARRA)
    ejes = sorted({i.eje for i in sit.indicadores})
    for eid in ejes:
        eje = plan.eje_de[eid]
        c = sit.conteo(eid)
        celdas: list[Text | str] = [Text(str(c.get(e, 0)) if c.get(e) else "-", style=ESTILOS[e] if c.get(e) else "dim")
                                    for e in ESTADOS]
        tabla.add_row(Text(f"{eid} {seguro(eje.nombre)}"), *celdas, barra(c))
    return tabla


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


MAX_INSTITUCIONES = 10


def _lista(semestres: list[Semestre]) -> str:
    return tramos(semestres) or "—"


def resumen_entregas(sit: Situacion, todas: bool = False) -> Group | Text:
    """Who owes what (`sit.deudas`, in its one order): missing semesters, files with errors, incomplete and late
    deliveries (a delivery both late and incomplete is in both columns)."""
    if not sit.evaluados and not sit.en_plazo:
        return Text("Aún no vence ningún informe de avance a esta fecha de corte.", style="dim")
    deudas = [d for d in sit.deudas if d.faltantes or d.con_errores or d.incompletos or d.tardios]
    if not deudas:
        return Text("Todas las instituciones entregaron completos y a tiempo sus informes vencidos.", style="green")
    tabla = Table(box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left",
                  title="Informes de avance faltantes, con errores, incompletos o tardíos", expand=True)
    tabla.add_column("Institución", no_wrap=True, min_width=10, max_width=24, overflow="ellipsis")
    tabla.add_column("Sin informe", ratio=1)
    tabla.add_column("Con errores", ratio=1)
    tabla.add_column("Incompletos", ratio=1)
    tabla.add_column("Tardíos (días)", ratio=1)
    nunca = sorted((d for d in deudas if d.sin_ningun_informe and not (d.con_errores or d.incompletos or d.tardios)),
                   key=lambda d: d.clave)
    orden = [d for d in deudas if d not in nunca]
    mostradas = orden if todas else orden[:MAX_INSTITUCIONES]
    for d in mostradas:
        tabla.add_row(Text(seguro(d.clave)), _celda(_lista(d.faltantes), "red"),
                      _celda(_lista([c.periodo for c in d.con_errores]), "red"),
                      _celda(_lista([c.periodo for c in d.incompletos]), "yellow"),
                      _celda(", ".join(f"{c.periodo} ({c.dias_retraso})" for c in d.tardios) or "—", "yellow"))
    partes: list[Table | Text] = []
    if nunca:
        partes.append(Text.assemble(("Ningún informe entregado", "bold red"), f" ({len(nunca)}): ",
                                    ", ".join(seguro(d.clave) for d in nunca)))
    if mostradas:
        partes.append(tabla)
    if len(orden) > len(mostradas):
        n = len(orden) - len(mostradas)
        partes.append(Text(f"… y {n} institución{'es' if n != 1 else ''} más: use --detalle, --institucion "
                           "CLAVE o --formato json.", style="italic"))
    return Group(*partes)


def _celda(texto: str, estilo: str) -> Text:
    return Text(texto, style=estilo if texto != "—" else "dim")


def alertas(sit: Situacion) -> Text | None:
    revisar = [i.id for i in sit.indicadores if i.revisar_meta]
    discrepan = [i.id for i in sit.indicadores if i.discrepancia]
    if not revisar and not discrepan:
        return None
    t = Text()
    if revisar:
        t.append(f"Revisar meta ({len(revisar)}): ", style="bold")
        t.append(", ".join(revisar))
    if discrepan:
        if revisar:
            t.append("\n")
        t.append(f"Niveles discrepantes entre instituciones ({len(discrepan)}): ", style="bold")
        t.append(", ".join(discrepan))
    return t


def leyenda(plan: Plan) -> Text:
    s = plan.general.semaforo
    t = Text("Leyenda: ", style="bold")
    for n, e in enumerate(ESTADOS):
        if n:
            t.append(" · ")
        t.append(f"{SIMBOLOS[e]} {ETIQUETAS[e]}", style=ESTILOS[e])
        t.append(": " + LEYENDA[e].format(verde=_n(s.verde), amarillo=_n(s.amarillo)))
    t.append(f" · «revisar meta»: logro > {_n(s.revisar_meta)} %.", style="")
    return t


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def tabla_detalle(sit: Situacion, plan: Plan, eje_id: str) -> Table:
    eje = plan.eje_de[eje_id]
    titulo = Text(f"Eje {eje.id}: {seguro(eje.nombre)}", style="table.title")  # a Text: never read as markup
    tabla = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=titulo, title_justify="left", expand=True)
    tabla.add_column("Id", no_wrap=True)
    tabla.add_column("Actividad / indicador y meta", ratio=1, min_width=24)
    tabla.add_column("Esperado", justify="right", no_wrap=True)
    tabla.add_column("Report.", justify="right", no_wrap=True)
    tabla.add_column("Logro", justify="right", no_wrap=True)
    tabla.add_column("Semáforo", no_wrap=True)
    for act in (a for a in sit.actividades if a.eje == eje_id):
        actividad = plan.actividades[act.id]
        texto = Text(seguro(actividad.texto), style="bold")
        texto.append(f"\nResponsables: {', '.join(actividad.responsables.instituciones)} · periodo "
                     f"{seguro(actividad.periodo.texto) or 'sin periodo en la fuente'}", style="dim")
        tabla.add_row(Text(act.id, style="bold"), texto, "", "", "", etiqueta(act.estado))
        for ind in act.indicadores:
            tabla.add_row(*_fila_indicador(plan, ind))
    return tabla


def _fila_indicador(plan: Plan, e: EstadoIndicador) -> list[Text | str]:
    ind = plan.indicadores[e.id]
    texto = Text(seguro(ind.texto))
    texto.append(f"\nMeta: {seguro(ind.meta.texto)}", style="italic")
    if e.instituciones:
        texto.append(f" · reportan: {', '.join(e.instituciones)} (último: {e.ultimo_periodo})", style="dim")
    sem = etiqueta(e.estado)
    if e.final and e.estado not in ("cumplida", "no_cumplida"):
        sem.append(" (final)", style=ESTILOS[e.estado])
    if faltan(e):
        sem.append(f"\n{faltan(e)}", style="italic")
    if e.revisar_meta:
        sem.append("\nrevisar meta", style="italic")
    if e.discrepancia:
        sem.append("\nniveles discrepantes", style="italic")
    return [f" {e.id}", texto, numero(e.esperado), numero(e.reportado), porcentaje(e.logro), sem]


def texto_estado(sit: Situacion, plan: Plan, invalidos: list[str], *, detalle: bool, eje: str | None,
                 institucion: str | None, color: bool, ancho: int) -> str:
    partes: list[object] = []
    if sit.ilustrativo:
        partes.append(banner_ilustrativo())
    partes.append(_encabezado(sit, plan, eje, institucion))
    if sit.excluidos:
        n = len(sit.excluidos)
        nombres = ", ".join(f"{seguro(a.archivo)} ({a.errores} error{'es' if a.errores != 1 else ''})"
                            for a in sit.excluidos[:3])
        plural = "s" if n != 1 else ""
        partes.append(Text(f"⚠ {n} archivo{plural} de avance con errores no se cuenta{'n' if n != 1 else ''}: "
                           f"{nombres}{' …' if n > 3 else ''}. Ejecute «pni validar» para verlos.", style="bold red"))
    if sit.posteriores:
        n = len(sit.posteriores)
        partes.append(Text(f"{n} informe{'s' if n != 1 else ''} entregado{'s' if n != 1 else ''} después de la fecha "
                           f"de corte no se cuenta{'n' if n != 1 else ''} a esa fecha.", style="italic"))
    # the eje name gives way first, so the counts and the bar always fit
    partes.append(tabla_ejes(sit, plan, max(14, min(40, ancho - 7 * 4 - ANCHO_BARRA - 8))))
    if (a := alertas(sit)) is not None:
        partes.append(a)
    if detalle:
        for eid in sorted({i.eje for i in sit.indicadores}):
            partes.append(tabla_detalle(sit, plan, eid))
    partes.append(resumen_entregas(sit, todas=detalle))
    partes.append(leyenda(plan))
    return a_texto(Group(*partes), color=color, ancho=ancho)  # type: ignore[arg-type]
