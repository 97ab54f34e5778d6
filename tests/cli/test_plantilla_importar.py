"""`pni plantilla` (the form an institution fills in, YAML or Excel) and `pni importar` (a filled Excel form →
avances/<periodo>/<CLAVE>.yaml), run as a user runs them, in throwaway workspaces with the real plan.

The indicators an institution owes are computed here from the plan files themselves (activities naming the
institution among their responsables, whose years cover the semester, except metas por definir), not with the
code under test.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import sys
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML

from pni_cli import importar
from pni_cli.errores import ErrorDeEscritura
from pni_cli.lectura import formulario_excel
from pni_cli.lectura.espacio import cargar_plan
from pni_cli.lectura.libro_xlsx import Celda
from pni_cli.modelos import Avance
from tests.conftest import REPO, Salida, correr, escribir, huellas

PLAN = cargar_plan(REPO)[0]

COLUMNAS = ["Indicador", "Actividad", "Texto del indicador", "Meta (fuente)", "Qué informar", "Valor", "Mujeres",
            "Hombres", "Estado de la actividad", "Evidencia (enlaces o referencias, uno por línea)", "Observaciones"]
ETIQUETAS = ["No iniciada", "En curso", "Completada", "Suspendida"]
PERSONAS = ("persona", "participante", "migrante", "miembro", "funcionari", "oficial", "trabajador", "mujer", "joven",
            "estudiante", "beneficiari")
FILA_1 = 8  # first indicator row of the Avances sheet (headers on row 7)
# The Excel round trip reports 2026-S2: delivered on 14/01/2027, within the 30 days after the semester's end.
PERIODO_XLSX, CORTE_XLSX, FECHA_XLSX = "2026-S2", "2027-01-31", dt.date(2027, 1, 14)
RE_PROBLEMA = re.compile(r"^(?P<archivo>[^:]+):(?P<linea>\d+):(?P<col>\d+): (?P<sev>error|aviso) (?P<cod>PNI\d+) ")


# --- the plan, read directly -----------------------------------------------------------------------------

@cache
def _ejes() -> list[dict[str, Any]]:
    return [YAML(typ="safe").load(r.read_text(encoding="utf-8")) for r in sorted((REPO / "plan").glob("eje-*.yaml"))]


def debidos(clave: str, anio: int) -> list[dict[str, Any]]:
    """The indicators (plan dicts) `clave` owes in a semester of `anio`, in plan order: not a meta por definir,
    nor one where only the lead's figure counts (`combinar: responsable` of another institution)."""
    out = []
    for eje in sorted(_ejes(), key=lambda e: e["id"]):
        for itv in eje["intervenciones"]:
            for act in itv["actividades"]:
                if clave in act["responsables"]["instituciones"] and \
                        act["periodo"]["desde"] <= anio <= act["periodo"]["hasta"]:
                    out += [ind for ind in act["indicadores"] if ind["meta"]["tipo"] != "por_definir"
                            and ind["meta"].get("responsable_principal", clave) == clave]
    return out


def actividades(clave: str, anio: int) -> list[str]:
    """The activities `clave` is responsible for in `anio` (where the form asks what happened), in plan order."""
    return [act["id"] for eje in sorted(_ejes(), key=lambda e: e["id"]) for itv in eje["intervenciones"]
            for act in itv["actividades"] if clave in act["responsables"]["instituciones"]
            and act["periodo"]["desde"] <= anio <= act["periodo"]["hasta"]]


DEBIDOS_2026 = debidos("MTPS", 2026)
ACTIVIDADES_2026 = actividades("MTPS", 2026)
IDS_2026 = [i["id"] for i in DEBIDOS_2026]
TIPO = {i["id"]: i["meta"]["tipo"] for i in DEBIDOS_2026}
# the counts of people, which the form lets break down by sex
DE_PERSONAS = {i["id"] for i in DEBIDOS_2026 if i["meta"]["tipo"] == "conteo"
               and i["meta"]["unidad"].split()[0].lower().startswith(PERSONAS)}


def fila(id_: str) -> int:
    """Row of an indicator in the Avances sheet of the MTPS 2026 forms."""
    return FILA_1 + IDS_2026.index(id_)


def ok(r: Salida) -> Salida:
    assert r.codigo == 0, f"código {r.codigo}\nstdout:\n{r.out[-3000:]}\nstderr:\n{r.err}"
    assert "Traceback" not in r.err
    return r


def problemas(salida: str) -> list[tuple[int, str, str]]:
    """(line, code, whole line) of each problem in `pni validar`'s text output."""
    out = []
    for linea in salida.splitlines():
        m = RE_PROBLEMA.match(linea)
        if m:
            out.append((int(m["linea"]), m["cod"], linea))
    return out


def test_el_plan_da_indicadores_de_ambos_tipos() -> None:
    """The tests below rely on MTPS owing conteo and hito indicators in 2026, and nothing por definir."""
    assert len(IDS_2026) >= 10
    assert {"conteo", "hito"} <= set(TIPO.values())
    assert len(set(IDS_2026)) == len(IDS_2026)


# --- pni plantilla, YAML ---------------------------------------------------------------------------------

def test_plantilla_yaml_lista_exactamente_lo_que_debe_la_institucion(espacio: Path) -> None:
    r = ok(correr("plantilla", "--institucion", "MTPS", "--periodo", "2026-S1", cwd=espacio))
    texto = r.out
    assert texto.startswith("# yaml-language-server: $schema=../../esquemas/avance.schema.json\n")
    # the schema path is right from avances/<periodo>/ in the repository
    assert (REPO / "avances" / "2026-S1" / "../../esquemas/avance.schema.json").resolve().is_file()
    doc = YAML(typ="safe").load(texto)
    assert (doc["periodo"], doc["institucion"], doc["fecha_reporte"]) == ("2026-S1", "MTPS", None)
    assert [r["indicador"] for r in doc["reportes"]] == IDS_2026
    assert all(r["valor"] is None and r["evidencia"] == [] for r in doc["reportes"])
    for ind in DEBIDOS_2026:
        assert f"  # {ind['id']} {ind['texto']}\n" in texto, ind["id"]
        assert f"  # Meta: {ind['meta']['texto']}\n" in texto, ind["id"]
    # beside each value, the unit and the kind of figure asked for
    for ind in DEBIDOS_2026:
        meta = ind["meta"]
        if meta["tipo"] == "conteo":
            clase = {"flujo": "lo realizado en el semestre", "nivel": "el total vigente al cierre del semestre",
                     "acumulado": "el total acumulado desde el inicio"}[meta["acumulacion"]]
            assert f"    valor:  # {meta['unidad']}, {clase} (número entero)\n" in texto, ind["id"]
    assert texto.count("el 100 exige evidencia") == list(TIPO.values()).count("hito")
    assert texto.count("desglose: {sexo: {mujeres: N, hombres: N}}") == len(DE_PERSONAS)
    assert [a["actividad"] for a in doc["actividades"]] == ACTIVIDADES_2026
    assert "Guárdelo como avances/2026-S1/MTPS.yaml" in texto
    assert huellas(espacio / "avances") == {}  # stdout only


