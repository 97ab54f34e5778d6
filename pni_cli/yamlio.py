"""YAML → plain Python values, keeping the file:line:column of every node, and refusing YAML's traps.

The loader never raises on bad input: it returns a `Documento` whose `problemas` say what is wrong. It composes
the node tree (C parser when available, falling back to the pure-Python reference parser before reporting any
error, since the C parser rejects some valid YAML such as URLs in flow sequences) and converts nodes itself, so
that no tag is ever constructed: `!!python/…` and friends are refused, not executed.

A fast path (PyYAML's libyaml binding, see «the fast path» below) loads the clean files that it can vouch for,
with exactly the data and positions of the reference path; everything else, and every error, is the reference
path's (ruamel.yaml).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import math
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .lectura import NoLegible, leer_bytes, limite
from .problems import Problema, en_una_linea, problema

Ruta = tuple[str | int, ...]

# a malformed value is a usage error (ErrorDeUso) raised when a command first loads YAML
MAX_BYTES = limite("PNI_MAX_BYTES")
MAX_PROFUNDIDAD = limite("PNI_MAX_PROFUNDIDAD")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}


@dataclass
class Documento:
    """A loaded file: its data (None when unreadable), where every value and key sits, and what went wrong."""

    archivo: str
    datos: Any = None
    posiciones: dict[Ruta, tuple[int, int]] = field(default_factory=dict)
    claves: dict[Ruta, tuple[int, int]] = field(default_factory=dict)
    textos: dict[Ruta, str] = field(default_factory=dict)
    problemas: list[Problema] = field(default_factory=list)
    _vistos: set[int] = field(default_factory=set, repr=False, compare=False)

    def donde(self, ruta: Ruta, clave: bool = False) -> tuple[int, int]:
        """Line and column of the value at `ruta` (or of its key), or of its nearest known ancestor."""
        tabla = self.claves if clave else self.posiciones
        r = tuple(ruta)
        while r:
            if r in tabla:
                return tabla[r]
            if r in self.posiciones:
                return self.posiciones[r]
            r = r[:-1]
        return self.posiciones.get((), (1, 1))

    def problema(self, codigo: str, ruta: Ruta, mensaje: str, clave: bool = False) -> Problema:
        linea, columna = self.donde(ruta, clave)
        return problema(codigo, self.archivo, linea, columna, mensaje)


class _Rechazo(Exception):
    """Stops the conversion of one file at the first structural trap (alias, tag, depth)."""

    def __init__(self, p: Problema) -> None:
        super().__init__(p.mensaje)
        self.problema = p


def leer_archivo(ruta: Path, nombre: str | None = None) -> Documento:
    """Read and load one YAML file. Never raises."""
    nombre = nombre or str(ruta)
    try:
        datos = leer_bytes(ruta, MAX_BYTES)
    except NoLegible as e:
        if e.demasiado_grande:
            return Documento(nombre, problemas=[problema("PNI010", nombre, 0, 0, e.motivo)])
        motivo = f"no se puede leer el archivo: {e.motivo}"
        return Documento(nombre, problemas=[problema("PNI012", nombre, 0, 0, motivo)])
    return cargar_bytes(datos, nombre)


def decodificar(datos: bytes, nombre: str) -> tuple[str | None, list[Problema]]:
    """Bytes → text. UTF-8 (with or without BOM) only; anything else is explained."""
    if datos.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [problema("PNI007", nombre, 1, 1, "el archivo está en UTF-16; guárdelo como UTF-8 (en el Bloc "
                                                       "de notas: «Guardar como» → Codificación: UTF-8)")]
    if datos.startswith(b"\xef\xbb\xbf"):
        datos = datos[3:]
    nul = datos.find(b"\x00")
    if nul >= 0:
        linea, col = _lugar_byte(datos, nul)
        return None, [problema("PNI007", nombre, linea, col, "el archivo contiene bytes nulos: no es un archivo de "
                                                           "texto UTF-8 (¿es UTF-16 sin marca, o un archivo binario?)")]
    try:
        texto = datos.decode("utf-8")
    except UnicodeDecodeError as e:
        linea, col = _lugar_byte(datos, e.start)
        return None, [problema("PNI007", nombre, linea, col, f"byte 0x{datos[e.start]:02x} no válido en UTF-8: el "
                                                           "archivo parece estar en Latin-1/Windows-1252; guárdelo "
                                                           "como UTF-8")]
    return texto, []


def _lugar_byte(datos: bytes, pos: int) -> tuple[int, int]:
    """Line and column (in characters, as an editor counts them) of the byte at `pos`."""
    inicio = datos.rfind(b"\n", 0, pos) + 1
    return datos.count(b"\n", 0, pos) + 1, len(datos[inicio:pos].decode("utf-8", errors="replace")) + 1


def cargar_bytes(datos: bytes, nombre: str) -> Documento:
    texto, problemas = decodificar(datos, nombre)
    if texto is None:
        return Documento(nombre, problemas=problemas)
    return cargar_texto(texto, nombre)


def cargar_texto(texto: str, nombre: str) -> Documento:
    """Load one YAML text: the C fast path when it can vouch for the result, the reference path otherwise."""
    if RAPIDO:
        doc = _cargar_rapido(texto, nombre)
        if doc is not None:
            return doc
    return _cargar_referencia(texto, nombre)


def _cargar_referencia(texto: str, nombre: str) -> Documento:
    """The reference path (ruamel.yaml): the one that finds, locates and words every problem."""
    from ruamel.yaml.nodes import ScalarNode

    doc = Documento(nombre)
    nodo, prob = _componer(texto, nombre)
    if prob:
        doc.problemas.append(prob)
        return doc
    if nodo is None:
        doc.problemas.append(problema("PNI006", nombre, 1, 1, "el archivo está vacío (o solo tiene comentarios)"))
        return doc
    if isinstance(nodo, ScalarNode) and nodo.tag == _NULL:
        linea, col = _pos(nodo)
        doc.problemas.append(problema("PNI006", nombre, linea, col, "el archivo no tiene datos (solo un documento "
                                                                    "vacío o un valor nulo)"))
        return doc
    try:
        doc.datos = _convertir(nodo, (), doc, 0)
    except _Rechazo as r:
        doc.datos = None
        doc.problemas.append(r.problema)
    except RecursionError:
        doc.datos = None
        doc.problemas.append(_demasiado_profundo(texto, nombre))
    return doc


def _demasiado_profundo(texto: str, nombre: str) -> Problema:
    """PNI010 for a text so deep that the parser itself gave up (RecursionError): placed where the nesting
    passes the limit, as `_convertir` would have placed it, by `_donde_excede`."""
    linea, col = _donde_excede(texto, MAX_PROFUNDIDAD) or (1, 1)
    return problema("PNI010", nombre, linea, col, f"más de {MAX_PROFUNDIDAD} niveles de anidamiento; estos archivos "
                                                  "no necesitan tantos (límite: variable PNI_MAX_PROFUNDIDAD)")


def _donde_excede(texto: str, maximo: int) -> tuple[int, int] | None:
    """Line and column of the first collection deeper than `maximo`, by a plain scan of the text: block levels by
    indentation and by «- » indicators, flow levels by brackets outside quotes and comments. Only used once the
    parser has failed, to say where the problem is; None if the scan finds nothing."""
    sangrias: list[int] = []
    for n, linea in enumerate(texto.split("\n"), 1):
        contenido = linea.lstrip(" ")
        if not contenido or contenido.startswith("#"):
            continue
        sangria = len(linea) - len(contenido)
        while sangrias and sangrias[-1] > sangria:
            sangrias.pop()
        if not sangrias or sangrias[-1] < sangria:
            sangrias.append(sangria)
        prof = len(sangrias) - 1  # the node that starts this line
        comillas = ""
        for i in range(sangria, len(linea)):
            c = linea[i]
            if comillas:
                comillas = "" if c == comillas else comillas
            elif c in "'\"":
                comillas = c
            elif c == "#" and linea[i - 1:i] in (" ", ""):
                break
            elif c in "[{" or (c == "-" and linea[i + 1:i + 2] in (" ", "") and not linea[sangria:i].strip(" -")):
                if prof > maximo:  # a collection starts here («[», «{», or «- » of «- - x»)
                    return n, i + 1
                prof += 1  # what it holds is one level deeper
            elif c == ":" and linea[i + 1:i + 2] in (" ", ""):
                prof = len(sangrias)  # a key's value
            elif c in "]}":
                prof -= 1
    return None


# --- composing -------------------------------------------------------------------------------------------

def _componedores() -> list[Any]:
    from ruamel.yaml import YAML

    out = []
    with contextlib.suppress(Exception):  # pragma: no cover - C extension missing
        out.append(YAML(typ="safe", pure=False))
    out.append(YAML(typ="safe", pure=True))
    return out


_YAMLS: list[Any] = []


def _componer(texto: str, nombre: str) -> tuple[Any, Problema | None]:
    """Compose exactly one document; the pure parser has the last word on errors."""
    if not _YAMLS:
        _YAMLS.extend(_componedores())
    ultimo: Exception | None = None
    # The C parser does not keep anchors on its nodes; an alias needs an anchor «&», so a text without «&»
    # has neither, and one with «&» goes to the pure parser, which keeps them (and they are then refused).
    # The C composer recurses in C, unguarded by Python's recursion limit: a text that could nest deep enough to
    # overflow the stack goes to the pure parser as well.
    solo_puro = "&" in texto or _cota_profundidad(texto) > _PROFUNDIDAD_C
    for y in (_YAMLS[-1:] if solo_puro else _YAMLS):
        # The YAML object is reused: a generator left half-way (a second document found) must be closed now,
        # or its clean-up would reset the reader whenever the collector finalizes it, maybe amid the next file.
        docs = y.compose_all(io.StringIO(texto))
        try:
            primero = next(docs, None)
            segundo = next(docs, None)
            if segundo is not None:
                m = segundo.start_mark
                return None, problema("PNI008", nombre, m.line + 1, m.column + 1,
                                      "el archivo tiene más de un documento YAML (separados por «---»); "
                                      "deje uno solo por archivo")
            return primero, None
        except RecursionError:
            return None, _demasiado_profundo(texto, nombre)
        except Exception as e:  # ruamel's MarkedYAMLError and friends
            ultimo = e
        finally:
            with contextlib.suppress(Exception):
                docs.close()
    assert ultimo is not None
    return None, _traducir_error(ultimo, nombre, texto)


_TRADUCCIONES: list[tuple[str, str, str]] = [
    ("found character '\\t'", "PNI003", "hay un tabulador donde YAML espera espacios: sangre solo con espacios"),
    ("while scanning a quoted scalar", "PNI001",
     "comillas sin cerrar: falta la comilla de cierre de un texto que empieza aquí"),
    ("while parsing a flow sequence", "PNI001",
     "corchete «[» sin cerrar, o falta una coma entre elementos de la lista"),
    ("while parsing a flow mapping", "PNI001", "llave «{» sin cerrar, o falta una coma entre elementos"),
    ("mapping values are not allowed here", "PNI001",
     "«:» inesperado: si es parte de un texto, ponga el texto entre comillas; si no, revise la sangría"),
    ("expected <block end>", "PNI001", "sangría incoherente: este elemento no está alineado con los de su nivel"),
    ("could not find expected ':'", "PNI001",
     "falta «:» después de una clave, o un texto de varias líneas sin comillas"),
    ("found undefined alias", "PNI005", "alias «*» sin ancla; los alias no se admiten en estos archivos"),
    ("while scanning an anchor", "PNI005", "ancla «&» mal formada; las anclas no se admiten en estos archivos"),
    ("found unknown escape character", "PNI001", "secuencia de escape «\\» desconocida dentro de comillas dobles: "
                                                   "use comillas simples o duplique la barra «\\\\»"),
    ("expected escape sequence", "PNI001", "secuencia de escape «\\x» incompleta dentro de comillas dobles"),
    ("found a tab character", "PNI003", "hay un tabulador donde YAML espera espacios: sangre solo con espacios"),
    ("special characters are not allowed", "PNI007", "el archivo contiene caracteres de control no admitidos"),
]


def _traducir_error(e: Exception, nombre: str, texto: str = "") -> Problema:
    posicion = getattr(e, "position", None)
    if isinstance(posicion, int) and isinstance(getattr(e, "character", None), int):  # ruamel's ReaderError
        linea = texto.count("\n", 0, posicion) + 1
        col = posicion - (texto.rfind("\n", 0, posicion) + 1) + 1
        car = getattr(e, "character", 0)
        return problema("PNI007", nombre, linea, col, f"carácter de control U+{car:04X} no admitido en YAML "
                                                      "(¿se pegó desde otro programa?): bórrelo")
    problema_txt = str(getattr(e, "problem", "") or "")
    contexto = str(getattr(e, "context", "") or "")
    if contexto.startswith("while parsing a flow node") and (abierta := _apertura_sin_cerrar(texto)):
        # «sexo: {mujeres: 7,» at the end of the file: the parser only knows where the file ended
        linea, col, car = abierta
        que, cierre = ("corchete «[»", "]") if car == "[" else ("llave «{»", "}")
        return problema("PNI001", nombre, linea, col, f"{que} sin cerrar: el archivo termina sin el «{cierre}» "
                                                      "que lo cierra")
    marca = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    linea = marca.line + 1 if marca is not None else 1
    col = marca.column + 1 if marca is not None else 1
    if (comillas := _comillas_que_siguen(texto, linea)) is not None:
        # «institucion: "MTPS» with more quotes further down: YAML reads on until the next quote and fails there
        l_abre, c_abre, l_cierra = comillas
        return problema("PNI001", nombre, l_abre, c_abre, f"comillas sin cerrar en esta línea: YAML sigue leyendo "
                                                          f"el texto hasta la comilla de la línea {l_cierra}; "
                                                          "cierre la comilla en la misma línea")
    todo = f"{contexto} {problema_txt}"
    for clave, codigo, mensaje in _TRADUCCIONES:
        if clave in todo:
            if clave.startswith("while scanning a quoted") or clave.startswith("while parsing a flow"):
                cm = getattr(e, "context_mark", None)
                if cm is not None:
                    linea, col = cm.line + 1, cm.column + 1
            return problema(codigo, nombre, linea, col, mensaje)
    detalle = " ".join(x for x in (contexto, problema_txt) if x).strip() or type(e).__name__
    return problema("PNI001", nombre, linea, col, f"YAML mal formado (el analizador dice: {detalle})")


def _comillas_que_siguen(texto: str, linea_error: int) -> tuple[int, int, int] | None:
    """A quoted text that spans lines, swallows what looks like «clave: valor» lines and ends just before the
    error: its 1-based start line and column, and its end line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.tokens import ScalarToken

    lineas = texto.splitlines()
    hallada = None
    with contextlib.suppress(Exception):
        for t in YAML(typ="safe", pure=True).scan(io.StringIO(texto)):
            if t.start_mark.line + 1 > linea_error:
                break
            if (isinstance(t, ScalarToken) and t.style in ("'", '"') and t.end_mark.line > t.start_mark.line
                    and t.end_mark.line + 1 >= linea_error - 2
                    and any(_RE_CLAVE.match(x) for x in lineas[t.start_mark.line + 1:t.end_mark.line + 1])):
                hallada = (t.start_mark.line + 1, t.start_mark.column + 1, t.end_mark.line + 1)
    return hallada


