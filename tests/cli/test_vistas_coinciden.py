"""Every view says the same numbers (issue 13): for any cut-off date, any subset of the progress files and any eje
filter, the JSON of `pni estado`, its terminal table, and the Markdown, Excel and HTML reports agree on every count
they show: indicators per state and eje, the plan's totals, the indicators in alert, the indicators computed with
missing reports, and the institutions that owe reports.

Each example runs the real CLI in process on a copy of the repository's workspace, so it is a property of the
program a user runs, not of one module. Bounded and derandomized: the same examples every run."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from pni_cli.progreso import ESTADOS
from pni_cli.semaforo import SIMBOLOS
from tests.conftest import REPO, correr

ARCHIVOS = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "avances").rglob("*.yaml"))
EJES = [str(n) for n in range(7)]
ALERTAS = ("rojo", "no_cumplida", "sin_reporte")
TITULOS = {"rojo": "Indicadores en rojo", "no_cumplida": "Indicadores no cumplidos",
           "sin_reporte": "Indicadores sin reporte"}
Conteos = dict[str, dict[str, int]]  # eje ("total" for the plan) → estado → indicators


def _ok(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    r = correr(*args, cwd=cwd, env=env)
    assert r.codigo == 0, (args, r.err)
    return r.out


# --- what each view says ---------------------------------------------------------------------------------------

def _del_json(doc: dict[str, Any]) -> dict[str, Any]:
    conteos: Conteos = {e["id"]: e["indicadores"] for e in doc["ejes"]}
    conteos["total"] = doc["total"]["indicadores"]
    inds = doc["indicadores"]
    return {
        "conteos": conteos,
        "alertas": {k: sum(i["estado"] == k for i in inds) for k in ALERTAS},
        "con_faltantes": sum(bool(i["informes_faltantes"]) and i["estado"] not in (
            "meta_por_definir", "no_iniciada", "sin_reporte") for i in inds),
        "deudoras": sum(bool(d["faltantes"] or d["con_errores"] or d["incompletos"] or d["tardios"])
                        for d in doc["deudas"]),
    }


def _tabla_de_estados(filas: list[list[str]]) -> Conteos:
    """Rows «N. Nombre | 9 counts | total» (the documents' summary table) as counts; «Total» is the plan's."""
    out: Conteos = {}
    for celdas in filas:
        nombre = celdas[0].strip("* ")
        clave = "total" if nombre == "Total" else nombre.split(".")[0]
        numeros = [int(c.strip("* ")) for c in celdas[1:1 + len(ESTADOS)]]
        out[clave] = dict(zip(ESTADOS, numeros, strict=True))
    return out


def _del_markdown(md: str) -> dict[str, Any]:
    inicio = md.index("| Eje |")
    filas = []
    for linea in md[inicio:].splitlines()[2:]:
        if not linea.startswith("|"):
            break
        filas.append([c.strip() for c in linea.strip("|").split("|")])

    def cuenta(titulo: str) -> int:
        m = re.search(rf"^### (?:\S+ )?{re.escape(titulo)} \((\d+)\)$", md, re.M)
        assert m is not None, titulo
        return int(m.group(1))

    return {"conteos": _tabla_de_estados(filas), "alertas": {k: cuenta(TITULOS[k]) for k in ALERTAS},
            "con_faltantes": cuenta("Indicadores con datos faltantes"),
            "deudoras": cuenta("Instituciones que deben informes")}


def _del_excel(ruta: Path) -> dict[str, Any]:
    hoja = load_workbook(ruta, read_only=True)["Resumen"]
    filas = [[("" if v is None else str(v)) for v in fila] for fila in hoja.iter_rows(values_only=True)]
    inicio = next(n for n, f in enumerate(filas) if f and f[0] == "Eje")
    tabla = []
    for f in filas[inicio + 1:]:
        if not f[0]:
            break
        tabla.append(f)
    textos = [f[0] for f in filas if f and f[0]]

    def cuenta(titulo: str) -> int:
        patron = re.compile(rf"^(?:\S+ )?{re.escape(titulo)} \((\d+)\)$")
        hallados = [int(m.group(1)) for t in textos if (m := patron.match(t))]
        assert len(hallados) == 1, (titulo, textos)
        return hallados[0]

    return {"conteos": _tabla_de_estados(tabla), "alertas": {k: cuenta(TITULOS[k]) for k in ALERTAS},
            "con_faltantes": cuenta("Indicadores con datos faltantes"),
            "deudoras": cuenta("Instituciones que deben informes")}


def _del_html(texto: str) -> dict[str, Any]:
    inicio = texto.index("<thead><tr><th>Eje</th>")
    cuerpo = texto[inicio:texto.index("</tbody>", inicio)]
    filas = [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", fila)]
             for fila in re.findall(r"<tr[^>]*>(.*?)</tr>", cuerpo, re.S) if "<td" in fila]

    def cuenta(titulo: str) -> int:
        m = re.findall(rf"<h3>(?:\S+ )?{re.escape(titulo)} \((\d+)\)</h3>", texto)
        assert len(m) == 1, titulo
        return int(m[0])

    return {"conteos": _tabla_de_estados(filas), "alertas": {k: cuenta(TITULOS[k]) for k in ALERTAS},
            "con_faltantes": cuenta("Indicadores con datos faltantes"),
            "deudoras": cuenta("Instituciones que deben informes")}


def _de_la_terminal(texto: str) -> dict[str, Any]:
    """The eje table of `pni estado` (a column per state that some indicator has, «-» for none) and the
    deliveries: the table's institutions plus those that never delivered anything."""
    lineas = texto.splitlines()
    cabecera = next(x for x in lineas if x.startswith("Eje ") and " Total " in x)
    simbolos = {v: k for k, v in SIMBOLOS.items()}
    columnas = [simbolos[t] for t in cabecera.split() if t in simbolos]
    conteos: Conteos = {}
    n = len(columnas)
    fila = re.compile(rf"^(\d) .*?\s(\d+)((?:\s+(?:\d+|-)){{{n}}})(?:\s|$)")
    total = re.compile(rf"^Total .*?\s(\d+)((?:\s+\d+){{{n}}})\s*$")
    for linea in lineas:
        if (m := fila.match(linea)) is not None:
            clave, valores = m.group(1), m.group(3).split()
        elif (m := total.match(linea)) is not None:
            clave, valores = "total", m.group(2).split()
        else:
            continue
        leidos = dict(zip(columnas, (0 if v == "-" else int(v) for v in valores), strict=True))
        conteos[clave] = {k: leidos.get(k, 0) for k in ESTADOS}
    deudoras = 0
    if (m := re.search(r"^Informes faltantes, con errores, incompletos o tarde \((\d+) instituci", texto, re.M)):
        deudoras += int(m.group(1))
    if (m := re.search(r"^No han entregado ningún informe \((\d+)\)", texto, re.M)):
        deudoras += int(m.group(1))
    return {"conteos": conteos, "deudoras": deudoras}


# --- the property ------------------------------------------------------------------------------------------------

CORTES = st.dates(min_value=dt.date(2024, 6, 1), max_value=dt.date(2029, 6, 30))


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    carpeta = tmp_path_factory.mktemp("vistas")
    shutil.copytree(REPO / "plan", carpeta / "plan")
    return carpeta


@settings(max_examples=6, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(corte=CORTES, quitar=st.sets(st.sampled_from(ARCHIVOS), max_size=len(ARCHIVOS) // 2),
       eje=st.none() | st.sampled_from(EJES))
@example(corte=dt.date(2024, 12, 31), quitar=set(), eje=None)  # before any deadline: nothing owed yet
@example(corte=dt.date(2026, 7, 15), quitar=set(), eje=None)  # a semester en plazo
@example(corte=dt.date(2029, 3, 1), quitar=set(ARCHIVOS[::3]), eje="4")  # every window closed: final states
def test_json_terminal_markdown_excel_y_html_dicen_los_mismos_numeros(
        base: Path, tmp_path_factory: pytest.TempPathFactory, corte: dt.date, quitar: set[str],
        eje: str | None) -> None:
    ws = tmp_path_factory.mktemp("ws")
    shutil.copytree(base / "plan", ws / "plan")
    for rel in ARCHIVOS:
        if rel not in quitar:
            (ws / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPO / rel, ws / rel)
    filtro = ["--corte", corte.isoformat(), *(["--eje", eje] if eje is not None else [])]
    entorno = {"PNI_CACHE_DIR": str(ws / ".cache-de-la-prueba"), "COLUMNS": "200"}
    del_json = _del_json(json.loads(_ok("estado", "--formato", "json", *filtro, cwd=ws, env=entorno)))
    terminal = _de_la_terminal(_ok("estado", *filtro, cwd=ws, env=entorno))
    markdown = _del_markdown(_ok("reporte", *filtro, cwd=ws, env=entorno))
    _ok("reporte", "--formato", "xlsx", "--salida", str(ws / "informe.xlsx"), *filtro, cwd=ws, env=entorno)
    excel = _del_excel(ws / "informe.xlsx")
    _ok("reporte", "--formato", "html", "--salida", str(ws / "informe.html"), *filtro, cwd=ws, env=entorno)
    pagina = _del_html((ws / "informe.html").read_text(encoding="utf-8"))

    assert markdown == del_json, "Markdown"
    assert excel == del_json, "Excel"
    assert pagina == del_json, "HTML"
    # the terminal's table lists only the ejes that have indicators; its deliveries count the same institutions
    assert terminal["conteos"] == {k: v for k, v in del_json["conteos"].items() if k == "total" or sum(v.values())}
    assert terminal["deudoras"] == del_json["deudoras"]
    # and the counts add up: each eje's row to the plan's total
    ejes = [v for k, v in del_json["conteos"].items() if k != "total"]
    assert {k: sum(e[k] for e in ejes) for k in ESTADOS} == del_json["conteos"]["total"]
