"""The Excel form as focal points fill it and analysts import it, beyond one cell at a time: every problem of a form
in one run, the batch round trip (`pni plantilla --todas`, `pni importar` of several files or a folder, one bad
file never stopping the others, `--simular`), the messages the institutions' guide shows, a form saved again by
LibreOffice, and the property that whatever `pni importar` writes, `pni validar` accepts."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from ruamel.yaml import YAML

from pni_cli.checks import Contexto, revisar_avance
from pni_cli.importar import revisar_formulario
from pni_cli.lectura import formulario_excel
from pni_cli.lectura.espacio import cargar_avance, cargar_plan
from pni_cli.periodos import Semestre
from pni_cli.problemas import Severidad
from pni_cli.render.avance_yaml import yaml_avance
from pni_cli.render.plantilla_xlsx import xlsx_plantilla
from tests.conftest import REPO, Salida, correr, huellas

CORTE = "2027-01-31"
PLAN = cargar_plan(REPO)[0]
assert PLAN is not None


def _form(clave: str, periodo: str) -> bytes:
    return xlsx_plantilla(PLAN, clave, Semestre.leer(periodo))  # type: ignore[arg-type]


MTPS = _form("MTPS", "2026-S2")


def llenar(destino: Path, celdas: dict[str, Any], *, form: bytes = MTPS, fecha: Any = dt.date(2027, 1, 14),
           formatos: dict[str, str] | None = None, combinar: str | None = None) -> Path:
    libro = load_workbook(io.BytesIO(form))
    hoja = libro["Avances"]
    if fecha is not None:
        hoja["C4"] = fecha
    for ref, v in celdas.items():
        hoja[ref] = v
    for ref, f in (formatos or {}).items():
        hoja[ref].number_format = f
    if combinar:
        hoja.merge_cells(combinar)
    destino.parent.mkdir(parents=True, exist_ok=True)
    libro.save(destino)
    return destino


def fila(form: bytes, id_: str) -> int:
    hoja = load_workbook(io.BytesIO(form))["Avances"]
    return next(r for r in range(8, hoja.max_row + 1) if hoja.cell(r, 1).value == id_)


def errores(r: Salida) -> list[str]:
    return [x for x in r.err.splitlines() if ": error PNI" in x]


# --- every problem at once ----------------------------------------------------------------------------------------

def test_un_formulario_con_errores_de_tipo_y_de_valor_los_dice_todos_en_una_vuelta(espacio: Path) -> None:
    """The issue's waves: 4 type errors, then (once fixed) a negative count, a hito at 100 without evidence and a
    hito at 150. All seven come in the first run, in sheet and cell order, in a form's words."""
    celdas = {"F8": "muchos", "F9": "nan", "F10": "1.250", "F11": "75 %",  # four that are not what a count takes
              "F12": -5, "F21": 100, "F22": 150}  # 3.4.2.a is a hito; F22 (3.4.2.b) counts updates
    archivo = llenar(espacio / "MTPS.xlsx", celdas)
    antes = huellas(espacio)
    r = correr("importar", str(archivo), "--corte", CORTE, cwd=espacio)
    assert r.codigo == 1, r
    lineas = errores(r)
    celdas_con_error = [re.search(r"celda ([A-Z]+[0-9]+)", x)[1] for x in lineas]  # type: ignore[index]
    assert celdas_con_error == ["F8", "F9", "F10", "F11", "F12", "F21"], r.err  # F22: 150 updates is a valid count
    codigos = [re.search(r"error (PNI[0-9]+)", x)[1] for x in lineas]  # type: ignore[index]
    assert codigos == ["PNI103", "PNI103", "PNI405", "PNI406", "PNI307", "PNI310"]
    assert all("(Valor): " in x for x in lineas)
    assert not re.search(r"reportes\[|\.valor|fecha_reporte", r.err)
    assert "6 errores, 0 avisos" in r.err
    assert huellas(espacio) == antes


