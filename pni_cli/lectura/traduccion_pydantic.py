"""A loaded document → its pydantic model (the file contract), with pydantic's errors turned into Spanish
problems at file:line:column (or sheet and cell, for the Excel form)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..modelos import ID_ACTIVIDAD, ID_EJE, ID_INDICADOR, ID_INTERVENCION, PERIODO
from ..problemas import Problema, en_una_linea
from .documento import Documento, Ruta
from .escalares import pista_cifras

M = TypeVar("M", bound=BaseModel)

# The problem codes this module owns (the Excel form uses them through these names)
CAMPO_DESCONOCIDO = "PNI101"
CAMPO_FALTANTE = "PNI102"
TIPO_INCORRECTO = "PNI103"
VALOR_INVALIDO = "PNI104"
ID_NO_TEXTO = "PNI105"
CODIGOS = frozenset({CAMPO_DESCONOCIDO, CAMPO_FALTANTE, TIPO_INCORRECTO, VALOR_INVALIDO, ID_NO_TEXTO})

_TIPOS_ESPERADOS = {
    "string_type": "un texto",
    "int_type": "un número entero",
    "float_type": "un número",
    "bool_type": "true o false",
    "list_type": "una lista (elementos con «- »)",
    "dict_type": "un mapeo (pares «clave: valor»)",
    "model_type": "un mapeo (pares «clave: valor»)",
    "model_attributes_type": "un mapeo (pares «clave: valor»)",
    "date_type": "una fecha AAAA-MM-DD",
    "date_from_datetime_parsing": "una fecha AAAA-MM-DD",
}

_FORMATOS = {
    "periodo": "un semestre AAAA-S1 o AAAA-S2, p. ej. 2025-S1",
    "primer_periodo": "un semestre AAAA-S1 o AAAA-S2, p. ej. 2024-S2",
    "ultimo_periodo": "un semestre AAAA-S1 o AAAA-S2, p. ej. 2028-S2",
    "indicador": "un id de indicador, p. ej. 3.2.1.a",
    "institucion": "la clave de una institución de plan/instituciones.yaml, p. ej. MTPS",
    "clave": "letras, cifras y guiones, p. ej. MTPS",
    "definida_en": "un id de actividad, p. ej. 0.2.1",
}
_PATRONES_ID = {"indicador": (ID_INDICADOR,), "definida_en": (ID_ACTIVIDAD,), "actividades": (ID_ACTIVIDAD,),
                "periodo": (PERIODO,), "primer_periodo": (PERIODO,), "ultimo_periodo": (PERIODO,)}
_CAMPOS_ID = {"id", "indicador", "definida_en", "periodo", "primer_periodo", "ultimo_periodo", "actividades"}
_RAMAS_UNION = {"float", "int", "str", "bool", "none", "list", "dict", "date"}


def _describir(valor: Any) -> str:
    if valor is None:
        return "vacío"
    if isinstance(valor, bool):
        return "verdadero/falso"
    if isinstance(valor, dt.date):
        return "una fecha"
    if isinstance(valor, int | float):
        return "un número"
    if isinstance(valor, list):
        return "una lista"
    if isinstance(valor, dict):
        return "un mapeo"
    return "un texto"


def _limpiar_loc(loc: tuple[Any, ...]) -> Ruta:
    """Drop pydantic's union-branch and constraint labels from an error location."""
    out: list[str | int] = []
    for parte in loc:
        if isinstance(parte, str) and (parte in _RAMAS_UNION or parte == "[key]"
                                       or parte.startswith(("constrained-", "function-", "literal["))):
            continue
        out.append(parte)
    return tuple(out)


def _campo(ruta: Ruta) -> str:
    for parte in reversed(ruta):
        if isinstance(parte, str):
            return parte
    return ""


def _ruta_legible(ruta: Ruta) -> str:
    texto = ""
    for parte in ruta:
        texto += f"[{parte + 1}]" if isinstance(parte, int) else (f".{parte}" if texto else parte)
    return texto or "raíz"


def a_modelo(doc: Documento, modelo: type[M]) -> tuple[M | None, list[Problema]]:
    """Validate `doc.datos` against `modelo`; never raises."""
    if doc.datos is None:
        return None, []
    try:
        return modelo.model_validate(doc.datos), []
    except ValidationError as e:
        return None, traducir(doc, modelo, e)


