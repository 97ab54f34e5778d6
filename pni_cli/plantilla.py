"""`pni plantilla`: the progress form an institution fills in, listing exactly the indicators it owes for one
semester, as commented YAML (ruamel round-trip) or as an Excel workbook with protected ids and validations."""

from __future__ import annotations

import io
from dataclasses import dataclass

from .models import Indicador
from .periodos import Semestre
from .workspace import Plan

HOJA = "Avances"
HOJA_DATOS = "_pni"
FILA_ENCABEZADO = 7
COLUMNAS = ["Indicador", "Actividad", "Texto del indicador", "Meta (fuente)", "Tipo de meta", "Valor", "Estado",
            "Evidencia (enlaces, uno por línea)", "Observaciones"]
COL_VALOR, COL_ESTADO, COL_EVIDENCIA, COL_OBS = 6, 7, 8, 9
CELDA_FECHA = "C4"
CELDA_REPORTADO_POR = "C5"
ESTADOS = ["no_iniciada", "en_curso", "completada", "suspendida"]
ESQUEMA_RELATIVO = "../../esquemas/avance.schema.json"


@dataclass(frozen=True)
class Debido:
    indicador: Indicador
    actividad_id: str
    actividad_texto: str


def debidos(plan: Plan, clave: str, sem: Semestre) -> list[Debido]:
    """The indicators `clave` must report for `sem`: those of its activities whose window covers the semester,
    except metas por definir (nothing to measure yet)."""
    out = []
    for act in plan.actividades.values():
        if clave in act.responsables.instituciones and sem in plan.ventana(act):
            out += [Debido(ind, act.id, act.texto) for ind in act.indicadores if ind.meta.tipo != "por_definir"]
    return out


def como_se_mide(ind: Indicador) -> str:
    m = ind.meta
    if m.tipo == "conteo":
        return f"conteo: {m.unidad or 'cantidad'} del semestre (no acumulado)"
    if m.tipo == "porcentaje":
        return "porcentaje alcanzado, de 0 a 100"
    if m.tipo == "promedio":
        return f"promedio del semestre ({m.unidad or 'valor medio'})"
    return f"hito: avance de 0 a 100 % ({m.entregable or 'entregable'}); 100 exige evidencia"


def yaml_plantilla(plan: Plan, clave: str, sem: Semestre) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    doc = CommentedMap()
    doc["periodo"] = str(sem)
    doc["institucion"] = clave
    doc["fecha_reporte"] = None
    doc["reportado_por"] = None
    doc["reportes"] = CommentedSeq()
    doc.yaml_add_eol_comment("semestre del informe: no lo cambie", "periodo")
    doc.yaml_add_eol_comment("fecha de entrega, AAAA-MM-DD", "fecha_reporte")
    doc.yaml_add_eol_comment("unidad o persona que informa", "reportado_por")
    lista = doc["reportes"]
    for n, d in enumerate(debidos(plan, clave, sem)):
        ind = d.indicador
        r = CommentedMap()
        r["indicador"] = DoubleQuotedScalarString(ind.id)
        r["valor"] = None
        r["estado"] = None
        r["evidencia"] = CommentedSeq()
        r["evidencia"].fa.set_flow_style()
        r["observaciones"] = None
        r.yaml_add_eol_comment(como_se_mide(ind), "valor")
        r.yaml_add_eol_comment("no_iniciada | en_curso | completada | suspendida", "estado")
        lista.append(r)
        lista.yaml_set_comment_before_after_key(
            n, before=f"{d.actividad_id} {d.actividad_texto}\n{ind.id} {ind.texto}\nMeta: {ind.meta.texto}",
            indent=2)
    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    y.dump(doc, buf)
    inst = plan.instituciones[clave]
    cabecera = (f"# yaml-language-server: $schema={ESQUEMA_RELATIVO}\n"
                f"# Informe de avance del PNI 2024-2028 — {inst.nombre} ({clave}), semestre {sem}.\n"
                f"# Guárdelo como avances/{sem}/{clave}.yaml. Llene «valor» de cada indicador (y «estado»,\n"
                "# «evidencia», «observaciones» si aplica); borre el reporte de un indicador sin datos.\n"
                "# Compruebe el archivo con: pni validar avances/" + f"{sem}/{clave}.yaml\n")
    if not lista:
        cabecera += "# La institución no tiene indicadores que reportar en este semestre.\n"
    return cabecera + buf.getvalue()


def xlsx_plantilla(plan: Plan, clave: str, sem: Semestre) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from .render.excel import alto, poner

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
