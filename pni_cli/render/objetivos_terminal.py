"""The plan by GCM objective, for the terminal: `pni estado --por-objetivo` (the 23 objectives in one table),
`pni estado --objetivo N` (one objective, its activities and their indicators), `pni mostrar O21` / `P6` (an
objective or a principle with its activities, from the plan alone) and the alignment rows of `pni mostrar 3.2.1`.

Views built from proposed links carry the «⚠ ALINEACIÓN PROPUESTA» banner, as views built from illustrative data
carry theirs. Every text from the data goes through `texto_seguro.terminal` and reaches rich as a `Text`."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..checks.plan_alineacion import ACTIVIDAD_SIN_ALINEACION
from ..formato import fecha
from ..objetivos import ORIGENES, ActividadVista, Cifra, ObjetivoVista, PorObjetivo, aviso_propuesta, contribuciones
from ..plan import Actividad, Indicador, Plan, VinculoObjetivo, VinculoPrincipio
from ..progreso import Situacion
from ..texto_seguro import terminal as seguro
from .consola import a_texto
from .estado import banner_ilustrativo, encabezado_semestres, etiqueta, leyenda
from .piezas import barra, escala

ANCHO_BARRA = 20  # symbols of the longest bar; past it, each symbol stands for several indicators

ESTILO_PROPUESTA = "yellow"


def banner_propuesta(propuestos: int, total: int) -> Panel:
    return Panel(Text(aviso_propuesta(propuestos, total), style="bold"),
                 title=Text("⚠ ALINEACIÓN PROPUESTA"), border_style="yellow", box=box.HEAVY)


def _vinculo(v: VinculoObjetivo | VinculoPrincipio) -> Text:
    """«propuesta, indirecto: razón» with the origin styled (a proposal in yellow)."""
    t = Text()
    t.append(ORIGENES[v.origen], style=ESTILO_PROPUESTA if v.origen == "propuesta" else "green")
    if isinstance(v, VinculoObjetivo) and v.indirecto:
        t.append(", indirecto", style=ESTILO_PROPUESTA if v.origen == "propuesta" else "")
    if v.razon:
        t.append(": " + seguro(v.razon))
    return t


def _encabezado(v: PorObjetivo, sit: Situacion, plan: Plan) -> Text:
    t = Text()
    t.append(f"{seguro(plan.general.sigla)} {plan.general.vigencia.desde}-{plan.general.vigencia.hasta}", style="bold")
    t.append(f" · por objetivo del Pacto Mundial · situación al {fecha(sit.corte)}")
    t.append(f"\n{encabezado_semestres(sit, plan)}")
    filtros = []
    if v.filtro_eje is not None:
        filtros.append(f"eje {v.filtro_eje}")
    if v.filtro_institucion is not None:
        nombre = plan.instituciones[v.filtro_institucion].nombre
        filtros.append(f"institución {v.filtro_institucion} ({seguro(nombre)})")
    if filtros:
        t.append("\nFiltro: " + ", ".join(filtros) + " (solo sus actividades)", style="italic")
    return t


def _avisos(v: PorObjetivo, sit: Situacion, propuesto: bool) -> list[RenderableType]:
    partes: list[RenderableType] = []
    if sit.ilustrativo:
        partes.append(banner_ilustrativo())
    if propuesto:
        partes.append(banner_propuesta(v.propuestos, v.vinculos))
    if v.archivos_con_errores:
        n = len(v.archivos_con_errores)
        partes.append(Text(f"⚠ {n} archivo{'s' if n != 1 else ''} de avance con errores no se cuenta"
                           f"{'n' if n != 1 else ''}: {seguro(', '.join(v.archivos_con_errores[:3]))}"
                           f"{' …' if n > 3 else ''}. Ejecute «pni validar» para verlos.", style="bold red"))
    return partes


def _actividades(o: ObjetivoVista) -> str:
    n = len(o.actividades)
    if not n:
        return "ninguna"
    return f"{n}" + (f" ({o.indirectas} indir.)" if o.indirectas else "")


def tabla_objetivos(v: PorObjetivo, ancho_nombre: int = 40) -> Table:
    tabla = Table(box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left", collapse_padding=True,
                  title="Los 23 objetivos del Pacto Mundial: actividades del PNI e indicadores por estado")
    tabla.add_column("Obj.", justify="right", no_wrap=True)
    tabla.add_column("Objetivo", no_wrap=True, max_width=ancho_nombre, overflow="ellipsis")
    tabla.add_column("Actividades", no_wrap=True)
    tabla.add_column("Indic.", justify="right", no_wrap=True)
    por_simbolo = escala(max((o.indicadores for o in v.objetivos), default=0), ANCHO_BARRA)
    if por_simbolo > 1:
        tabla.caption = f"En las barras, cada símbolo es {por_simbolo} indicadores."
        tabla.caption_justify = "left"
    tabla.add_column("Por estado", no_wrap=True, min_width=ANCHO_BARRA)
    tabla.add_column("Inst.", justify="right", no_wrap=True)
    for o in v.objetivos:
        estilo = "dim" if not o.actividades else ""
        tabla.add_row(Text(str(o.id), style=estilo), Text(seguro(o.etiqueta), style=estilo),
                      Text(_actividades(o), style="bold red" if not o.actividades else ""),
                      Text(str(o.indicadores) if o.indicadores else "-", style=estilo), barra(o.conteo, por_simbolo),
                      Text(str(len(o.instituciones)) if o.instituciones else "-", style=estilo))
    return tabla


def _notas_tabla(v: PorObjetivo) -> Text:
    t = Text()
    if v.sin_actividad:
        t.append("Objetivos sin ninguna actividad del plan: ", style="bold")
        t.append(", ".join(f"{n} {seguro(e)}" for n, e in v.sin_actividad) + ".\n")
    if v.medios:
        t.append("Actividades sin objetivo propio ", style="bold")
        t.append("(medios de implementación del plan, vinculadas solo a principios rectores): ")
        t.append(", ".join(a.id for a in v.medios) + ".\n")
    t.append("Una actividad puede contribuir a varios objetivos: las filas no se suman. «indir.»: actividades con "
             "vínculo indirecto (por el tema de su eje: reuniones, diagnósticos, formación).\n", style="italic")
    t.append("Un objetivo: pni estado --objetivo N · sus actividades en el plan: pni mostrar ON · el documento para "
             "el examen del Pacto: pni reporte --por-objetivo", style="dim")
    return t


def texto_por_objetivo(v: PorObjetivo, sit: Situacion, plan: Plan, *, color: bool, ancho: int) -> str:
    """`pni estado --por-objetivo`: the 23 objectives in one table."""
    partes = [*_avisos(v, sit, v.propuesta), _encabezado(v, sit, plan)]
    partes.append(tabla_objetivos(v, max(14, min(48, ancho - 41 - ANCHO_BARRA))))
    partes.append(_notas_tabla(v))
    partes.append(leyenda(plan, ancho))
    return a_texto(Group(*partes), color=color, ancho=ancho)


def _fila_cifra(c: Cifra) -> list[Text | str]:
    texto = Text(seguro(c.texto))
    texto.append(f"\nMeta: {seguro(c.meta)}", style="italic")
    for linea in c.desglose:
        texto.append(f"\n{seguro(linea)}", style="dim")
    if c.propio is not None:
        texto.append("\nEste indicador lleva su propio vínculo: ", style="dim")
        texto.append_text(_vinculo(c.propio))
    sem = etiqueta(c.estado)
    for nota in c.notas.split(", ") if c.notas else ():
        sem.append(f"\n{nota}", style="italic")
    return [f" {c.id}", texto, c.reportado, c.logro, sem]


def _fila_actividad(a: ActividadVista) -> list[Text | str]:
    texto = Text(seguro(a.texto), style="bold")
    texto.append(f"\nEje {a.eje} · responsables: {', '.join(a.responsables)} · periodo {seguro(a.periodo)}",
                 style="dim")
    if a.propio is not None:
        texto.append("\nVínculo: ", style="dim")
        texto.append_text(_vinculo(a.propio))
    elif a.de_indicadores:
        texto.append(f"\nVínculo: por su indicador {', '.join(i for i, _ in a.de_indicadores)} (abajo)",
                     style="dim")
    if a.nota:
        texto.append(f"\n{seguro(a.nota)}", style="italic")
    return [Text(a.id, style="bold"), texto, "", "", etiqueta(a.estado) if a.estado else Text("—", style="dim")]


def tabla_objetivo(o: ObjetivoVista) -> Table:
    titulo = Text(f"Objetivo {o.id}: {seguro(o.etiqueta)}", style="table.title")
    tabla = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=titulo, title_justify="left", expand=True)
    tabla.add_column("Id", no_wrap=True)
    tabla.add_column("Actividad / indicador y meta", ratio=1, min_width=24)
    tabla.add_column("Report.", justify="right", no_wrap=True)
    tabla.add_column("Logro", justify="right", no_wrap=True)
    tabla.add_column("Semáforo", no_wrap=True)
    for a in o.actividades:
        tabla.add_row(*_fila_actividad(a))
        for c in a.cifras:
            tabla.add_row(*_fila_cifra(c))
    return tabla


def texto_objetivo(v: PorObjetivo, n: int, sit: Situacion, plan: Plan, *, color: bool, ancho: int) -> str:
    """`pni estado --objetivo N`: one objective, its activities and the state of their indicators."""
    o = next(x for x in v.objetivos if x.id == n)
    partes: list[RenderableType] = [*_avisos(v, sit, o.propuesto), _encabezado(v, sit, plan)]
    resumen = Text()
    resumen.append(f"Objetivo {o.id}. {seguro(o.etiqueta)}\n", style="bold")
    resumen.append(seguro(o.texto), style="italic")
    if not o.actividades:
        filtrado = v.filtro_eje is not None or v.filtro_institucion is not None
        resumen.append("\n\nNinguna actividad " + ("de este filtro" if filtrado else "del plan") +
                       " contribuye a este objetivo.", style="bold red")
        partes.append(resumen)
        return a_texto(Group(*partes), color=color, ancho=ancho)
    resumen.append(f"\n\n{len(o.actividades)} actividad{'es' if len(o.actividades) != 1 else ''}")
    if o.indirectas:
        resumen.append(f" ({o.indirectas} por vínculo indirecto)")
    resumen.append(f" · {o.indicadores} indicador{'es' if o.indicadores != 1 else ''}: ")
    resumen.append_text(barra(o.conteo, escala(o.indicadores, ANCHO_BARRA)))
    resumen.append(f"\nInstituciones ({len(o.instituciones)}): {', '.join(o.instituciones)}")
    partes += [resumen, tabla_objetivo(o), leyenda(plan, ancho)]
    return a_texto(Group(*partes), color=color, ancho=ancho)


# --- pni mostrar: from the plan alone ---------------------------------------------------------------------------

def _campos(filas: list[tuple[str, Text]]) -> Table:
    t = Table(box=None, show_header=False, pad_edge=False, expand=True)
    t.add_column(style="bold", no_wrap=True)
    t.add_column(ratio=1)
    for nombre, valor in filas:
        t.add_row(nombre, valor)
    return t


def texto_mostrar_objetivo(plan: Plan, n: int, *, color: bool, ancho: int) -> str | None:
    """`pni mostrar O21`: an objective, verbatim, with the activities that contribute to it; None when the plan
    has no such objective."""
    objetivo = next((o for o in (plan.objetivos.objetivos if plan.objetivos else ()) if o.id == n), None)
    if objetivo is None:
        return None
    contribs = contribuciones(plan).get(n, [])
    filas: list[tuple[str, Text]] = [("Etiqueta (fuente)", Text(seguro(objetivo.etiqueta), style="italic")),
                                     ("Texto (fuente)", Text(seguro(objetivo.texto), style="italic"))]
    if not contribs:
        filas.append(("Actividades", Text("ninguna actividad del plan contribuye a este objetivo", style="bold red")))
    else:
        indirectas = sum(c.indirecto for c in contribs)
        filas.append(("Actividades", Text(f"{len(contribs)}" + (f" ({indirectas} por vínculo indirecto)"
                                                                   if indirectas else ""))))
    for c in contribs:
        act = c.actividad
        t = Text(seguro(act.texto))
        t.append(f"\n{', '.join(act.responsables.instituciones)} · {seguro(act.periodo.texto) or 'sin periodo'}",
                 style="dim")
        if c.vinculo is not None:
            t.append("\n")
            t.append_text(_vinculo(c.vinculo))
        for ind_id, v in c.de_indicadores:
            t.append(f"\nsu indicador {ind_id}: ")
            t.append_text(_vinculo(v))
        if not c.indicadores:
            t.append("\nningún indicador de la actividad mide este objetivo", style="italic")
        filas.append((f"Actividad {act.id}", t))
    if contribs:
        instituciones = sorted({r for c in contribs for r in c.actividad.responsables.instituciones})
        filas.append(("Instituciones", Text(", ".join(instituciones))))
        filas.append(("Su semáforo", Text(f"pni estado --objetivo {n}", style="dim")))
    panel = Panel(_campos(filas), title=Text(f"Objetivo {n} del PMM · {seguro(objetivo.etiqueta)}"),
                  title_align="left", box=box.ROUNDED)
    vinculos = [v for c in contribs for v in c.vinculos]
    propuestos = sum(v.origen == "propuesta" for v in vinculos)
    partes: list[RenderableType] = [banner_propuesta(propuestos, len(vinculos))] if propuestos else []
    return a_texto(Group(*partes, panel), color=color, ancho=ancho)


def texto_mostrar_principio(plan: Plan, pid: str, *, color: bool, ancho: int) -> str | None:
    """`pni mostrar P6`: a guiding principle, verbatim, with the activities that follow it."""
    principio = next((p for p in (plan.principios.principios if plan.principios else ()) if p.id == pid), None)
    if principio is None:
        return None
    filas: list[tuple[str, Text]] = [("Nombre (fuente)", Text(seguro(principio.nombre), style="italic")),
                                     ("Texto (fuente)", Text(seguro(principio.texto), style="italic"))]
    filas += [("Inconsistencia", Text(seguro(f"[{n.codigo}] {n.descripcion}"), style="yellow"))
              for n in principio.inconsistencias]
    siguen = [(a, v) for a in plan.actividades.values() for v in a.principios_pmm if v.principio == pid]
    if not siguen:
        filas.append(("Actividades", Text("ninguna actividad del plan lleva este principio", style="bold red")))
    for act, v in siguen:
        t = Text(seguro(act.texto) + "\n")
        t.append_text(_vinculo(v))
        filas.append((f"Actividad {act.id}", t))
    panel = Panel(_campos(filas), title=Text(f"Principio rector {pid} del PMM · {seguro(principio.nombre)}"),
                  title_align="left", box=box.ROUNDED)
    propuestos = sum(v.origen == "propuesta" for _, v in siguen)
    partes: list[RenderableType] = [banner_propuesta(propuestos, len(siguen))] if propuestos else []
    return a_texto(Group(*partes, panel), color=color, ancho=ancho)


def filas_alineacion(plan: Plan, act: Actividad) -> list[tuple[str, object]]:
    """The rows `pni mostrar` adds to an activity: its objectives and principles, each with origin and reason."""
    etiquetas = {o.id: o.etiqueta for o in (plan.objetivos.objetivos if plan.objetivos else ())}
    nombres = {p.id: p.nombre for p in (plan.principios.principios if plan.principios else ())}
    filas: list[tuple[str, object]] = []
    for v in act.objetivos_pmm:
        t = Text(f"{v.objetivo} {seguro(etiquetas.get(v.objetivo, '?'))} — ")
        filas.append(("Objetivo del PMM", t.append_text(_vinculo(v))))
    if not act.objetivos_pmm:
        sin = ("ninguno propio (medio de implementación del plan)" if act.principios_pmm
               else f"ninguno: la actividad no está alineada con el Pacto Mundial ({ACTIVIDAD_SIN_ALINEACION})")
        filas.append(("Objetivo del PMM", Text(sin, style="italic")))
    for p in act.principios_pmm:
        t = Text(f"{p.principio} {seguro(nombres.get(p.principio, '?'))} — ")
        filas.append(("Principio del PMM", t.append_text(_vinculo(p))))
    return filas


def filas_alineacion_indicador(plan: Plan, ind: Indicador) -> list[tuple[str, object]]:
    """An indicator's own links (where it measures other objectives than its activity), else nothing."""
    if ind.objetivos_pmm is None:
        return []
    etiquetas = {o.id: o.etiqueta for o in (plan.objetivos.objetivos if plan.objetivos else ())}
    act = plan.actividad_de[ind.id]
    de_la_actividad = ", ".join(str(v.objetivo) for v in act.objetivos_pmm) or "ninguno"
    filas: list[tuple[str, object]] = []
    for v in ind.objetivos_pmm:
        t = Text(f"{v.objetivo} {seguro(etiquetas.get(v.objetivo, '?'))} (su actividad: {de_la_actividad}) — ")
        filas.append(("  Objetivo del PMM", t.append_text(_vinculo(v))))
    return filas
