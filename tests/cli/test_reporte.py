"""`pni reporte`: the Markdown and Excel reports for the Mecanismo, run as a user runs them (a subprocess).

The fixture workspace is the real plan plus the progress files of tests/fixtures/reporte/avances/ (fictitious
values: MTPS 2025-S1 with `ilustrativo: true`, MTPS 2025-S2 with an observation holding «|» and a line break,
MRREE 2025-S2 delivered one day late), always at --corte 2026-01-31.

Golden file: tests/fixtures/reporte/esperado.md is the Markdown report of that workspace, with pni's version
(«generado con pni X.Y.Z») replaced by «generado con pni «versión»» so that a version bump does not break it. After
an intended change to the report, the plan or the fixtures, regenerate it with

    PNI_REGENERAR=1 .venv/bin/python -m pytest tests/cli/test_reporte.py -k esperado

and read `git diff tests/fixtures/reporte/esperado.md` line by line before committing it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pni_cli import __version__
from pni_cli.informe_mecanismo import SIMBOLOS
from pni_cli.progreso import ETIQUETAS
from pni_cli.render.informe_xlsx import COLORES
from tests.conftest import REPO, Salida, correr, escribir, huellas

FIJOS = REPO / "tests" / "fixtures" / "reporte"
ESPERADO = FIJOS / "esperado.md"
CORTE = "2026-01-31"
VERSION = f"generado con pni {__version__}"
VERSION_FIJA = "generado con pni «versión»"
EJES = [str(n) for n in range(7)]
ENCABEZADOS_EJE = ["Id", "Actividad", "Indicador", "Meta (fuente)", "Esperado a la fecha", "Reportado", "% logro",
                   "Semáforo", "Notas", "Responsables", "Último reporte", "Observaciones"]
HOJAS = ["Resumen", *[f"Eje {n}" for n in EJES], "Entregas", "Metas por definir", "Inconsistencias"]
RE_INDICADOR = re.compile(r"^\d\.\d+\.\d+\.[a-z]$")


# --- helpers ---------------------------------------------------------------------------------------------

@pytest.fixture
def ws(espacio: Path) -> Path:
    """The fixture workspace: real plan + the fictitious progress files of tests/fixtures/reporte/avances."""
    shutil.copytree(FIJOS / "avances", espacio / "avances", dirs_exist_ok=True)
    return espacio


@dataclass(frozen=True)
class Base:
    """The fixture workspace's reports and status, computed once for the tests that only read them."""

    carpeta: Path
    md: str
    json: dict[str, Any]
    xlsx: Path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    carpeta = tmp_path_factory.mktemp("reporte")
    shutil.copytree(REPO / "plan", carpeta / "plan")
    shutil.copytree(FIJOS / "avances", carpeta / "avances")
    xlsx = tmp_path_factory.mktemp("excel") / "informe.xlsx"
    r = ok(reporte(carpeta, "--formato", "xlsx", "--salida", str(xlsx)))
    assert f"Informe escrito en {xlsx}" in r.err
    return Base(carpeta, ok(reporte(carpeta)).out, estado_json(carpeta), xlsx)


def reporte(carpeta: Path, *args: str) -> Salida:
    return correr("reporte", "--corte", CORTE, *args, cwd=carpeta)


def ok(r: Salida) -> Salida:
    assert r.codigo == 0, f"código {r.codigo}\nstdout:\n{r.out[-2000:]}\nstderr:\n{r.err}"
    assert "Traceback" not in r.err
    return r


def estado_json(carpeta: Path, *args: str) -> dict[str, Any]:
    r = ok(correr("estado", "--formato", "json", "--corte", CORTE, *args, cwd=carpeta))
    datos: dict[str, Any] = json.loads(r.out)
    return datos


def partir(linea: str) -> list[str]:
    """The cells of a Markdown table row: split at the pipes not escaped by a backslash."""
    celdas, actual, i = [], "", 0
    while i < len(linea):
        c = linea[i]
        if c == "\\" and i + 1 < len(linea):
            actual += linea[i:i + 2]
            i += 2
            continue
        if c == "|":
            celdas.append(actual)
            actual = ""
        else:
            actual += c
        i += 1
    celdas.append(actual)
    return [c.strip() for c in celdas[1:-1]]  # a row starts and ends with a pipe


