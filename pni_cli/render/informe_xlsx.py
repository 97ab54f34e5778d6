"""The Excel report for the Mecanismo (openpyxl): Resumen (states per eje, a chart, what to act on, the legend), one
sheet per eje, Entregas (institution × semester), Metas por definir, Inconsistencias. A real spreadsheet: numbers
are numbers with a number format (logro a percentage), an empty value an empty cell; and a document that prints:
Letter landscape throughout, one page wide at 8 points or more (`excel.escala`), header rows repeated on every
page, each row as tall as its wrapped text measures (`excel.ajustar_altos`), pages broken where pni measured them
(a title never alone at the foot of a page, a legend on one page: `excel.paginar`), one font family (Arial),
colour pairs of WCAG AA contrast (pni_cli/render/paleta.py) always beside the symbol and the word; a sheet whose
header repeats on every page has its legend above the table (under a repeated header it would read as rows).
Every cell is written by `excel.poner`: never a formula, nothing XML cannot hold. `Libro` and `Hoja` are shared
with the report per institution."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from ..informe_mecanismo import (
    LEYENDA_ENTREGA,
    PALABRAS_ENTREGA,
    SIMBOLOS_ENTREGA,
    Celda,
    InformeMecanismo,
    texto_alerta,
    texto_con_errores,
    texto_entrega,
    texto_incompleto,
    texto_tardio,
)
from ..progreso import ETIQUETAS
from ..semaforo import NOTA_CUENTA
from . import paleta
from .excel import (
    ALTO_UTIL_PT,
    ajustar_altos,
    alto_de_lineas,
    escala,
    guardar_con_fecha,
    pagina_carta_horizontal,
    poner,
)

FUENTE = "Arial"
TAMANO = 10
COLORES = {k: fondo for k, (fondo, _) in paleta.ESTADOS.items()}  # estado → fill (the tests read it)


@dataclass
class Columna:
    titulo: str
    ancho: int = 1  # how many of the sheet's columns it spans (merged)
    numero: bool = False  # right-aligned
    centro: bool = False  # centred: a small count beside a text («2» of an eje never reads as part of «6.4.3»)


class Libro:
    """A workbook in the house style: its fonts, fills and borders built once (styling reuses the same objects)."""

    def __init__(self, titulo: str, corte: dt.date, subtitulo: str, ilustrativo: bool, pie: str) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        from ..openpyxl_privado import fuente_del_libro

        self.wb = Workbook()
        fuente_del_libro(self.wb, Font(name=FUENTE, size=TAMANO))
        self.titulo, self.corte, self.subtitulo, self.ilustrativo = titulo, corte, subtitulo, ilustrativo
        self.pie = pie.replace("&", "&&")
        self._Font, self._PatternFill = Font, PatternFill
        fino = Side(style="thin", color=paleta.BORDE)
        self.borde = Border(left=fino, right=fino, top=fino, bottom=fino)
        self.envolver = Alignment(wrap_text=True, vertical="top")
        self.derecha = Alignment(horizontal="right", vertical="top", wrap_text=True)
        self.centro = Alignment(horizontal="center", vertical="top", wrap_text=True)
        self.normal = Font(name=FUENTE, size=TAMANO)
        self.negrita = Font(name=FUENTE, size=TAMANO, bold=True)
        self.f_titulo = Font(name=FUENTE, size=15, bold=True)
        self.f_seccion = Font(name=FUENTE, size=12, bold=True, color=paleta.SECCION[1])
        self.f_subtitulo = Font(name=FUENTE, size=TAMANO, italic=True, color=paleta.SUBTITULO[1])
        self.f_aviso = Font(name=FUENTE, size=TAMANO, bold=True, color=paleta.AVISO[1])
        self.f_cursiva = Font(name=FUENTE, size=TAMANO, italic=True)
        self._fuentes: dict[tuple[str, bool], Any] = {}
        self._rellenos: dict[str, Any] = {}
        self.primera = True

    def fuente(self, color: str, negrita: bool = False) -> Any:
        if (color, negrita) not in self._fuentes:
            self._fuentes[(color, negrita)] = self._Font(name=FUENTE, size=TAMANO, bold=negrita, color=color)
        return self._fuentes[(color, negrita)]

    def relleno(self, color: str) -> Any:
        if color not in self._rellenos:
            self._rellenos[color] = self._PatternFill("solid", fgColor=color)
        return self._rellenos[color]

    def par(self, par: tuple[str, str], negrita: bool = False) -> dict[str, Any]:
        """The style of a cell drawn in a colour pair of the palette."""
        return {"fill": self.relleno(par[0]), "font": self.fuente(par[1], negrita)}

    def hoja(self, nombre: str, titulo: str, anchos: list[int]) -> Hoja:
        ws = self.wb.active if self.primera else self.wb.create_sheet()
        self.primera = False
        ws.title = nombre
        return Hoja(self, ws, titulo, anchos)

    def guardar(self) -> bytes:
        fijo = dt.datetime.combine(self.corte, dt.time())
        p = self.wb.properties
        p.creator = p.lastModifiedBy = "pni"
        p.title = self.titulo
        p.created = p.modified = fijo
        return guardar_con_fecha(self.wb, fijo)


class Hoja:
    """One sheet: a title block, then sections, tables and notes written row after row (`self.fila` is the next
    free row), on a fixed grid of columns `anchos`; a table's column may span several grid columns."""

    def __init__(self, libro: Libro, ws: Any, titulo: str, anchos: list[int]) -> None:
        from openpyxl.utils import get_column_letter

        self.lb, self.ws, self.anchos = libro, ws, anchos
        self.letra = get_column_letter
        for j, ancho in enumerate(anchos, 1):
            ws.column_dimensions[get_column_letter(j)].width = ancho
        self.fila = 1
        self.juntas: list[tuple[int, int]] = []  # (first, last) rows printed on one page
        self.saltos: list[int] = []  # rows that start a page
        self._titulo_de_seccion: int | None = None  # a section title waiting for what it titles
        self.texto(titulo, font=libro.f_titulo)
        self.texto(libro.subtitulo, font=libro.f_subtitulo)
        if libro.ilustrativo:
            self.texto("⚠ DATOS ILUSTRATIVOS: los avances son valores de ejemplo (ilustrativo: true), no informes "
                       "reales de las instituciones. No deben citarse como resultados del PNI.",
                       fill=libro.relleno(paleta.AVISO[0]), font=libro.f_aviso)
        self.fila += 1
        self.repetir: str | None = None
        self.ws.sheet_view.zoomScale = 100

    def _poner(self, fila: int, col: int, span: int, valor: Any, **estilo: Any) -> None:
        if "font" not in estilo:
            estilo["font"] = self.lb.normal
        poner(self.ws, fila, col, valor, **estilo)
        if span > 1:
            # openpyxl draws the first cell's border around the whole merged range
            self.ws.merge_cells(start_row=fila, start_column=col, end_row=fila, end_column=col + span - 1)

    def texto(self, valor: str, **estilo: Any) -> None:
        """A text over the whole width of the sheet, wrapped (its row gets its height in `terminar`)."""
        estilo.setdefault("alignment", self.lb.envolver)
        self._poner(self.fila, 1, len(self.anchos), valor, **estilo)
        self._juntar(self.fila)
        self.fila += 1

    def seccion(self, titulo: str) -> None:
        """A section title: printed on the same page as what follows it (a note, a table's header and first row)."""
        self.fila += 1 if self.fila > 1 else 0
        self.texto(titulo, font=self.lb.f_seccion)
        self._titulo_de_seccion = self.fila - 1

    def _juntar(self, hasta: int) -> None:
        """Rows from the pending section title to `hasta` stay on one page; the title waits for a table."""
        if self._titulo_de_seccion is not None and hasta > self._titulo_de_seccion:
            self.juntas.append((self._titulo_de_seccion, hasta))

    def anchos_de(self, columnas: list[Columna]) -> list[int]:
        out, j = [], 0
        for c in columnas:
            out.append(sum(self.anchos[j:j + c.ancho]))
            j += c.ancho
        assert j <= len(self.anchos), "la tabla es más ancha que la hoja"
        return out

    def tabla(self, columnas: list[Columna], filas: list[list[Any]], estilos: list[dict[int, dict[str, Any]]] | None
              = None, *, filtro: bool = False, repetir: bool = False, vacia: str = "Ninguno.",
              junta: bool = False) -> tuple[int, int]:
        """A header and rows; a cell is a value (text, number, None) or (value, number_format); `estilos[i][j]`
        adds a style to a cell. `filtro`: an autofilter and frozen header (only for a table of single columns);
        `repetir`: the header is printed on top of every page; `junta`: the whole table on one page (a legend);
        else its header stays with its first row (and with the section title before it). A table without rows is
        the text `vacia`, without a header. Returns (header row, last row)."""
        lb, ws = self.lb, self.ws
        self.anchos_de(columnas)
        if not filas:
            self.texto(vacia, font=lb.f_cursiva)
            self._titulo_de_seccion = None
            return self.fila - 1, self.fila - 1
        inicio = self.fila
        j = 1
        for c in columnas:
            self._poner(inicio, j, c.ancho, c.titulo, border=lb.borde,
                        alignment=self._alineacion(c),
                        **lb.par(paleta.ENCABEZADO, negrita=True))
            j += c.ancho
        for i, valores in enumerate(filas, inicio + 1):
            extra = estilos[i - inicio - 1] if estilos else {}
            j = 1
            for k, (c, v) in enumerate(zip(columnas, valores, strict=True)):
                formato = None
                if isinstance(v, tuple):
                    v, formato = v
                estilo: dict[str, Any] = {"border": lb.borde, "alignment": self._alineacion(c)}
                if formato:
                    estilo["number_format"] = formato
                estilo.update(extra.get(k, {}))
                self._poner(i, j, c.ancho, v, **estilo)
                j += c.ancho
        ultima = inicio + len(filas)
        self._titulo_de_seccion = self._titulo_de_seccion if self._titulo_de_seccion is not None else inicio
        self._juntar(ultima if junta else inicio + 1)
        self._titulo_de_seccion = None
        if filtro:
            ws.auto_filter.ref = f"A{inicio}:{self.letra(len(columnas))}{ultima}"
            ws.freeze_panes = ws.cell(row=inicio + 1, column=1)
        if repetir:
            self.repetir = f"{inicio}:{inicio}"
        self.fila = ultima + 1
        return inicio, ultima

    def _alineacion(self, c: Columna) -> Any:
        return self.lb.derecha if c.numero else self.lb.centro if c.centro else self.lb.envolver

    def salto_de_pagina(self) -> None:
        """The next row starts a page."""
        self.saltos.append(self.fila)

    def alto_hasta_aqui(self) -> float:
        """The height of the rows written so far (each measured)."""
        ajustar_altos(self.ws)
        return sum(self.ws.row_dimensions[r].height or alto_de_lineas(1) for r in range(1, self.fila))

    def terminar(self) -> None:
        ajustar_altos(self.ws)
        pagina_carta_horizontal(self.ws, self.repetir, self.lb.pie, self.juntas, self.saltos)


