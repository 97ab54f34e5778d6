"""The reference path of the YAML loader (ruamel.yaml): it finds, locates and words every problem.

It composes the node tree (C parser when available, falling back to the pure-Python parser before reporting any
error, since the C parser rejects some valid YAML such as URLs in flow sequences) and converts nodes itself, so
that no tag is ever constructed: `!!python/…` and friends are refused, not executed.
"""

from __future__ import annotations

import contextlib
import io
import re
from typing import Any

from ..problemas import Problema, en_una_linea, problema
from . import escalares as esc
from .archivos import CODIFICACION, LIMITE
from .documento import Documento, Ruta

# The problem codes this module owns
SINTAXIS = "PNI001"
CLAVE_DUPLICADA = "PNI002"
TABULADOR = "PNI003"
ANCLA = "PNI005"
VACIO = "PNI006"
VARIOS_DOCUMENTOS = "PNI008"
CLAVE_NO_TEXTO = "PNI009"
CODIGOS = frozenset({SINTAXIS, CLAVE_DUPLICADA, TABULADOR, ANCLA, VACIO, VARIOS_DOCUMENTOS, CLAVE_NO_TEXTO})

PROFUNDIDAD_C = 10_000  # levels; the C stack (8 MiB) overflows at 20,000 to 40,000


def cargar(texto: str, nombre: str, max_profundidad: int) -> Documento:
    """The reference path (ruamel.yaml): the one that finds, locates and words every problem."""
    from ruamel.yaml.nodes import ScalarNode

    doc = Documento(nombre)
    nodo, prob = _componer(texto, nombre, max_profundidad)
    if prob:
        doc.problemas.append(prob)
        return doc
    if nodo is None:
        doc.problemas.append(problema(VACIO, nombre, 1, 1, "el archivo está vacío (o solo tiene comentarios)"))
        return doc
    if isinstance(nodo, ScalarNode) and nodo.tag == esc.NULL:
        linea, col = esc.posicion(nodo)
        doc.problemas.append(problema(VACIO, nombre, linea, col, "el archivo no tiene datos (solo un documento "
                                                                    "vacío o un valor nulo)"))
        return doc
    try:
        doc.datos = _convertir(nodo, (), doc, 0, max_profundidad)
    except esc.Rechazo as r:
        doc.datos = None
        doc.problemas.append(r.problema)
    except RecursionError:
        doc.datos = None
        doc.problemas.append(demasiado_profundo(texto, nombre, max_profundidad))
    return doc


def _componedores() -> list[Any]:
    from ruamel.yaml import YAML

    out = []
    with contextlib.suppress(Exception):  # pragma: no cover - C extension missing
        out.append(YAML(typ="safe", pure=False))
    out.append(YAML(typ="safe", pure=True))
    return out


_YAMLS: list[Any] = []


def _componer(texto: str, nombre: str, max_profundidad: int) -> tuple[Any, Problema | None]:
    """Compose exactly one document; the pure parser has the last word on errors."""
    if not _YAMLS:
        _YAMLS.extend(_componedores())
    ultimo: Exception | None = None
    # The C parser does not keep anchors on its nodes; an alias needs an anchor «&», so a text without «&»
    # has neither, and one with an anchor (as libyaml reads it, `tiene_anclas`) goes to the pure parser, which keeps
    # them (and they are then refused).
    # The C composer recurses in C, unguarded by Python's recursion limit: a text that could nest deep enough to
    # overflow the stack goes to the pure parser as well.
    solo_puro = cota_profundidad(texto) > PROFUNDIDAD_C
    if not solo_puro and "&" in texto:
        from .estructura import tiene_anclas

        solo_puro = tiene_anclas(texto)
    for y in (_YAMLS[-1:] if solo_puro else _YAMLS):
        # The YAML object is reused: a generator left half-way (a second document found) must be closed now,
        # or its clean-up would reset the reader whenever the collector finalizes it, maybe amid the next file.
        docs = y.compose_all(io.StringIO(texto))
        try:
            primero = next(docs, None)
            segundo = next(docs, None)
            if segundo is not None:
                m = segundo.start_mark
                return None, problema(VARIOS_DOCUMENTOS, nombre, m.line + 1, m.column + 1,
                                      "el archivo tiene más de un documento YAML (separados por «---»); "
                                      "deje uno solo por archivo")
            return primero, None
        except RecursionError:
            return None, demasiado_profundo(texto, nombre, max_profundidad)
        except Exception as e:  # ruamel's MarkedYAMLError and friends
            ultimo = e
        finally:
            with contextlib.suppress(Exception):
                docs.close()
    assert ultimo is not None
    return None, traducir(ultimo, nombre, texto)


