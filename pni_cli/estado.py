"""`pni estado`: where every eje, activity, indicator and institution stands at the cut-off date, as a table for
the terminal or as JSON for scripts; optionally only one eje, one institution's activities, some states of the
semáforo (--semaforo) or the indicators whose texts hold some words (--buscar); or by objective of the Global
Compact (--por-objetivo, --objetivo N: pni_cli/por_objetivo.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .errores import ErrorDeUso
from .evaluacion import evaluar_espacio
from .opciones import corte_y_periodo, formato_elegido, raiz_del_espacio

FORMATOS = ("tabla", "json")


def ejecutar(*, corte: str | None, periodo: str | None, eje: str | None, institucion: str | None, detalle: bool,
             formato: str, raiz: Path | None, semaforo: str | None = None, buscar: str | None = None,
             objetivo: str | None = None, por_objetivo: bool = False) -> int:
    from .consultas import estados_pedidos, filtrar

    formato_elegido(formato, FORMATOS)
    corte_y_periodo(corte, periodo)
    if objetivo is not None or por_objetivo:
        if semaforo is not None or buscar is not None:
            raise ErrorDeUso("--semaforo y --buscar no se combinan con --objetivo ni --por-objetivo")
        from . import por_objetivo as comando

        return comando.estado(raiz_del_espacio(raiz), corte=corte, periodo=periodo, eje=eje,
                              institucion=institucion, objetivo=objetivo, formato=formato)
    estados = estados_pedidos(semaforo) if semaforo is not None else ()
    if buscar is not None and not buscar.split():
        raise ErrorDeUso("--buscar necesita una o varias palabras, p. ej. --buscar «empleo»")
    ev = evaluar_espacio(raiz_del_espacio(raiz), corte=corte, periodo=periodo, eje=eje, institucion=institucion)
    sit = filtrar(ev.situacion, ev.plan, estados=estados, buscar=buscar)
    if formato == "json":
        from .render.estado_json import documento

        doc = documento(sit, ev.plan, ev.invalidos, eje=sit.filtro_eje, institucion=sit.filtro_institucion)
        doc["filtros"]["semaforo"] = list(estados) or None
        doc["filtros"]["buscar"] = buscar
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        from .render.estado import texto_estado
        from .terminal import ancho, color_en

        sys.stdout.write(texto_estado(sit, ev.plan, ev.invalidos, detalle=detalle, eje=sit.filtro_eje,
                                      institucion=sit.filtro_institucion, color=color_en(sys.stdout), ancho=ancho(),
                                      semaforo=estados, buscar=buscar))
    return 0
