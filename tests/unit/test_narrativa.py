"""narrativa.relatos: the narrative of the files that count, latest semester first, then by institution, each file's
entries in its order; filtered by activity, institution and semester; entries without text or of an activity that is
not in the plan left out; a source variant of an institution's name read as its clave."""

from __future__ import annotations

import datetime as dt

from pni_cli.avance import Avance, NarrativaActividad
from pni_cli.narrativa import relatos
from pni_cli.periodos import Semestre
from tests.unit.checks.conftest import plan_de

PLAN = plan_de()


def av(periodo: str, institucion: str, *entradas: NarrativaActividad) -> Avance:
    return Avance(periodo, institucion, dt.date(2026, 1, 10), actividades=entradas)


def n(actividad: str, logros: str | None = "hecho", **otros: str) -> NarrativaActividad:
    return NarrativaActividad(actividad, logros, **otros)


def test_el_semestre_mas_reciente_primero_y_por_institucion() -> None:
    avances = [av("2025-S1", "MTPS", n("1.2.1", "a")), av("2025-S2", "MTPS", n("1.2.1", "b"), n("1.1.1", "c")),
               av("2025-S2", "DGME", n("1.2.1", "d"))]
    assert [(r.periodo, r.institucion, r.logros) for r in relatos(PLAN, avances)] == [
        ("2025-S2", "DGME", "d"), ("2025-S2", "MTPS", "b"), ("2025-S2", "MTPS", "c"), ("2025-S1", "MTPS", "a")]


def test_filtros_por_actividad_institucion_y_semestre() -> None:
    avances = [av("2025-S1", "MTPS", n("1.2.1", "a")), av("2025-S2", "MTPS", n("1.1.1", "c")),
               av("2025-S2", "DGME", n("1.2.1", "d"))]
    assert [r.logros for r in relatos(PLAN, avances, actividades={"1.2.1"})] == ["d", "a"]
    assert [r.logros for r in relatos(PLAN, avances, institucion="MTPS")] == ["c", "a"]
    assert [r.logros for r in relatos(PLAN, avances, semestres={Semestre.leer("2025-S1")})] == ["a"]


def test_una_variante_del_nombre_es_su_clave_y_se_dice_si_es_responsable() -> None:
    (propio,), (ajeno,) = (relatos(PLAN, [av("2025-S1", "MPTS", n(a))]) for a in ("1.1.1", "1.1.2"))
    assert (propio.institucion, propio.responsable) == ("MTPS", True)
    assert (ajeno.institucion, ajeno.responsable) == ("MTPS", False)


def test_sin_texto_o_de_una_actividad_que_no_existe_no_dice_nada() -> None:
    avances = [av("2025-S1", "MTPS", n("1.1.1", None), n("9.9.9"), n("1.2.1", None, proximos_pasos="seguir"))]
    (r,) = relatos(PLAN, avances)
    assert r.partes == [("Próximos pasos", "seguir")]


def test_las_partes_en_el_orden_del_formulario() -> None:
    (r,) = relatos(PLAN, [av("2025-S1", "MTPS", n("1.1.1", "l", proximos_pasos="p", dificultades="d"))])
    assert r.partes == [("Logros", "l"), ("Dificultades", "d"), ("Próximos pasos", "p")]
