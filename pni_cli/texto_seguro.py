"""Text that comes from the data (the plan's texts, the progress files, file names, the messages that quote them),
neutralised for the place it goes to. Every output of pni goes through one function of this module, one per
destination, each saying what it neutralises.

The characters that are never shown as they are:

- control characters (C0, DEL, C1): ESC would clear the screen, write the clipboard (OSC 52) or print a hyperlink
  (OSC 8); BEL rings; NUL and the others corrupt logs;
- bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C): they reorder what follows on the
  line, so a CI log line or a message could read differently from what it says;
- invisible characters (zero-width space, joiner and non-joiner, word joiner, U+2028/U+2029, the byte-order mark,
  invisible operators): «1.4.2\u200d.a» would look like a valid id;
- non-characters (U+FFFE, U+FFFF…) and lone surrogates: not valid in XML, nor printable as UTF-8.

They are shown as a visible escape («\\u202e»), so a reader sees that something is there; in Excel cells, where an
escape would be taken for data, they are removed.
"""

from __future__ import annotations

import re

# C0 (but \t and \n, handled by each function), DEL, C1
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u00ad\u115f\u1160\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\u3164\ufeff\uffa0\ufff9-\ufffb"
_NO_CARACTER = "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"

_PELIGROSOS = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}{_NO_CARACTER}]")
_PELIGROSOS_O_SALTO = re.compile(f"[\t\n{_CONTROL}{_BIDI}{_INVISIBLE}{_NO_CARACTER}]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _no_caracter_astral(c: str) -> bool:
    """U+1FFFE, U+1FFFF … U+10FFFF: the non-characters outside the basic plane."""
    return (ord(c) & 0xFFFE) == 0xFFFE and ord(c) > 0xFFFF


def _visible(m: re.Match[str]) -> str:
    c = m.group()
    return _ESCAPES.get(c, f"\\u{ord(c):04x}")


def _astrales(texto: str, reemplazo: str | None) -> str:
    if texto.isascii() or not any(_no_caracter_astral(c) for c in texto):
        return texto
    return "".join((f"\\U{ord(c):08x}" if reemplazo is None else reemplazo) if _no_caracter_astral(c) else c
                   for c in texto)


def terminal(texto: object) -> str:
    """For the terminal (a rich `Text`, or plain output): line breaks kept, a tab as a space, every other dangerous
    character (see the module's docstring) as a visible escape. Never rich markup: renderers build `Text` objects
    from it, so «[bold]» or «[link=…]» in the data is shown as written."""
    t = str(texto).replace("\t", " ").replace("\r\n", "\n")
    return _astrales(_PELIGROSOS.sub(_visible, t), None)


def una_linea(texto: object, maximo: int | None = None) -> str:
    """For a one-line message (a problem in validar's output, a warning on standard error, a CI log line): like
    `terminal`, and line breaks and tabs escaped too («a\\nb»), so that a text stays on its line and cannot pass for
    another message. With `maximo`, cut after that many characters («…»)."""
    t = _astrales(_PELIGROSOS_O_SALTO.sub(_visible, str(texto)), None)
    if maximo is not None and len(t) > maximo:
        t = t[:maximo] + "…"
    return t


def citas_cortas(mensaje: str, maximo: int = 80) -> str:
    """A message that quotes the data («…»): one line (`una_linea`), and each quoted text cut after `maximo`
    characters, so that a value of megabytes is not a message of megabytes."""
    return re.sub("«([^»]{" + str(maximo) + "})[^»]+»", r"«\1…»", una_linea(mensaje))


_MD_ESPECIALES = re.compile(r"([\\`*_\[\]|~#!])")


def celda_markdown(valor: object) -> str:
    """One cell of a GitHub-flavoured Markdown table that renders as plain text: one line, no dangerous character,
    no pipe that would split the cell, no HTML (<, >, & as entities), no emphasis, code, link or image markup."""
    t = re.sub(r"\s+", " ", str(valor).replace("\r", " ").replace("\n", " "))
    t = _PELIGROSOS.sub("", t)
    t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _astrales(_MD_ESPECIALES.sub(r"\\\1", t), "").strip()


def texto_markdown(valor: object) -> str:
    """Loose Markdown text (a title, a line of a list): as `celda_markdown`, which also suits it."""
    return celda_markdown(valor)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def celda_excel(valor: object) -> object:
    """A value for an Excel cell. Numbers, dates and None pass as they are; a text loses every dangerous character
    (see the module's docstring) but tabs and line breaks: those XML 1.0 cannot hold would make the workbook
    unreadable, the others would garble or reorder what the cell shows. Whether it would be read as a formula is
    `parece_formula`'s concern: the writer stores such a text as text (pni_cli/render/excel.py)."""
    if not isinstance(valor, str):
        return valor
    return _astrales(_PELIGROSOS.sub("", valor), "")


def parece_formula(texto: str) -> bool:
    """A text that Excel or LibreOffice would take for a formula if typed: it starts with = + - @ (or a tab or a
    carriage return before one). The writer keeps it as text and marks it so."""
    return texto.startswith(_FORMULA)


def comentario_yaml(texto: object) -> str:
    """Text for a YAML comment (a file name in «# Importado de …»): one line, so that it can never end the comment
    and write YAML of its own (say «ilustrativo: true»)."""
    return una_linea(texto)


def propiedad_github(texto: object) -> str:
    """A property of a GitHub Actions workflow command (file=…, title=…): one line, and %, CR, LF, «:» and «,»
    percent-encoded as GitHub specifies, so it cannot end the property or the command."""
    return mensaje_github(texto).replace(":", "%3A").replace(",", "%2C")


def mensaje_github(texto: object) -> str:
    """The message of a GitHub Actions workflow command: dangerous characters as visible escapes, then %, CR and LF
    percent-encoded, so that one problem is exactly one annotation."""
    t = _astrales(_PELIGROSOS.sub(_visible, str(texto)), None)
    return t.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def sarif(texto: object) -> str:
    """A text of a SARIF report (JSON escapes its own controls): bidirectional and invisible characters as visible
    escapes, so a code-scanning view shows what the file really says."""
    return _astrales(_PELIGROSOS.sub(_visible, str(texto)), None)


def html(texto: object) -> str:
    """Text inside an HTML element or attribute: & < > " ' as entities, and dangerous characters as visible
    escapes."""
    import html as _html

    return _html.escape(terminal(texto).replace("\n", " "), quote=True)
