"""`pni validar` end to end: the real CLI in a subprocess, on throwaway workspaces built from the real plan.

Every broken input must give exit 1, the problem's code at archivo:línea:columna, no traceback, and must leave
every file of the workspace exactly as it was.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, Salida, correr, escribir, huellas

CORTE = "2026-11-23"

REPORTE_OK = """\
  - indicador: "1.4.2.a"
    valor: 15
    desglose:
      sexo: {mujeres: 7, hombres: 8}
    estado: en_curso
    evidencia: [https://example.org/x]
"""


def avance(periodo: str = "2025-S1", institucion: str = "MTPS", fecha: str = "2025-07-14",
           reportes: str = REPORTE_OK) -> str:
    """A progress file; its reports start on line 5 (indicador value at column 16, valor at column 12)."""
    return f"periodo: {periodo}\ninstitucion: {institucion}\nfecha_reporte: {fecha}\nreportes:\n{reportes}"


def reporte(indicador: str, valor: str, extra: str = "") -> str:
    return f'  - indicador: "{indicador}"\n    valor: {valor}\n{extra}'


def validar(raiz: Path, *args: str, env: dict[str, str] | None = None) -> Salida:
    """Run `pni validar` in `raiz`, proving it leaves the workspace's inputs untouched (plan/ and avances/: the
    repository's own .git and .venv change for reasons of their own) and never shows a traceback."""
    def entradas() -> tuple[dict[str, str], dict[str, str]]:
        return huellas(raiz / "plan"), huellas(raiz / "avances")

    antes = entradas()
    r = correr("validar", *args, cwd=raiz, env=env)
    assert entradas() == antes
    for flujo in (r.out, r.err):
        assert "Traceback" not in flujo and not re.search(r'File ".*", line \d+', flujo), flujo
        assert "error interno" not in flujo, flujo
    return r


def lineas_de(r: Salida, codigo: str) -> list[str]:
    return [linea for linea in r.out.splitlines() if f" {codigo} " in linea]


def assert_en(r: Salida, archivo: str, linea: int, columna: int, codigo: str, *fragmentos: str,
              severidad: str = "error") -> str:
    prefijo = f"{archivo}:{linea}:{columna}: {severidad} {codigo} ["
    hallados = [x for x in r.out.splitlines() if x.startswith(prefijo)]
    assert hallados, f"no se encontró «{prefijo}» en:\n{r.out}"
    for f in fragmentos:
        assert any(f in x for x in hallados), (f, hallados)
    return hallados[0]


# --- the repository itself -----------------------------------------------------------------------------------

def test_el_espacio_del_repositorio_esta_limpio() -> None:
    r = validar(REPO, "--corte", CORTE)
    assert r.codigo == 0, r.out
    assert re.search(r"\d+ archivos revisados, y el plan: 0 errores", r.out)


def test_una_copia_con_los_avances_ilustrativos_esta_limpia(espacio_con_avances: Path) -> None:
    r = validar(espacio_con_avances, "--corte", CORTE)
    assert r.codigo == 0, r.out
    assert " error " not in r.out


def test_espacio_sin_avances(espacio: Path) -> None:
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 0, r.out
    assert r.out.startswith("Todo en orden:") and "0 errores, 0 avisos" in r.out


def test_un_archivo_valido(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance())
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 0, r.out
    assert "Todo en orden" in r.out


# --- one broken progress file ----------------------------------------------------------------------------------

ROTOS: list[tuple[str, str | bytes, str, int, int, str]] = [
    # (case, contents of avances/2025-S1/MTPS.yaml, code, line, column, a fragment of the message)
    ("comillas", avance().replace("institucion: MTPS", 'institucion: "MTPS'), "PNI001", 2, 14, "comillas"),
    ("corchete", avance().replace("[https://example.org/x]", "[https://example.org/x"), "PNI001", 10, 16, "«[»"),
    ("llave", avance().replace("hombres: 8}", "hombres: 8"), "PNI001", 8, 13, "«{»"),
    ("duplicada", avance() + "periodo: 2025-S2\n", "PNI002", 11, 1, "línea 1"),
    ("tabulador", avance().replace("    valor: 15", "\tvalor: 15"), "PNI003", 6, 1, "tabulador"),
    ("etiqueta", avance().replace("valor: 15", 'valor: !!python/object/apply:os.system ["echo hi"]'), "PNI004", 6,
     12, "no permitida"),
    ("ancla", avance().replace("valor: 15", "valor: &v 15"), "PNI005", 6, 12, "ancla"),
    ("vacio", "# nada todavía\n", "PNI006", 1, 1, "vacío"),
    ("solo-marca", "---\n", "PNI006", 2, 1, "no tiene datos"),
    ("utf16", avance().encode("utf-16"), "PNI007", 1, 1, "UTF-16"),
    ("latin1", (avance() + "reportado_por: Dirección\n").encode("latin-1"), "PNI007", 11, 23, "Latin-1"),
    ("nulo", avance().encode().replace(b"MTPS", b"MT\x00PS"), "PNI007", 2, 16, "nulos"),
    ("documentos", avance() + "---\n" + avance(), "PNI008", 12, 1, "más de un documento"),
    ("clave-numero", avance() + "1: x\n", "PNI009", 11, 1, "no es texto"),
    ("profundo", avance() + "x: " + "[" * 100 + "]" * 100 + "\n", "PNI010", 11, 44, "niveles"),
    ("nan", avance().replace("valor: 15", "valor: .nan"), "PNI011", 6, 12, "NaN"),
    ("fecha-imposible", avance(fecha="2025-02-30"), "PNI011", 3, 16, "no es una fecha que exista"),
    ("campo-desconocido", avance().replace("    estado:", "    estdo:"), "PNI101", 9, 5, "¿quiso decir «estado»?"),
    ("campo-faltante", avance().replace("fecha_reporte: 2025-07-14\n", ""), "PNI102", 1, 1, "«fecha_reporte»"),
    ("tipo", avance().replace("valor: 15", 'valor: "5,000"'), "PNI103", 6, 12, "sin separador de miles: 5000"),
    ("periodo", avance(periodo="2025-s1"), "PNI104", 1, 10, "¿quiso decir 2025-S1?"),
    ("id-numero", avance().replace('"1.4.2.a"', "3.10"), "PNI105", 5, 16, '"3.10"'),
]


@pytest.mark.parametrize(("contenido", "codigo", "linea", "columna", "fragmento"),
                         [pytest.param(*c[1:], id=c[0]) for c in ROTOS])
def test_archivo_de_avance_roto(espacio: Path, contenido: str | bytes, codigo: str, linea: int, columna: int,
                                fragmento: str) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", contenido)
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1, r.out
    assert_en(r, "avances/2025-S1/MTPS.yaml", linea, columna, codigo, fragmento)
    assert r.err == ""


def test_un_archivo_roto_no_detiene_a_los_demas(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance().replace("hombres: 8}", "hombres: 8"))
    escribir(espacio / "avances/2025-S2/MTPS.yaml", avance(periodo="2025-S2", fecha="2026-01-10").replace(
        "estado: en_curso", "estado: en curso"))
    escribir(espacio / "avances/2025-S2/DGME.yaml", "\tperiodo: 2025-S2\n")
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2025-S1/MTPS.yaml", 8, 13, "PNI001")
    assert_en(r, "avances/2025-S2/MTPS.yaml", 9, 13, "PNI104", "¿Quiso decir «en_curso»?")
    assert_en(r, "avances/2025-S2/DGME.yaml", 1, 1, "PNI003")
    assert "3 errores" in r.out


# --- checks across files and against the plan ------------------------------------------------------------------

def test_indicador_desconocido_con_sugerencia(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance(reportes=reporte("1.4.2.z", "3")))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2025-S1/MTPS.yaml", 5, 16, "PNI301", "«1.4.2.z» no existe en el plan",
              "¿quiso decir 1.4.2.a o 1.4.2.b?")


