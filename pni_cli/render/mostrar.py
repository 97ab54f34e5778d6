"""`pni mostrar ID` for the terminal: one element of the plan with every field, verbatim texts beside the typed
reading, as text."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..plan import Actividad, Eje, Indicador, Institucion, Intervencion, Meta, Nota, Plan
from ..texto_seguro import terminal as seguro
from .consola import a_texto


def _campos(filas: list[tuple[str, object]]) -> Table:
    t = Table(box=None, show_header=False, pad_edge=False, expand=True)
    t.add_column(style="bold", no_wrap=True)
    t.add_column(ratio=1)
    for nombre, valor in filas:
        t.add_row(nombre, valor if isinstance(valor, Text | Table) else Text(seguro(valor)))
    return t


def _lectura_meta(m: Meta) -> str:
    if m.tipo == "por_definir":
        return f"por definir (en la actividad {m.definida_en})"
    if m.tipo == "hito":
        return f"hito: {m.entregable or 'entregable'} (avance de 0 a 100 %)"
    partes: list[str] = [m.tipo]
    if m.valor is not None:
        partes.append(f"valor {m.valor:g}")
    if m.unidad:
        partes.append(f"unidad «{m.unidad}»")
    if m.frecuencia:
        partes.append(f"frecuencia {m.frecuencia}")
    return ", ".join(partes)


def _notas(notas: tuple[Nota, ...]) -> list[tuple[str, object]]:
    return [("Inconsistencia", Text(seguro(f"[{n.codigo}] {n.descripcion}"), style="yellow")) for n in notas]


def _indicador(ind: Indicador, plan: Plan) -> list[tuple[str, object]]:
    from .objetivos_terminal import filas_alineacion_indicador

    return [(f"Indicador {ind.id}", ind.texto), ("  Meta (fuente)", Text(seguro(ind.meta.texto), style="italic")),
            ("  Meta (lectura)", _lectura_meta(ind.meta)), *_notas(ind.inconsistencias),
            *filas_alineacion_indicador(plan, ind)]


def _actividad(plan: Plan, act: Actividad, con_indicadores: bool = True) -> list[tuple[str, object]]:
    from .objetivos_terminal import filas_alineacion

    resp = ", ".join(f"{c} ({plan.instituciones[c].nombre})" if c in plan.instituciones else c
                     for c in act.responsables.instituciones)
    filas: list[tuple[str, object]] = [
        ("Actividad", act.texto), ("Resultados esperados", act.resultados_esperados),
        ("Responsables (fuente)", Text(seguro(act.responsables.texto), style="italic")), ("Responsables", resp),
        ("Periodo (fuente)", Text(seguro(act.periodo.texto) or "(vacío)", style="italic")),
        ("Periodo", f"{act.periodo.desde}-{act.periodo.hasta} · semestres: "
                    + ", ".join(str(s) for s in plan.ventana(act))),
        *_notas(act.inconsistencias), *filas_alineacion(plan, act)]
    if con_indicadores:
        for ind in act.indicadores:
            filas.extend(_indicador(ind, plan))
    return filas


def _panel(titulo: str, filas: list[tuple[str, object]]) -> Panel:
    # a Text, not a str: a «[» or «:name:» in the plan's texts is shown as written, never read as rich markup
    return Panel(_campos(filas), title=Text(seguro(titulo)), title_align="left", box=box.ROUNDED)


def _vista(plan: Plan, id_: str) -> Panel | Group | None:
    if id_ in plan.indicadores:
        ind = plan.indicadores[id_]
        act = plan.actividad_de[id_]
        return Group(_panel(f"Indicador {ind.id}", [("De la actividad", f"{act.id} {act.texto}"),
                                                    *_indicador(ind, plan)]))
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
                                                 f"{len(act.indicadores)} indicador(es)]"))
        return _panel(f"Intervención {itv.id}", filas)
    eje_ids = {e.id: e for e in plan.ejes}
    if id_ in eje_ids:
        el_eje: Eje = eje_ids[id_]
        n_act = sum(len(i.actividades) for i in el_eje.intervenciones)
        n_ind = sum(len(a.indicadores) for i in el_eje.intervenciones for a in i.actividades)
        filas = [("Nombre", el_eje.nombre), ("Título (fuente)", Text(seguro(el_eje.titulo_fuente), style="italic")),
                 ("Descripción", el_eje.descripcion),
                 ("Resumen (fuente)", Text(seguro(el_eje.resumen_fuente.texto), style="italic")),
                 ("En la matriz",
                  f"{len(el_eje.intervenciones)} intervenciones, {n_act} actividades, {n_ind} indicadores"),
                 *_notas(el_eje.inconsistencias)]
        for itv in el_eje.intervenciones:
            filas.append((f"Intervención {itv.id}", f"{itv.texto} ({len(itv.actividades)} actividades)"))
        return _panel(f"Eje {el_eje.id}", filas)
    clave = plan.resolver_institucion(id_)
    if clave is not None:
        inst: Institucion = plan.instituciones[clave]
        acts = [a.id for a in plan.actividades.values() if clave in a.responsables.instituciones]
        filas = [("Nombre", inst.nombre), ("Siglas", inst.siglas or "(sin siglas en la fuente)"),
                 ("Alias", ", ".join(inst.alias) or "—"),
                 ("Miembro del Mecanismo", "sí" if inst.miembro_mecanismo else "no"),
                 ("Anexo", f"n.º {inst.anexo.numero}: {inst.anexo.texto}" if inst.anexo else "—"),
                 ("Responsable de", f"{len(acts)} actividades: {', '.join(acts)}" if acts else "ninguna actividad"),
                 *([("Nota", inst.nota)] if inst.nota else [])]
        return _panel(f"Institución {inst.clave}", filas)
    return None


def texto_elemento(plan: Plan, id_: str, *, color: bool, ancho: int) -> str | None:
    """The element as text, or None when `id_` is nothing of the plan."""
    vista = _vista(plan, id_.rstrip("."))
    return None if vista is None else a_texto(vista, color=color, ancho=ancho)
