"""The progress engine (pni_cli/progreso.py) on the real plan, with reports built here (the same rules through the
real CLI: tests/cli/test_semaforo.py).

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
from tests.conftest import REPO, con_meta

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


def tras(periodo: str) -> dt.date:
    """The first day `periodo` is evaluated: the day after its deadline (last day + 30)."""
    return Semestre.leer(periodo).vencimiento(30) + dt.timedelta(days=1)


# --- rule 1: the evaluation clock ---------------------------------------------------------------------------

def test_un_semestre_entra_al_dia_siguiente_de_su_plazo(plan: Plan) -> None:
    # 1.1.1.a «Dos reuniones al año», 2024-2028. 2025-S1 ends 30/06/2025, its deadline is 30/07/2025.
    datos = [dato("1.1.1.a", "MRREE", "2024-S2", 1), dato("1.1.1.a", "MRREE", "2025-S1", 1)]
    assert ev(plan, "1.1.1.a", datos, D(2025, 7, 30)).semestres_evaluados == 1  # en plazo on its deadline
    assert ev(plan, "1.1.1.a", datos, D(2025, 7, 31)).semestres_evaluados == 2
    e = ev(plan, "1.1.1.a", datos, D(2025, 7, 30))
    # 2025-S1's report is shown in the history as received (en plazo), but not counted
    h = {str(v.periodo): v for v in e.historia}
    assert h["2025-S1"].momento == "en_plazo" and h["2025-S1"].valores == {"MRREE": 1}
    assert e.reportado == 1 and e.esperado == 1
    assert h["2025-S2"].momento == "futuro"


# --- conteo -------------------------------------------------------------------------------------------------

def test_conteo_anual_año_por_año(plan: Plan) -> None:
    # 1.1.1.a «Dos reuniones al año», 2024-2028 (9 semesters). At tras(2025-S2) three semesters are evaluated:
    # 2024 (one semester in the window) expects 2 × 1/2 = 1; 2025 expects 2. Reported 1 + 1 + 1 = 3: 2024 credits
    # 1 of 1, 2025 credits 2 of 2 → 3 of 3, 100 %. The meta of the window is 1 + 2 × 4 = 9.
    datos = [dato("1.1.1.a", "MRREE", p, 1) for p in ("2024-S2", "2025-S1", "2025-S2")]
    e = ev(plan, "1.1.1.a", datos, tras("2025-S2"))
    assert (e.tipo, e.frecuencia, e.acumulacion) == ("conteo", "anual", "flujo")
    assert (e.semestres_evaluados, e.semestres_ventana) == (3, 9)
    assert (e.esperado, e.meta_final, e.reportado, e.acreditado, e.logro) == (3, 9, 3, 3, 100)
    assert e.estado == "verde"
    assert [(t.periodo, t.meta, t.esperado, t.reportado, t.acreditado) for t in e.tramos] == [
        ("2024", 1, 1, 1, 1), ("2025", 2, 2, 2, 2)]
    assert e.ultimo_periodo == Semestre(2025, 2) and e.instituciones == ["MRREE"]


def test_un_año_de_sobra_no_tapa_otro(plan: Plan) -> None:
    # 1.1.1.a: four meetings in 2024-S2, none in 2025: 2024 credits 1 (its expected), 2025 credits 0 of 2 → 1 of
    # 3 = 33.33 %, rojo; «revisar meta» on what was reported: 4 ÷ 3 = 133 % > 130 %.
    datos = [dato("1.1.1.a", "MRREE", "2024-S2", 4), dato("1.1.1.a", "MRREE", "2025-S1", 0),
             dato("1.1.1.a", "MRREE", "2025-S2", 0)]
    e = ev(plan, "1.1.1.a", datos, tras("2025-S2"))
    assert (e.esperado, e.reportado, e.acreditado) == (3, 4, 1)
    assert e.logro == pytest.approx(100 / 3)
    assert e.estado == "rojo" and e.revisar_meta


def test_conteo_mensual(plan: Plan) -> None:
    # 5.4.1.a «500 migrantes por mes» (6,000 a year): 2024 expects 3,000, 2025-S1 3,000 → 6,000. Reported 3,000
    # + 2,400 = 5,400: 2024 credits 3,000 of 3,000, 2025 2,400 of 3,000 → 5,400 ÷ 6,000 = exactly 90 %: verde.
    datos = [dato("5.4.1.a", "DGME", "2024-S2", 3000), dato("5.4.1.a", "DGME", "2025-S1", 2400)]
    e = ev(plan, "5.4.1.a", datos, tras("2025-S1"))
    assert (e.esperado, e.meta_final, e.reportado, e.logro) == (6000, 3000 + 6000 * 4, 5400, 90)
    assert e.estado == "verde"


def test_conteo_total_en_linea_recta(plan: Plan) -> None:
    # 1.4.1.a «Tres estudios», total over 2025-2028 (8 semesters): at tras(2025-S2), 3 × 2/8 = 0.75 expected; one
    # study → credited 0.75 (at most the expected), 100 %; «revisar meta»: 1 ÷ 0.75 = 133 %.
    e = ev(plan, "1.4.1.a", [dato("1.4.1.a", "MTPS", "2025-S2", 1)], tras("2025-S2"))
    assert (e.semestres_evaluados, e.semestres_ventana) == (2, 8)
    assert e.esperado == pytest.approx(0.75) and e.meta_final == 3 and e.reportado == 1
    assert e.logro == 100 and e.revisar_meta and e.estado == "verde"
    # the total reached before the end is reached: cumplida
    e = ev(plan, "1.4.1.a", [dato("1.4.1.a", "MTPS", "2025-S2", 3)], tras("2025-S2"))
    assert e.estado == "cumplida" and not e.revisar_meta


def test_conteo_total_al_finalizar_no_se_juzga_antes(plan: Plan) -> None:
    # 0.3.3.a «Cuatro estudios al finalizar el periodo» (vence 2028-S2): one study in 2026 → en curso, no logro
    e = ev(plan, "0.3.3.a", [dato("0.3.3.a", "MECANISMO", "2026-S1", 1)], tras("2026-S1"))
    assert e.estado == "en_curso" and e.logro is None and e.esperado is None and e.reportado == 1
    assert str(e.vence) == "2028-S2"
    # at the end: 3 of 4 → no cumplida, 75 %
    datos = [dato("0.3.3.a", "MECANISMO", p, 1) for p in ("2026-S1", "2027-S1", "2028-S2")]
    e = ev(plan, "0.3.3.a", datos, tras("2028-S2"))
    assert e.final and e.estado == "no_cumplida" and e.logro == 75


def test_conteo_de_un_solo_semestre_es_final(plan: Plan) -> None:
    # 3.2.1.a «Cinco temas de capacitación», 2024 only: its one semester evaluated closes the window.
    e = ev(plan, "3.2.1.a", [dato("3.2.1.a", "MRREE", "2024-S2", 4)], tras("2024-S2"))
    assert e.final and e.estado == "no_cumplida" and e.logro == 80
    e = ev(plan, "3.2.1.a", [dato("3.2.1.a", "MRREE", "2024-S2", 5)], tras("2024-S2"))
    assert e.final and e.estado == "cumplida"


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
    # 4.5.2.a (modified): 10 per semester, each semester on its own: 10 of 10, 10 of 10, 7 of 10 → 27 of 30 = 90 %
    datos = [dato("4.5.2.a", "MRREE", p, v) for p, v in (("2024-S2", 12), ("2025-S1", 10), ("2025-S2", 7))]
    e = ev(plan_semestral, "4.5.2.a", datos, tras("2025-S2"))
    assert (e.esperado, e.meta_final, e.reportado, e.acreditado, e.logro) == (30, 90, 29, 27, 90)
    assert e.estado == "verde"


def test_programacion_por_año(plan: Plan) -> None:
    # 1.1.1.a with a programación of the Mecanismo: 2024 → 0, 2025 → 4: 2024 expects 0; 2025 (both semesters)
    # expects 4, has 3 → 3 of 4 = 75 %, amarillo
    from pni_cli.plan import Etapa

    otro = con_meta(plan, "1.1.1.a", programacion=(Etapa("2024", 0), Etapa("2025", 4)))
    datos = [dato("1.1.1.a", "MRREE", "2024-S2", 0), dato("1.1.1.a", "MRREE", "2025-S1", 1),
             dato("1.1.1.a", "MRREE", "2025-S2", 2)]
    e = ev(otro, "1.1.1.a", datos, tras("2025-S2"))
    assert (e.esperado, e.acreditado, e.logro) == (4, 3, 75)
    assert e.estado == "amarillo"


def test_sentido_descendente(plan: Plan) -> None:
    # 1.4.1.a turned descendente («no más de 3 estudios»): at tras(2025-S2) 0.75 expected; 0.5 reported is within
    # → 100 %; 1.5 reported → 0.75 ÷ 1.5 = 50 %, rojo
    otro = con_meta(plan, "1.4.1.a", sentido="descendente")
    assert ev(otro, "1.4.1.a", [dato("1.4.1.a", "MTPS", "2025-S2", 0.5)], tras("2025-S2")).logro == 100
    e = ev(otro, "1.4.1.a", [dato("1.4.1.a", "MTPS", "2025-S2", 1.5)], tras("2025-S2"))
    assert e.logro == 50 and e.estado == "rojo" and not e.revisar_meta


# --- niveles, porcentajes, promedios, hitos -------------------------------------------------------------------

def test_nivel_no_se_suma(plan: Plan) -> None:
    # 5.5.1.b «14 departamentos» (nivel, total, 9 semesters): 10 then 12: the level is 12, never 22. The line
    # expects 14 × 2/9 = 3.11: credited 3.11, 100 %, revisar meta (12 ÷ 3.11 = 386 %).
    datos = [dato("5.5.1.b", "MRREE", "2024-S2", 10), dato("5.5.1.b", "MRREE", "2025-S1", 12)]
    e = ev(plan, "5.5.1.b", datos, tras("2025-S1"))
    assert e.acumulacion == "nivel" and e.reportado == 12
    assert e.esperado == pytest.approx(28 / 9) and e.logro == 100 and e.revisar_meta


def test_nivel_anual_cada_año_su_ultimo_nivel(plan: Plan) -> None:
    # 4.6.2.b «20 organizaciones activas por año»: 2024 → 10 (1 semester), 2025 → 15 (its latest, 2 semesters):
    # (10 + 15 × 2) ÷ (20 + 20 × 2) = 66.67 %, rojo
    datos = [dato("4.6.2.b", "MRREE", "2024-S2", 10), dato("4.6.2.b", "MRREE", "2025-S1", 20),
             dato("4.6.2.b", "MRREE", "2025-S2", 15)]
    e = ev(plan, "4.6.2.b", datos, tras("2025-S2"))
    assert e.reportado == 15 and e.esperado == 20
    assert e.logro == pytest.approx(200 / 3) and e.estado == "rojo"


def test_porcentaje_total_recta_y_ultimo_nivel(plan: Plan) -> None:
    # 0.2.3.b «75% de brechas», total over 2025-2028 (8), combinar maximo: at tras(2025-S2) 75 × 2/8 = 18.75;
    # 10 then 15 → the latest level, 15 (not 25): 15 ÷ 18.75 = 80 %, amarillo
    datos = [dato("0.2.3.b", "MRREE", "2025-S1", 10), dato("0.2.3.b", "MRREE", "2025-S2", 15)]
    e = ev(plan, "0.2.3.b", datos, tras("2025-S2"))
    assert (e.esperado, e.meta_final, e.reportado, e.logro) == (18.75, 75, 15, 80)
    assert e.estado == "amarillo" and not e.revisar_meta


def test_un_nivel_alcanzado_no_es_definitivo_hasta_el_final(plan: Plan) -> None:
    # 0.2.3.b at 75 in 2025-S2: verde (100 %) while the window is open, revisar meta (75 ÷ 18.75 = 400 %); a level
    # can fall, so cumplida is said only when the window is over
    e = ev(plan, "0.2.3.b", [dato("0.2.3.b", "RNUM", "2025-S2", 75)], tras("2025-S2"))
    assert e.estado == "verde" and e.logro == 100 and e.revisar_meta
    e = ev(plan, "0.2.3.b", [dato("0.2.3.b", "RNUM", "2028-S2", 75)], tras("2028-S2"))
    assert e.final and e.estado == "cumplida"


def test_porcentaje_anual_espera_la_meta_misma(plan: Plan) -> None:
    # 0.3.4.a «25% de los actores por año»: 20 in 2025-S1 → 20 of 25, 80 %, amarillo; 25 in 2025-S2 → 2025's latest
    # level 25: 100 %, verde (not cumplida: the window runs to 2028)
    e = ev(plan, "0.3.4.a", [dato("0.3.4.a", "MRREE", "2025-S1", 20)], tras("2025-S1"))
    assert (e.esperado, e.reportado, e.logro, e.estado) == (25, 20, 80, "amarillo")
    datos = [dato("0.3.4.a", "MRREE", "2025-S1", 20), dato("0.3.4.a", "MRREE", "2025-S2", 25)]
    e = ev(plan, "0.3.4.a", datos, tras("2025-S2"))
    assert (e.reportado, e.logro, e.estado) == (25, 100, "verde")


def test_promedio_es_la_media_de_los_semestres(plan: Plan) -> None:
    # 2.1.1.b «8 instituciones participantes»: 6 and 9 → mean 7.5 (neither 15 nor 9); 7.5 ÷ 8 = 93.75 %
    datos = [dato("2.1.1.b", "MRREE", "2024-S2", 6), dato("2.1.1.b", "MRREE", "2025-S1", 9)]
    e = ev(plan, "2.1.1.b", datos, tras("2025-S1"))
    assert (e.tipo, e.esperado, e.reportado) == ("promedio", 8, 7.5)
    assert e.logro == pytest.approx(93.75) and e.estado == "verde"


def test_hito_antes_de_vencer_esta_en_curso(plan: Plan) -> None:
    # 3.3.1.a «Una agencia creada» (2025-2026, vence 2026-S2, responsable MRREE): 40 in 2025-S1 → en curso
    e = ev(plan, "3.3.1.a", [dato("3.3.1.a", "MRREE", "2025-S1", 40)], tras("2025-S1"))
    assert e.estado == "en_curso" and e.logro is None and e.reportado == 40 and str(e.vence) == "2026-S2"


def test_hito_vencido_se_compara_con_100(plan: Plan) -> None:
    # 3.3.1.a at tras(2026-S2), the window over: 80 → no cumplida, 80 %
    e = ev(plan, "3.3.1.a", [dato("3.3.1.a", "MRREE", "2026-S2", 80)], tras("2026-S2"))
    assert e.final and e.estado == "no_cumplida" and e.logro == 80 and e.esperado == 100


def test_hito_al_100_esta_cumplido_aun_antes(plan: Plan) -> None:
    e = ev(plan, "3.3.1.a", [dato("3.3.1.a", "MRREE", "2025-S1", 100)], tras("2025-S1"))
    assert e.estado == "cumplida" and not e.revisar_meta


def test_hito_con_etapas(plan: Plan) -> None:
    # 0.1.2.a «Una estrategia» (vence 2028-S2) with a stage: 50 % by 2025-S2. Before the stage: en curso; after
    # it: 40 of 50 → 80 %, amarillo
    from pni_cli.plan import Etapa

    otro = con_meta(plan, "0.1.2.a", programacion=(Etapa("2025-S2", 50),))
    assert ev(otro, "0.1.2.a", [dato("0.1.2.a", "MRREE", "2025-S1", 40)], tras("2025-S1")).estado == "en_curso"
    e = ev(otro, "0.1.2.a", [dato("0.1.2.a", "MRREE", "2025-S2", 40)], tras("2025-S2"))
    assert (e.esperado, e.logro, e.estado) == (50, 80, "amarillo")


def test_meta_por_definir_aunque_haya_reportes(plan: Plan) -> None:
    e = ev(plan, "0.2.3.a", [dato("0.2.3.a", "MRREE", "2025-S1", 3)], tras("2026-S2"))
    assert (e.tipo, e.estado) == ("por_definir", "meta_por_definir")
    assert e.esperado is None and e.reportado is None and e.logro is None and not e.revisar_meta


# --- not started, no report, ignored reports ----------------------------------------------------------------

def test_no_iniciada_si_ningun_semestre_de_su_ventana_se_evaluo(plan: Plan) -> None:
    # 1.4.1.a runs 2025-2028; a report for 2024-S2 (outside the window) changes nothing
    e = ev(plan, "1.4.1.a", [dato("1.4.1.a", "MTPS", "2024-S2", 2)], tras("2024-S2"))
    assert e.estado == "no_iniciada" and (e.semestres_evaluados, e.semestres_ventana) == (0, 8)
    assert e.esperado is None and e.reportado is None and e.logro is None
    assert ev(plan, "1.4.1.a", [], D(2025, 7, 30)).estado == "no_iniciada"  # 2025-S1 en plazo
    assert ev(plan, "1.4.1.a", [], D(2025, 7, 31)).estado == "sin_reporte"


def test_sin_reporte(plan: Plan) -> None:
    # 1.1.1.a at tras(2025-S1): 1 + 1 = 2 expected, nothing reported; both owed reports missing
    e = ev(plan, "1.1.1.a", [], tras("2025-S1"))
    assert e.estado == "sin_reporte" and e.esperado == 2
    assert e.reportado is None and e.logro is None and e.instituciones == []
    assert [(c, str(s)) for c, s in e.informes_faltantes] == [("MRREE", "2024-S2"), ("MRREE", "2025-S1")]


def test_reportes_fuera_de_ventana_o_no_evaluados_se_ignoran(plan: Plan) -> None:
    # 1.4.1.b «10 actores» (nivel, total, suma, 2025-2028): at tras(2025-S2) 10 × 2/8 = 2.5. 2024-S2 (outside)
    # and 2026-S1 (not evaluated) are ignored: the level is MTPS's 2 of 2025-S2 → 80 %
    datos = [dato("1.4.1.b", "MTPS", "2024-S2", 7), dato("1.4.1.b", "MTPS", "2025-S2", 2),
             dato("1.4.1.b", "MINEC", "2026-S1", 9)]
    e = ev(plan, "1.4.1.b", datos, tras("2025-S2"))
    assert (e.esperado, e.reportado, e.logro, e.estado) == (2.5, 2, 80, "amarillo")
    assert e.instituciones == ["MTPS"] and e.ultimo_periodo == Semestre(2025, 2)


def test_reportes_de_otros_indicadores_no_cuentan(plan: Plan) -> None:
    assert ev(plan, "1.4.2.a", [dato("1.4.2.b", "MTPS", "2025-S1", 500)], tras("2025-S1")).estado == "sin_reporte"


# --- thresholds, in exact arithmetic ----------------------------------------------------------------------------

@pytest.mark.parametrize(("valor", "estado", "revisar"), [
    (0, "rojo", False),
    (69.99, "rojo", False),      # just below 70
    (70, "amarillo", False),     # exactly 70
    (89.99, "amarillo", False),  # just below 90
    (90, "verde", False),        # exactly 90
    (100, "verde", False),
])
def test_umbrales_del_semaforo(plan: Plan, valor: float, estado: str, revisar: bool) -> None:
    # 1.4.2.a «100 participantes por año»: 2024 expects 50 and gets 50 from MRREE; 2025-S1 expects 50 and gets
    # `valor` / 2 → logro = (50 + valor/2) ÷ 100 … so that logro = valor: give 2025-S1 (valor × 2 − 50)… simpler:
    # 2024-S2 alone, at tras(2024-S2): expects 50; report valor/2 → logro = valor %.
    e = ev(plan, "1.4.2.a", [dato("1.4.2.a", "MTPS", "2024-S2", valor / 2)], tras("2024-S2"))
    assert e.esperado == 50
    assert e.logro == pytest.approx(valor)
    assert e.estado == estado
    assert e.revisar_meta is revisar


def test_noventa_exacto_con_fracciones(plan: Plan) -> None:
    # 4.5.2.c «500 catálogos» (total, 9 semesters): 3 evaluated → 500 × 3/9; 150 → exactly 90 % (a float gives
    # 89.99999999999999)
    datos = [dato("4.5.2.c", "MRREE", p, v) for p, v in (("2024-S2", 150), ("2025-S1", 0), ("2025-S2", 0))]
    e = ev(plan, "4.5.2.c", datos, tras("2025-S2"))
    assert e.estado == "verde"


@pytest.mark.parametrize(("valor", "revisar"), [(65, False), (65.01, True)])
def test_revisar_meta_sobre_lo_reportado(plan: Plan, valor: float, revisar: bool) -> None:
    # 1.4.2.a at tras(2024-S2) expects 50: 65 is 130 % (not above), 65.01 is above
    e = ev(plan, "1.4.2.a", [dato("1.4.2.a", "MTPS", "2024-S2", valor)], tras("2024-S2"))
    assert e.revisar_meta is revisar and e.logro == 100


# --- several institutions -------------------------------------------------------------------------------------

def test_conteos_de_varias_instituciones_se_suman(plan: Plan) -> None:
    # 1.4.2.a (MRREE, MTPS, ESCO; suma): 2024 expects 50, has 40; 2025-S1 expects 50, has 30 + 10 = 40 → 80 %
    datos = [dato("1.4.2.a", "MRREE", "2024-S2", 40), dato("1.4.2.a", "MTPS", "2025-S1", 30),
             dato("1.4.2.a", "ESCO", "2025-S1", 10)]
    e = ev(plan, "1.4.2.a", datos, tras("2025-S1"))
    assert (e.reportado, e.logro, e.estado) == (80, 80, "amarillo")
    assert e.instituciones == ["ESCO", "MRREE", "MTPS"] and not e.discrepancia
    # owed: 3 institutions × 2 semesters; missing: MTPS and ESCO in 2024-S2, MRREE in 2025-S1
    assert e.informes_debidos == 6
    assert sorted((c, str(s)) for c, s in e.informes_faltantes) == [
        ("ESCO", "2024-S2"), ("MRREE", "2025-S1"), ("MTPS", "2024-S2")]


def test_nivel_de_varias_instituciones_por_maximo(plan: Plan) -> None:
    # 1.1.2.b «20 instituciones» (nivel, combinar maximo; MRREE, OIM; 2024 only): 12 and 20 → 20, cumplida (final)
    datos = [dato("1.1.2.b", "MRREE", "2024-S2", 12), dato("1.1.2.b", "OIM", "2024-S2", 20)]
    e = ev(plan, "1.1.2.b", datos, tras("2024-S2"))
    assert e.reportado == 20 and e.final and e.estado == "cumplida" and e.discrepancia


def test_porcentaje_discrepante_por_maximo_se_marca(plan: Plan) -> None:
    # 0.2.3.b (combinar maximo): MRREE 20 and RNUM 10 in 2025-S2 → 20 (the national figure), flagged; 20 ÷ 18.75
    datos = [dato("0.2.3.b", "MRREE", "2025-S2", 20), dato("0.2.3.b", "RNUM", "2025-S2", 10)]
    e = ev(plan, "0.2.3.b", datos, tras("2025-S2"))
    assert e.discrepancia and e.reportado == 20 and e.instituciones == ["MRREE", "RNUM"]
    datos = [dato("0.2.3.b", "MRREE", "2025-S2", 15), dato("0.2.3.b", "RNUM", "2025-S2", 15)]
    e = ev(plan, "0.2.3.b", datos, tras("2025-S2"))
    assert not e.discrepancia and e.reportado == 15


def test_hito_de_varias_instituciones_por_promedio(plan: Plan) -> None:
    # 3.4.2.a «Un registro» (maximo) vs 2.2.2.a (MRREE only); a hito with the default (promedio): none in the plan
    # but 0.1.2.a turned to two responsables would average; here 3.4.2.a takes the highest report: 40 and 60 → 60
    datos = [dato("3.4.2.a", "MRREE", "2025-S1", 40), dato("3.4.2.a", "MTPS", "2025-S1", 60)]
    e = ev(plan, "3.4.2.a", datos, tras("2025-S1"))
    assert e.reportado == 60 and e.discrepancia and e.estado == "en_curso"


# --- activities and the whole picture -------------------------------------------------------------------------

def _datos_eje_1() -> list[Dato]:
    # corte tras(2025-S1) = 2025-07-31: 2024-S2 and 2025-S1 evaluated
    return [
        dato("1.1.2.a", "MRREE", "2024-S2", 100),  # hito, 2024 only → cumplida
        dato("1.1.2.b", "OIM", "2024-S2", 20),     # 20 of 20, window over → cumplida
        dato("1.3.1.a", "MRREE", "2025-S1", 1),    # 1/yr: 2024 expects 0.5, has 0; 2025 0.5 of 1 → 50 % rojo
        dato("1.3.1.b", "DRTS", "2025-S1", 5000),  # 5000/yr: 0 of 2500, then 2500 of 5000 → 50 % rojo
        dato("1.3.1.c", "MRREE", "2025-S1", 56),   # 70/yr: 0 of 35, then 35 of 56 → 50 % rojo
        dato("1.4.1.b", "MTPS", "2025-S1", 2),     # nivel, 10 total ÷ 8 × 1 = 1.25; level 2 → 100 % verde
        dato("1.4.2.a", "MTPS", "2025-S1", 40),    # 100/yr: 0 of 50, then 40 of 50 → 40 % rojo
        dato("1.4.2.b", "ESCO", "2025-S1", 50),    # 50/yr: 0 of 25, then 25 of 50 → 50 % rojo
    ]


def test_estado_de_cada_actividad_es_su_indicador_mas_urgente(plan: Plan) -> None:
    sit = evaluar(plan, _datos_eje_1(), [], tras("2025-S1"), eje="1")
    actividades = {a.id: a.estado for a in sit.actividades}
    assert actividades == {
        "1.1.1": "sin_reporte",   # 1.1.1.a nothing
        "1.1.2": "cumplida",      # cumplida + cumplida
        "1.2.1": "sin_reporte",   # 2025-2026, 2025-S1 evaluated, nothing
        "1.2.2": "no_iniciada",   # 2026-2027
        "1.3.1": "rojo",          # rojo × 3
        "1.4.1": "sin_reporte",   # a: nothing; b: verde
        "1.4.2": "rojo",          # a rojo; b rojo
        "1.4.3": "sin_reporte",
    }
    indicadores = {i.id: i.estado for i in sit.indicadores}
    assert indicadores["1.3.1.c"] == "rojo"
    assert indicadores["1.4.1.b"] == "verde"
    assert [str(s) for s in sit.evaluados] == ["2024-S2", "2025-S1"]
    # 15 indicators in eje 1: cumplida 2 (1.1.2.a-b), verde 1 (1.4.1.b), rojo 5 (1.3.1.a-c, 1.4.2.a-b), sin
    # reporte 5 (1.1.1.a, 1.2.1.a, 1.4.1.a, 1.4.3.a-b), no iniciada 2 (1.2.2.a-b)
    assert dict(sit.conteo()) == {"cumplida": 2, "verde": 1, "rojo": 5, "sin_reporte": 5, "no_iniciada": 2}
    assert dict(sit.conteo_actividades()) == {"sin_reporte": 4, "cumplida": 1, "no_iniciada": 1, "rojo": 2}


def _ind(estado: str) -> EstadoIndicador:
    return EstadoIndicador("9.9.9.a", "9.9.9", "9.9", "9", "conteo", "anual", estado)  # type: ignore[arg-type]


@pytest.mark.parametrize(("estados", "resultado"), [
    (["verde", "sin_reporte", "rojo"], "sin_reporte"),
    (["verde", "rojo", "amarillo"], "rojo"),
    (["no_cumplida", "amarillo"], "no_cumplida"),
    (["rojo", "no_cumplida"], "rojo"),
    (["verde", "en_curso"], "verde"),
    (["en_curso", "cumplida"], "en_curso"),
    (["cumplida", "amarillo"], "amarillo"),
    (["cumplida", "verde"], "verde"),
    (["no_iniciada", "cumplida"], "cumplida"),
    (["meta_por_definir", "no_iniciada"], "no_iniciada"),
    (["meta_por_definir"], "meta_por_definir"),
])
def test_orden_de_urgencia(estados: list[str], resultado: str) -> None:
    assert estado_de_actividad([_ind(e) for e in estados]) == resultado


def test_filtros_de_eje_e_institucion(plan: Plan) -> None:
    sit = evaluar(plan, _datos_eje_1(), [], tras("2025-S1"), institucion="ESCO")
    assert [a.id for a in sit.actividades] == ["1.4.2"]  # ESCO is responsible for 1.4.2 only
    assert [i.id for i in sit.indicadores] == ["1.4.2.a", "1.4.2.b"]
    sit = evaluar(plan, _datos_eje_1(), [], tras("2025-S1"), eje="1", institucion="MTPS")
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


def test_una_entrega_con_errores_no_es_faltante(plan: Plan) -> None:
    from pni_cli.progreso import ArchivoConErrores

    malo = ArchivoConErrores("avances/2024-S2/OIM.yaml", "OIM", Semestre.leer("2024-S2"), 2, ("PNI301", "PNI310"))
    sit = evaluar(plan, [], [], tras("2024-S2"), excluidos=[malo])
    [c] = [c for c in sit.completitud if (c.institucion, str(c.periodo)) == ("OIM", "2024-S2")]
    assert (c.estado, c.errores, c.codigos, c.archivo) == ("con_errores", 2, ("PNI301", "PNI310"), malo.archivo)
    assert c.en_deuda
    [d] = [d for d in sit.deudas if d.clave == "OIM"]
    assert d.con_errores == [c] and d.faltantes == [] and not d.sin_ningun_informe


def test_tarde_e_incompleta_son_dos_hechos(plan: Plan) -> None:
    c = _comp(plan, D(2025, 7, 31))[("ESCO", "2024-S2")]
    assert (c.estado, c.tarde, c.incompleto) == ("tarde", True, True)
    sit = evaluar(plan, [], ENTREGAS, D(2025, 7, 31))
    [d] = [d for d in sit.deudas if d.clave == "ESCO"]
    assert d.tardios == d.incompletos == [c]


def test_las_deudas_van_en_un_solo_orden(plan: Plan) -> None:
    sit = evaluar(plan, [], ENTREGAS, D(2025, 7, 31))
    orden = [(-len(d.faltantes), -(len(d.con_errores) + len(d.incompletos) + len(d.tardios)), d.clave)
             for d in sit.deudas]
    assert orden == sorted(orden)  # most missing semesters first, then most owed, then by clave
    # an institution that owes and never delivered anything is flagged
    assert any(d.sin_ningun_informe and d.clave == "MECANISMO" for d in sit.deudas)
    # the semesters en plazo are named with their deadline
    sit = evaluar(plan, [], ENTREGAS, D(2025, 7, 15))
    [p] = sit.en_plazo
    # BANDESAL's file (OIT owes nothing); the engine counts what it is given: pni_cli/entradas.py leaves out the
    # files delivered after the cut-off before they reach it
    assert (str(p.periodo), p.vence, p.recibidos) == ("2025-S1", D(2025, 7, 30), 1)