def test_plantilla_de_una_institucion_sin_actividades_en_ese_semestre(espacio: Path) -> None:
    """An institution with no activity in the semester gets an empty list and a sentence saying so."""
    claves = {c for e in _ejes() for i in e["intervenciones"] for a in i["actividades"]
              for c in a["responsables"]["instituciones"]}
    sin = sorted(c for c in claves if not debidos(c, 2024))
    assert sin, "se esperaba alguna institución sin actividades en 2024"
    r = ok(correr("plantilla", "--institucion", sin[0], "--periodo", "2024-S2", cwd=espacio))
    assert "no tiene indicadores que reportar en este semestre" in r.out
    assert YAML(typ="safe").load(r.out)["reportes"] == []


def _guardar_plantilla(espacio: Path) -> Path:
    destino = espacio / "avances" / "2026-S1" / "MTPS.yaml"
    destino.parent.mkdir(parents=True)
    r = ok(correr("plantilla", "--institucion", "MTPS", "--periodo", "2026-S1", "--salida", str(destino),
                  cwd=espacio))
    assert r.out == ""
    assert f"Plantilla escrita en {destino}" in r.err
    return destino


def test_plantilla_yaml_llena_pasa_validar(espacio: Path) -> None:
    ruta = _guardar_plantilla(espacio)
    texto = ruta.read_text(encoding="utf-8")
    texto, n = re.subn(r"^fecha_reporte:( +#)", r"fecha_reporte: 2026-07-15\1", texto, flags=re.M)
    assert n == 1
    valores = iter(range(1, 1000))
    texto, n = re.subn(r"^( +valor:)( +#)", lambda m: f"{m[1]} {next(valores)}{m[2]}", texto, flags=re.M)
    assert n == len(IDS_2026)
    ruta.write_text(texto, encoding="utf-8")
    r = ok(correr("validar", "avances/2026-S1/MTPS.yaml", "--corte", "2026-08-01", cwd=espacio))
    assert "0 errores, 0 avisos" in r.out
    doc = json.loads(ok(correr("estado", "--formato", "json", "--corte", "2026-08-01", cwd=espacio)).out)
    reportados = {i["id"]: i["reportado"] for i in doc["indicadores"] if i["reportado"] is not None}
    assert reportados == {id_: float(n) for n, id_ in enumerate(IDS_2026, 1)}


def test_plantilla_yaml_sin_llenar_falla_en_las_lineas_de_lo_que_falta(espacio: Path) -> None:
    ruta = _guardar_plantilla(espacio)
    lineas = ruta.read_text(encoding="utf-8").splitlines()
    faltan = {n for n, linea in enumerate(lineas, 1) if re.match(r"^(fecha_reporte| +valor):", linea)}
    assert len(faltan) == len(IDS_2026) + 1
    r = correr("validar", "avances/2026-S1/MTPS.yaml", "--corte", "2026-08-01", cwd=espacio)
    assert r.codigo == 1
    errores = [p for p in problemas(r.out) if " error " in p[2]]
    assert all(linea.startswith("avances/2026-S1/MTPS.yaml:") for _, _, linea in errores)
    assert {cod for _, cod, _ in errores} <= {"PNI102", "PNI103"}
    assert {n for n, _, _ in errores} == faltan
    por_linea = {n: linea for n, _, linea in errores}
    fecha = min(faltan)
    assert "fecha_reporte" in por_linea[fecha] and "AAAA-MM-DD" in por_linea[fecha]
    for k, n in enumerate(sorted(faltan - {fecha}), 1):
        assert f"reportes[{k}].valor: se esperaba un número" in por_linea[n]


def test_variante_de_la_fuente_resuelve_a_la_clave(espacio: Path) -> None:
    mtps = ok(correr("plantilla", "--institucion", "MTPS", "--periodo", "2026-S1", cwd=espacio)).out
    for variante in ("MPTS", "mtps", " MTPS "):
        assert ok(correr("plantilla", "--institucion", variante, "--periodo", "2026-S1", cwd=espacio)).out == mtps
    assert ok(correr("plantilla", "--institucion", "MTPS", "--periodo", "2026-s1", cwd=espacio)).out == mtps


@pytest.mark.parametrize(("args", "mensaje"), [
    (("--institucion", "XYZ", "--periodo", "2026-S1"), "--institucion «XYZ» no está en plan/instituciones.yaml"),
    (("--institucion", "MTPS", "--periodo", "2026-S3"), "use AAAA-S1 o AAAA-S2"),
    (("--institucion", "MTPS", "--periodo", "2026"), "use AAAA-S1 o AAAA-S2"),
    (("--institucion", "MTPS", "--periodo", "../2026-S1"), "use AAAA-S1 o AAAA-S2"),
    (("--institucion", "MTPS", "--periodo", "2030-S1"), "el plan va de 2024-S2 a 2028-S2"),
    (("--institucion", "MTPS", "--periodo", "2024-S1"), "el plan va de 2024-S2 a 2028-S2"),
    (("--institucion", "MTPS", "--periodo", "2026-S1", "--formato", "xlsx"), "necesita --salida"),
    (("--institucion", "MTPS", "--periodo", "2026-S1", "--formato", "csv"), "--formato «csv» no existe"),
    (("--periodo", "2026-S1",), "falta la opción"),
], ids=["institucion", "semestre-3", "sin-semestre", "ruta", "despues", "antes", "xlsx-sin-salida", "formato",
        "sin-institucion"])
