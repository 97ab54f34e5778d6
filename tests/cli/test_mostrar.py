"""`pni mostrar ID` end to end, in process: the plan's fields and where the element stands at the cut-off date. The
numbers are worked out by hand in comments from the plan's metas and plan/plan.yaml (verde 90, amarillo 70,
plazo_dias 30)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pni_cli.render.estado import SIMBOLOS
from tests.cli.test_estado import avance, plano
from tests.conftest import correr

ROJO, AMARILLO, VERDE = SIMBOLOS["rojo"], SIMBOLOS["amarillo"], SIMBOLOS["verde"]


@pytest.fixture
def ws(espacio: Path) -> Path:
    """1.4.2.a «100 participantes por año» (MRREE, MTPS, ESCO; suma), 2024-2028: 20 from MRREE in 2024-S2, 30 from
    MRREE and 20 from MTPS in 2025-S1, nothing in 2025-S2."""
    avance(espacio, "2024-S2", "MRREE", "2025-01-10", {"1.4.2.a": 20})
    avance(espacio, "2025-S1", "MRREE", "2025-07-10", {"1.4.2.a": 30})
    avance(espacio, "2025-S1", "MTPS", "2025-07-12", {"1.4.2.a": 20})
    return espacio


def mostrar(ws: Path, *args: str) -> str:
    r = correr("mostrar", *args, cwd=ws)
    assert r.codigo == 0, r.err
    assert r.err == ""
    return plano(r.out)


def test_la_historia_de_un_indicador(ws: Path) -> None:
    texto = mostrar(ws, "1.4.2.a", "--corte", "2026-01-31")
    # at 31/01/2026: 2024 expects 50 (has 20), 2025 expects 100 (has 50) → 70 of 150 = 47 %, rojo
    assert f"Situación al 31/01/2026: {ROJO} rojo · logro 47 % · 70 de 150 participantes" in texto
    # the day after each deadline: 31/01/2025 (20 of 50: rojo), 31/07/2025 (70 of 100: amarillo), 31/01/2026
    assert f"Semestre a semestre: {ROJO}{AMARILLO}{ROJO}······ (2024-S2 a 2028-S2" in texto
    # the ficha técnica: the meta as the source writes it, its reading, the arithmetic in words
    assert "Ficha técnica Meta (fuente): «100 participantes por año.»" in texto
    assert "· meta: 100 participantes por año" in texto
    assert "· esperado 150 = 50 (2024) + 100 (2025)" in texto
    assert "· logro 47 % = acreditado ÷ esperado → rojo" in texto
    # values per semester and institution, the figure they make, what each semester expects, its state then
    assert "Valores por semestre (en participantes)" in texto
    assert "Semestre MRREE MTPS ESCO Cifra Esperado Semáforo" in texto
    assert f"2024-S2 20 falta falta 20 50 {ROJO} rojo" in texto
    assert f"2025-S1 30 20 falta 50 50 {AMARILLO} amarillo" in texto
    assert f"2025-S2 falta falta falta — 50 {ROJO} rojo" in texto
    assert "2026-S1 50 · por venir" in texto


def test_la_historia_a_otra_fecha(ws: Path) -> None:
    texto = mostrar(ws, "1.4.2.a", "--periodo", "2025-S1")  # 31/07/2025: 2025-S2 is not over yet
    assert f"Situación al 31/07/2025: {AMARILLO} amarillo · logro 70 %" in texto
    assert f"Semestre a semestre: {ROJO}{AMARILLO}······· (2024-S2" in texto
    # 15/01/2026: 2025-S2 is over but en plazo (until 30/01/2026): «…»
    texto = mostrar(ws, "1.4.2.a", "--corte", "2026-01-15")
    assert f"Semestre a semestre: {ROJO}{AMARILLO}…······ (2024-S2" in texto
    assert "2025-S2 — — — — 50 … en plazo" in texto


def test_una_actividad_cada_indicador_con_su_fila(ws: Path) -> None:
    texto = mostrar(ws, "1.4.2", "--corte", "2026-01-31")
    assert "Actividad 1.4.2 · Eje 1: Prevención de la Migración Irregular" in texto
    assert f"1.4.2.a {ROJO} rojo 47 % {ROJO}{AMARILLO}{ROJO}······ 70 de 150 participantes" in texto
    assert "1.4.2.b ? sin reporte" in texto


def test_una_institucion_lo_que_debe_y_sus_indicadores(ws: Path) -> None:
    texto = mostrar(ws, "MTPS", "--corte", "2026-01-31")
    assert "Institución MTPS" in texto
    assert "Informes de avance de MTPS" in texto
    assert "2024-S2 30/01/2025 — ✖ faltante" in texto
    assert "2025-S1 30/07/2025 12/07/2025 ▲ incompleto" in texto
    assert "Próximo plazo: 30/07/2026, el informe de 2026-S1" in texto
    assert "1.4.2.a" in texto and "MTPS: 20" in texto


def test_un_eje_y_una_intervencion_cuentan_sus_estados(ws: Path) -> None:
    assert "Situación al 31/01/2026 (22 indicadores):" in mostrar(ws, "3", "--corte", "2026-01-31")
    itv = mostrar(ws, "1.4", "--corte", "2026-01-31")
    assert "Intervención 1.4" in itv and f"1.4.2.a {ROJO} rojo" in itv


def test_plurales_y_periodos_de_un_solo_anio(ws: Path) -> None:
    texto = mostrar(ws, "3.2", "--corte", "2026-01-31")
    assert "1 indicador]" in texto and "(es)" not in texto
    assert "Periodo 2024-2024" not in mostrar(ws, "3.2.1", "--corte", "2026-01-31")
    assert "Periodo 2024 · semestres: 2024-S2" in mostrar(ws, "3.2.1", "--corte", "2026-01-31")


def test_sin_avances_tambien_muestra(espacio: Path) -> None:
    texto = mostrar(espacio, "1.4.2.a", "--corte", "2026-01-31")
    assert "? sin reporte" in texto and "DATOS ILUSTRATIVOS" not in texto


def test_con_datos_ilustrativos_lo_advierte(ws: Path) -> None:
    avance(ws, "2025-S2", "ESCO", "2026-01-10", {"1.4.2.a": 5}, ilustrativo=True)
    assert "DATOS ILUSTRATIVOS" in mostrar(ws, "1.4.2.a", "--corte", "2026-01-31")