def formato_numero(x: float | None) -> Any:
    """A number for a cell, with its format: «5,040», «18.8»; None stays an empty cell."""
    if x is None:
        return None
    if float(x).is_integer():
        return (int(x), "#,##0")
    return (float(x), "#,##0.0")


def formato_logro(x: float | None) -> Any:
    """Logro (percent) as an Excel percentage: 75 → 0.75 shown «75%»."""
    return None if x is None else (x / 100, "0%")


def estado(libro: Libro, clave: str) -> tuple[str, dict[str, Any]]:
    """A state as a cell: «✖ rojo» in its colour pair."""
    from ..semaforo import SIMBOLOS

    return f"{SIMBOLOS[clave]} {ETIQUETAS[clave]}", libro.par(paleta.ESTADOS[clave], negrita=True)


def entrega(libro: Libro, c: Celda) -> tuple[str, dict[str, Any]]:
    clave = "tarde" if c.tarde else c.estado
    return f"{SIMBOLOS_ENTREGA[clave]} {texto_entrega(c)}", libro.par(paleta.ENTREGAS[clave])


def _columnas_para(h: Hoja, ancho: int) -> int:
    """How many of the sheet's first columns hold a text `ancho` units wide (a legend's «◇ meta por definir»)."""
    n, total = 0, 0
    while total < ancho and n < len(h.anchos) - 1:
        total += h.anchos[n]
        n += 1
    return n


