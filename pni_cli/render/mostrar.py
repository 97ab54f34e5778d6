"""`pni mostrar ID`: one element of the plan with every field, verbatim texts beside the typed reading."""

from __future__ import annotations

import difflib
import sys

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import Actividad, Eje, Indicador, Institucion, Intervencion, Meta, Nota
from ..workspace import Plan
from .consola import consola as _consola


def _campos(filas: list[tuple[str, object]]) -> Table:
    t = Table(box=None, show_header=False, pad_edge=False, expand=True)
    t.add_column(style="bold", no_wrap=True)
    t.add_column(ratio=1)
    for nombre, valor in filas:
        t.add_row(nombre, valor if isinstance(valor, Text | Table) else Text(str(valor)))
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


def _notas(notas: list[Nota]) -> list[tuple[str, object]]:
    return [("Inconsistencia", Text(f"[{n.codigo}] {n.descripcion}", style="yellow")) for n in notas]


def _indicador(ind: Indicador) -> list[tuple[str, object]]:
    return [(f"Indicador {ind.id}", ind.texto), ("  Meta (fuente)", Text(ind.meta.texto, style="italic")),
            ("  Meta (lectura)", _lectura_meta(ind.meta)), *_notas(ind.inconsistencias)]


def _actividad(plan: Plan, act: Actividad, con_indicadores: bool = True) -> list[tuple[str, object]]:
    resp = ", ".join(f"{c} ({plan.instituciones[c].nombre})" if c in plan.instituciones else c
                     for c in act.responsables.instituciones)
    filas: list[tuple[str, object]] = [
        ("Actividad", act.texto), ("Resultados esperados", act.resultados_esperados),
        ("Responsables (fuente)", Text(act.responsables.texto, style="italic")), ("Responsables", resp),
        ("Periodo (fuente)", Text(act.periodo.texto or "(vacío)", style="italic")),
        ("Periodo", f"{act.periodo.desde}-{act.periodo.hasta} · semestres: "
                    + ", ".join(str(s) for s in plan.ventana(act))),
        *_notas(act.inconsistencias)]
    if con_indicadores:
        for ind in act.indicadores:
            filas.extend(_indicador(ind))
    return filas


def _panel(titulo: str, filas: list[tuple[str, object]]) -> Panel:
    # a Text, not a str: a «[» or «:name:» in the plan's texts is shown as written, never read as rich markup
    return Panel(_campos(filas), title=Text(titulo), title_align="left", box=box.ROUNDED)


def _vista(plan: Plan, id_: str) -> Panel | Group | None:
    if id_ in plan.indicadores:
        ind = plan.indicadores[id_]
        act = plan.actividad_de[id_]
        return Group(_panel(f"Indicador {ind.id}", [("De la actividad", f"{act.id} {act.texto}"), *_indicador(ind)]))
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
        filas = [("Nombre", el_eje.nombre), ("Título (fuente)", Text(el_eje.titulo_fuente, style="italic")),
                 ("Descripción", el_eje.descripcion),
                 ("Resumen (fuente)", Text(el_eje.resumen_fuente.texto, style="italic")),
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


def mostrar(plan: Plan, id_: str, consola: Console | None = None) -> bool:
    """Print the element; on an unknown id print the closest ones to stderr and return False."""
    consola = consola or _consola()
    vista = _vista(plan, id_.rstrip("."))
    if vista is not None:
        consola.print(vista)
        return True
    opciones = [*plan.ids(), *plan.instituciones]
    parecidos = difflib.get_close_matches(id_, opciones, n=5, cutoff=0.6)
    pista = f" ¿Quiso decir {', '.join(parecidos)}?" if parecidos else (
        " Los ids tienen la forma 3, 3.2, 3.2.1 o 3.2.1.a.")
    sys.stderr.write(f"pni: «{id_}» no es un eje, intervención, actividad, indicador ni institución del plan.{pista}\n")
    return False