def test_id_de_actividad_en_vez_de_indicador_lista_sus_indicadores(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance(reportes=reporte("1.4.2", "3")))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2025-S1/MTPS.yaml", 5, 16, "PNI104", "«1.4.2» es una actividad", "1.4.2.a, 1.4.2.b")


def test_institucion_variante_de_la_fuente(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MPTS.yaml", avance(institucion="MPTS"))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2025-S1/MPTS.yaml", 2, 14, "PNI302", "«MPTS»", "use la clave «MTPS»")


def test_institucion_desconocida_con_parecido(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTSP.yaml", avance(institucion="MTSP"))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2025-S1/MTSP.yaml", 2, 14, "PNI302", "no está en plan/instituciones.yaml", "MTPS")


def test_nombre_de_archivo_distinto_de_la_institucion(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/mtps.yaml", avance())
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2025-S1/mtps.yaml", 2, 14, "PNI303", "«mtps.yaml»", "«MTPS.yaml»")


def test_carpeta_distinta_del_periodo(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S2/MTPS.yaml", avance())
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2025-S2/MTPS.yaml", 1, 10, "PNI303", "«2025-S2»", "avances/2025-S1/")


def test_institucion_no_responsable_es_aviso(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/DGME.yaml", avance(institucion="DGME", reportes=reporte("1.4.2.a", "3")))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 0, r.out
    assert_en(r, "avances/2025-S1/DGME.yaml", 5, 16, "PNI304", "DGME no figura entre los responsables",
              "1.4.2", severidad="aviso")
    assert "0 errores, 1 aviso" in r.out
    estricto = validar(espacio, "--corte", CORTE, "--estricto")
    assert estricto.codigo == 1
    assert_en(estricto, "avances/2025-S1/DGME.yaml", 5, 16, "PNI304", severidad="aviso")


def test_periodo_fuera_de_la_ventana_de_la_actividad(espacio: Path) -> None:
    # 1.1.2 is a 2024 activity
    escribir(espacio / "avances/2025-S2/MRREE.yaml",
             avance("2025-S2", "MRREE", "2026-01-10", reporte("1.1.2.b", "4")))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2025-S2/MRREE.yaml", 5, 16, "PNI305", "1.1.2", "2025-S2")


def test_periodo_fuera_del_plan(espacio: Path) -> None:
    escribir(espacio / "avances/2024-S1/MTPS.yaml", avance("2024-S1", fecha="2024-07-10"))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2024-S1/MTPS.yaml", 1, 10, "PNI305", "fuera del plan", "2024-S2")


def test_periodo_del_anio_cero_no_es_un_error_interno(espacio: Path) -> None:
    escribir(espacio / "avances/0000-S1/MTPS.yaml", avance("0000-S1"))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/0000-S1/MTPS.yaml", 1, 10, "PNI305", "0000-S1", "fuera del plan")


def test_periodo_posterior_al_corte(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance())
    r = validar(espacio, "--corte", "2025-03-01")
    assert r.codigo == 1
    assert_en(r, "avances/2025-S1/MTPS.yaml", 1, 10, "PNI306", "2025-06-30", "2025-03-01")


@pytest.mark.parametrize(("nombre", "contenido", "codigo", "linea", "columna", "fragmento", "severidad"), [
    ("conteo-negativo", avance(reportes=reporte("1.4.2.a", "-3")), "PNI307", 6, 12, "negativo", "error"),
    ("porcentaje-mayor", avance("2025-S1", "MRREE", reportes=reporte("0.2.3.b", "120")), "PNI307", 6, 12,
     "de 0 a 100", "error"),
    ("fraccion", avance("2025-S1", "MRREE", reportes=reporte("0.2.3.b", "0.75")), "PNI308", 6, 12,
     "¿quiso decir 75?", "aviso"),
    ("desglose", avance(reportes=reporte("1.4.2.a", "15", "    desglose:\n      sexo: {mujeres: 7, hombres: 9}\n")),
     "PNI309", 8, 13, "suma 16 y el valor es 15", "error"),
    ("hito-sin-evidencia", avance("2024-S2", "MRREE", "2025-01-10", reporte("1.1.2.a", "100")), "PNI310", 6, 12,
     "sin evidencia", "error"),
    ("repetido", avance(reportes=REPORTE_OK + reporte("1.4.2.a", "3")), "PNI311", 11, 16, "línea 5", "error"),
    ("fecha-antes-del-cierre", avance(fecha="2025-06-15"), "PNI312", 3, 16, "2025-06-30", "error"),
    ("conteo-decimal", avance(reportes=reporte("1.4.2.a", "5.5")), "PNI313", 6, 12, "número entero", "aviso"),
    ("meta-por-definir", avance("2025-S1", "MRREE", reportes=reporte("0.2.3.a", "1000")), "PNI316", 5, 16,
     "por definir", "aviso"),
])
def test_valores_que_no_cuadran_con_la_meta(espacio: Path, nombre: str, contenido: str, codigo: str, linea: int,
                                             columna: int, fragmento: str, severidad: str) -> None:
    m = re.search(r"periodo: (\S+)\ninstitucion: (\S+)", contenido)
    assert m
    ruta = f"avances/{m.group(1)}/{m.group(2)}.yaml"
    escribir(espacio / ruta, contenido)
    r = validar(espacio, "--corte", CORTE)
    assert_en(r, ruta, linea, columna, codigo, fragmento, severidad=severidad)
    assert r.codigo == (1 if severidad == "error" else 0), r.out
    if severidad == "aviso":
        assert validar(espacio, "--corte", CORTE, "--estricto").codigo == 1


def test_dos_archivos_para_la_misma_institucion_y_periodo(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance())
    escribir(espacio / "avances/2025-S1/MTPS.yml", avance(reportes=reporte("1.4.3.a", "2")))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "avances/2025-S1/MTPS.yml", 2, 14, "PNI315", "avances/2025-S1/MTPS.yaml ya contiene")


# --- a broken plan ---------------------------------------------------------------------------------------------

def _cambiar(archivo: Path, viejo: str, nuevo: str) -> None:
    texto = archivo.read_text(encoding="utf-8")
    assert texto.count(viejo) == 1, viejo
    archivo.write_text(texto.replace(viejo, nuevo), encoding="utf-8")


def _linea_de(archivo: Path, fragmento: str) -> int:
    for n, linea in enumerate(archivo.read_text(encoding="utf-8").splitlines(), 1):
        if fragmento in linea:
            return n
    raise AssertionError(fragmento)


EJE1 = "plan/eje-1-prevencion-migracion-irregular.yaml"


def test_plan_con_id_de_actividad_duplicado(espacio: Path) -> None:
    eje = espacio / EJE1
    primera = _linea_de(eje, 'id: "1.1.1"')
    _cambiar(eje, '      - id: "1.1.2"\n', '      - id: "1.1.1"\n')
    segunda = _linea_de(eje, "Finalizar y socializar") - 1
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, EJE1, segunda, 13, "PNI202", "«1.1.1» ya se usa", f"línea {primera}")
    assert lineas_de(r, "PNI203")  # its indicators 1.1.2.a/b no longer fit under it


def test_plan_con_responsable_fuera_del_catalogo(espacio: Path) -> None:
    eje = espacio / EJE1
    _cambiar(eje, "instituciones: [MRREE, OIM]", "instituciones: [MRREE, OIMM]")
    linea = _linea_de(eje, "[MRREE, OIMM]")
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, EJE1, linea, 34, "PNI204", "«OIMM»", "¿quiso decir «OIM»?")


