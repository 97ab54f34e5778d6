"""checks/avance_reportes: each reported indicator exists (PNI301), is reported once (PNI311), by a responsible
institution (PNI304), with a meta already defined (PNI316) and a value that fits its meta type (PNI307, PNI308,
PNI313), a desglose that adds up (PNI309) and evidence for a finished hito (PNI310)."""

from __future__ import annotations

import pytest

from pni_cli.avance import ArchivoAvance
from pni_cli.checks import Contexto, avance_reportes
from pni_cli.checks.avance_reportes import (
    CONTEO_NO_ENTERO,
    DESGLOSE_NO_SUMA,
    FRACCION_COMO_PORCENTAJE,
    HITO_SIN_EVIDENCIA,
    INDICADOR_DESCONOCIDO,
    INDICADOR_REPETIDO,
    META_POR_DEFINIR,
    NO_RESPONSABLE,
    VALOR_NO_CUADRA,
)
from pni_cli.problemas import Severidad
from tests.unit.checks.conftest import archivo_de, avance, contexto, en, lugar, plan_de, rep, uno, valor

RUTA = "avances/2025-S1/MTPS.yaml"


def _revisar(texto: str, ctx: Contexto | None = None, ruta: str = RUTA) -> list:
    archivo: ArchivoAvance = archivo_de(texto, ruta)
    return list(avance_reportes.revisar(archivo, ctx or contexto()))


def test_reportes_correctos_no_tienen_problemas() -> None:
    texto = avance(rep("1.1.1.a", 10, desglose="{sexo: {mujeres: 4, hombres: 6}}"), rep("1.1.1.b", 75),
                   rep("1.1.1.c", 100, evidencia="[acta-2025.pdf]", estado="completada"), rep("1.2.1.a", 4.5))
    assert _revisar(texto) == []


# --- the indicator ------------------------------------------------------------------------------------------------

def test_un_indicador_que_no_existe_con_los_de_su_actividad() -> None:
    texto = avance(rep("1.1.1.z", 1))
    p = uno(_revisar(texto), INDICADOR_DESCONOCIDO)
    assert en(p, RUTA, lugar(texto, '"1.1.1.z"'))
    assert ("el indicador «1.1.1.z» no existe en el plan; ¿quiso decir 1.1.1.a o 1.1.1.b o 1.1.1.c? (los indicadores "
            "de la actividad 1.1.1)") in p.mensaje


def test_un_indicador_de_una_actividad_que_no_existe() -> None:
    cercano = uno(_revisar(avance(rep("1.1.3.a", 1))), INDICADOR_DESCONOCIDO)
    assert cercano.mensaje.endswith("; ¿quiso decir 1.1.2.a o 1.1.1.a o 1.2.1.a?")
    lejano = uno(_revisar(avance(rep("7.7.7.q", 1))), INDICADOR_DESCONOCIDO)
    assert lejano.mensaje == "el indicador «7.7.7.q» no existe en el plan"


def test_sugerir_indicador_para_el_id_de_una_actividad() -> None:
    """An activity's id fails the schema's pattern first; `pni validar` adds this hint to that problem."""
    pista = avance_reportes.sugerir_indicador(plan_de(), "1.1.1")
    assert pista == "; «1.1.1» es una actividad: indique uno de sus indicadores (1.1.1.a, 1.1.1.b, 1.1.1.c)"


def test_un_indicador_repetido() -> None:
    texto = avance(rep("1.1.1.a", 1), rep("1.1.1.b", 50), rep("1.1.1.a", 2))
    p = uno(_revisar(texto), INDICADOR_REPETIDO)
    assert en(p, RUTA, lugar(texto, '"1.1.1.a"', vez=2))
    primera = lugar(texto, "- indicador")[0]
    assert (f"el indicador 1.1.1.a ya se reportó en este archivo (línea {primera}); reúna los valores en un solo "
            "reporte") in p.mensaje


def test_un_indicador_de_una_actividad_de_la_que_no_es_responsable() -> None:
    texto = avance(rep("1.1.1.a", 1), institucion="DGME")
    p = uno(_revisar(texto, ruta="avances/2025-S1/DGME.yaml"), NO_RESPONSABLE)
    assert p.severidad is Severidad.AVISO
    assert en(p, "avances/2025-S1/DGME.yaml", lugar(texto, '"1.1.1.a"'))
    assert ("DGME no figura entre los responsables de la actividad 1.1.1 (MTPS); el reporte se cuenta "
            "igualmente") in p.mensaje


def test_cada_responsable_de_una_actividad_compartida_reporta_sin_aviso() -> None:
    assert _revisar(avance(rep("1.2.1.a", 3))) == []
    assert _revisar(avance(rep("1.2.1.a", 3), institucion="DGME"), ruta="avances/2025-S1/DGME.yaml") == []


def test_una_institucion_desconocida_no_recibe_el_aviso_de_responsable() -> None:
    """Its own problem (PNI302) is avance_archivo's; one problem per mistake."""
    assert _revisar(avance(rep("1.1.1.a", 1), institucion="XYZ"), ruta="avances/2025-S1/XYZ.yaml") == []


def test_una_meta_por_definir() -> None:
    texto = avance(rep("1.1.2.a", 3), institucion="DGME")
    p = uno(_revisar(texto, ruta="avances/2025-S1/DGME.yaml"), META_POR_DEFINIR)
    assert p.severidad is Severidad.AVISO and en(p, "avances/2025-S1/DGME.yaml", lugar(texto, '"1.1.2.a"'))
    assert "la meta de 1.1.2.a está por definir (en la actividad 1.1.1); el valor se guarda pero no se evalúa" \
        in p.mensaje