def test_plantilla_uso_incorrecto(espacio: Path, args: tuple[str, ...], mensaje: str) -> None:
    antes = huellas(espacio)
    r = correr("plantilla", *args, cwd=espacio)
    assert r.codigo == 2, r
    assert mensaje in r.err
    assert r.out == ""
    assert "Traceback" not in r.err
    assert huellas(espacio) == antes


def test_plantilla_no_sobrescribe_sin_forzar(espacio: Path) -> None:
    destino = espacio / "MTPS.yaml"
    destino.write_text("mío", encoding="utf-8")
    r = correr("plantilla", "--institucion", "MTPS", "--periodo", "2026-S1", "--salida", str(destino), cwd=espacio)
    assert r.codigo == 3
    assert "ya existe" in r.err
    assert destino.read_text(encoding="utf-8") == "mío"
    ok(correr("plantilla", "--institucion", "MTPS", "--periodo", "2026-S1", "--salida", str(destino), "--forzar",
              cwd=espacio))
    assert destino.read_text(encoding="utf-8").startswith("# yaml-language-server:")


# --- pni plantilla, Excel --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def formulario(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The Excel form of MTPS for 2026-S2, generated once."""
    carpeta = tmp_path_factory.mktemp("plantilla")
    shutil.copytree(REPO / "plan", carpeta / "plan")
    destino = carpeta / "MTPS-2026-S2.xlsx"
    r = ok(correr("plantilla", "--institucion", "MTPS", "--periodo", PERIODO_XLSX, "--formato", "xlsx",
                  "--salida", str(destino), cwd=carpeta))
    assert f"Plantilla escrita en {destino}" in r.err
    return destino.read_bytes()


def test_el_formulario_excel_tiene_hojas_metadatos_y_protecciones(formulario: bytes) -> None:
    assert debidos("MTPS", 2026) == DEBIDOS_2026  # 2026-S1 and 2026-S2 owe the same
    assert DE_PERSONAS and set(IDS_2026) > DE_PERSONAS
    libro = load_workbook(io.BytesIO(formulario))
    assert libro.sheetnames == ["Instrucciones", "Avances", "Actividades", "_pni"]
    assert [libro[h].sheet_state for h in libro.sheetnames] == ["visible", "visible", "visible", "hidden"]
    assert libro.active.title == "Avances"
    datos = {r[0]: r[1] for r in libro["_pni"].iter_rows(values_only=True)}
    assert datos == {"formato": "pni-plantilla-avance", "version": "2", "periodo": PERIODO_XLSX,
                     "institucion": "MTPS"}
    assert libro["_pni"].protection.sheet is True
    assert "Ministerio de Trabajo y Previsión Social (MTPS), semestre 2026-S2" in libro["Instrucciones"]["A1"].value

    hoja = libro["Avances"]
    assert hoja["C3"].value == PERIODO_XLSX
    assert hoja["C2"].value == "MTPS — Ministerio de Trabajo y Previsión Social"
    assert [c.value for c in hoja[7]] == COLUMNAS
    ultima = FILA_1 + len(IDS_2026) - 1
    assert hoja.max_row == ultima
    assert [hoja.cell(row=f, column=1).value for f in range(FILA_1, ultima + 1)] == IDS_2026
    for n, ind in enumerate(DEBIDOS_2026):
        assert hoja.cell(row=FILA_1 + n, column=3).value == ind["texto"]
        assert hoja.cell(row=FILA_1 + n, column=4).value == ind["meta"]["texto"]
        if ind["meta"]["tipo"] == "conteo":  # the unit and the kind of figure, beside the value
            assert hoja.cell(row=FILA_1 + n, column=5).value.startswith(f"{ind['meta']['unidad']}, ")
    # a protected sheet where only the date, the reporter and the cells to fill of each indicator can be edited;
    # the cells to fill are tinted and bordered, the others grey
    assert hoja.protection.sheet is True
    for ref in ("C4", "C5"):
        assert hoja[ref].protection.locked is False and hoja[ref].fill.fgColor.rgb.endswith("FFF2CC")
    for f in range(FILA_1, ultima + 1):
        desglose = hoja.cell(row=f, column=1).value in DE_PERSONAS
        abiertas = [False] * 5 + [True, desglose, desglose, True, True, True]
        assert [hoja.cell(row=f, column=c).protection.locked is False for c in range(1, 12)] == abiertas
        for c, abierta in enumerate(abiertas, 1):
            celda = hoja.cell(row=f, column=c)
            assert celda.fill.fgColor.rgb.endswith("FFF2CC" if abierta else "EDEDED"), celda.coordinate
            assert celda.border.left.style == "thin"
        assert hoja.cell(row=f, column=1).font.name == "Arial"
    assert hoja["A7"].protection.locked is True and hoja["C3"].protection.locked is True
    assert hoja.freeze_panes == "F8"
    assert (hoja.page_setup.orientation, str(hoja.page_setup.paperSize)) == ("landscape", hoja.PAPERSIZE_LETTER)
    assert hoja.print_title_rows == "$7:$7"
    instrucciones = libro["Instrucciones"]
    assert (instrucciones.page_setup.fitToWidth, instrucciones.page_setup.fitToHeight) == (1, 1)
    assert instrucciones.page_setup.orientation == "landscape"

    def celdas(dv: Any) -> set[str]:
        return {str(rango) for rango in str(dv.sqref).split()}

    validaciones = hoja.data_validations.dataValidation
    lista = [dv for dv in validaciones if dv.type == "list"]
    assert len(lista) == 1
    assert lista[0].formula1 == '"' + ",".join(ETIQUETAS) + '"'  # Spanish labels, read back as codes
    assert lista[0].showErrorMessage is True
    assert celdas(lista[0]) == {f"I{f}" for f in range(FILA_1, ultima + 1)}
    nivel = [dv for dv in validaciones if dv.type == "decimal" and dv.operator == "between"]
    assert len(nivel) == 1
    assert (nivel[0].formula1, nivel[0].formula2) == ("0", "100")
    assert celdas(nivel[0]) == {f"F{fila(i)}" for i, t in TIPO.items() if t in ("porcentaje", "hito")}
    enteros = [dv for dv in validaciones if dv.type == "whole"]
    valores, partes = enteros  # the counts' values, and their breakdowns
    assert celdas(valores) == {f"F{fila(i)}" for i, t in TIPO.items() if t == "conteo"}
    assert celdas(partes) == {f"{c}{fila(i)}" for i in DE_PERSONAS for c in "GH"}
    assert all(dv.allow_blank for dv in validaciones)
    assert hoja["C4"].number_format == "dd/mm/yyyy"

    hoja_act = libro["Actividades"]
    assert [hoja_act.cell(row=f, column=1).value for f in range(5, 5 + len(ACTIVIDADES_2026))] == \
        ACTIVIDADES_2026
    assert [hoja_act.cell(row=5, column=c).protection.locked is False for c in range(1, 6)] == \
        [False, False, True, True, True]
    assert hoja_act.protection.sheet is True


