"""The progress form as commented YAML (ruamel round-trip): before each report, the activity, the indicator's text
and its meta; beside its value, the unit and the kind of figure asked for; the optional narrative per activity;
and the schema header so that editors complete and underline while the focal point types."""

from __future__ import annotations

from ..formulario import ESTADOS, actividades, debidos, desglose, que_informar
from ..periodos import Semestre
from ..plan import Plan
from ..texto_seguro import comentario_yaml
from .avance_yaml import CABECERA_ESQUEMA, volcar


def yaml_plantilla(plan: Plan, clave: str, sem: Semestre) -> str:
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
        r.yaml_add_eol_comment(comentario_yaml(que_informar(ind)), "valor")
        r.yaml_add_eol_comment(" | ".join(ESTADOS), "estado")
        lista.append(r)
        antes = (f"{d.actividad_id} {comentario_yaml(d.actividad_texto)}\n{ind.id} {comentario_yaml(ind.texto)}"
                 f"\nMeta: {comentario_yaml(ind.meta.texto)}")
        if desglose(ind) is not None:
            antes += "\nDesglose opcional, que debe sumar el valor: desglose: {sexo: {mujeres: N, hombres: N}}"
        lista.yaml_set_comment_before_after_key(n, before=antes, indent=2)
    acts = actividades(plan, clave, sem)
    if acts:
        narrativa = CommentedSeq()
        for n, act in enumerate(acts):
            m = CommentedMap()
            m["actividad"] = DoubleQuotedScalarString(act.id)
            m["logros"] = None
            m["dificultades"] = None
            m["proximos_pasos"] = None
            narrativa.append(m)
            narrativa.yaml_set_comment_before_after_key(n, before=f"{act.id} {comentario_yaml(act.texto)}",
                                                        indent=2)
        doc["actividades"] = narrativa
        doc.yaml_set_comment_before_after_key(
            "actividades", before="Opcional: lo ocurrido en cada actividad, en pocas líneas (hasta 2,000 caracteres "
                                  "cada texto);\nborre lo que no use")
    inst = plan.instituciones[clave]
    cabecera = (f"{CABECERA_ESQUEMA}"
                f"# Informe de avance del PNI 2024-2028 — {comentario_yaml(inst.nombre)} ({clave}), semestre {sem}.\n"
                f"# Guárdelo como avances/{sem}/{clave}.yaml. Llene «valor» de cada indicador (y «estado»,\n"
                "# «evidencia», «observaciones» si aplica); borre el reporte de un indicador sin datos.\n"
                "# El comentario junto a «valor» dice la unidad y qué cifra se pide: lo realizado en el semestre,\n"
                "# el total vigente al cierre o el total acumulado desde el inicio.\n"
                "# Compruebe el archivo con: pni validar avances/" + f"{sem}/{clave}.yaml\n")
    if not lista:
        cabecera += "# La institución no tiene indicadores que reportar en este semestre: deje «reportes: []».\n"
    return cabecera + volcar(doc)
