"""`pni reporte --formato html`: one self-contained file, checked as text (no request can leave it, data escaped,
same bytes) and in a real browser: Debian's headless Chromium prints it to PDF (Letter and A4) and takes a
screenshot, with console logging on, and the test asserts it rendered (pages, an image, no console message). Where
Chromium is absent the browser tests are skipped with the reason; in CI (the variable CI set) they fail instead:
.ci/run installs chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO, correr, escribir

FIJOS = REPO / "tests" / "fixtures" / "reporte"
CORTE = "2026-01-31"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


@dataclass(frozen=True)
class Html:
    carpeta: Path
    archivo: Path
    texto: str


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Html:
    carpeta = tmp_path_factory.mktemp("reporte_html")
    shutil.copytree(REPO / "plan", carpeta / "plan")
    shutil.copytree(FIJOS / "avances", carpeta / "avances")
    # a hostile observation: markup, a script, a request, in the data
    escribir(carpeta / "avances" / "2025-S2" / "MTPS.yaml",
             (FIJOS / "avances" / "2025-S2" / "MTPS.yaml").read_text(encoding="utf-8").replace(
                 "reglamento pendiente", "reglamento <script>alert(1)</script><img src='http://x/y.png'>"))
    archivo = carpeta / "informe.html"
    r = correr("reporte", "--corte", CORTE, "--formato", "html", "--salida", str(archivo), cwd=carpeta)
    assert r.codigo == 0, r.err
    assert f"Informe escrito en {archivo}" in r.err
    return Html(carpeta, archivo, archivo.read_text(encoding="utf-8"))


class _Marcado(HTMLParser):
    """The tags, attributes and style sheets of a page (its markup, not its text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.etiquetas: set[str] = set()
        self.atributos: list[tuple[str, str, str]] = []
        self.estilos: list[str] = []
        self._en_estilo = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.etiquetas.add(tag)
        self.atributos += [(tag, k, v or "") for k, v in attrs]
        self._en_estilo = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._en_estilo = False

    def handle_data(self, data: str) -> None:
        if self._en_estilo:
            self.estilos.append(data)


def test_html_sin_nada_externo(html: Html) -> None:
    sin_nada_externo(html.texto)
    assert "<svg" in html.texto


def sin_nada_externo(t: str) -> None:
    """Nothing in the markup can make a request: no script, link, image, frame or object, no attribute that names
    a resource, no url() or @import in the styles, and a Content-Security-Policy that forbids them anyway."""
    assert t.startswith("<!DOCTYPE html>\n<html lang=\"es\">")
    m = _Marcado()
    m.feed(t)
    assert ("meta", "content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:") in m.atributos
    assert ("meta", "http-equiv", "Content-Security-Policy") in m.atributos
    assert not m.etiquetas & {"script", "link", "img", "iframe", "object", "embed", "image", "use", "video",
                              "audio", "source", "form", "base"}
    recursos = {"src", "href", "action", "srcset", "poster", "xlink:href", "data", "background", "formaction"}
    assert [a for a in m.atributos if a[1] in recursos or a[1].startswith("on")] == []
    assert m.estilos and not any(re.search(r"url\(|@import", e, re.IGNORECASE) for e in m.estilos)


def test_html_escapa_el_texto_de_los_datos(html: Html) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&#x27;http://x/y.png&#x27;&gt;" in html.texto


def test_html_contenido(html: Html) -> None:
    t = html.texto
    assert "⚠ DATOS ILUSTRATIVOS" in t
    for titulo in ("Resumen", "Tendencia por eje", "Qué atender", "Entregas de informes por institución y semestre",
                   *[f"Eje {n}:" for n in range(7)], "Anexo: metas por definir", "Anexo: inconsistencias de la fuente",
                   "Leyenda del semáforo"):
        assert f"<h2>{titulo}" in t or f"<h3>{titulo}" in t, titulo
    assert t.count('<svg class="tendencia"') == 7  # one trend chart per eje
    assert t.count('<svg class="grafico"') == 1
    # every state as symbol + word + colour
    assert '<span class="estado e-rojo">✖ rojo</span>' in t
    assert '<td class="entrega d-tarde">◷ tarde (1 día) e incompleto (5 de 128)</td>' in t
    assert "faltan 7 de 9 informes" in t
    # the trend: the day after each evaluated semester's deadline
    for semestre, dia in (("2024-S2", "31/01/2025"), ("2025-S1", "31/07/2025"), ("2025-S2", "31/01/2026")):
        assert f"{semestre} (al {dia})" in t


# --- as it prints: every text at 8 points or more, nothing split or alone -------------------------------------

ANCHO_A4_PT = 595.3 - 2 * 12 * 72 / 25.4  # A4 less the 12 mm side margins of @page: the narrower paper


def _tamanos_impresos(svg: str, ancho_pt: float) -> list[float]:
    """The points at which the texts of `svg` print when the chart is `ancho_pt` wide."""
    ancho_vista = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    return [float(t) * ancho_pt / ancho_vista for t in re.findall(r'font-size="([\d.]+)"', svg)]


@pytest.mark.parametrize("corte", ["2026-01-31", "2029-03-01"])
def test_html_graficos_impresos_a_8_puntos(html: Html, corte: str, tmp_path: Path) -> None:
    """The charts are SVG scaled to their box: the summary chart prints as wide as the page, a trend chart half of it
    (four semesters or fewer, two a row) or all of it (more semesters): their texts must print at 8 points or more
    (they printed at 5 to 7)."""
    archivo = tmp_path / "informe.html"
    assert correr("reporte", "--corte", corte, "-f", "html", "-o", str(archivo), cwd=html.carpeta).codigo == 0
    t = archivo.read_text(encoding="utf-8")
    grafico = re.search(r'<svg class="grafico".*?</svg>', t).group(0)  # type: ignore[union-attr]
    assert min(_tamanos_impresos(grafico, ANCHO_A4_PT)) >= 8
    anchas = 'class="tendencias anchas"' in t
    caja = ANCHO_A4_PT - 10 if anchas else (ANCHO_A4_PT - 10) / 2 - 12  # the gap, the figure's padding and border
    tendencias = re.findall(r'<svg class="tendencia".*?</svg>', t)
    assert tendencias and min(min(_tamanos_impresos(g, caja)) for g in tendencias) >= 8
    assert anchas == (corte == "2029-03-01")
    assert "@media print" in t and ".tendencias { grid-template-columns: repeat(2, 1fr); }" in t


def test_html_secciones_en_su_pagina_y_nada_partido(html: Html, tmp_path: Path) -> None:
    """The trend starts a page (its title and legend with its charts, not at the foot of the summary), a legend is
    never split between pages, and before any deadline the empty deliveries section shares the page of «Qué
    atender» instead of printing a page of one line."""
    t = html.texto
    assert '<section id="tendencia" class="pagina">' in t
    assert re.search(r"@media print \{[^}]*\}?.*break-inside: avoid", t, re.DOTALL)
    assert ".leyenda, dl.leyenda-larga, footer { break-inside: avoid; }" in t
    assert '<section id="entregas" class="pagina">' in t
    archivo = tmp_path / "antes.html"
    assert correr("reporte", "--corte", "2024-12-31", "-f", "html", "-o", str(archivo),
                  cwd=html.carpeta).codigo == 0
    antes = archivo.read_text(encoding="utf-8")
    assert '<section id="entregas">' in antes and "Aún no vence ningún informe." in antes


def test_html_quien_debe_cada_semestre_sin_partir(html: Html) -> None:
    """Who owes which semesters: one entry per institution (consecutive semesters as a range), each kept on one
    line, so that «2025-» and «S1» never end on two lines."""
    celdas = re.findall(r'<td>((?:<span class="junto">[^<]*</span>(?:; )?)+)</td></tr>', html.texto)
    assert celdas
    for celda in celdas:
        entradas = re.findall(r'<span class="junto">([^<]*)</span>', celda)
        claves = [e.split(" ")[0] for e in entradas]
        assert len(claves) == len(set(claves)), celda  # one entry per institution
    # the institutions that owe reports: each missing semester of the column «Faltantes» on one line, too
    deudoras = html.texto.split("<th>Faltantes</th>")[1].split("</table>")[0]
    faltantes = re.findall(r"</b> [^<]*</td><td>(.*?)</td>", deudoras)
    assert any(faltantes) and all(re.fullmatch(r'(<span class="junto">\d{4}-S\d</span>(, )?)*', f) for f in faltantes)


def test_html_mismos_bytes(html: Html, tmp_path: Path) -> None:
    otro = tmp_path / "otra.html"
    r = correr("reporte", "--corte", CORTE, "--formato", "html", "--salida", str(otro), cwd=html.carpeta)
    assert r.codigo == 0
    assert otro.read_bytes() == html.archivo.read_bytes()


def test_html_necesita_salida(html: Html) -> None:
    r = correr("reporte", "--corte", CORTE, "--formato", "html", cwd=html.carpeta)
    assert r.codigo == 2
    assert "el informe en HTML necesita --salida ARCHIVO.html" in r.err


def test_html_plantilla_del_espacio_y_sandbox(html: Html, tmp_path: Path) -> None:
    carpeta = tmp_path / "ws"
    shutil.copytree(html.carpeta / "plan", carpeta / "plan")
    escribir(carpeta / "plantillas" / "reporte.html.j2", "<p>{{ i.corte }} {{ '<b>' }}</p>\n")
    destino = carpeta / "a.html"
    r = correr("reporte", "--corte", CORTE, "-f", "html", "-o", str(destino), cwd=carpeta)
    assert r.codigo == 0, r.err
    assert destino.read_text(encoding="utf-8") == "<p>31/01/2026 &lt;b&gt;</p>\n"
    # a template cannot reach Python's internals
    escribir(carpeta / "plantillas" / "reporte.html.j2", "{{ i.__class__.__mro__ }}\n")
    r = correr("reporte", "--corte", CORTE, "-f", "html", "-o", str(carpeta / "b.html"), cwd=carpeta)
    assert r.codigo == 2
    assert r.err.startswith("pni: la plantilla plantillas/reporte.html.j2")
    assert not (carpeta / "b.html").exists()


def test_html_plantilla_enlazada_se_rechaza(html: Html, tmp_path: Path) -> None:
    """An HTML template, like a Markdown one, is read only from a regular file of plantillas/: a link planted there
    (to a file outside the workspace) is refused, not rendered."""
    carpeta = tmp_path / "ws"
    shutil.copytree(html.carpeta / "plan", carpeta / "plan")
    secreto = escribir(tmp_path / "secreto.txt", "SECRETO\n")
    (carpeta / "plantillas").mkdir()
    (carpeta / "plantillas" / "reporte.html.j2").symlink_to(secreto)
    r = correr("reporte", "--corte", CORTE, "-f", "html", "-o", str(carpeta / "a.html"), cwd=carpeta)
    assert r.codigo == 2 and "plantillas/reporte.html.j2 es un enlace simbólico" in r.err, r.err
    assert not (carpeta / "a.html").exists()


# --- in a real browser ---------------------------------------------------------------------------------------

def _chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI: no se encuentra chromium (Debian: apt-get install chromium; .ci/run lo instala)")
        pytest.skip("chromium no está instalado (Debian: apt-get install chromium): no se puede comprobar el HTML "
                    "en un navegador")
    return CHROMIUM


def _navegador(archivo: Path, tmp: Path, *opciones: str) -> str:
    """Run headless Chromium on `archivo` with console logging on stderr; return stderr."""
    perfil = tmp / f"perfil-{len(list(tmp.iterdir()))}"
    perfil.mkdir()
    p = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-extensions", "--mute-audio", f"--user-data-dir={perfil}", "--enable-logging=stderr",
                        "--v=0", *opciones, archivo.as_uri()],
                       capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp)})
    assert p.returncode == 0, p.stderr[-3000:]
    return p.stderr