def tuberias(linea: str) -> int:
    """Unescaped pipes of a row, read two ways: a backslash escapes the next character (CommonMark), and any pipe
    right after a backslash is escaped (GFM's table scanner). pni's tables must be right under both readings."""
    commonmark = len(partir(linea)) + 1
    gfm = len(re.findall(r"(?<!\\)\|", linea))
    assert commonmark == gfm, f"las dos lecturas de la fila no coinciden: {linea}"
    return gfm


def tablas(texto: str) -> list[list[str]]:
    """Consecutive lines starting with «|» (a GFM table), in order."""
    out: list[list[str]] = []
    actual: list[str] = []
    for linea in texto.split("\n"):
        if linea.startswith("|"):
            actual.append(linea)
        elif actual:
            out.append(actual)
            actual = []
    if actual:
        out.append(actual)
    return out


def seccion(texto: str, titulo: str) -> str:
    """The text from the heading `titulo` to the next heading of the same or a higher level."""
    nivel = len(titulo) - len(titulo.lstrip("#"))
    lineas = texto.split("\n")
    inicio = lineas.index(titulo)
    fin = next((j for j in range(inicio + 1, len(lineas))
                if lineas[j].startswith("#") and len(lineas[j]) - len(lineas[j].lstrip("#")) <= nivel), len(lineas))
    return "\n".join(lineas[inicio:fin])


def filas_de_indicadores(texto: str) -> dict[str, list[str]]:
    """Indicator id → the cells of its row in the eje sections."""
    out = {}
    for tabla in tablas(texto):
        if partir(tabla[0])[0] != "Id":
            continue
        for linea in tabla[2:]:
            celdas = partir(linea)
            if celdas and RE_INDICADOR.match(celdas[0]):
                assert celdas[0] not in out, f"{celdas[0]} aparece dos veces"
                out[celdas[0]] = celdas
    return out


def numero(texto: str) -> float | None:
    """«5,040» → 5040 · «18.8» → 18.8 · «110 %» → 110 · «—» → None."""
    return None if texto == "—" else float(texto.replace(",", "").removesuffix(" %"))


def normalizar(texto: str) -> str:
    return texto.replace(VERSION, VERSION_FIJA)


def diferencias(esperado: str, obtenido: str) -> str:
    lineas = list(difflib.unified_diff(esperado.splitlines(keepends=True), obtenido.splitlines(keepends=True),
                                       fromfile=str(ESPERADO.relative_to(REPO)), tofile="salida de pni reporte",
                                       n=2))
    resumen = "".join(lineas[:200]) + (f"\n… y {len(lineas) - 200} líneas más de diferencias\n"
                                       if len(lineas) > 200 else "")
    return (f"el informe no coincide con el esperado:\n{resumen}\nSi el cambio es intencionado, regenere con "
            "PNI_REGENERAR=1 (ver el docstring de tests/cli/test_reporte.py) y revise el diff.")


def indicador(doc: dict[str, Any], id_: str) -> dict[str, Any]:
    return next(i for i in doc["indicadores"] if i["id"] == id_)


# --- Markdown --------------------------------------------------------------------------------------------

def test_markdown_igual_al_esperado(base: Base) -> None:
    obtenido = normalizar(base.md)
    if os.environ.get("PNI_REGENERAR"):
        ESPERADO.write_text(obtenido, encoding="utf-8", newline="\n")
        pytest.skip(f"{ESPERADO.relative_to(REPO)} regenerado: revise el diff antes de confirmarlo")
    esperado = ESPERADO.read_text(encoding="utf-8")
    if obtenido != esperado:
        pytest.fail(diferencias(esperado, obtenido), pytrace=False)


def test_markdown_mismo_resultado_byte_a_byte(base: Base, tmp_path: Path) -> None:
    assert ok(reporte(base.carpeta)).out == base.md
    destino = tmp_path / "informe.md"
    ok(reporte(base.carpeta, "--salida", str(destino)))
    assert destino.read_bytes() == base.md.encode("utf-8")


