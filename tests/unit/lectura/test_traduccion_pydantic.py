"""pydantic's errors on a progress file, turned into located Spanish problems that say how to fix the value."""

from __future__ import annotations

import re

import pytest

from pni_cli.lectura.cargar_yaml import cargar_texto
from pni_cli.lectura.traduccion_pydantic import a_modelo as validar
from pni_cli.modelos import Avance, PlanGeneral
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

ARCHIVO = "avances/2025-S1/MTPS.yaml"
INGLES = ("input should", "field required", "extra inputs", "value error", "string should", "validation error",
          "literal", "type=")


def problemas_de(texto: str) -> list[Problema]:
    doc = cargar_texto(texto, ARCHIVO)
    assert doc.problemas == [], doc.problemas
    avance, problemas = validar(doc, Avance)
    assert (avance is None) == bool(problemas)
    for p in problemas:
        assert p.archivo == ARCHIVO
        assert p.linea >= 1 and p.columna >= 1
        assert not any(e in p.mensaje.lower() for e in INGLES), p.mensaje
    return problemas


def unico(texto: str, codigo: str, linea: int, columna: int, *fragmentos: str) -> Problema:
    problemas = problemas_de(texto)
    assert len(problemas) == 1, problemas
    p = problemas[0]
    assert (p.codigo, p.linea, p.columna) == (codigo, linea, columna), p
    for f in fragmentos:
        assert f in p.mensaje, (f, p.mensaje)
    return p


def cambiar(viejo: str, nuevo: str) -> str:
    assert viejo in VALIDO
    return VALIDO.replace(viejo, nuevo, 1)


def test_el_archivo_valido_pasa() -> None:
    doc = cargar_texto(VALIDO, ARCHIVO)
    avance, problemas = validar(doc, Avance)
    assert problemas == [] and avance is not None
    assert avance.periodo == "2025-S1" and avance.reportes[0].valor == 15 and avance.ilustrativo is False


def test_documento_ilegible_no_se_valida() -> None:
    doc = cargar_texto("a: [1\n", ARCHIVO)
    assert validar(doc, Avance) == (None, [])


# --- fields -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("viejo", "nuevo", "linea", "columna", "campo", "sugerido"), [
    ("    estado:", "    estdo:", 9, 5, "estdo", "estado"),
    ("    evidencia:", "    evidencias:", 10, 5, "evidencias", "evidencia"),
    ("    valor: 15", "    valor: 15\n    observacion: hola", 7, 5, "observacion", "observaciones"),
    ("fecha_reporte: 2025-07-14", "fecha_reporte: 2025-07-14\nreportado_pro: yo", 4, 1, "reportado_pro",
     "reportado_por"),
])
def test_campo_desconocido_con_sugerencia(viejo: str, nuevo: str, linea: int, columna: int, campo: str,
                                          sugerido: str) -> None:
    p = unico(cambiar(viejo, nuevo), "PNI101", linea, columna, f"«{campo}»", "desconocido",
              f"¿quiso decir «{sugerido}»?")
    assert p.severidad.value == "error"


def test_campo_desconocido_sin_parecido_lista_los_admitidos() -> None:
    p = unico(cambiar("    estado:", "    zzzz:"), "PNI101", 9, 5, "«zzzz»", "reportes[1]")
    assert "los campos admitidos son: indicador, valor, desglose, estado, evidencia, observaciones" in p.mensaje


def test_campo_mal_escrito_avisa_tambien_del_que_falta() -> None:
    problemas = problemas_de(cambiar("institucion: MTPS", "instituicon: MTPS"))
    codigos = {(p.codigo, p.linea, p.columna) for p in problemas}
    assert ("PNI101", 2, 1) in codigos and ("PNI102", 1, 1) in codigos
    assert any("¿quiso decir «institucion»?" in p.mensaje for p in problemas)


@pytest.mark.parametrize(("viejo", "linea", "columna", "campo", "donde"), [
    ("fecha_reporte: 2025-07-14\n", 1, 1, "fecha_reporte", "raíz"),
    ("periodo: 2025-S1\n", 1, 1, "periodo", "raíz"),
    ("    valor: 15\n", 5, 5, "valor", "reportes[1]"),
    ('  - indicador: "1.4.2.a"\n    valor: 15\n', 5, 5, "indicador", "reportes[1]"),
])
def test_campo_obligatorio_faltante(viejo: str, linea: int, columna: int, campo: str, donde: str) -> None:
    texto = cambiar(viejo, "  - valor: 15\n" if campo == "indicador" else "")
    unico(texto, "PNI102", linea, columna, f"falta el campo obligatorio «{campo}»", donde)


# --- ids and numbers that YAML misreads -----------------------------------------------------------------------

