"""`pni estado`: where every eje, activity, indicator and institution stands at the cut-off date, as a table for
the terminal or as JSON for scripts."""

from __future__ import annotations

import sys
from pathlib import Path

from .errores import ErrorDeUso
from .evaluacion import evaluar_espacio
from .opciones import corte_y_periodo, raiz_del_espacio

FORMATOS = ("tabla", "json")


def ejecutar(*, corte: str | None, periodo: str | None, eje: str | None, institucion: str | None, detalle: bool,
             formato: str, raiz: Path | None, objetivo: str | None = None, por_objetivo: bool = False) -> int:
    if formato not in FORMATOS:
        raise ErrorDeUso(f"--formato «{formato}» no existe; use tabla o json")
    corte_y_periodo(corte, periodo)
    if objetivo is not None or por_objetivo:
        from . import por_objetivo as comando

        return comando.estado(raiz_del_espacio(raiz), corte=corte, periodo=periodo, eje=eje,
                              institucion=institucion, objetivo=objetivo, formato=formato)
    ev = evaluar_espacio(raiz_del_espacio(raiz), corte=corte, periodo=periodo, eje=eje, institucion=institucion)
    filtro_institucion = ev.situacion.filtro_institucion
    if formato == "json":
        from .render.estado_json import a_json

        sys.stdout.write(a_json(ev.situacion, ev.plan, ev.invalidos, eje=ev.situacion.filtro_eje,
                                institucion=filtro_institucion))
    else:
        from .render.estado import texto_estado
        from .terminal import ancho, color_en

        sys.stdout.write(texto_estado(ev.situacion, ev.plan, ev.invalidos, detalle=detalle,
                                      eje=ev.situacion.filtro_eje, institucion=filtro_institucion,
                                      color=color_en(sys.stdout), ancho=ancho()))
    return 0