def test_markdown_secciones(base: Base) -> None:
    texto = base.md
    lineas = texto.split("\n")
    assert lineas[0] == "# Informe de avance del PNI 2024-2028"
    cabecera = lineas[2]
    assert "**Fecha de corte:** 31/01/2026" in cabecera
    assert "**Semestres evaluados:** 2024-S2 a 2025-S2 (3)" in cabecera
    assert "**Versión del plan:** sin control de versiones" in cabecera  # the fixture is not a git repository
    assert VERSION in cabecera
    titulos = [linea for linea in lineas if linea.startswith("## ")]
    ejes = [t for t in titulos if t.startswith("## Eje ")]
    assert [t.split(":")[0] for t in ejes] == [f"## Eje {n}" for n in EJES]
    assert titulos == ["## Resumen ejecutivo", *ejes, "## Entregas de informes por institución y semestre",
                       "## Metas por definir", "## Inconsistencias de la fuente"]
    resumen = seccion(texto, "## Resumen ejecutivo")
    for sub in ("### ✖ Indicadores en rojo (3)", "### ⊘ Indicadores no cumplidos (0)",
                "### ? Indicadores sin reporte (", "### Indicadores con datos faltantes (",
                "### Instituciones que deben informes ("):
        assert sub in resumen
    # the executive summary: one row per eje and a total
    tabla = tablas(resumen)[0]
    assert [partir(f)[0] for f in tabla[2:-1]] == [f"{n}. {e}" for n, e in zip(EJES, (
        "Intervenciones transversales", "Prevención de la Migración Irregular", "Asistencia y Protección",
        "Movilidad Laboral", "Atención a la Diáspora", "Reintegración", "Factores Medioambientales"), strict=True)]
    assert partir(tabla[-1])[0] == "**Total**"
    rojas = seccion(texto, "### ✖ Indicadores en rojo (3)")
    assert "| **3.1.1** Realizar reuniones periódicas con los integrantes del Eje de Movilidad Laboral. | 3 | MRREE " \
           "| 3.1.1.a (33 %) |" in rojas
    deudoras = seccion(texto, next(t for t in lineas if t.startswith("### Instituciones que deben informes")))
    assert "| **MTPS** Ministerio de Trabajo y Previsión Social | 2024-S2 | — | 2025-S1 (3 de 21 indicadores), " \
           "2025-S2 (3 de 21 indicadores) | — |" in deudoras
    # MRREE's 2025-S2 file came one day late and incomplete: both facts
    assert ("| **MRREE** Ministerio de Relaciones Exteriores | 2024-S2, 2025-S1 | — | 2025-S2 (5 de 128 indicadores) | "
            "2025-S2 (1 día de retraso) |") in deudoras
    # completeness: institutions × semesters
    entregas = seccion(texto, "## Entregas de informes por institución y semestre")
    tabla = tablas(entregas)[0]
    assert partir(tabla[0]) == ["Institución", "2024-S2", "2025-S1", "2025-S2"]
    filas = {partir(f)[0]: partir(f)[1:] for f in tabla[2:]}
    assert filas["MTPS"] == ["faltante", "incompleto (3 de 21)", "incompleto (3 de 21)"]
    assert filas["MRREE"] == ["faltante", "faltante", "tarde (1 día) e incompleto (5 de 128)"]
    assert filas["DGME"] == ["faltante"] * 3
    assert list(filas) == sorted(filas)
    # metas por definir and the source's inconsistencies
    metas = tablas(seccion(texto, "## Metas por definir"))[0]
    assert [partir(f)[0] for f in metas[2:]] == ["0.2.3.a"]
    assert partir(metas[2])[3] == "actividad 0.2.1"
    inconsistencias = tablas(seccion(texto, "## Inconsistencias de la fuente"))[0]
    assert len(inconsistencias) - 2 == _inconsistencias_del_plan(base.carpeta)
    assert "| 3.3.1 | `celda-compuesta` |" in "\n".join(inconsistencias)
    assert lineas[-2].startswith("Semáforo: ✔ cumplida, ● verde, ▲ amarillo, ✖ rojo, ⊘ no cumplida, ◐ en curso, ? sin "
                                 "reporte, ○ no iniciada, ◇ meta por definir. Verde ≥ 90 % de lo esperado a la fecha; "
                                 "amarillo ≥ 70 %")
    assert texto.endswith("\n") and not texto.endswith("\n\n")
    assert "\n\n\n" not in texto


