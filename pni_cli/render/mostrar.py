"""`pni mostrar ID` for the terminal: one element of the plan with every field, verbatim texts beside the typed
reading, and where it stands at the cut-off date. For an indicator: its state, its «ficha técnica» (the meta, its
reading and the arithmetic in words, pni_cli/explicacion.py), the values reported semester by semester and
institution by institution with what each semester expects, and the row of states across its semesters (each the
state the day after that semester's deadline). For an activity or an institution: the state of each of its
indicators, one line each with that row; an institution also gets what it owes and by when; an activity, what the
institutions told of it (logros, dificultades, próximos pasos), latest semester first. Every text from the data
goes through `texto_seguro.terminal`."""

from __future__ import annotations

from dataclasses import replace

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..consultas import EstadoEnSemestre
from ..explicacion import aritmetica, lectura
from ..formato import fecha, porcentaje
from ..lenguaje import contar
from ..narrativa import Relato
from ..plan import Actividad, Eje, Indicador, Institucion, Intervencion, Nota, Plan
from ..progreso import ESTADOS, ETIQUETAS, EstadoIndicador, Situacion
from ..semaforo import SIMBOLOS, cuenta, faltan
from ..texto_seguro import terminal as seguro
from .consola import a_texto
from .estado import Listado, _avisos, banner_ilustrativo, bloque_institucion, leyenda
from .piezas import cifra, envolver, estilo, etiqueta, fila_de_estados, unidad, valor

Historia = dict[str, list[EstadoEnSemestre]]


def _campos(filas: list[tuple[str, object]]) -> Table:
    t = Table(box=None, show_header=False, pad_edge=False, expand=True)
    t.add_column(style="bold", no_wrap=True)
    t.add_column(ratio=1)
    for nombre, valor_ in filas:
        t.add_row(nombre, valor_ if isinstance(valor_, Text | Table) else Text(seguro(valor_)))
    return t


def _años(desde: int, hasta: int) -> str:
    return str(desde) if desde == hasta else f"{desde}-{hasta}"


def _lectura_meta(ind: Indicador) -> str:
    return "; ".join(lectura(ind.meta))


def _notas(notas: tuple[Nota, ...]) -> list[tuple[str, object]]:
    return [("Inconsistencia", Text(seguro(f"[{n.codigo}] {n.descripcion}"), style="yellow")) for n in notas]


def _indicador(ind: Indicador, plan: Plan, con_lectura: bool = True) -> list[tuple[str, object]]:
    from .objetivos_terminal import filas_alineacion_indicador

    filas: list[tuple[str, object]] = [(f"Indicador {ind.id}", ind.texto),
                                       ("  Meta (fuente)", Text(seguro(ind.meta.texto), style="italic"))]
    if con_lectura:
        filas.append(("  Meta (lectura)", _lectura_meta(ind)))
    return [*filas, *_notas(ind.inconsistencias), *filas_alineacion_indicador(plan, ind)]


def _actividad(plan: Plan, act: Actividad, con_indicadores: bool = True) -> list[tuple[str, object]]:
    from .objetivos_terminal import filas_alineacion

    resp = ", ".join(f"{c} ({plan.instituciones[c].nombre})" if c in plan.instituciones else c
                     for c in act.responsables.instituciones)
    filas: list[tuple[str, object]] = [
        ("Actividad", act.texto), ("Resultados esperados", act.resultados_esperados),
        ("Responsables (fuente)", Text(seguro(act.responsables.texto), style="italic")), ("Responsables", resp),
        ("Periodo (fuente)", Text(seguro(act.periodo.texto) or "(vacío)", style="italic")),
        ("Periodo", f"{_años(act.periodo.desde, act.periodo.hasta)} · semestres: "
                    + ", ".join(str(s) for s in plan.ventana(act))),
        *_notas(act.inconsistencias), *filas_alineacion(plan, act)]
    if con_indicadores:
        for ind in act.indicadores:
            filas.extend(_indicador(ind, plan))
    return filas


def _panel(titulo: str, filas: list[tuple[str, object]]) -> Panel:
    # a Text, not a str: a «[» or «:name:» in the plan's texts is shown as written, never read as rich markup
    return Panel(_campos(filas), title=Text(seguro(titulo)), title_align="left", box=box.ROUNDED)