def test_un_hito_a_150_se_rechaza_sin_llamarlo_completado(espacio: Path) -> None:
    hito = fila(MTPS, "3.4.2.a")
    r = correr("importar", str(llenar(espacio / "MTPS.xlsx", {f"F{hito}": 150})), "--corte", CORTE, cwd=espacio)
    assert r.codigo == 1
    [linea] = errores(r)
    assert "el avance de un hito va de 0 a 100 y el valor es 150" in linea
    assert "completado" not in r.err


def test_el_resumen_dice_lo_que_falta_y_simular_no_escribe(espacio: Path) -> None:
    archivo = llenar(espacio / "recibidos" / "MTPS.xlsx", {"F8": 3, "F10": 1250, "G10": 700, "H10": 550})
    antes = huellas(espacio)
    r = correr("importar", str(archivo), "--corte", CORTE, "--dry-run", cwd=espacio)
    assert r.codigo == 0, r
    assert huellas(espacio) == antes  # nothing written
    assert r.out.startswith("# --- avances/2026-S2/MTPS.yaml (simulación: no se escribió) ---\n")
    doc = YAML(typ="safe").load(r.out)
    assert [x["indicador"] for x in doc["reportes"]] == ["1.4.1.a", "1.4.2.a"]
    assert "Simulación: 2 reportes se escribirían en avances/2026-S2/MTPS.yaml; no se escribió nada" in r.err
    assert "Faltan 18 de los 20 indicadores que MTPS debe en 2026-S2" in r.err
    assert "la entrega contará como incompleta" in r.err
    # the same with --simular, then for real: the file is what the simulation showed
    simulado = correr("importar", str(archivo), "--corte", CORTE, "--simular", cwd=espacio)
    assert simulado.out == r.out
    assert correr("importar", str(archivo), "--corte", CORTE, cwd=espacio).codigo == 0
    escrito = (espacio / "avances/2026-S2/MTPS.yaml").read_text(encoding="utf-8")
    assert r.out.split("---\n", 1)[1] == escrito
    again = correr("importar", str(archivo), "--corte", CORTE, "--simular", cwd=espacio)
    assert "(ya existe: se reemplazaría solo con --forzar, de 2 reportes)" in again.err
    assert again.codigo == 3  # what the real run would answer


def test_simular_un_solo_reporte_lo_dice_en_singular(espacio: Path) -> None:
    archivo = llenar(espacio / "MTPS.xlsx", {"F8": 3})
    r = correr("importar", str(archivo), "--corte", CORTE, "--simular", cwd=espacio)
    assert r.codigo == 0, r
    assert "Simulación: 1 reporte se escribiría en avances/2026-S2/MTPS.yaml; no se escribió nada" in r.err


# --- the batch round trip -----------------------------------------------------------------------------------------

def test_plantilla_todas_escribe_el_formulario_de_cada_institucion_que_debe(espacio: Path) -> None:
    from pni_cli.formulario import debidos

    sem = Semestre.leer("2026-S2")
    deben = sorted(c for c in PLAN.instituciones if debidos(PLAN, c, sem))  # type: ignore[union-attr]
    assert len(deben) > 20
    carpeta = espacio / "formularios"
    r = correr("plantilla", "--todas", "--periodo", "2026-S2", "--formato", "xlsx", "--salida", str(carpeta),
               cwd=espacio)
    assert r.codigo == 0, r
    assert sorted(p.name for p in carpeta.iterdir()) == sorted(f"{c}-2026-S2.xlsx" for c in deben)
    assert f"{len(deben)} formularios de 2026-S2 escritos en {carpeta}" in r.err
    assert (carpeta / "MTPS-2026-S2.xlsx").read_bytes() == MTPS  # the same form as one at a time
    # nothing is overwritten without --forzar, and then nothing is written at all
    (carpeta / "MTPS-2026-S2.xlsx").write_bytes(b"mio")
    antes = huellas(carpeta)
    r = correr("plantilla", "--todas", "--periodo", "2026-S2", "--formato", "xlsx", "--salida", str(carpeta),
               cwd=espacio)
    assert r.codigo == 3 and "no se sobrescriben sin --forzar; no se escribió ninguno" in r.err
    assert huellas(carpeta) == antes
    yaml = espacio / "yaml"
    assert correr("plantilla", "--todas", "--periodo", "2026-S2", "--salida", str(yaml), cwd=espacio).codigo == 0
    assert (yaml / "MTPS-2026-S2.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server:")


