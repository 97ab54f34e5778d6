"""Text that comes from the data (the plan's texts, the progress files, file names, the messages that quote them),
neutralised for the place it goes to. Every output of pni goes through one function of this module, one per
destination, each saying what it neutralises; and the standard streams themselves go through `flujo` (installed by
`pni_cli.terminal.flujos_protegidos`), so that not even a renderer that forgot its function can let one through.

The characters that are never shown as they are (`PELIGROSOS`):

- control characters (C0 but tab and line feed, DEL, C1): ESC would clear the screen, write the clipboard (OSC 52)
  or print a hyperlink (OSC 8); BEL rings; CR rewrites a line of a CI log; NUL and the others corrupt logs;
- bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C): they reorder what follows on the
  line, so a CI log line or a message could read differently from what it says;
- invisible characters: every format character (Unicode category Cf: zero-width space, joiner and non-joiner, word
  joiner, invisible operators, the byte-order mark, the tag characters U+E0000-U+E007F that can smuggle a hidden
  text…), the line and paragraph separators U+2028/U+2029, and the other default-ignorable characters (variation
  selectors, Hangul fillers, U+034F…): «1.4.2\u200d.a» would look like a valid id;
- non-characters (U+FFFE, U+FFFF and their copies in every plane, U+FDD0-U+FDEF) and lone surrogates: not valid
  in XML, nor printable as UTF-8.

Where a reader must see that something is there (terminal, messages, logs, JSON, SARIF) they are shown as a
visible escape («\\u202e»); in a Markdown cell or an Excel cell, where an escape would be taken for data, they are
removed. tests/unit/test_texto_seguro.py holds each destination to its promise over arbitrary Unicode.
"""

from __future__ import annotations

import json as _json
import re
from typing import Any

# C0 (but \t and \n, which each function handles), DEL, C1
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Cf (format) characters of Unicode 15 that are not bidirectional controls, U+2028/U+2029, and the other
# default-ignorable code points (tests/unit/test_texto_seguro.py checks the list against unicodedata)
_INVISIBLE = ("\u00ad\u034f\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f"
              "\u200b-\u200d\u2028\u2029\u2060-\u2065\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
              "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
              "\U000e0000-\U000e0fff")
