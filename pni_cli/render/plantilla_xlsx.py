"""The progress form as an Excel workbook: an instructions sheet, the form with the ids and texts protected, lists
and validations on the cells to fill, and a hidden sheet naming the period and the institution."""

from __future__ import annotations

import io

from ..formulario import (
    CELDA_FECHA,
    CELDA_REPORTADO_POR,
    COL_ESTADO,
    COL_EVIDENCIA,
    COL_OBS,
    COL_VALOR,
    COLUMNAS,
    ESTADOS,
    FILA_ENCABEZADO,
    HOJA,
    HOJA_DATOS,
    como_se_mide,
    debidos,
)
from ..periodos import Semestre
from ..plan import Plan


def xlsx_plantilla(plan: Plan, clave: str, sem: Semestre) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .excel import alto, poner

    inst = plan.instituciones[clave]
    lista = debidos(plan, clave, sem)
    wb = Workbook()
    instr = wb.active
    instr.title = "Instrucciones"
    textos = [
        (f"Informe de avance del PNI 2024-2028 — {inst.nombre} ({clave}), semestre {sem}", True),
        ("", False),
        ("1. Vaya a la hoja «Avances». Escriba la fecha de entrega y quién informa.", False),
        ("2. Para cada indicador, escriba el «Valor» (columna F) y, si aplica, el «Estado», la «Evidencia» y las "
         "«Observaciones». Las columnas grises no se pueden modificar.", False),
        ("3. Conteos: lo logrado en el semestre, no el acumulado. Porcentajes e hitos: de 0 a 100 (75 significa "
         "75 %). Promedios: el valor medio del semestre.", False),
        ("4. Un hito al 100 necesita evidencia (un enlace o la referencia del documento).", False),
        ("5. Deje vacía la fila de un indicador sin datos: se informará como no reportado.", False),
        ("6. No cambie el nombre de las hojas. Envíe el archivo a la unidad de seguimiento; se importa con "
         "«pni importar ARCHIVO.xlsx», que señala cada error con su hoja y celda.", False),
    ]
    for i, (t, negrita) in enumerate(textos, 1):
        poner(instr, i, 1, t, font=Font(bold=negrita, size=13 if negrita else 11),
              alignment=Alignment(wrap_text=True, vertical="top"))
    instr.column_dimensions["A"].width = 110

    ws = wb.create_sheet(HOJA)
    gris = PatternFill("solid", fgColor="E7E6E6")
    cab = PatternFill("solid", fgColor="1F4E79")
    poner(ws, 1, 1, f"Informe de avance del PNI 2024-2028 — {clave}", font=Font(bold=True, size=14))
    poner(ws, 2, 1, "Institución:", font=Font(bold=True))
    poner(ws, 2, 3, f"{clave} — {inst.nombre}")
    poner(ws, 3, 1, "Periodo:", font=Font(bold=True))
    poner(ws, 3, 3, str(sem))
    poner(ws, 4, 1, "Fecha de reporte (AAAA-MM-DD):", font=Font(bold=True))
    poner(ws, 5, 1, "Reportado por:", font=Font(bold=True))
    for ref in (CELDA_FECHA, CELDA_REPORTADO_POR):
        ws[ref].protection = Protection(locked=False)
        ws[ref].fill = PatternFill("solid", fgColor="FFF2CC")
    ws[CELDA_FECHA].number_format = "yyyy-mm-dd"
    anchos = [10, 40, 45, 30, 28, 12, 14, 36, 40]
    for j, (h, ancho) in enumerate(zip(COLUMNAS, anchos, strict=True), 1):
        poner(ws, FILA_ENCABEZADO, j, h, font=Font(bold=True, color="FFFFFF"), fill=cab,
              alignment=Alignment(wrap_text=True, vertical="top"))
        ws.column_dimensions[get_column_letter(j)].width = ancho
    estado = DataValidation(type="list", formula1='"' + ",".join(ESTADOS) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Estado no válido",
                            error="Elija uno de: " + ", ".join(ESTADOS))
    nivel = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                           showErrorMessage=True, errorTitle="Valor no válido",
                           error="Escriba un número de 0 a 100 (75 significa 75 %).")
    cantidad = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                              showErrorMessage=True, errorTitle="Valor no válido",
                              error="Escriba un número mayor o igual que cero, sin separador de miles.")
    for dv in (estado, nivel, cantidad):
        ws.add_data_validation(dv)
    for i, d in enumerate(lista, FILA_ENCABEZADO + 1):
        ind = d.indicador
        valores = [ind.id, f"{d.actividad_id} {d.actividad_texto}", ind.texto, ind.meta.texto, como_se_mide(ind)]
        for j, v in enumerate(valores, 1):
            poner(ws, i, j, v, fill=gris, alignment=Alignment(wrap_text=True, vertical="top"))
        for j in (COL_VALOR, COL_ESTADO, COL_EVIDENCIA, COL_OBS):
            c = ws.cell(row=i, column=j)
            c.protection = Protection(locked=False)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        (nivel if ind.meta.tipo in ("porcentaje", "hito") else cantidad).add(ws.cell(row=i, column=COL_VALOR))
        estado.add(ws.cell(row=i, column=COL_ESTADO))
        ws.row_dimensions[i].height = alto(valores, anchos)
    ws.freeze_panes = ws.cell(row=FILA_ENCABEZADO + 1, column=COL_VALOR)
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.active = wb.index(ws)

    datos = wb.create_sheet(HOJA_DATOS)
    for i, (k, v) in enumerate([("formato", "pni-plantilla-avance"), ("version", "1"), ("periodo", str(sem)),
                                ("institucion", clave)], 1):
        poner(datos, i, 1, k)
        poner(datos, i, 2, v)
    datos.sheet_state = "hidden"
    datos.protection.sheet = True
    wb.properties.creator = "pni"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
