"""A progress file as YAML (what `pni importar` writes from a filled Excel form): the file contract's fields in
order (the reports with their breakdowns, then the narrative per activity), ids quoted, the schema header for
editors and the origin of the data as a comment."""

from __future__ import annotations

import io
from typing import Any

from ..avance import Avance
from ..formulario import ESQUEMA_RELATIVO
from ..texto_seguro import comentario_yaml

# The first line of every progress file pni writes: editors (yaml-language-server) complete and underline with it
CABECERA_ESQUEMA = f"# yaml-language-server: $schema={ESQUEMA_RELATIVO}\n"


def volcar(doc: Any) -> str:
    """A ruamel round-trip document as the text of a progress file: two-space mappings, sequence items indented
    under their key, no line ever wrapped."""
    from ruamel.yaml import YAML

    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    y.dump(doc, buf)
    return buf.getvalue()


def yaml_avance(avance: Avance, origen: str) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    doc = CommentedMap()
    doc["periodo"] = avance.periodo
    doc["institucion"] = avance.institucion
    doc["fecha_reporte"] = avance.fecha_reporte
    if avance.reportado_por:
        doc["reportado_por"] = avance.reportado_por
    if avance.ilustrativo:
        doc["ilustrativo"] = True
    lista = CommentedSeq()
    for r in avance.reportes:
        m = CommentedMap()
        m["indicador"] = DoubleQuotedScalarString(r.indicador)
        m["valor"] = r.valor
        if r.desglose:
            m["desglose"] = {dim: dict(partes) for dim, partes in r.desglose.items()}
        if r.estado:
            m["estado"] = r.estado
        if r.evidencia:
            m["evidencia"] = list(r.evidencia)
        if r.observaciones:
            m["observaciones"] = r.observaciones
        lista.append(m)
    doc["reportes"] = lista
    if avance.actividades:
        narrativa = CommentedSeq()
        for a in avance.actividades:
            n = CommentedMap()
            n["actividad"] = DoubleQuotedScalarString(a.actividad)
            for campo in ("logros", "dificultades", "proximos_pasos"):
                if getattr(a, campo):
                    n[campo] = getattr(a, campo)
            narrativa.append(n)
        doc["actividades"] = narrativa
    # the file name goes into a comment: a line break in it would write YAML of its own (say «ilustrativo: true»)
    return f"{CABECERA_ESQUEMA}# Importado de {comentario_yaml(origen)}\n{volcar(doc)}"
