"""pni_cli/lectura/estructura.py: the bounds on what one YAML file may hold are checked before anything is built,
refused at the place where they are passed, and the quick bound read off the text is a true upper bound."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pni_cli.lectura import cargar_yaml, estructura, yaml_rapido, yaml_referencia

CABECERA = "periodo: 2025-S1\ninstitucion: MTPS\nfecha_reporte: 2025-07-14\nreportes:\n"


def _problema(texto: str) -> tuple[int, int, str]:
    doc = cargar_yaml.cargar_texto(texto, "f.yaml")
    assert doc.datos is None and len(doc.problemas) == 1, doc.problemas
    p = doc.problemas[0]
    assert p.codigo == "PNI010"
    return p.linea, p.columna, p.mensaje


def test_mil_reportes_se_aceptan_y_el_siguiente_se_senala() -> None:
    reporte = '  - {indicador: "1.4.1.a", valor: 1}\n'
    assert cargar_yaml.cargar_texto(CABECERA + reporte * 1000, "f.yaml").problemas == []
    linea, columna, mensaje = _problema(CABECERA + reporte * 1001)
    assert (linea, columna) == (5 + 1000, 5)
    assert mensaje.startswith("la lista «reportes» tiene más de 1,000 elementos (aquí empieza el siguiente)")


def test_los_limites_de_elementos_y_valores_se_suben_con_su_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan of a thousand institutions is legitimate: the message names the variable, and the variable works."""
    reporte = '  - {indicador: "1.4.1.a", valor: 1}\n'
    texto = CABECERA + reporte * 1001
    assert "variable de entorno PNI_MAX_ELEMENTOS" in _problema(texto)[2]
    monkeypatch.setenv("PNI_MAX_ELEMENTOS", "2000")
    assert cargar_yaml.cargar_texto(texto, "f.yaml").problemas == []
    monkeypatch.setenv("PNI_MAX_ELEMENTOS", "500")
    assert "más de 500 elementos" in _problema(CABECERA + reporte * 501)[2]
    monkeypatch.delenv("PNI_MAX_ELEMENTOS")
    muchos = CABECERA + reporte * 900  # 900 elements, each of 5 values: over 2,000 values
    monkeypatch.setenv("PNI_MAX_VALORES", "2000")
    _, _, mensaje = _problema(muchos)
    assert "más de 2,000 valores" in mensaje and "PNI_MAX_VALORES" in mensaje


def test_un_mapeo_de_mas_de_mil_claves() -> None:
    texto = CABECERA + '  - indicador: "1.4.2.a"\n    valor: 1\n    desglose:\n      pais:\n' + "".join(
        f"        p{n}: 0\n" for n in range(1001))
    linea, columna, mensaje = _problema(texto)
    assert (linea, columna) == (9 + 1000, 9)
    assert mensaje.startswith("el mapeo «pais» tiene más de 1,000 claves")


def test_mas_de_veinte_mil_valores() -> None:
    evidencia = ", ".join("abcdefghijklmnopqr")
    reporte = f'  - {{indicador: "1.4.1.a", valor: 1, evidencia: [{evidencia}]}}\n'  # 1 + 4 + 2 + 18 values
    linea, _, mensaje = _problema(CABECERA + reporte * 999)
    assert mensaje.startswith("el archivo tiene más de 20,000 valores")
    assert linea == 4 + (20_001 - 9 + 24) // 25  # value 20,001: 9 values before the reports, 25 in each


def test_un_texto_de_mas_de_diez_mil_caracteres() -> None:
    largo = CABECERA + f'  - {{indicador: "1.4.1.a", valor: 1, observaciones: {"x" * 10_000}}}\n'
    assert cargar_yaml.cargar_texto(largo, "f.yaml").problemas == []
    linea, columna, mensaje = _problema(CABECERA + f"  - observaciones: '{'x' * 10_001}'\n")
    assert (linea, columna) == (5, 20)
    assert mensaje.startswith("un texto de 10,001 caracteres, y el máximo es 10,000")


