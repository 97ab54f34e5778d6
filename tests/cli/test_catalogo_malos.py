"""The catalogue of bad inputs (tests/fixtures/malos/catalogo.yaml), fed to the real CLI one by one.

Every case must end with the expected exit code, its problem code at its place (archivo:línea:columna, the whole
file, or «Hoja Avances, celda X») with a Spanish message, no traceback, and every input byte-identical afterwards.
The cases whose point is a bound on time or memory (bombs, pipes, files of megabytes, deep nesting) run in a process
of their own, with a timeout and an address-space limit; the others run in this process, as fast as a call. A
progress file is checked beside a valid file and another broken one, which must be reported as usual. Excel
workbooks, a file of megabytes and special files are made here rather than committed.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML

from pni_cli.problemas import TIPOS
from tests.conftest import REPO, Salida, huellas
from tests.conftest import correr as correr_aqui

CARPETA = REPO / "tests" / "fixtures" / "malos"
CORTE = "2026-11-23"
CORTE_XLSX = "2027-01-31"
DESTINO = "avances/2025-S1/MTPS.yaml"
# the neighbours of every progress file under test: one valid (a shipped illustrative file), one broken
VECINO_VALIDO = "avances/2025-S2/DGME.yaml"
VECINO_MALO = "avances/2024-S2/FGR.yaml"
TIEMPO = 60  # seconds: generous; a hang or an exponential blow-up is what it catches
MEMORIA = 1536 * 1024 * 1024  # address space of the child process


def _catalogo() -> list[dict[str, Any]]:
    datos = YAML(typ="safe").load((CARPETA / "catalogo.yaml").read_text(encoding="utf-8"))
    return list(datos["casos"])


CASOS = _catalogo()


def _param(caso: dict[str, Any]) -> Any:
    marcas = []
    if caso.get("xfail"):
        marcas.append(pytest.mark.xfail(reason=caso["xfail"], strict=True))
    if caso.get("generar") == "tuberia":
        marcas.append(pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="sin tuberías con nombre"))
    return pytest.param(caso, id=caso["id"], marks=marcas)


def _limitar() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORIA, MEMORIA))


# the cases where a bound on time or memory is the point: a process of their own, with both bounds
EN_PROCESO = {"archivo-de-megabytes", "tuberia", "xlsx-tuberia", "bomba-de-alias", "anidamiento-1000-corchetes",
              "anidamiento-1000-guiones", "anidamiento-50000", "bomba-zip-declarada", "bomba-zip-razon",
              "parte-xml-enorme", "entidades-xml", "entidad-externa", "demasiadas-filas", "cinco-megas-de-reportes",
              "cinco-megas-por-el-analizador-de-referencia", "veinte-mil-valores"}


def correr_caso(caso: dict[str, Any], *args: str, cwd: Path, tiempo: int = TIEMPO,
                env: dict[str, str] | None = None) -> Salida:
    """`pni ARGS…` for a case of the catalogue: in a process with bounds if the case is about bounds."""
    return correr(*args, cwd=cwd, env=env, tiempo=tiempo if caso["id"] in EN_PROCESO else None)


def correr(*args: str, cwd: Path, env: dict[str, str] | None = None, tiempo: int | None = None) -> Salida:
    """`pni ARGS…` in this process (conftest.correr); with `tiempo`, in a process of its own with that timeout
    and a memory ceiling."""
    if tiempo is None:
        return correr_aqui(*args, cwd=cwd, env=env)
    entorno = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"}
    entorno.pop("GITHUB_ACTIONS", None)
    entorno.update(env or {})
    try:
        p = subprocess.run([sys.executable, "-m", "pni_cli", *args], cwd=cwd, env=entorno, capture_output=True,
                           text=True, encoding="utf-8", errors="replace", timeout=tiempo,
                           preexec_fn=_limitar if sys.platform.startswith("linux") else None)
    except subprocess.TimeoutExpired:
        pytest.fail(f"pni {' '.join(args)} no terminó en {tiempo} s")
    return Salida(p.returncode, p.stdout, p.stderr)


def sin_traceback(r: Salida) -> None:
    for flujo in (r.out, r.err):
        assert "Traceback" not in flujo and not re.search(r'File ".*", line \d+', flujo), flujo
        assert "error interno" not in flujo, flujo
    assert r.codigo >= 0, f"pni terminó por la señal {-r.codigo}"


def linea_del_problema(texto: str, archivo: str, caso: dict[str, Any]) -> str:
    """The output line of the case's problem, checked against its code, place, severity and message."""
    sev = caso.get("severidad", "error")
    lugar = caso["lugar"]
    if re.fullmatch(r"\d+:\d+", lugar):
        prefijo, dentro = f"{archivo}:{lugar}: {sev} {caso['codigo']} [", ""
    elif lugar == "archivo":
        prefijo, dentro = f"{archivo}: {sev} {caso['codigo']} [", ""
    else:  # «Hoja Avances, celda F8», and the cell's field name may follow: «… celda F8 (Valor): »
        prefijo, dentro = f"{archivo}: {sev} {caso['codigo']} [", f"] {lugar}"
    hallados = [x for x in texto.splitlines() if x.startswith(prefijo) and re.search(
        re.escape(dentro) + (r"(: | \([^)]*\): )" if dentro else ""), x)]
    assert hallados, f"no se encontró «{prefijo}…{dentro}» en:\n{texto}"
    assert any(caso["mensaje"] in x for x in hallados), (caso["mensaje"], hallados)
    return hallados[0]


# --- made in the test: a file of megabytes, special files, workbooks ---------------------------------------

BASE = (CARPETA / "yaml" / "carpeta-equivocada.yaml").read_text(encoding="utf-8")  # a valid MTPS 2025-S1 file


