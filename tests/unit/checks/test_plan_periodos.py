"""checks/plan_periodos: activity periods inside the vigencia and not inverted (PNI205), coherent semáforo
thresholds and periods (PNI209)."""

from __future__ import annotations

from pni_cli.checks import plan_periodos
from pni_cli.checks.plan_periodos import PERIODO_FUERA_VIGENCIA, SEMAFORO_UMBRALES
from pni_cli.plan import Plan
from tests.unit.checks.conftest import ARCHIVO_EJE, EJE, GENERAL, en, lugar, plan_de, uno, valor

RUTA = f"plan/{ARCHIVO_EJE}"


def _revisar(plan: Plan) -> list:
    return list(plan_periodos.revisar(plan))


def _periodo_de_1_2_1(desde: int, hasta: int) -> str:
    partes = EJE.rsplit("desde: 2024\n          hasta: 2026", 1)  # the last activity, 1.2.1
    return f"desde: {desde}\n          hasta: {hasta}".join(partes)


def test_el_plan_pequeno_no_tiene_problemas() -> None:
    assert _revisar(plan_de()) == []


def test_un_periodo_invertido() -> None:
    texto = _periodo_de_1_2_1(2026, 2025)
    p = uno(_revisar(plan_de(ejes={ARCHIVO_EJE: texto})), PERIODO_FUERA_VIGENCIA)
    assert en(p, RUTA, lugar(texto, "texto: 2024-2026", vez=2))  # the value of «periodo»: its first key
    assert "el periodo de la actividad 1.2.1 empieza (2026) después de terminar (2025)" in p.mensaje


def test_un_periodo_que_sale_de_la_vigencia() -> None:
    texto = _periodo_de_1_2_1(2024, 2030)
    p = uno(_revisar(plan_de(ejes={ARCHIVO_EJE: texto})), PERIODO_FUERA_VIGENCIA)
    assert "el periodo de la actividad 1.2.1 (2024-2030) sale de la vigencia del plan (2024-2026)" in p.mensaje


def test_un_periodo_en_los_bordes_de_la_vigencia_y_de_un_solo_anio() -> None:
    assert _revisar(plan_de(ejes={ARCHIVO_EJE: _periodo_de_1_2_1(2024, 2024)})) == []
    assert _revisar(plan_de(ejes={ARCHIVO_EJE: _periodo_de_1_2_1(2026, 2026)})) == []


def test_umbrales_incoherentes() -> None:
    texto = GENERAL.replace("verde: 90", "verde: 60")
    p = uno(_revisar(plan_de(general=texto)), SEMAFORO_UMBRALES)
    assert en(p, "plan/plan.yaml", lugar(texto, "verde: 60"))
    assert "umbrales del semáforo incoherentes (verde 60, amarillo 70, revisar_meta 130)" in p.mensaje
    assert "0 < amarillo < verde ≤ 100 < revisar_meta" in p.mensaje


def test_revisar_meta_debe_pasar_de_100() -> None:
    p = uno(_revisar(plan_de(general=GENERAL.replace("revisar_meta: 130", "revisar_meta: 100"))), SEMAFORO_UMBRALES)
    assert "revisar_meta 100" in p.mensaje


def test_umbrales_justo_en_el_limite() -> None:
    texto = GENERAL.replace("verde: 90", "verde: 100").replace("amarillo: 70", "amarillo: 0.5").replace(
        "revisar_meta: 130", "revisar_meta: 100.5")
    assert _revisar(plan_de(general=texto)) == []


def test_el_primer_periodo_despues_del_ultimo() -> None:
    texto = GENERAL.replace('primer_periodo: "2024-S2"', 'primer_periodo: "2027-S1"')
    p = uno(_revisar(plan_de(general=texto)), SEMAFORO_UMBRALES)
    assert en(p, "plan/plan.yaml", valor(texto, 'primer_periodo: "2027-S1"'))
    assert "el primer periodo es posterior al último" in p.mensaje


def test_primer_y_ultimo_periodo_iguales() -> None:
    texto = GENERAL.replace('primer_periodo: "2024-S2"', 'primer_periodo: "2026-S2"')
    assert _revisar(plan_de(general=texto)) == []
