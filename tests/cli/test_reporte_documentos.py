"""What makes the meeting documents readable and true: the Markdown counts what it lists, the Excel report is a
spreadsheet that prints (numbers, Letter landscape, one page wide at 8 points or more, repeated headers, one font
family, WCAG AA colour pairs, the chart's ejes 0 → 6, legends), the templates shipped in plantillas/ are the
package's, and a file with errors is «con errores», not missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pni_cli import informe_mecanismo as im
from pni_cli.render import paleta
from pni_cli.render.excel import tamano_impreso
from tests import impresos
from tests.cli.test_reporte import Base, partir, seccion, tablas
from tests.cli.test_reporte import base as base
from tests.conftest import REPO, correr

CORTE = "2026-01-31"


# --- Markdown: every count of the summary equals the rows listed ------------------------------------------------

def _conteos_del_resumen(texto: str) -> dict[str, int]:
    tabla = tablas(seccion(texto, "## Resumen ejecutivo"))[0]
    encabezado, total = partir(tabla[0]), partir(tabla[-1])
    return {e: int(t.strip("*")) for e, t in zip(encabezado[1:], total[1:], strict=True)}


def _ids(celda: str) -> list[str]:
    return re.findall(r"\d\.\d+\.\d+\.[a-z]", celda)


@pytest.mark.parametrize("donde", ["fijo", "repositorio"])
def test_markdown_cuenta_lo_que_lista(base: Base, donde: str) -> None:
    texto = base.md if donde == "fijo" else correr("reporte", "--corte", "2026-12-01").out
    conteos = _conteos_del_resumen(texto)
    lineas = texto.split("\n")
    for estado, palabra in (("rojo", "✖ Rojo"), ("no_cumplida", "⊘ No cumplida"), ("sin_reporte", "? Sin reporte")):
        titulo = next(t for t in lineas if t.startswith(f"### {im.SIMBOLOS[estado]} {im.TITULOS_ALERTA[estado]} ("))
        n = int(titulo.rsplit("(", 1)[1].rstrip(")"))
        assert n == conteos[palabra], (titulo, conteos[palabra])
        parte = seccion(texto, titulo)
        listados = [i for t in tablas(parte) for fila in t[2:] for i in _ids(partir(fila)[-1])]
        assert len(listados) == len(set(listados)) == n, titulo
    titulo = next(t for t in lineas if t.startswith("### Indicadores con datos faltantes ("))
    n = int(titulo.rsplit("(", 1)[1].rstrip(")"))
    filas = [f for t in tablas(seccion(texto, titulo)) for f in t[2:]]
    assert len(filas) == n
    assert all("falta" in partir(f)[3] for f in filas)
    titulo = next(t for t in lineas if t.startswith("### Instituciones que deben informes ("))
    assert int(titulo.rsplit("(", 1)[1].rstrip(")")) == len(tablas(seccion(texto, titulo))[0]) - 2


def test_markdown_semaforo_con_simbolo(base: Base) -> None:
    for fila in (f for t in tablas(base.md) if partir(t[0])[0] == "Id" for f in t[2:]):
        semaforo = partir(fila)[6]
        assert any(semaforo.startswith(f"{s} ") for s in im.SIMBOLOS.values()), semaforo


def test_quien_debe_que_semestre_por_institucion() -> None:
    """«MAG 2024-S2, MIGOBDT 2024-S2, … MAG 2026-S1» (21 entries in one cell) read as one line per institution, its
    consecutive semesters as a range."""
    from pni_cli.periodos import Semestre

    s = Semestre.leer
    faltantes = [("MAG", s("2024-S2")), ("MTPS", s("2025-S1")), ("MAG", s("2025-S1")), ("MAG", s("2025-S2")),
                 ("MAG", s("2026-S1")), ("MTPS", s("2026-S1")), ("PNC", s("2025-S1")), ("PNC", s("2025-S2"))]
    assert im.quienes_y_semestres(faltantes) == ["MAG 2024-S2 a 2026-S1", "MTPS 2025-S1, 2026-S1",
                                                  "PNC 2025-S1, 2025-S2"]
    assert im.quienes_y_semestres([]) == []


def test_archivo_con_errores_es_con_errores(espacio: Path) -> None:
    shutil.copytree(REPO / "tests" / "fixtures" / "reporte" / "avances", espacio / "avances", dirs_exist_ok=True)
    archivo = espacio / "avances" / "2025-S2" / "MRREE.yaml"
    archivo.write_text(archivo.read_text(encoding="utf-8") + "campo_inventado: 1\n", encoding="utf-8")
    texto = correr("reporte", "--corte", CORTE, cwd=espacio).out
    entregas = {partir(f)[0]: partir(f)[1:] for f in tablas(seccion(texto, "## Entregas de informes por institución "
                                                                           "y semestre"))[0][2:]}
    assert entregas["MRREE"][2] == "con errores (1)"
    assert "| **MRREE** Ministerio de Relaciones Exteriores | 2024-S2, 2025-S1 | 2025-S2 (1 error) |" in texto


def test_la_leyenda_del_informe_es_la_de_la_terminal() -> None:
    """One legend (pni_cli/semaforo.py): each state's meaning in the report is, word for word, the terminal's."""
    from pni_cli.lectura.espacio import cargar_plan
    from pni_cli.render.consola import a_texto
    from pni_cli.render.estado import leyenda
    from pni_cli.semaforo import SIMBOLOS

    plan, _ = cargar_plan(REPO)
    assert plan is not None
    umbrales = {"verde": plan.general.semaforo.verde, "amarillo": plan.general.semaforo.amarillo}
    terminal = " ".join(a_texto(leyenda(plan, 400), color=False, ancho=400).split())
    for estado, significado in im.leyenda(umbrales).items():
        assert f"{SIMBOLOS[estado]} {im.ETIQUETAS[estado]}: {significado}" in terminal


# --- Excel: a spreadsheet that prints --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def libro(base: Base) -> Any:
    return load_workbook(base.xlsx)


def test_excel_numeros_como_numeros(libro: Any) -> None:
    hoja = libro["Eje 1"]
    inicio = next(c.row for c in hoja["A"] if c.value == "Id")
    fila = next(f for f in hoja.iter_rows(min_row=inicio + 1) if f[0].value == "1.4.2.a")
    esperado, reportado, logro = fila[4], fila[5], fila[6]
    assert (esperado.value, reportado.value) == (150, 5040)
    assert reportado.number_format == "#,##0"
    assert logro.value == pytest.approx(2 / 3) and logro.number_format == "0%"
    vistos = 0
    for hoja in libro.worksheets:
        for f in hoja.iter_rows():
            for c in f:
                assert c.value not in ("—", "-"), (hoja.title, c.coordinate)
                numero = isinstance(c.value, str) and re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?( ?%)?", c.value)
                if c.column > 1 and numero:  # column A holds ids (0.1, 3.1.1.a)
                    pytest.fail(f"{hoja.title}!{c.coordinate}: número guardado como texto «{c.value}»")
                vistos += 1
    assert vistos > 1000


def test_excel_se_imprime_bien(libro: Any) -> None:
    assert impresos.problemas(libro) == []
    for hoja in libro.worksheets:
        ps = hoja.page_setup
        assert (ps.orientation, ps.paperSize) == ("landscape", 1), hoja.title  # Letter landscape, every sheet
        assert not hoja.sheet_properties.pageSetUpPr.fitToPage  # an explicit scale: Excel keeps pni's page breaks
        anchos = [hoja.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  if c in hoja.column_dimensions and hoja.column_dimensions[c].width]
        assert tamano_impreso(anchos, 10) >= 8 and ps.scale == tamano_impreso(anchos, 10) * 10, hoja.title
        if hoja.title != "Resumen":
            assert hoja.print_title_rows, hoja.title
        fuentes = {c.font.name for f in hoja.iter_rows() for c in f if c.value is not None}
        assert fuentes == {"Arial"}, (hoja.title, fuentes)
        tamanos = {c.font.sz for f in hoja.iter_rows() for c in f if c.value is not None}
        assert min(tamanos) >= 10, hoja.title
        for f in hoja.iter_rows():  # every row with text has a height (LibreOffice would not grow it)
            if any(isinstance(c.value, str) and len(c.value) > 30 for c in f):
                assert hoja.row_dimensions[f[0].row].height, (hoja.title, f[0].row)
    assert libro._fonts[0].name == "Arial"  # the default font too


def test_excel_colores_legibles_y_con_palabra(libro: Any) -> None:
    for nombre, (fondo, texto) in paleta.PARES.items():
        assert paleta.contraste(fondo, texto) >= 4.5, nombre
    for hoja in libro.worksheets:
        for f in hoja.iter_rows():
            for c in f:
                if c.fill.fill_type == "solid" and c.value is not None:
                    fondo, texto = c.fill.fgColor.rgb[-6:], (c.font.color.rgb[-6:] if c.font.color else "000000")
                    assert paleta.contraste(fondo, texto) >= 4.5, (hoja.title, c.coordinate)
                    if fondo in {f for f, _ in paleta.ESTADOS.values()} and hoja.title.startswith("Eje"):
                        assert (isinstance(c.value, str) and c.value[0] in im.SIMBOLOS.values()) or c.row < 6


def test_excel_grafico_en_orden_y_leyendas(libro: Any) -> None:
    grafico = libro["Resumen"]._charts[0]
    assert grafico.x_axis.scaling.orientation == "maxMin"  # eje 0 on top, 6 at the bottom, as in the table
    for hoja in libro.worksheets:
        textos = {c.value for f in hoja.iter_rows() for c in f if isinstance(c.value, str)}
        if hoja.title.startswith("Eje") or hoja.title == "Resumen":
            assert "Leyenda del semáforo" in textos, hoja.title
        if hoja.title == "Entregas":
            assert "Leyenda de las entregas" in textos
    resumen = {c.value for f in libro["Resumen"].iter_rows() for c in f if isinstance(c.value, str)}
    for titulo in ("Qué atender", "✖ Indicadores en rojo (3)", "? Indicadores sin reporte (145)"):
        assert titulo in resumen
    assert any(t.startswith("Instituciones que deben informes (") for t in resumen)
    assert any(t.startswith("Indicadores con datos faltantes (") for t in resumen)


# --- every workbook as the officials print it, from the repository's workspace (illustrative data) -------------

DOCUMENTOS = {
    "informe 2026-S1": ("reporte", "--periodo", "2026-S1"),
    "informe antes de todo plazo": ("reporte", "--corte", "2024-12-31"),
    "informe del eje 3": ("reporte", "--periodo", "2026-S1", "--eje", "3"),
    "informe al final del plan": ("reporte", "--corte", "2029-03-01"),
    "institución 2026-S1": ("reporte", "--periodo", "2026-S1", "--institucion", "MTPS"),
    "institución antes de todo plazo": ("reporte", "--corte", "2024-12-31", "--institucion", "MTPS"),
    "institución con los 9 semestres": ("reporte", "--corte", "2029-03-01", "--institucion", "DGME"),
    "institución de clave larga": ("reporte", "--corte", "2029-03-01", "--institucion",
                                   "CONSEJO-NACIONAL-CONTRA-LA-TRATA"),
    "por objetivo 2026-S1": ("reporte", "--periodo", "2026-S1", "--por-objetivo"),
    "por objetivo antes de todo plazo": ("reporte", "--corte", "2024-12-31", "--por-objetivo"),
}


@pytest.mark.parametrize("documento", DOCUMENTOS)
def test_cada_libro_se_imprime_bien(documento: str, tmp_path: Path) -> None:
    """No row clipped or left far taller than its text, no word or id cut by its column, the palette's colours,
    8 points or more, and pages that break where pni measured them, never after a lone title or header."""
    destino = tmp_path / "libro.xlsx"
    r = correr(*DOCUMENTOS[documento], "--formato", "xlsx", "--salida", str(destino))
    assert r.codigo == 0, r.err
    assert impresos.problemas(load_workbook(destino)) == []


def test_las_leyendas_van_antes_de_las_tablas_que_repiten_su_encabezado(libro: Any) -> None:
    """Under a header repeated on every page, a legend at the end would print below the indicators' header: on a
    sheet whose table repeats its header, the legend comes first (and stays on one page)."""
    for hoja in libro.worksheets:
        if not hoja.print_title_rows:
            continue
        encabezado = int(hoja.print_title_rows.split(":")[0].lstrip("$"))
        leyenda = [c.row for c in hoja["A"] if isinstance(c.value, str) and c.value.startswith("Leyenda ")]
        assert all(f < encabezado for f in leyenda), hoja.title


def test_una_tabla_vacia_no_imprime_su_encabezado(base: Base, tmp_path: Path) -> None:
    destino = tmp_path / "vacio.xlsx"
    assert correr("reporte", "--corte", "2024-12-31", "--formato", "xlsx", "--salida", str(destino)).codigo == 0
    resumen = load_workbook(destino)["Resumen"]
    textos = [c.value for c in resumen["A"]]
    i = textos.index("✖ Indicadores en rojo (0)")
    assert textos[i + 1] == "Ninguno."  # not a header «Actividad | Eje | …» over nothing


# --- templates -------------------------------------------------------------------------------------------------

def test_las_plantillas_del_repositorio_son_las_del_paquete() -> None:
    paquete = sorted(p.name for p in (REPO / "pni_cli" / "plantillas").glob("*.j2"))
    assert {"reporte.md.j2", "reporte.html.j2", "estilo.html.j2", "reporte_institucion.md.j2",
            "reporte_institucion.html.j2"} <= set(paquete)
    assert sorted(p.name for p in (REPO / "plantillas").glob("*.j2")) == paquete
    for nombre in paquete:
        assert (REPO / "plantillas" / nombre).read_bytes() == (REPO / "pni_cli" / "plantillas" / nombre).read_bytes()
