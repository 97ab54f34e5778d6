"""Each destination of pni_cli/texto_seguro.py keeps its promise whatever the text (hypothesis, arbitrary Unicode
and texts built from the pieces attacks are made of):

- terminal, one-line messages, standard streams, SARIF, JSON: no C0/C1 control (but line feeds where they belong),
  no bidirectional control, no invisible or non-character, checked against unicodedata, not against the module's
  own list;
- a Markdown cell, rendered by GitHub's own renderer (cmark-gfm) and by markdown-it with linkify (what VS Code's
  preview uses), is one cell of plain text: no link, image, emphasis, code or HTML, and the text shown is the text
  of the data;
- an Excel cell is written, saved and read back by openpyxl: valid XML, never a formula, the same text;
- a GitHub annotation is one line, parsed back as GitHub does into the same file, title and message.
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pni_cli import texto_seguro
from pni_cli.problemas import Problema, Severidad
from pni_cli.render.validacion import _linea_github

AJUSTES = settings(max_examples=150, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow])

# pieces of attacks: escape sequences, bidi and invisible characters, Markdown and link syntax, line breaks
PIEZAS = ["\x1b[2J", "\x1b]52;c;aGk=\x07", "\x1b]8;;http://x\x1b\\", "\x07", "\x00", "\r", "\n", "\t", "\x85",
          "\u202e", "\u2066", "\u200f", "\u200b", "\u200d", "\u2060", "\ufeff", "\U000e0041", "\ufe0f", "\u2028",
          "\ufffe", "\uffff", "\U0010ffff", "\u00ad", "\u061c", "[", "]", "(", ")", "![i](http://e/i.png)",
          "[x](http://evil)", "*", "**", "_", "__", "~~", "`", "``", "<", ">", "<b>", "<http://a.b>", "&", "&amp;",
          "&#64;", "#", "|", "\\", ":", "/", "//", ".", "@", "www.", "http://", "https://", "ftp://", "mailto:",
          "xmpp:", ".com", ".sv", "gob.sv", "a@b.sv", "evil", "x", "1", "é", " ", "  ", "- ", "1. ", "> ", "---",
          "=", "+", "-", ":smile:",
          "1.4.1.a", ".a", ".io/", "x.io", ".рф", "пример", "xn--p1ai", "3.5", "etc.)",
          "[^1]", "[ ]", "${{ x }}", "%", "%0A", "::", ",", "\\|"]
PIEZAS_TEXTO = st.lists(st.sampled_from(PIEZAS), max_size=12).map("".join)
CUALQUIERA = st.text(st.characters(), max_size=40)  # any code point, lone surrogates included
TEXTOS = st.one_of(CUALQUIERA, PIEZAS_TEXTO, st.tuples(PIEZAS_TEXTO, CUALQUIERA).map("".join))


def _no_caracter(c: str) -> bool:
    n = ord(c)
    return 0xFDD0 <= n <= 0xFDEF or (n & 0xFFFE) == 0xFFFE


def _ignorable(c: str) -> bool:
    """Default-ignorable code points outside Cf (DerivedCoreProperties), as far as unicodedata lets one tell."""
    n = ord(c)
    return (n in (0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0) or 0x180B <= n <= 0x180F
            or 0xFE00 <= n <= 0xFE0F or 0xE0000 <= n <= 0xE0FFF or 0xFFF0 <= n <= 0xFFF8 or n == 0x2065)


def peligrosos(texto: str, permitidos: str = "") -> list[str]:
    """The characters of `texto` that no terminal or log may receive, by unicodedata's own categories."""
    return [c for c in texto if c not in permitidos and (
        unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") or _no_caracter(c) or _ignorable(c))]


def test_la_lista_de_peligrosos_cubre_cada_control_formato_y_separador_de_unicodedata() -> None:
    faltan = [f"U+{n:04X}" for n in range(0x110000)
              if unicodedata.category(chr(n)) in ("Cc", "Cf", "Cs", "Zl", "Zp") and chr(n) not in "\t\n"
              and not texto_seguro.PELIGROSOS.fullmatch(chr(n))]
    assert not faltan, faltan


# --- terminal, one line, streams, SARIF, JSON --------------------------------------------------------------

@AJUSTES
@given(TEXTOS)
def test_la_terminal_no_recibe_controles_bidi_ni_invisibles(texto: str) -> None:
    salida = texto_seguro.terminal(texto)
    assert not peligrosos(salida, "\n"), salida
    assert "\t" not in salida


@AJUSTES
@given(TEXTOS)
@example("a\nb\rc\u2028d\x85e")
def test_un_mensaje_es_una_linea_sin_controles(texto: str) -> None:
    salida = texto_seguro.una_linea(texto)
    assert not peligrosos(salida) and "\n" not in salida and "\t" not in salida, salida
    assert len(salida.splitlines()) <= 1  # str.splitlines also breaks at \x1c-\x1e, \x85, \u2028…


@AJUSTES
@given(TEXTOS, st.booleans())
def test_lo_que_llega_a_un_flujo_estandar_no_lleva_mas_secuencias_que_colores(texto: str, color: bool) -> None:
    salida = texto_seguro.flujo(texto, color)
    sin_colores = re.sub("\x1b\\[[0-9;]*m", "", salida) if color else salida
    assert not peligrosos(sin_colores, "\n\t"), salida


def test_un_flujo_con_color_deja_pasar_los_colores_y_nada_mas() -> None:
    assert texto_seguro.flujo("\x1b[1;31mrojo\x1b[0m", True) == "\x1b[1;31mrojo\x1b[0m"
    assert texto_seguro.flujo("\x1b[1;31mrojo\x1b[0m", False) == "\\u001b[1;31mrojo\\u001b[0m"
    assert texto_seguro.flujo("\x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\", True) == (
        "\\u001b]8;;http://x\\u001b\\a\\u001b]8;;\\u001b\\")
    assert texto_seguro.flujo("\x1b[2J\x1b[H", True) == "\\u001b[2J\\u001b[H"


@AJUSTES
@given(TEXTOS)
def test_sarif_no_lleva_bidi_ni_invisibles(texto: str) -> None:
    assert not peligrosos(texto_seguro.sarif(texto), "\n\t\r")  # JSON escapes its own controls


@AJUSTES
@given(st.recursive(st.one_of(TEXTOS, st.integers(), st.none(), st.booleans()),
                    lambda hijos: st.one_of(st.lists(hijos, max_size=3), st.dictionaries(TEXTOS, hijos, max_size=3)),
                    max_leaves=10))
def test_json_es_el_mismo_dato_y_no_lleva_caracteres_peligrosos(datos: object) -> None:
    texto = texto_seguro.json(datos)
    assert not peligrosos(texto, "\n"), ascii(texto)
    assert json.loads(texto) == datos


# --- Markdown --------------------------------------------------------------------------------------------------

def _texto_esperado(valor: str) -> str:
    """What a reader must see of `valor` in a cell: the text without the dangerous characters, its white space as
    single spaces (HTML shows it so)."""
    sin = texto_seguro.PELIGROSOS.sub("", re.sub(r"\s+", " ", valor))
    return " ".join(sin.split())


def _celda_de(html_tabla: str) -> str:
    cuerpo = html_tabla.split("<tbody>", 1)
    assert len(cuerpo) == 2, html_tabla
    filas = re.findall(r"<tr>(.*?)</tr>", cuerpo[1], flags=re.S)
    assert len(filas) == 1, html_tabla
    celdas = re.findall(r"<td[^>]*>(.*?)</td>", filas[0], flags=re.S)
    assert len(celdas) == 2, html_tabla
    assert celdas[1] == "fin", html_tabla
    return celdas[0]


def _texto_plano(celda_html: str) -> str:
    sin_comentarios = celda_html.replace("<!-- -->", "")
    assert "<" not in sin_comentarios, celda_html  # no tag at all: no a, img, em, strong, code, del, raw HTML
    return " ".join(html.unescape(sin_comentarios).split())


def _gfm(md: str) -> str:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    # as GitHub renders: raw HTML passes to its sanitizer, which would then keep or strip it
    return str(cmarkgfm.github_flavored_markdown_to_html(md, options=Options.CMARK_OPT_UNSAFE))


_MD_IT: list[object] = []


def _markdown_it(md: str) -> str:
    if not _MD_IT:
        from markdown_it import MarkdownIt

        _MD_IT.append(MarkdownIt("gfm-like", {"linkify": True, "html": True}))
    return str(_MD_IT[0].render(md))  # type: ignore[attr-defined]


@AJUSTES
@given(TEXTOS)
@example("www.evil.com https://a.b/x a@b.sv gob.sv mailto:a@b.sv [x](http://evil) ![i](http://e/i.png) *em* "
         "<http://auto> `code` ~~tachado~~ &copy; | # titulo")
def test_una_celda_markdown_es_una_celda_de_texto_plano(texto: str) -> None:
    celda = texto_seguro.celda_markdown(texto)
    assert "\n" not in celda
    tabla = f"| Dato | Otra |\n|---|---|\n| {celda} | fin |\n"
    for renderizar in (_gfm, _markdown_it):
        assert _texto_plano(_celda_de(renderizar(tabla))) == _texto_esperado(texto), (renderizar.__name__, celda)


@AJUSTES
@given(TEXTOS)
def test_un_texto_markdown_en_un_titulo_es_texto_plano(texto: str) -> None:
    md = f"## Eje 1: {texto_seguro.texto_markdown(texto)}\n"
    for renderizar in (_gfm, _markdown_it):
        salida = renderizar(md).strip()
        m = re.fullmatch(r"<h2>(.*)</h2>", salida, flags=re.S)
        assert m, salida
        assert _texto_plano(m.group(1)) == " ".join(f"Eje 1: {_texto_esperado(texto)}".split()), salida


# --- Excel -----------------------------------------------------------------------------------------------------

@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTOS, min_size=1, max_size=20))
def test_una_celda_excel_es_xml_valido_y_nunca_una_formula(textos: list[str]) -> None:
    import datetime as dt

    from openpyxl import Workbook, load_workbook

    from pni_cli.render.excel import guardar_con_fecha, poner

    wb = Workbook()
    ws = wb.active
    for fila, t in enumerate(textos, 1):
        poner(ws, fila, 1, t)
    datos = guardar_con_fecha(wb, dt.datetime(2026, 1, 1))
    leido = load_workbook(io.BytesIO(datos))  # malformed XML would not load
    hoja = leido.active
    for fila, t in enumerate(textos, 1):
        c = hoja.cell(row=fila, column=1)
        esperado = texto_seguro.celda_excel(t)
        assert c.data_type in ("s", "inlineStr", "n"), (t, c.data_type)  # text or empty: never «f», a formula
        assert (c.value or "") == esperado, (t, c.value)
        assert not peligrosos(str(c.value or ""), "\n\t")


