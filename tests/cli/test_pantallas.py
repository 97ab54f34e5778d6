"""The real screen, at 40, 80, 120 and 200 columns: the main views rendered by the real CLI in process with a fixed
width (COLUMNS), piped (no colour), on the repository's illustrative data at a fixed cut-off date. Every line fits
the width, none ends in spaces, and no name is cut where there is room for it."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from pni_cli.lectura.espacio import cargar_plan
from tests.conftest import REPO, correr

CORTE = "2026-11-23"
ANCHOS = (40, 80, 120, 200)
VISTAS = {
    "estado": ("estado", "--corte", CORTE),
    "estado --detalle": ("estado", "--detalle", "--corte", CORTE),
    "estado --institucion MTPS": ("estado", "--institucion", "MTPS", "--corte", CORTE),
    "estado --institucion MIGOBDT": ("estado", "--institucion", "MIGOBDT", "--corte", CORTE),
    "estado --semaforo": ("estado", "--semaforo", "rojo,sin_reporte", "--buscar", "empleo", "--corte", CORTE),
    "estado antes del plan": ("estado", "--corte", "2020-01-01"),
    "mostrar indicador": ("mostrar", "1.4.2.a", "--corte", CORTE),
    "mostrar actividad": ("mostrar", "3.2.3", "--corte", CORTE),
    "mostrar institución": ("mostrar", "MTPS", "--corte", CORTE),
    "mostrar eje": ("mostrar", "4", "--corte", CORTE),
    "ayuda": ("estado", "--help"),
    "bienvenida": (),
}


def _plan():  # type: ignore[no-untyped-def]
    plan, _ = cargar_plan(REPO)
    assert plan is not None
    return plan


def pantalla(args: tuple[str, ...], ancho: int) -> str:
    r = correr(*args, env={"COLUMNS": str(ancho)})
    assert r.codigo == 0, r.err
    assert r.err == ""
    return r.out


@pytest.mark.parametrize("ancho", ANCHOS)
@pytest.mark.parametrize("vista", sorted(VISTAS))
def test_cada_linea_cabe_y_no_termina_en_espacios(vista: str, ancho: int) -> None:
    out = pantalla(VISTAS[vista], ancho)
    # help is laid out for 80 columns at most; its examples are kept whole, one command per line, even narrower
    tope = {"ayuda": 80, "bienvenida": min(ancho, 80)}.get(vista, ancho)
    for n, linea in enumerate(out.splitlines(), 1):
        assert cell_len(linea) <= tope, f"línea {n} de {cell_len(linea)} columnas:\n{linea}"
        assert linea == linea.rstrip(), f"línea {n} termina en espacios: {linea!r}"
    assert "\x1b[" not in out


def _filas_de_ejes(out: str) -> list[str]:
    tabla = out[out.index("Indicadores por estado del semáforo"):]
    return [x for x in tabla.splitlines() if re.match(r"^\d ", x)]


@pytest.mark.parametrize("ancho", (80, 120, 200))
def test_los_nombres_de_los_ejes_enteros_donde_caben(ancho: int) -> None:
    filas = _filas_de_ejes(pantalla(VISTAS["estado"], ancho))
    assert [f.split("  ")[0] for f in filas] == [f"{e.id} {e.nombre}" for e in _plan().ejes]
    assert not any("…" in f for f in filas)


def test_el_nombre_corto_donde_no_cabe_el_entero() -> None:
    filas = _filas_de_ejes(pantalla(VISTAS["estado"], 40))
    plan = _plan()
    assert all(e.nombre_corto for e in plan.ejes)  # every eje of the plan has one
    for fila, eje in zip(filas, plan.ejes, strict=True):
        assert fila.startswith((f"{eje.id} {eje.nombre} ", f"{eje.id} {eje.nombre_corto} ")), fila
    assert not any("…" in f for f in filas)


@pytest.mark.parametrize("ancho", ANCHOS)
def test_ninguna_fila_de_entregas_se_oculta(ancho: int) -> None:
    out = pantalla(VISTAS["estado"], ancho)
    assert "… y " not in out and " más:" not in out
    import json

    doc = json.loads(correr("estado", "--formato", "json", "--corte", CORTE).out)
    deben = [d["institucion"] for d in doc["deudas"] if d["faltantes"] or d["incompletos"] or d["tardios"]
             or d["con_errores"]]
    texto = " ".join(out.split())
    for clave in deben:
        assert re.search(rf"(^|[\s,]){re.escape(clave)}([\s,]|$)", texto), clave


@pytest.mark.parametrize("ancho", (80, 200))
def test_el_detalle_es_una_linea_por_indicador(ancho: int) -> None:
    out = pantalla(VISTAS["estado --detalle"], ancho)
    lineas = out.splitlines()
    ids = list(_plan().indicadores)
    for id_ in ids:
        assert sum(1 for x in lineas if x.startswith(f"  {id_} ")) == 1, id_
    # compact: far fewer lines than the 2,371 of the squeezed table; the texts of the indicators only at 120+
    assert len(lineas) < 4 * len(ids)
    texto = _plan().indicadores["1.4.2.a"].texto
    assert (texto in out) == (ancho >= 120)


def test_las_barras_son_proporcionales_a_las_cuentas() -> None:
    out = pantalla(VISTAS["estado"], 200)
    assert "En las barras, cada símbolo es 1 indicador." in out
    for fila in _filas_de_ejes(out):
        total = int(re.split(r"\s+", fila.split("  ", 1)[1].strip())[0])
        barra = fila.rsplit(" ", 1)[1]
        assert len(barra) == total, fila


def test_a_80_columnas_cada_simbolo_vale_lo_mismo_en_todas_las_filas() -> None:
    out = pantalla(VISTAS["estado"], 80)
    m = re.search(r"En las barras, cada símbolo es (\d+) indicadores", out)
    assert m is not None, out
    unidad = int(m.group(1))
    for fila in _filas_de_ejes(out):
        total = int(re.split(r"\s+", fila.split("  ", 1)[1].strip())[0])
        barra = fila.rsplit(" ", 1)[1]
        assert len(barra) == int(total / unidad + 0.5), fila