@pytest.mark.parametrize("forzar_referencia", ["", "# R&D &x\n"])
def test_cinco_megabytes_de_reportes_diminutos_se_rechazan_enseguida(forzar_referencia: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """150,000 reports: refused at report 1,001 before any parser builds a thing, whichever parser would have read
    the file (a «&» sends it to ruamel's pure parser, 25 s for the whole file)."""
    texto = forzar_referencia + CABECERA + '- {indicador: "1.4.1.a", valor: 1}\n' * 150_000
    assert len(texto) > 5_000_000
    monkeypatch.setattr(yaml_rapido, "cargar", lambda *a: pytest.fail("construyó el documento"))
    monkeypatch.setattr(yaml_referencia, "cargar", lambda *a: pytest.fail("construyó el documento"))
    linea, _, mensaje = _problema(texto)
    assert "más de 1,000 elementos" in mensaje and linea == 1005 + bool(forzar_referencia)


def test_cuando_libyaml_se_detiene_cuenta_el_analizador_de_referencia() -> None:
    """A tab before a value stops libyaml at once; ruamel reads on, so the bound is still found."""
    texto = "a:\t1\n" + CABECERA + '  - {indicador: "1.4.1.a", valor: 1}\n' * 1001
    assert _problema(texto)[2].startswith("la lista «reportes» tiene más de 1,000 elementos")


def test_el_anidamiento_se_senala_donde_lo_senala_el_conversor() -> None:
    texto = CABECERA + "x: " + "[" * 600 + "]" * 600 + "\n" + "  - a\n" * 600
    linea, columna, mensaje = _problema(texto)
    assert (linea, columna) == (5, 3 + 41) and "más de 40 niveles de anidamiento" in mensaje  # level 41: «x» is 0


# --- the quick bound is an upper bound ---------------------------------------------------------------------------

def _nodos(texto: str) -> int | None:
    try:
        nodo = YAML(typ="safe", pure=True).compose(io.StringIO(texto))
    except Exception:
        return None
    vistos: list[Any] = [nodo] if nodo is not None else []
    n = 0
    while vistos:
        x = vistos.pop()
        n += 1
        valor = x.value
        if isinstance(valor, list):
            for hijo in valor:
                vistos.extend(hijo if isinstance(hijo, tuple) else [hijo])
    return n


ESCALARES = st.one_of(st.text(max_size=8), st.integers(), st.none(), st.booleans(), st.floats(allow_nan=False,
                                                                                                allow_infinity=False))
DATOS = st.recursive(ESCALARES, lambda h: st.one_of(st.lists(h, max_size=6), st.dictionaries(st.text(max_size=5), h,
                                                                                          max_size=6)),
                     max_leaves=40)


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(DATOS, st.sampled_from([None, True, False]))
def test_la_cota_nunca_queda_por_debajo_de_los_nodos(datos: Any, flujo: bool | None) -> None:
    y = YAML(typ="safe", pure=True)
    y.default_flow_style = flujo
    buf = io.StringIO()
    y.dump(datos, buf)
    texto = buf.getvalue()
    n = _nodos(texto)
    assume(n is not None)  # ruamel dumps some keys it cannot read back («{:0: null}»)
    assert n is not None and n <= estructura.cota(texto), texto


@pytest.mark.parametrize("texto", ["{a, b, c, d}\n", "[a, {b, c}, [d, e]]\n", "? a\n? b\n? c\n", "a:\nb:\nc:\n",
                                   "- - - - x\n", "- \n- \n- \n", "{? a, ? b}\n", "[a: b, c: d]\n", "a: {b: {c: {}}}\n",
                                   "- !!str\n- !!str\n", "x\n", "", "'a': \"b\"\n", '{"a":1,"b":2}\n'])
def test_la_cota_en_casos_escritos_a_mano(texto: str) -> None:
    n = _nodos(texto)
    assert n is None or n <= estructura.cota(texto), (texto, n)


def _mayor_coleccion(texto: str) -> int | None:
    """The number of elements of the largest list or mapping of `texto` (None if ruamel cannot read it)."""
    try:
        nodo = YAML(typ="safe", pure=True).compose(io.StringIO(texto))
    except Exception:
        return None
    vistos: list[Any] = [nodo] if nodo is not None else []
    mayor = 0
    while vistos:
        x = vistos.pop()
        if isinstance(x.value, list):
            mayor = max(mayor, len(x.value))
            for hijo in x.value:
                vistos.extend(hijo if isinstance(hijo, tuple) else [hijo])
    return mayor


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(DATOS, st.sampled_from([None, True, False]), st.sampled_from([2, 4]))
def test_la_cota_de_elementos_nunca_queda_por_debajo(datos: Any, flujo: bool | None, sangria: int) -> None:
    y = YAML(typ="safe", pure=True)
    y.default_flow_style = flujo
    y.indent(mapping=sangria, sequence=sangria + 2, offset=sangria)
    buf = io.StringIO()
    y.dump(datos, buf)
    texto = buf.getvalue()
    n = _mayor_coleccion(texto)
    assume(n is not None)
    assert n is not None and n <= estructura.cota_elementos(texto), texto


@pytest.mark.parametrize("texto", ["- - - - x\n", "- a: 1\n  b: 2\n  c: 3\n", "a:\n- 1\n- 2\n- 3\nb: 4\n",
                                   "[a, b,\n c, d]\n", "? a\n? b\n? c\n", "{a: 1, b: 2}\n", "- |\n  x\n  y\n- z\n",
                                   "a: b\nc: d\n", "x\n", ""])
def test_la_cota_de_elementos_en_casos_escritos_a_mano(texto: str) -> None:
    n = _mayor_coleccion(texto)
    assert n is None or n <= estructura.cota_elementos(texto), (texto, n)


def test_un_archivo_largo_de_lineas_cortas_no_se_recorre_entero(monkeypatch: pytest.MonkeyPatch) -> None:
    """A progress file of 900 lines at a few indentations is within every count by the quick bounds: only its
    texts' lengths are looked at, never every node counted."""
    texto = CABECERA + '  - indicador: "1.4.1.a"\n    valor: 1\n    observaciones: "texto corto"\n' * 300
    monkeypatch.setattr(estructura, "_con_libyaml", lambda *a: pytest.fail("recorrió cada nodo"))
    assert estructura.revisar(texto, "f.yaml", 40) is None


@pytest.mark.parametrize("rapido", [True, False])
def test_un_texto_o_una_clave_demasiado_largos_en_un_archivo_corto(rapido: bool,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Within every count, so only the fast path or the text walk can see it: refused at its place either way."""
    monkeypatch.setattr(yaml_rapido, "activo", lambda: rapido)
    for texto, lugar in ((CABECERA + f"  - observaciones: '{'x' * 10_001}'\n", (5, 20)),
                         (CABECERA + f"  - {'k' * 10_001}: 1\n", (5, 5))):
        assert _problema(texto)[:2] == lugar