def _inconsistencias_del_plan(carpeta: Path, eje: str | None = None) -> int:
    """How many inconsistencies the plan files record (eje, intervention, activity and indicator levels)."""
    from ruamel.yaml import YAML

    total = 0
    for ruta in sorted((carpeta / "plan").glob("eje-*.yaml")):
        datos = YAML(typ="safe").load(ruta.read_text(encoding="utf-8"))
        if eje is not None and datos["id"] != eje:
            continue
        total += len(datos.get("inconsistencias", []))
        for itv in datos["intervenciones"]:
            total += len(itv.get("inconsistencias", []))
            for act in itv["actividades"]:
                total += len(act.get("inconsistencias", []))
                total += sum(len(ind.get("inconsistencias", [])) for ind in act["indicadores"])
    return total


def test_aviso_de_datos_ilustrativos_solo_si_un_archivo_lo_dice(ws: Path) -> None:
    assert "⚠ DATOS ILUSTRATIVOS" in ok(reporte(ws)).out
    ilustrativo = ws / "avances" / "2025-S1" / "MTPS.yaml"
    texto = ilustrativo.read_text(encoding="utf-8")
    assert "ilustrativo: true\n" in texto
    ilustrativo.write_text(texto.replace("ilustrativo: true\n", "ilustrativo: false\n"), encoding="utf-8")
    sin_aviso = ok(reporte(ws)).out
    assert "ILUSTRATIVO" not in sin_aviso.upper()
    assert estado_json(ws)["ilustrativo"] is False
    shutil.rmtree(ws / "avances")
    (ws / "avances").mkdir()
    assert "ILUSTRATIVO" not in ok(reporte(ws)).out.upper()


def test_markdown_mismos_numeros_que_estado_json(base: Base) -> None:
    texto, doc = base.md, base.json
    filas = filas_de_indicadores(texto)
    assert set(filas) == {i["id"] for i in doc["indicadores"]}
    for i in doc["indicadores"]:
        _, _, _, esperado, reportado, logro, semaforo, *_ = filas[i["id"]]
        for md, js, tolerancia in ((esperado, i["esperado"], 0.051), (reportado, i["reportado"], 0.051),
                                   (logro, i["logro"], 0.51)):
            if js is None:
                assert md == "—", i["id"]
            else:
                assert numero(md) == pytest.approx(js, abs=tolerancia), (i["id"], md, js)
        assert semaforo.split(" (")[0] == f"{SIMBOLOS[i['estado']]} {ETIQUETAS[i['estado']]}", i["id"]
        assert ("revisar meta" in semaforo) is i["revisar_meta"], i["id"]
        assert ("niveles discrepantes" in semaforo) is i["discrepancia"], i["id"]
    # a few by hand, as a reader checks them
    # 1.4.2.a «100 participantes por año»: 2024 expects 50 and has nothing; 2025 expects 100 and has 40 + 5,000 →
    # credited 100: 100 of 150 = 67 %, rojo; 5,040 ÷ 150 = 3,360 % → revisar meta; 2 of 9 owed reports arrived
    assert filas["1.4.2.a"][3:7] == ["150", "5,040", "67 %", "✖ rojo (faltan 7 de 9 informes, cuenta 100: lo que sobra "
                                                             "en un año no cubre otro, revisar meta)"]
    # 3.1.1.b «10 instituciones participantes» (promedio): 8.5 → 85 %; only 2025-S2 of 3 semesters reported
    assert filas["3.1.1.b"][3:7] == ["10", "8.5", "85 %", "▲ amarillo (faltan 2 de 3 informes)"]
    # 3.4.2.a «Un registro» (hito, vence 2028-S2, combinar maximo): MTPS 60 and MRREE 50 in 2025-S2 → 60, not judged
    assert filas["3.4.2.a"][3:7] == ["—", "60", "—", "◐ en curso (faltan 6 de 9 informes, niveles discrepantes)"]
    # 0.2.3.b «75% de brechas» (total): 75 × 2/8 = 18.75 expected; 30 → credited 18.75 (100 %); 160 % → revisar
    assert filas["0.2.3.b"][3:7] == ["18.8", "30", "100 %", "● verde (faltan 3 de 4 informes, revisar meta)"]
    assert (indicador(doc, "0.2.3.b")["esperado"], indicador(doc, "1.4.2.a")["reportado"]) == (18.75, 5040)
    # the executive summary's totals are the JSON's
    resumen = tablas(seccion(texto, "## Resumen ejecutivo"))[0]
    estados = list(ETIQUETAS)
    total = [int(c.strip("*")) for c in partir(resumen[-1])[1:]]
    assert total == [doc["total"]["indicadores"][e] for e in estados] + [len(doc["indicadores"])]
    for fila, eje in zip(resumen[2:-1], doc["ejes"], strict=True):
        assert [int(c) for c in partir(fila)[1:-1]] == [eje["indicadores"][e] for e in estados]