_NO_CARACTER = ("\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                + "".join(chr(plano * 0x10000 + 0xFFFE) + chr(plano * 0x10000 + 0xFFFF) for plano in range(1, 17)))
_CLASE = f"{_CONTROL}{_BIDI}{_INVISIBLE}{_NO_CARACTER}"

PELIGROSOS = re.compile(f"[{_CLASE}]")
_PELIGROSOS_O_SALTO = re.compile(f"[\t\n{_CLASE}]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(m: re.Match[str]) -> str:
    c = m.group()
    if c in _ESCAPES:
        return _ESCAPES[c]
    return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"


def _escapar(texto: str) -> str:
    return texto if texto.isascii() and texto.isprintable() else PELIGROSOS.sub(_visible, texto)


def terminal(texto: object) -> str:
    """For the terminal (a rich `Text`, or plain output): line breaks kept, a tab as a space, every other dangerous
    character (see the module's docstring) as a visible escape. Never rich markup: renderers build `Text` objects
    from it, so «[bold]» or «[link=…]» in the data is shown as written."""
    return _escapar(str(texto).replace("\t", " ").replace("\r\n", "\n"))


def una_linea(texto: object, maximo: int | None = None) -> str:
    """For a one-line message (a problem in validar's output, a warning on standard error, a CI log line): like
    `terminal`, and line breaks and tabs escaped too («a\\nb»), so that a text stays on its line and cannot pass for
    another message. With `maximo`, cut after that many characters («…»)."""
    t = str(texto)
    if not (t.isascii() and t.isprintable()):
        t = _PELIGROSOS_O_SALTO.sub(_visible, t)
    if maximo is not None and len(t) > maximo:
        t = t[:maximo] + "…"
    return t


def citas_cortas(mensaje: str, maximo: int = 80) -> str:
    """A message that quotes the data («…»): one line (`una_linea`), and each quoted text cut after `maximo`
    characters, so that a value of megabytes is not a message of megabytes."""
    return re.sub("«([^»]{" + str(maximo) + "})[^»]+»", r"«\1…»", una_linea(mensaje))


def flujo(texto: str, color: bool = False) -> str:
    """What reaches a standard stream (pni_cli/terminal.py installs it on stdout and stderr for the whole run): every
    dangerous character but line feeds and tabs as a visible escape. With `color`, the colour and style sequences
    that rich and pni write themselves (SGR: ESC [ digits ; … m) pass; any other escape sequence — cursor moves,
    clear screen, OSC 8 hyperlinks, OSC 52 clipboard writes, terminal title — is shown as text."""
    if texto.isascii() and texto.isprintable():
        return texto
    if not color:
        return PELIGROSOS.sub(_visible, texto)
    return _SGR_O_PELIGROSO.sub(lambda m: m.group() if m.group(1) is not None else _visible(m), texto)


_SGR_O_PELIGROSO = re.compile(f"(\x1b\\[[0-9;]*m)|[{_CLASE}]")


# --- Markdown ------------------------------------------------------------------------------------------------

_MD_ESPECIALES = re.compile(r"([\\`*_\[\]|~#!])")
# What GitHub (cmark-gfm's autolink extension) and markdown-it's linkify (VS Code's preview) would turn into a link
# without any markup: «www.», a scheme «https://», «//host», a bare domain «gob.sv». A backslash before the dot (one
# before two letters, as a top-level domain needs, or after «www»), the colon or the slash that makes them keeps them
# text in both: the escape splits the text where the link would be recognised (ids, decimals and «etc.» are left as
# they are). An address «a@b.sv» is recognised by cmark-gfm after escapes are undone: an empty HTML comment after
# the «@», which no renderer shows, splits it.
_AUTOENLACE = re.compile(r"\.(?=[^\W\d_]{2})|(?<=[wW]{3})\.|:(?=/)|/(?=/)")
_ARROBA = re.compile(r"@(?=\S)")


def celda_markdown(valor: object) -> str:
    """One cell of a GitHub-flavoured Markdown table that renders as plain text: one line, no dangerous character,
    no pipe that would split the cell, no HTML (<, >, & as entities), no emphasis, strikethrough, code, heading, link,
    image or autolink (a URL, a domain or an address in the data is shown, never linked)."""
    t = re.sub(r"\s+", " ", str(valor))
    t = PELIGROSOS.sub("", t)
    t = t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    t = _MD_ESPECIALES.sub(r"\\\1", t)
    t = _AUTOENLACE.sub(lambda m: "\\" + m.group(), t)
    return _ARROBA.sub("@<!-- -->", t).strip()


def texto_markdown(valor: object) -> str:
    """Loose Markdown text (a title, a line of a list): as `celda_markdown`, which also suits it."""
    return celda_markdown(valor)


# --- Excel, YAML -----------------------------------------------------------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def celda_excel(valor: object) -> object:
    """A value for an Excel cell. Numbers, dates and None pass as they are; a text loses every dangerous character
    (see the module's docstring) but tabs and line breaks: those XML 1.0 cannot hold would make the workbook
    unreadable, the others would garble or reorder what the cell shows. Whether it would be read as a formula is
    `parece_formula`'s concern: the writer stores such a text as text (pni_cli/render/excel.py)."""
    if not isinstance(valor, str):
        return valor
    return PELIGROSOS.sub("", valor.replace("\r\n", "\n"))


def parece_formula(texto: str) -> bool:
    """A text that Excel or LibreOffice would take for a formula if typed: it starts with = + - @ (or a tab or a
    carriage return before one). The writer keeps it as text and marks it so."""
    return texto.startswith(_FORMULA)


def comentario_yaml(texto: object) -> str:
    """Text for a YAML comment (a file name in «# Importado de …»): one line, so that it can never end the comment
    and write YAML of its own (say «ilustrativo: true»)."""
    return una_linea(texto)


# --- CI: GitHub annotations, SARIF, JSON -------------------------------------------------------------------------

def propiedad_github(texto: object) -> str:
    """A property of a GitHub Actions workflow command (file=…, title=…): one line, and %, CR, LF, «:» and «,»
    percent-encoded as GitHub specifies, so it cannot end the property or the command."""
    return mensaje_github(texto).replace(":", "%3A").replace(",", "%2C")


def mensaje_github(texto: object) -> str:
    """The message of a GitHub Actions workflow command: dangerous characters as visible escapes, then %, CR and LF
    percent-encoded, so that one problem is exactly one annotation."""
    t = _escapar(str(texto))
    return t.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def sarif(texto: object) -> str:
    """A text of a SARIF report (JSON escapes its own controls): bidirectional and invisible characters as visible
    escapes, so a code-scanning view shows what the file really says."""
    return _escapar(str(texto))


def json(datos: Any, indent: int | None = 2) -> str:
    """A JSON document (`pni estado`, `pni cambios`, `pni validar --formato json|sarif`): UTF-8 text as it is, and
    every dangerous character as a JSON escape («\\u202e»), so that a log or a terminal that shows the document
    shows the escape, and a program that reads it reads the very same text."""
    texto = _json.dumps(datos, ensure_ascii=False, indent=indent)
    return PELIGROSOS.sub(_escape_json, texto)


def _escape_json(m: re.Match[str]) -> str:
    c = ord(m.group())
    if c <= 0xFFFF:
        return f"\\u{c:04x}"
    c -= 0x10000
    return f"\\u{0xD800 + (c >> 10):04x}\\u{0xDC00 + (c & 0x3FF):04x}"


def html(texto: object) -> str:
    """Text inside an HTML element or attribute: & < > " ' as entities, and dangerous characters as visible
    escapes."""
    import html as _html

    return _html.escape(terminal(texto).replace("\n", " "), quote=True)