def leyenda_semaforo(h: Hoja, leyenda: dict[str, str], estados: list[str] | None = None) -> None:
    """The legend of the semáforo, printed whole on one page."""
    h.seccion("Leyenda del semáforo")
    claves = estados or list(leyenda)
    filas, estilos = [], []
    for k in claves:
        texto, estilo = estado(h.lb, k)
        filas.append([texto, leyenda[k]])
        estilos.append({0: estilo})
    primera = _columnas_para(h, 14)
    h.tabla([Columna("Estado", primera), Columna("Qué significa", len(h.anchos) - primera)], filas, estilos,
            junta=True)


def leyenda_entregas(h: Hoja) -> None:
    """The legend of the deliveries, printed whole on one page."""
    h.seccion("Leyenda de las entregas")
    filas, estilos = [], []
    for k, significado in LEYENDA_ENTREGA.items():
        filas.append([f"{SIMBOLOS_ENTREGA[k]} {PALABRAS_ENTREGA[k]}", significado])
        estilos.append({0: h.lb.par(paleta.ENTREGAS[k])})
    filas.append(["(vacía)", "la institución no debía informe ese semestre"])
    estilos.append({})
    primera = _columnas_para(h, 14)
    h.tabla([Columna("Entrega", primera), Columna("Qué significa", len(h.anchos) - primera)], filas, estilos,
            junta=True)


