"""What pni promises beyond each bad input (README, «Qué garantiza pni»): limits that hold and can be raised,
Excel read only through defusedxml, outputs that cannot hurt, and a run interrupted by a signal that leaves no
partial file behind."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pni_cli.lectura import formulario_excel as importar
from tests.cli.test_catalogo_malos import ATAQUES, BASE, CASOS, _formulario, correr, sin_traceback
from tests.conftest import REPO, escribir, huellas

CORTE = "2026-11-23"
POSIX = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="señales POSIX")


# --- limits ----------------------------------------------------------------------------------------------------

def _grande(espacio: Path) -> Path:
    """A valid progress file of about 6 MB (a long list of very long evidence references, each within the bounds of
    pni_cli/lectura/estructura.py: 650 of 9,541 characters)."""
    return escribir(espacio / "avances/2025-S1/MTPS.yaml",
                    BASE + "    evidencia:\n" + ("      - https://www.transparencia.gob.sv/" + "d" * 9500 + "\n") * 650)


def test_el_limite_de_tamano_se_sube_con_pni_max_bytes(espacio: Path) -> None:
    archivo = _grande(espacio)
    r = correr("validar", "--corte", CORTE, cwd=espacio)
    sin_traceback(r)
    assert r.codigo == 1
    assert re.search(r"^avances/2025-S1/MTPS\.yaml: error PNI010 \[limite-excedido\] el archivo pesa [\d,]+ bytes y "
                     r"el máximo es 1,048,576; .*PNI_MAX_BYTES", r.out, re.M), r.out
    r = correr("validar", "--corte", CORTE, cwd=espacio, env={"PNI_MAX_BYTES": str(archivo.stat().st_size)})
    sin_traceback(r)
    assert r.codigo == 0, r.out
    assert "Todo en orden" in r.out


def test_el_limite_de_anidamiento_se_sube_con_pni_max_profundidad(espacio: Path) -> None:
    escribir(espacio / "avances/2025-S1/MTPS.yaml", BASE + "x: " + "[" * 60 + "]" * 60 + "\n")
    r = correr("validar", "--corte", CORTE, cwd=espacio)
    sin_traceback(r)
    assert r.codigo == 1
    assert "avances/2025-S1/MTPS.yaml:10:44: error PNI010 [limite-excedido] más de 40 niveles de anidamiento" in r.out
    assert "PNI_MAX_PROFUNDIDAD" in r.out
    r = correr("validar", "--corte", CORTE, cwd=espacio, env={"PNI_MAX_PROFUNDIDAD": "100"})
    sin_traceback(r)
    assert "PNI010" not in r.out
    assert "avances/2025-S1/MTPS.yaml:10:1: error PNI101 [campo-desconocido] campo «x» desconocido" in r.out


@pytest.mark.parametrize("variable", ["PNI_MAX_BYTES", "PNI_MAX_PROFUNDIDAD"])
def test_un_limite_mal_escrito_es_un_error_de_uso(espacio: Path, variable: str) -> None:
    r = correr("validar", "--corte", CORTE, cwd=espacio, env={variable: "5MB"})
    sin_traceback(r)
    assert r.codigo == 2
    assert variable in r.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="sin tuberías con nombre")
def test_estado_y_validar_de_la_carpeta_no_esperan_a_una_tuberia(espacio: Path) -> None:
    os.mkfifo(espacio / "avances" / "tubo.yaml")
    os.symlink(espacio / "no-existe.yaml", espacio / "avances" / "roto.yaml")
    r = correr("validar", "--corte", CORTE, cwd=espacio, tiempo=30)
    sin_traceback(r)
    assert r.codigo == 1
    assert "avances/tubo.yaml: error PNI012 [archivo-ilegible] no se puede leer el archivo: es una tubería" in r.out
    assert "avances/roto.yaml: error PNI012 [archivo-ilegible] no se puede leer el archivo: no existe" in r.out
    r = correr("estado", "--corte", CORTE, cwd=espacio, tiempo=30)
    sin_traceback(r)
    assert r.codigo == 0 and "avances/roto.yaml" in r.out and "avances/tubo.yaml" in r.out


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="enlaces simbólicos POSIX")
def test_un_enlace_a_un_archivo_fuera_del_espacio_no_se_lee(espacio: Path,
                                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    """A pull request can add a symbolic link in avances/ to a file of the CI machine: what pni would quote of it
    (a key, a value) would end up in a public log. It is refused unread, in validar and in estado."""
    secreto = tmp_path_factory.mktemp("fuera") / "id_rsa"
    escribir(secreto, "clave-privada-secreta: [\n")
    (espacio / "avances" / "2025-S1").mkdir(parents=True)
    os.symlink(secreto, espacio / "avances" / "2025-S1" / "MTPS.yaml")
    r = correr("validar", "--corte", CORTE, cwd=espacio)
    sin_traceback(r)
    assert r.codigo == 1
    assert "avances/2025-S1/MTPS.yaml: error PNI012 [archivo-ilegible] no se lee: es un enlace simbólico a un " \
           "archivo fuera del espacio de trabajo" in r.out
    r = correr("estado", "--corte", CORTE, cwd=espacio)
    assert r.codigo == 0 and "avances/2025-S1/MTPS.yaml" in r.out
    for salida in (r.out, r.err):
        assert "secreta" not in salida and "fuera" not in salida.replace("fuera del espacio", "")
    r = correr("validar", str(secreto), "--corte", CORTE, cwd=espacio)  # named by the user: read, as asked
    assert "PNI012" not in r.out and "PNI001" in r.out


@pytest.mark.skipif(sys.platform == "win32", reason="un nombre de archivo con salto de línea")
def test_un_nombre_de_archivo_con_salto_de_linea_no_parte_la_salida(espacio: Path) -> None:
    escribir(espacio / "avances" / "2025-S1" / "MT\nPS.yaml", "periodo: [\n")
    r = correr("validar", "--corte", CORTE, cwd=espacio)
    sin_traceback(r)
    [linea] = [x for x in r.out.splitlines() if "PNI001" in x]
    assert linea.startswith("avances/2025-S1/MT\\nPS.yaml:1:")
    assert r.out.count("\n") == 2  # the problem and the summary: nothing else


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="sin /dev/zero")
def test_validar_un_dispositivo_no_lo_lee_sin_fin(espacio: Path) -> None:
    r = correr("validar", "/dev/zero", "--corte", CORTE, cwd=espacio, tiempo=30)
    sin_traceback(r)
    assert r.codigo == 1
    assert "/dev/zero: error PNI012" in r.out


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="sin /dev/zero")
def test_importar_un_dispositivo_no_lo_lee(espacio: Path) -> None:
    r = correr("importar", "/dev/zero", cwd=espacio, tiempo=30)
    sin_traceback(r)
    assert r.codigo == 1
    assert "/dev/zero: error PNI012 [archivo-ilegible] no se puede leer el archivo: no es un archivo normal" in \
        r.out + r.err


def test_el_limite_de_descompresion_se_cambia_con_pni_max_descomprimido(espacio: Path) -> None:
    archivo = espacio / "MTPS.xlsx"
    archivo.write_bytes(_formulario())
    antes = huellas(espacio)
    r = correr("importar", "MTPS.xlsx", cwd=espacio, env={"PNI_MAX_DESCOMPRIMIDO": "10000"})
    sin_traceback(r)
    assert r.codigo == 1
    assert re.search(r"MTPS\.xlsx: error PNI010 \[limite-excedido\] el archivo pesa [\d,]+ bytes \(máximo 10,000\); "
                     r"no se abre\. .*PNI_MAX_DESCOMPRIMIDO", r.out + r.err), r.out + r.err
    for malo in ("50MB", "0", "-1", "mucho"):
        r = correr("importar", "MTPS.xlsx", cwd=espacio, env={"PNI_MAX_DESCOMPRIMIDO": malo})
        sin_traceback(r)
        assert r.codigo == 2
        assert f"la variable de entorno PNI_MAX_DESCOMPRIMIDO=«{malo}» no es válida" in r.err
    assert huellas(espacio) == antes


def _zip(archivo: Path, miembros: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(archivo, "w", zipfile.ZIP_DEFLATED) as z:
        for nombre, datos in miembros.items():
            z.writestr(nombre, datos)
    return archivo


def test_razon_de_compresion_por_parte(tmp_path: Path) -> None:
    """Each part is checked, not only the total: one that inflates more than 100 times, to more than a megabyte,
    is refused; small parts and parts that barely compress are not."""
    libro = b"<workbook/>"
    assert importar.revisar_contenedor(_zip(tmp_path / "a.xlsx", {"xl/workbook.xml": libro,
                                                                  "xl/media/ceros.bin": bytes(1 << 20)}), "a") is None
    assert importar.revisar_contenedor(_zip(tmp_path / "b.xlsx", {"xl/workbook.xml": libro,
                                                                  "xl/media/foto.png": os.urandom(3 << 20)}),
                                       "b") is None
    p = importar.revisar_contenedor(_zip(tmp_path / "c.xlsx", {"xl/workbook.xml": libro,
                                                               "xl/media/ceros.bin": bytes(2 << 20)}), "c")
    assert p is not None and p.codigo == "PNI010"
    assert "«xl/media/ceros.bin» se descomprime a 2,097,152 bytes" in p.mensaje
    assert "parece una bomba de compresión" in p.mensaje


def test_un_nombre_de_parte_hostil_no_ensucia_el_mensaje(tmp_path: Path) -> None:
    p = importar.revisar_contenedor(_zip(tmp_path / "a.xlsx", {"xl/workbook.xml": b"<w/>",
                                                               "x\n\x1b[31mrojo\r.bin": bytes(2 << 20)}), "a")
    assert p is not None and p.codigo == "PNI010"
    assert not re.search(r"[\x00-\x1f\x7f]", p.mensaje)


# --- Excel through defusedxml ------------------------------------------------------------------------------------

def test_defusedxml_es_una_dependencia_y_openpyxl_lo_usa() -> None:
    proyecto = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(re.match(r"defusedxml\b", d) for d in proyecto["project"]["dependencies"])
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def test_importar_se_niega_a_leer_sin_defusedxml(espacio: Path) -> None:
    (espacio / "MTPS.xlsx").write_bytes(_formulario())
    antes = huellas(espacio)
    # openpyxl reads OPENPYXL_DEFUSEDXML when it is imported: a process of its own
    r = correr("importar", "MTPS.xlsx", cwd=espacio, env={"OPENPYXL_DEFUSEDXML": "False"}, tiempo=60)
    sin_traceback(r)
    assert r.codigo == 2
    assert r.err.startswith("pni: pni importar necesita el paquete defusedxml")
    assert "No se leyó el libro ni se importó nada" in r.err
    assert huellas(espacio) == antes


def test_un_libro_guardado_con_otra_extension_se_lee_por_su_contenido(espacio: Path) -> None:
    """openpyxl refuses a path whose extension is not .xlsx, in English; pni reads the file itself."""
    libro = load_workbook(io.BytesIO(_formulario()))
    libro["Avances"]["C4"] = "14/01/2027"
    libro["Avances"]["F8"] = 3
    libro.save(espacio / "MTPS-2026-S2.XLS")
    r = correr("importar", "MTPS-2026-S2.XLS", "--corte", "2027-01-31", cwd=espacio)
    sin_traceback(r)
    assert r.codigo == 0, r
    assert (espacio / "avances/2026-S2/MTPS.yaml").is_file()


# --- outputs that cannot hurt ------------------------------------------------------------------------------------

def test_solo_salida_py_escribe_archivos() -> None:
    """Every output file is written by salida.escribir_atomico (temporary file, fsync, os.replace, never over an
    existing file without --forzar, never through a link). repositorio.py writes nothing (what it reads from git is
    loaded from memory); cache.py only its own file in the cache folder, outside the workspace (atomically too:
    tests/unit/lectura/test_cache.py)."""
    permitidos = {"salida.py", "cache.py"}
    patron = re.compile(r"\.write_text\(|\.write_bytes\(|open\([^)]*[\"'](?:w|a|x|wb|ab|xb|r\+)[\"']|\bos\.replace\(|"
                        r"\bos\.rename\(|shutil\.(?:copy|move)|\bos\.write\(|mkstemp|TemporaryDirectory|mkdtemp")
    culpables = []
    for archivo in sorted((REPO / "pni_cli").rglob("*.py")):
        if archivo.name in permitidos:
            continue
        for n, linea in enumerate(archivo.read_text(encoding="utf-8").splitlines(), 1):
            if patron.search(linea) and "os.devnull" not in linea:
                culpables.append(f"{archivo.relative_to(REPO)}:{n}: {linea.strip()}")
    assert not culpables, "escrituras fuera de salida.escribir_atomico:\n" + "\n".join(culpables)


def test_la_plantilla_excel_no_escribe_formulas_ni_caracteres_de_control(espacio: Path) -> None:
    """Texts of the plan that look like formulas stay text in the form an institution opens; control characters
    are removed."""
    eje1 = next((espacio / "plan").glob("eje-1-*.yaml"))
    texto, n = re.subn(r'(- id: "1\.4\.1\.a"\n\s+texto: ).*',
                       lambda m: m.group(1) + '"=HYPERLINK(\\"http://x\\",\\"clic\\")\\u0007"', eje1.read_text("utf-8"))
    assert n == 1
    eje1.write_text(texto, encoding="utf-8")
    destino = espacio / "MTPS.xlsx"
    r = correr("plantilla", "--institucion", "MTPS", "--periodo", "2026-S2", "--formato", "xlsx", "--salida",
               str(destino), cwd=espacio)
    sin_traceback(r)
    assert r.codigo == 0, r
    celda = load_workbook(destino)["Avances"]["C8"]
    assert celda.value == '=HYPERLINK("http://x","clic")'
    assert celda.data_type == "s" and celda.quotePrefix is True
    with zipfile.ZipFile(destino) as z:
        for nombre in z.namelist():
            if nombre.startswith("xl/worksheets/"):
                xml = z.read(nombre).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, nombre
                assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", xml), nombre


# --- a run interrupted by a signal ---------------------------------------------------------------------------------

# `pni` as a user runs it, with one change made from outside: fsync announces itself and then waits, so that the
# signal arrives while the temporary file is being written.
LENTO = """\
import os, sys, time
real = os.fsync
def lento(fd):
    sys.stderr.write("ESCRIBIENDO\\n")
    sys.stderr.flush()
    time.sleep(60)
    real(fd)
