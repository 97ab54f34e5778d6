"""`pni reporte`: the status report for the meetings of the Mecanismo, in Markdown (to standard output or a file)
or Excel, built from the same situation as `pni estado`."""

from __future__ import annotations

from pathlib import Path

from .errores import ErrorDeUso
from .evaluacion import evaluar_espacio
from .informe_mecanismo import construir
from .opciones import corte_y_periodo, raiz_del_espacio
from .repositorio import version_del_plan
from .salida import comprobar_destino, entregar

FORMATOS = ("md", "xlsx")


def ejecutar(*, formato: str, salida: Path | None, corte: str | None, periodo: str | None, eje: str | None,
             forzar: bool, raiz: Path | None, por_objetivo: bool = False) -> int:
    if formato not in FORMATOS:
        raise ErrorDeUso(f"--formato «{formato}» no existe; use md o xlsx")
    if formato == "xlsx" and salida is None:
        raise ErrorDeUso("el informe en Excel necesita --salida ARCHIVO.xlsx")
    corte_y_periodo(corte, periodo)
    if salida is not None:
        comprobar_destino(salida, forzar)
    carpeta = raiz_del_espacio(raiz)
    if por_objetivo:
        from . import por_objetivo as comando

        return comando.reporte(carpeta, formato=formato, salida=salida, corte=corte, periodo=periodo, eje=eje,
                               forzar=forzar)
    ev = evaluar_espacio(carpeta, corte=corte, periodo=periodo, eje=eje, institucion=None)
    informe = construir(ev.situacion, ev.plan, version_del_plan(carpeta), ev.situacion.filtro_eje)
    if formato == "md":
        from .render.informe_md import renderizar

        entregar(renderizar(informe, carpeta), salida, forzar, "Informe escrito en")
    else:
        from .render.informe_xlsx import libro

        entregar(libro(informe), salida, forzar, "Informe escrito en")
    return 0