_RE_CLAVE = re.compile(r"^\s*(-\s+)?[A-Za-z_][\w-]*:(\s|$)")


def _apertura_sin_cerrar(texto: str) -> tuple[int, int, str] | None:
    """Where the innermost «[» or «{» still open at the end of `texto` starts (1-based), if the scanner knows."""
    from ruamel.yaml import YAML
    from ruamel.yaml.tokens import (
        FlowMappingEndToken,
        FlowMappingStartToken,
        FlowSequenceEndToken,
        FlowSequenceStartToken,
    )

    pila: list[tuple[int, int, str]] = []
    with contextlib.suppress(Exception):
        for t in YAML(typ="safe", pure=True).scan(io.StringIO(texto)):
            if isinstance(t, FlowSequenceStartToken | FlowMappingStartToken):
                pila.append((t.start_mark.line + 1, t.start_mark.column + 1,
                             "[" if isinstance(t, FlowSequenceStartToken) else "{"))
            elif isinstance(t, FlowSequenceEndToken | FlowMappingEndToken) and pila:
                pila.pop()
    return pila[-1] if pila else None


# --- converting ------------------------------------------------------------------------------------------

def _pos(nodo: Any) -> tuple[int, int]:
    return nodo.start_mark.line + 1, nodo.start_mark.column + 1