def _convertir(nodo: Any, ruta: Ruta, doc: Documento, prof: int, maximo: int) -> Any:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if prof > maximo:
        raise esc.rechazar(doc, nodo, LIMITE, f"más de {maximo} niveles de anidamiento; estos archivos no "
                                            "necesitan tantos (límite: variable PNI_MAX_PROFUNDIDAD)")
    if getattr(nodo, "anchor", None):
        raise esc.rechazar(doc, nodo, ANCLA, f"ancla «&{nodo.anchor}»: las anclas y los alias no se admiten; "
                                            "escriba el valor completo en cada lugar")
    if id(nodo) in doc._vistos:
        raise esc.rechazar(doc, nodo, ANCLA, "este valor se repite con un alias «*»: las anclas y los alias no se "
                                            "admiten; escriba el valor completo en cada lugar")
    doc._vistos.add(id(nodo))
    doc.posiciones[ruta] = esc.posicion(nodo)
    if isinstance(nodo, ScalarNode):
        return esc.escalar(nodo, ruta, doc)
    if nodo.tag not in (esc.MAP, esc.SEQ):
        raise esc.rechazar(doc, nodo, esc.ETIQUETA, f"etiqueta «{nodo.tag}» no permitida: quítela (los archivos no "
                                            "admiten etiquetas, y nunca se ejecutan)")
    if isinstance(nodo, SequenceNode):
        return [_convertir(hijo, (*ruta, i), doc, prof + 1, maximo) for i, hijo in enumerate(nodo.value)]
    assert isinstance(nodo, MappingNode)
    salida: dict[str, Any] = {}
    vistos: dict[str, tuple[int, int]] = {}
    for k, v in nodo.value:
        if k.tag == esc.MERGE:
            raise esc.rechazar(doc, k, ANCLA, "clave de fusión «<<»: no se admite; escriba los campos completos")
        if not isinstance(k, ScalarNode) or k.tag != esc.STR:
            desc = ("una lista o un mapeo" if not isinstance(k, ScalarNode)
                    else f"«{k.value}» (leído como {esc.nombre_tag(k.tag or '')})")
            sugerencia = f"; si es texto, escríbala entre comillas: \"{k.value}\"" if isinstance(k, ScalarNode) else ""
            doc.problemas.append(esc.rechazar(doc, k, CLAVE_NO_TEXTO,
                                              f"la clave {desc} no es texto{sugerencia}").problema)
            continue
        if getattr(k, "anchor", None):
            raise esc.rechazar(doc, k, ANCLA, f"ancla «&{k.anchor}» en una clave: no se admite")
        esc.sin_sustitutos(doc, k)
        clave = k.value
        if clave in vistos:
            ante = vistos[clave]
            doc.problemas.append(en_una_linea(esc.rechazar(doc, k, CLAVE_DUPLICADA,
                                                           f"la clave «{clave}» ya aparece en la línea {ante[0]}; "
                                                           "deje una sola").problema))
            continue
        vistos[clave] = esc.posicion(k)
        doc.claves[(*ruta, clave)] = esc.posicion(k)
        salida[clave] = _convertir(v, (*ruta, clave), doc, prof + 1, maximo)
    return salida


_RE_SANGRIA = re.compile(r"^[ ?:-]*", re.M)


def cota_profundidad(texto: str) -> int:
    """An upper bound of how deep `texto` can nest. A block collection starts where its first key or entry
    does, after the line's indentation and its «- », «? », «: » indicators, further right than its parent (an
    indentless sequence shares its mapping's column); each flow level needs a bracket."""
    if 2 * len(texto) + 4 <= PROFUNDIDAD_C:
        return 2 * len(texto) + 4  # a short text cannot nest deeper than this: no need to look
    sangria = max(map(len, _RE_SANGRIA.findall(texto)), default=0)
    return 2 * (sangria + 1) + texto.count("[") + texto.count("{") + 2


# --- the parser's errors in Spanish, at the place a person would look -------------------------------------

def demasiado_profundo(texto: str, nombre: str, maximo: int) -> Problema:
    """A limit problem for a text so deep that the parser itself gave up (RecursionError): placed where the nesting
    passes the limit, as the converter would have placed it, by `donde_excede`."""
    linea, col = donde_excede(texto, maximo) or (1, 1)
    return problema(LIMITE, nombre, linea, col, f"más de {maximo} niveles de anidamiento; estos archivos "
                                                  "no necesitan tantos (límite: variable PNI_MAX_PROFUNDIDAD)")


def donde_excede(texto: str, maximo: int) -> tuple[int, int] | None:
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