def test_plan_con_meta_por_definir_que_remite_a_nada(espacio: Path) -> None:
    eje = espacio / "plan/eje-0-intervenciones-transversales.yaml"
    texto = eje.read_text(encoding="utf-8")
    eje.write_text(texto.replace('definida_en: "0.2.1"', 'definida_en: "0.2.9"', 1), encoding="utf-8")
    linea = _linea_de(eje, 'definida_en: "0.2.9"')
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert_en(r, "plan/eje-0-intervenciones-transversales.yaml", linea, 28, "PNI206", "«0.2.9», que no existe")


def test_plan_con_archivo_de_eje_mal_nombrado(espacio: Path) -> None:
    (espacio / EJE1).rename(espacio / "plan/eje-7-prevencion-migracion-irregular.yaml")
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    linea = _linea_de(espacio / "plan/eje-7-prevencion-migracion-irregular.yaml", 'id: "1"')
    assert_en(r, "plan/eje-7-prevencion-migracion-irregular.yaml", linea, 5, "PNI208", "eje-1-")


def test_plan_con_semaforo_incoherente(espacio: Path) -> None:
    _cambiar(espacio / "plan/plan.yaml", "verde: 90", "verde: 60")
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    linea = _linea_de(espacio / "plan/plan.yaml", "verde: 60")
    assert_en(r, "plan/plan.yaml", linea, 3, "PNI209", "amarillo < verde")