def yaml_de_megabytes(destino: Path) -> None:
    destino.write_text(BASE + "    evidencia:\n" + "      - https://www.transparencia.gob.sv/documento\n" * 150_000,
                       encoding="utf-8")
    assert destino.stat().st_size > 6_000_000


CABECERA = "".join(BASE.splitlines(keepends=True)[:5])  # periodo … «reportes:»
assert CABECERA.endswith("reportes:\n")


def reportes_diminutos(destino: Path, prefijo: str = "") -> None:
    destino.write_text(prefijo + CABECERA + '  - {indicador: "1.4.2.a", valor: 1}\n' * 140_000, encoding="utf-8")
    assert destino.stat().st_size > 5_000_000


def reportes_diminutos_con_ancla(destino: Path) -> None:
    reportes_diminutos(destino, "# I&D &x: un «&» como los que llevan al analizador de referencia\n")


def desglose_de_mil_claves(destino: Path) -> None:
    destino.write_text(BASE + "    desglose:\n      pais:\n" + "".join(f"        p{n}: 0\n" for n in range(1001)),
                       encoding="utf-8")


def veinte_mil_valores(destino: Path) -> None:
    evidencia = ", ".join(f"doc{n}" for n in range(18))
    destino.write_text(CABECERA + f'  - {{indicador: "1.4.2.a", valor: 1, evidencia: [{evidencia}]}}\n' * 999,
                       encoding="utf-8")


def texto_de_diez_mil(destino: Path) -> None:
    destino.write_text(BASE.replace("observaciones: Ferias de empleo en 4 departamentos.",
                                    "observaciones: '" + "x" * 10_001 + "'"), encoding="utf-8")


def anidamiento_50000(destino: Path) -> None:
    destino.write_text(BASE + "x: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")


def tuberia(destino: Path) -> None:
    os.mkfifo(destino)


def cfb(flujos: dict[str, bytes]) -> bytes:
    """A small but well-formed OLE2 compound file (version 3, 512-byte sectors) holding `flujos` as streams, each
    padded to 4096 bytes so that none goes to the mini stream: what .xls files and encrypted workbooks are."""
    libre, fin, sector_fat, ninguno = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    nombres = list(flujos)
    datos = [flujos[n].ljust(4096, b"\x00") for n in nombres]
    fat = [sector_fat, fin]  # sector 0: the FAT; sector 1: the directory
    inicios = []
    for d in datos:
        inicio = len(fat)
        inicios.append(inicio)
        fat += [inicio + k + 1 for k in range(len(d) // 512 - 1)] + [fin]
    fat += [libre] * (128 - len(fat))

    def entrada(nombre: str, tipo: int, hijo: int, derecho: int, inicio: int, tam: int) -> bytes:
        n = nombre.encode("utf-16-le") + b"\x00\x00"
        return (n.ljust(64, b"\x00") + struct.pack("<HBB", len(n), tipo, 1)
                + struct.pack("<III", ninguno, derecho, hijo) + bytes(36) + struct.pack("<IQ", inicio, tam))

    entradas = [entrada("Root Entry", 5, 1, ninguno, fin, 0)]
    for i, n in enumerate(nombres):
        siguiente = i + 2 if i + 1 < len(nombres) else ninguno  # the next stream is the right sibling
        entradas.append(entrada(n, 2, ninguno, siguiente, inicios[i], len(flujos[n])))
    cabecera = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
                + bytes(6) + struct.pack("<9I", 0, 1, 1, 0, 4096, fin, 0, fin, 0)
                + struct.pack("<109I", 0, *[libre] * 108))
    return cabecera + struct.pack("<128I", *fat) + b"".join(entradas).ljust(512, b"\x00") + b"".join(datos)


def _rehacer(libro: bytes, cambios: dict[str, Callable[[bytes], bytes]] | None = None,
             nuevos: dict[str, bytes] | None = None) -> bytes:
    """The workbook's zip with some parts rewritten and some added."""
    cambios = cambios or {}
    salida = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(libro)) as origen, zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as z:
        for info in origen.infolist():
            datos = origen.read(info.filename)
            if info.filename in cambios:
                datos = cambios[info.filename](datos)
            z.writestr(info.filename, datos)
        for nombre, datos in (nuevos or {}).items():
            z.writestr(nombre, datos)
    return salida.getvalue()


def _parchear_cabeceras(libro: bytes, miembro: str, campo: str, valor: int) -> bytes:
    """Overwrite a field of `miembro`'s local header and central directory entry (flag bits, or the declared
    uncompressed size) as a forger would."""
    datos = bytearray(libro)
    nombre = miembro.encode()
    local, central = {"flags": (6, 8), "tam": (22, 24)}[campo]  # offsets in each header
    formato = "<H" if campo == "flags" else "<I"
    i = -1
    while (i := datos.find(nombre, i + 1)) >= 0:
        if datos[i - 30:i - 26] == b"PK\x03\x04":
            struct.pack_into(formato, datos, i - 30 + local, valor)
        elif datos[i - 46:i - 42] == b"PK\x01\x02":
            struct.pack_into(formato, datos, i - 46 + central, valor)
    return bytes(datos)


HOJA_AVANCES = "xl/worksheets/sheet2.xml"
LOL = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
       + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"".join([b"&lol%s;" % (str(i - 1).encode() if i > 1 else b"")] * 10))
                  for i in range(1, 10))
       + b"]>")


