"""Bounds on what one YAML file may hold, checked before anything builds it: how many values in all, how many
elements in one list or mapping, how long one text. A progress file holds a few hundred values (one report per
indicator the institution owes, about ten values each), a plan file a few hundred more; without these bounds a
5 MB file of tiny reports (150,000 of them) took half a minute and 650 MB to check, two thirds of it in the
parser alone. With them, any file the loader accepts is checked in well under a second, and one that passes a bound
is refused at the place where it passes it, having read that far and no further.

How: an upper bound of the number of values is read off the text at C speed (every value starts after a line break,
«,», «[», «{», «:», «-» or «?», or at the start: twice their count, plus two, cannot be exceeded); a text whose bound
is within every limit needs nothing more. Any other text is walked event by event (libyaml's, at C speed; ruamel's
pure parser where libyaml stops before the end, so that what a parser accepts is always counted) until the end or
the first bound passed; events are counted, never kept.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterator
from typing import Any

from ..problemas import Problema, problema
from .archivos import LIMITE, limite

# The defaults; a workspace that legitimately needs more (a plan of a thousand institutions) raises them with the
# environment variables PNI_MAX_VALORES and PNI_MAX_ELEMENTOS (lectura/archivos.limite, read at each check).
MAX_VALORES = 20_000  # values (texts, numbers, lists, mappings…) in one file
MAX_ELEMENTOS = 1_000  # elements of one list, or keys of one mapping (reports in a progress file)
MAX_CARACTERES = 10_000  # characters of one text (an «observaciones», a key)
_SANGRIA = re.compile(r"^ *", re.MULTILINE)


def cota(texto: str) -> int:
    """An upper bound of the number of values (nodes) in `texto`."""
    marcas = sum(texto.count(c) for c in "\n,[{:-?")
    return 2 * (marcas + 1) + 2


def cota_elementos(texto: str) -> int:
    """An upper bound of the number of elements of any one list or mapping in `texto`: each element of a block
    collection but its first starts a line of its own at the collection's indentation, those of a flow collection
    ([ ], { }) are separated by «,»."""
    por_sangria = collections.Counter(map(len, _SANGRIA.findall(texto)))
    return max(por_sangria.values(), default=0) + texto.count(",") + 2


def mensaje_profundidad(maximo: int) -> str:
    return (f"más de {maximo} niveles de anidamiento; estos archivos no necesitan tantos (límite: variable "
            "PNI_MAX_PROFUNDIDAD)")


def revisar(texto: str, nombre: str, profundidad: int, textos: bool = True) -> Problema | None:
    """The first bound that `texto` passes (values, elements, characters, and `profundidad` levels of nesting), as
    a problem at its place (PNI010); None when it passes none. `textos=False` leaves out the length of each text
    when nothing else needs looking at (the fast path refuses a long text itself, and `revisar_textos` follows)."""
    # a text with fewer possible values than any bound has nothing to count (the converters bound the depth)
    if cota(texto) <= limite("PNI_MAX_VALORES") and cota_elementos(texto) <= limite("PNI_MAX_ELEMENTOS"):
        return revisar_textos(texto, nombre, profundidad) if textos else None
    completo, p = _con_libyaml(texto, nombre, profundidad)
    if completo:
        return p
    return _con_ruamel(texto, nombre, profundidad)[1]


class _Abierta:
    """A collection being read: a mapping or a list, how many nodes it holds so far, the key it sits under (for the
    message), and in a mapping the key whose value comes next."""

    __slots__ = ("clave", "es_mapeo", "nodos", "nombre")

    def __init__(self, es_mapeo: bool, nombre: str | None) -> None:
        self.es_mapeo = es_mapeo
        self.nombre = nombre
        self.nodos = 0
        self.clave: str | None = None


class _Contador:
    """Counts node events: the values of the file, the elements of each open collection, the length of each text."""

    def __init__(self, nombre: str, profundidad: int) -> None:
        self.nombre = nombre
        self.profundidad = profundidad
        self.valores = 0
        self.pila: list[_Abierta] = []
        self.max_valores = limite("PNI_MAX_VALORES")
        self.max_elementos = limite("PNI_MAX_ELEMENTOS")

    def nodo(self, linea: int, columna: int, texto: str | None = None, mapeo: bool | None = None) -> Problema | None:
        """A node starts at `linea`, `columna` (0-based): a scalar (`texto`), or a collection (`mapeo` True for a
        mapping, False for a list). Returns the problem of the first bound passed, if any."""
        self.valores += 1
        if len(self.pila) > self.profundidad:  # where the converter would say it (yaml_referencia._convertir)
            return self._problema(linea, columna, mensaje_profundidad(self.profundidad))
        if self.valores > self.max_valores:
            return self._problema(linea, columna, f"el archivo tiene más de {self.max_valores:,} valores; un archivo "
                                                  "de avance tiene unos cientos (un reporte por indicador): divídalo "
                                                  "o revise si algo se repitió (si es legítimo, suba el límite con "
                                                  "la variable de entorno PNI_MAX_VALORES)")
        nombre = None
        if self.pila:
            padre = self.pila[-1]
            padre.nodos += 1
            es_clave = padre.es_mapeo and padre.nodos % 2 == 1
            elementos = (padre.nodos + 1) // 2 if padre.es_mapeo else padre.nodos
            if elementos > self.max_elementos and (es_clave or not padre.es_mapeo):
                que = "el mapeo" if padre.es_mapeo else "la lista"
                if padre.nombre:
                    que += f" «{padre.nombre}»"
                cuantos = "claves" if padre.es_mapeo else "elementos"
                return self._problema(linea, columna, f"{que} tiene más de {self.max_elementos:,} {cuantos} (aquí "
                                                      "empieza el siguiente); ninguna lista de estos archivos necesita "
                                                      "tantos (un reporte por indicador del plan): divida el archivo o "
                                                      "quite lo repetido (si es legítimo, suba el límite con la "
                                                      "variable de entorno PNI_MAX_ELEMENTOS)")
            if es_clave:
                padre.clave = texto
            elif padre.es_mapeo:
                nombre = padre.clave
        if texto is not None and len(texto) > MAX_CARACTERES:
            return self._problema(linea, columna, f"un texto de {len(texto):,} caracteres, y el máximo es "
                                                  f"{MAX_CARACTERES:,}: resúmalo o remita a un documento en "
                                                  "«evidencia»")
        if mapeo is not None:
            self.pila.append(_Abierta(mapeo, nombre))
        return None

    def fin(self) -> None:
        if self.pila:
            self.pila.pop()

    def _problema(self, linea: int, columna: int, mensaje: str) -> Problema:
        return problema(LIMITE, self.nombre, linea + 1, columna + 1, mensaje)


def eventos_libyaml(texto: str) -> Iterator[Any] | None:
    """libyaml's events of `texto` at C speed, nothing built (PyYAML's public `yaml.parse` with its C loader); None
    where PyYAML has no libyaml. A syntax error is raised as the events are read."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - PyYAML without libyaml
        return None
    eventos: Iterator[Any] = yaml.parse(texto, Loader=yaml.CBaseLoader)
    return eventos