_TRADUCCIONES: list[tuple[str, str, str]] = [
    ("found character '\\t'", TABULADOR, "hay un tabulador donde YAML espera espacios: sangre solo con espacios"),
    ("while scanning a quoted scalar", SINTAXIS,
     "comillas sin cerrar: falta la comilla de cierre de un texto que empieza aquí"),
    ("while parsing a flow sequence", SINTAXIS,
     "corchete «[» sin cerrar, o falta una coma entre elementos de la lista"),
    ("while parsing a flow mapping", SINTAXIS, "llave «{» sin cerrar, o falta una coma entre elementos"),
    ("mapping values are not allowed here", SINTAXIS,
     "«:» inesperado: si es parte de un texto, ponga el texto entre comillas; si no, revise la sangría"),
    ("expected <block end>", SINTAXIS, "sangría incoherente: este elemento no está alineado con los de su nivel"),
    ("could not find expected ':'", SINTAXIS,
     "falta «:» después de una clave, o un texto de varias líneas sin comillas"),
    ("found undefined alias", ANCLA, "alias «*» sin ancla; los alias no se admiten en estos archivos"),
    ("while scanning an anchor", ANCLA, "ancla «&» mal formada; las anclas no se admiten en estos archivos"),
    ("found unknown escape character", SINTAXIS, "secuencia de escape «\\» desconocida dentro de comillas dobles: "
                                                   "use comillas simples o duplique la barra «\\\\»"),
    ("expected escape sequence", SINTAXIS, "secuencia de escape «\\x» incompleta dentro de comillas dobles"),
    ("found a tab character", TABULADOR, "hay un tabulador donde YAML espera espacios: sangre solo con espacios"),
    ("special characters are not allowed", CODIFICACION, "el archivo contiene caracteres de control no admitidos"),
]


_RE_DIRECTIVA = re.compile(r"^%[^\n]*", re.M)


def _directiva(e: Exception, nombre: str, texto: str) -> Problema | None:
    """A «%YAML 1.3», «%YAML 2.0» or unknown directive: ruamel's pure parser answers some with an AssertionError,
    its C parser with «incompatible YAML document»."""
    m = _RE_DIRECTIVA.search(texto)
    if m is None:
        return None
    mensaje = f"{getattr(e, 'context', '') or ''} {getattr(e, 'problem', '') or ''} {e}"
    if not (isinstance(e, AssertionError) or "YAML document" in mensaje or "directive" in mensaje
            or "version" in mensaje):
        return None
    lineas = texto.split("\n")
    linea = texto.count("\n", 0, m.start()) + 1
    marca = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    if marca is not None and marca.line < len(lineas) and lineas[marca.line].startswith("%"):
        linea = marca.line + 1  # a second «%YAML» is the one that is wrong
    return problema(SINTAXIS, nombre, linea, 1, f"directiva «{lineas[linea - 1].strip()[:40]}» no admitida (o "
                                                "repetida): estos archivos son YAML 1.2 y no necesitan directivas; "
                                                "borre las líneas que empiezan con «%» (y el «---» que las sigue)")


def traducir(e: Exception, nombre: str, texto: str = "") -> Problema:
    if (directiva := _directiva(e, nombre, texto)) is not None:
        return directiva
    posicion = getattr(e, "position", None)
    if isinstance(posicion, int) and isinstance(getattr(e, "character", None), int):  # ruamel's ReaderError
        linea = texto.count("\n", 0, posicion) + 1
        col = posicion - (texto.rfind("\n", 0, posicion) + 1) + 1
        car = getattr(e, "character", 0)
        return problema(CODIFICACION, nombre, linea, col, f"carácter de control U+{car:04X} no admitido en YAML "
                                                      "(¿se pegó desde otro programa?): bórrelo")
    problema_txt = str(getattr(e, "problem", "") or "")
    contexto = str(getattr(e, "context", "") or "")
    if contexto.startswith("while parsing a flow node") and (abierta := _apertura_sin_cerrar(texto)):
        # «sexo: {mujeres: 7,» at the end of the file: the parser only knows where the file ended
        linea, col, car = abierta
        que, cierre = ("corchete «[»", "]") if car == "[" else ("llave «{»", "}")
        return problema(SINTAXIS, nombre, linea, col, f"{que} sin cerrar: el archivo termina sin el «{cierre}» "
                                                      "que lo cierra")
    marca = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    linea = marca.line + 1 if marca is not None else 1
    col = marca.column + 1 if marca is not None else 1
    if (comillas := _comillas_que_siguen(texto, linea)) is not None:
        # «institucion: "MTPS» with more quotes further down: YAML reads on until the next quote and fails there
        l_abre, c_abre, l_cierra = comillas
        return problema(SINTAXIS, nombre, l_abre, c_abre, f"comillas sin cerrar en esta línea: YAML sigue leyendo "
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
    detalle = " ".join(x for x in (contexto, problema_txt) if x).strip()
    if not detalle:  # not a parser's error with words of its own (an AssertionError…): never a Python class name
        return problema(SINTAXIS, nombre, linea, col, "YAML mal formado: el analizador no pudo leer el archivo desde "
                                                      "aquí; revise esta línea")
    return problema(SINTAXIS, nombre, linea, col, f"YAML mal formado (el analizador dice: {detalle})")


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
