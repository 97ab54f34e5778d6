"""The progress engine (pni_cli/progreso.py) on the real plan, with reports built here.

Every expected number is computed by hand in a comment from the plan's metas (plan/eje-*.yaml) and thresholds
(plan/plan.yaml: verde 90, amarillo 70, revisar_meta 130; plazo_dias 30). Windows: an activity of 2024 only has
2024-S2 (1 semester); 2024-2028 has 9; 2025-2028 has 8; 2025-2026 has 4.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from pni_cli.lectura.espacio import cargar_plan
from pni_cli.periodos import Semestre
from pni_cli.plan import Plan
from pni_cli.progreso import (
    Completitud,
    Dato,
    Entrega,
    EstadoIndicador,
    estado_de_actividad,
    evaluar,
    evaluar_indicador,
)
from tests.conftest import REPO

D = dt.date


@pytest.fixture(scope="module")
def plan() -> Plan:
    p, problemas = cargar_plan(REPO)
    assert p is not None, problemas
    return p


def dato(indicador: str, institucion: str, periodo: str, valor: float) -> Dato:
    sem = Semestre.leer(periodo)
    return Dato(indicador, institucion, sem, float(valor), sem.fin + dt.timedelta(days=10))


def ev(plan: Plan, indicador: str, datos: list[Dato], corte: dt.date) -> EstadoIndicador:
    return evaluar_indicador(plan, plan.indicadores[indicador], datos, corte)


def test_el_plan_tiene_los_parametros_que_suponen_estas_pruebas(plan: Plan) -> None:
    s = plan.general.semaforo
    assert (s.verde, s.amarillo, s.revisar_meta, plan.general.plazo_dias) == (90, 70, 130, 30)
    assert (str(plan.primer_semestre), str(plan.ultimo_semestre)) == ("2024-S2", "2028-S2")


# --- conteo -------------------------------------------------------------------------------------------------

def test_conteo_anual(plan: Plan) -> None:
    # 1.1.1.a «Dos reuniones al año», 2024-2028 (9 semesters): 2 ÷ 2 = 1 per semester.
    # corte 2025-12-31 → 2024-S2, 2025-S1, 2025-S2 evaluated: esperado 1 × 3 = 3; meta final 1 × 9 = 9.
    datos = [dato("1.1.1.a", "MRREE", p, 1) for p in ("2024-S2", "2025-S1", "2025-S2")]
    e = ev(plan, "1.1.1.a", datos, D(2025, 12, 31))
    assert (e.tipo, e.frecuencia) == ("conteo", "anual")
    assert (e.semestres_evaluados, e.semestres_ventana) == (3, 9)
    assert e.esperado == 3
    assert e.meta_final == 9
    assert e.reportado == 3  # 1 + 1 + 1
    assert e.logro == 100   # 3 ÷ 3
    assert e.estado == "verde"
    assert not e.revisar_meta and not e.discrepancia
    assert e.ultimo_periodo == Semestre(2025, 2)
    assert e.instituciones == ["MRREE"]


def test_conteo_mensual(plan: Plan) -> None:
    # 5.4.1.a «500 migrantes por mes», 2024-2028: 500 × 6 = 3000 per semester.
    # corte 2025-06-30 → 2 semesters: esperado 6000; meta final 3000 × 9 = 27000.
    datos = [dato("5.4.1.a", "DGME", "2024-S2", 3000), dato("5.4.1.a", "DGME", "2025-S1", 2400)]
    e = ev(plan, "5.4.1.a", datos, D(2025, 6, 30))
    assert e.frecuencia == "mensual"
    assert e.esperado == 6000
    assert e.meta_final == 27000
    assert e.reportado == 5400  # 3000 + 2400
    assert e.logro == 90        # 5400 ÷ 6000: exactly the green threshold
    assert e.estado == "verde"


def test_conteo_total(plan: Plan) -> None:
    # 1.4.1.a «Tres estudios», total over 2025-2028 (8 semesters): 3 ÷ 8 = 0.375 per semester.
    # corte 2025-12-31 → 2025-S1, 2025-S2: esperado 0.75; meta final 3.
    e = ev(plan, "1.4.1.a", [dato("1.4.1.a", "MTPS", "2025-S2", 1)], D(2025, 12, 31))
    assert e.frecuencia == "total"
    assert (e.semestres_evaluados, e.semestres_ventana) == (2, 8)
    assert e.esperado == pytest.approx(0.75)
    assert e.meta_final == pytest.approx(3)
    assert e.reportado == 1
    assert e.logro == pytest.approx(133.3333, abs=1e-3)  # 1 ÷ 0.75
    assert e.revisar_meta  # > 130 %
    assert e.estado == "verde"


def test_conteo_total_de_un_solo_semestre(plan: Plan) -> None:
    # 1.1.2.b «20 instituciones», 2024 only → 2024-S2 is the whole window: esperado = meta final = 20.
    e = ev(plan, "1.1.2.b", [dato("1.1.2.b", "MRREE", "2024-S2", 15)], D(2025, 1, 30))
    assert (e.semestres_evaluados, e.semestres_ventana) == (1, 1)
    assert e.esperado == 20 and e.meta_final == 20
    assert e.logro == 75  # 15 ÷ 20
    assert e.estado == "amarillo"


@pytest.fixture(scope="module")
def plan_semestral(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """The real plan has no semestral meta: the same plan with 4.5.2.a turned into «10 per semester»."""
    raiz = tmp_path_factory.mktemp("semestral")
    shutil.copytree(REPO / "plan", raiz / "plan")
    eje4 = raiz / "plan" / "eje-4-atencion-diaspora.yaml"
    texto = eje4.read_text(encoding="utf-8")
    viejo = "valor: 10\n              unidad: nuevos servicios\n              frecuencia: anual"
    assert texto.count(viejo) == 1
    eje4.write_text(texto.replace(viejo, viejo.replace("anual", "semestral")), encoding="utf-8")
    p, problemas = cargar_plan(raiz)
    assert p is not None, problemas
    assert p.indicadores["4.5.2.a"].meta.frecuencia == "semestral"
    return p


def test_conteo_semestral(plan_semestral: Plan) -> None:
    # 4.5.2.a (modified): 10 per semester, 2024-2028. corte 2025-12-31 → 3 semesters: esperado 30; final 90.
    datos = [dato("4.5.2.a", "MRREE", p, v) for p, v in (("2024-S2", 10), ("2025-S1", 10), ("2025-S2", 7))]
    e = ev(plan_semestral, "4.5.2.a", datos, D(2025, 12, 31))
    assert e.esperado == 30
    assert e.meta_final == 90
    assert e.reportado == 27  # 10 + 10 + 7
    assert e.logro == 90      # 27 ÷ 30
    assert e.estado == "verde"


# --- porcentaje, promedio, hito -------------------------------------------------------------------------------

def test_porcentaje_total_recta_y_ultimo_nivel(plan: Plan) -> None:
    # 0.2.3.b «75% de brechas», total over 2025-2028 (8): a straight line 0 → 75.
    # corte 2025-12-31 → 2 of 8 semesters: esperado 75 × 2 ÷ 8 = 18.75.
    # Levels are not summed: the latest semester (2025-S2: 15) wins, not 10 + 15 = 25.
    datos = [dato("0.2.3.b", "MRREE", "2025-S1", 10), dato("0.2.3.b", "MRREE", "2025-S2", 15)]
    e = ev(plan, "0.2.3.b", datos, D(2025, 12, 31))
    assert e.esperado == pytest.approx(18.75)
    assert e.meta_final == 75
    assert e.reportado == 15
    assert e.logro == pytest.approx(80)  # 15 ÷ 18.75
    assert e.estado == "amarillo"
    assert not e.revisar_meta  # a sum (25 ÷ 18.75 = 133 %) would have set it
    assert e.ultimo_periodo == Semestre(2025, 2)


def test_porcentaje_total_alcanzado_antes_de_tiempo_es_cumplida(plan: Plan) -> None:
    # 0.2.3.b: 75 reached in 2025-S2 → final meta of the window reached; logro 75 ÷ 18.75 = 400 %.
    e = ev(plan, "0.2.3.b", [dato("0.2.3.b", "RNUM", "2025-S2", 75)], D(2025, 12, 31))
    assert e.estado == "cumplida"
    assert e.logro == pytest.approx(400)
    assert e.revisar_meta


@pytest.mark.parametrize(("corte", "evaluados"), [(D(2025, 6, 30), 1), (D(2026, 12, 31), 4)])
def test_porcentaje_anual_espera_la_meta_misma(plan: Plan, corte: dt.date, evaluados: int) -> None:
    # 0.3.4.a «25% de los actores por año»: a yearly percentage expects 25 at any time, not a line.
    e = ev(plan, "0.3.4.a", [dato("0.3.4.a", "MRREE", "2025-S1", 20)], corte)
    assert e.semestres_evaluados == evaluados
    assert e.esperado == 25
    assert e.meta_final == 25
    assert e.reportado == 20
    assert e.logro == 80  # 20 ÷ 25
    assert e.estado == "amarillo"


def test_porcentaje_anual_ultimo_nivel_y_cumplida_solo_al_cerrar(plan: Plan) -> None:
    # 0.3.4.a: 20 then 25 → reported 25 (latest), not 45; logro 25 ÷ 25 = 100 % → verde, not cumplida
    # while the window (2025-2028) is still open.
    datos = [dato("0.3.4.a", "MRREE", "2025-S1", 20), dato("0.3.4.a", "MRREE", "2025-S2", 25)]
    e = ev(plan, "0.3.4.a", datos, D(2026, 12, 31))
    assert e.reportado == 25
    assert e.logro == 100
    assert not e.revisar_meta
    assert e.estado == "verde"
    # The window closes with 2028-S2 (2028-12-31): 25 in the last semester → cumplida.
    datos.append(dato("0.3.4.a", "MRREE", "2028-S2", 25))
    e = ev(plan, "0.3.4.a", datos, D(2028, 12, 31))
    assert (e.semestres_evaluados, e.semestres_ventana) == (8, 8)
    assert e.estado == "cumplida"


def test_promedio_es_la_media_de_los_reportes(plan: Plan) -> None:
    # 2.1.1.b «8 instituciones participantes»: esperado = the meta, 8. Reports 6 and 9 → mean 7.5
    # (neither the sum 15 nor the latest 9); logro 7.5 ÷ 8 = 93.75 %.
    datos = [dato("2.1.1.b", "MRREE", "2024-S2", 6), dato("2.1.1.b", "MRREE", "2025-S1", 9)]
    e = ev(plan, "2.1.1.b", datos, D(2025, 12, 31))
    assert e.tipo == "promedio"
    assert e.esperado == 8
    assert e.meta_final == 8
    assert e.reportado == 7.5
    assert e.logro == pytest.approx(93.75)
    assert e.estado == "verde"


def test_hito_de_un_solo_semestre(plan: Plan) -> None:
    # 1.1.2.a «Una estrategia», 2024 only: the line 0 → 100 ends in 2024-S2: esperado 100.
    e = ev(plan, "1.1.2.a", [dato("1.1.2.a", "MRREE", "2024-S2", 60)], D(2024, 12, 31))
    assert e.tipo == "hito"
    assert e.esperado == 100 and e.meta_final == 100
    assert e.logro == 60
    assert e.estado == "rojo"
    e = ev(plan, "1.1.2.a", [dato("1.1.2.a", "MRREE", "2024-S2", 100)], D(2024, 12, 31))
    assert e.estado == "cumplida"
    assert e.logro == 100


@pytest.mark.parametrize(("corte", "esperado"), [
    (D(2025, 6, 30), 25),    # 1 of 4 semesters: 100 × 1 ÷ 4
    (D(2025, 12, 31), 50),   # 2 of 4
    (D(2026, 6, 30), 75),    # 3 of 4
    (D(2026, 12, 31), 100),  # 4 of 4
])
def test_hito_de_varios_anios_es_una_recta(plan: Plan, corte: dt.date, esperado: float) -> None:
    # 3.3.1.a «Una agencia creada», 2025-2026 (4 semesters). Reported 40 in 2025-S1.
    e = ev(plan, "3.3.1.a", [dato("3.3.1.a", "MTPS", "2025-S1", 40)], corte)
    assert e.esperado == esperado
    assert e.meta_final == 100
    assert e.reportado == 40
    assert e.logro == pytest.approx(100 * 40 / esperado)


def test_hito_ultimo_nivel_y_cumplida_al_llegar_a_100(plan: Plan) -> None:
    # 3.3.1.a at 2025-12-31 (esperado 50): 20 then 40 → 40 (latest), logro 80 % → amarillo.
    datos = [dato("3.3.1.a", "MTPS", "2025-S1", 20), dato("3.3.1.a", "MTPS", "2025-S2", 40)]
    e = ev(plan, "3.3.1.a", datos, D(2025, 12, 31))
    assert e.reportado == 40
    assert e.logro == 80
    assert e.estado == "amarillo"
    # 100 = done, even halfway through the window.
    e = ev(plan, "3.3.1.a", [*datos, dato("3.3.1.a", "DGME", "2025-S2", 100)], D(2025, 12, 31))
    assert e.discrepancia  # 40 and 100 in the same semester
    e = ev(plan, "3.3.1.a", [dato("3.3.1.a", "MTPS", "2025-S2", 100)], D(2025, 12, 31))
    assert e.estado == "cumplida"
    assert e.logro == 200  # 100 ÷ 50
    assert e.revisar_meta


def test_meta_por_definir_aunque_haya_reportes(plan: Plan) -> None:
    # 0.2.3.a «Meta a elaborar en actividad 0.2.1»
    e = ev(plan, "0.2.3.a", [dato("0.2.3.a", "MRREE", "2025-S1", 3)], D(2026, 12, 31))
    assert e.tipo == "por_definir"
    assert e.estado == "meta_por_definir"
    assert e.esperado is None and e.reportado is None and e.logro is None
    assert not e.revisar_meta


# --- not started, no report, ignored reports ----------------------------------------------------------------

def test_no_iniciada_si_ningun_semestre_de_su_ventana_cerro(plan: Plan) -> None:
    # 1.4.1.a runs 2025-2028. On 2025-03-01 only 2024-S2 is over, and it is outside the window;
    # a report for 2024-S2 does not change that.
    e = ev(plan, "1.4.1.a", [dato("1.4.1.a", "MTPS", "2024-S2", 2)], D(2025, 3, 1))
    assert e.estado == "no_iniciada"
    assert (e.semestres_evaluados, e.semestres_ventana) == (0, 8)
    assert e.esperado is None and e.reportado is None and e.logro is None
    assert ev(plan, "1.4.1.a", [], D(2025, 6, 29)).estado == "no_iniciada"  # 2025-S1 not over yet
    assert ev(plan, "1.4.1.a", [], D(2025, 6, 30)).estado == "sin_reporte"  # … closed on its last day


def test_sin_reporte(plan: Plan) -> None:
    # 1.1.1.a at 2025-06-30: 2 semesters × 1 = 2 expected, nothing reported.
    e = ev(plan, "1.1.1.a", [], D(2025, 6, 30))
    assert e.estado == "sin_reporte"
    assert e.esperado == 2
    assert e.reportado is None and e.logro is None
    assert e.instituciones == []


def test_reportes_fuera_de_ventana_o_no_cerrados_se_ignoran(plan: Plan) -> None:
    # 1.4.1.b «10 actores», total over 2025-2028: 10 ÷ 8 = 1.25 per semester; corte 2025-12-31 → 2.5.
    # 2024-S2 (before the window) and 2026-S1 (not over) are ignored: reported = 2 only.
    datos = [dato("1.4.1.b", "MTPS", "2024-S2", 7), dato("1.4.1.b", "MTPS", "2025-S2", 2),
             dato("1.4.1.b", "MINEC", "2026-S1", 9)]
    e = ev(plan, "1.4.1.b", datos, D(2025, 12, 31))
    assert e.esperado == 2.5
    assert e.reportado == 2
    assert e.logro == 80  # 2 ÷ 2.5
    assert e.estado == "amarillo"
    assert e.instituciones == ["MTPS"]
    assert e.ultimo_periodo == Semestre(2025, 2)
    # only reports outside the window → as if nothing had been reported
    e = ev(plan, "1.1.2.b", [dato("1.1.2.b", "MRREE", "2025-S1", 20)], D(2025, 12, 31))
    assert e.estado == "sin_reporte"


def test_reportes_de_otros_indicadores_no_cuentan(plan: Plan) -> None:
    e = ev(plan, "1.4.2.a", [dato("1.4.2.b", "MTPS", "2025-S1", 500)], D(2025, 6, 30))
    assert e.estado == "sin_reporte"


# --- thresholds -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("valor", "estado", "revisar"), [
    (0, "rojo", False),
    (69.99, "rojo", False),      # just below 70
    (70, "amarillo", False),     # exactly 70
    (89.99, "amarillo", False),  # just below 90
    (90, "verde", False),        # exactly 90
    (130, "verde", False),       # 130 is not above 130
    (130.01, "verde", True),     # just above
    (449, "verde", True),
    (450, "cumplida", True),     # the final meta of the window: 50 × 9
])
def test_umbrales_del_semaforo(plan: Plan, valor: float, estado: str, revisar: bool) -> None:
    # 1.4.2.a «100 participantes por año», 2024-2028: 50 per semester; corte 2025-06-30 → 2 semesters:
    # esperado 100, so logro (%) = the value reported.
    e = ev(plan, "1.4.2.a", [dato("1.4.2.a", "MTPS", "2025-S1", valor)], D(2025, 6, 30))
    assert e.esperado == 100
    assert e.meta_final == 450
    assert e.logro == pytest.approx(valor)
    assert e.estado == estado
    assert e.revisar_meta is revisar


# --- several institutions -------------------------------------------------------------------------------------

def test_conteos_de_varias_instituciones_se_suman(plan: Plan) -> None:
    # 1.4.2.a (MRREE, MTPS, ESCO) at 2025-06-30: esperado 100; 40 + 30 + 10 = 80 → 80 % amarillo.
    datos = [dato("1.4.2.a", "MRREE", "2024-S2", 40), dato("1.4.2.a", "MTPS", "2025-S1", 30),
             dato("1.4.2.a", "ESCO", "2025-S1", 10)]
    e = ev(plan, "1.4.2.a", datos, D(2025, 6, 30))
    assert e.reportado == 80
    assert e.logro == 80
    assert e.estado == "amarillo"
    assert e.instituciones == ["ESCO", "MRREE", "MTPS"]
    assert not e.discrepancia


def test_conteo_cumplido_entre_varias_instituciones(plan: Plan) -> None:
    # 1.1.2.b (MRREE, OIM), 20 in 2024: 12 + 8 = 20 → cumplida.
    datos = [dato("1.1.2.b", "MRREE", "2024-S2", 12), dato("1.1.2.b", "OIM", "2024-S2", 8)]
    e = ev(plan, "1.1.2.b", datos, D(2025, 1, 30))
    assert e.reportado == 20
    assert e.estado == "cumplida"


def test_porcentaje_discrepante_se_promedia_y_se_marca(plan: Plan) -> None:
    # 0.2.3.b at 2025-12-31 (esperado 18.75): MRREE 20 and RNUM 10 in 2025-S2 → (20 + 10) ÷ 2 = 15, 80 %.
    datos = [dato("0.2.3.b", "MRREE", "2025-S2", 20), dato("0.2.3.b", "RNUM", "2025-S2", 10)]
    e = ev(plan, "0.2.3.b", datos, D(2025, 12, 31))
    assert e.discrepancia
    assert e.reportado == 15
    assert e.logro == pytest.approx(80)
    assert e.instituciones == ["MRREE", "RNUM"]
    # the same level from both → no discrepancy, and still not summed
    datos = [dato("0.2.3.b", "MRREE", "2025-S2", 15), dato("0.2.3.b", "RNUM", "2025-S2", 15)]
    e = ev(plan, "0.2.3.b", datos, D(2025, 12, 31))
    assert not e.discrepancia
    assert e.reportado == 15


def test_hito_discrepante_solo_cuenta_el_ultimo_semestre(plan: Plan) -> None:
    # 3.3.1.a at 2025-12-31 (esperado 50): MINSAL's 90 in 2025-S1 is older than 2025-S2, where MTPS says 40
    # and DGME 60 → (40 + 60) ÷ 2 = 50, logro 100 %, flagged.
    datos = [dato("3.3.1.a", "MINSAL", "2025-S1", 90), dato("3.3.1.a", "MTPS", "2025-S2", 40),
             dato("3.3.1.a", "DGME", "2025-S2", 60)]
    e = ev(plan, "3.3.1.a", datos, D(2025, 12, 31))
    assert e.reportado == 50
    assert e.logro == 100
    assert e.discrepancia
    assert e.estado == "verde"
    assert e.instituciones == ["DGME", "MINSAL", "MTPS"]


# --- activities and the whole picture -------------------------------------------------------------------------

def _datos_eje_1() -> list[Dato]:
    # corte 2025-06-30 (2024-S2 and 2025-S1 over)
    return [
        dato("1.1.2.a", "MRREE", "2024-S2", 100),  # hito, 2024 only → cumplida
        dato("1.1.2.b", "OIM", "2024-S2", 20),     # 20 of 20 → cumplida
        dato("1.3.1.a", "MRREE", "2025-S1", 1),    # 1/yr → 0.5 × 2 = 1; 1 ÷ 1 = 100 % verde
        dato("1.3.1.b", "DRTS", "2025-S1", 5000),  # 5000/yr → 2500 × 2 = 5000 → 100 % verde
        dato("1.3.1.c", "MRREE", "2025-S1", 56),   # 70/yr → 35 × 2 = 70; 56 ÷ 70 = 80 % amarillo
        dato("1.4.1.b", "MTPS", "2025-S1", 2),     # 10 total ÷ 8 = 1.25 × 1 = 1.25; 160 % verde
        dato("1.4.2.a", "MTPS", "2025-S1", 40),    # 100 expected → 40 % rojo
        dato("1.4.2.b", "ESCO", "2025-S1", 50),    # 50/yr → 25 × 2 = 50 → 100 % verde
    ]


def test_estado_de_cada_actividad_es_su_indicador_mas_urgente(plan: Plan) -> None:
    sit = evaluar(plan, _datos_eje_1(), [], D(2025, 6, 30), eje="1")
    actividades = {a.id: a.estado for a in sit.actividades}
    assert actividades == {
        "1.1.1": "sin_reporte",   # 1.1.1.a nothing
        "1.1.2": "cumplida",      # cumplida + cumplida
        "1.2.1": "sin_reporte",   # 2025-2026, 2025-S1 over, nothing
        "1.2.2": "no_iniciada",   # 2026-2027
        "1.3.1": "amarillo",      # verde, verde, amarillo
        "1.4.1": "sin_reporte",   # a: nothing; b: verde
        "1.4.2": "rojo",          # a rojo; b verde
        "1.4.3": "sin_reporte",
    }
    indicadores = {i.id: i.estado for i in sit.indicadores}
    assert indicadores["1.3.1.c"] == "amarillo"
    assert indicadores["1.4.1.b"] == "verde"
    assert [str(s) for s in sit.evaluados] == ["2024-S2", "2025-S1"]
    # 15 indicators in eje 1: cumplida 2 (1.1.2.a-b), verde 4 (1.3.1.a-b, 1.4.1.b, 1.4.2.b), amarillo 1,
    # rojo 1, sin reporte 5 (1.1.1.a, 1.2.1.a, 1.4.1.a, 1.4.3.a-b), no iniciada 2 (1.2.2.a-b)
    assert dict(sit.conteo()) == {"cumplida": 2, "verde": 4, "amarillo": 1, "rojo": 1, "sin_reporte": 5,
                                  "no_iniciada": 2}
    assert dict(sit.conteo_actividades()) == {"sin_reporte": 4, "cumplida": 1, "no_iniciada": 1, "amarillo": 1,
                                              "rojo": 1}


def _ind(estado: str) -> EstadoIndicador:
    return EstadoIndicador("9.9.9.a", "9.9.9", "9.9", "9", "conteo", "anual", estado)  # type: ignore[arg-type]


@pytest.mark.parametrize(("estados", "resultado"), [
    (["verde", "sin_reporte", "rojo"], "sin_reporte"),
    (["verde", "rojo", "amarillo"], "rojo"),
    (["cumplida", "amarillo"], "amarillo"),
    (["cumplida", "verde"], "verde"),
    (["no_iniciada", "cumplida"], "cumplida"),
    (["meta_por_definir", "no_iniciada"], "no_iniciada"),
    (["meta_por_definir"], "meta_por_definir"),
])
def test_orden_de_urgencia(estados: list[str], resultado: str) -> None:
    assert estado_de_actividad([_ind(e) for e in estados]) == resultado


def test_filtros_de_eje_e_institucion(plan: Plan) -> None:
    sit = evaluar(plan, _datos_eje_1(), [], D(2025, 6, 30), institucion="ESCO")
    assert [a.id for a in sit.actividades] == ["1.4.2"]  # ESCO is responsible for 1.4.2 only
    assert [i.id for i in sit.indicadores] == ["1.4.2.a", "1.4.2.b"]
    sit = evaluar(plan, _datos_eje_1(), [], D(2025, 6, 30), eje="1", institucion="MTPS")
    assert [a.id for a in sit.actividades] == ["1.4.1", "1.4.2", "1.4.3"]
    sit = evaluar(plan, [], [], D(2025, 6, 30), eje="5", institucion="OIM")
    assert sit.actividades == [] and sit.indicadores == []


# --- completeness ---------------------------------------------------------------------------------------------

def entrega(institucion: str, periodo: str, fecha: dt.date, *indicadores: str) -> Entrega:
    return Entrega(institucion, Semestre.leer(periodo), fecha, f"avances/{periodo}/{institucion}.yaml",
                   frozenset(indicadores))


ENTREGAS = [
    entrega("BANDESAL", "2024-S2", D(2025, 1, 30), "4.6.8.a", "4.6.8.b"),  # on the deadline day
    entrega("BANDESAL", "2025-S1", D(2025, 7, 31), "4.6.8.a", "4.6.8.b"),  # one day late
    entrega("BANDESAL", "2025-S2", D(2026, 1, 10), "4.6.8.a", "4.6.8.b"),  # semester not over at the cut-off
    entrega("OIM", "2024-S2", D(2025, 1, 15), "1.1.2.a"),                  # 1.1.2.b missing
    entrega("ESCO", "2024-S2", D(2025, 3, 1), "1.4.2.a"),                  # late *and* incomplete
    entrega("OIT", "2025-S1", D(2025, 7, 1), "1.4.2.a"),                   # OIT is responsible for nothing
]


def _comp(plan: Plan, corte: dt.date, entregas: list[Entrega] = ENTREGAS) -> dict[tuple[str, str], Completitud]:
    return {(c.institucion, str(c.periodo)): c for c in evaluar(plan, [], entregas, corte).completitud}


def test_completitud_estados(plan: Plan) -> None:
    c = _comp(plan, D(2025, 7, 31))
    # a_tiempo: delivered 2025-01-30 = 2024-12-31 + 30 days
    a = c[("BANDESAL", "2024-S2")]
    assert (a.estado, a.vencimiento, a.fecha_reporte, a.dias_retraso) == ("a_tiempo", D(2025, 1, 30),
                                                                           D(2025, 1, 30), 0)
    assert a.debidos == ["4.6.8.a", "4.6.8.b"] and a.recibidos == ["4.6.8.a", "4.6.8.b"] and a.faltantes == []
    assert a.archivo == "avances/2024-S2/BANDESAL.yaml"
    # tarde: 2025-07-31 is one day after 2025-06-30 + 30 = 2025-07-30
    t = c[("BANDESAL", "2025-S1")]
    assert (t.estado, t.vencimiento, t.dias_retraso) == ("tarde", D(2025, 7, 30), 1)
    # incompleto: on time, 1.1.2.b missing
    i = c[("OIM", "2024-S2")]
    assert (i.estado, i.recibidos, i.faltantes, i.dias_retraso) == ("incompleto", ["1.1.2.a"], ["1.1.2.b"], 0)
    # late and incomplete → tarde; 2025-03-01 − 2025-01-30 = 1 (Jan 31) + 28 (Feb) + 1 = 30 days
    e = c[("ESCO", "2024-S2")]
    assert (e.estado, e.dias_retraso, e.faltantes) == ("tarde", 30, ["1.4.2.b"])
    # faltante: no file and 2025-07-30 has passed
    assert c[("MECANISMO", "2025-S1")].estado == "faltante"
    assert c[("MECANISMO", "2025-S1")].fecha_reporte is None
    assert c[("RNUM", "2024-S2")].estado == "faltante"


def test_completitud_pendiente_hasta_el_dia_del_vencimiento(plan: Plan) -> None:
    c = _comp(plan, D(2025, 7, 30))
    assert c[("MECANISMO", "2025-S1")].estado == "pendiente"  # closed, deadline is today
    assert c[("MECANISMO", "2025-S1")].faltantes == ["0.3.3.a"]
    assert c[("RNUM", "2025-S1")].estado == "pendiente"
    assert c[("RNUM", "2024-S2")].estado == "faltante"         # 2025-01-30 is long gone
    assert _comp(plan, D(2025, 7, 31))[("RNUM", "2025-S1")].estado == "faltante"


def test_completitud_solo_semestres_cerrados_de_la_ventana_y_responsables(plan: Plan) -> None:
    c = _comp(plan, D(2025, 7, 31))
    # 2025-S2 is not over: no entry even though BANDESAL already sent a file
    assert not any(p == "2025-S2" for _, p in c)
    # OIM is only responsible for 1.1.2 (2024): nothing owed in 2025-S1
    assert ("OIM", "2024-S2") in c and ("OIM", "2025-S1") not in c
    # MECANISMO only for 0.3.3 (2025-2028): nothing owed in 2024-S2
    assert ("MECANISMO", "2024-S2") not in c
    # OIT is responsible for no activity: never owes anything, its file is not listed
    assert not any(inst == "OIT" for inst, _ in c)
    # every listed institution is a responsible one, for a semester in which it owes something
    responsables = {r for a in plan.actividades.values() for r in a.responsables.instituciones}
    assert {inst for inst, _ in c} <= responsables
    assert all(x.debidos for x in c.values())


def test_completitud_debidos_excluyen_metas_por_definir(plan: Plan) -> None:
    c = _comp(plan, D(2025, 7, 31))
    # RNUM: 1.3.1 (2024-2028: a, b, c) and 2.5.1 (2024-2028: a) in 2024-S2;
    # from 2025 also 0.2.2 (a, b), 0.2.3 (b, c; a is por definir), 0.3.1.a, 0.3.2.a, 0.3.4.a → 4 + 7 = 11
    assert sorted(c[("RNUM", "2024-S2")].debidos) == ["1.3.1.a", "1.3.1.b", "1.3.1.c", "2.5.1.a"]
    assert sorted(c[("RNUM", "2025-S1")].debidos) == [
        "0.2.2.a", "0.2.2.b", "0.2.3.b", "0.2.3.c", "0.3.1.a", "0.3.2.a", "0.3.4.a",
        "1.3.1.a", "1.3.1.b", "1.3.1.c", "2.5.1.a"]
    assert "0.2.3.a" not in c[("RNUM", "2025-S1")].faltantes


def test_completitud_con_filtros(plan: Plan) -> None:
    sit = evaluar(plan, [], ENTREGAS, D(2025, 7, 31), institucion="BANDESAL")
    assert [(c.institucion, str(c.periodo), c.estado) for c in sit.completitud] == [
        ("BANDESAL", "2024-S2", "a_tiempo"), ("BANDESAL", "2025-S1", "tarde")]
    # eje 4: only institutions owing something of eje 4 (BANDESAL, MRREE…), not OIM (eje 1) or ESCO
    sit = evaluar(plan, [], ENTREGAS, D(2025, 7, 31), eje="4")
    instituciones = {c.institucion for c in sit.completitud}
    assert {"BANDESAL", "MRREE"} <= instituciones
    assert not instituciones & {"OIM", "ESCO", "RNUM", "MECANISMO"}


def test_en_deuda(plan: Plan) -> None:
    sit = evaluar(plan, [], ENTREGAS, D(2025, 7, 31), institucion="BANDESAL")
    assert [str(c.periodo) for c in sit.completitud if c.en_deuda] == ["2025-S1"]  # tarde; a_tiempo is not listed