def _rechazar(doc: Documento, nodo: Any, codigo: str, mensaje: str) -> _Rechazo:
    linea, col = _pos(nodo)
    return _Rechazo(problema(codigo, doc.archivo, linea, col, mensaje))


def _convertir(nodo: Any, ruta: Ruta, doc: Documento, prof: int) -> Any:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if prof > MAX_PROFUNDIDAD:
        raise _rechazar(doc, nodo, "PNI010", f"más de {MAX_PROFUNDIDAD} niveles de anidamiento; estos archivos no "
                                            "necesitan tantos (límite: variable PNI_MAX_PROFUNDIDAD)")
    if getattr(nodo, "anchor", None):
        raise _rechazar(doc, nodo, "PNI005", f"ancla «&{nodo.anchor}»: las anclas y los alias no se admiten; "
                                            "escriba el valor completo en cada lugar")
    if id(nodo) in doc._vistos:
        raise _rechazar(doc, nodo, "PNI005", "este valor se repite con un alias «*»: las anclas y los alias no se "
                                            "admiten; escriba el valor completo en cada lugar")
    doc._vistos.add(id(nodo))
    doc.posiciones[ruta] = _pos(nodo)
    if isinstance(nodo, ScalarNode):
        return _escalar(nodo, ruta, doc)
    if nodo.tag not in (_MAP, _SEQ):
        raise _rechazar(doc, nodo, "PNI004", f"etiqueta «{nodo.tag}» no permitida: quítela (los archivos no "
                                            "admiten etiquetas, y nunca se ejecutan)")
    if isinstance(nodo, SequenceNode):
        return [_convertir(hijo, (*ruta, i), doc, prof + 1) for i, hijo in enumerate(nodo.value)]
    assert isinstance(nodo, MappingNode)
    salida: dict[str, Any] = {}
    vistos: dict[str, tuple[int, int]] = {}
    for k, v in nodo.value:
        if k.tag == _MERGE:
            raise _rechazar(doc, k, "PNI005", "clave de fusión «<<»: no se admite; escriba los campos completos")
        if not isinstance(k, ScalarNode) or k.tag != _STR:
            desc = ("una lista o un mapeo" if not isinstance(k, ScalarNode)
                    else f"«{k.value}» (leído como {_nombre_tag(k.tag or '')})")
            sugerencia = f"; si es texto, escríbala entre comillas: \"{k.value}\"" if isinstance(k, ScalarNode) else ""
            doc.problemas.append(_rechazar(doc, k, "PNI009", f"la clave {desc} no es texto{sugerencia}").problema)
            continue
        if getattr(k, "anchor", None):
            raise _rechazar(doc, k, "PNI005", f"ancla «&{k.anchor}» en una clave: no se admite")
        _sin_sustitutos(doc, k)
        clave = k.value
        if clave in vistos:
            ante = vistos[clave]
            doc.problemas.append(en_una_linea(_rechazar(doc, k, "PNI002", f"la clave «{clave}» ya aparece en la "
                                                                          f"línea {ante[0]}; deje una sola").problema))
            continue
        vistos[clave] = _pos(k)
        doc.claves[(*ruta, clave)] = _pos(k)
        salida[clave] = _convertir(v, (*ruta, clave), doc, prof + 1)
    return salida


