"""What a printed workbook must be, checked on the workbook itself (openpyxl, in process): the tests of every document
pni writes in Excel (the meeting report, the report per institution, the document by objective, the form) call
`problemas` and expect an empty list. Each check names what an official holding the printed page would see:

- a row shorter than its text (clipped in LibreOffice and Excel: the row heights are fixed);
- a word, an id or a clave cut in two because it is wider than its column («6.4.3» broken, «Esperad-o»);
- a colour pair that is not the palette's (pni_cli/render/paleta.py), or below WCAG AA contrast;
- a sheet that prints below 8 points, or wider than the page;
- a page fuller than the paper (the program would break it elsewhere than pni did), or a page that ends with a
  section title or a table's header (a lone header at the foot of a page, its rows on the next).
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils import get_column_letter

from pni_cli.render import excel, paleta

PARES = set(paleta.PARES.values())


def _rgb(color: Any, omision: str) -> str:
    if color is None or color.type != "rgb" or not isinstance(color.rgb, str):
        return omision
    return color.rgb[-6:].upper()


def _anchos(ws: Any) -> list[float]:
    return [ws.column_dimensions[get_column_letter(j)].width or 8.43 for j in range(1, ws.max_column + 1)]


def problemas(libro: Any, *, paginas: bool = True, holgura: float | None = 15.0) -> list[str]:
    """Everything in `libro` that prints badly. `paginas`: the sheets print at an explicit scale with pni's page
    breaks (the reports; the form is fitted to the page); `holgura`: how much taller than its text a row may be
    (None: any, for the form's rows left tall to be filled)."""
    out: list[str] = []
    for ws in libro.worksheets:
        if ws.sheet_state != "visible":
            continue
        out += _filas(ws, holgura) + _colores(ws)
        if paginas:
            out += _paginas(ws)
    return out


def _filas(ws: Any, holgura: float | None) -> list[str]:
    out = []
    medida = excel.Medida(ws)
    for fila in range(1, ws.max_row + 1):
        necesita = medida.alto(fila)
        if necesita is None:
            continue
        alto = ws.row_dimensions[fila].height
        if alto is None or alto < necesita - 0.01:
            out.append(f"{ws.title}!{fila}: fila de {alto} pt para un texto que necesita {necesita} pt (recortada)")
        elif holgura is not None and alto > necesita + holgura:
            out.append(f"{ws.title}!{fila}: fila de {alto} pt para un texto de {necesita} pt")
        for c in ws[fila]:
            if not isinstance(c.value, str) or (fila, c.column) in medida.tapadas:
                continue
            if c.alignment is None or not c.alignment.wrap_text:
                continue
            ancho = excel.ancho_util(medida.abarca.get((fila, c.column), medida.anchos[c.column - 1]))
            negrita, tamano = bool(c.font and c.font.b), float(c.font.sz or 10)
            for pieza in re.findall(r"\S+?(?:[-/](?=\D)|(?=\s)|$)", c.value):
                if "://" in c.value or len(pieza) > 30:
                    continue  # a link or a run of 30 characters cannot fit any column: it wraps where it must
                if excel.ancho_texto(pieza.rstrip(",;:"), tamano, negrita) > ancho:
                    out.append(f"{ws.title}!{c.coordinate}: «{pieza}» no cabe en su columna y se corta")
    return out


def _colores(ws: Any) -> list[str]:
    out = []
    for fila in ws.iter_rows():
        for c in fila:
            if c.value is None:
                continue
            fondo = _rgb(c.fill.fgColor, paleta.BLANCO) if c.fill is not None and c.fill.fill_type == "solid" \
                else paleta.BLANCO
            texto = _rgb(c.font.color if c.font else None, paleta.NEGRO)
            if (fondo, texto) not in PARES:
                out.append(f"{ws.title}!{c.coordinate}: texto {texto} sobre {fondo}, un par que no es de la paleta")
            elif paleta.contraste(fondo, texto) < 4.5:
                out.append(f"{ws.title}!{c.coordinate}: contraste {paleta.contraste(fondo, texto):.1f}")
    return out


def _paginas(ws: Any) -> list[str]:
    out = []
    ps = ws.page_setup
    if (ps.orientation, str(ps.paperSize)) != ("landscape", ws.PAPERSIZE_LETTER):
        out.append(f"{ws.title}: no es carta horizontal")
    if ws.sheet_properties.pageSetUpPr.fitToPage or not ps.scale:
        return [*out, f"{ws.title}: ajustada a la página (Excel no respeta así los saltos de página de pni)"]
    anchos = _anchos(ws)
    if 10 * ps.scale / 100 < 8:
        out.append(f"{ws.title}: se imprime a {10 * ps.scale / 100:.1f} puntos")
    if sum(anchos) * excel.PT_POR_UNIDAD_LIBREOFFICE * ps.scale / 100 > excel.ANCHO_UTIL_PT + 0.5:
        out.append(f"{ws.title}: más ancha que la página a {ps.scale} %")
    cabida = excel.ALTO_UTIL_PT * 100 / ps.scale
    titulo = None
    if ws.print_title_rows:
        a, b = (int(x) for x in re.findall(r"\d+", ws.print_title_rows)[:2])
        titulo = (a, b, sum(ws.row_dimensions[r].height or 0 for r in range(a, b + 1)))
    cortes = sorted(b.id for b in ws.row_breaks.brk)
    inicio = 1
    for fin in [*cortes, ws.max_row]:
        if fin < inicio:
            continue
        repite = titulo is not None and inicio > titulo[1]
        alto = sum(ws.row_dimensions[r].height or 0 for r in range(inicio, fin + 1)) + (titulo[2] if repite else 0)
        if alto > cabida:
            out.append(f"{ws.title}: la página de las filas {inicio}-{fin} mide {alto:.0f} pt de {cabida:.0f}")
        if fin < ws.max_row and _es_titulo_o_encabezado(ws, fin):
            out.append(f"{ws.title}: la fila {fin} («{ws.cell(fin, 1).value}») queda sola al pie de una página")
        inicio = fin + 1
    return out


def _es_titulo_o_encabezado(ws: Any, fila: int) -> bool:
    c = ws.cell(row=fila, column=1)
    if c.value is None:
        return False
    relleno = _rgb(c.fill.fgColor, "") if c.fill is not None and c.fill.fill_type == "solid" else ""
    return relleno == paleta.ENCABEZADO[0] or bool(c.font and c.font.b and (c.font.sz or 10) > 10)
