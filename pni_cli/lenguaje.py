"""Words for people: real Spanish plurals («1 informe», «2 informes», «3 instituciones»), and texts compared the way
a person searches them (without accents or case). Pure; shared by the terminal views."""

from __future__ import annotations

import unicodedata

_IRREGULARES = {"error": "errores", "indicador": "indicadores", "actividad": "actividades", "mes": "meses",
                "día": "días", "país": "países", "semestre": "semestres", "vez": "veces"}
_TILDES = str.maketrans("áéíóú", "aeiou")


def plural(palabra: str) -> str:
    """The plural of one Spanish word as pni uses it: institución → instituciones, informe → informes, error →
    errores, recibido → recibidos. Several words: only the first changes («informe tardío» is
    `contar(n, "informe", "informes tardíos")`)."""
    if palabra in _IRREGULARES:
        return _IRREGULARES[palabra]
    if palabra.endswith(("ión", "ón", "án", "én", "ín", "ún", "és")):
        return palabra[:-2] + palabra[-2:].translate(_TILDES) + "es"
    if palabra.endswith("z"):
        return palabra[:-1] + "ces"
    if palabra[-1:] in "aeiouáéó":
        return palabra + "s"
    if palabra[-1:] == "s":
        return palabra  # la crisis, las crisis
    return palabra + "es"


def segun(n: int, singular: str, plural_: str | None = None) -> str:
    """The word agreeing with `n` («informe» for 1, «informes» otherwise)."""
    return singular if n == 1 else (plural_ if plural_ is not None else plural(singular))


def contar(n: int, singular: str, plural_: str | None = None) -> str:
    """«1 informe», «0 informes», «1,234 instituciones»."""
    return f"{n:,} {segun(n, singular, plural_)}"


def verbo(n: int, singular: str, plural_: str) -> str:
    """The verb agreeing with its subject's number: verbo(2, "falta", "faltan") → «faltan»."""
    return singular if n == 1 else plural_


def lista(palabras: list[str], y: str = "y") -> str:
    """«a», «a y b», «a, b y c»."""
    if len(palabras) <= 1:
        return "".join(palabras)
    return f"{', '.join(palabras[:-1])} {y} {palabras[-1]}"


def normalizar(texto: str) -> str:
    """A text as a person searches it: no accents nor diaeresis nor tilde (ñ is n: a search typed without them still
    finds), no case, one space between words."""
    descompuesto = unicodedata.normalize("NFD", texto.casefold())
    return " ".join("".join(c for c in descompuesto if not unicodedata.combining(c)).split())


def contiene_palabras(texto: str, buscado: str) -> bool:
    """Whether every word of `buscado` is in `texto` (accents and case aside): «migracion LABORAL» finds
    «Movilidad laboral … la migración»."""
    donde = normalizar(texto)
    return all(p in donde for p in normalizar(buscado).split())