def _nombre_tag(tag: str) -> str:
    return {_INT: "número entero", _FLOAT: "número decimal", _BOOL: "verdadero/falso", _NULL: "vacío",
            _TIMESTAMP: "fecha", _STR: "texto"}.get(tag, tag)


_RE_FECHA = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_RE_SUSTITUTO = re.compile("[\ud800-\udfff]")


def _sin_sustitutos(doc: Documento, nodo: Any) -> None:
    """«"\\ud800"» is valid YAML but not a character: it could not be printed nor saved as UTF-8."""
    if _RE_SUSTITUTO.search(nodo.value):
        raise _rechazar(doc, nodo, "PNI007", "el texto contiene una secuencia «\\u» que no es un carácter "
                                            "(medio par sustituto UTF-16); escriba el carácter tal cual")


def _escalar(nodo: Any, ruta: Ruta, doc: Documento) -> Any:
    tag, valor = nodo.tag, nodo.value
    if tag not in _SCALAR_TAGS:
        raise _rechazar(doc, nodo, "PNI004", f"etiqueta «{tag}» no permitida: quítela (los archivos no admiten "
                                            "etiquetas, y nunca se ejecutan)")
    if tag != _STR:
        doc.textos[ruta] = valor
    _sin_sustitutos(doc, nodo)
    if tag == _STR:
        return valor
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return {"true": True, "false": False}.get(valor.lower(), valor)
    if tag == _INT:
        v = valor.replace("_", "")
        if len(v) > 100:
            raise _rechazar(doc, nodo, "PNI011", f"«{valor[:20]}…» es un número de {len(v)} cifras, demasiado grande")
        try:
            if v.startswith(("0x", "0X")):
                return int(v, 16)
            if v.startswith(("0o", "0O")):
                return int(v[2:], 8)
            return int(v)
        except ValueError:
            return valor
    if tag == _FLOAT:
        v = valor.replace("_", "").lower()
        if v in (".nan", "+.nan", "-.nan") or v.endswith(".inf"):
            raise _rechazar(doc, nodo, "PNI011", f"«{valor}» no es un número utilizable (infinito o NaN)")
        try:
            f = float(v)
        except ValueError:
            return valor  # «!!float abc»: kept as text, the schema explains
        if math.isinf(f):
            raise _rechazar(doc, nodo, "PNI011", f"«{valor}» es un número demasiado grande (se leería como infinito)")
        return f
    # timestamp
    m = _RE_FECHA.match(valor.strip())
    if not m:
        return valor  # date-time forms: kept as text, the schema decides
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise _rechazar(doc, nodo, "PNI011", f"«{valor}» no es una fecha que exista; escriba AAAA-MM-DD, "
                                            "p. ej. 2025-07-14") from None


