"""checks/plan_alineacion: every objective and principle named exists (PNI220), every activity has one (PNI221), a
proposed link says why (PNI222) and no list names one twice (PNI223)."""

from __future__ import annotations

from pni_cli.checks import plan_alineacion
from pni_cli.checks.plan_alineacion import (
    ACTIVIDAD_SIN_ALINEACION,
    ALINEACION_DESCONOCIDA,
    ALINEACION_REPETIDA,
    ALINEACION_SIN_RAZON,
)
from pni_cli.plan import Plan
from pni_cli.problemas import Severidad
from tests.unit.checks.conftest import ARCHIVO_EJE, EJE, PRINCIPIOS, de_codigo, en, lugar, plan_de, uno, valor

RUTA = f"plan/{ARCHIVO_EJE}"
ALINEADA = "        objetivos_pmm:\n          - objetivo: 1\n            origen: mecanismo\n"


def _alinear(actividad: str, lineas: str, texto: str = EJE) -> str:
    """The eje with the links of `actividad` (its objective 1) replaced by `lineas` (YAML at the activity's
    indentation; "" leaves it without any)."""
    antes = f'        indicadores:\n          - id: "{actividad}.a"'
    assert ALINEADA + antes in texto
    return texto.replace(ALINEADA + antes, lineas + antes)


def _con_objetivo_propio(objetivo: int, texto: str = EJE, indicador: str = "Número de personas atendidas") -> str:
    """The eje with an indicator (by its text; 1.1.1.a by default) linked to `objetivo` itself."""
    linea = f"            texto: {indicador}\n"
    assert linea in texto
    return texto.replace(linea, f"{linea}            objetivos_pmm:\n              - {{objetivo: {objetivo}, "
                                "origen: mecanismo}\n")


def _revisar(plan: Plan) -> list:
    return list(plan_alineacion.revisar(plan))


def _con(texto: str, principios: str | None = None) -> list:
    return _revisar(plan_de(ejes={ARCHIVO_EJE: texto}, principios=principios))


def test_el_plan_pequeno_esta_alineado() -> None:
    assert _revisar(plan_de()) == []
    assert _revisar(plan_de(principios=PRINCIPIOS)) == []


# --- PNI220: an objective or a principle that does not exist ----------------------------------------------------

def test_un_objetivo_que_no_existe() -> None:
    texto = _alinear("1.1.1", "        objetivos_pmm:\n          - objetivo: 24\n            origen: mecanismo\n")
    p = uno(_con(texto), ALINEACION_DESCONOCIDA)
    assert p.severidad is Severidad.ERROR and en(p, RUTA, valor(texto, "objetivo: 24"))
    assert p.mensaje == "el objetivo «24» de 1.1.1 no está en plan/objetivos-pmm.yaml: 1 a 1"


def test_el_objetivo_de_un_indicador_que_no_existe() -> None:
    texto = _con_objetivo_propio(0)
    p = uno(_con(texto), ALINEACION_DESCONOCIDA)
    assert en(p, RUTA, lugar(texto, "0, origen"))
    assert "el objetivo «0» de 1.1.1.a no está en plan/objetivos-pmm.yaml" in p.mensaje


def test_un_principio_que_no_existe() -> None:
    texto = _alinear("1.1.2", ALINEADA + "        principios_pmm:\n          - principio: P7\n"
                                         "            origen: mecanismo\n")
    p = uno(_con(texto, principios=PRINCIPIOS), ALINEACION_DESCONOCIDA)
    assert en(p, RUTA, valor(texto, "principio: P7"))
    assert p.mensaje == "el principio «P7» de 1.1.2 no está en plan/principios-pmm.yaml: P1 a P9"


def test_los_objetivos_y_principios_que_existen_no_se_senalan() -> None:
    texto = _alinear("1.1.2", ALINEADA + "        principios_pmm:\n          - principio: P9\n"
                                         "            origen: mecanismo\n")
    assert _con(texto, principios=PRINCIPIOS) == []


def test_sin_el_archivo_de_objetivos_se_dice_una_vez() -> None:
    """Three activities name objective 1: the missing file is said once, at the first link."""
    p = uno(_revisar(plan_de(objetivos=None)), ALINEACION_DESCONOCIDA)
    assert en(p, RUTA, valor(EJE, "objetivo: 1"))
    assert p.mensaje == ("1.1.1 se vincula con el objetivo 1 del PMM, pero falta plan/objetivos-pmm.yaml (los 23 "
                         "objetivos)")


def test_sin_el_archivo_de_principios() -> None:
    texto = _alinear("1.2.1", ALINEADA + "        principios_pmm:\n          - principio: P9\n"
                                         "            origen: mecanismo\n")
    p = uno(_con(texto), ALINEACION_DESCONOCIDA)
    assert en(p, RUTA, valor(texto, "principio: P9"))
    assert "1.2.1 se vincula con el principio P9 del PMM, pero falta plan/principios-pmm.yaml (los 10 principios " \
           "rectores)" in p.mensaje


def test_sin_archivo_de_principios_no_se_senala_si_nadie_nombra_un_principio() -> None:
    assert _revisar(plan_de(principios=None)) == []


def test_un_plan_de_la_cache_sin_objetivos_lo_dice_sin_linea() -> None:
    p = uno(_revisar(plan_de(objetivos=None, con_documentos=False)), ALINEACION_DESCONOCIDA)
    assert (p.archivo, p.linea, p.columna) == (RUTA, 0, 0)


# --- PNI221: an activity with no objective nor principle --------------------------------------------------------

