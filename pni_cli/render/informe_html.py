"""The HTML report for the Mecanismo (and the report per institution, and the document by GCM objective:
objetivos_html.py): ONE self-contained file to open in any browser, print (A4 or Letter) or project. Styles inline,
charts as inline SVG drawn here, no script, no font, no image, no link to anything outside the file; a
Content-Security-Policy meta forbids any request, so a browser would refuse even one that slipped in. The jinja2
template is the workspace's plantillas/<name> if there is one (a regular file, never through a link:
informe_md.cargador), else the package's, rendered in jinja2's SandboxedEnvironment (a template is data: it cannot
reach Python's internals) with every `{{ … }}` escaped by `texto_seguro.html` unless it is markup built here (the
SVG charts, the palette's CSS). The same report gives the same bytes: nothing depends on the clock or the
machine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import informe_mecanismo as im
from ..formato import fecha, numero, porcentaje
from ..progreso import ETIQUETAS
from ..semaforo import SIMBOLOS
from ..texto_seguro import html as seguro
from . import paleta
from .informe_md import cargador, cuenta, error_de_plantilla

NOMBRE = "reporte.html.j2"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def renderizar(informe: object, raiz: Path, nombre: str = NOMBRE, *, filtros: dict[str, Any] | None = None,
               globales: dict[str, Any] | None = None) -> str:
    """`informe` through the HTML template `nombre` (the workspace's, else the package's), as the variable `i`.
    Every template gets the CSP, the palette's CSS, the states as symbol + word + colour (`estado`) and the
    formatting filters; `filtros` and `globales` add what one document needs besides."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    def escapar(valor: Any) -> Any:
        """Every value printed by the template: markup built by pni as it is, anything else escaped."""
        if isinstance(valor, Markup):
            return valor
        return Markup(seguro("" if valor is None else valor))

    entorno = SandboxedEnvironment(loader=cargador(raiz), undefined=jinja2.StrictUndefined,
                                   autoescape=True, finalize=escapar, keep_trailing_newline=True, trim_blocks=True,
                                   lstrip_blocks=True)
    entorno.filters.update({"numero": numero, "porcentaje": porcentaje, "fecha": fecha, "cuenta": cuenta,
                            "entrega": im.texto_entrega, "incompleto": im.texto_incompleto, "tardio": im.texto_tardio,
                            "con_errores": im.texto_con_errores, "indicadores_alerta": im.texto_alerta,
                            "estado": lambda k: Markup(estado(k)), "celda_entrega": lambda c: Markup(celda_entrega(c)),
                            **(filtros or {})})
    entorno.globals.update({"csp": CSP, "css_paleta": Markup(css_paleta()), "etiquetas": ETIQUETAS,
                            "simbolos": SIMBOLOS, "simbolos_entrega": im.SIMBOLOS_ENTREGA,
                            "palabras_entrega": im.PALABRAS_ENTREGA, "leyenda_entrega": im.LEYENDA_ENTREGA,
                            "grafico_ejes": lambda i: Markup(grafico_ejes(i)),
                            "grafico_tendencia": lambda i, eje: Markup(grafico_tendencia(i, eje)),
                            **(globales or {})})
    try:
        texto = entorno.get_template(nombre).render(i=informe)
    except Exception as e:  # a user's template is data: say where it is wrong, never «error interno»
        raise error_de_plantilla(e, raiz, nombre, type(informe).__name__) from None
    return "\n".join(linea.rstrip() for linea in texto.splitlines()).strip("\n") + "\n"


def css_paleta() -> str:
    """A class per state (.e-rojo) and per delivery (.d-faltante) in its colour pair of the palette."""
    reglas = [f".e-{k}{{background:#{f};color:#{t}}}" for k, (f, t) in paleta.ESTADOS.items()]
    reglas += [f".d-{k}{{background:#{f};color:#{t}}}" for k, (f, t) in paleta.ENTREGAS.items()]
    reglas.append(f"th{{background:#{paleta.ENCABEZADO[0]};color:#{paleta.ENCABEZADO[1]}}}")
    reglas.append(f".aviso{{background:#{paleta.AVISO[0]};color:#{paleta.AVISO[1]}}}")
    reglas.append(f".aviso.propuesta{{background:#{paleta.PROPUESTA[0]};color:#{paleta.PROPUESTA[1]};"
                  f"border-color:#{paleta.PROPUESTA[1]}}}")
    return "\n".join(reglas)


def estado(clave: str) -> str:
    """A state as symbol + word in its colours: `<span class="estado e-rojo">✖ rojo</span>`."""
    return f'<span class="estado e-{clave}">{SIMBOLOS[clave]} {seguro(ETIQUETAS[clave])}</span>'


def celda_entrega(c: im.Celda) -> str:
    clave = "tarde" if c.tarde else c.estado
    return (f'<td class="entrega d-{clave}">{im.SIMBOLOS_ENTREGA[clave]} {seguro(im.texto_entrega(c))}</td>')


# --- charts: SVG drawn here, sized by viewBox so that they scale to the page ------------------------------------

def _rect(x: float, y: float, ancho: float, alto: float, clave: str, titulo: str) -> str:
    fondo = paleta.ESTADOS[clave][0]
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{ancho:.1f}" height="{alto:.1f}" fill="#{fondo}" '
            f'stroke="#606060" stroke-width="0.5"><title>{seguro(titulo)}</title></rect>')


def _texto(x: float, y: float, texto: str, tamano: int = 13, ancla: str = "start", color: str = "000000",
           negrita: bool = False) -> str:
    peso = ' font-weight="bold"' if negrita else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{tamano}" text-anchor="{ancla}" fill="#{color}"{peso}>'
            f'{seguro(texto)}</text>')