def _con_prologo(prologo: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: prologo + re.sub(rb"^<\?xml[^>]*\?>", b"", xml)


def _celda_xml(ref: str, contenido: bytes) -> Callable[[bytes], bytes]:
    """Replace the XML of cell `ref` (which must exist) in the sheet."""
    def cambiar(xml: bytes) -> bytes:
        nuevo, n = re.subn(rb'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % ref.encode(), contenido, xml, count=1)
        assert n == 1, ref
        return nuevo
    return cambiar


def _guardar(libro: Any) -> bytes:
    buf = io.BytesIO()
    libro.save(buf)
    return buf.getvalue()


def _con_fecha(formulario: bytes, celdas: dict[str, Any] | None = None) -> Any:
    libro = load_workbook(io.BytesIO(formulario))
    hoja = libro["Avances"]
    hoja["C4"] = dt.date(2027, 1, 14)
    for ref, v in (celdas or {"F8": 7}).items():
        hoja[ref] = v
    return libro


GENERADORES: dict[str, Callable[[bytes, Path, dict[str, Any]], bytes | None]] = {
    "csv_como_xlsx": lambda f, d, c: b"Indicador;Valor\n1.4.1.a;7\n",
    "vacio": lambda f, d, c: b"",
    "xls_antiguo": lambda f, d, c: cfb({"Workbook": bytes.fromhex("0908100000060500") + bytes(200),
                                        "\x05SummaryInformation": bytes(64)}),
    "protegido_con_contrasena": lambda f, d, c: cfb({"EncryptionInfo": bytes.fromhex("0400040040000000") + bytes(64),
                                                     "EncryptedPackage": os.urandom(3000)}),
    "zip_cifrado": lambda f, d, c: _parchear_cabeceras(_guardar(_con_fecha(f)), HOJA_AVANCES, "flags", 0x1),
    "bomba_declarada": lambda f, d, c: _parchear_cabeceras(
        _rehacer(_guardar(_con_fecha(f)), nuevos={"xl/media/image1.png": b"\x89PNG" + bytes(100)}),
        "xl/media/image1.png", "tam", 3_000_000_000),
    "bomba_razon": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), nuevos={"xl/media/relleno.bin": bytes(20 << 20)}),
    "parte_xml_enorme": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), nuevos={"xl/sharedStrings.xml": (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>texto %07d</t></si>" % i for i in range(450_000)) + b"</sst>")}),
    "cabecera_mentirosa": lambda f, d, c: _parchear_cabeceras(
        _rehacer(_guardar(_con_fecha(f)), {HOJA_AVANCES: lambda x: x + b" " * (30 << 20)}), HOJA_AVANCES, "tam", 1000),
    "entidades_xml": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), {"xl/workbook.xml": _con_prologo(LOL)}),
    "entidad_externa": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), {HOJA_AVANCES: lambda x: _celda_xml(
        "F8", b'<c r="F8" t="inlineStr"><is><t>&e;</t></is></c>')(_con_prologo(
            b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>')(x))}),
    "sin_hoja_avances": lambda f, d, c: _sin_hoja(f),
    "hoja_renombrada": lambda f, d, c: _renombrar(f, "Avances 2026"),
    "formula_sin_valor": lambda f, d, c: _formula_en_fecha(f),
    "error_de_excel": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), {HOJA_AVANCES: _celda_xml(
        "F8", b'<c r="F8" t="e"><f>1/0</f><v>#DIV/0!</v></c>')}),
    "formula_con_valor": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), {HOJA_AVANCES: _celda_xml(
        "F8", b'<c r="F8"><f>1+1</f><v>2</v></c>')}),
    "demasiadas_filas": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), {HOJA_AVANCES: lambda x: x.replace(
        b"</sheetData>", b"".join(b'<row r="%d"><c r="J%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
                                  for n in range(100, 6100)) + b"</sheetData>")}),
    "indicador_cambiado": lambda f, d, c: _guardar(_con_fecha(f, {"F8": 7, "A8": "9.9.9.a"})),
    "periodo_alterado": lambda f, d, c: _periodo_alterado(f),
    "tuberia": lambda f, d, c: tuberia(d),
    "llenar": lambda f, d, c: _llenar(f, c),
    "intercambiar_ids": lambda f, d, c: _intercambiar(f, c["filas"]),
    "combinar": lambda f, d, c: _combinar(f, c["rango"]),
    "pni_alterado": lambda f, d, c: _pni_alterado(f, c["datos"]),
    "celda_xml": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), {HOJA_AVANCES: _celda_xml(
        c["celda"], c["xml"].encode())}),
    "estilos_sin_formato": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), {"xl/styles.xml": lambda x: re.sub(
        rb'<numFmt numFmtId="(\d+)"', b'<numFmt numFmtId="999"', x, count=1)}),
    "dimension_falsa": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), {HOJA_AVANCES: lambda x: re.sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C5"', x, count=1)}),
    "celda_repetida": lambda f, d, c: _rehacer(_guardar(_con_fecha(f)), {HOJA_AVANCES: lambda x: re.sub(
        rb'(<c r="F8"[^>]*>.*?</c>)', rb'\1<c r="F8"><v>9</v></c>', x, count=1)}),
    "ods": lambda f, d, c: _ods(),
}


def _intercambiar(formulario: bytes, filas: list[int]) -> bytes:
    """Two ids swapped in the protected column, as someone who unprotected the sheet might leave them."""
    libro = _con_fecha(formulario, {f"F{filas[0]}": 7, f"F{filas[1]}": 3})
    hoja = libro["Avances"]
    a, b = (f"A{n}" for n in filas)
    hoja[a].value, hoja[b].value = hoja[b].value, hoja[a].value
    return _guardar(libro)


def _combinar(formulario: bytes, rango: str) -> bytes:
    libro = _con_fecha(formulario, {"F8": 7, "G8": 4})  # G8 holds a value the merge hides
    libro["Avances"]["H8"] = 3
    libro["Avances"].merge_cells(rango)
    return _guardar(libro)


def _pni_alterado(formulario: bytes, datos: dict[str, Any]) -> bytes:
    libro = _con_fecha(formulario)
    for fila in libro["_pni"].iter_rows():
        if fila[0].value in datos:
            fila[1].value = datos[fila[0].value]
    return _guardar(libro)