# --- the fast path (PyYAML's C parser) -------------------------------------------------------------------
#
# ruamel.yaml is the reference: it reads YAML 1.2, keeps anchors on its nodes and words every error; but even
# with its C parser it takes ~3 ms for a 4 KB progress file, and its C parser rejects valid YAML (a URL in a
# flow sequence) so many files end up in its pure-Python parser (~11 ms). PyYAML's libyaml binding composes the
# same node tree, with line and column marks, in a fraction of that. It is only trusted with what it does the
# same way, and vouches only for clean files:
# - it resolves plain scalars with YAML 1.1 rules (yes/no → bool, 0042 → octal, 1_000, sexagesimals, «=»), so
#   `_ComponedorC.resolve` re-resolves them with ruamel's YAML 1.2 core rules (`_RESOLUTORES_12`, a copy of
#   ruamel.yaml.resolver's table, held equal by tests/unit/test_yamlio_rapido.py);
# - it drops anchors and accepts duplicate keys: texts that may hold an anchor or an alias, a directive («%YAML
#   1.1» would change the rules) or a character that one parser takes for a line break and the other does not,
#   go to the reference path; duplicate keys are seen by the converter;
# - whatever it fails on, and any file in which the converter finds anything to report, goes to the reference
#   path, so that every problem is the reference path's own, with its file:line:column and message;
# - an empty value is placed differently by ruamel's pure parser: see `_cargar_rapido`;
# - its composer recurses in C, where Python's recursion limit does not guard the stack: texts that could nest
#   deeper than `_PROFUNDIDAD_C` go to the reference path before PyYAML sees them.