@pytest.mark.parametrize(("args", "mensaje"), [
    (("--todas", "--periodo", "2026-S2"), "--todas necesita --salida CARPETA"),
    (("--todas", "--institucion", "MTPS", "--periodo", "2026-S2", "--salida", "x"), "use --institucion o --todas"),
    (("--periodo", "2026-S2"), "falta la opción --institucion"),
])
def test_plantilla_todas_uso_incorrecto(espacio: Path, args: tuple[str, ...], mensaje: str) -> None:
    r = correr("plantilla", *args, cwd=espacio)
    assert r.codigo == 2 and mensaje in r.err, r


def test_importar_una_carpeta_importa_los_buenos_y_dice_por_que_no_los_malos(espacio: Path) -> None:
    recibidos = espacio / "recibidos"
    llenar(recibidos / "MTPS-2026-S2.xlsx", {"F8": 3})
    llenar(recibidos / "ISDEMU-2026-S2.xlsx", {"F8": 40}, form=_form("ISDEMU", "2026-S2"))
    llenar(recibidos / "DGME-2026-S2.xlsx", {"F8": "muchos"}, form=_form("DGME", "2026-S2"))
    (recibidos / "CORSATUR-2026-S2.ods").write_bytes(b"PK\x03\x04 no es un libro")
    (recibidos / "~$MTPS-2026-S2.xlsx").write_bytes(b"bloqueo de Excel")  # Excel's lock file: not a form
    (recibidos / "notas.txt").write_text("no es un formulario", encoding="utf-8")
    r = correr("importar", str(recibidos), "--corte", CORTE, cwd=espacio)
    assert r.codigo == 1, r
    assert sorted(huellas(espacio / "avances")) == ["2026-S2/ISDEMU.yaml", "2026-S2/MTPS.yaml"]
    assert f"Importado {recibidos / 'ISDEMU-2026-S2.xlsx'}: 1 reporte en avances/2026-S2/ISDEMU.yaml" in r.err
    assert f"Importado {recibidos / 'MTPS-2026-S2.xlsx'}: 1 reporte en avances/2026-S2/MTPS.yaml" in r.err
    assert f"No se importó {recibidos / 'DGME-2026-S2.xlsx'}: 1 error, 0 avisos" in r.err
    assert f"{recibidos / 'DGME-2026-S2.xlsx'}: error PNI103" in r.err
    assert f"No se importó {recibidos / 'CORSATUR-2026-S2.ods'}: 1 error" in r.err
    assert "Importados 2 de 4 formularios; no se importaron 2: CORSATUR-2026-S2.ods, DGME-2026-S2.xlsx." in r.err
    assert "~$" not in r.err and "notas.txt" not in r.err
    assert "Traceback" not in r.err


def test_dos_formularios_de_la_misma_institucion_no_se_importa_ninguno(espacio: Path) -> None:
    a = llenar(espacio / "a.xlsx", {"F8": 3})
    b = llenar(espacio / "b.xlsx", {"F8": 4})
    r = correr("importar", str(a), str(b), "--corte", CORTE, "--forzar", cwd=espacio)
    assert r.codigo == 1
    assert huellas(espacio / "avances") == {}
    assert "a.xlsx y " in r.err and "son formularios de MTPS para 2026-S2: no se importa ninguno" in r.err


def test_un_archivo_existente_no_detiene_los_demas(espacio: Path) -> None:
    a = llenar(espacio / "MTPS.xlsx", {"F8": 3})
    b = llenar(espacio / "ISDEMU.xlsx", {"F8": 40}, form=_form("ISDEMU", "2026-S2"))
    assert correr("importar", str(a), "--corte", CORTE, cwd=espacio).codigo == 0
    primero = (espacio / "avances/2026-S2/MTPS.yaml").read_bytes()
    r = correr("importar", str(a), str(b), "--corte", CORTE, cwd=espacio)
    assert r.codigo == 3, r
    assert "ya existe; no se sobrescribe sin --forzar" in r.err
    assert (espacio / "avances/2026-S2/MTPS.yaml").read_bytes() == primero
    assert (espacio / "avances/2026-S2/ISDEMU.yaml").is_file()


