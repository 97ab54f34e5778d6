"""YAML scalars → Python values under YAML 1.2's core schema, refusing the traps (impossible dates, infinities,
NaN, lone surrogates, tags). Shared by the reference path and the fast path, so both read a value the same way."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ..problemas import Problema, problema
from .archivos import CODIFICACION
from .documento import Documento, Ruta

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
MERGE = "tag:yaml.org,2002:merge"
ESCALARES = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP}

# The problem codes this module owns
ETIQUETA = "PNI004"
VALOR_ENGANOSO = "PNI011"
CODIGOS = frozenset({ETIQUETA, VALOR_ENGANOSO})


class Rechazo(Exception):
    """Stops the conversion of one file at the first structural trap (alias, tag, depth)."""

    def __init__(self, p: Problema) -> None:
        super().__init__(p.mensaje)
        self.problema = p


def posicion(nodo: Any) -> tuple[int, int]:
    return nodo.start_mark.line + 1, nodo.start_mark.column + 1


def rechazar(doc: Documento, nodo: Any, codigo: str, mensaje: str) -> Rechazo:
    linea, col = posicion(nodo)
    return Rechazo(problema(codigo, doc.archivo, linea, col, mensaje))


def nombre_tag(tag: str) -> str:
    return {INT: "número entero", FLOAT: "número decimal", BOOL: "verdadero/falso", NULL: "vacío",
            TIMESTAMP: "fecha", STR: "texto"}.get(tag, tag)


_RE_FECHA = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_RE_SUSTITUTO = re.compile("[\ud800-\udfff]")


def sin_sustitutos(doc: Documento, nodo: Any) -> None:
    """«"\\ud800"» is valid YAML but not a character: it could not be printed nor saved as UTF-8."""
    if _RE_SUSTITUTO.search(nodo.value):
        raise rechazar(doc, nodo, CODIFICACION, "el texto contiene una secuencia «\\u» que no es un carácter "
                                           "(medio par sustituto UTF-16); escriba el carácter tal cual")


def escalar(nodo: Any, ruta: Ruta, doc: Documento) -> Any:
    tag, valor = nodo.tag, nodo.value
    if tag not in ESCALARES:
        raise rechazar(doc, nodo, ETIQUETA, f"etiqueta «{tag}» no permitida: quítela (los archivos no admiten "
                                            "etiquetas, y nunca se ejecutan)")
    if tag != STR:
        doc.textos[ruta] = valor
    sin_sustitutos(doc, nodo)
    if tag == STR:
        return valor
    if tag == NULL:
        return None
    if tag == BOOL:
        return {"true": True, "false": False}.get(valor.lower(), valor)
    if tag == INT:
        v = valor.replace("_", "")
        if not v.isascii():
            return valor  # «!!int ٣»: Python's int() reads any script's digits; the schema explains the text
        if len(v) > 100:
            raise rechazar(doc, nodo, VALOR_ENGANOSO,
                           f"«{valor[:20]}…» es un número de {len(v)} cifras, demasiado grande")
        try:
            if v.startswith(("0x", "0X")):
                return int(v, 16)
            if v.startswith(("0o", "0O")):
                return int(v[2:], 8)
            return int(v)
        except ValueError:
            return valor
    if tag == FLOAT:
        v = valor.replace("_", "").lower()
        if not v.isascii():
            return valor  # as for int: only ASCII digits are a number
        if v in (".nan", "+.nan", "-.nan") or v.endswith(".inf"):
            raise rechazar(doc, nodo, VALOR_ENGANOSO, f"«{valor}» no es un número utilizable (infinito o NaN)")
        try:
            f = float(v)
        except ValueError:
            return valor  # «!!float abc»: kept as text, the schema explains
        if math.isinf(f):
            raise rechazar(doc, nodo, VALOR_ENGANOSO,
                           f"«{valor}» es un número demasiado grande (se leería como infinito)")
        return f
    # timestamp
    m = _RE_FECHA.match(valor.strip())
    if not m:
        return valor  # date-time forms: kept as text, the schema decides
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise rechazar(doc, nodo, VALOR_ENGANOSO, f"«{valor}» no es una fecha que exista; escriba AAAA-MM-DD, "
                                            "p. ej. 2025-07-14") from None


def pista_cifras(texto: str) -> str:
    """«２０２５-S1» or «٢٠٢٥-S1»: digits of full width or of another script (typed with an Asian input method,
    pasted from a PDF) are not digits to pni, which reads ASCII digits only; say what to write."""
    if texto.isascii():
        return ""
    import unicodedata

    t = unicodedata.normalize("NFKC", texto)
    t = "".join(str(unicodedata.digit(c)) if not c.isascii() and unicodedata.digit(c, None) is not None else c
                for c in t)
    if t == texto or not t.isascii():
        return ""
    return (f"; tiene cifras que no son 0-9 (de ancho completo o de otro alfabeto, como al pegar de un PDF): "
            f"escriba «{t}»")
