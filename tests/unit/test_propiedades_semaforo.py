"""Properties of the semáforo over generated reports (hypothesis): what must hold whatever the data.

- For a flow combined by sum, adding a valid report never lowers the credit nor worsens the state, and never adds
  a missing report.
- A report delivered after the cut-off date never changes anything at that date.
- The state is the same whatever the order of the reports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pni_cli.avance import ArchivoAvance, Avance, Reporte
from pni_cli.entradas import entradas
from pni_cli.lectura.espacio import cargar_plan
from pni_cli.periodos import Semestre, rango
from pni_cli.plan import Plan
from pni_cli.progreso import GRAVEDAD, Dato, evaluar, evaluar_indicador
from tests.conftest import REPO

AJUSTES = settings(max_examples=60, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def plan() -> Plan:
    p, problemas = cargar_plan(REPO)
    assert p is not None, problemas
    return p


SEMESTRES = [str(s) for s in rango(Semestre(2024, 2), Semestre(2028, 2))]
CORTES = st.dates(min_value=dt.date(2024, 7, 1), max_value=dt.date(2029, 6, 30))
# 1.4.2.a «100 participantes por año»: a flow, combined by sum, three responsables
FLUJO, RESPONSABLES = "1.4.2.a", ("MRREE", "MTPS", "ESCO")


def _dato(inst: str, periodo: str, valor: int) -> Dato:
    sem = Semestre.leer(periodo)
    return Dato(FLUJO, inst, sem, float(valor), sem.fin + dt.timedelta(days=5))


DATOS = st.lists(st.tuples(st.sampled_from(RESPONSABLES), st.sampled_from(SEMESTRES),
                           st.integers(min_value=0, max_value=400)), max_size=12,
                 unique_by=lambda t: (t[0], t[1]))


@AJUSTES
@given(datos=DATOS, extra=st.tuples(st.sampled_from(RESPONSABLES), st.sampled_from(SEMESTRES),
                                    st.integers(min_value=0, max_value=400)), corte=CORTES)
def test_un_reporte_mas_nunca_empeora_un_flujo_sumado(plan: Plan, datos: list[tuple[str, str, int]],
                                                      extra: tuple[str, str, int], corte: dt.date) -> None:
    if any((i, p) == (extra[0], extra[1]) for i, p, _ in datos):
        return  # one report per institution and semester
    ind = plan.indicadores[FLUJO]
    antes = evaluar_indicador(plan, ind, [_dato(*d) for d in datos], corte)
    despues = evaluar_indicador(plan, ind, [_dato(*d) for d in [*datos, extra]], corte)
    assert (despues.acreditado or 0) >= (antes.acreditado or 0)
    assert GRAVEDAD[despues.estado] <= GRAVEDAD[antes.estado], (antes.estado, despues.estado)
    assert len(despues.informes_faltantes) <= len(antes.informes_faltantes)
    if despues.logro is not None and antes.logro is not None:
        assert despues.logro >= antes.logro


@AJUSTES
@given(datos=DATOS, corte=CORTES)
def test_el_orden_de_los_reportes_no_importa(plan: Plan, datos: list[tuple[str, str, int]],
                                            corte: dt.date) -> None:
    ind = plan.indicadores[FLUJO]
    a = evaluar_indicador(plan, ind, [_dato(*d) for d in datos], corte)
    b = evaluar_indicador(plan, ind, [_dato(*d) for d in reversed(datos)], corte)
    assert (a.estado, a.esperado, a.reportado, a.acreditado, a.logro) == (b.estado, b.esperado, b.reportado,
                                                                        b.acreditado, b.logro)


# --- a report delivered after the cut-off date -------------------------------------------------------------------

INDICADORES = ["0.1.1.a", "1.4.2.a", "3.4.2.a", "5.5.1.b", "4.6.2.b", "0.2.3.b", "2.1.1.b"]


def _archivo(plan: Plan, institucion: str, periodo: str, fecha: dt.date, valores: dict[str, int],
             nombre: str | None = None) -> ArchivoAvance:
    reportes = tuple(Reporte(i, v) for i, v in valores.items())
    return ArchivoAvance(f"avances/{periodo}/{nombre or institucion}.yaml", None,
                         Avance(periodo, institucion, fecha, reportes=reportes))


ARCHIVOS = st.lists(st.tuples(st.sampled_from(["MRREE", "MTPS", "DGME"]), st.sampled_from(SEMESTRES[:6]),
                              st.integers(min_value=0, max_value=60),
                              st.dictionaries(st.sampled_from(INDICADORES), st.integers(0, 100), max_size=4)),
                    max_size=6, unique_by=lambda t: (t[0], t[1]))


def _firma(plan: Plan, archivos: list[ArchivoAvance], corte: dt.date) -> tuple[object, ...]:
    e = entradas(plan, archivos, corte)
    sit = evaluar(plan, e.datos, e.entregas, corte, excluidos=e.excluidos, posteriores=e.posteriores)
    return (tuple((i.id, i.estado, i.esperado, i.reportado, i.logro, tuple(i.informes_faltantes))
                  for i in sit.indicadores),
            tuple(dataclasses.astuple(c) for c in sit.completitud), tuple(sit.invalidos))


@AJUSTES
@given(archivos=ARCHIVOS, tardio=st.tuples(st.sampled_from(["MRREE", "MTPS", "DGME", "MINSAL"]),
                                           st.sampled_from(SEMESTRES[:6]),
                                           st.dictionaries(st.sampled_from(INDICADORES), st.integers(0, 100),
                                                           min_size=1, max_size=3)),
       corte=st.dates(min_value=dt.date(2025, 2, 1), max_value=dt.date(2027, 12, 31)))
def test_un_informe_entregado_despues_del_corte_no_cambia_nada_a_esa_fecha(
        plan: Plan, archivos: list[tuple[str, str, int, dict[str, int]]], tardio: tuple[str, str, dict[str, int]],
        corte: dt.date) -> None:
    base = [_archivo(plan, inst, p, Semestre.leer(p).fin + dt.timedelta(days=dias), v)
            for inst, p, dias, v in archivos if Semestre.leer(p).fin + dt.timedelta(days=dias) <= corte]
    inst, periodo, valores = tardio
    # delivered the day after the cut-off (a semester already over by then, or not: it does not count either way)
    despues = _archivo(plan, inst, periodo, corte + dt.timedelta(days=1), valores, nombre=f"{inst}-tarde")
    assert _firma(plan, base, corte) == _firma(plan, [*base, despues], corte)
