"""The YAML loader: plain values with their line and column, and every YAML trap refused with a located,
Spanish problem instead of an exception (or, worse, a silently wrong value)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from pni_cli.lectura import archivos as lectura
from pni_cli.lectura import yaml_referencia
from pni_cli.lectura.archivos import limite
from pni_cli.lectura.cargar_yaml import cargar_bytes, cargar_texto, leer_archivo
from pni_cli.lectura.documento import Documento
from pni_cli.lectura.escalares import Rechazo
from pni_cli.lectura.traduccion_pydantic import a_modelo as validar
from pni_cli.modelos import Avance
from pni_cli.problemas import Problema

VALIDO = """\
periodo: 2025-S1
institucion: MTPS
fecha_reporte: 2025-07-14
reportes:
  - indicador: "1.4.2.a"
    valor: 15
    desglose:
      sexo: {mujeres: 7, hombres: 8}
    estado: en_curso
    evidencia: [https://example.org/x]
"""

# A Spanish message has Spanish function words and none of the parser's or pydantic's English.
PALABRAS_ES = {"el", "la", "los", "las", "de", "del", "que", "un", "una", "no", "hay", "es", "se", "en", "con", "por",
               "falta", "sin", "archivo"}
INGLES = ("while ", "found ", "expected ", "could not", "input should", "traceback", "error:", "not allowed",
          "unacceptable", "in \"<")


def cargar(texto: str | bytes) -> Documento:
    datos = texto if isinstance(texto, bytes) else texto.encode("utf-8")
    return cargar_bytes(datos, "avances/2025-S1/MTPS.yaml")


def unico(doc: Documento) -> Problema:
    assert len(doc.problemas) == 1, doc.problemas
    return doc.problemas[0]


def es_espanol(mensaje: str) -> bool:
    bajo = mensaje.lower()
    return bool(PALABRAS_ES & set(re.findall(r"\w+", bajo))) and not any(e in bajo for e in INGLES)


def assert_problema(doc: Documento, codigo: str, linea: int, columna: int, *fragmentos: str) -> Problema:
    p = unico(doc)
    assert (p.codigo, p.linea, p.columna) == (codigo, linea, columna), p
    assert p.archivo == "avances/2025-S1/MTPS.yaml"
    assert es_espanol(p.mensaje), p.mensaje
    for f in fragmentos:
        assert f in p.mensaje, (f, p.mensaje)
    return p


# --- a valid file ------------------------------------------------------------------------------------------

def test_archivo_valido_sin_problemas_y_con_valores_planos() -> None:
    doc = cargar(VALIDO)
    assert doc.problemas == []
    assert doc.datos == {
        "periodo": "2025-S1",
        "institucion": "MTPS",
        "fecha_reporte": dt.date(2025, 7, 14),
        "reportes": [{"indicador": "1.4.2.a", "valor": 15, "desglose": {"sexo": {"mujeres": 7, "hombres": 8}},
                      "estado": "en_curso", "evidencia": ["https://example.org/x"]}],
    }
    assert type(doc.datos["fecha_reporte"]) is dt.date


def test_posiciones_de_valores_y_claves_anidados() -> None:
    doc = cargar(VALIDO)
    # values
    assert doc.posiciones[("periodo",)] == (1, 10)
    assert doc.posiciones[("fecha_reporte",)] == (3, 16)
    assert doc.posiciones[("reportes",)] == (5, 3)
    assert doc.posiciones[("reportes", 0)] == (5, 5)
    assert doc.posiciones[("reportes", 0, "indicador")] == (5, 16)
    assert doc.posiciones[("reportes", 0, "valor")] == (6, 12)
    assert doc.posiciones[("reportes", 0, "desglose", "sexo")] == (8, 13)
    assert doc.posiciones[("reportes", 0, "desglose", "sexo", "mujeres")] == (8, 23)
    assert doc.posiciones[("reportes", 0, "desglose", "sexo", "hombres")] == (8, 35)
    assert doc.posiciones[("reportes", 0, "evidencia", 0)] == (10, 17)
    # keys
    assert doc.claves[("institucion",)] == (2, 1)
    assert doc.claves[("reportes", 0, "estado")] == (9, 5)
    assert doc.claves[("reportes", 0, "desglose", "sexo", "hombres")] == (8, 26)
    # `donde` falls back to the nearest known ancestor, and the key when asked for
    assert doc.donde(("reportes", 0, "observaciones")) == (5, 5)
    assert doc.donde(("reportes", 0, "estado"), clave=True) == (9, 5)
    p = doc.problema("PNI104", ("reportes", 0, "valor"), "mensaje")
    assert (p.archivo, p.linea, p.columna) == ("avances/2025-S1/MTPS.yaml", 6, 12)


def test_el_modelo_acepta_el_archivo_valido() -> None:
    avance, problemas = validar(cargar(VALIDO), Avance)
    assert problemas == []
    assert avance is not None and avance.reportes[0].desglose == {"sexo": {"mujeres": 7, "hombres": 8}}


def test_leer_archivo_desde_disco(tmp_path: Path) -> None:
    ruta = tmp_path / "MTPS.yaml"
    ruta.write_text(VALIDO, encoding="utf-8")
    doc = leer_archivo(ruta, "avances/2025-S1/MTPS.yaml")
    assert doc.problemas == [] and doc.datos["institucion"] == "MTPS"
    assert doc.archivo == "avances/2025-S1/MTPS.yaml"


def test_archivo_inexistente_es_pni012(tmp_path: Path) -> None:
    doc = leer_archivo(tmp_path / "no-existe.yaml", "avances/2025-S1/MTPS.yaml")
    p = assert_problema(doc, "PNI012", 0, 0, "no se puede leer el archivo: no existe")
    assert doc.datos is None and p.severidad.value == "error"


def test_una_carpeta_no_es_un_archivo(tmp_path: Path) -> None:
    (tmp_path / "MTPS.yaml").mkdir()
    doc = leer_archivo(tmp_path / "MTPS.yaml", "avances/2025-S1/MTPS.yaml")
    assert_problema(doc, "PNI012", 0, 0, "es una carpeta")


# --- empty, wrong top level ----------------------------------------------------------------------------------

@pytest.mark.parametrize("texto", ["", "\n\n   \n", "# solo un comentario\n# y otro\n", "\ufeff# BOM y comentario\n"])
def test_archivo_vacio_o_solo_comentarios(texto: str) -> None:
    doc = cargar(texto)
    assert_problema(doc, "PNI006", 1, 1, "vacío")
    assert doc.datos is None


@pytest.mark.parametrize("texto", ["---\n", "# nada\n---\n...\n", "~\n", "null\n"])
def test_documento_nulo_no_pasa_por_valido(texto: str) -> None:
    """A file holding only «---» (or a null) has no data: it must be reported, not silently skipped."""
    doc = cargar(texto)
    p = unico(doc)
    assert p.codigo == "PNI006" and p.linea >= 1 and es_espanol(p.mensaje)
    assert validar(doc, Avance) == (None, [])


@pytest.mark.parametrize(("texto", "describe"), [("- a\n- b\n", "una lista"), ("hola\n", "un texto"),
                                                  ("42\n", "un número")])
def test_lista_o_escalar_arriba_es_error_de_esquema(texto: str, describe: str) -> None:
    doc = cargar(texto)
    assert doc.problemas == []
    avance, problemas = validar(doc, Avance)
    assert avance is None
    assert len(problemas) == 1
    p = problemas[0]
    assert (p.codigo, p.linea, p.columna) == ("PNI103", 1, 1)
    assert "se esperaba un mapeo" in p.mensaje and describe in p.mensaje


# --- duplicate keys, tabs, syntax ----------------------------------------------------------------------------

def test_clave_duplicada_senala_la_segunda_y_nombra_la_primera() -> None:
    doc = cargar("periodo: 2025-S1\ninstitucion: MTPS\nperiodo: 2025-S2\n")
    assert_problema(doc, "PNI002", 3, 1, "«periodo»", "línea 1")
    assert doc.datos["periodo"] == "2025-S1"  # the first one is kept, the second is reported


def test_clave_duplicada_anidada() -> None:
    texto = VALIDO.replace("    estado: en_curso\n", "    estado: en_curso\n    valor: 16\n")
    doc = cargar(texto)
    assert_problema(doc, "PNI002", 10, 5, "«valor»", "línea 6")


def test_clave_duplicada_con_comillas_es_la_misma() -> None:
    doc = cargar("institucion: MTPS\n'institucion': DGME\n")
    assert_problema(doc, "PNI002", 2, 1, "línea 1")


@pytest.mark.parametrize(("texto", "linea", "col"), [
    ("reportes:\n\t- indicador: x\n", 2, 1),
    ("periodo: 2025-S1\nreportes:\n  - indicador: x\n\t valor: 1\n", 4, 1),
])
def test_tabulador_para_sangrar(texto: str, linea: int, col: int) -> None:
    assert_problema(cargar(texto), "PNI003", linea, col, "tabulador", "espacios")


@pytest.mark.parametrize(("texto", "linea", "col", "que"), [
    ('periodo: 2025-S1\ninstitucion: "MTPS\nfecha_reporte: 2025-07-14\n', 2, 14, "comillas"),
    ("periodo: 2025-S1\ninstitucion: 'MTPS\nfecha_reporte: 2025-07-14\n", 2, 14, "comillas"),
    ("periodo: 2025-S1\nevidencia: [a, b\nfecha_reporte: 2025-07-14\n", 2, 12, "«[»"),
    ("evidencia: [a, b", 1, 12, "«[»"),
    ("periodo: 2025-S1\nsexo: {mujeres: 7, hombres: 8\nfecha_reporte: 2025-07-14\n", 2, 7, "«{»"),
    ("  desglose:\n    sexo: {mujeres: 7,\n", 2, 11, "«{»"),
])
def test_comillas_corchetes_y_llaves_sin_cerrar_apuntan_a_la_apertura(texto: str, linea: int, col: int,
                                                                      que: str) -> None:
    assert_problema(cargar(texto), "PNI001", linea, col, que, "sin cerrar")


def test_comillas_sin_cerrar_con_mas_comillas_despues() -> None:
    """YAML reads on to the next quote, lines below, and fails there: the problem is where the quote opens."""
    doc = cargar(VALIDO.replace("institucion: MTPS", 'institucion: "MTPS'))
    assert_problema(doc, "PNI001", 2, 14, "comillas sin cerrar", "línea 5")


def test_texto_entre_comillas_de_varias_lineas_no_es_el_culpable() -> None:
    doc = cargar('observaciones: "uno\n  dos"\nevidencia: [1\n')
    assert_problema(doc, "PNI001", 3, 12, "«[»")
    doc = cargar('observaciones: "uno\n  dos"\nvalor: 1\n')
    assert doc.problemas == [] and doc.datos["observaciones"] == "uno dos"


@pytest.mark.parametrize(("texto", "linea", "col", "fragmento"), [
    ("observaciones: nota: con dos puntos\n", 1, 20, "comillas"),
    ("a:\n  b: 1\n c: 2\n", 3, 2, "sangría"),
    ('observaciones: "ruta C:\\q"\n', 1, 25, "escape"),
])
def test_otros_errores_de_sintaxis_explicados(texto: str, linea: int, col: int, fragmento: str) -> None:
    assert_problema(cargar(texto), "PNI001", linea, col, fragmento)


@pytest.mark.parametrize(("texto", "linea"), [("a: 1\n---\nb: 2\n", 3), ("---\na: 1\n---\nb: 2\n", 4),
                                              ("a: 1\n---\n", 3)])
def test_varios_documentos(texto: str, linea: int) -> None:
    doc = assert_problema(cargar(texto), "PNI008", linea, 1, "más de un documento", "---")
    assert doc is not None


def test_un_solo_documento_con_marcas_es_valido() -> None:
    doc = cargar("---\n" + VALIDO + "...\n")
    assert doc.problemas == [] and doc.datos["institucion"] == "MTPS"


# --- encodings ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("datos", [VALIDO.encode("utf-16"), b"\xfe\xff" + VALIDO.encode("utf-16-be"),
                                   b"\xff\xfe" + VALIDO.encode("utf-16-le")])
def test_utf16_con_bom(datos: bytes) -> None:
    doc = assert_problema(cargar(datos), "PNI007", 1, 1, "UTF-16", "UTF-8")
    assert doc is not None


def test_utf16_sin_bom_se_delata_por_los_bytes_nulos() -> None:
    assert_problema(cargar(VALIDO.encode("utf-16-le")), "PNI007", 1, 2, "bytes nulos")


def test_latin1_con_linea_y_columna() -> None:
    datos = (VALIDO + "    observaciones: Año de diseño\n").encode("latin-1")
    assert_problema(cargar(datos), "PNI007", 11, 21, "0xf1", "Latin-1", "UTF-8")


def test_byte_nulo_con_linea_y_columna() -> None:
    datos = VALIDO.encode().replace(b"institucion: MTPS", b"institucion: MT\x00PS")
    assert_problema(cargar(datos), "PNI007", 2, 16, "bytes nulos")


def test_columna_en_caracteres_no_en_bytes() -> None:
    """«ñ» is two bytes in UTF-8 but one column in an editor."""
    datos = "reportado_por: Año\x00\n".encode()
    assert_problema(cargar(datos), "PNI007", 1, 19, "bytes nulos")
    datos = "reportado_por: Año ".encode() + "ñ".encode("latin-1")
    assert_problema(cargar(datos), "PNI007", 1, 20, "Latin-1")


def test_caracter_de_control_con_linea_y_columna() -> None:
    datos = VALIDO.encode().replace(b"institucion: MTPS", b"institucion: MT\x07PS")
    assert_problema(cargar(datos), "PNI007", 2, 16, "U+0007")


def test_medio_par_sustituto_no_llega_a_los_datos() -> None:
    """«"\\ud800"» is valid YAML but cannot be printed nor saved as UTF-8."""
    doc = cargar(VALIDO.replace("institucion: MTPS", 'institucion: "MT\\ud800PS"'))
    assert_problema(doc, "PNI007", 2, 14, "\\u")


def test_bom_utf8_se_acepta() -> None:
    doc = cargar(b"\xef\xbb\xbf" + VALIDO.encode("utf-8"))
    assert doc.problemas == []
    assert "periodo" in doc.datos and doc.posiciones[("periodo",)] == (1, 10)


def test_texto_utf8_con_acentos() -> None:
    doc = cargar(VALIDO + "reportado_por: Dirección de Planificación — año 2025 ñ\n")
    assert doc.problemas == [] and doc.datos["reportado_por"].endswith("año 2025 ñ")


# --- scalars: what YAML would misread ---------------------------------------------------------------------------

def test_yes_no_on_off_siguen_siendo_texto() -> None:
    doc = cargar("a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: Yes\nh: NO\ni: true\nj: False\n")
    assert doc.problemas == []
    assert doc.datos == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "y", "f": "n", "g": "Yes", "h": "NO",
                         "i": True, "j": False}


def test_numeros_guardan_el_texto_original() -> None:
    doc = cargar("a: 0042\nb: 3.10\nc: 1_000\nd: 0x1F\ne: 1e5\nf: -0.5\ng: texto\n")
    assert doc.problemas == []
    assert doc.datos == {"a": 42, "b": 3.1, "c": 1000, "d": 31, "e": 100000.0, "f": -0.5, "g": "texto"}
    assert doc.textos[("a",)] == "0042"
    assert doc.textos[("b",)] == "3.10"
    assert doc.textos[("c",)] == "1_000"
    assert ("g",) not in doc.textos  # plain texts need no copy


@pytest.mark.parametrize(("valor", "fragmento"), [("1e400", "demasiado grande"), (".nan", "NaN"), (".NaN", "NaN"),
                                                  (".inf", "infinito"), ("-.Inf", "infinito"), ("+.INF", "infinito")])
def test_numeros_no_utilizables(valor: str, fragmento: str) -> None:
    doc = cargar(VALIDO.replace("valor: 15", f"valor: {valor}"))
    assert_problema(doc, "PNI011", 6, 12, f"«{valor}»", fragmento)
    assert doc.datos is None


def test_entero_gigante_no_es_un_texto_de_mil_cifras() -> None:
    doc = cargar(VALIDO.replace("valor: 15", "valor: " + "9" * 5000))
    p = assert_problema(doc, "PNI011", 6, 12, "demasiado grande")
    assert len(p.mensaje) < 200


@pytest.mark.parametrize(("fecha", "linea"), [("2024-02-30", 3), ("2025-13-01", 3), ("2025-06-31", 3)])
def test_fecha_imposible_con_linea(fecha: str, linea: int) -> None:
    doc = cargar(VALIDO.replace("fecha_reporte: 2025-07-14", f"fecha_reporte: {fecha}"))
    assert_problema(doc, "PNI011", linea, 16, f"«{fecha}»", "AAAA-MM-DD")


def test_fecha_bisiesta_existente_se_acepta() -> None:
    doc = cargar("fecha_reporte: 2024-02-29\n")
    assert doc.problemas == [] and doc.datos["fecha_reporte"] == dt.date(2024, 2, 29)


def test_fecha_con_hora_se_deja_como_texto() -> None:
    doc = cargar("fecha_reporte: 2025-07-14T10:00:00Z\n")
    assert doc.problemas == [] and doc.datos["fecha_reporte"] == "2025-07-14T10:00:00Z"


@pytest.mark.parametrize(("texto", "esperado"), [("a: !!float abc\n", "abc"), ("a: !!bool quizas\n", "quizas"),
                                                 ("a: !!int abc\n", "abc"), ("a: !!str 12\n", "12"),
                                                 ("a: !!int '12'\n", 12)])
def test_etiquetas_estandar_con_valores_raros_no_rompen(texto: str, esperado: object) -> None:
    doc = cargar(texto)
    assert doc.problemas == []
    assert doc.datos == {"a": esperado}


# --- tags: refused, never executed ---------------------------------------------------------------------------

@pytest.mark.parametrize(("texto", "linea", "col", "etiqueta"), [
    ('valor: !!python/object/apply:os.system ["echo hi"]\n', 1, 8, "python/object/apply:os.system"),
    ('!!python/object/apply:os.system ["echo hi"]\n', 1, 1, "python/object/apply:os.system"),
    ("a: 1\nb: !foo bar\n", 2, 4, "!foo"),
    ("a: !foo {x: 1}\n", 1, 4, "!foo"),
    ("a: !!binary aGVsbG8=\n", 1, 4, "binary"),
    ("a: !!set {x, y}\n", 1, 4, "set"),
    ("a: !!python/name:os.system\n", 1, 4, "python/name:os.system"),
    ("%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n", 3, 4, "tag:example.com,2000:foo"),
    ("a: !!str [x]\n", 1, 4, "str"),
])
def test_etiquetas_desconocidas_o_peligrosas(texto: str, linea: int, col: int, etiqueta: str) -> None:
    doc = cargar(texto)
    assert_problema(doc, "PNI004", linea, col, etiqueta, "no permitida")
    assert doc.datos is None


def test_una_etiqueta_nunca_se_ejecuta(tmp_path: Path) -> None:
    marca = tmp_path / "ejecutado"
    textos = [
        f'a: !!python/object/apply:os.system ["touch {marca}"]\n',
        f'a: !!python/object/apply:subprocess.call [["touch", "{marca}"]]\n',
        f'a: !!python/object/new:pathlib.Path ["{marca}"]\n',
        f"a: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path ['{marca}']]\n",
    ]
    for texto in textos:
        doc = cargar(texto)
        assert unico(doc).codigo == "PNI004"
        assert doc.datos is None
    assert not marca.exists()


# --- anchors, aliases, merge keys -----------------------------------------------------------------------------

@pytest.mark.parametrize(("texto", "linea", "col"), [
    ("a: &x 1\nb: *x\n", 1, 4),
    ("a: &x 1\n", 1, 4),  # an anchor alone is refused as well
    ("evidencia: &e [https://x.org]\nobs: *e\n", 1, 12),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", 1, 7),
    ("reportes:\n  - &r\n    indicador: '1.4.2.a'\n  - *r\n", 2, 5),
])
def test_anclas_y_alias(texto: str, linea: int, col: int) -> None:
    doc = cargar(texto)
    assert_problema(doc, "PNI005", linea, col, "alias")
    assert doc.datos is None


def test_alias_sin_ancla() -> None:
    assert_problema(cargar("a: 1\nb: *x\n"), "PNI005", 2, 4, "alias")


def test_clave_de_fusion() -> None:
    assert_problema(cargar("c:\n  <<: {x: 1}\n  y: 2\n"), "PNI005", 2, 3, "«<<»")


def test_bomba_de_alias_se_responde_sin_expandirla() -> None:
    lineas = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 10):
        lineas.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    doc = cargar("\n".join(lineas) + "\n")  # 9**10 strings if expanded
    assert_problema(doc, "PNI005", 1, 5, "«&a0»")
    assert doc.datos is None


def test_alias_recursivo() -> None:
    for texto in ("a: &a [*a]\n", "&a [*a]\n", "a: &a {b: *a}\n"):
        doc = cargar(texto)
        assert unico(doc).codigo == "PNI005", texto
        assert doc.datos is None


def test_nodos_compartidos_se_detectan_aunque_falte_el_ancla() -> None:
    """Belt and braces: a node met twice is an alias, whichever parser composed it (the C parser does not
    keep anchors on its nodes)."""
    nodo = YAML(typ="safe", pure=True).compose(io.StringIO("a: &x [1]\nb: *x\n"))
    for _, v in nodo.value:
        v.anchor = None
    doc = Documento("f.yaml")
    with pytest.raises(Rechazo) as r:
        yaml_referencia._convertir(nodo, (), doc, 0, limite("PNI_MAX_PROFUNDIDAD"))
    assert (r.value.problema.codigo, r.value.problema.linea) == ("PNI005", 1)


# --- limits ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("texto", [
    "a: " + "[" * 1000 + "]" * 1000 + "\n",
    "a: " + "{b: " * 1000 + "1" + "}" * 1000 + "\n",
    "".join(" " * i + "k:\n" for i in range(1000)) + " " * 1000 + "k: 1\n",
    "".join(" " * (2 * i) + "-\n" for i in range(1000)) + " " * 2000 + "- x\n",
    "- " * 1000 + "x\n",
    "[" * 1000,  # unclosed as well
])
def test_anidamiento_profundo_no_revienta(texto: str) -> None:
    doc = cargar(texto)
    p = unico(doc)
    assert p.codigo == "PNI010" and p.linea >= 1 and p.columna >= 1
    assert "anidamiento" in p.mensaje or "niveles" in p.mensaje
    assert doc.datos is None


def test_anidamiento_profundo_apunta_al_nivel_que_sobra() -> None:
    texto = "a: " + "[" * 60 + "]" * 60 + "\n"
    doc = cargar(texto)
    maximo = limite("PNI_MAX_PROFUNDIDAD")
    assert_problema(doc, "PNI010", 1, 3 + maximo + 1, f"{maximo} niveles")


def test_anidamiento_razonable_se_acepta() -> None:
    doc = cargar("a: " + "[" * 20 + "1" + "]" * 20 + "\n")
    assert doc.problemas == []


def test_archivo_demasiado_grande_no_se_lee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ruta = tmp_path / "MTPS.yaml"
    ruta.write_text(VALIDO, encoding="utf-8")
    monkeypatch.setenv("PNI_MAX_BYTES", "100")

    def no_leer(fd: int, n: int) -> bytes:
        raise AssertionError("el archivo no debía leerse")

    monkeypatch.setattr(lectura.os, "read", no_leer)
    doc = leer_archivo(ruta, "avances/2025-S1/MTPS.yaml")
    p = assert_problema(doc, "PNI010", 0, 0, "bytes", "máximo", "PNI_MAX_BYTES")
    assert str(len(VALIDO.encode())) in p.mensaje.replace(",", "")
    assert doc.datos is None


def test_archivo_en_el_limite_se_lee(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ruta = tmp_path / "MTPS.yaml"
    ruta.write_text(VALIDO, encoding="utf-8")
    monkeypatch.setenv("PNI_MAX_BYTES", str(len(VALIDO.encode())))
    assert leer_archivo(ruta).problemas == []


# --- keys --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("texto", "linea", "col", "fragmento"), [
    ("1: x\n", 1, 1, '"1"'),
    ("a: 1\n3.10: x\n", 2, 1, '"3.10"'),
    ("~: x\n", 1, 1, "vacío"),
    ("true: x\n", 1, 1, "verdadero/falso"),
    ("2025-01-01: x\n", 1, 1, "fecha"),
    ("[a]: x\n", 1, 1, "una lista o un mapeo"),
    ("? {a: 1}\n: x\n", 1, 3, "una lista o un mapeo"),
    ("reportes:\n  - indicador: x\n    desglose:\n      sexo: {1: 7}\n", 4, 14, '"1"'),
])
def test_claves_que_no_son_texto(texto: str, linea: int, col: int, fragmento: str) -> None:
    assert_problema(cargar(texto), "PNI009", linea, col, "no es texto", fragmento)


def test_claves_que_parecen_otra_cosa_pero_son_texto() -> None:
    doc = cargar("yes: 1\nno: 2\n\"1\": 3\n\"3.10\": 4\n")
    assert doc.problemas == [] and doc.datos == {"yes": 1, "no": 2, "1": 3, "3.10": 4}


# --- the C parser's traps -------------------------------------------------------------------------------------

@pytest.mark.parametrize("texto", ["evidencia: [https://x.org/a]\n",
                                   "evidencia: [https://x.org/a, http://y.org/b?c=d&e=f]\n",
                                   "sexo: {mujeres: 7, hombres: 8}\n"])
def test_trampa_del_analizador_c(texto: str) -> None:
    doc = cargar(texto)
    assert doc.problemas == []
    assert doc.datos in ({"evidencia": ["https://x.org/a"]},
                         {"evidencia": ["https://x.org/a", "http://y.org/b?c=d&e=f"]},
                         {"sexo": {"mujeres": 7, "hombres": 8}})


def test_ampersand_en_un_texto_no_es_un_ancla() -> None:
    doc = cargar(VALIDO + "reportado_por: Salud & Trabajo\n")
    assert doc.problemas == [] and doc.datos["reportado_por"] == "Salud & Trabajo"
    assert doc.posiciones[("reportes", 0, "desglose", "sexo", "mujeres")] == (8, 23)


@pytest.mark.parametrize("fin", ["\r\n", "\r"])
def test_finales_de_linea_windows_y_mac(fin: str) -> None:
    doc = cargar(VALIDO.replace("\n", fin))
    assert doc.problemas == [] and doc.datos["reportes"][0]["valor"] == 15
    assert doc.posiciones[("reportes", 0, "valor")] == (6, 12)


# --- never raises, deterministic -------------------------------------------------------------------------------

def _firma(doc: Documento) -> list[tuple[str, int, int, str]]:
    return [(p.codigo, p.linea, p.columna, p.mensaje) for p in doc.problemas]


def _nunca_falla(datos: bytes) -> None:
    doc = cargar_bytes(datos, "f.yaml")
    _, problemas = validar(doc, Avance)
    for p in [*doc.problemas, *problemas]:
        assert p.linea >= 0 and p.columna >= 0 and p.mensaje
        p.mensaje.encode("utf-8")  # printable
    assert doc.datos is None or not doc.problemas or any(p.codigo in ("PNI002", "PNI009") for p in doc.problemas)
    otra = cargar_bytes(datos, "f.yaml")
    assert _firma(otra) == _firma(doc)
    assert [(p.codigo, p.linea, p.columna, p.mensaje) for p in validar(otra, Avance)[1]] == \
        [(p.codigo, p.linea, p.columna, p.mensaje) for p in problemas]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_bytes_al_azar_nunca_rompen(datos: bytes) -> None:
    _nunca_falla(datos)


_EDICIONES = st.lists(st.tuples(st.sampled_from(["borrar", "insertar", "reemplazar"]),
                                st.integers(min_value=0, max_value=len(VALIDO)),
                                st.sampled_from(list(" \t\n:-[]{}\"'&*!#%@`|>?,.0123456789eyn~\\\x00\x07ñ\ufeff"))),
                      min_size=1, max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EDICIONES)
def test_mutaciones_de_un_archivo_valido_nunca_rompen(ediciones: list[tuple[str, int, str]]) -> None:
    texto = VALIDO
    for que, pos, car in ediciones:
        pos = min(pos, len(texto))
        if que == "borrar":
            texto = texto[:pos] + texto[pos + 1:]
        elif que == "insertar":
            texto = texto[:pos] + car + texto[pos:]
        else:
            texto = texto[:pos] + car + texto[pos + 1:]
    _nunca_falla(texto.encode("utf-8"))


def test_cargar_texto_y_cargar_bytes_coinciden() -> None:
    assert _firma(cargar_texto("a: [1\n", "f.yaml")) == _firma(cargar_bytes(b"a: [1\n", "f.yaml"))


@pytest.mark.parametrize("nombre", ["anidamiento-1000-corchetes.yaml", "anidamiento-1000-guiones.yaml"])
def test_el_lugar_de_un_anidamiento_que_el_analizador_no_aguanta_es_el_mismo(nombre: str) -> None:
    """After a RecursionError, `_donde_excede` scans the text for the place; on files the parser can still read,
    it must find the place `_convertir` reports."""
    texto = (Path(__file__).parents[2] / "fixtures" / "malos" / "yaml" / nombre).read_text(encoding="utf-8")
    doc = cargar_texto(texto, nombre)
    [p] = [p for p in doc.problemas if p.codigo == "PNI010"]
    assert yaml_referencia.donde_excede(texto, limite("PNI_MAX_PROFUNDIDAD")) == (p.linea, p.columna)
    base = "periodo: x\n" * 9
    profundo = base + "x: " + "[" * 50_000 + "]" * 50_000 + "\n"
    [q] = cargar_texto(profundo, "profundo.yaml").problemas
    assert (q.codigo, q.linea, q.columna) == ("PNI010", 10, 44) and "40 niveles" in q.mensaje