def libro(informe: InformeMecanismo) -> bytes:
    i = informe
    titulo = i.titulo + (f" — Eje {i.filtro_eje}" if i.filtro_eje else "")
    lb = Libro(titulo, i.corte_fecha, f"Fecha de corte: {i.corte} · Semestres evaluados: {i.semestres} · Versión "
               f"del plan: {i.version_plan} · pni {i.version_pni}", i.ilustrativo,
               f"{titulo} · corte {i.corte}")
    resumen(lb, i, titulo)
    for eje in i.ejes:
        hoja_eje(lb, i, eje)
    reportes(lb, i)
    metas(lb, i)
    inconsistencias(lb, i)
    return lb.guardar()


def resumen(lb: Libro, i: InformeMecanismo, titulo: str) -> None:
    from openpyxl.chart import BarChart, Reference

    from ..semaforo import SIMBOLOS

    n = len(i.estados)
    h = lb.hoja("Resumen", titulo, [30, *[10] * n, 8])
    if i.archivos_con_errores:
        h.texto(f"Archivos de avance con errores, que no se cuentan ({len(i.archivos_con_errores)}): "
                + "; ".join(i.archivos_con_errores) + ". Ejecute pni validar para verlos.", font=lb.f_aviso)
    for p in i.en_plazo:
        h.texto(p, font=lb.f_cursiva)
    h.seccion(f"Indicadores por estado del semáforo ({i.total_indicadores} indicadores)")
    filas: list[list[Any]] = [[f"{e.id}. {e.nombre}", *[e.conteo[k] for k, _ in i.estados], e.total]
                              for e in i.ejes]
    filas.append(["Total", *[i.total[k] for k, _ in i.estados], i.total_indicadores])
    estilos: list[dict[int, dict[str, Any]]] = [{} for _ in i.ejes]
    estilos.append({j: {"font": lb.negrita, "fill": lb.relleno(paleta.TOTAL[0])} for j in range(n + 2)})
    columnas = [Columna("Eje"), *[Columna(f"{SIMBOLOS[k]} {p.capitalize()}", numero=True) for k, p in i.estados],
                Columna("Total", numero=True)]
    inicio, ultima = h.tabla(columnas, filas, estilos)
    for j, (k, _) in enumerate(i.estados, 2):  # the header of each state in its colours, as in the chart
        c = h.ws.cell(row=inicio, column=j)
        c.fill = lb.relleno(paleta.ESTADOS[k][0])
        c.font = lb.fuente(paleta.ESTADOS[k][1], negrita=True)

    grafico = BarChart()
    grafico.type = "bar"
    grafico.grouping = "stacked"
    grafico.overlap = 100
    grafico.gapWidth = 60
    grafico.title = "Indicadores por estado del semáforo, por eje"
    datos = Reference(h.ws, min_col=2, max_col=1 + n, min_row=inicio, max_row=ultima - 1)
    categorias = Reference(h.ws, min_col=1, min_row=inicio + 1, max_row=ultima - 1)
    grafico.add_data(datos, titles_from_data=True)
    grafico.set_categories(categorias)
    for serie, (k, _) in zip(grafico.series, i.estados, strict=True):
        serie.graphicalProperties.solidFill = paleta.ESTADOS[k][0]
        serie.graphicalProperties.line.solidFill = paleta.BORDE
    grafico.x_axis.scaling.orientation = "maxMin"  # eje 0 on top, as in the table
    grafico.x_axis.delete = False
    grafico.y_axis.delete = False
    grafico.y_axis.crosses = "max"  # the axis of numbers at the bottom, under eje 6
    grafico.y_axis.majorGridlines = None
    grafico.legend.position = "r"
    _fuente_del_grafico(grafico)
    h.fila += 1
    grafico.height, grafico.width = _alto_del_grafico(h), 25
    filas_del_grafico = math.ceil(grafico.height / 2.54 * 72 / FILA_DEL_GRAFICO)
    h.ws.add_chart(grafico, f"A{h.fila}")
    for r in range(h.fila, h.fila + filas_del_grafico):  # the rows under the chart, as tall as the chart
        h.ws.row_dimensions[r].height = FILA_DEL_GRAFICO
    h.juntas.append((h.fila, h.fila + filas_del_grafico - 1))
    h.fila += filas_del_grafico + 1

    h.salto_de_pagina()
    h.seccion("Qué atender")
    partes = [f"{a.total} {a.titulo.lower().replace('indicadores ', '', 1)}" for a in i.alertas]
    h.texto(f"Indicadores: {', '.join(partes)}; {len(i.datos_faltantes)} con datos faltantes. "
            f"Instituciones que deben informes: {len(i.deudoras)}.", font=lb.negrita)
    resto = len(h.anchos)
    for a in i.alertas:
        h.seccion(f"{a.simbolo} {a.titulo} ({a.total})")
        h.tabla([Columna("Actividad", 5), Columna("Eje", 1, centro=True), Columna("Responsables", 2),
                 Columna("Indicadores" + (" (logro)" if a.estado != "sin_reporte" else ""), resto - 8)],
                [[f"{x.id} {x.texto}", int(x.eje), x.responsables, texto_alerta(x)] for x in a.actividades])
    if i.en_alerta:
        relatos_alerta(h, i)
    h.seccion(f"Indicadores con datos faltantes ({len(i.datos_faltantes)})")
    h.texto("Estados calculados sin todos los informes debidos (los indicadores sin ningún reporte están arriba).",
            font=lb.f_cursiva)
    filas, estilos = [], []
    for d in i.datos_faltantes:
        texto, estilo = estado(lb, d.estado)
        filas.append([d.id, int(d.eje), texto, d.informes_faltantes, d.informes_debidos, "; ".join(d.quienes)])
        estilos.append({2: estilo})
    h.tabla([Columna("Indicador"), Columna("Eje", centro=True), Columna("Semáforo", 2),
             Columna("Informes faltantes", centro=True), Columna("Informes debidos", centro=True),
             Columna("Quién y qué semestre", resto - 6)], filas, estilos)
    h.seccion(f"Instituciones que deben informes ({len(i.deudoras)})")
    h.tabla([Columna("Institución"), Columna("Faltantes", 2), Columna("Con errores", 2),
             Columna("Incompletos", 3), Columna("Tarde", resto - 8)],
            [[f"{d.clave}: {d.nombre}", ", ".join(d.faltantes) or None,  # one semester a line where each has a note
              "\n".join(texto_con_errores(c) for c in d.con_errores) or None,
              "\n".join(texto_incompleto(c) for c in d.incompletos) or None,
              "\n".join(texto_tardio(c) for c in d.tardios) or None] for d in i.deudoras],
            vacia=i.sin_deudoras)
    leyenda_semaforo(h, i.leyenda)
    h.texto(f"Un semestre se evalúa al día siguiente de su plazo de entrega; «revisar meta»: lo reportado supera "
            f"el {i.umbrales['revisar_meta']:g} % de lo esperado. «Faltan k de n informes»: el estado se calculó "
            "sin todos los informes debidos. «Cuenta x»: en una meta por año, lo que sobra en un año no cubre otro; el "
            "logro se calcula con x.", font=lb.f_cursiva)
    h.terminar()