def test_plan_sin_catalogo_de_instituciones(espacio: Path) -> None:
    (espacio / "plan/instituciones.yaml").unlink()
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance())
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert "plan/instituciones.yaml: error PNI201" in r.out


def test_plan_con_yaml_roto_y_avances(espacio: Path) -> None:
    eje = espacio / EJE1
    eje.write_text(eje.read_text(encoding="utf-8").replace('id: "1.1.1"', 'id: "1.1.1', 1), encoding="utf-8")
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance().replace("estado: en_curso", "estado: en curso"))
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert lineas_de(r, "PNI001")[0].startswith(EJE1 + ":")
    assert_en(r, "avances/2025-S1/MTPS.yaml", 9, 13, "PNI104")


# --- output formats --------------------------------------------------------------------------------------------

@pytest.fixture
def con_problemas(espacio: Path) -> Path:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance().replace("estado: en_curso", "estado: en curso"))
    escribir(espacio / "avances/2025-S1/DGME.yaml", avance(institucion="DGME", reportes=reporte("1.4.2.a", "3")))
    return espacio


def test_formato_json(con_problemas: Path) -> None:
    r = validar(con_problemas, "--corte", CORTE, "--formato", "json")
    assert r.codigo == 1
    datos = json.loads(r.out)
    assert datos["errores"] == 1 and datos["avisos"] == 1 and datos["archivos"] >= 2
    por_codigo = {p["codigo"]: p for p in datos["problemas"]}
    assert por_codigo["PNI104"] == {
        "codigo": "PNI104", "nombre": "valor-invalido", "severidad": "error", "archivo": "avances/2025-S1/MTPS.yaml",
        "linea": 9, "columna": 13, "mensaje": por_codigo["PNI104"]["mensaje"]}
    assert "¿Quiso decir «en_curso»?" in por_codigo["PNI104"]["mensaje"]
    assert (por_codigo["PNI304"]["severidad"], por_codigo["PNI304"]["linea"], por_codigo["PNI304"]["columna"]) == \
        ("aviso", 5, 16)