os.fsync = lento
from pni_cli.cli import main
main(sys.argv[1:])
"""


def _senales_por_omision() -> None:
    """In the child, before Python starts: SIGINT as a terminal's shell leaves it. A suite started in the
    background by a shell without job control («pytest &») inherits SIGINT ignored, and Python then installs no
    handler for it: Ctrl-C would be a run with no Ctrl-C, not the one these tests are about."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _pni(args: list[str], cwd: Path, lento: bool) -> subprocess.Popen[str]:
    entorno = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    orden = [sys.executable, "-c", LENTO, *args] if lento else [sys.executable, "-m", "pni_cli", *args]
    return subprocess.Popen(orden, cwd=cwd, env=entorno, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", preexec_fn=_senales_por_omision)


def _restos(carpeta: Path, nombre: str) -> list[str]:
    return sorted(p.name for p in carpeta.iterdir() if p.name == nombre or p.name.startswith(f".{nombre}."))


@POSIX
@pytest.mark.parametrize(("senal", "codigo"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_una_senal_mientras_se_escribe_no_deja_archivo_ni_temporal(espacio_con_avances: Path, senal: int,
                                                                    codigo: int) -> None:
    salida = espacio_con_avances / "informe.xlsx"
    antes = huellas(espacio_con_avances)
    p = _pni(["reporte", "--formato", "xlsx", "--salida", str(salida), "--corte", CORTE], espacio_con_avances,
             lento=True)
    try:
        assert p.stderr is not None
        linea = p.stderr.readline()
        assert linea == "ESCRIBIENDO\n", linea + p.stderr.read()
        temporales = _restos(espacio_con_avances, "informe.xlsx")
        assert len(temporales) == 1 and temporales[0].endswith(".tmp"), temporales  # caught in the middle
        p.send_signal(senal)
        _, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == codigo, err
    assert f"pni: interrumpido ({signal.Signals(senal).name})" in err
    assert "Traceback" not in err
    assert _restos(espacio_con_avances, "informe.xlsx") == []
    assert huellas(espacio_con_avances) == antes


PAUSA = """
import os, sys, time
import pni_cli.render.informe_xlsx as informe_xlsx
import pni_cli.salida as salida


def pausa():
    sys.stderr.write("PAUSA\\n")
    sys.stderr.flush()
    time.sleep(60)


momento = os.environ["MOMENTO"]
if momento == "antes":  # the workbook not built yet
    real_libro = informe_xlsx.libro
    def libro(informe):
        pausa()
        return real_libro(informe)
    informe_xlsx.libro = libro
elif momento in ("al-renombrar", "renombrado"):  # just before, or just after, the temporary file becomes the output
    real_replace = os.replace
    def replace(a, b):
        nuestro = str(b).endswith("informe.xlsx")  # not the cache's own file
        if nuestro and momento == "al-renombrar":
            pausa()
        real_replace(a, b)
        if nuestro and momento == "renombrado":
            pausa()
    salida.os.replace = replace
from pni_cli.cli import main
main(sys.argv[1:])
"""


@POSIX
@pytest.mark.parametrize("momento", ["antes", "al-renombrar", "renombrado"])
def test_una_senal_en_cualquier_momento_deja_el_archivo_entero_o_nada(espacio_con_avances: Path,
                                                                      momento: str) -> None:
    """SIGTERM at each moment of a real run, reached by a pause at that very moment (never a guess with sleep):
    afterwards there is either no output at all or a whole, readable workbook, and never a temporary file."""
    salida = espacio_con_avances / "informe.xlsx"
    entorno = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", "MOMENTO": momento}
    p = subprocess.Popen([sys.executable, "-c", PAUSA, "reporte", "--formato", "xlsx", "--salida", str(salida),
                          "--corte", CORTE], cwd=espacio_con_avances, env=entorno, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert p.stderr is not None
        linea = p.stderr.readline()
        assert linea == "PAUSA\n", linea + p.stderr.read()
        p.send_signal(signal.SIGTERM)
        _, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert "Traceback" not in err
    assert p.returncode == 143, (p.returncode, err)
    assert [n for n in _restos(espacio_con_avances, "informe.xlsx") if n.endswith(".tmp")] == []
    if momento == "renombrado":
        load_workbook(salida)  # whole: the signal came once it was complete
    else:
        assert not salida.exists()


# --- the README says it -----------------------------------------------------------------------------------------

def test_el_readme_dice_que_garantiza_pni_con_los_limites_del_codigo() -> None:
    from pni_cli.avance import MAX_PLAUSIBLE
    from pni_cli.lectura.archivos import limite

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    titulos = re.findall(r"^## (.+)$", readme, re.M)
    i = titulos.index("Qué garantiza pni")
    assert titulos[i - 1].startswith("El archivo de avance")
    seccion = readme.split("## Qué garantiza pni\n", 1)[1].split("\n## ", 1)[0]
    # the defaults, as the code has them when no variable is set
    assert not any(v in os.environ for v in ("PNI_MAX_BYTES", "PNI_MAX_PROFUNDIDAD", "PNI_MAX_DESCOMPRIMIDO"))
    assert limite("PNI_MAX_BYTES") == 1024 * 1024
    assert "| Tamaño de un archivo YAML | 1 MB | `PNI_MAX_BYTES` (en bytes) |" in seccion
    profundidad = limite("PNI_MAX_PROFUNDIDAD")
    assert f"| Anidamiento de un archivo YAML | {profundidad} niveles | `PNI_MAX_PROFUNDIDAD` |" in seccion
    assert limite("PNI_MAX_DESCOMPRIMIDO") == 50 * 1024 * 1024
    assert "| Libro de Excel descomprimido | 50 MB en total | `PNI_MAX_DESCOMPRIMIDO` (en bytes) |" in seccion
    assert importar.MAX_PARTE_XML == 10 * 1024 * 1024 and "| 10 MB |" in seccion
    assert importar._RAZON_DESDE == 1024 * 1024
    assert f"| Compresión de una parte de más de 1 MB | {importar.MAX_RAZON} veces su tamaño |" in seccion
    assert f"| Filas del formulario | {importar.MAX_FILAS} |" in seccion
    assert MAX_PLAUSIBLE == 10**12 and "| 10^12 (PNI307, PNI309) |" in seccion
    from pni_cli.lectura import estructura
    from pni_cli.modelos import MAX_META, PlanGeneral, Vigencia

    assert f"| Valores de un archivo YAML (textos, números, listas, mapeos) | {estructura.MAX_VALORES:,} (PNI010) |" \
        in seccion
    assert f"reportes de un archivo) | {estructura.MAX_ELEMENTOS:,} (PNI010) |" in seccion
    assert f"| Caracteres de un texto (unas observaciones, una evidencia) | {estructura.MAX_CARACTERES:,} (PNI010) |" \
        in seccion
    plazo = PlanGeneral.model_fields["plazo_dias"].metadata
    anio = Vigencia.model_fields["desde"].metadata
    cotas = (plazo[0].ge, plazo[1].le, anio[0].ge, anio[1].le, MAX_META)
    assert cotas == (0, 365, 2000, 2100, 10**12), cotas
    assert "| 0 a 365; 2000 a 2100; hasta 10^12 (PNI104, PNI205) |" in seccion
    malos = sum(1 for c in CASOS if c.get("codigo"))
    assert re.search(rf"reúne {malos}\s+entradas malas", seccion)
    assert re.search(rf"y {len(CASOS) - malos}\s+que deben aceptarse", seccion)
    assert re.search(rf"además, {len(ATAQUES)}\s+ataques a lo que pni escribe", seccion)
    assert "[SECURITY.md](SECURITY.md)" in seccion
    seguridad = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    assert "No abra un issue público" in seguridad and "README.md#qué-garantiza-pni" in seguridad


@pytest.mark.parametrize("corte, zip_", [("1970-01-01", (1980, 1, 1, 0, 0, 0)), ("0001-01-01", (1980, 1, 1, 0, 0, 0)),
                                         ("2200-06-30", (2107, 12, 31, 23, 59, 58)),
                                         ("9999-12-31", (2107, 12, 31, 23, 59, 58)),
                                         ("2026-11-23", (2026, 11, 23, 0, 0, 0))])
def test_excel_con_cualquier_fecha_de_corte(espacio_con_avances: Path, corte: str, zip_: tuple[int, ...]) -> None:
    """A zip holds dates from 1980 to 2107: the parts take the nearest; the workbook's properties keep the truth."""
    import zipfile

    from openpyxl import load_workbook

    r = correr("reporte", "--formato", "xlsx", "--salida", "i.xlsx", "--corte", corte, cwd=espacio_con_avances)
    sin_traceback(r)
    assert r.codigo == 0, r.err
    libro = espacio_con_avances / "i.xlsx"
    assert {i.date_time for i in zipfile.ZipFile(libro).infolist()} == {zip_}
    props = load_workbook(libro).properties
    assert props.created.date().isoformat() == corte == props.modified.date().isoformat()