def test_barras_y_saltos_de_linea_escapados_en_las_tablas(base: Base) -> None:
    texto = base.md
    assert texto.count("\n| ") > 150
    for tabla in tablas(texto):
        cabecera = tuberias(tabla[0])
        for linea in tabla[1:]:
            assert tuberias(linea) == cabecera, f"la fila tiene otro número de columnas que su encabezado:\n" \
                                                f"{tabla[0]}\n{linea}"
    fila = filas_de_indicadores(texto)["3.4.2.a"]
    assert fila[-1] == "MTPS 2025-S2: Ley aprobada \\| reglamento pendiente segunda línea: falta presupuesto"
    assert not any(linea.startswith("segunda línea") for linea in texto.split("\n"))


def test_markdown_escapa_texto_hostil(espacio: Path) -> None:
    """Pipes, line breaks, HTML and backslashes in a report's text never break the table or inject markup."""
    escribir(espacio / "avances" / "2025-S2" / "MRREE.yaml", """\
periodo: 2025-S2
institucion: MRREE
fecha_reporte: 2026-01-20
reportes:
  - indicador: "3.1.1.a"
    valor: 4
    observaciones: "a|b\\\\|c\\r\\nd <script>alert(1)</script> \\\\"
""")
    texto = ok(reporte(espacio)).out
    celda = filas_de_indicadores(texto)["3.1.1.a"][-1]
    assert celda == "MRREE 2025-S2: a\\|b\\\\\\|c d &lt;script&gt;alert(1)&lt;/script&gt; \\\\"
    assert "<script>" not in texto
    for tabla in tablas(texto):
        assert {tuberias(f) for f in tabla} == {tuberias(tabla[0])}


def test_plantilla_del_espacio_de_trabajo_reemplaza_a_la_del_paquete(ws: Path, base: Base) -> None:
    escribir(ws / "plantillas" / "reporte.md.j2",
             "# Informe propio al {{ i.corte }}\n\n{% for e in i.ejes %}- Eje {{ e.id }}: {{ e.total }}\n"
             "{% endfor %}Total: {{ i.total_indicadores }}\n")
    texto = ok(reporte(ws)).out
    doc = base.json
    assert texto.startswith("# Informe propio al 31/01/2026\n")
    assert f"Total: {len(doc['indicadores'])}\n" in texto
    assert "- Eje 3: 22\n" in texto
    assert "## Resumen ejecutivo" not in texto


@pytest.mark.parametrize(("plantilla", "mensaje"), [
    ("# {{ i.titulo }}\n{{ i.no_existe }}\n",
     "plantillas/reporte.md.j2, línea 2 usa «no_existe», que no está definida"),
    ("# {{ i.titulo }}\n\n{{ variable_suelta }}\n", "línea 3 usa «variable_suelta», que no está definida"),
    ("# {{ i.titulo }}\n{% if %}\n", "plantillas/reporte.md.j2, línea 2: error de sintaxis de jinja2"),
    ("{{ i.titulo | filtro_inventado }}\n", "línea 1: error de sintaxis de jinja2 (No filter named"),
    ('{% include "otra.md.j2" %}\n', "incluye «otra.md.j2», que no existe en plantillas/"),
    ("# {{ i.titulo }}\n{{ i.ejes[99] }}\n", "línea 2 usa un valor que no existe"),
    ("\n{{ 1 / 0 }}\n", "línea 2 no se pudo aplicar (ZeroDivisionError"),
    ("# {{ i.titulo }}\n".encode("utf-16"), "plantillas/reporte.md.j2 no está en UTF-8"),
], ids=["atributo", "variable", "sintaxis", "filtro", "include", "indice", "division", "utf-16"])
def test_plantilla_rota_da_un_mensaje_claro(ws: Path, plantilla: str | bytes, mensaje: str) -> None:
    escribir(ws / "plantillas" / "reporte.md.j2", plantilla)
    destino = ws / "informe.md"
    antes = huellas(ws)
    for args in ((), ("--salida", str(destino))):
        r = reporte(ws, *args)
        assert r.codigo == 2, r
        assert r.out == ""
        assert mensaje in r.err
        assert r.err.startswith("pni: la plantilla ")
        assert "Traceback" not in r.err and "error interno" not in r.err
    assert huellas(ws) == antes  # nothing written


