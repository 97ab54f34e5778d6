"""Semesters (pni_cli/periodos.py). Every expected date and list below is written out by hand."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pni_cli.periodos import Semestre, cerrados, rango, ventana

D = dt.date
S = Semestre
# The plan's reporting periods (plan/plan.yaml: primer_periodo 2024-S2, ultimo_periodo 2028-S2).
PRIMERO, ULTIMO = S(2024, 2), S(2028, 2)


# --- parsing and printing ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("texto", "anio", "numero"), [
    ("2024-S2", 2024, 2),
    ("2025-S1", 2025, 1),
    ("2028-S2", 2028, 2),
    ("1999-S1", 1999, 1),
])
def test_leer_y_escribir(texto: str, anio: int, numero: int) -> None:
    s = Semestre.leer(texto)
    assert (s.anio, s.numero) == (anio, numero)
    assert s == S(anio, numero)
    assert str(s) == texto


@pytest.mark.parametrize("texto", [
    "", "2025", "2025-S3", "2025-S0", "2025-s1", "2025S1", "25-S1", "2025-1", "2025-S12", "20255-S1",
    " 2025-S1", "2025-S1 ", "2025-S1\n", "S1-2025", "2025-H1", "٢٠٢٥-S1",  # Arabic-Indic digits are not a year
])
def test_leer_rechaza_lo_que_no_es_un_semestre(texto: str) -> None:
    with pytest.raises(ValueError, match="no es un semestre"):
        Semestre.leer(texto)


def test_orden_por_anio_y_numero() -> None:
    assert S(2024, 2) < S(2025, 1) < S(2025, 2) < S(2026, 1)
    assert sorted([S(2026, 1), S(2024, 2), S(2025, 2), S(2025, 1)]) == [S(2024, 2), S(2025, 1), S(2025, 2),
                                                                       S(2026, 1)]


# --- dates ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("s", "fin"), [
    (S(2025, 1), D(2025, 6, 30)),
    (S(2025, 2), D(2025, 12, 31)),
    (S(2024, 2), D(2024, 12, 31)),
    (S(2028, 1), D(2028, 6, 30)),  # 2028 is a leap year: still June 30
])
def test_fin(s: Semestre, fin: dt.date) -> None:
    assert s.fin == fin


@pytest.mark.parametrize(("s", "siguiente"), [
    (S(2025, 1), S(2025, 2)),
    (S(2025, 2), S(2026, 1)),  # S2 → next year's S1
    (S(2024, 2), S(2025, 1)),
    (S(2028, 2), S(2029, 1)),
])
def test_siguiente_cruza_el_anio(s: Semestre, siguiente: Semestre) -> None:
    assert s.siguiente() == siguiente


@pytest.mark.parametrize(("s", "vence"), [
    (S(2024, 2), D(2025, 1, 30)),   # Dec 31 + 30 days: Jan has 31 days → Jan 30
    (S(2025, 1), D(2025, 7, 30)),   # Jun 30 + 30 days → Jul 30
    (S(2025, 2), D(2026, 1, 30)),
    (S(2028, 1), D(2028, 7, 30)),
])
def test_vencimiento_con_plazo_de_30_dias(s: Semestre, vence: dt.date) -> None:
    assert s.vencimiento(30) == vence


def test_vencimiento_con_plazo_cero_es_el_ultimo_dia() -> None:
    assert S(2025, 1).vencimiento(0) == D(2025, 6, 30)


# --- lists of semesters -------------------------------------------------------------------------------------

def test_rango_incluye_ambos_extremos() -> None:
    assert rango(S(2024, 2), S(2026, 1)) == [S(2024, 2), S(2025, 1), S(2025, 2), S(2026, 1)]
    assert rango(S(2025, 1), S(2025, 1)) == [S(2025, 1)]
    assert rango(S(2026, 1), S(2025, 2)) == []


def test_rango_del_plan_tiene_nueve_semestres() -> None:
    # 2024-S2, then 2 × (2025, 2026, 2027, 2028) = 1 + 8 = 9
    assert [str(s) for s in rango(PRIMERO, ULTIMO)] == [
        "2024-S2", "2025-S1", "2025-S2", "2026-S1", "2026-S2", "2027-S1", "2027-S2", "2028-S1", "2028-S2"]


@pytest.mark.parametrize(("desde", "hasta", "esperado"), [
    (2024, 2024, ["2024-S2"]),  # 2024-S1 is before the plan's first period
    (2025, 2028, ["2025-S1", "2025-S2", "2026-S1", "2026-S2", "2027-S1", "2027-S2", "2028-S1", "2028-S2"]),
    (2024, 2028, ["2024-S2", "2025-S1", "2025-S2", "2026-S1", "2026-S2", "2027-S1", "2027-S2", "2028-S1",
                  "2028-S2"]),
    (2025, 2026, ["2025-S1", "2025-S2", "2026-S1", "2026-S2"]),
    (2025, 2025, ["2025-S1", "2025-S2"]),
    (2024, 2025, ["2024-S2", "2025-S1", "2025-S2"]),
    (2020, 2030, ["2024-S2", "2025-S1", "2025-S2", "2026-S1", "2026-S2", "2027-S1", "2027-S2", "2028-S1",
                  "2028-S2"]),  # clipped at both ends
    (2030, 2031, []),
])
def test_ventana_recortada_al_plan(desde: int, hasta: int, esperado: list[str]) -> None:
    assert [str(s) for s in ventana(desde, hasta, PRIMERO, ULTIMO)] == esperado


def test_ventana_cuenta_semestres() -> None:
    assert len(ventana(2024, 2024, PRIMERO, ULTIMO)) == 1
    assert len(ventana(2025, 2028, PRIMERO, ULTIMO)) == 8  # 4 years × 2
    assert len(ventana(2024, 2028, PRIMERO, ULTIMO)) == 9  # 1 + 4 × 2


PLAN = rango(PRIMERO, ULTIMO)


@pytest.mark.parametrize(("corte", "esperado"), [
    (D(2024, 12, 30), []),
    (D(2024, 12, 31), ["2024-S2"]),                # closed on its last day
    (D(2025, 6, 29), ["2024-S2"]),                 # 2025-S1 not yet over
    (D(2025, 6, 30), ["2024-S2", "2025-S1"]),      # … and now it is
    (D(2025, 7, 30), ["2024-S2", "2025-S1"]),
    (D(2025, 12, 31), ["2024-S2", "2025-S1", "2025-S2"]),
    (D(2030, 1, 1), [str(s) for s in PLAN]),
])
def test_cerrados_en_los_bordes(corte: dt.date, esperado: list[str]) -> None:
    assert [str(s) for s in cerrados(PLAN, corte)] == esperado


def test_cerrados_respeta_la_lista_recibida() -> None:
    # only the semesters passed in are considered, whatever else is closed
    assert cerrados([S(2025, 2), S(2026, 1)], D(2026, 6, 30)) == [S(2025, 2), S(2026, 1)]
    assert cerrados([S(2025, 2), S(2026, 1)], D(2026, 6, 29)) == [S(2025, 2)]
    assert cerrados([], D(2030, 1, 1)) == []


# --- properties ----------------------------------------------------------------------------------------------

semestres = st.builds(Semestre, st.integers(min_value=1000, max_value=9998), st.sampled_from([1, 2]))


@given(semestres)
def test_el_siguiente_va_despues(s: Semestre) -> None:
    assert s < s.siguiente() < s.siguiente().siguiente()
    assert s.siguiente().siguiente() == Semestre(s.anio + 1, s.numero)


@given(semestres)
def test_semestres_consecutivos_se_tocan(s: Semestre) -> None:
    """The day after a semester's last day is the first of the next one: 1 January or 1 July."""
    dia = s.fin + dt.timedelta(days=1)
    assert (dia.day, dia.month) in ((1, 1), (1, 7))
    assert s.siguiente() == Semestre(dia.year, 1 if dia.month == 1 else 2)
    assert Semestre.leer(str(s)) == s


@given(semestres, st.integers(min_value=0, max_value=40))
def test_rango_ordenado_y_contiguo(desde: Semestre, largo: int) -> None:
    hasta = desde
    for _ in range(largo):
        hasta = hasta.siguiente()
    r = rango(desde, hasta)
    assert len(r) == largo + 1
    assert r[0] == desde
    assert r[-1] == hasta
    assert r == sorted(r)
    assert all(b == a.siguiente() for a, b in itertools.pairwise(r))
    # 2 semesters a year: (years between) × 2 + (difference of numbers) + 1
    assert len(r) == 2 * (hasta.anio - desde.anio) + (hasta.numero - desde.numero) + 1


@given(semestres, semestres)
def test_rango_vacio_si_esta_invertido(a: Semestre, b: Semestre) -> None:
    if a > b:
        assert rango(a, b) == []
    else:
        assert rango(a, b)[0] == a


@given(st.dates(min_value=D(2023, 1, 1), max_value=D(2030, 12, 31)))
def test_cerrados_es_un_prefijo(corte: dt.date) -> None:
    c = cerrados(PLAN, corte)
    assert c == PLAN[:len(c)]
    assert all(s.fin <= corte for s in c)
    assert all(s.fin > corte for s in PLAN[len(c):])