def _ods() -> bytes:
    """What LibreOffice writes when the form is saved in its own format."""
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                                  b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
        z.writestr("META-INF/manifest.xml", b"<manifest/>")
    return salida.getvalue()


def _sin_hoja(formulario: bytes) -> bytes:
    libro = _con_fecha(formulario)
    del libro["Avances"]
    return _guardar(libro)


def _renombrar(formulario: bytes, nombre: str) -> bytes:
    libro = _con_fecha(formulario)
    libro["Avances"].title = nombre
    return _guardar(libro)


def _formula_en_fecha(formulario: bytes) -> bytes:
    libro = _con_fecha(formulario)
    libro["Avances"]["C4"] = "=TODAY()"
    return _guardar(libro)  # openpyxl never computes formulas: saved without a cached value, as some tools do


def _periodo_alterado(formulario: bytes) -> bytes:
    libro = _con_fecha(formulario)
    for fila in libro["_pni"].iter_rows():
        if fila[0].value == "periodo":
            fila[1].value = "2025-S3"
    return _guardar(libro)


def _llenar(formulario: bytes, caso: dict[str, Any]) -> bytes:
    libro = load_workbook(io.BytesIO(formulario))
    if caso.get("epoca_1904"):
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        libro.epoch = CALENDAR_MAC_1904
    hoja = libro["Avances"]
    hoja["C4"] = caso.get("fecha", dt.date(2027, 1, 14))
    for ref, v in caso.get("celdas", {}).items():
        hoja[ref] = v
    for ref, formato in caso.get("formatos", {}).items():
        hoja[ref].number_format = formato
    return _guardar(libro)


@cache
def _formulario() -> bytes:
    """MTPS's Excel form for 2026-S2, made once with the real CLI."""
    carpeta = Path(__import__("tempfile").mkdtemp(prefix="pni-catalogo-"))
    try:
        shutil.copytree(REPO / "plan", carpeta / "plan")
        destino = carpeta / "MTPS-2026-S2.xlsx"
        r = correr("plantilla", "--institucion", "MTPS", "--periodo", "2026-S2", "--formato", "xlsx", "--salida",
                   str(destino), cwd=carpeta)
        assert r.codigo == 0, r
        datos = destino.read_bytes()
    finally:
        shutil.rmtree(carpeta)
    hoja = load_workbook(io.BytesIO(datos))["Avances"]
    # the cells named in the catalogue
    assert [hoja[f"A{f}"].value for f in (8, 9, 21)] == ["1.4.1.a", "1.4.1.b", "3.4.2.a"]
    return datos


# --- the catalogue itself ------------------------------------------------------------------------------------

def test_el_catalogo_tiene_al_menos_40_casos_malos_y_cada_uno_esta_completo() -> None:
    malos = [c for c in CASOS if c.get("codigo")]
    assert len(malos) >= 40
    assert len({c["id"] for c in CASOS}) == len(CASOS)
    for c in CASOS:
        assert c["orden"] in ("validar", "importar"), c
        assert ("archivo" in c) != ("generar" in c), c
        assert c.get("descripcion"), c
        if "archivo" in c:
            assert (CARPETA / c["archivo"]).is_file(), c
        else:
            assert c["generar"] in GENERADORES or c["generar"] in globals(), c
        if c.get("codigo"):
            assert c["codigo"] in TIPOS, c
            assert c.get("lugar") and c.get("mensaje"), c
            assert c.get("salida", 1) == 1, c
        else:
            assert c.get("salida") == 0, c
    usados = {c["archivo"] for c in (*CASOS, *ATAQUES) if "archivo" in c}
    presentes = {str(p.relative_to(CARPETA)) for p in (CARPETA / "yaml").iterdir()}
    assert presentes == usados, "archivos del catálogo sin caso, o casos sin archivo"


@pytest.mark.parametrize("caso", [_param(c) for c in CASOS if c["orden"] == "validar"])
def test_validar(caso: dict[str, Any], espacio: Path) -> None:
    destino = espacio / caso.get("destino", DESTINO)
    destino.parent.mkdir(parents=True, exist_ok=True)
    if "archivo" in caso:
        shutil.copyfile(CARPETA / caso["archivo"], destino)
    else:
        globals()[caso["generar"]](destino)
    positivo = not caso.get("codigo")
    vecinos = [espacio / VECINO_VALIDO]
    shutil.copytree(REPO / "avances" / "2025-S2", espacio / "avances" / "2025-S2",
                    ignore=lambda d, nombres: [n for n in nombres if n != "DGME.yaml"], dirs_exist_ok=True)
    if not positivo:
        vecinos.append(espacio / VECINO_MALO)
        vecinos[-1].parent.mkdir(parents=True, exist_ok=True)
        vecinos[-1].write_text("\tperiodo: 2024-S2\n", encoding="utf-8")
    # special files are only ever read when named on the command line
    rutas = [str(p.relative_to(espacio)) for p in (destino, *vecinos)] if caso.get("generar") == "tuberia" else []
    antes = huellas(espacio)
    r = correr_caso(caso, "validar", *rutas, "--corte", CORTE, *caso.get("opciones", []), cwd=espacio,
                    tiempo=15 if caso.get("generar") == "tuberia" else caso.get("tiempo", TIEMPO),
                    env=caso.get("entorno"))
    sin_traceback(r)
    assert huellas(espacio) == antes
    assert r.codigo == caso.get("salida", 1), r
    assert r.err == ""
    archivo = str(destino.relative_to(espacio))
    *problemas, resumen = r.out.splitlines()
    assert re.fullmatch(r"(Todo en orden: )?\d+ archivos revisados, y el plan: \d+ errore?s?, \d+ avisos?\.?",
                        resumen), resumen
    for linea in problemas:  # one problem, one line: nothing in a file can print a line of its own
        assert re.match(r"^avances/\S+?(:\d+:\d+)?: (error|aviso) PNI\d{3} \[[a-z-]+\] ", linea), linea
    if positivo:
        assert archivo not in r.out and "Todo en orden" in r.out, r.out
    else:
        linea_del_problema(r.out, archivo, caso)
        # the other files were checked all the same: the broken one reported, the valid one clean
        assert f"{VECINO_MALO}:1:1: error PNI003 [" in r.out
        assert VECINO_VALIDO not in r.out
        assert "3 archivos revisados, y el plan" in r.out, r.out
    assert not any(espacio.rglob("pwned")) and not Path("pwned").exists()


