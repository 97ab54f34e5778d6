"""checks/avance_narrativa: the logros, dificultades and próximos pasos of a progress file name an activity of the
plan (PNI330), of which the institution is a responsable (PNI331), active in the semester (PNI332), once per file
(PNI333)."""

from __future__ import annotations

from pni_cli.checks import Contexto, avance_narrativa
from pni_cli.checks.avance_narrativa import (
    ACTIVIDAD_DESCONOCIDA,
    NARRATIVA_FUERA_DE_PERIODO,
    NARRATIVA_NO_RESPONSABLE,
    NARRATIVA_REPETIDA,
)
from pni_cli.problemas import Severidad
from tests.unit.checks.conftest import archivo_de, avance, contexto, en, lugar, rep, uno, valor

RUTA = "avances/2025-S1/MTPS.yaml"


def nar(actividad: str, **textos: str) -> str:
    """One entry of `actividades`, as YAML lines (by default with its logros)."""
    textos = textos or {"logros": "Ferias de empleo en cuatro departamentos."}
    return "\n".join([f'  - actividad: "{actividad}"', *(f"    {k}: {v}" for k, v in textos.items())]) + "\n"


def texto_con(*entradas: str, **archivo: str) -> str:
    """A progress file with one report and these entries of `actividades` (`nar`)."""
    return avance(rep("1.2.1.a", 4), **archivo) + "actividades:\n" + "".join(entradas)


def _revisar(texto: str, ruta: str = RUTA, ctx: Contexto | None = None, con_documento: bool = True) -> list:
    return list(avance_narrativa.revisar(archivo_de(texto, ruta, con_documento), ctx or contexto()))


def test_la_narrativa_de_sus_actividades_no_tiene_problemas() -> None:
    texto = texto_con(nar("1.1.1"), nar("1.2.1", dificultades="Falta de transporte.", proximos_pasos="Acordar."))
    assert _revisar(texto) == []


def test_sin_narrativa_o_sin_plan_no_hay_nada_que_revisar() -> None:
    assert _revisar(avance(rep("1.2.1.a", 4))) == []
    assert _revisar(texto_con(nar("9.9.9"), nar("9.9.9")), ctx=contexto(sin_plan=True)) == []


# --- PNI330: an activity that does not exist --------------------------------------------------------------------

def test_una_actividad_que_no_existe_con_las_parecidas_de_la_institucion() -> None:
    texto = texto_con(nar("1.1.1"), nar("1.1.9"))
    p = uno(_revisar(texto), ACTIVIDAD_DESCONOCIDA)
    assert p.severidad is Severidad.ERROR and en(p, RUTA, lugar(texto, '"1.1.9"'))
    assert p.mensaje.startswith("la actividad «1.1.9» no existe en el plan; ¿quiso decir 1.1.1")
    assert "1.1.2" not in p.mensaje  # DGME's activity: MTPS's own come first


def test_una_actividad_lejana_de_todas_no_sugiere_nada() -> None:
    p = uno(_revisar(texto_con(nar("7.7.7"))), ACTIVIDAD_DESCONOCIDA)
    assert p.mensaje == "la actividad «7.7.7» no existe en el plan"


def test_una_actividad_que_no_existe_no_recibe_mas_avisos() -> None:
    """One problem per mistake: no «no es responsable» nor «repetida» for an id that is not of the plan."""
    problemas = _revisar(texto_con(nar("1.1.9"), nar("1.1.9")))
    assert [p.codigo for p in problemas] == [ACTIVIDAD_DESCONOCIDA, ACTIVIDAD_DESCONOCIDA]


# --- PNI331: an activity of which the institution is not a responsable ------------------------------------------

def test_la_narrativa_de_una_actividad_de_otra_institucion() -> None:
    ruta = "avances/2025-S1/DGME.yaml"
    texto = texto_con(nar("1.1.1"), institucion="DGME")
    p = uno(_revisar(texto, ruta), NARRATIVA_NO_RESPONSABLE)
    assert p.severidad is Severidad.AVISO and en(p, ruta, lugar(texto, '"1.1.1"'))
    assert p.mensaje == ("DGME no figura entre los responsables de la actividad 1.1.1 (MTPS); el texto se guarda y "
                         "se muestra con el nombre de DGME")