RAPIDO = os.environ.get("PNI_YAML_REFERENCIA", "") in ("", "0")

_PROFUNDIDAD_C = 10_000  # levels; the C stack (8 MiB) overflows at 20,000 to 40,000
# «%» directives; «&» or «*» where a node can start (an anchor or an alias; «Salud & Trabajo», «R&D» and
# «?a=1&b=2» are texts); NEL, LS and PS, line breaks for libyaml and plain characters for YAML 1.2; tabs and
# byte-order marks, which libyaml takes in places where ruamel's pure parser refuses them; a block scalar header
# with «#» right after it («observaciones: >#-», no space before the comment), which libyaml takes and YAML does not.
_RE_AL_REFERENCIA = re.compile(r"^%|(?:^|[\s\[\]{},:])[&*][^\s\[\]{},]|[\t\x85\u2028\u2029\ufeff]|[|>][-+0-9]{0,2}#",
                               re.M)


def _al_referencia(texto: str) -> bool:
    """`_RE_AL_REFERENCIA.search(texto)`, without running the expression over texts that lack its characters."""
    return (("%" in texto or "&" in texto or "*" in texto or "\t" in texto
             or ("#" in texto and ("|" in texto or ">" in texto))
             or (not texto.isascii() and ("\x85" in texto or "\u2028" in texto or "\u2029" in texto
                                          or "\ufeff" in texto)))
            and _RE_AL_REFERENCIA.search(texto) is not None)