def test_el_formulario_se_imprime_bien_vacio_y_deja_lugar_para_llenarlo(formulario: bytes) -> None:
    """Printed empty, nothing is clipped, no word is cut by its column, the colours are the palette's; each row to
    fill leaves room for a link and two or three sentences (six lines), the reporter's cell for two lines."""
    from pni_cli.render.excel import alto_de_lineas
    from pni_cli.render.plantilla_xlsx import LINEAS_PARA_LLENAR
    from tests import impresos

    libro = load_workbook(io.BytesIO(formulario))
    assert impresos.problemas(libro, paginas=False, holgura=None) == []
    hoja, hoja_act = libro["Avances"], libro["Actividades"]
    for f in range(FILA_1, FILA_1 + len(IDS_2026)):
        assert hoja.row_dimensions[f].height >= alto_de_lineas(LINEAS_PARA_LLENAR)
    for f in range(5, 5 + len(ACTIVIDADES_2026)):
        assert hoja_act.row_dimensions[f].height >= alto_de_lineas(LINEAS_PARA_LLENAR)
    assert hoja.row_dimensions[5].height >= alto_de_lineas(2)
    for ws in (hoja, hoja_act, libro["Instrucciones"]):
        assert ws.oddFooter.center.size >= 10  # a footer scales with the sheet


def test_el_formulario_es_el_mismo_para_el_mismo_plan(espacio: Path, formulario: bytes) -> None:
    destino = espacio / "otra-vez.xlsx"
    ok(correr("plantilla", "--institucion", "MTPS", "--periodo", PERIODO_XLSX, "--formato", "xlsx", "--salida",
              str(destino), cwd=espacio))
    assert destino.read_bytes() == formulario


# --- pni importar ----------------------------------------------------------------------------------------

def serie(fecha: dt.date) -> int:
    """Excel's serial number of a date (1900 system)."""
    return (fecha - dt.date(1899, 12, 30)).days


def llenar(formulario: bytes, destino: Path, celdas: dict[str, Any], *, formatos: dict[str, str] | None = None,
           fecha: Any = FECHA_XLSX, hoja_datos: dict[str, Any] | None = None,
           actividades: dict[str, Any] | None = None) -> Path:
    """Fill a copy of the form as a person would in Excel, and save it to `destino`."""
    libro = load_workbook(io.BytesIO(formulario))
    for ref, valor in (actividades or {}).items():
        libro["Actividades"][ref] = valor
    hoja = libro["Avances"]
    if fecha is not None:
        hoja["C4"] = fecha
    for ref, valor in celdas.items():
        if isinstance(valor, str) and valor.startswith("'"):  # Excel's apostrophe: text, even «=…»
            hoja[ref] = valor[1:]
            hoja[ref].data_type = "s"
            hoja[ref].quotePrefix = True
        else:
            hoja[ref] = valor
    for ref, formato in (formatos or {}).items():
        hoja[ref].number_format = formato
    for clave, valor in (hoja_datos or {}).items():
        for r in libro["_pni"].iter_rows():
            if r[0].value == clave:
                r[1].value = valor
    destino.parent.mkdir(parents=True, exist_ok=True)
    libro.save(destino)
    return destino


def importar_en(espacio: Path, archivo: Path, *args: str) -> Salida:
    return correr("importar", str(archivo), "--corte", CORTE_XLSX, *args, cwd=espacio)


# MTPS's hito in 2026 (3.3.1.a-b are the MRREE's to report: «Liderado por el MRREE», combinar: responsable)
HITO_A = "3.4.2.a"
LLENO = {  # indicator → (cells, expected value in the YAML)
    "1.4.1.a": {"F": 2, "I": "en_curso", "J": "https://example.org/estudio-1\nhttps://example.org/estudio-2",
                "K": "Dos estudios | uno en revisión"},
    "3.6.3.b": {"F": "5,000", "G": 3000, "H": "2,000", "I": "En curso"},
    HITO_A: {"F": 0.75},
    "5.5.2.a": {"F": 1800.0, "K": "'=no es una fórmula"},
}
ESPERADO = {"1.4.1.a": 2, "3.6.3.b": 5000, HITO_A: 75, "5.5.2.a": 1800}


def _celdas_llenas() -> dict[str, Any]:
    return {f"{col}{fila(i)}": v for i, cols in LLENO.items() for col, v in cols.items()}


@pytest.mark.parametrize("fecha", [FECHA_XLSX, "14/01/2027", serie(FECHA_XLSX), "2027-01-14"],
                         ids=["fecha", "texto", "serie", "iso"])