# --- what the institutions' guide shows ---------------------------------------------------------------------------

def test_los_mensajes_de_la_guia_de_instituciones_son_los_de_pni(espacio: Path) -> None:
    guia = (REPO / "docs" / "guia-instituciones.md").read_text(encoding="utf-8")
    bloque = guia.split("## 8. Si usa el formulario Excel", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    esperadas = bloque.splitlines()
    form = _form("ISDEMU", "2026-S1")
    uno = llenar(espacio / "ISDEMU-2026-S1.xlsx", {"F8": 150, "F9": "75 %", "F11": "1.250", "I10": "terminado",
                                                     "J9": "https://example.org/a", "K9": "oculto"},
                 form=form, fecha=dt.date(2026, 7, 14), combinar="J9:K9")
    r1 = correr("importar", str(uno.name), "--corte", "2026-07-31", cwd=espacio)
    dos = llenar(espacio / "otro" / "ISDEMU-2026-S1.xlsx", {"F11": 260, "G11": 150, "H11": 100}, form=form,
                 fecha=dt.date(2026, 7, 14))
    r2 = correr("importar", "ISDEMU-2026-S1.xlsx", "--corte", "2026-07-31", cwd=dos.parent)
    reales = errores(r1) + errores(r2)
    for linea in esperadas:
        assert linea in reales, (linea, reales)


# --- a form saved again by LibreOffice ----------------------------------------------------------------------------

def test_un_formulario_guardado_de_nuevo_por_libreoffice_se_importa_igual(espacio: Path, tmp_path: Path) -> None:
    """Without LibreOffice the test is skipped with the reason; in CI (the variable CI set) it fails instead."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("CI: no se encuentra soffice (Debian: apt-get install libreoffice-calc-nogui; .ci/run lo "
                        "instala)")
        pytest.skip("LibreOffice (soffice) no está instalado")
    archivo = llenar(tmp_path / "lleno.xlsx", {"F8": 2, "I8": "En curso", "J8": "https://example.org/a\nref. 12",
                                               "F10": 1250, "G10": 700, "H10": 550, "F21": 0.75},
                     formatos={"F21": "0%"})
    salida = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'perfil'}", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(salida), str(archivo)], check=True,
                   capture_output=True, timeout=180)
    r = correr("importar", str(salida / "lleno.xlsx"), "--corte", CORTE, cwd=espacio)
    assert r.codigo == 0, r
    doc = YAML(typ="safe").load((espacio / "avances/2026-S2/MTPS.yaml").read_text(encoding="utf-8"))
    assert {x["indicador"]: x["valor"] for x in doc["reportes"]} == {"1.4.1.a": 2, "1.4.2.a": 1250, "3.4.2.a": 75}
    assert doc["reportes"][0]["evidencia"] == ["https://example.org/a", "ref. 12"]
    assert doc["reportes"][1]["desglose"] == {"sexo": {"mujeres": 700, "hombres": 550}}


# --- whatever importar writes, validar accepts --------------------------------------------------------------------

_TEXTOS_NUMERO = st.one_of(
    st.sampled_from(["1.250", "1,250", "5,000", "12,5", "75 %", "75%", "0,5 %", "nan", "-inf", "inf", "N/A", "—",
                     "260 personas", "1e5", "1.250.000", "1.250,5", "  7 ", "7 000", "-3", "+4", ".5", "100", "150 %",
                     "0", "00", "١٢", "１２", "", " "]),
    st.from_regex(r"-?[0-9]{1,4}([.,][0-9]{1,3})? ?%?", fullmatch=True),
)
_VALORES = st.one_of(
    st.none(), st.integers(-10, 10**13), st.floats(allow_nan=True, allow_infinity=True, width=64), st.booleans(),
    _TEXTOS_NUMERO, st.just(dt.datetime(2027, 1, 1)),
)
# mostly what a careful person types, sometimes anything: so that many forms are imported and then checked
_BUENOS = st.one_of(st.integers(0, 10**6), st.integers(0, 100), st.integers(0, 100).map(float),
                    st.sampled_from(["5,000", "1,250", "  7 ", "7 000", "100", "0", "75 %", "12,5"]))
_CELDA = st.one_of(_BUENOS, _BUENOS, _BUENOS, _VALORES)
_FORMATOS = st.sampled_from(["General", "0%", "0.0%", "0.00", "dd/mm/yyyy", '"%"0', "#,##0"])
_TEXTO = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_ESTADOS = st.one_of(st.none(), st.sampled_from(["En curso", "en_curso", "EN CURSO", "Completada", "No iniciada",
                                                 "suspendida", "terminado", "x"]), _TEXTO)
_FECHAS = st.one_of(st.sampled_from([dt.date(2027, 1, 14), "14/01/2027", 46401, "2027-01-20"]),
                    st.dates(dt.date(2026, 6, 1), dt.date(2027, 3, 1)), st.none(),
                    st.sampled_from(["01/14/2027", "ayer", "31/02/2027"]), st.integers(40000, 50000))
# rows of the MTPS 2026-S2 form: counts of people (with Mujeres and Hombres), of other things, a hito
_FILAS = (8, 10, 15, 21, 22)


def _limpio(v: Any) -> Any:
    """What openpyxl can store: no character XML 1.0 cannot hold."""
    if isinstance(v, str):
        return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "", v)
    return v


def _fila(personas: bool) -> st.SearchStrategy[dict[str, Any] | None]:
    """One row: empty, filled as a person would (the breakdown only where the form offers it), or anything."""
    opcionales = {"I": _ESTADOS, "J": _TEXTO, "K": _TEXTO, **({"G": _CELDA, "H": _CELDA} if personas else {})}
    llena = st.fixed_dictionaries({"F": _CELDA}, optional=opcionales)
    return st.one_of(st.none(), llena, llena, st.dictionaries(st.sampled_from("FGHIJK"), _VALORES, max_size=3))


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                  HealthCheck.function_scoped_fixture])
@given(filas=st.tuples(*[_fila(n in (10, 15)) for n in _FILAS]),
       formatos=st.dictionaries(st.sampled_from([f"F{f}" for f in _FILAS] + ["G10", "C4"]), _FORMATOS, max_size=2),
       fecha=_FECHAS)
def test_lo_que_importar_escribe_validar_lo_acepta(tmp_path_factory: pytest.TempPathFactory,
                                                   filas: tuple[dict[str, Any] | None, ...],
                                                   formatos: dict[str, str], fecha: Any) -> None:
    celdas = {f"{c}{n}": v for n, fila_ in zip(_FILAS, filas, strict=True) for c, v in (fila_ or {}).items()}
    carpeta = tmp_path_factory.mktemp("prop")
    archivo = llenar(carpeta / "MTPS.xlsx", {k: _limpio(v) for k, v in celdas.items()}, fecha=fecha,
                     formatos=formatos)
    corte = dt.date(2027, 1, 31)
    lec = formulario_excel.leer(archivo, "MTPS.xlsx", PLAN)  # type: ignore[arg-type]
    if lec.datos is None:
        return
    avance, problemas = revisar_formulario(PLAN, lec, "MTPS.xlsx", corte)  # type: ignore[arg-type]
    if avance is None or any(p.severidad is Severidad.ERROR for p in [*lec.problemas, *problemas]):
        return  # refused: nothing is written
    destino = carpeta / "avances" / "2026-S2" / "MTPS.yaml"
    destino.parent.mkdir(parents=True)
    destino.write_text(yaml_avance(avance, archivo.name), encoding="utf-8")
    leido = cargar_avance(destino, carpeta)
    assert leido.avance is not None, leido.problemas
    assert not [p for p in leido.problemas if p.severidad is Severidad.ERROR]
    assert not [p for p in revisar_avance(leido, Contexto(PLAN, corte)) if p.severidad is Severidad.ERROR]
    assert leido.avance == avance  # and it reads back as exactly what was imported
    for rep in avance.reportes:  # each value as meant: a count is a whole number, never a percentage
        if PLAN.indicadores[rep.indicador].meta.tipo == "conteo":  # type: ignore[union-attr]
            assert float(rep.valor).is_integer()
