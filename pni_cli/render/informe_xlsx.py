"""The Excel report for the Mecanismo (openpyxl): Resumen with a chart, one sheet per eje, Reportes, Metas por
definir, Inconsistencias. Every cell is written by `excel.poner`: never a formula, nothing XML cannot hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..informe_mecanismo import InformeMecanismo
from .excel import alto, estilar, guardar_con_fecha, poner

COLORES = {"cumplida": "1B7F3B", "verde": "63BE7B", "amarillo": "FFD966", "rojo": "E06666",
           "no_cumplida": "B45F06", "en_curso": "A4C2F4", "sin_reporte": "C27BA0", "no_iniciada": "D9D9D9",
           "meta_por_definir": "9FC5E8"}
ENTREGAS = {"a_tiempo": "63BE7B", "tarde": "FFD966", "incompleto": "FFD966", "pendiente": "D9D9D9",
            "faltante": "E06666", "con_errores": "E06666"}
ENCABEZADO = "1F4E79"


def libro(informe: InformeMecanismo) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    fino = Side(style="thin", color="BFBFBF")
    borde = Border(left=fino, right=fino, top=fino, bottom=fino)
    envolver = Alignment(wrap_text=True, vertical="top")
    cabecera_fuente = Font(bold=True, color="FFFFFF")
    cabecera_relleno = PatternFill("solid", fgColor=ENCABEZADO)

    rellenos: dict[str, PatternFill] = {}
    fuentes: dict[tuple[bool, str], Font] = {}

    def relleno(color: str) -> PatternFill:
        if color not in rellenos:
            rellenos[color] = PatternFill("solid", fgColor=color)
        return rellenos[color]

    def negrita(color: str) -> Font:
        if (True, color) not in fuentes:
            fuentes[(True, color)] = Font(bold=True, color=color)
        return fuentes[(True, color)]

    a_la_derecha = Alignment(horizontal="right", vertical="top")
    # built once: `estilar` works each combination out once per object, so the same object is reused
    fuente_titulo = Font(bold=True, size=14)
    fuente_subtitulo = Font(italic=True, color="595959")
    fuente_aviso = Font(bold=True, color="9C0006")

    def tabla(ws: Any, fila: int, encabezados: list[str], filas: list[list[Any]], anchos: list[int]) -> int:
        for j, h in enumerate(encabezados, 1):
            poner(ws, fila, j, h, font=cabecera_fuente, fill=cabecera_relleno, alignment=envolver, border=borde)
        for i, valores in enumerate(filas, fila + 1):
            for j, v in enumerate(valores, 1):
                poner(ws, i, j, v, alignment=envolver, border=borde)
            ws.row_dimensions[i].height = alto(valores, anchos)
        ws.row_dimensions[fila].height = alto(encabezados, anchos)
        for j, ancho in enumerate(anchos, 1):
            ws.column_dimensions[get_column_letter(j)].width = ancho
        ultima = fila + len(filas)
        ws.auto_filter.ref = f"A{fila}:{get_column_letter(len(encabezados))}{max(ultima, fila + 1)}"
        ws.freeze_panes = ws.cell(row=fila + 1, column=1)
        return ultima

    def pagina(ws: Any) -> None:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = False
        ws.oddFooter.center.text = "Página &P de &N"

    def a_lo_ancho(ws: Any, fila: int, columnas: int, valor: str, **estilo: Any) -> None:
        """A long text over the width of the table below it, wrapped, so it never widens the printed page."""
        poner(ws, fila, 1, valor, alignment=envolver, **estilo)
        if columnas > 1:
            ws.merge_cells(start_row=fila, start_column=1, end_row=fila, end_column=columnas)

    def titulo(ws: Any, texto: str, columnas: int) -> int:
        a_lo_ancho(ws, 1, columnas, texto, font=fuente_titulo)
        ws.row_dimensions[1].height = 22
        ws.row_dimensions[2].height = 30
        a_lo_ancho(ws, 2, columnas, f"Fecha de corte: {informe.corte} · Semestres evaluados: {informe.semestres} · "
                                    f"Versión del plan: {informe.version_plan} · pni {informe.version_pni}",
                   font=fuente_subtitulo)
        fila = 3
        if informe.ilustrativo:
            a_lo_ancho(ws, 3, columnas, "⚠ DATOS ILUSTRATIVOS: los avances son valores de ejemplo (ilustrativo: "
                                        "true), no informes reales de las instituciones.",
                       font=fuente_aviso, fill=relleno("FFC7CE"))
            fila = 4
        return fila + 1

    wb = Workbook()
    # --- Resumen
    ws = wb.active
    ws.title = "Resumen"
    inicio = titulo(ws, f"{informe.titulo}" + (f" — Eje {informe.filtro_eje}" if informe.filtro_eje else ""),
                    len(informe.estados) + 2)
    estados = informe.estados
    filas: list[list[Any]] = [[f"{e.id}. {e.nombre}", *[e.conteo[k] for k, _ in estados], e.total]
                              for e in informe.ejes]
    filas.append(["Total", *[informe.total[k] for k, _ in estados], informe.total_indicadores])
    ultima = tabla(ws, inicio, ["Eje", *[p.capitalize() for _, p in estados], "Total"], filas,
                   [38, *[11] * len(estados), 9])
    for j, (k, _) in enumerate(estados, 2):
        ws.cell(row=inicio, column=j).fill = relleno(COLORES[k])
        ws.cell(row=inicio, column=j).font = Font(bold=True, color="000000")
    for j in range(1, len(estados) + 3):
        ws.cell(row=ultima, column=j).font = Font(bold=True)
    ws.auto_filter.ref = None
    grafico = BarChart()
    grafico.type = "bar"
    grafico.grouping = "stacked"
    grafico.overlap = 100
    grafico.title = "Indicadores por estado del semáforo"
    grafico.y_axis.title = "Indicadores"
    datos = Reference(ws, min_col=2, max_col=1 + len(estados), min_row=inicio, max_row=ultima - 1)
    categorias = Reference(ws, min_col=1, min_row=inicio + 1, max_row=ultima - 1)
    grafico.add_data(datos, titles_from_data=True)
    grafico.set_categories(categorias)
    for serie, (k, _) in zip(grafico.series, estados, strict=True):
        serie.graphicalProperties.solidFill = COLORES[k]
        serie.graphicalProperties.line.solidFill = COLORES[k]
    grafico.height, grafico.width = 9, 22
    ws.add_chart(grafico, f"A{ultima + 2}")
    fila = ultima + 22
    ws.row_dimensions[fila].height = 45
    a_lo_ancho(ws, fila, len(estados) + 2,
               "Semáforo: verde ≥ {verde:g} % de lo esperado a la fecha; amarillo ≥ {amarillo:g} %; rojo por "
               "debajo; «revisar meta» por encima de {revisar_meta:g} %. Cumplida: meta final alcanzada. "
               "Sin reporte: ningún reporte en los semestres evaluados.".format(**informe.umbrales),
               font=Font(italic=True))
    pagina(ws)

    # --- one sheet per eje
    for eje in informe.ejes:
        ws = wb.create_sheet(f"Eje {eje.id}")
        inicio = titulo(ws, f"Eje {eje.id}: {eje.nombre}", 11)
        filas = []
        estados_filas = []
        for itv in eje.intervenciones:
            for f in itv.filas:
                filas.append([f.id, f"{f.actividad} {f.actividad_texto}", f.indicador, f.meta, f.esperado,
                              f.reportado, f.logro, f.etiqueta + (f" ({f.notas})" if f.notas else ""),
                              f.responsables, f.ultimo, f.observaciones])
                estados_filas.append(f.estado)
        tabla(ws, inicio, ["Id", "Actividad", "Indicador", "Meta (fuente)", "Esperado a la fecha", "Reportado",
                           "% logro", "Semáforo", "Responsables", "Último reporte", "Observaciones"], filas,
              [10, 40, 40, 30, 11, 11, 9, 16, 18, 16, 40])
        for i, estado in enumerate(estados_filas, inicio + 1):
            estilar(ws.cell(row=i, column=8), fill=relleno(COLORES[estado]),
                    font=negrita("FFFFFF" if estado in ("cumplida", "rojo", "no_cumplida") else "000000"))
            for col in (5, 6, 7):
                estilar(ws.cell(row=i, column=col), alignment=a_la_derecha)
        pagina(ws)

    # --- Reportes: institutions × semesters
    ws = wb.create_sheet("Reportes")
    sems = informe.semestres_entregas
    inicio = titulo(ws, "Entregas de informes por institución y semestre", len(sems) + 1)
    filas = [[inst, *[fila_.get(s, "—") for s in sems]] for inst, fila_ in informe.completitud.items()]
    tabla(ws, inicio, ["Institución", *sems], filas, [34, *[18] * len(sems)])
    for i, valores in enumerate(filas, inicio + 1):
        for j, semestre in enumerate(sems, 2):
            color = ENTREGAS.get(informe.estados_entrega.get(valores[0], {}).get(semestre, ""))
            if color:
                estilar(ws.cell(row=i, column=j), fill=relleno(color))
    pagina(ws)

    # --- Metas por definir
    ws = wb.create_sheet("Metas por definir")
    inicio = titulo(ws, "Metas por definir", 5)
    tabla(ws, inicio, ["Indicador", "Texto", "Meta en la fuente", "Se define en la actividad", "Responsables"],
          [[m.id, m.indicador, m.meta, m.definida_en, m.responsables] for m in informe.metas_por_definir],
          [12, 50, 40, 16, 24])
    pagina(ws)

    # --- Inconsistencias de la fuente
    ws = wb.create_sheet("Inconsistencias")
    inicio = titulo(ws, "Inconsistencias de la fuente registradas en el plan", 3)
    tabla(ws, inicio, ["Dónde", "Código", "Descripción"],
          [[n.donde, n.codigo, n.descripcion] for n in informe.inconsistencias], [12, 26, 100])
    pagina(ws)

    fijo = dt.datetime.combine(dt.date.fromisoformat(informe.corte_iso), dt.time())
    wb.properties.creator = "pni"
    wb.properties.lastModifiedBy = "pni"
    wb.properties.title = informe.titulo
    wb.properties.created = fijo
    wb.properties.modified = fijo
    return guardar_con_fecha(wb, fijo)