def test_importar_ida_y_vuelta(espacio: Path, formulario: bytes, fecha: Any) -> None:
    formatos = {f"F{fila(HITO_A)}": "0%"}
    if isinstance(fecha, int):
        formatos["C4"] = "General"  # a bare serial number, not shown as a date
    archivo = llenar(formulario, espacio / "recibidos" / "MTPS-2026-S2.xlsx",
                     {**_celdas_llenas(), "C5": "Unidad de Planificación"}, formatos=formatos, fecha=fecha,
                     actividades={"C5": "Dos estudios terminados.", "E5": "Publicarlos.\nPresentarlos al Mecanismo."})
    r = ok(importar_en(espacio, archivo))
    assert "Importado: 4 reportes y lo ocurrido en 1 actividad en avances/2026-S2/MTPS.yaml" in r.err
    faltan = [i for i in IDS_2026 if i not in LLENO]
    assert (f"Faltan {len(faltan)} de los {len(IDS_2026)} indicadores que MTPS debe en 2026-S2, vacíos en el "
            f"formulario: la entrega contará como incompleta hasta que se informen: {', '.join(faltan)}") in r.err
    assert r.out == ""
    destino = espacio / "avances" / "2026-S2" / "MTPS.yaml"
    assert huellas(espacio / "avances").keys() == {"2026-S2/MTPS.yaml"}
    texto = destino.read_text(encoding="utf-8")
    assert texto.startswith("# yaml-language-server: $schema=../../esquemas/avance.schema.json\n"
                            "# Importado de MTPS-2026-S2.xlsx\n")
    doc = YAML(typ="safe").load(texto)
    assert doc["periodo"] == PERIODO_XLSX and doc["institucion"] == "MTPS"
    assert doc["fecha_reporte"] == FECHA_XLSX
    assert doc["reportado_por"] == "Unidad de Planificación"
    assert [r["indicador"] for r in doc["reportes"]] == [i for i in IDS_2026 if i in LLENO]  # empty rows: skipped
    valores = {r["indicador"]: r["valor"] for r in doc["reportes"]}
    assert valores == ESPERADO
    assert all(type(v) is int for v in valores.values())
    primero = doc["reportes"][0]
    assert primero == {"indicador": "1.4.1.a", "valor": 2, "estado": "en_curso",
                       "evidencia": ["https://example.org/estudio-1", "https://example.org/estudio-2"],
                       "observaciones": "Dos estudios | uno en revisión"}
    personas = next(r for r in doc["reportes"] if r["indicador"] == "3.6.3.b")
    assert personas["estado"] == "en_curso"  # the label of the list, written as its code
    assert personas["desglose"] == {"sexo": {"mujeres": 3000, "hombres": 2000}}
    assert next(r for r in doc["reportes"] if r["indicador"] == "5.5.2.a")["observaciones"] == "=no es una fórmula"
    assert doc["actividades"] == [{"actividad": "1.4.1", "logros": "Dos estudios terminados.",
                                   "proximos_pasos": "Publicarlos.\nPresentarlos al Mecanismo."}]
    if not isinstance(fecha, dt.date):
        return  # the other ways of writing the date: the same file, checked once below

    v = ok(correr("validar", "--corte", CORTE_XLSX, cwd=espacio))
    assert "0 errores, 0 avisos" in v.out
    estado = json.loads(ok(correr("estado", "--formato", "json", "--corte", CORTE_XLSX, cwd=espacio)).out)
    reportados = {i["id"]: i["reportado"] for i in estado["indicadores"] if i["reportado"] is not None}
    assert reportados == {k: float(v) for k, v in ESPERADO.items()}
    assert estado["ilustrativo"] is False


@pytest.mark.parametrize(("celdas", "celda", "codigo", "mensaje"), [
    ({"F8": 1, "F10": -5}, "F10 (Valor)", "PNI307", "valor negativo (-5)"),
    ({"F8": 1, "F9": 3, "I9": "terminado"}, "I9 (Estado)", "PNI104",
     "«terminado» no es un estado; elija de la lista uno de: No iniciada, En curso, Completada, Suspendida"),
    ({"F8": 1, "F11": "=2+2"}, "F11 (Valor)", "PNI103", "contiene una fórmula sin valor calculado"),
    ({"F8": 1, "F12": "muchos"}, "F12 (Valor)", "PNI103", "se esperaba un número y se encontró el texto «muchos»"),
    ({f"F{fila(HITO_A)}": 150}, f"F{fila(HITO_A)} (Valor)", "PNI307",
     "el avance de un hito va de 0 a 100 y el valor es 150"),
    ({f"F{fila(HITO_A)}": 100}, f"F{fila(HITO_A)} (Valor)", "PNI310", "sin evidencia"),
    ({"F8": 1, "C4": "ayer"}, "C4 (Fecha de entrega)", "PNI103", "«ayer» no es una fecha; escríbala día/mes/año, "
                                                                 "p. ej. 30/01/2027"),
    ({"F8": 1, "C4": "10/01/2026"}, "C4 (Fecha de entrega)", "PNI312", "anterior al cierre del semestre 2026-S2"),
    ({"F8": 1}, "C4 (Fecha de entrega)", "PNI102", "falta la fecha de entrega"),
    ({"F8": 1, "I10": "En curso"}, "F10 (Valor)", "PNI102", "falta el Valor: la fila tiene otros datos"),
], ids=["negativo", "estado", "formula", "texto", "hito-150", "hito-sin-evidencia", "fecha", "fecha-temprana",
        "sin-fecha", "sin-valor"])
def test_importar_errores_con_hoja_y_celda(espacio: Path, formulario: bytes, celdas: dict[str, Any], celda: str,
                                           codigo: str, mensaje: str) -> None:
    archivo = llenar(formulario, espacio / "MTPS.xlsx", celdas, fecha=None if "C4" in celda and codigo == "PNI102"
                     else FECHA_XLSX)
    antes = huellas(espacio)
    r = importar_en(espacio, archivo)
    assert r.codigo == 1, r
    # importar writes a file: what it found wrong goes to standard error, nothing to standard output
    assert r.out == ""
    linea = next((x for x in r.err.splitlines() if f"Hoja Avances, celda {celda}:" in x), None)
    assert linea is not None, r.err
    assert f"error {codigo}" in linea and mensaje in linea
    assert linea.startswith(f"{archivo}: error ")
    assert "reportes[" not in r.err and ".valor" not in r.err  # Spanish field names, never internal paths
    assert "completado" not in r.err or codigo == "PNI310"  # a hito at 150 is no «completed» hito
    assert "no se importó nada" in r.err
    assert "Traceback" not in r.err
    assert huellas(espacio) == antes


def _mover_filas(formulario: bytes, destino: Path, hoja: str, accion: str, fila_: int, n: int) -> Path:
    """A form where someone took off the protection and deleted or inserted `n` rows at `fila_` of `hoja`, with
    values typed in Avances (one of them wrong)."""
    libro = load_workbook(io.BytesIO(formulario))
    libro["Avances"]["C4"] = FECHA_XLSX
    libro["Avances"]["F8"] = "muchos"
    libro["Avances"][f"F{FILA_1 + 10}"] = 4
    getattr(libro[hoja], f"{accion}_rows")(fila_, n)
    libro.save(destino)
    return destino


ULTIMA = FILA_1 + len(IDS_2026) - 1


