"""The Markdown report for the Mecanismo: the jinja2 template of the workspace's plantillas/ (if the user has one)
or the package's default. StrictUndefined, so a typo in a template is an error, not an empty cell. Every text from
the data goes through the template's filters `celda` (a table cell) and `md` (loose text): pni_cli/texto_seguro.py."""

from __future__ import annotations

import re
from pathlib import Path

from .. import informe_mecanismo as im
from ..errores import ErrorDeUso
from ..formato import fecha, numero, porcentaje
from ..texto_seguro import celda_markdown, texto_markdown

NOMBRE = "reporte.md.j2"


def renderizar(informe: object, raiz: Path, nombre: str = NOMBRE) -> str:
    """`informe` (an InformeMecanismo, or an informe_institucion.InformeInstitucion for reporte_institucion.md.j2)
    through the template `nombre`, as the template's variable `i`."""
    import jinja2

    cargadores: list[jinja2.BaseLoader] = []
    if (raiz / "plantillas").is_dir():
        cargadores.append(jinja2.FileSystemLoader(str(raiz / "plantillas"), encoding="utf-8"))
    cargadores.append(jinja2.PackageLoader("pni_cli", "plantillas"))
    entorno = jinja2.Environment(loader=jinja2.ChoiceLoader(cargadores), undefined=jinja2.StrictUndefined,
                                 autoescape=False, keep_trailing_newline=True, trim_blocks=True,
                                 lstrip_blocks=True)
    entorno.filters["celda"] = celda_markdown
    entorno.filters["md"] = texto_markdown
    entorno.filters.update(FILTROS)
    try:
        return espaciar(entorno.get_template(nombre).render(i=informe))
    except Exception as e:  # a user's template is data: say where it is wrong, never «error interno»
        raise error_de_plantilla(e, raiz, nombre, type(informe).__name__) from None


def cuenta(n: int, singular: str, plural: str | None = None) -> str:
    """«1 indicador», «2 indicadores»: a real plural, never «indicador(es)»."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


# How the templates format what the report holds as numbers, dates and records (the same words in every format).
FILTROS = {"numero": numero, "porcentaje": porcentaje, "fecha": fecha, "entrega": im.texto_entrega,
           "incompleto": im.texto_incompleto, "tardio": im.texto_tardio, "con_errores": im.texto_con_errores,
           "indicadores_alerta": im.texto_alerta, "cuenta": cuenta}


def error_de_plantilla(e: Exception, raiz: Path, nombre: str = NOMBRE, clase: str = "InformeMecanismo"
                       ) -> Exception:
    """An error raised while loading or rendering the template, as an ErrorDeUso naming the file and line."""
    import traceback

    import jinja2

    from ..lectura.rutas import relativo

    plantilla = nombre
    propia = raiz / "plantillas" / plantilla
    nombre = relativo(propia, raiz) if propia.is_file() else f"{plantilla} (la del paquete)"
    if isinstance(e, jinja2.TemplateSyntaxError):  # also TemplateAssertionError: an unknown filter or test
        archivo = relativo(Path(e.filename), raiz) if e.filename else nombre
        return ErrorDeUso(f"la plantilla {archivo}, línea {e.lineno}: error de sintaxis de jinja2 ({e.message}); "
                          "corríjala")
    if isinstance(e, jinja2.TemplateNotFound):
        return ErrorDeUso(f"la plantilla {nombre} incluye «{e.name}», que no existe en plantillas/")
    if isinstance(e, UnicodeDecodeError):
        return ErrorDeUso(f"la plantilla {nombre} no está en UTF-8; guárdela con codificación UTF-8")
    linea = next((f.lineno for f in reversed(traceback.extract_tb(e.__traceback__))
                  if f.filename.endswith(".j2")), None)
    donde = f"{nombre}, línea {linea}" if linea else nombre
    if isinstance(e, jinja2.UndefinedError):
        m = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", str(e.message))
        que = f"«{m.group(1) or m.group(2)}», que no está definida" if m else f"un valor que no existe ({e.message})"
        modulo = "informe_mecanismo" if clase == "InformeMecanismo" else "informe_institucion"
        return ErrorDeUso(f"la plantilla {donde} usa {que}; las variables disponibles son los campos de «i» "
                          f"(clase {clase} de pni_cli/{modulo}.py)")
    if isinstance(e, jinja2.TemplateError) or (linea is not None and propia.is_file()):
        return ErrorDeUso(f"la plantilla {donde} no se pudo aplicar ({type(e).__name__}: {e})")
    return e


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