def traducir(doc: Documento, modelo: type[BaseModel], error: ValidationError) -> list[Problema]:
    problemas: list[Problema] = []
    vistos: set[tuple[Ruta, str]] = set()
    for err in error.errors():
        ruta = _limpiar_loc(tuple(err["loc"]))
        tipo = err["type"]
        clave = (ruta, "tipo" if tipo.endswith("_type") else tipo)
        if clave in vistos:
            continue
        vistos.add(clave)
        problemas.append(en_una_linea(_un_error(doc, modelo, ruta, tipo, err)))
    return problemas


def _campos_del_modelo(modelo: type[BaseModel], ruta: Ruta) -> list[str]:
    """The field names allowed at `ruta` (for «¿quiso decir…?»)."""
    actual: Any = modelo
    for parte in ruta:
        if isinstance(parte, int):
            continue
        campo = getattr(actual, "model_fields", {}).get(parte)
        if campo is None:
            return []
        anot = campo.annotation
        actual = _modelo_en(anot)
        if actual is None:
            return []
    return list(getattr(actual, "model_fields", {}).keys())


def _modelo_en(anot: Any) -> Any:
    if isinstance(anot, type) and issubclass(anot, BaseModel):
        return anot
    for arg in getattr(anot, "__args__", ()) or ():
        m = _modelo_en(arg)
        if m is not None:
            return m
    return None


def _un_error(doc: Documento, modelo: type[BaseModel], ruta: Ruta, tipo: str, err: Any) -> Problema:
    campo = _campo(ruta)
    donde = _ruta_legible(ruta)
    entrada = err.get("input")
    if tipo == "extra_forbidden":
        posibles = _campos_del_modelo(modelo, ruta[:-1])
        parecido = difflib.get_close_matches(str(campo), posibles, n=1, cutoff=0.6)
        pista = f"; ¿quiso decir «{parecido[0]}»?" if parecido else (
            f"; los campos admitidos son: {', '.join(posibles)}" if posibles else "")
        return doc.problema(CAMPO_DESCONOCIDO, ruta,
                            f"campo «{campo}» desconocido en {_ruta_legible(ruta[:-1])}{pista}", clave=True)
    if tipo == "missing":
        pista = ("; si no hay nada que reportar este semestre, escriba «reportes: []»"
                 if ruta == ("reportes",) and modelo.__name__ == "Avance" else "")
        return doc.problema(CAMPO_FALTANTE, ruta[:-1],
                            f"falta el campo obligatorio «{campo}» en {_ruta_legible(ruta[:-1])}{pista}")
    if tipo in _TIPOS_ESPERADOS:
        texto = doc.textos.get(ruta)
        if campo in _CAMPOS_ID and texto is not None and tipo == "string_type":
            ademas = ""
            if not _tiene_formato(campo, texto):
                # quoting alone will not do (periodo: 2025, periodo: 2025-01-01, indicador: 1.4): say so now
                ademas = (f"; además, «{texto}» no tiene el formato esperado: "
                          f"{_FORMATOS.get(campo, 'el formato de los ids del plan')}"
                          f"{_pista_periodo(texto) if 'periodo' in campo else ''}")
            return doc.problema(ID_NO_TEXTO, ruta, f"{donde}: YAML leyó «{texto}» como {_describir(entrada)}; "
                                                f"escríbalo entre comillas: \"{texto}\"{ademas}")
        if tipo == "string_type" and isinstance(entrada, int | float) and texto is not None:
            return doc.problema(TIPO_INCORRECTO, ruta, f"{donde}: se esperaba {_TIPOS_ESPERADOS[tipo]} y YAML leyó "
                                                f"«{texto}» como {_describir(entrada)}; escríbalo entre comillas")
        if tipo in ("float_type", "int_type") and isinstance(entrada, str):
            pista = _pista_numero(entrada) or pista_cifras(entrada)
            return doc.problema(TIPO_INCORRECTO, ruta, f"{donde}: se esperaba un número y se encontró el texto "
                                                f"«{entrada}»{pista}")
        if tipo in ("float_type", "int_type") and isinstance(entrada, bool):
            texto = texto or str(entrada).lower()
            return doc.problema(TIPO_INCORRECTO, ruta, f"{donde}: se esperaba un número y se encontró «{texto}» "
                                                "(verdadero/falso)")
        if tipo == "bool_type" and isinstance(entrada, str):
            # YAML 1.1 read yes/no/on/off as booleans; YAML 1.2, as these files are read, keeps them as text
            return doc.problema(TIPO_INCORRECTO, ruta, f"{donde}: se esperaba true o false y se encontró el texto "
                                                f"«{entrada}»; escriba true o false, sin comillas")
        if tipo == "date_type" and isinstance(entrada, str):
            return doc.problema(TIPO_INCORRECTO, ruta,
                                f"{donde}: «{entrada}» no es una fecha AAAA-MM-DD (p. ej. 2025-07-14)"
                                f"{pista_cifras(entrada)}")
        return doc.problema(TIPO_INCORRECTO, ruta, f"{donde}: se esperaba {_TIPOS_ESPERADOS[tipo]} y se encontró "
                                            f"{_describir(entrada)}")
    if tipo == "literal_error":
        esperado = err.get("ctx", {}).get("expected", "")
        opciones = re.findall(r"'([^']*)'", str(esperado))
        parecido = difflib.get_close_matches(str(entrada).lower().replace(" ", "_"), opciones, n=1, cutoff=0.5)
        if err["loc"][-1] == "[key]":
            # an unknown key of a mapping with fixed keys (the desglose dimensions)
            return doc.problema(VALOR_INVALIDO, ruta,
                                f"«{entrada}» no es un desglose admitido; use: {', '.join(opciones)}"
                                + (f" (¿quiso decir «{parecido[0]}»?)" if parecido else ""), clave=True)
        pista = f" ¿Quiso decir «{parecido[0]}»?" if parecido else ""
        return doc.problema(VALOR_INVALIDO, ruta, f"{donde}: «{entrada}» no es un valor admitido; use uno de: "
                                            f"{', '.join(opciones)}.{pista}")
    if tipo == "string_pattern_mismatch":
        formato = _FORMATOS.get(campo, "el formato de los ids del plan")
        if campo == "id":
            formato = {"1": "un id de eje, p. ej. \"3\"", "2": "un id de intervención, p. ej. \"3.2\"",
                       "3": "un id de actividad, p. ej. \"3.2.1\"", "4": "un id de indicador, p. ej. \"3.2.1.a\""
                       }.get(str(str(entrada).count(".") + 1), formato)
        pista = (_pista_periodo(str(entrada)) if "periodo" in campo else "") or pista_cifras(str(entrada))
        return doc.problema(VALOR_INVALIDO, ruta,
                            f"{donde}: «{entrada}» no tiene el formato esperado: {formato}{pista}")
    if tipo in ("string_too_short", "too_short"):
        return doc.problema(VALOR_INVALIDO, ruta, f"{donde}: no puede estar vacío")
    if tipo == "value_error":
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        return doc.problema(VALOR_INVALIDO, ruta, f"{donde}: {msg}")
    if tipo in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        ctx = err.get("ctx") or {}
        cota = next((f"{palabra} {ctx[k]}" for k, palabra in (("ge", "al menos"), ("gt", "mayor que"),
                                                               ("le", "como máximo"), ("lt", "menor que"))
                     if k in ctx), "")
        return doc.problema(VALOR_INVALIDO, ruta, f"{donde}: el valor {entrada} está fuera del rango admitido"
                                                  + (f" (debe ser {cota})" if cota else ""))
    return doc.problema(VALOR_INVALIDO, ruta, f"{donde}: valor no válido ({tipo})")


