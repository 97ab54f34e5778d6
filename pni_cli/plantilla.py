"""`pni plantilla`: the progress form of one institution for one semester, listing exactly the indicators it owes,
as commented YAML or as an Excel workbook."""

from __future__ import annotations

from pathlib import Path

from .errores import ErrorDeUso
from .lectura.espacio import cargar_plan_o_fallar
from .opciones import formato_elegido, institucion_del_plan, raiz_del_espacio, semestre_del_plan
from .salida import comprobar_destino, entregar

FORMATOS = ("yaml", "xlsx")


def ejecutar(*, institucion: str, periodo: str, formato: str, salida: Path | None, forzar: bool,
             raiz: Path | None) -> int:
    if formato_elegido(formato, FORMATOS) == "xlsx" and salida is None:
        raise ErrorDeUso("la plantilla en Excel necesita --salida ARCHIVO.xlsx")
    if salida is not None:
        comprobar_destino(salida, forzar)
    plan = cargar_plan_o_fallar(raiz_del_espacio(raiz))
    clave = institucion_del_plan(plan, institucion)
    sem = semestre_del_plan(plan, periodo)
    if formato == "yaml":
        from .render.plantilla_yaml import yaml_plantilla

        contenido: str | bytes = yaml_plantilla(plan, clave, sem)
    else:
        from .render.plantilla_xlsx import xlsx_plantilla

        contenido = xlsx_plantilla(plan, clave, sem)
    entregar(contenido, salida, forzar, "Plantilla escrita en")
    return 0