@pytest.mark.parametrize("caso", [_param(c) for c in CASOS if c["orden"] == "importar"])
def test_importar(caso: dict[str, Any], espacio: Path) -> None:
    archivo = espacio / "recibidos" / "MTPS-2026-S2.xlsx"
    archivo.parent.mkdir()
    datos = GENERADORES[caso["generar"]](_formulario(), archivo, caso)
    if datos is not None:
        archivo.write_bytes(datos)
    # a progress file already in the workspace, which must stay as it is
    shutil.copytree(REPO / "avances" / "2025-S2", espacio / "avances" / "2025-S2",
                    ignore=lambda d, nombres: [n for n in nombres if n != "DGME.yaml"], dirs_exist_ok=True)
    antes = huellas(espacio)
    nombre = str(archivo.relative_to(espacio))
    r = correr_caso(caso, "importar", nombre, "--corte", CORTE_XLSX, cwd=espacio)
    sin_traceback(r)
    importado = espacio / "avances" / "2026-S2" / "MTPS.yaml"
    if caso.get("codigo"):
        assert r.codigo == 1, r
        linea_del_problema(r.out + r.err, nombre, caso)
        assert "no se importó nada" in r.err
        assert huellas(espacio) == antes
        return
    assert r.codigo == caso["salida"], r
    despues = huellas(espacio)
    assert {k: v for k, v in despues.items() if k != "avances/2026-S2/MTPS.yaml"} == antes
    doc = YAML(typ="safe").load(importado.read_text(encoding="utf-8"))
    esperado = caso["esperado"]
    assert doc["fecha_reporte"] == esperado["fecha_reporte"]
    valores = {x["indicador"]: x["valor"] for x in doc["reportes"]}
    assert valores == esperado["valores"]
    assert all(type(valores[k]) is type(v) for k, v in esperado["valores"].items()), valores


# --- attacks on what pni writes: the terminal, the files, the CI log (the «ataques» of the catalogue) -----------
#
# Each attack runs one command line in a workspace with the real plan and the shipped progress files, after the
# case's file is put in place and its `preparar` has planted what the attack needs (a link, a pipe, a crafted git
# repository, a full disk). Every attack is held to: its exit code; its Spanish message; no traceback and no
# «error interno»; not one control, bidirectional or invisible character on standard output or error; every input
# byte-identical (.git included) and nothing created but what the case allows; exit code 3 never in the operating
# system's English. Some add checks of their own (`comprobar`).

ATAQUES = list(YAML(typ="safe").load((CARPETA / "catalogo.yaml").read_text(encoding="utf-8")).get("ataques", []))
CLASES = ("caracteres", "cifras", "escrituras", "entornos", "git", "limites")
INGLES = re.compile(r"denied|No space|too large|Read-only|too long|Is a directory|Not a directory|File exists|"
                    r"No such file|Operation not|Permission|Errno", re.I)
