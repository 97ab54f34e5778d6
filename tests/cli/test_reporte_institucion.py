"""`pni reporte --institucion CLAVE` (Markdown, Excel, HTML) and `pni reporte --instituciones --salida CARPETA`, on
the fixture workspace of tests/cli/test_reporte.py (MTPS: 2024-S2 missing, 2025-S1 and 2025-S2 incomplete)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import REPO, correr, huellas

FIJOS = REPO / "tests" / "fixtures" / "reporte"
CORTE = "2026-01-31"


@pytest.fixture
def ws(espacio: Path) -> Path:
    shutil.copytree(FIJOS / "avances", espacio / "avances", dirs_exist_ok=True)
    return espacio


def reporte(carpeta: Path, *args: str) -> tuple[int, str, str]:
    r = correr("reporte", "--corte", CORTE, *args, cwd=carpeta)
    assert "Traceback" not in r.err
    return r.codigo, r.out, r.err


def test_markdown_de_una_institucion(ws: Path) -> None:
    codigo, texto, _ = reporte(ws, "--institucion", "MTPS")
    assert codigo == 0
    assert texto.startswith("# Informe de avance del PNI 2024-2028 para Ministerio de Trabajo y Previsión Social "
                            "(MTPS)\n")
    assert "⚠ DATOS ILUSTRATIVOS" in texto
    assert "- **Faltantes:** 2024-S2." in texto
    assert "- **Informe incompleto:** 2025-S1 (3 de 21 indicadores); faltan los indicadores 1.4.1.a" in texto
    assert "**Próximo plazo:** el informe de 2026-S1 vence el 30/07/2026 (20 indicadores)." in texto
    # its own values beside the indicator's total (MTPS reported 40 and 5,000 of 5,040)
    assert ("| 1.4.2.a | Número de participantes en estos programas. | 100 participantes por año. | 150 | 5,040 | "
            "67 % | ✖ rojo (faltan 7 de 9 informes, cuenta 100: lo que sobra en un año no cubre otro) | falta | 40 | "
            "5,000 |") in texto
    assert "compartida con MRREE, ESCO" in texto
    # only its activities
    assert "### 0.1.1 " not in texto
    # the count by state reads as words: «● verde 7; ▲ amarillo 4», not «7;▲»
    linea = next(t for t in texto.split("\n") if t.startswith("Indicadores por estado: "))
    assert ";" in linea and all(p.startswith(" ") for p in linea.split(";")[1:]), linea


def test_una_variante_del_nombre_y_una_clave_inexistente(ws: Path) -> None:
    codigo, texto, _ = reporte(ws, "--institucion", "MPTS")  # a source variant of MTPS
    assert codigo == 0 and "(MTPS)" in texto.split("\n")[0]
    codigo, _, err = reporte(ws, "--institucion", "NADIE")
    assert codigo == 2 and "--institucion «NADIE» no está en plan/instituciones.yaml" in err


def test_excel_y_html_de_una_institucion(ws: Path) -> None:
    xlsx = ws / "MTPS.xlsx"
    codigo, _, err = reporte(ws, "--institucion", "MTPS", "-f", "xlsx", "-o", str(xlsx))
    assert codigo == 0 and f"Informe de MTPS escrito en {xlsx}" in err
    libro = load_workbook(xlsx)
    assert libro.sheetnames == ["Lo que debe", "Indicadores", "Lo que informó"]
    hoja = libro["Indicadores"]
    fila = next(f for f in hoja.iter_rows() if f[1].value == "1.4.2.a")
    assert [c.value for c in fila[4:11]] == [150, 5040, pytest.approx(2 / 3),
                                          "✖ rojo\nfaltan 7 de 9 informes, cuenta 100: lo que sobra en un año no "
                                          "cubre otro",
                                             "✖ falta", 40, 5000]
    assert fila[6].number_format == "0%"
    html = ws / "MTPS.html"
    codigo, _, _ = reporte(ws, "--institucion", "MTPS", "-f", "html", "-o", str(html))
    assert codigo == 0
    t = html.read_text(encoding="utf-8")
    assert "default-src &#x27;none&#x27;" in t and "<script" not in t
    assert "Próximo plazo:</b> el informe de 2026-S1 vence el 30/07/2026 (20 indicadores)." in t


def test_un_informe_por_institucion(ws: Path) -> None:
    carpeta = ws / "cartas"
    carpeta.mkdir()
    codigo, out, err = reporte(ws, "--instituciones", "--salida", str(carpeta))
    assert codigo == 0 and out == ""
    escritos = sorted(p.name for p in carpeta.iterdir())
    assert "MTPS.md" in escritos and "MRREE.md" in escritos
    assert not [n for n in escritos if n.startswith(".")]  # no temporary file left
    for nombre in escritos:
        assert f"Informe de {nombre.removesuffix('.md')} escrito en {carpeta / nombre}" in err
    assert f"{len(escritos)} informes de institución escritos en {carpeta}" in err
    # refuses to overwrite, and then writes nothing at all
    (carpeta / "MTPS.md").write_text("no tocar", encoding="utf-8")
    antes = huellas(carpeta)
    codigo, _, err = reporte(ws, "--instituciones", "--salida", str(carpeta))
    assert codigo == 3 and "no se sobrescriben sin --forzar" in err
    assert huellas(carpeta) == antes
    codigo, _, _ = reporte(ws, "--instituciones", "--salida", str(carpeta), "--forzar")
    assert codigo == 0 and (carpeta / "MTPS.md").read_text(encoding="utf-8").startswith("# Informe")


def test_opciones_de_instituciones(ws: Path) -> None:
    for args, mensaje in ((("--instituciones",), "indique la carpeta con --salida CARPETA"),
                          (("--instituciones", "--institucion", "MTPS", "-o", "x"), "no los dos"),
                          (("--instituciones", "-o", str(ws / "no-existe")), "la carpeta")):
        codigo, _, err = reporte(ws, *args)
        assert codigo in (2, 3), args
        assert mensaje in err, (args, err)


def test_antes_del_primer_plazo_nadie_debe_y_no_se_dice_que_todo_llego(ws: Path) -> None:
    """Before any deadline has passed, «nobody owes» must not read as «every report arrived on time»."""
    general = correr("reporte", "--corte", "2024-12-31", cwd=ws)
    assert general.codigo == 0, general.err
    assert "Ninguna: aún no vence ningún informe de avance a esta fecha de corte." in general.out
    assert "completos y a tiempo" not in general.out
    suyo = correr("reporte", "--corte", "2024-12-31", "--institucion", "MTPS", cwd=ws)
    assert suyo.codigo == 0, suyo.err
    assert "Nada: aún no vence ninguno de sus informes a esta fecha de corte." in suyo.out
