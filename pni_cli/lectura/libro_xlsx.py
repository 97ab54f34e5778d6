"""The cells of a few sheets of an .xlsx workbook, read from its XML parts with defusedxml and cross-checked, never
guessed: a shared-string index that is negative or past the table, a style index past the styles, a number format
that is not defined, a cell outside the sheet's declared dimension or written twice, a number that is not a number,
a sheet the workbook names but does not hold — each is a problem at its sheet and cell, and the cell is not read.

pni does not let openpyxl read the form: its reader takes a shared-string index of -1 as the last string (Python
indexing), keeps the last of two cells with the same reference and does not report merged cells in read-only
mode. Here every part is parsed as a stream (iterparse), elements are dropped once read, and each part is bounded
by the container checks (pni_cli/lectura/formulario_excel.py) before it is opened, so time and memory stay bounded.
Values come back as the workbook holds them (numbers as float or int, text, booleans, error codes), with the
number format of the cell, so that the caller decides what a date, a percentage or a count is.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RE_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_RE_NUMERO = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_RE_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_TIPOS = {"n", "s", "str", "inlineStr", "b", "e", "d"}


class LibroInvalido(Exception):
    """The workbook cannot be read at all (a part missing or not XML): one message for the whole file."""


@dataclass(frozen=True)
class Celda:
    """One cell as stored: its value (None when empty), its type (n, s, str, inlineStr, b, e, d), its number
    format, and whether it holds a formula (then `valor` is the value Excel computed and saved, or None)."""

    valor: Any
    tipo: str
    formato: str
    formula: bool = False


@dataclass
class Hoja:
    nombre: str
    estado: str  # visible, hidden, veryHidden
    celdas: dict[tuple[int, int], Celda] = field(default_factory=dict)
    combinadas: list[tuple[int, int, int, int]] = field(default_factory=list)  # row1, col1, row2, col2
    ultima_fila: int = 0  # the last row with any cell, read or not (for the row limit)


@dataclass
class Inconsistencia:
    """A part of the workbook that contradicts another: at a sheet and cell when it is one, else (0, 0)."""

    hoja: str
    fila: int
    columna: int
    mensaje: str


@dataclass
class Libro:
    hojas: list[str]  # every sheet name, in order
    estados: dict[str, str]
    fecha_1904: bool
    leidas: dict[str, Hoja] = field(default_factory=dict)
    inconsistencias: list[Inconsistencia] = field(default_factory=list)


def columna(letras: str) -> int:
    n = 0
    for c in letras:
        n = n * 26 + ord(c) - 64
    return n


def referencia(ref: str) -> tuple[int, int] | None:
    m = _RE_REF.fullmatch(ref)
    if not m:
        return None
    fila, col = int(m.group(2)), columna(m.group(1))
    return (fila, col) if fila >= 1 and 1 <= col <= 16384 else None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _iterparse(z: zipfile.ZipFile, nombre: str) -> Iterator[tuple[str, Any]]:
    from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]

    with z.open(nombre) as f:
        yield from iterparse(f, events=("start", "end"), forbid_dtd=True)


def _arbol(z: zipfile.ZipFile, nombre: str) -> Any:
    from defusedxml.ElementTree import fromstring

    return fromstring(z.read(nombre), forbid_dtd=True)


def _texto(el: Any) -> str:
    """The text of a string item (<si>, <is>): its <t>, or its runs' <t>, without phonetic runs (<rPh>)."""
    partes = []
    for hijo in el:
        nombre = _local(hijo.tag)
        if nombre == "t":
            partes.append(hijo.text or "")
        elif nombre == "r":
            partes += [t.text or "" for t in hijo if _local(t.tag) == "t"]
    return _sin_escapes("".join(partes))


def _sin_escapes(texto: str) -> str:
    """OOXML writes characters XML cannot hold as «_x000D_»; a carriage return before a line break is dropped."""
    if "_x" in texto:
        texto = _RE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), texto)
    return texto.replace("\r\n", "\n").replace("\r", "\n")


def _rutas(z: zipfile.ZipFile, nombres: set[str]) -> tuple[dict[str, tuple[str, str]], dict[str, str], bool]:
    """Sheets (name → (state, part)) and the shared strings and styles parts, from the workbook and its rels."""
    if "xl/workbook.xml" not in nombres:
        raise LibroInvalido("falta la parte xl/workbook.xml")
    libro = _arbol(z, "xl/workbook.xml")
    rels: dict[str, tuple[str, str]] = {}
    if "xl/_rels/workbook.xml.rels" in nombres:
        for r in _arbol(z, "xl/_rels/workbook.xml.rels"):
            if r.get("TargetMode") == "External":
                continue
            destino = r.get("Target") or ""
            destino = destino.lstrip("/") if destino.startswith("/") else posixpath.normpath("xl/" + destino)
            rels[r.get("Id") or ""] = (r.get("Type") or "", destino)
    hojas: dict[str, tuple[str, str]] = {}
    fecha_1904 = False
    for el in libro.iter():
        nombre = _local(el.tag)
        if nombre == "sheet":
            rel = rels.get(el.get(_REL) or "")
            hojas[el.get("name") or ""] = (el.get("state") or "visible", rel[1] if rel else "")
        elif nombre == "workbookPr":
            fecha_1904 = (el.get("date1904") or "").lower() in ("1", "true")
    partes = {}
    for tipo, destino in rels.values():
        for clave in ("sharedStrings", "styles"):
            if tipo.endswith("/" + clave):
                partes[clave] = destino
    return hojas, partes, fecha_1904