def test_indicador_sin_comillas_leido_como_numero() -> None:
    p = unico(cambiar('indicador: "1.4.2.a"', "indicador: 3.10"), "PNI105", 5, 16, "«3.10»", "como un número",
              'escríbalo entre comillas: "3.10"')
    assert "3.1»" not in p.mensaje  # the text as written, not the float YAML made of it


def test_periodo_leido_como_numero_dice_tambien_el_formato() -> None:
    unico(cambiar("periodo: 2025-S1", "periodo: 2025"), "PNI105", 1, 10, "«2025»", "como un número",
          "AAAA-S1 o AAAA-S2")


def test_periodo_leido_como_fecha() -> None:
    unico(cambiar("periodo: 2025-S1", "periodo: 2025-01-01"), "PNI105", 1, 10, "«2025-01-01»", "como una fecha",
          "AAAA-S1 o AAAA-S2")


def test_indicador_sin_comillas_que_es_texto_se_acepta() -> None:
    assert problemas_de(cambiar('indicador: "1.4.2.a"', "indicador: 1.4.2.a")) == []


@pytest.mark.parametrize(("valor", "pista"), [
    ('"5,000"', "escriba el número sin separador de miles: 5000"),
    ("5,000", "escriba el número sin separador de miles: 5000"),
    ('"1.234.567"', "sin separador de miles: 1234567"),
    ('"5,5"', "use punto decimal: 5.5"),
    ("75%", "sin «%»: 75"),
    ("cinco", ""),
])
def test_valor_escrito_como_texto(valor: str, pista: str) -> None:
    texto_leido = valor.strip('"')
    p = unico(cambiar("valor: 15", f"valor: {valor}"), "PNI103", 6, 12, "se esperaba un número",
              f"«{texto_leido}»")
    assert pista in p.mensaje


@pytest.mark.parametrize(("valor", "leido"), [("true", "«true» (verdadero/falso)"),
                                              ("false", "«false» (verdadero/falso)")])
def test_valor_booleano(valor: str, leido: str) -> None:
    unico(cambiar("valor: 15", f"valor: {valor}"), "PNI103", 6, 12, "se esperaba un número", leido)


def test_valor_yes_es_texto_no_booleano() -> None:
    unico(cambiar("valor: 15", "valor: yes"), "PNI103", 6, 12, "el texto «yes»")


@pytest.mark.parametrize(("valor", "describe", "linea", "columna"), [("[15]", "una lista", 6, 12),
                                                                       ("{a: 1}", "un mapeo", 6, 12),
                                                                       ("", "vacío", 7, 5)])
def test_valor_de_otro_tipo(valor: str, describe: str, linea: int, columna: int) -> None:
    # an empty value sits where the next key starts, as ruamel reports it
    unico(cambiar("valor: 15", f"valor: {valor}"), "PNI103", linea, columna, "se esperaba un número", describe)


def test_conteo_con_decimales_lo_acepta_el_esquema() -> None:
    """5.5 people is a check's warning (PNI313), not a schema error."""
    doc = cargar_texto(cambiar("valor: 15", "valor: 5.5"), ARCHIVO)
    avance, problemas = validar(doc, Avance)
    assert problemas == [] and avance is not None and avance.reportes[0].valor == 5.5


# --- formats and closed lists ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("periodo", "pista"), [
    ("2025-s1", "¿quiso decir 2025-S1?"),
    ("2025-1", "¿quiso decir 2025-S1?"),
    ("2025S2", "¿quiso decir 2025-S2?"),
    ("2025-S3", "un año solo tiene dos semestres: S1 (enero-junio) y S2 (julio-diciembre)"),
    ("S1-2025", "AAAA-S1 o AAAA-S2"),
])
def test_periodo_mal_escrito(periodo: str, pista: str) -> None:
    unico(cambiar("periodo: 2025-S1", f"periodo: {periodo}"), "PNI104", 1, 10, f"«{periodo}»",
          "no tiene el formato esperado", pista)


@pytest.mark.parametrize(("estado", "sugerido"), [("en curso", "en_curso"), ("completado", "completada"),
                                                  ("no iniciada", "no_iniciada"), ("Suspendida", "suspendida")])
def test_estado_desconocido_con_sugerencia(estado: str, sugerido: str) -> None:
    unico(cambiar("estado: en_curso", f"estado: {estado}"), "PNI104", 9, 13, f"«{estado}»",
          "no_iniciada, en_curso, completada, suspendida", f"¿Quiso decir «{sugerido}»?")


def test_estado_sin_parecido_lista_las_opciones() -> None:
    p = unico(cambiar("estado: en_curso", "estado: xyz"), "PNI104", 9, 13, "«xyz»",
              "use uno de: no_iniciada, en_curso, completada, suspendida")
    assert "Quiso decir" not in p.mensaje


@pytest.mark.parametrize(("dimension", "sugerido"), [("sex", "sexo"), ("edades", "edad"),
                                                      ("nacionalidades", "nacionalidad"),
                                                      ("departamentos", "departamento")])