GIT_ENTORNO = {"GIT_AUTHOR_NAME": "Analista", "GIT_AUTHOR_EMAIL": "analista@example.org",
               "GIT_COMMITTER_NAME": "Analista", "GIT_COMMITTER_EMAIL": "analista@example.org",
               "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def _git(carpeta: Path, *args: str, entrada: bytes | None = None) -> str:
    p = subprocess.run(["git", "-C", str(carpeta), *args], input=entrada, capture_output=True,
                       env={**os.environ, **GIT_ENTORNO}, check=True)
    return p.stdout.decode("utf-8", "surrogateescape")


def _nodos(carpeta: Path) -> set[str]:
    """Every path under `carpeta`, files, folders, links and pipes alike (links are not followed)."""
    return {os.path.relpath(os.path.join(d, n), carpeta) for d, carpetas, archivos in os.walk(carpeta)
            for n in (*carpetas, *archivos)}


def _huellas(carpeta: Path) -> dict[str, str]:
    """sha256 of every regular file (not followed through links), and what each link points at."""
    import hashlib

    out = {}
    for nombre in sorted(_nodos(carpeta)):
        ruta = carpeta / nombre
        modo = os.lstat(ruta).st_mode
        if stat.S_ISLNK(modo):
            out[nombre] = "-> " + os.readlink(ruta)
        elif stat.S_ISREG(modo):
            out[nombre] = hashlib.sha256(ruta.read_bytes()).hexdigest()
    return out


@pytest.fixture
def espacio_completo(espacio: Path) -> Path:
    shutil.copytree(REPO / "avances", espacio / "avances", dirs_exist_ok=True)
    return espacio


def _param_ataque(caso: dict[str, Any]) -> Any:
    marcas = []
    if caso.get("posix") and os.name != "posix":
        marcas.append(pytest.mark.skip(reason="solo POSIX"))
    if caso.get("root") and (not hasattr(os, "getuid") or os.getuid() != 0):
        marcas.append(pytest.mark.skip(reason="necesita root"))
    return pytest.param(caso, id=caso["id"], marks=marcas)


def test_cada_ataque_esta_completo() -> None:
    assert len({c["id"] for c in ATAQUES}) == len(ATAQUES)
    assert {c["id"] for c in ATAQUES}.isdisjoint(c["id"] for c in CASOS)
    for c in ATAQUES:
        assert c.get("clase") in CLASES, c
        assert c.get("descripcion") and isinstance(c.get("orden"), list) and "salida" in c, c
        assert "archivo" not in c or (CARPETA / c["archivo"]).is_file(), c
        assert "preparar" not in c or callable(globals().get(c["preparar"])), c
        assert c["salida"] == 0 or c.get("mensaje"), c
    for clase in CLASES:
        assert sum(c["clase"] == clase for c in ATAQUES) >= 3, clase


@pytest.mark.parametrize("caso", [_param_ataque(c) for c in ATAQUES])
def test_ataque(caso: dict[str, Any], espacio_completo: Path, tmp_path_factory: pytest.TempPathFactory,
                monkeypatch: pytest.MonkeyPatch) -> None:
    ws = espacio_completo
    if "archivo" in caso:
        shutil.copyfile(CARPETA / caso["archivo"], ws / caso.get("destino", "avances/2026-S1/MTPS.yaml"))
    otra = tmp_path_factory.mktemp("fuera-del-espacio")
    fuera = otra / "fuera"  # outside the workspace: where a link may point, what must never change
    fuera.mkdir()
    (fuera / "secreto.txt").write_text("SECRETO: no debe aparecer en ninguna salida\n", encoding="utf-8")
    if "preparar" in caso:
        globals()[caso["preparar"]](ws, fuera, caso, monkeypatch)
    antes, antes_fuera, nodos = _huellas(ws), _huellas(fuera), _nodos(ws)
    formato = {"ws": str(ws), "fuera": str(fuera), "cache": str(otra / "cache")}
    args = [str(a).format(**formato) for a in caso["orden"]]
    entorno = {k: str(v).format(**formato) for k, v in caso.get("entorno", {}).items()}
    r = correr(*args, cwd=ws, env=entorno, tiempo=caso.get("tiempo", TIEMPO) if caso.get("proceso") else None)
    sin_traceback(r)
    assert r.codigo == caso["salida"], r
    for flujo in (r.out, r.err):
        from tests.unit.test_texto_seguro import peligrosos

        malos = peligrosos(flujo, "\n")
        assert not malos, ([f"U+{ord(c):04X}" for c in malos[:10]], flujo[-3000:])
        assert "SECRETO" not in flujo
    if caso.get("mensaje"):
        assert caso["mensaje"].format(**formato) in r.out + r.err, (caso["mensaje"], r.out[-3000:], r.err)
    if caso["salida"] == 3:
        assert r.err.startswith("pni: ") and r.err.count("\n") == 1, r.err
        assert not INGLES.search(r.err), r.err
    creados = set(caso.get("crea", []))
    assert _nodos(ws) - nodos <= creados, _nodos(ws) - nodos
    despues = _huellas(ws)
    assert {k: v for k, v in despues.items() if k not in creados} == antes
    assert _huellas(fuera) == antes_fuera
    for comprobacion in caso.get("comprobar", []):
        nombre, _, arg = comprobacion.partition(":")
        globals()[f"comprobar_{nombre}"](r, ws, arg, caso, entorno)


def comprobar_markdown(r: Salida, ws: Path, arg: str, caso: dict[str, Any], entorno: dict[str, str]) -> None:
    """The Markdown, rendered by GitHub's renderer and by markdown-it with linkify, holds no link, image or emphasis
    (the report's template itself has none), and every table row keeps its cells."""
    from tests.unit.test_texto_seguro import _gfm, _markdown_it

    md = (ws / arg).read_text(encoding="utf-8") if arg else r.out
    for renderizar in (_gfm, _markdown_it):
        html = renderizar(md)
        for etiqueta in ("<a ", "<img", "<em>", "<del>", "<s>", "<b>", "<script", "<iframe"):
            assert etiqueta not in html, (renderizar.__name__, etiqueta, html[html.find(etiqueta) - 300:][:600])
    for linea in md.splitlines():
        if linea.startswith("|") and not linea.startswith("|---"):
            assert linea.endswith("|") and "\\n" not in linea, linea


def comprobar_xlsx(r: Salida, ws: Path, arg: str, caso: dict[str, Any], entorno: dict[str, str]) -> None:
    """The workbook opens (valid XML), holds no formula, and no cell holds a dangerous character."""
    from tests.unit.test_texto_seguro import peligrosos

    libro = load_workbook(ws / arg)
    for hoja in libro.worksheets:
        for fila in hoja.iter_rows():
            for c in fila:
                assert c.data_type != "f", (hoja.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    assert not peligrosos(c.value, "\n\t"), (hoja.title, c.coordinate, c.value)


def comprobar_github(r: Salida, ws: Path, arg: str, caso: dict[str, Any], entorno: dict[str, str]) -> None:
    """One problem, one annotation: every line is a workflow command or the summary."""
    *lineas, resumen = r.out.splitlines()
    assert lineas and all(re.match(r"::(error|warning) file=[^,:]*,", x) for x in lineas), r.out
    assert "archivos revisados" in resumen


def comprobar_igual_sin_entorno(r: Salida, ws: Path, arg: str, caso: dict[str, Any], entorno: dict[str, str]) -> None:
    """The same output as without the case's environment: the nonsense values were ignored."""
    otra = correr(*[str(a) for a in caso["orden"]], cwd=ws, tiempo=caso.get("tiempo", TIEMPO) if caso.get("proceso")
                  else None, env={k: "" if k != "PYTHONIOENCODING" else "utf-8" for k in entorno})
    assert r.out == otra.out and r.out.strip(), (r.out[:500], otra.out[:500])


def comprobar_texto(r: Salida, ws: Path, arg: str, caso: dict[str, Any], entorno: dict[str, str]) -> None:
    """`arg` is on standard output exactly as written (a text shown, not interpreted)."""
    assert arg in r.out, (arg, r.out[-2000:])


# --- what the attacks plant ------------------------------------------------------------------------------------

def _reemplazar(ruta: Path, antes: str, despues: str) -> None:
    texto = ruta.read_text(encoding="utf-8")
    assert antes in texto, (ruta, antes)
    ruta.write_text(texto.replace(antes, despues, 1), encoding="utf-8")


def nombre_con_escapes(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """A progress file named with ESC, a colour sequence, RLO and a zero-width joiner, and broken (so that its
    name is quoted in estado's warning and validar's problems)."""
    nombre = "M\x1b[31mX\u202eY\u200d\x07.yaml"
    (ws / "avances" / "2026-S1" / nombre).write_text("periodo: 2026-S1\ninstitucion: MTPS\n", encoding="utf-8")


def nombre_con_salto_de_linea(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """A broken progress file whose name holds a line break and a fake line of pni's own."""
    nombre = "A\npni: todo en orden.yaml"
    (ws / "avances" / "2026-S1" / nombre).write_text("periodo: 2026-S1\n", encoding="utf-8")


def plan_con_marcas(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """Rich markup, emoji codes, an OSC 8 hyperlink and RLO in the plan's own texts."""
    eje = next((ws / "plan").glob("eje-1-*.yaml"))
    _reemplazar(eje, "nombre: Prevención de la Migración Irregular",
                'nombre: "[/] [borrador] [link=http://evil.example]clic[/link] :smile: \\e]8;;http://x\\e\\\\ '
                '\\u202eRLO"')
    _reemplazar(ws / "plan" / "plan.yaml", "sigla: PNI", 'sigla: "[bold red]PNI[/]"')


def tuberia_como_salida(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    os.mkfifo(ws / "informe.md")


def dispositivo_como_salida(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """A node of the same device as /dev/null, inside the workspace (never the machine's own /dev/null)."""
    os.mknod(ws / "informe.md", stat.S_IFCHR | 0o666, os.stat(os.devnull).st_rdev)


def enlace_como_salida(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    (ws / "informe.md").symlink_to(fuera / "secreto.txt")


def _formulario_lleno(ws: Path) -> Path:
    destino = ws / "recibidos" / "MTPS-2026-S2.xlsx"
    destino.parent.mkdir()
    destino.write_bytes(_llenar(_formulario(), {"celdas": {"F8": 3}}))
    return destino


def enlace_en_el_destino_de_importar(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """avances/2026-S2/MTPS.yaml is a link to another institution's file: a pull request can plant it."""
    _formulario_lleno(ws)
    (ws / "avances" / "2026-S2").mkdir()
    (ws / "avances" / "2026-S2" / "MTPS.yaml").symlink_to(ws / "avances" / "2025-S2" / "DGME.yaml")


def enlace_hacia_fuera_en_el_destino(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    _formulario_lleno(ws)
    (ws / "avances" / "2026-S2").mkdir()
    (ws / "avances" / "2026-S2" / "MTPS.yaml").symlink_to(fuera / "secreto.txt")


def carpeta_enlazada_en_avances(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """avances/2026-S2 is a link to a folder outside the workspace."""
    _formulario_lleno(ws)
    (ws / "avances" / "2026-S2").symlink_to(fuera, target_is_directory=True)


def formulario_lleno(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    _formulario_lleno(ws)


def formulario_con_textos_largos(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """Ten reports with 9,000 characters of observations each: within the form's bounds, a YAML file of 90 KB."""
    destino = ws / "recibidos" / "MTPS-2026-S2.xlsx"
    destino.parent.mkdir()
    celdas: dict[str, Any] = {f"F{f}": 1 for f in range(8, 18)} | {f"K{f}": "x" * 9000 for f in range(8, 18)}
    destino.write_bytes(_llenar(_formulario(), {"celdas": celdas}))


def enlace_en_plantillas(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    (ws / "plantillas").mkdir()
    (ws / "plantillas" / "reporte.md.j2").symlink_to(fuera / "secreto.txt")


def inclusion_enlazada_en_plantillas(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    (ws / "plantillas").mkdir()
    (ws / "plantillas" / "reporte.md.j2").write_text('{% include "otra.j2" %}\n', encoding="utf-8")
    (ws / "plantillas" / "otra.j2").symlink_to(fuera / "secreto.txt")


def plantilla_que_sale_del_entorno(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    (ws / "plantillas").mkdir()
    (ws / "plantillas" / "reporte.md.j2").write_text(
        "{{ i.__class__.__init__.__globals__['os'].system('touch pwned') }}\n", encoding="utf-8")


def plantilla_sin_filtros(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """A template that prints the data without `celda` or `md`: escaped all the same."""
    (ws / "plantillas").mkdir()
    (ws / "plantillas" / "reporte.md.j2").write_text(
        "# {{ i.titulo }}\n{% for e in i.ejes %}{% for itv in e.intervenciones %}{% for f in itv.filas %}"
        "| {{ f.id }} | {{ f.observaciones }} |\n{% endfor %}{% endfor %}{% endfor %}", encoding="utf-8")
    shutil.copyfile(CARPETA / "yaml" / "ataque-markdown-en-observaciones.yaml", ws / "avances/2026-S1/MTPS.yaml")


def tuberia_como_plantilla(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    (ws / "plantillas").mkdir()
    os.mkfifo(ws / "plantillas" / "reporte.md.j2")


def _fallo_del_sistema(codigo: int, funcion: str) -> Callable[..., Any]:
    def falla(*_args: object, **_kwargs: object) -> Any:
        raise OSError(codigo, os.strerror(codigo))
    falla.__name__ = funcion
    return falla


def disco_lleno(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    from pni_cli import salida

    mp.setattr(salida.os, "write", _fallo_del_sistema(errno.ENOSPC, "write"))


def archivo_demasiado_grande(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    from pni_cli import salida

    mp.setattr(salida.os, "fsync", _fallo_del_sistema(errno.EFBIG, "fsync"))


def disco_de_solo_lectura(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    from pni_cli import salida

    mp.setattr(salida.tempfile, "mkstemp", _fallo_del_sistema(errno.EROFS, "mkstemp"))


def sin_permiso(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    from pni_cli import salida

    mp.setattr(salida.tempfile, "mkstemp", _fallo_del_sistema(errno.EACCES, "mkstemp"))


def informe_existente(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    (ws / "informe.md").write_text("el informe de la reunión anterior\n", encoding="utf-8")
    (ws / "un-archivo").write_text("no es una carpeta\n", encoding="utf-8")
    (ws / "una-carpeta").mkdir()


def tuberia_como_cache(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """A FIFO where the cache file of this workspace goes («{cache}» in the case's environment)."""
    from pni_cli.lectura import cache

    carpeta = fuera.parent / "cache"
    carpeta.mkdir(mode=0o700)
    os.mkfifo(cache._archivo_cache(carpeta, ws))


def _repo(ws: Path) -> None:
    _git(ws.parent, "init", "-q", str(ws))
    _git(ws, "add", "-A", ".")
    _git(ws, "commit", "-q", "-m", "base")
    _git(ws, "tag", "base")


def _testigo(ws: Path) -> Path:
    programa = ws.parent / "testigo.sh"
    programa.write_text(f"#!/bin/sh\ntouch '{ws / 'pwned'}'\ncat\n", encoding="utf-8")
    programa.chmod(0o755)
    return programa


def repo_con_trampas(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """A repository whose own configuration would run a program (fsmonitor, a clean filter, textconv, an external
    diff, a pager) when git looks at the working tree; the working tree has changes."""
    _repo(ws)
    programa = _testigo(ws)
    for clave in ("core.fsmonitor", "filter.x.clean", "filter.x.process", "diff.x.textconv", "diff.external",
                  "core.pager", "gpg.program"):
        _git(ws, "config", clave, str(programa))
    _git(ws, "config", "log.showSignature", "true")
    (ws / ".gitattributes").write_text("*.yaml filter=x diff=x\n", encoding="utf-8")
    _reemplazar(ws / "avances" / "2026-S1" / "MTPS.yaml", "valor: 1\n", "valor: 2\n")


def _arbol(ws: Path, entradas: str) -> str:
    return _git(ws, "mktree", "--missing", entrada=entradas.encode()).strip()


def _commit_con(ws: Path, etiqueta: str, semestres: dict[str, str]) -> None:
    """A commit whose avances/ holds, besides what HEAD has, the given semester trees (written by hand)."""
    avances_ = _arbol(ws, _git(ws, "ls-tree", "HEAD:avances") + "".join(
        f"040000 tree {h}\t{s}\n" for s, h in semestres.items()))
    raiz = _git(ws, "ls-tree", "HEAD").replace(_git(ws, "rev-parse", "HEAD:avances").strip(), avances_)
    commit = _git(ws, "commit-tree", _arbol(ws, raiz), "-p", "HEAD", "-m", etiqueta).strip()
    _git(ws, "tag", etiqueta, commit)


def repo_con_nombres_raros(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """A commit with a 300-character file name, a file and a folder both named MTPS.yaml, and a name with ESC and
    RLO: names no disk takes, or that would reorder a log line."""
    _repo(ws)
    informe = (ws / "avances" / "2026-S1" / "MTPS.yaml").read_bytes().replace(b"periodo: 2026-S1", b"periodo: 2027-S1")
    blob = _git(ws, "hash-object", "-w", "--stdin", entrada=informe).strip()
    dentro = _arbol(ws, f"100644 blob {blob}\tMTPS.yaml\n")
    choque = subprocess.run(["git", "-C", str(ws), "hash-object", "-t", "tree", "-w", "--literally", "--stdin"],
                            input=b"100644 MTPS.yaml\0" + bytes.fromhex(blob) + b"40000 MTPS.yaml\0"
                            + bytes.fromhex(dentro), capture_output=True, check=True).stdout.decode().strip()
    _commit_con(ws, "raro", {"2027-S1": _arbol(ws, f"100644 blob {blob}\t{'x' * 300}.yaml\n"), "2027-S2": choque,
                             "2028-S1": _arbol(ws, f"100644 blob {blob}\tM\x1b[2J\u202eX.yaml\n")})


def repo_con_blob_enorme(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """20 MB of zeros, 20 KB inside git (tests/cli/test_cambios.py measures the memory with 200 MB)."""
    _repo(ws)
    ceros = _git(ws, "hash-object", "-w", "--stdin", entrada=bytes(20 * 1024 * 1024)).strip()
    _commit_con(ws, "enorme", {"2027-S1": _arbol(ws, f"100644 blob {ceros}\tMTPS.yaml\n")})


def repo_con_nombre_con_escapes(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    _repo(ws)
    nombre_con_escapes(ws, fuera, caso, mp)
    _git(ws, "add", "-A", ".")
    _git(ws, "commit", "-q", "-m", "un archivo con un nombre hostil")
    _git(ws, "tag", "hostil")


def repo_con_salto_de_linea(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    _repo(ws)
    nombre_con_salto_de_linea(ws, fuera, caso, mp)


def plan_con(ws: Path, fuera: Path, caso: dict[str, Any], mp: pytest.MonkeyPatch) -> None:
    """The plan with one value changed: `caso["cambio"]` is [file in plan/, text, replacement]."""
    archivo, antes, despues = caso["cambio"]
    _reemplazar(ws / "plan" / archivo, antes, despues)