# The charts' text, in the units of their viewBox: a chart prints as wide as the page (A4 or Letter, 527 to 544
# points), a trend chart as half of it (four semesters or fewer) or all of it: every text at 8 points or more.
TEXTO_GRAFICO = 13
TEXTO_TENDENCIA = 11
TEXTO_TENDENCIA_MENOR = 10


def grafico_ejes(i: im.InformeMecanismo) -> str:
    """Indicators by state, one horizontal stacked bar per eje (eje 0 on top), the count written in each segment
    wide enough to hold it; the names' column as wide as the longest name measures (Arial)."""
    from .excel import ancho_texto

    nombres = [f"{e.id}. {e.nombre}" for e in i.ejes]
    nombres = [n if len(n) <= 40 else n[:39] + "…" for n in nombres]
    izquierda = 20 + round(max((ancho_texto(n, TEXTO_GRAFICO) for n in nombres), default=0))
    ancho_barras, alto_fila, arriba = 460, 30, 28
    maximo = max((e.total for e in i.ejes), default=0) or 1
    escala = ancho_barras / maximo
    alto = arriba + alto_fila * len(i.ejes) + 30
    partes = [f'<svg class="grafico" viewBox="0 0 {izquierda + ancho_barras + 50} {alto}" role="img" '
              f'aria-label="Indicadores por estado del semáforo, por eje" font-family="Liberation Sans, Arial, '
              f'Helvetica, sans-serif">']
    paso = _paso(maximo)
    for v in range(0, maximo + 1, paso):  # the scale and its grid
        x = izquierda + v * escala
        partes.append(f'<line x1="{x:.1f}" y1="{arriba - 6}" x2="{x:.1f}" y2="{alto - 26}" stroke="#D0D0D0"/>')
        partes.append(_texto(x, alto - 10, str(v), TEXTO_GRAFICO, "middle", "404040"))
    for n, (e, nombre) in enumerate(zip(i.ejes, nombres, strict=True)):
        y = arriba + n * alto_fila
        partes.append(_texto(izquierda - 8, y + alto_fila / 2 + 4, nombre, TEXTO_GRAFICO, "end"))
        x = float(izquierda)
        for k, palabra in i.estados:
            cantidad = e.conteo[k]
            if not cantidad:
                continue
            w = cantidad * escala
            partes.append(_rect(x, y + 4, w, alto_fila - 8, k, f"Eje {e.id}: {cantidad} {palabra}"))
            if w >= 22:
                partes.append(_texto(x + w / 2, y + alto_fila / 2 + 4, str(cantidad), TEXTO_GRAFICO, "middle",
                                     paleta.ESTADOS[k][1], negrita=True))
            x += w
        partes.append(_texto(x + 6, y + alto_fila / 2 + 4, str(e.total), TEXTO_GRAFICO, "start", "404040"))
    partes.append("</svg>")
    return "".join(partes)


def _paso(maximo: int) -> int:
    for paso in (1, 2, 5, 10, 20, 25, 50, 100):
        if maximo / paso <= 10:
            return paso
    return 200


def grafico_tendencia(i: im.InformeMecanismo, eje: str) -> str:
    """One eje's indicators by state on the day after each evaluated semester's deadline: a stacked column per
    semester (100 % = the eje's indicators), the first column on the left."""
    puntos = i.tendencia
    if not puntos:
        return ""
    ancho_col, hueco, izquierda, arriba, alto_barras = 46, 18, 34, 10, 150
    ancho = izquierda + len(puntos) * (ancho_col + hueco) + 4
    alto = arriba + alto_barras + 40
    partes = [f'<svg class="tendencia" viewBox="0 0 {ancho} {alto}" role="img" aria-label="Eje {seguro(eje)}: '
              f'estados por semestre evaluado" font-family="Liberation Sans, Arial, Helvetica, sans-serif">']
    for pct in (0, 50, 100):
        y = arriba + alto_barras * (1 - pct / 100)
        partes.append(f'<line x1="{izquierda - 4}" y1="{y:.1f}" x2="{ancho}" y2="{y:.1f}" stroke="#D0D0D0"/>')
        partes.append(_texto(izquierda - 6, y + 4, f"{pct}%", TEXTO_TENDENCIA_MENOR, "end", "404040"))
    for n, p in enumerate(puntos):
        conteo = p.conteo.get(eje, {})
        total = sum(conteo.values()) or 1
        x = izquierda + n * (ancho_col + hueco) + hueco / 2
        y = float(arriba + alto_barras)
        for k, palabra in i.estados:
            cantidad = conteo.get(k, 0)
            if not cantidad:
                continue
            h = alto_barras * cantidad / total
            y -= h
            partes.append(_rect(x, y, ancho_col, h, k, f"{p.semestre} (al {fecha(p.fecha)}): {cantidad} {palabra}"))
            if h >= 14:
                partes.append(_texto(x + ancho_col / 2, y + h / 2 + 4, str(cantidad), TEXTO_TENDENCIA, "middle",
                                     paleta.ESTADOS[k][1], negrita=True))
        partes.append(_texto(x + ancho_col / 2, arriba + alto_barras + 16, p.semestre, TEXTO_TENDENCIA, "middle"))
        partes.append(_texto(x + ancho_col / 2, arriba + alto_barras + 30, fecha(p.fecha), TEXTO_TENDENCIA_MENOR,
                             "middle", "404040"))
    partes.append("</svg>")
    return "".join(partes)