def test_cada_responsable_de_una_actividad_compartida_la_narra_sin_aviso() -> None:
    assert _revisar(texto_con(nar("1.2.1"), institucion="DGME"), "avances/2025-S1/DGME.yaml") == []
    assert _revisar(texto_con(nar("1.2.1"))) == []


def test_una_variante_del_nombre_es_la_misma_institucion() -> None:
    """MPTS, the source's variant, is MTPS: the responsable of 1.1.1."""
    assert _revisar(texto_con(nar("1.1.1"), institucion="MPTS")) == []


def test_una_institucion_desconocida_no_recibe_el_aviso_de_responsable() -> None:
    """Its own problem (PNI302) is avance_archivo's."""
    assert _revisar(texto_con(nar("1.1.1"), institucion="XYZ"), "avances/2025-S1/XYZ.yaml") == []


# --- PNI332: an activity that is not under way in the semester --------------------------------------------------

def test_la_narrativa_de_una_actividad_fuera_de_su_periodo() -> None:
    ruta = "avances/2024-S2/DGME.yaml"
    texto = texto_con(nar("1.1.2"), institucion="DGME", periodo="2024-S2", fecha="2025-01-10")
    p = uno(_revisar(texto, ruta), NARRATIVA_FUERA_DE_PERIODO)
    assert p.severidad is Severidad.AVISO and en(p, ruta, lugar(texto, '"1.1.2"'))
    assert p.mensaje == ("la actividad 1.1.2 tiene periodo «2025» (2025-S1 a 2025-S2): no se espera nada de ella en "
                         "2024-S2; el texto se guarda igualmente")


def test_la_narrativa_en_el_primer_y_el_ultimo_semestre_de_la_actividad() -> None:
    for periodo, fecha in (("2025-S1", "2025-07-10"), ("2025-S2", "2026-01-10")):
        texto = texto_con(nar("1.1.2"), institucion="DGME", periodo=periodo, fecha=fecha)
        assert _revisar(texto, f"avances/{periodo}/DGME.yaml") == []


def test_no_responsable_y_fuera_de_periodo_a_la_vez() -> None:
    texto = texto_con(nar("1.1.2"), periodo="2026-S1", fecha="2026-07-10")
    codigos = [p.codigo for p in _revisar(texto, "avances/2026-S1/MTPS.yaml")]
    assert codigos == [NARRATIVA_NO_RESPONSABLE, NARRATIVA_FUERA_DE_PERIODO]


# --- PNI333: the same activity twice ----------------------------------------------------------------------------

def test_una_actividad_dos_veces() -> None:
    texto = texto_con(nar("1.1.1"), nar("1.2.1"), nar("1.1.1", dificultades="Otra entrada."))
    p = uno(_revisar(texto), NARRATIVA_REPETIDA)
    assert p.severidad is Severidad.AVISO and en(p, RUTA, lugar(texto, '"1.1.1"', vez=2))
    primera = valor(texto, 'actividad: "1.1.1"')[0]
    assert p.mensaje == (f"la actividad 1.1.1 ya tiene logros, dificultades o próximos pasos en este archivo "
                         f"(línea {primera}); reúna los textos en una sola entrada (se muestran los dos)")


def test_la_repeticion_se_dice_una_vez_por_entrada_repetida_y_sin_mas_avisos() -> None:
    """The second entry is not checked again for responsable or period (its first one was)."""
    texto = texto_con(nar("1.1.1"), nar("1.1.1"), nar("1.1.1"), institucion="DGME")
    codigos = [p.codigo for p in _revisar(texto, "avances/2025-S1/DGME.yaml")]
    assert codigos == [NARRATIVA_NO_RESPONSABLE, NARRATIVA_REPETIDA, NARRATIVA_REPETIDA]


def test_una_repeticion_en_un_archivo_de_la_cache_no_dice_linea() -> None:
    p = uno(_revisar(texto_con(nar("1.1.1"), nar("1.1.1")), con_documento=False), NARRATIVA_REPETIDA)
    assert (p.archivo, p.linea, p.columna) == (RUTA, 0, 0)
    assert "en este archivo; reúna" in p.mensaje