def test_dimension_de_desglose_desconocida_con_sugerencia(dimension: str, sugerido: str) -> None:
    unico(cambiar("      sexo:", f"      {dimension}:"), "PNI104", 8, 7, f"«{dimension}»", "no es un desglose admitido",
          "sexo, edad, condicion_migratoria", f"¿quiso decir «{sugerido}»?")


def test_dimension_de_desglose_sin_parecido() -> None:
    p = unico(cambiar("      sexo:", "      genero:"), "PNI104", 8, 7, "«genero»", "condicion_migratoria")
    assert "quiso decir" not in p.mensaje


def test_parte_de_desglose_no_numerica() -> None:
    unico(cambiar("mujeres: 7", "mujeres: siete"), "PNI103", 8, 23, "desglose.sexo.mujeres", "«siete»")


@pytest.mark.parametrize(("fecha", "fragmento"), [("14/07/2025", "«14/07/2025» no es una fecha AAAA-MM-DD"),
                                                  ("20250714", "se esperaba una fecha AAAA-MM-DD"),
                                                  ("julio", "«julio» no es una fecha AAAA-MM-DD")])
def test_fecha_reporte_mal_escrita(fecha: str, fragmento: str) -> None:
    unico(cambiar("fecha_reporte: 2025-07-14", f"fecha_reporte: {fecha}"), "PNI103", 3, 16, fragmento)


def test_institucion_numerica() -> None:
    unico(cambiar("institucion: MTPS", "institucion: 123"), "PNI103", 2, 14, "se esperaba un texto", "«123»",
          "comillas")


def test_institucion_con_espacios() -> None:
    unico(cambiar("institucion: MTPS", "institucion: Ministerio de Trabajo"), "PNI104", 2, 14,
          "la clave de una institución", "MTPS")


def test_reportes_como_mapeo_en_vez_de_lista() -> None:
    unico(cambiar('  - indicador: "1.4.2.a"', '    indicador: "1.4.2.a"'), "PNI103", 5, 5, "reportes",
          "se esperaba una lista", "«- »")


def test_evidencia_como_texto_en_vez_de_lista() -> None:
    unico(cambiar("evidencia: [https://example.org/x]", "evidencia: https://example.org/x"), "PNI103", 10, 16,
          "reportes[1].evidencia", "una lista")


def test_evidencia_vacia_en_la_lista() -> None:
    unico(cambiar("evidencia: [https://example.org/x]", 'evidencia: [""]'), "PNI104", 10, 17, "no puede estar vacío")


def test_ilustrativo_si_no_es_booleano() -> None:
    unico(VALIDO + "ilustrativo: si\n", "PNI103", 11, 14, "ilustrativo", "true o false")


def test_varios_errores_en_un_archivo_se_informan_todos() -> None:
    texto = cambiar("periodo: 2025-S1", "periodo: 2025-S3").replace("estado: en_curso", "estado: hecho")
    texto = texto.replace("valor: 15", 'valor: "15 personas"')
    problemas = problemas_de(texto)
    assert [(p.codigo, p.linea) for p in sorted(problemas, key=Problema.orden)] == [
        ("PNI104", 1), ("PNI103", 6), ("PNI104", 9)]


def test_el_mismo_traductor_sirve_para_el_plan() -> None:
    doc = cargar_texto("nombre: PNI\nsigla: PNI\npais: SV\nvigencia: {desde: 2024, hasta: 2028}\n"
                       "primer_periodo: 2024-S2\nultimo_periodo: 2028-s2\n"
                       "semaforo: {verde: 90, amarillo: 70, revisar_meta: 130}\nplazo_dias: -1\n"
                       "fuente: {archivo: x, titulo: y}\n", "plan/plan.yaml")
    _, problemas = validar(doc, PlanGeneral)
    por_linea = {p.linea: p for p in problemas}
    assert por_linea[6].codigo == "PNI104" and "¿quiso decir 2028-S2?" in por_linea[6].mensaje
    assert por_linea[8].codigo == "PNI104" and re.search(r"-1 está fuera del rango", por_linea[8].mensaje)


def test_reportes_es_obligatorio_y_la_lista_vacia_dice_nada_que_reportar() -> None:
    """A forgotten `reportes` and «nothing to report this semester» must not look the same."""
    base = "periodo: 2025-S1\ninstitucion: MTPS\nfecha_reporte: 2025-07-14\n"
    avance, problemas = validar(cargar_texto(base, "f.yaml"), Avance)
    assert avance is None
    [p] = problemas
    assert p.codigo == "PNI102" and "«reportes»" in p.mensaje and "«reportes: []»" in p.mensaje
    avance, problemas = validar(cargar_texto(base + "reportes: []\n", "f.yaml"), Avance)
    assert avance is not None and problemas == [] and avance.reportes == []
