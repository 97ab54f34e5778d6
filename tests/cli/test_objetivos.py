"""The plan by GCM objective through the real CLI: `pni estado --por-objetivo` / `--objetivo N`, `pni mostrar O21` /
`P6` and the export `pni reporte --por-objetivo` in Markdown and Excel (in HTML: test_objetivos_html.py). Every view
built from proposed links says so, and none once the Mecanismo has confirmed them. (`pni validar` on the alignment:
test_alineacion_validar.py.)"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.test_alineacion_validar import informe
from tests.conftest import REPO, Salida, correr, escribir, huellas

CORTE = "2026-08-01"  # the day after 2026-S1's deadline
AVISO = "⚠ ALINEACIÓN PROPUESTA"


def pni(raiz: Path, *args: str) -> Salida:
    return correr(*args, "--raiz", str(raiz))


def _confirmar_todo(raiz: Path) -> None:
    """What the Mecanismo does to confirm the alignment: `origen: propuesta` → `origen: mecanismo`."""
    for ruta in (raiz / "plan").glob("eje-*.yaml"):
        texto = ruta.read_text(encoding="utf-8")
        ruta.write_text(texto.replace("origen: propuesta", "origen: mecanismo"), encoding="utf-8")


@pytest.fixture
def ws(espacio_con_avances: Path) -> Path:
    return espacio_con_avances


def test_el_mecanismo_confirma_cambiando_el_origen(ws: Path) -> None:
    _confirmar_todo(ws)
    assert pni(ws, "validar", "--corte", CORTE).codigo == 0
    for args in (("estado", "--por-objetivo"), ("estado", "--objetivo", "21"), ("reporte", "--por-objetivo")):
        r = pni(ws, *args, "--corte", CORTE)
        assert r.codigo == 0 and AVISO not in r.out and "ALINEACIÓN PROPUESTA" not in r.out, args
        assert "DATOS ILUSTRATIVOS" in r.out
    assert AVISO not in pni(ws, "mostrar", "O21").out
    assert "confirmado por el Mecanismo" in pni(ws, "mostrar", "O21").out


# --- pni estado --por-objetivo / --objetivo N --------------------------------------------------------------------

def test_estado_por_objetivo(ws: Path) -> None:
    r = pni(ws, "estado", "--por-objetivo", "--corte", CORTE)
    assert r.codigo == 0 and r.err == ""
    assert AVISO in r.out and "DATOS ILUSTRATIVOS" in r.out
    assert "163 de 163 vínculos" in r.out
    filas = re.findall(r"^ +(\d+)  \S", r.out, re.M)
    assert [int(x) for x in filas] == list(range(1, 24))
    assert re.search(r"^ +8  SALVAR VIDAS +ninguna", r.out, re.M)
    assert re.search(r"^ +21  RETORNO DIGNO Y REINTEGRACIÓN +12 \(2 indir\.\) +21 ", r.out, re.M)
    plano = " ".join(r.out.split())
    assert ("Objetivos sin ninguna actividad del plan: 8 SALVAR VIDAS, 13 ALTERNATIVAS A LA DETENCIÓN, 22 "
            "PROTECCIÓN SOCIAL.") in plano
    assert "0.1.1, 0.1.2, 0.2.1, 0.2.2." in plano and "las filas no se suman" in plano


@pytest.mark.parametrize("columnas", ["80", "140"])
def test_estado_por_objetivo_cabe_en_la_terminal(ws: Path, columnas: str) -> None:
    r = correr("estado", "--por-objetivo", "--corte", CORTE, "--raiz", str(ws), env={"COLUMNS": columnas})
    assert r.codigo == 0
    assert max(len(x) for x in r.out.splitlines()) <= int(columnas)
    assert "…" not in r.out.split("Obj.")[1].splitlines()[0]  # no header cut


def test_estado_de_un_objetivo(ws: Path) -> None:
    r = pni(ws, "estado", "--objetivo", "O21", "--corte", CORTE)
    assert r.codigo == 0, r.err
    assert AVISO in r.out
    assert "Objetivo 21. RETORNO DIGNO Y REINTEGRACIÓN" in r.out
    assert "12 actividades (2 por vínculo indirecto) · 21 indicadores" in r.out
    assert "Instituciones (8): CONAMYPE, DGME, ISDEMU, MINSAL, MJSP, MRREE, MTPS, RNPN" in r.out
    assert re.search(r"^ 5\.4\.1 ", r.out, re.M) and re.search(r"^  5\.4\.1\.a ", r.out, re.M)
    assert pni(ws, "estado", "--objetivo", "21", "--corte", CORTE).out == r.out
    # an indicator's own link is shown with the indicator, not again with its activity
    plano = " ".join(pni(ws, "estado", "--objetivo", "4", "--corte", CORTE).out.split())
    assert plano.count("«Número de Documentos Únicos de Identidad emitidos»") == 1
    assert "Vínculo: por su indicador 3.6.2.a (abajo)" in " ".join(
        pni(ws, "estado", "--objetivo", "6", "--corte", CORTE).out.split())


def test_estado_de_un_objetivo_sin_actividades_y_con_filtro(ws: Path) -> None:
    r = pni(ws, "estado", "--objetivo", "13", "--corte", CORTE)
    assert r.codigo == 0 and "Ninguna actividad del plan contribuye a este objetivo." in r.out
    r = pni(ws, "estado", "--objetivo", "21", "--institucion", "RNPN", "--corte", CORTE)
    assert r.codigo == 0 and "Instituciones (3): DGME, MRREE, RNPN" in r.out and "1 actividad ·" in r.out
    assert "Filtro: institución RNPN" in r.out
    r = pni(ws, "estado", "--objetivo", "21", "--eje", "0", "--corte", CORTE)
    assert "Ninguna actividad de este filtro contribuye a este objetivo." in r.out


@pytest.mark.parametrize(("args", "mensaje"), [
    (("--objetivo", "24"), "--objetivo «24» no es un objetivo del Pacto Mundial; los objetivos van de 1 a 23"),
    (("--objetivo", "3.2"), "--objetivo «3.2» no es un objetivo"),
    (("--por-objetivo", "--formato", "json"), "--objetivo y --por-objetivo se muestran como tabla"),
])
def test_estado_por_objetivo_uso_incorrecto(ws: Path, args: tuple[str, ...], mensaje: str) -> None:
    r = pni(ws, "estado", *args, "--corte", CORTE)
    assert r.codigo == 2 and r.out == "" and mensaje in r.err, r.err


# --- pni mostrar O21 / P6 / an activity ---------------------------------------------------------------------

def test_mostrar_un_objetivo(espacio: Path) -> None:
    r = pni(espacio, "mostrar", "O21")
    assert r.codigo == 0 and AVISO in r.out
    assert "Objetivo 21 del PMM · RETORNO DIGNO Y REINTEGRACIÓN" in r.out
    assert "12 (2 por vínculo indirecto)" in r.out
    assert r.out.count("Actividad ") == 12 and "Actividad 3.3.1" in r.out
    assert "pni estado --objetivo 21" in r.out
    assert pni(espacio, "mostrar", "o21").out == r.out


def test_mostrar_un_objetivo_sin_actividades_y_uno_inexistente(espacio: Path) -> None:
    r = pni(espacio, "mostrar", "O8")
    assert r.codigo == 0 and "ninguna actividad del plan contribuye a este objetivo" in r.out and AVISO not in r.out
    r = pni(espacio, "mostrar", "O24")
    assert r.codigo == 2 and r.err == "pni: «O24» no es un objetivo del Pacto Mundial: van de O1 a O23.\n"
    r = pni(espacio, "mostrar", "P11")
    assert r.codigo == 2 and r.err == "pni: «P11» no es un principio rector del Pacto Mundial: van de P1 a P10.\n"
    r = pni(espacio, "mostrar", "9.9.9")
    assert r.codigo == 2 and "los objetivos del Pacto Mundial, O1 a O23" in r.err


def test_mostrar_un_indicador_que_mide_otro_objetivo_que_su_actividad(espacio: Path) -> None:
    r = pni(espacio, "mostrar", "O6")
    assert "su indicador 3.6.2.a: propuesta" in " ".join(r.out.split())
    r = pni(espacio, "mostrar", "O15")
    assert "ningún indicador de la actividad mide este objetivo" in " ".join(r.out.split())


def test_mostrar_un_principio_con_su_errata(espacio: Path) -> None:
    r = pni(espacio, "mostrar", "P6")
    plano = " ".join(r.out.split())
    assert r.codigo == 0 and "Principio rector P6 del PMM · Derechos Humanos" in r.out
    assert "[errata]" in plano and "no regresión" in plano and "defiende los principios de no agresión" in plano
    assert "Actividad 0.4.1" in r.out
    r = pni(espacio, "mostrar", "P7")
    assert "ninguna actividad del plan lleva este principio" in " ".join(r.out.split())


def test_mostrar_una_actividad_dice_sus_objetivos(espacio: Path) -> None:
    plano = " ".join(pni(espacio, "mostrar", "5.4.2").out.split())
    assert "Objetivo del PMM 4 IDENTIDAD JURÍDICA Y DOCUMENTACIÓN — propuesta: «orientación sobre identidad legal»" \
        in plano
    assert "Objetivo del PMM 6 CONTRATACIÓN" not in plano
    assert "Objetivo del PMM 4 IDENTIDAD JURÍDICA Y DOCUMENTACIÓN (su actividad: 4, 15, 21) — propuesta" in plano
    plano = " ".join(pni(espacio, "mostrar", "0.1.1").out.split())
    assert "ninguno propio (medio de implementación del plan)" in plano and "Principio del PMM P9" in plano


# --- pni reporte --por-objetivo ----------------------------------------------------------------------------

def test_documento_por_objetivo_en_markdown(ws: Path) -> None:
    antes = huellas(ws)
    r = pni(ws, "reporte", "--por-objetivo", "--corte", CORTE)
    assert r.codigo == 0 and r.err == ""
    md = r.out
    assert md.startswith("# El PNI 2024-2028 por objetivo del Pacto Mundial para la Migración\n")
    assert md.index("> **⚠ ALINEACIÓN PROPUESTA.**") < md.index("## Resumen")
    assert "> **⚠ DATOS ILUSTRATIVOS.**" in md
    assert re.findall(r"^## Objetivo (\d+)\.", md, re.M) == [str(n) for n in range(1, 24)]
    assert "## Medios de implementación del plan" in md and "## Principios rectores" in md
    assert "## Cómo se hizo esta alineación" in md and "`origen: mecanismo`" in md
    o13 = md.split("## Objetivo 13.")[1].split("## Objetivo 14.")[0]
    assert "**Ninguna actividad del plan contribuye a este objetivo.**" in o13
    o21 = md.split("## Objetivo 21.")[1].split("## Objetivo 22.")[0]
    assert "### Cifras clave" in o21 and "### Lo que informan las instituciones" in o21
    assert "sexo: mujeres" in o21  # the breakdowns of the illustrative files
    assert re.search(r"^- \*\*5\.4\.1\*\* · DGME, 2026-S1$", o21, re.M)  # their narrative
    assert pni(ws, "reporte", "--por-objetivo", "--corte", CORTE).out == md  # same data, same bytes
    assert huellas(ws) == antes


def test_documento_por_objetivo_en_markdown_cada_estado_con_su_simbolo(ws: Path) -> None:
    """Printed in black and white, a state reads by its symbol and word (as in the HTML and the Excel), and the
    document ends with the legend of the semáforo."""
    from pni_cli.semaforo import SIMBOLOS
    from tests.cli.test_reporte import partir, tablas

    md = pni(ws, "reporte", "--por-objetivo", "--corte", CORTE).out
    estados = []  # «✖ rojo (falta 1 de 8 informes)» in the Estado columns, «● verde 3, ✖ rojo 1» in the Resumen
    for t in tablas(md):
        encabezado = partir(t[0])
        if "Estado" in encabezado:
            estados += [partir(f)[encabezado.index("Estado")] for f in t[2:]]
        if "Indicadores por estado" in encabezado:
            estados += [p for f in t[2:] for p in partir(f)[encabezado.index("Indicadores por estado")].split(", ")]
    assert len(estados) > 100
    assert [e for e in estados if e.split(" ")[0] not in {"—", *SIMBOLOS.values()}] == []
    assert md.rstrip().split("\n")[-1].startswith("Semáforo: ✔ cumplida (meta alcanzada); ● verde (logro ≥ 90 %")


def test_documento_por_objetivo_escapa_el_markdown_de_los_datos(espacio: Path) -> None:
    escribir(espacio / "avances/2026-S1/DGME.yaml", informe(
        '  - actividad: "5.4.1"\n    logros: "Tabla | rota <script>alert(1)</script> **negrita** [enlace](x)"\n'
        '    dificultades: "Primera línea\\nsegunda línea"\n'))
    md = pni(espacio, "reporte", "--por-objetivo", "--corte", CORTE).out
    linea = next(x for x in md.splitlines() if "Tabla" in x)
    assert "\\|" in linea and "&lt;script&gt;" in linea and "\\*\\*negrita\\*\\*" in linea and "\\[enlace\\]" in linea
    assert "Primera línea segunda línea" in md


def test_documento_por_objetivo_en_excel(ws: Path, tmp_path: Path) -> None:
    salida = tmp_path / "pmm.xlsx"
    r = pni(ws, "reporte", "--por-objetivo", "--formato", "xlsx", "--salida", str(salida), "--corte", CORTE)
    assert r.codigo == 0 and r.out == "" and f"Documento por objetivo escrito en {salida}" in r.err
    libro = load_workbook(salida)
    assert libro.sheetnames == ["Resumen", "Actividades", "Cifras clave", "Reportes", "Desgloses", "Narrativa",
                                "Principios", "Método"]
    for hoja in libro.worksheets:
        textos = [str(c.value) for fila in hoja.iter_rows(max_row=5) for c in fila if c.value]
        assert any(t.startswith("⚠ ALINEACIÓN PROPUESTA") for t in textos), hoja.title
        assert any(t.startswith("⚠ DATOS ILUSTRATIVOS") for t in textos), hoja.title
    resumen = libro["Resumen"]
    filas = [f for f in resumen.iter_rows(values_only=True) if isinstance(f[0], int)]
    assert [f[0] for f in filas] == list(range(1, 24))
    assert filas[20][:5] == (21, "RETORNO DIGNO Y REINTEGRACIÓN", 12, 2, 21)
    assert filas[7][2] == 0
    narrativa = [f for f in libro["Narrativa"].iter_rows(values_only=True) if isinstance(f[0], int)]
    assert narrativa and all(len(f) == 8 for f in narrativa)
    reportes = [f for f in libro["Reportes"].iter_rows(values_only=True) if isinstance(f[0], int)]
    assert all(isinstance(f[4], int | float) for f in reportes)  # values are numbers, to add up
    assert any(f[5].startswith("sexo: mujeres") for f in reportes)
    partes = [f for f in libro["Desgloses"].iter_rows(values_only=True) if isinstance(f[0], int)]
    mujeres = sum(f[6] for f in partes if f[0] == 21 and f[1] == "5.4.1.a" and f[5] == "mujeres")
    hombres = sum(f[6] for f in partes if f[0] == 21 and f[1] == "5.4.1.a" and f[5] == "hombres")
    valores = sum(f[4] for f in reportes if f[0] == 21 and f[1] == "5.4.1.a")
    assert mujeres + hombres == valores > 0  # the illustrative breakdowns add up to the values
    assert any(f[0] == "—" and f[1] == "0.1.1" for f in libro["Narrativa"].iter_rows(values_only=True))
    segundo = tmp_path / "otra.xlsx"
    pni(ws, "reporte", "--por-objetivo", "--formato", "xlsx", "--salida", str(segundo), "--corte", CORTE)
    assert segundo.read_bytes() == salida.read_bytes()


def test_documento_por_objetivo_en_excel_nunca_escribe_formulas(espacio: Path, tmp_path: Path) -> None:
    escribir(espacio / "avances/2026-S1/DGME.yaml", informe('  - actividad: "5.4.1"\n    logros: "=HYPERLINK(1)"\n'))
    salida = tmp_path / "pmm.xlsx"
    assert pni(espacio, "reporte", "--por-objetivo", "-f", "xlsx", "-o", str(salida), "--corte", CORTE).codigo == 0
    celda = next(c for fila in load_workbook(salida)["Narrativa"].iter_rows() for c in fila
                 if c.value == "=HYPERLINK(1)")
    assert celda.data_type == "s"


def test_documento_por_objetivo_uso(ws: Path, tmp_path: Path) -> None:
    r = pni(ws, "reporte", "--por-objetivo", "--formato", "xlsx", "--corte", CORTE)
    assert r.codigo == 2 and "necesita --salida" in r.err
    r = pni(ws, "reporte", "--por-objetivo", "--formato", "html", "--corte", CORTE)
    assert r.codigo == 2 and "el informe en HTML necesita --salida ARCHIVO.html" in r.err
    r = pni(ws, "reporte", "--por-objetivo", "--formato", "pdf", "--corte", CORTE)
    assert r.codigo == 2 and "--formato «pdf»" in r.err
    existente = escribir(tmp_path / "ya.md", "no tocar")
    r = pni(ws, "reporte", "--por-objetivo", "--salida", str(existente), "--corte", CORTE)
    assert r.codigo == 3 and existente.read_text(encoding="utf-8") == "no tocar"


def test_documento_por_objetivo_de_un_eje(ws: Path) -> None:
    md = pni(ws, "reporte", "--por-objetivo", "--eje", "5", "--corte", CORTE).out
    assert "**Solo el eje 5:**" in md
    o1 = md.split("## Objetivo 1.")[1].split("## Objetivo 2.")[0]
    assert "**0.3.1**" not in o1 and "**6.4.1**" not in o1
    o21 = md.split("## Objetivo 21.")[1].split("## Objetivo 22.")[0]
    assert "**5.4.1**" in o21 and "**3.3.1**" not in o21
    o3 = md.split("## Objetivo 3.")[1].split("## Objetivo 4.")[0]
    assert "**Ninguna actividad del eje 5 contribuye a este objetivo.**" in o3  # not «del plan»: it has 6


def test_la_guia_de_instituciones_muestra_una_narrativa_valida(espacio: Path) -> None:
    """The narrative snippet of docs/guia-instituciones.md, added to the guide's full example, passes pni validar."""
    guia = (REPO / "docs/guia-instituciones.md").read_text(encoding="utf-8")
    ejemplo = re.search(r"```yaml avances/2026-S1/ISDEMU.yaml\n(.*?)```", guia, re.S)
    narrativa = re.search(r"```yaml\n(actividades:\n.*?)```", guia, re.S)
    assert ejemplo is not None and narrativa is not None
    escribir(espacio / "avances/2026-S1/ISDEMU.yaml", ejemplo.group(1) + narrativa.group(1))
    r = pni(espacio, "validar", "avances/2026-S1/ISDEMU.yaml", "--corte", CORTE)
    assert r.codigo == 0 and "0 errores, 0 avisos" in r.out, r.out


def test_los_avances_ilustrativos_traen_narrativa(tmp_path: Path) -> None:
    shutil.copytree(REPO / "plan", tmp_path / "plan")
    shutil.copytree(REPO / "avances", tmp_path / "avances")
    r = pni(tmp_path, "validar", "--corte", CORTE)
    assert r.codigo == 0 and not re.search(r"PNI33\d", r.out), r.out
    con = [p for p in (REPO / "avances").rglob("*.yaml")
           if re.search(r"^actividades:", p.read_text(encoding="utf-8"), re.M)]
    assert len(con) >= 5
    assert all("ilustrativo: true" in p.read_text(encoding="utf-8") for p in con)