@pytest.mark.parametrize(("hoja", "accion", "fila_", "n", "esperado"), [
    ("Avances", "delete", FILA_1 + 4, 1, f"celda A{FILA_1 + 4} (Indicador): falta la fila del indicador "
                                         f"{IDS_2026[4]}, que iba en esta fila (¿se borró?)"),
    ("Avances", "delete", FILA_1 + 4, 2, f"celda A{FILA_1 + 4} (Indicador): faltan las filas de los indicadores "
                                         f"{IDS_2026[4]} y {IDS_2026[5]}, que iban desde esta fila (¿se borraron?)"),
    ("Avances", "delete", ULTIMA, 1, f"celda A{ULTIMA} (Indicador): falta la fila del indicador {IDS_2026[-1]}"),
    ("Avances", "insert", FILA_1 + 4, 1, f"celda A{FILA_1 + 4} (Indicador): la fila {FILA_1 + 4} no es del "
                                         "formulario (¿se insertó?)"),
    ("Avances", "insert", FILA_1 + 4, 2, f"las filas {FILA_1 + 4} a {FILA_1 + 5} no son del formulario "
                                         "(¿se insertaron?)"),
    ("Actividades", "delete", 6, 1, f"Hoja Actividades, celda A6 (Actividad): falta la fila de la actividad "
                                    f"{ACTIVIDADES_2026[1]}, que iba en esta fila (¿se borró?)"),
], ids=["borrada", "dos-borradas", "ultima-borrada", "insertada", "dos-insertadas", "actividad-borrada"])
def test_una_fila_borrada_o_insertada_se_dice_una_vez(espacio: Path, formulario: bytes, hoja: str, accion: str,
                                                      fila_: int, n: int, esperado: str) -> None:
    """Deleting or inserting rows shifts every row below: one problem where the change is (not one per shifted
    row), with the fix, and the sheet's values are not read; the other sheet still is."""
    archivo = _mover_filas(formulario, espacio / "MTPS.xlsx", hoja, accion, fila_, n)
    antes = huellas(espacio)
    r = importar_en(espacio, archivo)
    assert r.codigo == 1, r
    lineas = [x for x in r.err.splitlines() if ": error PNI" in x]
    movidas = [x for x in lineas if "PNI401" in x]
    assert len(movidas) == 1, r.err
    assert esperado in movidas[0]
    assert "deshaga el cambio (Ctrl+Z) o copie los valores en un formulario nuevo" in movidas[0]
    if hoja == "Avances":  # its values are not read: F8's text is not reported
        assert lineas == movidas
    else:
        assert len(lineas) == 2 and "celda F8 (Valor): se esperaba un número" in r.err
    assert "Traceback" not in r.err
    assert huellas(espacio) == antes


def test_una_fila_agregada_para_un_indicador_que_ya_tiene_la_suya(espacio: Path, formulario: bytes) -> None:
    """A second row appended below the table for an indicator of the form (a second programme, a second
    figure): the message says where its row is and what to do, not only «hay un dato»."""
    debajo = FILA_1 + len(IDS_2026)
    archivo = llenar(formulario, espacio / "MTPS.xlsx", {"F10": 20, f"A{debajo}": IDS_2026[2], f"F{debajo}": 30})
    antes = huellas(espacio)
    r = importar_en(espacio, archivo)
    assert r.codigo == 1, r
    [linea] = [x for x in r.err.splitlines() if ": error PNI" in x]
    assert f"Hoja Avances, celda A{debajo} (Indicador): hay un dato donde el formulario no tiene nada que llenar" \
        in linea
    assert f"el indicador {IDS_2026[2]} ya tiene su fila (la {FILA_1 + 2}) y el formulario lleva una sola por " \
        "indicador: escriba en ella la cifra que pide su «Qué informar»" in linea
    assert huellas(espacio) == antes


def test_mujeres_en_un_indicador_sin_desglose(espacio: Path, formulario: bytes) -> None:
    """«Mujeres» filled in the grey cell of an indicator that is not a count of people: the message says so."""
    sin = next(i for i in IDS_2026 if i not in DE_PERSONAS)
    archivo = llenar(formulario, espacio / "MTPS.xlsx", {f"F{fila(sin)}": 4, f"G{fila(sin)}": 2})
    r = importar_en(espacio, archivo)
    assert r.codigo == 1, r
    [linea] = [x for x in r.err.splitlines() if ": error PNI" in x]
    assert f"Hoja Avances, celda G{fila(sin)} (Mujeres): hay un dato donde el formulario no tiene nada que llenar " \
        f"(«2»); no se lee: el indicador {sin} no se desglosa por sexo (por eso la celda es gris)" in linea


def test_importar_un_archivo_existente_necesita_forzar(espacio: Path, formulario: bytes) -> None:
    archivo = llenar(formulario, espacio / "MTPS.xlsx", {"F8": 1})
    ok(importar_en(espacio, archivo))
    destino = espacio / "avances" / "2026-S2" / "MTPS.yaml"
    primero = destino.read_bytes()
    archivo = llenar(formulario, espacio / "MTPS.xlsx", {"F8": 3})
    r = importar_en(espacio, archivo)
    assert r.codigo == 3
    assert "ya existe; no se sobrescribe sin --forzar" in r.err
    assert destino.read_bytes() == primero
    simulado = importar_en(espacio, archivo, "--simular")  # says what the real run would do, with its exit code
    assert simulado.codigo == 3
    assert "(ya existe: se reemplazaría solo con --forzar, de 1 reporte); no se escribió nada" in simulado.err
    assert "(reemplazaría el archivo que hay, de 1 reporte)" in importar_en(espacio, archivo, "--simular",
                                                                               "--forzar").err
    assert destino.read_bytes() == primero
    r = importar_en(espacio, archivo, "--forzar")
    ok(r)
    assert "(reemplazó el archivo que había, de 1 reporte)" in r.err  # never replaced without a word
    assert YAML(typ="safe").load(destino.read_text(encoding="utf-8"))["reportes"][0]["valor"] == 3
    assert sorted(p.name for p in destino.parent.iterdir()) == ["MTPS.yaml"]  # no temporary file left


