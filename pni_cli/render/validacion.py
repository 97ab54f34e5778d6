"""The outputs of `pni validar` (texto, json, github, sarif), chosen from a registry as check-jsonschema and yamllint
do; each returns the whole output as text. Every text from the data goes through pni_cli/texto_seguro.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from .. import __version__, texto_seguro
from ..problemas import TIPOS, Problema, Resultado, Severidad

_COLOR = {Severidad.ERROR: "\033[31m", Severidad.AVISO: "\033[33m"}


def _lugar(p: Problema) -> str:
    archivo = texto_seguro.una_linea(p.archivo)  # a file name may hold a line break: one problem, one line
    return f"{archivo}:{p.linea}:{p.columna}" if p.linea else archivo


def _linea_texto(p: Problema, color: bool) -> str:
    sev = f"{_COLOR[p.severidad]}{p.severidad.value}\033[0m" if color else p.severidad.value
    return f"{_lugar(p)}: {sev} {p.codigo} [{p.nombre}] {texto_seguro.una_linea(p.mensaje)}"


def texto(res: Resultado, color: bool = False) -> str:
    lineas = [_linea_texto(p, color) for p in res.problemas]
    lineas.append(_resumen(res))
    return "\n".join(lineas) + "\n"


def _resumen(res: Resultado) -> str:
    n = len(res.archivos)
    resumen = (f"{n} archivo{'s' if n != 1 else ''} revisado{'s' if n != 1 else ''}: "
               f"{res.errores} error{'es' if res.errores != 1 else ''}, "
               f"{res.avisos} aviso{'s' if res.avisos != 1 else ''}")
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


_LINEA: dict[str, Callable[[Problema, bool], str]] = {"texto": _linea_texto, "github": _linea_github}


def _por_archivo(res: Resultado) -> list[str]:
    lineas = []
    for archivo in res.archivos:
        propios = [p for p in res.problemas if p.archivo == archivo]
        e = sum(p.severidad is Severidad.ERROR for p in propios)
        a = len(propios) - e
        cuenta = (f"{e} error{'es' if e != 1 else ''}, {a} aviso{'s' if a != 1 else ''}" if propios
                  else "sin problemas")
        lineas.append(f"revisado {texto_seguro.una_linea(archivo)}: {cuenta}")
    return lineas


def presentar(res: Resultado, formato: str, color: bool, *, silencioso: bool = False, detallado: bool = False,
              estricto: bool = False) -> str:
    """The output of `pni validar`. --quiet (texto, github): only what makes the run fail (errors, and warnings
    with --estricto), no summary: nothing at all when everything is in order. --verbose (texto): also each file
    checked with its counts. json and sarif are data and never change."""
    if silencioso and formato in _LINEA:
        que = [p for p in res.problemas if p.severidad is Severidad.ERROR or estricto]
        return "".join(_LINEA[formato](p, color) + "\n" for p in que)
    if detallado and formato == "texto":
        lineas = [_linea_texto(p, color) for p in res.problemas]
        return "\n".join([*lineas, *_por_archivo(res), _resumen(res)]) + "\n"
    return FORMATOS[formato](res, color)