def _tiene_formato(campo: str, texto: str) -> bool:
    """Would `texto`, written between quotes, be a valid value for the id field `campo`?"""
    patrones = _PATRONES_ID.get(campo, (ID_EJE, ID_INTERVENCION, ID_ACTIVIDAD, ID_INDICADOR))
    return any(re.fullmatch(p.strip("^$"), texto) for p in patrones)


def _pista_numero(texto: str) -> str:
    t = texto.strip()
    if re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", t):
        return f"; escriba el número sin separador de miles: {t.replace(',', '')}"
    if re.fullmatch(r"[0-9]+(\.[0-9]{3})+", t):
        return f"; escriba el número sin separador de miles: {t.replace('.', '')}"
    if re.fullmatch(r"[0-9]+,[0-9]+", t):
        return f"; use punto decimal: {t.replace(',', '.')}"
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?\s*%", t):
        return f"; escriba solo el número, sin «%»: {t.rstrip('% ').strip()}"
    return ""


def _pista_periodo(texto: str) -> str:
    t = texto.strip()
    m = re.fullmatch(r"([0-9]{4})[-_ ]?[sS]?([12])", t)
    if m:
        return f"; ¿quiso decir {m.group(1)}-S{m.group(2)}?"
    if re.fullmatch(r"[0-9]{4}-[sS][3-9]", t):
        return "; un año solo tiene dos semestres: S1 (enero-junio) y S2 (julio-diciembre)"
    return ""