def _panel_de(plan: Plan, id_: str) -> Panel | None:
    """The plan's fields of the element, or None when `id_` is nothing of the plan."""
    if id_ in plan.indicadores:
        ind = plan.indicadores[id_]
        act = plan.actividad_de[id_]
        eje = plan.eje_de[id_]
        return _panel(f"Indicador {ind.id} · Eje {eje.id}: {eje.nombre}",
                      [("De la actividad", f"{act.id} {act.texto}"), *_indicador(ind, plan, con_lectura=False)])
    if id_ in plan.actividades:
        act = plan.actividades[id_]
        eje = plan.eje_de[id_]
        return _panel(f"Actividad {act.id} · Eje {eje.id}: {eje.nombre}", _actividad(plan, act))
    if id_ in plan.intervenciones:
        itv: Intervencion = plan.intervenciones[id_]
        filas: list[tuple[str, object]] = [("Intervención", itv.texto), *_notas(itv.inconsistencias)]
        for act in itv.actividades:
            filas.append((f"Actividad {act.id}", f"{act.texto} [{', '.join(act.responsables.instituciones)}; "
                                                 f"{act.periodo.texto or 'sin periodo'}; "
                                                 f"{contar(len(act.indicadores), 'indicador')}]"))
        return _panel(f"Intervención {itv.id}", filas)
    eje_ids = {e.id: e for e in plan.ejes}
    if id_ in eje_ids:
        el_eje: Eje = eje_ids[id_]
        n_act = sum(len(i.actividades) for i in el_eje.intervenciones)
        n_ind = sum(len(a.indicadores) for i in el_eje.intervenciones for a in i.actividades)
        filas = [("Nombre", el_eje.nombre)]
        if el_eje.nombre_corto:
            filas.append(("Nombre corto", Text.assemble(seguro(el_eje.nombre_corto),
                                                        (" (de pni, no de la fuente)", "dim"))))
        filas += [("Título (fuente)", Text(seguro(el_eje.titulo_fuente), style="italic")),
                  ("Descripción", el_eje.descripcion),
                  ("Resumen (fuente)", Text(seguro(el_eje.resumen_fuente.texto), style="italic")),
                  ("En la matriz", f"{contar(len(el_eje.intervenciones), 'intervención')}, "
                                   f"{contar(n_act, 'actividad')}, {contar(n_ind, 'indicador')}"),
                  *_notas(el_eje.inconsistencias)]
        for itv in el_eje.intervenciones:
            filas.append((f"Intervención {itv.id}", f"{itv.texto} ({contar(len(itv.actividades), 'actividad')})"))
        return _panel(f"Eje {el_eje.id}", filas)
    clave = plan.resolver_institucion(id_)
    if clave is not None:
        inst: Institucion = plan.instituciones[clave]
        acts = [a.id for a in plan.actividades.values() if clave in a.responsables.instituciones]
        filas = [("Nombre", inst.nombre), ("Siglas", inst.siglas or "(sin siglas en la fuente)"),
                 ("Alias", ", ".join(inst.alias) or "—"),
                 ("Miembro del Mecanismo", "sí" if inst.miembro_mecanismo else "no"),
                 ("Anexo", f"n.º {inst.anexo.numero}: {inst.anexo.texto}" if inst.anexo else "—"),
                 ("Responsable de", f"{contar(len(acts), 'actividad')}: {', '.join(acts)}" if acts
                  else "ninguna actividad"),
                 *([("Nota", inst.nota)] if inst.nota else [])]
        return _panel(f"Institución {inst.clave}", filas)
    return None


# --- where it stands --------------------------------------------------------------------------------------------

def _titulo(texto: str, ancho: int) -> Text:
    t = envolver(texto.split(" "), ancho, separador=" ")
    t.stylize("bold")
    return t


def _situacion(e: EstadoIndicador, plan: Plan, sit: Situacion, ancho: int) -> Text:
    meta = plan.indicadores[e.id].meta
    partes: list[Text | str] = [etiqueta(e.estado)]
    if e.logro is not None:
        partes.append(f"logro {porcentaje(e.logro)}")
    partes.append(cifra(e, meta))
    if faltan(e):
        partes.append(faltan(e))
    if cuenta(e):
        partes.append(cuenta(e))
    if e.final:
        partes.append("su periodo terminó: el estado es final")
    return envolver(partes, ancho, sangria=2, prefijo=Text(f"Situación al {fecha(sit.corte)}: ", style="bold"))


def _fila(estados: list[EstadoEnSemestre], ancho: int) -> Text:
    if not estados:
        return Text()
    t = Text("Semestre a semestre: ", style="bold")
    t.append_text(fila_de_estados([(x.momento, x.estado) for x in estados]))
    desde, hasta = estados[0].periodo, estados[-1].periodo
    nota = (f" ({desde} a {hasta}; cada símbolo, el estado del día siguiente al plazo de ese semestre; "
            "… en plazo, · por venir)")
    return envolver([t, *nota.split(" ")[1:]], ancho, separador=" ", sangria=2)