# --- the value ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("indicador", "valor_", "palabras"), [
    ("1.1.1.a", -5, "valor negativo (-5): un avance no puede ser menor que cero"),
    ("1.1.1.a", 2 * 10**12, "el valor 2e+12 no es plausible (más de un billón, 10^12): revise si sobran cifras"),
    ("1.1.1.b", 150, "un porcentaje va de 0 a 100 y el valor es 150"),
    ("1.1.1.c", 101, "el avance de un hito va de 0 a 100 y el valor es 101"),
])
def test_un_valor_que_no_cuadra_con_la_meta(indicador: str, valor_: int, palabras: str) -> None:
    texto = avance(rep(indicador, valor_, evidencia="[acta.pdf]"))
    p = uno(_revisar(texto), VALOR_NO_CUADRA)
    assert en(p, RUTA, valor(texto, f"valor: {valor_}"))
    assert palabras in p.mensaje


def test_un_hito_completado_que_no_vale_100() -> None:
    texto = avance(rep("1.1.1.c", 50, estado="completada"))
    p = uno(_revisar(texto), VALOR_NO_CUADRA)
    assert en(p, RUTA, valor(texto, "estado: completada"))
    assert "estado «completada» pero el avance del hito es 50; un hito completado vale 100" in p.mensaje


@pytest.mark.parametrize(("indicador", "valor_"), [("1.1.1.a", 0), ("1.1.1.a", 10**12), ("1.1.1.b", 100),
                                                  ("1.1.1.c", 0), ("1.2.1.a", 1000)])
def test_valores_en_el_limite_cuadran(indicador: str, valor_: int) -> None:
    assert _revisar(avance(rep(indicador, valor_))) == []


def test_un_porcentaje_escrito_como_fraccion() -> None:
    texto = avance(rep("1.1.1.b", 0.75))
    p = uno(_revisar(texto), FRACCION_COMO_PORCENTAJE)
    assert p.severidad is Severidad.AVISO and en(p, RUTA, valor(texto, "valor: 0.75"))
    assert "0.75 parece una fracción: un porcentaje se escribe de 0 a 100 (¿quiso decir 75?)" in p.mensaje


@pytest.mark.parametrize("valor_", [1, 1.5, 0])
def test_un_porcentaje_que_no_es_una_fraccion(valor_: float) -> None:
    assert _revisar(avance(rep("1.1.1.b", valor_))) == []


def test_un_hito_completado_sin_evidencia() -> None:
    texto = avance(rep("1.1.1.c", 100))
    p = uno(_revisar(texto), HITO_SIN_EVIDENCIA)
    assert en(p, RUTA, valor(texto, "valor: 100"))
    assert "hito completado (100) sin evidencia: agregue en «evidencia» el enlace" in p.mensaje


def test_un_hito_sin_terminar_no_necesita_evidencia() -> None:
    assert _revisar(avance(rep("1.1.1.c", 99))) == []


def test_un_conteo_con_decimales() -> None:
    texto = avance(rep("1.1.1.a", 5.5))
    p = uno(_revisar(texto), CONTEO_NO_ENTERO)
    assert p.severidad is Severidad.AVISO and en(p, RUTA, valor(texto, "valor: 5.5"))
    assert "5.5 personas: un conteo suele ser un número entero" in p.mensaje


def test_un_conteo_escrito_con_punto_cero_y_un_promedio_con_decimales() -> None:
    assert _revisar(avance(rep("1.1.1.a", "5.0"), rep("1.2.1.a", 4.5))) == []


# --- the desglose -------------------------------------------------------------------------------------------------

def test_un_desglose_que_no_suma_el_valor() -> None:
    texto = avance(rep("1.1.1.a", 10, desglose="{sexo: {mujeres: 4, hombres: 5}, edad: {adultos: 10}}"))
    p = uno(_revisar(texto), DESGLOSE_NO_SUMA)
    assert en(p, RUTA, lugar(texto, "{mujeres"))
    assert "el desglose por sexo suma 9 y el valor es 10; deben coincidir (diferencia: -1)" in p.mensaje


@pytest.mark.parametrize(("partes", "palabras"), [
    ("{mujeres: -1, hombres: 11}", "el desglose por sexo tiene valores negativos"),
    ("{mujeres: 2000000000000, hombres: 0}", "el desglose por sexo tiene valores de más de un billón (10^12)"),
])
def test_un_desglose_con_valores_imposibles(partes: str, palabras: str) -> None:
    assert palabras in uno(_revisar(avance(rep("1.1.1.a", 10, desglose=f"{{sexo: {partes}}}"))),
                           DESGLOSE_NO_SUMA).mensaje


def test_solo_el_desglose_de_un_conteo_debe_sumar() -> None:
    """A percentage or an average split by sex is a level per group: its parts do not add up to it."""
    assert _revisar(avance(rep("1.1.1.b", 60, desglose="{sexo: {mujeres: 70, hombres: 50}}"))) == []
    assert _revisar(avance(rep("1.1.1.a", 0.3, desglose="{sexo: {mujeres: 0.1, hombres: 0.2}}"))) == \
        [p for p in _revisar(avance(rep("1.1.1.a", 0.3))) if p.codigo == CONTEO_NO_ENTERO]


# --- without a plan -----------------------------------------------------------------------------------------------

def test_sin_plan_no_se_juzga_ningun_reporte() -> None:
    texto = avance(rep("7.7.7.q", -5), rep("7.7.7.q", 1))
    assert _revisar(texto, contexto(sin_plan=True)) == []