def test_una_actividad_sin_objetivo_ni_principio() -> None:
    texto = _alinear("1.1.2", "")
    p = uno(_con(texto), ACTIVIDAD_SIN_ALINEACION)
    assert p.severidad is Severidad.AVISO and en(p, RUTA, valor(texto, 'id: "1.1.2"'))
    assert "la actividad 1.1.2 no tiene ningún objetivo ni principio del PMM: agregue «objetivos_pmm» (o " \
           "«principios_pmm», si es un medio de implementación del plan) con origen y razón" in p.mensaje


def test_un_principio_solo_alinea_una_actividad() -> None:
    """A means of implementation of the whole plan (the Mecanismo's meetings) follows a principle only."""
    texto = _alinear("1.1.2", "        principios_pmm:\n          - principio: P9\n            origen: mecanismo\n")
    assert _con(texto, principios=PRINCIPIOS) == []


def test_una_lista_vacia_en_un_indicador_no_alinea_su_actividad() -> None:
    """`objetivos_pmm: []` on an indicator says it measures no objective: its activity is still unlinked."""
    linea = "            texto: Meta que define la primera actividad\n"
    texto = _alinear("1.1.2", "")
    assert linea in texto
    texto = texto.replace(linea, f"{linea}            objetivos_pmm: []\n")
    assert "la actividad 1.1.2 no tiene ningún objetivo" in uno(_con(texto), ACTIVIDAD_SIN_ALINEACION).mensaje


def test_el_objetivo_de_un_indicador_alinea_su_actividad() -> None:
    texto = _con_objetivo_propio(1, _alinear("1.1.2", ""), "Meta que define la primera actividad")
    assert _con(texto) == []


# --- PNI222: a proposed link without its reason -----------------------------------------------------------------

def test_una_propuesta_sin_razon() -> None:
    texto = _alinear("1.2.1", "        objetivos_pmm:\n          - objetivo: 1\n            origen: propuesta\n")
    p = uno(_con(texto), ALINEACION_SIN_RAZON)
    assert p.severidad is Severidad.AVISO and en(p, RUTA, lugar(texto, "objetivo: 1\n            origen: propuesta"))
    assert "el vínculo propuesto de 1.2.1 con el objetivo 1 no dice por qué: agregue «razon» con las palabras de " \
           "la actividad que lo sostienen" in p.mensaje


def test_una_razon_en_blanco_no_es_una_razon() -> None:
    texto = _alinear("1.2.1", '        objetivos_pmm:\n          - {objetivo: 1, origen: propuesta, razon: "  "}\n')
    assert "1.2.1 con el objetivo 1" in uno(_con(texto), ALINEACION_SIN_RAZON).mensaje


def test_un_principio_propuesto_sin_razon() -> None:
    texto = _alinear("1.1.2", ALINEADA + "        principios_pmm:\n          - {principio: P1, origen: propuesta}\n")
    p = uno(_con(texto, principios=PRINCIPIOS), ALINEACION_SIN_RAZON)
    assert en(p, RUTA, lugar(texto, "{principio: P1"))
    assert "el vínculo propuesto de 1.1.2 con el principio P1 no dice por qué" in p.mensaje


def test_una_propuesta_con_razon_y_un_vinculo_confirmado_sin_ella() -> None:
    """Only a proposal needs its reason: the Mecanismo's confirmation (or the source) is the reason."""
    texto = _alinear("1.2.1", '        objetivos_pmm:\n          - objetivo: 1\n            origen: propuesta\n'
                              '            razon: "«Promedio de días de atención»"\n')
    assert _con(texto) == []
    assert "razon" not in EJE and _revisar(plan_de()) == []


# --- PNI223: the same objective or principle twice in one list --------------------------------------------------

def test_un_objetivo_repetido() -> None:
    texto = _alinear("1.1.1", ALINEADA + "          - objetivo: 1\n            origen: mecanismo\n")
    p = uno(_con(texto), ALINEACION_REPETIDA)
    assert p.severidad is Severidad.AVISO and en(p, RUTA, valor(texto, "objetivo: 1", vez=2))
    assert p.mensaje == "1.1.1 nombra dos veces el objetivo 1; deje un solo vínculo"


def test_un_principio_repetido() -> None:
    texto = _alinear("1.1.2", ALINEADA + "        principios_pmm:\n          - {principio: P9, origen: mecanismo}\n"
                                         "          - {principio: P9, origen: fuente}\n")
    p = uno(_con(texto, principios=PRINCIPIOS), ALINEACION_REPETIDA)
    assert en(p, RUTA, lugar(texto, "P9, origen: fuente"))
    assert "1.1.2 nombra dos veces el principio P9" in p.mensaje


def test_el_mismo_objetivo_en_la_actividad_y_en_su_indicador_no_se_repite() -> None:
    """An indicator's list replaces its activity's for that indicator: naming the same objective there is not a
    repetition."""
    texto = _con_objetivo_propio(1)
    assert _con(texto) == []


def test_un_objetivo_desconocido_y_repetido_da_los_dos_problemas() -> None:
    texto = _alinear("1.1.1", "        objetivos_pmm:\n          - {objetivo: 30, origen: mecanismo}\n"
                              "          - {objetivo: 30, origen: mecanismo}\n")
    problemas = _con(texto)
    assert len(de_codigo(problemas, ALINEACION_DESCONOCIDA)) == 2
    assert en(uno(problemas, ALINEACION_REPETIDA), RUTA, lugar(texto, "30", vez=2))
