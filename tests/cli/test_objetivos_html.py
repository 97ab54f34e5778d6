"""`pni reporte --por-objetivo --formato html`: the document by GCM objective as one self-contained HTML file. Its
content is checked against the PorObjetivo it is built from (pni_cli/objetivos.py: the same the Markdown and the
workbook lay out), the banners against the facts they state, the data's hostile text against the markup, and the
file in Debian's headless Chromium, printed on Letter and A4 (skipped with the reason where Chromium is missing,
failed in CI)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pni_cli.objetivos import PorObjetivo
from pni_cli.por_objetivo import contenido
from pni_cli.render.objetivos_html import desglose
from tests.cli.test_alineacion_validar import EJE5
from tests.cli.test_objetivos import AVISO, CORTE, _confirmar_todo
from tests.cli.test_reporte_html import _consola, _navegador, _paginas, sin_nada_externo
from tests.conftest import REPO, correr, huellas

ILUSTRATIVO = "⚠ DATOS ILUSTRATIVOS"
# hostile text in the data: an activity's text in the plan, an institution's narrative in its progress file
GUION = "<script>alert(1)</script><img src=x onerror=alert(2)>"
ENLACE = "<a href='javascript:alert(3)'>clic</a> javascript:alert(4)"


@dataclass(frozen=True)
class Documento:
    carpeta: Path
    archivo: Path
    texto: str
    vista: PorObjetivo


def _html(carpeta: Path, destino: Path, *args: str) -> str:
    r = correr("reporte", "--por-objetivo", "--formato", "html", "--salida", str(destino), "--corte", CORTE,
               *args, "--raiz", str(carpeta))
    assert r.codigo == 0 and r.out == "", r.err
    assert f"Documento por objetivo escrito en {destino}" in r.err
    return destino.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> Documento:
    carpeta = tmp_path_factory.mktemp("objetivos_html")
    shutil.copytree(REPO / "plan", carpeta / "plan")
    shutil.copytree(REPO / "avances", carpeta / "avances")
    eje = carpeta / EJE5
    texto = eje.read_text(encoding="utf-8")
    original = "texto: Ampliar la red de servicios brindados en la GAMI."
    assert original in texto
    eje.write_text(texto.replace(original, f"texto: 'Ampliar la red {GUION} de servicios brindados en la GAMI.'"),
                   encoding="utf-8")
    dgme = carpeta / "avances" / "2026-S1" / "DGME.yaml"
    texto = dgme.read_text(encoding="utf-8")
    original = 'logros: "La atención en GAMI se mantuvo'
    assert original in texto
    dgme.write_text(texto.replace(original, f'logros: "{ENLACE} La atención en GAMI se mantuvo'), encoding="utf-8")
    archivo = carpeta / "pmm.html"
    return Documento(carpeta, archivo, _html(carpeta, archivo),
                     contenido(carpeta, corte=CORTE, periodo=None, eje=None))


@dataclass
class _Seccion:
    clases: str = ""
    h2: str = ""
    filas: Counter[str] = field(default_factory=Counter)  # table class → rows of its body
    estados: dict[str, Counter[str]] = field(default_factory=dict)  # table class → states shown in it
    relatos: int = 0


class _Lector(HTMLParser):
    """Each <section> of the page: its classes, its title, the rows and the states of each of its tables, its
    narrative entries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.secciones: dict[str, _Seccion] = {}
        self._seccion: _Seccion | None = None
        self._tabla = ""
        self._en_cuerpo = self._en_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        clases = a.get("class", "").split()
        if tag == "section":
            self._seccion = self.secciones.setdefault(a["id"], _Seccion(a.get("class", "")))
        if self._seccion is None:
            return
        if tag == "table":
            self._tabla = a.get("class", "")
        elif tag == "tbody":
            self._en_cuerpo = True
        elif tag == "tr" and self._en_cuerpo:
            self._seccion.filas[self._tabla] += 1
        elif tag == "span" and "estado" in clases and self._en_cuerpo:
            estado = next(c[2:] for c in clases if c.startswith("e-"))
            self._seccion.estados.setdefault(self._tabla, Counter())[estado] += 1
        elif tag == "li" and self._seccion is not None:
            self._seccion.relatos += 1
        self._en_h2 = tag == "h2"

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._en_cuerpo = False
        elif tag == "section":
            self._seccion = None
        elif tag == "h2":
            self._en_h2 = False

    def handle_data(self, data: str) -> None:
        if self._en_h2 and self._seccion is not None:
            self._seccion.h2 += data


