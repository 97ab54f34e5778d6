"""The measure behind every printed workbook (pni_cli/render/excel.py): how wide a text is in Arial, how many lines it
takes in a column, how tall its row must be, at what scale a sheet prints and where its pages break.

tests/fixtures/impresos/lineas_libreoffice.json holds the lines LibreOffice gave (optimal row height) to texts of
pni's own documents in columns of several widths, regular and bold: long uppercase labels (objetivos del Pacto),
lists of claves (CONSEJO-NACIONAL-CONTRA-LA-TRATA, MINISTERIO-DE-VIVIENDA), lists of semesters, the plan's texts.
The measure must never give fewer lines than LibreOffice (a clipped row) and only a few more (Excel's columns are
narrower than LibreOffice's, so a little more is expected)."""

from __future__ import annotations

import json

import pytest

from pni_cli.render import excel
from tests.conftest import REPO

CASOS = json.loads((REPO / "tests" / "fixtures" / "impresos" / "lineas_libreoffice.json").read_text(
    encoding="utf-8"))["casos"]


def _lineas(caso: dict[str, object]) -> int:
    return excel.lineas_de_texto(str(caso["texto"]), excel.ancho_util(float(caso["ancho"])),  # type: ignore[arg-type]
                                 10, bool(caso["negrita"]))


def test_nunca_menos_lineas_que_libreoffice() -> None:
    cortas = [(c["texto"], c["ancho"], c["negrita"], _lineas(c), c["lineas"]) for c in CASOS
              if _lineas(c) < c["lineas"]]
    assert not cortas, f"{len(cortas)} textos saldrían recortados, p. ej. {cortas[:3]}"


def test_pocas_lineas_de_mas() -> None:
    medidas = sum(_lineas(c) for c in CASOS)
    reales = sum(c["lineas"] for c in CASOS)
    assert reales <= medidas <= reales * 1.08, (medidas, reales)
    assert sum(_lineas(c) - c["lineas"] > 2 for c in CASOS) <= len(CASOS) * 0.03  # long texts in narrow columns


def test_mayusculas_y_claves_son_mas_anchas() -> None:
    """The old estimate counted characters (a capital 1.3 of a lower-case letter): an uppercase label and a list of
    claves came out clipped. Measured, each takes the lines it takes."""
    assert excel.ancho_texto("MINISTERIO") > 1.3 * excel.ancho_texto("ministerio")
    assert excel.ancho_texto("iiii") < excel.ancho_texto("mmmm") / 3
    assert excel.ancho_texto("Esperado", negrita=True) > excel.ancho_texto("Esperado")
    # a list of claves breaks after the hyphens, never inside a clave without one
    assert excel.lineas_de_texto("MINISTERIO-DE-VIVIENDA", excel.ancho_util(14)) == 2  # MINISTERIO- / DE-VIVIENDA
    assert excel.lineas_de_texto("MIGOBDT, MAG", excel.ancho_util(11)) == 2
    assert excel.lineas_de_texto("6.4.3", excel.ancho_util(6)) == 1


def test_lineas_y_cortes() -> None:
    ancho = excel.ancho_util(20)
    assert excel.lineas_de_texto("", ancho) == 1
    assert excel.lineas_de_texto("uno\ndos\n", ancho) == 3
    palabra = "x" * 200  # longer than the line: cut where each line ends
    assert excel.lineas_de_texto(palabra, ancho) == -(-excel.ancho_texto(palabra) // ancho)
    assert excel.lineas_de_texto("2024-S2, 2025-S1", excel.ancho_util(8)) == 3


@pytest.mark.parametrize(("lineas", "alto"), [(1, 15.0), (2, 27.75), (10, 129.75)])
def test_alto_en_pixeles_enteros(lineas: int, alto: float) -> None:
    assert excel.alto_de_lineas(lineas) == alto
    assert (excel.alto_de_lineas(lineas) / 0.75).is_integer()
    assert excel.alto_de_lineas(lineas) >= 12.75 * lineas  # Excel's line of Arial 10


def test_escala_para_el_ancho_de_la_pagina() -> None:
    assert excel.escala([10] * 5) == 100  # never enlarged
    anchos = [8, 22, 25, 16, 10, 10, 7, 12, 12, 13, 11, 14]
    pct = excel.escala(anchos)
    assert sum(anchos) * excel.PT_POR_UNIDAD_LIBREOFFICE * pct / 100 <= excel.ANCHO_UTIL_PT
    assert sum(anchos) * excel.PT_POR_UNIDAD_LIBREOFFICE * (pct + 1) / 100 > excel.ANCHO_UTIL_PT
    assert excel.tamano_impreso(anchos, 10) == pct / 10


def _hoja(altos: list[float]) -> object:
    from openpyxl import Workbook

    ws = Workbook().active
    for r, a in enumerate(altos, 1):
        ws.cell(row=r, column=1, value=f"fila {r}")
        ws.row_dimensions[r].height = a
    return ws


def test_paginar_llena_cada_pagina_y_repite_el_encabezado() -> None:
    cabida = excel.ALTO_UTIL_PT * 0.98
    ws = _hoja([30.0] * 40)
    cortes = excel.paginar(ws, 100)
    por_pagina = int(cabida // 30)
    assert cortes == [por_pagina * k for k in range(1, 40 // por_pagina + 1) if por_pagina * k < 40]
    # with row 2 repeated on top of every page, each page after the first holds one row less
    cortes = excel.paginar(ws, 100, filas_titulo=(2, 2))
    assert cortes[0] == por_pagina and cortes[1] == 2 * por_pagina - 1
    # at 50 % a page holds twice as much
    assert excel.paginar(ws, 50) == [2 * por_pagina] if 2 * por_pagina < 40 else []


def test_paginar_no_deja_un_encabezado_solo_al_pie() -> None:
    """A section title, its table's header and first row stay together: the page ends before the title."""
    ws = _hoja([30.0] * 40)
    por_pagina = int(excel.ALTO_UTIL_PT * 0.98 // 30)
    titulo = por_pagina - 1  # the title and the header would be the last rows of page 1
    cortes = excel.paginar(ws, 100, juntas=[(titulo, titulo + 2)])
    assert cortes[0] == titulo - 1
    # a forced break starts a page; a block taller than a page is not moved
    assert excel.paginar(ws, 100, saltos=[5])[0] == 4
    assert excel.paginar(ws, 100, juntas=[(2, 39)])[0] == por_pagina