def _libro_zip(destino: Path, archivos: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in archivos.items():
            z.writestr(nombre, datos)
    return destino


def _sin_hoja(formulario: bytes, destino: Path, hoja: str, nuevo_nombre: str | None) -> Path:
    libro = load_workbook(io.BytesIO(formulario))
    if nuevo_nombre is None:
        del libro[hoja]
    else:
        libro[hoja].title = nuevo_nombre
    libro.save(destino)
    return destino


@pytest.mark.parametrize(("hacer", "codigo", "mensaje"), [
    (lambda f, d: escribir(d, "esto no es un libro de Excel\n"), "PNI007", "no tiene el formato zip de .xlsx"),
    (lambda f, d: escribir(d, bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00basura" * 200), "PNI007",
     "es un .xls antiguo o un libro protegido con contraseña"),
    (lambda f, d: _libro_zip(d, {"hola.txt": b"hola"}), "PNI007", "es un zip pero no un libro de Excel"),
    (lambda f, d: escribir(d, f[: len(f) // 2]), "PNI007", "no es un libro de Excel .xlsx"),
    (lambda f, d: _libro_zip(d, {"xl/workbook.xml": b"<no-es-un-libro", "[Content_Types].xml": b"<x"}), "PNI007",
     "no se pudo abrir el libro"),
    (lambda f, d: _sin_hoja(f, d, "Avances", "Mis avances"), "PNI102",
     "no se encontró la hoja «Avances» (¿se renombró?); hojas del libro: Instrucciones, Mis avances, Actividades, "
     "_pni. Si «Mis avances» es esa hoja, devuélvale su nombre: doble clic en su pestaña, escriba Avances, pulse "
     "Intro"),
    (lambda f, d: _sin_hoja(f, d, "Actividades", "Lo ocurrido"), "PNI102",
     "no se encontró la hoja «Actividades» (¿se renombró o se borró?); hojas del libro: Instrucciones, Avances, "
     "Lo ocurrido, _pni. Si «Lo ocurrido» es esa hoja, devuélvale su nombre: doble clic en su pestaña, escriba "
     "Actividades"),
    (lambda f, d: _sin_hoja(f, d, "_pni", None), "PNI102", "falta la hoja oculta «_pni»"),
    (lambda f, d: _libro_zip(d, {"xl/workbook.xml": b"<x/>", "xl/relleno.bin": bytes(51 * 1024 * 1024)}), "PNI010",
     "el libro descomprimido ocuparía 53,477,380 bytes (máximo 52,428,800); no se abre"),
], ids=["texto", "xls-antiguo", "zip", "zip-cortado", "xml-roto", "hoja-renombrada", "actividades-renombrada",
        "sin-pni", "bomba-zip"])
def test_importar_archivos_que_no_son_un_formulario(espacio: Path, formulario: bytes, hacer: Any, codigo: str,
                                                    mensaje: str) -> None:
    archivo = espacio / "MTPS.xlsx"
    hacer(formulario, archivo)
    antes = huellas(espacio)
    r = importar_en(espacio, archivo)
    assert r.codigo == 1, r
    assert f"{archivo}: error {codigo} " in r.err
    assert mensaje in r.err
    assert "no se importó nada" in r.err
    assert "Traceback" not in r.err + r.out and "error interno" not in r.err
    assert huellas(espacio) == antes


def test_importar_un_archivo_que_no_existe(espacio: Path) -> None:
    r = importar_en(espacio, espacio / "no-existe.xlsx")
    assert r.codigo == 1
    assert "PNI012" in r.err and "no se puede leer el archivo" in r.err
    assert "Traceback" not in r.err


@pytest.mark.parametrize("datos", [
    {"periodo": "../../etc"}, {"institucion": "../x"}, {"institucion": "../../../x"},
    {"periodo": "2026-S2/../../../x"}, {"institucion": "MTPS/../../x"}, {"periodo": "/tmp/x"},
    {"institucion": "MTPS\n"}, {"periodo": None}, {"institucion": 7},
], ids=["periodo", "institucion", "institucion-lejos", "periodo-con-ruta", "clave-con-ruta", "absoluta",
        "salto-de-linea", "vacio", "numero"])
def test_importar_nunca_escribe_fuera_de_avances(espacio: Path, formulario: bytes, datos: dict[str, Any]) -> None:
    archivo = llenar(formulario, espacio / "formularios" / "MTPS.xlsx", {"F8": 1}, hoja_datos=datos)
    arriba = espacio.parent
    absolutos = [Path("/tmp/x.yaml"), Path("/tmp/x/MTPS.yaml"), Path("/etc/x.yaml")]
    antes, antes_arriba = huellas(espacio), {str(p) for p in arriba.rglob("*")}
    antes_absolutos = [p.exists() for p in absolutos]
    r = importar_en(espacio, archivo)
    assert r.codigo == 1, r
    assert "Hoja Avances, celda C" in r.err  # C2: institución, C3: periodo
    assert "no se importó nada" in r.err
    assert "Traceback" not in r.err
    assert huellas(espacio) == antes
    assert {str(p) for p in arriba.rglob("*")} == antes_arriba
    assert [p.exists() for p in absolutos] == antes_absolutos


def test_destino_no_sale_de_avances(tmp_path: Path) -> None:
    """Defence in depth, should the schema ever let such a value through."""
    def avance(periodo: str, institucion: str) -> Avance:
        return Avance.model_construct(periodo=periodo, institucion=institucion, fecha_reporte=FECHA_XLSX,
                                      reportes=[])

    assert importar.destino(tmp_path, avance("2026-S2", "MTPS")) == tmp_path / "avances" / "2026-S2" / "MTPS.yaml"
    with pytest.raises(ValueError):
        importar.destino(tmp_path, avance("../../etc", "MTPS"))
    for clave in ("../../../x", "a/b", "MTPS\n"):
        with pytest.raises(ErrorDeEscritura, match="no puede ser un nombre de archivo"):
            importar.destino(tmp_path, avance("2026-S2", clave))


@pytest.mark.skipif(sys.platform == "win32", reason="nombres de archivo con salto de línea")
def test_el_nombre_del_archivo_no_inyecta_yaml(espacio: Path, formulario: bytes) -> None:
    """The imported file names its origin in a comment; a line break in the file name must stay in the comment."""
    archivo = llenar(formulario, espacio / "a\nilustrativo: true\n#.xlsx", {"F8": 1})
    ok(importar_en(espacio, archivo))
    texto = (espacio / "avances" / "2026-S2" / "MTPS.yaml").read_text(encoding="utf-8")
    assert "\nilustrativo" not in texto
    assert "ilustrativo" not in YAML(typ="safe").load(texto)
    estado = json.loads(ok(correr("estado", "--formato", "json", "--corte", CORTE_XLSX, cwd=espacio)).out)
    assert estado["ilustrativo"] is False


# --- the container checks, in-process --------------------------------------------------------------------

def test_limite_de_descompresion(tmp_path: Path, formulario: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    archivo = tmp_path / "MTPS.xlsx"
    archivo.write_bytes(formulario)
    with zipfile.ZipFile(archivo) as z:
        declarado = sum(i.file_size for i in z.infolist())
    assert formulario_excel.leer(archivo, "MTPS.xlsx", PLAN).datos is not None
    monkeypatch.setenv("PNI_MAX_DESCOMPRIMIDO", str(declarado - 1))
    lec = formulario_excel.leer(archivo, "MTPS.xlsx", PLAN)
    assert lec.datos is None
    [p] = lec.problemas
    assert p.codigo == "PNI010"
    assert f"ocuparía {declarado:,} bytes (máximo {declarado - 1:,}); no se abre" in p.mensaje
    monkeypatch.setenv("PNI_MAX_DESCOMPRIMIDO", str(declarado))
    assert formulario_excel.revisar_contenedor(archivo, "MTPS.xlsx") is None


@pytest.mark.parametrize(("valor", "formato", "esperado"), [
    (5, "General", 5), (5.0, "General", 5), (2.5, "General", 2.5), ("5,000", "General", 5000),
    ("5,000.5", "General", 5000.5), ("1,5", "General", 1.5), ("1.250.000", "General", 1250000),
    ("1.250,5", "General", 1250.5), (" 7 ", "General", 7), ("7\u00a0000", "General", 7000), ("1.250", "General", 1.25),
    ("-3", "General", -3),
])
def test_numeros_escritos_como_en_excel(valor: Any, formato: str, esperado: Any) -> None:
    obtenido = formulario_excel.leer_numero(valor, formato)
    assert isinstance(obtenido, formulario_excel.Numero) and not obtenido.porcentaje
    assert obtenido.valor == esperado
    assert type(obtenido.valor) is type(esperado)


@pytest.mark.parametrize(("valor", "formato", "esperado"), [
    ("75 %", "General", 75), ("75%", "General", 75), ("12,5 %", "General", 12.5), (0.75, "0%", 75),
    (0.125, "0.0%", 12.5), (0.755, "0.0 %", 75.5),
])
def test_porcentajes_escritos_como_en_excel(valor: Any, formato: str, esperado: Any) -> None:
    obtenido = formulario_excel.leer_numero(valor, formato)
    assert isinstance(obtenido, formulario_excel.Numero) and obtenido.porcentaje
    assert obtenido.valor == esperado and type(obtenido.valor) is type(esperado)
    assert formulario_excel.valor_de_indicador(obtenido, "hito", None) == (esperado, None)
    valor_, (codigo, mensaje) = formulario_excel.valor_de_indicador(obtenido, "conteo", "estudios")  # type: ignore[misc]
    assert valor_ is None and codigo == "PNI406" and "este indicador es un conteo (estudios)" in mensaje


@pytest.mark.parametrize(("valor", "mensaje"), [
    ("muchos", "se esperaba un número y se encontró el texto «muchos»"), (True, "VERDADERO o FALSO"),
    ("nan", "«nan» no es un número"), ("inf", "«inf» no es un número"), ("-Infinity", "no es un número"),
    (float("nan"), "infinito o NaN"), (float("inf"), "infinito o NaN"), ("N/A", "deje vacía toda la fila"),
    ("260 personas", "escriba solo el número (260), sin unidades"), ("1e5", "sin exponente"),
    ("１２", "escriba «12»"), (dt.datetime(2027, 1, 1), "formato de fecha"),
])
def test_lo_que_no_es_un_numero_se_rechaza_con_la_correccion(valor: Any, mensaje: str) -> None:
    obtenido = formulario_excel.leer_numero(valor, "General")
    assert isinstance(obtenido, str) and mensaje in obtenido, obtenido


@pytest.mark.parametrize(("valor", "formato", "sugerencia"), [
    ("1.250", "General", "1.250 → ¿1250?"), (1.25, "General", "1.250 → ¿1250?"), (12.5, "General", "12.500 → ¿12500?"),
    ("2,5", "General", "escriba un número entero"),
])
def test_un_conteo_con_decimales_propone_la_lectura_probable(valor: Any, formato: str, sugerencia: str) -> None:
    n = formulario_excel.leer_numero(valor, formato)
    assert isinstance(n, formulario_excel.Numero)
    assert formulario_excel.valor_de_indicador(n, "promedio", "días") == (n.valor, None)  # an average may
    v, (codigo, mensaje) = formulario_excel.valor_de_indicador(n, "conteo", "participantes")  # type: ignore[misc]
    assert v is None and codigo == "PNI405"
    assert "no es un número entero, y este indicador es un conteo (participantes)" in mensaje
    assert sugerencia in mensaje


def _c(valor: Any, formato: str = "General") -> Celda:
    return Celda(valor, "n" if isinstance(valor, int | float) else "s", formato)


@pytest.mark.parametrize("valor", [dt.datetime(2027, 1, 14, 0, 0), dt.datetime(2027, 1, 14, 16, 45), "14/01/2027",
                                   "2027-01-14", "14-01-2027", "14/01/27", serie(dt.date(2027, 1, 14)),
                                   float(serie(dt.date(2027, 1, 14)))])
def test_fechas_escritas_como_en_excel(valor: Any) -> None:
    assert formulario_excel.leer_fecha(_c(valor), False) == dt.date(2027, 1, 14)
    assert formulario_excel.leer_fecha(_c(serie(dt.date(2027, 1, 14)) - 1462, "dd/mm/yyyy"), True) == \
        dt.date(2027, 1, 14)  # the 1904 date system of old Excel for Mac


def test_una_fecha_ilegible_se_explica() -> None:
    assert "«ayer» no es una fecha" in str(formulario_excel.leer_fecha(_c("ayer"), False))
    assert "7 no es una fecha" in str(formulario_excel.leer_fecha(_c(7), False))  # not a plausible serial date
    assert formulario_excel.leer_fecha(None, False) is None
    # the example is the form's deadline; a month/day/year date is turned round
    assert "p. ej. 30/07/2027 (o AAAA-MM-DD)" in str(formulario_excel.leer_fecha(_c("ayer"), False, "30/07/2027"))
    assert formulario_excel.leer_fecha(_c("07/15/2027"), False) == ("«07/15/2027» no es una fecha día/mes/año (no hay "
                                                                   "mes 15): ¿es mes/día/año? Escríbala 15/07/2027")