# --- GitHub annotations ------------------------------------------------------------------------------------------

def _decodificar(valor: str) -> str:
    return valor.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _anotacion(linea: str) -> tuple[str, dict[str, str], str]:
    """A workflow command parsed as the runner does: «::nivel props::mensaje», props split at «,» then «=»."""
    m = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", linea, flags=re.S)
    assert m, linea
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: _decodificar(v) for k, v in props.items()}, _decodificar(m.group(3))


@AJUSTES
@given(TEXTOS, TEXTOS)
def test_una_anotacion_de_github_es_una_sola_anotacion(archivo: str, mensaje: str) -> None:
    p = Problema("PNI301", archivo, 3, 7, mensaje, Severidad.ERROR)
    linea = _linea_github(p)
    assert "\n" not in linea and "\r" not in linea and len(linea.splitlines()) == 1, linea
    assert not peligrosos(linea, "\t"), linea
    nivel, props, texto = _anotacion(linea)
    assert nivel == "error"
    assert set(props) == {"file", "line", "col", "title"}
    assert props["file"] == texto_seguro.sarif(archivo)  # the name as written, dangerous characters escaped
    assert (props["line"], props["col"], props["title"]) == ("3", "7", "PNI301 indicador-desconocido")
    assert texto == texto_seguro.sarif(mensaje)


@pytest.mark.parametrize("texto", ["::error::falso", "a\n::warning file=x::falso", "%0A::error::x"])
def test_un_texto_no_puede_fabricar_otra_anotacion(texto: str) -> None:
    linea = _linea_github(Problema("PNI301", texto, 1, 1, texto, Severidad.ERROR))
    assert linea.count("\n") == 0
    assert linea.startswith("::error file=")
    _, props, mensaje = _anotacion(linea)
    assert props["file"] == texto_seguro.sarif(texto)
    assert mensaje == texto_seguro.sarif(texto)
