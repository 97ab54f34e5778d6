"""checks/plan_ids: unique ids, each built on its parent's, indicators lettered in order (PNI202, PNI203)."""

from __future__ import annotations

from pni_cli.checks import plan_ids
from pni_cli.checks.plan_ids import ID_DUPLICADO, ID_PREFIJO
from tests.unit.checks.conftest import ARCHIVO_EJE, EJE, de_codigo, en, lugar, plan_de, uno, valor

RUTA = f"plan/{ARCHIVO_EJE}"


def _revisar(texto: str = EJE, **otros: str) -> list:
    return list(plan_ids.revisar(plan_de(ejes={ARCHIVO_EJE: texto, **otros})))


def test_el_plan_pequeno_no_tiene_problemas() -> None:
    assert _revisar() == []


def test_un_id_repetido_se_senala_en_su_segunda_aparicion() -> None:
    texto = EJE.replace('id: "1.2.1"', 'id: "1.1.1"').replace('"1.2.1.a"', '"1.1.1.d"')
    p = uno(_revisar(texto), ID_DUPLICADO)
    assert en(p, RUTA, valor(texto, 'id: "1.1.1"', vez=2))
    primera = lugar(texto, 'id: "1.1.1"')[0]
    assert f"el id «1.1.1» ya se usa en {RUTA}, línea {primera}" in p.mensaje
    assert "cada elemento necesita un id propio" in p.mensaje


def test_un_id_repetido_en_otro_archivo_de_eje_nombra_el_primero() -> None:
    otro = EJE.replace('id: "1"', 'id: "2"', 1)  # eje 2 whose intervención keeps the id 1.1…
    problemas = _revisar(EJE, **{"eje-2-otro.yaml": otro})
    repetidos = de_codigo(problemas, ID_DUPLICADO)
    assert repetidos and all(p.archivo == "plan/eje-2-otro.yaml" for p in repetidos)
    assert f"ya se usa en {RUTA}" in repetidos[0].mensaje


def test_ids_que_se_parecen_no_son_repetidos() -> None:
    texto = EJE.replace('id: "1.2.1"', 'id: "1.2.10"').replace('"1.2.1.a"', '"1.2.10.a"')
    assert _revisar(texto) == []


def test_una_intervencion_fuera_de_su_eje() -> None:
    texto = EJE.replace('id: "1.2"', 'id: "2.2"')
    problemas = de_codigo(_revisar(texto), ID_PREFIJO)
    p = next(p for p in problemas if "intervención" in p.mensaje)
    assert en(p, RUTA, lugar(texto, '"2.2"'))
    assert "la intervención «2.2» está en el eje 1: su id debe empezar por «1.»" in p.mensaje


def test_una_actividad_fuera_de_su_intervencion() -> None:
    texto = EJE.replace('id: "1.2.1"', 'id: "1.10.1"').replace('"1.2.1.a"', '"1.10.1.a"')
    p = uno(_revisar(texto), ID_PREFIJO)
    assert en(p, RUTA, lugar(texto, '"1.10.1"'))
    assert "la actividad «1.10.1» está en la intervención 1.2: su id debe empezar por «1.2.»" in p.mensaje


def test_un_indicador_fuera_de_su_actividad_trae_la_pista() -> None:
    texto = EJE.replace('"1.1.2.a"', '"1.1.3.a"')
    p = uno(_revisar(texto), ID_PREFIJO)
    assert en(p, RUTA, lugar(texto, '"1.1.3.a"'))
    assert "el indicador «1.1.3.a» está en la actividad 1.1.2" in p.mensaje
    assert "(¿quiso decir 1.1.2.a?)" in p.mensaje


def test_las_letras_de_los_indicadores_van_en_orden() -> None:
    texto = EJE.replace('"1.1.1.b"', '"1.1.1.d"')
    p = uno(_revisar(texto), ID_PREFIJO)
    assert en(p, RUTA, lugar(texto, '"1.1.1.d"'))
    assert "se esperaba «1.1.1.b» y se encontró «1.1.1.d»" in p.mensaje


def test_prefijos_que_empiezan_igual_sin_ser_el_padre() -> None:
    """«1.10.1» starts with «1.1» but not with «1.1.»: it is not an activity of 1.1; «1.1.10» is."""
    bien = EJE.replace('id: "1.1.2"', 'id: "1.1.10"').replace('"1.1.2.a"', '"1.1.10.a"')
    assert _revisar(bien) == []
    mal = EJE.replace('id: "1.1.2"', 'id: "1.10.2"').replace('"1.1.2.a"', '"1.10.2.a"')
    assert [p.codigo for p in _revisar(mal)] == [ID_PREFIJO]


def test_sin_documentos_el_problema_va_al_archivo_entero() -> None:
    """A plan taken from the cache keeps no documents: the problem names the file, at line 0."""
    texto = EJE.replace('"1.1.1.b"', '"1.1.1.d"')
    p = uno(list(plan_ids.revisar(plan_de(ejes={ARCHIVO_EJE: texto}, con_documentos=False))), ID_PREFIJO)
    assert en(p, RUTA, (0, 0))
