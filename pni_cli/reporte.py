"""`pni reporte`: the status report for the meetings of the Mecanismo, in Markdown (to standard output or a file),
Excel or HTML, built from the same situation as `pni estado`; with --institucion CLAVE, the report for one
institution (what it owes, its own figures, its activities); with --instituciones --salida CARPETA, one report per
institution that owes or reported anything, each written atomically, none over an existing file without --forzar."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from .errores import ErrorDeEscritura, ErrorDeUso
from .evaluacion import Evaluacion, evaluar_espacio
from .informe_mecanismo import construir
from .opciones import corte_y_periodo, formato_elegido, raiz_del_espacio
from .progreso import Situacion
from .repositorio import version_del_plan
from .salida import comprobar_destino, entregar, escribir_atomico

FORMATOS = ("md", "xlsx", "html")
EXTENSIONES = {"md": ".md", "xlsx": ".xlsx", "html": ".html"}


def ejecutar(*, formato: str, salida: Path | None, corte: str | None, periodo: str | None, eje: str | None,
             forzar: bool, raiz: Path | None, institucion: str | None = None, instituciones: bool = False,
             por_objetivo: bool = False) -> int:
    formato_elegido(formato, FORMATOS)
    if institucion is not None and instituciones:
        raise ErrorDeUso("use --institucion CLAVE (una institución) o --instituciones (todas), no los dos")
    if por_objetivo and (institucion is not None or instituciones):
        raise ErrorDeUso("--por-objetivo es el informe de todo el plan por objetivo del PMM; no se combina con "
                         "--institucion ni --instituciones")
    if instituciones and salida is None:
        raise ErrorDeUso("--instituciones escribe un informe por institución: indique la carpeta con --salida CARPETA")
    if formato in ("xlsx", "html") and salida is None:
        nombre = "Excel" if formato == "xlsx" else "HTML"
        raise ErrorDeUso(f"el informe en {nombre} necesita --salida ARCHIVO{EXTENSIONES[formato]}")
    corte_y_periodo(corte, periodo)
    if salida is not None and not instituciones:
        comprobar_destino(salida, forzar)
    if instituciones and salida is not None and not salida.is_dir():
        raise ErrorDeEscritura(f"la carpeta {salida} no existe; créela o indique otra con --salida")
    carpeta = raiz_del_espacio(raiz)
    if por_objetivo:
        from . import por_objetivo as comando

        return comando.reporte(carpeta, formato=formato, salida=salida, corte=corte, periodo=periodo, eje=eje,
                               forzar=forzar)
    if instituciones:
        assert salida is not None
        return _todas(carpeta, formato, salida, corte, periodo, eje, forzar)
    if institucion is not None:
        ev = evaluar_espacio(carpeta, corte=corte, periodo=periodo, eje=eje, institucion=institucion)
        contenido = _de_institucion(carpeta, formato, ev)
        entregar(contenido, salida, forzar, f"Informe de {ev.situacion.filtro_institucion} escrito en")
        return 0
    ev = evaluar_espacio(carpeta, corte=corte, periodo=periodo, eje=eje, institucion=None)
    historial = _historial(carpeta, ev.plan, ev.situacion, eje) if formato == "html" else None
    informe = construir(ev.situacion, ev.plan, version_del_plan(carpeta), ev.situacion.filtro_eje, historial,
                        ev.avances_contados())
    entregar(_renderizar(formato, informe, carpeta, "reporte"), salida, forzar, "Informe escrito en")
    return 0


def _renderizar(formato: str, informe: Any, carpeta: Path, base: str) -> str | bytes:
    """`informe` in `formato`, through the template plantillas/<base>.<formato>.j2 (md, html) or the workbook."""
    if formato == "md":
        from .render.informe_md import renderizar

        return renderizar(informe, carpeta, f"{base}.md.j2")
    if formato == "html":
        from .render.informe_html import renderizar as html

        return html(informe, carpeta, f"{base}.html.j2")
    if base == "reporte":
        from .render.informe_xlsx import libro

        return libro(informe)
    from .render.informe_xlsx import libro_institucion

    return libro_institucion(informe)


def _historial(carpeta: Path, plan: Any, sit: Situacion, eje: str | None) -> list[tuple[str, dt.date, Situacion]]:
    """The situation the day after each evaluated semester's deadline (never after the cut-off date), counting only
    the files delivered by then: the trend of the HTML report."""
    from .entradas import entradas
    from .lectura.cache import cargar
    from .progreso import evaluar

    _, archivos = cargar(carpeta)
    out = []
    for s in sit.evaluados:
        dia = min(s.vencimiento(plan.general.plazo_dias) + dt.timedelta(days=1), sit.corte)
        if dia == sit.corte:
            out.append((str(s), dia, sit))
            continue
        e = entradas(plan, archivos, dia)
        out.append((str(s), dia, evaluar(plan, e.datos, e.entregas, dia, eje=eje, ilustrativo=e.ilustrativo,
                                         excluidos=e.excluidos, posteriores=e.posteriores)))
    return out


def _de_institucion(carpeta: Path, formato: str, ev: Evaluacion) -> str | bytes:
    from .informe_institucion import construir as de_institucion

    informe = de_institucion(ev.situacion, ev.plan, version_del_plan(carpeta), ev.avances_contados())
    return _renderizar(formato, informe, carpeta, "reporte_institucion")


def _todas(carpeta: Path, formato: str, destino: Path, corte: str | None, periodo: str | None, eje: str | None,
           forzar: bool) -> int:
    """One report per institution that owes or reported anything: every file checked before any is written, so
    that a refusal leaves the folder as it was."""
    from .informe_institucion import con_algo

    ev = evaluar_espacio(carpeta, corte=corte, periodo=periodo, eje=eje, institucion=None)
    claves = con_algo(ev.plan, ev.situacion)
    rutas = {c: destino / f"{c}{EXTENSIONES[formato]}" for c in claves}
    existentes = [str(r) for r in rutas.values() if r.exists()]
    if existentes and not forzar:
        n = len(existentes)
        raise ErrorDeEscritura(f"{'ya existe' if n == 1 else f'ya existen {n} archivos:'} {', '.join(existentes[:5])}"
                               f"{' …' if n > 5 else ''}; no se sobrescribe{'' if n == 1 else 'n'} sin --forzar")
    for clave, ruta in rutas.items():
        una = evaluar_espacio(carpeta, corte=corte, periodo=periodo, eje=eje, institucion=clave)
        contenido = _de_institucion(carpeta, formato, una)
        escribir_atomico(ruta, contenido.encode("utf-8") if isinstance(contenido, str) else contenido, forzar)
        sys.stderr.write(f"Informe de {clave} escrito en {ruta}\n")
    sys.stderr.write(f"{len(rutas)} informe{'' if len(rutas) == 1 else 's'} de institución escrito"
                     f"{'' if len(rutas) == 1 else 's'} en {destino}\n")
    return 0