def relatos_alerta(h: Hoja, i: InformeMecanismo) -> None:
    """What the institutions told of the activities in alert (their latest evaluated semester), as written."""
    h.seccion("Lo que informaron las instituciones de las actividades en alerta")
    h.texto(i.texto_relatos_alerta, font=h.lb.f_cursiva)
    filas: list[list[Any]] = []
    for r in i.relatos_alerta:
        for k, x in enumerate(r.relatos):
            institucion = x.institucion + ("" if x.responsable else " (no figura entre los responsables)")
            filas.append([r.id if k else f"{r.id} {r.texto}\n{', '.join(r.alertas)} · {r.periodo}", institucion,
                          x.logros, x.dificultades, x.proximos_pasos])
    if filas:
        h.tabla([Columna("Actividad"), Columna("Institución", 2), Columna("Logros", 2), Columna("Dificultades", 3),
                 Columna("Próximos pasos", len(h.anchos) - 8)], filas)


FILA_DEL_GRAFICO = 15.0
ALTO_GRAFICO_CM, ALTO_MINIMO_GRAFICO_CM = 7.5, 5.0


def _alto_del_grafico(h: Hoja) -> float:
    """The chart's height (cm): 7.5, or what is left of the first page if less (but not under 5 cm: then it starts
    the next page, 7.5 cm tall), so that the summary and its chart print on one page."""
    cabida = ALTO_UTIL_PT * 100 / escala(h.anchos) * 0.98
    libre_cm = (cabida - h.alto_hasta_aqui() - 2 * FILA_DEL_GRAFICO) / 72 * 2.54
    if libre_cm >= ALTO_MINIMO_GRAFICO_CM:
        return round(min(ALTO_GRAFICO_CM, libre_cm), 1)
    return ALTO_GRAFICO_CM


