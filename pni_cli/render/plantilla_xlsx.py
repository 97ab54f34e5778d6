"""The progress form as an Excel workbook that looks like a form: an instructions page that prints on one page, the
«Avances» sheet (one row per owed indicator: its id, activity, text, meta and what to write, protected and grey;
the cells to fill bordered and tinted, with the unit and kind of figure beside the value, lists and validations,
and the Mujeres/Hombres columns where the indicator counts people), the «Actividades» sheet for what happened in
each activity, and a hidden sheet naming the form, the period and the institution. Letter landscape, like the
report; one font family throughout; the same plan and semester give the same bytes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..formulario import (
    CELDA_FECHA,
    CELDA_INSTITUCION,
    CELDA_PERIODO,
    CELDA_REPORTADO_POR,
    COL_ESTADO,
    COL_EVIDENCIA,
    COL_OBS,
    COL_VALOR,
    COLUMNAS,
    COLUMNAS_ACT,
    ETIQUETAS_ESTADO,
    FILA_ENCABEZADO,
    FILA_ENCABEZADO_ACT,
    FORMATO,
    HOJA,
    HOJA_ACTIVIDADES,
    HOJA_DATOS,
    HOJA_INSTRUCCIONES,
    VERSION,
    encabezado_institucion,
    filas,
    filas_actividades,
)
from ..modelos import MAX_NARRATIVA
from ..periodos import Semestre
from ..plan import Plan
from . import paleta

FUENTE = "Arial"
AMARILLO = paleta.PARA_LLENAR[0]  # the cells to fill
GRIS = paleta.FIJO[0]  # what is not to be changed
AZUL = paleta.ENCABEZADO[0]  # headers, white on it


# A cell to fill is left tall enough for what an institution typically writes there: a link and a reference as
# evidence, two or three sentences of observations (in the «Actividades» sheet, of logros, dificultades, próximos
# pasos); taller rows can still be made (the sheets let rows and columns be resized).
LINEAS_PARA_LLENAR = 6


def xlsx_plantilla(plan: Plan, clave: str, sem: Semestre) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..openpyxl_privado import fuente_del_libro
    from .excel import ajustar_altos, alto_de_lineas, estilar, guardar_con_fecha, poner

    inst = plan.instituciones[clave]
    lista = filas(plan, clave, sem)
    acts = filas_actividades(plan, clave, sem)
    vence = sem.vencimiento(plan.general.plazo_dias)

    normal = Font(name=FUENTE, size=10)
    negrita = Font(name=FUENTE, size=10, bold=True)
    titulo = Font(name=FUENTE, size=14, bold=True, color=paleta.SECCION[1])
    blanca = Font(name=FUENTE, size=10, bold=True, color="FFFFFF")
    gris_texto = Font(name=FUENTE, size=10, italic=True, color=paleta.NOTA[1])
    envolver = Alignment(wrap_text=True, vertical="top")
    centro = Alignment(wrap_text=True, vertical="center", horizontal="center")
    fino = Side(style="thin", color="A6A6A6")
    marco = Side(style="thin", color="7F6000")
    borde_fijo = Border(left=fino, right=fino, top=fino, bottom=fino)
    borde_llenar = Border(left=marco, right=marco, top=marco, bottom=marco)
    relleno_fijo = PatternFill("solid", fgColor=GRIS)
    relleno_llenar = PatternFill("solid", fgColor=AMARILLO)
    relleno_cab = PatternFill("solid", fgColor=AZUL)
    abierta = Protection(locked=False)
    cerrada = Protection(locked=True)

    def fija(ws: Any, fila: int, col: int, valor: Any, **estilo: Any) -> None:
        poner(ws, fila, col, valor, font=estilo.pop("font", normal), fill=relleno_fijo, border=borde_fijo,
              alignment=estilo.pop("alignment", envolver), protection=cerrada, **estilo)

    def para_llenar(ws: Any, fila: int, col: int, **estilo: Any) -> None:
        estilar(ws.cell(row=fila, column=col), font=normal, fill=relleno_llenar, border=borde_llenar,
                alignment=envolver, protection=abierta, **estilo)

    def pagina(ws: Any, filas_titulo: str | None, una_pagina: bool = False) -> None:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1 if una_pagina else 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.page_margins.header = ws.page_margins.footer = 0.3
        if filas_titulo:
            ws.print_title_rows = filas_titulo
        ws.oddFooter.center.text = f"Informe de avance {clave} {sem} — página &P de &N"
        ws.oddFooter.center.font = FUENTE
        ws.oddFooter.center.size = 10  # a footer scales with the sheet: 8 points or more on paper

    def proteger(ws: Any) -> None:
        ws.protection.sheet = True
        ws.protection.formatRows = False  # row heights and column widths may still be changed
        ws.protection.formatColumns = False

    wb = Workbook()
    fuente_del_libro(wb, Font(name=FUENTE, size=10))  # the unit of the widths: the same in Excel and LibreOffice

    # --- Instrucciones -------------------------------------------------------------------------------------------
    instr = wb.active
    instr.title = HOJA_INSTRUCCIONES
    ancho_instr = 112  # fits the Letter landscape page at 100 %: LibreOffice does not shrink a one-column sheet
    instr.column_dimensions["A"].width = ancho_instr
    fin = "30 de junio" if sem.numero == 1 else "31 de diciembre"
    pasos = [
        (f"Informe de avance del PNI 2024-2028 — {inst.nombre} ({clave}), semestre {sem}", titulo, 14),
        (f"Indicadores que informar: {len(lista)}. Entréguelo a más tardar el {vence.strftime('%d/%m/%Y')} "
         f"({plan.general.plazo_dias} días después del cierre del semestre).", negrita, 10),
        ("1. En la hoja «Avances», escriba en la celda C4 la fecha de entrega (día/mes/año, p. ej. "
         f"{vence.strftime('%d/%m/%Y')}) y en C5 la unidad o la persona que informa.", normal, 10),
        ("2. Hay una fila por cada indicador que su institución debe informar este semestre. Llene solo las celdas "
         "amarillas con borde (Valor, Estado, Evidencia, Observaciones). Las grises no se modifican: la hoja está "
         "protegida; no inserte, borre, ordene ni combine filas o columnas, ni cambie el nombre de las hojas.",
         normal, 10),
        ("3. La columna «Qué informar» dice la unidad y qué cifra se pide: «lo realizado en el semestre» es solo lo "
         f"nuevo de este semestre (el plan suma los semestres); «el total vigente al cierre del semestre» es lo que "
         f"existe al {fin}; «el total acumulado desde el inicio» es la suma desde que empezó la actividad.",
         normal, 10),
        ("4. Valor: solo el número, sin unidades, sin «%» y sin separador de miles: 1250, no «1.250» ni «1,250». "
         "Los conteos son números enteros. Los porcentajes y los hitos van de 0 a 100 (75 significa 75 %). Si no "
         "hubo avance, escriba 0.", normal, 10),
        ("5. Hitos (un plan, un estudio, un registro): el 100 significa terminado y exige evidencia, un enlace o la "
         "referencia del documento que lo respalda.", normal, 10),
        ("6. Mujeres y Hombres (opcional, en los indicadores que cuentan personas): si los llena, deben sumar el "
         "Valor. Otros desgloses (edad, departamento…) se informan en el archivo YAML.", normal, 10),
        ("7. Estado de la actividad: elija de la lista (No iniciada, En curso, Completada, Suspendida). Evidencia: un "
         "enlace o una referencia por línea (Alt+Intro para pasar a la línea siguiente dentro de la celda).",
         normal, 10),
        ("8. Si no tiene el dato de un indicador, deje su fila vacía: el informe se recibe, pero cuenta como "
         "incompleto hasta que se envíe el dato.", normal, 10),
        (f"9. Hoja «Actividades» (opcional): en pocas líneas, los logros, las dificultades y los próximos pasos de "
         f"cada actividad, hasta {MAX_NARRATIVA:,} caracteres por celda.", normal, 10),
        ("10. Guarde el archivo como «Libro de Excel (.xlsx)». En LibreOffice: Archivo → Guardar como → Tipo de "
         "archivo «Excel 2007-365 (.xlsx)» → Guardar → «Usar el formato Excel 2007-365». Envíelo a la unidad de "
         "seguimiento del Mecanismo: al importarlo, «pni importar» señala cada problema con su hoja y su celda.",
         normal, 10),
    ]
    for i, (texto, fuente, _) in enumerate(pasos, 1):
        poner(instr, i, 1, texto, font=fuente, alignment=envolver)
    ajustar_altos(instr, {1: alto_de_lineas(2, 14)})
    pagina(instr, None, una_pagina=True)
    proteger(instr)

    # --- Avances -------------------------------------------------------------------------------------------------
    ws = wb.create_sheet(HOJA)
    poner(ws, 1, 1, f"Informe de avance del PNI 2024-2028 — {clave}, semestre {sem}", font=titulo)
    ws.row_dimensions[1].height = 22
    etiquetas = {CELDA_INSTITUCION: "Institución:", CELDA_PERIODO: "Periodo:",
                 CELDA_FECHA: "Fecha de entrega (día/mes/año):", CELDA_REPORTADO_POR: "Reportado por:"}
    for (fila_etiqueta, _), texto in etiquetas.items():
        poner(ws, fila_etiqueta, 1, texto, font=negrita)
    poner(ws, *CELDA_INSTITUCION, encabezado_institucion(inst), font=negrita)
    poner(ws, *CELDA_PERIODO, str(sem), font=negrita)
    for celda in (CELDA_FECHA, CELDA_REPORTADO_POR):
        para_llenar(ws, *celda)
    ws.cell(*CELDA_FECHA).number_format = "dd/mm/yyyy"
    poner(ws, 6, 1, "Llene las celdas amarillas con borde; las grises no se modifican. Mujeres y Hombres son "
                    "opcionales (deben sumar el Valor). Deje vacía la fila de un indicador sin datos.", font=gris_texto)
    for columna in COLUMNAS:
        poner(ws, FILA_ENCABEZADO, columna.numero, columna.titulo, font=blanca, fill=relleno_cab, alignment=centro,
              border=borde_fijo, protection=cerrada)
        ws.column_dimensions[get_column_letter(columna.numero)].width = columna.ancho
    ws.merge_cells(start_row=CELDA_INSTITUCION[0], start_column=3, end_row=CELDA_INSTITUCION[0], end_column=8)

    def validacion(tipo: str, operador: str, error: str, mensaje: str, f1: str, f2: str | None = None) -> Any:
        dv = DataValidation(type=tipo, operator=operador, formula1=f1, formula2=f2, allow_blank=True,
                            showErrorMessage=True, errorTitle="Valor no válido", error=error,
                            showInputMessage=True, promptTitle="Qué escribir", prompt=mensaje)
        ws.add_data_validation(dv)
        return dv

    entero = validacion("whole", "greaterThanOrEqual", "Un conteo es un número entero mayor o igual que cero, sin "
                        "separador de miles (1250, no 1.250).", "Un número entero, sin separador de miles. Vea "
                        "«Qué informar».", "0")
    nivel = validacion("decimal", "between", "Escriba un número de 0 a 100 (75 significa 75 %), sin «%».",
                       "De 0 a 100 (75 significa 75 %).", "0", "100")
    promedio = validacion("decimal", "greaterThanOrEqual", "Escriba un número mayor o igual que cero.",
                          "El promedio del semestre.", "0")
    partes = validacion("whole", "greaterThanOrEqual", "Un número entero mayor o igual que cero.",
                        "Opcional. Mujeres y hombres deben sumar el Valor.", "0")
    estado = DataValidation(type="list", formula1='"' + ",".join(ETIQUETAS_ESTADO.values()) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Estado no válido",
                            error="Elija uno de: " + ", ".join(ETIQUETAS_ESTADO.values()))
    ws.add_data_validation(estado)
    fecha = DataValidation(type="date", operator="greaterThanOrEqual",
                           formula1=str((sem.fin - dt.date(1899, 12, 30)).days), allow_blank=True,
                           showErrorMessage=True, errorTitle="Fecha no válida",
                           error=f"La fecha de entrega es posterior al cierre del semestre ({sem.fin:%d/%m/%Y}); "
                                 "escríbala día/mes/año.",
                           showInputMessage=True, promptTitle="Fecha de entrega", prompt="Día/mes/año, p. ej. "
                                                                                       f"{vence:%d/%m/%Y}.")
    ws.add_data_validation(fecha)
    fecha.add(ws.cell(*CELDA_FECHA))

    for f in lista:
        tipo = f.debido.indicador.meta.tipo
        for col, texto in f.fijas.items():
            fija(ws, f.fila, col, texto, font=negrita if col == 1 else normal)
        for col in (COL_VALOR, COL_ESTADO, COL_EVIDENCIA, COL_OBS):
            para_llenar(ws, f.fila, col)
        for col in (7, 8):
            if f.desglose is not None:
                para_llenar(ws, f.fila, col)
                partes.add(ws.cell(row=f.fila, column=col))
            else:
                fija(ws, f.fila, col, None)
        {"conteo": entero, "porcentaje": nivel, "hito": nivel}.get(tipo, promedio).add(
            ws.cell(row=f.fila, column=COL_VALOR))
        estado.add(ws.cell(row=f.fila, column=COL_ESTADO))
    para_llenar_alto = alto_de_lineas(LINEAS_PARA_LLENAR)
    ajustar_altos(ws, {**{f.fila: para_llenar_alto for f in lista}, CELDA_REPORTADO_POR[0]: alto_de_lineas(2)})
    ws.freeze_panes = ws.cell(row=FILA_ENCABEZADO + 1, column=COL_VALOR)
    proteger(ws)
    pagina(ws, f"{FILA_ENCABEZADO}:{FILA_ENCABEZADO}")
    wb.active = wb.index(ws)

    # --- Actividades ---------------------------------------------------------------------------------------------
    wa = wb.create_sheet(HOJA_ACTIVIDADES)
    poner(wa, 1, 1, f"Lo ocurrido en cada actividad — {clave}, semestre {sem} (opcional)", font=titulo)
    wa.row_dimensions[1].height = 22
    poner(wa, 2, 1, "En pocas líneas, con sus palabras: lo logrado en el semestre, lo que lo impidió o retrasó y lo "
                    f"que sigue. Hasta {MAX_NARRATIVA:,} caracteres por celda; deje vacío lo que no aplique.",
          font=gris_texto)
    for columna in COLUMNAS_ACT:
        poner(wa, FILA_ENCABEZADO_ACT, columna.numero, columna.titulo, font=blanca, fill=relleno_cab,
              alignment=centro, border=borde_fijo, protection=cerrada)
        wa.column_dimensions[get_column_letter(columna.numero)].width = columna.ancho
    largo = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(MAX_NARRATIVA),
                           allow_blank=True, showErrorMessage=True, errorTitle="Texto demasiado largo",
                           error=f"Hasta {MAX_NARRATIVA:,} caracteres: resuma.")
    wa.add_data_validation(largo)
    for fa in acts:
        for col, texto in fa.fijas.items():
            fija(wa, fa.fila, col, texto, font=negrita if col == 1 else normal)
        for col in (3, 4, 5):
            para_llenar(wa, fa.fila, col)
            largo.add(wa.cell(row=fa.fila, column=col))
    ajustar_altos(wa, {fa.fila: para_llenar_alto for fa in acts})
    wa.freeze_panes = wa.cell(row=FILA_ENCABEZADO_ACT + 1, column=3)
    proteger(wa)
    pagina(wa, f"{FILA_ENCABEZADO_ACT}:{FILA_ENCABEZADO_ACT}")

    # --- _pni: what the form is, hidden; the import checks it against the visible header ----------------------------
    datos = wb.create_sheet(HOJA_DATOS)
    for i, (k, v) in enumerate([("formato", FORMATO), ("version", VERSION), ("periodo", str(sem)),
                                ("institucion", clave)], 1):
        poner(datos, i, 1, k)
        poner(datos, i, 2, v)
    datos.sheet_state = "hidden"
    datos.protection.sheet = True

    momento = dt.datetime.combine(sem.fin, dt.time())
    wb.properties.creator = "pni"
    wb.properties.title = f"Informe de avance {clave} {sem}"
    wb.properties.created = wb.properties.modified = momento
    return guardar_con_fecha(wb, momento)