def test_formato_json_sin_problemas(espacio: Path) -> None:
    r = validar(espacio, "--corte", CORTE, "-f", "json")
    assert r.codigo == 0
    assert json.loads(r.out)["problemas"] == []


def test_formato_github(con_problemas: Path) -> None:
    r = validar(con_problemas, "--corte", CORTE, "--formato", "github")
    assert r.codigo == 1
    anotaciones = [x for x in r.out.splitlines() if x.startswith("::")]
    assert len(anotaciones) == 2
    error = next(x for x in anotaciones if x.startswith("::error "))
    assert re.fullmatch(r"::error file=avances/2025-S1/MTPS\.yaml,line=9,col=13,title=PNI104 valor-invalido::.+",
                        error), error
    assert "«en curso»" in error
    aviso = next(x for x in anotaciones if x.startswith("::warning "))
    assert aviso.startswith("::warning file=avances/2025-S1/DGME.yaml,line=5,col=16,title=PNI304 no-responsable::")
    assert r.out.splitlines()[-1].endswith("archivos revisados, y el plan: 1 error, 1 aviso")


def test_formato_github_escapa_saltos_y_porcentajes(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance().replace("valor: 15", "valor: 75%"))
    r = validar(espacio, "--corte", CORTE, "--formato", "github")
    linea = next(x for x in r.out.splitlines() if x.startswith("::error "))
    assert "75%25" in linea