def _fuente_del_grafico(grafico: Any) -> None:
    """Arial in the chart's titles, axes and legend too (a chart does not take the workbook's font)."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties

    def texto(tamano: int, negrita: bool = False) -> RichText:
        cp = CharacterProperties(latin=Font(typeface=FUENTE), sz=tamano * 100, b=negrita)
        return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=cp), endParaRPr=cp)])

    grafico.x_axis.txPr = texto(9)
    grafico.y_axis.txPr = texto(9)
    grafico.legend.txPr = texto(9)
    if grafico.title is not None and grafico.title.tx is not None and grafico.title.tx.rich is not None:
        for p in grafico.title.tx.rich.p:
            p.pPr = ParagraphProperties(defRPr=CharacterProperties(latin=Font(typeface=FUENTE), sz=1200, b=True))
            for r in p.r or []:
                r.rPr = CharacterProperties(latin=Font(typeface=FUENTE), sz=1200, b=True)


ANCHOS_EJE = [8, 22, 23, 16, 10, 11, 8, 12, 12, 14, 11, 15]
MAXIMO_ANCHO = 165  # the widest sheet that prints at 8 points on a Letter landscape page (`excel.escala`)


def hoja_eje(lb: Libro, i: InformeMecanismo, eje: Any) -> None:
    h = lb.hoja(f"Eje {eje.id}", f"Eje {eje.id}: {eje.nombre}", ANCHOS_EJE)
    filas, estilos = [], []
    anterior = None
    for itv in eje.intervenciones:
        for f in itv.filas:
            texto, estilo = estado(lb, f.estado)
            # the activity's text once, on its first indicator (the next ones name it by its id): printed, the
            # long texts of the plan would otherwise make every row many lines tall
            actividad = f.actividad if f.actividad == anterior else f"{f.actividad} {f.actividad_texto}"
            anterior = f.actividad
            filas.append([f.id, actividad, f.indicador, f.meta, formato_numero(f.esperado),
                          formato_numero(f.reportado), formato_logro(f.logro), texto, f.notas or None,
                          f.responsables, f"{f.ultimo_periodo}\n{f.ultima_fecha:%d/%m/%Y}"
                          if f.ultimo_periodo and f.ultima_fecha else None, f.observaciones or None])
            estilos.append({7: estilo})
    leyenda_semaforo(h, i.leyenda)
    h.texto("Notas: «faltan k de n informes», el estado se calculó sin todos los informes debidos; «cuenta x», en "
            "una meta por año lo que sobra en un año no cubre otro (el logro se calcula con x); «revisar meta», "
            f"lo reportado supera el {i.umbrales['revisar_meta']:g} % de lo esperado; «niveles discrepantes», las "
            "instituciones reportan niveles distintos; «final», la ventana del indicador ya se evaluó entera. "
            "Celdas vacías: sin valor (nada esperado aún, o nada reportado).", font=lb.f_cursiva)
    h.fila += 1
    h.tabla([Columna("Id"), Columna("Actividad"), Columna("Indicador"), Columna("Meta (fuente)"),
             Columna("Esperado a la fecha", numero=True), Columna("Reportado", numero=True),
             Columna("% logro", numero=True), Columna("Semáforo"), Columna("Notas"), Columna("Responsables"),
             Columna("Último reporte"), Columna("Observaciones")], filas, estilos, filtro=True, repetir=True)
    h.terminar()


def reportes(lb: Libro, i: InformeMecanismo) -> None:
    sems = i.semestres_entregas
    ancho_sem = 15 if len(sems) <= 6 else 12
    h = lb.hoja("Entregas", "Entregas de informes por institución y semestre",
                [14, 34, *[ancho_sem] * max(len(sems), 3)])
    filas, estilos = [], []
    for inst, fila in i.entregas.items():
        valores: list[Any] = [inst, i.nombres.get(inst, inst)]
        estilo: dict[int, dict[str, Any]] = {}
        for j, s in enumerate(sems, 2):
            if s in fila:
                texto, estilo[j] = entrega(lb, fila[s])
                valores.append(texto)
            else:
                valores.append(None)
        filas.append(valores)
        estilos.append(estilo)
    if filas:
        leyenda_entregas(h)
        h.fila += 1
    h.tabla([Columna("Institución"), Columna("Nombre"), *[Columna(s) for s in sems]], filas,
            estilos, filtro=True, repetir=True, vacia="Aún no vence ningún informe.")
    h.terminar()


def metas(lb: Libro, i: InformeMecanismo) -> None:
    h = lb.hoja("Metas por definir", "Metas por definir", [12, 50, 40, 16, 24])
    h.tabla([Columna("Indicador"), Columna("Texto"), Columna("Meta en la fuente"),
             Columna("Se define en la actividad"), Columna("Responsables")],
            [[m.id, m.indicador, m.meta, m.definida_en or None, m.responsables] for m in i.metas_por_definir],
            filtro=True, repetir=True, vacia="Ninguna.")
    h.terminar()


def inconsistencias(lb: Libro, i: InformeMecanismo) -> None:
    h = lb.hoja("Inconsistencias", "Inconsistencias de la fuente registradas en el plan", [12, 26, 100])
    h.texto("La transcripción conserva el texto de la fuente; estas inconsistencias están registradas en los datos "
            "del plan. Código: el tipo de inconsistencia; la descripción dice cuál es.", font=lb.f_cursiva)
    h.tabla([Columna("Dónde"), Columna("Código"), Columna("Descripción")],
            [[n.donde, n.codigo, n.descripcion] for n in i.inconsistencias], filtro=True, repetir=True,
            vacia="Ninguna.")
    h.terminar()


# --- the report for one institution ------------------------------------------------------------------------------

def libro_institucion(informe: Any) -> bytes:
    """`informe` is an informe_institucion.InformeInstitucion: «Lo que debe» (what it owes, the next deadline, its
    deliveries), «Indicadores» (its activities' indicators: the total beside its own values) and «Lo que informó»
    (its narrative of each activity)."""
    from ..informe_institucion import InformeInstitucion

    i: InformeInstitucion = informe
    lb = Libro(i.titulo, i.corte_fecha, f"Fecha de corte: {i.corte} · Semestres evaluados: {i.semestres} · Versión "
               f"del plan: {i.version_plan} · pni {i.version_pni}", i.ilustrativo, f"{i.clave} · corte {i.corte}")
    h = lb.hoja("Lo que debe", i.titulo, [14, 30, 16, 16, 60])
    h.seccion("Lo que debe")
    if not i.debe:
        h.texto(i.sin_deudas)
    if i.faltantes:
        h.texto(f"Faltantes: {', '.join(i.faltantes)}.", font=lb.negrita)
    for c in i.con_errores:
        h.texto(f"Informe con errores, que no se cuenta: {texto_con_errores(c)}. Ejecute pni validar, corrija el "
                "archivo y entréguelo de nuevo.", font=lb.negrita)
    for c in i.incompletos:
        h.texto(f"Informe incompleto: {texto_incompleto(c)}; faltan los indicadores {', '.join(c.faltantes)}.",
                font=lb.negrita)
    for c in i.tardios:
        h.texto(f"Informe entregado tarde: {texto_tardio(c)}.", font=lb.negrita)
    for c in i.pendientes:
        h.texto(f"En plazo: {c.semestre}, vence el {c.vence:%d/%m/%Y} ({c.debidos} indicadores)." if c.vence else
                f"En plazo: {c.semestre}.")
    p = i.proximo
    h.texto(f"Próximo plazo: el informe de {p.semestre} vence el {p.vence:%d/%m/%Y} ({p.indicadores} "
            f"indicador{'' if p.indicadores == 1 else 'es'})." if p else
            "Próximo plazo: ninguno; el plan no le pide más informes.", font=lb.negrita)
    h.seccion("Entregas por semestre")
    filas, estilos = [], []
    for c in i.entregas:
        texto, estilo = entrega(lb, c)
        filas.append([c.semestre, texto, c.vence, c.fecha_reporte, ", ".join(c.faltantes) if c.incompleto else None])
        estilos.append({1: estilo, 2: {"number_format": "dd/mm/yyyy"}, 3: {"number_format": "dd/mm/yyyy"}})
    h.tabla([Columna("Semestre"), Columna("Entrega"), Columna("Vence"), Columna("Entregado"),
             Columna("Indicadores que faltan")], filas, estilos, vacia="Aún no vence ningún informe.")
    if filas:
        leyenda_entregas(h)
    h.terminar()

    sems = i.semestres_valores
    h = lb.hoja("Indicadores", f"Actividades e indicadores de {i.clave}", anchos_indicadores(len(sems)))
    filas, estilos = [], []
    for a in i.actividades:
        compartida = f"compartida con {', '.join(a.compartida_con)}" if a.compartida_con else f"solo {i.clave}"
        for n, f in enumerate(a.indicadores):
            texto, estilo = estado(lb, f.estado)
            fila: list[Any] = [f"{a.id} {a.texto} ({compartida})" if n == 0 else a.id, f.id, f.indicador, f.meta,
                               formato_numero(f.esperado), formato_numero(f.reportado), formato_logro(f.logro),
                               texto + (f"\n{f.faltan}" if f.faltan else "")]
            extra: dict[int, dict[str, Any]] = {7: estilo}
            for j, v in enumerate(f.valores, 8):
                if v.valor is not None:
                    fila.append(formato_numero(v.valor))
                elif v.debia:
                    fila.append("✖ falta")
                    extra[j] = lb.par(paleta.ENTREGAS["faltante"])
                else:
                    fila.append(None)
            filas.append(fila)
            estilos.append(extra)
    if filas:
        leyenda_semaforo(h, i.leyenda)
        h.texto(f"Las columnas de los semestres ({sems[0]}…) son los valores que {i.clave} reportó; «✖ falta»: "
                "debía reportarlo ese semestre y no llegó; vacía: nada que reportar. Reportado (total): lo de todas "
                f"las instituciones responsables, combinado como dice el plan. {NOTA_CUENTA}" if sems else
                f"Reportado (total): lo de todas las instituciones responsables, combinado como dice el plan. "
                f"{NOTA_CUENTA}", font=lb.f_cursiva)
        h.fila += 1
    h.tabla([Columna("Actividad"), Columna("Id"), Columna("Indicador"), Columna("Meta (fuente)"),
             Columna("Esperado a la fecha", numero=True), Columna("Reportado (total)", numero=True),
             Columna("% logro", numero=True), Columna("Semáforo"),
             *[Columna(s, numero=True) for s in sems]], filas, estilos, filtro=True, repetir=True,
            vacia="No es responsable de ninguna actividad.")
    h.terminar()
    narrativa_institucion(lb, i)
    return lb.guardar()


def narrativa_institucion(lb: Libro, i: Any) -> None:
    """«Lo que informó»: one row per semester of each activity the institution told of (the activity's text on
    its first row), each field in its column, as written."""
    h = lb.hoja("Lo que informó", f"Lo que informó {i.clave} de sus actividades",
                [29, 10, 42, 42, 42])  # MAXIMO_ANCHO
    h.texto("Los logros, dificultades y próximos pasos de sus informes de los semestres evaluados, el semestre más "
            "reciente primero, como los escribió.", font=lb.f_cursiva)
    filas: list[list[Any]] = []
    for n in i.narrativa:
        for k, r in enumerate(n.relatos):
            actividad = n.id if k else f"{n.id} {n.texto}" + ("" if n.responsable else
                                                           f" ({i.clave} no figura entre sus responsables)")
            filas.append([actividad, r.periodo, r.logros, r.dificultades, r.proximos_pasos])
    h.tabla([Columna("Actividad"), Columna("Semestre"), Columna("Logros"), Columna("Dificultades"),
             Columna("Próximos pasos")], filas, filtro=True, repetir=True,
            vacia="Ninguno de sus informes de los semestres evaluados trae logros, dificultades ni próximos pasos de "
                  "sus actividades. Se escriben en la lista «actividades» del archivo de avance, o en la hoja "
                  "«Actividades» del formulario.")
    if i.narrativa and i.sin_narrativa:
        n = len(i.sin_narrativa)
        h.texto(f"No informó logros, dificultades ni próximos pasos de {n} actividad{'' if n == 1 else 'es'} en "
                f"esos semestres: {', '.join(i.sin_narrativa)}.", font=lb.f_cursiva)
    h.terminar()


def anchos_indicadores(semestres: int) -> list[int]:
    """The columns of the «Indicadores» sheet: a column per semester (8 wide, 7 when there are many: «2024-S2» then
    wraps after its hyphen), and the texts (activity, indicator, meta) narrower as the semesters add up, never below
    the longest word of the plan, so that the sheet prints at 8 points or more (with the plan's 9 semesters)."""
    fijas = [8, 10, 11, 8, 11]  # Id, Esperado, Reportado, % logro, Semáforo
    textos, minimos = [26, 26, 16], [17, 17, 15]  # Actividad, Indicador, Meta
    ancho_sem = 8 if sum(minimos) + sum(fijas) + 8 * semestres <= MAXIMO_ANCHO else 7
    while sum(textos) + sum(fijas) + ancho_sem * semestres > MAXIMO_ANCHO and textos != minimos:
        j = max(range(3), key=lambda k: textos[k] - minimos[k])
        textos[j] -= 1
    return [textos[0], fijas[0], textos[1], textos[2], *fijas[1:], *[ancho_sem] * semestres]