_NUMERO_12 = "-+0123456789"
_RESOLUTORES_12: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


def _resolutor_12(tag: str, patron: str, primeros: list[str]) -> None:
    regex = re.compile(patron, re.X)
    for c in primeros:
        _RESOLUTORES_12.setdefault(c, []).append((tag, regex))


# ruamel.yaml.resolver.implicit_resolvers, the entries for version (1, 2), in the same order.
_resolutor_12(_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF"))
_resolutor_12(_FLOAT, r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", list(_NUMERO_12 + "."))
_resolutor_12(_INT, r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+)$""", list(_NUMERO_12))
_resolutor_12(_MERGE, r"^(?:<<)$", ["<"])
_resolutor_12(_NULL, r"""^(?: ~
    |null|Null|NULL
    | )$""", ["~", "n", "N", ""])
_resolutor_12(_TIMESTAMP, r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
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
    return _STR


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
                return _STR
            return _SEQ if tipo is SequenceNode else _MAP

        def descend_resolver(self, padre: Any, indice: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    _C.extend([_ComponedorC, ScalarNode, SequenceNode, MappingNode])
    return _C


_RE_SANGRIA = re.compile(r"^[ ?:-]*", re.M)


def _cota_profundidad(texto: str) -> int:
    """An upper bound of how deep `texto` can nest. A block collection starts where its first key or entry
    does, after the line's indentation and its «- », «? », «: » indicators, further right than its parent (an
    indentless sequence shares its mapping's column); each flow level needs a bracket."""
    if 2 * len(texto) + 4 <= _PROFUNDIDAD_C:
        return 2 * len(texto) + 4  # a short text cannot nest deeper than this: no need to look
    sangria = max(map(len, _RE_SANGRIA.findall(texto)), default=0)
    return 2 * (sangria + 1) + texto.count("[") + texto.count("{") + 2


def _cargar_rapido(texto: str, nombre: str) -> Documento | None:
    """The document as the reference path would load it, or None when the fast path cannot vouch for it.

    Only the data is built now: where each value sits (`posiciones`, `claves`, `textos`) is worked out again
    from the text the first time something asks, which for a clean file is seldom (a check that finds a
    problem), so most files never pay for it nor keep it in memory."""
    clases = _clases_c()
    if clases[0] is None or _al_referencia(texto) or _cota_profundidad(texto) > _PROFUNDIDAD_C:
        return None
    # The node tree is thousands of short-lived objects without cycles: left to the cyclic collector, they
    # would make it walk everything already loaded (the plan, earlier files) over and over.
    recolector = gc.isenabled()
    gc.disable()
    try:
        nodo = clases[0](texto).get_single_node()
        if nodo is None or (type(nodo) is clases[1] and nodo.tag == _NULL):
            return None
        datos, vacio, dos_puntos = _datos_c(nodo, clases[1], clases[2])
    except (_Declinar, _Rechazo):
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
    return _DocumentoRapido.nuevo(nombre, datos, texto)


def _datos_c(raiz: Any, escalar: Any, secuencia: Any) -> tuple[Any, bool, bool]:
    """PyYAML's node tree → plain data, as `_convertir` would build it; `_Declinar` (or `_Rechazo`) at anything
    the reference path should see. Also says whether an empty plain value, and a plain text with «:» or «?»
    inside [ ] or { }, were seen. (No text can hold a lone surrogate here: libyaml refuses to produce one.)"""
    vistos: set[int] = set()
    borrador = Documento("")  # `_escalar` notes the original texts of numbers and dates: not needed here
    vacio = dos_puntos = False

    def convertir(nodo: Any, prof: int) -> Any:
        nonlocal vacio, dos_puntos
        if prof > MAX_PROFUNDIDAD or id(nodo) in vistos:
            raise _Declinar  # too deep, or an alias (the text check should have sent it away already)
        vistos.add(id(nodo))
        tipo = type(nodo)
        if tipo is escalar:
            valor = nodo.value
            if not valor and not nodo.style:
                vacio = True
            tag = nodo.tag
            if tag == _STR:
                return valor
            if tag == _INT and valor.isdigit() and len(valor) <= 100:
                return int(valor)  # what `_escalar` does with plain digits (a leading 0 is no octal in 1.2)
            if tag == _NULL:
                return None
            return _escalar(nodo, (), borrador)
        hijos = nodo.value
        if nodo.flow_style and not dos_puntos:
            par: Any
            for par in hijos:
                h: Any
                for h in par if type(par) is tuple else (par,):
                    if type(h) is escalar and not h.style and (":" in h.value or "?" in h.value):
                        dos_puntos = True
        if tipo is secuencia:
            if nodo.tag != _SEQ:
                raise _Declinar
            return [convertir(hijo, prof + 1) for hijo in hijos]
        if nodo.tag != _MAP:
            raise _Declinar
        salida: dict[str, Any] = {}
        for k, v in hijos:
            if type(k) is not escalar or k.tag != _STR:
                raise _Declinar  # a key that is not a text, or «<<»: the reference path words it
            clave = k.value
            if clave in salida:
                raise _Declinar  # a duplicate key
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

    @classmethod
    def nuevo(cls, archivo: str, datos: Any, texto: str) -> _DocumentoRapido:
        doc = cls.__new__(cls)
        doc.archivo, doc.problemas, doc._datos, doc._texto = archivo, [], datos, texto
        return doc

    @property
    def datos(self) -> Any:
        if "_datos" not in self.__dict__:
            clases = _clases_c()
            self._datos = _datos_c(clases[0](self._fuente()).get_single_node(), clases[1], clases[2])[0]
        return self._datos

    @datos.setter
    def datos(self, valor: Any) -> None:
        self._datos = valor

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
    """`_convertir` for PyYAML's nodes, with every position (for `_DocumentoRapido`)."""

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
            if nodo.tag == _STR:
                return nodo.value
            return _escalar(nodo, ruta, doc)
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
