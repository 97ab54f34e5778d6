"""pni_cli/semaforo.py: the notes that make a state's figures add up for a reader who does not know the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from pni_cli.lectura.espacio import cargar_plan
from pni_cli.periodos import Semestre
from pni_cli.plan import Plan
from pni_cli.progreso import Dato, evaluar_indicador
from pni_cli.semaforo import cuenta, faltan
from tests.conftest import REPO

AGENDA = "0.1.3.a"  # «Una agenda por año.», MRREE, 2024-2028
CORTE = dt.date(2026, 8, 1)  # 2024-S2 … 2026-S1 evaluated: expected 0.5 (2024) + 1 (2025) + 0.5 (2026) = 2


@pytest.fixture(scope="module")
def plan() -> Plan:
    p, problemas = cargar_plan(REPO)
    assert p is not None, problemas
    return p


def _estado(plan: Plan, valores: dict[str, int]) -> object:
    datos = [Dato(AGENDA, "MRREE", Semestre.leer(s), float(v), Semestre.leer(s).fin + dt.timedelta(days=5))
             for s, v in valores.items()]
    return evaluar_indicador(plan, plan.indicadores[AGENDA], datos, CORTE)


def test_el_excedente_de_un_anio_se_explica_junto_a_sus_cifras(plan: Plan) -> None:
    """2 agendas reported of 2 expected, and yet 75 %: the one of 2024-S2 covers only 2024's half."""
    e = _estado(plan, {"2024-S2": 1, "2025-S1": 0, "2025-S2": 1, "2026-S1": 0})
    assert (e.reportado, e.esperado, e.acreditado, round(e.logro)) == (2, 2, 1.5, 75)  # type: ignore[attr-defined]
    assert cuenta(e) == "cuenta 1.5: lo que sobra en un año no cubre otro"  # type: ignore[arg-type]


def test_el_adelanto_de_este_anio_no_cubre_un_anio_pasado(plan: Plan) -> None:
    """One agenda in 2026-S1 is more than 2026's half due so far, and does not make up for 2024."""
    e = _estado(plan, {"2024-S2": 0, "2025-S1": 1, "2025-S2": 0, "2026-S1": 1})
    assert (e.reportado, e.acreditado) == (2, 1.5)  # type: ignore[attr-defined]
    assert cuenta(e).startswith("cuenta 1.5:")  # type: ignore[arg-type]


@pytest.mark.parametrize("valores", [
    {"2024-S2": 0, "2025-S1": 1, "2025-S2": 0, "2026-S1": 0},  # less than due, nothing over in any year: 1 of 2
    {"2024-S2": 1, "2025-S1": 1, "2025-S2": 1, "2026-S1": 1},  # above what is due every year: 100 %, capped
    {"2024-S2": 0, "2025-S1": 0, "2025-S2": 0, "2026-S1": 0},
])
def test_sin_excedente_que_se_pierda_no_hay_nota(plan: Plan, valores: dict[str, int]) -> None:
    e = _estado(plan, valores)
    assert cuenta(e) == ""  # type: ignore[arg-type]


def test_faltan_cuenta_los_informes_debidos(plan: Plan) -> None:
    e = _estado(plan, {"2024-S2": 1, "2025-S2": 1})
    assert faltan(e) == "faltan 2 de 4 informes"  # type: ignore[arg-type]
