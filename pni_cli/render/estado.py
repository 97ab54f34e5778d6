"""`pni estado` for the terminal (rich), as text. Every state has a colour *and* a symbol and a word, so the view
reads the same with NO_COLOR or piped into a file. Every text from the data goes through `texto_seguro.terminal`."""

from __future__ import annotations

from collections import defaultdict

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..formato import fecha, numero, porcentaje
from ..periodos import Semestre
from ..plan import Plan
from ..progreso import ESTADOS, ETIQUETAS, Completitud, EstadoIndicador, Situacion
from ..texto_seguro import terminal as seguro
from ..texto_seguro import una_linea
from .consola import a_texto

SIMBOLOS = {"cumplida": "✔", "verde": "●", "amarillo": "▲", "rojo": "✖", "sin_reporte": "?", "no_iniciada": "○",
            "meta_por_definir": "◇"}
ESTILOS = {"cumplida": "bold green", "verde": "green", "amarillo": "yellow", "rojo": "bold red",
           "sin_reporte": "magenta", "no_iniciada": "dim", "meta_por_definir": "cyan"}
LEYENDA = {
    "cumplida": "meta final alcanzada",
    "verde": "logro ≥ {verde} % de lo esperado a la fecha",
    "amarillo": "logro ≥ {amarillo} % y < {verde} %",
    "rojo": "logro < {amarillo} %",
    "sin_reporte": "ningún reporte en los semestres vencidos",
    "no_iniciada": "su periodo aún no tiene semestres vencidos",
    "meta_por_definir": "no se evalúa hasta que se defina la meta",
}
ANCHO_BARRA = 18


def etiqueta(estado: str) -> Text:
    return Text(f"{SIMBOLOS[estado]} {ETIQUETAS[estado]}", style=ESTILOS[estado])


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
    if sit.evaluados:
        t.append(f" · semestres vencidos: {sit.evaluados[0]} a {sit.evaluados[-1]} ({len(sit.evaluados)})")
    else:
        t.append(" · aún no hay semestres vencidos")
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


def resumen_entregas(comp: list[Completitud], todas: bool = False) -> Group | Text:
    por_inst: dict[str, list[Completitud]] = defaultdict(list)
    for c in comp:
        if c.estado in ("faltante", "incompleto", "tarde"):
            por_inst[c.institucion].append(c)
    if not por_inst:
        return Text("Todas las instituciones entregaron completos y a tiempo sus informes vencidos.", style="green")
    tabla = Table(box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left",
                  title="Informes de avance con semestres faltantes, incompletos o tardíos", expand=True)
    tabla.add_column("Institución", no_wrap=True, min_width=10, max_width=24, overflow="ellipsis")
    tabla.add_column("Sin informe", ratio=1)
    tabla.add_column("Incompletos", ratio=1)
    tabla.add_column("Tardíos (días)", ratio=1)

    def clave_orden(kv: tuple[str, list[Completitud]]) -> tuple[int, int, str]:
        lista = kv[1]
        return (-sum(x.estado == "faltante" for x in lista), -len(lista), kv[0])

    nunca = sorted(k for k, lista in por_inst.items()
                   if all(c.estado == "faltante" for c in lista) and len(lista) == _vencidos(comp, k))
    orden = sorted(((k, v) for k, v in por_inst.items() if k not in nunca), key=clave_orden)
    mostradas = orden if todas else orden[:MAX_INSTITUCIONES]
    for clave, lista in mostradas:
        faltan = [c.periodo for c in lista if c.estado == "faltante"]
        incompletos = [c.periodo for c in lista if c.estado == "incompleto"]
        tarde = [f"{c.periodo} ({c.dias_retraso})" for c in lista if c.estado == "tarde"]
        tabla.add_row(clave, Text(tramos(faltan) or "—", style="red" if faltan else "dim"),
                      Text(tramos(incompletos) or "—", style="yellow" if incompletos else "dim"),
                      Text(", ".join(tarde) or "—", style="yellow" if tarde else "dim"))
    partes: list[Table | Text] = []
    if nunca:
        partes.append(Text.assemble(("Sin ningún informe vencido", "bold red"), f" ({len(nunca)}): ",
                                    ", ".join(nunca)))
    if mostradas:
        partes.append(tabla)
    if len(orden) > len(mostradas):
        partes.append(Text(f"… y {len(orden) - len(mostradas)} institución(es) más: use --detalle, --institucion "
                           "CLAVE o --formato json.", style="italic"))
    return Group(*partes)


def _vencidos(comp: list[Completitud], clave: str) -> int:
    return sum(c.institucion == clave for c in comp)


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
    if invalidos:
        nombres = ", ".join(una_linea(n) for n in invalidos[:3])  # a name with a line break stays on the line
        partes.append(Text(f"⚠ {len(invalidos)} archivo(s) de avance con errores no se cuentan: "
                           f"{nombres}{' …' if len(invalidos) > 3 else ''}. "
                           "Ejecute «pni validar» para verlos.", style="bold red"))
    # the eje name gives way first, so the counts and the bar always fit
    partes.append(tabla_ejes(sit, plan, max(14, min(40, ancho - 7 * 4 - ANCHO_BARRA - 8))))
    if (a := alertas(sit)) is not None:
        partes.append(a)
    if detalle:
        for eid in sorted({i.eje for i in sit.indicadores}):
            partes.append(tabla_detalle(sit, plan, eid))
    partes.append(resumen_entregas(sit.completitud, todas=detalle))
    partes.append(leyenda(plan))
    return a_texto(Group(*partes), color=color, ancho=ancho)  # type: ignore[arg-type]
