"""`pni validar`: check the plan and the progress files, gather every problem, print them in the chosen format.

The plan is always checked. Progress files are checked one at a time, so that memory does not grow with the files
already checked; only what the duplicate check needs is carried from file to file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import replace
from pathlib import Path

from .avance import ArchivoAvance
from .checks import Contexto, duplicados_pendientes, revisar_avance, revisar_plan
from .checks.avance_reportes import sugerir_indicador
from .errores import ErrorDeUso
from .lectura.espacio import cargar_avance, cargar_plan
from .lectura.rutas import rutas_avances
from .lectura.traduccion_pydantic import VALOR_INVALIDO
from .plan import Plan
from .problemas import Problema, Resultado, ordenar


def _precisar_indicadores(plan: Plan, archivo: ArchivoAvance, problemas: list[Problema]) -> list[Problema]:
    """An indicador that fails the schema's format (an activity id «1.4.2», «1.4.2.A») gets the plan's hint."""
    if archivo.avance is not None or archivo.documento is None:
        return problemas  # a valid file's document no longer keeps its data (lectura.espacio.cargar_avance)
    doc = archivo.documento
    datos = doc.datos
    if not isinstance(datos, dict) or not isinstance(datos.get("reportes"), list):
        return problemas
    pistas: dict[tuple[str, int, int], str] = {}
    for i, rep in enumerate(datos["reportes"]):
        if isinstance(rep, dict) and isinstance(rep.get("indicador"), str):
            pista = sugerir_indicador(plan, rep["indicador"].strip())
            if pista:
                pistas[(doc.archivo, *doc.donde(("reportes", i, "indicador")))] = pista
    return [replace(p, mensaje=p.mensaje + pistas[(p.archivo, p.linea, p.columna)])
            if p.codigo == VALOR_INVALIDO and (p.archivo, p.linea, p.columna) in pistas else p for p in problemas]


def expandir(rutas: list[Path]) -> list[Path]:
    """Files named on the command line; folders are searched for *.yaml / *.yml."""
    out: list[Path] = []
    for r in rutas:
        if r.is_dir():
            out.extend(sorted(p for p in r.rglob("*") if p.is_file() and p.suffix.lower() in (".yaml", ".yml")))
        else:
            out.append(r)
    return out


def _elegidas(raiz: Path, rutas: list[Path] | None) -> list[Path]:
    """The progress files to check: all of avances/, or those named (and all of them when a plan file is named:
    a commit that changes the plan, in the pre-commit hook, must see every progress file read against it)."""
    if not rutas:
        return rutas_avances(raiz)
    carpeta_plan = (raiz / "plan").resolve()
    expandidas = expandir(rutas)
    elegidas = [r for r in expandidas if r.resolve().parent != carpeta_plan]
    if len(elegidas) < len(expandidas) or any(r.resolve() == carpeta_plan for r in rutas):
        vistas = {r.resolve() for r in elegidas}
        elegidas += [r for r in rutas_avances(raiz) if r.resolve() not in vistas]
    return elegidas


def validar_espacio(raiz: Path, rutas: list[Path] | None, corte: dt.date) -> Resultado:
    """Check the plan and the progress files (all of them, or only `rutas` that are not plan files)."""
    plan, problemas = cargar_plan(raiz)
    res = Resultado()
    res.archivos.extend(sorted({p.archivo for p in problemas}
                               | {f"plan/{n}" for n in (plan.documentos if plan else {})}))
    if plan is not None:
        problemas.extend(revisar_plan(plan))
    ctx = Contexto(plan, corte)
    for ruta in _elegidas(raiz, rutas):
        archivo = cargar_avance(ruta, raiz, conservar=False)  # checked, then dropped
        problemas.extend(_precisar_indicadores(plan, archivo, archivo.problemas) if plan is not None
                         else archivo.problemas)
        problemas.extend(revisar_avance(archivo, ctx))
        res.archivos.append(archivo.ruta)
    problemas.extend(duplicados_pendientes(ctx))
    res.problemas = ordenar(problemas)
    return res


def ejecutar(rutas: list[Path] | None, formato: str | None, corte: str | None, raiz: Path | None, *,
             estricto: bool, silencioso: bool, detallado: bool) -> int:
    """The command: check, print, and the exit code (1 when something makes the run fail)."""
    from .opciones import fecha_de_corte, formato_elegido, raiz_del_espacio
    from .render.validacion import FORMATOS, presentar
    from .terminal import ancho, color_en

    if formato is None:
        formato = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "texto"
    formato_elegido(formato, list(FORMATOS))
    if silencioso and detallado:
        raise ErrorDeUso("use --silencioso (-q) o --detallado (-v), no los dos")
    res = validar_espacio(raiz_del_espacio(raiz), rutas, fecha_de_corte(corte))
    color = formato == "texto" and color_en(sys.stdout)
    en_terminal = formato == "texto" and bool(getattr(sys.stdout, "isatty", lambda: False)())
    sys.stdout.write(presentar(res, formato, color, silencioso=silencioso, detallado=detallado, estricto=estricto,
                               ancho=ancho() if en_terminal else None))
    return 1 if res.falla(estricto) else 0
