"""The plan by GCM objective as an Excel workbook (`pni reporte --formato xlsx --por-objetivo`), for the officials
who build the review's tables: each sheet one flat table with the objective in its first column, so that a filter
gives one objective and a pivot table any summary.

Sheets: Resumen (the 23 objectives), Actividades (each activity under each objective it contributes to, with
responsables, period, state and why), Cifras clave (each indicator's figure at the cut-off date with its
breakdowns), Reportes (each report as the institution wrote it, its value a number), Desgloses (each part of each
breakdown, a number, for a pivot table by sex, age or migration status), Narrativa (logros, dificultades, próximos
pasos), Principios (the guiding principles and the plan's means of implementation) and Método. Every sheet carries
the illustrative-data and proposed-alignment warnings when they apply. Printed as the meeting report is: Letter
landscape at 8 points or more, Arial throughout, the palette's colour pairs, each row as tall as its text measures
and the header repeated on every page (`excel.pagina_carta_horizontal`). Every cell is written by `excel.poner`: never
a formula, nothing XML cannot hold; the same data give the same bytes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..objetivos import ORIGENES, PorObjetivo, aviso_propuesta, origenes_en_palabras
from ..progreso import ESTADOS, ETIQUETAS
from ..semaforo import SIMBOLOS
from . import paleta
from .excel import ajustar_altos, estilar, guardar_con_fecha, pagina_carta_horizontal, poner

SIN_OBJETIVO = "—"  # the objective column of the plan's means of implementation
ANCHO_CUENTA = 5  # a column of counts under a header turned upright: the 12 counts of the Resumen fit the page


def libro(v: PorObjetivo) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from ..openpyxl_privado import fuente_del_libro

    fino = Side(style="thin", color=paleta.BORDE)
    borde = Border(left=fino, right=fino, top=fino, bottom=fino)
    envolver = Alignment(wrap_text=True, vertical="top")
    arial = "Arial"
    cabecera_fuente = Font(name=arial, size=10, bold=True, color=paleta.ENCABEZADO[1])
    cabecera_relleno = PatternFill("solid", fgColor=paleta.ENCABEZADO[0])
    fuente_titulo = Font(name=arial, bold=True, size=14)
    fuente_subtitulo = Font(name=arial, size=10, italic=True, color=paleta.SUBTITULO[1])
    fuente_aviso = Font(name=arial, size=10, bold=True, color=paleta.AVISO[1])
    fuente_propuesta = Font(name=arial, size=10, bold=True, color=paleta.PROPUESTA[1])
    fuente_nota = Font(name=arial, size=10, italic=True)
    normal = Font(name=arial, size=10)
    negrita = Font(name=arial, size=10, bold=True)
    fuente_estado = {k: Font(name=arial, size=10, bold=True, color=texto)  # the palette's pairs
                     for k, (_, texto) in paleta.ESTADOS.items()}
    rellenos: dict[str, PatternFill] = {}

    def relleno(color: str) -> PatternFill:
        if color not in rellenos:
            rellenos[color] = PatternFill("solid", fgColor=color)
        return rellenos[color]

    centrado = Alignment(horizontal="center", vertical="top", wrap_text=True)
    vertical = Alignment(horizontal="center", vertical="bottom", textRotation=90)

    def a_lo_ancho(ws: Any, fila: int, columnas: int, valor: str, **estilo: Any) -> None:
        poner(ws, fila, 1, valor, alignment=envolver, **estilo)
        if columnas > 1:
            ws.merge_cells(start_row=fila, start_column=1, end_row=fila, end_column=columnas)

    def hoja(titulo_hoja: str, titulo: str, encabezados: list[str], anchos: list[int], filas: list[list[Any]],
             estados: dict[int, list[str]] | None = None, nota: str = "",
             numeros: tuple[int, ...] = (), giradas: tuple[int, ...] = ()) -> tuple[Any, int]:
        """A sheet: title, subtitle, the warnings that apply, an optional note, then the table (header fixed,
        filters), printed landscape to the page's width. The first column (the objective) is centred, so that «2»
        never reads as one number with the activity «6.4.3» beside it, and so are the `numeros` columns; the
        headers of the `giradas` columns are turned upright (narrow columns of counts)."""
        ws = wb.create_sheet(titulo_hoja)
        columnas = len(encabezados)
        for j, ancho in enumerate(anchos, 1):
            ws.column_dimensions[get_column_letter(j)].width = ancho
        a_lo_ancho(ws, 1, columnas, titulo, font=fuente_titulo)
        subtitulo = (f"Fecha de corte: {v.corte} · Semestres evaluados: {v.semestres}"
                     + (f" · Versión del plan: {v.version_plan}" if v.version_plan else "") + f" · pni {v.version_pni}"
                     + (f" · solo el eje {v.filtro_eje}" if v.filtro_eje is not None else ""))
        a_lo_ancho(ws, 2, columnas, subtitulo, font=fuente_subtitulo)
        fila = 3
        if v.propuesta:
            texto = "⚠ ALINEACIÓN PROPUESTA: " + aviso_propuesta(v.propuestos, v.vinculos)
            a_lo_ancho(ws, fila, columnas, texto, font=fuente_propuesta, fill=relleno(paleta.PROPUESTA[0]))
            fila += 1
        if v.ilustrativo:
            texto = ("⚠ DATOS ILUSTRATIVOS: los avances son valores de ejemplo (ilustrativo: true), no informes "
                     "reales de las instituciones.")
            a_lo_ancho(ws, fila, columnas, texto, font=fuente_aviso, fill=relleno(paleta.AVISO[0]))
            fila += 1
        if nota:
            a_lo_ancho(ws, fila, columnas, nota, font=fuente_nota)
            fila += 1
        inicio = fila + 1
        for j, h in enumerate(encabezados, 1):
            poner(ws, inicio, j, h, font=cabecera_fuente, fill=cabecera_relleno,
                  alignment=vertical if j in giradas else centrado if j == 1 or j in numeros else envolver,
                  border=borde)
        for i, valores in enumerate(filas, inicio + 1):
            for j, valor in enumerate(valores, 1):
                alineacion = centrado if j == 1 or j in numeros else envolver
                poner(ws, i, j, valor, font=normal, alignment=alineacion, border=borde)
        for columna, lista in (estados or {}).items():
            for i, estado in enumerate(lista, inicio + 1):
                if estado in paleta.ESTADOS:
                    estilar(ws.cell(row=i, column=columna), fill=relleno(paleta.ESTADOS[estado][0]),
                            font=fuente_estado[estado])
        ws.auto_filter.ref = f"A{inicio}:{get_column_letter(columnas)}{max(inicio + len(filas), inicio + 1)}"
        ws.freeze_panes = ws.cell(row=inicio + 1, column=1)
        hojas.append((ws, inicio))
        return ws, inicio

    def terminar(ws: Any, inicio: int) -> None:
        """Each row its measured height, and the page: the header repeated, kept with the first row."""
        ajustar_altos(ws)
        pagina_carta_horizontal(ws, f"{inicio}:{inicio}", pie.replace("&", "&&"), juntas=[(inicio, inicio + 1)])

    hojas: list[tuple[Any, int]] = []
    pie = f"{v.titulo} · corte {v.corte}"

    wb = Workbook()
    fuente_del_libro(wb, Font(name=arial, size=10))
    wb.remove(wb.active)

    # --- Resumen: the 23 objectives
    filas: list[list[Any]] = []
    for o in v.objetivos:
        alineacion = origenes_en_palabras(o.origenes)
        filas.append([o.id, o.etiqueta, len(o.actividades), o.indirectas, o.indicadores,
                      *[o.conteo[k] for k in ESTADOS], ", ".join(o.instituciones) or "—", alineacion])
    notas = ["Una actividad puede contribuir a varios objetivos: las filas no se suman."]
    if v.sin_actividad:
        notas.append("Objetivos sin ninguna actividad del plan: "
                     + "; ".join(f"{n} ({e})" for n, e in v.sin_actividad) + ".")
    if v.medios:
        notas.append("Actividades sin objetivo propio (medios de implementación del plan, ver la hoja Principios): "
                     + ", ".join(a.id for a in v.medios) + ".")
    ws, fila_cabecera = hoja("Resumen", v.titulo,
              ["Objetivo", "Etiqueta", "Actividades", "Por vínculo indirecto", "Indicadores",
               *[ETIQUETAS[k].capitalize() for k in ESTADOS], "Instituciones", "Alineación"],
              [9, 21, *[ANCHO_CUENTA] * (3 + len(ESTADOS)), 61, 14], filas, nota=" ".join(notas),
              numeros=tuple(range(3, 6 + len(ESTADOS))), giradas=tuple(range(3, 6 + len(ESTADOS))))
    for j, k in enumerate(ESTADOS, 6):
        estilar(ws.cell(row=fila_cabecera, column=j), fill=relleno(paleta.ESTADOS[k][0]), font=fuente_estado[k],
                alignment=vertical)
    for i, o in enumerate(v.objetivos, fila_cabecera + 1):
        if not o.actividades:
            estilar(ws.cell(row=i, column=3), font=fuente_aviso)

    # --- Actividades: each activity under each objective
    filas, estados = [], []
    for o in v.objetivos:
        for a in o.actividades:
            estado = (f"{SIMBOLOS[a.estado]} " if a.estado else "") + a.etiqueta + (f" ({a.nota})" if a.nota else "")
            filas.append([o.id, o.etiqueta, a.id, a.texto, a.eje, ", ".join(a.responsables), a.periodo, estado,
                          ", ".join(a.medido_por) or "—",
                          a.origen, "sí" if a.indirecto else "no", a.razon or "—"])
            estados.append(a.estado or "")
    hoja("Actividades", "Actividades que contribuyen a cada objetivo",
         ["Objetivo", "Etiqueta", "Actividad", "Texto de la actividad", "Eje", "Responsables", "Periodo", "Estado",
          "Indicadores que lo miden", "Origen del vínculo", "Indirecto", "Por qué contribuye"],
         [9, 21, 10, 30, 5, 14, 10, 12, 12, 10, 10, 22], filas, {8: estados}, numeros=(5,))

    # --- Cifras clave
    filas, estados = [], []
    for o in v.objetivos:
        for a in o.actividades:
            for c in a.cifras:
                filas.append([o.id, a.id, c.id, c.texto, c.meta, c.esperado, c.reportado, c.logro,
                              f"{SIMBOLOS[c.estado]} {c.etiqueta}", c.notas or "—", "\n".join(c.desglose) or "—"])
                estados.append(c.estado)
    hoja("Cifras clave", "Cifras clave por objetivo",
         ["Objetivo", "Actividad", "Indicador", "Texto del indicador", "Meta (fuente)", "Esperado a la fecha",
          "Reportado", "% logro", "Semáforo", "Notas", "Desglose"],
         [9, 10, 10, 30, 20, 10, 11, 8, 12, 16, 29], filas, {9: estados}, numeros=(6, 7, 8),
         nota="Lo reportado en los semestres evaluados, con el mismo cálculo que pni estado. En los conteos que se "
              "suman, cada desglose suma los informes que lo traen; en los demás, es el del último semestre.")

    # --- Reportes: as each institution wrote them; Desgloses: each part, a number
    filas, partes = [], []
    for o in v.objetivos:
        for a in o.actividades:
            for c in a.cifras:
                for r in c.reportes:
                    filas.append([o.id, c.id, r.periodo, r.institucion, r.cifra,
                                  "\n".join(f"{d}: {t}" for d, t in r.desglose.items()) or "—"])
                    partes += [[o.id, c.id, r.periodo, r.institucion, d, k, x] for d, k, x in r.partes]
    # the indicators' texts are in «Cifras clave»: one line a row here, for filtering and pivot tables
    hoja("Reportes", "Cada reporte de los semestres evaluados, con sus desgloses",
         ["Objetivo", "Indicador", "Semestre", "Institución", "Valor", "Desglose"],
         [9, 10, 10, 14, 10, 70], filas, numeros=(5,),
         nota="Un reporte aparece una vez por cada objetivo que su indicador mide: para sumar, filtre un objetivo. "
              "El texto de cada indicador está en la hoja Cifras clave.")
    hoja("Desgloses", "Cada parte de cada desglose reportado",
         ["Objetivo", "Indicador", "Semestre", "Institución", "Desglose", "Categoría", "Valor"],
         [9, 10, 10, 14, 22, 26, 10], partes, numeros=(7,),
         nota="Una fila por categoría (mujeres, hombres, un tramo de edad, una condición migratoria…), para hacer "
              "tablas dinámicas por sexo, edad o situación migratoria. Filtre un objetivo antes de sumar."
              + ("" if partes else " Ningún reporte de los semestres evaluados trae desgloses."))

    # --- Narrativa
    filas = []
    for o in v.objetivos:
        for a in o.actividades:
            for relato in a.relatos:
                filas.append([o.id, a.id, a.texto, relato.institucion, relato.periodo, relato.logros or "—",
                              relato.dificultades or "—", relato.proximos_pasos or "—"])
    for a in v.medios:
        for relato in a.relatos:
            filas.append([SIN_OBJETIVO, a.id, a.texto, relato.institucion, relato.periodo, relato.logros or "—",
                          relato.dificultades or "—", relato.proximos_pasos or "—"])
    hoja("Narrativa", "Lo que informan las instituciones de cada actividad",
         ["Objetivo", "Actividad", "Texto de la actividad", "Institución", "Semestre", "Logros", "Dificultades",
          "Próximos pasos"], [9, 10, 28, 12, 10, 32, 32, 32], filas,
         nota="Los campos logros, dificultades y próximos pasos de los archivos de avance que se cuentan a la fecha "
              f"de corte. «{SIN_OBJETIVO}» en Objetivo: un medio de implementación del plan (hoja Principios)."
              + ("" if filas else " Ninguna institución los llenó todavía."))

    # --- Principios and the plan's means of implementation
    filas = []
    for p in v.principios:
        filas.append([p.id, p.nombre, p.texto, ", ".join(a for a, _ in p.actividades) or "ninguna",
                      "\n".join(p.notas) or "—"])
    for a in v.medios:
        filas.append([a.id, "Medio de implementación del plan (sin objetivo propio)", a.texto,
                      ", ".join(f"{p.principio} ({ORIGENES[p.origen]})" for p in a.principios) or "—",
                      " · ".join(p.razon for p in a.principios if p.razon) or "—"])
    hoja("Principios", "Principios rectores y medios de implementación del plan",
         ["Principio o actividad", "Nombre", "Texto (fuente)", "Actividades o principios", "Notas"],
         [12, 26, 56, 26, 45], filas)

    # --- Método
    metodo = [
        ["La fuente", "El plan dice que sus prioridades «se encuentran alineados a los objetivos del PMM como se "
                      "detalla a continuación», pero la tabla que seguía era una imagen y no se conserva en el texto."],
        ["Dónde se escribe", "Cada actividad lleva en plan/eje-*.yaml los objetivos (objetivos_pmm) y principios "
                             "(principios_pmm) a los que contribuye; un indicador, solo si mide otros objetivos que "
                             "su actividad."],
        ["Origen", "de la fuente: lo dice el plan · confirmado por el Mecanismo · propuesta: una lectura del texto de "
                   "la actividad; la razón cita entre «» las palabras que la sostienen."],
        ["Indirecto", "El vínculo pasa por el tema del eje de la actividad (una reunión, un diagnóstico, un plan de "
                      "formación del eje)."],
        ["Vínculos del plan", f"{v.vinculos}: {origenes_en_palabras(v.origenes)}"],
        ["Cómo se confirma", "El Mecanismo cambia origen: propuesta por origen: mecanismo en el archivo del eje (o "
                             "corrige o quita el vínculo); pni validar revisa que cada objetivo y principio exista y "
                             "que cada actividad quede vinculada."],
    ]
    ws, inicio = hoja("Método", "Cómo se hizo la alineación", ["Tema", "Qué dice"], [22, 100], metodo)
    ws.auto_filter.ref = None
    for i in range(len(metodo)):
        estilar(ws.cell(row=inicio + 1 + i, column=1), font=negrita, alignment=envolver)

    for ws, inicio in hojas:
        terminar(ws, inicio)
    fijo = dt.datetime.combine(dt.date.fromisoformat(v.corte_iso), dt.time())
    wb.properties.creator = "pni"
    wb.properties.lastModifiedBy = "pni"
    wb.properties.title = v.titulo
    wb.properties.created = fijo
    wb.properties.modified = fijo
    return guardar_con_fecha(wb, fijo)
