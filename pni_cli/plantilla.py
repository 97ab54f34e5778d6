"""`pni plantilla`: the progress form of one institution for one semester, listing exactly the indicators it owes,
as commented YAML or as an Excel workbook; with --todas, the form of every institution that owes reports for the
semester, each in a file of the folder --salida (<CLAVE>-<periodo>.xlsx or .yaml), all checked before any is
written."""

from __future__ import annotations

import sys
from pathlib import Path

from .errores import ErrorDeEscritura, ErrorDeUso
from .lectura.espacio import cargar_plan_o_fallar
from .opciones import formato_elegido, institucion_del_plan, raiz_del_espacio, semestre_del_plan
from .periodos import Semestre
from .plan import Plan
from .salida import comprobar_destino, entregar, escribir_atomico

FORMATOS = ("yaml", "xlsx")


def _contenido(plan: Plan, clave: str, sem: Semestre, formato: str) -> str | bytes:
    if formato == "yaml":
        from .render.plantilla_yaml import yaml_plantilla

        return yaml_plantilla(plan, clave, sem)
    from .render.plantilla_xlsx import xlsx_plantilla

    return xlsx_plantilla(plan, clave, sem)


def ejecutar(*, institucion: str | None, periodo: str, todas: bool, formato: str, salida: Path | None, forzar: bool,
             raiz: Path | None) -> int:
    formato_elegido(formato, FORMATOS)
    if todas:
        if institucion is not None:
            raise ErrorDeUso("use --institucion o --todas, no las dos")
        if salida is None:
            raise ErrorDeUso("--todas necesita --salida CARPETA, donde se escribe un formulario por institución")
        return _todas(periodo, formato, salida, forzar, raiz)
    if institucion is None:
        raise ErrorDeUso("falta la opción --institucion CLAVE (o --todas, para todas las instituciones que deben "
                         "informar)")
    if formato == "xlsx" and salida is None:
        raise ErrorDeUso("la plantilla en Excel necesita --salida ARCHIVO.xlsx")
    if salida is not None:
        comprobar_destino(salida, forzar)
    plan = cargar_plan_o_fallar(raiz_del_espacio(raiz))
    clave = institucion_del_plan(plan, institucion)
    sem = semestre_del_plan(plan, periodo)
    entregar(_contenido(plan, clave, sem, formato), salida, forzar, "Plantilla escrita en")
    return 0


def _todas(periodo: str, formato: str, carpeta: Path, forzar: bool, raiz: Path | None) -> int:
    from .formulario import debidos

    if carpeta.exists() and not carpeta.is_dir():
        raise ErrorDeEscritura(f"{carpeta} no es una carpeta; --salida con --todas es la carpeta de los formularios")
    plan = cargar_plan_o_fallar(raiz_del_espacio(raiz))
    sem = semestre_del_plan(plan, periodo)
    claves = [c for c in sorted(plan.instituciones) if debidos(plan, c, sem)]
    if not claves:
        sys.stderr.write(f"Ninguna institución debe informes en {sem}: no se escribió ningún formulario\n")
        return 0
    rutas = {c: carpeta / f"{c}-{sem}.{formato}" for c in claves}
    existentes = [r for r in rutas.values() if r.exists()]
    if existentes and not forzar:
        raise ErrorDeEscritura(f"ya existe{'n' if len(existentes) > 1 else ''} {len(existentes)} de los "
                               f"{len(rutas)} formularios en {carpeta} ({', '.join(r.name for r in existentes[:5])}"
                               f"{'…' if len(existentes) > 5 else ''}); no se sobrescriben sin --forzar; no se "
                               "escribió ninguno")
    carpeta.mkdir(parents=True, exist_ok=True)
    for clave, ruta in rutas.items():
        contenido = _contenido(plan, clave, sem, formato)
        escribir_atomico(ruta, contenido.encode("utf-8") if isinstance(contenido, str) else contenido, forzar)
    n = len(claves)
    sys.stderr.write(f"{n} formulario{'s' if n != 1 else ''} de {sem} escrito{'s' if n != 1 else ''} en {carpeta}, "
                     f"uno por institución que debe informar: {', '.join(r.name for r in rutas.values())}\n")
    return 0