def test_formato_github_automatico_en_github_actions(con_problemas: Path) -> None:
    r = validar(con_problemas, "--corte", CORTE, env={"GITHUB_ACTIONS": "true"})
    assert r.codigo == 1
    assert any(x.startswith("::error file=avances/2025-S1/MTPS.yaml,line=9,col=13,") for x in r.out.splitlines())
    explicito = validar(con_problemas, "--corte", CORTE, "--formato", "texto", env={"GITHUB_ACTIONS": "true"})
    assert not any(x.startswith("::") for x in explicito.out.splitlines())


def test_formato_sarif(con_problemas: Path) -> None:
    r = validar(con_problemas, "--corte", CORTE, "--formato", "sarif")
    assert r.codigo == 1
    sarif = json.loads(r.out)
    assert sarif["version"] == "2.1.0"
    assert "sarif" in sarif["$schema"]
    corrida = sarif["runs"][0]
    driver = corrida["tool"]["driver"]
    assert driver["name"] == "pni"
    reglas = [regla["id"] for regla in driver["rules"]]
    assert sorted(reglas) == ["PNI104", "PNI304"]
    for regla in driver["rules"]:
        assert regla["shortDescription"]["text"]
        assert regla["defaultConfiguration"]["level"] in ("error", "warning")
    resultados = {res["ruleId"]: res for res in corrida["results"]}
    assert set(resultados) == {"PNI104", "PNI304"}
    for res in corrida["results"]:
        assert reglas[res["ruleIndex"]] == res["ruleId"]
        assert res["message"]["text"]
    err = resultados["PNI104"]
    assert err["level"] == "error"
    ubic = err["locations"][0]["physicalLocation"]
    assert ubic["artifactLocation"]["uri"] == "avances/2025-S1/MTPS.yaml"
    assert ubic["region"]["startLine"] == 9 and ubic["region"]["startColumn"] == 13
    assert resultados["PNI304"]["level"] == "warning"