def _textos(z: zipfile.ZipFile, parte: str | None, nombres: set[str], malos: list[Inconsistencia]) -> list[str]:
    if parte is None:
        return []
    if parte not in nombres:
        malos.append(Inconsistencia("", 0, 0, f"el libro declara la tabla de textos «{parte}», que no contiene"))
        return []
    textos: list[str] = []
    unicos = None
    for evento, el in _iterparse(z, parte):
        nombre = _local(el.tag)
        if evento == "start" and nombre == "sst":
            unicos = el.get("uniqueCount")
        elif evento == "end" and nombre == "si":
            textos.append(_texto(el))
            el.clear()
    if unicos is not None and (not unicos.isdigit() or int(unicos) != len(textos)):
        malos.append(Inconsistencia("", 0, 0, f"la tabla de textos compartidos dice tener {unicos} textos y tiene "
                                              f"{len(textos)}"))
    return textos


def _formatos(z: zipfile.ZipFile, parte: str | None, nombres: set[str], malos: list[Inconsistencia]) -> list[str]:
    """The number format code of each cell style (cellXfs), by index."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    if parte is None or parte not in nombres:
        if parte is not None:
            malos.append(Inconsistencia("", 0, 0, f"el libro declara los estilos «{parte}», que no contiene"))
        return ["General"]
    propios: dict[int, str] = {}
    ids: list[int] = []
    en_xfs = False
    for evento, el in _iterparse(z, parte):
        nombre = _local(el.tag)
        if nombre == "cellXfs":
            en_xfs = evento == "start"
        elif evento == "end" and nombre == "numFmt":
            try:
                propios[int(el.get("numFmtId") or "")] = el.get("formatCode") or "General"
            except ValueError:
                malos.append(Inconsistencia("", 0, 0, "un formato de número de los estilos no tiene un número de "
                                                      "formato válido"))
        elif evento == "start" and nombre == "xf" and en_xfs:
            texto = el.get("numFmtId") or "0"
            ids.append(int(texto) if texto.isdigit() else -1)
    out = []
    for i, n in enumerate(ids):
        if n in propios:
            out.append(propios[n])
        elif 0 <= n < 164:  # built in: those openpyxl knows, and the locale-dependent ones as General
            out.append(BUILTIN_FORMATS.get(n, "General"))
        else:
            malos.append(Inconsistencia("", 0, 0, f"el estilo de celda {i} usa el formato de número {n}, que el "
                                                  "libro no define"))
            out.append("General")
    return out or ["General"]


def leer(z: zipfile.ZipFile, hojas: tuple[str, ...], max_fila: int) -> Libro:
    """Read the sheets named `hojas` (those present) of the workbook in `z`, cell by cell, up to row `max_fila`
    (past it only the last row's number is kept). Raises LibroInvalido, or what defusedxml raises on a DTD."""
    nombres = set(z.namelist())
    rutas, partes, fecha_1904 = _rutas(z, nombres)
    libro = Libro(list(rutas), {n: e for n, (e, _) in rutas.items()}, fecha_1904)
    malos = libro.inconsistencias
    textos = _textos(z, partes.get("sharedStrings"), nombres, malos)
    formatos = _formatos(z, partes.get("styles"), nombres, malos)
    for nombre in hojas:
        if nombre not in rutas:
            continue
        estado, parte = rutas[nombre]
        if parte not in nombres:
            malos.append(Inconsistencia(nombre, 0, 0, f"el libro nombra la hoja «{nombre}» pero no contiene su "
                                                      f"parte «{parte or '?'}»"))
            continue
        hoja = Hoja(nombre, estado)
        _leer_hoja(z, parte, hoja, textos, formatos, max_fila, malos)
        libro.leidas[nombre] = hoja
    return libro


def _leer_hoja(z: zipfile.ZipFile, parte: str, hoja: Hoja, textos: list[str], formatos: list[str], max_fila: int,
               malos: list[Inconsistencia]) -> None:
    dimension: tuple[int, int, int, int] | None = None
    fila_actual = 0

    def mal(fila: int, col: int, mensaje: str) -> None:
        malos.append(Inconsistencia(hoja.nombre, fila, col, mensaje))

    for evento, el in _iterparse(z, parte):
        nombre = _local(el.tag)
        if evento == "start":
            if nombre == "row":
                r = el.get("r")
                fila_actual = int(r) if r and r.isdigit() else fila_actual + 1
                hoja.ultima_fila = max(hoja.ultima_fila, fila_actual)
            continue
        if nombre == "dimension":
            dimension = _rango(el.get("ref") or "")
        elif nombre == "mergeCell":
            rango = _rango(el.get("ref") or "")
            if rango is None:
                mal(0, 0, f"una combinación de celdas tiene la referencia «{el.get('ref')}», que no es un rango")
            else:
                hoja.combinadas.append(rango)
        elif nombre == "c":
            ref = el.get("r")
            lugar = referencia(ref) if ref else None
            el_clear = el.clear
            if lugar is None:
                mal(fila_actual, 0, f"una celda de la fila {fila_actual} no tiene una referencia válida "
                                    f"(«{ref or ''}»)")
                el_clear()
                continue
            fila, col = lugar
            hoja.ultima_fila = max(hoja.ultima_fila, fila)
            if fila > max_fila:
                el_clear()
                continue
            if fila != fila_actual:
                mal(fila, col, f"la celda está en la fila {fila_actual} del archivo pero dice ser de la fila {fila}")
            elif lugar in hoja.celdas:
                mal(fila, col, "la celda aparece dos veces en la hoja, con valores que podrían ser distintos")
            elif dimension is not None and not (dimension[0] <= fila <= dimension[2]
                                                and dimension[1] <= col <= dimension[3]):
                mal(fila, col, "la celda está fuera de las dimensiones que declara la hoja")
            else:
                celda, problema = _celda(el, textos, formatos)
                if problema:
                    mal(fila, col, problema)
                elif celda is not None:
                    hoja.celdas[lugar] = celda
            el_clear()
        elif nombre == "row":
            el.clear()


def _rango(ref: str) -> tuple[int, int, int, int] | None:
    a, _, b = ref.partition(":")
    uno, dos = referencia(a), referencia(b or a)
    if uno is None or dos is None:
        return None
    return min(uno[0], dos[0]), min(uno[1], dos[1]), max(uno[0], dos[0]), max(uno[1], dos[1])


def _celda(el: Any, textos: list[str], formatos: list[str]) -> tuple[Celda | None, str | None]:
    """One <c> element as a Celda, or the reason it cannot be read."""
    tipo = el.get("t") or "n"
    if tipo not in _TIPOS:
        return None, f"la celda tiene un tipo desconocido («{tipo}»)"
    s = el.get("s") or "0"
    if not s.isdigit() or int(s) >= len(formatos):
        return None, (f"la celda usa el estilo {s}, y el libro tiene {len(formatos)} estilos de celda (del 0 al "
                      f"{len(formatos) - 1})")
    formato = formatos[int(s)]
    v = f = inline = None
    for hijo in el:
        nombre = _local(hijo.tag)
        if nombre == "v":
            v = hijo.text or ""
        elif nombre == "f":
            f = True
        elif nombre == "is":
            inline = _texto(hijo)
    formula = bool(f)
    if tipo == "inlineStr":
        return Celda(inline if inline is not None else None, tipo, formato, formula), None
    if v is None or (formula and not v.strip()):  # openpyxl writes an uncomputed formula with an empty <v/>
        return (Celda(None, tipo, formato, True) if formula else None), None
    if tipo == "s":
        if not re.fullmatch(r"[0-9]+", v.strip()):
            return None, (f"la celda remite al texto compartido «{v.strip()}», que no es un índice: la tabla de "
                          "textos va de 0 en adelante")
        i = int(v)
        if i >= len(textos):
            return None, (f"la celda remite al texto compartido {i}, y la tabla tiene {len(textos)} textos"
                          + (f" (del 0 al {len(textos) - 1})" if textos else ""))
        return Celda(textos[i], tipo, formato, formula), None
    if tipo == "n":
        t = v.strip()
        if not _RE_NUMERO.fullmatch(t):
            return None, f"la celda dice ser un número pero contiene «{t[:40]}»"
        numero: float | int = float(t) if any(c in t for c in ".eE") else int(t)
        return Celda(numero, tipo, formato, formula), None
    if tipo == "b":
        if v.strip() not in ("0", "1"):
            return None, f"la celda dice ser verdadero/falso pero contiene «{v.strip()[:40]}»"
        return Celda(v.strip() == "1", tipo, formato, formula), None
    if tipo == "d":
        import datetime as dt

        try:
            return Celda(dt.datetime.fromisoformat(v.strip()), tipo, formato, formula), None
        except ValueError:
            return None, f"la celda dice ser una fecha pero contiene «{v.strip()[:40]}»"
    return Celda(_sin_escapes(v), tipo, formato, formula), None  # str (a formula's text), e (an error such as #N/A)