def test_salida_escribe_el_archivo_y_no_sobrescribe_sin_forzar(ws: Path) -> None:
    destino = ws / "informes" / "informe.md"
    destino.parent.mkdir()
    r = ok(reporte(ws, "--salida", str(destino)))
    assert r.out == ""
    assert f"Informe escrito en {destino}" in r.err
    assert [p.name for p in destino.parent.iterdir()] == ["informe.md"]  # no temporary file left
    assert destino.read_text(encoding="utf-8").startswith("# Informe de avance del PNI 2024-2028\n")

    destino.write_text("versión anterior", encoding="utf-8")
    r = reporte(ws, "--salida", str(destino))
    assert r.codigo == 3
    assert "ya existe; no se sobrescribe sin --forzar" in r.err
    assert destino.read_text(encoding="utf-8") == "versión anterior"

    ok(reporte(ws, "--salida", str(destino), "--forzar"))
    assert destino.read_text(encoding="utf-8").startswith("# Informe de avance del PNI 2024-2028\n")
    assert [p.name for p in destino.parent.iterdir()] == ["informe.md"]


def test_salida_a_una_carpeta_se_rechaza(ws: Path) -> None:
    (ws / "informes").mkdir()
    for extra in ((), ("--forzar",)):
        r = reporte(ws, "--salida", str(ws / "informes"), *extra)
        assert r.codigo == 3
        assert "es una carpeta" in r.err
    assert list((ws / "informes").iterdir()) == []


def test_eje_restringe_el_informe(ws: Path) -> None:
    texto = ok(reporte(ws, "--eje", "3")).out
    assert texto.startswith("# Informe de avance del PNI 2024-2028 — Eje 3\n")
    assert [t for t in texto.split("\n") if t.startswith("## Eje ")] == ["## Eje 3: Movilidad Laboral"]
    resumen = tablas(seccion(texto, "## Resumen ejecutivo"))[0]
    assert [partir(f)[0] for f in resumen[2:]] == ["3. Movilidad Laboral", "**Total**"]
    doc = estado_json(ws, "--eje", "3")
    filas = filas_de_indicadores(texto)
    assert set(filas) == {i["id"] for i in doc["indicadores"]}
    assert all(i.startswith("3.") for i in filas)
    assert int(partir(resumen[-1])[-1].strip("*")) == len(doc["indicadores"]) == 22
    rojas = seccion(texto, "### ✖ Indicadores en rojo (2)")
    assert "**3.1.1**" in rojas
    inconsistencias = tablas(seccion(texto, "## Inconsistencias de la fuente"))[0][2:]
    assert len(inconsistencias) == _inconsistencias_del_plan(ws, "3")
    assert all(partir(f)[0] == "Eje 3" or partir(f)[0].startswith("3.") for f in inconsistencias)
    assert "## Metas por definir\n\nNinguna." in texto  # 0.2.3.a is in eje 0
    # only the institutions that owe eje 3 indicators
    entregas = {partir(f)[0] for f in tablas(seccion(texto, "## Entregas de informes por institución y "
                                                            "semestre"))[0][2:]}
    assert {"MTPS", "MRREE"} <= entregas
    assert "BANDESAL" not in entregas


def test_opciones_incorrectas(ws: Path) -> None:
    for args, mensaje in ((("--eje", "9"), "--eje «9» no existe"), (("--formato", "pdf"), "--formato «pdf»"),
                          (("--periodo", "2026-S1"), "use --corte o --periodo")):
        r = reporte(ws, *args)
        assert r.codigo == 2, args
        assert mensaje in r.err
        assert "Traceback" not in r.err


def test_la_plantilla_del_repositorio_es_la_del_paquete() -> None:
    """plantillas/ at the top of this repository is the editable copy of the packaged default: keep them equal
    (a change to one is a change to both), so the shipped workspace never renders an outdated report."""
    assert (REPO / "plantillas" / "reporte.md.j2").read_text(encoding="utf-8") == \
        (REPO / "pni_cli" / "plantillas" / "reporte.md.j2").read_text(encoding="utf-8")


