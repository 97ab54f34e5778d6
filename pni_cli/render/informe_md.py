"""The Markdown report for the Mecanismo: the jinja2 template of the workspace's plantillas/ (if the user has one)
or the package's default. StrictUndefined, so a typo in a template is an error, not an empty cell.

A template may come with a pull request like any file of the workspace, so it is treated as data that runs:

- it is rendered in jinja2's immutable sandbox: no attribute that starts with «_», no Python internals, nothing
  that changes a value; it can read the report's fields (`i`, pni_cli/informe_mecanismo.py) and nothing else;
- it is read (as are the templates it includes) only from regular files under the workspace's plantillas/ or from
  the package, never through a symbolic link, and never more than PNI_MAX_BYTES;
- every `{{ … }}` goes through pni_cli/texto_seguro.py: the filters `celda` (a table cell) and `md` (loose text)
  say which, and whatever a template prints without them is escaped as loose text all the same.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import informe_mecanismo as im
from ..errores import ErrorDeUso
from ..formato import fecha, numero, porcentaje
from ..texto_seguro import celda_markdown, texto_markdown

NOMBRE = "reporte.md.j2"
CARPETA = "plantillas"


class _Escapado(str):
    """Text already neutralised by one of the template's filters: the template's `finalize` leaves it alone."""

    __slots__ = ()


def _celda(valor: object) -> _Escapado:
    return _Escapado(celda_markdown(valor))


def _md(valor: object) -> _Escapado:
    return _Escapado(texto_markdown(valor))


def _final(valor: object) -> object:
    """What a `{{ … }}` prints: escaped as loose Markdown text unless a filter already did it."""
    return valor if isinstance(valor, _Escapado) else texto_markdown(valor)


class PlantillaRechazada(ErrorDeUso):
    """A template that pni will not read: a link, a pipe, a file too large."""


def _cargador_del_espacio(raiz: Path) -> Any:
    """A jinja2 loader of the templates under `raiz`/plantillas/: regular files only, no link on the way, at most
    PNI_MAX_BYTES, UTF-8."""
    import jinja2

    from ..lectura.archivos import NoLegible, leer_bytes, limite

    carpeta = raiz / CARPETA

    class Cargador(jinja2.BaseLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
            partes = jinja2.loaders.split_template_path(template)  # «..» is TemplateNotFound
            ruta = carpeta
            for parte in partes:
                ruta = ruta / parte
                try:
                    modo = os.lstat(ruta).st_mode
                except OSError:
                    raise jinja2.TemplateNotFound(template) from None
                if stat.S_ISLNK(modo):
                    enlace = f"{CARPETA}/{ruta.relative_to(carpeta).as_posix()}"
                    que = f"{enlace} es" if len(partes) == len(ruta.relative_to(carpeta).parts) else (
                        f"{CARPETA}/{'/'.join(partes)} está en {enlace}, que es")
                    raise PlantillaRechazada(f"la plantilla {que} un enlace simbólico: las plantillas se leen solo "
                                             f"de archivos de {CARPETA}/ (copie el archivo en lugar de enlazarlo)")
            try:
                datos = leer_bytes(ruta, limite("PNI_MAX_BYTES"), sin_enlaces=True)
            except NoLegible as e:
                raise PlantillaRechazada(f"la plantilla {CARPETA}/{'/'.join(partes)} no se puede leer: "
                                         f"{e.motivo}") from None
            return datos.decode("utf-8"), str(ruta), lambda: True

    return Cargador()


def cargador(raiz: Path) -> Any:
    """Where every report's template is read from (Markdown and HTML): the workspace's plantillas/, regular files
    only, then the package's."""
    import jinja2

    cargadores: list[jinja2.BaseLoader] = []
    propia = raiz / CARPETA
    if os.path.islink(propia):
        raise PlantillaRechazada(f"{CARPETA}/ es un enlace simbólico; las plantillas se leen solo de una carpeta "
                                 f"{CARPETA}/ del espacio de trabajo (o las del paquete)")
    if propia.is_dir():
        cargadores.append(_cargador_del_espacio(raiz))
    cargadores.append(jinja2.PackageLoader("pni_cli", CARPETA))
    return jinja2.ChoiceLoader(cargadores)


def renderizar(informe: object, raiz: Path, nombre: str = NOMBRE) -> str:
    """`informe` (an InformeMecanismo, or an informe_institucion.InformeInstitucion for reporte_institucion.md.j2)
    through the template `nombre`, as the template's variable `i`."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    entorno = ImmutableSandboxedEnvironment(loader=cargador(raiz), undefined=jinja2.StrictUndefined,
                                            autoescape=False, keep_trailing_newline=True, trim_blocks=True,
                                            lstrip_blocks=True, finalize=_final)
    entorno.filters["celda"] = _celda
    entorno.filters["md"] = _md
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
    from jinja2.exceptions import SecurityError

    from ..lectura.rutas import relativo

    if isinstance(e, ErrorDeUso):
        return e
    plantilla = nombre
    propia = raiz / CARPETA / plantilla
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
    if isinstance(e, SecurityError):
        return ErrorDeUso(f"la plantilla {donde} usa algo que las plantillas no pueden usar (atributos internos o "
                          "que cambian un valor); solo se leen los campos de «i» (clase InformeMecanismo de "
                          "pni_cli/informe_mecanismo.py)")
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
