"""Output formats of `pni validar`, chosen from a registry (as check-jsonschema and yamllint do)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..problems import TIPOS, Problema, Severidad
from ..validacion import Resultado

_COLOR = {Severidad.ERROR: "\033[31m", Severidad.AVISO: "\033[33m"}


def _lugar(p: Problema) -> str:
    return f"{p.archivo}:{p.linea}:{p.columna}" if p.linea else p.archivo


def texto(res: Resultado, color: bool = False) -> str:
    lineas = []
    for p in res.problemas:
        sev = f"{_COLOR[p.severidad]}{p.severidad.value}\033[0m" if color else p.severidad.value
        lineas.append(f"{_lugar(p)}: {sev} {p.codigo} [{p.nombre}] {p.mensaje}")
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
    return json.dumps(datos, ensure_ascii=False, indent=2) + "\n"


def _escapar(texto: str, propiedad: bool = False) -> str:
    texto = texto.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if propiedad:
        texto = texto.replace(":", "%3A").replace(",", "%2C")
    return texto


def github(res: Resultado, color: bool = False) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lineas = []
    for p in res.problemas:
        nivel = "error" if p.severidad is Severidad.ERROR else "warning"
        props = [f"file={_escapar(p.archivo, True)}"]
        if p.linea:
            props += [f"line={p.linea}", f"col={p.columna}"]
        props.append(f"title={_escapar(f'{p.codigo} {p.nombre}', True)}")
        lineas.append(f"::{nivel} {','.join(props)}::{_escapar(p.mensaje)}")
    lineas.append(_resumen(res))
    return "\n".join(lineas) + "\n"


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
                           "message": {"text": p.mensaje}, "locations": [{"physicalLocation": ubicacion}]})
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "pni", "version": __version__, "rules": reglas}},
                     "results": resultados}]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


FORMATOS: dict[str, Callable[[Resultado, bool], str]] = {"texto": texto, "json": json_, "github": github,
                                                          "sarif": sarif}