def _estado_en(estados: list[EstadoEnSemestre]) -> dict[str, EstadoEnSemestre]:
    return {str(x.periodo): x for x in estados}


def _celda_estado(x: EstadoEnSemestre | None) -> Text:
    if x is None:
        return Text("")
    if x.estado is not None:
        return etiqueta(x.estado)
    return Text("… en plazo" if x.momento == "en_plazo" else "· por venir", style="dim")


def tabla_historia(e: EstadoIndicador, plan: Plan, estados: list[EstadoEnSemestre], ancho: int
                   ) -> list[RenderableType]:
    """The values of each semester: per institution (a column each when they fit, else one cell), the figure they
    make, what the semester expects and the state the day after its deadline."""
    meta = plan.indicadores[e.id].meta
    act = plan.actividad_de[e.id]
    quienes = list(dict.fromkeys([*act.responsables.instituciones, *(k for v in e.historia for k in v.valores)]))
    por_semestre = _estado_en(estados)
    u = unidad(meta)
    titulo = "Valores por semestre" + (f" (en {u})" if u else "")
    filas = []
    for v in e.historia:
        celdas = []
        for q in quienes:
            if q in v.valores:
                celdas.append(valor(v.valores[q], meta))
            elif q in v.faltan:
                celdas.append("falta")
            else:
                celdas.append("—")
        filas.append((v, celdas))
    tabla = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1), collapse_padding=True, pad_edge=False)
    tabla.add_column("Semestre", no_wrap=True)
    anchos = [max(len(q), *(len(f[1][i]) for f in filas)) for i, q in enumerate(quienes)] if filas else []
    fijo = 8 + 1 + 10 + 1 + 9 + 1 + 19
    en_columnas = sum(a + 1 for a in anchos) + fijo <= ancho
    if en_columnas:
        for q in quienes:
            tabla.add_column(q, justify="right", no_wrap=True)
    else:
        tabla.add_column("Por institución", ratio=1)
    tabla.add_column("Cifra", justify="right", no_wrap=True)
    tabla.add_column("Esperado", justify="right", no_wrap=True)
    tabla.add_column("Semáforo", no_wrap=True)
    for v, celdas in filas:
        cifra_ = valor(v.combinado, meta) if v.momento != "futuro" else ""
        esperado = valor(v.esperado, meta, calculado=True) if v.esperado is not None else "—"
        if en_columnas:
            cuerpo: list[Text | str] = [Text(c, style="dim" if c in ("—", "falta") and v.momento != "evaluado"
                                             else "") for c in celdas]
        else:
            cuerpo = [envolver([f"{q} {c}" for q, c in zip(quienes, celdas, strict=True)], ancho)]
        if v.momento == "futuro":
            cuerpo = [Text("") for _ in cuerpo]
        tabla.add_row(str(v.periodo), *cuerpo, cifra_, esperado, _celda_estado(por_semestre.get(str(v.periodo))))
    notas = []
    if meta.combinar == "responsable":
        notas.append(f"Solo cuenta la cifra de {meta.responsable_principal} (el plan lo nombra responsable "
                     "principal).")
    if any(v.momento == "en_plazo" and v.valores for v in e.historia):
        notas.append("Lo recibido en un semestre en plazo se muestra, pero aún no cuenta.")
    notas.append("«Cifra»: lo que hacen juntos los valores de ese semestre; «Esperado»: lo que el semestre debe "
                 "sumar (o el nivel que debe tener).")
    out: list[RenderableType] = [_titulo(titulo, ancho), tabla]
    out += [envolver(n.split(" "), ancho, separador=" ") for n in notas]
    return out


def ficha_tecnica(e: EstadoIndicador, plan: Plan, sit: Situacion, ancho: int) -> list[RenderableType]:
    """The meta as the source writes it, its typed reading, and at the cut-off date the arithmetic in words."""
    ind = plan.indicadores[e.id]
    out: list[RenderableType] = [_titulo("Ficha técnica", ancho)]

    def vineta(texto: str) -> Text:
        return envolver(texto.split(" "), ancho, separador=" ", sangria=4, prefijo="  · ")

    out.append(envolver(f"«{seguro(ind.meta.texto)}»".split(" "), ancho, separador=" ", sangria=4,
                        prefijo=Text("  Meta (fuente): ", style="bold")))
    out.append(Text("  Lectura:", style="bold"))
    out += [vineta(seguro(x)) for x in lectura(ind.meta)]
    out.append(Text(f"  Al {fecha(sit.corte)}:", style="bold"))
    out += [vineta(seguro(x)) for x in aritmetica(e, ind)]
    return out


