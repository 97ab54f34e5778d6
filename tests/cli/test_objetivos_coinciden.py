"""The views by objective of the Global Compact say the same numbers as the semáforo (issue 18): for each of the 23
objectives, the indicators by state in the Markdown, Excel and HTML documents (`pni reporte --por-objetivo`) are
the states `pni estado --formato json` gives to the indicators that measure that objective, read straight from the
plan files (an indicator's own `objetivos_pmm` if it has a list, even empty, else its activity's), at several
cut-off dates."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML

from pni_cli.progreso import ESTADOS, ETIQUETAS
from tests.conftest import REPO, correr

Conteos = dict[int, Counter[str]]  # objective → state → indicators
POR_PALABRA = {v: k for k, v in ETIQUETAS.items()}


def _miden() -> dict[str, list[int]]:
    """Indicator → the objectives it measures, from the plan's YAML (not from pni's code)."""
    out: dict[str, list[int]] = {}
    for archivo in sorted((REPO / "plan").glob("eje-*.yaml")):
        eje = YAML(typ="safe").load(archivo.read_text(encoding="utf-8"))
        for interv in eje["intervenciones"]:
            for act in interv["actividades"]:
                propios = [v["objetivo"] for v in act.get("objetivos_pmm") or []]
                for ind in act["indicadores"]:
                    lista = ind.get("objetivos_pmm")  # None (or no key): the activity's
                    out[ind["id"]] = [v["objetivo"] for v in lista] if lista is not None else propios
    return out


def _esperado(corte: str) -> Conteos:
    r = correr("estado", "--formato", "json", "--corte", corte, cwd=REPO)
    assert r.codigo == 0, r.err
    miden = _miden()
    out: Conteos = {n: Counter() for n in range(1, 24)}
    for ind in json.loads(r.out)["indicadores"]:
        for n in set(miden[ind["id"]]):
            out[n][ind["estado"]] += 1
    return out


def _de_palabras(texto: str) -> Counter[str]:
    """«✖ rojo 1, ⊘ no cumplida 1» (or «—») → {"rojo": 1, "no_cumplida": 1}."""
    out: Counter[str] = Counter()
    for parte in texto.strip().split(", "):
        if parte != "—":
            simbolo_y_palabra, n = parte.rsplit(" ", 1)
            out[POR_PALABRA[simbolo_y_palabra.split(" ", 1)[1]]] += int(n)
    return out


def _del_markdown(corte: str) -> Conteos:
    r = correr("reporte", "--por-objetivo", "--formato", "md", "--corte", corte, cwd=REPO)
    assert r.codigo == 0, r.err
    out: Conteos = {}
    for n, estados in re.findall(r"^\| \*\*(\d+)\.\*\* [^|]+\| [^|]+\| [^|]+\| ([^|]+) \|", r.out, re.MULTILINE):
        out[int(n)] = _de_palabras(estados)
    return out


def _del_excel(corte: str, destino: Path) -> Conteos:
    r = correr("reporte", "--por-objetivo", "--formato", "xlsx", "--corte", corte, "--salida", str(destino),
               cwd=REPO)
    assert r.codigo == 0, r.err
    filas = list(load_workbook(destino)["Resumen"].iter_rows(values_only=True))
    cabecera = next(f for f in filas if f[0] == "Objetivo")
    columnas = {POR_PALABRA[str(c).lower()]: j for j, c in enumerate(cabecera) if str(c).lower() in POR_PALABRA}
    assert set(columnas) == set(ESTADOS)
    out: Conteos = {}
    for f in filas[filas.index(cabecera) + 1:]:
        if isinstance(f[0], int):
            out[f[0]] = Counter({e: f[j] for e, j in columnas.items() if f[j]})
    return out


def _del_html(corte: str, destino: Path) -> Conteos:
    r = correr("reporte", "--por-objetivo", "--formato", "html", "--corte", corte, "--salida", str(destino),
               cwd=REPO)
    assert r.codigo == 0, r.err
    texto = destino.read_text(encoding="utf-8")
    tabla = texto[texto.index('<table class="resumen">'):]
    tabla = tabla[:tabla.index("</table>")]
    out: Conteos = {}
    for fila in re.findall(r"<tr><td><b>(\d+)\.</b>(.*?)</tr>", tabla, re.DOTALL):
        n, resto = int(fila[0]), html.unescape(fila[1])
        out[n] = Counter({e: int(k) for e, k in re.findall(r'class="estado e-(\w+)">[^<]*</span> (\d+)', resto)})
    return out


@pytest.mark.parametrize("corte", ["2025-02-01", "2026-01-20", "2026-12-01", "2029-03-01"])
def test_cada_documento_por_objetivo_cuenta_los_estados_del_semaforo(corte: str, tmp_path: Path) -> None:
    """Before any semester is evaluated, in a delivery window, today's data, and after the plan's end."""
    esperado = {n: c for n, c in _esperado(corte).items()}
    assert sum(sum(c.values()) for c in esperado.values()) > 157  # an indicator may measure several objectives
    vacio = {n for n, c in esperado.items() if not c}
    for nombre, visto in (("Markdown", _del_markdown(corte)), ("Excel", _del_excel(corte, tmp_path / "o.xlsx")),
                          ("HTML", _del_html(corte, tmp_path / "o.html"))):
        assert set(visto) == set(range(1, 24)), nombre
        distintos = {n: (dict(esperado[n]), dict(visto[n])) for n in visto if visto[n] != esperado[n]}
        assert not distintos, (nombre, distintos)
        assert {n for n, c in visto.items() if not c} == vacio, nombre
