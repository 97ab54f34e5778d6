"""The Markdown report: jinja2 template from the workspace's plantillas/ (if the user has one) or the package's
default. StrictUndefined, so a typo in a template is an error, not an empty cell."""

from __future__ import annotations

import re
from pathlib import Path

from ..informe import Informe

NOMBRE = "reporte.md.j2"
_ESPECIALES = re.compile(r"([\\`*_\[\]<>|#])")


def celda(valor: object) -> str:
    """Text safe inside a GitHub-flavoured Markdown table cell: no pipes, no line breaks, no HTML."""
    texto = str(valor)
    texto = re.sub(r"[\r\n]+", " ", texto)
    texto = texto.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s+", " ", texto).strip()


def md(valor: object) -> str:
    """Loose text (titles): Markdown markup characters escaped, one line."""
    texto = re.sub(r"\s+", " ", str(valor)).strip()
    return _ESPECIALES.sub(r"\\\1", texto)


def renderizar(informe: Informe, raiz: Path) -> str:
    import jinja2

    cargadores: list[jinja2.BaseLoader] = []
    if (raiz / "plantillas").is_dir():
        cargadores.append(jinja2.FileSystemLoader(str(raiz / "plantillas"), encoding="utf-8"))
    cargadores.append(jinja2.PackageLoader("pni_cli", "plantillas"))
    entorno = jinja2.Environment(loader=jinja2.ChoiceLoader(cargadores), undefined=jinja2.StrictUndefined,
                                 autoescape=False, keep_trailing_newline=True, trim_blocks=True,
                                 lstrip_blocks=True)
    entorno.filters["celda"] = celda
    entorno.filters["md"] = md
    return espaciar(entorno.get_template(NOMBRE).render(i=informe))


def espaciar(texto: str) -> str:
    """One blank line around headings, tables and quotes, whatever the template's whitespace; never two."""
    out: list[str] = []
    previa = ""
    for linea in texto.splitlines():
        bloque = _tipo(linea)
        if out and linea.strip() and previa.strip() and (bloque != _tipo(previa) or bloque == "titulo"):
            out.append("")
        out.append(linea.rstrip())
        previa = linea
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n") + "\n"


def _tipo(linea: str) -> str:
    if linea.startswith("#"):
        return "titulo"
    if linea.startswith("|"):
        return "tabla"
    if linea.startswith(">"):
        return "cita"
    return "texto"
