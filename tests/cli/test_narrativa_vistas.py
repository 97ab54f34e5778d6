"""The narrative of the progress files (logros, dificultades, próximos pasos) where readers look for it: `pni mostrar
ACTIVIDAD`, the institution's report and the meeting report, in every format. Only the files that count at the
cut-off date tell anything (a file with errors, or delivered after that date, tells nothing), and whatever an
institution wrote is shown as text in each destination, never as escape sequences, markup or formulas.

The workspace: the real plan and four files of 1.4.2 (MTPS, MRREE, ESCO) and 5.4.1 (DGME's) at the cut-off date
31/01/2026, when 2024-S2 to 2025-S2 are evaluated."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import correr, escribir

CORTE = "2026-01-31"


def informe(ws: Path, periodo: str, clave: str, fecha: str, actividades: str, reportes: str = "reportes: []\n"
            ) -> None:
    escribir(ws / f"avances/{periodo}/{clave}.yaml",
             f"periodo: {periodo}\ninstitucion: {clave}\nfecha_reporte: {fecha}\n{reportes}actividades:\n"
             f"{actividades}")


LARGO = " ".join(f"palabra{n}" for n in range(60))


@pytest.fixture
def ws(espacio: Path) -> Path:
    informe(espacio, "2025-S1", "MTPS", "2025-07-10", '  - actividad: "1.4.2"\n    logros: LOGRO-MTPS-S1\n')
    informe(espacio, "2025-S2", "MTPS", "2026-01-10",
            '  - actividad: "1.4.2"\n    dificultades: DIFICULTAD-MTPS-S2\n'
            f"    proximos_pasos: {LARGO}\n"
            '  - actividad: "5.4.1"\n    logros: AJENO-MTPS\n')
    # an error (an indicator that does not exist): the file does not count, nor does its narrative
    informe(espacio, "2025-S2", "MRREE", "2026-01-12", '  - actividad: "1.4.2"\n    logros: CON-ERRORES\n',
            reportes='reportes:\n  - indicador: "9.9.9.a"\n    valor: 1\n')
    # delivered after the cut-off date
    informe(espacio, "2025-S2", "ESCO", "2026-02-15", '  - actividad: "1.4.2"\n    logros: TARDIO\n')
    return espacio


def pni(ws: Path, *args: str, corte: str = CORTE, columnas: int = 120) -> str:
    r = correr(*args, "--corte", corte, cwd=ws, env={"COLUMNS": str(columnas)})
    assert r.codigo == 0 and "Traceback" not in r.err, r.err
    return r.out


def seccion(texto: str, inicio: str, fin: str | None = None) -> str:
    assert inicio in texto, texto[-3000:]
    resto = texto[texto.index(inicio):]
    return resto[:resto.index(fin)] if fin else resto


# --- pni mostrar ACTIVIDAD --------------------------------------------------------------------------------------

def test_mostrar_una_actividad_dice_lo_que_informaron_sus_instituciones(ws: Path) -> None:
    parte = seccion(pni(ws, "mostrar", "1.4.2"), "Lo que informaron las instituciones", "Leyenda:")
    assert "de los informes que cuentan al 31/01/2026, el semestre más reciente primero" in parte
    assert "  Logros: LOGRO-MTPS-S1" in parte and "  Dificultades: DIFICULTAD-MTPS-S2" in parte
    assert parte.index("2025-S2 · MTPS") < parte.index("DIFICULTAD") < parte.index("2025-S1 · MTPS") \
        < parte.index("LOGRO-MTPS-S1")
    assert "CON-ERRORES" not in parte and "TARDIO" not in parte


def test_un_informe_entregado_despues_del_corte_cuenta_en_un_corte_posterior(ws: Path) -> None:
    parte = seccion(pni(ws, "mostrar", "1.4.2", corte="2026-03-01"), "Lo que informaron las instituciones")
    assert "2025-S2 · ESCO" in parte and "Logros: TARDIO" in parte
    assert "CON-ERRORES" not in parte


def test_un_corte_anterior_a_la_entrega_no_muestra_su_narrativa(ws: Path) -> None:
    parte = seccion(pni(ws, "mostrar", "1.4.2", corte="2025-12-31"), "Lo que informaron las instituciones")
    assert "LOGRO-MTPS-S1" in parte and "DIFICULTAD-MTPS-S2" not in parte


def test_la_narrativa_de_quien_no_es_responsable_se_muestra_con_su_nombre(ws: Path) -> None:
    parte = seccion(pni(ws, "mostrar", "5.4.1"), "Lo que informaron las instituciones")
    assert "2025-S2 · MTPS (no figura entre los responsables de la actividad)" in parte
    assert "Logros: AJENO-MTPS" in parte


def test_una_actividad_sin_narrativa_lo_dice(ws: Path) -> None:
    parte = seccion(pni(ws, "mostrar", "1.4.1"), "Lo que informaron las instituciones", "Leyenda:")
    assert ("Ninguno de los informes que cuentan al 31/01/2026 trae logros, dificultades ni próximos pasos de esta "
            "actividad.") in " ".join(parte.split())


def test_solo_una_actividad_muestra_la_narrativa(ws: Path) -> None:
    for id_ in ("1.4.2.a", "1.4", "MTPS"):
        assert "Lo que informaron las instituciones" not in pni(ws, "mostrar", id_)


def test_un_texto_largo_se_envuelve_a_80_columnas(ws: Path) -> None:
    parte = seccion(pni(ws, "mostrar", "1.4.2", columnas=80), "Lo que informaron las instituciones", "Leyenda:")
    assert max(len(linea) for linea in parte.splitlines()) <= 80
    pasos = seccion(parte, "  Próximos pasos:", "2025-S1")
    assert pasos.split()[2:] == LARGO.split()  # every word, in order, none cut
    assert all(linea.startswith("    palabra") for linea in pasos.splitlines()[1:])


# --- hostile text -----------------------------------------------------------------------------------------------

HOSTIL = {
    "logros": '"=HYPERLINK(\\"http://evil.example\\",\\"clic\\") \\e[2J\\e]52;c;aGk=\\a [clic](http://evil.example) '
              '![img](http://evil.example/px.png) <script>alert(1)</script> <b>html</b> *enfasis* | celda #titulo"',
    "dificultades": "\"+cmd|' /C calc'!A0\"",
    "proximos_pasos": '"@SUM(A1) [bold red]rojo[/] [link=http://evil.example]enlace[/link] \\u202efalso"',
}


@pytest.fixture
def hostil(ws: Path) -> Path:
    campos = "".join(f"    {k}: {v}\n" for k, v in HOSTIL.items())
    informe(ws, "2025-S2", "MTPS", "2026-01-10", f'  - actividad: "1.4.2"\n{campos}')
    return ws


def test_la_terminal_muestra_el_texto_hostil_como_texto(hostil: Path) -> None:
    parte = seccion(pni(hostil, "mostrar", "1.4.2", columnas=200), "Lo que informaron las instituciones", "Leyenda:")
    assert "\x1b" not in parte and "\x07" not in parte and "\u202e" not in parte
    assert "\\u001b[2J\\u001b]52;c;aGk=\\u0007" in parte and "\\u202efalso" in parte
    assert "[bold red]rojo[/] [link=http://evil.example]enlace[/link]" in parte  # rich markup shown as written


def _sin_marcado(md: str) -> None:
    from tests.unit.test_texto_seguro import _gfm, _markdown_it

    for renderizar in (_gfm, _markdown_it):
        html = renderizar(md)
        for etiqueta in ("<a ", "<img", "<em>", "<del>", "<b>", "<script", "<h1", "<table"):
            assert etiqueta not in html, (renderizar.__name__, etiqueta)


def _sin_formulas_ni_escapes(ruta: Path, hoja: str) -> list[str]:
    """Every cell of the workbook is data (no formula, no control character); the texts of sheet `hoja`."""
    libro = load_workbook(ruta)
    for h in libro.worksheets:
        for fila in h.iter_rows():
            for c in fila:
                assert c.data_type != "f", (h.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert "\x1b" not in c.value and "\x07" not in c.value and "\u202e" not in c.value
                    assert not c.value.startswith(("=", "+", "@")) or c.quotePrefix, (h.title, c.coordinate)
    return [c.value for f in libro[hoja].iter_rows() for c in f if isinstance(c.value, str)]


def test_el_informe_de_la_institucion_neutraliza_el_texto_hostil(hostil: Path) -> None:
    md = seccion(pni(hostil, "reporte", "--institucion", "MTPS"), "## Lo que informó MTPS", "\n---")
    assert "HYPERLINK" in md and "\x1b" not in md and "\u202e" not in md
    _sin_marcado(md.replace("## Lo que informó MTPS", "", 1))
    pni(hostil, "reporte", "--institucion", "MTPS", "-f", "xlsx", "-o", str(hostil / "MTPS.xlsx"))
    textos = _sin_formulas_ni_escapes(hostil / "MTPS.xlsx", "Lo que informó")
    assert any(t.startswith("=HYPERLINK(") for t in textos) and "+cmd|' /C calc'!A0" in textos
    pni(hostil, "reporte", "--institucion", "MTPS", "-f", "html", "-o", str(hostil / "MTPS.html"))
    html = seccion((hostil / "MTPS.html").read_text(encoding="utf-8"), '<section id="narrativa"', "</section>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;html&lt;/b&gt;" in html
    assert "<script" not in html and "<b>html" not in html and "\x1b" not in html and "\u202e" not in html


def test_el_informe_del_mecanismo_neutraliza_el_texto_hostil(hostil: Path) -> None:
    md = seccion(pni(hostil, "reporte"), "### Lo que informaron las instituciones", "### Indicadores con datos")
    assert "HYPERLINK" in md and "\x1b" not in md
    _sin_marcado(md.replace("### Lo que informaron las instituciones de las actividades en alerta", "", 1))
    pni(hostil, "reporte", "-f", "xlsx", "-o", str(hostil / "informe.xlsx"))
    textos = _sin_formulas_ni_escapes(hostil / "informe.xlsx", "Resumen")
    assert "+cmd|' /C calc'!A0" in textos
    pni(hostil, "reporte", "-f", "html", "-o", str(hostil / "informe.html"))
    html = seccion((hostil / "informe.html").read_text(encoding="utf-8"), "Lo que informaron las instituciones",
                   "Indicadores con datos faltantes")
    assert "&lt;script&gt;" in html and "<script" not in html and "\x1b" not in html


# --- the institution's report -----------------------------------------------------------------------------------

def test_el_informe_de_la_institucion_dice_lo_que_informo(ws: Path) -> None:
    md = seccion(pni(ws, "reporte", "--institucion", "MTPS"), "## Lo que informó MTPS de sus actividades", "\n---")
    assert "### 1.4.2 Ampliar y/o fortalecer" in md
    assert md.index("- **2025-S2**") < md.index("  - **Dificultades:** DIFICULTAD-MTPS-S2") \
        < md.index("- **2025-S1**") < md.index("  - **Logros:** LOGRO-MTPS-S1")
    assert "### 5.4.1 Ampliar la red de servicios brindados en la GAMI." in md
    assert "MTPS no figura entre los responsables de esta actividad." in md
    assert "No informó logros, dificultades ni próximos pasos de " in md and "1.4.1" in md.split("No informó")[1]
    assert "CON-ERRORES" not in md and "TARDIO" not in md


def test_solo_los_semestres_evaluados_entran_en_el_informe_de_la_institucion(ws: Path) -> None:
    """On 20/01/2026 2025-S2 is en plazo: its file counts (pni mostrar shows it), the institution's report, made of
    the semesters evaluated, does not tell it yet."""
    md = pni(ws, "reporte", "--institucion", "MTPS", corte="2026-01-20")
    assert "LOGRO-MTPS-S1" in md and "DIFICULTAD-MTPS-S2" not in md and "AJENO-MTPS" not in md
    assert "DIFICULTAD-MTPS-S2" in pni(ws, "mostrar", "1.4.2", corte="2026-01-20")


def test_una_institucion_cuyo_unico_informe_tiene_errores_no_informo_nada(ws: Path) -> None:
    md = seccion(pni(ws, "reporte", "--institucion", "MRREE"), "## Lo que informó MRREE", "\n---")
    assert "Ninguno de sus informes de los semestres evaluados trae logros, dificultades ni próximos pasos" in md
    assert "CON-ERRORES" not in md
    md = seccion(pni(ws, "reporte", "--institucion", "ESCO", corte="2026-03-01"), "## Lo que informó ESCO", "\n---")
    assert "- **2025-S2**" in md and "**Logros:** TARDIO" in md


def test_con_eje_solo_las_actividades_del_eje(ws: Path) -> None:
    md = pni(ws, "reporte", "--institucion", "MTPS", "--eje", "5")
    assert "AJENO-MTPS" in md and "LOGRO-MTPS-S1" not in md


def test_el_excel_y_el_html_de_la_institucion_dicen_lo_que_informo(ws: Path) -> None:
    pni(ws, "reporte", "--institucion", "MTPS", "-f", "xlsx", "-o", str(ws / "MTPS.xlsx"))
    libro = load_workbook(ws / "MTPS.xlsx")
    assert libro.sheetnames == ["Lo que debe", "Indicadores", "Lo que informó"]
    filas = [[c.value for c in f] for f in libro["Lo que informó"].iter_rows()]
    datos = [f for f in filas if f[1] in ("2025-S1", "2025-S2")]
    assert [f[1:] for f in datos] == [["2025-S2", None, "DIFICULTAD-MTPS-S2", LARGO],
                                      ["2025-S1", "LOGRO-MTPS-S1", None, None],
                                      ["2025-S2", "AJENO-MTPS", None, None]]
    assert datos[0][0].startswith("1.4.2 Ampliar") and datos[1][0] == "1.4.2"
    assert datos[2][0].endswith("(MTPS no figura entre sus responsables)")
    assert any(str(f[0]).startswith("No informó logros") for f in filas)
    pni(ws, "reporte", "--institucion", "MTPS", "-f", "html", "-o", str(ws / "MTPS.html"))
    html = seccion((ws / "MTPS.html").read_text(encoding="utf-8"), '<section id="narrativa"', "</section>")
    assert "<dt>Dificultades</dt><dd>DIFICULTAD-MTPS-S2</dd>" in html
    assert "<dt>Logros</dt><dd>LOGRO-MTPS-S1</dd>" in html
    assert html.index("2025-S2") < html.index("2025-S1")
    assert "CON-ERRORES" not in html and "TARDIO" not in html


# --- the meeting report -----------------------------------------------------------------------------------------

def test_el_informe_del_mecanismo_dice_lo_ultimo_que_informaron_de_las_actividades_en_alerta(ws: Path) -> None:
    md = seccion(pni(ws, "reporte"), "### Lo que informaron las instituciones de las actividades en alerta",
                 "### Indicadores con datos faltantes")
    assert "2 de las " in md and "actividades en alerta tienen logros, dificultades o próximos pasos" in md
    linea = next(x for x in md.splitlines() if x.startswith("- **1.4.2**"))
    assert linea.endswith("(? sin reporte) · 2025-S2")
    assert "  - **MTPS**: **Dificultades:** DIFICULTAD-MTPS-S2 · **Próximos pasos:** palabra0" in md
    assert "  - **MTPS** (no figura entre los responsables): **Logros:** AJENO-MTPS" in md
    # only the latest semester of each activity; never a file with errors or delivered after the cut-off
    assert "LOGRO-MTPS-S1" not in md and "CON-ERRORES" not in md and "TARDIO" not in md
    pni(ws, "reporte", "-f", "xlsx", "-o", str(ws / "informe.xlsx"))
    textos = [c.value for f in load_workbook(ws / "informe.xlsx")["Resumen"].iter_rows() for c in f]
    assert "Lo que informaron las instituciones de las actividades en alerta" in textos
    assert "DIFICULTAD-MTPS-S2" in textos and "LOGRO-MTPS-S1" not in textos
    pni(ws, "reporte", "-f", "html", "-o", str(ws / "informe.html"))
    html = (ws / "informe.html").read_text(encoding="utf-8")
    assert "<b>Dificultades:</b> DIFICULTAD-MTPS-S2" in html and "LOGRO-MTPS-S1" not in html


def test_sin_narrativa_el_informe_del_mecanismo_lo_dice(espacio: Path) -> None:
    md = pni(espacio, "reporte")
    assert ("Ninguna institución informó logros, dificultades ni próximos pasos de las actividades en alerta en "
            "los semestres evaluados.") in md
