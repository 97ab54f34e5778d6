"""The fast path of the YAML loader: PyYAML's libyaml binding, trusted only with the clean files it can vouch for,
giving exactly the data and positions of the reference path (yaml_referencia); everything else, and every
error, is the reference path's. `PNI_YAML_REFERENCIA=1` turns it off.

PyYAML's C module (`yaml._yaml`, a private module) is used here and nowhere else; PyYAML is pinned in
pyproject.toml, and without the C module everything goes to the reference path.
"""

from __future__ import annotations

import gc
import os
import re
import zlib
from typing import Any

from . import escalares as esc
from .documento import Documento, Ruta
from .estructura import MAX_CARACTERES, tiene_anclas
from .yaml_referencia import PROFUNDIDAD_C, cota_profundidad


def activo() -> bool:
    """The fast path is on unless PNI_YAML_REFERENCIA says otherwise (read at each load, not at import)."""
    return os.environ.get("PNI_YAML_REFERENCIA", "") in ("", "0")


# ruamel.yaml is the reference: it reads YAML 1.2, keeps anchors on its nodes and words every error; but even
# with its C parser it takes ~3 ms for a 4 KB progress file, and its C parser rejects valid YAML (a URL in a
# flow sequence) so many files end up in its pure-Python parser (~11 ms). PyYAML's libyaml binding composes the
# same node tree, with line and column marks, in a fraction of that. It is only trusted with what it does the
# same way, and vouches only for clean files:
# - it resolves plain scalars with YAML 1.1 rules (yes/no → bool, 0042 → octal, 1_000, sexagesimals, «=»), so
#   `_ComponedorC.resolve` re-resolves them with ruamel's YAML 1.2 core rules (`_RESOLUTORES_12`, a copy of
#   ruamel.yaml.resolver's table, held equal by tests/unit/lectura/test_yaml_rapido.py);
# - it drops anchors and accepts duplicate keys: texts that may hold an anchor or an alias, a directive («%YAML
#   1.1» would change the rules) or a character that one parser takes for a line break and the other does not,
#   go to the reference path; duplicate keys are seen by the converter;
# - whatever it fails on, and any file in which the converter finds anything to report, goes to the reference
#   path, so that every problem is the reference path's own, with its file:line:column and message;
# - an empty value is placed differently by ruamel's pure parser: see `cargar`;
# - its composer recurses in C, where Python's recursion limit does not guard the stack: texts that could nest
#   deeper than `PROFUNDIDAD_C` go to the reference path before PyYAML sees them.

# «%» directives; «&» or «*» where a node can start that libyaml reads as an anchor or an alias (`tiene_anclas`:
# «Salud & Trabajo», «R&D», «?a=1&b=2», a «&x» in a comment or inside quotes are texts); NEL, LS and PS, line breaks
# for libyaml and plain characters for YAML 1.2; tabs and byte-order marks, which libyaml takes in places where
# ruamel's pure parser refuses them; a block scalar header with «#» right after it («observaciones: >#-», no space
# before the comment), which libyaml takes and YAML does not.
_RE_AL_REFERENCIA = re.compile(r"^%|[\t\x85\u2028\u2029\ufeff]|[|>][-+0-9]{0,2}#", re.M)
_RE_ANCLA_POSIBLE = re.compile(r"(?:^|[\s\[\]{},:])[&*][^\s\[\]{},]", re.M)


def _al_referencia(texto: str) -> bool:
    """Whether the reference path must load `texto` (see above), without running the expressions over texts that
    lack their characters."""
    if (("%" in texto or "\t" in texto or ("#" in texto and ("|" in texto or ">" in texto))
         or (not texto.isascii() and ("\x85" in texto or "\u2028" in texto or "\u2029" in texto
                                      or "\ufeff" in texto)))
            and _RE_AL_REFERENCIA.search(texto) is not None):
        return True
    return ("&" in texto or "*" in texto) and _RE_ANCLA_POSIBLE.search(texto) is not None and tiene_anclas(texto)