def _consola(stderr: str) -> list[str]:
    """What the page wrote to the browser's console (errors, refused requests): Chromium logs it as «:CONSOLE»."""
    return [linea for linea in stderr.splitlines() if ":CONSOLE" in linea]


def _paginas(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_chromium_imprime_y_muestra_el_informe(html: Html, tmp_path: Path) -> None:
    pdf = tmp_path / "informe.pdf"
    err = _navegador(html.archivo, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert _consola(err) == []
    datos = pdf.read_bytes()
    assert datos.startswith(b"%PDF")
    paginas = _paginas(datos)
    assert 15 <= paginas <= 80, paginas  # the summary, the trend, the lists, the map, 7 ejes, the appendices
    assert b"/MediaBox [0 0 612 792]" in datos  # Letter, the browser's default here

    png = tmp_path / "pantalla.png"
    err = _navegador(html.archivo, tmp_path, "--window-size=1280,1600", "--hide-scrollbars", f"--screenshot={png}")
    assert _consola(err) == []
    imagen = png.read_bytes()
    assert imagen.startswith(b"\x89PNG\r\n\x1a\n")
    ancho, alto = int.from_bytes(imagen[16:20], "big"), int.from_bytes(imagen[20:24], "big")
    assert (ancho, alto) == (1280, 1600)
    assert len(imagen) > 40_000  # text and charts, not a blank page


def test_chromium_en_a4(html: Html, tmp_path: Path) -> None:
    a4 = tmp_path / "a4.html"
    a4.write_text(html.texto.replace("</head>", "<style>@page { size: A4; }</style>\n</head>"), encoding="utf-8")
    pdf = tmp_path / "a4.pdf"
    err = _navegador(a4, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert _consola(err) == []
    datos = pdf.read_bytes()
    assert re.search(rb"/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]", datos)  # A4: 595 × 842 points
    assert 15 <= _paginas(datos) <= 80


def test_chromium_denunciaria_una_peticion(html: Html, tmp_path: Path) -> None:
    """The check above would see a request: the same file with an image from the network gets the browser's
    refusal in the console (the Content-Security-Policy), and nothing is fetched."""
    malo = tmp_path / "malo.html"
    malo.write_text(html.texto.replace("</body>", '<img src="http://127.0.0.1:9/x.png"></body>'), encoding="utf-8")
    err = _navegador(malo, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={tmp_path / 'malo.pdf'}")
    consola = _consola(err)
    assert consola and "Content Security Policy" in consola[0]


A4_UTIL_PX = 703  # A4's 210 mm less the 12 mm margins of @page on each side (estilo.html.j2), at 96 px per inch


def _ancho_impreso(archivo: Path, tmp: Path) -> tuple[int, int]:
    """How wide the page lays out with its print styles in a window as wide as A4's printable width, and that
    width. Wider than the window, Chromium's print shrinks the whole page to fit: the 9-point tables print at
    7 points or less. (A copy, with the print styles for the screen and a script that logs the width.)"""
    texto = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", archivo.read_text(encoding="utf-8"))
    medir = ("<script>addEventListener('load', () => console.log('ANCHO ' + document.documentElement.scrollWidth + "
             "' ' + document.documentElement.clientWidth));</script></body>")
    texto = texto.replace("@media print", "@media all").replace("</body>", medir)
    copia = tmp / f"ancho-{archivo.name}"
    copia.write_text(texto, encoding="utf-8")
    err = _navegador(copia, tmp, f"--window-size={A4_UTIL_PX},1000", "--hide-scrollbars",
                     f"--screenshot={tmp / 'ancho.png'}")
    ancho, ventana = re.findall(r"ANCHO (\d+) (\d+)", "\n".join(_consola(err)))[0]
    return int(ancho), int(ventana)


@pytest.mark.parametrize("documento", [(), ("--institucion", "MTPS"), ("--por-objetivo",)],
                         ids=["mecanismo", "institucion", "por-objetivo"])
def test_html_cabe_en_el_ancho_de_a4_sin_encogerse(documento: tuple[str, ...], tmp_path: Path) -> None:
    """The repository's workspace (every eje, the institution with most columns): no table wider than the page
    (a header that cannot wrap, «no le corresponde» in a column of numbers, a state's badge)."""
    archivo = tmp_path / "documento.html"
    r = correr("reporte", "--periodo", "2026-S1", *documento, "--formato", "html", "--salida", str(archivo))
    assert r.codigo == 0, r.err
    ancho, ventana = _ancho_impreso(archivo, tmp_path)
    assert ventana == A4_UTIL_PX and ancho <= ventana, (ancho, ventana)
