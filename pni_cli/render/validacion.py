"""The outputs of `pni validar` (texto, json, github, sarif), chosen from a registry as check-jsonschema and yamllint
do; each returns the whole output as text. Every text from the data goes through pni_cli/texto_seguro.py."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from .. import __version__, texto_seguro
from ..lenguaje import contar, segun
from ..problemas import TIPOS, Problema, Resultado, Severidad

_COLOR = {Severidad.ERROR: "\033[31m", Severidad.AVISO: "\033[33m"}


def _lugar(p: Problema) -> str:
    archivo = texto_seguro.una_linea(p.archivo)  # a file name may hold a line break: one problem, one line
    return f"{archivo}:{p.linea}:{p.columna}" if p.linea else archivo


def _linea_texto(p: Problema, color: bool, ancho: int | None = None) -> str:
    sev = f"{_COLOR[p.severidad]}{p.severidad.value}\033[0m" if color else p.severidad.value
    linea = f"{_lugar(p)}: {p.severidad.value} {p.codigo} [{p.nombre}] {texto_seguro.una_linea(p.mensaje)}"
    linea = envolver(linea, ancho)
    return re.sub(re.escape(f": {p.severidad.value} {p.codigo}") + r"(?=\s)", lambda _: f": {sev} {p.codigo}",
                  linea, count=1)


def envolver(linea: str, ancho: int | None) -> str:
    """A line as it is (one problem, one line: what editors, grep and CI read), or, for a terminal `ancho`
    columns wide, wrapped at word boundaries with the next lines indented."""
    if ancho is None or len(linea) <= ancho:
        return linea
    return "\n".join(textwrap.wrap(linea, width=max(ancho, 20), subsequent_indent="    ", break_long_words=False,
                                   break_on_hyphens=False))


def texto(res: Resultado, color: bool = False, ancho: int | None = None) -> str:
    lineas = [_linea_texto(p, color, ancho) for p in res.problemas]
    lineas.append(envolver(_resumen(res), ancho))
    return "\n".join(lineas) + "\n"


def revisados(res: Resultado) -> str:
    """What was checked, in words: «1 archivo revisado, y el plan», «46 archivos revisados, y el plan», «el plan»
    (the files of plan/ are the plan, not so many files)."""
    del_plan = [a for a in res.archivos if a.startswith("plan/")]
    otros = len(res.archivos) - len(del_plan)
    if not del_plan:
        return f"{contar(otros, 'archivo')} {segun(otros, 'revisado')}"
    if not otros:
        return "el plan revisado (ningún archivo de avance)"
    return f"{contar(otros, 'archivo')} {segun(otros, 'revisado')}, y el plan"


def _resumen(res: Resultado) -> str:
    resumen = f"{revisados(res)}: {contar(res.errores, 'error')}, {contar(res.avisos, 'aviso')}"
    return resumen if res.problemas else f"Todo en orden: {resumen}."


def como_dict(p: Problema) -> dict[str, Any]:
    return {"codigo": p.codigo, "nombre": p.nombre, "severidad": p.severidad.value, "archivo": p.archivo,
            "linea": p.linea, "columna": p.columna, "mensaje": p.mensaje}


def json_(res: Resultado, color: bool = False) -> str:
    datos = {"version": 1, "archivos": len(res.archivos), "errores": res.errores, "avisos": res.avisos,
             "problemas": [como_dict(p) for p in res.problemas]}
    return texto_seguro.json(datos) + "\n"


def github(res: Resultado, color: bool = False) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lineas = [_linea_github(p) for p in res.problemas]
    lineas.append(_resumen(res))
    return "\n".join(lineas) + "\n"


def _linea_github(p: Problema, color: bool = False) -> str:
    nivel = "error" if p.severidad is Severidad.ERROR else "warning"
    props = [f"file={texto_seguro.propiedad_github(p.archivo)}"]
    if p.linea:
        props += [f"line={p.linea}", f"col={p.columna}"]
    props.append(f"title={texto_seguro.propiedad_github(f'{p.codigo} {p.nombre}')}")
    return f"::{nivel} {','.join(props)}::{texto_seguro.mensaje_github(p.mensaje)}"


def sarif(res: Resultado, color: bool = False) -> str:
    """SARIF 2.1.0, for code-scanning tools."""
    usados = sorted({p.codigo for p in res.problemas})
    reglas = [{"id": c, "name": TIPOS[c].nombre, "shortDescription": {"text": TIPOS[c].descripcion},
               "defaultConfiguration": {"level": "error" if TIPOS[c].severidad is Severidad.ERROR else "warning"}}
              for c in usados]
    indice = {c: i for i, c in enumerate(usados)}
    resultados = []
    for p in res.problemas:
        ubicacion: dict[str, Any] = {"artifactLocation": {"uri": quote(p.archivo)}}  # a URI: «MTPS copia» → %20
        if p.linea:
            ubicacion["region"] = {"startLine": p.linea, "startColumn": max(p.columna, 1)}
        resultados.append({"ruleId": p.codigo, "ruleIndex": indice[p.codigo],
                           "level": "error" if p.severidad is Severidad.ERROR else "warning",
                           "message": {"text": texto_seguro.sarif(p.mensaje)},
                           "locations": [{"physicalLocation": ubicacion}]})
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "pni", "version": __version__, "rules": reglas}},
                     "results": resultados}]}
    return texto_seguro.json(doc) + "\n"


FORMATOS: dict[str, Callable[[Resultado, bool], str]] = {"texto": texto, "json": json_, "github": github,
                                                          "sarif": sarif}


def _por_archivo(res: Resultado, ancho: int | None) -> list[str]:
    lineas = []
    for archivo in res.archivos:
        propios = [p for p in res.problemas if p.archivo == archivo]
        e = sum(p.severidad is Severidad.ERROR for p in propios)
        a = len(propios) - e
        cuenta = f"{contar(e, 'error')}, {contar(a, 'aviso')}" if propios else "sin problemas"
        lineas.append(envolver(f"revisado {texto_seguro.una_linea(archivo)}: {cuenta}", ancho))
    return lineas


def presentar(res: Resultado, formato: str, color: bool, *, silencioso: bool = False, detallado: bool = False,
              estricto: bool = False, ancho: int | None = None) -> str:
    """The output of `pni validar`. --silencioso (texto, github): only what makes the run fail (errors, and
    warnings with --estricto), no summary: nothing at all when everything is in order. --detallado (texto): also
    each file checked with its counts. json and sarif are data and never change. `ancho`: the text is for a
    terminal that wide, its lines wrapped at word boundaries (never for a pipe or a file: one problem, one
    line)."""
    if silencioso and formato == "texto":
        que = [p for p in res.problemas if p.severidad is Severidad.ERROR or estricto]
        return "".join(_linea_texto(p, color, ancho) + "\n" for p in que)
    if silencioso and formato == "github":
        que = [p for p in res.problemas if p.severidad is Severidad.ERROR or estricto]
        return "".join(_linea_github(p) + "\n" for p in que)
    if formato == "texto":
        lineas = [_linea_texto(p, color, ancho) for p in res.problemas]
        if detallado:
            lineas += _por_archivo(res, ancho)
        return "\n".join([*lineas, envolver(_resumen(res), ancho)]) + "\n"
    return FORMATOS[formato](res, color)
