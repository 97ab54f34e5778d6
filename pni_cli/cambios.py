"""`pni cambios`: what changed in the progress files since a git reference (the last meeting's tag): reports new,
removed and corrected, values corrected, indicators that changed state, institutions that reported; for the
terminal, as Markdown for the minutes, or as JSON. Nothing in the repository is modified."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .diferencias import Comparacion, comparar
from .errores import PlanInvalido
from .opciones import corte_y_periodo, dia_siguiente_al_plazo, fecha_de_corte, formato_elegido, raiz_del_espacio
from .repositorio import avances, carpeta_de_trabajo, plan_cambiado, plan_en, repositorio, resolver

FORMATOS = ("tabla", "md", "json")


def comparar_versiones(raiz: Path, desde: str, hasta: str | None, corte: str | None,
                       periodo: str | None) -> Comparacion:
    """The progress files at `desde` against those at `hasta` (by default the working tree), each judged with its
    own plan at the same cut-off date (`corte`, or the day after `periodo`'s deadline in the plan of `hasta`). A
    plan at `desde` that this version of pni cannot read is replaced by the plan of `hasta`."""
    repo = repositorio(raiz)
    lado_desde = resolver(repo, desde, "--desde")
    lado_hasta = resolver(repo, hasta, "--hasta") if hasta is not None else carpeta_de_trabajo(repo)
    plan = plan_en(repo, lado_hasta)
    ilegible = None
    try:
        plan_antes = plan_en(repo, lado_desde)
    except PlanInvalido as e:
        plan_antes, ilegible = plan, str(e)
    fecha: dt.date = dia_siguiente_al_plazo(plan, periodo) if periodo is not None else fecha_de_corte(corte)
    cambios = comparar(plan_antes, plan, avances(repo, lado_desde), avances(repo, lado_hasta), fecha)
    cambios.plan_cambiado = plan_cambiado(repo, lado_desde, lado_hasta)
    cambios.plan_antes_ilegible = ilegible
    return Comparacion(cambios, plan, lado_desde, lado_hasta)


def ejecutar(*, desde: str, hasta: str | None, formato: str, corte: str | None, periodo: str | None,
             detalle: bool, raiz: Path | None) -> int:
    from .render import cambios as vista

    formato_elegido(formato, FORMATOS)
    corte_y_periodo(corte, periodo)
    if periodo is None:
        fecha_de_corte(corte)  # a wrong date is a usage error before git is run
    comp = comparar_versiones(raiz_del_espacio(raiz), desde, hasta, corte, periodo)
    if formato == "json":
        sys.stdout.write(vista.a_json(comp))
    elif formato == "md":
        sys.stdout.write(vista.markdown(comp, detalle=detalle))
    else:
        from .terminal import ancho, color_en

        sys.stdout.write(vista.texto(comp, detalle=detalle, color=color_en(sys.stdout), ancho=ancho()))
    return 0