def tiene_anclas(texto: str) -> bool:
    """Whether `texto` holds an anchor or an alias as libyaml parses it; True when libyaml cannot parse it, so
    that the reference path decides. A «&» in a comment or in a quoted text then no longer sends a file to
    ruamel's pure parser, which reads a few hundred KB a second."""
    from yaml import events as ev

    eventos = eventos_libyaml(texto)
    if eventos is None:  # pragma: no cover - PyYAML without libyaml
        return True
    try:
        return any(isinstance(e, ev.AliasEvent) or getattr(e, "anchor", None) is not None for e in eventos)
    except Exception:
        return True


def _con_libyaml(texto: str, nombre: str, profundidad: int) -> tuple[bool, Problema | None]:
    """(whether the whole text was walked or a bound passed, the problem): libyaml's events."""
    from yaml import events as ev

    eventos = eventos_libyaml(texto)
    if eventos is None:  # pragma: no cover - PyYAML without libyaml
        return False, None
    contador = _Contador(nombre, profundidad)
    try:
        for e in eventos:
            p = _evento(contador, e, ev.ScalarEvent, ev.AliasEvent, ev.MappingStartEvent, ev.SequenceStartEvent,
                        (ev.MappingEndEvent, ev.SequenceEndEvent))
            if p is not None:
                return True, p
        return True, None
    except Exception:  # a syntax error, or what libyaml takes for one: the reference parser counts
        return False, None


def revisar_textos(texto: str, nombre: str, profundidad: int) -> Problema | None:
    """The first text of more than MAX_CARACTERES characters, as a problem at its place; None if there is none."""
    if len(texto) <= MAX_CARACTERES:
        return None
    completo, p = _textos_con_libyaml(texto, nombre)  # only the length of each text is left to look at
    if completo:
        return p
    return _con_ruamel(texto, nombre, profundidad)[1]


def _textos_con_libyaml(texto: str, nombre: str) -> tuple[bool, Problema | None]:
    """As `_con_libyaml` for a text whose values are too few to pass a count: only its texts' lengths, which a
    long file of short lines (a progress file of 150 reports) passes with one look at each text."""
    from yaml import events as ev

    eventos = eventos_libyaml(texto)
    if eventos is None:  # pragma: no cover - PyYAML without libyaml
        return False, None
    escalar = ev.ScalarEvent
    try:
        for e in eventos:
            if type(e) is escalar and len(e.value) > MAX_CARACTERES:
                return True, _Contador(nombre, 0).nodo(e.start_mark.line, e.start_mark.column, texto=e.value)
        return True, None
    except Exception:  # a syntax error, or what libyaml takes for one: the reference parser counts
        return False, None


def _con_ruamel(texto: str, nombre: str, profundidad: int) -> tuple[bool, Problema | None]:
    """As `_con_libyaml`, with ruamel's pure parser (the reference path's)."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml import events as ev

    contador = _Contador(nombre, profundidad)
    try:
        for e in YAML(typ="safe", pure=True).parse(io.StringIO(texto)):
            p = _evento(contador, e, ev.ScalarEvent, ev.AliasEvent, ev.MappingStartEvent, ev.SequenceStartEvent,
                        (ev.MappingEndEvent, ev.SequenceEndEvent))
            if p is not None:
                return True, p
    except Exception:  # the document is broken before any bound: the loader words the error
        return False, None
    return True, None


def _evento(contador: _Contador, e: Any, escalar: Any, alias: Any, mapeo: Any, secuencia: Any,
            finales: tuple[Any, ...]) -> Problema | None:
    marca = e.start_mark
    if isinstance(e, escalar):
        return contador.nodo(marca.line, marca.column, texto=e.value)
    if isinstance(e, alias):
        return contador.nodo(marca.line, marca.column, texto="")
    if isinstance(e, mapeo):
        return contador.nodo(marca.line, marca.column, mapeo=True)
    if isinstance(e, secuencia):
        return contador.nodo(marca.line, marca.column, mapeo=False)
    if isinstance(e, finales):
        contador.fin()
    return None
