"""checks/plan_metas.py: a meta's vence, programación and lead fit its activity (PNI210, PNI211)."""

from __future__ import annotations

from pni_cli.checks import plan_metas
from pni_cli.lectura.espacio import cargar_plan
from pni_cli.plan import Etapa, Plan
from tests.conftest import REPO, con_meta


def _plan(id_: str, **campos: object) -> Plan:
    """The real plan with one indicator's meta changed."""
    plan, _ = cargar_plan(REPO)
    assert plan is not None
    return con_meta(plan, id_, **campos)


def test_el_plan_del_repositorio_no_tiene_problemas() -> None:
    plan, _ = cargar_plan(REPO)
    assert plan is not None
    assert list(plan_metas.revisar(plan)) == []


def test_vence_fuera_del_periodo() -> None:
    # 3.2.2.a «Un plan de formación», activity of 2025 only: due in 2026-S2 is outside
    [p] = plan_metas.revisar(_plan("3.2.2.a", vence="2026-S2"))
    assert p.codigo == "PNI210" and "«vence: 2026-S2» de 3.2.2.a sale del periodo de su actividad (2025-S1 a 2025-S2)" \
        in p.mensaje
    assert p.archivo == "plan/eje-3-movilidad-laboral.yaml" and p.linea > 0
    assert list(plan_metas.revisar(_plan("3.2.2.a", vence="2025-S1"))) == []


def test_programacion_fuera_del_periodo() -> None:
    # 1.1.1.a runs 2024-2028: a target for 2029 is outside, 2028 and 2028-S2 are inside
    [p] = plan_metas.revisar(_plan("1.1.1.a", programacion=(Etapa("2028", 2), Etapa("2029", 2))))
    assert p.codigo == "PNI210" and "pone una meta en 2029" in p.mensaje
    assert list(plan_metas.revisar(_plan("1.1.1.a", programacion=(Etapa("2028-S2", 1),)))) == []
    # 2024-S1 is before the plan's first semester (2024-S2)
    [p] = plan_metas.revisar(_plan("1.1.1.a", programacion=(Etapa("2024-S1", 1),)))
    assert "2024-S1" in p.mensaje


def test_responsable_principal_que_no_es_responsable() -> None:
    [p] = plan_metas.revisar(_plan("3.3.1.a", responsable_principal="MARN"))
    assert p.codigo == "PNI211" and "«responsable_principal: MARN» de 3.3.1.a no es responsable" in p.mensaje