def _secciones(texto: str) -> dict[str, _Seccion]:
    lector = _Lector()
    lector.feed(texto)
    return lector.secciones


def test_html_por_objetivo_dice_lo_que_dice_el_contenido(doc: Documento) -> None:
    """Per objective: its title, one row per contributing activity, one per key figure with the state of each
    (the objective's count by state), each narrative entry; the summary and the means of implementation."""
    v, secciones = doc.vista, _secciones(doc.texto)
    assert [s for s in secciones if s.startswith("objetivo-")] == [f"objetivo-{o.id}" for o in v.objetivos]
    assert len(v.objetivos) == 23
    assert secciones["resumen"].filas["resumen"] == 23
    for o in v.objetivos:
        s = secciones[f"objetivo-{o.id}"]
        assert s.h2 == f"Objetivo {o.id}. {o.etiqueta}"
        assert s.filas["actividades"] == len(o.actividades), o.id
        assert s.filas["indicadores"] == sum(len(a.cifras) for a in o.actividades) == o.indicadores, o.id
        assert s.estados.get("indicadores", Counter()) == Counter({k: n for k, n in o.conteo.items() if n}), o.id
        assert s.relatos == o.relatos, o.id
        # a new page for an objective with activities; one without is a short block that follows the last
        assert ("pagina" in s.clases.split()) == bool(o.actividades), o.id
    assert [o.id for o in v.objetivos if not o.actividades] == [8, 13, 22]
    assert secciones["objetivo-21"].filas["actividades"] == 12 and secciones["objetivo-21"].relatos > 0
    assert secciones["medios"].filas["actividades"] == len(v.medios) == 4
    assert secciones["principios"].filas["principios"] == 10
    t = doc.texto
    assert "<h3>Leyenda del semáforo</h3>" in t and '<span class="estado e-rojo">✖ rojo</span>' in t
    assert "<b>Objetivos sin ninguna actividad del plan:</b> 8 (SALVAR VIDAS); 13 (ALTERNATIVAS A LA DETENCIÓN); 22 " \
           "(PROTECCIÓN SOCIAL)." in t
    assert f"Fecha de corte: <b>{v.corte}</b>" in t and v.version_plan and v.version_plan in t


def test_html_por_objetivo_no_corta_ids_ni_cifras(doc: Documento) -> None:
    """Printed in narrow columns, an id never breaks («6.4.3», «6.4.3.a» are one unit) nor does a breakdown part
    leave its number on the next line."""
    t = doc.texto
    for o in doc.vista.objetivos:
        for a in o.actividades:
            assert f'<b class="id">{a.id}</b>' in t
            assert all(f'<b class="id">{c.id}</b>' in t for c in a.cifras)
    assert "sexo: mujeres\u00a0" in t and "\u00a0· hombres\u00a0" in t
    assert desglose("sexo: mujeres 1,088 · hombres 1,232 (en 3 de 4 informes; suman 2,320)") == (
        "sexo: mujeres\u00a01,088\u00a0· hombres\u00a01,232 (en\u00a03 de\u00a04 informes; suman\u00a02,320)")


def test_html_por_objetivo_lleva_sus_avisos(doc: Documento) -> None:
    t = doc.texto
    v = doc.vista
    assert v.propuesta and v.ilustrativo
    assert t.count(f'<p class="aviso propuesta" role="alert">{AVISO}.') == 1
    assert f"{v.propuestos} de {v.vinculos} vínculos" in t and "163 de 163 vínculos" in t
    assert t.count(f'<p class="aviso" role="alert">{ILUSTRATIVO}.') == 1
    assert t.index(AVISO) < t.index(ILUSTRATIVO) < t.index("<h2>Resumen</h2>")


