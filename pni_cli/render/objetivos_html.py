"""The plan by GCM objective as ONE self-contained HTML file (`pni reporte --por-objetivo --formato html`): the same
content as the Markdown and the workbook (objetivos.PorObjetivo), laid out to read in a browser and to print on A4
or Letter. It is built as the meeting report's HTML is (informe_html.renderizar: the workspace's or the package's
template `reporte_objetivos.html.j2` in jinja2's sandbox, the same Content-Security-Policy, the shared
estilo.html.j2 and the palette's CSS, every text from the data escaped by texto_seguro.html); this module only adds
what the template needs of objetivos.py. Same content → same bytes."""

from __future__ import annotations

import re
from pathlib import Path

from ..objetivos import ORIGENES, PorObjetivo, aviso_propuesta, origenes_en_palabras
from ..progreso import ESTADOS
from .informe_html import renderizar

NOMBRE = "reporte_objetivos.html.j2"


def desglose(texto: str) -> str:
    """«sexo: mujeres 7 · hombres 8» with a non-breaking space before each number and each «·»: a line may break
    only after a «·», never between a category and its number nor before a «·»."""
    return re.sub(r" (?=[0-9·])", "\u00a0", texto)


def documento(v: PorObjetivo, raiz: Path) -> str:
    return renderizar(v, raiz, NOMBRE, filtros={"desglose": desglose},
                      globales={"estados": ESTADOS, "origenes": ORIGENES, "aviso_propuesta": aviso_propuesta,
                                "origenes_en_palabras": origenes_en_palabras})