def _vista_indicador(plan: Plan, id_: str, sit: Situacion, historia: Historia, ancho: int) -> list[RenderableType]:
    e = next(i for i in sit.indicadores if i.id == id_)
    estados = historia.get(id_, [])
    out: list[RenderableType] = [_situacion(e, plan, sit, ancho)]
    if estados:
        out.append(_fila(estados, ancho))
    out += ficha_tecnica(e, plan, sit, ancho)
    if e.historia:
        out += tabla_historia(e, plan, estados, ancho)
    return out


def _conteo(sit: Situacion, ancho: int) -> Text:
    c = sit.conteo()
    partes = [Text(f"{c[e]} {SIMBOLOS[e]} {ETIQUETAS[e]}", style=estilo(e)) for e in ESTADOS if c.get(e)]
    n = sum(c.values())
    return envolver(partes, ancho, sangria=2, prefijo=Text(f"Situación al {fecha(sit.corte)} "
                                                           f"({contar(n, 'indicador')}): ", style="bold"))


def _solo_actividades(sit: Situacion, ids: set[str]) -> Situacion:
    return replace(sit, actividades=[a for a in sit.actividades if a.id in ids],
                   indicadores=[i for i in sit.indicadores if i.actividad in ids])


def narrativa(relatos: list[Relato], sit: Situacion, ancho: int) -> list[RenderableType]:
    """What the institutions told of an activity in the files that count at the cut-off date: each entry with its
    semester and institution, each text wrapped under its field's name (its own line breaks kept)."""
    out: list[RenderableType] = [Text(), _titulo("Lo que informaron las instituciones", ancho)]
    nota = (f"Logros, dificultades y próximos pasos de los informes que cuentan al {fecha(sit.corte)}, el semestre "
            "más reciente primero." if relatos else
            f"Ninguno de los informes que cuentan al {fecha(sit.corte)} trae logros, dificultades ni próximos pasos "
            "de esta actividad.")
    explicacion = envolver(nota.split(" "), ancho, separador=" ")
    explicacion.stylize("dim")
    out.append(explicacion)
    for r in relatos:
        cabeza = Text(f"{r.periodo} · {seguro(r.institucion)}", style="bold")
        if not r.responsable:
            cabeza.append(" (no figura entre los responsables de la actividad)", style="dim")
        out.append(cabeza)
        for nombre, texto in r.partes:
            lineas = [linea.split() for linea in seguro(texto).split("\n") if linea.strip()]
            for k, palabras in enumerate(lineas):
                prefijo = Text(f"  {nombre}: ", style="italic") if k == 0 else " " * 4
                out.append(envolver(palabras, ancho, separador=" ", sangria=4, prefijo=prefijo))
    return [*out, Text()]


def texto_elemento(plan: Plan, id_: str, *, color: bool, ancho: int, sit: Situacion | None = None,
                   historia: Historia | None = None, relatos: list[Relato] | None = None) -> str | None:
    """The element as text (with where it stands, when `sit` is given, and for an activity what the institutions
    told of it, `relatos`), or None when `id_` is nothing of the plan."""
    id_ = id_.rstrip(".")
    panel = _panel_de(plan, id_)
    if panel is None:
        return None
    partes: list[RenderableType] = []
    if sit is not None and sit.ilustrativo:
        partes.append(banner_ilustrativo())
    partes.append(panel)
    if sit is not None:
        partes += _avisos(sit, ancho)
        historia = historia or {}
        clave = plan.resolver_institucion(id_) if id_ not in plan.eje_de else None
        if id_ in plan.indicadores:
            partes += _vista_indicador(plan, id_, sit, historia, ancho)
        elif id_ in plan.actividades or id_ in plan.intervenciones:
            acts = {id_} if id_ in plan.actividades else {a.id for a in plan.intervenciones[id_].actividades}
            solo = _solo_actividades(sit, acts)
            partes.append(_conteo(solo, ancho))
            partes += Listado(solo, plan, ancho, historia=historia).todo()
            if id_ in plan.actividades:
                partes += narrativa(relatos or [], sit, ancho)
        elif clave is not None:
            partes += bloque_institucion(sit, plan, clave, ancho)
            partes.append(_conteo(sit, ancho))
            partes += Listado(sit, plan, ancho, institucion=clave, historia=historia).todo()
        else:
            partes.append(_conteo(sit, ancho))
            partes.append(Text(f"Cada actividad e indicador: pni estado --eje {id_} --detalle", style="dim"))
        partes.append(leyenda(plan, ancho))
    return a_texto(Group(*partes), color=color, ancho=ancho)