def test_la_plantilla_del_repositorio_da_tablas_bien_formadas() -> None:
    texto = ok(correr("reporte", "--corte", CORTE)).out  # in the repository, with its own plantillas/
    assert "## Entregas de informes por institución y semestre\n\n| Institución |" in texto
    for tabla in tablas(texto):
        assert {tuberias(f) for f in tabla} == {tuberias(tabla[0])}, tabla[0]
    assert "| Último reporte | Observaciones |" in texto


# --- Excel -----------------------------------------------------------------------------------------------

def _excel(carpeta: Path, *args: str) -> tuple[Path, Any]:
    destino = carpeta / "informe.xlsx"
    r = ok(reporte(carpeta, "--formato", "xlsx", "--salida", str(destino), *args))
    assert f"Informe escrito en {destino}" in r.err
    return destino, load_workbook(destino)


def _fila_encabezado(hoja: Any, primero: str) -> int:
    return next(c.row for c in hoja["A"] if c.value == primero)


def _filas_eje(hoja: Any) -> dict[str, Any]:
    """Indicator id → its row of cells in an eje sheet."""
    inicio = _fila_encabezado(hoja, "Id")
    return {fila[0].value: fila for fila in hoja.iter_rows(min_row=inicio + 1, max_col=12)
            if isinstance(fila[0].value, str) and RE_INDICADOR.match(fila[0].value)}


def test_excel_hojas_y_resumen(base: Base) -> None:
    destino, libro, doc = base.xlsx, load_workbook(base.xlsx), base.json
    assert libro.sheetnames == HOJAS
    resumen = libro["Resumen"]
    assert resumen["A1"].value == "Informe de avance del PNI 2024-2028"
    assert "Fecha de corte: 31/01/2026" in resumen["A2"].value
    assert "Versión del plan: sin control de versiones" in resumen["A2"].value
    assert resumen["A3"].value.startswith("⚠ DATOS ILUSTRATIVOS")
    inicio = _fila_encabezado(resumen, "Eje")
    estados = list(ETIQUETAS)
    encabezado = [c.value for c in resumen[inicio]][:len(estados) + 2]
    assert encabezado == ["Eje", *[f"{SIMBOLOS[e]} {ETIQUETAS[e].capitalize()}" for e in estados], "Total"]
    filas = [[c.value for c in fila][:len(estados) + 2]
             for fila in resumen.iter_rows(min_row=inicio + 1, max_row=inicio + len(EJES) + 1)]
    for fila, eje in zip(filas[:-1], doc["ejes"], strict=True):
        assert fila[0].startswith(f"{eje['id']}. ")
        assert fila[1:] == [eje["indicadores"][e] for e in estados] + [sum(eje["indicadores"].values())]
    assert filas[-1] == ["Total", *[doc["total"]["indicadores"][e] for e in estados], len(doc["indicadores"])]
    # the chart: one stacked bar chart, one series per state
    assert len(resumen._charts) == 1
    grafico = resumen._charts[0]
    assert (grafico.type, grafico.grouping, len(grafico.series)) == ("bar", "stacked", len(estados))
    with zipfile.ZipFile(destino) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    # document properties: the cut-off date, not the time of the run
    assert libro.properties.created == dt.datetime(2026, 1, 31)
    assert libro.properties.modified == dt.datetime(2026, 1, 31)
    assert libro.properties.creator == "pni"


def test_excel_hojas_de_eje(base: Base) -> None:
    libro, doc = load_workbook(base.xlsx), base.json
    por_id = {i["id"]: i for i in doc["indicadores"]}
    vistos = set()
    for n in EJES:
        hoja = libro[f"Eje {n}"]
        inicio = _fila_encabezado(hoja, "Id")
        assert [c.value for c in hoja[inicio]] == ENCABEZADOS_EJE
        assert hoja.freeze_panes == f"A{inicio + 1}"
        assert hoja.auto_filter.ref is not None
        assert hoja.auto_filter.ref.startswith(f"A{inicio}:L")
        assert hoja.page_setup.orientation == "landscape"
        assert hoja.page_setup.scale >= 80  # an explicit scale (tests/impresos.py checks the rest of the page)
        assert not hoja.sheet_properties.pageSetUpPr.fitToPage
        filas = _filas_eje(hoja)
        assert set(filas) == {i for i, v in por_id.items() if v["eje"] == n}
        for id_, fila in filas.items():
            estado = por_id[id_]["estado"]
            semaforo = fila[7]
            assert semaforo.value == f"{SIMBOLOS[estado]} {ETIQUETAS[estado]}", id_
            assert semaforo.fill.fill_type == "solid"
            assert semaforo.fill.fgColor.rgb[-6:] == COLORES[estado], (id_, estado)
            vistos.add(estado)
    assert {"verde", "amarillo", "rojo", "en_curso", "sin_reporte", "no_iniciada", "meta_por_definir"} <= vistos
    fila = _filas_eje(libro["Eje 3"])["3.4.2.a"]
    assert [c.value for c in fila[4:9]] == [None, 60, None, "◐ en curso",
                                            "faltan 6 de 9 informes, niveles discrepantes"]
    assert fila[11].value == "MTPS 2025-S2: Ley aprobada | reglamento pendiente\nsegunda línea: falta presupuesto"