def test_sarif_uri_de_un_nombre_con_espacios(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS copia.yaml", avance())
    r = validar(espacio, "--corte", CORTE, "--formato", "sarif")
    assert r.codigo == 1
    resultado = json.loads(r.out)["runs"][0]["results"][0]
    assert resultado["ruleId"] == "PNI303"
    assert resultado["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "avances/2025-S1/MTPS%20copia.yaml"


def test_sarif_de_un_problema_de_archivo_entero(espacio: Path) -> None:
    (espacio / "plan/objetivos-pmm.yaml").unlink()
    (espacio / "plan/instituciones.yaml").unlink()
    r = validar(espacio, "--corte", CORTE, "--formato", "sarif")
    assert r.codigo == 1
    resultado = json.loads(r.out)["runs"][0]["results"][0]
    assert resultado["ruleId"] == "PNI201"
    assert "region" not in resultado["locations"][0]["physicalLocation"]


def test_formato_desconocido(espacio: Path) -> None:
    r = validar(espacio, "--corte", CORTE, "--formato", "xml")
    assert r.codigo == 2
    assert r.out == ""
    assert "«xml» no existe" in r.err and "use texto, json, github o sarif" in r.err


def test_corte_no_valido(espacio: Path) -> None:
    r = validar(espacio, "--corte", "31/12/2025")
    assert r.codigo == 2
    assert "no es una fecha válida" in r.err and "AAAA-MM-DD" in r.err


# --- choosing files ----------------------------------------------------------------------------------------------

def test_solo_los_archivos_indicados_y_el_plan(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance().replace("estado: en_curso", "estado: en curso"))
    escribir(espacio / "avances/2025-S1/DGME.yaml", "\tperiodo: 2025-S1\n")
    _cambiar(espacio / "plan/plan.yaml", "verde: 90", "verde: 60")
    r = validar(espacio, "--corte", CORTE, "avances/2025-S1/MTPS.yaml")
    assert r.codigo == 1
    assert_en(r, "avances/2025-S1/MTPS.yaml", 9, 13, "PNI104")
    assert lineas_de(r, "PNI209")  # the plan is always checked
    assert "DGME.yaml" not in r.out
    otro = validar(espacio, "--corte", CORTE, "avances/2025-S1/DGME.yaml")
    assert_en(otro, "avances/2025-S1/DGME.yaml", 1, 1, "PNI003")
    assert "MTPS.yaml" not in otro.out


def test_una_carpeta_como_argumento(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance().replace("estado: en_curso", "estado: en curso"))
    escribir(espacio / "avances/2025-S2/MTPS.yaml", "\tperiodo: 2025-S2\n")
    r = validar(espacio, "--corte", CORTE, "avances/2025-S2")
    assert r.codigo == 1
    assert_en(r, "avances/2025-S2/MTPS.yaml", 1, 1, "PNI003")
    assert "2025-S1" not in r.out


def test_un_archivo_valido_como_argumento(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance())
    escribir(espacio / "avances/2025-S1/DGME.yaml", "\tperiodo: 2025-S1\n")
    r = validar(espacio, "--corte", CORTE, "avances/2025-S1/MTPS.yaml")
    assert r.codigo == 0, r.out


def test_ruta_inexistente(espacio: Path) -> None:
    r = validar(espacio, "--corte", CORTE, "avances/2025-S1/NOEXISTE.yaml")
    assert r.codigo == 1
    linea = next(x for x in r.out.splitlines() if " PNI012 " in x)
    assert linea.startswith("avances/2025-S1/NOEXISTE.yaml: error PNI012")
    assert "no se puede leer el archivo: no existe" in linea


def test_desde_una_subcarpeta_y_con_raiz(espacio: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance().replace("estado: en_curso", "estado: en curso"))
    r = correr("validar", "--corte", CORTE, cwd=espacio / "avances")
    assert r.codigo == 1 and "avances/2025-S1/MTPS.yaml:9:13: error PNI104" in r.out
    fuera = tmp_path_factory.mktemp("fuera")
    r = correr("validar", "--corte", CORTE, "--raiz", str(espacio), cwd=fuera)
    assert r.codigo == 1 and "avances/2025-S1/MTPS.yaml:9:13: error PNI104" in r.out
    r = correr("validar", cwd=fuera)
    assert r.codigo == 2 and "plan/plan.yaml" in r.err


def test_archivos_de_otra_extension_no_se_revisan(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/LEEME.txt", "\tno es yaml")
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance())
    assert validar(espacio, "--corte", CORTE).codigo == 0


def test_archivo_demasiado_grande(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", avance() + "# " + "x" * 2000 + "\n")
    r = validar(espacio, "--corte", CORTE, env={"PNI_MAX_BYTES": "1000"})
    assert r.codigo == 1
    assert "avances/2025-S1/MTPS.yaml: error PNI010" in r.out and "PNI_MAX_BYTES" in r.out


def test_carpeta_de_plan_vacia_no_es_un_traceback(espacio: Path) -> None:
    shutil.rmtree(espacio / "plan")
    (espacio / "plan").mkdir()
    escribir(espacio / "plan/plan.yaml", "")
    r = validar(espacio, "--corte", CORTE)
    assert r.codigo == 1
    assert "plan/plan.yaml:1:1: error PNI006" in r.out
    assert "PNI201" in r.out
