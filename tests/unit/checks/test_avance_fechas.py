"""checks/avance_fechas: a semester inside the plan and inside each reported indicator's window (PNI305), already
over at the cut-off date (PNI306), a report date not before the semester's end (PNI312) nor after the cut-off
date (PNI314)."""

from __future__ import annotations

import datetime as dt

from pni_cli.avance import ArchivoAvance
from pni_cli.checks import Contexto, avance_fechas
from pni_cli.checks.avance_fechas import FECHA_ANTES_CIERRE, FECHA_FUTURA, PERIODO_FUERA_VENTANA, PERIODO_FUTURO
from tests.unit.checks.conftest import archivo_de, avance, contexto, en, lugar, rep, uno, valor


def _revisar(archivo: ArchivoAvance, ctx: Contexto | None = None) -> list:
    return list(avance_fechas.revisar(archivo, ctx or contexto()))


def _archivo(texto: str) -> ArchivoAvance:
    periodo = texto.split("\n", 1)[0].removeprefix("periodo: ")
    return archivo_de(texto, f"avances/{periodo}/MTPS.yaml")


def test_un_informe_a_tiempo_no_tiene_problemas() -> None:
    assert _revisar(_archivo(avance(rep("1.1.1.a", 10)))) == []


def test_un_semestre_fuera_del_plan() -> None:
    texto = avance(periodo="2024-S1", fecha="2024-07-10")
    p = uno(_revisar(_archivo(texto)), PERIODO_FUERA_VENTANA)
    assert en(p, "avances/2024-S1/MTPS.yaml", valor(texto, "periodo: 2024-S1"))
    assert "el periodo 2024-S1 está fuera del plan, que va de 2024-S2 a 2026-S2" in p.mensaje


def test_el_primer_y_el_ultimo_semestre_del_plan() -> None:
    assert _revisar(_archivo(avance(periodo="2024-S2", fecha="2025-01-10"))) == []
    assert _revisar(_archivo(avance(periodo="2026-S2", fecha="2026-12-31"))) == []


def test_un_indicador_fuera_de_la_ventana_de_su_actividad() -> None:
    """1.1.2 runs in 2025 only: a report of its indicator in 2026-S1 is not expected."""
    texto = avance(rep("1.1.1.a", 3), rep("1.1.2.a", 5), periodo="2026-S1", fecha="2026-07-10")
    p = uno(_revisar(_archivo(texto)), PERIODO_FUERA_VENTANA)
    assert en(p, "avances/2026-S1/MTPS.yaml", lugar(texto, '"1.1.2.a"'))
    assert ("la actividad 1.1.2 tiene periodo «2025» (2025-S1 a 2025-S2 en semestres): no se espera reporte en "
            "2026-S1") in p.mensaje


def test_un_indicador_en_la_ventana_de_su_actividad() -> None:
    assert _revisar(_archivo(avance(rep("1.1.2.a", 5), periodo="2025-S2", fecha="2026-01-10"))) == []


def test_un_indicador_desconocido_o_repetido_lo_juzga_otro_modulo() -> None:
    texto = avance(rep("9.9.9.a", 1), rep("1.1.2.a", 5), rep("1.1.2.a", 6), periodo="2026-S1", fecha="2026-07-10")
    assert [p.codigo for p in _revisar(_archivo(texto))] == [PERIODO_FUERA_VENTANA]  # once, not per repetition


def test_un_semestre_que_no_ha_terminado() -> None:
    texto = avance(periodo="2026-S1", fecha="2026-06-29")
    problemas = _revisar(_archivo(texto), contexto(corte=dt.date(2026, 6, 29)))
    p = uno(problemas, PERIODO_FUTURO)
    assert en(p, "avances/2026-S1/MTPS.yaml", valor(texto, "periodo: 2026-S1"))
    assert ("el semestre 2026-S1 termina el 2026-06-30, después de la fecha de corte (2026-06-29): no se puede "
            "reportar un semestre que no ha terminado") in p.mensaje


def test_un_semestre_que_termina_el_dia_del_corte() -> None:
    texto = avance(periodo="2026-S1", fecha="2026-06-30")
    assert _revisar(_archivo(texto), contexto(corte=dt.date(2026, 6, 30))) == []


def test_una_fecha_de_reporte_antes_del_cierre() -> None:
    texto = avance(fecha="2025-06-29")
    p = uno(_revisar(_archivo(texto)), FECHA_ANTES_CIERRE)
    assert en(p, "avances/2025-S1/MTPS.yaml", valor(texto, "fecha_reporte: 2025-06-29"))
    assert ("la fecha del reporte (2025-06-29) es anterior al cierre del semestre 2025-S1 (2025-06-30); revise la "
            "fecha y el periodo: un semestre se informa después de su cierre") in p.mensaje


def test_una_fecha_de_reporte_el_dia_del_cierre() -> None:
    assert _revisar(_archivo(avance(fecha="2025-06-30"))) == []


def test_una_fecha_de_reporte_posterior_al_corte() -> None:
    texto = avance(fecha="2025-07-11")
    p = uno(_revisar(_archivo(texto), contexto(corte=dt.date(2025, 7, 10))), FECHA_FUTURA)
    assert en(p, "avances/2025-S1/MTPS.yaml", valor(texto, "fecha_reporte: 2025-07-11"))
    assert "la fecha del reporte (2025-07-11) es posterior a la fecha de corte (2025-07-10)" in p.mensaje


def test_una_fecha_de_reporte_el_dia_del_corte() -> None:
    assert _revisar(_archivo(avance(fecha="2025-07-10")), contexto(corte=dt.date(2025, 7, 10))) == []


def test_sin_plan_se_juzgan_las_fechas_pero_no_las_ventanas() -> None:
    sin_plan = contexto(corte=dt.date(2025, 7, 1), sin_plan=True)
    texto = avance(rep("1.1.2.a", 5), periodo="2024-S1", fecha="2025-07-02")
    assert [p.codigo for p in _revisar(_archivo(texto), sin_plan)] == [FECHA_FUTURA]
    texto = avance(periodo="2025-S2", fecha="2025-06-01")
    assert {p.codigo for p in _revisar(_archivo(texto), sin_plan)} == {PERIODO_FUTURO, FECHA_ANTES_CIERRE}


def test_el_semestre_0000_no_es_real() -> None:
    """«0000-S1» matches the pattern but has no dates: outside the plan, or, without one, not a real semester."""
    texto = avance(periodo="0000-S1", fecha="2025-07-10")
    assert [p.codigo for p in _revisar(_archivo(texto))] == [PERIODO_FUERA_VENTANA]
    [p] = _revisar(_archivo(texto), contexto(sin_plan=True))
    assert p.codigo == PERIODO_FUERA_VENTANA and "el periodo 0000-S1 no es un semestre real" in p.mensaje
