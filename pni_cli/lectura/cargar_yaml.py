"""YAML → plain Python values, keeping the file:line:column of every node, and refusing YAML's traps.

The entry point of the YAML loader; it never raises on bad input: it returns a `Documento` whose `problemas` say
what is wrong. The fast path (yaml_rapido) loads the clean files it can vouch for; the reference path
(yaml_referencia) loads everything else and finds, locates and words every problem.
"""

from __future__ import annotations

from pathlib import Path

from ..problemas import Problema, problema
from . import estructura, yaml_rapido, yaml_referencia
from .archivos import CODIFICACION, ILEGIBLE, LIMITE, NoLegible, leer_bytes, limite
from .documento import Documento


def leer_archivo(ruta: Path, nombre: str | None = None) -> Documento:
    """Read and load one YAML file. Never raises."""
    nombre = nombre or str(ruta)
    try:
        datos = leer_bytes(ruta, limite("PNI_MAX_BYTES"))
    except NoLegible as e:
        if e.demasiado_grande:
            return Documento(nombre, problemas=[problema(LIMITE, nombre, 0, 0, e.motivo)])
        motivo = f"no se puede leer el archivo: {e.motivo}"
        return Documento(nombre, problemas=[problema(ILEGIBLE, nombre, 0, 0, motivo)])
    return cargar_bytes(datos, nombre)


def decodificar(datos: bytes, nombre: str) -> tuple[str | None, list[Problema]]:
    """Bytes → text. UTF-8 (with or without BOM) only; anything else is explained."""
    if datos.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [problema(CODIFICACION, nombre, 1, 1, "el archivo está en UTF-16; guárdelo como UTF-8 (en el Bloc "
                                                       "de notas: «Guardar como» → Codificación: UTF-8)")]
    if datos.startswith(b"\xef\xbb\xbf"):
        datos = datos[3:]
    nul = datos.find(b"\x00")
    if nul >= 0:
        linea, col = _lugar_byte(datos, nul)
        return None, [problema(CODIFICACION, nombre, linea, col, "el archivo contiene bytes nulos: no es un archivo de "
                                                           "texto UTF-8 (¿es UTF-16 sin marca, o un archivo binario?)")]
    try:
        texto = datos.decode("utf-8")
    except UnicodeDecodeError as e:
        linea, col = _lugar_byte(datos, e.start)
        return None, [problema(CODIFICACION, nombre, linea, col, f"byte 0x{datos[e.start]:02x} no válido en UTF-8: el "
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
    maximo = limite("PNI_MAX_PROFUNDIDAD")
    rapido = yaml_rapido.activo()
    # before any parser builds a thing; the fast path refuses a text over MAX_CARACTERES itself
    fuera_de_limite = estructura.revisar(texto, nombre, maximo, textos=not rapido)
    if fuera_de_limite is not None:
        return Documento(nombre, problemas=[fuera_de_limite])
    if rapido:
        doc = yaml_rapido.cargar(texto, nombre, maximo)
        if doc is not None:
            return doc
        fuera_de_limite = estructura.revisar_textos(texto, nombre, maximo)
        if fuera_de_limite is not None:
            return Documento(nombre, problemas=[fuera_de_limite])
    return yaml_referencia.cargar(texto, nombre, maximo)