_NUMERO_12 = "-+0123456789"
_RESOLUTORES_12: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


def _resolutor_12(tag: str, patron: str, primeros: list[str]) -> None:
    regex = re.compile(patron, re.X)
    for c in primeros:
        _RESOLUTORES_12.setdefault(c, []).append((tag, regex))


# ruamel.yaml.resolver.implicit_resolvers, the entries for version (1, 2), in the same order.
_resolutor_12(esc.BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF"))
_resolutor_12(esc.FLOAT, r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", list(_NUMERO_12 + "."))
_resolutor_12(esc.INT, r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""", list(_NUMERO_12))
_resolutor_12(esc.MERGE, r"^(?:<<)$", ["<"])
_resolutor_12(esc.NULL, r"""^(?: ~
    |null|Null|NULL
    | )$""", ["~", "n", "N", ""])
_resolutor_12(esc.TIMESTAMP, r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", list("0123456789"))
_resolutor_12("tag:yaml.org,2002:value", r"^(?:=)$", ["="])
_resolutor_12("tag:yaml.org,2002:yaml", r"^(?:!|&|\*)$", list("!&*"))


def resolver_12(valor: str) -> str:
    """The tag of an untagged plain scalar under YAML 1.2's core schema, exactly as ruamel.yaml resolves it."""
    for tag, regex in _RESOLUTORES_12.get(valor[:1], ()):
        if regex.match(valor):
            return tag
    return esc.STR


class _Declinar(Exception):
    """The fast path cannot vouch for this file: the reference path takes it."""


_C: list[Any] = []  # [composer class, ScalarNode, SequenceNode, MappingNode], or [None] without PyYAML's C part


def _clases_c() -> list[Any]:
    if _C:
        return _C
    try:
        from yaml._yaml import CParser
        from yaml.nodes import MappingNode, ScalarNode, SequenceNode
    except ImportError:  # pragma: no cover - PyYAML without libyaml: the reference path does everything
        _C.append(None)
        return _C
    cache: dict[str, str] = {}

    class _ComponedorC(CParser):  # type: ignore[misc]
        """libyaml's composer with YAML 1.2 tags (it calls `resolve` for every node without an explicit tag)."""

        def resolve(self, tipo: Any, valor: str | None, implicito: Any) -> str:
            if tipo is ScalarNode:
                if implicito[0]:
                    assert valor is not None
                    tag = cache.get(valor)
                    if tag is None:
                        tag = resolver_12(valor)
                        if len(cache) < 4096:
                            cache[valor] = tag
                    return tag
                return esc.STR
            return esc.SEQ if tipo is SequenceNode else esc.MAP

        def descend_resolver(self, padre: Any, indice: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    _C.extend([_ComponedorC, ScalarNode, SequenceNode, MappingNode])
    return _C


def cargar(texto: str, nombre: str, max_profundidad: int) -> Documento | None:
    """The document as the reference path would load it, or None when the fast path cannot vouch for it.

    Only the data is built now: where each value sits (`posiciones`, `claves`, `textos`) is worked out again
    from the text the first time something asks, which for a clean file is seldom (a check that finds a
    problem), so most files never pay for it nor keep it in memory."""
    clases = _clases_c()
    if clases[0] is None or _al_referencia(texto) or cota_profundidad(texto) > PROFUNDIDAD_C:
        return None
    # The node tree is thousands of short-lived objects without cycles: left to the cyclic collector, they
    # would make it walk everything already loaded (the plan, earlier files) over and over.
    recolector = gc.isenabled()
    gc.disable()
    try:
        nodo = clases[0](texto).get_single_node()
        if nodo is None or (type(nodo) is clases[1] and nodo.tag == esc.NULL):
            return None
        datos, vacio, dos_puntos = _datos_c(nodo, clases[1], clases[2], max_profundidad)
    except (_Declinar, esc.Rechazo):
        return None
    except Exception:  # any parse error: the reference path finds and words it
        return None
    finally:
        if recolector:
            gc.enable()
    if vacio and (dos_puntos or "&" in texto):
        # An empty value is placed by libyaml (and ruamel's C parser) right after its «:», by ruamel's pure
        # parser at the next token. The reference path uses the pure parser when the text holds «&» or when
        # ruamel's older libyaml refuses it: a plain text with «:» or «?» inside [ ] or { } (a URL in a list).
        return None
    return _DocumentoRapido.nuevo(nombre, datos, texto, max_profundidad)


def _datos_c(raiz: Any, escalar: Any, secuencia: Any, maximo: int) -> tuple[Any, bool, bool]:
    """PyYAML's node tree → plain data, as the reference path's converter would build it; `_Declinar` (or
    `Rechazo`) at anything the reference path should see. Also says whether an empty plain value, and a plain
    text with «:» or «?» inside [ ] or { }, were seen. (No text can hold a lone surrogate here: libyaml refuses
    to produce one.)"""
    vistos: set[int] = set()
    borrador = Documento("")  # `escalar` notes the original texts of numbers and dates: not needed here
    vacio = dos_puntos = False

    def convertir(nodo: Any, prof: int) -> Any:
        nonlocal vacio, dos_puntos
        if prof > maximo or id(nodo) in vistos:
            raise _Declinar  # too deep, or an alias (the text check should have sent it away already)
        vistos.add(id(nodo))
        tipo = type(nodo)
        if tipo is escalar:
            valor = nodo.value
            if len(valor) > MAX_CARACTERES:
                raise _Declinar  # estructura.revisar_textos words it, at its place
            if not valor and not nodo.style:
                vacio = True
            tag = nodo.tag
            if tag == esc.STR:
                return valor
            if tag == esc.INT and valor.isascii() and valor.isdigit() and len(valor) <= 100:
                # what `escalar` does with plain digits (a leading 0 is no octal in 1.2); ASCII only: «!!int ٣» is
                # tagged int by hand, and int() would read any script's digits
                return int(valor)
            if tag == esc.NULL:
                return None
            return esc.escalar(nodo, (), borrador)
        hijos = nodo.value
        if nodo.flow_style and not dos_puntos:
            par: Any
            for par in hijos:
                h: Any
                for h in par if type(par) is tuple else (par,):
                    if type(h) is escalar and not h.style and (":" in h.value or "?" in h.value):
                        dos_puntos = True
        if tipo is secuencia:
            if nodo.tag != esc.SEQ:
                raise _Declinar
            return [convertir(hijo, prof + 1) for hijo in hijos]
        if nodo.tag != esc.MAP:
            raise _Declinar
        salida: dict[str, Any] = {}
        for k, v in hijos:
            if type(k) is not escalar or k.tag != esc.STR:
                raise _Declinar  # a key that is not a text, or «<<»: the reference path words it
            clave = k.value
            if clave in salida or len(clave) > MAX_CARACTERES:
                raise _Declinar  # a duplicate key, or one too long
            salida[clave] = convertir(v, prof + 1)
        return salida

    datos = convertir(raiz, 0)
    return datos, vacio, dos_puntos


class _DocumentoRapido(Documento):
    """A document loaded by the fast path: `posiciones`, `claves` and `textos` are filled in from its text the
    first time they are read; `aligerar()` keeps only the compressed text, and the data is built again from it
    if it is ever read again."""

    _texto: str
    _comprimido: bytes
    _datos: Any
    _maximo: int

    @classmethod
    def nuevo(cls, archivo: str, datos: Any, texto: str, maximo: int) -> _DocumentoRapido:
        doc = cls.__new__(cls)
        doc.archivo, doc.problemas, doc._datos, doc._texto, doc._maximo = archivo, [], datos, texto, maximo
        return doc

    @property
    def datos(self) -> Any:
        if "_datos" not in self.__dict__:
            clases = _clases_c()
            self._datos = _datos_c(clases[0](self._fuente()).get_single_node(), clases[1], clases[2],
                                   self._maximo)[0]
        return self._datos

    @datos.setter
    def datos(self, valor: Any) -> None:
        self._datos = valor

    def donde_en_la_raiz(self, clave: str) -> tuple[int, int]:
        """Read off libyaml's events up to that value (the second or third of a progress file), rather than the
        position of every value: `pni validar` asks it of every file, for the duplicate check."""
        if "posiciones" in self.__dict__:
            return self.donde((clave,))
        from yaml import events as ev

        from .estructura import eventos_libyaml

        eventos = eventos_libyaml(self._fuente())
        abiertas: list[list[Any]] = []  # each open collection: [is a mapping, nodes so far]
        siguiente = False
        try:
            for e in eventos or ():
                if isinstance(e, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                    abiertas.pop()
                    continue
                if not isinstance(e, (ev.ScalarEvent, ev.AliasEvent, ev.CollectionStartEvent)):
                    continue  # the stream's and the document's start and end
                if siguiente:
                    return e.start_mark.line + 1, e.start_mark.column + 1
                if (len(abiertas) == 1 and abiertas[0][0] and abiertas[0][1] % 2 == 0
                        and isinstance(e, ev.ScalarEvent) and e.value == clave):
                    siguiente = True
                if abiertas:
                    abiertas[-1][1] += 1
                if isinstance(e, ev.CollectionStartEvent):
                    abiertas.append([isinstance(e, ev.MappingStartEvent), 0])
        except Exception:  # pragma: no cover - the fast path read this very text
            pass
        return self.donde((clave,))

    def aligerar(self) -> None:
        """Free the data and keep the text compressed (a valid progress file, once its model is built)."""
        if "_texto" in self.__dict__:
            self._comprimido = zlib.compress(self._texto.encode("utf-8"), 1)
            del self._texto
        self.__dict__.pop("_datos", None)

    def _fuente(self) -> str:
        texto = self.__dict__.get("_texto")
        return texto if texto is not None else zlib.decompress(self._comprimido).decode("utf-8")

    def __getattr__(self, nombre: str) -> Any:
        if nombre not in ("posiciones", "claves", "textos", "_vistos"):
            raise AttributeError(nombre)
        clases = _clases_c()
        completo = Documento(self.archivo)
        recolector = gc.isenabled()
        gc.disable()
        try:
            _ConversorC(completo, clases[1], clases[2]).convertir(clases[0](self._fuente()).get_single_node(), (),
                                                                 0)
        finally:
            if recolector:
                gc.enable()
        self.posiciones, self.claves, self.textos = completo.posiciones, completo.claves, completo.textos
        self._vistos = set()
        return getattr(self, nombre)


class _ConversorC:
    """The reference path's conversion for PyYAML's nodes, with every position (for `_DocumentoRapido`)."""

    def __init__(self, doc: Documento, escalar: Any, secuencia: Any) -> None:
        self.doc = doc
        self.escalar = escalar
        self.secuencia = secuencia

    def convertir(self, nodo: Any, ruta: Ruta, prof: int) -> Any:
        doc = self.doc
        marca = nodo.start_mark
        doc.posiciones[ruta] = (marca.line + 1, marca.column + 1)
        tipo = type(nodo)
        if tipo is self.escalar:
            if nodo.tag == esc.STR:
                return nodo.value
            return esc.escalar(nodo, ruta, doc)
        if tipo is self.secuencia:
            return [self.convertir(hijo, (*ruta, i), prof + 1) for i, hijo in enumerate(nodo.value)]
        salida: dict[str, Any] = {}
        claves = doc.claves
        for k, v in nodo.value:
            clave = k.value
            m = k.start_mark
            claves[(*ruta, clave)] = (m.line + 1, m.column + 1)
            salida[clave] = self.convertir(v, (*ruta, clave), prof + 1)
        return salida