HOSTILES = {
    "3.1.1.a": '=HYPERLINK("http://x","y")',
    "3.1.1.b": "+1",
    "3.2.2.a": "-1",
    "0.2.3.b": "@SUM(A1)",
    "1.4.2.a": "=1+1",
}


def test_excel_texto_hostil_queda_como_texto(espacio: Path) -> None:
    reportes = "".join(f'  - indicador: "{i}"\n    valor: 1\n    observaciones: {json.dumps(t)}\n'
                       for i, t in HOSTILES.items())
    reportes += '  - indicador: "3.3.1.a"\n    valor: 50\n    observaciones: "a\\x01b\\vc\\x7fd"\n'
    escribir(espacio / "avances" / "2025-S2" / "MRREE.yaml",
             f"periodo: 2025-S2\ninstitucion: MRREE\nfecha_reporte: 2026-01-20\nreportes:\n{reportes}")
    # a plan text can be hostile too, and it fills a whole cell
    eje3 = next((espacio / "plan").glob("eje-3-*.yaml"))
    texto, n = re.subn(r'(- id: "3\.1\.1\.a"\n\s+texto: ).*', lambda m: m.group(1) + """'=HYPERLINK("http://x","y")'""",
                       eje3.read_text(encoding="utf-8"))
    assert n == 1
    eje3.write_text(texto, encoding="utf-8")
    destino, libro = _excel(espacio)
    filas = {**_filas_eje(libro["Eje 0"]), **_filas_eje(libro["Eje 1"]), **_filas_eje(libro["Eje 3"])}
    for id_, original in HOSTILES.items():
        celda = filas[id_][11]
        assert celda.value == f"MRREE 2025-S2: {original}"
        assert celda.data_type == "s", id_
    indicador_hostil = filas["3.1.1.a"][2]
    assert indicador_hostil.value == '=HYPERLINK("http://x","y")'
    assert indicador_hostil.data_type == "s"
    assert indicador_hostil.quotePrefix is True
    assert filas["3.3.1.a"][11].value == "MRREE 2025-S2: abcd"  # control characters removed
    with zipfile.ZipFile(destino) as z:
        hojas = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(hojas) == len(HOJAS)
        for nombre in hojas:
            xml = z.read(nombre).decode("utf-8")
            assert "<f>" not in xml and "<f " not in xml, f"{nombre} contiene una fórmula"
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", xml), f"{nombre}: caracteres de control"


def test_excel_sin_salida_es_un_error_de_uso(ws: Path) -> None:
    antes = huellas(ws)
    r = reporte(ws, "--formato", "xlsx")
    assert r.codigo == 2
    assert "el informe en Excel necesita --salida" in r.err
    assert r.out == ""
    assert huellas(ws) == antes


def test_excel_no_sobrescribe_sin_forzar(ws: Path) -> None:
    destino = ws / "informe.xlsx"
    destino.write_bytes(b"no tocar")
    r = reporte(ws, "--formato", "xlsx", "--salida", str(destino))
    assert r.codigo == 3
    assert destino.read_bytes() == b"no tocar"
    ok(reporte(ws, "--formato", "xlsx", "--salida", str(destino), "--forzar"))
    assert load_workbook(destino).sheetnames == HOJAS


def test_excel_de_un_eje(ws: Path) -> None:
    _, libro = _excel(ws, "--eje", "3")
    assert libro.sheetnames == ["Resumen", "Eje 3", "Entregas", "Metas por definir", "Inconsistencias"]
    assert libro["Resumen"]["A1"].value == "Informe de avance del PNI 2024-2028 — Eje 3"
    assert len(_filas_eje(libro["Eje 3"])) == 22