def test_html_por_objetivo_sin_avisos_cuando_no_corresponden(espacio: Path) -> None:
    """No illustrative file: no illustrative banner. Every link confirmed by the Mecanismo: no proposal banner."""
    t = _html(espacio, espacio / "a.html")
    assert AVISO in t and ILUSTRATIVO not in t
    _confirmar_todo(espacio)
    t = _html(espacio, espacio / "b.html")
    assert AVISO not in t and "ALINEACIÓN PROPUESTA" not in t and "aviso propuesta" not in t
    assert ILUSTRATIVO not in t and "confirmado por el Mecanismo" in t


def test_html_por_objetivo_nada_externo_y_datos_inertes(doc: Documento) -> None:
    t = doc.texto
    sin_nada_externo(t)
    assert "<script" not in t and "<img" not in t and "<a " not in t  # as markup; as text, escaped:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in t
    assert "&lt;a href=&#x27;javascript:alert(3)&#x27;&gt;clic&lt;/a&gt; javascript:alert(4)" in t


def test_html_por_objetivo_mismos_bytes_y_entradas_intactas(doc: Documento, tmp_path: Path) -> None:
    antes = huellas(doc.carpeta)
    otro = tmp_path / "otro.html"
    assert _html(doc.carpeta, otro) == doc.texto
    assert otro.read_bytes() == doc.archivo.read_bytes()
    assert huellas(doc.carpeta) == antes
    r = correr("reporte", "--por-objetivo", "-f", "html", "-o", str(otro), "--corte", CORTE, "--raiz", str(doc.carpeta))
    assert r.codigo == 3 and "--forzar" in r.err


def test_html_por_objetivo_de_un_eje(doc: Documento, tmp_path: Path) -> None:
    t = _html(doc.carpeta, tmp_path / "eje5.html", "--eje", "5")
    assert "<h1>El PNI 2024-2028 por objetivo del Pacto Mundial para la Migración — Eje 5</h1>" in t
    assert "<b>Solo el eje 5:</b>" in t
    secciones = _secciones(t)
    assert 0 < secciones["objetivo-21"].filas["actividades"] < 12
    assert secciones["objetivo-3"].filas["actividades"] == 0
    o3 = t.split('<section id="objetivo-3"')[1].split("</section>")[0]
    assert "Ninguna actividad del eje 5 contribuye a este objetivo." in o3  # not «del plan»: it has 6


def test_la_plantilla_del_repositorio_es_la_del_paquete() -> None:
    for nombre in ("reporte_objetivos.html.j2", "estilo.html.j2"):
        assert (REPO / "plantillas" / nombre).read_text(encoding="utf-8") == \
            (REPO / "pni_cli" / "plantillas" / nombre).read_text(encoding="utf-8"), nombre


# --- in a real browser ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("papel", "caja"), [("letter", rb"/MediaBox \[0 0 612 792\]"),
                                             ("A4", rb"/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]")], ids=["carta", "A4"])
def test_chromium_imprime_el_documento(doc: Documento, tmp_path: Path, papel: str, caja: bytes) -> None:
    """Printed on Letter and on A4 with no console message (no refused request, no error): a summary, a page or
    more per objective with activities, the means, the principles."""
    archivo = tmp_path / f"{papel}.html"
    archivo.write_text(doc.texto.replace("</head>", f"<style>@page {{ size: {papel}; }}</style>\n</head>"),
                       encoding="utf-8")
    pdf = tmp_path / f"{papel}.pdf"
    assert _consola(_navegador(archivo, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")) == []
    datos = pdf.read_bytes()
    assert datos.startswith(b"%PDF") and re.search(caja, datos)
    con_actividades = sum(bool(o.actividades) for o in doc.vista.objetivos)
    assert con_actividades + 3 <= _paginas(datos) <= 120
